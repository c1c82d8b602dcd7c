"""The Chinese edition's data dictionary, data notes and glossary, read in a real browser on the built book.

A reader of the Chinese edition reads these pages in Chinese: at least 80 % of the letters a reader sees in the
article, outside code, web addresses and quotations, are CJK (the issue's check for every page of the edition).
The data dictionary is the data folder's README.zh.md (beside README.md), the notes at the end of the methods page
its notes.zh.md; a data folder that has none still builds, its English text marked untranslated.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytest.register_assert_rewrite("browser")  # before it is imported: pytest also loads it as a plugin (below)
from test_injection import CORPUS, assert_inert  # noqa: E402, I001  (first: it registers browser for rewriting too)
from browser import serve  # noqa: E402
from conftest import FIXTURES, ROOT  # noqa: E402
from test_editions_text import outline  # noqa: E402

from zonebook import data  # noqa: E402
from zonebook.build import editions  # noqa: E402
from zonebook.build.pipeline import data_pages  # noqa: E402

pytest_plugins = ["browser"]  # the chromium and tab fixtures
CHAPTERS = ROOT / "chapters"
MARK = ":class: zb-untranslated"  # in the admonition that marks a page or part untranslated (editions.UNTRANSLATED)

CJK_SHARE = 0.8

# The letters a reader sees in the article, by kind: every visible text node, less code (code, pre, kbd, samp),
# quotations (q, blockquote, and text between “…” or "…"), web addresses (a link's text that is an address, and
# any http(s)://… in the text). Han characters are CJK; every other letter (\p{L}) is not.
LETTERS = """(selector) => {
  const article = document.querySelector(selector);
  const skip = "code, pre, kbd, samp, q, blockquote, script, style";
  const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
  let text = "";
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest(skip) || !parent.checkVisibility()) continue;
    const link = parent.closest("a[href]");
    if (link && /^(https?:\\/\\/|www\\.)/.test(link.textContent.trim())) continue;
    text += node.data + " ";
  }
  text = text.replace(/https?:\\/\\/\\S+/g, " ").replace(/“[^”]*”/g, " ").replace(/"[^"]*"/g, " ");
  const letters = text.match(/\\p{L}/gu) || [];
  const han = letters.filter((ch) => /\\p{Script=Han}/u.test(ch));
  const latin = text.match(/[A-Za-z][A-Za-z'-]*/g) || [];
  return { letters: letters.length, han: han.length, english: latin };
}"""

PAGES = ("chapters/data-dictionary.html", "chapters/glossary.html", "chapters/methods.html")


def letters(tab, url: str) -> dict:
    tab.page.goto(url)
    return tab.page.evaluate(LETTERS, "article.bd-article")


@pytest.mark.slow  # builds the book and drives a browser
@pytest.mark.parametrize("page", PAGES)
def test_the_chinese_page_is_written_in_chinese(tab, shipped_book, page):
    with serve(shipped_book) as root:
        found = letters(tab, f"{root}zh/{page}")
        assert tab.page.locator("html").get_attribute("lang") == "zh-CN"
        assert tab.page.locator(".zb-untranslated").count() == 0, "a part of the page is marked untranslated"
    share = found["han"] / found["letters"]
    words = sorted(set(found["english"]), key=str.lower)
    assert share >= CJK_SHARE, f"{share:.0%} of {found['letters']} letters are CJK; English words: {words}"


@pytest.mark.slow
@pytest.mark.parametrize("page", PAGES)
def test_the_english_page_is_written_in_english(tab, shipped_book, page):
    """The counterpart: the English edition's page is mostly English (its Chinese terms and names aside)."""
    with serve(shipped_book) as root:
        found = letters(tab, f"{root}{page}")
    assert found["han"] / found["letters"] < 1 - CJK_SHARE, found["han"]


# --- the pages a data folder's texts make, per edition (build.pipeline.data_pages), no build needed -------------


def folder_with(tmp_path: Path, *names: str) -> Path:
    """A copy of the minimal data folder with the shipped data's texts `names` (README.md, notes.zh.md, ...)."""
    folder = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", folder)
    for name in names:
        shutil.copy(ROOT / "data" / name, folder / name)
    return folder


def test_the_chinese_edition_takes_the_translations_beside_the_english_texts(tmp_path):
    folder = folder_with(tmp_path, "README.md", "README.zh.md", "notes.md", "notes.zh.md")
    zh, en = data_pages(folder, "zh", CHAPTERS), data_pages(folder, "en", CHAPTERS)
    dictionary = zh["chapters/data-dictionary.md"]
    assert MARK not in dictionary
    assert dictionary.startswith("# 数据字典\n") and "## 下载数据\n\n本版所依据的数据文件：" in dictionary
    assert "Download the data" not in dictionary
    for name in (*data.FILES, "readings.csv"):  # the same download links in both editions
        assert (
            f'href="../data/{name}" download' in dictionary
            and f'href="../data/{name}"' in en["chapters/data-dictionary.md"]
        )
    # the same sections, level for level, in both editions: the language switch maps them by position
    assert outline(dictionary).headings == outline(en["chapters/data-dictionary.md"]).headings
    translation = (CHAPTERS / "zh" / "methods.md").read_text(encoding="utf-8")
    methods = zh["chapters/methods.md"]
    assert methods.startswith(translation) and MARK not in methods
    notes = outline(methods[len(translation) :])
    assert notes.headings == [level + 1 for level in outline((folder / "notes.zh.md").read_text()).headings]
    assert outline(methods).headings == outline(en["chapters/methods.md"]).headings


def test_a_folder_without_translations_still_builds_its_chinese_pages_marked_untranslated(tmp_path):
    folder = folder_with(tmp_path, "README.md", "notes.md")
    zh = data_pages(folder, "zh", CHAPTERS)
    dictionary = zh["chapters/data-dictionary.md"]
    english = data_pages(folder, "en", CHAPTERS)["chapters/data-dictionary.md"]
    assert dictionary.count(MARK) == 1 and dictionary.index(MARK) < dictionary.index("\n## ")  # under the title
    body = english.split("\n## Download the data")[0]
    assert all(line in dictionary for line in body.splitlines())  # the English text, all of it
    assert "## 下载数据" in dictionary  # the page's own words are the edition's
    # the notes follow the translated methods page, marked (editions.page_for), as before there were translations
    assert "chapters/methods.md" not in zh
    staged = tmp_path / "src" / "chapters" / "methods.md"
    staged.parent.mkdir(parents=True)
    staged.write_text(data_pages(folder, "en", CHAPTERS)["chapters/methods.md"], encoding="utf-8")
    page = editions.page_for(staged, Path("chapters/methods.md"), editions.BY_CODE["zh"], CHAPTERS)
    assert page.count(MARK) == 1 and "Notes on this edition" in page


def test_a_folder_without_a_readme_says_so_in_each_language(tmp_path):
    folder = folder_with(tmp_path)
    assert "This data folder has no" in data_pages(folder, "en", CHAPTERS)["chapters/data-dictionary.md"]
    chinese = data_pages(folder, "zh", CHAPTERS)
    assert "本数据文件夹没有`README.md`。" in chinese["chapters/data-dictionary.md"]
    assert MARK not in chinese["chapters/data-dictionary.md"]
    assert "chapters/methods.md" not in chinese  # no notes: the methods page is its translation alone


def test_check_warns_for_each_text_without_its_translation(tmp_path):
    folder = folder_with(tmp_path, "README.md", "notes.md")
    _, warnings = data.review(folder)
    texts = [w for w in warnings if w.file.endswith(".md")]
    assert [(w.file, w.line, w.column) for w in texts] == [
        (str(folder / "README.zh.md"), 0, ""),
        (str(folder / "notes.zh.md"), 0, ""),
    ]
    assert all(str(w).startswith(f"warning: {w.file}: is missing:") for w in texts)
    assert "README.md in English, marked untranslated" in texts[0].message
    for name in ("README.zh.md", "notes.zh.md"):
        shutil.copy(ROOT / "data" / name, folder / name)
    _, warnings = data.review(folder)
    assert not [w for w in warnings if w.file.endswith(".md")]
    _, warnings = data.review(folder_with(tmp_path / "bare"))  # no texts at all: nothing to translate
    assert not [w for w in warnings if w.file.endswith(".md")]


def test_a_text_saved_by_a_chinese_system_is_read_and_an_unreadable_one_refused_with_its_line(tmp_path):
    """Like the CSV files: UTF-8 with or without a BOM, or GB18030 (data.decode); anything else is a located problem
    that stops the build before any notebook runs, never a traceback halfway through it."""
    folder = folder_with(tmp_path)
    text = (ROOT / "data" / "README.zh.md").read_text(encoding="utf-8")
    (folder / "README.zh.md").write_bytes(text.encode("gb18030"))
    (folder / "notes.zh.md").write_bytes("\ufeff# 本版数据说明\n\n说明。\n".encode())
    pages = data_pages(folder, "zh", CHAPTERS)
    assert pages["chapters/data-dictionary.md"].startswith("# 数据字典\n")  # no BOM before the title
    assert "## 本版数据说明" in pages["chapters/methods.md"]
    assert data.check(folder) == []
    (folder / "notes.zh.md").write_bytes("# 说明\n\n第二行\n".encode() + b"\xff\xfe\xfa broken\n")
    problems = data.check(folder)
    assert [(p.file, p.line) for p in problems] == [(str(folder / "notes.zh.md"), 4)]  # after three good lines
    assert "cannot be decoded" in str(problems[0])


def test_a_translated_readme_is_as_inert_as_the_english_one(tmp_path):
    """README.zh.md and notes.zh.md reach the page through the same MyST writer (report.markdown): a directive, an
    include, raw HTML or a role in them is shown as typed (tests/test_injection.py has the English README's)."""
    folder = folder_with(tmp_path)
    hostile = (CORPUS / "README.md").read_text(encoding="utf-8")
    for name in ("README.zh.md", "notes.zh.md"):
        (folder / name).write_text(hostile, encoding="utf-8")
    pages = data_pages(folder, "zh", CHAPTERS)
    assert_inert(pages["chapters/data-dictionary.md"].split("\n## 下载数据")[0])  # then the build's own links
    translation = (CHAPTERS / "zh" / "methods.md").read_text(encoding="utf-8")
    assert pages["chapters/methods.md"].startswith(translation)
    assert_inert(pages["chapters/methods.md"][len(translation) :])
