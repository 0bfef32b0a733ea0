"""Tests written against the survivors of scripts/mutate.py on facts (issue 16): each one reaches one
branch that no other test tells apart from its mutant."""
from __future__ import annotations

import pytest

from govreport import extract
from govreport.facts import checks
from govreport.facts.checks import check_facts, implausible
from govreport.facts.subjects import slot_words
from govreport.lexicons import Plausible
from govreport.model import Bound, Fact, Kind, Measure, Span


def _fact(indicator: str, measure: Measure, value: float, unit: str, period: str) -> Fact:
    return Fact(Kind.ACTUAL, period, indicator, indicator, measure, value, unit, Bound.EXACT, Span(0, 1), None)


def _flags(growth: float, before: float, now: float) -> tuple[str, ...]:
    facts = (_fact("gdp", Measure.LEVEL, before, "亿元", "2020"), _fact("gdp", Measure.LEVEL, now, "亿元", "2021"),
             _fact("gdp", Measure.GROWTH, growth, "%", "2021"))
    return check_facts(facts)[2].checks


def test_a_growth_gap_just_over_fifteen_points_is_flagged() -> None:
    # levels 100 → 120 imply +20%: a stated 4.5% is 15.5 points off (flagged), 5.5% is 14.5 off (not)
    assert any(f.startswith("inconsistent:gdp") for f in _flags(4.5, 100, 120))
    assert _flags(5.5, 100, 120) == ()


def test_the_inconsistent_flag_shows_the_implied_growth_in_percent() -> None:
    # 200 → 300 亿元 is +50.0%, never 50.5
    (flag,) = _flags(8, 200, 300)
    assert flag.endswith("imply 50.0"), flag


def test_a_reloaded_plausible_table_replaces_the_held_ranges(monkeypatch: pytest.MonkeyPatch) -> None:
    wide = (Plausible("gdp", "growth", "%", -100.0, 100.0),)
    narrow = (Plausible("gdp", "growth", "%", 0.0, 10.0),)
    fact = _fact("gdp", Measure.GROWTH, 50, "%", "2021")
    monkeypatch.setattr(checks, "_RANGES", {})
    monkeypatch.setattr(checks, "plausible", lambda: wide)
    assert implausible(fact) is None
    monkeypatch.setattr(checks, "plausible", lambda: narrow)
    assert implausible(fact) == "implausible:gdp growth 50 outside [0, 10]"


def test_a_short_item_takes_the_longest_head_noun_of_the_last() -> None:
    # 营业收入, not its tail 收入: 工业 → 工业营业收入
    view = "前三季度，工业、服务业营业收入分别增长5.2%和7.1%。"
    assert slot_words(view, view.index("分别"), 0, 2) == ["工业营业收入", "服务业营业收入"]
    assert [f.indicator_text for f in extract(view).facts] == ["工业营业收入", "服务业营业收入"]
