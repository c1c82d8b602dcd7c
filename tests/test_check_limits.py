"""`check` refuses, with a located message, everything the outputs cannot take; what it accepts builds.

Each case edits one cell of the minimal folder (whose rows we know: zones.csv line 2 is `industry`,
observations.csv line 2 is GDP 2023 = 7423.26 from `bureau`, line 3 GDP 2024 = 7809.64 from `article`).
"""

import csv
import datetime
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, build_book
from pptx import Presentation

import zonebook
from zonebook.analysis import metrics, readings
from zonebook.data import MAX_NAME, MAX_SLUG, MAX_ZONE_NAME
from zonebook.decks import slides as decks
from zonebook.report import html as report


def rows(path: Path) -> list[list[str]]:
    return list(csv.reader(path.open(encoding="utf-8", newline="")))


def write(path: Path, table: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(table)


def edit(folder: Path, name: str, line: int, column: str, value: str) -> None:
    """Set one cell; `line` is the physical line (the header is line 1, no field spans lines here)."""
    table = rows(folder / name)
    table[line - 1][table[0].index(column)] = value
    write(folder / name, table)


def append_copy(folder: Path, name: str, line: int, **changes: str) -> int:
    """Append a copy of a row with some cells changed; return the new row's line."""
    table = rows(folder / name)
    row = dict(zip(table[0], table[line - 1], strict=True)) | changes
    table.append([row[c] for c in table[0]])
    write(folder / name, table)
    return len(table)


# (file, line, column, new value, what the message must say after "file:line: column: ")
CELL_CASES = {
    "order of 10^20": ("zones.csv", 2, "order", "1" + "0" * 20, "is not a position from 1 to 999"),
    "order 0": ("zones.csv", 2, "order", "0", "is not a position from 1 to 999"),
    "value of 400 digits": ("observations.csv", 2, "value", "9" * 400, "is too large"),
    "value of 100,000 digits": ("observations.csv", 2, "value", "1" * 100_000, "is too large"),
    "value of 100,000 decimals": ("observations.csv", 2, "value", "0." + "0" * 99_998 + "1", "decimal places"),
    "value of 10^15": ("observations.csv", 2, "value", "1" + "0" * 15, "is too large"),
    "value of 16 significant digits": ("observations.csv", 2, "value", "7423.260000000001", "significant digits"),
    "NUL in a quote": ("observations.csv", 2, "quote", "全市\x00生产总值", "control character U+0000"),
    "vertical tab in a name": ("zones.csv", 2, "name_en", "Indus\x0btry", "control character U+000B"),
    "ESC in a title": ("sources.csv", 2, "title", "\x1b[31m一篇文章", "control character U+001B"),
    "DEL in a unit": ("indicators.csv", 2, "unit", "亿\x7f元", "control character U+007F"),
    "C1 control in a note": ("observations.csv", 2, "note", "rev\x85ised", "control character U+0085"),
    "noncharacter in a summary": ("zones.csv", 2, "summary_en", "grows\uffff", "U+FFFF"),
    "300-character zone slug": ("zones.csv", 2, "zone", "z" * 300, f"300 characters; expected at most {MAX_SLUG}"),
    "long indicator slug": ("indicators.csv", 2, "indicator", "g" * (MAX_SLUG + 1), f"expected at most {MAX_SLUG}"),
    "long source slug": ("sources.csv", 2, "source", "s" * (MAX_SLUG + 1), f"expected at most {MAX_SLUG}"),
    "256-character English name": (
        "zones.csv",
        2,
        "name_en",
        "N" * 256,
        f"256 characters; expected at most {MAX_ZONE_NAME}",
    ),
    "long Chinese zone name": (
        "zones.csv",
        2,
        "name_zh",
        "产" * (MAX_ZONE_NAME + 1),
        f"expected at most {MAX_ZONE_NAME}",
    ),
    "256-character indicator name": (
        "indicators.csv",
        2,
        "name_en",
        "G" * 256,
        f"256 characters; expected at most {MAX_NAME}",
    ),
    "long Chinese indicator name": (
        "indicators.csv",
        2,
        "name_zh",
        "产" * (MAX_NAME + 1),
        f"expected at most {MAX_NAME}",
    ),
    "month 13": ("sources.csv", 2, "published", "2024-13-45", "is not a date"),
    "29 February of a common year": ("sources.csv", 2, "published", "2023-02-29", "is not a date"),
    "month 00": ("sources.csv", 2, "published", "2023-00", "is not a date"),
    "Arabic-Indic digits in a period": ("observations.csv", 2, "period", "٢٠٢٣", "is not a period"),
    "Arabic-Indic digits in a value": ("observations.csv", 2, "value", "٧٤٢٣", "is not a plain number"),
    "Arabic-Indic digits in an order": ("zones.csv", 2, "order", "١", "is not a whole number"),
}


@pytest.mark.parametrize("case", CELL_CASES)
def test_check_locates_what_the_outputs_cannot_take(case, minimal):
    name, line, column, value, says = CELL_CASES[case]
    edit(minimal, name, line, column, value)
    messages = [str(p) for p in zonebook.check(minimal)]
    where = f"{minimal / name}:{line}: {column}: "
    assert any(m.startswith(where) and says in m for m in messages), messages
    assert all(len(m) < 400 for m in messages), "a message quotes a huge cell whole"


def test_leap_day_and_partial_dates_are_real_dates(minimal):
    edit(minimal, "sources.csv", 2, "published", "2024-02-29")
    edit(minimal, "sources.csv", 3, "published", "2024-12")
    assert zonebook.check(minimal) == []


def test_the_same_number_written_twice_is_a_duplicate(minimal):
    """10000 and 10000.0 are one figure: the duplicate check compares values as numbers."""
    line = append_copy(minimal, "observations.csv", 2, value="7423.260", note="pasted again")
    line2 = append_copy(minimal, "observations.csv", 7, value="10000.0")  # line 7: the target of 10000
    messages = [str(p) for p in zonebook.check(minimal)]
    assert f"{minimal / 'observations.csv'}:{line}: indicator: duplicates line 2" in " | ".join(messages)
    assert f"{minimal / 'observations.csv'}:{line2}: indicator: duplicates line 7" in " | ".join(messages)


def test_a_full_width_period_is_the_same_period(minimal):
    """２０２４ is read as 2024 (NFKC, as numbers are): it duplicates the 2024 row and is shown as 2024."""
    line = append_copy(minimal, "observations.csv", 3, period="２０２４")
    [problem] = zonebook.check(minimal)
    assert (problem.line, problem.column) == (line, "indicator") and "duplicates line 3" in problem.message
    edit(minimal, "observations.csv", line, "period", "２０２５Ｑ１")
    obs = zonebook.load(minimal).observations
    assert "2025Q1" in set(obs["period"]) and all(p.isascii() for p in obs["period"])


def test_zone_positions_are_compared_as_numbers(minimal):
    edit(minimal, "zones.csv", 3, "order", "01")
    [problem] = zonebook.check(minimal)
    assert (problem.line, problem.column) == (3, "order") and "used by another zone" in problem.message


def test_every_problem_at_once_from_the_command(minimal):
    """All the cases above in one folder: one run lists every one, exit 1, no traceback."""
    expected = []
    for name, line, column, value, says in CELL_CASES.values():
        if (name, line, column) in {(n, ln, c) for n, ln, c, *_ in expected}:
            continue  # one value per cell
        edit(minimal, name, line, column, value)
        expected.append((name, line, column, says))
    run = subprocess.run(
        [sys.executable, "-m", "zonebook", "check", "--data", str(minimal)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 1 and "Traceback" not in run.stderr
    for name, line, column, says in expected:
        where = f"{minimal / name}:{line}: {column}: "
        assert any(m.startswith(where) and says in m for m in run.stderr.splitlines()), (where, says)


# --- data at the limits builds, and the analysis says what it cannot compute ------------------


def valid_extreme(case: str, tmp_path: Path) -> Path:
    """The minimal folder with a valid-but-extreme case's files laid over it."""
    folder = tmp_path / case
    shutil.copytree(FIXTURES / "minimal", folder)
    for path in (FIXTURES / "valid-extreme" / case).iterdir():
        shutil.copy(path, folder / path.name)
    assert zonebook.check(folder) == []
    return folder


def test_gdp_path_from_a_figure_that_is_not_positive_says_why(tmp_path):
    """GDP 0 in 2023 and -5 in 2024 (exact actuals): no constant rate leads from -5 to 10000."""
    ds = zonebook.load(valid_extreme("gdp-not-positive", tmp_path))
    g = report.trillion_paths(ds, "gdp", "gdp-growth", 10000.0)  # the path math, to the goal the docstring names
    assert g.base == -5 and g.paths == [] and g.unprojected
    assert all("not positive" in why for _, why in g.unprojected)
    sentences = [r.sentence for r in readings.path_readings(g)]
    assert any(s.startswith("No trend path is drawn") and "not positive" in s for s in sentences)
    assert not any("nan" in s for s in sentences)
    built = datetime.date(2026, 1, 1)
    (tmp_path / "slides").mkdir()
    pptx = decks.write_deck(ds, None, built, tmp_path / "slides")[0]  # the English .pptx first
    names = ds.edition.city
    assert Presentation(pptx).core_properties.title == f"{names['zh']}全市 {names['en']} overview"  # the edition's city


def test_gdp_trend_from_a_zero_start_is_not_projected(minimal):
    edit(minimal, "observations.csv", 2, "value", "0")  # GDP 2023 = 0, 2024 = 7809.64: no compound rate exists
    g = report.trillion_paths(zonebook.load(minimal), "gdp", "gdp-growth", 10000.0)
    assert [name for name, _ in g.unprojected] == ["trend"] and "no growth rate" in g.unprojected[0][1]
    assert not any("nan" in r.sentence for r in readings.path_readings(g))


def test_the_analysis_never_divides_by_a_figure_that_is_not_positive():
    assert metrics.year_reaching(2024, 0.0, 10000, 5.0) is None
    assert metrics.year_reaching(2024, -5.0, 10000, 5.0) is None
    for tiny in (1e-12, 1e-15):  # 1 + 1e-17 is 1.0 in floating point: log(1 + g) would divide by zero
        assert (
            metrics.unprojectable(2024, 7809.64, 10000, tiny)
            == f"at this rate the goal is more than {metrics.PROJECTION_YEARS} years away"
        )
    assert (
        metrics.unprojectable(2024, 7809.64, 10000, 1e-12)
        == f"at this rate the goal is more than {metrics.PROJECTION_YEARS} years away"
    )
    assert metrics.unprojectable(2024, 7809.64, 10000, 5.0) is None
    assert metrics.unprojectable(2024, 7809.64, 10000, -3.0) is None  # "never" is the answer, and a path can be drawn


@pytest.mark.slow  # builds a book
def test_data_at_every_limit_builds(tmp_path):
    """64-character slugs, 120-character zone names and 255-character indicator names, position 999, values of
    15 digits up to ±999,999,999,999,999, a full-width period and a growth target of 1e-12 %: check accepts them,
    so the book and the decks build."""
    data = valid_extreme("limits", tmp_path)
    out = tmp_path / "_build" / "html"
    run = build_book(data, out)
    assert run.returncode == 0, run.stdout + run.stderr
    zones = rows(data / "zones.csv")
    slug, name_en, name_zh = zones[2][0], zones[2][2], zones[2][3]
    stem = f"999-{slug}"
    assert name_en in (out / "chapters" / "zones" / f"{stem}.html").read_text(encoding="utf-8")
    assert "999,999,999,999,999" in (out / "chapters" / "zones" / f"{stem}.html").read_text(encoding="utf-8")
    assert Presentation(out / "slides" / f"{stem}.pptx").core_properties.title == f"{name_zh} {name_en}"
    overview = (out / "chapters" / "overview.html").read_text(encoding="utf-8")
    # the 1e-12 % target, with the data's own price change, reaches the goal never, or beyond the horizon: said, not drawn
    assert "would reach the goal not by" in overview or f"more than {metrics.PROJECTION_YEARS} years away" in overview


def test_a_goal_path_at_a_vanishing_rate_is_said_not_drawn(minimal):
    """A growth target of 1e-12 % with prices unchanged would reach the goal in some 10^13 years: the path would
    need that many points. It is named as not projected instead."""
    obs = minimal / "observations.csv"
    lines = obs.read_text(encoding="utf-8").splitlines()
    obs.write_text(
        "\n".join([*lines, "gdp-growth,2026,0.000000000001,target,eq,bureau,增长0.000000000001%,"]) + "\n",
        encoding="utf-8",
    )
    indicators = minimal / "indicators.csv"
    header, *rows = indicators.read_text(encoding="utf-8").splitlines()
    fields = header.split(",")
    growth = dict.fromkeys(fields, "")
    growth.update(indicator="gdp-growth", zone="city", name_en="GDP growth", name_zh="增速", unit="%", decimals="1")
    if "measure" in growth:
        growth["measure"] = "growth"
    if "price_basis" in growth:
        growth["price_basis"] = "real"
    indicators.write_text("\n".join([header, *rows, ",".join(growth[f] for f in fields)]) + "\n", encoding="utf-8")
    assert zonebook.check(minimal) == []
    g = report.trillion_paths(zonebook.load(minimal), "gdp", "gdp-growth", 10000.0)
    assert "target" in dict(g.unprojected) and all(p.name != "target" for p in g.paths)
    assert len(max((p.values for p in g.paths), key=len, default=[])) < 200
