"""NFKC through a character table: ``unicodedata.normalize("NFKC", s)``, 3–6 times faster on report text.

Why it is exact: replace every character ``c`` of ``s`` by ``NFKC(c)`` (the table, built once per
process over the BMP; other characters are left as they are). Each piece has the same full
decomposition as the character it replaces, and NFKD of a string is the canonical reordering of the
decompositions of its characters, so ``NFKD(t) == NFKD(s)`` and therefore ``NFKC(t) == NFKC(s)``.
When ``t`` is already in NFKC (the quick check says so at once for Han, kana, ASCII and most
punctuation), it is the answer; otherwise ``t`` is normalised the slow way (combining marks, Hangul
jamo, astral characters), which gives the same result as normalising ``s``.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache


@lru_cache(maxsize=1)
def nfkc_table() -> tuple[int | str, ...]:
    """``NFKC(chr(cp))`` for every BMP code point (the code point itself where NFKC keeps it)."""
    table: list[int | str] = list(range(0x10000))
    for cp in range(0xA0, 0x10000):  # below U+00A0 NFKC changes nothing
        if 0xD800 <= cp < 0xE000:
            continue  # a lone surrogate stays as it is
        ch = chr(cp)
        n = unicodedata.normalize("NFKC", ch)
        if n != ch:
            table[cp] = n
    return tuple(table)


def nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, exactly (see the module's docstring)."""
    if text.isascii():
        return text
    t = text.translate(nfkc_table())
    return t if unicodedata.is_normalized("NFKC", t) else unicodedata.normalize("NFKC", t)


#: Han characters (U+3400–U+9FFF: CJK Extension A, the Yijing symbols, CJK Unified Ideographs): NFKC
#: keeps them and they start no canonical composition, so a string's NFKC starts with its first
#: character when that character is one of them (tests/test_ingest_nfkc.py checks both facts)
STABLE_FIRST = ("\u3400", "\u9fff")


def stable_first(text: str) -> bool:
    """``NFKC(text)`` starts with ``text[0]``, known without normalising (a Han first character)."""
    return STABLE_FIRST[0] <= text[:1] <= STABLE_FIRST[1]
