#!/usr/bin/env python3
"""How many extracted facts carry a canonical indicator id, and what the others are about.

Extracts every report under the given folders (default: ../shared/corpus, ../shared/dev2/raw and
../shared/seeds beside the project root), then prints the share of facts with an indicator id and
the most frequent ``indicator_text`` of the facts without one: the list to grow
``govreport/lexicons/indicators.tsv`` from.

The share is over every fact the extractor keeps (any figure, named subject or not; quantities inside a
short quotation and spans of years are not facts). ``--by-unit`` splits it by the kind of unit, since a
count of things (建成示范村500个, 新增上市公司62家) is a real figure that rarely has a canonical indicator.

usage: python scripts/indicator_coverage.py [DIR ...] [--top 60] [--by-id] [--by-unit] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from govreport import Options, extract

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEFAULT_DIRS = (SHARED / "corpus", SHARED / "dev2" / "raw", SHARED / "seeds")


_FAMILIES = {
    "percent": {"%", "个百分点"},
    "money": {"元", "美元", "欧元", "港元"},
    "people": {"人", "人次", "户"},
    "rank": {"位"},
    "count of things": {"个", "家", "项", "所", "条", "件", "座", "套", "部", "处", "种", "场", "批", "支", "类", "间",
                        "栋", "株", "棵", "只", "台", "头", "辆", "张", "篇", "次", "床"},
}


def family(unit: str) -> str:
    """The kind of a canonical unit: percent, money, people, rank, count of things, physical, none."""
    if not unit:
        return "none"
    return next((name for name, units in _FAMILIES.items() if unit in units), "physical")


def sources(dirs: list[Path]) -> list[Path]:
    out: list[Path] = []
    for d in dirs:
        out += sorted(p for p in d.rglob("*") if p.suffix in {".txt", ".html", ".htm"} and p.is_file())
    return out


def coverage(paths: list[Path]) -> dict[str, object]:
    with_id = without = 0
    unmatched: Counter[str] = Counter()
    by_id: Counter[str] = Counter()
    by_unit: Counter[tuple[str, bool]] = Counter()
    options = Options(tasks=False, slogans=False)
    for path in paths:
        report = extract(path, options)
        for f in report.facts:
            by_unit[(family(f.unit), f.indicator is not None)] += 1
            if f.indicator is not None:
                with_id += 1
                by_id[f.indicator] += 1
            else:
                without += 1
                unmatched[f.indicator_text or "(none)"] += 1
    total = with_id + without
    return {
        "reports": len(paths),
        "facts": total,
        "with_id": with_id,
        "share_with_id": round(with_id / total, 4) if total else 0.0,
        "ids_used": len(by_id),
        "by_id": by_id.most_common(),
        "by_unit": {fam: {"facts": by_unit[(fam, True)] + by_unit[(fam, False)], "with_id": by_unit[(fam, True)]}
                    for fam in sorted({fam for fam, _ in by_unit})},
        "unmatched": unmatched.most_common(),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dirs", nargs="*", type=Path)
    ap.add_argument("--top", type=int, default=60, help="how many unmatched indicator texts to print")
    ap.add_argument("--by-id", action="store_true", help="also print the count of facts per id")
    ap.add_argument("--by-unit", action="store_true", help="also print the share per kind of unit")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    paths = sources(args.dirs or [d for d in DEFAULT_DIRS if d.exists()])
    result = coverage(paths)
    if args.json:
        result["unmatched"] = result["unmatched"][: args.top]  # type: ignore[index]
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return 0
    print(f"reports {result['reports']}  facts {result['facts']}  with an id {result['with_id']} "
          f"({result['share_with_id']:.1%})  ids used {result['ids_used']}")
    if args.by_unit:
        for fam, row in result["by_unit"].items():  # type: ignore[attr-defined]
            share = row["with_id"] / row["facts"] if row["facts"] else 0.0
            print(f"  {fam:16s} facts {row['facts']:6d}  with an id {row['with_id']:6d} ({share:.1%})")
        print()
    if args.by_id:
        for ind, n in result["by_id"]:  # type: ignore[attr-defined]
            print(f"{n:6d}  {ind}")
        print()
    for text, n in result["unmatched"][: args.top]:  # type: ignore[index]
        print(f"{n:6d}  {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
