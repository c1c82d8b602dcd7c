"""Markdown from a data folder (its README) as MyST that can only ever be text and plain structure.

MyST is a trusted format: a fence named ``{include}`` reads any file on the build machine, ``{eval-rst}``
and ``{raw}`` pass HTML through, roles, Jinja substitutions and ``$…$`` act. So the README is never handed
to MyST as written. It is parsed as CommonMark (with tables) by markdown-it-py with raw HTML off, and
written back as MyST from the parse tree: every piece of text escaped (pages.md), code as code, only
http(s) links as links. What survives is structure — headings, paragraphs, lists, quotes, tables,
emphasis, code — and everything else shows as the characters the author typed.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

from zonebook.report.links import web_address
from zonebook.report.pages import md, md_spaced

_PARSER = MarkdownIt("commonmark", {"html": False}).enable("table")
_LANGUAGE = re.compile(r"[A-Za-z0-9_+.-]+")  # a fence's info string that only names a language for highlighting


def to_myst(source: str, title: str = "Data dictionary") -> str:
    """`source` (CommonMark) as inert MyST. The page gets one top heading (the first, or `title`), and heading
    levels never skip (a skipped level is a Sphinx warning, and the book builds with warnings as errors)."""
    lines = source.splitlines()
    blocks = [_block(node, lines) for node in SyntaxTreeNode(_PARSER.parse(source)).children]
    if not blocks or not re.match(r"#{1,6} ", blocks[0]):
        blocks.insert(0, f"# {md(title)}")
    blocks = _levelled(blocks)
    return "\n\n".join(b for b in blocks if b) + "\n"


def _levelled(blocks: list[str]) -> list[str]:
    """Heading levels rewritten: the first heading is the page's title (#), later ones are ## or deeper,
    and each is at most one deeper than the one before."""
    out, previous = [], 0
    for block in blocks:
        m = re.match(r"(#{1,6}) ", block)
        if m:
            level = 1 if previous == 0 else max(2, min(len(m[1]), previous + 1))
            block = "#" * level + block[len(m[1]) :]
            previous = level
        out.append(block)
    return out


def _block(node: SyntaxTreeNode, lines: list[str]) -> str:
    kind = node.type
    if kind == "heading":
        return f"{node.markup} {_inline(node.children)}"
    if kind == "paragraph":
        return _inline(node.children)
    if kind in ("bullet_list", "ordered_list"):
        return _list(node, lines)
    if kind == "blockquote":
        inner = "\n\n".join(_block(child, lines) for child in node.children)
        return "\n".join(f"> {line}" if line else ">" for line in inner.splitlines())
    if kind in ("fence", "code_block"):
        info = node.info.strip()
        if kind == "fence" and info and not _LANGUAGE.fullmatch(info):
            start, end = node.map
            return _code(
                "\n".join(lines[start:end]), ""
            )  # a directive or anything else: shown as typed, fences and all
        return _code(node.content.rstrip("\n"), info if kind == "fence" else "")
    if kind == "hr":
        return "***"
    if kind == "table":
        return _table(node)
    return md(node.content if hasattr(node, "content") else "")  # nothing else is parsed with this preset


def _list(node: SyntaxTreeNode, lines: list[str]) -> str:
    number = int(node.attrs.get("start", 1)) if node.type == "ordered_list" else 0
    tight = all(p.hidden for item in node.children for p in item.children if p.type == "paragraph")
    items = []
    for n, item in enumerate(node.children):
        marker = f"{number + n}. " if node.type == "ordered_list" else "- "
        body = ("\n" if tight else "\n\n").join(_block(child, lines) for child in item.children) or ""
        indent = " " * len(marker)
        items.append(marker + body.replace("\n", "\n" + indent).replace("\n" + indent + "\n", "\n\n"))
    return ("\n" if tight else "\n\n").join(items)


def _code(content: str, info: str) -> str:
    fence = "`" * max(3, 1 + max((len(run) for run in re.findall(r"`+", content)), default=0))
    return f"{fence}{info}\n{content}\n{fence}"


def _table(node: SyntaxTreeNode) -> str:
    rows = [row for part in node.children for row in part.children]  # thead, tbody → tr
    out = []
    for n, row in enumerate(rows):
        out.append("| " + " | ".join(_inline(cell.children) for cell in row.children) + " |")
        if n == 0:
            aligns = [(cell.attrs.get("style") or "").removeprefix("text-align:") for cell in row.children]
            out.append(
                "|" + "|".join({"left": ":---", "right": "---:", "center": ":---:"}.get(a, "---") for a in aligns) + "|"
            )
    return "\n".join(out)


def _inline(nodes) -> str:
    return "".join(_span(node) for node in nodes)


def _span(node: SyntaxTreeNode) -> str:
    kind = node.type
    if kind == "inline":
        return _inline(node.children)
    if kind == "text":
        return md_spaced(node.content)  # its spaces matter: it sits between other spans
    if kind == "code_inline":
        ticks = "`" * (1 + max((len(run) for run in re.findall(r"`+", node.content)), default=0))
        pad = " " if node.content.startswith("`") or node.content.endswith("`") else ""
        return f"{ticks}{pad}{node.content}{pad}{ticks}"
    if kind == "em":
        return f"*{_inline(node.children)}*"
    if kind == "strong":
        return f"**{_inline(node.children)}**"
    if kind == "link":
        text, href = _inline(node.children), str(node.attrs.get("href", ""))
        address = web_address(href)
        return f"[{text}](<{address}>)" if address else f"{text} ({md(href)})"
    if kind == "image":
        return md(node.content)  # its alt text: the book loads nothing from a data folder's addresses
    if kind == "softbreak":
        return "\n"
    if kind == "hardbreak":
        return "\\\n"
    return md(node.content if hasattr(node, "content") else "")
