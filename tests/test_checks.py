"""Quality checks: implausible values and levels that contradict their growth are flagged, never dropped."""

from __future__ import annotations

import pytest

from govreport import Options, extract
from govreport.errors import LexiconError
from govreport.facts.checks import check_facts, implausible
from govreport.lexicons import plausible
from govreport.model import Bound, Fact, Kind, Measure, Span


def _fact(indicator: str | None, measure: Measure, value: float, unit: str, period: str = "2020",
          kind: Kind = Kind.ACTUAL, value_max: float | None = None) -> Fact:
    return Fact(kind, period, indicator, indicator, measure, value, unit, Bound.EXACT, Span(0, 1), value_max)


# (indicator, measure, value, unit, value_max) → the flag's start, or None for a plausible value
EXAMPLES = [
    ("gdp", Measure.GROWTH, 150, "%", None, "implausible:gdp growth 150 outside [-30, 40]"),
    ("gdp", Measure.GROWTH, 7.5, "%", None, None),
    ("gdp", Measure.GROWTH, -27.3, "%", None, None),
    ("grain_output", Measure.LEVEL, 4.000007e12, "吨", None, "implausible:grain_output level 4.00001e+12"),
    ("grain_output", Measure.LEVEL, 6.5e8, "吨", None, None),
    (None, Measure.SHARE, 130, "%", None, "implausible:? share 130 outside [0, 100]"),
    ("urbanization_rate", Measure.LEVEL, 101, "%", None, "implausible:urbanization_rate level 101"),
    ("cpi", Measure.GROWTH, 3, "%", None, None),
    ("trade", Measure.GROWTH, -120, "%", None, "implausible:trade growth -120"),
    (None, Measure.GROWTH, 2000, "%", None, None),  # 增长20倍 of a new industry
    (None, Measure.GROWTH, 12000, "%", None, "implausible:? growth 12000"),
    ("gdp", Measure.GROWTH, 6, "%", 45, "implausible:gdp growth 6-45"),
    ("gdp", Measure.RANK, 0, "位", None, "implausible:gdp rank 0"),
    ("new_urban_jobs", Measure.LEVEL, 1.1e7, "人", None, None),
]


@pytest.mark.parametrize(("indicator", "measure", "value", "unit", "value_max", "flag"), EXAMPLES)
def test_implausible(indicator: str | None, measure: Measure, value: float, unit: str, value_max: float | None,
                     flag: str | None) -> None:
    got = implausible(_fact(indicator, measure, value, unit, value_max=value_max))
    assert (got is None) if flag is None else (got is not None and got.startswith(flag)), got


def test_ranges_are_valid_data() -> None:
    rows = plausible()
    assert len(rows) >= 30 and all(r.min <= r.max for r in rows)
    assert any(r.indicator == "gdp" and r.measure == "growth" and (r.min, r.max) == (-30, 40) for r in rows)


def test_a_bad_range_row_fails_on_load(monkeypatch: pytest.MonkeyPatch) -> None:
    from govreport import lexicons

    bad = "indicator\tmeasure\tunit\tmin\tmax\tnote\ngdp\tgrowth\t%\t40\t-30\tswapped\n"
    monkeypatch.setattr(lexicons, "read_text", lambda name: bad if name == "plausible.tsv" else
                        lexicons.data_path(name).read_text(encoding="utf-8"))
    lexicons.plausible.cache_clear()
    try:
        with pytest.raises(LexiconError):
            lexicons.plausible()
    finally:
        monkeypatch.undo()
        lexicons.plausible.cache_clear()


def test_level_and_growth_against_the_year_before() -> None:
    facts = (
        _fact("gdp", Measure.LEVEL, 6e10, "元", period="2019"),
        _fact("gdp", Measure.LEVEL, 1e11, "元", period="2020"),
        _fact("gdp", Measure.GROWTH, 7, "%", period="2020"),
        _fact("retail_sales", Measure.LEVEL, 5e10, "元", period="2019"),
        _fact("retail_sales", Measure.LEVEL, 5.3e10, "元", period="2020"),
        _fact("retail_sales", Measure.GROWTH, 6, "%", period="2020"),
    )
    checked = check_facts(facts)
    assert len(checked) == len(facts)  # flagged, never dropped
    assert checked[2].checks and checked[2].checks[0].startswith("inconsistent:gdp growth 7")
    assert [f.checks for i, f in enumerate(checked) if i != 2] == [()] * 5


def test_flags_reach_the_report_json() -> None:
    text = "一、过去一年工作回顾\n2020年，全市地区生产总值增长150%，粮食产量达到4.2亿吨。"
    report = extract(text, Options(text_only=True, tasks=False, slogans=False))
    flagged = [f for f in report.facts if f.checks]
    assert [f.indicator for f in flagged] == ["gdp"]
    assert '"checks": ["implausible:gdp growth 150' in report.to_json()
