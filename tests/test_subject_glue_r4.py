"""Two readings found while the lexicon grew (issue 12): a fund's 投入 keeps the fund as subject, and
a priority the text sets (放在第一位) is not a rank it measures."""

from __future__ import annotations

import pytest

from govreport import Options, extract
from govreport.numbers import find_quantities

_NO_EXTRAS = Options(tasks=False, slogans=False)


@pytest.mark.parametrize(
    ("sentence", "indicator", "measure"),
    [
        ("全省财政专项扶贫资金投入超过80亿元。", "poverty_funds", "level"),
        ("国家财政性教育经费投入增长9%。", "public_education_funds", "growth"),
        ("全社会研发经费总投入达到120亿元。", "rd_spending", "level"),
        # 国家预算规定 before a budget line says where the figure is set, it is no part of the line
        ("一九五六年国家预算规定国防费支出为六十亿元。", "defense_spending", "level"),
    ],
)
def test_a_funds_input_keeps_the_fund(sentence: str, indicator: str, measure: str) -> None:
    facts = extract(sentence, _NO_EXTRAS).facts
    assert [(f.indicator, f.measure.value) for f in facts] == [(indicator, measure)]


@pytest.mark.parametrize(
    ("text", "ranks"),
    [
        ("始终把人民群众的安危放在第一位。", []),
        ("把就业摆在第一位的位置", []),
        ("作为第一位的任务来抓", []),
        ("全市经济总量居全省第一位", [1.0]),
        ("研发投入强度列全国第2位", [2.0]),
    ],
)
def test_a_priority_is_no_rank(text: str, ranks: list[float]) -> None:
    assert [q.value for q in find_quantities(text) if q.dimension == "rank"] == ranks


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a price basis in brackets after a level: the change and growth after it are still that indicator's
        ("一九六四年的农业总产值，拟定为五百亿元（按一九五七年不变价格计算），比一九六三年增加二十亿元，增长百分之四。",
         [("agricultural_output", "level", "1964"), ("agricultural_output", "change", "1964"),
          ("agricultural_output", "growth", "1964")]),
        ("全年地区生产总值完成800亿元（按可比价格计算），比上年增长6%。",
         [("gdp", "level", None), ("gdp", "growth", None)]),
    ],
)
def test_a_price_basis_is_an_aside(sentence: str, expected: list[tuple[str, str, str | None]]) -> None:
    facts = extract(sentence, _NO_EXTRAS).facts
    got = [(f.indicator, f.measure.value, f.period) for f in facts]
    assert [(i, m) for i, m, _ in got] == [(i, m) for i, m, _ in expected]
    assert all(p == want for (_, _, p), (_, _, want) in zip(got, expected, strict=True) if want)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a count's own noun after it is a new subject: the one carried from the item before no longer holds
        ("森林乡村10个，新建8个公园游园。", [("forest_villages", 10.0), (None, 8.0)]),
        ("全年新增高新技术企业120家，培育30家专业孵化器。", [("high_tech_enterprises", 120.0), ("incubators", 30.0)]),
        # no noun after the count: the subject still holds
        ("高新技术企业达到500家，其中新增80家。", [("high_tech_enterprises", 500.0), ("high_tech_enterprises", 80.0)]),
    ],
)
def test_a_counts_own_noun_ends_the_carried_subject(sentence: str, expected: list[tuple[str | None, float]]) -> None:
    assert [(f.indicator, f.value) for f in extract(sentence, _NO_EXTRAS).facts] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # an amount in 人次 or 户 written before what it counts (as 310公里农村公路 is)
        ("全年完成4.5万人次职业技能培训。", [("vocational_training", 45000.0)]),
        ("新增3万户农村户厕改造。", [("rural_toilets", 30000.0)]),
        # 工作 alone names no measure: the words after the count do
        ("技能提升行动工作完成1.2万人次职业技能培训。", [("vocational_training", 12000.0)]),
    ],
)
def test_an_amount_before_what_it_counts(sentence: str, expected: list[tuple[str | None, float]]) -> None:
    assert [(f.indicator, f.value) for f in extract(sentence, _NO_EXTRAS).facts] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a verb before the count and the noun after it that make an alias together (接待游客)
        ("今年接待250万人次游客。", [("tourists", "接待游客", 2_500_000.0)]),
        ("全省关停300万千瓦小火电机组。", [("small_thermal_closure", "关停小火电机组", 3_000_000.0)]),
        # a noun opening on a filler character keeps it (有色, 有效)
        ("有色金属产业产值增长12%。", [(None, "有色金属产业产值", 12.0)]),
        ("全年实现有效投资增长8%。", [(None, "有效投资", 8.0)]),
    ],
)
def test_split_aliases_and_nouns_opening_on_a_filler(sentence: str, expected: list[tuple[str | None, str, float]]) -> None:
    assert [(f.indicator, f.indicator_text, f.value) for f in extract(sentence, _NO_EXTRAS).facts] == expected
