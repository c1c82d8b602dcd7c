"""Fill in the character offsets of hand-written labels.

    python corpus/tools/locate.py DOC [DOC ...]      (DOC: a name in corpus/texts without .txt)

A label row may be written with `start` and `end` empty and `figure` holding the figure in a little of
its context, the figure itself in square brackets: `比上年增长[2.4%]`. The rows of a file are in text
order; each context is searched from where the previous label began, so a repeated phrase resolves to
its next occurrence. The file is rewritten with the offsets filled in and `figure` reduced to the
bracketed text, which is then exactly text[start:end]. Rows that already have offsets are checked.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1]
FIELDS = ["start", "end", "figure", "value", "unit", "bound", "kind", "period", "measure", "claim", "note"]


def locate(doc: str) -> list[str]:
    text = (CORPUS / "texts" / f"{doc}.txt").read_text(encoding="utf-8")
    path = CORPUS / "labels" / f"{doc}.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    problems, at = [], 0
    for line, row in enumerate(rows, start=2):
        if row["start"] and row["end"]:
            start, end = int(row["start"]), int(row["end"])
            if text[start:end] != row["figure"]:
                problems.append(f"{path}:{line}: figure {row['figure']!r} is not text[{start}:{end}] = {text[start:end]!r}")
            at = start
            continue
        context = row["figure"]
        if context.count("[") != 1 or context.count("]") != 1 or context.index("[") > context.index("]"):
            problems.append(f"{path}:{line}: figure {context!r} needs the figure in one pair of square brackets")
            continue
        before, rest = context.split("[", 1)
        inside, after = rest.split("]", 1)
        found = text.find(before + inside + after, at)
        if found < 0:
            problems.append(f"{path}:{line}: {context!r} not found after offset {at}")
            continue
        start = found + len(before)
        row.update(start=str(start), end=str(start + len(inside)), figure=inside)
        at = start
    if not problems:
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=FIELDS)
            writer.writeheader()
            writer.writerows({k: row.get(k, "") for k in FIELDS} for row in rows)
    return problems


def main(argv: list[str]) -> int:
    problems = [p for doc in argv for p in locate(doc)]
    print("\n".join(problems) or f"located {len(argv)} label file(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
