"""The whole extract over every shared text (seeds, corpus, dev2 raw) matches the committed digests.

It exists to prove that speed-ups change no output. After an intended change of output, regenerate
with ``.venv/bin/python scripts/golden_corpus.py`` and commit tests/digests/extract_digests.json.
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


def test_the_compound_prefilter_keeps_every_start_that_opens_two_segments() -> None:
    """slogans._COMPOUND_START (one regex scan) finds every numeral the old scan of every numeral run
    would have tried (a run of at least two numeral-led segments), over the corpus."""
    from govreport import slogans
    from govreport.ingest import matching_view

    tried = kept = 0
    for path in g_files():
        view = matching_view(path.read_text(encoding="utf-8"))
        fast = {m.start() for m in slogans._COMPOUND_START.finditer(view)}
        for m in slogans._RUN_START.finditer(view):
            run = slogans._HAN_RUN.match(view, m.start())
            if run and len(slogans._SEGMENT.findall(run.group())) >= 2:
                tried += 1
                kept += m.start() in fast
    assert tried > 1000 and kept == tried


def g_files() -> list[Path]:
    return _golden_module().golden_files(SHARED)
