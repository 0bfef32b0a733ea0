"""Quantity-grammar edges a planted bug slipped past (scripts/mutate.py --only numbers): each case
fails under one surviving mutant and states the rule it pins."""

from __future__ import annotations

import pytest

from govreport.ingest import matching_view
from govreport.numbers import find_quantities


def found(sentence: str) -> list[tuple[float, str, str, str]]:
    view = matching_view(sentence)
    return [(q.value, q.unit, str(q.bound), view[q.span.start : q.span.end]) for q in find_quantities(view)]


@pytest.mark.parametrize(("sentence", "expected"), [
    # a bare magnitude (千, 百, 万亿) before a unit is that many of the unit, in the canonical unit
    ("高速公路通车里程突破千公里，", [(1e6, "米", "min", "突破千公里")]),
    ("建成超百公里的绿道。", [(1e5, "米", "min", "超百公里")]),
    ("粮食产量超千万吨，", [(1e7, "吨", "min", "超千万吨")]),
])
def test_a_bare_magnitude_times_its_unit(sentence: str, expected: list) -> None:  # type: ignore[type-arg]
    assert found(sentence) == expected


def test_the_longest_arabic_numeral_the_grammar_reads_keeps_its_value() -> None:
    """20 digits, six groups of thousands and decimals (41 characters without the commas): the
    grammar reads it, so its value must not be lost to a length limit meant for Chinese numerals."""
    sentence = "某数为12345678901234567890,123,456,789,012,345,678.25元。"
    assert found(sentence) == [(pytest.approx(1.2345678901234568e37), "元", "exact",
                                "12345678901234567890,123,456,789,012,345,678.25元")]


@pytest.mark.parametrize(("sentence", "expected"), [
    # a Chinese fraction under ten (百分之六) followed by its bound word or a range: a figure, not a
    # numeral inside a word (四人帮), which the rule for lone small numerals drops
    ("增长百分之八左右，", [(8.0, "%", "approx", "百分之八左右")]),
    ("百分之六以上。", [(6.0, "%", "min", "百分之六以上")]),
    ("控制在千分之六以内。", [(0.6, "%", "max", "控制在千分之六以内")]),
    ("降低十分之一。", [(10.0, "%", "exact", "十分之一")]),
])
def test_a_small_chinese_fraction_before_a_word_is_a_figure(sentence: str, expected: list) -> None:  # type: ignore[type-arg]
    assert found(sentence) == expected


@pytest.mark.parametrize(("sentence", "low", "high"), [
    ("增长百分之四至百分之五。", 4.0, 5.0),  # both ends written as fractions
    ("人口自然增长率千分之三到千分之五。", 0.3, 0.5),  # a fraction of a thousand: each end a tenth of a percent
    ("千分之三至五。", 0.3, 0.5),  # the second end shares the first's denominator
])
def test_a_range_of_fractions(sentence: str, low: float, high: float) -> None:
    view = matching_view(sentence)
    got = [(q.value, q.value_max, str(q.bound)) for q in find_quantities(view)]
    assert got == [(pytest.approx(low), pytest.approx(high), "range")]


def test_a_number_glued_to_latin_letters_before_it_is_part_of_a_name() -> None:
    """PM2.5年均浓度: 2.5 belongs to the name PM2.5, so 2.5年 is no span of years."""
    assert found("PM2.5年均浓度为35微克/立方米。") == [(35.0, "微克/立方米", "exact", "35微克/立方米")]


def test_yi_after_yi_multiplies() -> None:
    """一亿亿 (old usage, as 一万万 = 1亿): a 亿 right after a 亿 scales the whole."""
    from govreport.numbers import chinese_to_number

    assert chinese_to_number("一亿亿") == 1e16
    assert chinese_to_number("三亿") == 3e8


@pytest.mark.parametrize(("sentence", "expected"), [
    # a bound word before 有 still bounds the number after it, whatever the word's length
    ("全市至少有3所高校。", [(3.0, "所", "min", "至少有3所")]),
    ("每个乡镇不少于有5家卫生院。", [(5.0, "家", "min", "不少于有5家")]),
])
def test_a_bound_word_before_you_bounds_the_number(sentence: str, expected: list) -> None:  # type: ignore[type-arg]
    assert found(sentence) == expected
