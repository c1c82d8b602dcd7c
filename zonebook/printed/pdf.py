"""Write the print edition: the book as one PDF and a handout PDF per zone, drawn by WeasyPrint.

WeasyPrint, not a browser's print: it implements CSS Paged Media — `target-counter()` for the page numbers
of the contents, `string-set` and `@page` margin boxes for the running headers, page counters — and embeds
subsets of the fonts it draws with; headless Chromium's print has no `target-counter()`, so its contents
could not say on which page a chapter starts.

A target is written only if it does not exist or is a PDF this tool wrote (its Creator says so); anything
else is refused before anything is drawn. Each file is written beside its target and renamed over it, so
an interrupted run leaves the previous PDF whole.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from zonebook.printed import collect, compose


class OutputRefused(Exception):
    """A target of the print edition is a file this tool did not write; nothing was written."""


def ours(path: Path) -> bool:
    """Whether `path` is a PDF written by this tool (its Creator is compose.CREATOR)."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    log = logging.getLogger("pypdf")
    level = log.level
    log.setLevel(logging.CRITICAL)  # a damaged or foreign file is an answer here, not news
    try:
        metadata = PdfReader(path).metadata
    except (OSError, PyPdfError, ValueError):
        return False
    finally:
        log.setLevel(level)
    return metadata is not None and metadata.get("/Creator") == compose.CREATOR


def refusal(path: Path) -> str:
    """Why `path` may not be written, or "" if it may."""
    if path.is_symlink() or (path.exists() and not path.is_file()):
        return f"{path}: is not a regular file; expected a new path or a PDF written by python -m zonebook pdf"
    if path.exists() and not ours(path):
        return f"{path}: exists and is not a PDF written by python -m zonebook pdf (its Creator is not '{compose.CREATOR}'); choose another --out or move it away"
    return ""


HANDOUT_PAGES = 2  # a handout is one or two pages: a longer table shows its first rows and says so


def draw(html: str, base: Path):
    """The laid-out pages of `html` (relative addresses resolved against `base`)."""
    from weasyprint import HTML

    return HTML(string=html, base_url=str(base)).render()


def save(document, target: Path) -> None:
    """Write the laid-out `document` to `target`, replaced in one rename."""
    target.parent.mkdir(parents=True, exist_ok=True)
    # a name of this process's own, created as any new file is (mkstemp's would keep its owner-only mode)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.part")
    try:
        document.write_pdf(temporary)
        os.replace(temporary, target)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def handout(printed: collect.Book, chapter: collect.Chapter, target: Path) -> None:
    """A zone's handout in `target`, on at most HANDOUT_PAGES pages: a table too long for them is cut to the
    rows that fit (a few layouts at most, each a fraction of a second)."""
    html, rows = compose.handout_html(printed, chapter)
    document = draw(html, printed.folder)
    while len(document.pages) > HANDOUT_PAGES and rows > 0:
        rows = max(0, min(rows - 1, rows * HANDOUT_PAGES // len(document.pages)))
        document = draw(compose.handout_html(printed, chapter, rows)[0], printed.folder)
    save(document, target)


def write(book: Path | str, out: Path | str, handouts: Path | str | None = None) -> list[Path]:
    """The book in `book` as the PDF `out`, and a handout per zone in `handouts` (default: OUT's folder's
    `handouts/`); the files written. Raises collect.NotABook and OutputRefused before writing anything."""
    out = Path(os.path.abspath(out))
    folder = Path(os.path.abspath(handouts)) if handouts else out.parent / "handouts"
    printed = collect.read(Path(book))
    zones = compose.zone_chapters(printed)
    targets = [out] + [folder / f"{stem}.pdf" for stem, _ in zones]
    problems = [problem for problem in map(refusal, targets) if problem]
    inside = [t for t in targets if printed.folder.resolve() in t.resolve().parents]
    if inside:  # the build owns the book's folder: it would count the PDF as damage, or publish over it
        problems.insert(0, f"{inside[0]}: is inside the built book {printed.folder}; write the print edition beside it")
    if problems:
        raise OutputRefused("; ".join(problems))
    save(draw(compose.book_html(printed), printed.folder), out)
    for (_, chapter), target in zip(zones, targets[1:]):
        handout(printed, chapter, target)
    return targets
