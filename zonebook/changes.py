"""The "What changed" page: the data of this build against the data published with the last one."""

from __future__ import annotations

import pandas as pd

from zonebook.data import Dataset, format_value
from zonebook.pages import md


def changes_page(new: Dataset, old: Dataset | None, old_error: str = "") -> str:
    """What changed in the data since the last published build: figures added, revised and removed, by zone."""
    lines = ["(changes)=", "# What changed", ""]
    if old is None:
        lines.append(old_error or "This is the first build of the report: there is no earlier published build to compare with.")
        return "\n".join(lines) + "\n"
    key = ["indicator", "period", "source", "kind"]

    def table(ds: Dataset) -> pd.DataFrame:
        o = ds.observations
        o = o.assign(shown=[format_value(v, d, b) if not g else "(missing)" for v, d, b, g in zip(o["value"], o["decimals"], o["bound"], o["is_gap"])])
        return o.drop_duplicates(key).set_index(key)

    a, b = table(old), table(new)
    added = b.loc[b.index.difference(a.index)]
    removed = a.loc[a.index.difference(b.index)]
    common = a.index.intersection(b.index)
    revised = b.loc[common][a.loc[common, "shown"] != b.loc[common, "shown"]]
    if added.empty and removed.empty and revised.empty:
        lines.append("No figure changed since the last published build.")
        return "\n".join(lines) + "\n"
    figures = "figure" if len(added) == 1 else "figures"
    lines.append(f"Since the last published build: **{len(added)}** {figures} added, **{len(revised)}** revised and **{len(removed)}** removed.")
    zones = dict(zip(new.zones["zone"], new.zones["name_en"])) | dict(zip(old.zones["zone"], old.zones["name_en"])) | {"city": "City-wide"}
    for title, frame, with_old in (("Added", added, False), ("Revised", revised, True), ("Removed", removed, False)):
        if frame.empty:
            continue
        lines += ["", f"## {title}", ""]
        frame = frame.reset_index()
        for zone, group in frame.groupby("zone", sort=False):
            lines += [f"### {md(zones.get(zone, zone))}", "", "| Indicator | Period | Source | Kind | " + ("Was | Now |" if with_old else "Figure |"),
                      "|---|---|---|---|" + ("---:|---:|" if with_old else "---:|")]
            for r in group.itertuples(index=False):
                row = f"| {md(r.name_en)} ({md(r.name_zh)}) | {r.period} | {md(r.source)} | {r.kind} | "
                if with_old:
                    row += f"{md(a.loc[(r.indicator, r.period, r.source, r.kind), 'shown'])} | {md(r.shown)} |"
                else:
                    row += f"{md(r.shown)} |"
                lines.append(row)
            lines.append("")
    return "\n".join(lines) + "\n"


def changes_summary(page: str) -> str:
    """The changes page's one-sentence summary (its first paragraph), as plain text for the front matter."""
    body = [line for line in page.splitlines()[2:] if line.strip()]
    return body[0].replace("**", "") if body else ""
