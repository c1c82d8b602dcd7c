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


def test_a_function_of_the_package_is_called_on_a_kernel_with_its_arguments(tmp_path):
    from zonebook.data import load

    missing = str(tmp_path / "no-such-data")
    with warm.kernels(1, str(ROOT)) as pool, pytest.raises(warm.KernelError) as raised:
        pool.call(load, missing, cwd=str(ROOT))  # it runs there: the kernel's error names the folder it was given
    assert missing in str(raised.value)


@pytest.mark.parametrize(
    "function, args",
    [
        (lambda: None, ()),  # not a function of the package
        (warm.warm_up, (ROOT,)),  # a path is no literal: the kernel would get a string it cannot compare
        (warm.warm_up, (object(),)),
    ],
)
def test_what_a_literal_cannot_carry_is_refused_before_it_reaches_a_kernel(function, args):
    with pytest.raises(TypeError):
        warm.call_code(function, *args)
