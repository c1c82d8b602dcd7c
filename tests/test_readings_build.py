"""The published book carries data/readings.csv, and its pages print only the sentences it holds."""

import html
import re
import shutil

import pandas as pd
import pytest
from conftest import FIXTURES, build_book

pytestmark = pytest.mark.slow  # builds books


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    work = tmp_path_factory.mktemp("truth-book")
    data, out = work / "data", work / "_build" / "html"
    shutil.copytree(FIXTURES / "truth-traps", data)
    run = build_book(data, out)
    assert run.returncode == 0, run.stdout + run.stderr
    return out, pd.read_csv(out / "data" / "readings.csv", dtype=str, keep_default_na=False)


def text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


def test_readings_csv_is_published_beside_the_data_and_linked(book):
    out, frame = book
    assert {"trend", "plan-vs-outcome", "target-check", "path", "audit-verdict", "inconsistency", "summary"} <= set(
        frame["kind"]
    )
    assert 'href="../data/readings.csv"' in (out / "chapters" / "data-dictionary.html").read_text(encoding="utf-8")


def test_every_computed_sentence_on_the_pages_is_a_row_of_readings_csv(book):
    out, frame = book
    known = set(frame["sentence"])
    printed = []
    for path in (out / "chapters").rglob("*.html"):
        page = path.read_text(encoding="utf-8")
        for block in re.findall(r'<ul class="zb-(?:readings|findings)">(.*?)</ul>', page, flags=re.DOTALL):
            printed += [text(item) for item in re.findall(r"<li>(.*?)</li>", block, flags=re.DOTALL)]
    computed = [
        s for s in printed if not s.startswith("The goal is nominal") and not s.startswith("The latest figure, for")
    ]
    assert len(computed) >= 20
    assert [s for s in computed if s not in known] == []
    # the audit tables carry each claim's reading too
    audit = (out / "chapters" / "audit.html").read_text(encoding="utf-8")
    audited = frame[frame["kind"] == "audit-verdict"]["sentence"]
    assert all(html.escape(s, quote=False) in audit or s in text(audit) for s in audited)


def test_no_page_says_a_target_was_reached_by_an_earlier_actual(book):
    out, _ = book
    for path in (out / "chapters").rglob("*.html"):
        body = text(path.read_text(encoding="utf-8"))
        assert "already reached" not in body and "(s)" not in body and "to go)" not in body, path
        assert not re.search(r"\d,\d{3}\.00\b", body), path
