"""Each figure's indicator name and measure, read from the words around it in its clause."""

from __future__ import annotations

from zonebook.extract.figures import Figure, measure_before
from zonebook.extract.layout import PUNCT, inside_any, is_cjk
from zonebook.extract.rules import Rules, starts_at


def _strip_name(text: str, rules: Rules) -> tuple[str, bool]:
    """The text with framing words taken off both ends, and whether it ended in a verb (推动11家…)."""
    text = text.strip(" \t\r\n、,;:()")
    if text in rules.places:  # 南京578.8亿元、扬州151.6亿元: the place is what is measured
        return text, False
    for pattern in rules.strip_regex:
        text = pattern.sub("", text, count=1)
    ends = rules.strip_end + [m[0] for m in rules.measures if m[2]] + [b[0] for b in rules.bound_before] + rules.glue
    verb = False
    changed = True
    while changed and text:
        changed = False
        for word in rules.strip_verb:
            if text.endswith(word):
                verb = True
                text = text[: -len(word)].strip(" 、,")
                changed = True
                break
        if changed:
            continue
        for word in ends:
            if text.endswith(word) and not any(text.endswith(u) for u in rules.bound_unless):
                text = text[: -len(word)].strip(" 、,")
                changed = True
                break
    changed = True
    while changed and text:
        changed = False
        for word in rules.strip_front + rules.glue:
            if text.startswith(word):
                text = text[len(word) :].strip(" 、,")
                changed = True
                break
    for _ in range(4):  # an unmatched opening quote: keep the words after it, or before it if none
        for opener, closer in (("“", "”"), ("‘", "’"), ("「", "」")):
            if text.count(opener) > text.count(closer):
                at = text.rindex(opener)
                text = text[at + 1 :].strip() or text[:at].strip()
                break
        else:
            break
    return text, verb


def _after_phrase(norm: str, pos: int, end: int, rules: Rules, periods) -> str:
    if pos < end and norm[pos] == "的":
        pos += 1
    out = []
    stops = rules.glue + [m[0] for m in rules.measures] + [k[0] for k in rules.kinds if k[1]] + ["分别"]
    while pos < end and len(out) < 15:
        ch = norm[pos]
        if ch in PUNCT or ch.isdigit() or ch in "和与及并等的" or any(p.start == pos for p in periods):
            break
        if out and starts_at(norm, pos, stops):  # 13个设区市R&D经费投入分别为… → 设区市R&D经费投入
            break
        out.append(ch)
        pos += 1
    return "".join(out)


def assign_name(norm, figure: Figure, clause, periods, prev, quoted, rules: Rules) -> None:
    lo = clause[0]
    if prev is not None and prev.end > lo and prev.end <= figure.start:
        lo = prev.end
    measure, _ = measure_before(norm, figure.start, rules, lo)
    if (
        not measure
        and prev is not None
        and norm[prev.end : figure.start].strip() in ("和", "及", "与", "、", ",", "和为")
    ):
        measure = prev.measure  # 分别增长4.5%和6.1%
    figure.measure = figure.fixed_measure or measure or "level"
    if figure.measure == "decline":
        figure.notes.append("a decline: the value stays positive, the measure says decline")
    # the words before the figure, split at period mentions, kind words and list commas
    pieces, current = [], []
    i = lo
    while i < figure.start:
        period = next((p for p in periods if p.start == i), None)
        if period:
            if period.base:  # 比上年: the comparison word goes with the base year
                text = "".join(current)
                for word in rules.period_base:
                    if text.endswith(word):
                        current = list(text[: -len(word)])
                        break
            pieces.append("".join(current))
            current = []
            i = max(period.end, i + 1)
            continue
        kind = None if inside_any(i, quoted) else starts_at(norm, i, rules.kinds)
        if kind and kind[1]:
            pieces.append("".join(current))
            current = []
            i += len(kind[0])
            continue
        if norm[i] in "、":
            pieces.append("".join(current))
            current = []
            i += 1
            continue
        current.append(norm[i])
        i += 1
    pieces.append("".join(current))
    if figure.measure == "rank":
        found_at = [pieces[-1].rfind(word) for word in rules.rank_context if word in pieces[-1]]
        if found_at:  # 增幅列全省第三 → 增幅
            pieces[-1] = pieces[-1][: min(found_at)]
    last, last_verb = _strip_name(pieces[-1], rules)
    after, _ = _strip_name(_after_phrase(norm, figure.end, clause[1], rules, periods), rules)
    count_unit = any(figure.unit.endswith(word) for word, _, _, is_count in rules.units if is_count)
    follows_noun = (
        figure.measure != "rank"
        and figure.end < clause[1]
        and ((is_cjk(norm[figure.end]) and norm[figure.end] != "的") or norm[figure.end] == "“")
    )
    name, how = "", ""
    if figure.measure == "rank":
        after = ""
    if after and (not last or last_verb or (count_unit and follows_noun)):
        name, how = after, "name read after the figure"
    elif last and (not last_verb or not after):
        name = last
    else:
        for piece in reversed(pieces[:-1]):
            candidate, verb = _strip_name(piece, rules)
            if candidate and not verb:
                name = candidate
                break
        if not name and prev is not None and prev.name:
            name, how = prev.name, "name carried from the figure before"
        elif not name and last:
            name = last
    figure.name = name
    if how:
        figure.notes.append(how)
    if not name:
        figure.notes.append("no indicator name found")
