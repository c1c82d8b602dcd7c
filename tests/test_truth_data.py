"""The data says what each indicator measures, and the shipped figures are coded as their own words say.

Every expectation here is reasoned from the quotes and from arithmetic between figures, not read off the program.
"""

import re
import shutil

import pandas as pd
import pytest
from conftest import FIXTURES, ROOT

import zonebook
from zonebook.data import format_value

DATA = ROOT / "data"


@pytest.fixture(scope="module")
def obs():
    return zonebook.load(DATA).observations


def test_bad_measure_columns_get_every_located_message_at_once(tmp_path):
    folder = tmp_path / "bad"
    shutil.copytree(FIXTURES / "minimal", folder)
    for name in ("indicators.csv", "observations.csv"):
        shutil.copy(FIXTURES / "truth-bad-measures" / name, folder / name)
    messages = [str(p).removeprefix(f"{folder}/") for p in zonebook.check(folder)]
    expected = (FIXTURES / "truth-bad-measures" / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert sorted(messages) == sorted(expected)  # every one, each once; their order is check's own (by line)


def test_a_folder_without_measure_columns_still_loads_with_the_safe_default():
    ds = zonebook.load(FIXTURES / "excel")  # written before the measure columns existed
    assert set(ds.indicators["measure"]) == {""} and set(ds.observations["measure"]) == {""}
    assert set(ds.observations["definition"]) == {""} and set(ds.observations["release"]) == {""}


def test_every_shipped_indicator_declares_its_measure():
    ds = zonebook.load(DATA)
    assert "" not in set(ds.indicators["measure"])


@pytest.mark.parametrize(
    "value, decimals, bound, shown",
    [
        (6013, 2, "eq", "6,013"),
        (8000, 2, "gt", ">8,000"),
        (10000, 2, "ge", "≥10,000"),
        (3509.6, 2, "eq", "3,509.6"),
        (455.9797, 2, "eq", "455.98"),
        (7809.64, 2, "eq", "7,809.64"),
        (0.4, 1, "eq", "0.4"),
    ],
)
def test_figures_are_shown_at_their_own_precision_never_padded(value, decimals, bound, shown):
    assert format_value(value, decimals, bound) == shown


def best(obs, indicator, year):
    rows = obs[(obs.indicator == indicator) & (obs.period == str(year)) & (obs.kind == "actual") & (obs.bound == "eq")]
    return rows["value"].tolist()


def test_per_capita_gdp_is_gdp_over_the_population_of_its_own_year(obs):
    """132,960 元 was shown as 2022; 6048.33 亿元 ÷ 132,960 元 = 454.9 万 people, the 2020 population."""
    checked = 0
    for r in obs[(obs.indicator == "gdp-per-capita") & (obs.bound == "eq")].itertuples():
        gdps, people = best(obs, "gdp", r.period), best(obs, "population", r.period)
        if not gdps or not people:
            continue
        implied = [g * 1e8 / r.value / 1e4 for g in gdps]  # 万人
        assert any(abs(p / people[0] - 1) < 0.015 for p in implied), (r.period, r.value, implied, people)
        checked += 1
    assert checked >= 3


def test_words_that_round_are_coded_approximate(obs):
    rounded = obs[obs["quote"].str.contains(r"[一二三四五六七八九]成的|翻番", regex=True)]
    rows = rounded[rounded.apply(lambda r: re.search(r"[一二三四五六七八九]成|翻番", r.quote) is not None, axis=1)]
    assert len(rows) >= 5
    assert set(rows["bound"]) == {"approx"}, rows[["indicator", "bound"]]


def test_will_and_plan_wording_is_a_target(obs):
    """将 (will) and 计划 (plan) mark targets; only a conditional count (如...将达, said so in the note) is an estimate."""
    for r in obs.itertuples():
        if "将" in r.quote and not r.note.startswith("conditional"):
            assert r.kind == "target", (r.indicator, r.period, r.quote)
        if re.search("计划|計劃|规划", r.quote):
            assert r.kind == "target", (r.indicator, r.period, r.quote)
    rail = obs[obs.indicator == "rail-ningyang-intercity-yangzhou-length"]
    assert set(rail["kind"]) == {"target"}  # a planned length (public-figures: 扬州段长度(规划))


def test_one_indicator_holds_one_definition(obs):
    """新签约 (signed) and 新招引 (attracted) projects, 科技型企业 and 科技型中小企业, are different counts."""
    for a, b in (("新签约", "新招引"), ("科技型中小企业", r"科技型企业")):
        for indicator, quotes in obs.groupby("indicator")["quote"]:
            has_a = quotes.str.contains(a).any()
            has_b = any(re.search(b, q) is not None and a not in q for q in quotes)
            assert not (has_a and has_b), indicator


def test_the_2020_gdp_first_release_and_its_revision_are_marked(obs):
    gdp = obs[(obs.indicator == "gdp") & (obs.period == "2020") & (obs.bound == "eq")].set_index("value")["release"]
    assert gdp[6048.33] == "first" and gdp[6013.0] == "revised"


def test_a_sentence_that_states_only_a_change_is_not_a_missing_number(obs):
    """绿色产品产量均增长 states a direction; a number is missing only where a figure is announced (达/为/超过/累计...)."""
    from zonebook.analysis import metrics

    gaps = obs[obs["is_gap"]]
    changes = gaps[gaps["quote"].str.contains(r"(?:增长|提高|下降|减少)$", regex=True)]
    assert len(changes) == 5  # 发电量增长, 产量均增长, 分别增长 (two), 收入提高
    assert not any(metrics.announces_figure(q) for q in changes["quote"])
    assert all(n.startswith("gap: a change stated without a figure") for n in changes["note"])


def test_every_measure_column_value_is_known():
    ds = zonebook.load(DATA)
    money = ds.indicators[ds.indicators["unit"].str.contains("元") & ds.indicators["measure"].isin(["level", "flow"])]
    assert set(money["price_basis"]) == {"nominal"}  # every amount of money in the data is at current prices
    assert (
        pd.Series(ds.indicators.loc[ds.indicators.indicator == "gdp-growth", "price_basis"]).item() == "real"
    )  # 按可比价计算
