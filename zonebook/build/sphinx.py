"""A jupyter-book process started early, so its imports (Sphinx, MyST-NB, the theme, jieba's dictionary)
load while the data is checked and the notebooks execute. It waits for one line on stdin: the
jupyter-book arguments as JSON, or end-of-file to exit without building (the build stopped earlier).

The build runs in this separate process, exactly as `jupyter-book build ARGS` would. `Worker` is the
handle the build holds; this module stays light, so the command line can start it before anything else.
"""

import contextlib
import importlib
import json
import os
import subprocess
import sys

from zonebook.build.paths import ROOT


class Worker:
    """The jupyter-book process, started at once; its output is kept for the build's log."""

    def __init__(self):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "zonebook.build.sphinx"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )

    def build(self, args: list[str]) -> tuple[int, str]:
        """Run `jupyter-book build ARGS`; its exit code and everything it printed."""
        output, _ = self.process.communicate(json.dumps(args) + "\n")
        return self.process.returncode, output

    def close(self) -> None:
        """Stop the worker if it was never asked to build (a no-op once it has built)."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.communicate()

    def __enter__(self) -> "Worker":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


@contextlib.contextmanager
def workers():
    """A worker per edition of the book (zonebook.build.editions), by language code, all started at once."""
    from zonebook.build.editions import LANGUAGES

    with contextlib.ExitStack() as stack:
        yield {lang.code: stack.enter_context(Worker()) for lang in LANGUAGES}


def preload() -> None:
    """Import what the build will: jupyter-book, Sphinx, the extensions the book's configuration loads."""
    import jieba
    from jupyter_book.config import get_final_config
    from sphinx.application import builtin_extensions

    config, _ = get_final_config(
        user_yaml=ROOT / "_config.yml", cli_config={"latex_individualpages": False}, sourcedir=ROOT
    )
    for module in [
        *builtin_extensions,
        *config["extensions"],
        "myst_nb.sphinx_ext",
        "sphinx.search.zh",
        "jupyter_book.sphinx",
    ]:
        importlib.import_module(module)
    jieba.setLogLevel(60)
    jieba.initialize()  # the Chinese search index needs the dictionary; load it now, not on the critical path


def main() -> int:
    from jupyter_book.cli.main import main as jupyter_book

    preload()
    line = sys.stdin.readline()
    if not line.strip():
        return 0
    try:
        jupyter_book(["build", *json.loads(line)], standalone_mode=False)
    except SystemExit as stop:
        return int(stop.code or 0)
    except Exception as error:  # jupyter-book reports a failed Sphinx build by raising
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)  # the book is written: skip the teardown of Sphinx's objects, which the build would wait for
