"""The book's charts as `model.Chart` specs, from the observations: which figures a chart draws, as which series
(colour: kind), at which frequency, from which sources, and every text it shows in the edition's language (`lang`).
`report.charts` draws a spec (the book's pages and the decks alike); `model.csv_of` writes its download. Nothing here
draws."""

from __future__ import annotations

import unicodedata

import pandas as pd

from zonebook import frames
from zonebook import lang as words
from zonebook.analysis import metrics, templates_zh
from zonebook.report.model import Chart, Point, Series

KINDS = ("actual", "estimate", "target")
FREQUENCY_WORD = {"year": "years", "quarter": "quarters"}
FREQUENCY_ZH = {"year": "年度", "quarter": "季度"}
KIND_WORD = {"en": {k: k for k in KINDS}, "zh": templates_zh.KIND_LABELS}
# the words a chart draws besides the data's: its legend (colour: the kind, shape: the source's tier), its source line
WORDS = {
    "en": {
        "legend": "colour: kind of figure · shape: tier of the source",
        "arrow": " · arrow: a bound (more than, at most …)",
        "tiers": {"A": "A: official, mainstream", "B": "B: official text, mirror", "C": "C: third-party, self-media"},
        "source": "Source: ",
        "more": "; and {n} more sources (listed in the CSV)",
        "another": "{label}, another source",
    },
    "zh": {
        "legend": "颜色：数据类型 · 形状：来源等级",
        "arrow": " · 箭头：界限值（超、以上、不超过等）",
        "tiers": {"A": "A级：官方机构、主流媒体", "B": "B级：官方文本的转载", "C": "C级：第三方、自媒体"},
        "source": "资料来源：",
        "more": "等{n}个来源（详见CSV）",
        "another": "{label}（另一来源）",
    },
}


def frequency(period: str) -> str:
    """year, quarter, or span-N for a span of N years (2021-2025: span-5)."""
    kind = metrics.period_type(period)
    if kind != "span":
        return kind
    start, end = period.split("-")
    return f"span-{int(end) - int(start) + 1}"


def frequency_words(freq: str, lang: str = "en") -> str:
    if lang == "zh":
        return FREQUENCY_ZH.get(freq) or f"{freq.split('-')[1]}年期"
    return FREQUENCY_WORD[freq] if freq in FREQUENCY_WORD else f"{freq.split('-')[1]}-year spans"


def shown(p: Point, lang: str = "en", unit: str = "") -> str:
    """A figure as a chart labels it: "≤20", ">8,000" in English (Point.shown), 不超过20, 超8000 in Chinese."""
    return p.label(lang, unit)


def publisher(row, lang: str = "en") -> str:
    """A source's publisher in a language (its slug where it has none); an untranslated one marked."""
    text, translated = words.text(row, "publisher", lang)
    text = text or row.source
    return text if translated else f"{text}{words.UNTRANSLATED[lang]}"


def point(r, lang: str = "en") -> Point:
    return Point(
        period=r.period,
        start=float(r.period_start),
        end=float(r.period_end),
        value=float(r.value),
        bound=r.bound,
        decimals=int(r.decimals),
        tier=r.tier,
        source=r.source,
        publisher=r.publisher or r.source if lang == "en" else publisher(r, lang),  # the CSV's, in the chart's language
        quote=r.quote,
        line=int(r.line),
    )


def sources_line(obs: pd.DataFrame, lang: str = "en") -> str:
    said = WORDS[lang]
    publishers = obs.drop_duplicates("source").sort_values("tier", kind="stable")
    if lang == "zh":
        parts = [f"{publisher(p, lang)}（{p.tier}级）" for p in frames.rows(publishers)]
        text = said["source"] + "；".join(parts)
        if sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text) > 190:  # display columns
            text = said["source"] + "；".join(parts[:2]) + said["more"].format(n=len(parts))
        return text
    parts = [f"{p.publisher or p.source} ({p.tier})" for p in frames.rows(publishers)]
    text = said["source"] + "; ".join(parts)
    if len(text) > 190:  # at most two lines under the chart; the CSV lists every source
        text = said["source"] + "; ".join(parts[:2]) + said["more"].format(n=len(parts) - 2)
    return text


def series_spec(obs: pd.DataFrame, left_out: pd.DataFrame | None = None, name: str = "", lang: str = "en") -> Chart:
    """One indicator over time: a series per kind, each point with its source; actuals joined by a line where they
    are of one frequency (the line never crosses a gap of more than one period: the renderer's rule). Its texts in
    `lang`; a rank's axis runs from 1 at the top."""
    obs = obs[~obs["is_gap"]].sort_values(["period_start", "period_end", "tier"], kind="stable")
    first = obs.iloc[0]
    freqs = obs["period"].map(frequency)
    series = []
    for kind in KINDS:
        for freq in dict.fromkeys(freqs[obs["kind"] == kind]):
            part = obs[(obs["kind"] == kind) & (freqs == freq)]
            label = KIND_WORD[lang][kind]
            if freqs.nunique() > 1:
                label = (
                    f"{label}（{frequency_words(freq, lang)}）"
                    if lang == "zh"
                    else f"{label} ({frequency_words(freq)})"
                )
            series.append(
                Series(
                    label=label,
                    kind=kind,
                    frequency=freq,
                    points=tuple(point(r, lang) for r in frames.rows(part)),
                    joined=kind == "actual" and not freq.startswith("span"),
                )
            )
    left = () if left_out is None else tuple(point(r, lang) for r in frames.rows(left_out[~left_out["is_gap"]]))
    invert = str(first.get("measure", "")) == "rank"
    if lang == "zh":
        return _chinese_spec(obs, first, tuple(series), left, name, invert)
    kinds = ", ".join(k for k in KINDS if k in set(obs["kind"]))
    cited = [f"{s.publisher or s.source} (tier {s.tier})" for s in frames.rows(obs.drop_duplicates("source"))]
    more = f" and {len(cited) - 3} more" if len(cited) > 3 else ""
    span = f"{obs['period'].iloc[0]}–{obs['period'].iloc[-1]}"
    caption = (
        f"{first.name_en} ({first.name_zh}), {first.unit}, {span}: {kinds}. "
        f"{'Source' if len(cited) == 1 else 'Sources'}: {'; '.join(cited[:3])}{more}; every figure's source and words "
        "are in the CSV."
    )
    if left:
        caption += " Not drawn here, being of another frequency: " + "; ".join(
            f"{p.period} ({p.shown}{'' if first.unit == '%' else ' '}{first.unit})" for p in left
        )
        caption += "."
    return Chart(
        name=name or f"{first.indicator}-{frequency(first.period)}",
        title=f"{first.name_en} · {first.name_zh} ({first.unit})",
        unit=first.unit,
        series=tuple(series),
        caption=caption,
        alt=f"Chart of {first.name_en} over time",
        source=sources_line(obs),
        left_out=left,
        invert=invert,
    )


def _chinese_spec(obs: pd.DataFrame, first, series: tuple, left: tuple, name: str, invert: bool) -> Chart:
    """series_spec's texts in Chinese: the indicator's name_zh, the kinds and tiers as the Chinese tables name them,
    the publishers' Chinese names (marked where the data has none), figures and periods as a 统计公报 writes them."""
    unit = first.unit
    name_zh = words.punctuate(first.name_zh)
    kinds = "、".join(KIND_WORD["zh"][k] for k in KINDS if k in set(obs["kind"]))
    cited = [f"{publisher(s, 'zh')}（{s.tier}级）" for s in frames.rows(obs.drop_duplicates("source"))]
    more = f"等{len(cited)}个来源" if len(cited) > 3 else ""
    span = f"{words.period(obs['period'].iloc[0], 'zh')}至{words.period(obs['period'].iloc[-1], 'zh')}"
    caption = (
        f"{name_zh}（{unit}），{span}：{kinds}。资料来源：{'；'.join(cited[:3])}{more}；每个数据的来源和原文见CSV。"
    )
    if left:
        caption += "另有其他频率的数据未在图中显示：" + "；".join(
            f"{words.period(p.period, 'zh')}（{shown(p, 'zh', unit)}{unit}）" for p in left
        )
        caption += "。"
    return Chart(
        name=name or f"{first.indicator}-{frequency(first.period)}",
        title=f"{name_zh}（{unit}）",
        unit=unit,
        series=series,
        caption=caption,
        alt=f"{name_zh}历年数据图",
        source=sources_line(obs, "zh"),
        left_out=left,
        lang="zh",
        invert=invert,
    )


def series_charts(obs: pd.DataFrame, min_periods: int = 2, lang: str = "en") -> list[Chart]:
    """A chart for every indicator and frequency with figures for `min_periods` or more periods: years, quarters and
    spans of different lengths never share an axis (a five-year decline is not a one-year one)."""
    return [series_spec(part, left, name, lang) for name, part, left in series_parts(obs, min_periods)]


def series_parts(obs: pd.DataFrame, min_periods: int = 2) -> list[tuple[str, pd.DataFrame, pd.DataFrame]]:
    """(chart name, the figures it draws, the indicator's figures of other frequencies) for every chart of `obs`."""
    out = []
    numbers = metrics.figures(obs)
    for indicator, group in numbers.groupby("indicator", sort=False):
        freqs = group["period"].map(frequency)
        for freq in dict.fromkeys(freqs):
            part = group[freqs == freq]
            if part["period"].nunique() >= min_periods:
                out.append((f"{indicator}-{freq}", part, group[freqs != freq]))
    return out
