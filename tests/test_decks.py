"""Seminar decks: a PowerPoint and an offline reveal.js deck for the city and every zone, from the book's numbers."""

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import FIXTURES
from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.enum.text import PP_ALIGN
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

import zonebook
from zonebook.analysis import metrics
from zonebook.data import CITY, format_value
from zonebook.decks import html as deck_html
from zonebook.decks import model as deck_model
from zonebook.decks import pptx as deck_pptx
from zonebook.decks import slides as decks

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The decks of the minimal data folder, written once for the module."""
    data = tmp_path_factory.mktemp("decks") / "data"
    shutil.copytree(FIXTURES / "minimal", data)
    out = data.parent / "slides"
    assert decks.make_decks(data, out) == 0
    ds = zonebook.load(data)
    return ds, out


def pptx_files(out: Path) -> list[Path]:
    return sorted(out.glob("*.pptx"))


def parts(ds) -> list[tuple[str, str]]:
    """(deck stem, zone id) for the city and every zone, in order."""
    return [("00-city", CITY)] + [(f"{z.order:02d}-{z.zone}", z.zone) for z in ds.zones.itertuples(index=False)]


def obs_of(ds, zone):
    return ds.observations[ds.observations["zone"] == CITY] if zone == CITY else ds.for_zone(zone).observations


def runs_without_east_asian_font(element) -> list[str]:
    """Text of every run with Chinese in it whose properties name no East-Asian typeface."""
    bad = []
    for run in element.iter(qn("a:r")):
        text = "".join(t.text or "" for t in run.iter(qn("a:t")))
        if not CJK.search(text):
            continue
        props = run.find(qn("a:rPr"))
        ea = props.find(qn("a:ea")) if props is not None else None
        if ea is None or not ea.get("typeface"):
            bad.append(text)
    return bad


def table_rows(slide) -> list[list[str]]:
    for shape in slide.shapes:
        if shape.has_table:
            return [[cell.text for cell in row.cells] for row in shape.table.rows]
    return []


def test_writes_a_pptx_and_an_html_deck_for_the_city_and_every_zone_in_order(built):
    ds, out = built
    expected = [f"{stem}.{ext}" for stem, _ in parts(ds) for ext in ("pptx", "html")]
    assert [p.name for p in decks.write_decks(ds, out)] == expected
    assert sorted(p.name for p in out.iterdir() if p.is_file()) == sorted(expected)
    for name in ("reveal.js", "reveal.css", "reset.css", "theme/white.css", "LICENSE"):
        assert (out / "reveal" / name).is_file(), name


def test_every_pptx_is_16_9_with_charts_and_notes_on_every_slide(built):
    ds, out = built
    for path in pptx_files(out):
        prs = Presentation(str(path))
        assert (prs.slide_width, prs.slide_height) == (Emu(12192000), Emu(6858000)), path.name
        assert len(prs.slides) >= 5, path.name
        charts = [
            s for slide in prs.slides for s in slide.shapes if s.has_chart or s.shape_type == MSO_SHAPE_TYPE.PICTURE
        ]
        assert charts, f"{path.name} has no chart"
        for number, slide in enumerate(prs.slides, 1):
            assert slide.has_notes_slide and slide.notes_slide.notes_text_frame.text.strip(), (
                f"{path.name} slide {number} has no notes"
            )
            assert slide.shapes.title is not None and slide.shapes.title.text.strip(), (
                f"{path.name} slide {number} has no title"
            )


def test_a_series_with_one_figure_a_year_is_a_native_chart_and_conflicting_sources_a_picture(built):
    _, out = built
    industry = Presentation(str(out / "01-industry.pptx"))
    native = [s for slide in industry.slides for s in slide.shapes if s.has_chart]
    assert native, "the invoiced-sales series (one figure a year) should be an editable chart"
    labels = [p.data_label.text_frame.text for s in native for p in s.chart.plots[0].series[0].points]
    assert labels == [">8,200", "9,124", ">10,000"]  # qualifiers kept on the labels
    city = Presentation(str(out / "00-city.pptx"))
    gdp = [slide for slide in city.slides if slide.shapes.title.text.startswith("GDP · ")]
    assert gdp and any(s.shape_type == MSO_SHAPE_TYPE.PICTURE for s in gdp[0].shapes), (
        "GDP has two sources for 2024: the book's chart"
    )


def test_every_run_with_chinese_has_an_east_asian_font(built):
    _, out = built
    for path in pptx_files(out):
        prs = Presentation(str(path))
        checked = 0
        for number, slide in enumerate(prs.slides, 1):
            elements = [slide._element, slide.notes_slide._element] + [
                s.chart._chartSpace for s in slide.shapes if s.has_chart
            ]
            for element in elements:
                assert runs_without_east_asian_font(element) == [], f"{path.name} slide {number}"
                checked += sum(
                    1 for r in element.iter(qn("a:r")) if CJK.search("".join(t.text or "" for t in r.iter(qn("a:t"))))
                )
        assert checked > 0, f"{path.name}: no Chinese text at all?"


def test_the_east_asian_font_check_catches_a_plain_run(tmp_path):
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    slide.shapes.title.text = "地区生产总值"
    slide.shapes.title.text_frame.paragraphs[0].runs[0].font.name = "Arial"  # Latin only: what python-pptx gives
    assert runs_without_east_asian_font(slide._element) == ["地区生产总值"]
    deck_pptx.set_east_asian_font(slide._element)
    assert runs_without_east_asian_font(slide._element) == []
    ea = slide._element.find(".//" + qn("a:ea"))
    assert ea.get("typeface") == deck_model.EA_FONT and ea.getprevious().tag == qn("a:latin")  # schema order: latin, ea


def test_the_key_figures_slides_show_metrics_key_figures(built):
    ds, out = built
    for stem, zone in parts(ds):
        prs = Presentation(str(out / f"{stem}.pptx"))
        shown = []
        for slide in prs.slides:
            if slide.shapes.title.text.startswith("Key figures"):
                rows = table_rows(slide)
                assert rows[0][:5] == ["Indicator", "Latest", "Unit", "Period", "Kind"]
                shown += [row[:5] for row in rows[1:]]
        kf = metrics.key_figures(obs_of(ds, zone))
        expected = [
            [f"{r.name_en} {r.name_zh}", format_value(r.value, r.decimals, r.bound), r.unit, r.period, r.kind]
            for r in kf.itertuples(index=False)
        ]
        assert shown == expected and expected, stem


def test_the_title_slide_dates_the_data_by_its_latest_source(built):
    ds, out = built
    for stem, zone in parts(ds):
        sources = ds.sources if zone == CITY else ds.for_zone(zone).sources
        cover = Presentation(str(out / f"{stem}.pptx")).slides[0]
        text = " ".join(s.text_frame.text for s in cover.shapes if s.has_text_frame)
        assert f"Data as of {max(sources['published'])}" in text and "deck built" in text, stem
        if zone != CITY:
            assert ds.zone(zone)["name_zh"] in text and ds.zone(zone)["name_en"] in text


def test_the_notes_carry_every_quote_and_the_audit_counts(built):
    ds, out = built
    for stem, zone in parts(ds):
        notes = "\n".join(s.notes_slide.notes_text_frame.text for s in Presentation(str(out / f"{stem}.pptx")).slides)
        for quote in obs_of(ds, zone)["quote"]:
            assert quote in notes, (stem, quote)
        audit = metrics.audit(ds.observations if zone == CITY else obs_of(ds, zone), ds.claims_source)
        for verdict, label in metrics.VERDICT_LABEL.items():
            assert f"{label} {int((audit['verdict'] == verdict).sum())}" in notes, (stem, verdict)


def test_text_is_big_enough_for_a_projector(built):
    _, out = built
    for path in pptx_files(out):
        for number, slide in enumerate(Presentation(str(path)).slides, 1):
            for shape in slide.shapes:
                if shape.has_table:
                    sizes = [
                        r.font.size
                        for row in shape.table.rows
                        for c in row.cells
                        for p in c.text_frame.paragraphs
                        for r in p.runs
                    ]
                    assert sizes and min(sizes) >= Pt(12), f"{path.name} slide {number}: table text"
                elif shape.has_text_frame:
                    least = Pt(28) if shape == slide.shapes.title else Pt(16)
                    sizes = [r.font.size for p in shape.text_frame.paragraphs for r in p.runs if r.text.strip()]
                    assert all(s is not None and s >= least for s in sizes), (
                        f"{path.name} slide {number}: {shape.text_frame.text[:40]!r}"
                    )
                elif shape.has_chart:
                    assert shape.chart.font.size >= Pt(12)


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.addresses, self.sections, self.notes, self.images = [], 0, 0, 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.addresses += [attrs[a] for a in ("src", "href") if attrs.get(a)]
        self.sections += tag == "section"
        self.notes += tag == "aside" and attrs.get("class") == "notes"
        self.images += tag == "img" and attrs.get("src", "").startswith("data:image/png;base64,")


def test_the_html_decks_work_offline_with_the_same_slides(built):
    ds, out = built
    for stem, _ in parts(ds):
        page = (out / f"{stem}.html").read_text(encoding="utf-8")
        links = Links()
        links.feed(page)
        assert links.addresses
        for address in links.addresses:
            assert not re.match(r"(?i)^(https?:|//|ftp:)", address), (stem, address)
            if not address.startswith("data:"):
                assert (out / address).is_file(), (stem, address)
        assert "http://" not in page and "https://" not in page and "//cdn" not in page, stem
        slides = len(Presentation(str(out / f"{stem}.pptx")).slides)
        assert links.sections == links.notes == slides, stem
        assert links.images >= 1, stem
        assert "<pre" not in page and "<code" not in page  # no code shown


def test_data_text_is_escaped_in_the_html(minimal, tmp_path):
    zones = minimal / "zones.csv"
    zones.write_text(
        zones.read_text(encoding="utf-8").replace("Industry,产业区", '"Industry <script>alert(1)</script>",产业区'),
        encoding="utf-8",
    )
    ds = zonebook.load(minimal)
    deck = decks.zone_deck(ds, "industry", decks.build_date())
    page = deck_html.write_html(deck, tmp_path / "deck.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page
    assert "Industry &lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_bad_data_prints_the_problems_and_writes_nothing(minimal, tmp_path, capsys):
    (minimal / "zones.csv").unlink()
    assert decks.make_decks(minimal, tmp_path / "slides") == 1
    err = capsys.readouterr().err
    assert "zones.csv" in err and "missing" in err
    assert not (tmp_path / "slides").exists()


# --- the fast writer says what python-pptx's setters said ------------------------------------


def styled_by_python_pptx(frame, text, pt, colour, bold, align):
    """The text as python-pptx's own setters lay it out and style it (what the decks did before writing XML directly)."""
    frame.text = text
    for p in frame.paragraphs:
        if align is not None:
            p.alignment = align
        for run in p.runs:
            run.font.size = Pt(pt)
            run.font.bold = bold
            run.font.name = deck_model.LATIN_FONT
            run.font.color.rgb = RGBColor.from_string(colour)
    deck_pptx.set_east_asian_font(frame._txBody)


@pytest.mark.parametrize(
    "text", ["地区生产总值 GDP", "two\nparagraphs", "a\vsoft break", "bell\x07 and tab\t", "\nempty first line", ""]
)
def test_text_written_directly_is_what_python_pptx_writes(text):
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    ours = slide.shapes.add_textbox(0, 0, 100, 100).text_frame
    theirs = slide.shapes.add_textbox(0, 0, 100, 100).text_frame
    deck_pptx._set_text(ours, text, 14, "1F4E79", bold=True, align=PP_ALIGN.RIGHT)
    styled_by_python_pptx(theirs, text, 14, "1F4E79", True, PP_ALIGN.RIGHT)
    canonical = [etree.tostring(frame._txBody, method="c14n") for frame in (ours, theirs)]
    assert canonical[0] == canonical[1]
    assert ours.text == theirs.text


def test_a_table_keeps_its_style_links_and_widths(tmp_path):
    table = deck_model.Table(
        ["Name", "Value"],
        [["北京 Beijing", "1,234"], ["Site", "5"]],
        [3.0, 2.0],
        numeric=(1,),
        links={(1, 0): "https://example.org/a"},
    )
    deck = deck_model.Deck("t", "t", [deck_model.Slide("Table", ["notes"], table=table)])
    prs = Presentation(str(deck_pptx.write_pptx(deck, tmp_path / "t.pptx")))
    shape = next(s for s in prs.slides[0].shapes if s.has_table)
    grid = shape.table
    assert [c.width for c in grid.columns] == [Inches(3.0), Inches(2.0)]
    assert shape.width == sum(c.width for c in grid.columns) and shape.height == sum(r.height for r in grid.rows)
    assert [[c.text for c in row.cells] for row in grid.rows] == [
        ["Name", "Value"],
        ["北京 Beijing", "1,234"],
        ["Site", "5"],
    ]
    header, first = grid.cell(0, 0).text_frame.paragraphs[0].runs[0], grid.cell(1, 1).text_frame.paragraphs[0]
    assert header.font.bold and str(header.font.color.rgb) == "FFFFFF" and header.font.size == Pt(deck_model.TABLE_PT)
    assert first.alignment == PP_ALIGN.RIGHT and not first.runs[0].font.bold
    assert grid.cell(2, 0).text_frame.paragraphs[0].runs[0].hyperlink.address == "https://example.org/a"
    assert grid.cell(1, 0).text_frame.paragraphs[0].runs[0].hyperlink.address is None


def test_every_slide_has_its_own_notes_page(built):
    _, out = built
    for path in pptx_files(out):
        prs = Presentation(str(path))
        pages = [slide.notes_slide for slide in prs.slides]
        assert len({page.part.partname for page in pages}) == len(pages), path.name
        for slide, page in zip(prs.slides, pages):
            assert page.part.part_related_by(RT.SLIDE) is slide.part, path.name
            assert page.notes_placeholder is not None


# --- the decks' own charts ------------------------------------------------------------------


def test_a_chart_for_a_slide_keeps_the_books_margins_in_inches():
    import matplotlib.pyplot as plt

    fig, _ = plt.subplots(figsize=(7.6, 4.3))
    fig.subplots_adjust(left=0.1, right=0.98, top=0.92, bottom=0.27)
    png = decks.chart_png(fig, shrink=0.9)
    width, height = fig.get_size_inches()
    assert (width, height) == pytest.approx((7.6 * 0.9, 4.3 * 0.9))
    p = fig.subplotpars
    margins = (p.left * width, (1 - p.right) * width, p.bottom * height, (1 - p.top) * height)
    assert margins == pytest.approx((0.76, 0.152, 1.161, 0.344))
    assert deck_model.png_size(png) == (round(width * deck_model.CHART_DPI), round(height * deck_model.CHART_DPI))


def test_the_decks_own_charts_are_drawn_once_and_kept_in_the_chart_cache(tmp_path, monkeypatch):
    import pandas as pd

    from zonebook.report import charts

    drawn = []

    def draw(counts, title):
        drawn.append(title)
        return charts.stacked_bars(counts, {"a": "#1f4e79"}, title, "n", "Source: a test.")

    counts = pd.DataFrame({"a": [1, 2]}, index=["one", "two"])
    charts.use_cache(tmp_path)
    first = decks.drawn_chart(draw, counts, "T")
    assert decks.drawn_chart(draw, counts.copy(), "T") == first and drawn == ["T"]
    assert decks.drawn_chart(draw, counts.assign(a=[1, 3]), "T") != first and len(drawn) == 2
    assert len(list(tmp_path.glob("*.png"))) == 2
    charts.use_cache(None)
    decks.drawn_chart(draw, counts, "T")
    assert len(drawn) == 3  # no cache folder: drawn every time
