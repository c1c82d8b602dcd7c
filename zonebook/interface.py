"""The interface strings the theme and Sphinx leave in English (or in the wrong Chinese) on a `language: zh_CN` page.

Measured on a jupyter-book 1.0.4 build with sphinx-book-theme 1.3.0, pydata-sphinx-theme 0.17.1 and Sphinx 7.4.7
(jupyter-book#891, #1780): Sphinx's own zh_CN catalogue translates the search page, the index, previous/next and
"Contents"; what stays English is in the theme's templates (hard-coded, so no message catalogue reaches it), in
pydata-sphinx-theme's `zh` catalogue (empty entries), in jupyter-book's own default for the search box, and in
Sphinx's newer heading links. sphinx-book-theme's zh_CN catalogue prints 列印成 PDF, the Taiwan form.

`translate_page` rewrites one built page: only whole attribute values (title, aria-label, data-bs-title,
placeholder, alt) that are exactly one of these strings, and the theme's copyright line, so the book's own text is
never touched; `translate_copybutton` gives sphinx-copybutton the Chinese
it lacks (a code block's tooltips). English pages are returned unchanged.
"""

from __future__ import annotations

import re

# (the string as the built page has it, its Simplified Chinese, where it comes from)
STRINGS_ZH = (
    ("Search this book...", "搜索本书……", "jupyter-book's default search_bar_text (html.search_bar_text is ignored)"),
    ("Toggle primary sidebar", "显示或隐藏左侧栏", "sphinx-book-theme components/toggle-primary-sidebar.html"),
    ("Toggle secondary sidebar", "显示或隐藏本页目录", "sphinx-book-theme components/toggle-secondary-sidebar.html"),
    ("Main", "全书目录", "sphinx-book-theme components/sbt-sidebar-nav.html (aria-label)"),
    ("Page", "本页目录", "sphinx-book-theme layout.html (aria-label)"),
    ("Color mode", "颜色模式", "pydata-sphinx-theme theme-switcher.html (zh catalogue: empty)"),
    ("System Settings", "跟随系统", "pydata-sphinx-theme theme-switcher.html (zh catalogue: empty)"),
    ("列印成 PDF", "打印为PDF", "sphinx-book-theme zh_CN catalogue (Taiwan usage)"),
    ("Link to this heading", "链接到本标题", "Sphinx 7.4 zh_CN catalogue (no entry)"),
    ("Link to this table", "链接到本表", "Sphinx 7.4 zh_CN catalogue (no entry)"),
    ("Link to this image", "链接到本图", "Sphinx 7.4 zh_CN catalogue (no entry)"),
    ("Link to this definition", "链接到本定义", "Sphinx 7.4 zh_CN catalogue (no entry)"),
    ("Link to this code", "链接到本代码", "Sphinx 7.4 zh_CN catalogue (no entry)"),
)
COPYRIGHT = re.compile(r'(?P<open><p class="copyright">\s*)©\s*Copyright\s+(?P<years>[^<]*?)\.')  # pydata's footer
COPYRIGHT_ZH = "© 版权所有 {years}"
COPYBUTTON_ZH = {
    "copy": "复制",
    "copy_to_clipboard": "复制到剪贴板",
    "copy_success": "已复制！",
    "copy_failure": "复制失败",
}
# Left as they are, on purpose: the key names of the search shortcut (Ctrl + K) and the file types of the download
# menu (.ipynb, .pdf, .md), as Chinese sites show them.

ATTRIBUTES = ("title", "aria-label", "data-bs-title", "placeholder", "alt")
_TABLE = {english: chinese for english, chinese, _ in STRINGS_ZH}
_ESCAPED = {english.replace("'", "&#39;"): chinese for english, chinese in _TABLE.items()}
_ATTRIBUTE = re.compile(rf'(?P<name>\b(?:{"|".join(ATTRIBUTES)}))="(?P<value>[^"]*)"')


def translate_page(html: str, lang: str = "zh") -> str:
    """A built page with the theme's and Sphinx's English interface strings in `lang` (English: unchanged)."""
    if lang == "en":
        return html
    if lang != "zh":
        raise ValueError(f"unknown language {lang!r}; expected en or zh")

    def attribute(m: re.Match) -> str:
        value = _ESCAPED.get(m["value"], m["value"])
        return f'{m["name"]}="{value}"'

    html = _ATTRIBUTE.sub(attribute, html)
    return COPYRIGHT.sub(lambda m: m["open"] + COPYRIGHT_ZH.format(years=m["years"]), html)


def english_left(html: str) -> list[str]:
    """The interface strings of `STRINGS_ZH` (and the copyright line) still on a page: empty once it is translated."""
    found = [english for english in _ESCAPED if f'="{english}"' in html]
    return found + [f"© Copyright {m['years']}." for m in COPYRIGHT.finditer(html)]


def translate_copybutton(script: str, lang: str = "zh") -> str:
    """sphinx-copybutton's `_static/copybutton.js` with a Chinese entry, so that `<html lang="zh-CN">` gets Chinese
    tooltips (it picks its messages when it loads, so the entry must be in the file itself)."""
    if lang == "en" or "'zh-CN'" in script:
        return script
    marker = "const messages = {"
    if marker not in script:
        raise ValueError(
            "copybutton.js has no `const messages = {`: sphinx-copybutton changed; look at its localisation"
        )
    pairs = "".join(f"\n    '{key}': '{value}'," for key, value in COPYBUTTON_ZH.items())
    return script.replace(marker, f"{marker}\n  'zh-CN': {{{pairs}\n  }},", 1)
