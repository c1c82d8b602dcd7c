"""Everything a build reads, as one digest, so that a rebuild with nothing changed can stop at once.

The published book's build.json records the digest it was built from. When the data, the notebooks,
the pages, the package, the configuration and the pinned requirements are byte for byte the same,
the book would be the same too, and the build ends before starting a kernel or importing pandas.
Light on purpose: the command line imports it first, also to decide how many kernels to start.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from zonebook.build.paths import CHAPTERS, ROOT

PROJECT = ("_config.yml", "_toc.yml", "requirements.txt", "_static", "zonebook")
ENVIRONMENT = ("SOURCE_DATE_EPOCH",)  # sets the date on the decks


def tree_digest(base: Path, *paths: Path) -> str:
    """A hash of every file under `paths` (all of `base` if none are given): names relative to `base`, and contents."""
    h = hashlib.sha256()
    for path in paths or (base,):
        files = (
            [path]
            if path.is_file()
            else sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        )
        for file in files:
            h.update(f"{file.relative_to(base).as_posix()}\n".encode())
            h.update(hashlib.sha256(file.read_bytes()).digest())
    return h.hexdigest()


def digest(data: Path, chapters: Path = CHAPTERS) -> str:
    """A hash of the data folder (and where it is: the notebooks record it), the chapters, the project's sources
    and the environment."""
    data = data.resolve()
    environment = [os.environ.get(name) for name in ENVIRONMENT]
    project = tree_digest(ROOT, *(ROOT / name for name in PROJECT if (ROOT / name).exists()))
    return hashlib.sha256(
        f"{data}\n{environment}\n{tree_digest(data)}\n{tree_digest(chapters)}\n{project}".encode()
    ).hexdigest()


def kernels_to_start(cache: Path, jobs: int) -> int:
    """`jobs` kernels for a first build (no cache: every notebook will run), else one; the build adds more if it finds the work."""
    return max(1, jobs) if not cache.is_dir() else 1
