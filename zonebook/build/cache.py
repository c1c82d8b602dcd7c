"""What a cached result depends on: the package code a notebook (or the decks) runs, keyed per part of the
package, and the one way a cache entry is written.

The package's parts are its top-level modules (`data`, `edition`, `measures`, ...) and its subpackages
(`analysis`, `report`, `decks`, `build`, `extract`). A notebook's key covers every part its code imports,
and every part those import, found with Python's own parser (`ast`), so an import of any form —
`from zonebook.report.html import x`, `import zonebook.analysis.metrics`, one inside a function — counts.
A part is hashed whole, so moving code inside a part never serves a stale page, and editing a part the
notebooks never import (the extractor, say) keeps their cache.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import json
import os
from pathlib import Path

from zonebook.build import inputs
from zonebook.build.paths import PACKAGE, ROOT


def atomic_write(path: Path, data: bytes) -> None:
    """Write `path` whole or not at all, even with several processes writing the same entry."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    partial.write_bytes(data)
    partial.replace(path)


def part_of(module: str) -> str | None:
    """The part of the package a dotted module name belongs to: zonebook.report.html -> report."""
    names = module.split(".")
    if names[0] != "zonebook":
        return None
    return names[1] if len(names) > 1 else "__init__"


def parts_imported(code: str, package: Path = PACKAGE) -> set[str]:
    """The parts of the package that a piece of Python code imports."""
    return {p for p in _imported(code) if p and _files(package, p)}


@functools.lru_cache(maxsize=512)
def _imported(code: str) -> frozenset:
    """The parts named by the imports of `code`; keyed on the code itself (not a file's name or time), so a build
    parses each module once however many notebooks import it, and an edited module is parsed again."""
    found = set()
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Import):
            found |= {part_of(alias.name) for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            part = part_of(node.module)
            found.add(part)
            if part == "__init__":  # from zonebook import load, analysis: each name may be a part of its own
                found |= {alias.name for alias in node.names}
    return frozenset(found)


def _files(package: Path, part: str) -> list[Path]:
    if part == "__init__":
        return [package / "__init__.py"]
    folder = package / part
    if folder.is_dir():
        return sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    module = package / f"{part}.py"
    return [module] if module.is_file() else []


def closure(parts: set[str], package: Path = PACKAGE) -> set[str]:
    """These parts and every part their Python files import, transitively (the package's __init__ always)."""
    todo, seen = set(parts) | {"__init__"}, set()
    while todo:
        part = todo.pop()
        seen.add(part)
        for path in _files(package, part):
            if path.suffix == ".py":
                todo |= parts_imported(path.read_text(encoding="utf-8"), package) - seen
    return seen


def notebook_parts(template: Path, package: Path = PACKAGE) -> set[str]:
    """The parts of the package a notebook runs: its code cells' imports, and theirs."""
    nb = json.loads(template.read_text(encoding="utf-8"))
    code = "\n".join(
        "".join(c["source"])
        for c in nb["cells"]
        if c["cell_type"] == "code" and not "".join(c["source"]).lstrip().startswith("%")
    )
    return closure(parts_imported(code, package), package)


def code_digest(parts: set[str], package: Path = PACKAGE) -> str:
    """A hash of every file of the given parts, the bundled font and the pins."""
    h = hashlib.sha256()
    for part in sorted(parts):
        for path in _files(package, part):
            h.update(f"{path.relative_to(package).as_posix()}\n".encode())
            h.update(hashlib.sha256(path.read_bytes()).digest())
    h.update(_fonts_and_pins().encode())
    return h.hexdigest()


@functools.cache
def _fonts_and_pins() -> str:
    """The bundled font (8 MB) and the pinned requirements, hashed once per build rather than once per template."""
    requirements = ROOT / "requirements.txt"
    return inputs.tree_digest(ROOT, PACKAGE / "fonts", *([requirements] if requirements.exists() else []))
