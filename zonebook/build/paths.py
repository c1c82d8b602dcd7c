"""Where a build reads and writes: the project, the output folder, and the work folder tied to that output.

`--out` is the book's folder and nothing else. A build writes only into an output that is absent, an
empty folder, or a book this tool published (recognised by its `build.json` marker); anything else is
refused before anything is touched. Everything else a build keeps (lock, cache, staging, the Sphinx
tree, executed and failed notebooks, the log) lives in one work folder beside the output,
`OUT/../.OUTNAME.zonebook/`, so builds into two outputs never share anything. When the output is a
mount point the work folder is inside it (`OUT/.zonebook/`), because a book can only be swapped in
atomically from the same filesystem (see `publish`).

Light on purpose: the command line imports it first.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]
ROOT = PACKAGE.parent  # the project: chapters/, _config.yml, _toc.yml, requirements.txt
CHAPTERS = ROOT / "chapters"

MARKER = "build.json"  # every published book has one, with FORMAT under "format"
FORMAT = "zonebook-book/1"
LEGACY_KEYS = {"sources_digest", "notebooks", "inputs"}  # build.json of books published before FORMAT existed
MOUNTED_BOOK = "current"  # on a mount point the book is OUT/current, a symlink swapped atomically


class OutputRefused(Exception):
    """The output folder is not one a build may write into; nothing was touched."""


def read_marker(folder: Path) -> dict:
    """The build.json of a published book in `folder`, {} if there is none (or it is not ours)."""
    try:
        record = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(record, dict):
        return {}
    return record if record.get("format") == FORMAT or record.keys() >= LEGACY_KEYS else {}


def _is_within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


@dataclass(frozen=True)
class BuildPaths:
    """Every path one build into one output uses. Make it with `for_output`, which checks the output."""

    out: Path
    work: Path
    mounted: bool  # the output is a mount point: the book is published as OUT/current

    @property
    def lock(self) -> Path:
        return self.work / "lock"

    @property
    def cache(self) -> Path:
        return self.work / "cache"

    @property
    def charts(self) -> Path:
        return self.work / "cache" / "charts"

    @property
    def data(self) -> Path:
        return self.work / "data"  # what this build reads: the data folder as it was when the build began (inputs.copy)

    @property
    def staging(self) -> Path:
        return self.work / "staging"

    @property
    def sphinx(self) -> Path:
        return self.work / "sphinx"  # kept between builds so Sphinx re-reads only changed pages

    @property
    def executed(self) -> Path:
        return self.work / "executed"

    @property
    def failed(self) -> Path:
        return self.work / "failed"

    @property
    def log(self) -> Path:
        return self.work / "jupyter-book.log"

    @property
    def book(self) -> Path:
        """The folder that holds the published book's files (OUT itself, or OUT/current on a mount point)."""
        return self.out / MOUNTED_BOOK if self.mounted else self.out

    @classmethod
    def for_output(cls, out: Path | str, data: Path | str | None = None) -> BuildPaths:
        """The paths of a build into `out`, or OutputRefused saying why `out` cannot be the book's folder."""
        out = Path(os.path.abspath(out))
        refuse = _refusal(out, Path(os.path.abspath(data)) if data is not None else None)
        if refuse:
            raise OutputRefused(f"{out}: {refuse}; nothing was touched")
        mounted = out.is_dir() and os.path.ismount(out)
        work = out / ".zonebook" if mounted else out.parent / f".{out.name}.zonebook"
        return cls(out, work, mounted)


def _refusal(out: Path, data: Path | None) -> str:
    """Why `out` may not be written into, or "" if it may."""
    if out == Path(out.anchor):
        return "is the root of the filesystem, not a book's folder"
    if _is_within(ROOT, out):
        return "is the project folder (or holds it); choose a folder for the book, such as _build/html"
    if data is not None and (_is_within(data, out) or _is_within(out, data)):
        return "is the data folder, inside it, or one of its parents; choose a folder of its own for the book"
    if out.is_symlink() and not out.is_dir():
        return "is a symbolic link to something that is not a folder; expected an empty folder, a book built by zonebook, or a new path"
    if not out.exists():
        return ""
    if not out.is_dir():
        return "is a file, not a folder; expected an empty folder, a book built by zonebook, or a new path"
    if read_marker(out) or read_marker(out / MOUNTED_BOOK):
        return ""
    try:
        entries = [entry.name for entry in os.scandir(out)]
    except OSError as error:
        return f"cannot be read ({error.strerror})"
    if not entries or (os.path.ismount(out) and set(entries) <= {".zonebook", "lost+found"}):
        return ""
    return (
        f"holds {len(entries)} file(s) or folder(s) that are not a book built by zonebook (no {MARKER}); "
        "a build writes only into an empty folder, a new path, or a book it published"
    )


SLIDES_MARKER = ".zonebook-slides"  # in a folder `python -m zonebook slides` wrote: what it wrote there
SLIDES_HEADER = "decks written by python -m zonebook slides; each file it wrote, with its SHA-256:"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def record_slides(out: Path, files: list[Path]) -> None:
    """The marker of a folder `slides` wrote, listing each file it wrote there with its digest."""
    lines = [SLIDES_HEADER, *(f"{_sha256(f)}  {f.relative_to(out).as_posix()}" for f in sorted(files))]
    (out / SLIDES_MARKER).write_text("\n".join(lines) + "\n", encoding="utf-8")


def drop_stale_slides(out: Path, files: list[Path]) -> tuple[list[str], list[str]]:
    """Remove what `slides` wrote into `out` last time and did not write this time (a zone gone from the data, an
    edition no longer published), as its marker lists it: (removed, kept). A file changed since, by hand or by
    another program, is kept and named; nothing the marker names outside `out` is touched."""
    marker = out / SLIDES_MARKER
    listed = marker.read_text(encoding="utf-8").splitlines()[1:] if marker.is_file() else []
    now = {f.relative_to(out).as_posix() for f in files}
    root, removed, kept = out.resolve(), [], []
    for line in listed:
        digest, _, name = line.partition("  ")
        path = out / name
        if root not in path.resolve().parents or name in now or not path.is_file() or path.is_symlink():
            continue
        if _sha256(path) != digest:
            kept.append(name)
        else:
            path.unlink()
            removed.append(name)
            for folder in path.parents:  # the folders it leaves empty (zh/, reveal/), never `out` itself
                if folder == out or any(folder.iterdir()):
                    break
                folder.rmdir()
    return removed, kept


def slides_output(out: Path, data: Path) -> Path:
    """The folder `slides` may write its decks into: absent, empty, or one it wrote before; else OutputRefused."""
    out = Path(os.path.abspath(out))
    refuse = _refusal(out, Path(os.path.abspath(data)))
    if refuse.startswith("holds") and (out / SLIDES_MARKER).is_file():
        refuse = ""
    if refuse:
        raise OutputRefused(
            f"{out}: {refuse.replace('a book built by zonebook', 'decks written by zonebook')}; nothing was touched"
        )
    return out
