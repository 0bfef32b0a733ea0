"""Edges of the quantity grammar that a planted bug slipped past (issue 16): ranges after another
quantity, ranks in words, 千 as a magnitude, numerals that start with 万/亿, the year rule's bounds."""

from __future__ import annotations

import pytest

from govreport.ingest import matching_view
from govreport.numbers import YEAR_MAX, YEAR_MIN, chinese_to_number, find_quantities, is_year, parse_quantity


def found(sentence: str) -> list[tuple[float, float | None, str, str, str]]:
    """(value, value_max, unit, bound, the words of the span) of each quantity of a sentence."""
    view = matching_view(sentence)
    return [(q.value, q.value_max, q.unit, str(q.bound), view[q.span.start : q.span.end])
            for q in find_quantities(view)]


# -- ranges that are not the first quantity of their sentence ----------------------------------------
@pytest.mark.parametrize(("sentence", "expected"), [
    ("全年生产总值增长7.5%，固定资产投资增长8%—9%。",
     [(7.5, None, "%", "exact", "7.5%"), (8.0, 9.0, "%", "range", "8%—9%")]),
    ("居民收入增长6%、7%—8%。", [(6.0, None, "%", "exact", "6%"), (7.0, 8.0, "%", "range", "7%—8%")]),
    ("新增就业10万人，培训3万人到5万人。",
     [(1e5, None, "人", "exact", "10万人"), (3e4, 5e4, "人", "range", "3万人到5万人")]),
])
def test_a_range_after_another_quantity_is_merged(sentence, expected):
    assert found(sentence) == expected


@pytest.mark.parametrize(("sentence", "why"), [
    ("增长5%-6个百分点", "two units"),
    ("增长5%以上-6%", "the first end has its own bound"),
    ("由9%-8%", "the second end is not larger"),
    ("增长5%，6%", "a comma is no dash"),
    ("增长5%至于6%", "a gap of three characters"),
])
def test_two_quantities_that_are_no_range(sentence, why):
    got = found(sentence)
    assert len(got) == 2 and all(q[1] is None for q in got), why


def test_a_range_of_ranges_is_not_merged_again():
    got = found("增长5%—6%—7%")
    assert got[0] == (5.0, 6.0, "%", "range", "5%—6%")
    assert len(got) == 2 and got[1][1] is None


# -- ranks in words -----------------------------------------------------------------------------------
@pytest.mark.parametrize(("sentence", "expected"), [
    ("粮食产量达到1300亿斤，跃居全国首位。",
     [(6.5e7, None, "吨", "exact", "1300亿斤"), (1.0, None, "位", "exact", "首位")]),
    ("位居首位", [(1.0, None, "位", "exact", "首位")]),
    ("增速居全省第三", [(3.0, None, "位", "exact", "第三")]),
    ("进入全国前十强", [(10.0, None, "位", "max", "前十强")]),
])
def test_ranks_in_words(sentence, expected):
    assert found(sentence) == expected


def test_shou_wei_needs_a_rank_verb():
    """首位 alone (首位度, 放在首位) is no rank; 跃居首位 is."""
    assert found("首位") == []
    assert found("把就业摆在首位") == []


# -- 千 as a magnitude after Arabic digits --------------------------------------------------------------
@pytest.mark.parametrize(("text", "value", "unit"), [
    ("3千人", 3000, "人"), ("5千元", 5000, "元"), ("3千万元", 3e7, "元"),
    ("3千米", 3000, "米"),  # 千米 is the unit (kilometres), not 千 × 米
    ("2千瓦", 2, "千瓦"),
])
def test_qian_after_arabic_digits(text, value, unit):
    q = parse_quantity(text)
    assert q is not None and (q.value, q.unit, str(q.bound)) == (pytest.approx(value), unit, "exact")
    assert (q.span.start, q.span.end) == (0, len(text))


def test_qian_in_a_sentence_with_other_quantities():
    assert found("培训3千人，其中女性1千人") == [(3000.0, None, "人", "exact", "3千人"),
                                             (1000.0, None, "人", "exact", "1千人")]


# -- a numeral never starts with 万 or 亿 -----------------------------------------------------------------
@pytest.mark.parametrize("text", ["万", "亿", "万五", "亿三千", "万万", "亿元"])
def test_no_numeral_starts_with_wan_or_yi(text):
    assert chinese_to_number(text) is None


@pytest.mark.parametrize(("text", "value"), [("一万", 1e4), ("一亿", 1e8), ("十万", 1e5), ("一万万", 1e8)])
def test_a_numeral_that_holds_wan_or_yi(text, value):
    assert chinese_to_number(text) == value


@pytest.mark.parametrize("sentence", ["万众一心", "亿万人民", "万人空巷"])
def test_words_that_start_with_wan_or_yi_are_no_quantities(sentence):
    assert found(sentence) == []


# -- the year rule and its bounds ----------------------------------------------------------------------
def test_the_year_bounds():
    assert (YEAR_MIN, YEAR_MAX) == (1900, 2100)
    for year, expected in [(1899, False), (1900, True), (1901, True), (2099, True), (2100, True), (2101, False)]:
        text = str(year)
        assert is_year(text, 0, 4) is expected, year
    assert not is_year("190", 0, 3) and not is_year("19000", 0, 5) and not is_year("二〇二〇", 0, 4)
    assert is_year("在2020年", 1, 5) and not is_year("在2020年", 0, 4)


@pytest.mark.parametrize(("text", "expected"), [
    ("2021年", None), ("1900年", None), ("2021—2025年", None), ("二〇二〇年", None),
    # a number in the years' span with a magnitude is an amount: 参保人数分别增加1753万和2028万
    ("增加2028万", (2.028e7, None, "", "exact")),
    ("人口突破1900万", (1.9e7, None, "", "min")),
    # a range whose second end is no year is an amount, not a period
    ("补助2000—3000元", (2000.0, 3000.0, "元", "range")),
    ("补助1899—3000元", (1899.0, 3000.0, "元", "range")),
])
def test_years_and_amounts_in_the_years_span(text, expected):
    q = parse_quantity(text)
    got = None if q is None else (q.value, q.value_max, q.unit, str(q.bound))
    assert got == expected


def test_both_figures_of_a_list_in_the_years_span():
    got = found("城镇职工基本养老保险、基本医疗保险参保人数分别增加1753万和2028万")
    assert [(v, w) for v, _, _, _, w in got] == [(1.753e7, "1753万"), (2.028e7, "2028万")]


# -- bare magnitudes: 突破亿元, 近亿人, 千万余人 (each value exact, not merely close) ------------------------
BARE = {"百": 1e2, "千": 1e3, "万": 1e4, "百万": 1e6, "千万": 1e7, "亿": 1e8, "百亿": 1e10, "千亿": 1e11,
        "万亿": 1e12, "百万亿": 1e14, "千万亿": 1e15}


@pytest.mark.parametrize(("word", "value"), sorted(BARE.items()))
def test_bare_magnitudes(word: str, value: float) -> None:
    for text, unit, bound in ((f"突破{word}元", "元", "min"), (f"近{word}人", "人", "approx"),
                              (f"{word}余人", "人", "min")):
        q = parse_quantity(text)
        assert q is not None, text
        assert (q.value, q.unit, str(q.bound), q.span.start, q.span.end) == (value, unit, bound, 0, len(text)), text


def test_a_bare_yi_in_a_sentence():
    """亿 alone (惠及近亿人口) was never a candidate: the scan's first-character class lacked it."""
    assert found("惠及近亿人口，带动就业近千万人") == [(1e8, None, "人", "approx", "近亿人"),
                                                (1e7, None, "人", "approx", "近千万人")]
    assert found("亿万人民") == [] and found("亿元") == []


@pytest.mark.parametrize(("text", "value"), [("二零二零", 2020), ("一九零五", 1905), ("一零", 10), ("三零零", 300)])
def test_digit_by_digit_with_ling(text: str, value: float) -> None:
    assert chinese_to_number(text) == value


# -- spans of the special forms: ordinals before a word, threshold nouns, slash fractions ------------------
@pytest.mark.parametrize(("sentence", "expected"), [
    # a Chinese ordinal rank followed by more words is still a rank (一人一档 is no quantity; 第三位的 is)
    ("增速居全省第三位的好成绩", [(3.0, None, "位", "exact", "第三位")]),
    ("排在第二名的位置", [(2.0, None, "位", "exact", "第二名")]),
    # the threshold's noun is inside the span
    ("突破千亿元大关，", [(1e11, None, "元", "min", "突破千亿元大关")]),
    ("迈上万亿台阶。", [(1e12, None, "", "min", "迈上万亿台阶")]),
    ("跨上5000亿元关口", [(5e11, None, "元", "min", "跨上5000亿元关口")]),
    # a slash fraction is a share; its span is the fraction and its bound words
    ("占全省的1/4", [(25.0, None, "%", "exact", "1/4")]),
    ("1/8以上", [(12.5, None, "%", "min", "1/8以上")]),
    ("约1/20的人口", [(5.0, None, "%", "approx", "约1/20")]),
    ("约12/25的人口", [(48.0, None, "%", "approx", "约12/25")]),
])
def test_spans_of_special_forms(sentence, expected):
    assert found(sentence) == expected


@pytest.mark.parametrize(("sentence", "value", "words"), [
    ("参保人数达到三十二万五千，", 325000.0, "三十二万五千"),  # a Chinese numeral holding 万 needs no unit
    ("常住人口三亿零五百，", 300000500.0, "三亿零五百"),
])
def test_a_chinese_numeral_holding_wan_or_yi_stands_alone(sentence, value, words):
    assert found(sentence) == [(value, None, "", "exact", words)]


def test_a_short_chinese_numeral_without_unit_is_a_word():
    assert found("统一思想，一是") == [] and found("十五，") == []
