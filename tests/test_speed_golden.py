"""The whole extract over every shared text (seeds, corpus, dev2 raw) matches the committed digests.

It exists to prove that speed-ups change no output. After an intended change of output, regenerate
with ``.venv/bin/python scripts/golden_corpus.py`` and commit tests/golden/extract_digests.json.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from shared_paths import SHARED

_SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "golden_corpus.py"


def _golden_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("golden_corpus", _SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_extract_output_matches_golden_digests() -> None:
    g = _golden_module()
    files = g.golden_files(SHARED)
    expected = json.loads(g.GOLDEN.read_text(encoding="utf-8"))
    assert len(files) == len(expected) > 100, "the golden covers every shared text"
    diff = g.differences(expected, g.digests(files, SHARED))
    assert not diff, "extract output changed (regenerate with scripts/golden_corpus.py if intended):\n" + \
        "\n".join(diff)


def test_digest_notices_a_changed_fact() -> None:
    g = _golden_module()
    data = {"doc": {"id": "x", "source": "/a/b"}, "text": "t", "sections": [], "facts": [{"value": 1}],
            "tasks": [], "slogans": [], "warnings": []}
    before = g.report_digest(data, "x.txt")
    after = g.report_digest(dict(data, facts=[{"value": 2}]), "x.txt")
    assert g.differences({"x.txt": before}, {"x.txt": after}) == ["x.txt: facts changed"]
    assert g.report_digest(dict(data, doc={"id": "x", "source": "/elsewhere"}), "x.txt") == before
