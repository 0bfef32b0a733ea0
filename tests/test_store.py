"""The store on hand-made reports: round trip, facets, replace, read-only, schema, search."""

from __future__ import annotations

import sqlite3

import pytest
from test_store_support import SHARED, fact, make_report

from govreport.errors import QueryError, StoreError
from govreport.store import SCHEMA_VERSION, fulltext, open_store, schema
from govreport.store.db import period_bounds

GDP_TARGET = fact("target", "2021", "gdp", "growth", 8.0, "%", "approx",
                  "今年全省生产总值增长8%左右，新建高标准农田22万亩。", "8%左右")
GDP_ACTUAL = fact("actual", "2020", "gdp", "growth", 3.6, "%", "exact",
                  "全省生产总值增长3.6%，巩固“两不愁三保障”成果，脫貧人口穩定增收。", "3.6%")


@pytest.fixture()
def store(tmp_path):
    s = open_store(tmp_path / "t.db")
    s.write_report(make_report("henan_2021", "河南省", 2021, [GDP_TARGET, GDP_ACTUAL], admin_code="410000"),
                   sha256="a" * 64, size=100)
    s.write_report(make_report("hebei_2021", "河北省", 2021, [GDP_ACTUAL], admin_code="130000"),
                   sha256="b" * 64, size=90)
    s.write_report(make_report("hebei_2022", "河北省", 2022, [], admin_code="130000"), sha256="c" * 64)
    yield s
    s.close()


def test_get_report_round_trips_the_json_contract(store):
    report = make_report("henan_2021", "河南省", 2021, [GDP_TARGET, GDP_ACTUAL], admin_code="410000")
    got = store.get_report("henan_2021")
    want = report.to_dict()
    assert got["text"] == want["text"]
    for key in ("sections", "tasks", "slogans"):
        assert got[key] == want[key], key
    assert len(got["facts"]) == 2
    for g, w in zip(got["facts"], want["facts"], strict=True):
        assert {k: g[k] for k in w} == w
        assert got["text"][g["span"][0]:g["span"][1]] in ("8%左右", "3.6%")
    assert {k: got["doc"][k] for k in ("id", "region", "admin_code", "level", "report_year", "partial")} == {
        "id": "henan_2021", "region": "河南省", "admin_code": "410000", "level": "province",
        "report_year": 2021, "partial": False}
    assert got["source"]["sha256"] == "a" * 64 and got["source"]["size"] == 100
    assert got["source"]["ingested_at"]


@pytest.mark.parametrize(("filters", "ids"), [
    ({}, ["hebei_2021", "henan_2021", "hebei_2022"]),
    ({"region": "河北省"}, ["hebei_2021", "hebei_2022"]),
    ({"region": "410000"}, ["henan_2021"]),
    ({"year": 2022}, ["hebei_2022"]),
    ({"level": "county"}, []),
])
def test_list_reports_filters(store, filters, ids):
    assert [r["id"] for r in store.list_reports(**filters)] == ids


def test_unknown_filter_is_a_query_error(store):
    with pytest.raises(QueryError):
        store.list_reports(colour="red")
    with pytest.raises(QueryError):
        store.get_report("nope")


def test_facets_count_reports(store):
    facets = store.facets()
    assert dict(facets["province"]) == {"河北省": 2, "河南省": 1}
    assert dict(facets["report_year"]) == {2021: 2, 2022: 1}
    assert facets["partial"] == [(False, 3)]


@pytest.mark.parametrize(("kwargs", "n"), [
    ({}, 3), ({"kind": "target"}, 1), ({"region": "河北省"}, 1), ({"indicator": "gdp", "year": 2021}, 3),
    ({"measure": "growth", "period": "2020"}, 2), ({"indicator": "cpi"}, 0),
])
def test_facts_filters(store, kwargs, n):
    rows = store.facts(**kwargs)
    assert len(rows) == n
    for r in rows:
        assert r["indicator_name"] == "地区生产总值"
        assert r["evidence"] in ("8%左右", "3.6%")
        assert r["role"] == "review"


def test_rewriting_a_report_replaces_it_whole(store):
    changed = make_report("henan_2021", "河南省", 2021, [GDP_TARGET], admin_code="410000")
    store.write_report(changed, sha256="d" * 64)
    assert [r["id"] for r in store.list_reports(region="河南省")] == ["henan_2021"]
    assert len(store.facts(region="河南省")) == 1
    assert store.check_whole() == []
    # the replaced text is no longer searchable: its FTS rows went with it
    assert [r["report_id"] for r in store.search("两不愁")] == ["hebei_2021"]
    indexed = {r["rowid"] for r in store.rows(
        "SELECT rowid FROM paragraphs_fts WHERE paragraphs_fts MATCH '\"两不愁\" OR \"生产总\" OR \"年政府\"'")}
    assert indexed and indexed <= {r["id"] for r in store.rows("SELECT id FROM paragraphs")}
    # the same content under a new id replaces the old row too
    store.write_report(make_report("henan_2021_copy", "河南省", 2021, [GDP_TARGET], admin_code="410000"),
                       sha256="d" * 64)
    assert [r["id"] for r in store.list_reports(region="河南省")] == ["henan_2021_copy"]
    indexed = {r["rowid"] for r in store.rows(
        "SELECT rowid FROM paragraphs_fts WHERE paragraphs_fts MATCH '\"两不愁\" OR \"生产总\" OR \"年政府\"'")}
    assert indexed <= {r["id"] for r in store.rows("SELECT id FROM paragraphs")}


def test_region_series_keeps_one_row_per_period(store):
    series = store.region_series("河南省")
    assert [(r["kind"], r["period"], r["value"]) for r in series] == [("actual", "2020", 3.6),
                                                                       ("target", "2021", 8)]
    assert series[0]["direction"] == "up"


def test_readonly_store_cannot_write(store, tmp_path):
    ro = open_store(tmp_path / "t.db", readonly=True)
    assert len(ro.list_reports()) == 3
    with pytest.raises(StoreError):
        ro.write_report(make_report("x", "河北省", 2020), sha256="e" * 64)
    with pytest.raises(sqlite3.OperationalError):
        ro.conn.execute("DELETE FROM reports")
    with pytest.raises(StoreError):
        open_store(tmp_path / "missing.db", readonly=True)


def test_a_version_1_database_gains_period_source(tmp_path):
    conn = sqlite3.connect(tmp_path / "v1.db")
    conn.executescript("CREATE TABLE facts (report_id TEXT); PRAGMA user_version = 1;")
    assert schema.migrate(conn) == 1
    assert "period_source" in [row[1] for row in conn.execute("PRAGMA table_info(facts)")]
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_schema_version_and_migration_hook(tmp_path, monkeypatch):
    path = tmp_path / "v.db"
    open_store(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()
    ran = []
    monkeypatch.setattr(schema, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    monkeypatch.setitem(schema.MIGRATIONS, SCHEMA_VERSION + 1,
                        lambda c: (ran.append(1), c.execute("ALTER TABLE reports ADD COLUMN note TEXT")))
    open_store(path).close()
    conn = sqlite3.connect(path)
    assert ran == [1] and conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        open_store(path)


@pytest.mark.parametrize(("query", "plan"), [
    ("高标准农田", ('"高标准农田"', [])),
    ("脱贫", (None, ["脱贫"])),  # shorter than a trigram: LIKE
    ("脫貧攻堅 粮", ('"脱贫攻坚"', ["粮"])),  # folded
    ('PM2.5 x', ('"PM2.5"', ['x'])),
    ('a"b"c', ('"a""b""c"', [])),  # quotes doubled inside the phrase
])
def test_query_plan(query, plan):
    assert fulltext.query_plan(query) == plan


@pytest.mark.parametrize(("query", "ids"), [
    ("脱贫", ["hebei_2021", "henan_2021"]),  # 2 characters, found in traditional 脫貧
    ("标准", ["henan_2021"]),  # inside the word 高标准农田
    ("高标准", ["henan_2021"]),
    ("高标准农田", ["henan_2021"]),
    ("三保障", ["hebei_2021", "henan_2021"]),
    ("增", ["hebei_2021", "henan_2021"]),  # one character: scanned
    ("2022年", ["hebei_2022"]),  # indexed token 2022, then checked for 年
    ("2022年 标准", []),
    ("生产总值 农田", ["henan_2021"]),  # all terms must occur
    ("农田建设", []),
])
def test_search_finds_substrings_of_any_length(store, query, ids):
    hits = store.search(query)
    assert sorted({h["report_id"] for h in hits}) == ids
    for h in hits:
        text = store.report_text(h["report_id"])
        for start, end in h["matches"]:
            assert fulltext.fold(text[start:end]) in query.split()
        assert "«" in h["snippet"] and "»" in h["snippet"]


@pytest.mark.parametrize(("period", "bounds"), [
    ("2020", (2020, 2020)), ("2016-2020", (2016, 2020)), (None, (None, None)), ("十四五", (None, None)),
])
def test_period_bounds(period, bounds):
    assert period_bounds(period) == bounds


def test_ingest_keeps_same_named_files_and_replaces_edited_ones(tmp_path):
    from govreport.store.ingest import ingest

    text = (SHARED / "seeds" / "002_169e54f75cef3fbb.txt").read_text(encoding="utf-8")
    a, b = tmp_path / "a" / "2021.txt", tmp_path / "b" / "2021.txt"
    for i, f in enumerate((a, b)):
        f.parent.mkdir()
        f.write_text(text + f"\n（{i}）\n", encoding="utf-8")
    with open_store(tmp_path / "s.db") as s:
        first = ingest(s, [a, b], jobs=1, keep_duplicates=True)  # two copies of one text, kept apart
        assert len(first.added) == 2 and first.renamed and first.renamed[0][1].startswith("2021-")
        assert {r["source_path"] for r in s.list_reports()} == {str(a.resolve()), str(b.resolve())}
        a.write_text(text.replace("创成全国文明城市", "创成全国文明城市和卫生城市"), encoding="utf-8")
        second = ingest(s, [a, b], jobs=1, keep_duplicates=True)
        assert second.added == ["2021"] and second.replaced == ["2021"] and second.skipped == [str(b)]
        assert len(s.list_reports()) == 2 and s.check_whole() == []
        assert "文明城市和卫生城市" in s.get_report("2021")["text"]


# -- an edited file replaces its older version ------------------------------------------------------

def _ingest_cli(*args: str) -> str:
    from click.testing import CliRunner

    from govreport.cli import cli

    result = CliRunner().invoke(cli, ["ingest", *args])
    assert result.exit_code == 0, result.output
    return result.output


def _seed_copies(tmp_path):
    text = (SHARED / "seeds" / "002_169e54f75cef3fbb.txt").read_text(encoding="utf-8")
    a, b = tmp_path / "a" / "2021.txt", tmp_path / "b" / "2021.txt"  # b is stored as 2021-<sha>
    for mark, f in zip("甲乙", (a, b), strict=True):
        f.parent.mkdir()
        f.write_text(text.replace("创成全国文明城市", f"创成全国文明城市（旧稿{mark}）"), encoding="utf-8")
    return text, a, b


def test_reingesting_an_edited_file_keeps_one_version(tmp_path):
    text, a, b = _seed_copies(tmp_path)
    db = str(tmp_path / "v.db")
    _ingest_cli(str(a), str(b), "--db", db, "--jobs", "1", "--keep-duplicates")
    with open_store(db, readonly=True) as s:
        assert len(s.list_reports()) == 2 and len({h["report_id"] for h in s.search("旧稿")}) == 2
    for f in (a, b):
        f.write_text(text.replace("创成全国文明城市", "创成全国文明城市和卫生城市"), encoding="utf-8")
        f.write_text(f.read_text(encoding="utf-8") + f"\n（{f.parent.name}）\n", encoding="utf-8")
    assert "ingested 2, skipped 0" in _ingest_cli(str(a), str(b), "--db", db, "--jobs", "1", "--keep-duplicates")
    with open_store(db, readonly=True) as s:
        reports = s.list_reports()
        assert sorted(r["source_path"] for r in reports) == [str(a.resolve()), str(b.resolve())]
        for r in reports:  # only the new text of each file is stored
            assert "文明城市和卫生城市" in s.get_report(r["id"])["text"]
        assert s.check_whole() == []
        assert len(s.rows("SELECT DISTINCT report_id FROM paragraphs")) == 2
        assert {h["report_id"] for h in s.search("卫生城市")} == {r["id"] for r in reports}
        assert s.search("旧稿") == []  # the old texts are out of the index


def test_keep_versions_keeps_the_older_version(tmp_path):
    text, a, _ = _seed_copies(tmp_path)
    db = str(tmp_path / "k.db")
    _ingest_cli(str(a), "--db", db)
    a.write_text(text.replace("创成全国文明城市", "创成全国文明城市和卫生城市"), encoding="utf-8")
    _ingest_cli(str(a), "--db", db, "--keep-versions")
    with open_store(db, readonly=True) as s:
        reports = s.list_reports()
        assert len(reports) == 2 and {r["source_path"] for r in reports} == {str(a.resolve())}
        texts = {r["id"]: s.get_report(r["id"])["text"] for r in reports}
        assert "旧稿甲" in texts["2021"] and "和卫生城市" not in texts["2021"]
        (new_id,) = set(texts) - {"2021"}
        assert new_id.startswith("2021-") and "和卫生城市" in texts[new_id]
    a.write_text(text, encoding="utf-8")  # a third version, without the flag: it replaces both
    _ingest_cli(str(a), "--db", db)
    with open_store(db, readonly=True) as s:
        (only,) = [s.get_report(r["id"])["text"] for r in s.list_reports()]
        assert "创成全国文明城市" in only and "旧稿甲" not in only and "和卫生城市" not in only


def test_write_report_replaces_by_source_path_only_when_given(store):
    r1 = make_report("v1", "河南省", 2020)
    r2 = make_report("v2", "河南省", 2020, extra="新的一段。")
    assert store.write_report(r1, sha256="1" * 64, source_path="/x/henan.txt") == []
    assert store.write_report(r2, sha256="2" * 64, source_path="/x/henan.txt") == ["v1"]
    assert store.write_report(r1, sha256="1" * 64, source_path="/x/henan.txt", keep_versions=True) == []
    assert {r["id"] for r in store.list_reports()} >= {"v1", "v2"}
    # without a source path (reports written by hand) nothing else is replaced
    store.write_report(make_report("v3", "河南省", 2020, extra="三"), sha256="3" * 64)
    assert {"v1", "v2", "v3"} <= {r["id"] for r in store.list_reports()}


# -- read-only opening: a folder the server cannot write ----------------------------------------------

def test_readonly_open_in_an_unwritable_folder_is_immutable(tmp_path, monkeypatch):
    import os

    import govreport.store.db as db_module

    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "r.db"
    with open_store(path) as s:  # a WAL database, as `govreport ingest` writes it
        s.write_report(make_report("henan_2021", "河南省", 2021, [GDP_ACTUAL]), sha256="a" * 64)
        assert s.rows("PRAGMA journal_mode")[0]["journal_mode"] == "wal"
    before = sorted(p.name for p in folder.iterdir())
    assert before == ["r.db"]
    # tests run as root, who can write anywhere: the folder's mode cannot stop us, so tell the
    # store the truth it would see as an unprivileged user (and check that it asked)
    asked = []
    real_access = os.access

    def access(p, mode, *args, **kwargs):
        if mode & os.W_OK and str(p) == str(folder):
            asked.append(p)
            return False
        return real_access(p, mode, *args, **kwargs)

    monkeypatch.setattr(db_module.os, "access", access)
    folder.chmod(0o555)
    try:
        with open_store(path, readonly=True) as ro:
            assert asked and ro.immutable
            assert [r["id"] for r in ro.list_reports()] == ["henan_2021"]
            assert ro.search("生产总值")
            with pytest.raises(StoreError):
                ro.delete_report("henan_2021")
        # immutable: no -wal or -shm file was made beside the database
        assert sorted(p.name for p in folder.iterdir()) == before
    finally:
        folder.chmod(0o755)
    monkeypatch.setattr(db_module.os, "access", real_access)
    with open_store(path, readonly=True) as ro:
        assert not ro.immutable and len(ro.list_reports()) == 1
