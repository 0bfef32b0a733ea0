"""Tasks: every commitment of the work plan, as a 督查 task table (issues 6 and 14).

Where: sections whose role is ``tasks`` or ``targets`` (and, for a fragment that starts inside
the work plan, the text before its first heading), plus the self-building sections, where only
named deliverables count. What: each clause that opens with a commitment verb and has an object
(``govreport.task_clauses``: 落实 | 粮食安全行政首长责任制), with the quantity grammar below for
sized tasks — a task verb from ``lexicons/task_verbs.tsv`` (with an optional modal: 力争新增) and

* an object and a quantity that ends the item — 新建 | 高标准农田 | 22万亩;
* a quantity and then the object — 完成 | 4个 | 老旧小区改造;
* further items sharing the verb — 完成造林8.7万亩、森林抚育5000亩.

Quantities come from ``govreport.numbers`` (canonical units and bounds); growth rates are left to
the fact extractor unless a commitment sets them (确保…占比提高至50%). Each task has a ``kind``
(quantified, project, creation, policy), its deadline as written and as a date
(``govreport.task_dates``), and a lead unit: stated in the text (牵头单位：…), else a *suggestion*
from ``lexicons/departments.tsv``. The area is the topic head the task falls under (a lead-in
sentence such as 扛稳粮食安全重任。 at the start of its paragraph), else its innermost section title.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import ahocorasick

from govreport.doc_quantities import DocQuantities, document_quantities, quantities_in
from govreport.errors import LexiconError
from govreport.lexicons import read_tsv
from govreport.model import DocMeta, Quantity, Role, Section, Span, Task
from govreport.sections import SectionIndex
from govreport.task_clauses import Row, load_rules, plan_paragraphs
from govreport.task_dates import (
    UnitNote,
    blank_notes,
    deadline_date,
    find_deadline,
    finish_within_plan,
    unit_notes,
)
from govreport.task_patterns import word_pattern
from govreport.task_table import TASK_COLUMNS, task_rows

__all__ = ["TASK_COLUMNS", "extract_tasks", "find_deadline", "load_lexicon", "plan_regions", "suggest_department",
           "task_rows"]

_PLAN_ROLES = frozenset({Role.TASKS, Role.TARGETS})
_PAST_ROLES = frozenset({Role.REVIEW, Role.FIVE_YEAR})
#: quantities that belong to the fact extractor or are durations, not task sizes (增长6%, 五年)
_NOT_TASK_DIMENSIONS = frozenset({"percent", "points", "rank", "years", "months", "days", "hours",
                                  "number", "tenths", "times", "concentration", "dimension"})
#: an object that is only a measure noun (种植面积不低于…: a target, not a task)
_BARE_MEASURE = re.compile(r"^(?:面积|规模|总量|数量|总额|产量|里程|总数|任务|目标|水平|能力)$"
                           r"|(?:[^人]量|额|率|值|收入|产值|增速)$")
#: a clause about the past, even inside the work plan
_PLAN_TITLE = re.compile(r"(\d{4}|今|明)年(?:的)?(?:主要|重点)?(?:工作|任务)")
#: a text part that reviews past years (so it is not a fragment of the work plan)
_REVIEW_CUES = re.compile(r"过去一年|过去五年|这五年|五年来|一年来|回顾|主要工作|取得.{0,6}成[效就绩]")
#: words that make an "object" a target statement (交易额达到100亿元 is a fact)
_TARGET_WORDS = re.compile(r"达到|增长|提高|下降|降低|控制在|稳定在|保持|突破|超过|不低于|不少于|占比|比重|率$")
#: an object cut short (新建6个国家级、…) or a verb phrase (安排450亿元支持…)
_DANGLING = re.compile(r"[级类等和及与的为达有是将]$|^(?:支持|用于|推动|推进|实施|带动|实现|次|到|后|的|了|将|方面|领域)"
                       r"|将|可达|共有|就有|受到|增加$|减少$|了|总额|计划安排|完成$|安排$|共$|就节")
#: what may follow a quantity inside its item: a unit note in brackets, 等, 左右 (read by numbers)
_ITEM_TAIL = re.compile(r"\s*(?:[（(][^）)]{1,4}[）)])?\s*(?:等)?\s*$")
_CONNECTOR = "和及与并、"
_OBJECT_OK = re.compile(r"^[\u4e00-\u9fff0-9A-Za-z.（）()“”\"·+-]+$")
_OBJECT_LEAD_NOISE = re.compile(r"^(?:其中|好|了|出|成|起|各类|一批|全市|全省|全县|全区|全年)")
#: a named project: the object ends with one of these and carries a name marker (below)
_PROJECT_END = re.compile(
    r"(?:工程|项目|枢纽|机场|铁路|高铁|高速公路|高速|大桥|水库|电站|电厂|隧道|港区|码头|航道|运河|"
    r"大道|快速路|环线|通道|管道|调水|引水|园区|产业园|示范区|新区|医院|体育场|博物馆|图书馆)$"
)
_GENERIC = re.compile(r"一批|一系列|若干|各类|重点|重大|相关|配套|有关|等|和|及|、|一些|多个|城乡|建设$")
_NAME_MARKER = re.compile(r"[线段至号期寺河江湖港湾岛桥峡岭关庄屯堡滩]|[“\"《]|[A-Z]\d|\d+[号期]")



@dataclass(frozen=True, slots=True)
class TaskLexicon:
    verbs: re.Pattern[str]  # one alternation, longest first
    modals: frozenset[str]
    chainable: frozenset[str]  # verbs that may directly follow another verb (新建|改扩建)
    named: frozenset[str]  # verbs that may open a named commitment without a quantity
    departments: tuple[tuple[str, str], ...]  # (keyword, department), longest keyword first


@cache
def load_lexicon() -> TaskLexicon:
    """The task verb and department data files, validated."""
    verbs: dict[str, str] = {}
    chainable = set()
    for row in read_tsv("task_verbs.tsv"):
        verb, kind = row["verb"].strip(), row["kind"].strip()
        if row["chain"].strip() not in {"yes", "no"}:
            raise LexiconError(f"lexicon task_verbs.tsv: chain of {verb!r} must be yes or no")
        if row["chain"].strip() == "yes":
            chainable.add(verb)
        if kind not in {"action", "modal", "named"}:
            raise LexiconError(f"lexicon task_verbs.tsv: kind of {verb!r} must be action, modal or named")
        if not verb or verb in verbs:
            raise LexiconError(f"lexicon task_verbs.tsv: empty or repeated verb {verb!r}")
        verbs[verb] = kind
    departments: dict[str, str] = {}
    for row in read_tsv("departments.tsv"):
        key, dept = row["keyword"].strip(), row["department"].strip()
        if not key or not dept or key in departments:
            raise LexiconError(f"lexicon departments.tsv: empty or repeated keyword {key!r}")
        departments[key] = dept
    return TaskLexicon(
        verbs=word_pattern(verbs),  # the longest-first alternation, as a trie
        modals=frozenset(v for v, k in verbs.items() if k == "modal"),
        chainable=frozenset(chainable),
        named=frozenset(v for v, k in verbs.items() if k == "named"),
        departments=tuple(sorted(departments.items(), key=lambda kv: len(kv[0]), reverse=True)),
    )


#: built once per loaded lexicon: the automaton and the answers so far (areas repeat for every task under them)
_AUTOMATON: list[tuple[TaskLexicon, ahocorasick.Automaton, dict[str, str | None]]] = []
_MEMO_SIZE = 1 << 15


def _department_automaton(lex: TaskLexicon) -> ahocorasick.Automaton:
    """The department keywords, each with its rank in ``departments`` (longest keyword first)."""
    return _department_state(lex)[1]


def _department_state(lex: TaskLexicon) -> tuple[TaskLexicon, ahocorasick.Automaton, dict[str, str | None]]:
    if _AUTOMATON and _AUTOMATON[0][0] is lex:
        return _AUTOMATON[0]
    auto = ahocorasick.Automaton()
    for rank, (key, _dept) in enumerate(lex.departments):
        auto.add_word(key, rank)
    auto.make_automaton()
    _AUTOMATON[:] = [(lex, auto, {})]
    return _AUTOMATON[0]


def suggest_department(obj: str, area: str | None = None) -> str | None:
    """A suggested lead department for a task object (else its area heading), or None: the first
    keyword of ``departments`` (longest first) found in it, by one Aho-Corasick pass over the words."""
    lex = load_lexicon()
    _lex, auto, memo = _department_state(lex)
    for where in (obj, area):
        if not where:
            continue
        if where in memo:
            dept = memo[where]
        else:
            rank = min((r for _end, r in auto.iter(where)), default=None)
            dept = lex.departments[rank][1] if rank is not None else None
            if len(memo) >= _MEMO_SIZE:
                memo.clear()
            memo[where] = dept
        if dept is not None:
            return dept
    return None


def _plan_heading(title: str, plan_year: int | None) -> bool:
    """A heading that names the plan year's work (2026年主要工作, …和2026年工作安排, 今年工作)."""
    m = _PLAN_TITLE.search(title)
    return bool(m) and (m.group(1) in {"今", "明"} or (plan_year is not None and m.group(1) == str(plan_year)))


def plan_regions(view: str, sections: tuple[Section, ...], plan_year: int | None = None) -> list[tuple[int, int]]:
    """Spans of the work plan: ``tasks``/``targets`` sections, merged.

    A heading with no role of its own that sits next to plan headings of its level is taken
    in (a plan part whose first heading names no role). A text with no review part that opens
    inside the plan (a newspaper fragment: 上接第二版…) also counts from its start; a text without
    any plan section counts after its last review section.
    """
    if plan_year is None:  # the latest year named in a heading
        years = [int(y) for s in sections for y in re.findall(r"(?<!\d)(20\d\d|19\d\d)年", s.title)]
        plan_year = max(years, default=None)
    roles = {s.id: Role.TASKS if s.level > 0 and _plan_heading(s.title, plan_year) else s.role
             for s in sections}
    siblings: dict[tuple[str | None, int], list[Section]] = {}
    for s in sections:
        if s.level > 0:
            siblings.setdefault((s.parent, s.level), []).append(s)
    pairs = [pair for group in siblings.values() for pair in itertools.pairwise(group)]
    changed = True
    while changed:
        changed = False
        for a, b in pairs:
            for x, y in ((a, b), (b, a)):
                if roles[x.id] is Role.OTHER and roles[y.id] in _PLAN_ROLES:
                    roles[x.id] = roles[y.id]
                    changed = True
    plan = sorted((s.span.start, s.span.end) for s in sections if roles[s.id] in _PLAN_ROLES)
    past = [s for s in sections if roles[s.id] in _PAST_ROLES]
    if plan and not past and plan[0][0] > 0 and not _REVIEW_CUES.search(view, 0, plan[0][0]):
        plan.insert(0, (0, plan[0][0]))
    if not plan:
        start = max((s.span.end for s in past), default=0)
        plan = [(start, len(view))] if start < len(view) else []
    merged: list[tuple[int, int]] = []
    for start, end in plan:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


_AREA_NUMBER = re.compile(r"^\s*(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}(?:是|、)|\d{1,2}[.、])")


def _clean_area(title: str) -> str:
    """A heading without its numbering (（一）, 一是, 1.) and bold marks."""
    return _AREA_NUMBER.sub("", title.strip().strip("*")).strip().rstrip("。.")


_SENTENCE_LIKE = re.compile(r"[，,；;：:]|\d")


def _heading_area(section: Section | None, by_id: dict[str, Section]) -> str | None:
    """The nearest heading title that names an area (not a numbered sentence such as 1、新建…3个,…)."""
    while section is not None:
        title = _clean_area(section.title)
        if title and 0 < section.level <= 2 and len(title) <= 40:
            return title
        if title and section.level > 2 and len(title) <= 24 and not _SENTENCE_LIKE.search(title):
            return title
        section = by_id.get(section.parent) if section.parent else None
    return None


def _quantities(view: str, start: int, end: int) -> list[Quantity]:
    return [q for q in quantities_in(view, start, end)
            if q.dimension not in _NOT_TASK_DIMENSIONS and q.unit]


def _clean_object(obj: str) -> str | None:
    obj = obj.strip(" 　、，,：:（(")
    obj = _OBJECT_LEAD_NOISE.sub("", obj) if len(obj) > 3 else obj
    if (not 2 <= len(obj) <= 24 or not _OBJECT_OK.match(obj) or _TARGET_WORDS.search(obj)
            or _BARE_MEASURE.search(obj) or _DANGLING.search(obj)):
        return None
    return obj


@dataclass(frozen=True, slots=True)
class _Found:
    action: str
    obj: str
    start: int
    end: int
    quantity: Quantity | None


def _verb_chain(view: str, m: re.Match[str], end: int, lex: TaskLexicon) -> tuple[str, int]:
    """The action at ``m`` with following verbs joined by a connector (新建和改造提升)."""
    action, pos = m.group(), m.end()
    while pos < end:
        joined = view[pos] in _CONNECTOR
        nxt = lex.verbs.match(view, pos + (1 if joined else 0))
        if not nxt or nxt.group() in lex.modals or not (joined or nxt.group() in lex.chainable):
            break
        action += view[pos : nxt.end()]
        pos = nxt.end()
    return action, pos


def _clause_tasks(view: str, start: int, end: int, lex: TaskLexicon) -> Iterator[_Found]:
    m = lex.verbs.search(view, start, end)
    while m and m.group() in lex.modals and m.end() < end and not lex.verbs.match(view, m.end()):
        m = lex.verbs.search(view, m.end(), end)  # a modal with no verb after it: look further
    if not m:
        return
    action, pos = _verb_chain(view, m, end, lex)
    if action in lex.modals or view.startswith(("了", "过"), pos):
        return  # 推广了…: a result, not a commitment
    found = list(_after_verb(view, m.start(), action, pos, end, lex))
    if not found and pos > m.end() and m.group() not in lex.modals:
        # 完成造林8.7万亩: the second "verb" was the object
        found = list(_after_verb(view, m.start(), m.group(), m.end(), end, lex))
    yield from found


def _after_verb(view: str, vstart: int, action: str, pos: int, end: int, lex: TaskLexicon) -> Iterator[_Found]:
    quantities = _quantities(view, pos, end)
    if not quantities:
        if action in lex.named or action.endswith(tuple(lex.named)):
            obj = view[pos:end].rstrip("。！？!?；;，, ").strip()
            if (7 <= len(obj) <= 25 and _PROJECT_END.search(obj) and not _GENERIC.search(obj)
                    and _NAME_MARKER.search(obj) and _OBJECT_OK.match(obj)):
                yield _Found(action, obj, vstart, pos + len(obj), None)
        return
    # items "object quantity" separated by 、 share the verb (完成造林8.7万亩、森林抚育5000亩);
    # the quantity that ends an item is its size, others belong to its object (亿元以上项目2000个)
    item_start, pending = pos, ""
    starts = [q.span.start for q in quantities]  # in order: the quantities of an item by bisection
    while item_start < end:
        stop = view.find("、", item_start, end)
        item_end = end if stop < 0 else stop
        own = lex.verbs.match(view, item_start) if item_start > pos else None
        if own and own.group() not in lex.modals:  # 、新增学位1.3万个: the item has its own verb
            action, obj_start, vstart = *_verb_chain(view, own, item_end, lex), own.start()
        else:
            obj_start = item_start
        inside = quantities[bisect.bisect_left(starts, obj_start) : bisect.bisect_left(starts, item_end)]
        last = inside[-1] if inside else None
        tail = view[last.span.end : item_end].rstrip("。！？!?；;，, ") if last else ""
        if last is not None and _ITEM_TAIL.match(tail):
            obj = _clean_object(pending + view[obj_start : last.span.start])
            inherited = obj_start > pos and not own
            if obj and not (inherited and _inner_verb(obj, lex)):  # 、创业带动就业5万人次
                yield _Found(action, obj, vstart if obj_start == pos or own else obj_start, last.span.end, last)
            pending = ""
        elif last is None and not own:
            pending += view[item_start:item_end] + "、"  # 新建道路、桥梁20条: a list of objects
        elif item_start == pos and inside and not view[pos : inside[0].span.start].strip():
            # verb, quantity, object: 完成4个老旧小区改造, 新建8个5000平方米以上公园游园;
            # and lists of them: 新建10家X、30家Y和10家Z
            yield from _quantity_first(view, vstart, action, pos, end, quantities)
            return
        else:
            return
        if stop < 0:
            break
        item_start = stop + 1


#: sizes that, before an object, describe a plant or project (40万吨聚碳酸酯), not a task's amount
_CAPACITY = frozenset({"weight", "power", "energy", "volume", "containers"})


def _quantity_first(view: str, vstart: int, action: str, pos: int, end: int,
                    quantities: list[Quantity]) -> Iterator[_Found]:
    """Items "quantity object" after the verb, separated by 、 or 和 (each item opens with its size)."""
    starts = {q.span.start: q for q in quantities}
    q = starts.get(pos + len(view[pos:end]) - len(view[pos:end].lstrip(" 各共约")))
    while q is not None and q.dimension not in _CAPACITY:  # 推进40万吨聚碳酸酯…: a plant's capacity
        # the object runs to the next 、/和 that opens another sized item, else to the clause end
        stop, nxt = end, None
        for m in re.finditer(r"[、和及与]", view[q.span.end : end]):
            at = q.span.end + m.end()
            if at in starts:
                stop, nxt = q.span.end + m.start(), starts[at]
                break
        raw = view[q.span.end : stop].rstrip("。！？!?；;，, ")
        if "、" in raw:
            return  # 推进40万吨聚碳酸酯、…项目: a list sharing a head word, not one object
        if nxt is None and any(o.unit == q.unit and o.span.start > q.span.end for o in quantities):
            return  # another count of the same kind inside: not one object
        obj = _clean_object(raw)
        if obj:
            yield _Found(action, obj, vstart if q.span.start <= pos + 2 else q.span.start, q.span.end + len(raw), q)
        q = nxt


def _inner_verb(obj: str, lex: TaskLexicon) -> bool:
    """A task verb inside ``obj`` with more words after it (创业|带动|就业), not a nominal end (沙化土地治理)."""
    while True:
        end = next((m for m in lex.verbs.finditer(obj) if m.end() == len(obj)), None)
        if end is None or end.start() == 0:
            break
        obj = obj[: end.start()]
    return any(m.start() > 0 for m in lex.verbs.finditer(obj))


def quantified_rows(view: str, start: int, end: int) -> list[Row]:
    """The quantified tasks of one clause (新建高标准农田22万亩; 完成新造林200亩、森林抚育7000亩)."""
    return [Row(f.action, f.obj, f.start, f.end, "quantified", f.quantity)
            for f in _clause_tasks(view, start, end, load_lexicon()) if f.quantity is not None]


def _self_building_regions(sections: tuple[Section, ...]) -> list[tuple[int, int]]:
    return [(s.span.start, s.span.end) for s in sections if s.role is Role.SELF_BUILDING]


def _as_in_text(text: str, view: str, row: Row) -> str:
    """The row's object in the text's own characters, without page-break newlines."""
    at = view.find(row.obj, row.start, row.end)
    obj = text[at : at + len(row.obj)] if at >= 0 else row.obj
    return obj.replace("\n", "")


def extract_tasks(text: str, view: str, sections: tuple[Section, ...], meta: DocMeta,
                  quantities: list[Quantity] | None = None) -> tuple[Task, ...]:
    """Every commitment of the work plan, in text order (spans index ``text``).

    ``quantities``: ``find_quantities(view)`` when the caller has it already (the pipeline); each
    clause's quantities are looked up in them (``govreport.doc_quantities``), not found again."""
    notes = unit_notes(view, 0, len(view))
    blanked = blank_notes(view, notes)  # the view the task finder reads (no object runs into a note)
    index = DocQuantities(blanked, quantities if blanked == view else None)
    with document_quantities(index):
        return _extract_tasks(text, blanked, sections, meta, notes)


_CLAUSE_MARK = re.compile("[,，;；:：。]")
#: a deadline that opens the sentence before the task's clause (年底前，…)
_LEAD_DEADLINE = re.compile(r"\s*((?:到|至|在|于)?[^,，]{0,12}?)[,，]")


def _extract_tasks(text: str, view: str, sections: tuple[Section, ...], meta: DocMeta,
                   notes: list[UnitNote]) -> tuple[Task, ...]:
    rules = load_rules()
    index = SectionIndex(sections)
    by_id = {s.id: s for s in sections}
    # headings, not numbered items that are whole sentences (3.新建5G基站210座，年底前…)
    heading_starts = {s.span.start for s in sections
                      if 0 < s.level <= 2 or (s.level > 2 and len(s.title) <= 24 and not _SENTENCE_LIKE.search(s.title))}
    regions = [(r, False) for r in plan_regions(view, sections, meta.plan_year)]
    for r in sorted(_self_building_regions(sections)):  # nested self-building sections: once each
        if not any(a <= r[0] < b for (a, b), _ in regions):
            regions.append((r, True))
    out: list[Task] = []
    areas: dict[str | None, str | None] = {}  # section id → its area heading
    plan_year = meta.plan_year
    sentence_key, sentence = (-1, -1), ""
    for (region_start, region_end), self_building in sorted(regions):
        # a row's clause starts after the last mark before it in its sentence (all inside the region)
        marks = [m.start() for m in _CLAUSE_MARK.finditer(view, region_start, region_end)]
        for para, head, (s_start, s_end), row in plan_paragraphs(
                view, region_start, region_end, heading_starts, self_building, rules):
            section = index.at(row.start)
            if head:
                area = head
            else:
                key = section.id if section else None
                area = areas[key] if key in areas else areas.setdefault(key, _heading_area(section, by_id))
            q = row.quantity
            i = bisect.bisect_left(marks, row.start) - 1
            clause_start = marks[i] + 1 if i >= 0 and marks[i] >= s_start else s_start
            deadline = find_deadline(view, clause_start, row.end)
            if deadline is None:
                lead = _LEAD_DEADLINE.match(view, s_start, row.start)
                deadline = find_deadline(lead.group(1)) if lead else None
            date = deadline_date(deadline, plan_year) if deadline else None
            if deadline is None and (within := finish_within_plan(view, row.start, row.end)):
                deadline, date = within, deadline_date(within, plan_year)
            note = next((n for n in notes if row.end <= n.start < para[1] + 2 or n.start <= row.start < n.end),
                        None) if notes else None
            suggested = suggest_department(row.obj, area)
            if (s_start, s_end) != sentence_key:  # the rows of one sentence come one after another
                sentence_key, sentence = (s_start, s_end), text[s_start:s_end].strip()
            out.append(Task(  # positional (the field order of model.Task): a third of the cost
                row.action,
                _as_in_text(text, view, row),
                Span(row.start, row.end),
                q.value if q else None,
                q.value_max if q else None,
                q.unit if q else None,
                q.bound if q else None,
                area,
                note.lead if note else suggested,  # department
                deadline,
                section.id if section else None,
                sentence,
                row.kind,
                date,  # deadline_date
                "stated" if note else "suggested" if suggested else None,  # department_source
                note.co if note else None,  # co_departments
            ))
    seen: set[tuple[int, int]] = set()
    unique = []
    for t in out:
        if (t.span.start, t.span.end) not in seen:
            seen.add((t.span.start, t.span.end))
            unique.append(t)
    return tuple(unique)
