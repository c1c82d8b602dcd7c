import shutil
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
