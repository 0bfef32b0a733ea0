"""Page furniture (menus, breadcrumbs, footers, comment boxes) as line filters read from
``lexicons/boilerplate.yaml``. Applied to every input, since .txt reports are often saved pages."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from govreport.errors import LexiconError
from govreport.ingest.nfkc import nfkc, stable_first

_LISTS = ("prefix", "contains", "contains_any", "exact", "tail")  # lists of literal cues
_NUMBERS = ("prefix_max_len", "contains_max_len")
_SENTENCE_MARKS = set("。!?;:,、”’)》」』")
#: a letter or digit (``str.isalnum``: the regex ``\w`` less ``_``) or one of _SENTENCE_MARKS
_WORDISH = re.compile("[^\\W_]|[" + re.escape("".join(sorted(_SENTENCE_MARKS))) + "]")
#: a navigation bar flattened to one line: 4+ words of 2–8 characters, no punctuation, no digits.
#: Written by hand because it is a shape, not a word list (spaced titles like 政 府 工 作 报 告 have
#: one-character words and are kept).
_MENU_WORD = re.compile(r"^[\u4e00-\u9fffA-Za-z]{2,8}$")
_MENU_SPLIT = re.compile(r"[\s|｜·•/]+")


@dataclass(frozen=True, slots=True)
class Rules:
    prefix: tuple[str, ...]
    contains: tuple[str, ...]
    contains_any: tuple[str, ...]
    exact: frozenset[str]
    tail: tuple[str, ...]
    patterns: tuple[re.Pattern[str], ...]
    prefix_max_len: int
    contains_max_len: int
    tail_share: float


def _validate(data: object, where: str) -> Rules:
    if not isinstance(data, dict):
        raise LexiconError(f"{where}: expected a mapping at the top")
    for key in _LISTS:
        items = data.get(key)
        if not isinstance(items, list) or not all(isinstance(c, str) and c for c in items):
            raise LexiconError(f"{where}: '{key}' must be a list of non-empty strings")
        for cue in items:
            if cue != _key(cue):
                raise LexiconError(f"{where}: cue {cue!r} in '{key}' must be half-width with no spaces")
    for key in _NUMBERS:
        if not isinstance(data.get(key), int) or data[key] <= 0:
            raise LexiconError(f"{where}: '{key}' must be a positive integer")
    patterns = data.get("patterns", [])
    if not isinstance(patterns, list) or not all(isinstance(p, str) and p for p in patterns):
        raise LexiconError(f"{where}: 'patterns' must be a list of regular expressions")
    compiled = []
    for p in patterns:
        try:
            compiled.append(re.compile(p))
        except re.error as exc:
            raise LexiconError(f"{where}: bad pattern {p!r}: {exc}") from exc
    share = data.get("tail_share")
    if not isinstance(share, int | float) or not 0 < share < 1:
        raise LexiconError(f"{where}: 'tail_share' must be a number between 0 and 1")
    return Rules(
        prefix=tuple(data["prefix"]),
        contains=tuple(data["contains"]),
        contains_any=tuple(data["contains_any"]),
        exact=frozenset(data["exact"]),
        tail=tuple(data["tail"]),
        patterns=tuple(compiled),
        prefix_max_len=data["prefix_max_len"],
        contains_max_len=data["contains_max_len"],
        tail_share=float(share),
    )


@lru_cache(maxsize=1)
def rules() -> Rules:
    res = resources.files("govreport") / "lexicons" / "boilerplate.yaml"
    try:
        data = yaml.safe_load(res.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise LexiconError(f"lexicons/boilerplate.yaml: {exc}") from exc
    return _validate(data, "lexicons/boilerplate.yaml")


def _key(line: str) -> str:
    """A line as rules see it: NFKC (full-width → half-width), no white space."""
    return "".join(nfkc(line).split())  # str.split() and the regex \s take the same white space


def _is_menu(line: str) -> bool:
    words = [w for w in _MENU_SPLIT.split(line) if w]
    return len(words) >= 4 and len(line) <= 80 and all(_MENU_WORD.match(w) for w in words)


def is_boilerplate(line: str, r: Rules | None = None) -> bool:
    """Is this one line page furniture?"""
    r = r or rules()
    return _is_boilerplate(line, r, _fast(r))


def _is_boilerplate(line: str, r: Rules, fast: _Fast) -> bool:
    if len(line) > r.contains_max_len:
        # a long line: only a furniture prefix or a never-in-a-report phrase can condemn it
        if len(line) <= r.prefix_max_len and (
            line[0] if stable_first(line) else unicodedata.normalize("NFKC", line[0])
        ) in fast.prefix_first and _key(line[:40]).startswith(r.prefix):
            return True
        return fast.any_cue.search(line) is not None
    key = _key(line)
    if not key or key in r.exact or key.startswith(r.prefix) or fast.has_any.search(key):
        return True
    if _WORDISH.search(key) is None:
        return True  # symbols only: 】 > | × (a lone 。 or ” is the tail of a wrapped paragraph)
    if "。" not in line and fast.has_contains.search(key):
        return True
    if any(p.search(key) for p in r.patterns):
        return True
    return _MENU_SPLIT.search(line) is not None and _is_menu(line)


_FULL_WIDTH = str.maketrans(",:;!?()", "，：；！？（）")


@dataclass(frozen=True, slots=True)
class _Fast:
    prefix_first: frozenset[str]  # first characters of the prefix cues
    tail_first: frozenset[str]  # first characters of the tail cues
    any_cue: re.Pattern[str]  # contains_any cues, half- and full-width punctuation, spaces allowed
    has_any: re.Pattern[str]  # one of the contains_any cues, as written (one scan, not one per cue)
    has_contains: re.Pattern[str]  # one of the contains cues, as written


@lru_cache(maxsize=1)
def _fast(r: Rules) -> _Fast:
    forms = {*r.contains_any, *(c.translate(_FULL_WIDTH) for c in r.contains_any)}
    alternatives = sorted((r"\s*".join(map(re.escape, c)) for c in forms), key=len, reverse=True)
    return _Fast(frozenset(c[0] for c in r.prefix), frozenset(c[0] for c in r.tail), re.compile("|".join(alternatives)),
                 _literals(r.contains_any), _literals(r.contains))


def _literals(words: tuple[str, ...]) -> re.Pattern[str]:
    """A regex that finds any of ``words`` (none: it never matches)."""
    return re.compile("|".join(map(re.escape, words)) or "(?!)")


def strip_boilerplate(lines: list[str]) -> list[str]:
    """Drop furniture lines, and everything from a comment box / related-links block near the end."""
    r = rules()
    fast = _fast(r)
    total = sum(map(len, lines)) or 1
    tail_from = total * (1 - r.tail_share)
    out: list[str] = []
    seen = 0
    for line in lines:
        seen += len(line)
        # (a line whose first character is Han has a key that starts with it: no key needed unless
        # that character starts a tail cue)
        if seen >= tail_from and (not stable_first(line) or line[0] in fast.tail_first) and \
                _key(line[:40]).startswith(r.tail):
            break
        if not _is_boilerplate(line, r, fast):
            out.append(line)
    return out
