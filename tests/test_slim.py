"""The slim layout (schema version 8, store/slim.py): a version-7 database converted with nothing
lost, the same readings through govreport and through the file's own views, and the room saved."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pytest
from test_compact import QUERIES, _readings, _space, v6_copy
from test_store_support import make_report

from govreport.store import SCHEMA_VERSION, open_store, schema, slim

#: the views whose rows the file's own SQL (substr) and govreport's (gr_cut) must agree on
VIEWS = ("facts", "tasks", "paragraphs", "facts_view", "facts_effective")


def _v7(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A version-7 database: the version-6 fixture brought to 7 by the steps of that version."""
    path = v6_copy(tmp_path)
    with monkeypatch.context() as m:
        m.setattr(schema, "SCHEMA_VERSION", 7)
        open_store(path).close()
    with contextlib.closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 7
        assert "detail=none" not in conn.execute("SELECT sql FROM sqlite_master WHERE name = 'paragraphs_fts'"
                                                 ).fetchone()[0]
    return path


def _plain(path: Path, view: str) -> list[tuple]:
    with contextlib.closing(sqlite3.connect(path)) as conn:  # no govreport functions: the file's SQL
        return conn.execute(f"SELECT * FROM {view} ORDER BY 1, 2, 3").fetchall()


def test_a_version_7_database_is_converted_with_nothing_lost(tmp_path, monkeypatch):
    path = _v7(tmp_path, monkeypatch)
    with open_store(path, readonly=True) as old:  # not migrated: read as version 7
        before = _readings(old)
    plain_before = {view: _plain(path, view) for view in VIEWS}
    space = _space(path, ("task_rows",))
    assert before["report"]["tasks"] and all(before["search"][q][1] for q in QUERIES)

    with open_store(path) as store:
        assert store.rows("PRAGMA user_version")[0]["user_version"] == SCHEMA_VERSION >= slim.VERSION
        assert _readings(store) == before
        fast = {view: [tuple(r) for r in store.fetch(f"SELECT * FROM {view} ORDER BY 1, 2, 3")[1]] for view in VIEWS}
        assert store.rows("SELECT count(*) AS n FROM task_rows WHERE object_text IS NOT NULL OR area_text "
                          "IS NOT NULL")[0]["n"] < len(before["report"]["tasks"]) / 10
    assert {view: _plain(path, view) for view in VIEWS} == plain_before == fast
    # tasks take far less room; the index keeps its positions (phrase queries: fast searches)
    assert _space(path, ("task_rows", "labels")) < 0.7 * space
    with contextlib.closing(sqlite3.connect(path)) as conn:
        assert "detail=none" not in conn.execute("SELECT sql FROM sqlite_master WHERE name = 'paragraphs_fts'"
                                             ).fetchone()[0]
        conn.execute("INSERT INTO paragraphs_fts (paragraphs_fts, rank) VALUES ('integrity-check', 1)")


def test_the_conversion_is_idempotent(tmp_path, monkeypatch):
    path = _v7(tmp_path, monkeypatch)
    with open_store(path) as store:
        before = _readings(store)
        with store.transaction() as conn:
            slim.migrate_v8(conn)
        assert _readings(store) == before


def test_tasks_whose_words_are_not_in_the_text_are_kept_whole(tmp_path):
    text = "一、主要任务\n推进高标准农田建设，完成10万亩。\n"
    rows = [{"report_id": "r", "seq": 0, "action": "推进", "object": "高标准农田建设", "value": None,
             "value_max": None, "unit": None, "bound": None, "area": "主要任务", "department": "农业农村部门",
             "deadline": None, "section": "s1", "start": 7, "end": 16, "sentence_start": 7, "sentence_end": 24,
             "kind": "policy", "deadline_date": None, "department_source": "suggested", "co_departments": None,
             "sentence_text": None}]
    odd = {**rows[0], "seq": 1, "object": "不在文中的对象", "area": "另一个领域", "unit": None}
    conn = sqlite3.connect(":memory:")
    conn.executescript(slim.TABLES_DDL)
    slim.write_tasks(conn, text, [*rows, odd])
    stored = conn.execute("SELECT object_at, object_len, object_text, area_start, area_len, area_text "
                          "FROM task_rows ORDER BY seq").fetchall()
    assert stored == [(2, 7, None, 2, 4, None), (None, None, "不在文中的对象", None, None, "另一个领域")]
    assert conn.execute("SELECT count(*) FROM labels").fetchone()[0] == 5  # 推进, 农业农村部门, s1, policy, suggested


def test_a_new_database_is_slim_and_reads_the_same_through_its_own_views(tmp_path):
    path = tmp_path / "n.db"
    with open_store(path) as store:
        store.write_report(make_report("r1", "河南省", 2021, extra="推进高标准农田建设。\n脫貧攻堅。"), sha256="1" * 64)
        fast = {view: [tuple(r) for r in store.fetch(f"SELECT * FROM {view} ORDER BY 1, 2, 3")[1]] for view in VIEWS}
        assert store.search_count("高标准农田") == 1 and store.search_count("脱贫攻坚") == 1
    assert fast["paragraphs"] and {view: _plain(path, view) for view in VIEWS} == fast


def _segments(store) -> int:
    """Index b-tree segments (FTS5's %_idx holds a row per segment and leaf-page range)."""
    return store.rows("SELECT count(DISTINCT segid) AS n FROM paragraphs_fts_idx")[0]["n"]


def test_a_bulk_write_merges_the_index_and_a_small_one_leaves_it(tmp_path):
    with open_store(tmp_path / "m.db") as store:
        for i in range(12):
            store.write_report(make_report(f"r{i}", "河南省", 2000 + i, extra=f"推进高标准农田建设{i}。\n脫貧攻堅。"),
                               sha256=f"{i:064d}")
        hits = store.search("高标准农田", limit=100)
        assert _segments(store) > 1
        assert not store.settle_index(0) and not store.settle_index(1)  # 1 of 12: left to FTS5
        assert _segments(store) > 1
        assert store.settle_index(2)
        assert _segments(store) == 1 and store.search("高标准农田", limit=100) == hits
