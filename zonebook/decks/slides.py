"""Seminar decks: what each slide holds, for the city and for every zone, from the analysis (never from the book's HTML).

A deck is a talk and its backup: a zone's talk is at most ZONE_SLIDES slides, the city's at most CITY_SLIDES (cover,
agenda for the city, key findings, charts whose titles say what they show, targets against outcomes as the analysis
checks them, the audit's verdicts, a closing slide with the sources and where to read the book), then a divider and the
appendix (key figures, the other charts, the flagged claims, every source), each slide marked as backup.

Every sentence comes from `zonebook.analysis.readings` (`Reading.parts()`), every table from the analysis' frames
(`metrics`); the speaker notes are plain sentences of at most NOTES_LIMIT characters, each figure with its source's
name and year. The deck is built once here (`zone_deck`, `city_deck`) and written by `pptx`, `html` and `handout`.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd

from zonebook.analysis import metrics, readings
from zonebook.data import CITY, DataError, Dataset, format_value, load
from zonebook.decks import figures
from zonebook.decks.html import write_html
from zonebook.decks.model import (
    BODY_BOTTOM,
    BODY_PT,
    BODY_TOP,
    CHART_DPI,
    CONTENT_W,
    VERDICT_SHADE,
    Chart,
    Cover,
    Deck,
    NativeChart,
    Rich,
    Series,
    Slide,
    Table,
    Tile,
    build_date,
    chart_box,
    lines_needed,
    paginate_bullets,
    paginate_table,
    text_height,
)
from zonebook.decks.pptx import write_pptx
from zonebook.decks.reveal import copy_reveal
from zonebook.report import charts
from zonebook.report import html as report
from zonebook.report.links import web_address

ZONE_SLIDES, CITY_SLIDES = 12, 18  # the talk, before the appendix
NOTES_LIMIT = 1200  # characters of speaker notes a slide
WINDOW = 15  # years a chart shows, up to its latest figure
TABLE_ROOM = BODY_BOTTOM - BODY_TOP - 0.4  # a table's page, with room for a browser's wider wrapping than our estimate
MORE = "The full figures, sources and quotes are in the appendix and in the book."
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


# --- words -----------------------------------------------------------------------------------


def tidy(text: str) -> str:
    """Text for a slide: no space between a number and a Chinese unit (8,000亿元). Quotes stay as the data writes
    them (text from the data is printed as written, as in the book)."""
    return re.sub(r"(\d)\s+(?=[\u3400-\u9fff])", r"\1", text)


def cite(title: str) -> str:
    """A source's title in its own language's marks: 《…》 for a Chinese title, “…” otherwise, never doubled."""
    text = str(title).strip()
    while len(text) > 1 and (text[0], text[-1]) in (("《", "》"), ("«", "»"), ("“", "”"), ('"', '"')):
        text = text[1:-1].strip()
    return f"《{text}》" if CJK.search(text) else f"“{text}”"


def said(reading: readings.Reading) -> Rich:
    """A reading's sentence as slide text: its parts, bold where the book sets them bold."""
    return [(tidy(t), bold) for t, bold in reading.parts() if t]


def year_of(published: str) -> str:
    return str(published)[:4] if published else "undated"


def by(row) -> str:
    """A figure's source for the speaker: its publisher and the year it published."""
    return f"{row.publisher or 'an unnamed source'}, {year_of(row.published)}"


def figure_words(row) -> str:
    """One figure as the speaker says it: its value with bound and unit, its period, its source and year."""
    value = readings.amount(row.value, int(row.decimals), row.bound, row.unit)
    kind = "" if row.kind == "actual" else f" ({row.kind})"
    return tidy(f"{value} in {row.period}{kind} ({by(row)})")


def sources_of(obs: pd.DataFrame, lines) -> str:
    """The sources behind observation lines, as "Sources: publisher (year); …"."""
    rows = obs[obs["line"].isin(set(lines))].drop_duplicates("source").sort_values("tier", kind="stable")
    named = [f"{r.publisher or 'an unnamed source'} ({year_of(r.published)})" for r in rows.itertuples(index=False)]
    return f"Source{'s' if len(named) > 1 else ''}: {'; '.join(named)}." if named else ""


def notes(*sentences: str, limit: int = NOTES_LIMIT) -> list[str]:
    """Speaker notes: the sentences in order while they fit `limit` characters, then a pointer to the rest."""
    out, used = [], 0
    for sentence in (tidy(s) for s in sentences if s):
        if used + len(sentence) + 1 > limit - len(MORE) - 1:
            out.append(MORE)
            break
        out.append(sentence)
        used += len(sentence) + 1
    return out


def reading_notes(found: list[readings.Reading], obs: pd.DataFrame, lead: str = "") -> list[str]:
    """Each reading's sentence and the sources it rests on."""
    return notes(lead, *[f"{r.sentence} {sources_of(obs, r.lines)}" for r in found])


# --- slides of every deck ---------------------------------------------------------------------


def cover_slide(
    name_zh: str, name_en: str, kicker: str, summary: str, built: dt.date, presenter: str, event: str, say: list[str]
) -> Slide:
    return Slide(
        tidy(f"{name_zh} {name_en}"),
        notes(*say),
        cover=Cover(
            tidy(name_zh), tidy(name_en), tidy(kicker), tidy(summary), built.strftime("%-d %B %Y"), presenter, event
        ),
    )


def bullet_pages(found: list[Rich], room: float = BODY_BOTTOM - BODY_TOP) -> list[list[Rich]]:
    return paginate_bullets(found, room) if found else []


def key_findings(ds: Dataset, zone: str | None) -> list[readings.Reading]:
    """The deck's key findings: what its part of the book opens with — a zone chapter's takeaways
    (`readings.takeaways`), the front matter's key findings for the city deck (`readings.findings`)."""
    return readings.findings(ds) if zone is None else readings.takeaways(ds, zone)


def findings_slide(found: list[readings.Reading], obs: pd.DataFrame) -> list[Slide]:
    pages = bullet_pages([said(r) for r in found])
    if not pages:
        return []
    shown = found[: len(pages[0])]
    return [
        Slide(
            "Key findings",
            reading_notes(shown, obs, "What to take away from this part of the report."),
            bullets=pages[0],
            section="Key findings",
        )
    ]


def chart_title(records: list, trend: readings.Reading | None) -> str:
    """What a chart shows, in its title: the trend the analysis computes, else the figures it holds."""
    first = records[0]
    if trend is not None and {"start", "end"} <= set(trend.values):
        v = trend.values
        title = tidy(f"{first.name_en}: {v['start']} in {v['y0']}, {v['end']} in {v['y1']}")
    elif len(actual := {r.period: r for r in reversed(records) if r.kind == "actual" and not r.is_span}) >= 2:
        ends = [actual[p] for p in sorted(actual, key=lambda p: (actual[p].period_start, actual[p].period_end))]
        shown = [readings.amount(r.value, int(r.decimals), r.bound, r.unit) for r in (ends[0], ends[-1])]
        title = tidy(f"{first.name_en}: {shown[0]} in {ends[0].period}, {shown[1]} in {ends[-1].period}")
    else:
        periods = [r.period for r in records]  # in time order
        many = len({r.source for r in records}) > 1
        title = tidy(
            f"{first.name_en}: {len(records)} figures, {periods[0]} to {periods[-1]}"
            + (f", from {len({r.source for r in records})} sources" if many else "")
        )
    if lines_needed(title, CONTENT_W, 24) > 2:
        title = tidy(f"{first.name_en} ({first.unit})")
    return title


def chart_caption(records: list, spec) -> str:
    cited = sorted({(r.tier, r.publisher or "an unnamed source") for r in records})
    names = [f"{p} ({t})" for t, p in cited]
    text = (
        "Source: "
        + "; ".join(names[:3])
        + (f"; and {len(names) - 3} more, named in the notes" if len(names) > 3 else "")
    )
    kinds = {s.name.split(" ")[0] for s in spec.series}
    marks = "Markers: ● tier A, ■ tier B, ▲ tier C"
    pale = "; pale: a target" if "target" in kinds else ""
    hollow = (
        "; hollow: a bound (≥, ≤, about)" if any((b or "eq") != "eq" for s in spec.series for b in s.bounds) else ""
    )
    return tidy(f"{text}. {marks}{pale}{hollow}.")


def chart_slides(obs: pd.DataFrame, section: str, found: list[readings.Reading]) -> list[Slide]:
    """A chart for every indicator with figures for two or more periods, those with the longest series first."""
    numbers = metrics.figures(obs)
    trends = {r.indicators[0]: r for r in found}  # readings.trends(obs)
    made = []
    by_frequency = numbers["period"].map(figures.frequency)  # the book's charts: one frequency on an axis
    for (indicator, freq), group in numbers.groupby(["indicator", by_frequency], sort=False):
        if group["period"].nunique() < 2:
            continue
        ordered = group.sort_values(["period_start", "period_end", "tier"], kind="stable")
        recent = ordered[ordered["period_end"] > ordered["period_end"].max() - WINDOW]
        earlier = len(ordered) - len(recent) if recent["period"].nunique() >= 2 else 0
        if earlier:
            ordered = recent  # a slide shows the last WINDOW years; the book's chart shows them all
        records = list(ordered.itertuples(index=False))
        first = records[0]
        drawn = figures.slide_chart(ordered)  # the book's spec (report.figures)
        spec = drawn.native
        caption = chart_caption(records, spec)
        native = spec if drawn.editable else None
        png = figures.picture(drawn.spec, *chart_box(caption), dpi=figures.SCREEN_DPI if native else CHART_DPI)
        latest = sorted(records, key=lambda r: (r.period_end, r.tier), reverse=True)
        trend = trends.get(indicator) if freq == "year" else None  # a trend is of years
        if trend is not None and int(trend.periods[0]) < int(first.period_start):
            trend = None  # it starts before the chart's window: not what the chart shows
        say = notes(
            tidy(f"{first.name_en} ({first.name_zh}), in {first.unit}."),
            f"{trend.sentence} {sources_of(obs, trend.lines)}" if trend else "",
            "The figures, latest first: " + "; ".join(figure_words(r) for r in latest[:6]) + ".",
            f"{readings.plural(len(latest) - 6, 'earlier figure')} in the book." if len(latest) > 6 else "",
            f"The chart shows the last {WINDOW} years; the book's chart has {earlier} earlier figures too."
            if earlier
            else "",
            "Where two sources give a figure for the same period, both are drawn side by side."
            if len(spec.series) > 3
            else "",
        )
        alt = tidy(f"Chart of {first.name_en} ({first.name_zh}) over time, in {first.unit}")
        made.append(
            (
                -group["period"].nunique(),
                Slide(chart_title(records, trend), say, chart=Chart(png, alt, caption, native), section=section),
            )
        )
    return [s for _, s in sorted(made, key=lambda m: m[0])]


def target_slides(obs: pd.DataFrame, checked: list[readings.Reading]) -> list[Slide]:
    """Each target against the outcome of its own period, or earlier actuals as progress so far, as the analysis states
    it (it refuses any other comparison); outcomes first."""
    found = sorted(
        checked,
        key=lambda r: r.kind != "plan-vs-outcome",  # readings.target_readings(obs)
    )  # stable: the analysis' own order within each kind
    pages = bullet_pages([said(r) for r in found])
    out, start = [], 0
    for n, page in enumerate(pages, 1):
        shown = found[start : start + len(page)]
        start += len(page)
        title = "Targets against outcomes" + continued(n, len(pages))
        lead = (
            "A target is met or missed only against the outcome of its own period; "
            "earlier actuals show progress so far, never a verdict."
        )
        out.append(Slide(title, reading_notes(shown, obs, lead), bullets=page, section="Targets against outcomes"))
    return out


TILES = [
    ("Corroborated", ["corroborated"]),
    ("Weak or unconfirmed", ["weak", "partly"]),
    ("Revised since", ["revised"]),
    ("Conflict or at odds", ["conflict", "bounded"]),
    ("Unverified", ["unverified"]),
    ("Number missing", ["missing"]),
]
SHADE = {**VERDICT_SHADE, "bounded": VERDICT_SHADE["conflict"], "weak": VERDICT_SHADE["partly"], "revised": "E3ECF6"}
SHARPEST = ("conflict", "bounded", "revised", "partly", "weak")


def audit_slide(audit: pd.DataFrame, ds: Dataset, summary: readings.Reading | None, obs: pd.DataFrame) -> Slide:
    """The audit's verdicts as tiles, the count sentence, and as many of the sharpest verdicts as fit."""
    title = "The article's claims, checked"
    section = "The article's claims, checked"
    if not ds.claims_source:
        text = (
            "No source is marked as the audited article (role = claims in sources.csv), so there is nothing to check."
        )
        return Slide(title, notes(text), lead=[(text, False)], section=section)
    counts = audit["verdict"].value_counts()
    tiles = [
        Tile(label, sum(int(counts.get(v, 0)) for v in group), charts.VERDICT_COLOUR[group[0]].lstrip("#").upper())
        for label, group in TILES
    ]
    lead = said(summary) if summary else [("The article makes no numerical claim here.", False)]
    order = {v: i for i, v in enumerate(SHARPEST)}
    sharp = sorted(
        (r for r in readings.audit_readings(audit) if r.verdict in order), key=lambda r: order[r.verdict]
    )  # stable within a verdict
    room = BODY_BOTTOM - BODY_TOP - 2.2 - text_height("".join(t for t, _ in lead), CONTENT_W, BODY_PT) - 0.1
    pages = paginate_bullets([said(r) for r in sharp], room, BODY_PT) if sharp else []
    shown = sharp[: len(pages[0])] if pages else []
    src = ds.sources.set_index("source").loc[ds.claims_source]
    say = notes(
        summary.sentence if summary else "",
        tidy(f"The audited text is {cite(src['title'])}, {by(src)}, a tier {src['tier']} source."),
        "Each claim is checked against every other source for the same indicator, definition and period; "
        "a revision is not a conflict, and only a dated tier A or B source corroborates.",
        *[f"{r.sentence} {sources_of(obs, r.lines)}" for r in shown],
        "The flagged claims are listed in the appendix." if len(sharp) > len(shown) else "",
    )
    return Slide(title, say, lead=lead, bullets=pages[0] if pages else [], tiles=tiles, section=section)


def closing_slide(ds: Dataset, sources: pd.DataFrame, page: str, chapter: str) -> Slide:
    """The sources in brief and where to read the book (its page, linked from the PowerPoint)."""
    named = sources.sort_values(["tier", "published"], ascending=[True, False], kind="stable")
    top = [p for p in dict.fromkeys(named["publisher"].fillna("")) if p][:3]
    counted = readings.sources_summary(sources, "")
    lines = [
        tidy(counted.sentence) if counted else "",
        tidy("Among them: " + "; ".join(top) + "." if top else ""),
    ]
    if ds.claims_source and ds.claims_source in set(sources["source"]):
        src = ds.sources.set_index("source").loc[ds.claims_source]
        lines.append(tidy(f"The audited text: {cite(src['title'])}, {by(src)}."))
    shown = page.removeprefix("../")
    lines.append(
        tidy(f"Every figure with its source's own words: the book's chapter “{chapter}” ({shown} in the book).")
    )
    lines.append("The data behind every slide is published with the book: data/observations.csv and data/readings.csv.")
    bullets = [[(t, False)] for t in lines if t]
    link = next(i for i, b in enumerate(bullets) if b[0][0].startswith("Every figure"))
    return Slide(
        "Sources, and where to read more",
        notes(*lines, "Every source, with its full title and address, is listed in the appendix."),
        bullets=bullets,
        section="Sources",
        links={link: page},
    )


def continued(n: int, pages: int) -> str:
    """The title's mark on the later pages of a slide continued in the appendix."""
    return "" if n == 1 else " (continued)" if pages == 2 else f" (continued, {n - 1} of {pages - 1})"


def divider(title: str, backup: bool = False) -> Slide:
    return Slide(title, notes(f"{title}." if backup else title), divider=True, backup=backup)


def table_slides(title: str, table: Table, say, lead: str = "") -> list[Slide]:
    """A table over as many slides as it needs, its header on each; each slide's notes cover its own rows."""
    pages = paginate_table(table, TABLE_ROOM)
    out, start = [], 0
    for n, page in enumerate(pages, 1):
        rows = list(range(start, start + len(page.rows)))
        start += len(page.rows)
        shown = title if len(pages) == 1 else f"{title} ({n}/{len(pages)})"
        out.append(Slide(shown, notes(lead, *say(rows)), table=page, backup=True))
    return out


def key_figures_table(obs: pd.DataFrame) -> list[Slide]:
    kf = metrics.key_figures(obs)
    if kf.empty:
        return []
    records = list(kf.itertuples(index=False))
    rows = [
        [
            tidy(f"{r.name_en} {r.name_zh}"),
            tidy(format_value(r.value, r.decimals, r.bound) + ("" if r.unit == "%" else " ") + r.unit),
            r.period + ("" if r.kind == "actual" else f" ({r.kind})"),
            f"{r.publisher or 'unnamed'}, {year_of(r.published)}",
            r.tier,
        ]
        for r in records
    ]
    table = Table(["Indicator", "Latest", "Period", "Source", "Tier"], rows, [4.6, 2.1, 1.9, 2.73, 0.8], numeric=(1,))
    return table_slides(
        "Key figures",
        table,
        lambda idx: [f"{tidy(records[i].name_en)}: {figure_words(records[i])}." for i in idx],
        "The latest figure of every indicator, from every source that gives one, tier A first.",
    )


def flagged_table(audit: pd.DataFrame, ds: Dataset, with_zone: bool) -> list[Slide]:
    flagged = audit[audit["verdict"].isin(report.FLAGGED)]
    if flagged.empty:
        return []
    order = {v: i for i, v in enumerate(report.FLAGGED)}
    flagged = flagged.sort_values("verdict", key=lambda s: s.map(order), kind="stable")
    records = list(flagged.itertuples(index=False))
    why = {r.lines[0]: r.sentence for r in readings.audit_readings(flagged)}
    zone_names = {**dict(zip(ds.zones["zone"], ds.zones["name_en"])), CITY: "City-wide"}
    rows = [
        ([tidy(zone_names.get(r.zone, r.zone))] if with_zone else [])
        + [
            tidy(f"{r.name_en} {r.name_zh}"),
            r.period,
            tidy(readings.amount(r.value, int(r.decimals), r.bound, r.unit)),
            tidy(
                f"{readings.amount(r.record_value, int(r.decimals), r.record_bound, r.record_unit or r.unit)}, "
                f"{r.record_publisher or 'unnamed'}"
            ),
            metrics.VERDICT_LABEL[r.verdict],
        ]
        for r in records
    ]
    widths = [3.9, 1.2, 2.0, 3.0, 2.03] if not with_zone else [1.7, 2.9, 1.3, 1.8, 2.5, 1.93]
    headers = (["Zone"] if with_zone else []) + ["Indicator", "Period", "The article", "The record", "Verdict"]
    table = Table(headers, rows, widths, shades=[SHADE[r.verdict] for r in records])
    return table_slides(
        "Claims in conflict or not confirmed",
        table,
        lambda idx: [why[int(records[i].line)] for i in idx],
        "In conflict: the two figures cannot both be true. Revised since: the claim is a first release the record restates. "
        "Compatible, not confirmed: the record asserts less than the claim. Weak support: only an undated or tier C source agrees.",
    )


def sources_table(sources: pd.DataFrame, claims: str | None) -> list[Slide]:
    sources = sources.sort_values(["tier", "published"], ascending=[True, False], kind="stable")
    records = list(sources.itertuples(index=False))
    rows, links = [], {}
    for i, s in enumerate(records):
        address = web_address(s.url)  # only a web address becomes a link; the host is shown, the link is whole
        rows.append(
            [
                tidy(s.publisher or "unnamed"),
                cite(s.title) + (" (the audited article)" if s.source == claims else ""),
                s.published or "undated",
                s.tier,
                urlsplit(address).netloc if address else "—",
            ]
        )
        if address:
            links[(i, 4)] = address
    table = Table(["Publisher", "Title", "Published", "Tier", "Site"], rows, [2.6, 4.9, 1.7, 0.8, 2.13], links=links)
    return table_slides(
        "Sources",
        table,
        lambda idx: [
            tidy(
                f"{records[i].publisher or 'Unnamed'}: {cite(records[i].title)}, {year_of(records[i].published)}, "
                f"tier {records[i].tier}."
            )
            for i in idx
        ],
        "Tiers: A official bodies and mainstream media; B official text on a mirror site; C third-party and self-media. "
        "Each site links to its source in the PowerPoint deck.",
    )


def backup(slides: list[Slide]) -> list[Slide]:
    for s in slides:
        s.backup, s.section = True, ""
    return slides


def place_charts(talk: list, made: list[Slide], limit: int) -> tuple[list[Slide], list[Slide]]:
    """The talk with as many charts as fit within `limit` slides where it says "charts"; the other charts, for the
    appendix."""
    room = max(0, limit - (len(talk) - 1))
    at = talk.index("charts")
    return talk[:at] + made[:room] + talk[at + 1 :], backup(made[room:])


def footer(ds: Dataset, built: dt.date) -> str:
    return tidy(f"{ds.edition.title['en']} · {built.strftime('%-d %B %Y')}")


def where(zone: str | None, stem: str) -> str:
    """The book's page for a deck, relative to the decks' folder in the published book."""
    return "../chapters/overview.html" if zone is None else f"../chapters/zones/{stem}.html"


# --- the decks --------------------------------------------------------------------------------


def zone_deck(ds: Dataset, zone: str, built: dt.date, presenter: str = "", event: str = "") -> Deck:
    z = ds.zone(zone)
    part = ds.for_zone(zone)
    obs = part.observations
    audit = metrics.audit(obs, ds.claims_source)
    order = int(z["order"])
    stem = f"{order:02d}-{zone}"
    city = ds.edition.city
    place = " · ".join(n for n in (city["en"], city["zh"]) if n) or ds.edition.title["en"]
    summaries = readings.part_summaries(obs, ds.claims_source, zone)
    cover = cover_slide(
        z["name_zh"],
        z["name_en"],
        f"{place} · zone {order} of {len(ds.zones)}",
        z["summary_en"],
        built,
        presenter,
        event,
        [
            tidy(
                f"{z['name_en']} ({z['name_zh']}) is zone {order} of {len(ds.zones)} in the report "
                f"{cite(ds.edition.title['en'])}."
            ),
            summaries["evidence"].sentence if "evidence" in summaries else "",
            "Every figure on these slides comes from the report's data; the notes name each figure's source and year.",
        ],
    )
    trends, checked = readings.trends(obs), readings.target_readings(obs)
    targets = target_slides(obs, checked)
    talk = [
        cover,
        *findings_slide(key_findings(ds, zone), obs),
        "charts",
        *targets[:1],
        audit_slide(audit, ds, summaries.get("claims"), obs),
        closing_slide(ds, part.sources, where(zone, stem), tidy(z["name_en"])),
    ]
    charts_ = chart_slides(obs, "The figures", trends)
    talk, more = place_charts(talk, charts_, ZONE_SLIDES)
    appendix = (
        more
        + key_figures_table(obs)
        + backup(targets[1:])
        + flagged_table(audit, ds, with_zone=False)
        + sources_table(part.sources, ds.claims_source)
    )
    slides = talk + ([divider("Appendix: backup slides", backup=True), *appendix] if appendix else [])
    return Deck(stem, tidy(f"{z['name_zh']} {z['name_en']}"), slides, footer(ds, built))


def goal_slides(ds: Dataset) -> tuple[list[Slide], list[Slide]]:
    """The path to the edition's goal: its chart and what it needs (talk), the rest of the path's statements (backup)."""
    goal = ds.edition.goal
    g = report.trillion_paths(ds, goal.indicator, goal.growth or "", goal.value) if goal else None
    if not g:
        return [], []
    obs = ds.observations
    statements = readings.path_readings(g)
    args, kwargs = report.path_chart_args(g)
    target = tidy(f"{format_value(g.goal, g.decimals, 'eq')}{'' if g.unit == '%' else ' '}{g.unit}")
    caption = tidy(
        f"Actual {g.name_en} and constant-growth paths from "
        f"{readings.amount(g.base, g.decimals, g.base_bound, g.unit)} in {g.base_year}. {sources_of(obs, g.lines)}"
    )
    if len(caption) > 220:
        caption = tidy(f"Actual {g.name_en} and constant-growth paths from {g.base_year}. Sources in the notes.")
    png = figures.book_figure(charts.paths_chart, *chart_box(caption), *args, **kwargs)
    actual = " ".join(f"{y}: {readings.amount(v, g.decimals, g.bounds[y], g.unit)}." for y, v in g.series.items())
    needed = [r for r in statements if r.template == "path-needed"]
    chart = Slide(
        tidy(f"{g.name_en}: the road to {target} by {goal.year}"),
        notes(
            tidy(f"{g.name_en}, best figure a year: {actual}"), *[r.sentence for r in needed], sources_of(obs, g.lines)
        ),
        chart=Chart(png, tidy(f"{g.name_en} and constant-growth paths to the goal"), caption),
        section="The goal",
    )
    pages = bullet_pages([said(r) for r in statements])
    out, start = [], 0
    for n, page in enumerate(pages, 1):
        shown = statements[start : start + len(page)]
        start += len(page)
        title = tidy(f"When would {g.name_en} reach {target}?") + continued(n, len(pages))
        out.append(Slide(title, notes(*[r.sentence for r in shown]), bullets=page, section="The goal"))
    return [chart, *out[:1]], backup(out[1:])


def agenda_slide(sections: list[str]) -> Slide:
    bullets = [[(s, False)] for s in sections]
    return Slide("Agenda", notes("What this talk covers: " + "; ".join(sections) + "."), bullets=bullets)


def city_deck(ds: Dataset, built: dt.date, presenter: str = "", event: str = "") -> Deck:
    obs = ds.observations
    city = obs[obs["zone"] == CITY]
    used = ds.sources[ds.sources["source"].isin(obs["source"])]
    audit = metrics.audit(obs, ds.claims_source)
    names = ds.edition.city
    summaries = readings.part_summaries(city, ds.claims_source, CITY)
    cover = cover_slide(
        f"{names['zh']}全市" if names["zh"] else "全市",
        f"{names['en'] or 'The city'}: the city and its zones",
        tidy(f"{ds.edition.title['en']} · city overview"),
        "The city-wide figures, the path to the city's goal, the zones at a glance and the article's claims checked.",
        built,
        presenter,
        event,
        [
            tidy(
                f"The city overview of the report {cite(ds.edition.title['en'])}: city-wide figures, the goal, "
                f"the {len(ds.zones)} zones compared, and the audit of the article."
            ),
            summaries["evidence"].sentence if "evidence" in summaries else "",
        ],
    )
    goal_talk, goal_backup = goal_slides(ds)
    ev = metrics.evidence_by_zone(obs, ds.zones)
    targets = target_slides(city, readings.target_readings(city))
    talk = [
        *findings_slide(key_findings(ds, None), obs),
        *goal_talk,
        "charts",
        *targets[:1],
        *zones_slides(ds, audit, ev),
        *evidence_slides(ev),
        audit_slide(audit, ds, readings.audit_summary(audit), obs),
        *verdict_slides(ds, audit),
        closing_slide(ds, used, where(None, "00-city"), "The city"),
    ]
    talk, more = place_charts(
        talk, chart_slides(city, "City-wide figures", readings.trends(city)), CITY_SLIDES - 2
    )  # the cover, the agenda
    sections = list(dict.fromkeys(s.section for s in talk if s.section))
    appendix = (
        goal_backup
        + more
        + key_figures_table(city)
        + backup(targets[1:])
        + flagged_table(audit, ds, with_zone=True)
        + sources_table(used, ds.claims_source)
    )
    slides = [cover, agenda_slide(sections), *talk]
    slides += [divider("Appendix: backup slides", backup=True), *appendix] if appendix else []
    return Deck(
        "00-city", tidy(f"{names['zh']}全市 {names['en'] or 'City'} overview".strip()), slides, footer(ds, built)
    )


def zone_labels(ds: Dataset, sep: str = " ") -> dict[str, str]:
    return {
        CITY: f"City-wide{sep}全市",
        **{z.zone: tidy(f"{z.name_en}{sep}{z.name_zh}") for z in ds.zones.itertuples(index=False)},
    }


def bars(counts: pd.DataFrame, colours: dict[str, str], labels: dict[str, str], unit: str):
    """Stacked horizontal bars of counts (index: the bars, columns: the stacks), as charts.stacked_bars draws them."""
    series = [
        Series(
            labels.get(c, c),
            [float(v) for v in counts[c]],
            [None] * len(counts),
            [None] * len(counts),
            colours[c].lstrip("#").upper(),
            line=False,
            hollow=False,
        )
        for c in counts.columns
    ]
    return NativeChart([str(i) for i in counts.index], series, unit, 0, kind="bars")


def evidence_slides(ev: pd.DataFrame) -> list[Slide]:
    """Figures per zone by source tier (`ev`: metrics.evidence_by_zone), as the overview's chart."""
    if ev.empty:
        return []
    records = list(ev.itertuples(index=False))
    counts = pd.DataFrame(
        {
            "A": ev["tier_A"].to_numpy(),
            "B": ev["tier_B"].to_numpy(),
            "C": ev["tier_C"].to_numpy(),
            "gap": ev["gaps"].to_numpy(),
        },
        index=[tidy(f"{r.name_en}\n{r.name_zh}") for r in records],
    )
    colours = {"A": "#1f4e79", "B": "#5b9bd5", "C": "#d9822b", "gap": "#bbbbbb"}
    labels = {"A": "tier A", "B": "tier B", "C": "tier C (incl. the article)", "gap": "promised, number missing"}
    caption = "How much each zone is backed by numbers, and by which kinds of source."
    png = figures.book_figure(
        charts.stacked_bars,
        *chart_box(caption),
        counts,
        colours,
        "",
        "number of figures",
        "",
        labels=labels,
        dpi=figures.SCREEN_DPI,  # PowerPoint draws the native chart
    )
    native = bars(counts.rename(index=lambda i: i.replace("\n", " ")), colours, labels, "number of figures")
    most = max(records, key=lambda r: r.figures)
    least = min(records, key=lambda r: r.figures)
    say = notes(
        "Figures per zone by source tier: A official or mainstream, B official text on a mirror, C third-party or "
        "self-media; grey, figures the article promises without a number.",
        *[
            tidy(f"{r.name_en}: {r.figures} figures for {r.indicators} indicators from {r.sources} sources.")
            for r in records
        ],
    )
    return [
        Slide(
            tidy(
                f"Evidence is uneven: {most.figures} figures behind {most.name_en}, {least.figures} behind {least.name_en}"
            ),
            say,
            chart=Chart(png, "Bar chart of figures by source tier per zone", caption, native),
            section="The zones",
        )
    ]


def verdict_slides(ds: Dataset, audit: pd.DataFrame) -> list[Slide]:
    """The audit's verdicts per zone, as the audit chapter's chart."""
    if audit.empty:
        return []
    names = zone_labels(ds)
    counts = audit.groupby("zone")["verdict"].value_counts().unstack(fill_value=0)
    counts = counts.reindex([z for z in [CITY, *ds.zones["zone"]] if z in counts.index])
    counts = counts[[v for v in metrics.VERDICT_ORDER if v in counts.columns]]
    caption = "Each of the article's figures checked against the other sources for the same indicator and period."
    png = figures.book_figure(
        charts.stacked_bars,
        *chart_box(caption),
        counts.rename(index=zone_labels(ds, "\n")),
        charts.VERDICT_COLOUR,
        "",
        "number of claims",
        "",
        labels=metrics.VERDICT_LABEL,
        dpi=figures.SCREEN_DPI,  # PowerPoint draws the native chart
    )
    native = bars(counts.rename(index=names), charts.VERDICT_COLOUR, metrics.VERDICT_LABEL, "number of claims")
    say = notes(
        "The article's claims per zone, by verdict, city-wide first.",
        *[
            f"{names[z]}: "
            + ", ".join(f"{int(row[v])} {metrics.VERDICT_LABEL[v].lower()}" for v in counts.columns if row[v])
            + "."
            for z, row in counts.iterrows()
        ],
    )
    return [
        Slide(
            "Where the article's claims hold, zone by zone",
            say,
            chart=Chart(png, "Bar chart of audit verdicts per zone", caption, native),
            section="The article's claims, checked",
        )
    ]


def zones_slides(ds: Dataset, audit: pd.DataFrame, ev: pd.DataFrame) -> list[Slide]:
    """The zones at a glance: evidence counts (`ev`: metrics.evidence_by_zone) and the article's claims."""
    rows, say = [], []
    for z, e in zip(ds.zones.itertuples(index=False), ev.itertuples(index=False)):
        mine = audit[audit["zone"] == z.zone]["verdict"]
        counts = mine.value_counts()
        n = int(mine.isin(metrics.CLAIMS).sum())
        wrong = int(sum(counts.get(v, 0) for v in ("conflict", "bounded")))
        rows.append([tidy(f"{z.order}. {z.name_en}"), tidy(z.name_zh), str(e.figures), str(n), str(wrong)])
        say.append(tidy(f"{z.name_en}: {e.figures} figures; {report.claims_in_brief(mine)}."))
    table = Table(
        ["Zone", "中文", "Figures", "Claims", "In conflict"], rows, [4.4, 3.4, 1.4, 1.3, 1.63], numeric=(2, 3, 4)
    )
    pages = paginate_table(table, TABLE_ROOM)
    out = [Slide("The zones at a glance", notes(*say), table=pages[0], section="The zones")]
    return out + [
        Slide(f"The zones at a glance ({n})", notes(*say), table=p, backup=True) for n, p in enumerate(pages[1:], 2)
    ]


def decks(ds: Dataset, built: dt.date | None = None, presenter: str = "", event: str = "") -> list[Deck]:
    built = built or build_date()
    return [city_deck(ds, built, presenter, event)] + [
        zone_deck(ds, zone, built, presenter, event) for zone in ds.zones["zone"]
    ]


# --- entry points -----------------------------------------------------------------------------


def write_deck(
    ds: Dataset,
    zone: str | None,
    built: dt.date,
    out: Path,
    presenter: str = "",
    event: str = "",
    handout: bool = False,
) -> list[Path]:
    """One deck, the city's when `zone` is None, as .pptx and .html (and the handout .pdf) in `out` (which must exist)."""
    deck = city_deck(ds, built, presenter, event) if zone is None else zone_deck(ds, zone, built, presenter, event)
    written = [write_pptx(deck, out / f"{deck.stem}.pptx"), write_html(deck, out / f"{deck.stem}.html")]
    if handout:
        from zonebook.decks.handout import write_handout

        written.append(write_handout(deck, out / f"{deck.stem}-handout.pdf"))
    return written


def write_decks_into(
    data: str,
    todo: list[tuple[str | None, str]],
    built: str,
    presenter: str = "",
    event: str = "",
    handout: bool = False,
) -> None:
    """The build's deck job, run on a warm kernel: for each (zone, folder) the deck (the city's for None) in that folder."""
    ds = load(data)
    for zone, folder in todo:
        write_deck(ds, zone, dt.date.fromisoformat(built), Path(folder), presenter, event, handout)


def write_decks(ds: Dataset, out: Path, presenter: str = "", event: str = "", handout: bool = False) -> list[Path]:
    """Write the city deck and one deck per zone (in the zones' order) into `out`: .pptx, .html and the handout .pdf."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    copy_reveal(out)
    written = []
    built = build_date()
    for zone in [None, *ds.zones["zone"]]:
        written += write_deck(ds, zone, built, out, presenter, event, handout)
    return written


def make_decks(data: Path, out: Path, presenter: str = "", event: str = "", handout: bool = False) -> int:
    """`python -m zonebook slides`: load and check the data, write the decks; the exit code."""
    try:
        ds = load(data)
    except DataError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(f"{data}: {len(error.problems)} problem(s); no decks were written.", file=sys.stderr)
        return 1
    written = write_decks(ds, Path(out), presenter, event, handout)
    print(
        f"{len(ds.zones) + 1} decks ({len(written)} files) written to {out}; open the .pptx in PowerPoint or WPS, "
        f"or the .html in a browser (offline; keep the reveal/ folder beside it; S opens the speaker view)"
        + ("; the -handout.pdf files are the slides with their notes, for print." if handout else ".")
    )
    return 0
