"""What each indicator measures, and which comparisons that allows: the analysis' one rulebook.

indicators.csv may carry `measure`, `price_basis`, `sum_of` and `comparable_from`; observations.csv may carry
`definition` and `release`. All are optional columns, so old data folders keep working: an indicator without
a declared measure is read as "unspecified", which allows no growth, no trend and no progress comparison (only
checks of a target against an actual of its own period, and the audit). Change the Methods page with this file.
"""

from __future__ import annotations

import re

import pandas as pd

MEASURES = {
    "level": "a stock or level at a point in time (population, firms at year-end, a length)",
    "flow": "an amount over the period (GDP, revenue, new firms in the year, passengers)",
    "cumulative": "a running total since some start (firms certified so far)",
    "share": "a part of a whole or a ratio, in per cent (a share of GDP, a coverage rate)",
    "growth": "a growth rate (year on year, or the average over a span)",
    "change": "a change of a share or rate, in percentage points",
    "rank": "a position in a ranking (1 = first)",
}
UNSPECIFIED = ""  # no measure column: the safe default, which allows no growth and no progress comparison
PRICE_BASES = ("nominal", "real")
RELEASES = ("first", "revised")  # an official first release, and its later restatement by an official series

GROWS = {"level", "flow"}  # growth and CAGR have a meaning only for these
SUMS = {"level", "flow", "cumulative"}  # the target is an amount: progress and growth needed can be stated
POINTS = {"share"}  # compared in percentage points, never as growth
MONEY = re.compile(r"元|美元")  # a unit of money: its level or flow needs a price basis

PRICE_LABEL = {"nominal": "nominal, at current prices", "real": "real, at comparable prices", "": ""}

INDICATOR_COLUMNS = {"measure": UNSPECIFIED, "price_basis": "", "sum_of": "", "comparable_from": ""}
OBSERVATION_COLUMNS = {"definition": "", "release": ""}


def with_defaults(frame: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """The optional columns filled in where a data folder predates them."""
    return frame.assign(**{c: frame.get(c, default) for c, default in columns.items()})


def allows_growth(measure: str) -> bool:
    return measure in GROWS


def problems(
    indicators: pd.DataFrame | None, observations: pd.DataFrame | None, files: dict[str, str]
) -> list[tuple[str, int, str, str]]:
    """Every problem with the measure columns, as (file, line, column, message); the frames are indexed by line."""
    found = []
    if indicators is not None:
        name, ids = files["indicators.csv"], set(indicators["indicator"])
        if "measure" in indicators:
            for line, value in indicators["measure"].items():
                if value not in MEASURES:
                    shown = (
                        f"'{value}' is not a known measure"
                        if value
                        else "is empty; a measure is required once the column is there"
                    )
                    found.append((name, int(line), "measure", f"{shown}; expected one of: {', '.join(MEASURES)}"))
        for line, row in indicators.iterrows():
            basis = row.get("price_basis", "")
            if basis and basis not in PRICE_BASES:
                found.append(
                    (
                        name,
                        int(line),
                        "price_basis",
                        f"'{basis}' is not a price basis; expected nominal, real, or empty",
                    )
                )
            if "price_basis" in indicators and not basis and row.get("measure") in GROWS and MONEY.search(row["unit"]):
                found.append(
                    (
                        name,
                        int(line),
                        "price_basis",
                        f"is empty; an amount of money (unit {row['unit']}) needs nominal or real",
                    )
                )
            total = row.get("sum_of", "")
            if total and total not in ids:
                found.append(
                    (
                        name,
                        int(line),
                        "sum_of",
                        f"'{total}' is not an indicator of indicators.csv; expected the flow this indicator adds up",
                    )
                )
            elif total and row.get("measure") != "cumulative":
                found.append(
                    (
                        name,
                        int(line),
                        "sum_of",
                        "is set, but the measure is not cumulative; only a running total adds up a flow",
                    )
                )
            since = row.get("comparable_from", "")
            if since and not re.fullmatch(r"[0-9]{4}", since):
                found.append(
                    (
                        name,
                        int(line),
                        "comparable_from",
                        f"'{since}' is not a year; expected the first year of a comparable series, e.g. 1996",
                    )
                )
    if observations is not None and "release" in observations:
        name = files["observations.csv"]
        for line, value in observations["release"].items():
            if value and value not in RELEASES:
                found.append(
                    (name, int(line), "release", f"'{value}' is not a release; expected first, revised, or empty")
                )
    return found
