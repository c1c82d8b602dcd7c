"""The Chinese text columns: optional, and every missing Chinese field a located warning that does not fail the check."""

import csv
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT

import zonebook
from zonebook import data


def rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write(path: Path, table: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(table[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)


@pytest.mark.parametrize("folder", [ROOT / "data", FIXTURES / "other-city"], ids=lambda f: f.name)
def test_the_bilingual_folders_have_chinese_for_every_english_text(folder):
    problems, warnings = data.review(folder)
    assert problems == [] and warnings == []


def test_a_folder_without_the_chinese_columns_loads_and_is_warned_once_per_file(tmp_path):
    folder = tmp_path / "old"
    shutil.copytree(FIXTURES / "minimal", folder)
    ds = zonebook.load(folder)  # old data folders keep working
    assert set(ds.zones["summary_zh"]) == {""} and set(ds.sources["publisher_zh"]) == {""}
    _, warnings = data.review(folder)

    def needs_chinese(text: str) -> bool:  # the fixture's texts are English, or Chinese with no Latin letter
        return bool(text.strip()) and bool(re.search(r"[A-Za-z]", text))

    expected = {
        name: sum(needs_chinese(r[english]) for r in rows(folder / name))
        for name, columns in data.TRANSLATED.items()
        for english in columns
    }
    found = {w.file.rsplit("/", 1)[1]: w for w in warnings if w.file.endswith(".csv")}
    assert set(found) == {name for name, n in expected.items() if n}
    for name, warning in found.items():
        assert warning.warning and warning.line == 1 and warning.column == next(iter(data.TRANSLATED[name].values()))
        assert f"{expected[name]} rows" in warning.message


def test_every_missing_chinese_field_is_located(tmp_path):
    folder = tmp_path / "half"
    shutil.copytree(ROOT / "data", folder)
    indicators = rows(folder / "indicators.csv")
    blanked = [i for i in (3, 10, 40) if indicators[i]["description_en"]]
    for i in blanked:
        indicators[i]["description_zh"] = ""
    write(folder / "indicators.csv", indicators)
    notes = rows(folder / "observations.csv")
    noted = next(i for i, r in enumerate(notes) if r["note"])
    notes[noted]["note_zh"] = "  "
    write(folder / "observations.csv", notes)
    problems, warnings = data.review(folder)
    assert problems == []
    located = sorted((w.file.rsplit("/", 1)[1], w.line, w.column) for w in warnings)
    # a row's line is its place in the file: the header is line 1, so row i (0-based) is line i + 2
    assert located == sorted(
        [("indicators.csv", i + 2, "description_zh") for i in blanked] + [("observations.csv", noted + 2, "note_zh")]
    )
    assert all(str(w).startswith(f"warning: {w.file}:{w.line}: {w.column}: is empty") for w in warnings)


def test_check_prints_the_warnings_and_passes(tmp_path):
    folder = tmp_path / "old"
    shutil.copytree(FIXTURES / "minimal", folder)
    run = subprocess.run(
        [sys.executable, "-m", "zonebook", "check", "--data", str(folder)], capture_output=True, text=True, cwd=ROOT
    )
    assert run.returncode == 0, run.stderr
    warned = [line for line in run.stderr.splitlines() if line.startswith("warning: ")]
    assert any(f"{folder}/zones.csv:1: summary_zh: column is missing" in line for line in warned)
    assert "passes every check" in run.stdout and f"({len(warned)} warning(s)" in run.stdout
    shipped = subprocess.run(
        [sys.executable, "-m", "zonebook", "check", "--data", "data"], capture_output=True, text=True, cwd=ROOT
    )
    assert (shipped.returncode, shipped.stdout, shipped.stderr) == (0, "data: the data passes every check.\n", "")


def test_a_book_yml_text_without_chinese_is_a_warning_not_an_error(tmp_path):
    folder = tmp_path / "en-only"
    shutil.copytree(ROOT / "data", folder)
    text = (folder / "book.yml").read_text(encoding="utf-8")
    text = text.replace("  zh: 扬州六大重点发展区域：说法与记录\n", "")
    (folder / "book.yml").write_text(text, encoding="utf-8")
    line = next(n for n, t in enumerate(text.splitlines(), 1) if t.startswith("title:")) + 1  # the mapping's first line
    problems, warnings = data.review(folder)
    assert problems == []
    assert [(w.line, w.column) for w in warnings if w.file.endswith("book.yml")] == [(line, "title.zh")]
    edition = zonebook.load(folder).edition
    assert edition.text("title", "zh") == (edition.title["en"], False)
    assert edition.text("city", "zh") == ("扬州", True)


def test_a_text_that_is_chinese_already_needs_no_chinese_twin(tmp_path):
    """A publisher the sources name only in Chinese (统计局) is shown as it is in the Chinese edition, neither warned
    about nor marked untranslated; an English one without its Chinese is both."""
    from zonebook import lang

    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder)
    sources = rows(folder / "sources.csv")
    sources[0].update(publisher="扬州市统计局", publisher_zh="")
    sources[1].update(publisher="Yangzhou Daily", publisher_zh="")
    write(folder / "sources.csv", sources)
    _, warnings = data.review(folder)
    assert [(w.line, w.column) for w in warnings if w.file.endswith("sources.csv")] == [(3, "publisher_zh")]
    ds = zonebook.load(folder)
    first, second = (ds.sources.iloc[i] for i in (0, 1))
    assert lang.text(first, "publisher", "zh") == ("扬州市统计局", True)
    assert lang.text(second, "publisher", "zh") == ("Yangzhou Daily", False)
    assert lang.UNTRANSLATED["zh"] not in lang.html_text(first, "publisher", "zh")
