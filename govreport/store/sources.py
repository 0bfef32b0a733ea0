"""Where each stored report came from, and corrections of what the extractor got wrong.

- ``sources``: one row per file a report was read from: the path, URL, publisher, retrieval
  date, format, SHA-256 and how it matched (``first``: the file the report was extracted from;
  ``exact``/``near``: a duplicate, see ``duplicates.py``; ``same_file``: the same bytes under
  another path). A report read from three files has three rows; it is stored and counted once.
- A **manifest** (``ingest --manifest FILE``, or a ``SOURCES.tsv``/``SOURCES.csv`` in an
  ingested folder) gives per file: ``path`` (or ``file``), ``url`` (or ``source``),
  ``publisher``, ``retrieved``, and optionally ``region``, ``level``, ``report_year`` (or
  ``year``) that override what the extractor found. Paths are relative to the manifest's
  folder. Without a publisher, the URL's host stands for it.
- ``fix_report`` (``govreport fix``, and the manifest's overrides) corrects a stored report's
  region, level or year; a new year also re-dates the periods that were derived from the
  report year or the section (``Fact.period_source`` ``report`` or ``section``), by the same
  number of years. Every change is a row of ``report_fixes`` (who, when, field, old, new).
"""

from __future__ import annotations

import csv
import getpass
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from govreport.errors import ManifestError
from govreport.store.db import Database, period_bounds

MANIFEST_NAMES = ("SOURCES.tsv", "SOURCES.csv")
LEVELS = ("national", "province", "city", "county", "district")
#: manifest column → the names it goes by in the wild (first found wins)
COLUMNS = {
    "path": ("path", "file", "filename", "file_name"),
    "url": ("url", "source_url", "source", "link"),
    "publisher": ("publisher", "site", "source_name", "website"),
    "retrieved": ("retrieved", "retrieved_at", "accessed", "date_retrieved", "downloaded"),
    "region": ("region",),
    "level": ("level",),
    "report_year": ("report_year", "year"),
}
#: the period sources a new report year re-dates
REDATED = ("report", "section")
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|2\d\d\d)(?!\d)")


@dataclass(frozen=True, slots=True)
class ManifestEntry:
    path: Path  # resolved
    url: str | None = None
    publisher: str | None = None
    retrieved: str | None = None
    region: str | None = None
    level: str | None = None
    report_year: int | None = None
    manifest: str | None = None  # the manifest file it came from

    def overrides(self) -> dict[str, Any]:
        return {k: v for k, v in (("region", self.region), ("level", self.level),
                                  ("year", self.report_year)) if v is not None}


def _pick(row: dict[str, str], names: Iterable[str]) -> str | None:
    for name in names:
        value = (row.get(name) or "").strip()
        if value:
            return value
    return None


def read_manifest(path: str | Path) -> dict[Path, ManifestEntry]:
    """The entries of a manifest (TSV or CSV, by its ending or its header), by resolved path."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ManifestError(f"{path}: cannot read the manifest ({exc})") from exc
    lines = text.splitlines()
    if not lines:
        raise ManifestError(f"{path}: the manifest is empty")
    delimiter = "\t" if path.suffix.lower() == ".tsv" or "\t" in lines[0] else ","
    reader = csv.DictReader(lines, delimiter=delimiter)
    header = [h.strip().lower() for h in reader.fieldnames or []]
    reader.fieldnames = header
    if not any(name in header for name in COLUMNS["path"]):
        raise ManifestError(f"{path}: the manifest has no path column (one of {', '.join(COLUMNS['path'])})")
    out: dict[Path, ManifestEntry] = {}
    for n, row in enumerate(reader, start=2):
        values = {key: _pick(row, names) for key, names in COLUMNS.items()}
        if not values["path"]:
            continue
        url = values["url"] if values["url"] and "://" in values["url"] else None
        year = values["report_year"]
        if year is not None and not re.fullmatch(r"\d{4}", year):
            raise ManifestError(f"{path}: line {n}: report_year {year!r} is not a year")
        level = values["level"]
        if level is not None and level not in LEVELS:
            raise ManifestError(f"{path}: line {n}: level {level!r} is not one of {', '.join(LEVELS)}")
        file = (path.parent / values["path"]).resolve()
        out[file] = ManifestEntry(file, url=url, publisher=values["publisher"] or _host(url),
                                  retrieved=values["retrieved"], region=values["region"], level=level,
                                  report_year=int(year) if year else None, manifest=str(path))
    return out


def _host(url: str | None) -> str | None:
    return urlsplit(url).hostname if url else None


def find_manifests(paths: Iterable[str | Path]) -> list[Path]:
    """The SOURCES.tsv/.csv inside each given folder (and beside each given file)."""
    found: list[Path] = []
    for p in paths:
        folder = Path(p) if Path(p).is_dir() else Path(p).parent
        for name in MANIFEST_NAMES:
            candidate = folder / name
            if candidate.is_file() and candidate not in found:
                found.append(candidate)
    return found


def load_manifests(paths: Iterable[str | Path]) -> dict[Path, ManifestEntry]:
    out: dict[Path, ManifestEntry] = {}
    for p in paths:
        out.update(read_manifest(p))
    return out


def add_source(conn: sqlite3.Connection, report_id: str, *, path: str, sha256: str, size: int | None,
               relation: str, fmt: str | None = None, encoding: str | None = None,
               text_hash: str | None = None, similarity: float | None = None, url: str | None = None,
               entry: ManifestEntry | None = None) -> None:
    """Record one file of ``report_id`` (the manifest entry, when there is one, gives URL etc.)."""
    now = datetime.now(UTC).isoformat(timespec="seconds")
    conn.execute(
        "INSERT INTO sources (report_id, path, url, publisher, retrieved, format, encoding, sha256, size, "
        "text_hash, relation, similarity, added_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) "
        "ON CONFLICT(report_id, path, sha256) DO UPDATE SET url = coalesce(excluded.url, url), "
        "publisher = coalesce(excluded.publisher, publisher), retrieved = coalesce(excluded.retrieved, retrieved)",
        (report_id, path, (entry.url if entry else None) or url, entry.publisher if entry else _host(url),
         entry.retrieved if entry else None, fmt, encoding, sha256, size, text_hash, relation, similarity, now))


def report_sources(db: Database, report_id: str) -> list[dict[str, Any]]:
    return db.rows("SELECT path, url, publisher, retrieved, format, sha256, relation, similarity, added_at "
                   "FROM sources WHERE report_id = ? ORDER BY id", (report_id,))


@dataclass(frozen=True, slots=True)
class Fix:
    report_id: str
    changes: tuple[tuple[str, Any, Any], ...]  # (field, old, new)
    facts_changed: int


def _shift_years(text: str | None, delta: int) -> str | None:
    if text is None or not delta:
        return text
    return _YEAR.sub(lambda m: str(int(m.group()) + delta), text)


def _n_facts(conn: Any, report_id: str) -> int:
    return int(conn.execute("SELECT count(*) FROM fact_rows WHERE report_id = ?", (report_id,)).fetchone()[0])


def fix_report(db: Database, report_id: str, *, year: int | None = None, region: str | None = None,
               level: str | None = None, who: str | None = None) -> Fix:
    """Correct a stored report's year, region or level (and its facts) in one transaction.

    A changed year moves ``report_year`` and, by the same number of years, ``plan_year``,
    ``review_period`` and the period of every fact whose period was derived from the report or
    its section; facts whose period the text states are left alone. Nothing that is already
    right is touched (or recorded)."""
    if level is not None and level not in LEVELS:
        raise ManifestError(f"level {level!r} is not one of {', '.join(LEVELS)}")
    who = who or f"cli:{_user()}"
    with db.transaction() as conn:
        found = conn.execute("SELECT report_year, region, level, plan_year, review_period FROM reports "
                             "WHERE id = ?", (report_id,)).fetchone()
        if found is None:
            raise ManifestError(f"no report {report_id!r} in {db.path}")
        old = dict(found)
        changes: list[tuple[str, Any, Any]] = []
        facts_changed = 0
        if region is not None and region != old["region"]:
            changes.append(("region", old["region"], region))
            conn.execute("UPDATE reports SET region = ? WHERE id = ?", (region, report_id))
            facts_changed = max(facts_changed, _n_facts(conn, report_id))  # facts read it from reports
        if level is not None and level != old["level"]:
            changes.append(("level", old["level"], level))
            conn.execute("UPDATE reports SET level = ? WHERE id = ?", (level, report_id))
            facts_changed = max(facts_changed, _n_facts(conn, report_id))
        if year is not None and year != old["report_year"]:
            delta = year - old["report_year"] if old["report_year"] is not None else 0
            changes.append(("report_year", old["report_year"], year))
            plan = old["plan_year"] + delta if old["plan_year"] is not None and delta else old["plan_year"]
            review = _shift_years(old["review_period"], delta)
            if plan != old["plan_year"]:
                changes.append(("plan_year", old["plan_year"], plan))
            if review != old["review_period"]:
                changes.append(("review_period", old["review_period"], review))
            conn.execute("UPDATE reports SET report_year = ?, plan_year = ?, review_period = ? WHERE id = ?",
                         (year, plan, review, report_id))
            redated = []
            marks = ", ".join("?" * len(REDATED))
            for fid, period in conn.execute(
                    f"SELECT id, period FROM fact_rows WHERE report_id = ? AND period IS NOT NULL "
                    f"AND period_source IN ({marks})", (report_id, *REDATED)).fetchall():
                new = _shift_years(period, delta)
                if new != period:
                    redated.append((new, *period_bounds(new), fid))
            conn.executemany("UPDATE fact_rows SET period = ?, period_start = ?, period_end = ? WHERE id = ?",
                             redated)
            facts_changed = max(facts_changed, len(redated))
        now = datetime.now(UTC).isoformat(timespec="seconds")
        conn.executemany(
            "INSERT INTO report_fixes (report_id, field, old, new, who, at, facts_changed) VALUES (?,?,?,?,?,?,?)",
            [(report_id, f, None if o is None else str(o), None if n is None else str(n), who, now,
              facts_changed) for f, o, n in changes])
    return Fix(report_id, tuple(changes), facts_changed)


def report_fixes(db: Database, report_id: str | None = None) -> list[dict[str, Any]]:
    where, params = (" WHERE report_id = ?", (report_id,)) if report_id else ("", ())
    return db.rows(f"SELECT report_id, field, old, new, who, at, facts_changed FROM report_fixes{where} "
                   "ORDER BY id", params)


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in a container
        return "unknown"
