"""The book's tables and charts in a real browser (Chromium, tests/browser.py): every "Download CSV" link gives a CSV
that parses and holds exactly what its table shows, or the figures its chart draws (checked against the data's
own rows); on a phone a table's key columns are in view without scrolling; a long table shows its first rows and,
on request, all of them; each zone chapter opens with its takeaways."""

from __future__ import annotations

import base64
import csv
import io
import unicodedata
from pathlib import Path

import pytest

pytest.register_assert_rewrite("browser")
from browser import serve  # noqa: E402
from conftest import ROOT  # noqa: E402
from test_reading_browser import PAGES, ZONE_PAGES  # noqa: E402

pytest_plugins = ["browser"]
pytestmark = pytest.mark.slow  # builds the book and drives a browser

CHAPTERS = [p for p in PAGES if p.startswith("chapters/")]


@pytest.fixture(scope="module")
def book(shipped_book) -> Path:
    return shipped_book


@pytest.fixture(scope="module")
def site(book) -> str:
    with serve(book) as root:
        yield root


@pytest.fixture(scope="module")
def observations() -> dict[int, dict]:
    """data/observations.csv by line number (the header is line 1), as the CSVs cite them."""
    with open(ROOT / "data" / "observations.csv", encoding="utf-8", newline="") as handle:
        return {n: row for n, row in enumerate(csv.DictReader(handle), start=2)}


# Each download with what it belongs to: the table's header and cells as the page shows them (hidden rows of a
# long table included, by their text), or the chart's image.
DOWNLOADS = """async () => {
  const out = [];
  for (const a of document.querySelectorAll('a.zb-download')) {
    const block = a.closest('.zb-table-block, figure');
    const response = await fetch(a.href);
    const item = {name: a.getAttribute('download'), csv: await response.text(), ok: response.ok,
                  type: response.headers.get('content-type'), href: a.href.slice(0, 60)};
    const table = block.querySelector('table');
    if (table) {
      item.header = [...table.tHead.rows[0].cells].map((c) => c.textContent.trim());
      item.rows = [...table.tBodies[0].rows].map((r) => [...r.cells].map((c) => c.textContent.trim()));
    } else {
      item.image = block.querySelector('img') !== null;
    }
    out.push(item);
  }
  return out;
}"""


def fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def spreadsheet_text(cell: str) -> str:
    """A CSV cell as the page shows it: without the apostrophe that keeps a spreadsheet from running it."""
    return cell[1:] if cell.startswith("'") and cell[1:2] in ("=", "+", "-", "@", "\t", "\r") else cell


@pytest.mark.parametrize("page", CHAPTERS)
def test_every_download_is_a_csv_of_what_its_table_or_chart_shows(site, tab, observations, page):
    tab.page.goto(site + page, wait_until="load")
    downloads = tab.page.evaluate(DOWNLOADS)
    tables = sum(1 for d in downloads if "header" in d)
    on_page = tab.page.evaluate("() => document.querySelectorAll('table.zb-table').length")
    assert tables == on_page, "every table of the page has its download"
    assert sum(1 for d in downloads if d.get("image")) == tab.page.evaluate(
        "() => document.querySelectorAll('figure.zb-figure').length"
    ), "every chart has its download"
    names = [d["name"] for d in downloads]
    assert len(names) == len(set(names)), "two downloads of one page share a file name"
    for d in downloads:
        assert d["ok"] and d["type"].startswith("text/csv"), d["href"]
        assert d["name"].endswith(".csv")
        rows = list(csv.reader(io.StringIO(d["csv"])))
        assert rows and len({len(r) for r in rows}) == 1, f"{d['name']}: ragged CSV"
        header, body = rows[0], rows[1:]
        assert "observation_lines" in header or "observation_line" in header, d["name"]
        if "header" in d:  # a table: its shown columns, in order, with the same cells
            index = [header.index(h) for h in d["header"]]
            shown = [[fold(spreadsheet_text(r[i])) for i in index] for r in body]
            assert shown == [[fold(c) for c in row] for row in d["rows"]], d["name"]
            lines = header.index("observation_lines")
            for r in body:
                for n in filter(None, r[lines].split(";")):
                    assert int(n) in observations, f"{d['name']}: no line {n} in observations.csv"
        elif "observation_lines" in header:  # a chart of counts, or of a path: its rows rest on the data's lines
            assert body, f"{d['name']}: a chart of nothing"
            lines = [[int(n) for n in filter(None, r[header.index("observation_lines")].split(";"))] for r in body]
            assert all(n in observations for row in lines for n in row), d["name"]
            if "Series" in header:  # the goal chart: each actual is the data's figure of its year
                at = {c: header.index(c) for c in ("Series", "Year", "Value")}
                for r, (n, *_) in zip(body, lines):
                    if r[at["Series"]] == "actual":
                        assert observations[n]["period"] == r[at["Year"]], d["name"]
                        assert float(observations[n]["value"]) == float(r[at["Value"]]), d["name"]
            else:  # bars: each bar's stacks add up to the rows it counts
                stacks = [i for i, h in enumerate(header) if i and h != "observation_lines"]
                for r, row_lines in zip(body, lines):
                    assert sum(int(r[i]) for i in stacks) == len(row_lines), (d["name"], r)
        else:  # a chart: every figure drawn is a row of the data, with its period, value, source and words
            assert body, f"{d['name']}: a chart of nothing"
            at = {c: header.index(c) for c in ("period", "value", "source", "quote", "observation_line")}
            for r in body:
                data = observations[int(r[at["observation_line"]])]
                assert data["period"] == r[at["period"]] and data["source"] == r[at["source"]], d["name"]
                assert float(data["value"].replace(",", "")) == float(r[at["value"]]), d["name"]
                assert fold(spreadsheet_text(r[at["quote"]])) == fold(data["quote"]), d["name"]
    assert not tab.errors


def test_a_download_opens_in_a_spreadsheet_as_utf8(book):
    """The link's bytes start with a byte order mark, so that Excel reads the Chinese as UTF-8."""
    html = (book / ZONE_PAGES[1]).read_text(encoding="utf-8")
    start = html.index("data:text/csv;charset=utf-8;base64,") + len("data:text/csv;charset=utf-8;base64,")
    data = base64.b64decode(html[start : html.index('"', start)])
    assert data.startswith("\ufeff".encode("utf-8"))
    text = data.decode("utf-8")
    assert any(unicodedata.east_asian_width(c) == "W" for c in text), "a zone chapter's table holds Chinese"


KEYS_IN_VIEW = """() => [...document.querySelectorAll('.zb-scroll')].filter((box) => box.offsetParent).map((box) => {
  const right = box.getBoundingClientRect().left + box.clientWidth;
  const keys = [...box.querySelectorAll('thead th.zb-key')];
  return {table: box.getAttribute('aria-label'), keys: keys.length,
          out: keys.filter((th) => th.getBoundingClientRect().right > right + 1).map((th) => th.textContent)};
})"""


@pytest.mark.parametrize("page", CHAPTERS)
def test_on_a_phone_every_tables_key_columns_are_in_view(chromium, site, page):
    context = chromium.new_context(viewport={"width": 420, "height": 900})
    try:
        view = context.new_page()
        view.goto(site + page, wait_until="load")
        view.evaluate("() => document.querySelectorAll('details').forEach((d) => (d.open = true))")
        tables = view.evaluate(KEYS_IN_VIEW)
        assert all(t["keys"] for t in tables), "every table names its key columns"
        assert [t for t in tables if t["out"]] == []
    finally:
        context.close()


def test_a_long_table_shows_its_first_rows_and_all_of_them_on_request(site, tab):
    tab.page.goto(site + "chapters/audit.html", wait_until="load")
    block = tab.page.locator(".zb-table-block", has=tab.page.locator("#zb-all-every-claim"))
    rows = block.locator("tbody tr")
    total = rows.count()
    visible = lambda: sum(1 for i in range(total) if rows.nth(i).is_visible())  # noqa: E731
    assert 10 == visible() < total
    block.locator("label.zb-toggle-label").click()
    assert visible() == total
    assert block.locator(".zb-when-long").is_visible() and not block.locator(".zb-when-short").is_visible()


@pytest.mark.parametrize("page", ZONE_PAGES)
def test_a_zone_chapter_opens_with_its_takeaways(site, tab, page):
    tab.page.goto(site + page, wait_until="load")
    first = tab.page.evaluate(
        """() => [...document.querySelector('[role=main] section').children]
             .map((el) => el.querySelector('.zb-takeaways') ? 'takeaways' : el.matches('.zb-table-block, table') ||
                  el.querySelector('table') ? 'table' : el.querySelector('img') ? 'chart' : '')
             .filter(Boolean)"""
    )
    assert first and first[0] == "takeaways", first
    items = tab.page.locator(".zb-takeaways li").count()
    claims = tab.page.locator("table.zb-claims-compact").count()
    assert (1 <= items <= 5 and claims == 0) or (3 <= items <= 5 and claims == 1)
