"""Command line: `python -m zonebook check|build|slides|extract`. Parses arguments, nothing else."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path


def _check(args: argparse.Namespace) -> int:
    from zonebook.data import check

    problems = check(args.data)
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"{args.data}: {len(problems)} problem(s); fix them and run the check again.", file=sys.stderr)
        return 1
    print(f"{args.data}: the data passes every check.")
    return 0


def _build(args: argparse.Namespace) -> int:
    from zonebook import execute, inputs, sphinx_worker, warm  # light: check for a no-op, then start the kernels and jupyter-book

    start = time.perf_counter()
    data, out = Path(args.data), Path(args.out)
    published = inputs.published(out)
    if data.is_dir() and published.get("inputs") == inputs.digest(data):
        for notebook in published.get("notebooks", []):
            print(execute.log_line("cached", notebook, 0.0))
        print(f"book: nothing changed since the last build (the same data, notebooks, code and configuration); {out} is up to date"
              f"  (total {time.perf_counter() - start:.1f} s)")
        return 0
    chapters = Path(__file__).resolve().parent.parent / "chapters"
    with warm.kernels(inputs.kernels_to_start(out, args.jobs), str(chapters)), sphinx_worker.Worker() as worker:
        from zonebook.book import build  # its imports overlap with the kernels' and jupyter-book's

        return build(data, out, jobs=args.jobs, worker=worker)


def _slides(args: argparse.Namespace) -> int:
    from zonebook.decks import make_decks

    return make_decks(Path(args.data), Path(args.out))


def _extract(args: argparse.Namespace) -> int:
    from zonebook.extract import run

    return run(args.text_file, args.source, args.out)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m zonebook", description=__doc__)
    commands = top.add_subparsers(dest="command", required=True)

    check = commands.add_parser("check", help="validate a data folder and list every problem")
    check.add_argument("--data", default="data", help="data folder (default: data)")
    check.set_defaults(run=_check)

    build = commands.add_parser("build", help="check the data, execute the notebooks, build the book")
    build.add_argument("--data", default="data", help="data folder (default: data)")
    build.add_argument("--out", default="_build/html", help="where the finished book goes (default: _build/html)")
    build.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="notebooks executed at once (default: cores)")
    build.set_defaults(run=_build)

    slides = commands.add_parser("slides", help="write a PowerPoint and an HTML deck per zone and for the city")
    slides.add_argument("--data", default="data", help="data folder (default: data)")
    slides.add_argument("--out", default="_build/slides", help="output folder (default: _build/slides)")
    slides.set_defaults(run=_slides)

    extract = commands.add_parser("extract", help="draft observation rows from a Chinese text, for review")
    extract.add_argument("text_file", help="a UTF-8 or GB18030 text file")
    extract.add_argument("--source", default=None, help="source id to put on every row")
    extract.add_argument("--out", default=None, help="draft CSV to write (default: standard output)")
    extract.set_defaults(run=_extract)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        print("interrupted; nothing was published.", file=sys.stderr)
        return 130
