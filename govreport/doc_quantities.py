"""The document's quantities, found once and looked up per clause (issue 10, item 4).

The task finder asks for the quantities of tens of thousands of clauses of one view. Running the
quantity grammar on each clause again (``find_quantities(view, start, end)``) cost more than
all the facts; ``DocQuantities`` holds the quantities of the whole view (found once, or handed over
by the pipeline, which found them for the facts) and answers ``within(start, end)`` by bisection.

The answer is exactly what ``find_quantities(view, start, end)`` gives: the window's quantities are
the whole view's that lie inside it *when the window cuts no match*. So the index also keeps the
spans of every raw match of the grammar (numbers, ranks written in words, doublings), and a window
falls back to the grammar when a boundary cuts one, or when its end is not a clause mark, where a
lookahead of the grammar could read differently at the end of the window than in the whole text.
tests/test_doc_quantities.py checks the equality on every window the task finder asks for over
the corpus.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from govreport.model import Quantity
from govreport.numbers import (
    _DOUBLING,
    _RANK_LIST,
    _rank_words,
    find_quantities,
    grammar,
    last_scan,
    scan_quantities,
)

#: characters a window may end at without any lookahead of the grammar reading otherwise: clause
#: marks (the view folds "，" to ","; a number that runs through "," as in 1,000 is a match the
#: window would cut, so it falls back), never "." (a lookahead reads it: 3万5.), "%" or a space
_SAFE_END = frozenset("，,。；;：:、！？!?\n")


def _rank_list_spans(view: str) -> list[tuple[int, int]]:
    """``[m.span() for m in _RANK_LIST.finditer(view)]``. Every match of the pattern opens with 第,
    which its leading repeated group hides from the regex engine's literal scan, so the scan tries
    every position; here ``str.find`` jumps from 第 to 第 and the pattern is tried there only."""
    if not _RANK_LIST.pattern.startswith("(?:第"):  # the grammar changed: scan as it says
        return [m.span() for m in _RANK_LIST.finditer(view)]
    out, pos, match = [], view.find("第"), _RANK_LIST.match
    while pos >= 0:
        m = match(view, pos)
        if m:
            out.append(m.span())
            pos = view.find("第", m.end())
        else:
            pos = view.find("第", pos + 1)
    return out


class DocQuantities:
    """The quantities of ``view``, with ``within(start, end) == find_quantities(view, start, end)``."""

    __slots__ = ("_cut_ends", "_cut_reach", "_cut_starts", "_starts", "quantities", "view")

    def __init__(self, view: str, quantities: list[Quantity] | None = None) -> None:
        self.view = view
        # one run of the grammar gives the quantities and its raw matches' spans: the pipeline's own
        # (``scan_quantities``, kept), else a scan here
        if quantities is None:
            scan = last_scan(view) or scan_quantities(view)
            quantities = scan.quantities
        else:
            scan = last_scan(view, quantities)
        self.quantities = quantities
        self._starts = [q.span.start for q in self.quantities]
        # every span a window must not cut: raw matches of each pattern the grammar scans with, and
        # the quantities themselves (a merged range 6%—6.5% is wider than either match)
        spans = list(scan.spans) if scan is not None else [m.span() for m in grammar().regex.finditer(view)]
        if "番" in view:
            spans += [(m.start(), m.end()) for m in _DOUBLING.finditer(view)]
        if "第" in view or "首位" in view or "前" in view:
            spans += _rank_list_spans(view)
            spans += [(m.start(), m.end()) for m in _rank_words().finditer(view)]
        spans += [(q.span.start, q.span.end) for q in self.quantities]
        spans = [s for s in spans if s[1] - s[0] > 1]
        spans.sort()
        self._cut_starts = [a for a, _ in spans]
        self._cut_ends = [b for _, b in spans]
        self._cut_reach = list(itertools.accumulate(self._cut_ends, max))  # furthest end so far

    def _cuts(self, pos: int) -> bool:
        """True when some span has ``start < pos < end``."""
        i = bisect.bisect_left(self._cut_starts, pos) - 1  # spans starting before pos
        return i >= 0 and self._cut_reach[i] > pos

    def none_from(self, start: int, end: int) -> bool:
        """True when ``within(p, end)`` is empty for every ``start <= p <= end``: ``end`` is safe, no
        quantity starts in the range and no span of a raw match reaches into it (a cheap test that
        lets the task finder skip the quantity questions of most clauses)."""
        view = self.view
        if end < len(view) and view[end] not in _SAFE_END:
            return False
        i = bisect.bisect_left(self._starts, start)
        if i < len(self._starts) and self._starts[i] < end:
            return False
        j = bisect.bisect_left(self._cut_starts, end) - 1  # spans starting before end
        return j < 0 or self._cut_reach[j] <= start

    def within(self, start: int, end: int) -> list[Quantity]:
        view = self.view
        if (end < len(view) and view[end] not in _SAFE_END) or self._cuts(start) or self._cuts(end):
            return find_quantities(view, start, end)
        lo = bisect.bisect_left(self._starts, start)
        hi = bisect.bisect_left(self._starts, end, lo)
        return [q for q in self.quantities[lo:hi] if q.span.end <= end]


_CURRENT: ContextVar[DocQuantities | None] = ContextVar("govreport_doc_quantities", default=None)


@contextmanager
def document_quantities(index: DocQuantities) -> Iterator[DocQuantities]:
    """Within the block, ``quantities_in`` answers from ``index`` for its view."""
    token = _CURRENT.set(index)
    try:
        yield index
    finally:
        _CURRENT.reset(token)


def no_quantities_from(view: str, start: int, end: int) -> bool:
    """True when ``quantities_in(view, p, end)`` is certainly empty for every ``start <= p <= end``
    (False when unsure, or when no index of this very view is current)."""
    index = _CURRENT.get()
    return index is not None and index.view is view and index.none_from(start, end)


def quantities_in(view: str, start: int, end: int) -> list[Quantity]:
    """``find_quantities(view, start, end)``, from the current document's index when it is of this
    very view (any other string is scanned as before)."""
    index = _CURRENT.get()
    if index is not None and index.view is view:
        return index.within(start, end)
    return find_quantities(view, start, end)
