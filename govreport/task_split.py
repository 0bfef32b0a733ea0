"""The text of a plan part cut into paragraphs, sentences and clauses (``govreport.task_clauses``).

Each cut is made once a paragraph and handed on by offset (issue 10, item 4): a paragraph into its
sentences (。！？；), a sentence into its clauses (，：, never inside quotes or brackets), an object
into its items (、). A window without any bracket or quote (most) is cut by one C split.
"""

from __future__ import annotations

import re
from functools import cache

__all__ = ["SENTENCE_END", "SENTENCE_MARK", "paragraphs", "sentences", "top_level_split"]

_OPEN, _CLOSE = "“‘\"《(（[【", "”’\"》)）]】"
SENTENCE_END = "。！？!?;；"


@cache
def _split_chars(marks: str) -> re.Pattern[str]:
    return re.compile("[" + re.escape(_OPEN + _CLOSE + marks) + "]")


def top_level_split(view: str, start: int, end: int, marks: str) -> list[tuple[int, int]]:
    """``view[start:end]`` cut at ``marks`` outside quotes and brackets, as (start, end) pieces."""
    if not _BRACKET.search(view, start, end):  # no bracket (most windows): every mark cuts, one C split
        chunk = view[start:end]
        split = _mark_split(marks).split(chunk)
        if len(split) == 1:  # no mark either: one piece (most objects)
            return [(start, end)] if chunk.strip() else []
        out, at = [], start
        for piece in split:
            if piece.strip():
                out.append((at, at + len(piece)))
            at += len(piece) + 1
        return out
    pattern = _split_chars(marks)
    pieces, depth, at = [], 0, start
    for m in pattern.finditer(view, start, end):  # only the brackets and marks, not every character
        i, ch = m.start(), m.group()
        if ch in _OPEN and not (ch == '"' and depth):
            depth += 1
        elif ch in _CLOSE and depth:
            depth -= 1
        elif ch in marks and depth == 0:
            pieces.append((at, i))
            at = i + 1
    pieces.append((at, end))
    return [(s, e) for s, e in pieces if view[s:e].strip()]


_BRACKET = re.compile("[" + re.escape(_OPEN + _CLOSE) + "]")


@cache
def _mark_split(marks: str) -> re.Pattern[str]:
    return re.compile("[" + re.escape(marks) + "]")


def paragraphs(view: str, start: int, end: int) -> list[tuple[int, int]]:
    """Lines of ``view[start:end]``; a long line cut mid-sentence (a page break) joins the next."""
    out: list[tuple[int, int]] = []
    pos = start
    for line in view[start:end].split("\n"):
        s, e = pos, pos + len(line)
        pos = e + 1
        if not line.strip():
            continue
        if out and out[-1][1] - out[-1][0] >= 30 and view[out[-1][1] - 1] not in SENTENCE_END + ":：":
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


SENTENCE_MARK = re.compile("[" + re.escape(SENTENCE_END) + "]")


def sentences(view: str, start: int, end: int) -> list[tuple[int, int]]:
    out, at = [], start
    for m in SENTENCE_MARK.finditer(view, start, end):
        out.append((at, m.end()))
        at = m.end()
    if at < end:
        out.append((at, end))
    return [(s, e) for s, e in out if view[s:e].strip()]


