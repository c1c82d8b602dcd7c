"""The report model: tables and chart specs as objects, their CSV, the takeaways a chapter opens with, and the rules
the chart specs keep (one frequency per chart; a line only from one period to the next)."""

from __future__ import annotations

import base64
import csv
import io

import pytest
from conftest import ROOT
from matplotlib.lines import Line2D

from zonebook import load
from zonebook.analysis import metrics, readings
from zonebook.report import charts, figures, model, tables


@pytest.fixture(scope="module")
def ds():
    return load(ROOT / "data")


def parsed(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def test_a_tables_csv_has_every_column_with_its_unit_the_rows_lines_and_no_formula():
    t = model.Table(
        "t",
        (model.Column("a", "Amount", unit="亿元", role="number"), model.Column("q", "Words", shown=False)),
        (model.Row({"a": -3.5, "q": "=HYPERLINK(1)"}, lines=(4, 9)), model.Row({"a": 2, "q": "+8 万"})),
    )
    text = model.csv_of(t)
    assert text.startswith("\ufeff")  # Excel reads UTF-8 only with it
    rows = parsed(text)
    assert rows[0] == ["Amount (亿元)", "Words", "observation_lines"]  # hidden columns too: the CSV has them all
    assert rows[1] == ["-3.5", "'=HYPERLINK(1)", "4;9"]  # a number stays a number; text never runs
    assert rows[2] == ["2", "'+8 万", ""]


def test_a_data_address_holds_the_csv_byte_for_byte():
    text = model.csv_of(model.Table("t", (model.Column("a", "A"),), (model.Row({"a": "扬州"}),)))
    address = model.data_url(text)
    assert address.startswith("data:text/csv;charset=utf-8;base64,")
    assert base64.b64decode(address.split(",", 1)[1]).decode("utf-8") == text


def test_a_charts_csv_is_every_point_it_draws_with_source_and_words(ds):
    obs = ds.for_zone("city").observations
    for spec in figures.series_charts(obs, 3):
        rows = parsed(model.csv_of(spec))
        drawn = [p for s in spec.series for p in s.points]
        assert len(rows) - 1 == len(drawn)
        at = {c: rows[0].index(c) for c in ("period", "quote", "observation_line")}
        by_line = obs.set_index("line")
        for r in rows[1:]:
            o = by_line.loc[int(r[at["observation_line"]])]
            assert (o["period"], o["quote"]) == (r[at["period"]], r[at["quote"]].removeprefix("'"))


def test_no_chart_mixes_years_quarters_or_spans_of_different_lengths(ds):
    for zone in ["city", *ds.zones["zone"]]:
        obs = ds.for_zone(zone).observations
        for spec in figures.series_charts(obs):
            assert len({s.frequency for s in spec.series}) == 1, spec.name
            assert len({figures.frequency(p.period) for s in spec.series for p in s.points}) == 1, spec.name


def test_figures_of_another_frequency_are_named_in_the_caption_not_drawn(ds):
    named = 0
    for zone in ["city", *ds.zones["zone"]]:
        obs = ds.for_zone(zone).observations
        numbers = metrics.figures(obs)
        for spec in figures.series_charts(obs):
            indicator = numbers[numbers["line"] == spec.series[0].points[0].line]["indicator"].iloc[0]
            frequencies = numbers[numbers["indicator"] == indicator]["period"].map(figures.frequency)
            others = (frequencies != spec.series[0].frequency).sum()
            assert len(spec.left_out) == others, spec.name
            assert all(p.period in spec.caption for p in spec.left_out), spec.name
            named += bool(others)
    assert named, "the shipped data has an indicator with spans beside its years: the check is not vacuous"


def test_a_line_never_joins_figures_more_than_one_period_apart(ds):
    """Drawn lines are read back from the figure: each joins two points at most one period apart (with the
    side-by-side offset of a period with several sources), so a gap (2014 to 2019) shows as a gap."""
    charts.use_cache(None)
    gaps = 0
    for zone in ["city", *ds.zones["zone"]]:
        for spec in figures.series_charts(ds.for_zone(zone).observations):
            fig = charts.series_chart(spec)
            for line in fig.axes[0].get_lines():
                if isinstance(line, Line2D) and len(line.get_xdata()) == 2:
                    x0, x1 = line.get_xdata()
                    assert abs(x1 - x0) <= 1 + 0.45, (spec.name, x0, x1)
            years = sorted({p.start for s in spec.series if s.joined for p in s.points})
            gaps += any(b - a > 1 for a, b in zip(years, years[1:]))
            charts.plt.close(fig)
    assert gaps, "the shipped data has a series with a gap: the check is not vacuous"


def test_takeaways_open_with_the_claims_and_print_only_what_the_book_prints(ds):
    printed = {r.sentence for r in readings.book_readings(ds)}  # every sentence the book and the decks print
    for zone in [None, *ds.zones["zone"]]:
        said = readings.takeaways(ds, zone)
        assert 1 <= len(said) <= 5
        obs = ds.observations[ds.observations["zone"] == (zone or "city")]
        claims = metrics.audit(obs, ds.claims_source)
        claims = claims[claims["verdict"].isin(metrics.CLAIMS)]
        first = said[0]
        if claims.empty:
            assert first.template == "takeaway-none"
        else:
            assert first.template == "takeaway-claims" and first.value == str(len(claims))
            assert len(said) >= 3 or len(readings.part_readings(obs)) + len(claims) < 3
        for r in said[1:]:
            assert r.sentence in printed, r.sentence  # never a sentence of its own


def test_the_compact_claims_table_has_one_row_per_claim_worst_first(ds):
    audit = metrics.audit(ds.for_zone("industry-613").observations, ds.claims_source)
    t = tables.claims_compact(audit, "c")
    claims = audit[audit["verdict"].isin(metrics.CLAIMS)]
    assert len(t.rows) == len(claims)
    verdict = {label: v for v, label in metrics.VERDICT_LABEL.items()}
    order = [metrics.VERDICT_ORDER.index(verdict[r.cells["verdict"]]) for r in t.rows]
    assert order == sorted(order)
    assert [c.header for c in t.shown][:4] == ["Indicator", "Claimed", "Recorded", "Verdict"]
