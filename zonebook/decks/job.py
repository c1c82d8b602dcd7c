"""The build's deck job: what a warm kernel runs to draw the decks the cache lacks (`zonebook.build.pipeline.Decks`
calls it through `Pool.call`, with Python literals only). Light to import, so the build's own process can name the
function without loading the deck writers."""

from __future__ import annotations


def write_decks_into(
    data: str,
    todo: list[tuple[str | None, str]],
    built: str,
    presenter: str = "",
    event: str = "",
    handout: bool = False,
    languages: list[str] | tuple[str, ...] | None = None,
) -> None:
    """For each (zone, folder) of `todo`, the deck (the city's for None) into that folder, in `languages` (None: in
    every language); `built`: the cover's date (ISO)."""
    import datetime as dt
    from pathlib import Path

    from zonebook.data import load
    from zonebook.decks.slides import voices, write_deck

    ds = load(data)
    spoken = {lang: voice for lang, voice in voices(ds).items() if languages is None or lang in languages}
    for zone, folder in todo:
        write_deck(ds, zone, dt.date.fromisoformat(built), Path(folder), presenter, event, handout, spoken)
