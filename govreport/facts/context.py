"""Kind (target / actual / estimate) and period of a fact, from the section's role and cue words."""

from __future__ import annotations

import bisect
import re
from collections import deque
from functools import cache

from govreport.facts.cues import Cues, compiled
from govreport.facts.marks import absent
from govreport.model import DocMeta, Kind, Measure, Role, Section
from govreport.numbers import find_quantities

_FORWARD_ROLES = frozenset({Role.TARGETS, Role.TASKS, Role.FIVE_YEAR, Role.SELF_BUILDING})
_BACKWARD_ROLES = frozenset({Role.REVIEW, Role.PROBLEMS})


def review_years(meta: DocMeta) -> tuple[int | None, int | None]:
    """First and last year of the reviewed period (asked per figure: the last answer is kept)."""
    held = _LAST_REVIEW[0]
    if held[0] is meta:
        return held[1]
    got = _review_years(meta)
    _LAST_REVIEW[0] = (meta, got)
    return got


_LAST_REVIEW: list[tuple[object, tuple[int | None, int | None]]] = [(None, (None, None))]


def _review_years(meta: DocMeta) -> tuple[int | None, int | None]:
    rp = meta.review_period
    if rp:
        first, _, last = rp.partition("-")
        try:
            return int(first), int(last or first)
        except ValueError:
            pass
    if meta.plan_year:
        return meta.plan_year - 1, meta.plan_year - 1
    return None, None


_CN_DIGIT = {ch: i for i, ch in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "O": 0}


def year_value(word: str) -> int:
    """1985 from "1985" or "一九八五"."""
    return int(word) if word.isdigit() else int("".join(str(_CN_DIGIT[ch]) for ch in word))


_LAST_YEARS: list[tuple[object, str, tuple[int, ...]]] = [(None, "", ())]


def _years(before: str) -> tuple[int, ...]:
    """The years the sentence names up to the number (kind_of and period_of ask for the same
    sentence in turn: the last answer is kept)."""
    c = compiled()
    held = _LAST_YEARS[0]
    if held[0] is c and held[1] == before:
        return held[2]
    years = _scan_years(c, before)
    _LAST_YEARS[0] = (c, before, years)
    return years


def _scan_years(c: Cues, before: str) -> tuple[int, ...]:
    out = []
    for m in c.year.finditer(before):  # not a base (比1957年), nor a price basis (按一九五七年不变价格计算)
        lead = before[max(0, m.start() - 1) : m.start()]
        if lead in ("较", "比", "与", "同", "从", "自", "于", "由", "按") or (before.startswith("的", m.end()) and (
                lead == "是" or before.endswith(("达到", "，为", ",为", "、为", "别为"), 0, m.start()))):  # 为1997年的2.9倍
            continue
        if before.startswith(("以来", "起", "相比", "比较"), m.end()):
            continue
        out.append(year_value(m.group(1)))
    return tuple(out)


def head_base(before: str) -> int | None:
    """The base year of a comparison that heads the sentence (1986年同1978年相比，…增长102%)."""
    m = compiled().head_base.search(before)
    return year_value(m.group(1)) if m else None


_YEAR_WORD = r"((?:19|20)\d\d|[一二][九〇零○][〇零○一二三四五六七八九]{2})"
# 其中 at the head of a sentence breaks down the figure the sentence before gave
_BREAKDOWN = re.compile(r"[ \t\u3000“\"]*其中[，,：:]?")
# 比一九八○年的7159亿元, 较2020年末的: a base year with its level (the X of a 由X增加到Y that follows)
_BASE_LEVEL = re.compile(rf"(?:比|较|同|与|和){_YEAR_WORD}年(?:末|底)?的")


_TOTAL = re.compile(r"(?:共|总共|合计|累计|总计)(?:为|计|有|达到|达)?$")  # …投资总额共为493亿元: a total over the years named


def lead_sentence(view: str, s_start: int, para_start: int) -> tuple[str, int | None]:
    """For a sentence that opens with 其中, the frame of the sentence before it in the paragraph (its
    words up to its first figure: the years that date the figure broken down) and the base year whose
    level it names (比一九八○年的7159亿元); ("", None) for any other sentence. 其中 breaks down the
    figure just given: 一九八五年…达到X，比一九八○年的Z增加W。其中，A由X1增加到Y1 → Y1 is of 1985, X1
    of 1980. Years after the first figure (高于1953至1980年的水平) compare; they date nothing here."""
    if s_start <= para_start or not _BREAKDOWN.match(view, s_start):
        return "", None
    end = s_start - 1  # the end mark of the sentence before
    if view[end] not in "。！？!?":
        return "", None
    start = max([para_start] + [view.rfind(ch, para_start, end) + 1 for ch in "。！？!?"])
    figures = find_quantities(view, start, end)
    if not figures:
        return "", None  # …充分考虑了2035年…。其中…: a sentence with no figure has none to break down
    frame = view[start : figures[0].span.start]
    base = deque(_BASE_LEVEL.finditer(view, start, end), maxlen=1)
    return frame, (year_value(base[0].group(1)) if base else None)


def framed(lead: str, before: str) -> str:
    """``before`` read after the frame of the sentence a 其中 breaks down (``lead_sentence``), when the
    breakdown names no year of its own (a base year, 比一九五二年的, is none)."""
    return lead + before if lead and not _years(before) else before


def _last(pattern: re.Pattern[str], text: str | Passage) -> int:
    if isinstance(text, Passage):
        return text.last(pattern)
    if absent(pattern, text):
        return -1  # the text lacks a character every match holds (五 of a plan's name)
    last = deque(pattern.finditer(text), maxlen=1)  # the scan runs in C, only the last match is kept
    return last[0].start() if last else -1


class Passage:
    """A section's words up to a number, as the period rules read them: where each cue last occurs.

    The cue positions are found once per report (``PassageIndex``), so asking about the passage
    before every number costs a bisection, not a scan from the section's start (which made a long
    section quadratic)."""

    __slots__ = ("end", "index", "start")

    def __init__(self, index: PassageIndex, start: int, end: int) -> None:
        self.index, self.start, self.end = index, start, end

    def last(self, pattern: re.Pattern[str]) -> int:
        """Offset (from the passage's start) of the last match of ``pattern`` that starts inside it, or -1."""
        starts = self.index.starts(pattern)
        i = bisect.bisect_left(starts, self.end) - 1
        return starts[i] - self.start if i >= 0 and starts[i] >= self.start else -1


class PassageIndex:
    """Where each cue pattern matches in a report's matching view (found on first use)."""

    def __init__(self, view: str) -> None:
        self.view = view
        # by the pattern's id, the pattern kept beside (hashing a pattern costs microseconds a call)
        self._starts: dict[int, tuple[re.Pattern[str], list[int]]] = {}

    def starts(self, pattern: re.Pattern[str]) -> list[int]:
        got = self._starts.get(id(pattern))
        if got is None or got[0] is not pattern:
            got = self._starts[id(pattern)] = (pattern, [m.start() for m in pattern.finditer(self.view)])
        return got[1]

    def passage(self, start: int, end: int) -> Passage:
        return Passage(self, start, end)


def _clause(text: str) -> str:
    """The words after the last ； of ``text``."""
    return text[max(text.rfind("；"), text.rfind(";")) + 1 :]


def _blank(pattern: re.Pattern[str], text: str) -> str:
    """``text`` with the matches of ``pattern`` blanked out (same length, so positions hold)."""
    return pattern.sub(lambda m: "\u3000" * len(m.group(0)), text)


def kind_of(before: str, role: Role, meta: DocMeta, paragraph: str = "", dimension: str = "") -> Kind:
    """``before``: the sentence up to the number; ``paragraph``: the paragraph up to the number; ``dimension``:
    the number's (a count of people or things after 有 may state the present). A heading's plan (第一个五年计划
    概要) comes in as ``role`` FIVE_YEAR."""
    c = compiled()
    if estimated(before, paragraph):
        return Kind.ESTIMATE
    years = _years(before)
    plan = meta.plan_year
    _, review_last = review_years(meta)
    # 超过预期目标, 完成目标任务, 比去年预算: a goal or a base named in passing is no target cue
    before = _blank(c.goal_in_review, before)
    if plan and not absent(c.plans, before) and any(int(c.plan_years[m.group(0)][:4]) >= plan and _plan_period(before, m.start(), m.end())
                    for m in c.plans.finditer(before)):
        return Kind.TARGET  # “十五五”时期…: the period of a plan still to come, wherever it is named
    if years and plan:
        y = years[-1]
        if y >= plan:
            return Kind.TARGET
        after = before[_last(c.year, before) :]  # a cue after the year named (2018年，…今年目标) still counts
        if review_last and y <= review_last and not (c.target.search(_clause(after)) or c.plan_words.search(after)):
            return Kind.ACTUAL
    if role in _BACKWARD_ROLES:
        if c.target_lead.search(before) or _last(c.plan_words, before) > _last(c.past, before):
            return Kind.TARGET  # 面对新的一年，…增长9% inside the review
        return Kind.ACTUAL
    if role in _FORWARD_ROLES and dimension in _COUNTS and present_state(before):
        return Kind.ACTUAL  # 我国有2.9亿在校学生 in the plan: a background statement of the present
    paragraph = _blank(c.goal_in_review, paragraph)  # (blanked like ``before``; read only from here on)
    lead = _last(c.target_lead, paragraph)
    if lead >= 0 and lead > _last(c.past, paragraph):
        return Kind.TARGET  # 主要预期目标是：… holds for the rest of its paragraph
    # in a forward part the paragraph's last cue decides (过去一年，…。国内生产总值增长10.3%);
    # elsewhere (preamble, unnamed parts) only the sentence's own cues count
    context = (paragraph or before) if role in _FORWARD_ROLES else before
    last_past = _last(c.past, context)
    if role in _FORWARD_ROLES:
        last_target = max(_last(c.target, context), _last(c.plan_words, context))
    else:  # 力争, 将达到 hold for their own clause; 今年, 明年 for the sentence
        clause = _clause(context)
        last_target = max(_last(c.target, clause) + len(context) - len(clause) if c.target.search(clause) else -1,
                          _last(c.plan_words, context))
    if last_past > last_target:
        return Kind.ACTUAL
    if role in _FORWARD_ROLES:
        return Kind.TARGET
    return Kind.TARGET if last_target >= 0 else Kind.ACTUAL


_EXISTENTIAL = re.compile(r"(?<![将要会能可没还既增所具占享固特])(?:拥有|现有|共有|已有|已经有|有)"
                          r"(?![效机色线望所力序关利益偿能条])([^，,；;：:、有的]{0,10})$")
_COUNTS = frozenset({"people", "count", "number"})  # 有2.9亿在校学生, 有86个; not 有140亿元 (a plan's money)


def present_state(before: str) -> bool:
    """我国有2.9亿在校学生, 全省现有N万…: a count right after 有 (in its comma clause) with no target verb, plan
    word, plan, span or year in its sentence describes the present — an existential statement, no goal (将有,
    要有, 力争有: a goal; 到2030年: a year; 五年内…有694个: the plan's)."""
    c = compiled()
    clause = _clause(before)
    clause = clause[max(clause.rfind("，"), clause.rfind(",")) + 1 :]
    said = _EXISTENTIAL.search(clause)  # (the words between 有 and the count are a name: no measure verb)
    if said is not None and said.group(1) and clause.endswith("国", 0, said.start()):
        return False  # 国有小企业24万户: state-owned, not 我国有2.9亿
    return (said is not None and not c.measure.search(clause)
            and not any(p.search(before) for p in (c.target, c.plan_words, c.year, c.span_words, c.plans,
                                                     c.five_year_context)))


def _plan_period(text: str, start: int, end: int) -> bool:
    """A plan named as a span of time (“十五五”时期, 展望“十五五”), not as a label (“十五五”谋篇之年)."""
    after = text[end : end + 4].lstrip("”\"’'")
    return after.startswith(("时期", "期间", "末", "期末", "规划期")) or text[max(0, start - 3) : start].rstrip(
        "“\"‘'").endswith(("展望", "到", "今后"))


def estimated(before: str, paragraph: str = "") -> bool:
    """预计 governs the figures after it: at the head of a list up to the 。, inside a clause up to the
    next ；; “预计，下同” the rest of the passage."""
    c = compiled()
    if "下同" in (text := paragraph or before) and c.estimate_passage.search(text):  # (every match ends 下同)
        return True
    cues_here = deque(c.estimate.finditer(before), maxlen=1)  # only the last cue is read
    if not cues_here:
        return False
    cue = cues_here[-1]
    rest = before[cue.end() :]
    if not any(ch in rest for ch in "；;"):
        return True
    head = c.year.sub("", before[: cue.start()])
    return not any(ch.isdigit() for ch in head)  # 预计：生产总值…；财政收入… (the head of a list)


def period_of(kind: Kind, measure: Measure, before: str, gap: str, role: Role, meta: DocMeta,
              paragraph: str = "", indicator: str | None = None, passage: str | Passage = "",
              heading: str | None = None, threshold: bool = False) -> tuple[str | None, str]:
    """The period of a fact and where it was decided: ``sentence`` (a year or span the sentence
    states), ``passage`` (the paragraph or the part's words), ``section`` (the part's role) or
    ``report`` (the report's own years). ``passage``: the section's text up to the number;
    ``heading``: the plan period the section's heading names (``heading_plan``); ``threshold``: the
    figure is a threshold crossed (迈上4千亿元台阶, 突破万亿大关)."""
    c = compiled()
    plan = meta.plan_year
    first, last = review_years(meta)
    years = _years(before)
    base = c.base_year.search(gap)
    before, paragraph = blank_drafted(before), blank_drafted(paragraph)  # 编制“十五五”规划: a document, no period
    named = _named_plan(before, paragraph)
    named_here = named is not None and bool(plans_named(before))  # the sentence names a plan (较“十三五”末 too)
    span_cue = c.span_words.search(before) is not None  # 五年内, 累计, 合计
    if kind is Kind.TARGET:
        if plan is None:
            return None, "report"
        if years and years[-1] >= plan:
            # 到2026年…年均增长7%: an average runs from the plan year to that year, or over the plan
            # that ends that year (第六个五年计划…到一九八五年…平均每年递增 in 1982 → 1981-1985)
            if base and measure is Measure.GROWTH_CUM and year_value(base.group(1)) < years[-1] - 1:
                return f"{year_value(base.group(1)) + 1}-{years[-1]}", "sentence"  # 到一九八五年…比一九八○年
            if measure in (Measure.GROWTH_AVG, Measure.GROWTH_CUM) and years[-1] > plan:
                frame = heading or named
                if frame and int(frame[-4:]) == years[-1] and int(frame[:4]) <= plan:
                    return frame, "sentence"
                return f"{plan}-{years[-1]}", "sentence"
            return str(years[-1]), "sentence"
        own = _named_plan(before, "") if named_here else None  # not 比第五个五年计划期间的X (a base)
        if own and int(own[-4:]) >= plan:
            return own, "sentence"  # “十五五”时期…, 六五计划期间 (a plan still running)
        if span_cue and (c.five_year.search(before) or c.five_year_context.search(before)):
            return heading or f"{plan}-{plan + 4}", "sentence"  # 五年内…增长44%
        context = paragraph or before
        if _last(c.plan_words, context) > _last(c.five_year, context):
            return str(plan), "passage" if c.plan_words.search(before) is None else "sentence"
        if c.five_year.search(before):
            return f"{plan}-{plan + 4}", "sentence"
        if heading:
            return heading, "section"  # under “七五”时期的基本任务 or 第一个五年计划概要: the plan's years
        if heading == "":
            return str(plan), "section"  # a part of “十五五”时期目标任务和2026年工作安排: the year's work
        if role is Role.FIVE_YEAR:
            return f"{plan}-{plan + 4}", "section"
        return str(plan), "report"
    end = years[-1] if years else last
    source = "sentence" if years else "report"
    if end is None:
        return None, "report"
    start_year = head_base(before)
    if base and measure in (Measure.CHANGE, Measure.GROWTH_CUM):
        start = year_value(base.group(1))  # 比1957年, 比一九五七年
        if first is not None and first != last and end == last and start in (first - 1, first):
            return f"{first}-{last}", "report"  # 较2017年净增 in a review of 2017-2021: the five years reviewed
        if start >= end - 1:  # 一九五三年比一九五二年增长: one year's (a base of the year reviewed: the next)
            return str(max(end, start + 1)), "sentence"
        return f"{start}-{end}", "sentence"
    if start_year is not None and start_year < end and measure in (Measure.CHANGE, Measure.GROWTH_CUM):
        return f"{start_year}-{end}", "sentence"  # 1986年同1978年相比，…增长102%
    if named and named_here and int(named[-4:]) <= end and (
            measure in (Measure.CHANGE, Measure.GROWTH_CUM) or (measure is Measure.LEVEL and _TOTAL.search(gap))):
        return named, "sentence"  # “十三五”期间，城镇化率提高6个百分点; 第一个五年计划期间…投资总额共为493亿元
    if threshold and measure is Measure.LEVEL and not years and last is not None:
        # 总量迈上4千亿元台阶 with no year: crossed during the five years a passage or review speaks of
        if named and named_here and int(named[-4:]) <= last:
            return named, "sentence"
        if first is not None and first != last:
            return f"{first}-{last}", "report"
        if five_year_passage(paragraph or before, passage):
            return f"{last - 4}-{last}", "passage"
    cumulative = "累计" in before[-12:] or c.span_words.search(gap) is not None
    if indicator in c.flows and measure is Measure.LEVEL and not years and last is not None:
        # 这五年，…城镇新增就业5771万人: a flow in a passage about five years is their total,
        # unless a one-year cue (过去一年, 去年) comes after the five-year one
        plan_here = named if named and named_here and int(named[-4:]) <= last else None
        if plan_here:
            return plan_here, "sentence"
        for context, where in ((paragraph or before, "passage"), (passage, "passage")):
            five = _last(c.five_year_context, context)
            if five >= 0 and five > max(_last(c.one_year, context), _last(c.past_one_year, context)):
                return (f"{first}-{last}" if first != last else f"{last - 4}-{last}"), where
    average = measure is Measure.GROWTH_AVG or (measure is Measure.CHANGE and "年均" in gap[-8:])  # 年均提高1个百分点
    if average or cumulative:
        spans = list(c.year_range.finditer(before))
        if spans:
            span = spans[-1]
            return f"{year_value(span.group(1))}-{year_value(span.group(2))}", "sentence"  # 1932年到1936年五年间
        if named and (not years or int(named[-4:]) <= end):
            return named, "sentence" if named_here else "passage"  # “十三五”期间年均增长7.5%
        if first is not None and last is not None and first != last:
            return f"{first}-{last}", "report"
        if average and last is not None:
            return f"{last - 4}-{last}", "report"  # 年均增长 in a review: the five years up to the reviewed one
        if last is not None and five_year_passage(paragraph or before, passage):
            return f"{last - 4}-{last}", "passage"  # 能耗累计下降14% in a passage on the five years
        return None, "report"  # 累计减贫31.6万人: a running total over years the text does not say
    return str(end), source


def five_year_passage(paragraph: str, passage: str | Passage = "") -> bool:
    """Whether the paragraph (else the part) speaks of five years: its last five-year cue (这五年, “十四五”
    时期) comes after its last one-year cue (过去一年, 去年)."""
    c = compiled()
    for context in (paragraph, passage):
        five = max(_last(c.five_year_context, context), _last(c.plans, context))
        if five >= 0 and five > max(_last(c.one_year, context), _last(c.past_one_year, context)):
            return True
    return False


def names_five_years(before: str, passage: str | Passage = "") -> bool:
    """Whether the sentence or its part (up to the number) names the five years: 今后五年, “十五五”时期, 五年内."""
    c = compiled()
    return c.five_year.search(before) is not None or _last(c.five_year, passage) >= 0


def _named_plan(before: str, paragraph: str) -> str | None:
    """The years of the five-year plan the sentence (else its paragraph) names, e.g. 2016-2020;
    a plan's end (“十二五”末) is a point in time, not the plan's period."""
    c = compiled()
    for text in (before, paragraph):
        if absent(c.plans, text):
            continue  # no plan's name (each holds 五)
        found = None
        for start, end, years in plans_named(text):
            lead = text[max(0, start - 3) : start].rstrip("“\"‘'")
            if not c.plan_end.match(text, end) and not lead.endswith(("较", "比", "与", "同", "相比", "超过")):
                found = years  # not “十三五”末 (a point in time) nor 较“十三五” (a base)
        if found:
            return found
    return None


def base_period(meta: DocMeta, before: str, paragraph: str = "", passage: str | Passage = "") -> str | None:
    """The year a starting level (由X增加到Y) refers to when the text names none: the year before a
    five-year review (or a passage on the five years), or the year before the reviewed year."""
    first, last = review_years(meta)
    if first is None or last is None:
        return None
    if first != last:
        return str(first - 1)
    if not before.endswith(("上年", "去年", "上年的", "去年的", "上年末的")) and five_year_passage(paragraph, passage):
        return str(last - 5)
    return str(last - 1)  # 由9.6%降到7.4% in a one-year review: from the year before


# -- the plan period a heading names ----------------------------------------------------------------------
_NTH_PLAN = re.compile(r"第([一二三四五六七八九十]{1,3})个五年(?:计划|规划)")
# what makes a heading's plan its subject (“七五”时期的基本任务, 第一个五年计划概要, “十五五”规划主要目标),
# not a plan named in passing (为完成第一个五年计划而奋斗, 第二个五年计划的第二年)
_PLAN_SUBJECT = re.compile(r"[”\"’']?(?:计划|规划)?(?:纲要)?(?:（草案）)?(?:时期|期间|概要|纲要|$|的?(?:主要|基本|发展|重点)?"
                           r"(?:目标|任务|指标|设想|建议))")
_YEAR_SPAN = re.compile(r"((?:19|20)\d\d)年?[—\-–~～至到]((?:19|20)\d\d)年")
_CN_COUNT = {ch: i for i, ch in enumerate("一二三四五六七八九", 1)}


def nth_plan_years(n: int) -> str:
    """The years of the Nth five-year plan: 1953-1957, 1958-1962, then (after the three years of
    adjustment, 1963-1965) 1966-1970 onwards: 第六个 → 1981-1985, 第十一个 → 2006-2010."""
    first = 1953 + 5 * (n - 1) if n <= 2 else 1966 + 5 * (n - 3)
    return f"{first}-{first + 4}"


def _count(word: str) -> int | None:
    """一 … 九十九 as written in 第N个 (十一 → 11, 二十 → 20)."""
    head, ten, tail = word.partition("十")
    if not ten:
        return _CN_COUNT.get(word)
    tens = _CN_COUNT.get(head, 0) if head else 1
    units = _CN_COUNT.get(tail, 0) if tail else 0
    return None if (head and not tens) or (tail and not units) else tens * 10 + units


# a plan named as the document being drafted (“十四五”规划编制, 编制“十五五”规划, 谋划“十五五”): not the
# period of the sentence's figures (抓好…“十四五”规划编制…完成投资900亿元 is the year's work)
_PLAN_DRAFTED_AFTER = re.compile(r"[”\"’']?(?:发展)?(?:规划|计划)?(?:纲要)?(?:的)?(?:编制|前期研究|前期工作|基本思路|思路研究|谋划)")
_PLAN_DRAFTED_BEFORE = ("编制", "编制好", "编好", "谋划", "研究制定", "起草")


def _drafted(text: str, start: int, end: int) -> bool:
    """Whether the plan named at ``text[start:end]`` is the document being drafted."""
    return bool(_PLAN_DRAFTED_AFTER.match(text, end)
                or text[max(0, start - 5) : start].rstrip("“\"‘'").endswith(_PLAN_DRAFTED_BEFORE))


def blank_drafted(text: str) -> str:
    """``text`` with each plan named as the document being drafted blanked out (same length)."""
    c = compiled()
    if absent(c.plans, text):
        return text
    cut = [m.span() for m in c.plans.finditer(text) if _drafted(text, m.start(), m.end())]
    for a, b in cut:
        text = text[:a] + "\u3000" * (b - a) + text[b:]
    return text


def plans_named(text: str) -> list[tuple[int, int, str]]:
    """(start, end, years) of each five-year plan ``text`` names as a period: “七五”, 十四五, 第六个五年计划
    (not one named as the document being drafted: “十四五”规划编制, 编制“十五五”规划)."""
    c = compiled()
    out = [(m.start(), m.end(), c.plan_years[m.group(0)]) for m in c.plans.finditer(text)]
    for m in _NTH_PLAN.finditer(text) if "个五年" in text else ():  # (every such name holds 个五年)
        n = _count(m.group(1))
        if n:
            out.append((m.start(), m.end(), nth_plan_years(n)))
    return sorted(o for o in out if not _drafted(text, o[0], o[1]))


def heading_plan(titles: list[str], plan: int | None) -> str | None:
    """The plan period that governs a section's figures, from its own heading, else its nearest
    ancestor's (``titles``: the section's first): a plan still running or to come that the heading
    makes its subject (“七五”时期的基本任务, 第一个五年计划概要, 2026—2030年发展目标) → its years;
    "" when that heading also names the plan year and the section is a part below it (“十五五”时期
    目标任务和2026年工作安排 → its parts are the year's work); None when no heading names one."""
    if plan is None:
        return None
    for depth, title in enumerate(titles):
        found = [years for _, end, years in plans_named(title) if _PLAN_SUBJECT.match(title, end)]
        found += [f"{m.group(1)}-{m.group(2)}" for m in _YEAR_SPAN.finditer(title)
                  if int(m.group(2)) - int(m.group(1)) == 4]
        if not found:
            continue
        years = found[-1]
        if int(years[-4:]) < plan:
            return None  # a plan already over: the heading of a review
        if depth > 0 and (f"{plan}年" in title or "今年" in title):
            return ""
        return years
    return None


def heading_plans(sections: tuple[Section, ...], plan: int | None) -> dict[str, str | None]:
    """``heading_plan`` of every section that is no review, by id."""
    by_id = {s.id: s for s in sections}
    out: dict[str, str | None] = {}
    for s in sections:
        titles, at = [], s
        while at is not None:
            titles.append(at.title)
            at = by_id.get(at.parent) if at.parent else None
        out[s.id] = None if s.role in _BACKWARD_ROLES else heading_plan(titles, plan)  # a review: see forward_passage
    return out


_BY_YEAR = re.compile(rf"(?:到|至){_YEAR_WORD}年")
_BASE_YEAR = re.compile(rf"(?:比|较|同|与){_YEAR_WORD}年")


def growth_by(before: str, period: str | None, plan: int | None, frame: str | None = None) -> str | None:
    """到2030年…增长40% (a target growth by a later year, no 每年 or 同比): the growth over the years up
    to that year from the base the sentence names (比一九八○年 → 1981-1985), else over the plan ``frame``
    that ends that year, else from the plan year (2026-2030); None when the sentence does not say 到 that year."""
    if plan is None or period is None or not period.isdigit() or int(period) <= plan:
        return None
    found = deque(_BY_YEAR.finditer(before), maxlen=1)
    if not found or year_value(found[0].group(1)) != int(period):
        return None
    base = deque(_BASE_YEAR.finditer(before, found[0].end()), maxlen=1)
    if base and year_value(base[0].group(1)) < int(period):
        return f"{year_value(base[0].group(1)) + 1}-{period}"
    if frame and frame[-4:] == period and int(frame[:4]) <= plan:
        return frame
    return f"{plan}-{period}"


def growth_over(kind: Kind, period: str | None, before: str, gap: str, meta: DocMeta,
                passage: str | Passage = "", heading: str | None = None) -> tuple[Measure, str | None]:
    """The measure (and period) of a plain growth in % once its period is known: 到2030年…增长40% is the
    growth from the plan year to 2030 (``growth_by``); over a span, 每年增长7% is the growth of each of
    its years (growth_avg), and 五年内国民生产总值增长44%, 今后五年…增长40% or a plain growth in a part
    on the five years (or under a plan's heading) the growth over the span (growth_cum). 同比, 比上年
    make it one year's; 年均 was read as growth_avg before."""
    c = compiled()
    one_year = c.one_year.search(gap) is not None
    if kind is Kind.TARGET and not one_year and "每年" not in gap \
            and (span := growth_by(before, period, meta.plan_year, heading or _named_plan(before, ""))):
        return Measure.GROWTH_CUM, span
    if period and "-" in period and not one_year:
        if "每年" in gap[-6:]:
            return Measure.GROWTH_AVG, period
        if "每年" not in gap and (c.span_words.search(before) or names_five_years(before, passage) or heading):
            return Measure.GROWTH_CUM, period
    return Measure.GROWTH, period


# -- a forward passage inside the review ------------------------------------------------------------------
_FORWARD_WORDS = re.compile(r"今后五年|未来五年|纲要（草案）|纲要草案")
_PAST_PASSAGE = re.compile(r"这五年|五年来|过去五年|过去一年|一年来|去年|回顾")


@cache
def _plan_periods() -> re.Pattern[str]:
    """A plan named as a span of time (“十五五”时期, 十五五期间)."""
    c = compiled()
    return re.compile(rf"(?:{c.plans.pattern})[”\"’']?(?:时期|期间|规划期)")


def forward_passage(passage: str | Passage, plan: int | None) -> str | None:
    """The plan period a passage of the review turns to (“十五五”时期是…关键时期。…《纲要草案》明确了今后五年的
    发展目标…29项主要指标，包括：…): the years of a plan still to come when a cue of it (the plan as a span
    of time, 今后五年, the draft outline) comes after the passage's last cue of the past (这五年, 过去一年, 去年);
    None otherwise. Its figures are that plan's targets, not results."""
    if plan is None:
        return None
    c = compiled()
    at = _last(_plan_periods(), passage)
    years = None
    if at >= 0:
        # matched in place (a slice from there to the view's end copied the rest of the report for
        # each figure); the plans' look-behinds test the character before the name, which the match at
        # ``at`` has passed already, so the answer is the slice's
        m = c.plans.match(passage.index.view, passage.start + at) if isinstance(passage, Passage) \
            else c.plans.match(passage, at)
        years = c.plan_years[m.group(0)] if m else None
        if years is None or int(years[:4]) < plan:
            at, years = -1, None  # “十四五”时期 in a review of it: the past
    words = _last(_FORWARD_WORDS, passage)
    if words > at:
        at, years = words, years or f"{plan}-{plan + 4}"
    if at < 0 or at < max(_last(_PAST_PASSAGE, passage), _last(c.five_year_context, passage), _last(c.past, passage)):
        return None  # (在过去的五年中…已…: the review again)
    return years


def forward_in_review(kind: Kind, role: Role, before: str, passage: str | Passage, plan: int | None) -> str | None:
    """The plan period of a result-looking figure of the review that a forward passage governs
    (``forward_passage``), when its own sentence names no year; None for any other figure."""
    if kind is not Kind.ACTUAL or role not in _BACKWARD_ROLES or compiled().year.search(before):
        return None
    return forward_passage(passage, plan)
