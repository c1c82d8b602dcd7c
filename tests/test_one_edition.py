"""A book published in English only (book.yml: `editions: [en]`), as another city's office without translations
makes it: no Chinese edition, no language switch, English decks; and Chinese added by a later build."""

import re
import shutil

import lxml.html
import pytest
from browser import serve
from conftest import FIXTURES, build_book
from pptx import Presentation

from zonebook import data

pytest_plugins = ["browser"]
pytestmark = pytest.mark.slow  # builds books

ENGLISH_ONLY = "editions: [en]  # no Chinese edition\n"


def english_only(folder):
    """The minimal fixture's data, published in English only."""
    shutil.copytree(FIXTURES / "minimal", folder)
    with open(folder / "book.yml", "a", encoding="utf-8") as book:
        book.write(ENGLISH_ONLY)
    return folder


@pytest.fixture(scope="module")
def english_book(tmp_path_factory):
    work = tmp_path_factory.mktemp("english")
    folder, out = english_only(work / "data"), work / "_build" / "html"
    run = build_book(folder, out)
    assert run.returncode == 0, run.stdout + run.stderr
    return folder, out


def test_an_english_only_folder_passes_check_without_translation_warnings(tmp_path):
    """The minimal fixture has no Chinese columns: warned of with a Chinese edition, not without one."""
    shutil.copytree(FIXTURES / "minimal", tmp_path / "both")
    _, warned = data.review(tmp_path / "both")
    assert any("Chinese" in w.message for w in warned)
    _, warned = data.review(english_only(tmp_path / "english"))
    assert not any("Chinese" in w.message for w in warned), warned


def test_the_book_has_one_edition_and_english_decks(english_book):
    _, out = english_book
    assert not (out / "zh").exists() and not (out / "slides" / "zh").exists()
    pages = sorted((out / "chapters").rglob("*.html"))
    assert len(pages) >= 6
    for path in pages:
        tree = lxml.html.parse(str(path))
        assert tree.getroot().get("lang") == "en", path
        assert not tree.xpath("//link[@rel='alternate'][@hreflang]") and not tree.xpath("//a[@hreflang]"), path
    decks = sorted((out / "slides").glob("*.pptx"))
    assert len(decks) >= 3
    for deck in decks:  # in English: it quotes the sources' Chinese words, a few among many
        text = " ".join(
            shape.text_frame.text
            for slide in Presentation(deck).slides
            for shape in slide.shapes
            if shape.has_text_frame
        )
        assert len(re.findall(r"[A-Za-z]", text)) > 10 * len(re.findall(r"[\u4e00-\u9fff]", text)), deck


def test_a_reader_sees_no_language_switch(english_book, tab):
    _, out = english_book
    with serve(out) as root:
        tab.page.goto(root)  # the front door: jupyter-book's redirect to the first page
        tab.page.wait_for_url("**/chapters/*.html")
        assert "/zh/" not in tab.page.url
        tab.page.locator("article h1").first.wait_for(state="visible")  # the page, shown
        assert tab.page.locator("a.zb-language, a[hreflang]").count() == 0
    assert not tab.errors


def test_adding_chinese_later_publishes_it_with_its_decks(tmp_path):
    """The decks' cache knows which languages a deck was drawn in: an entry drawn in English only is not taken
    for a book that now has a Chinese edition too."""
    folder, out = english_only(tmp_path / "data"), tmp_path / "_build" / "html"
    assert build_book(folder, out).returncode == 0
    book = folder / "book.yml"
    book.write_text(book.read_text(encoding="utf-8").replace(ENGLISH_ONLY, ""), encoding="utf-8")
    run = build_book(folder, out)
    assert run.returncode == 0, run.stdout + run.stderr
    english, chinese = sorted((out / "slides").glob("*.pptx")), sorted((out / "zh" / "slides").glob("*.pptx"))
    assert len(english) >= 3 and [p.name for p in chinese] == [p.name for p in english]
    assert lxml.html.parse(str(out / "zh" / "chapters" / "overview.html")).getroot().get("lang") == "zh-CN"


def test_both_editions_say_the_same_of_what_changed_once_chinese_is_back(tmp_path):
    """Built in both languages, then in English only with a figure revised, then in both again with the data as it
    was: the data is the last published data, so both editions' What changed say that nothing changed (the English
    page left from the English-only build spoke of the revision, the Chinese one could not)."""
    from zonebook.report.words import say

    folder, out = tmp_path / "data", tmp_path / "_build" / "html"
    shutil.copytree(FIXTURES / "minimal", folder)
    book = folder / "book.yml"
    both = book.read_text(encoding="utf-8")
    assert build_book(folder, out).returncode == 0
    book.write_text(both + ENGLISH_ONLY, encoding="utf-8")
    observations = folder / "observations.csv"
    text = observations.read_text(encoding="utf-8")
    assert "good-air-days,2024,299," in text
    observations.write_text(text.replace("good-air-days,2024,299,", "good-air-days,2024,301,"), encoding="utf-8")
    assert build_book(folder, out).returncode == 0
    assert "1</strong> revised" in (out / "chapters" / "changes.html").read_text(encoding="utf-8")
    book.write_text(both, encoding="utf-8")
    run = build_book(folder, out)
    assert run.returncode == 0, run.stdout + run.stderr
    english = (out / "data" / "CHANGES.md").read_text(encoding="utf-8")
    chinese = (out / "zh" / "data" / "CHANGES.md").read_text(encoding="utf-8")
    assert say("changes-none", "en") in english and say("changes-none", "zh") in chinese, (english, chinese)


def test_no_page_of_an_english_only_book_speaks_of_its_editions(english_book):
    """The glossary's opening described the two editions; an English-only book has one, and says nothing of it."""
    _, out = english_book
    for path in sorted((out / "chapters").rglob("*.html")):
        text = " ".join(lxml.html.parse(str(path)).xpath("//article")[0].text_content().split())
        for phrase in ("two editions", "both editions", "Chinese edition", "English edition"):
            assert phrase not in text, (path.name, phrase)
    glossary = lxml.html.parse(str(out / "chapters" / "glossary.html")).xpath("//article")[0].text_content()
    assert "little giants" in glossary and "Glossary of terms" in glossary  # the same terms, under its own opening
