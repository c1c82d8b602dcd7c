"""A real browser for tests: Debian's Chromium driven by Playwright, and a local web server for a built book.

Use it from a test file with

    pytest.register_assert_rewrite("browser")  # before the import, or pytest warns when it loads the plugin
    from browser import serve

    pytest_plugins = ["browser"]  # the chromium and tab fixtures

    def test_search_page(tab, built_book):
        with serve(built_book) as root:
            tab.page.goto(f"{root}search.html?q=GDP")
            assert not tab.dialogs and not tab.errors

`chromium` is one browser per test module; `tab` is a fresh browser context (no shared storage) per
test, which records every dialog (alert, confirm, prompt: dismissed) and every uncaught page error.
Playwright cannot download its own browser here, so it drives /usr/bin/chromium (installed by
tools/system-packages.sh); without it the tests that use these fixtures are skipped with the reason.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # the tests' output is not the place for an access log
        pass


@contextmanager
def serve(folder: Path | str) -> Iterator[str]:
    """Serve `folder` over http on 127.0.0.1 (a free port) for the duration; yields the root URL, ending in '/'.

    Pages are loaded over http rather than file://, as a reader's browser loads them: the search page
    fetches its index and pages, which Chromium refuses from file:// addresses.
    """
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def search_finished(page, timeout: float = 30000) -> None:
    """Wait until Sphinx's search page has listed its results (or said there are none) and has fetched the
    pages it quotes under them."""
    summary = "document.querySelector('.search-summary')?.innerText || ''"
    done = "Search finished|did not match|搜索完成|没有匹配"  # Sphinx's words, and its zh_CN translation's
    page.wait_for_function(f"() => /{done}/.test({summary})", timeout=timeout)
    page.wait_for_load_state("networkidle")


@pytest.fixture(scope="module")
def chromium():
    """One headless Chromium for the test module."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (tools/system-packages.sh installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Tab:
    page: object  # playwright.sync_api.Page
    dialogs: list[str] = field(default_factory=list)  # the message of every dialog the page opened
    errors: list[str] = field(default_factory=list)  # every uncaught JavaScript error


@pytest.fixture
def tab(chromium) -> Iterator[Tab]:
    """A fresh page in a context of its own, recording dialogs and page errors."""
    context = chromium.new_context()
    page = context.new_page()
    recorded = Tab(page)

    def on_dialog(dialog):
        recorded.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda error: recorded.errors.append(str(error)))
    try:
        yield recorded
    finally:
        context.close()
