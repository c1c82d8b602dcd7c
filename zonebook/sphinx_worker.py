"""A jupyter-book process started early, so its imports (Sphinx, MyST-NB, the theme, jieba's dictionary)
load while the notebooks execute. It waits for one line on stdin: the jupyter-book arguments as JSON,
or end-of-file to exit without building (the build failed before reaching this stage).

The build runs in this separate process, exactly as `jupyter-book build ARGS` would.
"""

import json
import sys


def main() -> int:
    import jieba
    import myst_nb  # noqa: F401
    import sphinx.application  # noqa: F401
    import sphinx_book_theme  # noqa: F401
    import sphinxcontrib.bibtex  # noqa: F401
    from jupyter_book.cli.main import main as jupyter_book

    jieba.setLogLevel(60)
    jieba.initialize()  # the Chinese search index needs the dictionary; load it now, not on the critical path
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
    sys.exit(main())
