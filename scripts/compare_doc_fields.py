"""Per report, gold vs predicted doc fields (region … partial), then the accuracy of each field.

    .venv/bin/python scripts/compare_doc_fields.py ../shared/gold/dev2 ../shared/dev2/raw [--only speaker,date]

Extracts each ``<doc>.txt`` of RAW_DIR in process (no tasks, no slogans) and prints only the
reports with a miss. The scoring (NFKC string equality) follows ``../shared/eval/score.py``.
"""

from __future__ import annotations

import argparse
import json
import unicodedata
from pathlib import Path

import govreport

FIELDS = ("region", "province", "city", "level", "report_year", "date", "speaker", "review_period",
          "plan_year", "partial")


def _nf(v: object) -> str:
    return unicodedata.normalize("NFKC", str(v))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", type=Path, help="a gold directory with docs.jsonl")
    ap.add_argument("raw", type=Path, help="the directory of the raw <doc>.txt files")
    ap.add_argument("--only", default="", help="comma-separated fields: show only reports missing one")
    args = ap.parse_args()
    only = set(filter(None, args.only.split(",")))
    ok = dict.fromkeys(FIELDS, 0)
    n = 0
    for line in (args.gold / "docs.jsonl").read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        path = args.raw / f"{gold['doc']}.txt"
        if not path.exists():
            continue
        n += 1
        doc = json.loads(govreport.extract(path, govreport.Options(tasks=False, slogans=False)).to_json())["doc"]
        bad = [k for k in FIELDS if k in gold and _nf(gold[k]) != _nf(doc.get(k))]
        for k in FIELDS:
            ok[k] += k in gold and k not in bad
        if bad and (not only or only & set(bad)):
            print(gold["doc"])
            for k in bad:
                print(f"    {k}: gold={gold[k]!r} pred={doc.get(k)!r}")
    print(n, json.dumps({k: round(v / n, 3) for k, v in ok.items()} if n else {}, ensure_ascii=False))


if __name__ == "__main__":
    main()
