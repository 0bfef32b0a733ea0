"""Tests written against the survivors of scripts/mutate.py on numbers (issue 16): each one reaches one
branch that no other test tells apart from its mutant."""
from __future__ import annotations

import pytest

from govreport.ingest import matching_view
from govreport.numbers import chinese_to_number, find_quantities


def found(sentence: str) -> list[tuple[float, float | None, str, str, str]]:
    """(value, value_max, unit, bound, the words of the span) of each quantity of a sentence."""
    view = matching_view(sentence)
    return [(q.value, q.value_max, q.unit, str(q.bound), view[q.span.start : q.span.end])
            for q in find_quantities(view)]


# numbers.py CN_DIGITS: each of the three zeros reads 0 in a numeral spelled digit by digit
@pytest.mark.parametrize(("numeral", "value"), [("二零二五", 2025.0), ("二〇三五", 2035.0), ("二○一九", 2019.0),
                                                 ("一零八", 108.0)])
def test_every_zero_spelled_digit_by_digit_reads_zero(numeral, value):
    assert chinese_to_number(numeral) == value


# numbers.py _quantity, the lone-digit test (`num in CN_DIGITS`): 十 alone is not a digit, so 十公里 before
# a noun is ten kilometres, while a lone digit before a noun (三块地) is part of a word
def test_ten_alone_before_a_noun_is_an_amount_but_a_lone_digit_is_a_word():
    assert found("全市新建十公里绿道。") == [(10000.0, None, "米", "exact", "十公里")]
    assert found("全村流转三块地。") == []


# numbers.py _quantity, the name test (`at > 0`): a number glued to a letter is part of a name, even
# when the letter is the text's first character
def test_a_number_glued_to_a_first_letter_is_part_of_a_name():
    assert found("K3次列车每天开行。") == []
    assert found("列车每天开行3次。") == [(3.0, None, "次", "exact", "3次")]


# numbers.py _quantity, 三成半: the span holds the 半 and nothing after it
def test_tenths_and_a_half_span_ends_after_the_half():
    assert found("三成半的企业实现盈利。") == [(35.0, None, "%", "exact", "三成半")]


# numbers.py _word_ranks: each item of a list of ranks (only the last carries 位) is a rank of its own,
# in Arabic or Chinese digits
@pytest.mark.parametrize(("sentence", "expected"), [
    ("三项指标分别居全市第4、第2、第7位。",
     [(4.0, None, "位", "exact", "第4"), (2.0, None, "位", "exact", "第2"), (7.0, None, "位", "exact", "第7位")]),
    ("两项指标分别列全国第5、第十一、第八名。",
     [(5.0, None, "位", "exact", "第5"), (11.0, None, "位", "exact", "第十一"), (8.0, None, "位", "exact", "第八名")]),
])
def test_each_rank_of_a_list_is_read(sentence, expected):
    assert found(sentence) == expected


# numbers.py grammar, the Chinese numeral's length bound: at most _CN_LEN (20) characters, read whole
def test_a_chinese_numeral_of_twenty_characters_is_read_and_one_of_twenty_one_is_not():
    twenty = "一二三四五六七八九〇" * 2
    (value, value_max, unit, _, words), = found(twenty + "元")
    assert (value_max, unit, words) == (None, "元", twenty + "元")
    assert value == pytest.approx(12345678901234567890.0, rel=1e-14)
    assert found(twenty + "一元") == []
