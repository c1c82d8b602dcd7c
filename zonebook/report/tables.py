"""The book's tables as `model.Table` objects, from the analysis: what each table holds, in which units, resting on
which observation rows. `report.html` draws them; `model.csv_of` writes the download behind each."""

from __future__ import annotations

import dataclasses
import html

import pandas as pd

from zonebook import frames
from zonebook import lang as words
from zonebook.analysis import metrics, readings, templates_zh
from zonebook.data import format_value
from zonebook.report.model import Column, Row, Table
from zonebook.report.style import VERDICT_COLOUR
from zonebook.report.words import say

KIND_WORD = {"actual": "actual", "estimate": "estimate", "target": "target"}


def text(value) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def with_unit(value: float, decimals: int, bound: str, unit: str) -> str:
    """A figure and its unit, as a cell shows it: "≥50 家", "5.5%", "—" when there is no number."""
    if pd.isna(value):
        return "—"
    shown = format_value(value, decimals, bound)
    return f"{shown}{'' if unit in ('%', '') else ' '}{unit}"


def breakable(figure: str) -> str:
    """A figure with its unit that may break between the two on a phone, never inside the number."""
    return " ".join(f'<span class="zb-nowrap">{html.escape(part)}</span>' for part in figure.split(" ", 1))


def badge(verdict: str, label: str | None = None) -> str:
    """A verdict as a coloured badge, labelled in English unless `label` is given (report.localize)."""
    return (
        f'<span class="zb-verdict zb-{verdict}" style="background:{VERDICT_COLOUR[verdict]}">'
        f"{html.escape(label or metrics.VERDICT_LABEL[verdict])}</span>"
    )


def publisher(row) -> str:
    return text(row.publisher) or text(row.source)


INDICATOR = Column("indicator", "Indicator", essential=True)
SOURCE_COLUMNS = (
    Column("source", "Source (tier)"),
    Column("tier", "Tier", shown=False),
    Column("source_title", "Source title", shown=False),
    Column("url", "Link", shown=False),
)


def source_cells(row) -> dict:
    return {
        "source": f"{publisher(row)} ({text(row.tier)})",
        "tier": text(row.tier),
        "source_title": text(row.title),
        "url": text(row.url),
    }


def key_figures(obs: pd.DataFrame, name: str, short: int = 0) -> Table:
    """The latest figure of every indicator, from every source that gives one."""
    kf = metrics.key_figures(obs)
    rows = tuple(
        Row(
            {
                "indicator": readings.label(r),
                "figure": with_unit(r.value, r.decimals, r.bound, r.unit),
                "unit": r.unit,
                "period": r.period,
                "kind": KIND_WORD.get(r.kind, r.kind),
                **source_cells(r),
                "quote": text(r.quote),
            },
            {"figure": breakable(with_unit(r.value, r.decimals, r.bound, r.unit))},
            lines=(int(r.line),),
        )
        for r in frames.rows(kf)
    )
    columns = (
        INDICATOR,
        Column("figure", "Latest", role="number", essential=True),
        Column("unit", "Unit", shown=False),
        Column("period", "Period", role="count"),
        Column("kind", "Kind", role="count"),
        *SOURCE_COLUMNS,
        Column("quote", "The source's words", role="quote"),
    )
    return Table(name, columns, rows, empty="No figures with a number for this part of the report.", short=short)


def targets(obs: pd.DataFrame, period: str, name: str) -> Table:
    t = metrics.figures(obs[(obs["kind"] == "target") & (obs["period"] == period)])
    rows = tuple(
        Row(
            {
                "indicator": readings.label(r),
                "figure": with_unit(r.value, r.decimals, r.bound, r.unit),
                "unit": r.unit,
                **source_cells(r),
                "quote": text(r.quote),
            },
            {"figure": breakable(with_unit(r.value, r.decimals, r.bound, r.unit))},
            lines=(int(r.line),),
        )
        for r in frames.rows(t)
    )
    columns = (
        Column("indicator", "Target", essential=True),
        Column("figure", "Figure", role="number", essential=True),
        Column("unit", "Unit", shown=False),
        *SOURCE_COLUMNS,
        Column("quote", "The source's words", role="quote"),
    )
    return Table(name, columns, rows, empty=f"The data holds no targets for {period}.")


def audit_rows(audit: pd.DataFrame, with_reading: bool) -> tuple[Row, ...]:
    said = readings.audit_readings(audit) if with_reading else [None] * len(audit)
    rows = []
    for a, r in zip(frames.rows(audit), said):
        d = int(a.decimals)
        cells = {
            "indicator": readings.label(a),
            "period": a.period,
            "claimed": with_unit(a.value, d, a.bound, a.unit),
            "recorded": with_unit(a.record_value, d, a.record_bound, a.record_unit or a.unit)
            if a.record_line != ""
            else "—",
            "verdict": metrics.VERDICT_LABEL[a.verdict],
            "reading": r.sentence if r else "",
            "quote": text(a.quote),
            "record_quote": text(a.record_quote),
            "record_source": text(a.record_publisher),
            "record_tier": text(a.record_tier),
        }
        markup = {
            "verdict": badge(a.verdict),
            "claimed": breakable(cells["claimed"]),
            "recorded": breakable(cells["recorded"]),
            **({"reading": r.html} if r else {}),
        }
        lines = (int(a.line),) + ((int(a.record_line),) if a.record_line != "" else ())
        rows.append(Row(cells, markup, lines))
    return tuple(rows)


RECORD_COLUMNS = (
    Column("record_source", "Record's source"),
    Column("record_tier", "Tier", role="count"),
)


def claims_compact(audit: pd.DataFrame, name: str) -> Table:
    """A zone's claims against the record, one line each: indicator, claimed, recorded, verdict (`zb-claims-compact`).
    The words of both sides go into the CSV."""
    claims = audit[audit["verdict"].isin(metrics.CLAIMS)]
    order = {v: i for i, v in enumerate(metrics.VERDICT_ORDER)}
    claims = claims.iloc[claims["verdict"].map(order).argsort(kind="stable")]
    columns = (
        INDICATOR,
        Column("claimed", "Claimed", role="number", essential=True),
        Column("recorded", "Recorded", role="number", essential=True),
        Column("verdict", "Verdict", role="badge", essential=True),
        Column("period", "Period", role="count"),
        *(dataclasses.replace(c, shown=False) for c in RECORD_COLUMNS),
        Column("quote", "The article's words", shown=False),
        Column("record_quote", "The record's words", shown=False),
    )
    return Table(
        name,
        columns,
        audit_rows(claims, with_reading=False),
        empty="The article makes no numerical claim about this area.",
        short=8,
        css="zb-claims-compact",
    )


def audit_table(audit: pd.DataFrame, name: str, short: int = 0) -> Table:
    """Every claim with its verdict, the reading that explains it, and both sides' own words."""
    columns = (
        Column("verdict", "Verdict", role="badge", essential=True),
        Column("reading", "The claim and the record"),
        Column("quote", "The article's words", role="quote"),
        Column("record_quote", "The record's words", role="quote"),
        Column("indicator", "Indicator", shown=False),
        Column("period", "Period", shown=False),
        Column("claimed", "Claimed", shown=False),
        Column("recorded", "Recorded", shown=False),
        *(dataclasses.replace(c, shown=False) for c in RECORD_COLUMNS),
    )
    return Table(name, columns, audit_rows(audit, with_reading=True), empty="No claims to check.", short=short)


def quotes(obs: pd.DataFrame, name: str) -> Table:
    """The sources' own words for every figure."""
    rows = tuple(
        Row(
            {
                "indicator": readings.label(r),
                "period": r.period,
                "figure": with_unit(r.value, r.decimals, r.bound, r.unit),
                "unit": r.unit,
                **source_cells(r),
                "quote": text(r.quote),
                "note": text(r.note),
            },
            {"figure": breakable(with_unit(r.value, r.decimals, r.bound, r.unit))},
            lines=(int(r.line),),
        )
        for r in frames.rows(obs)
    )
    columns = (
        INDICATOR,
        Column("figure", "Figure", role="number", essential=True),
        Column("unit", "Unit", shown=False),
        Column("period", "Period", role="count"),
        *SOURCE_COLUMNS,
        Column("quote", "The source's words", role="quote"),
        Column("note", "Note", role="quote"),
    )
    return Table(name, columns, rows, empty="No figures.")


def inconsistencies(inc: pd.DataFrame, name: str) -> Table:
    said = readings.inconsistency_readings(inc) if len(inc) else []
    rows = tuple(
        Row(
            {
                "reading": r.sentence,
                "issue": i.kind_of_issue,
                "quotes": " / ".join(i.quotes),
                "indicator": f"{i.name_en} ({i.name_zh})",
            },
            lines=tuple(int(n) for n in i.lines),
        )
        for i, r in zip(frames.rows(inc), said)
    )
    columns = (
        Column("reading", "Reading", essential=True),
        Column("issue", "Issue"),
        Column("quotes", "The article's words", role="quote"),
        Column("indicator", "Indicator", shown=False),
    )
    return Table(name, columns, rows, empty="The article does not contradict itself in the data recorded.")


def gaps(audit: pd.DataFrame, zone_names: dict[str, str], name: str, empty: str) -> Table:
    rows = tuple(
        Row(
            {
                "indicator": readings.label(g),
                "zone": zone_names.get(g.zone, g.zone),
                "period": g.period,
                "quote": text(g.quote),
            },
            lines=(int(g.line),),
        )
        for g in frames.rows(audit)
    )
    columns = (
        INDICATOR,
        Column("zone", "Zone"),
        Column("period", "Period", role="count"),
        Column("quote", "The article's words", role="quote"),
    )
    return Table(name, columns, rows, empty=empty)


def evidence_counts(ev: pd.DataFrame, name: str, lang: str = "en") -> Table:
    """The evidence counts per zone, compact enough for the page: tiers and kinds as A / B / C triples."""
    rows = tuple(
        Row(
            {
                "zone": r.name_zh if lang == "zh" else f"{r.name_en} · {r.name_zh}",
                "figures": int(r.figures),
                "indicators": int(r.indicators),
                "series": int(r.series),
                "tiers": f"{r.tier_A} / {r.tier_B} / {r.tier_C}",
                "kinds": f"{r.actual} / {r.estimate} / {r.target}",
                "gaps": int(r.gaps),
            }
        )
        for r in frames.rows(ev)
    )
    columns = (
        Column("zone", "Zone", essential=True),
        Column("figures", "Figures", role="number", essential=True),
        Column("indicators", "Indicators", role="number"),
        Column("series", "Series (3+ periods)", role="number"),
        Column("tiers", "Tier A / B / C", role="number"),
        Column("kinds", "Actual / estimate / target", role="number"),
        Column("gaps", "Numbers missing", role="number"),
    )
    return Table(name, columns, rows)


def claims_in_brief(verdicts: pd.Series, lang: str = "en") -> str:
    """A zone's claims by verdict, for the overview table: "4 claims: 1 corroborated, 1 in conflict" /
    "4项涉及数字的说法：得到印证的1项、与记录相矛盾的1项"."""
    counts = verdicts.value_counts()
    n = int(verdicts.isin(metrics.CLAIMS).sum())
    found = [v for v in metrics.CLAIMS if counts.get(v, 0)]
    missing = int(counts.get("missing", 0))
    if lang == "zh":
        parts = "、".join(templates_zh.VERDICT_WORDS[v].format(n=int(counts[v])) for v in found)
        said = templates_zh.COUNTED["numerical claim"].format(n=n) + (f"：{parts}" if parts else "")
        return said + (say("claims-missing", lang, n=missing) if missing else "")
    parts = [f"{int(counts[v])} {readings.VERDICT_WORDS[v]}" for v in found]
    said = readings.plural(n, "claim") + (f": {', '.join(parts)}" if parts else "")
    return said + (say("claims-missing", lang, n=missing) if missing else "")


def zones_at_a_glance(ds, name: str, lang: str = "en") -> Table:
    """The zones, what the article says of each and how its claims fare; in Chinese from the zones' `_zh` columns
    (an untranslated summary is shown in English, marked)."""
    ev = metrics.evidence_by_zone(ds.observations, ds.zones)
    audit = metrics.audit(ds.observations, ds.claims_source)
    rows = []
    for z, e in zip(frames.rows(ds.zones), frames.rows(ev)):
        shown = z.name_zh if lang == "zh" else z.name_en
        link = f'<a href="zones/{z.order:02d}-{z.zone}.html">{html.escape(shown)}</a>'
        summary, translated = words.text(z, "summary_en", lang)
        rows.append(
            Row(
                {
                    "zone": f"{z.order}. {shown}",
                    "name_zh": z.name_en if lang == "zh" else z.name_zh,
                    "summary": summary,
                    "figures": int(e.figures),
                    "claims": claims_in_brief(audit[audit["zone"] == z.zone]["verdict"], lang),
                },
                {"zone": f"{z.order}. {link}", "summary": words.html_marked(summary, translated, lang)},
            )
        )
    columns = (
        Column("zone", "Zone", essential=True),
        Column("name_zh", "English" if lang == "zh" else "中文"),
        Column("summary", "What the article says", role="quote"),
        Column("figures", "Figures", role="number"),
        Column("claims", "Article claims"),
    )
    return Table(name, columns, tuple(rows))


def counts(
    table: pd.DataFrame, name: str, first: str, labels: dict[str, str], lines: dict[str, tuple[int, ...]]
) -> Table:
    """A bar chart's counts as a table (index: the bars, columns: the stacks), each row with the lines it counts."""
    rows = tuple(
        Row(
            {"bar": str(bar).replace("\n", " · "), **{str(c): int(table.loc[bar, c]) for c in table.columns}},
            lines=lines.get(bar, ()),
        )
        for bar in table.index
    )
    columns = (
        Column("bar", first, essential=True),
        *(Column(str(c), labels.get(c, str(c)), role="number") for c in table.columns),
    )
    return Table(name, columns, rows)


def goal_path(g) -> Table:
    """What the goal chart draws: the actual figures (with their bounds) and each constant-growth path, year by year."""
    rows = [
        Row(
            {"series": "actual", "year": int(y), "value": float(v), "bound": str(g.bounds[y]), "unit": g.unit},
            lines=(int(g.lines[y]),),
        )
        for y, v in g.series.items()
    ]
    for p in g.paths:
        rows += [
            Row(
                {"series": f"path: {p.name}", "year": int(y), "value": round(float(v), 2), "bound": "", "unit": g.unit},
                lines=tuple(sorted({int(g.lines[g.base_year]), *p.lines})),
            )
            for y, v in p.values.items()
        ]
    columns = (
        Column("series", "Series", essential=True),
        Column("year", "Year", role="number"),
        Column("value", "Value", role="number", essential=True),
        Column("bound", "Bound"),
        Column("unit", "Unit"),
    )
    return Table("goal-paths", columns, tuple(rows))
