"""Text cleaning (kept text) and the same-length matching view (for the extractors)."""

from __future__ import annotations

import unicodedata
from functools import lru_cache


def clean_text(raw: str) -> str:
    """One paragraph per line, no blank lines, no surrounding white space."""
    lines = (line.strip().replace("\u3000", " ").strip() for line in raw.splitlines())
    return "\n".join(line for line in lines if line)


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    """Full-width → half-width and compatibility forms, only where NFKC keeps one character."""
    table: dict[int, str] = {}
    for cp in range(0x2000, 0x10000):
        ch = chr(cp)
        n = unicodedata.normalize("NFKC", ch)
        if n != ch and len(n) == 1:
            table[cp] = n
    return table


def matching_view(text: str) -> str:
    """A copy of ``text`` of the same length on which extractors match."""
    view = text.translate(_table())
    assert len(view) == len(text)
    return view
