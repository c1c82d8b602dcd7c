"""Draft observation rows from a Chinese text (a 统计公报, a 政府工作报告, a news article).

    extract_text(text, source="") -> pandas.DataFrame   one row per figure, for an analyst to review
    run(text_file, source, out) -> int                  the `python -m zonebook extract` command

The rules live in two tables beside this module, not in the code:

    extract_rules.csv   qualifier words → bound, kind words → kind, period words, number words,
                        measure words, name-stripping words, not-a-figure context, page chrome
    extract_units.csv   units and unit prefixes (万, 亿 ...) with their conversion factors

Design choices (also stated in the rows' extract_note where they apply):
- value and unit are kept as written: 1万亿元 → value 1, unit 万亿元; 4万人 → 4, 万人. `convert()`
  turns a value into another unit of the same base (1 万亿元 → 10000 亿元).
- number words become numbers: 三成 → 30 %, 翻番 → 100 % (growth), 增长一倍 → 100 %, 近两成 → 20 approx.
- a period the contract cannot hold (1-8月, 上半年) maps to its year and the months go to extract_note;
  a relative year (去年) is left empty and noted.
- a figure with no period word in its sentence takes the period that opens its paragraph
  ("2026年，… 主要预期目标是：…"), noted as carried.
- a growth or decline figure keeps its number positive; the `measure` column (growth, decline,
  share, rank, level) says what it measures.

The work is split by job; this module is the pipeline and the command, and what callers import:

    extract_layout.py      reading the file, page chrome, paragraphs, sentences, clauses
    extract_rules.py       the rule tables (Rules, load_rules) and unit conversion (convert)
    extract_figures.py     numbers, units, number words and bounds: the figures in a paragraph
    extract_periods.py     period words and the period each figure gets
    extract_labels.py      each figure's kind and indicator name
    extract_indicators.py  indicator slugs suggested from data/indicators.csv
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from zonebook.extract_figures import _Figure, _figures_in, _fmt
from zonebook.extract_indicators import suggest_indicators
from zonebook.extract_labels import _assign_kind, _assign_name
from zonebook.extract_layout import (
    _CLAUSE_END, _FULLWIDTH, _SENTENCE_END, _body, _paragraphs, _quoted_spans, _spans_of, _trim, read_text,
)
from zonebook.extract_periods import _Period, _assign_period, _periods, _reporting_year, _text_date
from zonebook.extract_rules import RULES_FILE, UNITS_FILE, Rules, convert, load_rules

__all__ = [  # what callers use; the rule tables, convert, read_text and suggest_indicators live in the modules above
    "COLUMNS", "INDICATORS_FILE", "RULES_FILE", "UNITS_FILE", "Extraction", "Rules",
    "convert", "extract", "extract_text", "load_rules", "read_text", "run", "suggest_indicators", "summary",
]

INDICATORS_FILE = Path("data") / "indicators.csv"  # relative to where the command runs: the repo root

COLUMNS = [
    "indicator", "period", "value", "kind", "bound", "source", "quote", "note",
    "unit", "indicator_name_zh", "extract_note", "measure",
]


# --------------------------------------------------------------------------- the extraction


@dataclass
class Extraction:
    """What `extract` found: the draft rows, how many sentences they come from, the non-blank lines
    skipped as page chrome by reason, and the numbers rejected as not figures (offset, reason)."""

    frame: pd.DataFrame
    sentences: int
    skipped: dict
    rejected: list


def extract(text: str, source: str = "", rules: Rules | None = None,
            indicators: pd.DataFrame | None = None) -> Extraction:
    """The draft rows plus what the summary line reports."""
    rules = rules or load_rules()
    norm = text.translate(_FULLWIDTH)
    assert len(norm) == len(text)
    body, skipped = _body(norm, rules)
    dated = _text_date(norm)
    paragraphs = _paragraphs(body)
    all_periods: list[_Period] = []
    figures: list[_Figure] = []
    rejected: list = []
    for p_start, p_end in paragraphs:
        periods = _periods(norm, p_start, p_end, rules)
        all_periods.extend(periods)
        excluded = [(p.start, p.end) for p in periods]
        for pattern, reason in rules.patterns:
            for m in pattern.finditer(norm, p_start, p_end):
                excluded.append((m.start(), m.end()))
        quoted = _quoted_spans(norm, p_start, p_end, rules)
        para_text = norm[p_start:p_end]
        is_heading = len(paragraphs) > 1 and len(para_text.strip()) < 60 and not any(ch in para_text for ch in "。!?")
        sentences = _spans_of(norm, p_start, p_end, _SENTENCE_END)
        found = _figures_in(norm, text, p_start, p_end, rules, excluded, quoted, rejected)
        first_sentence = sentences[0] if sentences else (p_start, p_end)
        first_figure = min((f.start for f in found), default=p_end)
        heads = [p for p in periods if not p.base and p.start < min(first_sentence[1], first_figure)]
        opening = heads[0] if heads else None
        for later in heads[1:]:  # 2025年前三季度: one period written in two words
            if opening is not None and later.start - opening.end <= 1:
                opening = later
        previous_in_sentence: dict[tuple[int, int], _Figure] = {}
        for figure in found:
            figure.heading = is_heading
            sentence = next((s for s in sentences if s[0] <= figure.num_start < s[1]), (p_start, p_end))
            figure.sentence = _trim(norm, sentence)
            clauses = _spans_of(norm, sentence[0], sentence[1], _CLAUSE_END)
            clause = next((c for c in clauses if c[0] <= figure.num_start < c[1]), sentence)
            clause = (min(clause[0], figure.start), max(clause[1], figure.end))
            figure.quote = _trim(norm, clause)
            _assign_kind(norm, figure, sentence, quoted, rules)
            _assign_period(norm, figure, sentence, periods, opening, all_periods, p_start, rules, dated)
            prev = previous_in_sentence.get(sentence)
            _assign_name(norm, figure, clause, periods, prev, quoted, rules)
            previous_in_sentence[sentence] = figure
        figures.extend(found)
    figures = _merge_repeats(text, figures)
    _reporting_year(figures, sorted(all_periods, key=lambda p: p.start))
    rows = []
    for figure in figures:
        q0, q1 = figure.quote
        rows.append({
            "indicator": "",
            "period": figure.period,
            "value": figure.value,
            "kind": figure.kind,
            "bound": figure.bound,
            "source": source or "",
            "quote": text[q0:q1],
            "note": "",
            "unit": figure.unit,
            "indicator_name_zh": figure.name,
            "extract_note": "; ".join(dict.fromkeys(figure.notes)),
            "measure": figure.measure,
        })
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["value"] = frame["value"].astype(float)
    if indicators is not None and len(frame):
        frame = suggest_indicators(frame, indicators, rules=rules)
    sentences = len({f.sentence for f in figures})
    return Extraction(frame, sentences, skipped, rejected)


def _merge_repeats(text: str, figures: list[_Figure]) -> list[_Figure]:
    """One row per claim: drop a heading's copy of a body figure; merge identical repeats."""
    body = [f for f in figures if not f.heading]
    kept: list[_Figure] = []
    for figure in figures:
        if figure.heading:
            twin = next((f for f in body if (f.value, f.unit, f.bound) == (figure.value, figure.unit, figure.bound)), None)
            if twin is not None:
                twin.also.append(figure.quote)
                twin.notes.append(f"also in a heading: 「{text[figure.quote[0]:figure.quote[1]]}」")
                continue
            figure.notes.append("from a heading or title")
        twin = next((f for f in kept if _same_claim(f, figure)), None)
        if twin is not None:
            twin.also.append(figure.quote)
            twin.notes.append(f"also stated: 「{text[figure.quote[0]:figure.quote[1]]}」")
            continue
        kept.append(figure)
    return kept


def _same_claim(first: _Figure, later: _Figure) -> bool:
    """`later` restates `first`: same name, number, unit, bound and measure, and no period or kind of its own
    that contradicts it (a closing paragraph's "当…占比98.5%" repeats the earlier claim)."""
    if (first.name, first.value, first.unit, first.bound, first.measure) != (
        later.name, later.value, later.unit, later.bound, later.measure
    ):
        return False
    same_period = later.period == first.period or later.period == ""
    same_kind = later.kind == first.kind or (later.kind == "actual" and later.period == "")
    return same_period and same_kind


def extract_text(text: str, source: str = "", indicators: pd.DataFrame | None = None) -> pd.DataFrame:
    """Draft observation rows, one per figure in `text` (see the module docstring).

    With `indicators` (a data/indicators.csv table) the `indicator` column gets a suggested slug."""
    return extract(text, source, indicators=indicators).frame


# --------------------------------------------------------------------------- command


def summary(result: Extraction) -> str:
    total = sum(result.skipped.values())
    line = f"found {len(result.frame)} figures in {result.sentences} sentences; skipped {total} lines of page chrome"
    if total:
        parts = [f"{n} {reason}" for reason, n in result.skipped.items()]
        line += " (" + ", ".join(parts) + ")"
    return line


def run(text_file: str, source: str | None = None, out: str | None = None) -> int:
    """`python -m zonebook extract TEXT_FILE [--source ID] [--out draft.csv]`: 0 on success, 2 on a bad file."""
    try:
        text = read_text(text_file)
    except OSError as error:
        print(f"{text_file}: cannot read: {error.strerror or error}", file=sys.stderr)
        return 2
    except UnicodeDecodeError:
        print(f"{text_file}: neither UTF-8 nor GB18030 text", file=sys.stderr)
        return 2
    indicators, suggested = None, ""
    if INDICATORS_FILE.exists():
        try:
            indicators = pd.read_csv(INDICATORS_FILE, dtype=str, keep_default_na=False)
            suggested = f"; indicator slugs suggested from {INDICATORS_FILE}"
        except (OSError, ValueError, pd.errors.ParserError):
            indicators = None
    result = extract(text, source or "", indicators=indicators)
    frame = result.frame.copy()
    frame["value"] = frame["value"].map(_fmt)
    if out:
        try:
            Path(out).parent.mkdir(parents=True, exist_ok=True)
            frame.to_csv(out, index=False, encoding="utf-8")
        except OSError as error:
            print(f"{out}: cannot write: {error.strerror or error}", file=sys.stderr)
            return 2
    else:
        frame.to_csv(sys.stdout, index=False)
    print(summary(result) + suggested, file=sys.stderr)
    return 0
