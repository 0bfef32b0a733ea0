"""Extraction throughput over seeds + corpus, beside a plain regex number scan of the same text.

    .venv/bin/python bench/bench_extract.py [--rounds N] [--shared DIR]

Measured as interleaved rounds: each round times the baseline (NFKC + ``re.finditer`` of numbers),
the quantity grammar alone, text → facts and the whole extract (facts, tasks, slogans) one after
the other on the same texts, and takes each ratio to the baseline *inside the round*, so a load
that comes and goes on the machine moves both sides of a ratio. Prints the median ratio and its
spread (min–max over the rounds), then the time of each step of the pipeline (median of 3, each
step's ratio taken to a baseline timed just before it). The task finder is timed twice: finding the
quantities again, and handed the quantities as the pipeline hands them (found once for the facts).
"""
from __future__ import annotations

import argparse
import re
import statistics
import time
import unicodedata
from pathlib import Path

from govreport.facts import extract_facts
from govreport.ingest import Document, clean_text, matching_view, read_source
from govreport.metadata import extract_meta
from govreport.metadata.gazetteer import load_gazetteer
from govreport.numbers import find_quantities
from govreport.options import Options
from govreport.pipeline import extract
from govreport.sections import build_sections
from govreport.slogans import extract_slogans
from govreport.tasks import extract_tasks

NUMBER = re.compile(r"\d+(?:\.\d+)?")


def baseline(texts: list[str]) -> int:
    n = 0
    for t in texts:
        n += sum(1 for _ in NUMBER.finditer(unicodedata.normalize("NFKC", t)))
    return n


def grammar_only(texts: list[str]) -> int:
    return sum(len(find_quantities(matching_view(t))) for t in texts)


def full(texts: list[str], options: Options) -> int:
    return sum(len(extract(t, options).facts) for t in texts)


def stages(files: list[Path], texts: list[str]) -> list[tuple[str, float, float]]:
    """Each step of the pipeline on its own, over the same texts."""
    docs = [Document(text=clean_text(t), name=f.stem) for f, t in zip(files, texts, strict=True)]
    views = [matching_view(d.text) for d in docs]
    metas = [extract_meta(d, v) for d, v in zip(docs, views, strict=True)]
    secs = [build_sections(d.text, v, m) for d, v, m in zip(docs, views, metas, strict=True)]
    qs = [find_quantities(v) for v in views]  # the pipeline finds them once, for the facts and the tasks
    steps = [
        ("read + decode + clean (files)", lambda: [read_source(f) for f in files]),
        ("matching view (T→S, full width)", lambda: [matching_view(d.text) for d in docs]),
        ("metadata", lambda: [extract_meta(d, v) for d, v in zip(docs, views, strict=True)]),
        ("sections", lambda: [build_sections(d.text, v, m) for d, v, m in zip(docs, views, metas, strict=True)]),
        ("facts", lambda: [extract_facts(d.text, v, s, m) for d, v, s, m in zip(docs, views, secs, metas,
                                                                                strict=True)]),
        ("tasks (quantities found again)", lambda: [extract_tasks(d.text, v, s, m) for d, v, s, m in zip(
            docs, views, secs, metas, strict=True)]),
        ("tasks (quantities handed over)", lambda: [extract_tasks(d.text, v, s, m, q) for d, v, s, m, q in zip(
            docs, views, secs, metas, qs, strict=True)]),
        ("slogans", lambda: [extract_slogans(d.text, v) for d, v in zip(docs, views, strict=True)]),
    ]
    out = []
    for name, fn in steps:  # each step beside a baseline timed just before it: the ratio inside the pair
        pairs = [(timed(baseline, texts, repeat=1), timed(fn, repeat=1)) for _ in range(3)]
        out.append((name, statistics.median(t for _, t in pairs), statistics.median(t / b for b, t in pairs)))
    load_gazetteer.cache_clear()
    t_base = timed(baseline, texts, repeat=1)
    t_gaz = timed(load_gazetteer, repeat=1)
    out.append(("gazetteer load (once per process)", t_gaz, t_gaz / t_base))
    return out


def timed(fn, *args, repeat: int) -> float:  # type: ignore[no-untyped-def]
    """The median of ``repeat`` timings of ``fn(*args)``."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn(*args)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def rounds(texts: list[str], n: int) -> dict[str, list[float]]:
    """``n`` interleaved rounds: per round, seconds of the baseline and ratios of the others to it."""
    opts_facts = Options(text_only=True, tasks=False, slogans=False)
    opts = Options(text_only=True)
    steps = {"quantity grammar": lambda: grammar_only(texts), "extract: text → facts": lambda: full(texts, opts_facts),
             "extract: all (facts+tasks+slogans)": lambda: full(texts, opts)}
    out: dict[str, list[float]] = {"baseline s": [], **{name: [] for name in steps}}
    for _ in range(n):
        t_base = timed(baseline, texts, repeat=1)
        out["baseline s"].append(t_base)
        for name, fn in steps.items():
            out[name].append(timed(fn, repeat=1) / t_base)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    ap.add_argument("--rounds", type=int, default=7)
    a = ap.parse_args()
    shared = Path(a.shared)
    files = sorted(shared.glob("seeds/*.txt")) + sorted(shared.glob("corpus/*/*.txt"))
    texts = [f.read_text(encoding="utf-8", errors="replace") for f in files]
    chars = sum(len(t) for t in texts)
    full(texts[:2], Options(text_only=True))  # warm the caches (lexicons, automaton, compiled grammar)
    result = rounds(texts, a.rounds)
    base = result.pop("baseline s")
    t_base = statistics.median(base)
    print(f"{len(files)} reports, {chars:,} characters; {a.rounds} interleaved rounds, ratio to the baseline "
          "taken inside each round: median [min–max]")
    print(f"{'regex number scan (baseline)':38s} {chars / t_base / 1e6:7.2f} M chars/s   "
          f"{t_base * 1000:8.1f} ms [{min(base) * 1000:.1f}–{max(base) * 1000:.1f}]")
    for name, ratios in result.items():
        med = statistics.median(ratios)
        print(f"{name:38s} {chars / (med * t_base) / 1e6:7.2f} M chars/s   {med:6.2f}x baseline time "
              f"[{min(ratios):.2f}–{max(ratios):.2f}]")
    print("steps (median of 3, each ratio to a baseline timed just before it):")
    for name, t, ratio in stages(files, texts):
        print(f"  {name:36s} {t * 1000:8.1f} ms   {ratio:6.2f}x baseline time")


if __name__ == "__main__":
    main()
