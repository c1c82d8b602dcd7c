"""The papermill engine that runs each notebook on a kernel borrowed from a warm pool (`kernels.Pool`).

The pool comes with each call, as papermill's engine keyword `pool` (papermill hands unknown keywords of
`execute_notebook` on to the engine: see docs/ARCHITECTURE.md); the body follows papermill's own
NBClientEngine.execute_managed_notebook, with the client's kernel borrowed instead of started.
"""

from __future__ import annotations

import os

from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine, papermill_engines
from papermill.utils import merge_kwargs, remove_args

from zonebook.build.kernels import RESET

NAME = "zonebook-warm"


class WarmClient(PapermillNotebookClient):
    """Runs the reset in the borrowed kernel before the notebook's own cells."""

    def papermill_execute_cells(self):
        self.wait_for_reply(self.kc.execute(RESET.format(cwd=os.getcwd()), silent=True, store_history=False))
        super().papermill_execute_cells()


class WarmEngine(NBClientEngine):
    @classmethod
    def execute_managed_notebook(
        cls,
        nb_man,
        kernel_name,
        log_output=False,
        stdout_file=None,
        stderr_file=None,
        start_timeout=60,
        execution_timeout=None,
        pool=None,
        **kwargs,
    ):
        kwargs = remove_args(["input_path"], **kwargs)
        safe_kwargs = remove_args(["timeout", "startup_timeout"], **kwargs)
        final_kwargs = merge_kwargs(
            safe_kwargs,
            timeout=execution_timeout or kwargs.get("timeout"),
            startup_timeout=start_timeout,
            kernel_name=kernel_name,
            log_output=log_output,
            stdout_file=stdout_file,
            stderr_file=stderr_file,
        )
        if pool is None:
            raise RuntimeError("the zonebook-warm engine needs the pool of kernels: execute_notebook(..., pool=POOL)")
        km, kc = pool.borrow()
        client = WarmClient(nb_man, km=km, **final_kwargs)
        client.kc = kc  # connected once per thread and kernel (see warm.Pool)
        try:
            return client.execute()
        finally:
            pool.give_back(km)


papermill_engines.register(NAME, WarmEngine)
