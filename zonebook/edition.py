"""The edition: what a data folder says about the book it makes (`book.yml`), so that no city is in the code.

The city's names, the book's title, the text the report audits, the goal the overview measures the city
against and the year of the targets all come from `DATA/book.yml`. It is checked like the CSV files:
every problem located as `file:line: key: what is wrong and what is expected`. A data folder without
one still builds, with a generic title, and `check` warns about it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

FILE = "book.yml"
LANGUAGES = ("en", "zh")
NAME_LIMIT = 120  # a title or a name: one line on a cover slide and in the browser's tab

GENERIC = {"en": "Key development areas: the claims and the record", "zh": "重点发展区域：说法与记录"}


@dataclass(frozen=True)
class Goal:
    """A level the overview measures the city against, e.g. GDP of 10,000 亿元 by 2030."""

    indicator: str  # an indicator id (zone `city`)
    value: float  # in the indicator's unit
    year: int  # the year the goal is set for
    name: dict[str, str]  # what the goal is called, by language (万亿之城 / "a trillion-yuan city")
    growth: str | None = None  # the indicator of its real growth rate, for the paths to the goal


@dataclass(frozen=True)
class Edition:
    city: dict[str, str] = field(default_factory=lambda: {"en": "", "zh": ""})
    title: dict[str, str] = field(default_factory=lambda: dict(GENERIC))
    audited_text: str | None = None  # a source id: the text whose figures are the claims
    goal: Goal | None = None
    target_year: int | None = None  # the year whose targets the overview lists
    about: dict[str, str] = field(
        default_factory=lambda: {"en": "", "zh": ""}
    )  # the front matter's opening, plain text
    languages: tuple[str, ...] = LANGUAGES  # the editions published: English (the source) and, unless left out, Chinese

    def text(self, key: str, lang: str = "en") -> tuple[str, bool]:
        """One of the edition's texts (`city`, `title`, `about`) in a language, and whether it is in that language:
        a missing Chinese text gives the English, to be marked untranslated."""
        texts = getattr(self, key)
        if texts.get(lang) or not texts.get("en"):
            return texts.get(lang, ""), True
        return texts["en"], False


@dataclass(frozen=True, order=True)
class Note:
    """A problem (or, with `warning`, something to look at) in book.yml, located for a person to fix."""

    file: str
    line: int
    column: str
    message: str
    warning: bool = False

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:" if self.line else f"{self.file}:"
        text = f"{where} {self.column}: {self.message}" if self.column else f"{where} {self.message}"
        return f"warning: {text}" if self.warning else text


SCHEMA = {  # key: (kind, required); kinds: "names" (a mapping en/zh of text), "text", "year", "number", "id", "goal"
    "city": ("names", True),
    "title": ("names", True),
    "about": ("names", False),
    "audited_text": ("id", False),
    "target_year": ("year", False),
    "goal": ("goal", False),
    "editions": ("languages", False),
}
GOAL_SCHEMA = {
    "indicator": ("id", True),
    "value": ("number", True),
    "year": ("year", True),
    "name": ("names", True),
    "growth": ("id", False),
}


def read(
    folder: Path, indicators: set[str] | None = None, sources: set[str] | None = None
) -> tuple[Edition, list[Note]]:
    """The edition of a data folder and every problem with its book.yml; references are checked against the
    indicator and source ids given (None: not checked)."""
    path = Path(folder) / FILE
    name = str(path)
    if not path.is_file():
        return Edition(), [
            Note(
                name,
                0,
                "",
                "is missing: the book gets a generic title and names no city; "
                "add it (see data/README.md) to name the city, the title and the goal",
                warning=True,
            )
        ]
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return Edition(), [Note(name, 0, "", f"cannot be decoded ({error.reason}): save it as UTF-8")]
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 0
        return Edition(), [Note(name, line, "", f"is not valid YAML ({getattr(error, 'problem', error)})")]
    if not isinstance(root, yaml.MappingNode):
        return Edition(), [Note(name, 1, "", "expected a mapping of keys (city:, title:, ...)")]
    notes: list[Note] = []
    values = _mapping(root, SCHEMA, "", name, notes)
    goal = values.get("goal")
    for key in ("indicator", "growth"):
        if goal is not None and key in goal and indicators is not None and goal[key][0] not in indicators:
            notes.append(
                Note(name, goal[key][1], f"goal.{key}", f"'{goal[key][0]}' is not an indicator of indicators.csv")
            )
    audited = values.get("audited_text")
    if audited is not None and sources is not None and audited[0] not in sources:
        notes.append(Note(name, audited[1], "audited_text", f"'{audited[0]}' is not a source of sources.csv"))
    languages = values["editions"][0] if "editions" in values else LANGUAGES
    notes = [n for n in notes if not (n.warning and n.column.endswith(".zh") and "zh" not in languages)]
    if any(not n.warning for n in notes):  # the languages still decide which texts `check` asks to translate
        return Edition(languages=languages), sorted(notes)

    def names(key: str) -> dict[str, str]:
        found = values.get(key)
        return {lang: found[0].get(lang, "") for lang in LANGUAGES} if found else {lang: "" for lang in LANGUAGES}

    return Edition(
        city=names("city"),
        title=names("title"),
        about=names("about"),
        audited_text=audited[0] if audited else None,
        target_year=values["target_year"][0] if "target_year" in values else None,
        goal=Goal(
            goal["indicator"][0],
            goal["value"][0],
            goal["year"][0],
            dict(goal["name"][0]),
            goal["growth"][0] if "growth" in goal else None,
        )
        if goal
        else None,
        languages=languages,
    ), sorted(notes)


def _mapping(node: yaml.MappingNode, schema: dict, prefix: str, name: str, notes: list[Note]) -> dict:
    """The values of a mapping node that follow `schema`, each as (value, line); problems go to `notes`."""
    found = {}
    for key_node, value_node in node.value:
        key, line = str(key_node.value), key_node.start_mark.line + 1
        where = f"{prefix}{key}"
        if key not in schema:
            notes.append(Note(name, line, where, f"is not a known key; expected one of: {', '.join(schema)}"))
            continue
        if key in found:
            notes.append(Note(name, line, where, "appears more than once"))
            continue
        value = _value(value_node, schema[key][0], where, name, notes)
        if value is not None:
            found[key] = (value, line) if schema[key][0] != "goal" else value
    for key, (_, required) in schema.items():
        if required and key not in found and not any(n.column == f"{prefix}{key}" for n in notes):
            notes.append(Note(name, node.start_mark.line + 1, f"{prefix}{key}", "is missing; it is required"))
    return found


def _languages(node, where: str, name: str, notes: list[Note]) -> tuple[str, ...] | None:
    """The editions' languages, in the book's order: English, the language the book is written in, and any others."""
    expected = f"expected a list of the languages to publish, with English: [{', '.join(LANGUAGES)}] or [en]"
    if not isinstance(node, yaml.SequenceNode) or not node.value:
        notes.append(Note(name, node.start_mark.line + 1, where, expected))
        return None
    found, before = [], len(notes)
    for item in node.value:
        code, line = (item.value if isinstance(item, yaml.ScalarNode) else None), item.start_mark.line + 1
        if code not in LANGUAGES:
            shown = f"'{code}'" if code is not None else "this entry"
            notes.append(Note(name, line, where, f"{shown} is not a language of the book; {expected}"))
        elif code in found:
            notes.append(Note(name, line, where, f"'{code}' appears more than once"))
        else:
            found.append(code)
    if "en" not in found:
        notes.append(
            Note(name, node.start_mark.line + 1, where, f"English, the book's source, is always published; {expected}")
        )
    return tuple(code for code in LANGUAGES if code in found) if len(notes) == before else None


def _value(node, kind: str, where: str, name: str, notes: list[Note]):
    line = node.start_mark.line + 1
    if kind == "goal":
        if not isinstance(node, yaml.MappingNode):
            notes.append(Note(name, line, where, "expected a mapping: indicator, value, year, name"))
            return None
        found = _mapping(node, GOAL_SCHEMA, f"{where}.", name, notes)
        required = [key for key, (_, needed) in GOAL_SCHEMA.items() if needed]
        return found if all(key in found for key in required) else None
    if kind == "names":
        if not isinstance(node, yaml.MappingNode):
            notes.append(Note(name, line, where, "expected the text in each language: en: ..., zh: ..."))
            return None
        names = {}
        for key_node, value_node in node.value:
            lang, at = str(key_node.value), key_node.start_mark.line + 1
            if lang not in LANGUAGES:
                notes.append(
                    Note(
                        name, at, f"{where}.{lang}", f"is not a language of the book; expected {' or '.join(LANGUAGES)}"
                    )
                )
            elif (
                _text(value_node, f"{where}.{lang}", name, notes, limit=None if where == "about" else NAME_LIMIT)
                is not None
            ):
                names[lang] = value_node.value.strip()
        if "en" not in names and not any(n.column.startswith(where) for n in notes):
            notes.append(Note(name, line, f"{where}.en", "is missing; the English text is required"))
            return None
        if "zh" not in names and not any(n.column.startswith(where) for n in notes):
            notes.append(
                Note(
                    name,
                    line,
                    f"{where}.zh",
                    "is missing; the Chinese edition shows the English text here, marked untranslated",
                    warning=True,
                )
            )
        return names
    if kind == "languages":
        return _languages(node, where, name, notes)
    if kind == "id":
        text = _text(node, where, name, notes, limit=64)
        if text is not None and not _is_slug(text):
            notes.append(
                Note(
                    name, line, where, f"'{text}' is not an id; expected lower-case letters, digits and single hyphens"
                )
            )
            return None
        return text
    if kind in ("year", "number"):
        raw = node.value if isinstance(node, yaml.ScalarNode) else None
        try:
            number = float(raw) if kind == "number" else int(raw)
        except (TypeError, ValueError):
            number = None
        ok = number is not None and (1900 <= number <= 2200 if kind == "year" else 0 < number < 1e15)
        if not ok:
            expected = (
                "a year such as 2030" if kind == "year" else "a positive number in the indicator's unit, e.g. 10000"
            )
            notes.append(Note(name, line, where, f"'{raw}' is not {expected}"))
            return None
        return number
    raise ValueError(kind)


def _text(node, where: str, name: str, notes: list[Note], limit: int | None) -> str | None:
    line = node.start_mark.line + 1
    if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
        notes.append(Note(name, line, where, "expected a line of text"))
        return None
    text = str(node.value).strip()
    if any(ord(c) < 32 and c not in "\n\t" or ord(c) == 127 for c in text):
        notes.append(Note(name, line, where, "holds a control character; expected plain text"))
        return None
    if limit and any(c in text for c in "<>&`{}"):  # names and titles reach page titles and the theme's header
        notes.append(
            Note(name, line, where, "holds one of < > & ` { }; expected a name or title without markup characters")
        )
        return None
    if limit and len(text) > limit:
        notes.append(Note(name, line, where, f"is {len(text)} characters long; expected at most {limit}"))
        return None
    return text


def _is_slug(text: str) -> bool:
    return bool(re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", text))
