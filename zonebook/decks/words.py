"""The decks' own words in each language: every text a slide says that is not a reading (titles, cover, agenda,
dividers, table headers, captions, speaker notes), one template per key in each language with the same placeholders,
as `analysis.templates_zh` does for the readings (`tests/test_decks_zh.py` checks the keys and placeholders match).

`Voice(ds, lang)` is what `slides` speaks through: `voice("key", **values)` fills a template; the numbers, periods,
dates, names and titles it is given are written by `zonebook.lang` in the same language (6,013 亿元 / 6013亿元,
2025 / 2025年, 25 February 2026 / 2026年2月25日), and a reading's sentence is `Reading.sentence` in English,
`readings_zh.Chinese` in Chinese. Nothing here computes: the analysis is done once and spoken in each language.
"""

from __future__ import annotations

import datetime as dt
import re

from zonebook import lang as language
from zonebook.analysis import readings, templates_zh
from zonebook.data import CITY

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")

EN = {
    # every deck
    "more": "The full figures, sources and quotes are in the appendix and in the book.",
    "findings": "Key findings",
    "findings-say": "What to take away from this part of the report.",
    "sources-one": "Source: {named}.",
    "sources-many": "Sources: {named}.",
    "sources-sep": "; ",
    "source-year": "{publisher} ({year})",
    "by": "{publisher}, {year}",
    "unnamed": "an unnamed source",
    "unnamed-short": "unnamed",
    "undated": "undated",
    "year": "{year}",
    "with-sources": "{sentence} {sources}",
    "figure": "{value} in {period}{kind} ({by})",
    "kind": " ({kind})",
    "continued": " (continued)",
    "continued-of": " (continued, {n} of {m})",
    "page-of": "{title} ({n}/{m})",
    "backup-mark": "Backup · ",
    "notes-heading": "Notes",
    "footer": "{title} · {date}",
    "divider-say": "{title}.",
    "appendix": "Appendix: backup slides",
    # the cover
    "cover-title": "{zh} {en}",
    "zone-kicker": "{place} · zone {order} of {n}",
    "zone-say": "{name_en} ({name_zh}) is zone {order} of {n} in the report {title}.",
    "cover-figures": "Every figure on these slides comes from the report's data; the notes name each figure's source "
    "and year.",
    "city-title": "{city}全市",
    "city-title-none": "全市",
    "zone-subtitle": "{name_en}",
    "city-subtitle": "{city}: the city and its zones",
    "city-none": "The city",
    "city-chapter": "The city",
    "both-names": "{en} {zh}",
    "city-kicker": "{title} · city overview",
    "city-summary": "The city-wide figures, the path to the city's goal, the zones at a glance and the article's "
    "claims checked.",
    "city-say": "The city overview of the report {title}: city-wide figures, the goal, the {n} zones compared, and "
    "the audit of the article.",
    "city-deck": "{zh}全市 {en} overview",
    "city-deck-none": "City",
    "agenda": "Agenda",
    "agenda-say": "What this talk covers: {sections}.",
    # charts
    "chart-trend": "{name}: {start} in {y0}, {end} in {y1}",
    "chart-count": "{name}: {n} figures, {first} to {last}",
    "chart-sources": ", from {n} sources",
    "chart-unit": "{name} ({unit})",
    "caption-source": "Source: {names}",
    "caption-more": "; and {n} more, named in the notes",
    "caption-name": "{publisher} ({tier})",
    "caption-marks": "{sources}{hollow}.",
    "caption-hollow": "; hollow markers: targets",
    "chart-what": "{name_en} ({name_zh}), in {unit}.",
    "chart-latest": "The figures, latest first: {figures}.",
    "chart-earlier": "{count} in the book.",
    "chart-window": "The chart shows the last {years} years; the book's chart has {earlier} earlier figures too.",
    "chart-sides": "Where two sources give a figure for the same period, both are drawn side by side.",
    "chart-alt": "Chart of {name_en} ({name_zh}) over time, in {unit}",
    "figures-section": "The figures",
    "city-figures-section": "City-wide figures",
    # targets
    "targets": "Targets against outcomes",
    "targets-say": "A target is met or missed only against the outcome of its own period; earlier actuals show "
    "progress so far, never a verdict.",
    # the audit
    "audit": "The article's claims, checked",
    "audit-unmarked": "No source is marked as the audited article (role = claims in sources.csv), so there is "
    "nothing to check.",
    "audit-none": "The article makes no numerical claim here.",
    "audit-text": "The audited text is {title}, {by}, a tier {tier} source.",
    "audit-method": "Each claim is checked against every other source for the same indicator, definition and period; "
    "a revision is not a conflict, and only a dated tier A or B source corroborates.",
    "audit-more": "The flagged claims are listed in the appendix.",
    "tile-corroborated": "Corroborated",
    "tile-weak": "Weak or unconfirmed",
    "tile-revised": "Revised since",
    "tile-conflict": "Conflict or at odds",
    "tile-unverified": "Unverified",
    "tile-missing": "Number missing",
    # the closing slide
    "closing": "Sources, and where to read more",
    "closing-section": "Sources",
    "closing-among": "Among them: {names}.",
    "closing-audited": "The audited text: {title}, {by}.",
    "closing-book": "Every figure with its source's own words: the book's chapter “{chapter}” ({page} in the book).",
    "closing-data": "The data behind every slide is published with the book: data/observations.csv and "
    "data/readings.csv.",
    "closing-say": "Every source, with its full title and address, is listed in the appendix.",
    # the appendix tables
    "key-figures": "Key figures",
    "key-figures-say": "The latest figure of every indicator, from every source that gives one, tier A first.",
    "key-figure": "{name}: {figure}.",
    "h-indicator": "Indicator",
    "h-latest": "Latest",
    "h-period": "Period",
    "h-source": "Source",
    "h-tier": "Tier",
    "h-zone": "Zone",
    "h-article": "The article",
    "h-record": "The record",
    "h-verdict": "Verdict",
    "h-publisher": "Publisher",
    "h-title": "Title",
    "h-published": "Published",
    "h-site": "Site",
    "h-figures": "Figures",
    "h-claims": "Claims",
    "h-conflict": "In conflict",
    "h-other-name": "中文",
    "record": "{value}, {publisher}",
    "flagged": "Claims in conflict or not confirmed",
    "flagged-say": "In conflict: the two figures cannot both be true. Revised since: the claim is a first release the "
    "record restates. Compatible, not confirmed: the record asserts less than the claim. Weak support: only an undated "
    "or tier C source agrees.",
    "sources": "Sources",
    "sources-say": "Tiers: A official bodies and mainstream media; B official text on a mirror site; C third-party "
    "and self-media. Each site links to its source in the PowerPoint deck.",
    "source-row": "{publisher}: {title}, {year}, tier {tier}.",
    "audited-mark": " (the audited article)",
    "unnamed-cap": "Unnamed",
    # the goal
    "goal": "{name}: the road to {target} by {year}",
    "goal-when": "When would {name} reach {target}?",
    "goal-section": "The goal",
    "goal-caption": "Actual {name} and constant-growth paths from {base} in {year}. {sources}",
    "goal-caption-short": "Actual {name} and constant-growth paths from {year}. Sources in the notes.",
    "goal-alt": "{name} and constant-growth paths to the goal",
    "goal-actual": "{name}, best figure a year: {figures}",
    "goal-year": "{year}: {value}.",
    "goal-sep": " ",
    # the city's zones
    "zones": "The zones at a glance",
    "zones-more": "The zones at a glance ({n})",
    "zones-section": "The zones",
    "zone-row": "{order}. {name}",
    "zone-say-row": "{name}: {figures} figures; {claims}.",
    "evidence": "Evidence is uneven: {most_n} figures behind {most}, {least_n} behind {least}",
    "evidence-caption": "How much each zone is backed by numbers, and by which kinds of source.",
    "evidence-unit": "number of figures",
    "evidence-say": "Figures per zone by source tier: A official or mainstream, B official text on a mirror, C "
    "third-party or self-media; grey, figures the article promises without a number.",
    "evidence-row": "{name}: {figures} figures for {indicators} indicators from {sources} sources.",
    "evidence-alt": "Bar chart of figures by source tier per zone",
    "tier-A": "tier A",
    "tier-B": "tier B",
    "tier-C": "tier C (incl. the article)",
    "tier-gap": "promised, number missing",
    "verdicts": "Where the article's claims hold, zone by zone",
    "verdicts-caption": "Each of the article's figures checked against the other sources for the same indicator and "
    "period.",
    "verdicts-unit": "number of claims",
    "verdicts-say": "The article's claims per zone, by verdict, city-wide first.",
    "verdicts-row": "{name}: {counts}.",
    "verdict-count": "{n} {label}",
    "verdict-sep": ", ",
    "verdicts-alt": "Bar chart of audit verdicts per zone",
    "city-wide": "City-wide",
    "city-label": "City-wide{sep}全市",
    "zone-label": "{en}{sep}{zh}",
}

ZH = {
    "more": "完整的数据、来源和原文见附录和报告。",
    "findings": "主要发现",
    "findings-say": "本部分的要点。",
    "sources-one": "来源：{named}。",
    "sources-many": "来源：{named}。",
    "sources-sep": "；",
    "source-year": "{publisher}（{year}）",
    "by": "{publisher}，{year}",
    "unnamed": "未署名来源",
    "unnamed-short": "未署名",
    "undated": "日期不详",
    "year": "{year}年",
    "with-sources": "{sentence}{sources}",
    "figure": "{period}{value}{kind}（{by}）",
    "kind": "（{kind}）",
    "continued": "（续）",
    "continued-of": "（续，{n}/{m}）",
    "page-of": "{title}（{n}/{m}）",
    "backup-mark": "备用 · ",
    "notes-heading": "备注",
    "footer": "{title} · {date}",
    "divider-say": "{title}。",
    "appendix": "附录：备用幻灯片",
    "cover-title": "{zh}",
    "zone-kicker": "{place} · 第{order}个区域（共{n}个）",
    "zone-say": "{name_zh}是报告{title}所述{n}个区域中的第{order}个。",
    "cover-figures": "幻灯片上的每个数字都来自报告的数据；备注注明每个数字的来源和年份。",
    "city-title": "{city}全市",
    "city-title-none": "全市",
    "zone-subtitle": "{title}",
    "city-subtitle": "{title}",
    "city-none": "全市",
    "city-chapter": "全市概览",
    "both-names": "{zh}",
    "city-kicker": "全市概览",
    "city-summary": "全市数据、实现全市目标的路径、各区域概览，以及对文章说法的核对。",
    "city-say": "报告{title}的全市概览：全市数据、目标、{n}个区域的比较，以及对文章的核对。",
    "city-deck": "{zh}全市概览{en}",
    "city-deck-none": "",
    "agenda": "议程",
    "agenda-say": "本次报告的内容：{sections}。",
    "chart-trend": "{name}：{y0}{start}，{y1}{end}",
    "chart-count": "{name}：{n}个数据，{first}至{last}",
    "chart-sources": "，来自{n}个来源",
    "chart-unit": "{name}（{unit}）",
    "caption-source": "来源：{names}",
    "caption-more": "；另有{n}个，见备注",
    "caption-name": "{publisher}（{tier}）",
    "caption-marks": "{sources}{hollow}。",
    "caption-hollow": "；空心标记为目标数",
    "chart-what": "{name_zh}，单位：{unit}。",
    "chart-latest": "各数据（由近及远）：{figures}。",
    "chart-earlier": "报告中另有{count}。",
    "chart-window": "图中为最近{years}年的数据；报告中的图表另有更早的{earlier}个数据。",
    "chart-sides": "同一时期有两个来源给出数据时，二者并列绘出。",
    "chart-alt": "{name_zh}历年数据图，单位：{unit}",
    "figures-section": "数据",
    "city-figures-section": "全市数据",
    "targets": "目标与实际结果",
    "targets-say": "目标是否完成，只以同一时期的实际结果判断；此前的实际数只说明进展，不作结论。",
    "audit": "文章说法核对",
    "audit-unmarked": "没有来源被标记为所核对的文章（sources.csv中的role = claims），因此无可核对。",
    "audit-none": "文章在此没有涉及数字的说法。",
    "audit-text": "所核对的文章为{title}（{by}），属{tier}级来源。",
    "audit-method": "每项说法都与同一指标、同一口径、同一时期的其他所有来源对照；修订不算矛盾，只有注明日期的A级或B级来源才能印证。",
    "audit-more": "有问题的说法列在附录中。",
    "tile-corroborated": "得到印证",
    "tile-weak": "佐证不足",
    "tile-revised": "已被修订",
    "tile-conflict": "相矛盾或不符",
    "tile-unverified": "无法核实",
    "tile-missing": "未给出数值",
    "closing": "来源与延伸阅读",
    "closing-section": "来源",
    "closing-among": "其中包括：{names}。",
    "closing-audited": "所核对的文章：{title}（{by}）。",
    "closing-book": "每个数字及其来源原文，见报告中的{chapter}一章（{page}）。",
    "closing-data": "每张幻灯片所依据的数据随报告发布：data/observations.csv和data/readings.csv。",
    "closing-say": "每个来源的完整标题和网址列在附录中。",
    "key-figures": "主要数据",
    "key-figures-say": "每项指标的最新数据，列出给出该数据的每个来源，A级来源在前。",
    "key-figure": "{name}：{figure}。",
    "h-indicator": "指标",
    "h-latest": "最新数据",
    "h-period": "时期",
    "h-source": "来源",
    "h-tier": "等级",
    "h-zone": "区域",
    "h-article": "文章所称",
    "h-record": "记录",
    "h-verdict": "核对结论",
    "h-publisher": "发布者",
    "h-title": "标题",
    "h-published": "发布日期",
    "h-site": "网站",
    "h-figures": "数据个数",
    "h-claims": "说法项数",
    "h-conflict": "相矛盾",
    "h-other-name": "",
    "record": "{value}，{publisher}",
    "flagged": "相矛盾或未获证实的说法",
    "flagged-say": "与记录相矛盾：两个数字不可能同时成立。已被修订：文章所称为初步数，记录已作修订。相容但未经证实：记录所述不及文章"
    "所称。佐证较弱：只有未注明日期的来源或C级来源与之相符。",
    "sources": "来源",
    "sources-say": "来源等级：A级为官方机构和主流媒体；B级为转载于镜像网站的官方文本；C级为第三方和自媒体。PowerPoint文件中每个"
    "网站都链接到其来源。",
    "source-row": "{publisher}：{title}，{year}，{tier}级。",
    "audited-mark": "（所核对的文章）",
    "unnamed-cap": "未署名",
    "goal": "{name}：{year}年实现{target}之路",
    "goal-when": "{name}何时能达到{target}？",
    "goal-section": "目标",
    "goal-caption": "{name}实际值，以及自{year}年的{base}起按不变增速增长的路径。{sources}",
    "goal-caption-short": "{name}实际值，以及自{year}年起按不变增速增长的路径。来源见备注。",
    "goal-alt": "{name}及按不变增速实现目标的路径",
    "goal-actual": "{name}，每年的最佳数据：{figures}。",
    "goal-year": "{year}年{value}",
    "goal-sep": "；",
    "zones": "各区域概览",
    "zones-more": "各区域概览（{n}）",
    "zones-section": "各区域",
    "zone-row": "{order}. {name}",
    "zone-say-row": "{name}：{figures}个数据；{claims}。",
    "evidence": "证据多寡不一：{most}有{most_n}个数据，{least}仅有{least_n}个",
    "evidence-caption": "各区域有多少数字支撑，来自哪类来源。",
    "evidence-unit": "数据个数",
    "evidence-say": "各区域的数据按来源等级分列：A级为官方或主流来源，B级为镜像网站上的官方文本，C级为第三方或自媒体；灰色为文章"
    "承诺但未给出数值的数据。",
    "evidence-row": "{name}：{sources}个来源的{figures}个数据，涉及{indicators}项指标。",
    "evidence-alt": "各区域按来源等级划分的数据条形图",
    "tier-A": "A级来源",
    "tier-B": "B级来源",
    "tier-C": "C级来源（含所核对的文章）",
    "tier-gap": "有承诺、无数值",
    "verdicts": "文章说法在各区域的核对结果",
    "verdicts-caption": "文章的每个数字都与同一指标、同一时期的其他来源对照。",
    "verdicts-unit": "说法项数",
    "verdicts-say": "文章在各区域的说法，按核对结论分列，全市在前。",
    "verdicts-row": "{name}：{counts}。",
    "verdict-count": "{label}{n}项",
    "verdict-sep": "，",
    "verdicts-alt": "各区域核对结论条形图",
    "city-wide": "全市",
    "city-label": "全市",
    "zone-label": "{zh}",
}

TEMPLATES = {"en": EN, "zh": ZH}  # the languages of model.FOLDER

COUNTED_ZH = {"earlier figure": "{n}个更早的数据", "figure": "{n}个数据", "claim": "{n}项说法"}


def tidy(text: str) -> str:
    """Text for a slide: no space between a number and a Chinese unit (8,000亿元). Quotes stay as the data writes
    them (text from the data is printed as written, as in the book)."""
    return re.sub(r"(\d)\s+(?=[\u3400-\u9fff])", r"\1", text)


def cite(title: str, lang: str = "en") -> str:
    """A source's title in its own language's marks: 《…》 for a Chinese title (and any title in a Chinese deck), “…”
    otherwise, never doubled."""
    text = str(title).strip()
    while len(text) > 1 and (text[0], text[-1]) in (("《", "》"), ("«", "»"), ("“", "”"), ('"', '"')):
        text = text[1:-1].strip()
    return f"《{text}》" if CJK.search(text) or lang == "zh" else f"“{text}”"


class Voice:
    """The decks' words in one language, for one dataset (its Chinese names and readings built once)."""

    def __init__(self, ds, lang: str = "en"):
        if lang not in TEMPLATES:
            raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(TEMPLATES)}")
        self.lang = lang
        self.words = TEMPLATES[lang]
        self.edition = ds.edition
        self.chinese = None
        if lang == "zh":
            from zonebook.analysis.readings_zh import Chinese

            self.chinese = Chinese(ds)
        punctuate = language.punctuate if lang == "zh" else str
        self.publishers = {
            r["source"]: punctuate(language.text(r, "publisher", lang)[0]) for r in ds.sources.to_dict("records")
        }

    def __call__(self, key: str, **values) -> str:
        return tidy(self.words[key].format(**values))

    # --- what the analysis said ---------------------------------------------------------------

    def sentence(self, reading: readings.Reading) -> str:
        return reading.sentence if self.chinese is None else self.chinese.sentence(reading)

    def parts(self, reading: readings.Reading):
        return reading.parts() if self.chinese is None else self.chinese.parts(reading)

    def values(self, reading: readings.Reading) -> dict:
        """A reading's values as its sentence shows them in this language."""
        return reading.values if self.chinese is None else self.chinese.values(reading)

    # --- numbers, periods, dates, names -------------------------------------------------------

    def amount(self, value, decimals, bound, unit) -> str:
        return language.amount(value, int(decimals), bound, unit, self.lang)

    def cell(self, value, decimals, bound, unit) -> str:
        """A value with its unit in a table cell: in English its bound a symbol (>8,000 亿元); in Chinese in words, as
        the book's tables write it (超8000亿元, 50家以上, 第3位)."""
        if self.lang == "zh":
            return self.amount(value, decimals, bound, unit)
        return tidy(language.cell(value, int(decimals), bound, self.lang) + ("" if unit == "%" else " ") + unit)

    def period(self, period) -> str:
        return language.period(str(period), self.lang)

    def date(self, day: dt.date) -> str:
        return day.strftime("%-d %B %Y") if self.lang == "en" else language.date(day.isoformat(), "zh")

    def published(self, published) -> str:
        """A source's date of publication as a table shows it (the data's ISO date in English)."""
        return language.date(published, self.lang) if published else self.words["undated"]

    def year(self, published) -> str:
        return self("year", year=str(published)[:4]) if published else self.words["undated"]

    def name(self, row, column: str = "name_en") -> str:
        """A zone's or an indicator's name: English as the data writes it, Chinese with full-width punctuation."""
        if self.lang == "en":
            return str(getattr(row, column) if hasattr(row, column) else row[column])
        zh = column.replace("_en", "_zh")
        return language.punctuate(str(getattr(row, zh) if hasattr(row, zh) else row[zh]))

    def text(self, row, column: str) -> str:
        """A free text of the data (a zone's summary): the Chinese, or the English marked untranslated."""
        shown, translated = language.text(row, column, self.lang)
        return shown if translated else shown + language.UNTRANSLATED[self.lang]

    def publisher(self, source: str, publisher=None) -> str:
        """A source's publisher in this language (the English when it has no Chinese)."""
        return self.publishers.get(source) or publisher or ""

    def title(self) -> str:
        return self.edition.text("title", self.lang)[0] if self.lang == "zh" else self.edition.title["en"]

    def city(self) -> str:
        return self.edition.city[self.lang] or ""

    def cite(self, title: str) -> str:
        return cite(title, self.lang)

    def place(self) -> str:
        """The city on a zone deck's cover: both its names in English, its Chinese name in Chinese (else the title)."""
        names = self.edition.city
        shown = [names["en"], names["zh"]] if self.lang == "en" else [names[self.lang]]
        return " · ".join(n for n in shown if n) or self.title()

    def plural(self, n: int, one: str) -> str:
        return readings.plural(n, one) if self.lang == "en" else COUNTED_ZH[one].format(n=n)

    def kind(self, kind: str) -> str:
        """An estimate's or a target's mark after a figure; nothing for an actual."""
        if kind == "actual":
            return ""
        return self("kind", kind=kind if self.lang == "en" else templates_zh.KIND_LABELS[kind])

    def verdict(self, verdict: str) -> str:
        from zonebook.analysis import metrics

        return metrics.VERDICT_LABEL[verdict] if self.lang == "en" else templates_zh.VERDICT_LABELS[verdict]

    def claims(self, verdicts) -> str:
        """A zone's claims by verdict, as the speaker says them: "4 claims: 1 corroborated, 1 in conflict …"."""
        from zonebook.analysis import metrics
        from zonebook.report import tables

        if self.lang == "en":
            return tables.claims_in_brief(verdicts)
        counts = verdicts.value_counts()
        n = int(verdicts.isin(metrics.CLAIMS).sum())
        parts = [templates_zh.VERDICT_WORDS[v].format(n=int(counts[v])) for v in metrics.CLAIMS if counts.get(v, 0)]
        missing = int(counts.get("missing", 0))
        said = f"{n}项说法" + (f"：{language.join(parts, 'zh')}" if parts else "")
        return said + (f"；另有{missing}项未给出数值" if missing else "")

    def zone_label(self, zone: str, names: dict, sep: str = " ") -> str:
        """A zone's name on a chart's bar or in a count: both names in English decks, the Chinese in Chinese ones."""
        if zone == CITY:
            return self("city-label", sep=sep)
        en, zh = names[zone]
        return self("zone-label", en=en, zh=zh, sep=sep)
