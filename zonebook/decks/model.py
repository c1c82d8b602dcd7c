"""The slide model both deck writers draw: house style, the slides as dataclasses, text measured and paginated to fit them."""

from __future__ import annotations

import datetime as dt
import math
import os
import struct
import unicodedata
from dataclasses import dataclass, field

# --- house style ------------------------------------------------------------------------------

EA_FONT = (
    "Microsoft YaHei"  # 微软雅黑: installed with Windows, Office for Mac and WPS; Linux falls back to its CJK font
)
LATIN_FONT = "Arial"
HTML_FONTS = (
    '"Microsoft YaHei", "PingFang SC", "Noto Sans SC", "Noto Sans CJK SC", "Source Han Sans SC", '
    '"WenQuanYi Micro Hei", "Hiragino Sans GB", "Helvetica Neue", Arial, sans-serif'
)
NAVY, INK, GREY, RULE, STRIPE = "1F4E79", "222222", "5F6B76", "D0D7DE", "F2F5F9"
TIER_NAME = {"A": "official or mainstream", "B": "official text on a mirror", "C": "third-party or self-media"}
VERDICT_SHADE = {"conflict": "FBE3E1", "partly": "F4F3D6"}

FOLDER = {"en": "", "zh": "zh"}  # where each language's decks go inside the decks' folder, as the book's editions

SLIDE_W, SLIDE_H = 12192000 / 914400, 7.5  # inches, 16:9 (PowerPoint's own 33.867 × 19.05 cm)
MARGIN = 0.6
CONTENT_W = SLIDE_W - 2 * MARGIN
TITLE_TOP, TITLE_H = 0.3, 1.0
BODY_TOP, BODY_BOTTOM = 1.45, 6.85
FOOTER_TOP, FOOTER_H = 6.98, 0.36  # the footer (report title, date) and the slide number, on every slide but the cover
# legible from the back of a room: body text at least 18 pt, a chart's own text (its labels, axes, caption) at least 14
TITLE_PT, TITLE_MIN_PT, BODY_PT, BULLET_PT, TABLE_PT, CAPTION_PT, CHART_PT, FOOTER_PT = 30, 24, 18, 20, 18, 16, 14, 14
TABLE_MAX_ROWS = 8
CHART_DPI = 200  # a picture chart is drawn at its placed size at this resolution
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
    bounds: list[str | None] = field(
        default_factory=list
    )  # each figure's bound (eq, le, gt …): a bound is drawn hollow


@dataclass
class NativeChart:
    categories: list[str]
    series: list[Series]
    unit: str
    decimals: int
    kind: str = "line"  # "line": a series over years; "bars": stacked horizontal bars of counts
    invert: bool = False  # a rank: 1 at the top


@dataclass
class Chart:
    png: bytes  # drawn at the size `chart_box` gives the slide, at CHART_DPI (the HTML deck and handout; PowerPoint when not native)
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
    title: str  # the part's name: its Chinese name (in an English deck, over its English name)
    subtitle: str  # the English name in an English deck, the report's title in a Chinese one
    kicker: str  # the report and the part: "Yangzhou · zone 2 of 6"
    summary: str  # the subtitle: what the deck covers
    dates: str  # the date line
    presenter: str = ""
    event: str = ""


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
    section: str = ""  # the agenda's entry the slide belongs to
    backup: bool = False  # an appendix slide, after the divider: marked as backup in its footer
    divider: bool = False  # a section divider: a title on a plain band
    links: dict[int, str] = field(default_factory=dict)  # bullet index → address (PowerPoint hyperlink)


@dataclass
class Deck:
    stem: str
    name: str
    slides: list[Slide]
    footer: str = ""  # the report's title and the date, on every slide but the cover
    lang: str = "en"  # the deck's language: "en" or "zh" (the HTML deck's lang, the document's language)
    backup_mark: str = "Backup · "  # before the footer of an appendix slide
    notes_heading: str = "Notes"  # over the speaker notes in the handout

    @property
    def language_tag(self) -> str:
        """BCP 47: the HTML deck's `lang`, the PowerPoint document's language."""
        return "zh-CN" if self.lang == "zh" else self.lang

    @property
    def main(self) -> list[Slide]:
        """The slides before the appendix's divider (the talk itself)."""
        ends = [i for i, s in enumerate(self.slides) if s.divider and s.backup]
        return self.slides[: ends[0]] if ends else self.slides


# --- measuring and pagination -----------------------------------------------------------------


def rich_text(segments: Rich) -> str:
    return "".join(t for t, _ in segments)


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


def lines_needed(text: str, width_in: float, pt: float, padding_in: float = 0.2, slack: float = 1.08) -> int:
    """Lines a text wraps to in a box `width_in` wide; `slack` for what breaking at word ends wastes."""
    per_line = max(1.0, (width_in - padding_in) * 72 / pt)
    return sum(max(1, math.ceil(em_width(line) * slack / per_line)) for line in (text.split("\n") or [""]))


def row_height(cells: list[str], widths: list[float], pt: float = TABLE_PT) -> float:
    """A table row's height: a narrow cell of long words and Chinese wraps more than `lines_needed` says of a slide's
    width, in a browser more than in PowerPoint (measured on the shipped decks), hence the larger slack."""
    return max(lines_needed(c, w, pt, slack=1.2) for c, w in zip(cells, widths)) * pt * 1.22 / 72 + 0.12


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
    return [
        Table(
            table.headers,
            [table.rows[i] for i in page],
            table.widths,
            table.numeric,
            [shades[i] for i in page],
            {(page.index(r), c): url for (r, c), url in table.links.items() if r in page},
        )
        for page in pages
    ]


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


def title_pt(title: str) -> float:
    """A title's size: TITLE_PT on one line, TITLE_MIN_PT when it needs two."""
    return TITLE_PT if lines_needed(title, CONTENT_W, TITLE_PT) == 1 else TITLE_MIN_PT


def chart_box(caption: str, top: float = BODY_TOP) -> tuple[float, float]:
    """The size (inches) a chart is placed at under a slide's title, above its caption: what a picture is drawn at."""
    return CONTENT_W, BODY_BOTTOM - top - text_height(caption, CONTENT_W, CAPTION_PT, spacing=1.2) - 0.05


def png_size(png: bytes) -> tuple[int, int]:
    return struct.unpack(">II", png[16:24])


# --- the date on a deck -----------------------------------------------------------------------


def build_date() -> dt.date:
    """Today, or SOURCE_DATE_EPOCH for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date() if epoch else dt.date.today()
