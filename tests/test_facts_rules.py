"""Rules of the fact layer at their edges (issue 16: behaviours a planted bug slipped past)."""

from __future__ import annotations

import pytest

from govreport import Options, extract


def _facts(sentence: str, heading: str = "一、2020年工作回顾") -> list[tuple[str | None, float, str]]:
    r = extract(f"某县2021年政府工作报告\n{heading}\n{sentence}\n", Options(doc_id="x", tasks=False, slogans=False))
    return [(f.indicator, f.value, str(f.kind)) for f in r.facts]


@pytest.mark.parametrize(("sentence", "indicator"), [
    ("全县生产总值增长8%。", "gdp"),  # the report's own level: the indicator
    ("开发区生产总值增长8%。", None),  # three characters glued before it: a part (the zone's GDP)
    ("园区内生产总值增长8%。", None),
    ("产业集聚区生产总值增长8%。", None),
])
def test_words_glued_before_an_indicator_narrow_it(sentence: str, indicator: str | None) -> None:
    assert _facts(sentence) == [(indicator, 8.0, "actual")]
