"""Draft observation rows from a Chinese text (a 统计公报, a 政府工作报告, a news article).

    extract_text(text, source="") -> pandas.DataFrame   one row per figure, for an analyst to review
    run(text_file, source, out) -> int                  the `python -m zonebook extract` command

The rules live in two tables beside this module, not in the code:

    rules.csv           qualifier words → bound, kind words → kind, period words, number words,
                        measure words, name-stripping words, not-a-figure context, page chrome
    units.csv           units and unit prefixes (万, 亿 ...) with their conversion factors

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
- the draft CSV is meant to be opened in a spreadsheet: a text cell that would run as a formula
  (starting with =, +, -, @, a tab or a carriage return) gets a leading apostrophe, noted in extract_note.

The work is split by job; this package's __init__ is what callers import:

    pipeline.py      the pipeline (extract) and the draft's columns
    command.py       the command (run, summary)
    layout.py        reading the file, traditional characters read as simplified, page chrome,
                     paragraphs, sentences, clauses
    rules.py         the rule tables (Rules, load_rules) and unit conversion (convert)
    figures.py       numbers, units, number words and bounds: the figures in a paragraph
    periods.py       period words and the period each figure gets
    labels.py        each figure's kind and indicator name
    indicators.py    indicator slugs suggested from data/indicators.csv
    document.py      the document: dateline (or the date in its source address), the year it speaks
                     from, annual reviews
    kinds.py         kind words with a sense and a reach
    tables.py        tables laid out as text (cells between |)
    spreadsheet.py   no draft cell runs as a formula in a spreadsheet
    evaluate.py      scoring against a labelled corpus (the repository's corpus/)
"""

from zonebook.extract.command import INDICATORS_FILE, run, summary
from zonebook.extract.document import address_date
from zonebook.extract.indicators import suggest_indicators
from zonebook.extract.layout import read_text, simplified
from zonebook.extract.pipeline import COLUMNS, Extraction, extract, extract_text
from zonebook.extract.rules import RULES_FILE, UNITS_FILE, Rules, convert, load_rules

__all__ = [
    "address_date",
    "simplified",
    "COLUMNS",
    "INDICATORS_FILE",
    "RULES_FILE",
    "UNITS_FILE",
    "Extraction",
    "Rules",
    "convert",
    "extract",
    "extract_text",
    "load_rules",
    "read_text",
    "run",
    "suggest_indicators",
    "summary",
]
