"""Words and numbers per language: how a figure, a rate, a period or a date is written in each edition.

Rendering per language is a parameter (`lang="en"` or `"zh"`), never a second analysis. English keeps the
book's conventions (`amount` and `pct` here give exactly what `analysis.readings` prints today); Chinese
follows the usage of a 统计公报: no thousands separators, no space between a number and its unit
(7809.64亿元), 个百分点, 2026年2月25日, bounds as words (超, 以上, 约, 不超过, 低于), 《》 around titles and
full-width punctuation. The bilingual data columns are read with `text`, which says when a Chinese text is
missing so that a page can show the English marked as untranslated.
"""

from __future__ import annotations

import html
import re

from zonebook.data import TRANSLATED, format_value, written_in_chinese
from zonebook.edition import LANGUAGES  # the book's languages: one list, where book.yml is read

CHINESE_COLUMN = {en: zh for columns in TRANSLATED.values() for en, zh in columns.items()} | {"name_en": "name_zh"}

BOUND_WORD_EN = {
    "eq": "",
    "gt": "more than ",
    "ge": "at least ",
    "lt": "less than ",
    "le": "at most ",
    "approx": "about ",
}
# a bound in a Chinese sentence: a word before the figure, or one after it (10亿美元以上)
BOUND_WORD_ZH = {
    "eq": ("", ""),
    "gt": ("超", ""),
    "ge": ("", "以上"),
    "lt": ("低于", ""),
    "le": ("不超过", ""),
    "approx": ("", "左右"),
}
QUARTERS_ZH = {"1": "一季度", "2": "二季度", "3": "三季度", "4": "四季度"}
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

_PERIOD = re.compile(r"^(?P<start>[0-9]{4})(?:Q(?P<q>[1-4])|-(?P<end>[0-9]{4}))?$")
_DATE = re.compile(r"^(?P<year>[0-9]{4})(?:-(?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2}))?)?$")


def _check(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGUAGES)}")


def number(value: float, decimals: int, lang: str = "en") -> str:
    """A plain number at its own precision, at most `decimals` places: 6,013 in English, 6013 in Chinese."""
    _check(lang)
    text = format_value(value, decimals, "eq")
    return text if lang == "en" else text.replace(",", "")


def cell(value: float, decimals: int, bound: str = "eq", lang: str = "en") -> str:
    """A value in a table cell, its bound a symbol (data.format_value): ">8,000" / ">8000", "—" where it is missing."""
    _check(lang)
    text = format_value(value, decimals, bound)
    return text if lang == "en" else text.replace(",", "")


def figure(value: float, decimals: int, bound: str = "eq", lang: str = "en", unit: str = "") -> str:
    """A figure as a chart labels it, beside its axis' unit: its bound a symbol in English (data.format_value: ≤20,
    >8,000), words in Chinese (不超过20, 超8000, 10以上, 5.5左右; a rank 第3, 前20)."""
    if lang == "en":
        return format_value(value, decimals, bound)
    text = amount(value, decimals, bound, unit, lang)
    return text.replace(unit, "", 1) if unit else text


def amount(value: float, decimals: int, bound: str, unit: str, lang: str = "en") -> str:
    """A figure in a sentence, its bound in words: "more than 8,000 亿元" / "超8000亿元", "5.5%" / "约5.5%"."""
    shown = number(value, decimals, lang)
    if lang == "en":
        return f"{BOUND_WORD_EN.get(bound, '')}{shown}{'' if unit == '%' else ' '}{unit}"
    if unit == "位":  # a rank: 第3位, 前20位
        return {"le": f"前{shown}位", "lt": f"前{shown}位以内"}.get(bound, f"第{shown}位")
    if bound == "gt" and float(value) == 0:  # 正增长 and the like: 高于0%, not 超0%
        return f"高于0{unit}"
    before, after = BOUND_WORD_ZH.get(bound, ("", ""))
    return f"{before}{shown}{unit}{after}"


def pct(rate: float, signed: bool = False, decimals: int = 1, lang: str = "en") -> str:
    """A rate in per cent: "5.3%", signed "+5.3%" / "−2.1%" (Chinese text uses the ASCII hyphen-minus)."""
    _check(lang)
    text = f"{abs(rate):.{decimals}f}%"
    zero = round(rate, decimals) == 0
    minus = "−" if lang == "en" else "-"
    if not signed or zero:
        return text if rate >= 0 or zero else f"{minus}{text}"
    return f"{'+' if rate > 0 else minus}{text}"


def change(rate: float, decimals: int = 1, lang: str = "zh") -> str:
    """A growth rate as a 公报 states it: 增长5.3%, 下降2.1%, 持平 (English: +5.3%, −2.1%, 0.0%)."""
    if lang == "en":
        return pct(rate, signed=True, decimals=decimals)
    if round(rate, decimals) == 0:
        return "持平"
    return f"{'增长' if rate > 0 else '下降'}{abs(rate):.{decimals}f}%"


def points(change: float, lang: str = "en") -> str:
    """A difference of two shares: "1.2 percentage points" / "1.2个百分点" (unsigned: the sentence says which way)."""
    _check(lang)
    text = f"{abs(change):.1f}"
    if lang == "zh":
        return f"{text}个百分点"
    return f"{text} percentage point{'' if text == '1.0' else 's'}"


def period(text: str, lang: str = "en") -> str:
    """A period of the data: 2025 → 2025年, 2025Q1 → 2025年一季度, 2021-2025 → 2021—2025年 (English: unchanged)."""
    _check(lang)
    text = str(text)
    m = _PERIOD.fullmatch(text)
    if lang == "en" or not m:
        return text
    if m["q"]:
        return f"{m['start']}年{QUARTERS_ZH[m['q']]}"
    if m["end"]:
        return f"{m['start']}—{m['end']}年"
    return f"{m['start']}年"


def date(text: str, lang: str = "en", style: str = "iso") -> str:
    """A date of the data (YYYY, YYYY-MM or YYYY-MM-DD): 2026年2月25日 in Chinese; English keeps ISO (the book's
    convention) or, with style="long", 25 February 2026."""
    _check(lang)
    m = _DATE.fullmatch(str(text))
    if not m or (lang == "en" and style == "iso"):
        return str(text)
    year, month, day = m["year"], m["month"] and int(m["month"]), m["day"] and int(m["day"])
    if lang == "zh":
        return f"{year}年" + (f"{month}月" if month else "") + (f"{day}日" if day else "")
    return " ".join(str(p) for p in (day, month and MONTHS_EN[month - 1], year) if p)


def title(text: str, lang: str = "en") -> str:
    """The title of a publication or an article: 《…》 in Chinese, «…» in English (the decks' convention)."""
    _check(lang)
    return f"《{text}》" if lang == "zh" else f"«{text}»"


def quote(text: str, lang: str = "en") -> str:
    """Words quoted from a source: “…” in Chinese, «…» in English (the audit's convention)."""
    _check(lang)
    return f"“{text}”" if lang == "zh" else f"«{text}»"


def join(items, lang: str = "en") -> str:
    """A list in a sentence: "a, b, c" / "a、b、c"."""
    _check(lang)
    return ("、" if lang == "zh" else ", ").join(str(i) for i in items)


_URL = re.compile(r"https?://\S+")
_HALF = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"}
_BETWEEN_DIGITS = re.compile(r"(?<=[0-9])[,:](?=[0-9])")


def punctuate(text: str) -> str:
    """Chinese text with full-width punctuation: , ; : ( ) ! ? become ，；：（）！？ — except in web addresses and
    between digits (1,000 and 12:30 stay)."""
    out, at = [], 0
    for url in _URL.finditer(text):
        out.append(_full_width(text[at : url.start()]))
        out.append(url[0])
        at = url.end()
    out.append(_full_width(text[at:]))
    return "".join(out)


def _full_width(part: str) -> str:
    keep = {m.start() for m in _BETWEEN_DIGITS.finditer(part)}
    return "".join(c if i in keep else _HALF.get(c, c) for i, c in enumerate(part))


# --- the bilingual columns ------------------------------------------------------------------------


def _get(row, column: str) -> str:
    value = row.get(column, "") if hasattr(row, "get") else getattr(row, column, "")
    return "" if value is None or value != value else str(value)  # NaN != NaN


def text(row, column: str, lang: str = "en") -> tuple[str, bool]:
    """A free-text field of a data row in a language, and whether it is in that language.

    `column` is the English column (`summary_en`, `description_en`, `note`, `publisher`, `name_en`); `row` a
    pandas row, a dict or a named tuple. In Chinese, the `_zh` column's text, else the English text with
    `translated` False, so that the page can mark it; an empty English field, or one in Chinese already
    (`data.written_in_chinese`), needs no translation.
    """
    _check(lang)
    english = _get(row, column)
    if lang == "en":
        return english, True
    chinese = _get(row, CHINESE_COLUMN.get(column, f"{column}_zh")).strip()
    if chinese or not english:
        return chinese, True
    return english, written_in_chinese(english)  # a name the data gives only in Chinese needs no translation


UNTRANSLATED = {"zh": "（未翻译）"}


def html_text(row, column: str, lang: str = "en") -> str:
    """`text` as escaped HTML; an untranslated field is tagged lang="en" and marked （未翻译）."""
    return html_marked(*text(row, column, lang), lang)


def html_marked(shown: str, translated: bool, lang: str) -> str:
    """A text as escaped HTML in a page of `lang`: as it is if translated, else tagged lang="en" and marked."""
    if translated:
        return html.escape(shown)
    return f'<span lang="en" class="zb-untranslated">{html.escape(shown)}</span>{UNTRANSLATED[lang]}'
