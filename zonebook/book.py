"""Build and publish the book: check → execute → generate pages → jupyter-book → swap into place.

Everything happens in a staging folder beside the output. The published book is replaced only when
the new one is complete, by two renames with SIGINT/SIGTERM held back, so a failure or a Ctrl-C at any
point leaves the last good book exactly as it was. A lock file refuses a second build into the same
output while one is running.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import math
import os
import shutil
import signal
import sys
import threading
import time
from contextlib import contextmanager, nullcontext
from pathlib import Path

from zonebook import execute, inputs, pages, reveal, sphinx_worker, warm
from zonebook.changes import changes_page, changes_summary
from zonebook.data import CITY, FILES, DataError, Dataset, load
from zonebook.deck_model import build_date

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = ROOT / "chapters"
CITY_NOTEBOOKS = ("intro", "overview", "comparison", "audit")  # executed once, with the whole data
CITY_WEIGHT = {"overview": 0.5, "intro": 0.05, "comparison": 0.05, "audit": 0.1}  # relative work, measured once
STATIC_PAGES = ("methods.md",)
NOTEBOOKS_PER_KERNEL = 5  # see kernels_for


class BuildFailed(Exception):
    pass


def say(message: str) -> None:
    print(message, flush=True)


@contextmanager
def exclusive(out: Path):
    """Hold a lock for builds into `out`; refuse at once if another build holds it."""
    out.parent.mkdir(parents=True, exist_ok=True)
    lock_path = out.parent / f".{out.name}.lock"
    with open(lock_path, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildFailed(f"another build into {out} is running (lock {lock_path}); try again when it has finished") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def digest(*frames) -> str:
    """A hash of table contents, ignoring line numbers (editing another zone moves lines, not content)."""
    h = hashlib.sha256()
    for frame in frames:
        h.update(frame.drop(columns=["line"], errors="ignore").to_csv(index=False).encode())
    return h.hexdigest()


def plan(ds: Dataset, data: Path, changes: str = "") -> list[execute.Job]:
    """One job per zone (the template with that zone's parameters) and one per city-wide notebook.

    The front matter gets the "What changed" summary as a parameter, so it can point to that page.
    """
    whole = digest(ds.zones, ds.indicators, ds.observations, ds.sources)
    jobs = []
    city = ds.for_zone(CITY)
    city_only = digest(city.indicators, city.observations, city.sources)
    for name in CITY_NOTEBOOKS:
        reads = city_only if name == "overview" else whole  # the overview reads only city-wide figures
        parameters = {"data_dir": str(data), **({"changes": changes} if name == "intro" else {})}
        jobs.append(execute.Job(f"chapters/{name}.ipynb", CHAPTERS / f"{name}.ipynb", parameters, reads, name,
                                CITY_WEIGHT[name] * len(ds.observations)))
    for z in ds.zones.itertuples(index=False):
        part = ds.for_zone(z.zone)
        work = len(part.observations)
        claims = ds.sources[ds.sources["source"] == (ds.claims_source or "")]
        jobs.append(execute.Job(f"chapters/zones/{z.order:02d}-{z.zone}.ipynb", CHAPTERS / "zone.ipynb",
                                {"zone": z.zone, "data_dir": str(data)},
                                digest(part.zones, part.indicators, part.observations, part.sources, claims), f"zone {z.zone}", work,
                                heading=f"# {pages.md(f'{z.order}. {z.name_en} · {z.name_zh}')}"))  # the template's page, titled for its zone
    # longest first, so two workers finish together: the overview draws the most charts
    return sorted(jobs, key=lambda job: -job.weight)


def kernels_for(pending: int, jobs: int) -> int:
    """How many kernels to run `pending` notebooks on: at most `jobs`, and a second one only when there is
    enough work for it, since warming a kernel costs about what five zone notebooks take to run."""
    return max(1, min(jobs, math.ceil(pending / NOTEBOOKS_PER_KERNEL)))


def previous(out: Path) -> tuple[Dataset | None, str]:
    """The data snapshot published with the last good book (out/data), if there is one."""
    snapshot = out / "data"
    if not snapshot.is_dir():
        return None, ""
    try:
        return load(snapshot), ""
    except DataError as error:
        return None, f"The last published build's data could not be read for comparison ({len(error.problems)} problems), so changes are not listed."


def changes_text(ds: Dataset, data: Path, out: Path) -> str:
    """The "What changed" page: against the last published data; if that is this very data, its page stands."""
    snapshot = out / "data"
    if (snapshot / "CHANGES.md").exists() and all(
        (snapshot / name).exists() and (snapshot / name).read_bytes() == (data / name).read_bytes() for name in FILES
    ):
        return (snapshot / "CHANGES.md").read_text(encoding="utf-8")
    old, why = previous(out)
    return changes_page(ds, old, why)


def prepare_sources(src: Path, ds: Dataset, data: Path, out: Path) -> str:
    """Lay out the book's sources in staging; return the "What changed" summary."""
    src.mkdir(parents=True)
    for name in ("_config.yml", "_toc.yml"):
        shutil.copy(ROOT / name, src / name)
    shutil.copytree(ROOT / "_static", src / "_static")
    (src / "chapters").mkdir()
    for name in STATIC_PAGES:
        shutil.copy(CHAPTERS / name, src / "chapters" / name)
    (src / "references.bib").write_text(pages.bibtex(ds), encoding="utf-8")
    (src / "chapters" / "sources.md").write_text(pages.sources_page(ds), encoding="utf-8")
    changes = changes_text(ds, data, out)
    (src / "chapters" / "changes.md").write_text(changes, encoding="utf-8")
    readme = data / "README.md"
    text = readme.read_text(encoding="utf-8") if readme.exists() else "# Data dictionary\n\nThis data folder has no `README.md`.\n"
    (src / "chapters" / "data-dictionary.md").write_text(pages.data_dictionary_page(text, list(FILES)), encoding="utf-8")
    return changes_summary(changes)


class Decks:
    """The seminar decks: drawn on a warm kernel, where matplotlib and the charts the notebooks drew are at
    hand, while Sphinx compiles the book on the other core; or taken from the cache when their data and
    code are unchanged."""

    DRAW = ("from pathlib import Path\nfrom zonebook import decks, load\nimport datetime\n"
            "_ds = load({data!r})\nfor _zone, _folder in {todo!r}:\n"
            "    decks.write_deck(_ds, _zone, datetime.date.fromisoformat({built!r}), Path(_folder))\n")

    def __init__(self, ds: Dataset, jobs: list[execute.Job], cache: Path):
        self.cache = cache / "decks"
        self.built = build_date()  # the date on the decks' covers (deck_model is light: no python-pptx)
        self.code = execute.code_digest(execute.module_closure({"decks"}))
        self.digests = {job.parameters["zone"]: job.data_digest for job in jobs if "zone" in job.parameters}
        self.digests[None] = next(job.data_digest for job in jobs if job.label == "intro")  # the city deck reads everything
        self.stems = {None: "00-city", **{z.zone: f"{z.order:02d}-{z.zone}" for z in ds.zones.itertuples(index=False)}}
        self.todo: list[str | None] = []
        self.threads: list[threading.Thread] = []
        self.errors: list[BaseException] = []

    def _entry(self, zone: str | None) -> Path:
        """A deck's cache folder: keyed on its data, the decks' code and the date on its cover."""
        key = f"{self.stems[zone]} {self.digests[zone]} {self.code} {self.built}"
        return self.cache / hashlib.sha256(key.encode()).hexdigest()[:24]

    def start(self, data: Path, kernels: int) -> None:
        """Draw the decks the cache lacks, in the background: the city's, the longest, on a kernel of its own
        when there are two."""
        self.todo = [zone for zone in self.stems if not self._entry(zone).exists()]
        zones = [zone for zone in self.todo if zone is not None]
        groups = [[None], zones] if kernels > 1 and None in self.todo and zones else [self.todo]
        for group in (g for g in groups if g):
            self.threads.append(threading.Thread(target=self._draw, args=(data, group), daemon=True))
            self.threads[-1].start()

    def _draw(self, data: Path, zones: list[str | None]) -> None:
        partials = {zone: self._entry(zone).with_name(f"{self._entry(zone).name}.{os.getpid()}.tmp") for zone in zones}
        try:
            for partial in partials.values():
                shutil.rmtree(partial, ignore_errors=True)
                partial.mkdir(parents=True)
            warm.current().run(self.DRAW.format(data=str(data), todo=[(z, str(p)) for z, p in partials.items()], built=self.built.isoformat()),
                               cwd=str(CHAPTERS))
            for zone, partial in partials.items():
                partial.rename(self._entry(zone))  # a cache entry appears whole or not at all
        except BaseException as error:  # raised to the build in publish()
            self.errors.append(error)
            for partial in partials.values():
                shutil.rmtree(partial, ignore_errors=True)

    def publish(self, out: Path) -> int:
        """Wait for the decks, copy them (and reveal.js) into `out`; the number drawn afresh."""
        for thread in self.threads:
            thread.join()
        if self.errors:
            raise BuildFailed(f"the seminar decks could not be drawn: {self.errors[0]}")
        out.mkdir(parents=True)
        reveal.copy_reveal(out)
        for zone in self.stems:
            for path in self._entry(zone).iterdir():
                shutil.copy(path, out / path.name)
        return len(self.todo)


@contextmanager
def signals_held():
    """Hold back Ctrl-C and termination while the published book is being swapped."""
    held = {signal.SIGINT, signal.SIGTERM}
    signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, held)


def publish(html: Path, out: Path) -> None:
    old = out.with_name(f".{out.name}.old")
    with signals_held():
        if old.exists():
            shutil.rmtree(old)
        if out.exists():
            out.rename(old)
        html.rename(out)
    shutil.rmtree(old, ignore_errors=True)


def sync(src: Path, dest: Path) -> int:
    """Make `dest` a copy of `src`, rewriting only files whose content changed (Sphinx rebuilds by mtime)."""
    wanted = {p.relative_to(src) for p in src.rglob("*") if p.is_file()}
    changed = 0
    for rel in sorted(wanted):
        a, b = src / rel, dest / rel
        if not b.exists() or a.read_bytes() != b.read_bytes():
            b.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(a, b)
            changed += 1
    for path in [p for p in dest.rglob("*") if p.is_file() and p.relative_to(dest) not in wanted]:
        path.unlink()
        changed += 1
    return changed


def record_inputs(out: Path, digest: str) -> None:
    """Note in the published build.json that these inputs, too, give this book (replaced whole, never half-written)."""
    partial = out / f".build.json.{os.getpid()}"
    partial.write_text(json.dumps({**inputs.published(out), "inputs": digest}, indent=1), encoding="utf-8")
    partial.replace(out / "build.json")


def sphinx_build(worker: sphinx_worker.Worker, src: Path, output: Path, log: Path) -> None:
    """jupyter-book on the staged sources, warnings as errors; the log names what went wrong."""
    code, text = worker.build([str(src), "--path-output", str(output), "--warningiserror", "--keep-going", "--quiet"])
    log.write_text(text, encoding="utf-8")
    if code != 0:
        problems = [line for line in text.splitlines() if "WARNING" in line or "ERROR" in line or "Error" in line]
        shown = "\n  ".join(problems[:12]) or "(see the log)"
        raise BuildFailed(f"jupyter-book failed:\n  {shown}\n  full log: {log}")


def build(data: Path, out: Path, jobs: int = 2, worker: sphinx_worker.Worker | None = None) -> int:
    """Build the book from `data` into `out`; return the exit code. Bad data is refused before any notebook runs.

    `worker`: a jupyter-book process already started (the command line starts it first); else one is started here.
    """
    data, out = data.resolve(), out.resolve()
    start = time.perf_counter()
    out.parent.mkdir(parents=True, exist_ok=True)
    # the notebooks and the decks share drawn charts, so a chart is drawn once
    os.environ["ZONEBOOK_CHART_CACHE"] = str(inputs.cache(out) / "charts")
    # kernels and jupyter-book start now: their imports overlap with checking the data
    with warm.kernels(inputs.kernels_to_start(out, jobs), str(CHAPTERS)), (nullcontext(worker) if worker else sphinx_worker.Worker()) as worker:
        return _build(data, out, jobs, start, worker)


def _build(data: Path, out: Path, jobs: int, start: float, worker: sphinx_worker.Worker) -> int:
    input_digest = inputs.digest(data)  # before reading anything: an edit made during the build is seen by the next one
    try:
        ds = load(data)  # checked once: every problem, or the data
    except DataError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(f"build refused: {len(error.problems)} problem(s) in {data}; nothing was executed and {out} is unchanged.", file=sys.stderr)
        return 1
    work = out.parent
    staging = work / f".{out.name}.staging"
    sphinx = work / f".{out.name}.sphinx"  # kept between builds so Sphinx re-reads only changed pages
    try:
        with exclusive(out):
            shutil.rmtree(staging, ignore_errors=True)  # left by a build that was killed outright
            src = staging / "src"
            say(f"data: {len(ds.zones)} zones, {len(ds.indicators)} indicators, {len(ds.observations)} observations, {len(ds.sources)} sources")
            changes = prepare_sources(src, ds, data, out)
            job_list = plan(ds, data, changes)
            cache = inputs.cache(out)
            pending = execute.to_execute(job_list, cache)
            pool = warm.current()
            kernels = max(kernels_for(len(pending), jobs), pool.size)  # those already started are used too
            pool.grow(kernels)
            say(f"notebooks: {len(job_list)}, {len(pending)} to execute, on {kernels} kernel(s)")
            t = time.perf_counter()
            decks = Decks(ds, job_list, cache)
            results = execute.run(job_list, src, cache, work / "failed", kernels, say)
            executed = sum(r.status == "executed" for r in results)
            say(f"notebooks done in {time.perf_counter() - t:.1f} s: {executed} executed, {len(results) - executed} cached")
            sources_digest = hashlib.sha256(f"{inputs.tree_digest(src)} {decks.code}".encode()).hexdigest()  # the decks' code too
            if sources_digest == inputs.published(out).get("sources_digest"):
                record_inputs(out, input_digest)  # so that the next build with these inputs stops at once
                say(f"book: nothing changed since the last build; {out} is up to date  (total {time.perf_counter() - start:.1f} s)")
                return 0
            decks.start(data, kernels)  # on the kernels the notebooks no longer need, beside Sphinx
            t = time.perf_counter()
            complete = sphinx / "complete"  # present only after a Sphinx run that finished
            if not complete.exists():
                shutil.rmtree(sphinx, ignore_errors=True)  # an interrupted run may have left half-written pages
            sphinx.mkdir(exist_ok=True)
            complete.unlink(missing_ok=True)
            changed = sync(src, sphinx / "src")
            sphinx_build(worker, sphinx / "src", sphinx, work / "jupyter-book.log")  # on failure the missing marker makes the next build start afresh
            complete.touch()
            say(f"jupyter-book: {time.perf_counter() - t:.1f} s ({changed} source files changed)")
            t = time.perf_counter()
            made = decks.publish(staging / "slides")
            say(f"decks: {made} drawn, {len(ds.zones) + 1 - made} cached; waited {time.perf_counter() - t:.1f} s for them")
            html = staging / "html"
            shutil.copytree(sphinx / "_build" / "html", html)
            shutil.copytree(staging / "slides", html / "slides")
            (html / "data").mkdir(exist_ok=True)
            for name in FILES:
                shutil.copy(data / name, html / "data" / name)
            shutil.copy(src / "chapters" / "changes.md", html / "data" / "CHANGES.md")
            record = {"data": str(data), "zones": list(ds.zones["zone"]), "notebooks": sorted(job.output for job in job_list),
                      "sources_digest": sources_digest, "inputs": input_digest}
            (html / "build.json").write_text(json.dumps(record, indent=1))
            executed_dir = work / "executed"
            shutil.rmtree(executed_dir, ignore_errors=True)
            shutil.copytree(src / "chapters", executed_dir, ignore=shutil.ignore_patterns("*.md"))
            publish(html, out)
    except (BuildFailed, execute.NotebookFailed) as error:
        print(f"build failed: {error}\n{out} is unchanged.", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    say(f"book: {out}/index.html  (total {time.perf_counter() - start:.1f} s)")
    return 0
