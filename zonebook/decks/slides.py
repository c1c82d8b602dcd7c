"""Seminar decks: a PowerPoint deck and an offline reveal.js deck for the city and for every zone.

Planners present from PowerPoint or WPS more often than from a browser, and the room may have no
internet. So every deck is built once here, as slides (``deck_model``), and written twice:
``NN-<zone>.pptx`` by ``deck_pptx`` and ``NN-<zone>.html`` by ``deck_html``.

The numbers and charts come from the same functions the book's notebooks call (``metrics``,
``report``, ``charts``) on the same data; nothing is recomputed here.
"""

from __future__ import annotations

import datetime as dt
import html
import inspect
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

import matplotlib
import pandas as pd

from zonebook.analysis import metrics, readings
from zonebook.data import CITY, DataError, Dataset, format_value, load
from zonebook.decks.html import write_html
from zonebook.decks.model import (
    BODY_BOTTOM,
    BODY_PT,
    BODY_TOP,
    CHART_DPI,
    CONTENT_W,
    TIER_NAME,
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
    paginate_bullets,
    paginate_table,
    rich_text,
    text_height,
)
from zonebook.decks.pptx import write_pptx
from zonebook.decks.reveal import copy_reveal
from zonebook.report import charts
from zonebook.report import html as report
from zonebook.report.links import web_address

# --- small helpers ----------------------------------------------------------------------------


def rich(fragment: str) -> Rich:
    """One of report's HTML sentences (escaped text and <b>) as text segments."""
    out, bold = [], False
    for token in re.split(r"(</?b>)", fragment):
        if token in ("<b>", "</b>"):
            bold = token == "<b>"
        elif token:
            text = html.unescape(re.sub(r"<[^>]+>", "", token))
            if text:
                out.append((text, bold))
    return out


def plain(fragment: str) -> str:
    """report's HTML as plain text, list items on their own lines (for speaker notes)."""
    text = re.sub(r"<li>", "\n- ", fragment)
    text = re.sub(r"</p>|</ul>|<br\s*/?>", "\n", text)
    return "\n".join(line.strip() for line in html.unescape(re.sub(r"<[^>]+>", "", text)).splitlines() if line.strip())


def exact(value: float) -> str:
    """A stored number in full, as in the CSV (8200.0 → 8200)."""
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def publisher(row) -> str:
    return (getattr(row, "publisher", "") or getattr(row, "source", "")) or ""


def rows_by_label(frame: pd.DataFrame) -> dict:
    """Every row of `frame` as a named tuple, by index label.

    One `itertuples` for a whole table, then plain look-ups: pandas builds a new named-tuple class on
    every `itertuples` call, which costs more than the rows themselves for the small groups the slides use.
    """
    if not frame.index.is_unique:
        raise ValueError("rows_by_label needs a unique index")
    return dict(zip(frame.index, frame.itertuples(index=False)))


def short(text: str, limit: int = 40) -> str:
    """A long label cut for a table cell (the notes carry it in full)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip(" ,(") + "…"


def figure_note(row) -> str:
    """One figure for the speaker: the shown figure, the stored number, the source and its words."""
    text = (
        f"- {row.name_en} ({row.name_zh}), {row.period}, {row.kind}: {format_value(row.value, row.decimals, row.bound)} {row.unit} "
        f"[stored value {exact(row.value)}, bound {row.bound}] — {publisher(row)}, «{row.title}»"
        f"{f', published {row.published}' if row.published else ''}, tier {row.tier}. Quote: «{row.quote}»"
    )
    return text + (f" Note: {row.note}" if getattr(row, "note", "") else "")


def table_slides(
    title: str, table: Table, notes_for_rows, lead: Rich | None = None, extra_notes: list[str] | None = None
) -> list[Slide]:
    """A table over as many slides as it needs; each slide's notes cover its own rows."""
    room = BODY_BOTTOM - BODY_TOP - (text_height(rich_text(lead), CONTENT_W, BODY_PT) + 0.1 if lead else 0)
    pages = paginate_table(table, room)
    slides, start = [], 0
    for n, page in enumerate(pages, 1):
        rows = list(range(start, start + len(page.rows)))
        start += len(page.rows)
        shown = title if len(pages) == 1 else f"{title} ({n}/{len(pages)})"
        slides.append(Slide(shown, [*(extra_notes or [])] + notes_for_rows(rows), lead=lead, table=page))
    return slides


def chart_png(fig, shrink: float = 0.9) -> bytes:
    """The book's chart through the book's own `charts.png_bytes`, for a projector.

    The figure is shrunk to `shrink` times the book's size (so its text is larger relative to the chart
    once it fills the slide) and saved at CHART_DPI. charts.py lays its charts out with fixed margins;
    they keep their size in inches, so labels, legend and source line have the room they have in the
    book and the plot gives up the rest (drawn once: no tight_layout, which drew it three times).
    """
    width, height = fig.get_size_inches()
    p = fig.subplotpars
    left, right, bottom, top = p.left * width, (1 - p.right) * width, p.bottom * height, (1 - p.top) * height
    width, height = width * shrink, height * shrink
    fig.set_size_inches(width, height)
    fig.subplots_adjust(left=left / width, right=1 - right / width, bottom=bottom / height, top=1 - top / height)
    with matplotlib.rc_context({"savefig.dpi": CHART_DPI}):
        return charts.png_bytes(fig)


def drawn_chart(draw, *args, **kwargs) -> bytes:
    """`chart_png(draw(*args, **kwargs))` through the book's chart cache (charts.cached), keyed on the drawing
    function and its inputs in full, and on chart_png itself: a deck's own charts are drawn again only when
    what they show changes."""
    key = charts.fingerprint(
        ["deck", f"{draw.__module__}.{draw.__qualname__}", args, kwargs, CHART_DPI, inspect.getsource(chart_png)]
    )
    return charts.cached(key, lambda: chart_png(draw(*args, **kwargs)))


def data_as_of(sources: pd.DataFrame) -> str:
    dates = [d for d in sources["published"] if d]
    return max(dates) if dates else "undated"


# --- the slides, from the book's functions ----------------------------------------------------


def cover_slide(
    name_zh: str, name_en: str, kicker: str, summary: str, sources: pd.DataFrame, built: dt.date, notes: list[str]
) -> Slide:
    asof = data_as_of(sources)
    dates = (
        f"Data as of {asof} (latest publication among the {len(sources)} sources used) · deck built {built.isoformat()}"
    )
    return Slide(f"{name_zh} {name_en}", notes, cover=Cover(name_zh, name_en, kicker, summary, dates))


def key_figure_slides(obs: pd.DataFrame) -> list[Slide]:
    kf = metrics.key_figures(obs)
    if kf.empty:
        return [
            Slide(
                "Key figures",
                ["The data holds no figure with a number for this part of the report."],
                lead=[("No figures with a number for this part of the report.", False)],
            )
        ]
    records = list(kf.itertuples(index=False))
    rows = [
        [
            f"{r.name_en} {r.name_zh}",
            format_value(r.value, r.decimals, r.bound),
            r.unit,
            r.period,
            r.kind,
            f"{short(publisher(r))} · {r.tier}",
        ]
        for r in records
    ]
    table = Table(
        ["Indicator", "Latest", "Unit", "Period", "Kind", "Source · tier"],
        rows,
        [3.9, 1.9, 1.1, 1.3, 1.2, 2.73],
        numeric=(1,),
    )
    intro = ["The latest figure of every indicator, from every source that gives one (tier A first)."]
    return table_slides("Key figures", table, lambda idx: [figure_note(records[i]) for i in idx], extra_notes=intro)


def native_chart(records: list) -> NativeChart | None:
    """An editable chart where it says the same as the book's: full years, one figure per year, no spans.

    `records`: one indicator's figures (rows of the observations table, as named tuples).
    """
    periods = [r.period for r in records]
    if (
        any(r.is_span for r in records)
        or not all(re.fullmatch(r"\d{4}", p) for p in periods)
        or len(set(periods)) < len(periods)
    ):
        return None
    years = [int(p) for p in periods]
    lo, hi = min(years), max(years)
    if hi - lo > 15:
        return None
    categories = list(range(lo, hi + 1))
    first = records[0]
    series = []
    for kind in ("actual", "estimate", "target"):
        rows = {int(r.period): r for r in records if r.kind == kind}
        if not rows:
            continue
        series.append(
            Series(
                kind,
                [float(rows[y].value) if y in rows else None for y in categories],
                [
                    format_value(rows[y].value, rows[y].decimals, rows[y].bound) if y in rows else None
                    for y in categories
                ],
                [rows[y].tier if y in rows else None for y in categories],
                charts.KIND_COLOUR[kind].lstrip("#").upper(),
                line=kind == "actual",
                hollow=kind == "target",
            )
        )
    return NativeChart([str(y) for y in categories], series, first.unit, int(first.decimals))


def chart_slides(obs: pd.DataFrame) -> list[Slide]:
    """A chart for every indicator with figures for two or more periods (as report.series_figures)."""
    out = []
    numbers = metrics.figures(obs)
    rows = rows_by_label(numbers)
    for _indicator, group in numbers.groupby("indicator", sort=False):
        if group["period"].nunique() < 2:
            continue
        records = [rows[i] for i in group.index]
        first = records[0]
        png = charts.series_png(group)  # the book's own chart, the same bytes
        native = native_chart(records)
        ordered = group.sort_values(["period_start", "period_end", "tier"], kind="stable")
        cited = ordered.drop_duplicates("source").sort_values("tier")
        sources = "; ".join(f"{publisher(rows[i])} (tier {rows[i].tier})" for i in cited.index)
        if native:
            tiers = sorted({r.tier for r in records})
            marks = ", ".join(f"{ {'A': '●', 'B': '■', 'C': '▲'}[t] } tier {t}" for t in tiers)
            caption = f"Sources: {sources}. Markers: {marks}; pale = target."
            how = "Chart: a native PowerPoint chart (right-click › Edit Data to change it); labels show each figure with its qualifier."
        else:
            caption = "Where sources differ on a period each figure is drawn side by side; hollow markers and dashed lines are targets."
            how = (
                "Chart: the book's chart as a picture, because "
                + (
                    "several sources give a figure for the same period"
                    if group["period"].duplicated().any()
                    else "the series has quarters, spans or a long gap"
                )
                + "."
            )
        notes = [
            f"{first.name_en} ({first.name_zh}), in {first.unit}: {len(records)} figures, {records[0].period}–{records[-1].period}. {how}",
            "Every figure in the chart:",
            *[figure_note(rows[i]) for i in ordered.index],
        ]
        alt = f"Chart of {first.name_en} ({first.name_zh}) over time, in {first.unit}"
        out.append(
            Slide(f"{first.name_en} · {first.name_zh} ({first.unit})", notes, chart=Chart(png, alt, caption, native))
        )
    return out


def bullet_slides(title: str, bullets: list[Rich], intro: str) -> list[Slide]:
    """Bullets over as many slides as they need; the notes repeat them in full."""
    pages = paginate_bullets(bullets, BODY_BOTTOM - BODY_TOP)
    return [
        Slide(
            title if len(pages) == 1 else f"{title} ({n}/{len(pages)})",
            [intro, *[f"- {rich_text(b)}" for b in page]],
            bullets=page,
        )
        for n, page in enumerate(pages, 1)
    ]


def readings_slides(obs: pd.DataFrame) -> list[Slide]:
    """The trends of the part, as the book's Readings print them (rows of data/readings.csv)."""
    found = [r for r in readings.part_readings(obs) if r.kind == "trend"]
    intro = (
        "Computed from the figures with the book's rules (growth only for levels and flows, labelled nominal or real; shares in "
        "percentage points); see the book's Data and methods chapter. Each sentence is a row of data/readings.csv."
    )
    return bullet_slides("Readings", [rich(r.html) for r in found], intro) if found else []


def targets_slides(obs: pd.DataFrame) -> list[Slide]:
    """Each target against the outcome of its own period, or earlier actuals as progress so far (rows of data/readings.csv)."""
    found = [r for r in readings.part_readings(obs) if r.kind in ("plan-vs-outcome", "target-check")]
    intro = (
        "A target is met or missed only against the outcome of its own period; earlier actuals show progress so far, naming the year, "
        "and never a verdict. Each sentence is a row of data/readings.csv."
    )
    return bullet_slides("Targets and outcomes", [rich(r.html) for r in found], intro) if found else []


TILES = [
    ("Corroborated", ["corroborated"]),
    ("Weak or unconfirmed", ["weak", "partly"]),
    ("Revised since", ["revised"]),
    ("Conflict or at odds", ["conflict", "bounded"]),
    ("Unverified", ["unverified"]),
    ("Number missing", ["missing"]),
]
SHADE = {**VERDICT_SHADE, "bounded": VERDICT_SHADE["conflict"], "weak": VERDICT_SHADE["partly"], "revised": "E3ECF6"}


def audit_slides(
    audit: pd.DataFrame, ds: Dataset, where: str, with_zone: bool, said: readings.Reading | None = None
) -> list[Slide]:
    """The audit's verdicts as tiles, then the flagged claims, as in the book; `said`: the reading that counts the claims."""
    title = "The article's claims, checked"
    claims = ds.claims_source
    if not claims:
        return [
            Slide(
                title,
                ["No source in sources.csv is marked role=claims, so there is no article to check."],
                lead=[("No source is marked as the audited article (role = claims in sources.csv).", False)],
            )
        ]
    src = ds.sources.set_index("source").loc[claims]
    counts = audit["verdict"].value_counts()
    tiles = [
        Tile(label, sum(int(counts.get(v, 0)) for v in group), charts.VERDICT_COLOUR[group[0]].lstrip("#").upper())
        for label, group in TILES
    ]
    bullets = [
        [
            (
                f"The audited text: «{src['title']}» ({src['publisher'] or claims}, {src['published'] or 'undated'}, tier {src['tier']}).",
                False,
            )
        ],
        *([rich(said.html)] if said else []),
        [
            (
                "Each claim is checked against every other source for the same indicator, definition and period: a revision is not a conflict, "
                "and only a dated tier A or B source corroborates.",
                False,
            )
        ],
    ]
    flagged = audit[audit["verdict"].isin(report.FLAGGED)]
    if len(flagged):
        bullets.append(
            [
                (
                    "The claims in conflict, at odds with a related figure, revised, not confirmed or weakly supported are listed on "
                    "the next slide.",
                    False,
                )
            ]
        )
    why = {r.lines[0]: r.sentence for r in readings.audit_readings(audit)}
    verdict_notes = [
        f"- [{metrics.VERDICT_LABEL[r.verdict]}] {r.name_en} ({r.name_zh}) {r.period}: the article says "
        + (
            "no number"
            if pd.isna(r.value)
            else f"{format_value(r.value, r.decimals, r.bound)} {r.unit} [stored {exact(r.value)}]"
        )
        + f" «{r.quote}»"
        + (
            f"; the record: {format_value(r.record_value, r.decimals, r.record_bound)} {r.unit} ({r.record_source}, tier {r.record_tier}) «{r.record_quote}»"
            if not pd.isna(r.record_value)
            else ""
        )
        + f". {why[int(r.line)]}"
        for r in audit.itertuples(index=False)
    ]
    counts_note = (
        "Verdicts: "
        + ", ".join(f"{metrics.VERDICT_LABEL[v]} {int(counts.get(v, 0))}" for v in metrics.VERDICT_ORDER)
        + "."
    )
    slides = [
        Slide(
            title,
            [counts_note, "Every claim:", *verdict_notes]
            if len(audit)
            else [counts_note, f"The article makes no numerical claim about {where}."],
            bullets=bullets,
            tiles=tiles,
        )
    ]
    if len(flagged):
        order = {v: i for i, v in enumerate(report.FLAGGED)}
        flagged = flagged.sort_values("verdict", key=lambda s: s.map(order), kind="stable")
        records = list(flagged.itertuples(index=False))
        zone_names = {**dict(zip(ds.zones["zone"], ds.zones["name_en"])), CITY: "City-wide"}
        rows = [
            ([zone_names.get(r.zone, r.zone)] if with_zone else [])
            + [
                f"{r.name_en} {r.name_zh}",
                r.period,
                f"{format_value(r.value, r.decimals, r.bound)} {r.unit}",
                f"{format_value(r.record_value, r.decimals, r.record_bound)} {r.unit} ({r.record_source}, {r.record_tier})",
                metrics.VERDICT_LABEL[r.verdict],
            ]
            for r in records
        ]
        widths = [3.6, 1.1, 2.1, 3.1, 2.23] if not with_zone else [1.9, 3.0, 1.0, 1.9, 2.6, 1.73]
        headers = (["Zone"] if with_zone else []) + [
            "Indicator",
            "Period",
            "The article says",
            "The record says",
            "Verdict",
        ]
        table = Table(headers, rows, widths, numeric=(), shades=[SHADE[r.verdict] for r in records])

        def notes(idx):
            return [f"- {why[int(records[i].line)]} " for i in idx] + [
                f"- {records[i].name_en} ({records[i].name_zh}) {records[i].period} [{metrics.VERDICT_LABEL[records[i].verdict]}]: "
                f"the article «{records[i].quote}» ({format_value(records[i].value, records[i].decimals, records[i].bound)}, stored {exact(records[i].value)}); "
                f"the record, {records[i].record_source} (tier {records[i].record_tier}, {records[i].record_kind}): «{records[i].record_quote}» "
                f"({format_value(records[i].record_value, records[i].decimals, records[i].record_bound)}, stored {exact(records[i].record_value)})"
                for i in idx
            ]

        slides += table_slides(
            "Claims in conflict or not confirmed",
            table,
            notes,
            extra_notes=[
                "In conflict: the two figures cannot both be true. At odds with a related figure: a single year of the flow a "
                "running total adds up exceeds it. Revised since: the claim is a first release the record has restated. "
                "Compatible, not confirmed: the record asserts less than the claim. Weak support only: only an undated "
                "or tier-C source agrees."
            ],
        )
    return slides


def sources_slides(sources: pd.DataFrame, claims: str | None) -> list[Slide]:
    sources = sources.sort_values(["tier", "published"], ascending=[True, False], kind="stable")
    records = list(sources.itertuples(index=False))
    rows, links = [], {}
    for i, s in enumerate(records):
        title = s.title + (" (the audited article)" if s.source == claims else "")
        address = web_address(s.url)  # only a web address becomes a link; the notes give any other as text
        rows.append(
            [
                s.publisher or s.source,
                title,
                s.published or "undated",
                s.tier,
                urlsplit(address).netloc if address else "—",
            ]
        )
        if address:
            links[(i, 4)] = address
    table = Table(["Publisher", "Title", "Published", "Tier", "Site"], rows, [2.9, 5.0, 1.5, 0.7, 2.03], links=links)

    def notes(idx):
        return [
            f"- {records[i].source}: {records[i].publisher or records[i].source}, «{records[i].title}», published {records[i].published or 'undated'}, "
            f"tier {records[i].tier} ({TIER_NAME[records[i].tier]}); {records[i].url or 'no address'}"
            for i in idx
        ]

    intro = [
        "Tiers: A official bodies and mainstream media; B official text on a mirror site; C third-party compilations and self-media. "
        "The site column links to each source in the PowerPoint deck; the full addresses follow."
    ]
    return table_slides("Sources", table, notes, extra_notes=intro)


def zone_deck(ds: Dataset, zone: str, built: dt.date) -> Deck:
    z = ds.zone(zone)
    part = ds.for_zone(zone)
    obs = part.observations
    audit = metrics.audit(obs, ds.claims_source)
    order = int(z["order"])
    city = ds.edition.city
    notes = [
        f"{z['name_en']} ({z['name_zh']}), zone {order} of {len(ds.zones)} in the report {ds.edition.title['en']}.",
        f"What the article says: {z['summary_en']}" if z["summary_en"] else "",
        plain(report.evidence_html(obs, ds.claims_source)),
        "Every figure in this deck comes from the report's data and functions; these notes give the exact figures, sources and quotes.",
    ]
    place = " · ".join(n for n in (city["en"], city["zh"]) if n) or ds.edition.title["en"]
    slides = [
        cover_slide(
            z["name_zh"],
            z["name_en"],
            f"{place} · zone {order} of {len(ds.zones)}",
            z["summary_en"],
            part.sources,
            built,
            [n for n in notes if n],
        )
    ]
    slides += key_figure_slides(obs) + chart_slides(obs) + readings_slides(obs) + targets_slides(obs)
    slides += audit_slides(
        audit, ds, "this zone", with_zone=False, said=readings.part_summaries(obs, ds.claims_source, zone).get("claims")
    )
    slides += sources_slides(part.sources, ds.claims_source)
    return Deck(f"{order:02d}-{zone}", f"{z['name_zh']} {z['name_en']}", slides)


def city_deck(ds: Dataset, built: dt.date) -> Deck:
    obs = ds.observations
    city = obs[obs["zone"] == CITY]
    used = ds.sources[ds.sources["source"].isin(obs["source"])]
    audit = metrics.audit(obs, ds.claims_source)
    names = ds.edition.city
    slides = [
        cover_slide(
            f"{names['zh']}全市" if names["zh"] else "全市",
            f"{names['en'] or 'The city'}: the city and its zones",
            f"City overview · 全市概览 · {len(ds.zones)} zones",
            "The city-wide figures, the path to the city's goal, the zones at a glance and the article's claims checked.",
            used,
            built,
            [
                "The city overview: city-wide figures, the goal, the zones compared, and the audit of the article.",
                plain(report.evidence_html(city, ds.claims_source)),
            ],
        )
    ]
    findings = readings.findings(ds)
    if findings:
        slides += bullet_slides(
            "Key findings",
            [rich(f.html) for f in findings],
            "Each sentence is a row of data/readings.csv, computed from the data.",
        )
    goal = ds.edition.goal
    g = report.trillion_paths(ds, goal.indicator, goal.growth or "", goal.value) if goal else None
    if g:
        args, kwargs = report.path_chart_args(g)
        png = drawn_chart(charts.paths_chart, *args, **kwargs)
        statements = readings.path_readings(g)
        gdp = metrics.best_per_period(obs[obs["indicator"] == g.indicator])
        series_notes = [
            f"- {y}: {format_value(v, g.decimals, g.bounds[y])} {g.unit} [stored {exact(v)}, bound {g.bounds[y]}]"
            for y, v in g.series.items()
        ]
        slides.append(
            Slide(
                f"{g.name_en} and the {g.goal:,.0f} {g.unit} goal",
                [
                    "GDP actuals (best source per year):",
                    *series_notes,
                    *[f"- {r.sentence}" for r in statements],
                    "GDP figures behind the series:",
                    *[figure_note(r) for r in gdp.itertuples(index=False) if r.kind == "actual"],
                ],
                chart=Chart(
                    png,
                    "GDP and constant-growth paths to the goal",
                    f"Actual GDP and constant-growth paths from {format_value(g.base, g.decimals, g.base_bound)} {g.unit} in {g.base_year}.",
                ),
            )
        )
        slides += bullet_slides(
            f"When would GDP reach {g.goal:,.0f} {g.unit}?",
            [rich(r.html) for r in statements],
            "The paths and every assumption behind them, as the book's overview prints them (rows of data/readings.csv).",
        )
    slides += key_figure_slides(city) + chart_slides(city) + readings_slides(city) + targets_slides(city)
    ev = metrics.evidence_by_zone(obs, ds.zones)
    slides += zones_slides(ds, audit, ev)
    slides += evidence_slides(ev)
    checked = audit_slides(audit, ds, "the city and its zones", with_zone=True, said=readings.audit_summary(audit))
    slides += checked[:1] + verdict_slides(ds, audit) + checked[1:]
    slides += sources_slides(used, ds.claims_source)
    return Deck("00-city", f"{names['zh']}全市 {names['en'] or 'City'} overview".strip(), slides)


def zone_labels(ds: Dataset, sep: str = " ") -> dict[str, str]:
    return {
        CITY: f"City-wide{sep}全市",
        **{z.zone: f"{z.name_en}{sep}{z.name_zh}" for z in ds.zones.itertuples(index=False)},
    }


def bars(counts: pd.DataFrame, colours: dict[str, str], labels: dict[str, str], unit: str) -> NativeChart:
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
    """Figures per zone by source tier (`ev`: metrics.evidence_by_zone), as the overview's chart (report.evidence_chart_html):
    picture and native chart."""
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
        index=[f"{r.name_en}\n{r.name_zh}" for r in records],
    )
    colours = {"A": "#1f4e79", "B": "#5b9bd5", "C": "#d9822b", "gap": "#bbbbbb"}
    labels = {"A": "tier A", "B": "tier B", "C": "tier C (incl. the article)", "gap": "promised, number missing"}
    png = drawn_chart(
        charts.stacked_bars,
        counts,
        colours,
        "Figures behind each zone, by source tier",
        "number of figures",
        "Source: data/observations.csv and data/sources.csv of this edition.",
        labels=labels,
    )
    native = bars(counts.rename(index=lambda i: i.replace("\n", " ")), colours, labels, "number of figures")
    notes = [
        "Figures per zone by source tier (A official or mainstream, B official text on a mirror, C third-party or self-media), "
        "and figures the article promises without a number:",
        *[
            f"- {r.name_en} ({r.name_zh}): {r.figures} figures for {r.indicators} indicators from {r.sources} sources; "
            f"tier A {r.tier_A}, B {r.tier_B}, C {r.tier_C}; actual {r.actual}, estimate {r.estimate}, target {r.target}; {r.gaps} promised without a number"
            for r in records
        ],
        "Source: data/observations.csv and data/sources.csv of this edition.",
    ]
    return [
        Slide(
            "Evidence behind each zone",
            notes,
            chart=Chart(
                png,
                "Bar chart of figures by source tier per zone",
                "How much each zone is backed by numbers, and by which kinds of source.",
                native,
            ),
        )
    ]


def verdict_slides(ds: Dataset, audit: pd.DataFrame) -> list[Slide]:
    """The audit's verdicts per zone, as the audit chapter's chart (report.audit_chart_html): picture and native chart."""
    if audit.empty:
        return []
    names = zone_labels(ds)
    counts = audit.groupby("zone")["verdict"].value_counts().unstack(fill_value=0)
    counts = counts.reindex([z for z in [CITY, *ds.zones["zone"]] if z in counts.index])
    counts = counts[[v for v in metrics.VERDICT_ORDER if v in counts.columns]]
    notes = [
        "The article's claims per zone, by verdict (city-wide first):",
        *[
            f"- {names[z]}: " + ", ".join(f"{metrics.VERDICT_LABEL[v]} {int(row[v])}" for v in counts.columns)
            for z, row in counts.iterrows()
        ],
        "Source: the article and the public record in data/ of this edition; verdicts as defined in the book's Data and methods.",
    ]
    png = drawn_chart(
        charts.stacked_bars,
        counts.rename(index=zone_labels(ds, "\n")),
        charts.VERDICT_COLOUR,
        "The article's claims against the public record",
        "number of claims",
        "Source: the article and the public record in data/ of this edition; verdicts as defined in Data and methods.",
        labels=metrics.VERDICT_LABEL,
    )
    native = bars(counts.rename(index=names), charts.VERDICT_COLOUR, metrics.VERDICT_LABEL, "number of claims")
    return [
        Slide(
            "The claims by zone",
            notes,
            chart=Chart(
                png,
                "Bar chart of audit verdicts per zone",
                "Each of the article's figures checked against the other sources for the same indicator and period.",
                native,
            ),
        )
    ]


def zones_slides(ds: Dataset, audit: pd.DataFrame, ev: pd.DataFrame) -> list[Slide]:
    """The zones at a glance, as the overview's table: evidence counts (`ev`: metrics.evidence_by_zone) and the article's claims."""
    rows, notes = [], []
    for z, e in zip(ds.zones.itertuples(index=False), ev.itertuples(index=False)):
        rows.append(
            [
                f"{z.order}. {z.name_en}",
                z.name_zh,
                str(e.figures),
                report.claims_in_brief(audit[audit["zone"] == z.zone]["verdict"]),
            ]
        )
        notes.append(
            f"- {z.order}. {z.name_en} ({z.name_zh}): {e.figures} figures for {e.indicators} indicators from {e.sources} sources. "
            f"The article: {z.summary_en}"
        )
    table = Table(["Zone", "中文", "Figures", "The article's claims"], rows, [3.4, 2.3, 1.3, 5.13], numeric=(2,))
    return table_slides("The zones at a glance", table, lambda idx: [notes[i] for i in idx])


def decks(ds: Dataset, built: dt.date | None = None) -> list[Deck]:
    built = built or build_date()
    return [city_deck(ds, built)] + [zone_deck(ds, zone, built) for zone in ds.zones["zone"]]


# --- entry points -----------------------------------------------------------------------------


def write_deck(ds: Dataset, zone: str | None, built: dt.date, out: Path) -> list[Path]:
    """One deck, the city's when `zone` is None, as .pptx and .html in `out` (which must exist)."""
    deck = city_deck(ds, built) if zone is None else zone_deck(ds, zone, built)
    return [write_pptx(deck, out / f"{deck.stem}.pptx"), write_html(deck, out / f"{deck.stem}.html")]


def write_decks_into(data: str, todo: list[tuple[str | None, str]], built: str) -> None:
    """The build's deck job, run on a warm kernel: for each (zone, folder) the deck (the city's for None) in that folder."""
    ds = load(data)
    for zone, folder in todo:
        write_deck(ds, zone, dt.date.fromisoformat(built), Path(folder))


def write_decks(ds: Dataset, out: Path) -> list[Path]:
    """Write the city deck and one deck per zone (in the zones' order), each as .pptx and .html, into `out`."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    copy_reveal(out)
    written = []
    for deck in decks(ds):
        written.append(write_pptx(deck, out / f"{deck.stem}.pptx"))
        written.append(write_html(deck, out / f"{deck.stem}.html"))
    return written


def make_decks(data: Path, out: Path) -> int:
    """`python -m zonebook slides`: load and check the data, write the decks; the exit code."""
    try:
        ds = load(data)
    except DataError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(f"{data}: {len(error.problems)} problem(s); no decks were written.", file=sys.stderr)
        return 1
    written = write_decks(ds, Path(out))
    print(
        f"{len(written) // 2} decks ({len(written)} files) written to {out}; open the .pptx in PowerPoint or WPS, "
        f"or the .html in a browser (offline; keep the reveal/ folder beside it)."
    )
    return 0
