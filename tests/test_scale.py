"""Streaming ingest and queries: results written as they arrive, batches, resume after a kill,
the per-file time limit, chunked exports, paged tracking, and the benchmark's corpus generator.
(How fast and how much memory at 1k/10k reports is measured by bench/bench_scale.py, not here.)"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pandas as pd
import pytest
from test_store_support import SHARED, fact, make_report

import govreport.store.ingest as ingest_module
from govreport import export as export_module
from govreport.errors import StoreError
from govreport.store import open_store
from govreport.store.ingest import ingest, ingest_iter
from govreport.tracking import Tracker, iter_track, track

ROOT = Path(__file__).resolve().parents[1]
PROVINCES = ("河北省", "山西省", "辽宁省", "吉林省", "江苏省", "浙江省", "安徽省")


def _write_reports(folder: Path, n: int) -> list[Path]:
    """``n`` small, distinct report files (a title, a review and a target)."""
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for i in range(n):
        region, year = PROVINCES[i % len(PROVINCES)], 2018 + i // len(PROVINCES)
        text = (f"{year}年{region}政府工作报告\n一、{year - 1}年工作回顾\n"
                f"全省生产总值增长{5 + i % 4}.{i % 10}%，城镇新增就业{30 + i}万人。\n"
                f"二、{year}年主要目标\n地区生产总值增长{6 + i % 3}%左右，居民消费价格涨幅3%左右。\n")
        path = folder / f"r{i:02d}.txt"
        path.write_text(text, encoding="utf-8")
        files.append(path)
    return files


def _stored(db: Path) -> int:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return con.execute("SELECT count(*) FROM reports").fetchone()[0]
    finally:
        con.close()


def test_results_are_written_as_they_arrive_in_batches(tmp_path):
    files = _write_reports(tmp_path / "in", 5)
    db = tmp_path / "s.db"
    with open_store(db) as store:
        commits: list[int] = []
        events = ingest_iter(store, files, jobs=1, batch=2, batch_seconds=3600, on_commit=commits.append)
        seen = []
        for event in events:
            seen.append(event)
            if len(seen) == 3:
                # two reports are committed (one batch) while the run is still going
                assert event.commits == 1 and _stored(db) == 2
        assert [e.status for e in seen] == ["added"] * 5
        assert commits == [1, 2, 3]  # 2 + 2 + the last 1
        assert store.check_whole() == []
    with open_store(db) as store:
        result = ingest(store, files, jobs=1, batch=2)
    assert len(result.skipped) == 5 and not result.added and result.commits == 0
    with open_store(tmp_path / "other.db") as store:
        assert ingest(store, files, jobs=1, batch=2).commits == 3


def test_a_failing_report_is_undone_alone_and_the_batch_goes_on(tmp_path, monkeypatch):
    files = _write_reports(tmp_path / "in", 4)
    db = tmp_path / "s.db"
    real = ingest_module.Store._insert

    def insert(self, conn, report, **kw):
        real(self, conn, report, **kw)
        if report.doc.id == "r01":  # its rows are written, then the write fails
            raise StoreError("disk says no")

    monkeypatch.setattr(ingest_module.Store, "_insert", insert)
    with open_store(db) as store:
        result = ingest(store, files, jobs=1, batch=10)
        assert [p for p, _ in result.failed] == [str(files[1])]
        assert sorted(result.added) == ["r00", "r02", "r03"]
        assert store.check_whole() == []
        assert store.rows("SELECT count(*) AS n FROM paragraphs WHERE report_id = 'r01'")[0]["n"] == 0
    assert _stored(db) == 3


def test_resume_after_kill(tmp_path):
    files = _write_reports(tmp_path / "in", 6)
    db = tmp_path / "s.db"
    script = textwrap.dedent(f"""
        import os, signal
        from govreport.store import open_store
        from govreport.store.ingest import ingest_iter
        files = {[str(f) for f in files]!r}
        store = open_store({str(db)!r})
        for n, event in enumerate(ingest_iter(store, files, jobs=1, batch=1), start=1):
            if n == 3:
                os.kill(os.getpid(), signal.SIGKILL)
    """)
    proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    assert _stored(db) == 3  # committed reports survive the kill
    with open_store(db) as store:
        assert store.check_whole() == []
        t0 = time.monotonic()
        result = ingest(store, files, jobs=1)
        assert len(result.skipped) == 3 and len(result.added) == 3 and not result.failed
        assert store.check_whole() == []
        again = ingest(store, files, jobs=1)
        assert len(again.skipped) == 6 and time.monotonic() - t0 < 120


def _slow_on_one(path, options):
    if Path(path).name == "r02.txt":
        time.sleep(60)
    return _REAL_WORK(path, options)


_REAL_WORK = ingest_module._work


def test_a_file_over_the_time_limit_is_skipped_and_the_rest_go_on(tmp_path, monkeypatch):
    files = _write_reports(tmp_path / "in", 5)
    monkeypatch.setattr(ingest_module, "_work", _slow_on_one)  # workers fork: they see the patch
    with open_store(tmp_path / "s.db") as store:
        t0 = time.monotonic()
        result = ingest(store, files, jobs=2, timeout=8, batch=2)
        assert time.monotonic() - t0 < 55
        assert [p for p, _ in result.failed] == [str(files[2])]
        assert "8" in result.failed[0][1]
        assert sorted(result.added) == ["r00", "r01", "r03", "r04"]
        assert store.check_whole() == []


@pytest.fixture()
def tracked(tmp_path):
    """Targets and outcomes over several regions and years (national and provincial levels)."""
    s = open_store(tmp_path / "t.db")
    n = 0
    for region, level in (("全国", "national"), *((p, "province") for p in PROVINCES[:4])):
        for year in (2020, 2021, 2022):
            facts = [fact("target", str(year), "gdp", "growth", 6.0, "%", "approx",
                          f"{year}年生产总值增长6%左右。", "6%左右"),
                     fact("target", str(year), "cpi", "growth", 3.0, "%", "approx",
                          f"{year}年居民消费价格涨幅3%左右。", "3%左右"),
                     fact("actual", str(year - 1), "gdp", "growth", 5.0 + year % 3, "%", "exact",
                          f"{year - 1}年生产总值增长{5 + year % 3}%。", f"{5 + year % 3}%")]
            s.write_report(make_report(f"{region}_{year}", region, year, facts, level=level),
                           sha256=f"{n:064d}", size=10)
            n += 1
    yield s
    s.close()


def test_streamed_tracking_is_track_in_order(tracked):
    rows = track(tracked)
    assert rows == list(iter_track(tracked)) and len(rows) == 30
    assert rows == sorted(rows, key=lambda r: ({"national": 0, "province": 1}[r.level], r.region, r.year,
                                               r.indicator))
    tracker = Tracker(tracked)
    assert tracker.groups[0]["region"] == "全国"
    assert [r for i in range(len(tracker.groups)) for r in tracker.group(i)] == rows
    assert {r.verdict for r in rows} >= {"met", "no_outcome"}


def test_tracking_pages_add_up_to_the_whole(tracked):
    from starlette.testclient import TestClient

    from govreport.web.app import create_app

    with TestClient(create_app(store=tracked)) as client:
        whole = client.get("/tracking.json", params={"per_page": 1000}).json()
        assert whole["total"] == 30 == len(whole["rows"])
        for verdict in (None, "met"):
            params = {"per_page": 4, **({"verdict": verdict} if verdict else {})}
            want = [r for r in whole["rows"] if not verdict or r["verdict"] == verdict]
            got = []
            for page in range(1, 10):
                j = client.get("/tracking.json", params={**params, "page": page}).json()
                assert j["total"] == len(want) and j["page"] == page
                got += j["rows"]
            assert got == want
        assert sum(whole["verdicts"].values()) == 30
        html = client.get("/tracking", params={"per_page": 4, "page": 2})
        assert html.status_code == 200 and "第 2 / 8 页，共 30 条" in html.text and 'rel="next"' in html.text
        assert client.get("/tracking", params={"per_page": 0}).status_code == 400


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
@pytest.mark.parametrize("track_targets", [False, True])
def test_chunked_export_equals_the_whole_frame(tracked, tmp_path, monkeypatch, fmt, track_targets):
    whole = export_module.track_frame(tracked) if track_targets else export_module.facts_frame(tracked)
    monkeypatch.setattr(export_module, "CHUNK_ROWS", 4)  # many chunks …
    monkeypatch.setattr(export_module, "ROW_GROUP_ROWS", 8)  # … and row groups
    out = tmp_path / f"x.{fmt}"
    n = export_module.export(tracked, fmt, out, track_targets=track_targets)
    assert n == len(whole) > 8 and not out.with_name(out.name + ".part").exists()
    if fmt == "parquet":
        pd.testing.assert_frame_equal(pd.read_parquet(out), whole)
    else:
        monkeypatch.setattr(export_module, "CHUNK_ROWS", 10**6)
        one = tmp_path / "one.csv"
        export_module.write_frame(whole, "csv", one)
        assert out.read_bytes() == one.read_bytes()


def test_scale_corpus_is_deterministic_and_realistic(tmp_path):
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import scale_corpus
    finally:
        sys.path.remove(str(ROOT / "bench"))
    from govreport.metadata.gazetteer import load_gazetteer

    a = list(scale_corpus.generate(12, SHARED, seed=3))
    b = list(scale_corpus.generate(12, SHARED, seed=3))
    assert a == b and list(scale_corpus.generate(12, SHARED, seed=4)) != a
    names = {p.name for p in load_gazetteer().places}
    assert len({s.region for s in a}) == 2  # ten years per region
    for s in a:
        assert s.region in names and s.text.startswith(f"{s.year}年{s.region}政府工作报告\n")
        assert scale_corpus.MIN_CHARS <= len(s.text) <= scale_corpus.MAX_CHARS + 20_000
    assert [s.year for s in a[:10]] == list(range(a[0].year, a[0].year + 10))
    files, chars = scale_corpus.write_corpus(3, tmp_path / "c", SHARED, seed=3)
    assert files == 3 and sum(len(f.read_text(encoding="utf-8")) for f in (tmp_path / "c").iterdir()) == chars


def test_sorted_tracking_pages_sort_every_row_not_one_page(tracked):
    from starlette.testclient import TestClient

    from govreport.web.app import create_app

    with TestClient(create_app(store=tracked)) as client:
        whole = client.get("/tracking.json", params={"per_page": 1000}).json()["rows"]
        values = sorted((r["target_value"] for r in whole if r.get("target_value") is not None), reverse=True)
        got = []
        for page in range(1, 10):
            j = client.get("/tracking.json", params={"per_page": 4, "page": page, "sort": "target_value",
                                                     "order": "desc"}).json()
            assert (j["total"], j["sort"], j["order"]) == (30, "target_value", "desc")
            got += [r["target_value"] for r in j["rows"]]
        assert [v for v in got if v is not None] == values  # missing values last, in both orders
        assert client.get("/tracking", params={"sort": "nope"}).status_code == 400
        html = client.get("/tracking", params={"sort": "gap"}).text
        assert 'aria-sort="ascending"' in html
