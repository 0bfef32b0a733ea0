"""The panel: one value per region × period × indicator × measure × kind, with its source.

``panel(db, wide=False, **filters) -> pandas.DataFrame``. Long: one row per cell (columns in
``LONG_COLUMNS``). Wide: one row per region and period, one column per indicator, measure and
kind (``gdp_g_t`` = gdp growth target, ``gdp_g_o`` = gdp growth outcome; names from
``codebook.wide_name``), holding the cell's value; bounds, ranges and sources are in the long form.

Only facts with a canonical indicator and a period make cells. A region is the report's region
(name, GB/T 2260 code, level and parent). Targets and outcomes are separate cells; an outcome
cell pools ``actual`` and ``estimate`` mentions, and ``kind`` says which one won.

The cell rule (which mention fills a cell), applied in this order until one mention is left:

Every cell
  0. an amount (measure ``level``) in the indicator's default unit (``indicators.default_unit``)
     beats one in another unit (天 beats % for good_air_days: the other is a misread).
Targets
  1. a stated period (in the sentence or its passage) beats one inferred from the section or the report;
  2. the report whose plan year is the period's first year beats later restatements of the target;
  3. the earlier report, then the first mention in the report.
Outcomes
  1. an ``actual`` beats an ``estimate`` (a later report's review beats the same-year 预计 figure);
  2. a stated period beats an inferred one;
  3. the later report beats the earlier (a restatement of a result carries the revised figure);
  4. an exact figure beats a rounded threshold (3.2765万亿元 over 突破3万亿元);
  5. the first mention in the report.

``n_mentions`` counts every mention of the cell, ``n_reports`` the reports they are in;
``conflict`` is true when another mention gives a different value, range end or unit, and
``conflict_values`` lists those mentions (value, unit, kind, report id and span). Facts are
read through ``read_facts`` only (one SQL query streamed in chunks, grouped by cell on the way),
and it reads them through ``store.corrections.fact_source``, so a reviewer's correction changes every panel.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from typing import Any

import pandas as pd

from govreport.codebook import wide_name
from govreport.errors import QueryError
from govreport.store.corrections import fact_source
from govreport.store.queries import Store

#: the table or view facts are read from (a view with corrections applied can replace it)
CHUNK = 2000
STATED = frozenset({"sentence", "passage"})
PARENT_OF_PROVINCE = "全国"

#: long panel columns, in order
LONG_COLUMNS = ("region", "region_code", "level", "parent", "period", "period_start", "period_end",
                "indicator", "indicator_name", "measure", "kind", "value", "value_max", "unit", "bound",
                "n_mentions", "n_reports", "conflict", "conflict_values", "report_id", "report_year",
                "span_start", "span_end", "evidence", "period_source", "source_path", "corrected")
KEY_COLUMNS = ("region", "region_code", "level", "parent", "period", "period_start", "period_end")

_CELL_ORDER = "f.region, f.admin_code, f.indicator, f.measure, f.period, f.kind = 'target'"


#: the filters on the report's columns (``_filters(…, report="r")`` puts them on the reports table)
_REPORT_FILTERS = frozenset({"region", "level", "province"})


def _filters(filters: dict[str, Any], report: str = "f") -> tuple[str, list[Any]]:
    clauses = ["f.indicator IS NOT NULL", "f.period IS NOT NULL"]
    params: list[Any] = []
    for name, value in filters.items():
        if value is None:
            continue
        if name == "region":
            clauses.append(f"({report}.region = ? OR {report}.admin_code = ?)")
            params += [value, value]
        elif name == "year":  # the period's year: one-year cells of that year
            clauses.append("f.period_start = ? AND f.period_end = ?")
            params += [int(value), int(value)]
        elif name == "kind" and value == "outcome":
            clauses.append("f.kind IN ('actual', 'estimate')")
        elif name in ("kind", "measure", "level", "indicator", "period", "province", "unit"):
            clauses.append(f"{report if name in _REPORT_FILTERS else 'f'}.{name} = ?")
            params.append(value)
        else:
            raise QueryError(f"unknown panel filter {name!r} (region, year, kind, measure, level, indicator, "
                             "period, province, unit)")
    return " WHERE " + " AND ".join(clauses), params


def read_facts(db: Store, **filters: Any) -> Iterator[dict[str, Any]]:
    """The facts that can fill cells, with their report's city and source, ordered by cell.

    The only place the panel reads facts: one query per region (index ``facts_region``; regions
    in the order SQL sorts them, NULL first), so SQLite sorts one region's facts at a time, not
    the whole table; rows come as tuples zipped into dicts."""
    source = fact_source(db)  # the facts with reviewers' corrections applied, when there are any
    corrected = "f.corrected" if source == "facts_effective" else "0"
    if FROM_FACT_ROWS and source == "facts" and db.rows(
            "SELECT 1 FROM sqlite_master WHERE name = 'fact_rows' AND type = 'table'"):
        yield from _read_fact_rows(db, filters)  # without the words: cut for a cell's chosen mention (_cell)
        return
    where, params = _filters(filters)
    sql = (f"SELECT f.report_id, f.seq, f.region, f.admin_code, f.province, f.city, f.level, f.report_year, "
           f"f.kind, f.period, f.period_start, f.period_end, f.indicator, f.indicator_name, f.measure, "
           f"f.value, f.value_max, f.unit, f.bound, f.start, f.end, f.evidence, f.period_source, "
           f"r.plan_year, r.source_path, i.default_unit, {corrected} AS corrected "
           f"FROM {source} f JOIN reports r ON r.id = f.report_id "
           f"LEFT JOIN indicators i ON i.id = f.indicator{where} AND f.region IS ? "
           f"ORDER BY {_CELL_ORDER}, f.report_year, f.report_id, f.seq")
    # every region a fact can have: its own (facts) or its report's (a fact a correction adds)
    regions = [r["region"] for r in db.rows("SELECT region FROM facts UNION SELECT region FROM reports "
                                            "ORDER BY region")]
    for region in regions:
        names, rows = db.fetch(sql, [*params, region])
        yield from map(dict, map(zip, itertools.repeat(names), rows))


#: read the facts from ``fact_rows`` when there is no correction to apply (else, or when this is
#: False, from the ``facts`` view, which cuts every fact's evidence out of its report's text)
FROM_FACT_ROWS = True

#: a fact's own columns as ``_read_fact_rows`` reads them from ``fact_rows``, then its report's
#: and its indicator's, then the two the view leaves empty: the keys of ``read_facts``'s dicts
_OWN_SQL = ("f.report_id, f.seq, f.kind, f.period, f.period_start, f.period_end, f.indicator, f.measure, "
            "f.value, f.value_max, f.unit, f.bound, f.start, f.end, f.period_source")
_FACT_KEYS = ("report_id", "seq", "kind", "period", "period_start", "period_end", "indicator", "measure", "value",
              "value_max", "unit", "bound", "start", "end", "period_source",
              "region", "admin_code", "province", "city", "level", "report_year", "plan_year", "source_path",
              "indicator_name", "default_unit", "evidence", "corrected")


def _read_fact_rows(db: Store, filters: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """``read_facts`` over ``fact_rows`` (no corrections): per region, the facts' own columns in
    the cells' order, and each report's and indicator's columns taken from one read of them
    (a view joined to the reports gives them again with every fact). The same dicts, in the same order."""
    where, params = _filters(filters, report="r")
    reports = {r[0]: r[1:] for r in db.fetch("SELECT id, region, admin_code, province, city, level, report_year, "
                                             "plan_year, source_path FROM reports")[1]}
    indicators = {r[0]: r[1:] for r in db.fetch("SELECT id, name, default_unit FROM indicators")[1]}
    none = (None, None)
    sql = (f"SELECT {_OWN_SQL} FROM fact_rows f JOIN reports r ON r.id = f.report_id{where} AND r.region IS ? "
           "ORDER BY r.region, r.admin_code, f.indicator, f.measure, f.period, f.kind = 'target', r.report_year, "
           "f.report_id, f.seq")
    for (region,) in db.fetch("SELECT DISTINCT region FROM reports ORDER BY region")[1]:
        for row in db.fetch(sql, [*params, region])[1]:
            yield dict(zip(_FACT_KEYS, row + reports[row[0]] + indicators.get(row[6], none) + (None, 0), strict=True))


class _Texts:
    """Report texts by id, the last few read (a region's cells come from its own reports)."""

    def __init__(self, db: Store, keep: int = 64) -> None:
        self.db, self.keep, self.texts = db, keep, {}

    def cut(self, report_id: str, start: int, end: int) -> str:
        text = self.texts.get(report_id)
        if text is None:
            if len(self.texts) >= self.keep:
                self.texts.clear()
            text = self.texts[report_id] = self.db.report_text(report_id)
        return text[start:end]


def _kind_class(f: dict[str, Any]) -> str:
    return "target" if f["kind"] == "target" else "outcome"


def _cell_key(f: dict[str, Any]) -> tuple[Any, ...]:
    return (f["region"], f["admin_code"], f["indicator"], f["measure"], f["period"], _kind_class(f))


def _rank(f: dict[str, Any]) -> tuple[Any, ...]:
    """Sort key: the mention that fills the cell sorts first (the rule in the module docstring)."""
    unit = 1 if f["measure"] == "level" and f["default_unit"] and f["unit"] != f["default_unit"] else 0
    stated = 0 if f["period_source"] in STATED else 1
    year = f["report_year"] or 0
    if f["kind"] == "target":
        own = 0 if f["period_start"] is not None and f["period_start"] in (f["plan_year"], f["report_year"]) else 1
        return (unit, stated, own, year, f["report_id"], f["seq"])
    actual = 0 if f["kind"] == "actual" else 1
    exact = 0 if f["bound"] == "exact" else 1
    return (unit, actual, stated, -year, exact, f["report_id"], f["seq"])


def _same(a: dict[str, Any], b: dict[str, Any]) -> bool:
    def close(x: float | None, y: float | None) -> bool:
        if x is None or y is None:
            return x is y
        return abs(x - y) <= 1e-9 * max(1.0, abs(x), abs(y))

    return close(a["value"], b["value"]) and close(a["value_max"], b["value_max"]) and a["unit"] == b["unit"]


def _num(x: float) -> str:
    """A value as written in conflict_values: whole numbers in full (1400000000000), else 12 digits."""
    return str(int(x)) if float(x).is_integer() and abs(x) < 1e18 else f"{x:.12g}"


def _fmt(f: dict[str, Any]) -> str:
    value = _num(f["value"]) + (f"~{_num(f['value_max'])}" if f["value_max"] is not None else "")
    return f"{value} {f['unit']} {f['kind']} {f['report_id']}@{f['start']}-{f['end']}"


def _parent(f: dict[str, Any]) -> str | None:
    if f["level"] == "national":
        return None
    if f["level"] == "province":
        return PARENT_OF_PROVINCE
    if f["level"] == "city":
        return f["province"]
    return f["city"] or f["province"]


def _cell(mentions: list[dict[str, Any]], texts: _Texts | None = None) -> dict[str, Any]:
    ordered = sorted(mentions, key=_rank)
    best = ordered[0]
    if best["evidence"] is None and texts is not None:  # read without the words (_LIGHT)
        best["evidence"] = texts.cut(best["report_id"], best["start"], best["end"])
    others = [m for m in ordered[1:] if not _same(m, best)]
    return {
        "region": best["region"], "region_code": best["admin_code"], "level": best["level"],
        "parent": _parent(best), "period": best["period"], "period_start": best["period_start"],
        "period_end": best["period_end"], "indicator": best["indicator"],
        "indicator_name": best["indicator_name"], "measure": best["measure"], "kind": best["kind"],
        "value": best["value"], "value_max": best["value_max"], "unit": best["unit"], "bound": best["bound"],
        "n_mentions": len(mentions), "n_reports": len({m["report_id"] for m in mentions}),
        "conflict": bool(others), "conflict_values": " | ".join(_fmt(m) for m in others) or None,
        "report_id": best["report_id"], "report_year": best["report_year"], "span_start": best["start"],
        "span_end": best["end"], "evidence": best["evidence"], "period_source": best["period_source"],
        "source_path": best["source_path"], "corrected": bool(best["corrected"]),
    }


def cells(db: Store, **filters: Any) -> Iterator[dict[str, Any]]:
    """The long panel's rows, one cell at a time (kind filter ``outcome``: actual and estimate)."""
    texts = _Texts(db)
    for _, group in itertools.groupby(read_facts(db, **filters), key=_cell_key):
        yield _cell(list(group), texts)


_INT = ("period_start", "period_end", "n_mentions", "n_reports", "report_year", "span_start", "span_end")
_FLOAT = ("value", "value_max")


#: cells per typed DataFrame while the long panel is built (then concatenated and sorted once)
FRAME_ROWS = 50_000


def _typed(rows: list[dict[str, Any]]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=list(LONG_COLUMNS))
    for col in df.columns:
        if col in _INT:
            df[col] = pd.array(df[col], dtype="Int64")
        elif col in _FLOAT:
            df[col] = pd.to_numeric(df[col], errors="coerce").astype("float64")
        elif col in ("conflict", "corrected"):
            df[col] = df[col].astype("bool")
        else:
            df[col] = df[col].astype("string")
    return df


def long_frame(rows: Iterable[dict[str, Any]]) -> pd.DataFrame:
    """The long panel of ``rows`` (cells), typed ``FRAME_ROWS`` at a time, so only typed columns
    (not a dict per cell) are held for the whole panel; sorted by level, region, period, indicator."""
    it = iter(rows)
    parts = []
    while True:
        chunk = list(itertools.islice(it, FRAME_ROWS))
        if chunk or not parts:
            parts.append(_typed(chunk))
        if len(chunk) < FRAME_ROWS:
            break
    df = parts[0] if len(parts) == 1 else pd.concat(parts, ignore_index=True)
    sort = ["level", "region", "period", "indicator", "measure", "kind"]
    order = {"national": 0, "province": 1, "city": 2, "county": 3, "district": 4}
    df = df.sort_values(sort, key=lambda s: s.map(order) if s.name == "level" else s, kind="stable")
    return df.reset_index(drop=True)


def wide_frame(long: pd.DataFrame) -> pd.DataFrame:
    """Indicators as columns: one row per region and period, the cell's value in each column."""
    if long.empty:
        return pd.DataFrame(columns=list(KEY_COLUMNS))
    df = long.copy()
    df["column"] = [wide_name(i, m, "target" if k == "target" else "outcome")
                    for i, m, k in zip(df["indicator"], df["measure"], df["kind"], strict=True)]
    keys = list(KEY_COLUMNS)
    filled = df[keys].astype(object).where(df[keys].notna(), "")
    df[keys] = filled
    wide = df.pivot_table(index=keys, columns="column", values="value", aggfunc="first", sort=True)
    wide = wide.reset_index()
    wide.columns.name = None
    for col in keys:
        wide[col] = wide[col].replace("", None)
    for col in ("period_start", "period_end"):
        wide[col] = pd.array(wide[col], dtype="Int64")
    for col in ("region", "region_code", "level", "parent", "period"):
        wide[col] = wide[col].astype("string")
    return wide


def panel(db: Store, *, wide: bool = False, **filters: Any) -> pd.DataFrame:
    """The panel as a pandas DataFrame (long, or with ``wide`` indicators as columns).

    Filters: region (name, short name such as 河南, or code), year (the period's year), kind (target, actual, estimate,
    or outcome for both of the last two), measure, level, indicator, period, province, unit."""
    from govreport.export import resolve_region

    if filters.get("region") is not None:
        filters["region"] = resolve_region(db, filters["region"])
    long = long_frame(cells(db, **filters))
    return wide_frame(long) if wide else long
