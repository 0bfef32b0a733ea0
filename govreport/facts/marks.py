"""A character that every match of a cue pattern holds (“五” of every plan name, “年” of a year),
so a text without it is known to hold no match without running the regex (issue 10, item 4).

``mark(pattern)`` reads the pattern's parse: a literal character the match consumes on every path
(each branch of an alternation, every repeat of at least one). tests/test_marks.py checks that every
match over the shared texts holds its pattern's mark.
"""

from __future__ import annotations

import re

try:  # the regex parser moved in Python 3.11 (re._parser); sre_parse before
    from re import _parser as _sre  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre  # type: ignore[no-redef]

_REPEATS = {_sre.MAX_REPEAT, _sre.MIN_REPEAT} | ({_sre.POSSESSIVE_REPEAT} if hasattr(_sre, "POSSESSIVE_REPEAT") else set())


def _required(items: object) -> set[str]:
    """Characters a match of the parsed sequence consumes whatever path it takes."""
    out: set[str] = set()
    for op, av in items:  # type: ignore[attr-defined]
        if op is _sre.LITERAL:
            out.add(chr(av))
        elif op is _sre.SUBPATTERN:
            out |= _required(av[3])
        elif op is _sre.BRANCH:
            branches = [_required(b) for b in av[1]]
            out |= set.intersection(*branches) if branches else set()
        elif op in _REPEATS and av[0] >= 1:
            out |= _required(av[2])
    return out


_MARKS: dict[int, tuple[re.Pattern[str], str]] = {}  # by id: hashing a pattern costs microseconds a call


def mark(pattern: re.Pattern[str]) -> str:
    """One character every match of ``pattern`` holds, or "" (none is certain, or flags that fold case)."""
    got = _MARKS.get(id(pattern))
    if got is None or got[0] is not pattern:
        chars: set[str] = set()
        if not pattern.flags & re.IGNORECASE:
            chars = _required(_sre.parse(pattern.pattern, pattern.flags))
        got = _MARKS[id(pattern)] = (pattern, min(chars) if chars else "")
    return got[1]


def absent(pattern: re.Pattern[str], text: str) -> bool:
    """True when ``text`` certainly holds no match of ``pattern`` (it lacks the pattern's mark)."""
    got = _MARKS.get(id(pattern))  # (``mark`` inlined: this is asked before every cue scan)
    m = got[1] if got is not None and got[0] is pattern else mark(pattern)
    return bool(m) and m not in text
