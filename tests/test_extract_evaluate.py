"""zonebook.extract.evaluate: how drafts are scored against labels (the numbers the bench prints)."""

from __future__ import annotations

import pytest

from zonebook.extract.evaluate import load_corpus, score_document, score_part

HEADER = "start,end,figure,value,unit,bound,kind,period,measure,claim,note\n"
TEXT = "2023年全市地区生产总值8000亿元。\n\n2023年,全市地区生产总值8000亿元,增长5%;力争2024年增长6%。"


def label(text: str, figure: str, occurrence: int, fields: str) -> str:
    at = -1
    for _ in range(occurrence):
        at = text.index(figure, at + 1)
    return f"{at},{at + len(figure)},{figure},{fields}\n"


@pytest.fixture
def corpus(tmp_path):
    for name in ("texts", "labels"):
        (tmp_path / name).mkdir()
    (tmp_path / "documents.csv").write_text("doc,part,city\nd,held-out,某市\n", encoding="utf-8")
    (tmp_path / "texts" / "d.txt").write_text(TEXT, encoding="utf-8")
    rows = (
        label(TEXT, "8000亿元", 1, "8000,亿元,eq,actual,2023,level,gdp,")  # the title
        + label(TEXT, "8000亿元", 2, "8000,亿元,eq,actual,2023,level,gdp,")  # the body: the same claim
        + label(TEXT, "5%", 1, "5,%,eq,actual,2022,growth,,")  # a deliberately wrong period
        + label(TEXT, "6%", 1, "6,%,eq,target,2024,growth,,")
    )
    (tmp_path / "labels" / "d.csv").write_text(HEADER + rows, encoding="utf-8")
    return load_corpus(tmp_path)


def test_occurrences_of_one_claim_count_once_and_a_wrong_field_is_found_but_not_right(corpus):
    score = score_document("d", corpus.text("d"), corpus.labels["d"])
    assert (score.claims, score.found, score.right) == (3, 3, 2)
    assert [label.figure for label, _ in score.partly] == ["5%"]
    assert score.precision == 1.0 and not score.extra


def test_a_part_sums_its_documents_and_gives_their_range(corpus):
    part = score_part(corpus, "held-out")
    assert part.claims == 3 and part.recall == 1.0 and part.every_field_right == pytest.approx(2 / 3)
    assert part.document_range("recall") == (1.0, 1.0)


def test_a_row_without_a_label_lowers_precision(corpus):
    labels = [label for label in corpus.labels["d"] if label.figure != "6%"]
    score = score_document("d", corpus.text("d"), labels)
    assert score.claims == 2 and score.precision < 1.0 and [row["value"] for row in score.extra] == [6.0]
