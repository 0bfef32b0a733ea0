"""A deterministic corpus of N synthetic work reports for the scale benchmark.

    .venv/bin/python bench/scale_corpus.py --n 1000 --out /tmp/scale-1k [--seed 7] [--shared ../shared]

Each report is a title line naming a real region of the gazetteer and a year (``2016年某某县政府工作报告``),
then real cleaned paragraphs of ``../shared/seeds``, ``../shared/corpus`` and ``../shared/dev2/raw``
resampled (with a fixed seed) until the report holds 20,000–60,000 characters. Regions come from
the gazetteer's current units (provinces, cities, counties and districts alike) and each gets ten
consecutive years, so that tracking finds a later report for most targets, as in a real collection
(1,000 reports: 100 regions; 10,000: 1,000 regions). The same ``--n`` and ``--seed`` give the same
files, byte for byte; the first N files of a larger corpus are not those of a smaller one.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from govreport.ingest import clean_text
from govreport.metadata.gazetteer import load_gazetteer

YEARS_PER_REGION = 10
FIRST_YEAR = 2000
LAST_YEAR = 2025
MIN_CHARS, MAX_CHARS = 20_000, 60_000


@dataclass(frozen=True, slots=True)
class Synthetic:
    name: str  # file name
    region: str
    year: int
    text: str


def source_paragraphs(shared: Path) -> list[str]:
    """The cleaned, non-blank paragraphs of the shared texts, in a fixed order."""
    out: list[str] = []
    for folder in ("seeds", "corpus", "dev2/raw"):
        for f in sorted((shared / folder).rglob("*.txt")):
            text = clean_text(f.read_text(encoding="utf-8", errors="replace"))
            out += [line for line in text.split("\n") if len(line.strip()) >= 8]
    if not out:
        raise SystemExit(f"no paragraphs under {shared}/seeds, corpus or dev2/raw")
    return out


def regions() -> list[tuple[str, str]]:
    """(code, name) of every current unit of the gazetteer, in code order."""
    gaz = load_gazetteer()
    return sorted({(p.code, p.name) for p in gaz.places if not p.until and not p.common_name})


def generate(n: int, shared: Path, seed: int = 7) -> Iterator[Synthetic]:
    rng = random.Random(seed)
    paras = source_paragraphs(shared)
    units = regions()
    n_regions = max(1, -(-n // YEARS_PER_REGION))
    chosen = rng.sample(units, min(n_regions, len(units)))
    for i in range(n):
        code, name = chosen[(i // YEARS_PER_REGION) % len(chosen)]
        first = FIRST_YEAR + (hash_int(code, seed) % (LAST_YEAR - FIRST_YEAR - YEARS_PER_REGION + 2))
        year = first + i % YEARS_PER_REGION
        size = rng.randint(MIN_CHARS, MAX_CHARS)
        lines = [f"{year}年{name}政府工作报告", ""]
        total = 0
        while total < size:
            p = paras[rng.randrange(len(paras))]
            lines.append(p)
            total += len(p) + 1
        yield Synthetic(f"{code}_{year}_{i:05d}.txt", name, year, "\n".join(lines) + "\n")


def hash_int(text: str, seed: int) -> int:
    """A stable integer from ``text`` (Python's ``hash`` of a str changes between runs)."""
    return int.from_bytes(hashlib.sha256(f"{seed}:{text}".encode()).digest()[:4], "big")


def write_corpus(n: int, out: Path, shared: Path, seed: int = 7) -> tuple[int, int]:
    """Write the corpus to ``out`` (made if missing); return (files, characters)."""
    out.mkdir(parents=True, exist_ok=True)
    files = chars = 0
    for s in generate(n, shared, seed):
        (out / s.name).write_text(s.text, encoding="utf-8")
        files += 1
        chars += len(s.text)
    return files, chars


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, required=True, help="number of reports")
    ap.add_argument("--out", type=Path, required=True, help="folder to write them to")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared")
    args = ap.parse_args(argv)
    files, chars = write_corpus(args.n, args.out, args.shared, args.seed)
    print(f"wrote {files} reports, {chars:,} characters → {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
