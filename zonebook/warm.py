"""A pool of warm, reused kernels (zonebook.engine runs papermill's notebooks on it).

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

KERNEL = "python3"
WARM_UP = (  # the stack imported, and one small chart drawn so the CJK font is loaded before the first notebook
    "import io, pandas, pandera, matplotlib.pyplot as plt, seaborn\nimport zonebook.report, zonebook.charts\n"
    "zonebook.charts.setup()\nfig, ax = plt.subplots(figsize=(1, 1))\nax.set_title('扬州 1')\nfig.savefig(io.BytesIO())\nplt.close(fig)\n"
)
RESET = ("%reset -f\nimport os as _os, matplotlib.pyplot as _plt\n_plt.close('all')\n_os.chdir({cwd!r})\n"
         "_os.environ.update({env!r})\ndel _os, _plt\n")
SHARED_ENV = ("ZONEBOOK_CHART_CACHE",)  # passed to the kernel before each notebook, as the build has it then


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
    """Warm kernels live for the duration of the block, and are stopped however it ends.

    Inside a block that already has them (the CLI starts them before its heavier imports), it reuses them.
    """
    global _pool
    if _pool is not None:
        yield _pool
        return
    _pool = Pool(size, cwd)
    try:
        yield _pool
    finally:
        _pool.shutdown()
        _pool = None


def current() -> Pool:
    if _pool is None:
        raise RuntimeError("notebooks run on warm kernels only inside warm.kernels()")
    return _pool


def reset_code(cwd: str) -> str:
    """What a borrowed kernel runs before a notebook: a clean namespace, no figures, the notebook's cwd and env."""
    return RESET.format(cwd=cwd, env={k: os.environ[k] for k in SHARED_ENV if k in os.environ})
