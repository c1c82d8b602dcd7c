"""The report's tables and sentences as HTML, generated from the data.

Everything that comes from a CSV goes through `esc` (or pandas' escaping), so markup in the data
is shown as text, never run.
"""

from __future__ import annotations

import dataclasses
import html

import pandas as pd

from zonebook import frames
from zonebook import lang as words
from zonebook.analysis import metrics, readings
from zonebook.analysis.goal import GoalPath, goal_path
from zonebook.data import CITY, format_value
from zonebook.report import figures, localize, model, tables
from zonebook.report.words import say

_CHINESE: dict[int, tuple] = {}  # id(dataset) -> (dataset, its readings_zh.Chinese): built once per dataset


def _chinese(ds):
    from zonebook.analysis import readings_zh

    kept = _CHINESE.get(id(ds))
    if kept is None or kept[0] is not ds:
        kept = _CHINESE[id(ds)] = (ds, readings_zh.Chinese(ds))
    return kept[1]


def said(r, lang: str = "en", ds=None) -> str:
    """A reading as HTML in a language (Chinese: analysis.readings_zh, which needs the dataset's names)."""
    return r.html if lang == "en" else _chinese(ds).html(r)


def sentences_in(found: list, lang: str, ds) -> dict[str, tuple[str, str]]:
    """English sentence → (sentence, HTML) in `lang`, for the readings a table prints (report.localize)."""
    if lang == "en":
        return {}
    chinese = _chinese(ds)
    return {r.sentence: (chinese.sentence(r), chinese.html(r)) for r in found}


def esc(value) -> str:
    return html.escape("" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value))


def download_link(item: model.Table | model.Chart, what: str, lang: str = "en") -> str:
    """A small link to a CSV of exactly what a table or chart (`what`) shows, with its sources and their words."""
    name = esc(item.name)
    return (
        f'<a class="zb-download" download="{name}.csv" href="{model.data_url(model.csv_of(item))}" '
        f'title="{esc(say("download-title", lang, what=what))}">{esc(say("table-csv", lang))}</a>'
    )


def table_html(t: model.Table, lang: str = "en") -> str:
    """A model table: its key columns first and in view on a phone, the rest scrolling inside the table's own
    box (never the page); long tables show `t.short` rows and a toggle for the rest; a CSV download below."""
    if not t.rows:
        return f"<p><em>{esc(t.empty)}</em></p>"
    columns = t.shown

    def cls(c: model.Column) -> str:
        return f' class="zb-{c.role}{" zb-key" if c.essential else ""}"'

    head = "".join(f'<th{cls(c)} scope="col">{esc(c.title)}</th>' for c in columns)
    folded = t.short and len(t.rows) > t.short + 2  # never a toggle that hides one or two rows
    body = []
    for i, row in enumerate(t.rows):
        cells = "".join(
            f"<td{cls(c)}>{row.markup[c.key] if c.key in row.markup else esc(row.cells.get(c.key, ''))}</td>"
            for c in columns
        )
        body.append(f'<tr class="zb-extra">{cells}</tr>' if folded and i >= t.short else f"<tr>{cells}</tr>")
    css = f"zb-table {t.css}".strip()
    caption = f"<caption>{esc(t.caption)}</caption>" if t.caption else ""
    grid = (
        f'<div class="zb-scroll" role="region" tabindex="0" aria-label="{esc(t.caption or t.name.replace("-", " "))} (scrolls sideways)">'
        f'<table class="{css}">{caption}<thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table></div>'
    )
    box, label = "", ""
    if folded:
        name = f"zb-all-{esc(t.name)}"
        box = f'<input type="checkbox" class="zb-toggle" id="{name}"/>'
        label = (
            f'<label class="zb-toggle-label" for="{name}"><span class="zb-when-short">{say("table-all", lang, n=len(t.rows))}</span>'
            f'<span class="zb-when-long">{say("table-first", lang, n=t.short)}</span></label> · '
        )
    link = download_link(t, say("table-this", lang), lang)
    return f'<div class="zb-table-block">{box}{grid}<p class="zb-table-foot">{label}{link}</p></div>'


def key_figures_table(obs: pd.DataFrame, name: str = "key-figures", short: int = 0, lang: str = "en", ds=None) -> str:
    return table_html(localize.table(tables.key_figures(obs, name, short), lang, ds), lang)


def readings_html(obs: pd.DataFrame, lang: str = "en", ds=None) -> str:
    """The computed readings of a part of the book (trends, then targets), each a row of data/readings.csv; in
    Chinese (`lang="zh"`) with the dataset `ds` for its names."""
    items = readings.part_readings(obs)
    if not items:
        return f"<p><em>{say('no-readings', lang)}</em></p>"
    return '<ul class="zb-readings">' + "".join(f"<li>{said(r, lang, ds)}</li>" for r in items) + "</ul>"


def evidence_html(obs: pd.DataFrame, claims_source: str | None = None, lang: str = "en", ds=None) -> str:
    """What a part rests on, and the figures its source announces without a number (rows of data/readings.csv)."""
    zone = obs["zone"].iloc[0] if len(obs) else ""
    found = readings.part_summaries(obs, claims_source, zone)
    text = f"<p>{said(found['evidence'], lang, ds)}</p>" if "evidence" in found else ""
    gaps = obs[obs["is_gap"]]
    announced = gaps["quote"].map(metrics.announces_figure).astype(bool)
    for key, rows in (("gaps", gaps.loc[announced]), ("no-figure", gaps.loc[~announced])):
        if key in found:
            items = "".join(
                "<li>"
                + say(
                    "gap-item",
                    lang,
                    name_en=esc(g.name_en),
                    name_zh=esc(g.name_zh),
                    quote=esc(words.quote(g.quote, lang)),
                )
                + "</li>"
                for g in frames.rows(rows)
            )
            text += f"<p>{said(found[key], lang, ds)}</p><ul>{items}</ul>"
    return text


def quotes_html(obs: pd.DataFrame, name: str = "figures-and-words", lang: str = "en", ds=None) -> str:
    """The sources' own words for every figure, folded away under a summary."""
    return (
        f'<details class="zb-quotes"><summary>{say("quotes-summary", lang, n=len(obs))}</summary>'
        f"{table_html(localize.table(tables.quotes(obs, name), lang, ds), lang)}</details>"
    )


def zone_intro_html(zone: pd.Series, obs: pd.DataFrame, claims_source: str | None, lang: str = "en") -> str:
    """The zone's names and the article's summary of it (in Chinese: summary_zh, or the English marked)."""
    if lang != "en":
        return f'<p class="zb-lede">{words.html_text(zone, "summary_en", lang)}</p>'
    return f'<p class="zb-lede"><b>{esc(zone["name_zh"])}</b> · {esc(zone["summary_en"])}</p>'


def takeaways_html(ds, zone: str | None, lang: str = "en") -> str:
    """What a chapter opens with: its takeaways (`readings.takeaways`), then the claims against the record, one line
    each (zone None: the city's)."""
    items = "".join(f"<li>{said(r, lang, ds)}</li>" for r in readings.takeaways(ds, zone))
    part = zone or CITY
    audit = metrics.audit(ds.observations[ds.observations["zone"] == part], ds.claims_source)
    compact = tables.claims_compact(audit, f"claims-in-brief-{part}")
    title = say("in-brief", lang)
    return f'<section class="zb-takeaways"><p class="zb-takeaways-title">{title}</p><ul>{items}</ul></section>' + (
        table_html(localize.table(compact, lang, ds), lang) if compact.rows else ""
    )


def audit_table(audit: pd.DataFrame, name: str = "claims", short: int = 0, lang: str = "en", ds=None) -> str:
    """Every claim with its verdict, the reading that explains it (a row of data/readings.csv) and both sides' words."""
    t = tables.audit_table(audit, name, short)
    return table_html(localize.table(t, lang, ds, sentences_in(readings.audit_readings(audit), lang, ds)), lang)


def chart_link(item: model.Table | model.Chart, what: str, lang: str) -> str:
    """The CSV download under a chart, in the page's language."""
    return download_link(item, say(f"chart-{what}", lang), lang)


def series_figures(obs: pd.DataFrame, min_periods: int = 2, lang: str = "en") -> list[str]:
    """A captioned chart, with its CSV, for every indicator and frequency with figures for `min_periods` or more
    periods (figures.series_charts), every text in `lang`."""
    from zonebook.report import charts

    return [
        charts.figure_html(charts.series_png(spec), spec.caption, spec.alt, chart_link(spec, "data", lang))
        for spec in figures.series_charts(obs, min_periods, lang)
    ]


def series_figures_html(obs: pd.DataFrame, min_periods: int = 2, empty: bool = True, lang: str = "en") -> str:
    """`series_figures` as one block; with `empty`, a sentence saying why there is none where nothing is charted."""
    found = "".join(series_figures(obs, min_periods, lang))
    return found or (f"<p><em>{say('no-charts', lang)}</em></p>" if empty else "")


# --- city-wide pages --------------------------------------------------------------------------


def trillion_paths(ds, gdp: str, growth: str, goal: float) -> GoalPath | None:
    """The path to a goal (see `goal.goal_path`), from the city-wide figures; the edition's own: `goal.edition_path`."""
    obs = ds.observations
    return goal_path(obs[obs["zone"] == CITY], gdp, growth, goal)


PATH_LABEL = {
    "en": {
        "target": "{period} target: {real} real, {nominal} nominal",
        "trend": "trend {y0}–{y1}: {nominal} nominal",
        "slow": "slow case: {nominal} nominal",
    },
    "zh": {
        "target": "按{period}目标：实际增长{real}，现价增长{nominal}",
        "trend": "按{y0}至{y1}趋势：现价增长{nominal}",
        "slow": "慢速情形：现价增长{nominal}",
    },
}
GOAL_WORDS = {  # the goal's chart and the lists under it
    "en": {
        "paths": "The paths",
        "assumptions": "The assumptions",
        "none": "The data has no series to project towards the goal.",
        "alt": "GDP and growth paths to the goal",
        "nominal": (
            "The goal is nominal (current prices), as GDP is; the growth target and the growth series are real (comparable "
            "prices), so the nominal rate of a path is (1 + real growth) × (1 + price change) − 1. Each rate is held constant."
        ),
    },
    "zh": {
        "paths": "各条路径",
        "assumptions": "测算假设",
        "none": "数据中没有可用于测算目标路径的数列。",
        "alt": "地区生产总值及达到目标的增长路径图",
        "nominal": (
            "目标按现价计算，与地区生产总值口径一致；增长目标和增速数列按可比价格计算，因此各路径的现价增速为"
            "（1＋实际增速）×（1＋价格变动）－1。各增速均假设保持不变。"
        ),
    },
}


def path_chart_args(g: GoalPath, lang: str = "en") -> tuple[tuple, dict]:
    """What the goal chart draws, for the book and the decks alike: the exact actuals, the bounded ones, the paths, 2030,
    every text in `lang`."""
    exact = g.series[g.bounds == "eq"]
    bounded = {int(y): (float(v), str(g.bounds[y])) for y, v in g.series.items() if g.bounds[y] != "eq"}
    labels = {
        p.name: PATH_LABEL[lang][p.name].format(
            period=words.period(p.periods[0], lang) if p.periods else "",
            real=words.figure(p.real, 1, p.real_bound, lang, "%") + "%" if p.real == p.real else "",
            nominal=(
                f"{'≥' if p.qualifier else ''}{readings.pct(p.nominal)}"
                if lang == "en"
                else f"{words.pct(p.nominal, lang=lang)}{'以上' if p.qualifier else ''}"
            ),
            y0=p.periods[0],
            y1=p.periods[-1],
        )
        for p in g.paths
    }
    paths = {labels[p.name]: p.values for p in g.paths}
    if lang == "zh":
        title = f"{words.punctuate(g.name_zh)}与{words.number(g.goal, 0, lang)}{g.unit}目标"
        source = (
            f"资料来源：地区生产总值数据来自{len(g.sources)}个来源（见资料来源）；路径为本报告根据最新数据"
            f"（{g.base_year}年，{words.figure(g.base, g.decimals, g.base_bound, lang, g.unit)}{g.unit}）测算。"
        )
    else:
        title = f"{g.name_en} towards the {g.goal:,.0f} {g.unit} goal · {g.name_zh}与目标"
        source = (
            f"Source: GDP from {readings.plural(len(g.sources), 'source')} (see Sources). Paths: this report, from the latest figure "
            f"({format_value(g.base, g.decimals, g.base_bound)}, {g.base_year})."
        )
    return (exact, paths, g.goal, g.unit, title, source), {"bounded": bounded, "goal_year": g.goal_year, "lang": lang}


def trillion_html(g: GoalPath | None, lang: str = "en", ds=None) -> str:
    """The goal's chart, its paths and its assumptions (readings of data/readings.csv), in `lang` (Chinese: with the
    dataset `ds` for the readings' names); a sentence where the data has nothing to project."""
    from zonebook.report import charts

    said_words = GOAL_WORDS[lang]
    if g is None:
        return f"<p><em>{said_words['none']}</em></p>"
    args, kwargs = path_chart_args(g, lang)
    png = charts.drawn_png(charts.paths_chart, *args, **kwargs)
    statements = readings.path_readings(g)
    rows = [
        said(r, lang, ds)
        for r in statements
        if r.template.startswith("path-") and r.template not in ("path-needed", "path-prices", "path-no-prices")
    ]
    assumptions = [
        said(r, lang, ds) for r in statements if r.template in ("path-needed", "path-prices", "path-no-prices")
    ]
    caption, bound_note = goal_caption(g, lang)
    items = "".join(f"<li>{a}</li>" for a in assumptions) + (f"<li>{esc(bound_note)}</li>" if bound_note else "")
    items += f"<li>{said_words['nominal']}</li>"
    paths = "".join(f"<li>{r}</li>" for r in rows)
    return (
        charts.figure_html(
            png, caption, alt=said_words["alt"], download=chart_link(tables.goal_path(g), "figures", lang)
        )
        + f'<p><b>{said_words["paths"]}</b></p><ul class="zb-readings">{paths}</ul>'
        f'<p><b>{said_words["assumptions"]}</b></p><ul class="zb-readings">{items}</ul>'
    )


def goal_caption(g: GoalPath, lang: str = "en") -> tuple[str, str]:
    """The goal chart's caption, and the note on a bounded latest figure ("" when it is exact), in `lang`."""
    if lang == "zh":
        base = f"{words.figure(g.base, g.decimals, g.base_bound, lang, g.unit)}{g.unit}"
        goal = f"{words.number(g.goal, 0, lang)}{g.unit}"
        caption = (
            f"地区生产总值（{g.unit}）：{int(g.series.index[0])}年至{g.base_year}年的实际数（空心：仅知其界限），以及从"
            f"{g.base_year}年的{base}按不变增速达到{goal}目标的路径"
            + (f"，并标出目标年份{g.goal_year}年。" if g.goal_year else "。")
        )
        note = (
            f"最新数据（{g.base_year}年）仅知为{base}：各路径均从这一界限起算，因此所给年份是该路径下达到目标的最晚年份。"
            f"最新的确切数据为{words.number(g.exact, g.decimals, lang)}{g.unit}（{g.exact_year}年）。"
            if g.base_bound != "eq"
            else ""
        )
        return caption, note
    base = format_value(g.base, g.decimals, g.base_bound)
    caption = (
        f"GDP ({g.unit}): actual figures {int(g.series.index[0])}–{g.base_year} (hollow: known only as a bound) and constant-growth "
        f"paths from {base} in {g.base_year} to the goal of {g.goal:,.0f} {g.unit}"
        + (f", with the goal's year, {g.goal_year}, marked." if g.goal_year else ".")
    )
    note = (
        f"The latest figure, for {g.base_year}, is known only as {base} {g.unit}: every path starts from that bound, so each year "
        f"it gives is the latest year the goal is reached on that path. The latest exact figure is "
        f"{format_value(g.exact, g.decimals)} {g.unit} ({g.exact_year})."
        if g.base_bound != "eq"
        else ""
    )
    return caption, note


def about_html(book, lang: str = "en") -> str:
    """The front matter's opening paragraph: book.yml's `about`, shown as plain text (marked where untranslated)."""
    text, translated = book.text("about", lang)
    return f"<p>{words.html_marked(text, translated, lang)}</p>" if text else ""


def goal_intro_html(book, lang: str = "en") -> str:
    """What the overview measures the city against, from book.yml's `goal`."""
    if book.goal is None:
        return f"<p><em>{say('no-goal', lang)}</em></p>"
    city = book.city.get(lang) or say("goal-city", lang)
    goal = book.goal.name.get(lang) or book.goal.name["en"]
    return f"<p>{say('goal', lang, city=esc(city), goal=esc(goal), year=book.goal.year)}</p>"


def city_targets_html(obs: pd.DataFrame, book, lang: str = "en", ds=None) -> str:
    """The targets set for the edition's target year (book.yml's `target_year`)."""
    if book.target_year is None:
        return f"<p><em>{say('no-target-year', lang)}</em></p>"
    return f"<p>{say('targets', lang, year=book.target_year)}</p>" + targets_table(obs, str(book.target_year), lang, ds)


def targets_table(obs: pd.DataFrame, period: str, lang: str = "en", ds=None) -> str:
    t = tables.targets(obs, period, f"targets-{period}")
    return table_html(localize.table(t, lang, ds), lang)


claims_in_brief = tables.claims_in_brief  # the decks' overview slide says it too


def zones_at_a_glance(ds, lang: str = "en") -> str:
    return table_html(localize.table(tables.zones_at_a_glance(ds, "zones", lang), lang, ds), lang)


def findings(ds, lang: str = "en") -> list[str]:
    """The key findings, each a row of data/readings.csv."""
    return [said(r, lang, ds) for r in readings.findings(ds)]


def findings_html(ds, lang: str = "en") -> str:
    return '<ul class="zb-findings">' + "".join(f"<li>{s}</li>" for s in findings(ds, lang)) + "</ul>"


BAR_WORDS = {  # the bar charts of the comparison and audit pages
    "en": {
        "tiers": {"A": "tier A", "B": "tier B", "C": "tier C (incl. the article)", "gap": "promised, number missing"},
        "tier-title": "Figures behind each zone, by source tier",
        "kind-title": "Actuals, estimates and targets in each zone",
        "figures": "number of figures",
        "tier-source": "Source: data/observations.csv and data/sources.csv of this edition.",
        "kind-source": "Source: data/observations.csv of this edition.",
        "tier-caption": (
            "How much each zone is backed by numbers, and by which kinds of source (tier A official or mainstream, B "
            "official text on mirrors, C third-party or self-media), with the figures the article promises but omits."
        ),
        "kind-caption": "How many of each zone's figures are actual results, estimates and targets.",
        "tier-alt": "Bar chart of figures by tier per zone",
        "kind-alt": "Bar chart of figures by kind per zone",
        "audit-title": "The article's claims against the public record",
        "claims": "number of claims",
        "audit-source": (
            "Source: the article and the public record in data/ of this edition; verdicts as defined in Data and methods."
        ),
        "audit-caption": "Each of the article's figures checked against the other sources for the same indicator and period.",
        "audit-alt": "Bar chart of audit verdicts per zone",
        "city": "City-wide\n全市",
    },
    "zh": {
        "tiers": {"A": "A级", "B": "B级", "C": "C级（含被核查文章）", "gap": "承诺但未给出数值"},
        "tier-title": "各区域数据的来源等级",
        "kind-title": "各区域的实际数、预计数和目标数",
        "figures": "数据个数",
        "tier-source": "资料来源：本版的data/observations.csv和data/sources.csv。",
        "kind-source": "资料来源：本版的data/observations.csv。",
        "tier-caption": (
            "各区域有多少数据支撑、来自哪一级来源（A级：官方机构或主流媒体；B级：官方文本的转载；C级：第三方或自媒体），"
            "以及文章承诺但未给出的数值。"
        ),
        "kind-caption": "各区域数据中实际数、预计数和目标数的个数。",
        "tier-alt": "各区域按来源等级统计的数据个数条形图",
        "kind-alt": "各区域按数据类型统计的数据个数条形图",
        "audit-title": "文章说法与公开记录的核对结果",
        "claims": "说法项数",
        "audit-source": "资料来源：被核查文章和本版data/中的公开记录；核查结论的定义见“数据与方法”。",
        "audit-caption": "文章中的每个数字均与同一指标、同一时期的其他来源核对。",
        "audit-alt": "各区域核查结论条形图",
        "city": "全市",
    },
}


def zone_label(row, lang: str) -> str:
    """A zone on a bar chart: its English and Chinese names on two lines, its Chinese name alone in Chinese."""
    return f"{row.name_en}\n{row.name_zh}" if lang == "en" else words.punctuate(row.name_zh)


def evidence_chart_html(ds, lang: str = "en") -> str:
    from zonebook.report import charts

    said_words = BAR_WORDS[lang]
    ev = metrics.evidence_by_zone(ds.observations, ds.zones)
    labels = [zone_label(r, lang) for r in frames.rows(ev)]
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
        said_words["tier-title"],
        said_words["figures"],
        said_words["tier-source"],
        labels=said_words["tiers"],
    )
    kinds = pd.DataFrame({k: ev[k].to_numpy() for k in ("actual", "estimate", "target")}, index=labels)
    by_kind = charts.drawn_png(
        charts.stacked_bars,
        kinds,
        {"actual": "#1f4e79", "estimate": "#d9822b", "target": "#b03a2e"},
        said_words["kind-title"],
        said_words["figures"],
        said_words["kind-source"],
        **({"labels": figures.KIND_WORD[lang]} if lang != "en" else {}),
    )
    obs = ds.observations
    lines = {
        label: tuple(int(n) for n in obs[obs["zone"] == z]["line"]) for label, z in zip(labels, ev["zone"], strict=True)
    }
    numbers = metrics.figures(obs)
    figure_lines = {
        label: tuple(int(n) for n in numbers[numbers["zone"] == z]["line"])
        for label, z in zip(labels, ev["zone"], strict=True)
    }
    tier_names = {"A": "tier A", "B": "tier B", "C": "tier C", "gap": "number missing"}
    return charts.figure_html(
        by_tier,
        said_words["tier-caption"],
        said_words["tier-alt"],
        chart_link(tables.counts(tiers, "figures-by-tier", "Zone", tier_names, lines), "counts", lang),
    ) + charts.figure_html(
        by_kind,
        said_words["kind-caption"],
        said_words["kind-alt"],
        chart_link(tables.counts(kinds, "figures-by-kind", "Zone", {}, figure_lines), "counts", lang),
    )


def audit_chart_html(ds, lang: str = "en") -> str:
    from zonebook.analysis import templates_zh
    from zonebook.report import charts

    said_words = BAR_WORDS[lang]
    audit = metrics.audit(ds.observations, ds.claims_source)
    if audit.empty:
        return ""
    names = {**{z.zone: zone_label(z, lang) for z in frames.rows(ds.zones)}, "city": said_words["city"]}
    counts = audit.assign(where=audit["zone"].map(names)).pivot_table(
        index="where", columns="verdict", values="indicator", aggfunc="count", fill_value=0
    )
    order = [names[z] for z in ["city", *ds.zones["zone"]] if names[z] in counts.index]
    counts = counts.reindex(order)[[v for v in metrics.VERDICT_ORDER if v in counts.columns]]
    verdicts = metrics.VERDICT_LABEL if lang == "en" else templates_zh.VERDICT_LABELS
    png = charts.drawn_png(
        charts.stacked_bars,
        counts,
        charts.VERDICT_COLOUR,
        said_words["audit-title"],
        said_words["claims"],
        said_words["audit-source"],
        labels=verdicts,
    )
    where = audit["zone"].map(names)
    lines = {label: tuple(int(n) for n in audit[where == label]["line"]) for label in counts.index}
    return charts.figure_html(
        png,
        said_words["audit-caption"],
        said_words["audit-alt"],
        chart_link(tables.counts(counts, "verdicts-by-zone", "Zone", metrics.VERDICT_LABEL, lines), "counts", lang),
    )


FLAGGED = ["conflict", "bounded", "revised", "partly", "weak"]  # the claims the audit page lists first


def conflicts_html(ds, lang: str = "en") -> str:
    audit = metrics.audit(ds.observations, ds.claims_source)
    rows = audit[audit["verdict"].isin(FLAGGED)]
    order = {v: i for i, v in enumerate(FLAGGED)}
    rows = rows.iloc[rows["verdict"].map(order).argsort(kind="stable")]
    if not len(rows):
        return f"<p><em>{say('no-conflicts', lang)}</em></p>"
    return audit_table(rows, "conflicts", lang=lang, ds=ds)


def inconsistencies_html(ds, lang: str = "en") -> str:
    inc = metrics.internal_inconsistencies(ds.observations, ds.claims_source)
    t = tables.inconsistencies(inc, "inconsistencies")
    found = readings.inconsistency_readings(inc) if len(inc) else []
    return table_html(localize.table(t, lang, ds, sentences_in(found, lang, ds)), lang)


def gaps_html(ds, verdict: str, lang: str = "en") -> str:
    audit = metrics.audit(ds.observations, ds.claims_source)
    names = {**dict(zip(ds.zones["zone"], ds.zones["name_en"])), "city": "City-wide"}
    t = tables.gaps(audit[audit["verdict"] == verdict], names, verdict, say(f"no-{verdict}"))
    t = localize.table(t, lang, ds)
    return table_html(dataclasses.replace(t, empty=say(f"no-{verdict}", lang)), lang)


def missing_html(ds, lang: str = "en") -> str:
    return gaps_html(ds, "missing", lang)


def no_figure_html(ds, lang: str = "en") -> str:
    return gaps_html(ds, "no-figure", lang)


def deck_links_html(stem: str, up: str, lang: str = "en") -> str:
    """Links to the seminar decks of the page's edition, which the build publishes under its slides/ (`up` climbs
    from the page to the edition's root)."""
    return f'<p class="zb-decks">{say("decks", lang, up=up, stem=esc(stem))}</p>'


def evidence_table(ds, lang: str = "en") -> str:
    """The evidence counts per zone, compact enough for the page: tiers and kinds as A / B / C triples."""
    t = tables.evidence_counts(metrics.evidence_by_zone(ds.observations, ds.zones), "evidence-by-zone", lang)
    return table_html(localize.table(t, lang, ds), lang)


def changes_note_html(summary: dict[str, str], lang: str = "en") -> str:
    """The front matter's pointer to the "What changed" page, with its one-line summary in this language (the
    build passes one per edition)."""
    text = summary.get(lang, "")
    if not text:
        return ""
    return f'<p class="zb-changes">{say("this-edition", lang, summary=esc(text))}</p>'
