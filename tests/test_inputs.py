"""The no-op check: the inputs digest changes with anything a build reads, and only then."""

import shutil

from conftest import ROOT

from zonebook.build import inputs
from zonebook.build.paths import read_marker


def test_the_digest_is_stable_and_follows_every_data_byte(minimal, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = inputs.digest(minimal)
    assert inputs.digest(minimal) == first
    obs = minimal / "observations.csv"
    obs.write_bytes(obs.read_bytes().replace(b"299", b"298", 1))
    edited = inputs.digest(minimal)
    assert edited != first
    (minimal / "README.md").write_text("# Data dictionary\n", encoding="utf-8")  # the dictionary page reads it
    assert inputs.digest(minimal) not in (first, edited)


def test_the_digest_follows_the_project_and_the_decks_date(minimal, tmp_path, monkeypatch):
    project = tmp_path / "project"  # a copy of the project's sources, to edit
    project.mkdir()
    for name in (*inputs.PROJECT, "chapters"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, project / name)
    monkeypatch.setattr(inputs, "ROOT", project)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    chapters = project / "chapters"
    first = inputs.digest(minimal, chapters)
    template = chapters / "zone.ipynb"
    template.write_text(template.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert inputs.digest(minimal, chapters) != first
    second = inputs.digest(minimal, chapters)
    (project / "zonebook" / "__pycache__").mkdir(exist_ok=True)
    (project / "zonebook" / "__pycache__" / "x.pyc").write_bytes(b"compiled")  # not an input
    assert inputs.digest(minimal, chapters) == second
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    assert inputs.digest(minimal, chapters) != second


def test_a_book_without_a_record_is_never_up_to_date(tmp_path):
    assert read_marker(tmp_path / "nowhere") == {}
    (tmp_path / "build.json").write_text("not json", encoding="utf-8")
    assert read_marker(tmp_path) == {}
    (tmp_path / "build.json").write_text('["a list"]', encoding="utf-8")
    assert read_marker(tmp_path) == {}
    (tmp_path / "build.json").write_text('{"inputs": "x"}', encoding="utf-8")  # someone else's build.json
    assert read_marker(tmp_path) == {}
