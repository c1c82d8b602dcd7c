"""The report's tables and sentences as HTML, generated from the data.

Everything that comes from a CSV goes through `esc` (or pandas' escaping), so markup in the data
is shown as text, never run.
"""

from __future__ import annotations

import html

import pandas as pd

from zonebook.analysis import metrics, readings
from zonebook.analysis.goal import GoalPath, goal_path
from zonebook.data import CITY, format_value

BOUND_LABEL = {"eq": "=", "gt": "more than", "ge": "at least", "lt": "less than", "le": "at most", "approx": "about"}


def esc(value) -> str:
    return html.escape("" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value))


def table(frame: pd.DataFrame, headers: dict[str, str], numeric: tuple[str, ...] = ()) -> str:
    """A plain, escaped HTML table with the given columns and headers."""
    head = "".join(f"<th>{esc(h)}</th>" for h in headers.values())
    body = []
    for row in frame.itertuples(index=False):
        cells = []
        for column in headers:
            value = getattr(row, column)
            cls = ' class="zb-num"' if column in numeric else ""
            cells.append(f"<td{cls}>{value if column.endswith('_html') else esc(value)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f'<table class="zb-table"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def shown(row) -> str:
    return format_value(row.value, row.decimals, row.bound)


def indicator_label(row) -> str:
    return f"{row.name_en} ({row.name_zh})"


def key_figures_table(obs: pd.DataFrame) -> str:
    kf = metrics.key_figures(obs)
    if kf.empty:
        return "<p><em>No figures with a number for this part of the report.</em></p>"
    kf = kf.assign(
        label=kf.apply(indicator_label, axis=1),
        figure=kf.apply(shown, axis=1),
        bound_txt=kf["bound"].map(BOUND_LABEL),
        source_txt=kf["publisher"].where(kf["publisher"] != "", kf["source"]),
    )
    return table(
        kf,
        {
            "label": "Indicator",
            "figure": "Latest",
            "unit": "Unit",
            "period": "Period",
            "kind": "Kind",
            "bound_txt": "Bound",
            "source_txt": "Source",
            "tier": "Tier",
        },
        numeric=("figure",),
    )


def readings_html(obs: pd.DataFrame) -> str:
    """The computed readings of a part of the book (trends, then targets), each a row of data/readings.csv."""
    items = readings.part_readings(obs)
    if not items:
        return (
            "<p><em>No indicator here has two full-year figures of a level, flow or share, nor a target, so nothing is "
            "computed.</em></p>"
        )
    return '<ul class="zb-readings">' + "".join(f"<li>{r.html}</li>" for r in items) + "</ul>"


def evidence_html(obs: pd.DataFrame, claims_source: str | None = None) -> str:
    """What a part rests on, and the figures its source announces without a number (rows of data/readings.csv)."""
    zone = obs["zone"].iloc[0] if len(obs) else ""
    said = readings.part_summaries(obs, claims_source, zone)
    text = f"<p>{said['evidence'].html}</p>" if "evidence" in said else ""
    gaps = obs[obs["is_gap"]]
    announced = gaps["quote"].map(metrics.announces_figure).astype(bool)
    for key, rows in (("gaps", gaps.loc[announced]), ("no-figure", gaps.loc[~announced])):
        if key in said:
            items = "".join(
                f"<li>{esc(g.name_en)} ({esc(g.name_zh)}): «{esc(g.quote)}»</li>" for g in rows.itertuples(index=False)
            )
            text += f"<p>{said[key].html}</p><ul>{items}</ul>"
    return text


def quotes_html(obs: pd.DataFrame) -> str:
    """The sources' own words for every figure, folded away under a summary."""
    rows = obs.assign(label=obs.apply(indicator_label, axis=1), figure=obs.apply(shown, axis=1))
    inner = table(
        rows,
        {
            "label": "Indicator",
            "period": "Period",
            "figure": "Figure",
            "source": "Source",
            "tier": "Tier",
            "quote": "The source's words",
            "note": "Note",
        },
    )
    return f'<details class="zb-quotes"><summary>The sources\' own words for every figure ({len(rows)})</summary>{inner}</details>'


def zone_intro_html(zone: pd.Series, obs: pd.DataFrame, claims_source: str | None) -> str:
    """The zone's names, the article's summary and its claims in brief."""
    text = f'<p class="zb-lede"><b>{esc(zone["name_zh"])}</b> · {esc(zone["summary_en"])}</p>'
    said = readings.part_summaries(obs, claims_source, zone.name)
    if "claims" in said:
        text += f"<p>{said['claims'].html}</p>"
    return text


def audit_table(audit: pd.DataFrame) -> str:
    """Every claim with its verdict and the reading that explains it (a row of data/readings.csv)."""
    from zonebook.report.charts import VERDICT_COLOUR

    if audit.empty:
        return "<p><em>No claims to check.</em></p>"
    a = audit.assign(
        reading_html=[r.html for r in readings.audit_readings(audit)],
        verdict_html=audit["verdict"].map(
            lambda v: (
                f'<span class="zb-verdict zb-{v}" style="background:{VERDICT_COLOUR[v]}">'
                f"{html.escape(metrics.VERDICT_LABEL[v])}</span>"
            )
        ),
    )
    return table(
        a, {"verdict_html": "Verdict", "reading_html": "The claim and the record", "quote": "The article's words"}
    )


def series_figures(obs: pd.DataFrame, min_periods: int = 2) -> list[str]:
    """A captioned chart for every indicator with figures for `min_periods` or more periods."""
    from zonebook.report import charts

    out = []
    numbers = metrics.figures(obs)
    for _indicator, group in numbers.groupby("indicator", sort=False):
        if group["period"].nunique() < min_periods:
            continue
        first = group.iloc[0]
        kinds = ", ".join(k for k in ("actual", "estimate", "target") if k in set(group["kind"]))
        caption = (
            f"{first.name_en} ({first.name_zh}), {first.unit}, {group['period'].iloc[0]}–{group['period'].iloc[-1]} "
            f"({kinds}). Filled markers are actuals and estimates, hollow markers and dashed lines targets; where sources "
            f"differ on a period each is drawn side by side. Sources: "
            + "; ".join(
                f"{s.publisher or s.source}, {s.title} (tier {s.tier})"
                for s in group.drop_duplicates("source").itertuples(index=False)
            )
        )
        out.append(charts.figure_html(charts.series_png(group), caption, alt=f"Chart of {first.name_en} over time"))
    return out


# --- city-wide pages --------------------------------------------------------------------------


def trillion_paths(ds, gdp: str, growth: str, goal: float) -> GoalPath | None:
    """The path to a goal (see `goal.goal_path`), from the city-wide figures; the edition's own: `goal.edition_path`."""
    obs = ds.observations
    return goal_path(obs[obs["zone"] == CITY], gdp, growth, goal)


PATH_LABEL = {
    "target": "{period} target: {real} real, {nominal} nominal",
    "trend": "trend {y0}–{y1}: {nominal} nominal",
    "slow": "slow case: {nominal} nominal",
}


def path_chart_args(g: GoalPath) -> tuple[tuple, dict]:
    """What the goal chart draws, for the book and the decks alike: the exact actuals, the bounded ones, the paths, 2030."""
    exact = g.series[g.bounds == "eq"]
    bounded = {int(y): (float(v), str(g.bounds[y])) for y, v in g.series.items() if g.bounds[y] != "eq"}
    labels = {
        p.name: PATH_LABEL[p.name].format(
            period=p.periods[0] if p.periods else "",
            real=f"{format_value(p.real, 1, p.real_bound)}%" if p.real == p.real else "",
            nominal=f"{'≥' if p.qualifier else ''}{readings.pct(p.nominal)}",
            y0=p.periods[0],
            y1=p.periods[-1],
        )
        for p in g.paths
    }
    paths = {labels[p.name]: p.values for p in g.paths}
    title = f"{g.name_en} towards the {g.goal:,.0f} {g.unit} goal · {g.name_zh}与目标"
    source = (
        f"Source: GDP from {readings.plural(len(g.sources), 'source')} (see Sources). Paths: this report, from the latest figure "
        f"({format_value(g.base, g.decimals, g.base_bound)}, {g.base_year})."
    )
    return (exact, paths, g.goal, g.unit, title, source), {"bounded": bounded, "goal_year": g.goal_year}


def trillion_html(g: GoalPath) -> str:
    from zonebook.report import charts

    args, kwargs = path_chart_args(g)
    png = charts.drawn_png(charts.paths_chart, *args, **kwargs)
    statements = readings.path_readings(g)
    base = format_value(g.base, g.decimals, g.base_bound)
    caption = (
        f"GDP ({g.unit}): actual figures {int(g.series.index[0])}–{g.base_year} (hollow: known only as a bound) and constant-growth "
        f"paths from {base} in {g.base_year} to the goal of {g.goal:,.0f} {g.unit}"
        + (f", with the goal's year, {g.goal_year}, marked." if g.goal_year else ".")
    )
    rows = [
        {"reading": r.html}
        for r in statements
        if r.template.startswith("path-") and r.template not in ("path-needed", "path-prices", "path-no-prices")
    ]
    assumptions = [r.html for r in statements if r.template in ("path-needed", "path-prices", "path-no-prices")]
    bound_note = (
        f"The latest figure, for {g.base_year}, is known only as {base} {esc(g.unit)}: every path starts from that bound, so each year "
        f"it gives is the latest year the goal is reached on that path. The latest exact figure is "
        f"{esc(format_value(g.exact, g.decimals))} {esc(g.unit)} ({g.exact_year})."
        if g.base_bound != "eq"
        else ""
    )
    items = "".join(f"<li>{a}</li>" for a in assumptions) + (f"<li>{esc(bound_note)}</li>" if bound_note else "")
    items += (
        "<li>The goal is nominal (current prices), as GDP is; the growth target and the growth series are real (comparable "
        "prices), so the nominal rate of a path is (1 + real growth) × (1 + price change) − 1. Each rate is held constant.</li>"
    )
    paths = "".join(f"<li>{r['reading']}</li>" for r in rows)
    return (
        charts.figure_html(png, caption, alt="GDP and growth paths to the goal")
        + f'<p><b>The paths</b></p><ul class="zb-readings">{paths}</ul><p><b>The assumptions</b></p><ul class="zb-readings">{items}</ul>'
    )


def about_html(book) -> str:
    """The front matter's opening paragraph: book.yml's `about`, shown as plain text."""
    text = book.about.get("en", "")
    return f"<p>{esc(text)}</p>" if text else ""


def goal_intro_html(book) -> str:
    """What the overview measures the city against, from book.yml's `goal`."""
    if book.goal is None:
        return "<p><em>This edition names no goal for the city (book.yml has no <code>goal</code>).</em></p>"
    city = book.city.get("en") or "The city"
    return (
        f"<p>{esc(city)}'s stated goal is to become {esc(book.goal.name['en'])} by {book.goal.year}. "
        "How far off is it, and when would each growth path get there?</p>"
    )


def city_targets_html(obs: pd.DataFrame, book) -> str:
    """The targets set for the edition's target year (book.yml's `target_year`)."""
    if book.target_year is None:
        return "<p><em>This edition names no target year (book.yml has no <code>target_year</code>).</em></p>"
    return f"<p>The targets set for {book.target_year}.</p>" + targets_table(obs, str(book.target_year))


def targets_table(obs: pd.DataFrame, period: str) -> str:
    t = metrics.figures(obs[(obs["kind"] == "target") & (obs["period"] == period)])
    if t.empty:
        return f"<p><em>The data holds no targets for {esc(period)}.</em></p>"
    t = t.assign(
        label=t.apply(indicator_label, axis=1),
        figure=t.apply(shown, axis=1),
        src=t["publisher"].where(t["publisher"] != "", t["source"]),
    )
    return table(
        t,
        {
            "label": "Target",
            "figure": "Figure",
            "unit": "Unit",
            "src": "Source",
            "tier": "Tier",
            "quote": "The source's words",
        },
        numeric=("figure",),
    )


def claims_in_brief(verdicts: pd.Series) -> str:
    """A zone's claims by verdict, for the overview table: "4 claims: 1 corroborated, 1 in conflict"."""
    counts = verdicts.value_counts()
    n = int(verdicts.isin(metrics.CLAIMS).sum())
    parts = [f"{int(counts[v])} {readings.VERDICT_WORDS[v]}" for v in metrics.CLAIMS if counts.get(v, 0)]
    missing = int(counts.get("missing", 0))
    text = readings.plural(n, "claim") + (f": {', '.join(parts)}" if parts else "")
    return text + (f"; {missing} announced without a number" if missing else "")


def zones_at_a_glance(ds) -> str:
    ev = metrics.evidence_by_zone(ds.observations, ds.zones)
    audit = metrics.audit(ds.observations, ds.claims_source)
    rows = []
    for z, e in zip(ds.zones.itertuples(index=False), ev.itertuples(index=False)):
        link = f'<a href="zones/{z.order:02d}-{z.zone}.html">{esc(z.name_en)}</a>'
        rows.append(
            {
                "zone_html": f"{z.order}. {link}",
                "name_zh": z.name_zh,
                "summary": z.summary_en,
                "figures": e.figures,
                "claims": claims_in_brief(audit[audit["zone"] == z.zone]["verdict"]),
            }
        )
    return table(
        pd.DataFrame(rows),
        {
            "zone_html": "Zone",
            "name_zh": "中文",
            "summary": "What the article says",
            "figures": "Figures",
            "claims": "Article claims",
        },
    )


def findings(ds) -> list[str]:
    """The key findings, each a row of data/readings.csv."""
    return [r.html for r in readings.findings(ds)]


def findings_html(ds) -> str:
    return '<ul class="zb-findings">' + "".join(f"<li>{s}</li>" for s in findings(ds)) + "</ul>"


def evidence_chart_html(ds) -> str:
    from zonebook.report import charts

    ev = metrics.evidence_by_zone(ds.observations, ds.zones)
    labels = [f"{r.name_en}\n{r.name_zh}" for r in ev.itertuples(index=False)]
    tiers = pd.DataFrame(
        {
            "A": ev["tier_A"].to_numpy(),
            "B": ev["tier_B"].to_numpy(),
            "C": ev["tier_C"].to_numpy(),
            "gap": ev["gaps"].to_numpy(),
        },
        index=labels,
    )
    by_tier = charts.drawn_png(
        charts.stacked_bars,
        tiers,
        {"A": "#1f4e79", "B": "#5b9bd5", "C": "#d9822b", "gap": "#bbbbbb"},
        "Figures behind each zone, by source tier",
        "number of figures",
        "Source: data/observations.csv and data/sources.csv of this edition.",
        labels={"A": "tier A", "B": "tier B", "C": "tier C (incl. the article)", "gap": "promised, number missing"},
    )
    kinds = pd.DataFrame({k: ev[k].to_numpy() for k in ("actual", "estimate", "target")}, index=labels)
    by_kind = charts.drawn_png(
        charts.stacked_bars,
        kinds,
        {"actual": "#1f4e79", "estimate": "#d9822b", "target": "#b03a2e"},
        "Actuals, estimates and targets in each zone",
        "number of figures",
        "Source: data/observations.csv of this edition.",
    )
    return charts.figure_html(
        by_tier,
        "How much each zone is backed by numbers, and by which kinds of source (tier A official or mainstream, B official text on mirrors, C third-party or self-media), with the figures the article promises but omits.",
        "Bar chart of figures by tier per zone",
    ) + charts.figure_html(
        by_kind,
        "How many of each zone's figures are actual results, estimates and targets.",
        "Bar chart of figures by kind per zone",
    )


def audit_chart_html(ds) -> str:
    from zonebook.report import charts

    audit = metrics.audit(ds.observations, ds.claims_source)
    if audit.empty:
        return ""
    names = {**dict(zip(ds.zones["zone"], ds.zones["name_en"] + "\n" + ds.zones["name_zh"])), "city": "City-wide\n全市"}
    counts = audit.assign(where=audit["zone"].map(names)).pivot_table(
        index="where", columns="verdict", values="indicator", aggfunc="count", fill_value=0
    )
    order = [names[z] for z in ["city", *ds.zones["zone"]] if names[z] in counts.index]
    counts = counts.reindex(order)[[v for v in metrics.VERDICT_ORDER if v in counts.columns]]
    png = charts.drawn_png(
        charts.stacked_bars,
        counts,
        charts.VERDICT_COLOUR,
        "The article's claims against the public record",
        "number of claims",
        "Source: the article and the public record in data/ of this edition; verdicts as defined in Data and methods.",
        labels=metrics.VERDICT_LABEL,
    )
    return charts.figure_html(
        png,
        "Each of the article's figures checked against the other sources for the same indicator and period.",
        "Bar chart of audit verdicts per zone",
    )


FLAGGED = ["conflict", "bounded", "revised", "partly", "weak"]  # the claims the audit page lists first


def conflicts_html(ds) -> str:
    audit = metrics.audit(ds.observations, ds.claims_source)
    rows = audit[audit["verdict"].isin(FLAGGED)]
    order = {v: i for i, v in enumerate(FLAGGED)}
    rows = rows.iloc[rows["verdict"].map(order).argsort(kind="stable")]
    return (
        audit_table(rows)
        if len(rows)
        else "<p><em>No claim conflicts with the record or rests on weak support.</em></p>"
    )


def inconsistencies_html(ds) -> str:
    inc = metrics.internal_inconsistencies(ds.observations, ds.claims_source)
    if inc.empty:
        return "<p><em>The article does not contradict itself in the data recorded.</em></p>"
    inc = inc.assign(
        reading=[r.sentence for r in readings.inconsistency_readings(inc)], quotes_txt=inc["quotes"].map(" / ".join)
    )
    return table(inc, {"reading": "Reading", "kind_of_issue": "Issue", "quotes_txt": "The article's words"})


def gaps_html(ds, verdict: str, empty: str) -> str:
    audit = metrics.audit(ds.observations, ds.claims_source)
    gaps = audit[audit["verdict"] == verdict]
    if gaps.empty:
        return f"<p><em>{esc(empty)}</em></p>"
    names = {**dict(zip(ds.zones["zone"], ds.zones["name_en"])), "city": "City-wide"}
    gaps = gaps.assign(
        label=gaps.apply(lambda r: f"{r.name_en} ({r.name_zh})", axis=1), zone_name=gaps["zone"].map(names)
    )
    return table(gaps, {"label": "Indicator", "zone_name": "Zone", "quote": "The article's words"})


def missing_html(ds) -> str:
    return gaps_html(ds, "missing", "Every figure the article announces has a number.")


def no_figure_html(ds) -> str:
    return gaps_html(ds, "no-figure", "Every clause of the article that reads like a result announces its figure.")


def deck_links_html(stem: str, up: str) -> str:
    """Links to the seminar decks the build publishes under slides/ (`up` climbs from the page to the book's root)."""
    stem = esc(stem)
    return (
        f'<p class="zb-decks">To present this in a seminar: <a href="{up}slides/{stem}.pptx" download>PowerPoint deck</a> '
        f"(PowerPoint or WPS; editable charts, speaker notes with every figure, source and quote) · "
        f'<a href="{up}slides/{stem}.html">slides in the browser</a> (works offline; press N to show the speaker notes).</p>'
    )


def evidence_table(ds) -> str:
    """The evidence counts per zone, compact enough for the page: tiers and kinds as A / B / C triples."""
    ev = metrics.evidence_by_zone(ds.observations, ds.zones)
    ev = ev.assign(
        zone_label=ev["name_en"] + " · " + ev["name_zh"],
        tiers=ev.apply(lambda r: f"{r.tier_A} / {r.tier_B} / {r.tier_C}", axis=1),
        kinds=ev.apply(lambda r: f"{r.actual} / {r.estimate} / {r.target}", axis=1),
    )
    return table(
        ev,
        {
            "zone_label": "Zone",
            "figures": "Figures",
            "indicators": "Indicators",
            "series": "Series (3+ periods)",
            "tiers": "Tier A / B / C",
            "kinds": "Actual / estimate / target",
            "gaps": "Numbers missing",
        },
        numeric=("figures", "indicators", "series", "tiers", "kinds", "gaps"),
    )


def changes_note_html(summary: str) -> str:
    """The front matter's pointer to the "What changed" page, with its one-line summary."""
    if not summary:
        return ""
    return f'<p class="zb-changes"><b>This edition:</b> {esc(summary)} <a href="changes.html">What changed</a></p>'
