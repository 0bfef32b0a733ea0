"""Numeral errors of issue 12 item 4 left open (round 3): a range whose two ends look like years but
carry an amount's unit, 千亿/百亿 after Arabic digits, a lone Arabic digit after a unit (1千5), a
decimal Chinese numeral before a CJK character, counts written in Chinese with 百/万, and a list of
ranks in words. Every sentence is written for this file (none is a corpus line)."""

from __future__ import annotations

import pytest

from govreport.ingest import matching_view
from govreport.numbers import chinese_to_number, find_quantities


def found(sentence: str) -> list[tuple[float, float | None, str, str, str]]:
    """(value, value_max, unit, bound, the words of the span) of each quantity of a sentence."""
    view = matching_view(sentence)
    return [(q.value, q.value_max, q.unit, str(q.bound), view[q.span.start : q.span.end])
            for q in find_quantities(view)]


# -- a range of two 19xx/20xx numbers: years, unless an amount's unit or a magnitude ends it -----------
@pytest.mark.parametrize(("sentence", "expected"), [
    ("农民工人均月收入1900至2100元。", [(1900.0, 2100.0, "元", "range", "1900至2100元")]),
    ("每亩补贴1950至2000元。", [(1950.0, 2000.0, "元", "range", "1950至2000元")]),
    ("海拔1900-2100米的山区。", [(1900.0, 2100.0, "米", "range", "1900-2100米")]),
    ("单产提高到2010~2050斤。", [(1.005, 1.025, "吨", "range", "2010~2050斤")]),
    ("每户补助1980到2020元不等。", [(1980.0, 2020.0, "元", "range", "1980到2020元")]),
    ("投资1950—2000万元。", [(1.95e7, 2e7, "元", "range", "1950—2000万元")]),
    ("引进人才1900至2000人以上。", [(1900.0, 2000.0, "人", "range", "1900至2000人以上")]),
    ("建设用房2050~2100平方米。", [(2050.0, 2100.0, "平方米", "range", "2050~2100平方米")]),
])
def test_a_range_of_amounts_that_look_like_years(sentence, expected):
    assert found(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "2021—2025年，全县经济总量再上台阶。",
    "“十四五”规划（2021—2025）全面完成。",
    "1998到2002年间，农业连年丰收。",
    "1953至1957年是第一个五年计划时期。",
    "2026-2030，我们要再上台阶。",
    "1978～1984年农村改革。",
])
def test_a_range_of_years_is_no_quantity(sentence):
    assert found(sentence) == []


# -- 千亿 / 百亿 after Arabic digits ---------------------------------------------------------------------
@pytest.mark.parametrize(("sentence", "value", "unit", "words"), [
    ("完成投资4千亿元。", 4e11, "元", "4千亿元"),
    ("营业收入突破3百亿元。", 3e10, "元", "突破3百亿元"),
    ("粮食产量达到1.3千亿斤。", 6.5e7, "吨", "1.3千亿斤"),
    ("社会融资规模2千亿元左右。", 2e11, "元", "2千亿元左右"),
    ("发电量5百亿千瓦时。", 5e10, "千瓦时", "5百亿千瓦时"),
])
def test_thousand_and_hundred_hundred_million_after_digits(sentence, value, unit, words):
    q = found(sentence)[0]
    assert (q[0], q[2], q[4]) == (value, unit, words)


# -- a lone Arabic digit after a unit is the next place (1千5 = 1500, as 三千五 = 3500) --------------------
@pytest.mark.parametrize(("text", "value"), [
    ("1千5", 1500.0),
    ("2万5", 25000.0),
    ("3亿5", 350000000.0),
    ("25万6", 256000.0),
    ("1千5百", 1500.0),
    ("2千零30", 2030.0),  # a run after 零 is its own place
    ("4亿零7", 400000007.0),
    ("1千25", 1025.0),  # two digits are no lone digit: the old reading stays
])
def test_a_lone_digit_after_a_unit(text, value):
    assert chinese_to_number(text) == value


@pytest.mark.parametrize(("sentence", "value", "unit"), [
    ("帮扶困难群众1千5人。", 1500.0, "人"),
    ("新建农村公路2千5公里。", 2.5e6, "米"),
])
def test_a_lone_digit_after_a_unit_in_a_sentence(sentence, value, unit):
    q = found(sentence)[0]
    assert (q[0], q[2]) == (value, unit)


# -- Chinese numerals that are amounts, not words --------------------------------------------------------
@pytest.mark.parametrize(("sentence", "value", "unit", "words"), [
    ("修建全长一点五公里的防洪堤。", 1500.0, "米", "一点五公里"),
    ("新增二点五万亩的果园。", 25000.0, "亩", "二点五万亩"),
    ("造林三点二万亩的任务。", 32000.0, "亩", "三点二万亩"),
    ("全年生产拖拉机二十万部以上。", 200000.0, "部", "二十万部以上"),
    ("新建住宅三十五万套。", 350000.0, "套", "三十五万套"),
    ("兴建大中型项目一百五十六个。", 156.0, "个", "一百五十六个"),
    ("建成水库三百四十座。", 340.0, "座", "三百四十座"),
    ("全县开办农民夜校一千二百所。", 1200.0, "所", "一千二百所"),
])
def test_chinese_amounts_that_are_no_words(sentence, value, unit, words):
    got = found(sentence)
    assert got and (got[0][0], got[0][2], got[0][4]) == (value, unit, words)


@pytest.mark.parametrize("sentence", [
    "全面落实五个振兴。",
    "实现两个一百年奋斗目标。",
    "出台十项举措。",
    "打好三大攻坚战。",
    "一人一档，精准施策。",
    "一百年来风雨兼程。",  # a duration in Chinese stays a phrase
])
def test_phrases_stay_words(sentence):
    assert found(sentence) == []


# -- a list of ranks in words: each rank once ------------------------------------------------------------
@pytest.mark.parametrize(("sentence", "expected"), [
    ("两项指标分别居全省第二、第一位。", [2.0, 1.0]),
    ("增速分别位居全市第三、第二、第一位。", [3.0, 2.0, 1.0]),
    ("总量和增速分别居第五、第四名。", [5.0, 4.0]),
    ("分别居全国第2、第1位。", [2.0, 1.0]),
    ("增速居全省第三。", [3.0]),
])
def test_a_list_of_ranks_gives_each_rank_once(sentence, expected):
    got = found(sentence)
    assert [q[0] for q in got] == expected and all(q[2] == "位" for q in got)


@pytest.mark.parametrize("sentence", ["曾分别制订了一九八一和一九八二两个计划。", "编号二〇二三个案"])
def test_digit_by_digit_numerals_are_no_counts(sentence):
    assert found(sentence) == []


def test_a_unit_of_its_own_after_hundred_hundred_million():
    assert found("算力总规模达到10.36百亿亿次/秒。") == []
