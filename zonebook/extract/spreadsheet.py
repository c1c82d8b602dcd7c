"""Making a draft safe to open in a spreadsheet: a text cell that starts with =, +, -, @, a tab or a
carriage return is run by Excel, LibreOffice and WPS as a formula (CSV injection). Such a cell gets a
leading apostrophe, which spreadsheets read as "this is text"; the row's extract_note says so."""

from __future__ import annotations

import pandas as pd

from zonebook.cells import FORMULA_STARTS, defuse  # the rule, shared with the book's CSV downloads


def safe_for_spreadsheets(frame: pd.DataFrame, numbers: tuple[str, ...] = ("value",)) -> pd.DataFrame:
    """A copy of `frame` in which no text cell runs as a formula; the number columns are left alone
    (a negative number is a number, not a formula)."""
    frame = frame.copy()
    texts = [c for c in frame.columns if c not in numbers]
    touched = pd.Series(False, index=frame.index)
    for column in texts:
        risky = frame[column].map(lambda cell: isinstance(cell, str) and cell.startswith(FORMULA_STARTS))
        touched |= risky
        frame[column] = frame[column].map(defuse)
    if "extract_note" in frame.columns:
        note = "a leading apostrophe keeps spreadsheets from running a cell as a formula; remove it when the row is reviewed"
        frame.loc[touched, "extract_note"] = frame.loc[touched, "extract_note"].map(
            lambda text: f"{text}; {note}" if text else note
        )
    return frame
