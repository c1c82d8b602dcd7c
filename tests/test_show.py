"""A notebook's block rendered per language reaches each edition once (zonebook.report.show + build.editions)."""

from IPython.core.interactiveshell import InteractiveShell

from zonebook.build import editions
from zonebook.report.show import show


def outputs_of(render, *args, **kwargs) -> list[dict]:
    """The outputs a notebook cell running show(render, *args) would record (IPython's own display machinery)."""
    shell = InteractiveShell.instance()
    recorded = []
    publisher = shell.display_pub

    def publish(data, metadata=None, **_):
        recorded.append({"output_type": "display_data", "data": data, "metadata": metadata or {}})

    original, publisher.publish = publisher.publish, publish
    try:
        show(render, *args, **kwargs)
    finally:
        publisher.publish = original
    return recorded


def words(n: int, lang: str) -> str:
    return f"<p>{n} claims</p>" if lang == "en" else f"<p>{n}项说法</p>"


def test_each_edition_gets_its_own_rendering_and_only_that():
    outputs = outputs_of(words, 3)
    nb = {"cells": [{"cell_type": "code", "metadata": {}, "source": "", "outputs": outputs}]}
    for lang, expected in (("en", "<p>3 claims</p>"), ("zh", "<p>3项说法</p>")):
        kept = editions.notebook_for(nb, lang)["cells"][0]["outputs"]
        assert [o["data"]["text/html"] for o in kept] == [expected]


def test_a_block_the_same_in_every_language_is_displayed_once_for_all():
    outputs = outputs_of(lambda n, lang: f"<p>{n}</p>", 7)
    assert len(outputs) == 1 and outputs[0]["metadata"] == {}


def test_the_analysis_behind_a_block_runs_once_for_every_language(monkeypatch):
    # readings_html asks for the part's readings in each language: computed once, the same sentences in each
    from zonebook import load
    from zonebook.analysis import readings
    from zonebook.build.paths import ROOT
    from zonebook.report import html

    ds = load(ROOT / "data")
    obs = ds.observations[ds.observations["zone"] == ds.zones["zone"].iloc[1]]
    calls = []
    trends = readings.trends
    monkeypatch.setattr(readings, "trends", lambda o: calls.append(1) or trends(o))
    outputs = outputs_of(html.readings_html, obs, ds=ds)
    assert len(calls) == 1
    assert len(outputs) == 2  # still one rendering per language
    html.readings_html(obs, ds=ds)
    html.readings_html(obs, lang="zh", ds=ds)
    assert len(calls) == 3  # outside a block, every call computes


def test_a_shared_result_is_the_callers_own_copy():
    from zonebook.analysis.shared import shared, sharing

    @shared
    def found(xs):
        return [x * 2 for x in xs]

    xs = [1, 2]
    with sharing():
        first = found(xs)
        first.append(99)
        assert found(xs) == [2, 4]
        assert found([1, 2]) == [2, 4]  # another object: computed anew, the same answer
