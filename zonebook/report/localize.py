"""A model table in another language (report.model.Table → Table): its headers, the words of its cells (kinds,
verdicts, issues), the data's names (an indicator's, a zone's, a publisher's) and notes from their Chinese columns,
and each figure written the language's way (超8000亿元, 50家以上) from the observation the row rests on
(`Row.lines`: the first line is the row's own figure, the second its record's). The periods and the sources' own
words stay as they are; a name or note without its Chinese is kept and marked.

Every header of `report.tables` has its Chinese here (tests/test_localize.py checks it), so a new column can
never reach the Chinese edition in English unnoticed.
"""

from __future__ import annotations

import dataclasses

from zonebook import frames
from zonebook import lang as words
from zonebook.analysis import metrics, readings, templates_zh
from zonebook.report.model import Row, Table
from zonebook.report.tables import badge, breakable

HEADERS_ZH = {
    "Bound": "限定",
    "Claimed": "文章所称",
    "Article claims": "文章说法",
    "Figures": "数据",
    "Figure": "数值",
    "Latest": "最新数值",
    "Numbers missing": "未给出数值",
    "Indicators": "指标",
    "Indicator": "指标",
    "Target": "目标",
    "Issue": "问题",
    "Actual / estimate / target": "实际数 / 预计数 / 目标数",
    "Kind": "类型",
    "中文": "中文",
    "English": "英文名称",
    "Note": "备注",
    "Period": "时期",
    "The article's words": "文章原文",
    "The source's words": "来源原文",
    "Reading": "解读",
    "The claim and the record": "说法与记录",
    "The record's words": "记录原文",
    "Record's source": "记录来源",
    "Tier": "等级",
    "Recorded": "记录数值",
    "Series": "数列",
    "Series (3+ periods)": "数列（三个时期以上）",
    "Source title": "来源标题",
    "Source (tier)": "来源（等级）",
    "What the article says": "文章所述",
    "Tier A / B / C": "A级 / B级 / C级",
    "Unit": "单位",
    "Link": "链接",
    "Value": "数值",
    "Verdict": "核查结论",
    "Year": "年份",
    "Zone": "区域",
}
WORDS_ZH = {  # whole cells that are the report's own words
    "actual": templates_zh.KIND_LABELS["actual"],
    "estimate": templates_zh.KIND_LABELS["estimate"],
    "target": templates_zh.KIND_LABELS["target"],
    **templates_zh.ISSUES,
    "City-wide": "全市",
}
FIGURE_COLUMNS = {"figure": 0, "claimed": 0, "recorded": 1}  # a column showing a figure → which of Row.lines it is
EMPTY_ZH = "没有可列出的内容。"
NAME_COLUMNS = ("indicator", "record_source", "source", "zone")


def names_zh(ds) -> dict[str, str]:
    """The data's names as the English tables print them → their Chinese (marked when the data has none)."""
    found = {}
    for row in frames.rows(ds.indicators):
        found[readings.label(row)] = row.name_zh or row.name_en
    for row in frames.rows(ds.zones):
        found[row.name_en] = row.name_zh or row.name_en
    for row in frames.rows(ds.sources):
        english = row.publisher or row.source
        chinese, translated = words.text(row, "publisher", "zh")
        shown = chinese if translated else f"{english}{words.UNTRANSLATED['zh']}"
        found[f"{english} ({row.tier})"] = f"{shown}（{row.tier}级）"
        found[english] = shown
    return found


def figure(obs, lang: str) -> str:
    """An observation's figure with its unit and bound, as `lang` writes it."""
    return words.amount(float(obs["value"]), int(obs["decimals"]), obs["bound"], obs["unit"], lang)


def table(t: Table, lang: str, ds, sentences: dict[str, tuple[str, str]] | None = None) -> Table:
    """`t` in `lang` ("en": `t` itself). `sentences`: the readings its cells print, English sentence → (the
    sentence, its HTML) in `lang`."""
    sentences = sentences or {}
    if lang == "en":
        return t
    names = names_zh(ds)
    by_line = ds.observations.set_index("line")
    columns = tuple(dataclasses.replace(c, header=HEADERS_ZH.get(c.header, c.header)) for c in t.columns)
    verdict_of = {label: v for v, label in metrics.VERDICT_LABEL.items()}
    rows = []
    for row in t.rows:
        cells = dict(row.cells)
        markup = dict(row.markup)
        for key, value in row.cells.items():
            if not isinstance(value, str):
                continue
            if value in sentences:
                cells[key], html_text = sentences[value]
                if key in markup:
                    markup[key] = html_text
            elif key in NAME_COLUMNS and value in names:
                cells[key] = names[value]
                markup.pop(key, None)
            elif value in WORDS_ZH:
                cells[key] = WORDS_ZH[value]
            elif key in FIGURE_COLUMNS and value != "—" and len(row.lines) > FIGURE_COLUMNS[key]:
                cells[key] = figure(by_line.loc[row.lines[FIGURE_COLUMNS[key]]], lang)
                markup[key] = breakable(cells[key])
            elif key == "note" and value and row.lines:
                cells[key], translated = words.text(by_line.loc[row.lines[0]], "note", lang)
                markup[key] = words.html_marked(cells[key], translated, lang)
            elif key == "verdict" and value in verdict_of:
                cells[key] = templates_zh.VERDICT_LABELS[verdict_of[value]]
                if key in markup:
                    markup[key] = badge(verdict_of[value], cells[key])
        rows.append(Row(cells, markup, lines=row.lines))
    return dataclasses.replace(t, columns=columns, rows=tuple(rows), empty=EMPTY_ZH, caption="")
