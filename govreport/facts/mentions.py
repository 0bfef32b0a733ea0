"""Indicator mentions: every alias of every canonical indicator, found in one pass with an
Aho-Corasick automaton (pyahocorasick), longest match first, without overlaps."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import ahocorasick

from govreport.lexicons import Indicator, cues, indicators


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    indicator: str
    text: str


@cache
def automaton() -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    for ind in indicators().values():
        for alias in ind.aliases:
            auto.add_word(alias, (ind.id, alias))
    for words in cues()["not_indicators"]:  # a narrower measure with no id of its own masks the alias inside it
        if not auto.exists(words):  # one that has an id (户籍人口城镇化率) is matched as itself
            auto.add_word(words, (None, words))
    auto.make_automaton()
    return auto


@cache
def alias_index() -> dict[str, str]:
    """Every alias → its indicator id."""
    return {alias: ind.id for ind in indicators().values() for alias in ind.aliases}


@cache
def _marks_free() -> bool:
    """No alias holds a sentence end mark (。！？!?, a line break)."""
    words = [a for ind in indicators().values() for a in ind.aliases] + list(cues()["not_indicators"])
    return not any(ch in w for w in words for ch in SENTENCE_MARKS)


SENTENCE_MARKS = "。！？!?\n"


def find_mentions(view: str, sentences: list[tuple[int, int]] | None = None) -> list[Mention]:
    """Longest non-overlapping indicator mentions in ``view``, in order.

    ``sentences``: only those (start, end) ranges, each a whole sentence (from just after an end mark
    to the next one), in order. The scan gives the same mentions there as a scan of the whole text:
    no alias holds an end mark, so the automaton is back at its root after each one."""
    auto = automaton()
    if sentences is None or not _marks_free():
        sentences = [(0, len(view))]
    out: list[Mention] = []
    for start, end in sentences:
        if start >= end:
            continue  # an empty sentence (two end marks in a row)
        # the sentence on its own: iter_long(view, start, end) costs as much as a copy of the whole
        # view per call (slower than the scan of the sentence); the matches are the same
        at = start + 1
        for end_index, (ind_id, alias) in auto.iter_long(view[start:end]):
            if ind_id is not None:  # a word that only masks the aliases inside it
                out.append(Mention(end_index - len(alias) + at, end_index + at, ind_id, alias))
    return out


def indicator(ind_id: str) -> Indicator:
    return indicators()[ind_id]
