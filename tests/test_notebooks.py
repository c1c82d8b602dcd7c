"""The committed notebooks are the chapters' source: an analyst opens and edits them in Jupyter. They are
kept without outputs, and carry the tags the build relies on."""

import json
from pathlib import Path

import pytest
from conftest import ROOT

NOTEBOOKS = sorted((ROOT / "chapters").glob("*.ipynb"))


def cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def test_there_are_notebooks():
    assert {p.stem for p in NOTEBOOKS} >= {"zone", "intro", "overview", "comparison", "audit"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_a_notebook_is_committed_without_outputs(path):
    for number, cell in enumerate(cells(path), 1):
        if cell["cell_type"] == "code":
            assert cell.get("outputs") == [] and cell.get("execution_count") is None, (
                f"{path.name} cell {number} has outputs"
            )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_a_notebook_has_one_parameters_cell_hidden_from_the_page(path):
    tagged = [c for c in cells(path) if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1, f"{path.name}: papermill needs exactly one cell tagged 'parameters'"
    assert "remove-cell" in tagged[0]["metadata"]["tags"], (
        f"{path.name}: the parameters cell must be tagged 'remove-cell'"
    )
    assert "data_dir" in "".join(tagged[0]["source"])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_a_notebook_opens_with_its_title_and_shows_no_code(path):
    notebook = cells(path)
    assert notebook[0]["cell_type"] == "markdown" and "".join(notebook[0]["source"]).startswith("# "), (
        f"{path.name}: the first cell is the page's title (the build retitles zone pages)"
    )
    for number, cell in enumerate(notebook, 1):
        tags = set(cell.get("metadata", {}).get("tags", []))
        if cell["cell_type"] == "code":
            assert tags & {"remove-input", "remove-cell"}, f"{path.name} cell {number}: code would show on the page"
