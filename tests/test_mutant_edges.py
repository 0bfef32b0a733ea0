"""Edges the merged code's mutation run (scripts/mutate.py --only tracking --only facts) left untested:
each case here fails under one of the surviving mutants it was written for."""

from __future__ import annotations

import pytest

from govreport import Options, extract
from govreport.tracking import TrackRow, _sentence, _sort_key

HEAD = "2021年某市人民政府工作报告\n——2021年1月20日在某市第十五届人民代表大会第五次会议上\n各位代表：\n"


@pytest.mark.parametrize(("text", "start", "end", "expected"), [
    ("甲乙。丙丁戊。", 3, 4, (3, 7)),  # from right after the mark before it, through its own mark
    ("丙丁戊。", 0, 1, (0, 4)),  # no mark before: the text's start
    ("甲；乙丙\n丁", 2, 3, (2, 5)),  # a ； or a line break ends the sentence before it too
])
def test_a_tracked_figure_s_sentence(text: str, start: int, end: int, expected: tuple[int, int]) -> None:
    assert _sentence(text, start, end) == expected


def _row(region: str, year: int, level: str = "province") -> TrackRow:
    return TrackRow(region=region, admin_code=None, level=level, year=year, period=str(year), indicator="gdp",
                    indicator_name="地区生产总值", direction="up", verdict="met")


def test_tracking_rows_sort_by_level_then_region_then_year() -> None:
    rows = [_row("天津市", 2020), _row("北京市", 2021), _row("全国", 2022, "national"), _row("北京市", 2020)]
    got = [(r.region, r.year) for r in sorted(rows, key=_sort_key)]
    assert got == [("全国", 2022), ("北京市", 2020), ("北京市", 2021), ("天津市", 2020)]


def _facts(part: str, sentence: str):  # type: ignore[no-untyped-def]
    report = extract(HEAD + part + sentence + "\n", Options(text_only=True, tasks=False, slogans=False))
    return [f for f in report.facts if f.indicator]


@pytest.mark.parametrize(("part", "sentence", "expected"), [
    # a growth over a span the passage names is cumulative; a one-year growth in the same plan is not
    ("二、“十四五”时期主要目标任务\n", "五年内地区生产总值增长40%。", ("gdp", "growth_cum", 40.0, "2021-2025")),
    ("二、2021年工作安排\n", "今年地区生产总值增长6%左右。", ("gdp", "growth", 6.0, "2021")),
])
def test_span_growth_is_cumulative(part: str, sentence: str, expected: tuple) -> None:  # type: ignore[type-arg]
    got = [(f.indicator, str(f.measure), f.value, f.period) for f in _facts(part, sentence)]
    assert expected in got, got


def test_a_trailing_subject_has_no_indicator_span_before_its_number() -> None:
    """288万农村贫困人口实现脱贫: the subject follows the number, so the fact's indicator words are
    not taken as a span before it; a subject before its number keeps its span."""
    trailing = [f for f in _facts("一、2020年工作回顾\n", "全年288万农村贫困人口实现脱贫。") if f.indicator == "poverty_reduction"]
    leading = [f for f in _facts("一、2020年工作回顾\n", "地区生产总值增长3%。") if f.indicator == "gdp"]
    assert trailing and trailing[0].indicator_span is None
    assert leading and leading[0].indicator_span is not None
