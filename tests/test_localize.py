"""Tables in the Chinese edition (report.localize): every header has its Chinese, the data's names come from their
Chinese columns, the report's words (kinds, verdicts) are translated, the figures and the sources' words are kept."""

import ast
import re
import shutil
from pathlib import Path

from conftest import FIXTURES, ROOT

import zonebook
from zonebook.analysis import metrics, templates_zh
from zonebook.report import localize, tables


def headers_in_code() -> set[str]:
    tree = ast.parse(Path(tables.__file__).read_text(encoding="utf-8"))
    return {
        node.args[1].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and getattr(node.func, "id", "") == "Column"
        and len(node.args) > 1
        and isinstance(node.args[1], ast.Constant)
    }


def digits(figure: str) -> str:
    return re.sub(r"[^0-9.]", "", figure)


def test_every_header_the_tables_print_has_its_chinese():
    missing = headers_in_code() - localize.HEADERS_ZH.keys()
    assert not missing, f"add to report.localize.HEADERS_ZH: {sorted(missing)}"
    assert len(headers_in_code()) > 20  # the scan found the tables' columns


def test_a_zones_tables_in_chinese_keep_every_figure_and_quote_and_translate_the_words():
    ds = zonebook.load(ROOT / "data")
    chinese_names = {f"{r.name_en} ({r.name_zh})": r.name_zh for r in ds.indicators.itertuples(index=False)}
    for zone in ds.zones["zone"]:
        obs = ds.for_zone(zone).observations
        for english in (tables.key_figures(obs, "k"), tables.audit_table(metrics.audit(obs, ds.claims_source), "a")):
            chinese = localize.table(english, "zh", ds)
            assert len(chinese.rows) == len(english.rows)
            for c in chinese.columns:
                assert re.search(r"[\u3400-\u9fff]", c.header), c.header
            for en, zh in zip(english.rows, chinese.rows, strict=True):
                for key in ("period", "quote", "record_quote"):
                    if key in en.cells:
                        assert zh.cells[key] == en.cells[key], key  # periods and words as published
                for key in ("figure", "claimed", "recorded"):
                    if key in en.cells:  # the same number, written the Chinese way: 超8000亿元, not >8,000 亿元
                        shown, chinese = en.cells[key], zh.cells[key]
                        assert digits(chinese) == digits(shown), (shown, chinese)
                        assert " " not in chinese and not set("<>≤≥~≈") & set(chinese), chinese
                        if set("<>≤≥~≈") & set(shown):
                            assert re.search("超|以上|以下|不超过|不低于|以内|低于|左右|约|前", chinese), (
                                shown,
                                chinese,
                            )
                if "kind" in en.cells:
                    assert zh.cells["kind"] == templates_zh.KIND_LABELS[en.cells["kind"]]
                if "verdict" in en.cells:
                    assert zh.cells["verdict"] in templates_zh.VERDICT_LABELS.values()
                if "indicator" in en.cells:
                    assert zh.cells["indicator"] == chinese_names[en.cells["indicator"]]  # its name_zh


def english_publishers(tmp_path):
    """The minimal fixture (no publisher_zh) with its publishers named in English: they need their Chinese."""
    folder = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", folder)
    sources = folder / "sources.csv"
    text = (
        sources.read_text(encoding="utf-8")
        .replace(",自媒体,", ",A blogger,")
        .replace(",统计局,", ",Statistics Bureau,")
    )
    sources.write_text(text, encoding="utf-8")
    return zonebook.load(folder)


def test_a_name_without_its_chinese_is_kept_and_marked(tmp_path):
    ds = english_publishers(tmp_path)  # no publisher_zh
    chinese = localize.table(tables.key_figures(ds.observations, "k"), "zh", ds)
    assert all("未翻译" in row.cells["source"] for row in chinese.rows if row.cells.get("source"))


def test_a_name_the_data_gives_only_in_chinese_is_shown_unmarked():
    ds = zonebook.load(FIXTURES / "minimal")  # no publisher_zh, the publishers named in Chinese (自媒体, 统计局)
    chinese = localize.table(tables.key_figures(ds.observations, "k"), "zh", ds)
    shown = [row.cells["source"] for row in chinese.rows if row.cells.get("source")]
    assert shown and not any("未翻译" in cell for cell in shown)
