"""The slim layout (schema version 8): a database at most about twice the size of its text.

What took the room at version 7 (150 synthetic reports, 17.8 MB of text, 77.3 MB of file): the
trigram index 31 MB, ``task_rows`` 14.5 MB, the text itself 18 MB, facts and their indexes 8 MB.
Version 8 changes how they are stored, never what a reader gets:

- the full-text index keeps which paragraphs hold each trigram, without positions
  (``detail=none``, ``columnsize=0``): a term longer than three characters is looked up as all
  of its trigrams and checked with ``LIKE`` on the paragraph, so the hits are the same; search
  results come newest report first instead of by ``bm25`` (``fulltext.py``).

``migrate_v8`` converts a version-7 database in place (idempotent) and the file is vacuumed once.
"""

from __future__ import annotations

import sqlite3

from govreport.store import fulltext

#: the schema version that brought this layout in (``schema.MIGRATIONS``)
VERSION = 8


def _fts_is_slim(conn: sqlite3.Connection) -> bool:
    row = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'paragraphs_fts'").fetchone()
    return row is not None and "detail=none" in row[0].replace(" ", "")


def slim_index(conn: sqlite3.Connection) -> None:
    """The full-text index remade without positions (same rowids, same indexed text), merged."""
    if _fts_is_slim(conn) or not conn.execute(
            "SELECT 1 FROM sqlite_master WHERE name = 'paragraph_rows'").fetchone():
        return
    from govreport.store.schema import FTS_DDL

    conn.execute("DROP TABLE IF EXISTS paragraphs_fts")
    conn.execute(FTS_DDL)
    fulltext.rebuild(conn)
    fulltext.optimize(conn)


def migrate_v8(conn: sqlite3.Connection) -> None:
    """Version 8: the slim layout. Idempotent: a part already converted is left as it is, and a
    stub database in a test (no reports table) is left alone."""
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'reports' AND type = 'table'").fetchone():
        return
    slim_index(conn)
