"""Every translated page (chapters/<code>/<name>.md) against its English page, read as Markdown, no build needed.

The language switch maps a page's sections by position (`_static/zonebook-language.js`), so a translation has
the English page's headings, level for level and in order; if it labels them ((audit-verdicts)=), the labels
are the English page's anchors, so that an address with a section works in both editions. It has the same
tables with the same rows, and the same link targets. Its text is in its language: at least 80 % of the letters
outside code, link targets and code cells are CJK. It is typeset as Chinese: no half-width , ; : ( ) touching a
CJK character, no space between a number and its unit (7809.64亿元, 5.5%), no space between two Chinese
characters, nor a line break (the browser shows it as a space), and no emphasis left as asterisks.
"""

from __future__ import annotations

import re
import shutil
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from docutils.nodes import make_id
from markdown_it import MarkdownIt

from zonebook.build.editions import LANGUAGES
from zonebook.data import DOCUMENTS, translation_of

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = ROOT / "chapters"
DATA = ROOT / "data"
CJK_SHARE = 0.8

_PARSER = MarkdownIt("commonmark").enable("table")  # as MyST reads them: headings, tables, links, code
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_CJK = f"[{_HAN}\u3000-\u303f\uff00-\uffef]"  # Han characters, CJK punctuation, full-width forms
_CODE = "\x00"  # stands for a code span: neither CJK nor a space
_HALF_WIDTH = re.compile(rf"(?:(?<={_CJK})[ ]*[,;:()])|(?:[,;:()](?=[ ]*{_CJK}))")
_SPACED_UNIT = re.compile(rf"[0-9][ \u00a0\u3000]+(?:{_CJK}|%|‰)")
_MYST_TARGET = re.compile(r"\([^()\s]+\)=")  # (audit-verdicts)= before a heading: its anchor, not text
_UNPARSED = re.compile(r"\*+")  # emphasis that CommonMark did not take, left as asterisks: **统计口径。**一项
_BROKEN_LINE = re.compile(rf"(?<={_CJK})[ \n]+(?={_CJK})")


def translated_pages() -> list[Path]:
    return sorted(p for lang in LANGUAGES if lang.folder for p in (CHAPTERS / lang.code).glob("*.md"))


def english_page(translated: Path) -> Path:
    """chapters/zh/methods.md → chapters/methods.md"""
    return translated.parent.parent / translated.name


def is_cjk(ch: str) -> bool:
    return re.fullmatch(f"[{_HAN}]", ch) is not None


@dataclass
class Outline:
    """What a page has to have in every language, and its prose (one string per paragraph, cell or heading,
    with its first line; code spans as _CODE, a line break inside a paragraph as a newline)."""

    headings: list[int] = field(default_factory=list)  # levels, in order
    anchors: list[str] = field(default_factory=list)  # each heading's: its (label)= if it has one, else its text's
    labelled: bool = False  # whether any heading has a (label)=
    tables: list[tuple[int, int]] = field(default_factory=list)  # (rows, columns), header row included
    links: Counter = field(default_factory=Counter)
    prose: list[tuple[int, str]] = field(default_factory=list)


def outline(text: str) -> Outline:
    out = Outline()
    table, label, tokens = None, None, _PARSER.parse(text)
    for at, token in enumerate(tokens):
        if token.type == "inline" and _MYST_TARGET.fullmatch(token.content):
            label, out.labelled = token.content[1:-2], True
        elif token.type == "heading_open":
            out.headings.append(int(token.tag[1:]))
            out.anchors.append(label or make_id(tokens[at + 1].content))
            label = None
        elif token.type == "table_open":
            table = [0, 0]
        elif token.type == "tr_open":
            table[0] += 1
        elif token.type in ("th_open", "td_open") and table[0] == 1:
            table[1] += 1
        elif token.type == "table_close":
            out.tables.append(tuple(table))
            table = None
        elif token.type == "inline" and not _MYST_TARGET.fullmatch(token.content):
            out.prose.append((token.map[0] + 1, inline_text(token, out.links)))
    return out


def inline_text(token, links: Counter) -> str:
    """The visible words of an inline token, recording its link targets; an autolink's text is its address."""
    parts, in_autolink = [], False
    for child in token.children or []:
        if child.type in ("link_open", "image"):
            links[child.attrGet("href") or child.attrGet("src")] += 1
            in_autolink = child.markup == "autolink"
        elif child.type == "link_close":
            in_autolink = False
        elif in_autolink:
            continue
        elif child.type == "text":
            parts.append(child.content)
        elif child.type == "code_inline":
            parts.append(_CODE)
        elif child.type == "softbreak":
            parts.append("\n")
        elif child.type == "hardbreak":
            parts.append(" ")
    return "".join(parts)


def problems(english: Path, translated: Path, root: Path = ROOT) -> list[str]:
    """Every way `translated` falls short of `english`, each as `file:line: message`."""
    name = translated.relative_to(root) if translated.is_relative_to(root) else translated
    if not english.is_file():
        return [f"{name}:1: no English page {english.name} beside the chapters to translate"]
    en, tr = outline(english.read_text(encoding="utf-8")), outline(translated.read_text(encoding="utf-8"))
    found = []
    if en.headings != tr.headings:
        found.append(f"{name}:1: headings by level {levels(tr.headings)}, the English page has {levels(en.headings)}")
    if tr.labelled and en.headings == tr.headings and en.anchors != tr.anchors:  # labels give the English anchors
        wrong = [f"{t or '(none)'} for {e}" for e, t in zip(en.anchors, tr.anchors) if e != t]
        found.append(f"{name}:1: section labels other than the English page's anchors: {', '.join(wrong)}")
    if en.tables != tr.tables:
        found.append(f"{name}:1: tables (rows, columns) {tr.tables}, the English page has {en.tables}")
    if en.links != tr.links:
        missing, extra = sorted((en.links - tr.links).elements()), sorted((tr.links - en.links).elements())
        found.append(f"{name}:1: link targets differ: missing {missing}, not in the English page {extra}")
    letters = [ch for _, text in tr.prose for ch in text if ch.isalpha()]
    share = sum(map(is_cjk, letters)) / len(letters) if letters else 0.0
    if share < CJK_SHARE:
        found.append(f"{name}:1: {share:.0%} of the letters outside code and link targets are CJK (at least 80 %)")
    for line, text in tr.prose:
        for rule, message in (
            (_HALF_WIDTH, "half-width punctuation beside Chinese"),
            (_SPACED_UNIT, "a space between a number and its unit"),
            (_UNPARSED, "emphasis shown as asterisks (CommonMark does not close ** after 。 before a character)"),
            (_BROKEN_LINE, "a space or a line break between Chinese characters (a line break shows as a space)"),
        ):
            for m in rule.finditer(text):
                at = line + text.count("\n", 0, m.start())
                context = text[max(0, m.start() - 8) : m.end() + 8].replace(_CODE, "`…`").replace("\n", "⏎")
                found.append(f"{name}:{at}: {message}: {context!r}")
    return found


def levels(headings: list[int]) -> str:
    return " ".join("#" * level for level in headings)


def test_every_translated_page_matches_its_english_page():
    pages = translated_pages()
    assert pages, "no translated page under chapters/<code>/"
    found = [problem for page in pages for problem in problems(english_page(page), page)]
    assert not found, "\n".join(found)


def test_the_data_folders_texts_match_their_english_texts():
    """data/README.zh.md (the Chinese edition's data dictionary) and data/notes.zh.md get the same checks against
    data/README.md and data/notes.md: the switch maps the dictionary's sections by position too."""
    pairs = [
        (DATA / name, translation_of(DATA / name, lang.code)) for name in DOCUMENTS for lang in LANGUAGES if lang.folder
    ]
    missing = [str(translated.relative_to(ROOT)) for _, translated in pairs if not translated.is_file()]
    assert not missing, f"the shipped data has no {missing}"
    found = [problem for english, translated in pairs for problem in problems(english, translated)]
    assert not found, "\n".join(found)


def test_the_glossary_names_no_city_in_any_language():
    """Like the English glossary (tests/test_lang_templates.py): it is copied into every book, another city's too."""
    for page in CHAPTERS.glob("*/glossary.md"):
        assert not re.search("扬州|yangzhou", page.read_text(encoding="utf-8"), re.I), page


# --- the checks themselves, on broken copies of a real page ------------------------------------------------


def copy_of(tmp_path: Path, change=lambda text: text) -> tuple[Path, Path]:
    """The methods page and its translation in a tmp chapters folder, the translation changed by `change`."""
    (tmp_path / "zh").mkdir(parents=True)
    english, translated = tmp_path / "methods.md", tmp_path / "zh" / "methods.md"
    english.write_text((CHAPTERS / "methods.md").read_text(encoding="utf-8"), encoding="utf-8")
    text = (CHAPTERS / "zh" / "methods.md").read_text(encoding="utf-8")
    changed = change(text)
    assert changed != text, "the change did not apply"
    translated.write_text(changed, encoding="utf-8")
    return english, translated


def only(found: list[str], message: str) -> None:
    assert found and all(message in p for p in found), found


def test_an_unchanged_copy_passes(tmp_path):
    english, translated = copy_of(tmp_path, lambda text: text + "\n")
    assert problems(english, translated) == []


def test_a_page_without_an_english_page(tmp_path):
    english, translated = copy_of(tmp_path, lambda text: text + "\n")
    english.unlink()
    only(problems(english_page(translated), translated), "no English page methods.md")


def test_a_missing_or_extra_heading(tmp_path):
    second = lambda text: re.findall(r"^## .*$", text, re.M)[1]  # noqa: E731
    dropped = copy_of(tmp_path / "a", lambda text: text.replace(second(text) + "\n", "", 1))
    only(problems(*dropped), "headings by level")
    demoted = copy_of(tmp_path / "b", lambda text: text.replace(second(text), "#" + second(text), 1))
    only(problems(*demoted), "headings by level")


def test_a_section_label_that_is_not_the_english_anchor(tmp_path):
    found = problems(*copy_of(tmp_path, lambda text: text.replace("(audit-verdicts)=\n", "(verdicts)=\n", 1)))
    only(found, "section labels other than the English page's anchors: verdicts for audit-verdicts")
    found = problems(*copy_of(tmp_path / "b", lambda text: text.replace("(audit-verdicts)=\n", "", 1)))
    only(found, "section labels other than the English page's anchors: (none) for audit-verdicts")


def test_a_table_row_left_out(tmp_path):
    def drop_last_row(text):
        rows = re.findall(r"^\|.*\|$", text, re.M)
        return text.replace(rows[-1] + "\n", "", 1)

    only(problems(*copy_of(tmp_path, drop_last_row)), "tables (rows, columns)")


def test_a_link_to_another_target(tmp_path):
    found = problems(*copy_of(tmp_path, lambda text: text.replace("(sources.md)", "(sources.html)", 1)))
    only(found, "link targets differ")
    assert "'sources.md'" in found[0] and "'sources.html'" in found[0]


def test_english_left_in_the_translation(tmp_path):
    english = (CHAPTERS / "methods.md").read_text(encoding="utf-8").splitlines()
    prose = [line for line in english if line[:1].isalpha() and "](" not in line and not any(map(is_cjk, line))]
    found = problems(*copy_of(tmp_path, lambda text: text + "\n" + "\n\n".join(prose) + "\n"))
    assert any("of the letters outside code and link targets are CJK" in p for p in found), found


def test_typesetting_of_chinese_text(tmp_path):
    for sub, change, message in (
        ("comma", lambda t: t.replace("，", ",", 1), "half-width punctuation"),
        ("colon", lambda t: t.replace("：", ": ", 1), "half-width punctuation"),
        ("paren", lambda t: t.replace("（`", "(`", 1), "half-width punctuation"),
        ("unit", lambda t: re.sub(r"([0-9])亿元", r"\1 亿元", t, count=1), "a space between a number and its unit"),
        ("percent", lambda t: re.sub(r"([0-9])%", r"\1 %", t, count=1), "a space between a number and its unit"),
        ("wrap", lambda t: t.replace("。", "。\n", 1), "a space or a line break between Chinese characters"),
        ("space", lambda t: t.replace("。", "。 ", 1), "a space or a line break between Chinese characters"),
        ("bold", lambda t: re.sub(r"\*\*([^*\n]+)\*\*", r"**\1。**", t, count=1), "emphasis shown as asterisks"),
    ):
        english, translated = copy_of(tmp_path / sub, change)
        found = problems(english, translated)
        only(found, message)
        line = int(found[0].split(":")[1])  # located: the line the change is on
        changed = translated.read_text(encoding="utf-8").splitlines()
        original = (CHAPTERS / "zh" / "methods.md").read_text(encoding="utf-8").splitlines()
        first_difference = next(i for i, (a, b) in enumerate(zip(changed, original)) if a != b) + 1
        assert line == first_difference, found


# --- what the build adds to a page reaches its translation -------------------------------------------------


def test_the_data_folders_notes_follow_the_translated_methods_page_marked_untranslated(tmp_path):
    """The build ends the methods page with the data folder's notes.md (pipeline.prepare_sources); the Chinese
    edition's methods page is its translation, and the notes, in the data's own words, follow it, marked."""
    from zonebook.build import editions
    from zonebook.report import pages

    (tmp_path / "chapters").mkdir()
    shutil.copytree(CHAPTERS / "zh", tmp_path / "chapters" / "zh")
    english = (CHAPTERS / "methods.md").read_text(encoding="utf-8")
    (tmp_path / "chapters" / "methods.md").write_text(english, encoding="utf-8")
    notes = pages.edition_notes((ROOT / "data" / "notes.md").read_text(encoding="utf-8"))
    staged = tmp_path / "src" / "chapters" / "methods.md"
    staged.parent.mkdir(parents=True)
    staged.write_text(english + "\n" + notes, encoding="utf-8")

    zh = editions.page_for(staged, Path("chapters/methods.md"), editions.BY_CODE["zh"], tmp_path / "chapters")
    translation = (CHAPTERS / "zh" / "methods.md").read_text(encoding="utf-8")
    assert zh.startswith(translation)
    added = outline(zh[len(translation) :])
    assert added.headings == outline(notes).headings  # every section of the notes, at its level
    assert outline(zh).headings == outline(staged.read_text(encoding="utf-8")).headings  # the switch's positions
    assert (
        zh.count("尚未译成中文") == 1
        and zh.index("尚未译成中文") > len(translation)
        and "本节" in zh[len(translation) :]
    )
    body = [line for line in notes.splitlines() if line and not line.startswith("#")]
    assert all(line in zh for line in body)
    assert editions.page_for(staged, Path("chapters/methods.md"), editions.BY_CODE["en"], tmp_path / "chapters") == (
        staged.read_text(encoding="utf-8")
    )
