"""Publishing a finished book: one lock per output, an atomic swap, and a manifest of what was published.

At every instant the output holds the old book or the new one, whatever happens to the build (SIGINT,
SIGKILL, a full disk): the swap is one system call.
- An ordinary folder is exchanged with the staged book by `renameat2(RENAME_EXCHANGE)` (Linux 3.15+,
  glibc 2.28+; see docs/ARCHITECTURE.md); the old book then sits in staging and is removed.
- A mount point cannot be renamed (EBUSY), so there the book is `OUT/current`, a symbolic link to a
  folder under `OUT/.zonebook/books/`, replaced by `rename` of a new link; `OUT/index.html` redirects to it.
Nothing is removed or renamed except inside the lock, and only the tool's own folders.

The manifest (`files` in build.json: size and SHA-256 of every file) lets the next build see a damaged
book (a file deleted or edited by hand) and build it again instead of calling it up to date.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import hashlib
import json
import os
import shutil
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from zonebook.build.paths import FORMAT, MARKER, MOUNTED_BOOK, BuildPaths, read_marker

AT_FDCWD = -100
RENAME_NOREPLACE, RENAME_EXCHANGE = 1, 2
REDIRECT = (
    '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><meta http-equiv="refresh" content="0; url={book}/index.html">'
    '<title>The book</title></head><body><p><a href="{book}/index.html">Open the book</a></p></body></html>\n'
)


class BuildRefused(Exception):
    """Another build into the same output holds the lock."""


def checkpoint(name: str) -> None:
    """A named point of the build where a test can stop it: with ZONEBOOK_PAUSE_AT=name the build says
    "paused at name" on stderr and sleeps, so the test can send a signal exactly there. No effect otherwise."""
    if os.environ.get("ZONEBOOK_PAUSE_AT") == name:
        print(f"paused at {name}", file=sys.stderr, flush=True)
        time.sleep(float(os.environ.get("ZONEBOOK_PAUSE_SECONDS", "60")))


@contextmanager
def exclusive(paths: BuildPaths):
    """Hold the output's lock for the whole build; refuse at once if another build holds it."""
    paths.work.mkdir(parents=True, exist_ok=True)
    with open(paths.lock, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildRefused(
                f"another build into {paths.out} is running (lock {paths.lock}); try again when it has finished"
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _renameat2(source: Path, target: Path, flags: int) -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.renameat2(AT_FDCWD, os.fsencode(source), AT_FDCWD, os.fsencode(target), flags) != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), str(source), None, str(target))


def manifest(book: Path) -> dict[str, list]:
    """Size and SHA-256 of every file of a book, by path relative to it (the marker itself excluded)."""
    files = {}
    for path in sorted(book.rglob("*")):
        if path.is_file() and not path.is_symlink():
            rel = path.relative_to(book).as_posix()
            if rel != MARKER:
                files[rel] = [path.stat().st_size, hashlib.sha256(path.read_bytes()).hexdigest()]
    return files


def write_marker(book: Path, record: dict) -> None:
    """The book's build.json: what it was built from, and its manifest (written last, whole)."""
    full = {"format": FORMAT, **record, "files": manifest(book)}
    partial = book / f".{MARKER}.partial"
    partial.write_text(json.dumps(full, indent=1, ensure_ascii=False), encoding="utf-8")
    partial.replace(book / MARKER)


def damage(paths: BuildPaths) -> str:
    """What is wrong with the published book, or "" when every file of its manifest is there, unchanged,
    and nothing else was added."""
    record = read_marker(paths.book)
    files = record.get("files")
    if not isinstance(files, dict):
        return "the published book has no manifest"
    try:
        found = manifest(paths.book)
    except OSError as error:
        return f"the published book cannot be read ({error.strerror}: {error.filename})"
    missing = sorted(files.keys() - found.keys())
    if missing:
        return f"{len(missing)} published file(s) are missing, e.g. {missing[0]}"
    changed = sorted(rel for rel in files if list(files[rel]) != found[rel])
    if changed:
        return f"{len(changed)} published file(s) were changed, e.g. {changed[0]}"
    added = sorted(found.keys() - files.keys())
    return f"{len(added)} file(s) were added to the published book, e.g. {added[0]}" if added else ""


def publish(staged: Path, paths: BuildPaths) -> None:
    """Make the complete book in `staged` the published one, atomically. Call only inside `exclusive`."""
    (_publish_mounted if paths.mounted else _publish_folder)(staged, paths)


def _publish_folder(staged: Path, paths: BuildPaths) -> None:
    out = paths.out
    checkpoint("before-swap")
    if out.exists() or out.is_symlink():
        try:
            _renameat2(staged, out, RENAME_EXCHANGE)  # the old book (or an empty folder) is now at `staged`
        except OSError as error:
            if error.errno != errno.EBUSY:
                raise
            raise OSError(
                errno.EBUSY, f"{out} became a mount point during the build; build again to publish there", str(out)
            ) from None
        checkpoint("after-swap")
        shutil.rmtree(staged, ignore_errors=True)
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        _renameat2(staged, out, RENAME_NOREPLACE)
        checkpoint("after-swap")


def _publish_mounted(staged: Path, paths: BuildPaths) -> None:
    out, books = paths.out, paths.work / "books"
    books.mkdir(parents=True, exist_ok=True)
    name = f"{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}"
    staged.rename(books / name)  # staging is on the mount too (the work folder is inside it)
    link = out / f".{MOUNTED_BOOK}.new"
    link.unlink(missing_ok=True)
    link.symlink_to(Path(paths.work.name) / "books" / name)
    checkpoint("before-swap")
    link.replace(out / MOUNTED_BOOK)  # rename(2) of a symbolic link: atomic
    checkpoint("after-swap")
    for entry, text in (("index.html", REDIRECT.format(book=MOUNTED_BOOK)),):
        target = out / entry
        if not target.exists() or target.read_text(encoding="utf-8", errors="replace") == text:
            partial = out / f".{entry}.new"
            partial.write_text(text, encoding="utf-8")
            partial.replace(target)
    for old in books.iterdir():
        if old.name != name:
            shutil.rmtree(old, ignore_errors=True)
