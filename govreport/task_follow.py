"""Follow-up across years (issue 14, item 3): what became of each task of year Y's plan, read from
year Y+1's review (建成投用, 开工建设, 完成, 获批, 成功创建 …).

``follow_up(report, next_report)`` is a pure function over two extracted reports; ``follow_tasks``
does the work on a task list, the next report's text and its review spans (so stored reports can be
followed without re-extracting them). Each task is looked for in the review clauses (split at
。；，：) by its object words:

1. **a name** — the object itself, a quoted name in it (“放管服”), or the object without generic
   ending words (北京大兴国际机场建设 → 北京大兴国际机场), found verbatim in the review (``method="name"``);
2. **the content words** — character pairs of the object (generic words such as 建设, 体系 and
   connectors left out), weighted by how rare each pair is among the review's clauses; the best
   clause wins when it holds at least two of them, two adjacent (three characters of the object in
   a row), and ``MIN_SCORE`` of their weight
   (``method="words"``) and the object's last pair, or one of its last two
   when it has more than four (its head: …交易市场), is
   among them, or at least ``SURE_SCORE`` is, or the object's last ``TAIL_RUN`` pairs in a row are
   all in the clause (…研发费用加计扣除比例 for 科技型中小企业研发费用加计扣除比例), or one fewer
   with ``TAIL_SCORE`` of the weight; below ``SURE_SCORE`` and a full tail run, one of the object's
   first two pairs must be there too (奶业振兴规划 is not 十大重点产业调整振兴规划).

The status comes from cue words of ``lexicons/follow_cues.yaml`` in the matched clause, outside
the task's own words: ``done`` (建成, 获批, 成功创建), ``started`` (开工建设, 启动, 试点; also a match
with no cue: worked on, not said to be finished) or, for a cue of ``unfinished`` (尚未, 未能),
``started``. A quantified task whose clause states a number in its unit is ``done`` when that
number meets the task's bound (cue ``达到目标``) and ``started`` when it falls short (``未达目标``).
A task found nowhere in the review is ``not_mentioned``.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from govreport.errors import LexiconError
from govreport.ingest.normalize import matching_view
from govreport.lexicons import read_yaml
from govreport.model import Bound, Report, Span, Task
from govreport.numbers import find_quantities

__all__ = [
    "FOLLOW_COLUMNS",
    "MIN_SCORE",
    "STATUSES",
    "STATUS_NAMES",
    "SURE_SCORE",
    "TAIL_RUN",
    "TAIL_SCORE",
    "FollowUp",
    "follow_rows",
    "follow_tasks",
    "follow_up",
    "load_cues",
    "review_spans",
    "shares",
    "task_from_record",
]

STATUSES = ("done", "started", "not_mentioned")
#: the labels of the 督查 table
STATUS_NAMES = {"done": "已完成", "started": "推进中", "not_mentioned": "未提及"}
#: share of the object's (weighted) content pairs a review clause must hold, with one of the
#: object's last two pairs (its head) among them; or, without the head, SURE_SCORE
MIN_SCORE = 0.5
SURE_SCORE = 0.7
#: or the object's last TAIL_RUN pairs in a row (…研发费用加计扣除比例 without 科技型中小企业)
TAIL_RUN = 4
#: a run one pair shorter counts with this share of the weight (…危房改造 of 贫困农户危房改造)
TAIL_SCORE = 0.4
_MET, _SHORT = "达到目标", "未达目标"
_SENTENCE_END = re.compile(r"[。！？!?；;\n]")
_CLAUSE_END = re.compile(r"[。！？!?；;\n，,：:]")
#: characters of words (digits are left to the quantity check: 5000多亿元 is no name)
_WORD_CHAR = re.compile(r"[\u4e00-\u9fffA-Za-z]")
#: characters that join or frame words: a pair holding one says nothing about the task
_JOINERS = frozenset("和及与、等的了并或其")
_QUOTED = re.compile(r"[“\"《]([^”\"》]{3,20})[”\"》]")
#: a quoted plan period (“十三五”) names no task
_PERIOD_NAME = re.compile(r"^[一二三四五六七八九十]{2,3}五$")
_PERIOD_WORDS = re.compile(r"[一二三四五六七八九十]{1,2}[一二三四五]五(?:规划|时期|期间)?")


@dataclass(frozen=True, slots=True)
class FollowCues:
    done: tuple[str, ...]  # longest first
    started: tuple[str, ...]
    unfinished: tuple[str, ...]
    generic: tuple[str, ...]
    examples: tuple[dict[str, Any], ...]
    #: words that open the review's paragraph of problems (政府工作存在不足): no task's progress is there
    problems: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class FollowUp:
    """One task of year Y with what year Y+1's review says of it."""

    task: Task
    status: str  # done | started | not_mentioned
    cue: str | None = None  # the cue word that decided (or 达到目标 / 未达目标)
    method: str | None = None  # name | words
    score: float = 0.0  # share of the object's weighted content pairs found (1.0 for a name)
    review_span: Span | None = None  # the matched clause, into the next report's text
    review: str = ""  # its words
    review_sentence: str = ""  # the whole sentence it is in


def _words(data: dict[str, Any], key: str) -> tuple[str, ...]:
    words = data.get(key)
    if not isinstance(words, list) or not words or not all(isinstance(w, str) and w.strip() for w in words):
        raise LexiconError(f"lexicon follow_cues.yaml: {key} must be a non-empty list of words")
    if len(set(words)) != len(words):
        raise LexiconError(f"lexicon follow_cues.yaml: {key} repeats a word")
    return tuple(sorted(words, key=len, reverse=True))


@cache
def load_cues() -> FollowCues:
    """The follow-up cue words, validated (a word in two status lists, or a bad example, is an error)."""
    data = read_yaml("follow_cues.yaml")
    if not isinstance(data, dict):
        raise LexiconError("lexicon follow_cues.yaml: must be a mapping")
    cues = FollowCues(*(_words(data, k) for k in ("done", "started", "unfinished", "generic")),
                      examples=tuple(data.get("examples") or ()), problems=_words(data, "problems"))
    for a, b in (("done", "started"), ("done", "unfinished"), ("started", "unfinished")):
        both = set(getattr(cues, a)) & set(getattr(cues, b))
        if both:
            raise LexiconError(f"lexicon follow_cues.yaml: {sorted(both)} in both {a} and {b}")
    if not cues.examples:
        raise LexiconError("lexicon follow_cues.yaml: no examples")
    for ex in cues.examples:
        if (not isinstance(ex, dict) or not isinstance(ex.get("task"), str) or not isinstance(ex.get("review"), str)
                or ex.get("status") not in STATUSES):
            raise LexiconError(f"lexicon follow_cues.yaml: example {ex!r} needs task, review and a status "
                               f"of {', '.join(STATUSES)}")
    return cues


# -- the review side --------------------------------------------------------------------------

def review_spans(sections: Iterable[tuple[str, int, int]], length: int) -> list[tuple[int, int]]:
    """The review part of a report from its sections as (role, start, end), merged; a report
    without a review section: the text before its first plan section (if there is one)."""
    sections = list(sections)
    spans = sorted((s, e) for role, s, e in sections if str(role) == "review")
    if not spans:
        plan = [s for role, s, _ in sections if str(role) in {"tasks", "targets", "five_year"}]
        first = min(plan, default=0)
        spans = [(0, first)] if first > 0 else []
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, min(e, length)))
    return merged


@dataclass(frozen=True, slots=True)
class _Clause:
    start: int
    end: int
    sentence: tuple[int, int]
    pairs: frozenset[str]


#: how far into a paragraph a problems word must come for the paragraph to be the problems one
_PROBLEMS_WITHIN = 60


def _clauses(view: str, spans: Sequence[tuple[int, int]]) -> list[_Clause]:
    """The review's clauses, less the paragraphs that list its problems (我们也清醒看到…存在不足):
    a task named there is named as not done well, which is no progress."""
    problems = load_cues().problems
    out = []
    for a, b in spans:
        for p_start, p_end in _pieces(view, a, b, _PARAGRAPH_END):
            if any(w in view[p_start : min(p_end, p_start + _PROBLEMS_WITHIN)] for w in problems):
                continue
            out += _paragraph_clauses(view, p_start, p_end)
    return out


_PARAGRAPH_END = re.compile(r"\n+")


def _paragraph_clauses(view: str, a: int, b: int) -> list[_Clause]:
    out = []
    for s_start, s_end in _pieces(view, a, b, _SENTENCE_END):
        for c_start, c_end in _pieces(view, s_start, s_end, _CLAUSE_END):
            out.append(_Clause(c_start, c_end, (s_start, s_end), frozenset(_pairs(view[c_start:c_end]))))
    return out


def _pieces(view: str, start: int, end: int, stop: re.Pattern[str]) -> Iterable[tuple[int, int]]:
    pos = start
    for m in stop.finditer(view, start, end):
        if view[pos : m.start()].strip():
            yield _trim(view, pos, m.start())
        pos = m.end()
    if view[pos:end].strip():
        yield _trim(view, pos, end)


def _trim(view: str, start: int, end: int) -> tuple[int, int]:
    piece = view[start:end]
    return start + len(piece) - len(piece.lstrip()), end - len(piece) + len(piece.rstrip())


def _placed_pairs(words: str, skip: frozenset[int] = frozenset()) -> list[tuple[int, str]]:
    """(position, pair) of adjacent word characters of ``words`` (not across punctuation,
    connectors or the positions in ``skip``)."""
    return [(i, words[i : i + 2]) for i in range(len(words) - 1)
            if _WORD_CHAR.match(words[i]) and _WORD_CHAR.match(words[i + 1])
            and words[i] not in _JOINERS and words[i + 1] not in _JOINERS
            and i not in skip and i + 1 not in skip]


def _pairs(words: str, skip: frozenset[int] = frozenset()) -> list[str]:
    return [p for _, p in _placed_pairs(words, skip)]


def _run_of_two(placed: Sequence[tuple[int, str]], found: frozenset[str]) -> bool:
    """Two adjacent pairs of the object (three characters in a row) are both in the clause."""
    at = {pos for pos, pair in placed if pair in found}
    return any(pos + 1 in at for pos in at)


def _tail_run(placed: Sequence[tuple[int, str]], found: frozenset[str]) -> int:
    """How many of the object's last pairs, adjacent in the object, are all in ``found``."""
    run, at = 0, None
    for pos, pair in reversed(placed):
        if pair not in found or (at is not None and pos != at - 1):
            break
        run, at = run + 1, pos
    return run


def _generic_positions(obj: str, generic: Sequence[str]) -> frozenset[int]:
    """Positions of ``obj`` inside generic words or plan-period names (十三五)."""
    out: set[int] = set()
    for word in generic:
        for m in re.finditer(re.escape(word), obj):
            out.update(range(m.start(), m.end()))
    for m in _PERIOD_WORDS.finditer(obj):
        out.update(range(m.start(), m.end()))
    return frozenset(out)


def _names(obj: str, cues: FollowCues) -> list[str]:
    """Verbatim names to look for: the object, quoted names, the object without generic endings."""
    names = [obj] if len(obj) >= 4 else []
    names += [m.group(1) for m in _QUOTED.finditer(obj) if not _PERIOD_NAME.match(m.group(1))]
    bare = obj.strip("“”\"《》")
    changed = True
    while changed:
        changed = False
        for word in cues.generic:
            if bare.endswith(word) and len(bare) - len(word) >= 4:
                bare, changed = bare[: -len(word)], True
    if bare != obj and len(bare) >= 4:
        names.append(bare)
    return sorted(dict.fromkeys(names), key=len, reverse=True)


# -- status -------------------------------------------------------------------------------------

def _cue(view: str, start: int, end: int, own: Sequence[tuple[int, int]], near: int,
         cues: FollowCues) -> tuple[str, str] | None:
    """(status, cue word) from the cue words in ``view[start:end]`` outside the task's own words."""
    found: list[tuple[int, int, str, str]] = []  # (rank, distance, status, word)
    for rank, (status, words) in enumerate((("started", cues.unfinished), ("done", cues.done),
                                            ("started", cues.started))):
        taken: list[tuple[int, int]] = []
        for word in words:  # longest first: 建成投用 before 建成
            for m in re.finditer(re.escape(word), view[start:end]):
                a, b = start + m.start(), start + m.end()
                if any(a < y and x < b for x, y in own) or any(a < y and x < b for x, y in taken):
                    continue
                taken.append((a, b))
                found.append((rank, abs(a - near), status, word))
    if not found:
        return None
    _, _, status, word = min(found)
    return status, word


def _meets(task: Task, value: float) -> bool:
    target = task.value if task.value is not None else 0.0
    if task.bound in (Bound.MAX, "max"):
        return value <= target
    if task.bound in (Bound.APPROX, "approx"):
        return value >= 0.98 * target
    return value >= target


def _quantity_status(view: str, clause: _Clause, task: Task, own: Sequence[tuple[int, int]]) -> tuple[str, str] | None:
    """A quantified task: the clause's number in the task's unit nearest after its words (else before)."""
    if task.value is None or not task.unit:
        return None
    end = max(b for _, b in own)
    same = [q for q in find_quantities(view, clause.start, clause.end) if q.unit == task.unit]
    if not same:
        return None
    q = min(same, key=lambda q: (q.span.start < end, abs(q.span.start - end)))
    return ("done", _MET) if _meets(task, q.value) else ("started", _SHORT)


# -- matching -----------------------------------------------------------------------------------

class _Review:
    """The review clauses of the next report, with the weight (rarity) of each character pair."""

    def __init__(self, text: str, spans: Sequence[tuple[int, int]]) -> None:
        self.text = text
        self.view = view = matching_view(text)
        self.clauses = _clauses(view, spans)
        df = Counter(p for c in self.clauses for p in c.pairs)
        n = len(self.clauses)
        self.weight = {p: math.log((n + 1) / (k + 1)) + 1.0 for p, k in df.items()}
        self.unseen = math.log(n + 1) + 1.0
        self.by_pair: dict[str, list[int]] = {}
        for i, c in enumerate(self.clauses):
            for p in c.pairs:
                self.by_pair.setdefault(p, []).append(i)


def _by_name(review: _Review, obj: str, cues: FollowCues) -> list[tuple[_Clause, list[tuple[int, int]]]]:
    """Every clause holding the longest of the object's names found (with where it is)."""
    view = review.view
    for name in _names(obj, cues):
        hits = [(c, [(at, at + len(name))]) for c in review.clauses if (at := view.find(name, c.start, c.end)) >= 0]
        if hits:
            return hits
    return []


def _by_words(review: _Review, obj: str, cues: FollowCues) -> tuple[_Clause, list[tuple[int, int]], float] | None:
    placed = _placed_pairs(obj, _generic_positions(obj, cues.generic))
    pairs = list(dict.fromkeys(p for _, p in placed))
    if len(pairs) < 2:
        return None
    weights = {p: review.weight.get(p, review.unseen) for p in pairs}
    total = sum(weights.values())
    scores: Counter[int] = Counter()
    counts: Counter[int] = Counter()
    for p in pairs:
        for i in review.by_pair.get(p, ()):
            scores[i] += weights[p]
            counts[i] += 1
    head = set(pairs[-2:] if len(pairs) > 4 else pairs[-1:])  # the head comes last (…交易市场, …疫苗监管)

    def accepted(i: int) -> bool:
        share = scores[i] / total
        found = review.clauses[i].pairs
        if counts[i] < 2 or not _run_of_two(placed, found):
            return False
        if share >= SURE_SCORE or _tail_run(placed, found) >= TAIL_RUN:
            return True
        # weaker evidence: one of the object's first two pairs too (奶业振兴规划 is not 产业调整振兴规划)
        return bool(set(pairs[:2]) & found) and ((share >= MIN_SCORE and bool(head & found))
                                      or (_tail_run(placed, found) == TAIL_RUN - 1 and share >= TAIL_SCORE))

    best = max((i for i in scores if accepted(i)), key=lambda i: (scores[i], -i), default=None)
    if best is None:
        return None
    clause = review.clauses[best]
    piece = review.view[clause.start : clause.end]
    own = [(clause.start + m.start(), clause.start + m.start() + 2)
           for p in pairs for m in re.finditer(re.escape(p), piece)]
    return clause, own, scores[best] / total


def _decide(view: str, clause: _Clause, task: Task, own: list[tuple[int, int]],
            cues: FollowCues) -> tuple[str, str | None]:
    near = min(a for a, _ in own)
    return (_quantity_status(view, clause, task, own) or _cue(view, clause.start, clause.end, own, near, cues)
            or ("started", None))


def _follow_one(review: _Review, task: Task, cues: FollowCues) -> FollowUp:
    """A named task mentioned in several clauses takes the most telling one: a clause that says it
    is done, else one with any cue, else the first."""
    obj = matching_view(task.object).strip()
    whole = matching_view(task.action + task.object).strip()  # 新增就业: the verb names it too
    view = review.view
    method, score = "name", 1.0
    found = _by_name(review, whole, cues) if len(obj) < 4 and task.action else []
    found = found or _by_name(review, obj, cues)
    if found:
        decided = [(_decide(view, c, task, own, cues), c) for c, own in found[:8]]
        (status, cue), clause = min(decided, key=lambda d: (d[0][0] != "done", d[0][1] is None))
    else:
        hit = _by_words(review, obj if len(obj) >= 4 else whole, cues)
        if hit is None:
            return FollowUp(task, "not_mentioned")
        clause, own, score = hit
        method = "words"
        status, cue = _decide(view, clause, task, own, cues)
    s_start, s_end = clause.sentence
    return FollowUp(task, status, cue, method, round(score, 3), Span(clause.start, clause.end),
                    review=review.text[clause.start : clause.end], review_sentence=review.text[s_start:s_end])


def follow_tasks(tasks: Sequence[Task], next_text: str, spans: Sequence[tuple[int, int]]) -> tuple[FollowUp, ...]:
    """Each task with its status in the review spans of the next report's text (in task order).

    ``review`` and ``review_sentence`` are the next report's own characters (its text, not the
    matching view); ``review_span`` indexes that text."""
    cues = load_cues()
    review = _Review(next_text, spans)
    return tuple(_follow_one(review, task, cues) for task in tasks)


def follow_up(report: Report, next_report: Report) -> tuple[FollowUp, ...]:
    """The tasks of ``report`` followed up in the review of ``next_report`` (the year after)."""
    spans = review_spans(((str(s.role), s.span.start, s.span.end) for s in next_report.sections),
                         len(next_report.text))
    return follow_tasks(report.tasks, next_report.text, spans)


# -- records and table rows ---------------------------------------------------------------------

def task_from_record(t: dict[str, Any]) -> Task:
    """A ``Task`` from its JSON / store record (``Store.get_report(...)["tasks"]``)."""
    span = t.get("span") or [0, 0]
    bound = t.get("bound")
    return Task(action=t.get("action") or "", object=t.get("object") or "", span=Span(int(span[0]), int(span[1])),
                value=t.get("value"), value_max=t.get("value_max"), unit=t.get("unit"),
                bound=Bound(bound) if bound else None, area=t.get("area"), department=t.get("department"),
                deadline=t.get("deadline"), section=t.get("section"), sentence=t.get("sentence") or "",
                kind=t.get("kind"), deadline_date=t.get("deadline_date"),
                department_source=t.get("department_source"), co_departments=t.get("co_departments"))


#: the columns of the follow-up table (``govreport tasks --db DB --follow``)
FOLLOW_COLUMNS = ("序号", "工作任务", "牵头单位", "完成时限", "进展", "次年报告依据", "原文")
FOLLOW_EXTRA = ("报告", "次年报告", "状态", "依据词", "匹配方式", "匹配度", "任务位置", "依据位置", "分组", "类型")


def follow_rows(report_id: str, next_id: str | None, text: str,
                followups: Sequence[FollowUp]) -> list[dict[str, object]]:
    """The follow-up table: the task table's columns plus status and the review's words."""
    from govreport.task_table import task_rows

    base = task_rows(text, [f.task for f in followups])
    rows = []
    for row, f in zip(base, followups, strict=True):
        rows.append({
            "序号": row["序号"], "工作任务": row["工作任务"], "牵头单位": row["牵头单位"], "完成时限": row["完成时限"],
            "进展": STATUS_NAMES[f.status], "次年报告依据": f.review_sentence or "", "原文": row["原文"],
            "报告": report_id, "次年报告": next_id or "", "状态": f.status, "依据词": f.cue or "",
            "匹配方式": f.method or "", "匹配度": f.score,
            "任务位置": f"{f.task.span.start}-{f.task.span.end}",
            "依据位置": f"{f.review_span.start}-{f.review_span.end}" if f.review_span else "",
            "分组": row["分组"], "类型": row["类型"],
        })
    return rows


def shares(followups: Sequence[FollowUp]) -> dict[str, float]:
    """The share of each status (done, started, not_mentioned), rounded to 0.001."""
    n = len(followups) or 1
    counts = Counter(f.status for f in followups)
    return {s: round(counts[s] / n, 3) for s in STATUSES}
