"""The book's editions: one execution of the notebooks, a rendering per language (zonebook.build.editions),
linked page to page (zonebook.sphinx_languages) — as a reader meets them in Chromium."""

import json
import re
from pathlib import Path

import pytest
import yaml
from browser import serve
from conftest import FIXTURES, ROOT

from zonebook.build import editions
from zonebook.sphinx_languages import other_edition_href

pytest_plugins = ["browser"]

ZH = editions.BY_CODE["zh"]
EN = editions.BY_CODE["en"]


def cell(kind: str, source: str, tags=(), outputs=None) -> dict:
    c = {"cell_type": kind, "metadata": {"tags": list(tags)}, "source": source}
    if outputs is not None:
        c["outputs"] = outputs
    return c


def html_output(text: str, lang: str | None = None) -> dict:
    meta = {"zonebook": {"lang": lang}} if lang else {}
    return {"output_type": "display_data", "data": {"text/html": text}, "metadata": meta}


NOTEBOOK = {
    "cells": [
        cell("markdown", "# Template title"),
        cell("markdown", "## Key figures", ["lang-en"]),
        cell("markdown", "## 主要数据", ["lang-zh"]),
        cell(
            "code",
            "show()",
            outputs=[html_output("<p>both</p>"), html_output("<p>en</p>", "en"), html_output("<p>中</p>", "zh")],
        ),
        cell("markdown", "Untagged prose"),
    ],
    "metadata": {},
    "nbformat": 4,
    "nbformat_minor": 5,
}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_edition_keeps_its_own_and_the_shared_cells_and_outputs(lang):
    other = "zh" if lang == "en" else "en"
    nb = editions.notebook_for(NOTEBOOK, lang)
    tags = [c["metadata"]["tags"] for c in nb["cells"]]
    assert [f"lang-{other}"] not in tags and [f"lang-{lang}"] in tags
    assert any(c["source"] == "Untagged prose" for c in nb["cells"])
    outputs = next(c["outputs"] for c in nb["cells"] if "outputs" in c)
    texts = [o["data"]["text/html"] for o in outputs]
    assert texts == ["<p>both</p>", "<p>en</p>" if lang == "en" else "<p>中</p>"]
    assert len(NOTEBOOK["cells"]) == 5  # the executed notebook itself is untouched


def test_an_edition_gets_its_own_page_title():
    nb = editions.notebook_for(NOTEBOOK, "zh", "# 1. 区域协同发展新格局")
    assert nb["cells"][0]["source"] == "# 1. 区域协同发展新格局"
    assert [c["source"] for c in nb["cells"]].count("# 1. 区域协同发展新格局") == 1


def test_a_page_without_translation_is_marked_never_silently_english(tmp_path):
    chapters = tmp_path / "chapters"
    (chapters / "zh").mkdir(parents=True)
    page = tmp_path / "src" / "chapters" / "methods.md"
    page.parent.mkdir(parents=True)
    page.write_text("# Data and methods\n\nHow it is made.\n", encoding="utf-8")
    marked = editions.page_for(page, Path("chapters/methods.md"), ZH, chapters)
    assert marked.startswith("# Data and methods\n") and "尚未译成中文" in marked and "How it is made." in marked
    (chapters / "zh" / "methods.md").write_text("# 数据与方法\n\n编制方法。\n", encoding="utf-8")
    assert editions.page_for(page, Path("chapters/methods.md"), ZH, chapters) == "# 数据与方法\n\n编制方法。\n"
    assert editions.page_for(page, Path("chapters/methods.md"), EN, chapters) == page.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "page, here, there, expected",
    [
        ("index", "", "zh", "zh/index.html"),
        ("chapters/zones/01-a", "", "zh", "../../zh/chapters/zones/01-a.html"),
        ("chapters/zones/01-a", "zh", "", "../../../chapters/zones/01-a.html"),
        ("search", "zh", "", "../search.html"),
        ("chapters/methods", "", "", "../chapters/methods.html"),
    ],
)
def test_the_other_editions_page_is_addressed_relative_to_this_one(page, here, there, expected):
    assert other_edition_href(page, here, there) == expected


def test_every_part_caption_of_the_contents_is_translated():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    captions = [part["caption"] for part in toc["parts"]]
    for lang in editions.LANGUAGES[1:]:
        translated = editions.toc_for(toc, lang)
        assert [part["caption"] for part in translated["parts"]] == [editions.CAPTIONS[lang.code][c] for c in captions]


# --- the built book ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def book(other_city_book) -> Path:
    return other_city_book


def pages_of(root: Path) -> set[str]:
    return {
        p.relative_to(root).as_posix()
        for p in root.rglob("*.html")
        if not p.relative_to(root).as_posix().startswith(("zh/", "slides/", "_static/", "_sources/"))
    }


@pytest.mark.slow
def test_every_page_has_its_counterpart_and_says_its_language(book):
    english, chinese = pages_of(book), pages_of(book / "zh")
    assert english - {"index.html"} == chinese - {"index.html"}
    for page in sorted(english - {"index.html"}):
        en = (book / page).read_text(encoding="utf-8")
        zh = (book / "zh" / page).read_text(encoding="utf-8")
        assert re.search(r'<html lang="en"', en), page
        assert re.search(r'<html lang="zh-CN"', zh), page
        for text, lang in ((en, "zh-CN"), (zh, "en")):
            assert f'hreflang="{lang}"' in text, page


@pytest.mark.slow
def test_each_edition_is_a_whole_book_with_its_own_search_decks_and_data(book):
    for root in (book, book / "zh"):
        assert (root / "searchindex.js").stat().st_size > 1000
        assert sorted(p.name for p in (root / "data").glob("*.csv")) == sorted(
            p.name for p in (book / "data").glob("*.csv")
        )
        assert list((root / "slides").glob("*.pptx"))
    record = json.loads((book / "build.json").read_text(encoding="utf-8"))
    assert any(name.startswith("zh/") for name in record["files"])  # the manifest covers the edition


@pytest.mark.slow
def test_the_switch_goes_to_the_same_section_of_the_same_page(book, tab):
    with serve(book) as root:
        page = tab.page
        page.goto(root + "chapters/zones/01-" + zone_of(book) + ".html")
        sections = page.eval_on_selector_all("article section[id]", "s => s.map(x => x.id)")
        assert len(sections) >= 3
        page.goto(page.url.split("#")[0] + "#" + sections[2])
        page.click("a.zb-language")
        page.wait_for_load_state("load")
        assert "/zh/chapters/zones/01-" in page.url
        assert page.evaluate("document.documentElement.lang") == "zh-CN"
        landed = page.url.split("#")[1]
        zh_sections = page.eval_on_selector_all("article section[id]", "s => s.map(x => x.id)")
        assert zh_sections.index(landed) == 2
        page.click("a.zb-language")  # and back
        page.wait_for_load_state("load")
        assert "/zh/" not in page.url and page.evaluate("document.documentElement.lang") == "en"
    assert not tab.errors


def zone_of(book: Path) -> str:
    return next((book / "chapters" / "zones").glob("01-*.html")).stem.removeprefix("01-")


@pytest.mark.slow
@pytest.mark.parametrize("locale, edition", [("zh-CN", "zh"), ("en-GB", "en"), ("fr-FR", "en")])
def test_the_front_door_opens_the_edition_of_the_browsers_language(book, chromium, locale, edition):
    context = chromium.new_context(locale=locale)
    try:
        page = context.new_page()
        with serve(book) as root:
            page.goto(root)
            page.wait_for_url(re.compile(r".*chapters/.*\.html"))
            assert ("/zh/" in page.url) == (edition == "zh")
    finally:
        context.close()


@pytest.mark.slow
def test_the_front_door_remembers_the_readers_choice(book, chromium):
    context = chromium.new_context(locale="zh-CN")
    try:
        page = context.new_page()
        with serve(book) as root:
            page.goto(root)
            page.wait_for_url(re.compile(r".*/zh/chapters/.*\.html"))
            page.click("a.zb-language")  # the reader chooses English
            page.wait_for_load_state("load")
            page.goto(root)
            page.wait_for_url(re.compile(r".*chapters/.*\.html"))
            assert "/zh/" not in page.url
    finally:
        context.close()


@pytest.mark.slow
def test_an_edited_stylesheet_reaches_both_editions_though_no_page_changed(tmp_path):
    """Sphinx copies _static only when it writes a page; an edit of the stylesheet alone must still be published.
    The edit is made in a copy of the project, which builds the book: the checkout is never written."""
    import shutil
    import subprocess
    import sys

    project = tmp_path / "project"
    for name in ("zonebook", "chapters", "_static"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("_config.yml", "_toc.yml", "requirements.txt"):
        shutil.copy(ROOT / name, project / name)
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", data)
    out = tmp_path / "html"

    def build():  # the copy's package: `python -m` imports it from the working folder, before the installed one
        command = [sys.executable, "-m", "zonebook", "build", "--data", str(data), "--out", str(out)]
        return subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=600, check=False)

    assert build().returncode == 0
    css = project / "_static" / "zonebook.css"
    marker = "/* test_editions: an edit of the stylesheet alone */"
    css.write_text(css.read_text(encoding="utf-8") + f"\n{marker}\n", encoding="utf-8")
    run = build()
    assert run.returncode == 0, run.stdout + run.stderr
    assert "nothing changed" not in run.stdout  # the copy's stylesheet was read, not the checkout's
    for root in (out, out / "zh"):
        assert marker in (root / "_static" / "zonebook.css").read_text(encoding="utf-8"), root
