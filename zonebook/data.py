"""Load and validate the report's data folder: the one loader every notebook and command uses.

The four files of the data contract are read as text (so that every problem can be reported
with its physical line), checked with pandera schemas in lazy mode (so that *all* problems are
reported at once), and only then converted and joined into tidy pandas tables.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from zonebook import edition, measures

CITY = "city"  # reserved zone id for city-wide indicators; feeds the overview, not a chapter
KINDS = ("actual", "estimate", "target")
BOUNDS = ("eq", "gt", "ge", "lt", "le", "approx")
TIERS = ("A", "B", "C")
BOUND_SYMBOL = {"eq": "", "gt": ">", "ge": "≥", "lt": "<", "le": "≤", "approx": "≈"}

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
PERIOD = re.compile(r"^(?P<start>\d{4})(?:Q(?P<q>[1-4])|-(?P<end>\d{4}))?$")
DATE = r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$"
NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d+)?|\.\d+)$")
GROUPED_NUMBER = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")

COLUMNS = {
    "zones.csv": ["zone", "order", "name_en", "name_zh", "summary_en"],
    "indicators.csv": ["indicator", "zone", "name_en", "name_zh", "unit", "decimals", "description_en"],
    "observations.csv": ["indicator", "period", "value", "kind", "bound", "source", "quote", "note"],
    "sources.csv": ["source", "title", "publisher", "published", "url", "tier"],
}
FILES = tuple(COLUMNS)
NUMERIC_COLUMNS = {"order", "decimals", "value"}  # read leniently: full-width digits, thousands separators


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the data, located for a person to fix."""

    file: str
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:" if self.line else f"{self.file}:"
        return f"{where} {self.column}: {self.message}" if self.column else f"{where} {self.message}"


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
            raise DataError(
                [Problem(name, line, "", "cannot be decoded: save it as UTF-8 (or GB18030)")]
            ) from None


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
        problems.append(Problem(name, lines[0], column, f"column is missing from the header; expected columns {', '.join(expected)}"))
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
        if len(row) > len(header) and any(c.strip() for c in row[len(header):]):
            problems.append(Problem(name, line, "", f"has {len(row)} fields but the header has {len(header)}"))
        body.append([normalise_cell(c) for c in row[: len(header)]] + [""] * (len(header) - len(row)))
    frame = pd.DataFrame(body, columns=header, index=pd.Index(lines[1:], name="line"), dtype=object)
    for column in NUMERIC_COLUMNS & set(header):
        frame[column] = frame[column].map(normalise_number)
    return frame


# --- checking -------------------------------------------------------------------------------


def _text(required: bool, *checks: pa.Check) -> pa.Column:
    blank = pa.Check(lambda s: s.str.len() > 0, error="is empty; a value is required")
    return pa.Column(None, [blank, *checks] if required else list(checks), nullable=False)


def _slug(what: str) -> pa.Check:
    return pa.Check(
        lambda s: s.eq("") | s.str.match(SLUG),
        error=f"is not a valid {what} id; expected lower-case letters, digits and single hyphens (a slug such as 'urban-renewal')",
    )


def _one_of(values, what: str) -> pa.Check:
    allowed = sorted(values)
    listed = [v for v in allowed if re.match(SLUG, v) or v in KINDS + BOUNDS + TIERS]
    shown = ", ".join(listed) if len(listed) <= 12 else ", ".join(listed[:12]) + ", ..."
    return pa.Check(lambda s: s.eq("") | s.isin(allowed), error=f"is not a known {what}; expected one of: {shown}")


def _is_integer(s: pd.Series) -> pd.Series:
    return s.map(lambda v: bool(re.fullmatch(r"[+-]?\d+", normalise_number(v))))


def _is_number_or_empty(s: pd.Series) -> pd.Series:
    return s.map(lambda v: v == "" or bool(NUMBER.match(normalise_number(v))))


def _is_period(s: pd.Series) -> pd.Series:
    def ok(value: str) -> bool:
        m = PERIOD.match(value)
        return bool(m) and (m["end"] is None or int(m["end"]) > int(m["start"]))

    return s.map(ok)


def schemas(zones: set[str], indicators: set[str], sources: set[str]) -> dict[str, pa.DataFrameSchema]:
    """The data contract as pandera schemas; references are checked against the ids actually present."""
    return {
        "zones.csv": pa.DataFrameSchema(
            {
                "zone": _text(True, _slug("zone"), pa.Check(lambda s: s.ne(CITY), error="is reserved for city-wide indicators and cannot be a zone row")),
                "order": _text(True, pa.Check(_is_integer, error="is not a whole number; expected the zone's position (1, 2, ...)")),
                "name_en": _text(True),
                "name_zh": _text(True),
                "summary_en": _text(False),
            },
            unique=["zone"],
            report_duplicates="exclude_first",
        ),
        "indicators.csv": pa.DataFrameSchema(
            {
                "indicator": _text(True, _slug("indicator")),
                "zone": _text(True, _one_of(zones | {CITY}, "zone (from zones.csv, or 'city')")),
                "name_en": _text(True),
                "name_zh": _text(True),
                "unit": _text(True),
                "decimals": _text(True, pa.Check(lambda s: s.map(lambda v: normalise_number(v) in {str(i) for i in range(7)}), error="is not a number of decimals; expected a whole number from 0 to 6")),
                "description_en": _text(False),
            },
            unique=["indicator"],
            report_duplicates="exclude_first",
        ),
        "observations.csv": pa.DataFrameSchema(
            {
                "indicator": _text(True, _one_of(indicators, "indicator (from indicators.csv)")),
                "period": _text(True, pa.Check(_is_period, error="is not a period; expected a year (2024), a quarter (2025Q1) or a span (2021-2025)")),
                "value": _text(False, pa.Check(_is_number_or_empty, error="is not a plain number; expected digits in the indicator's unit, e.g. 7809.64 (no unit, no qualifier; leave empty only for a figure the source omits)")),
                "kind": _text(True, _one_of(KINDS, "kind")),
                "bound": _text(True, _one_of(BOUNDS, "bound")),
                "source": _text(True, _one_of(sources, "source (from sources.csv)")),
                "quote": _text(True),
                "note": _text(False),
            },
            unique=["indicator", "period", "source", "kind", "bound", "value"],
            report_duplicates="exclude_first",
        ),
        "sources.csv": pa.DataFrameSchema(
            {
                "source": _text(True, _slug("source")),
                "title": _text(True),
                "publisher": _text(False),
                "published": _text(False, pa.Check(lambda s: s.eq("") | s.str.match(DATE), error="is not a date; expected YYYY-MM-DD, YYYY-MM or YYYY")),
                "url": _text(False, pa.Check(lambda s: s.eq("") | s.str.match(r"^https?://\S+$"), error="is not a web address; expected http(s)://...")),
                "tier": _text(True, _one_of(TIERS, "tier")),
            },
            unique=["source"],
            report_duplicates="exclude_first",
        ),
    }


def _problems_from(name: str, frame: pd.DataFrame, error: pa.errors.SchemaErrors) -> list[Problem]:
    found = []
    for case in error.failure_cases.itertuples(index=False):
        line = int(case.index) if pd.notna(case.index) else 0
        if str(case.check).startswith("multiple_fields"):
            keys = error.schema.unique or []
            first = _first_line_with_same_key(frame, keys, line)
            found.append(Problem(name, line, keys[0], f"duplicates line {first}: the same {', '.join(keys)}"))
            continue
        shown = "" if case.failure_case is None or pd.isna(case.failure_case) else str(case.failure_case)
        message = str(case.check)
        found.append(Problem(name, line, str(case.column or ""), f"'{shown}' {message}" if shown else message))
    return found


def _first_line_with_same_key(frame: pd.DataFrame, keys: list[str], line: int) -> int:
    if line not in frame.index:
        return 0
    key = tuple(frame.loc[line, keys])
    same = frame[frame[keys].apply(tuple, axis=1) == key]
    return int(same.index.min())


def validate(folder: Path | str) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """Read and check all four files; return the raw tables and every problem found."""
    folder = Path(folder)
    problems: list[Problem] = []
    if not folder.is_dir():
        return {}, [Problem(str(folder), 0, "", "data folder does not exist")]
    raw = {name: read_table(folder / name, problems) for name in FILES}
    def ids(name: str, column: str) -> set[str]:  # the ids a file defines, for checking references to it
        return set() if raw[name] is None else set(raw[name][column])

    ids = {"zones": ids("zones.csv", "zone"), "indicators": ids("indicators.csv", "indicator"), "sources": ids("sources.csv", "source")}
    _, notes = edition.read(folder, None if raw["indicators.csv"] is None else ids["indicators"],
                            None if raw["sources.csv"] is None else ids["sources"])  # book.yml, checked like the CSVs
    problems.extend(Problem(n.file, n.line, n.column, n.message) for n in notes if not n.warning)
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
            problems.extend(_problems_from(str(folder / name), frame, error))
    obs = raw["observations.csv"]
    if obs is not None:
        for line, row in obs[(obs["value"] == "") & (obs["note"] == "")].iterrows():
            problems.append(Problem(str(folder / "observations.csv"), int(line), "note", "is empty; a row without a value records a figure the source omits, and needs a note saying so"))
    zones = raw["zones.csv"]
    if zones is not None:
        orders = zones["order"].map(normalise_number)
        for line in orders[orders.duplicated(keep="first") & orders.ne("")].index:
            problems.append(Problem(str(folder / "zones.csv"), int(line), "order", f"'{zones.loc[line, 'order']}' is used by another zone; expected each zone its own position"))
    # the measure columns (optional): validated by the analysis' own rulebook
    problems.extend(Problem(*p) for p in measures.problems(raw["indicators.csv"], raw["observations.csv"], {n: str(folder / n) for n in FILES}))
    file_order = {str(folder / name): name for name in FILES}

    def position(p: Problem) -> tuple:
        columns = COLUMNS.get(file_order.get(p.file, ""), [])
        return (list(file_order).index(p.file) if p.file in file_order else -1, p.line,
                columns.index(p.column) if p.column in columns else len(columns), p.message)

    problems[:] = list(dict.fromkeys(sorted(problems, key=position)))
    return raw, problems


# --- the tidy tables ------------------------------------------------------------------------


def period_bounds(period: str) -> tuple[float, float]:
    """A period as (start, end) in fractional years, for sorting and plotting: 2025Q1 → 2025.0..2025.25."""
    m = PERIOD.match(period)
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

    def for_zone(self, zone: str) -> "Dataset":
        """Only what one zone's chapter reads: its indicators, their observations and sources."""
        indicators = self.indicators[self.indicators["zone"] == zone]
        observations = self.observations[self.observations["zone"] == zone]
        sources = self.sources[self.sources["source"].isin(observations["source"])]
        zones = self.zones[self.zones["zone"] == zone]
        return Dataset(self.folder, zones, indicators, observations, sources, self.files, self.edition)


def _tidy(raw: dict[str, pd.DataFrame], folder: Path) -> Dataset:
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
        indicators[["indicator", "zone", "name_en", "name_zh", "unit", "decimals", *measures.INDICATOR_COLUMNS]], on="indicator", how="left", validate="many_to_one"
    ).merge(sources[["source", "tier", "publisher", "title", "published", "url"]], on="source", how="left", validate="many_to_one")
    order = {z: i for i, z in enumerate(zones["zone"])}
    obs["zone_order"] = obs["zone"].map(order).fillna(-1).astype(int)
    obs = obs.sort_values(["zone_order", "indicator", "period_start", "period_end", "source"], kind="stable").reset_index(drop=True)
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


def format_value(value: float, decimals: int, bound: str = "eq") -> str:
    """A value as the report shows it: with its bound symbol, at its own precision (6013 stays "6,013", never
    "6,013.00"), rounded to the indicator's decimals at most."""
    if pd.isna(value):
        return "—"
    own = f"{float(value):.6f}".rstrip("0").rstrip(".")
    places = min(int(decimals), len(own.split(".")[1]) if "." in own else 0)
    return f"{BOUND_SYMBOL.get(bound, '')}{value:,.{places}f}"
