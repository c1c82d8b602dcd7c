"""The chart cache: a chart is drawn again exactly when what it shows changes."""

import dataclasses

import pytest
from conftest import FIXTURES, ROOT
from matplotlib.legend import Legend
from matplotlib.transforms import Bbox

from zonebook import load
from zonebook.data import DataError
from zonebook.report import charts
from zonebook.report import html as report


@pytest.fixture(autouse=True)
def no_cache_afterwards():
    yield
    charts.use_cache(None)


def test_the_books_bar_charts_come_from_the_cache_until_their_counts_change(tmp_path, monkeypatch):
    charts.use_cache(tmp_path)
    ds = load(FIXTURES / "minimal")
    first = report.evidence_chart_html(ds)
    cached = sorted(tmp_path.glob("*.png"))
    assert len(cached) == 2  # figures by tier, figures by kind
    mtimes = [p.stat().st_mtime_ns for p in cached]
    assert report.evidence_chart_html(ds) == first
    assert [p.stat().st_mtime_ns for p in sorted(tmp_path.glob("*.png"))] == mtimes  # read, not drawn again
    obs = ds.observations
    fewer = dataclasses.replace(ds, observations=obs.drop(obs[obs["zone"] != "city"].index[0]))  # a zone's figure fewer
    assert report.evidence_chart_html(fewer) != first
    assert len(list(tmp_path.glob("*.png"))) > 2


def test_without_a_cache_folder_charts_are_drawn_and_nothing_is_written(tmp_path, monkeypatch):
    charts.use_cache(None)
    monkeypatch.chdir(tmp_path)
    ds = load(FIXTURES / "minimal")
    assert "data:image/png;base64," in report.evidence_chart_html(ds)
    assert not list(tmp_path.rglob("*.png"))


# --- every chart the book draws keeps its words inside the figure and apart ----------------------------------


def drawn_texts(fig):
    """Every text a reader sees on the figure, with its box in pixels, from matplotlib's own renderer (the figure is
    drawn first, as when it is saved). Tick labels are taken only for the ticks inside the axes' limits."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    found = []
    for ax in fig.axes:
        for axis, (lo, hi) in ((ax.xaxis, ax.get_xlim()), (ax.yaxis, ax.get_ylim())):
            for tick in axis.get_major_ticks():
                if min(lo, hi) <= tick.get_loc() <= max(lo, hi) and tick.label1.get_visible():
                    found.append(tick.label1)
        found += [ax.title, ax._left_title, ax._right_title, *ax.texts, ax.xaxis.label, ax.yaxis.label]
        for legend in [ax.get_legend(), *(a for a in ax.artists if isinstance(a, Legend))]:
            if legend:
                found += [legend.get_title(), *legend.get_texts()]
    found += fig.texts
    for legend in fig.legends:
        found += [legend.get_title(), *legend.get_texts()]
    return [(t, t.get_window_extent(renderer)) for t in found if t.get_visible() and t.get_text().strip()]


def text_problems(fig) -> list[str]:
    problems = []
    texts = drawn_texts(fig)
    page = fig.bbox
    for t, box in texts:
        if box.x0 < page.x0 - 0.5 or box.y0 < page.y0 - 0.5 or box.x1 > page.x1 + 0.5 or box.y1 > page.y1 + 0.5:
            problems.append(f"{t.get_text()!r} leaves the figure ({box.bounds} in {page.bounds})")
    for i, (a, box_a) in enumerate(texts):
        for b, box_b in texts[i + 1 :]:
            overlap = Bbox.intersection(box_a, box_b)
            if overlap is not None and overlap.width > 0.5 and overlap.height > 0.5:
                problems.append(f"{a.get_text()!r} overlaps {b.get_text()!r}")
    return problems


def buildable_data() -> list:
    """The shipped data and every fixture folder a build accepts."""
    folders = [ROOT / "data", *sorted(p for p in FIXTURES.iterdir() if (p / "observations.csv").exists())]
    out = []
    for folder in folders:
        try:
            out.append(pytest.param(load(folder), id=folder.name))
        except DataError:
            continue  # a fixture of bad data: the build refuses it, and draws nothing
    return out


def book_charts(ds, lang: str = "en") -> None:
    """Draw every chart of the book's pages in one language, as the notebooks do, and the decks' pictures of the same
    series charts at a slide's size."""
    from zonebook.decks import figures as deck_figures
    from zonebook.decks.model import chart_box

    for zone in ["city", *ds.zones["zone"]]:
        obs = ds.for_zone(zone).observations
        report.series_figures(obs, min_periods=3 if zone == "city" else 2, lang=lang)
        for chart in deck_figures.slide_charts(obs, lang):
            deck_figures.picture(chart.spec, *chart_box("Source: one line of caption."), dpi=40)
    report.evidence_chart_html(ds, lang)
    report.audit_chart_html(ds, lang)
    goal = ds.edition.goal
    paths = report.trillion_paths(ds.for_zone("city"), goal.indicator, goal.growth or "", goal.value) if goal else None
    if paths:
        report.trillion_html(paths, lang, ds)


@pytest.mark.slow  # draws every chart of every data folder
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("ds", buildable_data())
def test_no_title_or_label_leaves_a_chart_or_overlaps_another(ds, lang, monkeypatch):
    import matplotlib.figure

    charts.use_cache(None)
    found = {}
    save = matplotlib.figure.Figure.savefig

    def checked(fig, *args, **kwargs):
        title = fig.axes[0].get_title("left") if fig.axes else "?"
        found[f"{len(found)}: {title}"] = text_problems(fig)
        return save(fig, *args, **kwargs)

    monkeypatch.setattr(matplotlib.figure.Figure, "savefig", checked)
    book_charts(ds, lang)
    assert len(found) >= 3  # the bar charts at least: the check is not vacuous
    assert {chart: problems for chart, problems in found.items() if problems} == {}


@pytest.mark.parametrize("ds", buildable_data())
def test_a_chart_of_whole_numbers_has_no_fractional_ticks(ds):
    """Half a factory or 1.5 projects is no figure: when every value a chart plots is a whole number (counts, say),
    its value axis is marked in whole numbers only, in the book's charts and in the decks' pictures alike."""
    import matplotlib.pyplot as plt

    from zonebook.report import figures

    whole = [
        spec
        for zone in ["city", *ds.zones["zone"]]
        for spec in figures.series_charts(ds.for_zone(zone).observations, 2, "en")
        if all(float(p.value).is_integer() for s in spec.series for p in s.points)
    ]
    assert whole, "the data has charts of whole numbers: the check is not vacuous"
    for spec in whole:
        for framed in (True, False):
            fig = charts.series_chart(spec, framed=framed)
            ax = fig.axes[0]
            lo, hi = sorted(ax.get_ylim())
            shown = [t for t in ax.get_yticks() if lo <= t <= hi]
            plt.close(fig)
            assert all(float(t).is_integer() for t in shown), (spec.name, shown)


# --- what the charts assume of matplotlib (docs/ARCHITECTURE.md, "What the code assumes of its libraries") ----------


def pixels(png: bytes):
    """A PNG's mode, size and pixels."""
    import io

    import numpy as np
    from PIL import Image

    with Image.open(io.BytesIO(png)) as im:
        return im.mode, im.size, np.asarray(im).tobytes()


def automatic_titles(monkeypatch):
    """Titles placed by matplotlib's automatic title position again (fit_title gives y=1.0, which turns it off)."""
    from matplotlib.axes import Axes

    set_title = Axes.set_title

    def automatic(self, *args, y=None, **kwargs):
        return set_title(self, *args, **kwargs)

    monkeypatch.setattr(Axes, "set_title", automatic)


def test_a_title_at_the_top_of_the_axes_is_where_matplotlib_would_place_it(monkeypatch):
    """fit_title places the title at y=1.0, so that no draw measures every tick label again to find room for it
    (Axes._update_title_position: a fifth of drawing a book chart). In the house style (ticks and their labels below
    the plot, the title axes.titlepad above it) the automatic placement finds it there too: the same pixels, also with
    a wrapped title and an offset text (1e8) at the top of the value axis."""
    import matplotlib.pyplot as plt

    def drawn() -> tuple:
        charts.setup()
        fig, ax = plt.subplots(figsize=(charts.WIDTH, charts.HEIGHT))
        fig.subplots_adjust(**charts.MARGINS)
        ax.plot([2019, 2020, 2021, 2022], [1.2e7, 2.5e7, 3.1e7, 2.2e8], marker="o")
        charts.unit_label(ax, "yuan")
        charts.fit_title(fig, ax, "A title long enough to be wrapped on two lines or more, " * 3)
        charts.source_line(fig, "Source: a bureau.")
        offset = ax.yaxis.get_major_formatter()
        png = charts.png_bytes(fig)
        return pixels(png), offset.get_offset(), ax.get_title("left").count("\n")

    fixed, offset, breaks = drawn()
    assert offset and breaks >= 1, "the check covers an offset text and a wrapped title"
    automatic_titles(monkeypatch)
    assert drawn() == (fixed, offset, breaks)


def test_the_books_charts_have_the_pixels_matplotlibs_own_placement_gives(monkeypatch):
    """Every chart of the minimal book and its decks' pictures, in both languages: the same pixels as with the
    automatic title position, and as with the series charts' empty axis labels placed by matplotlib at each draw
    (series_chart keeps them still: placing one measures every tick label's box again)."""
    from matplotlib.axis import Axis

    ds = load(FIXTURES / "minimal")
    made: list[bytes] = []
    monkeypatch.setattr(charts, "cached", lambda key, make: made.append(make()) or made[-1])

    def every_chart() -> list:
        made.clear()
        for lang in ("en", "zh"):
            book_charts(ds, lang)
        return [pixels(png) for png in made]

    fixed = every_chart()
    assert len(fixed) >= 4
    automatic_titles(monkeypatch)
    assert every_chart() == fixed
    monkeypatch.setattr(Axis, "set_label_coords", lambda self, x, y, transform=None: None)
    assert every_chart() == fixed
