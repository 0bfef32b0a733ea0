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


# One figure of every corpus report, read from its text by hand (value in the canonical unit); the
# reports above (national GDP targets, test_corpus_periods) are not repeated. "words" are the number's
# own words on the matching view (simplified, half-width): every fact whose span holds them has this value.
KNOWN_VALUES = {
    "province-2026/云南省_2026.txt": ("地区生产总值增长4.5%左右", 4.5, None, "%", "approx"),
    "province-2026/内蒙古自治区_2026.txt": ("地区生产总值增长5%左右", 5, None, "%", "approx"),
    "province-2026/北京市_2026.txt": ("地区生产总值增长5%左右", 5, None, "%", "approx"),
    "province-2026/吉林省_2026.txt": ("地区生产总值增长5%左右", 5, None, "%", "approx"),
    "province-2026/天津市_2026.txt": ("地区生产总值增长4.5%", 4.5, None, "%", "exact"),
    "province-2026/宁夏回族自治区_2026.txt": ("地区生产总值增长5%左右", 5, None, "%", "approx"),
    "province-2026/安徽省_2026.txt": ("地区生产总值增长5%—5.5%", 5, 5.5, "%", "range"),
    "province-2026/山西省_2026.txt": ("地区生产总值增长4.5%—5%", 4.5, 5, "%", "range"),
    "province-2026/广西壮族自治区_2026.txt": ("地区生产总值增长5.1%", 5.1, None, "%", "exact"),
    "province-2026/新疆维吾尔自治区_2026.txt": ("地区生产总值增长5.5%—6%", 5.5, 6, "%", "range"),
    "province-2026/江苏省_2026.txt": ("地区生产总值增长5.3%", 5.3, None, "%", "exact"),
    "province-2026/江西省_2026.txt": ("地区生产总值增长5.2%", 5.2, None, "%", "exact"),
    "province-2026/河北省_2026.txt": ("地区生产总值增长5%以上", 5, None, "%", "min"),
    "province-2026/河南省_2026.txt": ("生产总值增长5.6%", 5.6, None, "%", "exact"),
    "province-2026/海南省_2026.txt": ("地区生产总值增长6%左右", 6, None, "%", "approx"),
    "province-2026/湖南省_2026.txt": ("地区生产总值增长5%左右", 5, None, "%", "approx"),
    "province-2026/甘肃省_2026.txt": ("地区生产总值增长5.8%", 5.8, None, "%", "exact"),
    "province-2026/西藏自治区_2026.txt": ("地区生产总值增长7%以上", 7, None, "%", "min"),
    "province-2026/贵州省_2026.txt": ("地区生产总值增长5%左右", 5, None, "%", "approx"),
    "province-2026/辽宁省_2026.txt": ("地区生产总值增长4.5%左右", 4.5, None, "%", "approx"),
    "province-2026/陕西省_2026.txt": ("地区生产总值增长5.1%", 5.1, None, "%", "exact"),
    "province-2026/青海省_2026.txt": ("地区生产总值增长4.5%左右", 4.5, None, "%", "approx"),
    "province-2026/黑龙江省_2026.txt": ("地区生产总值增长4.5-5%", 4.5, 5, "%", "range"),
    "national/national_1954.txt": ("百分之三十六点九", 36.9, None, "%", "exact"),
    "national/national_1956.txt": ("3,680亿斤", 1.84e8, None, "吨", "exact"),
    "national/national_1957.txt": ("一万六千五百八十亿斤", 8.29e8, None, "吨", "exact"),
    "national/national_1958.txt": ("三千九百二十亿斤", 1.96e8, None, "吨", "exact"),
    "national/national_1959.txt": ("一万零五百亿斤", 5.25e8, None, "吨", "exact"),
    "national/national_1960.txt": ("五千四百零一亿斤", 2.7005e8, None, "吨", "exact"),
    "national/national_1964.txt": ("百分之十一左右", 11, None, "%", "approx"),
    "national/national_1975.txt": ("百分之五十一", 51, None, "%", "exact"),
    "national/national_1979.txt": ("三千一百七十八万吨", 3.178e7, None, "吨", "exact"),
    "national/national_1980.txt": ("33,212万吨", 3.3212e8, None, "吨", "exact"),
    "national/national_1981.txt": ("17%左右", 17, None, "%", "approx"),
    "national/national_1982.txt": ("三亿六千万吨", 3.6e8, None, "吨", "exact"),
    "national/national_1983.txt": ("八千二百九十一亿元", 8.291e11, None, "元", "exact"),
    "national/national_1984.txt": ("10.5%", 10.5, None, "%", "exact"),
    "national/national_1985.txt": ("四亿零七百多万吨", 4.07e8, None, "吨", "min"),
    "national/national_1988.txt": ("109亿公斤", 1.09e7, None, "吨", "exact"),
    "national/national_1992.txt": ("国民生产总值增长百分之六", 6, None, "%", "exact"),
    "national/national_1993.txt": ("4.75亿吨", 4.75e8, None, "吨", "exact"),
    "national/national_1994.txt": ("国内生产总值增长百分之九", 9, None, "%", "exact"),
    "national/national_1995.txt": ("4445亿公斤", 4.445e8, None, "吨", "exact"),
    "national/national_1997.txt": ("4800亿公斤以上", 4.8e8, None, "吨", "min"),
    "national/national_1998.txt": ("49250万吨", 4.925e8, None, "吨", "exact"),  # 4 9 2 5 0 万吨 as copied
    "national/national_1999.txt": ("国内生产总值比上年增长7.8%", 7.8, None, "%", "exact"),
    "national/national_2000.txt": ("2202亿元", 2.202e11, None, "元", "exact"),
    "national/national_2001.txt": ("89404亿元", 8.9404e12, None, "元", "exact"),
    "national/national_2002.txt": ("95933亿元", 9.5933e12, None, "元", "exact"),
}
_ELSEWHERE = {f"national/national_{y}.txt" for y in NATIONAL_GDP_TARGETS} | {
    "national/national_1955.txt", "national/national_1978.txt", "national/national_1986.txt",
    "national/national_1987.txt"}


def test_every_corpus_report_has_a_known_value() -> None:
    names = {f"{p.parent.name}/{p.name}" for p in CORPUS}
    assert names == set(KNOWN_VALUES) | _ELSEWHERE


@pytest.mark.parametrize(("path", "expected"), sorted(KNOWN_VALUES.items()))
def test_corpus_known_value(path: str, expected: tuple) -> None:  # type: ignore[type-arg]
    words, value, value_max, unit, bound = expected
    facts = _facts_with(path, words)
    assert facts, f"no fact holds {words}"
    for f in facts:
        want_max = None if value_max is None else pytest.approx(value_max)
        assert (f.value, f.value_max, f.unit, str(f.bound)) == (pytest.approx(value), want_max, unit, bound), f
