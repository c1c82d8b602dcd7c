import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SOURCES = ROOT / "sources"  # the source texts the data was curated from, kept in the repository


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    """A writable copy of the small, valid data folder."""
    folder = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", folder)
    return folder


def build_book(data: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    """`python -m zonebook build` as a user runs it, on two kernels; its exit code and output."""
    command = [sys.executable, "-m", "zonebook", "build", "--data", str(data), "--out", str(out), "--jobs", "2", *extra]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)


@pytest.fixture(scope="session")
def shipped_book(tmp_path_factory) -> Path:
    """The book of the shipped data, built once for every test that only reads it (pages, browser, print)."""
    out = tmp_path_factory.mktemp("shipped") / "_build" / "html"
    run = build_book(ROOT / "data", out)
    assert run.returncode == 0, run.stdout + run.stderr
    return out


@pytest.fixture(scope="session")
def other_city_book(tmp_path_factory) -> Path:
    """The book of the invented fixture city, built once for the tests that only read it. Its data is copied first,
    so no path of this checkout (which may name a city) is recorded in the book."""
    data = tmp_path_factory.mktemp("other-city") / "data"
    shutil.copytree(FIXTURES / "other-city", data)
    out = data.parent / "_build" / "html"
    run = build_book(data, out)
    assert run.returncode == 0, run.stdout + run.stderr
    return out


@pytest.fixture(scope="session")
def written_decks(tmp_path_factory):
    """`python -m zonebook slides` for a data folder ("data" or a fixture's name), written once per test session for
    the modules that only read or render the decks: the folder holds the English decks, zh/ the Chinese."""
    from zonebook.decks import slides

    written: dict[str, Path] = {}

    def decks_of(name: str) -> Path:
        if name not in written:
            data = ROOT / "data" if name == "data" else FIXTURES / name
            out = tmp_path_factory.mktemp(f"decks-{name}")
            assert slides.make_decks(data, out) == 0
            written[name] = out
        return written[name]

    return decks_of
