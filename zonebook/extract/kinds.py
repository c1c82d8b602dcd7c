"""Each figure's kind (actual, estimate, target), from kind words with a sense and a reach.

Sense: a kind word inside a longer word that means something else is no kind word (rule rows with
where=unless: 行动计划 and 计划执行 are statistical nouns, 争取到 reports a result, 首要 is not 要).
Reach (where= in the rule table, default `sentence`):
  clause     its own clause only (计划完成投资: a plan figure inside a list of actuals)
  sentence   to the end of the sentence; a semicolon ends it, unless a colon follows the word
             (主要预期目标是:…;…); a word that opens the sentence (预计全年…;…;…) reaches all of it
  paragraph  a word in a paragraph's first sentence (主要任务) governs the paragraph's figures that
             have no kind word of their own
  onward     a word in parentheses with 下同 ((预计,下同)) governs the figure it follows and every later
             figure without a kind word of its own
  opening    a plan verb opening a sentence (加快…, 实施…) makes a task, a target, but only for a period
             the text cannot report yet; in a review of a past year the same verbs tell what was done
  result     a striving word (争取上级资金…) is a target for a period the text cannot report yet, and
             what was obtained for one it reviews
"""

from __future__ import annotations

import re

from zonebook.extract.figures import Figure
from zonebook.extract.layout import inside_any
from zonebook.extract.rules import Rules, starts_at


def _kind_pattern(rules: Rules):
    """One expression for every kind word, longest first (a longer unless word wins at a position)."""
    if rules.kind_regex is None:
        rules.kind_regex = re.compile("|".join(re.escape(word) for word, _ in rules.kinds))
        rules.kind_of = dict(rules.kinds)
    return rules.kind_regex


def _kind_words(norm: str, start: int, end: int, quoted, rules: Rules):
    """(position, word, kind) of the kind words in norm[start:end], longest first, outside quotes."""
    if not rules.kinds:
        return
    at = start
    pattern = _kind_pattern(rules)
    while True:
        m = pattern.search(norm, at, end)
        if m is None:
            return
        if inside_any(m.start(), quoted):
            at = m.start() + 1
            continue
        kind = rules.kind_of[m.group(0)]
        if kind:
            yield m.start(), m.group(0), kind
        at = m.end()


def assign_kind(norm, figure: Figure, sentence, quoted, rules: Rules) -> None:
    """The kind the figure's own sentence gives it (see the module's docstring)."""
    kind, word_found, sticky = "actual", "", False
    opening = _opening(norm, sentence)
    last = sentence[0]
    for at, word, value in _kind_words(norm, sentence[0], figure.start, quoted, rules):
        if at + len(word) > figure.start:
            break
        between = norm[last:at]
        if word_found and not sticky and ";" in between:
            kind, word_found = "actual", ""
        kind, word_found, last = value, word, at + len(word)
        sticky = at == opening and value != "actual"  # 预计全年…;…;…: a word opening the sentence governs it
    between = norm[last : figure.start]
    if word_found in rules.kind_clause and any(ch in between for ch in ",;"):
        kind, word_found = "actual", ""  # 年内计划完成投资86亿元,开复工项目25个: the plan is one clause's
    if word_found and ":" in between.split(";")[0]:
        sticky = True
    if word_found and not sticky and ";" in between:
        kind, word_found = "actual", ""
    figure.kind, figure.kind_word = kind, word_found
    figure.kind_opening = word_found in rules.kind_result  # 争取: settled by the period (settle_plan_verbs)
    if word_found and kind != "actual":
        figure.notes.append(f"kind from {word_found}")
    if not word_found:
        opening = norm[sentence[0] : figure.start].lstrip(' \t\r\n“"')
        item = starts_at(opening, 0, rules.kind_opening)
        if item:
            figure.kind, figure.kind_word, figure.kind_opening = item[1], item[0], True
            figure.notes.append(f"kind from the plan verb {item[0]} opening the sentence")


_TIME_CLAUSE = re.compile(
    r"[\s“\"]*(?:(?:19|20)\d\d\s*年|今年|去年|全年|上半年|前三季度|[一二三四]季度|\d{1,2}\s*[-—~至]\s*\d{1,2}\s*月份?|以来|度)+\s*[,:]?\s*"
)


def _opening(norm: str, sentence) -> int:
    """Where the sentence's words begin, after quotes and a leading time phrase (2022年, / 今年以来,)."""
    m = _TIME_CLAUSE.match(norm, sentence[0], sentence[1])
    at = m.end() if m else sentence[0]
    while at < sentence[1] and norm[at] in ' \t\r\n“"':
        at += 1
    return at


def paragraph_kind(norm: str, first_sentence, quoted, rules: Rules):
    """(word, kind) of a paragraph-reach kind word in the paragraph's first sentence, or None."""
    for _at, word, value in _kind_words(norm, first_sentence[0], first_sentence[1], quoted, rules):
        if word in rules.kind_paragraph:
            return word, value
    return None


def onward_markers(norm: str, rules: Rules) -> list[tuple[int, str, str]]:
    """(offset, kind, as written) of every (预计,下同) in the text: a kind word with 下同 in parentheses."""
    found = []
    for m in re.finditer(r"[(]([^()\n]{0,12})[)]", norm):
        inner = m.group(1)
        if not any(word in inner for word in rules.kind_onward_mark):
            continue
        item = next(
            (starts_at(inner, i, rules.kinds) for i in range(len(inner)) if starts_at(inner, i, rules.kinds)), None
        )
        if item and item[1]:
            found.append((m.start(), item[1], m.group(0)))
    return found


def apply_reach(figures: list[Figure], markers, norm: str) -> None:
    """Give figures without a kind word of their own the kind of an onward marker before them, or right
    after them in their clause (增长 7%(预计,下同))."""
    for figure in figures:
        if figure.kind_word and not figure.kind_opening:
            continue
        mine = [m for m in markers if m[0] <= figure.start or not norm[figure.end : m[0]].strip(" \t")]
        if mine:
            _, kind, written = mine[-1]
            if kind != figure.kind:
                figure.kind, figure.kind_opening = kind, False
                figure.notes.append(f"kind from {written}, which reaches the figures after it")


def settle_plan_verbs(figures: list[Figure], latest: int | None) -> None:
    """A plan verb opening a sentence states a task only for a period the text cannot report yet:
    with a period no later than `latest` (the last year it can report), the figure is an actual."""
    if latest is None:
        return
    for figure in figures:
        if figure.kind_opening and re.fullmatch(r"\d{4}(Q\d)?", figure.period) and int(figure.period[:4]) <= latest:
            figure.kind, figure.kind_opening = "actual", False
            figure.notes.append(
                f"{figure.kind_word} in a review of {figure.period[:4]}: what was done or obtained, an actual"
            )


def no_future_actuals(figures: list[Figure], latest: int | None) -> None:
    """An actual figure cannot describe a period that begins after the last year its text can report
    (“十五五”… 迈入‘万亿之城’ in a text of early 2026): such a figure states an aim, a target."""
    if latest is None:
        return
    for figure in figures:
        if figure.kind == "actual" and re.match(r"\d{4}", figure.period) and int(figure.period[:4]) > latest:
            figure.kind = "target"
            figure.notes.append(f"a period after {latest}, the last year the text can report: a target, not an actual")
