"""Python's cyclic garbage collector paused while a query streams its rows (``paused``).

The streamed queries (``track``, the facts and tracking exports, the panel) allocate millions of
short-lived tuples and dicts: the rows ``sqlite3`` fetches and the rows built from them. Each
allocation counts towards the collector's next pass, and its full passes walk every container
alive, so at 1k reports the collector took about a fifth of the facts export's CPU time while it
found nothing to free: these rows hold only strings and numbers, never a cycle, and are freed by
their reference counts as soon as they are written. ``paused()`` turns the collector off for the
duration of such a query and back on (as it was) after it, with one collection then.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """The cyclic collector off inside the block (reference counting still frees every row), on
    again after it if it was on before; nested blocks leave it as the outer one found it."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
            gc.collect()
