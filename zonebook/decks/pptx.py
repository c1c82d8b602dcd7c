"""The PowerPoint writer: a deck (decks.model) as a 16:9 .pptx, through python-pptx's public API.

Native (editable) charts where a category chart says what the picture says (decks.figures), the picture otherwise;
a footer (the report's title and date) and the slide number on every slide but the cover; the appendix marked as
backup in its footer; the speaker notes on every slide.

Two documented touches of the XML, which python-pptx has no API for: the 16:9 label (`widescreen`: the template's
"screen4x3" and "On-screen Show (4:3)", replaced), and the East-Asian typeface (`a:ea`, 微软雅黑) of every
run, without which PowerPoint and WPS may draw Chinese in a font without the glyphs (`east_asian`); a run with Chinese
also gets `lang="zh-CN"` (through the public `font.language_id`), without which LibreOffice and some Office installs
fall back to Japanese glyph forms.

One shortcut through the XML, for speed: the first new run (or table cell) of each look is styled through the API, and
the others of that look get a copy of the a:rPr (a:tcPr) it made (`style`, `_cell_look`): the same XML, ~0.02 ms a
run instead of ~0.27 ms.
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

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_AXIS_CROSSES, XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.enum.lang import MSO_LANGUAGE_ID
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Inches, Pt

from zonebook.decks.model import (
    BODY_BOTTOM,
    BODY_PT,
    BODY_TOP,
    BULLET_PT,
    CAPTION_PT,
    CHART_PT,
    CONTENT_W,
    EA_FONT,
    FOOTER_H,
    FOOTER_PT,
    FOOTER_TOP,
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
    TITLE_TOP,
    Cover,
    Deck,
    NativeChart,
    Rich,
    Slide,
    Table,
    Tile,
    build_date,
    chart_box,
    png_size,
    rich_text,
    row_height,
    text_height,
    title_pt,
)

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
# a:rPr's children that come before a:ea (ECMA-376 CT_TextCharacterProperties), so a:ea is inserted in its place
_BEFORE_EA = {"ln", "noFill", "solidFill", "gradFill", "blipFill", "pattFill", "grpFill", "effectLst", "effectDag"}
_BEFORE_EA |= {"highlight", "uLnTx", "uLn", "uFillTx", "uFill", "latin"}
_CONTROL = re.compile(r"[\x00-\x08\x0B-\x1F]")


def east_asian(run, typeface: str = EA_FONT) -> None:
    """The run's East-Asian typeface (a:ea); python-pptx's `font.name` sets only the Latin one. The one XML touch."""
    props = run._r.get_or_add_rPr()
    ea = props.find(qn("a:ea"))
    if ea is None:
        ea = props.makeelement(qn("a:ea"), {})
        before = [i for i, child in enumerate(props) if child.tag.split("}")[-1] in _BEFORE_EA]
        props.insert(before[-1] + 1 if before else 0, ea)
    ea.set("typeface", typeface)


def widescreen(prs) -> None:
    """Label the deck 16:9: python-pptx's template calls every deck a 4:3 on-screen show (the slide size's `type` and
    the document properties' PresentationFormat), whatever its size."""
    prs.part._element.find(qn("p:sldSz")).attrib.pop("type", None)
    for part in prs.part.package.iter_parts():
        if part.partname == "/docProps/app.xml":
            part._blob = part.blob.replace(b"On-screen Show (4:3)", b"Widescreen")


def style(
    run, pt: float | None = None, colour: str | None = INK, bold: bool | None = False, text: str | None = None
) -> None:
    """A run in the house style: size, weight, colour, the Latin and East-Asian typefaces, zh-CN where it has Chinese
    (`text`: the run's text, when the caller has it at hand)."""
    look = ("run", pt, colour, bold, bool(CJK.search(run.text if text is None else text)))
    r = run._r
    new = r.rPr is None  # a new run is <a:r><a:t/></a:r>
    if new and look in _LOOKS:
        r.insert(0, copy.deepcopy(_LOOKS[look]))  # a:rPr is a:r's first child (before a:t), as python-pptx adds it
        return
    _style(run, *look[1:])
    if new:
        _LOOKS[look] = copy.deepcopy(r.rPr)


# The shortcut (docs/ARCHITECTURE.md, "What the code assumes of its libraries"): python-pptx's API takes ~0.27 ms to
# style a run (a copy ~0.02 ms); styling runs and cells was over a third of a deck's time. So only the first new run
# (a:r without a:rPr) or cell (empty a:tcPr) of a look is styled through the API; the others get a copy of the
# element it made, the same XML.
_LOOKS: dict[tuple, object] = {}  # a look ("run" or "cell", and its settings): the properties element the API made


def _style(run, pt: float | None, colour: str | None, bold: bool | None, chinese: bool) -> None:
    """`style` through python-pptx's API (and `east_asian`)."""
    font = run.font
    if pt is not None:
        font.size = Pt(pt)
    if bold is not None:
        font.bold = bold
    if colour is not None:
        fill = font.fill  # font.color, less its check that the new run's fill is not solid yet
        fill.solid()
        fill.fore_color.rgb = _rgb(colour)
    font.name = LATIN_FONT
    if chinese:
        font.language_id = MSO_LANGUAGE_ID.SIMPLIFIED_CHINESE
    east_asian(run)


def add_run(paragraph, text: str, pt: float | None = None, colour: str | None = INK, bold: bool | None = False):
    run = paragraph.add_run()
    run.text = text = _CONTROL.sub(" ", text)
    style(run, pt, colour, bold, text)
    return run


def write_paragraphs(frame, paragraphs: list[Rich], pt: float | None, colour: str | None = INK, align=None, after=None):
    """Paragraphs of (text, bold) segments into a text frame, replacing its text."""
    frame.clear()  # leaves one empty paragraph
    first = frame.paragraphs[0]
    for n, segments in enumerate(paragraphs):
        p = first if n == 0 else frame.add_paragraph()
        if align is not None:
            p.alignment = align
        if after is not None:
            p.space_after = Pt(after)
        for text, bold in segments:
            if text:
                add_run(p, text, pt, colour, bold)


def plain(text: str, bold: bool = False) -> list[Rich]:
    return [[(line, bold)] for line in text.split("\n")]


@functools.cache
def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour)


def tint(hex_colour: str, white: float = 0.55) -> str:
    """A pale version of a colour: the 'hollow' marker of a target (LibreOffice drops a hollow marker's border)."""
    rgb = [int(hex_colour[i : i + 2], 16) for i in (0, 2, 4)]
    return "".join(f"{round(c + (255 - c) * white):02X}" for c in rgb)


def _frame(shape, anchor=MSO_ANCHOR.TOP, margin: float = 0.05):
    frame = shape.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = anchor
    frame.margin_left = frame.margin_right = Inches(margin)
    return frame


def _textbox(slide, left, top, width, height, paragraphs: list[Rich], pt, colour=INK, align=None, after=6, anchor=None):
    box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
    write_paragraphs(_frame(box, anchor or MSO_ANCHOR.TOP), paragraphs, pt, colour, align, after)
    return box


def _rectangle(slide, left, top, width, height, colour: str):
    shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Inches(left), Inches(top), Inches(width), Inches(height))
    shape.fill.solid()
    shape.fill.fore_color.rgb = _rgb(colour)
    shape.line.fill.background()
    shape.shadow.inherit = False
    return shape


def _title(slide, text: str, colour: str = NAVY, top: float = TITLE_TOP, height: float = TITLE_H, bar: bool = True):
    if bar:
        _rectangle(slide, MARGIN - 0.28, top + 0.18, 0.1, height - 0.36, NAVY)
    shape = slide.shapes.title
    shape.left, shape.top, shape.width, shape.height = Inches(MARGIN), Inches(top), Inches(CONTENT_W), Inches(height)
    write_paragraphs(_frame(shape, MSO_ANCHOR.MIDDLE), plain(text, bold=True), title_pt(text), colour, PP_ALIGN.LEFT)


def _cover(slide, cover: Cover) -> None:
    """The cover: on navy, the title, the subtitle, the date, and the presenter and event when given."""
    slide.background.fill.solid()
    slide.background.fill.fore_color.rgb = _rgb(NAVY)
    title = slide.shapes.title
    title.left, title.top, title.width, title.height = Inches(MARGIN), Inches(0.9), Inches(CONTENT_W), Inches(2.3)
    frame = _frame(title, MSO_ANCHOR.BOTTOM)
    write_paragraphs(frame, [[(cover.title, True)], [(cover.subtitle, False)]], 44, "FFFFFF", PP_ALIGN.LEFT)
    frame.paragraphs[1].runs[0].font.size = Pt(30)
    frame.paragraphs[1].space_before = Pt(10)  # clear of the Chinese title's descenders
    sub = slide.placeholders[1]
    sub.left, sub.top, sub.width, sub.height = Inches(MARGIN), Inches(3.35), Inches(CONTENT_W), Inches(0.6)
    write_paragraphs(_frame(sub), plain(cover.kicker), 20, "D6E4F0", PP_ALIGN.LEFT)
    summary = [[(cover.summary, False)]] if cover.summary else []
    h = sum(text_height(rich_text(p), CONTENT_W, BODY_PT) for p in summary) + 0.1
    if summary:
        _textbox(slide, MARGIN, 4.1, CONTENT_W, h, summary, BODY_PT, "FFFFFF")
    who = " · ".join(t for t in (cover.presenter, cover.event) if t)
    lines = [[(who, True)]] if who else []
    lines.append([(cover.dates, False)])
    _textbox(slide, MARGIN, 4.1 + h + 0.15, CONTENT_W, 0.4 * len(lines) + 0.2, lines, 20, "D6E4F0", after=4)


def _divider(slide, s: Slide) -> None:
    slide.background.fill.solid()
    slide.background.fill.fore_color.rgb = _rgb(NAVY)
    _title(slide, s.title, "FFFFFF", top=2.9, height=1.4, bar=False)


def _table(slide, table: Table, top: float) -> None:
    """The table: a navy header row (repeated on every page of a paginated table), then striped (or shaded) rows."""
    heights = [row_height(table.headers, table.widths)] + [row_height(r, table.widths) for r in table.rows]
    shape = slide.shapes.add_table(
        len(heights), len(table.widths), Inches(MARGIN), Inches(top), Inches(sum(table.widths)), Inches(sum(heights))
    )
    grid = shape.table
    grid.first_row = True
    grid.horz_banding = False
    for column, w in zip(grid.columns, table.widths):
        column.width = Inches(w)
    shades = table.shades or [None] * len(table.rows)
    for r, (row, cells, h) in enumerate(zip(grid.rows, [table.headers, *table.rows], heights)):
        row.height = Inches(h)
        colour = NAVY if r == 0 else shades[r - 1] or (STRIPE if r % 2 == 0 else "FFFFFF")
        for c, (cell, text) in enumerate(zip(row.cells, cells)):  # a row's cells in one pass, not grid.cell(r, c)
            _cell_look(cell, colour)
            align = PP_ALIGN.RIGHT if (c in table.numeric and r > 0) else PP_ALIGN.LEFT
            write_paragraphs(cell.text_frame, plain(text, bold=r == 0), TABLE_PT, "FFFFFF" if r == 0 else INK, align)
            if r > 0 and (r - 1, c) in table.links:
                for p in cell.text_frame.paragraphs:
                    for run in p.runs:
                        run.hyperlink.address = table.links[(r - 1, c)]


def _cell_look(cell, colour: str) -> None:
    """A table cell's fill, middle anchor and margins; a new cell (empty a:tcPr) of a colour styled before gets a copy
    of the a:tcPr python-pptx made then (`_LOOKS`)."""
    look, tc = ("cell", colour), cell._tc
    new = tc.tcPr is not None and len(tc.tcPr) == 0 and not tc.tcPr.attrib
    if new and look in _LOOKS:
        tc.replace(tc.tcPr, copy.deepcopy(_LOOKS[look]))
        return
    fill = cell.fill
    fill.solid()
    fill.fore_color.rgb = _rgb(colour)
    cell.vertical_anchor = MSO_ANCHOR.MIDDLE
    cell.margin_left = cell.margin_right = Inches(0.1)
    cell.margin_top = cell.margin_bottom = Inches(0.05)
    if new:
        _LOOKS[look] = copy.deepcopy(tc.tcPr)


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    step = 10 ** math.floor(math.log10(value)) / 2
    return math.ceil(value / step) * step


def _axis_title(axis, text: str) -> None:
    axis.has_title = True
    write_paragraphs(axis.axis_title.text_frame, plain(text), CHART_PT, GREY)


def _native_chart(slide, native: NativeChart, left, top, width, height) -> None:
    number_format = "#,##0" if native.decimals == 0 else "#,##0." + "0" * native.decimals
    data = CategoryChartData(number_format=number_format)
    bars = native.kind == "bars"
    order = list(range(len(native.categories)))[:: -1 if bars else 1]  # bars: the first on top, as in the book
    data.categories = [native.categories[i] for i in order]
    for s in native.series:
        data.add_series(s.name, [s.values[i] for i in order])
    kind = XL_CHART_TYPE.BAR_STACKED if bars else XL_CHART_TYPE.LINE_MARKERS
    frame = slide.shapes.add_chart(kind, Inches(left), Inches(top), Inches(width), Inches(height), data)
    chart = frame.chart
    chart.has_title = False
    chart.font.size = Pt(CHART_PT)
    chart.font.name = LATIN_FONT
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    chart.legend.font.size = Pt(CHART_PT)
    values = [v for s in native.series for v in s.values if v is not None]
    axis = chart.value_axis
    axis.has_major_gridlines = True
    axis.major_gridlines.format.line.color.rgb = _rgb(RULE)
    axis.format.line.fill.background()
    axis.tick_labels.font.size = Pt(CHART_PT)
    axis.tick_labels.number_format = "#,##0" if native.decimals == 0 or max(values) >= 20 else "#,##0.0"
    axis.tick_labels.number_format_is_linked = False
    categories = chart.category_axis
    categories.tick_labels.font.size = Pt(CHART_PT)
    categories.format.line.color.rgb = _rgb("999999")
    categories.has_major_gridlines = False
    _axis_title(axis, native.unit + (" (1 = first)" if native.invert else ""))
    if bars:
        plot = chart.plots[0]
        plot.gap_width = 45
        plot.overlap = 100
        axis.minimum_scale = 0
        for series, spec in zip(plot.series, native.series):
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = _rgb(spec.colour)
            labels = series.data_labels
            labels.show_value = True
            labels.number_format = "0;-0;;"  # no label on an empty stack
            labels.number_format_is_linked = False
            labels.position = XL_LABEL_POSITION.CENTER
            labels.font.size = Pt(CHART_PT)
            labels.font.bold = True
            labels.font.color.rgb = _rgb("FFFFFF")
        return
    if native.invert:
        axis.reverse_order = True  # a rank: 1 at the top
        axis.crosses = XL_AXIS_CROSSES.MAXIMUM  # the periods stay at the bottom, where the largest rank now is
        axis.minimum_scale = 1
        axis.maximum_scale = _nice_max(max(values) * 1.2)
    else:
        if min(values) >= 0:
            axis.minimum_scale = 0
        axis.maximum_scale = _nice_max(max(values) * 1.15)
        if all(float(v).is_integer() for v in values) and axis.maximum_scale <= 10:
            axis.major_unit = 1  # counts: no 1.5 firms between the gridlines (as the picture, report.charts)
    shapes = {"A": XL_MARKER_STYLE.CIRCLE, "B": XL_MARKER_STYLE.SQUARE, "C": XL_MARKER_STYLE.TRIANGLE}
    for series, spec in zip(chart.plots[0].series, native.series):
        series.smooth = False
        if spec.line:
            series.format.line.color.rgb = _rgb(spec.colour)
            series.format.line.width = Pt(2.5)
        else:
            series.format.line.fill.background()
        looks = []
        for i, (value, label, tier) in enumerate(zip(spec.values, spec.labels, spec.tiers)):
            if value is None:
                continue
            bound = (spec.bounds[i] if spec.bounds else None) or "eq"
            # a target hollow (white, as the book draws it), a bound drawn as no exact point pale
            fill = "FFFFFF" if spec.hollow else tint(spec.colour, 0.85) if bound != "eq" else spec.colour
            looks.append((shapes.get(tier, XL_MARKER_STYLE.CIRCLE), fill))
            point = series.points[i]
            _marker(point.marker, *looks[-1], spec.colour)
            frame_ = point.data_label.text_frame
            write_paragraphs(frame_, plain(label, bold=True), CHART_PT, spec.colour)
            point.data_label.position = XL_LABEL_POSITION.BELOW if native.invert else XL_LABEL_POSITION.ABOVE
        # the legend shows the series' own marker: the look of its points (decks.figures keeps one tier a series)
        _marker(series.marker, *(looks[0] if looks else (XL_MARKER_STYLE.CIRCLE, spec.colour)), spec.colour)


def _marker(marker, style, fill: str, line: str) -> None:
    marker.style = style
    marker.size = 11
    marker.format.fill.solid()
    marker.format.fill.fore_color.rgb = _rgb(fill)
    marker.format.line.color.rgb = _rgb(line)
    marker.format.line.width = Pt(1.75)


def _picture(slide, png: bytes, left, top, width, height) -> None:
    w, h = png_size(png)
    scale = min(width / w, height / h)
    pw, ph = w * scale, h * scale
    slide.shapes.add_picture(
        io.BytesIO(png), Inches(left + (width - pw) / 2), Inches(top + (height - ph) / 2), Inches(pw), Inches(ph)
    )


def _tiles(slide, tiles: list[Tile], top: float) -> float:
    gap = 0.2
    width = (CONTENT_W - gap * (len(tiles) - 1)) / len(tiles)
    height = 1.75
    for i, tile in enumerate(tiles):
        box = _rectangle(slide, MARGIN + i * (width + gap), top, width, height, tile.colour)
        frame = _frame(box, MSO_ANCHOR.MIDDLE)
        write_paragraphs(frame, [[(str(tile.count), True)], [(tile.label, False)]], 40, "FFFFFF", PP_ALIGN.CENTER)
        frame.paragraphs[1].runs[0].font.size = Pt(18)
        frame.paragraphs[1].space_before = Pt(8)
    return top + height


def _bullets(slide, s: Slide, top: float, pt: float) -> float:
    """The slide's bullets in the layout's content placeholder (its bullets and hanging indent are the master's)."""
    h = sum(text_height(rich_text(b), CONTENT_W - 0.4, pt) + 0.12 for b in s.bullets)
    body = slide.placeholders[1]
    body.left, body.top, body.width, body.height = Inches(MARGIN), Inches(top), Inches(CONTENT_W), Inches(max(h, 0.5))
    frame = _frame(body)
    write_paragraphs(frame, s.bullets, pt, INK, PP_ALIGN.LEFT, 12)
    for n, address in s.links.items():
        for run in frame.paragraphs[n].runs:
            run.hyperlink.address = address
    return top + h


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
        top = _bullets(slide, s, top, BULLET_PT if not s.tiles else BODY_PT)
    if s.table:
        _table(slide, s.table, top)
    if s.chart:
        width, height = chart_box(s.chart.caption, top)
        if s.chart.native:
            _native_chart(slide, s.chart.native, MARGIN, top, width, height)
        else:
            _picture(slide, s.chart.png, MARGIN, top, width, height)
        caption_h = BODY_BOTTOM - top - height - 0.05
        _textbox(
            slide,
            MARGIN,
            BODY_BOTTOM - caption_h,
            CONTENT_W,
            caption_h,
            plain(s.chart.caption),
            CAPTION_PT,
            GREY,
            PP_ALIGN.LEFT,
            0,
        )


def _footer(slide, deck: Deck, number: int, total: int, s: Slide, colour: str = GREY) -> None:
    """The report's title and date (and "Backup" in the appendix) at the foot, the slide's number at the right."""
    text = (deck.backup_mark if s.backup and not s.divider else "") + deck.footer
    _textbox(
        slide,
        MARGIN,
        FOOTER_TOP,
        CONTENT_W - 1.6,
        FOOTER_H,
        plain(text),
        FOOTER_PT,
        colour,
        PP_ALIGN.LEFT,
        0,
        MSO_ANCHOR.MIDDLE,
    )
    _textbox(
        slide,
        SLIDE_W - MARGIN - 1.5,
        FOOTER_TOP,
        1.5,
        FOOTER_H,
        plain(f"{number} / {total}"),
        FOOTER_PT,
        colour,
        PP_ALIGN.RIGHT,
        0,
        MSO_ANCHOR.MIDDLE,
    )


def write_pptx(deck: Deck, path: Path) -> Path:
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(SLIDE_W), Inches(SLIDE_H)
    widescreen(prs)
    total = len(deck.slides)
    for number, s in enumerate(deck.slides, 1):
        layout = 0 if s.cover else 1 if s.bullets else 5
        slide = prs.slides.add_slide(prs.slide_layouts[layout])
        if s.cover:
            _cover(slide, s.cover)
        elif s.divider:
            _divider(slide, s)
        else:
            _content(slide, s)
        if not s.cover:
            _footer(slide, deck, number, total, s, "D6E4F0" if s.divider else GREY)
        frame = slide.notes_slide.notes_text_frame
        write_paragraphs(frame, plain("\n".join(n for n in s.notes if n) or s.title), None, None)
    props = prs.core_properties
    props.title = deck.name
    props.subject = "seminar deck"
    props.author = props.last_modified_by = "zonebook"
    props.language = deck.language_tag
    props.created = props.modified = dt.datetime.combine(build_date(), dt.time())
    props.revision = 1
    tmp = path.with_name(path.name + ".tmp")
    prs.save(str(tmp))
    os.replace(tmp, path)
    return path
