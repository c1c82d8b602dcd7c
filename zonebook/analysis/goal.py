"""The path of nominal GDP towards a goal (the 万亿, one trillion yuan, city), with every assumption explicit.

The goal is a nominal level; growth targets and the growth series are real. So each path is a real growth
rate combined with a price assumption derived from the data (the implicit GDP deflator of the years that have
both nominal GDP and real growth), or a nominal trend. The base is the latest figure: when it is a lower bound
(2025 ">8000"), every year a path gives is the latest year it can reach the goal ("at the latest").
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from zonebook.analysis import metrics
from zonebook.data import CITY

WINDOW = 5  # years before the latest figure that the paths look back on (the recent trend, the slow case)


@dataclass(frozen=True)
class Path:
    name: str  # target | trend | slow
    real: float  # per cent a year, nan for a nominal trend
    prices: float  # per cent a year, nan for a nominal trend
    nominal: float  # per cent a year
    qualifier: str  # "at least " when the rate is a lower bound (a trend ending in ">8000"), else ""
    year: int | None  # the goal is reached in this year (at the latest when the base is a lower bound), None: never
    values: pd.Series
    lines: tuple[int, ...]  # the observation rows the rate rests on
    periods: tuple[str, ...]
    real_bound: str = "eq"  # the target's bound ("5.5%左右": approx)


@dataclass(frozen=True)
class GoalPath:
    indicator: str
    growth: str  # the real growth indicator the paths and the price assumption use
    name_en: str
    name_zh: str
    unit: str
    decimals: int
    goal: float
    goal_year: int | None  # the goal's own period (the target row), None if the data has no such target
    goal_line: int | None
    series: pd.Series  # nominal actuals by year (best figure), the window shown
    bounds: pd.Series
    lines: pd.Series  # observation row of each actual
    base_year: int
    base: float
    base_bound: str
    exact_year: int  # the latest exact figure, shown beside a bounded base
    exact: float
    deflators: pd.Series  # implied price change by year, per cent
    deflator_lines: dict[int, tuple[int, ...]]
    prices: float  # the assumption: the geometric mean of `deflators`
    needed_nominal: float  # growth a year that takes the base to the goal by the goal year
    needed_qualifier: str
    paths: list[Path] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    unprojected: list[tuple[str, str]] = field(default_factory=list)  # (path, why it is not drawn)


def edition_path(ds) -> GoalPath | None:
    """The path to the edition's own goal (book.yml `goal`: its indicator, growth indicator and level), from the
    city-wide figures; None when the edition names no goal. Every page, sentence and slide about the goal uses this."""
    goal = ds.edition.goal
    if goal is None:
        return None
    obs = ds.observations
    return goal_path(obs[obs["zone"] == CITY], goal.indicator, goal.growth or "", goal.value)


def goal_path(obs: pd.DataFrame, gdp: str, growth: str, goal: float) -> GoalPath | None:
    """Everything the overview needs to show and say about the goal; None without two annual GDP actuals."""
    rows = obs[obs["indicator"] == gdp]
    series, bounds, lines = (metrics.annual_actuals(obs, gdp, c) for c in ("value", "bound", "line"))
    exact = series[bounds == "eq"]
    if len(series) < 2 or exact.empty:
        return None
    first = rows.iloc[0]
    base_year, base, base_bound = int(series.index[-1]), float(series.iloc[-1]), str(bounds.iloc[-1])
    start = base_year - WINDOW
    target_rows = metrics.figures(rows[(rows["kind"] == "target") & (rows["value"] >= goal) & ~rows["is_span"]])
    goal_row = target_rows.sort_values("period_start").iloc[0] if len(target_rows) else None
    goal_year = int(goal_row.period) if goal_row is not None else None

    real, real_bounds, real_lines = (metrics.annual_actuals(obs, growth, c) for c in ("value", "bound", "line"))
    deflators = metrics.implied_deflators(series, bounds, real, real_bounds)
    deflators = deflators[deflators.index > start]
    deflator_lines = {y: (int(lines[y - 1]), int(lines[y]), int(real_lines[y])) for y in deflators.index}
    prices = metrics.mean_rate(deflators) if len(deflators) else 0.0  # no data on prices: stated as unchanged
    lower = base_bound in ("gt", "ge")

    def reach(nominal: float) -> int | None:
        return metrics.year_reaching(base_year, base, goal, nominal)

    paths = []
    targets = metrics.figures(obs[(obs["indicator"] == growth) & (obs["kind"] == "target") & ~obs["is_span"]])
    targets = targets[targets["period_start"] > base_year - 1]
    if len(targets):
        t = targets.sort_values("period_start").iloc[-1]
        nominal = ((1 + t.value / 100) * (1 + prices / 100) - 1) * 100
        paths.append(
            Path(
                "target",
                float(t.value),
                prices,
                nominal,
                "",
                reach(nominal),
                pd.Series(dtype=float),
                (int(t.line), *sorted({x for y in deflator_lines.values() for x in y})),
                (t.period,),
                t.bound,
            )
        )
    recent = exact[exact.index >= start]
    if len(recent) and recent.index[0] < base_year:
        y0 = int(recent.index[0])
        nominal = metrics.cagr(recent.iloc[0], base, base_year - y0)
        qualifier = metrics.rate_qualifier("eq", base_bound)
        paths.append(
            Path(
                "trend",
                math.nan,
                math.nan,
                nominal,
                qualifier,
                reach(nominal),
                pd.Series(dtype=float),
                (int(lines[y0]), int(lines[base_year])),
                (str(y0), str(base_year)),
            )
        )
    recent_real = real[
        real.index > start
    ]  # the growth of the years the window spans (2021-2025 for a 2020-2025 window)
    if len(recent_real) and len(deflators):
        slow_year, low_year = int(recent_real.idxmin()), int(deflators.idxmin())
        nominal = ((1 + recent_real.min() / 100) * (1 + deflators.min() / 100) - 1) * 100
        paths.append(
            Path(
                "slow",
                float(recent_real.min()),
                float(deflators.min()),
                nominal,
                "",
                reach(nominal),
                pd.Series(dtype=float),
                (int(real_lines[slow_year]), *deflator_lines[low_year]),
                (str(slow_year), str(low_year)),
            )
        )
    # a path that cannot be drawn (a base that is not positive, no rate, a goal centuries away) is said, not drawn
    unprojected = [(p.name, why) for p in paths if (why := metrics.unprojectable(base_year, base, goal, p.nominal))]
    paths = [p for p in paths if p.name not in dict(unprojected)]
    until = max([p.year for p in paths if p.year] + [goal_year or base_year + 1, base_year + 1]) + 1
    paths = [
        Path(
            p.name,
            p.real,
            p.prices,
            p.nominal,
            p.qualifier,
            p.year,
            metrics.path(base_year, base, p.nominal, until),
            p.lines,
            p.periods,
            p.real_bound,
        )
        for p in paths
    ]
    needed = metrics.cagr(base, goal, goal_year - base_year) if goal_year and goal_year > base_year else math.nan
    shown = series.index >= start
    best = metrics.best_per_period(rows)
    return GoalPath(
        gdp,
        growth,
        first.name_en,
        first.name_zh,
        first.unit,
        int(first.decimals),
        goal,
        goal_year,
        int(goal_row.line) if goal_row is not None else None,
        series[shown],
        bounds[shown],
        lines[shown],
        base_year,
        base,
        base_bound,
        int(exact.index[-1]),
        float(exact.iloc[-1]),
        deflators,
        deflator_lines,
        prices,
        needed,
        "at most " if lower else "",
        paths,
        sorted(set(best["publisher"])),
        unprojected,
    )


def real_equivalent(nominal: float, prices: float) -> float:
    """The real growth a nominal rate means at a given price change (per cent a year)."""
    return ((1 + nominal / 100) / (1 + prices / 100) - 1) * 100
