"""Word lists as one regex each, compiled as a trie (issue 10, item 4).

The task finder matches its word lists (verbs, adverbs, openers …) tens of thousands of times per
report. ``"|".join(longest first)`` makes the regex engine try the alternatives one by one at each
position; the same words as a trie (``加(?:强(?:和改进)?|快…)``) are tried one character at a time.
Both give the longest word at the leftmost position, so ``match``, ``search`` and ``finditer``
answer alike, bounds included (``tests/test_task_patterns.py`` checks it at every position of
corpus text).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["plain_pattern", "word_pattern"]

_END = ""  # the trie key that marks the end of a word


def plain_pattern(words: Iterable[str]) -> re.Pattern[str]:
    """The words as a plain alternation, longest first (the reference ``word_pattern`` equals)."""
    return re.compile("|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)))


def word_pattern(words: Iterable[str], *, guard: bool = False) -> re.Pattern[str]:
    """The longest of ``words`` at the leftmost position, as ``plain_pattern(words)`` finds it.

    ``guard``: open with a lookahead of the first characters, which makes ``match`` at a position
    where no word starts fail at once (but a ``search`` slower): for the lists matched at a position."""
    words = sorted(set(words))  # the same pattern text whatever the order given
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        if not word:
            continue
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[_END] = {}
    if not trie:
        return plain_pattern(words)
    body = _node_pattern(trie)
    if guard:
        body = "(?=[" + "".join(re.escape(ch) for ch in sorted(trie)) + "])" + body
    return re.compile(body)


def _node_pattern(node: dict) -> str:  # type: ignore[type-arg]
    # the longer words (children) are tried before the word ending here: the longest wins, as in a
    # longest-first alternation; at most one child can match the next character
    alts = [re.escape(ch) + _node_pattern(child) for ch, child in node.items() if ch != _END]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    if _END not in node:
        return body
    return f"(?:{body})?" if len(alts) == 1 else f"{body}?"
