"""`govreport export` done fully: every table, the filters of `facts`, standard output, short
region names, empty results, and the codebook beside every file (every column, every value)."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json

import pandas as pd
import pytest
from click.testing import CliRunner
from test_store_support import fact, make_report

from govreport import codebook as cb
from govreport.cli import cli
from govreport.cli.common import expand_paths
from govreport.errors import NothingMatchesError, QueryError
from govreport.export import TABLES, export, read_export, table_frame
from govreport.lexicons import data_path, indicators
from govreport.model import Bound, Kind, Level, Measure, Role
from govreport.tracking import VERDICTS


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    from govreport.store import open_store

    path = tmp_path_factory.mktemp("tables") / "t.db"
    with open_store(path) as s:
        first = make_report("gs_2021", "甘肃省", 2021, [
            fact("target", "2021", "gdp", "growth", 6.0, "%", "min", "全省生产总值增长6%以上。", "6%以上"),
            fact("actual", "2020", "grain_output", "level", 1.2e7, "吨", "exact", "粮食总产量240亿斤。", "240亿斤"),
        ], admin_code="620000", extra="新建高标准农田22万亩，实现两不愁三保障。")
        doc = dataclasses.replace(first.doc, title="2021年甘肃省政府工作报告", date="2021-01-25")
        s.write_report(dataclasses.replace(first, doc=doc), sha256="1" * 64)
        s.write_report(make_report("gs_2022", "甘肃省", 2022, [
            fact("actual", "2021", "gdp", "growth", 6.9, "%", "exact", "全省生产总值增长6.9%。", "6.9%"),
        ], admin_code="620000"), sha256="2" * 64)
        s.write_report(make_report("hn_2022", "河南省", 2022, [
            fact("target", "2022", "gdp", "growth", 7.0, "%", "approx", "生产总值增长7%左右。", "7%左右"),
        ], admin_code="410000"), sha256="3" * 64)
        s.write_report(make_report("hb_2022", "河北省", 2022, [], admin_code="130000"), sha256="4" * 64)
    return path


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.mark.parametrize("table", TABLES)
def test_every_table_exports_with_a_codebook_for_every_column(db, tmp_path, table):
    out = tmp_path / f"{table}.csv"
    extra = ["--dict", "rural_poverty"] if table == "attention" else []
    res = run("export", "--db", str(db), "--table", table, "--out", str(out), *extra)
    assert res.exit_code == 0, res.output
    df = read_export(out)
    assert len(df) > 0
    book = json.loads(out.with_name(f"{table}.codebook.json").read_text(encoding="utf-8"))
    assert [c["name"] for c in book["columns"]] == list(df.columns)  # every exported column, in order
    md = out.with_name(f"{table}.codebook.md").read_text(encoding="utf-8")
    for c in book["columns"]:
        assert f"| `{c['name']}` |" in md and c["type"] in {"string", "integer", "float", "boolean"}
        if "values" in c:  # every value in the data is documented
            assert set(df[c["name"]].dropna().astype(str)) <= set(c["values"]), c["name"]
    assert book["govreport_version"] and {i["id"] for i in book["indicators"]} == set(indicators())


def test_a_column_without_an_entry_fails():
    with pytest.raises(QueryError, match="no codebook entry"):
        cb.codebook(["region", "brand_new_column"], table="facts")
    with pytest.raises(QueryError, match="no codebook entry"):
        cb.write_codebook("/nonexistent/x.csv", ["made_up"], table="facts")


def test_codebook_enums_come_from_the_model():
    for enum, model in (("kind", Kind), ("measure", Measure), ("bound", Bound), ("level", Level),
                        ("role", Role)):
        assert set(cb.ENUMS[enum]) == {str(v) for v in model}, enum
    assert set(cb.ENUMS["verdict"]) == set(VERDICTS)
    money = cb.column("value")
    assert "元 (not 亿元)" in money.description


def test_codebook_names_every_lexicon_with_its_hash():
    lexicons = {x["file"]: x for x in cb.lexicon_versions()}
    assert {"indicators.tsv", "cues.yaml", "topics/environment.yaml"} <= set(lexicons)
    body = data_path("topics/environment.yaml").read_bytes()
    assert lexicons["topics/environment.yaml"]["sha256"] == hashlib.sha256(body).hexdigest()
    assert lexicons["topics/environment.yaml"]["version"] == "1.0.0"


def test_facts_export_keeps_every_column(db):
    from govreport.store import open_store

    with open_store(db, readonly=True) as s:
        df = table_frame(s, "facts")
    assert {"seq", "rank_of", "report_date", "report_title", "source_path", "period_source", "checks",
            "sentence_start", "indicator_start"} <= set(df.columns)
    first = df.iloc[0]
    assert (first["report_title"], first["report_date"]) == ("2021年甘肃省政府工作报告", "2021-01-25")
    assert first["source_path"] == "gs_2021.txt"
    assert list(df["seq"]) == [0, 1, 0, 0]


def test_export_filters_like_facts(db, tmp_path):
    out = tmp_path / "f.csv"
    for args, n in ((["--year", "2022"], 2), (["--kind", "target"], 2), (["--measure", "level"], 1),
                    (["--indicator", "gdp", "--region", "甘肃"], 2), (["--region", "410000"], 1),
                    (["--level", "province", "--kind", "actual"], 2)):
        res = run("export", "--db", str(db), "--out", str(out), *args)
        assert res.exit_code == 0 and f"wrote {n} rows" in res.output, (args, res.output)
        assert len(read_export(out)) == n
    res = run("export", "--db", str(db), "--table", "reports", "--indicator", "gdp", "--out", str(out))
    assert res.exit_code == 1 and "cannot be filtered by indicator" in res.output


def test_short_and_ambiguous_region_names(db, tmp_path):
    res = run("export", "--db", str(db), "--region", "河南", "--out", "-")
    assert res.exit_code == 0 and "河南省" in res.stdout
    res = run("export", "--db", str(db), "--region", "河", "--out", str(tmp_path / "x.csv"))
    assert res.exit_code == 1 and "ambiguous: 河北省, 河南省" in res.output
    assert not (tmp_path / "x.csv").exists()


def test_empty_result_says_so_and_fails(db, tmp_path):
    out = tmp_path / "empty.csv"
    res = run("export", "--db", str(db), "--region", "河北", "--out", str(out))
    assert res.exit_code == 1 and "no facts rows match (region=河北省)" in res.output
    assert not out.exists()
    from govreport.store import open_store

    with open_store(db, readonly=True) as s, pytest.raises(NothingMatchesError):
        export(s, "csv", out, year=1900)
    assert not out.exists()


def test_standard_output(db):
    res = run("export", "--db", str(db), "--table", "reports", "--out", "-")
    assert res.exit_code == 0
    assert not res.stdout.startswith("\ufeff")  # no BOM on a pipe unless asked
    df = pd.read_csv(io.StringIO(res.stdout), dtype={"admin_code": str})
    assert set(df["admin_code"]) == {"620000", "410000", "130000"}
    res = run("export", "--db", str(db), "--table", "reports", "--out", "-", "--bom")
    assert res.stdout.startswith("\ufeff")
    res = run("export", "--db", str(db), "--format", "parquet", "--out", "-")
    assert res.exit_code == 0 and res.stdout_bytes.startswith(b"PAR1")
    assert "--bom / --no-bom" in run("export", "--help").output and "Excel" in run("export", "--help").output


def test_csv_file_has_a_bom_unless_told(db, tmp_path):
    on, off = tmp_path / "on.csv", tmp_path / "off.csv"
    assert run("export", "--db", str(db), "--out", str(on)).exit_code == 0
    assert run("export", "--db", str(db), "--out", str(off), "--no-bom", "--no-codebook").exit_code == 0
    assert on.read_bytes().startswith(b"\xef\xbb\xbf") and not off.read_bytes().startswith(b"\xef\xbb\xbf")
    assert not (tmp_path / "off.codebook.json").exists()


def test_stata_types_and_labels(db, tmp_path):
    out = tmp_path / "t.dta"
    assert run("export", "--db", str(db), "--table", "tracking", "--format", "dta", "--out", str(out)).exit_code == 0
    raw = pd.read_stata(out, convert_categoricals=False)
    assert raw["year"].dtype == "int32" and raw["target_report_year"].dtype == "int32"
    reader = pd.io.stata.StataReader(out)
    assert set(reader.value_labels()["verdict"].values()) == set(VERDICTS)
    df = pd.read_stata(out)
    gansu = df[df["region"] == "甘肃省"].iloc[0]
    assert gansu["verdict"] == "met" and gansu["admin_code"] == "620000" and gansu["year"] == 2021
    assert set(df["verdict"]) == {"met", "no_outcome"}


def test_mht_joins_folder_scans(tmp_path):
    for name in ("a.mht", "b.mhtml", "c.txt", "d.json"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [p.name for p in expand_paths([str(tmp_path)])] == ["a.mht", "b.mhtml", "c.txt"]


def test_wide_panel_names_are_unique_stata_names():
    names = [cb.wide_name(i, m, k) for i in indicators() for m in cb.MEASURE_ABBR for k in cb.KIND_ABBR]
    assert len(set(names)) == len(names)
    assert all(len(n) <= 32 and n.isascii() and n.isidentifier() for n in names)
    assert cb.column("gdp_g_t").type == "float" and "gdp" in cb.column("gdp_g_t").description


def test_facts_command_takes_short_region_names(db):
    res = run("facts", "--db", str(db), "--region", "河南")
    assert res.exit_code == 0 and json.loads(res.stdout.splitlines()[0])["region"] == "河南省"
    res = run("facts", "--db", str(db), "--region", "河")
    assert res.exit_code == 1 and "ambiguous" in res.output


def test_datasette_metadata_describes_the_database_from_the_codebook(db):
    import sqlite3

    meta = cb.datasette_metadata(sqlite3.connect(db))
    tables = meta["databases"]["*"]["tables"]
    facts = tables["facts"]["columns"]
    assert facts["value"].startswith("数值: ") and "元 (not 亿元)" in facts["value"]
    assert facts["start"].startswith("起始位置") and "id" not in facts
    assert tables["tasks"]["columns"]["kind"].startswith("任务类型")
    assert set(tables) >= {"reports", "facts", "tasks", "slogans"}
    json.dumps(meta, ensure_ascii=False)
