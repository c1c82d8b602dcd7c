"""Indicator suggestions: fill a draft's `indicator` column with the data/indicators.csv slug whose Chinese
name is most like the row's name, among those whose unit the value converts to."""

from __future__ import annotations

import re

import pandas as pd

from zonebook.extract.rules import Rules, convert, load_rules

_MEASURE_SUFFIX = {"growth": "增速", "decline": "降幅", "rank": "排名"}

_GROWTH_NAME = re.compile("增速|增幅|增长|涨幅|降幅")


def _bigrams(text: str, aliases=()) -> set[str]:
    text = re.sub(r"[(（].*?[)）]|[“”‘’\"\s]", "", text)
    for word, replacement in aliases:
        text = text.replace(word, replacement)
    return {text[i : i + 2] for i in range(len(text) - 1)} or {text}


def suggest_indicators(
    frame: pd.DataFrame, indicators: pd.DataFrame, threshold: float = 0.6, rules: Rules | None = None
) -> pd.DataFrame:
    """Fill `indicator` with the slug whose name_zh is most like the row's suggested name (plus 增速 for a
    growth rate) and whose unit the value converts to; below `threshold` (Dice of character pairs) none."""
    rules = rules or load_rules()
    frame = frame.copy()
    table = [
        (row["indicator"], row["name_zh"], row["unit"], _bigrams(row["name_zh"], rules.aliases))
        for row in indicators.fillna("").to_dict("records")
    ]
    for index, row in frame.iterrows():
        name = row["indicator_name_zh"] + _MEASURE_SUFFIX.get(row["measure"], "")
        if not row["indicator_name_zh"]:
            continue
        mine = _bigrams(name, rules.aliases)
        growth = row["measure"] in ("growth", "decline")
        best, best_score = None, 0.0
        for slug, name_zh, unit, theirs in table:
            if convert(1.0, row["unit"], unit, rules) is None:
                continue
            if row["measure"] == "rank":
                if "排名" not in name_zh:
                    continue
            elif growth != bool(_GROWTH_NAME.search(name_zh)):
                continue
            score = 2 * len(mine & theirs) / (len(mine) + len(theirs))
            if score > best_score:
                best, best_score = (slug, name_zh), score
        if best and best_score >= threshold:
            frame.at[index, "indicator"] = best[0]
            note = f"indicator suggested by name: {best[0]} ({best[1]}, match {best_score:.2f})"
            frame.at[index, "extract_note"] = "; ".join(x for x in (row["extract_note"], note) if x)
    return frame
