"""Parallel, incremental ingest of report files into the store.

Extraction runs in worker processes (``ProcessPoolExecutor``); the parent alone writes, one
transaction per report, so the database never has two writers and a killed run leaves only
whole reports. Files whose SHA-256 is already stored are skipped before any work is done.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path

from govreport.errors import GovReportError, IngestError
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
           options: Options = DEFAULT,
           wrap: Callable[[list], Iterable] = lambda items: items,
           on_error: Callable[[str, str], None] | None = None,
           keep_versions: bool = False) -> IngestResult:
    """Ingest ``files`` into ``store``: skip stored contents, extract the rest on ``jobs``
    processes (1: in this process), write each report in its own transaction. An edited file
    replaces its older version unless ``keep_versions`` (then both are kept, under two ids).

    ``wrap`` wraps the list of pending items (e.g. a progress bar); ``on_error(path, problem)``
    is told about each bad file as it happens."""
    result = IngestResult()
    stored = store.stored_hashes()
    todo: list[str] = []
    seen: set[str] = set()
    for f in files:
        path = Path(f)
        try:
            sha, _ = file_sha256(path)
        except OSError as exc:
            problem = exc.strerror or _one_line(exc)
            result.failed.append((str(path), problem))
            if on_error:
                on_error(str(path), problem)
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
            problem = done.problem or "extraction failed"
            result.failed.append((done.path, problem))
            if on_error:
                on_error(done.path, problem)
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
            result.failed.append((done.path, _one_line(exc)))
            if on_error:
                on_error(done.path, _one_line(exc))
            return
        if rid in known_ids or removed:
            result.replaced.append(rid)
        known_ids.add(rid)
        result.added.append(rid)

    if jobs == 1:
        for path in wrap(todo):
            write(_work(path, options))
        return result
    # SQLite forbids carrying an open connection across fork(): close it while the workers
    # start (they start on the first submit) and reopen it for the writes
    store.close()
    try:
        pool = ProcessPoolExecutor(max_workers=jobs)
        futures: list[tuple[str, Future[_Done]]] = [(p, pool.submit(_work, p, options)) for p in todo]
    finally:
        store.reopen()
    with pool:
        for path, fut in wrap(futures):
            try:
                done = fut.result()
            except BrokenProcessPool as exc:  # a worker died (e.g. out of memory)
                done = _Done(path, problem=f"worker process died: {_one_line(exc)}")
            write(done)
    return result
