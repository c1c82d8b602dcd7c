"""Execute the report's notebooks with papermill: in parallel, in warm kernels, and only when something they read changed.

A notebook's cache key hashes everything its result depends on: the template, its parameters, the slice
of data it reads, the parts of the package it runs (see `cache`) and the pinned requirements. A hit copies the cached
executed notebook; a miss executes it and stores the result under the cache folder.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import time
import traceback
from concurrent.futures import CancelledError, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from zonebook.build import cache as keys

STORED = "executed, retitled, parameters cell hidden"  # what a cache entry holds (see finish): part of every key


class NotebookFailed(Exception):
    """A notebook raised: says which one, which cell and what, and where the full story is."""


@dataclass(frozen=True)
class Job:
    output: str  # path of the executed notebook inside the book, e.g. chapters/zones/01-ecology.ipynb
    template: Path
    parameters: dict
    data_digest: str  # hash of exactly the data this notebook reads
    label: str = ""
    weight: float = 0.0  # expected work, to start the longest notebooks first
    heading: str = ""  # Markdown that replaces the template's first heading (a zone's own page title)

    def key(self, code_digest: str) -> str:
        h = hashlib.sha256()
        h.update(STORED.encode())
        h.update(self.heading.encode())
        h.update(self.template.read_bytes())
        h.update(json.dumps(self.parameters, sort_keys=True, default=str).encode())
        h.update(self.data_digest.encode())
        h.update(code_digest.encode())
        return h.hexdigest()[:24]


@dataclass
class Result:
    job: Job
    status: str  # executed | cached
    seconds: float
    path: Path = field(default=Path())


def code_digests(jobs: list[Job]) -> dict[Path, str]:
    """The code digest of each template the jobs use."""
    return {template: keys.code_digest(keys.notebook_parts(template)) for template in {job.template for job in jobs}}


def cache_entry(job: Job, cache: Path, digests: dict[Path, str]) -> Path:
    return cache / f"{job.key(digests[job.template])}.ipynb"


def to_execute(jobs: list[Job], cache: Path) -> list[Job]:
    """The jobs whose result is not in the cache."""
    digests = code_digests(jobs)
    return [job for job in jobs if not cache_entry(job, cache, digests).exists()]


def finish(path: Path, heading: str) -> None:
    """Make an executed notebook a page: its own first heading, if given, and papermill's parameters cell
    hidden (papermill tags it only `injected-parameters`)."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    if heading:
        next(cell for cell in nb.cells if cell.cell_type == "markdown").source = heading
    for cell in nb.cells:
        tags = cell.metadata.setdefault("tags", [])
        if "injected-parameters" in tags and "remove-cell" not in tags:
            tags.append("remove-cell")
    nbformat.write(nb, path)


def _execute(job: Job, book: Path, cache: Path, failed: Path, digests: dict[Path, str], kernels) -> Result:
    target = book / job.output
    target.parent.mkdir(parents=True, exist_ok=True)
    cached = cache_entry(job, cache, digests)
    start = time.perf_counter()
    if cached.exists():
        shutil.copyfile(cached, target)
        return Result(job, "cached", time.perf_counter() - start, target)
    import papermill  # here, not at the top: a build with every notebook cached never needs it

    from zonebook.build import engine

    try:
        papermill.execute_notebook(
            str(job.template),
            str(target),
            parameters=job.parameters,
            cwd=str(job.template.parent),
            progress_bar=False,
            log_output=False,
            report_mode=False,
            engine_name=engine.NAME,
            pool=kernels,
            request_save_on_cell_execute=False,  # written once at the end (and on failure), not after every cell
        )
    except papermill.PapermillExecutionError as error:
        failed.mkdir(parents=True, exist_ok=True)
        kept = failed / Path(job.output).name
        shutil.copyfile(target, kept)
        log = kept.with_suffix(".log")
        log.write_text("\n".join(error.traceback) + "\n", encoding="utf-8")
        raise NotebookFailed(
            f"{job.output} ({job.label or job.template.name}) failed in {failure_place(job.template, error)}: "
            f"{error.ename}: {error.evalue}\n  the failed notebook is kept at {kept}\n  full traceback: {log}"
        ) from None
    except Exception as error:  # kernel died, template unreadable ...
        failed.mkdir(parents=True, exist_ok=True)
        log = failed / (Path(job.output).stem + ".log")
        log.write_text(traceback.format_exc(), encoding="utf-8")
        raise NotebookFailed(
            f"{job.output} ({job.label or job.template.name}) could not be executed: "
            f"{type(error).__name__}: {error}\n  full traceback: {log}"
        ) from None
    finish(target, job.heading)
    cache.mkdir(parents=True, exist_ok=True)
    keys.atomic_write(cached, target.read_bytes())  # a cache entry appears whole or not at all
    return Result(job, "executed", time.perf_counter() - start, target)


ANSI = re.compile(r"\x1b\[[0-9;]*m")
CELL_LINE = re.compile(r"Cell In\[\d+\], line (\d+)")


def failure_place(template: Path, error) -> str:
    """Where a notebook failed, in the template's own terms: "cell 6 of chapters/zone.ipynb, line 2 (`1 / x`)".

    The executed copy has papermill's parameters cell (and a reused kernel's execution count), so neither its
    cell index nor `In [n]` is the template's; the failing cell is found in the template by its source."""
    cells = json.loads(template.read_text(encoding="utf-8"))["cells"]
    sources = ["".join(cell["source"]) for cell in cells]
    number = next((i + 1 for i, text in enumerate(sources) if text == error.source), None)
    place = (
        f"cell {number} of {template.parent.name}/{template.name}"
        if number
        else f"the cell the build adds (index {error.cell_index})"
    )
    lines = CELL_LINE.findall(ANSI.sub("", "\n".join(error.traceback)))
    if lines:
        line = int(lines[0])
        text = (
            (error.source.splitlines() or [""])[line - 1].strip() if 0 < line <= len(error.source.splitlines()) else ""
        )
        place += f", line {line}" + (f" (`{text}`)" if text else "")
    return place


def log_line(status: str, output: str, seconds: float) -> str:
    """How the build log reports a notebook: executed or cached, and the time it took."""
    return f"  {status:<8} {output:<46} {seconds:5.1f} s"


def run(jobs: list[Job], book: Path, cache: Path, failed: Path, kernels, workers: int, say=print) -> list[Result]:
    """Execute (or copy from the cache) every job on the pool `kernels` (a `kernels.Pool`), `workers` at a time;
    report each as it finishes; raise on the first failure."""
    digests = code_digests(jobs)
    results, errors = [], []
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        futures = {pool.submit(_execute, job, book, cache, failed, digests, kernels): job for job in jobs}
        for future in as_completed(futures):
            try:
                result = future.result()
            except CancelledError:
                continue
            except NotebookFailed as error:
                errors.append(str(error))
                for other in futures:
                    other.cancel()
                continue
            results.append(result)
            say(log_line(result.status, result.job.output, result.seconds))
    if errors:
        raise NotebookFailed("\n".join(errors))
    return results
