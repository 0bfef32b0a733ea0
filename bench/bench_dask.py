"""A Dask run over every shared text on a LocalCluster, checked against the golden digests.

    .venv/bin/python bench/bench_dask.py [--workers 2] [--partition-size 8] [--out DIR]

Extracts seeds, corpus and dev2 raw with ``govreport.distributed.extract_with_dask`` on a
``LocalCluster`` (``--workers`` processes, one thread each) into a Parquet dataset, reads every
report back and compares its digest with ``tests/digests/extract_digests.json`` (the plain
extract's, see scripts/golden_corpus.py): the Dask run must give the same facts, tasks, slogans,
sections and doc fields for every file. Prints the wall time of the cluster start, the run and the
read-back, the dataset's size, and every file whose output differs (exit 1 if any).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _golden():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("golden_corpus", ROOT / "scripts" / "golden_corpus.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    from distributed import Client, LocalCluster

    from govreport.distributed import extract_with_dask
    from govreport.store.parquet_io import read_dataset

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--partition-size", type=int, default=8)
    ap.add_argument("--out", help="dataset folder (default: a temporary one)")
    a = ap.parse_args()
    g = _golden()
    files = g.golden_files()
    expected = json.loads(g.GOLDEN.read_text(encoding="utf-8"))
    out = Path(a.out or tempfile.mkdtemp(prefix="govreport-dask-"))
    t0 = time.perf_counter()
    cluster = LocalCluster(n_workers=a.workers, threads_per_worker=1, processes=True, dashboard_address=None)
    client = Client(cluster)
    t1 = time.perf_counter()
    result = extract_with_dask([(str(p), None) for p in files], out, client=client,
                               partition_size=a.partition_size)
    t2 = time.perf_counter()
    client.close()
    cluster.close()
    by_source = {src.source_path: report for report, src in read_dataset(out)}
    t3 = time.perf_counter()
    actual = {}
    for path in files:
        name = path.relative_to(g.SHARED).as_posix()
        report = by_source.get(str(path.resolve()))
        if report is not None:
            actual[name] = g.report_digest(report.to_dict(), name)
    diff = g.differences(expected, actual)
    size = sum(p.stat().st_size for p in out.rglob("*.parquet"))
    print(f"{len(files)} files on {a.workers} workers, {result.parts} partitions of {a.partition_size}: "
          f"cluster start {t1 - t0:.1f} s, extract {t2 - t1:.1f} s, read back {t3 - t2:.1f} s; "
          f"dataset {size / 1e6:.1f} MB in {out}")
    print(f"failed {len(result.failed)}, internal errors {len(result.internal)}")
    print("\n".join(diff) or f"all {len(actual)} reports identical to the plain extract (golden digests)")
    sys.exit(1 if diff or result.failed or result.internal else 0)


if __name__ == "__main__":
    main()
