"""Screenshots of a built book, for a person to look at: every page at 1280 px and 420 px, a few searches, and
every slide of each deck, the HTML deck in the browser and the PowerPoint deck as LibreOffice renders it.

    .venv/bin/python tools/screens.py [BOOK] [--out DIR] [--search QUERY ...]

BOOK (default _build/html) must be a book already built (`make book`); this builds nothing. The pictures go to
DIR (default _build/screens/): `1280/chapters/zones/02-industry-613.png`, `420/...`, `1280/search/<query>.png`,
`slides/02-industry-613/03.png`, `pptx/02-industry-613/03.png` (the .pptx through LibreOffice and poppler, at 50 dpi,
as tests/test_deck_render.py renders it), and the Chinese edition's decks as `zh/slides/…`, `zh/pptx/…`. DIR is this tool's own: it is replaced only if it holds the marker this tool
writes, and any other existing file or folder there is refused, untouched.

The browser is the test suite's (tests/browser.py: Debian's Chromium driven by Playwright, the book served
over http as a reader's browser loads it, so the search page can read its pages).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from browser import ARGS, CHROMIUM, search_finished, serve  # noqa: E402  (the tests' browser, shared)

WIDTHS = (1280, 420)
HEIGHT = 900
SLIDE = {"width": 1280, "height": 720}
MARKER = ".zonebook-screens"  # names the folder as this tool's output
# where each slide is (horizontal, vertical), in order
POSITIONS = "() => Reveal.getSlides().map(s => { const i = Reveal.getIndices(s); return [i.h, i.v || 0]; })"
SEARCHES = ("老旧小区", "专精特新 小巨人", "foreign investment")


def book_pages(book: Path) -> list[str]:
    """The book's pages, as paths relative to it: not its assets, decks, or the redirect at its root."""
    pages = []
    for path in sorted(book.rglob("*.html")):
        rel = path.relative_to(book)
        if rel.parts[0] in ("_static", "slides", "_sources") or rel.as_posix() == "index.html":
            continue
        pages.append(rel.as_posix())
    return pages


EDITIONS = ("", "zh")  # where each edition's decks are: slides/ and zh/slides/


def decks(book: Path) -> list[str]:
    """The HTML decks of every edition (slides/NN-zone.html, zh/slides/NN-zone.html), if the book has any."""
    return [
        p.relative_to(book).as_posix()
        for edition in EDITIONS
        for p in sorted((book / edition / "slides").glob("*.html"))
    ]


def prepare(out: Path) -> None:
    """An empty `out`, or a refusal when it holds anything but this tool's earlier pictures."""
    if out.exists() or out.is_symlink():
        if not out.is_dir() or out.is_symlink() or (any(out.iterdir()) and not (out / MARKER).is_file()):
            sys.exit(f"screens: {out} exists and is not a folder of screenshots this tool wrote; nothing was changed")
        shutil.rmtree(out)
    out.mkdir(parents=True)
    note = "screenshots written by tools/screens.py; the folder is replaced on the next run\n"
    (out / MARKER).write_text(note, encoding="utf-8")


def shoot_pages(browser, root: str, pages: list[str], searches: tuple[str, ...], out: Path) -> int:
    count = 0
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": HEIGHT})
        page = context.new_page()
        for rel in pages:
            page.goto(root + rel, wait_until="load")
            target = out / str(width) / Path(rel).with_suffix(".png")
            target.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(target), full_page=True)
            count += 1
        for query in searches:
            page.goto(f"{root}search.html?q={quote(query)}", wait_until="load")
            search_finished(page)
            target = out / str(width) / "search" / f"{query.replace('/', '_')}.png"
            target.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(target), full_page=True)
            count += 1
        context.close()
    return count


def shoot_decks(browser, root: str, deck_pages: list[str], out: Path) -> int:
    count = 0
    context = browser.new_context(viewport=SLIDE)
    page = context.new_page()
    for rel in deck_pages:
        page.goto(root + rel, wait_until="load")
        page.wait_for_function("() => window.Reveal && Reveal.isReady()")
        folder = out / Path(rel).with_suffix("")  # slides/02-industry-613, zh/slides/02-industry-613
        folder.mkdir(parents=True, exist_ok=True)
        positions = page.evaluate(POSITIONS)
        for number, (h, v) in enumerate(positions, 1):
            page.evaluate("([h, v]) => Reveal.slide(h, v)", [h, v])
            page.wait_for_timeout(150)  # the slide transition
            page.screenshot(path=str(folder / f"{number:02d}.png"))
            count += 1
    context.close()
    return count


def shoot_pptx(book: Path, out: Path) -> int:
    """Every slide of each edition's PowerPoint decks, rendered by LibreOffice to PDF and by poppler to PNG
    (pptx/<stem>/NN.png, zh/pptx/<stem>/NN.png)."""
    return sum(shoot_edition_pptx(book / edition / "slides", out / edition) for edition in EDITIONS)


def shoot_edition_pptx(slides: Path, out: Path) -> int:
    decks = sorted(slides.glob("*.pptx"))
    soffice = shutil.which("soffice")
    if not decks or not soffice or not shutil.which("pdftoppm"):
        return 0
    work = out / "pptx" / ".pdf"
    work.mkdir(parents=True)
    profile = f"-env:UserInstallation=file://{work}/lo"  # a profile of its own: never the user's LibreOffice
    subprocess.run(
        [soffice, "--headless", profile, "--convert-to", "pdf", "--outdir", str(work), *map(str, decks)],
        check=True,
        capture_output=True,
    )
    count = 0
    for deck in decks:
        folder = out / "pptx" / deck.stem
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(["pdftoppm", "-r", "50", "-png", str(work / f"{deck.stem}.pdf"), str(folder / "s")], check=True)
        for png in sorted(folder.glob("s-*.png")):
            png.rename(folder / f"{int(png.stem.split('-')[-1]):02d}.png")
            count += 1
    shutil.rmtree(work)
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("book", nargs="?", type=Path, default=ROOT / "_build" / "html")
    parser.add_argument("--out", type=Path, default=ROOT / "_build" / "screens")
    parser.add_argument("--search", action="append", help="a query whose results page is pictured too (repeatable)")
    args = parser.parse_args(argv)
    book, out = args.book.resolve(), args.out.resolve()
    if not (book / "search.html").is_file():
        sys.exit(f"screens: {book} is not a built book (no search.html); build it first with `make book`")
    if out == book or book in out.parents:
        sys.exit(f"screens: {out} is inside the book {book}; choose another folder")
    if not CHROMIUM.exists():
        sys.exit(f"screens: {CHROMIUM} is not installed (tools/system-packages.sh installs it)")
    from playwright.sync_api import sync_playwright

    prepare(out)
    with sync_playwright() as playwright, serve(book) as root:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        try:
            shots = shoot_pages(browser, root, book_pages(book), tuple(args.search or SEARCHES), out)
            shots += shoot_decks(browser, root, decks(book), out)
        finally:
            browser.close()
    shots += shoot_pptx(book, out)
    print(f"screens: {shots} screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
