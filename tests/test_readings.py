"""The statements the analysis must make, and must not, on data built to trap each rule.

tests/fixtures/truth-traps holds one trap per indicator (see the expectations below); every expected sentence was
written from the figures and quotes by hand (the arithmetic is in the comments), not copied from the program.
"""

import re

import pytest
from conftest import FIXTURES

import zonebook
from zonebook.analysis import readings

TRAPS = FIXTURES / "truth-traps"


@pytest.fixture(scope="module")
def found():
    return readings.book_readings(zonebook.load(TRAPS))


def about(found, indicator, kind=None):
    return [r for r in found if indicator in r.indicators and (kind is None or r.kind == kind)]


def sentences(found, indicator, kind=None):
    return " ".join(r.sentence for r in about(found, indicator, kind))


def test_a_future_target_beside_an_old_actual_is_never_reached(found):
    """FDI: a 2026 target of ≥10 against 21.03 in 2011, 15 years before the target was set (2026-02): too old."""
    [fdi] = about(found, "fdi", "target-check")
    assert fdi.verdict == "too-old" and fdi.lines == (19, 18) and fdi.periods == ("2026", "2011")
    assert "2011" in fdi.sentence and "too old to measure progress" in fdi.sentence
    assert not re.search(r"\breached\b|\bmet\b|growth needed|needs", fdi.sentence)


def test_a_flow_target_beside_last_years_larger_result_is_a_benchmark_not_progress(found):
    """100 new firms planned for 2026; 366 were added in 2025. A count of the year starts again at zero: no progress, no
    negative growth needed, only last year's result, named."""
    [firms] = about(found, "new-firms", "target-check")
    assert firms.verdict == "beyond"
    assert "the 2025 result, 366 家, was already at or above that level" in firms.sentence
    assert "the data has no outcome for 2026" in firms.sentence
    assert not re.search(r"reached|−|-\d|progress so far", firms.sentence)


def test_a_plan_is_compared_with_the_outcome_of_the_same_year(found):
    """130 compounds planned for 2024, 132 done: 2 more, 2/130 = 1.5 %. The 2023 plan (153) has no 2023 outcome: the
    2022 result (164) is named, never as the plan reached."""
    [outcome] = about(found, "compounds", "plan-vs-outcome")
    assert (outcome.verdict, outcome.periods, outcome.lines) == ("above", ("2024", "2024"), (24, 25))
    assert outcome.sentence == (
        "Compounds renovated (老旧小区改造): planned 130 个 for 2024; the outcome was 132 个, 2 个 (1.5%) above plan."
    )
    [earlier] = about(found, "compounds", "target-check")
    assert (
        earlier.periods == ("2023", "2022")
        and "reached" not in earlier.sentence
        and "2022 result, 164 个" in earlier.sentence
    )


def test_an_estimate_is_compared_with_its_outcome(found):
    """Budgeted 7.1109 亿元 (预计), spent about 7.3609: about 0.25 亿元 more, 0.25/7.1109 = 3.5 %."""
    [invest] = about(found, "invest", "plan-vs-outcome")
    assert invest.verdict == "above" and "about 0.25 亿元 (3.5%) above the estimate" in invest.sentence


def test_a_bounded_outcome_cannot_show_a_higher_target_met(found):
    """Invoiced sales: 2024 target ≥9000, outcome 9124: met by 124 (1.4 %). 2025 target ≥10500, outcome only '>10000'."""
    outcomes = {r.periods[0]: r for r in about(found, "sales", "plan-vs-outcome")}
    assert outcomes["2024"].verdict == "met" and "met it by 124 亿元 (1.4%)" in outcomes["2024"].sentence
    assert outcomes["2025"].verdict == "undetermined"
    assert "known only as more than 10,000 亿元" in outcomes["2025"].sentence and "met" not in outcomes["2025"].sentence


def test_a_rank_has_no_growth(found):
    assert about(found, "rank") == []


def test_a_share_moves_in_points_and_its_target_is_progress_so_far(found):
    """49.6 % (2021) → 53 % (2025): up 3.4 points; the 2030 target of about 55 %: 2.0 points short as of 2025."""
    [trend] = about(found, "share", "trend")
    assert trend.sentence.endswith("went from 49.6% in 2021 to 53% in 2025: up 3.4 percentage points.")
    [target] = about(found, "share", "target-check")
    assert "progress so far, as of 2025: 53%, 2.0 percentage points short of it" in target.sentence
    assert "% a year" not in trend.sentence + target.sentence


def test_two_definitions_in_one_indicator_are_never_compared(found):
    """734 projects attracted (2023) and 1500+ signed (2025): no trend across them; the article's 1500 signed is checked
    only against the signed record (line 34), never the attracted one (line 33)."""
    assert about(found, "projects", "trend") == []
    [audit] = about(found, "projects", "audit-verdict")
    assert audit.verdict == "partly" and audit.lines == (35, 34)


def test_a_first_release_and_its_revision_are_not_a_conflict(found):
    """2020 GDP: 6048.33 from the bureau in 2021, 6013 from the same bureau in 2026; the article repeats 6048.33."""
    [audit] = [r for r in about(found, "gdp", "audit-verdict") if r.periods == ("2020",)]
    assert audit.verdict == "revised" and set(audit.lines) == {5, 4, 3}
    assert "first release" in audit.sentence and "revised figure, 6,013 亿元" in audit.sentence
    assert "6,013.00" not in audit.sentence and "conflict" not in audit.sentence


def test_a_rounded_and_an_exact_figure_for_one_year(found):
    """2024 GDP: the article's 7809.64 is matched only by an undated tier-C table (7809); the bureau says 约7800. The series
    uses the exact 7809.64, not the rounded 7800; the verdict is weak support, not corroboration."""
    [audit] = [r for r in about(found, "gdp", "audit-verdict") if r.periods == ("2024",)]
    assert audit.verdict == "weak" and "weak support" in audit.sentence and "undated" in audit.sentence
    [trend] = about(found, "gdp", "trend")
    assert "from 6,013 亿元 in 2020" in trend.sentence  # the revision, not the first release, starts the series
    assert "at least +2.4% in 2025 alone" in trend.sentence  # >8000 over 7809.64 (not over 7800, which would be 2.6 %)


def test_a_series_across_a_boundary_change_is_not_compared_across_it(found):
    [trend] = about(found, "gdp", "trend")
    assert "1978" in trend.sentence and "left out" in trend.sentence
    assert trend.periods == ("2020", "2025")  # (8000/6013)^(1/5) − 1 = 5.9 %, "at least" as 2025 is ">8000"
    assert "at least +5.9% a year on average (compound, nominal)" in trend.sentence


def test_nominal_growth_says_it_is_nominal(found):
    [secondary] = about(found, "secondary", "trend")
    assert "+1.1% (year on year, nominal)" in secondary.sentence  # 3509.6 / 3470.02 − 1 = 1.14 %


def test_deflation_is_derived_from_the_data_and_stated(found):
    """Nominal growth 4.48 % in 2023 against 6.0 % real, 5.21 % in 2024 against 5.8 %: prices fell 1.4 % and 0.6 %, on
    average 1.0 %. The 2026 target of about 5.5 % real is then 1.055 × 0.990 − 1 = 4.4 % nominal; from more than 8,000 in
    2025 it reaches 10,000 after 6 years (8000 × 1.0445^5 = 9,940), so in 2031 at the latest."""
    paths = {r.template: r for r in found if r.kind == "path"}
    assert (
        "−1.4% in 2023, −0.6% in 2024" in paths["path-prices"].sentence
        and "−1.0% a year" in paths["path-prices"].sentence
    )
    assert (
        "4.4% a year in nominal terms" in paths["path-target"].sentence
        and "in 2031 at the latest" in paths["path-target"].sentence
    )
    assert (
        "at most 4.6% a year in nominal terms from more than 8,000 亿元 in 2025" in paths["path-needed"].sentence
    )  # 1.25^0.2 − 1
    assert not any("rising" in r.sentence or "conservative" in r.sentence for r in paths.values())


def test_a_cumulative_claim_below_one_year_of_its_flow_is_at_odds(found):
    [audit] = about(found, "jobs-total", "audit-verdict")
    assert audit.verdict == "bounded" and audit.indicators == ("jobs-total", "urban-jobs") and audit.lines == (40, 41)


def test_only_an_announced_figure_counts_as_missing(found):
    verdicts = {r.indicators[0]: r.verdict for r in found if r.kind == "audit-verdict"}
    assert verdicts["water"] == "missing"  # 普及率达、: the figure is announced, the number absent
    assert verdicts["toilets"] == "no-figure"  # 新建卫生户厕: a complete clause
    assert verdicts["champions"] == "conflict"  # 15 against 12 for the same date: both cannot be true


def test_the_summary_counts_and_words_are_an_editors(found):
    [summary] = [r for r in found if r.template == "summary-audit"]
    assert summary.sentence == (
        "The article makes 12 numerical claims: 1 with weak support only, 1 compatible but not confirmed, "
        "1 revised since, 1 in conflict with the record, 1 at odds with a related figure, 7 unverified. It "
        "announces 1 more figure without giving the number, and 1 more clause says something without "
        "announcing a figure."
    )
    [places] = [r for r in found if r.template == "summary-inconsistency"]
    assert places.sentence.startswith("The article contradicts itself in 1 place;")


def test_the_minimal_fixture_must_not_say_reached():
    found = readings.book_readings(zonebook.load(FIXTURES / "minimal"))
    assert not any(re.search(r"\breached\b|already", r.sentence) for r in found if r.kind == "target-check")


def test_the_findings_measure_the_editions_own_goal_not_a_default():
    """The fixture city's book.yml sets a goal of its own (not 10,000): every sentence about the goal uses it."""
    from zonebook.analysis import readings as r

    ds = zonebook.load(FIXTURES / "other-city")
    goal = ds.edition.goal
    assert goal is not None and goal.value != 10000
    said = [x for x in r.book_readings(ds) if x.template.startswith("path")]
    assert said, "the fixture city has GDP figures: its goal gets readings"
    for reading in said:
        if "goal" in reading.values:
            assert reading.values["goal"].replace(",", "").startswith(f"{goal.value:g}"), reading.sentence
