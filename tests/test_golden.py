"""Output contracts: extract (text, jsonl), track, compare and the web JSON twins, byte for byte against
tests/golden/ (see tests/goldens.py). A change shows as a unified diff; when it is intended, run
``.venv/bin/python scripts/update_goldens.py`` and review ``git diff tests/golden``."""

from __future__ import annotations

import difflib

import pytest
from goldens import DB_SOURCES, EXTRACTS, GOLDEN, PAGES, QUERIES, produce


@pytest.fixture(scope="module")
def produced() -> dict[str, str]:
    return produce()


def _names() -> list[str]:
    return sorted(p.name for p in GOLDEN.iterdir() if p.is_file())


def test_every_golden_is_produced_and_every_output_has_a_golden(produced: dict[str, str]) -> None:
    assert sorted(produced) == _names(), "run scripts/update_goldens.py"
    assert len(produced) == sum(len(f) for _, f in EXTRACTS) + len(QUERIES) + len(PAGES)
    assert len(DB_SOURCES) >= 5


@pytest.mark.parametrize("name", _names())
def test_output_matches_its_golden(produced: dict[str, str], name: str) -> None:
    want = (GOLDEN / name).read_text(encoding="utf-8")
    got = produced.get(name)
    assert got is not None, f"{name} is no longer produced"
    if got != want:
        diff = "".join(difflib.unified_diff(want.splitlines(keepends=True), got.splitlines(keepends=True),
                                            f"golden/{name}", "now", n=2))
        lines = diff.splitlines()
        shown = "\n".join(lines[:120]) + (f"\n… {len(lines) - 120} more diff lines" if len(lines) > 120 else "")
        pytest.fail(f"{name} differs from its golden (intended? run scripts/update_goldens.py):\n{shown}",
                    pytrace=False)


def test_the_goldens_hold_real_content() -> None:
    """Not empty shells: facts in the extracts, verdicts in track, rows in the twins that ask for them."""
    assert "\ntarget\t2023\t" in (GOLDEN / "extract_002_169e54f75cef3fbb.txt").read_text(encoding="utf-8")
    track = (GOLDEN / "track.jsonl").read_text(encoding="utf-8")
    assert '"verdict": "met"' in track and '"verdict": "not_reported"' in track
    assert '"region": "全国"' in (GOLDEN / "compare_2021_gdp.jsonl").read_text(encoding="utf-8")
    assert '"rows": []' not in (GOLDEN / "web_tracking_gdp.json").read_text(encoding="utf-8")
    assert "<ingested_at>" in (GOLDEN / "web_reports.json").read_text(encoding="utf-8")
