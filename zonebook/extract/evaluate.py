"""Scoring the extractor against a labelled corpus (corpus/ in the repository; its GUIDE.md says how
the labels were made).

    load_corpus(folder) -> Corpus                     documents.csv, texts/DOC.txt, labels/DOC.csv
    score_document(text, labels) -> DocumentScore     one text
    score_part(corpus, part) -> PartScore             every text of a part (development / held-out)

A label is one occurrence of a figure; occurrences that share a `claim` key are one claim (a title
repeating the body). A draft row *matches* a label when its value equals the label's (converted between
units of one base: 1 万亿元 = 10000 亿元) and its figure's offsets overlap the label's. Then:

- recall: share of claims with a matching row;
- every field right: share of claims with a matching row whose unit, bound, kind and period are also
  the label's (a unit is right when written the same, or when both convert with factor 1);
- precision: share of rows that match some label.

Each text is read with its source address (documents.csv `url`), as `zonebook extract --address` reads it:
the date in the address dates a text that prints none.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass, field
from pathlib import Path

from zonebook.extract.layout import read_text
from zonebook.extract.pipeline import extract
from zonebook.extract.rules import Rules, convert, load_rules

LABEL_FIELDS = ["start", "end", "figure", "value", "unit", "bound", "kind", "period", "measure", "claim", "note"]


@dataclass
class Label:
    doc: str
    line: int
    start: int
    end: int
    figure: str
    value: float
    unit: str
    bound: str
    kind: str
    period: str
    claim: str


@dataclass
class Corpus:
    folder: Path
    documents: list[dict]
    labels: dict[str, list[Label]]

    def text(self, doc: str) -> str:
        return read_text(self.folder / "texts" / f"{doc}.txt")

    def part(self, name: str) -> list[dict]:
        return [d for d in self.documents if d["part"] == name]


@dataclass
class DocumentScore:
    doc: str
    claims: int
    found: int
    right: int
    rows: int
    matching_rows: int
    misses: list = field(default_factory=list)  # labels of claims not found
    partly: list = field(default_factory=list)  # (label, row) found with a wrong field
    extra: list = field(default_factory=list)  # rows matching no label
    seconds: float = 0.0

    @property
    def recall(self):
        return self.found / self.claims if self.claims else None

    @property
    def every_field_right(self):
        return self.right / self.claims if self.claims else None

    @property
    def precision(self):
        return self.matching_rows / self.rows if self.rows else None


@dataclass
class PartScore:
    part: str
    documents: list[DocumentScore]

    def _total(self, name):
        return sum(getattr(d, name) for d in self.documents)

    @property
    def claims(self):
        return self._total("claims")

    @property
    def recall(self):
        return self._total("found") / self.claims if self.claims else None

    @property
    def every_field_right(self):
        return self._total("right") / self.claims if self.claims else None

    @property
    def precision(self):
        rows = self._total("rows")
        return self._total("matching_rows") / rows if rows else None

    def document_range(self, name: str) -> tuple:
        values = [getattr(d, name) for d in self.documents if getattr(d, name) is not None]
        return (min(values), max(values)) if values else (None, None)


def body_sample(corpus: Corpus, size: int = 20000) -> str:
    """A text of `size` characters made of the corpus's lines that hold labelled figures (its body text,
    no page chrome, so no end marker cuts it short), repeated as often as needed: for timing."""
    lines = []
    for document in corpus.documents:
        text = corpus.text(document["doc"])
        starts = {text.rfind("\n", 0, label.start) + 1 for label in corpus.labels[document["doc"]]}
        lines += [text[s : text.find("\n", s) if text.find("\n", s) >= 0 else len(text)] for s in sorted(starts)]
    sample = "\n\n".join(lines)
    while len(sample) < size:
        sample += "\n\n" + sample
    return sample[:size]


def load_corpus(folder: Path | str) -> Corpus:
    """The corpus in `folder`; raises ValueError naming file and line for a label that does not hold."""
    folder = Path(folder)
    with (folder / "documents.csv").open(encoding="utf-8", newline="") as handle:
        documents = list(csv.DictReader(handle))
    labels, problems = {}, []
    for document in documents:
        doc = document["doc"]
        path = folder / "labels" / f"{doc}.csv"
        text = read_text(folder / "texts" / f"{doc}.txt")
        rows = []
        with path.open(encoding="utf-8", newline="") as handle:
            for line, row in enumerate(csv.DictReader(handle), start=2):
                try:
                    label = Label(
                        doc,
                        line,
                        int(row["start"]),
                        int(row["end"]),
                        row["figure"],
                        float(row["value"]),
                        row["unit"],
                        row["bound"],
                        row["kind"],
                        row["period"],
                        row["claim"] or f"#{line}",
                    )
                except (TypeError, ValueError) as error:
                    problems.append(f"{path}:{line}: {error}")
                    continue
                if text[label.start : label.end] != label.figure:
                    problems.append(
                        f"{path}:{line}: figure {label.figure!r} is not the text at {label.start}-{label.end}"
                    )
                rows.append(label)
        labels[doc] = rows
    if problems:
        raise ValueError("\n".join(problems))
    return Corpus(folder, documents, labels)


def _close(a, b) -> bool:
    return a is not None and math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def _same_unit(written: str, labelled: str, rules: Rules) -> bool:
    if written == labelled:
        return True
    mine, theirs = rules.unit_info(written), rules.unit_info(labelled)
    return bool(mine and theirs and mine[0] and mine == theirs)


def score_document(
    doc: str, text: str, labels: list[Label], rules: Rules | None = None, address: str = ""
) -> DocumentScore:
    import time

    rules = rules or load_rules()
    began = time.perf_counter()
    result = extract(text, rules=rules, address=address)
    seconds = time.perf_counter() - began
    rows = result.frame.to_dict("records")

    def matches(row, span, label) -> bool:
        value = convert(row["value"], row["unit"], label.unit, rules)
        return _close(value, label.value) and span[0] < label.end and label.start < span[1]

    claims: dict[str, list[Label]] = {}
    for label in labels:
        claims.setdefault(label.claim, []).append(label)
    score = DocumentScore(doc, len(claims), 0, 0, len(rows), 0, seconds=seconds)
    matched_rows: set[int] = set()
    for occurrences in claims.values():
        hits = [
            (i, label)
            for label in occurrences
            for i, (row, span) in enumerate(zip(rows, result.spans))
            if matches(row, span, label)
        ]
        matched_rows.update(i for i, _ in hits)
        if not hits:
            score.misses.append(occurrences[0])
            continue
        score.found += 1
        good = [
            i
            for i, label in hits
            if _same_unit(rows[i]["unit"], label.unit, rules)
            and (rows[i]["bound"], rows[i]["kind"], str(rows[i]["period"])) == (label.bound, label.kind, label.period)
        ]
        if good:
            score.right += 1
        else:
            score.partly.append((hits[0][1], rows[hits[0][0]]))
    score.matching_rows = len(matched_rows)
    score.extra = [row for i, row in enumerate(rows) if i not in matched_rows]
    return score


def score_part(corpus: Corpus, part: str, rules: Rules | None = None) -> PartScore:
    rules = rules or load_rules()
    return PartScore(
        part,
        [
            score_document(d["doc"], corpus.text(d["doc"]), corpus.labels[d["doc"]], rules, d.get("url", ""))
            for d in corpus.part(part)
        ],
    )
