"""The build: check the data, execute the notebooks (cached, on warm kernels), compile the book with
jupyter-book, draw the decks, and publish the result atomically into the output folder.

Public interface: `build(data, out, ...)` (in `pipeline`) and `BuildFailed`. The modules:
`paths` (the output folder and the work folder tied to it), `publish` (the atomic swap and the
manifest), `inputs` (digests for the no-op check), `execute` (notebook jobs and their cache),
`kernels` and `engine` (warm kernels for papermill), `sphinx` (the jupyter-book process).
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

from zonebook.build.execute import log_line
from zonebook.build.paths import CHAPTERS, BuildPaths, OutputRefused, read_marker
from zonebook.build.publish import BuildRefused, damage, exclusive

__all__ = ["BuildPaths", "BuildRefused", "OutputRefused", "build"]


def build(
    data: Path | str,
    out: Path | str,
    jobs: int = 2,
    say=print,
    chapters: Path = CHAPTERS,
    presenter: str = "",
    event: str = "",
    handout: bool = False,
) -> int:
    """Build the book from `data` into `out`; the exit code. Light until it knows there is work: a rebuild whose
    inputs and published files are unchanged stops before a kernel starts or pandas is imported.

    Raises OutputRefused (out is not a book's folder) and BuildRefused (another build holds the lock)."""
    from zonebook.build import inputs  # light

    start = time.perf_counter()
    data = Path(os.path.realpath(data))
    paths = BuildPaths.for_output(out, data)
    with exclusive(paths):
        record = read_marker(paths.book)

        def digest(contents: Path | None = None) -> str:  # another presenter, event or handout is another book
            found = inputs.digest(data, chapters, contents)
            if presenter or event or handout:
                found = hashlib.sha256(f"{found} {presenter!r} {event!r} {handout}".encode()).hexdigest()
            return found

        input_digest = digest()
        if data.is_dir() and record.get("inputs") == input_digest and not damage(paths):
            for notebook in record.get("notebooks", []):
                say(log_line("cached", notebook, 0.0))
            say(
                f"book: nothing changed since the last build (the same data, notebooks, code and configuration); "
                f"{paths.out} is up to date  (total {time.perf_counter() - start:.1f} s)"
            )
            return 0
        from zonebook.build import kernels, sphinx

        if data.is_dir():  # everything reads this copy, and the book records its digest: an edit saved from now on
            input_digest = digest(inputs.copy(data, paths.data))  # is the next build's

        # the kernels draw the notebooks' and the decks' charts into one cache, so a chart is drawn once
        starting = inputs.kernels_to_start(paths.cache, jobs)
        with kernels.kernels(starting, str(chapters), str(paths.charts)) as pool, sphinx.Worker() as worker:
            from zonebook.build.pipeline import build as run  # imported while the kernels and jupyter-book start

            return run(
                data,
                paths.data if data.is_dir() else data,
                paths,
                jobs,
                pool,
                worker,
                input_digest,
                chapters,
                say=say,
                presenter=presenter,
                event=event,
                handout=handout,
            )
