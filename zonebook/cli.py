"""Command line: `python -m zonebook check|build|slides|pdf|extract`. Parses arguments, nothing else."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def _check(args: argparse.Namespace) -> int:
    from zonebook.data import review

    problems, warnings = review(args.data)
    for problem in problems + warnings:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{args.data}: {len(problems)} problem(s); fix them and run the check again.", file=sys.stderr)
        return 1
    more = f" ({len(warnings)} warning(s) above: text to look at, which does not fail the check)" if warnings else ""
    print(f"{args.data}: the data passes every check{more}.")
    return 0


def _build(args: argparse.Namespace) -> int:
    from zonebook.build import (  # light: the heavy imports wait until there is work
        BuildRefused,
        OutputRefused,
        build,
    )

    try:
        return build(
            args.data, args.out, jobs=args.jobs, presenter=args.presenter, event=args.event, handout=args.handout
        )
    except OutputRefused as error:
        print(f"build refused: {error}", file=sys.stderr)
        return 2
    except BuildRefused as error:
        print(f"build refused: {error}", file=sys.stderr)
        return 1


def _slides(args: argparse.Namespace) -> int:
    from zonebook.build.paths import OutputRefused, drop_stale_slides, record_slides, slides_output

    try:
        out = slides_output(Path(args.out), Path(args.data))
    except OutputRefused as error:
        print(f"slides refused: {error}", file=sys.stderr)
        return 2
    from zonebook.decks.slides import make_decks

    def done(files: list[Path]) -> None:  # the decks of a zone or an edition the data no longer has go with them
        removed, kept = drop_stale_slides(out, files)
        record_slides(out, files)
        if removed:
            print(f"removed {len(removed)} file(s) an earlier run wrote for decks the data no longer has")
        for name in kept:
            print(
                f"kept {out / name}: an earlier run wrote it for a deck the data no longer has, and it was changed since"
            )

    return make_decks(Path(args.data), out, args.presenter, args.event, handout=args.handout, done=done)


def _pdf(args: argparse.Namespace) -> int:
    from zonebook.printed import NotABook, OutputRefused, write

    try:
        written = write(args.book, args.out, args.handouts)
    except (NotABook, OutputRefused) as error:
        print(f"pdf refused: {error}", file=sys.stderr)
        return 2
    book, handouts = written[0], written[1:]
    print(f"pdf: {book}" + (f"  ({len(handouts)} zone handout(s) in {handouts[0].parent})" if handouts else ""))
    return 0


def _extract(args: argparse.Namespace) -> int:
    from zonebook.extract import run

    return run(args.text_file, args.source, args.out, args.address)


def _cover_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--presenter", default="", help="the presenter's name, on every deck's cover (default: none)")
    command.add_argument("--event", default="", help="the seminar or event, on every deck's cover (default: none)")
    command.add_argument(
        "--handout", action="store_true", help="also each deck as a PDF handout, its slides with their notes (slower)"
    )


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m zonebook", description=__doc__)
    commands = top.add_subparsers(dest="command", required=True)

    check = commands.add_parser("check", help="validate a data folder and list every problem")
    check.add_argument("--data", default="data", help="data folder (default: data)")
    check.set_defaults(run=_check)

    build = commands.add_parser("build", help="check the data, execute the notebooks, build the book")
    build.add_argument("--data", default="data", help="data folder (default: data)")
    build.add_argument("--out", default="_build/html", help="where the finished book goes (default: _build/html)")
    build.add_argument(
        "--jobs", type=int, default=os.cpu_count() or 1, help="notebooks executed at once (default: cores)"
    )
    _cover_options(build)
    build.set_defaults(run=_build)

    slides = commands.add_parser(
        "slides", help="write a PowerPoint and an HTML deck per zone and for the city, in English and in Chinese (zh/)"
    )
    slides.add_argument("--data", default="data", help="data folder (default: data)")
    slides.add_argument("--out", default="_build/slides", help="output folder (default: _build/slides)")
    _cover_options(slides)
    slides.set_defaults(run=_slides)

    pdf = commands.add_parser("pdf", help="print a built book as one PDF, with a handout PDF per zone")
    pdf.add_argument("--book", default="_build/html", help="a built book's folder (default: _build/html)")
    pdf.add_argument("--out", default="_build/pdf/book.pdf", help="the PDF to write (default: _build/pdf/book.pdf)")
    pdf.add_argument("--handouts", default=None, help="folder of the zone handouts (default: handouts/ beside --out)")
    pdf.set_defaults(run=_pdf)

    extract = commands.add_parser("extract", help="draft observation rows from a Chinese text, for review")
    extract.add_argument("text_file", help="a UTF-8 or GB18030 text file")
    extract.add_argument("--source", default=None, help="source id to put on every row")
    extract.add_argument("--out", default=None, help="draft CSV to write (default: standard output)")
    extract.add_argument("--address", default=None, help="the page's source address; its date dates an undated text")
    extract.set_defaults(run=_extract)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        print("interrupted; nothing was published.", file=sys.stderr)
        return 130
    except OSError as error:  # the machine, not the data: a full disk, a read-only or vanished folder
        what = error.strerror or str(error)
        where = f": {error.filename}" if error.filename else ""
        print(f"{args.command} failed: {what}{where}; nothing published was changed.", file=sys.stderr)
        return 1
