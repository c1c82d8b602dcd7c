"""The "What changed" page: the data of this build against the data published with the last one.

Observations are compared whole: every contract column of observations.csv, the value as an exact
number (check keeps values within 15 significant digits, so two different figures are two different
floats). Several rows may share (indicator, period, source, kind), so rows are matched in three steps:

1. a row equal to an old row in every column is unchanged (equal rows pair off in file order);
2. of the rest, new and old rows sharing (indicator, period, source, kind) pair off in file order:
   each pair is a revision, whatever changed (value, bound, quote or note);
3. what is still unmatched is added (only in the new data) or removed (only in the old).

So every row is listed at most once, and reordering the file changes nothing. Within a zone the rows
are listed by indicator, period and source.
"""

from __future__ import annotations

from collections import defaultdict, deque
from decimal import Decimal

import pandas as pd

from zonebook import lang as words
from zonebook.analysis.templates_zh import KIND_LABELS
from zonebook.data import BOUND_SYMBOL, COLUMNS, Dataset
from zonebook.report.pages import md
from zonebook.report.words import say

COMPARED = COLUMNS["observations.csv"]
SAME_FIGURE = ["indicator", "period", "source", "kind"]  # rows sharing these are the same figure, revised
BOOK_ORDER = ["indicator", "period_start", "period_end", "source", "line"]  # how each zone's rows are listed


def _cells(row) -> tuple:
    """A row's contract columns, the value exact (a gap as None, since NaN equals nothing)."""
    return tuple(None if c == "value" and pd.isna(row[c]) else row[c] for c in COMPARED)


def _rows(frame: pd.DataFrame) -> list[tuple]:
    """`_cells` of every row, column by column (a pass per column, not a Series per row)."""
    values = [None if pd.isna(v) else v for v in frame["value"]]
    return list(zip(*(values if c == "value" else frame[c] for c in COMPARED), strict=True))


def match(old: pd.DataFrame, new: pd.DataFrame) -> tuple[list[int], list[tuple[int, int]], list[int]]:
    """(added, revised, removed): positions in `new`, (old, new) pairs, and positions in `old`; file order."""
    old_rows, new_rows = _rows(old), _rows(new)
    pool = defaultdict(deque)  # old rows not yet matched, by their full contents
    for i, cells in enumerate(old_rows):
        pool[cells].append(i)
    unmatched_new = []
    for j, cells in enumerate(new_rows):
        if pool[cells]:
            pool[cells].popleft()  # unchanged
        else:
            unmatched_new.append(j)
    same = defaultdict(deque)  # the old rows left over, by the figure they state
    key = [COMPARED.index(c) for c in SAME_FIGURE]
    for i in sorted(i for rows in pool.values() for i in rows):
        same[tuple(old_rows[i][k] for k in key)].append(i)
    added, revised = [], []
    for j in unmatched_new:
        earlier = same[tuple(new_rows[j][k] for k in key)]
        if earlier:
            revised.append((earlier.popleft(), j))
        else:
            added.append(j)
    removed = sorted(i for rows in same.values() for i in rows)
    return added, revised, removed


def shown(row, lang: str = "en") -> str:
    return (
        say("changes-missing", lang) if row["is_gap"] else words.cell(row["value"], row["decimals"], row["bound"], lang)
    )


def exact(row, lang: str = "en") -> str:
    """The value in full (every digit check allows), for a revision finer than the decimals shown."""
    return (
        say("changes-missing", lang)
        if row["is_gap"]
        else f"{BOUND_SYMBOL.get(row['bound'], '')}{Decimal(repr(float(row['value']))):,f}"
    )


def _in_file_order(ds: Dataset) -> pd.DataFrame:
    return ds.observations.sort_values("line", kind="stable").reset_index(drop=True)


def changes_page(new: Dataset, old: Dataset | None, old_problems: int | None = None, lang: str = "en") -> str:
    """What changed in the data since the last published build: figures added, revised and removed, by zone, in
    `lang`. `old_problems`: how many problems the last published data had, when it could not be read."""
    lines = ["(changes)=", f"# {say('changes-title', lang)}", ""]
    if old is None:
        lines.append(
            say("changes-first", lang) if old_problems is None else say("changes-unreadable", lang, n=old_problems)
        )
        return "\n".join(lines) + "\n"
    a, b = _in_file_order(old), _in_file_order(new)
    added, revised, removed = match(a, b)
    if not (added or revised or removed):
        lines.append(say("changes-none", lang))
        return "\n".join(lines) + "\n"
    figures = "figure" if len(added) == 1 else "figures"
    counts = dict(added=len(added), figures=figures, revised=len(revised), removed=len(removed))
    lines += [say("changes-since", lang, **counts), "", say("changes-rule", lang)]
    name = "name_zh" if lang == "zh" else "name_en"
    zones = (
        dict(zip(new.zones["zone"], new.zones[name], strict=True))
        | dict(zip(old.zones["zone"], old.zones[name], strict=True))
        | {"city": say("changes-city", lang)}
    )
    tables = (
        ("Added", [(None, b.loc[j]) for j in added]),
        ("Revised", [(a.loc[i], b.loc[j]) for i, j in revised]),
        ("Removed", [(None, a.loc[i]) for i in removed]),
    )
    for title, pairs in tables:
        if not pairs:
            continue
        with_old = title == "Revised"
        lines += ["", f"## {say(f'changes-{title.lower()}', lang)}", ""]
        by_zone = defaultdict(list)
        for was, now in pairs:
            by_zone[now["zone"]].append((was, now))
        for zone in sorted(by_zone, key=lambda z: (z != "city", list(zones).index(z) if z in zones else len(zones))):
            lines += [
                f"### {md(zones.get(zone, zone))}",
                "",
                say("changes-head", lang) + say("changes-was" if with_old else "changes-figure", lang),
                "|---|---|---|---|" + ("---:|---:|---|" if with_old else "---:|"),
            ]
            for was, now in sorted(by_zone[zone], key=lambda pair: [pair[1][c] for c in BOOK_ORDER]):
                indicator = now["name_zh"] if lang == "zh" else f"{now['name_en']} ({now['name_zh']})"
                kind = KIND_LABELS[now["kind"]] if lang == "zh" else now["kind"]
                row = f"| {md(indicator)} | {md(now['period'])} | {md(now['source'])} | {md(kind)} | "
                if with_old:
                    before, after = shown(was, lang), shown(now, lang)
                    changed = [c for c, x, y in zip(COMPARED, _cells(was), _cells(now), strict=True) if x != y]
                    if before == after and "value" in changed:  # a revision the decimals would hide
                        before, after = exact(was, lang), exact(now, lang)
                    row += f"{md(before)} | {md(after)} | {', '.join(changed)} |"
                else:
                    row += f"{md(shown(now, lang))} |"
                lines.append(row)
            lines.append("")
    return "\n".join(lines) + "\n"


def changes_summary(page: str) -> str:
    """The changes page's one-sentence summary (its first paragraph), as plain text for the front matter."""
    body = [line for line in page.splitlines()[2:] if line.strip()]
    return body[0].replace("**", "") if body else ""
