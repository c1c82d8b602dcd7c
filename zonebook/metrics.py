"""Computed readings: small pure functions over the tidy observations table.

Every measure here is defined in the book's "Data and methods" chapter; change both together.
"""

from __future__ import annotations

import math
from collections import defaultdict

import numpy as np
import pandas as pd

from zonebook.data import format_value

TIER_RANK = {"A": 0, "B": 1, "C": 2}
KIND_RANK = {"actual": 0, "estimate": 1, "target": 2}
APPROX_TOLERANCE = 0.03  # "约/左右" read as within ±3 %
EXACT_TOLERANCE = 0.001  # two "exact" figures agree within ±0.1 %: rounding (7809 vs 7809.64), not revisions


def figures(obs: pd.DataFrame) -> pd.DataFrame:
    """Observations that carry a number (gaps removed)."""
    return obs[~obs["is_gap"]]


def best_per_period(obs: pd.DataFrame) -> pd.DataFrame:
    """One figure per indicator and period: the most authoritative source (tier A first), exact before bounded."""
    ranked = figures(obs).assign(
        _tier=lambda d: d["tier"].map(TIER_RANK),
        _kind=lambda d: d["kind"].map(KIND_RANK),
        _exact=lambda d: (d["bound"] != "eq").astype(int),
        _coarse=lambda d: -d["value"].map(decimal_places),  # 7809.64 before 7809 from an equally ranked source
    )
    ranked = ranked.sort_values(["indicator", "period_start", "period_end", "_kind", "_tier", "_exact", "_coarse"], kind="stable")
    best = ranked.drop_duplicates(["indicator", "period", "kind"], keep="first")
    return best.drop(columns=["_tier", "_kind", "_exact", "_coarse"])


def decimal_places(value: float) -> int:
    text = f"{value:.6f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0


def annual_actuals(obs: pd.DataFrame, indicator: str, column: str = "value") -> pd.Series:
    """An indicator's full-year actual values by year (best source per year); `column="bound"` gives their bounds."""
    return yearly(best_per_period(obs[obs["indicator"] == indicator]), column).rename(indicator)


def yearly(best: pd.DataFrame, column: str = "value") -> pd.Series:
    """Full-year actuals by year, from one indicator's figures already reduced by `best_per_period`."""
    rows = best[(best["kind"] == "actual") & (best["period"].str.fullmatch(r"\d{4}"))]
    return pd.Series(rows[column].to_numpy(), index=rows["period"].astype(int).to_numpy()).sort_index()


def rate_qualifier(start_bound: str, end_bound: str) -> str:
    """How a growth rate between two bounded figures must be read: '>8000' at the end makes it a lower bound."""
    low, high = {"gt", "ge"}, {"lt", "le"}
    if end_bound in low and start_bound not in low | high or start_bound in high and end_bound not in low | high:
        return "at least "
    if start_bound in low and end_bound not in low | high or end_bound in high and start_bound not in low | high:
        return "at most "
    return "roughly " if {start_bound, end_bound} & (low | high) else ""


def growth_rates(series: pd.Series) -> pd.Series:
    """Year-on-year growth in percent, only between consecutive years."""
    years = series.index.to_numpy()
    out = {}
    for prev, year in zip(years[:-1], years[1:]):
        if year == prev + 1 and series[prev]:
            out[int(year)] = (series[year] / series[prev] - 1) * 100
    return pd.Series(out, dtype=float, name="growth_pct")


def cagr(start_value: float, end_value: float, years: float) -> float:
    """Compound annual growth rate in percent."""
    if years <= 0 or start_value <= 0 or end_value <= 0:
        return float("nan")
    return ((end_value / start_value) ** (1 / years) - 1) * 100


def required_growth(current: float, target: float, years: float) -> float:
    """Annual growth in percent needed to go from `current` to `target` in `years` years."""
    return cagr(current, target, years)


def year_reaching(base_year: int, base_value: float, goal: float, growth_pct: float) -> int | None:
    """First year a value growing at `growth_pct` a year reaches `goal` (None if it never does)."""
    if base_value >= goal:
        return base_year
    if not growth_pct > 0 or not base_value > 0 or not math.isfinite(growth_pct):  # growth never lifts 0 or less
        return None
    # log1p, not log(1 + g): 1 + 1e-17 is 1.0 in floating point, and a rate of 1e-15 % would divide by zero
    return base_year + math.ceil(math.log(goal / base_value) / math.log1p(growth_pct / 100) - 1e-12)


PROJECTION_YEARS = 100  # a constant rate says nothing over longer, and a path is drawn year by year


def unprojectable(base_year: int, base_value: float, goal: float, growth_pct: float) -> str | None:
    """Why no constant-growth path towards `goal` is drawn from this base (None when one is), for the page to say."""
    if not (math.isfinite(base_value) and base_value > 0):
        return "the latest figure is not positive, and no growth rate carries it to the goal"
    if not math.isfinite(growth_pct):
        return "no growth rate can be computed from the data"
    if growth_pct <= -100:
        return "a rate of -100% or less leaves nothing to grow"
    year = year_reaching(base_year, base_value, goal, growth_pct)
    if year is not None and year - base_year > PROJECTION_YEARS:
        return f"at this rate the goal is more than {PROJECTION_YEARS} years away"
    return None


def path(base_year: int, base_value: float, growth_pct: float, until: int) -> pd.Series:
    """Values of a constant-growth path from the base year to `until`."""
    years = np.arange(base_year, until + 1)
    return pd.Series(base_value * (1 + growth_pct / 100) ** (years - base_year), index=years)


def interval(value: float, bound: str) -> tuple[float, float]:
    """What a bounded figure asserts, as an interval: '>8000' is (8000, inf), '约5.5' is 5.5 ± 3 %."""
    if bound in ("gt", "ge"):
        return value, math.inf
    if bound in ("lt", "le"):
        return -math.inf, value
    width = abs(value) * (APPROX_TOLERANCE if bound == "approx" else EXACT_TOLERANCE)
    return value - width, value + width


def compare(claim_value: float, claim_bound: str, record_value: float, record_bound: str) -> str:
    """How a claim stands against one figure of the record.

    corroborated: the record asserts at least what the claim asserts (its interval lies within the claim's,
    or both are the same figure); partly: compatible, but the record asserts less (e.g. '>8000' does not
    confirm '>8200'); conflict: the two cannot both be true.
    """
    c_lo, c_hi = interval(claim_value, claim_bound)
    r_lo, r_hi = interval(record_value, record_bound)
    if r_hi < c_lo or c_hi < r_lo or (r_hi == c_lo and claim_bound == "gt") or (c_hi == r_lo and record_bound == "gt"):
        return "conflict"
    if c_lo <= r_lo and r_hi <= c_hi:
        return "corroborated"
    if claim_bound == record_bound and abs(claim_value - record_value) <= abs(claim_value) * EXACT_TOLERANCE:
        return "corroborated"
    return "partly"


VERDICT_ORDER = ["conflict", "partly", "corroborated", "unverified", "missing"]  # for display
VERDICT_PRECEDENCE = ["conflict", "corroborated", "partly"]  # which comparison decides a claim
VERDICT_LABEL = {
    "corroborated": "Corroborated",
    "partly": "Compatible, not confirmed",
    "conflict": "In conflict",
    "unverified": "Unverified",
    "missing": "Number missing",
}


def audit(obs: pd.DataFrame, claims_source: str | None) -> pd.DataFrame:
    """Each figure of the claims source checked against every other source for the same indicator and period.

    One row per claim, with its verdict and the record it was checked against. One conflicting figure
    is enough to flag a claim; otherwise one corroborating figure confirms it (a vaguer figure elsewhere,
    "约7800" beside an exact 7809, does not undo that); otherwise it is compatible, not confirmed.
    """
    columns = ["indicator", "name_en", "name_zh", "zone", "unit", "decimals", "period", "kind", "bound", "value",
               "quote", "verdict", "record_value", "record_bound", "record_kind", "record_source", "record_tier", "record_quote",
               "record_publisher"]
    if not claims_source:
        return pd.DataFrame(columns=columns)
    claims = obs[obs["source"] == claims_source]
    record = defaultdict(list)  # every other source's figures by (indicator, period), in the table's order
    for r in figures(obs[obs["source"] != claims_source]).itertuples(index=False):
        record[(r.indicator, r.period)].append(r)
    rows = []
    for claim in claims.itertuples(index=False):
        row = {c: getattr(claim, c) for c in columns[:11]}
        row.update(verdict="unverified", record_value=np.nan, record_bound="", record_kind="", record_source="", record_tier="", record_quote="",
                   record_publisher="")
        if claim.is_gap:
            row["verdict"] = "missing"
        else:
            checked = [(VERDICT_PRECEDENCE.index(compare(claim.value, claim.bound, r.value, r.bound)), TIER_RANK[r.tier], r)
                       for r in record.get((claim.indicator, claim.period), [])]
            if checked:
                rank, _, r = min(checked, key=lambda t: (t[0], t[1]))
                row.update(verdict=VERDICT_PRECEDENCE[rank], record_value=r.value, record_bound=r.bound, record_kind=r.kind,
                           record_source=r.source, record_tier=r.tier, record_quote=r.quote, record_publisher=r.publisher or r.source)
        rows.append(row)
    frame = pd.DataFrame(rows, columns=columns)
    frame["value"] = frame["value"].astype(float)
    frame["record_value"] = frame["record_value"].astype(float)
    return frame


def internal_inconsistencies(obs: pd.DataFrame, source: str | None) -> pd.DataFrame:
    """Where one source contradicts itself: the same figure for different periods, or two figures for one period
    that cannot both be true."""
    if not source:
        return pd.DataFrame(columns=["indicator", "name_en", "kind_of_issue", "periods", "values", "quotes", "shown"])
    by_indicator = defaultdict(list)  # the source's figures per indicator, in the table's order
    for r in figures(obs[obs["source"] == source]).itertuples(index=False):
        by_indicator[r.indicator].append(r)

    def issue(kind: str, rows_: list) -> dict:
        return dict(indicator=rows_[0].indicator, name_en=rows_[0].name_en, kind_of_issue=kind, periods=[r.period for r in rows_],
                    values=[r.value for r in rows_], quotes=[r.quote for r in rows_], shown=[format_value(r.value, r.decimals, r.bound) for r in rows_])

    rows = []
    for group in by_indicator.values():
        for same_value in grouped(group, "value"):
            if len({r.period for r in same_value}) > 1:
                rows.append(issue("same figure, different periods", same_value))
        for same_period in grouped(group, "period"):
            if any(compare(a.value, a.bound, b.value, b.bound) == "conflict" for i, a in enumerate(same_period) for b in same_period[i + 1:]):
                rows.append(issue("conflicting figures, same period", same_period))  # ">8000" and ">8200" can both be true; 15 and 12 cannot
    return pd.DataFrame(rows, columns=["indicator", "name_en", "kind_of_issue", "periods", "values", "quotes", "shown"])


def grouped(rows: list, field: str) -> list[list]:
    """Rows (named tuples) grouped by one field, groups and rows in first-seen order (as pandas' groupby(sort=False))."""
    groups = defaultdict(list)
    for r in rows:
        groups[getattr(r, field)].append(r)
    return list(groups.values())


def evidence(obs: pd.DataFrame) -> dict:
    """How well a set of observations is backed: counts by tier and kind, series and gaps."""
    numbers = figures(obs)
    periods = numbers.groupby("indicator")["period"].nunique()
    return {
        "figures": int(len(numbers)),
        "indicators": int(obs["indicator"].nunique()),
        "series": int((periods >= 3).sum()),
        "gaps": int(obs["is_gap"].sum()),
        "sources": int(numbers["source"].nunique()),
        **{f"tier_{t}": int((numbers["tier"] == t).sum()) for t in ("A", "B", "C")},
        **{k: int((numbers["kind"] == k).sum()) for k in ("actual", "estimate", "target")},
    }


def evidence_by_zone(obs: pd.DataFrame, zones: pd.DataFrame) -> pd.DataFrame:
    """The evidence counts for every zone, in the zones' order."""
    rows = [{"zone": z.zone, "name_en": z.name_en, "name_zh": z.name_zh, **evidence(obs[obs["zone"] == z.zone])}
            for z in zones.itertuples(index=False)]
    return pd.DataFrame(rows)


def key_figures(obs: pd.DataFrame) -> pd.DataFrame:
    """Per indicator, every source's figure for the latest period that has an actual or estimate (else the target)."""
    numbers = figures(obs)
    by = numbers["indicator"]
    not_target = numbers["kind"] != "target"
    pool = numbers[not_target | ~not_target.groupby(by).transform("any")]  # targets only where there is nothing else
    latest = pool[pool["period_end"] == pool.groupby("indicator")["period_end"].transform("max")]
    latest = latest[latest["period_start"] == latest.groupby("indicator")["period_start"].transform("max")]
    order = {indicator: i for i, indicator in enumerate(by.unique())}  # indicators in first-seen order, tier A first within each
    ranked = latest.assign(_order=latest["indicator"].map(order), _tier=latest["tier"].map(TIER_RANK))
    return ranked.sort_values(["_order", "_tier"], kind="stable").drop(columns=["_order", "_tier"]).reset_index(drop=True)


def targets_against_actuals(obs: pd.DataFrame) -> pd.DataFrame:
    """Each target with the latest actual of the same indicator, the gap and the growth needed to close it."""
    numbers = figures(obs)
    rows = []
    for t in numbers[numbers["kind"] == "target"].itertuples(index=False):
        actual = numbers[(numbers["indicator"] == t.indicator) & (numbers["kind"] == "actual") & (numbers["period_end"] <= t.period_start)]
        actual = actual[~actual["is_span"]]
        row = {"indicator": t.indicator, "name_en": t.name_en, "name_zh": t.name_zh, "unit": t.unit, "decimals": t.decimals,
               "target_period": t.period, "target": t.value, "target_bound": t.bound, "target_source": t.source,
               "actual_period": "", "actual": np.nan, "actual_bound": "", "gap": np.nan, "required_growth_pct": np.nan}
        if len(actual):
            a = actual.sort_values(["period_end", "tier"], ascending=[False, True], kind="stable").iloc[0]
            years = t.period_end - a.period_end
            row.update(actual_period=a.period, actual=a.value, actual_bound=a.bound, gap=t.value - a.value)
            if t.unit != "%" and years > 0:
                row["required_growth_pct"] = required_growth(a.value, t.value, years)
        rows.append(row)
    return pd.DataFrame(rows)
