"""The cache keys: a notebook (or the decks) is executed again exactly when a part of the package it runs
changes, whatever form its imports take."""

import shutil

import pytest
from conftest import ROOT

from zonebook.build import cache

TEMPLATES = sorted((ROOT / "chapters").glob("*.ipynb"))


@pytest.fixture
def package(tmp_path):
    """A copy of the package to edit."""
    copy = tmp_path / "zonebook"
    shutil.copytree(ROOT / "zonebook", copy, ignore=shutil.ignore_patterns("__pycache__", "fonts", "corpus"))
    return copy


def digests(package):
    notebooks = {t.name: cache.code_digest(cache.notebook_parts(t, package), package) for t in TEMPLATES}
    return notebooks, cache.code_digest(cache.closure({"decks"}, package), package)


# which parts each kind of output runs: the notebooks print the analysis through the report; the decks too,
# and their own part; nothing runs the build's or the extractor's code
EDITS = {  # a module of each part -> (notebooks re-executed, decks redrawn)
    "data.py": (True, True),
    "edition.py": (True, True),
    "frames.py": (True, True),
    "analysis/metrics.py": (True, True),
    "analysis/readings.py": (True, True),
    "report/html.py": (True, True),
    "report/charts.py": (True, True),
    "decks/pptx.py": (False, True),
    "build/publish.py": (False, False),
    "build/execute.py": (False, False),
    "extract/pipeline.py": (False, False),
    "cli.py": (False, False),
}


@pytest.mark.parametrize("module", sorted(EDITS))
def test_editing_a_part_re_executes_exactly_what_runs_it(package, module):
    before_notebooks, before_decks = digests(package)
    path = package / module
    path.write_text(path.read_text(encoding="utf-8") + "\n# an edit\n", encoding="utf-8")
    after_notebooks, after_decks = digests(package)
    notebooks, decks = EDITS[module]
    assert all((after_notebooks[n] != before_notebooks[n]) == notebooks for n in before_notebooks), module
    assert (after_decks != before_decks) == decks, module


@pytest.mark.parametrize(
    "code, parts",
    [
        ("from zonebook.report.html import x", {"report"}),
        ("import zonebook.analysis.metrics as m", {"analysis"}),
        ("from zonebook import load, analysis", {"__init__", "analysis"}),
        ("def f():\n    from zonebook.decks import slides\n", {"decks"}),
        ("from zonebook.data import (\n  load,\n  check)\n", {"data"}),
        ("import pandas, zonebook.edition", {"edition"}),
    ],
)
def test_every_form_of_import_is_seen(code, parts):
    assert cache.parts_imported(code) == parts


def test_a_notebook_runs_the_data_analysis_and_report_but_not_the_build():
    parts = cache.notebook_parts(ROOT / "chapters" / "zone.ipynb")
    assert {"__init__", "data", "analysis", "report"} <= parts
    assert not parts & {"build", "extract", "decks", "cli"}


def test_atomic_write_leaves_no_partial_file(tmp_path):
    target = tmp_path / "a" / "entry.ipynb"
    cache.atomic_write(target, b"whole")
    assert target.read_bytes() == b"whole" and [p.name for p in target.parent.iterdir()] == ["entry.ipynb"]
