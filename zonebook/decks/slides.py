"""Seminar decks: what each slide holds, for the city and for every zone, from the analysis (never from the book's HTML).

A deck is a talk and its backup: a zone's talk is at most ZONE_SLIDES slides, the city's at most CITY_SLIDES (cover,
agenda for the city, key findings, charts whose titles say what they show, targets against outcomes as the analysis
checks them, the audit's verdicts, a closing slide with the sources and where to read the book), then a divider and the
appendix (key figures, the other charts, the flagged claims, every source), each slide marked as backup.

Every sentence comes from `zonebook.analysis.readings` (`Reading.parts()`, in Chinese `readings_zh`), every table from
the analysis' frames (`metrics`); the speaker notes are plain sentences of at most NOTES_LIMIT characters, each figure
with its source's name and year. Each deck's analysis is computed once (`part_of`) and spoken in every language through
a `words.Voice` (the decks' own words, one template per key and language); the decks are built here (`zone_deck`,
`city_deck`) and written by `pptx`, `html` and `handout`, English into the decks' folder and Chinese into its `zh/`.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd

from zonebook import frames
from zonebook.analysis import metrics, readings
from zonebook.data import CITY, DataError, Dataset, load
from zonebook.decks import figures, words
from zonebook.decks.html import write_html
from zonebook.decks.model import (
    BODY_BOTTOM,
    BODY_PT,
    BODY_TOP,
    CAPTION_PT,
    CHART_DPI,
    CONTENT_W,
    FOLDER,
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
from zonebook.decks.reveal import VENDOR_FILES, copy_reveal
from zonebook.decks.words import Voice, tidy
from zonebook.report import charts
from zonebook.report import html as report
from zonebook.report.links import web_address

ZONE_SLIDES, CITY_SLIDES = 12, 18  # the talk, before the appendix
NOTES_LIMIT = 1200  # characters of speaker notes a slide
WINDOW = 15  # years a chart shows, up to its latest figure
TABLE_ROOM = BODY_BOTTOM - BODY_TOP - 0.4  # a table's page, with room for a browser's wider wrapping than our estimate
MORE = words.EN["more"]
LANGUAGES = tuple(words.TEMPLATES)  # every deck is written in each of them, from one computation


# --- words -----------------------------------------------------------------------------------


def said(v: Voice, reading: readings.Reading) -> Rich:
    """A reading's sentence as slide text: its parts, bold where the book sets them bold."""
    return [(tidy(t), bold) for t, bold in v.parts(reading) if t]


def by(v: Voice, row, source: str = "") -> str:
    """A figure's source for the speaker: its publisher and the year it published."""
    publisher = v.publisher(source or getattr(row, "source", ""), row.publisher)
    return v("by", publisher=publisher or v.words["unnamed"], year=v.year(row.published))


def figure_words(v: Voice, row) -> str:
    """One figure as the speaker says it: its value with bound and unit, its period, its source and year."""
    value = v.amount(row.value, int(row.decimals), row.bound, row.unit)
    return v("figure", value=value, period=v.period(row.period), kind=v.kind(row.kind), by=by(v, row))


def sources_of(v: Voice, obs: pd.DataFrame, lines) -> str:
    """The sources behind observation lines, as "Sources: publisher (year); …"."""
    rows = obs[obs["line"].isin(set(lines))].drop_duplicates("source").sort_values("tier", kind="stable")
    named = [
        v("source-year", publisher=v.publisher(r.source, r.publisher) or v.words["unnamed"], year=v.year(r.published))
        for r in frames.rows(rows)
    ]
    if not named:
        return ""
    return v("sources-many" if len(named) > 1 else "sources-one", named=v.words["sources-sep"].join(named))


def notes(v: Voice, *sentences: str, limit: int = NOTES_LIMIT) -> list[str]:
    """Speaker notes: the sentences in order while they fit `limit` characters, then a pointer to the rest."""
    out, used, more = [], 0, v.words["more"]
    for sentence in (tidy(s) for s in sentences if s):
        if used + len(sentence) + 1 > limit - len(more) - 1:
            out.append(more)
            break
        out.append(sentence)
        used += len(sentence) + 1
    return out


def with_sources(v: Voice, reading: readings.Reading, obs: pd.DataFrame) -> str:
    return v("with-sources", sentence=v.sentence(reading), sources=sources_of(v, obs, reading.lines))


def reading_notes(v: Voice, found: list[readings.Reading], obs: pd.DataFrame, lead: str = "") -> list[str]:
    """Each reading's sentence and the sources it rests on."""
    return notes(v, lead, *[with_sources(v, r, obs) for r in found])


# --- what a deck shows, computed once for every language --------------------------------------


@dataclass
class Part:
    """The analysis behind one deck: computed once, then spoken in each language."""

    obs: pd.DataFrame  # the figures the deck's part of the book rests on
    cited: pd.DataFrame  # where the notes look up the sources of a reading (the city deck's readings span the zones)
    sources: pd.DataFrame
    audit: pd.DataFrame
    said: list[readings.Reading]  # the audit's readings, one per claim
    summaries: dict[str, readings.Reading]
    trends: list[readings.Reading]
    checked: list[readings.Reading]  # targets against outcomes
    findings: list[readings.Reading]
    numbers: pd.DataFrame  # metrics.figures
    key_figures: pd.DataFrame
    claims: readings.Reading | None = None  # the audit in one sentence
    goal: object = None  # the path to the edition's goal (the city deck)
    path: list[readings.Reading] = field(default_factory=list)
    evidence: pd.DataFrame | None = None  # metrics.evidence_by_zone (the city deck)
    zone: str | None = None


def part_of(ds: Dataset, zone: str | None) -> Part:
    """The analysis of the city's deck (zone None) or a zone's."""
    if zone is None:
        everything = ds.observations
        obs = everything[everything["zone"] == CITY]
        audit = metrics.audit(everything, ds.claims_source)
        sources = ds.sources[ds.sources["source"].isin(everything["source"])]
        summaries = readings.part_summaries(obs, ds.claims_source, CITY)
        goal = ds.edition.goal
        g = report.trillion_paths(ds, goal.indicator, goal.growth or "", goal.value) if goal else None
        extra = dict(
            cited=everything,
            claims=readings.audit_summary(audit),
            goal=g,
            path=readings.path_readings(g) if g else [],
            evidence=metrics.evidence_by_zone(everything, ds.zones),
        )
    else:
        part = ds.for_zone(zone)
        obs, sources = part.observations, part.sources
        audit = metrics.audit(obs, ds.claims_source)
        summaries = readings.part_summaries(obs, ds.claims_source, zone)
        extra = dict(cited=obs, claims=summaries.get("claims"))
    return Part(
        obs=obs,
        sources=sources,
        audit=audit,
        said=readings.audit_readings(audit),
        summaries=summaries,
        trends=readings.trends(obs),
        checked=readings.target_readings(obs),
        findings=key_findings(ds, zone),
        numbers=metrics.figures(obs),
        key_figures=metrics.key_figures(obs),
        zone=zone,
        **extra,
    )


# --- slides of every deck ---------------------------------------------------------------------


def cover_slide(
    v: Voice, title: str, subtitle: str, kicker: str, summary: str, built: dt.date, presenter: str, event: str, say
) -> Slide:
    return Slide(
        v("cover-title", zh=title, en=subtitle),
        notes(v, *say),
        cover=Cover(tidy(title), tidy(subtitle), tidy(kicker), tidy(summary), v.date(built), presenter, event),
    )


def bullet_pages(found: list[Rich], room: float = BODY_BOTTOM - BODY_TOP) -> list[list[Rich]]:
    return paginate_bullets(found, room) if found else []


def key_findings(ds: Dataset, zone: str | None) -> list[readings.Reading]:
    """The deck's key findings: what its part of the book opens with — a zone chapter's takeaways
    (`readings.takeaways`), the front matter's key findings for the city deck (`readings.findings`)."""
    return readings.findings(ds) if zone is None else readings.takeaways(ds, zone)


def findings_slide(v: Voice, found: list[readings.Reading], obs: pd.DataFrame) -> list[Slide]:
    pages = bullet_pages([said(v, r) for r in found])
    if not pages:
        return []
    shown = found[: len(pages[0])]
    title = v("findings")
    return [Slide(title, reading_notes(v, shown, obs, v("findings-say")), bullets=pages[0], section=title)]


def chart_title(v: Voice, records: list, trend: readings.Reading | None) -> str:
    """What a chart shows, in its title: the trend the analysis computes, else the figures it holds."""
    first = records[0]
    name = v.name(first)
    if trend is not None and {"start", "end"} <= set(trend.values):
        t = v.values(trend)
        title = v("chart-trend", name=name, start=t["start"], y0=t["y0"], end=t["end"], y1=t["y1"])
    elif len(actual := {r.period: r for r in reversed(records) if r.kind == "actual" and not r.is_span}) >= 2:
        ends = [actual[p] for p in sorted(actual, key=lambda p: (actual[p].period_start, actual[p].period_end))]
        shown = [v.amount(r.value, int(r.decimals), r.bound, r.unit) for r in (ends[0], ends[-1])]
        title = v(
            "chart-trend",
            name=name,
            start=shown[0],
            y0=v.period(ends[0].period),
            end=shown[1],
            y1=v.period(ends[-1].period),
        )
    else:
        periods = [r.period for r in records]  # in time order
        many = len({r.source for r in records})
        title = v("chart-count", name=name, n=len(records), first=v.period(periods[0]), last=v.period(periods[-1])) + (
            v("chart-sources", n=many) if many > 1 else ""
        )
    if lines_needed(title, CONTENT_W, 24) > 2:
        title = v("chart-unit", name=name, unit=first.unit)
    return title


def chart_caption(v: Voice, records: list, spec) -> str:
    cited = sorted({(r.tier, v.publisher(r.source, r.publisher) or v.words["unnamed"]) for r in records})
    names = [v("caption-name", publisher=p, tier=t) for t, p in cited]
    text = v("caption-source", names=v.words["sources-sep"].join(names[:3])) + (
        v("caption-more", n=len(names) - 3) if len(names) > 3 else ""
    )
    kinds = {s.name.split(" ")[0] for s in spec.series}
    hollow = v.words["caption-hollow"] if "target" in kinds else ""  # the chart's legend says the rest
    return v("caption-marks", sources=text, hollow=hollow)


def chart_slides(v: Voice, p: Part, section: str) -> list[Slide]:
    """A chart for every indicator with figures for two or more periods, those with the longest series first."""
    obs, numbers = p.obs, p.numbers
    trends = {r.indicators[0]: r for r in p.trends}
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
        records = list(frames.rows(ordered))
        first = records[0]
        drawn = figures.slide_chart(ordered, v.lang)  # the book's spec (report.figures), in the deck's language
        spec = drawn.native
        caption = chart_caption(v, records, spec)
        native = spec if drawn.editable else None
        png = figures.picture(drawn.spec, *chart_box(caption), dpi=figures.SCREEN_DPI if native else CHART_DPI)
        latest = sorted(records, key=lambda r: (r.period_end, r.tier), reverse=True)
        trend = trends.get(indicator) if freq == "year" else None  # a trend is of years
        if trend is not None and int(trend.periods[0]) < int(first.period_start):
            trend = None  # it starts before the chart's window: not what the chart shows
        names = dict(name_en=first.name_en, name_zh=v.name(first, "name_zh"), unit=first.unit)
        say = notes(
            v,
            v("chart-what", **names),
            with_sources(v, trend, obs) if trend else "",
            v("chart-latest", figures=v.words["sources-sep"].join(figure_words(v, r) for r in latest[:6])),
            v("chart-earlier", count=v.plural(len(latest) - 6, "earlier figure")) if len(latest) > 6 else "",
            v("chart-window", years=WINDOW, earlier=earlier) if earlier else "",
            v("chart-sides") if len(spec.series) > 3 else "",
        )
        alt = v("chart-alt", **names)
        made.append(
            (
                -group["period"].nunique(),
                Slide(chart_title(v, records, trend), say, chart=Chart(png, alt, caption, native), section=section),
            )
        )
    return [s for _, s in sorted(made, key=lambda m: m[0])]


def target_slides(v: Voice, obs: pd.DataFrame, checked: list[readings.Reading]) -> list[Slide]:
    """Each target against the outcome of its own period, or earlier actuals as progress so far, as the analysis states
    it (it refuses any other comparison); outcomes first."""
    found = sorted(
        checked,
        key=lambda r: r.kind != "plan-vs-outcome",  # readings.target_readings(obs)
    )  # stable: the analysis' own order within each kind
    pages = bullet_pages([said(v, r) for r in found])
    out, start = [], 0
    for n, page in enumerate(pages, 1):
        shown = found[start : start + len(page)]
        start += len(page)
        title = v("targets") + continued(v, n, len(pages))
        say = reading_notes(v, shown, obs, v("targets-say"))
        out.append(Slide(title, say, bullets=page, section=v("targets")))
    return out


TILES = [
    ("tile-corroborated", ["corroborated"]),
    ("tile-weak", ["weak", "partly"]),
    ("tile-revised", ["revised"]),
    ("tile-conflict", ["conflict", "bounded"]),
    ("tile-unverified", ["unverified"]),
    ("tile-missing", ["missing"]),
]
SHADE = {**VERDICT_SHADE, "bounded": VERDICT_SHADE["conflict"], "weak": VERDICT_SHADE["partly"], "revised": "E3ECF6"}
SHARPEST = ("conflict", "bounded", "revised", "partly", "weak")


def audit_slide(v: Voice, ds: Dataset, p: Part) -> Slide:
    """The audit's verdicts as tiles, the count sentence, and as many of the sharpest verdicts as fit."""
    title = section = v("audit")
    summary, obs = p.claims, p.cited
    if not ds.claims_source:
        text = v("audit-unmarked")
        return Slide(title, notes(v, text), lead=[(text, False)], section=section)
    counts = p.audit["verdict"].value_counts()
    tiles = [
        Tile(v(label), sum(int(counts.get(x, 0)) for x in group), charts.VERDICT_COLOUR[group[0]].lstrip("#").upper())
        for label, group in TILES
    ]
    lead = said(v, summary) if summary else [(v("audit-none"), False)]
    order = {x: i for i, x in enumerate(SHARPEST)}
    sharp = sorted((r for r in p.said if r.verdict in order), key=lambda r: order[r.verdict])  # stable within a verdict
    room = BODY_BOTTOM - BODY_TOP - 2.2 - text_height("".join(t for t, _ in lead), CONTENT_W, BODY_PT) - 0.1
    pages = paginate_bullets([said(v, r) for r in sharp], room, BODY_PT) if sharp else []
    shown = sharp[: len(pages[0])] if pages else []
    src = ds.sources.set_index("source").loc[ds.claims_source]
    say = notes(
        v,
        v.sentence(summary) if summary else "",
        v("audit-text", title=v.cite(src["title"]), by=by(v, src, ds.claims_source), tier=src["tier"]),
        v("audit-method"),
        *[with_sources(v, r, obs) for r in shown],
        v("audit-more") if len(sharp) > len(shown) else "",
    )
    return Slide(title, say, lead=lead, bullets=pages[0] if pages else [], tiles=tiles, section=section)


def closing_slide(v: Voice, ds: Dataset, sources: pd.DataFrame, page: str, chapter: str) -> Slide:
    """The sources in brief and where to read the book (its page, linked from the PowerPoint)."""
    named = sources.sort_values(["tier", "published"], ascending=[True, False], kind="stable")
    top = [p for p in dict.fromkeys(v.publisher(s.source, s.publisher) for s in frames.rows(named)) if p]
    top = top[:3]
    counted = readings.sources_summary(sources, "")
    lines = [
        tidy(v.sentence(counted)) if counted else "",
        v("closing-among", names=v.words["sources-sep"].join(top)) if top else "",
    ]
    if ds.claims_source and ds.claims_source in set(sources["source"]):
        src = ds.sources.set_index("source").loc[ds.claims_source]
        lines.append(v("closing-audited", title=v.cite(src["title"]), by=by(v, src, ds.claims_source)))
    book = v("closing-book", chapter=chapter, page=page.removeprefix("../"))
    lines += [book, v("closing-data")]
    bullets = [[(t, False)] for t in lines if t]
    return Slide(
        v("closing"),
        notes(v, *lines, v("closing-say")),
        bullets=bullets,
        section=v("closing-section"),
        links={bullets.index([(book, False)]): page},
    )


def continued(v: Voice, n: int, pages: int) -> str:
    """The title's mark on the later pages of a slide continued in the appendix."""
    return "" if n == 1 else v("continued") if pages == 2 else v("continued-of", n=n - 1, m=pages - 1)


def divider(v: Voice, title: str, backup: bool = False) -> Slide:
    return Slide(title, notes(v, v("divider-say", title=title) if backup else title), divider=True, backup=backup)


def table_slides(v: Voice, title: str, table: Table, say, lead: str = "") -> list[Slide]:
    """A table over as many slides as it needs, its header on each; each slide's notes cover its own rows."""
    pages = paginate_table(table, TABLE_ROOM)
    out, start = [], 0
    for n, page in enumerate(pages, 1):
        rows = list(range(start, start + len(page.rows)))
        start += len(page.rows)
        shown = title if len(pages) == 1 else v("page-of", title=title, n=n, m=len(pages))
        out.append(Slide(shown, notes(v, lead, *say(rows)), table=page, backup=True))
    return out


def both_names(v: Voice, row) -> str:
    """An indicator in a table: its English and Chinese names in an English deck, its Chinese name in a Chinese one."""
    return v("both-names", en=row.name_en, zh=v.name(row, "name_zh"))


def key_figures_table(v: Voice, p: Part) -> list[Slide]:
    kf = p.key_figures
    if kf.empty:
        return []
    records = list(frames.rows(kf))
    rows = [
        [
            both_names(v, r),
            v.cell(r.value, r.decimals, r.bound, r.unit),
            v.period(r.period) + v.kind(r.kind),
            v("by", publisher=v.publisher(r.source, r.publisher) or v.words["unnamed-short"], year=v.year(r.published)),
            r.tier,
        ]
        for r in records
    ]
    headers = [v(h) for h in ("h-indicator", "h-latest", "h-period", "h-source", "h-tier")]
    table = Table(headers, rows, [4.6, 2.1, 1.9, 2.73, 0.8], numeric=(1,))
    return table_slides(
        v,
        v("key-figures"),
        table,
        lambda idx: [v("key-figure", name=v.name(records[i]), figure=figure_words(v, records[i])) for i in idx],
        v("key-figures-say"),
    )


def flagged_table(v: Voice, ds: Dataset, p: Part, with_zone: bool) -> list[Slide]:
    audit = p.audit
    flagged = audit[audit["verdict"].isin(report.FLAGGED)]
    if flagged.empty:
        return []
    order = {x: i for i, x in enumerate(report.FLAGGED)}
    flagged = flagged.sort_values("verdict", key=lambda s: s.map(order), kind="stable")
    records = list(frames.rows(flagged))
    why = {r.lines[0]: v.sentence(r) for r in p.said}
    zone_names = {**{z.zone: v.name(z) for z in frames.rows(ds.zones)}, CITY: v("city-wide")}
    rows = [
        ([tidy(zone_names.get(r.zone, r.zone))] if with_zone else [])
        + [
            both_names(v, r),
            v.period(r.period),
            tidy(v.amount(r.value, int(r.decimals), r.bound, r.unit)),
            v(
                "record",
                value=v.amount(r.record_value, int(r.decimals), r.record_bound, r.record_unit or r.unit),
                publisher=v.publisher(r.record_source, r.record_publisher) or v.words["unnamed-short"],
            ),
            v.verdict(r.verdict),
        ]
        for r in records
    ]
    widths = [3.9, 1.2, 2.0, 3.0, 2.03] if not with_zone else [1.7, 2.9, 1.3, 1.8, 2.5, 1.93]
    headers = [v(h) for h in (["h-zone"] if with_zone else []) + ["h-indicator", "h-period", "h-article"]]
    headers += [v("h-record"), v("h-verdict")]
    table = Table(headers, rows, widths, shades=[SHADE[r.verdict] for r in records])
    return table_slides(v, v("flagged"), table, lambda idx: [why[int(records[i].line)] for i in idx], v("flagged-say"))


def sources_table(v: Voice, sources: pd.DataFrame, claims: str | None) -> list[Slide]:
    sources = sources.sort_values(["tier", "published"], ascending=[True, False], kind="stable")
    records = list(frames.rows(sources))
    rows, links = [], {}
    for i, s in enumerate(records):
        address = web_address(s.url)  # only a web address becomes a link; the host is shown, the link is whole
        rows.append(
            [
                tidy(v.publisher(s.source, s.publisher) or v.words["unnamed-short"]),
                v.cite(s.title) + (v.words["audited-mark"] if s.source == claims else ""),
                v.published(s.published),
                s.tier,
                urlsplit(address).netloc if address else "—",
            ]
        )
        if address:
            links[(i, 4)] = address
    headers = [v(h) for h in ("h-publisher", "h-title", "h-published", "h-tier", "h-site")]
    table = Table(headers, rows, [2.6, 4.9, 1.7, 0.8, 2.13], links=links)
    return table_slides(
        v,
        v("sources"),
        table,
        lambda idx: [
            v(
                "source-row",
                publisher=v.publisher(records[i].source, records[i].publisher) or v.words["unnamed-cap"],
                title=v.cite(records[i].title),
                year=v.year(records[i].published),
                tier=records[i].tier,
            )
            for i in idx
        ],
        v("sources-say"),
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


def footer(v: Voice, built: dt.date) -> str:
    return v("footer", title=v.title(), date=v.date(built))


def where(zone: str | None, stem: str) -> str:
    """The book's page for a deck, relative to the decks' folder in the published book (in either edition)."""
    return "../chapters/overview.html" if zone is None else f"../chapters/zones/{stem}.html"


def deck(v: Voice, stem: str, name: str, slides: list[Slide], built: dt.date) -> Deck:
    return Deck(stem, name, slides, footer(v, built), v.lang, v.words["backup-mark"], v.words["notes-heading"])


# --- the decks --------------------------------------------------------------------------------


def zone_deck(
    ds: Dataset,
    zone: str,
    built: dt.date,
    presenter: str = "",
    event: str = "",
    lang: str = "en",
    part: Part | None = None,
    voice: Voice | None = None,
) -> Deck:
    """A zone's deck in `lang`, from `part` (part_of: the analysis, computed once for every language) if given."""
    v = voice or Voice(ds, lang)
    p = part or part_of(ds, zone)
    z = ds.zone(zone)
    order = int(z["order"])
    stem = f"{order:02d}-{zone}"
    title = v("cover-title", zh=v.name(z, "name_zh"), en=z["name_en"])
    cover = cover_slide(
        v,
        v.name(z, "name_zh"),
        v("zone-subtitle", name_en=z["name_en"], title=v.title()),
        v("zone-kicker", place=v.place(), order=order, n=len(ds.zones)),
        v.text(z, "summary_en"),
        built,
        presenter,
        event,
        [
            v(
                "zone-say",
                name_en=z["name_en"],
                name_zh=v.name(z, "name_zh"),
                order=order,
                n=len(ds.zones),
                title=v.cite(v.title()),
            ),
            v.sentence(p.summaries["evidence"]) if "evidence" in p.summaries else "",
            v("cover-figures"),
        ],
    )
    targets = target_slides(v, p.obs, p.checked)
    talk = [
        cover,
        *findings_slide(v, p.findings, p.obs),
        "charts",
        *targets[:1],
        audit_slide(v, ds, p),
        closing_slide(v, ds, p.sources, where(zone, stem), tidy(v.name(z))),
    ]
    talk, more = place_charts(talk, chart_slides(v, p, v("figures-section")), ZONE_SLIDES)
    appendix = (
        more
        + key_figures_table(v, p)
        + backup(targets[1:])
        + flagged_table(v, ds, p, with_zone=False)
        + sources_table(v, p.sources, ds.claims_source)
    )
    slides = talk + ([divider(v, v("appendix"), backup=True), *appendix] if appendix else [])
    return deck(v, stem, title, slides, built)


def goal_slides(v: Voice, ds: Dataset, p: Part) -> tuple[list[Slide], list[Slide]]:
    """The path to the edition's goal: its chart and what it needs (talk), the rest of the path's statements (backup)."""
    goal, g = ds.edition.goal, p.goal
    if not g:
        return [], []
    obs = ds.observations
    statements = p.path
    name = v.name(g)
    args, kwargs = report.path_chart_args(g, v.lang)
    target = v.amount(g.goal, g.decimals, "eq", g.unit)
    base = v.amount(g.base, g.decimals, g.base_bound, g.unit)
    caption = v("goal-caption", name=name, base=base, year=g.base_year, sources=sources_of(v, obs, g.lines))
    if lines_needed(caption, CONTENT_W, CAPTION_PT) > 3:
        caption = v("goal-caption-short", name=name, year=g.base_year)
    png = figures.book_figure(charts.paths_chart, *chart_box(caption), *args, **kwargs)
    actual = v.words["goal-sep"].join(
        v("goal-year", year=y, value=v.amount(x, g.decimals, g.bounds[y], g.unit)) for y, x in g.series.items()
    )
    needed = [r for r in statements if r.template == "path-needed"]
    section = v("goal-section")
    chart = Slide(
        v("goal", name=name, target=target, year=goal.year),
        notes(v, v("goal-actual", name=name, figures=actual), *map(v.sentence, needed), sources_of(v, obs, g.lines)),
        chart=Chart(png, v("goal-alt", name=name), caption),
        section=section,
    )
    pages = bullet_pages([said(v, r) for r in statements])
    out, start = [], 0
    for n, page in enumerate(pages, 1):
        shown = statements[start : start + len(page)]
        start += len(page)
        title = v("goal-when", name=name, target=target) + continued(v, n, len(pages))
        out.append(Slide(title, notes(v, *map(v.sentence, shown)), bullets=page, section=section))
    return [chart, *out[:1]], backup(out[1:])


def agenda_slide(v: Voice, sections: list[str]) -> Slide:
    bullets = [[(s, False)] for s in sections]
    return Slide(
        v("agenda"), notes(v, v("agenda-say", sections=v.words["sources-sep"].join(sections))), bullets=bullets
    )


def city_deck(
    ds: Dataset,
    built: dt.date,
    presenter: str = "",
    event: str = "",
    lang: str = "en",
    part: Part | None = None,
    voice: Voice | None = None,
) -> Deck:
    """The city's deck in `lang`, from `part` (part_of: the analysis, computed once for every language) if given."""
    v = voice or Voice(ds, lang)
    p = part or part_of(ds, None)
    names = ds.edition.city
    cover = cover_slide(
        v,
        v("city-title", city=names["zh"]) if names["zh"] else v("city-title-none"),
        v("city-subtitle", city=names["en"] or v("city-none"), title=v.title()),
        v("city-kicker", title=v.title()),
        v("city-summary"),
        built,
        presenter,
        event,
        [
            v("city-say", title=v.cite(v.title()), n=len(ds.zones)),
            v.sentence(p.summaries["evidence"]) if "evidence" in p.summaries else "",
        ],
    )
    goal_talk, goal_backup = goal_slides(v, ds, p)
    targets = target_slides(v, p.obs, p.checked)
    talk = [
        *findings_slide(v, p.findings, p.cited),
        *goal_talk,
        "charts",
        *targets[:1],
        *zones_slides(v, ds, p),
        *evidence_slides(v, p.evidence),
        audit_slide(v, ds, p),
        *verdict_slides(v, ds, p.audit),
        closing_slide(v, ds, p.sources, where(None, "00-city"), v("city-chapter")),
    ]
    talk, more = place_charts(
        talk, chart_slides(v, p, v("city-figures-section")), CITY_SLIDES - 2
    )  # the cover, the agenda
    sections = list(dict.fromkeys(s.section for s in talk if s.section))
    appendix = (
        goal_backup
        + more
        + key_figures_table(v, p)
        + backup(targets[1:])
        + flagged_table(v, ds, p, with_zone=True)
        + sources_table(v, p.sources, ds.claims_source)
    )
    slides = [cover, agenda_slide(v, sections), *talk]
    slides += [divider(v, v("appendix"), backup=True), *appendix] if appendix else []
    name = v("city-deck", zh=names["zh"], en=names["en"] or v("city-deck-none")).strip()
    return deck(v, "00-city", name, slides, built)


def zone_labels(ds: Dataset, sep: str = " ", v: Voice | None = None) -> dict[str, str]:
    """Each zone's (and the city's) name on a bar: both names in English, the Chinese in a Chinese deck."""
    v = v or Voice(ds)
    names = {z.zone: (z.name_en, v.name(z, "name_zh")) for z in frames.rows(ds.zones)}
    return {zone: v.zone_label(zone, names, sep) for zone in [CITY, *names]}


def bars(counts: pd.DataFrame, colours: dict[str, str], labels: dict[str, str], unit: str):
    """Stacked horizontal bars of counts (index: the bars, columns: the stacks), as charts.stacked_bars draws them."""
    series = [
        Series(
            labels.get(c, c),
            [float(x) for x in counts[c]],
            [None] * len(counts),
            [None] * len(counts),
            colours[c].lstrip("#").upper(),
            line=False,
            hollow=False,
        )
        for c in counts.columns
    ]
    return NativeChart([str(i) for i in counts.index], series, unit, 0, kind="bars")


def evidence_slides(v: Voice, ev: pd.DataFrame) -> list[Slide]:
    """Figures per zone by source tier (`ev`: metrics.evidence_by_zone), as the overview's chart."""
    if ev.empty:
        return []
    records = list(frames.rows(ev))
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
    labels = {tier: v(f"tier-{tier}") for tier in colours}
    caption = v("evidence-caption")
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
    bar_names = [v("zone-label", en=r.name_en, zh=v.name(r, "name_zh"), sep=" ") for r in records]
    native = bars(counts.set_axis(bar_names), colours, labels, v("evidence-unit"))
    most = max(records, key=lambda r: r.figures)
    least = min(records, key=lambda r: r.figures)
    say = notes(
        v,
        v("evidence-say"),
        *[
            v("evidence-row", name=v.name(r), figures=r.figures, indicators=r.indicators, sources=r.sources)
            for r in records
        ],
    )
    return [
        Slide(
            v("evidence", most_n=most.figures, most=v.name(most), least_n=least.figures, least=v.name(least)),
            say,
            chart=Chart(png, v("evidence-alt"), caption, native),
            section=v("zones-section"),
        )
    ]


def verdict_slides(v: Voice, ds: Dataset, audit: pd.DataFrame) -> list[Slide]:
    """The audit's verdicts per zone, as the audit chapter's chart."""
    if audit.empty:
        return []
    names = zone_labels(ds, v=v)
    counts = audit.groupby("zone")["verdict"].value_counts().unstack(fill_value=0)
    counts = counts.reindex([z for z in [CITY, *ds.zones["zone"]] if z in counts.index])
    counts = counts[[x for x in metrics.VERDICT_ORDER if x in counts.columns]]
    caption = v("verdicts-caption")
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
    labels = {x: v.verdict(x) for x in metrics.VERDICT_LABEL}
    native = bars(counts.rename(index=names), charts.VERDICT_COLOUR, labels, v("verdicts-unit"))
    say = notes(
        v,
        v("verdicts-say"),
        *[
            v(
                "verdicts-row",
                name=names[z],
                counts=v.words["verdict-sep"].join(
                    v("verdict-count", n=int(row[x]), label=labels[x].lower()) for x in counts.columns if row[x]
                ),
            )
            for z, row in counts.iterrows()
        ],
    )
    return [
        Slide(
            v("verdicts"),
            say,
            chart=Chart(png, v("verdicts-alt"), caption, native),
            section=v("audit"),
        )
    ]


def zones_slides(v: Voice, ds: Dataset, p: Part) -> list[Slide]:
    """The zones at a glance: evidence counts (`p.evidence`: metrics.evidence_by_zone) and the article's claims."""
    audit, ev = p.audit, p.evidence
    rows, say = [], []
    other = v.words["h-other-name"]  # the other language's name beside the zone's (the English deck's 中文 column)
    for z, e in zip(frames.rows(ds.zones), frames.rows(ev)):
        mine = audit[audit["zone"] == z.zone]["verdict"]
        counts = mine.value_counts()
        n = int(mine.isin(metrics.CLAIMS).sum())
        wrong = int(sum(counts.get(x, 0) for x in ("conflict", "bounded")))
        rows.append(
            [v("zone-row", order=z.order, name=v.name(z))]
            + ([tidy(z.name_zh)] if other else [])
            + [str(e.figures), str(n), str(wrong)]
        )
        say.append(v("zone-say-row", name=v.name(z), figures=e.figures, claims=v.claims(mine)))
    headers = [v("h-zone"), *([other] if other else []), v("h-figures"), v("h-claims"), v("h-conflict")]
    widths = [4.4, 3.4, 1.4, 1.3, 1.63] if other else [6.8, 1.8, 1.8, 1.73]
    table = Table(headers, rows, widths, numeric=tuple(range(len(headers) - 3, len(headers))))
    pages = paginate_table(table, TABLE_ROOM)
    out = [Slide(v("zones"), notes(v, *say), table=pages[0], section=v("zones-section"))]
    return out + [
        Slide(v("zones-more", n=n), notes(v, *say), table=page, backup=True) for n, page in enumerate(pages[1:], 2)
    ]


def decks(ds: Dataset, built: dt.date | None = None, presenter: str = "", event: str = "") -> list[Deck]:
    """Every deck in English (the city's first, then the zones' in order)."""
    built = built or build_date()
    return [city_deck(ds, built, presenter, event)] + [
        zone_deck(ds, zone, built, presenter, event) for zone in ds.zones["zone"]
    ]


# --- entry points -----------------------------------------------------------------------------


def voices(ds: Dataset, languages: tuple[str, ...] | list[str] | None = None) -> dict[str, Voice]:
    """The decks' words in `languages` (None: those the book is published in, book.yml's editions), for a dataset
    (the Chinese names and readings built once)."""
    wanted = ds.edition.languages if languages is None else languages
    return {lang: Voice(ds, lang) for lang in LANGUAGES if lang in wanted}


def deck_of(
    ds: Dataset, zone: str | None, built: dt.date, presenter: str, event: str, part: Part, voice: Voice
) -> Deck:
    """The deck of `zone` (the city's when None) in `voice`'s language, from its analysis `part` (`part_of`)."""
    if zone is None:
        return city_deck(ds, built, presenter, event, part=part, voice=voice)
    return zone_deck(ds, zone, built, presenter, event, part=part, voice=voice)


def write_files(deck: Deck, folder: Path, handout: bool = False) -> list[Path]:
    """The deck's .pptx and .html (and handout .pdf) in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    written = [write_pptx(deck, folder / f"{deck.stem}.pptx"), write_html(deck, folder / f"{deck.stem}.html")]
    if handout:
        from zonebook.decks.handout import write_handout

        written.append(write_handout(deck, folder / f"{deck.stem}-handout.pdf"))
    return written


def write_deck(
    ds: Dataset,
    zone: str | None,
    built: dt.date,
    out: Path,
    presenter: str = "",
    event: str = "",
    handout: bool = False,
    spoken: dict[str, Voice] | None = None,
    write=write_files,
) -> list[Path]:
    """One deck, the city's when `zone` is None, in every language of `spoken` (all by default) from one analysis
    (`part_of`): .pptx and .html (and the handout .pdf) in `out` (which must exist) for English, in `out/zh/` for
    Chinese (words.FOLDER); `write(deck, folder, handout)` writes each (the build's job: through its cache)."""
    part = part_of(ds, zone)
    written = []
    for lang, v in (voices(ds) if spoken is None else spoken).items():
        written += write(deck_of(ds, zone, built, presenter, event, part, v), out / FOLDER[lang], handout)
    return written


def write_decks(
    ds: Dataset, out: Path, presenter: str = "", event: str = "", handout: bool = False, reveal: list | None = None
) -> list[Path]:
    """Write the city deck and one deck per zone (in the zones' order) in every language: English into `out`, Chinese
    into `out/zh/`, each with the vendored reveal.js beside it (its files appended to `reveal` when given); .pptx,
    .html and the handout .pdf."""
    out = Path(out)
    spoken = voices(ds)
    for lang in spoken:
        (out / FOLDER[lang]).mkdir(parents=True, exist_ok=True)
        folder = copy_reveal(out / FOLDER[lang])
        if reveal is not None:
            reveal += [folder / name for name in VENDOR_FILES]
    written = []
    built = build_date()
    for zone in [None, *ds.zones["zone"]]:
        written += write_deck(ds, zone, built, out, presenter, event, handout, spoken)
    return written


def make_decks(data: Path, out: Path, presenter: str = "", event: str = "", handout: bool = False, done=None) -> int:
    """`python -m zonebook slides`: load and check the data, write the decks; the exit code. `done(files)`, when given,
    is called with every file written (the decks and reveal.js) before the summary is printed."""
    try:
        ds = load(data)
    except DataError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(f"{data}: {len(error.problems)} problem(s); no decks were written.", file=sys.stderr)
        return 1
    reveal: list[Path] = []
    written = write_decks(ds, Path(out), presenter, event, handout, reveal)
    if done is not None:
        done(written + reveal)
    chinese = f" (中文: {Path(out) / FOLDER['zh']})" if "zh" in ds.edition.languages else ""
    print(
        f"{len(ds.zones) + 1} decks in {'English and Chinese' if chinese else 'English'} ({len(written)} files) written "
        f"to {out}{chinese}; open the .pptx in PowerPoint or WPS, or the .html in a browser (offline; "
        "keep the reveal/ folder beside it; S opens the speaker view)"
        + ("; the -handout.pdf files are the slides with their notes, for print." if handout else ".")
    )
    return 0
