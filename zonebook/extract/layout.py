"""The text as laid out: reading the file, the full-width map, traditional characters read as simplified,
page chrome, paragraphs, sentences and clauses, and quoted spans. Everything here works in offsets into the
text, which the full-width map and the simplified reading keep."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from zonebook.extract.rules import Rules

# Full-width forms → ASCII, one character for one, so offsets in the mapped text are offsets in the input.
FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
FULLWIDTH[0x3000] = 0x20
FULLWIDTH[0x2212] = ord("-")  # minus sign


@cache
def _to_simplified():
    from opencc_purepy import OpenCC  # OpenCC's traditional-to-simplified tables, read once per process

    return OpenCC("t2s")


def _simplified_repertoire(char: str) -> bool:
    """The character is written in simplified text (GB2312): 亿 and 个, but also 著 (显著) and 乾 (乾隆)."""
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def simplified(text: str) -> str:
    """`text` with its traditional characters in their simplified forms, one character for one (億元 → 亿元,
    以內 → 以内), so the rules, written in simplified characters, read a traditional copy of a page as well;
    a character simplified text also uses is kept. Offsets into the result are offsets into `text`."""
    if all(_simplified_repertoire(char) for char in set(text) if "\u4e00" <= char <= "\u9fff"):
        return text
    convert = _to_simplified().convert
    converted = convert(text)
    if len(converted) != len(text):  # a phrase of another length: character by character
        converted = "".join(new if len(new := convert(char)) == 1 else char for char in text)
    return "".join(old if _simplified_repertoire(old) else new for old, new in zip(text, converted))


SENTENCE_END = "。!?"
CLAUSE_END = SENTENCE_END + ",;:|"
PUNCT = set(CLAUSE_END + "、()“”\"'《》「」『』[]【】…—–~-·. \t\r\n")


def read_text(path: str | Path) -> str:
    """The file as UTF-8 (a BOM is dropped), or as GB18030 if it is not valid UTF-8."""
    data = Path(path).read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030")


@dataclass
class Line:
    start: int
    end: int  # without the line break
    text: str


def _lines(text: str) -> list[Line]:
    lines, pos = [], 0
    for raw in text.split("\n"):
        body = raw.removesuffix("\r")
        lines.append(Line(pos, pos + len(body), body))
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


def body_lines(norm: str, rules: Rules):
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


def paragraph_spans(body: list[Line]) -> list[tuple[int, int]]:
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
        current_wrapped = len(stripped) >= 25 and stripped[-1] not in SENTENCE_END + ';:”")'
    if current:
        spans.append(current)
    return spans


def spans_of(norm: str, start: int, end: int, enders: str) -> list[tuple[int, int]]:
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


def trim_span(norm: str, span: tuple[int, int]) -> tuple[int, int]:
    a, b = span
    while a < b and (norm[a].isspace() or norm[a] in CLAUSE_END + "、"):
        a += 1
    while b > a and (norm[b - 1].isspace() or norm[b - 1] in CLAUSE_END + "、"):
        b -= 1
    return a, b


def quoted_spans(norm: str, start: int, end: int, rules: Rules) -> list[tuple[int, int]]:
    spans = []
    for opener, closer, limit in rules.quote_marks:
        inner = "[^" + re.escape(opener + closer) + r"\n]{1," + str(limit) + "}"
        pattern = re.compile(re.escape(opener) + "(" + inner + ")" + re.escape(closer))
        for m in pattern.finditer(norm, start, end):
            spans.append((m.start(), m.end()))
    return spans


def inside_any(pos: int, spans) -> bool:
    return any(s <= pos < e for s, e in spans)


def is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"
