"""The Chinese decks (#15): every deck of the city and its zones in Chinese, PowerPoint and HTML, beside the English.

Titles, readings, tables and speaker notes in Chinese; every run with Chinese tagged zh-CN with 微软雅黑 as its
East-Asian typeface; the HTML deck lang="zh-CN". The expected sentences come from the analysis and its Chinese
rendering (readings_zh), never from the decks' own output.
"""

import re
import string

import pytest
from conftest import FIXTURES, ROOT
from pptx import Presentation
from pptx.oxml.ns import qn

import zonebook
from zonebook.analysis import readings, readings_zh
from zonebook.data import CITY
from zonebook.decks import model, slides, words

pytestmark = pytest.mark.slow  # writes every deck, in both languages

NAMED = re.compile(r"\b[ABC](?=级)|PowerPoint|WPS|GitHub")  # a tier (A级) and products are named in Latin letters
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
LATIN = re.compile(r"[A-Za-z]")
URL = re.compile(r"(?:https?://|www\.)\S+|\S+\.(?:csv|html|com|cn|net|org)\S*")


def uncited(text: str, mark: str = "") -> str:
    """`text` without the sources' titles (《…》, nested ones too): they are kept as the data writes them."""
    out, depth = [], 0
    for ch in text:
        depth += ch == "《"
        if depth == 0:
            out.append(ch)
        depth -= ch == "》" and depth > 0
        if ch == "》" and depth == 0:
            out.append(mark)
    return "".join(out)


@pytest.fixture(scope="module", params=["data", "other-city"])
def written(request, written_decks):
    data = ROOT / "data" if request.param == "data" else FIXTURES / "other-city"
    return zonebook.load(data), written_decks(request.param)


def stems(ds) -> list[tuple[str, str | None]]:
    return [("00-city", None)] + [(f"{z.order:02d}-{z.zone}", z.zone) for z in ds.zones.itertuples(index=False)]


def share_cjk(text: str) -> float:
    """The share of Chinese characters among the letters of `text`, leaving out web addresses, file names and the
    titles the data writes (the sources' own words)."""
    text = NAMED.sub("", uncited(URL.sub("", text)))
    han, latin = len(CJK.findall(text)), len(LATIN.findall(text))
    return han / (han + latin) if han + latin else 1.0


def runs(element):
    for run in element.iter(qn("a:r")):
        yield "".join(t.text or "" for t in run.iter(qn("a:t"))), run.find(qn("a:rPr"))


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_deck_word_has_its_chinese_with_no_placeholder_english_lacks():
    """The same keys; a Chinese template uses only what the English one is given, save the report's title on the
    covers (where an English cover names the part in English, a Chinese one names the report)."""
    assert set(words.ZH) == set(words.EN)
    for key, english in words.EN.items():
        extra = {"title"} if key in ("zone-subtitle", "city-subtitle") else set()
        assert placeholders(words.ZH[key]) <= placeholders(english) | extra, key


def test_every_deck_is_written_in_chinese_beside_the_english(written):
    ds, out = written
    for stem, _ in stems(ds):
        for ext in ("pptx", "html"):
            assert (out / stem).with_suffix(f".{ext}").is_file() and (out / "zh" / f"{stem}.{ext}").is_file()
        english = Presentation(str(out / f"{stem}.pptx"))
        chinese = Presentation(str(out / "zh" / f"{stem}.pptx"))
        assert chinese.core_properties.language == "zh-CN" and english.core_properties.language == "en"
        html = (out / "zh" / f"{stem}.html").read_text(encoding="utf-8")
        assert '<html lang="zh-CN">' in html, stem
        assert '<html lang="en">' in (out / f"{stem}.html").read_text(encoding="utf-8"), stem


def test_titles_tables_and_notes_are_chinese(written):
    """At least 80 % of the letters are Chinese, outside what the data names in Latin letters (web addresses, file
    names, sources' titles and publishers: “igu888转载”)."""
    ds, out = written
    publishers = sorted(set(words.Voice(ds, "zh").publishers.values()), key=len, reverse=True)
    for stem, _ in stems(ds):
        for number, slide in enumerate(Presentation(str(out / "zh" / f"{stem}.pptx")).slides, 1):
            title = slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""
            assert share_cjk(title) >= 0.8, (stem, number, title)
            for shape in slide.shapes:
                if shape.has_table:
                    header = " ".join(c.text for c in shape.table.rows[0].cells)
                    assert share_cjk(header) == 1.0, (stem, number, header)
            notes = slide.notes_slide.notes_text_frame.text
            spoken = notes
            for name in publishers:
                spoken = spoken.replace(name, "")
            assert notes and share_cjk(spoken) >= 0.8, (stem, number, notes[:80])
            assert len(notes) <= slides.NOTES_LIMIT, (stem, number)


def test_no_english_words_of_the_decks_in_the_chinese_decks(written):
    """No fixed English wording of the decks (the literal words of every English template) in a Chinese deck."""
    ds, out = written
    phrases = set()
    for english in words.EN.values():
        for literal, *_ in string.Formatter().parse(english):
            phrases |= {p.strip() for p in re.split(r"[.;:,()]", literal) if len(p.strip().split()) >= 2}
    for stem, _ in stems(ds):
        prs = Presentation(str(out / "zh" / f"{stem}.pptx"))
        text = "\n".join(t for s in prs.slides for t, _ in runs(s._element))
        text += "\n".join(s.notes_slide.notes_text_frame.text for s in prs.slides)
        text += (out / "zh" / f"{stem}.html").read_text(encoding="utf-8")
        text = uncited(text)
        found = [p for p in phrases if p in text]
        assert not found, (stem, found[:5])


def test_the_readings_are_the_analysis_sentences_in_chinese(written):
    """The key findings slide's bullets are the part's takeaways (the city's: the key findings) as readings_zh
    writes them."""
    ds, out = written
    chinese = readings_zh.Chinese(ds)
    for stem, zone in stems(ds):
        found = readings.findings(ds) if zone is None else readings.takeaways(ds, zone)
        expected = [words.tidy(chinese.sentence(r)) for r in found]
        prs = Presentation(str(out / "zh" / f"{stem}.pptx"))
        slide = next(
            s for s in prs.slides if s.shapes.title is not None and s.shapes.title.text_frame.text == "主要发现"
        )
        body = [p.text for sh in slide.placeholders if sh != slide.shapes.title for p in sh.text_frame.paragraphs]
        bullets = [b for b in body if b]
        assert bullets and bullets == expected[: len(bullets)], stem


def test_every_chinese_run_is_tagged_zh_cn_with_microsoft_yahei(written):
    ds, out = written
    for stem, _ in stems(ds):
        prs = Presentation(str(out / "zh" / f"{stem}.pptx"))
        for number, slide in enumerate(prs.slides, 1):
            for element in (slide._element, slide.notes_slide._element):
                for text, props in runs(element):
                    if not CJK.search(text):
                        continue
                    assert props is not None and props.get("lang") == "zh-CN", (stem, number, text)
                    ea = props.find(qn("a:ea"))
                    assert ea is not None and ea.get("typeface") == model.EA_FONT == "Microsoft YaHei", (stem, number)


def test_chinese_conventions(written):
    """《》 around titles, no space between a number and its Chinese unit, full-width punctuation between Chinese
    characters (outside the titles the data writes), dates as 2026年2月25日."""
    ds, out = written
    day = model.build_date()
    for stem, _ in stems(ds):
        prs = Presentation(str(out / "zh" / f"{stem}.pptx"))
        said = [t for s in prs.slides for t, _ in runs(s._element)]
        said += [s.notes_slide.notes_text_frame.text for s in prs.slides]
        for text in said:
            bare = uncited(text, "《》")
            assert not re.search(r"\d\s+[\u3400-\u9fff]", bare), (stem, text)
            assert not re.search(r"[\u3400-\u9fff][,;:?!()][\u3400-\u9fff]", bare), (stem, text)
            assert "«" not in text and "“《" not in text, (stem, text)
        cover = " ".join(sh.text_frame.text for sh in prs.slides[0].shapes if sh.has_text_frame)
        assert f"{day.year}年{day.month}月{day.day}日" in cover, stem


def test_a_bounded_figure_in_a_chinese_table_is_written_in_words_as_the_book_writes_it(written):
    """超8000亿元, 50家以上, 不超过20: a Chinese deck's tables say a bound as the book's tables and sentences do,
    never with a symbol (>8000, ≥50, ≤20, ≈5.5) before a figure."""
    ds, out = written
    worded = 0
    for stem, _ in stems(ds):
        prs = Presentation(str(out / "zh" / f"{stem}.pptx"))
        cells = [
            c.text for s in prs.slides for sh in s.shapes if sh.has_table for row in sh.table.rows for c in row.cells
        ]
        for text in cells:
            assert not re.search(r"[<>≤≥≈]\s*\d", text), (stem, text)
        worded += sum(bool(re.search(r"超\d|\d[^\s]*以上|不超过\d|\d[^\s]*以下", t)) for t in cells)
    bounded = ds.observations["bound"].isin(["gt", "ge", "lt", "le"]).any()
    assert worded or not bounded, "the data has bounded figures, and the tables show some of them"


def test_the_city_and_zone_names_are_the_datas_chinese(written):
    ds, out = written
    for stem, zone in stems(ds):
        cover = Presentation(str(out / "zh" / f"{stem}.pptx")).slides[0]
        text = " ".join(sh.text_frame.text for sh in cover.shapes if sh.has_text_frame)
        name = f"{ds.edition.city['zh']}全市" if zone is None else ds.zone(zone)["name_zh"]
        assert name in text, stem
        assert (ds.edition.city["en"] or "") not in text or not ds.edition.city["en"], stem


def test_both_languages_come_from_one_analysis(monkeypatch, tmp_path):
    """The decks of both languages are drawn from one computation of each deck's analysis."""
    ds = zonebook.load(FIXTURES / "minimal")
    calls = []
    real = slides.part_of
    monkeypatch.setattr(slides, "part_of", lambda ds, zone: calls.append(zone) or real(ds, zone))
    slides.write_decks(ds, tmp_path)
    assert sorted(calls, key=str) == sorted([None, *ds.zones["zone"]], key=str)
    assert len(list(tmp_path.glob("*.pptx"))) == len(list((tmp_path / "zh").glob("*.pptx"))) == len(calls)


def test_the_chinese_city_deck_says_city_wide_in_chinese():
    ds = zonebook.load(ROOT / "data")
    deck = slides.city_deck(ds, model.build_date(), lang="zh")
    labels = slides.zone_labels(ds, v=words.Voice(ds, "zh"))
    assert labels[CITY] == "全市" and all(share_cjk(label) == 1.0 for label in labels.values())
    assert deck.lang == "zh" and deck.backup_mark.startswith("备用")


@pytest.mark.slow
def test_each_editions_pages_link_that_editions_decks(other_city_book):
    """A chapter's deck links resolve, from the Chinese edition's page, to the Chinese decks in zh/slides/ (and from
    the English page to the English decks), and say so in the page's language."""
    book = other_city_book
    for edition, lang in (("", "en"), ("zh", "zh-CN")):
        pages = sorted((book / edition / "chapters").rglob("*.html"))
        linked = 0
        for page in pages:
            html = page.read_text(encoding="utf-8")
            block = re.search(r'<p class="zb-decks">(.*?)</p>', html, re.S)
            if not block:
                continue
            targets = re.findall(r'href="([^"]+\.(?:pptx|html))"', block[1])
            assert len(targets) == 2, page
            for target in targets:
                deck = (page.parent / target).resolve()
                assert deck.parent == (book / edition / "slides").resolve() and deck.is_file(), (page, target)
                if deck.suffix == ".pptx":
                    assert Presentation(str(deck)).core_properties.language == lang, (page, target)
                else:
                    assert f'<html lang="{lang}">' in deck.read_text(encoding="utf-8"), (page, target)
            text = re.sub(r"<[^>]+>", "", block[1])
            assert (share_cjk(text) >= 0.8) == (lang == "zh-CN"), (page, text)
            linked += 1
        assert linked >= 2, edition  # the city overview and every zone chapter


def test_the_chinese_handout_is_each_slide_above_its_chinese_notes(tmp_path):
    import subprocess

    from zonebook.decks.handout import write_handout

    ds = zonebook.load(FIXTURES / "minimal")
    deck = slides.zone_deck(ds, ds.zones["zone"].iloc[0], model.build_date(), lang="zh")
    pdf = write_handout(deck, tmp_path / "h.pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert f"Pages:           {len(deck.slides)}" in info
    for number, slide in enumerate(deck.slides, 1):
        text = subprocess.run(
            ["pdftotext", "-f", str(number), "-l", str(number), str(pdf), "-"], capture_output=True, text=True
        ).stdout
        assert "备注" in text and "".join(slide.notes[0].split())[:20] in "".join(text.split()), (number, slide.title)


def test_the_chinese_talk_is_as_short_and_its_appendix_marked_in_chinese(written):
    ds, out = written
    spoken = words.Voice(ds, "zh")
    for stem, zone in stems(ds):
        part = slides.part_of(ds, zone)
        if zone is None:
            deck, limit = slides.city_deck(ds, model.build_date(), part=part, voice=spoken), slides.CITY_SLIDES
        else:
            deck, limit = slides.zone_deck(ds, zone, model.build_date(), part=part, voice=spoken), slides.ZONE_SLIDES
        assert len(deck.main) <= limit and deck.main[-1].title == words.ZH["closing"], stem
        prs = Presentation(str(out / "zh" / f"{stem}.pptx"))
        assert len(prs.slides) == len(deck.slides), stem
        for number, slide in enumerate(list(prs.slides)[len(deck.main) + 1 :], len(deck.main) + 2):
            texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
            assert any(t.startswith(words.ZH["backup-mark"]) for t in texts), (stem, number)
