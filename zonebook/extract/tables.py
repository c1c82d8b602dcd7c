"""Tables laid out as text, one row a line and cells between | (how stored pages keep HTML tables):

    表1 2019年玉环市生产总值                       ← the title: the year of every cell (单位:X: their unit)
    | 绝 对 数 (亿元) | 比上年增长 (%) |            ← a header: a unit in brackets is its column's unit
    地区生产总值 | 617.50 | 5.2 |                   ← a data row: its first cell names it

A header cell 单位 makes that column the unit of each row (粮食 | 吨 | 848656); a header cell with a
year is its column's period; a header that says 增长 or 涨跌 makes its column a growth. Every number in
a data row that has a unit is a figure; a signed change (-7.7) stays signed, as printed.

Some stored pages lay a table out one cell a line, the cells separated by lines holding only | (vertical
tables): the title, a 单位:X line, the header cells, then the rows' cells in turn. The number of columns is
read from the first data row (its name, then its numbers), and the cells are regrouped into rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from zonebook.extract.figures import Figure
from zonebook.extract.layout import Line

_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?")
_BRACKETED = re.compile(r"[(（﹙]\s*(?:±\s*)?([^()（）﹙﹚]{1,8}?)\s*[)）﹚]")
_UNIT_LINE = re.compile(r"单\s*位\s*[:：]\s*([^\s|,，;；]{1,8})")
_YEAR = re.compile(r"((?:19|20)\d\d)\s*年")
_PERCENT_HEADER = re.compile(r"%\s*$")  # 比上年增长%: a column in per cent
_GROWTH = re.compile(r"增长|增速|增幅|增减|涨跌|比上年|±")
_ROW_NAME = re.compile(r"^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|其中\s*[:：]|#)\s*")


@dataclass
class _Cell:
    start: int
    end: int
    text: str


@dataclass
class _Column:
    unit: str = ""
    year: str = ""
    growth: bool = False
    unit_column: bool = False


@dataclass
class Table:
    lines: list[Line]
    figures: list[Figure] = field(default_factory=list)


def _cells(line: Line) -> list[_Cell]:
    cells, at = [], line.start
    for part in line.text.split("|"):
        stripped = part.strip()
        lead = len(part) - len(part.lstrip())
        cells.append(_Cell(at + lead, at + lead + len(stripped), stripped))
        at += len(part) + 1
    if cells and not cells[-1].text:
        cells.pop()
    return cells


def _is_row(line: Line) -> bool:
    return line.text.count("|") >= 1 and sum(1 for c in _cells(line) if c.text) >= 1 and len(_cells(line)) >= 2


def _is_number(text: str) -> bool:
    return bool(_NUMBER.fullmatch(text.replace(",", "")))


def _joined(lines: list[Line]) -> list[Line]:
    """A table row ends with |: a row broken over lines (a header cell 播种面积\n(亩) |) is joined again,
    the line break read as a space inside the cell."""
    out: list[Line] = []
    for line in lines:
        previous = out[-1] if out else None
        if (
            previous is not None
            and line.text.strip()
            and "|" in previous.text
            and not previous.text.rstrip().endswith("|")
            and "|" in line.text
            and line.start - previous.end <= 2
        ):
            gap = " " * (line.start - previous.end)
            out[-1] = Line(previous.start, line.end, previous.text + gap + line.text)
        else:
            out.append(line)
    return out


def table_blocks(lines: list[Line]) -> list[tuple[Line | None, list[Line]]]:
    """(title line or None, rows) for each run of two or more consecutive table lines."""
    blocks, run = [], []
    joined = _joined(lines)
    for index, line in enumerate(joined + [None]):
        if line is not None and _is_row(line):
            run.append((index, line))
            continue
        if len(run) >= 2:  # a blank line or a line of prose ends the table
            before = [earlier for earlier in joined[: run[0][0]] if earlier.text.strip()]
            adjacent = before and run[0][1].start - before[-1].end <= 2
            title = before[-1] if adjacent and len(before[-1].text.strip()) <= 40 else None
            blocks.append((title, [line for _, line in run]))
        run = []
    return blocks


def _unit_in(text: str, known) -> str:
    for pattern in (_UNIT_LINE, _BRACKETED):
        m = pattern.search(text)
        if m and known(m.group(1).strip()):
            return m.group(1).strip()
    return ""


def _read_header(cells: list[_Cell], columns: dict, known_unit) -> str:
    """Read one header row into `columns`; returns the unit of a 单位:X cell, or ""."""
    unit_line = ""
    for i, cell in enumerate(cells):
        found = _UNIT_LINE.search(cell.text)
        if found and known_unit(found.group(1)):
            unit_line = found.group(1)
            continue
        column = columns.setdefault(i, _Column())
        squeezed = re.sub(r"\s+", "", cell.text)
        if squeezed.endswith("单位"):  # 单位, 计量单位: each row's unit
            column.unit_column = True
        percent = "%" if _PERCENT_HEADER.search(squeezed) else ""
        column.unit = _unit_in(cell.text, known_unit) or percent or column.unit
        column.growth = column.growth or bool(_GROWTH.search(squeezed))
        year = _YEAR.search(squeezed)
        column.year = year.group(1) if year else column.year
    return unit_line


def read_table(title: Line | None, rows: list[Line], known_unit) -> Table:
    """The figures of one table. `known_unit(word)` says whether a word is a unit (rules.unit_info)."""
    table = Table(([title] if title else []) + rows)
    title_text = title.text if title else ""
    default_unit = _unit_in(title_text, known_unit)
    year = _YEAR.search(title_text)
    default_year = year.group(1) if year else ""
    columns: dict[int, _Column] = {}
    headers: list[list[_Cell]] = []
    for line in rows:
        cells = _cells(line)
        numbers = [c for c in cells[1:] if _is_number(c.text)]
        if not numbers:
            headers.append(cells)
            continue
        if headers:  # the header rows before this data row
            if len(headers) > 1 and sum(map(len, headers)) == len(cells):
                headers = [[cell for header in headers for cell in header]]  # one header broken over lines
            for header in headers:
                default_unit = _read_header(header, columns, known_unit) or default_unit
            headers = []
        name = _ROW_NAME.sub("", re.sub(r"\s+", "", cells[0].text)) if cells else ""
        row_unit = next((cells[i].text for i, c in columns.items() if c.unit_column and i < len(cells)), "")
        for i, cell in enumerate(cells[1:], start=1):
            if not _is_number(cell.text):
                continue
            column = columns.get(i, _Column())
            unit = column.unit or (row_unit if known_unit(row_unit) else "") or default_unit
            if not unit:
                continue
            figure = Figure(cell.start, cell.start, cell.end, float(cell.text.replace(",", "")), unit)
            figure.name = name
            figure.fixed_measure = figure.measure = "growth" if column.growth else "level"
            figure.quote = (line.start, line.start + len(line.text.rstrip()))
            figure.sentence = figure.quote
            figure.period = column.year or default_year
            figure.pending = not figure.period
            figure.notes.append(f"a table cell (row {name}, unit {unit})")
            if figure.value < 0:
                figure.notes.append("a signed change as printed in the table")
            table.figures.append(figure)
    return table


def _span(norm: str, cells: list[Line]) -> Line:
    """One logical row of a vertical table: from its first cell to its last, the | lines inside it."""
    return Line(cells[0].start, cells[-1].end, norm[cells[0].start : cells[-1].end])


def vertical_blocks(lines: list[Line], norm: str) -> list[tuple[Line | None, list[Line]]]:
    """(title line or None, rows) for each table laid out one cell a line between | lines; each row is one
    Line over its cells (read_table splits it at the | lines), a 单位:X cell a row of its own."""
    blocks, k = [], 0
    while k < len(lines):
        if lines[k].text.strip() != "|" or k == 0 or lines[k - 1].text.strip() in ("", "|"):
            k += 1
            continue
        cells, m = [lines[k - 1]], k
        while m + 1 < len(lines) and lines[m].text.strip() == "|" and lines[m + 1].text.strip() not in ("", "|"):
            cells.append(lines[m + 1])
            m += 2
        k = m + 1
        block = _regroup(cells, norm)
        if block:
            blocks.append(block)
    return blocks


def _regroup(cells: list[Line], norm: str) -> tuple[Line | None, list[Line]] | None:
    texts = [c.text.strip() for c in cells]
    first = next((i for i, t in enumerate(texts) if _is_number(t)), None)
    if first is None or first < 2:
        return None
    width = 1
    while first + width - 1 < len(texts) and _is_number(texts[first + width - 1]):
        width += 1  # the first data row: its name, then its numbers
    columns = width
    if first - 1 - columns < 0:
        return None
    header = cells[first - 1 - columns : first - 1]
    lead = cells[: first - 1 - columns]
    rows, at = [], first - 1
    while at + columns <= len(cells):
        row = texts[at : at + columns]
        if _is_number(row[0]) or not all(_is_number(t) or t in ("-", "—", "…") for t in row[1:]):
            break
        rows.append(_span(norm, cells[at : at + columns]))
        at += columns
    if len(rows) < 2:
        return None
    title = next((c for c in lead if not _UNIT_LINE.search(c.text)), None)
    units = [Line(c.start, c.end, c.text) for c in lead if _UNIT_LINE.search(c.text)]
    return title, units + [_span(norm, header)] + rows
