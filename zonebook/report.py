"""The report's tables and sentences as HTML, generated from the data.

Everything that comes from a CSV goes through `esc` (or pandas' escaping), so markup in the data
is shown as text, never run.
"""

from __future__ import annotations

import html
import math

import pandas as pd

from zonebook import metrics
from zonebook.data import format_value

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
    kf = kf.assign(label=kf.apply(indicator_label, axis=1), figure=kf.apply(shown, axis=1),
                   bound_txt=kf["bound"].map(BOUND_LABEL), source_txt=kf["publisher"].where(kf["publisher"] != "", kf["source"]))
    return table(kf, {"label": "Indicator", "figure": "Latest", "unit": "Unit", "period": "Period", "kind": "Kind",
                      "bound_txt": "Bound", "source_txt": "Source", "tier": "Tier"}, numeric=("figure",))


def readings(obs: pd.DataFrame) -> list[str]:
    """Sentences of computed readings: growth, CAGR, and targets against the latest actuals."""
    sentences = []
    numbers = metrics.figures(obs)
    ranked = metrics.best_per_period(numbers)  # once for all indicators: pandas per-group sorting is the slow part
    for indicator, best in ranked.groupby("indicator", sort=False):
        first = best.iloc[0]
        if first.unit == "%":
            continue  # growth of a rate is not a reading; rates are compared in the targets below
        series, bounds = metrics.yearly(best), metrics.yearly(best, "bound")
        if len(series) >= 2:
            y0, y1 = int(series.index[0]), int(series.index[-1])
            rate = metrics.cagr(series.iloc[0], series.iloc[-1], y1 - y0)
            qualifier = metrics.rate_qualifier(bounds.iloc[0], bounds.iloc[-1])
            growth = metrics.growth_rates(series)
            last = ""
            if len(growth) and growth.index[-1] == y1:
                last = f" and by {metrics.rate_qualifier(bounds[y1 - 1], bounds[y1])}{growth.iloc[-1]:.1f}% in {y1}"
            sentences.append(
                f"<b>{esc(indicator_label(first))}</b> went from {esc(format_value(series.iloc[0], first.decimals, bounds.iloc[0]))} {esc(first.unit)} in {y0} "
                f"to {esc(format_value(series.iloc[-1], first.decimals, bounds.iloc[-1]))} {esc(first.unit)} in {y1}: "
                + (f"{qualifier}{rate:.1f}% a year on average (compound){last}." if math.isfinite(rate)
                   else f"no compound rate, since a figure is not positive{last}."))
    for t in metrics.targets_against_actuals(obs).itertuples(index=False):
        target = f"{esc(BOUND_LABEL[t.target_bound])} {esc(format_value(t.target, t.decimals))} {esc(t.unit)}".replace("= ", "")
        if pd.isna(t.actual):
            sentences.append(f"<b>{esc(t.name_en)} ({esc(t.name_zh)})</b>: target {target} for {esc(t.target_period)}; no earlier actual figure in the data to measure it against.")
            continue
        text = (f"<b>{esc(t.name_en)} ({esc(t.name_zh)})</b>: target {target} for {esc(t.target_period)}, against "
                f"{esc(format_value(t.actual, t.decimals, t.actual_bound))} {esc(t.unit)} in {esc(t.actual_period)}")
        if t.unit == "%":
            text += f" ({t.gap:+.{max(1, t.decimals)}f} percentage points to go)."
        elif t.gap <= 0:
            text += ": already reached."
        elif not pd.isna(t.required_growth_pct):
            text += f": a gap of {esc(format_value(t.gap, t.decimals))} {esc(t.unit)}, which needs {t.required_growth_pct:.1f}% growth a year."
        else:
            text += "."
        sentences.append(text)
    return sentences


def readings_html(obs: pd.DataFrame) -> str:
    items = readings(obs)
    if not items:
        return "<p><em>No indicator here has two full-year actuals or a target with an earlier actual, so nothing is computed.</em></p>"
    return "<ul class=\"zb-readings\">" + "".join(f"<li>{s}</li>" for s in items) + "</ul>"


def evidence_html(obs: pd.DataFrame) -> str:
    e = metrics.evidence(obs)
    gaps = obs[obs["is_gap"]]
    text = (f"<p>This part rests on <b>{e['figures']}</b> figures for {e['indicators']} indicators from {e['sources']} sources: "
            f"{e['tier_A']} from tier A (official bodies, mainstream media), {e['tier_B']} from tier B (official text on mirror sites) and "
            f"{e['tier_C']} from tier C (third-party compilations and self-media). "
            f"{e['actual']} are actuals, {e['estimate']} estimates and {e['target']} targets; {e['series']} indicators have a series of three or more periods.</p>")
    if len(gaps):
        items = "".join(f"<li>{esc(g.name_en)} ({esc(g.name_zh)}): «{esc(g.quote)}»</li>" for g in gaps.itertuples(index=False))
        text += f"<p>The source promises <b>{len(gaps)}</b> figure(s) here but gives no number:</p><ul>{items}</ul>"
    return text


def quotes_html(obs: pd.DataFrame) -> str:
    """The sources' own words for every figure, folded away under a summary."""
    rows = obs.assign(label=obs.apply(indicator_label, axis=1), figure=obs.apply(shown, axis=1))
    inner = table(rows, {"label": "Indicator", "period": "Period", "figure": "Figure", "source": "Source", "tier": "Tier", "quote": "The source's words", "note": "Note"})
    return f'<details class="zb-quotes"><summary>The sources\' own words for every figure ({len(rows)})</summary>{inner}</details>'


def zone_intro_html(zone: pd.Series, claims: pd.DataFrame) -> str:
    """The zone's names, the article's summary and its claims in brief."""
    text = f'<p class="zb-lede"><b>{esc(zone["name_zh"])}</b> · {esc(zone["summary_en"])}</p>'
    if len(claims):
        figures = metrics.figures(claims)
        text += (f"<p>The article makes <b>{len(figures)}</b> numerical claims about this area"
                 + (f" and promises <b>{int(claims['is_gap'].sum())}</b> more without giving the number" if claims["is_gap"].any() else "")
                 + ".</p>")
    return text


def audit_table(audit: pd.DataFrame) -> str:
    if audit.empty:
        return "<p><em>No claims to check.</em></p>"
    a = audit.assign(
        label=audit.apply(lambda r: f"{r.name_en} ({r.name_zh})", axis=1),
        claim=audit.apply(lambda r: format_value(r.value, r.decimals, r.bound), axis=1),
        record=audit.apply(lambda r: "" if pd.isna(r.record_value) else f"{format_value(r.record_value, r.decimals, r.record_bound)} ({r.record_publisher}, tier {r.record_tier})", axis=1),
        verdict_html=audit["verdict"].map(lambda v: f'<span class="zb-verdict zb-{v}">{html.escape(metrics.VERDICT_LABEL[v])}</span>'),
    )
    return table(a, {"label": "Indicator", "period": "Period", "kind": "Kind", "claim": "The article says", "record": "The record says",
                     "verdict_html": "Verdict", "quote": "The article's words"}, numeric=("claim",))


def series_figures(obs: pd.DataFrame, min_periods: int = 2) -> list[str]:
    """A captioned chart for every indicator with figures for `min_periods` or more periods."""
    from zonebook import charts

    out = []
    numbers = metrics.figures(obs)
    for indicator, group in numbers.groupby("indicator", sort=False):
        if group["period"].nunique() < min_periods:
            continue
        first = group.iloc[0]
        kinds = ", ".join(k for k in ("actual", "estimate", "target") if k in set(group["kind"]))
        caption = (f"{first.name_en} ({first.name_zh}), {first.unit}, {group['period'].iloc[0]}–{group['period'].iloc[-1]} "
                   f"({kinds}). Filled markers are actuals and estimates, hollow markers and dashed lines targets; where sources "
                   f"differ on a period each is drawn side by side. Sources: "
                   + "; ".join(f"{s.publisher or s.source}, {s.title} (tier {s.tier})" for s in group.drop_duplicates("source").itertuples(index=False)))
        out.append(charts.figure_html(charts.series_png(group), caption, alt=f"Chart of {first.name_en} over time"))
    return out


# --- city-wide pages --------------------------------------------------------------------------


def trillion_paths(ds, gdp: str = "gdp", growth: str = "gdp-growth", goal: float = 10000.0) -> dict | None:
    """When does GDP reach the goal on each growth path? Base: the latest exact full-year actual.

    Paths: the 2026 growth target; the compound trend of the actual series since 2020; and a slower
    case, the slowest real growth the data records since 2020. Growth is applied to the nominal level.
    """
    obs = ds.observations
    series = metrics.annual_actuals(obs[obs["bound"] == "eq"], gdp)
    if len(series) < 2:
        return None
    base_year, base = int(series.index[-1]), float(series.iloc[-1])
    since = series[series.index >= 2020]
    rows = []
    targets = metrics.figures(obs[(obs["indicator"] == growth) & (obs["kind"] == "target")]).sort_values("period_start")
    if len(targets):
        t = targets.iloc[-1]
        rows.append((f"{t.period} target, {format_value(t.value, t.decimals, t.bound)}% a year", float(t.value), f"{t.publisher or t.source}"))
    if len(since) >= 2:
        trend = metrics.cagr(since.iloc[0], since.iloc[-1], since.index[-1] - since.index[0])
        rate = f", {trend:.1f}% a year" if math.isfinite(trend) else ""
        rows.append((f"{since.index[0]}–{since.index[-1]} trend{rate}", trend, "computed from the GDP series"))
    real = metrics.annual_actuals(obs, growth)
    real = real[real.index >= 2020]
    if len(real):
        slow_year = int(real.idxmin())
        rows.append((f"slower case, {real.min():.1f}% a year (the slowest growth since 2020, in {slow_year})", float(real.min()), "the real-growth series"))
    why_not = {label: metrics.unprojectable(base_year, base, goal, rate) for label, rate, _ in rows}  # said, not drawn
    reach = [(label, rate, metrics.year_reaching(base_year, base, goal, rate), basis)
             for label, rate, basis in rows if not why_not[label]]
    until = max([y for _, _, y, _ in reach if y] + [base_year + 1]) + 1
    first = obs[obs["indicator"] == gdp].iloc[0]
    return {"series": series[series.index >= 2020], "base_year": base_year, "base": base, "goal": goal, "unit": first.unit, "name_en": first.name_en,
            "name_zh": first.name_zh, "reach": reach, "paths": {label: metrics.path(base_year, base, rate, until) for label, rate, _, _ in reach},
            "sources": sorted(set(metrics.best_per_period(obs[obs["indicator"] == gdp])["publisher"])),
            "unprojected": [(label, why) for label, why in why_not.items() if why]}


def trillion_html(t: dict) -> str:
    from zonebook import charts

    not_projected = "".join(f"<p><em>{esc(label)}: not projected, since {esc(why)}.</em></p>"
                            for label, why in t["unprojected"])
    if not t["reach"]:
        return not_projected
    png = charts.drawn_png(charts.paths_chart, t["series"], t["paths"], t["goal"], t["unit"],
                           f"GDP towards the {t['goal']:,.0f} {t['unit']} goal · 地区生产总值与万亿目标",
                           f"Source: GDP from {len(t['sources'])} sources (tier A first; see Sources). Growth paths computed by this report.")
    caption = (f"GDP ({t['unit']}), actual figures and three constant-growth paths from {t['base_year']} "
               f"({format_value(t['base'], 2)} {t['unit']}) to the goal of {t['goal']:,.0f} {t['unit']}.")
    rows = [{"path": label, "rate": f"{rate:.1f}%", "year": str(year) if year else "never", "basis": basis} for label, rate, year, basis in t["reach"]]
    return charts.figure_html(png, caption, alt="GDP and growth paths to the goal") + table(
        pd.DataFrame(rows), {"path": "Growth path", "rate": "Annual growth", "year": "Goal reached in", "basis": "Basis"}
    ) + not_projected


def targets_table(obs: pd.DataFrame, period: str) -> str:
    t = metrics.figures(obs[(obs["kind"] == "target") & (obs["period"] == period)])
    if t.empty:
        return f"<p><em>The data holds no targets for {esc(period)}.</em></p>"
    t = t.assign(label=t.apply(indicator_label, axis=1), figure=t.apply(shown, axis=1), src=t["publisher"].where(t["publisher"] != "", t["source"]))
    return table(t, {"label": "Target", "figure": "Figure", "unit": "Unit", "src": "Source", "tier": "Tier", "quote": "The source's words"}, numeric=("figure",))


def zones_at_a_glance(ds) -> str:
    ev = metrics.evidence_by_zone(ds.observations, ds.zones)
    audit = metrics.audit(ds.observations, ds.claims_source)
    rows = []
    for z, e in zip(ds.zones.itertuples(index=False), ev.itertuples(index=False)):
        a = audit[audit["zone"] == z.zone]["verdict"].value_counts()
        link = f'<a href="zones/{z.order:02d}-{z.zone}.html">{esc(z.name_en)}</a>'
        rows.append({"zone_html": f"{z.order}. {link}", "name_zh": z.name_zh, "summary": z.summary_en, "figures": e.figures,
                     "claims": f"{int(a.sum())} ({int(a.get('corroborated', 0))} corroborated, {int(a.get('conflict', 0))} in conflict, {int(a.get('missing', 0))} missing)"})
    return table(pd.DataFrame(rows), {"zone_html": "Zone", "name_zh": "中文", "summary": "What the article says", "figures": "Figures", "claims": "Article claims"})


def findings(ds) -> list[str]:
    """The key findings, each sentence's numbers computed from the data."""
    obs, audit = ds.observations, metrics.audit(ds.observations, ds.claims_source)
    out = []
    if len(audit):
        v = audit["verdict"].value_counts()
        out.append(f"The article makes <b>{int((audit['verdict'] != 'missing').sum())}</b> numerical claims; "
                   f"<b>{int(v.get('corroborated', 0))}</b> are corroborated by another source, <b>{int(v.get('partly', 0))}</b> are compatible "
                   f"with the record without being confirmed, <b>{int(v.get('conflict', 0))}</b> conflict with it and "
                   f"<b>{int(v.get('unverified', 0))}</b> find no other source. It promises <b>{int(v.get('missing', 0))}</b> more figures but prints no number.")
    t = trillion_paths(ds)
    if t:
        reach = "; ".join(f"{esc(label)}: {year or 'never'}" for label, _, year, _ in t["reach"])
        not_projected = "; ".join(f"{esc(label)} ({esc(why)})" for label, why in t["unprojected"])
        out.append(f"GDP was {format_value(t['base'], 2)} {esc(t['unit'])} in {t['base_year']}."
                   + (f" The {t['goal']:,.0f} {esc(t['unit'])} (万亿) goal is reached — {reach}." if reach else "")
                   + (f" Not projected: {not_projected}." if not_projected else ""))
    ev = metrics.evidence_by_zone(obs, ds.zones)
    if len(ev):
        most, least = ev.sort_values("figures").iloc[-1], ev.sort_values("figures").iloc[0]
        out.append(f"Evidence is uneven across the zones: <b>{esc(most['name_en'])}</b> rests on {most['figures']} figures, "
                   f"<b>{esc(least['name_en'])}</b> on {least['figures']}.")
    inc = metrics.internal_inconsistencies(obs, ds.claims_source)
    if len(inc):
        out.append(f"The article contradicts itself in <b>{len(inc)}</b> place(s), for example on {esc(inc.iloc[0]['name_en'])} "
                   f"({esc(inc.iloc[0]['kind_of_issue'])}: {esc(', '.join(inc.iloc[0]['periods']))}).")
    return out


def findings_html(ds) -> str:
    return "<ul class=\"zb-findings\">" + "".join(f"<li>{s}</li>" for s in findings(ds)) + "</ul>"


def evidence_chart_html(ds) -> str:
    from zonebook import charts

    ev = metrics.evidence_by_zone(ds.observations, ds.zones)
    labels = [f"{r.name_en}\n{r.name_zh}" for r in ev.itertuples(index=False)]
    tiers = pd.DataFrame({"A": ev["tier_A"].to_numpy(), "B": ev["tier_B"].to_numpy(), "C": ev["tier_C"].to_numpy(), "gap": ev["gaps"].to_numpy()}, index=labels)
    by_tier = charts.drawn_png(charts.stacked_bars, tiers, {"A": "#1f4e79", "B": "#5b9bd5", "C": "#d9822b", "gap": "#bbbbbb"},
                               "Figures behind each zone, by source tier", "number of figures",
                               "Source: data/observations.csv and data/sources.csv of this edition.",
                               labels={"A": "tier A", "B": "tier B", "C": "tier C (incl. the article)", "gap": "promised, number missing"})
    kinds = pd.DataFrame({k: ev[k].to_numpy() for k in ("actual", "estimate", "target")}, index=labels)
    by_kind = charts.drawn_png(charts.stacked_bars, kinds, {"actual": "#1f4e79", "estimate": "#d9822b", "target": "#b03a2e"},
                               "Actuals, estimates and targets in each zone", "number of figures", "Source: data/observations.csv of this edition.")
    return (charts.figure_html(by_tier, "How much each zone is backed by numbers, and by which kinds of source (tier A official or mainstream, B official text on mirrors, C third-party or self-media), with the figures the article promises but omits.", "Bar chart of figures by tier per zone")
            + charts.figure_html(by_kind, "How many of each zone's figures are actual results, estimates and targets.", "Bar chart of figures by kind per zone"))


def audit_chart_html(ds) -> str:
    from zonebook import charts

    audit = metrics.audit(ds.observations, ds.claims_source)
    if audit.empty:
        return ""
    names = {**dict(zip(ds.zones["zone"], ds.zones["name_en"] + "\n" + ds.zones["name_zh"])), "city": "City-wide\n全市"}
    counts = audit.assign(where=audit["zone"].map(names)).pivot_table(index="where", columns="verdict", values="indicator", aggfunc="count", fill_value=0)
    order = [names[z] for z in ["city", *ds.zones["zone"]] if names[z] in counts.index]
    counts = counts.reindex(order)[[v for v in metrics.VERDICT_ORDER if v in counts.columns]]
    png = charts.drawn_png(charts.stacked_bars, counts, charts.VERDICT_COLOUR, "The article's claims against the public record", "number of claims",
                           "Source: the article and the public record in data/ of this edition; verdicts as defined in Data and methods.",
                           labels=metrics.VERDICT_LABEL)
    return charts.figure_html(png, "Each of the article's figures checked against the other sources for the same indicator and period.", "Bar chart of audit verdicts per zone")


def conflicts_html(ds) -> str:
    audit = metrics.audit(ds.observations, ds.claims_source)
    rows = audit[audit["verdict"].isin(["conflict", "partly"])]
    return audit_table(rows) if len(rows) else "<p><em>No claim conflicts with the record.</em></p>"


def inconsistencies_html(ds) -> str:
    inc = metrics.internal_inconsistencies(ds.observations, ds.claims_source)
    if inc.empty:
        return "<p><em>The article does not contradict itself in the data recorded.</em></p>"
    inc = inc.assign(periods_txt=inc["periods"].map(", ".join), values_txt=inc["shown"].map(", ".join),
                     quotes_txt=inc["quotes"].map(" / ".join))
    return table(inc, {"name_en": "Indicator", "kind_of_issue": "Issue", "periods_txt": "Periods", "values_txt": "Figures", "quotes_txt": "The article's words"})


def missing_html(ds) -> str:
    audit = metrics.audit(ds.observations, ds.claims_source)
    gaps = audit[audit["verdict"] == "missing"]
    if gaps.empty:
        return "<p><em>Every figure the article promises has a number.</em></p>"
    names = {**dict(zip(ds.zones["zone"], ds.zones["name_en"])), "city": "City-wide"}
    gaps = gaps.assign(label=gaps.apply(lambda r: f"{r.name_en} ({r.name_zh})", axis=1), zone_name=gaps["zone"].map(names))
    return table(gaps, {"label": "Indicator", "zone_name": "Zone", "quote": "The article's words"})


def deck_links_html(stem: str, up: str) -> str:
    """Links to the seminar decks the build publishes under slides/ (`up` climbs from the page to the book's root)."""
    stem = esc(stem)
    return (f'<p class="zb-decks">To present this in a seminar: <a href="{up}slides/{stem}.pptx" download>PowerPoint deck</a> '
            f'(PowerPoint or WPS; editable charts, speaker notes with every figure, source and quote) · '
            f'<a href="{up}slides/{stem}.html">slides in the browser</a> (works offline; press N to show the speaker notes).</p>')


def evidence_table(ds) -> str:
    """The evidence counts per zone, compact enough for the page: tiers and kinds as A / B / C triples."""
    ev = metrics.evidence_by_zone(ds.observations, ds.zones)
    ev = ev.assign(zone_label=ev["name_en"] + " · " + ev["name_zh"],
                   tiers=ev.apply(lambda r: f"{r.tier_A} / {r.tier_B} / {r.tier_C}", axis=1),
                   kinds=ev.apply(lambda r: f"{r.actual} / {r.estimate} / {r.target}", axis=1))
    return table(ev, {"zone_label": "Zone", "figures": "Figures", "indicators": "Indicators", "series": "Series (3+ periods)",
                      "tiers": "Tier A / B / C", "kinds": "Actual / estimate / target", "gaps": "Numbers missing"},
                 numeric=("figures", "indicators", "series", "tiers", "kinds", "gaps"))


def changes_note_html(summary: str) -> str:
    """The front matter's pointer to the "What changed" page, with its one-line summary."""
    if not summary:
        return ""
    return f'<p class="zb-changes"><b>This edition:</b> {esc(summary)} <a href="changes.html">What changed</a></p>'
