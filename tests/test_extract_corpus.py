"""The labelled corpus (corpus/, see corpus/GUIDE.md) and the extractor's scores on it.

The held-out part is split from the development part by city, was labelled from the texts alone, and is
never used to tune the rules; its scores are the extractor's measured quality on text it has not seen."""

from __future__ import annotations

import math
import re
import sys
import time
from pathlib import Path

import pytest

from zonebook import extract as ex
from zonebook.extract.evaluate import body_sample, load_corpus, score_part

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
RESERVED = {"常州", "南通", "泰州"}  # kept for an independent evaluation
PERIOD = re.compile(r"(?:19|20)\d\d(?:Q[1-4]|-(?:19|20)\d\d)?")


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(CORPUS)


def test_the_corpus_covers_many_places_years_and_genres(corpus):
    documents = corpus.documents
    assert len(documents) >= 30
    assert len({d["city"] for d in documents}) >= 10
    assert len({d["reference_year"] for d in documents}) >= 5
    genres = " ".join(d["genre"] for d in documents)
    for genre in ("communique", "monthly", "quarterly", "work report", "development-zone", "promotional"):
        assert genre in genres
    assert any("|" in corpus.text(d["doc"]) for d in documents)  # tables


def test_every_document_row_holds(corpus):
    problems = []
    for line, d in enumerate(corpus.documents, start=2):
        where = f"documents.csv:{line}"
        if d["part"] not in ("development", "held-out"):
            problems.append(f"{where}: part {d['part']!r} is not development or held-out")
        if d["city"] in RESERVED:
            problems.append(f"{where}: {d['city']} is reserved for the independent evaluation")
        if not re.fullmatch(r"(?:19|20)\d\d", d["reference_year"]):
            problems.append(f"{where}: reference_year {d['reference_year']!r} is not a year")
        if d["published"] and not re.fullmatch(r"(?:19|20)\d\d-\d\d-\d\d", d["published"]):
            problems.append(f"{where}: published {d['published']!r} is not YYYY-MM-DD")
        if not d["url"].startswith(("http://", "https://")):
            problems.append(f"{where}: url {d['url']!r} is not a source address")
        if (d["part"] == "held-out") != bool(d.get("batch")):
            problems.append(f"{where}: a held-out text names its batch (the round it was labelled in), no other")
        if not (CORPUS / "texts" / f"{d['doc']}.txt").exists() or not (CORPUS / "labels" / f"{d['doc']}.csv").exists():
            problems.append(f"{where}: {d['doc']} has no text or no labels")
    assert not problems, "\n".join(problems)


def test_the_parts_are_split_by_city(corpus):
    development = {d["city"] for d in corpus.part("development")}
    held_out = {d["city"] for d in corpus.part("held-out")}
    assert held_out and development and not development & held_out
    assert len(corpus.part("held-out")) >= 8


def test_every_label_holds(corpus):
    problems = []
    for doc, labels in corpus.labels.items():
        text = corpus.text(doc)
        for label in labels:
            where = f"labels/{doc}.csv:{label.line}"
            if text[label.start : label.end] != label.figure or not label.figure:
                problems.append(f"{where}: offsets {label.start}-{label.end} do not hold {label.figure!r}")
            if label.bound not in ("eq", "gt", "ge", "lt", "le", "approx"):
                problems.append(f"{where}: bound {label.bound!r}")
            if label.kind not in ("actual", "estimate", "target"):
                problems.append(f"{where}: kind {label.kind!r}")
            if not PERIOD.fullmatch(label.period):
                problems.append(f"{where}: period {label.period!r} is not a year, a quarter or a span")
            if not math.isfinite(label.value) or not label.unit:
                problems.append(f"{where}: value {label.value!r} / unit {label.unit!r}")
        starts = [label.start for label in labels]
        if starts != sorted(starts):
            problems.append(f"labels/{doc}.csv: rows are not in text order")
    assert not problems, "\n".join(problems)


def test_a_broken_label_is_reported_with_its_file_and_line(tmp_path):
    for name in ("texts", "labels"):
        (tmp_path / name).mkdir()
    (tmp_path / "documents.csv").write_text("doc,part,city\nd,development,某市\n", encoding="utf-8")
    (tmp_path / "texts" / "d.txt").write_text("2023年,全市地区生产总值8000亿元。", encoding="utf-8")
    (tmp_path / "labels" / "d.csv").write_text(
        "start,end,figure,value,unit,bound,kind,period,measure,claim,note\n"
        "0,4,8000亿元,8000,亿元,eq,actual,2023,level,,\n"
        "x,4,8000亿元,8000,亿元,eq,actual,2023,level,,\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError) as error:
        load_corpus(tmp_path)
    assert "d.csv:2:" in str(error.value) and "d.csv:3:" in str(error.value)


@pytest.fixture(scope="module")
def held_out(corpus):
    return score_part(corpus, "held-out")


def test_held_out_recall_and_precision_reach_the_targets(held_out):
    assert held_out.recall >= 0.95 and held_out.precision >= 0.95, (held_out.recall, held_out.precision)


def test_held_out_every_field_right_stays_at_least_as_measured(held_out):
    # measured 0.892 on 2026-12-01 after the second round of document-level reading (0.637 before it); after the
    # third round, with a fresh batch of four texts labelled before the extractor ran on them, 0.893 over both
    # batches (batch 1: 0.892, batch 2: 0.894); after the fourth, with batch 3 (four texts, three of them dated
    # only by their page address), 0.918 over all three (batch 1: 0.892, batch 2: 0.894, batch 3: 0.974; batch 3
    # read without its addresses: 0.103), then 0.923 after a last development-tuned change (equal wording after
    # different figures, two claims: batch 1 0.904); the rules tuned on the development part only. Batch 4, six texts
    # chosen by a rule fixed before searching (GUIDE.md) and labelled before the extractor ran, no rule changed:
    # 0.930 on its own (recall 0.936, precision 0.926), 0.925 over all four batches
    assert held_out.every_field_right >= 0.92, held_out.every_field_right


def test_held_out_every_field_right_reaches_the_target(held_out):
    # reached in the fourth round over the three batches (0.923); batch 2 on its own is still below it (0.894) and
    # batch 1 just above (0.904), batch 3 is dated by its addresses; batch 4, chosen blind, 0.930
    assert held_out.every_field_right >= 0.90, held_out.every_field_right


def test_the_seed_article_stays_as_good_as_before():
    sys.path.insert(0, str(REPO / "bench"))
    try:
        import extract_quality
    finally:
        sys.path.remove(str(REPO / "bench"))
    report = extract_quality.measure_article(ex.read_text(extract_quality.DEFAULT_TEXT), REPO / "data")
    assert report["recall"] == 1.0 and report["entirely_right"] >= 0.94 and report["precision"] >= 0.95


def test_a_text_of_20000_characters_is_read_in_under_two_seconds(corpus):
    text = body_sample(corpus, 20000)
    ex.extract("短文。")  # the rule tables are read once per process, not per text
    began = time.perf_counter()
    result = ex.extract(text)
    assert time.perf_counter() - began < 2.0
    assert len(text) == 20000 and len(result.frame) > 300
