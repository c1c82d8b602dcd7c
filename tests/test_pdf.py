"""The print edition (`python -m zonebook pdf`), read back with poppler as a reader's PDF viewer would.

A book is built for the shipped data and for the other-city fixture, printed once each, and every claim
of the print edition is checked against the data and the HTML book it was printed from: the contents'
page numbers against the pages where the titles are found, the fonts, the running headers, the page
box, the charts, the Chinese text, the links and the handouts.
"""

from __future__ import annotations

import csv
import html as html_text
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote
from xml.etree import ElementTree

import pytest
import yaml
from conftest import FIXTURES, ROOT

POPPLER = shutil.which("pdftotext") and shutil.which("pdffonts") and shutil.which("pdfimages")
pytestmark = pytest.mark.skipif(not POPPLER, reason="poppler-utils is not installed (tools/system-packages.sh)")

MM = 72 / 25.4  # points
MARGIN_X = 16 * MM  # print.css: the left and right page margins


def pdf(*args: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "zonebook", "pdf", *args]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)


def words(text: str) -> str:
    return " ".join(text.split())


def pages_text(path: Path) -> list[str]:
    """The text of every page (pdftotext -layout), whitespace collapsed."""
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [words(page) for page in text.split("\f")[:-1]]


def first_lines(path: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [next((line.strip() for line in page.splitlines() if line.strip()), "") for page in text.split("\f")[:-1]]


def fonts(path: Path) -> list[list[str]]:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    return [line.split() for line in out.splitlines()[2:] if line.strip()]


def toc_pages(out: Path) -> list[tuple[str, str]]:
    """(page, title) of every chapter of _toc.yml, read from the project's _toc.yml and each built page's <title>."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]
    for part in toc["parts"]:
        for entry in part["chapters"]:
            if "glob" in entry:
                files += sorted(str(p.relative_to(out).with_suffix("")) for p in out.glob(entry["glob"] + ".html"))
            else:
                files.append(entry["file"])
    found = []
    for name in files:
        html = (out / f"{name}.html").read_text(encoding="utf-8")
        title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
        found.append((f"{name}.html", words(html_text.unescape(title.rsplit(" &#8212; ", 1)[0]))))
    return found


def bbox_pages(path: Path):
    xml = subprocess.run(
        ["pdftotext", "-bbox-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return ElementTree.fromstring(re.sub(r'xmlns="[^"]*"', "", xml, count=1)).iter("page")


@pytest.fixture(scope="module", params=["data", "other-city"])
def printed(request, tmp_path_factory):
    """(data folder, built book, the PDF, the handouts folder) for the shipped data and the other-city fixture."""
    data = ROOT / "data" if request.param == "data" else FIXTURES / "other-city"
    work = tmp_path_factory.mktemp(f"pdf-{request.param}")
    out = request.getfixturevalue("shipped_book" if request.param == "data" else "other_city_book")
    target = work / "print" / "book.pdf"
    run = pdf("--book", str(out), "--out", str(target))
    assert run.returncode == 0, run.stderr
    return data, out, target, target.parent / "handouts"


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def contents(pages: list[str], titles: list[str]) -> tuple[list[int], dict[str, int]]:
    """The contents pages (1-based) and the page number the contents give for each title (absent: not listed)."""
    listed = [i + 1 for i, page in enumerate(pages) if page.startswith("Contents")]
    assert listed, "no Contents page"
    text = " ".join(pages[i - 1] for i in listed)
    numbers = {}
    for title in titles:
        found = re.search(re.escape(title) + r" ?\.{3,} ?(\d+)", text)
        if found:
            numbers[title] = int(found.group(1))
    return listed, numbers


@pytest.mark.slow
def test_every_chapter_is_in_the_contents_with_the_page_it_starts_on(printed):
    _, out, target, _ = printed
    pages = pages_text(target)
    chapters = toc_pages(out)
    listed, numbers = contents(pages, [title for _, title in chapters])
    for _, title in chapters:
        entry = numbers.get(title)
        assert entry is not None, f"{title!r} is not in the contents"
        assert title in pages[entry - 1], f"{title!r}: the contents say page {entry}, which does not show it"
        before = entry - 1  # the running header, the first text of a page, names the chapter the page is in
        assert before in listed or not pages[before - 1].lstrip().startswith(title), (
            f"{title!r} already on page {before}: not where it starts"
        )
    assert [numbers[title] for _, title in chapters] == sorted(numbers.values()), "not in the order of the toc"


@pytest.mark.slow
def test_every_font_is_embedded(printed):
    _, _, target, handouts = printed
    for path in [target, *sorted(handouts.glob("*.pdf"))]:
        table = fonts(path)
        assert table, f"{path}: no fonts"
        for row in table:
            emb = row[-5]  # name, type (one or more words), encoding, emb, sub, uni, object, ID
            assert emb == "yes", f"{path}: font {row[0]} is not embedded"


@pytest.mark.slow
def test_body_pages_carry_their_chapters_title_as_running_header(printed):
    _, out, target, _ = printed
    pages = pages_text(target)
    listed, numbers = contents(pages, [title for _, title in toc_pages(out)])
    heads = first_lines(target)
    starts = sorted((number, title) for title, number in numbers.items())
    for page in range(max(listed) + 1, len(pages) + 1):
        current = [title for number, title in starts if number <= page][-1]
        assert words(heads[page - 1]) == current, f"page {page}: header {heads[page - 1]!r}, expected {current!r}"


@pytest.mark.slow
def test_no_text_leaves_the_page_box(printed):
    """Every word (of every table, chart caption and paragraph) lies within the page's left and right margins."""
    _, _, target, handouts = printed
    for path in [target, *sorted(handouts.glob("*.pdf"))]:
        for number, page in enumerate(bbox_pages(path), 1):
            width = float(page.get("width"))
            for word in page.iter("word"):
                left, right = float(word.get("xMin")), float(word.get("xMax"))
                assert left >= MARGIN_X - 1 and right <= width - MARGIN_X + 1, (
                    f"{path.name} page {number}: {word.text!r} at x {left:.0f}–{right:.0f} leaves the page box"
                )


@pytest.mark.slow
def test_no_line_of_a_paragraph_breaks_early(printed):
    """No line of running text holds one or two words and leaves the rest of the line empty while the next line
    is full (WeasyPrint measures kerned text differently split and whole unless kerning is off)."""
    _, _, target, handouts = printed
    early = []
    for path in [target, *sorted(handouts.glob("*.pdf"))]:
        for number, page in enumerate(bbox_pages(path), 1):
            for block in page.iter("block"):
                lines = list(block.iter("line"))
                for line, after in zip(lines, lines[1:]):
                    width = float(line.get("xMax")) - float(line.get("xMin"))
                    following = float(after.get("xMax")) - float(after.get("xMin"))
                    same_column = abs(float(line.get("xMin")) - float(after.get("xMin"))) < 2
                    text = [word.text for word in line.iter("word")]
                    if len(text) <= 2 and same_column and following > 300 and following > 4 * width:
                        early.append(f"{path.name} page {number}: {' '.join(text)!r} alone on its line")
    assert not early, early


@pytest.mark.slow
def test_every_chart_of_the_book_is_printed(printed):
    _, out, target, _ = printed
    charts = 0
    for page, _ in toc_pages(out):
        html = (out / page).read_text(encoding="utf-8")
        article = html[html.index("<article") : html.index("</article>")]
        charts += article.count("<img ")
    listing = subprocess.run(["pdfimages", "-list", str(target)], capture_output=True, text=True, check=True).stdout
    images = [line.split() for line in listing.splitlines()[2:]]
    assert charts > 0
    assert sum(1 for row in images if row[2] == "image") == charts


@pytest.mark.slow
def test_chinese_text_and_the_edition_are_extractable(printed):
    data, _, target, _ = printed
    pages = pages_text(target)
    text = " ".join(pages)
    for zone in read_csv(data / "zones.csv"):
        assert zone["name_zh"] in text and zone["name_en"] in text
    book = yaml.safe_load((data / "book.yml").read_text(encoding="utf-8"))
    for value in (book["city"]["en"], book["city"]["zh"], book["title"]["zh"], words(book["title"]["en"])):
        assert value in pages[0], f"the cover lacks {value!r}"


@pytest.mark.slow
def test_links_stay_clickable(printed):
    """Every source's address (sources.csv) is a link in the PDF, and the contents link to their chapters."""
    from pypdf import PdfReader

    data, _, target, _ = printed
    reader = PdfReader(target)
    uris, internal = set(), 0
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            link = annotation.get_object()
            action = link.get("/A")
            if action and action.get("/S") == "/URI":
                uris.add(unquote(action["/URI"]))  # an address with Chinese in it is percent-encoded in the PDF
            elif link.get("/Dest") is not None or (action and action.get("/S") == "/GoTo"):
                internal += 1
    addresses = {row["url"] for row in read_csv(data / "sources.csv") if row["url"].startswith("http")}
    missing = {a for a in addresses if unquote(a) not in uris}
    assert addresses and not missing, f"not linked: {sorted(missing)[:5]}"
    assert internal >= len(toc_pages(printed[1]))


@pytest.mark.slow
def test_a_handout_per_zone_on_at_most_two_pages(printed):
    data, _, _, handouts = printed
    zones = read_csv(data / "zones.csv")
    found = sorted(handouts.glob("*.pdf"))
    assert len(found) == len(zones)
    for zone in zones:
        path = next(p for p in found if p.stem.endswith(f"-{zone['zone']}"))
        pages = pages_text(path)
        assert 1 <= len(pages) <= 2, f"{path.name}: {len(pages)} pages"
        text = " ".join(pages)
        assert zone["name_zh"] in text and zone["name_en"] in text


@pytest.mark.slow
def test_a_pdf_of_its_own_is_replaced_and_anything_else_refused(printed, tmp_path):
    from zonebook.printed.pdf import refusal

    _, out, target, _ = printed
    assert refusal(target) == ""  # printed before: may be replaced
    mine = tmp_path / "notes.pdf"
    mine.write_bytes(b"%PDF-1.4 my own notes, not a zonebook print\n")
    text = tmp_path / "book.txt"
    text.write_text("keep me", encoding="utf-8")
    for path in (mine, text):
        before = path.read_bytes()
        run = pdf("--book", str(out), "--out", str(path))
        assert run.returncode == 2 and len(run.stderr.strip().splitlines()) == 1, run.stderr
        assert str(path) in run.stderr and path.read_bytes() == before
        assert not (tmp_path / "handouts").exists()
    assert refusal(tmp_path) != ""  # a folder
    run = pdf("--book", str(out), "--out", str(out / "book.pdf"))  # inside the book, which the build owns
    assert run.returncode == 2 and "inside the built book" in run.stderr, run.stderr
    assert not (out / "book.pdf").exists() and not (out / "handouts").exists()


def test_a_folder_that_is_not_a_built_book_is_refused(tmp_path):
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "index.html").write_text("<p>my page</p>", encoding="utf-8")
    (folder / "build.json").write_text('{"format": "something-else"}', encoding="utf-8")
    for book in (folder, tmp_path / "absent"):
        run = pdf("--book", str(book), "--out", str(tmp_path / "out.pdf"))
        assert run.returncode == 2, run.stderr
        assert len(run.stderr.strip().splitlines()) == 1 and str(book) in run.stderr and "build.json" in run.stderr
        assert not (tmp_path / "out.pdf").exists()


def page(body: str) -> str:
    return f'<html><body><nav class="bd-docs-nav"></nav><article class="bd-article">{body}</article></body></html>'


INTRO = '<h1>1. Harbour · 港区</h1><div class="cell"><p class="zb-lede">The article claims the harbour grows.</p></div>'
KEY_FIGURES = (
    '<section id="key"><h2>Key figures</h2><table class="zb-table"><tr><td>Key figure row</td></tr></table></section>'
)
VERDICTS = (
    '<section id="claims"><h2>Claims, checked</h2><table class="zb-table"><tr>'
    '<td><span class="zb-verdict">Unverified</span></td><td>Verdict row</td></tr></table></section>'
)
EVIDENCE = "<section><details><summary>Words</summary><table><tr><td>Evidence row</td></tr></table></details></section>"


def handout_text(tmp_path: Path, body: str) -> list[str]:
    from zonebook.printed import collect

    (tmp_path / "zone.html").write_text(page(f'<section id="harbour">{body}</section>'), encoding="utf-8")
    chapter = collect.chapter(tmp_path, "zone.html", {"zone.html"})
    return [words(block.text_content()) for block in collect.handout(chapter)]


def test_a_handout_takes_the_takeaways_and_the_compact_table_where_the_chapter_has_them(tmp_path):
    takeaways = (
        '<section class="zb-takeaways"><h2>Takeaways</h2><ul><li>Claimed 10, recorded 8.</li></ul>'
        '<table class="zb-claims-compact"><tr><td>Compact row</td></tr></table></section>'
    )
    for body in (  # the takeaways as a section of their own, or inside the intro's cell
        INTRO + takeaways + KEY_FIGURES + VERDICTS + EVIDENCE,
        INTRO.replace("</p></div>", f"</p>{takeaways}</div>") + KEY_FIGURES + VERDICTS + EVIDENCE,
    ):
        text = " | ".join(handout_text(tmp_path, body))
        assert text.startswith("1. Harbour · 港区")
        for shown in ("The article claims the harbour grows.", "Claimed 10, recorded 8.", "Compact row"):
            assert text.count(shown) == 1, (shown, text)
        for left_out in ("Key figure row", "Verdict row", "Evidence row"):
            assert left_out not in text


def test_a_handout_falls_back_on_the_intro_and_the_table_of_verdicts(tmp_path):
    text = " | ".join(handout_text(tmp_path, INTRO + KEY_FIGURES + VERDICTS + EVIDENCE))
    assert "The article claims the harbour grows." in text and "Verdict row" in text
    assert "Key figure row" not in text and "Evidence row" not in text
    text = " | ".join(handout_text(tmp_path, INTRO + KEY_FIGURES))  # no verdicts at all: the first table
    assert "Key figure row" in text


def test_a_handout_too_long_for_two_pages_shows_the_rows_that_fit_and_says_so(tmp_path):
    import datetime as dt

    from zonebook.printed import collect, pdf

    claims = 120
    rows = "".join(
        f'<tr><td><span class="zb-verdict">Unverified</span></td><td>Claim number {n}: the record has no figure '
        f"for it, and the article's words run on for a while.</td></tr>"
        for n in range(1, claims + 1)
    )
    (tmp_path / "zone.html").write_text(
        page(
            f'<section id="harbour">{INTRO}<section><table><thead><tr><th>Verdict</th><th>Claim</th></tr></thead>'
            f"<tbody>{rows}</tbody></table></section></section>"
        ),
        encoding="utf-8",
    )
    chapter = collect.chapter(tmp_path, "zone.html", {"zone.html"})
    book = collect.Book(tmp_path, {}, "The book", dt.date(2026, 12, 1), [])
    target = tmp_path / "handout.pdf"
    pdf.handout(book, chapter, target)
    text = pages_text(target)
    assert 1 <= len(text) <= 2
    shown = max(int(n) for n in re.findall(r"Claim number (\d+):", " ".join(text)))
    assert 10 < shown < claims and f"The first {shown} of {claims} rows" in " ".join(text)


def test_a_written_pdf_is_readable_as_any_file_the_user_makes(tmp_path):
    """The PDF is written under a temporary name and renamed; it takes the permissions the user's umask gives a
    new file (0644 under umask 022), not the owner-only ones of a temporary file, so it can be served and shared."""
    import os

    from zonebook.printed import pdf as printer

    class Document:  # what WeasyPrint's rendered document offers the writer
        def write_pdf(self, target):
            Path(target).write_bytes(b"%PDF-1.7\n")

    previous = os.umask(0o022)
    try:
        printer.save(Document(), tmp_path / "book.pdf")
    finally:
        os.umask(previous)
    assert (tmp_path / "book.pdf").stat().st_mode & 0o777 == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["book.pdf"]  # no partial left
