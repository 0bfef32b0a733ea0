"""Scale benchmark: ingest, track, export, search and the web pages over N synthetic reports.

    .venv/bin/python bench/bench_scale.py --n 1000 [--n 10000] [--work /tmp/govreport-scale] [--jobs 2]

For each N it writes the synthetic corpus (``bench/scale_corpus.py``; kept and reused when it is
already there), ingests it into a fresh database, then times ``track``, ``export`` (facts and
tracked targets, Parquet), ``panel`` (Parquet), full-text search and the main web pages (in-process, Starlette's
TestClient; median of 5 requests each). Every step runs in its own child process, so its peak
resident memory is its own: ``resource.getrusage`` of the step (self) and of its children (the
ingest workers; the largest one). It prints time, peak RSS, the database size against the text
size, what takes the space (SQLite's ``dbstat``), and, with several N, each step's growth from
the smallest N to the largest (≈ the size ratio when the cost is linear). ``--json FILE`` keeps
the figures; ``--compare FILE`` prints the growth against figures kept from another run;
``--queries-on DB [--steps track,web]`` times the query steps on a database made otherwise
(``replicate_db.py``); ``BENCH_PAGES=tracking,region`` limits the web step to those pages. A page's
figure is the median of 5 requests after a first, ``cold`` one (which fills the caches).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[0].parent / "shared"
QUERIES = ("脱贫", "高标准农田", "就业 增长", "营商环境")
#: the web pages timed: (name, path); {region} is a region of the corpus with reports in several years;
#: search: a term of 2 characters (no trigram: a LIKE scan), of 4 and of 6 (the trigram index)
PAGES = (("reports", "/reports"), ("reports.json", "/reports.json"), ("regions", "/regions"),
         ("region", "/regions/{region}"), ("search", "/search?q=脱贫"), ("search 4", "/search?q=营商环境"),
         ("search 6", "/search?q=乡村振兴战略"), ("tracking", "/tracking"),
         ("tracking region", "/tracking?region={region}"), ("tracking.json", "/tracking.json?region={region}"),
         ("report", "/report?id={report}"))


def _peak_mb() -> tuple[float, float]:
    """Peak RSS (MB) of this process and of its largest finished child (Linux: ru_maxrss in KB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, kids


# -- the steps (each run in a child process by ``--step``) ---------------------------------------
def _cli(args: list[str], stdout: Path | None = None) -> int:
    from govreport.cli import cli

    with contextlib.ExitStack() as stack:
        if stdout is not None:
            fh = stack.enter_context(stdout.open("w", encoding="utf-8"))
            stack.enter_context(contextlib.redirect_stdout(fh))
        try:
            cli.main(args, prog_name="govreport", standalone_mode=False)
        except SystemExit as exc:
            return int(exc.code or 0)
    return 0


def step_ingest(db: Path, corpus: Path, work: Path, jobs: int) -> dict[str, Any]:
    code = _cli(["ingest", str(corpus), "--db", str(db), "--no-progress", "-j", str(jobs)])
    return {"exit": code}


def step_track(db: Path, corpus: Path, work: Path, jobs: int) -> dict[str, Any]:
    out = work / "track.csv"
    code = _cli(["track", "--db", str(db), "--csv"], stdout=out)
    return {"exit": code, "rows": max(0, sum(1 for _ in out.open(encoding="utf-8")) - 1)}


def step_export_facts(db: Path, corpus: Path, work: Path, jobs: int) -> dict[str, Any]:
    out = work / "facts.parquet"
    code = _cli(["export", "--db", str(db), "--format", "parquet", "--out", str(out)])
    return {"exit": code, "bytes": out.stat().st_size if out.exists() else 0}


def step_export_track(db: Path, corpus: Path, work: Path, jobs: int) -> dict[str, Any]:
    out = work / "track.parquet"
    code = _cli(["export", "--db", str(db), "--format", "parquet", "--track", "--out", str(out)])
    return {"exit": code, "bytes": out.stat().st_size if out.exists() else 0}


def step_panel(db: Path, corpus: Path, work: Path, jobs: int) -> dict[str, Any]:
    out = work / "panel.parquet"
    code = _cli(["panel", "--db", str(db), "--format", "parquet", "--out", str(out)])
    return {"exit": code, "bytes": out.stat().st_size if out.exists() else 0}


def _median_ms(fn: Any, rounds: int = 5, clock: Any = time.perf_counter) -> float:
    """Median milliseconds of ``rounds`` calls of ``fn`` by ``clock`` (wall; or
    ``time.process_time``: this process's CPU, every thread, so a loaded machine does not count)."""
    times = []
    for _ in range(rounds):
        t0 = clock()
        fn()
        times.append((clock() - t0) * 1000)
    return statistics.median(times)


def step_search(db: Path, corpus: Path, work: Path, jobs: int) -> dict[str, Any]:
    from govreport.store import open_store

    with open_store(db, readonly=True) as store:
        return {"ms": {q: round(_median_ms(lambda q=q: store.search(q, limit=50)), 1) for q in QUERIES},
                "cpu_ms": {q: round(_median_ms(lambda q=q: store.search(q, limit=50), clock=time.process_time), 1)
                           for q in QUERIES}}


def step_web(db: Path, corpus: Path, work: Path, jobs: int) -> dict[str, Any]:
    from starlette.testclient import TestClient

    from govreport.web.app import create_app

    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    region = con.execute("SELECT region FROM reports WHERE region IS NOT NULL GROUP BY region "
                         "ORDER BY count(*) DESC, region LIMIT 1").fetchone()[0]
    report = con.execute("SELECT id FROM reports ORDER BY id LIMIT 1").fetchone()[0]
    con.close()
    out: dict[str, Any] = {"ms": {}, "cpu_ms": {}, "cold_ms": {}, "cold_cpu_ms": {}, "kb": {}, "status": {}}
    only = [p for p in os.environ.get("BENCH_PAGES", "").split(",") if p]
    with TestClient(create_app(db)) as client:
        for name, path in PAGES:
            if only and name not in only:
                continue
            url = path.format(region=region, report=report)
            t0, c0 = time.perf_counter(), time.process_time()
            response = client.get(url)
            out["cold_ms"][name] = round((time.perf_counter() - t0) * 1000, 1)
            out["cold_cpu_ms"][name] = round((time.process_time() - c0) * 1000, 1)
            out["status"][name] = response.status_code
            out["kb"][name] = round(len(response.content) / 1024, 1)
            out["ms"][name] = round(_median_ms(lambda url=url: client.get(url)), 1)
            out["cpu_ms"][name] = round(_median_ms(lambda url=url: client.get(url), clock=time.process_time), 1)
    return out


STEPS = {"ingest": step_ingest, "track": step_track, "export facts": step_export_facts,
         "export track": step_export_track, "panel": step_panel, "search": step_search, "web": step_web}


def run_step(name: str, db: Path, corpus: Path, work: Path, jobs: int) -> dict[str, Any]:
    t0, c0 = time.perf_counter(), os.times()
    result = STEPS[name](db, corpus, work, jobs)
    c1 = os.times()
    own, kids = _peak_mb()
    result.update(seconds=round(time.perf_counter() - t0, 2),
                  cpu=round(c1.user - c0.user + c1.system - c0.system
                            + c1.children_user - c0.children_user + c1.children_system - c0.children_system, 2),
                  cpu_self=round(c1.user - c0.user + c1.system - c0.system, 2),
                  rss_mb=round(own, 1), rss_children_mb=round(kids, 1))
    return result


# -- the driver ------------------------------------------------------------------------------------
def _child(name: str, db: Path, corpus: Path, work: Path, jobs: int) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--step", name, "--db", str(db),
           "--corpus", str(corpus), "--work", str(work), "--jobs", str(jobs)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr[-4000:])
        return {"error": f"exit {proc.returncode}"}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def space(db: Path) -> dict[str, int]:
    """Bytes per table (its indexes and, for the FTS table, its shadow tables included)."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        rows = con.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name").fetchall()
        owners = dict(con.execute("SELECT name, tbl_name FROM sqlite_master"))
    except sqlite3.OperationalError:  # SQLite built without dbstat
        return {}
    finally:
        con.close()
    out: dict[str, int] = {}
    for name, size in rows:
        owner = owners.get(name, name)
        if owner.startswith("paragraphs_fts"):
            owner = "paragraphs_fts"
        elif name.startswith("sqlite_autoindex_"):
            owner = name.removeprefix("sqlite_autoindex_").rsplit("_", 1)[0]
        out[owner] = out.get(owner, 0) + size
    return dict(sorted(out.items(), key=lambda kv: -kv[1]))


def bench(n: int, work: Path, jobs: int, shared: Path) -> dict[str, Any]:
    sys.path.insert(0, str(HERE))
    from scale_corpus import write_corpus

    base = work / f"n{n}"
    corpus = base / "corpus"
    marker = base / "corpus.json"
    if not marker.exists():
        t0 = time.perf_counter()
        files, chars = write_corpus(n, corpus, shared)
        marker.write_text(json.dumps({"files": files, "chars": chars}), encoding="utf-8")
        print(f"n={n}: wrote the corpus in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    info = json.loads(marker.read_text(encoding="utf-8"))
    text_bytes = sum(f.stat().st_size for f in corpus.iterdir())
    db = base / "govreport.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    out: dict[str, Any] = {"n": n, "chars": info["chars"], "text_bytes": text_bytes, "jobs": jobs, "steps": {}}
    for name in STEPS:
        print(f"n={n}: {name} …", file=sys.stderr, flush=True)
        out["steps"][name] = _child(name, db, corpus, base, jobs)
        print(f"n={n}: {name}: {json.dumps(out['steps'][name], ensure_ascii=False)}", file=sys.stderr, flush=True)
        if name == "ingest":
            if "error" in out["steps"][name]:
                break
            con = sqlite3.connect(db)
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                      for t in ("reports", "facts", "tasks", "slogans", "paragraphs")}
            con.close()
            out["rows"] = counts
            out["db_bytes"] = sum(Path(f"{db}{s}").stat().st_size for s in ("", "-wal")
                                  if Path(f"{db}{s}").exists())
            out["space"] = space(db)
    return out


def bench_db(db: Path, work: Path, jobs: int, steps: list[str] | None = None) -> dict[str, Any]:
    """The query steps (all but ingest) over an existing database, e.g. one made by replicate_db.py."""
    work.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    chars, text_bytes = con.execute("SELECT sum(n_chars), sum(length(CAST(text AS BLOB))) FROM reports").fetchone()
    counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("reports", "facts", "tasks", "slogans", "paragraphs")}
    con.close()
    out: dict[str, Any] = {"n": counts["reports"], "chars": chars, "text_bytes": text_bytes, "jobs": jobs,
                           "rows": counts, "db_bytes": db.stat().st_size, "space": space(db), "steps": {},
                           "db": str(db)}
    for name in STEPS:
        if name == "ingest" or (steps and name not in steps):
            continue
        print(f"{db}: {name} …", file=sys.stderr, flush=True)
        out["steps"][name] = _child(name, db, Path(), work, jobs)
        print(f"{db}: {name}: {json.dumps(out['steps'][name], ensure_ascii=False)}", file=sys.stderr, flush=True)
    return out


def _mb(b: float) -> str:
    return f"{b / 1e6:,.0f} MB"


def report(results: list[dict[str, Any]]) -> str:
    lines = []
    for r in results:
        lines.append(f"== {r['n']:,} reports, {r['chars']:,} characters ({_mb(r['text_bytes'])} of UTF-8 text), "
                     f"-j {r['jobs']}, {os.cpu_count()} cores" + (f", queries on {r['db']}" if "db" in r else ""))
        lines.append(f"   database {_mb(r.get('db_bytes', 0))} = {r.get('db_bytes', 0) / r['text_bytes']:.2f}× the text; "
                     f"rows {r.get('rows')}")
        lines.append("   space: " + ", ".join(f"{k} {_mb(v)}" for k, v in (r.get("space") or {}).items()))
        for name, s in r["steps"].items():
            if "error" in s:
                lines.append(f"   {name:<13} FAILED ({s['error']})")
                continue
            extra = {k: v for k, v in s.items() if k not in ("seconds", "cpu", "rss_mb", "rss_children_mb")}
            lines.append(f"   {name:<13} {s['seconds']:>8.2f} s wall {s['cpu']:>8.2f} s CPU   peak RSS "
                         f"{s['rss_mb']:>6.0f} MB (workers {s['rss_children_mb']:.0f} MB)   "
                         + json.dumps(extra, ensure_ascii=False))
    if len(results) > 1:
        small, large = results[0], results[-1]
        ratio = large["n"] / small["n"]
        lines.append(f"== growth {small['n']:,} → {large['n']:,} (size ratio {ratio:g}; linear ≈ {ratio:g})")
        lines.append(f"   database bytes ×{large.get('db_bytes', 0) / max(1, small.get('db_bytes', 1)):.2f}")
        for name in STEPS:
            a, b = small["steps"].get(name, {}), large["steps"].get(name, {})
            if "seconds" in a and "seconds" in b:
                line = (f"   {name:<13} time ×{b['seconds'] / max(a['seconds'], 1e-9):.2f}  "
                        f"CPU ×{b['cpu'] / max(a['cpu'], 1e-9):.2f}  peak RSS ×{b['rss_mb'] / max(a['rss_mb'], 1e-9):.2f}")
                if "ms" in a and "ms" in b:
                    line += "  ms " + ", ".join(f"{k} ×{b['ms'][k] / max(a['ms'][k], 1e-9):.2f}"
                                                for k in a["ms"] if k in b["ms"])
                lines.append(line)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, action="append", help="number of reports (repeatable)")
    ap.add_argument("--work", type=Path, default=Path("/tmp/govreport-scale"))
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--json", type=Path, help="write the figures here")
    ap.add_argument("--compare", type=Path, action="append", default=[], help="figures of an earlier run")
    ap.add_argument("--queries-on", type=Path, action="append", default=[],
                    help="time the query steps (no ingest) on this database (repeatable)")
    ap.add_argument("--steps", help="with --queries-on: only these steps (comma-separated)")
    ap.add_argument("--step", choices=sorted(STEPS), help=argparse.SUPPRESS)
    ap.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.step:
        print(json.dumps(run_step(args.step, args.db, args.corpus, args.work, args.jobs), ensure_ascii=False))
        return 0
    results = []
    for path in args.compare:
        results += json.loads(path.read_text(encoding="utf-8"))
    for db in args.queries_on:
        results.append(bench_db(db, args.work / db.stem, args.jobs, args.steps.split(",") if args.steps else None))
        if args.json:
            args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    for n in sorted(args.n or ([] if args.queries_on else [1000])):
        results.append(bench(n, args.work, args.jobs, args.shared))
        if args.json:
            args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    results.sort(key=lambda r: r["n"])
    print(report(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
