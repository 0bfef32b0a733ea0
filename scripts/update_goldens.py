#!/usr/bin/env python3
"""Regenerate the output-contract goldens under tests/golden/ (extract text/jsonl, track, compare, the web
pages' JSON twins) from the current code, then review them as a diff:

    .venv/bin/python scripts/update_goldens.py && git diff --stat tests/golden && git diff tests/golden

Files no longer produced are removed; the script prints what changed."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from goldens import GOLDEN, produce


def main() -> int:
    GOLDEN.mkdir(exist_ok=True)
    made = produce()
    changed = 0
    for name, text in sorted(made.items()):
        path = GOLDEN / name
        old = path.read_text(encoding="utf-8") if path.exists() else None
        if old != text:
            path.write_text(text, encoding="utf-8")
            print(("updated " if old is not None else "added ") + name)
            changed += 1
    for path in sorted(GOLDEN.iterdir()):
        if path.is_file() and path.name not in made:
            path.unlink()
            print(f"removed {path.name}")
            changed += 1
    print(f"{len(made)} goldens, {changed} changed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
