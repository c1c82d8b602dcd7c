"""Measure build speed in one run on this machine; write _build/bench.json and print a table.

clean_s           every notebook executed + the book (empty cache)
nochange_s        the same build again, nothing changed
one_zone_s        one zone's figure edited, rebuilt
clean_en_s        the clean build of the same data in English only (book.yml: editions: [en]): what the second
one_zone_en_s     edition costs is clean_s / clean_en_s; and the one-zone rebuild of that English-only book
baseline_force_s  the same notebooks executed by jupyter-book itself (execute_notebooks: force), one edition, no decks
baseline_publication_s  what the build publishes, made without it: each edition's notebooks executed by jupyter-book
                  itself (one `jupyter-book build` per edition, in turn), then every deck by `python -m zonebook slides`
floor_s           one interpreter importing the stack + a Sphinx build of the already-executed book
floor_publication_s  the floor of what the build publishes: floor_s + a Sphinx build of each other edition's executed
                  sources + every deck by `python -m zonebook slides` (slides_s)
zones60_s         a clean build of a synthetic 60-zone data set (the shipped zones, ten times over)
check             `python -m zonebook check` on 1x, 10x, 100x and about 100,000 observations, once with every
                  copy distinct (its own indicator ids) and once pasted (every copy a duplicate to report)

Usage: python bench/build_speed.py [--data data] [--jobs N] [--skip-60] [--check-only]
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import papermill
import psutil
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from zonebook import load
from zonebook.build import pipeline as book  # noqa: E402

WORK = ROOT / "_build" / "bench"


def timed_build(data: Path, work: Path, jobs: int) -> tuple[float, int, str]:
    """Wall time, peak memory of the whole process tree (MiB) and the log of one build."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "zonebook",
            "build",
            "--data",
            str(data),
            "--out",
            str(work / "html"),
            "--jobs",
            str(jobs),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    peak = [0]

    def sample():
        parent = psutil.Process(process.pid)
        while process.poll() is None:
            try:
                rss = sum(p.memory_info().rss for p in [parent, *parent.children(recursive=True)])
                peak[0] = max(peak[0], rss)
            except psutil.Error:
                pass
            time.sleep(0.1)

    sampler = threading.Thread(target=sample)
    sampler.start()
    log = process.communicate()[0]
    sampler.join()
    with open(WORK / "builds.log", "a", encoding="utf-8") as logs:  # every build's own log, for the breakdown
        logs.write(f"--- {data.name} → {work.name}\n{log}")
    seconds = time.perf_counter() - start
    if process.returncode:
        raise SystemExit(f"build failed:\n{log}")
    return seconds, peak[0] // 2**20, log


def english_only(data: Path, out: Path) -> Path:
    """A copy of the data folder whose book is published in English only."""
    shutil.copytree(data, out)
    with open(out / "book.yml", "a", encoding="utf-8") as book:
        book.write("\neditions: [en]\n")
    return out


def edit_one_zone(data: Path) -> str:
    """Change one figure of one zone (the last zone's first observation with a value)."""
    ds = load(data)
    zone = ds.zones["zone"].iloc[-1]
    target = ds.observations[(ds.observations["zone"] == zone) & ~ds.observations["is_gap"]].iloc[0]
    path = data / "observations.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    for row in rows:
        if (row["indicator"], row["period"], row["source"], row["kind"]) == (
            target.indicator,
            target.period,
            target.source,
            target.kind,
        ):
            row["value"] = f"{float(row['value']) * 1.01:.4f}"
            break
    write_csv(path, rows)
    return zone


def write_csv(path: Path, rows: list[dict]) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def synthetic(data: Path, out: Path, copies: int) -> int:
    """The shipped zones `copies` times over, each copy with its own zone and indicator ids."""
    shutil.copytree(data, out)
    read = lambda name: list(csv.DictReader((data / name).open(encoding="utf-8")))  # noqa: E731
    zones, indicators, observations = read("zones.csv"), read("indicators.csv"), read("observations.csv")
    zone_ids = {z["zone"] for z in zones}
    new_zones, new_ind, new_obs = [], [i for i in indicators if i["zone"] not in zone_ids], [o for o in observations]
    zonal = {i["indicator"] for i in indicators if i["zone"] in zone_ids}
    new_obs = [o for o in observations if o["indicator"] not in zonal]
    for k in range(copies):
        for z in zones:
            new_zones.append(
                {
                    **z,
                    "zone": f"{z['zone']}-{k}",
                    "order": str(k * len(zones) + int(z["order"])),
                    "name_en": f"{z['name_en']} ({k})",
                }
            )
        for i in indicators:
            if i["indicator"] in zonal:
                new_ind.append({**i, "indicator": f"{i['indicator']}-{k}", "zone": f"{i['zone']}-{k}"})
        for o in observations:
            if o["indicator"] in zonal:
                new_obs.append({**o, "indicator": f"{o['indicator']}-{k}"})
    write_csv(out / "zones.csv", new_zones)
    write_csv(out / "indicators.csv", new_ind)
    write_csv(out / "observations.csv", new_obs)
    return len(new_zones)


def scaled(data: Path, out: Path, copies: int, pasted: bool) -> int:
    """The shipped observations `copies` times over: pasted as they are (each extra copy duplicates the first,
    the worst case for the check's messages), or distinct (each copy with its own indicator ids)."""
    shutil.copytree(data, out)
    read = lambda name: list(csv.DictReader((data / name).open(encoding="utf-8")))  # noqa: E731
    indicators, observations = read("indicators.csv"), read("observations.csv")
    if pasted:
        write_csv(out / "observations.csv", observations * copies)
    else:

        def renamed(rows: list[dict]) -> list[dict]:
            return rows + [{**r, "indicator": f"{r['indicator']}-{k}"} for k in range(1, copies) for r in rows]

        write_csv(out / "indicators.csv", renamed(indicators))
        write_csv(out / "observations.csv", renamed(observations))
    return len(observations) * copies


def check_speed(data: Path, work: Path) -> list[dict]:
    """Wall time of the check command (interpreter start included) as the data grows; it should grow linearly."""
    shipped = sum(1 for _ in csv.DictReader((data / "observations.csv").open(encoding="utf-8")))
    results = []
    for copies in (1, 10, 100, -(-100_000 // shipped)):
        row = {"copies": copies}
        for pasted in (False, True):
            folder = work / f"check-{copies}-{'pasted' if pasted else 'distinct'}"
            row["observations"] = scaled(data, folder, copies, pasted)
            start = time.perf_counter()
            command = [sys.executable, "-m", "zonebook", "check", "--data", str(folder)]
            run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
            row["pasted_s" if pasted else "distinct_s"] = round(time.perf_counter() - start, 2)
            row["pasted_problems" if pasted else "distinct_problems"] = run.stderr.count(f"{folder}/")
            shutil.rmtree(folder)
        results.append(row)
    return results


def print_check_speed(results: list[dict]) -> None:
    print(f"\n{'check':<20} {'observations':>12} {'distinct s':>11} {'pasted s':>9}  problems reported (pasted)")
    for r in results:
        size = f"{r['copies']} x shipped"
        print(
            f"{size:<20} {r['observations']:>12,} {r['distinct_s']:>11.2f} {r['pasted_s']:>9.2f}  {r['pasted_problems']:,}"
        )


def parameterised_sources(data: Path, work: Path):
    """The book's sources with every notebook parameterised but not executed, as papermill prepares them:
    (the dataset, the sources' folder, each edition's "What changed" page)."""
    ds = load(data)
    src = work / "src"
    changes = book.prepare_sources(src, ds, data, work / "none", book.CHAPTERS)
    for job in book.plan(ds, data, book.CHAPTERS, changes):
        target = src / job.output
        target.parent.mkdir(parents=True, exist_ok=True)
        papermill.execute_notebook(
            str(job.template), str(target), parameters=job.parameters, prepare_only=True, progress_bar=False
        )
    return ds, src, changes


def jupyter_book_force(src: Path, out: Path, what: str) -> None:
    """`jupyter-book build` of `src` into `out`, executing every notebook itself (execute_notebooks: force)."""
    config = yaml.safe_load((src / "_config.yml").read_text(encoding="utf-8"))
    config["execute"] = {"execute_notebooks": "force", "timeout": 300}
    (src / "_config.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    run = subprocess.run(
        [jupyter_book(), "build", str(src), "--path-output", str(out), "--quiet"],
        capture_output=True,
        text=True,
        cwd=src,
    )
    if run.returncode:
        raise SystemExit(f"{what} failed:\n{run.stdout[-2000:]}{run.stderr[-2000:]}")


def baseline_force(data: Path, work: Path) -> float:
    """What a user without zonebook would run: parameterised notebooks, executed by jupyter-book itself."""
    start = time.perf_counter()
    _, src, _ = parameterised_sources(data, work)
    jupyter_book_force(src, work, "baseline build")
    return time.perf_counter() - start


def baseline_publication(data: Path, work: Path) -> tuple[float, float]:
    """The same publication as the build's without zonebook's build: each edition's notebooks executed by jupyter-book
    itself, one `jupyter-book build` per edition (its own cells, pages and configuration, as the build stages them),
    one after the other as a user would run them, then the decks of every edition by the `slides` command. (Its
    wall time, and that of the `slides` command alone.)"""
    start = time.perf_counter()
    ds, src, changes = parameterised_sources(data, work)
    for code, folder in book.stage_editions(ds, src, work / "editions", book.CHAPTERS, changes).items():
        jupyter_book_force(folder, work / code, f"baseline build of {code}")
    decks = slides(data, work / "slides")
    return time.perf_counter() - start, decks


def slides(data: Path, out: Path) -> float:
    """Wall time of `python -m zonebook slides`: every deck of every edition, in one process."""
    start = time.perf_counter()
    command = [sys.executable, "-m", "zonebook", "slides", "--data", str(data), "--out", str(out)]
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
    return time.perf_counter() - start


def other_editions_sphinx(sphinx: Path, work: Path) -> float:
    """A clean Sphinx build of each edition but the first, from the sources the build staged for it (executed)."""
    seconds = 0.0
    for folder in sorted(p for p in sphinx.iterdir() if p.name != "en" and (p / "src").is_dir()):
        src = work / folder.name / "src"
        shutil.copytree(folder / "src", src)
        start = time.perf_counter()
        command = [jupyter_book(), "build", str(src), "--path-output", str(work / folder.name), "--quiet"]
        subprocess.run(command, check=True, capture_output=True)
        seconds += time.perf_counter() - start
    return seconds


def jupyter_book() -> str:
    return str(Path(sys.executable).parent / "jupyter-book")


def floor(data: Path, executed: Path, work: Path) -> tuple[float, float]:
    """(imports, sphinx): one interpreter importing the stack; a clean Sphinx build of the executed book."""
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import pandas, matplotlib.pyplot, seaborn, zonebook.report.html, zonebook.report.charts",
        ],
        check=True,
    )
    imports = time.perf_counter() - start
    ds = load(data)
    src = work / "src"
    book.prepare_sources(src, ds, data, work / "none", book.CHAPTERS)
    shutil.copytree(executed, src / "chapters", dirs_exist_ok=True)
    start = time.perf_counter()
    subprocess.run(
        [jupyter_book(), "build", str(src), "--path-output", str(work), "--quiet"],
        check=True,
        capture_output=True,
    )
    return imports, time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=str(ROOT / "data"))
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--skip-60", action="store_true", help="skip the 60-zone scale run")
    parser.add_argument("--check-only", action="store_true", help="time only the check command")
    args = parser.parse_args()
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    data = WORK / "data"
    shutil.copytree(args.data, data)

    print("bench: check at 1x, 10x, 100x and 100,000 observations ...", flush=True)
    checks = check_speed(data, WORK)
    if args.check_only:
        print_check_speed(checks)
        return 0

    print("bench: clean build ...", flush=True)
    clean, clean_mb, _ = timed_build(data, WORK / "main", args.jobs)
    print("bench: rebuild, nothing changed ...", flush=True)
    nochange, _, log = timed_build(data, WORK / "main", args.jobs)
    assert " executed " not in log, log
    zone = edit_one_zone(data)
    print(f"bench: rebuild after editing zone {zone} ...", flush=True)
    one_zone, _, log = timed_build(data, WORK / "main", args.jobs)
    executed_count = log.count(" executed ")
    english = english_only(Path(args.data), WORK / "data-en")
    print("bench: clean build, English only ...", flush=True)
    clean_en, _, _ = timed_build(english, WORK / "en", args.jobs)
    edit_one_zone(english)
    print("bench: rebuild of the English-only book after editing the same zone ...", flush=True)
    one_zone_en, _, _ = timed_build(english, WORK / "en", args.jobs)
    print("bench: jupyter-book executing the notebooks itself (force) ...", flush=True)
    baseline = baseline_force(data, WORK / "baseline")
    print(
        "bench: the same publication without zonebook's build (jupyter-book force per edition, then slides) ...",
        flush=True,
    )
    publication, decks = baseline_publication(data, WORK / "publication")
    print("bench: floor ...", flush=True)
    imports, sphinx = floor(data, WORK / "main" / ".html.zonebook" / "executed", WORK / "floor")
    others = other_editions_sphinx(WORK / "main" / ".html.zonebook" / "sphinx", WORK / "floor-editions")
    floor_publication = imports + sphinx + others + decks
    result = {
        "clean_s": round(clean, 2),
        "nochange_s": round(nochange, 2),
        "one_zone_s": round(one_zone, 2),
        "one_zone_executed": executed_count,
        "clean_en_s": round(clean_en, 2),
        "one_zone_en_s": round(one_zone_en, 2),
        "baseline_force_s": round(baseline, 2),
        "baseline_publication_s": round(publication, 2),
        "floor_s": round(imports + sphinx, 2),
        "floor_imports_s": round(imports, 2),
        "floor_sphinx_s": round(sphinx, 2),
        "floor_publication_s": round(floor_publication, 2),
        "slides_s": round(decks, 2),
        "clean_peak_mib": clean_mb,
        "jobs": args.jobs,
        "cores": os.cpu_count(),
        "check": checks,
    }
    if not args.skip_60:
        data60 = WORK / "data60"
        n = synthetic(Path(args.data), data60, 10)
        print(f"bench: clean build of {n} synthetic zones ...", flush=True)
        seconds, mb, _ = timed_build(data60, WORK / "z60", args.jobs)
        zones6 = len(load(args.data).zones)
        result.update(
            {
                "zones60_s": round(seconds, 2),
                "zones60_peak_mib": mb,
                "zones60_count": n,
                "zones60_per_zone_s": round(seconds / n, 3),
                "zones6_per_zone_s": round(clean / zones6, 3),
                "marginal_s_per_zone": round((seconds - clean) / (n - zones6), 3),
            }
        )  # the slope: linear growth is a constant one
    (ROOT / "_build" / "bench.json").write_text(json.dumps(result, indent=1))

    rows = [
        ("clean build", result["clean_s"], f"{clean / baseline:.2f} × baseline_force (target ≤ 0.40)"),
        ("no-change rebuild", result["nochange_s"], f"{nochange / clean:.2f} × clean (target ≤ 0.20)"),
        (
            f"one zone edited ({executed_count} notebooks re-run)",
            result["one_zone_s"],
            f"{one_zone / clean:.2f} × clean (target ≤ 0.50)",
        ),
        ("clean build, English only", result["clean_en_s"], f"two editions = {clean / clean_en:.2f} × (target ≤ 1.5)"),
        ("one zone edited, English only", result["one_zone_en_s"], f"two editions = {one_zone / one_zone_en:.2f} ×"),
        ("jupyter-book force (baseline)", result["baseline_force_s"], "one edition, no decks"),
        (
            "the same publication without the build",
            result["baseline_publication_s"],
            f"clean = {clean / publication:.2f} × (each edition by jupyter-book force, then slides)",
        ),
        ("floor: imports + Sphinx", result["floor_s"], f"clean = {clean / result['floor_s']:.2f} × floor (target ≤ 2)"),
        (
            "floor of the same publication",
            result["floor_publication_s"],
            f"clean = {clean / floor_publication:.2f} × (+ Sphinx on each other edition, + slides: {decks:.1f} s)",
        ),
    ]
    if "zones60_s" in result:
        rows.append(
            (
                f"{result['zones60_count']} zones, clean",
                result["zones60_s"],
                f"{result['marginal_s_per_zone']} s per extra zone (6 → {result['zones60_count']}); peak {result['zones60_peak_mib']} MiB",
            )
        )
    print(f"\n{'measure':<42} {'seconds':>8}  ratio")
    for name, seconds, ratio in rows:
        print(f"{name:<42} {seconds:>8.2f}  {ratio}")
    print_check_speed(checks)
    print(f"\npeak memory, clean build: {clean_mb} MiB; written to {ROOT / '_build' / 'bench.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
