"""The handout: a deck as a PDF, each slide above its speaker notes, for print and for reading after the talk.

Drawn by WeasyPrint from the same slides the HTML deck shows (`html.slides_html`, the same markup and style), one
page per slide; no browser and no LibreOffice. A page is 1280 CSS px wide, the slide's own width, and as tall as A4 is
in proportion, so it prints on A4 whole.
"""

from __future__ import annotations

import html
import os
from pathlib import Path

from zonebook.decks.html import CSS, slides_html
from zonebook.decks.model import GREY, HTML_FONTS, INK, NAVY, RULE, Deck

PAGE = f"""
@page {{ size: 1280px 1810px; margin: 0; }}
html, body {{ margin: 0; }}
.reveal {{ font-family: {HTML_FONTS}; color: #{INK}; font-size: 32px; }}
.reveal .slides section {{ display: block; position: relative; width: 1280px; overflow: hidden;
        border-bottom: 2px solid #{RULE}; page-break-after: always; break-after: page; }}
.reveal .slides section aside.notes {{ display: block; position: absolute; top: 740px; left: 0; right: 0;
        padding: 0 {0.6 * 96:.0f}px; font-size: 24px; line-height: 1.4; color: #{INK}; }}
.reveal .slides section aside.notes::before {{ content: "{{notes}}"; display: block; font-weight: 700; margin-bottom: 8px; }}
.reveal .slides section {{ height: 1810px; }}
.reveal .slides section.zb-cover, .reveal .slides section.zb-divider {{ background: #fff; }}
.reveal .slides section.zb-cover .zb-below {{ background: #{NAVY}; height: {720 - 3.95 * 96:.0f}px; box-sizing: border-box; }}
.reveal .slides section.zb-divider h2 {{ color: #{NAVY}; }}
.reveal .slides section.zb-divider .zb-footer {{ color: #{GREY}; }}
.reveal .slides section > :not(aside) {{ max-height: 720px; }}
.reveal h1, .reveal h2 {{ font-family: {HTML_FONTS}; }}
.reveal img {{ max-width: 100%; }}
"""


def write_handout(deck: Deck, path: Path) -> Path:
    from weasyprint import HTML  # imported here: only a build that writes handouts pays for it

    page = (
        f'<!DOCTYPE html><html lang="{deck.language_tag}"><head><meta charset="utf-8"><title>{html.escape(deck.name)}'
        f'</title><style>{CSS}{PAGE.replace("{notes}", deck.notes_heading)}</style></head><body><div class="reveal"><div class="slides">{slides_html(deck)}'
        "</div></div></body></html>"
    )
    tmp = path.with_name(path.name + ".tmp")
    HTML(string=page).write_pdf(tmp)
    os.replace(tmp, path)
    return path
