"""The library internals the build relies on, each checked against the version it was written for.

Each test names one assumption of docs/ARCHITECTURE.md ("What the code assumes of its libraries"). When
an upgrade breaks one, this file fails first and says which, instead of a build that hangs or is silently
slower. Update the code and the version here together.
"""

import ctypes
import errno
import inspect
import os
from importlib.metadata import version

import pytest

CHECKED = {
    "papermill": "2.7.0",
    "nbclient": "0.11.0",
    "jupyter_client": "8.10.0",
    "Sphinx": "7.4.7",
    "pandera": "0.35.0",
    "python-pptx": "1.0.2",
    "pandas": "3.1.1",
    "matplotlib": "3.11.2",
}


@pytest.mark.parametrize("package", sorted(CHECKED))
def test_the_pinned_versions_are_the_checked_ones(package):
    assert version(package) == CHECKED[package], (
        f"{package} is {version(package)}, the code's assumptions were checked against {CHECKED[package]}: "
        "re-check docs/ARCHITECTURE.md for it, then update CHECKED"
    )


def test_papermill_hands_unknown_keywords_to_the_engine():
    # zonebook.build.engine gets its kernel pool as execute_notebook(..., pool=POOL)
    from papermill import execute
    from papermill.engines import Engine, NBClientEngine

    assert "engine_kwargs" in inspect.signature(execute.execute_notebook).parameters
    assert "**kwargs" in str(inspect.signature(Engine.execute_notebook))
    source = inspect.getsource(NBClientEngine.execute_managed_notebook)
    # the body zonebook.build.engine.WarmEngine follows: remove_args, merge_kwargs, then PapermillNotebookClient(...)
    for step in (
        "remove_args(['input_path']",
        "remove_args(['timeout', 'startup_timeout']",
        "merge_kwargs(",
        "PapermillNotebookClient(",
    ):
        assert step in source, f"papermill's NBClientEngine no longer does {step}: re-read it and update WarmEngine"


def test_papermill_client_runs_cells_through_papermill_execute_cells():
    from papermill.clientwrap import PapermillNotebookClient

    source = inspect.getsource(PapermillNotebookClient.execute)
    assert "with self.setup_kernel(" in source and "self.papermill_execute_cells()" in source


def test_papermill_execution_errors_carry_the_failing_cells_source_and_traceback():
    from papermill.exceptions import PapermillExecutionError

    assert list(inspect.signature(PapermillExecutionError.__init__).parameters)[1:] == [
        "cell_index",
        "exec_count",
        "source",
        "ename",
        "evalue",
        "traceback",
    ]


def test_nbclient_keeps_a_client_that_was_set_before_execute():
    # the warm pool sets client.kc to a client connected once per thread; nbclient must not replace or stop it
    from nbclient.client import NotebookClient

    setup = inspect.getsource(NotebookClient.setup_kernel)  # papermill's client uses the synchronous one
    assert "if self.kc is None:" in setup and 'cleanup_kc = kwargs.pop("cleanup_kc", self.owns_km)' in setup
    assert "self.owns_km: bool = km is None" in inspect.getsource(NotebookClient.__init__)


def test_a_client_shell_socket_takes_its_sessions_id_as_identity():
    # why zonebook.build.kernels.connect gives every client a Session of its own
    from jupyter_client.channels import ZMQSocketChannel  # noqa: F401
    from jupyter_client.client import KernelClient

    source = inspect.getsource(KernelClient.shell_channel.fget)
    assert "identity=self.session.bsession" in source


def test_sphinx_chinese_search_is_the_one_the_twin_copies():
    # zonebook.sphinx_ext registers a faster twin of sphinx.search.zh.SearchChinese for Sphinx 7.4 only
    from sphinx.search.zh import SearchChinese

    assert {"init", "split", "word_filter", "stem"} <= set(vars(SearchChinese))


def test_renameat2_exchanges_two_folders(tmp_path):
    # zonebook.build.publish swaps the book in with renameat2(RENAME_EXCHANGE): Linux 3.15+, glibc 2.28+
    libc = ctypes.CDLL(None, use_errno=True)
    assert hasattr(libc, "renameat2")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "old").touch()
    (tmp_path / "b" / "new").touch()
    from zonebook.build.publish import RENAME_EXCHANGE, _renameat2

    _renameat2(tmp_path / "b", tmp_path / "a", RENAME_EXCHANGE)
    assert os.listdir(tmp_path / "a") == ["new"] and os.listdir(tmp_path / "b") == ["old"]
    with pytest.raises(OSError) as refused:
        _renameat2(tmp_path / "a", tmp_path / "missing", RENAME_EXCHANGE)
    assert refused.value.errno == errno.ENOENT


def test_the_jupyter_book_worker_forks_with_no_other_thread_running():
    """build/sphinx.py forks one child per edition after importing jupyter-book, Sphinx, the book's extensions and
    jieba's dictionary: a fork copies only the thread that calls it, so a thread started by any of those imports
    (holding a lock, say) could hang a child. None is started today."""
    import subprocess
    import sys

    code = "import threading\nfrom zonebook.build.sphinx import preload\npreload()\nprint(threading.active_count())"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert run.stdout.strip() == "1", "a thread is running after the worker's imports: fork is no longer safe"


def _same(a, b) -> bool:
    """Equal as values and as Python types, a missing value (NaN, NaT, NA) equal to the same missing value."""
    import pandas as pd

    if type(a) is not type(b):
        return False
    return bool(pd.isna(a) and pd.isna(b)) or bool(a == b)


def test_frames_rows_are_the_rows_itertuples_gives():
    # zonebook.frames.rows reads each column with Series.tolist() instead of itertuples' iloc: the same objects,
    # of the same types, under the same field names, on every table and kind of column the report walks
    import pandas as pd

    from zonebook import frames, load
    from zonebook.analysis import metrics
    from zonebook.build.paths import ROOT

    ds = load(ROOT / "data")
    odd = pd.DataFrame(
        {
            "when": pd.to_datetime(["2024-01-02", None]),
            "flag": [True, False],
            "n": pd.array([1, None], dtype="Int64"),
            "text": pd.array(["a", None], dtype="string"),
            "class": ["x", "y"],  # a keyword: renamed _3 by both
            "2020": [1.5, float("nan")],  # not an identifier: renamed too
        }
    )
    tables = [ds.observations, ds.sources, ds.zones, ds.indicators, metrics.audit(ds.observations, ds.claims_source)]
    for table in [*tables, odd, ds.zones.iloc[:0]]:
        theirs, ours = list(table.itertuples(index=False)), list(frames.rows(table))
        assert len(theirs) == len(ours)
        for a, b in zip(theirs, ours):
            assert a._fields == b._fields
            assert all(_same(x, y) for x, y in zip(a, b)), (a, b)
