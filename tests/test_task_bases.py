"""A quantified task written as NP 由X增加到Y, after a target year: the object is the NP alone.

到一九九〇年，全省公路通车里程将由一九八五年的…公里增加到…公里 was a row whose object ran from the
target year through the base value; the target year is the row's deadline, the base is no part of what
is to be done.
"""

from __future__ import annotations

import pytest

from govreport.task_clauses import load_rules, paragraph_rows
from govreport.task_dates import deadline_date, find_deadline


def _rows(view: str) -> list[tuple[str, str, float | None]]:
    found = paragraph_rows(view, (0, len(view)), deliverable_only=False, skip_first=None, rules=load_rules())
    return [(r.action, r.obj, r.quantity.value if r.quantity else None) for _, r in found]


@pytest.mark.parametrize(
    ("text", "obj", "value"),
    [
        ("确保完成技术改造任务，到一九九〇年全省钢产量将由一九八五年的三百万吨增加到四百万吨。",
         "全省钢产量", 4_000_000),
        ("要加快电力建设，到2027年全市发电装机容量从2024年的500万千瓦提高到800万千瓦。",
         "全市发电装机容量", 8_000_000),
        ("确保完成年度任务，城镇新增就业5000人。", "就业", 5000),  # no base: as before
    ],
)
def test_object_of_a_from_to_target(text: str, obj: str, value: float) -> None:
    assert [r[1] for r in _rows(text) if r[2] == value] == [obj]


@pytest.mark.parametrize(
    ("sentence", "written", "date"),
    [
        ("到一九九〇年全省公路通车里程将由…增加到…", "一九九〇年", "1990-12-31"),
        ("到2027年全市发电装机容量提高到800万千瓦", "2027年", "2027-12-31"),
        ("计划在一九八五年底前建成投产", "一九八五年底前", "1985-12-31"),
        ("年底前实现全覆盖", "年底前", "2024-12-31"),
        ("新建高标准农田22万亩", None, None),
    ],
)
def test_target_year_deadline_and_its_date(sentence: str, written: str | None, date: str | None) -> None:
    assert find_deadline(sentence) == written
    assert deadline_date(written, 2024) == date
