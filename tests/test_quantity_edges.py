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
