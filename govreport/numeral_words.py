"""Numerals that are part of a word, not a quantity: a four-character idiom whose numeral stands right
before a unit character (危机四伏, 判若两人: ``lexicons/numeral_idioms.tsv``) and a short slogan in
quotation marks (“一强三名”, “三区两名”). Used by ``govreport.numbers``."""

from __future__ import annotations

from functools import cache

from govreport.errors import LexiconError
from govreport.lexicons import read_tsv, units

_NUMERALS = "零〇○一二两三四五六七八九十百千万亿"
_OPEN, _CLOSE = "“\"「", "”\"」"
_SLOGAN = 8  # a slogan in quotes is short (“一强三名”); a quoted sentence may hold a real figure


def _is_han(s: str) -> bool:
    return all("\u4e00" <= c <= "\u9fff" for c in s)


@cache
def numeral_idioms() -> dict[str, tuple[tuple[str, int], ...]]:
    """The idioms of ``numeral_idioms.tsv`` by the numeral + unit they hold: {"四伏": (("危机四伏", 2),)}."""
    unit_words = sorted(units(), key=len, reverse=True)
    out: dict[str, list[tuple[str, int]]] = {}
    for row in read_tsv("numeral_idioms.tsv"):
        word, example = row["idiom"], row["example"]
        if not 3 <= len(word) <= 8 or not _is_han(word):
            raise LexiconError(f"lexicon numeral_idioms.tsv: {word!r} is not a word of 3-8 Han characters")
        if word not in example:
            raise LexiconError(f"lexicon numeral_idioms.tsv: {word}: the example does not contain it")
        held = None
        for i, c in enumerate(word):
            if c in _NUMERALS and i > 0 and (u := next((u for u in unit_words if word.startswith(u, i + 1)), None)):
                held = (word[i : i + 1 + len(u)], i)
        if held is None:
            raise LexiconError(f"lexicon numeral_idioms.tsv: {word}: no numeral before a unit (the row blocks nothing)")
        out.setdefault(held[0], []).append((word, held[1]))
    return {k: tuple(v) for k, v in out.items()}


def in_idiom(view: str, start: int, end: int) -> bool:
    """``view[start:end]`` (a numeral and its unit) is the numeral of an idiom written around it."""
    found = numeral_idioms().get(view[start:end])
    return found is not None and any(view.startswith(w, start - i) for w, i in found)


def in_slogan(view: str, start: int, end: int) -> bool:
    """A numeral with its unit closing a short quoted phrase that holds another numeral before it, after a
    Han character: “一强三名”, “一核两翼” (a slogan pairs numerals; “增长两成” quotes a figure)."""
    if end >= len(view) or view[end] not in _CLOSE or start == 0 or not _is_han(view[start - 1]):
        return False
    opened = max(view.rfind(q, max(0, start - _SLOGAN), start) for q in _OPEN)
    inside = view[opened + 1 : start]
    return opened >= 0 and not any(q in inside for q in _CLOSE) and any(c in _NUMERALS for c in inside)
