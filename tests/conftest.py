import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SHARED_SOURCES = ROOT.parent / "shared" / "sources"


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    """A writable copy of the small, valid data folder."""
    folder = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", folder)
    return folder
