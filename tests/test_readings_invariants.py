"""Invariants of data/readings.csv that must hold for any data folder, and the decks print only what it holds."""

import datetime as dt
import re

import pandas as pd
import pytest
from conftest import FIXTURES, ROOT

import zonebook
from zonebook.analysis import readings
from zonebook.decks.model import rich_text

FOLDERS = [
    ROOT / "data",
    FIXTURES / "minimal",
    FIXTURES / "truth-traps",
    FIXTURES / "excel",
    FIXTURES / "injection",
    FIXTURES / "other-city",
]
GROWTH_VERDICTS = {"growth", "compound growth", "unchanged"}


@pytest.fixture(scope="module", params=FOLDERS, ids=lambda p: p.name)
def case(request):
    ds = zonebook.load(request.param)
    return ds, readings.frame(readings.book_readings(ds))


def rows(frame):
    return [r._asdict() for r in frame.itertuples(index=False)]


def lines_of(row) -> list[int]:
    return [int(n) for n in row["observation_lines"].split(";") if n]


def test_the_table_has_its_columns_and_one_row_per_sentence(case):
    _, frame = case
    assert list(frame.columns) == readings.COLUMNS
    assert set(frame["kind"]) <= set(readings.KINDS)
    assert not frame.duplicated(["zone", "kind", "sentence"]).any()


def test_every_row_rests_on_observation_lines_that_carry_its_indicators_and_periods(case):
    ds, frame = case
    obs = ds.observations.set_index("line")
    for row in rows(frame):
        lines = lines_of(row)
        if row["verdict"] == "price assumption" and not lines:
            continue  # "prices assumed unchanged": rests on the absence of data
        assert lines and all(n in obs.index for n in lines), row
        named = set(filter(None, row["indicators"].split(";")))
        assert named <= set(ds.indicators["indicator"]), row
        if row["kind"] != "summary":
            assert set(obs.loc[lines, "indicator"]) == named, row
            assert set(filter(None, row["periods"].split(";"))) <= set(obs.loc[lines, "period"]), row


def test_no_reached_or_met_without_an_actual_of_the_targets_own_period(case):
    ds, frame = case
    obs = ds.observations.set_index("line")
    for row in rows(frame):
        if not re.search(r"\b(reached|met|achieved)\b", row["sentence"]):
            continue
        assert row["kind"] == "plan-vs-outcome", row
        rested = obs.loc[lines_of(row)]
        planned = rested[rested["kind"].isin(["target", "estimate"])]
        actual = rested[rested["kind"] == "actual"]
        assert set(planned["period"]) & set(actual["period"]), row


def test_no_growth_over_a_rank_a_share_or_across_definitions_or_price_bases(case):
    ds, frame = case
    obs = ds.observations.set_index("line")
    measure = dict(zip(ds.indicators["indicator"], ds.indicators["measure"]))
    basis = dict(zip(ds.indicators["indicator"], ds.indicators["price_basis"]))
    for row in rows(frame):
        if row["kind"] != "trend":
            continue
        [indicator] = row["indicators"].split(";")
        rested = obs.loc[lines_of(row)]
        assert rested["definition"].nunique() == 1, row  # one definition
        if row["verdict"] in GROWTH_VERDICTS:
            assert measure[indicator] in ("level", "flow"), row
            word = {"nominal": "nominal", "real": "real"}.get(basis[indicator])
            if word:
                assert word in row["sentence"], row  # growth of money says which
        else:
            assert row["verdict"] == "change in points" and measure[indicator] == "share", row
    assert not any(
        "% a year" in r["sentence"]
        for r in rows(frame)
        if r["kind"] == "trend" and measure[r["indicators"]] not in ("level", "flow")
    )


def test_never_a_negative_growth_needed(case):
    _, frame = case
    for row in rows(frame):
        assert not re.search(r"needs? (at (least|most) )?[−-]\d|grow (at (least|most) )?[−-]\d", row["sentence"]), row
        if row["value"].endswith("a year needed"):
            assert not row["value"].startswith("-"), row


def test_numbers_at_their_own_precision_and_words_in_number(case):
    _, frame = case
    for sentence in frame["sentence"]:
        assert not re.search(r"\d\.00(?!\d)", sentence), sentence  # 6,013 never 6,013.00
        assert "(s)" not in sentence
        assert not re.search(
            r"\b1 (claims|figures|places|indicators|sources|clauses|targets|estimates|more figures)\b", sentence
        ), sentence
        assert not re.search(r"\b(the the|a a)\b", sentence), sentence


def test_every_claim_of_the_audited_text_has_one_verdict(case):
    ds, frame = case
    claims = ds.observations[ds.observations["source"] == ds.claims_source]["line"]
    verdicts = frame[frame["kind"] == "audit-verdict"]["observation_lines"].map(lambda s: int(s.split(";")[0]))
    assert sorted(verdicts) == sorted(claims)


def test_a_folder_without_measures_gets_no_growth_and_no_progress():
    ds = zonebook.load(FIXTURES / "excel")
    found = readings.book_readings(ds)
    assert not [r for r in found if r.kind == "trend"]
    assert not [r for r in found if r.kind == "target-check" and r.verdict not in ("none", "too-old", "context")]


def test_the_decks_print_only_readings():
    from zonebook.decks import slides as decks

    ds = zonebook.load(FIXTURES / "truth-traps")
    known = {decks.tidy(r.sentence) for r in readings.book_readings(ds)}  # as a slide sets it: “quotes”, 8,000亿元
    for deck in decks.decks(ds, dt.date(2026, 3, 1)):
        printed = 0
        for slide in deck.slides:
            statements = re.match(r"(Readings|Targets|Key findings|When would)", slide.title)
            for bullet in slide.bullets:  # a statement slide's bullets, and any bullet with a number, are readings
                text = rich_text(bullet)
                pointer = text.startswith(("The audited text:", "Every figure with its source's own words:"))
                if statements or (re.search(r"\d", text) and not pointer):  # a pointer names a title or a page
                    assert text in known, (deck.stem, slide.title, text)
                    printed += 1
        assert printed, f"{deck.stem}: no reading checked (not a vacuous test: every deck opens with key findings)"


def test_readings_csv_round_trips(tmp_path):
    ds = zonebook.load(FIXTURES / "truth-traps")
    readings.write_csv(ds, tmp_path / "readings.csv")
    back = pd.read_csv(tmp_path / "readings.csv", dtype=str, keep_default_na=False)
    assert list(back["sentence"]) == [r.sentence for r in readings.book_readings(ds)]
