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
"""

from __future__ import annotations

import csv
import io
import math
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
RULES_FILE = HERE / "extract_rules.csv"
UNITS_FILE = HERE / "extract_units.csv"

INDICATORS_FILE = Path("data") / "indicators.csv"  # relative to where the command runs: the repo root

COLUMNS = [
    "indicator", "period", "value", "kind", "bound", "source", "quote", "note",
    "unit", "indicator_name_zh", "extract_note", "measure",
]

# Full-width forms → ASCII, one character for one, so offsets in the mapped text are offsets in the input.
_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FULLWIDTH[0x3000] = 0x20
_FULLWIDTH[0x2212] = ord("-")  # minus sign

_CN_DIGITS = "零〇一二两三四五六七八九十"
_CN_CHARS = _CN_DIGITS + "百千万亿"
_ARABIC = re.compile(
    r"(?<![0-9A-Za-z.])(?:-(?=\d))?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
)
_CN_NUMBER = re.compile(  # 一千二百, 三点五, 零点五 (not 零部件)
    rf"(?<![{_CN_CHARS}点])(?:[{_CN_DIGITS[2:]}][{_CN_CHARS}]*|[零〇](?=点))(?:点[{_CN_DIGITS}]+)?"
)
_YEAR_SPAN = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*年?\s*[-—–~至到]\s*((?:19|20)\d\d)\s*年(?:度)?")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*年(?:度)?|[(]((?:19|20)\d\d)[)]")
_MONTHS = re.compile(
    r"(?<![\d.])(\d{1,2})\s*[-—–~至到]\s*(\d{1,2})\s*月(?:份)?"
    r"|前\s*(\d{1,2}|[一二三四五六七八九十]{1,2})\s*[个個]?月"
    r"|(?<![\d.\-—])(\d{1,2})\s*月(?:份)?(?![\d日号])"
)
_SENTENCE_END = "。!?"
_RANGE = "-—–~至"
_CLAUSE_END = _SENTENCE_END + ",;:|"
_PUNCT = set(_CLAUSE_END + "、()“”\"'《》「」『』[]【】…—–~-·. \t\r\n")


# --------------------------------------------------------------------------- rules


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return [
        {k: (v or "").strip() if k != "word" else (v or "") for k, v in row.items()}
        for row in csv.DictReader(io.StringIO("".join(lines)))
    ]


def _longest_first(words):
    return sorted(words, key=lambda item: -len(item[0]))


@dataclass
class Rules:
    """The rule tables, indexed for lookup. Build with `load_rules()`."""

    bound_before: list = field(default_factory=list)
    bound_after: list = field(default_factory=list)
    bound_between: list = field(default_factory=list)
    bound_word: dict = field(default_factory=dict)
    bound_unless: list = field(default_factory=list)
    glue: list = field(default_factory=list)
    kinds: list = field(default_factory=list)  # (word, kind or None for "unless")
    periods: list = field(default_factory=list)  # (word, value)
    period_mods: list = field(default_factory=list)  # (word, "end"/"start")
    period_base: list = field(default_factory=list)
    numwords: list = field(default_factory=list)
    measures: list = field(default_factory=list)  # (word, measure, strip)
    strip_front: list = field(default_factory=list)
    strip_end: list = field(default_factory=list)
    strip_verb: list = field(default_factory=list)
    strip_regex: list = field(default_factory=list)
    notfig_before: list = field(default_factory=list)
    notfig_after: list = field(default_factory=list)
    quote_marks: list = field(default_factory=list)  # (open, close, max inner length)
    patterns: list = field(default_factory=list)  # (compiled, reason)
    chrome: list = field(default_factory=list)  # (word or regex, action, reason, where)
    rank_units: list = field(default_factory=list)  # the first is the unit of a bare 第N
    rank_context: list = field(default_factory=list)
    kind_opening: list = field(default_factory=list)  # (word, kind): plan verbs opening a sentence
    period_average: list = field(default_factory=list)
    club: list = field(default_factory=list)  # (word, bound)
    aliases: list = field(default_factory=list)  # (word, standard word) for indicator suggestions
    places: set = field(default_factory=set)  # place names: stripped, unless they are all there is
    prefixes: list = field(default_factory=list)  # (word, factor)
    units: list = field(default_factory=list)  # (word, base, factor, count)
    symbols: list = field(default_factory=list)  # (sign, unit): ¥ → 元

    def unit_info(self, unit: str):
        """(base, factor) of a written unit such as 亿元, or None if it is not one."""
        prefix_factor = dict(self.prefixes)
        base_units = {word: (base, factor) for word, base, factor, _ in self.units}
        if unit in base_units:
            return base_units[unit]
        for prefix, factor in self.prefixes:
            if unit.startswith(prefix):
                rest = unit[len(prefix):]
                if rest in base_units:
                    base, base_factor = base_units[rest]
                    return base, factor * base_factor
                if rest == "":
                    return "", factor
                if rest in prefix_factor:  # 万 + 亿 written separately
                    return "", factor * prefix_factor[rest]
        return None


def load_rules(rules_file: Path | str | None = None, units_file: Path | str | None = None) -> Rules:
    """Read the rule tables (defaults: the two CSV files beside this module)."""
    return _load_rules(str(rules_file or RULES_FILE), str(units_file or UNITS_FILE))


@lru_cache(maxsize=8)
def _load_rules(rules_file: str, units_file: str) -> Rules:
    rules = Rules()
    for row in _rows(Path(rules_file)):
        table, word, value, unit, where = (row.get(k, "") for k in ("table", "word", "value", "unit", "where"))
        if not table or not word:
            continue
        if table == "bound":
            target = {"before": rules.bound_before, "after": rules.bound_after, "between": rules.bound_between}
            if where == "word":
                rules.bound_word[word] = value
            elif where == "unless":
                rules.bound_unless.append(word)
            else:
                target.get(where or "before", rules.bound_before).append((word, value))
        elif table == "glue":
            rules.glue.append(word)
        elif table == "kind":
            if where == "opening":
                rules.kind_opening.append((word, value))
            else:
                rules.kinds.append((word, None if where == "unless" else value))
        elif table == "period":
            if where in ("end", "start"):
                rules.period_mods.append((word, where))
            elif where == "average":
                rules.period_average.append(word)
            else:
                rules.periods.append((word, value))
        elif table == "period_base":
            rules.period_base.append(word)
        elif table == "numword":
            rules.numwords.append({"word": word, "value": value, "unit": unit, "where": where})
        elif table == "measure":
            rules.measures.append((word, value, where == "strip"))
        elif table == "strip":
            if where == "place":
                rules.places.add(word)
            if where in ("front", "both", "place"):
                rules.strip_front.append(word)
            if where in ("end", "both", "place"):
                rules.strip_end.append(word)
            if where == "front_regex":
                rules.strip_regex.append(re.compile(word))
            if where == "verb":
                rules.strip_verb.append(word)
                rules.strip_front.append(word)
        elif table == "notfig":
            if where == "before":
                rules.notfig_before.append((word, value))
            elif where == "after":
                rules.notfig_after.append((word, value))
            elif where == "quoted":
                opener, closer = (word[0], word[-1]) if len(word) >= 2 else (word, word)
                rules.quote_marks.append((opener, closer, 60 if value == "title" else 12))
        elif table == "alias":
            rules.aliases.append((word, value))
        elif table == "club":
            rules.club.append((word, value))
        elif table == "pattern":
            rules.patterns.append((re.compile(word), value))
        elif table == "chrome":
            rules.chrome.append((re.compile(word) if where == "regex" else word, value, unit, where))
        elif table == "rank":
            if where == "before":
                rules.rank_context.append(word)
            else:
                rules.rank_units.append(word)
    for row in _rows(Path(units_file)):
        word, kind = row.get("word", ""), row.get("kind", "")
        if not word:
            continue
        factor = float(row.get("factor") or 1)
        if kind == "prefix":
            rules.prefixes.append((word, factor))
        elif kind == "symbol":
            rules.symbols.append((word, row.get("base") or word))
        else:
            count = row.get("count") or ""
            rules.units.append((word, row.get("base") or word, factor, count if count in ("yes", "arabic") else ""))
    for name in ("bound_before", "bound_after", "bound_between", "kinds", "kind_opening", "club", "periods", "period_mods",
                 "measures", "notfig_before", "notfig_after", "prefixes", "units", "symbols"):
        setattr(rules, name, _longest_first(getattr(rules, name)))
    for name in ("bound_unless", "glue", "strip_front", "strip_end", "strip_verb", "period_base"):
        setattr(rules, name, sorted(getattr(rules, name), key=len, reverse=True))
    return rules


def convert(value: float, unit: str, to_unit: str, rules: Rules | None = None) -> float | None:
    """`value` in `unit` expressed in `to_unit` (1, 万亿元, 亿元 → 10000), or None if they don't convert."""
    rules = rules or load_rules()
    if unit == to_unit:
        return value
    here, there = rules.unit_info(unit), rules.unit_info(to_unit)
    if here is None or there is None:
        return None
    if here[0] == "" and there[0] != "":  # 7809亿 read as 亿元: a bare magnitude takes the other's base
        here = (there[0], here[1])
    if here[0] != there[0]:
        return None
    return value * here[1] / there[1]


# --------------------------------------------------------------------------- reading


def read_text(path: str | Path) -> str:
    """The file as UTF-8 (a BOM is dropped), or as GB18030 if it is not valid UTF-8."""
    data = Path(path).read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030")


# --------------------------------------------------------------------------- body and chrome


@dataclass
class _Line:
    start: int
    end: int  # without the line break
    text: str


def _lines(text: str) -> list[_Line]:
    lines, pos = [], 0
    for raw in text.split("\n"):
        body = raw[:-1] if raw.endswith("\r") else raw
        lines.append(_Line(pos, pos + len(body), body))
        pos += len(raw) + 1
    return lines


def _chrome_hit(line: str, rules: Rules):
    stripped = line.strip()
    for word, action, reason, where in rules.chrome:
        if where == "regex":
            hit = bool(word.search(stripped))
        elif where == "exact":
            hit = stripped == word
        elif where == "start":
            hit = stripped.startswith(word)
        else:
            hit = word in stripped
        if hit:
            return action, reason
    return None


def _body(norm: str, rules: Rules):
    """The body lines and a count of skipped non-blank lines by reason."""
    body, skipped, seen_body = [], {}, 0
    lines = _lines(norm)
    for index, line in enumerate(lines):
        if not line.text.strip():
            body.append(line)
            continue
        hit = _chrome_hit(line.text, rules)
        if hit and hit[0] == "end" and seen_body >= 8:
            rest = [later for later in lines[index:] if later.text.strip()]
            reason = "after the end marker" if hit[1] == "end marker" else hit[1]
            skipped[reason] = skipped.get(reason, 0) + len(rest)
            break
        if hit:
            skipped[hit[1]] = skipped.get(hit[1], 0) + 1
            continue
        seen_body += len(line.text.strip())
        body.append(line)
    return body, skipped


def _paragraphs(body: list[_Line]) -> list[tuple[int, int]]:
    """Spans of paragraphs: a non-blank line, joined with the next when it looks wrapped."""
    spans, current, current_wrapped = [], None, False
    for line in body:
        stripped = line.text.rstrip()
        if not stripped.strip():
            if current:
                spans.append(current)
            current = None
            continue
        if current is None:
            current = (line.start, line.end)
        elif current[1] == line.start - 1 and current_wrapped:
            current = (current[0], line.end)
        else:
            spans.append(current)
            current = (line.start, line.end)
        current_wrapped = len(stripped) >= 25 and stripped[-1] not in _SENTENCE_END + ";:”\")"
    if current:
        spans.append(current)
    return spans


# --------------------------------------------------------------------------- periods


@dataclass
class _Period:
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


def _periods(norm: str, start: int, end: int, rules: Rules) -> list[_Period]:
    text = norm[start:end]
    found: list[_Period] = []
    taken = [False] * len(text)

    def add(s, e, kind, value):
        if any(taken[s:e]):
            return
        for i in range(s, e):
            taken[i] = True
        found.append(_Period(start + s, start + e, kind, value, text[s:e]))

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
        period.base = any(before.endswith(word) for word in rules.period_base)
    return sorted(found, key=lambda p: p.start)


# --------------------------------------------------------------------------- figures


@dataclass
class _Figure:
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


def _starts(text: str, pos: int, words):
    """The first (longest-first list) word that `text` has at `pos`, or None."""
    for item in words:
        word = item[0] if isinstance(item, tuple) else item
        if text.startswith(word, pos):
            return item
    return None


def _ends(text: str, pos: int, words):
    for item in words:
        word = item[0] if isinstance(item, tuple) else item
        if word and text.endswith(word, 0, pos):
            return item
    return None


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
        at = pos
        for part in ((between, prefix) if between_first else (prefix, between)):
            if part and not norm.startswith(part, at):
                at = -1
                break
            at += len(part)
        if at < 0:
            continue
        item = _starts(norm, at, rules.units)
        if item:
            word = item[0]
            end = at + len(word)
            if word[-1].isascii() and word[-1].isalpha() and end < len(norm) and norm[end].isascii() and norm[end].isalpha():
                continue  # 5 km is a unit, 5 kmh is not
            if best is None or end > best[1]:
                best = (prefix + word, end, bound or None, item[3], between)
        elif prefix and rules.unit_info(prefix)[1] >= 1e4 and (best is None or at > best[1]):
            best = (prefix, at, bound or None, "", between)  # 7809亿: a magnitude with no unit after it
    return best


def _quoted_spans(norm: str, start: int, end: int, rules: Rules) -> list[tuple[int, int]]:
    spans = []
    for opener, closer, limit in rules.quote_marks:
        pattern = re.compile(re.escape(opener) + r"([^" + re.escape(opener + closer) + r"\n]{1,%d})" % limit + re.escape(closer))
        for m in pattern.finditer(norm, start, end):
            spans.append((m.start(), m.end()))
    return spans


def _inside(pos: int, spans) -> bool:
    return any(s <= pos < e for s, e in spans)


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _figures_in(norm: str, text: str, start: int, end: int, rules: Rules, excluded, quoted, notes_out) -> list[_Figure]:
    figures: list[_Figure] = []
    candidates = []
    for m in _ARABIC.finditer(norm, start, end):
        raw = m.group(0)
        if "," in raw and "," not in text[m.start():m.end()]:
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
            if _inside(s, excluded) or _inside(s, quoted):
                continue
            den, num = _parse_number(m.group(1)), _parse_number(m.group(2))
            if not den or num is None:
                continue
            figure = _Figure(s, s, start + m.end(), round(num / den * 100, 2), item["unit"])
            figure.notes.append(f"{m.group(0)} = {_fmt(figure.value)} {item['unit']}")
            figure.fixed_measure = "share"
            _qualify_before(norm, figure, rules, start)
            figures.append(figure)
            excluded = excluded + [(s, start + m.end())]
    candidates.sort()
    last_end = -1
    for index, (s, e, raw) in enumerate(candidates):
        if s < last_end:
            continue
        if _inside(s, excluded) or _inside(s, quoted):
            continue
        figure = _read_figure(norm, s, e, raw, rules, start, end)
        # a range: 5-8%, 5%-8%, 5%至8%
        nxt = candidates[index + 1] if index + 1 < len(candidates) else None
        joint = figure.end if isinstance(figure, _Figure) else e
        signed = nxt is not None and nxt[0] == joint and nxt[2].startswith("-")  # 5%-8%: not minus 8
        if nxt and joint < end and norm[joint] in _RANGE and (nxt[0] == joint + 1 or signed) and not _inside(joint + 1, excluded):
            high = _read_figure(norm, joint + 1, nxt[1], nxt[2].lstrip("-"), rules, start, end)
            if isinstance(high, _Figure) and not isinstance(figure, _Figure):
                value = _parse_number(raw)
                figure = _Figure(s, s, e, value, high.unit) if value is not None else figure
            if isinstance(high, _Figure) and isinstance(figure, _Figure) and figure.unit == high.unit:
                _qualify_before(norm, figure, rules, start)
                note = f"range {_fmt(figure.value)}-{_fmt(high.value)} {high.unit}: one row per end"
                figure.bound, high.bound = "ge", "le"
                figure.notes.append(note)
                high.notes.append(note)
                high.start = figure.start
                figures.extend([figure, high])
                last_end = high.end
                continue
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
            if _inside(s, excluded) or _inside(s, quoted):
                continue
            if any(s < f.end and f.start < e for f in figures):
                continue
            value = float(item["value"][1:])
            figure = _Figure(s, s, e, value, item["unit"])
            figure.bound = rules.bound_word.get(word, "eq")
            figure.fixed_measure = item["where"]
            figure.notes.append(f"{word} = {item['value'][1:]} {item['unit']}")
            _qualify_before(norm, figure, rules, start)
            figures.append(figure)
    # a magnitude without digits that claims a threshold: 万亿之城
    for prefix, factor in rules.prefixes:
        for m in re.finditer(re.escape(prefix), norm[start:end]):
            s = start + m.start()
            if (s > start and norm[s - 1] in _CN_CHARS + "0123456789") or _inside(s, excluded):
                continue
            if any(s < f.end and f.start <= s for f in figures):
                continue
            at = s + len(prefix)
            unit_item = _starts(norm, at, rules.units)
            unit_end = at + len(unit_item[0]) if unit_item else at
            club = _starts(norm, unit_end, rules.club)
            qualifier = _qualifier_before(norm, s, rules, start)
            threshold = _starts(norm, unit_end, ["以上", "以下"]) and _is_cjk(norm[unit_end + 2:unit_end + 3] or "。")
            if not club and qualifier and unit_item and not threshold:
                # 近千家, 超万人: a magnitude with a qualifier and a unit
                if factor < 1e4:
                    figure = _Figure(s, s, unit_end, factor, unit_item[0])
                else:
                    figure = _Figure(s, s, unit_end, 1.0, prefix + unit_item[0])
                figure.notes.append(f"{qualifier[0]}{prefix}{unit_item[0]}: a round magnitude in words")
                _qualify_before(norm, figure, rules, start)
                figures.append(figure)
                continue
            if club:
                unit = prefix + (unit_item[0] if unit_item else "")
                figure = _Figure(s, s, unit_end + len(club[0]), 1.0, unit, bound=club[1])
                figure.notes.append(f"{prefix}{club[0]}: a threshold claim, 1 {unit} ({club[1]})")
                if not unit_item:
                    figure.notes.append(f"unit {unit} has no base (亿 of what? 亿元 is usual)")
                figures.append(figure)
    return sorted(figures, key=lambda f: f.start)


def _qualifier_before(norm: str, at: int, rules: Rules, floor: int):
    """The before-qualifier (word, bound) ending at `at`, unless it is part of a longer word (签约)."""
    item = _ends(norm[:at], at, rules.bound_before)
    if item is None or at - len(item[0]) < floor:
        return None
    if _ends(norm[:at], at, rules.bound_unless):
        return None
    return item


def _qualify_before(norm: str, figure: _Figure, rules: Rules, floor: int) -> None:
    pos = figure.start
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
    before = _ends(norm[:s], s, rules.notfig_before)
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
            if item["where"] == "growth" and _measure_before(norm, s, rules, floor)[0] != "growth":
                continue
            numword = item
            break
    between = None
    if word_before:
        unit = word_before["unit"]
        value *= float(word_before["value"][1:])
        start = s - len(word_before["word"])
        notes.append(f"{word_before['word']}{raw} = {_fmt(value)} {unit}")
        count = False
    elif numword:
        unit = numword["unit"]
        factor = float(numword["value"][1:])
        if factor != 1:
            notes.append(f"{raw}{numword['word']} = {_fmt(value * factor)} {unit}")
        value *= factor
        pos += len(numword["word"])
        count = False
    elif _ends(norm[:s], s, rules.symbols) and not magnitude:
        sign, base = _ends(norm[:s], s, rules.symbols)
        prefix = _starts(norm, pos, rules.prefixes)
        unit = (prefix[0] if prefix else "") + base
        pos += len(prefix[0]) if prefix else 0
        start, count = s - len(sign), False
    else:
        found = _unit_at(norm, pos, rules)
        rank = before is not None and before[1] == "ordinal"
        if found is None or (rank and found[0] not in rules.rank_units):
            context = norm[max(floor, s - len(before[0]) - 6): s - len(before[0])] if rank else ""
            if rank and any(word in context for word in rules.rank_context):
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
    if unit and rules.unit_info(unit) and rules.unit_info(unit)[0] == "":
        notes.append(f"unit {unit} has no base (亿 of what? 亿元 is usual)")
    if chinese and count == "arabic":
        return f"{raw}{unit} in words names a set (四大定位, 三大攻坚战), not a figure"
    if chinese and count and value < 2 and not magnitude:
        return "一 with a counting word is an article (一个, 一场), not a figure"
    if chinese and count and value < 10:
        notes.append(f"a small count in words ({raw}{unit})")
    figure = _Figure(start, start, pos, value, unit, notes=notes)
    if before:
        figure.fixed_measure = "rank"
    if between:
        figure.bound = between
    # qualifiers after the unit
    item = _starts(norm, pos, rules.bound_after)
    if item:
        word, bound = item
        after = pos + len(word)
        nxt = norm[after] if after < ceiling else ""
        if word in ("以上", "以下", "之上") and _is_cjk(nxt) and nxt != "的":
            return "threshold in a name (X以上 + noun)"
        figure.bound = bound
        figure.end = pos = after
    # a threshold claim: 万亿之城, 千亿俱乐部
    item = _starts(norm, pos, rules.club)
    if item:
        figure.bound = item[1]
        figure.notes.append(f"{item[0]}: a threshold claim ({item[1]})")
    # names: 千亿级, 500强
    item = _starts(norm, pos, rules.notfig_after)
    if item:
        return f"not a figure: {item[1]}"
    _qualify_before(norm, figure, rules, floor)
    return figure


def _measure_before(norm: str, pos: int, rules: Rules, floor: int):
    """(measure, strip?) of the measure word right before pos (glue and qualifiers allowed between)."""
    at = pos
    for _ in range(4):
        moved = False
        for words in (rules.bound_before, [(g, "") for g in rules.glue]):
            item = _ends(norm[:at], at, words)
            if item and at - len(item[0]) >= floor:
                if item[0] in ("至", "到"):
                    return ("level", False)
                at -= len(item[0])
                moved = True
                break
        if not moved:
            break
    item = _ends(norm[:at], at, rules.measures)
    if item and at - len(item[0]) >= floor:
        return (item[1], item[2])
    return ("", False)


# --------------------------------------------------------------------------- names


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
                text = text[len(word):].strip(" 、,")
                changed = True
                break
    for _ in range(4):  # an unmatched opening quote: keep the words after it, or before it if none
        for opener, closer in (("“", "”"), ("‘", "’"), ("「", "」")):
            if text.count(opener) > text.count(closer):
                at = text.rindex(opener)
                text = text[at + 1:].strip() or text[:at].strip()
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
        if ch in _PUNCT or ch.isdigit() or ch in "和与及并等的" or any(p.start == pos for p in periods):
            break
        if out and _starts(norm, pos, stops):  # 13个设区市R&D经费投入分别为… → 设区市R&D经费投入
            break
        out.append(ch)
        pos += 1
    return "".join(out)


# --------------------------------------------------------------------------- the extraction


@dataclass
class Extraction:
    """What `extract` found: the draft rows, how many sentences they come from, the non-blank lines
    skipped as page chrome by reason, and the numbers rejected as not figures (offset, reason)."""

    frame: pd.DataFrame
    sentences: int
    skipped: dict
    rejected: list


def _spans_of(norm: str, start: int, end: int, enders: str) -> list[tuple[int, int]]:
    spans, s = [], start
    i = start
    while i < end:
        if norm[i] in enders and not (
            norm[i] in ",.:" and 0 < i < len(norm) - 1 and norm[i - 1].isdigit() and norm[i + 1].isdigit()
        ):
            j = i + 1
            while j < end and norm[j] in "”\"'」)":
                j += 1
            spans.append((s, j))
            s = j
            i = j
            continue
        i += 1
    if s < end:
        spans.append((s, end))
    return [(a, b) for a, b in spans if norm[a:b].strip()]


def _trim(norm: str, span: tuple[int, int]) -> tuple[int, int]:
    a, b = span
    while a < b and (norm[a].isspace() or norm[a] in _CLAUSE_END + "、"):
        a += 1
    while b > a and (norm[b - 1].isspace() or norm[b - 1] in _CLAUSE_END + "、"):
        b -= 1
    return a, b


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


def _reporting_year(figures: list[_Figure], all_periods: list[_Period]) -> None:
    """Give undated figures a year: an actual figure the text's reporting year (the latest year of its
    actual figures); a target or estimate the last year named before it, if not earlier than that."""
    years = [int(f.period[:4]) for f in figures if f.kind == "actual" and re.fullmatch(r"\d{4}(Q\d)?", f.period)]
    if not years:
        return
    reporting = max(years)
    for figure in figures:
        if figure.period != "" or "no period in the sentence" not in figure.notes:
            continue
        figure.notes.remove("no period in the sentence")
        year, why = reporting, f"the text's latest reported year ({reporting})"
        if figure.kind != "actual":
            named = [p for p in all_periods if p.kind == "year" and not p.base and p.end <= figure.start]
            if named and int(named[-1].value) >= reporting:
                year, why = int(named[-1].value), f"the last year named before it ({named[-1].word})"
        figure.notes.append(f"no period in the sentence: set to {why}")
        figure.period = str(year)


def _assign_kind(norm, figure: _Figure, sentence, quoted, rules: Rules) -> None:
    kind, word_found = "actual", ""
    sticky = False  # a kind word followed by a colon governs the list after it, across semicolons
    i = sentence[0]
    while i < figure.start:
        if norm[i] == ":" and word_found:
            sticky = True
        elif norm[i] == ";" and word_found and not sticky:
            kind, word_found = "actual", ""
        if _inside(i, quoted):
            i += 1
            continue
        item = _starts(norm, i, rules.kinds)
        if item:
            word, value = item
            if value and i + len(word) <= figure.start:
                kind, word_found, sticky = value, word, False
            i += len(word)
        else:
            i += 1
    if not word_found:
        opening = norm[sentence[0]:figure.start].lstrip(" \t\r\n“\"")
        item = _starts(opening, 0, rules.kind_opening)
        if item:
            kind, word_found = item[1], item[0]
            figure.notes.append(f"kind from the plan verb {word_found} opening the sentence")
            word_found = ""
    figure.kind = kind
    if word_found and kind != "actual":
        figure.notes.append(f"kind from {word_found}")


def _year_before(pos: int, periods, lo: int):
    years = [p for p in periods if p.kind == "year" and not p.base and lo <= p.start < pos]
    return years[-1] if years else None


def _text_date(norm: str, lines: int = 8):
    """(year, as written) of the first full date in the text's first lines (a dateline), or None."""
    head = "\n".join([line for line in norm.split("\n") if line.strip()][:lines])
    m = re.search(r"(?<!\d)((?:19|20)\d\d)(?:[-/.]|\s*年\s*)(\d{1,2})(?:[-/.]|\s*月\s*)(\d{1,2})(?!\d)", head)
    return (int(m.group(1)), m.group(0)) if m else None


def _assign_period(norm, figure: _Figure, sentence, periods, opening, all_periods, p_start, rules: Rules,
                   dated=None) -> None:
    usable = [p for p in periods if not p.base and sentence[0] <= p.start and p.end <= figure.num_start]
    carried = False
    if usable:
        period = usable[-1]
    elif opening is not None and opening.end <= figure.num_start:
        period, carried = opening, True
    else:
        figure.period = ""
        figure.notes.append("no period in the sentence")
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
        if year is None and dated:
            value = str(dated[0]) + (period.value if period.kind == "quarter" else "")
            figure.notes.append(f"year of {period.word} taken from the text's date ({dated[1]})")
        elif year is None:
            figure.notes.append(f"{period.word}: year unknown")
        else:
            value = year.value + (period.value if period.kind == "quarter" else "")
            if where != "the sentence" and period.value != "1-12":
                figure.notes.append(f"year of {period.word} taken from {where} ({year.word})")
        if period.kind == "months" and period.value not in ("1-12",):
            figure.notes.append(f"months {period.value} ({period.word}): period set to the year")
    elif period.kind == "rel" and dated:
        value = str(dated[0] + int(period.value))
        figure.notes.append(f"relative year {period.word} = {value}, from the text's date ({dated[1]})")
    elif period.kind == "rel":
        figure.notes.append(f"relative year {period.word}: set the year")
    lead = re.split(r"[、,;:]", norm[figure.quote[0]:figure.start])[-1]
    if re.fullmatch(r"\d{4}", value) and any(w in lead for w in rules.period_average):
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


def _assign_name(norm, figure: _Figure, clause, periods, prev, quoted, rules: Rules) -> None:
    lo = clause[0]
    if prev is not None and prev.end > lo and prev.end <= figure.start:
        lo = prev.end
    measure, _ = _measure_before(norm, figure.start, rules, lo)
    if not measure and prev is not None and norm[prev.end:figure.start].strip() in ("和", "及", "与", "、", ",", "和为"):
        measure = prev.measure  # 分别增长4.5%和6.1%
    figure.measure = figure.fixed_measure or measure or "level"
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
        kind = None if _inside(i, quoted) else _starts(norm, i, rules.kinds)
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
        and ((_is_cjk(norm[figure.end]) and norm[figure.end] != "的") or norm[figure.end] == "“")
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


def _fmt(value: float) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return f"{value:.12g}"


def extract_text(text: str, source: str = "", indicators: pd.DataFrame | None = None) -> pd.DataFrame:
    """Draft observation rows, one per figure in `text` (see the module docstring).

    With `indicators` (a data/indicators.csv table) the `indicator` column gets a suggested slug."""
    return extract(text, source, indicators=indicators).frame


# --------------------------------------------------------------------------- indicator suggestions

_MEASURE_SUFFIX = {"growth": "增速", "decline": "降幅", "rank": "排名"}


_GROWTH_NAME = re.compile("增速|增幅|增长|涨幅|降幅")


def _bigrams(text: str, aliases=()) -> set[str]:
    text = re.sub(r"[(（].*?[)）]|[“”‘’\"\s]", "", text)
    for word, replacement in aliases:
        text = text.replace(word, replacement)
    return {text[i:i + 2] for i in range(len(text) - 1)} or {text}


def suggest_indicators(frame: pd.DataFrame, indicators: pd.DataFrame, threshold: float = 0.6,
                       rules: Rules | None = None) -> pd.DataFrame:
    """Fill `indicator` with the slug whose name_zh is most like the row's suggested name (plus 增速 for a
    growth rate) and whose unit the value converts to; below `threshold` (Dice of character pairs) none."""
    rules = rules or load_rules()
    frame = frame.copy()
    table = [
        (row["indicator"], row["name_zh"], row["unit"], _bigrams(row["name_zh"], rules.aliases))
        for row in indicators.fillna("").to_dict("records")
    ]
    for index, row in frame.iterrows():
        name = row["indicator_name_zh"] + _MEASURE_SUFFIX.get(row["measure"], "")
        if not row["indicator_name_zh"]:
            continue
        mine = _bigrams(name, rules.aliases)
        growth = row["measure"] in ("growth", "decline")
        best, best_score = None, 0.0
        for slug, name_zh, unit, theirs in table:
            if convert(1.0, row["unit"], unit, rules) is None:
                continue
            if row["measure"] == "rank":
                if "排名" not in name_zh:
                    continue
            elif growth != bool(_GROWTH_NAME.search(name_zh)):
                continue
            score = 2 * len(mine & theirs) / (len(mine) + len(theirs))
            if score > best_score:
                best, best_score = (slug, name_zh), score
        if best and best_score >= threshold:
            frame.at[index, "indicator"] = best[0]
            note = f"indicator suggested by name: {best[0]} ({best[1]}, match {best_score:.2f})"
            frame.at[index, "extract_note"] = "; ".join(x for x in (row["extract_note"], note) if x)
    return frame


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
