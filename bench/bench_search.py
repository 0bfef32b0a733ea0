"""Time full-text search on a database: the scan of short terms against the LIKE it replaces,
and the trigram index for longer terms (median of N runs, warm, one process).

    python bench/bench_search.py DB [--runs 3] [--exact] [--old] [--queries 脱贫,发展,…]
    python bench/bench_search.py DB --web [--runs 5]     # /search served in-process (TestClient)

Per query it prints the hits on the web's first page, ``search_total`` (bounded as the web asks:
``web.pages.SEARCH_COUNT_MAX`` hits counted, ``SEARCH_SECONDS``), the time of that count plus the page (the web's two calls), and
with ``--old`` the exact count and the time of the LIKE scan over every paragraph (the code before).
"""

from __future__ import annotations

import argparse
import statistics
import time

from govreport.store import open_store
from govreport.web import pages

QUERIES = "发展,的,脱贫,减税,量子,碳汇,GDP,碳达峰,高质量,营商环境,乡村振兴,高标准农田,粤港澳大湾区,新型城镇化建设,脱贫 攻坚"


def _timed(fn):
    start = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("db")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--old", action="store_true", help="also time the LIKE scan of the code before")
    ap.add_argument("--exact", action="store_true", help="also time the exact count (search_count, unbounded)")
    ap.add_argument("--web", action="store_true", help="time /search instead (TestClient: a new query, then again)")
    ap.add_argument("--queries", default=QUERIES)
    args = ap.parse_args()
    if args.web:
        _web(args.db, args.queries.split(","), args.runs)
        return
    store = open_store(args.db, readonly=True)
    most, seconds = pages.SEARCH_COUNT_MAX, pages.SEARCH_SECONDS
    for query in args.queries.split(","):
        times, total, hits = [], None, []
        for _ in range(args.runs):
            store.__dict__.pop("_scan_cache", None)  # every run from cold (as a new query)
            (total, hits), t = _timed(lambda q=query: (store.search_total(q, at_most=most, time_limit=seconds),
                                                       store.search(q, limit=20, time_limit=seconds)))
            times.append(t)
        line = (f"{query:10s} page={len(hits):3d} total={total.count}{'' if total.complete else '+'}"
                f"{' (cut)' if total.timed_out else ''}  {statistics.median(times) * 1000:8.1f} ms")
        if args.exact:
            store.__dict__.pop("_scan_cache", None)
            n, t = _timed(lambda q=query: store.search_count(q))
            line += f"  | exact count={n} {t * 1000:8.1f} ms"
        if args.old:
            source, params = store._search_plan(query, {})
            (old,), t = _timed(lambda s=source, p=params: [store.rows(f"SELECT count(*) AS n FROM {s}", p)[0]["n"]])
            line += f"  | old LIKE count={old} {t * 1000:8.1f} ms"
        print(line, flush=True)


def _web(db: str, queries: list[str], runs: int) -> None:
    """``/search?q=…`` served in-process: wall and CPU of a new query's first page (the scan
    runs), then the median of ``runs`` more (the scan kept), and what the page says of the count."""
    from starlette.testclient import TestClient

    from govreport.web import create_app

    client = TestClient(create_app(db=db))
    client.get("/search", params={"q": "测试"})  # the server warm (facets, templates)

    def get(q: str) -> tuple[float, float]:
        wall, cpu = time.perf_counter(), time.process_time()
        assert client.get("/search", params={"q": q}).status_code == 200
        return time.perf_counter() - wall, time.process_time() - cpu

    for q in queries:
        first = get(q)
        again = [get(q) for _ in range(runs)]
        page = client.get("/search.json", params={"q": q}).json()
        print(f"/search?q={q}: new query {first[0] * 1000:.0f} ms wall, {first[1] * 1000:.0f} ms CPU; again "
              f"{statistics.median(a[0] for a in again) * 1000:.0f} / {statistics.median(a[1] for a in again) * 1000:.0f} ms;"
              f" count={page['count']} complete={page.get('count_complete')} timed_out={page.get('count_timed_out')}"
              f" reports_read={page.get('reports_read')}", flush=True)


if __name__ == "__main__":
    main()
