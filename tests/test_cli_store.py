"""`govreport ingest | facts | search | track | compare | export` end to end on the seeds."""

from __future__ import annotations

import csv
import io
import json

import pandas as pd
import pytest
from click.testing import CliRunner
from test_store_support import SHARED

from govreport.cli import cli

SEEDS = SHARED / "seeds"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "g.db"
    result = CliRunner().invoke(cli, ["ingest", str(SEEDS), "--db", str(path), "--jobs", "2"])
    assert result.exit_code == 0, result.output
    assert "ingested 5," in result.output
    return path


def run(*args: str):
    result = CliRunner().invoke(cli, list(args))
    return result


def test_rerun_ingests_nothing(db):
    result = run("ingest", str(SEEDS), "--db", str(db))
    assert result.exit_code == 0
    assert "ingested 0, skipped 5 already stored" in result.output


def test_bad_file_is_one_line_and_exit_2(db, tmp_path):
    empty, binary, missing = tmp_path / "empty.txt", tmp_path / "binary.txt", tmp_path / "missing.txt"
    empty.write_bytes(b"")
    binary.write_bytes(bytes(range(256)) * 20)
    result = run("ingest", str(empty), str(binary), str(missing), "--db", str(db), "--jobs", "2")
    assert result.exit_code == 2
    errors = [line for line in result.output.splitlines() if line.startswith("govreport:")]
    assert len(errors) == 3
    for path, line in zip((empty, binary, missing), sorted(errors, key=lambda e: ("missing" in e, "binary" in e)),
                          strict=True):
        assert line.startswith(f"govreport: {path}: ") and line.count(str(path)) == 1


def test_facts_formats_agree(db):
    lines = run("facts", "--db", str(db)).output.splitlines()
    rows = [json.loads(line) for line in lines]
    assert len(rows) > 20
    assert any("万" in r["sentence"] or "亿" in r["sentence"] for r in rows)  # not ASCII-escaped
    assert "\\u" not in lines[0]
    targets = [json.loads(x) for x in run("facts", "--db", str(db), "--kind", "target").output.splitlines()]
    assert targets and all(r["kind"] == "target" for r in targets)
    as_csv = list(csv.DictReader(io.StringIO(run("facts", "--db", str(db), "--kind", "target", "--csv").output)))
    assert [r["evidence"] for r in as_csv] == [r["evidence"] for r in targets]
    table = run("facts", "--db", str(db), "--kind", "target", "--table").output
    assert table.count("\n") >= len(targets) and "evidence" in table


@pytest.mark.parametrize("query", ["脱贫", "高标准", "高标准农田"])
def test_search_prints_snippets(db, query):
    rows = [json.loads(x) for x in run("search", "--db", str(db), query).output.splitlines()]
    assert rows and all(f"«{query}»" in r["snippet"] for r in rows)


def test_track_compare_and_export(db, tmp_path):
    rows = [json.loads(x) for x in run("track", "--db", str(db)).output.splitlines()]
    assert rows and {r["verdict"] for r in rows} <= {"met", "missed", "no_outcome", "not_reported",
                                                       "not_comparable", "no_target"}
    out = tmp_path / "track.csv"
    assert run("export", "--db", str(db), "--format", "csv", "--out", str(out), "--track").exit_code == 0
    assert len(pd.read_csv(out)) == len(rows)
    facts = tmp_path / "facts.parquet"
    assert run("export", "--db", str(db), "--format", "parquet", "--out", str(facts)).exit_code == 0
    n_facts = len(run("facts", "--db", str(db)).output.splitlines())
    assert len(pd.read_parquet(facts)) == n_facts
    year = rows[0]["target_report_year"] if rows else 2021
    result = run("compare", "--db", str(db), "--year", str(year), "--indicator", "gdp")
    assert result.exit_code == 0


def test_missing_database_is_one_line(tmp_path):
    result = run("facts", "--db", str(tmp_path / "none.db"))
    assert result.exit_code == 1 and result.output.startswith("govreport:") and "none.db" in result.output
