"""A tiny Sphinx extension: escape the page title that sphinx-book-theme prints unescaped.

sphinx-book-theme puts `title.astext()` (plain text, so `<` stays `<`) into its print header
unescaped; a title built from the data must still never become markup.
"""

from markupsafe import escape


def _escape_pagetitle(app, pagename, templatename, context, doctree):
    if isinstance(context.get("pagetitle"), str):
        context["pagetitle"] = escape(context["pagetitle"])


def setup(app):
    app.connect("html-page-context", _escape_pagetitle, priority=900)  # after the theme has set it
    return {"parallel_read_safe": True, "parallel_write_safe": True}
