"""Gather a built book's pages for print: in the order of its table of contents, each page's article only.

The order comes from the book itself: the sidebar of its root page is Sphinx's rendering of `_toc.yml`
(the parts' captions and their chapters), so the print edition follows whatever toc built the book.
From each page only the article is kept (the theme's bars, search, buttons and scripts are dropped);
its ids are prefixed with the page's own id so that pages can share one document, and its links are
rewritten: a link to a page of the book becomes a link inside the PDF, an http(s) link stays, and a link
to any other file of the book (a deck, a CSV, a notebook) keeps its text and loses its target, since a
printed copy travels without the folder it points into.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html
from lxml import etree

from zonebook.build.paths import FORMAT, MARKER, MOUNTED_BOOK


def has_class(name: str) -> str:
    """An XPath test: the element's class attribute holds `name`."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


DROP = (  # what an article holds that paper has no use for
    ".//script | .//noscript | .//style | .//button | .//form | .//iframe"
    f" | .//a[{has_class('headerlink')}]"
    f" | .//*[{has_class('zb-decks')}]"  # "to present this in a seminar: the decks", links to files
    f" | .//*[{has_class('d-print-none')}] | .//*[{has_class('cell_input')}]"
)
FOREIGN = ("http", "https", "mailto")  # links that work wherever the PDF is read


class NotABook(Exception):
    """The folder given is not a book built by `python -m zonebook build`."""


@dataclass
class Chapter:
    path: str  # the page, relative to the book's folder: chapters/zones/01-x.html
    id: str  # its id in the print edition: page-chapters-zones-01-x
    title: str  # its h1, as the reader sees it
    body: lxml.html.HtmlElement  # the article's content, cleaned, ids and links rewritten


@dataclass
class Part:
    caption: str  # "" for the root page, which precedes every part
    chapters: list[Chapter] = field(default_factory=list)


@dataclass
class Book:
    folder: Path
    record: dict  # build.json
    title: str  # the root page's h1 (the edition's title)
    built: dt.date
    parts: list[Part]

    @property
    def chapters(self) -> list[Chapter]:
        return [chapter for part in self.parts for chapter in part.chapters]


def book_folder(out: Path) -> tuple[Path, dict]:
    """The folder holding a built book's files (OUT, or OUT/current on a mount point) and its build.json."""
    for folder in (out, out / MOUNTED_BOOK):
        try:
            record = json.loads((folder / MARKER).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(record, dict) and record.get("format") == FORMAT:
            return folder, record
    raise NotABook(
        f'{out}: not a built book (no {MARKER} with "format": "{FORMAT}"); build one with python -m zonebook build'
    )


def page_id(path: str) -> str:
    return "page-" + re.sub(r"[^A-Za-z0-9]+", "-", path.removesuffix(".html")).strip("-")


def _parse(path: Path) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(path.read_bytes(), parser=lxml.html.HTMLParser(encoding="utf-8", huge_tree=True))


def root_page(folder: Path) -> str:
    """The root page: where index.html sends the reader."""
    index = folder / "index.html"
    found = re.search(r"url=([^\"'>\s]+)", index.read_text(encoding="utf-8")) if index.is_file() else None
    if not found:
        raise NotABook(f"{folder}: not a built book (its index.html does not lead to the root page)")
    return unquote(found.group(1))


def toc(folder: Path, root: str) -> list[tuple[str, list[str]]]:
    """(part caption, [page paths]) in the order of the book's table of contents, from the root page's sidebar."""
    page = _parse(folder / root)
    nav = page.xpath(f"//nav[{has_class('bd-docs-nav')}]")
    if not nav:
        raise NotABook(f"{folder / root}: no table of contents (the sidebar of a jupyter-book page)")
    parts: list[tuple[str, list[str]]] = [("", [root])]
    for element in nav[0].iter("p", "a"):
        if element.tag == "p" and "caption" in element.get("class", "").split():
            parts.append((element.text_content().strip(), []))
        elif element.tag == "a" and not element.xpath(f"ancestor::ul[{has_class('bd-sidenav__home-link')}]"):
            target = _resolve(root, element.get("href", ""))
            if target and target[0] not in parts[-1][1]:
                parts[-1][1].append(target[0])
    return [part for part in parts if part[1]]


def _resolve(page: str, href: str) -> tuple[str, str] | None:
    """(path in the book, fragment) of a relative link on `page`; None for a link off the book."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    joined = urlsplit(urljoin("http://book/" + page, href))  # a scheme urljoin resolves against
    return unquote(joined.path.lstrip("/")) or page, unquote(joined.fragment)


def chapter(folder: Path, path: str, pages: set[str]) -> Chapter:
    """One page of the book, ready for print: its article's content, with ids and links rewritten."""
    html = _parse(folder / path)
    article = html.xpath(f"//article[{has_class('bd-article')}]")
    if not article:
        raise NotABook(f"{folder / path}: no article (not a page of a jupyter-book book)")
    body = article[0]
    for element in body.xpath(DROP):
        element.drop_tree()
    for details in body.iter("details"):  # folded on screen, unfolded on paper
        details.tag = "div"
        details.set("class", (details.get("class", "") + " zb-unfolded").strip())
    for summary in body.iter("summary"):
        summary.tag = "p"
        summary.set("class", "zb-summary")
    ident = page_id(path)
    for element in body.xpath(".//*[@id]"):
        element.set("id", f"{ident}--{element.get('id')}")
    for link in body.iter("a"):
        _relink(link, path, ident, pages)
    for image in body.iter("img"):
        source = image.get("src", "")
        if source and not source.startswith("data:") and not urlsplit(source).scheme:
            target = _resolve(path, source)
            image.set("src", (folder / target[0]).resolve().as_uri())
    heading = body.xpath(".//h1")
    title = " ".join(heading[0].text_content().split()) if heading else path
    if heading:
        heading[0].set("class", "zb-chapter-title")
    return Chapter(path, ident, title, body)


def _relink(link: etree._Element, page: str, ident: str, pages: set[str]) -> None:
    href = link.get("href")
    if href is None:
        return
    if urlsplit(href).scheme in FOREIGN:
        return
    target = _resolve(page, href)
    if target and target[0] in pages:
        path, fragment = target
        link.set("href", f"#{page_id(path)}--{fragment}" if fragment else f"#{page_id(path)}")
    else:  # a file of the book that does not travel with the PDF, or a page the print edition leaves out
        del link.attrib["href"]
        link.attrib.pop("download", None)


def read(out: Path | str) -> Book:
    """The built book in `out`, every page of its table of contents collected for print."""
    folder, record = book_folder(Path(out))
    root = root_page(folder)
    order = toc(folder, root)
    pages = {path for _, paths in order for path in paths}
    missing = sorted(path for path in pages if not (folder / path).is_file())
    if missing:
        raise NotABook(f"{folder}: the table of contents lists pages that are missing: {', '.join(missing)}")
    parts = [Part(caption, [chapter(folder, path, pages) for path in paths]) for caption, paths in order]
    return Book(folder, record, parts[0].chapters[0].title, built_on(folder), parts)


def built_on(folder: Path) -> dt.date:
    """The day the book was published (its build.json), or SOURCE_DATE_EPOCH's for a reproducible edition."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    stamp = int(epoch) if epoch else (folder / MARKER).stat().st_mtime
    return dt.datetime.fromtimestamp(stamp, dt.UTC).date()


def handout(chapter: Chapter) -> list[lxml.html.HtmlElement]:
    """What a zone's handout shows: its title, its intro, its takeaways and its claims-versus-record table.

    The takeaways are `.zb-takeaways` and the table `table.zb-claims-compact` where the chapter has them;
    before it did, the chapter's intro block and its first table of verdicts (else its first table) stand in.
    """
    body = chapter.body
    top = next(body.iter("section"), body)  # the page's own section, which holds its h1
    takeaways = body.xpath(f".//*[{has_class('zb-takeaways')}]")
    compact = body.xpath(f".//table[{has_class('zb-claims-compact')}]")
    unfolded = f"ancestor::*[{has_class('zb-unfolded')}]"
    table = (
        compact or body.xpath(f".//table[not({unfolded})][.//*[{has_class('zb-verdict')}]]") or body.xpath(".//table")
    )
    blocks = []
    for child in top:  # the title and the intro: what comes before the chapter's first section
        if child.tag == "section":
            break
        block = copy.deepcopy(child)
        for inner in block.xpath(
            f"descendant-or-self::*[{has_class('zb-takeaways')} or {has_class('zb-claims-compact')}]"
        ):
            if inner is block:
                block = None
                break
            inner.drop_tree()  # shown below, once
        if block is not None:
            blocks.append(block)
    blocks += [copy.deepcopy(element) for element in takeaways]
    if table and not any(table[0] in element.iter() for element in takeaways):
        blocks.append(copy.deepcopy(table[0]))
    return blocks
