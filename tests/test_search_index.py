"""The book's Chinese search index: Sphinx's words plus every pair of neighbouring Chinese characters.

Why: Sphinx's `zh` language indexes the pieces jieba cuts a page into (老旧小区 → 老旧, 小区; 小巨人 → 小, 巨人, and
a single character is never indexed), while the browser looks a typed word up whole. The pairs make every
Chinese string of a page findable from the index alone; _static/zonebook-search.js cuts the query the same
way (tested in a real browser in test_reading_browser.py).
"""

import re
from importlib.metadata import version
from pathlib import Path

import pytest
from conftest import ROOT
from sphinx.search.zh import SearchChinese

from zonebook import load
from zonebook.sphinx_ext import (
    CHECKED_SPHINX,
    HAN,
    FastSearchChinese,
    _defer_search_script,
    _drop_repeated_scripts,
    chinese_search_language,
    han_bigrams,
)


def indexed(language_class, text: str) -> set[str]:
    """The terms Sphinx's IndexBuilder.feed keeps of `text`: split, stemmed, filtered."""
    language = language_class({})
    stems = {language.stem(w).lower() for w in language.split(text)}
    return {w for w in stems if language.word_filter(w)}


def test_pairs_are_every_two_neighbouring_chinese_characters_and_nothing_else():
    assert han_bigrams("老旧小区") == ["老旧", "旧小", "小区"]
    assert han_bigrams("小巨人") == ["小巨", "巨人"]
    assert han_bigrams("GDP 7809.64亿元, 增长5.8%") == ["亿元", "增长"]  # Latin, digits, punctuation are boundaries
    assert han_bigrams("高端、装备") == ["高端", "装备"]  # so is Chinese punctuation: no 端装
    assert han_bigrams("扬") == [] and han_bigrams("") == []
    assert han_bigrams("老旧\n小区") == ["老旧", "旧小", "小区"]  # a line break inside a sentence is none


def test_the_book_language_is_sphinxs_own_on_any_version_but_the_checked_one():
    # issue 12: a speed twin replaces a library function only on the version it was checked against
    assert issubclass(chinese_search_language(CHECKED_SPHINX), FastSearchChinese)
    for other in ("7.4.6", "7.4.8", "8.1.3", "9.0.0"):
        language = chinese_search_language(other)
        assert issubclass(language, SearchChinese) and not issubclass(language, FastSearchChinese), other
        assert language.lang == "zh"
    assert chinese_search_language().__mro__[1:] == chinese_search_language(version("Sphinx")).__mro__[1:]


@pytest.mark.parametrize("sphinx_version", [CHECKED_SPHINX, "8.1.3"])
def test_the_index_keeps_every_word_sphinx_keeps_and_every_pair(sphinx_version):
    ds = load(ROOT / "data")
    texts = [
        *ds.observations["quote"],
        *(f"{r.name_en} {r.name_zh}" for r in ds.indicators.itertuples(index=False)),
        "GDP and R&D: the 613 industrial system; 专精特新小巨人企业和单项冠军, 地区生产总值, 老旧小区改造",
    ]
    book = chinese_search_language(sphinx_version)
    for text in texts:
        terms = indexed(book, text)
        assert indexed(SearchChinese, text) <= terms, text  # jieba's words and English stems stay
        assert set(han_bigrams(text)) <= terms, text  # stem and word_filter leave a pair as it is


def test_every_chinese_string_of_the_data_has_all_its_pairs_indexed():
    """The property the browser relies on: whatever a reader copies from a quote (two characters or more of
    Chinese), every pair of it is a term of the text, so a page holding it is found."""
    ds = load(ROOT / "data")
    book = chinese_search_language()
    han_run = re.compile(f"[{HAN}]{{2,}}")
    checked = 0
    for quote in ds.observations["quote"]:
        terms = indexed(book, quote)
        for run in han_run.findall(quote):
            for start in range(len(run) - 1):
                for end in range(start + 2, min(len(run), start + 8) + 1):  # every substring of up to 8 characters
                    piece = run[start:end]
                    assert {piece[i : i + 2] for i in range(len(piece) - 1)} <= terms, (piece, quote)
                    checked += 1
    assert checked > 1000  # the data has enough Chinese for this to mean something


class Script:
    """What Sphinx 7.4 puts in a page's `script_files`: a name (None or '' for an inline script) and attributes."""

    def __init__(self, filename, **attributes):
        self.filename, self.attributes = filename, attributes


def test_an_inline_script_listed_twice_runs_once():
    thebe = 'const THEBE_JS_URL = "x"'
    scripts = [
        Script("_static/a.js"),
        Script(None, body=thebe),
        Script("_static/b.js", defer="defer"),
        Script("", body=thebe),
        Script("_static/a.js"),
        Script(None, body="var other = 1"),
    ]
    context = {"script_files": scripts}
    _drop_repeated_scripts(None, "page", "page.html", context, None)
    assert context["script_files"] == [scripts[0], scripts[1], scripts[2], scripts[5]]


def test_the_search_script_is_loaded_once_and_deferred():
    class Config:
        html_js_files = ["other.js", "zonebook-search.js", ("x.js", {"async": "async"})]

    _defer_search_script(None, Config)
    deferred = ("zonebook-search.js", {"defer": "defer"})
    assert Config.html_js_files == ["other.js", ("x.js", {"async": "async"}), deferred]
    Config.html_js_files = []  # a configuration that does not list it gets it too
    _defer_search_script(None, Config)
    assert Config.html_js_files == [("zonebook-search.js", {"defer": "defer"})]


def test_sphinx_searchtools_still_has_what_the_book_search_builds_on():
    """_static/zonebook-search.js replaces Search._parseQuery, performTermsSearch, htmlToText and query of Sphinx
    7.4's searchtools.js and calls the rest; a Sphinx that renames one would leave the search page broken."""
    import sphinx

    tools = (Path(sphinx.__file__).parent / "themes" / "basic" / "static" / "searchtools.js").read_text(
        encoding="utf-8"
    )
    for name in (
        "_parseQuery: (query)",
        "_performSearch: (query, searchTerms, excludedTerms, highlightTerms, objectTerms)",
        "performTermsSearch: (searchTerms, excludedTerms)",
        "htmlToText: (htmlString, anchor)",
        "query: (query)",
        "const _displayNextItem = (",
        "const _orderResultsByScoreThenName = (",
        "var Scorer = {",
        "loadIndex: (url)",
    ):
        assert name in tools, f"searchtools.js no longer has {name!r}: re-read it and update _static/zonebook-search.js"
