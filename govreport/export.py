"""Exports for pandas, R, Stata and Excel: facts, reports, tracking, tasks, slogans, attention, panel.

``table_frame(store, table, **filters)`` builds a pandas DataFrame of one table (``TABLES``);
``export`` writes it as CSV (UTF-8, with a BOM unless told not to, so Excel on Chinese Windows
reads it), Parquet (pyarrow), XLSX (openpyxl) or Stata .dta (version 118, Unicode) to a file or
to standard output (``-``), and writes the codebook beside a file (``codebook.write_codebook``).
Column types come from the codebook: codes (``admin_code``, ids) are strings everywhere,
integers are integers (Stata: ``int32``; a column with missing values is a double, Stata's
only way to hold ``.`` through pandas), coded columns get Stata value labels, every variable
its Chinese label and the file a data label. In CSV and XLSX a text cell that starts like a
formula gets a leading single quote (``spreadsheet.safe_cell``); numeric columns stay numbers.
Region filters accept short names (河南 → 河南省) and refuse an ambiguous one.
"""

from __future__ import annotations

import io
import itertools
import json
import operator
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

import pandas as pd

from govreport import codebook as cb
from govreport import fact_columns, gc_pause
from govreport.errors import NothingMatchesError, QueryError
from govreport.spreadsheet import safe_cell
from govreport.store.corrections import fact_source
from govreport.store.queries import DOC_FIELDS, SOURCE_FIELDS, Store, _where
from govreport.tracking import FIELD_DEFAULTS, Tracker, iter_track_dicts

FORMATS = ("csv", "parquet", "xlsx", "dta")
TABLES = ("facts", "reports", "tracking", "tasks", "slogans", "attention", "panel")
_XML_ILLEGAL = r"[\x00-\x08\x0b\x0c\x0e-\x1f]"
STATA_STR_MAX = 2045
XLSX_MAX_ROWS = 1_048_575  # a sheet's rows less the header

FACT_COLUMNS = ("report_id", "seq", "region", "admin_code", "province", "city", "level", "report_year",
                "report_date", "report_title", "kind", "period", "period_start", "period_end", "period_source",
                "indicator", "indicator_name", "indicator_text", "measure", "value", "value_max", "unit",
                "bound", "rank_scope", "rank_of", "section", "role", "span_start", "span_end",
                "sentence_start", "sentence_end", "indicator_start", "indicator_end", "evidence", "sentence",
                "checks", "source_path", "corrected")
TRACK_COLUMNS = ("region", "admin_code", "level", "year", "period", "indicator", "indicator_name", "direction",
                 "measure", "unit", "verdict", "gap", "target_value", "target_value_max", "target_bound",
                 "target_report", "target_report_year", "target_period_source", "target_span_start",
                 "target_span_end", "target_evidence", "target_sentence", "outcome_value", "outcome_kind",
                 "outcome_measure", "outcome_unit", "outcome_report", "outcome_report_year",
                 "outcome_period_source", "outcome_span_start", "outcome_span_end", "outcome_evidence",
                 "outcome_sentence", "target_corrected", "outcome_corrected")
REPORT_COLUMNS = (*DOC_FIELDS, *SOURCE_FIELDS, "n_chars", "n_sections", "n_facts", "n_tasks", "n_slogans",
                  "n_paragraphs")
_OWNER = ("report_id", "region", "admin_code", "level", "report_year")
TASK_COLUMNS = (*_OWNER, "seq", "task_kind", "action", "object", "value", "value_max", "unit", "bound", "area",
                "department", "department_source", "co_departments", "deadline", "deadline_date", "section",
                "span_start", "span_end", "sentence")
SLOGAN_COLUMNS = (*_OWNER, "seq", "text", "number", "quoted", "span_start", "span_end")

#: the filters each table takes (``year``: report year; tracking: target year; panel: period year)
TABLE_FILTERS: dict[str, frozenset[str]] = {
    "facts": frozenset({"region", "year", "indicator", "kind", "measure", "level"}),
    "reports": frozenset({"region", "year", "level"}),
    "tracking": frozenset({"region", "year", "indicator", "measure", "level"}),
    "tasks": frozenset({"region", "year", "level"}),
    "slogans": frozenset({"region", "year", "level"}),
    "attention": frozenset({"region", "year", "level"}),
    "panel": frozenset({"region", "year", "indicator", "kind", "measure", "level"}),
}

#: the suffixes a short region name may leave out (河南 → 河南省, 广西 → 广西壮族自治区)
_REGION_SUFFIXES = ("省", "市", "自治区", "壮族自治区", "回族自治区", "维吾尔自治区", "特别行政区", "自治州",
                    "地区", "盟", "县", "自治县", "区", "旗")


def resolve_region(store: Store, name: str | None) -> str | None:
    """A stored region name for ``name``: itself when stored (or a code), else the one stored
    region it abbreviates (河南 → 河南省); QueryError when it abbreviates several."""
    if name is None:
        return None
    name = name.strip()
    stored = {r["region"]: r["admin_code"] for r in store.rows("SELECT DISTINCT region, admin_code FROM reports")}
    if name in stored or name in stored.values():
        return name
    found = sorted(r for r in stored if r and any(r == name + s for s in _REGION_SUFFIXES))
    if not found and name:
        found = sorted(r for r in stored if r and r.startswith(name))
    if len(found) > 1:
        raise QueryError(f"region {name!r} is ambiguous: {', '.join(found)} (give the full name or the code)")
    return found[0] if found else name


def _frame(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=list(columns))
    for col in df.columns:
        kind = cb.column(col).type
        if kind == cb.INTEGER:
            df[col] = pd.array(pd.to_numeric(df[col], errors="coerce"), dtype="Int64")
        elif kind == cb.FLOAT:
            df[col] = pd.to_numeric(df[col], errors="coerce").astype("float64")
        elif kind == cb.BOOLEAN:
            df[col] = df[col].astype("boolean")
        else:
            df[col] = df[col].astype("string")
    return df


#: rows per DataFrame when an export is streamed (CSV, Parquet) …
CHUNK_ROWS = 20_000
#: … and per Parquet row group (larger groups compress better: dictionaries span more rows)
ROW_GROUP_ROWS = 200_000


#: the facts export's columns as SQL on ``f`` (a fact) with the report's own as parameters, so the
#: rows come out of SQLite in ``FACT_COLUMNS`` order and need no Python work per row
_FACT_SQL = {"report_date": "?", "report_title": "?", "source_path": "?", "span_start": "f.start",
             "span_end": "f.end",
             # the quality flags (a JSON array) joined by ';', NULL when there are none (as json.loads + join)
             "checks": "CASE WHEN f.checks IS NULL OR f.checks = '' THEN f.checks ELSE "
                       "(SELECT group_concat(j.value, ';') FROM json_each(f.checks) j) END"}


def fact_rows(store: Store, **filters: Any) -> Iterator[tuple[Any, ...]]:
    """One export row per fact as a tuple in ``FACT_COLUMNS`` order (corrections applied), in
    the order of the reports (year, region, id) and of the facts in each: one indexed query per
    report (``facts(report_id, seq)``), never a sort of the whole table."""
    where, params = _where(filters, "f")
    source = fact_source(store)
    own = {c: _FACT_SQL.get(c, f"f.{c}") for c in FACT_COLUMNS}
    if source == "facts":
        own["corrected"] = "NULL"  # the table has no such column (the view has)
    sql = (f"SELECT {', '.join(own.values())} FROM {source} f WHERE f.report_id = ?"
           f"{where.replace(' WHERE ', ' AND ', 1)} ORDER BY f.seq")
    reports = store.rows("SELECT id, date, title, source_path FROM reports ORDER BY report_year, region, id")
    for r in reports:
        _, found = store.fetch(sql, [r["date"], r["title"], r["source_path"], r["id"], *params])
        yield from found


def fact_records(store: Store, **filters: Any) -> Iterator[dict[str, Any]]:
    """One export row per fact, with every column of ``FACT_COLUMNS`` (its report's date, title
    and source too), streamed from the database one report at a time (corrections applied)."""
    for row in fact_rows(store, **filters):
        yield dict(zip(FACT_COLUMNS, row, strict=True))


def facts_frame(store: Store, **filters: Any) -> pd.DataFrame:
    """One row per fact with every stored column and its report's date, title and source."""
    return _frame(list(fact_records(store, **filters)), FACT_COLUMNS)


def track_records(store: Store, region: str | None = None, indicator: str | None = None,
                  **filters: Any) -> Iterator[dict[str, Any]]:
    """One export row per tracked target (``tracking.iter_track``, one region at a time);
    filters year (target year), measure, level."""
    for row in iter_track_dicts(store, region=region, indicator=indicator):
        if any(v is not None and row.get(k) != v for k, v in filters.items()):
            continue
        for side in ("target", "outcome"):
            span = row.pop(f"{side}_span")
            row[f"{side}_span_start"], row[f"{side}_span_end"] = span if span else (None, None)
        yield row


def track_rows(store: Store, region: str | None = None, indicator: str | None = None,
               **filters: Any) -> Iterator[tuple[Any, ...]]:
    """``track_records`` as tuples in ``TRACK_COLUMNS`` order, from the tracker's own rows (their
    spans split as they are, no row copied; no filter tested when none is given)."""
    get = operator.itemgetter(*TRACK_COLUMNS)
    active = {k: v for k, v in filters.items() if v is not None}
    width = len(FIELD_DEFAULTS)
    for row in Tracker(store, region=region, indicator=indicator).field_rows():
        if len(row) != width:
            row = {**FIELD_DEFAULTS, **row}
        if active and any(row.get(k) != v for k, v in active.items()):
            continue
        target, outcome = row["target_span"], row["outcome_span"]
        row["target_span_start"], row["target_span_end"] = target if target else (None, None)
        row["outcome_span_start"], row["outcome_span_end"] = outcome if outcome else (None, None)
        yield get(row)


def track_frame(store: Store, region: str | None = None, indicator: str | None = None,
                **filters: Any) -> pd.DataFrame:
    """One row per tracked target (``tracking.track``); filters year (target year), measure, level."""
    return _frame(list(track_records(store, region=region, indicator=indicator, **filters)), TRACK_COLUMNS)


def frames(records: Iterable[dict[str, Any]], columns: tuple[str, ...], size: int = CHUNK_ROWS) -> Iterator[pd.DataFrame]:
    """``records`` as DataFrames of at most ``size`` rows, all of the same columns and types; at
    least one (empty when there are no records)."""
    it = iter(records)
    first = True
    while True:
        chunk = list(itertools.islice(it, size))
        if not chunk and not first:
            return
        yield _frame(chunk, columns)
        first = False
        if len(chunk) < size:
            return


def write_frames(chunks: Iterable[pd.DataFrame], fmt: str, out: str | Path, *, bom: bool = True) -> int:
    """Write DataFrames one after the other as one CSV or Parquet file (never all in memory);
    written to a temporary name and moved to ``out`` when whole. Returns the number of rows
    (an empty result leaves no file)."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    part = out.with_name(out.name + ".part")
    n = 0
    try:
        if fmt == "csv":
            with part.open("w", encoding="utf-8", newline="") as fh:
                if bom:
                    fh.write("\ufeff")
                for i, df in enumerate(chunks):
                    # CRLF rows (RFC 4180): a cell holding a CR is then quoted, not split
                    _neutralize(df).to_csv(fh, index=False, header=i == 0, lineterminator="\r\n")
                    n += len(df)
        elif fmt == "parquet":
            import pyarrow as pa

            from govreport import export_arrow

            def tables() -> Iterator[pa.Table]:
                schema = None  # the first frame's types hold for every later one
                for df in chunks:
                    table = pa.Table.from_pandas(df, preserve_index=False, schema=schema)
                    schema = table.schema
                    yield table

            n = export_arrow.write_tables(tables(), part, ROW_GROUP_ROWS)
        else:
            raise QueryError(f"{fmt} cannot be streamed (csv or parquet can)")
        if n:
            part.replace(out)
    finally:
        part.unlink(missing_ok=True)
    return n


def write_parquet_rows(columns: tuple[str, ...], rows: Iterable[tuple[Any, ...]], out: str | Path) -> int:
    """Row tuples (in ``columns`` order) written as one Parquet file with the types and row groups
    ``write_frames`` gives, without a DataFrame per chunk (``export_arrow``); written to a
    temporary name and moved to ``out`` when whole; an empty result leaves no file."""
    from govreport import export_arrow

    return _write_parquet(columns, lambda schema: (export_arrow.table_of(columns, chunk, schema)
                                                   for chunk in export_arrow.chunked(rows, CHUNK_ROWS)), out)


def write_parquet_columns(columns: tuple[str, ...], chunks: Iterable[list[list[Any]]], out: str | Path) -> int:
    """``write_parquet_rows`` for chunks given column by column (one list of values per column)."""
    from govreport import export_arrow

    return _write_parquet(columns, lambda schema: (export_arrow.table_of_columns(columns, chunk, schema)
                                                   for chunk in chunks), out)


def _write_parquet(columns: tuple[str, ...], tables_of: Any, out: str | Path) -> int:
    """The Arrow tables ``tables_of(schema)`` gives, written to ``out`` through a temporary name."""
    from govreport import export_arrow

    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    part = out.with_name(out.name + ".part")
    try:
        n = export_arrow.write_tables(tables_of(export_arrow.schema_of(_frame([], columns))), part, ROW_GROUP_ROWS)
        if n:
            part.replace(out)
    finally:
        part.unlink(missing_ok=True)
    return n


def _child_frame(store: Store, table: str, columns: tuple[str, ...], **filters: Any) -> pd.DataFrame:
    where, params = _where(filters, "r")
    rows = store.rows(f"SELECT c.*, c.start AS span_start, c.end AS span_end, r.region, r.admin_code, r.level, "
                      f"r.report_year FROM {table} c JOIN reports r ON r.id = c.report_id{where} "
                      "ORDER BY r.report_year, r.region, c.report_id, c.seq", params)
    for r in rows:
        if table == "tasks":
            r["task_kind"] = r.pop("kind")
    return _frame(rows, columns)


def attention_frame(store: Store, dictionaries: list[str] | None = None, **filters: Any) -> pd.DataFrame:
    """Long attention table (``attention.attention_table``) for each dictionary (default: all)."""
    from govreport.attention import ATTENTION_COLUMNS, attention_rows, attention_table, dictionary_names

    docs = store.list_reports(**filters)
    frames = []
    for name in dictionaries or dictionary_names():
        reports = ({"doc": d, "text": store.report_text(d["id"])} for d in docs)
        frames.append(attention_table(attention_rows(reports, name)))
    rows = pd.concat(frames).to_dict("records") if frames else []
    return _frame(rows, ATTENTION_COLUMNS)


def table_frame(store: Store, table: str = "facts", *, wide: bool = False, dictionaries: list[str] | None = None,
                **filters: Any) -> pd.DataFrame:
    """One table as a DataFrame; filters per ``TABLE_FILTERS`` (a region may be a short name)."""
    if table not in TABLES:
        raise QueryError(f"unknown table {table!r} (choose from {', '.join(TABLES)})")
    given = {k: v for k, v in filters.items() if v is not None}
    wrong = sorted(set(given) - TABLE_FILTERS[table])
    if wrong:
        raise QueryError(f"the {table} table cannot be filtered by {', '.join(wrong)} "
                         f"(it takes {', '.join(sorted(TABLE_FILTERS[table]))})")
    if "region" in given:
        given["region"] = resolve_region(store, given["region"])
    if table == "facts":
        return facts_frame(store, **given)
    if table == "tracking":
        return track_frame(store, **given)
    if table == "reports":
        rows = store.list_reports(**given)
        return _frame(rows, REPORT_COLUMNS)
    if table in ("tasks", "slogans"):
        return _child_frame(store, table, TASK_COLUMNS if table == "tasks" else SLOGAN_COLUMNS, **given)
    if table == "attention":
        return attention_frame(store, dictionaries, **given)
    from govreport.panel import panel

    return panel(store, wide=wide, **given)


# -- writers ---------------------------------------------------------------------------------------
def _types(df: pd.DataFrame) -> dict[str, str]:
    return {c: cb.column(c).type for c in df.columns}


def _text_columns(df: pd.DataFrame) -> list[str]:
    return [c for c, t in _types(df).items() if t == cb.STRING]


def _neutralize(df: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells cannot be read as formulas (``spreadsheet.safe_cell``);
    the numeric columns are left as numbers."""
    df = df.copy()
    for col in _text_columns(df):
        df[col] = df[col].map(safe_cell, na_action="ignore").astype("string")
    return df


def stata_frame(df: pd.DataFrame) -> pd.DataFrame:
    """The frame as written to .dta: coded columns categorical (value labels), integers int32
    (double when a value is missing), booleans 0/1, strings cut to Stata's 2045 characters."""
    df = df.copy()
    for col, kind in _types(df).items():
        enum = cb.column(col).enum
        if kind == cb.INTEGER:
            df[col] = df[col].astype("float64") if df[col].isna().any() else df[col].astype("int32")
        elif kind == cb.BOOLEAN:
            df[col] = df[col].astype("float64") if df[col].isna().any() else df[col].astype("int8")
        elif enum:
            known = [str(k) for k in cb.ENUMS[enum]]
            extra = sorted(set(df[col].dropna()) - set(known))
            df[col] = pd.Categorical(df[col].astype(object).where(df[col].notna(), None),
                                     categories=known + extra)
        elif kind == cb.STRING:
            df[col] = df[col].fillna("").astype(object).map(lambda s: str(s)[:STATA_STR_MAX])
    return df


def _to_stata(df: pd.DataFrame, out: BinaryIO, table: str, codebook_name: str | None) -> None:
    from govreport import __version__

    assert all(len(c) <= 32 and c.isascii() for c in df.columns)
    label = f"govreport {__version__} {table}" + (f"; codebook: {codebook_name}" if codebook_name else "")
    label = label[:80]
    stata_frame(df).to_stata(out, write_index=False, version=118, data_label=label,
                             variable_labels=cb.labels(list(df.columns)))


def write_frame(df: pd.DataFrame, fmt: str, out: str | Path, *, table: str = "facts", bom: bool = True) -> None:
    """Write ``df`` to the file ``out`` (or ``-``: standard output) in ``fmt``."""
    if fmt not in FORMATS:
        raise QueryError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
    to_stdout = str(out) == "-"
    if not to_stdout:
        Path(out).parent.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        # CRLF rows (RFC 4180): a cell holding a CR is then quoted, not split
        text = _neutralize(df).to_csv(index=False, lineterminator="\r\n")
        data = (("\ufeff" if bom else "") + text).encode("utf-8")
    else:
        buf = io.BytesIO()
        if fmt == "parquet":
            df.to_parquet(buf, index=False, engine="pyarrow")
        elif fmt == "xlsx":
            if len(df) > XLSX_MAX_ROWS:
                raise QueryError(f"{len(df)} rows do not fit an Excel sheet ({XLSX_MAX_ROWS} at most): "
                                 "filter with --region/--indicator or use csv or parquet")
            df = df.copy()
            for col in _text_columns(df):  # XML 1.0 (and so openpyxl) refuses most control characters
                df[col] = df[col].str.replace(_XML_ILLEGAL, "", regex=True)
            _neutralize(df).to_excel(buf, index=False, engine="openpyxl", sheet_name="data")
        else:
            _to_stata(df, buf, table, None if to_stdout else cb.codebook_paths(out)[1].name)
        data = buf.getvalue()
    if to_stdout:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        Path(out).write_bytes(data)


def export(store: Store, fmt: str, out: str | Path, *, table: str = "facts", track_targets: bool = False,
           bom: bool = True, codebook: bool = True, wide: bool = False, dictionaries: list[str] | None = None,
           allow_empty: bool = False, **filters: Any) -> int:
    """Write one table (default: facts; ``track_targets``: tracking) to ``out`` in ``fmt`` with its
    codebook beside it (not for ``-``); return the number of rows. An empty result raises
    ``NothingMatchesError`` (unless ``allow_empty``) and writes nothing."""
    if fmt not in FORMATS:
        raise QueryError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
    table = "tracking" if track_targets else table
    with gc_pause.paused():  # millions of short-lived rows, never a cycle (gc_pause.py)
        return _export(store, fmt, out, table, bom, codebook, wide, dictionaries, allow_empty, filters)


def _export(store: Store, fmt: str, out: str | Path, table: str, bom: bool, codebook: bool, wide: bool,
            dictionaries: list[str] | None, allow_empty: bool, filters: dict[str, Any]) -> int:
    """``export`` with the table decided."""
    if filters.get("region") is not None:
        filters["region"] = resolve_region(store, filters["region"])
    if table in ("facts", "tracking") and fmt in ("csv", "parquet") and str(out) != "-" and not allow_empty:
        n = _stream(store, table, fmt, out, bom, filters)  # never the whole table in memory
        if n and codebook:
            columns = FACT_COLUMNS if table == "facts" else TRACK_COLUMNS
            cb.write_codebook(out, list(columns), table=table, notes="")
        return n
    df = table_frame(store, table, wide=wide, dictionaries=dictionaries, **filters)
    if df.empty and not allow_empty:
        given = ", ".join(f"{k}={v}" for k, v in filters.items() if v is not None) or "no filter"
        raise NothingMatchesError(f"no {table} rows match ({given}); nothing written")
    write_frame(df, fmt, out, table=table, bom=bom)
    if codebook and str(out) != "-":
        from govreport import panel as panel_module

        notes = (panel_module.__doc__ or "") if table == "panel" else ""
        cb.write_codebook(out, list(df.columns), table=table + (" (wide)" if wide and table == "panel" else ""),
                          notes=notes.strip())
    return len(df)


def _stream(store: Store, table: str, fmt: str, out: str | Path, bom: bool, filters: dict[str, Any]) -> int:
    """Facts or tracked targets written chunk by chunk; an empty result raises like ``export``."""
    given = {k: v for k, v in filters.items() if v is not None}
    wrong = sorted(set(given) - TABLE_FILTERS[table])
    if wrong:
        raise QueryError(f"the {table} table cannot be filtered by {', '.join(wrong)} "
                         f"(it takes {', '.join(sorted(TABLE_FILTERS[table]))})")
    if fmt == "parquet" and table == "facts" and fact_columns.available(store):  # column by column
        n = _write_parquet(FACT_COLUMNS, lambda schema: fact_columns.tables(store, FACT_COLUMNS, CHUNK_ROWS, schema,
                                                                            **given), out)
    elif fmt == "parquet":  # Arrow tables straight from row tuples
        columns = FACT_COLUMNS if table == "facts" else TRACK_COLUMNS
        rows = fact_rows(store, **given) if table == "facts" else track_rows(store, **given)
        n = write_parquet_rows(columns, rows, out)
    elif table == "facts":
        n = write_frames(frames(fact_records(store, **given), FACT_COLUMNS), fmt, out, bom=bom)
    else:
        n = write_frames(frames(track_records(store, **given), TRACK_COLUMNS), fmt, out, bom=bom)
    if not n:
        shown = ", ".join(f"{k}={v}" for k, v in given.items()) or "no filter"
        raise NothingMatchesError(f"no {table} rows match ({shown}); nothing written")
    return n


def read_export(path: str | Path) -> pd.DataFrame:
    """Read an export back with the types its codebook (beside it) gives: codes and ids as
    strings, integers as ``Int64``, booleans as ``boolean`` (CSV, XLSX; Parquet and .dta
    carry their own types). pandas alone guesses, and reads 410000 as a number."""
    path = Path(path)
    js, _ = cb.codebook_paths(path)
    if not js.is_file():
        raise QueryError(f"{path}: no codebook beside it ({js.name})")
    types = {c["name"]: c["type"] for c in json.loads(js.read_text(encoding="utf-8"))["columns"]}
    pd_types = {cb.STRING: "string", cb.INTEGER: "Int64", cb.FLOAT: "float64", cb.BOOLEAN: "boolean"}
    dtype = {c: pd_types[t] for c, t in types.items()}
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return pd.read_csv(path, dtype=dtype, encoding="utf-8-sig", keep_default_na=False,
                           na_values={c: [""] for c in dtype})
    if suffix == ".xlsx":
        return pd.read_excel(path, dtype=dtype, engine="openpyxl")
    if suffix == ".parquet":
        return pd.read_parquet(path)
    if suffix == ".dta":
        return pd.read_stata(path)
    raise QueryError(f"{path}: not an export (csv, xlsx, parquet or dta)")
