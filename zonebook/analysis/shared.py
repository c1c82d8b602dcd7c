"""The analysis behind a block of the book, computed once for all its languages.

`report.show` renders a block once per edition language with the same arguments, and each rendering asks the
analysis for the same readings. Inside `sharing()`, a function marked `@shared` answers a call with the same
argument objects from the first call's result (a copy of the list or dict, so a caller may change its own);
outside it, every call computes. The arguments are kept until `sharing()` ends, so no other object can take
their ids meanwhile. Only functions whose results are readings (frozen) are marked.
"""

from __future__ import annotations

import contextlib
import contextvars
import copy
import functools

_RESULTS: contextvars.ContextVar[dict | None] = contextvars.ContextVar("zonebook_shared", default=None)


def shared(function):
    @functools.wraps(function)
    def once(*args, **kwargs):
        results = _RESULTS.get()
        if results is None:
            return function(*args, **kwargs)
        key = (function, *map(id, args), *((name, id(value)) for name, value in sorted(kwargs.items())))
        if key not in results:
            results[key] = (function(*args, **kwargs), args, kwargs)  # the arguments kept alive: see the docstring
        return copy.copy(results[key][0])

    return once


@contextlib.contextmanager
def sharing():
    """Calls of `@shared` functions with the same arguments computed once, until the block ends."""
    token = _RESULTS.set({})
    try:
        yield
    finally:
        _RESULTS.reset(token)
