#!/usr/bin/env python3
"""Task tables of a folder of reports: rows per report, kinds, the share with a lead unit (stated or
suggested), stated deadlines, and fiscal rows (there must be none).

usage: .venv/bin/python scripts/tasks_corpus.py [FOLDER]   (default ../shared/corpus/province-2026)
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from govreport.lexicons import read_yaml
from govreport.pipeline import extract


def main(folder: Path) -> int:
    fiscal = tuple(read_yaml("task_rules.yaml")["fiscal"])
    total: Counter[str] = Counter()
    print("report\trows\tquantified\tproject\tcreation\tpolicy\tlead unit\tstated\tdeadline\tfiscal")
    empty = 0
    for path in sorted(folder.glob("*.txt")):
        r = extract(path)
        kinds = Counter(t.kind for t in r.tasks)
        lead = sum(t.department is not None for t in r.tasks)
        stated = sum(t.department_source == "stated" for t in r.tasks)
        dated = sum(t.deadline is not None for t in r.tasks)
        bad = sum(any(w in r.text[t.span.start : t.span.end] for w in fiscal) and t.value is not None
                  and t.unit == "元" for t in r.tasks)
        n = len(r.tasks)
        empty += n == 0
        share = lead / n if n else 0.0
        print(f"{path.stem}\t{n}\t{kinds['quantified']}\t{kinds['project']}\t{kinds['creation']}\t{kinds['policy']}"
              f"\t{share:.0%}\t{stated}\t{dated}\t{bad}")
        total.update({"rows": n, "lead": lead, "stated": stated, "dated": dated, "fiscal": bad, "reports": 1})
    n = total["rows"]
    print(f"TOTAL\t{n} rows in {total['reports']} reports ({empty} without a table)\tlead unit "
          f"{total['lead'] / max(n, 1):.1%} (stated {total['stated']})\tdeadlines {total['dated']}"
          f"\tfiscal rows {total['fiscal']}")
    return 1 if empty or total["fiscal"] else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("../shared/corpus/province-2026")))
