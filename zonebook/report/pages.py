"""Pages generated as MyST markdown from the data: sources and bibliography, data dictionary.

Text from the data is escaped for MyST (every ASCII punctuation mark backslashed), so a CSV field
can never become markup, a directive or raw HTML; only http(s) addresses become links (links.web_address).
"""

from __future__ import annotations

import re

import pandas as pd

from zonebook import frames
from zonebook.data import Dataset
from zonebook.report.links import web_address

_PUNCT = re.compile(r"([!-/:-@\[-`{-~])")


def md(text) -> str:
    """Escape data text for MyST markdown: backslash every ASCII punctuation character, fold newlines."""
    text = "" if text is None or (isinstance(text, float) and pd.isna(text)) else str(text)
    return md_spaced(" ".join(text.split()))


def md_spaced(text: str) -> str:
    """`md`, keeping a space at either end (for text between other inline markup); runs of whitespace fold to one."""
    return _PUNCT.sub(r"\\\1", re.sub(r"\s+", " ", text))


def link(text: str, url) -> str:
    """`text` (MyST, already escaped) as a link to `url` if that is a web address; else the text alone."""
    address = web_address(url)
    return f"[{text}](<{address}>)" if address else text


TIER_TEXT = {
    "A": "official body or mainstream media, on its own site",
    "B": "official text on a mirror or repost site",
    "C": "third-party compilation, wiki or self-media",
}


TIER_TEXT_ZH = {
    "A": "官方机构或主流媒体，在其自有网站发布",
    "B": "转载于镜像或转发网站的官方文本",
    "C": "第三方汇编、百科或自媒体",
}


def sources_page(ds: Dataset, lang: str = "en") -> str:
    if lang == "zh":
        return sources_page_zh(ds)
    counts = ds.observations.groupby("source").size()
    lines = [
        "# Sources",
        "",
        "Every figure in this report comes from one of these sources, with the source's own words kept beside it. "
        "Tiers say how much weight a source carries:",
        "",
    ]
    lines += [f"- **{t}**: {TIER_TEXT[t]}" for t in ("A", "B", "C")]
    lines += ["", "| Source | Publisher | Published | Tier | Figures |", "|---|---|---|---|---:|"]
    for s in frames.rows(ds.sources.sort_values(["tier", "published"], ascending=[True, False])):
        lines.append(
            f"| {link(md(s.title), s.url)} | {md(s.publisher)} | {md(s.published)} | {s.tier} | {int(counts.get(s.source, 0))} |"
        )
    return "\n".join(lines + ["", *bibliography(ds)])


def bibliography(ds: Dataset) -> list[str]:
    """Every source once, as a reference: publisher, title, date, tier, address (a link only if it is a web address).

    Written here from sources.csv rather than through BibTeX, which reads braces and backslashes in a title
    as markup and drops them, and shows generated citation keys."""
    lines = ["## Bibliography", ""]
    for s in frames.rows(ds.sources.sort_values(["publisher", "title", "source"], key=lambda c: c.str.lower())):
        parts = [
            md(s.publisher or s.source),
            f"*{md(s.title)}*",
            md(s.published) if s.published else "undated",
            f"tier {s.tier}",
        ]
        if s.url:
            parts.append(link(md(s.url), s.url))
        lines.append("- " + ". ".join(parts) + ".")
    return lines + [""]


def sources_page_zh(ds: Dataset) -> str:
    """The sources page of the Chinese edition: publishers in Chinese (publisher_zh, or the English marked
    untranslated), titles as published, dates as 2026年2月25日."""
    from zonebook import lang

    counts = ds.observations.groupby("source").size()

    def publisher(s) -> str:
        text, translated = lang.text(s, "publisher", "zh")
        return md(text) if translated else f"{md(text)}{lang.UNTRANSLATED['zh']}"

    lines = [
        "# 资料来源",
        "",
        "本报告的每个数字都来自下列来源之一，并保留来源原文。来源等级表示来源的权威程度：",
        "",
    ]
    lines += [f"- **{t}级**：{TIER_TEXT_ZH[t]}" for t in ("A", "B", "C")]
    lines += ["", "| 来源 | 发布者 | 日期 | 等级 | 条数 |", "|---|---|---|---|---:|"]
    for s in frames.rows(ds.sources.sort_values(["tier", "published"], ascending=[True, False])):
        published = md(s.published) if s.published else "未注明"  # in a table, a date as numbers (2026-01-22)
        lines.append(
            f"| 《{link(md(s.title), s.url)}》 | {publisher(s)} | {published} | {s.tier}级 | {int(counts.get(s.source, 0))} |"
        )
    lines += ["", "## 参考文献", ""]
    for s in frames.rows(ds.sources.sort_values(["publisher", "title", "source"], key=lambda c: c.str.lower())):
        parts = [
            publisher(s) if s.publisher else md(s.source),
            f"《{md(s.title)}》",
            md(lang.date(s.published, "zh")) if s.published else "未注明日期",
            f"{s.tier}级来源",
        ]
        if s.url:
            parts.append(link(md(s.url), s.url))
        lines.append("- " + "。".join(parts) + "。")
    return "\n".join(lines + [""])


DATA_WORDS = {  # the data dictionary's and the notes' own words, per edition
    "en": {
        "title": "Data dictionary",
        "none": "This data folder has no `README.md`.",
        "download": "Download the data",
        "files": "The exact files this edition was built from:",
        "notes": "Notes on this edition",
    },
    "zh": {
        "title": "数据字典",
        "none": "本数据文件夹没有`README.md`。",
        "download": "下载数据",
        "files": "本版所依据的数据文件：",
        "notes": "本版数据说明",
    },
}


def data_dictionary_page(readme: str | None, files: list[str], lang: str = "en") -> str:
    """The data folder's README as a chapter (as inert MyST: no directive, role, include or raw HTML acts),
    with download links to the published CSV files; a folder without a README gets a page saying so."""
    from zonebook.report.markdown import to_myst

    words = DATA_WORDS[lang]
    body = to_myst(f"# {words['title']}\n\n{words['none']}\n" if readme is None else readme, title=words["title"])
    links = "\n".join(f'<li><a href="../data/{name}" download>{name}</a></li>' for name in files)
    return f"{body.rstrip()}\n\n## {words['download']}\n\n{words['files']}\n\n<ul>\n{links}\n</ul>\n"


def edition_notes(text: str, lang: str = "en") -> str:
    """The data folder's notes.md as the last section of the methods page: inert MyST (like the data dictionary),
    every heading one level down."""
    from zonebook.report.markdown import to_myst

    body = to_myst(text, title=DATA_WORDS[lang]["notes"])
    return "\n".join("#" + line if line.startswith("#") else line for line in body.splitlines()) + "\n"
