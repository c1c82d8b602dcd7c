"""The document as a whole: its dateline, the year it speaks from, and whether it reviews a past year.

A figure whose sentence and paragraph name no period falls back on the document (periods.py): the last
year named before it, then the year the document speaks from. That year is the dateline's (found in the
first or the last lines: news pages print it above the text, government pages often below); without a
dateline, the first year named in the title or lead. An annual review (a 统计公报, a work report's
review of 过去一年) is dated in the year after the one it reports, so its undated actual figures take the
year before its dateline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from zonebook.extract.rules import Rules

_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)(?:[-/.]|\s*年\s*)(\d{1,2})(?:[-/.]|\s*月\s*)(\d{1,2})(?!\d)")


@dataclass
class Document:
    dateline: tuple | None  # (year, month, as written)
    first_year: tuple | None  # (year, as written, offset): the first year named in the title or lead
    review: str  # the word that marks an annual review, or ""

    def current_year(self, before: int | None = None) -> tuple | None:
        """(year, why): the year the document speaks from (今年), or None; without a dateline, the first
        year the text names, if it is named before offset `before`."""
        if self.dateline:
            return self.dateline[0], f"the text's date ({self.dateline[2]})"
        if self.first_year and (before is None or self.first_year[2] < before):
            return self.first_year[0], f"the first year the text names ({self.first_year[1]})"
        return None

    def latest_actual_year(self) -> int | None:
        """The last year an actual figure of this text can describe: an annual review, or a text dated in
        January or February, reports the year before its date at the latest."""
        if not self.dateline:
            return None
        year, month, _ = self.dateline
        return year - 1 if (self.review and month <= 6) or month <= 2 else year

    def fallback_year(self, kind: str) -> tuple | None:
        """(year, why) for a figure nothing in the text before it dates, or None."""
        current = self.current_year() if self.dateline else None
        if current is None:
            return None
        latest = self.latest_actual_year()
        if kind == "actual" and latest is not None and latest < current[0]:
            return latest, f"the year before the text's date ({self.dateline[2]}), the latest an actual figure can describe"
        return current


def dateline(norm: str, lines: int = 8) -> tuple | None:
    """(year, month, as written) of the first full date in the first lines, else in the last lines."""
    nonblank = [line for line in norm.split("\n") if line.strip()]
    for chunk in (nonblank[:lines], nonblank[-lines:][::-1]):
        for line in chunk:
            m = _DATE.search(line)
            if m and 1 <= int(m.group(2)) <= 12:
                return int(m.group(1)), int(m.group(2)), m.group(0)
    return None


def read_document(norm: str, lead_periods: list, rules: Rules) -> Document:
    """The document model of `norm`; `lead_periods` are the period words of its first paragraphs."""
    years = [p for p in lead_periods if p.kind == "year" and not p.base]
    first = (int(years[0].value), years[0].word, years[0].start) if years else None
    review = next((word for word in rules.review_words if word in norm), "")
    return Document(dateline(norm), first, review)
