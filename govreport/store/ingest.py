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
from govreport.ingest.html import page_url
from govreport.ingest.readers import check_file
from govreport.model import Report
from govreport.options import DEFAULT, Options
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


def ingest(store: Store, files: Sequence[str | Path], *, jobs: int | None = None,
           options: Options = DEFAULT, timeout: float | None = None,
           wrap: Callable[[Any], Iterable] = lambda items: items,
           on_error: Callable[[str, str], None] | None = None,
           keep_versions: bool = False, manifest: dict[Path, ManifestEntry] | None = None,
           keep_duplicates: bool = False) -> IngestResult:
    """Ingest ``files`` into ``store``: skip stored contents, extract the rest on ``jobs``
    processes, each file within ``timeout`` seconds (None: no limit; with one job and no limit,
    in this process), write each report in its own transaction. An edited file replaces its
    older version unless ``keep_versions`` (then both are kept, under two ids).

    ``wrap`` wraps the list of pending items (e.g. a progress bar); ``on_error(path, problem)``
    is told about each bad file as it happens. ``manifest`` (``sources.read_manifest``) gives
    files their URL, publisher and retrieval date and corrects region, level or year. A report
    that duplicates a stored one (``duplicates.py``) is not stored again: its file is added to
    that report's ``sources`` (unless ``keep_duplicates``). No file stops the batch: a bad one, one that
    overruns its time (its worker is killed and replaced) or one whose worker dies is recorded
    in ``failed`` and the others go on."""
    result = IngestResult()

    def fail(path: str, problem: str) -> None:
        result.failed.append((path, problem))
        if on_error:
            on_error(path, problem)

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
            fail(str(path), exc.problem)
            continue
        except OSError as exc:
            fail(str(path), exc.strerror or _one_line(exc))
            continue
        if sha in stored or sha in seen:
            result.skipped.append(str(path))
            if sha in stored:
                _known_file(store, stored[sha], path, sha, manifest.get(path.resolve()), result)
        else:
            seen.add(sha)
            todo.append(str(path))
    if not todo:
        return result
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
    known_ids = {r["id"] for r in store.rows("SELECT id FROM reports")}
    dupes = DuplicateIndex.from_rows(store.rows("SELECT id, text_hash, minhash FROM reports"))

    def write(done: _Done) -> None:
        if done.report is None:
            fail(done.path, done.problem or "extraction failed")
            return
        report = done.report
        source = str(Path(done.path).resolve())
        entry = manifest.get(Path(source))
        fp = done.fingerprint or fingerprint(report.text)
        # an edited file is a new version of its own report, not a duplicate of it
        same_file = {r["id"] for r in store.rows("SELECT id FROM reports WHERE source_path = ?", (source,))}
        match = None if keep_duplicates else dupes.find(fp, exclude=same_file)
        if match is not None:  # the same report from another file: one more source, not a report
            with store.transaction() as conn:
                add_source(conn, match.report_id, path=source, sha256=done.sha256, size=done.size,
                           relation=match.relation, similarity=match.similarity, text_hash=fp.text_hash,
                           fmt=report.doc.source_format, encoding=report.doc.encoding, url=done.source_url,
                           entry=entry)
            result.duplicates.append((done.path, match.report_id, match.relation, match.similarity))
            return
        rid = report.doc.id
        taken = store.rows("SELECT source_path FROM reports WHERE id = ?", (rid,))
        if taken and (keep_versions or taken[0]["source_path"] != source):
            # another file (same file name in another folder) or, kept, an older version has this id
            rid = f"{rid}-{done.sha256[:8]}"
            report = replace(report, doc=replace(report.doc, id=rid))
            result.renamed.append((done.path, rid))
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
        except GovReportError as exc:
            fail(done.path, _one_line(exc))
            return
        for gone in removed:
            dupes.remove(gone)
        dupes.add(rid, fp.text_hash, fp.signature)
        if rid in known_ids or removed:
            result.replaced.append(rid)
        known_ids.add(rid)
        result.added.append(rid)
        if entry is not None and entry.overrides():
            _apply_manifest(store, rid, entry, result)

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


def _known_file(store: Store, rid: str, path: Path, sha: str, entry: ManifestEntry | None,
                result: IngestResult) -> None:
    """A file whose bytes are stored: keep it as a source (another path) and apply its manifest."""
    source = str(path.resolve())
    have = store.rows("SELECT 1 FROM sources WHERE report_id = ? AND path = ? AND sha256 = ?", (rid, source, sha))
    if have and entry is None:
        return  # a plain re-run: nothing to write
    with store.transaction() as conn:
        first = conn.execute("SELECT source_path FROM reports WHERE id = ?", (rid,)).fetchone()
        relation = "first" if first and first[0] == source else "same_file"
        add_source(conn, rid, path=source, sha256=sha, size=path.stat().st_size, relation=relation, entry=entry)
        if entry is not None and entry.url:
            conn.execute("UPDATE reports SET source_url = ? WHERE id = ? AND source_path = ?",
                         (entry.url, rid, source))
    if entry is not None and entry.overrides():
        _apply_manifest(store, rid, entry, result)


def _apply_manifest(store: Store, rid: str, entry: ManifestEntry, result: IngestResult) -> None:
    fix = fix_report(store, rid, **entry.overrides(), who=f"manifest:{entry.manifest}")
    if fix.changes:
        result.fixed.append(fix)


class _Counted:
    """An iterator with a length, so that ``wrap`` (a progress bar) knows the total."""

    def __init__(self, items: Iterator, total: int) -> None:
        self._items, self._total = items, total

    def __len__(self) -> int:
        return self._total

    def __iter__(self) -> Iterator:
        return iter(self._items)
