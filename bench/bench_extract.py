"""Extraction throughput over seeds + corpus, beside a plain regex number scan of the same text.

    .venv/bin/python bench/bench_extract.py [--repeat N] [--shared DIR]

Prints characters per second for (a) a baseline: NFKC + ``re.finditer`` of numbers, (b) the
quantity grammar alone, (c) the whole extract (text → facts, tasks, slogans), and the ratios.
Both run in the same process on the same texts, so the ratio is what to compare across machines.
"""

from __future__ import annotations

import argparse
import re
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


def stages(files: list[Path], texts: list[str]) -> list[tuple[str, float]]:
    """Each step of the pipeline on its own, over the same texts."""
    docs = [Document(text=clean_text(t), name=f.stem) for f, t in zip(files, texts, strict=True)]
    views = [matching_view(d.text) for d in docs]
    metas = [extract_meta(d, v) for d, v in zip(docs, views, strict=True)]
    secs = [build_sections(d.text, v, m) for d, v, m in zip(docs, views, metas, strict=True)]
    steps = [
        ("read + decode + clean (files)", lambda: [read_source(f) for f in files]),
        ("matching view (T→S, full width)", lambda: [matching_view(d.text) for d in docs]),
        ("metadata", lambda: [extract_meta(d, v) for d, v in zip(docs, views, strict=True)]),
        ("sections", lambda: [build_sections(d.text, v, m) for d, v, m in zip(docs, views, metas, strict=True)]),
        ("facts", lambda: [extract_facts(d.text, v, s, m) for d, v, s, m in zip(docs, views, secs, metas,
                                                                                strict=True)]),
    ]
    out = []
    for name, fn in steps:
        out.append((name, timed(fn, repeat=3)))
    load_gazetteer.cache_clear()
    out.append(("gazetteer load (once per process)", timed(load_gazetteer, repeat=1)))
    return out


def timed(fn, *args, repeat: int) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn(*args)
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    shared = Path(a.shared)
    files = sorted(shared.glob("seeds/*.txt")) + sorted(shared.glob("corpus/*/*.txt"))
    texts = [f.read_text(encoding="utf-8", errors="replace") for f in files]
    chars = sum(len(t) for t in texts)
    opts = Options(text_only=True)
    full(texts[:2], opts)  # warm the caches (lexicons, automaton, compiled grammar)
    t_base = timed(baseline, texts, repeat=a.repeat)
    t_gram = timed(grammar_only, texts, repeat=a.repeat)
    opts_facts = Options(text_only=True, tasks=False, slogans=False)
    t_facts = timed(full, texts, opts_facts, repeat=a.repeat)
    t_full = timed(full, texts, opts, repeat=a.repeat)
    print(f"{len(files)} reports, {chars:,} characters; best of {a.repeat}")
    rows = [("regex number scan (baseline)", t_base), ("quantity grammar", t_gram),
            ("extract: text → facts", t_facts), ("extract: all (facts+tasks+slogans)", t_full)]
    for name, t in rows:
        print(f"{name:38s} {chars / t / 1e6:7.2f} M chars/s   {t / t_base:6.2f}x baseline time")
    print("steps:")
    for name, t in stages(files, texts):
        print(f"  {name:36s} {t * 1000:8.1f} ms   {t / t_base:6.2f}x baseline time")


if __name__ == "__main__":
    main()
