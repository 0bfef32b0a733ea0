"""Text cleaning (the kept text) and the same-length matching view (for the extractors).

``clean_text``: one paragraph per line, no blank lines; invisible characters, glued
romanisation ``統(tǒng)計``, footnote markers ``[1]``/``〔1〕``, markdown marks, HTML entities and
left-over tags, page numbers and page furniture removed; hard-wrapped text (PDF copies) reflowed;
messy copies repaired (govreport/ingest/repair.py: PDF spaces in numbers, junk markers, broken
lines, spam lines ...). ``clean_and_repair`` also returns the repairs made, as warnings. All of
this happens before the text is stored: spans index the cleaned, repaired text.

``matching_view``: the same text with full-width forms made half-width and traditional
characters made simplified, character by character, so offsets in the view are offsets in the text
(plus repairs.yaml's ``view_chars``: ``℅`` read as ``%``, the text keeps ``℅``).
"""

from __future__ import annotations

import html
import re
import statistics
import unicodedata
from collections import Counter
from functools import lru_cache
from importlib import resources

from govreport.ingest import repair
from govreport.ingest.boilerplate import strip_boilerplate
from govreport.ingest.repair import FINAL as _FINAL
from govreport.ingest.repair import HEADING_START, glue

#: removed outright: zero-width spaces/joiners, word joiner, soft hyphen, BOM, bidi marks, and
#: private-use characters (icon-font glyphs of web pages; HTML extraction drops them too)
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\ue000-\uf8ff]")
#: a lone surrogate (from a bad decoder or a str built by hand) cannot be written as UTF-8: U+FFFD
_SURROGATE = re.compile("[\ud800-\udfff]")
#: either of the two (one scan tells whether either pass is needed)
_ODD = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\ue000-\uf8ff\ud800-\udfff]")
#: made one plain space: runs of spaces, NBSP, ideographic space, tabs, other Unicode spaces
_SPACE_CHARS = " \u00a0\u3000\t\u2002\u2003\u2009\u202f\u205f\x0b\x0c"
#: (written to match only the runs that change: two or more, or one that is not a plain space; and
#: to start with a space character, so that the regex engine skips to those)
_SPACES = re.compile(f"[{_SPACE_CHARS}](?:(?<= )[{_SPACE_CHARS}]+|(?<! )[{_SPACE_CHARS}]*)")
#: markup left in text scraped from pages: block tags break the line, inline tags go
_BLOCK_TAG = re.compile(r"<(?:br|/?p|/?div|/?li|/?tr|/?h[1-6]|/?table|/?center)\b[^<>]{0,200}>", re.I)
_INLINE_TAG = re.compile(r"</?(?:span|font|strong|b|i|u|em|a|img|td|th|tbody|ul|ol|section|article)\b[^<>]{0,200}>",
                         re.I)
_ENTITY = re.compile(r"&(?:#\d{2,6}|#x[0-9a-fA-F]{2,5}|[a-zA-Z]{2,8});")
_MD_HEADING = re.compile(r"^#{1,6}[^\S\n]+", re.M)  # at the start of any line of the text
_MD_BOLD = re.compile(r"\*\*(.+?)\*\*")
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
#: pinyin glued after a character, as some sites print it: 統(tǒng)計 → 統計 (needs a tone mark or digit);
#: also after a mojibake character (┙(jīng)), and with its "(" lost to mojibake (殘?zhí)貖, tone mark needed)
#: (the regexes below start with the character they open with and check what precedes it after it:
#: the same matches as a leading look-behind, but the regex engine skips to those characters)
_ROMANISATION = re.compile(
    rf"[(（?？](?<=[^\x00-\x7f\s（(）)“”‘’《》【】].)"
    rf"(?:(?<=[(（])(?=[a-zü{_TONED}]*[{_TONED}1-5])[a-zü{_TONED}]{{1,6}}[1-5]?"
    rf"|(?<=[?？])(?=[a-zü]*[{_TONED}])[a-zü{_TONED}]{{1,6}})[)）]"
)
#: footnote markers: bracketed 1–2 digit numbers glued after a character, closing quote or %;
#: after a comma/full stop only when punctuation or the line end follows (else it is list numbering)
_FOOTNOTE = re.compile(
    rf"[\[〔［](?:(?<=[{_CJK}”’）》】%].)|(?<=[。，；、].)(?=\d{{1,2}}[\]〕］](?:[。，；、：”）]|$)))"
    r"\d{1,2}[\]〕］]",
    re.M,
)
#: the line ends ``str.splitlines`` knows besides ``\n``
_OTHER_BREAKS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
#: page numbers left by PDF conversion: "— 3 —", "-12-", "第 3 页 共 20 页", "3 / 20"
_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－─~]+ ?\d{1,4} ?[-—–－─~]+|第 ?\d{1,4} ?页(?: ?[,，/]? ?共 ?\d{1,4} ?页)?|\d{1,4} ?/ ?\d{1,4})$"
)


def _clean_lines(raw: str, counts: Counter[str]) -> list[str]:
    """The text's lines, once invisible characters and odd spaces are gone (``clean_text`` does that
    first): markdown marks, pinyin glosses and footnote markers removed, stripped, page numbers and
    empty lines dropped. Each rule is one pass over the whole text; none reaches across a line end."""
    if any(c in raw for c in _OTHER_BREAKS):
        raw = "\n".join(raw.splitlines())
    if "**" in raw:
        raw = _MD_BOLD.sub(r"\1", raw)
    if "#" in raw:
        raw = _MD_HEADING.sub("", raw)
    if "(" in raw or "（" in raw or ")" in raw:
        raw = _ROMANISATION.sub(lambda m: _gloss(m, counts), raw)
    if "[" in raw or "〔" in raw or "［" in raw:
        raw, n = _FOOTNOTE.subn("", raw)
        counts["footnote_marker"] += n
    return [x for x in map(str.strip, raw.split("\n")) if x and not _PAGE_NUMBER.match(x)]


def _gloss(m: re.Match[str], counts: Counter[str]) -> str:
    """A pinyin gloss goes on a line that has a ``(``, ``（`` or ``)`` (a ``？zhí）`` alone is kept)."""
    gloss = m.group(0)
    if gloss[0] not in "(（" and gloss[-1] != ")":
        text = m.string
        end = text.find("\n", m.end())
        line = text[text.rfind("\n", 0, m.start()) + 1 : end if end >= 0 else len(text)]
        if "(" not in line and "（" not in line and ")" not in line:
            return gloss
    counts["pinyin_gloss"] += 1
    return ""


def reflow(lines: list[str]) -> list[str]:
    """Re-join paragraphs that a hard-wrapped text (a PDF copy) broke across lines.

    Applies only when the text looks hard-wrapped: many long lines stop mid-sentence, most of them
    about as long as each other (the wrap width, at least 20 characters). Then a line
    is joined to the next when it does not end a sentence (。！？：；”), is about as long as the
    wrap width, and the next line does not start a heading or numbered item. One-paragraph-per-line
    text (the usual case) is left as it is.
    """
    long = [x for x in lines if len(x) >= 15]
    open_long = [len(x) for x in long if not x.endswith(_FINAL)]
    if len(long) < 6 or len(open_long) < max(4, 0.3 * len(long)):
        return lines
    width = statistics.median(open_long)
    # a wrap width: wide enough for prose, and most open lines are about that long (a list of
    # unpunctuated items, one per line, has lengths all over the place)
    if width < 20 or sum(abs(n - width) <= 0.1 * width for n in open_long) < 0.5 * len(open_long):
        return lines
    out: list[str] = []
    joinable = False
    for line in lines:
        if out and joinable and not HEADING_START.match(line):
            out[-1] = glue(out[-1], line)
        else:
            out.append(line)
        joinable = len(line) >= 0.9 * width and not line.endswith(_FINAL)
    return out


_CONTINUES = tuple("”」』，,、。）)%％万亿元")
_OPENING = tuple("“「『（(")
_SHORT = 8


def rejoin_fragments(lines: list[str]) -> list[str]:
    """Re-join words that a scraped page broke out onto lines of their own.

    Wiki and news pages turn every link into its own line (党的十八届六中全会 / 正式明确 / 习近平 /
    总书记的核心地位…, or 74.4 / 万亿元，增长6.7%). Applies only to the body (after 各位代表) of a
    text with many such fragments; a line joins the one before it when that one does not end a
    sentence, neither is a heading, and one of them is a fragment or the break splits a number
    from its unit or a quote from its words.
    """
    start = next((i for i, x in enumerate(lines) if x.startswith("各位代表")), min(3, len(lines)))
    body = lines[start + 1 :]
    fragments = sum(1 for x in body if len(x) <= _SHORT and not x.endswith(_FINAL))
    if fragments < 5 or fragments < 0.05 * len(body):
        return lines
    out = lines[: start + 1]
    last_piece = 0
    for line in body:
        prev = out[-1] if len(out) > start + 1 else ""
        split = prev and (line.startswith(_CONTINUES) or prev.endswith(_OPENING)
                          or (prev[-1].isdigit() and not HEADING_START.match(line))
                          or (prev[-1].isascii() and prev[-1].isalpha() and line[0].isdigit()))  # PM / 2.5
        short = len(line) <= _SHORT or last_piece <= _SHORT
        if prev and not prev.endswith(_FINAL) and (split or (short and not HEADING_START.match(line)
                                                             and not HEADING_START.match(prev))):
            out[-1] = glue(prev, line)
        else:
            out.append(line)
        last_piece = len(line)
    return out


def clean_text(raw: str, boilerplate: bool = True) -> str:
    """One paragraph per line, no blank lines, no surrounding white space, no page furniture."""
    return clean_and_repair(raw, boilerplate)[0]


def clean_and_repair(raw: str, boilerplate: bool = True) -> tuple[str, tuple[str, ...]]:
    """``clean_text`` and the repairs it made (``repair: NAME ×N``, see govreport/ingest/repair.py)."""
    counts: Counter[str] = Counter()
    if _ODD.search(raw):  # lone surrogates: JSON could not encode them
        raw = _INVISIBLE.sub("", _SURROGATE.sub("\ufffd", raw))
    raw = repair.join_broken_entities(raw, counts)
    if "<" in raw:
        raw = _INLINE_TAG.sub("", _BLOCK_TAG.sub("\n", raw))
    if "&" in raw:
        raw = _ENTITY.sub(lambda m: html.unescape(m.group(0)), raw)
    raw = repair.drop_junk_markers(_SPACES.sub(" ", raw), counts)
    lines = repair.repair_lines(_clean_lines(raw, counts), counts)
    if boilerplate:
        lines = repair.drop_spam(strip_boilerplate(lines), counts)
    lines = repair.join_broken_lines(rejoin_fragments(reflow(lines)), counts)
    text = "\n".join(lines)
    for a, b in repair.rules().view_chars:  # kept in the text, read as b in the matching view
        counts[f"read_{a}_as_{b}"] += text.count(a)
    return text, repair.warnings(counts)


def _opencc_chars(name: str) -> dict[str, list[str]]:
    path = resources.files("opencc") / "dictionary" / name
    table: dict[str, list[str]] = {}
    for row in path.read_text(encoding="utf-8").splitlines():
        key, _, values = row.partition("\t")
        if key and values:
            table[key] = values.split()
    return table


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    """Character mappings: NFKC where it yields one character, then traditional → simplified.

    T→S comes from OpenCC's character table (first candidate, one character to one), leaving out
    characters that are themselves in use in simplified text (OpenCC's S→T maps them to themselves).
    """
    simplified_ok = {k for k, v in _opencc_chars("STCharacters.txt").items() if k in v}
    t2s = {
        t: s[0]
        for t, s in _opencc_chars("TSCharacters.txt").items()
        if len(t) == 1 and len(s[0]) == 1 and s[0] != t and t not in simplified_ok
    }
    table: dict[int, str] = {}
    for cp in (0xA0, *range(0x2000, 0xD800), *range(0xE000, 0x10000)):
        ch = chr(cp)
        n = unicodedata.normalize("NFKC", ch)
        if n != ch and len(n) == 1:
            table[cp] = t2s.get(n, n)
    for t, s in t2s.items():
        table[ord(t)] = s
    for a, b in repair.rules().view_chars:  # ℅ read as %: same length, the text keeps the character
        table[ord(a)] = b
    return table


@lru_cache(maxsize=1)
def _tables() -> tuple[list[int], dict[int, str]]:
    """The mappings as ``str.translate`` tables: a list over the BMP (list indexing is ~2x faster than
    a dict) and a small dict for the few astral characters, applied only when the text has any."""
    bmp = list(range(0x10000))
    astral: dict[int, str] = {}
    for cp, s in _table().items():
        if cp < 0x10000:
            bmp[cp] = ord(s)
        else:
            astral[cp] = s
    return bmp, astral


#: characters of report text the view changes most often (full-width punctuation and digits), each
#: replaced with one ``str.replace`` when the text has it
_FREQUENT = "，；）（：％！．０１２３４５６７８９"
#: more distinct other characters to change than this (a traditional text): one ``str.translate``
_MAX_REPLACES = 40


@lru_cache(maxsize=1)
def _view_plan() -> tuple[tuple[tuple[str, str], ...], re.Pattern[str]]:
    """(the frequent characters and what they become, a regex finding any other BMP character the
    view changes)."""
    table = _table()
    frequent = tuple((ch, table[ord(ch)]) for ch in _FREQUENT
                     if ord(ch) in table and ord(table[ord(ch)]) not in table)
    skip = {ord(ch) for ch, _ in frequent}
    return frequent, re.compile(f"[{_char_class(sorted(cp for cp in table if cp < 0x10000 and cp not in skip))}]")


def _char_class(cps: list[int]) -> str:
    """A regex character class body for sorted code points, as ranges."""
    parts: list[str] = []
    i = 0
    while i < len(cps):
        j = i
        while j + 1 < len(cps) and cps[j + 1] == cps[j] + 1:
            j += 1
        parts.append(re.escape(chr(cps[i])) if i == j else f"{re.escape(chr(cps[i]))}-{re.escape(chr(cps[j]))}")
        i = j + 1
    return "".join(parts)


def matching_view(text: str) -> str:
    """A copy of ``text`` of the same length on which extractors match (half-width, simplified).

    The same as ``text.translate`` with the view's table, done as a few ``str.replace`` calls, one per
    distinct character to change, in the usual case of a text with only a few distinct ones: the
    frequent punctuation first, then the others one regex scan finds (all at once by ``translate``
    when there are many, or when one becomes another of them)."""
    bmp, astral = _tables()
    frequent, others = _view_plan()
    view = text
    for a, b in frequent:
        if a in view:
            view = view.replace(a, b)
    if found := set(others.findall(view)):
        table = _table()
        if len(found) > _MAX_REPLACES or any(table[ord(c)] in found for c in found):
            view = view.translate(bmp)
        else:
            for c in found:
                view = view.replace(c, table[ord(c)])
    if astral and len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text):  # astral characters
        view = view.translate(astral)
    assert len(view) == len(text)
    return view
