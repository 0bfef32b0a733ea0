"""Indicator mentions: every alias of every canonical indicator, found in one pass with an
Aho-Corasick automaton (pyahocorasick), longest match first, without overlaps."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import ahocorasick

from govreport.lexicons import Indicator, indicators


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
    auto.make_automaton()
    return auto


@cache
def alias_index() -> dict[str, str]:
    """Every alias → its indicator id."""
    return {alias: ind.id for ind in indicators().values() for alias in ind.aliases}


def find_mentions(view: str) -> list[Mention]:
    """Longest non-overlapping indicator mentions in ``view``, in order."""
    auto = automaton()
    out: list[Mention] = []
    for end_index, (ind_id, alias) in auto.iter_long(view):
        start = end_index - len(alias) + 1
        out.append(Mention(start, end_index + 1, ind_id, alias))
    return out


def indicator(ind_id: str) -> Indicator:
    return indicators()[ind_id]
