"""Exports for pandas, R, Stata and Excel: one row per fact, or per tracked target.

``facts_frame`` / ``track_frame`` build pandas DataFrames from the store's named queries;
``export`` writes them as CSV (UTF-8), Parquet (pyarrow), XLSX (openpyxl) or Stata .dta
(version 118, Unicode; ASCII variable names ≤ 32 characters, strings ≤ 2045 characters,
Chinese variable labels). In CSV and XLSX a text cell that starts like a formula gets a
leading single quote (``spreadsheet.safe_cell``); numeric columns stay numbers.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd

from govreport.errors import QueryError
from govreport.spreadsheet import safe_cell
from govreport.store.queries import Store, _where
from govreport.tracking import iter_track

FORMATS = ("csv", "parquet", "xlsx", "dta")
_XML_ILLEGAL = r"[\x00-\x08\x0b\x0c\x0e-\x1f]"
STATA_STR_MAX = 2045
XLSX_MAX_ROWS = 1_048_575  # a sheet's rows less the header

#: fact export columns and their (Chinese) labels
FACT_COLUMNS: dict[str, str] = {
    "report_id": "报告编号", "region": "地区", "admin_code": "行政区划代码", "province": "省份",
    "city": "城市", "level": "行政级别", "report_year": "报告年份", "kind": "类型", "period": "时期",
    "period_start": "时期起", "period_end": "时期止", "indicator": "指标编号",
    "indicator_name": "指标名称", "indicator_text": "原文指标", "measure": "度量", "value": "数值",
    "value_max": "上限数值", "unit": "单位", "bound": "界限", "rank_scope": "排名范围",
    "section": "章节", "role": "章节作用", "span_start": "起始位置", "span_end": "结束位置",
    "evidence": "原文数字", "sentence": "原文句子",
}

TRACK_COLUMNS: dict[str, str] = {
    "region": "地区", "admin_code": "行政区划代码", "level": "行政级别", "year": "目标年份",
    "period": "时期", "indicator": "指标编号", "indicator_name": "指标名称", "direction": "方向",
    "measure": "度量", "unit": "单位", "verdict": "结论", "gap": "差距",
    "target_value": "目标值", "target_value_max": "目标上限", "target_bound": "目标界限",
    "target_report": "目标报告", "target_span_start": "目标起始", "target_span_end": "目标结束",
    "target_evidence": "目标原文", "target_sentence": "目标句子",
    "outcome_value": "实际值", "outcome_kind": "实际类型", "outcome_measure": "实际度量",
    "outcome_unit": "实际单位", "outcome_report": "实际报告", "outcome_report_year": "实际报告年份",
    "outcome_span_start": "实际起始", "outcome_span_end": "实际结束", "outcome_evidence": "实际原文",
    "outcome_sentence": "实际句子",
}

_INT_COLUMNS = {"report_year", "period_start", "period_end", "span_start", "span_end", "year",
                "target_span_start", "target_span_end", "outcome_span_start", "outcome_span_end",
                "outcome_report_year"}
_FLOAT_COLUMNS = {"value", "value_max", "gap", "target_value", "target_value_max", "outcome_value"}


def _frame(rows: list[dict[str, Any]], columns: dict[str, str]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=list(columns))
    for col in df.columns:
        if col in _INT_COLUMNS:
            df[col] = pd.array(df[col], dtype="Int64")
        elif col in _FLOAT_COLUMNS:
            df[col] = pd.to_numeric(df[col], errors="coerce").astype("float64")
        else:
            df[col] = df[col].astype("string")
    return df


#: rows per DataFrame when an export is streamed (CSV, Parquet) …
CHUNK_ROWS = 20_000
#: … and per Parquet row group (larger groups compress better: dictionaries span more rows)
ROW_GROUP_ROWS = 200_000


def fact_records(store: Store, **filters: Any) -> Iterator[dict[str, Any]]:
    """One export row per fact (filters as in ``Store.facts``), streamed from the database."""
    where, params = _where(filters)
    for f in store.iter_facts(where.removeprefix(" WHERE "), params):
        f["span_start"], f["span_end"] = f["span"]
        yield f


def track_records(store: Store, region: str | None = None, indicator: str | None = None) -> Iterator[dict[str, Any]]:
    """One export row per tracked target (``tracking.iter_track``), one region at a time."""
    for r in iter_track(store, region=region, indicator=indicator):
        row = r.to_dict()
        for side in ("target", "outcome"):
            span = row.pop(f"{side}_span")
            row[f"{side}_span_start"], row[f"{side}_span_end"] = span if span else (None, None)
        yield row


def facts_frame(store: Store, **filters: Any) -> pd.DataFrame:
    """One row per fact (filters as in ``Store.facts``)."""
    return _frame(list(fact_records(store, **filters)), FACT_COLUMNS)


def track_frame(store: Store, region: str | None = None, indicator: str | None = None) -> pd.DataFrame:
    """One row per tracked target (``tracking.track``)."""
    return _frame(list(track_records(store, region=region, indicator=indicator)), TRACK_COLUMNS)


def frames(records: Iterable[dict[str, Any]], columns: dict[str, str], size: int = CHUNK_ROWS) -> Iterator[pd.DataFrame]:
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


def write_frames(chunks: Iterable[pd.DataFrame], fmt: str, out: str | Path) -> int:
    """Write DataFrames one after the other as one CSV or Parquet file (never all in memory);
    written to a temporary name and moved to ``out`` when whole. Returns the number of rows."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    part = out.with_name(out.name + ".part")
    n = 0
    try:
        if fmt == "csv":
            with part.open("w", encoding="utf-8", newline="") as fh:
                for i, df in enumerate(chunks):
                    # CRLF rows (RFC 4180): a cell holding a CR is then quoted, not split
                    _neutralize(df).to_csv(fh, index=False, header=i == 0, lineterminator="\r\n")
                    n += len(df)
        elif fmt == "parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            writer = None
            schema = None
            group: list[Any] = []  # Arrow tables gathered into one row group of ~ROW_GROUP_ROWS
            try:
                for df in chunks:
                    table = pa.Table.from_pandas(df, preserve_index=False, schema=schema)
                    schema = table.schema
                    group.append(table)
                    n += len(df)
                    if sum(len(t) for t in group) >= ROW_GROUP_ROWS:
                        writer = writer or pq.ParquetWriter(part, schema)
                        writer.write_table(pa.concat_tables(group), row_group_size=ROW_GROUP_ROWS)
                        group = []
                if group or writer is None:
                    writer = writer or pq.ParquetWriter(part, schema)
                    writer.write_table(pa.concat_tables(group), row_group_size=ROW_GROUP_ROWS)
            finally:
                if writer is not None:
                    writer.close()
        else:
            raise QueryError(f"{fmt} cannot be streamed (csv or parquet can)")
        part.replace(out)
    finally:
        part.unlink(missing_ok=True)
    return n


def _to_stata(df: pd.DataFrame, out: Path, labels: dict[str, str]) -> None:
    df = df.copy()
    for col in df.columns:
        if col in _INT_COLUMNS:
            df[col] = df[col].astype("float64")  # Stata has no nullable integers; missing is "."
        elif col not in _FLOAT_COLUMNS:
            df[col] = df[col].fillna("").astype(object).map(lambda s: str(s)[:STATA_STR_MAX])
    assert all(len(c) <= 32 and c.isascii() for c in df.columns)
    df.to_stata(out, write_index=False, version=118, variable_labels={c: labels[c] for c in df.columns})


def _text_columns(df: pd.DataFrame) -> list[str]:
    return [c for c in df.columns if c not in _INT_COLUMNS and c not in _FLOAT_COLUMNS]


def _neutralize(df: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells cannot be read as formulas (``spreadsheet.safe_cell``);
    the numeric columns are left as numbers."""
    df = df.copy()
    for col in _text_columns(df):
        df[col] = df[col].map(safe_cell, na_action="ignore").astype("string")
    return df


def write_frame(df: pd.DataFrame, fmt: str, out: str | Path, labels: dict[str, str] | None = None) -> Path:
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        # CRLF rows (RFC 4180): a cell holding a CR is then quoted, not split
        _neutralize(df).to_csv(out, index=False, encoding="utf-8", lineterminator="\r\n")
    elif fmt == "parquet":
        df.to_parquet(out, index=False, engine="pyarrow")
    elif fmt == "xlsx":
        if len(df) > XLSX_MAX_ROWS:
            raise QueryError(f"{len(df)} rows do not fit an Excel sheet ({XLSX_MAX_ROWS} at most): "
                             "filter with --region/--indicator or use csv or parquet")
        df = df.copy()
        for col in _text_columns(df):  # XML 1.0 (and so openpyxl) refuses most control characters
            df[col] = df[col].str.replace(_XML_ILLEGAL, "", regex=True)
        _neutralize(df).to_excel(out, index=False, engine="openpyxl", sheet_name="data")
    elif fmt == "dta":
        _to_stata(df, out, labels or {})
    else:
        raise QueryError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
    return out


def export(store: Store, fmt: str, out: str | Path, *, track_targets: bool = False,
           **filters: Any) -> int:
    """Write the facts (or, with ``track_targets``, the tracked targets) to ``out`` in ``fmt``;
    return the number of rows. CSV and Parquet are streamed ``CHUNK_ROWS`` rows at a time;
    Excel and Stata files are built whole (an Excel sheet holds at most ~1M rows anyway)."""
    if fmt not in FORMATS:
        raise QueryError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
    if track_targets:
        records = track_records(store, region=filters.get("region"), indicator=filters.get("indicator"))
        labels = TRACK_COLUMNS
    else:
        records = fact_records(store, **filters)
        labels = FACT_COLUMNS
    if fmt in ("csv", "parquet"):
        return write_frames(frames(records, labels), fmt, out)
    df = _frame(list(records), labels)
    write_frame(df, fmt, out, labels)
    return len(df)
