"""A reading in Chinese: its Chinese values, computed from the values of the English reading, and its sentence.

`readings` computes each reading once and keeps its values as the English sentence shows them (amounts with
their bound in words, rates, plurals, names). `values` reads each of them back through the exact shapes that
`readings` and `lang` write (a figure, a rate, a count, a nested template) and writes it again in Chinese, names
taken from the data's Chinese columns; nothing is computed again. A value whose shape it does not know raises
`Untranslatable`, so that a new English wording fails the tests instead of leaking English into the Chinese
edition.
"""

from __future__ import annotations

import html
import re
import string

from zonebook import frames, lang
from zonebook.analysis import readings, templates_zh
from zonebook.data import BOUND_SYMBOL

NUMBER = r"-?[0-9][0-9,]*(?:\.[0-9]+)?"
BOUND_OF_WORD = {word: bound for bound, word in lang.BOUND_WORD_EN.items() if word}
BOUND_OF_SYMBOL = {symbol: bound for bound, symbol in BOUND_SYMBOL.items() if symbol}
_AMOUNT = re.compile(
    rf"^(?P<word>{'|'.join(BOUND_OF_WORD)}|{'|'.join(templates_zh.QUALIFIED)})?"
    rf"(?P<symbol>[{''.join(BOUND_OF_SYMBOL)}])?(?P<number>{NUMBER})(?: ?(?P<unit>.+))?$"
)
_RATE = re.compile(rf"^(?P<q>{'|'.join(templates_zh.QUALIFIED)})?(?P<sign>[+−])?(?P<number>[0-9.]+)%$")
_COUNT = re.compile(r"^(?P<n>[0-9]+) (?P<noun>.+?)s?$")


class Untranslatable(ValueError):
    """An English value whose shape the Chinese rendering does not know."""


def _fail(what: str, text) -> Untranslatable:
    return Untranslatable(f"no Chinese for the {what} {text!r}")


# --- the values, one shape each --------------------------------------------------------------------------


def figure(text: str) -> str:
    """An amount (readings.amount, or a shown value with its bound symbol): "more than 8,000 亿元" → 超8000亿元."""
    m = _AMOUNT.fullmatch(str(text))
    if not m:
        raise _fail("figure", text)
    bound = BOUND_OF_WORD.get(m["word"] or "") or BOUND_OF_SYMBOL.get(m["symbol"] or "") or "eq"
    if m["word"] in templates_zh.QUALIFIED and m["word"] not in BOUND_OF_WORD:
        return _bounded(figure(text[len(m["word"]) :]), m["word"])
    number = m["number"].replace(",", "")
    return lang.amount(float(number), _places(number), bound, m["unit"] or "", "zh")


def _places(number: str) -> int:
    return len(number.partition(".")[2])


def rate(text: str, verb: bool = False) -> str:
    """A rate with its qualifier, the qualifier as a bound: "at least +5.3%" → 增长5.3%以上 (with `verb`) or 5.3%以上;
    "at most +0.7%" → 增长不超过0.7%; "roughly −2.0%" → 下降2.0%左右; "at least −2.0%" → 下降不超过2.0%."""
    m = _RATE.fullmatch(str(text))
    if not m:
        raise _fail("rate", text)
    value = float(m["number"]) * (-1 if m["sign"] == "−" else 1)
    places = _places(m["number"])
    q = m["q"] or ""
    if not verb:
        return _bounded(lang.pct(value, signed=m["sign"] == "+", decimals=places, lang="zh"), q)
    shown = lang.change(value, places, "zh")  # 增长5.3%, 下降2.1%, 持平
    if shown == "持平":
        return ("大致" if q else "") + shown
    return shown[:2] + _bounded(shown[2:], _of_size(q, shown.startswith("下降")))


def _of_size(qualifier: str, falling: bool) -> str:
    """A bound on a signed change as a bound on its size: at least −2% is a fall of at most 2%."""
    swap = {"at least ": "at most ", "at most ": "at least "}
    return swap.get(qualifier, qualifier) if falling else qualifier


def _bounded(shown: str, qualifier: str) -> str:
    before, after = templates_zh.QUALIFIED.get(qualifier, ("", ""))
    return f"{before}{shown}{after}"


def prices(text: str) -> str:
    """A price change: "+2.3%" → 上涨2.3%, "−0.4%" → 下降0.4%, "0.0%" → 持平."""
    shown = rate(text, verb=True)
    return shown.replace("增长", "上涨")


def period(text) -> str:
    return lang.period(str(text), "zh")


def periods(text: str, sep: str) -> str:
    parts = [period(p) for p in str(text).split(sep)]
    return "和".join(parts) if len(parts) == 2 else lang.join(parts, "zh")


def count(text) -> str:
    """readings.plural: "12 more figures" → 12个数据; a bare number stays a number."""
    if isinstance(text, int) or str(text).isdigit():
        return str(text)
    m = _COUNT.fullmatch(str(text))
    noun = m and (m["noun"] if m["noun"] in templates_zh.COUNTED else m["noun"] + "s")
    if not m or noun not in templates_zh.COUNTED:
        raise _fail("count", text)
    return templates_zh.COUNTED[noun].format(n=m["n"])


def points(text: str) -> str:
    m = re.fullmatch(rf"(?P<q>{'|'.join(templates_zh.QUALIFIED)})?(?P<n>[0-9.]+) percentage points?", str(text))
    if not m:
        raise _fail("points", text)
    return _bounded(lang.points(float(m["n"]), "zh"), m["q"] or "")


def points_change(text: str) -> str:
    """trend-points' change: "no change" → 持平, "up 1.2 percentage points" → 提高1.2个百分点."""
    if text == "no change":
        return "持平"
    m = re.fullmatch(rf"(?P<q>{'|'.join(templates_zh.QUALIFIED)})?(?P<way>up|down) (?P<rest>.+)", str(text))
    if not m:
        raise _fail("change", text)
    way = "提高" if m["way"] == "up" else "下降"
    return way + _bounded(points(m["rest"]), _of_size(m["q"] or "", m["way"] == "down"))


def difference(text: str) -> str:
    """readings.difference: "about 2 亿元 (1.5%)" → 约2亿元（1.5%）, "1.0 percentage point" → 1.0个百分点."""
    about = "约" if text.startswith("about ") else ""
    text = text.removeprefix("about ")
    if "percentage point" in text:
        return about + points(text)
    m = re.fullmatch(r"(?P<amount>.+?)(?: \((?P<share>[0-9.]+%)\))?", text)
    share = f"（{m['share']}）" if m["share"] else ""
    return about + figure(m["amount"]) + share


def margin(text: str) -> str:
    if text in ("", "something"):
        return ""
    if text.startswith(" by "):
        return "，相差" + difference(text.removeprefix(" by "))
    return difference(text)


def when(text: str) -> str:
    m = re.fullmatch(r"(?P<not>not by |in )(?P<year>[0-9]{4})(?P<latest> at the latest)?", str(text))
    if not m:
        raise _fail("time", text)
    if m["not"] == "not by ":
        return f"到{m['year']}年仍达不到目标"
    return f"{'最迟' if m['latest'] else ''}将于{m['year']}年达到目标"


def reason(text: str) -> str:
    for english, chinese in templates_zh.REASONS.items():
        pattern = re.escape(english).replace(re.escape("{years}"), "(?P<years>[0-9]+)")
        m = re.fullmatch(pattern, str(text))
        if m:
            return chinese.format(**m.groupdict())
    raise _fail("reason", text)


def changes(text: str) -> str:
    """path-prices' changes: "+2.3% in 2021, +1.1% in 2022" → 2021年上涨2.3%、2022年上涨1.1%."""
    items = []
    for part in str(text).split(", "):
        m = re.fullmatch(r"(?P<rate>.+) in (?P<year>[0-9]{4})", part)
        if not m:
            raise _fail("price change", part)
        items.append(f"{m['year']}年{prices(m['rate'])}")
    return lang.join(items, "zh")


def looked_up(table: dict[str, str], what: str):
    def convert(text: str) -> str:
        if str(text) not in table:
            raise _fail(what, text)
        return table[str(text)]

    return convert


# --- which shape each placeholder holds -------------------------------------------------------------------

PERIODS = ("y0", "y1", "year", "period", "base_year", "goal_year", "since", "record_period", "real_year", "price_year")
FIGURES = ("start", "end", "target", "actual", "claim", "record", "goal", "base")
NESTED = {  # placeholders that hold another template, formatted: the templates they may hold
    "last": ("trend-last",),
    "caveat": ("caveat-comparable",),
    "needs": ("needs-growth", "needs-one-year"),
    "also": ("audit-weak-also", "audit-revised-also"),
    "nofigure": ("summary-nofigure", "summary-nofigure-one"),
    "missing": ("summary-part-claims-missing", "takeaway-claims-missing"),
}


def _shapes(names: _Names) -> dict:
    shapes = {
        **dict.fromkeys(PERIODS, period),
        **dict.fromkeys(FIGURES, figure),
        **dict.fromkeys(("claims", "missing", "most_n", "least_n", "figures", "indicators", "sources"), count),
        **dict.fromkeys(("places", "n", "a", "b", "c", "series", "estimate"), count),
        "lead": names.label,
        "related": names.label,
        "example": names.indicator,
        "most": names.zone,
        "least": names.zone,
        "publisher": names.publisher,
        "about": names.about,
        "quote": str,
        "rate": lambda t: rate(t, verb=True),
        "real": rate,
        "nominal": rate,
        "prices": prices,
        "how": looked_up(templates_zh.HOW, "basis"),
        "change": points_change,
        "gap": points,
        "margin": margin,
        "planned": looked_up(templates_zh.PLANNED, "plan"),
        "plan_word": looked_up(templates_zh.PLAN_WORD, "plan"),
        "plan_noun": looked_up(templates_zh.PLAN_WORD | {"estimate": "预计"}, "plan"),
        "side": looked_up(templates_zh.SIDES, "side"),
        "when": when,
        "reason": reason,
        "path": looked_up(templates_zh.PATH_NAMES, "path"),
        "changes": changes,
        "mean_word": looked_up({"": "", ", their average": "（取其平均值）"}, "average"),
        "dropped": lambda t: periods(t, ", "),
        "issue": looked_up(templates_zh.ISSUES, "issue"),
        "counts": _counts,
        "where": looked_up(templates_zh.WHERE, "part"),
        "values": lambda t: lang.join((figure(v) for v in str(t).split(", ")), "zh"),
        "value": figure,
    }
    return shapes


OVERRIDES = {  # (template, placeholder): a shape other than the placeholder's usual one
    ("summary-part-evidence", "actual"): count,
    ("summary-part-evidence", "target"): count,
    ("path-target", "real"): figure,
    ("needs-growth", "how"): looked_up(
        {"": "", " (nominal)": "（按现价计算）", " (real)": "（按可比价计算）"}, "basis"
    ),
    ("needs-growth", "rate"): rate,
    ("path-needed", "rate"): rate,
    ("needs-one-year", "rate"): rate,
    ("inconsistency-same-figure", "periods"): lambda t: periods(t, " and "),
    ("summary-inconsistency", "periods"): lambda t: periods(t, ", "),
}


def _counts(text: str) -> str:
    """summary-audit's counts: "30 corroborated, 5 with weak support only" → 得到印证的30项、仅有较弱佐证的5项."""
    if text == "none checked":
        return templates_zh.NONE_CHECKED
    words = {english: templates_zh.VERDICT_WORDS[v] for v, english in readings.VERDICT_WORDS.items()}
    out = []
    for part in str(text).split(", "):
        n, _, english = part.partition(" ")
        if english not in words or not n.isdigit():
            raise _fail("verdict count", part)
        out.append(words[english].format(n=n))
    return lang.join(out, "zh")


class _Names:
    """The Chinese names of the data: indicators, zones and publishers, found by the English text a value shows."""

    def __init__(self, ds):
        ind = ds.indicators
        self.labels = {f"{r.name_en} ({r.name_zh})": lang.punctuate(r.name_zh) for r in frames.rows(ind)}
        self.indicators = {r.name_en: lang.punctuate(r.name_zh) for r in frames.rows(ind)}
        self.zones = {}
        for r in frames.rows(ds.zones):
            en = r.name_en
            self.zones[en] = self.zones["the" + en[3:] if en.startswith("The ") else en] = lang.punctuate(r.name_zh)
        self.publishers = {}
        for r in ds.sources.to_dict("records"):
            shown, _ = lang.text(r, "publisher", "zh")
            self.publishers.setdefault(r["publisher"] or r["source"], lang.punctuate(shown) or r["source"])

    def label(self, text):
        return looked_up(self.labels, "indicator")(text)

    def indicator(self, text):
        return looked_up(self.indicators, "indicator")(text)

    def zone(self, text):
        return looked_up(self.zones, "zone")(text)

    def publisher(self, text):
        return looked_up(self.publishers, "publisher")(text)

    @staticmethod
    def about(text: str) -> str:
        m = re.fullmatch(r"tier (?P<tier>[A-Z]), (?P<date>.+)", str(text))
        if not m:
            raise _fail("source tier", text)
        when = templates_zh.UNDATED if m["date"] == "undated" else lang.date(m["date"], "zh")
        return f"{templates_zh.TIER.format(tier=m['tier'])}，{when}"


def _placeholders(template: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]


def _unformat(template: str, text: str) -> dict | None:
    """The values a formatted English template was filled with, or None if `text` is not that template."""
    pattern, names = "", []
    for literal, name, _, _ in string.Formatter().parse(template):
        pattern += re.escape(literal)
        if name is not None:
            pattern += f"(?P<{name}>.*?)" if name not in names else f"(?P={name})"
            names.append(name)
    m = re.fullmatch(pattern, text, re.S)
    return m.groupdict() if m else None


def _convert(template: str, values: dict, shapes: dict) -> dict:
    out = {}
    for name in dict.fromkeys(_placeholders(readings.TEMPLATES[template])):
        value = values[name]
        if name in NESTED and not (template == "summary-audit" and name == "missing"):
            out[name] = _nested(NESTED[name], value, shapes)
            continue
        shape = OVERRIDES.get((template, name)) or shapes.get(name)
        if shape is None:
            raise _fail(f"placeholder {name} of", template)
        out[name] = shape(value)
    if "about" in out:  # a source's tier and date in brackets after it, inside its own if it has some
        publisher = out.get("publisher", "")
        if publisher.endswith("）"):
            out["publisher"], out["about"] = publisher[:-1], f"；{out['about']}）"
        else:
            out["about"] = f"（{out['about']}）"
    return out


def _nested(candidates: tuple[str, ...], text: str, shapes: dict) -> str:
    if text == "":
        return ""
    for key in candidates:
        found = _unformat(readings.TEMPLATES[key], text)
        if found is not None:
            return templates_zh.TEMPLATES[key].format(**_convert(key, found, shapes))
    raise _fail(f"clause ({' or '.join(candidates)})", text)


# --- what the renderers call ----------------------------------------------------------------------------


class Chinese:
    """The Chinese rendering of a dataset's readings: build once per dataset, then ask it for each reading."""

    def __init__(self, ds):
        self.shapes = _shapes(_Names(ds))

    def values(self, reading: readings.Reading) -> dict:
        """The Chinese values of a reading: the placeholders of its Chinese template, filled."""
        return _convert(reading.template, reading.values, self.shapes)

    def sentence(self, reading: readings.Reading) -> str:
        return templates_zh.TEMPLATES[reading.template].format(**self.values(reading))

    def parts(self, reading: readings.Reading):
        """Like Reading.parts: the Chinese sentence as (text, bold) segments, the lead (or the values in
        readings.BOLD) in bold; what the pages' HTML and the decks' runs are drawn from."""
        values, bold = self.values(reading), readings.BOLD.get(reading.template, ("lead",))
        for literal, name, spec, _ in string.Formatter().parse(templates_zh.TEMPLATES[reading.template]):
            if literal:
                yield literal, False
            if name is not None:
                yield format(values[name], spec or ""), name in bold

    def html(self, reading: readings.Reading) -> str:
        """Like Reading.html: every part escaped, the lead (or the values in readings.BOLD) in bold."""
        return "".join(f"<b>{html.escape(t)}</b>" if b else html.escape(t) for t, b in self.parts(reading))


def sentence(reading: readings.Reading, ds, lang_: str = "en") -> str:
    """A reading's sentence in a language (building the name tables each call: use `Chinese` for many)."""
    return reading.sentence if lang_ == "en" else Chinese(ds).sentence(reading)
