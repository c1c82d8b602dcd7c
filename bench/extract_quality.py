"""How well `zonebook.extract` drafts figures: on a labelled corpus of texts from many places, and on the
seed article against the curated data.

    python bench/extract_quality.py [--data data] [--text PATH] [--figures PATH] [--corpus corpus]
                                    [--json PATH] [-v] [--show-held-out]

The corpus (corpus/, see corpus/GUIDE.md) has a development part and a held-out part, split by city.
For each part: recall, precision and the share of figures with every field right (value, unit, bound,
kind, period), over all its figures and as the range over its texts (zonebook.extract.evaluate says how
a draft row is matched to a label); each text is read with its source address (documents.csv `url`),
whose date dates a text that prints none. `-v` lists the development part's errors; the held-out part's are
listed only with `--show-held-out`, because rules are tuned on the development part alone.
Also timed: extracting a text of 20,000 characters (the corpus's body lines run together), aim under 2 s.

The seed article (data/observations.csv rows whose source is the seed, minus the gaps):
- recall: share of curated figures the extractor finds with the right value (converted between units
  of the same base, e.g. 1 万亿元 = 10000 亿元) and a quote that overlaps the curated quote in the text;
- entirely right: share of curated figures whose match also has the right unit, bound, kind and period;
- precision: share of extractor rows that match a curated figure, restate one (same value and unit,
  quoted elsewhere in the article), or are real figures the curators chose to leave out (a reviewed
  list below, each with its reason). The strict precision counts curated matches only.

A second, looser check of generality: every quote in sources/public-figures.csv (other
pages: 统计公报 coverage, work reports, news) is run through the extractor on its own, and we count
how often the listed value (and its bound, where the value carries one) comes out.

Writes _build/extract_quality.json. Exits 0 with a message when the article or the data is absent.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import pandas as pd

from zonebook.extract import convert, extract, extract_text
from zonebook.extract.evaluate import PartScore, body_sample, load_corpus, score_part

ARTICLE = "netease-2026-02-25"
ARTICLE_URL_KEY = "KMGO79SK055616ZQ"
SHARED = REPO / "sources"
DEFAULT_TEXT = SHARED / f"seed-article-{ARTICLE}.txt"
DEFAULT_FIGURES = SHARED / "public-figures.csv"
DEFAULT_CORPUS = REPO / "corpus"
PARTS = ("development", "held-out")

# Figures in the article that the curated data leaves out on purpose but that are real figures, not
# noise: (value, unit, a fragment of the quote, why). Reviewed by hand against the article.
REVIEWED_REAL = [
    (6, "个", "重点发展的6大区域", "the title's count of development areas (the report's six zones)"),
]


def _spans(text: str, quote: str) -> list[tuple[int, int]]:
    out, at = [], 0
    if not quote:
        return out
    while True:
        at = text.find(quote, at)
        if at < 0:
            return out
        out.append((at, at + len(quote)))
        at += 1


def _row_spans(text: str, row) -> list[tuple[int, int]]:
    spans = _spans(text, row["quote"])
    for also in re.findall(r"「(.*?)」", row.get("extract_note") or ""):
        spans += _spans(text, also)
    return spans


def _overlap(a, b) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def _close(a: float | None, b: float) -> bool:
    return a is not None and math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def _shares_words(name: str, words: str) -> bool:
    """The suggested name and the curated quote/name have two Chinese characters in a row in common."""
    return any(
        name[i : i + 2] in words for i in range(len(name) - 1) if re.fullmatch(r"[\u4e00-\u9fff]{2}", name[i : i + 2])
    )


def _blank(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or str(value).strip() == ""


def _article_slug(sources: pd.DataFrame | None) -> str:
    if sources is not None and "source" in sources:
        if (sources["source"] == ARTICLE).any():
            return ARTICLE
        if "url" in sources:
            hit = sources[sources["url"].fillna("").str.contains(ARTICLE_URL_KEY)]
            if len(hit):
                return str(hit.iloc[0]["source"])
    return ARTICLE


def measure_article(text: str, data: Path, verbose: bool = False) -> dict | None:
    observations = data / "observations.csv"
    if not observations.exists():
        print(f"{observations} is not there yet: no labelled set to measure against.")
        return None
    obs = pd.read_csv(observations, dtype=str, keep_default_na=False)
    indicators = pd.read_csv(data / "indicators.csv", dtype=str, keep_default_na=False)
    sources = (
        pd.read_csv(data / "sources.csv", dtype=str, keep_default_na=False) if (data / "sources.csv").exists() else None
    )
    slug = _article_slug(sources)
    unit_of = dict(zip(indicators["indicator"], indicators["unit"]))
    curated = obs[obs["source"] == slug].copy()
    gaps = curated[curated["value"].map(_blank)]
    curated = curated[~curated["value"].map(_blank)].copy()
    curated["value"] = curated["value"].astype(float)

    result = extract(text, slug, indicators=indicators)
    rows = result.frame.to_dict("records")
    row_spans = [_row_spans(text, row) for row in rows]

    matched_rows: set[int] = set()
    found = right = slug_right = 0
    misses, half = [], []
    for _, cur in curated.iterrows():
        unit = unit_of.get(cur["indicator"], "")
        spans = _spans(text, cur["quote"])
        hits = []
        for i, row in enumerate(rows):
            value = convert(row["value"], row["unit"], unit) if unit else row["value"]
            if _close(value, cur["value"]) and (_overlap(row_spans[i], spans) or not spans):
                hits.append(i)
        matched_rows.update(hits)
        if hits:
            found += 1
            slug_right += any(rows[i]["indicator"] == cur["indicator"] for i in hits)
            good = [
                i
                for i in hits
                if (rows[i]["bound"], rows[i]["kind"], str(rows[i]["period"]))
                == (cur["bound"], cur["kind"], str(cur["period"]))
            ]
            if good:
                right += 1
            else:
                row = rows[hits[0]]
                half.append((cur, row))
        else:
            misses.append(cur)

    name_of = dict(zip(indicators["indicator"], indicators["name_zh"]))
    curated_values = [
        (cur["value"], unit_of.get(cur["indicator"], ""), cur["quote"] + " " + name_of.get(cur["indicator"], ""))
        for _, cur in curated.iterrows()
    ]
    kinds = {"curated": 0, "restatement": 0, "reviewed real": 0, "wrong": 0}
    wrong = []
    for i, row in enumerate(rows):
        if i in matched_rows:
            kinds["curated"] += 1
        elif any(
            _close(convert(row["value"], row["unit"], u), v) and _shares_words(row["indicator_name_zh"], words)
            for v, u, words in curated_values
            if u
        ):
            kinds["restatement"] += 1
        elif any(
            _close(convert(row["value"], row["unit"], u), v) and _overlap(row_spans[i], _spans(text, frag))
            for v, u, frag, _ in REVIEWED_REAL
        ):
            kinds["reviewed real"] += 1
        else:
            kinds["wrong"] += 1
            wrong.append(row)

    n_cur, n_rows = len(curated), len(rows)
    report = {
        "article": slug,
        "curated_figures": n_cur,
        "gaps_excluded": len(gaps),
        "extracted_rows": n_rows,
        "recall": found / n_cur if n_cur else None,
        "entirely_right": right / n_cur if n_cur else None,
        "precision": (n_rows - kinds["wrong"]) / n_rows if n_rows else None,
        "indicator_suggested_right": slug_right / n_cur if n_cur else None,
        "precision_strict": kinds["curated"] / n_rows if n_rows else None,
        "rows_by_judgement": kinds,
        "summary": _summary(result),
    }
    if verbose or misses or half or wrong:
        for cur in misses:
            print(
                f"  missed   {cur['indicator']} {cur['period']} {cur['value']:g} {cur['bound']} {cur['kind']}: {cur['quote'][:50]}"
            )
        for cur, row in half:
            print(
                f"  partly   {cur['indicator']}: curated {cur['period']}/{cur['bound']}/{cur['kind']}, "
                f"extracted {row['period']}/{row['bound']}/{row['kind']} ({row['value']:g} {row['unit']})"
            )
        for row in wrong:
            print(f"  extra    {row['value']:g} {row['unit']} {row['indicator_name_zh']}: {row['quote'][:50]}")
    return report


def _summary(result) -> str:
    from zonebook.extract import summary

    return summary(result)


def _parse_listed(value: str):
    """'>8000' → (8000, 'gt'); '~5.8' → (5.8, 'approx'); '>=10' → (10, 'ge'); words → None."""
    match = re.fullmatch(r"\s*(>=|<=|>|<|~)?\s*(-?\d+(?:\.\d+)?)\s*", str(value))
    if not match:
        return None
    bound = {">=": "ge", "<=": "le", ">": "gt", "<": "lt", "~": "approx", None: "eq"}[match.group(1)]
    return float(match.group(2)), bound


def measure_public_figures(path: Path) -> dict | None:
    if not path.exists():
        return None
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    total = value_hits = bound_hits = 0
    cache: dict[str, list] = {}
    for _, row in table.iterrows():
        listed = _parse_listed(row["value"])
        if listed is None or not row["quote"]:
            continue
        total += 1
        if row["quote"] not in cache:
            cache[row["quote"]] = extract_text(row["quote"]).to_dict("records")
        drafts = cache[row["quote"]]
        value, bound = listed
        hits = [
            d
            for d in drafts
            if _close(convert(d["value"], d["unit"], row["unit"]) if row["unit"] else d["value"], value)
        ]
        if hits:
            value_hits += 1
            if any(d["bound"] == bound or (bound == "eq") for d in hits):
                bound_hits += 1
    return {
        "quotes_checked": total,
        "value_found": value_hits / total if total else None,
        "value_and_bound": bound_hits / total if total else None,
    }


def measure_corpus(folder: Path, verbose: bool = False, show_held_out: bool = False) -> dict | None:
    """Scores per part of the labelled corpus, printed and returned."""
    if not (folder / "documents.csv").exists():
        return None
    corpus = load_corpus(folder)
    report = {}
    print()
    print(
        f"extractor quality on the corpus ({len(corpus.documents)} texts, "
        f"{len({d['city'] for d in corpus.documents})} places; targets on held-out: recall >= 0.95, "
        "every field right >= 0.90, precision >= 0.95)"
    )
    print(f"  {'part':<12}{'texts':>6}{'figures':>8}   {'recall':<22}{'every field right':<22}{'precision':<22}")
    for name in PARTS:
        part = score_part(corpus, name)
        if not part.documents:
            continue
        entry = {"texts": len(part.documents), "figures": part.claims}
        cells = []
        for measure in ("recall", "every_field_right", "precision"):
            low, high = part.document_range(measure)
            entry[measure] = getattr(part, measure)
            entry[measure + "_per_text"] = [low, high]
            cells.append(f"{_pct(getattr(part, measure))} ({_pct(low)}-{_pct(high)})")
        entry["slowest_text_seconds"] = max(d.seconds for d in part.documents)
        report[name] = entry
        print(f"  {name:<12}{len(part.documents):>6}{part.claims:>8}   " + "".join(f"{c:<22}" for c in cells))
        if name == "held-out":
            entry["batches"] = _print_batches(corpus, part)
        if (name == "development" and verbose) or (name == "held-out" and show_held_out):
            _print_errors(part)
    print("  (per text: the lowest and highest share among the part's texts)")
    text = body_sample(corpus, 20000)
    began = time.perf_counter()
    extract(text)
    report["seconds_for_20000_characters"] = time.perf_counter() - began
    print(f"  extracting a 20,000-character text: {report['seconds_for_20000_characters']:.2f} s (aim < 2 s)")
    return report


def _print_batches(corpus, part) -> dict:
    """The held-out part's scores by batch (documents.csv `batch`: each batch was labelled and committed
    before the extractor ever ran on it), when there is more than one."""
    batch_of = {d["doc"]: d.get("batch") or "" for d in corpus.documents}
    batches = sorted({batch_of[d.doc] for d in part.documents})
    report = {}
    if len(batches) < 2:
        return report
    for batch in batches:
        sub = PartScore(part.part, [d for d in part.documents if batch_of[d.doc] == batch])
        report[batch] = {m: getattr(sub, m) for m in ("recall", "every_field_right", "precision")}
        report[batch]["texts"], report[batch]["figures"] = len(sub.documents), sub.claims
        cells = [
            f"{_pct(getattr(sub, m))} ({_pct(sub.document_range(m)[0])}-{_pct(sub.document_range(m)[1])})"
            for m in ("recall", "every_field_right", "precision")
        ]
        label = f"  batch {batch or '-'}"
        print(f"  {label:<12}{len(sub.documents):>6}{sub.claims:>8}   " + "".join(f"{c:<22}" for c in cells))
    return report


def _print_errors(part) -> None:
    for doc in part.documents:
        for label in doc.misses:
            print(
                f"    {doc.doc}: missed  {label.figure} ({label.value:g} {label.unit} {label.bound} {label.kind} {label.period})"
            )
        for label, row in doc.partly:
            print(
                f"    {doc.doc}: partly  {label.figure}: labelled {label.unit}/{label.bound}/{label.kind}/{label.period}, "
                f"drafted {row['unit']}/{row['bound']}/{row['kind']}/{row['period']}"
            )
        for row in doc.extra:
            print(f"    {doc.doc}: extra   {row['value']:g} {row['unit']}: {row['quote'][:40]}")


def _pct(x) -> str:
    return "-" if x is None else f"{x:.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(REPO / "data"), help="data folder (default: the repo's data/)")
    parser.add_argument("--text", default=str(DEFAULT_TEXT), help="the seed article's text")
    parser.add_argument("--figures", default=str(DEFAULT_FIGURES), help="public-figures.csv for the generality check")
    parser.add_argument(
        "--json", default=str(REPO / "_build" / "extract_quality.json"), help="where to write the figures"
    )
    parser.add_argument(
        "--corpus", default=str(DEFAULT_CORPUS), help="the labelled corpus (default: the repo's corpus/)"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="list the development part's errors too")
    parser.add_argument("--show-held-out", action="store_true", help="list the held-out part's errors (not for tuning)")
    args = parser.parse_args(argv)
    corpus_report = measure_corpus(Path(args.corpus), args.verbose, args.show_held_out)

    text_path = Path(args.text)
    if not text_path.exists():
        print(f"{text_path} is not here: nothing to measure (the seed article lives in sources/).")
        return 0
    from zonebook.extract import read_text

    text = read_text(text_path)
    report = measure_article(text, Path(args.data), args.verbose)
    if report is None:
        return 0
    generality = measure_public_figures(Path(args.figures))
    report["public_figures"] = generality
    report["corpus"] = corpus_report

    def pct(x):
        return "-" if x is None else f"{x:.3f}"

    print()
    print(
        f"extractor quality on {report['article']} ({report['curated_figures']} curated figures, "
        f"{report['gaps_excluded']} gaps left out; {report['extracted_rows']} rows drafted)"
    )
    print(f"  {'measure':<32}{'value':>8}  aim")
    print(f"  {'recall':<32}{pct(report['recall']):>8}  >= 0.95")
    print(f"  {'entirely right':<32}{pct(report['entirely_right']):>8}  >= 0.90")
    print(f"  {'precision':<32}{pct(report['precision']):>8}  >= 0.90")
    print(f"  {'precision, curated only':<32}{pct(report['precision_strict']):>8}")
    print(
        f"  {'indicator slug suggested right':<32}{pct(report['indicator_suggested_right']):>8}  (from data/indicators.csv)"
    )
    if generality:
        print(
            f"  {'public-figures quotes: value':<32}{pct(generality['value_found']):>8}  ({generality['quotes_checked']} quotes)"
        )
        print(f"  {'public-figures: value+bound':<32}{pct(generality['value_and_bound']):>8}")
    print(f"  rows: {report['rows_by_judgement']}")
    print(f"  {report['summary']}")
    out = Path(args.json)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"  written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
