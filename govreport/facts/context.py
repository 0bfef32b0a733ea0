"""Kind (target / actual / estimate) and period of a fact, from the section's role and cue words."""

from __future__ import annotations

import re

from govreport.facts.cues import compiled
from govreport.model import DocMeta, Kind, Measure, Role

_FORWARD_ROLES = frozenset({Role.TARGETS, Role.TASKS, Role.FIVE_YEAR, Role.SELF_BUILDING})
_BACKWARD_ROLES = frozenset({Role.REVIEW, Role.PROBLEMS})


def review_years(meta: DocMeta) -> tuple[int | None, int | None]:
    """First and last year of the reviewed period."""
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


def _years(before: str) -> list[int]:
    c = compiled()
    out = []
    for m in c.year.finditer(before):
        lead = before[max(0, m.start() - 1) : m.start()]
        if lead in ("较", "比", "与", "同", "从", "自", "于", "由") or (lead == "是" and before.startswith("的", m.end())):
            continue
        if before.startswith(("以来", "起"), m.end()):
            continue
        out.append(int(m.group(1)))
    return out


def _last(pattern: re.Pattern[str], text: str) -> int:
    pos = -1
    for m in pattern.finditer(text):
        pos = m.start()
    return pos


def kind_of(before: str, role: Role, meta: DocMeta, paragraph: str = "") -> Kind:
    """``before``: the sentence up to the number; ``paragraph``: the paragraph up to the number."""
    c = compiled()
    if c.estimate.search(before):
        return Kind.ESTIMATE
    years = _years(before)
    plan = meta.plan_year
    _, review_last = review_years(meta)
    target_cue = c.target.search(before) is not None or c.plan_words.search(before) is not None
    if years and plan:
        y = years[-1]
        if y >= plan:
            return Kind.TARGET
        if review_last and y <= review_last and not target_cue:
            return Kind.ACTUAL
    if role in _BACKWARD_ROLES:
        if "预期目标" in before or "今年" in before:
            return Kind.TARGET
        return Kind.ACTUAL
    # in a forward part the paragraph's last cue decides (过去一年，…。国内生产总值增长10.3%);
    # elsewhere (preamble, unnamed parts) only the sentence's own cues count
    context = (paragraph or before) if role in _FORWARD_ROLES else before
    last_past = _last(c.past, context)
    last_target = max(_last(c.target, context), _last(c.plan_words, context))
    if last_past > last_target:
        return Kind.ACTUAL
    if role in _FORWARD_ROLES:
        return Kind.TARGET
    return Kind.TARGET if last_target >= 0 else Kind.ACTUAL


def period_of(kind: Kind, measure: Measure, before: str, gap: str, role: Role, meta: DocMeta,
              paragraph: str = "", indicator: str | None = None) -> str | None:
    c = compiled()
    plan = meta.plan_year
    first, last = review_years(meta)
    years = _years(before)
    base = c.base_year.search(gap)
    named = _named_plan(before, paragraph)
    if kind is Kind.TARGET:
        if plan is None:
            return None
        if years and years[-1] >= plan:
            # 到2026年…年均增长7%: an average runs from the plan year to that year
            return f"{plan}-{years[-1]}" if measure is Measure.GROWTH_AVG and years[-1] > plan else str(years[-1])
        if named and int(named[:4]) >= plan and _last(c.plans, before) >= 0:
            return named  # “十五五”时期…
        context = paragraph or before
        if _last(c.plan_words, context) > _last(c.five_year, context):
            return str(plan)  # 今年…预期目标 inside a part on the five-year plan
        if role is Role.FIVE_YEAR or c.five_year.search(before):
            return f"{plan}-{plan + 4}"
        return str(plan)
    end = years[-1] if years else last
    if end is None:
        return None
    if base and measure in (Measure.CHANGE, Measure.GROWTH_CUM):
        start = int(base.group(1))
        if first is not None and first != last and end == last and start in (first - 1, first):
            return f"{first}-{last}"  # 较2017年净增 in a review of 2017-2021: the five years reviewed
        return f"{start}-{end}"
    cumulative = "累计" in before[-12:]
    if indicator in c.flows and measure is Measure.LEVEL and not years and last is not None:
        # 这五年，…城镇新增就业5771万人: a flow in a paragraph about five years is their total,
        # unless a one-year cue (过去一年, 去年) comes after the five-year one
        context = paragraph or before
        five = _last(c.five_year_context, context)
        plan_here = named if named and _last(c.plans, before) >= 0 and int(named[-4:]) <= last else None
        if plan_here:
            return plan_here
        if five >= 0 and five > max(_last(c.one_year, context), _last(c.past_one_year, context)):
            return f"{first}-{last}" if first != last else f"{last - 4}-{last}"
    if measure is Measure.GROWTH_AVG or cumulative:
        if named and (not years or int(named[-4:]) <= end):
            return named  # “十三五”期间年均增长7.5%
        if first is not None and last is not None and first != last:
            return f"{first}-{last}"
        if measure is Measure.GROWTH_AVG and last is not None:
            return f"{last - 4}-{last}"  # 年均增长 in a review: the five years up to the reviewed one
        return None
    return str(end)


def _named_plan(before: str, paragraph: str) -> str | None:
    """The years of the five-year plan the sentence (else its paragraph) names, e.g. 2016-2020."""
    c = compiled()
    for text in (before, paragraph):
        found = None
        for m in c.plans.finditer(text):
            found = m.group(0)
        if found:
            return c.plan_years[found]
    return None


def base_period(meta: DocMeta, before: str) -> str | None:
    """The year a starting level (由X增加到Y) refers to when the text names none: the year before a
    five-year review, or the year before the reviewed year for 由上年的X."""
    first, last = review_years(meta)
    if first is None or last is None:
        return None
    if first != last:
        return str(first - 1)
    if before.endswith(("上年", "去年", "上年的", "去年的", "上年末的")) or "由上年" in before[-6:]:
        return str(last - 1)
    return None
