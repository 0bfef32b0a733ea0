"""Parallel, incremental ingest of report files into the store.

Extraction runs in worker processes (``govreport.budget.run_all``: each file within a time
budget, an overrunning worker killed and replaced); the parent alone writes, one transaction per report, so the database never has two writers and a killed run leaves only
whole reports. Files whose SHA-256 is already stored are skipped before any work is done.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from govreport.budget import run_all, warm_up
from govreport.errors import GovReportError, IngestError
from govreport.ingest.readers import check_file
from govreport.model import Report
from govreport.options import DEFAULT, Options
from govreport.store.db import paragraph_index
from govreport.store.queries import Store


@dataclass
class IngestResult:
    added: list[str] = field(default_factory=list)  # report ids written
    skipped: list[str] = field(default_factory=list)  # paths whose content is already stored
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, one-line problem)
    replaced: list[str] = field(default_factory=list)  # report ids that replaced a stored report
    renamed: list[tuple[str, str]] = field(default_factory=list)  # (path, id) when the file stem was taken


@dataclass(frozen=True, slots=True)
class _Done:
    path: str
    sha256: str = ""
    size: int = 0
    report: Report | None = None
    problem: str | None = None
    index: list[str] | None = None  # the paragraphs' full-text index column


def file_sha256(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
            size += len(block)
    return digest.hexdigest(), size


def _one_line(exc: BaseException | str) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if isinstance(exc, GovReportError | str) else f"{type(exc).__name__}: {text}"


def _work(path: str, options: Options) -> _Done:
    """Worker: hash and extract one file; never raises."""
    from govreport.pipeline import extract

    try:
        sha, size = file_sha256(Path(path))
        report = extract(Path(path), options)
        index = paragraph_index(report.text)
    except Exception as exc:  # a bad file must not stop the batch
        problem = _one_line(exc.problem if isinstance(exc, IngestError) else exc)
        return _Done(path, problem=problem.removeprefix(f"{path}: "))
    return _Done(path, sha, size, report, index=index)


def ingest(store: Store, files: Sequence[str | Path], *, jobs: int | None = None,
           options: Options = DEFAULT, timeout: float | None = None,
           wrap: Callable[[Any], Iterable] = lambda items: items,
           on_error: Callable[[str, str], None] | None = None,
           keep_versions: bool = False) -> IngestResult:
    """Ingest ``files`` into ``store``: skip stored contents, extract the rest on ``jobs``
    processes, each file within ``timeout`` seconds (None: no limit; with one job and no limit,
    in this process), write each report in its own transaction. An edited file replaces its
    older version unless ``keep_versions`` (then both are kept, under two ids).

    ``wrap`` wraps the list of pending items (e.g. a progress bar); ``on_error(path, problem)``
    is told about each bad file as it happens. No file stops the batch: a bad one, one that
    overruns its time (its worker is killed and replaced) or one whose worker dies is recorded
    in ``failed`` and the others go on."""
    result = IngestResult()

    def fail(path: str, problem: str) -> None:
        result.failed.append((path, problem))
        if on_error:
            on_error(path, problem)

    stored = store.stored_hashes()
    todo: list[str] = []
    seen: set[str] = set()
    for f in files:
        path = Path(f)
        try:
            check_file(path, options)  # a pipe or a device would hang the hash (/dev/zero never ends)
            sha, _ = file_sha256(path)
        except IngestError as exc:
            fail(str(path), exc.problem)
            continue
        except OSError as exc:
            fail(str(path), exc.strerror or _one_line(exc))
            continue
        if sha in stored or sha in seen:
            result.skipped.append(str(path))
        else:
            seen.add(sha)
            todo.append(str(path))
    if not todo:
        return result
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
    known_ids = {r["id"] for r in store.rows("SELECT id FROM reports")}

    def write(done: _Done) -> None:
        if done.report is None:
            fail(done.path, done.problem or "extraction failed")
            return
        report = done.report
        source = str(Path(done.path).resolve())
        rid = report.doc.id
        taken = store.rows("SELECT source_path FROM reports WHERE id = ?", (rid,))
        if taken and (keep_versions or taken[0]["source_path"] != source):
            # another file (same file name in another folder) or, kept, an older version has this id
            rid = f"{rid}-{done.sha256[:8]}"
            report = replace(report, doc=replace(report.doc, id=rid))
            result.renamed.append((done.path, rid))
        try:
            removed = store.write_report(report, sha256=done.sha256, size=done.size, source_path=source,
                                         index=done.index, keep_versions=keep_versions)
        except GovReportError as exc:
            fail(done.path, _one_line(exc))
            return
        if rid in known_ids or removed:
            result.replaced.append(rid)
        known_ids.add(rid)
        result.added.append(rid)

    @contextlib.contextmanager
    def closed_store() -> Iterator[None]:
        # SQLite forbids carrying an open connection across fork(): close it while a worker starts
        store.close()
        try:
            yield
        finally:
            store.reopen()

    if jobs > 1:
        warm_up()  # load the lexicons once, before the workers fork: they share them
    outcomes = run_all(_work, [(p, options) for p in todo], timeout=timeout, jobs=jobs, guard=closed_store,
                       before_restart=warm_up)
    for i, outcome in wrap(_Counted(outcomes, len(todo))):
        path = todo[i]
        if outcome.error is not None:
            exc = outcome.error
            problem = exc.problem if isinstance(exc, IngestError) else _one_line(exc)
            write(_Done(path, problem=problem))
        else:
            write(outcome.value)
    return result


class _Counted:
    """An iterator with a length, so that ``wrap`` (a progress bar) knows the total."""

    def __init__(self, items: Iterator, total: int) -> None:
        self._items, self._total = items, total

    def __len__(self) -> int:
        return self._total

    def __iter__(self) -> Iterator:
        return iter(self._items)
