"""Pages generated as MyST markdown from the data: sources (with the BibTeX file), data dictionary.

Text from the data is escaped for MyST (every ASCII punctuation mark backslashed), so a CSV field
can never become markup, a directive or raw HTML.
"""

from __future__ import annotations

import re

import pandas as pd

from zonebook.data import Dataset

_PUNCT = re.compile(r"([!-/:-@\[-`{-~])")


def md(text) -> str:
    """Escape data text for MyST markdown: backslash every ASCII punctuation character, fold newlines."""
    text = "" if text is None or (isinstance(text, float) and pd.isna(text)) else str(text)
    return _PUNCT.sub(r"\\\1", " ".join(text.split()))


def bib(text: str) -> str:
    """Escape a BibTeX field value."""
    text = " ".join(str(text).split())
    for char in "\\{}":
        text = text.replace(char, "")
    return re.sub(r"([&%$#_~^])", r"\\\1", text)


def bibtex(ds: Dataset) -> str:
    entries = []
    for s in ds.sources.itertuples(index=False):
        year = s.published[:4] if s.published else "n.d."
        fields = {"title": s.title, "author": s.publisher or s.source, "year": year, "note": f"Tier {s.tier}"}
        if s.url:
            fields["url"] = s.url
        if s.published:
            fields["date"] = s.published
        body = ",\n".join(f"  {k} = {{{bib(v) if k != 'url' else v.replace('}', '%7D').replace('{', '%7B')}}}" for k, v in fields.items())
        entries.append(f"@misc{{{s.source},\n{body}\n}}")
    return "\n\n".join(entries) + "\n"


TIER_TEXT = {"A": "official body or mainstream media, on its own site", "B": "official text on a mirror or repost site",
             "C": "third-party compilation, wiki or self-media"}


def sources_page(ds: Dataset) -> str:
    counts = ds.observations.groupby("source").size()
    lines = ["# Sources", "", "Every figure in this report comes from one of these sources, with the source's own words kept beside it. "
             "Tiers say how much weight a source carries:", ""]
    lines += [f"- **{t}**: {TIER_TEXT[t]}" for t in ("A", "B", "C")]
    lines += ["", "| Source | Publisher | Published | Tier | Figures |", "|---|---|---|---|---:|"]
    for s in ds.sources.sort_values(["tier", "published"], ascending=[True, False]).itertuples(index=False):
        title = md(s.title)
        if s.url and re.fullmatch(r"https?://[^\s<>|]+", s.url):
            title = f"[{title}](<{s.url}>)"
        lines.append(f"| {title} | {md(s.publisher)} | {md(s.published)} | {s.tier} | {int(counts.get(s.source, 0))} |")
    lines += ["", "## Bibliography", "", "```{bibliography}", ":all:", "```", ""]
    return "\n".join(lines)


def data_dictionary_page(readme: str, files: list[str]) -> str:
    """The data folder's README as a chapter, with download links to the published CSV files."""
    links = "\n".join(f'<li><a href="../data/{name}" download>{name}</a></li>' for name in files)
    return (f"{readme.rstrip()}\n\n## Download the data\n\nThe exact files this edition was built from:\n\n<ul>\n{links}\n</ul>\n")
