"""A K-times larger database from an ingested one, for timing the queries at scale without
extracting K times as many reports.

    .venv/bin/python bench/replicate_db.py SRC.db DST.db --times 10 [--facts-only]

Copy k (1 … K-1) of every report gets the id ``ID~k``, another real region of the gazetteer
(each source region is mapped to one unused region, so tracking groups stay the same size), a
distinct SHA-256 and source path; its sections, facts, tasks, slogans and paragraphs are copied
with SQL and its paragraphs indexed through ``fulltext.write_rows`` (the ingest's own write
path). The extracted rows are those of real ingested reports, so the query costs are real; only
the extraction is not repeated. Deterministic. ``--facts-only`` copies reports, sections, facts
and slogans but not tasks, paragraphs and their index (4× less to write: enough for tracking, the
exports and the list pages; search and the report page then see only the source's reports).
The copy ends as an ingest does (``summarize``): opened by govreport (migrated to its schema)
and tracking's counts per region kept (``track_summary.refresh``), so /tracking reads them.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import sqlite3
import sys
import time
from pathlib import Path

from govreport.metadata.gazetteer import load_gazetteer
from govreport.store import fulltext


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]


def replicate(src: Path, dst: Path, times: int, facts_only: bool = False) -> int:
    """Write ``dst``: ``src`` and ``times - 1`` renamed copies of its reports; returns the reports."""
    with sqlite3.connect(src) as con:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{dst}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(src, dst)
    conn = sqlite3.connect(dst, isolation_level=None)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = OFF")
    reports = [dict(r) for r in conn.execute("SELECT * FROM reports ORDER BY id")]
    used = {r["region"] for r in reports}
    free = sorted((p.code, p.name) for p in load_gazetteer().places
                  if not p.until and not p.common_name and p.name not in used)
    regions = sorted({r["region"] for r in reports if r["region"]})
    if len(free) < len(regions) * (times - 1):
        raise SystemExit(f"not enough unused regions for {times} copies of {len(regions)} regions")
    # schema 7 (store/compact.py) keeps facts, tasks and paragraphs in *_rows tables (views by the old names)
    compact = bool(conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'fact_rows' AND type = 'table'").fetchone())
    facts_t, tasks_t, paras_t = ("fact_rows", "task_rows", "paragraph_rows") if compact else ("facts", "tasks", "paragraphs")
    cols = {t: _columns(conn, t) for t in (facts_t, "sections", tasks_t, "slogans")}
    n = len(reports)
    for k in range(1, times):
        t0 = time.perf_counter()
        mapping = {name: free[(k - 1) * len(regions) + i] for i, name in enumerate(regions)}
        conn.execute("BEGIN")
        for r in reports:
            code, region = mapping.get(r["region"], (r["admin_code"], r["region"]))
            new = dict(r, id=f"{r['id']}~{k}", region=region, admin_code=code,
                       sha256=hashlib.sha256(f"{r['sha256']}~{k}".encode()).hexdigest(),
                       source_path=f"{r['source_path']}~{k}")
            if r["level"] == "province":
                new["province"] = region
            names = ", ".join(new)
            conn.execute(f"INSERT INTO reports ({names}) VALUES ({', '.join('?' * len(new))})", list(new.values()))
            for table in ("sections", "slogans") if facts_only else ("sections", tasks_t, "slogans"):
                c = cols[table]
                select = ", ".join("?" if x == "report_id" else x for x in c)
                conn.execute(f"INSERT INTO {table} ({', '.join(c)}) SELECT {select} FROM {table} WHERE report_id = ?",
                             (new["id"], r["id"]))
            c = [x for x in cols[facts_t] if x != "id"]
            repl = {"report_id": new["id"], "region": region, "admin_code": code}
            if r["level"] == "province":
                repl["province"] = region
            select = ", ".join("?" if x in repl else x for x in c)
            params = [repl[x] for x in c if x in repl]
            conn.execute(f"INSERT INTO {facts_t} ({', '.join(c)}) SELECT {select} FROM {facts_t} WHERE report_id = ?",
                         (*params, r["id"]))
            if facts_only:
                continue
            base = conn.execute(f"SELECT coalesce(max(id), 0) FROM {paras_t}").fetchone()[0]
            paras = conn.execute(f"SELECT seq, start, end, folded FROM {paras_t} WHERE report_id = ? "
                                 "ORDER BY seq", (r["id"],)).fetchall()
            fulltext.write_rows(conn, [(base + 1 + i, new["id"], p["seq"], p["start"], p["end"],
                                        r["text"][p["start"]:p["end"]], p["folded"]) for i, p in enumerate(paras)])
        conn.execute("COMMIT")
        n += len(reports)
        print(f"copy {k}: {len(reports)} reports in {time.perf_counter() - t0:.1f} s", file=sys.stderr, flush=True)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    summarize(dst)
    return n


def summarize(db: Path) -> None:
    """What an ingest does at its end: migrate the copy to this govreport's schema and keep
    tracking's counts per region (``track_summary.refresh``), so /tracking reads them."""
    from govreport.store import open_store
    from govreport.track_summary import refresh

    t0 = time.perf_counter()
    with open_store(db) as store:
        regions = refresh(store)
    print(f"tracking counts of {regions} regions in {time.perf_counter() - t0:.1f} s", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("src", type=Path)
    ap.add_argument("dst", type=Path)
    ap.add_argument("--times", type=int, default=10)
    ap.add_argument("--facts-only", action="store_true", help="no tasks, paragraphs or full-text index in the copies")
    args = ap.parse_args(argv)
    print(f"{replicate(args.src, args.dst, args.times, args.facts_only)} reports → {args.dst}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
