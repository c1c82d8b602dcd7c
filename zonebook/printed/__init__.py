"""The print edition: the built HTML book as one PDF (cover, contents with page numbers, running headers,
every chapter, chart and table, the bibliography) and a one- or two-page handout per zone.

`collect` gathers the book's pages in the order of its table of contents and keeps each page's article;
`compose` makes the documents (HTML for print), `print.css` lays them out on A4, `pdf` draws them with
WeasyPrint and guards the targets. Public interface: `write(book, out, handouts)`.
"""

from zonebook.printed.collect import NotABook
from zonebook.printed.pdf import OutputRefused, write

__all__ = ["NotABook", "OutputRefused", "write"]
