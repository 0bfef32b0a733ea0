"""Reports as a partitioned Parquet dataset, and back: what ``extract --engine dask`` writes and
``ingest --from-parquet`` reads.

One folder per table (``reports/``, ``sections/``, ``facts/``, ``tasks/``, ``slogans/``), one file
per partition in each (``part-00007.parquet``: the same partition's rows in every folder), so
``pyarrow.dataset``, ``pandas.read_parquet(DIR / "facts")`` or DuckDB's
``read_parquet('DIR/facts/*.parquet')`` read each table directly. Columns are the fields of the
model's dataclasses (``govreport.model``): a span is two integer columns ``<name>_start`` and
``<name>_end``, an enum its string, a tuple of strings a list column. The child tables carry
``report_id`` (unique within a partition; ``extract --engine dask`` makes ids unique as ``--out``
does) and ``seq`` (the row's position in its report); ``reports`` carries the doc fields,
the text, the warnings and the input file's ``sha256``, ``size`` and ``source_path``. The schema is
fixed by the model, so every partition has the same one, and a dataset read back gives the same
``Report`` objects that were written.
"""

from __future__ import annotations

import os
import types
import typing
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, fields, replace
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

from govreport.errors import GovReportError, StoreError
from govreport.model import DocMeta, Fact, Report, Section, Slogan, Span, Task

TABLES = ("reports", "sections", "facts", "tasks", "slogans")
_CHILDREN: dict[str, type] = {"sections": Section, "facts": Fact, "tasks": Task, "slogans": Slogan}
_FILE_COLUMNS = (("sha256", "str"), ("size", "int"), ("source_path", "str"))


@dataclass(frozen=True, slots=True)
class SourceFile:
    """Where a report came from: its input file's SHA-256, size in bytes and resolved path."""

    sha256: str
    size: int
    source_path: str


@dataclass(frozen=True, slots=True)
class _Column:
    name: str  # the field
    kind: str  # str | int | float | bool | span | enum | strlist
    enum: type | None = None


@cache
def _columns(cls: type) -> tuple[_Column, ...]:
    """The fields of a model dataclass with the kind of column each becomes."""
    hints = typing.get_type_hints(cls)
    out = []
    for f in fields(cls):
        hint = hints[f.name]
        args = [a for a in typing.get_args(hint) if a is not type(None)] if isinstance(
            hint, types.UnionType) or typing.get_origin(hint) is typing.Union else [hint]
        base = args[0]
        if base is Span:
            out.append(_Column(f.name, "span"))
        elif isinstance(base, type) and issubclass(base, StrEnum):
            out.append(_Column(f.name, "enum", base))
        elif typing.get_origin(base) is tuple:
            out.append(_Column(f.name, "strlist"))
        elif base in (str, int, float, bool):
            out.append(_Column(f.name, base.__name__))
        else:  # a new kind of field in the model: say so rather than write something unreadable
            raise StoreError(f"parquet: no column type for {cls.__name__}.{f.name} ({hint})")
    return tuple(out)


def _arrow_type(kind: str) -> Any:
    import pyarrow as pa

    return {"str": pa.string(), "enum": pa.string(), "int": pa.int64(), "float": pa.float64(),
            "bool": pa.bool_(), "strlist": pa.list_(pa.string())}[kind]


@cache
def schema(table: str) -> Any:
    """The Arrow schema of one table (the same in every partition)."""
    import pyarrow as pa

    if table == "reports":
        cols = [*_columns(DocMeta), _Column("text", "str"), _Column("warnings", "strlist"),
                *(_Column(n, k) for n, k in _FILE_COLUMNS)]
        lead: list[Any] = []
    else:
        cols = list(_columns(_CHILDREN[table]))
        lead = [pa.field("report_id", pa.string(), nullable=False), pa.field("seq", pa.int64(), nullable=False)]
    out = []
    for c in cols:
        if c.kind == "span":
            out += [pa.field(f"{c.name}_start", pa.int64()), pa.field(f"{c.name}_end", pa.int64())]
        else:
            out.append(pa.field(c.name, _arrow_type(c.kind)))
    return pa.schema(lead + out)


def _flatten(obj: Any, cols: tuple[_Column, ...], row: dict[str, list[Any]]) -> None:
    for c in cols:
        value = getattr(obj, c.name)
        if c.kind == "span":
            row[f"{c.name}_start"].append(value.start if value is not None else None)
            row[f"{c.name}_end"].append(value.end if value is not None else None)
        elif c.kind == "enum":
            row[c.name].append(None if value is None else str(value))
        elif c.kind == "strlist":
            row[c.name].append(list(value))
        else:
            row[c.name].append(value)


def report_tables(entries: Sequence[tuple[Report, SourceFile]]) -> dict[str, Any]:
    """Reports (with their input files) → one Arrow table per name of ``TABLES``."""
    import pyarrow as pa

    columns = {t: {name: [] for name in schema(t).names} for t in TABLES}
    for report, source in entries:
        rows = columns["reports"]
        _flatten(report.doc, _columns(DocMeta), rows)
        rows["text"].append(report.text)
        rows["warnings"].append(list(report.warnings))
        for name, _kind in _FILE_COLUMNS:
            rows[name].append(getattr(source, name))
        for table, items in (("sections", report.sections), ("facts", report.facts), ("tasks", report.tasks),
                             ("slogans", report.slogans)):
            rows = columns[table]
            for seq, item in enumerate(items):
                rows["report_id"].append(report.doc.id)
                rows["seq"].append(seq)
                _flatten(item, _columns(_CHILDREN[table]), rows)
    return {t: pa.Table.from_pydict(columns[t], schema=schema(t)) for t in TABLES}


def part_name(index: int) -> str:
    return f"part-{index:05d}.parquet"


def write_part(out: str | Path, name: str, tables: dict[str, Any]) -> None:
    """Write one partition: ``out/<table>/<name>`` for every table, each atomically (a temporary
    file renamed), so a retried or killed task never leaves half a file."""
    import pyarrow.parquet as pq

    for table in TABLES:
        folder = Path(out) / table
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{name}.{os.getpid()}.tmp"
        pq.write_table(tables[table], tmp, compression="zstd")
        os.replace(tmp, folder / name)


def _rebuild(cls: type, cols: tuple[_Column, ...], rec: dict[str, Any], extra: dict[str, Any] | None = None) -> Any:
    kwargs: dict[str, Any] = {}
    for c in cols:
        if c.kind == "span":
            start, end = rec[f"{c.name}_start"], rec[f"{c.name}_end"]
            kwargs[c.name] = None if start is None else Span(int(start), int(end))
        elif c.kind == "enum":
            value = rec[c.name]
            kwargs[c.name] = None if value is None else c.enum(value)  # type: ignore[misc]
        elif c.kind == "strlist":
            kwargs[c.name] = tuple(rec[c.name] or ())
        else:
            kwargs[c.name] = rec[c.name]
    return cls(**kwargs, **(extra or {}))


def parts(folder: str | Path) -> list[str]:
    """The partition file names of a dataset (from its ``reports`` folder), in order."""
    reports = Path(folder) / "reports"
    if not reports.is_dir():
        raise StoreError(f"{folder}: not a govreport Parquet dataset (no reports/ folder)")
    return sorted(p.name for p in reports.glob("*.parquet"))


def read_part(folder: str | Path, name: str) -> Iterator[tuple[Report, SourceFile]]:
    """The reports of one partition, rebuilt, with their input files."""
    import pyarrow.parquet as pq

    try:
        tables = {t: pq.read_table(Path(folder) / t / name).to_pylist() for t in TABLES}
    except (OSError, ValueError) as exc:  # a missing or corrupt file of the partition
        raise StoreError(f"{folder}: cannot read partition {name} ({exc})") from exc
    children: dict[str, dict[str, list[dict[str, Any]]]] = {t: {} for t in _CHILDREN}
    for t in _CHILDREN:
        for rec in sorted(tables[t], key=lambda r: r["seq"]):
            children[t].setdefault(rec["report_id"], []).append(rec)
    ids = [rec["id"] for rec in tables["reports"]]
    if len(set(ids)) != len(ids):
        raise StoreError(f"{folder}: partition {name} has a report id twice; its rows cannot be told apart")
    for rec in tables["reports"]:
        doc = _rebuild(DocMeta, _columns(DocMeta), rec)
        built = {t: tuple(_rebuild(cls, _columns(cls), r) for r in children[t].get(doc.id, ()))
                 for t, cls in _CHILDREN.items()}
        report = Report(doc=doc, text=rec["text"], warnings=tuple(rec["warnings"] or ()), **built)
        yield report, SourceFile(rec["sha256"], rec["size"], rec["source_path"])


def read_dataset(folder: str | Path) -> Iterator[tuple[Report, SourceFile]]:
    """Every report of a dataset, one partition in memory at a time."""
    for name in parts(folder):
        yield from read_part(folder, name)


def ingest_parquet(store: Any, folder: str | Path, *, keep_versions: bool = False,
                   on_error: Callable[[str, str], None] | None = None) -> Any:
    """Load a dataset into ``store`` as ``store.ingest.ingest`` would have stored the same files:
    contents already stored (or repeated in the dataset) are skipped, an id another file already
    has gets ``-<sha256[:8]>``, each report is written in its own transaction."""
    from govreport.store.duplicates import DuplicateIndex, fingerprint
    from govreport.store.ingest import IngestResult
    from govreport.store.sources import add_source

    result = IngestResult()
    stored = store.stored_hashes()
    known = {r["id"] for r in store.rows("SELECT id FROM reports")}
    dupes = DuplicateIndex.from_rows(store.rows("SELECT id, text_hash, minhash FROM reports"))
    for report, source in read_dataset(folder):
        if source.sha256 in stored:
            result.skipped.append(source.source_path)
            continue
        stored.add(source.sha256)
        fp = fingerprint(report.text)  # the same duplicate rule as a direct ingest
        same_file = {r["id"] for r in store.rows("SELECT id FROM reports WHERE source_path = ?",
                                                 (source.source_path,))}
        match = dupes.find(fp, exclude=same_file)
        if match is not None:
            with store.transaction() as conn:
                add_source(conn, match.report_id, path=source.source_path, sha256=source.sha256,
                           size=source.size, relation=match.relation, similarity=match.similarity,
                           text_hash=fp.text_hash, fmt=report.doc.source_format, encoding=report.doc.encoding)
            result.duplicates.append((source.source_path, match.report_id, match.relation, match.similarity))
            continue
        rid = report.doc.id
        taken = store.rows("SELECT source_path FROM reports WHERE id = ?", (rid,))
        if taken and (keep_versions or taken[0]["source_path"] != source.source_path):
            rid = f"{rid}-{source.sha256[:8]}"
            report = replace(report, doc=replace(report.doc, id=rid))
            result.renamed.append((source.source_path, rid))
        def first_source(conn: Any, rid: str = rid, report: Any = report, source: Any = source,
                         fp: Any = fp) -> None:
            add_source(conn, rid, path=source.source_path, sha256=source.sha256, size=source.size,
                       relation="first", fmt=report.doc.source_format, encoding=report.doc.encoding,
                       text_hash=fp.text_hash)

        try:
            removed = store.write_report(report, sha256=source.sha256, size=source.size,
                                         source_path=source.source_path, keep_versions=keep_versions,
                                         extra={"text_hash": fp.text_hash, "minhash": fp.signature},
                                         on_insert=first_source)
        except GovReportError as exc:
            result.failed.append((source.source_path, str(exc)))
            if on_error:
                on_error(source.source_path, str(exc))
            continue
        for gone in removed:
            dupes.remove(gone)
        dupes.add(rid, fp.text_hash, fp.signature)
        if rid in known or removed:
            result.replaced.append(rid)
        known.add(rid)
        result.added.append(rid)
    store.settle_index(len(result.added))  # as a direct ingest does: a bulk load merges the index
    if result.added:  # tracking's counts of the regions written to, as ingest keeps them
        from govreport.track_summary import refresh

        refresh(store)
    return result
