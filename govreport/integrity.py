"""Integrity of a report's grounding: every span inside the text, a fact's words holding its number.

Used by the fuzzing gate (tests/test_fuzz.py, tests/test_robustness.py) and the long fuzz run
(scripts/fuzz.py), so both judge an extraction by the same rules.
"""

from __future__ import annotations

import json
import math

from govreport.ingest import matching_view
from govreport.model import Report

#: the characters of which a fact's words must hold one: digits, Chinese numerals, 首 (首位), 番 (翻番)
NUMERAL_CHARS = frozenset("0123456789零〇○一二两三四五六七八九十百千万亿几首番")


def span_problems(report: Report, json_check: bool = True) -> list[str]:
    """Every span of the report inside its text with start < end; a fact's words hold a number and
    no line break; values finite; with ``json_check``, the JSON encodable as UTF-8 (a lone surrogate
    raises). Empty when all is well."""
    text, n = report.text, len(report.text)
    bad: list[str] = []

    def ok(what: str, start: int, end: int, empty: bool = False) -> bool:
        if not (0 <= start <= end <= n) or (start == end and not empty):
            bad.append(f"{what} span [{start}, {end}) in a text of {n}")
            return False
        return True

    for s in report.sections:
        ok(f"section {s.id}", s.span.start, s.span.end)
    for f in report.facts:
        if ok("fact", f.span.start, f.span.end):
            words = text[f.span.start : f.span.end]
            if not NUMERAL_CHARS & set(matching_view(words)):
                bad.append(f"fact span {words!r} holds no number")
            if "\n" in words:
                bad.append(f"fact span {words!r} crosses a line break")
        ok("fact sentence", f.sentence_span.start, f.sentence_span.end, empty=True)
        if f.indicator_span is not None:
            ok("fact indicator", f.indicator_span.start, f.indicator_span.end)
        if not math.isfinite(f.value) or (f.value_max is not None and not math.isfinite(f.value_max)):
            bad.append(f"fact value {f.value}, {f.value_max}")
    for t in report.tasks:
        ok("task", t.span.start, t.span.end)
    for sl in report.slogans:
        ok("slogan", sl.span.start, sl.span.end)
    if json_check:
        json.dumps(json.loads(report.to_json()), ensure_ascii=False).encode("utf-8")
    return bad
