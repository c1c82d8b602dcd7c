"""Everything a build reads, as one digest, so that a rebuild with nothing changed can stop at once.

The published book's build.json records the digest it was built from. When the data, the notebooks,
the pages, the package, the configuration and the pinned requirements are byte for byte the same,
the book would be the same too, and the build ends before starting a kernel or importing pandas.
Light on purpose: the command line imports it first, also to decide how many kernels to start.
"""

from __future__ import annotations

import hashlib
import os
import shutil
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


def digest(data: Path, chapters: Path = CHAPTERS, contents: Path | None = None) -> str:
    """A hash of the data folder (its files, or those of its copy `contents`, and where it is), the chapters, the
    project's sources and the environment."""
    data = data.resolve()
    environment = [os.environ.get(name) for name in ENVIRONMENT]
    project = tree_digest(ROOT, *(ROOT / name for name in PROJECT if (ROOT / name).exists()))
    files = tree_digest(contents or data)
    return hashlib.sha256(f"{data}\n{environment}\n{files}\n{tree_digest(chapters)}\n{project}".encode()).hexdigest()


def copy(data: Path, into: Path) -> Path:
    """The data folder copied to `into` (the build's own folder), which everything in the build then reads: the
    kernels read the data later than the build does, and cache what they compute under the digest the build took,
    so an edit saved meanwhile would be half in this book and cached as the old data's. With a copy it is the next
    build's, whole."""
    shutil.rmtree(into, ignore_errors=True)
    shutil.copytree(data, into)
    return into


def kernels_to_start(cache: Path, jobs: int) -> int:
    """`jobs` kernels for a first build (no cache: every notebook will run), else one; the build adds more if it finds the work."""
    return max(1, jobs) if not cache.is_dir() else 1
