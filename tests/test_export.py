"""Exports read back with pandas / pyarrow: CSV, Parquet, XLSX, Stata .dta."""

from __future__ import annotations

import pandas as pd
import pyarrow.parquet as pq
import pytest
from test_store_support import fact, make_report

from govreport.errors import QueryError
from govreport.export import FORMATS, STATA_STR_MAX, export, facts_frame

LONG = "粮食" * 1500  # a sentence longer than a Stata string may be


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from govreport.store import open_store

    s = open_store(tmp_path_factory.mktemp("export") / "e.db")
    s.write_report(make_report("gs_2021", "甘肃省", 2021, [
        fact("target", "2021", "gdp", "growth", 6.0, "%", "min", "全省生产总值增长6%以上。", "6%以上"),
        fact("actual", "2020", "grain_output", "level", 1.2e7, "吨", "exact", "粮食总产量240亿斤。" + LONG,
             "240亿斤"),
        fact("actual", "2020", None, "change", 1.5, "个百分点", "exact", "提高1.5个百分点。\x0b", "1.5个百分点"),
    ], admin_code="620000"), sha256="1" * 64)
    s.write_report(make_report("gs_2022", "甘肃省", 2022, [
        fact("actual", "2021", "gdp", "growth", 6.9, "%", "exact", "全省生产总值增长6.9%。", "6.9%"),
    ], admin_code="620000"), sha256="2" * 64)
    yield s
    s.close()


def _read(fmt: str, path):
    if fmt == "csv":
        return pd.read_csv(path, dtype={"admin_code": str})
    if fmt == "parquet":
        return pq.read_table(path).to_pandas()
    if fmt == "xlsx":
        return pd.read_excel(path, dtype={"admin_code": str})
    return pd.read_stata(path)


@pytest.mark.parametrize("fmt", FORMATS)
def test_fact_export_round_trip(store, tmp_path, fmt):
    out = tmp_path / f"facts.{fmt}"
    assert export(store, fmt, out) == 4
    df = _read(fmt, out)
    assert len(df) == 4
    assert all(len(c) <= 32 and c.isascii() for c in df.columns)
    first = df.iloc[0]
    assert first["region"] == "甘肃省" and str(first["admin_code"]) == "620000"
    assert first["indicator"] == "gdp" and first["indicator_name"] == "地区生产总值"
    assert float(first["value"]) == 6.0 and first["bound"] == "min" and first["unit"] == "%"
    assert first["evidence"] == "6%以上" and first["sentence"] == "全省生产总值增长6%以上。"
    assert int(first["report_year"]) == 2021 and str(first["period"]) == "2021"
    grain = df.iloc[1]
    assert float(grain["value"]) == 1.2e7 and grain["indicator_name"] == "粮食总产量"
    if fmt == "dta":
        assert len(grain["sentence"]) == STATA_STR_MAX
        labels = pd.io.stata.StataReader(out).variable_labels()
        assert labels["indicator_name"] == "指标名称"
    else:
        assert grain["sentence"].endswith(LONG)
    assert pd.isna(df.iloc[2]["indicator"]) or df.iloc[2]["indicator"] == ""
    assert df.iloc[2]["sentence"].rstrip("\x0b") == "提高1.5个百分点。"


@pytest.mark.parametrize("fmt", FORMATS)
def test_track_export_round_trip(store, tmp_path, fmt):
    out = tmp_path / f"track.{fmt}"
    assert export(store, fmt, out, track_targets=True) == 1
    row = _read(fmt, out).iloc[0]
    assert row["verdict"] == "met" and row["indicator"] == "gdp"
    assert float(row["target_value"]) == 6.0 and float(row["outcome_value"]) == 6.9
    assert float(row["gap"]) == pytest.approx(0.9)
    assert row["target_report"] == "gs_2021" and row["outcome_report"] == "gs_2022"
    assert row["outcome_evidence"] == "6.9%"


def test_too_many_rows_for_excel(store, tmp_path, monkeypatch):
    import govreport.export as export_module

    monkeypatch.setattr(export_module, "XLSX_MAX_ROWS", 3)
    with pytest.raises(QueryError, match="Excel"):
        export(store, "xlsx", tmp_path / "x.xlsx")
    assert not (tmp_path / "x.xlsx").exists()


def test_filters_and_bad_format(store, tmp_path):
    assert len(facts_frame(store, indicator="gdp")) == 2
    with pytest.raises(QueryError):
        export(store, "sav", tmp_path / "x.sav")
