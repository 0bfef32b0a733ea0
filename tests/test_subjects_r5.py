"""Subject errors a reader spots (issue 12 item 3, round 5): a name glued before another alias narrows it,
a 分别 list shares its head (出口) with its earlier items, each count takes its own class word, the three
industries listed at once hand out one value each, a present-state 有 + count in a plan section is an
actual, and a growth restated after two dated levels spans them. Every sentence is written for the test."""

from __future__ import annotations

import pytest

from govreport import Options, extract
from govreport.errors import LexiconError
from govreport.facts import ellipsis

_NO_EXTRAS = Options(tasks=False, slogans=False)


def _read(sentence: str) -> list[tuple[str | None, str, float]]:
    return [(f.indicator, f.measure.value, f.value) for f in extract(sentence, _NO_EXTRAS).facts]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # 1. a mention glued right after another names a part of it (no id), or its own id
        ("全年外贸进出口总额增长5%，其中新能源汽车出口增长60%。", [("trade", "growth", 5.0), (None, "growth", 60.0)]),
        ("全省工业机器人产量增长20%，工业机器人出口增长35%。",
         [("industrial_robots", "growth", 20.0), (None, "growth", 35.0)]),
        ("外贸出口增长9%。", [("exports", "growth", 9.0)]),
        ("全市出口增长12%。", [("exports", "growth", 12.0)]),
        # the earlier mention's words belong to the later's own name: no part
        ("安全生产事故起数下降8%。", [("safety_accidents", "growth", -8.0)]),
        # 2. the shared head 出口 goes to the earlier items; an item narrowed by its own words is a part
        ("电子产品、纺织服装出口分别增长12%、8%。", [(None, "growth", 12.0), (None, "growth", 8.0)]),
        ("机电产品、高新技术产品出口分别增长10%、15%。",
         [("mechanical_electrical_exports", "growth", 10.0), ("high_tech_exports", "growth", 15.0)]),
        ("全市进口、出口分别增长3%、9%。", [("imports", "growth", 3.0), ("exports", "growth", 9.0)]),
        ("对日本、韩国出口分别增长4%、11%。", [(None, "growth", 4.0), (None, "growth", 11.0)]),
        ("交通、水利投资分别增长5%、9%。",
         [("transport_investment", "growth", 5.0), ("water_conservancy_investment", "growth", 9.0)]),
        ("城镇、农村居民收入分别增长5%、7%。",
         [("urban_disposable_income", "growth", 5.0), ("rural_disposable_income", "growth", 7.0)]),
        # 3. each count takes its own class word
        ("培育形成3个万亿级和7个千亿级产业集群。",
         [("trillion_industries", "level", 3.0), ("hundred_billion_industries", "level", 7.0)]),
        ("新培育2个千亿级和1个万亿级产业集群。",
         [("hundred_billion_industries", "level", 2.0), ("trillion_industries", "level", 1.0)]),
        ("建成2个和5个千亿级产业集群。",
         [("hundred_billion_industries", "level", 2.0), ("hundred_billion_industries", "level", 5.0)]),
        # 4. words listing the three industries hand out one value each
        ("一二三产（第一、二、三产业增加值）分别增长2.9%、7.1%、4.6%。",
         [("primary_value_added", "growth", 2.9), ("secondary_value_added", "growth", 7.1),
          ("service_value_added", "growth", 4.6)]),
        ("三次产业增加值分别增长3.5%、6.2%、5.8%。",
         [("primary_value_added", "growth", 3.5), ("secondary_value_added", "growth", 6.2),
          ("service_value_added", "growth", 5.8)]),
        ("第一、二、三产业增加值分别增长4%、5%、6%。",
         [("primary_value_added", "growth", 4.0), ("secondary_value_added", "growth", 5.0),
          ("service_value_added", "growth", 6.0)]),
        ("第一、第二、第三产业增加值分别增长4%、5%、6%。",
         [("primary_value_added", "growth", 4.0), ("secondary_value_added", "growth", 5.0),
          ("service_value_added", "growth", 6.0)]),
    ],
)
def test_subjects(sentence: str, expected: list[tuple[str | None, str, float]]) -> None:
    assert _read(sentence) == expected


def test_three_industries_need_value_added_after_them() -> None:
    """三次产业投资: investment by industry, never the three value-added ids."""
    ids = {i for i, _, _ in _read("三次产业投资分别增长3.5%、6.2%、5.8%。")}
    assert not ids & {"primary_value_added", "secondary_value_added", "service_value_added"}


def test_split_words_ids_are_validated(monkeypatch: pytest.MonkeyPatch) -> None:
    ellipsis._split_words.cache_clear()
    monkeypatch.setattr(ellipsis, "cues", lambda: {"split_words": {"三次产业": ["no_such_id", "gdp"]}})
    try:
        with pytest.raises(LexiconError):
            ellipsis._split_words()
    finally:
        ellipsis._split_words.cache_clear()


_PLAN = ("2026年政府工作报告\n一、2025年工作回顾\n过去一年，全省生产总值增长5%。\n二、2026年主要目标任务\n"
         "今年经济社会发展的主要预期目标是生产总值增长5%左右。\n")


def _plan_facts(body: str) -> list[tuple[str, str | None, str | None, float]]:
    facts = extract(_PLAN + body + "\n", _NO_EXTRAS).facts
    return [(f.kind.value, f.period, f.indicator, f.value) for f in facts if f.sentence.strip() in body]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # 5. 有 + a count with no target verb, plan word or year: the present (the review year), an actual
        ("要办好人民满意的教育。全省有1200万在校学生，要让每个孩子享有公平而有质量的教育。",
         [("actual", "2025", "students", 12000000.0)]),
        ("全省共有高新技术企业1.5万家。", [("actual", "2025", "high_tech_enterprises", 15000.0)]),
        ("全省有常住人口4000万人。", [("actual", "2025", "population", 40000000.0)]),
        # a goal keeps its kind
        ("力争高新技术企业达到1.8万家。", [("target", "2026", "high_tech_enterprises", 18000.0)]),
        ("到2030年全省将有高新技术企业2万家。", [("target", "2030", "high_tech_enterprises", 20000.0)]),
        ("新增有进出口实绩企业1500家以上。", [("target", "2026", "trade_firms", 1500.0)]),
        ("既有住宅加装电梯600部。", [("target", "2026", "elevators", 600.0)]),
        ("五年内全省将有高新技术企业2万家。", [("target", "2026-2030", "high_tech_enterprises", 20000.0)]),
    ],
)
def test_present_state_in_a_plan(body: str, expected: list[tuple[str, str | None, str | None, float]]) -> None:
    assert _plan_facts(body) == expected


def test_money_after_you_stays_the_plans() -> None:
    """全社会固定资产投资共有…亿元 in a plan is the plan's amount, not a present state."""
    assert [k for k, _, _, _ in _plan_facts("今年全省重点项目投资共有2000亿元。")] == ["target"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # 6. a growth restated after two dated levels is cumulative over the span between them
        ("一九五二年全省高等学校在校学生有三万人，到了一九五七年已经有七万人，即增加一倍多。",
         [("level", "1952"), ("level", "1957"), ("growth_cum", "1952-1957")]),
        ("一九六二年钢产量为一百万吨，到一九六五年达到二百四十万吨，即增长一点四倍。",
         [("level", "1962"), ("level", "1965"), ("growth_cum", "1962-1965")]),
        ("全省公路里程由二〇一〇年的5万公里增加到二〇一五年的8万公里，增长60%。",
         [("level", "2010"), ("level", "2015"), ("growth_cum", "2010-2015")]),
        # two years in a row, or a base of its own: the later year's growth
        ("2024年生产总值1000亿元，2025年达到1100亿元，增长10%。",
         [("level", "2024"), ("level", "2025"), ("growth", "2025")]),
        ("2020年生产总值1000亿元，2025年达到1500亿元，比上年增长6%。",
         [("level", "2020"), ("level", "2025"), ("growth", "2025")]),
    ],
)
def test_growth_over_two_dated_levels(sentence: str, expected: list[tuple[str, str]]) -> None:
    facts = extract(sentence, _NO_EXTRAS).facts
    assert [(f.measure.value, f.period) for f in facts] == expected
