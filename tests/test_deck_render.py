"""The decks as a presenter's machine draws them: every .pptx rendered by LibreOffice and read back with poppler.

Rendered once per session (LibreOffice takes seconds a deck), for the shipped data and the fixture city.
"""

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from zonebook.decks import model

pytestmark = pytest.mark.slow
SOFFICE = shutil.which("soffice")
NS = {"x": "http://www.w3.org/1999/xhtml"}


@pytest.fixture(scope="module", params=["data", "other-city"])
def rendered(request, written_decks, tmp_path_factory):
    """Every deck of a data folder rendered by LibreOffice: the English and the Chinese decks at once, each by a
    LibreOffice of its own (one profile each: two cannot share one), into a folder of the test's."""
    if not SOFFICE or not shutil.which("pdftotext"):
        pytest.skip("LibreOffice and poppler are installed by tools/system-packages.sh")
    written = written_decks(request.param)
    out = tmp_path_factory.mktemp(f"render-{request.param}")
    decks, renders = [], []
    for lang, folder in (("en", written), ("zh", written / "zh")):
        found = sorted(folder.glob("*.pptx"))
        target = out / ("" if lang == "en" else lang)
        target.mkdir(exist_ok=True)
        for deck in found:
            shutil.copy(deck, target / deck.name)
            shutil.copy(deck.with_suffix(".html"), target / deck.with_suffix(".html").name)
        command = [SOFFICE, "--headless", f"-env:UserInstallation=file://{out}/lo-{lang}", "--convert-to", "pdf"]
        renders.append(
            subprocess.Popen(
                [*command, "--outdir", str(target), *(str(target / d.name) for d in found)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
        )
        decks += [target / d.name for d in found]
    for render in renders:
        _, err = render.communicate(timeout=600)
        assert render.returncode == 0, err
    if (written / "reveal").is_dir():
        shutil.copytree(written / "reveal", out / "reveal")
    if (written / "zh" / "reveal").is_dir():
        shutil.copytree(written / "zh" / "reveal", out / "zh" / "reveal")
    return request.param, out, decks


def pages(pdf: Path):
    """Each page of a PDF as (width, height, [(xmin, ymin, xmax, ymax, text) of each text block])."""
    xml = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    root = ET.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", xml))
    for page in root.iter("{http://www.w3.org/1999/xhtml}page"):
        blocks = []
        for block in page.iter("{http://www.w3.org/1999/xhtml}block"):
            words = " ".join(w.text or "" for w in block.iter("{http://www.w3.org/1999/xhtml}word"))
            box = [float(block.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")]
            blocks.append((*box, words))
        yield float(page.get("width")), float(page.get("height")), blocks


def test_no_text_leaves_the_slide_and_every_slide_but_the_cover_has_its_number(rendered):
    _, out, decks = rendered
    for deck in decks:
        found = list(pages(deck.with_suffix(".pdf")))
        assert len(found) == len(Presentation(str(deck)).slides), deck.name
        for number, (width, height, blocks) in enumerate(found, 1):
            for x0, y0, x1, y1, text in blocks:
                assert x0 >= 0 and y0 >= 0 and x1 <= width + 0.5 and y1 <= height + 0.5, (deck.name, number, text)
            if number > 1:
                assert any(re.fullmatch(rf"{number} / {len(found)}", t) for *_, t in blocks), (deck.name, number)


def test_no_two_text_blocks_overlap(rendered):
    _, out, decks = rendered
    for deck in decks:
        for number, (_, _, blocks) in enumerate(pages(deck.with_suffix(".pdf")), 1):
            for i, a in enumerate(blocks):
                for b in blocks[i + 1 :]:
                    dx = min(a[2], b[2]) - max(a[0], b[0])
                    dy = min(a[3], b[3]) - max(a[1], b[1])
                    assert dx <= 1 or dy <= 1, (deck.name, number, a[4][:40], b[4][:40])


def test_pictures_are_sharp_at_their_placed_size_and_runs_legible(rendered):
    _, _, decks = rendered
    for deck in decks:
        for number, slide in enumerate(Presentation(str(deck)).slides, 1):
            for shape in slide.shapes:
                if shape.shape_type == MSO_SHAPE_TYPE.PICTURE:
                    w, h = model.png_size(shape.image.blob)
                    dpi = min(w / (shape.width / 914400), h / (shape.height / 914400))
                    assert dpi >= 199.5, (deck.name, number, dpi)
                if shape.has_text_frame:
                    for p in shape.text_frame.paragraphs:
                        for run in p.runs:
                            if run.text.strip():
                                assert run.font.size is None or run.font.size.pt >= 14, (deck.name, number, run.text)


def test_each_citys_decks_name_their_own_city_and_never_the_other(rendered):
    """The city on every deck comes from the edition (book.yml): the shipped data's decks name its city, the
    fixture city's never the shipped one, and neither names the other."""
    import zonebook

    name, out, decks = rendered
    folders = {"data": ROOT / "data", "other-city": FIXTURES / "other-city"}
    mine = zonebook.load(folders[name]).edition.city
    theirs = zonebook.load(folders["other-city" if name == "data" else "data"]).edition.city
    city_deck = ""
    for deck in decks:
        text = subprocess.run(["pdftotext", str(deck.with_suffix(".pdf")), "-"], capture_output=True, text=True).stdout
        notes = "\n".join(s.notes_slide.notes_text_frame.text for s in Presentation(str(deck)).slides)
        html = deck.with_suffix(".html").read_text(encoding="utf-8")
        for where in (text, notes, html):
            assert theirs["en"] not in where and theirs["zh"] not in where, deck.name
        if deck.stem == "00-city" and deck.parent == out:
            city_deck = text
    assert mine["zh"] in city_deck  # the cover: the edition's own city


# --- the HTML decks in headless Chromium ---------------------------------------------------------

pytest.register_assert_rewrite("browser")
from browser import serve  # noqa: E402

pytest_plugins = ["browser"]

BOXES = """() => {
  const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const slide = Reveal.getCurrentSlide();
  const parts = [...slide.querySelectorAll('h1, h2, p, li, table, img, figcaption, .zb-tile, .zb-footer')]
    .filter(e => !e.closest('aside'));
  const controls = [...document.querySelectorAll('.reveal .controls button, .reveal .slide-number')]
    .filter(e => getComputedStyle(e).display !== 'none' && e.getBoundingClientRect().width > 0);
  return { slide: box(slide), parts: parts.map(e => [e.tagName + '.' + e.className, box(e)]),
           controls: controls.map(box), help: !!document.querySelector('.reveal .overlay-help') };
}"""


def overlaps(a, b, slack=1.0) -> bool:
    return min(a[2], b[2]) - max(a[0], b[0]) > slack and min(a[3], b[3]) - max(a[1], b[1]) > slack


def test_html_slides_stay_inside_the_slide_clear_of_the_controls_with_a_speaker_view(rendered, tab):
    _, out, decks = rendered
    with serve(out) as root:
        for deck in decks:
            page = tab.page
            page.set_viewport_size({"width": 1280, "height": 720})
            page.goto(f"{root}{deck.relative_to(out).with_suffix('.html').as_posix()}", wait_until="load")
            page.wait_for_function("() => window.Reveal && Reveal.isReady()")
            every = page.evaluate(  # each slide shown in turn and measured, in one call
                f"() => {{ const boxes = {BOXES}; const found = [];"
                "for (let n = 0; n < Reveal.getTotalSlides(); n++) { Reveal.slide(n); found.push(boxes()); }"
                "return found; }"
            )
            assert len(every) == len(Presentation(str(deck)).slides), deck.name
            for n, found in enumerate(every):
                assert not found["help"], (deck.name, n + 1)  # no keyboard help unless asked for
                s = found["slide"]
                for name, b in found["parts"]:
                    assert b[0] >= s[0] - 1 and b[1] >= s[1] - 1 and b[2] <= s[2] + 1 and b[3] <= s[3] + 1, (
                        deck.name,
                        n + 1,
                        name,
                    )
                    for c in found["controls"]:
                        assert not overlaps(b, c), (deck.name, n + 1, name, "under the controls")
                for i, (name, b) in enumerate(found["parts"]):
                    for other, c in found["parts"][i + 1 :]:
                        assert not overlaps(b, c), (deck.name, n + 1, name, other)
            if deck == min(d for d in decks if d.parent == deck.parent):  # one deck of each language: the same page
                with page.expect_popup() as popup:  # template (decks/html.py) makes them all
                    page.keyboard.press("s")
                speaker = popup.value
                speaker.wait_for_load_state()
                speaker.wait_for_selector(".speaker-controls-notes", timeout=10000)
                speaker.close()
            assert not tab.errors, (deck.name, tab.errors)
