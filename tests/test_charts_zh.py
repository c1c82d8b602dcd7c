"""The Chinese edition's charts: every word on them Chinese (or the data's own text, marked where it is untranslated),
figures and bounds as a 统计公报 writes them, every glyph in the bundled font, and cached apart from the English."""

import re

import matplotlib.figure
import pytest
from conftest import FIXTURES, ROOT
from matplotlib.ft2font import FT2Font

from zonebook import lang, load
from zonebook.report import charts, figures
from zonebook.report import html as report
from zonebook.report.show import rendered

LATIN = re.compile(r"[A-Za-z]+")


@pytest.fixture(autouse=True)
def no_cache():
    charts.use_cache(None)
    yield
    charts.use_cache(None)


def chart_texts(ds, monkeypatch, lang_: str) -> list[str]:
    """Every text drawn on every chart of the book's pages (and the decks' pictures) in one language."""
    from test_charts import book_charts, drawn_texts

    texts = []
    save = matplotlib.figure.Figure.savefig

    def kept(fig, *args, **kwargs):
        texts.extend(t.get_text() for t, _ in drawn_texts(fig))
        return save(fig, *args, **kwargs)

    monkeypatch.setattr(matplotlib.figure.Figure, "savefig", kept)
    book_charts(ds, lang_)
    return texts


def foreign_words(text: str, ds=None) -> list[str]:
    """The Latin words of a Chinese chart's text that are not the report's own: tier letters (A级), file names
    (data/observations.csv, CSV), the data's untranslated texts, which carry the untranslated mark, and the Latin
    words of the data's own Chinese names (R&D经费支出) are allowed."""
    if ds is not None:
        names = [*ds.indicators["name_zh"], *ds.zones["name_zh"], *ds.sources.get("publisher_zh", [])]
        for word in {w for n in names for w in LATIN.findall(str(n))}:
            text = re.sub(rf"(?<![A-Za-z]){re.escape(word)}(?![A-Za-z])", "", text)
    text = re.sub(r"[^\s（）()；;]*（未翻译）", "", text)  # an untranslated name, marked
    text = re.sub(r"\S*\([^)]*\)（未翻译）", "", text)
    text = re.sub(r"data/\S*?\.csv|data/|CSV|[ABC](?=级)", "", text)
    return LATIN.findall(text)


@pytest.mark.parametrize("folder", ["minimal", "other-city"])
def test_every_word_on_a_chinese_chart_is_chinese(folder, monkeypatch):
    ds = load(FIXTURES / folder)
    texts = chart_texts(ds, monkeypatch, "zh")
    assert len(texts) > 20
    english = {t: foreign_words(t, ds) for t in texts if foreign_words(t, ds)}
    assert english == {}
    assert not [t for t in texts if re.search(r"[0-9][≥≤><]|[≥≤><][0-9]", t)], "bounds are words in Chinese"
    assert not [t for t in texts if re.search(r"[0-9] +[\u4e00-\u9fff]", t)], "no space before a Chinese unit"


@pytest.mark.slow  # draws every chart
def test_the_shipped_data_has_no_unmarked_english_on_a_chinese_chart(monkeypatch):
    ds = load(ROOT / "data")
    texts = chart_texts(ds, monkeypatch, "zh")
    # an untranslated publisher is kept in English with its mark, as the tables do; nothing else is English
    unmarked = {t: foreign_words(t, ds) for t in texts if foreign_words(t, ds) and "（未翻译）" not in t}
    assert unmarked == {}
    if (ds.sources["publisher_zh"].str.strip() != "").all():  # the shipped data names every publisher in Chinese
        assert not [t for t in texts if "（未翻译）" in t], "a publisher the data translates, marked untranslated"
    font = FT2Font(str(charts.FONT)).get_charmap()
    missing = sorted({c for t in texts for c in t if not c.isspace() and ord(c) not in font})
    assert missing == [], "characters the bundled font cannot draw (tofu)"


def test_a_bound_is_labelled_in_words_and_the_kinds_and_tiers_in_chinese(monkeypatch):
    ds = load(FIXTURES / "minimal")
    gdp = next(s for s in figures.series_charts(ds.for_zone("city").observations, lang="zh") if s.name == "gdp-year")
    assert gdp.title == "地区生产总值（亿元）" and gdp.lang == "zh"
    estimate = next(p for s in gdp.series if s.kind == "estimate" for p in s.points)
    assert (estimate.value, estimate.bound) == (8200.0, "gt")
    assert figures.shown(estimate, "zh", gdp.unit) == "超8200"
    assert {s.label for s in gdp.series} == {"实际数", "预计数", "目标数"}
    assert gdp.source.startswith("资料来源：统计局") and "（A级）；自媒体" in gdp.source  # best tier first
    assert "2023年至2030年" in gdp.caption and " " not in gdp.caption
    from test_charts import drawn_texts

    drawn = set()
    save = matplotlib.figure.Figure.savefig

    def kept(fig, *args, **kwargs):
        drawn.update(t.get_text() for t, _ in drawn_texts(fig))
        return save(fig, *args, **kwargs)

    monkeypatch.setattr(matplotlib.figure.Figure, "savefig", kept)
    charts.series_png(gdp)
    assert {"超8200", "实际数", "A级：官方机构、主流媒体", "C级：第三方、自媒体", "地区生产总值（亿元）"} <= drawn


def test_a_chart_is_drawn_once_per_language_and_then_read_from_the_cache(tmp_path):
    ds = load(FIXTURES / "minimal")
    city = ds.for_zone("city").observations
    charts.use_cache(tmp_path)
    en = report.series_figures_html(city)
    zh = report.series_figures_html(city, lang="zh")
    cached = sorted(tmp_path.glob("*.png"))
    assert en != zh and len(cached) == 2 * len(figures.series_charts(city))
    stamps = [p.stat().st_mtime_ns for p in cached]
    assert rendered(report.series_figures_html, city) == {"en": en, "zh": zh}
    assert [p.stat().st_mtime_ns for p in sorted(tmp_path.glob("*.png"))] == stamps  # read, not drawn again


def test_each_edition_gets_its_charts_captions_and_links_in_its_language():
    ds = load(FIXTURES / "minimal")
    blocks = rendered(report.evidence_chart_html, ds)
    assert "下载CSV" in blocks["zh"] and "Download CSV" not in blocks["zh"]
    assert "各区域有多少数据支撑" in blocks["zh"] and "How much each zone" in blocks["en"]
    nothing = rendered(report.series_figures_html, ds.for_zone("ecology").observations.iloc[:0])
    assert "nothing is charted" in nothing["en"] and "不绘制图表" in nothing["zh"]
    assert lang.figure(20, 0, "le", "zh", "位") == "前20" and lang.figure(20, 0, "le", "en") == "≤20"


def test_a_chinese_charts_csv_writes_each_figure_as_the_chart_labels_it():
    """The `shown` column of a chart's CSV is the figure as the chart labels it, in the chart's language: 7809.64,
    超8000 in a Chinese chart's CSV (a 统计公报's way), 7,809.64 and >8,000 in an English one."""
    import csv
    import io

    from zonebook.report.model import csv_of

    ds = load(ROOT / "data")
    for code in ("en", "zh"):
        rows = []
        for spec in figures.series_charts(ds.observations, 2, code):
            mine = list(csv.DictReader(io.StringIO(csv_of(spec).lstrip("\ufeff"))))  # Excel's BOM
            labels = [figures.shown(p, code, spec.unit) for s in spec.series for p in s.points]  # in the CSV's order
            assert [row["shown"] for row in mine] == labels, (code, spec.name)
            rows += mine
        assert rows
        if code == "zh":
            assert not any("," in r["shown"] or re.search(r"[<>≤≥≈]", r["shown"]) for r in rows)
            assert any(re.search("超|以上|不超过|约|左右", r["shown"]) for r in rows), "bounded figures are in the data"
