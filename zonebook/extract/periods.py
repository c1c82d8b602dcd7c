"""Periods: the period words of a paragraph (years, plan spans such as 十五五, quarters, months, relative
years) and the period each figure gets from them, from its paragraph's opening, the text's date or the
text's latest reported year."""

from __future__ import annotations

import re
from dataclasses import dataclass

from zonebook.extract.document import Document, dateline_at
from zonebook.extract.figures import Figure
from zonebook.extract.rules import Rules

_YEAR_SPAN = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*年?\s*[-—–~至到]\s*((?:19|20)\d\d)\s*年(?:度)?")
# a year, with 末/底/初 when it names that point of the year (2023年末: one period word, the year 2023)
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*年(?:度|末|底|初)?|[(]((?:19|20)\d\d)[)]")
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
    since: bool = False  # 2012年以来: where a span starts
    before_now: bool = False  # a base at its year's end or same months (较2023年末, 同期): the text is of a later year


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
    for m in _YEAR.finditer(text):
        add(m.start(), m.end(), "year", m.group(1) or m.group(2))
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
    found.sort(key=lambda p: p.start)
    for index, period in enumerate(found):
        if period.kind == "year" and dateline_at(norm, period.start):
            period.base = True  # the text's date: the document model reads it (document.py)
            continue
        before = norm[max(start, period.start - 3) : period.start]
        period.base = (
            any(before.endswith(word) for word in rules.period_base)
            or (norm.startswith("的", period.end) and any(before.endswith(word) for word in rules.period_base_of))
            or _compared_with(norm, period, rules)
            or _chained_base(norm, found, index, rules)
        )
    _mark_since(norm, found, start, rules)
    for index, period in enumerate(found):
        after = found[index + 1] if index + 1 < len(found) and found[index + 1].start - period.end <= 1 else None
        point = after.end if after is not None and after.value in ("12", "Q4") else period.end  # 2023年12月末
        period.before_now = (
            period.base
            and period.kind == "year"
            and (period.word.rstrip().endswith(("末", "底")) or norm.startswith(("同期", "末", "底"), point))
        )
    return found


def _compared_with(norm: str, period: Period, rules: Rules) -> bool:
    """与上年同期相比 / 同2020年持平: a period between a word of comparison and the word that closes it."""
    if not any(norm.endswith(word, 0, period.start) for word in rules.period_compare_open):
        return False
    after = norm[period.end : period.end + 4]
    return any(after.startswith(word) or after[2:].startswith(word) for word in rules.period_compare_close)


def _chained_base(norm: str, found: list, index: int, rules: Rules) -> bool:
    """较1—9月份和上年同期提高… / 较上月、上年同期…: a period joined (和, 、, 及) to a base before it, or to words
    after a base word, is a base too; so is the quarter or month right after a base year (比2016年4季度)."""
    period = found[index]
    if index and found[index - 1].base:
        between = norm[found[index - 1].end : period.start].strip()
        if between in rules.period_joiners or (between == "" and found[index - 1].kind in ("year", "rel")):
            return True
    clause = re.split(r"[,;:。!?\n]", norm[max(0, period.start - 16) : period.start])[-1]
    if not any(clause.endswith(joiner) for joiner in rules.period_joiners):
        return False
    for word in rules.period_base:
        at = clause.rfind(word)
        inside = any(
            clause[at - longer.find(word) : at - longer.find(word) + len(longer)] == longer
            for longer in rules.period_base_unless
            if word in longer
        )  # 占比 holds 比
        if at >= 0 and len(clause) - at <= 12 and not inside and not re.search(r"[\d%]", clause[at:]):
            return True  # (no number between: 同比增长5.6%、上半年增长… names a period of its own)
    return False


def _mark_since(norm: str, found: list, floor: int, rules: Rules) -> None:
    """自2016年4季度以来 / 2016年末以来 / 从2019年起: the year (and the quarter or month after it) is where a
    span starts, not the period of a figure."""
    for index, period in enumerate(found):
        if period.kind not in ("year", "span"):
            continue
        parts, end = [period], period.end
        while index + len(parts) < len(found) and found[index + len(parts)].start - end <= 1:
            parts.append(found[index + len(parts)])  # 2016年 + 4季度 / 9月
            end = parts[-1].end
        rest = norm[end : end + 4].lstrip()
        opened = any(norm.endswith(word, floor, period.start) for word in rules.period_since_open)
        if any(rest.startswith(word) for word in rules.period_since) or (
            opened and any(rest.startswith(word) for word in rules.period_since_opened)
        ):
            for part in parts:
                part.base = True
            period.since = True


def _year_before(pos: int, periods, lo: int, current: tuple | None = None):
    """The last year named in [lo, pos); without one, and with `current` (the document's own year), the last
    relative year (过去的一年,…;全年培育…: 全年 is the year reviewed)."""
    named = [p for p in periods if not p.base and lo <= p.start < pos and p.kind in ("year", "rel")]
    years = [p for p in named if p.kind == "year"]
    if years:
        return years[-1]
    if not named or current is None:
        return None
    rel = named[-1]
    return Period(rel.start, rel.end, "year", str(current[0] + int(rel.value)), rel.word)


def _own_base(norm: str, period: Period, figure: Figure, rules: Rules) -> bool:
    """由2020年的1600家增长至…: the figure right after 由YYYY年的 is that year's level; only the figures after it
    are compared with it."""
    return (
        any(norm.endswith(word, 0, period.start) for word in rules.period_base_from)
        and norm[period.end : figure.num_start].strip() == "的"
    )


def assign_period(
    norm, figure: Figure, sentence, periods, opening, all_periods, p_start, rules: Rules, document: Document
) -> None:
    """The figure's period: from its sentence, else its paragraph's opening, else the document."""
    usable = [
        p
        for p in periods
        if (not p.base or _own_base(norm, p, figure, rules)) and sentence[0] <= p.start and p.end <= figure.num_start
    ]
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
    figure.subperiod = period.value if period.kind in ("quarter", "months") else ""
    if period.kind in ("year", "span"):
        value = period.value
    elif period.kind in ("quarter", "months"):
        year = _year_before(period.start, periods, sentence[0], current)
        where = "the sentence"
        if year is None:
            year = _year_before(period.start, periods, p_start, current)
            where = "the paragraph"
        if year is None:
            year = _year_before(period.start, all_periods, 0)
            where = "earlier in the text"
        if year is None and current:
            value = str(current[0]) + (period.value if period.kind == "quarter" else "")
            figure.notes.append(f"year of {period.word} taken from {current[1]}")
        elif year is None:  # the document may still date it (resolve_from_document)
            figure.pending, figure.pending_suffix = True, period.value if period.kind == "quarter" else ""
            figure.notes.append(f"{period.word}: year from the document")
        else:
            value = year.value + (period.value if period.kind == "quarter" else "")
            if where != "the sentence" and period.value != "1-12":
                figure.notes.append(f"year of {period.word} taken from {where} ({year.word})")
        if period.kind == "months" and period.value not in ("1-12",):
            figure.notes.append(f"months {period.value} ({period.word}): period set to the year")
    elif period.kind == "rel" and current:
        value = str(current[0] + int(period.value))
        figure.notes.append(f"relative year {period.word} = {value}, from {current[1]}")
    elif period.kind == "rel":  # the document may still date it (resolve_from_document)
        figure.pending, figure.pending_offset = True, int(period.value)
        figure.notes.append(f"relative year {period.word} ({int(period.value):+d}): year from the document")
    value = years_covered(norm, figure, value, "year" if period.kind == "rel" else period.kind, rules)
    figure.period = value
    if carried and value:
        figure.notes.append(f"period carried from the paragraph's opening ({period.word})")


def years_covered(norm: str, figure: Figure, value: str, kind: str, rules: Rules) -> str:
    """The period of a figure dated `value` whose words say it covers several years: 两年平均增长 in 2021 is of
    2020-2021, 三年翻一番 and 五年跨越两个千亿元台阶 cover those years, 年均 in a plan year the plan's span."""
    lead = re.split(r"[、,;:]", norm[figure.quote[0] : figure.start])[-1]
    over = next((n for word, n in rules.years_average if word in lead), None)
    duration = _DURATION.search(lead)
    if over is None and duration and kind == "year":  # 三年翻一番, 五年跨越两个千亿元台阶
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
                    figure.notes.append(
                        f"an average over years (年均) in {value}: period set to the plan span {span} ({word})"
                    )
                    value = span
                    break
    elif re.fullmatch(r"\d{4}", value) and figure.kind != "target" and any(w in lead for w in rules.period_cumulative):
        # “十五”期间…累计完成投资2039亿元: a sum over the plan its paragraph reviews, when the year ends that plan
        paragraph = norm[figure.paragraph[0] : figure.paragraph[1]]
        for word, span in rules.periods:
            if re.fullmatch(r"\d{4}-\d{4}", span) and span.endswith(value) and word in paragraph:
                figure.notes.append(f"a sum (累计) in a review of {word}: period set to its span {span}")
                value = span
                break
    return value


def resolve_from_document(
    norm: str, figures: list[Figure], all_periods, document: Document, rules: Rules
) -> int | None:
    """Figures whose sentence and paragraph opening name no period (or no year for their quarter, months or
    relative year): the last year named before the figure (the title and lead included), else the year the
    document speaks from; without either, the year after a base at a year's end or its same months
    (较2017年底, 比2017年同期: the text reports 2018),
    else the first year a later sentence of the text names. An actual figure takes no year later than its text
    can report: by the dateline or the title's plan year, else the latest year an actual figure names itself.
    Returns that latest year (None if unknown)."""
    own = [
        (f.sentence, int(f.period[:4]))
        for f in figures
        if f.kind == "actual" and not f.pending and re.fullmatch(r"\d{4}(Q\d)?", f.period)
    ]
    latest = document.latest_actual_year() or max((year for _, year in own), default=None)
    years = [p for p in all_periods if p.kind == "year" and not p.base]
    year_ends = [p for p in all_periods if p.before_now]

    def reported(figure):
        if document.latest_actual_year() is not None:
            return document.latest_actual_year()
        return max((year for sentence, year in own if sentence != figure.sentence), default=None)

    for figure in (f for f in figures if f.pending):
        named = [p for p in years if p.end <= figure.num_start]
        if figure.kind != "target" and latest is not None:  # an estimate, too, is of a year it can report
            named = [p for p in named if int(p.value) <= latest]
        # a year later in its own sentence belongs to what follows it (一季度…,2025年全市…): only later sentences
        later = [p for p in years if p.start >= figure.sentence[1]]
        fallback = document.fallback_year(figure.kind)
        if named:
            year, why = int(named[-1].value), f"the last year named before it ({named[-1].word})"
        elif fallback:
            year, why = fallback
        elif reported(figure) is not None:  # from other sentences: 一季度…,2025年全市…: 2025 is not its year
            year = reported(figure)
            why = f"the text's latest reported year ({year})"
        elif year_ends:
            year, why = int(year_ends[0].value) + 1, f"the year after its base ({year_ends[0].word})"
        elif later:
            year, why = int(later[0].value), f"the first year the text names, after it ({later[0].word})"
        else:
            figure.notes.append("no period in the text: set the period")
            continue
        if figure.pending_offset:
            figure.notes.append(f"a relative year ({figure.pending_offset:+d}) from {why}")
            year += figure.pending_offset
        figure.period = f"{year}{figure.pending_suffix}"
        figure.notes.append(f"no year in the sentence: set to {why}")
        if not figure.pending_suffix:
            figure.period = years_covered(norm, figure, figure.period, "year", rules)
    return latest


def plan_level_targets(norm: str, figures: list[Figure], rules: Rules) -> None:
    """A target for a level under a plan span (“十五”计划确立的1100亿元目标) is the level at the span's end;
    an average (年均) or a cumulative sum (累计) keeps the span."""
    for figure in figures:
        span = re.fullmatch(r"(\d{4})-(\d{4})", figure.period)
        if not span or figure.kind != "target" or figure.measure != "level":
            continue
        lead = re.split(r"[、,;:。]", norm[figure.sentence[0] : figure.start])[-1]
        if any(word in lead for word in rules.period_average + rules.period_cumulative):
            continue
        figure.period = span.group(2)
        figure.notes.append(f"a target level for the span {span.group(0)}: period set to its last year")


# 过去五年 / 五年来 / 近三年: a review of the last N years
# (过去五年 anywhere; 近五年 / 五年来 only opening a clause: 创近五年新高 compares, it reviews nothing)
_REVIEW_SPAN = re.compile(
    r"过去\s*([两二三四五六七八九十]|[2-9])\s*年(?!前)"
    r"|(?:^|(?<=[,;:。\s]))(?:近|这)?\s*([两二三四五六七八九十]|[2-9])\s*年(?:来|以来|间)?(?=[,,])"
)


def _opens_clause(norm: str, period: Period, floor: int, rules: Rules) -> bool:
    """2012年以来, / 自2016年以来,: the since-phrase opens its clause (创2017年以来新高 compares, reviews nothing)."""
    before = re.split(r"[,;:。!?\n]", norm[floor : period.start])[-1].strip(' “"')
    return before in [""] + rules.period_since_open


def review_spans(norm: str, figures: list[Figure], all_periods, rules: Rules) -> None:
    """Actual figures in a paragraph that reviews a span (2012年以来…, 过去五年…, 五年来…) and whose own sentence
    names no year after that opener: a level the span reached (达到5808亿, 城镇化率62.4%) is of the span's last
    year, what was done or counted over it (连跨两个千亿元台阶, 790项重点工程, 提高6.9个百分点) is of the span.
    The last year is the figure's own (from the document), or the start plus the years the review names."""
    openers: dict[tuple, list] = {}
    carried = ([], [])  # the review a paragraph opened, carried on by the paragraphs after it that name no period
    for figure in sorted(figures, key=lambda f: f.start):
        if figure.paragraph == (0, 0):
            continue
        if figure.paragraph not in openers:
            lo, hi = figure.paragraph
            since = [p for p in all_periods if p.since and lo <= p.start < hi and _opens_clause(norm, p, lo, rules)]
            lengths = [m for m in _REVIEW_SPAN.finditer(norm, lo, hi)]
            if since or lengths:
                carried = (since, lengths)
            elif any(not p.base and lo <= p.start < hi for p in all_periods):
                carried = ([], [])  # a paragraph with a period of its own ends the review
            else:
                since, lengths = carried  # 周铁根说,…: the review of the paragraph before goes on
            openers[figure.paragraph] = (since, lengths)
        if figure.kind != "actual":
            continue
        since, lengths = openers[figure.paragraph]
        since = [p for p in since if p.end <= figure.num_start]
        lengths = [m for m in lengths if m.end() <= figure.num_start]
        if not since and not lengths:
            continue
        opened_at = max([p.end for p in since] + [m.end() for m in lengths])
        if any(
            p.kind in ("year", "span") and not p.base and opened_at <= p.start < figure.num_start for p in all_periods
        ):
            continue  # its sentence names a year of its own after the opener
        years = next((_cn_int(m.group(1) or m.group(2)) for m in reversed(lengths)), None)
        start = int(since[-1].value.split("-")[0]) if since else None
        end = int(figure.period[:4]) if re.fullmatch(r"\d{4}", figure.period) else None
        if end is None and start is not None and years:
            end = start + years - 1
        if start is None and end is not None and years:
            start = end - years + 1
        if start is None or end is None or start >= end:
            continue
        clause = re.split(r"[,;:。]", norm[figure.sentence[0] : figure.start])[-1]
        reached = figure.measure in ("level", "share") and (
            figure.unit == "%" or any(word in clause for word in rules.review_reached)
        )
        figure.period = str(end) if reached else f"{start}-{end}"
        figure.pending = False
        why = "a level reached by its end" if reached else "what was done over it"
        figure.notes.append(f"in a review of {start}-{end} ({why}): period set to {figure.period}")


def yearly_lists(norm: str, figures: list[Figure]) -> None:
    """“十五”期间…每年分别为11%、11.4%、12.5%、14%和14.3%: a list after 分别 with one figure for each year of its
    span gives each figure its year, in order."""
    index = 0
    while index < len(figures):
        first = figures[index]
        span = re.fullmatch(r"(\d{4})-(\d{4})", first.period)
        lead = norm[first.sentence[0] : first.start]
        if not span or "分别" not in re.split(r"[,;:。]", lead)[-1]:
            index += 1
            continue
        run = [first]
        while (
            index + len(run) < len(figures)
            and figures[index + len(run)].period == first.period
            and norm[run[-1].end : figures[index + len(run)].start].strip() in ("、", "和", "及", ",")
        ):
            run.append(figures[index + len(run)])
        years = range(int(span.group(1)), int(span.group(2)) + 1)
        if len(run) == len(years) >= 2 and len({f.unit for f in run}) == 1:
            for figure, year in zip(run, years, strict=True):
                figure.period = str(year)
                figure.notes.append(f"one of {len(run)} figures given 分别 for the years of {first.period}: {year}")
        index += len(run)
