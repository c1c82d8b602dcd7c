"""The decks draw the book's charts: the same spec (report.figures), the same frequencies on an axis, the same legend."""

import io
import zipfile

import matplotlib.figure
import pytest
from lxml import etree
from matplotlib.markers import MarkerStyle
from matplotlib.path import Path as MplPath

import zonebook
from zonebook.decks import model as deck_model
from zonebook.decks import slides as decks
from zonebook.report import charts

C = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart"}
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


@pytest.fixture(autouse=True)
def no_cache():
    charts.use_cache(None)
    yield
    charts.use_cache(None)


@pytest.fixture
def drawn(monkeypatch):
    """Every matplotlib figure saved while the test runs, as it was when saved."""
    figures = []
    save = matplotlib.figure.Figure.savefig

    def kept(self, *args, **kwargs):
        figures.append(self)
        return save(self, *args, **kwargs)

    monkeypatch.setattr(matplotlib.figure.Figure, "savefig", kept)
    return figures


def with_rows(folder, indicators: str, observations: str):
    """The data folder with indicators and observations appended (CSV lines)."""
    with open(folder / "indicators.csv", "a", encoding="utf-8") as f:
        f.write(indicators)
    with open(folder / "observations.csv", "a", encoding="utf-8") as f:
        f.write(observations)
    return zonebook.load(folder)


EXPORTS = "exports,industry,Exports,出口总额,亿元,0,Exports.,flow,nominal\n"
YEARS_AND_A_QUARTER = "".join(
    f"exports,{period},{value},actual,eq,bureau,出口{value}亿元,\n"
    for period, value in [("2022", 700), ("2023", 720), ("2024", 760), ("2025", 810), ("2025Q1", 123)]
)


def point_values(fig) -> set[float]:
    return {round(float(y), 6) for ax in fig.axes for c in ax.collections for _, y in c.get_offsets()}


def joined_pairs(fig) -> set[tuple[float, float]]:
    """The values a drawn line joins, pair by pair."""
    out = set()
    for ax in fig.axes:
        for line in ax.get_lines():
            ys = [round(float(y), 6) for y in line.get_ydata()]
            out |= set(zip(ys, ys[1:]))
    return out


def test_a_quarter_never_shares_an_axis_or_a_line_with_the_years(minimal, drawn):
    ds = with_rows(minimal, EXPORTS, YEARS_AND_A_QUARTER)
    made = decks.chart_slides(decks.Voice(ds), decks.part_of(ds, "industry"), "The figures")
    exports = [s for s in made if s.chart and "Exports" in s.chart.alt]
    assert len(exports) == 1  # one chart of the years; one quarter is no series
    native = exports[0].chart.native
    assert native is None or all(c.isdigit() for c in native.categories)
    with_years = [f for f in drawn if {700.0, 810.0} <= point_values(f)]
    assert with_years, "the years' chart is drawn as a picture (the HTML deck's, at least)"
    for fig in with_years:
        assert 123.0 not in point_values(fig), "the 2025Q1 figure is on the years' axis"
        assert (760.0, 810.0) in joined_pairs(fig), "2024 and 2025 are consecutive years: joined"


def marker_of(collection) -> str | None:
    """Which of the tier shapes a scatter draws (its path compared with each marker's own)."""
    path = collection.get_paths()[0]
    for marker in charts.TIER_MARKER.values():
        style = MarkerStyle(marker)
        own: MplPath = style.get_path().transformed(style.get_transform())
        if own.vertices.shape == path.vertices.shape and (abs(own.vertices - path.vertices) < 1e-6).all():
            return marker
    return None


def legend_markers(fig) -> set[str]:
    out = set()
    for legend in [*fig.legends, *(ax.get_legend() for ax in fig.axes)]:
        for handle in legend.legend_handles if legend else []:
            marker = getattr(handle, "get_marker", lambda: None)()
            if marker not in (None, "", "None", " "):
                out.add(marker)
    return out


def test_a_pictures_legend_shows_the_shapes_its_points_have_and_no_other(minimal, drawn):
    ds = with_rows(  # figures of tier C only: triangles, and no circle anywhere
        minimal,
        "visitors,city,Visitors,游客人数,万人次,0,Visitors.,flow,\n",
        "".join(f"visitors,{y},{v},actual,eq,article,游客{v}万人次,\n" for y, v in [(2022, 5), (2023, 6), (2024, 8)]),
    )
    made = decks.chart_slides(decks.Voice(ds), decks.part_of(ds, None), "City-wide figures")
    assert len(made) == 2 and len(drawn) >= 2  # GDP (tiers A and C), the visitors
    for fig in drawn:
        plotted = {marker_of(c) for ax in fig.axes for c in ax.collections if len(c.get_offsets())}
        assert plotted and None not in plotted
        assert legend_markers(fig) == plotted


def native_series(pptx: bytes) -> list:
    """Every series of every native line chart in a PowerPoint file, as XML."""
    found = []
    with zipfile.ZipFile(io.BytesIO(pptx)) as z:
        for name in z.namelist():
            if name.startswith("ppt/charts/chart") and name.endswith(".xml"):
                found += etree.fromstring(z.read(name)).findall(".//c:lineChart/c:ser", C)
    return found


def marker_look(marker) -> tuple:
    """A marker's symbol, fill and outline colour, as the chart XML gives them."""
    symbol = marker.find("c:symbol", C)
    fill = marker.find(f"c:spPr/{A}solidFill/{A}srgbClr", C)
    line = marker.find(f"c:spPr/{A}ln/{A}solidFill/{A}srgbClr", C)
    return tuple(None if e is None else e.get("val") for e in (symbol, fill, line))


def test_a_native_charts_legend_marker_is_the_marker_of_its_points(minimal, tmp_path):
    ds = zonebook.load(minimal)
    out = tmp_path / "slides"
    out.mkdir()
    for deck in decks.decks(ds):
        decks.write_pptx(deck, out / f"{deck.stem}.pptx")
    series = [s for path in sorted(out.glob("*.pptx")) for s in native_series(path.read_bytes())]
    assert series, "the good-air days (one tier A figure a year) are an editable chart"
    for ser in series:
        legend = marker_look(ser.find("c:marker", C))  # what the legend shows for the series
        points = [marker_look(p.find("c:marker", C)) for p in ser.findall("c:dPt", C)]
        assert points and all(p == legend for p in points), (legend, points)


def test_a_picture_chart_is_drawn_at_its_placed_size_and_kept_in_the_chart_cache(minimal, tmp_path):
    from zonebook.decks import figures

    ds = with_rows(minimal, EXPORTS, YEARS_AND_A_QUARTER)
    obs = ds.for_zone("industry").observations
    chart = figures.slide_charts(obs)[0]
    charts.use_cache(tmp_path)
    png = figures.picture(chart.spec, 8.0, 4.0)
    assert figures.picture(chart.spec, 8.0, 4.0) == png and len(list(tmp_path.glob("*.png"))) == 1
    assert deck_model.png_size(png) == (8 * deck_model.CHART_DPI, 4 * deck_model.CHART_DPI)


def test_a_rank_runs_from_first_at_the_top_and_a_bound_is_no_exact_point(minimal, drawn):
    from zonebook.decks import figures

    ds = with_rows(
        minimal,
        "rank,industry,Rank,排名,位,0,A rank.,rank,\n",
        "rank,2023,5,actual,eq,bureau,第5位,\nrank,2024,20,actual,le,bureau,前20位,\n",
    )
    chart = figures.slide_charts(ds.for_zone("industry").observations)
    rank = next(c for c in chart if c.spec.name.startswith("rank-"))
    assert rank.native.invert and not rank.editable  # its bound needs the arrow only the picture draws
    figures.picture(rank.spec, 8.0, 4.0)
    ax = drawn[-1].axes[0]
    bottom, top = ax.get_ylim()
    assert bottom > top, "a rank's axis has 1 at the top"
    arrows = [(a.xyann[1], a.xy[1]) for a in ax.texts if getattr(a, "arrow_patch", None) is not None]
    assert len(arrows) == 1 and arrows[0][0] == 20 and arrows[0][1] < 20, "≤20 points to the places above 20th"
    in_chinese = figures.slide_charts(ds.for_zone("industry").observations, lang="zh")
    zh = next(c for c in in_chinese if c.spec.name == rank.spec.name)
    labels = [label for s in zh.native.series for label in s.labels if label]
    assert "前20" in labels and "第5" in labels
