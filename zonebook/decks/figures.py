"""The decks' charts are the book's: a slide draws the `report.figures` spec of its indicator and frequency (the same
series, frequencies, sources and words, in the deck's language), as a picture drawn by `report.charts` at the size
it is placed at, or as an editable PowerPoint chart mapped from the same spec where a category chart says what the
picture says.

So the rules are the book's: colour the kind, shape the source's tier, targets hollow, a line only from one period to
the next of one frequency (a quarter never shares an axis with the years), several sources for a period side by side,
a rank's axis from 1 at the top, a bounded figure labelled with its bound (≤20 / 不超过20); and the legend is the
book's. A picture is drawn at its placed size at CHART_DPI, its smallest text at CHART_PT.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from zonebook.decks.model import CHART_DPI, CHART_PT, NativeChart, Series
from zonebook.report import charts
from zonebook.report import figures as book
from zonebook.report.model import Chart, Point

CODE = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()  # a cached picture is redrawn when this module changes
frequency = book.frequency
SMALLEST_PT = 8  # the smallest text of the book's series chart (its figures' labels, its legend)


@dataclass(frozen=True)
class SlideChart:
    spec: Chart  # the book's spec: what the picture draws
    native: NativeChart  # the same figures on a category axis
    editable: bool  # PowerPoint's chart says what the picture says (see `editable`)


def slide_chart(rows: pd.DataFrame, lang: str = "en") -> SlideChart:
    """One indicator's figures of one frequency (rows of metrics.figures) as the book charts them."""
    name = f"{rows['indicator'].iloc[0]}-{frequency(rows['period'].iloc[0])}"
    return slide_chart_of(book.series_spec(rows, name=name, lang=lang))


def slide_charts(obs: pd.DataFrame, lang: str = "en", min_periods: int = 2) -> list[SlideChart]:
    """Every chart of the book's page for `obs` (report.figures.series_charts), for slides."""
    return [slide_chart_of(s) for s in book.series_charts(obs, min_periods, lang)]


def slide_chart_of(spec: Chart) -> SlideChart:
    native = native_of(spec)
    return SlideChart(spec, native, editable(spec, native))


def categories(spec: Chart) -> list[str]:
    """The periods on the axis, in time order: for years every year between the first and the last (a missing year
    shows as a gap), else the periods of the data."""
    periods = {p.period: (p.start, p.end) for s in spec.series for p in s.points}
    if all(s.frequency == "year" for s in spec.series):
        years = [int(p) for p in periods]
        for y in range(min(years), max(years) + 1):
            periods.setdefault(str(y), (float(y), float(y + 1)))
    return sorted(periods, key=lambda p: periods[p])


def native_of(spec: Chart) -> NativeChart:
    """The spec on a category axis: a series per series of the spec, and one more per further source of a period."""
    cats = categories(spec)
    at = {p: i for i, p in enumerate(cats)}
    out = []
    for s in spec.series:
        slots: list[dict[int, Point]] = []
        for p in s.points:  # in period order, the best tier first: the first source of a period carries the line
            free = next((slot for slot in slots if at[p.period] not in slot), None)
            if free is None:
                free = {}
                slots.append(free)
            free[at[p.period]] = p
        for n, slot in enumerate(slots):
            got = [slot.get(i) for i in range(len(cats))]
            out.append(
                Series(
                    s.label if n == 0 else book.WORDS[spec.lang]["another"].format(label=s.label),
                    [p.value if p else None for p in got],
                    [book.shown(p, spec.lang, spec.unit) if p else None for p in got],
                    [p.tier if p else None for p in got],
                    charts.KIND_COLOUR[s.kind].lstrip("#").upper(),
                    line=s.joined,
                    hollow=s.kind == "target",
                )
            )
    points = [p for s in spec.series for p in s.points]
    decimals = max((p.decimals for p in points), default=0)
    return NativeChart(cats, out, spec.unit, decimals, invert=spec.invert)


def editable(spec: Chart, native: NativeChart | None = None) -> bool:
    """A spec a PowerPoint category chart draws as the picture does (`native`: the spec mapped, native_of): years only,
    one figure of a kind a year, every series of one tier (PowerPoint's legend shows a series' marker: it must be the
    marker of all its points), no more years without a figure than with one (a category axis gives every year the
    same room), and no bounded figure (its arrow, "≤20" is not exactly 20, is the picture's)."""
    native = native or native_of(spec)
    filled = {i for s in native.series for i, v in enumerate(s.values) if v is not None}
    return (
        all(s.frequency == "year" for s in spec.series)
        and len(native.series) == len(spec.series)
        and all(len({t for t in s.tiers if t}) == 1 for s in native.series)
        and 2 * len(filled) >= len(native.categories)  # not mostly empty years (1978, 2008, 2023): the picture's scale
        and not any(p.bound in charts.ARROW for s in spec.series for p in s.points)  # a bound's arrow: the picture's
    )


SCREEN_DPI = 120  # a picture only the HTML deck shows (PowerPoint draws the native chart): sharp at 1280 px and beyond


def picture(spec: Chart, width: float, height: float, dpi: int = CHART_DPI) -> bytes:
    """The book's chart of `spec` as a PNG of `width` × `height` inches at `dpi`: drawn by report.charts at the size
    that makes its smallest text CHART_PT when placed, without its title and source line (the slide has them), and
    cached by what it shows."""
    key = charts.fingerprint(["deck-series", CODE, spec, width, height, dpi, CHART_PT])
    return charts.cached(key, lambda: _draw(spec, width, height, dpi))


def _draw(spec: Chart, width: float, height: float, dpi: int) -> bytes:
    import matplotlib.pyplot as plt

    scale = CHART_PT / SMALLEST_PT
    fig = charts.series_chart(spec, width / scale, height / scale, framed=False)
    png = opaque_png(fig, dpi * scale)
    plt.close(fig)
    return png


def opaque_png(fig, dpi: float) -> bytes:
    """The figure as an RGB PNG, fast to compress: its background is white, so the alpha channel matplotlib draws
    says nothing, and a slide's picture is 2,400 pixels wide (compressing RGBA took a quarter of the decks' charts)."""
    from PIL import Image

    fig.set_dpi(dpi)  # so that the canvas's size is the picture's
    raw = io.BytesIO()
    fig.savefig(raw, format="rgba", dpi=dpi)
    buffer = io.BytesIO()
    size = fig.canvas.get_width_height(physical=True)
    Image.frombuffer("RGBA", size, raw.getbuffer()).convert("RGB").save(buffer, format="png", compress_level=1)
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
    if fig.legends:  # a legend under the plot (stacked_bars): at the foot, the plot raised above it and its ticks
        renderer = fig.canvas.get_renderer()
        legend = fig.legends[0]
        legend.set_loc("lower center")
        legend.set_bbox_to_anchor((0.5, 0.0), transform=fig.transFigure)
        ax = fig.axes[0]
        under = ax.get_window_extent(renderer).y0 - ax.xaxis.get_tightbbox(renderer).y0  # tick labels, axis label
        room = legend.get_window_extent(renderer).height + under + 6
        fig.subplots_adjust(bottom=min(0.8, room / fig.bbox.height))
    png = opaque_png(fig, dpi)
    plt.close(fig)
    return png


def book_figure(draw, width: float, height: float, *args, dpi: int = CHART_DPI, **kwargs) -> bytes:
    """`for_slide(draw(*args, **kwargs), ...)` through the book's chart cache, keyed on the drawing and its inputs."""
    key = charts.fingerprint(
        ["deck-book", CODE, f"{draw.__module__}.{draw.__qualname__}", args, kwargs, width, height, dpi, CHART_PT]
    )
    return charts.cached(key, lambda: for_slide(draw(*args, **kwargs), width, height, dpi))
