"""Tracking edges the merged code's mutation run (scripts/mutate.py --only tracking) left untested:
each case fails under one of the surviving mutants it was written for."""

from __future__ import annotations

import pytest

from govreport.tracking import TrackRow, _sentence, _sort_key


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
