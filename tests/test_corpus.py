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
