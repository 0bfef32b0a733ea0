"""The SQLite connection and the writes: one transaction per report.

Stdlib ``sqlite3`` (no server, a single file a Datasette user can open as is). The
connection runs in autocommit mode and every write is an explicit ``BEGIN IMMEDIATE`` …
``COMMIT``, so a killed process leaves either the whole report or nothing.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote

from govreport.errors import LexiconError, StoreError
from govreport.model import Report
from govreport.store import compact, fulltext, slim
from govreport.store.schema import migrate

_PERIOD = re.compile(r"^\s*(\d{4})(?:\s*[-–~至]\s*(\d{4}))?\s*$")
_DIRECTIONS = {"up", "down", "none"}


def period_bounds(period: str | None) -> tuple[int | None, int | None]:
    """``"2020"`` → (2020, 2020); ``"2016-2020"`` → (2016, 2020); else (None, None)."""
    m = _PERIOD.match(period or "")
    if not m:
        return None, None
    start = int(m.group(1))
    return start, int(m.group(2) or start)


def load_indicator_table() -> list[dict[str, Any]]:
    """The canonical indicator table as dicts (id, name, aliases, default_unit, direction, notes).

    Uses ``govreport.lexicons.indicators()`` when the lexicon package provides it, else
    reads ``govreport/lexicons/indicators.tsv`` directly."""
    rows: list[dict[str, Any]] = []
    try:
        from govreport.lexicons import indicators as lexicon_indicators  # type: ignore[attr-defined]
    except ImportError:
        lexicon_indicators = None
    if lexicon_indicators is not None:
        loaded = lexicon_indicators()
        items = loaded.values() if isinstance(loaded, dict) else loaded
        for item in items:
            get = item.get if isinstance(item, dict) else (lambda k, item=item: getattr(item, k, None))
            aliases = get("aliases")
            if isinstance(aliases, list | tuple):
                aliases = "|".join(aliases)
            rows.append({"id": get("id"), "name": get("name"), "aliases": aliases,
                         "default_unit": get("default_unit") or get("unit"),
                         "direction": str(get("direction") or "none"), "notes": get("notes")})
    else:
        with resources.files("govreport.lexicons").joinpath("indicators.tsv").open(encoding="utf-8") as fh:
            rows = [dict(r) for r in csv.DictReader(fh, delimiter="\t")]
    for row in rows:
        if not row.get("id") or not row.get("name") or row.get("direction") not in _DIRECTIONS:
            raise LexiconError(f"indicators: bad row {row!r} (need id, name, direction up/down/none)")
    return rows


class Database:
    """A connection to one govreport database file (created on first writable open)."""

    def __init__(self, path: str | Path, readonly: bool = False) -> None:
        self.path = Path(path)
        self.readonly = readonly
        #: opened with SQLite's ``immutable=1`` (read-only, in a folder this process cannot write)
        self.immutable = False
        self._lock = threading.RLock()
        self._connect()
        try:
            if readonly:
                version = self.conn.execute("PRAGMA user_version").fetchone()[0]
                if version == 0:
                    raise StoreError(f"{self.path}: not a govreport database")
            else:
                found = migrate(self.conn)
                self._load_indicators()
                self._install()
                if 0 < found < slim.VERSION:  # the room the compact and slim layouts freed: its pages back
                    fulltext.optimize(self.conn)  # the index the migration rebuilt, in one segment
                    self.conn.execute("VACUUM")
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: {exc}") from exc

    def _connect(self) -> None:
        try:
            if self.readonly:
                if not self.path.exists():
                    raise StoreError(f"{self.path}: no such database")
                self.conn = self._connect_readonly()
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False,
                                            timeout=30)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.cut: compact.TextCut | None = None
            self._install()  # before query_only, which forbids even TEMP views
            if self.readonly:
                self.conn.execute("PRAGMA query_only = ON")
            else:
                self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: {exc}") from exc

    def _install(self) -> None:
        """The fast TEMP views (``compact.install``), once the database is at the current version."""
        if self.cut is None:
            self.cut = compact.install(self.conn)

    def _connect_readonly(self) -> sqlite3.Connection:
        """``mode=ro``; where the folder is not writable, ``immutable=1`` as well: a WAL database
        needs its -shm (and -wal) files beside it, which a read-only reader cannot create."""
        resolved = self.path.resolve()
        base = "file:" + quote(resolved.as_posix(), safe="/") + "?mode=ro"
        self.immutable = not os.access(resolved.parent, os.W_OK)
        if not self.immutable:
            conn = sqlite3.connect(base, uri=True, isolation_level=None, check_same_thread=False)
            try:
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
                return conn
            except sqlite3.OperationalError:  # e.g. -shm cannot be created: fall back to immutable
                conn.close()
                self.immutable = True
        return sqlite3.connect(base + "&immutable=1", uri=True, isolation_level=None, check_same_thread=False)

    def reopen(self) -> None:
        """A fresh connection (after ``close``), e.g. once worker processes have forked."""
        self._connect()

    # -- plumbing -----------------------------------------------------------------------
    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` … ``COMMIT``; rolled back on any error. Inside a transaction that
        is already open (a batch of reports, ``begin``) it is a savepoint: an error undoes this
        part alone, and the whole is committed with the batch."""
        if self.readonly:
            raise StoreError(f"{self.path}: opened read-only")
        with self._lock:
            if self.conn.in_transaction:
                self.conn.execute("SAVEPOINT part")
                try:
                    yield self.conn
                except BaseException:
                    self.conn.execute("ROLLBACK TO part")
                    self.conn.execute("RELEASE part")
                    raise
                self.conn.execute("RELEASE part")
                return
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")

    def begin(self) -> None:
        """Open a batch: the writes until ``commit`` are one transaction (each report in it a savepoint)."""
        if self.readonly:
            raise StoreError(f"{self.path}: opened read-only")
        with self._lock:
            if not self.conn.in_transaction:
                self.conn.execute("BEGIN IMMEDIATE")

    def commit(self) -> bool:
        """Commit the open batch, if any; True if there was one."""
        with self._lock:
            if not self.conn.in_transaction:
                return False
            self.conn.execute("COMMIT")
            return True

    def settle_index(self, written: int) -> bool:
        """After a bulk write of ``written`` reports: merge the full-text index into one segment
        when they are a tenth of the reports or more (a fresh ingest's index is a third larger
        unmerged; merging costs time in proportion to the whole index, so a few reports added to
        a large database leave it to FTS5's own incremental merging). True if it merged."""
        if written <= 0 or self.readonly:
            return False
        try:
            with self.transaction() as conn:
                total = conn.execute("SELECT count(*) FROM reports").fetchone()[0]
                if written * 10 < total:
                    return False
                fulltext.optimize(conn)
        except sqlite3.Error:  # busy, or interrupted: the index is whole, only less compact
            return False
        return True

    def rows(self, sql: str, params: Any = ()) -> list[dict[str, Any]]:
        with self._lock:
            try:
                return [dict(r) for r in self.conn.execute(sql, params)]
            except sqlite3.Error as exc:
                raise StoreError(f"{self.path}: {exc}") from exc

    def _load_indicators(self) -> None:
        table = load_indicator_table()
        with self.transaction() as conn:
            conn.executemany(
                "INSERT INTO indicators (id, name, aliases, default_unit, direction, notes) "
                "VALUES (:id, :name, :aliases, :default_unit, :direction, :notes) "
                "ON CONFLICT(id) DO UPDATE SET name=excluded.name, aliases=excluded.aliases, "
                "default_unit=excluded.default_unit, direction=excluded.direction, notes=excluded.notes",
                [{k: r.get(k) for k in ("id", "name", "aliases", "default_unit", "direction", "notes")}
                 for r in table])

    # -- incremental ingest ---------------------------------------------------------------
    def stored_hashes(self) -> set[str]:
        return {r["sha256"] for r in self.rows("SELECT sha256 FROM reports")}

    def has_sha(self, sha256: str) -> bool:
        return bool(self.rows("SELECT 1 FROM reports WHERE sha256 = ?", (sha256,)))

    # -- writes ---------------------------------------------------------------------------
    def delete_report(self, report_id: str) -> bool:
        with self.transaction() as conn:
            return self._delete(conn, report_id)

    def _delete(self, conn: sqlite3.Connection, report_id: str) -> bool:
        fulltext.delete_report(conn, report_id)  # the index's external content goes with the report
        return conn.execute("DELETE FROM reports WHERE id = ?", (report_id,)).rowcount > 0

    def write_report(self, report: Report, *, sha256: str, size: int | None = None,
                     source_path: str | None = None, index: list[str | None] | None = None,
                     keep_versions: bool = False, extra: dict[str, Any] | None = None,
                     on_insert: Callable[[sqlite3.Connection], None] | None = None) -> list[str]:
        """Store ``report`` in one transaction, replacing a stored report of the same id, the
        same content (SHA-256) under another id and, unless ``keep_versions``, every older
        version read from the same ``source_path`` (an edited file). Returns the ids removed.

        ``index``: ``paragraph_index(report.text)`` if already computed; ``extra``: more reports
        columns (source_url, text_hash, minhash); ``on_insert(conn)`` runs in the same transaction
        once the report is in (e.g. to record its source)."""
        with self.transaction() as conn:
            old = [report.doc.id]
            # the same content stored under another id
            old += [r["id"] for r in conn.execute("SELECT id FROM reports WHERE sha256 = ?", (sha256,))]
            if source_path and not keep_versions:  # older versions of the same file
                old += [r["id"] for r in conn.execute("SELECT id FROM reports WHERE source_path = ?",
                                                      (source_path,))]
            removed = [rid for rid in dict.fromkeys(old) if self._delete(conn, rid)]
            self._insert(conn, report, sha256=sha256, size=size, source_path=source_path, index=index,
                         extra=extra)
            if on_insert is not None:
                on_insert(conn)
        return removed

    def _insert(self, conn: sqlite3.Connection, report: Report, *, sha256: str, size: int | None,
                source_path: str | None, index: list[str | None] | None = None,
                extra: dict[str, Any] | None = None) -> None:
        doc = asdict(report.doc)
        text = report.text
        paragraphs = _paragraphs(text)
        roles = {s.id: str(s.role) for s in report.sections}
        row = {k: doc.get(k) for k in ("id", "region", "province", "city", "county", "admin_code", "level",
                                       "report_year", "date", "speaker", "speaker_title", "session",
                                       "review_period", "plan_year", "title", "source_format", "encoding")}
        row.update(partial=int(bool(doc.get("partial"))), source_path=source_path or doc.get("source"),
                   sha256=sha256, size=size, ingested_at=datetime.now(UTC).isoformat(timespec="seconds"),
                   n_chars=len(text), n_sections=len(report.sections), n_facts=len(report.facts),
                   n_tasks=len(report.tasks), n_slogans=len(report.slogans), n_paragraphs=len(paragraphs),
                   warnings=json.dumps(list(report.warnings), ensure_ascii=False), text=text,
                   text_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest())  # corrections' key
        row.update({k: v for k, v in (extra or {}).items() if k in ("source_url", "text_hash", "minhash")})
        cols = ", ".join(row)
        conn.execute(f"INSERT INTO reports ({cols}) VALUES ({', '.join(':' + k for k in row)})", row)
        rid = report.doc.id
        conn.executemany(
            "INSERT INTO sections VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            [(rid, i, s.id, s.parent, s.level, s.number, s.title, str(s.role), s.span.start, s.span.end,
              s.heading_span.start if s.heading_span else None, s.heading_span.end if s.heading_span else None)
             for i, s in enumerate(report.sections)])
        fact_rows = []
        for i, f in enumerate(report.facts):
            p_start, p_end = period_bounds(f.period)
            s_span = (f.sentence_span.start, f.sentence_span.end) if f.sentence_span else (None, None)
            cut = text[s_span[0]:s_span[1]] if f.sentence_span else ""
            fact_rows.append((
                rid, i, str(f.kind), f.period, p_start, p_end, f.indicator, f.indicator_text, str(f.measure),
                f.value, f.value_max, f.unit, str(f.bound), f.rank_scope, f.rank_of, f.section,
                roles.get(f.section or ""), f.span.start, f.span.end, *s_span,
                f.indicator_span.start if f.indicator_span else None,
                f.indicator_span.end if f.indicator_span else None,
                json.dumps(list(f.checks), ensure_ascii=False) if f.checks else None, f.period_source,
                None if f.sentence == cut else f.sentence))
        conn.executemany(
            "INSERT INTO fact_rows (report_id, seq, kind, period, period_start, period_end, indicator, "
            "indicator_text, measure, value, value_max, unit, bound, rank_scope, rank_of, section, role, start, "
            "end, sentence_start, sentence_end, indicator_start, indicator_end, checks, period_source, "
            f"sentence_text) VALUES ({', '.join('?' * 26)})", fact_rows)
        tasks = []
        for i, t in enumerate(report.tasks):
            span = compact.find_sentence(text, t.sentence, t.span.start, t.span.end)
            tasks.append({
                "report_id": rid, "seq": i, "action": t.action, "object": t.object, "value": t.value,
                "value_max": t.value_max, "unit": t.unit, "bound": str(t.bound) if t.bound else None,
                "area": t.area, "department": t.department, "deadline": t.deadline, "section": t.section,
                "start": t.span.start, "end": t.span.end, "sentence_start": span[0] if span else None,
                "sentence_end": span[1] if span else None, "kind": t.kind, "deadline_date": t.deadline_date,
                "department_source": t.department_source, "co_departments": t.co_departments,
                "sentence_text": None if span or not t.sentence else t.sentence})
        slim.write_tasks(conn, text, tasks)
        conn.executemany(
            "INSERT INTO slogans VALUES (?,?,?,?,?,?,?)",
            [(rid, i, s.text, s.number, int(s.quoted), s.span.start, s.span.end)
             for i, s in enumerate(report.slogans)])
        if index is None or len(index) != len(paragraphs):
            index = paragraph_index(text)
        # explicit ids (above any ever used: AUTOINCREMENT keeps them in sqlite_sequence) let
        # both tables be filled with executemany
        base = conn.execute("SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'paragraph_rows'), "
                            "0), coalesce((SELECT max(id) FROM paragraph_rows), 0))").fetchone()[0]
        fulltext.write_rows(conn, [(base + 1 + i, rid, i, start, end, text[start:end], index[i])
                                   for i, (start, end) in enumerate(paragraphs)])


def paragraph_index(text: str) -> list[str | None]:
    """Each paragraph of ``text`` folded for the full-text index (None: unchanged), computed in
    the ingest workers, so the writing process only inserts."""
    return [fulltext.folded_or_none(text[start:end]) for start, end in _paragraphs(text)]


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line of ``text``."""
    out = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if line.strip():
            out.append((pos, end))
        pos = end + 1
    return out
