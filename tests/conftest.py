import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SOURCES = ROOT / "sources"  # the source texts the data was curated from, kept in the repository
NOT_THE_CHECKOUT = {".git", ".venv", "_build", "__pycache__", ".pytest_cache", ".ruff_cache"}  # made by tools


def checkout_files() -> dict[str, tuple[int, int]]:
    """Every file of the checkout (not the venv, the build folder or the tools' caches): its mtime and size."""
    files = {}
    for folder, subfolders, names in os.walk(ROOT):
        subfolders[:] = [d for d in subfolders if d not in NOT_THE_CHECKOUT and not d.endswith(".egg-info")]
        for name in names:
            stat = os.stat(os.path.join(folder, name))
            files[os.path.relpath(os.path.join(folder, name), ROOT)] = (stat.st_mtime_ns, stat.st_size)
    return files


def pytest_sessionstart(session):
    session.config.checkout_before = checkout_files()


def pytest_sessionfinish(session, exitstatus):
    """A test that writes into the checkout, even one that puts the file back, fails the run: the build digests
    the project's files, and a test running beside it (pytest-xdist) would see the edit."""
    before, after = session.config.checkout_before, checkout_files()
    touched = sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))
    if touched:
        print(f"\nthe tests wrote into the checkout (use a copy in tmp_path): {', '.join(touched)}", file=sys.stderr)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


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


def once(tmp_path_factory, name: str, make) -> Path:
    """`make(folder)` run once per test run, also when pytest-xdist runs the tests on several workers: the first
    worker to ask makes it (the others wait on a lock) in the run's own temporary folder, and all read it."""
    from filelock import FileLock

    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base  # xdist: pytest-N/popen-gwK
    folder = shared / f"once-{name}"
    with FileLock(str(shared / f"once-{name}.lock")):
        if not (folder / ".made").exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            (folder / ".made").touch()
    return folder


@pytest.fixture(scope="session")
def shipped_book(tmp_path_factory) -> Path:
    """The book of the shipped data, built once for every test that only reads it (pages, browser, print)."""

    def make(folder: Path) -> None:
        run = build_book(ROOT / "data", folder / "_build" / "html")
        assert run.returncode == 0, run.stdout + run.stderr

    return once(tmp_path_factory, "shipped", make) / "_build" / "html"


@pytest.fixture(scope="session")
def other_city_book(tmp_path_factory) -> Path:
    """The book of the invented fixture city, built once for the tests that only read it. Its data is copied first,
    so no path of this checkout (which may name a city) is recorded in the book."""

    def make(folder: Path) -> None:
        shutil.copytree(FIXTURES / "other-city", folder / "data")
        run = build_book(folder / "data", folder / "_build" / "html")
        assert run.returncode == 0, run.stdout + run.stderr

    return once(tmp_path_factory, "other-city", make) / "_build" / "html"


@pytest.fixture(scope="session")
def written_decks(tmp_path_factory):
    """`python -m zonebook slides` for a data folder ("data" or a fixture's name), written once per test run for
    the modules that only read or render the decks: the folder holds the English decks, zh/ the Chinese."""
    from zonebook.decks import slides

    def decks_of(name: str) -> Path:
        def make(folder: Path) -> None:
            assert slides.make_decks(ROOT / "data" if name == "data" else FIXTURES / name, folder) == 0

        return once(tmp_path_factory, f"decks-{name}", make)

    return decks_of
