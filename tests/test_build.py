"""The build end to end on the small fixture: pages, safety, changes, cache and nbval."""

import fcntl
import json
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import lxml.html
import pytest
from conftest import FIXTURES, ROOT, build_book

from zonebook.build.inputs import tree_digest

pytestmark = pytest.mark.slow  # builds books


build = build_book


def build_with_chapters(chapters: Path, data: Path, out: Path) -> subprocess.CompletedProcess:
    """A build whose chapters (templates and narrative pages) come from another folder."""
    code = (
        "import sys, zonebook.build as b; from pathlib import Path; "
        "sys.exit(b.build(Path(sys.argv[2]), Path(sys.argv[3]), jobs=2, chapters=Path(sys.argv[1])))"
    )
    return subprocess.run(
        [sys.executable, "-c", code, str(chapters), str(data), str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture
def built_here(tmp_path):
    """A writable copy of the minimal data, built in this test's folder; with the published book's digest."""
    data, out = tmp_path / "data", tmp_path / "_build" / "html"
    shutil.copytree(FIXTURES / "minimal", data)
    assert build(data, out).returncode == 0
    return data, out, tree_digest(out)


@pytest.fixture
def published(tmp_path, built):
    """A copy of the module's first build (its data, book and work folder), as a user's folder is after one build:
    for the tests of a build that must fail and leave that book as it was."""
    work, *_ = built
    shutil.copytree(work, tmp_path / "w", symlinks=True)
    out = tmp_path / "w" / "_build" / "html"
    return tmp_path / "w" / "data", out, tree_digest(out)


def page(out: Path, name: str) -> str:
    return (out / "chapters" / f"{name}.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """One clean build of the minimal data, shared by the read-only tests."""
    work = tmp_path_factory.mktemp("book")
    data = work / "data"
    shutil.copytree(FIXTURES / "minimal", data)
    out = work / "_build" / "html"
    run = build(data, out)
    assert run.returncode == 0, run.stdout + run.stderr
    return work, data, out, run


def test_build_log_names_each_notebook_with_its_time(built):
    *_, run = built
    lines = [line for line in run.stdout.splitlines() if line.strip().startswith(("executed", "cached"))]
    assert len(lines) == 6  # intro, overview, comparison, audit + 2 zones
    assert all(re.search(r"\d+\.\d s$", line) for line in lines)
    assert "total" in run.stdout


def test_a_clean_build_prints_only_its_own_lines(built):
    """What a user sees of a build that went well is the build's report: no warning from the kernels it starts
    (ipykernel 7 warns on every start that its TCP transport is unencrypted, a matter for the machine's owner,
    not for the reader of a build log)."""
    *_, run = built
    assert "[IPKernelApp]" not in run.stderr and "WARNING" not in run.stderr, run.stderr
    assert run.stderr.strip() == "", run.stderr


def test_zone_pages_have_their_own_titles_and_no_parameters(built):
    _, _, out, _ = built
    industry, ecology = page(out, "zones/01-industry"), page(out, "zones/02-ecology")
    assert "<title>1. Industry · 产业区" in industry
    assert "<title>2. Ecology · 生态区" in ecology
    for html in (industry, ecology):
        assert "data_dir" not in html and "injected-parameters" not in html


def test_zone_page_shows_figures_charts_and_gaps(built):
    _, _, out, _ = built
    industry, ecology = page(out, "zones/01-industry"), page(out, "zones/02-ecology")
    assert "9,124" in industry  # the 2024 invoiced sales, from the data
    figures = re.findall(
        r'<figure class="zb-figure"><img src="data:image/png;base64,[^"]+" alt="[^"]+"[^>]*/><figcaption>([^<]+)',
        industry,
    )
    assert figures and all("Sources:" in caption for caption in figures)
    assert "农村自来水普及率达、" in ecology and "gives no number" in ecology


def test_front_matter_findings_come_from_the_data(built):
    _, _, out, _ = built
    intro = page(out, "intro")
    assert "The article makes <b>" in intro
    assert "7,809.64" in page(out, "overview") or "7809.64" in page(out, "overview")
    assert 'href="changes.html"' in intro


def test_book_is_offline_and_searchable_in_both_languages(built):
    _, _, out, _ = built
    for path in out.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r'<script[^>]+src="(https?:)?//', text), path
        assert not re.search(r'<link[^>]+href="(https?:)?//[^"]+\.css', text), path
    raw = (out / "searchindex.js").read_text(encoding="utf-8")
    terms = json.loads(raw[raw.index("(") + 1 : raw.rindex(")")])["terms"]
    assert "产业" in terms and "生态" in terms  # Chinese words, segmented
    assert "invoic" in terms  # English words, stemmed


def test_data_files_are_published_for_download(built):
    _, data, out, _ = built
    for name in ("zones.csv", "indicators.csv", "observations.csv", "sources.csv"):
        assert (out / "data" / name).read_bytes() == (data / name).read_bytes()
    assert 'href="../data/observations.csv"' in page(out, "data-dictionary")


def test_nbval_executed_notebooks_reproduce_their_outputs(built):
    work, *_ = built
    notebooks = sorted(str(p) for p in (work / "_build" / ".html.zonebook" / "executed").rglob("*.ipynb"))
    assert len(notebooks) == 6
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "--nbval", "-q", "-p", "no:cacheprovider", *notebooks],
        cwd=work,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout[-3000:]


def test_decks_are_published_with_the_book_and_linked(built):
    _, _, out, _ = built
    from pptx import Presentation

    for stem in ("00-city", "01-industry", "02-ecology"):
        deck = Presentation(out / "slides" / f"{stem}.pptx")
        assert len(deck.slides) >= 3
        assert (out / "slides" / f"{stem}.html").read_text(encoding="utf-8").count("<section") >= 3
    assert (out / "slides" / "reveal" / "reveal.js").exists()
    assert 'href="../../slides/01-industry.pptx"' in page(out, "zones/01-industry")
    assert 'href="../slides/00-city.html"' in page(out, "overview")


def test_first_build_says_it_is_the_first(built):
    _, _, out, _ = built
    assert "This is the first build" in page(out, "changes")
    assert "This edition:</b> This is the first build" in page(out, "intro")


def test_new_vintage_shows_new_figures_and_changes_and_reuses_cache(built_here):
    data, out, before = built_here
    again = build(data, out)
    assert again.returncode == 0 and "nothing changed" in again.stdout and "notebooks:" not in again.stdout
    assert again.stdout.count(" cached ") == 6 and " executed " not in again.stdout  # every notebook named, none run
    assert tree_digest(out) == before
    obs = data / "observations.csv"
    text = obs.read_text(encoding="utf-8").replace("good-air-days,2024,299,", "good-air-days,2024,301,")
    text += "good-air-days,2025,305,actual,eq,bureau,优良天数305天,\n"
    obs.write_text(text, encoding="utf-8")
    run = build(data, out)
    assert run.returncode == 0, run.stderr
    executed = {line.split()[1] for line in run.stdout.splitlines() if line.strip().startswith("executed")}
    cached = {line.split()[1] for line in run.stdout.splitlines() if line.strip().startswith("cached")}
    assert "chapters/zones/02-ecology.ipynb" in executed and "chapters/zones/01-industry.ipynb" in cached
    assert "chapters/audit.ipynb" in executed  # city-wide notebooks read everything
    ecology, changes = page(out, "zones/02-ecology"), page(out, "changes")
    assert "305" in ecology and "301" in ecology  # never a stale cached page
    assert "1</strong> figure added" in changes and "1</strong> revised" in changes
    assert "This edition:</b> Since the last published build: 1 figure added, 1 revised and 0 removed." in page(
        out, "intro"
    )
    assert "299" in changes and "301" in changes


def test_bad_data_is_refused_and_the_book_is_untouched(published):
    data, out, before = published
    (data / "observations.csv").write_text(
        (data / "observations.csv").read_text() + "gdp,20x5,abc,actual,eq,nowhere,q,\n"
    )
    run = build(data, out)
    assert run.returncode == 1
    assert f"{data}/observations.csv:15: period:" in run.stderr and f"{data}/observations.csv:15: source:" in run.stderr
    assert "notebooks:" not in run.stdout  # refused before any notebook ran
    assert tree_digest(out) == before


def test_failing_notebook_is_named_and_the_book_is_untouched(published, tmp_path):
    data, out, before = published
    # a new zone without figures, and a template that divides by the number of figures
    (data / "zones.csv").write_text((data / "zones.csv").read_text() + "urban,3,Urban,城市,x\n")
    original = (ROOT / "chapters" / "zone.ipynb").read_text(encoding="utf-8")
    broken = original.replace(
        "obs = ds.for_zone(zone).observations", "obs = ds.for_zone(zone).observations\\n1 / len(obs)"
    )
    assert broken != original
    (tmp_path / "chapters").mkdir()
    for nb in (ROOT / "chapters").glob("*"):
        (shutil.copytree if nb.is_dir() else shutil.copy)(nb, tmp_path / "chapters" / nb.name)
    (tmp_path / "chapters" / "zone.ipynb").write_text(broken, encoding="utf-8")
    env_run = build_with_chapters(tmp_path / "chapters", data, out)
    assert env_run.returncode == 1
    assert "chapters/zones/03-urban.ipynb" in env_run.stderr and "ZeroDivisionError" in env_run.stderr
    cells = json.loads(original)["cells"]
    number = next(i + 1 for i, c in enumerate(cells) if "obs = ds.for_zone(zone).observations" in "".join(c["source"]))
    # the template's own cell number and the line of the cell, not the reused kernel's execution count
    assert f"cell {number} of chapters/zone.ipynb, line " in env_run.stderr and "`1 / len(obs)`" in env_run.stderr, (
        env_run.stderr
    )
    assert "Traceback" not in env_run.stderr
    kept = re.search(r"kept at (\S+)", env_run.stderr).group(1)
    assert Path(kept).exists()
    assert tree_digest(out) == before


def test_jupyter_book_warning_fails_the_build_and_keeps_the_book(published, tmp_path):
    data, out, before = published
    # a narrative page with a broken reference (the data cannot make one: its text is never markup)
    shutil.copytree(ROOT / "chapters", tmp_path / "chapters")
    methods = tmp_path / "chapters" / "methods.md"
    methods.write_text(
        methods.read_text(encoding="utf-8") + "\nSee {ref}`a-label-that-does-not-exist`.\n", encoding="utf-8"
    )
    run = build_with_chapters(tmp_path / "chapters", data, out)
    assert run.returncode == 1 and "jupyter-book failed" in run.stderr
    assert tree_digest(out) == before


def test_interrupted_build_leaves_the_book_untouched(published):
    data, out, before = published
    (data / "observations.csv").write_text((data / "observations.csv").read_text().replace("290,", "291,"))
    command = [sys.executable, "-m", "zonebook", "build", "--data", str(data), "--out", str(out), "--jobs", "2"]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    for line in process.stdout:
        if line.startswith("notebooks:"):
            break
    time.sleep(1.0)
    process.send_signal(signal.SIGINT)
    process.wait(timeout=120)
    assert process.returncode != 0
    assert tree_digest(out) == before
    assert not (out.parent / ".html.zonebook" / "staging").exists()


def test_second_build_into_the_same_output_is_refused(tmp_path):
    data, out = tmp_path / "data", tmp_path / "_build" / "html"
    shutil.copytree(FIXTURES / "minimal", data)
    (out.parent / ".html.zonebook").mkdir(parents=True)
    with open(out.parent / ".html.zonebook" / "lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        run = build(data, out)
    assert run.returncode == 1 and "another build" in run.stderr
    assert not out.exists()


def test_markup_in_the_data_is_shown_as_text(tmp_path):
    data, out = tmp_path / "data", tmp_path / "_build" / "html"
    shutil.copytree(FIXTURES / "minimal", data)
    evil = "<script>alert(1)</script>"
    zones = (data / "zones.csv").read_text().replace("Industry,产业区", f'"Industry {evil}",产业区')
    (data / "zones.csv").write_text(zones)
    indicators = (data / "indicators.csv").read_text().replace("Leading clusters", f"Leading **clusters** {evil}")
    (data / "indicators.csv").write_text(indicators)
    sources = (data / "sources.csv").read_text().replace("统计公报", "统计公报 <img src=x onerror=alert(2)> {eval}`x`")
    (data / "sources.csv").write_text(sources)
    run = build(data, out)
    assert run.returncode == 0, run.stderr
    for path in out.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "<script>alert(1)" not in text, path
        assert "<img src=x onerror" not in text, path
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page(out, "zones/01-industry")
    assert "**clusters**" in page(out, "zones/01-industry")  # shown literally, not turned into bold


def titles_listed(page: Path) -> list[str]:
    """The page titles a page lists: its sidebar's contents and its previous/next links."""
    tree = lxml.html.fromstring(page.read_bytes())
    links = tree.xpath('//nav[contains(@class, "bd-docs-nav")]//a | //*[contains(@class, "prev-next-title")]')
    return [" ".join(a.text_content().split()) for a in links]


def test_a_renamed_page_is_renamed_in_every_pages_contents_and_links(minimal, tmp_path):
    """A data folder that gains its Chinese data dictionary renames that page of the Chinese edition (its English
    title, marked untranslated, then its own) while no other page's source changes. Every page lists every title
    (the sidebar, previous/next), so every page must be rewritten: none may keep listing the old title."""
    out = tmp_path / "_build" / "html"
    assert build(minimal, out).returncode == 0
    dictionary = lxml.html.fromstring((out / "zh" / "chapters" / "data-dictionary.html").read_bytes())
    old = " ".join(dictionary.xpath("//h1")[0].text_content().replace("#", "").split())  # its title before
    assert old in titles_listed(out / "zh" / "chapters" / "glossary.html")
    (minimal / "README.zh.md").write_text("# 数据说明书\n\n本文件夹的数据。\n", encoding="utf-8")
    run = build(minimal, out)
    assert run.returncode == 0, run.stderr
    pages = sorted((out / "zh" / "chapters").rglob("*.html"))
    assert len(pages) > 8
    stale = [p.name for p in pages if old in titles_listed(p)]
    assert not stale, f"pages still listing {old!r}: {stale}"
    assert all("数据说明书" in titles_listed(p) for p in pages)
