"""Text from the data is never markup, anywhere: the injection corpus built once, and every output read back.

tests/fixtures/injection is a valid data folder in which every text field carries HTML, MyST directives and
roles, Jinja, LaTeX, `$…$`, BibTeX braces and backslashes, `--` and straight quotes, RTL and zero-width
marks and formula prefixes; its README tries includes, raw HTML and eval-rst. The expected text is read
from the corpus itself: each field must come out exactly as written (whitespace folded), and nothing in
it may act.
"""

from __future__ import annotations

import csv
import html
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import lxml.html
import pytest

pytest.register_assert_rewrite("browser")  # before it is imported: pytest also loads it as a plugin (below)
from browser import serve
from conftest import FIXTURES, ROOT, build_book

pytestmark = pytest.mark.slow  # builds books and drives a browser

pytest_plugins = ["browser"]  # the chromium and tab fixtures

CORPUS = FIXTURES / "injection"
MARK = "__pwned"  # every script in the corpus sets window.__pwned
PASSWD = Path("/etc/passwd").read_text(encoding="utf-8").splitlines()[0]  # root:x:0:0:... : must appear nowhere


def flat(text: str) -> str:
    """Whitespace folded, as every output folds it (a page, a table cell, a slide)."""
    return " ".join(text.split())


def rows(name: str) -> list[dict[str, str]]:
    with open(CORPUS / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


ZONES, INDICATORS, OBSERVATIONS, SOURCES = (
    rows(f"{n}.csv") for n in ("zones", "indicators", "observations", "sources")
)
ZONE_OF = {i["indicator"]: i["zone"] for i in INDICATORS}
STEM = {z["zone"]: f"{int(z['order']):02d}-{z['zone']}" for z in ZONES} | {"city": "00-city"}


def heading(zone: dict) -> str:
    return f"{zone['order']}. {zone['name_en']} · {zone['name_zh']}"


def page_path(zone: str) -> str:
    return "chapters/overview.html" if zone == "city" else f"chapters/zones/{STEM[zone]}.html"


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    work = tmp_path_factory.mktemp("injection")
    data, out = work / "data", work / "_build" / "html"
    shutil.copytree(CORPUS, data)
    check = subprocess.run(
        [sys.executable, "-m", "zonebook", "check", "--data", str(data)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    run = build_book(data, out)
    assert run.returncode == 0, run.stdout + run.stderr
    return out


def parsed(path: Path):
    return lxml.html.fromstring(path.read_bytes())


def text_of(path: Path) -> str:
    """What a reader sees on a page (scripts and styles left out), whitespace folded."""
    tree = parsed(path)
    for element in tree.xpath("//script|//style"):
        element.drop_tree()
    return flat(tree.text_content())


# --- the corpus itself ------------------------------------------------------------------------


def test_the_corpus_puts_every_kind_of_markup_in_every_text_column():
    """So the corpus cannot be watered down: each text column holds every kind somewhere."""
    kinds = {
        "html": "<img src=x onerror=",
        "jinja": "{{ 7*7 }}",
        "role": "{raw}`html",
        "math": "$",
        "tex": "\\textbf{",
        "dash": "--",
        "quotes": '"q',
        "rtl": "\u202e",
        "zero-width": "\u200b",
    }
    text_columns = {
        "zones": ("name_en", "name_zh", "summary_en"),
        "indicators": ("name_en", "name_zh", "description_en"),
        "observations": ("quote", "note"),
        "sources": ("title", "publisher"),
    }
    tables = {"zones": ZONES, "indicators": INDICATORS, "observations": OBSERVATIONS, "sources": SOURCES}
    for name, columns in text_columns.items():
        for column in columns:
            values = " ".join(r[column] for r in tables[name])
            assert [k for k, v in kinds.items() if v not in values] == [], f"{name}.{column}"
    long = " ".join(r["quote"] for r in OBSERVATIONS)
    assert "<script>" in long and "```{include}" in long and "{eval-rst}" in long and "{% if" in long
    assert {r["name_en"][0] for r in ZONES} >= {"="} and any(
        r["publisher"].startswith(("=", "+", "@")) for r in SOURCES
    )
    assert any(set("<>\"'{}`|") & set(r["url"]) for r in SOURCES)
    assert "{include}" in (CORPUS / "README.md").read_text(encoding="utf-8")


# --- the pages ---------------------------------------------------------------------------------


def expected_on_pages() -> dict[str, list[tuple[str, str]]]:
    """Page → the fields (label, text) a reader must find on it, literally."""
    pages: dict[str, list[tuple[str, str]]] = {}

    def want(page: str, label: str, text: str) -> None:
        if text:
            pages.setdefault(page, []).append((label, text))

    for z in ZONES:
        for column in ("name_en", "name_zh", "summary_en"):
            want(page_path(z["zone"]), f"zones.csv {z['zone']} {column}", z[column])
            want("chapters/intro.html", f"zones.csv {z['zone']} {column}", z[column])  # the zones at a glance
    for i in INDICATORS:
        for column in ("name_en", "name_zh", "unit"):
            want(page_path(i["zone"]), f"indicators.csv {i['indicator']} {column}", i[column])
    for n, o in enumerate(OBSERVATIONS, 2):
        if ZONE_OF[o["indicator"]] != "city":  # a zone page lists the words of every figure it rests on
            for column in ("quote", "note"):
                want(page_path(ZONE_OF[o["indicator"]]), f"observations.csv:{n} {column}", o[column])
    for s in SOURCES:
        for column in ("title", "publisher"):
            want("chapters/sources.html", f"sources.csv {s['source']} {column}", s[column])
    return pages


def test_every_field_is_shown_on_its_pages_as_literal_text(book):
    missing = []
    for page, fields in expected_on_pages().items():
        shown = text_of(book / page)
        missing += [f"{page}: {label}" for label, text in fields if flat(text) not in shown]
    assert missing == []


def test_zone_pages_are_titled_with_the_literal_names_in_the_title_heading_and_sidebar(book):
    sidebar = parsed(book / "chapters" / "intro.html").xpath("//nav[contains(@class, 'bd-docs-nav')]//a")
    sidebar_texts = {flat(a.text_content()) for a in sidebar}
    for z in ZONES:
        tree = parsed(book / page_path(z["zone"]))
        assert flat(tree.findtext(".//title")).startswith(flat(heading(z)))
        assert [flat(h.text_content()).rstrip("#").strip() for h in tree.xpath("//article//h1")] == [flat(heading(z))]
        assert flat(heading(z)) in sidebar_texts


def test_no_markup_or_directive_from_the_data_takes_effect_on_any_page(book):
    acted = []
    for path in sorted(book.rglob("*.html")):
        tree = parsed(path)
        where = path.relative_to(book)
        acted += [
            f"{where}: <script> {s.text_content()[:60]}" for s in tree.xpath("//script") if MARK in s.text_content()
        ]
        for element in tree.iter():
            if not isinstance(element.tag, str):
                continue
            for name, value in element.attrib.items():
                if name.startswith("on") and MARK in value:
                    acted.append(f"{where}: <{element.tag} {name}>")
                own_download = value.startswith("data:text/csv;") and "download" in element.attrib  # the book's CSVs
                if (
                    name in ("href", "src", "action", "formaction")
                    and value.strip().lower().startswith(("javascript:", "data:text"))
                    and not own_download
                ):
                    acted.append(f"{where}: <{element.tag} {name}={value[:40]}>")
            if element.tag == "img" and element.get("src") == "x":
                acted.append(f"{where}: <img src=x>")
    assert acted == []
    for path in book.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".js", ".txt", ".md", ".json", ".csv"):
            assert PASSWD not in path.read_text(encoding="utf-8", errors="replace"), path


def test_the_data_folders_readme_is_shown_with_no_directive_role_include_or_raw_html(book):
    page = book / "chapters" / "data-dictionary.html"
    shown = text_of(page)
    for literal in (
        "{{ 7*7 }}",
        "{% if true %}JINJA-BLOCK{% endif %}",
        "{include}",
        "{eval-rst}",
        "{raw}",
        "<script>window.__pwned=1</script>",
        '<img src=x onerror="window.__pwned=1">',
        "$x^2$",
        '-- and "quotes"',
    ):
        assert literal in shown, literal
    tree = parsed(page)
    assert tree.xpath("//article//h1")[0].text_content().strip().startswith("Data dictionary <script>")
    links = {a.text_content(): a.get("href") for a in tree.xpath("//article//a[@href]")}
    assert links.get("a web link") == "https://example.org/readme"
    assert "a link" not in links  # a javascript: address is not a link
    assert 'href="../data/observations.csv"' in page.read_text(encoding="utf-8")  # the download list stays


def test_the_bibliography_lists_each_source_once_with_publisher_title_date_and_only_web_links(book):
    tree = parsed(book / "chapters" / "sources.html")
    entries = tree.xpath("//section[@id='bibliography']//li")
    assert len(entries) == len(SOURCES)
    for s in SOURCES:
        matching = [e for e in entries if flat(s["title"]) in flat(e.text_content())]
        assert len(matching) == 1, s["source"]
        text = flat(matching[0].text_content())
        assert flat(s["publisher"]) in text and s["published"] in text
        hrefs = [
            unquote(a.get("href")) for a in matching[0].xpath(".//a[@href]")
        ]  # percent-encoding is the same address
        assert hrefs == ([unquote(s["url"])] if s["url"] else [])
        if s["url"]:
            assert flat(s["url"]) in text  # and the address is shown as written
    for a in tree.xpath("//a[@href]"):
        assert urlsplit(a.get("href")).scheme in ("", "http", "https"), a.get("href")


def test_the_search_index_holds_the_literal_titles_as_escaped_html(book):
    raw = (book / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(raw[raw.index("(") + 1 : raw.rindex(")")])
    titles = dict(zip(index["docnames"], index["titles"]))
    for z in ZONES:
        docname = page_path(z["zone"]).removesuffix(".html")
        assert html.unescape(titles[docname]) == flat(heading(z))  # HTML, as the search page inserts it
        assert flat(heading(z)) in {html.unescape(t) for t in index["alltitles"]}
    for shown in [*index["titles"], *index["alltitles"]]:
        assert "<" not in shown and ">" not in shown, shown


# --- the decks ---------------------------------------------------------------------------------


def deck_fields(zone: str) -> list[tuple[str, str]]:
    """The fields a zone's (or the city's) deck must carry on its slides or in its speaker notes."""
    fields = []
    if zone != "city":
        z = next(z for z in ZONES if z["zone"] == zone)
        fields += [(f"zones.csv {zone} {c}", z[c]) for c in ("name_en", "name_zh", "summary_en")]
    mine = [o for o in OBSERVATIONS if ZONE_OF[o["indicator"]] == zone]
    for i in (i for i in INDICATORS if i["zone"] == zone):
        fields += [(f"indicators.csv {i['indicator']} {c}", i[c]) for c in ("name_en", "name_zh", "unit")]
    for o in mine:
        columns = (
            ("quote", "note") if o["value"] else ("quote",)
        )  # the notes carry every figure's note; a gap is listed by its words
        fields += [(f"observations.csv {o['indicator']} {o['period']} {c}", o[c]) for c in columns if o[c]]
    for s in (s for s in SOURCES if s["source"] in {o["source"] for o in mine}):
        fields += [(f"sources.csv {s['source']} {c}", s[c]) for c in ("title", "publisher", "url") if s[c]]
    return fields


def pptx_text(path: Path) -> tuple[str, list[str]]:
    """Every text on a deck's slides (shapes, tables, chart titles) and in its notes; and every hyperlink."""
    from pptx import Presentation

    texts, links = [], []
    for slide in Presentation(path).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            if shape.has_table:
                texts += [cell.text for row in shape.table.rows for cell in row.cells]
        texts.append(slide.notes_slide.notes_text_frame.text)
        links += [rel.target_ref for rel in slide.part.rels.values() if rel.is_external]
    return flat(" ".join(texts)), links


SHOWN_BY_EVERY_DECK = (" name_en", " name_zh", " title", " publisher")  # the cover's names, the appendix's sources


def shown_fields(zone: str) -> list[tuple[str, str]]:
    """The fields a deck shows whatever else it leaves to the book: its zone's names and every source it cites.
    (Since #16 a deck is a short talk: its notes no longer carry every figure's words, which the book keeps.)"""
    return [
        (label, value)
        for label, value in deck_fields(zone)
        if label.startswith(("zones.csv", "sources.csv")) and label.endswith(SHOWN_BY_EVERY_DECK)
    ]


@pytest.mark.parametrize("zone", ["city", *sorted(STEM.keys() - {"city"})])
def test_every_field_reaches_the_powerpoint_deck_and_its_notes_literally(book, zone):
    text, links = pptx_text(book / "slides" / f"{STEM[zone]}.pptx")
    assert shown_fields(zone), zone
    assert [label for label, value in shown_fields(zone) if flat(value) not in text] == []
    book_page = re.compile(r"\.\./chapters/[\w/-]+\.html")  # the closing slide's "read the book" (the deck's own link)
    assert all(urlsplit(link).scheme in ("http", "https") or book_page.fullmatch(link) for link in links), links


@pytest.mark.parametrize("zone", ["city", *sorted(STEM.keys() - {"city"})])
def test_every_field_reaches_the_html_deck_and_its_notes_literally(book, zone):
    path = book / "slides" / f"{STEM[zone]}.html"
    shown = flat(parsed(path).text_content())  # the notes are <aside> text, part of the page
    assert [label for label, value in shown_fields(zone) if flat(value) not in shown] == []


# --- the charts ------------------------------------------------------------------------------


def test_chart_text_from_the_data_is_never_typeset_as_math():
    """`US$ … $x$` in a name or unit is drawn as written: no text on any chart goes through mathtext."""
    import matplotlib.pyplot as plt

    from zonebook import load
    from zonebook.report import charts

    ds = load(CORPUS)
    obs = ds.observations
    sales = obs[obs["indicator"] == "sales"]
    figures = [charts.series_chart(sales), charts.series_chart(obs[(obs["indicator"] == "gdp") & ~obs["is_gap"]])]
    unit = ds.indicators.set_index("indicator").loc["gdp", "unit"]
    import pandas as pd

    actual = pd.Series([6048.33, 7809.64], index=[2020, 2024])
    figures.append(
        charts.paths_chart(actual, {"path $a$": actual * 1.1}, 10000.0, unit, f"GDP ({unit})", f"Source: {unit}")
    )
    figures.append(
        charts.stacked_bars(
            pd.DataFrame({"A": [1, 2]}, index=[ZONES[0]["name_en"], ZONES[1]["name_en"]]),
            {"A": "#000000"},
            ZONES[0]["name_en"],
            unit,
            unit,
        )
    )
    try:
        for fig in figures:
            fig.canvas.draw()
            texts = [t for t in fig.findobj(lambda a: hasattr(a, "get_parse_math")) if "$" in t.get_text()]
            assert texts, "the chart should show the data's dollar signs"
            assert all(not t.get_parse_math() for t in texts)
        title = figures[0].axes[0].get_title(loc="left")  # the house style titles charts on the left
        sales_row = next(i for i in INDICATORS if i["indicator"] == "sales")
        expected = f"{sales_row['name_en']} · {sales_row['name_zh']} ({sales_row['unit']})"
        assert title.split() == expected.split()  # wrapped to fit the figure, every word as written
    finally:
        for fig in figures:
            plt.close(fig)


# --- in a real browser -------------------------------------------------------------------------


def no_script_ran(tab) -> None:
    assert tab.page.evaluate(f"typeof window.{MARK}") == "undefined"
    assert tab.dialogs == []


def search(tab, root: str, query: str) -> list[str]:
    """Search the book as a reader does; the titles of the results, as the page shows them."""
    tab.page.goto(f"{root}search.html?q={quote(query)}")
    tab.page.wait_for_function(
        "() => /Search finished|did not match/.test(document.querySelector('.search-summary')?.innerText || '')",
        timeout=30000,
    )
    tab.page.wait_for_timeout(300)  # the result summaries are fetched after the list
    return [flat(t) for t in tab.page.locator("ul.search li a").all_inner_texts()]


def test_searching_for_a_zone_name_in_a_real_browser_runs_no_script_and_shows_it_as_text(book, tab):
    with serve(book) as root:
        tab.page.goto(f"{root}search.html")
        title = tab.page.title()
        for z in ZONES:
            for query in (heading(z), z["name_en"], z["name_zh"]):  # the whole title is what matched it as a title
                search(tab, root, query)
                no_script_ran(tab)
                assert tab.page.title() == title
            results = search(tab, root, z["name_en"].split()[0])  # a word of the name: the zone's page is found
            assert flat(heading(z)) in results, results


@pytest.mark.parametrize(
    "page",
    [
        "chapters/intro.html",
        "chapters/overview.html",
        "chapters/zones/01-alpha.html",
        "chapters/zones/02-beta.html",
        "chapters/audit.html",
        "chapters/comparison.html",
        "chapters/sources.html",
        "chapters/data-dictionary.html",
        "chapters/changes.html",
        "slides/01-alpha.html",
        "slides/00-city.html",
    ],
)
def test_the_pages_and_decks_run_no_script_from_the_data_in_a_real_browser(book, tab, page):
    with serve(book) as root:
        tab.page.goto(f"{root}{page}", wait_until="load")
        title = tab.page.title()
        tab.page.wait_for_timeout(300)
        no_script_ran(tab)
        assert tab.page.title() == title
        assert re.search(r"\S", tab.page.inner_text("body"))


# --- the pieces, on what the check would refuse ---------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "javascript:window.__pwned=1",
        " JavaScript:alert(1)",
        "data:text/html,<script>x</script>",
        "file:///etc/passwd",
        "//example.org/no-scheme",
        "mailto:a@example.org",
        "relative/page.html",
        "https://",
        "http://[::1",
    ],
)
def test_only_a_web_address_becomes_a_link(url):
    from zonebook import load
    from zonebook.decks import slides as decks
    from zonebook.report import pages
    from zonebook.report.links import web_address

    assert web_address(url) is None
    ds = load(CORPUS)
    ds.sources.loc[ds.sources["source"] == "article", "url"] = url
    for lang in ("en", "zh"):  # the sources page and the decks' sources table of each edition
        page = pages.sources_page(ds, lang)
        assert not re.search(r"\]\(<\s*" + re.escape(url.strip()), page, re.IGNORECASE)  # no link to it
        assert pages.md(url) in page  # shown, as text
        slides = decks.sources_table(decks.Voice(ds, lang), ds.sources, ds.claims_source)
        assert all(url not in link for s in slides for link in s.table.links.values())


def test_a_web_address_is_linked_as_written_with_only_unsafe_characters_encoded():
    from zonebook.report.links import web_address

    assert web_address("https://example.org/a?x=1&y=2#top") == "https://example.org/a?x=1&y=2#top"
    assert web_address("HTTP://example.org/<b> |`{x}\\") == "http://example.org/%3Cb%3E%20%7C%60%7Bx%7D%5C"


def myst_tokens(text: str) -> list:
    """`text` parsed as the book parses MyST (jupyter-book's default extensions), every token, nested ones too."""
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    config = MdParserConfig(enable_extensions={"colon_fence", "dollarmath", "linkify", "substitution", "tasklist"})
    out = []
    for token in create_md_parser(config, RendererHTML).parse(text):
        out += [token, *(token.children or [])]
    return out


INERT = {
    "heading_open",
    "heading_close",
    "paragraph_open",
    "paragraph_close",
    "inline",
    "text",
    "softbreak",
    "hardbreak",
    "em_open",
    "em_close",
    "strong_open",
    "strong_close",
    "code_inline",
    "fence",
    "code_block",
    "hr",
    "bullet_list_open",
    "bullet_list_close",
    "ordered_list_open",
    "ordered_list_close",
    "list_item_open",
    "list_item_close",
    "blockquote_open",
    "blockquote_close",
    "link_open",
    "link_close",
    "table_open",
    "table_close",
    "thead_open",
    "thead_close",
    "tbody_open",
    "tbody_close",
    "tr_open",
    "tr_close",
    "th_open",
    "th_close",
    "td_open",
    "td_close",
}


def assert_inert(myst: str) -> None:
    """Nothing in `myst` is a directive, role, target, math, substitution, raw HTML or a link off the web."""
    for token in myst_tokens(myst):
        assert token.type in INERT, (token.type, token.content[:80])
        if token.type == "fence":
            assert not token.info.strip().startswith("{"), token.info
        if token.type == "link_open":
            assert token.attrGet("href").startswith(("http://", "https://")), token.attrGet(
                "href"
            )  # MyST takes no other as a web link


def test_the_readme_and_every_data_field_become_myst_that_can_only_be_text():
    from zonebook import load
    from zonebook.report import pages
    from zonebook.report.markdown import to_myst

    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    assert_inert(to_myst(readme))
    assert_inert(
        to_myst((ROOT / "data" / "README.md").read_text(encoding="utf-8"))
    )  # and the shipped one keeps its structure
    fields = [r[c] for table in (ZONES, INDICATORS, OBSERVATIONS, SOURCES) for r in table for c in r]
    assert_inert(to_myst("\n\n".join(fields)))  # the fields as a README of their own
    for text in fields:
        assert_inert(f"# {pages.md(text)}\n\n{pages.md(text)} *{pages.md(text)}*")
    ds = load(CORPUS)
    assert_inert(pages.sources_page(ds).replace("|", "\n\n"))  # the table's cells, each parsed as a paragraph


@pytest.mark.parametrize(
    "source",
    [
        "",
        "no heading at all",
        "### deep first\n\n# then top\n\n###### six",
        "(label)=\n# T\n\n% comment\n\n+++ break\n\n<!-- comment -->",
        "- a\n  - b\n\n    ```{include} /etc/passwd\n    ```\n- d",
        "> quote\n> - list\n>\n> ```{eval-rst}\n> .. raw:: html\n> ```",
        "1. one\n2. two\n\n   ~~~{raw} html\n   <script>x</script>\n   ~~~",
        "| a | `b|c` |\n|:-|-:|\n| \\| | **x** {{ y }} |",
        "    {eval-rst}\n    indented code",
        "&lt;script&gt; &#60;b&#62; &amp;",
        ":::{note}\nhi\n:::\n\n$$\nx\n$$\n\n$x$ and \\(y\\)",
        "[x](<javascript:alert(1)>) [y](HTTPS://EXAMPLE.ORG) <https://a.org/x> <mailto:a@b.c> ![img](https://x/y.png) [r][ref]\n\n[ref]: file:///etc/passwd",
        "``` `code` ```\n\n````\n```{include} x\n```\n````",
        "Setext\n===\n\nSub\n---\n\n***",
    ],
)
def test_hostile_markdown_becomes_myst_with_one_title_and_nothing_that_acts(source):
    from zonebook.report.markdown import to_myst

    myst = to_myst(source)
    assert_inert(myst)
    levels = [int(t.tag[1]) for t in myst_tokens(myst) if t.type == "heading_open"]
    assert levels[0] == 1 and 1 not in levels[1:]  # one page title
    assert all(
        b <= a + 1 for a, b in zip(levels, levels[1:])
    )  # no level skipped: Sphinx would warn, and warnings fail the build


def test_the_shipped_readme_keeps_its_headings_tables_and_code():
    from zonebook.report.markdown import to_myst

    source = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    tokens = myst_tokens(to_myst(source))
    original = myst_tokens(source)
    for kind in ("heading_open", "table_open", "code_inline", "strong_open", "bullet_list_open"):
        assert sum(t.type == kind for t in tokens) == sum(t.type == kind for t in original), kind


def test_a_rebuild_that_reuses_the_search_index_escapes_its_titles_once(book):
    """Sphinx reloads the last search index when it rebuilds only the changed pages: titles must not be escaped twice.

    Last in this file on purpose: it rebuilds the shared book (the same titles, one quote changed)."""
    observations = book.parent.parent / "data" / "observations.csv"
    observations.write_text(
        observations.read_text(encoding="utf-8").replace("quote-air-2023", "quote-air-2023 (revised)"), encoding="utf-8"
    )
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "zonebook",
            "build",
            "--data",
            str(observations.parent),
            "--out",
            str(book),
            "--jobs",
            "2",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert re.search(r"jupyter-book: .*\((?!0 )\d+ source files changed\)", run.stdout), (
        run.stdout
    )  # an incremental Sphinx run
    test_the_search_index_holds_the_literal_titles_as_escaped_html(book)
