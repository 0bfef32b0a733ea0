"""Reviewers' corrections in the store: add, apply (facts_effective, tracking, exports), keep
across re-ingest, export/import round trip, and refuse what is malformed."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from test_compact import v6_copy
from test_store_support import fact, make_report

from govreport.cli import cli
from govreport.errors import CorrectionError, StoreError
from govreport.export import export
from govreport.store import SCHEMA_VERSION, open_store
from govreport.store.corrections import (
    add_correction,
    apply_to_report,
    effective_facts,
    export_corrections,
    import_corrections,
    list_corrections,
)
from govreport.store.ingest import ingest
from govreport.tracking import compare, track

EXAMPLE = Path(__file__).resolve().parents[1] / "govreport" / "examples" / "pingdingshan_2020.txt"


def _two_years(path: Path):
    """A target for 2021 (6% or more) and its outcome (5.5%) a year later: missed."""
    s = open_store(path)
    s.write_report(make_report("gs_2021", "甘肃省", 2021, [
        fact("target", "2021", "gdp", "growth", 6.0, "%", "min", "全省生产总值增长6%以上。", "6%以上"),
        fact("target", "2021", "cpi", "growth", 3.0, "%", "max", "居民消费价格涨幅3%以内。", "3%以内"),
    ], admin_code="620000"), sha256="1" * 64)
    s.write_report(make_report("gs_2022", "甘肃省", 2022, [
        fact("actual", "2021", "gdp", "growth", 5.5, "%", "exact", "全省生产总值增长5.5%。", "5.5%"),
    ], admin_code="620000", extra="居民消费价格上涨2.1%。"), sha256="2" * 64)
    return s


def _fact(store, report_id: str, indicator: str) -> dict:
    return next(f for f in store.facts(report_id=report_id) if f["indicator"] == indicator)


def _track(store, indicator: str) -> dict:
    return next(r.to_dict() for r in track(store) if r.indicator == indicator and r.verdict != "no_target")


def test_an_edit_changes_the_value_tracking_sees_and_says_so(tmp_path):
    s = _two_years(tmp_path / "t.db")
    assert _track(s, "gdp")["verdict"] == "missed"
    outcome = _fact(s, "gs_2022", "gdp")
    c = add_correction(s, "gs_2022", "edit", *outcome["span"], indicator="gdp", fields={"value": "6.1"},
                       who="王审校", why="原文为6.1%")
    assert c["fields"] == {"value": 6.1} and c["who"] == "王审校" and c["why"] == "原文为6.1%"
    assert c["evidence"] == "5.5%" and c["reports"] == ["gs_2022"]
    row = _track(s, "gdp")
    assert (row["verdict"], row["outcome_value"], row["outcome_corrected"], row["target_corrected"]) == \
        ("met", 6.1, True, False)
    # the facts table itself is as extracted; only the effective view changed
    assert _fact(s, "gs_2022", "gdp")["value"] == 5.5
    eff = [f for f in effective_facts(s) if f["report_id"] == "gs_2022"]
    assert [(f["value"], f["corrected"]) for f in eff] == [(6.1, True)]
    # the region page's series too
    (point,) = [p for p in s.region_series("甘肃省") if p["kind"] == "actual" and p["indicator"] == "gdp"]
    assert point["value"] == 6.1
    # an untouched report reads the same through the view as from the table
    assert effective_facts(s, report_id="gs_2021") == [
        {**f, "corrected": False, "correction_id": None} for f in s.facts(report_id="gs_2021")]


def test_edits_merge_and_the_latest_correction_wins(tmp_path):
    s = _two_years(tmp_path / "t.db")
    t = _fact(s, "gs_2021", "gdp")
    add_correction(s, "gs_2021", "edit", *t["span"], indicator="gdp", fields={"value": 6.5}, who="a")
    add_correction(s, "gs_2021", "edit", *t["span"], indicator="gdp", fields={"bound": "approx"}, who="b")
    (eff,) = effective_facts(s, report_id="gs_2021", indicator="gdp")
    assert (eff["value"], eff["bound"]) == (6.5, "approx")
    add_correction(s, "gs_2021", "mark_wrong", *t["span"], indicator="gdp", who="c", why="not a target")
    assert effective_facts(s, report_id="gs_2021", indicator="gdp") == []
    assert all(r.indicator != "gdp" for r in track(s))
    # an edit after the mark takes the fact back
    add_correction(s, "gs_2021", "edit", *t["span"], indicator="gdp", fields={"kind": "target"}, who="d")
    (eff,) = effective_facts(s, report_id="gs_2021", indicator="gdp")
    assert (eff["value"], eff["bound"], eff["corrected"]) == (6.5, "approx", True)
    assert [c["action"] for c in list_corrections(s, "gs_2021")] == ["edit", "edit", "mark_wrong", "edit"]
    assert list_corrections(s, "gs_2022") == []


def test_an_added_fact_is_a_fact_everywhere(tmp_path):
    s = _two_years(tmp_path / "t.db")
    assert _track(s, "cpi")["verdict"] == "not_reported"
    text = s.report_text("gs_2022")
    start = text.index("居民消费价格上涨2.1%")
    end = start + len("居民消费价格上涨2.1%")
    c = add_correction(s, "gs_2022", "add", start, end, who="李", why="漏提",
                       fields={"kind": "actual", "period": "2021", "indicator": "cpi", "measure": "growth",
                               "value": 2.1, "unit": "%", "bound": "exact"})
    assert c["indicator"] == "cpi" and c["evidence"] == "居民消费价格上涨2.1%"
    (added,) = [f for f in effective_facts(s, report_id="gs_2022") if f["indicator"] == "cpi"]
    assert added["id"] < 0 and added["corrected"] and added["evidence"] == "居民消费价格上涨2.1%"
    assert added["sentence"] == "居民消费价格上涨2.1%。" and added["section"] == "s1" and added["role"] == "review"
    assert (added["region"], added["report_year"], added["period_start"]) == ("甘肃省", 2022, 2021)
    row = _track(s, "cpi")
    assert (row["verdict"], row["outcome_value"], row["outcome_corrected"]) == ("met", 2.1, True)
    # an added fact can itself be corrected, and marked wrong
    add_correction(s, "gs_2022", "edit", start, end, indicator="cpi", fields={"value": 3.4}, who="张")
    assert _track(s, "cpi")["verdict"] == "missed"
    add_correction(s, "gs_2022", "mark_wrong", start, end, indicator="cpi", who="张")
    assert _track(s, "cpi")["verdict"] == "not_reported"


def test_compare_and_the_exports_read_corrected_facts(tmp_path):
    s = _two_years(tmp_path / "t.db")
    t = _fact(s, "gs_2021", "gdp")
    add_correction(s, "gs_2021", "edit", *t["span"], indicator="gdp", fields={"value": 7}, who="a")
    assert [(r.value, r.corrected) for r in compare(s, 2021, "gdp")] == [(7.0, True)]
    export(s, "csv", tmp_path / "facts.csv")
    df = pd.read_csv(tmp_path / "facts.csv")
    got = df[df["indicator"] == "gdp"].set_index("report_id")[["value", "corrected"]].to_dict("index")
    assert got == {"gs_2021": {"value": 7.0, "corrected": 1}, "gs_2022": {"value": 5.5, "corrected": 0}}
    export(s, "csv", tmp_path / "track.csv", track_targets=True)
    tr = pd.read_csv(tmp_path / "track.csv")
    gdp = tr[tr["indicator"] == "gdp"].iloc[0]
    assert (gdp["target_value"], gdp["target_corrected"], gdp["outcome_corrected"]) == (7.0, 1, 0)


def test_refused_corrections(tmp_path):
    s = _two_years(tmp_path / "t.db")
    t = _fact(s, "gs_2021", "gdp")
    start, end = t["span"]
    bad = [
        dict(action="edit", fields={"kind": "wish"}),
        dict(action="edit", fields={"indicator": "no_such_indicator"}),
        dict(action="edit", fields={"value": "abc"}),
        dict(action="edit", fields={"value": "nan"}),
        dict(action="edit", fields={"value": 5, "value_max": 4}),
        dict(action="edit", fields={"period": "soon"}),
        dict(action="edit", fields={"colour": "red"}),
        dict(action="edit", fields={}),
        dict(action="edit", fields={"value": 1}, indicator="cpi"),  # no such fact at that span
        dict(action="add", fields={"kind": "target", "value": 1}),  # missing measure, unit, bound
        dict(action="delete"),
    ]
    for case in bad:
        with pytest.raises(CorrectionError):
            add_correction(s, "gs_2021", case["action"], start, end, indicator=case.get("indicator", "gdp"),
                           fields=case.get("fields"), who="x")
    with pytest.raises(CorrectionError, match="who"):
        add_correction(s, "gs_2021", "mark_wrong", start, end, indicator="gdp", who="  ")
    with pytest.raises(CorrectionError, match="span"):
        add_correction(s, "gs_2021", "mark_wrong", 5, 10**6, indicator="gdp", who="x")
    with pytest.raises(CorrectionError, match="no report"):
        add_correction(s, "nope", "mark_wrong", start, end, indicator="gdp", who="x")
    assert list_corrections(s) == []
    s.close()
    ro = open_store(tmp_path / "t.db", readonly=True)
    with pytest.raises(StoreError, match="read-only"):
        add_correction(ro, "gs_2021", "mark_wrong", start, end, indicator="gdp", who="x")


# -- re-ingest, export/import ---------------------------------------------------------------------
def _ingest(db: Path, *files: Path):
    s = open_store(db)
    result = ingest(s, list(files), jobs=1)
    assert not result.failed
    return s


def _correct_example(s) -> tuple[dict, dict]:
    rid = s.list_reports()[0]["id"]
    targets = [f for f in s.facts(report_id=rid, kind="target") if f["indicator"]]
    edited, wrong = targets[0], targets[1]
    add_correction(s, rid, "edit", *edited["span"], indicator=edited["indicator"],
                   fields={"value": edited["value"] + 1, "period": "2020"}, who="审校员", why="核对原文")
    add_correction(s, rid, "mark_wrong", *wrong["span"], indicator=wrong["indicator"], who="审校员")
    text = s.report_text(rid)
    start = text.index("粮食")
    add_correction(s, rid, "add", start, start + 2, who="=SUM(A1)", why="+1 missed",
                   fields={"kind": "actual", "measure": "level", "value": 1, "unit": "吨", "bound": "exact"})
    return edited, wrong


def _effective(s) -> list[tuple]:
    return sorted((f["report_id"], tuple(f["span"]), f["kind"], f["indicator"], f["value"], f["bound"],
                   f["period"], f["corrected"]) for f in effective_facts(s))


def test_corrections_survive_re_ingest_of_the_same_text(tmp_path):
    src = tmp_path / "src" / EXAMPLE.name
    src.parent.mkdir()
    shutil.copy(EXAMPLE, src)
    s = _ingest(tmp_path / "r.db", src)
    edited, _wrong = _correct_example(s)
    before = _effective(s)
    assert len(before) == len(s.facts())  # one marked wrong, one added
    rid = edited["report_id"]
    # the report deleted and ingested again: new rows, the same text, the same corrections
    s.delete_report(rid)
    assert effective_facts(s) == []
    assert ingest(s, [src], jobs=1).added == [rid]
    assert _effective(s) == before
    # the file edited without changing its text (CRLF line ends): replaced, and still corrected
    src.write_bytes(EXAMPLE.read_bytes().replace(b"\n", b"\r\n"))
    result = ingest(s, [src], jobs=1)
    assert result.replaced == [rid]
    assert _effective(s) == before
    assert len(list_corrections(s)) == 3


@pytest.mark.parametrize("suffix", ["jsonl", "csv"])
def test_export_import_round_trip(tmp_path, suffix):
    a = _ingest(tmp_path / "a.db", EXAMPLE)
    _correct_example(a)
    out = tmp_path / f"corrections.{suffix}"
    assert export_corrections(a, out) == 3
    if suffix == "csv":  # a formula-like cell is quoted in the file, and read back as it was
        assert "'=SUM(A1)" in out.read_text(encoding="utf-8")
    # a fresh database of the same report: the import reproduces every corrected fact
    b = _ingest(tmp_path / "b.db", EXAMPLE)
    result = import_corrections(b, out)
    assert (result.added, result.duplicates, result.pending, result.problems) == (3, 0, 0, ())
    assert _effective(b) == _effective(a)
    strip = [{k: v for k, v in c.items() if k != "id"} for c in list_corrections(a)]
    assert [{k: v for k, v in c.items() if k != "id"} for c in list_corrections(b)] == strip
    again = import_corrections(b, out)
    assert (again.added, again.duplicates) == (0, 3)
    # a database without the report keeps them until it is ingested
    c = open_store(tmp_path / "c.db")
    assert import_corrections(c, out).pending == 3
    assert effective_facts(c) == []
    ingest(c, [EXAMPLE], jobs=1)
    assert _effective(c) == _effective(a)


def test_import_names_bad_rows_and_skips_them(tmp_path):
    a = _ingest(tmp_path / "a.db", EXAMPLE)
    _correct_example(a)
    out = tmp_path / "c.jsonl"
    export_corrections(a, out)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    rows[0]["evidence"] = "不是原文"
    rows[1]["action"] = "delete"
    rows.append({"text_sha256": "z" * 64})
    out.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    b = _ingest(tmp_path / "b.db", EXAMPLE)
    result = import_corrections(b, out)
    assert result.added == 1 and len(result.problems) == 3
    assert result.problems[0].startswith("line 1: the stored text")
    (tmp_path / "x.txt").write_text("x", encoding="utf-8")
    with pytest.raises(CorrectionError, match="jsonl"):
        import_corrections(b, tmp_path / "x.txt")


def test_apply_to_report_agrees_with_the_view(tmp_path):
    s = _ingest(tmp_path / "a.db", EXAMPLE)
    edited, wrong = _correct_example(s)
    report = apply_to_report(s, s.get_report(edited["report_id"]))
    shown = sorted((edited["report_id"], tuple(f["span"]), f["kind"], f["indicator"], f["value"], f["bound"],
                    f["period"], bool(f.get("corrected"))) for f in report["facts"] if not f.get("wrong"))
    assert shown == _effective(s)
    flagged = {tuple(f["span"]): f for f in report["facts"] if f.get("corrected")}
    assert flagged[tuple(wrong["span"])]["wrong"] is True
    e = flagged[tuple(edited["span"])]
    assert e["correction"]["who"] == "审校员" and e["correction"]["why"] == "核对原文"
    assert e["correction"]["original"]["value"] == edited["value"]
    assert next(f for f in report["facts"] if f.get("added"))["correction"]["who"] == "=SUM(A1)"


def test_a_version_4_database_is_migrated_with_text_hashes(tmp_path):
    db = v6_copy(tmp_path)  # a database of the version-6 layout, taken back to version 4
    conn = sqlite3.connect(db)
    conn.executescript("DROP VIEW facts_effective; DROP VIEW corrections_current; DROP TABLE corrections; "
                       "DROP INDEX reports_text_sha256; ALTER TABLE reports DROP COLUMN text_sha256; "
                       "PRAGMA user_version = 4;")
    conn.close()
    ro = open_store(db, readonly=True)  # not migrated: the facts as extracted
    assert len(effective_facts(ro)) == len(ro.facts()) and list_corrections(ro) == []
    ro.close()
    s = open_store(db)
    (row,) = s.rows("SELECT text, text_sha256 FROM reports")
    assert row["text_sha256"] == hashlib.sha256(row["text"].encode("utf-8")).hexdigest()
    assert s.rows("PRAGMA user_version")[0]["user_version"] == SCHEMA_VERSION
    assert list_corrections(s) == []
    _correct_example(s)
    assert len(list_corrections(s)) == 3


def test_cli_corrections_add_list_export_import(tmp_path):
    db = tmp_path / "a.db"
    s = _ingest(db, EXAMPLE)
    f = next(x for x in s.facts(kind="target") if x["indicator"])
    s.close()
    run = CliRunner().invoke
    r = run(cli, ["corrections", "add", "--db", str(db), "--report", f["report_id"], "--action", "edit",
                  "--start", str(f["span"][0]), "--end", str(f["span"][1]), "--indicator", f["indicator"],
                  "--set", "value=99", "--who", "cli", "--why", "test"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["fields"] == {"value": 99.0}
    r = run(cli, ["corrections", "add", "--db", str(db), "--report", f["report_id"], "--action", "edit",
                  "--start", "0", "--end", "1", "--set", "value=1", "--who", "cli"])
    assert r.exit_code == 1 and "no fact at 0-1" in r.output
    r = run(cli, ["corrections", "list", "--db", str(db)])
    assert r.exit_code == 0 and len(r.output.splitlines()) == 1
    out = tmp_path / "c.csv"
    r = run(cli, ["corrections", "export", "--db", str(db), "--out", str(out)])
    assert r.exit_code == 0 and "wrote 1 corrections" in r.output
    other = tmp_path / "b.db"
    _ingest(other, EXAMPLE).close()
    r = run(cli, ["corrections", "import", "--db", str(other), str(out)])
    assert r.exit_code == 0 and "imported 1 corrections, 0 already present, 0 skipped" in r.output
    with open_store(other, readonly=True) as b:
        assert [x["value"] for x in effective_facts(b) if x["corrected"]] == [99.0]
