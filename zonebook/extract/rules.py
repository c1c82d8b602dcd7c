"""The extractor's rule tables: reading extract_rules.csv and extract_units.csv beside this module into
`Rules`, converting between units of the same base, and finding a rule word at a position in the text."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
RULES_FILE = HERE / "rules.csv"
UNITS_FILE = HERE / "units.csv"


class RuleTableError(ValueError):
    """A rule table that cannot be read: every problem, each as `file:line: what is wrong`."""


def _rows(path: Path) -> list[dict[str, str]]:
    """The rows of a rule table (comment lines skipped); RuleTableError lists every malformed row."""
    with path.open(encoding="utf-8", newline="") as handle:
        numbered = [(n, line) for n, line in enumerate(handle, start=1) if not line.startswith("#")]
    reader = csv.reader(io.StringIO("".join(line for _, line in numbered)))
    rows, problems, header = [], [], None
    for index, fields in enumerate(reader):
        line = numbered[min(reader.line_num, len(numbered)) - 1][0] if numbered else index + 1
        if header is None:
            header = fields
            continue
        if not any(fields):
            continue
        if len(fields) > len(header):
            problems.append(
                f"{path}:{line}: {len(fields)} fields, expected at most {len(header)} "
                f"({', '.join(header)}); quote a field that holds a comma"
            )
            continue
        row = dict(zip(header, fields + [""] * (len(header) - len(fields))))
        rows.append({k: v if k == "word" else v.strip() for k, v in row.items()})
    if problems:
        raise RuleTableError("\n".join(problems))
    return rows


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
    period_review: list = field(
        default_factory=list
    )  # 过去一年: the year under review (the year now ending in December)
    period_mods: list = field(default_factory=list)  # (word, "end"/"start")
    period_base: list = field(default_factory=list)
    period_base_of: list = field(default_factory=list)  # a base only with 的 after the year: 是2000年的3倍
    numwords: list = field(default_factory=list)
    numword_unless: list = field(default_factory=list)  # longer words holding a number word: 保持平稳
    measures: list = field(default_factory=list)  # (word, measure, strip)
    strip_front: list = field(default_factory=list)
    strip_end: list = field(default_factory=list)
    strip_verb: list = field(default_factory=list)
    strip_regex: list = field(default_factory=list)
    notfig_before: list = field(default_factory=list)
    notfig_after: list = field(default_factory=list)
    notfig_class: list = field(default_factory=list)  # an amount of money before these names a class: 超亿元企业
    quote_marks: list = field(default_factory=list)  # (open, close, max inner length)
    patterns: list = field(default_factory=list)  # (compiled, reason)
    chrome: list = field(default_factory=list)  # (word or regex, action, reason, where)
    rank_units: list = field(default_factory=list)  # the first is the unit of a bare 第N
    rank_context: list = field(default_factory=list)
    rank_not_after: list = field(default_factory=list)  # 第N before these is an ordinal name: 第一产业
    rank_top_open: list = field(default_factory=list)  # 前 … : the top N of a ranking (前10强)
    rank_top: list = field(default_factory=list)  # … 强 / 名 after the number
    rank_top_name: list = field(default_factory=list)  # … 位的: the leaders named after it (前三位的分别是…)
    kind_opening: list = field(default_factory=list)  # (word, kind): plan verbs opening a sentence
    kind_result: list = field(default_factory=list)  # 争取: a target, or what was obtained in a review of its year
    kind_paragraph: list = field(default_factory=list)  # kind words that reach their paragraph (主要任务)
    kind_clause: list = field(default_factory=list)  # kind words that reach only their clause (计划完成投资)
    kind_regex: object = None  # compiled from kinds when first needed (kinds.py)
    kind_of: dict = field(default_factory=dict)
    kind_onward_mark: list = field(default_factory=list)  # with a kind word in parentheses: reaches onward (下同)
    period_average: list = field(default_factory=list)
    period_cumulative: list = field(default_factory=list)  # 累计: a sum over a span, which keeps the span
    period_since: list = field(default_factory=list)  # a year before these words is a start, not the period
    period_since_open: list = field(default_factory=list)  # 自/从 before a year ...
    period_since_opened: list = field(default_factory=list)  # ... and 起/开始 after it: a start (自2019年起)
    period_compare_open: list = field(default_factory=list)  # 与 … 相比: a period between them is a base
    period_compare_close: list = field(default_factory=list)
    period_joiners: list = field(default_factory=list)  # 较1—9月份和上年同期: 和 joins a second base
    period_base_unless: list = field(default_factory=list)  # 占比, 比重: words holding a base word that compare nothing
    period_base_from: list = field(default_factory=list)  # 由2020年的1600家: a base for the figures after that one
    years_average: list = field(default_factory=list)  # (word, years): 两年平均 = an average over 2 years
    review_words: list = field(default_factory=list)  # words that mark an annual review (统计公报)
    ongoing_words: list = field(default_factory=list)  # 今年以来: the text reviews its own year as it runs
    review_reached: list = field(default_factory=list)  # 达到: in a review of a span, a level at its end
    plan_words: list = field(default_factory=list)  # a year with these in the title is a plan year (2025年政府工作报告)
    plan_unless: list = field(default_factory=list)  # ... unless these come between (2024年计划执行情况)
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
                rest = unit[len(prefix) :]
                if rest in base_units:
                    base, base_factor = base_units[rest]
                    return base, factor * base_factor
                if rest == "":
                    return "", factor
                if rest in prefix_factor:  # 万 + 亿 written separately
                    return "", factor * prefix_factor[rest]
                for second, second_factor in self.prefixes:  # 千亿元: two magnitude words and a unit
                    if rest.startswith(second) and rest[len(second) :] in base_units:
                        base, base_factor = base_units[rest[len(second) :]]
                        return base, factor * second_factor * base_factor
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
            elif where == "onward":
                rules.kind_onward_mark.append(word)
            else:
                if where == "result":
                    rules.kind_result.append(word)
                if where == "paragraph":
                    rules.kind_paragraph.append(word)
                if where == "clause":
                    rules.kind_clause.append(word)
                rules.kinds.append((word, None if where == "unless" else value))
        elif table == "period":
            words = {
                "average": rules.period_average,
                "cumulative": rules.period_cumulative,
                "since": rules.period_since,
                "since_open": rules.period_since_open,
                "since_opened": rules.period_since_opened,
                "review": rules.period_review,
            }
            if where in ("end", "start"):
                rules.period_mods.append((word, where))
            elif where in words:
                words[where].append(word)
                if where == "review":
                    rules.periods.append((word, value))
            elif where == "years_average":
                rules.years_average.append((word, int(value.removeprefix("avg:"))))
            else:
                rules.periods.append((word, value))
        elif table == "document":
            words = {
                "review": rules.review_words,
                "plan": rules.plan_words,
                "plan_unless": rules.plan_unless,
                "ongoing": rules.ongoing_words,
                "reached": rules.review_reached,
            }
            if value in words:
                words[value].append(word)
        elif table == "period_base":
            if where == "from":
                rules.period_base_from.append(word)
                where = ""
            target = {
                "of": rules.period_base_of,
                "compare_open": rules.period_compare_open,
                "compare_close": rules.period_compare_close,
                "joiner": rules.period_joiners,
                "unless": rules.period_base_unless,
            }
            target.get(where, rules.period_base).append(word)
        elif table == "numword":
            if where == "unless":
                rules.numword_unless.append(word)
            else:
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
            elif where == "class":
                rules.notfig_class.append(word)
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
            if where == "not_after":
                rules.rank_not_after.append(word)
            elif where == "before":
                rules.rank_context.append(word)
            elif where in ("top_open", "top", "top_name"):
                {"top_open": rules.rank_top_open, "top": rules.rank_top, "top_name": rules.rank_top_name}[where].append(
                    word
                )
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
    for name in (
        "bound_before",
        "bound_after",
        "bound_between",
        "kinds",
        "kind_opening",
        "club",
        "periods",
        "period_mods",
        "measures",
        "notfig_before",
        "notfig_after",
        "notfig_class",
        "rank_not_after",
        "rank_top_open",
        "rank_top",
        "rank_top_name",
        "prefixes",
        "units",
        "symbols",
    ):
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


def starts_at(text: str, pos: int, words):
    """The first (longest-first list) word that `text` has at `pos`, or None."""
    for item in words:
        word = item[0] if isinstance(item, tuple) else item
        if text.startswith(word, pos):
            return item
    return None


def ends_at(text: str, pos: int, words):
    for item in words:
        word = item[0] if isinstance(item, tuple) else item
        if word and text.endswith(word, 0, pos):
            return item
    return None
