"""Tracking edges the merged code's mutation run (scripts/mutate.py --only tracking) left untested:
each case fails under one of the surviving mutants it was written for."""

from __future__ import annotations

import re

import pytest

from govreport.tracking import TrackRow, _row_key, _sentence


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
    got = [(r.region, r.year) for r in sorted(rows, key=lambda r: _row_key(r.to_dict()))]
    assert got == [("全国", 2022), ("北京市", 2020), ("北京市", 2021), ("天津市", 2020)]


def test_a_region_stored_at_two_levels_keeps_each_row_at_its_own_level(tmp_path) -> None:
    """重庆市 stored once as a province and once as a city, 天津市 as a province and as a district: the
    lower-level rows wait until their level's turn. 重庆市's city row comes out when a later city
    (长沙市 sorts after it) arrives; 天津市's district row after everything else, at the end."""
    from test_store_support import fact, make_report

    from govreport.store import open_store
    from govreport.tracking import track

    def target(region: str) -> dict:  # type: ignore[type-arg]
        return fact("target", "2021", "gdp", "growth", 6.0, "%", "min", f"{region}生产总值增长6%以上。", "6%以上")

    reports = [make_report("cq-c", "重庆市", 2021, [target("重庆市")], level="city"),
               make_report("tj-d", "天津市", 2021, [target("天津市")], level="district"),
               make_report("cs", "长沙市", 2021, [target("长沙市")], level="city", province="湖南省"),
               make_report("cq-p", "重庆市", 2021, [target("重庆市")]),
               make_report("tj-p", "天津市", 2021, [target("天津市")])]
    s = open_store(tmp_path / "two-levels.db")
    for i, r in enumerate(reports):
        s.write_report(r, sha256=f"{i:064d}")
    listed = [(r.region, r.level, r.target_report) for r in track(s, indicator="gdp") if r.verdict != "no_target"]
    s.close()
    expected = [("天津市", "province", "tj-p"), ("重庆市", "province", "cq-p"), ("重庆市", "city", "cq-c"),
                ("长沙市", "city", "cs"), ("天津市", "district", "tj-d")]
    assert listed == expected


def _target_sentences_by_find(text: str) -> list[list[tuple[int, str]]]:
    """The sentences of ``tracking._target_sentences`` found the plain way: the last of every end
    character before the mention, the first of every one after it, over the whole text."""
    lines: list[list[tuple[int, str]]] = []
    line_start, end = None, 0
    for m in re.finditer("目[标標]", text):
        if m.start() < end:
            continue
        start = max(text.rfind(c, 0, m.start()) for c in "。！？\n") + 1
        ends = [i for i in (text.find(c, m.end()) for c in "。！？\n") if i >= 0]
        end = min(ends) if ends else len(text)
        if end < len(text) and text[end] != "\n":
            end += 1
        here = text.rfind("\n", 0, start) + 1
        if here != line_start:
            lines.append([])
            line_start = here
        lines[-1].append((start, text[start:end]))
    return lines


@pytest.mark.parametrize("text", [
    "目标", "今年不设经济增长目标", "一、回顾。\n今年不设具体目标！全年目标？达成目标。\n",
    "前言\n\n目標：穩增長。其他目标\n目标", "没有句号的一行目标\n下一行也有目标。然后目标！",
    "。！？\n目标。目标！目标？目标\n", "主要目标是：增长6%左右；就业目标。后文没有结束符目标",
])
def test_target_sentences_are_those_the_plain_search_finds(text: str) -> None:
    from govreport.tracking import _target_sentences

    assert _target_sentences(text) == _target_sentences_by_find(text)
    assert _target_sentences(text)  # every text above mentions a target
