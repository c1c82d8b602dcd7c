"""The Chinese edition of the shipped data as a reader sees it in Chromium: every page is Chinese.

On every page of `zh/`, at least 80 % of the letters a reader sees in the page's main text are CJK, leaving out
what is rightly in another script: the sources' own words (quote cells, <q>, <blockquote>, and the titles of
their works, <cite> or 《》, and words quoted in a sentence, “…” or «…»), code, and web addresses and host names. The bar of buttons above the page (the switch,
which names the other edition in its own language, and the downloads) is the interface, checked by
test_lang_interface, not the page's text. A page the
data does not translate is marked 尚未译成中文, and that page is still counted: an untranslated page fails.
"""

import re
from pathlib import Path

import pytest
from conftest import ROOT

import zonebook

pytest.register_assert_rewrite("browser")  # before it is imported: pytest also loads it as a plugin (below)
from browser import serve  # noqa: E402

pytest_plugins = ["browser"]

CJK_SHARE = 0.8
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
ADDRESS = re.compile(
    r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|cn|net|org|gov|html?|csv|ipynb|pptx|md|pdf)\b"
)
VISIBLE_TEXT = """() => {
  const main = document.querySelector('main') || document.querySelector('[role=main]') || document.body;
  const copy = main.cloneNode(true);
  copy.querySelectorAll('.bd-header-article, code, pre, script, style, .headerlink, q, blockquote, cite, '
                       + 'td.zb-quote, th.zb-quote')
      .forEach(e => e.remove());
  return copy.innerText;
}"""


QUOTED = re.compile(r"《[^》]*》|“[^”]*”|«[^»]*»")  # a work's title, a source's words quoted in a sentence


def letters_of(text: str, names: set[str] = frozenset()) -> list[str]:
    """The letters a reader reads: no addresses, no quoted words, and none of `names` (Latin words the data's own
    Chinese texts use, such as a site known only by its Latin name: 中新网（ansufa转载）, R&D经费支出)."""
    text = QUOTED.sub(" ", ADDRESS.sub(" ", text))
    for name in sorted(names, key=len, reverse=True):
        text = re.sub(rf"(?<![A-Za-z]){re.escape(name)}(?![A-Za-z])", " ", text)
    return [c for c in text if c.isalpha()]


def latin_names(ds) -> set[str]:
    """The Latin words of the data's Chinese columns: the data writes them so in its Chinese, and so do the pages."""
    columns = [ds.indicators["name_zh"], ds.zones["name_zh"], ds.sources["publisher_zh"]]
    return {
        word for column in columns for text in column for word in re.findall(r"[A-Za-z][A-Za-z0-9&.+-]*", str(text))
    }


def test_the_measure_counts_what_a_reader_reads():
    # a web address and a host are not words; Chinese prose with a name in Latin letters is mostly CJK
    assert letters_of("见 https://www.163.com/dy/a.html 和 tjj.yangzhou.gov.cn") == ["见", "和"]
    assert letters_of("《GitHub cities data》所载“Yangzhou”") == ["所", "载"]
    assert letters_of("中新网（ansufa转载）与ansufax", {"ansufa"}) == [*"中新网转载与ansufax"]  # a name, as a word only
    share = sum(map(bool, map(HAN.match, letters_of("2025年实现地区生产总值7809.64亿元，GDP增长5.5%")))) / len(
        letters_of("2025年实现地区生产总值7809.64亿元，GDP增长5.5%")
    )
    assert 0.8 < share < 1


@pytest.fixture(scope="module")
def pages(shipped_book) -> list[str]:
    zh = shipped_book / "zh"
    return sorted(p.relative_to(shipped_book).as_posix() for p in (zh / "chapters").rglob("*.html"))


@pytest.mark.slow
def test_every_page_of_the_chinese_edition_reads_chinese(shipped_book, pages, chromium):
    assert len(pages) >= 15  # every chapter, zone and generated page of the edition
    page = chromium.new_page()
    names = latin_names(zonebook.load(ROOT / "data"))
    short = []
    with serve(shipped_book) as root:
        for name in pages:
            page.goto(f"{root}{name}")
            letters = letters_of(page.evaluate(VISIBLE_TEXT), names)
            share = sum(bool(HAN.match(c)) for c in letters) / len(letters) if letters else 0.0
            if share < CJK_SHARE:
                latin = " ".join(sorted(set(re.findall(r"[A-Za-z]{3,}", "".join(letters))))[:12])
                short.append(f"{name}: {share:.0%} CJK ({latin} …)")
    page.close()
    assert not short, "pages under 80 % CJK:\n" + "\n".join(short)


@pytest.mark.slow
def test_the_chinese_edition_is_tagged_chinese_on_every_page(shipped_book, pages):
    for name in pages:
        head = Path(shipped_book, name).read_text(encoding="utf-8")[:2000]
        assert re.search(r'<html lang="zh-CN"', head), name


# (query, the page of the Chinese edition a reader means, why): Chinese words as a reader types them, each the
# subject or the title of its page in this edition.
SEARCHES_ZH = [
    ("高端装备", "zh/chapters/zones/02-industry-613.html", "high-end equipment leads the 613 system"),
    ("老旧小区", "zh/chapters/zones/06-urban-renewal.html", "old compounds renovated: urban renewal's measure"),
    ("专精特新 小巨人", "zh/chapters/zones/03-innovation.html", "two words of one innovation indicator, typed apart"),
    ("说法核查", "zh/chapters/audit.html", "the audit page's title"),
    ("资料来源", "zh/chapters/sources.html", "the sources page's title"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("query", "expected", "why"), SEARCHES_ZH, ids=[q for q, _, _ in SEARCHES_ZH])
def test_the_chinese_editions_search_finds_its_own_pages(shipped_book, tab, query, expected, why):
    from urllib.parse import quote, urlsplit

    from browser import search_finished

    with serve(shipped_book) as root:
        tab.page.goto(f"{root}zh/search.html?q={quote(query)}")
        search_finished(tab.page)
        links = tab.page.locator("ul.search li > a").evaluate_all("links => links.map(a => a.href)")
    found = [urlsplit(href).path.lstrip("/") for href in links]
    assert found and found[0] == expected, f"{query!r}: {found[:5]} ({why})"
    assert all(page.startswith("zh/") for page in found)  # the edition's own index: never the other edition's pages
    assert not tab.errors and not tab.dialogs
