"""Where ../shared (seeds, corpus, gold, spec) is, beside the project root."""

from __future__ import annotations

import os
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
#: set in CI (.ci/run): a test whose data is missing fails instead of being skipped or collecting nothing
REQUIRE_SHARED = os.environ.get("GOVREPORT_REQUIRE_SHARED") == "1"
#: what the suite reads from ../shared: (path, glob that must match at least one file)
NEEDED = (("seeds", "*.txt"), ("corpus", "*/*.txt"), ("dev2/raw", "*.txt"), ("gold/dev", "*.jsonl"),
          ("gold/dev2", "*.jsonl"), ("gold/tasks", "*.jsonl"), ("eval", "score.py"), ("spec", "*"))


#: words of a skip reason that say data is missing (the suite's own skips and pytest's empty parameter set)
DATA_SKIP_WORDS = ("shared", "seed", "corpus", "gold", "dev2", "empty parameter set")


def data_skip(reason: str) -> bool:
    """Whether a skip reason says that data is missing (such a skip fails when REQUIRE_SHARED)."""
    return any(w in reason.lower() for w in DATA_SKIP_WORDS)


def missing_shared(root: Path = SHARED) -> list[str]:
    """The parts of ``root`` (the shared folder) the suite needs and cannot find, as ``path/glob``."""
    return [f"{sub}/{pattern}" for sub, pattern in NEEDED if not any((root / sub).glob(pattern))]


if not (SHARED / "seeds").is_dir() or not (SHARED / "gold").is_dir():  # never collect zero cases silently
    raise RuntimeError(f"the shared data is missing: expected seeds/ and gold/ under {SHARED}")
SEEDS = sorted((SHARED / "seeds").glob("*.txt"))
CORPUS = sorted((SHARED / "corpus").glob("*/*.txt"))
DEV2 = sorted((SHARED / "dev2" / "raw").glob("*.txt"))
#: the doc fields score.py checks
DOC_FIELDS = ("region", "province", "city", "level", "report_year", "date", "speaker", "review_period",
              "plan_year", "partial")


def score_module():  # type: ignore[no-untyped-def]
    """``../shared/eval/score.py``, loaded as a module."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def extract_and_score(gold: Path, sources: list[Path], out: Path) -> tuple[dict, list]:  # type: ignore[type-arg]
    """Extract each source into ``out/<id>.json`` and score the folder against ``gold``."""
    import json

    from govreport import extract

    for path in sources:
        report = extract(path)
        (out / f"{report.doc.id}.json").write_text(report.to_json(), encoding="utf-8")
    result, misses = score_module().score(gold, out, show_misses=True)
    print(json.dumps(result, ensure_ascii=False, indent=1))
    for miss in misses:
        print("miss:", *miss)
    return result, misses


def digest(paths: list[Path]) -> str:
    """SHA-256 over the names and bytes of ``paths`` (sorted by name): a gate pins it, so a changed gold
    file or source text is noticed instead of silently moving the score."""
    import hashlib

    h = hashlib.sha256()
    for p in sorted(paths, key=lambda p: p.name):
        h.update(p.name.encode("utf-8") + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()
