"""The extract command's draft is opened in Excel: no cell of it may run as a formula there."""

from __future__ import annotations

import csv

import pytest

from zonebook import extract as ex

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@pytest.mark.parametrize(
    "text, source",
    [
        ('=HYPERLINK("http://x")地区生产总值增长5%。', "seed"),
        ("+2023年,全市地区生产总值8000亿元。", "seed"),
        ("-2023年,全市地区生产总值8000亿元,蛋类价格下降7.7%。", "seed"),
        ("@SUM(A1:A2)全市新增企业500家。", "seed"),
        ("\t2023年,全市新增企业500家。", "seed"),
        ("2023年,全市新增企业500家。", "=cmd|' /C calc'!A0"),
        ("2023年,全市新增企业500家。", "@x"),
    ],
)
def test_no_draft_cell_runs_as_a_formula(tmp_path, monkeypatch, text, source):
    monkeypatch.chdir(tmp_path)  # no data/indicators.csv here
    (tmp_path / "in.txt").write_text(text, encoding="utf-8")
    assert ex.run(str(tmp_path / "in.txt"), source, str(tmp_path / "draft.csv")) == 0
    with (tmp_path / "draft.csv").open(encoding="utf-8", newline="") as handle:
        drafted = list(csv.DictReader(handle))
    assert drafted
    for row in drafted:
        float(row["value"])  # numbers stay numbers (a negative number is not a formula)
        for column, cell in row.items():
            if column != "value":
                assert not cell.startswith(FORMULA_STARTS), (column, cell)


def test_a_defused_cell_keeps_its_text_after_the_apostrophe(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in.txt").write_text("=1+1地区生产总值增长5%。", encoding="utf-8")
    ex.run(str(tmp_path / "in.txt"), "=src", str(tmp_path / "draft.csv"))
    with (tmp_path / "draft.csv").open(encoding="utf-8", newline="") as handle:
        row = next(csv.DictReader(handle))
    assert row["source"] == "'=src"
    assert row["quote"].startswith("'=") and row["quote"][1:] in "=1+1地区生产总值增长5%。"
    assert "apostrophe" in row["extract_note"]
