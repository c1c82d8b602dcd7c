"""Charts in one house style, with the bundled CJK font so Chinese labels never render as boxes."""

from __future__ import annotations

import base64
import hashlib
import html
import io
import logging
import os
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

from zonebook.data import format_value  # noqa: E402
from zonebook.report.style import KIND_COLOUR, VERDICT_COLOUR  # noqa: E402, F401  (the decks read them here too)

logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)  # one regular weight is bundled on purpose
FONT = Path(__file__).parents[1] / "fonts" / "NotoSansSC-Regular.otf"
# what a cached chart depends on besides its inputs: this module, the value formatting, the font, matplotlib
_STYLE = hashlib.sha256(
    Path(__file__).read_bytes()
    + (Path(__file__).parents[1] / "data.py").read_bytes()
    + hashlib.sha256(FONT.read_bytes()).digest()
    + matplotlib.__version__.encode()
).digest()
TIER_MARKER = {"A": "o", "B": "s", "C": "^"}
TIER_LABEL = {
    "A": "tier A: official, mainstream",
    "B": "tier B: official text, mirror",
    "C": "tier C: third-party, self-media",
}
WIDTH, HEIGHT = 7.6, 4.3
# Fixed margins rather than tight_layout: a chart is then drawn once, not three times (the build draws ~40).
MARGINS = {"left": 0.1, "right": 0.98, "top": 0.87, "bottom": 0.27}


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
            "axes.titlepad": 16,
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
    """The unit, written level above the value axis (a rotated 亿元 is hard to read)."""
    ax.annotate(
        unit,
        xy=(0, 1.0),
        xycoords="axes fraction",
        xytext=(-4, 3),
        textcoords="offset points",
        ha="right",
        va="bottom",
        fontsize=9,
        color="#444444",
    )


def source_line(fig, text: str) -> None:
    """The source under the chart, wrapped here once (matplotlib's own wrap re-measures the text on every draw)."""
    width = fig.get_figwidth() * 72 / 7.5 * 2.1  # characters of Latin text that fit at 7.5 pt, give or take
    lines, line, used = [], "", 0.0
    for word in text.split(" "):
        size = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in word) + 1
        if line and used + size > width:
            lines.append(line)
            line, used = word, size
        else:
            line, used = f"{line} {word}" if line else word, used + size
    lines.append(line)
    fig.text(0.01, 0.01, "\n".join(lines), ha="left", va="bottom", fontsize=7.5, color="#555555")


def _sources_text(obs: pd.DataFrame) -> str:
    publishers = obs.drop_duplicates("source").sort_values("tier")
    parts = [f"{p.publisher or p.source} ({p.tier})" for p in publishers.itertuples(index=False)]
    text = "Source: " + "; ".join(parts)
    if len(text) > 190:  # at most two lines under the chart; the caption lists every source
        text = "Source: " + "; ".join(parts[:2]) + f"; and {len(parts) - 2} more sources (listed in the caption)"
    return text


def series_chart(obs: pd.DataFrame):
    """One indicator over time: actuals joined by a line, estimates and targets marked, every source shown.

    Several sources for the same period are drawn side by side, so a conflict is visible, not averaged away.
    """
    setup()
    obs = obs[~obs["is_gap"]].sort_values(["period_start", "tier"], kind="stable")
    first = obs.iloc[0]
    fig, ax = plt.subplots(figsize=(WIDTH, HEIGHT))
    obs = obs.assign(x=(obs["period_start"] + obs["period_end"]) / 2 - 0.5)
    spans = obs[obs["is_span"]]
    points = obs[~obs["is_span"]].copy()
    # side-by-side offsets for several figures in one period
    points["slot"] = points.groupby(["period"]).cumcount()
    points["n"] = points.groupby(["period"])["value"].transform("size")
    points["x"] = points["x"] + (points["slot"] - (points["n"] - 1) / 2) * 0.22
    line = points[points["kind"] == "actual"].drop_duplicates("period").sort_values("x")
    if len(line) > 1:
        ax.plot(line["x"], line["value"], color=KIND_COLOUR["actual"], linewidth=1.6, zorder=2)
    for p in points.itertuples(index=False):
        hollow = p.kind == "target"
        ax.scatter(
            [p.x],
            [p.value],
            s=46,
            marker=TIER_MARKER[p.tier],
            zorder=3,
            facecolors="white" if hollow else KIND_COLOUR[p.kind],
            edgecolors=KIND_COLOUR[p.kind],
            linewidths=1.4,
        )
    for s in spans.itertuples(index=False):
        ax.hlines(
            s.value,
            s.period_start - 0.5,
            s.period_end - 0.5,
            colors=KIND_COLOUR[s.kind],
            linewidth=2.2,
            linestyles="--" if s.kind == "target" else "-",
        )
    labelled = points if len(points) <= 8 else points.tail(1)
    lo, hi = obs["period_start"].min(), obs["period_end"].max()
    for p in labelled.itertuples(index=False):
        below = p.slot % 2 == 1  # alternate labels of side-by-side figures so they never overlap
        edge = (p.x - lo) / max(hi - lo, 1)  # keep labels at the ends inside the chart
        ha = "right" if edge > 0.9 and hi - lo > 4 else "left" if edge < 0.05 and hi - lo > 4 else "center"
        ax.annotate(
            format_value(p.value, p.decimals, p.bound),
            (p.x, p.value),
            textcoords="offset points",
            xytext=(0, -13 if below else 7),
            ha=ha,
            fontsize=8,
            color=KIND_COLOUR[p.kind],
        )
    for s in spans.itertuples(index=False):
        ax.annotate(
            f"{format_value(s.value, s.decimals, s.bound)} ({s.period})",
            ((s.period_start + s.period_end) / 2 - 0.5, s.value),
            textcoords="offset points",
            xytext=(0, 7),
            ha="center",
            fontsize=8,
            color=KIND_COLOUR[s.kind],
        )
    ticks = []
    for year in sorted({int(v) for v in obs["period_start"]} | {int(v) - 1 for v in spans["period_end"]}):
        if not ticks or year - ticks[-1] >= max(1, (hi - lo) / 8):  # keep year labels apart
            ticks.append(year)
    ax.set_xticks(ticks)
    ax.set_xlim(lo - 0.9, hi - 0.1)
    values = obs["value"]
    top, bottom = values.max(), min(0.0, values.min())
    ax.set_ylim(bottom, top * 1.18 if top > 0 else 1)
    unit_label(ax, first.unit)
    ax.set_title(f"{first.name_en} · {first.name_zh} ({first.unit})")
    kinds = [k for k in KIND_COLOUR if k in set(obs["kind"])]
    tiers = [t for t in TIER_MARKER if t in set(obs["tier"])]
    handles = [
        Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            markerfacecolor="white" if k == "target" else KIND_COLOUR[k],
            markeredgecolor=KIND_COLOUR[k],
            label=k,
        )
        for k in kinds
    ]
    handles += [
        Line2D([], [], marker=TIER_MARKER[t], linestyle="", color="#777777", label=TIER_LABEL[t]) for t in tiers
    ]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.09), ncol=min(len(handles), 3))
    source_line(fig, _sources_text(obs))
    fig.subplots_adjust(**MARGINS)
    return fig


def paths_chart(
    actuals: pd.Series,
    paths: dict[str, pd.Series],
    goal: float,
    unit: str,
    title: str,
    source: str,
    bounded: dict[int, tuple[float, str]] | None = None,
    goal_year: int | None = None,
):
    """Actual values and constant-growth paths towards a goal (the 万亿 line).

    `bounded`: figures known only as bounds ({2025: (8000, "gt")}), drawn hollow with an arrow the way they point and
    their label; `goal_year`: the goal's own year, a vertical marker.
    """
    setup()
    fig, ax = plt.subplots(figsize=(WIDTH, HEIGHT))
    ax.plot(actuals.index, actuals.values, color=KIND_COLOUR["actual"], marker="o", linewidth=2, label="actual")
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
            f"{format_value(value, 6, bound)} ({year})",
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
        f"goal {goal:,.0f} {unit}",
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
    ax.set_title(title)
    ax.set_ylim(0, goal * 1.12)
    ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.09), ncol=2)
    source_line(fig, source)
    fig.subplots_adjust(**MARGINS)
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
    height = max(2.6, 0.48 * len(table) + 1.4)
    fig, ax = plt.subplots(figsize=(WIDTH, height))
    left = pd.Series(0.0, index=table.index)
    for column in table.columns:
        ax.barh(
            table.index,
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
    ax.set_title(title)
    fig.legend(loc="lower center", bbox_to_anchor=(0.5, 0.3 / height), ncol=min(len(table.columns), 3))
    ax.grid(axis="y", visible=False)
    source_line(fig, source)
    inches = {"left": 2.1, "right": 0.2, "top": 0.55, "bottom": 1.25}  # room for two-line zone names, legend and source
    fig.subplots_adjust(
        left=inches["left"] / WIDTH,
        right=1 - inches["right"] / WIDTH,
        top=1 - inches["top"] / height,
        bottom=inches["bottom"] / height,
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


def series_png(obs: pd.DataFrame) -> bytes:
    """`series_chart` as PNG bytes, through the cache: the book's notebooks and the decks show the very same chart."""
    return cached(obs.drop(columns=["line"], errors="ignore").to_csv(index=False), lambda: png_bytes(series_chart(obs)))


def drawn_png(draw: Callable, *args, **kwargs) -> bytes:
    """`png_bytes(draw(*args, **kwargs))` through the cache, keyed on the drawing function and its inputs in full."""
    return cached(
        fingerprint([f"{draw.__module__}.{draw.__qualname__}", args, kwargs]), lambda: png_bytes(draw(*args, **kwargs))
    )


def figure_html(png: bytes, caption: str, alt: str) -> str:
    """A chart as an HTML <figure> with its caption; every text from the data is escaped."""
    data = base64.b64encode(png).decode("ascii")
    return (
        f'<figure class="zb-figure"><img src="data:image/png;base64,{data}" alt="{html.escape(alt)}" style="max-width:100%"/>'
        f"<figcaption>{html.escape(caption)}</figcaption></figure>"
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
