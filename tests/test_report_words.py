"""The book's own words (report.words): every key in every language, with the same placeholders, so a page never
falls back to another language's sentence or fails on a value it was not given."""

import string

from zonebook.edition import LANGUAGES
from zonebook.report import words


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_language_has_every_key():
    assert set(words.TEMPLATES) == set(LANGUAGES)
    for lang, templates in words.TEMPLATES.items():
        assert templates.keys() == words.EN.keys(), lang


def test_every_translation_takes_the_english_placeholders():
    for lang, templates in words.TEMPLATES.items():
        for key, english in words.EN.items():
            missing = placeholders(english) - placeholders(templates[key])
            extra = placeholders(templates[key]) - placeholders(english)
            assert not extra, (lang, key, extra)  # a value the code never passes
            assert all((key, name) in words.OPTIONAL for name in missing), (lang, key, missing)
