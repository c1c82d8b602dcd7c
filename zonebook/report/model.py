"""What the book shows, as objects: a `Table` (columns with their units, rows with the observation lines they rest
on, a caption, a CSV name) and a `Chart` spec (series of points, each with its period, frequency, bound, source and
quote). The analysis fills them (`report.tables`, `report.figures`); the renderers (`report.html`, `report.charts`
and the CSV below) only print them.
"""

from __future__ import annotations

import base64
import csv
import io
from dataclasses import dataclass, field

from zonebook import lang as language
from zonebook.cells import defuse  # the one rule for cells a spreadsheet would run as a formula
from zonebook.data import format_value

# --- tables ----------------------------------------------------------------------------------------------

ROLES = ("text", "number", "quote", "badge", "count")  # how a column is laid out (see _static/zonebook.css)


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    unit: str = ""  # the one unit of every cell, shown in the header; per-row units go in a column of their own
    role: str = "text"
    essential: bool = False  # kept in view on a phone: the indicator, the value, the verdict
    shown: bool = True  # False: in the CSV only (the source's title, its address, the observation lines)

    @property
    def title(self) -> str:
        return f"{self.header} ({self.unit})" if self.unit else self.header


@dataclass(frozen=True)
class Row:
    cells: dict  # column key -> the cell's text (or number), as shown
    markup: dict = field(default_factory=dict)  # column key -> the cell as HTML, already escaped (badges, links)
    lines: tuple[int, ...] = ()  # the lines of observations.csv the row rests on


@dataclass(frozen=True)
class Table:
    name: str  # the CSV's file name, without .csv
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    caption: str = ""
    empty: str = "Nothing to show."  # said instead of an empty table
    short: int = 0  # rows shown before "Show all" (0: every row)
    css: str = ""  # an extra class of the <table>

    @property
    def shown(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.shown)


# --- charts ----------------------------------------------------------------------------------------------

KINDS = ("actual", "estimate", "target", "claim")


@dataclass(frozen=True)
class Point:
    period: str
    start: float  # the period in fractional years: 2025Q1 is 2025.0 to 2025.25, 2021-2025 is 2021.0 to 2026.0
    end: float
    value: float
    bound: str = "eq"
    decimals: int = 2
    tier: str = ""
    source: str = ""
    publisher: str = ""
    quote: str = ""
    line: int = 0

    @property
    def shown(self) -> str:
        return format_value(self.value, self.decimals, self.bound)

    def label(self, lang: str = "en", unit: str = "") -> str:
        """The figure as a chart in `lang` labels it, beside its axis' `unit`: "≤20", ">8,000" in English (`shown`);
        in Chinese 不超过20, 超8000."""
        return self.shown if lang == "en" else language.figure(self.value, self.decimals, self.bound, lang, unit)


@dataclass(frozen=True)
class Series:
    label: str
    kind: str  # one of KINDS: the colour
    frequency: str  # "year", "quarter" or "span-N" (N years): points of different frequencies are never joined
    points: tuple[Point, ...]
    joined: bool = False  # a line joins consecutive periods (never across a gap of more than one period)


@dataclass(frozen=True)
class Chart:
    name: str  # the CSV's file name, without .csv
    title: str
    unit: str
    series: tuple[Series, ...]
    caption: str = ""
    alt: str = ""
    source: str = ""  # the line under the chart
    left_out: tuple[Point, ...] = ()  # figures of the indicator not drawn here (another frequency), said in the caption
    lang: str = "en"  # the language of its texts, and of the words the renderer adds (its legend)
    invert: bool = False  # a rank: 1 at the top of the value axis


# --- CSV -------------------------------------------------------------------------------------------------

CHART_COLUMNS = ["series", "kind", "frequency", "period", "value", "bound", "shown", "unit", "source", "publisher"]
CHART_COLUMNS += ["tier", "quote", "observation_line"]


def table_rows(table: Table) -> list[list]:
    """The table as CSV rows: a header of every column (units in it), then one row per table row, with the
    observation lines it rests on last."""
    out = [[c.title for c in table.columns] + ["observation_lines"]]
    for row in table.rows:
        out.append([row.cells.get(c.key, "") for c in table.columns] + [";".join(str(n) for n in row.lines)])
    return out


def chart_rows(chart: Chart) -> list[list]:
    """Every point the chart draws, one row each, with its source and its words."""
    out = [CHART_COLUMNS]
    for s in chart.series:
        for p in s.points:
            out.append(
                [s.label, s.kind, s.frequency, p.period, p.value, p.bound, p.label(chart.lang, chart.unit), chart.unit]
                + [p.source, p.publisher]
                + [p.tier, p.quote, p.line]
            )
    return out


def csv_text(rows: list[list]) -> str:
    """RFC 4180 CSV with a UTF-8 byte order mark (so that Excel reads the Chinese); no text cell runs as a formula."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow([defuse(cell) if isinstance(cell, str) else cell for cell in row])
    return "\ufeff" + buffer.getvalue()


def csv_of(item: Table | Chart) -> str:
    return csv_text(table_rows(item) if isinstance(item, Table) else chart_rows(item))


def data_url(text: str) -> str:
    """The CSV as a data: address for a download link (base64: a third of percent-encoded Chinese)."""
    return "data:text/csv;charset=utf-8;base64," + base64.b64encode(text.encode("utf-8")).decode("ascii")


__all__ = ["Chart", "Column", "Point", "Row", "Series", "Table", "chart_rows", "csv_of", "data_url", "table_rows"]
