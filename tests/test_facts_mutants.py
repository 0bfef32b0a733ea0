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


def test_a_plan_named_as_the_base_at_the_sentence_start_is_not_its_period() -> None:
    from govreport.facts.context import _named_plan

    # 与“十三五”时期相比 at the very start: the plan is the base of the comparison, not the period
    assert _named_plan("与“十三五”时期相比，全区粮食产量年均增长", "") is None
    assert _named_plan("“十三五”时期，全区粮食产量年均增长", "") == "2016-2020"


def test_two_subjects_sharing_a_figure_keep_only_the_one_its_unit_fits() -> None:
    # 万吨 fits grain output, not GDP; 亿元 fits GDP, not grain output
    got = [(f.indicator, f.unit) for f in extract("全年粮食产量、地区生产总值两项指标均超过500万吨。").facts]
    assert got == [("grain_output", "吨")]
    got = [(f.indicator, f.unit) for f in extract("全市生产总值、粮食产量两项指标均突破300亿元。").facts]
    assert got == [("gdp", "元")]


def test_a_bare_percent_of_a_price_index_is_its_growth() -> None:
    # 居民消费价格指数 is a growth rate by its notes (not by its words): 控制在3%左右 is a rise of 3%
    (f,) = extract("居民消费价格指数控制在3%左右。").facts
    assert (f.indicator, f.measure, f.value) == ("cpi", Measure.GROWTH, 3.0)


def test_the_words_before_a_figure_keep_only_their_last_sixteen_characters() -> None:
    from govreport.facts.naming import subject_text

    # an 18-character name: the cut falls after 全县, never inside it (县农村…)
    assert subject_text("全县农村集体经济组织经营性资产总收入增长") == "农村集体经济组织经营性资产总收入"


def test_words_running_into_a_number_name_that_figure_not_this_one() -> None:
    from govreport.facts.subjects import words_after
    from govreport.numbers import find_quantities

    # 项目总投资 is the subject of 120亿元, whether or not the caller says where the next figure starts
    text = "新建45个产业项目总投资120亿元。"
    qs = find_quantities(text)
    assert words_after(text, qs[0]) is None
    assert words_after(text, qs[0], qs[1].span.start) is None
    # a run of 17 characters with no stop is a clause, not a name
    text = "培育了12个市级以上农业产业化龙头企业联合体示范基地。"
    assert words_after(text, find_quantities(text)[0]) is None
    assert words_after("建成42个美丽宜居示范村。", find_quantities("建成42个美丽宜居示范村。")[0]) == ("美丽宜居示范村", 12)


@pytest.mark.parametrize(("sentence", "expected"), [
    # the first item of a 分别 list is a five-character word plus the rest of the second's name
    ("全年房地产开发、工业投资分别增长5%和8%。",
     [("real_estate_investment", "房地产开发投资", 5.0), ("industrial_investment", "工业投资", 8.0)]),
    # a later item takes the head of the first from inside it: 今年全区完成 + 一般公共预算 + 支出
    ("今年全区完成一般公共预算收入、支出分别为50亿元、80亿元。",
     [("budget_revenue", "一般公共预算收入", 5e9), ("budget_spending", "一般公共预算支出", 8e9)]),
])
def test_an_elided_list_item_of_a_longer_word_gets_its_name(sentence: str, expected: list) -> None:
    facts = extract("2024年政府工作报告\n" + sentence).facts
    assert [(f.indicator, f.indicator_text, f.value) for f in facts] == expected
