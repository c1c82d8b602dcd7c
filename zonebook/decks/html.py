"""The HTML writer: a deck (deck_model) as a reveal.js page that runs offline.

The same slides and notes as the PowerPoint, charts embedded as PNG. **S** opens reveal.js's speaker view in a second
window (the notes, a timer, the next slide); the audience sees no keyboard help unless they press **?**. reveal.js and
its notes plugin are vendored (``zonebook/decks/vendor/reveal``) and copied beside the decks as ``reveal/``; no
network address anywhere in the file.
"""

from __future__ import annotations

import base64
import html
import os
import re
from pathlib import Path

from zonebook.decks.model import (
    BODY_BOTTOM,
    BODY_PT,
    BODY_TOP,
    BULLET_PT,
    CAPTION_PT,
    CONTENT_W,
    FOOTER_H,
    FOOTER_PT,
    FOOTER_TOP,
    GREY,
    HTML_FONTS,
    INK,
    MARGIN,
    NAVY,
    PX_PER_PT,
    RULE,
    STRIPE,
    TABLE_PT,
    TITLE_H,
    TITLE_MIN_PT,
    TITLE_PT,
    TITLE_TOP,
    Deck,
    Rich,
    Slide,
    Table,
    lines_needed,
    rich_text,
    text_height,
)

NETWORK = re.compile(r"\b(?:https?|ftp)://|(?<![\w:])//(?=[\w.-]+\.\w)", re.I)


def _h(text) -> str:
    """Escape data text for HTML. A web address in it is shown as written, its `:` and `/` as character
    references, so the file names no network address (the deck works offline and links nowhere)."""
    escaped = html.escape("" if text is None else str(text))
    return NETWORK.sub(lambda m: m[0].replace(":", "&#58;").replace("/", "&#47;"), escaped)


def _h_rich(segments: Rich) -> str:
    return "".join(f"<b>{_h(t)}</b>" if bold else _h(t) for t, bold in segments)


def _px(pt: float) -> str:
    return f"{pt * PX_PER_PT:.1f}px"


CSS = f"""
:root {{ --r-main-font: {HTML_FONTS}; --r-heading-font: {HTML_FONTS}; --r-main-color: #{INK}; --r-heading-color: #{NAVY};
        --r-heading-text-transform: none; --r-main-font-size: {_px(BODY_PT)}; }}
.reveal .slides {{ text-align: left; }}
.reveal .slides section {{ box-sizing: border-box; height: 720px; padding: {MARGIN * 96:.0f}px; padding-top: {TITLE_TOP * 96:.0f}px; }}
.reveal h2.zb-title {{ font-size: {_px(TITLE_PT)}; font-weight: 700; line-height: 1.2; margin: 0 0 {(BODY_TOP - TITLE_TOP - TITLE_H) * 96 + 8:.0f}px 0;
        min-height: {TITLE_H * 96:.0f}px; display: flex; align-items: center; border-left: 10px solid #{NAVY}; padding-left: 18px; margin-left: -28px; }}
.reveal h2.zb-title.zb-long {{ font-size: {_px(TITLE_MIN_PT)}; }}
.reveal p {{ margin: 0 0 12px 0; line-height: 1.3; }}
.reveal ul.zb-bullets {{ display: block; margin: 0 0 0 1em; font-size: {_px(BULLET_PT)}; line-height: 1.3; }}
.reveal ul.zb-bullets li {{ margin-bottom: 14px; }}
.reveal ul.zb-bullets.zb-small {{ font-size: {_px(BODY_PT)}; }}
.reveal table.zb-table {{ border-collapse: collapse; table-layout: fixed; font-size: {_px(TABLE_PT)}; margin: 0; width: {CONTENT_W * 96:.0f}px; }}
.reveal table.zb-table th {{ background: #{NAVY}; color: #fff; font-weight: 700; text-align: left; padding: 5px 10px; border: 0; line-height: 1.25; }}
.reveal table.zb-table td {{ padding: 5px 10px; border: 0; border-bottom: 1px solid #{RULE}; vertical-align: middle; line-height: 1.25; }}
.reveal table.zb-table tr:nth-child(even) td {{ background: #{STRIPE}; }}
.reveal table.zb-table td.zb-num {{ text-align: right; font-variant-numeric: tabular-nums; }}
.reveal figure.zb-chart {{ margin: 0; display: flex; flex-direction: column; align-items: center; }}
.reveal figure.zb-chart img {{ margin: 0; object-fit: contain; }}
.reveal figure.zb-chart figcaption {{ align-self: stretch; font-size: {_px(CAPTION_PT)}; color: #{GREY}; margin-top: 6px; line-height: 1.25; }}
.reveal .zb-tiles {{ display: flex; gap: 19px; margin: 10px 0 34px 0; }}
.reveal .zb-tile {{ flex: 1; height: 168px; color: #fff; display: flex; flex-direction: column; justify-content: center; align-items: center; text-align: center; }}
.reveal .zb-tile b {{ font-size: {_px(40)}; line-height: 1.1; }}
.reveal .zb-tile span {{ font-size: {_px(16)}; }}
.reveal .slides section.zb-cover {{ padding: 0; }}
.reveal .zb-band {{ background: #{NAVY}; color: #fff; height: {3.95 * 96:.0f}px; box-sizing: border-box; padding: 0 {MARGIN * 96:.0f}px;
        display: flex; flex-direction: column; justify-content: flex-end; padding-bottom: 26px; }}
.reveal .zb-band h1 {{ color: #fff; font-size: {_px(48)}; margin: 0; line-height: 1.2; font-weight: 700; }}
.reveal .zb-band .zb-en {{ font-size: {_px(32)}; margin: 0 0 14px 0; }}
.reveal .zb-band .zb-kicker {{ font-size: {_px(20)}; color: #D6E4F0; margin: 0; }}
.reveal .zb-below {{ padding: 10px {MARGIN * 96:.0f}px 0 {MARGIN * 96:.0f}px; font-size: {_px(BODY_PT)}; }}
.reveal .zb-below .zb-dates {{ color: #{GREY}; }}
.reveal .zb-below .zb-who {{ font-weight: 700; color: #D6E4F0; margin-bottom: 4px; }}
.reveal .slides section.zb-cover, .reveal .slides section.zb-divider {{ background: #{NAVY}; }}
.reveal .slides section.zb-cover .zb-below, .reveal .slides section.zb-cover .zb-below p {{ color: #fff; }}
.reveal .slides section.zb-cover .zb-below .zb-dates {{ color: #D6E4F0; }}
.reveal .slides section.zb-divider h2 {{ color: #fff; font-size: {_px(TITLE_PT)}; margin-top: 250px; }}
.reveal .zb-footer {{ position: absolute; left: {MARGIN * 96:.0f}px; top: {FOOTER_TOP * 96:.0f}px; height: {FOOTER_H * 96:.0f}px;
        width: {(CONTENT_W - 1.6) * 96:.0f}px; font-size: {_px(FOOTER_PT)}; color: #{GREY}; display: flex; align-items: center; }}
.reveal .zb-divider .zb-footer {{ color: #D6E4F0; }}
.reveal .slide-number {{ font-size: {_px(FOOTER_PT)}; background: transparent; color: #{GREY}; right: 90px; bottom: 12px; }}
.reveal .controls {{ bottom: 6px; right: 6px; }}
.reveal .speaker-notes {{ font-family: {HTML_FONTS}; white-space: normal; }}
.reveal .speaker-notes p {{ margin: 0 0 8px 0; }}
"""


def _html_table(table: Table) -> str:
    total = sum(table.widths)
    cols = "".join(f'<col style="width:{w / total * 100:.2f}%">' for w in table.widths)
    head = "".join(f"<th>{_h(h)}</th>" for h in table.headers)
    body = []
    shades = table.shades or [None] * len(table.rows)
    for row, shade in zip(table.rows, shades):
        style = f' style="background:#{shade}"' if shade else ""
        num = ' class="zb-num"'
        cells = "".join(f"<td{style}{num if c in table.numeric else ''}>{_h(v)}</td>" for c, v in enumerate(row))
        body.append(f"<tr>{cells}</tr>")
    return f'<table class="zb-table"><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def _html_slide(s: Slide, footer: str = "", backup_mark: str = "Backup · ") -> str:
    notes = '<aside class="notes">' + "".join(f"<p>{_h(n)}</p>" for n in s.notes if n) + "</aside>"
    if s.cover:
        c = s.cover
        who = " · ".join(t for t in (c.presenter, c.event) if t)
        return (
            f'<section class="zb-cover" data-title="{_h(s.title)}"><div class="zb-band"><h1>{_h(c.title)}</h1>'
            f'<p class="zb-en">{_h(c.subtitle)}</p><p class="zb-kicker">{_h(c.kicker)}</p></div>'
            f'<div class="zb-below">{f"<p>{_h(c.summary)}</p>" if c.summary else ""}'
            f'{f"<p class=zb-who>{_h(who)}</p>" if who else ""}<p class="zb-dates">{_h(c.dates)}</p></div>{notes}</section>'
        )
    foot = f'<div class="zb-footer">{_h((backup_mark if s.backup and not s.divider else "") + footer)}</div>'
    if s.divider:
        return f'<section class="zb-divider" data-title="{_h(s.title)}"><h2>{_h(s.title)}</h2>{foot}{notes}</section>'
    long = "" if lines_needed(s.title, CONTENT_W, TITLE_PT) == 1 else " zb-long"
    parts = [f'<h2 class="zb-title{long}">{_h(s.title)}</h2>']
    used = BODY_TOP
    if s.tiles:
        parts.append(
            '<div class="zb-tiles">'
            + "".join(
                f'<div class="zb-tile" style="background:#{t.colour}"><b>{t.count}</b><span>{_h(t.label)}</span></div>'
                for t in s.tiles
            )
            + "</div>"
        )
        used += 2.2
    if s.lead:
        parts.append(f"<p>{_h_rich(s.lead)}</p>")
        used += text_height(rich_text(s.lead), CONTENT_W, BODY_PT) + 0.1
    if s.bullets:
        small = " zb-small" if s.tiles else ""
        parts.append(f'<ul class="zb-bullets{small}">' + "".join(f"<li>{_h_rich(b)}</li>" for b in s.bullets) + "</ul>")
    if s.table:
        parts.append(_html_table(s.table))
    if s.chart:
        caption_h = text_height(s.chart.caption, CONTENT_W, CAPTION_PT, spacing=1.2)
        height = (BODY_BOTTOM - used - caption_h - 0.1) * 96
        data = base64.b64encode(s.chart.png).decode("ascii")
        parts.append(
            f'<figure class="zb-chart"><img src="data:image/png;base64,{data}" alt="{_h(s.chart.alt)}" '
            f'style="width:{CONTENT_W * 96:.0f}px;height:{height:.0f}px"><figcaption>{_h(s.chart.caption)}</figcaption></figure>'
        )
    return f'<section data-title="{_h(s.title)}">{"".join(parts)}{foot}{notes}</section>'


def slides_html(deck: Deck) -> str:
    """The deck's slides as reveal.js sections (the HTML deck's and the handout's)."""
    return "\n".join(_html_slide(s, deck.footer, deck.backup_mark) for s in deck.slides)


def write_html(deck: Deck, path: Path, assets: str = "reveal") -> Path:
    slides = slides_html(deck)
    page = f"""<!DOCTYPE html>
<html lang="{deck.language_tag}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="zonebook">
<title>{_h(deck.name)}</title>
<link rel="stylesheet" href="{assets}/reset.css">
<link rel="stylesheet" href="{assets}/reveal.css">
<link rel="stylesheet" href="{assets}/theme/white.css">
<style>{CSS}</style>
</head>
<body>
<div class="reveal"><div class="slides">
{slides}
</div></div>
<script src="{assets}/reveal.js"></script>
<script src="{assets}/plugin/notes/notes.js"></script>
<script>
Reveal.initialize({{
  width: 1280, height: 720, margin: 0.04, center: false, hash: true, transition: "none",
  slideNumber: "c/t", showSlideNumber: "all", controls: true, controlsLayout: "bottom-right", progress: true,
  showNotes: false, help: true, plugins: [RevealNotes]
}});
</script>
</body>
</html>
"""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(page, encoding="utf-8")
    os.replace(tmp, path)
    return path
