"""Load and validate the report's data folder: the one loader every notebook and command uses.

The four files of the data contract are read as text (so that every problem can be reported
with its physical line), checked with pandera schemas in lazy mode (so that *all* problems are
reported at once), and only then converted and joined into tidy pandas tables.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime
import io
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from zonebook import edition, measures

CITY = "city"  # reserved zone id for city-wide indicators; feeds the overview, not a chapter
KINDS = ("actual", "estimate", "target")
BOUNDS = ("eq", "gt", "ge", "lt", "le", "approx")
TIERS = ("A", "B", "C")
BOUND_SYMBOL = {"eq": "", "gt": ">", "ge": "≥", "lt": "<", "le": "≤", "approx": "≈"}

# ASCII digits only: Python's \d also matches Arabic-Indic and other digits that nothing downstream expects
SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
PERIOD = re.compile(r"^(?P<start>[0-9]{4})(?:Q(?P<q>[1-4])|-(?P<end>[0-9]{4}))?$")
DATE = re.compile(r"^(?P<year>[0-9]{4})(?:-(?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2}))?)?$")
NUMBER = re.compile(r"^[+-]?(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)$")
GROUPED_NUMBER = re.compile(r"^[+-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?$")

# --- limits: what every output can take (stated in data/README.md; change both together) ----------
MAX_SLUG = 64  # slugs become file names ("999-<zone>.pptx.tmp"): far below 255 bytes, and paths fit Windows' 260
MAX_ZONE_NAME = 120  # a deck's title property joins a zone's two names, and PowerPoint holds 255 characters there
MAX_NAME = 255  # an indicator's names head slides and charts: no longer than PowerPoint's own title fields take
MAX_ORDER = 999  # a zone's position starts its file names (01-..., 999-...)
MAX_DIGITS = 15  # significant digits and decimal places that float64, Excel and PowerPoint charts keep exactly
# Characters no page, deck or chart may carry: C0/C1 controls but tab, line feed and carriage return (a CSV
# field may hold those), and code points that are not characters (XML, hence PowerPoint, refuses them).
_UNSAFE_BMP = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
_ASTRAL_NONCHARACTERS = "".join(chr(p + last) for p in range(0x10000, 0x110000, 0x10000) for last in (0xFFFE, 0xFFFF))
UNSAFE = re.compile(f"[{_UNSAFE_BMP}{_ASTRAL_NONCHARACTERS}]")
# a fast first look over a whole column: a set of ranges, where 32 single astral code points are slow to match
MAYBE_UNSAFE = re.compile(f"[{_UNSAFE_BMP}\U00010000-\U0010ffff]")

COLUMNS = {
    "zones.csv": ["zone", "order", "name_en", "name_zh", "summary_en"],
    "indicators.csv": ["indicator", "zone", "name_en", "name_zh", "unit", "decimals", "description_en"],
    "observations.csv": ["indicator", "period", "value", "kind", "bound", "source", "quote", "note"],
    "sources.csv": ["source", "title", "publisher", "published", "url", "tier"],
}
FILES = tuple(COLUMNS)
TRANSLATED = {  # every free-text column and its optional Chinese twin (data/README.md, "Two languages")
    "zones.csv": {"summary_en": "summary_zh"},
    "indicators.csv": {"description_en": "description_zh"},
    "observations.csv": {"note": "note_zh"},
    "sources.csv": {"publisher": "publisher_zh"},
}
DOCUMENTS = ("README.md", "notes.md")  # the folder's texts: the data dictionary and the edition's notes (both optional)
TRANSLATIONS = ("zh",)  # a document's translation lies beside it: README.zh.md (data/README.md, "Two languages")
NUMERIC_COLUMNS = {"order", "decimals", "value"}  # read leniently: full-width digits, thousands separators
NFKC_COLUMNS = {"period", "published"}  # full-width digits as ASCII, like numbers: ２０２４ is 2024
UNIQUE = {  # what no two rows of a file may share
    "zones.csv": ["zone"],
    "indicators.csv": ["indicator"],
    "observations.csv": ["indicator", "period", "source", "kind", "bound", "value"],
    "sources.csv": ["source"],
}


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the data, located for a person to fix."""

    file: str
    line: int
    column: str
    message: str
    warning: bool = False  # something to look at (a missing translation), which does not fail the check

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:" if self.line else f"{self.file}:"
        text = f"{where} {self.column}: {self.message}" if self.column else f"{where} {self.message}"
        return f"warning: {text}" if self.warning else text


class DataError(Exception):
    """Raised with every problem found in a data folder."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(dict.fromkeys(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


# --- reading --------------------------------------------------------------------------------


def decode(raw: bytes, name: str) -> str:
    """UTF-8 (with or without Excel's BOM) or GB18030 (Excel on a Chinese system); nothing else."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as utf8_error:
        try:
            return raw.decode("gb18030")
        except UnicodeDecodeError:
            line = raw[: utf8_error.start].count(b"\n") + 1
            raise DataError([Problem(name, line, "", "cannot be decoded: save it as UTF-8 (or GB18030)")]) from None


def normalise_cell(text: str) -> str:
    """Trim the stray spaces Excel and copy-paste leave around a cell (inner text is kept)."""
    return text.strip().strip("\u3000\ufeff")


def normalise_number(text: str) -> str:
    """Full-width digits to ASCII, and drop thousands separators only where they are unambiguous."""
    text = unicodedata.normalize("NFKC", text).replace(" ", "")
    if GROUPED_NUMBER.match(text):
        text = text.replace(",", "")
    return text


def read_table(path: Path, problems: list[Problem]) -> pd.DataFrame | None:
    """Read one CSV as strings, indexed by the physical line each row starts on."""
    name = str(path)
    expected = COLUMNS[path.name]
    if not path.is_file():
        problems.append(Problem(name, 0, "", f"file is missing; expected columns {', '.join(expected)}"))
        return None
    try:
        text = decode(path.read_bytes(), name)
    except DataError as error:
        problems.extend(error.problems)
        return None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows, lines = [], []
    start = 1
    try:
        for row in reader:
            if any(cell.strip() for cell in row):  # Excel leaves rows of bare commas
                rows.append(row)
                lines.append(start)
            start = reader.line_num + 1
    except csv.Error as error:
        problems.append(Problem(name, reader.line_num, "", f"is not valid CSV ({error})"))
        return None
    if not rows:
        problems.append(Problem(name, 1, "", f"file is empty; expected a header row: {','.join(expected)}"))
        return None
    header = [normalise_cell(h) for h in rows[0]]
    missing = [c for c in expected if c not in header]
    for column in missing:
        problems.append(
            Problem(
                name, lines[0], column, f"column is missing from the header; expected columns {', '.join(expected)}"
            )
        )
    duplicated = sorted({h for h in header if h and header.count(h) > 1})
    for column in duplicated:
        problems.append(Problem(name, lines[0], column, "column appears more than once in the header"))
    if missing or duplicated:
        return None
    if len(rows) == 1:
        problems.append(Problem(name, lines[0], "", "has a header but no rows"))
        return None
    body = []
    for line, row in zip(lines[1:], rows[1:]):
        if len(row) > len(header) and any(c.strip() for c in row[len(header) :]):
            problems.append(Problem(name, line, "", f"has {len(row)} fields but the header has {len(header)}"))
        body.append([normalise_cell(c) for c in row[: len(header)]] + [""] * (len(header) - len(row)))
    frame = pd.DataFrame(body, columns=header, index=pd.Index(lines[1:], name="line"), dtype=object)
    frame.attrs["header_line"] = lines[0]
    for column in NUMERIC_COLUMNS & set(header):
        frame[column] = frame[column].map(normalise_number)
    for column in NFKC_COLUMNS & set(header):
        frame[column] = frame[column].map(lambda v: unicodedata.normalize("NFKC", v))
    return frame


# --- checking -------------------------------------------------------------------------------


def _text(required: bool, *checks: pa.Check) -> pa.Column:
    blank = pa.Check(lambda s: s.str.len() > 0, error="is empty; a value is required")
    return pa.Column(None, [blank, *checks] if required else list(checks), nullable=False)


def _at_most(limit: int, why: str) -> pa.Check:
    # {length} is filled in per cell by _problems_from (pandera's messages are one per check)
    message = f"is too long: {{length}} characters; expected at most {limit} ({why})"
    return pa.Check(lambda s: s.str.len() <= limit, error=message)


def _slug(what: str) -> pa.Check:
    return pa.Check(
        lambda s: s.eq("") | s.str.fullmatch(SLUG),
        error=f"is not a valid {what} id; expected lower-case letters, digits and single hyphens (a slug such as 'urban-renewal')",
    )


SLUG_LENGTH = _at_most(MAX_SLUG, "it becomes a file name and a link")
ZONE_NAME_LENGTH = _at_most(
    MAX_ZONE_NAME, "the deck's title joins both names, and PowerPoint holds 255 characters there"
)
NAME_LENGTH = _at_most(MAX_NAME, "the longest title PowerPoint holds")


def _one_of(values, what: str) -> pa.Check:
    allowed = sorted(values)
    listed = [quoted(v) for v in allowed if re.fullmatch(SLUG, v) or v in KINDS + BOUNDS + TIERS]
    shown = ", ".join(listed) if len(listed) <= 12 else ", ".join(listed[:12]) + ", ..."
    return pa.Check(lambda s: s.eq("") | s.isin(allowed), error=f"is not a known {what}; expected one of: {shown}")


def _is_integer(s: pd.Series) -> pd.Series:
    return s.map(lambda v: bool(re.fullmatch(r"[+-]?[0-9]+", v)))


def _is_position(s: pd.Series) -> pd.Series:
    """Within 1..MAX_ORDER, or not a whole number at all (that has its own message)."""
    return s.map(lambda v: not re.fullmatch(r"[+-]?[0-9]+", v) or 1 <= int(v) <= MAX_ORDER)


def _is_number_or_empty(s: pd.Series) -> pd.Series:
    return s.map(lambda v: v == "" or bool(NUMBER.fullmatch(v)))


def digits(text: str) -> tuple[int, int, int]:
    """(integer digits, decimal places, significant digits) of a plain number, read from its text.

    Read from the text rather than from a float or Decimal, so that 100,000 digits cost one pass
    and nothing is rounded before it is measured.
    """
    whole, _, fraction = text.lstrip("+-").partition(".")
    whole, fraction = whole.lstrip("0"), fraction.rstrip("0")
    return len(whole), len(fraction), len((whole + fraction).strip("0"))


def _value_within(limit: int, part: int) -> pa.Check:
    """One of `digits` within `limit`, for values that are plain numbers (others have their own message)."""
    return lambda s: s.map(lambda v: not NUMBER.fullmatch(v) or digits(v)[part] <= limit)


def _is_period(s: pd.Series) -> pd.Series:
    def ok(value: str) -> bool:
        m = PERIOD.fullmatch(value)
        return bool(m) and (m["end"] is None or int(m["end"]) > int(m["start"]))

    return s.map(ok)


def _is_date(value: str) -> bool:
    """YYYY, YYYY-MM or YYYY-MM-DD naming a day, month or year that exists."""
    m = DATE.fullmatch(value)
    try:
        return bool(m) and bool(datetime.date(int(m["year"]), int(m["month"] or 1), int(m["day"] or 1)))
    except ValueError:
        return False


NOT_A_POSITION = (
    f"is not a position from 1 to {MAX_ORDER}; expected the zone's place in the book (it starts its file names)"
)
VALUE_LIMITS = (  # by the part of `digits` each one limits
    f"is too large; expected less than 10^{MAX_DIGITS} in magnitude, the largest figure charts and PowerPoint "
    "hold exactly (use a larger unit)",
    f"has more than {MAX_DIGITS} decimal places; expected at most {MAX_DIGITS} (use a smaller unit)",
    f"has more than {MAX_DIGITS} significant digits; expected at most {MAX_DIGITS}, the precision charts, PowerPoint "
    "and the computations keep",
)


def schemas(zones: set[str], indicators: set[str], sources: set[str]) -> dict[str, pa.DataFrameSchema]:
    """The data contract as pandera schemas; references are checked against the ids actually present."""
    return {
        "zones.csv": pa.DataFrameSchema(
            {
                "zone": _text(
                    True,
                    _slug("zone"),
                    SLUG_LENGTH,
                    pa.Check(
                        lambda s: s.ne(CITY), error="is reserved for city-wide indicators and cannot be a zone row"
                    ),
                ),
                "order": _text(
                    True,
                    pa.Check(_is_integer, error="is not a whole number; expected the zone's position (1, 2, ...)"),
                    pa.Check(_is_position, error=NOT_A_POSITION),
                ),
                "name_en": _text(True, ZONE_NAME_LENGTH),
                "name_zh": _text(True, ZONE_NAME_LENGTH),
                "summary_en": _text(False),
            },
        ),
        "indicators.csv": pa.DataFrameSchema(
            {
                "indicator": _text(True, _slug("indicator"), SLUG_LENGTH),
                "zone": _text(True, _one_of(zones | {CITY}, "zone (from zones.csv, or 'city')")),
                "name_en": _text(True, NAME_LENGTH),
                "name_zh": _text(True, NAME_LENGTH),
                "unit": _text(True),
                "decimals": _text(
                    True,
                    pa.Check(
                        lambda s: s.map(lambda v: normalise_number(v) in {str(i) for i in range(7)}),
                        error="is not a number of decimals; expected a whole number from 0 to 6",
                    ),
                ),
                "description_en": _text(False),
            },
        ),
        "observations.csv": pa.DataFrameSchema(
            {
                "indicator": _text(True, _one_of(indicators, "indicator (from indicators.csv)")),
                "period": _text(
                    True,
                    pa.Check(
                        _is_period,
                        error="is not a period; expected a year (2024), a quarter (2025Q1) or a span (2021-2025)",
                    ),
                ),
                "value": _text(
                    False,
                    pa.Check(
                        _is_number_or_empty,
                        error="is not a plain number; expected digits in the indicator's unit, e.g. 7809.64 (no unit, no qualifier; leave empty only for a figure the source omits)",
                    ),
                    *(
                        pa.Check(_value_within(MAX_DIGITS, part), error=message)
                        for part, message in enumerate(VALUE_LIMITS)
                    ),
                ),
                "kind": _text(True, _one_of(KINDS, "kind")),
                "bound": _text(True, _one_of(BOUNDS, "bound")),
                "source": _text(True, _one_of(sources, "source (from sources.csv)")),
                "quote": _text(True),
                "note": _text(False),
            },
        ),
        "sources.csv": pa.DataFrameSchema(
            {
                "source": _text(True, _slug("source"), SLUG_LENGTH),
                "title": _text(True),
                "publisher": _text(False),
                "published": _text(
                    False,
                    pa.Check(
                        lambda s: s.eq("") | s.map(_is_date),
                        error="is not a date; expected a real day, month or year as YYYY-MM-DD, YYYY-MM or YYYY",
                    ),
                ),
                "url": _text(
                    False,
                    pa.Check(
                        lambda s: s.eq("") | s.str.fullmatch(r"https?://\S+"),
                        error="is not a web address; expected http(s)://...",
                    ),
                ),
                "tier": _text(True, _one_of(TIERS, "tier")),
            },
        ),
    }


def quoted(text: str, limit: int = 40, count: bool = True) -> str:
    """A cell as a message quotes it: unsafe characters escaped, a long cell cut (a message stays one short line)."""
    visible = UNSAFE.sub(lambda m: f"\\u{ord(m[0]):04x}", text)
    if len(visible) <= limit:
        return visible
    return f"{visible[:limit]}…" + (f" ({len(text):,} characters)" if count else "")


def _problems_from(name: str, error: pa.errors.SchemaErrors) -> list[Problem]:
    found = []
    for case in error.failure_cases.itertuples(index=False):
        line = int(case.index) if pd.notna(case.index) else 0
        value = "" if case.failure_case is None or pd.isna(case.failure_case) else str(case.failure_case)
        message = str(case.check)
        counted = "{length}" in message  # the message gives the length itself
        message = message.replace("{length}", f"{len(value):,}")
        message = f"'{quoted(value, count=not counted)}' {message}" if value else message
        found.append(Problem(name, line, str(case.column or ""), message))
    return found


def unsafe_characters(name: str, frame: pd.DataFrame) -> list[Problem]:
    """Every cell, in every column (extra ones too), holding a character no output can carry."""
    found = []
    for column in frame.columns:
        if not MAYBE_UNSAFE.search("\n".join(frame[column])):  # one search per column: the usual case is clean
            continue
        for line, text in frame[column][frame[column].str.contains(UNSAFE)].items():
            char = UNSAFE.search(text)[0]
            what = "the control character" if unicodedata.category(char) == "Cc" else "the non-character"
            where = f"{what} U+{ord(char):04X} at character {text.index(char) + 1}"
            message = f"'{quoted(text)}' contains {where}; expected printable text (tabs and line breaks are fine)"
            found.append(Problem(name, int(line), column, message))
    return found


def _as_number(text: str):
    """A plain number as an exact Decimal, so that 10000 and 10000.0 compare equal; other text unchanged."""
    return Decimal(text) if NUMBER.fullmatch(text) else text


def duplicates(name: str, frame: pd.DataFrame, keys: list[str]) -> list[Problem]:
    """Rows repeating an earlier row's key (numbers compared as numbers), each pointing at the first: one pass."""
    columns = [frame[k].map(_as_number) if k in NUMERIC_COLUMNS else frame[k] for k in keys]
    first: dict[tuple, int] = {}
    found = []
    for line, key in zip(frame.index, zip(*columns, strict=True), strict=True):
        earlier = first.setdefault(key, line)
        if earlier != line:
            found.append(Problem(name, int(line), keys[0], f"duplicates line {earlier}: the same {', '.join(keys)}"))
    return found


def shared_positions(name: str, zones: pd.DataFrame) -> list[Problem]:
    """Zones after the first with the same position (01 and 1 are one position)."""
    whole = zones["order"][zones["order"].str.fullmatch(r"[+-]?[0-9]+")]
    taken = whole.map(int)
    message = "is used by another zone; expected each zone its own position"
    return [
        Problem(name, int(line), "order", f"'{zones.loc[line, 'order']}' {message}")
        for line in taken[taken.duplicated(keep="first")].index
    ]


def validate(folder: Path | str) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """Read and check all four files; return the raw tables and every problem found."""
    raw, problems, _ = _validate(Path(folder))
    return raw, problems


def _validate(folder: Path) -> tuple[dict[str, pd.DataFrame], list[Problem], list[Problem]]:
    """The raw tables, every problem and every warning (a missing translation, a missing book.yml)."""
    problems: list[Problem] = []
    if not folder.is_dir():
        return {}, [Problem(str(folder), 0, "", "data folder does not exist")], []
    raw = {name: read_table(folder / name, problems) for name in FILES}

    def ids(name: str, column: str) -> set[str]:  # the ids a file defines, for checking references to it
        return set() if raw[name] is None else set(raw[name][column])

    ids = {
        "zones": ids("zones.csv", "zone"),
        "indicators": ids("indicators.csv", "indicator"),
        "sources": ids("sources.csv", "source"),
    }
    book, notes = edition.read(
        folder,
        None if raw["indicators.csv"] is None else ids["indicators"],
        None if raw["sources.csv"] is None else ids["sources"],
    )  # book.yml, checked like the CSVs
    problems.extend(Problem(n.file, n.line, n.column, n.message) for n in notes if not n.warning)
    warnings = [Problem(n.file, n.line, n.column, n.message, warning=True) for n in notes if n.warning]
    for name, schema in schemas(**ids).items():
        frame = raw[name]
        if frame is None:
            continue
        if name == "indicators.csv" and raw["zones.csv"] is None:
            schema = schema.remove_columns(["zone"])  # can't check references against a broken file
        if name == "observations.csv":
            dropped = [c for c, f in (("indicator", "indicators.csv"), ("source", "sources.csv")) if raw[f] is None]
            if dropped:
                schema = schema.update_columns({c: {"checks": schema.columns[c].checks[:1]} for c in dropped})
        try:
            schema.validate(frame, lazy=True)
        except pa.errors.SchemaErrors as error:
            problems.extend(_problems_from(str(folder / name), error))
        problems += unsafe_characters(str(folder / name), frame) + duplicates(str(folder / name), frame, UNIQUE[name])
    obs = raw["observations.csv"]
    if obs is not None:
        for line, _row in obs[(obs["value"] == "") & (obs["note"] == "")].iterrows():
            problems.append(
                Problem(
                    str(folder / "observations.csv"),
                    int(line),
                    "note",
                    "is empty; a row without a value records a figure the source omits, and needs a note saying so",
                )
            )
    if raw["zones.csv"] is not None:
        problems += shared_positions(str(folder / "zones.csv"), raw["zones.csv"])
    problems += unreadable_documents(folder)  # README.md, notes.md and their translations become pages
    # the measure columns (optional): validated by the analysis' own rulebook
    problems.extend(
        Problem(*p)
        for p in measures.problems(raw["indicators.csv"], raw["observations.csv"], {n: str(folder / n) for n in FILES})
    )
    file_order = {str(folder / name): name for name in FILES}

    def position(p: Problem) -> tuple:
        columns = COLUMNS.get(file_order.get(p.file, ""), [])
        return (
            list(file_order).index(p.file) if p.file in file_order else -1,
            p.line,
            columns.index(p.column) if p.column in columns else len(columns),
            p.message,
        )

    problems[:] = list(dict.fromkeys(sorted(problems, key=position)))
    if "zh" in book.languages:  # an English-only book (book.yml's editions) shows no text untranslated
        warnings += missing_translations(folder, raw) + missing_documents(folder)
    return raw, problems, sorted(warnings, key=position)


_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")


def written_in_chinese(text: str) -> bool:
    """Whether a text of an English column is Chinese already (a publisher the sources name only in Chinese, 扬州市统计局):
    it has at least as many Chinese characters as Latin letters, so the Chinese edition shows it as it is. An English
    note quoting a Chinese unit ("converted: 1万亿元 = 10000 亿元") is English."""
    han = len(_HAN.findall(text))
    return han > 0 and han >= len(_LATIN.findall(text))


def missing_translations(folder: Path, raw: dict[str, pd.DataFrame | None]) -> list[Problem]:
    """A warning for every free-text field with no Chinese text beside it (TRANSLATED) that is not Chinese already: the
    Chinese edition shows the English there, marked untranslated. A file without the Chinese column gets one warning."""
    found = []
    for name, columns in TRANSLATED.items():
        frame = raw.get(name)
        if frame is None:
            continue
        for english, chinese in columns.items():
            if english not in frame:
                continue
            wanted = (frame[english].str.strip() != "") & ~frame[english].map(written_in_chinese)
            if chinese not in frame:
                if wanted.any():
                    found.append(
                        Problem(
                            str(folder / name),
                            frame.attrs.get("header_line", 1),
                            chinese,
                            f"column is missing: {int(wanted.sum())} rows have {english} but no Chinese text; the Chinese "
                            f"edition shows the English there, marked untranslated",
                            warning=True,
                        )
                    )
                continue
            for line in frame.index[wanted & (frame[chinese].str.strip() == "")]:
                found.append(
                    Problem(
                        str(folder / name),
                        int(line),
                        chinese,
                        f"is empty; {english} has no Chinese text, and the Chinese edition shows the English, marked "
                        "untranslated",
                        warning=True,
                    )
                )
    return found


def translation_of(path: Path, lang: str) -> Path:
    """Where a document's translation lies: data/README.md in Chinese is data/README.zh.md."""
    return path.with_name(f"{path.stem}.{lang}{path.suffix}")


def document(folder: Path | str, name: str, lang: str = "en") -> tuple[str | None, bool]:
    """A text of the data folder (DOCUMENTS) in the language `lang`, and whether it is in that language: its
    translation if there is one, else the English (False); None if the folder has neither."""
    path = Path(folder) / name
    translated = path if lang == "en" else translation_of(path, lang)
    if translated.is_file():
        return decode(translated.read_bytes(), str(translated)), True
    return (decode(path.read_bytes(), str(path)) if path.is_file() else None), False


def unreadable_documents(folder: Path) -> list[Problem]:
    """A problem for every document of the folder (or translation) that cannot be decoded, like a CSV (`decode`)."""
    found = []
    for name in DOCUMENTS:
        for path in (folder / name, *(translation_of(folder / name, lang) for lang in TRANSLATIONS)):
            try:
                if path.is_file():
                    decode(path.read_bytes(), str(path))
            except DataError as error:
                found += error.problems
    return found


def missing_documents(folder: Path) -> list[Problem]:
    """A warning for every document of the folder without its translation beside it: the Chinese edition shows
    the English, marked untranslated."""
    return [
        Problem(
            str(translation_of(folder / name, lang)),
            0,
            "",
            f"is missing: the Chinese edition shows {name} in English, marked untranslated; add its translation",
            warning=True,
        )
        for name in DOCUMENTS
        for lang in TRANSLATIONS
        if (folder / name).is_file() and not translation_of(folder / name, lang).is_file()
    ]


# --- the tidy tables ------------------------------------------------------------------------


def period_bounds(period: str) -> tuple[float, float]:
    """A period as (start, end) in fractional years, for sorting and plotting: 2025Q1 → 2025.0..2025.25."""
    m = PERIOD.fullmatch(period)
    start = int(m["start"])
    if m["q"]:
        q = int(m["q"])
        return start + (q - 1) / 4, start + q / 4
    if m["end"]:
        return float(start), float(int(m["end"]) + 1)
    return float(start), float(start + 1)


@dataclass(frozen=True)
class Dataset:
    """The report's data, validated and joined. `observations` carries its indicator and source."""

    folder: Path
    zones: pd.DataFrame
    indicators: pd.DataFrame
    observations: pd.DataFrame
    sources: pd.DataFrame
    files: dict[str, Path] = field(default_factory=dict)
    edition: edition.Edition = field(default_factory=edition.Edition)  # book.yml: the city, the title, the goal

    @property
    def claims_source(self) -> str | None:
        """The text the report audits: book.yml's `audited_text`, else the source marked `role=claims` in sources.csv."""
        if self.edition.audited_text:
            return self.edition.audited_text
        if "role" not in self.sources:
            return None
        marked = self.sources[self.sources["role"].str.strip().str.lower() == "claims"]["source"]
        return marked.iloc[0] if len(marked) else None

    def zone(self, zone: str) -> pd.Series:
        return self.zones.set_index("zone").loc[zone]

    def for_zone(self, zone: str) -> Dataset:
        """Only what one zone's chapter reads: its indicators, their observations and sources."""
        indicators = self.indicators[self.indicators["zone"] == zone]
        observations = self.observations[self.observations["zone"] == zone]
        sources = self.sources[self.sources["source"].isin(observations["source"])]
        zones = self.zones[self.zones["zone"] == zone]
        return Dataset(self.folder, zones, indicators, observations, sources, self.files, self.edition)


def _tidy(raw: dict[str, pd.DataFrame], folder: Path) -> Dataset:
    raw = {  # the Chinese text columns (optional): empty where a data folder predates them
        name: measures.with_defaults(frame, {zh: "" for zh in TRANSLATED[name].values()}) for name, frame in raw.items()
    }
    zones = raw["zones.csv"].reset_index()
    zones["order"] = zones["order"].map(normalise_number).astype(int)
    zones = zones.sort_values("order", kind="stable").reset_index(drop=True)

    indicators = measures.with_defaults(raw["indicators.csv"].reset_index(), measures.INDICATOR_COLUMNS)
    indicators["decimals"] = indicators["decimals"].map(normalise_number).astype(int)

    sources = raw["sources.csv"].reset_index()

    obs = measures.with_defaults(raw["observations.csv"].reset_index(), measures.OBSERVATION_COLUMNS)
    obs["value"] = pd.to_numeric(obs["value"].map(normalise_number).replace("", None), errors="raise").astype(float)
    obs["is_gap"] = obs["value"].isna()
    bounds = obs["period"].map(period_bounds)
    obs["period_start"] = bounds.map(lambda b: b[0])
    obs["period_end"] = bounds.map(lambda b: b[1])
    obs["is_span"] = obs["period"].str.contains("-", regex=False)
    obs = obs.merge(
        indicators[["indicator", "zone", "name_en", "name_zh", "unit", "decimals", *measures.INDICATOR_COLUMNS]],
        on="indicator",
        how="left",
        validate="many_to_one",
    ).merge(
        sources[["source", "tier", "publisher", "publisher_zh", "title", "published", "url"]],
        on="source",
        how="left",
        validate="many_to_one",
    )
    order = {z: i for i, z in enumerate(zones["zone"])}
    obs["zone_order"] = obs["zone"].map(order).fillna(-1).astype(int)
    obs = obs.sort_values(
        ["zone_order", "indicator", "period_start", "period_end", "source"], kind="stable"
    ).reset_index(drop=True)
    return Dataset(folder, zones, indicators, obs, sources, {name: folder / name for name in FILES})


def load(folder: Path | str = "data") -> Dataset:
    """Read, check and join a data folder; raise DataError listing every problem."""
    raw, problems = validate(folder)
    if problems:
        raise DataError(problems)
    return dataclasses.replace(_tidy(raw, Path(folder).resolve()), edition=edition.read(Path(folder))[0])


def check(folder: Path | str = "data") -> list[Problem]:
    """Every problem in a data folder (empty when it is good)."""
    return validate(Path(folder))[1]


def review(folder: Path | str = "data") -> tuple[list[Problem], list[Problem]]:
    """Every problem in a data folder, and every warning (missing Chinese text, a missing book.yml): the warnings
    do not fail a check."""
    _, problems, warnings = _validate(Path(folder))
    return problems, warnings


def format_value(value: float, decimals: int, bound: str = "eq") -> str:
    """A value as the report shows it: with its bound symbol, at its own precision (6013 stays "6,013", never
    "6,013.00"), rounded to the indicator's decimals at most."""
    if pd.isna(value):
        return "—"
    own = f"{float(value):.6f}".rstrip("0").rstrip(".")
    places = min(int(decimals), len(own.split(".")[1]) if "." in own else 0)
    return f"{BOUND_SYMBOL.get(bound, '')}{value:,.{places}f}"
