"""The theme's and Sphinx's own interface strings on a Chinese page: a small jupyter-book built with
`language: zh_CN` shows the English (and 列印成 PDF) that zonebook.interface lists; translated, it shows none, in a
real browser too, and the English page is left as it is."""

import contextlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.register_assert_rewrite("browser")  # before it is imported: pytest also loads it as a plugin (below)
from browser import serve  # noqa: E402

from zonebook import interface  # noqa: E402

pytestmark = pytest.mark.slow  # builds a book and drives a browser

pytest_plugins = ["browser"]  # the chromium and tab fixtures

PAGE = """# 第一章

本页用于测试。

## 一节

```python
print("地区生产总值")
```

| 指标 | 数值 |
|---|---|
| 地区生产总值 | 7809.64亿元 |
"""


def tiny_book(folder: Path, language: str) -> Path:
    folder.mkdir()
    (folder / "_config.yml").write_text(
        f'title: "测试"\nauthor: "测试组"\ncopyright: "2026"\nexecute:\n  execute_notebooks: "off"\n'
        f"html:\n  use_download_button: true\nlaunch_buttons:\n  thebe: false\n  binderhub_url: ''\n"
        f"sphinx:\n  extra_extensions: [zonebook.sphinx_ext]\n  config:\n    language: {language}\n",  # as the book's
        encoding="utf-8",
    )
    (folder / "_toc.yml").write_text("format: jb-book\nroot: intro\nchapters:\n  - file: second\n", encoding="utf-8")
    (folder / "intro.md").write_text(PAGE, encoding="utf-8")
    (folder / "second.md").write_text(PAGE.replace("第一章", "第二章"), encoding="utf-8")
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    run = subprocess.run(
        [str(jupyter_book), "build", str(folder), "--builder", "html"], capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    return folder / "_build" / "html"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("ui")
    return {lang: tiny_book(root / lang, lang) for lang in ("zh_CN", "en")}


def pages(html: Path) -> list[Path]:
    return sorted(p for p in html.glob("*.html"))


def test_the_theme_leaves_these_strings_on_a_chinese_page(built):
    """Without the translation: every listed string a page of this kind carries is there (if the theme changes its
    wording, this fails and the list needs another look)."""
    raw = "".join(p.read_text(encoding="utf-8") for p in pages(built["zh_CN"]))
    assert 'lang="zh-CN"' in raw
    for english in (
        "Search this book...",
        "Toggle primary sidebar",
        "Main",
        "Color mode",
        "列印成 PDF",
        "Link to this heading",
        "System Settings",
    ):
        assert f'="{english}"' in raw, english
    assert "© Copyright 2026." in raw
    left = interface.english_left(raw)
    assert set(left) >= {"Toggle primary sidebar", "Color mode", "© Copyright 2026."}


def test_translated_pages_carry_none_of_them(built):
    for page in pages(built["zh_CN"]):
        text = interface.translate_page(page.read_text(encoding="utf-8"))
        assert interface.english_left(text) == [], page.name
        if page.name in ("intro.html", "second.html"):  # the book's pages (index.html only redirects)
            assert 'placeholder="搜索本书……"' in text and 'title="打印为PDF"' in text
    for page in pages(built["en"]):  # the English edition is never touched
        text = page.read_text(encoding="utf-8")
        assert interface.translate_page(text, "en") == text


def test_the_book_text_is_not_touched():
    page = '<p>Main</p><p title="Main street">Page 3</p><span aria-label="Main">© Copyright 2026.</span>'
    assert interface.translate_page(page) == page.replace('aria-label="Main"', 'aria-label="全书目录"')


@pytest.fixture
def translated(built, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built["zh_CN"], site)
    for page in pages(site):
        page.write_text(interface.translate_page(page.read_text(encoding="utf-8")), encoding="utf-8")
    script = site / "_static" / "copybutton.js"
    script.write_text(interface.translate_copybutton(script.read_text(encoding="utf-8")), encoding="utf-8")
    return site


def test_in_a_browser_the_chrome_and_the_copy_button_speak_chinese(translated, tab):
    with contextlib.ExitStack() as stack:
        root = stack.enter_context(serve(translated))
        tab.page.goto(root + "intro.html")
        tab.page.wait_for_selector("button.copybtn", state="attached")
        copy = tab.page.locator("button.copybtn").first
        assert copy.get_attribute("data-tooltip") == "复制"
        assert "复制到剪贴板" in copy.inner_html()
        labels = tab.page.evaluate(
            """() => [...document.querySelectorAll('[title],[aria-label],[data-bs-title],[placeholder]')]
                 .filter(e => !e.closest('article'))
                 .flatMap(e => ['title','aria-label','data-bs-title','placeholder'].map(a => e.getAttribute(a)))
                 .filter(v => v && /[A-Za-z]{3,}/.test(v))"""
        )
        assert labels == [], labels
        assert tab.errors == []
