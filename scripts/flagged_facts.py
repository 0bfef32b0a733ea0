#!/usr/bin/env python3
"""Every fact the quality checks flag (Fact.checks), over a corpus: report, flag, the fact's words.

usage: python scripts/flagged_facts.py [DIR ...]   (default: ../shared/corpus beside the project root)
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from govreport import Options, extract

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dirs", nargs="*", type=Path)
    args = ap.parse_args(argv)
    paths = sorted(p for d in (args.dirs or [SHARED / "corpus"]) for p in d.rglob("*.txt"))
    kinds: Counter[str] = Counter()
    total = 0
    for path in paths:
        report = extract(path, Options(tasks=False, slogans=False))
        total += len(report.facts)
        for f in report.facts:
            for flag in f.checks:
                kinds[flag.split(":", 1)[0]] += 1
                words = report.text[f.span.start : f.span.end].replace("\n", " ")
                print(f"{path.stem}\t{flag}\t{words}")
    print(f"# {sum(kinds.values())} flags on {total} facts: {dict(kinds)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
