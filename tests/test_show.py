"""A notebook's block rendered per language reaches each edition once (zonebook.report.show + build.editions)."""

from IPython.core.interactiveshell import InteractiveShell

from zonebook.build import editions
from zonebook.report.show import show


def outputs_of(render, *args) -> list[dict]:
    """The outputs a notebook cell running show(render, *args) would record (IPython's own display machinery)."""
    shell = InteractiveShell.instance()
    recorded = []
    publisher = shell.display_pub

    def publish(data, metadata=None, **_):
        recorded.append({"output_type": "display_data", "data": data, "metadata": metadata or {}})

    original, publisher.publish = publisher.publish, publish
    try:
        show(render, *args)
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
