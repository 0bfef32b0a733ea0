"""DocQuantities.within(start, end) is find_quantities(view, start, end), from one pass over the view."""

from __future__ import annotations

import pytest
from shared_paths import CORPUS, DEV2, SEEDS

import govreport.doc_quantities as dq
from govreport import extract
from govreport.ingest import matching_view
from govreport.numbers import find_quantities

TEXT = ("全年生产总值增长6.5%左右，粮食产量稳定在1200万吨以上、新建学校12所；居全省第二位，"
        "2025年人均收入翻一番。新增就业5万人和6%—6.5%，完成投资3.2亿元为重点，安排1,200万元,3万5.")


def test_every_window_of_a_text_matches_the_grammar() -> None:
    view = matching_view(TEXT)
    index = dq.DocQuantities(view)
    assert index.quantities == find_quantities(view)
    for start in range(len(view)):
        for end in range(start, len(view) + 1):
            assert index.within(start, end) == find_quantities(view, start, end), (start, end, view[start:end])


def test_a_window_that_cuts_a_number_is_scanned_again(monkeypatch: pytest.MonkeyPatch) -> None:
    view = matching_view(TEXT)
    index = dq.DocQuantities(view)
    cut = view.index("1200") + 2  # inside 1200万吨
    calls = []
    real = dq.find_quantities
    monkeypatch.setattr(dq, "find_quantities", lambda *a: calls.append(a) or real(*a))
    assert index.within(cut, len(view)) == real(view, cut, len(view))
    assert calls == [(view, cut, len(view))]
    calls.clear()
    start, end = view.index("粮食"), view.index("、")  # a clause: no rescan
    assert [q.value for q in index.within(start, end)] == [12000000.0]
    assert calls == []


def test_quantities_in_uses_the_index_only_for_its_own_view() -> None:
    view = matching_view(TEXT)
    other = "".join(view)  # equal, not the same object
    index = dq.DocQuantities(view, quantities=[])  # a deliberately empty index shows which answered
    with dq.document_quantities(index):
        assert dq.quantities_in(view, 0, len(view)) == []
        assert dq.quantities_in(other, 0, len(view)) == find_quantities(view)
    assert dq.quantities_in(view, 0, len(view)) == find_quantities(view)


@pytest.mark.parametrize("path", SEEDS + DEV2[::3] + CORPUS[::6], ids=lambda p: p.stem)
def test_every_window_the_task_finder_asks_for_matches(path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    asked = []
    within = dq.DocQuantities.within

    def checked(self: dq.DocQuantities, start: int, end: int) -> list:  # type: ignore[type-arg]
        got = within(self, start, end)
        asked.append(got == find_quantities(self.view, start, end) or (start, end, self.view[start:end]))
        return got

    none_from = dq.DocQuantities.none_from

    def checked_none(self: dq.DocQuantities, start: int, end: int) -> bool:
        got = none_from(self, start, end)
        if got:  # a claim for every window that ends at end
            asked.append(all(not find_quantities(self.view, p, end) for p in range(start, end + 1))
                         or (start, end, self.view[start:end]))
        return got

    monkeypatch.setattr(dq.DocQuantities, "within", checked)
    monkeypatch.setattr(dq.DocQuantities, "none_from", checked_none)
    report = extract(path)
    assert asked or not report.tasks
    assert [a for a in asked if a is not True] == []


def test_none_from_is_said_only_when_every_window_to_the_end_is_empty() -> None:
    view = matching_view(TEXT)
    index = dq.DocQuantities(view)
    said = 0
    for start in range(len(view)):
        for end in range(start, len(view) + 1):
            if index.none_from(start, end):
                said += 1
                assert all(not find_quantities(view, p, end) for p in range(start, end + 1)), (start, end)
    assert said > 0  # it does say it (windows without a number, ending at a clause mark)
    assert not index.none_from(view.index("粮食"), view.index("、"))  # 1200万吨 inside
