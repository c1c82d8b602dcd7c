"""The jupyter-book process (build/sphinx.py): each edition compiled in a child forked from it, and all of them
stopped when the build stops meanwhile, so that none goes on writing into the Sphinx folders the next build uses."""

import json
import time

import psutil
import pytest

from zonebook.build.sphinx import Worker

pytestmark = pytest.mark.slow  # runs jupyter-book


def slow_book(folder, pages: int = 300):
    """A book of many small pages: jupyter-book takes seconds over it."""
    folder.mkdir()
    (folder / "_config.yml").write_text("title: t\nexecute:\n  execute_notebooks: 'off'\n", encoding="utf-8")
    names = [f"p{i}" for i in range(pages)]
    (folder / "_toc.yml").write_text(
        "format: jb-book\nroot: p0\nchapters:\n" + "".join(f"- file: {n}\n" for n in names[1:]), encoding="utf-8"
    )
    for n in names:
        (folder / f"{n}.md").write_text(f"# Page {n}\n\n" + "Some words. " * 200 + "\n", encoding="utf-8")
    return folder


def test_stopping_the_worker_stops_every_edition_it_is_compiling(tmp_path):
    books = {code: slow_book(tmp_path / code) for code in ("en", "zh")}
    worker = Worker()
    try:
        editions = {
            code: [str(src), "--path-output", str(tmp_path / f"out-{code}"), "--quiet"] for code, src in books.items()
        }
        worker.process.stdin.write(json.dumps(editions) + "\n")
        worker.process.stdin.flush()
        parent = psutil.Process(worker.process.pid)
        deadline = time.monotonic() + 60
        while len(parent.children()) < 2 and time.monotonic() < deadline:  # the imports first, then a fork each
            time.sleep(0.05)
        children = parent.children()
        assert len(children) == 2, "an edition's child is compiling"
    finally:
        worker.close()  # as the build does when it stops before jupyter-book is done
    gone, alive = psutil.wait_procs(children, timeout=5)
    assert not alive, "a child went on compiling after the build stopped"
