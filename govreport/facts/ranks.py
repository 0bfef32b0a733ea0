"""The scope of a rank: what it is among (居全省第4位 → province; 居西部第1 → a group of regions the
contract has no value for, so none)."""

from __future__ import annotations

import re

from govreport.facts.cues import compiled

_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")
_TAIL = 10  # the words right before 第N: 居全省, 位居西部十二省区市


def rank_scope(gap: str, inherited: str | None) -> str | None:
    """The rank scope the words before a rank (``gap``) name; else the one of the rank before it in the
    paragraph (``inherited``: 居全省第2、第5位), unless words naming no scope of the four follow a rank
    verb (居中部地区第1) or a group of regions is named (全国第5位、西部第1位: the second is among the west)."""
    c = compiled()
    found, at, tail = None, -1, gap[-_TAIL:]
    for m in c.rank_scope.finditer(tail):
        found, at = c.scope_of[m.group(0)], m.end()
    if any(m.end() > at for m in c.rank_region.finditer(tail)):
        return None
    if found:
        return found
    verbs = list(c.rank_verb.finditer(tail))
    return None if verbs and _CJK_CHAR.search(tail, verbs[-1].end()) else inherited
