"""Slogans: numbered policy formulas such as 五个振兴, 两不愁三保障, “三清”, “1+7” (issue 6).

A small grammar proposes candidates and data files filter them:

* quoted: “…” whose content starts with a numeral (三清, 四个不摘, 十项行动, 1+7);
* lexicon: the known formulas of ``lexicons/slogans.tsv`` wherever they occur, quoted or not;
* compound: numeral-led segments repeated, e.g. 两不愁三保障, 三去一降一补, 一村一品;
* 个 + negation: 四个不摘, 两个毫不动摇.

A candidate is dropped when the word after its numeral makes it a quantity, a period or an
ordinal (``lexicons/slogans_quantity_words.tsv``: 三个月, 五年, 两个百分点, 三家企业), when it
is a five-year-plan name (十四五), a listed non-formula (``lexicons/slogans_excluded.tsv``), or,
unless listed as a formula, an ordinary word or idiom of jieba's bundled dictionary
(千方百计, 一心一意). ``number`` is the formula's leading numeral (两不愁三保障 → 2).
"""

from __future__ import annotations

import importlib.util
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import ahocorasick

from govreport.errors import LexiconError
from govreport.lexicons import read_tsv
from govreport.model import Slogan, Span
from govreport.task_patterns import word_pattern

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
           "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}
NUMERALS = "".join(_DIGITS) + "".join(_UNITS)
_LEADS = NUMERALS.replace("零", "").replace("〇", "") + "双"
#: classifiers that may stand between the numeral and the head (四个不摘, 三大攻坚战, 十项行动)
_CLASSIFIERS = "个大项化张条类种篇"
_HAN = r"\u4e00-\u9fff"
_OPEN_CLOSE = {"“": "”", "「": "」", "『": "』", '"': '"', "‘": "’"}
_QUOTED = re.compile("|".join(f"{re.escape(o)}([^{re.escape(c)}\n]{{1,14}}){re.escape(c)}"
                              for o, c in _OPEN_CLOSE.items()))
_PLAN_NAME = re.compile(r"^(?:十[一二三四五]?五|[一二三四五六七八九]五)(?:计划|规划|时期|期间)?$")
_DIGIT_FORMULA = re.compile(r"^(\d{1,3})(?:\s*\+\s*(?:\d{1,3}|[NnXx]))+$")
#: numeral-led segments of an unquoted compound (两不愁|三保障, 三去|一降|一补)
_SEGMENT = re.compile(f"[{_LEADS}]+[^{_LEADS}]+")
_HAN_CHAR = re.compile(f"[{_HAN}]")
_HAN_RUN = re.compile(f"[{_HAN}]{{1,12}}")
_RUN_START = re.compile(f"(?<![{_LEADS}])[{_LEADS}]")


def _han_except(chars: str) -> str:
    """A character class body: the Han range without ``chars``."""
    out, lo = [], 0x4E00
    for cp in sorted({ord(c) for c in chars if 0x4E00 <= ord(c) <= 0x9FFF}):
        if cp > lo:
            out.append(f"\\u{lo:04x}-\\u{cp - 1:04x}")
        lo = cp + 1
    out.append(f"\\u{lo:04x}-\\u9fff")
    return "".join(out)


#: where a compound can start: a numeral run, other Han characters, a numeral, another Han character
#: (two segments, 两不愁三保障); the regex engine skips the numerals that open nothing (一是, 统一)
#: (the numeral comes first and the "no numeral before it" check after it, so the engine jumps from
#: numeral to numeral; the classes are disjoint, so possessive runs change no match)
_COMPOUND_START = re.compile(f"[{_LEADS}](?<![{_LEADS}][{_LEADS}])(?=[{_LEADS}]*+[{_han_except(_LEADS)}]++"
                             f"[{_LEADS}]++[{_han_except(_LEADS)}])")
#: 个 + a negation head: 四个不摘, 两个毫不动摇
_GE_NEG = re.compile(f"[{NUMERALS}]{{1,3}}个(?:毫不[{_HAN}]{{2}}|不[{_HAN}])")
#: the same from its 个 (a literal the regex engine finds fast): the tail, and the 个 alone
_GE_TAIL = re.compile(f"个(?:毫不[{_HAN}]{{2}}|不[{_HAN}])")
_GE_AT = re.compile(f"个(?=毫不[{_HAN}]{{2}}|不[{_HAN}])")
#: left context that makes a numeral part of a larger number or an ordinal (第三, 十三五, 长三角)
_BAD_LEFT = set(NUMERALS) | set("第初周期其长每逐这那哪某任统唯同单划专均另之") | set("0123456789")

#: jieba part-of-speech tags of numeral-led words that are quantities, places, times or idioms
#: (一个, 一方面, 两国, 三峡, 四季, 一如既往): such a word cannot open a compound's segment
_NOT_FORMULA_TAGS = {"m", "mq", "q", "ns", "d", "f", "i", "t", "b", "l", "c", "p", "r"}
#: tags that reject even a quoted candidate: idioms and quantity words (“千方百计”, “一把手”), while
#: abbreviations and names (三农 nz, 四化 j, 三资 n) may be formulas
_IDIOM_TAGS = {"i", "m", "mq", "q", "d", "f", "t", "c", "p", "r"}
#: connectives that make a numeral sequence a comparison or a repetition (一年比一年, 一个接一个)
_CONNECTIVES = set("又接比到和同至与或为着的及是这那要了在把被向")


@dataclass(frozen=True, slots=True)
class SloganLexicon:
    known: dict[str, int]
    unquoted: frozenset[str]  # known formulas also matched without quotes
    quantity_words: tuple[str, ...]  # longest first
    excluded: frozenset[str]


@lru_cache(maxsize=1)
def load_lexicon() -> SloganLexicon:
    """The slogan data files, validated (a malformed file raises ``LexiconError``)."""
    known: dict[str, int] = {}
    unquoted = set()
    for row in read_tsv("slogans.tsv"):
        text, number, match = row["text"].strip(), row["number"].strip(), row["match"].strip()
        if not number.isdigit():
            raise LexiconError(f"slogans.tsv: number of {text!r} is not an integer: {number!r}")
        if match not in {"any", "quoted"}:
            raise LexiconError(f"slogans.tsv: match of {text!r} must be any or quoted, not {match!r}")
        if text in known:
            raise LexiconError(f"slogans.tsv: {text!r} listed twice")
        known[text] = int(number)
        if match == "any":
            unquoted.add(text)
    words = []
    for row in read_tsv("slogans_quantity_words.tsv"):
        if row["kind"].strip() not in {"measure", "time", "other"}:
            raise LexiconError(f"slogans_quantity_words.tsv: bad kind {row['kind']!r} for {row['word']!r}")
        words.append(row["word"].strip())
    excluded = frozenset(row["text"].strip() for row in read_tsv("slogans_excluded.tsv"))
    return SloganLexicon(known, frozenset(unquoted), tuple(sorted(set(words), key=len, reverse=True)), excluded)


@lru_cache(maxsize=1)
def _jieba_words() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """Word sets from jieba's bundled dictionary, the established Chinese word list we already ship:

    0. numeral-led words: an unquoted candidate that is one is an ordinary word (一方面, 千方百计);
    1. numeral-led quantity, place, time and idiom words (一个, 两国, 三峡, 四季), which cannot
       open a segment of an unquoted compound;
    2. other words of 2–3 characters, which tell where the last segment of a compound ends
       (两不愁三|保障, 四馆一|中心);
    3. numeral-led idioms and quantity words, rejected even in quotes (千方百计, 一把手).

    Read once per process.
    """
    spec = importlib.util.find_spec("jieba")  # the data file only: importing jieba is not needed
    if spec is None or spec.origin is None:
        raise LexiconError("jieba is not installed; its dictionary is needed to tell words from formulas")
    path = Path(spec.origin).with_name("dict.txt")
    numeral_led, quantity_like, idioms, short = set(), set(), set(), []
    for line in path.read_text(encoding="utf-8").splitlines():
        word, _, rest = line.partition(" ")
        if len(word) < 2:
            continue
        if word[0] in _LEADS:
            numeral_led.add(word)
            tag = rest.rpartition(" ")[2]
            if tag in _NOT_FORMULA_TAGS:
                quantity_like.add(word)
            if tag in _IDIOM_TAGS:
                idioms.add(word)
        elif len(word) <= 3:
            short.append(word)
    return frozenset(numeral_led), frozenset(quantity_like), frozenset(short), frozenset(idioms)


def _common_words() -> frozenset[str]:
    return _jieba_words()[0]


def _head_length(rest: str) -> int:
    """Length of the word that starts ``rest`` (the longest dictionary word of ≤3 chars, else 1)."""
    short = _jieba_words()[2]
    for n in (3, 2):
        if rest[:n] in short:
            return n
    return 1


_NUMERAL_CHARS = frozenset(_DIGITS) | frozenset(_UNITS)
_LEAD_SET = frozenset(NUMERALS) | {"双"}
_NUMERAL_RUN = re.compile(f"[{NUMERALS}]*")
_KNOWN_LENGTHS: list[tuple[SloganLexicon, tuple[int, ...]]] = []  # once per lexicon


def _known_lengths(lex: SloganLexicon) -> tuple[int, ...]:
    """The lengths of the known formulas, shortest first."""
    if not (_KNOWN_LENGTHS and _KNOWN_LENGTHS[0][0] is lex):
        _KNOWN_LENGTHS[:] = [(lex, tuple(sorted({len(k) for k in lex.known})))]
    return _KNOWN_LENGTHS[0][1]
_EXCLUDED: list[tuple[SloganLexicon, tuple[str, ...]]] = []  # the excluded texts as a tuple, once per lexicon


def _excluded(lex: SloganLexicon) -> tuple[str, ...]:
    if not (_EXCLUDED and _EXCLUDED[0][0] is lex):
        _EXCLUDED[:] = [(lex, tuple(sorted(lex.excluded)))]
    return _EXCLUDED[0][1]


def numeral_value(s: str) -> int | None:
    """Value of a Chinese numeral such as 三, 十二, 二十二, 一百, 千; ``None`` if not one."""
    if not s or not _NUMERAL_CHARS.issuperset(s):
        return None
    total, section, digit = 0, 0, None
    for ch in s:
        if ch in _DIGITS:
            if digit is not None:  # 一二三: a run of digits is not a number
                return None
            digit = _DIGITS[ch]
        else:
            unit = _UNITS[ch]
            if unit == 10000:
                total += (section + (digit or 0)) * unit
                section = 0
            else:
                section += (1 if digit is None else digit) * unit
            digit = None
    return total + section + (digit or 0)


def _lead(q: str) -> tuple[int, str] | None:
    """Split a leading numeral off ``q``: (value, rest)."""
    if q.startswith("双"):
        return 2, q[1:]
    i = _NUMERAL_RUN.match(q).end()  # the numerals that open it
    value = numeral_value(q[:i]) if 0 < i <= 4 else None
    return (value, q[i:]) if value else None


def _quantity_head(rest: str, lex: SloganLexicon) -> bool:
    """True when ``rest`` (after the numeral) starts with a measure word or time unit."""
    return rest.startswith(lex.quantity_words)


def _numerals_in(q: str) -> int:
    return sum(1 for ch in q if ch in _LEADS)


def formula_number(q: str, quoted: bool, lex: SloganLexicon | None = None) -> int | None:
    """The leading number of ``q`` if it reads as a numbered policy formula, else ``None``."""
    lex = lex or load_lexicon()
    q = q.strip()
    if q in lex.known:
        return lex.known[q] or None
    if q[:1] not in _LEAD_SET and not q[:1].isdecimal():
        return None  # neither a numeral (nor 双) nor a digit opens it: every test below says None
    if _PLAN_NAME.match(q) or len(q) > 12 or q.startswith(_excluded(lex)):
        return None  # 十四五, 四人帮, 二线口岸
    # a known formula, then 3 or more characters (only the lengths of known formulas can be one)
    if any(q[:n] in lex.known for n in _known_lengths(lex) if n <= len(q) - 3):
        return None  # a name that contains a formula (三农影视拍摄基地): the formula alone counts
    m = _DIGIT_FORMULA.match(q.replace("＋", "+"))
    if m:
        return int(m.group(1))
    lead = _lead(q)
    if lead is None:
        return None
    number, rest = lead
    if not rest or _quantity_head(rest, lex):
        return None
    head = rest[1:] if rest[0] in _CLASSIFIERS else rest
    if head and _quantity_head(head, lex):
        return None
    if not head and rest != "化":
        return None
    if not _HAN_CHAR.match(head or rest):
        return None
    if q.startswith("一") and _numerals_in(q) < 2:
        return None  # 一把手, 一站式: a lone 一 is an article, not a count
    if q in (_jieba_words()[3] if quoted else _common_words()):
        return None  # an idiom or quantity word (千方百计, 一把手); unquoted, any ordinary word
    if not quoted and rest[0] in "大项张条类种篇" and q not in lex.known:
        return None
    return number


def _compound_ok(q: str, lex: SloganLexicon) -> bool:
    """Each numeral-led segment of an unquoted compound must read as formula, not quantity."""
    segments = _SEGMENT.findall(q)
    if len(segments) < 2 or "".join(segments) != q or q.startswith("双"):
        return False
    memo = _segment_memo(lex)
    for seg in segments:
        ok = memo.get(seg)
        if ok is None:
            if len(memo) >= _MEMO_SIZE:
                memo.clear()
            ok = memo[seg] = _segment_ok(seg, lex)
        if not ok:
            return False
    return True


def _segment_ok(seg: str, lex: SloganLexicon) -> bool:
    """One segment of a compound reads as formula (三保障), not quantity (三个月, 一年比…)."""
    lead = _lead(seg)
    if lead is None or not lead[1] or _quantity_head(lead[1], lex) or lead[1][0] in _CLASSIFIERS[2:]:
        return False
    if lead[1] == "个" or len(lead[1]) > 3 or _CONNECTIVES & set(seg):
        return False
    quantity_like = _jieba_words()[1]
    return not any(seg[:n] in quantity_like for n in range(2, len(seg) + 1))


#: the answers of _segment_ok so far (a segment such as 三保障 recurs in every report), per lexicon
_SEGMENTS: list[tuple[SloganLexicon, dict[str, bool]]] = []
_MEMO_SIZE = 1 << 16


def _segment_memo(lex: SloganLexicon) -> dict[str, bool]:
    if not (_SEGMENTS and _SEGMENTS[0][0] is lex):
        _SEGMENTS[:] = [(lex, {})]
    return _SEGMENTS[0][1]


def _candidates(view: str, lex: SloganLexicon) -> Iterable[tuple[int, int, bool, int]]:
    """(start, end, quoted, priority); lower priority wins an overlap."""
    for m in _QUOTED.finditer(view):
        g = m.lastindex  # the one group of the alternative that matched (no group is nested)
        yield m.start(g), m.end(g), True, 0
    for text, starts in _scan_known(lex, view).items():  # one pass for all the known formulas
        for start in starts:
            yield start, start + len(text), False, 1
    compounds: dict[str, str | None] = {}  # run → its compound: the same run gives the same answer
    for lead in _COMPOUND_START.finditer(view):  # a numeral that may open a compound (a C scan, not a loop)
        i = lead.start()
        run = _HAN_RUN.match(view, i)
        text = run.group() if run else ""
        if text not in compounds:
            compounds[text] = _compound(text, lex)
        q = compounds[text]
        if q is not None:
            yield i, i + len(q), False, 2
    for start, end in _ge_negations(view):
        yield start, end, False, 3


def _compound(run: str, lex: SloganLexicon) -> str | None:
    """The longest compound that opens the Han run ``run``, or None; its last segment ends where its
    first word ends."""
    segments = _SEGMENT.findall(run) if run else []
    for k in range(len(segments), 1, -1):
        last = segments[k - 1]
        digits = len(last) - len(last.lstrip(_LEADS))
        q = "".join(segments[: k - 1]) + last[: digits + _head_length(last[digits:])]
        if _compound_ok(q, lex):
            return q
    return None


def _ge_negations(view: str) -> Iterator[tuple[int, int]]:
    """The spans ``_GE_NEG.finditer(view)`` gives, found from each 个 with a negation after it: the
    match starts at the furthest of the (up to 3) numerals before the 个, never inside the previous one."""
    done = 0  # where the previous match ended
    for at in _GE_AT.finditer(view):
        j = at.start()
        start = j
        while start > max(done, j - 3) and view[start - 1] in NUMERALS:
            start -= 1
        if start < j:
            tail = _GE_TAIL.match(view, j)
            if tail:
                done = tail.end()
                yield start, done


def extract_slogans(text: str, view: str) -> tuple[Slogan, ...]:
    """Numbered policy formulas in ``view`` (spans index ``text``), in text order.

    Every occurrence is returned, so counts come from ``slogan_counts``. A formula first seen
    in quotes is also found where the report later writes it without quotes.
    """
    lex = load_lexicon()
    found: list[tuple[int, int, bool]] = []
    taken = bytearray(len(view))  # one byte a character (a list would take 8: 800 MB for 100 MB of text)
    cands = sorted(_candidates(view, lex), key=lambda c: (c[3], c[0], -(c[1] - c[0])))
    seen_quoted: set[str] = set()

    def take(start: int, end: int, quoted: bool, as_quoted: bool = False) -> bool:
        if start >= end or taken.find(1, start, end) >= 0:
            return False
        q = view[start:end]
        if not quoted and start > 0 and view[start - 1] in _BAD_LEFT:
            return False
        if formula_number(q, quoted or as_quoted, lex) is None:
            return False
        taken[start:end] = b"\x01" * (end - start)
        found.append((start, end, quoted))
        return True

    for start, end, quoted, _prio in cands:
        if take(start, end, quoted) and quoted and len(view[start:end]) >= 3:
            seen_quoted.add(view[start:end])
    for q, starts in _occurrences(view, seen_quoted - set(lex.known)):
        for start in starts:
            take(start, start + len(q), False, as_quoted=True)
    out = []
    for start, end, quoted in sorted(found):
        while end > start and text[end - 1].isspace():
            end -= 1  # a span holds the words, never the space after them
        while start < end and text[start].isspace():
            start += 1
        q = view[start:end]
        number = formula_number(q, True, lex) or (_lead(q) or (0, ""))[0]
        out.append(Slogan(text=text[start:end], number=number, span=Span(start, end), quoted=quoted))
    return tuple(out)


def _occurrences(view: str, texts: set[str]) -> list[tuple[str, list[int]]]:
    """Where each text occurs in ``view``, longest text first, each text's occurrences in order and not
    overlapping one another (as ``re.finditer`` of the text gives them), in one Aho-Corasick pass over
    ``view`` rather than one scan per text (a long input quotes thousands of distinct formulas)."""
    if not texts:
        return []
    found = _scan(_automaton(texts), view)
    return [(t, found.get(t, [])) for t in sorted(texts, key=len, reverse=True)]


def _automaton(texts: Iterable[str]) -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    for t in texts:
        auto.add_word(t, t)
    auto.make_automaton()
    return auto


_UNQUOTED: list[tuple[SloganLexicon, ahocorasick.Automaton]] = []  # built once per loaded lexicon


def _unquoted_automaton(lex: SloganLexicon) -> ahocorasick.Automaton:
    if not (_UNQUOTED and _UNQUOTED[0][0] is lex):
        _UNQUOTED[:] = [(lex, _automaton(lex.unquoted))]
    return _UNQUOTED[0][1]


_KNOWN_SCAN: list[tuple[SloganLexicon, re.Pattern[str], dict[str, tuple[str, ...]]]] = []  # once per lexicon


def _scan_known(lex: SloganLexicon, view: str) -> dict[str, list[int]]:
    """``_scan(_unquoted_automaton(lex), view)``, found by the regex engine: the known formulas as one
    trie pattern find, from each position on, the next position where one starts and the longest
    there; the others that start there are the formulas the longest starts with. The search skips
    the text no formula can start in without a step in Python."""
    if not (_KNOWN_SCAN and _KNOWN_SCAN[0][0] is lex):
        texts = sorted(lex.unquoted)
        prefixes = {t: tuple(sorted((u for u in texts if t.startswith(u)), key=len)) for t in texts}
        _KNOWN_SCAN[:] = [(lex, word_pattern(texts), prefixes)]
    _lex, pattern, prefixes = _KNOWN_SCAN[0]
    found: dict[str, list[int]] = {}
    if not prefixes:
        return found
    get, search = found.get, pattern.search
    m = search(view)
    while m is not None:
        start = m.start()
        for t in prefixes[m.group()]:  # each occurrence, and none of a text inside its previous one
            starts = get(t)
            if starts is None:
                found[t] = [start]
            elif start >= starts[-1] + len(t):
                starts.append(start)
        m = search(view, start + 1)
    return found


def _scan(auto: ahocorasick.Automaton, view: str) -> dict[str, list[int]]:
    """The automaton's texts that occur in ``view`` → their starts, as ``_occurrences`` says."""
    found: dict[str, list[int]] = {}
    if len(auto) == 0:
        return found
    get = found.get
    for end, t in auto.iter(view):
        n = len(t)
        start, starts = end - n + 1, get(t)
        if starts is None:
            found[t] = [start]
        elif start >= starts[-1] + n:
            starts.append(start)
    return found


def slogan_counts(slogans: Iterable[Slogan]) -> Counter[str]:
    """How often each formula occurs: Counter(text → count)."""
    return Counter(s.text for s in slogans)
