"""The data the report ships: it passes check, and its article figures are the article's own words."""

import subprocess
import sys

import pytest
from conftest import ROOT, SOURCES

import zonebook

ARTICLE = SOURCES / "seed-article-netease-2026-02-25.txt"
END_OF_ARTICLE = "声明:取材网络、谨慎鉴别"


@pytest.fixture(scope="module")
def ds():
    return zonebook.load(ROOT / "data")


def test_shipped_data_passes_check():
    assert zonebook.check(ROOT / "data") == []


def test_every_zone_has_figures_and_a_series(ds):
    obs = ds.observations[~ds.observations["is_gap"]]
    for zone in ds.zones["zone"]:
        mine = obs[obs["zone"] == zone]
        assert len(mine) >= 5, zone
        assert mine.groupby("indicator")["period"].nunique().max() >= 2, zone


def test_the_audited_article_is_marked(ds):
    assert ds.claims_source == "netease-2026-02-25"
    assert ds.sources.set_index("source").loc[ds.claims_source, "tier"] == "C"


def test_known_conflicts_are_both_kept(ds):
    obs = ds.observations
    gdp2020 = set(obs[(obs.indicator == "gdp") & (obs.period == "2020")]["value"])
    assert {6048.33, 6013.0} <= gdp2020


def test_article_quotes_are_verbatim_and_from_the_body(ds):
    text = ARTICLE.read_text(encoding="utf-8")
    body = text[: text.index(END_OF_ARTICLE)]
    quotes = ds.observations[ds.observations["source"] == ds.claims_source]["quote"]
    assert len(quotes) > 40
    missing = [q for q in quotes if q not in body]
    assert not missing, missing


@pytest.mark.slow  # executes every notebook
def test_templates_run_on_the_shipped_data_nbval_lax():
    notebooks = sorted(str(p) for p in (ROOT / "chapters").glob("*.ipynb"))
    assert len(notebooks) == 5
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "--nbval-lax", "-q", "-p", "no:cacheprovider", *notebooks],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert run.returncode == 0, run.stdout[-3000:]
