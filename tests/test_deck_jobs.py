"""How the build shares the decks among its kernels (pipeline.Decks): every deck in every language exactly once,
the city's (half the work) split by language so two kernels share it, and a cache entry whole or not at all."""

import threading
from pathlib import Path

import pytest
from conftest import ROOT

from zonebook import load
from zonebook.build.pipeline import BuildFailed, Decks, plan
from zonebook.decks.model import FOLDER

DATA = ROOT / "data"


class FakePool:
    """Stands for the kernels: records each deck job and writes what the real job writes (a file per language)."""

    def __init__(self, size: int, fail: tuple = ()):
        self.size, self.fail, self.calls, self.lock = size, fail, [], threading.Lock()

    def call(self, function, data, todo, built, presenter, event, handout, languages, *kept, cwd):
        (zone, folder), *more = todo
        assert not more, "one deck per job, so a free kernel takes the next"
        with self.lock:
            self.calls.append((zone, languages))
        if zone in self.fail:
            raise RuntimeError(f"could not draw {zone}")
        for code in languages or FOLDER:
            (Path(folder) / FOLDER[code]).mkdir(parents=True, exist_ok=True)
            (Path(folder) / FOLDER[code] / f"{zone or 'city'}.pptx").write_text(code, encoding="utf-8")


@pytest.fixture
def decks(tmp_path):
    ds = load(DATA)
    return ds, Decks(ds, plan(ds, DATA, ROOT / "chapters"), tmp_path / "cache", ROOT / "chapters")


def test_every_deck_is_drawn_once_in_each_language_the_city_one_language_at_a_time(decks, tmp_path):
    ds, d = decks
    pool = FakePool(size=2)
    d.start(DATA, pool)
    assert d.publish(tmp_path / "slides", tmp_path / "failed") == len(ds.zones) + 1
    drawn = [(zone, code) for zone, languages in pool.calls for code in (languages or FOLDER)]
    assert sorted(drawn, key=str) == sorted([(z, c) for z in [None, *ds.zones["zone"]] for c in FOLDER], key=str)
    assert [languages for zone, languages in pool.calls if zone is None] == [(code,) for code in FOLDER]
    assert pool.calls[0][0] is None, "the longest deck first"
    for code in FOLDER:  # each language's decks in that edition's folder
        assert {p.read_text(encoding="utf-8") for p in (tmp_path / "slides" / code).glob("*.pptx")} == {code}


def test_a_deck_that_fails_leaves_no_cache_entry_and_fails_the_build(decks, tmp_path):
    ds, d = decks
    d.start(DATA, FakePool(size=2, fail=(ds.zones["zone"].iloc[0],)))
    with pytest.raises(BuildFailed, match="could not draw"):
        d.publish(tmp_path / "slides", tmp_path / "failed")
    assert not list((tmp_path / "cache" / "decks").iterdir()), "no entry, whole or partial, is left behind"


def test_a_deck_whose_slides_are_unchanged_is_taken_from_the_cache_not_written_again(tmp_path):
    """The deck job keeps each deck's files by what its slides show: the same slides give the very same files
    (hard links to the kept ones), slides that changed are written afresh."""
    import csv
    import shutil

    from zonebook.decks.job import write_decks_into

    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    ds = load(data)
    zone = ds.observations.groupby("zone").size().drop("city", errors="ignore").idxmin()  # the smallest deck
    shown = tmp_path / "shown"

    def draw(name: str) -> dict[str, Path]:
        folder = tmp_path / name
        write_decks_into(str(data), [(zone, str(folder))], "2026-12-01", languages=("en",), shown=str(shown), code="c")
        return {p.name: p for p in folder.iterdir() if p.is_file()}

    first, again = draw("first"), draw("again")
    assert set(first) == set(again) and {p.suffix for p in first.values()} == {".pptx", ".html"}
    assert all(first[n].stat().st_ino == again[n].stat().st_ino for n in first), "the same slides: not written again"

    zones = list(csv.DictReader((data / "zones.csv").open(encoding="utf-8")))
    for row in zones:
        if row["zone"] == zone:
            row["name_en"] += " (renamed)"  # on the cover and in every footer
    with (data / "zones.csv").open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(zones[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(zones)
    renamed = draw("renamed")
    assert all(renamed[n].stat().st_ino != first[n].stat().st_ino for n in first)
    assert "(renamed)" in renamed[f"{next(iter(first)).split('.')[0]}.html"].read_text(encoding="utf-8")


def test_on_one_kernel_the_city_deck_is_drawn_whole(decks, tmp_path):
    """Split by language only where a second kernel can take half: on one, its analysis would run twice for nothing."""
    ds, d = decks
    pool = FakePool(size=1)
    d.start(DATA, pool)
    d.publish(tmp_path / "slides", tmp_path / "failed")
    assert [languages for zone, languages in pool.calls if zone is None] == [tuple(FOLDER)]


def test_every_deck_job_names_its_languages_so_an_edit_of_book_yml_meanwhile_cannot_change_them(decks, tmp_path):
    """The cache entry is keyed on the languages the build read; a job reading book.yml again (edited during the
    build) would draw other ones into it, and every later build would publish from a broken entry."""
    ds, d = decks
    pool = FakePool(size=2)
    d.start(DATA, pool)
    d.publish(tmp_path / "slides", tmp_path / "failed")
    assert all(languages for _, languages in pool.calls), pool.calls


def test_the_deck_job_draws_the_languages_it_is_given_whatever_book_yml_says_now(tmp_path):
    import shutil

    from zonebook.decks.job import write_decks_into

    data = tmp_path / "data"
    shutil.copytree(ROOT / "tests" / "fixtures" / "minimal", data)
    with open(data / "book.yml", "a", encoding="utf-8") as book:
        book.write("editions: [en]\n")  # as if edited after the build read it
    zone = load(data).zones["zone"].iloc[0]
    write_decks_into(str(data), [(zone, str(tmp_path / "out"))], "2026-12-01", languages=("en", "zh"))
    assert list((tmp_path / "out").glob("*.pptx")) and list((tmp_path / "out" / "zh").glob("*.pptx"))
