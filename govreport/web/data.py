"""A thin adapter between the web pages and the store's named queries.

The pages need plain dicts and lists; the store and ``govreport.tracking`` return dicts,
rows and dataclasses. This module turns whatever they return into JSON-ready values
(``jsonable``) and groups facts into chart series. It never writes to the store.
"""

from __future__ import annotations

import bisect
import dataclasses
import inspect
import itertools
import math
import os
import re
from collections.abc import Callable, Iterable, Mapping
from enum import Enum
from typing import Any

from govreport.errors import GovReportError
from govreport.store.queries import COUNT_FIELDS, DOC_FIELDS, LEVEL_ORDER, SOURCE_FIELDS, Store, _where
from govreport.store.shortscan import SearchTotal

#: private-use characters the store wraps search hits in; never shown, split out by split_marks
MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"
#: the facets shown on the reports page, in order
FACETS = ("province", "level", "report_year", "partial")
#: the report filters the pages pass (the store's own names)
REPORT_FILTERS = ("province", "level", "report_year", "partial", "region")
#: the columns the reports list may be sorted by in SQL
REPORT_SORT_COLUMNS = ("id", "region", "province", "report_year", "n_facts")


def jsonable(value: Any) -> Any:
    """Dataclasses, enums, tuples, sqlite rows → plain JSON values (floats kept finite)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if hasattr(value, "keys") and hasattr(value, "__getitem__") and not isinstance(value, str | bytes):
        return {str(k): jsonable(value[k]) for k in value.keys()}  # sqlite3.Row
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        return int(value) if value.is_integer() and abs(value) < 2**53 else value
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return value


def year_of(period: Any) -> int | None:
    """The (last) year a period names: "2020" → 2020, "2016-2020" → 2020."""
    if isinstance(period, int):
        return period
    years = re.findall(r"\d{4}", str(period or ""))
    return int(years[-1]) if years else None


def _accepts(func: Callable[..., Any], name: str) -> bool:
    try:
        params = inspect.signature(func).parameters
    except (TypeError, ValueError):
        return True
    return name in params or any(p.kind is p.VAR_KEYWORD for p in params.values())


class WebData:
    """Read-only view of a store for the pages. ``store`` is what ``open_store`` returned."""

    def __init__(self, store: Any) -> None:
        self.store = store

    # -- reports -------------------------------------------------------------------------
    def reports(self, filters: Mapping[str, Any]) -> list[dict[str, Any]]:
        func = self.store.list_reports
        args: dict[str, Any] = {}
        for key, value in filters.items():
            if value is None or value == "":
                continue
            if key == "report_year" and not _accepts(func, "report_year") and _accepts(func, "year"):
                key = "year"
            if _accepts(func, key):
                args[key] = value
        rows = jsonable(func(**args))
        # a filter the store does not take is applied here, on the returned rows
        for key, value in filters.items():
            if value is None or value == "" or key in args or (key == "report_year" and "year" in args):
                continue
            rows = [r for r in rows if _same(r.get(key), value)]
        return rows

    def _sql(self, filters: Mapping[str, Any]) -> tuple[str, list[Any]] | None:
        """The WHERE clause of ``filters`` on reports, when the store answers SQL (else None)."""
        if not callable(getattr(self.store, "rows", None)) or not isinstance(self.store, Store):
            return None
        active = {k: v for k, v in filters.items() if v is not None and v != ""}
        if set(active) - set(REPORT_FILTERS):
            return None
        return _where(active)

    def report_slice(self, filters: Mapping[str, Any], column: str | None, descending: bool, offset: int,
                     limit: int) -> tuple[list[dict[str, Any]], int] | None:
        """(one page of ``reports(filters)`` sorted as ``paging.sort_rows`` sorts them, the count of
        all), in SQL: missing values last, ties in the list's own order; None when the store
        cannot answer SQL (then the caller sorts and pages the whole list)."""
        plan = self._sql(filters)
        if plan is None:
            return None
        where, params = plan
        count = int(self.store.rows(f"SELECT count(*) AS n FROM reports{where}", params)[0]["n"])
        order = "report_year, region, id"
        if column == "level":
            ranks = " ".join(f"WHEN '{k}' THEN {v}" for k, v in LEVEL_ORDER.items())
            order = f"CASE level {ranks} ELSE 9 END{' DESC' if descending else ''}, {order}"
        elif column:
            if column not in REPORT_SORT_COLUMNS:
                return None
            order = (f"({column} IS NULL OR {column} = ''), {column}{' DESC' if descending else ''}, {order}")
        cols = ", ".join(DOC_FIELDS + SOURCE_FIELDS + COUNT_FIELDS)
        rows = self.store.rows(f"SELECT {cols} FROM reports{where} ORDER BY {order} LIMIT ? OFFSET ?",
                               [*params, int(limit), int(offset)])
        for r in rows:
            r["partial"] = bool(r["partial"])
        return jsonable(rows), count

    def facets(self, filters: Mapping[str, Any] | None = None) -> dict[str, list[tuple[Any, int]]]:
        """Value counts of each facet. With filters, each facet is counted over the reports that
        match every *other* filter, so the counts say what choosing a value would leave."""
        active = {k: v for k, v in (filters or {}).items() if v is not None and v != ""}
        if not active:
            return self._store_facets()
        out: dict[str, list[tuple[Any, int]]] = {}
        for name in FACETS:
            others = {k: v for k, v in active.items() if k != name}
            plan = self._sql(others)
            counts: dict[Any, int] = {}
            if plan is not None:  # counted in SQL
                where, params = plan
                for r in self.store.rows(f"SELECT {name} AS v, count(*) AS n FROM reports{where} GROUP BY {name}",
                                         params):
                    value = bool(r["v"]) if name == "partial" and r["v"] is not None else r["v"]
                    counts[value] = counts.get(value, 0) + r["n"]
            else:
                for row in self.reports(others):
                    counts[row.get(name)] = counts.get(row.get(name), 0) + 1
            out[name] = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0] is None, str(kv[0])))
        return out

    def region_rows(self) -> list[dict[str, Any]]:
        """(region, province, level, report_year) of every report with a region, in the list's
        order (report year, region, id): the regions page needs no more."""
        if self._sql({}) is None:
            return [r for r in self.reports({}) if r.get("region")]
        return self.store.rows("SELECT region, province, level, report_year FROM reports "
                               "WHERE region IS NOT NULL AND region != '' ORDER BY report_year, region, id")

    def _store_facets(self) -> dict[str, list[tuple[Any, int]]]:
        raw = jsonable(self.store.facets())
        out: dict[str, list[tuple[Any, int]]] = {}
        for name in FACETS:
            values = raw.get(name) or raw.get("year" if name == "report_year" else name) or []
            pairs = []
            for item in values:
                if isinstance(item, Mapping):
                    pairs.append((item.get("value"), int(item.get("count") or 0)))
                else:
                    pairs.append((item[0], int(item[1])))
            out[name] = pairs
        return out

    def report(self, report_id: str) -> dict[str, Any] | None:
        try:
            report = self.store.get_report(report_id)
        except (KeyError, LookupError, GovReportError):
            return None
        if not report:
            return None
        report = jsonable(report)
        names = self.indicator_names()
        for fact in report.get("facts") or ():
            if not fact.get("indicator_name"):
                fact["indicator_name"] = names.get(fact["indicator"]) if fact.get("indicator") else None
        return report

    def has_report(self, report_id: str) -> bool:
        rows = getattr(self.store, "rows", None)
        if callable(rows):
            return bool(rows("SELECT 1 FROM reports WHERE id = ?", (report_id,)))
        return self.report(report_id) is not None

    def indicator_names(self) -> dict[str, str]:
        """Indicator id → Chinese name, from the table stored with the data (empty if none)."""
        table = getattr(self.store, "indicators", None)
        if not callable(table):
            return {}
        return {str(k): str(v.get("name")) for k, v in jsonable(table()).items() if v.get("name")}

    # -- facts, regions ---------------------------------------------------------------------
    def facts(self, **filters: Any) -> list[dict[str, Any]]:
        return jsonable(self.store.facts(**{k: v for k, v in filters.items() if v not in (None, "")}))

    def region(self, region: str) -> dict[str, Any]:
        """Each indicator's series over the years for ``region``: targets beside outcomes."""
        rows = jsonable(self.store.region_series(region))
        groups: dict[tuple[str, str, str], dict[str, Any]] = {}
        for row in rows:
            key = (row.get("indicator") or "", row.get("measure") or "", row.get("unit") or "")
            year = row.get("year") or year_of(row.get("period"))
            if not key[0] or year is None:
                continue
            group = groups.setdefault(key, {
                "indicator": key[0], "measure": key[1], "unit": key[2],
                "name": row.get("indicator_name") or key[0], "direction": row.get("direction"),
                "points": {},
            })
            point = group["points"].setdefault(year, {"year": year, "target": None, "outcome": None,
                                                      "estimate": None})
            slot = {"actual": "outcome"}.get(str(row.get("kind")), str(row.get("kind")))
            point[slot] = row.get("value")
            point[f"{slot}_max"] = row.get("value_max")
            point[f"{slot}_bound"] = row.get("bound")
            point[f"{slot}_report"] = row.get("report_id")
            point[f"{slot}_span"] = row.get("span")
        series = []
        for group in sorted(groups.values(), key=lambda g: (-len(g["points"]), g["indicator"], g["measure"])):
            group["points"] = [group["points"][y] for y in sorted(group["points"])]
            series.append(group)
        reports = self.reports({"region": region})
        return {"region": region, "reports": reports, "series": series}

    # -- tracking ---------------------------------------------------------------------------
    def track(self, region: str | None, indicator: str | None) -> list[dict[str, Any]]:
        from govreport import tracking

        return [_flatten_row(jsonable(r)) for r in tracking.iter_track_dicts(self.store, region=region or None,
                                                                               indicator=indicator or None)]

    def track_page(self, region: str | None, indicator: str | None, verdict: str | None, page: int,
                   per_page: int) -> dict[str, Any]:
        """One page of the tracking rows: ``rows`` (page ``page``, from 1, of ``per_page``), ``total``
        (rows with this verdict, or all) and ``verdicts`` (count of each verdict, whatever ``verdict``).

        Computed one region at a time (``tracking.Tracker``); the counts of each region are kept
        per database state and filters (``_TRACK_SUMMARIES``), so a later page computes only the
        regions it shows."""
        from govreport import tracking

        tracker = tracking.Tracker(self.store, region=region or None, indicator=indicator or None)
        key = (*_db_state(self.store), region, indicator, verdict)
        summary = _TRACK_SUMMARIES.get(key)
        start, stop = (page - 1) * per_page, page * per_page
        rows: list[Any] = []
        if summary is None and not region and isinstance(self.store, Store):
            # every region: the counts kept in the database (track_summary), not every region tracked
            summary = _TrackSummary.kept(self.store, indicator, verdict, tracker)
            _remember(key, summary)
        if summary is None:
            summary = _TrackSummary.of(tracker, verdict, keep=(start, stop), into=rows)
            _remember(key, summary)
        elif summary.in_order:
            first = max(0, bisect.bisect_right(summary.before, start) - 1)
            for i in range(first, len(tracker.groups)):
                if summary.before[i] >= stop:
                    break
                kept = [tracking.row_dict(r) for r in tracker.rows_of(i) if not verdict or r["verdict"] == verdict]
                offset = summary.before[i]
                rows += kept[max(0, start - offset):max(0, stop - offset)]
        else:  # a unit stored at two levels: rows of one region come in two places; stream them all
            found = (r for r in tracker.dicts() if not verdict or r["verdict"] == verdict)
            rows = list(itertools.islice(found, start, stop))
        return {"rows": [_flatten_row(jsonable(r)) for r in rows], "total": summary.total,
                "verdicts": dict(summary.verdicts)}

    def region_names(self) -> list[str]:
        """The distinct region names of the stored reports, sorted (one indexed query)."""
        rows = getattr(self.store, "rows", None)
        if not callable(rows):
            return distinct(self.reports({}), "region")
        return sorted(r["region"] for r in rows("SELECT DISTINCT region FROM reports WHERE region IS NOT NULL "
                                                "AND region != ''"))

    def compare(self, year: int, indicator: str) -> list[dict[str, Any]]:
        from govreport import tracking

        result = jsonable(tracking.compare(self.store, year, indicator))
        if isinstance(result, Mapping):
            rows = result.get("rows")
            result = rows if isinstance(rows, list) else [result]
        return [_flatten_row(r) if isinstance(r, Mapping) else {"value": r} for r in result]

    def indicators(self) -> list[dict[str, Any]]:
        """The indicators that occur in stored facts: id, Chinese name and fact count."""
        names = self.indicator_names()
        rows = getattr(self.store, "rows", None)
        if callable(rows):  # one aggregate query instead of loading every fact, kept per database state
            key = ("indicator counts", *_db_state(self.store))
            counts = _INDICATOR_COUNTS.get(key)
            if counts is None and isinstance(self.store, Store):  # summed from the counts kept per region
                from govreport import track_summary

                counts = _INDICATOR_COUNTS[key] = track_summary.fact_counts(_region_counts(self.store))
            if counts is None:
                found = rows("SELECT indicator, count(*) AS n FROM facts WHERE indicator IS NOT NULL "
                             "GROUP BY indicator ORDER BY indicator")
                counts = _INDICATOR_COUNTS[key] = {r["indicator"]: r["n"] for r in found}
                while len(_INDICATOR_COUNTS) > 8:
                    del _INDICATOR_COUNTS[next(iter(_INDICATOR_COUNTS))]
        else:
            counts = {}
            for fact in self.facts():
                if fact.get("indicator"):
                    counts[fact["indicator"]] = counts.get(fact["indicator"], 0) + 1
        return [{"id": k, "name": names.get(k) or "", "count": counts[k]} for k in sorted(counts)]

    # -- search -----------------------------------------------------------------------------
    def search_count(self, query: str, **filters: Any) -> int:
        """How many hits ``search`` has for ``query`` in all."""
        args: dict[str, Any] = {k: v for k, v in filters.items() if v not in (None, "")}
        count = getattr(self.store, "search_count", None)
        if callable(count):
            return int(count(query, **args))
        return len(self.store.search(query, limit=10**9, **args))

    def search_total(self, query: str, at_most: int, time_limit: float, **filters: Any) -> SearchTotal:
        """``search_count``, bounded where the store can bound it (a query of short terms only,
        scanned: at most ``at_most`` hits counted, ``time_limit`` seconds)."""
        total = getattr(self.store, "search_total", None)
        if callable(total):
            args: dict[str, Any] = {k: v for k, v in filters.items() if v not in (None, "")}
            return total(query, at_most=at_most, time_limit=time_limit, **args)
        return SearchTotal(self.search_count(query, **filters))

    def search(self, query: str, limit: int = 50, offset: int = 0, time_limit: float | None = None,
               **filters: Any) -> list[dict[str, Any]]:
        """Hits with ``snippet`` as plain text and ``snippet_marks``, [start, end] of each hit in it.

        ``filters`` (level, year, province, region) are passed to the store when given;
        ``time_limit`` too, if it takes one (the scan of short terms)."""
        func = self.store.search
        args: dict[str, Any] = {k: v for k, v in filters.items() if v not in (None, "")}
        if offset:
            args["offset"] = offset
        if time_limit is not None and _accepts(func, "time_limit"):
            args["time_limit"] = time_limit
        if not _accepts(func, "mark"):
            return jsonable(func(query, limit=limit, **args))
        hits = jsonable(func(query, limit=limit, mark=(MARK_OPEN, MARK_CLOSE), **args))
        for hit in hits:
            hit["snippet"], hit["snippet_marks"] = split_marks(str(hit.get("snippet") or ""))
        return hits


@dataclasses.dataclass(frozen=True, slots=True)
class _TrackSummary:
    """Per tracking group (region): the rows before it (of the verdict asked for), the total and
    the verdict counts; ``in_order`` when every group's rows are contiguous in the output."""

    before: tuple[int, ...]
    total: int
    verdicts: tuple[tuple[str, int], ...]
    in_order: bool

    @classmethod
    def kept(cls, store: Store, indicator: str | None, verdict: str | None, tracker: Any = None) -> _TrackSummary:
        """The summary of the unfiltered groups (or one indicator's rows) from the counts per
        region kept in the database (``track_summary.group_counts``; a region whose counts are
        missing or stale is tracked)."""
        before: list[int] = []
        counts: dict[str, int] = {}
        total = 0
        in_order = True
        for group in _region_counts(store, tracker):
            before.append(total)
            in_order = in_order and group.in_order
            found = group.counts() if indicator else [(None, v, n) for v, n in group.verdicts.items()]
            for ind, v, n in found:
                if indicator and ind != indicator:
                    continue
                counts[v] = counts.get(v, 0) + n
                if not verdict or v == verdict:
                    total += n
        return cls(tuple(before), total, tuple(sorted(counts.items())), in_order)

    @classmethod
    def of(cls, tracker: Any, verdict: str | None, keep: tuple[int, int], into: list[Any]) -> _TrackSummary:
        """Go through every group once, putting the rows ``keep[0]:keep[1]`` into ``into``."""
        from govreport import tracking

        before: list[int] = []
        counts: dict[str, int] = {}
        total = 0
        in_order = True
        level_of = {str(k): v for k, v in _level_order().items()}
        for i, group in enumerate(tracker.groups):
            before.append(total)
            for r in tracker.rows_of(i):  # field dicts: no TrackRow built for the rows not shown
                counts[r["verdict"]] = counts.get(r["verdict"], 0) + 1
                in_order = in_order and level_of.get(r["level"] or "", 9) == group["rank"]
                if verdict and r["verdict"] != verdict:
                    continue
                if keep[0] <= total < keep[1]:
                    into.append(tracking.row_dict(r))
                total += 1
        if not in_order:  # the page must come from the merged order instead
            into.clear()
            found = (r for r in tracker.dicts() if not verdict or r["verdict"] == verdict)
            into.extend(itertools.islice(found, keep[0], keep[1]))
        return cls(tuple(before), total, tuple(sorted(counts.items())), in_order)


def _level_order() -> dict[str, int]:
    from govreport.store.queries import LEVEL_ORDER

    return LEVEL_ORDER


#: fact counts per indicator by database file state
_INDICATOR_COUNTS: dict[tuple[Any, ...], dict[str, int]] = {}
#: tracking summaries by (database file state, filters), most recent last
_TRACK_SUMMARIES: dict[tuple[Any, ...], _TrackSummary] = {}
_TRACK_SUMMARIES_MAX = 64


#: tracking's counts per region (``track_summary.group_counts``) by database file state
_REGION_COUNTS: dict[tuple[Any, ...], list[Any]] = {}


def _region_counts(store: Store, tracker: Any = None) -> list[Any]:
    """Tracking's counts of every region, kept in the database (computed for a region whose
    counts are missing or stale), once per database state (``tracker``: an unfiltered one to reuse)."""
    from govreport import track_summary

    key = _db_state(store)
    found = _REGION_COUNTS.get(key)
    if found is None:
        found = _REGION_COUNTS[key] = track_summary.group_counts(store, tracker)
        while len(_REGION_COUNTS) > 4:
            del _REGION_COUNTS[next(iter(_REGION_COUNTS))]
    return found


def _remember(key: tuple[Any, ...], summary: _TrackSummary) -> None:
    _TRACK_SUMMARIES[key] = summary
    while len(_TRACK_SUMMARIES) > _TRACK_SUMMARIES_MAX:
        del _TRACK_SUMMARIES[next(iter(_TRACK_SUMMARIES))]


def _db_state(store: Any) -> tuple[Any, ...]:
    """What identifies the stored data: the database file and its -wal's size and modification time."""
    path = getattr(store, "path", None)
    if path is None:
        return (id(store),)
    state: list[Any] = [str(path)]
    for suffix in ("", "-wal"):
        try:
            st = os.stat(f"{path}{suffix}")
        except OSError:
            state.append(None)
            continue
        state.append((st.st_size, st.st_mtime_ns))
    if state[1] is None:  # not a file (an in-memory database): nothing tells a change, so nothing is kept
        state.append(object())
    return tuple(state)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return bool(a) == _truthy(b)
    return str(a) == str(b)


def _truthy(value: Any) -> bool:
    return str(value).lower() in {"1", "true", "yes", "on"}


def _flatten_row(row: dict[str, Any]) -> dict[str, Any]:
    """Keep nested fact dicts (target/outcome) and lift their key fields for the table."""
    for role in ("target", "outcome"):
        fact = row.get(role)
        if isinstance(fact, Mapping):
            row.setdefault(f"{role}_value", fact.get("value"))
            row.setdefault(f"{role}_value_max", fact.get("value_max"))
            row.setdefault(f"{role}_unit", fact.get("unit"))
            row.setdefault(f"{role}_bound", fact.get("bound"))
            row.setdefault(f"{role}_report", fact.get("report_id"))
            for key in ("region", "indicator", "measure", "period", "level"):
                if fact.get(key) is not None:
                    row.setdefault(key, fact.get(key))
    return row


def distinct(rows: Iterable[Mapping[str, Any]], key: str) -> list[Any]:
    return sorted({r.get(key) for r in rows if r.get(key) not in (None, "")}, key=str)


def split_marks(marked: str) -> tuple[str, list[list[int]]]:
    """A snippet with MARK_OPEN…MARK_CLOSE around hits → (plain snippet, hit ranges in it)."""
    plain: list[str] = []
    ranges: list[list[int]] = []
    pos = 0
    start = None
    for ch in marked:
        if ch == MARK_OPEN:
            start = pos
        elif ch == MARK_CLOSE:
            if start is not None:
                ranges.append([start, pos])
            start = None
        else:
            plain.append(ch)
            pos += 1
    return "".join(plain), ranges
