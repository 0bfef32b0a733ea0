"""Full-text search over Chinese text that also finds one- and two-character words.

Why character bigrams (and not jieba or the FTS5 trigram tokenizer):

- FTS5 ``trigram`` cannot answer queries shorter than three characters, and 脱贫, 就业,
  减税 are the words people search for most.
- A word segmenter (jieba) indexes *its* words: 标准 is then not found inside
  高标准农田 when jieba keeps that as one token, and segmentation of the query and of the
  text can disagree. Search results would depend on the segmenter's dictionary.
- Overlapping character bigrams (高标 标准 准农 农田) make a phrase query of the query's own
  bigrams equivalent to a substring match for any query of two or more characters,
  independent of any dictionary. The index is about as large as the text.
  FTS5's own ``unicode61`` tokenizer indexes the space-joined bigrams (it treats CJK
  characters as token characters); we do the bigram split here because SQLite has no
  bigram tokenizer and loading a C extension is not portable.

Latin letters and digits are indexed as lower-cased words (GDP, pm2, 5), so mixed queries such
as PM2.5 work too. A lone CJK character inside a term (2020年) is not indexed: the term is
looked up by its other tokens and checked with ``LIKE``; a query of single characters only
falls back to a ``LIKE`` scan of the paragraphs.

Text and queries are first folded character by character (``fold``: traditional → simplified,
full-width → half-width), keeping the length, so 脱贫 finds 脫貧 and hit offsets found in the
folded text are offsets into the stored text.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections.abc import Iterable

from opencc import OpenCC

_T2S = OpenCC("t2s")
_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
_RUN = re.compile(f"[{_CJK}]+|[0-9A-Za-z]+")
_CJK_RUN = re.compile(f"[{_CJK}]+")


def _fold_char(ch: str) -> str:
    out = unicodedata.normalize("NFKC", ch)
    if len(out) != 1:
        out = ch
    simple = _T2S.convert(out)
    return simple if len(simple) == 1 else out


#: code point → folded character, for the characters seen so far whose fold differs
#: (``_FOLD`` is filled before ``_SEEN``, so a character seen by one thread is ready for all)
_FOLD: dict[int, str] = {}
_SEEN: set[str] = set()


def fold(text: str) -> str:
    """Same-length copy of ``text`` in simplified characters and half-width forms."""
    new = set(text) - _SEEN
    for ch in new:
        folded = _fold_char(ch)
        if folded != ch:
            _FOLD[ord(ch)] = folded
    _SEEN.update(new)
    return text.translate(_FOLD)


def tokens(text: str) -> list[str]:
    """Index tokens of ``text``: CJK runs as overlapping bigrams (a lone character as
    itself), Latin/digit runs as lower-cased words."""
    out: list[str] = []
    for m in _RUN.finditer(fold(text)):
        run = m.group()
        if _CJK_RUN.fullmatch(run):
            if len(run) == 1:
                out.append(run)
            else:
                out.extend(map(str.__add__, run, run[1:]))
        else:
            out.append(run.lower())
    return out


def index_text(text: str) -> str:
    """The string stored in the FTS column for ``text``."""
    return " ".join(tokens(text))


def index_paragraphs(conn: sqlite3.Connection, rows: Iterable[tuple[int, str]]) -> None:
    """Add many paragraphs to the full-text index at once: (paragraph id, ``index_text`` of it).

    The one write path of the index; the ingest calls it inside its batch transaction, so the
    index is flushed once per batch of reports, not once per report."""
    conn.executemany("INSERT INTO paragraphs_fts (rowid, tokens) VALUES (?, ?)", rows)


def query_plan(query: str) -> tuple[str | None, list[str]]:
    """How to run ``query`` (whitespace-separated terms, all required): an FTS5 MATCH
    expression, or ``None`` when no term has an indexed token, and the terms that must also
    be checked with ``LIKE`` because the index alone cannot pin them down (a lone CJK
    character, as in 2020年, is not indexed as such: such a term is looked up by its other
    tokens and then checked)."""
    parts: list[str] = []
    like: list[str] = []
    for term in query.split():
        toks = tokens(term)
        indexed = [t for t in toks if not (len(t) == 1 and _CJK_RUN.fullmatch(t))]
        if indexed and len(indexed) == len(toks):
            parts.append('"' + " ".join(toks) + '"')
            continue
        parts.extend(f'"{t}"' for t in indexed)
        like.append(term)
    return (" AND ".join(parts) if parts else None), like


def find_terms(text: str, query: str) -> list[tuple[int, int]]:
    """Character ranges of each query term in ``text`` (sorted, non-overlapping).

    A term is matched literally; if punctuation or spaces differ (PM2.5 vs PM 2.5) its
    index tokens are matched with anything that is not a token character in between."""
    hits: list[tuple[int, int]] = []
    text = fold(text)
    for term in fold(query).split():
        pattern = re.escape(term)
        if not re.search(pattern, text, flags=re.IGNORECASE):
            pieces = [m.group() for m in _RUN.finditer(term)]
            if not pieces:
                continue
            pattern = f"[^{_CJK}0-9A-Za-z]*".join(re.escape(p) for p in pieces)
        hits.extend((m.start(), m.end()) for m in re.finditer(pattern, text, flags=re.IGNORECASE)
                    if m.end() > m.start())
    hits.sort()
    merged: list[tuple[int, int]] = []
    for start, end in hits:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def snippet(text: str, hits: list[tuple[int, int]], width: int = 40,
            mark: tuple[str, str] = ("«", "»")) -> tuple[str, int, int]:
    """A window of ``text`` around the first hit with every hit inside it wrapped in
    ``mark``; returns (snippet, window start, window end) in ``text`` coordinates."""
    if not hits:
        end = min(len(text), 2 * width)
        return text[:end] + ("…" if end < len(text) else ""), 0, end
    first = hits[0]
    start = max(0, first[0] - width)
    end = min(len(text), first[1] + width)
    out = ["…" if start > 0 else ""]
    pos = start
    for h_start, h_end in hits:
        if h_start < start or h_end > end:
            continue
        out.append(text[pos:h_start])
        out.append(mark[0] + text[h_start:h_end] + mark[1])
        pos = h_end
    out.append(text[pos:end])
    out.append("…" if end < len(text) else "")
    return "".join(out), start, end
