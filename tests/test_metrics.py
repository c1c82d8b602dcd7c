"""The computed measures, on hand-made numbers."""

import math

import pandas as pd
import pytest

import zonebook
from zonebook import metrics

from conftest import FIXTURES, ROOT


def test_cagr_and_required_growth():
    assert metrics.cagr(100, 121, 2) == pytest.approx(10.0)
    assert math.isnan(metrics.cagr(0, 121, 2))
    assert metrics.required_growth(7809.64, 10000, 6) == pytest.approx(((10000 / 7809.64) ** (1 / 6) - 1) * 100)


@pytest.mark.parametrize("rate, year", [(5.5, 2029), (6.8, 2028), (0, None), (-1, None)])
def test_year_reaching_the_goal(rate, year):
    assert metrics.year_reaching(2024, 7809.64, 10000, rate) == year


def test_year_reaching_exact_boundary():
    assert metrics.year_reaching(2020, 100, 121, 10) == 2022  # 100 → 110 → 121 exactly


def test_growth_rates_only_between_consecutive_years():
    series = pd.Series([100.0, 110.0, 121.0], index=[2020, 2021, 2023])
    assert dict(metrics.growth_rates(series).round(6)) == {2021: 10.0}


@pytest.mark.parametrize(
    "claim, record, verdict",
    [
        ((6048.33, "eq"), (6013, "eq"), "conflict"),
        ((7809.64, "eq"), (7809, "eq"), "corroborated"),
        ((8200, "gt"), (8000, "gt"), "partly"),
        ((8000, "gt"), (8200, "gt"), "corroborated"),
        ((8000, "gt"), (7900, "eq"), "conflict"),
        ((5.5, "approx"), (5.6, "eq"), "corroborated"),
        ((15, "eq"), (12, "eq"), "conflict"),
        ((10, "ge"), (10, "ge"), "corroborated"),
    ],
)
def test_compare_claim_with_record(claim, record, verdict):
    assert metrics.compare(*claim, *record) == verdict


def test_audit_on_the_fixture():
    ds = zonebook.load(FIXTURES / "minimal")
    audit = metrics.audit(ds.observations, ds.claims_source).set_index(["indicator", "period", "kind"])
    assert audit.loc[("gdp", "2024", "actual"), "verdict"] == "partly"  # 7809.64 against "约7800": compatible, weaker
    assert audit.loc[("water-coverage", "2025", "actual"), "verdict"] == "missing"
    assert audit.loc[("cluster-count", "2025", "actual"), "verdict"] == "unverified"
    assert audit.loc[("invoiced-sales", "2025", "actual"), "verdict"] == "unverified"


def test_internal_inconsistency_same_figure_two_periods():
    ds = zonebook.load(FIXTURES / "minimal")
    obs = ds.observations
    extra = obs[obs.indicator == "cluster-count"].assign(period="2025Q1", period_start=2025.0, period_end=2025.25)
    found = metrics.internal_inconsistencies(pd.concat([obs, extra]), "article")
    assert list(found["kind_of_issue"]) == ["same figure, different periods"]


def test_key_figures_keep_every_source_of_the_latest_period():
    ds = zonebook.load(FIXTURES / "minimal")
    kf = metrics.key_figures(ds.observations)
    gdp = kf[kf.indicator == "gdp"]
    assert set(gdp["period"]) == {"2025"} and set(gdp["source"]) == {"bureau", "article"}
    assert list(gdp["tier"]) == ["A", "C"]  # most authoritative first


def test_targets_against_actuals():
    ds = zonebook.load(FIXTURES / "minimal")
    t = metrics.targets_against_actuals(ds.observations).iloc[0]
    assert (t.indicator, t.target_period, t.actual_period) == ("gdp", "2030", "2025")
    assert t.gap == pytest.approx(2000)


def test_cache_key_covers_exactly_the_modules_a_notebook_runs():
    from zonebook.build import execute

    modules = execute.notebook_modules(ROOT / "chapters" / "zone.ipynb")
    assert {"__init__", "data", "metrics", "report", "charts"} <= modules
    assert "extract" not in modules and "book" not in modules
    assert execute.zonebook_modules("from zonebook.data import (\n  load,\n  check)\nimport zonebook.charts\n") == {"data", "charts"}


def test_audit_conflict_outranks_corroboration_which_outranks_vaguer_support():
    ds = zonebook.load(FIXTURES / "minimal")
    obs = ds.observations
    bureau = obs[(obs.indicator == "gdp") & (obs.period == "2024") & (obs.source == "bureau")]
    exact = bureau.assign(value=7809.0, bound="eq", quote="7809亿元")
    both = pd.concat([obs, exact], ignore_index=True)
    verdict = lambda frame: metrics.audit(frame, "article").set_index(["indicator", "period"]).loc[("gdp", "2024"), "verdict"]  # noqa: E731
    assert verdict(obs) == "partly"  # only "约7800"
    assert verdict(both) == "corroborated"  # an exact match decides, the vaguer figure does not undo it
    conflicting = pd.concat([both, exact.assign(value=7500.0)], ignore_index=True)
    assert verdict(conflicting) == "conflict"


def test_internal_inconsistency_needs_figures_that_cannot_both_be_true():
    ds = zonebook.load(FIXTURES / "minimal")
    obs = ds.observations
    gdp = obs[(obs.indicator == "gdp") & (obs.source == "article") & (obs.period == "2025")]
    compatible = pd.concat([obs, gdp.assign(value=8000.0, kind="actual")])  # >8000 beside >8200: both can hold
    assert metrics.internal_inconsistencies(compatible, "article").empty
    clashing = pd.concat([obs, gdp.assign(value=7000.0, bound="eq", kind="actual")])
    assert list(metrics.internal_inconsistencies(clashing, "article")["kind_of_issue"]) == ["conflicting figures, same period"]


@pytest.mark.parametrize(
    "start, end, word",
    [("eq", "eq", ""), ("eq", "gt", "at least "), ("gt", "eq", "at most "), ("eq", "le", "at most "), ("gt", "gt", "roughly "), ("approx", "ge", "at least ")],
)
def test_rate_qualifier(start, end, word):
    assert metrics.rate_qualifier(start, end) == word


def test_readings_say_when_a_rate_is_a_bound():
    from zonebook import report

    ds = zonebook.load(FIXTURES / "minimal")
    text = " ".join(report.readings(ds.for_zone("industry").observations))
    # 8200 (">8200", 2023) → 9124 (2024) → ">10000" (2025): the end is a lower bound, the start too
    assert "from &gt;8,200 亿元 in 2023 to &gt;10,000 亿元 in 2025: roughly" in text
