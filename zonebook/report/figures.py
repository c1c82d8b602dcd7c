"""The book's charts as `model.Chart` specs, from the observations: which figures a chart draws, as which series
(colour: kind), at which frequency, from which sources. `report.charts` draws a spec; `model.csv_of` writes its
download. Nothing here draws."""

from __future__ import annotations

import pandas as pd

from zonebook.analysis import metrics
from zonebook.report.model import Chart, Point, Series

KINDS = ("actual", "estimate", "target")
FREQUENCY_WORD = {"year": "years", "quarter": "quarters"}


def frequency(period: str) -> str:
    """year, quarter, or span-N for a span of N years (2021-2025: span-5)."""
    kind = metrics.period_type(period)
    if kind != "span":
        return kind
    start, end = period.split("-")
    return f"span-{int(end) - int(start) + 1}"


def frequency_words(freq: str) -> str:
    return FREQUENCY_WORD[freq] if freq in FREQUENCY_WORD else f"{freq.split('-')[1]}-year spans"


def point(r) -> Point:
    return Point(
        period=r.period,
        start=float(r.period_start),
        end=float(r.period_end),
        value=float(r.value),
        bound=r.bound,
        decimals=int(r.decimals),
        tier=r.tier,
        source=r.source,
        publisher=r.publisher or r.source,
        quote=r.quote,
        line=int(r.line),
    )


def sources_line(obs: pd.DataFrame) -> str:
    publishers = obs.drop_duplicates("source").sort_values("tier", kind="stable")
    parts = [f"{p.publisher or p.source} ({p.tier})" for p in publishers.itertuples(index=False)]
    text = "Source: " + "; ".join(parts)
    if len(text) > 190:  # at most two lines under the chart; the caption and the CSV list every source
        text = "Source: " + "; ".join(parts[:2]) + f"; and {len(parts) - 2} more sources (listed in the caption)"
    return text


def series_spec(obs: pd.DataFrame, left_out: pd.DataFrame | None = None, name: str = "") -> Chart:
    """One indicator over time: a series per kind, each point with its source; actuals joined by a line where they
    are of one frequency (the line never crosses a gap of more than one period: the renderer's rule)."""
    obs = obs[~obs["is_gap"]].sort_values(["period_start", "period_end", "tier"], kind="stable")
    first = obs.iloc[0]
    freqs = obs["period"].map(frequency)
    series = []
    for kind in KINDS:
        for freq in dict.fromkeys(freqs[obs["kind"] == kind]):
            part = obs[(obs["kind"] == kind) & (freqs == freq)]
            series.append(
                Series(
                    label=kind if freqs.nunique() == 1 else f"{kind} ({frequency_words(freq)})",
                    kind=kind,
                    frequency=freq,
                    points=tuple(point(r) for r in part.itertuples(index=False)),
                    joined=kind == "actual" and not freq.startswith("span"),
                )
            )
    left = () if left_out is None else tuple(point(r) for r in left_out[~left_out["is_gap"]].itertuples(index=False))
    kinds = ", ".join(k for k in KINDS if k in set(obs["kind"]))
    cited = [
        f"{s.publisher or s.source} (tier {s.tier})" for s in obs.drop_duplicates("source").itertuples(index=False)
    ]
    more = f" and {len(cited) - 3} more" if len(cited) > 3 else ""
    span = f"{obs['period'].iloc[0]}–{obs['period'].iloc[-1]}"
    caption = (
        f"{first.name_en} ({first.name_zh}), {first.unit}, {span}: {kinds}. "
        f"{'Source' if len(cited) == 1 else 'Sources'}: {'; '.join(cited[:3])}{more}; every figure's source and words "
        "are in the CSV."
    )
    if left:
        caption += " Not drawn here, being of another frequency: " + "; ".join(
            f"{p.period} ({p.shown}{'' if first.unit == '%' else ' '}{first.unit})" for p in left
        )
        caption += "."
    return Chart(
        name=name or f"{first.indicator}-{frequency(first.period)}",
        title=f"{first.name_en} · {first.name_zh} ({first.unit})",
        unit=first.unit,
        series=tuple(series),
        caption=caption,
        alt=f"Chart of {first.name_en} over time",
        source=sources_line(obs),
        left_out=left,
    )


def series_charts(obs: pd.DataFrame, min_periods: int = 2) -> list[Chart]:
    """A chart for every indicator and frequency with figures for `min_periods` or more periods: years, quarters and
    spans of different lengths never share an axis (a five-year decline is not a one-year one)."""
    out = []
    numbers = metrics.figures(obs)
    for indicator, group in numbers.groupby("indicator", sort=False):
        freqs = group["period"].map(frequency)
        for freq in dict.fromkeys(freqs):
            part = group[freqs == freq]
            if part["period"].nunique() >= min_periods:
                out.append(series_spec(part, group[freqs != freq], name=f"{indicator}-{freq}"))
    return out
