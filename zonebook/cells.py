"""The one rule for text cells that a spreadsheet would run: a cell that starts with =, +, -, @, a tab or a
carriage return is a formula to Excel, LibreOffice and WPS (CSV injection). Such a cell gets a leading
apostrophe, which spreadsheets read as "this is text". The extractor's drafts and the book's CSV downloads
both use it."""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def defuse(cell: str) -> str:
    """The cell with a leading apostrophe if a spreadsheet would run it, else unchanged."""
    return "'" + cell if isinstance(cell, str) and cell.startswith(FORMULA_STARTS) else cell
