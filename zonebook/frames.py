"""A table's rows as named tuples, the way `DataFrame.itertuples(index=False)` gives them, at half its cost.

pandas 3.1 takes every column through `iloc` and makes a new namedtuple class on each call; on the small frames the
report walks (a zone's figures, a deck's table), hundreds of calls per build, that was most of the time. Here the
columns are taken by name (`frame[name]`, which pandas keeps) and zipped as pandas zips them, so each row holds the
same objects; the tuple class is made once per set of column names. `tests/test_compat.py` checks that the two
agree on every kind of column.
"""

from __future__ import annotations

import collections
import functools
from collections.abc import Iterator

import pandas as pd


@functools.cache
def _row_type(columns: tuple) -> type:
    return collections.namedtuple("Pandas", columns, rename=True)  # named and renamed as pandas names its fields


def rows(frame: pd.DataFrame) -> Iterator[tuple]:
    """`frame.itertuples(index=False)`, faster."""
    if not frame.columns.is_unique:  # `frame[name]` would be a frame: pandas' own way
        return frame.itertuples(index=False)
    columns = tuple(frame.columns)
    return map(_row_type(columns)._make, zip(*(frame[c] for c in columns)))
