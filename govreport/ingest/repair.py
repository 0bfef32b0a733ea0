"""Repairs for messy copies (PDF/DOCX copies, scraped mirrors), applied while cleaning.

Every repair is a named rule, counted in a ``Counter`` the caller passes in, and reported as
``repair: NAME ×N`` in the Report's ``warnings``. They run in ``clean_text`` BEFORE the text is
stored, so every span indexes the repaired text. No rule ever changes, adds or reorders a digit:
digits are only ever dropped as part of a removed junk token (``hd9``, ``22M``), a footnote
marker (``【1】``) or a numeric HTML entity (``&#8221;``, decoded).

- ``raw`` repairs (whole text, before lines are split): HTML entities broken across lines
  (``&l\\ndquo;``); junk tokens a site appends to every paragraph (``hd9``, ``PZl``, ``22M``, also
  split ``hd\\n9``), which then mark the paragraph ends, so the lines between are re-joined.
- ``line`` repairs: spaces a PDF copy puts inside and around numbers and units (``6835. 27億元``,
  ``12.6 亿元``, ``增长 7.5%``, ``8 ．8 ％``); letter-spaced words (``政 府 工 作 报 告``) and, in a
  text with many PDF spaces, single spaces between Han characters (``中 国``); short random ASCII
  between Han characters (``C6m``); ``;;`` standing for quote marks; footnote markers ``【1】``.
- ``lines`` repairs: spam lines (site ads, 扫码, 下载); hard line breaks inside a number or a word
  (``25\\n0.3亿元``, ``规\\n模以上``, ``一般公共\\n预算收入``), never across a heading.

Matching-view repairs (same length, the stored text keeps the character): ``℅`` read as ``%``,
``︰`` as ``:`` (``view_chars`` in repairs.yaml, applied by ``normalize.matching_view``).
"""

from __future__ import annotations

import html
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from functools import cache

import ahocorasick

from govreport.errors import LexiconError
from govreport.lexicons import indicators, read_yaml

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: a heading or numbered item starts the line (mirrors govreport/sections.py's heading grammar);
#: normalize.py and pdf.py use it too
HEADING_START = re.compile(
    r"^(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十百\d]{1,3}[）)]|\d{1,3}[、.．](?!\d)"
    r"|第[一二三四五六七八九十百\d]+[章节部分篇条]|[①-⑳]|—{1,2}|各位代表|附件|名词解释|[A-Za-z][、.．])"
)
#: a line ending with one of these ends its sentence (and maybe its paragraph)
FINAL = tuple("。！？：；”」』!?:;")


@dataclass(frozen=True, slots=True)
class Rules:
    """repairs.yaml, validated."""

    junk_min_repeats: int
    junk_share_at_break: float
    keep_ascii: frozenset[str]
    quote_stand_ins: tuple[str, ...]
    view_chars: tuple[tuple[str, str], ...]
    spam_max_len: int
    spam_contains: tuple[str, ...]
    spam_patterns: tuple[re.Pattern[str], ...]
    break_words: frozenset[str]
    break_word_max: int
    pdf_space_min: int
    pdf_space_per_chars: int
    examples: tuple[tuple[str, str, str], ...]


def _strings(data: dict, key: str, name: str) -> list[str]:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(x, str) and x for x in value):
        raise LexiconError(f"lexicon {name}: {key!r} must be a list of non-empty strings")
    return value


def _int(data: dict, key: str, name: str) -> int:
    value = data.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise LexiconError(f"lexicon {name}: {key!r} must be a positive integer")
    return value


def validate(data: object, name: str = "repairs.yaml") -> Rules:
    """Rules from the parsed YAML; a LexiconError names the file and the bad key."""
    if not isinstance(data, dict):
        raise LexiconError(f"lexicon {name}: not a mapping")
    junk = data.get("junk_token")
    if not isinstance(junk, dict):
        raise LexiconError(f"lexicon {name}: 'junk_token' must be a mapping")
    share = junk.get("share_at_break")
    if not isinstance(share, int | float) or not 0 < share <= 1:
        raise LexiconError(f"lexicon {name}: 'share_at_break' must be a number in (0, 1]")
    keep = _strings(junk, "keep", name)
    if bad := [w for w in keep if not w.isascii() or not w.isalnum()]:
        raise LexiconError(f"lexicon {name}: keep words must be ASCII letters and digits: {bad}")
    views = data.get("view_chars")
    if not isinstance(views, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and len(k) == 1 and len(v) == 1 for k, v in views.items()
    ):
        raise LexiconError(f"lexicon {name}: 'view_chars' must map one character to one character")
    spam = data.get("spam_lines")
    if not isinstance(spam, dict):
        raise LexiconError(f"lexicon {name}: 'spam_lines' must be a mapping")
    patterns = []
    for p in _strings(spam, "patterns", name):
        try:
            patterns.append(re.compile(p))
        except re.error as exc:
            raise LexiconError(f"lexicon {name}: bad pattern {p!r} ({exc})") from exc
    examples = []
    for ex in data.get("examples") or []:
        if not (isinstance(ex, dict) and {"rule", "in", "out"} <= set(ex)
                and all(isinstance(ex[k], str) for k in ("rule", "in", "out"))):
            raise LexiconError(f"lexicon {name}: each example needs string 'rule', 'in' and 'out': {ex!r}")
        examples.append((ex["rule"], ex["in"], ex["out"]))
    if not examples:
        raise LexiconError(f"lexicon {name}: 'examples' must list at least one example")
    return Rules(
        junk_min_repeats=_int(junk, "min_repeats", name),
        junk_share_at_break=float(share),
        keep_ascii=frozenset(w.lower() for w in keep),
        quote_stand_ins=tuple(_strings(data, "quote_stand_ins", name)),
        view_chars=tuple(views.items()),
        spam_max_len=_int(spam, "max_len", name),
        spam_contains=tuple(_strings(spam, "contains", name)),
        spam_patterns=tuple(patterns),
        break_words=frozenset(_strings(data, "break_words", name)),
        break_word_max=_int(data, "break_word_max", name),
        pdf_space_min=_int(data, "pdf_space_min", name),
        pdf_space_per_chars=_int(data, "pdf_space_per_chars", name),
        examples=tuple(examples),
    )


@cache
def rules() -> Rules:
    return validate(read_yaml("repairs.yaml"))


@cache
def _break_words() -> tuple[frozenset[str], int]:
    """Words a line break must not split: repairs.yaml's list plus every indicator name and alias."""
    words = set(rules().break_words)
    for ind in indicators().values():
        words.update(a for a in ind.aliases if len(a) >= 2 and not a.isascii())
    longest = min(max(map(len, words)), rules().break_word_max)
    return frozenset(words), longest


def warnings(counts: Counter[str]) -> tuple[str, ...]:
    """``repair: NAME ×N`` per rule that fired, in name order."""
    return tuple(f"repair: {name} ×{n}" for name, n in sorted(counts.items()) if n)


# --- raw text -------------------------------------------------------------------------------

_BROKEN_ENTITY = re.compile(r"&(#?[0-9A-Za-z]{0,7})\n+(#?[0-9A-Za-z]{1,8};)")
_DOUBLE_ESCAPED = re.compile(r"&amp;(#\d{2,6}|#x[0-9a-fA-F]{2,5}|[a-zA-Z]{2,8});")
_NO_SEMICOLON = re.compile(r"&(ldquo|rdquo|lsquo|rsquo|mdash|ndash|hellip|middot|bull|quot)(?![;A-Za-z])")


def join_broken_entities(raw: str, counts: Counter[str]) -> str:
    """HTML entities a copy broke: across lines (``&l\\ndquo;``), escaped twice (``&amp;ldquo;``),
    or without their ``;`` (``&ldquo``). Each is put back only when it is a real entity (``clean_text``
    then decodes it)."""
    if "&" not in raw:
        return raw

    def fix(name: str, m: re.Match[str], entity: str) -> str:
        if html.unescape(entity) == entity:
            return m.group(0)
        counts[name] += 1
        return entity

    raw = _BROKEN_ENTITY.sub(lambda m: fix("broken_html_entity", m, f"&{m.group(1)}{m.group(2)}"), raw)
    raw = _DOUBLE_ESCAPED.sub(lambda m: fix("double_escaped_entity", m, f"&{m.group(1)};"), raw)
    return _NO_SEMICOLON.sub(lambda m: fix("broken_html_entity", m, f"&{m.group(1)};"), raw)


#: (?<=[^A-Za-z0-9\s])(?=[0-9]{0,3}[A-Za-z])([A-Za-z0-9]{2,4})(?![A-Za-z0-9.%/&_-]), written to start with its
#: first character (the look-arounds come after it): the same matches, but the regex engine skips to
#: the ASCII letters and digits instead of testing the look-behind at every character (8x faster)
_TOKEN = re.compile(r"([A-Za-z0-9](?<=[^A-Za-z0-9\s].)(?:(?<=[A-Za-z])|(?=[0-9]{0,2}[A-Za-z]))[A-Za-z0-9]{1,3})"
                    r"(?![A-Za-z0-9.%/&_-])")


def _is_junk_shape(token: str, keep: frozenset[str]) -> bool:
    """Letters mixed with digits or with both cases (hd9, PZl, 22M): not a word, an acronym or a number."""
    if token.lower() in keep or not any(c.isalpha() for c in token):
        return False
    if token.isalpha() and (token.isupper() or token.islower()):
        return False  # GDP, CPI, km, de
    return True


def find_junk_markers(raw: str) -> list[str]:
    """Tokens a site glued after paragraphs: a junk shape, repeated, mostly before a break or space."""
    r = rules()
    seen: Counter[str] = Counter()
    at_break: Counter[str] = Counter()
    for m in _TOKEN.finditer(raw):
        token = m.group(1)
        seen[token] += 1
        nxt = raw[m.end() : m.end() + 1]
        at_break[token] += nxt in ("", "\n", " ")
    return sorted(
        (t for t, n in seen.items() if at_break[t] >= r.junk_min_repeats and at_break[t] >= r.junk_share_at_break * n
         and _is_junk_shape(t, r.keep_ascii)),
        key=len, reverse=True,
    )


def drop_junk_markers(raw: str, counts: Counter[str]) -> str:
    """Remove paragraph-end junk markers; lines between two marked ends are one wrapped paragraph."""
    markers = find_junk_markers(raw)
    for marker in markers:
        alt = "|".join(re.escape(marker[:k]) + r"\n+" + re.escape(marker[k:]) for k in range(1, len(marker)))
        raw, n = re.subn(rf"(?<=[^A-Za-z0-9\s])(?:{alt})(?![A-Za-z0-9])", marker, raw)
        counts["junk_marker_split"] += n
        token = re.compile(rf"(?<=[^A-Za-z0-9\s]){re.escape(marker)}(?![A-Za-z0-9])")
        at_end = re.compile(rf"(?<=[^A-Za-z0-9\s]){re.escape(marker)}\s*$")
        lines = raw.split("\n")
        marked = [bool(at_end.search(line)) for line in lines]
        first = marked.index(True) if any(marked) else len(lines)
        # the marker goes with paragraph ends: most lines that end a sentence carry it
        closed = [end for line, end in zip(lines[first:], marked[first:], strict=True)
                  if end or line.rstrip().endswith(FINAL)]
        rejoin = sum(marked) >= rules().junk_min_repeats and sum(closed) >= 0.5 * len(closed)
        # a wrapped line is about as long as the wrap width; a short unmarked line is a header line
        unmarked = [len(x.strip()) for x, end in zip(lines[first:], marked[first:], strict=True)
                    if x.strip() and not end]
        width = 0.8 * statistics.median(unmarked) if unmarked else 0
        out: list[str] = []
        open_para = False
        for i, (line, end) in enumerate(zip(lines, marked, strict=True)):
            clean = at_end.sub("", line).strip()
            if not clean:
                continue
            if open_para and out and not HEADING_START.match(clean):
                out[-1] = glue(out[-1], clean)
                counts["junk_marker_line_join"] += 1
            else:
                out.append(clean)
            open_para = rejoin and i >= first and not end and len(clean) >= width
        raw = "\n".join(out)
        raw, n_break = re.subn(rf"(?<=[^A-Za-z0-9\s]){re.escape(marker)} +", "\n", raw)
        raw, n_rest = token.subn("", raw)
        counts["junk_marker"] += sum(marked) + n_break + n_rest
    return raw


def glue(a: str, b: str) -> str:
    """Join two pieces of one wrapped paragraph (a space only between two Latin words)."""
    latin = a and b and a[-1].isascii() and a[-1].isalpha() and b[0].isascii() and b[0].isalpha()
    return f"{a} {b}" if latin else a + b


# --- one line -------------------------------------------------------------------------------

_NUM_INNER = re.compile(r"(?<=\d)(?: ([.．]) ?| ?([.．]) )(?=\d)")
#: digits printed one by one with spaces (1 5 ．3 ％, 2 0 2 4 年, 4 0 8 3公里): only before a decimal
#: point, a percent sign or a Han character (a unit or a word), never between two numbers
_SPACED_DIGITS = re.compile(rf"(?<!\d)\d(?: \d)+(?= ?[.．] ?\d| ?[%％‰℅]| ?[{_HAN}])")
_NUM_UNIT = re.compile(rf"(?<=[\d.．]) (?=[%％‰℅{_HAN}])")
_MAG_UNIT = re.compile(r"(?<=\d[万亿千百]) (?=[万亿元美人吨亩户个家项])")
_CUE_NUM = re.compile(rf"(?<=[{_HAN}]) (?=\d)")
_PCT = re.compile(r"(?<=\d) (?=[%％‰℅])")
_LETTER_SPACED = re.compile(rf"(?<![{_HAN}])[{_HAN}](?: [{_HAN}]){{2,}}(?![{_HAN}])")
_HAN_SPACE = re.compile(rf"(?<=[{_HAN}]) (?=[{_HAN}])")
#: (written to start with their first character, the look-behind after it: the same matches, but
#: the regex engine skips to that character instead of testing the look-behind everywhere)
#: a junk token (three letters or digits between Han characters) is removed only when it starts with a
#: letter and has a lower-case one; two such three-character gaps never overlap, so looking only at
#: those that start with a letter finds the same ones
_SINGLE_JUNK = re.compile(rf"[A-Za-z](?<=[{_HAN}].)[A-Za-z0-9]{{2}}(?=[{_HAN}])")
_LOWER = re.compile("[a-z]")
_FOOTNOTE = re.compile(rf"【(?<=[{_HAN}”’）》%]【)\d{{1,2}}】")


def pdf_spaces(line: str, counts: Counter[str], pdf_spaced: bool) -> str:
    """Spaces inside and around numbers and units, as PDF and DOCX copies print them; between a
    word and a number (增长 7.5%) only in a PDF-spaced text."""
    if " " not in line:
        return line
    line, n = _SPACED_DIGITS.subn(lambda m: m.group(0).replace(" ", ""), line)
    counts["pdf_space_in_number"] += n
    line, n = _NUM_INNER.subn(lambda m: m.group(1) or m.group(2), line)
    counts["pdf_space_in_number"] += n
    line, n = _PCT.subn("", line)
    counts["pdf_space_before_unit"] += n
    line, n = _NUM_UNIT.subn("", line)
    counts["pdf_space_before_unit"] += n
    line, n = _MAG_UNIT.subn("", line)
    counts["pdf_space_before_unit"] += n
    if pdf_spaced:  # elsewhere a space before a number can part two table cells (指标 2021年目标)
        line, n = _CUE_NUM.subn("", line)
        counts["pdf_space_before_number"] += n
    return line


def letter_spacing(line: str, counts: Counter[str], pdf_spaced: bool) -> str:
    """``政 府 工 作 报 告`` → ``政府工作报告``; in a PDF-spaced text also any single Han-space-Han."""
    if " " not in line:
        return line

    def join(m: re.Match[str]) -> str:
        counts["letter_spaced_word"] += 1
        return m.group(0).replace(" ", "")

    line = _LETTER_SPACED.sub(join, line)
    if pdf_spaced:
        line, n = _HAN_SPACE.subn("", line)
        counts["pdf_space_between_han"] += n
    return line


def junk_and_marks(line: str, counts: Counter[str]) -> str:
    """Short random ASCII between Han characters, ``;;`` quote stand-ins, ``【1】`` footnotes.

    ``line`` may be several lines joined by ``\n``: each is repaired as if on its own."""
    r = rules()

    def junk(m: re.Match[str]) -> str:
        token = m.group(0)
        if _is_junk_shape(token, r.keep_ascii) and any(c.islower() for c in token):
            counts["junk_token"] += 1
            return ""
        return token

    if _LOWER.search(line):
        line = _SINGLE_JUNK.sub(junk, line)
    for stand_in in r.quote_stand_ins:
        if stand_in in line:  # open and close in turn, from each line's start
            line = "\n".join(_quotes(x, stand_in, counts) if stand_in in x else x for x in line.split("\n"))
    if "【" in line:
        line, n = _FOOTNOTE.subn("", line)
        counts["footnote_marker"] += n
    return line


def _quotes(line: str, stand_in: str, counts: Counter[str]) -> str:
    parts = line.split(stand_in)
    counts["quote_stand_in"] += len(parts) - 1
    return parts[0] + "".join(("“" if i % 2 == 0 else "”") + p for i, p in enumerate(parts[1:]))


def repair_lines(lines: list[str], counts: Counter[str]) -> list[str]:
    """The line repairs (``pdf_spaces``, ``letter_spacing``, ``junk_and_marks``) of every line; lines
    left empty are dropped. The space rules look only at lines with a space; the others run once
    over the text (none reaches across a line end)."""
    pdf_spaced = is_pdf_spaced(lines)
    spaced = [letter_spacing(pdf_spaces(x, counts, pdf_spaced), counts, pdf_spaced) if " " in x else x
              for x in lines]
    text = junk_and_marks("\n".join(spaced), counts)
    return [x for x in map(str.strip, text.split("\n")) if x]


def is_pdf_spaced(lines: list[str]) -> bool:
    """Many spaces inside numbers or before units: a PDF copy, whose spaces before a number and between
    two Han characters are artefacts too."""
    # only spaces after a digit count: one before a number may part two table cells
    n = sum(len(_NUM_INNER.findall(x)) + len(_NUM_UNIT.findall(x)) for x in lines if " " in x)
    r = rules()
    return n >= r.pdf_space_min and n * r.pdf_space_per_chars >= sum(map(len, lines))


# --- lines ----------------------------------------------------------------------------------


def is_spam(line: str) -> bool:
    r = rules()
    if len(line) > r.spam_max_len or line.endswith("。"):
        return False
    return any(c in line for c in r.spam_contains) or any(p.search(line) for p in r.spam_patterns)


@cache
def _spam_cues() -> re.Pattern[str]:
    """repairs.yaml's spam cues as one regex (a line holding any of them)."""
    return re.compile("|".join(map(re.escape, rules().spam_contains)))


def drop_spam(lines: list[str], counts: Counter[str]) -> list[str]:
    r = rules()
    cap, cues = r.spam_max_len, _spam_cues().search
    out = [x for x in lines if len(x) > cap or x.endswith("。") or not (
        cues(x) or any(p.search(x) for p in r.spam_patterns))]  # not is_spam(x)
    counts["spam_line"] += len(lines) - len(out)
    return out


_NUM_END = re.compile(r"[\d.．]$")
_NUM_START = re.compile(r"^(?:[\d.．%％‰℅]|[万亿千百]?[元个家项吨亩户])")


@cache
def _break_automaton() -> ahocorasick.Automaton:
    """The break words (two characters or more: the only ones a break can split) in one automaton,
    each with its length."""
    automaton = ahocorasick.Automaton()
    for word in _break_words()[0]:
        if len(word) >= 2:
            automaton.add_word(word, len(word))
    automaton.make_automaton()
    return automaton


def _word_across(a: str, b: str) -> bool:
    """A known word starts at the end of ``a`` and ends at the start of ``b``: ``a[-k:] + b[:j]`` in the
    words for some k, j >= 1 with k + j <= the longest word looked for (one automaton scan of the
    characters around the break)."""
    longest = _break_words()[1]
    left = a[-(longest - 1):] if longest > 1 else ""
    if not left or not b:
        return False
    joined, cut = left + b[: longest - 1], len(left)
    return any(end - n + 1 < cut <= end and n <= longest for end, n in _break_automaton().iter(joined))


_MIN_LINE = 6
#: a paragraph never ends with these (a comma, an opening bracket or quote) ...
OPEN_END = tuple("，,、（(“「『《")
#: ... nor starts with these
CLOSE_START = tuple("，,、。；;）)”」』》%％")


def join_broken_lines(lines: list[str], counts: Counter[str]) -> list[str]:
    """Re-join a line broken inside a number or a word, or at a comma (not after a sentence end,
    never before a heading)."""
    out: list[str] = []
    for line in lines:
        prev = out[-1] if out else ""
        if prev and not prev.endswith(FINAL) and not HEADING_START.match(line) and len(prev) >= 2:
            if _NUM_END.search(prev) and _NUM_START.match(line) and not HEADING_START.match(prev):
                out[-1] = prev + line
                counts["line_break_in_number"] += 1
                continue
            if len(prev) >= _MIN_LINE and _word_across(prev, line):  # a short line is a fragment (a name)
                out[-1] = prev + line
                counts["line_break_in_word"] += 1
                continue
            if prev.endswith(OPEN_END) or line.startswith(CLOSE_START):  # no paragraph ends or starts with "，"
                out[-1] = glue(prev, line)
                counts["line_break_at_punctuation"] += 1
                continue
        out.append(line)
    return out
