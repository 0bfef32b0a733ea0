"""Extraction cost against input size: synthetic reports of 1, 10 and 100 MB.

    .venv/bin/python bench/bench_scaling.py [--sizes 1,10,100] [--one-line 1,10] [--shared DIR] [--profile]

The reports are made of the cleaned paragraphs of ../shared/seeds and ../shared/corpus, resampled
deterministically (a fixed seed) and joined with real line breaks; the one-line variants join the
same paragraphs without any break. For each it prints wall and CPU seconds, characters per CPU
second, the ratios t(10)/t(1) and t(100)/t(10) of CPU time (≈ 10 when the cost is linear; CPU time,
so other processes on a shared machine do not skew them) and the peak resident memory of the
process (``resource.getrusage``; it only grows, so read it after the largest run).
"""

from __future__ import annotations

import argparse
import cProfile
import itertools
import pstats
import random
import resource
import sys
import time
from pathlib import Path

from govreport.ingest import clean_text
from govreport.options import Options
from govreport.pipeline import extract

MB = 1_000_000  # characters, not bytes: the unit the extractor's cost depends on


def paragraphs(shared: Path) -> list[str]:
    out: list[str] = []
    for folder in ("seeds", "corpus"):
        for f in sorted((shared / folder).rglob("*.txt")):
            # cleaned paragraphs: no page furniture, which would condemn a one-line text as a whole
            out += clean_text(f.read_text(encoding="utf-8", errors="replace")).split("\n")
    if not out:
        raise SystemExit(f"no paragraphs under {shared}/seeds or {shared}/corpus")
    return out


def synthetic(paras: list[str], chars: int, sep: str, seed: int = 20260) -> str:
    """A text of about ``chars`` characters: a whole report's paragraphs first (so it has a title,
    headings and a plan part), then paragraphs drawn at random (seeded) until the size is reached."""
    rng = random.Random(seed)
    pieces: list[str] = []
    n = 0
    for p in paras[:400]:
        pieces.append(p)
        n += len(p) + len(sep)
    while n < chars:
        p = paras[rng.randrange(len(paras))]
        pieces.append(p)
        n += len(p) + len(sep)
    return sep.join(pieces)[:chars]


def peak_rss_mb() -> float:
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kb / 1024 if sys.platform != "darwin" else kb / 1024 / 1024


def run(text: str, options: Options, profile: bool) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds, facts) of one extract."""
    prof = cProfile.Profile() if profile else None
    t0, c0 = time.perf_counter(), time.process_time()
    if prof:
        prof.enable()
    report = extract(text, options)  # the whole product path: ingest (clean), then every step
    if prof:
        prof.disable()
    dt, cpu = time.perf_counter() - t0, time.process_time() - c0
    if prof:
        pstats.Stats(prof).sort_stats("cumulative").print_stats(18)
    return dt, cpu, len(report.facts)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    ap.add_argument("--sizes", default="1,10,100", help="sizes in millions of characters, with line breaks")
    ap.add_argument("--one-line", default="1,10", help="sizes of the variant without any line break")
    ap.add_argument("--profile", action="store_true", help="print the top of a cProfile of each run")
    args = ap.parse_args()
    paras = paragraphs(args.shared)
    options = Options(max_bytes=1 << 40)
    extract("\n".join(paras[:50]), options)  # warm-up: lexicons and compiled grammars
    for label, sep, sizes in (("lines", "\n", args.sizes), ("one line", "", args.one_line)):
        times: dict[int, float] = {}
        for size in [int(s) for s in sizes.split(",") if s]:
            text = synthetic(paras, size * MB, sep)
            dt, cpu, n_facts = run(text, options, args.profile)
            times[size] = cpu
            print(f"{label:9s} {size:4d} M chars  {dt:9.2f} s wall  {cpu:9.2f} s CPU  {len(text) / cpu:12,.0f} chars/s (CPU)  "
                  f"{n_facts:9,d} facts  peak RSS {peak_rss_mb():8,.0f} MB", flush=True)
            del text
        ordered = sorted(times)
        for a, b in itertools.pairwise(ordered):
            print(f"{label:9s} t({b})/t({a}) = {times[b] / times[a]:.2f}   (CPU time; size ratio {b / a:g}, so linear ≈ {b / a:g})")


if __name__ == "__main__":
    main()
