"""Strings a regex cannot match without: a cue is searched only where one of them occurs.

``required_strings(regex)`` reads the regex's parse tree (``re._parser``, the module ``re`` compiles
with) and returns strings such that every match contains at least one of them: a run of literal
characters, a small class of literal characters, the union over the branches of an alternation, the
body of a group or of a repeat taken at least once. Look-arounds, back-references and anything it
does not know give nothing; a case-insensitive regex gives None. ``may_match(needs, text, lo, hi)``
is then a few ``str.find`` calls (memchr speed) instead of a regex scan, and it never says no where
the regex would have matched inside ``text[lo:hi]``.
"""

from __future__ import annotations

import re
from typing import Any

try:
    from re import _constants as _c
    from re import _parser
except ImportError:  # pragma: no cover - another Python: no prefilter, every cue is searched
    _parser = None  # type: ignore[assignment]

Needs = tuple[str, ...] | None

_MAX_CLASS = 8  # a class of more literal characters than this is not worth a look


def required_strings(regex: re.Pattern[str]) -> Needs:
    """Strings one of which every match of ``regex`` contains (None: nothing known)."""
    if _parser is None or regex.flags & re.IGNORECASE or not isinstance(regex.pattern, str):
        return None
    try:
        tree = _parser.parse(regex.pattern, regex.flags)
    except Exception:  # an internal module may change: then no prefilter
        return None
    return _sequence(list(tree))


def _better(a: Needs, b: Needs) -> Needs:
    """The rarer requirement: longer strings first, then fewer alternatives."""
    if not b:
        return a
    if not a:
        return b
    return a if (min(map(len, a)), -len(a)) >= (min(map(len, b)), -len(b)) else b


def _sequence(items: list[tuple[Any, Any]]) -> Needs:
    best: Needs = None
    run: list[str] = []
    for op, av in items:
        if op is _c.LITERAL:
            run.append(chr(av))
            continue
        if run:
            best = _better(best, ("".join(run),))
            run = []
        best = _better(best, _element(op, av))
    if run:
        best = _better(best, ("".join(run),))
    return best


def _element(op: Any, av: Any) -> Needs:
    if op is _c.SUBPATTERN:
        _group, add_flags, _del_flags, sub = av
        return None if add_flags & _c.SRE_FLAG_IGNORECASE else _sequence(list(sub))
    if op is _c.ATOMIC_GROUP:
        return _sequence(list(av))
    if op is _c.BRANCH:
        alternatives = [_sequence(list(b)) for b in av[1]]
        if not all(alternatives):
            return None
        return tuple(sorted({s for alt in alternatives if alt for s in alt}))
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        low, _high, body = av
        return _sequence(list(body)) if low >= 1 else None
    if op is _c.IN:
        if len(av) <= _MAX_CLASS and all(o is _c.LITERAL for o, _ in av):
            return tuple(sorted({chr(v) for _, v in av}))
        return None
    return None


def may_match(needs: Needs, text: str, lo: int = 0, hi: int | None = None) -> bool:
    """False only when no match can lie inside ``text[lo:hi]`` (none of ``needs`` occurs there)."""
    if not needs:
        return True
    hi = len(text) if hi is None else hi
    return any(text.find(s, lo, hi) >= 0 for s in needs)
