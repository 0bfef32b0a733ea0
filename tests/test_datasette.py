"""Datasette and SQL users: full-text search through Datasette itself and the plain sqlite3
module, the views, and the metadata.json."""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import shutil
import sqlite3
from urllib.parse import quote

import pytest
from click.testing import CliRunner
from test_store_support import shared_corpus_db

from govreport.cli import cli
from govreport.store import open_store
from govreport.store.datasette import TABLES, describe

datasette_app = pytest.importorskip("datasette.app")
#: Datasette stops a query after 1 s by default; a LIKE scan of a short term over the corpus can take
#: longer on a loaded CI machine. What these tests check is what is found, not how fast.
SETTINGS = {"sql_time_limit_ms": 30_000}


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory):
    """A copy of the corpus DB named govreport.db (Datasette names the database after the file)."""
    path = tmp_path_factory.mktemp("ds") / "govreport.db"
    shutil.copy(shared_corpus_db(tmp_path_factory), path)
    return path


def _like_count(path, term, column="text"):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"SELECT count(*) FROM paragraphs WHERE {column} LIKE ?", (f"%{term}%",)).fetchone()[0]
    finally:
        conn.close()


def _get(ds, path):
    """Datasette's in-process client, on an event loop of its own thread (a browser test in the
    same worker may leave this thread's loop marked as running)."""
    async def run():
        return await ds.client.get(path)

    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, run()).result()


@pytest.mark.parametrize("term", ["高标准农田", "脱贫", "就业", "粮食安全"])
def test_datasette_search_finds_what_a_like_scan_finds(corpus_db, term):
    ds = datasette_app.Datasette([str(corpus_db)], settings=SETTINGS)
    response = _get(ds, f"/govreport/paragraphs.json?_search={quote(term)}&_size=max&_shape=objects")
    assert response.status_code == 200, response.text
    body = response.json()
    expected = _like_count(corpus_db, term, "search_text")
    assert expected > 10
    assert body["filtered_table_rows_count"] == expected
    assert all(term in row["search_text"] for row in body["rows"])
    # the corpus is in simplified characters: the same count as a LIKE over the stored text
    assert abs(expected - _like_count(corpus_db, term)) <= 1


def test_datasette_detects_the_index_and_shows_a_search_box(corpus_db):
    ds = datasette_app.Datasette([str(corpus_db)], settings=SETTINGS)
    page = _get(ds, "/govreport/paragraphs")
    assert page.status_code == 200 and 'name="_search"' in page.text
    both = _get(ds, f"/govreport/paragraphs.json?_search={quote('脱贫 高标准农田')}&_shape=objects").json()
    assert both["filtered_table_rows_count"] > 0
    assert all("脱贫" in r["search_text"] and "高标准农田" in r["search_text"] for r in both["rows"])


def test_the_sqlite3_shell_can_match_three_characters_or_more(corpus_db):
    conn = sqlite3.connect(corpus_db)
    n = conn.execute("SELECT count(*) FROM paragraphs WHERE id IN "
                     "(SELECT rowid FROM paragraphs_fts WHERE paragraphs_fts MATCH '高标准农田')").fetchone()[0]
    assert n == _like_count(corpus_db, "高标准农田") > 0
    conn.close()


def test_views_join_facts_to_reports(corpus_db):
    with open_store(corpus_db, readonly=True) as store:
        rows = store.rows("SELECT region, report_year, level, indicator, indicator_name, value FROM facts_view "
                          "WHERE report_id = 'national_2021' AND indicator = 'gdp' AND kind = 'target'")
        assert rows and all(r["region"] == "全国" and r["report_year"] == 2021 and r["level"] == "national"
                            and r["indicator_name"] for r in rows)
        n = store.rows("SELECT count(*) AS n FROM facts_view")[0]["n"]
        assert n == store.rows("SELECT count(*) AS n FROM facts")[0]["n"]
        reports = store.rows("SELECT n_sources FROM reports_view")
        assert reports and all(r["n_sources"] >= 1 for r in reports)


def test_datasette_metadata_describes_every_column(corpus_db, tmp_path):
    result = CliRunner().invoke(cli, ["datasette-metadata", "--db", str(corpus_db)])
    assert result.exit_code == 0, result.output
    meta = json.loads(result.output)
    tables = meta["databases"]["govreport"]["tables"]
    assert set(tables) == set(TABLES)
    conn = sqlite3.connect(corpus_db)
    for table in TABLES:  # a column added without a description fails here
        columns = [r[1] for r in conn.execute(f"PRAGMA table_xinfo({table})")]
        missing = [c for c in columns if not describe(table, c)]
        assert not missing, (table, missing)
        assert set(tables[table]["columns"]) == set(columns)
    assert tables["paragraphs"]["fts_table"] == "paragraphs_fts"
    (tmp_path / "metadata.json").write_text(result.output, encoding="utf-8")
    ds = datasette_app.Datasette([str(corpus_db)], metadata=meta, settings=SETTINGS)
    page = _get(ds, "/govreport/sources")
    assert page.status_code == 200 and "Cite reports by these" in page.text
