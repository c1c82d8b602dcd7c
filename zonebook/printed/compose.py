"""The print edition's documents, as HTML for WeasyPrint: the book (cover, contents, every chapter) and a
handout per zone. What they look like on paper is `print.css`; what each page holds is `collect`."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import lxml.html
from lxml.html import builder as E

from zonebook import edition as editions
from zonebook.printed.collect import Book, Chapter, handout

CSS = Path(__file__).with_name("print.css")
FONT = Path(__file__).parents[1] / "fonts" / "NotoSansSC-Regular.otf"  # the project's font, as in the charts
CREATOR = "zonebook pdf"  # the PDF's Creator (from <meta name="generator">): how a PDF of ours is recognised


def edition_of(book: Book) -> editions.Edition:
    """The book's edition (city, title): the book.yml published beside its data, else the one of the data
    folder it was built from; a generic edition when neither can be read."""
    for folder in (book.folder / "data", Path(book.record.get("data") or book.folder / "data")):
        if (folder / editions.FILE).is_file():
            found, notes = editions.read(folder)
            if not any(not note.warning for note in notes):
                return found
    return editions.Edition()


def _date(book: Book) -> str:
    return f"{book.built.day} {book.built:%B %Y}"


def _head(title: str) -> lxml.html.HtmlElement:
    style = CSS.read_text(encoding="utf-8").replace("url(font)", f"url({json.dumps(FONT.as_uri())})")
    return E.HEAD(E.META(charset="utf-8"), E.TITLE(title), E.META(name="generator", content=CREATOR), E.STYLE(style))


def _cover(book: Book, found: editions.Edition) -> lxml.html.HtmlElement:
    city = " · ".join(name for name in (found.city["en"], found.city["zh"]) if name)
    title_zh = found.title["zh"] if found.title["en"] == book.title else ""
    return E.SECTION(
        E.CLASS("zb-cover"),
        *([E.P(E.CLASS("zb-cover-city"), city)] if city else []),
        E.H1(E.CLASS("zb-cover-title"), book.title),
        *([E.P(E.CLASS("zb-cover-title-zh"), title_zh)] if title_zh else []),
        E.P(E.CLASS("zb-cover-date"), f"Edition of {_date(book)}"),
        E.P(
            E.CLASS("zb-cover-note"),
            "The print edition of the report: every chapter, chart and table of the web book. "
            "Figures trace to their sources; the bibliography is at the end.",
        ),
    )


def _contents(book: Book) -> lxml.html.HtmlElement:
    items = []
    for part in book.parts:
        if part.caption:
            items.append(E.LI(E.CLASS("zb-toc-part"), part.caption))
        items += [E.LI(E.A(chapter.title, href=f"#{chapter.id}")) for chapter in part.chapters]
    return E.NAV(E.CLASS("zb-toc"), E.H2("Contents"), E.UL(*items))


def _chapter(chapter: Chapter) -> lxml.html.HtmlElement:
    section = E.SECTION(E.CLASS("zb-chapter"), id=chapter.id)
    section.extend(copy.deepcopy(child) for child in chapter.body)  # the handouts read the same body
    return section


SHORT = 6  # characters: a cell this short (a unit, a period, a tier, a figure) is never wrapped


def _keep_short_cells_whole(document: lxml.html.HtmlElement) -> None:
    for cell in document.xpath("//td | //th"):
        if len(cell.text_content().strip()) <= SHORT:
            cell.set("class", (cell.get("class", "") + " zb-short").strip())


def _unlink_missing(document: lxml.html.HtmlElement) -> None:
    """A link to an anchor the document does not hold keeps its text and loses its target."""
    ids = set(document.xpath("//@id"))
    for link in document.xpath("//a[starts-with(@href, '#')]"):
        if link.get("href")[1:] not in ids:
            del link.attrib["href"]


def _html(head: lxml.html.HtmlElement, body: lxml.html.HtmlElement) -> str:
    document = E.HTML(head, body, lang="en")
    _unlink_missing(document)
    _keep_short_cells_whole(document)
    return "<!DOCTYPE html>\n" + lxml.html.tostring(document, encoding="unicode")


def book_html(book: Book) -> str:
    """The whole book: cover, contents with page numbers, every chapter in the order of the toc."""
    found = edition_of(book)
    chapters = [_chapter(chapter) for chapter in book.chapters]
    return _html(_head(book.title), E.BODY(E.CLASS("zb-book"), _cover(book, found), _contents(book), *chapters))


def handout_html(book: Book, chapter: Chapter, rows: int | None = None) -> tuple[str, int]:
    """A zone's handout (its title, intro, takeaways and claims-versus-record table) and the number of rows of
    that table; with `rows`, the table shows its first `rows` rows and says how many the chapter has."""
    blocks = handout(chapter)
    table = blocks[-1] if blocks and blocks[-1].tag == "table" else None
    body_rows = table.xpath(".//tr[not(ancestor::thead)][td]") if table is not None else []
    if rows is not None and rows < len(body_rows):
        for row in body_rows[rows:]:
            row.drop_tree()
        blocks.append(
            E.P(
                E.CLASS("zb-handout-more"),
                f"The first {rows} of {len(body_rows)} rows; the chapter “{chapter.title}” has them all.",
            )
        )
    source = E.P(E.CLASS("zb-handout-source"), f"From “{book.title}”, edition of {_date(book)}.")
    body = E.BODY(E.CLASS("zb-handout"), *blocks, source)
    return _html(_head(chapter.title), body), len(body_rows)


def zone_chapters(book: Book) -> list[tuple[str, Chapter]]:
    """(file stem, chapter) of every zone of the book (build.json's zones), in the toc's order."""
    zones = set(book.record.get("zones") or [])
    found = []
    for chapter in book.chapters:
        stem = Path(chapter.path).stem
        if re.sub(r"^\d+-", "", stem) in zones:
            found.append((stem, chapter))
    return found
