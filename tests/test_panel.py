"""The panel (region × period × indicator × measure × kind): the cell rule on small stores, and
the corpus DB exported in all four formats, read back with pandas, one known cell per level."""

from __future__ import annotations

import dataclasses
import json

import pandas as pd
import pytest
from click.testing import CliRunner
from test_store_support import fact, make_report, shared_corpus_db

import govreport.panel as panel_module
from govreport.cli import cli
from govreport.codebook import wide_name
from govreport.errors import QueryError
from govreport.export import read_export
from govreport.panel import LONG_COLUMNS, panel
from govreport.store import open_store
from govreport.store.corrections import add_correction


def _report(doc_id, region, year, facts, sources, **kw):
    """make_report with each fact's period_source set (``sources``: one per fact)."""
    r = make_report(doc_id, region, year, facts, **kw)
    new = tuple(dataclasses.replace(f, period_source=s) for f, s in zip(r.facts, sources, strict=True))
    return dataclasses.replace(r, facts=new)


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    s = open_store(tmp_path_factory.mktemp("panel") / "p.db")
    s.write_report(_report("hn_2021", "河南省", 2021, [
        fact("target", "2021", "gdp", "growth", 6.0, "%", "min", "全省生产总值增长6%以上。", "6%以上"),
        fact("target", "2021", "gdp", "growth", 7.0, "%", "approx", "力争增长7%左右。", "7%左右"),
        fact("estimate", "2020", "gdp", "growth", 1.5, "%", "approx", "预计全年增长1.5%左右。", "1.5%左右"),
        fact("actual", "2020", "grain_output", "level", 6.0e7, "吨", "min", "粮食产量突破1200亿斤。", "1200亿斤"),
        fact("actual", "2020", "grain_output", "level", 6.8e7, "吨", "exact", "粮食产量1365.16亿斤。",
             "1365.16亿斤"),
        fact("actual", "2020", "grain_output", "level", 90.0, "%", "exact", "粮食产量占90%。", "90%"),
    ], ["report", "sentence", "sentence", "report", "report", "report"], admin_code="410000"), sha256="1" * 64)
    s.write_report(_report("hn_2022", "河南省", 2022, [
        fact("actual", "2020", "gdp", "growth", 1.3, "%", "exact", "2020年生产总值增长1.3%。", "1.3%"),
        fact("target", "2021", "gdp", "growth", 6.0, "%", "min", "去年预期目标6%以上。", "6%以上"),
        fact("actual", "2021", "gdp", "growth", 6.3, "%", "exact", "全省生产总值增长6.3%。", "6.3%"),
    ], ["sentence", "sentence", "report"], admin_code="410000"), sha256="2" * 64)
    s.write_report(_report("zz_2021", "郑州市", 2021, [
        fact("target", "2021", "gdp", "growth", 7.0, "%", "approx", "生产总值增长7%左右。", "7%左右"),
    ], ["passage"], level="city", admin_code="410100", province="河南省", city="郑州市"), sha256="3" * 64)
    yield s
    s.close()


def _cell(df, region, period, indicator, measure, kind):
    kinds = ("target",) if kind == "target" else ("actual", "estimate")
    rows = df[(df["region"] == region) & (df["period"] == period) & (df["indicator"] == indicator)
              & (df["measure"] == measure) & (df["kind"].isin(kinds))]
    assert len(rows) == 1, rows
    return rows.iloc[0]


def test_long_panel_has_one_row_per_cell(small):
    df = panel(small)
    assert tuple(df.columns) == LONG_COLUMNS
    keys = ["region", "period", "indicator", "measure", "kind"]
    assert not df.duplicated(keys).any()
    assert str(df["region_code"].dtype).startswith("string") and str(df["n_mentions"].dtype) == "Int64"
    city = _cell(df, "郑州市", "2021", "gdp", "growth", "target")
    assert (city["level"], city["parent"], city["region_code"]) == ("city", "河南省", "410100")
    assert _cell(df, "河南省", "2021", "gdp", "growth", "target")["parent"] == "全国"


def test_target_rule_stated_period_then_plan_year_report(small):
    cell = _cell(panel(small), "河南省", "2021", "gdp", "growth", "target")
    # the stated 7% (sentence) beats the inferred 6% of the same report; the 2022 report's stated
    # restatement of 6% is a later report, so the plan-year report's stated figure wins
    assert (cell["value"], cell["bound"], cell["report_id"]) == (7.0, "approx", "hn_2021")
    assert cell["n_mentions"] == 3 and cell["n_reports"] == 2 and bool(cell["conflict"])
    others = cell["conflict_values"].split(" | ")
    assert len(others) == 2 and all(o.startswith("6 % target hn_202") for o in others)
    text = small.report_text("hn_2021")
    assert text[cell["span_start"]:cell["span_end"]] == cell["evidence"] == "7%左右"


def test_outcome_rule_actual_of_the_later_report_beats_the_estimate(small):
    cell = _cell(panel(small), "河南省", "2020", "gdp", "growth", "outcome")
    assert (cell["kind"], cell["value"], cell["report_id"]) == ("actual", 1.3, "hn_2022")
    assert bool(cell["conflict"]) and "1.5 % estimate hn_2021@" in cell["conflict_values"]
    # the estimate alone when asked for estimates only
    only = _cell(panel(small, kind="estimate"), "河南省", "2020", "gdp", "growth", "outcome")
    assert only["value"] == 1.5 and not only["conflict"]


def test_outcome_rule_default_unit_then_exact_figure(small):
    cell = _cell(panel(small), "河南省", "2020", "grain_output", "level", "outcome")
    assert (cell["value"], cell["unit"], cell["bound"]) == (6.8e7, "吨", "exact")
    assert "60000000 吨 actual hn_2021@" in cell["conflict_values"] and "90 %" in cell["conflict_values"]


def test_agreeing_mentions_are_no_conflict(small):
    cell = _cell(panel(small, region="郑州"), "郑州市", "2021", "gdp", "growth", "target")
    assert cell["n_mentions"] == 1 and not cell["conflict"] and pd.isna(cell["conflict_values"])


def test_filters(small):
    assert set(panel(small, region="河南")["region"]) == {"河南省"}
    assert set(panel(small, region="410100")["region"]) == {"郑州市"}
    assert set(panel(small, year=2020)["period"]) == {"2020"}
    assert set(panel(small, kind="outcome")["kind"]) == {"actual"}
    assert set(panel(small, level="city")["level"]) == {"city"}
    small.write_report(make_report("hb_2021", "河北省", 2021, []), sha256="4" * 64)
    try:
        with pytest.raises(QueryError, match="ambiguous: 河北省, 河南省"):
            panel(small, region="河")
    finally:
        small.delete_report("hb_2021")
    with pytest.raises(QueryError, match="unknown panel filter"):
        panel_module.panel(small, colour="red")


def test_wide_panel(small):
    wide = panel(small, wide=True)
    row = wide[(wide["region"] == "河南省") & (wide["period"] == "2021")].iloc[0]
    assert row[wide_name("gdp", "growth", "target")] == 7.0 and row["gdp_g_o"] == 6.3
    assert len(wide) == len(wide.drop_duplicates(["region", "period"]))
    assert all(len(c) <= 32 and c.isascii() for c in wide.columns)


def test_a_reviewers_correction_fills_the_cell(tmp_path):
    """The panel reads facts through store.corrections.fact_source: an edited value fills its
    cell and says it was corrected; a fact marked wrong leaves the cell to the next mention."""
    s = open_store(tmp_path / "c.db")
    s.write_report(_report("zz_2021", "郑州市", 2021, [
        fact("target", "2021", "gdp", "growth", 7.0, "%", "approx", "全市生产总值增长7%左右。", "7%左右"),
        fact("actual", "2020", "grain_output", "level", 6.0e5, "吨", "exact", "粮食产量12亿斤。", "12亿斤"),
        fact("actual", "2020", "grain_output", "level", 6.2e5, "吨", "exact", "粮食总产12.4亿斤。", "12.4亿斤"),
    ], ["report", "report", "report"], admin_code="410100"), sha256="3" * 64)
    gdp, grain, _ = s.facts(region="郑州市")
    assert not _cell(panel(s), "郑州市", "2021", "gdp", "growth", "target")["corrected"]
    add_correction(s, "zz_2021", "edit", *gdp["span"], indicator="gdp", fields={"value": 7.5}, who="test")
    add_correction(s, "zz_2021", "mark_wrong", *grain["span"], indicator="grain_output", who="test")
    edited = _cell(panel(s), "郑州市", "2021", "gdp", "growth", "target")
    assert (edited["value"], bool(edited["corrected"])) == (7.5, True)
    assert _cell(panel(s), "郑州市", "2020", "grain_output", "level", "outcome")["value"] == 6.2e5


# -- the corpus DB ---------------------------------------------------------------------------------

#: one known cell per level: (region, period, indicator, measure, kind, value, bound, code, parent)
KNOWN = [
    ("全国", "2021", "gdp", "growth", "target", 6.0, "min", None, None),
    ("河南省", "2026", "gdp", "growth", "target", 5.0, "approx", "410000", "全国"),
    ("平顶山市", "2020", "gdp", "growth", "target", 7.0, "approx", "410400", "河南省"),
    ("民权县", "2021", "gdp", "growth", "target", 8.0, "approx", "411421", "商丘市"),
    ("全国", "2021", "gdp", "growth", "outcome", 8.1, "exact", None, None),
]


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory):
    return shared_corpus_db(tmp_path_factory)


def _read(fmt, path):
    if fmt == "dta":
        return pd.read_stata(path)
    if fmt == "parquet":
        return pd.read_parquet(path)
    # codes stay strings: read with the codebook's types (pandas alone guesses 410000 is a number)
    types = {c["name"]: c["type"] for c in json.loads(path.with_suffix(".codebook.json").read_text("utf-8"))["columns"]}
    dtype = {c: "string" for c, t in types.items() if t == "string"}
    df = pd.read_csv(path, dtype=dtype) if fmt == "csv" else pd.read_excel(path, dtype=dtype)
    pd.testing.assert_frame_equal(df.astype(object).where(df.notna(), None),
                                  read_export(path).astype(object).where(read_export(path).notna(), None),
                                  check_dtype=False)
    return df


@pytest.mark.parametrize("fmt", ["csv", "parquet", "xlsx", "dta"])
def test_corpus_panel_in_every_format(corpus_db, tmp_path, fmt):
    out = tmp_path / f"panel.{fmt}"
    res = CliRunner().invoke(cli, ["panel", "--db", str(corpus_db), "--format", fmt, "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert out.with_suffix(".codebook.json").is_file() and out.with_suffix(".codebook.md").is_file()
    df = _read(fmt, out)
    assert list(df.columns) == list(LONG_COLUMNS) and len(df) > 1000
    assert set(df["level"].astype(str)) >= {"national", "province", "city", "county"}
    for region, period, ind, measure, kind, value, bound, code, parent in KNOWN:
        cell = _cell(df, region, period, ind, measure, kind)
        assert float(cell["value"]) == value and str(cell["bound"]) == bound, (region, ind)
        assert (None if pd.isna(cell["region_code"]) or cell["region_code"] == "" else cell["region_code"]) == code
        assert (None if pd.isna(cell["parent"]) or cell["parent"] == "" else cell["parent"]) == parent
        assert int(cell["report_year"]) >= int(period[:4])
    # the 2016 national deficit 2.18万亿元 and its central and local parts: three ids, no conflict
    deficit = _cell(df, "全国", "2016", "deficit", "level", "target")
    assert float(deficit["value"]) == 2.18e12 and not bool(deficit["conflict"])
    assert float(_cell(df, "全国", "2016", "central_deficit", "level", "target")["value"]) == 1.4e12
    assert float(_cell(df, "全国", "2016", "local_deficit", "level", "target")["value"]) == 7.8e11
    if fmt == "csv":
        assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # a BOM for Excel
        assert df["region_code"].dropna().map(type).eq(str).all()
    if fmt == "xlsx":
        assert df["region_code"].dropna().str.fullmatch(r"\d{6}").all()
    if fmt == "dta":
        reader = pd.io.stata.StataReader(out)
        labels = reader.value_labels()
        assert set(labels) >= {"kind", "measure", "bound", "level", "period_source"}
        assert set(labels["kind"].values()) == {"target", "actual", "estimate"}
        reader = pd.io.stata.StataReader(out)
        assert reader.data_label.startswith("govreport") and reader.variable_labels()["value"] == "数值"
        raw = pd.read_stata(out, convert_categoricals=False)
        assert raw["report_year"].dtype == "int32" and raw["span_start"].dtype == "int32"


def test_corpus_wide_panel_in_stata(corpus_db, tmp_path):
    out = tmp_path / "wide.dta"
    res = CliRunner().invoke(cli, ["panel", "--db", str(corpus_db), "--wide", "--format", "dta", "--out", str(out)])
    assert res.exit_code == 0, res.output
    df = pd.read_stata(out)
    row = df[(df["region"] == "全国") & (df["period"] == "2021")].iloc[0]
    assert row["gdp_g_t"] == 6.0 and row["gdp_g_o"] == 8.1
    book = json.loads(out.with_suffix(".codebook.json").read_text(encoding="utf-8"))
    assert [c["name"] for c in book["columns"]] == list(df.columns)


def test_panel_to_stdout_and_empty_result(corpus_db):
    runner = CliRunner()
    res = runner.invoke(cli, ["panel", "--db", str(corpus_db), "--region", "全国", "--indicator", "gdp",
                              "--year", "2021", "--kind", "target"])
    assert res.exit_code == 0, res.output
    lines = [x for x in res.stdout.splitlines() if x]
    assert lines[0].startswith("region,region_code,level") and len(lines) == 2  # no BOM on a pipe
    assert ",6.0,,%,min," in lines[1]
    res = runner.invoke(cli, ["panel", "--db", str(corpus_db), "--region", "火星"])
    assert res.exit_code == 1 and "no panel rows match" in res.output
