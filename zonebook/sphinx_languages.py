"""The language switch between the book's editions (see zonebook.build.editions).

Every page gets `<link rel="alternate" hreflang=…>` to itself in each edition and, in the article's header,
a link to the same page in the other edition; `_static/zonebook-language.js` carries the section the reader
is on across (the editions have the same sections in the same order) and remembers the choice.
Configured by the build (`zonebook_edition`, `zonebook_editions`); a book built without them has no switch.
"""

from pathlib import Path

from markupsafe import escape

from zonebook import interface

TEMPLATES = Path(__file__).parent / "templates"
SWITCH = "zonebook-language.html"


def other_edition_href(pagename: str, here: str, there: str) -> str:
    """The relative address of `pagename` in the edition at folder `there`, from the edition at folder `here`
    ("" is the book's root)."""
    up = "../" * pagename.count("/") + ("../" if here else "")
    return f"{up}{there + '/' if there else ''}{pagename}.html"


def _config(app, config) -> None:
    if not config.zonebook_editions:
        return
    config.templates_path = [*config.templates_path, str(TEMPLATES)]
    options = dict(config.html_theme_options or {})
    end = options.get("article_header_end", ["article-header-buttons.html"])
    options["article_header_end"] = [SWITCH, *(t for t in end if t != SWITCH)]
    config.html_theme_options = options


def _page(app, pagename, templatename, context, doctree) -> None:
    editions = app.config.zonebook_editions
    if not editions:
        return
    here = next(e for e in editions if e[0] == app.config.zonebook_edition)
    links = []
    for code, folder, hreflang, label in editions:
        href = other_edition_href(pagename, here[1], folder)
        links.append(f'<link rel="alternate" hreflang="{escape(hreflang)}" href="{escape(href)}" />')
        if code != here[0]:
            context["zonebook_switch"] = {"href": href, "hreflang": hreflang, "label": label, "code": code}
    context["metatags"] = context.get("metatags", "") + "\n" + "\n".join(links)


def _interface_strings(app, exception) -> None:
    """The theme's and Sphinx's interface strings that stay English on a translated page, in the edition's
    language (zonebook.interface): on every written page, and in the copy button's script."""
    code = app.config.zonebook_edition
    if exception is not None or code == "en" or not app.config.zonebook_editions:
        return
    out = Path(app.outdir)
    for path in [*out.rglob("*.html"), out / "_static" / "copybutton.js"]:
        if not path.is_file() or "_sources" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        new = (
            interface.translate_copybutton(text, code) if path.suffix == ".js" else interface.translate_page(text, code)
        )
        if new != text:
            path.write_text(new, encoding="utf-8")


def setup(app) -> None:
    app.add_config_value("zonebook_edition", "en", "html")
    app.add_config_value("zonebook_editions", [], "html")
    app.connect("config-inited", _config)
    app.connect("html-page-context", _page)
    app.connect("build-finished", _interface_strings)
