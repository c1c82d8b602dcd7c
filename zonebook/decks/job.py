"""The build's deck job: what a warm kernel runs to draw the decks the cache lacks (`zonebook.build.pipeline.Decks`
calls it through `Pool.call`, with Python literals only). Light to import, so the build's own process can name the
function without loading the deck writers.

A deck's files are kept by what the deck shows (`shown`): its slide model, which holds every word, figure and
picture, with the digest of the decks' code. An edit of one zone changes the data the city deck reads, but rarely
what it shows; then its files are taken from there instead of being written again.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path


def write_decks_into(
    data: str,
    todo: list[tuple[str | None, str]],
    built: str,
    presenter: str = "",
    event: str = "",
    handout: bool = False,
    languages: list[str] | tuple[str, ...] | None = None,
    shown: str | None = None,
    code: str = "",
) -> None:
    """For each (zone, folder) of `todo`, the deck (the city's for None) into that folder, in `languages` (None: those
    of book.yml's editions; the build names them); `built`: the cover's date (ISO). `shown`: the folder of decks kept
    by what they show (None: write every deck), `code`: the digest of the decks' code, part of that key."""
    import datetime as dt
    import functools

    from zonebook.data import load
    from zonebook.decks.slides import voices, write_deck, write_files

    ds = load(data)
    spoken = voices(ds, languages)
    write = write_files if shown is None else functools.partial(kept_files, Path(shown), code)
    for zone, folder in todo:
        write_deck(ds, zone, dt.date.fromisoformat(built), Path(folder), presenter, event, handout, spoken, write)


def kept_files(shown: Path, code: str, deck, out: Path, handout: bool) -> list[Path]:
    """`write_files(deck, out, handout)`, or the files of the same slides already kept in `shown`, linked."""
    from zonebook.decks.slides import write_files

    kept = shown / hashlib.sha256(f"{code} {handout} {deck!r}".encode()).hexdigest()[:32]
    if not kept.is_dir():
        written = write_files(deck, out, handout)
        keep(written, kept)
        return written
    out.mkdir(parents=True, exist_ok=True)
    for path in kept.iterdir():
        link_or_copy(path, out / path.name)
    return [out / path.name for path in kept.iterdir()]


def keep(files: list[Path], entry: Path) -> None:
    """`files` as the entry `entry`, which appears whole or not at all (another kernel may be keeping the same)."""
    partial = entry.with_name(f"{entry.name}.{os.getpid()}.tmp")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    for path in files:
        link_or_copy(path, partial / path.name)
    try:
        partial.rename(entry)
    except OSError:  # kept meanwhile by another kernel, with the same files
        shutil.rmtree(partial, ignore_errors=True)


def link_or_copy(source: Path, target: Path) -> None:
    """A hard link where the file system allows one (the cache's files are never written again), else a copy."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
