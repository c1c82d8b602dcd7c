"""The decks' charts: one spec per chart (`NativeChart`), drawn either as an editable PowerPoint chart (pptx.py) or,
where a category chart cannot say it, as a picture by `picture` below, in one style for both.

The style is the book's (report.charts: the colours of the kinds, a marker shape per source tier, targets pale), with
the rules a slide needs: a line joins two figures only when they are of the same kind and frequency and no more than
one period apart (a quarter is never joined to a year, a missing year breaks the line); a rank's axis runs from 1 at
the top; a bounded figure ("≤20", "more than 8,000") is labelled with its bound and drawn hollow, never as an exact
point. A picture is drawn at the size it is placed at on the slide, at CHART_DPI, its text at CHART_PT or more.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import matplotlib

from zonebook.data import format_value
from zonebook.decks.model import CHART_DPI, CHART_PT, NativeChart, Series
from zonebook.report import charts

KINDS = ("actual", "estimate", "target")
CODE = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()  # a cached picture is redrawn when this module changes


def frequency(period: str, is_span: bool) -> str:
    return "span" if is_span else "quarter" if "Q" in period else "year"


def categories(records: list) -> list[str]:
    """The periods on the axis, in time order: every year between the first and the last (so a missing year shows as a
    gap), the quarters and spans of the data beside them."""
    periods = {r.period: (float(r.period_start), float(r.period_end)) for r in records}
    years = [int(p) for p in periods if p.isdigit()]
    if years:
        for y in range(min(years), max(years) + 1):
            periods.setdefault(str(y), (float(y), float(y + 1)))
    return sorted(periods, key=lambda p: periods[p])


def series_spec(records: list) -> NativeChart:
    """One indicator's figures (rows of metrics.figures, as named tuples) as a chart spec: a series per kind and
    frequency, and per source when several sources give a figure for the same period (side by side, never averaged)."""
    cats = categories(records)
    at = {p: i for i, p in enumerate(cats)}
    first = records[0]
    groups: dict[tuple, dict[int, object]] = {}
    for r in sorted(records, key=lambda r: (KINDS.index(r.kind), r.tier)):
        freq = frequency(r.period, bool(r.is_span))
        slot = 0
        while at[r.period] in groups.setdefault((r.kind, freq, slot), {}):
            slot += 1  # a second source for the same period and kind: a series of its own
        groups[(r.kind, freq, slot)][at[r.period]] = r
    series = []
    for (kind, freq, slot), rows in groups.items():
        name = kind if freq == "year" else f"{kind} ({'quarterly' if freq == 'quarter' else 'period average'})"
        series.append(
            Series(
                name if slot == 0 else f"{name}, another source",
                [float(rows[i].value) if i in rows else None for i in range(len(cats))],
                [
                    format_value(rows[i].value, rows[i].decimals, rows[i].bound) if i in rows else None
                    for i in range(len(cats))
                ],
                [rows[i].tier if i in rows else None for i in range(len(cats))],
                charts.KIND_COLOUR[kind].lstrip("#").upper(),
                line=kind == "actual" and freq != "span",
                hollow=kind == "target",
                bounds=[rows[i].bound if i in rows else None for i in range(len(cats))],
            )
        )
    return NativeChart(cats, series, first.unit, int(first.decimals), invert=first.measure == "rank")


def editable(spec: NativeChart) -> bool:
    """A spec a PowerPoint category chart draws as the picture would: years only, one series per kind."""
    names = [s.name for s in spec.series]
    return (
        all(c.isdigit() for c in spec.categories) and len(names) == len(set(names)) and all(n in KINDS for n in names)
    )


def segments(values: list[float | None]) -> list[list[int]]:
    """Runs of consecutive categories with a figure: what a line may join."""
    out, run = [], []
    for i, v in enumerate(values):
        if v is None:
            if run:
                out.append(run)
            run = []
        else:
            run.append(i)
    return out + [run] if run else out


SCREEN_DPI = 120  # a picture only the HTML deck shows (PowerPoint draws the native chart): sharp at 1280 px and beyond


def picture(spec: NativeChart, width: float, height: float, dpi: int = CHART_DPI) -> bytes:
    """The spec as a PNG of `width` × `height` inches at `dpi`, text at CHART_PT or more (cached by what it shows)."""
    key = charts.fingerprint(
        ["deck-series", CODE, spec, width, height, dpi, CHART_PT, charts.KIND_COLOUR, charts.TIER_MARKER]
    )
    return charts.cached(key, lambda: _draw(spec, width, height, dpi))


def _draw(spec: NativeChart, width: float, height: float, dpi: int) -> bytes:
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    charts.setup()
    with matplotlib.rc_context({"font.size": CHART_PT, "xtick.labelsize": CHART_PT, "ytick.labelsize": CHART_PT}):
        fig, ax = plt.subplots(figsize=(width, height), dpi=dpi)
        n = len(spec.series)
        for k, s in enumerate(spec.series):
            shift = (k - (n - 1) / 2) * 0.12 if n > 1 else 0.0  # side by side, so two sources for a period both show
            colour = "#" + s.colour
            if s.line:
                for run in segments(s.values):
                    if len(run) > 1:
                        ax.plot([i + shift for i in run], [s.values[i] for i in run], color=colour, lw=2.5, zorder=2)
            shown = [i for i, v in enumerate(s.values) if v is not None]
            # labels that stay legible: every figure of a short series, else its ends; another source's, its latest only
            labelled = set(shown) if len(shown) <= 6 and k == 0 else {shown[0], shown[-1]} if k == 0 else {shown[-1]}
            marks: dict[tuple[str, bool], list[int]] = {}  # one scatter per marker shape and fill: drawn at once
            for i in shown:
                filled = (s.bounds[i] or "eq") == "eq" and not s.hollow
                marks.setdefault((charts.TIER_MARKER.get(s.tiers[i], "o"), filled), []).append(i)
            for (marker, filled), at in marks.items():
                ax.scatter(
                    [i + shift for i in at],
                    [s.values[i] for i in at],
                    marker=marker,
                    s=110,
                    facecolors=colour if filled else "white",
                    edgecolors=colour,
                    linewidths=2,
                    zorder=3,
                )
            for i in sorted(labelled):
                v = s.values[i]
                below = spec.invert != (k % 2 == 1)  # a second source's labels under its points, clear of the first's
                ax.annotate(
                    s.labels[i],
                    (i + shift, v),
                    textcoords="offset points",
                    xytext=(0, -12 if below else 10),
                    ha="center",
                    va="top" if below else "bottom",
                    fontsize=CHART_PT,
                    color=colour,
                    fontweight="bold",
                )
        step = max(1, -(-len(spec.categories) // 12))  # at most 12 period labels on the axis
        ax.set_xticks(range(len(spec.categories)))
        last = len(spec.categories) - 1
        ax.set_xticklabels([c if (last - n) % step == 0 else "" for n, c in enumerate(spec.categories)])  # the latest
        ax.set_xlim(-0.6, len(spec.categories) - 0.4)
        values = [v for s in spec.series for v in s.values if v is not None]
        if spec.invert:
            ax.set_ylim(max(values) * 1.25 + 1, 0.5)  # 1 at the top: a rank
        else:
            lo = min(0.0, min(values))
            ax.set_ylim(lo, max(values) * 1.2 if max(values) > 0 else 1)
        ax.set_ylabel(spec.unit + (" (1 = first)" if spec.invert else ""), fontsize=CHART_PT)
        kinds = list(dict.fromkeys(s.name for s in spec.series))
        tiers = sorted({t for s in spec.series for t in s.tiers if t})
        handles = [
            Line2D(
                [],
                [],
                color="#" + s.colour,
                lw=2.5 if s.line else 0,
                marker="o",
                markersize=9,
                markerfacecolor="white" if s.hollow else "#" + s.colour,
                label=s.name,
            )
            for s in {s.name: s for s in spec.series}.values()
            if s.name in kinds
        ] + [
            Line2D([], [], color="#555555", lw=0, marker=charts.TIER_MARKER[t], markersize=9, label=f"tier {t}")
            for t in tiers
        ]
        if any((b or "eq") != "eq" for s in spec.series for b in s.bounds):
            handles.append(
                Line2D(
                    [],
                    [],
                    color="#555555",
                    lw=0,
                    marker="o",
                    markerfacecolor="white",
                    markersize=9,
                    label="hollow: a bound (≥, ≤, about)",
                )
            )
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=CHART_PT, frameon=False)
        ax.grid(axis="x", visible=False)
        # fixed margins in inches (drawn once; tight_layout draws twice): the ticks and unit left, the legend right
        legend = max(len(h.get_label()) for h in handles) * CHART_PT * 0.55 / 72 + 0.55
        ticks = max(len(t.get_text()) for t in ax.get_yticklabels()) * CHART_PT * 0.6 / 72 + 0.75
        fig.subplots_adjust(
            left=ticks / width, right=1 - (legend + 0.1) / width, bottom=0.5 / height, top=1 - 0.15 / height
        )
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None}, pil_kwargs={"compress_level": 1})
        plt.close(fig)
    return buffer.getvalue()


def for_slide(fig, width: float, height: float, dpi: int = CHART_DPI) -> bytes:
    """One of the book's own figures (report.charts) redrawn for a slide: at its placed size and CHART_DPI, every text at
    CHART_PT or more, its source line dropped (the slide's caption names the sources)."""
    import matplotlib.pyplot as plt
    from matplotlib.text import Text

    for text in list(fig.texts):
        text.remove()
    fig.set_size_inches(width, height)
    for text in fig.findobj(Text):
        text.set_fontsize(max(float(text.get_fontsize()), CHART_PT))
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    plt.close(fig)
    return buffer.getvalue()


def book_figure(draw, width: float, height: float, *args, dpi: int = CHART_DPI, **kwargs) -> bytes:
    """`for_slide(draw(*args, **kwargs), ...)` through the book's chart cache, keyed on the drawing and its inputs."""
    key = charts.fingerprint(
        ["deck-book", CODE, f"{draw.__module__}.{draw.__qualname__}", args, kwargs, width, height, dpi, CHART_PT]
    )
    return charts.cached(key, lambda: for_slide(draw(*args, **kwargs), width, height, dpi))
