"""The scan of one- and two-character terms (store/shortscan.py): the same hits, in the same order,
as the LIKE over every paragraph it replaces; the count bounded by hits and time where asked; the
partial index of folded paragraphs (schema 10) made by the migration from version 9."""

from __future__ import annotations

import gzip
import shutil
import sqlite3
from pathlib import Path

import pytest
from test_store_support import make_report

from govreport.store import SCHEMA_VERSION, open_store, schema, shortscan

TEXTS = {
    "a2019": (2019, "打赢脱贫攻坚战，巩固脱贫成果。\n就业优先，稳就业。\nGDP增长6%，gdp总量。"),
    "b2021": (2021, "脫貧攻堅取得全面勝利，ＧＤＰ增長６％。\n建設農田水利。\n稳就业保民生。"),
    "c2021": (2021, "就业优先。\n粮食产量保持在1.3万亿斤以上。\n脱贫地区就业。"),
    "d2020": (2020, "减税降费。\n\n乡村振兴，脱贫人口就业。\n　\n" + "就业，" * 30),  # blank lines: seq is not the line
}
QUERIES = ("脱贫", "就业", "贫", "gd", "DP", "ＧＤ", "6%", "脱贫 就业", "就业 脱贫", "%", "_", "农田", "没有", "业。")
#: a long term (the index) with short ones (LIKE on the index's candidates, as before)
MIXED = ("稳就业 保", "脱贫攻坚 ＧＤ", "就业优先 业", "gdp 6%", "就业，就业 脱贫", "脫貧攻堅 貧")
V6 = Path(__file__).parent / "fixtures" / "v6" / "example.v6.db.gz"


def _fill(store) -> None:
    for i, (rid, (year, text)) in enumerate(TEXTS.items()):
        store.write_report(make_report(rid, "河南省" if i % 2 else "山东省", year, extra=text), sha256=str(i) * 64)


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "s.db")
    _fill(s)
    yield s
    s.close()


def _like(store, query: str, **filters) -> list[tuple[str, int]]:
    """The code before: LIKE over every paragraph (newest report first) or the index's candidates (by rank)."""
    source, params = store._search_plan(query, filters)
    order = "bm25(paragraphs_fts)" if source.startswith("paragraphs_fts") else "r.report_year DESC"
    return [(r["report_id"], r["seq"]) for r in store.rows(
        f"SELECT p.report_id, p.seq FROM {source} ORDER BY {order}, p.report_id, p.seq", params)]


def _hits(store, query: str, **kw) -> list[tuple[str, int]]:
    return [(h["report_id"], h["paragraph"]) for h in store.search(query, limit=1000, **kw)]


@pytest.mark.parametrize("query", QUERIES)
def test_the_scan_finds_what_the_like_found_in_the_same_order(store, query):
    assert store._short_scan(query, {}, None, None) is not None  # the scan answers these
    expected = _like(store, query)
    assert _hits(store, query) == expected
    assert store.search_count(query) == len(expected)
    assert _hits(store, query, year=2021) == _like(store, query, year=2021)
    assert _hits(store, query, region="河南省") == _like(store, query, region="河南省")


@pytest.mark.parametrize("query", MIXED)
def test_a_query_with_a_long_term_keeps_the_index_and_its_rank(store, query):
    assert store._short_scan(query, {}, None, None) is None
    assert _hits(store, query) == _like(store, query)
    assert store.search_total(query, at_most=0, time_limit=0) == shortscan.SearchTotal(len(_like(store, query)))


def test_traditional_text_is_found_through_its_folded_copy_and_pages_follow_the_order(store):
    hits = _hits(store, "脱贫")
    assert ("b2021", 2) in hits  # 脫貧 in the stored text, 脱贫 in the folded copy
    assert hits[0][0] in ("b2021", "c2021") and hits[-1][0] == "a2019"  # newest report first
    paged = [(h["report_id"], h["paragraph"]) for off in range(0, len(hits), 2)
             for h in store.search("脱贫", limit=2, offset=off)]
    assert paged == hits
    first = store.search("脱贫", limit=1)[0]
    assert "«" in first["snippet"] and first["matches"]


def test_the_count_is_bounded_and_says_so(store):
    everything = store.search_count("就业")
    assert everything > 5
    exact = store.search_total("就业")
    assert (exact.count, exact.complete, exact.timed_out) == (everything, True, False)
    capped = store.search_total("就业", at_most=3)
    assert (capped.count, capped.complete, capped.timed_out) == (3, False, False)
    assert store.search_total("就业", at_most=everything) == shortscan.SearchTotal(everything, True, False, 4)
    cut = store.search_total("就业", time_limit=0)  # the time is up after the first report
    assert cut.timed_out and not cut.complete and cut.reports_read == 1
    assert cut.count == len([h for h in _like(store, "就业") if h[0] == _like(store, "就业")[0][0]])
    # a term the index answers: counted exactly, never bounded
    assert store.search_total("脱贫攻坚", at_most=0) == shortscan.SearchTotal(store.search_count("脱贫攻坚"))


def test_a_new_report_is_seen_by_the_next_search(store):
    before = store.search_total("减税", at_most=10)
    store.write_report(make_report("e2022", "河北省", 2022, extra="减税降费，减税。"), sha256="e" * 64)
    after = store.search_total("减税", at_most=10)
    assert after.count == before.count + 1
    assert _hits(store, "减税")[0][0] == "e2022"


def test_without_the_folded_index_the_scan_reads_every_report_the_same(store):
    expected = {q: _hits(store, q) for q in QUERIES}
    store.conn.execute(f"DROP INDEX {shortscan.FOLDED_INDEX}")
    store.__dict__.pop("_scan_cache", None)
    assert {q: _hits(store, q) for q in QUERIES} == expected


def test_case_is_folded_for_ascii_letters_only_as_like_does():
    assert shortscan.ascii_lower("GDP增长ＰＭΑ") == "gdp增长ＰＭΑ"
    assert "GDP增长ΑＰ".encode().lower() == shortscan.ascii_lower("GDP增长ΑＰ").encode()  # the bytes the scan reads


def _as_version_9(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute(f"DROP INDEX {shortscan.FOLDED_INDEX}")
    conn.execute("PRAGMA user_version = 9")
    conn.commit()
    conn.close()


def test_a_version_9_database_gets_the_folded_index_and_the_same_hits(tmp_path):
    path = tmp_path / "v9.db"
    with open_store(path) as s:
        _fill(s)
        expected = {q: _hits(s, q) for q in QUERIES}
    _as_version_9(path)
    with open_store(path) as s:
        assert s.rows("PRAGMA user_version")[0]["user_version"] == SCHEMA_VERSION
        assert s.rows("SELECT name FROM sqlite_master WHERE name = ?", (shortscan.FOLDED_INDEX,))
        assert {q: _hits(s, q) for q in QUERIES} == expected
        schema.MIGRATIONS[10](s.conn)  # idempotent
    stub = sqlite3.connect(tmp_path / "stub.db")
    schema.MIGRATIONS[10](stub)  # no paragraph_rows: left alone
    assert not stub.execute("SELECT name FROM sqlite_master").fetchall()


def test_the_version_6_fixture_is_brought_to_version_10(tmp_path):
    path = tmp_path / "v6.db"
    with gzip.open(V6, "rb") as src, path.open("wb") as dst:
        shutil.copyfileobj(src, dst)
    with open_store(path) as s:
        assert s.rows("PRAGMA user_version")[0]["user_version"] == SCHEMA_VERSION
        assert s.rows("SELECT name FROM sqlite_master WHERE name = ?", (shortscan.FOLDED_INDEX,))
        for query in ("脱贫", "就业", "发展 就业"):
            assert _hits(s, query) == _like(s, query)


def test_web_search_says_more_than_n_and_at_least_n(store, monkeypatch):
    pytest.importorskip("starlette")
    from starlette.testclient import TestClient

    from govreport.web import create_app, pages

    client = TestClient(create_app(store=store))
    full = client.get("/search.json", params={"q": "就业"}).json()
    assert full["count_complete"] and full["count"] == store.search_count("就业")
    monkeypatch.setattr(pages, "SEARCH_COUNT_MAX", 3)
    more = client.get("/search.json", params={"q": "就业", "per_page": 2, "page": 2}).json()
    assert (more["count"], more["count_complete"], more["pages"]) == (3, False, 2)
    assert [(h["report_id"], h["paragraph"]) for h in more["hits"]] == _like(store, "就业")[2:4]
    assert "more than 3 hits" in client.get("/search", params={"q": "就业", "lang": "en"}).text
    monkeypatch.setattr(pages, "SEARCH_SECONDS", 0)
    cut = client.get("/search.json", params={"q": "贫"}).json()
    assert cut["count_timed_out"] and cut["reports_read"] == 1
    assert "at least" in client.get("/search", params={"q": "贫", "lang": "en"}).text
    long = client.get("/search.json", params={"q": "脱贫攻坚"}).json()  # the index: exact, unbounded
    assert long["count_complete"] and not long["count_timed_out"]
