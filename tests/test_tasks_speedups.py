"""The shortcuts of the fast task and slogan finders (issue 10, item 4) give what the plain scans give."""

from __future__ import annotations

import dataclasses
import random
import re
from re import _parser as sre_parse  # the parser re itself uses

import pytest
from shared_paths import CORPUS, SEEDS

from govreport import doc_quantities, slogans, task_clauses, task_dates, tasks
from govreport.ingest import matching_view
from govreport.model import Task
from govreport.pipeline import extract


def _views(n: int = 12) -> list[str]:
    return [matching_view(p.read_text(encoding="utf-8")) for p in (SEEDS + CORPUS)[:n]]


def test_tasks_are_built_with_the_fields_in_model_order() -> None:
    """tasks._extract_tasks builds Task positionally (a third of its cost): the order must be this."""
    names = [f.name for f in dataclasses.fields(Task)]
    assert names[:16] == ["action", "object", "span", "value", "value_max", "unit", "bound", "area", "department",
                          "deadline", "section", "sentence", "kind", "deadline_date", "department_source",
                          "co_departments"]
    assert all(f.default is not dataclasses.MISSING for f in dataclasses.fields(Task)[16:])


def test_every_deadline_alternative_holds_a_hint_character() -> None:
    """find_deadline skips a window without 年/月/季/汛: each top-level alternative of _DEADLINE must
    require one of them (a literal outside any optional part)."""
    branches = sre_parse.parse(task_dates._DEADLINE.pattern)[0][1][1]  # the top-level BRANCH

    def required(items) -> set[str]:  # type: ignore[no-untyped-def]
        out: set[str] = set()
        for op, arg in items:
            if op is sre_parse.LITERAL:
                out.add(chr(arg))
            elif op is sre_parse.SUBPATTERN:
                out |= required(arg[3])
            elif op in (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT) and arg[0] >= 1:
                out |= required(arg[2])
        return out

    assert len(branches) >= 10
    for branch in branches:
        assert required(branch) & set("年月季汛"), branch
    for view in _views():
        for m in task_dates._DEADLINE.finditer(view):
            assert task_dates._DEADLINE_HINT.search(m.group())
    assert task_dates.find_deadline("今年完成，下半年前投用") == "下半年"
    assert task_dates.find_deadline("加快推进项目建设") is None


def test_ge_negations_are_the_plain_scan() -> None:
    plain = slogans._GE_NEG
    for view in _views():
        assert [m.span() for m in plain.finditer(view)] == list(slogans._ge_negations(view))
    rng = random.Random(7)
    alphabet = "一二三四五十个个不不毫摘动摇好的，"
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 18)))
        assert [m.span() for m in plain.finditer(text)] == list(slogans._ge_negations(text)), text


def test_compound_starts_are_the_plain_scan() -> None:
    leads, other = slogans._LEADS, slogans._han_except(slogans._LEADS)
    plain = re.compile(f"(?<![{leads}])[{leads}](?=[{leads}]*[{other}]+[{leads}]+[{other}])")
    for view in _views():
        assert [m.start() for m in plain.finditer(view)] == [m.start() for m in slogans._COMPOUND_START.finditer(view)]
    rng = random.Random(11)
    alphabet = "一二三十百双两不愁保障去降补村品，a1 "
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 16)))
        assert [m.start() for m in plain.finditer(text)] == [m.start() for m in slogans._COMPOUND_START.finditer(text)]


def test_a_clause_without_any_verb_gives_no_row_unless_it_continues_a_task() -> None:
    rules = task_clauses.load_rules()
    view = "粮食总产量20万吨以上，"
    assert rules.any_verb is not None and not rules.any_verb.search(view)
    cold = task_clauses._context(False, False, False)
    warm = task_clauses._context(True, True, False)
    assert task_clauses.clause_rows(view, 0, len(view) - 1, cold, rules) == []
    rows = task_clauses.clause_rows(view, 0, len(view) - 1, warm, rules)
    assert [(r.obj, r.kind, r.quantity.value if r.quantity else None) for r in rows] == [
        ("粮食总产量", "quantified", 200000.0)]
    assert task_clauses._context(True, True, False) is warm  # one instance per set of flags


@pytest.mark.parametrize("path", SEEDS[:3] + CORPUS[::9], ids=lambda p: p.stem)
def test_the_shortcuts_change_no_task(path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """The same tasks with the two clause shortcuts off: no verb at all (rules.any_verb) and no
    quantity in the clause (DocQuantities.none_from)."""
    fast = extract(path).tasks
    slow_rules = dataclasses.replace(task_clauses.load_rules(), any_verb=None)
    monkeypatch.setattr(tasks, "load_rules", lambda: slow_rules)
    monkeypatch.setattr(doc_quantities.DocQuantities, "none_from", lambda self, start, end: False)
    assert extract(path).tasks == fast
    assert fast or path in CORPUS
