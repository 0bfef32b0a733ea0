"""Search for terms the trigram index cannot answer (one or two characters), bounded.

A query whose terms are all shorter than a trigram (脱贫, 就业, 减税) has nothing for the index
to narrow, so every paragraph is a candidate (at 10,000 reports, a ``LIKE`` over 2.3 M
paragraphs took 16–19 s). ``scan`` reads the reports one at a time in the order of the hits —
newest report first (``report_year DESC``, reports without a year last), then report id, then
paragraph — and stops as soon as it has the hits it was asked for (``stop``: the page, or the
page plus one more to tell "more than N") or its time runs out (``time_limit``). Each report's
text is read once, as its UTF-8 bytes (a blob read: no Python string), and passed over if it
lacks a term; otherwise the lines where the first term occurs are checked for the others (a
report without blank lines: a line's number is its paragraph's ``seq``, so only the hits' rows
are read). Paragraphs with a folded copy (``paragraph_rows.folded``: traditional, full-width)
are checked in that copy, found through a partial index (schema 10).

The hits are exactly those of ``search_text LIKE '%term%'`` for every term (ASCII letters
without case, everything else as folded), in the same order as before; what is bounded is the
count: ``ScanResult.complete`` says whether every report was read (then the number of hits is
the total), ``timed_out`` whether the time limit cut the scan.
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass

#: runs of ASCII capitals (``LIKE`` folds the case of ASCII letters only, so lengths never change)
_CAPITALS = re.compile("[A-Z]+")
_LETTER = re.compile("[A-Za-z]")


@dataclass(frozen=True, slots=True)
class ScanResult:
    """Paragraph ids found, in the search order (at most ``stop`` of them); ``complete``: every
    report was read, so ``len(ids)`` is the total; ``timed_out``: the time limit stopped the scan."""

    ids: tuple[int, ...]
    complete: bool
    timed_out: bool
    reports_read: int


def ascii_lower(text: str) -> str:
    """``text`` with ASCII capitals made small, as ``LIKE`` compares them (same length)."""
    return _CAPITALS.sub(lambda m: m.group().lower(), text)


#: the partial index of the paragraphs that have a folded copy (schema 10): which reports to
#: read paragraph by paragraph even where their stored text lacks a term
FOLDED_INDEX = "paragraph_rows_folded"
#: the reports in the scan's order, with the columns of the search filters (schema 10): the order
#: is read from this index, not from the rows of ``reports`` (their texts: a page each or more)
ORDER_INDEX = "reports_search_order"
#: the indexes of schema 10 (``CREATE INDEX IF NOT EXISTS``: idempotent), ';'-separated
INDEX_DDL = (f"CREATE INDEX IF NOT EXISTS {FOLDED_INDEX} ON paragraph_rows(report_id, seq) WHERE folded IS NOT NULL;\n"
             f"CREATE INDEX IF NOT EXISTS {ORDER_INDEX} ON reports(report_year DESC, id, n_paragraphs, level, province, "
             "region, admin_code);\n")


def _folded_reports(conn: sqlite3.Connection) -> set[str] | None:
    """Ids of the reports with a folded paragraph (from the partial index), or None without it."""
    if not conn.execute("SELECT 1 FROM main.sqlite_master WHERE name = ?", (FOLDED_INDEX,)).fetchone():
        return None
    return {row[0] for row in conn.execute(
        f"SELECT DISTINCT report_id FROM main.paragraph_rows INDEXED BY {FOLDED_INDEX} WHERE folded IS NOT NULL")}


def _report_bytes(conn: sqlite3.Connection, rowid: int) -> bytes:
    """The stored text of a report as UTF-8, read as a blob (no copy into a Python string)."""
    with conn.blobopen("reports", "text", rowid, readonly=True, name="main") as blob:
        return blob.read()


def _raw_hits(conn: sqlite3.Connection, report_id: str, text: str, terms: Sequence[str],
              cased: bool) -> list[tuple[int, int]]:
    """(seq, id) of the report's unfolded paragraphs holding every term in its stored text, for a
    report with a blank line (a line's number is not its seq): every row read and checked."""
    hay = ascii_lower(text) if cased else text
    return [(seq, pid) for pid, seq, start, end, folded in conn.execute(
        "SELECT id, seq, start, end, folded FROM main.paragraph_rows WHERE report_id = ?", (report_id,))
        if folded is None and all(t in hay[start:end] for t in terms)]


def _line_hits(conn: sqlite3.Connection, report_id: str, hay: bytes, needles: Sequence[bytes]) -> list[tuple[int, int]]:
    """(seq, id) of the unfolded paragraphs holding every needle, for a report none of whose lines is
    blank (every line a paragraph: its seq is its line number), found in the UTF-8 bytes."""
    first, rest = needles[0], needles[1:]
    seqs: list[int] = []
    breaks, last = 0, 0
    pos = hay.find(first)
    while pos >= 0:
        start = hay.rfind(b"\n", 0, pos) + 1
        end = hay.find(b"\n", pos)
        end = len(hay) if end < 0 else end
        breaks += hay.count(b"\n", last, start)
        last = start
        if all(n in hay[start:end] for n in rest):
            seqs.append(breaks)
        pos = hay.find(first, end) if end < len(hay) else -1
    out: list[tuple[int, int]] = []
    for chunk in range(0, len(seqs), 500):
        part = seqs[chunk:chunk + 500]
        marks = ", ".join("?" * len(part))
        out += [(seq, pid) for seq, pid in conn.execute(
            f"SELECT seq, id FROM main.paragraph_rows WHERE report_id = ? AND seq IN ({marks}) AND folded IS NULL",
            (report_id, *part))]
    out.sort()
    return out


def scan(conn: sqlite3.Connection, terms: Sequence[str], reports_sql: str, params: Sequence[object],
         stop: int | None = None, time_limit: float | None = None) -> ScanResult:
    """The paragraphs holding every term, report by report in the order of ``reports_sql`` (a
    SELECT of report id, rowid and ``n_paragraphs``: the search order), until ``stop`` hits or ``time_limit`` seconds.

    A report's stored text is read as UTF-8 bytes and searched as bytes (ASCII letters compared
    without case; decoded only if it holds every term and has a blank line); its folded paragraphs are read only if it has any (the partial
    index). The time limit is checked between reports, so a scan overruns it by one report's read
    at most; one report is always read."""
    terms = [ascii_lower(t) for t in terms if t]
    cased = any(_LETTER.search(t) for t in terms)
    needles = [t.encode("utf-8") for t in terms]
    deadline = None if time_limit is None else time.perf_counter() + time_limit
    ids: list[int] = []
    reports = conn.execute(reports_sql, list(params)).fetchall()
    folded = _folded_reports(conn)
    read = 0
    for report_id, rowid, n_paragraphs in reports:
        if stop is not None and len(ids) >= stop:
            return ScanResult(tuple(ids[:stop]), False, False, read)
        if deadline is not None and read and time.perf_counter() > deadline:
            return ScanResult(tuple(ids), False, True, read)
        data = _report_bytes(conn, rowid)
        read += 1
        hay = data.lower() if cased else data  # bytes.lower: ASCII letters only, as LIKE
        found: list[tuple[int, int]] = []
        if all(n in hay for n in needles):
            if n_paragraphs == hay.count(b"\n") + 1:  # no blank line: a line's number is its seq
                found = _line_hits(conn, report_id, hay, needles)
            else:
                found = _raw_hits(conn, report_id, data.decode("utf-8"), terms, cased)
        if folded is None or report_id in folded:  # the folded copies: the search text of their paragraphs
            for pid, seq, text in conn.execute("SELECT id, seq, folded FROM main.paragraph_rows WHERE report_id = ? "
                                               "AND folded IS NOT NULL", (report_id,)):
                own = ascii_lower(text) if cased else text
                if all(t in own for t in terms):
                    found.append((seq, pid))
            found.sort()
        ids.extend(pid for _, pid in found)
    if stop is not None and len(ids) > stop:
        return ScanResult(tuple(ids[:stop]), False, False, read)
    return ScanResult(tuple(ids), True, False, read)


@dataclass(frozen=True, slots=True)
class SearchTotal:
    """How many hits a search has: ``count``, and whether that is all of them (``complete``); when
    not, there are more than ``count`` (the scan stopped at its bound) or, if ``timed_out``, the
    time limit cut the scan and ``count`` is what was found before it."""

    count: int
    complete: bool = True
    timed_out: bool = False
    #: reports the scan read (a scan only; None for a count through the index)
    reports_read: int | None = None


class ScanCache:
    """The last scan of a connection, kept while the database is unchanged, so a page's count
    and its hits (two calls) read the reports once."""

    def __init__(self) -> None:
        self._key: tuple[object, ...] | None = None
        self._result: ScanResult | None = None

    @staticmethod
    def _state(conn: sqlite3.Connection) -> tuple[int, int]:
        return conn.execute("PRAGMA data_version").fetchone()[0], conn.total_changes

    def get(self, conn: sqlite3.Connection, key: tuple[object, ...], stop: int | None) -> ScanResult | None:
        """The cached result for ``key`` (which includes the time limit) if it answers a scan to
        ``stop`` hits: it read every report, reached ``stop``, or ran out of the same time."""
        result = self._result
        if result is None or self._key != (key, self._state(conn)):
            return None
        if result.complete or result.timed_out or (stop is not None and len(result.ids) >= stop):
            return result
        return None

    def put(self, conn: sqlite3.Connection, key: tuple[object, ...], result: ScanResult) -> None:
        self._key, self._result = (key, self._state(conn)), result

