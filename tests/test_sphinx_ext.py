"""The book's Sphinx extension: its faster Chinese search language must index exactly as Sphinx's own."""

from conftest import ROOT
from sphinx.search.zh import SearchChinese

from zonebook import load
from zonebook.sphinx_ext import FastSearchChinese


def index_words(language_class, texts: list[str]) -> list[list[str]]:
    """What the search indexer keeps of each text: its words split, stemmed and filtered, in order."""
    language = language_class({})
    if isinstance(language.latin_terms, list):
        language.latin_terms.clear()  # Sphinx keeps these on the class: start from none, as a fresh build does
    pages = []
    for text in texts:
        words = [language.stem(w) for w in language.split(text)]
        pages.append([w for w in words if language.word_filter(w)])
    return pages


def test_fast_chinese_search_indexes_exactly_as_sphinx():
    ds = load(ROOT / "data")
    texts = [
        "GDP and R&D: the 613 industrial system, AI and IT services; an NEV plant; SME growth rates.",
        *ds.observations["quote"].head(120),
        *(f"{r.name_en} {r.name_zh} {r.unit}" for r in ds.indicators.itertuples(index=False)),
        "The ESG and UN goals, as is: GDP again, R&D again, 扬州 again; its plan was set.",
    ]
    fast, sphinx = index_words(FastSearchChinese, texts), index_words(SearchChinese, texts)
    assert fast == sphinx
    flat = {w for page in fast for w in page}
    assert "its" in flat  # a short word that stemming would cut below three letters is kept whole
    assert "扬州" in flat and "industri" in flat  # Chinese segmented, English stemmed
