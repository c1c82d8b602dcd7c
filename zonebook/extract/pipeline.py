"""The pipeline: text → body lines → paragraphs → figures with kind, period and name → draft rows."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from zonebook.extract.document import read_document
from zonebook.extract.figures import Figure, figures_in
from zonebook.extract.indicators import suggest_indicators
from zonebook.extract.kinds import (
    apply_reach,
    assign_kind,
    no_future_actuals,
    onward_markers,
    paragraph_kind,
    settle_plan_verbs,
)
from zonebook.extract.labels import assign_name
from zonebook.extract.layout import (
    CLAUSE_END,
    FULLWIDTH,
    SENTENCE_END,
    body_lines,
    paragraph_spans,
    quoted_spans,
    simplified,
    spans_of,
    trim_span,
)
from zonebook.extract.periods import (
    Period,
    assign_period,
    periods_in,
    plan_level_targets,
    resolve_from_document,
    review_spans,
    yearly_lists,
)
from zonebook.extract.rules import Rules, load_rules
from zonebook.extract.tables import read_table, table_blocks, vertical_blocks

COLUMNS = [
    "indicator",
    "period",
    "value",
    "kind",
    "bound",
    "source",
    "quote",
    "note",
    "unit",
    "indicator_name_zh",
    "extract_note",
    "measure",
]


# --------------------------------------------------------------------------- the extraction


@dataclass
class Extraction:
    """What `extract` found: the draft rows, how many sentences they come from, the non-blank lines
    skipped as page chrome by reason, the numbers rejected as not figures (offset, reason), and each
    row's figure as offsets into the text (from its number to the end of its unit or qualifier)."""

    frame: pd.DataFrame
    sentences: int
    skipped: dict
    rejected: list
    spans: list = field(default_factory=list)


def extract(
    text: str,
    source: str = "",
    rules: Rules | None = None,
    indicators: pd.DataFrame | None = None,
    address: str = "",
) -> Extraction:
    """The draft rows plus what the summary line reports; `address`, the page's source address, dates a
    text that prints no date of its own (document.address_date)."""
    rules = rules or load_rules()
    norm = simplified(text).translate(FULLWIDTH)
    assert len(norm) == len(text)
    body, skipped = body_lines(norm, rules)
    tables = [
        read_table(title, rows, lambda word: bool(word) and rules.unit_info(word) is not None)
        for title, rows in table_blocks(body) + vertical_blocks(body, norm)
    ]
    table_rows = [(line.start, line.end) for table in tables for line in table.lines if "|" in line.text]
    paragraphs = paragraph_spans(
        [line for line in body if not any(s <= line.start and line.end <= e for s, e in table_rows)]
    )
    lead = [p for start, end in paragraphs[:3] for p in periods_in(norm, start, end, rules)]
    document = read_document(norm, lead, rules, address)
    all_periods: list[Period] = []
    figures: list[Figure] = []
    rejected: list = []
    for p_start, p_end in paragraphs:
        periods = document.year_under_review(periods_in(norm, p_start, p_end, rules), rules)
        all_periods.extend(periods)
        excluded = [(p.start, p.end) for p in periods]
        for pattern, _reason in rules.patterns:
            for m in pattern.finditer(norm, p_start, p_end):
                excluded.append((m.start(), m.end()))
        quoted = quoted_spans(norm, p_start, p_end, rules)
        para_text = norm[p_start:p_end]
        is_heading = (
            len(paragraphs) > 1
            and len(para_text.strip()) < 60
            and not any(ch in para_text for ch in "。!?")
            and not para_text.rstrip().endswith((";", ","))
        )  # a list item is not a heading
        sentences = spans_of(norm, p_start, p_end, SENTENCE_END)
        found = figures_in(norm, text, p_start, p_end, rules, excluded, quoted, rejected)
        first_sentence = sentences[0] if sentences else (p_start, p_end)
        first_figure = min((f.start for f in found), default=p_end)
        heads = [p for p in periods if not p.base and p.start < min(first_sentence[1], first_figure)]
        opening = heads[0] if heads else None
        for later in heads[1:]:  # 2025年前三季度: one period written in two words
            if opening is not None and later.start - opening.end <= 1:
                opening = later
        governing = paragraph_kind(norm, first_sentence, quoted, rules)
        previous_in_sentence: dict[tuple[int, int], Figure] = {}
        for figure in found:
            figure.heading = is_heading
            figure.paragraph = (p_start, p_end)
            figure.list_item = para_text.rstrip().endswith(";")  # one item of a list split over lines
            sentence = next((s for s in sentences if s[0] <= figure.num_start < s[1]), (p_start, p_end))
            figure.sentence = trim_span(norm, sentence)
            clauses = spans_of(norm, sentence[0], sentence[1], CLAUSE_END)
            clause = next((c for c in clauses if c[0] <= figure.num_start < c[1]), sentence)
            clause = (min(clause[0], figure.start), max(clause[1], figure.end))
            figure.quote = trim_span(norm, clause)
            assign_kind(norm, figure, sentence, quoted, rules)
            if governing and not figure.kind_word:
                figure.kind, figure.kind_word = governing[1], governing[0]
                figure.notes.append(f"kind from {governing[0]}, which opens the paragraph")
            assign_period(norm, figure, sentence, periods, opening, all_periods, p_start, rules, document)
            prev = previous_in_sentence.get(sentence)
            assign_name(norm, figure, clause, periods, prev, quoted, rules)
            previous_in_sentence[sentence] = figure
        figures.extend(found)
    figures = sorted(figures + [f for table in tables for f in table.figures], key=lambda f: f.start)
    apply_reach(figures, onward_markers(norm, rules), norm)
    latest = resolve_from_document(norm, figures, sorted(all_periods, key=lambda p: p.start), document, rules)
    review_spans(norm, figures, all_periods, rules)
    yearly_lists(norm, figures)
    # plan verbs tell what was done when the text is dated after the period, or reviews it
    settle_plan_verbs(figures, document.latest_actual_year() or (latest if document.review else None))
    no_future_actuals(figures, document.latest_actual_year() or latest)
    plan_level_targets(norm, figures, rules)
    figures = _merge_repeats(text, figures)
    written = text.translate(FULLWIDTH)  # the text's own characters, full-width forms mapped
    rows = []
    for figure in figures:
        q0, q1 = figure.quote
        rows.append(
            {
                "indicator": "",
                "period": figure.period,
                "value": figure.value,
                "kind": figure.kind,
                "bound": figure.bound,
                "source": source or "",
                "quote": text[q0:q1],
                "note": "",
                "unit": _as_written(written, norm, figure.num_start, figure.end, figure.unit),
                "indicator_name_zh": figure.name,
                "extract_note": "; ".join(dict.fromkeys(figure.notes)),
                "measure": figure.measure,
            }
        )
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["value"] = frame["value"].astype(float)
    if indicators is not None and len(frame):
        frame = suggest_indicators(frame, indicators, rules=rules)
    sentences = len({f.sentence for f in figures})
    spans = [(figure.num_start, figure.end) for figure in figures]
    return Extraction(frame, sentences, skipped, rejected, spans)


def _as_written(written: str, norm: str, start: int, end: int, word: str) -> str:
    """`word`, read in norm[start:end], as `written` (the text) has it there: a unit in traditional characters (萬億元)
    stays as written; a unit the text does not spell out (三成: %) is the rules' word."""
    chars, at = [], start
    for char in word:
        at = norm.find(char, at, end)
        if at < 0:
            return word
        chars.append(written[at])
        at += 1
    return "".join(chars)


def _merge_repeats(text: str, figures: list[Figure]) -> list[Figure]:
    """One row per claim: drop a heading's copy of a body figure; merge identical repeats."""
    body: dict[tuple, Figure] = {}
    for f in figures:
        if not f.heading:
            body.setdefault((f.value, f.unit, f.bound), f)
    kept: list[Figure] = []
    kept_by_key: dict[tuple, list[Figure]] = {}  # only figures with the same name, number and unit can repeat
    companion = _companions(text, figures)
    for figure in figures:
        if figure.heading:
            twin = body.get((figure.value, figure.unit, figure.bound))
            if twin is not None:
                twin.also.append(figure.quote)
                twin.notes.append(f"also in a heading: 「{text[figure.quote[0] : figure.quote[1]]}」")
                continue
            figure.notes.append("from a heading or title")
        key = (figure.name, figure.value, figure.unit, figure.bound, figure.measure)
        twin = next(
            (
                f
                for f in kept_by_key.get(key, [])
                if _same_claim(f, figure) and companion.get(id(f)) == companion.get(id(figure))
            ),
            None,
        )
        if twin is not None:
            twin.also.append(figure.quote)
            twin.notes.append(f"also stated: 「{text[figure.quote[0] : figure.quote[1]]}」")
            continue
        kept.append(figure)
        kept_by_key.setdefault(key, []).append(figure)
    return kept


def _companions(text: str, figures: list[Figure]) -> dict[int, tuple]:
    """For each figure that follows another in the same part of its sentence (no ; or 。 between them), that
    figure's (value, unit): 汽车产业增长11.9%,拉动…1.3个百分点 — the 1.3 is the contribution of what the 11.9 % is
    of, so a 1.3 after another figure is another claim."""
    out = {}
    for before, figure in zip(figures, figures[1:]):
        if before.sentence == figure.sentence and not any(mark in text[before.end : figure.start] for mark in ";;。"):
            out[id(figure)] = (before.value, before.unit)
    return out


def _same_claim(first: Figure, later: Figure) -> bool:
    """`later` restates `first`: same name, number, unit, bound and measure, and no period or kind of its own
    that contradicts it (a closing paragraph's "当…占比98.5%" repeats the earlier claim)."""
    if (first.name, first.value, first.unit, first.bound, first.measure) != (
        later.name,
        later.value,
        later.unit,
        later.bound,
        later.measure,
    ):
        return False
    if first.paragraph != later.paragraph and (first.list_item or later.list_item):
        return False  # 开复工率100% in two items of a list: two industries, two claims
    if first.sentence == later.sentence:
        return False  # 前移7位、8位和7位: a sentence does not restate its own figure
    undated = later.period == "" or later.pending  # its own text names no period
    if not undated and first.subperiod != later.subperiod:
        return False  # 1-9月 and 9月份, or two quarters, of one year: two claims
    same_period = later.period == first.period or undated
    same_kind = later.kind == first.kind or (later.kind == "actual" and undated)
    return same_period and same_kind


def extract_text(text: str, source: str = "", indicators: pd.DataFrame | None = None) -> pd.DataFrame:
    """Draft observation rows, one per figure in `text` (see the module docstring).

    With `indicators` (a data/indicators.csv table) the `indicator` column gets a suggested slug."""
    return extract(text, source, indicators=indicators).frame
