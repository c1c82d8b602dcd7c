"""A papermill engine that reuses one warm kernel per worker thread.

Starting a kernel and importing pandas, matplotlib and seaborn costs more than the analysis itself.
Each worker keeps its kernel between notebooks; before a notebook runs, the kernel's namespace is
reset (`%reset -f`), open figures are closed and the working directory restored, so a notebook sees
nothing of the previous one but the already-imported modules. The nbval test re-executes every
notebook in a fresh kernel and requires identical outputs, which is what keeps this honest.
"""

from __future__ import annotations

import os
import threading
from contextlib import contextmanager

from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync
from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine, papermill_engines
from papermill.utils import merge_kwargs, remove_args

NAME = "zonebook-warm"
RESET = "%reset -f\nimport os as _os, matplotlib.pyplot as _plt\n_plt.close('all')\n_os.chdir({cwd!r})\ndel _os, _plt\n"

_local = threading.local()
_lock = threading.Lock()
_managers: list[AsyncKernelManager] = []


class WarmClient(PapermillNotebookClient):
    """Runs the reset in the (possibly used) kernel before the notebook's own cells."""

    def papermill_execute_cells(self):
        msg_id = self.kc.execute(RESET.format(cwd=os.getcwd()), silent=True, store_history=False)
        self.wait_for_reply(msg_id)
        super().papermill_execute_cells()


def _kernel(kernel_name: str) -> AsyncKernelManager:
    km = getattr(_local, "km", None)
    if km is None or not km.has_kernel or not run_sync(km.is_alive)():
        km = AsyncKernelManager(kernel_name=kernel_name)
        _local.km = km
        with _lock:
            _managers.append(km)
    return km


class WarmEngine(NBClientEngine):
    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False, stdout_file=None, stderr_file=None,
                                 start_timeout=60, execution_timeout=None, **kwargs):
        kwargs = remove_args(["input_path"], **kwargs)
        safe_kwargs = remove_args(["timeout", "startup_timeout"], **kwargs)
        final_kwargs = merge_kwargs(safe_kwargs, timeout=execution_timeout or kwargs.get("timeout"), startup_timeout=start_timeout,
                                    kernel_name=kernel_name, log_output=log_output, stdout_file=stdout_file, stderr_file=stderr_file)
        client = WarmClient(nb_man, km=_kernel(kernel_name), **final_kwargs)
        try:
            return client.execute()
        finally:
            if client.kc is not None:
                client.kc.stop_channels()


@contextmanager
def kernels():
    """Warm kernels live for the duration of the block, and are stopped however it ends."""
    try:
        yield
    finally:
        shutdown()


def shutdown() -> None:
    """Stop every warm kernel."""
    with _lock:
        managers, _managers[:] = list(_managers), []
    for km in managers:
        try:
            if km.has_kernel:
                run_sync(km.shutdown_kernel)(now=True)
        except Exception:  # a kernel that already died needs no shutdown
            pass


papermill_engines.register(NAME, WarmEngine)
