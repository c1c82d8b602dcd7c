"""Computed readings: small pure functions over the tidy observations table.

Every measure here is defined in the book's "Data and methods" chapter; change both together. Which
comparison a measure allows is decided in `measures`; the sentences are built in `readings`.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict

import numpy as np
import pandas as pd

from zonebook import frames, measures
from zonebook.data import format_value

TIER_RANK = {"A": 0, "B": 1, "C": 2}
KIND_RANK = {"actual": 0, "estimate": 1, "target": 2}
RELEASE_RANK = {"revised": 0, "": 1, "first": 2}  # an official series' restatement before its first release
APPROX_TOLERANCE = 0.03  # "约/左右" read as within ±3 %
EXACT_TOLERANCE = 0.001  # two "exact" figures agree within ±0.1 %: rounding (7809 vs 7809.64), not revisions
PROGRESS_MAX_AGE = 3  # years: an actual older than this, before the target was set, says nothing about progress


def figures(obs: pd.DataFrame) -> pd.DataFrame:
    """Observations that carry a number (gaps removed)."""
    return obs[~obs["is_gap"]]


def best_per_period(obs: pd.DataFrame) -> pd.DataFrame:
    """One figure per indicator, definition, period and kind.

    The most authoritative first (a revision before a first release, then tier A before B before C, exact before
    bounded, the later publication, the more precise), then refined: an exact figure that lies inside the chosen one's interval and is more
    precise replaces it (7809.64 refines an official "约7800" for the same year and definition).
    """
    ranked = figures(obs).assign(
        _release=lambda d: d["release"].map(RELEASE_RANK).fillna(1),
        _tier=lambda d: d["tier"].map(TIER_RANK),
        _kind=lambda d: d["kind"].map(KIND_RANK),
        _exact=lambda d: (d["bound"] != "eq").astype(int),
        _coarse=lambda d: -d["value"].map(significant_digits),
    )
    ranked = ranked.assign(
        _published=ranked["published"].fillna("").astype(str)
    )  # the later vintage of equal standing first
    ranked = ranked.sort_values(
        [
            "indicator",
            "definition",
            "period_start",
            "period_end",
            "_kind",
            "_release",
            "_tier",
            "_exact",
            "_published",
            "_coarse",
        ],
        ascending=[True] * 8 + [False, True],
        kind="stable",
    )
    key = ranked["indicator"] + "\x1f" + ranked["definition"] + "\x1f" + ranked["period"] + "\x1f" + ranked["kind"]
    groups: dict[str, list[int]] = {}  # positions in authority order, groups in order of first appearance
    for position, k in enumerate(key):
        groups.setdefault(k, []).append(position)
    rows = list(zip(ranked["value"], ranked["bound"], ranked["release"], strict=True))
    chosen = [positions[0] if len(positions) == 1 else refined(positions, rows) for positions in groups.values()]
    return ranked.iloc[chosen].drop(columns=["_release", "_tier", "_kind", "_exact", "_published", "_coarse"])


def refined(positions: list[int], rows: list[tuple]) -> int:
    """The position of a group's best figure (`positions` in order of authority; `rows` their value, bound and
    release), refined by more precise exact figures. Plain tuples, not pandas rows: this runs for every group."""
    best = positions[0]
    while True:
        value, bound, _ = rows[best]
        lo, hi = interval(value, bound)
        finer = [
            p
            for p in positions
            if rows[p][1] == "eq"
            and rows[p][2] != "first"
            and lo <= rows[p][0] <= hi
            and (bound != "eq" or significant_digits(rows[p][0]) > significant_digits(value))
        ]
        if not finer:
            return best
        best = finer[0]


def significant_digits(value: float) -> int:
    """How precisely a figure is written: 155000 (15.5万) has 3 significant digits, 155132 has 6, 7809.64 has 6."""
    text = f"{abs(value):.6f}".rstrip("0").rstrip(".")
    digits = text.replace(".", "").lstrip("0")
    return len(digits if "." in text else digits.rstrip("0")) or 1


def decimal_places(value: float) -> int:
    text = f"{value:.6f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0


def annual_actuals(obs: pd.DataFrame, indicator: str, column: str = "value", definition: str = "") -> pd.Series:
    """An indicator's full-year actual values by year (best source per year) for one definition; `column="bound"`
    gives their bounds, `column="line"` the observation rows they come from."""
    rows = obs[(obs["indicator"] == indicator) & (obs["definition"] == definition)]
    return yearly(best_per_period(rows), column).rename(indicator)


def yearly(best: pd.DataFrame, column: str = "value") -> pd.Series:
    """Full-year actuals by year, from one indicator's figures already reduced by `best_per_period`."""
    return yearly_columns(best, column)[0]


def yearly_columns(best: pd.DataFrame, *columns: str) -> tuple[pd.Series, ...]:
    """`yearly(best, column)` for each column, the full-year rows found once."""
    rows = best[(best["kind"] == "actual") & (best["period"].str.fullmatch(r"\d{4}"))]
    years = rows["period"].astype(int).to_numpy()
    return tuple(pd.Series(rows[c].to_numpy(), index=years).sort_index() for c in columns)


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


VERDICT_ORDER = [
    "conflict",
    "bounded",
    "revised",
    "partly",
    "weak",
    "corroborated",
    "unverified",
    "missing",
    "no-figure",
]  # for display
VERDICT_LABEL = {
    "corroborated": "Corroborated",
    "weak": "Weak support only",
    "partly": "Compatible, not confirmed",
    "revised": "Revised since",
    "conflict": "In conflict",
    "bounded": "At odds with a related figure",
    "unverified": "Unverified",
    "missing": "Number missing",
    "no-figure": "No figure announced",
}
CLAIMS = [v for v in VERDICT_ORDER if v not in ("missing", "no-figure")]  # verdicts of claims that carry a number
# A gap is a figure the sentence announces (…率达、, …超过。, 累计…, 其中…) with the number absent; a clause that only
# states an action or a change (新建卫生户厕, 产量均增长) announces no figure.
ANNOUNCING = re.compile(r"(?:达到?|为|实现|超过?|突破|约|近|共)(?=[、,，。;；：:]|$)|累计|其中|总数|合计|总计")


CHANGE_ONLY = re.compile(
    r"(?:增长|提高|下降|减少|提升|上升|下降了|增加)[。;；]?$"
)  # "…产量均增长": a direction, whatever precedes it


def announces_figure(quote: str) -> bool:
    return bool(ANNOUNCING.search(quote)) and not CHANGE_ONLY.search(quote)


def strong(record) -> bool:
    """A record that can corroborate: an official or mainstream source (tier A or B) with a date."""
    return record.tier in ("A", "B") and bool(record.published)


def revises(later, earlier) -> bool:
    """Whether `later` restates `earlier` (same indicator and period): marked so in the data (release first →
    revised), or the same publisher publishing again later."""
    if earlier.release == "first" and later.release == "revised":
        return True
    return (
        bool(later.publisher) and later.publisher == earlier.publisher and str(later.published) > str(earlier.published)
    )


AUDIT_COLUMNS = [
    "line",
    "indicator",
    "name_en",
    "name_zh",
    "zone",
    "unit",
    "decimals",
    "measure",
    "period",
    "kind",
    "bound",
    "value",
    "quote",
    "verdict",
    "record_line",
    "record_value",
    "record_bound",
    "record_kind",
    "record_source",
    "record_tier",
    "record_quote",
    "record_publisher",
    "record_published",
    "record_period",
    "record_indicator",
    "record_name_en",
    "record_name_zh",
    "record_unit",
    "also_line",
    "also_value",
    "also_bound",
    "also_publisher",
    "also_tier",
    "also_published",
]


def audit(obs: pd.DataFrame, claims_source: str | None) -> pd.DataFrame:
    """Each figure of the claims source checked against every other source for the same indicator, definition and period.

    conflict: a figure of the record cannot be true together with the claim (and is not a revision of a figure that
    confirms it); revised: the claim is the first release of a figure the record has since restated; corroborated: a
    strong record (tier A or B, dated) asserts at least what the claim asserts; weak: only undated or tier-C records
    do; partly: the record is compatible but asserts less; bounded: a cumulative claim below a single period of the
    flow it adds up; unverified: nothing in the record for it; missing / no-figure: gaps (see `announces_figure`).
    The record row shown is the one that decided; `also_*` a second one worth naming (the first release a revision
    restates, or the compatible official figure beside a weak corroboration).
    """
    if not claims_source:
        return pd.DataFrame(columns=AUDIT_COLUMNS)
    claims = obs[obs["source"] == claims_source]
    record = defaultdict(list)  # every other source's figures by (indicator, definition, period), in the table's order
    for r in frames.rows(figures(obs[obs["source"] != claims_source])):
        record[(r.indicator, r.definition, r.period)].append(r)
    flows = annual_flows(figures(obs[obs["source"] != claims_source]))
    sum_of = dict(zip(obs["indicator"], obs["sum_of"]))
    rows = []
    for claim in frames.rows(claims):
        row = {c: getattr(claim, c) for c in AUDIT_COLUMNS[:13]}
        row.update({c: "" for c in AUDIT_COLUMNS[13:]})
        row.update(record_value=np.nan, also_value=np.nan, verdict="unverified")
        if claim.is_gap:
            row["verdict"] = "missing" if announces_figure(claim.quote) else "no-figure"
            rows.append(row)
            continue
        verdict, decided, also = judge_claim(claim, record.get((claim.indicator, claim.definition, claim.period), []))
        if verdict == "unverified" and sum_of.get(claim.indicator):
            decided = exceeding_part(claim, flows.get(sum_of[claim.indicator], []))
            verdict = "bounded" if decided is not None else "unverified"
        row["verdict"] = verdict
        for prefix, r in (("record", decided), ("also", also)):
            if r is not None:
                row.update(
                    {
                        f"{prefix}_line": r.line,
                        f"{prefix}_value": r.value,
                        f"{prefix}_bound": r.bound,
                        f"{prefix}_publisher": r.publisher or r.source,
                        f"{prefix}_tier": r.tier,
                        f"{prefix}_published": r.published or "",
                    }
                )
                if prefix == "record":
                    row.update(
                        record_kind=r.kind,
                        record_source=r.source,
                        record_quote=r.quote,
                        record_period=r.period,
                        record_indicator=r.indicator,
                        record_name_en=r.name_en,
                        record_name_zh=r.name_zh,
                        record_unit=r.unit,
                    )
        rows.append(row)
    frame = pd.DataFrame(rows, columns=AUDIT_COLUMNS)
    for c in ("value", "record_value", "also_value"):
        frame[c] = frame[c].astype(float)
    return frame


def judge_claim(claim, records: list) -> tuple[str, object, object]:
    """The verdict on one claim against the record's figures for its indicator, definition and period."""
    by = defaultdict(list)
    for r in records:
        by[compare(claim.value, claim.bound, r.value, r.bound)].append(r)
    authority = lambda r: (TIER_RANK[r.tier], not r.published)  # noqa: E731
    confirming = by["corroborated"]
    revisions = [
        r
        for r in by["conflict"]
        if claim.release == "first" and r.release == "revised" or any(revises(r, c) for c in confirming)
    ]
    conflicts = [r for r in by["conflict"] if r not in revisions]
    if conflicts:
        return "conflict", min(conflicts, key=authority), None
    if revisions:
        later = min(revisions, key=authority)
        return "revised", later, next((c for c in confirming if revises(later, c)), None)
    if confirming:
        good = [r for r in confirming if strong(r)]
        if good:
            return "corroborated", min(good, key=authority), None
        return "weak", min(confirming, key=authority), min(by["partly"], key=authority) if by["partly"] else None
    if by["partly"]:
        return "partly", min(by["partly"], key=authority), None
    return "unverified", None, None


def annual_flows(numbers: pd.DataFrame) -> dict[str, list]:
    """Every annual actual by indicator, for the related-bound check."""
    out = defaultdict(list)
    for r in frames.rows(numbers[(numbers["kind"] == "actual") & numbers["period"].str.fullmatch(r"\d{4}")]):
        out[r.indicator].append(r)
    return out


def exceeding_part(claim, parts: list):
    """A single year of the flow a cumulative claim adds up that alone exceeds the claim (the largest), if any:
    a running total is at least each of its years."""
    _, claim_hi = interval(claim.value, claim.bound)
    over = [r for r in parts if r.period_end <= claim.period_end and interval(r.value, r.bound)[0] > claim_hi]
    return max(over, key=lambda r: r.value) if over else None


INCONSISTENCY_COLUMNS = [
    "indicator",
    "name_en",
    "name_zh",
    "zone",
    "unit",
    "kind_of_issue",
    "periods",
    "values",
    "quotes",
    "shown",
    "lines",
]


def internal_inconsistencies(obs: pd.DataFrame, source: str | None) -> pd.DataFrame:
    """Where one source contradicts itself, within one indicator and definition: the same figure for different
    periods, or two figures for one period that cannot both be true."""
    if not source:
        return pd.DataFrame(columns=INCONSISTENCY_COLUMNS)
    by_indicator = defaultdict(list)  # the source's figures per indicator and definition, in the table's order
    for r in frames.rows(figures(obs[obs["source"] == source])):
        by_indicator[(r.indicator, r.definition)].append(r)

    def issue(kind: str, rows_: list) -> dict:
        first = rows_[0]
        return dict(
            indicator=first.indicator,
            name_en=first.name_en,
            name_zh=first.name_zh,
            zone=first.zone,
            unit=first.unit,
            kind_of_issue=kind,
            periods=[r.period for r in rows_],
            values=[r.value for r in rows_],
            quotes=[r.quote for r in rows_],
            shown=[format_value(r.value, r.decimals, r.bound) for r in rows_],
            lines=[r.line for r in rows_],
        )

    rows = []
    for group in by_indicator.values():
        for same_value in grouped(group, "value"):
            if len({r.period for r in same_value}) > 1:
                rows.append(issue("same figure, different periods", same_value))
        for same_period in grouped(group, "period"):
            if any(
                compare(a.value, a.bound, b.value, b.bound) == "conflict"
                for i, a in enumerate(same_period)
                for b in same_period[i + 1 :]
            ):
                rows.append(
                    issue("conflicting figures, same period", same_period)
                )  # ">8000" and ">8200" can both be true; 15 and 12 cannot
    return pd.DataFrame(rows, columns=INCONSISTENCY_COLUMNS)


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
    rows = [
        {"zone": z.zone, "name_en": z.name_en, "name_zh": z.name_zh, **evidence(obs[obs["zone"] == z.zone])}
        for z in frames.rows(zones)
    ]
    return pd.DataFrame(rows)


def key_figures(obs: pd.DataFrame) -> pd.DataFrame:
    """Per indicator, every source's figure for the latest period that has an actual or estimate (else the target)."""
    numbers = figures(obs)
    by = numbers["indicator"]
    not_target = numbers["kind"] != "target"
    pool = numbers[not_target | ~not_target.groupby(by).transform("any")]  # targets only where there is nothing else
    latest = pool[pool["period_end"] == pool.groupby("indicator")["period_end"].transform("max")]
    latest = latest[latest["period_start"] == latest.groupby("indicator")["period_start"].transform("max")]
    order = {
        indicator: i for i, indicator in enumerate(by.unique())
    }  # indicators in first-seen order, tier A first within each
    ranked = latest.assign(_order=latest["indicator"].map(order), _tier=latest["tier"].map(TIER_RANK))
    return (
        ranked.sort_values(["_order", "_tier"], kind="stable").drop(columns=["_order", "_tier"]).reset_index(drop=True)
    )


def judge_target(target_value: float, target_bound: str, actual_value: float, actual_bound: str) -> str:
    """How an outcome stands against a target or estimate for the same period, by the bounds' logic.

    "at least / more than" targets are met or missed; "at most / less than" likewise; a plain or approximate figure
    (a plan of 130 compounds, growth of about 5.5 %) is above, below, or as planned. "undetermined" when the outcome's
    interval allows both (a ">8000" outcome cannot show a "≥8200" target met).
    """
    point = lambda v, b: (v, v) if b == "eq" else interval(v, b)  # noqa: E731  an outcome and a plan are read as stated, not ±0.1 %
    a_lo, a_hi = point(actual_value, actual_bound)
    t = target_value
    if target_bound in ("ge", "gt"):
        if a_lo > t or (a_lo == t and (target_bound == "ge" and actual_bound in ("eq", "ge") or actual_bound == "gt")):
            return "met"
        if (
            a_hi < t
            or (a_hi == t and target_bound == "gt" and actual_bound in ("eq", "le", "lt"))
            or (a_hi == t and actual_bound == "lt")
        ):
            return "missed"
        return "undetermined"
    if target_bound in ("le", "lt"):
        if a_hi < t or (a_hi == t and (target_bound == "le" and actual_bound in ("eq", "le") or actual_bound == "lt")):
            return "met"
        if (
            a_lo > t
            or (a_lo == t and target_bound == "lt" and actual_bound in ("eq", "ge", "gt"))
            or (a_lo == t and actual_bound == "gt")
        ):
            return "missed"
        return "undetermined"
    t_lo, t_hi = point(t, target_bound)
    if a_lo > t_hi:
        return "above"
    if a_hi < t_lo:
        return "below"
    if t_lo <= a_lo and a_hi <= t_hi:
        return "as planned"
    return "undetermined"


def target_checks(obs: pd.DataFrame) -> pd.DataFrame:
    """Every target (and estimate) beside the actual it can be checked against.

    outcome: an actual of the target's own period (same indicator and definition) exists, and `verdict` is
    `judge_target`'s. Otherwise, for targets only, the latest earlier actual of the same indicator and definition:
    `verdict` none (no actual at all), too-old (more than PROGRESS_MAX_AGE years before the target was set),
    short / beyond / undetermined (for amounts and shares) or context (growth rates, ranks and undeclared measures,
    where an earlier period's figure is no progress towards a later one).
    """
    numbers = figures(obs)
    actuals = best_per_period(numbers[numbers["kind"] == "actual"])
    now = max((year_of(d) for d in obs["published"]), default=0.0)
    rows = []
    for t in frames.rows(numbers[numbers["kind"].isin(["target", "estimate"])]):
        same = actuals[(actuals["indicator"] == t.indicator) & (actuals["definition"] == t.definition)]
        own = same[same["period"] == t.period]
        row = {
            "line": t.line,
            "indicator": t.indicator,
            "name_en": t.name_en,
            "name_zh": t.name_zh,
            "zone": t.zone,
            "unit": t.unit,
            "decimals": t.decimals,
            "measure": t.measure,
            "price_basis": t.price_basis,
            "kind": t.kind,
            "period": t.period,
            "value": t.value,
            "bound": t.bound,
            "source": t.source,
            "publisher": t.publisher or t.source,
            "check": "",
            "verdict": "",
            "actual_line": "",
            "actual_period": "",
            "actual": np.nan,
            "actual_bound": "",
            "difference": np.nan,
            "required_growth_pct": np.nan,
            "years": np.nan,
            "age": np.nan,
        }
        if len(own):
            a = own.iloc[0]
            row.update(
                check="outcome",
                verdict=judge_target(t.value, t.bound, a.value, a.bound),
                actual_line=a.line,
                actual_period=a.period,
                actual=a.value,
                actual_bound=a.bound,
                difference=a.value - t.value,
            )
        elif t.kind == "target":
            row["check"] = "progress"
            kind_of_period = same["period"].map(period_type) == period_type(t.period)
            earlier = same[kind_of_period & (same["period_end"] <= t.period_start)]
            if earlier.empty:
                row["verdict"] = "none"
            else:
                a = earlier.sort_values(["period_end", "period_start"], kind="stable").iloc[-1]
                set_in = (
                    year_of(t.published) or now or t.period_start
                )  # when the target was set: its source's date, else the data's latest
                row.update(
                    actual_line=a.line,
                    actual_period=a.period,
                    actual=a.value,
                    actual_bound=a.bound,
                    age=set_in - a.period_end + 1,
                )
                row["verdict"] = progress(t, a, row["age"])
                if row["verdict"] in ("short", "beyond", "undetermined"):
                    row["difference"] = t.value - a.value
                if (
                    row["verdict"] in ("short", "undetermined")
                    and t.measure in measures.SUMS
                    and t.bound not in ("le", "lt")
                ):
                    row["years"] = t.period_end - a.period_end
                    row["required_growth_pct"] = required_growth(a.value, t.value, row["years"])
        else:
            continue  # an estimate without an outcome is not a target: nothing to check
        rows.append(row)
    return pd.DataFrame(rows)


def progress(t, a, age: float) -> str:
    """Where an earlier actual stands against a later target, if the measure lets it say anything: short of the
    target's level, already beyond it, or undetermined (its bound allows both)."""
    if age > PROGRESS_MAX_AGE:
        return "too-old"
    if t.measure not in measures.SUMS | measures.POINTS:
        return "context"
    reading = judge_target(t.value, t.bound if t.bound in ("ge", "gt", "le", "lt") else "ge", a.value, a.bound)
    return {"met": "beyond", "missed": "short", "undetermined": "undetermined"}[reading]


def period_type(period: str) -> str:
    return "quarter" if "Q" in period else "span" if "-" in period else "year"


def year_of(date) -> float:
    """The year of a YYYY[-MM[-DD]] date as a float, 0 if undated."""
    return float(str(date)[:4]) if str(date)[:4].isdigit() else 0.0


def implied_deflators(
    nominal: pd.Series, nominal_bounds: pd.Series, real: pd.Series, real_bounds: pd.Series
) -> pd.Series:
    """Price change (per cent) implied for each year with an exact nominal level for it and the year before and a real
    growth rate: (nominal ratio ÷ (1 + real growth)) − 1, the implicit deflator."""
    out = {}
    for year in real.index:
        if (
            year in nominal.index
            and year - 1 in nominal.index
            and nominal_bounds[year] == nominal_bounds[year - 1] == "eq"
            and real_bounds[year] in ("eq", "approx")
        ):
            out[int(year)] = (nominal[year] / nominal[year - 1] / (1 + real[year] / 100) - 1) * 100
    return pd.Series(out, dtype=float)


def mean_rate(rates: pd.Series) -> float:
    """The geometric mean of annual rates in per cent."""
    return (float(np.prod(1 + rates.to_numpy() / 100)) ** (1 / len(rates)) - 1) * 100 if len(rates) else float("nan")
