"""The pages the build writes from the data, in the Chinese edition (report.pages, lang="zh")."""

import re

from conftest import FIXTURES, ROOT

import zonebook
from zonebook.report import pages


def bibliography_lines(page: str) -> list[str]:
    return [line for line in page.split("## 参考文献", 1)[1].splitlines() if line.startswith("- ")]


def test_every_source_is_listed_once_with_its_chinese_publisher_and_date():
    ds = zonebook.load(ROOT / "data")
    page = pages.sources_page(ds, "zh")
    entries = bibliography_lines(page)
    assert len(entries) == len(ds.sources)
    for s in ds.sources.itertuples(index=False):
        mine = [e for e in entries if pages.md(s.title) in e]
        assert len(mine) == 1, s.source
        if s.publisher_zh:
            assert pages.md(s.publisher_zh) in mine[0] and "未翻译" not in mine[0], s.source
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s.published):
            y, m, d = (int(p) for p in s.published.split("-"))
            assert f"{y}年{m}月{d}日" in mine[0], s.source
    assert "tier" not in page and "Publisher" not in page  # no English left in the page's own words


def test_a_publisher_without_its_chinese_name_is_marked_untranslated_not_hidden(tmp_path):
    from test_localize import english_publishers

    ds = english_publishers(tmp_path)  # an older data folder: no publisher_zh column, publishers named in English
    page = pages.sources_page(ds, "zh")
    for s in ds.sources.itertuples(index=False):
        if s.publisher:
            assert f"{pages.md(s.publisher)}（未翻译）" in page, s.source
    chinese = zonebook.load(FIXTURES / "minimal")  # the same, named in Chinese: nothing to translate
    page = pages.sources_page(chinese, "zh")
    assert "（未翻译）" not in page and all(pages.md(s.publisher) in page for s in chinese.sources.itertuples())
