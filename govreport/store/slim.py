"""The slim layout (schema version 8): the tasks stored as offsets and labels.

What took the room at version 7 (150 synthetic reports, 17.8 MB of text, 77.3 MB of file): the
trigram index 31 MB, ``task_rows`` 14.5 MB, the text itself 18 MB, facts and their indexes 8 MB.
Version 8 changes how they are stored, never what a reader gets:

- ``task_rows`` keeps a task's object and area as offsets into the text where the text holds
  them (``object_at``/``object_len`` from the task's start, ``area_start``/``area_len``; the words
  themselves in ``object_text``/``area_text`` only where it does not), and its action, unit,
  bound, department, section, kind and department source as ids of ``labels`` (one row per
  distinct string); the ``tasks`` view gives the words back, with the columns of version 7.

``migrate_v8`` converts a version-7 database in place (idempotent) and the file is vacuumed once.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from govreport.store import compact

#: the schema version that brought this layout in (``schema.MIGRATIONS``)
VERSION = 8


#: the tables of version 8 that version 7 did not have, or had with other columns
TABLES_DDL = """
CREATE TABLE IF NOT EXISTS labels (
    id              INTEGER PRIMARY KEY,
    text            TEXT NOT NULL UNIQUE   -- a string many rows repeat (a task's action, unit, department …)
);

CREATE TABLE IF NOT EXISTS task_rows (
    report_id       TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    seq             INTEGER NOT NULL,
    action          INTEGER NOT NULL,  -- labels.id
    object_at       INTEGER,           -- the object is the text at [start + object_at, + object_len) …
    object_len      INTEGER,
    object_text     TEXT,              -- … or, where the text does not hold it, these words
    value           REAL,
    value_max       REAL,
    unit            INTEGER,           -- labels.id
    bound           INTEGER,           -- labels.id
    area_start      INTEGER,           -- the area is the text at [area_start, area_start + area_len) …
    area_len        INTEGER,
    area_text       TEXT,              -- … or these words
    department      INTEGER,           -- labels.id
    deadline        TEXT,
    section         INTEGER,           -- labels.id
    start           INTEGER NOT NULL,
    end             INTEGER NOT NULL,
    sentence_start  INTEGER,
    sentence_end    INTEGER,
    kind            INTEGER,           -- labels.id
    deadline_date   TEXT,
    department_source INTEGER,         -- labels.id
    co_departments  TEXT,
    sentence_text   TEXT,              -- the sentence only where it is not the text at its span
    PRIMARY KEY (report_id, seq)
) WITHOUT ROWID;
"""

#: the task columns stored as labels
TASK_LABELS = ("action", "unit", "bound", "department", "section", "kind", "department_source")


def label_ids(conn: sqlite3.Connection, values: Iterable[str | None]) -> dict[str, int]:
    """The ``labels`` id of each distinct non-null value, adding the new ones (in the caller's
    transaction: no id is cached across transactions, so a rolled-back one leaves none stale)."""
    wanted = sorted({v for v in values if v is not None})
    conn.executemany("INSERT OR IGNORE INTO labels (text) VALUES (?)", [(v,) for v in wanted])
    ids: dict[str, int] = {}
    for i in range(0, len(wanted), 500):
        part = wanted[i:i + 500]
        ids.update((text, lid) for lid, text in conn.execute(
            f"SELECT id, text FROM labels WHERE text IN ({', '.join('?' * len(part))})", part))
    return ids


def _place(text: str, words: str | None, lo: int, hi: int) -> tuple[int | None, int | None, str | None]:
    """(where, length, None) of ``words`` in ``text`` — first inside [lo, hi), else anywhere —
    or (None, None, words) where the text does not hold them (and all None for None)."""
    if words is None:
        return None, None, None
    at = text.find(words, lo, max(hi, lo + len(words)))
    if at < 0:
        at = text.find(words)
    return (None, None, words) if at < 0 else (at, len(words), None)


def task_row(text: str, t: dict[str, Any], ids: dict[str, int]) -> tuple[Any, ...]:
    """A ``task_rows`` row of task ``t`` (the ``tasks`` view's columns: report_id, seq, action,
    object …, sentence_start, sentence_end, sentence_text), ``ids`` from ``label_ids``."""
    start, end = t["start"], t["end"]
    obj_at, obj_len, obj_text = _place(text, t["object"], start, end)
    area = t["area"]
    area_at, area_len, area_text = _place(text, area, text.rfind(area, 0, start) if area else 0, start)
    label = {name: None if t[name] is None else ids[t[name]] for name in TASK_LABELS}
    return (t["report_id"], t["seq"], label["action"], None if obj_at is None else obj_at - start, obj_len, obj_text,
            t["value"], t["value_max"], label["unit"], label["bound"], area_at, area_len, area_text,
            label["department"], t["deadline"], label["section"], start, end, t["sentence_start"],
            t["sentence_end"], label["kind"], t["deadline_date"], label["department_source"], t["co_departments"],
            t["sentence_text"])


def write_tasks(conn: sqlite3.Connection, text: str, tasks: Sequence[dict[str, Any]]) -> None:
    """Insert one report's tasks (dicts with the ``tasks`` view's columns and ``sentence_text``)."""
    ids = label_ids(conn, (t[name] for t in tasks for name in TASK_LABELS))
    conn.executemany(f"INSERT INTO task_rows VALUES ({', '.join('?' * 25)})", [task_row(text, t, ids) for t in tasks])


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}


def slim_tasks(conn: sqlite3.Connection, text_of: Any) -> None:
    """``task_rows`` of version 7 rewritten with offsets and labels, one report at a time."""
    if "object_at" in _columns(conn, "task_rows"):
        return
    conn.execute("ALTER TABLE task_rows RENAME TO task_rows_v7")
    for statement in TABLES_DDL.split(";\n"):
        if statement.strip():
            conn.execute(statement)
    names = [d[0] for d in conn.execute("SELECT * FROM task_rows_v7 LIMIT 0").description]
    for (rid,) in conn.execute("SELECT DISTINCT report_id FROM task_rows_v7").fetchall():
        rows = [dict(zip(names, row, strict=True)) for row in
                conn.execute("SELECT * FROM task_rows_v7 WHERE report_id = ? ORDER BY seq", (rid,))]
        write_tasks(conn, text_of(rid), rows)
    conn.execute("DROP TABLE task_rows_v7")


def _tasks(cut: compact.Cut, schema: str) -> str:
    S = schema

    def label(col: str) -> str:
        return f"(SELECT l.text FROM {S}labels l WHERE l.id = t.{col}) AS {col}"

    return f"""
CREATE {'TEMP ' if S else ''}VIEW IF NOT EXISTS tasks AS
SELECT t.report_id, t.seq, {label("action")},
    coalesce(t.object_text, {cut("r", "t.start + t.object_at", "t.start + t.object_at + t.object_len")}) AS object,
    t.value, t.value_max, {label("unit")}, {label("bound")},
    coalesce(t.area_text, {cut("r", "t.area_start", "t.area_start + t.area_len")}) AS area,
    {label("department")}, t.deadline, {label("section")}, t.start, t.end,
    coalesce(t.sentence_text, {cut("r", "t.sentence_start", "t.sentence_end")}, '') AS sentence,
    {label("kind")}, t.deadline_date, {label("department_source")}, t.co_departments, t.sentence_start,
    t.sentence_end
FROM {S}task_rows t JOIN {S}reports r ON r.id = t.report_id"""


def views_ddl(cut: compact.Cut = compact.substr_cut, schema: str = "") -> list[str]:
    """The CREATE VIEW statements of version 8 (``compact.views_ddl`` with its own ``tasks``)."""
    makers = [_tasks if make is compact.VIEWS[1] else make for make in compact.VIEWS]
    return [make(cut, schema) for make in makers]


def migrate_v8(conn: sqlite3.Connection) -> None:
    """Version 8: the slim layout. Idempotent: a part already converted is left as it is, and a
    stub database in a test (no reports table) is left alone."""
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'reports' AND type = 'table'").fetchone():
        return
    for (view,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'view' AND name IN "
                                f"({', '.join(repr(v) for v in compact.SHADOWED)})").fetchall():
        conn.execute(f"DROP VIEW main.{view}")  # they read the tables of version 7
    text_of = compact.text_reader(conn)
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'task_rows'").fetchone():
        slim_tasks(conn, text_of)
    else:
        for statement in TABLES_DDL.split(";\n"):
            if statement.strip():
                conn.execute(statement)
    for statement in views_ddl():
        conn.execute(statement)
