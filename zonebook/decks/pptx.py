"""The PowerPoint writer: a deck (deck_model) as a .pptx, through python-pptx.

16:9; native (editable) charts where a series has one figure per year, the book's matplotlib chart as a
picture otherwise; the East-Asian font is set on every run so Chinese renders in PowerPoint and WPS; every
slide's notes carry the exact figures, their sources and the sources' own words.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import io
import math
import os
import re
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.parts.slide import NotesSlidePart
from pptx.util import Emu, Inches, Pt

from zonebook.decks.model import (
    BODY_BOTTOM,
    BODY_PT,
    BODY_TOP,
    BULLET_PT,
    CAPTION_PT,
    CONTENT_W,
    EA_FONT,
    GREY,
    INK,
    LATIN_FONT,
    MARGIN,
    NAVY,
    RULE,
    SLIDE_H,
    SLIDE_W,
    STRIPE,
    TABLE_PT,
    TITLE_H,
    TITLE_MIN_PT,
    TITLE_PT,
    TITLE_TOP,
    Cover,
    Deck,
    NativeChart,
    Rich,
    Slide,
    Table,
    Tile,
    build_date,
    lines_needed,
    png_size,
    rich_text,
    row_height,
    text_height,
)

_BEFORE_EA = {
    "ln",
    "noFill",
    "solidFill",
    "gradFill",
    "blipFill",
    "pattFill",
    "grpFill",
    "effectLst",
    "effectDag",
    "highlight",
    "uLnTx",
    "uLn",
    "uFillTx",
    "uFill",
    "latin",
}


def set_east_asian_font(element, typeface: str = EA_FONT) -> None:
    """Set the East-Asian typeface (a:ea) on every run, paragraph end and default run property under `element`.

    python-pptx's `font.name` sets only the Latin typeface; PowerPoint and WPS draw Chinese with the
    East-Asian one, so without this Chinese text may fall back to a font without the glyphs.
    """
    for run in element.iter(qn("a:r")):
        run.get_or_add_rPr()
    for tag in ("a:rPr", "a:endParaRPr", "a:defRPr"):
        for props in element.iter(qn(tag)):
            ea = props.find(qn("a:ea"))
            if ea is None:
                ea = props.makeelement(qn("a:ea"), {})
                before = [i for i, child in enumerate(props) if child.tag.split("}")[-1] in _BEFORE_EA]
                props.insert(before[-1] + 1 if before else 0, ea)
            ea.set("typeface", typeface)


def _theme_fonts(prs) -> None:
    """The theme's fonts: Latin and East-Asian, so text a presenter adds gets them too."""
    theme = prs.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(theme.blob)
    ns = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
    for font in root.iterfind(".//a:fontScheme/*", ns):
        for child in font:
            tag = etree.QName(child).localname
            if tag == "latin":
                child.set("typeface", LATIN_FONT)
            elif tag == "ea" or (tag == "font" and child.get("script") == "Hans"):
                child.set("typeface", EA_FONT)
    theme._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def tint(hex_colour: str, white: float = 0.55) -> str:
    """A pale version of a colour: the 'hollow' marker of a target (LibreOffice drops a hollow marker's border)."""
    rgb = [int(hex_colour[i : i + 2], 16) for i in (0, 2, 4)]
    return "".join(f"{round(c + (255 - c) * white):02X}" for c in rgb)


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour)


# Text is written as DrawingML elements directly: python-pptx's property setters look up and insert
# each child element one at a time, which made styling the ~2,500 runs of the decks their slowest step.

_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_CONTROL = re.compile(r"[\x00-\x08\x0B-\x1F]")


@functools.cache
def _run_props(pt: float | None, colour: str = INK, bold: bool = False):
    """A run's properties in the house style, as a template to copy: size, weight, colour, Latin and East-Asian typeface.

    With no size, only the East-Asian typeface (speaker notes keep the notes page's own size and colour).
    """
    ea = f'<a:ea typeface="{EA_FONT}"/>'
    if pt is None:
        return parse_xml(f"<a:rPr {nsdecls('a')}>{ea}</a:rPr>")
    return parse_xml(
        f'<a:rPr {nsdecls("a")} sz="{Pt(pt).centipoints}" b="{int(bold)}"><a:solidFill><a:srgbClr val="{_rgb(colour)}"/>'
        f'</a:solidFill><a:latin typeface="{LATIN_FONT}"/>{ea}</a:rPr>'
    )


def _style_run(run, pt: float, colour: str = INK, bold: bool = False) -> None:
    """Give a python-pptx run the house style (what `run.font.size`, `.bold`, `.name`, `.color` and the East-Asian font set)."""
    r = run._r
    old = r.find(_A + "rPr")
    if old is not None:
        r.remove(old)
    r.insert(0, copy.deepcopy(_run_props(pt, colour, bold)))


def _paragraph(body, align: PP_ALIGN | None = None, space_after: float | None = None, bullet: bool = False):
    """A new paragraph (a:p) at the end of a text body (a:txBody)."""
    p = etree.SubElement(body, _A + "p")
    if align is not None or space_after is not None or bullet:
        props = etree.SubElement(p, _A + "pPr")
        if align is not None:
            props.set("algn", align.xml_value)
        if bullet:
            props.set("marL", str(Inches(0.35)))
            props.set("indent", str(-Inches(0.3)))
        if space_after is not None:
            etree.SubElement(
                etree.SubElement(props, _A + "spcAft"), _A + "spcPts", val=str(Pt(space_after).centipoints)
            )
        if bullet:
            etree.SubElement(props, _A + "buChar", char="•")
    return p


def _run(p, text: str, pt: float | None, colour: str = INK, bold: bool = False):
    """A run (a:r) in the house style at the end of paragraph `p`; control characters escaped as python-pptx does (BEL → _x0007_)."""
    r = etree.SubElement(p, _A + "r")
    r.append(copy.deepcopy(_run_props(pt, colour, bold)))
    etree.SubElement(r, _A + "t").text = _CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", text)
    return r


def _clear(body) -> None:
    for p in body.findall(_A + "p"):
        body.remove(p)


def _add_text(
    body, text: str, pt: float | None = None, colour: str = INK, bold: bool = False, align: PP_ALIGN | None = None
) -> None:
    """Text as python-pptx's `frame.text = text` lays it out (a paragraph per line, a line break per vertical tab,
    no empty runs), every run in the house style."""
    for line in text.split("\n"):
        p = _paragraph(body, align)
        for i, part in enumerate(line.split("\v")):
            if i:
                etree.SubElement(p, _A + "br")
            if part:
                _run(p, part, pt, colour, bold)


def _set_text(
    frame, text: str, pt: float | None = None, colour: str = INK, bold: bool = False, align: PP_ALIGN | None = None
) -> None:
    """Replace the text of a python-pptx text frame (see `_add_text`)."""
    _clear(frame._txBody)
    _add_text(frame._txBody, text, pt, colour, bold, align)


def _textbox(
    slide,
    left,
    top,
    width,
    height,
    paragraphs: list[Rich],
    pt: float,
    colour: str = INK,
    bullets: bool = False,
    align=None,
    anchor=None,
    space_after: float = 6,
):
    box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
    frame = box.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = anchor or MSO_ANCHOR.TOP
    for side in ("left", "right"):
        setattr(frame, f"margin_{side}", Inches(0.05))
    _clear(frame._txBody)
    for segments in paragraphs:
        p = _paragraph(frame._txBody, align, space_after, bullets)
        for text, bold in segments:
            _run(p, text, pt, colour, bold)
    return box


def _title(slide, text: str) -> None:
    bar = slide.shapes.add_shape(
        MSO_SHAPE.RECTANGLE, Inches(MARGIN - 0.28), Inches(TITLE_TOP + 0.18), Inches(0.1), Inches(TITLE_H - 0.36)
    )
    bar.fill.solid()
    bar.fill.fore_color.rgb = _rgb(NAVY)
    bar.line.fill.background()
    bar.shadow.inherit = False
    shape = slide.shapes.title
    shape.left, shape.top, shape.width, shape.height = (
        Inches(MARGIN),
        Inches(TITLE_TOP),
        Inches(CONTENT_W),
        Inches(TITLE_H),
    )
    frame = shape.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    frame.margin_left = Inches(0.05)
    pt = TITLE_PT if lines_needed(text, CONTENT_W, TITLE_PT) == 1 else TITLE_MIN_PT
    _set_text(frame, text, pt, NAVY, bold=True, align=PP_ALIGN.LEFT)


def _cover(slide, cover: Cover) -> None:
    band = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, Inches(SLIDE_W), Inches(4.3))
    band.fill.solid()
    band.fill.fore_color.rgb = _rgb(NAVY)
    band.line.fill.background()
    band.shadow.inherit = False
    tree = slide.shapes._spTree
    tree.remove(band._element)
    tree.insert(2, band._element)  # behind the placeholders
    title = slide.shapes.title
    title.left, title.top, title.width, title.height = Inches(MARGIN), Inches(1.0), Inches(CONTENT_W), Inches(2.3)
    frame = title.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.BOTTOM
    _set_text(frame, cover.name_zh, 48, "FFFFFF", bold=True, align=PP_ALIGN.LEFT)
    _run(_paragraph(frame._txBody, PP_ALIGN.LEFT), cover.name_en, 32, "FFFFFF")
    sub = slide.placeholders[1]
    sub.left, sub.top, sub.width, sub.height = Inches(MARGIN), Inches(3.4), Inches(CONTENT_W), Inches(0.6)
    _set_text(sub.text_frame, cover.kicker, 20, "D6E4F0", align=PP_ALIGN.LEFT)
    paragraphs = ([[(cover.summary, False)]] if cover.summary else []) + [[(cover.dates, False)]]
    box = _textbox(slide, MARGIN, 4.65, CONTENT_W, 2.4, paragraphs, BODY_PT, INK, space_after=14)
    dates = box.text_frame._txBody.findall(_A + "p")[-1]
    for colour in dates.iter(_A + "srgbClr"):
        colour.set("val", GREY)


@functools.cache
def _cell_template(fill: str):
    """An empty table cell (a:tc): text centred vertically, the house margins, a solid fill."""
    return parse_xml(
        f"<a:tc {nsdecls('a')}><a:txBody><a:bodyPr/><a:lstStyle/></a:txBody>"
        f'<a:tcPr anchor="ctr" marL="{Inches(0.1)}" marR="{Inches(0.1)}" marT="{Inches(0.05)}" marB="{Inches(0.05)}">'
        f'<a:solidFill><a:srgbClr val="{_rgb(fill)}"/></a:solidFill></a:tcPr></a:tc>'
    )


def _table(slide, table: Table, top: float) -> None:
    """The table as one a:tbl built from cell templates: a navy header row, then striped (or shaded) rows.

    python-pptx makes the frame (position, size, table style, header-row flag) as a one-row table; its
    grid and rows are then replaced by the table's own.
    """
    widths = [Inches(w) for w in table.widths]
    heights = [Inches(row_height(table.headers, table.widths))] + [
        Inches(row_height(r, table.widths)) for r in table.rows
    ]
    shape = slide.shapes.add_table(1, len(widths), Inches(MARGIN), Inches(top), Emu(sum(widths)), Emu(sum(heights)))
    grid = shape.table
    grid.first_row = True
    grid.horz_banding = False
    tbl = grid._tbl
    for tr in tbl.findall(_A + "tr"):
        tbl.remove(tr)
    columns = tbl.find(_A + "tblGrid")
    for col in list(columns):
        columns.remove(col)
    for w in widths:
        etree.SubElement(columns, _A + "gridCol", w=str(w))
    shades = table.shades or [None] * len(table.rows)
    for r, (cells, h) in enumerate(zip([table.headers, *table.rows], heights)):
        tr = etree.SubElement(tbl, _A + "tr", h=str(h))
        fill = NAVY if r == 0 else shades[r - 1] or (STRIPE if r % 2 == 0 else "FFFFFF")
        for c, text in enumerate(cells):
            tc = copy.deepcopy(_cell_template(fill))
            align = PP_ALIGN.RIGHT if (c in table.numeric and r > 0) else PP_ALIGN.LEFT
            _add_text(tc.find(_A + "txBody"), text, TABLE_PT, "FFFFFF" if r == 0 else INK, bold=r == 0, align=align)
            tr.append(tc)  # in the slide first, so the link below uses the slide's r: prefix
            if r > 0 and (r - 1, c) in table.links:
                for props in tc.iter(_A + "rPr"):
                    rid = slide.part.relate_to(table.links[(r - 1, c)], RT.HYPERLINK, is_external=True)
                    etree.SubElement(props, _A + "hlinkClick", {qn("r:id"): rid})


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    step = 10 ** math.floor(math.log10(value)) / 2
    return math.ceil(value / step) * step


def _native_chart(slide, native: NativeChart, left, top, width, height) -> None:
    number_format = "#,##0" if native.decimals == 0 else "#,##0." + "0" * native.decimals
    data = CategoryChartData(number_format=number_format)
    data.categories = native.categories
    for s in native.series:
        data.add_series(s.name, s.values)
    kind = XL_CHART_TYPE.LINE_MARKERS if native.kind == "line" else XL_CHART_TYPE.BAR_STACKED
    frame = slide.shapes.add_chart(kind, Inches(left), Inches(top), Inches(width), Inches(height), data)
    chart = frame.chart
    chart.has_title = False
    chart.font.size = Pt(14)
    chart.font.name = LATIN_FONT
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    chart.legend.font.size = Pt(14)
    values = [v for s in native.series for v in s.values if v is not None]
    axis = chart.value_axis
    axis.has_major_gridlines = True
    axis.major_gridlines.format.line.color.rgb = _rgb(RULE)
    axis.format.line.fill.background()
    axis.tick_labels.font.size = Pt(14)
    axis.tick_labels.number_format = "#,##0" if native.decimals == 0 or max(values) >= 20 else "#,##0.0"
    axis.tick_labels.number_format_is_linked = False
    categories = chart.category_axis
    categories.tick_labels.font.size = Pt(14)
    categories.format.line.color.rgb = _rgb("999999")
    categories.has_major_gridlines = False
    if native.kind == "bars":
        plot = chart.plots[0]
        plot.gap_width = 45
        plot.overlap = 100
        categories.reverse_order = True  # first bar on top, as in the book
        axis._element.find(qn("c:crosses")).set(
            "val", "max"
        )  # the value axis crosses at the last bar: stays at the bottom
        axis.minimum_scale = 0
        axis.has_title = True
        axis.axis_title.text_frame.text = native.unit
        _style_run(axis.axis_title.text_frame.paragraphs[0].runs[0], 14, GREY)
        for series, spec in zip(plot.series, native.series):
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = _rgb(spec.colour)
            labels = series.data_labels
            labels.show_value = True
            labels.number_format = "0;-0;;"  # no label on an empty stack
            labels.number_format_is_linked = False
            labels.position = XL_LABEL_POSITION.CENTER
            labels.font.size = Pt(14)
            labels.font.bold = True
            labels.font.color.rgb = _rgb("FFFFFF")
        set_east_asian_font(chart._chartSpace)
        return
    if min(values) >= 0:
        axis.minimum_scale = 0
    axis.maximum_scale = _nice_max(max(values) * 1.15)
    axis.has_title = True
    axis.axis_title.text_frame.text = native.unit
    _style_run(axis.axis_title.text_frame.paragraphs[0].runs[0], 14, GREY)
    shapes = {"A": XL_MARKER_STYLE.CIRCLE, "B": XL_MARKER_STYLE.SQUARE, "C": XL_MARKER_STYLE.TRIANGLE}
    for series, spec in zip(chart.plots[0].series, native.series):
        series.smooth = False
        if spec.line:
            series.format.line.color.rgb = _rgb(spec.colour)
            series.format.line.width = Pt(2.5)
        else:
            series.format.line.fill.background()
        series.marker.style = XL_MARKER_STYLE.CIRCLE
        series.marker.size = 11
        series.marker.format.fill.solid()
        series.marker.format.fill.fore_color.rgb = _rgb(tint(spec.colour) if spec.hollow else spec.colour)
        series.marker.format.line.color.rgb = _rgb(spec.colour)
        for i, (value, label, tier) in enumerate(zip(spec.values, spec.labels, spec.tiers)):
            if value is None:
                continue
            point = series.points[i]
            point.marker.style = shapes.get(tier, XL_MARKER_STYLE.CIRCLE)
            point.marker.size = 11
            point.marker.format.fill.solid()
            point.marker.format.fill.fore_color.rgb = _rgb(tint(spec.colour) if spec.hollow else spec.colour)
            point.marker.format.line.color.rgb = _rgb(spec.colour)
            point.marker.format.line.width = Pt(1.75)
            label_frame = point.data_label.text_frame
            label_frame.text = label
            _style_run(label_frame.paragraphs[0].runs[0], 14, spec.colour, bold=True)
            point.data_label.position = XL_LABEL_POSITION.ABOVE
    set_east_asian_font(chart._chartSpace)


def _picture(slide, png: bytes, alt: str, left, top, width, height) -> None:
    w, h = png_size(png)
    scale = min(width / w, height / h)
    pw, ph = w * scale, h * scale
    pic = slide.shapes.add_picture(
        io.BytesIO(png), Inches(left + (width - pw) / 2), Inches(top + (height - ph) / 2), Inches(pw), Inches(ph)
    )
    pic._element.nvPicPr.cNvPr.set("descr", alt)


def _tiles(slide, tiles: list[Tile], top: float) -> float:
    gap = 0.2
    width = (CONTENT_W - gap * (len(tiles) - 1)) / len(tiles)
    height = 1.75
    for i, tile in enumerate(tiles):
        box = slide.shapes.add_shape(
            MSO_SHAPE.RECTANGLE, Inches(MARGIN + i * (width + gap)), Inches(top), Inches(width), Inches(height)
        )
        box.fill.solid()
        box.fill.fore_color.rgb = _rgb(tile.colour)
        box.line.fill.background()
        box.shadow.inherit = False
        frame = box.text_frame
        frame.word_wrap = True
        frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        _set_text(frame, str(tile.count), 40, "FFFFFF", bold=True, align=PP_ALIGN.CENTER)
        _run(_paragraph(frame._txBody, PP_ALIGN.CENTER), tile.label, 16, "FFFFFF")
    return top + height


def _content(slide, s: Slide) -> None:
    _title(slide, s.title)
    top = BODY_TOP
    if s.tiles:
        top = _tiles(slide, s.tiles, top + 0.1) + 0.35
    if s.lead:
        h = text_height(rich_text(s.lead), CONTENT_W, BODY_PT)
        _textbox(slide, MARGIN, top, CONTENT_W, h, [s.lead], BODY_PT)
        top += h + 0.1
    if s.bullets:
        pt = BULLET_PT if not s.tiles else BODY_PT
        h = sum(text_height(rich_text(b), CONTENT_W - 0.4, pt) + 0.12 for b in s.bullets)
        _textbox(slide, MARGIN, top, CONTENT_W, max(h, 0.5), s.bullets, pt, bullets=True, space_after=12)
        top += h
    if s.table:
        _table(slide, s.table, top)
    if s.chart:
        caption_h = text_height(s.chart.caption, CONTENT_W, CAPTION_PT, spacing=1.2)
        height = BODY_BOTTOM - top - caption_h - 0.05
        if s.chart.native:
            _native_chart(slide, s.chart.native, MARGIN, top, CONTENT_W, height)
        else:
            _picture(slide, s.chart.png, s.chart.alt, MARGIN, top, CONTENT_W, height)
        _textbox(
            slide,
            MARGIN,
            BODY_BOTTOM - caption_h,
            CONTENT_W,
            caption_h,
            [[(s.chart.caption, False)]],
            CAPTION_PT,
            GREY,
            align=PP_ALIGN.LEFT,
            space_after=0,
        )


def _notes_page(slide, number: int, blank):
    """Slide `number`'s notes page, as a copy of `blank` (an empty notes page), related as python-pptx relates it.

    python-pptx (`slide.notes_slide`) builds every notes page from the notes master, placeholder by
    placeholder, and names it by walking the whole package: the costliest step of a slide. Every page
    it builds is the same, so it builds the first and the others are copies (slide n, notes page n).
    """
    package = slide.part.package
    part = NotesSlidePart(
        PackURI(f"/ppt/notesSlides/notesSlide{number}.xml"), CT.PML_NOTES_SLIDE, package, copy.deepcopy(blank)
    )
    part.relate_to(package.presentation_part.notes_master_part, RT.NOTES_MASTER)
    part.relate_to(slide.part, RT.SLIDE)
    slide.part.relate_to(part, RT.NOTES_SLIDE)
    return part.notes_slide


def write_pptx(deck: Deck, path: Path) -> Path:
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(SLIDE_W), Inches(SLIDE_H)
    _theme_fonts(prs)
    blank = None  # the first slide's notes page before its text: a copy is every other slide's notes page
    for number, s in enumerate(deck.slides, 1):
        slide = prs.slides.add_slide(prs.slide_layouts[0 if s.cover else 5])
        if s.cover:
            _cover(slide, s.cover)
        else:
            _content(slide, s)
        if blank is None:
            notes = slide.notes_slide
            blank = copy.deepcopy(notes._element)
        else:
            notes = _notes_page(slide, number, blank)
        # every run is written with the East-Asian font (charts: in _native_chart), the notes' runs too
        _set_text(notes.notes_text_frame, "\n".join(n for n in s.notes if n) or s.title)
    props = prs.core_properties
    props.title = deck.name
    props.subject = "seminar deck"
    props.author = props.last_modified_by = "zonebook"
    props.language = "zh-CN"
    props.created = props.modified = dt.datetime.combine(build_date(), dt.time())
    props.revision = 1
    tmp = path.with_name(path.name + ".tmp")
    prs.save(str(tmp))
    os.replace(tmp, path)
    return path
