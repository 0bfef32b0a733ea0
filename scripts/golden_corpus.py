"""Digests of the whole extract over the shared texts: the proof that a speed-up changes nothing.

    .venv/bin/python scripts/golden_corpus.py            # rewrite tests/digests/extract_digests.json
    .venv/bin/python scripts/golden_corpus.py --check    # compare only; exit 1 and name what changed

Every ../shared corpus, seeds and dev2 raw file is extracted (default Options: facts, tasks, slogans)
and its full JSON (doc, text, sections, facts, tasks, slogans, warnings) is hashed, with one digest
per part so that a difference says where it is. ``doc.source`` is replaced by the file's path
relative to ../shared, so the digests do not depend on where the checkout is.
tests/test_speed_golden.py compares the current output with the committed file.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GOLDEN = ROOT / "tests" / "digests" / "extract_digests.json"
PARTS = ("doc", "text", "sections", "facts", "tasks", "slogans", "warnings")


def golden_files(shared: Path = SHARED) -> list[Path]:
    """The files the golden covers, in a fixed order."""
    return (sorted(shared.glob("seeds/*.txt")) + sorted(shared.glob("corpus/*/*.txt"))
            + sorted(shared.glob("dev2/raw/*.txt")))


def _sha(value: Any) -> str:
    body = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]


def report_digest(data: dict[str, Any], name: str) -> dict[str, str]:
    """One report's JSON (``Report.to_dict()``) → {part: digest, "all": digest}."""
    data = dict(data, doc=dict(data["doc"], source=name))
    out = {part: _sha(data[part]) for part in PARTS}
    out["all"] = _sha([out[p] for p in PARTS])
    return out


def digests(files: list[Path], shared: Path = SHARED) -> dict[str, dict[str, str]]:
    from govreport import extract

    result: dict[str, dict[str, str]] = {}
    for path in files:
        name = path.relative_to(shared).as_posix()
        result[name] = report_digest(extract(path).to_dict(), name)
    return result


def differences(expected: dict[str, dict[str, str]], actual: dict[str, dict[str, str]]) -> list[str]:
    """One line per file whose digest differs: the file and the parts that changed."""
    lines = []
    for name in sorted(set(expected) | set(actual)):
        e, a = expected.get(name), actual.get(name)
        if e is None or a is None:
            lines.append(f"{name}: {'new file' if e is None else 'missing'}")
        elif e != a:
            lines.append(f"{name}: {', '.join(p for p in PARTS if e.get(p) != a.get(p))} changed")
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="compare with the committed digests; write nothing")
    a = ap.parse_args()
    actual = digests(golden_files())
    if a.check:
        diff = differences(json.loads(GOLDEN.read_text(encoding="utf-8")), actual)
        print("\n".join(diff) or f"{len(actual)} files: identical")
        sys.exit(1 if diff else 0)
    GOLDEN.parent.mkdir(parents=True, exist_ok=True)
    GOLDEN.write_text(json.dumps(actual, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(actual)} files → {GOLDEN.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
