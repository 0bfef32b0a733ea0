"""The extract mapped over many files with Dask: ``govreport extract PATHS --engine dask --out DIR``.

Files are cut into partitions of ``partition_size``; ``Client.map`` runs one task per partition on
a ``dask.distributed`` cluster (a ``LocalCluster`` of worker processes by default, or the scheduler
at ``address``). Each task extracts its files and writes its partition of the Parquet dataset
(``govreport.store.parquet_io``: reports, sections, facts, tasks, slogans) straight into ``DIR``,
so ``DIR`` must be a path every worker can write (a shared disk on a real cluster). Dask does the
distribution, the retries (a task whose worker died is run again, ``retries`` times; a partition
file is replaced atomically, so a re-run is harmless) and the progress bar. A bad input is not an
error of its task: it is reported back (one line per file) and the other files go on.

Dask is imported only here, and only when this engine is used, so the CLI starts fast without it.
Importing ``distributed`` installs tblib's pickling of exceptions for the whole process (in
``copyreg``), which changes how ``govreport.budget`` brings errors back from its workers; the run
keeps that inside itself (``kept_pickling``).
"""

from __future__ import annotations

import copyreg
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from govreport.errors import GovReportError

DEFAULT_PARTITION_SIZE = 8


@dataclass
class DaskResult:
    written: list[str] = field(default_factory=list)  # report ids written, in input order
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, one-line problem)
    internal: list[tuple[str, str]] = field(default_factory=list)  # (path, problem) of internal errors (bugs)
    parts: int = 0  # partitions written


@contextmanager
def kept_pickling() -> Iterator[None]:
    """Within the block, what ``import distributed`` adds to ``copyreg`` holds; after it, the
    process pickles as before (a no-op when distributed was imported already)."""
    saved = dict(copyreg.dispatch_table)
    try:
        yield
    finally:
        copyreg.dispatch_table.clear()
        copyreg.dispatch_table.update(saved)


def _problem(exc: BaseException) -> str:
    from govreport.errors import IngestError

    if isinstance(exc, IngestError):
        return exc.problem
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if isinstance(exc, GovReportError) else f"{type(exc).__name__}: {text}"


def extract_partition(index: int, items: Sequence[tuple[str, str | None]], out: str) -> dict[str, Any]:
    """A Dask task: extract ``items`` ((path, report id)) and write partition ``index`` into ``out``.

    Returns {"written": ids, "failed": [(path, problem)], "internal": [(path, problem)]}; raises only
    when the partition cannot be written (then Dask retries it)."""
    from govreport.options import Options
    from govreport.pipeline import extract
    from govreport.store.ingest import file_sha256
    from govreport.store.parquet_io import SourceFile, part_name, report_tables, write_part

    entries = []
    failed: list[tuple[str, str]] = []
    internal: list[tuple[str, str]] = []
    for path, doc_id in items:
        try:
            sha, size = file_sha256(Path(path))
            report = extract(Path(path), Options(doc_id=doc_id))
        except GovReportError as exc:
            failed.append((path, _problem(exc).removeprefix(f"{path}: ")))
            continue
        except OSError as exc:
            failed.append((path, exc.strerror or _problem(exc)))
            continue
        except Exception as exc:  # a bug on one file must not lose the partition
            internal.append((path, _problem(exc)))
            continue
        entries.append((report, SourceFile(sha, size, str(Path(path).resolve()))))
    write_part(out, part_name(index), report_tables(entries))
    return {"written": [r.doc.id for r, _ in entries], "failed": failed, "internal": internal}


def partitions(items: Sequence[tuple[str, str | None]], size: int) -> list[list[tuple[str, str | None]]]:
    size = max(1, size)
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def _client(address: str | None, workers: int | None) -> tuple[Any, Any]:
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise GovReportError("--engine dask needs dask.distributed: pip install 'govreport[dask]'") from exc
    if address:
        try:
            return Client(address, timeout="30s"), None
        except OSError as exc:
            raise GovReportError(f"cannot reach the Dask scheduler at {address} ({exc})") from exc
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
    return Client(cluster), cluster


def extract_with_dask(items: Sequence[tuple[str, str | None]], out: str | Path, *, address: str | None = None,
                      workers: int | None = None, partition_size: int = DEFAULT_PARTITION_SIZE,
                      retries: int = 2, show_progress: bool = False, client: Any = None) -> DaskResult:
    """Extract ``items`` ((path, report id or None)) on a Dask cluster into the Parquet dataset ``out``.

    ``client``: an existing ``distributed.Client`` to use (the caller closes it); else one is made for
    the scheduler at ``address``, or for a new ``LocalCluster`` of ``workers`` processes, and closed."""
    with kept_pickling():
        return _run(items, out, address, workers, partition_size, retries, show_progress, client)


def _run(items: Sequence[tuple[str, str | None]], out: str | Path, address: str | None, workers: int | None,
         partition_size: int, retries: int, show_progress: bool, client: Any) -> DaskResult:
    out_dir = str(Path(out).resolve())
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    cluster = None
    own = client is None
    if own:
        client, cluster = _client(address, workers)
    result = DaskResult()
    try:
        from distributed import as_completed, progress

        chunks = partitions(items, partition_size)
        futures = client.map(extract_partition, range(len(chunks)), chunks, out=out_dir, retries=retries,
                             pure=False)
        if show_progress:
            progress(futures)  # Dask's own progress bar, on the terminal
        done: dict[int, dict[str, Any]] = {}
        index_of = {f.key: i for i, f in enumerate(futures)}
        for future in as_completed(futures):
            i = index_of[future.key]
            try:
                done[i] = dict(future.result(), ok=True)
            except Exception as exc:  # the partition failed after its retries (e.g. its worker kept dying)
                problem = f"its partition failed on the cluster ({_problem(exc)})"
                done[i] = {"written": [], "failed": [(path, problem) for path, _ in chunks[i]], "internal": [],
                           "ok": False}
        for i in range(len(chunks)):
            part = done[i]
            result.written += part["written"]
            result.failed += [(path, problem) for path, problem in part["failed"]]
            result.internal += [(path, problem) for path, problem in part["internal"]]
            result.parts += part["ok"]
    finally:
        if own:
            client.close()
            if cluster is not None:
                cluster.close()
    return result
