"""Per-language words and numbers (zonebook.lang): Chinese as a 统计公报 writes it, English unchanged."""

import pytest
from conftest import ROOT

import zonebook
from zonebook import data, lang
from zonebook.analysis import readings


@pytest.fixture(scope="module")
def ds():
    return zonebook.load(ROOT / "data")


def test_english_is_what_the_readings_print_today(ds):
    """Every figure of the shipped data, at every bound: lang's English amount, pct and points are readings' own."""
    obs = ds.observations[~ds.observations["is_gap"]]
    for row in obs.itertuples(index=False):
        for bound in lang.BOUND_WORD_EN:
            assert lang.amount(row.value, row.decimals, bound, row.unit) == readings.amount(
                row.value, row.decimals, bound, row.unit
            )
        for signed in (False, True):
            assert lang.pct(row.value, signed) == readings.pct(row.value, signed)
            assert lang.pct(-row.value, signed) == readings.pct(-row.value, signed)
        assert lang.points(row.value) == readings.points(row.value)
        assert lang.cell(row.value, row.decimals, row.bound) == data.format_value(row.value, row.decimals, row.bound)


@pytest.mark.parametrize(
    "value, decimals, bound, unit, chinese",
    [
        (7809.64, 2, "eq", "亿元", "7809.64亿元"),  # no thousands separator, no space before the unit
        (8000, 2, "gt", "亿元", "超8000亿元"),
        (10, 2, "ge", "亿美元", "10亿美元以上"),
        (5.5, 1, "approx", "%", "5.5%左右"),
        (20, 0, "le", "位", "前20位"),  # a rank
        (1, 0, "eq", "位", "第1位"),
        (3, 1, "lt", "%", "低于3%"),
        (100, 0, "le", "家", "不超过100家"),
        (0, 1, "gt", "%", "高于0%"),  # 正增长
        (6013, 2, "eq", "亿元", "6013亿元"),  # at its own precision, as in English
    ],
)
def test_chinese_amounts(value, decimals, bound, unit, chinese):
    assert lang.amount(value, decimals, bound, unit, "zh") == chinese


def test_table_cells():
    assert lang.cell(8000, 2, "gt", "zh") == ">8000" and lang.cell(8000, 2, "gt") == ">8,000"
    assert lang.cell(float("nan"), 2, "eq", "zh") == "—"


def test_rates_points_and_changes():
    assert lang.pct(-2.14, signed=True, lang="zh") == "-2.1%"
    assert lang.pct(-2.14, signed=True) == "−2.1%"
    assert lang.points(1.0, "zh") == "1.0个百分点" and lang.points(1.0) == "1.0 percentage point"
    assert lang.change(5.26) == "增长5.3%" and lang.change(-0.4) == "下降0.4%" and lang.change(0.01) == "持平"


@pytest.mark.parametrize(
    "text, zh", [("2025", "2025年"), ("2025Q1", "2025年一季度"), ("2021-2025", "2021—2025年"), ("later", "later")]
)
def test_periods(text, zh):
    assert lang.period(text, "zh") == zh
    assert lang.period(text, "en") == text


def test_dates():
    assert lang.date("2026-02-25", "zh") == "2026年2月25日"
    assert lang.date("2025-01", "zh") == "2025年1月"
    assert lang.date("2021", "zh") == "2021年"
    assert lang.date("2026-02-25") == "2026-02-25"  # the book's English convention, unchanged
    assert lang.date("2026-02-05", "en", style="long") == "5 February 2026"
    assert lang.date("", "zh") == ""


def test_titles_quotes_lists_and_punctuation():
    assert lang.title("扬州市2023年国民经济和社会发展统计公报", "zh") == "《扬州市2023年国民经济和社会发展统计公报》"
    assert lang.quote("超8000亿元", "zh") == "“超8000亿元”"
    assert lang.join(["2024年", "2025年"], "zh") == "2024年、2025年"
    assert lang.punctuate("国家级制造业单项冠军企业(累计):1,000家;见 https://a.cn/x?a=1,2") == (
        "国家级制造业单项冠军企业（累计）：1,000家；见 https://a.cn/x?a=1,2"
    )
    assert lang.punctuate("12:30") == "12:30"


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        lang.amount(1, 0, "eq", "个", "fr")


def test_text_falls_back_to_the_english_marked_untranslated():
    row = {"summary_en": "The article claims…", "summary_zh": "文章称……", "note": "", "note_zh": ""}
    assert lang.text(row, "summary_en", "zh") == ("文章称……", True)
    assert lang.text(row, "summary_en", "en") == ("The article claims…", True)
    assert lang.text({"summary_en": "The article claims…"}, "summary_en", "zh") == ("The article claims…", False)
    assert lang.text(row, "note", "zh") == ("", True)  # nothing to translate
    assert lang.text({"name_en": "GDP", "name_zh": "地区生产总值"}, "name_en", "zh") == ("地区生产总值", True)
    marked = lang.html_text({"note": "a <b> note"}, "note", "zh")
    assert marked == '<span lang="en" class="zb-untranslated">a &lt;b&gt; note</span>（未翻译）'


def test_every_shipped_text_has_its_chinese(ds):
    for frame, columns in (
        (ds.zones, ["summary_en"]),
        (ds.indicators, ["description_en"]),
        (ds.sources, ["publisher"]),
        (ds.observations, ["note"]),
    ):
        for row in frame.to_dict("records"):
            for column in columns:
                shown, translated = lang.text(row, column, "zh")
                assert translated, (column, row[column])
