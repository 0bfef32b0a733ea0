"""The compact layout (schema version 7, store/compact.py): the text stored once, facts, tasks and
paragraphs as offsets into it, and a version-6 database converted with nothing lost."""

from __future__ import annotations

import contextlib
import gzip
import shutil
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from test_store_support import fact, make_report

from govreport.store import SCHEMA_VERSION, compact, open_store
from govreport.store.corrections import effective_facts, list_corrections

#: a database written by the version-6 code (fixtures/v6/make_v6_fixture.py): the example report
#: ingested and three corrections made (an edit, a mark-wrong, an added fact)
V6 = Path(__file__).parent / "fixtures" / "v6" / "example.v6.db.gz"
QUERIES = ("高质量", "脱贫", "粮食", "高标准农田", "发展 高质量", "就业 民生")


def v6_copy(tmp_path: Path) -> Path:
    out = tmp_path / "v6.db"
    with gzip.open(V6, "rb") as src, out.open("wb") as dst:
        shutil.copyfileobj(src, dst)
    return out


def _space(path: Path, tables: tuple[str, ...]) -> int:
    """Bytes of the pages of these tables and their indexes (SQLite's dbstat)."""
    marks = ", ".join("?" * len(tables))
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return conn.execute(f"SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name IN "
                            f"(SELECT name FROM sqlite_master WHERE tbl_name IN ({marks}))", tables).fetchone()[0]


def _readings(store) -> dict:
    rid = store.list_reports()[0]["id"]
    return {"facts": store.facts(), "effective": effective_facts(store), "report": store.get_report(rid),
            "corrections": [{k: v for k, v in c.items() if k != "id"} for c in list_corrections(store)],
            "search": {q: (store.search(q, limit=500), store.search_count(q)) for q in QUERIES},
            "series": store.region_series(store.list_reports()[0]["region"])}


def test_a_version_6_database_is_converted_with_nothing_lost(tmp_path):
    path = v6_copy(tmp_path)
    before_size = path.stat().st_size
    before_space = _space(path, ("facts", "tasks", "paragraphs"))
    old = open_store(path, readonly=True)  # not migrated: read as version 6
    assert old.rows("PRAGMA user_version")[0]["user_version"] == 6
    before = _readings(old)
    old.close()
    assert before["facts"] and before["report"]["tasks"] and len(before["corrections"]) == 3
    assert all(before["search"][q][1] for q in QUERIES)
    assert any(f["corrected"] for f in before["effective"])

    store = open_store(path)
    assert store.rows("PRAGMA user_version")[0]["user_version"] == SCHEMA_VERSION >= compact.VERSION
    after = _readings(store)
    assert after == before
    kinds = {r["name"]: r["type"] for r in store.rows("SELECT name, type FROM sqlite_master")}
    assert kinds["facts"] == kinds["tasks"] == kinds["paragraphs"] == "view"
    assert kinds["fact_rows"] == kinds["task_rows"] == kinds["paragraph_rows"] == "table"
    # every sentence is the text at its offsets: none kept whole
    assert store.rows("SELECT count(*) AS n FROM fact_rows WHERE sentence_text IS NOT NULL")[0]["n"] == 0
    assert store.rows("SELECT count(*) AS n FROM task_rows WHERE sentence_start IS NULL")[0]["n"] == 0
    store.close()
    assert path.stat().st_size < before_size  # vacuumed after the conversion
    # what holds facts, tasks and paragraphs (their tables and indexes) takes far less room; the whole
    # file also holds the indicator table, which grows with the lexicon, so it is not the measure
    assert _space(path, ("fact_rows", "task_rows", "paragraph_rows")) < 0.6 * before_space

    # the file's own views (substr, for Datasette and the sqlite3 shell) give what govreport reads
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    plain = [dict(r) for r in conn.execute("SELECT * FROM facts_effective ORDER BY report_id, seq")]
    conn.close()
    store = open_store(path, readonly=True)
    fast = store.rows("SELECT * FROM facts_effective ORDER BY report_id, seq")
    assert plain == fast and len(plain) == len(before["effective"])
    store.close()


def test_the_conversion_is_idempotent(tmp_path):
    path = v6_copy(tmp_path)
    store = open_store(path)
    facts = store.facts()
    with store.transaction() as conn:
        compact.migrate_v7(conn)
    assert store.facts() == facts
    assert store.rows("SELECT count(*) AS n FROM paragraph_rows")[0]["n"] == \
        store.rows("SELECT n_paragraphs FROM reports")[0]["n_paragraphs"]


def test_a_sentence_that_is_not_the_text_at_its_span_is_kept_whole(tmp_path):
    store = open_store(tmp_path / "a.db")
    report = make_report("r1", "甘肃省", 2021, [fact("target", "2021", "gdp", "growth", 6.0, "%", "min",
                                                     "全省生产总值增长6%以上。", "6%以上")])
    odd = replace(report.facts[0], sentence="（另一个句子）")
    store.write_report(replace(report, facts=[odd]), sha256="1" * 64)
    (f,) = store.facts()
    assert f["sentence"] == "（另一个句子）" and f["evidence"] == "6%以上"
    assert store.rows("SELECT sentence_text FROM fact_rows")[0]["sentence_text"] == "（另一个句子）"
    store.write_report(report, sha256="2" * 64)  # the same report, its sentence as extracted
    assert store.rows("SELECT sentence_text FROM fact_rows")[0]["sentence_text"] is None
    assert store.facts()[0]["sentence"] == "全省生产总值增长6%以上。"


def test_sentences_found_for_tasks():
    text = "一、目标。坚持稳中求进。推进高标准农田建设，完成10万亩。推进高标准农田建设，完成10万亩。"
    second = text.rindex("推进")
    sentence = "推进高标准农田建设，完成10万亩。"
    assert compact.find_sentence(text, sentence, second + 2, second + 9) == (second, second + len(sentence))
    first = text.index("推进")
    assert compact.find_sentence(text, sentence, first + 2, first + 9) == (first, first + len(sentence))
    assert compact.find_sentence(text, "不在文中。", 3, 5) is None
    assert compact.find_sentence(text, "", 3, 5) is None


def test_a_replaced_report_is_cut_from_its_new_text(tmp_path):
    """gr_cut keeps the last texts read, keyed by id and file hash: a new file's text is read anew."""
    store = open_store(tmp_path / "a.db")
    one = make_report("r1", "甘肃省", 2021, [fact("target", "2021", "gdp", "growth", 6.0, "%", "min",
                                                  "全省生产总值增长6%以上。", "6%以上")])
    store.write_report(one, sha256="1" * 64)
    assert store.facts()[0]["sentence"] == "全省生产总值增长6%以上。"
    two = make_report("r1", "甘肃省", 2021, [fact("target", "2021", "gdp", "growth", 7.0, "%", "min",
                                                  "全省生产总值增长7%左右。", "7%左右")])
    store.write_report(two, sha256="2" * 64)
    (f,) = store.facts()
    assert f["sentence"] == "全省生产总值增长7%左右。" and f["evidence"] == "7%左右"


def test_a_time_limit_reached_inside_the_text_cut_stops_the_query_as_an_interruption():
    """Datasette's time limits interrupt a statement through the progress handler; when that happens
    while ``gr_cut`` reads a report's text, the caller must see "interrupted" (a timeout it handles),
    not "user-defined function raised exception" (a 400 page)."""
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE reports (id TEXT, sha256 TEXT, text TEXT)")
    conn.executemany("INSERT INTO reports VALUES (?, ?, ?)", [(f"r{i}", "s", "推进高标准农田建设") for i in range(50)])
    cut = compact.TextCut(conn)
    late = {"now": False}

    def cut_late(*args):  # type: ignore[no-untyped-def]
        late["now"] = True  # the limit is reached while the text is being read
        return cut(*args)

    conn.create_function("cut_late", 4, cut_late)
    conn.set_progress_handler(lambda: 1 if late["now"] else 0, 1)
    with pytest.raises(sqlite3.OperationalError, match=r"^interrupted$"):
        conn.execute("SELECT cut_late(id, sha256, 0, 2) FROM reports").fetchall()
    conn.set_progress_handler(None, 1)
    assert cut("r1", "s", 0, 2) == "推进"  # nothing was cached from the interrupted read
