"""The book built from the shipped data, read in a real browser (Chromium through Playwright, tests/browser.py).

Search finds the page a reader means, for Chinese words and phrases, English words and numbers; no page raises a
JavaScript error, fails a request or asks for anything off this machine; every image loads; every internal link
and download resolves, anchors included; and no page scrolls sideways or cuts content off at 1280 px or 420 px.
"""

from __future__ import annotations

import csv
import unicodedata
from pathlib import Path
from urllib.parse import quote, urlsplit

import lxml.html
import pytest
import yaml

pytest.register_assert_rewrite("browser")  # before it is imported: pytest also loads it as a plugin (below)
from browser import search_finished, serve  # noqa: E402
from conftest import ROOT  # noqa: E402

from zonebook import load  # noqa: E402
from zonebook.report.figures import series_charts  # noqa: E402

pytest_plugins = ["browser"]  # the chromium and tab fixtures
pytestmark = pytest.mark.slow  # builds the book and drives a browser


def expected_pages() -> list[str]:
    """The book's pages, from its table of contents and the zones of the shipped data (one chapter each)."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    with open(ROOT / "data" / "zones.csv", encoding="utf-8", newline="") as handle:
        zones = [f"chapters/zones/{int(z['order']):02d}-{z['zone']}" for z in csv.DictReader(handle)]
    files = [toc["root"]]
    for part in toc["parts"]:
        for chapter in part["chapters"]:
            files += zones if chapter.get("glob") == "chapters/zones/*" else [chapter["file"]]
    return [f"{name}.html" for name in files] + ["search.html"]  # no genindex.html: the book has no index entries


_shipped = load(ROOT / "data")
PAGES = expected_pages()
ZONE_PAGES = [p for p in PAGES if p.startswith("chapters/zones/")]
CHARTED = [  # the zone pages with a chart: an indicator with two periods of one length (figures.series_charts)
    page for page in ZONE_PAGES if series_charts(_shipped.for_zone(page.split("/")[-1][3:-5]).observations)
]
DECKS = ["slides/00-city.html"] + [f"slides/{Path(p).stem}.html" for p in ZONE_PAGES]


@pytest.fixture(scope="module")
def book(shipped_book) -> Path:
    return shipped_book


@pytest.fixture(scope="module")
def site(book) -> str:
    with serve(book) as root:
        yield root


def test_the_checks_cover_every_page_of_the_book(book):
    built = {
        p.relative_to(book).as_posix()
        for p in book.rglob("*.html")
        if p.relative_to(book).parts[0] not in ("_static", "slides", "zh")  # the Chinese edition: test_editions
    }
    assert built - {"index.html"} == set(PAGES)  # index.html only redirects to the first chapter
    assert {p.relative_to(book).as_posix() for p in (book / "slides").glob("*.html")} == set(DECKS)


# --- search ----------------------------------------------------------------------------------------------


def fold(text: str) -> str:
    """As the search page compares text: NFKC, lower case, whitespace folded."""
    return " ".join(unicodedata.normalize("NFKC", text).lower().split())


BLOCKS = (
    "p",
    "li",
    "dt",
    "dd",
    "td",
    "th",
    "tr",
    "caption",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "div",
    "pre",
    "blockquote",
    "figcaption",
    "br",
)


def page_text(book: Path, page: str) -> str:
    """A page's main text as a reader sees it: blocks and table cells apart, no scripts or heading links."""
    tree = lxml.html.fromstring((book / page).read_bytes())
    main = tree.xpath('//*[@role="main"]')[0]
    for element in main.xpath('.//script|.//style|.//*[contains(concat(" ", @class, " "), " headerlink ")]'):
        element.drop_tree()
    for element in main.iter(*BLOCKS):
        element.tail = " " + (element.tail or "")
    return fold(main.text_content())


@pytest.fixture(scope="module")
def texts(book) -> dict[str, str]:
    return {page: page_text(book, page) for page in PAGES if page.startswith("chapters/")}


def search(tab, root: str, query: str) -> list[str]:
    """The pages the search page lists for `query`, best first (a page listed for a section too, once)."""
    tab.page.goto(f"{root}search.html?q={quote(query)}")
    search_finished(tab.page)
    pages = []
    for href in tab.page.locator("ul.search li > a").evaluate_all("links => links.map(a => a.href)"):
        page = urlsplit(href).path[len(urlsplit(root).path) :]
        if page not in pages:
            pages.append(page)
    return pages


# (query, the page a reader means, why that page). Chosen by reading the built pages: each query is on its page,
# which says it more often than any other page (or has it in its title), because the page is about it.
SEARCHES = [
    (
        "高端装备",
        "chapters/zones/02-industry-613.html",
        "high-end equipment leads the 613 system; no other page names it",
    ),
    (
        "老旧小区",
        "chapters/zones/06-urban-renewal.html",
        "old residential compounds renovated: an urban-renewal indicator",
    ),
    (
        "专精特新",
        "chapters/zones/03-innovation.html",
        "'specialised and innovative' firms are counted under innovation",
    ),
    (
        "单项冠军",
        "chapters/zones/02-industry-613.html",
        "single-product manufacturing champions: an industry indicator",
    ),
    ("地区生产总值", "chapters/overview.html", "GDP is the city page's subject (its title: GDP and the 万亿 goal)"),
    ("小巨人", "chapters/zones/03-innovation.html", "'little giant' firms: the innovation zone's indicator"),
    ("外资", "chapters/zones/04-opening-up.html", "foreign investment is the opening-up zone's measure"),
    (
        "机场",
        "chapters/zones/01-regional-coordination.html",
        "the airport belongs to the transport hub of regional coordination",
    ),
    ("绿色", "chapters/zones/05-ecology.html", "green development is the ecology zone's name (绿色发展)"),
    ("专精特新 小巨人", "chapters/zones/03-innovation.html", "two words of one indicator, typed apart"),
    ("PM2.5浓度", "chapters/zones/05-ecology.html", "Latin, digits and Chinese in one word: the PM2.5 concentration"),
    ("R&D经费支出", "chapters/zones/03-innovation.html", "R&D spending, in English and Chinese run together"),
    ("GDP", "chapters/overview.html", "the city page charts GDP"),
    ("foreign investment", "chapters/zones/04-opening-up.html", "an English phrase: the opening-up zone's indicator"),
    ("airport", "chapters/zones/01-regional-coordination.html", "airport passengers: regional coordination"),
    (
        "R&D",
        "chapters/zones/03-innovation.html",
        "R&D (letters of one character each, which no index keeps) is innovation's",
    ),
    ("613", "chapters/zones/02-industry-613.html", "a number: the 613 system's own chapter"),
    ("urban renewal", "chapters/zones/06-urban-renewal.html", "an English phrase that is a chapter title"),
    (
        "industries",
        "chapters/zones/02-industry-613.html",
        "English stemming: industries finds the 'industrial system' title",
    ),
]


@pytest.mark.parametrize(("query", "expected", "why"), SEARCHES, ids=[q for q, _, _ in SEARCHES])
def test_search_lands_on_the_page_a_reader_means(texts, site, tab, query, expected, why):
    if query != "industries":  # the stemming case: the word itself need not be on the page
        missing = [word for word in fold(query).split() if word not in texts[expected]]
        assert missing == [], f"{missing} not on {expected}: choose another query"
    results = search(tab, site, query)
    assert results and results[0] == expected, f"{query!r}: {results} ({why})"
    # a page that holds the whole query ranks above every page that holds only its pieces
    holds = [fold(query) in texts.get(page, "") for page in results]
    assert holds == sorted(holds, reverse=True), list(zip(results, holds, strict=True))
    assert not tab.errors and not tab.dialogs


def test_search_for_what_no_page_says_finds_nothing(site, tab):
    assert search(tab, site, "xyzzy") == []
    assert search(tab, site, "Qx") == []


def test_each_result_quotes_its_page_where_the_query_is(site, tab):
    search(tab, site, "老旧小区")
    summaries = tab.page.locator("ul.search li p.context").all_inner_texts()
    assert summaries and all("老旧小区" in s for s in summaries), summaries
    marked = tab.page.locator("ul.search li p.context span.highlighted").all_inner_texts()
    assert marked and set(marked) == {"老旧小区"}


# --- every page, as it loads -------------------------------------------------------------------------------

# Messages a page logs that are not errors of the book:
THEME_FIRST_VISIT = (
    "Got invalid theme mode: . Resetting to auto."  # pydata-sphinx-theme 0.15, when no mode is stored yet
)
FAVICON = "/favicon.ico"  # Chromium asks for it on its own; the book names no icon


def load(tab, url: str) -> dict[str, list[str]]:
    """Open `url`; what went wrong while it loaded: errors, failed or off-site requests, error responses."""
    problems = {"console": [], "failed": [], "offsite": [], "status": []}
    page = tab.page
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(url))

    def on_console(message):
        if (
            message.type == "error"
            and message.text != THEME_FIRST_VISIT
            and not message.location.get("url", "").endswith(FAVICON)
        ):
            problems["console"].append(message.text)

    def on_request(route):
        if route.request.url.startswith((origin + "/", "data:", "blob:")):
            route.continue_()
        else:
            problems["offsite"].append(route.request.url)  # the book must work offline
            route.abort()

    page.on("console", on_console)
    page.on("requestfailed", lambda request: problems["failed"].append(f"{request.url}: {request.failure}"))
    page.on(
        "response",
        lambda response: response.status >= 400 and problems["status"].append(f"{response.status} {response.url}"),
    )
    page.route("**/*", on_request)
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    return problems


BROKEN_IMAGES = """async () => {
  document.querySelectorAll('img[loading=lazy]').forEach((img) => (img.loading = 'eager'));
  await Promise.all([...document.images].map((img) => img.decode().catch(() => null)));
  return [...document.images].filter((img) => !img.naturalWidth).map((img) => img.src);
}"""


@pytest.mark.parametrize("page", PAGES + DECKS + ["search.html?q=老旧小区"])
def test_every_page_loads_without_errors_failed_requests_or_broken_images(site, tab, page):
    problems = load(tab, site + page)
    problems["pageerror"] = tab.errors
    problems["broken images"] = tab.page.evaluate(BROKEN_IMAGES)
    if page in CHARTED:  # the zones whose data makes a chart: the image check is not vacuous there
        assert tab.page.evaluate("() => document.images.length") > 0
    assert {kind: found for kind, found in problems.items() if found} == {}


_ids: dict[str, set[str]] = {}


def ids_of(book: Path, page: str) -> set[str]:
    if page not in _ids:
        tree = lxml.html.fromstring((book / page).read_bytes())
        _ids[page] = {*tree.xpath("//@id"), *tree.xpath("//a/@name")}
    return _ids[page]


@pytest.mark.parametrize("page", PAGES + DECKS)
def test_every_internal_link_resolves(book, site, tab, page):
    """Every link on the page as the browser shows it (the theme's too) that stays in the book: the file is
    served, and the anchor it names is on the target page. Downloads (CSV, decks, notebooks) are links too."""
    tab.page.goto(site + page, wait_until="load")
    hrefs = tab.page.evaluate("() => [...document.querySelectorAll('a[href]')].map(a => a.href)")
    broken = []
    for href in sorted(set(hrefs)):
        parts = urlsplit(href)
        if not href.startswith(site):
            continue  # another site: not checked offline
        target = parts.path[len(urlsplit(site).path) :] or "index.html"
        if target.endswith("/"):
            target += "index.html"
        response = tab.page.request.get(site + quote(target))
        if not response.ok:
            broken.append(f"{href}: {response.status}")
        elif parts.fragment.startswith("/") and target.startswith("slides/"):
            continue  # reveal.js's own routes (#/3: the third slide), not anchors
        elif parts.fragment and target.endswith(".html") and parts.fragment not in ids_of(book, target):
            broken.append(f"{href}: no #{parts.fragment} on {target}")
    assert broken == [], f"{page} links to"


# --- layout ------------------------------------------------------------------------------------------------

CUT_OFF = """() => {
  // Elements that stick out past the right edge of the window and are inside no box that scrolls sideways:
  // the reader cannot reach them. Only the outermost of each such run is named.
  const width = document.documentElement.clientWidth;
  const scrolls = (el) =>
    ['auto', 'scroll'].includes(getComputedStyle(el).overflowX) && el.scrollWidth > el.clientWidth;
  const outside = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.right > width + 1;
  };
  const cut = [];
  for (const el of document.querySelectorAll('body *')) {
    if (!outside(el) || getComputedStyle(el).visibility === 'hidden') continue;
    let up = el.parentElement, reachable = false;
    while (up && !reachable) { reachable = scrolls(up); up = up.parentElement; }
    if (reachable || (outside(el.parentElement) && !scrolls(el.parentElement))) continue;
    const where = el.closest('section[id]');
    const right = Math.round(el.getBoundingClientRect().right);
    cut.push(`${el.tagName.toLowerCase()}.${el.classList[0] || ''} in #${where ? where.id : '?'} ends at ${right} px`);
  }
  return cut;
}"""

UNFOLD = """() => {
  document.querySelectorAll('details').forEach((d) => (d.open = true));
  document.querySelectorAll('input.zb-toggle').forEach((box) => (box.checked = true));
}"""


def layout_cases():
    for width in (1280, 420):
        for page in PAGES:
            yield pytest.param(page, width, id=f"{page}@{width}")


@pytest.mark.parametrize(("page", "width"), list(layout_cases()))
def test_no_page_scrolls_sideways_or_cuts_content_off(chromium, site, page, width):
    context = chromium.new_context(viewport={"width": width, "height": 900})
    try:
        tab = context.new_page()
        tab.goto(site + page, wait_until="load")
        if page == "search.html":
            tab.goto(site + "search.html?q=" + quote("老旧小区"))
            search_finished(tab)
        sizes = tab.evaluate("() => [document.scrollingElement.scrollWidth, document.documentElement.clientWidth]")
        assert sizes[0] <= sizes[1], f"the page is {sizes[0]} px wide in a {sizes[1]} px window"
        assert tab.evaluate(CUT_OFF) == []
        # and with everything folded opened: every <details>, every "Show all rows"
        tab.evaluate(UNFOLD)
        sizes = tab.evaluate("() => [document.scrollingElement.scrollWidth, document.documentElement.clientWidth]")
        assert sizes[0] <= sizes[1], f"unfolded, the page is {sizes[0]} px wide in a {sizes[1]} px window"
        assert tab.evaluate(CUT_OFF) == []
    finally:
        context.close()
