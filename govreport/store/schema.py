"""The database schema: tidy tables, one row per thing, facetable columns, a version.

Tables (documented in README.md, "Database"):

- ``reports``     one row per stored report: the ``doc`` fields, the cleaned text, the source
                  (path, SHA-256, size, format), ingest time and the counts of its rows in
                  the child tables (``n_sections`` …), so a reader can check a report is whole.
- ``sections``, ``facts``, ``tasks``, ``slogans``   the extracted things, spans as
                  ``start``/``end`` character offsets into ``reports.text``; ``facts`` repeats
                  the report's region, level and year so it can be faceted on its own.
- ``paragraphs``  the text split into lines (one paragraph per line) with their offsets,
                  and ``paragraphs_fts``, the full-text index over them (see ``fulltext.py``).
- ``indicators``  the canonical indicator table (id, Chinese name, unit, direction).

``PRAGMA user_version`` holds ``SCHEMA_VERSION``; ``migrate`` brings an older file up to date
by running the steps in ``MIGRATIONS`` in order.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

SCHEMA_VERSION = 4

DDL = """
CREATE TABLE IF NOT EXISTS reports (
    id              TEXT PRIMARY KEY,
    region          TEXT,
    province        TEXT,
    city            TEXT,
    county          TEXT,
    admin_code      TEXT,
    level           TEXT,
    report_year     INTEGER,
    date            TEXT,
    speaker         TEXT,
    speaker_title   TEXT,
    session         TEXT,
    review_period   TEXT,
    plan_year       INTEGER,
    partial         INTEGER NOT NULL DEFAULT 0,
    title           TEXT,
    source_path     TEXT,
    source_format   TEXT,
    encoding        TEXT,
    sha256          TEXT NOT NULL UNIQUE,
    size            INTEGER,
    ingested_at     TEXT NOT NULL,
    n_chars         INTEGER NOT NULL,
    n_sections      INTEGER NOT NULL,
    n_facts         INTEGER NOT NULL,
    n_tasks         INTEGER NOT NULL,
    n_slogans       INTEGER NOT NULL,
    n_paragraphs    INTEGER NOT NULL,
    warnings        TEXT NOT NULL DEFAULT '[]',
    text            TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS reports_region ON reports(region, report_year);
CREATE INDEX IF NOT EXISTS reports_code ON reports(admin_code, report_year);
CREATE INDEX IF NOT EXISTS reports_year ON reports(report_year);
CREATE INDEX IF NOT EXISTS reports_level ON reports(level);
CREATE INDEX IF NOT EXISTS reports_province ON reports(province);

CREATE TABLE IF NOT EXISTS sections (
    report_id       TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    seq             INTEGER NOT NULL,
    id              TEXT NOT NULL,
    parent          TEXT,
    level           INTEGER NOT NULL,
    number          TEXT,
    title           TEXT NOT NULL,
    role            TEXT NOT NULL,
    start           INTEGER NOT NULL,
    end             INTEGER NOT NULL,
    heading_start   INTEGER,
    heading_end     INTEGER,
    PRIMARY KEY (report_id, id)
);
CREATE INDEX IF NOT EXISTS sections_role ON sections(role);

CREATE TABLE IF NOT EXISTS indicators (
    id              TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    aliases         TEXT,
    default_unit    TEXT,
    direction       TEXT NOT NULL CHECK (direction IN ('up', 'down', 'none')),
    notes           TEXT
);

CREATE TABLE IF NOT EXISTS facts (
    id              INTEGER PRIMARY KEY,
    report_id       TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    seq             INTEGER NOT NULL,
    region          TEXT,
    admin_code      TEXT,
    province        TEXT,
    city            TEXT,
    level           TEXT,
    report_year     INTEGER,
    kind            TEXT NOT NULL,
    period          TEXT,
    period_start    INTEGER,
    period_end      INTEGER,
    indicator       TEXT,
    indicator_name  TEXT,
    indicator_text  TEXT,
    measure         TEXT NOT NULL,
    value           REAL NOT NULL,
    value_max       REAL,
    unit            TEXT NOT NULL,
    bound           TEXT NOT NULL,
    rank_scope      TEXT,
    rank_of         TEXT,
    section         TEXT,
    role            TEXT,
    start           INTEGER NOT NULL,
    end             INTEGER NOT NULL,
    evidence        TEXT NOT NULL,
    sentence        TEXT NOT NULL,
    sentence_start  INTEGER,
    sentence_end    INTEGER,
    indicator_start INTEGER,
    indicator_end   INTEGER,
    checks          TEXT,  -- JSON array of the fact's quality flags (Fact.checks); added in version 2
    period_source   TEXT,  -- where the period was decided (Fact.period_source); added in version 3
    UNIQUE (report_id, seq)
);
CREATE INDEX IF NOT EXISTS facts_indicator ON facts(indicator, kind, period);
CREATE INDEX IF NOT EXISTS facts_region ON facts(region, report_year);
CREATE INDEX IF NOT EXISTS facts_code ON facts(admin_code, report_year);
CREATE INDEX IF NOT EXISTS facts_year ON facts(report_year);
CREATE INDEX IF NOT EXISTS facts_kind ON facts(kind);

CREATE TABLE IF NOT EXISTS tasks (
    report_id       TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    seq             INTEGER NOT NULL,
    action          TEXT NOT NULL,
    object          TEXT NOT NULL,
    value           REAL,
    value_max       REAL,
    unit            TEXT,
    bound           TEXT,
    area            TEXT,
    department      TEXT,
    deadline        TEXT,
    section         TEXT,
    start           INTEGER NOT NULL,
    end             INTEGER NOT NULL,
    sentence        TEXT NOT NULL,
    kind            TEXT,
    deadline_date   TEXT,
    department_source TEXT,
    co_departments  TEXT,
    PRIMARY KEY (report_id, seq)
);

CREATE TABLE IF NOT EXISTS slogans (
    report_id       TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    seq             INTEGER NOT NULL,
    text            TEXT NOT NULL,
    number          INTEGER NOT NULL,
    quoted          INTEGER NOT NULL DEFAULT 0,
    start           INTEGER NOT NULL,
    end             INTEGER NOT NULL,
    PRIMARY KEY (report_id, seq)
);
CREATE INDEX IF NOT EXISTS slogans_text ON slogans(text);

CREATE TABLE IF NOT EXISTS paragraphs (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    report_id       TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    seq             INTEGER NOT NULL,
    start           INTEGER NOT NULL,
    end             INTEGER NOT NULL,
    text            TEXT NOT NULL,
    UNIQUE (report_id, seq)
);

-- contentless: the indexed column holds character bigrams (fulltext.py), rows are keyed by
-- paragraphs.id; deleting a row re-derives its tokens from paragraphs.text
CREATE VIRTUAL TABLE IF NOT EXISTS paragraphs_fts USING fts5(
    tokens, content='', tokenize='unicode61 remove_diacritics 0'
);
"""

def _add_columns(conn: sqlite3.Connection, table: str, *columns: str) -> None:
    """ALTER TABLE … ADD COLUMN for each column the table lacks (a table not there yet is made whole later)."""
    have = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
    for column in columns:
        if have and column not in have:
            conn.execute(f"ALTER TABLE {table} ADD COLUMN {column} TEXT")


#: version → function bringing a database at ``version - 1`` to ``version``.
#: Add a step here (and bump SCHEMA_VERSION) whenever the DDL above changes.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    2: lambda conn: _add_columns(conn, "facts", "checks"),  # the quality flags (Fact.checks)
    3: lambda conn: _add_columns(conn, "facts", "period_source"),  # where a fact's period was decided
    # the 督查 fields of a task (kind, deadline date, lead unit source, co-operating units)
    4: lambda conn: _add_columns(conn, "tasks", "kind", "deadline_date", "department_source", "co_departments"),
}


def migrate(conn: sqlite3.Connection) -> int:
    """Create or upgrade the schema in ``conn``; return the version found before."""
    from govreport.errors import StoreError

    found = conn.execute("PRAGMA user_version").fetchone()[0]
    if found > SCHEMA_VERSION:
        raise StoreError(f"database schema version {found} is newer than this govreport ({SCHEMA_VERSION})")
    if found == SCHEMA_VERSION:
        return found
    if found == 0:
        # executescript runs the DDL as one transaction; user_version is set inside it
        conn.executescript(f"BEGIN;\n{DDL}\nPRAGMA user_version = {SCHEMA_VERSION};\nCOMMIT;")
        return found
    conn.execute("BEGIN IMMEDIATE")
    try:
        for version in range(found + 1, SCHEMA_VERSION + 1):
            step = MIGRATIONS.get(version)
            if step is None:
                raise StoreError(f"no migration from schema version {version - 1} to {version}")
            step(conn)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return found
