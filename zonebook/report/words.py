"""The book's own words in each language: every text a page prints that is neither a reading (analysis.readings and
analysis.templates_zh), a table header (report.localize) nor a slide's (decks.words) — toggles, empty states,
pointers, the "What changed" page. One template per key in each language, with the same placeholders
(`tests/test_report_words.py` checks the keys and placeholders match), so an edition in a third language is a third
dictionary here. The values filled in are escaped by the caller where they are HTML.
"""

from __future__ import annotations

EN = {
    # tables
    "table-all": "Show all {n} rows",
    "table-first": "Show the first {n} rows only",
    "table-this": "this table",
    "table-csv": "Download CSV",
    "download-title": "{what} as CSV, with the sources and their words",
    "quotes-summary": "The sources' own words for every figure ({n})",
    # charts: what a chart's download holds
    "chart-data": "this chart's figures",
    "chart-figures": "the chart's figures",
    "chart-counts": "the chart's counts",
    "no-charts": "No indicator here has figures for two periods of one length (two years, two quarters or two spans "
    "of as many years), so nothing is charted; the key figures above and the sources' words below list every figure.",
    # empty states
    "no-readings": "No indicator here has two full-year figures of a level, flow or share, nor a target, so nothing "
    "is computed.",
    "no-goal": "This edition names no goal for the city (book.yml has no <code>goal</code>).",
    "no-target-year": "This edition names no target year (book.yml has no <code>target_year</code>).",
    "no-conflicts": "No claim conflicts with the record or rests on weak support.",
    "no-missing": "Every figure the article announces has a number.",
    "no-no-figure": "Every clause of the article that reads like a result announces its figure.",
    # the city's page
    "goal": "{city}'s stated goal is to become {goal} by {year}. How far off is it, and when would each growth path "
    "get there?",
    "goal-city": "The city",
    "targets": "The targets set for {year}.",
    # a chapter's opening
    "in-brief": "In brief",
    "claims-missing": "; {n} announced without a number",  # after a zone's claims, in the zones' table
    "gap-item": "{name_en} ({name_zh}): {quote}",
    # pointers
    "this-edition": '<b>This edition:</b> {summary} <a href="changes.html">What changed</a>',
    "decks": 'To present this in a seminar: <a href="{up}slides/{stem}.pptx" download>PowerPoint deck</a> '
    "(PowerPoint or WPS; editable charts, speaker notes with every figure and its source) · "
    '<a href="{up}slides/{stem}.html">slides in the browser</a> (works offline; press S for the speaker view).',
    # the "What changed" page (Markdown)
    "changes-title": "What changed",
    "changes-first": "This is the first build of the report: there is no earlier published build to compare with.",
    "changes-unreadable": "The last published build's data could not be read for comparison ({n} problems), so "
    "changes are not listed.",
    "changes-none": "No figure changed since the last published build.",
    "changes-since": "Since the last published build: **{added}** {figures} added, **{revised}** revised and "
    "**{removed}** removed.",
    "changes-rule": "A figure is revised when a row keeps its indicator, period, source and kind but changes its "
    "value, bound, quote or note; where a revision is finer than the decimals shown, both values are given in full.",
    "changes-added": "Added",
    "changes-revised": "Revised",
    "changes-removed": "Removed",
    "changes-head": "| Indicator | Period | Source | Kind | ",
    "changes-was": "Was | Now | Changed |",
    "changes-figure": "Figure |",
    "changes-missing": "(missing)",
    "changes-city": "City-wide",
}

ZH = {
    "table-all": "显示全部{n}行",
    "table-first": "只显示前{n}行",
    "table-this": "本表",
    "table-csv": "下载CSV",
    "download-title": "{what}（CSV格式，附来源及其原文）",
    "quotes-summary": "各项数据的来源原文（{n}条）",
    "chart-data": "本图数据",
    "chart-figures": "本图数据",
    "chart-counts": "本图计数",
    "no-charts": "本部分没有指标具有同一时期长度的两个时期（两年、两个季度或两个等长的跨年区间）的数据，因此不绘制图表；"
    "上文的主要数据和下文的来源原文列出了全部数据。",
    "no-readings": "本部分没有指标具有两个完整年度的时点数、时期数或比重数据，也没有目标数，因此没有计算结果。",
    "no-goal": "本版未设定城市目标（book.yml中没有<code>goal</code>）。",
    "no-target-year": "本版未设定目标年份（book.yml中没有<code>target_year</code>）。",
    "no-conflicts": "没有与记录相矛盾或佐证较弱的说法。",
    "no-missing": "文章提及的每项数据都给出了数值。",
    "no-no-figure": "文章中凡是表述成果的语句，都给出了相应数字。",
    "goal": "{city}的目标是到{year}年成为“{goal}”。距离目标还有多远？按各种增长路径，何时能够达到？",
    "goal-city": "本市",
    "targets": "{year}年的目标数。",
    "in-brief": "要点",
    "claims-missing": "；另有{n}项只有说法而未给出数值",
    "gap-item": "{name_zh}：{quote}",
    "this-edition": '<b>本版：</b>{summary}<a href="changes.html">数据变动</a>',
    "decks": '在研讨会上演示：<a href="{up}slides/{stem}.pptx" download>PowerPoint演示文稿</a>'
    "（PowerPoint或WPS；图表可编辑，备注注明每个数字及其来源）· "
    '<a href="{up}slides/{stem}.html">在浏览器中放映</a>（可离线使用；按S键打开演讲者视图）。',
    "changes-title": "数据变动",
    "changes-first": "这是本报告的首次构建，此前没有已发布的版本可供比较。",
    "changes-unreadable": "上一次发布版本的数据无法读取（{n}处问题），因此未列出变化。",
    "changes-none": "与上一次发布的版本相比，没有任何数据发生变化。",
    "changes-since": "与上一次发布的版本相比：新增**{added}**个数据，修订**{revised}**个，删除**{removed}**个。",
    "changes-rule": "某行数据的指标、时期、来源和类型不变，而数值、限定、原文或备注有变动，即视为修订；修订幅度小于所显示的小数位"
    "时，新旧数值均按全部位数列出。",
    "changes-added": "新增",
    "changes-revised": "修订",
    "changes-removed": "删除",
    "changes-head": "| 指标 | 时期 | 来源 | 类型 | ",
    "changes-was": "原数值 | 现数值 | 变动字段 |",
    "changes-figure": "数值 |",
    "changes-missing": "（缺数值）",
    "changes-city": "全市",
}

TEMPLATES = {"en": EN, "zh": ZH}
OPTIONAL = {  # placeholders a language may leave out
    ("changes-since", "figures"),  # Chinese has no plural
    ("gap-item", "name_en"),  # the Chinese edition names an indicator in Chinese only
}


def say(key: str, lang: str = "en", **values) -> str:
    """The template `key` in `lang`, filled with `values` (a placeholder a language does not use is ignored)."""
    return TEMPLATES[lang][key].format(**values)
