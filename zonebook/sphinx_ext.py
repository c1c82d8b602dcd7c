"""A small Sphinx extension for the book.

- Escapes the page title that sphinx-book-theme prints unescaped: it puts `title.astext()` (plain
  text, so `<` stays `<`) into its print header; a title built from the data must never become markup.
- Registers a faster twin of Sphinx's Chinese search language (same index, see FastSearchChinese).
- Keeps the compiled page templates between builds.
"""

from functools import lru_cache
from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from markupsafe import escape
from sphinx.search.zh import SearchChinese


def _escape_pagetitle(app, pagename, templatename, context, doctree):
    if isinstance(context.get("pagetitle"), str):
        context["pagetitle"] = escape(context["pagetitle"])


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
    app.connect("html-page-context", _escape_pagetitle, priority=900)  # after the theme has set it
    app.connect("builder-inited", _cache_compiled_templates)
    app.add_search_language(FastSearchChinese)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
