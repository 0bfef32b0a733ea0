"""Time full-text search on a database: the scan of short terms against the LIKE it replaces,
and the trigram index for longer terms (median of N runs, warm, one process).

    python bench/bench_search.py DB [--runs 3] [--old] [--queries 脱贫,发展,…]

Per query it prints the hits on the web's first page, ``search_total`` (bounded as the web asks:
at most 1000 hits counted, 0.25 s), the time of that count plus the page (the web's two calls), and
with ``--old`` the exact count and the time of the LIKE scan over every paragraph (the code before).
"""

from __future__ import annotations

import argparse
import statistics
import time

from govreport.store import open_store

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
    ap.add_argument("--queries", default=QUERIES)
    args = ap.parse_args()
    store = open_store(args.db, readonly=True)
    for query in args.queries.split(","):
        times, total, hits = [], None, []
        for _ in range(args.runs):
            store.__dict__.pop("_scan_cache", None)  # every run from cold (as a new query)
            (total, hits), t = _timed(lambda q=query: (store.search_total(q, at_most=1000, time_limit=0.25),
                                                       store.search(q, limit=20, time_limit=0.25)))
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


if __name__ == "__main__":
    main()
