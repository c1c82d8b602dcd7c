"""The loader and `check`: good data loads, every kind of bad data gets its located message."""

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import FIXTURES, ROOT

import zonebook
from zonebook.data import format_value, period_bounds

BAD_CASES = sorted(p.name for p in (FIXTURES / "bad").iterdir())


def overlay(case: str, tmp_path: Path) -> Path:
    """The minimal folder with one bad case's files laid over it."""
    folder = tmp_path / case
    shutil.copytree(FIXTURES / "minimal", folder)
    for path in (FIXTURES / "bad" / case).iterdir():
        if path.name == "remove":
            for name in path.read_text().split():
                (folder / name).unlink()
        elif path.name != "expected.txt":
            shutil.copy(path, folder / path.name)
    return folder


def test_minimal_loads_and_joins():
    ds = zonebook.load(FIXTURES / "minimal")
    assert list(ds.zones["zone"]) == ["industry", "ecology"]
    obs = ds.observations
    row = obs[(obs.indicator == "gdp") & (obs.source == "article") & (obs.period == "2024")].iloc[0]
    assert row.value == pytest.approx(7809.64)
    assert (row.zone, row.unit, row.tier, row.decimals) == ("city", "亿元", "C", 2)
    gap = obs[obs.indicator == "water-coverage"].iloc[0]
    assert gap.is_gap and pd.isna(gap.value)


def test_zone_slice_holds_only_that_zone():
    ds = zonebook.load(FIXTURES / "minimal").for_zone("ecology")
    assert set(ds.observations["indicator"]) == {"good-air-days", "water-coverage"}
    assert set(ds.sources["source"]) == {"bureau", "article"}


def test_excel_habits_are_read_without_guessing():
    """GB18030, BOM, CRLF, stray spaces, full-width digits and thousands separators."""
    assert zonebook.check(FIXTURES / "excel") == []
    excel = zonebook.load(FIXTURES / "excel").observations
    minimal = zonebook.load(FIXTURES / "minimal").observations
    cols = ["indicator", "period", "value", "source", "quote"]
    pd.testing.assert_frame_equal(excel[cols], minimal[cols])
    assert zonebook.load(FIXTURES / "excel").zone("ecology")["name_zh"] == "生态区"


@pytest.mark.parametrize("case", BAD_CASES)
def test_bad_data_gets_every_located_message(case, tmp_path):
    folder = overlay(case, tmp_path)
    messages = [str(p) for p in zonebook.check(folder)]
    expected = (FIXTURES / "bad" / case / "expected.txt").read_text(encoding="utf-8").split("\n")
    for want in filter(None, expected):
        assert any(m.startswith(f"{folder}/") and want in m for m in messages), f"{want!r} not in {messages}"
    with pytest.raises(zonebook.DataError) as raised:
        zonebook.load(folder)
    assert len(raised.value.problems) == len(messages)


def test_check_command_reports_all_problems_without_traceback(tmp_path):
    folder = overlay("bad-values", tmp_path)
    run = subprocess.run(
        [sys.executable, "-m", "zonebook", "check", "--data", str(folder)], cwd=ROOT, capture_output=True, text=True
    )
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    lines = [line for line in run.stderr.splitlines() if line.startswith(f"{folder}/")]
    assert len(lines) >= 6
    assert all(line.count(":") >= 3 for line in lines)  # file:line: column: message


def test_check_command_passes_good_data():
    run = subprocess.run(
        [sys.executable, "-m", "zonebook", "check", "--data", str(FIXTURES / "minimal")],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr


def test_missing_folder_is_a_clear_error(tmp_path):
    [problem] = zonebook.check(tmp_path / "nowhere")
    assert "does not exist" in problem.message


@pytest.mark.parametrize(
    "period, bounds",
    [("2024", (2024, 2025)), ("2025Q1", (2025, 2025.25)), ("2025Q4", (2025.75, 2026)), ("2021-2025", (2021, 2026))],
)
def test_period_bounds(period, bounds):
    assert period_bounds(period) == pytest.approx(bounds)


@pytest.mark.parametrize(
    "value, decimals, bound, shown",
    [
        (8000, 0, "gt", ">8,000"),
        (7809.64, 2, "eq", "7,809.64"),
        (5.5, 1, "approx", "≈5.5"),
        (float("nan"), 1, "eq", "—"),
    ],
)
def test_format_value(value, decimals, bound, shown):
    assert format_value(value, decimals, bound) == shown


def test_duplicates_of_a_large_pasted_file_each_point_at_their_first_line(tmp_path):
    """The shipped observations pasted 20 times (5,520 rows): every row of copy k > 0 duplicates the same row of
    copy 0, and says which line that is. Once quadratic (minutes); the timeout only catches a relapse."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    path = tmp_path / "data" / "observations.csv"
    header, *body = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text(header + "".join(body) * 20, encoding="utf-8")
    starts = []  # physical line each row starts on (a quoted field may span lines)
    reader = csv.reader(path.open(encoding="utf-8", newline=""))
    next(reader)
    line = 2
    for _ in reader:
        starts.append(line)
        line = reader.line_num + 1
    per_copy = len(starts) // 20
    same = "the same indicator, period, source, kind, bound, value"
    expected = {
        f"{path}:{starts[k * per_copy + i]}: indicator: duplicates line {starts[i]}: {same}"
        for k in range(1, 20)
        for i in range(per_copy)
    }
    run = subprocess.run(
        [sys.executable, "-m", "zonebook", "check", "--data", str(tmp_path / "data")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 1
    reported = {m for m in run.stderr.splitlines() if m.startswith(f"{path}:")}
    assert reported == expected
