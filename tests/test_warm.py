"""The pool of warm kernels: one kernel lent to several threads in turn, each thread with its own client."""

import queue
import threading

import pytest
from conftest import ROOT

from zonebook.build import kernels as warm


class Worker:
    """A thread that runs code on the pool when asked, as the build's notebook threads do."""

    def __init__(self, pool: warm.Pool):
        self.pool, self.todo, self.done = pool, queue.Queue(), queue.Queue()
        threading.Thread(target=self._loop, daemon=True).start()

    def _loop(self):
        while True:
            code = self.todo.get()
            try:
                self.pool.run(code, cwd=str(ROOT))
                self.done.put(None)
            except BaseException as error:  # raised again in the test's thread
                self.done.put(error)

    def run(self, code: str) -> None:
        self.todo.put(code)
        try:
            error = self.done.get(timeout=60)
        except queue.Empty:
            pytest.fail("the kernel's reply went astray")
        if error:
            raise error


def test_one_kernel_serves_threads_in_turn_and_is_reset_between_them():
    with warm.kernels(1, str(ROOT)) as pool:
        a, b = Worker(pool), Worker(pool)
        a.run("x = 1")
        b.run("assert 'x' not in dir(), 'the namespace was not reset'")
        a.run("y = 2")  # back to the first thread's client, after another client used the kernel
        b.run("import zonebook.report.charts")
        assert len(pool.clients) == 2


def test_code_that_raises_reports_the_kernels_traceback():
    with warm.kernels(1, str(ROOT)) as pool, pytest.raises(warm.KernelError, match="ZeroDivisionError"):
        Worker(pool).run("1 / 0")
