"""The task finder's start-of-clause patterns match at the clause's start whatever its offset.

``^`` (without MULTILINE) matches at the string's start only, never at the ``pos`` a compiled
pattern is run from, so an anchored pattern used as ``pattern.match(view, pos)`` would only ever
work for the first clause of a text: （二）, 二是, 其中 were left on every later clause and the scene
sentence 2026年是…开局之年 was read for tasks unless it opened the text.
"""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

from shared_paths import SEEDS

from govreport import task_clauses, task_dates, task_follow, task_split, tasks
from govreport.ingest import matching_view
from govreport.task_clauses import load_rules, paragraph_rows, strip_numbering
from govreport.task_split import paragraphs


def _rows(view: str, para: tuple[int, int] | None = None) -> list[tuple[str, str, str]]:
    para = para or (0, len(view))
    found = paragraph_rows(view, para, deliverable_only=False, skip_first=None, rules=load_rules())
    return [(r.action, r.obj, view[r.start : r.end]) for _, r in found]


def test_numbering_of_a_second_sentence_is_stripped() -> None:
    view = "稳定粮食生产。（二）加快建设高标准农田。"
    assert _rows(view) == [("稳定", "粮食生产", "稳定粮食生产"), ("加快建设", "高标准农田", "加快建设高标准农田")]


def test_enumerators_after_the_first_are_stripped() -> None:
    view = "一是加强农业基础设施建设。二是优化信贷结构。3.完善产品质量安全法制保障。"
    assert [a for a, _, _ in _rows(view)] == ["加强", "优化", "完善"]
    assert [span for _, _, span in _rows(view)] == ["加强农业基础设施建设", "优化信贷结构", "完善产品质量安全法制保障"]


def test_a_linking_word_opening_a_later_clause_is_not_in_the_row() -> None:
    view = "新建高标准农田18万亩，其中高标准农田示范区2万亩。"
    rows = _rows(view)
    assert len(rows) == 2
    assert not any(obj.startswith("其中") or span.startswith("其中") for _, obj, span in rows)
    assert rows[1][2] == "高标准农田示范区2万亩"


def test_a_scene_sentence_gives_no_task_wherever_it_is() -> None:
    scene = "2026年是“十五五”开局之年，做好今年政府工作，要落实省委部署。"
    assert _rows(scene) == []
    assert _rows("加快建设高标准农田。" + scene) == [("加快建设", "高标准农田", "加快建设高标准农田")]
    # the opening counts at a sentence's start only: later in a sentence it is no scene
    assert _rows("加快建设高标准农田，2026年是开局之年。")[:1] == [("加快建设", "高标准农田", "加快建设高标准农田")]


def test_rows_do_not_depend_on_where_the_paragraph_sits() -> None:
    """Each paragraph of the seeds alone, and after other text: the same rows."""
    prefix = "各位代表：\n"
    compared = numbered = 0
    for path in SEEDS:
        view = matching_view(path.read_text(encoding="utf-8"))
        for start, end in paragraphs(view, 0, len(view)):
            line = view[start:end]
            alone = _rows(line)
            later = prefix + line
            assert _rows(later, (len(prefix), len(later))) == alone, (path.name, line[:30])
            compared += bool(alone)
            numbered += task_clauses._NUMBERING.match(line) is not None and bool(alone)
    assert compared > 200 and numbered > 40  # measured 241 and 50


def test_strip_numbering_only_strips_the_start() -> None:
    assert strip_numbering("（七）加快推进新型城镇化") == "加快推进新型城镇化"
    assert strip_numbering("二是 优化信贷结构") == "优化信贷结构"
    assert strip_numbering("加快推进其中一项") == "加快推进其中一项"
    assert strip_numbering("2.5万亩") == "2.5万亩"  # a decimal is no numbering


def test_the_start_patterns_match_at_a_later_position_as_on_the_slice() -> None:
    view = "稳定粮食生产。（二）加快建设，其中新建。2026年是开局之年。"
    for pos in range(len(view)):
        at = task_clauses._NUMBERING.match(view, pos)
        alone = task_clauses._NUMBERING.match(view[pos:])
        assert (at and (at.start() - pos, at.end() - pos)) == (alone and alone.span()), pos
        assert (task_clauses._CONTEXT_OPENING.match(view, pos) is None) == (
            task_clauses._CONTEXT_OPENING.match(view[pos:]) is None), pos
    assert task_clauses._NUMBERING.match(view, view.index("（二）")) is not None
    assert task_clauses._NUMBERING.match(view, view.index("其中")) is not None
    assert task_clauses.is_context(view, view.index("2026"), len(view))


_POSITIONED = re.compile(r"\b(_?[A-Z][A-Z_]*)\.(?:match|search|fullmatch|finditer|findall)\(\s*[^,()\[\]]+,")


def test_no_anchored_pattern_of_the_task_modules_is_run_from_a_position() -> None:
    """A module-level pattern that opens with ``^`` is only run on a whole string (a slice)."""
    checked = 0
    for module in (task_clauses, task_split, tasks, task_dates, task_follow):
        source = Path(inspect.getsourcefile(module) or "").read_text(encoding="utf-8")
        anchored = {name for name, value in vars(module).items()
                    if isinstance(value, re.Pattern) and value.pattern.startswith("^") and not value.flags & re.M}
        checked += len(anchored)
        for m in _POSITIONED.finditer(source):
            assert m.group(1) not in anchored, f"{module.__name__}: {m.group(0)}"
        ast.parse(source)  # the scan read real source
    assert checked >= 5
