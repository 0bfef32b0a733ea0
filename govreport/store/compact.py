"""The compact layout (schema version 7): the report text is stored once, in ``reports.text``.

Facts, tasks and paragraphs keep character offsets into it, never a copy of it, and facts no
longer repeat their report's region, level and year. The physical tables are ``fact_rows``,
``task_rows`` and ``paragraph_rows``; ``facts``, ``tasks`` and ``paragraphs`` are views with
the columns the tables had before (``sentence``, ``evidence``, ``text``, ``search_text``,
``region``, ``report_year`` …), so every reader — the CLI, the exports, the web pages, a
Datasette user, the ``sqlite3`` shell — sees what it saw before.

The views in the file cut the words out of ``reports.text`` with ``substr``, which SQLite does
by loading the whole report text for each row: fine for a page of rows, slow for a table. A
govreport connection therefore shadows them with TEMP views of the same names that cut the
words with ``gr_cut(report_id, sha256, start, end)``, a Python function slicing a cached copy of
the report's text (``TextCut``), about 40 times faster over a whole table (the Datasette plugin
installs them too).

A sentence that is not the text at its span (none in the corpus, but the extractors do not
promise it) is kept whole in ``sentence_text``, so nothing is lost.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from govreport.store import fulltext

#: the schema version that brought this layout in (``schema.MIGRATIONS``; a database converted
#: from an older one is vacuumed once, to give the dropped copies' pages back)
VERSION = 7

#: the physical tables of version 7 (no text copies, no report columns repeated)
TABLES_DDL = """
CREATE TABLE IF NOT EXISTS fact_rows (
    id              INTEGER PRIMARY KEY,
    report_id       TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    seq             INTEGER NOT NULL,
    kind            TEXT NOT NULL,
    period          TEXT,
    period_start    INTEGER,
    period_end      INTEGER,
    indicator       TEXT,
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
    sentence_start  INTEGER,
    sentence_end    INTEGER,
    indicator_start INTEGER,
    indicator_end   INTEGER,
    checks          TEXT,
    period_source   TEXT,
    sentence_text   TEXT,  -- the sentence only where it is not reports.text at its span
    UNIQUE (report_id, seq)
);
-- tracking and the panel select by indicator (and kind, period); region and year go through reports
CREATE INDEX IF NOT EXISTS fact_rows_indicator ON fact_rows(indicator, kind, period);

CREATE TABLE IF NOT EXISTS task_rows (
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
    sentence_start  INTEGER,
    sentence_end    INTEGER,
    kind            TEXT,
    deadline_date   TEXT,
    department_source TEXT,
    co_departments  TEXT,
    sentence_text   TEXT,  -- the sentence only where it is not reports.text at its span
    PRIMARY KEY (report_id, seq)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS paragraph_rows (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,  -- the full-text index's rowid
    report_id       TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    seq             INTEGER NOT NULL,
    start           INTEGER NOT NULL,
    end             INTEGER NOT NULL,
    folded          TEXT,  -- fulltext.search_fold(text) where it differs (traditional, full-width)
    UNIQUE (report_id, seq)
);
"""

#: the facts, tasks and paragraphs tables of versions 1-6, with the columns of version 6 (what
#: ``migrate_v7`` converts; ``schema.DDL_V6`` makes a file of that layout, for tests)
LEGACY_DDL = """
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

CREATE TABLE IF NOT EXISTS paragraphs (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    report_id       TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    seq             INTEGER NOT NULL,
    start           INTEGER NOT NULL,
    end             INTEGER NOT NULL,
    text            TEXT NOT NULL,
    folded          TEXT,  -- fulltext.fold(text) where it differs (traditional, full-width); version 5
    search_text     TEXT GENERATED ALWAYS AS (coalesce(folded, text)) VIRTUAL,
    UNIQUE (report_id, seq)
);
"""

#: indexes of version 6 that no query uses (the report columns facts repeated, a role and a
#: slogan-text lookup nothing does): dropped by the conversion
UNUSED_INDEXES = ("facts_region", "facts_code", "facts_year", "facts_kind", "facts_indicator", "sections_role",
                  "slogans_text")

#: names of the views a govreport connection shadows with faster TEMP views
SHADOWED = ("facts", "tasks", "paragraphs", "facts_view", "facts_effective")


def substr_cut(report: str, start: str, end: str) -> str:
    """SQL: the words at [start, end) of ``{report}.text`` (portable: any SQLite can run it)."""
    return f"substr({report}.text, ({start}) + 1, ({end}) - ({start}))"


def udf_cut(report: str, start: str, end: str) -> str:
    """SQL: the same words through ``gr_cut`` (a govreport connection only)."""
    return f"gr_cut({report}.id, {report}.sha256, {start}, {end})"


Cut = Callable[[str, str, str], str]


def _facts(cut: Cut, schema: str) -> str:
    return f"""
CREATE {'TEMP ' if schema else ''}VIEW IF NOT EXISTS facts AS
SELECT f.id, f.report_id, f.seq, r.region, r.admin_code, r.province, r.city, r.level, r.report_year,
    f.kind, f.period, f.period_start, f.period_end, f.indicator, i.name AS indicator_name, f.indicator_text,
    f.measure, f.value, f.value_max, f.unit, f.bound, f.rank_scope, f.rank_of, f.section, f.role,
    f.start, f.end, {cut("r", "f.start", "f.end")} AS evidence,
    coalesce(f.sentence_text, {cut("r", "f.sentence_start", "f.sentence_end")}, '') AS sentence,
    f.sentence_start, f.sentence_end, f.indicator_start, f.indicator_end, f.checks, f.period_source
FROM {schema}fact_rows f JOIN {schema}reports r ON r.id = f.report_id
LEFT JOIN {schema}indicators i ON i.id = f.indicator"""


def _tasks(cut: Cut, schema: str) -> str:
    return f"""
CREATE {'TEMP ' if schema else ''}VIEW IF NOT EXISTS tasks AS
SELECT t.report_id, t.seq, t.action, t.object, t.value, t.value_max, t.unit, t.bound, t.area, t.department,
    t.deadline, t.section, t.start, t.end,
    coalesce(t.sentence_text, {cut("r", "t.sentence_start", "t.sentence_end")}, '') AS sentence,
    t.kind, t.deadline_date, t.department_source, t.co_departments, t.sentence_start, t.sentence_end
FROM {schema}task_rows t JOIN {schema}reports r ON r.id = t.report_id"""


def _paragraphs(cut: Cut, schema: str) -> str:
    text = cut("r", "p.start", "p.end")
    return f"""
CREATE {'TEMP ' if schema else ''}VIEW IF NOT EXISTS paragraphs AS
SELECT p.id, p.report_id, p.seq, p.start, p.end, {text} AS text, p.folded,
    coalesce(p.folded, {text}) AS search_text
FROM {schema}paragraph_rows p JOIN {schema}reports r ON r.id = p.report_id"""


def _facts_view(cut: Cut, schema: str) -> str:
    return f"""
CREATE {'TEMP ' if schema else ''}VIEW IF NOT EXISTS facts_view AS
SELECT f.id, f.report_id, r.region, r.admin_code, r.province, r.city, r.county, r.level, r.report_year,
    r.title AS report_title, r.source_url, f.kind, f.period, f.period_start, f.period_end,
    f.indicator, i.name AS indicator_name, f.indicator_text, f.measure, f.value, f.value_max, f.unit,
    f.bound, f.rank_scope, f.rank_of, f.role, {cut("r", "f.start", "f.end")} AS evidence,
    coalesce(f.sentence_text, {cut("r", "f.sentence_start", "f.sentence_end")}, '') AS sentence,
    f.period_source, f.checks
FROM {schema}fact_rows f JOIN {schema}reports r ON r.id = f.report_id
LEFT JOIN {schema}indicators i ON i.id = f.indicator"""


def _effective(cut: Cut, schema: str) -> str:
    from govreport.store.schema import effective_view

    return effective_view(cut, schema)


#: the view makers (facts, tasks, paragraphs, facts_view, facts_effective; ``slim.views_ddl``
#: replaces tasks)
VIEWS = (_facts, _tasks, _paragraphs, _facts_view, _effective)


def views_ddl(cut: Cut = substr_cut, schema: str = "") -> list[str]:
    """The CREATE VIEW statements of the compact layout: in the file (``schema`` ""), or as TEMP
    views over ``schema`` ("main.") cutting with ``cut``."""
    return [make(cut, schema) for make in VIEWS]


class TextCut:
    """``gr_cut(report_id, sha256, start, end)``: the report's text at [start, end), from the
    texts of the last reports read (a facts query reads one report's rows after another). The
    text is keyed by the report's id and file SHA-256, which fix it: a report replaced by
    another file (here or by another process) has another key, so nothing stale is served."""

    def __init__(self, conn: sqlite3.Connection, keep: int = 4) -> None:
        self.conn, self.keep = conn, keep
        self.texts: dict[tuple[str, str], str] = {}

    def __call__(self, report_id: str | None, sha256: str | None, start: int | None,
                 end: int | None) -> str | None:
        if report_id is None or sha256 is None or start is None or end is None:
            return None
        text = self.texts.get((report_id, sha256))
        if text is None:
            try:
                row = self.conn.execute("SELECT text FROM main.reports WHERE id = ? AND sha256 = ?",
                                        (report_id, sha256)).fetchone()
            except sqlite3.OperationalError as exc:
                if "interrupted" not in str(exc):
                    raise
                # the statement that called us is being interrupted (a time limit, Datasette's
                # facet suggestions): let SQLite stop it as an interruption, which callers treat as
                # a timeout, instead of "user-defined function raised exception"
                return None
            if row is None:
                return None
            if len(self.texts) >= self.keep:
                self.texts.clear()
            text = self.texts[(report_id, sha256)] = row[0]
        return text[start:end]


def install(conn: sqlite3.Connection) -> TextCut | None:
    """Register ``gr_cut`` on ``conn`` and shadow the views with TEMP views that use it, on a
    database in the compact layout (before ``PRAGMA query_only``, which forbids TEMP views).
    Also used by the Datasette plugin; None where the database is not at version 7."""
    from govreport.store import slim
    from govreport.store.schema import SCHEMA_VERSION

    if conn.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
        return None
    cut = TextCut(conn)
    conn.create_function("gr_cut", 4, cut, deterministic=True)
    for statement in slim.views_ddl(udf_cut, "main."):
        conn.execute(statement)
    return cut


def find_sentence(text: str, sentence: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of ``sentence`` in ``text`` that holds [start, end) (a task stores only the
    sentence's words), or None if there is none."""
    if not sentence:
        return None
    lo = max(0, end - len(sentence))
    at = text.find(sentence, lo, start + len(sentence))
    while at != -1 and at <= start:
        if end <= at + len(sentence):
            return at, at + len(sentence)
        at = text.find(sentence, at + 1, start + len(sentence))
    return None


def text_reader(conn: sqlite3.Connection) -> Callable[[str], str]:
    """A report's text by id, the last one kept (migrations walk the rows report by report)."""
    texts: dict[str, str] = {}

    def text_of(rid: str) -> str:
        if rid not in texts:
            texts.clear()
            texts[rid] = conn.execute("SELECT text FROM reports WHERE id = ?", (rid,)).fetchone()[0]
        return texts[rid]

    return text_of


def migrate_v7(conn: sqlite3.Connection) -> None:
    """Version 7: facts, tasks and paragraphs without copies of the text (``fact_rows``,
    ``task_rows``, ``paragraph_rows`` and the views of the old names). Idempotent: a database
    already converted (or a stub in a test without the tables) is left as it is. The
    full-text index is kept as it is (same rowids, same indexed text)."""
    kinds = dict(conn.execute("SELECT name, type FROM sqlite_master WHERE name IN "
                              "('facts', 'tasks', 'paragraphs', 'reports')").fetchall())
    if kinds.get("reports") != "table":
        return
    for statement in TABLES_DDL.split(";\n"):
        if statement.strip():
            conn.execute(statement)
    for (view,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'view' AND name IN "
                                f"({', '.join(repr(v) for v in SHADOWED)})").fetchall():
        conn.execute(f"DROP VIEW main.{view}")  # the old views read the old tables
    text_of = text_reader(conn)
    if kinds.get("facts") == "table":
        cols = ("id, report_id, seq, kind, period, period_start, period_end, indicator, indicator_text, measure, "
                "value, value_max, unit, bound, rank_scope, rank_of, section, role, start, end, sentence_start, "
                "sentence_end, indicator_start, indicator_end, checks, period_source")
        conn.execute(f"INSERT OR IGNORE INTO fact_rows ({cols}) SELECT {cols} FROM facts")
        keep = [(sentence, fid) for fid, rid, sentence, s, e in conn.execute(
                    "SELECT id, report_id, sentence, sentence_start, sentence_end FROM facts ORDER BY report_id")
                if sentence != (text_of(rid)[s:e] if s is not None and e is not None else "")]
        conn.executemany("UPDATE fact_rows SET sentence_text = ? WHERE id = ?", keep)
        conn.execute("DROP TABLE facts")
    if kinds.get("tasks") == "table":
        names = [d[0] for d in conn.execute("SELECT * FROM tasks LIMIT 0").description]
        for (rid,) in conn.execute("SELECT id FROM reports").fetchall():  # a report at a time: bounded memory
            rows = []
            for row in conn.execute("SELECT * FROM tasks WHERE report_id = ? ORDER BY seq", (rid,)).fetchall():
                t = dict(zip(names, row, strict=True))
                span = find_sentence(text_of(rid), t["sentence"], t["start"], t["end"])
                rows.append((t["report_id"], t["seq"], t["action"], t["object"], t["value"], t["value_max"], t["unit"],
                             t["bound"], t["area"], t["department"], t["deadline"], t["section"], t["start"],
                             t["end"], span[0] if span else None, span[1] if span else None, t.get("kind"),
                             t.get("deadline_date"), t.get("department_source"), t.get("co_departments"),
                             None if span or not t["sentence"] else t["sentence"]))
            conn.executemany(f"INSERT OR IGNORE INTO task_rows VALUES ({', '.join('?' * 21)})", rows)
        conn.execute("DROP TABLE tasks")
    if kinds.get("paragraphs") == "table":
        conn.execute("INSERT OR IGNORE INTO paragraph_rows (id, report_id, seq, start, end, folded) "
                     "SELECT id, report_id, seq, start, end, folded FROM paragraphs")
        conn.execute("UPDATE sqlite_sequence SET seq = max(seq, coalesce((SELECT seq FROM sqlite_sequence "
                     "WHERE name = 'paragraphs'), 0)) WHERE name = 'paragraph_rows'")
        conn.execute("DROP TABLE paragraphs")  # the index's content is now the view of that name
    for statement in views_ddl():
        conn.execute(statement)
    for index in UNUSED_INDEXES:
        conn.execute(f"DROP INDEX IF EXISTS {index}")
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'paragraphs_fts'").fetchone():
        from govreport.store.schema import FTS_DDL

        conn.execute(FTS_DDL)
        fulltext.rebuild(conn)
