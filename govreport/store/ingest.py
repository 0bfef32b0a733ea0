"""Parallel, incremental ingest of report files into the store.

Extraction runs in worker processes (``govreport.budget.run_all``: each file within a time
budget, an overrunning worker killed and replaced); the parent alone writes, each result as it
arrives, in batch transactions (one savepoint per report), so the database never has two
writers, memory stays bounded and a killed run leaves only whole reports. Files whose SHA-256
is already stored are skipped before any work is done, so a rerun resumes a killed one. The
same report from another file (another site, format or script) is stored once, with every
file kept among its ``sources``; a manifest gives files their URL and corrects doc fields.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from govreport.budget import run_all, warm_up
from govreport.errors import GovReportError, IngestError
from govreport.ingest.html import page_url
from govreport.ingest.readers import check_file
from govreport.model import Report
from govreport.options import DEFAULT, Options
from govreport.store import wire
from govreport.store.db import paragraph_index
from govreport.store.duplicates import DuplicateIndex, Fingerprint, fingerprint
from govreport.store.queries import Store
from govreport.store.sources import Fix, ManifestEntry, add_source, fix_report


@dataclass
class IngestResult:
    added: list[str] = field(default_factory=list)  # report ids written
    skipped: list[str] = field(default_factory=list)  # paths whose content is already stored
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, one-line problem)
    replaced: list[str] = field(default_factory=list)  # report ids that replaced a stored report
    renamed: list[tuple[str, str]] = field(default_factory=list)  # (path, id) when the file stem was taken
    #: (path, id of the stored report it duplicates, "exact" | "near", similarity): stored once
    duplicates: list[tuple[str, str, str, float]] = field(default_factory=list)
    fixed: list[Fix] = field(default_factory=list)  # corrections a manifest made
    commits: int = 0  # batch transactions committed


@dataclass(frozen=True, slots=True)
class _Done:
    path: str
    sha256: str = ""
    size: int = 0
    report: Report | None = None
    problem: str | None = None
    index: list[str | None] | None = None  # the paragraphs' full-text index column
    fingerprint: Fingerprint | None = None  # for duplicates
    source_url: str | None = None  # the page's own URL (MHT Content-Location, 本文地址)


wire.register(_Done, Fingerprint)  # results cross from the workers as (class, values) tuples


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
        fp = fingerprint(report.text)
        url = page_url(Path(path).read_bytes()) if report.doc.source_format == "html" else None
    except Exception as exc:  # a bad file must not stop the batch
        problem = _one_line(exc.problem if isinstance(exc, IngestError) else exc)
        return _Done(path, problem=problem.removeprefix(f"{path}: "))
    return _Done(path, sha, size, report, index=index, fingerprint=fp, source_url=url)


#: a batch transaction is committed after this many reports …
BATCH_REPORTS = 200
#: … or once it has been open this many seconds, whichever comes first
BATCH_SECONDS = 10.0


@dataclass(frozen=True, slots=True)
class IngestEvent:
    """What became of one file, told as soon as it is written (or skipped, or failed)."""

    path: str
    status: str  # added | replaced | skipped | failed | duplicate (report_id: the report it duplicates)
    report_id: str | None = None
    problem: str | None = None
    renamed: bool = False  # stored under ``report_id`` because the file stem was taken
    commits: int = 0  # batch transactions committed so far in this run
    #: status "duplicate": the same report from another file, kept as one more of its sources
    relation: str | None = None  # exact | near
    similarity: float | None = None
    fixes: tuple[Fix, ...] = ()  # corrections its manifest entry made


class _Batches:
    """The writer's open batch: a transaction committed every ``size`` reports or ``seconds``."""

    def __init__(self, store: Store, size: int, seconds: float,
                 on_commit: Callable[[int], None] | None = None) -> None:
        self.store, self.size, self.seconds, self.on_commit = store, max(1, size), seconds, on_commit
        self.pending = 0
        self.opened = 0.0
        self.commits = 0
        self.written = 0  # reports written in this run

    def begin(self) -> None:
        if not self.pending:
            self.store.begin()
            self.opened = time.monotonic()

    def wrote(self) -> None:
        self.pending += 1
        self.written += 1
        if self.pending >= self.size or time.monotonic() - self.opened >= self.seconds:
            self.flush()

    def flush(self) -> None:
        if self.store.commit():
            self.commits += 1
            if self.on_commit:
                self.on_commit(self.commits)
        self.pending = 0


def ingest_iter(store: Store, files: Sequence[str | Path], *, jobs: int | None = None,
                options: Options = DEFAULT, timeout: float | None = None,
                wrap: Callable[[Any], Iterable] = lambda items: items,
                keep_versions: bool = False, batch: int = BATCH_REPORTS,
                batch_seconds: float = BATCH_SECONDS,
                on_commit: Callable[[int], None] | None = None,
                manifest: dict[Path, ManifestEntry] | None = None,
                keep_duplicates: bool = False) -> Iterator[IngestEvent]:
    """Ingest ``files`` into ``store`` and yield an ``IngestEvent`` per file as it is done.

    Stored contents (same SHA-256) are skipped first, quickly, so a run killed half-way is
    resumed by running it again. The rest are extracted on ``jobs`` processes (default: every
    core), each file within ``timeout`` seconds (None: no limit; with one job and no limit, in
    this process); a file that overruns (its worker is killed and replaced), fails or kills
    its worker is a ``failed`` event and the others go on. Each result is written as it
    arrives, in whatever order the workers finish, and dropped: nothing accumulates here.
    Reports are written ``batch`` at a time (or every ``batch_seconds``) in one transaction,
    each report in its own savepoint inside it, so a kill loses at most the open batch and
    never leaves part of a report. An edited file replaces its older version unless
    ``keep_versions`` (then both are kept, under two ids). ``on_commit(n)`` is called after
    each commit, with the number of batches committed so far. ``manifest``
    (``sources.read_manifest``) gives files their URL, publisher and retrieval date and corrects
    region, level or year. A report that duplicates a stored one (``duplicates.py``) is not
    stored again: its file is added to that report's ``sources`` (unless ``keep_duplicates``)."""
    manifest = manifest or {}
    stored = {r["sha256"]: r["id"] for r in store.rows("SELECT sha256, id FROM reports")}
    stored.update((r["sha256"], r["report_id"]) for r in store.rows("SELECT sha256, report_id FROM sources"))
    todo: list[str] = []
    seen: set[str] = set()
    for f in files:
        path = Path(f)
        try:
            check_file(path, options)  # a pipe or a device would hang the hash (/dev/zero never ends)
            sha, _ = file_sha256(path)
        except IngestError as exc:
            yield IngestEvent(str(path), "failed", problem=exc.problem)
            continue
        except OSError as exc:
            yield IngestEvent(str(path), "failed", problem=exc.strerror or _one_line(exc))
            continue
        if sha in stored or sha in seen:
            fixes = _known_file(store, stored[sha], path, sha, manifest.get(path.resolve())) if sha in stored else ()
            yield IngestEvent(str(path), "skipped", stored.get(sha), fixes=fixes)
        else:
            seen.add(sha)
            todo.append(str(path))
    del stored, seen
    if not todo:
        return
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
    batches = _Batches(store, batch, batch_seconds, on_commit)
    dupes = DuplicateIndex.from_rows(store.rows("SELECT id, text_hash, minhash FROM reports"))

    def write(done: _Done) -> IngestEvent:
        if done.report is None:
            return IngestEvent(done.path, "failed", problem=done.problem or "extraction failed",
                               commits=batches.commits)
        report = done.report
        source = str(Path(done.path).resolve())
        entry = manifest.get(Path(source))
        fp = done.fingerprint or fingerprint(report.text)
        batches.begin()
        # an edited file is a new version of its own report, not a duplicate of it
        same_file = {r["id"] for r in store.rows("SELECT id FROM reports WHERE source_path = ?", (source,))}
        match = None if keep_duplicates else dupes.find(fp, exclude=same_file)
        if match is not None:  # the same report from another file: one more source, not a report
            with store.transaction() as conn:
                add_source(conn, match.report_id, path=source, sha256=done.sha256, size=done.size,
                           relation=match.relation, similarity=match.similarity, text_hash=fp.text_hash,
                           fmt=report.doc.source_format, encoding=report.doc.encoding, url=done.source_url,
                           entry=entry)
            batches.wrote()
            return IngestEvent(done.path, "duplicate", match.report_id, relation=match.relation,
                               similarity=match.similarity, commits=batches.commits)
        rid = report.doc.id
        renamed = False
        taken = store.rows("SELECT source_path FROM reports WHERE id = ?", (rid,))
        if taken and (keep_versions or taken[0]["source_path"] != source):
            # another file (same file name in another folder) or, kept, an older version has this id
            rid = f"{rid}-{done.sha256[:8]}"
            report = replace(report, doc=replace(report.doc, id=rid))
            renamed = True
        url = (entry.url if entry else None) or done.source_url

        def first_source(conn: Any) -> None:
            add_source(conn, rid, path=source, sha256=done.sha256, size=done.size, relation="first",
                       fmt=report.doc.source_format, encoding=report.doc.encoding, text_hash=fp.text_hash,
                       url=url, entry=entry)

        try:
            removed = store.write_report(report, sha256=done.sha256, size=done.size, source_path=source,
                                         index=done.index, keep_versions=keep_versions,
                                         extra={"source_url": url, "text_hash": fp.text_hash,
                                                "minhash": fp.signature}, on_insert=first_source)
        except GovReportError as exc:  # rolled back to its savepoint: the batch goes on
            return IngestEvent(done.path, "failed", problem=_one_line(exc), commits=batches.commits)
        for gone in removed:
            dupes.remove(gone)
        dupes.add(rid, fp.text_hash, fp.signature)
        fixes = _apply_manifest(store, rid, entry) if entry is not None and entry.overrides() else ()
        status = "replaced" if (bool(taken) and not renamed) or removed else "added"
        batches.wrote()
        return IngestEvent(done.path, status, rid, renamed=renamed, commits=batches.commits, fixes=fixes)

    @contextlib.contextmanager
    def closed_store() -> Iterator[None]:
        # SQLite forbids carrying an open connection across fork(): commit the batch and close
        # the connection while a worker starts
        batches.flush()
        store.close()
        try:
            yield
        finally:
            store.reopen()

    if jobs > 1:
        warm_up()  # load the lexicons once, before the workers fork: they share them
    outcomes = run_all(_work, [(p, options) for p in todo], timeout=timeout, jobs=jobs, guard=closed_store,
                       before_restart=warm_up, ordered=False)
    try:
        for i, outcome in wrap(_Counted(outcomes, len(todo))):
            path = todo[i]
            if outcome.error is not None:
                exc = outcome.error
                problem = exc.problem if isinstance(exc, IngestError) else _one_line(exc)
                yield write(_Done(path, problem=problem))
            else:
                yield write(outcome.value)
            del outcome
    finally:
        batches.flush()  # whole reports only: each was written in its savepoint
        store.settle_index(batches.written)


def ingest(store: Store, files: Sequence[str | Path], *, jobs: int | None = None,
           options: Options = DEFAULT, timeout: float | None = None,
           wrap: Callable[[Any], Iterable] = lambda items: items,
           on_error: Callable[[str, str], None] | None = None,
           keep_versions: bool = False, batch: int = BATCH_REPORTS,
           batch_seconds: float = BATCH_SECONDS, manifest: dict[Path, ManifestEntry] | None = None,
           keep_duplicates: bool = False) -> IngestResult:
    """``ingest_iter`` gathered into an ``IngestResult`` (ids and paths only, no reports).

    ``wrap`` wraps the iterator of pending results (e.g. a progress bar); ``on_error(path,
    problem)`` is told about each bad file as it happens. No file stops the batch."""
    result = IngestResult()

    def committed(n: int) -> None:
        result.commits = n

    for event in ingest_iter(store, files, jobs=jobs, options=options, timeout=timeout, wrap=wrap,
                             keep_versions=keep_versions, batch=batch, batch_seconds=batch_seconds,
                             on_commit=committed, manifest=manifest, keep_duplicates=keep_duplicates):
        result.fixed.extend(event.fixes)
        if event.status == "skipped":
            result.skipped.append(event.path)
        elif event.status == "duplicate":
            assert event.report_id is not None and event.relation is not None
            result.duplicates.append((event.path, event.report_id, event.relation, event.similarity or 1.0))
        elif event.status == "failed":
            result.failed.append((event.path, event.problem or "failed"))
            if on_error:
                on_error(event.path, event.problem or "failed")
        else:
            assert event.report_id is not None
            result.added.append(event.report_id)
            if event.status == "replaced":
                result.replaced.append(event.report_id)
            if event.renamed:
                result.renamed.append((event.path, event.report_id))
    if result.added:  # tracking's counts of the regions written to (the first /tracking page reads them)
        from govreport.track_summary import refresh

        refresh(store)
    return result


def _known_file(store: Store, rid: str, path: Path, sha: str, entry: ManifestEntry | None) -> tuple[Fix, ...]:
    """A file whose bytes are stored: keep it as a source (another path) and apply its manifest."""
    source = str(path.resolve())
    have = store.rows("SELECT 1 FROM sources WHERE report_id = ? AND path = ? AND sha256 = ?", (rid, source, sha))
    if have and entry is None:
        return ()  # a plain re-run: nothing to write
    with store.transaction() as conn:
        first = conn.execute("SELECT source_path FROM reports WHERE id = ?", (rid,)).fetchone()
        relation = "first" if first and first[0] == source else "same_file"
        add_source(conn, rid, path=source, sha256=sha, size=path.stat().st_size, relation=relation, entry=entry)
        if entry is not None and entry.url:
            conn.execute("UPDATE reports SET source_url = ? WHERE id = ? AND source_path = ?",
                         (entry.url, rid, source))
    return _apply_manifest(store, rid, entry) if entry is not None and entry.overrides() else ()


def _apply_manifest(store: Store, rid: str, entry: ManifestEntry) -> tuple[Fix, ...]:
    fix = fix_report(store, rid, **entry.overrides(), who=f"manifest:{entry.manifest}")
    return (fix,) if fix.changes else ()


class _Counted:
    """An iterator with a length, so that ``wrap`` (a progress bar) knows the total."""

    def __init__(self, items: Iterator, total: int) -> None:
        self._items, self._total = items, total

    def __len__(self) -> int:
        return self._total

    def __iter__(self) -> Iterator:
        return iter(self._items)
