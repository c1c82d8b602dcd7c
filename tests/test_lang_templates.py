"""The Chinese sentences: one template per English one, same placeholders, and every reading of the shipped data (and
of the fixtures) rendered in Chinese that reads like a 统计公报: CJK letters, full-width punctuation, no spaced units."""

import html
import re
import string
import unicodedata

import pytest
from conftest import FIXTURES, ROOT

import zonebook
from zonebook import data, lang
from zonebook.analysis import metrics, readings, readings_zh, templates_zh

FOLDERS = [ROOT / "data", FIXTURES / "minimal", FIXTURES / "other-city", FIXTURES / "truth-traps"]
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
QUOTED = re.compile(r"“[^”]*”|«[^»]*»|《[^》]*》")


def placeholders(template: str) -> list[str]:
    return sorted({name for _, name, _, _ in string.Formatter().parse(template) if name is not None})


def test_every_english_template_has_a_chinese_one_with_the_same_placeholders():
    assert sorted(templates_zh.TEMPLATES) == sorted(readings.TEMPLATES)
    for key, english in readings.TEMPLATES.items():
        assert placeholders(templates_zh.TEMPLATES[key]) == placeholders(english), key


def site_names(ds) -> set[str]:
    """The Latin names of web sites in the Chinese publishers (gpnsoft, laotaotie): names, written as the sites are."""
    return {w for text in ds.sources["publisher_zh"] for w in re.findall(r"[A-Za-z][A-Za-z0-9.]*", text)}


def chinese_problems(sentence: str, names: set[str] = frozenset()) -> list[str]:
    """What a Chinese statistician would correct: English words, half-width punctuation, a space before a unit."""
    problems = []
    text = QUOTED.sub("", sentence)  # quotes and titles are the sources' own words
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, "")
    letters = [c for c in text if unicodedata.category(c).startswith("L")]
    cjk = sum(bool(CJK.match(c)) for c in letters)
    if letters and cjk / len(letters) < 0.8:
        problems.append(f"only {cjk} of {len(letters)} letters are CJK")
    bare = re.sub(r"https?://\S+", "", text)
    if re.search(r"(?<![0-9])[,;:()]|[,;:()](?![0-9])", bare):
        problems.append("half-width punctuation")
    if re.search(r"[0-9%] +[\u4e00-\u9fff]|[\u4e00-\u9fff] +[0-9]", bare):
        problems.append("a space between a number and Chinese")
    return problems


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda f: f.name)
def test_every_reading_reads_in_chinese(folder):
    ds = zonebook.load(folder)
    chinese = readings_zh.Chinese(ds)
    found = readings.book_readings(ds)
    assert found
    names = site_names(ds)
    for reading in found:
        sentence = chinese.sentence(reading)
        assert not chinese_problems(sentence, names), (reading.template, sentence, chinese_problems(sentence, names))
        marked = chinese.html(reading)  # the same sentence, with its lead (or its counts) in bold
        assert html.unescape(re.sub("</?b>", "", marked)) == sentence and ("<b>" in marked) == ("<b>" in reading.html)


def test_the_shipped_readings_use_most_templates():
    """The templates the shipped data does not reach are rendered from values written by readings' own formatters."""
    used = {r.template for r in readings.book_readings(zonebook.load(ROOT / "data"))}
    assert len(used) >= 30


def english(template: str, **values) -> readings.Reading:
    return readings.Reading("target-check", template, values, indicators=("gdp",))


@pytest.fixture(scope="module")
def minimal():
    ds = zonebook.load(FIXTURES / "minimal")
    return ds, readings_zh.Chinese(ds)


def test_templates_the_data_does_not_reach(minimal):
    ds, chinese = minimal
    gdp = ds.indicators.set_index("indicator").loc["gdp"]
    lead = f"{gdp.name_en} ({gdp.name_zh})"
    money = lambda v, b="eq": readings.amount(v, 2, b, "亿元")  # noqa: E731
    cases = {
        "outcome-missed": dict(
            lead=lead, period="2024", target=money(8000, "ge"), actual=money(7809.64), margin=" by 190.36 亿元 (2.4%)"
        ),
        "outcome-below": dict(
            lead=lead,
            period="2024",
            planned="planned",
            target=money(8000),
            actual=money(7809.64),
            margin="190.36 亿元 (2.4%)",
            plan_word="plan",
        ),
        "progress-beyond": dict(
            lead=lead, period="2030", target=money(7000), year="2024", actual=money(7809.64), side="at or above"
        ),
        "progress-short": dict(
            lead=lead,
            period="2030",
            target=money(10000, "ge"),
            year="2024",
            actual=money(7809.64),
            needs=readings.TEMPLATES["needs-growth"].format(rate=readings.pct(4.2), how=" (nominal)"),
        ),
        "path-unprojected": dict(path="slow-case", reason="at this rate the goal is more than 100 years away"),
        "inconsistency-conflict": dict(lead=lead, period="2025", values="15 家, 12 家"),
        "trend": dict(
            lead=lead,
            start=money(6048.33),
            end=money(7809.64),
            y0=2020,
            y1=2024,
            rate="+6.6%",
            how="compound, nominal",
            last=readings.TEMPLATES["trend-last"].format(rate="+5.2%", y1=2024),
            caveat=readings.TEMPLATES["caveat-comparable"].format(since=1996, dropped="1952, 1978"),
        ),
    }
    expected = {
        "outcome-missed": "地区生产总值：2024年目标为8000亿元以上，实际为7809.64亿元，未完成目标，相差190.36亿元（2.4%）。",
        "outcome-below": "地区生产总值：2024年计划8000亿元，实际为7809.64亿元，比计划低190.36亿元（2.4%）。",
        "path-unprojected": "未绘制慢速情形下的路径：按此增速，需100年以上才能达到目标。",
        "inconsistency-conflict": "地区生产总值：文章对2025年给出的数字不可能同时成立：15家、12家。",
    }
    assert set(cases) | {"outcome-met"} >= set(expected)
    for template, values in cases.items():
        sentence = chinese.sentence(english(template, **values))
        assert not chinese_problems(sentence), (template, sentence)
        if template in expected:
            assert sentence == expected[template]
    trend = chinese.sentence(english("trend", **cases["trend"]))
    assert "；其中2024年增长5.2%" in trend and "1996年以前的数据（1952年和1978年）未计入" in trend


def test_an_english_wording_it_does_not_know_fails_loudly(minimal):
    _, chinese = minimal
    with pytest.raises(readings_zh.Untranslatable, match="twice as much"):
        chinese.sentence(english("progress-none", lead="GDP (地区生产总值)", target="twice as much", period="2030"))


def test_a_publisher_without_chinese_shows_its_english(minimal, tmp_path):
    ds, _ = minimal
    sources = ds.sources.assign(publisher_zh="")
    chinese = readings_zh.Chinese(type(ds)(ds.folder, ds.zones, ds.indicators, ds.observations, sources))
    publisher = ds.sources["publisher"].iloc[0]
    assert chinese.shapes["publisher"](publisher) == lang.punctuate(publisher)


def test_every_verdict_and_kind_has_its_chinese_label():
    audit = metrics.audit(zonebook.load(ROOT / "data").observations, "netease-2026-02-25")
    assert set(audit["verdict"]) <= set(templates_zh.VERDICT_LABELS)
    assert set(templates_zh.VERDICT_LABELS) == set(metrics.VERDICT_LABEL)  # the English labels, one for one
    assert set(templates_zh.KIND_LABELS) == set(data.KINDS)


@pytest.mark.parametrize(
    "english, chinese",
    [
        ("+5.3%", "增长5.3%"),
        ("−2.1%", "下降2.1%"),
        ("0.0%", "持平"),
        ("at least +11.7%", "增长11.7%以上"),  # a lower bound at the end of the series
        ("at most +0.7%", "增长不超过0.7%"),
        ("roughly −2.0%", "下降2.0%左右"),
        ("at least −2.0%", "下降不超过2.0%"),  # no less than −2%: the fall is 2% at most
        ("at most −2.0%", "下降2.0%以上"),
    ],
)
def test_a_bounded_rate_reads_as_a_communique_writes_it(english, chinese):
    assert readings_zh.rate(english, verb=True) == chinese


def test_a_bounded_change_in_points():
    assert readings_zh.points_change("up 1.0 percentage point") == "提高1.0个百分点"
    assert readings_zh.points_change("at least down 1.5 percentage points") == "下降不超过1.5个百分点"
    assert readings_zh.points_change("no change") == "持平"


def test_the_chinese_texts_of_the_data_read_as_chinese():
    """summary_zh, description_zh, note_zh, publisher_zh: the rules of the sentences (short texts with an
    abbreviation such as RCEP aside, whose share of Latin letters says nothing)."""
    ds = zonebook.load(ROOT / "data")
    names = site_names(ds)
    for frame, column in (
        (ds.zones, "summary_zh"),
        (ds.indicators, "description_zh"),
        (ds.sources, "publisher_zh"),
        (ds.observations, "note_zh"),
    ):
        for text in set(frame[column]) - {""}:
            found = [p for p in chinese_problems(text, names) if not (len(text) < 20 and p.startswith("only"))]
            assert not found, (column, text, found)


def test_the_glossary_names_no_city():
    """It is copied into every book, another city's too: its examples are the data's words, never the city's name."""
    text = (ROOT / "chapters" / "glossary.md").read_text(encoding="utf-8")
    assert not re.search("扬州|yangzhou", text, re.I)
