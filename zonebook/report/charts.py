"""Charts in one house style, with the bundled CJK font so Chinese labels never render as boxes."""

from __future__ import annotations

import base64
import hashlib
import html
import io
import logging
import os
import re
import textwrap
import unicodedata
from collections.abc import Callable
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import seaborn as sns  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402
from matplotlib.transforms import Bbox  # noqa: E402

from zonebook import lang as words  # noqa: E402
from zonebook.report.model import Chart  # noqa: E402
from zonebook.report.style import KIND_COLOUR, VERDICT_COLOUR  # noqa: E402, F401  (the decks read them here too)

logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)  # one regular weight is bundled on purpose
FONT = Path(__file__).parents[1] / "fonts" / "NotoSansSC-Regular.otf"
# what a cached chart depends on besides its inputs: this module, the value formatting and the words of each language
# (data, lang, the charts' words in figures), the font, matplotlib
_STYLE = hashlib.sha256(
    Path(__file__).read_bytes()
    + (Path(__file__).parents[1] / "data.py").read_bytes()
    + (Path(__file__).parents[1] / "lang.py").read_bytes()
    + (Path(__file__).parent / "figures.py").read_bytes()
    + hashlib.sha256(FONT.read_bytes()).digest()
    + matplotlib.__version__.encode()
).digest()
TIER_MARKER = {"A": "o", "B": "s", "C": "^"}
WIDTH, HEIGHT = 7.6, 4.3
# Fixed margins rather than tight_layout: a chart is then drawn once, not three times (the build draws ~40).
MARGINS = {"left": 0.1, "right": 0.98, "top": 0.87, "bottom": 0.3}


def setup() -> None:
    """Register the bundled font and set the house style (idempotent)."""
    if FONT.name not in {Path(f.fname).name for f in font_manager.fontManager.ttflist}:
        font_manager.fontManager.addfont(str(FONT))
    family = font_manager.FontProperties(fname=str(FONT)).get_name()
    sns.set_theme(style="whitegrid", context="notebook")
    plt.rcParams.update(
        {
            "font.family": [family],
            "axes.unicode_minus": False,
            "figure.dpi": 100,
            "savefig.dpi": 100,
            "axes.titlesize": 12,
            "axes.titleweight": "normal",
            "axes.titlelocation": "left",
            "axes.titlepad": 21,  # room for the unit label between the title and the plot
            "axes.labelsize": 10,
            "xtick.labelsize": 9,
            "ytick.labelsize": 9,
            "legend.fontsize": 8,
            "legend.frameon": False,
            "axes.spines.top": False,
            "axes.spines.right": False,
            # every text on a chart is literal: names and units from the data hold `$` (US$) and backslashes,
            # which mathtext would typeset (italics, missing glyphs) or refuse with an exception
            "text.parse_math": False,
        }
    )


def unit_label(ax, unit: str) -> None:
    """The unit, written level above the value axis (a rotated 亿元 is hard to read), from the figure's left edge."""
    ax.annotate(
        unit,
        xy=(0.01, 1.0),
        xycoords=("figure fraction", "axes fraction"),
        xytext=(0, 8),  # clear of the top tick label
        textcoords="offset points",
        ha="left",
        va="bottom",
        fontsize=9,
        color="#444444",
    )


def columns(text: str) -> int:
    """Display width: a Chinese character takes two columns."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def fitted(fig, text: str, pixels: float, size: float = 9) -> str:
    """`text` made to fit `pixels` at the tick labels' size: a line too long is wrapped once at a space, and cut (with
    an ellipsis) only if it still does not fit."""
    renderer = fig.canvas.get_renderer()
    font = font_manager.FontProperties(family=plt.rcParams["font.family"], size=size)

    def width(t: str) -> float:
        return max(renderer.get_text_width_height_descent(line, font, ismath=False)[0] for line in t.split("\n"))

    lines = []
    for line in text.split("\n"):
        if width(line) > pixels and " " in line:
            middle = min((i for i, c in enumerate(line) if c == " "), key=lambda i: abs(i - len(line) / 2))
            halves = [line[:middle], line[middle + 1 :]]
            if width("\n".join(halves)) <= pixels:
                lines += halves
                continue
        limit = columns(line)
        while width(line) > pixels and limit > 4:
            limit -= 1
            line = shortened(line, limit)
        lines.append(line)
    return "\n".join(lines)


def shortened(text: str, limit: int) -> str:
    """Each line of `text` cut to `limit` columns, with an ellipsis where it was cut."""
    out = []
    for line in text.split("\n"):
        if columns(line) > limit:
            while columns(line) > limit - 1:
                line = line[:-1]
            line = line.rstrip() + "…"
        out.append(line)
    return "\n".join(out)


_PIECES = re.compile(r"\s+|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+|.")  # spaces, a Latin word, one CJK character
_NO_LINE_START = set("，。；：、）》」』”’！？%")  # Chinese punctuation that never begins a line


def _room(text: str) -> float:
    """Width in columns of average Latin text at the source line's size: a Chinese character (an em) takes 2.2, a
    little more than the 2.1 Latin letters an em holds on average, so a Chinese line never runs past the figure."""
    return sum(2.2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def wrapped(text: str, width: float) -> list[str]:
    """`text` in lines of at most `width` display columns: broken at spaces, and between any two Chinese characters
    (which have none), never before closing punctuation."""
    lines, line = [], ""
    for piece in _PIECES.findall(text):
        if piece.isspace():
            line += " " if line else ""
        elif line and _room(line + piece) + 1 > width and piece[0] not in _NO_LINE_START:  # a space's room kept
            lines.append(line.rstrip())
            line = piece
        else:
            line += piece
    return [*lines, line.rstrip()]


def source_line(fig, text: str) -> None:
    """The source under the chart, wrapped here once (matplotlib's own wrap re-measures the text on every draw)."""
    width = fig.get_figwidth() * 72 / 7.5 * 2.1  # columns of Latin text that fit at 7.5 pt, give or take
    fig.text(0.01, 0.01, "\n".join(wrapped(text, width)), ha="left", va="bottom", fontsize=7.5, color="#555555")


STEP = {"year": 1.0, "quarter": 0.25}  # one period; a line never spans more


def fit_title(fig, ax, text: str) -> None:
    """The title, wrapped into as few lines as fit the figure's width, with the top margin those lines need."""
    # at the top of the axes, where matplotlib's automatic placement finds it in this style, without each draw
    # measuring every tick label again to find out (tests/test_charts.py)
    title = ax.set_title(text, y=1.0)
    renderer = fig.canvas.get_renderer()
    lines = 1
    while title.get_window_extent(renderer).x1 > fig.bbox.x1 - 4 and lines < 6:
        lines += 1
        title.set_text(
            "\n".join(
                textwrap.wrap(
                    text, width=max(8, -(-len(text) // lines)), break_long_words=False, break_on_hyphens=False
                )
            )
        )
    if lines > 1:
        inches = 0.45 + 0.21 * lines  # the unit label sits between the title and the plot
        fig.subplots_adjust(top=min(fig.subplotpars.top, 1 - inches / fig.get_figheight()))


def overlaps(box, boxes) -> bool:
    return any(box.overlaps(b) for b in boxes)


def place_labels(fig, ax, labels: list[tuple], taken: list | None = None) -> list:
    """Draw each (x, y, text, colour, offsets) label at the first offset where it overlaps no label already placed and
    stays inside the plot; a label with no such place is left out. `labels` come most important first."""
    renderer = fig.canvas.get_renderer()
    inside = ax.get_window_extent(renderer)
    taken = list(taken or [])
    for x, y, text, colour, offsets in labels:
        for dx, dy, ha in offsets:
            mark = ax.annotate(
                text, (x, y), textcoords="offset points", xytext=(dx, dy), ha=ha, fontsize=8, color=colour
            )
            box = mark.get_window_extent(renderer)
            fits = box.x0 >= inside.x0 and box.x1 <= inside.x1 and box.y1 <= inside.y1 and box.y0 >= inside.y0
            if fits and not overlaps(box.expanded(1.04, 1.1), taken):
                taken.append(box)
                break
            mark.remove()
    return taken


def legend_below(fig, ax, handles: list, title: str = "") -> None:
    """One legend under the plot, on one row if it fits the figure's width, else on two."""
    for ncol in (len(handles), (len(handles) + 1) // 2):
        legend = ax.legend(
            handles=handles,
            title=title or None,
            title_fontsize=8,
            loc="upper center",
            bbox_to_anchor=(0.5, -0.1),
            ncol=ncol,
            columnspacing=1.2,
            handletextpad=0.4,
        )
        box = legend.get_window_extent(fig.canvas.get_renderer())
        if box.x0 >= fig.bbox.x0 + 2 and box.x1 <= fig.bbox.x1 - 2:
            return


def marker_boxes(ax, points: list[tuple[float, float]], size: float = 5.0) -> list:
    """The markers as boxes (in pixels) that labels keep off."""
    out = []
    for x, y in points:
        px, py = ax.transData.transform((x, y))
        out.append(Bbox.from_extents(px - size, py - size, px + size, py + size))
    return out


AROUND = [(0, 7, "center"), (0, -13, "center"), (4, 7, "left"), (-4, 7, "right"), (4, -13, "left"), (-4, -13, "right")]


def series_chart(spec, width: float = WIDTH, height: float = HEIGHT, framed: bool = True):
    """One indicator over time, from its spec (figures.series_spec): colour is the kind, shape the source's tier,
    targets hollow; actuals joined only from one period to the next; several sources for one period side by side,
    so a conflict is visible, not averaged away; a label on each figure where there is room, the latest first; a
    rank's axis from 1 at the top. Every word in the spec's language. `framed` False: no title and no source line (a
    slide has its own), the legend under the plot, the margins measured. Observations of one indicator are made
    into a spec first."""
    from zonebook.report import figures

    if not isinstance(spec, Chart):
        spec = figures.series_spec(spec)
    setup()
    fig, ax = plt.subplots(figsize=(width, height))
    fig.subplots_adjust(**MARGINS)
    for axis in (ax.xaxis, ax.yaxis):  # no axis label: its empty text kept still, not placed by every tick label's
        axis.set_label_coords(0.5, 0.5)  # box at each draw; inside the plot, so it moves no tight box either
    drawn = [(s, p) for s in spec.series for p in s.points]
    singles = [(s, p) for s, p in drawn if not s.frequency.startswith("span")]
    spans = [(s, p) for s, p in drawn if s.frequency.startswith("span")]
    # side by side: the figures of one period, in the order drawn
    slots: dict[str, int] = {}
    count: dict[str, int] = {}
    for _, p in singles:
        count[p.period] = count.get(p.period, 0) + 1
    xs = {}
    for s, p in singles:
        slot = slots.get(p.period, 0)
        slots[p.period] = slot + 1
        width = 0.22 * (p.end - p.start)
        xs[(s.label, p.line)] = (
            (p.start + p.end) / 2 - 0.5 * (p.end - p.start) + (slot - (count[p.period] - 1) / 2) * width
        )
    for s in spec.series:
        if not s.joined:
            continue
        best = {}
        for p in s.points:  # the first (best-tier) figure of each period carries the line
            best.setdefault(p.period, p)
        run = sorted(best.values(), key=lambda p: p.start)
        for a, b in zip(run, run[1:]):
            if b.start - a.start <= STEP[s.frequency] + 1e-9:
                ax.plot(
                    [xs[(s.label, a.line)], xs[(s.label, b.line)]],
                    [a.value, b.value],
                    color=KIND_COLOUR[s.kind],
                    linewidth=1.6,
                    zorder=2,
                )
    for s, p in singles:
        hollow = s.kind == "target"
        ax.scatter(
            [xs[(s.label, p.line)]],
            [p.value],
            s=46,
            marker=TIER_MARKER.get(p.tier, "o"),
            zorder=3,
            facecolors="white" if hollow else KIND_COLOUR[s.kind],
            edgecolors=KIND_COLOUR[s.kind],
            linewidths=1.4,
        )
    for s, p in spans:
        ax.hlines(
            p.value,
            p.start - 0.5,
            p.end - 0.5,
            colors=KIND_COLOUR[s.kind],
            linewidth=2.2,
            linestyles="--" if s.kind == "target" else "-",
        )
    lo = min(p.start for _, p in drawn)
    hi = max(p.end for _, p in drawn)
    ticks = []
    for year in sorted({int(p.start) for _, p in drawn} | {int(p.end) - 1 for _, p in spans}):
        if not ticks or year - ticks[-1] >= max(1, (hi - lo) / 8):  # keep year labels apart
            ticks.append(year)
    ax.set_xticks(ticks)
    ax.set_xlim(lo - 0.9, hi - 0.1)
    values = [p.value for _, p in drawn]
    top, bottom = max(values), min(0.0, min(values))
    if spec.invert:  # a rank: 1 at the top (room above it for a label), no place 0
        ax.set_ylim(top * 1.22 + 1, 1 - 0.12 * top)
        ax.set_yticks(sorted({1, *(t for t in ax.get_yticks() if 1 <= t <= top * 1.22 + 1)}))
    else:
        ax.set_ylim(bottom, top * 1.22 if top > 0 else 1)
        if all(float(v).is_integer() for v in values):  # counts: no 1.5 firms between the ticks
            ax.yaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    unit_label(ax, spec.unit)
    said = figures.WORDS[spec.lang]
    handles = legend_handles(spec, drawn)
    legend = said["legend"] + (said["arrow"] if any(p.bound in ARROW for _, p in singles) else "")
    if framed:
        fit_title(fig, ax, spec.title)
    else:
        legend_under(fig, ax, handles, legend)
    # labels: the latest figure first, then the earliest, then the rest from the latest back
    order = sorted(singles, key=lambda sp: -sp[1].start)
    if len(order) > 2:
        order = [order[0], order[-1], *order[1:-1]]
    shown = {id(p): figures.shown(p, spec.lang, spec.unit) for _, p in drawn}
    labels = [(xs[(s.label, p.line)], p.value, shown[id(p)], KIND_COLOUR[s.kind], AROUND) for s, p in order]
    labels += [
        ((p.start + p.end) / 2 - 0.5, p.value, f"{shown[id(p)]} ({p.period})", KIND_COLOUR[s.kind], AROUND)
        for s, p in spans
    ]
    taken = marker_boxes(ax, [(xs[(s.label, p.line)], p.value) for s, p in singles])
    taken += bound_arrows(ax, [(xs[(s.label, p.line)], p, KIND_COLOUR[s.kind]) for s, p in singles])
    place_labels(fig, ax, labels, taken)
    if framed:
        legend_below(fig, ax, handles, legend)
        source_line(fig, spec.source)
    return fig


ARROW = {"gt": 1, "ge": 1, "lt": -1, "le": -1}  # the way a bounded figure's value may lie: more, or less


def bound_arrows(ax, points: list[tuple], length: float = 13) -> list:
    """An arrow from each bounded figure (more than, at most …) the way its value may lie, `length` points long, so
    that "≤20" is never drawn as exactly 20; their boxes (in pixels), which labels keep off."""
    boxes = []
    pixels = length * ax.figure.dpi / 72
    for x, p, colour in points:
        way = ARROW.get(p.bound)
        if not way:
            continue
        px, py = ax.transData.transform((x, p.value))
        larger = ax.transData.transform((x, p.value + 1))[1] > py  # False on a rank's axis: 1 at the top
        head_y = py + (pixels if (way > 0) == larger else -pixels)
        head = ax.transData.inverted().transform((px, head_y))
        ax.annotate(
            "",
            xy=(x, head[1]),
            xytext=(x, p.value),
            arrowprops={"arrowstyle": "->", "color": colour, "linewidth": 1.2, "shrinkA": 4, "shrinkB": 0},
            zorder=2,
        )
        boxes.append(Bbox.from_extents(px - 4, min(py, head_y), px + 4, max(py, head_y)))
    return boxes


def legend_handles(spec: Chart, drawn: list) -> list:
    """The legend of a series chart: a colour per kind drawn (targets hollow), a shape per tier drawn, in the spec's
    language."""
    from zonebook.report import figures

    said = figures.WORDS[spec.lang]
    kinds = [k for k in KIND_COLOUR if any(s.kind == k for s in spec.series)]
    tiers = [t for t in TIER_MARKER if any(p.tier == t for _, p in drawn)]
    handles = [
        Patch(
            facecolor="white" if k == "target" else KIND_COLOUR[k],
            edgecolor=KIND_COLOUR[k],
            label=figures.KIND_WORD[spec.lang].get(k, k),
        )
        for k in kinds
    ]
    handles += [
        Line2D(
            [],
            [],
            marker=TIER_MARKER[t],
            linestyle="",
            markerfacecolor="none",
            markeredgecolor="#555555",
            label=said["tiers"][t],
        )
        for t in tiers
    ]
    return handles


def legend_under(fig, ax, handles: list, title: str) -> None:
    """The legend at the figure's foot, on as few rows as fit its width, and the plot's margins measured around it
    and the tick labels (a chart for a slide: no title, no source line)."""
    renderer = fig.canvas.get_renderer()
    for ncol in (len(handles), (len(handles) + 1) // 2, 2, 1):
        legend = fig.legend(
            handles=handles,
            title=title,
            title_fontsize=8,
            loc="lower center",
            bbox_to_anchor=(0.5, 0.0),
            ncol=max(ncol, 1),
            columnspacing=1.2,
            handletextpad=0.4,
        )
        box = legend.get_window_extent(renderer)
        if box.x0 >= fig.bbox.x0 + 2 and box.x1 <= fig.bbox.x1 - 2:
            break
        legend.remove()
    points = fig.dpi / 72
    rc = plt.rcParams
    font = font_manager.FontProperties(family=rc["font.family"], size=rc["ytick.labelsize"])
    y_labels = ax.yaxis.get_major_formatter().format_ticks(ax.get_yticks())  # the tick labels as they will be drawn
    widest = max((renderer.get_text_width_height_descent(t, font, ismath=False)[0] for t in y_labels), default=0)
    ticks = (rc["xtick.major.size"] + rc["xtick.major.pad"] + 1.4 * float(rc["xtick.labelsize"])) * points
    fig.subplots_adjust(
        left=(widest + (rc["ytick.major.size"] + rc["ytick.major.pad"] + 4) * points) / fig.bbox.width,
        right=1 - 12 * points / fig.bbox.width,  # half the latest period's label
        top=1 - 24 * points / fig.bbox.height,  # the unit label above the plot
        bottom=(box.height + ticks + 4 * points) / fig.bbox.height,
    )


def paths_chart(
    actuals: pd.Series,
    paths: dict[str, pd.Series],
    goal: float,
    unit: str,
    title: str,
    source: str,
    bounded: dict[int, tuple[float, str]] | None = None,
    goal_year: int | None = None,
    lang: str = "en",
):
    """Actual values and constant-growth paths towards a goal (the 万亿 line).

    `bounded`: figures known only as bounds ({2025: (8000, "gt")}), drawn hollow with an arrow the way they point and
    their label; `goal_year`: the goal's own year, a vertical marker; the chart's own words in `lang` (the title, the
    source and the paths' labels are given).
    """
    from zonebook.report import figures

    setup()
    fig, ax = plt.subplots(figsize=(WIDTH, HEIGHT))
    actual = figures.KIND_WORD[lang]["actual"]
    ax.plot(actuals.index, actuals.values, color=KIND_COLOUR["actual"], marker="o", linewidth=2, label=actual)
    for year, (value, bound) in (bounded or {}).items():
        ax.plot(
            [year],
            [value],
            marker="o",
            markerfacecolor="white",
            markeredgecolor=KIND_COLOUR["actual"],
            linestyle="none",
        )
        up = bound in ("gt", "ge")
        ax.annotate(
            "",
            xy=(year, value * (1.06 if up else 0.94)),
            xytext=(year, value),
            arrowprops={"arrowstyle": "->", "color": KIND_COLOUR["actual"], "linewidth": 1.2},
        )
        ax.annotate(
            f"{words.figure(value, 6, bound, lang, unit)} ({year})"
            if lang == "en"
            else f"{words.figure(value, 6, bound, lang, unit)}（{words.period(str(year), lang)}）",
            (year, value),
            textcoords="offset points",
            xytext=(6, -14 if up else 8),
            ha="left",
            fontsize=8,
            color=KIND_COLOUR["actual"],
        )
    palette = ["#d9822b", "#6a51a3", "#7f7f7f"]
    for colour, (label, series) in zip(palette, paths.items()):
        ax.plot(series.index, series.values, linestyle="--", color=colour, linewidth=1.5, label=label)
    ax.axhline(goal, color=KIND_COLOUR["target"], linewidth=1)
    ax.annotate(
        f"goal {goal:,.0f} {unit}" if lang == "en" else f"目标{words.number(goal, 0, lang)}{unit}",
        (actuals.index.min(), goal),
        textcoords="offset points",
        xytext=(2, 4),
        fontsize=8,
        color=KIND_COLOUR["target"],
    )
    if goal_year:
        ax.axvline(goal_year, color=KIND_COLOUR["target"], linewidth=1, linestyle=":")
        ax.annotate(
            f"{goal_year}",
            (goal_year, 0),
            textcoords="offset points",
            xytext=(3, 4),
            fontsize=8,
            color=KIND_COLOUR["target"],
        )
    unit_label(ax, unit)
    ax.set_ylim(0, max(goal, float(actuals.max())) * 1.12)  # actuals above a goal already passed stay on the chart
    ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    fig.subplots_adjust(**MARGINS)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=2)
    source_line(fig, source)
    fit_title(fig, ax, title)
    return fig


def stacked_bars(
    table: pd.DataFrame,
    colours: dict[str, str],
    title: str,
    xlabel: str,
    source: str,
    labels: dict[str, str] | None = None,
):
    """Horizontal stacked bars, one per row of `table` (index: row labels, columns: the stacks)."""
    setup()
    ncol = min(len(table.columns), 3)
    rows = -(-len(table.columns) // ncol)  # of the legend
    # room, in inches, under the plot: tick labels and the axis label, then the legend, then the source line
    under = {"axis": 0.62, "legend": 0.22 * rows + 0.06, "source": 0.38}
    bottom = sum(under.values())
    height = max(2.6, 0.48 * len(table) + 0.55 + bottom)
    fig, ax = plt.subplots(figsize=(WIDTH, height))
    left = pd.Series(0.0, index=table.index)
    for column in table.columns:
        ax.barh(
            [str(label) for label in table.index],
            table[column],
            left=left,
            color=colours[column],
            label=(labels or {}).get(column, column),
            height=0.62,
        )
        for y, (x0, w) in enumerate(zip(left, table[column])):
            if w >= 2:
                ax.text(x0 + w / 2, y, f"{int(w)}", ha="center", va="center", fontsize=8, color="white")
        left += table[column]
    ax.invert_yaxis()
    ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    ax.set_xlabel(xlabel)
    fig.legend(loc="upper center", bbox_to_anchor=(0.5, (bottom - under["axis"]) / height), ncol=ncol)
    ax.grid(axis="y", visible=False)
    source_line(fig, source)
    inches = {"left": 2.1, "right": 0.2, "top": 0.55}  # room for two-line zone names and the title
    fig.subplots_adjust(
        left=inches["left"] / WIDTH,
        right=1 - inches["right"] / WIDTH,
        top=1 - inches["top"] / height,
        bottom=bottom / height,
    )
    fit_title(fig, ax, title)
    ax.set_yticks(
        range(len(table)),
        labels=[fitted(fig, str(label), fig.subplotpars.left * fig.bbox.width - 18) for label in table.index],
    )
    return fig


def png_bytes(fig) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    plt.close(fig)
    return buffer.getvalue()


_cache_folder: list[Path] = []  # set by use_cache in the build's kernels; empty: every chart is drawn


def use_cache(folder: str | Path | None) -> None:
    """Keep drawn charts in `folder` (None: draw every chart). The build's kernels call it once when they start."""
    _cache_folder[:] = [Path(folder)] if folder else []


def cached(key: str, make: Callable[[], bytes]) -> bytes:
    """`make()`, a chart's PNG bytes, kept in the content-addressed folder given to `use_cache`, if any.

    `key` must describe everything the chart shows; the chart style (_STYLE) is added to it. The build sets
    the folder, so its notebooks and decks draw a chart only when what it shows has changed.
    """
    folder = _cache_folder[0] if _cache_folder else None
    if not folder:
        return make()
    path = Path(folder) / f"{hashlib.sha256(_STYLE + key.encode()).hexdigest()[:32]}.png"
    if path.exists():
        return path.read_bytes()
    png = make()
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.tmp")
    partial.write_bytes(png)
    partial.replace(path)  # whole or not at all, even with several kernels writing
    return png


def fingerprint(value) -> str:
    """A chart's inputs as text for a cache key: tables in full (their repr is cut short), containers item by item."""
    if isinstance(value, (pd.DataFrame, pd.Series)):
        return f"{type(value).__name__}({value.to_csv()})"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{fingerprint(k)}: {fingerprint(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(fingerprint(v) for v in value) + "]"
    return repr(value)


def series_png(obs_or_spec) -> bytes:
    """`series_chart` as PNG bytes, through the cache, keyed on the spec in full: the book's notebooks and the decks
    show the very same chart. Observations of one indicator are made into a spec first (figures.series_spec)."""
    from zonebook.report import figures

    spec = obs_or_spec if isinstance(obs_or_spec, Chart) else figures.series_spec(obs_or_spec)
    return cached(fingerprint(["series", spec]), lambda: png_bytes(series_chart(spec)))


def drawn_png(draw: Callable, *args, **kwargs) -> bytes:
    """`png_bytes(draw(*args, **kwargs))` through the cache, keyed on the drawing function and its inputs in full."""
    return cached(
        fingerprint([f"{draw.__module__}.{draw.__qualname__}", args, kwargs]), lambda: png_bytes(draw(*args, **kwargs))
    )


def figure_html(png: bytes, caption: str, alt: str, download: str = "") -> str:
    """A chart as an HTML <figure> with its caption and, given one, its download link (HTML); every text from the
    data is escaped."""
    data = base64.b64encode(png).decode("ascii")
    foot = f'<p class="zb-table-foot">{download}</p>' if download else ""
    return (
        f'<figure class="zb-figure"><img src="data:image/png;base64,{data}" alt="{html.escape(alt)}" style="max-width:100%"/>'
        f"<figcaption>{html.escape(caption)}</figcaption>{foot}</figure>"
    )


__all__ = [
    "cached",
    "drawn_png",
    "figure_html",
    "fingerprint",
    "paths_chart",
    "png_bytes",
    "series_chart",
    "series_png",
    "setup",
    "stacked_bars",
]
