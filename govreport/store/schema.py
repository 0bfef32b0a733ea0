"""The database schema: tidy tables, one row per thing, facetable columns, a version.

Tables (documented in README.md, "Database"):

- ``reports``     one row per stored report: the ``doc`` fields, the cleaned text, the source
                  (path, SHA-256, size, format), ingest time and the counts of its rows in
                  the child tables (``n_sections`` …), so a reader can check a report is whole.
- ``sections``, ``slogans``, ``fact_rows``, ``task_rows``   the extracted things, spans as
                  ``start``/``end`` character offsets into ``reports.text``; no copy of the
                  text (sentences are spans too) and no copy of the report's region or year.
                  The views ``facts`` and ``tasks`` give them with their words and, for facts,
                  the report's region, level and year (``compact.py``, version 7).
- ``paragraph_rows`` the text's lines (one paragraph per line) as offsets; the view
                  ``paragraphs`` adds their text, and ``paragraphs_fts`` is the full-text index
                  over it (see ``fulltext.py``).
- ``indicators``  the canonical indicator table (id, Chinese name, unit, direction).
- ``sources``     every file a report was read from (path, URL, publisher, retrieval date, format,
                  SHA-256, how it matched: the first file, an exact or a near duplicate);
                  ``report_fixes`` every correction of a stored report (``govreport fix``, a
                  manifest): who, when, the field, the old and the new value (``sources.py``).
- views ``facts_view`` and ``reports_view`` join facts to their report and indicator name.
  The views that cut words out of the text are shadowed on govreport's own connections
  by faster TEMP views (``compact.install``).
- ``corrections`` reviewers' corrections of facts, and the views ``corrections_current`` and
                  ``facts_effective`` (the facts with them applied; see ``corrections.py``).

``PRAGMA user_version`` holds ``SCHEMA_VERSION``; ``migrate`` brings an older file up to date
by running the steps in ``MIGRATIONS`` in order.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from govreport.store import compact, shortscan, slim

SCHEMA_VERSION = 10

#: the fact fields a correction may set (period_start/period_end follow period)
CORRECTABLE = ("kind", "period", "period_start", "period_end", "indicator", "measure", "value", "value_max",
               "unit", "bound")


def _set(name: str, base: str) -> str:
    """SQL: the field as the current correction ``c`` sets it (JSON null included), else ``base``."""
    return f"CASE WHEN json_type(c.fields, '$.{name}') IS NULL THEN {base} ELSE json_extract(c.fields, '$.{name}') END"


def _fields(base: str) -> dict[str, str]:
    return {name: _set(name, base.format(name=name)) for name in CORRECTABLE}


_F = _fields("f.{name}")
_A = _fields("json_extract(a.fields, '$.{name}')")
_SECTION = ("(SELECT s.{col} FROM sections s WHERE s.report_id = r.id AND s.start <= a.start AND a.start < s.end "
            "ORDER BY s.level DESC LIMIT 1)")

#: Reviewers' corrections (``store/corrections.py``) and the facts with them applied. A correction
#: is keyed by the SHA-256 of the report's text and the fact's span and extracted indicator, never
#: by a report id or a row id, and ingest never touches this table: re-ingesting the same text
#: finds the same facts again and the corrections apply to them as before.
#: tracking's counts per region, kept at the end of an ingest so the first /tracking page reads
#: them instead of tracking every region (``govreport/track_summary.py``); version 9
TRACK_SUMMARY_DDL = """
CREATE TABLE IF NOT EXISTS track_summary (
    region_key  TEXT PRIMARY KEY,  -- JSON of the region name (null: the reports without one)
    state       TEXT NOT NULL,     -- digest of what the counts were computed from (its reports, corrections, rules)
    in_order    INTEGER NOT NULL,  -- every row of the region at the level the region sorts by
    verdicts    TEXT NOT NULL,     -- JSON {verdict: rows}
    counts      TEXT NOT NULL,     -- JSON [[indicator, verdict, rows], ...]
    facts       TEXT NOT NULL      -- JSON {indicator: facts} (the facts table's, as the indicator menu counts them)
);
-- what tracking reads of every report (its groups, the years of each unit, the regions' states)
-- without a visit to each report's row, whose text makes it pages long
CREATE INDEX IF NOT EXISTS reports_tracking ON reports(region, id, sha256, ingested_at, province, admin_code, level,
    report_year, plan_year);
"""


def _track_summary_step(conn: sqlite3.Connection) -> None:
    """Version 9: the ``track_summary`` table (empty: filled at the next ingest's end) and the
    ``reports_tracking`` index. Idempotent; a stub without a reports table is left as it is."""
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'reports' AND type = 'table'").fetchone():
        return
    for statement in TRACK_SUMMARY_DDL.split(";\n"):
        if statement.strip():
            conn.execute(statement)


def _short_search_step(conn: sqlite3.Connection) -> None:
    """Version 10: the indexes of the search of one- and two-character terms (``shortscan.py``): the
    paragraphs with a folded copy (read even where the stored text lacks the term) and the reports
    in the search order. Idempotent; a file without ``paragraph_rows`` (a stub) is left as it is."""
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'paragraph_rows' AND type = 'table'").fetchone():
        for statement in shortscan.INDEX_DDL.split(";\n"):
            if statement.strip():
                conn.execute(statement)


CORRECTIONS_DDL = """
CREATE INDEX IF NOT EXISTS reports_text_sha256 ON reports(text_sha256);

CREATE TABLE IF NOT EXISTS corrections (
    id              INTEGER PRIMARY KEY,
    text_sha256     TEXT NOT NULL,   -- reports.text_sha256 of the report it was made on
    report_id       TEXT,            -- that report's id then (for reading; ids can change)
    start           INTEGER NOT NULL,
    end             INTEGER NOT NULL,
    indicator       TEXT,            -- the fact's indicator as extracted (for add: as added)
    evidence        TEXT NOT NULL,   -- the span's words, checked on import
    action          TEXT NOT NULL CHECK (action IN ('mark_wrong', 'edit', 'add')),
    fields          TEXT NOT NULL DEFAULT '{}',  -- JSON: the fields set (kind, period, indicator, value, ...)
    sentence_start  INTEGER,         -- for add: the sentence around the span
    sentence_end    INTEGER,
    who             TEXT NOT NULL,
    made_at         TEXT NOT NULL,   -- ISO 8601, UTC
    why             TEXT
);
CREATE INDEX IF NOT EXISTS corrections_key ON corrections(text_sha256, start, end);

-- the latest mark_wrong or edit of each fact key (by made_at, then id: a later one supersedes)
CREATE VIEW IF NOT EXISTS corrections_current AS
SELECT c.* FROM corrections c
WHERE c.action IN ('mark_wrong', 'edit') AND NOT EXISTS (
    SELECT 1 FROM corrections d WHERE d.text_sha256 = c.text_sha256 AND d.start = c.start AND d.end = c.end
    AND d.indicator IS c.indicator AND d.action IN ('mark_wrong', 'edit')
    AND (d.made_at > c.made_at OR (d.made_at = c.made_at AND d.id > c.id)));

"""

#: the facts_effective view of version 6 (over the facts table of that version)
_EFFECTIVE_V6 = f"""
-- facts with the corrections applied: marked-wrong facts left out, edited fields replaced,
-- added facts included (id = -correction id); corrected = 1 on every row a correction touched
CREATE VIEW IF NOT EXISTS facts_effective AS
SELECT f.id, f.report_id, f.seq, f.region, f.admin_code, f.province, f.city, f.level, f.report_year,
    {_F["kind"]} AS kind,
    {_F["period"]} AS period,
    {_F["period_start"]} AS period_start,
    {_F["period_end"]} AS period_end,
    {_F["indicator"]} AS indicator,
    CASE WHEN json_type(c.fields, '$.indicator') IS NULL THEN f.indicator_name
         ELSE (SELECT i.name FROM indicators i WHERE i.id = json_extract(c.fields, '$.indicator')) END
         AS indicator_name,
    f.indicator_text,
    {_F["measure"]} AS measure,
    {_F["value"]} AS value,
    {_F["value_max"]} AS value_max,
    {_F["unit"]} AS unit,
    {_F["bound"]} AS bound,
    f.rank_scope, f.rank_of, f.section, f.role,
    f.start, f.end, f.evidence, f.sentence, f.sentence_start, f.sentence_end, f.indicator_start,
    f.indicator_end, f.checks,
    CASE WHEN json_type(c.fields, '$.period') IS NULL THEN f.period_source ELSE 'review' END AS period_source,
    c.id IS NOT NULL AS corrected, c.id AS correction_id
FROM facts f JOIN reports r ON r.id = f.report_id
LEFT JOIN corrections_current c ON c.text_sha256 = r.text_sha256 AND c.start = f.start AND c.end = f.end
    AND c.indicator IS f.indicator
WHERE c.action IS NULL OR c.action != 'mark_wrong'
UNION ALL
SELECT -a.id, r.id, 1000000 + a.id, r.region, r.admin_code, r.province, r.city, r.level, r.report_year,
    {_A["kind"]},
    {_A["period"]},
    {_A["period_start"]},
    {_A["period_end"]},
    {_A["indicator"]},
    (SELECT i.name FROM indicators i WHERE i.id = {_A["indicator"]}),
    json_extract(a.fields, '$.indicator_text'),
    {_A["measure"]},
    {_A["value"]},
    {_A["value_max"]},
    {_A["unit"]},
    {_A["bound"]},
    NULL, NULL, {_SECTION.format(col="id")}, {_SECTION.format(col="role")},
    a.start, a.end, substr(r.text, a.start + 1, a.end - a.start),
    coalesce(substr(r.text, a.sentence_start + 1, a.sentence_end - a.sentence_start),
             substr(r.text, a.start + 1, a.end - a.start)),
    a.sentence_start, a.sentence_end, NULL, NULL, NULL, 'review', 1, coalesce(c.id, a.id)
FROM corrections a JOIN reports r ON r.text_sha256 = a.text_sha256
LEFT JOIN corrections_current c ON c.text_sha256 = a.text_sha256 AND c.start = a.start AND c.end = a.end
    AND c.indicator IS a.indicator AND (c.made_at > a.made_at OR (c.made_at = a.made_at AND c.id > a.id))
WHERE a.action = 'add' AND (c.action IS NULL OR c.action != 'mark_wrong');
"""


_SECTION_IN = ("(SELECT s.{col} FROM {S}sections s WHERE s.report_id = r.id AND s.start <= a.start "
               "AND a.start < s.end ORDER BY s.level DESC LIMIT 1)")


def effective_view(cut: Callable[[str, str, str], str], schema: str = "") -> str:
    """The ``facts_effective`` view of version 7 (``compact.py``): the facts with the corrections
    applied, over ``fact_rows``, their words cut out of the report text with ``cut``; a TEMP
    view over ``schema`` ("main.") when ``schema`` is given."""
    S = schema
    return f"""
CREATE {'TEMP ' if S else ''}VIEW IF NOT EXISTS facts_effective AS
SELECT f.id, f.report_id, f.seq, r.region, r.admin_code, r.province, r.city, r.level, r.report_year,
    {_F["kind"]} AS kind,
    {_F["period"]} AS period,
    {_F["period_start"]} AS period_start,
    {_F["period_end"]} AS period_end,
    {_F["indicator"]} AS indicator,
    (SELECT i.name FROM {S}indicators i WHERE i.id = {_F["indicator"]}) AS indicator_name,
    f.indicator_text,
    {_F["measure"]} AS measure,
    {_F["value"]} AS value,
    {_F["value_max"]} AS value_max,
    {_F["unit"]} AS unit,
    {_F["bound"]} AS bound,
    f.rank_scope, f.rank_of, f.section, f.role,
    f.start, f.end, {cut("r", "f.start", "f.end")} AS evidence,
    coalesce(f.sentence_text, {cut("r", "f.sentence_start", "f.sentence_end")}, '') AS sentence,
    f.sentence_start, f.sentence_end, f.indicator_start, f.indicator_end, f.checks,
    CASE WHEN json_type(c.fields, '$.period') IS NULL THEN f.period_source ELSE 'review' END AS period_source,
    c.id IS NOT NULL AS corrected, c.id AS correction_id
FROM {S}fact_rows f JOIN {S}reports r ON r.id = f.report_id
LEFT JOIN {S}corrections_current c ON c.text_sha256 = r.text_sha256 AND c.start = f.start AND c.end = f.end
    AND c.indicator IS f.indicator
WHERE c.action IS NULL OR c.action != 'mark_wrong'
UNION ALL
SELECT -a.id, r.id, 1000000 + a.id, r.region, r.admin_code, r.province, r.city, r.level, r.report_year,
    {_A["kind"]},
    {_A["period"]},
    {_A["period_start"]},
    {_A["period_end"]},
    {_A["indicator"]},
    (SELECT i.name FROM {S}indicators i WHERE i.id = {_A["indicator"]}),
    json_extract(a.fields, '$.indicator_text'),
    {_A["measure"]},
    {_A["value"]},
    {_A["value_max"]},
    {_A["unit"]},
    {_A["bound"]},
    NULL, NULL, {_SECTION_IN.format(col="id", S=S)}, {_SECTION_IN.format(col="role", S=S)},
    a.start, a.end, {cut("r", "a.start", "a.end")},
    coalesce({cut("r", "a.sentence_start", "a.sentence_end")}, {cut("r", "a.start", "a.end")}),
    a.sentence_start, a.sentence_end, NULL, NULL, NULL, 'review', 1, coalesce(c.id, a.id)
FROM {S}corrections a JOIN {S}reports r ON r.text_sha256 = a.text_sha256
LEFT JOIN {S}corrections_current c ON c.text_sha256 = a.text_sha256 AND c.start = a.start AND c.end = a.end
    AND c.indicator IS a.indicator AND (c.made_at > a.made_at OR (c.made_at = a.made_at AND c.id > a.id))
WHERE a.action = 'add' AND (c.action IS NULL OR c.action != 'mark_wrong')"""

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
    text            TEXT NOT NULL,
    source_url      TEXT,  -- from the manifest, the MHT Content-Location or the page's 本文地址; version 5
    text_hash       TEXT,  -- SHA-256 of the normalized matching view (duplicates.py); version 5
    minhash         BLOB,  -- MinHash signature of the matching view's character shingles; version 5
    text_sha256     TEXT   -- SHA-256 of text: the key corrections hang on; version 6
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

CREATE TABLE IF NOT EXISTS indicators (
    id              TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    aliases         TEXT,
    default_unit    TEXT,
    direction       TEXT NOT NULL CHECK (direction IN ('up', 'down', 'none')),
    notes           TEXT
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

"""

#: the tables of a version-6 file (before ``compact.py``): for tests that make an older file
DDL_V6 = DDL + compact.LEGACY_DDL

#: the full-text index: FTS5's trigram tokenizer over paragraphs.search_text, external content,
#: so Datasette finds it (content="paragraphs") and the sqlite3 shell can MATCH it (fulltext.py).
#: Positions are kept (``detail=full``): without them (``detail=none``, about half the room) a term
#: of four or more characters must be checked against every candidate paragraph's text, which made
#: a search 5–10× slower at 1k reports (measured; see README "Scale benchmark")
FTS_DDL = """
CREATE VIRTUAL TABLE IF NOT EXISTS paragraphs_fts USING fts5(
    search_text, content="paragraphs", content_rowid="id", tokenize="trigram"
);
"""

def _corrections_step(conn: sqlite3.Connection) -> None:
    """Version 6: ``reports.text_sha256`` (filled in for the stored reports), the
    ``corrections`` table and the ``facts_effective`` view."""
    import hashlib

    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not {"reports", "facts", "sections", "indicators"} <= tables:
        return  # not a whole govreport database (a stub in a test): nothing to hang corrections on
    _add_columns(conn, "reports", "text_sha256")
    todo = conn.execute("SELECT id, text FROM reports WHERE text_sha256 IS NULL").fetchall()
    conn.executemany("UPDATE reports SET text_sha256 = ? WHERE id = ?",
                     [(hashlib.sha256(text.encode("utf-8")).hexdigest(), rid) for rid, text in todo])
    statement = ""
    for line in (CORRECTIONS_DDL + _EFFECTIVE_V6).splitlines(keepends=True):  # one statement at a time (a comment may hold ';')
        statement += line
        if sqlite3.complete_statement(statement):
            conn.execute(statement)
            statement = ""


SOURCES_DDL = """
CREATE TABLE IF NOT EXISTS sources (
    id              INTEGER PRIMARY KEY,
    report_id       TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    path            TEXT NOT NULL,
    url             TEXT,
    publisher       TEXT,
    retrieved       TEXT,
    format          TEXT,
    encoding        TEXT,
    sha256          TEXT NOT NULL,
    size            INTEGER,
    text_hash       TEXT,
    relation        TEXT NOT NULL CHECK (relation IN ('first', 'exact', 'near', 'same_file')),
    similarity      REAL,
    added_at        TEXT NOT NULL,
    UNIQUE (report_id, path, sha256)
);
CREATE INDEX IF NOT EXISTS sources_report ON sources(report_id);
CREATE INDEX IF NOT EXISTS sources_sha ON sources(sha256);

CREATE TABLE IF NOT EXISTS report_fixes (
    id              INTEGER PRIMARY KEY,
    report_id       TEXT NOT NULL,
    field           TEXT NOT NULL,
    old             TEXT,
    new             TEXT,
    who             TEXT NOT NULL,
    at              TEXT NOT NULL,
    facts_changed   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS report_fixes_report ON report_fixes(report_id);
CREATE INDEX IF NOT EXISTS reports_text_hash ON reports(text_hash);
"""

#: the facts_view of versions 5-6 (over the facts table of that version)
_FACTS_VIEW_V5 = """
CREATE VIEW IF NOT EXISTS facts_view AS
SELECT f.id, f.report_id, r.region, r.admin_code, r.province, r.city, r.county, r.level, r.report_year,
       r.title AS report_title, r.source_url, f.kind, f.period, f.period_start, f.period_end,
       f.indicator, i.name AS indicator_name, f.indicator_text, f.measure, f.value, f.value_max, f.unit,
       f.bound, f.rank_scope, f.rank_of, f.role, f.evidence, f.sentence, f.period_source, f.checks
FROM facts f JOIN reports r ON r.id = f.report_id LEFT JOIN indicators i ON i.id = f.indicator;
"""

REPORTS_VIEW_DDL = """
CREATE VIEW IF NOT EXISTS reports_view AS
SELECT r.id, r.region, r.admin_code, r.province, r.city, r.county, r.level, r.report_year, r.date,
       r.speaker, r.title, r.partial, r.source_url, r.source_format, r.n_facts, r.n_tasks,
       (SELECT count(*) FROM sources s WHERE s.report_id = r.id) AS n_sources,
       (SELECT count(*) FROM report_fixes x WHERE x.report_id = r.id) AS n_fixes
FROM reports r;
"""

def _add_columns(conn: sqlite3.Connection, table: str, *columns: str) -> None:
    """ALTER TABLE … ADD COLUMN for each column the table lacks (a table not there yet is made whole later)."""
    have = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
    for column in columns:
        if have and column not in have:
            conn.execute(f"ALTER TABLE {table} ADD COLUMN {column} TEXT")


def _sources_and_trigram_index(conn: sqlite3.Connection) -> None:
    """Version 5: reports.source_url/text_hash/minhash, paragraphs.folded/search_text, the sources
    and report_fixes tables, the views, and the full-text index rebuilt as a trigram index."""
    from govreport.store import fulltext

    reports = {row[1] for row in conn.execute("PRAGMA table_info(reports)")}
    _add_columns(conn, "reports", "source_url", "text_hash")
    if reports and "minhash" not in reports:
        conn.execute("ALTER TABLE reports ADD COLUMN minhash BLOB")
    paragraphs = {row[1] for row in conn.execute("PRAGMA table_xinfo(paragraphs)")}
    _add_columns(conn, "paragraphs", "folded")
    if paragraphs and "search_text" not in paragraphs:
        conn.execute("ALTER TABLE paragraphs ADD COLUMN search_text TEXT "
                     "GENERATED ALWAYS AS (coalesce(folded, text)) VIRTUAL")
    conn.execute("DROP TABLE IF EXISTS paragraphs_fts")  # the old contentless bigram index
    ddl = (FTS_DDL if paragraphs else "") + (SOURCES_DDL + _FACTS_VIEW_V5 + REPORTS_VIEW_DDL if reports else "")
    for statement in ddl.split(";\n"):
        if statement.strip():
            conn.execute(statement)
    if paragraphs:
        fulltext.rebuild(conn)
    if reports:  # every stored report keeps its file as its first source
        conn.execute(
            "INSERT OR IGNORE INTO sources (report_id, path, format, encoding, sha256, size, relation, "
            "added_at) SELECT id, coalesce(source_path, id), source_format, encoding, sha256, size, 'first', "
            "ingested_at FROM reports")


#: version → function bringing a database at ``version - 1`` to ``version``.
#: Add a step here (and bump SCHEMA_VERSION) whenever the DDL above changes.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    2: lambda conn: _add_columns(conn, "facts", "checks"),  # the quality flags (Fact.checks)
    3: lambda conn: _add_columns(conn, "facts", "period_source"),  # where a fact's period was decided
    # the 督查 fields of a task (kind, deadline date, lead unit source, co-operating units)
    4: lambda conn: _add_columns(conn, "tasks", "kind", "deadline_date", "department_source", "co_departments"),
    5: _sources_and_trigram_index,
    6: _corrections_step,  # reviewers' corrections, kept across re-ingest (store/corrections.py)
    compact.VERSION: compact.migrate_v7,  # facts, tasks, paragraphs as spans: the text once (compact.py)
    slim.VERSION: slim.migrate_v8,  # the database smaller: tasks as offsets and labels (slim.py)
    9: _track_summary_step,  # tracking's counts per region (track_summary.py)
    10: _short_search_step,  # the indexes of the short-term search: folded paragraphs, reports in order (shortscan.py)
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
        # the tables of version 7, brought to version 8 while empty (and 9: track_summary, 10: the short-term
        # search's indexes), in one transaction
        views = "".join(statement + ";\n" for statement in compact.views_ddl())
        conn.executescript(f"BEGIN;\n{DDL}{compact.TABLES_DDL}{FTS_DDL}{SOURCES_DDL}{REPORTS_VIEW_DDL}"
                           f"{CORRECTIONS_DDL}{TRACK_SUMMARY_DDL}{shortscan.INDEX_DDL}{views}")
        try:
            slim.migrate_v8(conn)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
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
