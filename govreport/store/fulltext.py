"""Full-text search over Chinese text: SQLite's own trigram index, plus a scan for short words.

The index is ``paragraphs_fts``, an FTS5 table with the built-in ``trigram`` tokenizer over
``paragraphs.search_text`` (external content, ``content="paragraphs"``: a view that cuts the
paragraphs out of ``reports.text``, so the text is stored once), so it works as shipped:

- in Datasette, which finds ``<table>_fts`` with ``content="<table>"`` and offers ``_search``;
- in the plain ``sqlite3`` shell: ``SELECT * FROM paragraphs WHERE id IN (SELECT rowid FROM
  paragraphs_fts WHERE paragraphs_fts MATCH '高标准农田')``.

A trigram index answers any query of three or more characters as an exact substring match
(independent of any word segmenter: 标准农 is found inside 高标准农田), but nothing shorter:
脱贫, 就业, 减税 are two characters. ``Store.search`` (and ``govreport serve``) therefore
looks a term of one or two characters up with ``LIKE`` over ``paragraphs.search_text``, after
the index has narrowed the rows down when the query has a longer term too, and scans the
reports newest first for a query of short terms only (``shortscan.py``: stopping at the page,
and on the web at 1,000 hits or 0.2 s for the count); the Datasette plugin
(``govreport.datasette_plugin``) uses ``LIKE`` for ``_search``.

``search_text`` is the paragraph folded character by character (``search_fold``: traditional
→ simplified, full-width letters and digits → ASCII; punctuation kept), keeping the length, so
脱贫 finds 脫貧 and hit offsets found in the folded text are offsets into the stored text. It
is a generated column over ``folded``, which is stored only where the fold changes the text
(traditional or full-width copies), so a simplified report is not stored twice.

The write path is ``write_rows`` (many rows at once) and ``delete_report``; ``rebuild`` remakes
the index of a whole database (a migration).
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


#: the part of ``_FOLD`` that folds into a letter, digit or ideograph (``search_fold``)
_FOLD_WORD: dict[int, str] = {}


def fold(text: str) -> str:
    """Same-length copy of ``text`` in simplified characters and half-width forms."""
    new = set(text) - _SEEN
    for ch in new:
        folded = _fold_char(ch)
        if folded != ch:
            if folded.isalnum():
                _FOLD_WORD[ord(ch)] = folded
            _FOLD[ord(ch)] = folded
    _SEEN.update(new)
    return text.translate(_FOLD)


def search_fold(text: str) -> str:
    """``fold`` for letters, digits and ideographs only (traditional → simplified, full-width
    letters and digits → ASCII); punctuation and spaces stay as they are, so a paragraph in
    simplified characters needs no folded copy in the index."""
    fold(text)  # learn the characters
    return text.translate(_FOLD_WORD)


#: shortest term the trigram index can answer
MIN_INDEXED = 3


def folded_or_none(text: str) -> str | None:
    """``search_fold(text)``, or None where it changes nothing (``paragraphs.folded``)."""
    out = search_fold(text)
    return None if out == text else out


def write_rows(conn: sqlite3.Connection, rows: Iterable[tuple[int, str, int, int, int, str, str | None]]) -> None:
    """Insert paragraphs and index them: ``rows`` are (id, report_id, seq, start, end, text, folded);
    the text itself is not stored (``paragraph_rows`` holds offsets into ``reports.text``)."""
    rows = list(rows)
    conn.executemany("INSERT INTO paragraph_rows (id, report_id, seq, start, end, folded) VALUES (?,?,?,?,?,?)",
                     [(*r[:5], r[6]) for r in rows])
    conn.executemany("INSERT INTO paragraphs_fts (rowid, search_text) VALUES (?, ?)",
                     [(r[0], r[6] if r[6] is not None else r[5]) for r in rows])


def _indexed(conn: sqlite3.Connection, report_id: str) -> list[tuple[int, str]]:
    """(rowid, indexed text) of a stored report's paragraphs, cut from its text here (in SQL,
    ``substr`` would load the whole text once per paragraph)."""
    found = conn.execute("SELECT text FROM main.reports WHERE id = ?", (report_id,)).fetchone()
    if found is None:
        return []
    text = found[0]
    return [(rowid, folded if folded is not None else text[start:end]) for rowid, start, end, folded in
            conn.execute("SELECT id, start, end, folded FROM paragraph_rows WHERE report_id = ?", (report_id,))]


def delete_report(conn: sqlite3.Connection, report_id: str) -> None:
    """Take a report's paragraphs out of the index (before the rows themselves are deleted)."""
    conn.executemany("INSERT INTO paragraphs_fts (paragraphs_fts, rowid, search_text) VALUES ('delete', ?, ?)",
                     _indexed(conn, report_id))


def rebuild(conn: sqlite3.Connection) -> None:
    """Fill the paragraphs' ``folded`` and rebuild the index of a whole database (a migration)."""
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'paragraph_rows'").fetchone():
        # the layout of versions 5-6: the paragraphs table holds the text
        updates = [(folded_or_none(text), rowid) for rowid, text in conn.execute("SELECT id, text FROM paragraphs")]
        conn.executemany("UPDATE paragraphs SET folded = ? WHERE id = ?", updates)
        conn.execute("INSERT INTO paragraphs_fts (paragraphs_fts) VALUES ('rebuild')")
        return
    conn.execute("INSERT INTO paragraphs_fts (paragraphs_fts) VALUES ('delete-all')")
    for (report_id,) in conn.execute("SELECT id FROM main.reports").fetchall():
        text = conn.execute("SELECT text FROM main.reports WHERE id = ?", (report_id,)).fetchone()[0]
        rows = conn.execute("SELECT id, start, end FROM paragraph_rows WHERE report_id = ?", (report_id,)).fetchall()
        folded = [(folded_or_none(text[start:end]), rowid) for rowid, start, end in rows]
        conn.executemany("UPDATE paragraph_rows SET folded = ? WHERE id = ?", folded)
        conn.executemany("INSERT INTO paragraphs_fts (rowid, search_text) VALUES (?, ?)",
                         [(rowid, f if f is not None else text[start:end])
                          for (rowid, start, end), (f, _) in zip(rows, folded, strict=True)])


def query_plan(query: str) -> tuple[str | None, list[str]]:
    """How to run ``query`` (whitespace-separated terms, all required, folded): an FTS5 MATCH
    expression of the terms of three or more characters (phrases, AND-ed), or None if there is
    none, and the terms to check with ``LIKE`` over ``search_text`` (the shorter ones)."""
    long: list[str] = []
    short: list[str] = []
    for term in search_fold(query).split():
        (long if len(term) >= MIN_INDEXED else short).append(term)
    expr = " AND ".join('"' + t.replace('"', '""') + '"' for t in long) if long else None
    return expr, short


def optimize(conn: sqlite3.Connection) -> None:
    """Merge the index's segments into one (after a bulk write: smaller, faster to query)."""
    conn.execute("INSERT INTO paragraphs_fts (paragraphs_fts) VALUES ('optimize')")


def like_pattern(term: str) -> str:
    """``%term%`` with LIKE's wildcards escaped (``ESCAPE '\\'``)."""
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


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
