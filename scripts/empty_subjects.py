#!/usr/bin/env python3
"""A seeded random sample of the facts that have no subject words (``indicator_text`` empty).

Prints, for each sampled fact, the report, the fact's span words and the sentence with the span
marked 【…】: the material to classify by shape before writing a subject rule.

usage: python scripts/empty_subjects.py [DIR ...] [--n 80] [--seed 12]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from govreport import Options, extract

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DIRS = (ROOT.parent / "shared" / "corpus",)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dirs", nargs="*", type=Path, default=list(DEFAULT_DIRS))
    ap.add_argument("--n", type=int, default=80)
    ap.add_argument("--seed", type=int, default=12)
    args = ap.parse_args()
    paths = sorted(p for d in args.dirs for p in d.rglob("*") if p.suffix in {".txt", ".html", ".htm"})
    empty: list[tuple[str, str, str, str]] = []
    total = 0
    for path in paths:
        report = extract(path, Options(tasks=False, slogans=False))
        for f in report.facts:
            total += 1
            if f.indicator_text:
                continue
            a, b = f.span.start - f.sentence_span.start, f.span.end - f.sentence_span.start
            marked = f.sentence[:a] + "【" + f.sentence[a:b] + "】" + f.sentence[b:]
            empty.append((path.stem, report.text[f.span.start : f.span.end], f.unit, marked))
    print(f"facts {total}  without subject words {len(empty)}")
    for i, (doc, words, unit, marked) in enumerate(random.Random(args.seed).sample(empty, min(args.n, len(empty)))):
        a = marked.index("【")
        print(f"{i:2d} {doc} [{unit}] {words}\n   …{marked[max(0, a - 60) : a + 80]}…")


if __name__ == "__main__":
    main()
