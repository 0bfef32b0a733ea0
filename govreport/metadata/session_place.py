"""The place words of a congress session as the text writes them before its term (第十五届…):
what is left of the words before the term once a date, a time of day, a comma or the 在 that
introduces the session are cut off (——2020年4月22日在呼和浩特市, 5月11日上午,麻江县, 刚才,上海市宝山区,
1月26日上午,日照市莒县 → the place alone). Used by the header and by the news reading of a session."""

from __future__ import annotations

import re

# everything up to the last separator that cannot sit inside a place name: a digit (and the 日 or
# 年 right after it), punctuation, a dash, 在, 的 (备受瞩目的县…, 日召开的镇江市…), or a time of day / of speaking
_PREFIX = re.compile(
    r"^.*(?:\d+[年月日号]?|[，,、:：;；。!！?？()（）\[\]【】<>《》“”\"'|—－–\-~～\s\u3000]|在|的|上午|下午|晚上|刚才|今天)"
)
_MAX = 30  # how far back a place name may start


def place_before(text: str, end: int) -> str:
    """The place words of ``text`` that end at ``end`` (the session's term, or its 第)."""
    start = max(0, end - _MAX)
    line = text.rfind("\n", start, end)
    words = text[(line + 1 if line >= 0 else start) : end]
    return _PREFIX.sub("", words)


def place_reaching_back(text: str, start: int, end: int) -> str:
    """``place_before`` for a place a pattern found at [start, end) that may have stopped short of
    its first characters (a pattern that leaves out 日 or 年 so as not to eat a date cuts 日照市 to
    照市): the Han characters just before ``start`` are taken back first."""
    while start > 0 and end - start < _MAX and "\u4e00" <= text[start - 1] <= "\u9fff":
        start -= 1
    return place_before(text[start:end], end - start)
