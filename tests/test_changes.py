"""The "What changed" page lists every added, removed and revised observation exactly once.

Each test edits a copy of the minimal data, whose observations.csv we know: line 2 GDP 2023 = 7423.26
(bureau), line 3 GDP 2024 = 7809.64 (article, exact), line 4 GDP 2024 ≈ 7800 (bureau), line 14 the
water-coverage gap (article); gdp has 2 decimals, water-coverage 1.
"""

import csv
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES

import zonebook
from zonebook.analysis.changes import changes_page, changes_summary

HEADER = ["indicator", "period", "value", "kind", "bound", "source", "quote", "note"]


def folder(tmp_path: Path, name: str, edit=None) -> Path:
    """A copy of the minimal data; `edit` changes its observation rows (a list of dicts, in file order)."""
    target = tmp_path / name
    shutil.copytree(FIXTURES / "minimal", target)
    if edit:
        path = target / "observations.csv"
        rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
        rows = edit(rows)
        with path.open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=HEADER, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    return target


def page(tmp_path: Path, old_edit=None, new_edit=None) -> str:
    old = zonebook.load(folder(tmp_path, "old", old_edit))
    new = zonebook.load(folder(tmp_path, "new", new_edit))
    return changes_page(new, old)


def sections(text: str) -> dict[str, list[list[str]]]:
    """The page's tables by section (Added, Revised, Removed): each data row as its cells, markdown escapes removed."""
    found, current = {}, None
    for line in text.splitlines():
        if line.startswith("## "):
            current = found.setdefault(line[3:], [])
        elif current is not None and line.startswith("| ") and not line.startswith("| Indicator"):
            current.append([cell.strip().replace("\\", "") for cell in line.strip("|").split(" | ")])
    return found


def row(rows: list[dict], line: int) -> dict:
    return rows[line - 2]


def test_unchanged_data_shows_no_change(tmp_path):
    assert "No figure changed" in page(tmp_path)


def test_a_row_sharing_indicator_period_source_and_kind_is_added(tmp_path):
    """A second GDP 2024 figure from the article (approx 7800 beside the exact 7809.64) is a new figure."""

    def add(rows):
        return [*rows, {**row(rows, 3), "value": "7800", "bound": "approx", "quote": "约7800亿元"}]

    text = page(tmp_path, new_edit=add)
    assert changes_summary(text) == "Since the last published build: 1 figure added, 0 revised and 0 removed."
    assert sections(text) == {"Added": [["GDP (地区生产总值)", "2024", "article", "actual", "≈7,800"]]}


def test_revising_one_of_two_rows_with_the_same_key_is_listed(tmp_path):
    """Two article rows for GDP 2024; the approximate one goes from 7800 to 7850: one revision, nothing else."""

    def two(rows):
        return [*rows, {**row(rows, 3), "value": "7800", "bound": "approx", "quote": "约7800亿元"}]

    def revised(rows):
        rows = two(rows)
        rows[-1] = {**rows[-1], "value": "7850"}
        return rows

    text = page(tmp_path, old_edit=two, new_edit=revised)
    assert changes_summary(text) == "Since the last published build: 0 figures added, 1 revised and 0 removed."
    assert sections(text)["Revised"] == [
        ["GDP (地区生产总值)", "2024", "article", "actual", "≈7,800", "≈7,850", "value"]
    ]


def test_swapping_two_rows_with_the_same_key_changes_nothing(tmp_path):
    def two(rows):
        return [*rows, {**row(rows, 3), "value": "7800", "bound": "approx", "quote": "约7800亿元"}]

    def swapped(rows):
        rows = two(rows)
        rows[1], rows[-1] = rows[-1], rows[1]
        return rows

    assert "No figure changed" in page(tmp_path, old_edit=two, new_edit=swapped)


def test_a_revision_below_the_shown_decimals_is_shown_in_full(tmp_path):
    def finer(rows):
        row(rows, 3)["value"] = "7809.643"
        return rows

    text = page(tmp_path, new_edit=finer)
    assert sections(text)["Revised"] == [
        ["GDP (地区生产总值)", "2024", "article", "actual", "7,809.64", "7,809.643", "value"]
    ]


def test_a_new_quote_or_note_is_a_revision_of_the_row(tmp_path):
    def requoted(rows):
        row(rows, 2)["quote"] = "全市地区生产总值7423.26亿元"
        row(rows, 2)["note"] = "quote corrected"
        return rows

    assert sections(page(tmp_path, new_edit=requoted))["Revised"] == [
        ["GDP (地区生产总值)", "2023", "bureau", "actual", "7,423.26", "7,423.26", "quote, note"]
    ]


def test_a_figure_for_a_gap_and_a_new_bound_are_revisions(tmp_path):
    def filled(rows):
        row(rows, 14)["value"] = "95"
        row(rows, 14)["note"] = ""
        row(rows, 4)["bound"] = "gt"
        return rows

    revised = sections(page(tmp_path, new_edit=filled))["Revised"]
    assert sorted(revised) == sorted(
        [
            ["GDP (地区生产总值)", "2024", "bureau", "actual", "≈7,800", ">7,800", "bound"],
            [
                "Rural tap-water coverage (农村自来水普及率)",
                "2025",
                "article",
                "actual",
                "(missing)",
                "95",
                "value, note",
            ],
        ]
    )


@pytest.mark.parametrize("order", ["as written", "reversed"])
def test_every_added_removed_and_revised_row_is_listed_once(tmp_path, order):
    """One row removed (GDP 2023), one revised (GDP 2024 exact), one added (GDP 2026): in any file order."""

    def edited(rows):
        rows = [r for r in rows if r["period"] != "2023" or r["indicator"] != "gdp"]
        next(r for r in rows if r["indicator"] == "gdp" and r["period"] == "2024" and r["bound"] == "eq")["value"] = (
            "7810"
        )
        rows.append(
            {**rows[0], "period": "2026", "value": "8500", "kind": "target", "bound": "ge", "quote": "力争8500亿元"}
        )
        return rows if order == "as written" else rows[::-1]

    text = page(tmp_path, new_edit=edited)
    assert changes_summary(text) == "Since the last published build: 1 figure added, 1 revised and 1 removed."
    assert sections(text) == {
        "Added": [["GDP (地区生产总值)", "2026", "article", "target", "≥8,500"]],
        "Revised": [["GDP (地区生产总值)", "2024", "article", "actual", "7,809.64", "7,810", "value"]],
        "Removed": [["GDP (地区生产总值)", "2023", "bureau", "actual", "7,423.26"]],
    }


def test_the_chinese_page_lists_the_same_rows_in_chinese(tmp_path):
    """The Chinese edition's page: the same added and revised rows as the English page, with the indicators'
    Chinese names and the Chinese kind; the sentence and the headings are Chinese."""

    def add(rows):
        return [*rows, {**row(rows, 3), "value": "7800", "bound": "approx", "quote": "约7800亿元"}]

    def revise(rows):
        rows = add(rows)
        rows[-1] = {**rows[-1], "value": "7850"}
        return rows

    old = zonebook.load(folder(tmp_path, "old", add))
    new = zonebook.load(folder(tmp_path, "new", revise))
    english, chinese = changes_page(new, old), changes_page(new, old, lang="zh")
    assert len(sections(english)["Revised"]) == 1
    zh_rows = [line for line in chinese.splitlines() if line.startswith("| ") and not line.startswith("| 指标")]
    assert len(zh_rows) == 1
    assert zh_rows[0].replace("\\", "") == "| 地区生产总值 | 2024 | article | 实际数 | ≈7800 | ≈7850 | value |"
    assert "## 修订" in chinese and "# 数据变动" in chinese
    assert changes_summary(chinese) == "与上一次发布的版本相比：新增0个数据，修订1个，删除0个。"
    assert changes_page(new, None, lang="zh").splitlines()[-1].startswith("这是本报告的首次构建")
    assert (
        changes_page(new, None, 3, lang="zh").splitlines()[-1]
        == "上一次发布版本的数据无法读取（3处问题），因此未列出变化。"
    )
