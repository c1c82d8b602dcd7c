"""book.yml: the edition a data folder describes, checked like the CSV files, with located problems."""

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT

from zonebook import edition


def write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "book.yml").write_text(text, encoding="utf-8")
    return tmp_path


GOOD = """city: {en: Lakeside, zh: 湖滨市}
title:
  en: A title
goal:
  indicator: gdp
  value: 500
  year: 2030
  name: {en: a goal}
"""


def test_the_shipped_edition_reads_whole():
    book, notes = edition.read(ROOT / "data", {"gdp", "gdp-growth"}, {"netease-2026-02-25"})
    assert notes == []
    assert book.city == {"en": "Yangzhou", "zh": "扬州"} and book.goal.indicator == "gdp" and book.goal.value == 10000
    assert book.audited_text == "netease-2026-02-25" and book.target_year == 2026
    assert "  " not in book.about["zh"] and " " not in book.about["zh"]  # Chinese is not folded with spaces


def test_a_folder_without_book_yml_gets_a_generic_edition_and_a_warning(tmp_path):
    shutil.copytree(FIXTURES / "minimal", tmp_path / "old", ignore=shutil.ignore_patterns("book.yml"))
    book, notes = edition.read(tmp_path / "old")
    assert [n.warning for n in notes] == [True] and "book.yml" in str(notes[0]) and str(notes[0]).startswith("warning:")
    assert book.city["en"] == "" and book.title["en"] == edition.GENERIC["en"]


def test_every_problem_is_located_at_once(tmp_path):
    folder = write(
        tmp_path,
        """city: {en: Lakeside, fr: Bord du lac}
title: just a string
goal:
  indicator: GDP!
  value: -3
  year: twenty
  name: {en: a goal}
colour: blue
audited_text: nowhere
""",
    )
    book, notes = edition.read(folder, {"gdp"}, {"article"})
    found = {(n.line, n.column) for n in notes}
    assert (1, "city.fr") in found  # an unknown language
    assert (2, "title") in found  # not a mapping of languages
    assert (4, "goal.indicator") in found and (5, "goal.value") in found and (6, "goal.year") in found
    assert (8, "colour") in found  # an unknown key
    assert all(n.file.endswith("book.yml") for n in notes)
    assert [(n.line, n.column) for n in notes if n.warning] == [(7, "goal.name.zh")]  # no Chinese: a warning only
    assert book == edition.Edition()


def test_references_are_checked_against_the_data(tmp_path):
    folder = write(tmp_path, GOOD.replace("indicator: gdp", "indicator: gross-product") + "audited_text: blog\n")
    _, notes = edition.read(folder, {"gdp"}, {"article"})
    assert {(n.line, n.column) for n in notes if not n.warning} == {(5, "goal.indicator"), (9, "audited_text")}


@pytest.mark.parametrize(
    "text, line, column",
    [
        ("city: {en: [a, b]}\ntitle: {en: T}\n", 1, "city.en"),
        ("city: {en: X}\ntitle: {en: T}\ntitle: {en: U}\n", 3, "title"),
        ("city: {en: X}\n", 1, "title"),
        ("city: {en: X}\ntitle: {en: '" + "T" * 200 + "'}\n", 2, "title.en"),
        ('city: {en: "X\\u001b[31m"}\ntitle: {en: T}\n', 1, "city.en"),
        ("city: {en: X\ntitle: {en: T}\n", 2, ""),
    ],
)
def test_malformed_values_are_located(tmp_path, text, line, column):
    _, notes = edition.read(write(tmp_path, text))
    assert any(n.line == line and n.column == column for n in notes), notes


@pytest.mark.slow
def test_another_citys_data_folder_makes_a_book_that_never_names_yangzhou(other_city_book):
    """Everything that names the city comes from the data folder: a book of the invented fixture city names it,
    in its pages, search index, data and decks, and never the city the shipped data is about."""
    import zipfile

    out = other_city_book
    texts = {}
    for path in out.rglob("*"):
        if path.suffix in {".html", ".js", ".csv", ".json", ".md", ".txt", ".ipynb"}:
            texts[path] = path.read_text(encoding="utf-8", errors="replace")
        elif path.suffix == ".pptx":
            with zipfile.ZipFile(path) as deck:
                texts[path] = "".join(
                    deck.read(n).decode("utf-8", "replace") for n in deck.namelist() if n.endswith(".xml")
                )
    assert any(p.suffix == ".pptx" for p in texts) and any(p.name == "searchindex.js" for p in texts)
    for path, text in texts.items():
        for name in ("Yangzhou", "扬州", "yangzhou"):
            assert name not in text, f"{path.relative_to(out)} names {name}"
    index = (out / "index.html").read_text(encoding="utf-8") if (out / "index.html").exists() else ""
    intro = texts[out / "chapters" / "intro.html"]  # the English edition's (the Chinese one is at zh/)
    assert "Lakeside’s two zones" in intro or "Lakeside's two zones" in intro or "Lakeside&#39;s two zones" in intro, (
        index[:200]
    )
    city_deck = texts[out / "slides" / "00-city.pptx"]
    assert "湖滨市" in city_deck and "Lakeside" in city_deck


def test_the_shipped_book_yml_is_what_check_reads():
    from zonebook import check

    assert [str(p) for p in check(ROOT / "data") if "book.yml" in p.file] == []


@pytest.mark.slow  # builds a book
def test_another_citys_methods_page_describes_its_own_goal_not_the_shipped_one(other_city_book):
    """The method of the path to the goal is the same for every city, its goal is the edition's: the fixture city's
    methods page, in both editions, never states the shipped edition's goal (10,000 亿元, the 万亿 city) as the goal."""
    import re

    for page in (other_city_book / "chapters" / "methods.html", other_city_book / "zh" / "chapters" / "methods.html"):
        html = page.read_text(encoding="utf-8")
        start = html.index('<section id="the-path-to-the-goal"')
        section = html[start : html.index("<section id=", start + 1)]
        text = re.sub(r"<[^>]+>", "", section)
        for named in ("10,000 亿元", "10000亿元", "万亿", "8,000", "8000亿元", "trillion"):
            assert named not in text, f"{page.relative_to(other_city_book)}: {named}"


def test_editions_name_the_languages_published_english_always_first(tmp_path):
    assert edition.read(write(tmp_path, GOOD))[0].languages == ("en", "zh")  # by default, both
    assert edition.read(write(tmp_path, GOOD + "editions: [en]\n"))[0].languages == ("en",)
    assert edition.read(write(tmp_path, GOOD + "editions: [zh, en]\n"))[0].languages == ("en", "zh")  # the book's order


def test_an_english_only_book_is_not_warned_of_missing_chinese(tmp_path):
    """GOOD has no Chinese title or goal name: warnings for a book with a Chinese edition, nothing to say without."""
    _, both = edition.read(write(tmp_path, GOOD))
    _, english = edition.read(write(tmp_path, GOOD + "editions: [en]\n"))
    assert {n.column for n in both if n.warning} == {"title.zh", "goal.name.zh"} and english == []


@pytest.mark.parametrize(
    "value, message",
    [
        ("[zh]", "English, the book's source, is always published"),
        ("[en, fr]", "'fr' is not a language of the book"),
        ("[en, en]", "'en' appears more than once"),
        ("en", "expected a list of the languages to publish"),
        ("[]", "expected a list of the languages to publish"),
        ("[[en]]", "this entry is not a language of the book"),
    ],
)
def test_bad_editions_are_located(tmp_path, value, message):
    book, notes = edition.read(write(tmp_path, GOOD + f"editions: {value}\n"))
    errors = [n for n in notes if not n.warning]
    assert {(n.line, n.column) for n in errors} == {(9, "editions")} and any(message in n.message for n in errors)
    assert book == edition.Edition()


def test_every_problem_of_the_editions_is_reported_at_once(tmp_path):
    _, notes = edition.read(write(tmp_path, GOOD + "editions: [zh, fr]\n"))
    messages = " | ".join(n.message for n in notes if not n.warning)
    assert "'fr' is not a language" in messages and "English, the book's source, is always published" in messages


def test_an_english_only_book_with_another_problem_is_still_not_warned_of_missing_chinese(tmp_path):
    book, notes = edition.read(write(tmp_path, GOOD + "target_year: soon\neditions: [en]\n"))
    assert [(n.line, n.column) for n in notes] == [(9, "target_year")] and book.languages == ("en",)
