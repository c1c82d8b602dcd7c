"""The book's editions: the notebooks execute once, and each language gets its own rendering of them.

The English edition is the book at the output's root, so its addresses stay what they were; every other
edition is a whole book in a folder of its own (`OUT/zh/`), with its own search index, decks and data.
An edition's sources are the staged sources with what belongs to another language left out:

- a notebook cell tagged `lang-<code>` (a heading, a paragraph) is kept only in that edition;
- a cell output whose metadata holds `{"zonebook": {"lang": "<code>"}}` (a table or chart rendered for one
  language) likewise; untagged cells and outputs are in every edition;
- a page `chapters/<code>/<name>.md` takes the place of `chapters/<name>.md` in that edition; a page that has
  none is shown as it is, under a note that it is not translated yet (never silently in another language).

The editions have the same pages in the same order, with the same sections, so a page's counterpart in the
other language is the page of the same name (`sphinx_ext` links them).
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml


@dataclass(frozen=True)
class Language:
    code: str  # the edition's code: a tag suffix (lang-zh) and its folder (zh/)
    sphinx: str  # Sphinx's `language`: its own interface strings and the page's <html lang>
    hreflang: str  # BCP 47, for <link rel="alternate" hreflang=…>
    label: str  # how the switch names this edition, in its own language
    folder: str  # where the edition lives inside the book ("" for the root)


LANGUAGES = (
    Language("en", "en", "en", "English", ""),
    Language("zh", "zh_CN", "zh-CN", "中文", "zh"),
)
BY_CODE = {lang.code: lang for lang in LANGUAGES}


def published(languages: tuple[str, ...]) -> tuple[Language, ...]:
    """The editions of a book published in `languages` (book.yml's `editions`), English, at the root, first."""
    return tuple(lang for lang in LANGUAGES if lang.code in languages)


UNTRANSLATED = {
    "zh": "```{admonition} 尚未译成中文\n:class: zb-untranslated\n本页暂以英文原文刊出。\n```\n\n",
}
UNTRANSLATED_PART = {  # under a part of a translated page that the build adds in English (the data folder's notes)
    "zh": "```{admonition} 尚未译成中文\n:class: zb-untranslated\n本节暂以英文原文刊出。\n```\n\n",
}
BILINGUAL: tuple[str, ...] = ()  # pages in both languages, the same in every edition (none since the glossary)
CONFIG = {  # the theme's strings that _config.yml sets, per edition (the search box's: zonebook.interface)
    "zh": {
        "extra_footer": "每个数字都可追溯到来源；所核对的文章为自媒体（C级来源）。数据：data/目录下的CSV文件。",
    },
}

BYLINE = {"zh": "zonebook项目组"}  # _config.yml's author ("The zonebook team"), as the edition names it

CAPTIONS = {  # the parts of _toc.yml (tests/test_editions.py checks every caption has its translation)
    "zh": {"The city": "城市", "The zones": "各区域", "Across the zones": "区域比较", "Data and methods": "数据与方法"},
}


def toc_for(toc: dict, lang: Language) -> dict:
    """_toc.yml for an edition: its part captions in the edition's language (as they are where none is given)."""
    names = CAPTIONS.get(lang.code, {})
    parts = [{**part, "caption": names.get(part.get("caption"), part.get("caption"))} for part in toc.get("parts", [])]
    return {**toc, "parts": parts} if parts else toc


def keeps(language: str | None, code: str) -> bool:
    """Whether a cell or output of `language` (None: every language) belongs in the edition `code`."""
    return language is None or language == code


def cell_language(cell: dict) -> str | None:
    tags = cell.get("metadata", {}).get("tags", [])
    found = [t.removeprefix("lang-") for t in tags if t.startswith("lang-") and t.removeprefix("lang-") in BY_CODE]
    return found[0] if found else None


def output_language(output: dict) -> str | None:
    lang = output.get("metadata", {}).get("zonebook", {}).get("lang")
    return lang if lang in BY_CODE else None


def notebook_for(nb: dict, code: str, heading: str = "") -> dict:
    """The notebook as the edition `code` shows it, its first Markdown cell replaced by `heading` if given (a page
    title made from the data); a new dict, `nb` is not changed."""
    cells = []
    for cell in nb["cells"]:
        if not keeps(cell_language(cell), code):
            continue
        if "outputs" in cell:
            cell = {**cell, "outputs": [o for o in cell["outputs"] if keeps(output_language(o), code)]}
        if heading and cell["cell_type"] == "markdown":
            cell, heading = {**cell, "source": heading}, ""
        cells.append(cell)
    return {**nb, "cells": cells}


def config_for(config: dict, lang: Language, title: str, others: tuple[Language, ...] = LANGUAGES) -> dict:
    """_config.yml for an edition: its title, Sphinx's language, the theme's strings in that language, and the
    book's editions (`others`, this one among them) for the language switch (read by `sphinx_ext`)."""
    config = json.loads(json.dumps(config))  # a deep copy of plain YAML data
    config["title"] = title
    config["author"] = BYLINE.get(lang.code, config.get("author"))
    config.setdefault("html", {}).update(CONFIG.get(lang.code, {}))
    sphinx = config.setdefault("sphinx", {}).setdefault("config", {})
    sphinx["language"] = lang.sphinx
    sphinx["zonebook_edition"] = lang.code
    # a book of one edition has no switch (sphinx_languages does nothing without them)
    sphinx["zonebook_editions"] = [[x.code, x.folder, x.hreflang, x.label] for x in others] if len(others) > 1 else []
    return config


def stage(
    src: Path,
    dest: Path,
    lang: Language,
    title: str,
    chapters: Path,
    headings: dict[str, str],
    generated: dict[str, str] | None = None,
    others: tuple[Language, ...] = LANGUAGES,
) -> None:
    """Write the edition `lang`'s sources to `dest` from the staged sources `src` (the English edition's
    layout): notebooks filtered and titled (`headings`: by notebook path, relative to `src`), pages translated
    (`generated`: pages the build writes from the data, in this language, by path) or marked, the configuration set."""
    generated = generated or {}
    shutil.rmtree(dest, ignore_errors=True)
    for path in sorted(p for p in src.rglob("*") if p.is_file()):
        rel = path.relative_to(src)
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".ipynb":
            nb = json.loads(path.read_text(encoding="utf-8"))
            edition = notebook_for(nb, lang.code, headings.get(rel.as_posix(), ""))
            target.write_text(json.dumps(edition, ensure_ascii=False, indent=1), encoding="utf-8")
        elif rel.as_posix() in generated:
            target.write_text(generated[rel.as_posix()], encoding="utf-8")
        elif rel.parts[0] == "chapters" and path.suffix == ".md":
            target.write_text(page_for(path, rel, lang, chapters), encoding="utf-8")
        elif rel.as_posix() == "_toc.yml":
            toc = toc_for(yaml.safe_load(path.read_text(encoding="utf-8")), lang)
            target.write_text(yaml.safe_dump(toc, allow_unicode=True, sort_keys=False), encoding="utf-8")
        elif rel.as_posix() == "_config.yml":
            config = config_for(yaml.safe_load(path.read_text(encoding="utf-8")), lang, title, others)
            target.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
        else:
            shutil.copyfile(path, target)


def page_for(path: Path, rel: Path, lang: Language, chapters: Path) -> str:
    """A Markdown page in the edition's language: its translation beside the chapters, or the page marked
    untranslated under its own first heading. What the build added to a chapter's page (the data folder's notes
    at the end of the methods page) follows its translation, marked untranslated under its own first heading."""
    text = path.read_text(encoding="utf-8")
    if lang.code == "en" or rel.as_posix() in BILINGUAL:
        return text
    translated = chapters / lang.code / rel.relative_to("chapters")
    if not translated.is_file():
        return marked(text, UNTRANSLATED[lang.code])
    source = chapters / rel.relative_to("chapters")
    original = source.read_text(encoding="utf-8") if source.is_file() else ""
    added = text[len(original) :] if original and text.startswith(original) else ""
    return translated.read_text(encoding="utf-8") + (
        marked(added, UNTRANSLATED_PART[lang.code]) if added.strip() else ""
    )


def marked(text: str, note: str) -> str:
    """`text` with `note` under its first heading (before it if it has none)."""
    lines = text.splitlines(keepends=True)
    heading = next((i for i, line in enumerate(lines) if re.match(r"#{1,6} ", line)), None)
    if heading is None:
        return note + text
    return "".join(lines[: heading + 1]) + "\n" + note + "".join(lines[heading + 1 :])


FRONT_DOOR = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>{title_en}</title>
{alternates}
<noscript><meta http-equiv="Refresh" content="0; url={first}" /></noscript>
<script>
(function () {{
  var pick = null;
  try {{ pick = localStorage.getItem("zonebook-language"); }} catch (e) {{}}
  var preferred = (navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ""]);
  if (!pick) pick = /^zh\\b/i.test(preferred[0] || "") ? "zh" : "en";
  location.replace({targets}[pick] || "{first}");
}})();
</script>
</head>
<body>
<p>{links}</p>
</body>
</html>
"""


def front_door(book: Path, title: dict[str, str], editions: tuple[Language, ...] = LANGUAGES) -> None:
    """The book's index.html: the edition the reader chose before, else the one of the browser's first language,
    with a link to each (jupyter-book's own index.html only redirects to the first page). A book of one edition
    keeps jupyter-book's."""
    import html

    if len(editions) == 1:
        return
    redirect = (book / "index.html").read_text(encoding="utf-8")
    first = re.search(r'url=([^"\s]+)', redirect).group(1)
    targets = {lang.code: f"{lang.folder + '/' if lang.folder else ''}{first}" for lang in editions}
    alternates = "\n".join(
        f'<link rel="alternate" hreflang="{lang.hreflang}" href="{html.escape(targets[lang.code])}" />'
        for lang in editions
    )
    links = " · ".join(
        f'<a href="{html.escape(targets[lang.code])}" hreflang="{lang.hreflang}" lang="{lang.hreflang}">'
        f"{html.escape(title.get(lang.code) or title['en'])} ({lang.label})</a>"
        for lang in editions
    )
    (book / "index.html").write_text(
        FRONT_DOOR.format(
            title_en=html.escape(title["en"]),
            alternates=alternates,
            first=html.escape(first),
            targets=json.dumps(targets),
            links=links,
        ),
        encoding="utf-8",
    )
