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
