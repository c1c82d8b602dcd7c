"""A pool of warm, reused kernels (zonebook.engine runs papermill's notebooks on it).

Starting a kernel and importing pandas, matplotlib and seaborn costs more than the analysis itself.
A pool of kernels is started when the build starts (while the main process checks the data) and
each kernel imports the stack once. Before each notebook its namespace is reset (`%reset -f`),
open figures are closed and the working directory restored, so a notebook sees nothing of the
previous one but the already-imported modules. The nbval test re-executes every notebook in a
fresh kernel and requires identical outputs, which is what keeps this honest.

Two costs are paid once rather than per notebook:
- the warm-up ends with `gc.freeze()`, so the garbage collection `%reset` runs skips the imported
  stack (0.15 s → 1 ms);
- a connected client, with a session of its own, is kept per thread and kernel, so a notebook starts
  without a handshake. Clients are tied to their thread's event loop, so a thread gets back the
  kernel it used last when that one is free.

The pool starts with the kernels asked for and grows when the build finds more work (`grow`).
"""

from __future__ import annotations

import ast
import contextlib
import queue
import re
import threading
import time
from contextlib import contextmanager

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager
from jupyter_client.session import Session
from jupyter_core.utils import run_sync

KERNEL = "python3"
# ipykernel 7 logs a warning at every start that its TCP transport is unencrypted: the kernels listen on
# 127.0.0.1 for this build only, and a warning per kernel in every build log would teach users to ignore warnings.
# Errors are still logged.
QUIET = ["--IPKernelApp.log_level=ERROR"]
RESET = "%reset -f\nimport os as _os, matplotlib.pyplot as _plt\n_plt.close('all')\n_os.chdir({cwd!r})\ndel _os, _plt\n"


def warm_up(charts: str | None) -> None:
    """Run inside a new kernel: import the stack, point the chart cache at the build's, and draw one small chart
    so the CJK font is loaded before the first notebook; then freeze what is imported for the garbage collector."""
    import gc
    import io

    import matplotlib.pyplot as plt
    import pandas  # noqa: F401
    import pandera  # noqa: F401
    import seaborn  # noqa: F401

    import zonebook.report.html  # noqa: F401
    from zonebook.report import charts as drawing

    drawing.setup()
    drawing.use_cache(charts)
    fig, ax = plt.subplots(figsize=(1, 1))
    ax.set_title("中文 1")
    fig.savefig(io.BytesIO())
    plt.close(fig)
    gc.freeze()


def call_code(function, *args) -> str:
    """The code that calls a function of the package with `args` in a kernel (the kernel protocol carries code):
    the function is named by its module and name, the arguments written as Python literals. Anything a literal
    cannot carry exactly (an object, a path, a frame) is refused here, not misread there."""
    module, name = function.__module__, function.__qualname__
    if not module.startswith("zonebook.") or "." in name or "<" in name:
        raise TypeError(f"only a module-level function of the package runs on a kernel, not {module}.{name}")
    try:
        exact = ast.literal_eval(repr(args)) == args
    except (ValueError, SyntaxError):
        exact = False
    if not exact:
        raise TypeError(f"{name}'s arguments must be Python literals (str, int, list, dict, None ...): {args!r}")
    return f"from {module} import {name} as _call\n_call(*{args!r})\ndel _call\n"


ANSI = re.compile(r"\x1b\[[0-9;]*m")  # IPython colours its tracebacks


class KernelError(Exception):
    """Code run on a pooled kernel raised; the message carries the kernel's traceback."""


class Pool:
    """Kernels started in the background; a notebook borrows one (with a client for its thread) and gives it back."""

    def __init__(self, size: int, cwd: str, charts: str | None = None):
        self.free: list[AsyncKernelManager | BaseException] = []
        self.ready = threading.Condition()
        self.managers: list[AsyncKernelManager] = []
        self.clients: dict[tuple[threading.Thread, AsyncKernelManager], AsyncKernelClient] = {}
        self.last: dict[threading.Thread, AsyncKernelManager] = {}
        self.starting = 0  # kernels asked for whose manager does not exist yet
        self.cwd = cwd
        self.charts = charts  # the chart cache folder the kernels draw into (None: no cache)
        self.grow(size)

    @property
    def size(self) -> int:
        """Kernels started or starting."""
        with self.ready:
            return len(self.managers) + self.starting

    def grow(self, size: int) -> None:
        """Start kernels until the pool has `size` (started or starting)."""
        with self.ready:
            missing = size - len(self.managers) - self.starting
            self.starting += max(0, missing)
        for _ in range(missing):
            threading.Thread(target=self._start, daemon=True).start()

    def _start(self) -> None:
        try:
            km = AsyncKernelManager(kernel_name=KERNEL)
            with self.ready:
                self.managers.append(km)
                self.starting = max(0, self.starting - 1)
            run_sync(km.start_kernel)(cwd=self.cwd, extra_arguments=QUIET)
            kc = run_sync(connect)(km, timeout=120)
            try:
                run_sync(kc.execute_interactive)(
                    call_code(warm_up, self.charts), timeout=300, store_history=False, output_hook=lambda msg: None
                )
            finally:
                kc.stop_channels()
            self._put(km)
        except BaseException as error:  # the borrower raises it: a kernel that cannot start is a build failure
            self._put(error)

    def _put(self, item: AsyncKernelManager | BaseException) -> None:
        with self.ready:
            self.free.append(item)
            self.ready.notify()

    def borrow(self) -> tuple[AsyncKernelManager, AsyncKernelClient]:
        """A free kernel (this thread's last one if it is free) and this thread's connected client to it."""
        thread = threading.current_thread()
        with self.ready:
            self.ready.wait_for(lambda: self.free)
            mine = self.last.get(thread)
            item = mine if any(k is mine for k in self.free) else self.free[0]
            self.free.remove(item)
        if isinstance(item, BaseException):
            raise RuntimeError(f"a kernel could not be started: {item}") from item
        km = item
        if not run_sync(km.is_alive)():  # a notebook killed its kernel: replace it
            self._forget(km)
            self.grow(len(self.managers) + 1)
            return self.borrow()
        kc = self.clients.get((thread, km))
        if kc is None:
            kc = run_sync(connect)(km, timeout=60)
            kc.allow_stdin = False
            self.clients[(thread, km)] = kc
        self.last[thread] = km
        return km, kc

    def call(self, function, *args, cwd: str, timeout: float = 600) -> None:
        """Call `function` (a module-level function of the package) with `args` (Python literals) on a free kernel,
        after the usual reset; raise KernelError with its traceback if it fails."""
        self.run(call_code(function, *args), cwd, timeout)

    def run(self, code: str, cwd: str, timeout: float = 600) -> None:
        """Run `code` on a free kernel, after the usual reset; raise KernelError with its traceback if it fails.
        The build calls functions (`call`); code as text is for the tests of the reset."""
        km, kc = self.borrow()
        try:
            reply = run_sync(kc.execute_interactive)(
                RESET.format(cwd=cwd) + code, timeout=timeout, store_history=False, output_hook=lambda msg: None
            )
        finally:
            self.give_back(km)
        content = reply["content"]
        if content["status"] != "ok":
            trace = ANSI.sub("", "\n".join(content.get("traceback", [])))
            raise KernelError(f"{content.get('ename')}: {content.get('evalue')}\n{trace}")

    def give_back(self, km: AsyncKernelManager) -> None:
        self._put(km)

    def _forget(self, km: AsyncKernelManager) -> None:
        for key in [key for key in self.clients if key[1] is km]:
            self._stop(self.clients.pop(key))
        with self.ready:
            self.managers.remove(km)
        _stop_kernel(km)

    @staticmethod
    def _stop(kc: AsyncKernelClient) -> None:
        with contextlib.suppress(Exception):  # its thread's event loop may be gone; the sockets close with the process
            kc.stop_channels()

    def shutdown(self) -> None:
        with self.ready:
            managers, self.managers = self.managers, []
        for kc in self.clients.values():
            self._stop(kc)
        self.clients.clear()
        stoppers = [threading.Thread(target=_stop_kernel, args=(km,)) for km in managers]
        for thread in stoppers:  # side by side: each waits for its process to end
            thread.start()
        for thread in stoppers:
            thread.join()


async def connect(km: AsyncKernelManager, timeout: float) -> AsyncKernelClient:
    """A client with live channels: a kernel_info reply, and the kernel's idle status for it seen on IOPub.

    jupyter_client's wait_for_ready checks the same, then idles 0.2 s flushing IOPub; a stale message
    does no harm here, because nbclient matches every message to its request.
    """
    # A session of its own: a client's shell socket takes its session's id as its ZeroMQ identity, and the
    # kernel would route one client's replies to another that shares it (km.client() shares the manager's).
    kc = km.client(session=Session(key=km.session.key, signature_scheme=km.session.signature_scheme))
    kc.start_channels()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not await km.is_alive():
            raise RuntimeError("the kernel died while starting")
        msg_id = kc.kernel_info()
        try:
            while not _is_reply(await kc.get_shell_msg(timeout=deadline - time.monotonic()), msg_id):
                pass
            while True:  # IOPub may not be subscribed yet (ZeroMQ's slow joiner): then ask again
                msg = await kc.get_iopub_msg(timeout=0.2)
                if (
                    _is_reply(msg, msg_id)
                    and msg["msg_type"] == "status"
                    and msg["content"]["execution_state"] == "idle"
                ):
                    return kc
        except queue.Empty:
            continue
    kc.stop_channels()
    raise RuntimeError(f"the kernel did not answer within {timeout:.0f} s")


def _is_reply(msg: dict, msg_id: str) -> bool:
    return msg["parent_header"].get("msg_id") == msg_id


def _stop_kernel(km: AsyncKernelManager) -> None:
    try:
        if km.has_kernel:
            run_sync(km.shutdown_kernel)(now=True)
    except Exception:  # a kernel that already died needs no shutdown
        pass


@contextmanager
def kernels(size: int, cwd: str, charts: str | None = None):
    """A pool of `size` warm kernels (drawing charts into the cache folder `charts`) for the duration of the
    block, stopped however it ends."""
    pool = Pool(size, cwd, charts)
    try:
        yield pool
    finally:
        pool.shutdown()
