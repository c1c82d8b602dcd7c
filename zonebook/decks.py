"""Seminar decks: a PowerPoint deck and an offline reveal.js deck for the city and for every zone.

Planners present from PowerPoint or WPS more often than from a browser, and the room may have no
internet. So every deck is written twice from one slide model:

* ``NN-<zone>.pptx`` (python-pptx): 16:9, native (editable) charts where a series has one figure
  per year, the book's matplotlib chart as a picture otherwise; the East-Asian font is set on every
  run so Chinese renders in PowerPoint and WPS; every slide's notes carry the exact figures, their
  sources and the sources' own words.
* ``NN-<zone>.html``: a reveal.js deck with the same slides and notes (press N), charts embedded as
  PNG, reveal.js vendored (``zonebook/vendor/reveal``) and copied beside the decks as ``reveal/``;
  no network address anywhere in the file.

The numbers and charts come from the same functions the book's notebooks call (``metrics``,
``report``, ``charts``) on the same data; nothing is recomputed here.
"""

from __future__ import annotations

import base64
import copy
import datetime as dt
import functools
import html
import inspect
import io
import math
import os
import re
import struct
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import matplotlib
import pandas as pd
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

from zonebook import charts, metrics, report
from zonebook.data import CITY, DataError, Dataset, format_value, load
from zonebook.reveal import copy_reveal

# --- house style ------------------------------------------------------------------------------

EA_FONT = "Microsoft YaHei"  # 微软雅黑: installed with Windows, Office for Mac and WPS; Linux falls back to its CJK font
LATIN_FONT = "Arial"
HTML_FONTS = ('"Microsoft YaHei", "PingFang SC", "Noto Sans SC", "Noto Sans CJK SC", "Source Han Sans SC", '
              '"WenQuanYi Micro Hei", "Hiragino Sans GB", "Helvetica Neue", Arial, sans-serif')
NAVY, INK, GREY, RULE, STRIPE = "1F4E79", "222222", "5F6B76", "D0D7DE", "F2F5F9"
TIER_NAME = {"A": "official or mainstream", "B": "official text on a mirror", "C": "third-party or self-media"}
VERDICT_SHADE = {"conflict": "FBE3E1", "partly": "F4F3D6"}

SLIDE_W, SLIDE_H = 12192000 / 914400, 7.5  # inches, 16:9 (PowerPoint's own 33.867 × 19.05 cm)
MARGIN = 0.6
CONTENT_W = SLIDE_W - 2 * MARGIN
TITLE_TOP, TITLE_H = 0.3, 1.0
BODY_TOP, BODY_BOTTOM = 1.45, 7.05
TITLE_PT, TITLE_MIN_PT, BODY_PT, BULLET_PT, TABLE_PT, CAPTION_PT = 30, 28, 18, 20, 14, 16
TABLE_MAX_ROWS = 9
CHART_DPI = 200  # the book's charts at twice the book's resolution, for projectors
PX_PER_PT = 1280 / (SLIDE_W * 72)  # the HTML deck is 1280 × 720 CSS px, the same page as the PowerPoint



# --- the slide model: one deck, drawn twice ---------------------------------------------------

Rich = list[tuple[str, bool]]  # text segments, bold or not


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]
    widths: list[float]  # inches
    numeric: tuple[int, ...] = ()
    shades: list[str | None] = field(default_factory=list)  # a fill per row (hex), None for the striping
    links: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, column) → address (PowerPoint only)


@dataclass
class Series:
    name: str
    values: list[float | None]
    labels: list[str | None]
    tiers: list[str | None]
    colour: str
    line: bool
    hollow: bool


@dataclass
class NativeChart:
    categories: list[str]
    series: list[Series]
    unit: str
    decimals: int
    kind: str = "line"  # "line": a series over years; "bars": stacked horizontal bars of counts


@dataclass
class Chart:
    png: bytes
    alt: str
    caption: str
    native: NativeChart | None = None


@dataclass
class Tile:
    label: str
    count: int
    colour: str


@dataclass
class Cover:
    name_zh: str
    name_en: str
    kicker: str
    summary: str
    dates: str


@dataclass
class Slide:
    title: str
    notes: list[str]
    lead: Rich | None = None
    bullets: list[Rich] = field(default_factory=list)
    table: Table | None = None
    chart: Chart | None = None
    tiles: list[Tile] = field(default_factory=list)
    cover: Cover | None = None


@dataclass
class Deck:
    stem: str
    name: str
    slides: list[Slide]


# --- small helpers ----------------------------------------------------------------------------


def rich(fragment: str) -> Rich:
    """One of report's HTML sentences (escaped text and <b>) as text segments."""
    out, bold = [], False
    for token in re.split(r"(</?b>)", fragment):
        if token in ("<b>", "</b>"):
            bold = token == "<b>"
        elif token:
            text = html.unescape(re.sub(r"<[^>]+>", "", token))
            if text:
                out.append((text, bold))
    return out


def plain(fragment: str) -> str:
    """report's HTML as plain text, list items on their own lines (for speaker notes)."""
    text = re.sub(r"<li>", "\n- ", fragment)
    text = re.sub(r"</p>|</ul>|<br\s*/?>", "\n", text)
    return "\n".join(line.strip() for line in html.unescape(re.sub(r"<[^>]+>", "", text)).splitlines() if line.strip())


def rich_text(segments: Rich) -> str:
    return "".join(t for t, _ in segments)


def exact(value: float) -> str:
    """A stored number in full, as in the CSV (8200.0 → 8200)."""
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def publisher(row) -> str:
    return (getattr(row, "publisher", "") or getattr(row, "source", "")) or ""


def rows_by_label(frame: pd.DataFrame) -> dict:
    """Every row of `frame` as a named tuple, by index label.

    One `itertuples` for a whole table, then plain look-ups: pandas builds a new named-tuple class on
    every `itertuples` call, which costs more than the rows themselves for the small groups the slides use.
    """
    if not frame.index.is_unique:
        raise ValueError("rows_by_label needs a unique index")
    return dict(zip(frame.index, frame.itertuples(index=False)))


def short(text: str, limit: int = 40) -> str:
    """A long label cut for a table cell (the notes carry it in full)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip(" ,(") + "…"


def figure_note(row) -> str:
    """One figure for the speaker: the shown figure, the stored number, the source and its words."""
    text = (f"- {row.name_en} ({row.name_zh}), {row.period}, {row.kind}: {format_value(row.value, row.decimals, row.bound)} {row.unit} "
            f"[stored value {exact(row.value)}, bound {row.bound}] — {publisher(row)}, «{row.title}»"
            f"{f', published {row.published}' if row.published else ''}, tier {row.tier}. Quote: «{row.quote}»")
    return text + (f" Note: {row.note}" if getattr(row, "note", "") else "")


def em_width(text: str) -> float:
    """Approximate width of a text in ems: CJK full width, Latin about half."""
    width = 0.0
    for ch in text:
        if unicodedata.east_asian_width(ch) in "WF":
            width += 1.0
        elif ch in " .,:;'|!il()[]·":
            width += 0.3
        elif ch.isupper() or ch in "%@MW—":
            width += 0.7
        else:
            width += 0.56
    return width


def lines_needed(text: str, width_in: float, pt: float, padding_in: float = 0.2) -> int:
    per_line = max(1.0, (width_in - padding_in) * 72 / pt)
    return sum(max(1, math.ceil(em_width(line) * 1.08 / per_line)) for line in (text.split("\n") or [""]))


def row_height(cells: list[str], widths: list[float], pt: float = TABLE_PT) -> float:
    return max(lines_needed(c, w, pt) for c, w in zip(cells, widths)) * pt * 1.22 / 72 + 0.12


def text_height(text: str, width_in: float, pt: float, spacing: float = 1.25) -> float:
    return lines_needed(text, width_in, pt, padding_in=0.25) * pt * spacing / 72 + 0.15


def paginate_table(table: Table, height: float) -> list[Table]:
    """Split a table into pages that fit `height` inches (header repeated), at most TABLE_MAX_ROWS rows each."""
    header = row_height(table.headers, table.widths)
    pages, current, used = [], [], header
    for i, row in enumerate(table.rows):
        h = row_height(row, table.widths)
        if current and (used + h > height or len(current) >= TABLE_MAX_ROWS):
            pages.append(current)
            current, used = [], header
        current.append(i)
        used += h
    if current or not pages:
        pages.append(current)
    shades = table.shades or [None] * len(table.rows)
    return [Table(table.headers, [table.rows[i] for i in page], table.widths, table.numeric, [shades[i] for i in page],
                  {(page.index(r), c): url for (r, c), url in table.links.items() if r in page}) for page in pages]


def paginate_bullets(bullets: list[Rich], height: float, pt: float = BULLET_PT) -> list[list[Rich]]:
    pages, current, used = [], [], 0.0
    for b in bullets:
        h = text_height(rich_text(b), CONTENT_W - 0.4, pt) + 0.12
        if current and used + h > height:
            pages.append(current)
            current, used = [], 0.0
        current.append(b)
        used += h
    return pages + [current] if current else pages


def table_slides(title: str, table: Table, notes_for_rows, lead: Rich | None = None, extra_notes: list[str] | None = None) -> list[Slide]:
    """A table over as many slides as it needs; each slide's notes cover its own rows."""
    room = BODY_BOTTOM - BODY_TOP - (text_height(rich_text(lead), CONTENT_W, BODY_PT) + 0.1 if lead else 0)
    pages = paginate_table(table, room)
    slides, start = [], 0
    for n, page in enumerate(pages, 1):
        rows = list(range(start, start + len(page.rows)))
        start += len(page.rows)
        shown = title if len(pages) == 1 else f"{title} ({n}/{len(pages)})"
        slides.append(Slide(shown, [*(extra_notes or [])] + notes_for_rows(rows), lead=lead, table=page))
    return slides


def chart_png(fig, shrink: float = 0.9) -> bytes:
    """The book's chart through the book's own `charts.png_bytes`, for a projector.

    The figure is shrunk to `shrink` times the book's size (so its text is larger relative to the chart
    once it fills the slide) and saved at CHART_DPI. charts.py lays its charts out with fixed margins;
    they keep their size in inches, so labels, legend and source line have the room they have in the
    book and the plot gives up the rest (drawn once: no tight_layout, which drew it three times).
    """
    width, height = fig.get_size_inches()
    p = fig.subplotpars
    left, right, bottom, top = p.left * width, (1 - p.right) * width, p.bottom * height, (1 - p.top) * height
    width, height = width * shrink, height * shrink
    fig.set_size_inches(width, height)
    fig.subplots_adjust(left=left / width, right=1 - right / width, bottom=bottom / height, top=1 - top / height)
    with matplotlib.rc_context({"savefig.dpi": CHART_DPI}):
        return charts.png_bytes(fig)


def drawn_chart(draw, *args, **kwargs) -> bytes:
    """`chart_png(draw(*args, **kwargs))` through the book's chart cache (charts.cached), keyed on the drawing
    function and its inputs in full, and on chart_png itself: a deck's own charts are drawn again only when
    what they show changes."""
    key = charts.fingerprint(["deck", f"{draw.__module__}.{draw.__qualname__}", args, kwargs, CHART_DPI, inspect.getsource(chart_png)])
    return charts.cached(key, lambda: chart_png(draw(*args, **kwargs)))


def png_size(png: bytes) -> tuple[int, int]:
    return struct.unpack(">II", png[16:24])


def build_date() -> dt.date:
    """Today, or SOURCE_DATE_EPOCH for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date() if epoch else dt.date.today()


def data_as_of(sources: pd.DataFrame) -> str:
    dates = [d for d in sources["published"] if d]
    return max(dates) if dates else "undated"


# --- the slides, from the book's functions ----------------------------------------------------


def cover_slide(name_zh: str, name_en: str, kicker: str, summary: str, sources: pd.DataFrame, built: dt.date, notes: list[str]) -> Slide:
    asof = data_as_of(sources)
    dates = f"Data as of {asof} (latest publication among the {len(sources)} sources used) · deck built {built.isoformat()}"
    return Slide(f"{name_zh} {name_en}", notes, cover=Cover(name_zh, name_en, kicker, summary, dates))


def key_figure_slides(obs: pd.DataFrame) -> list[Slide]:
    kf = metrics.key_figures(obs)
    if kf.empty:
        return [Slide("Key figures", ["The data holds no figure with a number for this part of the report."],
                      lead=[("No figures with a number for this part of the report.", False)])]
    records = list(kf.itertuples(index=False))
    rows = [[f"{r.name_en} {r.name_zh}", format_value(r.value, r.decimals, r.bound), r.unit, r.period, r.kind, f"{short(publisher(r))} · {r.tier}"]
            for r in records]
    table = Table(["Indicator", "Latest", "Unit", "Period", "Kind", "Source · tier"], rows, [3.9, 1.9, 1.1, 1.3, 1.2, 2.73], numeric=(1,))
    intro = ["The latest figure of every indicator, from every source that gives one (tier A first)."]
    return table_slides("Key figures", table, lambda idx: [figure_note(records[i]) for i in idx], extra_notes=intro)


def native_chart(records: list) -> NativeChart | None:
    """An editable chart where it says the same as the book's: full years, one figure per year, no spans.

    `records`: one indicator's figures (rows of the observations table, as named tuples).
    """
    periods = [r.period for r in records]
    if any(r.is_span for r in records) or not all(re.fullmatch(r"\d{4}", p) for p in periods) or len(set(periods)) < len(periods):
        return None
    years = [int(p) for p in periods]
    lo, hi = min(years), max(years)
    if hi - lo > 15:
        return None
    categories = list(range(lo, hi + 1))
    first = records[0]
    series = []
    for kind in ("actual", "estimate", "target"):
        rows = {int(r.period): r for r in records if r.kind == kind}
        if not rows:
            continue
        series.append(Series(kind, [float(rows[y].value) if y in rows else None for y in categories],
                             [format_value(rows[y].value, rows[y].decimals, rows[y].bound) if y in rows else None for y in categories],
                             [rows[y].tier if y in rows else None for y in categories],
                             charts.KIND_COLOUR[kind].lstrip("#").upper(), line=kind == "actual", hollow=kind == "target"))
    return NativeChart([str(y) for y in categories], series, first.unit, int(first.decimals))


def chart_slides(obs: pd.DataFrame) -> list[Slide]:
    """A chart for every indicator with figures for two or more periods (as report.series_figures)."""
    out = []
    numbers = metrics.figures(obs)
    rows = rows_by_label(numbers)
    for indicator, group in numbers.groupby("indicator", sort=False):
        if group["period"].nunique() < 2:
            continue
        records = [rows[i] for i in group.index]
        first = records[0]
        png = charts.series_png(group)  # the book's own chart, the same bytes
        native = native_chart(records)
        ordered = group.sort_values(["period_start", "period_end", "tier"], kind="stable")
        cited = ordered.drop_duplicates("source").sort_values("tier")
        sources = "; ".join(f"{publisher(rows[i])} (tier {rows[i].tier})" for i in cited.index)
        if native:
            tiers = sorted({r.tier for r in records})
            marks = ", ".join(f"{ {'A': '●', 'B': '■', 'C': '▲'}[t]} tier {t}" for t in tiers)
            caption = f"Sources: {sources}. Markers: {marks}; pale = target."
            how = "Chart: a native PowerPoint chart (right-click › Edit Data to change it); labels show each figure with its qualifier."
        else:
            caption = "Where sources differ on a period each figure is drawn side by side; hollow markers and dashed lines are targets."
            how = ("Chart: the book's chart as a picture, because "
                   + ("several sources give a figure for the same period" if group["period"].duplicated().any()
                      else "the series has quarters, spans or a long gap") + ".")
        notes = [f"{first.name_en} ({first.name_zh}), in {first.unit}: {len(records)} figures, {records[0].period}–{records[-1].period}. {how}",
                 "Every figure in the chart:", *[figure_note(rows[i]) for i in ordered.index]]
        alt = f"Chart of {first.name_en} ({first.name_zh}) over time, in {first.unit}"
        out.append(Slide(f"{first.name_en} · {first.name_zh} ({first.unit})", notes, chart=Chart(png, alt, caption, native)))
    return out


def bullet_slides(title: str, bullets: list[Rich], intro: str) -> list[Slide]:
    """Bullets over as many slides as they need; the notes repeat them in full."""
    pages = paginate_bullets(bullets, BODY_BOTTOM - BODY_TOP)
    return [Slide(title if len(pages) == 1 else f"{title} ({n}/{len(pages)})", [intro, *[f"- {rich_text(b)}" for b in page]], bullets=page)
            for n, page in enumerate(pages, 1)]


def readings_slides(obs: pd.DataFrame) -> list[Slide]:
    sentences = report.readings(obs)
    intro = ("Computed from the figures with the book's measures (compound annual growth, year-on-year growth, "
             "growth needed to reach a target); see the book's Data and methods chapter.")
    return bullet_slides("Readings", [rich(s) for s in sentences], intro) if sentences else []


def gap_text(t) -> str:
    if pd.isna(t.actual):
        return "no earlier actual"
    if t.unit == "%":
        return f"{t.gap:+.{max(1, int(t.decimals))}f} pp"
    if t.gap <= 0:
        return "reached"
    return format_value(t.gap, t.decimals)


def targets_slides(obs: pd.DataFrame) -> list[Slide]:
    ta = metrics.targets_against_actuals(obs)
    if ta.empty:
        return []
    records = list(ta.itertuples(index=False))
    rows = [[f"{t.name_en} {t.name_zh} ({t.unit})", format_value(t.target, t.decimals, t.target_bound), t.target_period,
             "—" if pd.isna(t.actual) else format_value(t.actual, t.decimals, t.actual_bound), t.actual_period or "—",
             gap_text(t), "—" if pd.isna(t.required_growth_pct) else f"{t.required_growth_pct:.1f}%"] for t in records]
    table = Table(["Indicator (unit)", "Target", "For", "Latest actual", "In", "Gap", "Growth needed a year"], rows,
                  [3.3, 1.6, 1.1, 1.7, 1.0, 1.5, 1.93], numeric=(1, 3, 5, 6))
    numbers = metrics.figures(obs)
    stated = {}  # each source's target figures, by (indicator, period, source)
    for r in numbers[numbers["kind"] == "target"].itertuples(index=False):
        stated.setdefault((r.indicator, r.period, r.source), []).append(r)

    def notes(idx):
        out = []
        for i in idx:
            t = records[i]
            out.append(f"- {t.name_en} ({t.name_zh}): target {format_value(t.target, t.decimals, t.target_bound)} {t.unit} for {t.target_period} "
                       f"[stored {exact(t.target)}, bound {t.target_bound}]"
                       + (f"; latest actual {format_value(t.actual, t.decimals, t.actual_bound)} {t.unit} in {t.actual_period} [stored {exact(t.actual)}]"
                          if not pd.isna(t.actual) else "; no earlier actual in the data")
                       + (f"; growth needed {t.required_growth_pct:.2f}% a year" if not pd.isna(t.required_growth_pct) else ""))
            out += [figure_note(r) for r in stated.get((t.indicator, t.target_period, t.target_source), [])]
        return out

    intro = ["Each target against the latest actual of the same indicator that ends before the target period begins; "
             "the growth needed is the compound annual rate from that actual to the target."]
    return table_slides("Targets against actuals", table, notes, extra_notes=intro)


def audit_slides(audit: pd.DataFrame, ds: Dataset, where: str, with_zone: bool) -> list[Slide]:
    """The audit's verdicts as tiles, then the claims in conflict (or not confirmed), as in the book."""
    title = "The article's claims, checked"
    claims = ds.claims_source
    if not claims:
        return [Slide(title, ["No source in sources.csv is marked role=claims, so there is no article to check."],
                      lead=[("No source is marked as the audited article (role = claims in sources.csv).", False)])]
    src = ds.sources.set_index("source").loc[claims]
    counts = audit["verdict"].value_counts()
    tiles = [Tile(metrics.VERDICT_LABEL[v], int(counts.get(v, 0)), charts.VERDICT_COLOUR[v].lstrip("#").upper()) for v in metrics.VERDICT_ORDER]
    made = int((audit["verdict"] != "missing").sum())
    missing = int(counts.get("missing", 0))
    bullets = [
        [(f"«{src['title']}» ({src['publisher'] or claims}, {src['published'] or 'undated'}, tier {src['tier']}) makes ", False),
         (f"{made}", True), (f" numerical claims about {where}", False)]
        + ([(" and promises ", False), (f"{missing}", True), (" more without a number.", False)] if missing else [(".", False)]),
        [("Each claim is checked against every other source for the same indicator and period; one conflicting figure is enough to flag it.", False)],
    ]
    flagged = audit[audit["verdict"].isin(["conflict", "partly"])]
    if len(flagged):
        bullets.append([(f"{int(counts.get('conflict', 0))} in conflict and {int(counts.get('partly', 0))} compatible but not confirmed: "
                         "listed on the next slide.", False)])
    verdict_notes = [f"- [{metrics.VERDICT_LABEL[r.verdict]}] {r.name_en} ({r.name_zh}) {r.period}: the article says "
                     + ("no number" if pd.isna(r.value) else f"{format_value(r.value, r.decimals, r.bound)} {r.unit} [stored {exact(r.value)}]")
                     + f" «{r.quote}»"
                     + (f"; the record: {format_value(r.record_value, r.decimals, r.record_bound)} {r.unit} ({r.record_source}, tier {r.record_tier}) «{r.record_quote}»"
                        if not pd.isna(r.record_value) else "")
                     for r in audit.itertuples(index=False)]
    counts_note = "Verdicts: " + ", ".join(f"{metrics.VERDICT_LABEL[v]} {int(counts.get(v, 0))}" for v in metrics.VERDICT_ORDER) + "."
    slides = [Slide(title, [counts_note, "Every claim:", *verdict_notes] if len(audit) else [counts_note, f"The article makes no numerical claim about {where}."],
                    bullets=bullets, tiles=tiles)]
    if len(flagged):
        order = {v: i for i, v in enumerate(metrics.VERDICT_ORDER)}
        flagged = flagged.sort_values("verdict", key=lambda s: s.map(order), kind="stable")
        records = list(flagged.itertuples(index=False))
        zone_names = {**dict(zip(ds.zones["zone"], ds.zones["name_en"])), CITY: "City-wide"}
        rows = [([zone_names.get(r.zone, r.zone)] if with_zone else [])
                + [f"{r.name_en} {r.name_zh}", r.period, f"{format_value(r.value, r.decimals, r.bound)} {r.unit}",
                   f"{format_value(r.record_value, r.decimals, r.record_bound)} {r.unit} ({r.record_source}, {r.record_tier})",
                   metrics.VERDICT_LABEL[r.verdict]] for r in records]
        widths = [3.6, 1.1, 2.1, 3.1, 2.23] if not with_zone else [1.9, 3.0, 1.0, 1.9, 2.6, 1.73]
        headers = (["Zone"] if with_zone else []) + ["Indicator", "Period", "The article says", "The record says", "Verdict"]
        table = Table(headers, rows, widths, numeric=(), shades=[VERDICT_SHADE[r.verdict] for r in records])

        def notes(idx):
            return [f"- {records[i].name_en} ({records[i].name_zh}) {records[i].period} [{metrics.VERDICT_LABEL[records[i].verdict]}]: "
                    f"the article «{records[i].quote}» ({format_value(records[i].value, records[i].decimals, records[i].bound)}, stored {exact(records[i].value)}); "
                    f"the record, {records[i].record_source} (tier {records[i].record_tier}, {records[i].record_kind}): «{records[i].record_quote}» "
                    f"({format_value(records[i].record_value, records[i].decimals, records[i].record_bound)}, stored {exact(records[i].record_value)})" for i in idx]

        slides += table_slides("Claims in conflict or not confirmed", table, notes,
                               extra_notes=["In conflict: the two figures cannot both be true. Compatible, not confirmed: the record asserts less than the claim."])
    return slides


def sources_slides(sources: pd.DataFrame, claims: str | None) -> list[Slide]:
    sources = sources.sort_values(["tier", "published"], ascending=[True, False], kind="stable")
    records = list(sources.itertuples(index=False))
    rows, links = [], {}
    for i, s in enumerate(records):
        title = s.title + (" (the audited article)" if s.source == claims else "")
        rows.append([s.publisher or s.source, title, s.published or "undated", s.tier, urlsplit(s.url).netloc or "—" if s.url else "—"])
        if s.url:
            links[(i, 4)] = s.url
    table = Table(["Publisher", "Title", "Published", "Tier", "Site"], rows, [2.9, 5.0, 1.5, 0.7, 2.03], links=links)

    def notes(idx):
        return [f"- {records[i].source}: {records[i].publisher or records[i].source}, «{records[i].title}», published {records[i].published or 'undated'}, "
                f"tier {records[i].tier} ({TIER_NAME[records[i].tier]}); {records[i].url or 'no address'}" for i in idx]

    intro = ["Tiers: A official bodies and mainstream media; B official text on a mirror site; C third-party compilations and self-media. "
             "The site column links to each source in the PowerPoint deck; the full addresses follow."]
    return table_slides("Sources", table, notes, extra_notes=intro)


def zone_deck(ds: Dataset, zone: str, built: dt.date) -> Deck:
    z = ds.zone(zone)
    part = ds.for_zone(zone)
    obs = part.observations
    audit = metrics.audit(obs, ds.claims_source)
    order = int(z["order"])
    notes = [f"{z['name_en']} ({z['name_zh']}), zone {order} of {len(ds.zones)} in the report on Yangzhou's development zones.",
             f"What the article says: {z['summary_en']}" if z["summary_en"] else "",
             plain(report.evidence_html(obs)),
             "Every figure in this deck comes from the report's data and functions; these notes give the exact figures, sources and quotes."]
    slides = [cover_slide(z["name_zh"], z["name_en"], f"Yangzhou development zones · 扬州重点片区 · zone {order} of {len(ds.zones)}",
                          z["summary_en"], part.sources, built, [n for n in notes if n])]
    slides += key_figure_slides(obs) + chart_slides(obs) + readings_slides(obs) + targets_slides(obs)
    slides += audit_slides(audit, ds, "this zone", with_zone=False)
    slides += sources_slides(part.sources, ds.claims_source)
    return Deck(f"{order:02d}-{zone}", f"{z['name_zh']} {z['name_en']}", slides)


def city_deck(ds: Dataset, built: dt.date) -> Deck:
    obs = ds.observations
    city = obs[obs["zone"] == CITY]
    used = ds.sources[ds.sources["source"].isin(obs["source"])]
    audit = metrics.audit(obs, ds.claims_source)
    slides = [cover_slide("扬州全市", "Yangzhou: the city and its zones", f"City overview · 全市概览 · {len(ds.zones)} zones",
                          "The city-wide figures, the GDP path to the 万亿 (one trillion yuan) goal, the zones at a glance and the article's claims checked.",
                          used, built, ["The city overview: city-wide figures, GDP and the 万亿 goal, the zones compared, and the audit of the article.",
                                        plain(report.evidence_html(city))])]
    findings = report.findings(ds)
    if findings:
        slides += bullet_slides("Key findings", [rich(f) for f in findings], "Each sentence's numbers are computed from the data by the book's functions.")
    t = report.trillion_paths(ds)
    if t:
        png = drawn_chart(charts.paths_chart, t["series"], t["paths"], t["goal"], t["unit"],
                          f"GDP towards the {t['goal']:,.0f} {t['unit']} goal · 地区生产总值与万亿目标",
                          "Source: GDP " + "; ".join(t["sources"]) + ". Paths computed by this report from the latest exact figure.")
        gdp = metrics.best_per_period(obs[obs["indicator"] == "gdp"])
        series_notes = [f"- {y}: {format_value(v, 2)} {t['unit']} [stored {exact(v)}]" for y, v in t["series"].items()]
        reach_notes = [f"- {label}: rate {rate:.2f}% a year, goal reached in {year or 'never'} (basis: {basis})" for label, rate, year, basis in t["reach"]]
        slides.append(Slide(f"GDP and the {t['goal']:,.0f} {t['unit']} (万亿) goal",
                            [f"Base: {format_value(t['base'], 2)} {t['unit']} in {t['base_year']}, the latest exact full-year actual; goal {t['goal']:,.0f} {t['unit']}.",
                             "GDP actuals (best source per year):", *series_notes, "Paths:", *reach_notes,
                             "The 2026 target is a real growth rate applied to the nominal level; the trend path is nominal.",
                             "GDP figures behind the series:", *[figure_note(r) for r in gdp.itertuples(index=False) if r.kind == "actual"]],
                            chart=Chart(png, "GDP and constant-growth paths to the goal",
                                        f"Actual GDP and three constant-growth paths from {t['base_year']} ({format_value(t['base'], 2)} {t['unit']}).")))
        rows = [[label, f"{rate:.1f}%", str(year) if year else "never", basis] for label, rate, year, basis in t["reach"]]
        table = Table(["Growth path", "Annual growth", "Goal reached in", "Basis"], rows, [5.4, 1.9, 2.0, 2.83], numeric=(1, 2))
        slides += table_slides(f"When is the {t['goal']:,.0f} {t['unit']} goal reached?", table, lambda idx: [reach_notes[i] for i in idx],
                               lead=[(f"From {format_value(t['base'], 2)} {t['unit']} in {t['base_year']}, each path at a constant rate:", False)],
                               extra_notes=[f"Base {format_value(t['base'], 2)} {t['unit']} in {t['base_year']} [stored {exact(t['base'])}]."])
    slides += key_figure_slides(city) + chart_slides(city) + readings_slides(city) + targets_slides(city)
    ev = metrics.evidence_by_zone(obs, ds.zones)
    slides += zones_slides(ds, audit, ev)
    slides += evidence_slides(ev)
    checked = audit_slides(audit, ds, "the city and its zones", with_zone=True)
    slides += checked[:1] + verdict_slides(ds, audit) + checked[1:]
    slides += sources_slides(used, ds.claims_source)
    return Deck("00-city", "扬州全市 Yangzhou city overview", slides)


def zone_labels(ds: Dataset, sep: str = " ") -> dict[str, str]:
    return {CITY: f"City-wide{sep}全市", **{z.zone: f"{z.name_en}{sep}{z.name_zh}" for z in ds.zones.itertuples(index=False)}}


def bars(counts: pd.DataFrame, colours: dict[str, str], labels: dict[str, str], unit: str) -> NativeChart:
    """Stacked horizontal bars of counts (index: the bars, columns: the stacks), as charts.stacked_bars draws them."""
    series = [Series(labels.get(c, c), [float(v) for v in counts[c]], [None] * len(counts), [None] * len(counts),
                     colours[c].lstrip("#").upper(), line=False, hollow=False) for c in counts.columns]
    return NativeChart([str(i) for i in counts.index], series, unit, 0, kind="bars")


def evidence_slides(ev: pd.DataFrame) -> list[Slide]:
    """Figures per zone by source tier (`ev`: metrics.evidence_by_zone), as the overview's chart (report.evidence_chart_html):
    picture and native chart."""
    if ev.empty:
        return []
    records = list(ev.itertuples(index=False))
    counts = pd.DataFrame({"A": ev["tier_A"].to_numpy(), "B": ev["tier_B"].to_numpy(), "C": ev["tier_C"].to_numpy(), "gap": ev["gaps"].to_numpy()},
                          index=[f"{r.name_en}\n{r.name_zh}" for r in records])
    colours = {"A": "#1f4e79", "B": "#5b9bd5", "C": "#d9822b", "gap": "#bbbbbb"}
    labels = {"A": "tier A", "B": "tier B", "C": "tier C (incl. the article)", "gap": "promised, number missing"}
    png = drawn_chart(charts.stacked_bars, counts, colours, "Figures behind each zone, by source tier", "number of figures",
                      "Source: data/observations.csv and data/sources.csv of this edition.", labels=labels)
    native = bars(counts.rename(index=lambda i: i.replace("\n", " ")), colours, labels, "number of figures")
    notes = ["Figures per zone by source tier (A official or mainstream, B official text on a mirror, C third-party or self-media), "
             "and figures the article promises without a number:",
             *[f"- {r.name_en} ({r.name_zh}): {r.figures} figures for {r.indicators} indicators from {r.sources} sources; "
               f"tier A {r.tier_A}, B {r.tier_B}, C {r.tier_C}; actual {r.actual}, estimate {r.estimate}, target {r.target}; {r.gaps} promised without a number"
               for r in records], "Source: data/observations.csv and data/sources.csv of this edition."]
    return [Slide("Evidence behind each zone", notes, chart=Chart(png, "Bar chart of figures by source tier per zone",
                                                                  "How much each zone is backed by numbers, and by which kinds of source.", native))]


def verdict_slides(ds: Dataset, audit: pd.DataFrame) -> list[Slide]:
    """The audit's verdicts per zone, as the audit chapter's chart (report.audit_chart_html): picture and native chart."""
    if audit.empty:
        return []
    names = zone_labels(ds)
    counts = audit.groupby("zone")["verdict"].value_counts().unstack(fill_value=0)
    counts = counts.reindex([z for z in [CITY, *ds.zones["zone"]] if z in counts.index])
    counts = counts[[v for v in metrics.VERDICT_ORDER if v in counts.columns]]
    notes = ["The article's claims per zone, by verdict (city-wide first):",
             *[f"- {names[z]}: " + ", ".join(f"{metrics.VERDICT_LABEL[v]} {int(row[v])}" for v in counts.columns) for z, row in counts.iterrows()],
             "Source: the article and the public record in data/ of this edition; verdicts as defined in the book's Data and methods."]
    png = drawn_chart(charts.stacked_bars, counts.rename(index=zone_labels(ds, "\n")),
                      charts.VERDICT_COLOUR, "The article's claims against the public record", "number of claims",
                      "Source: the article and the public record in data/ of this edition; verdicts as defined in Data and methods.",
                      labels=metrics.VERDICT_LABEL)
    native = bars(counts.rename(index=names), charts.VERDICT_COLOUR, metrics.VERDICT_LABEL, "number of claims")
    return [Slide("The claims by zone", notes, chart=Chart(png, "Bar chart of audit verdicts per zone",
                                                           "Each of the article's figures checked against the other sources for the same indicator and period.", native))]


def zones_slides(ds: Dataset, audit: pd.DataFrame, ev: pd.DataFrame) -> list[Slide]:
    """The zones at a glance, as the overview's table: evidence counts (`ev`: metrics.evidence_by_zone) and the article's claims."""
    verdicts = Counter(zip(audit["zone"], audit["verdict"]))  # (zone, verdict) → claims
    claims = Counter(audit["zone"])
    rows, notes = [], []
    for z, e in zip(ds.zones.itertuples(index=False), ev.itertuples(index=False)):
        rows.append([f"{z.order}. {z.name_en}", z.name_zh, str(e.figures),
                     f"{claims[z.zone]}: {verdicts[z.zone, 'corroborated']} corroborated, {verdicts[z.zone, 'conflict']} in conflict, "
                     f"{verdicts[z.zone, 'missing']} missing"])
        notes.append(f"- {z.order}. {z.name_en} ({z.name_zh}): {e.figures} figures for {e.indicators} indicators from {e.sources} sources. "
                     f"The article: {z.summary_en}")
    table = Table(["Zone", "中文", "Figures", "The article's claims"], rows, [3.4, 2.3, 1.3, 5.13], numeric=(2,))
    return table_slides("The zones at a glance", table, lambda idx: [notes[i] for i in idx])


def decks(ds: Dataset, built: dt.date | None = None) -> list[Deck]:
    built = built or build_date()
    return [city_deck(ds, built)] + [zone_deck(ds, zone, built) for zone in ds.zones["zone"]]


# --- PowerPoint -------------------------------------------------------------------------------

_BEFORE_EA = {"ln", "noFill", "solidFill", "gradFill", "blipFill", "pattFill", "grpFill", "effectLst", "effectDag",
              "highlight", "uLnTx", "uLn", "uFillTx", "uFill", "latin"}


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
    rgb = [int(hex_colour[i:i + 2], 16) for i in (0, 2, 4)]
    return "".join(f"{round(c + (255 - c) * white):02X}" for c in rgb)


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour)


# Text is written as DrawingML elements directly: python-pptx's property setters look up and insert
# each child element one at a time, which made styling the ~2,500 runs of the decks their slowest step.

_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_CONTROL = re.compile(r"[\x00-\x08\x0B-\x1F]")


@functools.lru_cache(maxsize=None)
def _run_props(pt: float | None, colour: str = INK, bold: bool = False):
    """A run's properties in the house style, as a template to copy: size, weight, colour, Latin and East-Asian typeface.

    With no size, only the East-Asian typeface (speaker notes keep the notes page's own size and colour).
    """
    ea = f'<a:ea typeface="{EA_FONT}"/>'
    if pt is None:
        return parse_xml(f'<a:rPr {nsdecls("a")}>{ea}</a:rPr>')
    return parse_xml(f'<a:rPr {nsdecls("a")} sz="{Pt(pt).centipoints}" b="{int(bold)}"><a:solidFill><a:srgbClr val="{_rgb(colour)}"/>'
                     f'</a:solidFill><a:latin typeface="{LATIN_FONT}"/>{ea}</a:rPr>')


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
            etree.SubElement(etree.SubElement(props, _A + "spcAft"), _A + "spcPts", val=str(Pt(space_after).centipoints))
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


def _add_text(body, text: str, pt: float | None = None, colour: str = INK, bold: bool = False, align: PP_ALIGN | None = None) -> None:
    """Text as python-pptx's `frame.text = text` lays it out (a paragraph per line, a line break per vertical tab,
    no empty runs), every run in the house style."""
    for line in text.split("\n"):
        p = _paragraph(body, align)
        for i, part in enumerate(line.split("\v")):
            if i:
                etree.SubElement(p, _A + "br")
            if part:
                _run(p, part, pt, colour, bold)


def _set_text(frame, text: str, pt: float | None = None, colour: str = INK, bold: bool = False, align: PP_ALIGN | None = None) -> None:
    """Replace the text of a python-pptx text frame (see `_add_text`)."""
    _clear(frame._txBody)
    _add_text(frame._txBody, text, pt, colour, bold, align)


def _textbox(slide, left, top, width, height, paragraphs: list[Rich], pt: float, colour: str = INK, bullets: bool = False,
             align=None, anchor=None, space_after: float = 6):
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
    bar = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Inches(MARGIN - 0.28), Inches(TITLE_TOP + 0.18), Inches(0.1), Inches(TITLE_H - 0.36))
    bar.fill.solid()
    bar.fill.fore_color.rgb = _rgb(NAVY)
    bar.line.fill.background()
    bar.shadow.inherit = False
    shape = slide.shapes.title
    shape.left, shape.top, shape.width, shape.height = Inches(MARGIN), Inches(TITLE_TOP), Inches(CONTENT_W), Inches(TITLE_H)
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


@functools.lru_cache(maxsize=None)
def _cell_template(fill: str):
    """An empty table cell (a:tc): text centred vertically, the house margins, a solid fill."""
    return parse_xml(f'<a:tc {nsdecls("a")}><a:txBody><a:bodyPr/><a:lstStyle/></a:txBody>'
                     f'<a:tcPr anchor="ctr" marL="{Inches(0.1)}" marR="{Inches(0.1)}" marT="{Inches(0.05)}" marB="{Inches(0.05)}">'
                     f'<a:solidFill><a:srgbClr val="{_rgb(fill)}"/></a:solidFill></a:tcPr></a:tc>')


def _table(slide, table: Table, top: float) -> None:
    """The table as one a:tbl built from cell templates: a navy header row, then striped (or shaded) rows.

    python-pptx makes the frame (position, size, table style, header-row flag) as a one-row table; its
    grid and rows are then replaced by the table's own.
    """
    widths = [Inches(w) for w in table.widths]
    heights = [Inches(row_height(table.headers, table.widths))] + [Inches(row_height(r, table.widths)) for r in table.rows]
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
        axis._element.find(qn("c:crosses")).set("val", "max")  # the value axis crosses at the last bar: stays at the bottom
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
    pic = slide.shapes.add_picture(io.BytesIO(png), Inches(left + (width - pw) / 2), Inches(top + (height - ph) / 2), Inches(pw), Inches(ph))
    pic._element.nvPicPr.cNvPr.set("descr", alt)


def _tiles(slide, tiles: list[Tile], top: float) -> float:
    gap = 0.2
    width = (CONTENT_W - gap * (len(tiles) - 1)) / len(tiles)
    height = 1.75
    for i, tile in enumerate(tiles):
        box = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Inches(MARGIN + i * (width + gap)), Inches(top), Inches(width), Inches(height))
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
        _textbox(slide, MARGIN, BODY_BOTTOM - caption_h, CONTENT_W, caption_h, [[(s.chart.caption, False)]], CAPTION_PT, GREY,
                 align=PP_ALIGN.LEFT, space_after=0)


def _notes_page(slide, number: int, blank):
    """Slide `number`'s notes page, as a copy of `blank` (an empty notes page), related as python-pptx relates it.

    python-pptx (`slide.notes_slide`) builds every notes page from the notes master, placeholder by
    placeholder, and names it by walking the whole package: the costliest step of a slide. Every page
    it builds is the same, so it builds the first and the others are copies (slide n, notes page n).
    """
    package = slide.part.package
    part = NotesSlidePart(PackURI(f"/ppt/notesSlides/notesSlide{number}.xml"), CT.PML_NOTES_SLIDE, package, copy.deepcopy(blank))
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
    props.subject = "Yangzhou's development zones: seminar deck"
    props.author = props.last_modified_by = "zonebook"
    props.language = "zh-CN"
    props.created = props.modified = dt.datetime.combine(build_date(), dt.time())
    props.revision = 1
    tmp = path.with_name(path.name + ".tmp")
    prs.save(str(tmp))
    os.replace(tmp, path)
    return path


# --- HTML (reveal.js, offline) ----------------------------------------------------------------

NETWORK = re.compile(r"\b(?:https?|ftp)://|(?<![\w:])//(?=[\w.-]+\.\w)", re.I)


def _h(text) -> str:
    """Escape data text for HTML, and drop the scheme of any web address in it: the deck links to no network."""
    return html.escape(NETWORK.sub("", "" if text is None else str(text)))


def _h_rich(segments: Rich) -> str:
    return "".join(f"<b>{_h(t)}</b>" if bold else _h(t) for t, bold in segments)


def _px(pt: float) -> str:
    return f"{pt * PX_PER_PT:.1f}px"


CSS = f"""
:root {{ --r-main-font: {HTML_FONTS}; --r-heading-font: {HTML_FONTS}; --r-main-color: #{INK}; --r-heading-color: #{NAVY};
        --r-heading-text-transform: none; --r-main-font-size: {_px(BODY_PT)}; }}
.reveal .slides {{ text-align: left; }}
.reveal .slides section {{ box-sizing: border-box; height: 720px; padding: {MARGIN * 96:.0f}px; padding-top: {TITLE_TOP * 96:.0f}px; }}
.reveal h2.zb-title {{ font-size: {_px(TITLE_PT)}; font-weight: 700; line-height: 1.2; margin: 0 0 {(BODY_TOP - TITLE_TOP - TITLE_H) * 96 + 8:.0f}px 0;
        min-height: {TITLE_H * 96:.0f}px; display: flex; align-items: center; border-left: 10px solid #{NAVY}; padding-left: 18px; margin-left: -28px; }}
.reveal h2.zb-title.zb-long {{ font-size: {_px(TITLE_MIN_PT)}; }}
.reveal p {{ margin: 0 0 12px 0; line-height: 1.3; }}
.reveal ul.zb-bullets {{ display: block; margin: 0 0 0 1em; font-size: {_px(BULLET_PT)}; line-height: 1.3; }}
.reveal ul.zb-bullets li {{ margin-bottom: 14px; }}
.reveal ul.zb-bullets.zb-small {{ font-size: {_px(BODY_PT)}; }}
.reveal table.zb-table {{ border-collapse: collapse; table-layout: fixed; font-size: {_px(TABLE_PT)}; margin: 0; width: {CONTENT_W * 96:.0f}px; }}
.reveal table.zb-table th {{ background: #{NAVY}; color: #fff; font-weight: 700; text-align: left; padding: 5px 10px; border: 0; line-height: 1.25; }}
.reveal table.zb-table td {{ padding: 5px 10px; border: 0; border-bottom: 1px solid #{RULE}; vertical-align: middle; line-height: 1.25; }}
.reveal table.zb-table tr:nth-child(even) td {{ background: #{STRIPE}; }}
.reveal table.zb-table td.zb-num {{ text-align: right; font-variant-numeric: tabular-nums; }}
.reveal figure.zb-chart {{ margin: 0; display: flex; flex-direction: column; align-items: center; }}
.reveal figure.zb-chart img {{ margin: 0; object-fit: contain; }}
.reveal figure.zb-chart figcaption {{ align-self: stretch; font-size: {_px(CAPTION_PT)}; color: #{GREY}; margin-top: 6px; line-height: 1.25; }}
.reveal .zb-tiles {{ display: flex; gap: 19px; margin: 10px 0 34px 0; }}
.reveal .zb-tile {{ flex: 1; height: 168px; color: #fff; display: flex; flex-direction: column; justify-content: center; align-items: center; text-align: center; }}
.reveal .zb-tile b {{ font-size: {_px(40)}; line-height: 1.1; }}
.reveal .zb-tile span {{ font-size: {_px(16)}; }}
.reveal .slides section.zb-cover {{ padding: 0; }}
.reveal .zb-band {{ background: #{NAVY}; color: #fff; height: {4.3 * 96:.0f}px; box-sizing: border-box; padding: 0 {MARGIN * 96:.0f}px;
        display: flex; flex-direction: column; justify-content: flex-end; padding-bottom: 26px; }}
.reveal .zb-band h1 {{ color: #fff; font-size: {_px(48)}; margin: 0; line-height: 1.2; font-weight: 700; }}
.reveal .zb-band .zb-en {{ font-size: {_px(32)}; margin: 0 0 14px 0; }}
.reveal .zb-band .zb-kicker {{ font-size: {_px(20)}; color: #D6E4F0; margin: 0; }}
.reveal .zb-below {{ padding: 30px {MARGIN * 96:.0f}px 0 {MARGIN * 96:.0f}px; font-size: {_px(BODY_PT)}; }}
.reveal .zb-below .zb-dates {{ color: #{GREY}; }}
.reveal .zb-below .zb-keys {{ color: #{GREY}; font-size: {_px(14)}; position: absolute; bottom: 18px; }}
.reveal .speaker-notes {{ font-family: {HTML_FONTS}; white-space: normal; }}
.reveal .speaker-notes p {{ margin: 0 0 8px 0; }}
"""


def _html_table(table: Table) -> str:
    total = sum(table.widths)
    cols = "".join(f'<col style="width:{w / total * 100:.2f}%">' for w in table.widths)
    head = "".join(f"<th>{_h(h)}</th>" for h in table.headers)
    body = []
    shades = table.shades or [None] * len(table.rows)
    for row, shade in zip(table.rows, shades):
        style = f' style="background:#{shade}"' if shade else ""
        num = ' class="zb-num"'
        cells = "".join(f"<td{style}{num if c in table.numeric else ''}>{_h(v)}</td>" for c, v in enumerate(row))
        body.append(f"<tr>{cells}</tr>")
    return f'<table class="zb-table"><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def _html_slide(s: Slide) -> str:
    notes = '<aside class="notes">' + "".join(f"<p>{_h(n)}</p>" for n in s.notes if n) + "</aside>"
    if s.cover:
        c = s.cover
        return (f'<section class="zb-cover" data-title="{_h(s.title)}"><div class="zb-band"><h1>{_h(c.name_zh)}</h1>'
                f'<p class="zb-en">{_h(c.name_en)}</p><p class="zb-kicker">{_h(c.kicker)}</p></div>'
                f'<div class="zb-below">{f"<p>{_h(c.summary)}</p>" if c.summary else ""}<p class="zb-dates">{_h(c.dates)}</p>'
                f'<p class="zb-keys">Keys: → next · ← back · N speaker notes · F full screen · O overview · Esc overview</p></div>{notes}</section>')
    long = "" if lines_needed(s.title, CONTENT_W, TITLE_PT) == 1 else " zb-long"
    parts = [f'<h2 class="zb-title{long}">{_h(s.title)}</h2>']
    used = BODY_TOP
    if s.tiles:
        parts.append('<div class="zb-tiles">' + "".join(f'<div class="zb-tile" style="background:#{t.colour}"><b>{t.count}</b><span>{_h(t.label)}</span></div>'
                                                         for t in s.tiles) + "</div>")
        used += 2.2
    if s.lead:
        parts.append(f"<p>{_h_rich(s.lead)}</p>")
        used += text_height(rich_text(s.lead), CONTENT_W, BODY_PT) + 0.1
    if s.bullets:
        small = " zb-small" if s.tiles else ""
        parts.append(f'<ul class="zb-bullets{small}">' + "".join(f"<li>{_h_rich(b)}</li>" for b in s.bullets) + "</ul>")
    if s.table:
        parts.append(_html_table(s.table))
    if s.chart:
        caption_h = text_height(s.chart.caption, CONTENT_W, CAPTION_PT, spacing=1.2)
        height = (BODY_BOTTOM - used - caption_h - 0.1) * 96
        data = base64.b64encode(s.chart.png).decode("ascii")
        parts.append(f'<figure class="zb-chart"><img src="data:image/png;base64,{data}" alt="{_h(s.chart.alt)}" '
                     f'style="width:{CONTENT_W * 96:.0f}px;height:{height:.0f}px"><figcaption>{_h(s.chart.caption)}</figcaption></figure>')
    return f'<section data-title="{_h(s.title)}">{"".join(parts)}{notes}</section>'


def write_html(deck: Deck, path: Path, assets: str = "reveal") -> Path:
    slides = "\n".join(_html_slide(s) for s in deck.slides)
    page = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="zonebook">
<title>{_h(deck.name)}</title>
<link rel="stylesheet" href="{assets}/reset.css">
<link rel="stylesheet" href="{assets}/reveal.css">
<link rel="stylesheet" href="{assets}/theme/white.css">
<style>{CSS}</style>
</head>
<body>
<div class="reveal"><div class="slides">
{slides}
</div></div>
<script src="{assets}/reveal.js"></script>
<script>
Reveal.initialize({{
  width: 1280, height: 720, margin: 0.04, center: false, hash: true, transition: "none",
  slideNumber: "c/t", controls: true, progress: true, showNotes: false,
  keyboard: {{ 78: function () {{ Reveal.configure({{ showNotes: !Reveal.getConfig().showNotes }}); }} }}
}});
</script>
</body>
</html>
"""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(page, encoding="utf-8")
    os.replace(tmp, path)
    return path


# --- entry points -----------------------------------------------------------------------------


def write_deck(ds: Dataset, zone: str | None, built: dt.date, out: Path) -> list[Path]:
    """One deck, the city's when `zone` is None, as .pptx and .html in `out` (which must exist)."""
    deck = city_deck(ds, built) if zone is None else zone_deck(ds, zone, built)
    return [write_pptx(deck, out / f"{deck.stem}.pptx"), write_html(deck, out / f"{deck.stem}.html")]


def write_decks(ds: Dataset, out: Path) -> list[Path]:
    """Write the city deck and one deck per zone (in the zones' order), each as .pptx and .html, into `out`."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    copy_reveal(out)
    written = []
    for deck in decks(ds):
        written.append(write_pptx(deck, out / f"{deck.stem}.pptx"))
        written.append(write_html(deck, out / f"{deck.stem}.html"))
    return written


def make_decks(data: Path, out: Path) -> int:
    """`python -m zonebook slides`: load and check the data, write the decks; the exit code."""
    try:
        ds = load(data)
    except DataError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(f"{data}: {len(error.problems)} problem(s); no decks were written.", file=sys.stderr)
        return 1
    written = write_decks(ds, Path(out))
    print(f"{len(written) // 2} decks ({len(written)} files) written to {out}; open the .pptx in PowerPoint or WPS, "
          f"or the .html in a browser (offline; keep the reveal/ folder beside it).")
    return 0
