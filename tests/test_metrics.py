"""The computed measures, on hand-made numbers."""

import math

import pandas as pd
import pytest
from conftest import FIXTURES

import zonebook
from zonebook.analysis import metrics


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


def test_a_target_beside_a_bounded_earlier_actual_is_progress_not_a_verdict():
    ds = zonebook.load(FIXTURES / "minimal")
    [t] = metrics.target_checks(ds.observations[ds.observations.kind != "estimate"]).itertuples(index=False)
    assert (t.indicator, t.period, t.check, t.actual_period) == ("gdp", "2030", "progress", "2025")
    # ">8000" in 2025 cannot show whether GDP is still short of "≥10000"; it needs at most (10000/8000)^(1/5) - 1 a year
    assert t.verdict == "undetermined"
    assert t.required_growth_pct == pytest.approx((1.25**0.2 - 1) * 100)


@pytest.mark.parametrize(
    "target, actual, verdict",
    [
        ((130, "eq"), (132, "eq"), "above"),
        ((168, "eq"), (178.9, "eq"), "above"),
        ((130, "eq"), (120, "eq"), "below"),
        ((6, "approx"), (6.0, "eq"), "as planned"),
        ((8200, "gt"), (8000, "gt"), "undetermined"),
        ((8200, "ge"), (8300, "eq"), "met"),
        ((8200, "ge"), (8200, "eq"), "met"),
        ((8200, "gt"), (8200, "eq"), "missed"),
        ((10, "ge"), (7.8, "eq"), "missed"),
        ((30, "le"), (32, "eq"), "missed"),
        ((30, "le"), (29, "eq"), "met"),
        ((7.1109, "eq"), (7.3609, "approx"), "above"),
        ((0, "gt"), (0.5, "eq"), "met"),
        ((10000, "ge"), (10000, "ge"), "met"),
        ((10000, "ge"), (10000, "gt"), "met"),
    ],
)
def test_a_target_is_judged_against_its_outcome_by_the_bounds_logic(target, actual, verdict):
    assert metrics.judge_target(*target, *actual) == verdict


def test_an_exact_figure_refines_a_rounded_one_for_the_same_period():
    ds = zonebook.load(FIXTURES / "minimal")
    best = metrics.best_per_period(ds.observations).set_index(["indicator", "period", "kind"])
    # the bureau (tier A) says 约7800, the article 7809.64: the exact figure lies inside "about 7800" and is more precise
    assert best.loc[("gdp", "2024", "actual"), "value"] == pytest.approx(7809.64)


@pytest.mark.parametrize(
    "value, digits", [(155000, 3), (155132, 6), (7809.64, 6), (7800, 2), (0.4, 1), (6013, 4), (100, 1)]
)
def test_significant_digits(value, digits):
    assert metrics.significant_digits(value) == digits


@pytest.mark.parametrize(
    "quote, announced",
    [
        ("农村自来水普及率达、集中供水率达", True),
        ("电网线路里程超过。", True),
        ("全市累计建成各类科创平台,引育创新人才团队", True),
        ("全市累计承接产业转移企业,其中“三类500强”企业项目", True),
        ("新建卫生户厕", False),
        ("改善农房", False),
        ("锂离子动力电池、新能源汽车、风力发电机组等绿色产品产量均增长", False),
        ("建设各类公园、运动场地", False),
        ("2025年全市累计接待国内游客人次、总花费分别增长", False),
    ],
)
def test_a_gap_is_a_figure_the_sentence_announces(quote, announced):
    assert metrics.announces_figure(quote) is announced


def test_implied_deflator_is_nominal_over_real_growth():
    nominal = pd.Series({2022: 7104.98, 2023: 7423.26})
    real = pd.Series({2023: 6.0})
    d = metrics.implied_deflators(nominal, pd.Series({2022: "eq", 2023: "eq"}), real, pd.Series({2023: "eq"}))
    assert d[2023] == pytest.approx(
        (7423.26 / 7104.98 / 1.06 - 1) * 100
    )  # nominal +4.5 % against real +6.0 %: prices fell
    assert d[2023] < 0


def test_audit_conflict_outranks_corroboration_which_outranks_vaguer_support():
    ds = zonebook.load(FIXTURES / "minimal")
    obs = ds.observations
    bureau = obs[(obs.indicator == "gdp") & (obs.period == "2024") & (obs.source == "bureau")]
    exact = bureau.assign(value=7809.0, bound="eq", quote="7809亿元")
    both = pd.concat([obs, exact], ignore_index=True)

    def verdict(frame):
        return metrics.audit(frame, "article").set_index(["indicator", "period"]).loc[("gdp", "2024"), "verdict"]

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
    assert list(metrics.internal_inconsistencies(clashing, "article")["kind_of_issue"]) == [
        "conflicting figures, same period"
    ]


@pytest.mark.parametrize(
    "start, end, word",
    [
        ("eq", "eq", ""),
        ("eq", "gt", "at least "),
        ("gt", "eq", "at most "),
        ("eq", "le", "at most "),
        ("gt", "gt", "roughly "),
        ("approx", "ge", "at least "),
    ],
)
def test_rate_qualifier(start, end, word):
    assert metrics.rate_qualifier(start, end) == word


def test_readings_say_when_a_rate_is_a_bound():
    from zonebook.analysis import readings

    ds = zonebook.load(FIXTURES / "minimal")
    text = " ".join(r.sentence for r in readings.part_readings(ds.for_zone("industry").observations))
    # 8200 (">8200", 2023) → 9124 (2024) → ">10000" (2025): the end is a lower bound, the start too
    assert "went from more than 8,200 亿元 in 2023 to more than 10,000 亿元 in 2025: roughly" in text
