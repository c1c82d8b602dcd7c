"""A small Sphinx extension for the book.

- Escapes the page title that sphinx-book-theme prints unescaped: it puts `title.astext()` (plain
  text, so `<` stays `<`) into its print header; a title built from the data must never become markup.
- Escapes the section titles of the search index (see _escape_search_titles): the search page inserts
  them as HTML.
- Publishes web links with the address as written (myst-parser escapes it twice).
- Registers a faster twin of Sphinx's Chinese search language (same index, see FastSearchChinese).
- Keeps the compiled page templates between builds.
"""

import html
from functools import lru_cache
from pathlib import Path

from docutils import nodes
from jinja2 import FileSystemBytecodeCache
from markupsafe import escape
from sphinx.search import IndexBuilder
from sphinx.search.zh import SearchChinese
from sphinx.writers.html5 import HTML5Translator


def _escape_pagetitle(app, pagename, templatename, context, doctree):
    if isinstance(context.get("pagetitle"), str):
        context["pagetitle"] = escape(context["pagetitle"])


def _escape_search_titles() -> None:
    """Make the search index's `alltitles` HTML, as its `titles` already are.

    Sphinx 7.4 writes each page's title (`titles`) as rendered HTML but every section title (`alltitles`) as
    plain text, and searchtools.js puts both into the results with `innerHTML`: a zone named
    `<img src=x onerror=...>` ran script on search.html. So the titles are escaped exactly as the HTML writer
    escapes text (the search page compares the two kinds to tell a page from its sections), and unescaped
    again when Sphinx reloads the index for an incremental build, so they are never escaped twice.
    """
    if getattr(IndexBuilder, "zonebook_escapes_titles", False):
        return
    freeze, load = IndexBuilder.freeze, IndexBuilder.load

    def escaped_freeze(self):
        frozen = freeze(self)
        frozen["alltitles"] = {title.translate(HTML5Translator.special_characters): where for title, where in frozen["alltitles"].items()}
        return frozen

    def unescaped_load(self, stream, format):
        load(self, stream, format)
        self._all_titles = {doc: [(html.unescape(title), anchor) for title, anchor in titles] for doc, titles in self._all_titles.items()}

    IndexBuilder.freeze, IndexBuilder.load = escaped_freeze, unescaped_load
    IndexBuilder.zonebook_escapes_titles = True


def _unescape_web_links(app, doctree) -> None:
    """Undo myst-parser's HTML-escaping of web addresses (3.0 stores `escapeHtml(url)` as the target, and the
    HTML writer escapes it again: `?a=1&b=2` was published as `&amp;amp;b=2`, a broken link). `html.unescape`
    is the exact inverse of that escaping; only http(s) targets, which myst-parser writes, are touched."""
    for node in doctree.findall(nodes.reference):
        uri = node.get("refuri", "")
        if uri.lower().startswith(("http://", "https://")):
            node["refuri"] = html.unescape(uri)


class _Terms(set):
    """The Latin terms seen so far, as a set: Sphinx's `split` appends to it with `extend`."""

    extend = set.update


class FastSearchChinese(SearchChinese):
    """Sphinx 7.4's `zh` search language builds the same index, but tests every word against a list of
    every Latin term seen so far (quadratic) and stems each occurrence afresh: a third of our Sphinx build.
    Here the terms are a set and the stemmer's answers are remembered; `stem` decides exactly as Sphinx's.
    """

    def init(self, options: dict[str, str]) -> None:
        super().init(options)
        self.latin_terms = _Terms()
        self._stem_word = lru_cache(maxsize=None)(self.stemmer.stemWord)

    def stem(self, word: str) -> str:
        stemmed = self._stem_word(word.lower())
        if word in self.latin_terms and len(word) >= 3 and len(stemmed) < 3:
            return word.lower()  # an acronym that stemming would cut too short
        return stemmed


def _cache_compiled_templates(app):
    """Keep the theme's Jinja templates compiled between builds (Jinja's own bytecode cache, keyed on each
    template's source): compiling them is a fifth of an incremental build."""
    templates = getattr(app.builder, "templates", None)
    if templates is not None and hasattr(templates, "environment"):
        folder = Path(app.doctreedir) / "jinja"
        folder.mkdir(parents=True, exist_ok=True)
        templates.environment.bytecode_cache = FileSystemBytecodeCache(str(folder))


def setup(app):
    _escape_search_titles()
    app.connect("html-page-context", _escape_pagetitle, priority=900)  # after the theme has set it
    app.connect("builder-inited", _cache_compiled_templates)
    app.connect("doctree-read", _unescape_web_links)
    app.add_search_language(FastSearchChinese)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
