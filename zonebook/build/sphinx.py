"""The jupyter-book process, started early, so its imports (Sphinx, MyST-NB, the theme, jieba's dictionary) load
while the data is checked and the notebooks execute. It waits for one line on stdin: the jupyter-book arguments of
each edition, as JSON, or end-of-file to exit without building (the build stopped earlier).

Each edition is built in a child forked from it once it has imported everything: the editions compile side by side,
each exactly as `jupyter-book build ARGS` would in a process of its own, and the imports are paid once, not once per
edition. `Worker` is the handle the build holds; this module stays light, so the command line can start it before
anything else.
"""

import contextlib
import importlib
import json
import os
import signal
import subprocess
import sys
import tempfile

from zonebook.build.paths import ROOT


class Worker:
    """The jupyter-book process, started at once; what each edition's build printed is kept for the build's log."""

    def __init__(self):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "zonebook.build.sphinx"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,  # a process group of its own, with the children it forks: `close` stops them all
        )

    def build(self, editions: dict[str, list[str]]) -> dict[str, tuple[int, str]]:
        """Run `jupyter-book build ARGS` for each edition (by language code) at once; each one's exit code and
        everything it printed."""
        output, errors = self.process.communicate(json.dumps(editions) + "\n")
        try:
            return {code: (rc, text) for code, (rc, text) in json.loads(output).items()}
        except ValueError:  # the worker itself failed (an import, a fork): every edition fails, with its words
            message = f"the jupyter-book process ended with {self.process.returncode}:\n{output}{errors}"
            return {code: (1, message) for code in editions}

    def close(self) -> None:
        """Stop the worker and every edition it is compiling (a build interrupted meanwhile); a no-op once it has built.
        Its children would otherwise go on writing into the Sphinx folders the next build uses."""
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.communicate()

    def __enter__(self) -> "Worker":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


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


def build_one(args: list[str]) -> int:
    """`jupyter-book build ARGS` in this process; its exit code."""
    from jupyter_book.cli.main import main as jupyter_book

    try:
        jupyter_book(["build", *args], standalone_mode=False)
    except SystemExit as stop:
        return int(stop.code or 0)
    except Exception as error:  # jupyter-book reports a failed Sphinx build by raising
        print(error, file=sys.stderr)
        return 1
    return 0


def fork_build(args: list[str], log) -> int:
    """Build one edition in a forked child whose output goes to `log` (a file); the child's pid."""
    pid = os.fork()
    if pid:
        return pid
    try:  # the child: never returns
        os.dup2(log.fileno(), 1)
        os.dup2(log.fileno(), 2)
        code = build_one(args)
        sys.stdout.flush()
        sys.stderr.flush()
    except BaseException:  # noqa: BLE001 - whatever happens, the child must end here, with a failure
        code = 1
    os._exit(code)  # the book is written: skip the teardown of Sphinx's objects, which the build would wait for


def main() -> int:
    preload()
    line = sys.stdin.readline()
    if not line.strip():
        return 0
    editions = json.loads(line)
    sys.stdout.flush()
    sys.stderr.flush()
    with contextlib.ExitStack() as stack:
        logs = {code: stack.enter_context(tempfile.TemporaryFile("w+", encoding="utf-8")) for code in editions}
        children = {code: fork_build(args, logs[code]) for code, args in editions.items()}
        results = {}
        for code, pid in children.items():
            _, status = os.waitpid(pid, 0)
            logs[code].seek(0)
            results[code] = (os.waitstatus_to_exitcode(status), logs[code].read())
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
