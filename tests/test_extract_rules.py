"""The rule tables are data a user reads and extends: every row shows an example of its own, worded
generally, and not taken from the seed article the rules were first written for."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from zonebook import extract as ex
from zonebook.extract.layout import FULLWIDTH

SEED = Path(__file__).resolve().parents[1] / "sources" / "seed-article-netease-2026-02-25.txt"


def table_rows(path: Path) -> list[tuple[int, dict]]:
    numbered = [(n, line) for n, line in enumerate(path.read_text("utf-8").splitlines(), 1) if not line.startswith("#")]
    reader = csv.DictReader(io.StringIO("\n".join(line for _, line in numbered)))
    return [(numbered[reader.line_num - 1][0], row) for row in reader]


def illustrates(row: dict, example: str) -> bool:
    word, table, where = row["word"], row.get("table") or "unit", row.get("where") or ""
    if table == "pattern" or (table == "chrome" and where == "regex"):
        return re.search(word, example) is not None
    if table == "chrome" and where == "exact":
        return example.strip() == word
    if table == "chrome" and where == "start":
        return example.strip().startswith(word)
    if table == "notfig" and where == "quoted":
        return example.find(word[0]) >= 0 and example.find(word[-1], example.find(word[0]) + 1) > 0
    return word in example


def problem(row: dict, seed: str) -> str | None:
    """What is wrong with a row's examples, or None."""
    examples = [e.strip() for e in (row.get("example") or "").split(" / ") if e.strip()]
    if not examples:
        return f"row {row['word']!r} has no example"
    own = [e for e in examples if illustrates(row, e)]
    if not own:
        return f"no example shows {row['word']!r} as the row applies it: {examples}"
    if all(e in seed for e in own):
        return f"the only example of {row['word']!r} is from the seed article"
    return None


SEED_TEXT = SEED.read_text("utf-8").translate(FULLWIDTH)
ROWS = [(path, line, row) for path in (ex.RULES_FILE, ex.UNITS_FILE) for line, row in table_rows(path)]


@pytest.mark.parametrize("path, line, row", ROWS, ids=[f"{p.name}:{n}" for p, n, _ in ROWS])
def test_every_rule_row_has_an_example_of_its_own_not_from_the_seed(path, line, row):
    assert problem(row, SEED_TEXT) is None, f"{path.name}:{line}: {problem(row, SEED_TEXT)}"


def test_the_check_catches_a_seed_only_example_and_one_that_shows_another_word():
    assert "seed" in problem({"table": "bound", "word": "左右", "where": "after", "example": "增长5.5%左右"}, SEED_TEXT)
    assert "shows" in problem({"table": "bound", "word": "约", "where": "before", "example": "增长5%"}, SEED_TEXT)
    assert "no example" in problem({"table": "glue", "word": "达", "where": "", "example": ""}, SEED_TEXT)
