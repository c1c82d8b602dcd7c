"""What a notebook cell displays, once per edition language (see zonebook.build.editions).

`show(render, *args)` calls `render(*args, lang=…)` for each language and displays each result tagged with its
language, so the build gives every edition its own; a block that reads the same in every language is displayed
once, untagged. The analysis behind it runs once (`analysis.shared`): only the rendering is per language.
"""

from __future__ import annotations

from IPython.display import HTML, display

from zonebook.analysis.shared import sharing
from zonebook.edition import LANGUAGES


def rendered(render, *args, **kwargs) -> dict[str, str]:
    """`render`'s HTML in each language."""
    with sharing():
        return {lang: render(*args, lang=lang, **kwargs) for lang in LANGUAGES}


def show(render, *args, **kwargs) -> None:
    blocks = rendered(render, *args, **kwargs)
    if len(set(blocks.values())) == 1:
        display(HTML(next(iter(blocks.values()))))
        return
    for lang, block in blocks.items():
        display(HTML(block), metadata={"zonebook": {"lang": lang}})
