"""govreport.budget: a killable worker process with a time budget per call, and a pool of them."""

from __future__ import annotations

import os
import signal
import time

import pytest

from govreport.budget import RemoteError, Worker, run_all, run_one
from govreport.errors import IngestError, TimeBudgetError, WorkerDiedError


def nap(seconds: float, answer: object = None) -> object:
    time.sleep(seconds)
    return answer if answer is not None else os.getpid()


class Odd(Exception):
    """An exception pickle cannot rebuild (its __init__ takes two arguments)."""

    def __init__(self, a: str, b: str) -> None:
        super().__init__(f"{a}/{b}")


def fail(kind: str) -> None:
    if kind == "ingest":
        raise IngestError("r.txt", "the file is empty")
    if kind == "value":
        raise ValueError("boom")
    if kind == "odd":
        raise Odd("x", "y")
    if kind == "die":
        os.kill(os.getpid(), signal.SIGKILL)


def test_a_call_runs_in_another_process_and_gives_its_value() -> None:
    with Worker(nap) as worker:
        first = worker.call(0, timeout=10, source="a")
        assert first != os.getpid()
        assert worker.call(0, timeout=10, source="b") == first  # the same child serves the next call


def test_an_overrun_kills_the_child_and_the_next_call_gets_a_new_one() -> None:
    with Worker(nap) as worker:
        first = worker.call(0, timeout=10, source="a")
        started = time.monotonic()
        with pytest.raises(TimeBudgetError) as info:
            worker.call(30, timeout=0.2, source="slow.txt")
        assert time.monotonic() - started < 10  # not the 30 s the call wanted
        assert str(info.value) == "slow.txt: took longer than 0.2 s; skipped"
        with pytest.raises(ProcessLookupError):
            os.kill(first, 0)  # the old child is gone
        assert worker.call(0, timeout=10, source="c") not in (first, os.getpid())


@pytest.mark.parametrize(("kind", "error", "text"), [
    ("ingest", IngestError, "r.txt: the file is empty"),
    ("value", ValueError, "boom"),
    ("odd", RemoteError, "Odd: x/y"),
    ("die", WorkerDiedError, "w.txt: the worker process died (signal 9; out of memory?)"),
])
def test_errors_come_back(kind: str, error: type, text: str) -> None:
    with Worker(fail) as worker:
        with pytest.raises(error) as info:
            worker.call(kind, timeout=10, source="w.txt")
        assert str(info.value) == text
        if isinstance(info.value, IngestError) and not isinstance(info.value, WorkerDiedError):
            assert (info.value.source, info.value.problem) == ("r.txt", "the file is empty")
        assert worker.call("none", timeout=10, source="w.txt") is None  # still usable


def test_run_all_keeps_input_order_and_goes_on_past_an_overrun() -> None:
    items = [(0.5, "a"), (30, "slow"), (0, "c"), (0.1, "d"), (0, "e")]
    started = time.monotonic()
    got = list(run_all(nap, items, timeout=2, jobs=2, source=lambda args: str(args[1])))
    assert time.monotonic() - started < 15
    assert [i for i, _ in got] == [0, 1, 2, 3, 4]
    assert [o.value for _, o in got] == ["a", None, "c", "d", "e"]
    assert isinstance(got[1][1].error, TimeBudgetError)
    assert str(got[1][1].error) == "slow: took longer than 2 s; skipped"


def test_run_all_without_a_budget_runs_here() -> None:
    got = list(run_all(nap, [(0, 7), (0, 8)], timeout=None))
    assert [o.value for _, o in got] == [7, 8]
    assert run_one(nap, (0,), timeout=None, source="x") == os.getpid()
    assert run_one(nap, (0,), timeout=10, source="x") != os.getpid()


def test_run_all_reports_errors_per_item() -> None:
    got = dict(run_all(fail, [("value",), ("none",), ("ingest",)], timeout=10, jobs=1))
    assert isinstance(got[0].error, ValueError) and got[1].error is None and isinstance(got[2].error, IngestError)


def test_errors_come_back_the_same_whatever_else_patched_pickling() -> None:
    """``import distributed`` installs tblib's exception pickling process-wide (copyreg); a worker's
    errors must still come back as without it: an unpicklable class as RemoteError, ours intact."""
    import copyreg

    tblib = pytest.importorskip("tblib.pickling_support")
    saved = dict(copyreg.dispatch_table)
    try:
        tblib.install()
        with Worker(fail) as worker:
            with pytest.raises(RemoteError, match="Odd: x/y"):
                worker.call("odd", timeout=10, source="w.txt")
            with pytest.raises(IngestError) as info:
                worker.call("ingest", timeout=10, source="w.txt")
            assert (info.value.source, info.value.problem) == ("r.txt", "the file is empty")
    finally:
        copyreg.dispatch_table.clear()
        copyreg.dispatch_table.update(saved)
