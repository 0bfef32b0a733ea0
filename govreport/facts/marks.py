"""A character that every match of a cue pattern holds (“五” of every plan name, “年” of a year),
so a text without it is known to hold no match without running the regex (issue 10, item 4).

``mark(pattern)`` is a character common to every string of ``metadata.prefilter.required_strings``
(strings one of which each match contains, read from the pattern's parse): one ``in`` test, cheap
enough to ask before every cue scan of a sentence. tests/test_fast_paths_facts.py checks that every
match over the shared texts holds its pattern's mark.
"""

from __future__ import annotations

import re

from govreport.metadata.prefilter import required_strings

_MARKS: dict[int, tuple[re.Pattern[str], str]] = {}  # by id: hashing a pattern costs microseconds a call


def mark(pattern: re.Pattern[str]) -> str:
    """One character every match of ``pattern`` holds, or "" (none is certain, or flags that fold case)."""
    got = _MARKS.get(id(pattern))
    if got is None or got[0] is not pattern:
        needs = required_strings(pattern)
        common = set.intersection(*(set(s) for s in needs)) if needs else set()
        got = _MARKS[id(pattern)] = (pattern, min(common) if common else "")
    return got[1]


def absent(pattern: re.Pattern[str], text: str) -> bool:
    """True when ``text`` certainly holds no match of ``pattern`` (it lacks the pattern's mark)."""
    got = _MARKS.get(id(pattern))  # (``mark`` inlined: this is asked before every cue scan)
    m = got[1] if got is not None and got[0] is pattern else mark(pattern)
    return bool(m) and m not in text
