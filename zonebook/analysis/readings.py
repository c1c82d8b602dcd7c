"""Every computed sentence the book and the decks print, as data: one `Reading` per statement.

A reading names its zone, indicators, kind, verdict or value, the periods it compares and the observation rows
(lines of observations.csv) it rests on; its sentence is built from one template per kind and variant (TEMPLATES,
the only place the wording lives, so that another language is one more table) and the reading's values. The pages
and decks print `Reading.sentence` (or `.html`); the build publishes them all as data/readings.csv.
"""

from __future__ import annotations

import html
import math
import string
from dataclasses import dataclass, field

import pandas as pd

from zonebook import frames, measures
from zonebook.analysis import metrics
from zonebook.analysis.goal import GoalPath, edition_path, real_equivalent
from zonebook.analysis.shared import shared
from zonebook.data import CITY, format_value

KINDS = ("trend", "plan-vs-outcome", "target-check", "path", "audit-verdict", "inconsistency", "summary")
COLUMNS = ["zone", "kind", "indicators", "verdict", "value", "periods", "observation_lines", "sentence"]

TEMPLATES = {
    # trends: only levels and flows grow; shares move in percentage points; nothing else has a trend
    "trend": "{lead} went from {start} in {y0} to {end} in {y1}: {rate} a year on average ({how}){last}{caveat}.",
    "trend-last": "; {rate} in {y1} alone",
    "trend-one-year": "{lead} went from {start} in {y0} to {end} in {y1}, a change of {rate} ({how}){caveat}.",
    "trend-flat": "{lead} was {start} in {y0} and {end} in {y1}{caveat}.",
    "trend-points": "{lead} went from {start} in {y0} to {end} in {y1}: {change}.",
    "caveat-comparable": "; the figures before {since} ({dropped}) are left out, as the series is comparable only from {since}",
    # a target or estimate against the outcome of its own period
    "outcome-met": "{lead}: the {period} target was {target}; the outcome, {actual}, met it{margin}.",
    "outcome-missed": "{lead}: the {period} target was {target}; the outcome, {actual}, missed it{margin}.",
    "outcome-above": "{lead}: {planned} {target} for {period}; the outcome was {actual}, {margin} above {plan_word}.",
    "outcome-below": "{lead}: {planned} {target} for {period}; the outcome was {actual}, {margin} below {plan_word}.",
    "outcome-as-planned": "{lead}: {planned} {target} for {period}; the outcome was {actual}, as {planned}.",
    "outcome-undetermined": "{lead}: {planned} {target} for {period}; the outcome is known only as {actual}, "
    "which cannot show whether the {plan_noun} was borne out.",
    # a target against earlier actuals: progress so far, never a verdict
    "progress-none": "{lead}: a target of {target} for {period}; the data has no actual figure to measure it against.",
    "progress-too-old": "{lead}: a target of {target} for {period}; the latest actual in the data, {actual} in {year}, "
    "is too old to measure progress.",
    "progress-context": "{lead}: a target of {target} for {period}; the data has no actual for {period} "
    "(the latest, {actual}, is for {year}, and another period's rate says nothing about this one).",
    "progress-short": "{lead}: a target of {target} for {period}; progress so far, as of {year}: {actual}{needs}.",
    "progress-short-flow": "{lead}: a target of {target} for {period}; the data has no outcome for {period}, and the {year} result "
    "was {actual}{needs}.",
    "progress-short-points": "{lead}: a target of {target} for {period}; progress so far, as of {year}: {actual}, {gap} short of it.",
    "progress-beyond": "{lead}: a target of {target} for {period}; as of {year} the figure, {actual}, was already {side} that level "
    "(the data has no actual for {period}).",
    "progress-beyond-flow": "{lead}: a target of {target} for {period}; the data has no outcome for {period}, and the {year} result, "
    "{actual}, was already {side} that level.",
    "needs-growth": "; reaching it needs {rate} growth a year{how}",
    "needs-one-year": "; the target is {rate} more than that",
    # the goal path
    "path-reached": "{lead} was already {base} in {base_year}, above the goal of {goal}: no path to it is needed.",
    "path-needed": "To reach {goal} by {goal_year}, {lead} must grow {rate} a year in nominal terms from {base} in {base_year}; "
    "with prices changing {prices} a year, that is {real} a year in real terms.",
    "path-prices": "Price assumption: the GDP deflator implied by nominal GDP and real growth changed by {changes}; the paths assume "
    "{prices} a year{mean_word}.",
    "path-no-prices": "Price assumption: the data has no year with both nominal GDP and real growth, so prices are assumed unchanged.",
    "path-target": "At the {period} target of {real} real growth and prices changing {prices}, {nominal} a year in nominal terms, "
    "GDP would reach the goal {when}.",
    "path-trend": "At the nominal trend of {y0}–{y1}, {nominal} a year, GDP would reach the goal {when}.",
    "path-unprojected": "No {path} path is drawn: {reason}.",
    "path-slow": "In a slow case, the slowest real growth of the period ({real}, {real_year}) with the lowest price change "
    "({prices}, {price_year}), {nominal} a year in nominal terms, GDP would reach the goal {when}.",
    # the audit
    "audit-corroborated": "{lead}, {period}: the article's {claim} is corroborated by {publisher} [{about}], which gives {record}.",
    "audit-weak": "{lead}, {period}: the article's {claim} is supported only by {publisher} [{about}], which gives {record}{also}: "
    "weak support.",
    "audit-weak-also": "; {publisher} [{about}] gives {record}, compatible but less precise",
    "audit-partly": "{lead}, {period}: the article's {claim} is compatible with {publisher} [{about}], which gives {record} "
    "and so does not confirm it.",
    "audit-revised": "{lead}, {period}: the article's {claim} is the first release{also}; {publisher} [{about}] gives the revised figure, "
    "{record}.",
    "audit-revised-also": " (as {publisher} gave it)",
    "audit-conflict": "{lead}, {period}: the article's {claim} conflicts with {publisher} [{about}], which gives {record}.",
    "audit-bounded": "{lead}, {period}: the article's {claim} is a running total, yet {publisher} [{about}] gives {record} for "
    "{related} in {record_period} alone: that single year exceeds the claimed total.",
    "audit-unverified": "{lead}, {period}: no other source in the data gives a figure for the article's {claim}.",
    "audit-missing": "{lead}, {period}: the article announces a figure but gives no number («{quote}»).",
    "audit-no-figure": "{lead}, {period}: the article says this without announcing a figure («{quote}»).",
    # the article against itself
    "inconsistency-same-figure": "{lead}: the article gives the same figure, {value}, for {periods}.",
    "inconsistency-conflict": "{lead}: the article gives figures for {period} that cannot both be true: {values}.",
    # summaries
    "summary-audit": "The article makes {claims}: {counts}. It announces {missing} without giving the number{nofigure}.",
    "summary-nofigure": ", and {n} more clauses say something without announcing a figure",
    "summary-nofigure-one": ", and 1 more clause says something without announcing a figure",
    "summary-evidence": "Evidence is uneven across the zones: {most} rests on {most_n}, {least} on {least_n}.",
    "summary-sources": "{sources}: {a} tier A (official or mainstream), {b} tier B, {c} tier C (third-party or self-media).",
    "summary-part-evidence": "This part rests on {figures} for {indicators} from {sources} (tier A {a}, tier B {b}, tier C {c}): "
    "actuals {actual}, estimates {estimate}, targets {target}; indicators with a series of three or more "
    "periods: {series}.",
    "summary-part-claims": "The article makes {claims} about this area{missing}.",
    "summary-part-claims-missing": " and announces {n} without giving the number",
    "summary-part-gaps": "The source announces {n} here but gives no number:",
    "summary-part-no-figure": "Clauses here that say something without announcing a figure (no number was promised): {n}.",
    "summary-inconsistency": "The article contradicts itself in {places}; for example on {example} ({issue}: {periods}).",
    # a chapter's takeaways: what the article claims here, what the record says, how far apart
    "takeaway-claims": "The article makes {claims} about {where}: {counts}{missing}.",
    "takeaway-claims-missing": "; it announces {n} without giving the number",
    "takeaway-none": "The article makes no numerical claim about {where}.",
}
BOLD = {
    "summary-audit": ("claims", "missing"),
    "summary-evidence": ("most", "least"),
    "summary-sources": ("sources",),
    "summary-inconsistency": ("places",),
    "summary-part-evidence": ("figures",),
    "summary-part-claims": ("claims", "missing"),
    "summary-part-gaps": ("n",),
    "takeaway-claims": ("claims", "counts"),
    "takeaway-none": ("where",),
}  # else the lead
VERDICT_WORDS = {
    "corroborated": "corroborated",
    "weak": "with weak support only",
    "partly": "compatible but not confirmed",
    "revised": "revised since",
    "conflict": "in conflict with the record",
    "bounded": "at odds with a related figure",
    "unverified": "unverified",
}
BOUND_WORD = {"eq": "", "gt": "more than ", "ge": "at least ", "lt": "less than ", "le": "at most ", "approx": "about "}


@dataclass(frozen=True)
class Reading:
    kind: str
    template: str
    values: dict = field(hash=False)
    zone: str = ""
    indicators: tuple[str, ...] = ()
    verdict: str = ""
    value: str = ""
    periods: tuple[str, ...] = ()
    lines: tuple[int, ...] = ()

    @property
    def sentence(self) -> str:
        return TEMPLATES[self.template].format(**self.values)

    def parts(self):
        """The sentence as (text, bold) segments: its lead (the indicator) and the values in `BOLD` in bold, the rest
        plain. What every renderer draws from (the pages' HTML, the decks' runs); an empty value is a segment too."""
        bold = BOLD.get(self.template, ("lead",))
        for literal, name, spec, _ in string.Formatter().parse(TEMPLATES[self.template]):
            if literal:
                yield literal, False
            if name is not None:
                yield format(self.values[name], spec or ""), name in bold

    @property
    def html(self) -> str:
        """The same sentence as HTML: every part escaped, the bold parts (`parts`) in <b>."""
        return "".join(f"<b>{html.escape(t)}</b>" if b else html.escape(t) for t, b in self.parts())

    def row(self) -> dict:
        return {
            "zone": self.zone,
            "kind": self.kind,
            "indicators": ";".join(self.indicators),
            "verdict": self.verdict,
            "value": self.value,
            "periods": ";".join(self.periods),
            "observation_lines": ";".join(str(n) for n in self.lines),
            "sentence": self.sentence,
        }


# --- words and numbers ---------------------------------------------------------------------------


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


def amount(value: float, decimals: int, bound: str, unit: str) -> str:
    """A figure in a sentence: its bound in words, its own precision, its unit ("more than 8,000 亿元", "5.5%")."""
    number = format_value(value, decimals, "eq")
    return f"{BOUND_WORD.get(bound, '')}{number}{'' if unit == '%' else ' '}{unit}"


def pct(rate: float, signed: bool = False, decimals: int = 1) -> str:
    text = f"{abs(rate):.{decimals}f}%"
    if not signed or round(rate, decimals) == 0:
        return text if rate >= 0 or round(rate, decimals) == 0 else f"−{text}"
    return f"{'+' if rate > 0 else '−'}{text}"


def points(change: float) -> str:
    text = f"{abs(change):.1f}"
    return f"{text} percentage point{'' if text == '1.0' else 's'}"


def label(row) -> str:
    return f"{row.name_en} ({row.name_zh})"


def how(price_basis: str) -> str:
    return {"nominal": "compound, nominal", "real": "compound, real"}.get(price_basis, "compound")


# --- trends -----------------------------------------------------------------------------------------


def trends(obs: pd.DataFrame) -> list[Reading]:
    """Growth over each level or flow series (one definition, one price basis: the indicator's), the change in points of
    each share; never for growth rates, changes, ranks, running totals or an undeclared measure."""
    out = []
    best_all = metrics.best_per_period(obs)
    for (indicator, _definition), best in best_all.groupby(["indicator", "definition"], sort=False):
        first = best.iloc[0]
        if first.measure not in measures.GROWS | measures.POINTS:
            continue
        series, bounds, lines = metrics.yearly_columns(best, "value", "bound", "line")
        caveat = ""
        if first.comparable_from:
            since = int(first.comparable_from)
            dropped = [str(y) for y in series.index if y < since]
            if dropped:
                caveat = TEMPLATES["caveat-comparable"].format(since=since, dropped=", ".join(dropped))
            keep = series.index >= since
            series, bounds, lines = series[keep], bounds[keep], lines[keep]
        if len(series) < 2:
            continue
        y0, y1 = int(series.index[0]), int(series.index[-1])
        show = {y: amount(series[y], first.decimals, bounds[y], first.unit) for y in (y0, y1)}
        values = {"lead": label(first), "start": show[y0], "end": show[y1], "y0": y0, "y1": y1, "caveat": caveat}
        base = {
            "kind": "trend",
            "zone": first.zone,
            "indicators": (indicator,),
            "periods": (str(y0), str(y1)),
            "lines": (int(lines[y0]), int(lines[y1])),
        }
        if first.measure in measures.POINTS:
            change = series[y1] - series[y0]
            qualifier = metrics.rate_qualifier(bounds[y0], bounds[y1])
            words = (
                "no change"
                if round(change, 1) == 0 and not qualifier
                else f"{qualifier}{'up' if change > 0 else 'down'} {points(change)}"
            )
            out.append(
                Reading(
                    template="trend-points",
                    values={**values, "change": words},
                    verdict="change in points",
                    value=f"{qualifier}{change:+.1f} pp",
                    **base,
                )
            )
            continue
        qualifier = metrics.rate_qualifier(bounds[y0], bounds[y1])
        if series[y0] == series[y1] and bounds[y0] == bounds[y1] == "eq":
            out.append(Reading(template="trend-flat", values=values, verdict="unchanged", value="0", **base))
            continue
        rate = metrics.cagr(series[y0], series[y1], y1 - y0)
        if math.isnan(rate):
            continue
        if y1 - y0 == 1:
            out.append(
                Reading(
                    template="trend-one-year",
                    values={
                        **values,
                        "rate": f"{qualifier}{pct(rate, signed=True)}",
                        "how": how(first.price_basis).replace("compound", "year on year"),
                    },
                    verdict="growth",
                    value=f"{qualifier}{rate:.1f}%",
                    **base,
                )
            )
            continue
        last = ""
        growth = metrics.growth_rates(series)
        if len(series) >= 3 and len(growth) and growth.index[-1] == y1:
            last = TEMPLATES["trend-last"].format(
                rate=f"{metrics.rate_qualifier(bounds[y1 - 1], bounds[y1])}{pct(growth.iloc[-1], signed=True)}", y1=y1
            )
            base["lines"] = tuple(sorted({*base["lines"], int(lines[y1 - 1])}))
        out.append(
            Reading(
                template="trend",
                values={
                    **values,
                    "rate": f"{qualifier}{pct(rate, signed=True)}",
                    "how": how(first.price_basis),
                    "last": last,
                },
                verdict="compound growth",
                value=f"{qualifier}{rate:.1f}%",
                **base,
            )
        )
    return out


# --- targets ------------------------------------------------------------------------------------------


def target_readings(obs: pd.DataFrame) -> list[Reading]:
    """Each target (and estimate) against the outcome of its own period, else, for targets, against earlier actuals as
    progress so far (never "reached", never a negative growth needed)."""
    out = []
    checks = metrics.target_checks(obs)
    for t in frames.rows(checks):
        d = int(t.decimals)
        target = amount(t.value, d, t.bound, t.unit)
        values = {"lead": label(t), "target": target, "period": t.period}
        base = {"zone": t.zone, "indicators": (t.indicator,), "verdict": t.verdict}
        lines = (int(t.line),) + ((int(t.actual_line),) if t.actual_line != "" else ())
        periods = (t.period,) + ((t.actual_period,) if t.actual_period else ())
        actual = amount(t.actual, d, t.actual_bound, t.unit) if t.actual_period else ""
        if t.check == "outcome":
            planned = "planned" if t.kind == "target" else "expected"
            values.update(
                actual=actual,
                planned=planned,
                plan_word="plan" if t.kind == "target" else "the estimate",
                plan_noun="plan" if t.kind == "target" else "estimate",
            )
            margin = difference(t, d)
            if t.verdict in ("met", "missed"):
                values["margin"] = f" by {margin}" if margin else ""
            elif t.verdict in ("above", "below"):
                values["margin"] = margin or "something"
            template = f"outcome-{t.verdict.replace(' ', '-')}"
            if t.verdict == "as planned":
                values["planned"] = planned
            out.append(
                Reading(
                    "plan-vs-outcome",
                    template,
                    values,
                    value=f"{t.difference:+g}" if not pd.isna(t.difference) else "",
                    periods=periods,
                    lines=lines,
                    **base,
                )
            )
            continue
        values.update(actual=actual, year=t.actual_period)
        flow = t.measure == "flow"
        if t.verdict in ("none", "too-old", "context"):
            template = f"progress-{t.verdict}"
        elif t.verdict == "beyond":
            template = "progress-beyond-flow" if flow else "progress-beyond"
            values["side"] = "at or below" if t.bound in ("le", "lt") else "at or above"
        elif t.measure in measures.POINTS:
            template = "progress-short-points"
            values["gap"] = f"{metrics.rate_qualifier(t.actual_bound, 'eq')}{points(t.difference)}"
        else:
            template = "progress-short-flow" if flow else "progress-short"
            values["needs"] = needs(t)
        value = "" if pd.isna(t.required_growth_pct) else f"{t.required_growth_pct:.1f}% a year needed"
        out.append(
            Reading(
                "target-check",
                template,
                values,
                value=value,
                periods=periods if t.verdict != "none" else (t.period,),
                lines=lines if t.verdict != "none" else (int(t.line),),
                **base,
            )
        )
    return out


def difference(t, decimals: int) -> str:
    """How far an outcome is from its target, in the unit and in per cent ("2 (1.5%)"), where both are figures."""
    if (
        t.actual_bound not in ("eq", "approx")
        or t.bound not in ("eq", "approx", "ge", "le", "gt", "lt")
        or pd.isna(t.difference)
    ):
        return ""
    about = "about " if "approx" in (t.actual_bound, t.bound) else ""
    gap = abs(t.difference)
    shown = amount(gap, max(decimals, metrics.decimal_places(round(gap, 6))), "eq", t.unit)
    if t.unit == "%":
        return f"{about}{points(gap)}"
    share = f" ({pct(gap / t.value * 100)})" if t.value else ""
    return f"{about}{shown}{share}"


def needs(t) -> str:
    if pd.isna(t.required_growth_pct) or t.required_growth_pct <= 0:
        return ""
    qualifier = metrics.rate_qualifier(t.actual_bound, "eq")
    if t.years == 1:
        return TEMPLATES["needs-one-year"].format(rate=f"{qualifier}{pct(t.required_growth_pct)}")
    basis = {"nominal": " (nominal)", "real": " (real)"}.get(t.price_basis, "")
    return TEMPLATES["needs-growth"].format(rate=f"{qualifier}{pct(t.required_growth_pct)}", how=basis)


# --- the goal path ---------------------------------------------------------------------------------------


def path_readings(g: GoalPath | None) -> list[Reading]:
    if g is None:
        return []
    unit, d = g.unit, g.decimals
    base = amount(g.base, d, g.base_bound, unit)
    lead = f"{g.name_en} ({g.name_zh})"
    out = []
    when_word = (
        " at the latest" if g.base_bound in ("gt", "ge") else ""
    )  # from a lower bound, a path can only come sooner
    zone = CITY
    if g.base >= g.goal and g.base_bound not in ("lt", "le"):  # the goal is behind the city: say so, project nothing
        return [
            Reading(
                "path",
                "path-reached",
                {"lead": lead, "base": base, "base_year": g.base_year, "goal": amount(g.goal, d, "eq", unit)},
                zone=zone,
                indicators=(g.indicator,),
                verdict="goal reached",
                value=f"{g.base:g}",
                periods=(str(g.base_year),),
                lines=(int(g.lines[g.base_year]),),
            )
        ]
    if g.goal_year and not math.isnan(g.needed_nominal):
        real = real_equivalent(g.needed_nominal, g.prices)
        out.append(
            Reading(
                "path",
                "path-needed",
                {
                    "goal": amount(g.goal, d, "eq", unit),
                    "goal_year": g.goal_year,
                    "lead": lead,
                    "rate": f"{g.needed_qualifier}{pct(g.needed_nominal)}",
                    "base": base,
                    "base_year": g.base_year,
                    "prices": pct(g.prices, signed=True),
                    "real": f"{g.needed_qualifier}{pct(real)}",
                },
                zone=zone,
                indicators=(g.indicator, g.growth) if len(g.deflators) else (g.indicator,),
                verdict="growth needed",
                value=f"{g.needed_qualifier}{g.needed_nominal:.1f}%",
                periods=(str(g.base_year), str(g.goal_year)),
                lines=tuple(
                    sorted({int(g.lines[g.base_year]), g.goal_line, *(x for v in g.deflator_lines.values() for x in v)})
                ),
            )
        )
    if len(g.deflators):
        changes = ", ".join(f"{pct(v, signed=True)} in {y}" for y, v in g.deflators.items())
        out.append(
            Reading(
                "path",
                "path-prices",
                {
                    "changes": changes,
                    "prices": pct(g.prices, signed=True),
                    "mean_word": ", their average" if len(g.deflators) > 1 else "",
                },
                zone=zone,
                indicators=(g.indicator, g.growth),
                verdict="price assumption",
                value=f"{g.prices:+.1f}%",
                periods=tuple(str(y) for y in g.deflators.index),
                lines=tuple(sorted({x for v in g.deflator_lines.values() for x in v})),
            )
        )
    else:
        out.append(
            Reading(
                "path",
                "path-no-prices",
                {},
                zone=zone,
                indicators=(g.indicator,),
                verdict="price assumption",
                value="+0.0%",
            )
        )
    for p in g.paths:
        when = f"in {p.year}{when_word}" if p.year else f"not by {int(p.values.index[-1])}"
        values = {"nominal": f"{p.qualifier}{pct(p.nominal)}", "when": when}
        if p.name == "target":
            values.update(
                period=p.periods[0], real=amount(p.real, 1, p.real_bound, "%"), prices=pct(p.prices, signed=True)
            )
        elif p.name == "trend":
            values.update(y0=p.periods[0], y1=p.periods[1])
        else:
            values.update(
                real=pct(p.real), real_year=p.periods[0], prices=pct(p.prices, signed=True), price_year=p.periods[1]
            )
        rests_on = (g.indicator,) if p.name == "trend" else (g.indicator, g.growth)
        out.append(
            Reading(
                "path",
                f"path-{p.name}",
                values,
                zone=zone,
                indicators=rests_on,
                verdict=f"goal reached {when}",
                value=f"{p.nominal:.1f}%",
                periods=tuple(dict.fromkeys((str(g.base_year), *p.periods))),
                lines=tuple(sorted({int(g.lines[g.base_year]), *p.lines})),
            )
        )
    for name, reason in g.unprojected:
        out.append(
            Reading(
                "path",
                "path-unprojected",
                {"path": PATH_NAMES.get(name, name), "reason": reason},
                zone=zone,
                indicators=(g.indicator,),
                verdict="not projected",
                value="",
                periods=(str(g.base_year),),
                lines=(int(g.lines[g.base_year]),),
            )
        )
    return out


PATH_NAMES = {"target": "growth-target", "trend": "trend", "slow": "slow-case"}


# --- the audit ------------------------------------------------------------------------------------------


def about(publisher_tier: str, published: str) -> str:
    return f"tier {publisher_tier}, {published}" if published else f"tier {publisher_tier}, undated"


def audit_readings(audit: pd.DataFrame) -> list[Reading]:
    out = []
    for a in frames.rows(audit):
        d = int(a.decimals)
        values = {
            "lead": label(a),
            "period": a.period,
            "claim": amount(a.value, d, a.bound, a.unit) if not pd.isna(a.value) else "",
            "quote": a.quote,
        }
        lines = [int(a.line)]
        if a.record_line != "":
            values.update(
                publisher=a.record_publisher,
                about=about(a.record_tier, a.record_published),
                record=amount(a.record_value, d, a.record_bound, a.record_unit or a.unit),
            )
            lines.append(int(a.record_line))
        values["also"] = ""
        if a.also_line != "":
            key = "audit-weak-also" if a.verdict == "weak" else "audit-revised-also"
            values["also"] = TEMPLATES[key].format(
                publisher=a.also_publisher,
                about=about(a.also_tier, a.also_published),
                record=amount(a.also_value, d, a.also_bound, a.unit),
            )
            lines.append(int(a.also_line))
        if a.verdict == "bounded":
            values.update(related=f"{a.record_name_en} ({a.record_name_zh})", record_period=a.record_period)
        out.append(
            Reading(
                "audit-verdict",
                f"audit-{a.verdict}",
                values,
                zone=a.zone,
                indicators=(a.indicator,)
                + ((a.record_indicator,) if a.record_indicator and a.record_indicator != a.indicator else ()),
                verdict=a.verdict,
                value=values["claim"],
                periods=(a.period,) + ((a.record_period,) if a.record_period and a.record_period != a.period else ()),
                lines=tuple(lines),
            )
        )
    return out


def inconsistency_readings(inc: pd.DataFrame) -> list[Reading]:
    out = []
    for i in frames.rows(inc):
        values = {"lead": f"{i.name_en} ({i.name_zh})"}
        if i.kind_of_issue.startswith("same figure"):
            template = "inconsistency-same-figure"
            values.update(value=f"{i.shown[0]}{'' if i.unit == '%' else ' '}{i.unit}", periods=" and ".join(i.periods))
        else:
            template = "inconsistency-conflict"
            values.update(period=i.periods[0], values=", ".join(f"{s} {i.unit}" for s in i.shown))
        out.append(
            Reading(
                "inconsistency",
                template,
                values,
                zone=i.zone,
                indicators=(i.indicator,),
                verdict=i.kind_of_issue,
                value=", ".join(i.shown),
                periods=tuple(dict.fromkeys(i.periods)),
                lines=tuple(int(n) for n in i.lines),
            )
        )
    return out


# --- summaries (the book's key findings) --------------------------------------------------------------


def audit_summary(audit: pd.DataFrame) -> Reading | None:
    if audit.empty:
        return None
    counts = audit["verdict"].value_counts()
    claims = int(audit["verdict"].isin(metrics.CLAIMS).sum())
    parts = [
        f"{int(counts[v])} {VERDICT_WORDS[v]}"
        for v in ("corroborated", "weak", "partly", "revised", "conflict", "bounded", "unverified")
        if counts.get(v, 0)
    ]
    no_figure = int(counts.get("no-figure", 0))
    nofigure = (
        ""
        if not no_figure
        else TEMPLATES["summary-nofigure-one"]
        if no_figure == 1
        else TEMPLATES["summary-nofigure"].format(n=no_figure)
    )
    values = {
        "claims": plural(claims, "numerical claim"),
        "counts": ", ".join(parts) or "none checked",
        "missing": plural(int(counts.get("missing", 0)), "more figure"),
        "nofigure": nofigure,
    }
    return Reading(
        "summary",
        "summary-audit",
        values,
        zone="all",
        verdict="audit counts",
        value=str(claims),
        periods=tuple(sorted(set(audit["period"]))),
        lines=tuple(sorted(int(n) for n in audit["line"])),
    )


def evidence_summary(obs: pd.DataFrame, zones: pd.DataFrame) -> Reading | None:
    ev = metrics.evidence_by_zone(obs, zones)
    if len(ev) < 2:
        return None
    ordered = ev.sort_values("figures", kind="stable")
    most, least = ordered.iloc[-1], ordered.iloc[0]
    numbers = metrics.figures(obs)
    lines = numbers[numbers["zone"].isin([most["zone"], least["zone"]])]["line"]

    def name(text: str) -> str:  # a zone's name inside a sentence: "the '613' industrial system"
        return "the" + text[3:] if text.startswith("The ") else text

    return Reading(
        "summary",
        "summary-evidence",
        {
            "most": name(most["name_en"]),
            "most_n": plural(int(most["figures"]), "figure"),
            "least": name(least["name_en"]),
            "least_n": plural(int(least["figures"]), "figure"),
        },
        zone="all",
        verdict="evidence counts",
        value=f"{most['figures']}/{least['figures']}",
        lines=tuple(sorted(int(n) for n in lines)),
    )


def sources_summary(sources: pd.DataFrame, zone: str, obs: pd.DataFrame | None = None) -> Reading | None:
    """How many sources a part of the report rests on, by tier (`obs`: the part's observations, the rows it rests on)."""
    if sources.empty:
        return None
    tiers = sources["tier"].value_counts()
    a, b, c = (int(tiers.get(t, 0)) for t in "ABC")
    return Reading(
        "summary",
        "summary-sources",
        {"sources": plural(len(sources), "source"), "a": a, "b": b, "c": c},
        zone=zone,
        verdict="source counts",
        value=f"{a}/{b}/{c}",
        lines=() if obs is None else tuple(sorted(int(n) for n in obs[obs["source"].isin(sources["source"])]["line"])),
    )


def inconsistency_summary(inc: pd.DataFrame) -> Reading | None:
    if inc.empty:
        return None
    first = inc.iloc[0]
    return Reading(
        "summary",
        "summary-inconsistency",
        {
            "places": plural(len(inc), "place"),
            "example": first["name_en"],
            "issue": first["kind_of_issue"],
            "periods": ", ".join(first["periods"]),
        },
        zone="all",
        verdict="inconsistencies",
        value=str(len(inc)),
        periods=tuple(first["periods"]),
        lines=tuple(sorted(int(n) for lines in inc["lines"] for n in lines)),
    )


@shared
def part_summaries(obs: pd.DataFrame, claims_source: str | None, zone: str) -> dict[str, Reading]:
    """The counts a zone chapter (or the city's deck) states about itself: its evidence, the article's claims, its gaps."""
    out = {}
    numbers = metrics.figures(obs)
    e = metrics.evidence(obs)
    if len(obs):
        values = dict(
            figures=plural(e["figures"], "figure"),
            indicators=plural(int(numbers["indicator"].nunique()), "indicator"),
            sources=plural(e["sources"], "source"),
            a=e["tier_A"],
            b=e["tier_B"],
            c=e["tier_C"],
            actual=e["actual"],
            estimate=e["estimate"],
            target=e["target"],
            series=e["series"],
        )
        out["evidence"] = Reading(
            "summary",
            "summary-part-evidence",
            values,
            zone=zone,
            verdict="evidence counts",
            value=str(e["figures"]),
            lines=tuple(sorted(int(n) for n in numbers["line"])),
        )
    claims = obs[obs["source"] == claims_source] if claims_source else obs.iloc[:0]
    gaps = obs[obs["is_gap"]]
    announced = gaps.loc[gaps["quote"].map(metrics.announces_figure).astype(bool)]
    silent = gaps.loc[~gaps["quote"].map(metrics.announces_figure).astype(bool)]
    if len(claims):
        mine = announced[announced["source"] == claims_source]
        missing = (
            TEMPLATES["summary-part-claims-missing"].format(n=plural(len(mine), "more figure")) if len(mine) else ""
        )
        made = metrics.figures(claims)
        out["claims"] = Reading(
            "summary",
            "summary-part-claims",
            dict(claims=plural(len(made), "numerical claim"), missing=missing),
            zone=zone,
            verdict="claim counts",
            value=str(len(made)),
            lines=tuple(sorted(int(n) for n in claims["line"])),
        )
    if len(announced):
        out["gaps"] = Reading(
            "summary",
            "summary-part-gaps",
            dict(n=plural(len(announced), "more figure")),
            zone=zone,
            verdict="missing",
            value=str(len(announced)),
            lines=tuple(sorted(int(n) for n in announced["line"])),
        )
    if len(silent):
        out["no-figure"] = Reading(
            "summary",
            "summary-part-no-figure",
            dict(n=len(silent)),
            zone=zone,
            verdict="no figure announced",
            value=str(len(silent)),
            lines=tuple(sorted(int(n) for n in silent["line"])),
        )
    return out


# --- what each part of the book prints ------------------------------------------------------------------


@shared
def part_readings(obs: pd.DataFrame) -> list[Reading]:
    """The readings section of a zone chapter or of the overview: trends, then targets."""
    return trends(obs) + target_readings(obs)


@shared
def findings(ds) -> list[Reading]:
    """The key findings of the front matter: the audit in numbers, what the goal needs, the evidence, the contradictions."""
    obs = ds.observations
    audit = metrics.audit(obs, ds.claims_source)
    needed = [r for r in path_readings(edition_path(ds)) if r.template == "path-needed"]
    found = [
        audit_summary(audit),
        *needed,
        evidence_summary(obs, ds.zones),
        inconsistency_summary(metrics.internal_inconsistencies(obs, ds.claims_source)),
    ]
    return [r for r in found if r is not None]


def book_readings(ds) -> list[Reading]:
    """Every computed sentence the book and the decks print, once each."""
    obs = ds.observations
    out = list(findings(ds))
    parts = [CITY, *ds.zones["zone"]]
    for zone in parts:
        out += list(part_summaries(obs[obs["zone"] == zone], ds.claims_source, zone).values())
        part = obs[obs["zone"] == zone]
        if not part.empty:  # the takeaways' own sentence (the rest of them are printed below)
            out.append(takeaway_headline(part, metrics.audit(part, ds.claims_source), zone))
        out += part_readings(obs[obs["zone"] == zone])
    out += [r for r in path_readings(edition_path(ds)) if r.template != "path-needed"]
    for part, zone in [(ds, "all"), *((ds.for_zone(z), z) for z in ds.zones["zone"])]:  # each deck's sources
        cited = part.sources[part.sources["source"].isin(part.observations["source"])]
        out += [r for r in [sources_summary(cited, zone, part.observations)] if r is not None]
    audit = metrics.audit(obs, ds.claims_source)
    order = {z: i for i, z in enumerate(parts)}
    out += audit_readings(audit.iloc[audit["zone"].map(order).argsort(kind="stable")] if len(audit) else audit)
    out += inconsistency_readings(metrics.internal_inconsistencies(obs, ds.claims_source))
    return out


def frame(readings: list[Reading]) -> pd.DataFrame:
    return pd.DataFrame([r.row() for r in readings], columns=COLUMNS)


def write_csv(ds, path) -> None:
    """data/readings.csv: every computed sentence, with what it rests on."""
    frame(book_readings(ds)).to_csv(path, index=False, encoding="utf-8", lineterminator="\n")


# --- a chapter's takeaways --------------------------------------------------------------------------------

TAKEAWAY_ORDER = ("conflict", "bounded", "revised", "partly", "weak", "corroborated", "unverified")  # worst first


@shared
def takeaways(ds, zone: str | None) -> list[Reading]:
    """What a zone chapter (zone=None: the city's page) opens with, 3 to 5 readings: what the article claims there
    and how the record judges it (in counts), then the claims furthest from the record, each with both figures
    (conflicts first, then weaker support, then corroborations); where the article claims little, the part's
    computed trends and targets make up three. Every one is a reading the book prints elsewhere but the first."""
    zone = zone or CITY
    obs = ds.observations[ds.observations["zone"] == zone]
    if obs.empty:
        return []  # a part without figures: nothing to take away
    audit = metrics.audit(obs, ds.claims_source)
    out = [takeaway_headline(obs, audit, zone)]
    claims = audit[audit["verdict"].isin(metrics.CLAIMS)]
    if not claims.empty:
        rank = {v: i for i, v in enumerate(TAKEAWAY_ORDER)}
        worst = claims.iloc[claims["verdict"].map(rank).argsort(kind="stable")]
        out += audit_readings(worst[worst["verdict"] != "unverified"].head(3))
    if len(out) < 3:
        out += part_readings(obs)[: 3 - len(out)]
    return out[:5]


def takeaway_headline(obs: pd.DataFrame, audit: pd.DataFrame, zone: str) -> Reading:
    """The takeaways' first sentence, the one they add to the book: the part's claims counted by verdict."""
    where = "this area" if zone != CITY else "the city as a whole"
    claims = audit[audit["verdict"].isin(metrics.CLAIMS)]
    if claims.empty:
        return Reading(
            "summary",
            "takeaway-none",
            {"where": where},
            zone=zone,
            verdict="claim counts",
            value="0",
            lines=tuple(sorted(int(n) for n in obs["line"])),  # the figures the record gives, none of them claims
        )
    counts = claims["verdict"].value_counts()
    missing = int((audit["verdict"] == "missing").sum())
    return Reading(
        "summary",
        "takeaway-claims",
        {
            "claims": plural(len(claims), "numerical claim"),
            "where": where,
            "counts": ", ".join(f"{int(counts[v])} {VERDICT_WORDS[v]}" for v in TAKEAWAY_ORDER if counts.get(v, 0)),
            "missing": TEMPLATES["takeaway-claims-missing"].format(n=plural(missing, "more figure")) if missing else "",
        },
        zone=zone,
        verdict="claim counts",
        value=str(len(claims)),
        periods=tuple(sorted(set(claims["period"]))),
        lines=tuple(sorted(int(n) for n in audit["line"])),
    )
