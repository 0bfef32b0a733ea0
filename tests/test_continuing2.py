"""Figures whose subject is the figure or the list before them (facts/continuing.py, facts/ellipsis.py):
a later or earlier value dated by its own year (…，而2031年就增加了150万吨), a per-year rate restating a
growth over a span (即每年递增10%), a percent restating a change (增产150万吨，即8.2%), a 分别 list whose
subjects the clause before names (…继续下降，比上年分别下降3.1%和4.2%), and a heading before a colon (在工业
总产值方面：…). And the figures that stay without an id. The sentences are written for these tests."""

from __future__ import annotations

import pytest

from govreport import Options, extract

_HEAD = "2031年政府工作报告\n一、过去一年工作回顾\n"


def _facts(sentence: str, head: str = _HEAD) -> list[tuple[str | None, str, float, str, str | None]]:
    report = extract(head + sentence + "\n", Options(tasks=False, slogans=False))
    return [(f.indicator, str(f.measure), f.value, f.unit, f.period) for f in report.facts]


# (sentence, position, expected fact: indicator, measure, value, unit, period)
CONTINUING = [
    # a later value of the same thing, dated by its own year (a level of that year; a change is a change)
    ("全市钢产量前三年共增加了200万吨，而2030年就增加了150万吨。", 1, ("steel_output", "change", 1.5e6, "吨", "2030")),
    ("全省货运量五年共增加了八千万吨，而一九八八年就增加了三千万吨。", 1,
     ("freight_volume", "change", 3e7, "吨", "1988")),
    ("我县粮食产量2028年为32万吨，而2030年已经达到41万吨。", 1, ("grain_output", "level", 410000.0, "吨", "2030")),
    ("积累率在一九七九年高达百分之三十四，“七五”期间五年平均降到百分之二十九左右。", 1,
     ("accumulation_rate", "level", 29.0, "%", None)),
    # a per-year rate after a growth over a span is the average growth; a bare percent after a change its growth
    ("五年间全区工业总产值增长72%，即每年递增11.5%。", 1, ("industrial_output", "growth_avg", 11.5, "%", None)),
    ("全县粮食产量比上年增产4.5万吨，即7.6%。", 1, ("grain_output", "growth", 7.6, "%", "2030")),
    ("全省棉花产量比上年减产12万担，即百分之九点五。", 1, ("cotton_output", "growth", -9.5, "%", "2030")),
    # a 分别 list after a clause of only a base and cues: the subjects named in the clause before
    ("化学需氧量、二氧化硫排放总量均有下降，比上年分别下降2.8%和5.1%。", 0, ("cod_emissions", "growth", -2.8, "%", "2030")),
    ("化学需氧量、二氧化硫排放总量均有下降，比上年分别下降2.8%和5.1%。", 1, ("so2_emissions", "growth", -5.1, "%", "2030")),
    ("全市进出口总额、实际利用外资稳步增长，同比分别增长8.4%、12.6%。", 1,
     ("foreign_investment", "growth", 12.6, "%", "2030")),
    # a heading that names the indicator before a colon
    ("在工业农业总产值方面：一九八三年比一九八二年增长百分之十点二，一九八四年又比一九八三年增长百分之十四点七。", 0,
     ("gross_output_industry_agriculture", None, 10.2, "%", None)),
    ("在工业农业总产值方面：一九八三年比一九八二年增长百分之十点二，一九八四年又比一九八三年增长百分之十四点七。", 1,
     ("gross_output_industry_agriculture", None, 14.7, "%", None)),
    ("工农业总产值的情况也是这样：2029年比2028年增长9%，即增加了310亿元。", 1,
     ("gross_output_industry_agriculture", "change", 3.1e10, "元", None)),
    # the opener of a from-value names no new subject (a bound, a date, a per-head word of a per-head indicator)
    ("全县地区生产总值从不到200亿元增加到超过350亿元。", 0, ("gdp", "level", 2e10, "元", "2029")),
    ("全县地区生产总值从不到200亿元增加到超过350亿元。", 1, ("gdp", "level", 3.5e10, "元", "2030")),
    ("全市全员劳动生产率从人均15.2万元提高到18万元。", 0, ("labor_productivity", "level", 152000.0, "元", "2029")),
    ("全市职工年平均工资是每人5.2万元，2030年提高到7.1万元。", 1, ("average_wage", "level", 71000.0, "元", "2030")),
    # a clause after a semicolon that opens on the year of the value; a plan period without quotes; the name restated
    ("全省钢产量，2029年比2028年增长了12%，即增加了150万吨；2030年比2029年计划增长8%。", 2,
     ("steel_output", None, 8.0, "%", None)),
    ("农业总产值平均每年递增的速度是3.4%，七五计划期间要求每年递增4%到5%。", 1,
     ("agricultural_output", "growth_avg", 4.0, "%", "1986-1990")),
    ("全市铺轨185公里，比上年铺轨里数增加62%。", 1, ("railway_construction", "growth", 62.0, "%", "2030")),
    ("全年实际使用外资1300多亿美元，继续位居发展中国家首位。", 1, ("foreign_investment", "rank", 1.0, "位", None)),
    # a bare noun after a list comma takes the head of the subject before it, without the subject's verb
    ("全年接待游客1.2亿人次、总花费超过1300亿元。", 1, ("tourism_revenue", "level", 1.3e11, "元", "2030")),
    # a rank among a group of regions, or the rank of its share
    ("全区规上工业增加值增长8.2%、居西北地区第2位。", 1, ("industrial_value_added", "rank", 2.0, "位", None)),
    ("全省社会消费品零售总额增长6%、占比居全国第5位。", 1, ("retail_sales", "rank", 5.0, "位", None)),
]


@pytest.mark.parametrize(("sentence", "at", "want"), CONTINUING)
def test_a_figure_continuing_the_one_before_takes_its_id(sentence: str, at: int, want: tuple[object, ...]) -> None:
    facts = _facts(sentence)
    assert len(facts) > at, facts
    got = facts[at]
    ind, measure, value, unit, period = want
    assert (got[0], got[2], got[3]) == (ind, value, unit), facts
    if measure is not None:
        assert got[1] == measure, facts
    if period is not None:
        assert got[4] == period, facts


# (sentence, position of a fact that must keep no id)
NOT_CONTINUING = [
    ("全县财政收入由2025年的5亿元增加到2030年的9亿元，平均每年增加0.8亿元。", 2),  # a yearly mean, no year's change
    ("全市新登记企业增长18.5%，平均每天新增320户。", 1),  # per day: no figure of the indicator
    ("粮食产量达到86.5万吨，2030年秸秆还田量提高到31万吨。", 1),  # words of their own between (no alias here)
    ("建成5G基站1.2万个，2030年覆盖92%以上的行政村。", 1),  # what 覆盖 counts is another subject
    ("招生人数将为：高等学校12.6万人，中等专业学校15.3万人。", 1),  # the items after a heading name their own
    ("原煤：全部建成后增加的年产能力将为9310万吨。", 0),  # a capacity, written with words of its own
    # a share of a whole that 包括 two items, after a comma: not the share of the item named last
    ("财政支出中的行政经费，包括公安费和行政管理费所占的比重，已从2025年的18%降低到2030年的12%。", 0),
    ("全区地区生产总值增长5.3%、增量保持全国第一。", 1),  # the rank of its increase, no rank of the product
    ("全市粮食产量达到120万吨；秸秆还田量2030年为31万吨。", 1),  # a clause after a semicolon with words of its own
    ("全年接待国内游客1.1亿人次、总花费增长5.6%。", 1),  # the spending of domestic tourists: no figure of all tourism
]


@pytest.mark.parametrize(("sentence", "at"), NOT_CONTINUING)
def test_a_figure_of_something_else_keeps_no_id(sentence: str, at: int) -> None:
    facts = _facts(sentence)
    assert len(facts) > at, facts
    assert facts[at][0] is None, facts


def test_the_restated_growth_keeps_the_sign_of_the_change() -> None:
    facts = _facts("全区生猪出栏比上年减少8万头，即6.5%。")
    assert [f[:4] for f in facts] == [("hogs_slaughtered", "change", -80000.0, "头"),
                                      ("hogs_slaughtered", "growth", -6.5, "%")], facts


def test_a_per_head_word_still_makes_a_total_the_per_head_figure() -> None:
    facts = _facts("全市生产总值5200亿元，人均突破2万美元。")
    assert [f[0] for f in facts] == ["gdp", "gdp_per_capita"], facts


def test_the_starting_level_of_a_target_is_the_level_now() -> None:
    head = "2032年政府工作报告\n二、2032年主要目标\n"
    facts = _facts("今年要将城乡居民医保财政补助标准由每人每年720元提高到760元。", head)
    assert [(f[0], f[2], f[4]) for f in facts] == [("health_insurance_subsidy", 720.0, "2031"),
                                                   ("health_insurance_subsidy", 760.0, "2032")], facts


def test_the_starting_level_of_a_plan_target_is_the_year_before_the_plan() -> None:
    head = "2033年政府工作报告\n（一）“十六五”时期的主要目标\n"
    facts = _facts("全省粮食产量从800万吨增加到900万吨。", head)
    assert [(f[0], f[4]) for f in facts] == [("grain_output", "2030"), ("grain_output", "2031-2035")], facts
