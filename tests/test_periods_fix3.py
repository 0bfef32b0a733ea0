"""Periods of issue 12 item 1 left open (round 3): a 其中 sentence dated by the sentence it breaks
down, the base of 由X增加到Y and of 比…年的X dated, a heading that makes a plan its subject governing
its part's targets, and growths by a later year or each year of a span. Every sentence is written for
this file (none is a corpus line); reports of every level and decade."""

from __future__ import annotations

import pytest

from govreport import Options, extract
from govreport.facts.context import heading_plan, nth_plan_years

Row = tuple[str, str | None, str, float]


def _facts(title: str, heading: str, body: str) -> list[Row]:
    """(kind, period, measure, value) of every fact of a report made of a title, one heading and a body."""
    r = extract(f"{title}\n{heading}\n{body}\n", Options(doc_id="x", tasks=False, slogans=False))
    return [(str(f.kind), f.period, str(f.measure), f.value) for f in r.facts]


# -- 其中 breaks down the figure of the sentence before: its year, and the base year it names ----------
@pytest.mark.parametrize(("title", "heading", "body", "expected"), [
    ("1984年国务院政府工作报告", "二、关于今后的任务",
     "第七个五年计划规定，一九九○年粮食产量达到九千亿斤，比一九八五年的七千六百亿斤增加一千四百亿斤。"
     "其中，稻谷产量由三千五百亿斤增加到四千二百亿斤。",
     [("target", "1990", "level", 4.5e8), ("actual", "1985", "level", 3.8e8), ("target", "1990", "change", 7e7),
      ("actual", "1985", "level", 1.75e8), ("target", "1990", "level", 2.1e8)]),
    ("某省1983年政府工作报告", "二、今后的任务",
     "一九八七年，全省工业总产值将达到四百亿元，比一九八二年的二百八十亿元增加一百二十亿元。"
     "其中，重工业产值由一百六十亿元增加到二百二十亿元。",
     [("target", "1987", "level", 4e10), ("actual", "1982", "level", 2.8e10), ("target", "1987", "change", 1.2e10),
      ("actual", "1982", "level", 1.6e10), ("target", "1987", "level", 2.2e10)]),
    ("某市2021年政府工作报告", "三、今后五年的目标",
     "到2025年，全市地区生产总值达到2000亿元，比2020年的1400亿元增加600亿元。"
     "其中，第三产业增加值由700亿元增加到1100亿元。",
     [("target", "2025", "level", 2e11), ("actual", "2020", "level", 1.4e11), ("target", "2025", "change", 6e10),
      ("actual", "2020", "level", 7e10), ("target", "2025", "level", 1.1e11)]),
])
def test_a_breakdown_takes_the_years_of_the_sentence_before(title, heading, body, expected):
    assert _facts(title, heading, body) == expected


def test_a_breakdown_with_its_own_year_keeps_it():
    got = _facts("某县2016年政府工作报告", "二、今后五年的目标",
                 "到2020年，全县生产总值达到300亿元。其中，2018年工业增加值达到100亿元。")
    assert got == [("target", "2020", "level", 3e10), ("target", "2018", "level", 1e10)]


def test_a_breakdown_after_a_sentence_with_no_figure_inherits_nothing():
    got = _facts("某省2026年政府工作报告", "三、“十五五”时期主要目标",
                 "指标的设置考虑了2035年基本实现现代化的需要。其中地区生产总值年均增长5%左右。")
    assert got == [("target", "2026-2030", "growth_avg", 5.0)]


def test_a_breakdown_growth_by_the_target_year():
    got = _facts("某地区1985年政府工作报告", "二、今后的任务",
                 "到一九九○年，全区工业总产值将达到五百亿元，比一九八五年的三百亿元增长百分之六十七。")
    assert got == [("target", "1990", "level", 5e10), ("actual", "1985", "level", 3e10),
                   ("target", "1986-1990", "growth_cum", 67.0)]


# -- a base level named with its year: 由/从/比 + a spelled or Arabic year + 的 ---------------------------
@pytest.mark.parametrize(("body", "expected"), [
    ("到一九八五年，全省高等学校将由一九八○年的一百二十所增加到一百五十所。",
     [("actual", "1980", "level", 120.0), ("target", "1985", "level", 150.0)]),
    ("到一九八五年，全省招生数将从一九八○年的二万人增加到三万人。",
     [("actual", "1980", "level", 2e4), ("target", "1985", "level", 3e4)]),
    ("到一九八五年，全省粮食产量达到四百亿斤，比一九八○年的三百五十亿斤增加五十亿斤。",
     [("target", "1985", "level", 2e7), ("actual", "1980", "level", 1.75e7), ("target", "1985", "change", 2.5e6)]),
])
def test_a_base_level_gets_its_year(body, expected):
    assert _facts("某省1983年政府工作报告", "二、今后的任务", body) == expected


# -- a heading that makes a plan its subject governs its part ---------------------------------------------
@pytest.mark.parametrize(("titles", "plan", "expected"), [
    (["第一个五年计划概要"], 1955, "1953-1957"),
    (["“七五”时期的基本任务和主要建设方针"], 1986, "1986-1990"),
    (["“十五五”时期主要目标任务"], 2026, "2026-2030"),
    (["关于“十五五”规划纲要（草案）"], 2026, "2026-2030"),
    (["2026—2030年发展目标"], 2026, "2026-2030"),
    (["第十一个五年规划纲要"], 2006, "2006-2010"),
    (["扩大内需", "“十五五”时期目标任务和2026年工作安排"], 2026, ""),  # the year's work below it
    (["“十五五”时期目标任务和2026年工作安排"], 2026, "2026-2030"),
    (["为完成和超额完成第一个五年计划而奋斗"], 1955, None),  # the plan named in passing
    (["我们在第二个五年计划的第二年的任务"], 1959, None),
    (["“十四五”时期和2025年工作回顾"], 2026, None),  # a plan already over
    (["一、2026年重点工作"], 2026, None),
])
def test_the_plan_a_heading_names(titles, plan, expected):
    assert heading_plan(titles, plan) == expected


@pytest.mark.parametrize(("n", "years"), [(1, "1953-1957"), (2, "1958-1962"), (3, "1966-1970"), (6, "1981-1985"),
                                          (10, "2001-2005"), (11, "2006-2010")])
def test_the_years_of_the_nth_plan(n, years):
    assert nth_plan_years(n) == years


@pytest.mark.parametrize(("title", "heading", "body", "expected"), [
    ("1955年国务院政府工作报告", "三、第一个五年计划概要",
     "钢产量达到四百万吨，工业总产值增长百分之九十。",
     [("target", "1953-1957", "level", 4e6), ("target", "1953-1957", "growth_cum", 90.0)]),
    ("某县1986年政府工作报告", "三、“七五”时期的基本任务",
     "全县工农业总产值增长百分之四十，粮食产量达到三亿斤。",
     [("target", "1986-1990", "growth_cum", 40.0), ("target", "1986-1990", "level", 1.5e5)]),
    ("某省1996年政府工作报告", "三、“九五”时期的主要目标",
     "全省国内生产总值年均增长百分之十，城镇居民人均收入达到八千元。",
     [("target", "1996-2000", "growth_avg", 10.0), ("target", "1996-2000", "level", 8000.0)]),
    ("某市2026年政府工作报告", "三、“十五五”时期主要目标",
     "全市地区生产总值每年增长6%，常住人口城镇化率达到70%。到2030年，居民人均可支配收入增长35%。",
     [("target", "2026-2030", "growth_avg", 6.0), ("target", "2026-2030", "level", 70.0),
      ("target", "2026-2030", "growth_cum", 35.0)]),
    ("某区2026年政府工作报告", "三、“十五五”时期目标任务和2026年工作安排",
     "“十五五”时期，全区地区生产总值年均增长5%。\n（一）扩大内需\n社会消费品零售总额增长5%左右。",
     [("target", "2026-2030", "growth_avg", 5.0), ("target", "2026", "growth", 5.0)]),
])
def test_a_plan_heading_governs_its_part(title, heading, body, expected):
    assert _facts(title, heading, body) == expected


# -- growth by a later year, each year of a span, a plan still running ---------------------------------
@pytest.mark.parametrize(("title", "heading", "body", "expected"), [
    ("某市2026年政府工作报告", "三、今后五年的目标",
     "到2030年，全市地区生产总值增长40%。", [("target", "2026-2030", "growth_cum", 40.0)]),
    ("某市2026年政府工作报告", "三、今后五年的目标",
     "到2030年，全市地区生产总值比2025年增长40%。", [("target", "2026-2030", "growth_cum", 40.0)]),
    ("某省1982年政府工作报告", "二、今后的任务",
     "到一九八五年，全省粮食产量比一九八○年增长百分之十二。", [("target", "1981-1985", "growth_cum", 12.0)]),
    ("某省1982年政府工作报告", "二、今后的任务",
     "六五计划期间要求全省工业产值每年递增百分之四到五。", [("target", "1981-1985", "growth_avg", 4.0)]),
    ("某省1993年政府工作报告", "二、今后的任务",
     "“八五”期间全省国民生产总值平均每年增长百分之九。", [("target", "1991-1995", "growth_avg", 9.0)]),
    ("某市2026年政府工作报告", "二、2026年工作安排",
     "到2027年，全市规模以上工业增加值同比增长6%。", [("target", "2027", "growth", 6.0)]),  # 同比: one year's
])
def test_growths_over_years(title, heading, body, expected):
    assert _facts(title, heading, body) == expected


def test_a_total_in_a_finished_plan_is_the_plans():
    got = _facts("某省1959年政府工作报告", "一、过去一年的工作",
                 "第一个五年计划期间，全省基本建设投资总额共为四十九亿元。")
    assert got == [("actual", "1953-1957", "level", 4.9e9)]


def test_a_base_level_with_an_arabic_year_in_a_review():
    got = _facts("某市2024年政府工作报告", "一、2023年工作回顾",
                 "全市社会消费品零售总额达到500亿元，比2020年末的380亿元增长31.6%。")
    assert got[:2] == [("actual", "2023", "level", 5e10), ("actual", "2020", "level", 3.8e10)]


# -- a threshold crossed in a five-year review; the two ends of a share pair ------------------------------
@pytest.mark.parametrize(("title", "heading", "body", "expected"), [
    ("某省2021年政府工作报告", "一、“十三五”时期工作回顾",
     "“十三五”时期，全省地区生产总值迈上3万亿元台阶。", [("actual", "2016-2020", "level", 3e12)]),
    ("某市2026年政府工作报告", "一、过去五年工作回顾",
     "这五年，全市地区生产总值跨越5000亿元大关。", [("actual", "2021-2025", "level", 5e11)]),
    ("某县2024年政府工作报告", "一、2023年工作回顾",
     "全县地区生产总值突破300亿元大关。", [("actual", "2023", "level", 3e10)]),  # one year reviewed: that year
])
def test_a_threshold_crossed_in_a_five_year_review(title, heading, body, expected):
    assert _facts(title, heading, body) == expected


@pytest.mark.parametrize(("body", "expected"), [
    ("全市地区生产总值在全省占比由20.5%提高到22.1%。",
     [("actual", "2015", "share", 20.5), ("actual", "2020", "share", 22.1)]),
    ("民间投资占全部投资比重从45%提高到52%。", [("actual", "2015", "share", 45.0), ("actual", "2020", "share", 52.0)]),
    ("第一产业占比由12%下降为9%。", [("actual", "2015", "share", 12.0), ("actual", "2020", "share", 9.0)]),
])
def test_both_ends_of_a_share_pair_are_shares(body, expected):
    assert _facts("某市2021年政府工作报告", "一、“十三五”时期工作回顾", body) == expected


# -- a forward passage inside the review keeps its own tense -------------------------------------------
def _review(body: str) -> list[Row]:
    return _facts("某市2026年政府工作报告", "一、“十四五”时期发展成就和“十五五”时期主要目标任务", body)


def test_a_forward_passage_inside_the_review_gives_targets():
    got = _review("这五年，全市地区生产总值年均增长5.6%。\n“十五五”时期是基本实现现代化的关键时期。\n"
                  "《纲要草案》设置了主要指标，包括：地区生产总值年均增长5%左右，城镇调查失业率控制在5.5%以内。")
    assert got == [("actual", "2021-2025", "growth_avg", 5.6), ("target", "2026-2030", "growth_avg", 5.0),
                   ("target", "2026-2030", "level", 5.5)]


def test_the_review_again_after_a_forward_word():
    got = _review("我们为“十五五”时期发展打下了基础。\n在过去的五年中，全市财政收入年均增长6%。")
    assert got == [("actual", "2021-2025", "growth_avg", 6.0)]


def test_a_past_plan_period_in_the_review_stays_past():
    got = _review("“十四五”时期，全市粮食产量年均增长2%。")
    assert got == [("actual", "2021-2025", "growth_avg", 2.0)]


# -- a plan named as the document being drafted is not the period of the year's figures ---------------
@pytest.mark.parametrize(("title", "heading", "body", "expected"), [
    ("某市2020年政府工作报告", "二、2020年主要工作",
     "抓住“十四五”规划编制机遇，抓好120个重点项目建设，完成投资500亿元以上。",
     [("target", "2020", "level", 120.0), ("target", "2020", "level", 5e10)]),
    ("某县2025年政府工作报告", "二、2025年重点工作", "高质量编制“十五五”规划，全年固定资产投资增长6%。",
     [("target", "2025", "growth", 6.0)]),
    ("某省2020年政府工作报告", "二、2020年主要工作", "“十四五”时期，全省地区生产总值年均增长6%左右。",
     [("target", "2021-2025", "growth_avg", 6.0)]),
])
def test_a_plan_being_drafted_does_not_date_the_years_figures(title, heading, body, expected):
    assert _facts(title, heading, body) == expected
