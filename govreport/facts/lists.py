"""Figures read as a run: a bound written once after a list (分别增长5%、6.5%左右), and which measure a
rank ranks (增长7.5%、居全省第4位; …分别居全省第7位、第4位)."""

from __future__ import annotations

from typing import Protocol

from govreport.facts.cues import compiled, foreign_chars
from govreport.facts.mentions import Mention
from govreport.model import Bound, Measure, Quantity

_FLIP = {Bound.MIN: Bound.MAX, Bound.MAX: Bound.MIN}


class Item(Protocol):
    """A figure of the walk (``facts._Item``)."""

    q: Quantity
    mention: Mention | None
    measure: Measure
    sign: int
    gap: str
    listed: bool


def list_bound(items: list[Item], i: int, bound: Bound) -> Bound:
    """分别增长5%、6.5%左右: a bound written once after a list holds for every item of it."""
    if bound is not Bound.EXACT:
        return bound
    j = i
    while j + 1 < len(items) and items[j + 1].listed:
        j += 1
    if j == i:
        return bound
    last = items[j].q.bound
    if last in (Bound.APPROX, Bound.MIN, Bound.MAX):
        return _FLIP.get(last, last) if items[i].sign < 0 else last
    return bound


def rank_of(items: list[Item], i: int) -> str | None:
    """Which measure a rank ranks: the quantity before it, or, in a 分别 list, the matching one."""
    run_start = i
    while run_start > 0 and items[run_start - 1].measure is Measure.RANK:
        run_start -= 1
    first = items[run_start]
    pos_in_run = i - run_start
    ranked = [it for it in items[:run_start] if it.mention is first.mention]
    if "分别" in first.gap:
        run_len = 1
        while run_start + run_len < len(items) and items[run_start + run_len].measure is Measure.RANK:
            run_len += 1
        # …171.4亿元、增长11%，分别居全省第7位、第4位 / 四项指标分别增长…，分别居全市第2、第1…位
        before = [it for it in items[:run_start] if it.measure is not Measure.RANK][-run_len:]
        if len(before) == run_len:
            return str(before[pos_in_run].measure)
    if ranked and pos_in_run == 0 and len(first.gap) <= 8 and compiled().rank_verb.search(first.gap):
        return str(ranked[-1].measure)  # 增长7.5%、居全省第4位
    c = compiled()
    it = items[i]  # 第7位、第4位, 居全国第5位、西部第1位 share the words before the first; a new subject has its own
    fresh = not it.listed and (it.mention is not first.mention or foreign_chars(c.rank_region.sub("", it.gap)) >= 2)
    said = c.rank_region.sub("", (it if fresh else first).gap)[-8:]  # 增速居西部12省区市第2位: region words, no distance
    return c.ranked_by.get(next((w for w in c.ranked_by if w in said), ""), None)
