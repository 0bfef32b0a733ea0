"""Figures that continue the subject of the figure before them (facts/continuing.py): their change
against a base period, growth over a plan period, rank — and the figures that do not (a gap to the
national figure, a plain level of something else). The sentences are written for these tests."""

from __future__ import annotations

import pytest

from govreport import Options, extract

_HEAD = "2031年政府工作报告\n一、过去一年工作回顾\n"


def _facts(sentence: str) -> list[tuple[str | None, str, float, str]]:
    report = extract(_HEAD + sentence + "\n", Options(tasks=False, slogans=False))
    return [(f.indicator, str(f.measure), f.value, f.unit) for f in report.facts]


# (sentence, the fact expected at that position: indicator, measure, value, unit)
CONTINUING = [
    ("全市粮食产量达到86.5万吨，比上年增产3.2万吨。", 1, ("grain_output", "change", 32000.0, "吨")),
    ("全县粮食总产量41.2万吨，比上年减产1.5万吨。", 1, ("grain_output", "change", -15000.0, "吨")),
    ("全省外汇储备年末达到310亿美元，比2028年底增加42亿美元。", 1, ("foreign_reserves", "change", 4.2e9, "美元")),
    ("五年累计实际利用外资126亿美元，比“十五五”时期增长31.5%。", 1, ("foreign_investment", "growth_cum", 31.5, "%")),
    ("全区社会保障基金积累560亿元，比五年前增加210亿元。", 1, ("social_security_fund", "change", 2.1e10, "元")),
    ("棉花增长百分之十二，即增产三百万担。", 1, ("cotton_output", "change", 150000.0, "吨")),
    ("去年比前年，原煤增产了六百万吨，钢增产了约四十万吨。", 1, ("steel_output", "change", 400000.0, "吨")),
    ("今后三年，每年增产原煤500万吨以上。", 0, ("coal_output", "change", 5000000.0, "吨")),
    ("全市地区生产总值达到4120亿元，较“十五五”末净增960亿元。", 1, ("gdp", "change", 9.6e10, "元")),
    # past a gap to another region's figure (no subject of its own) to the rank of the indicator before it
    ("全区地区生产总值218亿元，增长6.2%，增幅高于全市0.9个百分点，总量在全市排名第3位。", 3, ("gdp", "rank", 3.0, "位")),
    ("规上工业增加值增长9.1%、快于全省平均水平1.2个百分点、居全省第2位。", 2, ("industrial_value_added", "rank", 2.0, "位")),
]


@pytest.mark.parametrize(("sentence", "at", "want"), CONTINUING)
def test_a_figure_continuing_the_subject_takes_its_id(sentence: str, at: int, want: tuple[object, ...]) -> None:
    facts = _facts(sentence)
    assert len(facts) > at, facts
    assert facts[at] == want


# (sentence, position of a fact that must keep no id: what it measures is no figure of the subject before)
NOT_CONTINUING = [
    ("规上工业增加值增长6.3%、高于全国0.9个百分点。", 1),  # a gap to the national figure: no measure of it
    ("地区生产总值增长5.8%，快于全省平均1.1个百分点。", 1),
    ("建成5G基站1.2万个、覆盖92%以上的行政村。", 1),  # what 覆盖 counts is another subject
    ("新能源装机占比达58%、规模比“十五五”末翻了一番。", 1),  # the capacity doubled, not the share
    ("粮食产量达到86.5万吨，比上年增产的主要是玉米3.2万吨。", 1),  # new words between: another subject
    ("粮食产量达到86.5万吨，农民比上年增收3.2亿元。", 1),
    ("规上工业增加值增长9.1%、高于全省1.2个百分点，新开工项目居全省第2位。", 2),  # new words: another subject
    ("明年计划钢材产量120万吨，比今年增加8万吨；纸52万吨，增加2万吨。", 3),  # 纸: a new subject, too short to name  # the words between name another subject
]


@pytest.mark.parametrize(("sentence", "at"), NOT_CONTINUING)
def test_a_figure_of_something_else_keeps_no_id(sentence: str, at: int) -> None:
    facts = _facts(sentence)
    assert len(facts) > at, facts
    assert facts[at][0] is None, facts


def test_a_change_of_the_growth_rate_is_no_change_of_the_indicator() -> None:
    facts = _facts("全县生产总值312.4亿元，增长6.1%，增速比上年提高1.4个百分点。")
    assert facts[1][:2] == ("gdp", "growth")
    assert all(f[0] is None for f in facts if f[3] == "个百分点"), facts


# a bare head noun (产量, 参保人数) names the measure of the product the clause chain named last
NAMED_BEFORE = [
    ("全县粮食连续三年增产，2030年产量达到41.6万吨。", 0, ("grain_output", "level", 416000.0, "吨")),
    ("全市粮食再获丰收，总产量86.5万吨，比上年增产3.2万吨。", 1, ("grain_output", "change", 32000.0, "吨")),
    ("城镇职工基本养老保险扩面提质，参保人数达到312万人。", 0, ("employee_pension_insurance", "level", 3120000.0, "人")),
]


@pytest.mark.parametrize(("sentence", "at", "want"), NAMED_BEFORE)
def test_a_bare_head_noun_takes_the_product_named_before(sentence: str, at: int, want: tuple[object, ...]) -> None:
    facts = _facts(sentence)
    assert len(facts) > at, facts
    assert facts[at] == want


@pytest.mark.parametrize("sentence", [
    "粮食连续三年增产；蔬菜生产稳步发展，产量达到41.6万吨。",  # a clause end, and another product named last
    "粮食连续三年增产，蔬菜基地建设加快，产量达到41.6万吨。",
])
def test_a_head_noun_after_another_product_keeps_no_id(sentence: str) -> None:
    assert all(f[0] != "grain_output" for f in _facts(sentence))


# a per-head word between a mention and an amount: the per-head indicator, or none — never the total
@pytest.mark.parametrize(("sentence", "at", "want"), [
    ("全市地区生产总值迈过3000亿元，人均达到8.6万元。", 1, "gdp_per_capita"),
    ("全县生产总值286亿元，人均突破1.2万美元。", 1, "gdp_per_capita"),
    ("全县粮食产量52万吨，人均达到600公斤。", 1, "grain_per_capita"),
    ("全县社会消费品零售总额150亿元，人均达到2万元。", 1, None),  # no per-head id: none, never the total
    ("企业退休人员基本养老金连续5年增加，今年又人均提高4.5%。", 0, "basic_pension"),  # a rate keeps the subject
])
def test_a_per_head_amount_is_never_the_total(sentence: str, at: int, want: str | None) -> None:
    facts = _facts(sentence)
    assert len(facts) > at, facts
    assert facts[at][0] == want, facts
