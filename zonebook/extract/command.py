"""The `python -m zonebook extract FILE --source S --out O` command: read, extract, write the draft."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from zonebook.extract.figures import format_value
from zonebook.extract.layout import read_text
from zonebook.extract.pipeline import Extraction, extract
from zonebook.extract.spreadsheet import safe_for_spreadsheets

INDICATORS_FILE = Path("data") / "indicators.csv"  # relative to where the command runs: the repo root


def summary(result: Extraction) -> str:
    total = sum(result.skipped.values())
    line = f"found {len(result.frame)} figures in {result.sentences} sentences; skipped {total} lines of page chrome"
    if total:
        parts = [f"{n} {reason}" for reason, n in result.skipped.items()]
        line += " (" + ", ".join(parts) + ")"
    return line


def run(text_file: str, source: str | None = None, out: str | None = None, address: str | None = None) -> int:
    """`python -m zonebook extract TEXT_FILE [--source ID] [--out draft.csv] [--address URL]`: 0 on success, 2 on
    a bad file. The page's address (URL) dates a text that prints no date of its own."""
    try:
        text = read_text(text_file)
    except OSError as error:
        print(f"{text_file}: cannot read: {error.strerror or error}", file=sys.stderr)
        return 2
    except UnicodeDecodeError:
        print(f"{text_file}: neither UTF-8 nor GB18030 text", file=sys.stderr)
        return 2
    indicators, suggested = None, ""
    if INDICATORS_FILE.exists():
        try:
            indicators = pd.read_csv(INDICATORS_FILE, dtype=str, keep_default_na=False)
            suggested = f"; indicator slugs suggested from {INDICATORS_FILE}"
        except (OSError, ValueError, pd.errors.ParserError):
            indicators = None
    result = extract(text, source or "", indicators=indicators, address=address or "")
    frame = result.frame.copy()
    frame["value"] = frame["value"].map(format_value)
    frame = safe_for_spreadsheets(frame)  # the draft is meant to be opened in Excel
    if out:
        try:
            Path(out).parent.mkdir(parents=True, exist_ok=True)
            frame.to_csv(out, index=False, encoding="utf-8")
        except OSError as error:
            print(f"{out}: cannot write: {error.strerror or error}", file=sys.stderr)
            return 2
    else:
        frame.to_csv(sys.stdout, index=False)
    print(summary(result) + suggested, file=sys.stderr)
    return 0
