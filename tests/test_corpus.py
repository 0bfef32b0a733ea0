"""Every real report in ../shared/corpus extracts without error, and every span is sound."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from shared_paths import CORPUS, SHARED

from govreport import extract
from govreport.options import Options

_NUMERAL = re.compile(r"[\d〇零一二两三四五六七八九十百千万亿几首番]")


@pytest.mark.parametrize("path", CORPUS, ids=[p.stem for p in CORPUS])
def test_corpus_report(path: Path) -> None:
    report = extract(path, Options(tasks=True, slogans=True))
    text = report.text
    assert report.facts, "a whole report with no facts"
    for f in report.facts:
        assert 0 <= f.span.start < f.span.end <= len(text)
        words = text[f.span.start : f.span.end]
        assert _NUMERAL.search(words), f
        assert words == words.strip() and "\n" not in words, f
        if f.indicator_span:
            assert f.indicator_text is not None
            assert f.indicator_span.start <= f.span.start
    for s in report.sections:
        assert 0 <= s.span.start <= s.span.end <= len(text)
        assert s.title in text[s.span.start : s.span.end] or s.level == 0  # the report's own words
    for t in report.tasks:
        assert 0 <= t.span.start < t.span.end <= len(text)
    for s in report.slogans:
        assert 0 <= s.span.start < s.span.end <= len(text)
        assert text[s.span.start : s.span.end].strip() == text[s.span.start : s.span.end]


# GDP growth targets as printed in the State Council reports (value, value_max, bound)
NATIONAL_GDP_TARGETS = {
    2003: (7, None, "approx"), 2004: (7, None, "approx"), 2007: (8, None, "approx"), 2008: (8, None, "approx"),
    2009: (8, None, "approx"), 2010: (8, None, "approx"), 2011: (8, None, "approx"), 2014: (7.5, None, "approx"),
    2015: (7, None, "approx"), 2016: (6.5, 7, "range"), 2017: (6.5, None, "approx"), 2021: (6, None, "min"),
    2022: (5.5, None, "approx"),
}


@pytest.mark.parametrize(("year", "expected"), sorted(NATIONAL_GDP_TARGETS.items()))
def test_national_gdp_target(year: int, expected: tuple) -> None:  # type: ignore[type-arg]
    report = extract(SHARED / "corpus" / "national" / f"national_{year}.txt", Options(tasks=False, slogans=False))
    got = {(f.value, f.value_max, str(f.bound)) for f in report.facts
           if f.indicator == "gdp" and str(f.kind) == "target" and str(f.measure) == "growth" and f.period == str(year)}
    assert got == {expected}


def _facts_with(path: str, words: str) -> list:  # type: ignore[type-arg]
    """The facts of a corpus report whose words (on the matching view) contain ``words``."""
    from govreport.ingest import matching_view

    report = extract(SHARED / "corpus" / path, Options(tasks=False, slogans=False))
    view = matching_view(report.text)
    return [f for f in report.facts if words in view[f.span.start : f.span.end]]


@pytest.mark.parametrize(("path", "words", "expected"), [
    # 五年内…增长百分之四十四: the growth over the seventh plan, not a 1986 growth
    ("national/national_1986.txt", "国民生产总值增长百分之四十四", ("target", "1986-1990", "gdp", "growth_cum", 44)),
    # 1986年同1978年相比，…增长102%: growth since 1978, not a one-year actual
    ("national/national_1987.txt", "按可比价格计算增长102%", ("actual", "1978-1986", "gdp", "growth_cum", 102)),
    # 一九三六年的粮食产量是三千亿斤: a figure of 1936, no 1955 target
    ("national/national_1955.txt", "粮食产量是三千亿斤", ("actual", "1936", "grain_output", "level", 1.5e8)),
    # 到一九八五年，粮食产量达到八千亿斤: the target year the sentence spells out
    ("national/national_1978.txt", "粮食产量达到八千亿斤", ("target", "1985", "grain_output", "level", 4e8)),
    # 城镇新增就业603.7万人 under “十四五”时期和2025年工作回顾 / 过去的五年: the five-year total
    ("province-2026/河南省_2026.txt", "城镇新增就业603.7万人", ("actual", "2021-2025", "new_urban_jobs", "level", 6.037e6)),
])
def test_corpus_periods(path: str, words: str, expected: tuple) -> None:  # type: ignore[type-arg]
    facts = _facts_with(path, words)
    assert [(str(f.kind), f.period, f.indicator, str(f.measure), f.value) for f in facts] == [expected]
    assert facts[0].period_source in ("sentence", "passage")
