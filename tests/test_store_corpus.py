"""The store over the real seeds and corpus: ingest, incremental re-run, kill -9, search,
and national target tracking pinned against the figures printed in the reports."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from test_store_support import CORPUS_DIRS, SHARED, shared_corpus_db

from govreport.cli.common import expand_paths
from govreport.store import open_store
from govreport.store.fulltext import fold
from govreport.store.ingest import ingest
from govreport.tracking import compare, track

FILES = expand_paths(str(d) for d in CORPUS_DIRS)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = open_store(shared_corpus_db(tmp_path_factory), readonly=True)
    yield s
    s.close()


def test_corpus_is_stored_whole(store):
    reports = store.list_reports()
    assert len(reports) == len(FILES) > 60
    assert store.check_whole() == []
    assert all(r["sha256"] and r["size"] > 0 and r["ingested_at"] for r in reports)
    assert {r["source_path"] for r in reports} == {str(f.resolve()) for f in FILES}


def test_second_ingest_adds_nothing(tmp_path_factory):
    path = shared_corpus_db(tmp_path_factory)
    before = sqlite3.connect(path).execute("SELECT max(ingested_at), count(*) FROM reports").fetchone()
    with open_store(path) as s:
        result = ingest(s, FILES, jobs=2)
    assert result.added == [] and result.failed == [] and len(result.skipped) == len(FILES)
    assert sqlite3.connect(path).execute("SELECT max(ingested_at), count(*) FROM reports").fetchone() == before


@pytest.mark.parametrize("query", ["脱贫", "就业", "高标准", "粮食安全", "高标准农田", "两不愁三保障", "2020年", "GDP"])
def test_search_equals_a_substring_scan(store, query):
    expected = set()
    for r in store.list_reports():
        for n, line in enumerate(x for x in store.report_text(r["id"]).split("\n") if x.strip()):
            if query in fold(line):
                expected.add((r["id"], n))
    assert expected, query
    hits = store.search(query, limit=100000)
    assert {(h["report_id"], h["paragraph"]) for h in hits} == expected
    for h in hits[:50]:
        text = store.report_text(h["report_id"])
        assert h["matches"] and all(fold(text[a:b]) == query for a, b in h["matches"])
        assert f"«{text[h['matches'][0][0]:h['matches'][0][1]]}»" in h["snippet"]


def test_kill_9_leaves_only_whole_reports(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    n = 160  # enough work that the kill lands mid-run on a fast machine
    corpus = [f for f in FILES if "national" in str(f)]
    for i in range(n):
        f = corpus[i % len(corpus)]
        text = f.read_text(encoding="utf-8")
        (src / f"copy{i:03d}_{f.stem}.txt").write_text(f"{text}\n（副本{i}）\n", encoding="utf-8")
    db = tmp_path / "k.db"
    proc = subprocess.Popen([sys.executable, "-m", "govreport", "ingest", str(src), "--db", str(db), "--jobs", "1",
                             "--no-progress", "--keep-duplicates"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    stored = 0
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if db.exists():
                try:
                    with sqlite3.connect(db, timeout=1) as conn:
                        stored = conn.execute("SELECT count(*) FROM reports").fetchone()[0]
                except sqlite3.OperationalError:
                    stored = 0
            if stored >= 3:
                os.killpg(proc.pid, signal.SIGKILL)
                break
            time.sleep(0.01)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    assert proc.returncode == -signal.SIGKILL, "ingest finished before it could be killed"
    with open_store(db) as s:
        kept = s.list_reports()
        assert 3 <= len(kept) < n
        assert s.check_whole() == []
        for r in kept:
            assert len(s.facts(report_id=r["id"])) == r["n_facts"]
            assert len(s.get_report(r["id"])["sections"]) == r["n_sections"]
        result = ingest(s, expand_paths([str(src)]), jobs=2, keep_duplicates=True)  # copies, kept apart
        assert len(result.added) == n - len(kept) and len(result.skipped) == len(kept)
        assert len(s.list_reports()) == n and s.check_whole() == []


def _national(rows, year, indicator, value, bound):
    found = [r for r in rows if r.target_report == f"national_{year}" and r.indicator == indicator
             and r.target_value == pytest.approx(value) and r.target_bound == bound]
    assert len(found) == 1, (year, indicator, value, [(r.target_value, r.target_bound) for r in rows
                                                      if r.target_report == f"national_{year}"
                                                      and r.indicator == indicator])
    return found[0]


# (year, indicator, target value, bound, outcome printed in the next report, verdict)
NATIONAL = [
    (2003, "gdp", 7.0, "approx", 9.1, "met"),  # 经济增长预期目标为7%左右 → 2004: 比上年增长9.1%
    (2007, "cpi", 3.0, "max", 4.8, "missed"),  # 涨幅在3%以内 → 2008: 去年…上涨4.8%
    (2008, "gdp", 8.0, "approx", 9.0, "met"),  # 8%左右 → 2009: 比上年增长9%
    (2008, "new_urban_jobs", 1.0e7, "exact", 1.113e7, "met"),  # 1000万人 → 1113万人
    (2009, "gdp", 8.0, "approx", 8.7, "met"),
    (2009, "new_urban_jobs", 9.0e6, "min", 1.102e7, "met"),
    (2010, "gdp", 8.0, "approx", 10.3, "met"),  # 2011: 过去一年…国内生产总值增长10.3%
    (2010, "cpi", 3.0, "approx", 3.3, "met"),  # 居民消费价格涨幅控制在 3.3%: within 0.5 of 3%左右
    (2010, "new_urban_jobs", 9.0e6, "min", 1.168e7, "met"),  # not the five-year 5771万人 (2006-2010)
    (2014, "gdp", 7.5, "approx", 7.4, "met"),  # 7.5%左右 → 7.4%
    (2014, "cpi", 3.5, "approx", 2.0, "met"),
    (2014, "new_urban_jobs", 1.0e7, "min", 1.322e7, "met"),
    (2015, "gdp", 7.0, "approx", 6.9, "met"),
    (2015, "new_urban_jobs", 1.0e7, "min", 1.312e7, "met"),
    (2015, "cpi", 3.0, "approx", None, "not_reported"),  # 2016: 居民消费价格涨幅保持较低水平
    (2016, "gdp", 6.5, "range", 6.7, "met"),  # 6.5%－7% → 2017: 74.4 / 万亿元，增长6.7% (broken lines)
    (2016, "cpi", 3.0, "approx", 2.0, "met"),
    (2016, "registered_unemployment", 4.5, "max", 4.02, "met"),
    (2016, "energy_intensity", -3.4, "max", -5.0, "met"),  # 下降3.4%以上 → 下降5%
    (2021, "gdp", 6.0, "min", 8.1, "met"),
    (2021, "cpi", 3.0, "approx", 0.9, "met"),
    (2021, "new_urban_jobs", 1.1e7, "min", 1.269e7, "met"),
    (2021, "surveyed_unemployment", 5.5, "approx", 5.1, "met"),
    (2021, "grain_output", 6.5e8, "min", 6.85e8, "met"),  # 1.3万亿斤以上 → 1.37万亿斤
    (2022, "gdp", 5.5, "approx", None, "no_outcome"),  # no 2023 report stored
]


@pytest.fixture(scope="module")
def national_rows(store):
    return track(store, region="全国")


@pytest.mark.parametrize(("year", "indicator", "value", "bound", "outcome", "verdict"), NATIONAL)
def test_national_tracking(store, national_rows, year, indicator, value, bound, outcome, verdict):
    row = _national(national_rows, year, indicator, value, bound)
    assert row.verdict == verdict
    assert row.level == "national" and row.year == year
    if outcome is None:
        assert row.outcome_value is None
        return
    assert row.outcome_value == pytest.approx(outcome)
    assert row.outcome_report == f"national_{year + 1}"
    later = store.report_text(row.outcome_report)
    assert later[row.outcome_span[0]:row.outcome_span[1]] == row.outcome_evidence
    # the gap is the outcome less the target figure (a range's low end: more is better for all of these)
    assert row.gap == pytest.approx(outcome - value)


def test_national_rows_cover_the_headline_targets(national_rows):
    years = {r.year for r in national_rows if r.indicator in ("gdp", "cpi", "new_urban_jobs")}
    assert {2007, 2008, 2009, 2014, 2015, 2016, 2021} <= years
    assert not [r for r in national_rows if r.verdict == "no_target"]  # no corpus report omits one


def test_shared_data_is_there():
    assert (SHARED / "spec" / "README.md").exists()


@pytest.mark.parametrize(("region", "bound", "value", "value_max"), [
    ("北京市", "approx", 5.0, None),  # 地区生产总值增长5%左右
    ("安徽省", "range", 5.0, 5.5),  # 全省地区生产总值增长5%—5.5%
    ("西藏自治区", "min", 7.0, None),  # 地区生产总值增长7%以上
    ("天津市", "exact", 4.5, None),  # 地区生产总值增长4.5%
])
def test_compare_2026_provincial_gdp_targets(store, region, bound, value, value_max):
    rows = compare(store, 2026, "gdp", measure="growth")
    assert len({r.region for r in rows}) >= 20
    assert all(r.level == "province" and r.parent == "全国" and r.parent_value is None for r in rows)
    mine = [r for r in rows if r.region == region]
    assert [(r.bound, r.value, r.value_max) for r in mine] == [(bound, value, value_max)]
    assert store.report_text(mine[0].report_id)[mine[0].span[0]:mine[0].span[1]] == mine[0].evidence
