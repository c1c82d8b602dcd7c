"""Build the book: check → execute → generate pages → jupyter-book → decks → publish.

Everything happens in the output's work folder (`paths.BuildPaths`); the published book is replaced only
when the new one is complete, by one atomic swap (`publish`), so a failure, a Ctrl-C or a kill at any
point leaves the last good book exactly as it was.
"""

from __future__ import annotations

import hashlib
import math
import os
import queue
import re
import shutil
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import yaml

from zonebook import frames
from zonebook.analysis.changes import changes_page, changes_summary
from zonebook.build import cache as keys
from zonebook.build import editions, execute, inputs, publish
from zonebook.build import kernels as warm
from zonebook.build import sphinx as sphinx_worker
from zonebook.build.paths import CHAPTERS, PACKAGE, ROOT, BuildPaths, read_marker
from zonebook.data import CITY, FILES, DataError, Dataset, document, load
from zonebook.decks import reveal
from zonebook.decks.job import write_decks_into
from zonebook.decks.model import FOLDER, build_date
from zonebook.report import pages
from zonebook.report import words as book_words
from zonebook.sphinx_languages import TEMPLATES

CITY_NOTEBOOKS = ("intro", "overview", "comparison", "audit")  # executed once, with the whole data
CITY_WEIGHT = {"overview": 0.5, "intro": 0.05, "comparison": 0.05, "audit": 0.1}  # relative work, measured once
STATIC_PAGES = ("methods.md", "glossary.md")
ONE_EDITION = {"glossary.md": "glossary.one-edition.md"}  # a page's opening where only English is published
NOTEBOOKS_PER_KERNEL = 5  # see kernels_for


class BuildFailed(Exception):
    pass


def say(message: str) -> None:
    print(message, flush=True)


def digest(*frames) -> str:
    """A hash of table contents, ignoring line numbers (editing another zone moves lines, not content)."""
    h = hashlib.sha256()
    for frame in frames:
        h.update(frame.drop(columns=["line"], errors="ignore").to_csv(index=False).encode())
    return h.hexdigest()


def plan(ds: Dataset, data: Path, chapters: Path, changes: dict[str, str] | None = None) -> list[execute.Job]:
    """One job per zone (the template with that zone's parameters) and one per city-wide notebook.

    The front matter gets the "What changed" summary as a parameter, so it can point to that page.
    """
    edition = repr(ds.edition).encode()  # book.yml: the front matter and the overview read it
    whole = hashlib.sha256(digest(ds.zones, ds.indicators, ds.observations, ds.sources).encode() + edition).hexdigest()
    jobs = []
    city = ds.for_zone(CITY)
    city_only = hashlib.sha256(digest(city.indicators, city.observations, city.sources).encode() + edition).hexdigest()
    for name in CITY_NOTEBOOKS:
        reads = city_only if name == "overview" else whole  # the overview reads only city-wide figures
        summaries = {code: changes_summary(page) for code, page in (changes or {}).items()}
        parameters = {"data_dir": str(data), **({"changes": summaries} if name == "intro" else {})}
        heading = f"# {pages.md(ds.edition.title['en'])}" if name == "intro" else ""  # the edition's own title
        jobs.append(
            execute.Job(
                f"chapters/{name}.ipynb",
                chapters / f"{name}.ipynb",
                parameters,
                reads,
                name,
                CITY_WEIGHT[name] * len(ds.observations),
                heading=heading,
            )
        )
    for z in frames.rows(ds.zones):
        part = ds.for_zone(z.zone)
        work = len(part.observations)
        claims = ds.sources[ds.sources["source"] == (ds.claims_source or "")]
        jobs.append(
            execute.Job(
                f"chapters/zones/{z.order:02d}-{z.zone}.ipynb",
                chapters / "zone.ipynb",
                {"zone": z.zone, "data_dir": str(data)},
                digest(part.zones, part.indicators, part.observations, part.sources, claims),
                f"zone {z.zone}",
                work,
                heading=f"# {pages.md(f'{z.order}. {z.name_en} · {z.name_zh}')}",
            )
        )  # the template's page, titled for its zone
    # longest first, so two workers finish together: the overview draws the most charts
    return sorted(jobs, key=lambda job: -job.weight)


def kernels_for(pending: int, jobs: int) -> int:
    """How many kernels to run `pending` notebooks on: at most `jobs`, and a second one only when there is
    enough work for it, since warming a kernel costs about what five zone notebooks take to run."""
    return max(1, min(jobs, math.ceil(pending / NOTEBOOKS_PER_KERNEL)))


def previous(out: Path) -> tuple[Dataset | None, int | None]:
    """The data snapshot published with the last good book (out/data), if there is one; else None and, if it
    could not be read, its number of problems."""
    snapshot = out / "data"
    if not snapshot.is_dir():
        return None, None
    try:
        return load(snapshot), None
    except DataError as error:
        return None, len(error.problems)


def changes_texts(ds: Dataset, data: Path, out: Path, published: tuple[editions.Language, ...]) -> dict[str, str]:
    """The "What changed" page of each edition, by language: against the last published data; if that is this very
    data, the pages the editions published stand, when every one of them has its own (else all say the same anew:
    an edition that was not published last time would otherwise compare the data with itself)."""
    snapshot = out / "data"
    same = all(
        (snapshot / name).exists() and (snapshot / name).read_bytes() == (data / name).read_bytes() for name in FILES
    )
    pages = {lang.code: out / lang.folder / "data" / "CHANGES.md" for lang in published}
    if same and all(
        path.exists()  # a book from before the editions has English pages only
        and f"# {book_words.say('changes-title', code)}\n" in path.read_text(encoding="utf-8")
        for code, path in pages.items()
    ):
        return {code: path.read_text(encoding="utf-8") for code, path in pages.items()}
    old, problems = previous(out)
    return {lang.code: changes_page(ds, old, problems, lang.code) for lang in published}


def prepare_sources(src: Path, ds: Dataset, data: Path, out: Path, chapters: Path) -> dict[str, str]:
    """Lay out the book's sources in staging; return the "What changed" page of each edition, by language."""
    src.mkdir(parents=True)
    shutil.copy(ROOT / "_toc.yml", src / "_toc.yml")
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    config["title"] = ds.edition.title["en"]  # the edition's, from book.yml
    (src / "_config.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    shutil.copytree(ROOT / "_static", src / "_static")
    (src / "chapters").mkdir()
    for name in STATIC_PAGES:
        opening = chapters / ONE_EDITION[name] if name in ONE_EDITION else None  # it speaks of the editions
        if opening and len(ds.edition.languages) == 1 and opening.is_file():
            (src / "chapters" / name).write_text(one_edition_page(chapters / name, opening), encoding="utf-8")
        else:
            shutil.copy(chapters / name, src / "chapters" / name)
    for page, text in data_pages(data, "en", chapters).items():
        (src / page).write_text(text, encoding="utf-8")
    (src / "chapters" / "sources.md").write_text(pages.sources_page(ds), encoding="utf-8")
    changes = changes_texts(ds, data, out, editions.published(ds.edition.languages))
    (src / "chapters" / "changes.md").write_text(changes["en"], encoding="utf-8")
    return changes


def one_edition_page(page: Path, opening: Path) -> str:
    """`page` with `opening` in place of what comes before its first section: the glossary's opening speaks of the
    two editions, which a book published in English alone does not have."""
    text = page.read_text(encoding="utf-8")
    first = re.search(r"^## ", text, flags=re.M)
    return opening.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + (text[first.start() :] if first else "")


def data_pages(data: Path, lang: str, chapters: Path) -> dict[str, str]:
    """The pages the data folder's texts make in the edition `lang`, by staged path: the data dictionary (README.md,
    README.zh.md in Chinese), and the methods page ended by the edition's own notes (notes.md, notes.zh.md: a
    boundary change, local terms). Where a text has no translation, the dictionary is marked untranslated and the
    methods page left to `editions.page_for`, which marks the notes under the page's translation."""
    readme, translated = document(data, "README.md", lang)
    dictionary = pages.data_dictionary_page(readme, [*FILES, "readings.csv"], lang)
    if readme is not None and not translated:
        dictionary = editions.marked(dictionary, editions.UNTRANSLATED[lang])
    found = {"chapters/data-dictionary.md": dictionary}
    methods = chapters / ("" if lang == "en" else lang) / "methods.md"
    notes, translated = document(data, "notes.md", lang)
    if methods.is_file() and (translated or lang == "en"):
        found["chapters/methods.md"] = methods.read_text(encoding="utf-8") + (
            "\n" + pages.edition_notes(notes, lang) if notes is not None else ""
        )
    return found


class Decks:
    """The seminar decks: drawn on the warm kernels, where matplotlib and the charts the notebooks drew are at
    hand, while Sphinx compiles the book; or taken from the cache when their data and code are unchanged."""

    def __init__(
        self,
        ds: Dataset,
        jobs: list[execute.Job],
        cache: Path,
        chapters: Path,
        presenter: str = "",
        event: str = "",
        handout: bool = False,
    ):
        self.presenter, self.event = presenter, event  # on the covers (the slides' and build's --presenter/--event)
        self.languages = ds.edition.languages  # book.yml's editions: a deck in each
        self.handout = handout  # the PDF handouts too (build --handout): WeasyPrint, ~9 s of CPU per language
        self.cache = cache / "decks"  # by what the decks read
        self.shown = cache / "deck-files"  # by what they show (decks.job)
        self.chapters = chapters  # the kernels' working folder
        self.built = build_date()  # the date on the decks' covers (deck_model is light: no python-pptx)
        self.code = keys.code_digest(keys.closure({"decks"}))
        self.digests = {job.parameters["zone"]: job.data_digest for job in jobs if "zone" in job.parameters}
        self.digests[None] = next(
            job.data_digest for job in jobs if job.label == "intro"
        )  # the city deck reads everything
        self.stems = {None: "00-city", **{z.zone: f"{z.order:02d}-{z.zone}" for z in frames.rows(ds.zones)}}
        self.weights = {job.parameters["zone"]: job.weight for job in jobs if "zone" in job.parameters}
        self.todo: list[str | None] = []
        self.partials: dict[str | None, Path] = {}  # each deck drawn into its cache entry's name + .tmp
        self.tasks: queue.SimpleQueue = queue.SimpleQueue()
        self.threads: list[threading.Thread] = []
        self.errors: list[BaseException] = []

    def _entry(self, zone: str | None) -> Path:
        """A deck's cache folder: keyed on its data, the decks' code and the date on its cover."""
        key = f"{self.stems[zone]} {self.digests[zone]} {self.code} {self.built} {self.languages}"
        if self.presenter or self.event or self.handout:
            key += f" {self.presenter!r} {self.event!r} {self.handout}"
        return self.cache / hashlib.sha256(key.encode()).hexdigest()[:24]

    def start(self, data: Path, pool: warm.Pool) -> None:
        """Draw the decks the cache lacks, in the background, one deck at a time on whichever kernel is free, the
        longest first: the city's (half of all the decks' work) one language at a time when two kernels can share it."""
        self.todo = [zone for zone in self.stems if not self._entry(zone).exists()]
        for zone in self.todo:
            self.partials[zone] = self._entry(zone).with_name(f"{self._entry(zone).name}.{os.getpid()}.tmp")
            shutil.rmtree(self.partials[zone], ignore_errors=True)
            self.partials[zone].mkdir(parents=True)
        if None not in self.todo:
            city = []
        elif pool.size > 1 and len(self.languages) > 1:
            city = [(None, (code,)) for code in self.languages]  # two kernels share it, a language each
        else:
            city = [(None, self.languages)]  # one kernel: the deck whole, its analysis once
        zones = sorted((zone for zone in self.todo if zone is not None), key=lambda z: -self.weights[z])
        # every job names its languages: the ones its cache entry is keyed on, not book.yml's as the kernel reads it
        tasks = city + [(zone, self.languages) for zone in zones]
        for task in tasks:
            self.tasks.put(task)
        for _ in range(min(pool.size, len(tasks))):
            self.threads.append(threading.Thread(target=self._draw, args=(data, pool), daemon=True))
            self.threads[-1].start()

    def _draw(self, data: Path, pool: warm.Pool) -> None:
        """Draw the next deck waiting (zone, languages: None for all) until none is left or one has failed."""
        while not self.errors:
            try:
                zone, languages = self.tasks.get_nowait()
            except queue.Empty:
                return
            try:
                pool.call(
                    write_decks_into,
                    str(data),
                    [(zone, str(self.partials[zone]))],
                    self.built.isoformat(),
                    self.presenter,
                    self.event,
                    self.handout,
                    languages,
                    str(self.shown),
                    self.code,
                    cwd=str(self.chapters),
                )
            except BaseException as error:  # raised to the build in publish()
                self.errors.append(error)

    def publish(self, out: Path, failed: Path) -> int:
        """Wait for the decks, copy each language's (and reveal.js) into `out/<language>/` (`out/en/`, `out/zh/`);
        the number drawn afresh (each in every language)."""
        for thread in self.threads:
            thread.join()
        for zone, partial in self.partials.items():
            if self.errors:
                shutil.rmtree(partial, ignore_errors=True)
            else:
                partial.rename(self._entry(zone))  # a cache entry appears whole or not at all
        if self.errors:  # one line here; the kernel's whole traceback in the work folder
            failed.mkdir(parents=True, exist_ok=True)
            log = failed / "decks.log"
            log.write_text(f"{self.errors[0]}\n", encoding="utf-8")
            first = (str(self.errors[0]).strip().splitlines() or [type(self.errors[0]).__name__])[0]
            raise BuildFailed(f"the seminar decks could not be drawn: {first}\n  full traceback: {log}")
        for code in self.languages:  # a cache entry holds English at its root, Chinese in zh/
            folder = FOLDER[code]
            (out / code).mkdir(parents=True)
            reveal.copy_reveal(out / code)
            for zone in self.stems:
                for path in (self._entry(zone) / folder).iterdir():
                    if path.is_file():
                        shutil.copy(path, out / code / path.name)
        return len(self.todo)


def sync(src: Path, dest: Path) -> list[Path]:
    """Make `dest` a copy of `src`, rewriting only files whose content changed (Sphinx rebuilds by mtime); the
    files it wrote or removed, relative to both."""
    wanted = {p.relative_to(src) for p in src.rglob("*") if p.is_file()}
    changed = []
    for rel in sorted(wanted):
        a, b = src / rel, dest / rel
        if not b.exists() or a.read_bytes() != b.read_bytes():
            b.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(a, b)
            changed.append(rel)
    for path in [p for p in dest.rglob("*") if p.is_file() and p.relative_to(dest) not in wanted]:
        path.unlink()
        changed.append(path.relative_to(dest))
    return changed


def outdate_a_page_if_static_changed(src: Path, changed: list[Path]) -> None:
    """Sphinx copies `_static/` only when it writes at least one page: after an edit of the book's stylesheet or
    scripts alone, it would keep publishing the old ones. Touching the root page makes Sphinx write it, and copy."""
    if any(rel.parts[0] == "_static" for rel in changed):
        root = yaml.safe_load((src / "_toc.yml").read_text(encoding="utf-8"))["root"]
        page = next(src.glob(f"{root}.*"))
        os.utime(page)


def record_inputs(paths: BuildPaths, digest: str) -> None:
    """Note in the published build.json that these inputs, too, give this book (its manifest is kept)."""
    record = {k: v for k, v in read_marker(paths.book).items() if k not in ("format", "files")}
    publish.write_marker(paths.book, {**record, "inputs": digest})


SPHINX_ARGS = ["--warningiserror", "--keep-going", "--quiet"]  # warnings are errors; every one is reported


def failure(text: str, log: Path) -> BuildFailed:
    """A failed jupyter-book run, named by the warnings and errors it printed; the log has the rest."""
    problems = [line for line in text.splitlines() if "WARNING" in line or "ERROR" in line or "Error" in line]
    shown = "\n  ".join(problems[:12]) or "(see the log)"
    return BuildFailed(f"jupyter-book failed:\n  {shown}\n  full log: {log}")


def page_titles(ds: Dataset, code: str) -> dict[str, str]:
    """The headings made from the data, by notebook, in the edition `code`: the front matter's (the book's
    title) and each zone's. English is written by the notebooks' jobs (see `plan`); others are set here."""
    if code == "en":
        return {}
    titles = {"chapters/intro.ipynb": f"# {pages.md(ds.edition.title[code])}"}
    for z in frames.rows(ds.zones):
        titles[f"chapters/zones/{z.order:02d}-{z.zone}.ipynb"] = f"# {pages.md(f'{z.order}. {z.name_zh}')}"
    return titles


def stage_editions(ds: Dataset, src: Path, folder: Path, chapters: Path, changes: dict[str, str]) -> dict[str, Path]:
    """Each edition's sources, from the staged ones (see zonebook.build.editions); `changes`: each edition's
    "What changed" page."""
    staged, published = {}, editions.published(ds.edition.languages)
    for lang in published:
        staged[lang.code] = folder / lang.code
        title = ds.edition.title[lang.code]
        generated = (
            {}
            if lang.code == "en"
            else {
                "chapters/sources.md": pages.sources_page(ds, lang.code),
                "chapters/changes.md": changes[lang.code],
                **data_pages(ds.folder, lang.code, chapters),
            }
        )
        editions.stage(src, staged[lang.code], lang, title, chapters, page_titles(ds, lang.code), generated, published)
    return staged


def compile_editions(worker: sphinx_worker.Worker, staged: dict[str, Path], sphinx: Path, log: Path) -> int:
    """jupyter-book on every edition at once, each in its own Sphinx folder (kept between builds, so Sphinx re-reads
    only the pages that changed); the number of source files that changed."""
    if (sphinx / "src").exists():
        shutil.rmtree(sphinx)  # the layout of a build from before the editions: start afresh
    changed, runs = 0, {}
    for code in staged:
        folder = sphinx / code
        complete = folder / "complete"  # present only after a Sphinx run that finished
        if not complete.exists():
            shutil.rmtree(folder, ignore_errors=True)  # an interrupted run may have left half-written pages
        folder.mkdir(parents=True, exist_ok=True)
        complete.unlink(missing_ok=True)
        synced = sync(staged[code], folder / "src")
        outdate_a_page_if_static_changed(folder / "src", synced)
        changed += len(synced)
        runs[code] = [str(folder / "src"), "--path-output", str(folder), *SPHINX_ARGS]
    errors = []
    for code, (status, text) in worker.build(runs).items():
        edition_log = log if code == editions.LANGUAGES[0].code else log.with_name(f"{log.stem}-{code}{log.suffix}")
        edition_log.write_text(text, encoding="utf-8")
        if status != 0:
            errors.append(failure(text, edition_log))
        else:
            (sphinx / code / "complete").touch()  # on failure the missing marker makes the next build start afresh
    if errors:
        raise errors[0]
    return changed


def build(
    folder: Path,
    data: Path,
    paths: BuildPaths,
    jobs: int,
    pool: warm.Pool,
    worker: sphinx_worker.Worker,
    input_digest: str,
    chapters: Path = CHAPTERS,
    say=say,
    presenter: str = "",
    event: str = "",
    handout: bool = False,
) -> int:
    """Build the book of the data folder `folder` from `data`, the copy of it the build reads (`inputs.copy`), and
    publish it at `paths.out`; the exit code. Runs inside the output's lock, with the kernels (`pool`) and the
    jupyter-book process (`worker`) started (see `zonebook.build.build`)."""
    start = time.perf_counter()
    out = paths.out
    try:
        ds = load(data)  # checked once: every problem, or the data
    except DataError as error:
        for problem in error.problems:  # located in the user's folder, not in the copy read
            print(str(problem).replace(str(data), str(folder)), file=sys.stderr)
        print(
            f"build refused: {len(error.problems)} problem(s) in {folder}; nothing was executed and {out} is "
            "unchanged.",
            file=sys.stderr,
        )
        return 1
    publish.checkpoint("after-load")
    staging, sphinx = paths.staging, paths.sphinx
    try:
        shutil.rmtree(staging, ignore_errors=True)  # left by a build that was killed outright (we hold the lock)
        src = staging / "src"
        say(
            f"data: {len(ds.zones)} zones, {len(ds.indicators)} indicators, {len(ds.observations)} observations, {len(ds.sources)} sources"
        )
        changes = prepare_sources(src, ds, data, paths.book, chapters)
        job_list = plan(ds, data, chapters, changes)
        cache = paths.cache
        pending = execute.to_execute(job_list, cache)
        kernels = max(kernels_for(len(pending), jobs), pool.size)  # those already started are used too
        pool.grow(kernels)
        say(f"notebooks: {len(job_list)}, {len(pending)} to execute, on {kernels} kernel(s)")
        t = time.perf_counter()
        decks = Decks(ds, job_list, cache, chapters, presenter, event, handout)
        results = execute.run(job_list, src, cache, paths.failed, pool, kernels, say)
        executed = sum(r.status == "executed" for r in results)
        say(f"notebooks done in {time.perf_counter() - t:.1f} s: {executed} executed, {len(results) - executed} cached")
        publish.checkpoint("after-notebooks")
        staged = stage_editions(ds, src, staging / "editions", chapters, changes)
        # every edition's sources, the decks' code and the Sphinx extension's: what the published book is made of
        sphinx_code = keys.code_digest(keys.closure({"sphinx_ext"})) + inputs.tree_digest(PACKAGE, TEMPLATES)
        sources_digest = hashlib.sha256(
            f"{inputs.tree_digest(staging / 'editions')} {decks.code} {sphinx_code}".encode()
        ).hexdigest()
        if sources_digest == read_marker(paths.book).get("sources_digest") and not publish.damage(paths):
            record_inputs(paths, input_digest)  # so that the next build with these inputs stops at once
            say(
                f"book: nothing changed since the last build; {out} is up to date  (total {time.perf_counter() - start:.1f} s)"
            )
            return 0
        decks.start(data, pool)  # on the kernels the notebooks no longer need, beside Sphinx
        from zonebook.analysis import readings  # pandas is loaded by now

        readings_csv = staging / "readings.csv"  # every computed sentence the book and decks print
        with ThreadPoolExecutor(1) as meanwhile:  # while this thread waits for Sphinx, not after it
            written = meanwhile.submit(readings.write_csv, ds, readings_csv)
            t = time.perf_counter()
            changed = compile_editions(worker, staged, sphinx, paths.log)
            written.result()
        say(f"jupyter-book: {time.perf_counter() - t:.1f} s ({changed} source files changed)")
        t = time.perf_counter()
        made = decks.publish(staging / "slides", paths.failed)
        say(f"decks: {made} drawn, {len(ds.zones) + 1 - made} cached; waited {time.perf_counter() - t:.1f} s for them")
        html = staging / "html"
        published = editions.published(ds.edition.languages)
        for lang in published:  # the English edition at the root, every other one a whole book inside it
            root = html / lang.folder if lang.folder else html
            shutil.copytree(sphinx / lang.code / "_build" / "html", root)
            shutil.copytree(staging / "slides" / lang.code, root / "slides")  # the edition's own decks
            (root / "data").mkdir(exist_ok=True)
            for name in (*FILES, "book.yml"):  # the edition's book.yml too: the print edition's cover reads it
                if (data / name).is_file():
                    shutil.copy(data / name, root / "data" / name)
            shutil.copy(readings_csv, root / "data" / "readings.csv")
            (root / "data" / "CHANGES.md").write_text(changes[lang.code], encoding="utf-8")
        editions.front_door(html, ds.edition.title, published)
        publish.write_marker(
            html,
            {
                "data": str(folder),
                "zones": list(ds.zones["zone"]),
                "notebooks": sorted(job.output for job in job_list),
                "sources_digest": sources_digest,
                "inputs": input_digest,
            },
        )
        shutil.rmtree(paths.executed, ignore_errors=True)
        shutil.copytree(src / "chapters", paths.executed, ignore=shutil.ignore_patterns("*.md"))
        publish.checkpoint("before-publish")
        publish.publish(html, paths)
    except (BuildFailed, execute.NotebookFailed) as error:
        print(f"build failed: {error}\n{out} is unchanged.", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    say(f"book: {paths.book}/index.html  (total {time.perf_counter() - start:.1f} s)")
    return 0
