"""Every commitment of the work plan, clause by clause (issue 14): the 督查 task table's rows.

A paragraph of the plan part is cut into sentences (。！？；) and clauses (，：, never inside
quotes or brackets). A clause is a task when, after its adverbs (深入, 切实 …), it opens with a
verb of ``lexicons/task_rules.yaml`` (or ``task_verbs.tsv``) and has an object:
落实 | 粮食安全行政首长责任制. Not tasks: the topic head of a paragraph (扛稳粮食安全重任。),
the intro of a section whose body is split into topic paragraphs, the closing exhortation,
clauses that open with an exhortation (践行…, 筑牢…, 让…), the last clause of a sentence when it
states the purpose of the actions before it (…,切实保障粮食安全。), and budget figures
(财政赤字, 专项债券). In the self-building paragraph only named deliverables count
(完善权责清单). Quantified clauses keep the quantity grammar of ``govreport.tasks``; a list of
named projects (四馆一中心、平煤神马集团创新基地…等项目建设) gives one row per item, a list of
generic nouns stays one row. Each row has a ``kind``: quantified, project, creation or policy.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache

from govreport.doc_quantities import no_quantities_from, quantities_in
from govreport.errors import LexiconError
from govreport.lexicons import read_tsv, read_yaml
from govreport.model import Bound, Quantity, Span
from govreport.task_dates import WRITTEN_YEAR
from govreport.task_patterns import word_pattern
from govreport.task_split import SENTENCE_END as _SENTENCE_END
from govreport.task_split import SENTENCE_MARK as _SENTENCE_MARK
from govreport.task_split import paragraphs, sentences, top_level_split

_LISTS = ("verbs", "adverbs", "openers", "purpose_last", "exhortation", "closing", "self_building",
          "deliverables", "fiscal", "creation_verbs", "creation_ends", "project_heads", "campaign_heads",
          "generic_tails", "single_project_heads", "generic_words", "purpose_exceptions",
          "vague_objects", "subjects", "modals", "pledges")
_CLAUSE_MARKS = ",，:："
#: numbering or a linking word opening a clause (（二）, 1., 一是, 其中): no ``^``, only ever ``match``ed at
#: the clause's start (``^`` never matches at a later ``pos``: it would strip at a text's start only)
_NUMBERING = re.compile(r"\s*(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}是|\d{1,2}[.、](?!\d)"
                        r"|其中|同时|此外|另外)\s*")
_CONTINUED = re.compile(r"^[(（]上接第.{1,3}版[)）]")
_PURPOSE_TAIL = re.compile(r"为(?:抓手|重点|引领|载体|核心|主线|目标|契机|依托|支撑)$")
_COUNT = re.compile(r"^(.+?)(?:等)?([0-9]+|[一二三四五六七八九十两]{1,3})(?:个|家|所|座|处|条|项)(.*)$")
_SCHOOL = re.compile(r"[一二三四五六七八九十\d]+中(?:建设|迁建|新建)?$")
_EVENT = re.compile(r"第[一二三四五六七八九十\d]+届")
_NAME_MARKER = re.compile(r"[线段至号期寺河江湖港湾岛桥峡岭关庄屯堡滩]|[A-Z]\d")
_TITLE_PREFIX = ("国家", "全国", "省级", "省", "市级", "中国")
_NOT_A_HEAD = re.compile(r"是|我们|今年|明年|各位|\d|年")
_RATE_OK = re.compile(r"达到|提高至|提高到|提升至|提升到|覆盖率|占比|比例|比重")
_NO_TASK_DIMENSIONS = frozenset({"rank", "years", "months", "days", "hours", "number", "tenths", "times",
                                 "concentration", "dimension"})
_SHARED_SUFFIX = ("项目建设", "建设", "项目", "提升改造", "扩能改造", "改造")
#: a list of names followed by 等重点项目 names projects whatever its items end with
_PROJECT_TAIL = re.compile(r"^(?:一批)?(?:重点|重大)?项目(?:建设|开工建设|开工|建成投用|建成|前期工作)?$")
_REVIEWED = re.compile(r"验收|复审|复核|评估|认证|评审|审查|考核|核查|认定")
_OBJECT_FIRST = frozenset({"对", "向", "为", "将", "把"})  # 对X实施…: the span starts at X
_MANNER = re.compile(r"(?:力度|举措|措施|标准|作风|方式|手段|姿态|决心|劲头|速度|力量)$")
#: a sentence that sets the scene (2021年是…) or lists the main targets (主要预期目标是：…): facts, no tasks
#: the opening is ``match``ed at the sentence's start (no ``^``: it never matches at a later ``pos``),
#: the words are searched anywhere in the sentence
_CONTEXT_OPENING = re.compile(r"\s*(?:\d{4}年|今年|明年|当前|目前)是")
_CONTEXT_WORDS = re.compile("总体要求")


def strip_numbering(text: str) -> str:
    """``text`` without the numbering or linking word it opens with (（二）加快… → 加快…)."""
    m = _NUMBERING.match(text)
    return text[m.end() :] if m else text


def is_context(view: str, start: int, end: int) -> bool:
    """The sentence ``view[start:end]`` sets the scene (2021年是…) or states the 总体要求: no tasks."""
    return _CONTEXT_OPENING.match(view, start, end) is not None or _CONTEXT_WORDS.search(view, start, end) is not None
#: a clause about the past, even inside the work plan
PAST = re.compile(r"去年|上年|过去|已经|已完成|已建成|累计完成|累计|年来|前[一二三四五]年|[行展成现得]了")
_TARGETS = re.compile(r"预期目标|主要目标")


#: word lists this module only ``match``es at a position (never ``search``es)
_MATCHED_AT = frozenset({"subjects", "modals", "exhortation", "openers"})


@dataclass(frozen=True, slots=True)
class TaskRules:
    words: dict[str, tuple[str, ...]]
    verbs: re.Pattern[str]
    adverbs: re.Pattern[str]
    examples: tuple[tuple[str, tuple[str, ...]], ...]
    #: each word list as one alternation in list order (longest first): one C scan, not one per word
    patterns: dict[str, re.Pattern[str]] = field(default_factory=dict)
    #: every verb of either list (these rules' and ``task_verbs.tsv``, modals included): a clause
    #: without one has no row unless it continues a task (粮食总产量20万吨以上 after 确保…)
    any_verb: re.Pattern[str] | None = None

    def any_in(self, name: str, text: str) -> bool:
        return self.patterns[name].search(text) is not None

    def word_at(self, name: str, text: str, pos: int, end: int) -> str | None:
        """The first word of list ``name`` (longest first) that ``text[pos:end]`` starts with."""
        m = self.patterns[name].match(text, pos, end)
        return m.group() if m else None

    def any_starts_within(self, name: str, text: str, first: int, last: int, end: int) -> bool:
        """A word of list ``name`` that starts at some position in ``[first, last]`` and ends by ``end``."""
        m = self.patterns[name].search(text, first, end)  # the leftmost start: the match at each p in turn
        return m is not None and m.start() <= last

    def starts(self, name: str, text: str) -> bool:
        return text.startswith(self.words[name])

    def ends(self, name: str, text: str) -> bool:
        return text.endswith(self.words[name])


def _alternation(words: set[str]) -> re.Pattern[str]:
    return word_pattern(words)  # the longest-first alternation, compiled as a trie


@cache
def load_rules() -> TaskRules:
    """``lexicons/task_rules.yaml``, validated: non-empty lists of unique words, examples well formed."""
    data = read_yaml("task_rules.yaml")
    if not isinstance(data, dict):
        raise LexiconError("lexicon task_rules.yaml: not a mapping")
    words: dict[str, tuple[str, ...]] = {}
    for name in _LISTS:
        items = data.get(name)
        if not isinstance(items, list) or not items or not all(isinstance(w, str) and w.strip() for w in items):
            raise LexiconError(f"lexicon task_rules.yaml: {name} must be a non-empty list of words")
        repeated = sorted({w for w in items if items.count(w) > 1})
        if repeated:
            raise LexiconError(f"lexicon task_rules.yaml: {name} repeats {repeated}")
        words[name] = tuple(sorted(items, key=len, reverse=True))
    examples = []
    for ex in data.get("examples") or []:
        text, tasks = ex.get("text"), ex.get("tasks")
        if not isinstance(text, str) or not isinstance(tasks, list) or any(t not in text for t in tasks):
            raise LexiconError(f"lexicon task_rules.yaml: example {ex!r} needs text and tasks found in it")
        examples.append((text, tuple(tasks)))
    if not examples:
        raise LexiconError("lexicon task_rules.yaml: no examples")
    table = read_tsv("task_verbs.tsv")
    verbs = set(words["verbs"]) | {r["verb"].strip() for r in table
                                   if r["kind"].strip() != "modal" or r["verb"].strip() in {"力争", "确保", "争取"}}
    # the lists only matched at a position get the first-character guard
    patterns = {name: word_pattern(ws, guard=name in _MATCHED_AT) for name, ws in words.items()}
    any_verb = _alternation(verbs | {r["verb"].strip() for r in table})
    return TaskRules(words, word_pattern(verbs, guard=True), word_pattern(words["adverbs"], guard=True),
                     tuple(examples), patterns, any_verb)


@dataclass(frozen=True, slots=True)
class Row:
    """One task row found in the view: the action, its object, the span and the kind."""

    action: str
    obj: str
    start: int
    end: int
    kind: str  # quantified | project | creation | policy
    quantity: Quantity | None = None


_HEAD_MARKS = re.compile("[,，;；]")


def lead_in(view: str, para: tuple[int, int], first: list[tuple[int, int]] | None = None) -> int | None:
    """The end of the short topic sentence opening a paragraph (扛稳粮食安全重任。), or None.

    ``first``: ``sentences(view, *para)`` when the caller has them already."""
    first = (sentences(view, *para) if first is None else first)[:2]
    if len(first) < 2:
        return None
    s, e = first[0]
    head = view[s:e].strip().rstrip("。！!")
    head = strip_numbering(head)
    if not 3 <= len(head) <= 24 or _HEAD_MARKS.search(head) or _NOT_A_HEAD.search(head):
        return None
    return e


def _strip_adverbs(view: str, pos: int, end: int, rules: TaskRules) -> int:
    while pos < end:
        m = rules.adverbs.match(view, pos, end)
        if not m:
            break
        after = m.end()
        if (rules.verbs.match(view, after, end) or rules.adverbs.match(view, after, end)
                or view.startswith(rules.words["openers"], after)):
            pos = after
        else:
            break
    return pos


def _verb_chain(view: str, pos: int, end: int, rules: TaskRules) -> tuple[str, int] | None:
    m = rules.verbs.match(view, pos, end)
    if not m:
        return None
    at = m.end()
    while at < end:
        joined = view[at] in "和与"
        nxt = rules.verbs.match(view, at + joined, end)
        if not nxt or (joined and nxt.end() - nxt.start() < 2):
            break
        rest = view[nxt.end():end].strip()
        if not rest or rest[0] in "、和":  # 培育、引进人才: the second verb shares the object
            break
        at = nxt.end()
    return view[pos:at], at


def _quantity(view: str, start: int, end: int, action: str) -> Quantity | None:
    rate_ok = action.startswith(("确保", "力争", "争取")) or bool(_RATE_OK.search(view, start, end))
    found = [q for q in quantities_in(view, start, end) if q.unit and q.dimension not in _NO_TASK_DIMENSIONS
             and (rate_ok or q.dimension not in {"percent", "points"})]
    return found[-1] if found else None


def _creation(action: str, obj: str, rules: TaskRules) -> bool:
    """``_kind(action, obj, rules) == "creation"``, without the other tests."""
    verbs = rules.words["creation_verbs"]
    # (an action equal to one of the verbs starts with it: no test of its own)
    return action.startswith(verbs) or obj.rstrip("工作").endswith(rules.words["creation_ends"])


def _kind(action: str, obj: str, rules: TaskRules) -> str:
    if _creation(action, obj, rules):
        return "creation"
    if rules.any_in("generic_words", obj):
        return "policy"
    if (rules.any_in("single_project_heads", obj) or _EVENT.search(obj) or _SCHOOL.search(obj)
            or (obj.endswith(("工程", "项目")) and _NAME_MARKER.search(obj))):
        return "project"
    return "policy"


def _strip_shared(item: str) -> str:
    for suffix in _SHARED_SUFFIX:
        if item.endswith(suffix) and len(item) > len(suffix) + 1:
            return item[: -len(suffix)]
    return item


def _headed(item: str, rules: TaskRules) -> bool:
    core = _strip_shared(item)
    return (rules.ends("project_heads", core) or rules.ends("campaign_heads", core)) \
        and not rules.any_in("generic_words", core)


def named_items(view: str, start: int, end: int, action: str, rules: TaskRules,
                pieces: list[tuple[int, int]] | None = None) -> list[tuple[int, str]] | None:
    """A list of named projects in the object ``view[start:end]``: (item end, item) each, or None.

    ``pieces``: ``top_level_split(view, start, end, "、")`` when the caller has it already."""
    if pieces is None:
        pieces = top_level_split(view, start, end, "、")
    if len(pieces) < 2:
        if view.find("和", start, end) < 0 and view.find("及", start, end) < 0:
            return None  # one item (most objects)
        pieces = top_level_split(view, start, end, "和及")  # 晋星升级行动和“百园增效”行动
        if len(pieces) == 2 and all(_headed(view[s:e], rules) for s, e in pieces):
            return [(e if i == 0 else e - len(view[s:e]) + len(_strip_shared(view[s:e])),
                     _strip_shared(view[s:e])) for i, (s, e) in enumerate(pieces)]
        return None
    items = [(s, e) for s, e in pieces]
    last_s, last_e = items[-1]
    last = view[last_s:last_e]
    extra: list[tuple[int, str]] = []
    count = _COUNT.match(last)
    tail = ""
    if count:
        name, n, tail = count.group(1), count.group(2), count.group(3)
        name = name.removesuffix("等")
        number = int(n) if n.isdigit() else "一二三四五六七八九十".find(n) + 1 if len(n) == 1 else 0
        if number != len(items):
            return None
        items[-1] = (last_s, last_s + len(name))
        # …等4个基层医疗机构和市妇幼保健院新改建项目: a further named item after 和/及
        m = re.search(r"[和及]([^和及、]{4,30})$", tail)
        if m:
            item = m.group(1).removesuffix("建设")
            if _headed(item, rules) or item.endswith("项目"):
                t_end = last_s + count.start(3) + m.start(1) + len(item)
                extra.append((t_end, item))
    else:
        cut = last.find("等")
        if cut > 0:
            tail = last[cut + 1 :]
            items[-1] = (last_s, last_s + cut)
            if rules.starts("generic_tails", tail):
                return None
        texts = [view[s:e] for s, e in items]
        creation = action.endswith(rules.words["creation_verbs"]) and all(t.startswith(_TITLE_PREFIX) for t in texts)
        named = bool(_PROJECT_TAIL.match(tail)) and not any(rules.any_in("generic_words", t) for t in texts)
        if not creation and not named and not all(_headed(t, rules) for t in texts):
            return None
        if cut <= 0:
            stripped = _strip_shared(texts[-1])
            items[-1] = (last_s, last_s + len(stripped))
    out = [(e, view[s:e]) for s, e in items]
    return out + extra


@dataclass(frozen=True, slots=True)
class ClauseContext:
    last: bool  # the last clause of its sentence
    after_task: bool  # an earlier clause of the sentence gave a task
    deliverable_only: bool  # the self-building paragraph
    quantified_only: bool = False  # the main-targets sentence: sized tasks only (城镇新增就业45万人以上)
    nested: bool = False  # a part of a clause already tried with the quantity grammar


@cache
def _context(last: bool, after_task: bool, deliverable_only: bool, quantified_only: bool = False,
             nested: bool = False) -> ClauseContext:
    """The (immutable) context of these flags: one instance each, not one per clause."""
    return ClauseContext(last, after_task, deliverable_only, quantified_only, nested)


_TRAILING = _SENTENCE_END + " \n\u3000"
_SPACES = " \n\u3000"
_QUANTIFIED_ROWS: list[Callable[[str, int, int], list[Row]]] = []  # tasks.quantified_rows, imported on first use


def _quantified(view: str, start: int, end: int) -> list[Row]:
    if not _QUANTIFIED_ROWS:
        from govreport.tasks import quantified_rows  # the quantity grammar of the earlier task finder

        _QUANTIFIED_ROWS.append(quantified_rows)
    return _QUANTIFIED_ROWS[0](view, start, end)


def clause_rows(view: str, start: int, end: int, ctx: ClauseContext, rules: TaskRules,
                verb: tuple[int, int] | None = None) -> list[Row]:
    """The task rows of one clause ``view[start:end]`` (no clause marks inside, quotes aside);
    ``verb``: the span of a word of ``rules.any_verb`` in the clause when the caller found one."""
    while end > start and view[end - 1] in _TRAILING:
        end -= 1
    m = _NUMBERING.match(view, start, end)  # at ``start`` whatever its offset in the view
    pos = m.end() if m else start
    while pos < end and view[pos] in _SPACES:
        pos += 1
    if pos >= end:
        return []
    if (not (ctx.after_task and not ctx.quantified_only) and rules.any_verb
            and not (verb is not None and pos <= verb[0] and verb[1] <= end)
            and not rules.any_verb.search(view, pos, end)):
        return []  # no verb of either list: every path below needs one (a third of the clauses)
    patterns = rules.patterns
    unsized = no_quantities_from(view, pos, end)  # no quantity in any window of the clause that ends at its end
    if (not unsized and patterns["fiscal"].search(view, pos, end)
            and any(q.dimension == "money" for q in quantities_in(view, pos, end))):
        return []  # 安排财政赤字2.18万亿元: a budget figure
    clause_start = pos
    for name in ("subjects", "modals"):  # 我们要…, 今年将…
        w = patterns[name].match(view, pos, end)
        if w and (rules.verbs.match(view, w.end(), end) or rules.adverbs.match(view, w.end(), end)
                  or (name == "subjects" and view.startswith(rules.words["modals"], w.end()))):
            pos = w.end()
    pos = _strip_adverbs(view, pos, end, rules)
    if patterns["exhortation"].match(view, pos, end):
        return []
    if not ctx.nested and not unsized:  # the quantity grammar gives rows with a quantity only
        rows = _quantified(view, clause_start, end)
        if rows:
            return rows
    if ctx.quantified_only:
        return []
    chain = _verb_chain(view, pos, end, rules)
    if chain is None:
        return _no_verb_rows(view, pos, end, ctx, rules)
    action, vend = chain
    if action == "通过" and not _REVIEWED.search(view, vend, end):
        return []  # 通过整合数据…: a means; 通过…复审验收 is a creation
    if view.startswith("了", vend):
        return []  # 推广了…: a result, not a commitment
    if rules.any_starts_within("fiscal", view, max(start, pos - 4), pos, vend + 4):
        return []  # 建设国债 is not the verb 建设
    # 、 followed by another verb with its own object: two commitments (遏制…、防止…)
    parts = top_level_split(view, vend, end, "、")
    bare = len(parts) > 1 and any((c := _verb_chain(view, p_s, p_e, rules)) and p_e - c[1] < 2
                                  for p_s, p_e in parts[1:])
    for (_, a_end), (b_start, b_end) in itertools.pairwise(parts):
        if bare:
            break  # 人才引进、培育、扶持、服务、保障等支持政策: a list of nominal verbs, one object
        b_pos = _strip_adverbs(view, b_start, b_end, rules)
        b_chain = _verb_chain(view, b_pos, b_end, rules)
        if (a_end - vend >= 2 and b_chain and b_end - b_chain[1] >= 3
                and not view.startswith(("等", "和"), b_chain[1])):
            first = clause_rows(view, pos, a_end, _context(False, ctx.after_task, ctx.deliverable_only,
                                                           nested=True), rules)
            rest = clause_rows(view, b_start, end, _context(ctx.last, True, ctx.deliverable_only, nested=True), rules)
            return first + rest
    creation = _creation(action, view[vend:end], rules)
    if (ctx.last and ctx.after_task and not creation and rules.starts("purpose_last", action)
            and not rules.any_in("purpose_exceptions", view[vend:end])):
        return []
    obj_end = end
    tail = _PURPOSE_TAIL.search(view, vend, end)
    if tail:
        obj_end = tail.start()
    obj = view[vend:obj_end].strip()
    if len(obj) < 2:
        return []
    if ctx.deliverable_only and not creation and not rules.any_in("deliverables", obj):
        return []
    if rules.ends("vague_objects", obj) or rules.any_in("pledges", obj):
        return []  # 营造…的发展氛围, …至关重要, 贯彻落实党中央决策部署: no deliverable
    if obj_end == end:
        return _object_rows(view, pos, action, vend, obj_end, rules, parts, unsized)
    return _object_rows(view, pos, action, vend, obj_end, rules)


def _object_rows(view: str, pos: int, action: str, vend: int, end: int, rules: TaskRules,
                 parts: list[tuple[int, int]] | None = None, unsized: bool = False) -> list[Row]:
    """The rows of the object ``view[vend:end]``; ``parts``: its 、 pieces, ``unsized``: no quantity in
    it (``no_quantities_from``), when the caller knows them."""
    items = named_items(view, vend, end, action, rules, parts)
    if items:
        creation = action.endswith(rules.words["creation_verbs"])
        out = []
        for item_end, item in items:
            kind = "creation" if creation else "policy" if rules.ends("campaign_heads", item) else "project"
            out.append(Row(action, item, pos, item_end, kind))
        return out
    obj = view[vend:end].strip()
    q = (None if unsized else _quantity(view, vend, end, action)) or _small_count(view, vend, end)
    if q is not None and q.span.start == vend:
        obj = view[q.span.end : end].strip()
    elif q is not None and action.startswith(("确保", "力争", "争取")):
        obj = _measured(view[vend : q.span.start]) or obj  # 确保年底前公办园幼儿占比提高至50% → 公办园幼儿占比
    return [Row(action, obj, pos, end, "quantified" if q else _kind(action, obj, rules), q)]


_SMALL_COUNT = re.compile(r"([一两二三四五六七八九十])(所|座|个|家|处|条|项)")


def _small_count(view: str, start: int, end: int) -> Quantity | None:
    """一所, 两座 right after the verb (筹备新建一所本科院校), which the number grammar leaves alone."""
    m = _SMALL_COUNT.match(view, start, end)
    if not m or end - m.end() < 2:
        return None
    value = float("_一二三四五六七八九十".index(m.group(1))) if m.group(1) != "两" else 2.0
    return Quantity(value=value, unit=m.group(2), bound=Bound.EXACT, dimension="count",
                    span=Span(m.start(), m.end()))


_TARGET_VERB = re.compile(r"(?:稳定在|保持在|控制在|提高至|提高到|提升至|提升到|增长到|增加到|降至|降到|达到|超过|突破|不低于|"
                          r"不少于|实现|达|在)$")
_LEADING_DEADLINE = re.compile(r"^(?:(?:\d{4}|今|明)?年(?:底|末|内)?前?|\d{1,2}月(?:底|末)?前|上半年|下半年|全年|年内)")


def _measured(words: str) -> str:
    """The measured noun of a 确保/力争 target: without a leading deadline and the target verb."""
    words = _LEADING_DEADLINE.sub("", words.strip())
    while (m := _TARGET_VERB.search(words)) and m.start() > 0:
        words = words[: m.start()]
    return words.strip()


_GOING_ON = re.compile(r"继续|持续")
#: a target year opening a clause (到一九八五年，到2025年底): the deadline, not part of the object
_TARGET_YEAR = re.compile(rf"(?:到|至)(?:{WRITTEN_YEAR})年(?:底|末)?[,，]?")
#: the base of 由X增加到Y (将由一九八○年的…吨): a start value, not part of the object
_FROM_BASE = re.compile(r"(?:将|要|可)?(?:由|从)")


def _quantified_object(view: str, pos: int, end: int) -> str:
    """The object of ``NP (由X) verb + quantity``: without a leading target year and without the base value."""
    start = m.end() if (m := _TARGET_YEAR.match(view, pos, end)) else pos
    for base in _FROM_BASE.finditer(view, start + 2, end):
        if _quantity(view, base.end(), end, "") is not None:
            return view[start : base.start()].strip()
    return view[start:end].strip()


def _no_verb_rows(view: str, pos: int, end: int, ctx: ClauseContext, rules: TaskRules) -> list[Row]:
    """A clause that does not open with a verb: 对X实施…, 以…调整…, NP + quantity after a task, NP 继续保持…."""
    text = view[pos:end]
    opener = rules.word_at("openers", view, pos, end)
    if opener in {"对", "向", "为", "将", "把", "在", "以"} and not (opener == "在" and text.endswith(("基础上", "过程中"))):
        found = list(rules.verbs.finditer(view, pos + len(opener), min(end, pos + 30)))
        if found and found[0].start() == pos + len(opener) and opener in {"将", "把"}:
            found = found[:1]  # 将实施…: 将 is "will"
        elif opener in _OBJECT_FIRST:  # the main verb follows the object, which may hold verbs of its own
            found = [m for m in found if end - m.end() >= 2 and m.start() > pos + len(opener)][-1:]
        for m in found:
            if opener == "在" and m.start() > pos + 1:
                break  # 在实际工作中努力争取…: a frame; 在抓好…的同时 opens with the verb
            if opener == "以" and m.start() > pos + 1 and not _MANNER.search(view, pos, m.start()):
                break  # 以灵活多样的人才引进方式支撑…: 引进 is inside the means
            sub = clause_rows(view, m.start(), end, _context(ctx.last, ctx.after_task, ctx.deliverable_only,
                                                             nested=True), rules)
            if sub:
                return [Row(r.action, r.obj, pos + len(opener), r.end, r.kind, r.quantity)
                        if opener in _OBJECT_FIRST and r.start == m.start() else r for r in sub]
            break
        return []
    if opener:
        return []  # 围绕…, 依托…, 按照…: a frame, not a commitment
    # NP 继续|持续 + verb: 教育教学质量继续保持…领先位次
    m = _GOING_ON.search(view, pos + 3, min(end, pos + 12))
    if m and not ctx.deliverable_only and not any(c in view[pos : m.start()] for c in "、和的"):
        chain = _verb_chain(view, m.end(), end, rules)
        if chain and end - chain[1] >= 2:
            return [Row(chain[0], view[pos : m.start()], pos, end, "policy")]
    if ctx.after_task:  # 粮食总产量20万吨以上 (after 确保…), 农村劳动力转移就业5000人
        q = _quantity(view, pos, end, "")
        if q is not None and q.span.start - pos >= 2:
            verb = rules.verbs.search(view, pos, q.span.start)
            action = verb.group() if verb else ""
            obj = _quantified_object(view, pos, verb.start() if verb else q.span.start)
            if len(obj) >= 2 and obj not in {"合计", "共计", "总计", "其中", "分别"}:  # 合计6300名: a sum
                return [Row(action, obj, pos, end, "quantified", q)]
    return []


def paragraph_rows(view: str, para: tuple[int, int], *, deliverable_only: bool, skip_first: int | None,
                   rules: TaskRules, sents: list[tuple[int, int]] | None = None
                   ) -> Iterator[tuple[tuple[int, int], Row]]:
    """The rows of one paragraph with the sentence each comes from; ``skip_first``: the end of a head;
    ``sents``: ``sentences(view, skip_first or para start, para end)`` when the caller has them."""
    start = skip_first if skip_first is not None else para[0]
    any_verb = rules.any_verb
    for s_start, s_end in sentences(view, start, para[1]) if sents is None else sents:
        if is_context(view, s_start, s_end):
            continue
        clauses = top_level_split(view, s_start, s_end, _CLAUSE_MARKS)
        targets = bool(_TARGETS.search(view, s_start, s_end))
        past = PAST.search(view, s_start, s_end) is not None  # else no clause of the sentence is about the past
        had = False
        last = len(clauses) - 1
        for i, (c_start, c_end) in enumerate(clauses):
            if past and PAST.search(view, c_start, c_end):
                continue
            verb = None
            if (not had or targets) and any_verb is not None:
                found = any_verb.search(view, c_start, c_end)
                if found is None:
                    continue  # no verb: clause_rows gives nothing (without a call)
                verb = found.span()
            rows = clause_rows(view, c_start, c_end, _context(i == last and i > 0, had, deliverable_only, targets),
                               rules, verb)
            for row in rows:
                yield (s_start, s_end), row
            had = had or bool(rows)


def plan_paragraphs(view: str, start: int, end: int, heading_starts: set[int], self_building: bool,
                    rules: TaskRules) -> Iterator[tuple[tuple[int, int], str | None, tuple[int, int], Row]]:
    """Rows of a plan region: (paragraph, its topic head, sentence, row)."""
    paras = paragraphs(view, start, end)
    split = [sentences(view, *p) for p in paras]  # once a paragraph: for its lead-in and for its rows
    leads = [lead_in(view, p, first) for p, first in zip(paras, split, strict=True)]
    ended = [_SENTENCE_MARK.search(view, *p) is not None for p in paras]  # a sentence mark in the line
    for i, para in enumerate(paras):
        if rules.patterns["closing"].search(view, *para):
            continue
        skip = leads[i]
        head = strip_numbering(view[para[0] : skip].strip().rstrip("。！!")) if skip else None
        heading_line = para[0] in heading_starts or not ended[i]
        sents = split[i]
        if heading_line and skip is None:
            skip = sents[0][1] if sents else para[1]
            if skip >= para[1]:
                continue  # a heading alone on its line
        # the intro of a section whose body is topic paragraphs: (七)加快推进新型城镇化。坚持以人…
        next_lead = i + 1 < len(paras) and leads[i + 1] is not None
        prev_heading = i == 0 or paras[i - 1][0] in heading_starts or not ended[i - 1]
        if leads[i] is None and next_lead and (heading_line or prev_heading or _CONTINUED.match(view[para[0]:para[1]])):
            continue
        deliverable_only = self_building or rules.any_in("self_building", view[para[0] : min(para[1], para[0] + 80)])
        # the sentences after the skipped head are the paragraph's others (a head ends at a sentence end)
        for sentence, row in paragraph_rows(view, para, deliverable_only=deliverable_only, skip_first=skip,
                                            rules=rules, sents=sents if skip is None else sents[1:]):
            yield para, head, sentence, row
