"""A small Sphinx extension for the book.

- Escapes the page title that sphinx-book-theme prints unescaped: it puts `title.astext()` (plain
  text, so `<` stays `<`) into its print header; a title built from the data must never become markup.
- Escapes the section titles of the search index (see _escape_search_titles): the search page inserts
  them as HTML.
- Publishes web links with the address as written (myst-parser escapes it twice).
- Registers the book's Chinese search language: Sphinx's own `zh` (jieba's words, English stemmed), or its faster
  twin FastSearchChinese on the Sphinx it was checked against, plus every pair of neighbouring Chinese characters
  (see chinese_search_language and docs/SEARCH.md); the browser side is _static/zonebook-search.js.
- Keeps the compiled page templates between builds.
- Rewrites every page when a page's title changes (each page lists them all), not only the changed pages.
- Links each page to its counterpart in the book's other editions (`sphinx_languages`).
"""

import html
import re
from functools import lru_cache
from pathlib import Path

import sphinx
from docutils import nodes
from jinja2 import FileSystemBytecodeCache
from markupsafe import escape
from sphinx.search import IndexBuilder
from sphinx.search.zh import SearchChinese
from sphinx.writers.html5 import HTML5Translator

from zonebook import sphinx_languages


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
        frozen["alltitles"] = {
            title.translate(HTML5Translator.special_characters): where for title, where in frozen["alltitles"].items()
        }
        return frozen

    def unescaped_load(self, stream, format):
        load(self, stream, format)
        self._all_titles = {
            doc: [(html.unescape(title), anchor) for title, anchor in titles]
            for doc, titles in self._all_titles.items()
        }

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


CHECKED_SPHINX = "7.4.7"  # the Sphinx whose SearchChinese FastSearchChinese was compared with, line by line

# Chinese characters: the CJK unified ideographs, extension A and the compatibility block (the same ranges as
# HAN in _static/zonebook-search.js, which cuts the query).
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_RUN = re.compile(f"[{HAN}]+(?:\\s+[{HAN}]+)*")
_SPACE = re.compile(r"\s+")


def han_bigrams(text: str) -> list[str]:
    """Every pair of neighbouring Chinese characters in `text`, in order.

    Whitespace between two Chinese characters is no boundary (a line break inside a Chinese sentence of the
    source); any other character is. So every Chinese string of two or more characters on a page has all its
    pairs indexed for that page, whatever jieba made of it.
    """
    pairs = []
    for run in _HAN_RUN.findall(text):
        run = _SPACE.sub("", run)
        pairs += [run[i : i + 2] for i in range(len(run) - 1)]
    return pairs


class _HanBigrams:
    """Adds han_bigrams to the words of a search language's `split` (jieba's words stay, so the index is a
    superset of Sphinx's; each pair goes through `stem` and `word_filter` as any word does, and neither changes it)."""

    def split(self, input: str) -> list[str]:
        return super().split(input) + han_bigrams(input)


def chinese_search_language(sphinx_version: str = sphinx.__version__) -> type[SearchChinese]:
    """The book's `zh` search language for this Sphinx: Sphinx's own SearchChinese with Chinese character pairs
    added, built on the faster twin only on the version the twin was checked against (any other version may
    have changed what the twin copies)."""
    base = FastSearchChinese if sphinx_version == CHECKED_SPHINX else SearchChinese
    return type("BookSearchChinese", (_HanBigrams, base), {"__doc__": _HanBigrams.__doc__})


SEARCH_SCRIPT = "zonebook-search.js"  # in _static/: cuts the query as the index is cut


def _defer_search_script(app, config) -> None:
    """Load SEARCH_SCRIPT deferred: it must run after searchtools.js, language_data.js and the index, which the
    theme's template puts after every extension's script, and before the search page starts its query.

    jupyter-book lists every script in _static/ in `html_js_files` as a plain name (loaded at once, too early);
    that entry is replaced, so the page loads the script once.
    """

    def name(entry):
        return entry if isinstance(entry, str) else entry[0]

    others = [entry for entry in config.html_js_files if name(entry) != SEARCH_SCRIPT]
    config.html_js_files = [*others, (SEARCH_SCRIPT, {"defer": "defer"})]


def _drop_repeated_scripts(app, pagename, templatename, context, doctree) -> None:
    """Keep each inline script of a page once.

    Sphinx 7.4 lists a script that an extension adds with `add_js_file(None, body=...)` after the builder
    started twice: under the name None when it is added, and again under '' when the builder prepares writing
    (the two do not compare equal). sphinx-thebe's `const THEBE_JS_URL = ...` then ran twice and every page
    raised "Identifier 'THEBE_JS_URL' has already been declared"; sphinx-togglebutton's setting was repeated too.
    """
    seen, kept = set(), []
    for script in context.get("script_files", []):
        key = (getattr(script, "filename", script) or "", tuple(sorted(getattr(script, "attributes", {}).items())))
        if key not in seen:
            seen.add(key)
            kept.append(script)
    context["script_files"] = kept


def _cache_compiled_templates(app):
    """Keep the theme's Jinja templates compiled between builds (Jinja's own bytecode cache, keyed on each
    template's source): compiling them is a fifth of an incremental build."""
    templates = getattr(app.builder, "templates", None)
    if templates is not None and hasattr(templates, "environment"):
        folder = Path(app.doctreedir) / "jinja"
        folder.mkdir(parents=True, exist_ok=True)
        templates.environment.bytecode_cache = FileSystemBytecodeCache(str(folder))


def _remember_titles(app, env, docnames):
    """The pages' titles before this build reads anything (none on a first build)."""
    app.zonebook_titles = {doc: title.astext() for doc, title in env.titles.items()}


def _rewrite_all_if_a_title_changed(app, env):
    """Every page lists every page's title (the theme's sidebar, previous/next), but Sphinx rewrites only the pages
    whose sources changed: when a title changes or a page comes or goes, every page is rewritten, else the unchanged
    pages would list the old title."""
    before = getattr(app, "zonebook_titles", {})
    now = {doc: title.astext() for doc, title in env.titles.items()}
    return sorted(env.found_docs) if before and before != now else []


def setup(app):
    sphinx_languages.setup(app)
    _escape_search_titles()
    app.connect("html-page-context", _escape_pagetitle, priority=900)  # after the theme has set it
    app.connect("builder-inited", _cache_compiled_templates)
    app.connect("doctree-read", _unescape_web_links)
    app.connect("env-before-read-docs", _remember_titles)
    app.connect("env-get-updated", _rewrite_all_if_a_title_changed)
    app.add_search_language(chinese_search_language())
    app.connect("config-inited", _defer_search_script)
    app.connect("html-page-context", _drop_repeated_scripts, priority=950)  # after every extension has added its own
    # env_version: raise it whenever what the index holds changes, so Sphinx re-reads every page instead of keeping
    # the entries of unchanged pages (2: Chinese character pairs)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "env_version": 2}
