"""A time budget per input: run a function in a worker process that is killed when it overruns.

``Worker`` keeps one child process that runs ``fn(*args)`` calls one at a time; ``call`` waits
at most ``timeout`` seconds for the answer, then kills the child (a fresh one starts on the next
call) and raises ``TimeBudgetError``. ``run_all`` spreads many calls over ``jobs`` workers and
yields their outcomes in input order. With no timeout and one job, calls run in this process.

An exception raised by ``fn`` comes back as itself when it survives pickling, else as a
``RemoteError`` with the original type's name; a child that dies (killed, out of memory)
gives ``WorkerDiedError``. The child ignores Ctrl-C: the parent decides and kills it.
"""

from __future__ import annotations

import contextlib
import io
import multiprocessing
import multiprocessing.connection
import pickle
import signal
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.context import BaseContext
from typing import Any

from govreport.errors import TimeBudgetError, WorkerDiedError

#: the default per-input budget of the CLI (seconds)
DEFAULT_TIMEOUT = 60.0


#: a tiny report that reaches every lazily loaded table (indicators, units, gazetteer, task verbs,
#: and jieba's word list, which slogans load on the first numeral-led formula)
_WARM_TEXT = ("2021年某县政府工作报告\n各位代表：\n一、过去一年工作回顾\n全县生产总值增长5%，一般公共预算收入增长3%。"
              "\n二、今年主要目标\n城镇新增就业1.2万人以上。坚持“三农”工作重中之重，落实“两不愁三保障”，"
              "推进“五个振兴”。\n加快建设10个重点项目，年底前完成。")


def warm_up() -> None:
    """Load the lexicons in this process before workers fork, so that each inherits them: before
    starting several, or before replacing a killed one. Optional: a failure shows again in the worker."""
    from govreport.options import Options
    from govreport.pipeline import extract

    try:
        extract(_WARM_TEXT, Options(text_only=True))
    except Exception:  # the same failure is reported, per input, by the worker
        return


class RemoteError(Exception):
    """An exception from the worker that could not be sent back as itself."""

    def __init__(self, type_name: str, message: str) -> None:
        self.type_name = type_name
        self.message = message
        super().__init__(f"{type_name}: {message}")

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        return type(self), (self.type_name, self.message)


@dataclass(frozen=True, slots=True)
class Outcome:
    """One call's result: ``value``, or the exception it raised (``error``)."""

    value: Any = None
    error: BaseException | None = None


def _portable(exc: BaseException) -> BaseException:
    """``exc`` as it can be sent to the parent: itself when it round-trips through plain pickle,
    else a ``RemoteError`` naming it. The check ignores the reducers other libraries add to
    ``copyreg`` (``import distributed`` installs tblib's, which pickle any exception with its
    traceback and causes): what comes back must not depend on what else the process imported.
    Its cause, context and traceback stay in the worker, for the same reason."""
    buf = io.BytesIO()
    pickler = pickle.Pickler(buf)
    pickler.dispatch_table = {}  # plain pickle: no copyreg extras
    try:
        pickler.dump(exc)
        pickle.loads(buf.getvalue())
    except Exception:  # an exception class that does not round-trip through pickle
        return RemoteError(type(exc).__name__, str(exc))
    exc.__cause__ = exc.__context__ = None
    exc.__traceback__ = None
    return exc


def _serve(conn: multiprocessing.connection.Connection, fn: Callable[..., Any]) -> None:
    """The child's loop: receive argument tuples, send back ("ok", value) or ("err", exception)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        try:
            args = conn.recv()
        except (EOFError, OSError):
            return
        if args is None:
            return
        try:
            reply: tuple[str, Any] = ("ok", fn(*args))
        except Exception as exc:
            reply = ("err", _portable(exc))
        try:
            conn.send(reply)
        except (pickle.PicklingError, TypeError, AttributeError) as exc:  # a value that cannot be pickled
            conn.send(("err", RemoteError(type(exc).__name__, str(exc))))
        except (BrokenPipeError, OSError):
            return


def default_context() -> BaseContext:
    """``fork`` where the platform has it (fast: the child inherits loaded lexicons), else the default."""
    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


class Worker:
    """One killable child process running ``fn``; it is started on the first call and after a kill."""

    def __init__(self, fn: Callable[..., Any], *, context: BaseContext | None = None,
                 guard: Callable[[], contextlib.AbstractContextManager[Any]] | None = None,
                 before_restart: Callable[[], None] | None = None) -> None:
        self._fn = fn
        self._ctx = context or default_context()
        self._guard = guard or contextlib.nullcontext
        self._before_restart = before_restart
        self._started = False
        self._proc: Any = None
        self.conn: multiprocessing.connection.Connection | None = None

    def _start(self) -> None:
        if self._started and self._before_restart is not None:
            self._before_restart()  # e.g. warm_up: the replacement inherits what the parent loaded
        self._started = True
        parent, child = self._ctx.Pipe()
        with self._guard():
            proc = self._ctx.Process(target=_serve, args=(child, self._fn), daemon=True)
            proc.start()
        child.close()
        self._proc, self.conn = proc, parent

    def submit(self, *args: Any) -> None:
        if self._proc is None or not self._proc.is_alive():
            self.kill()
            self._start()
        assert self.conn is not None
        try:
            self.conn.send(args)
        except OSError:  # the child died since the check: start another, once
            self.kill()
            self._start()
            assert self.conn is not None
            self.conn.send(args)

    def collect(self, source: str) -> Any:
        """The answer to the last ``submit`` (blocks until it comes); raises what ``fn`` raised."""
        assert self.conn is not None
        try:
            kind, payload = self.conn.recv()
        except (EOFError, OSError) as exc:
            code = None
            if self._proc is not None:
                self._proc.join(5.0)  # reap it, to tell how it ended
                code = self._proc.exitcode
            self.kill()
            how = f"signal {-code}" if isinstance(code, int) and code < 0 else f"exit code {code}"
            raise WorkerDiedError(source, f"the worker process died ({how}; out of memory?)") from exc
        if kind == "err":
            raise payload
        return payload

    def call(self, *args: Any, timeout: float | None, source: str) -> Any:
        """``fn(*args)`` in the child, at most ``timeout`` seconds (None: no limit)."""
        self.submit(*args)
        assert self.conn is not None
        if not self.conn.poll(timeout):
            self.kill()
            raise TimeBudgetError(source, timeout or 0.0)
        return self.collect(source)

    def kill(self) -> None:
        """Stop the child now (whatever it is doing); the next call starts a new one."""
        if self._proc is not None:
            if self._proc.is_alive():
                self._proc.kill()
            self._proc.join()
            self._proc = None
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def close(self) -> None:
        """Ask the child to finish, then make sure it has."""
        if self._proc is not None and self.conn is not None and self._proc.is_alive():
            with contextlib.suppress(OSError):
                self.conn.send(None)
            self._proc.join(1.0)
        self.kill()

    def __enter__(self) -> Worker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def run_one(fn: Callable[..., Any], args: tuple[Any, ...], *, timeout: float | None, source: str,
            context: BaseContext | None = None) -> Any:
    """``fn(*args)`` in a fresh killable worker with a time budget (None or 0: here, no limit)."""
    if not timeout:
        return fn(*args)
    with Worker(fn, context=context) as worker:
        return worker.call(*args, timeout=timeout, source=source)


def run_all(fn: Callable[..., Any], items: Sequence[tuple[Any, ...]], *, timeout: float | None,
            jobs: int = 1, source: Callable[[tuple[Any, ...]], str] = lambda args: str(args[0]),
            context: BaseContext | None = None,
            guard: Callable[[], contextlib.AbstractContextManager[Any]] | None = None,
            before_restart: Callable[[], None] | None = None,
            ordered: bool = True) -> Iterator[tuple[int, Outcome]]:
    """``fn(*args)`` for each argument tuple on ``jobs`` workers, each call within ``timeout`` seconds
    (None or 0: no limit); yields ``(index, Outcome)`` in input order (unless ``ordered`` is false: then
    each as soon as it is done, so that no finished result waits behind a slow one). An overrun call's worker is
    killed and replaced and the others go on. ``guard`` wraps every worker start (e.g. to close a
    database connection the child must not inherit); ``before_restart`` runs in this process before
    a worker is started again (``warm_up``, so that replacements start ready)."""
    if not timeout and jobs <= 1:
        for i, args in enumerate(items):
            try:
                yield i, Outcome(value=fn(*args))
            except Exception as exc:
                yield i, Outcome(error=exc)
        return
    workers = [Worker(fn, context=context, guard=guard, before_restart=before_restart)
               for _ in range(max(1, min(jobs, len(items))))]
    pending = deque(enumerate(items))
    running: dict[int, tuple[Worker, tuple[Any, ...], float]] = {}  # index → worker, args, deadline
    done: dict[int, Outcome] = {}
    following = 0
    try:
        while pending or running:
            busy = {id(w) for w, _, _ in running.values()}
            for worker in workers:
                if pending and id(worker) not in busy:
                    i, args = pending.popleft()
                    worker.submit(*args)
                    running[i] = (worker, args, time.monotonic() + timeout if timeout else float("inf"))
            nearest = min(deadline for _, _, deadline in running.values())
            wait = None if nearest == float("inf") else max(0.0, nearest - time.monotonic())
            conns = [w.conn for w, _, _ in running.values() if w.conn is not None]
            multiprocessing.connection.wait(conns, timeout=wait)
            now = time.monotonic()
            for i, (worker, args, deadline) in list(running.items()):
                assert worker.conn is not None
                if worker.conn.poll(0):
                    try:
                        done[i] = Outcome(value=worker.collect(source(args)))
                    except Exception as exc:
                        done[i] = Outcome(error=exc)
                elif now >= deadline:
                    worker.kill()
                    done[i] = Outcome(error=TimeBudgetError(source(args), timeout or 0.0))
                else:
                    continue
                del running[i]
                if not ordered:
                    yield i, done.pop(i)
            while following in done:
                yield following, done.pop(following)
                following += 1
    finally:
        for worker in workers:
            worker.close()

