"""Named queries over a govreport database, shared by the CLI, the exports and the web app.

``open_store(path, readonly=False) -> Store``; every method returns plain dicts/lists
(JSON-ready, spans as ``[start, end]``), so callers never write SQL.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from govreport.errors import QueryError, StoreError
from govreport.store import fulltext, shortscan
from govreport.store.db import Database

#: doc fields of the JSON contract, in order (the reports table holds them as columns)
DOC_FIELDS = ("id", "region", "province", "city", "county", "admin_code", "level", "report_year", "date",
              "speaker", "speaker_title", "session", "review_period", "plan_year", "partial", "title")
#: reports columns that describe the stored source file
SOURCE_FIELDS = ("source_path", "source_format", "encoding", "sha256", "size", "ingested_at")
COUNT_FIELDS = ("n_chars", "n_sections", "n_facts", "n_tasks", "n_slogans", "n_paragraphs")
FACET_FIELDS = ("province", "level", "report_year", "partial")
LEVEL_ORDER = {"national": 0, "province": 1, "city": 2, "county": 3, "district": 4}

#: fact columns returned by ``Store.facts`` (besides the span lists)
FACT_COLUMNS = ("id", "report_id", "seq", "region", "admin_code", "province", "city", "level", "report_year",
                "kind", "period", "period_start", "period_end", "indicator", "indicator_name",
                "indicator_text", "measure", "value", "value_max", "unit", "bound", "rank_scope", "rank_of",
                "section", "role", "evidence", "sentence", "period_source")


def open_store(path: str | Path, readonly: bool = False) -> Store:
    """Open (or, unless ``readonly``, create) the database at ``path``.

    Read-only opens use a ``file:…?mode=ro`` URI, so a web server cannot write by mistake."""
    return Store(path, readonly=readonly)


def _span(start: Any, end: Any) -> list[int] | None:
    return None if start is None or end is None else [start, end]


def fact_row(f: Any, corrections: bool = False) -> dict[str, Any]:
    """One fact as ``Store.facts`` gives it (``f``: a row of ``facts`` or ``facts_effective``);
    with ``corrections``, also ``corrected`` and ``correction_id`` (False/None for the table itself)."""
    row = {k: f[k] for k in FACT_COLUMNS}
    row["span"] = [f["start"], f["end"]]
    row["sentence_span"] = _span(f["sentence_start"], f["sentence_end"])
    if corrections:
        has = "corrected" in f.keys()
        row["corrected"] = bool(f["corrected"]) if has else False
        row["correction_id"] = f["correction_id"] if has else None
    return row


def _where(filters: dict[str, Any], table: str = "") -> tuple[str, list[Any]]:
    """A WHERE clause for the common filters; unknown names raise QueryError."""
    t = f"{table}." if table else ""
    clauses: list[str] = []
    params: list[Any] = []
    for name, value in filters.items():
        if value is None:
            continue
        if name == "region":
            clauses.append(f"({t}region = ? OR {t}admin_code = ?)")
            params += [value, value]
        elif name in ("year", "report_year"):
            clauses.append(f"{t}report_year = ?")
            params.append(int(value))
        elif name == "partial":
            clauses.append(f"{t}partial = ?")
            params.append(int(bool(value)))
        elif name in ("province", "city", "county", "level", "admin_code", "indicator", "kind", "measure",
                      "bound", "period", "report_id", "role", "unit", "id"):
            clauses.append(f"{t}{name} = ?")
            params.append(value)
        else:
            raise QueryError(f"unknown filter {name!r}")
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


#: the filters ``shortscan.ORDER_INDEX`` covers
_ORDER_FILTERS = {"year", "report_year", "level", "province", "region", "admin_code"}


class Store(Database):
    """A govreport database with its named queries."""

    # -- reports ---------------------------------------------------------------------------
    def list_reports(self, **filters: Any) -> list[dict[str, Any]]:
        """Reports (doc fields, source and counts; no text), filtered by region (name or
        code), year, province, city, county, level, admin_code or partial."""
        where, params = _where(filters)
        cols = ", ".join(DOC_FIELDS + SOURCE_FIELDS + COUNT_FIELDS)
        rows = self.rows(f"SELECT {cols} FROM reports{where} ORDER BY report_year, region, id", params)
        for r in rows:
            r["partial"] = bool(r["partial"])
        return rows

    def facets(self) -> dict[str, list[tuple[Any, int]]]:
        """Value counts of the report facets: province, level, report_year, partial."""
        out: dict[str, list[tuple[Any, int]]] = {}
        for name in FACET_FIELDS:
            rows = self.rows(f"SELECT {name} AS v, count(*) AS n FROM reports GROUP BY {name} "
                             f"ORDER BY n DESC, {name}")
            out[name] = [(bool(r["v"]) if name == "partial" else r["v"], r["n"]) for r in rows]
        return out

    def get_report(self, report_id: str) -> dict[str, Any]:
        """One report in the JSON contract shape (doc, text, sections, facts, tasks, slogans,
        warnings) plus ``source`` (path, SHA-256, size, ingest time)."""
        found = self.rows("SELECT * FROM reports WHERE id = ?", (report_id,))
        if not found:
            raise QueryError(f"no report {report_id!r} in {self.path}")
        r = found[0]
        doc = {k: r[k] for k in DOC_FIELDS}
        doc["partial"] = bool(doc["partial"])
        doc["source"] = r["source_path"]
        doc["source_format"] = r["source_format"]
        doc["encoding"] = r["encoding"]
        sections = [
            {"id": s["id"], "parent": s["parent"], "level": s["level"], "number": s["number"],
             "title": s["title"], "role": s["role"], "span": [s["start"], s["end"]],
             "heading_span": _span(s["heading_start"], s["heading_end"])}
            for s in self.rows("SELECT * FROM sections WHERE report_id = ? ORDER BY seq", (report_id,))]
        facts = [self._fact_record(f) for f in
                 self.rows("SELECT * FROM facts WHERE report_id = ? ORDER BY seq", (report_id,))]
        tasks = [
            {"action": t["action"], "object": t["object"], "span": [t["start"], t["end"]], "value": t["value"],
             "value_max": t["value_max"], "unit": t["unit"], "bound": t["bound"], "area": t["area"],
             "department": t["department"], "deadline": t["deadline"], "section": t["section"],
             "sentence": t["sentence"], "kind": t["kind"], "deadline_date": t["deadline_date"],
             "department_source": t["department_source"], "co_departments": t["co_departments"]}
            for t in self.rows("SELECT * FROM tasks WHERE report_id = ? ORDER BY seq", (report_id,))]
        slogans = [
            {"text": s["text"], "number": s["number"], "span": [s["start"], s["end"]], "quoted": bool(s["quoted"])}
            for s in self.rows("SELECT * FROM slogans WHERE report_id = ? ORDER BY seq", (report_id,))]
        return {"doc": doc, "text": r["text"], "sections": sections, "facts": facts, "tasks": tasks,
                "slogans": slogans, "warnings": json.loads(r["warnings"] or "[]"),
                "source": {k: r[k] for k in SOURCE_FIELDS}}

    def iter_reports(self, **filters: Any) -> Iterator[dict[str, Any]]:
        """Every (filtered) report in ``get_report`` shape, one at a time."""
        for r in self.list_reports(**filters):
            yield self.get_report(r["id"])

    def report_text(self, report_id: str) -> str:
        rows = self.rows("SELECT text FROM reports WHERE id = ?", (report_id,))
        if not rows:
            raise QueryError(f"no report {report_id!r} in {self.path}")
        return rows[0]["text"]

    # -- facts -------------------------------------------------------------------------------
    @staticmethod
    def _fact_record(f: dict[str, Any]) -> dict[str, Any]:
        return {"kind": f["kind"], "period": f["period"], "indicator": f["indicator"],
                "indicator_text": f["indicator_text"], "measure": f["measure"], "value": f["value"],
                "value_max": f["value_max"], "unit": f["unit"], "bound": f["bound"],
                "rank_scope": f["rank_scope"], "rank_of": f["rank_of"], "span": [f["start"], f["end"]],
                "section": f["section"], "sentence": f["sentence"],
                "sentence_span": _span(f["sentence_start"], f["sentence_end"]),
                "indicator_span": _span(f["indicator_start"], f["indicator_end"]),
                "checks": json.loads(f["checks"]) if f["checks"] else [],
                "period_source": f["period_source"]}

    def facts(self, region: str | None = None, year: int | None = None, indicator: str | None = None,
              kind: str | None = None, limit: int | None = None, **filters: Any) -> list[dict[str, Any]]:
        """Facts as flat rows with their report's region, level and year, the indicator's
        Chinese name, the evidence (the span's words) and ``span``/``sentence_span``.

        ``year`` is the report year; other filters: measure, level, province, city,
        admin_code, period, bound, report_id, role, unit."""
        where, params = _where({"region": region, "year": year, "indicator": indicator, "kind": kind,
                                **filters})
        return self._facts_from("facts", where, params, limit)

    def _facts_from(self, source: str, where: str, params: list[Any], limit: int | None = None,
                    corrections: bool = False) -> list[dict[str, Any]]:
        """``facts`` read from the table or view ``source`` (``store.corrections`` reads the view)."""
        sql = (f"SELECT * FROM {source}{where} ORDER BY report_year, region, report_id, seq"
               + (f" LIMIT {int(limit)}" if limit else ""))
        return [fact_row(f, corrections) for f in self.rows(sql, params)]

    def iter_facts(self, where: str = "", params: Any = (), order: str = "report_year, region, report_id, seq",
                   chunk: int = 5000, source: str = "facts") -> Iterator[dict[str, Any]]:
        """Facts as ``facts`` gives them, streamed from the cursor ``chunk`` rows at a time (the lock
        is held per chunk, not across the caller's loop): ``where`` is an SQL condition on facts;
        ``source`` the table or view read (``facts_effective``: with corrections, and ``corrected``)."""
        sql = f"SELECT * FROM {source}{' WHERE ' + where if where else ''} ORDER BY {order}"
        for f in self.iter_rows(sql, params, chunk):
            yield fact_row(f, corrections=source != "facts")

    def iter_rows(self, sql: str, params: Any = (), chunk: int = 5000) -> Iterator[dict[str, Any]]:
        """The rows of ``sql`` as dicts, streamed from one cursor ``chunk`` rows at a time; the lock
        is held per chunk, not across the caller's loop (the streaming readers all go through it)."""
        with self._lock:
            try:
                cursor = self.conn.execute(sql, params)
            except sqlite3.Error as exc:
                raise QueryError(f"{self.path}: {exc}") from exc
        try:
            while True:
                with self._lock:
                    try:
                        batch = cursor.fetchmany(chunk)
                    except sqlite3.Error as exc:
                        raise QueryError(f"{self.path}: {exc}") from exc
                if not batch:
                    return
                for row in batch:
                    yield dict(row)
        finally:
            cursor.close()

    def fetch(self, sql: str, params: Any = ()) -> tuple[tuple[str, ...], list[tuple[Any, ...]]]:
        """(column names, rows as plain tuples) of ``sql``: for readers that go over many rows
        (``dict(zip(names, row))`` is several times cheaper than ``dict(sqlite3.Row)``)."""
        with self._lock:
            try:
                cursor = self.conn.cursor()
                cursor.row_factory = None
                rows = cursor.execute(sql, params).fetchall()
                return tuple(d[0] for d in cursor.description), rows
            except sqlite3.Error as exc:
                raise QueryError(f"{self.path}: {exc}") from exc

    def region_series(self, region: str) -> list[dict[str, Any]]:
        """A region's single-year figures over time, one row per indicator, measure, kind and
        period (the latest report's statement wins, e.g. a final figure over an estimate)."""
        # reviewers' corrections applied (store/corrections.py), where the database has them
        source = "facts_effective" if self.rows("SELECT 1 FROM sqlite_master WHERE name = 'facts_effective'") \
            else "facts"
        rows = self.rows(
            f"SELECT f.*, i.direction FROM {source} f LEFT JOIN indicators i ON i.id = f.indicator "
            "WHERE (f.region = ? OR f.admin_code = ?) AND f.indicator IS NOT NULL "
            "AND f.period_start IS NOT NULL AND f.period_start = f.period_end "
            "ORDER BY f.indicator, f.measure, f.kind, f.period_start, f.report_year, f.seq", (region, region))
        best: dict[tuple[Any, ...], dict[str, Any]] = {}
        for f in rows:
            key = (f["indicator"], f["measure"], f["kind"], f["period_start"])
            if key not in best or (f["report_year"] or 0) > (best[key]["report_year"] or 0):
                best[key] = f
        return [{"indicator": f["indicator"], "indicator_name": f["indicator_name"], "measure": f["measure"],
                 "kind": f["kind"], "period": f["period"], "year": f["period_start"], "value": f["value"],
                 "value_max": f["value_max"], "unit": f["unit"], "bound": f["bound"],
                 "direction": f["direction"], "report_id": f["report_id"], "report_year": f["report_year"],
                 "span": [f["start"], f["end"]], "evidence": f["evidence"]} for f in best.values()]

    def indicators(self) -> dict[str, dict[str, Any]]:
        """The canonical indicator table stored with the data, by id."""
        return {r["id"]: r for r in self.rows("SELECT * FROM indicators ORDER BY id")}

    # -- full-text search ----------------------------------------------------------------------
    def _search_plan(self, query: str, filters: dict[str, Any]) -> tuple[str, list[Any]]:
        """The FROM … WHERE of a search (one plan for ``search`` and ``search_count``, so a page's
        hits and the total never disagree): the trigram index narrows the rows, and terms shorter
        than a trigram are checked with LIKE on the folded text."""
        if not query.strip():
            raise QueryError("empty search query")
        where, params = _where(filters, "r")
        extra = where.replace(" WHERE ", " AND ", 1)
        expr, like_terms = fulltext.query_plan(query)
        likes = "".join(" AND p.search_text LIKE ? ESCAPE '\\'" for _ in like_terms)
        like_params = [fulltext.like_pattern(t) for t in like_terms]
        if expr is not None:
            return ("paragraphs_fts JOIN paragraphs p ON p.id = paragraphs_fts.rowid JOIN reports r ON "
                    f"r.id = p.report_id WHERE paragraphs_fts MATCH ?{likes}{extra}", [expr, *like_params, *params])
        # only one- and two-character terms: nothing the trigram index can answer, scan
        return f"paragraphs p JOIN reports r ON r.id = p.report_id WHERE 1{likes}{extra}", [*like_params, *params]

    def _short_scan(self, query: str, filters: dict[str, Any], stop: int | None,
                    time_limit: float | None) -> shortscan.ScanResult | None:
        """A query of one- and two-character terms only, scanned report by report in the search
        order (``shortscan.py``), or None for any other query (the index narrows it; measured:
        checking its candidates against report bytes read whole was slower than ``LIKE`` on the
        view) or a database without ``paragraph_rows`` (an older layout opened read-only)."""
        if not query.strip():
            raise QueryError("empty search query")
        expr, terms = fulltext.query_plan(query)
        if expr is not None or not self.rows("SELECT 1 FROM sqlite_master WHERE name = 'paragraph_rows'"):
            return None
        where, params = _where(filters, "r")
        # the order (and the filters' columns) from the covering index, not the reports' rows
        order = self.rows("SELECT 1 FROM sqlite_master WHERE name = ?", (shortscan.ORDER_INDEX,))
        indexed = f" INDEXED BY {shortscan.ORDER_INDEX}" if order and set(filters) <= _ORDER_FILTERS else ""
        sql = (f"SELECT r.id, r.rowid, r.n_paragraphs FROM main.reports r{indexed}{where} "
               "ORDER BY r.report_year DESC, r.id")
        key = (tuple(terms), sql, tuple(params), time_limit)
        with self._lock:
            cache = self.__dict__.setdefault("_scan_cache", shortscan.ScanCache())
            found = cache.get(self.conn, key, stop)
            if found is None:
                try:
                    found = shortscan.scan(self.conn, terms, sql, params, stop, time_limit)
                except sqlite3.Error as exc:
                    raise StoreError(f"{self.path}: {exc}") from exc
                cache.put(self.conn, key, found)
        return found

    def search_total(self, query: str, at_most: int | None = None, time_limit: float | None = None,
                     **filters: Any) -> shortscan.SearchTotal:
        """How many paragraphs ``search`` finds for ``query``; a query of one- and two-character
        terms only (no index to narrow it) stops counting past ``at_most`` hits or after
        ``time_limit`` seconds, and says so (``complete`` False: "more than N", or cut)."""
        stop = None if at_most is None else at_most + 1
        scanned = self._short_scan(query, filters, stop, time_limit)
        if scanned is None:
            return shortscan.SearchTotal(self.search_count(query, **filters))
        if at_most is not None and len(scanned.ids) > at_most:
            return shortscan.SearchTotal(at_most, False, False, scanned.reports_read)
        return shortscan.SearchTotal(len(scanned.ids), scanned.complete, scanned.timed_out, scanned.reports_read)

    def search_count(self, query: str, **filters: Any) -> int:
        """How many paragraphs ``search`` finds for ``query`` in all (its hits are one page)."""
        scanned = self._short_scan(query, filters, None, None)
        if scanned is not None:
            return len(scanned.ids)
        source, params = self._search_plan(query, filters)
        return int(self.rows(f"SELECT count(*) AS n FROM {source}", params)[0]["n"])

    def search(self, query: str, limit: int = 50, mark: tuple[str, str] = ("«", "»"), offset: int = 0,
               time_limit: float | None = None, **filters: Any) -> list[dict[str, Any]]:
        """Paragraphs containing every whitespace-separated term of ``query`` (any length ≥ 1),
        best first: report id, region, level, year, ``snippet`` with each hit between the
        ``mark`` pair, ``matches`` (hit offsets into the report text) and the paragraph's span.

        Order: with a term of three or more characters, ``bm25`` of the trigram index; with
        shorter terms only, newest report first (then report id, paragraph), found by a scan that
        stops at the page (``shortscan.py``) and, given ``time_limit`` seconds, when the time is up
        (the page may then be short). Filters: region, year, level, province."""
        columns = "p.id, p.report_id, p.seq, p.start, p.end, r.region, r.level, r.report_year, r.admin_code"
        scanned = self._short_scan(query, filters, int(offset) + int(limit), time_limit)
        if scanned is not None:
            page = list(scanned.ids[int(offset):int(offset) + int(limit)])
            marks = ", ".join("?" * len(page))
            found = {r["id"]: r for r in self.rows(
                f"SELECT {columns} FROM main.paragraph_rows p JOIN main.reports r ON r.id = p.report_id "
                f"WHERE p.id IN ({marks})", page)} if page else {}
            rows = [found[i] for i in page if i in found]
        else:
            source, params = self._search_plan(query, filters)
            # the page's paragraphs are cut from their reports' texts here, once the page is known:
            # selecting p.text would cut every hit's text before the sort
            order = ("bm25(paragraphs_fts), p.report_id, p.seq" if source.startswith("paragraphs_fts")
                     else "r.report_year DESC, p.report_id, p.seq")
            sql = f"SELECT {columns} FROM {source} ORDER BY {order} LIMIT ? OFFSET ?"
            rows = self.rows(sql, [*params, int(limit), int(offset)])
        texts = self._paragraph_texts([r["id"] for r in rows])
        out = []
        for r in rows:
            text = texts[r["id"]]
            hits = fulltext.find_terms(text, query)
            snip, s_start, s_end = fulltext.snippet(text, hits, mark=mark)
            out.append({"report_id": r["report_id"], "region": r["region"], "admin_code": r["admin_code"],
                        "level": r["level"], "report_year": r["report_year"], "paragraph": r["seq"],
                        "snippet": snip, "snippet_span": [r["start"] + s_start, r["start"] + s_end],
                        "matches": [[r["start"] + a, r["start"] + b] for a, b in hits],
                        "paragraph_span": [r["start"], r["end"]]})
        return out

    def _paragraph_texts(self, ids: list[int]) -> dict[int, str]:
        """Paragraph id → its text, for a page of search hits: ``substr`` of the report text in SQL
        (a few rows of many reports: cheaper than reading each whole text into Python)."""
        marks = ", ".join("?" * len(ids))
        if self.rows("SELECT 1 FROM sqlite_master WHERE name = 'paragraph_rows'"):
            sql = ("SELECT p.id, substr(r.text, p.start + 1, p.end - p.start) AS text FROM main.paragraph_rows p "
                   f"JOIN main.reports r ON r.id = p.report_id WHERE p.id IN ({marks})")
        else:  # a database of an older layout, opened read-only
            sql = f"SELECT id, text FROM paragraphs WHERE id IN ({marks})"
        return {r["id"]: r["text"] for r in self.rows(sql, ids)}

    # -- helpers for tracking/compare ------------------------------------------------------------
    def region_reports(self) -> list[dict[str, Any]]:
        """(id, region, admin_code, province, city, county, level, report_year) of every report."""
        return self.rows("SELECT id, region, admin_code, province, city, county, level, report_year "
                         "FROM reports ORDER BY report_year, id")

    def check_whole(self) -> list[str]:
        """Ids of reports whose stored child rows differ from their recorded counts (should be
        none: each report is written in one transaction)."""
        rows = self.rows(
            "SELECT r.id FROM reports r WHERE "
            "r.n_facts != (SELECT count(*) FROM facts f WHERE f.report_id = r.id) OR "
            "r.n_sections != (SELECT count(*) FROM sections s WHERE s.report_id = r.id) OR "
            "r.n_tasks != (SELECT count(*) FROM tasks t WHERE t.report_id = r.id) OR "
            "r.n_slogans != (SELECT count(*) FROM slogans g WHERE g.report_id = r.id) OR "
            "r.n_paragraphs != (SELECT count(*) FROM paragraphs p WHERE p.report_id = r.id)")
        return [r["id"] for r in rows]
