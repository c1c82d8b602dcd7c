"""A jupyter-book process started early, so its imports (Sphinx, MyST-NB, the theme, jieba's dictionary)
load while the notebooks execute. It waits for one line on stdin: the jupyter-book arguments as JSON,
or end-of-file to exit without building (the build failed before reaching this stage).

The build runs in this separate process, exactly as `jupyter-book build ARGS` would.
"""

import importlib
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the project: its _config.yml names the extensions


def preload() -> None:
    """Import what the build will: jupyter-book, Sphinx, the extensions the book's configuration loads."""
    import jieba
    from jupyter_book.config import get_final_config
    from sphinx.application import builtin_extensions

    config, _ = get_final_config(user_yaml=ROOT / "_config.yml", cli_config={"latex_individualpages": False}, sourcedir=ROOT)
    for module in [*builtin_extensions, *config["extensions"], "myst_nb.sphinx_ext", "sphinx.search.zh", "jupyter_book.sphinx"]:
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
