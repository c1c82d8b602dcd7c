"""A papermill engine that runs notebooks in warm, reused kernels.

Starting a kernel and importing pandas, matplotlib and seaborn costs more than the analysis itself.
A pool of kernels is started when the build starts (while the main process checks the data) and
each kernel imports the stack once. Before each notebook its namespace is reset (`%reset -f`),
open figures are closed and the working directory restored, so a notebook sees nothing of the
previous one but the already-imported modules. The nbval test re-executes every notebook in a
fresh kernel and requires identical outputs, which is what keeps this honest.
"""

from __future__ import annotations

import os
import queue
import threading
from contextlib import contextmanager

from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync
from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine, papermill_engines
from papermill.utils import merge_kwargs, remove_args

NAME = "zonebook-warm"
KERNEL = "python3"
WARM_UP = "import pandas, pandera, matplotlib.pyplot, seaborn\nimport zonebook.report, zonebook.charts\nzonebook.charts.setup()\n"
RESET = "%reset -f\nimport os as _os, matplotlib.pyplot as _plt\n_plt.close('all')\n_os.chdir({cwd!r})\ndel _os, _plt\n"


class Pool:
    """Kernels started in the background; a notebook borrows one and gives it back."""

    def __init__(self, size: int, cwd: str):
        self.free: queue.Queue[AsyncKernelManager | BaseException] = queue.Queue()
        self.managers: list[AsyncKernelManager] = []
        self.lock = threading.Lock()
        self.cwd = cwd
        for _ in range(size):
            threading.Thread(target=self._start, daemon=True).start()

    def _start(self) -> None:
        try:
            km = AsyncKernelManager(kernel_name=KERNEL)
            with self.lock:
                self.managers.append(km)
            run_sync(km.start_kernel)(cwd=self.cwd)
            kc = km.client()
            kc.start_channels()
            try:
                run_sync(kc.wait_for_ready)(timeout=120)
                run_sync(kc.execute_interactive)(WARM_UP, timeout=300, store_history=False, output_hook=lambda msg: None)
            finally:
                kc.stop_channels()
            self.free.put(km)
        except BaseException as error:  # the borrower raises it: a kernel that cannot start is a build failure
            self.free.put(error)

    def borrow(self) -> AsyncKernelManager:
        km = self.free.get()
        if isinstance(km, BaseException):
            raise RuntimeError(f"a kernel could not be started: {km}") from km
        if not run_sync(km.is_alive)():  # a notebook killed its kernel: start a fresh one
            self._start()
            return self.borrow()
        return km

    def give_back(self, km: AsyncKernelManager) -> None:
        self.free.put(km)

    def shutdown(self) -> None:
        with self.lock:
            managers, self.managers = self.managers, []
        for km in managers:
            try:
                if km.has_kernel:
                    run_sync(km.shutdown_kernel)(now=True)
            except Exception:  # a kernel that already died needs no shutdown
                pass


_pool: Pool | None = None


@contextmanager
def kernels(size: int, cwd: str):
    """Warm kernels live for the duration of the block, and are stopped however it ends."""
    global _pool
    _pool = Pool(size, cwd)
    try:
        yield _pool
    finally:
        _pool.shutdown()
        _pool = None


class WarmClient(PapermillNotebookClient):
    """Runs the reset in the borrowed kernel before the notebook's own cells."""

    def papermill_execute_cells(self):
        self.wait_for_reply(self.kc.execute(RESET.format(cwd=os.getcwd()), silent=True, store_history=False))
        super().papermill_execute_cells()


class WarmEngine(NBClientEngine):
    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False, stdout_file=None, stderr_file=None,
                                 start_timeout=60, execution_timeout=None, **kwargs):
        if _pool is None:
            raise RuntimeError("the warm engine runs inside warm.kernels()")
        kwargs = remove_args(["input_path"], **kwargs)
        safe_kwargs = remove_args(["timeout", "startup_timeout"], **kwargs)
        final_kwargs = merge_kwargs(safe_kwargs, timeout=execution_timeout or kwargs.get("timeout"), startup_timeout=start_timeout,
                                    kernel_name=kernel_name, log_output=log_output, stdout_file=stdout_file, stderr_file=stderr_file)
        km = _pool.borrow()
        client = WarmClient(nb_man, km=km, **final_kwargs)
        try:
            return client.execute()
        finally:
            if client.kc is not None:
                client.kc.stop_channels()
            _pool.give_back(km)


papermill_engines.register(NAME, WarmEngine)
