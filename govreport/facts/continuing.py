"""Figures that continue the subject of the figure before them in the same clause chain.

A report often states a level and then, with no new subject words, another figure of the same
indicator: its change against a base period (粮食产量达到3.9亿吨，比上年增产1199万吨; 外汇储备达1656亿美元，
比1995年底增加920亿美元), its growth over a period (利用外资2894亿美元，比“八五”时期增长79.6%), its rank
(增长7.5%、居全国第4位) or its share of the region's total (在全省占比22.5%). Such a figure is a figure of
that indicator when the words between the two figures are only cue and glue words, comparison bases
(比上年, 比1995年底, 比五年前, 较“十三五”末) and rank scopes.

A gap to another region's figure (高于全国0.8个百分点, 快于全省) is no measure of the contract: it never
continues the subject, but the rank after it may (增幅高于全市1个百分点，总量居全省第62位). Nor does a
plain level (建成5G基站8.99万个、覆盖95%以上行政村: what 覆盖 counts is another subject).

Two neighbours of the rule: a bare head noun (产量, 参保人数) names the measure of the product the clause
chain named last (粮食连续四年增产，产量达到…: ``named_before``), and a per-head word (人均) between a
mention and an amount makes the figure the per-head indicator's or none (``per_head``); an output verb
before a product (增产原煤3000万吨) is its measure (``verb_before``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from govreport.facts.cues import foreign_chars
from govreport.facts.mentions import Mention, alias_index, indicator
from govreport.lexicons import cues
from govreport.model import Measure, Quantity

_CN_DIGIT = "一二三四五六七八九十两〇○零"
# a comparison base: a year, the year before, N years ago, a plan period (“八五”时期, “十三五”末)
_BASE = re.compile(
    rf"(?:同比|与|比|较|同)(?:上年|去年|上一年|前一年|年初|(?:19|20)\d\d年|[一二][九〇零○][{_CN_DIGIT}]{{2}}年"
    rf"|[{_CN_DIGIT}\d]+年前|前[{_CN_DIGIT}\d]+年|“?[{_CN_DIGIT}]{{1,3}}五”?(?:时期|期间|末|期末)?)"
    r"(?:底|末|同期|年底|年末)?(?:相比|的水平)?")
# the whole of a share that is a region's total (占全国的比重, 在全省占比): no new subject
_REGION_SHARE = re.compile(r"(?:占|在)(?:全国|全省|全市|全区|全县|全州|全球|世界)(?:的)?(?:比重|比例|占比)?")
_MEASURES = frozenset({Measure.GROWTH, Measure.GROWTH_AVG, Measure.GROWTH_CUM, Measure.CHANGE, Measure.RANK,
                       Measure.SHARE})
_GROWTHS = frozenset({Measure.GROWTH, Measure.GROWTH_AVG, Measure.GROWTH_CUM})
_RATE_WORDS = ("增速", "增幅", "增长速度", "增长幅度")
_MAX_GAP = 24  # a longer run between two figures is another statement


class Figure(Protocol):
    """A figure already read in the sentence (the walk's item)."""

    q: Quantity
    mention: Mention | None
    measure: Measure
    subject_text: str | None
    trailing: bool
    words_end: int


def continued(view: str, items: Sequence[Figure], q: Quantity, measure: Measure) -> Mention | None:
    """The indicator the figure ``q`` (read as ``measure``) continues, or None: that of the figure right
    before it (a figure between with no subject words of its own may be a new subject too short to name:
    纸520万吨，增加20万吨 is no change of the cotton yarn before it)."""
    if not items:
        return None
    prev = items[-1]
    end = max(prev.q.span.end, prev.words_end, prev.mention.end if prev.trailing and prev.mention else 0)
    named = prev
    if prev.mention is None and len(items) >= 2 and _gap_only(view, items[-2], prev):
        named = items[-2]  # 增长8.5%，增幅高于全市1个百分点，总量居全省第62位: the gap figure names no new subject
    return _continues(view, named.mention, named.measure, named.q.unit, end, q, measure)


_AVERAGE = re.compile(r"(?:全国|全省|全市|全区|全县|全州)?(?:的)?(?:平均水平|平均)?")


def _gap_only(view: str, before: Figure, gap_figure: Figure) -> bool:
    """Whether ``gap_figure`` is only the gap of the figure ``before`` to another region's (…8.5%，高于全市1个
    百分点): a relative word and a region between them, no subject words of its own."""
    if before.mention is None or gap_figure.subject_text is not None or gap_figure.q.unit != "个百分点":
        return False
    words = view[before.q.span.end : gap_figure.q.span.start]
    relative = next((w for w in cues().get("relative", []) if w in words), None)
    if relative is None or len(words) > _MAX_GAP or any(ch in words for ch in "；;。：:（）()“”"):
        return False
    rest = _AVERAGE.sub("", words.replace(relative, ""))
    return foreign_chars(rest) == 0


def _continues(view: str, prev: Mention | None, prev_measure: Measure, prev_unit: str, prev_end: int, q: Quantity,
               measure: Measure) -> Mention | None:
    """``prev`` when the words from ``prev_end`` (the end of the figure before) to ``q`` are only cues,
    glue, comparison bases and rank scopes, and ``measure`` may be a further figure of it."""
    if prev is None or measure not in _MEASURES:
        return None
    if measure is Measure.RANK and prev_measure is Measure.RANK:
        return None  # 从第12位跃升至第9位: the second rank is read with the first
    if prev_unit == "%" and q.unit in ("%", "倍") and measure in _GROWTHS:
        return None  # 新能源装机占比达63%、规模比“十三五”末翻了一番: the growth of a rate is that of something else
    gap = view[prev_end : q.span.start]
    if len(gap) > _MAX_GAP or any(ch in gap for ch in "；;。：:（）()"):
        return None
    if gap and gap[0] not in "，,、" and not gap.startswith("即"):
        return None  # the figure before must end its clause (…1656亿美元，比…)
    if any(w in gap for w in cues().get("relative", [])):
        return None  # 高于全国0.8个百分点: a gap to another figure, no measure of this one
    if q.unit == "个百分点" and any(w in gap for w in _RATE_WORDS):
        return None  # 增长6.3%，增速比上年提高2.7个百分点: a change of the growth rate, no figure of the indicator
    rest = _REGION_SHARE.sub("", _BASE.sub("", gap))
    if any(ch in rest for ch in "“”（）()"):
        return None
    if foreign_chars(rest) >= 1:
        return None
    return prev


# longest first; 新增 is no such verb: 新增高标准农田, 新增造林 name the year's own flow (a level)
_OUTPUT_VERBS = ("净增加", "净减少", "增产", "减产", "净增", "增加", "减少")


def verb_before(view: str, start: int, stock: bool = False) -> str:
    """增产原煤3000万吨, 减产棉花10万担, 减少耕地1.2万亩: an output or change verb written before the subject is
    its measure (the change of that indicator), as 原煤增产3000万吨 and 耕地减少1.2万亩 are; "" when no such
    verb touches ``start``."""
    verbs = (*_OUTPUT_VERBS, "新增") if stock else _OUTPUT_VERBS  # 新增耕地: the change of a stock (cues stocks)
    return next((v for v in verbs if view.startswith(v, start - len(v))), "")


_HEAD_WORDS = 4  # 产量, 总产量, 产值: a bare head noun, not a name of its own


def named_before(view: str, ms: Sequence[Mention], words: str | None, floor: int, end: int) -> Mention | None:
    """全国粮食连续四年增产，产量达到X万吨; 煤炭开采方面，…产量稳定在13亿吨: the bare head noun of an unnamed
    figure (``words``) names the measure of the product the clause chain named last (the mention closest
    before it in ``view[floor:end]``, no clause end between) when the two make an alias (粮食产量). The
    mention sits on the head noun's last occurrence before ``end``."""
    if not words or len(words) > _HEAD_WORDS:
        return None
    last = next((m for m in reversed(ms) if floor <= m.start and m.end <= end), None)
    if last is None or any(ch in view[last.end : end] for ch in "；;"):
        return None
    ind = alias_index().get(last.text + words)
    at = view.rfind(words, last.end, end)
    if ind is None or at < 0:
        return None
    return Mention(at, at + len(words), ind, last.text + words)


_PER_HEAD = re.compile(r"人均|户均")


def per_head(view: str, mention: Mention, start: int, end: int) -> Mention | None:
    """生产总值2.6万亿元，人均突破1万美元: a per-head word between a mention and its figure makes the figure
    that of the per-head indicator when 人均 + the mention (or its name) is an alias (人均地区生产总值), at the
    per-head word; else of no indicator (a per-head figure is never the total). ``mention`` itself when no
    such word is in ``view[start:end]``."""
    per = _PER_HEAD.search(view, start, end)
    if per is None:
        return mention
    for name in (per.group(0) + mention.text, per.group(0) + indicator(mention.indicator).name):
        ind = alias_index().get(name)
        if ind is not None and ind != mention.indicator:
            return Mention(per.start(), per.end(), ind, name)
    return None
