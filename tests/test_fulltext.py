"""The trigram index and its short-term fallback: Store.search equals a substring scan of the
folded paragraphs for terms of every length, through the index and the Datasette rewrite."""

from __future__ import annotations

from urllib.parse import parse_qsl

import pytest
from test_store_support import make_report

from govreport.store import fulltext, open_store

TEXTS = {
    "a": "全年新建高标准农田1000万亩。\n打赢脱贫攻坚战，巩固拓展脱贫攻坚成果。\nPM2.5浓度下降。",
    "b": "脫貧攻堅取得全面勝利，ＧＤＰ增長６％。\n建設農田水利。",
    "c": "就业优先。\n粮食产量保持在1.3万亿斤以上。",
}


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "f.db")
    for i, (rid, text) in enumerate(TEXTS.items()):
        report = make_report(rid, "河南省", 2021, extra=text)
        s.write_report(report, sha256=str(i) * 64)
    yield s
    s.close()


def _scan(store, query):
    found = set()
    for r in store.rows("SELECT report_id, seq, text FROM paragraphs"):
        if all(t in fulltext.search_fold(r["text"]).lower() for t in fulltext.search_fold(query).lower().split()):
            found.add((r["report_id"], r["seq"]))
    return found


@pytest.mark.parametrize("query", ["高标准农田", "脱贫", "脫貧", "农田", "脱贫 攻坚成果", "gdp", "ＧＤＰ", "6%", "贫",
                                   "pm2.5", "万亿斤", "水利 农田", "没有的词"])
def test_search_equals_a_scan_of_the_folded_text(store, query):
    hits = store.search(query, limit=1000)
    assert {(h["report_id"], h["paragraph"]) for h in hits} == _scan(store, query)


def test_simplified_paragraphs_are_not_stored_twice(store):
    rows = store.rows("SELECT report_id, folded FROM paragraphs WHERE folded IS NOT NULL")
    assert rows and {r["report_id"] for r in rows} == {"b"}  # only the traditional, full-width text
    assert all(len(r["folded"]) == len(t["text"]) for r in rows
               for t in store.rows("SELECT text FROM paragraphs WHERE folded = ?", (r["folded"],)))


def test_deleting_a_report_takes_it_out_of_the_index(store):
    store.delete_report("a")
    assert store.search("高标准农田") == [] and store.search("脱贫")
    assert store.rows("SELECT count(*) AS n FROM paragraphs_fts WHERE paragraphs_fts MATCH '高标准'")[0]["n"] == 0
    store.conn.execute("INSERT INTO paragraphs_fts (paragraphs_fts, rank) VALUES ('integrity-check', 1)")


def test_datasette_rewrite_moves_short_terms_to_like():
    from govreport.datasette_plugin import rewrite_query

    pairs = parse_qsl(rewrite_query("_search=%E8%84%AB%E8%B2%A7+%E9%AB%98%E6%A8%99%E6%BA%96&_size=5"))
    out = dict(pairs)
    assert "_search" not in out and out["_size"] == "5"
    # the long term on the index, by id (paragraphs is a view: no rowid for Datasette's _search)
    assert [v for k, v in pairs if k == "_where"] == [
        "id IN (SELECT rowid FROM paragraphs_fts WHERE paragraphs_fts MATCH '\"高标准\"')",
        "search_text LIKE '%脱贫%' ESCAPE '\\'"]
    assert "_search" not in dict(parse_qsl(rewrite_query("_search=%25")))  # one character, wildcards escaped
    assert dict(parse_qsl(rewrite_query("_search=%25")))["_where"] == "search_text LIKE '%\\%%' ESCAPE '\\'"
    assert dict(parse_qsl(rewrite_query("_search=ab&_searchmode=raw")))["_where"] == (
        "id IN (SELECT rowid FROM paragraphs_fts WHERE paragraphs_fts MATCH 'ab')")
