"""The chart cache: a chart is drawn again exactly when what it shows changes."""

import dataclasses

import pytest
from conftest import FIXTURES

from zonebook import load
from zonebook.report import charts
from zonebook.report import html as report


@pytest.fixture(autouse=True)
def no_cache_afterwards():
    yield
    charts.use_cache(None)


def test_the_books_bar_charts_come_from_the_cache_until_their_counts_change(tmp_path, monkeypatch):
    charts.use_cache(tmp_path)
    ds = load(FIXTURES / "minimal")
    first = report.evidence_chart_html(ds)
    cached = sorted(tmp_path.glob("*.png"))
    assert len(cached) == 2  # figures by tier, figures by kind
    mtimes = [p.stat().st_mtime_ns for p in cached]
    assert report.evidence_chart_html(ds) == first
    assert [p.stat().st_mtime_ns for p in sorted(tmp_path.glob("*.png"))] == mtimes  # read, not drawn again
    obs = ds.observations
    fewer = dataclasses.replace(ds, observations=obs.drop(obs[obs["zone"] != "city"].index[0]))  # a zone's figure fewer
    assert report.evidence_chart_html(fewer) != first
    assert len(list(tmp_path.glob("*.png"))) > 2


def test_without_a_cache_folder_charts_are_drawn_and_nothing_is_written(tmp_path, monkeypatch):
    charts.use_cache(None)
    monkeypatch.chdir(tmp_path)
    ds = load(FIXTURES / "minimal")
    assert "data:image/png;base64," in report.evidence_chart_html(ds)
    assert not list(tmp_path.rglob("*.png"))
