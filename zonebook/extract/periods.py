"""Periods: the period words of a paragraph (years, plan spans such as 十五五, quarters, months, relative
years) and the period each figure gets from them, from its paragraph's opening, the text's date or the
text's latest reported year."""

from __future__ import annotations

import re
from dataclasses import dataclass

from zonebook.extract.document import Document
from zonebook.extract.figures import Figure
from zonebook.extract.rules import Rules

_YEAR_SPAN = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*年?\s*[-—–~至到]\s*((?:19|20)\d\d)\s*年(?:度)?")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*年(?:度)?|[(]((?:19|20)\d\d)[)]")
_MONTHS = re.compile(
    r"(?<![\d.])(\d{1,2})\s*[-—–~至到]\s*(\d{1,2})\s*月(?:份)?"
    r"|前\s*(\d{1,2}|[一二三四五六七八九十]{1,2})\s*[个個]?月"
    r"|(?<![\d.\-—])(\d{1,2})\s*月(?:份)?(?![\d日号])"
)


# a duration right before a figure or its verb: 三年翻一番, 五年跨越两个…
_DURATION = re.compile(r"(?<![\d年两二三四五六七八九十])([两二三四五六七八九十]|[2-9]|1\d)\s*年[^\d,;、:年]{0,3}$")


@dataclass
class Period:
    start: int
    end: int
    kind: str  # year, span, quarter, months, rel
    value: str
    word: str
    base: bool = False


def _cn_int(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    try:
        import cn2an

        return int(cn2an.cn2an(word, "smart"))
    except Exception:  # noqa: BLE001 - cn2an raises plain ValueError/KeyError
        return None


def periods_in(norm: str, start: int, end: int, rules: Rules) -> list[Period]:
    text = norm[start:end]
    found: list[Period] = []
    taken = [False] * len(text)

    def add(s, e, kind, value):
        if any(taken[s:e]):
            return
        for i in range(s, e):
            taken[i] = True
        found.append(Period(start + s, start + e, kind, value, text[s:e]))

    for m in _YEAR_SPAN.finditer(text):
        add(m.start(), m.end(), "span", f"{m.group(1)}-{m.group(2)}")
    for word, value in rules.periods:
        for m in re.finditer(re.escape(word), text):
            s, e = m.start(), m.end()
            if re.fullmatch(r"\d{4}-\d{4}", value):
                # plan span, maybe quoted and followed by a modifier: “十五五”末
                if s > 0 and text[s - 1] in "“\"'「":
                    s -= 1
                j = e
                if j < len(text) and text[j] in "”\"'」":
                    j += 1
                e = j
                filler = re.match(r"(?:规划的|规划|时期的|时期|期间的|期间|的)?", text[j:]).group(0)
                for mod, which in rules.period_mods:
                    if text.startswith(mod, j + len(filler)):
                        first, last = value.split("-")
                        e = j + len(filler) + len(mod)
                        value = last if which == "end" else first
                        add(s, e, "year", value)
                        break
                else:
                    add(s, e, "span", value)
            elif value.startswith("Q"):
                add(s, e, "quarter", value)
            elif value.startswith("M:"):
                add(s, e, "months", value[2:])
            elif value.startswith("rel:"):
                add(s, e, "rel", value[4:])
    for m in _YEAR.finditer(text):
        add(m.start(), m.end(), "year", m.group(1) or m.group(2))
    for m in _MONTHS.finditer(text):
        if m.group(1):
            value = f"{int(m.group(1))}-{int(m.group(2))}"
        elif m.group(3):
            n = _cn_int(m.group(3))
            value = f"1-{n}" if n else ""
        else:
            value = f"{int(m.group(4))}"
        if value and all(1 <= int(v) <= 12 for v in value.split("-")):
            add(m.start(), m.end(), "months", value)
    for period in found:
        before = norm[max(start, period.start - 3):period.start]
        period.base = any(before.endswith(word) for word in rules.period_base) or (
            norm.startswith("的", period.end) and any(before.endswith(word) for word in rules.period_base_of)
        ) or any(norm.startswith(word, period.end) for word in rules.period_since)  # 2012年以来: a start
    return sorted(found, key=lambda p: p.start)


def _year_before(pos: int, periods, lo: int):
    years = [p for p in periods if p.kind == "year" and not p.base and lo <= p.start < pos]
    return years[-1] if years else None


def assign_period(norm, figure: Figure, sentence, periods, opening, all_periods, p_start, rules: Rules,
                  document: Document) -> None:
    """The figure's period: from its sentence, else its paragraph's opening, else the document."""
    usable = [p for p in periods if not p.base and sentence[0] <= p.start and p.end <= figure.num_start]
    carried = False
    current = document.current_year(before=figure.num_start)
    if usable:
        period = usable[-1]
    elif opening is not None and opening.end <= figure.num_start:
        period, carried = opening, True
    else:
        figure.pending = True  # resolve_from_document, once every figure is read
        return
    value = ""
    if period.kind in ("year", "span"):
        value = period.value
    elif period.kind in ("quarter", "months"):
        year = _year_before(period.start, periods, sentence[0])
        where = "the sentence"
        if year is None:
            year = _year_before(period.start, periods, p_start)
            where = "the paragraph"
        if year is None:
            year = _year_before(period.start, all_periods, 0)
            where = "earlier in the text"
        if year is None and current:
            value = str(current[0]) + (period.value if period.kind == "quarter" else "")
            figure.notes.append(f"year of {period.word} taken from {current[1]}")
        elif year is None:
            figure.notes.append(f"{period.word}: year unknown")
        else:
            value = year.value + (period.value if period.kind == "quarter" else "")
            if where != "the sentence" and period.value != "1-12":
                figure.notes.append(f"year of {period.word} taken from {where} ({year.word})")
        if period.kind == "months" and period.value not in ("1-12",):
            figure.notes.append(f"months {period.value} ({period.word}): period set to the year")
    elif period.kind == "rel" and current:
        value = str(current[0] + int(period.value))
        figure.notes.append(f"relative year {period.word} = {value}, from {current[1]}")
    elif period.kind == "rel":
        figure.notes.append(f"relative year {period.word}: set the year")
    lead = re.split(r"[、,;:]", norm[figure.quote[0]:figure.start])[-1]
    over = next((n for word, n in rules.years_average if word in lead), None)
    duration = _DURATION.search(lead)
    if over is None and duration and period.kind == "year":  # 三年翻一番, 五年跨越两个千亿元台阶
        over = _cn_int(duration.group(1))
        if over and over >= 2:
            figure.notes.append(f"{duration.group(0).strip()}: the figure covers {over} years")
        else:
            over = None
    if re.fullmatch(r"\d{4}", value) and over:  # 两年平均增长 in 2021: the average of 2020 and 2021
        value = f"{int(value) - over + 1}-{value}"
        figure.notes.append(f"an average over {over} years: period set to {value}")
    elif re.fullmatch(r"\d{4}", value) and any(w in lead for w in rules.period_average):
        year = int(value)
        for word, span in rules.periods:
            if re.fullmatch(r"\d{4}-\d{4}", span):
                first, last = (int(y) for y in span.split("-"))
                if first <= year <= last and (figure.kind != "actual" or year == last):
                    figure.notes.append(f"an average over years (年均) in {value}: period set to the plan span {span} ({word})")
                    value = span
                    break
    figure.period = value
    if carried and value:
        figure.notes.append(f"period carried from the paragraph's opening ({period.word})")


def resolve_from_document(figures: list[Figure], all_periods, document: Document) -> int | None:
    """Figures whose sentence and paragraph opening name no period: the last year named before the figure
    (the title and lead included), else the year the document speaks from. An actual figure takes no year
    later than its text can report: by the dateline, else the latest year an actual figure names itself.
    Returns that latest year (None if unknown)."""
    own = [int(f.period[:4]) for f in figures if f.kind == "actual" and not f.pending and re.fullmatch(r"\d{4}(Q\d)?", f.period)]
    latest = document.latest_actual_year() or (max(own) if own else None)
    years = [p for p in all_periods if p.kind == "year" and not p.base]
    for figure in (f for f in figures if f.pending):
        named = [p for p in years if p.end <= figure.num_start]
        if figure.kind == "actual" and latest is not None:
            named = [p for p in named if int(p.value) <= latest]
        fallback = document.fallback_year(figure.kind)
        if named:
            figure.period = named[-1].value
            figure.notes.append(f"no period in the sentence: set to the last year named before it ({named[-1].word})")
        elif fallback:
            figure.period = str(fallback[0])
            figure.notes.append(f"no period in the text before it: set to {fallback[1]}")
        elif latest is not None:
            figure.period = str(latest)
            figure.notes.append(f"no period in the text before it: set to the text's latest reported year ({latest})")
        else:
            figure.notes.append("no period in the text: set the period")
    return latest


def plan_level_targets(norm: str, figures: list[Figure], rules: Rules) -> None:
    """A target for a level under a plan span (“十五”计划确立的1100亿元目标) is the level at the span's end;
    an average (年均) or a cumulative sum (累计) keeps the span."""
    for figure in figures:
        span = re.fullmatch(r"(\d{4})-(\d{4})", figure.period)
        if not span or figure.kind != "target" or figure.measure != "level":
            continue
        lead = re.split(r"[、,;:。]", norm[figure.sentence[0]:figure.start])[-1]
        if any(word in lead for word in rules.period_average + rules.period_cumulative):
            continue
        figure.period = span.group(2)
        figure.notes.append(f"a target level for the span {span.group(0)}: period set to its last year")

