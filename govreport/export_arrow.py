"""Arrow record batches built straight from rows, for the streamed Parquet exports.

``export.write_frames`` used to turn every chunk of row dicts into a pandas DataFrame (type
inference, then a cast per column) and the DataFrame into an Arrow table: most of an export's
time. ``table_of(columns, rows, schema)`` builds the same Arrow table from plain tuples, one
typed array per column, with the schema (and the pandas metadata) the DataFrame route gives, so
``pandas.read_parquet`` reads the file back exactly as before. ``schema_of(columns)`` is that
schema, taken once from an empty frame of the codebook's types.

The conversions are those of ``export._frame``: integer columns hold integers, float columns
floats, booleans ``True``/``False``/missing, text columns strings (any other value as ``str``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa

from govreport import codebook as cb


def schema_of(frame: pd.DataFrame) -> pa.Schema:
    """The Arrow schema (with pandas metadata) of an empty DataFrame of the export's types."""
    return pa.Table.from_pandas(frame, preserve_index=False).schema


def _as_str(values: Sequence[Any]) -> list[Any]:
    return [v if v is None or isinstance(v, str) else str(v) for v in values]


def _as_float(values: Sequence[Any]) -> list[Any]:
    return [None if v is None else float(v) for v in values]


def _as_bool(values: Sequence[Any]) -> list[Any]:
    return [None if v is None else bool(v) for v in values]


_CONVERT = {cb.STRING: _as_str, cb.FLOAT: _as_float, cb.BOOLEAN: _as_bool}


def column(values: Sequence[Any], kind: str, type_: pa.DataType) -> pa.Array:
    """One column as an Arrow array: straight when every value already has the column's type
    (the usual case: pyarrow checks it in C), else after the conversion of ``_CONVERT``."""
    if kind == cb.INTEGER:  # inferred, then cast: a float that is not a whole number raises
        return pa.array(values).cast(type_, safe=True) if values else pa.array([], type=type_)
    if kind != cb.BOOLEAN:
        try:
            return pa.array(values, type=type_)
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            pass
    return pa.array(_CONVERT[kind](values), type=type_)


def table_of(columns: Sequence[str], rows: Sequence[Sequence[Any]], schema: pa.Schema) -> pa.Table:
    """``rows`` (tuples in the order of ``columns``) as an Arrow table of ``schema``."""
    by_column = list(zip(*rows, strict=True)) if rows else [() for _ in columns]
    return table_of_columns(columns, by_column, schema)


def table_of_columns(columns: Sequence[str], by_column: Sequence[Sequence[Any]], schema: pa.Schema) -> pa.Table:
    """The values of each of ``columns`` (one sequence per column, all of one length) as an
    Arrow table of ``schema`` (``fact_columns`` reads the facts export so)."""
    arrays = [column(values, cb.column(name).type, schema.field(name).type)
              for name, values in zip(columns, by_column, strict=True)]
    return pa.Table.from_arrays(arrays, schema=schema)


def write_tables(tables: Iterable[pa.Table], out: Path, row_group_rows: int) -> int:
    """Arrow tables written one after the other as one Parquet file, gathered into row groups
    of about ``row_group_rows``; returns the rows written. Both Parquet writers of ``export`` use it."""
    import pyarrow.parquet as pq

    writer = None
    group: list[pa.Table] = []
    schema = None
    n = 0
    try:
        for table in tables:
            schema = table.schema
            group.append(table)
            n += len(table)
            held = sum(len(t) for t in group)
            if held >= row_group_rows:  # whole groups of row_group_rows, whatever the tables' sizes
                whole = pa.concat_tables(group)
                cut = held - held % row_group_rows
                writer = writer or pq.ParquetWriter(out, schema)
                writer.write_table(whole.slice(0, cut), row_group_size=row_group_rows)
                group = [whole.slice(cut)] if cut < held else []
        if schema is not None and (group or writer is None):
            writer = writer or pq.ParquetWriter(out, schema)
            writer.write_table(pa.concat_tables(group), row_group_size=row_group_rows)
    finally:
        if writer is not None:
            writer.close()
    return n


def chunked(rows: Iterable[tuple[Any, ...]], size: int) -> Iterator[list[tuple[Any, ...]]]:
    """``rows`` in lists of ``size`` (at least one list, empty when there are no rows)."""
    chunk: list[tuple[Any, ...]] = []
    first = True
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            first = False
            chunk = []
    if chunk or first:
        yield chunk
