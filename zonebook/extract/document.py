"""The document as a whole: its dateline, the year it speaks from, and whether it reviews a past year.

A figure whose sentence and paragraph name no period falls back on the document (periods.py): the last
year named before it, then the year the document speaks from. That year is the dateline's (found in the
first or the last lines: news pages print it above the text, government pages often below); without a
dateline printed in the text, the date in the page's address (…/202412/t20241224_727411.html: government
sites file a page under its publication date); without either, the first year named in the title or lead. An annual review (a 统计公报, a work report's
review of 过去一年) is dated in the year after the one it reports, so its undated actual figures take the
year before its dateline. A text titled with a plan year (2025年政府工作报告, 某区2020年工作计划) reviews the
year before it: its actual figures are of that year at the latest, and its 今年 is the plan year, unless it
also speaks of 明年 or reviews its own year as it runs (今年以来): then it was written in the year before the plan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from zonebook.extract.rules import Rules

# a full date: 2022-11-22, 2022/11/22, 2022.11.22 or 2022年11月22日 (not 2023年1-9月, a run of months)
_DATE = re.compile(
    r"(?<!\d)((?:19|20)\d\d)(?:([-/.])(\d{1,2})\2(\d{1,2})(?![\d月])"
    r"|\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号])"
)


@dataclass
class Document:
    dateline: tuple | None  # (year, month, as written)
    first_year: tuple | None  # (year, as written, offset): the first year named in the title or lead
    review: str  # the word that marks an annual review, or ""
    plan_year: tuple | None = None  # (year, as written): the year of the plan or report the title names
    next_year_named: bool = False  # the text speaks of 明年, or of its own year as it runs (今年以来)

    def current_year(self, before: int | None = None) -> tuple | None:
        """(year, why): the year the document speaks from (今年), or None; without a dateline, the plan year
        of its title, else the first year the text names, if it is named before offset `before`."""
        if self.dateline:
            return self.dateline[0], f"the text's date ({self.dateline[2]})"
        if self.plan_year:
            year, word = self.plan_year
            if self.next_year_named:
                why = f"the year before the plan year of its title ({word}), the text's own (明年, 今年以来)"
                return year - 1, why
            return year, f"the plan year of its title ({word})"
        if self.first_year and (before is None or self.first_year[2] < before):
            return self.first_year[0], f"the first year the text names ({self.first_year[1]})"
        return None

    def year_under_review(self, periods: list, rules: Rules) -> list:
        """`periods` with 过去一年 (rows where=review) made the text's own year when it is dated in December:
        a year-end meeting reviews the year now ending, a January work report the year before."""
        if self.dateline and self.dateline[1] == 12:
            for period in periods:
                if period.kind == "rel" and period.word in rules.period_review:
                    period.value = "0"
        return periods

    def latest_actual_year(self) -> int | None:
        """The last year an actual figure of this text can describe: an annual review, or a text dated in
        January or February, reports the year before its date at the latest; a plan or report titled with
        a year reports the year before it."""
        latest = []
        if self.dateline:
            year, month, _ = self.dateline
            latest.append(year - 1 if (self.review and month <= 6) or month <= 2 else year)
        if self.plan_year:
            latest.append(self.plan_year[0] - 1)
        return min(latest) if latest else None

    def fallback_year(self, kind: str) -> tuple | None:
        """(year, why) for a figure nothing in the text before it dates, or None."""
        current = self.current_year() if self.dateline or self.plan_year else None
        if current is None:
            return None
        latest = self.latest_actual_year()
        if kind != "target" and latest is not None and latest < current[0]:
            why = (
                f"the text's date ({self.dateline[2]})"
                if self.dateline
                else f"the plan year of its title ({self.plan_year[1]})"
            )
            return latest, f"the year before {why}, the latest an actual figure can describe"
        return current


# a date in the path of a page address: t20241224 (the file name of government sites), /2013/11/13/,
# /2021-12-26/, /2021/1126/, /202412/ (a month's folder)
_ADDRESS_DATE = re.compile(
    r"(?:(?<=[/_])t|/)((?:19|20)\d\d)[-/]?(0[1-9]|1[0-2])(?:[-/]?(0[1-9]|[12]\d|3[01]))?(?=[/_.-]|$)"
)


def address_date(address: str) -> tuple | None:
    """(year, month, as written) of the date in the path of a page address, or None; the host is not read."""
    path = re.sub(r"^[a-z]+://[^/]*", "", address or "")
    found = list(_ADDRESS_DATE.finditer(path))
    if not found:
        return None
    m = next((m for m in found if m.group(3)), found[0])  # a full date over a month's folder
    return int(m.group(1)), int(m.group(2)), f"{m.group(0).strip('/')} in its address"


def _own_address_date(norm: str, address: str) -> tuple | None:
    """The address's date, unless it is years after every year the text names: then the page is a later copy
    (a 2015 communique filed on a site in 2023), and its address does not date the text."""
    date = address_date(address)
    named = [int(year) for year in re.findall(r"(?<!\d)((?:19|20)\d\d)\s*年", norm)]
    if date and named and max(named) < date[0] - 1:
        return None
    return date


def dateline(norm: str, lines: int = 8) -> tuple | None:
    """(year, month, as written) of the first full date in the first lines, else in the last lines."""
    nonblank = [line for line in norm.split("\n") if line.strip()]
    for chunk in (nonblank[:lines], nonblank[-lines:][::-1]):
        for line in chunk:
            m = _DATE.search(line)
            month = m and int(m.group(3) or m.group(5))
            if m and 1 <= month <= 12:
                return int(m.group(1)), month, m.group(0)
    return None


def dateline_at(norm: str, at: int) -> bool:
    """A full date starts at `at` on a line of its own (2021年3月20日, 发布时间:2024-09-12, 2018-11-07 09:29 来源:…,
    ——2023年3月29日在…会议上): the text's date, not the period of the figures after it. A date inside a
    sentence (截至2023年12月31日,全市…) is not one."""
    if not _DATE.match(norm, at):
        return False
    start = norm.rfind("\n", 0, at) + 1
    end = norm.find("\n", at)
    line = norm[start : end if end >= 0 else len(norm)].strip()
    return len(line) <= 40 and not any(mark in line for mark in ",;。!?")


def _title_like(norm: str, at: int) -> bool:
    """The line holding offset `at` reads as a title: short, no full stop (not a lead sentence that mentions
    a year's plan, 2023年主要预期目标是…)."""
    start = norm.rfind("\n", 0, at) + 1
    end = norm.find("\n", at)
    line = norm[start : end if end >= 0 else len(norm)].strip()
    return len(line) <= 60 and not any(mark in line for mark in "。!?")


def plan_year(norm: str, lead_periods: list, rules: Rules) -> tuple | None:
    """(year, as written) of the first year in the title or lead that a plan word follows closely (2025年某市
    政府工作报告, 2024年国民经济和社会发展计划), unless a word between says it is a review (执行, 总结, 上半年)."""
    for period in lead_periods:
        if period.kind != "year" or period.base or not _title_like(norm, period.start):
            continue
        window = re.split(r"[。,;:!?\n]", norm[period.end : period.end + 20])[0]
        for word in rules.plan_words:
            at = window.find(word)
            if at >= 0 and not any(unless in window[: at + len(word) + 2] for unless in rules.plan_unless):
                return int(period.value), period.word + window[: at + len(word)]
    return None


def read_document(norm: str, lead_periods: list, rules: Rules, address: str = "") -> Document:
    """The document model of `norm`; `lead_periods` are the period words of its first paragraphs; `address`
    is the page's source address, whose date stands in for a dateline the text does not print."""
    years = [p for p in lead_periods if p.kind == "year" and not p.base]
    first = (int(years[0].value), years[0].word, years[0].start) if years else None
    review = next((word for word in rules.review_words if word in norm), "")
    next_year = any(word in norm for word, value in rules.periods if value == "rel:1") or any(
        word in norm for word in rules.ongoing_words
    )
    date = dateline(norm) or _own_address_date(norm, address)
    return Document(date, first, review, plan_year(norm, lead_periods, rules), next_year)
