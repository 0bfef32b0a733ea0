"""numbers.scan_quantities: find_quantities(view) and the raw matches' spans from one run of the grammar,
handed to the task finder's index (doc_quantities) instead of a second run of the regex."""

from __future__ import annotations

import random

import pytest
from shared_paths import CORPUS, DEV2, SEEDS

import govreport.doc_quantities as dq
import govreport.numbers as numbers
from govreport.ingest import matching_view
from govreport.numbers import find_quantities, grammar, last_scan, scan_quantities

_ALPHABET = [*"0123456789.,一二三四五六七八九十百千万亿两几多余%-—至到第位名个元吨亿万以上左右近超过翻番前首，。；、\n ",
             "万元", "亿元", "个百分点", "平方米", "居全省第", "翻一番", "前五位", "2021年", "2021—2025", "百分之"]


def _random_views(n: int = 3000, seed: int = 11) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(_ALPHABET) for _ in range(rnd.randrange(1, 40))) for _ in range(n)]


def _shared_views() -> list[str]:
    paths = SEEDS + DEV2 + CORPUS
    if not paths:
        pytest.skip("shared texts missing")
    return [matching_view(p.read_text(encoding="utf-8", errors="replace")) for p in paths]


def test_the_scan_gives_the_grammars_quantities_and_raw_spans() -> None:
    views = _shared_views() + _random_views()
    spans = 0
    for view in views:
        scan = scan_quantities(view)
        assert scan.quantities == find_quantities(view), view[:80]
        assert scan.spans == [m.span() for m in grammar().regex.finditer(view)], view[:80]
        spans += len(scan.spans) - len(scan.quantities)
    assert spans > 1000  # raw matches that are no quantity (years, bare numbers) are kept too


def test_the_last_scan_is_handed_over_only_for_the_same_view_and_quantities() -> None:
    view = matching_view("全年生产总值增长6.5%左右，粮食产量1200万吨以上，2021年居全省第二位。")
    scan = scan_quantities(view)
    assert last_scan(view) is scan
    assert last_scan("".join(view)) is scan  # an equal string
    assert last_scan(view, scan.quantities) is scan
    assert last_scan(view, list(scan.quantities)) is scan
    assert last_scan(view, []) is None  # other quantities
    assert last_scan(view + "。") is None
    scan_quantities("另一个文本增长3%")
    assert last_scan(view) is None


def test_the_index_reads_the_scan_instead_of_running_the_regex_again(monkeypatch: pytest.MonkeyPatch) -> None:
    view = matching_view("全年生产总值增长6.5%左右，粮食产量1200万吨以上；新建学校12所，居全省第二位，人均收入翻一番。")
    plain = dq.DocQuantities(view, quantities=find_quantities(view))  # no scan of this view kept: its own regex run
    numbers._LAST_SCAN.clear()
    plain_fresh = dq.DocQuantities(view)
    scan = scan_quantities(view)

    class NoRegex:
        def finditer(self, *a: object) -> None:
            raise AssertionError("the grammar's regex ran again")

    real = grammar()
    monkeypatch.setattr(dq, "grammar", lambda: type("G", (), {"regex": NoRegex()})())
    shared = dq.DocQuantities(view, scan.quantities)
    fresh = dq.DocQuantities(view)
    monkeypatch.setattr(dq, "grammar", lambda: real)
    for index in (shared, fresh, plain_fresh):
        assert index.quantities == plain.quantities
        assert (index._cut_starts, index._cut_ends) == (plain._cut_starts, plain._cut_ends)
        for start in range(0, len(view), 3):
            for end in range(start, len(view) + 1, 2):
                assert index.within(start, end) == find_quantities(view, start, end)
