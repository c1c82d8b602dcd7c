"""Seminar decks: a PowerPoint and an offline reveal.js deck for the city and every zone, from the book's numbers."""

import re
import shutil
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT
from lxml import etree
from pptx import Presentation
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

pytestmark = pytest.mark.slow  # writes every deck

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


def test_writes_a_pptx_and_an_html_deck_for_the_city_and_every_zone_in_order_in_each_language(built):
    ds, out = built
    names = [f"{stem}.{ext}" for stem, _ in parts(ds) for ext in ("pptx", "html")]
    expected = [
        f"{lang}{name}" for stem, _ in parts(ds) for lang in ("", "zh/") for name in names if name.startswith(stem)
    ]
    assert [p.relative_to(out).as_posix() for p in decks.write_decks(ds, out)] == expected
    for folder in (out, out / "zh"):  # English beside Chinese, each with its reveal.js
        assert sorted(p.name for p in folder.iterdir() if p.is_file()) == sorted(names)
        for name in ("reveal.js", "reveal.css", "reset.css", "theme/white.css", "LICENSE"):
            assert (folder / "reveal" / name).is_file(), name


def test_every_pptx_is_16_9_with_charts_and_notes_on_every_slide(built):
    ds, out = built
    for path in pptx_files(out):
        prs = Presentation(str(path))
        assert (prs.slide_width, prs.slide_height) == (Emu(12192000), Emu(6858000)), path.name
        with zipfile.ZipFile(path) as package:  # labelled as what it is, not as the template's 4:3 show
            assert b"screen4x3" not in package.read("ppt/presentation.xml"), path.name
            assert b"4:3" not in package.read("docProps/app.xml"), path.name
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
    ecology = Presentation(str(out / "02-ecology.pptx"))
    native = [s for slide in ecology.slides for s in slide.shapes if s.has_chart]
    assert native, "the good-air days (one tier A figure a year) should be an editable chart"
    labels = [p.data_label.text_frame.text for s in native for p in s.chart.plots[0].series[0].points]
    assert labels == ["290", "299"]
    industry = Presentation(str(out / "01-industry.pptx"))
    sales = [s for s in industry.slides if s.shapes.title.text.startswith("Industrial invoiced sales")]
    assert sales and any(s.shape_type == MSO_SHAPE_TYPE.PICTURE for s in sales[0].shapes), (
        "invoiced sales from tiers A and C: the book's chart, whose legend shows both shapes"
    )
    city = Presentation(str(out / "00-city.pptx"))
    gdp = [s for s in city.slides if s.shapes.title.text.startswith("GDP: ") and "road" not in s.shapes.title.text]
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
    run = slide.shapes.title.text_frame.paragraphs[0].runs[0]
    deck_pptx.style(run, 18)
    assert runs_without_east_asian_font(slide._element) == []
    assert run.font._rPr.get("lang") == "zh-CN"  # a Chinese run is marked zh-CN (LibreOffice's glyph forms)
    ea = slide._element.find(".//" + qn("a:ea"))
    assert ea.get("typeface") == deck_model.EA_FONT and ea.getprevious().tag == qn("a:latin")  # schema order: latin, ea


def test_runs_and_cells_styled_from_a_copy_are_what_python_pptx_makes():
    """decks.pptx styles the first new run (and table cell) of a look through python-pptx's API and gives the others a
    copy of the a:rPr (a:tcPr) it made (docs/ARCHITECTURE.md, python-pptx 1.0.2): a new run must have no a:rPr (a:t
    first), a new cell an empty a:tcPr, and the copies must be the very XML the API writes for each."""

    def slide_xml(copies: bool) -> bytes:
        deck_pptx._LOOKS.clear()
        prs = Presentation()
        slide = prs.slides.add_slide(prs.slide_layouts[5])
        paragraph = slide.shapes.add_textbox(0, 0, Inches(4), Inches(1)).text_frame.paragraphs[0]
        for text in ["Zone", "片区", "Zone", "片区", "Zone"]:
            for pt, colour, bold in [(18, deck_model.INK, False), (None, None, None), (12, "FFFFFF", True)]:
                run = paragraph.add_run()
                run.text = text
                assert run._r.rPr is None and run._r[0].tag == qn("a:t")  # a new run: no a:rPr yet
                deck_pptx.style(run, pt, colour, bold)
                if not copies:
                    deck_pptx._LOOKS.clear()  # every run through the API
        grid = slide.shapes.add_table(4, 2, 0, Inches(2), Inches(4), Inches(2)).table
        for r, row in enumerate(grid.rows):
            for cell in row.cells:
                assert len(cell._tc.tcPr) == 0 and not cell._tc.tcPr.attrib  # a new cell: an empty a:tcPr
                deck_pptx._cell_look(cell, deck_model.NAVY if r % 2 else deck_model.STRIPE)
                if not copies:
                    deck_pptx._LOOKS.clear()
        looks = len(deck_pptx._LOOKS)
        assert looks == (8 if copies else 0)  # 6 looks of runs (3 styles, with Chinese or not), 2 of cells
        return etree.tostring(slide._element)

    copied, made = slide_xml(copies=True), slide_xml(copies=False)
    assert copied.count(b"<a:ea ") == 15 and copied.count(b"<a:tcPr ") == 8
    assert copied == made


def test_the_key_figures_slides_show_metrics_key_figures(built):
    ds, out = built
    for stem, zone in parts(ds):
        prs = Presentation(str(out / f"{stem}.pptx"))
        shown = []
        for slide in prs.slides:
            if slide.shapes.title.text.startswith("Key figures"):
                rows = table_rows(slide)
                assert rows[0] == ["Indicator", "Latest", "Period", "Source", "Tier"]
                shown += [[row[0], row[1].replace(" ", ""), row[2].split(" ")[0], row[4]] for row in rows[1:]]
        kf = metrics.key_figures(obs_of(ds, zone))
        expected = [
            [
                decks.tidy(f"{r.name_en} {r.name_zh}"),
                format_value(r.value, r.decimals, r.bound) + r.unit,
                r.period,
                r.tier,
            ]
            for r in kf.itertuples(index=False)
        ]
        assert shown == expected and expected, stem


def test_the_cover_names_the_part_the_date_and_the_presenter_and_event_when_given(built, tmp_path):
    ds, out = built
    for stem, zone in parts(ds):
        cover = Presentation(str(out / f"{stem}.pptx")).slides[0]
        text = " ".join(s.text_frame.text for s in cover.shapes if s.has_text_frame)
        assert deck_model.build_date().strftime("%-d %B %Y") in text, stem
        if zone != CITY:
            assert ds.zone(zone)["name_zh"] in text and ds.zone(zone)["name_en"] in text
    deck = decks.zone_deck(ds, ds.zones["zone"].iloc[0], deck_model.build_date(), "Li Ming", "Planning seminar")
    cover = Presentation(str(deck_pptx.write_pptx(deck, tmp_path / "c.pptx"))).slides[0]
    assert "Li Ming · Planning seminar" in " ".join(s.text_frame.text for s in cover.shapes if s.has_text_frame)


def test_the_talk_is_short_and_the_appendix_is_marked(built):
    ds, out = built
    for stem, zone in parts(ds):
        deck = (
            decks.city_deck(ds, deck_model.build_date())
            if zone == CITY
            else decks.zone_deck(ds, zone, deck_model.build_date())
        )
        limit = decks.CITY_SLIDES if zone == CITY else decks.ZONE_SLIDES
        assert len(deck.main) <= limit, stem
        assert deck.main[-1].title.startswith("Sources, and where"), stem
        assert any(s.title == "Key findings" for s in deck.main), stem
        rest = deck.slides[len(deck.main) :]
        assert all(s.backup for s in rest), stem
        prs = Presentation(str(out / f"{stem}.pptx"))
        for number, slide in enumerate(list(prs.slides)[len(deck.main) + 1 :], len(deck.main) + 2):
            texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
            assert any(t.startswith("Backup · ") for t in texts), (stem, number)


def test_notes_are_for_speaking(built):
    ds, out = built
    slugs = set(ds.sources["source"]) | set(ds.indicators["indicator"]) | set(ds.zones["zone"])
    slugs = {s for s in slugs if "-" in s}  # a plain word ("gdp") may be said; a slug with a hyphen may not
    for stem, _ in parts(ds):
        for number, slide in enumerate(Presentation(str(out / f"{stem}.pptx")).slides, 1):
            notes = slide.notes_slide.notes_text_frame.text
            assert len(notes) <= decks.NOTES_LIMIT, (stem, number, len(notes))
            assert not re.search(r"stored value|bound (eq|le|ge|gt|lt|approx)\b|public row|\brow \d", notes), (
                stem,
                number,
            )
            assert not [s for s in slugs if re.search(rf"(?<![\w-]){re.escape(s)}(?![\w-])", notes)], (stem, number)
            assert "«" not in notes and "《《" not in notes, (stem, number)


def test_titles_in_chinese_get_chinese_marks_and_the_datas_text_is_kept_as_written():
    from zonebook.decks.words import cite

    assert cite("统计公报") == "《统计公报》" and cite("《统计公报》") == "《统计公报》"
    assert cite("Annual report") == "“Annual report”" and cite("Annual report", "zh") == "《Annual report》"
    assert decks.tidy("""a name 'as' "written" """) == """a name 'as' "written" """  # the data's own quotes
    assert decks.tidy("the article's 8,000 亿元") == "the article's 8,000亿元"


def test_the_shipped_data_writes_613_one_way():
    """'613' beside “613” on one slide (issue #16): the data's English names and texts quote it as the Chinese do."""
    import zonebook

    ds = zonebook.load(ROOT / "data")
    texts = [*ds.zones["name_en"], *ds.zones["summary_en"], *ds.indicators["name_en"], *ds.indicators["description_en"]]
    assert not [t for t in texts if "'613'" in t or '"613"' in t]


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
                    assert sizes and min(sizes) >= Pt(18), f"{path.name} slide {number}: table text"
                elif shape.has_text_frame:
                    footer = shape.top >= Inches(deck_model.FOOTER_TOP - 0.01)
                    caption = shape.text_frame.text.startswith(("Source", "Actual", "How much", "Each of"))
                    least = Pt(
                        deck_model.TITLE_MIN_PT if shape == slide.shapes.title else 14 if footer or caption else 18
                    )
                    sizes = [r.font.size for p in shape.text_frame.paragraphs for r in p.runs if r.text.strip()]
                    assert all(s is not None and s >= least for s in sizes), (
                        f"{path.name} slide {number}: {shape.text_frame.text[:40]!r}"
                    )
                elif shape.has_chart:
                    assert shape.chart.font.size >= Pt(14)


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


def test_the_cover_options_reach_the_decks_from_the_command_line():
    from zonebook import cli

    for command in ("build", "slides"):
        args = cli.parser().parse_args([command, "--presenter", "Li Ming", "--event", "Seminar", "--handout"])
        assert (args.presenter, args.event, args.handout) == ("Li Ming", "Seminar", True)
        assert cli.parser().parse_args([command]).presenter == "" and not cli.parser().parse_args([command]).handout


def test_the_handout_is_each_slide_above_its_notes(built, tmp_path):
    import subprocess

    from zonebook.decks.handout import write_handout

    ds, _ = built
    deck = decks.zone_deck(ds, ds.zones["zone"].iloc[0], deck_model.build_date())
    pdf = write_handout(deck, tmp_path / "h.pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert f"Pages:           {len(deck.slides)}" in info
    for number, slide in enumerate(deck.slides, 1):
        text = subprocess.run(
            ["pdftotext", "-f", str(number), "-l", str(number), str(pdf), "-"], capture_output=True, text=True
        ).stdout
        words = " ".join(text.split())
        assert " ".join(slide.notes[0].split())[:40] in words, (number, slide.title)


def test_a_native_chart_of_small_whole_numbers_is_marked_in_whole_numbers(tmp_path):
    """PowerPoint picks a step of 0.5 for a scale up to 2.5 and, with no decimals in the number format, labels it
    0, 1, 1, 2, 2, 3: a chart of counts is marked every 1, as the book's picture of it is."""
    from zonebook.decks.model import Chart, Deck, NativeChart, Series, Slide
    from zonebook.decks.pptx import write_pptx

    counts = NativeChart(
        ["2024", "2025"], [Series("firms", [2.0, 2.0], ["2", "2"], ["A", "A"], "1F4E79", True, False)], "firms", 0
    )
    deck = Deck("t", "t", [Slide("Counts", ["n"], chart=Chart(b"", "alt", "Source: a test.", counts))])
    chart = next(s.chart for s in Presentation(write_pptx(deck, tmp_path / "t.pptx")).slides[0].shapes if s.has_chart)
    assert chart.value_axis.major_unit == 1
