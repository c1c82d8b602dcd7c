"""The figures in a paragraph: numbers (Arabic or Chinese, 三成, 翻番, 四分之一), their units and magnitudes,
ranges, and the qualifiers that set a bound (超, 近, 以上, 千亿俱乐部); numbers that are not figures are rejected
with a reason."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from zonebook.extract.layout import inside_any, is_cjk
from zonebook.extract.rules import Rules, ends_at, starts_at

_CN_DIGITS = "零〇一二两三四五六七八九十"
_CN_CHARS = _CN_DIGITS + "百千万亿"
_ARABIC = re.compile(r"(?<![0-9A-Za-z.])(?:-(?=\d))?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
_CN_NUMBER = re.compile(  # 一千二百, 三点五, 零点五 (not 零部件)
    rf"(?<![{_CN_CHARS}点])(?:[{_CN_DIGITS[2:]}][{_CN_CHARS}]*|[零〇](?=点))(?:点[{_CN_DIGITS}]+)?"
)
_RANGE = "-—–~至"
_WRAP = re.compile(r"\r?\n(?=[^\s|])")  # one line break inside a hard-wrapped paragraph


@dataclass
class Figure:
    start: int  # the first character of the figure incl. a before-qualifier
    num_start: int
    end: int  # after the unit and an after-qualifier
    value: float
    unit: str
    bound: str = "eq"
    notes: list = field(default_factory=list)
    measure: str = ""
    fixed_measure: str = ""
    heading: bool = False
    kind: str = "actual"
    period: str = ""
    name: str = ""
    quote: tuple = (0, 0)
    sentence: tuple = (0, 0)
    also: list = field(default_factory=list)
    pending: bool = False  # its period is left to the document (periods.resolve_from_document)
    pending_suffix: str = ""  # the quarter (Q3) of a pending figure whose year is unknown
    pending_offset: int = 0  # the relative year (上年: -1) of a pending figure
    subperiod: str = ""  # the months or quarter its period word names (1-9, 9, Q3): two of these are two claims
    kind_word: str = ""  # the word that set its kind (kinds.py)
    kind_opening: bool = False  # set by a plan verb opening the sentence, or a result word (争取): settled by period
    paragraph: tuple = (0, 0)
    list_item: bool = False  # its paragraph is one item of a list (it ends with a semicolon)


def _parse_number(raw: str) -> float | None:
    raw = raw.replace(",", "")
    if re.fullmatch(r"-?\d+(?:\.\d+)?", raw):
        return float(raw)
    try:
        import cn2an

        return float(cn2an.cn2an(raw, "normal"))
    except Exception:  # noqa: BLE001
        return None


def _unit_at(norm: str, pos: int, rules: Rules):
    """(written unit, position after it, between-qualifier's bound or None, count flag, between word)
    for the longest unit at pos, or None."""
    best = None
    prefixes = [("", 1.0)] + rules.prefixes
    betweens = [("", "")] + rules.bound_between
    for (prefix, _), (between, bound), between_first in (
        (p, b, first) for p in prefixes for b in betweens for first in (False, True)
    ):
        # 100多万人 / 3100余万人次 (qualifier before the prefix) and 1.2万余人 (after it)
        at = _skip_spaces(norm, pos)
        for part in (between, prefix) if between_first else (prefix, between):
            if part and not norm.startswith(part, at):
                at = -1
                break
            at = _skip_spaces(norm, at + len(part)) if part else at
        if at < 0:
            continue
        item = starts_at(norm, at, rules.units)
        if item:
            word = item[0]
            end = at + len(word)
            if (
                word[-1].isascii()
                and word[-1].isalpha()
                and end < len(norm)
                and norm[end].isascii()
                and norm[end].isalpha()
            ):
                continue  # 5 km is a unit, 5 kmh is not
            if best is None or end > best[1]:
                best = (prefix + word, end, bound or None, item[3], between)
        elif prefix and rules.unit_info(prefix)[1] >= 1e4 and (best is None or at > best[1]):
            end = pos + len(norm[pos:at].rstrip(" \u00a0"))  # 7809亿: a magnitude with no unit after it
            best = (prefix, end, bound or None, "", between)
    if best and best[1] == _skip_spaces(norm, pos) and best[0] == "":
        return None
    return best


def _skip_spaces(norm: str, at: int) -> int:
    """Past the spaces that pages copied from HTML put between a number and its unit (5312 亿 元), and one
    line break of a hard-wrapped line (86 亿⏎元); a blank line still ends the figure."""
    while at < len(norm) and norm[at] in " \u00a0":
        at += 1
    if at < len(norm) and norm[at] in "\r\n":
        wrap = _WRAP.match(norm, at)
        return wrap.end() if wrap else at
    return at


def figures_in(norm: str, text: str, start: int, end: int, rules: Rules, excluded, quoted, notes_out) -> list[Figure]:
    figures: list[Figure] = []
    candidates = []
    for m in _ARABIC.finditer(norm, start, end):
        raw = m.group(0)
        if "," in raw and "," not in text[m.start() : m.end()]:
            # a Chinese comma is a list separator, not a thousands separator: separate numbers
            at = m.start()
            for part in raw.split(","):
                candidates.append((at, at + len(part), part))
                at += len(part) + 1
            continue
        candidates.append((m.start(), m.end(), raw))
    for m in _CN_NUMBER.finditer(norm, start, end):
        candidates.append((m.start(), m.end(), m.group(0)))
    # fractions: 四分之一 = 25 %
    for item in rules.numwords:
        if item["value"] != "fraction":
            continue
        number = rf"(?:\d+|[{_CN_DIGITS}百千]+)"
        for m in re.finditer(rf"({number}){re.escape(item['word'])}({number})", norm[start:end]):
            s = start + m.start()
            if inside_any(s, excluded) or inside_any(s, quoted):
                continue
            den, num = _parse_number(m.group(1)), _parse_number(m.group(2))
            if not den or num is None:
                continue
            figure = Figure(s, s, start + m.end(), round(num / den * 100, 2), item["unit"])
            figure.notes.append(f"{m.group(0)} = {format_value(figure.value)} {item['unit']}")
            figure.fixed_measure = "share"
            _qualify_before(norm, figure, rules, start)
            figures.append(figure)
            excluded = excluded + [(s, start + m.end())]
    candidates.sort()
    last_end = -1
    for index, (s, e, raw) in enumerate(candidates):
        if s < last_end:
            continue
        if inside_any(s, excluded) or inside_any(s, quoted):
            continue
        figure = _read_figure(norm, s, e, raw, rules, start, end)
        # a range: 5-8%, 5%-8%, 5%至8%
        nxt = candidates[index + 1] if index + 1 < len(candidates) else None
        joint = figure.end if isinstance(figure, Figure) else e
        signed = nxt is not None and nxt[0] == joint and nxt[2].startswith("-")  # 5%-8%: not minus 8
        if (
            nxt
            and joint < end
            and norm[joint] in _RANGE
            and (nxt[0] == joint + 1 or signed)
            and not inside_any(joint + 1, excluded)
        ):
            high = _read_figure(norm, joint + 1, nxt[1], nxt[2].lstrip("-"), rules, start, end)
            if isinstance(high, Figure) and not isinstance(figure, Figure):
                value = _parse_number(raw)
                figure = Figure(s, s, e, value, high.unit) if value is not None else figure
            if isinstance(high, Figure) and isinstance(figure, Figure) and figure.unit == high.unit:
                _qualify_before(norm, figure, rules, start)
                note = f"range {format_value(figure.value)}-{format_value(high.value)} {high.unit}: one row per end"
                figure.bound, high.bound = "ge", "le"
                figure.notes.append(note)
                high.notes.append(note)
                high.start = figure.start
                figures.extend([figure, high])
                last_end = high.end
                continue
        if figure is None or isinstance(figure, str):
            figure = (
                _shared_unit(norm, s, e, raw, candidates, index, rules, start, end)
                or _paired_rank(norm, s, e, raw, figures)
                or figure
            )
        if figure is None:
            continue
        if isinstance(figure, str):
            notes_out.append((s, figure))
            continue
        figures.append(figure)
        last_end = figure.end
    # words that are figures on their own: 翻番, 过半, 全覆盖
    for item in sorted(rules.numwords, key=lambda i: -len(i["word"])):
        if not item["value"].startswith("="):
            continue
        word = item["word"]
        for m in re.finditer(re.escape(word), norm[start:end]):
            s, e = start + m.start(), start + m.end()
            if (
                inside_any(s, excluded)
                or inside_any(s, quoted)
                or _inside_longer_word(norm, s, word, rules.numword_unless)
            ):
                continue
            if any(s < f.end and f.start < e for f in figures):
                continue
            value = float(item["value"][1:])
            figure = Figure(s, s, e, value, item["unit"])
            figure.bound = rules.bound_word.get(word, "eq")
            figure.fixed_measure = item["where"]
            figure.notes.append(f"{word} = {item['value'][1:]} {item['unit']}")
            _qualify_before(norm, figure, rules, start)
            figures.append(figure)
    # a magnitude without digits that claims a threshold: 万亿之城
    for word, word_factor in rules.prefixes:
        for m in re.finditer(re.escape(word), norm[start:end]):
            prefix, factor = word, word_factor
            s = start + m.start()
            if (s > start and norm[s - 1] in _CN_CHARS + "0123456789") or inside_any(s, excluded):
                continue
            if any(s < f.end and f.start <= s for f in figures):
                continue
            at = s + len(prefix)
            second = starts_at(norm, at, rules.prefixes)  # 突破千亿元: two magnitude words before the unit
            if second and rules.unit_info(prefix + second[0]):
                prefix, factor, at = prefix + second[0], rules.unit_info(prefix + second[0])[1], at + len(second[0])
            unit_item = starts_at(norm, at, rules.units)
            if unit_item and unit_item[3] == "arabic":
                unit_item = None  # 跨越万亿大关: 大 counts only after digits (6大产业), here it opens 大关
            unit_end = at + len(unit_item[0]) if unit_item else at
            club = starts_at(norm, unit_end, rules.club)
            qualifier = _qualifier_before(norm, s, rules, start)
            threshold = starts_at(norm, unit_end, ["以上", "以下"]) and is_cjk(
                norm[unit_end + 2 : unit_end + 3] or "。"
            )
            if not club and qualifier and unit_item and not threshold:
                if _names_a_class(norm, unit_end, prefix + unit_item[0], rules):
                    continue  # 销售超亿元企业29家: the threshold of a class of firms, not a figure
                # 近千家, 超万人: a magnitude with a qualifier and a unit
                if factor < 1e4:
                    figure = Figure(s, s, unit_end, factor, unit_item[0])
                else:
                    figure = Figure(s, s, unit_end, 1.0, prefix + unit_item[0])
                figure.notes.append(f"{qualifier[0]}{prefix}{unit_item[0]}: a round magnitude in words")
                _qualify_before(norm, figure, rules, start)
                figures.append(figure)
                continue
            bare = _bare_magnitude(norm, s, rules) if qualifier and not unit_item and not club else None
            if bare:
                written, stop = bare
                figure = Figure(s, s, stop, 1.0, written)
                figure.notes.append(f"{qualifier[0]}{written}: a round magnitude in words")
                figure.notes.append(f"unit {written} has no base (亿 of what? 亿元 is usual)")
                _qualify_before(norm, figure, rules, start)
                figures.append(figure)
                continue
            if club:
                unit = prefix + (unit_item[0] if unit_item else "")
                figure = Figure(s, s, unit_end + len(club[0]), 1.0, unit, bound=club[1])
                figure.notes.append(f"{prefix}{club[0]}: a threshold claim, 1 {unit} ({club[1]})")
                if not unit_item:
                    figure.notes.append(f"unit {unit} has no base (亿 of what? 亿元 is usual)")
                figures.append(figure)
    figures.sort(key=lambda f: f.start)
    _share_a_closing_qualifier(norm, figures, rules, start)
    return figures


def _share_a_closing_qualifier(norm: str, figures: list[Figure], rules: Rules, floor: int) -> None:
    """分别增长7%、8%左右: a qualifier after the last figure of a 分别 list (joined by 、 or 和) bounds each of its
    figures of the same unit that has no qualifier of its own."""
    for i, last in enumerate(figures):
        word = next((w for w, _ in rules.bound_after if norm.startswith(w, last.end - len(w))), None)
        if word is None or last.bound == "eq":
            continue
        run = i
        while run > 0 and norm[figures[run - 1].end : figures[run].start] in ("、", "和", "及"):
            if figures[run - 1].unit != last.unit or figures[run - 1].bound != "eq":
                break
            run -= 1
        lead = re.split(r"[,;:。]", norm[max(floor, figures[run].start - 30) : figures[run].start])[-1]
        if run == i or "分别" not in lead:
            continue
        for figure in figures[run:i]:
            figure.bound = last.bound
            figure.notes.append(f"bound {last.bound} from {word} after the list's last figure (分别…{word})")


def _rank_context(norm: str, at: int, floor: int, reach: int = 20) -> str:
    """The words of the clause before a bare 第N, up to `reach` characters: 位居中部六省省会城市第一 has its rank
    word nine characters before the ordinal."""
    context = norm[max(floor, at - reach) : at]
    return re.split(r"[,;。:!?\n]", context)[-1]


def _shared_unit(norm, s, e, raw, candidates, index, rules: Rules, floor: int, ceiling: int):
    """4.5和1.1个百分点 / 4.2、4.3和3.2个百分点: a bare number joined (和, 与, 及, 、) to the numbers after it takes
    the unit of the first of them that has one (not a count: 3和5家 is rare)."""
    at, k, follower = e, index + 1, None
    while k < len(candidates):
        nxt = candidates[k]
        if at >= ceiling or norm[at] not in "和与及、" or nxt[0] != at + 1:
            return None
        follower = _read_figure(norm, nxt[0], nxt[1], nxt[2], rules, floor, ceiling)
        if isinstance(follower, Figure):
            break
        at, k = nxt[1], k + 1
    if not isinstance(follower, Figure) or any(follower.unit.endswith(u[0]) for u in rules.units if u[3]):
        return None
    value = _parse_number(raw)
    if value is None:
        return None
    figure = Figure(s, s, e, value, follower.unit)
    figure.notes.append(f"unit {follower.unit} shared with the number after it")
    return figure


def _list_unit(norm: str, pos: int, unit: str, rules: Rules) -> str | None:
    """7.9个、3.4个和1.7个百分点: a counting word repeated along a list whose last item completes it to a longer
    unit (个 → 个百分点) is that unit; returns the longer unit, or None."""
    number = r"\s*-?\d+(?:\.\d+)?\s*"
    m = re.match(rf"(?:\s*[、和与及]{number}{re.escape(unit)})*\s*[、和与及]{number}", norm[pos : pos + 80])
    if not m:
        return None
    longer = starts_at(norm, pos + m.end(), rules.units)
    if longer and longer[0].startswith(unit) and longer[0] != unit:
        return longer[0]
    return None


def _rank_of_a_place(norm: str, pos: int, context: str) -> bool:
    """新开工项目91个、盐城第一: a bare 第N closing its clause right after a name (two or more Chinese characters
    since the last comma or 、) is a rank; an ordinal in a name has a noun after it (第一产业, 第三代)."""
    closes = pos >= len(norm) or norm[pos] in "、,;。!?)"
    name = re.split(r"[、]", context)[-1].strip()
    return closes and len(name) >= 2 and all(is_cjk(ch) for ch in name)


def _top_of_ranking(norm: str, s: int, e: int, value: float, rules: Rules, floor: int):
    """跻身全省前10强 / 进入全国前50名: the top N of a ranking, a rank of at most N (bound le)."""
    opened = any(norm.endswith(word, floor, s) for word in rules.rank_top_open)
    if opened and starts_at(norm, e, rules.rank_top_name):
        return "not a figure: the leaders of a ranking, named after it (前三位的分别是…)"
    unit = starts_at(norm, e, rules.rank_top) if opened else None
    if unit is None:
        return None
    figure = Figure(s, s, e + len(unit), value, unit, bound="le")
    figure.fixed_measure = "rank"
    figure.notes.append(
        f"the top {format_value(value)} of a ranking (前…{unit}): a rank of at most {format_value(value)}"
    )
    return figure


def _names_a_class(norm: str, pos: int, unit: str, rules: Rules) -> bool:
    """An amount of money written right before a class noun (超亿元企业, 超10亿元项目) is the threshold that
    defines the class, not a figure."""
    info = rules.unit_info(unit)
    return bool(info and info[0].endswith("元") and starts_at(norm, pos, rules.notfig_class))


def _paired_rank(norm, s, e, raw, figures):
    """列全省第五、苏南第一: an ordinal right after a rank and a 、 is the pair's second rank."""
    if not figures or figures[-1].fixed_measure != "rank" or not norm.endswith("第", 0, s):
        return None
    between = norm[figures[-1].end : s - 1]
    if not between.startswith("、") or len(between) > 8 or any(not is_cjk(ch) for ch in between[1:]):
        return None
    if e < len(norm) and is_cjk(norm[e]) and norm[e] not in "位名":
        return None
    value = _parse_number(raw)
    if value is None:
        return None
    end = e + 1 if e < len(norm) and norm[e] in "位名" else e
    figure = Figure(s - 1, s - 1, end, value, figures[-1].unit)
    figure.fixed_measure = "rank"
    figure.notes.append("rank (第N), the second of a pair")
    return figure


def _inside_longer_word(norm: str, s: int, word: str, longer: list) -> bool:
    """The word at s is part of one of the longer words (保持平稳 holds 持平)."""
    for other in longer:
        k = other.find(word)
        if k < 0:
            continue
        # hard-wrapped lines may break the longer word (保\n持平稳): compare without line breaks
        before = norm[max(0, s - k - 2) : s].replace("\n", "").replace("\r", "")[-k:] if k else ""
        after = norm[s : s + len(other) - k + 2].replace("\n", "").replace("\r", "")[: len(other) - k]
        if before + after == other:
            return True
    return False


def _bare_magnitude(norm: str, s: int, rules: Rules):
    """(written, end) of a magnitude in words at s with nothing after it but punctuation or 大关: 突破百亿."""
    prefixes = dict(rules.prefixes)
    best = None
    for a in prefixes:
        if not norm.startswith(a, s):
            continue
        for b in [""] + list(prefixes):
            word = a + b
            if b and not norm.startswith(word, s):
                continue
            info = rules.unit_info(word)
            if info and info[1] >= 1e8 and (best is None or len(word) > len(best)):
                best = word
    if best is None:
        return None
    stop = s + len(best)
    rest = norm[stop : stop + 2]
    if rest[:1] and is_cjk(rest[:1]) and rest != "大关":
        return None
    return best, stop


def _qualifier_before(norm: str, at: int, rules: Rules, floor: int):
    """The before-qualifier (word, bound) ending at `at`, unless it is part of a longer word (签约)."""
    item = ends_at(norm[:at], at, rules.bound_before)
    if item is None or at - len(item[0]) < floor:
        return None
    if ends_at(norm[:at], at, rules.bound_unless):
        return None
    return item


def _qualify_before(norm: str, figure: Figure, rules: Rules, floor: int) -> None:
    pos = figure.start
    if starts_at(norm, figure.end, rules.prefixes) and any(u[0] == figure.unit and u[3] for u in rules.units):
        return  # 跨越两个千亿元台阶: a count of thresholds crossed, not a bound on the count
    for glue in [""] + rules.glue:
        at = pos - len(glue)
        if glue and not norm.startswith(glue, at):
            continue
        item = _qualifier_before(norm, at, rules, floor)
        if item:
            word, bound = item
            if figure.bound not in ("eq", "") and figure.bound != bound:
                figure.notes.append(f"qualifiers {word} and {figure.bound} both apply; kept {word}")
            figure.bound = bound
            figure.start = at - len(word)
            return


def _read_figure(norm, s, e, raw, rules: Rules, floor: int, ceiling: int):
    """The figure whose number is norm[s:e] (raw), a reason string if it is not one, or None if it
    has no unit. floor/ceiling: the paragraph."""
    chinese = not raw[0].isdigit() and raw[0] != "-"
    notes = []
    prev = norm[s - 1] if s > floor else ""
    if prev.isascii() and prev.isalpha():
        return "name with letters"
    before = ends_at(norm[:s], s, rules.notfig_before)
    pos = e
    numword = None
    value_raw = raw
    # Chinese numeral ending in a magnitude (三千五百万): keep the magnitude with the unit
    magnitude = ""
    if chinese:
        for prefix, _ in rules.prefixes:
            if raw.endswith(prefix) and len(raw) > len(prefix) and prefix in ("万亿", "亿", "万"):
                magnitude = prefix
                value_raw = raw[: -len(prefix)]
                break
    value = _parse_number(value_raw)
    if value is None:
        return None
    top = _top_of_ranking(norm, s, e, value, rules, floor)
    if top is not None:
        return top  # a rank of at most N, or why 前N位的 is none
    start = s
    # number words written before the number: 百分之三十
    word_before = None
    for item in rules.numwords:
        if item["where"] == "before" and norm.endswith(item["word"], floor, s):
            word_before = item
    # number words after the number: 三成, 一倍
    for item in rules.numwords:
        if item["where"] == "before" or not item["value"].startswith("x"):
            continue
        if not magnitude and norm.startswith(item["word"], pos):
            if item["where"] == "growth" and measure_before(norm, s, rules, floor)[0] != "growth":
                continue
            numword = item
            break
    between = None
    if word_before:
        unit = word_before["unit"]
        value *= float(word_before["value"][1:])
        start = s - len(word_before["word"])
        notes.append(f"{word_before['word']}{raw} = {format_value(value)} {unit}")
        count = False
    elif numword:
        unit = numword["unit"]
        factor = float(numword["value"][1:])
        if factor != 1:
            notes.append(f"{raw}{numword['word']} = {format_value(value * factor)} {unit}")
        value *= factor
        pos += len(numword["word"])
        count = False
    elif ends_at(norm[:s], s, rules.symbols) and not magnitude:
        sign, base = ends_at(norm[:s], s, rules.symbols)
        prefix = starts_at(norm, pos, rules.prefixes)
        unit = (prefix[0] if prefix else "") + base
        pos += len(prefix[0]) if prefix else 0
        start, count = s - len(sign), False
    else:
        found = _unit_at(norm, pos, rules)
        rank = before is not None and before[1] == "ordinal"
        if rank and found is not None and found[3] and found[0] not in rules.rank_units:
            return "an ordinal (第二个), not a rank"
        if rank and found is None and starts_at(norm, pos, rules.rank_not_after):
            return "an ordinal in a name (第一产业), not a rank"
        if found is None or (rank and found[0] not in rules.rank_units):
            context = _rank_context(norm, s - len(before[0]), floor) if rank else ""
            if rank and (any(word in context for word in rules.rank_context) or _rank_of_a_place(norm, pos, context)):
                unit, count = (rules.rank_units[0] if rules.rank_units else ""), False
                notes.append("rank (第N)")
                start, before = s - len(before[0]), ("", "rank")
            elif found is None and magnitude:
                unit, count = magnitude, False
            elif found is None:
                return None
            else:
                unit, pos, between, count, _ = found
        else:
            unit, pos, between, count, _ = found
            if magnitude:
                unit = magnitude + unit
            if rank:
                start, before, count = s - len(before[0]), ("", "rank"), False
    if before and before[1] != "rank":
        return f"not a figure: {before[1]}"
    longer = _list_unit(norm, pos, unit, rules) if count else None
    if longer:
        notes.append(f"{raw}{unit}: the list ends in {longer}, the unit of each of its numbers")
        unit, count = longer, False
    if unit and rules.unit_info(unit) and rules.unit_info(unit)[0] == "":
        notes.append(f"unit {unit} has no base (亿 of what? 亿元 is usual)")
    if chinese and count == "arabic":
        return f"{raw}{unit} in words names a set (四大定位, 三大攻坚战), not a figure"
    if chinese and count and value < 2 and not magnitude:
        return "一 with a counting word is an article (一个, 一场), not a figure"
    if chinese and count and value < 10:
        notes.append(f"a small count in words ({raw}{unit})")
    figure = Figure(start, start, pos, value, unit, notes=notes)
    if before:
        figure.fixed_measure = "rank"
    if between:
        figure.bound = between
    if _names_a_class(norm, pos, unit, rules):
        return "threshold in a name (an amount of money + a class noun: 超10亿元项目)"
    # qualifiers after the unit
    item = starts_at(norm, pos, rules.bound_after)
    if item:
        word, bound = item
        after = pos + len(word)
        nxt = norm[after] if after < ceiling else ""
        measured = starts_at(norm, after, rules.measures)  # 保持20%以上增长: a bound on a growth
        if word in ("以上", "以下", "之上") and is_cjk(nxt) and nxt != "的" and not measured:
            return "threshold in a name (X以上 + noun)"
        figure.bound = bound
        figure.end = pos = after
    # a threshold claim: 万亿之城, 千亿俱乐部
    item = starts_at(norm, pos, rules.club)
    if item:
        figure.bound = item[1]
        figure.notes.append(f"{item[0]}: a threshold claim ({item[1]})")
    # names: 千亿级, 500强
    item = starts_at(norm, pos, rules.notfig_after)
    if item:
        return f"not a figure: {item[1]}"
    _qualify_before(norm, figure, rules, floor)
    if numword and figure.bound == "eq":  # 三成 is a round share: about 30 %, unless a qualifier says more
        figure.bound = rules.bound_word.get(numword["word"], "eq")
    return figure


def measure_before(norm: str, pos: int, rules: Rules, floor: int):
    """(measure, strip?) of the measure word right before pos (glue and qualifiers allowed between)."""
    at = pos
    for _ in range(4):
        moved = False
        for words in (rules.bound_before, [(g, "") for g in rules.glue]):
            item = ends_at(norm[:at], at, words)
            if item and at - len(item[0]) >= floor:
                if item[0] in ("至", "到"):
                    return ("level", False)
                at -= len(item[0])
                moved = True
                break
        if not moved:
            break
    item = ends_at(norm[:at], at, rules.measures)
    if item and at - len(item[0]) >= floor:
        return (item[1], item[2])
    return ("", False)


def format_value(value: float) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return f"{value:.12g}"
