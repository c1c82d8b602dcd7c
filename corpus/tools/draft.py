"""Print a first draft of a development text's labels from the extractor, for checking by hand.

    python corpus/tools/draft.py DOC        (DOC: a development text; held-out texts are refused)

One line per extracted figure, in the form the labels are typed in:
    context[figure]§value§unit§bound§kind§period§measure
Every line is then checked against the text and corrected (see ../GUIDE.md); the draft is never a label.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(CORPUS.parent))

from zonebook.extract import extract, read_text


def main(argv: list[str]) -> int:
    parts = {row["doc"]: row["part"] for row in csv.DictReader((CORPUS / "documents.csv").open(encoding="utf-8"))}
    for doc in argv:
        if parts.get(doc) != "development":
            print(f"{doc}: not a development text; held-out labels are written from the text alone", file=sys.stderr)
            return 2
        text = read_text(CORPUS / "texts" / f"{doc}.txt")
        result = extract(text)
        for (start, end), row in zip(result.spans, result.frame.to_dict("records")):
            context = text[max(0, start - 6):start].split("\n")[-1]
            value = f"{row['value']:.12g}"
            print(f"{context}[{text[start:end]}]§{value}§{row['unit']}§{row['bound']}§{row['kind']}§{row['period']}§{row['measure']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
