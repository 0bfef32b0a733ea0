"""The facts export read column by column from ``fact_rows`` (the compact layout, no corrections).

``export.fact_rows`` reads the ``facts`` view: every row joins its report, cuts its evidence and
sentence out of the report's text in SQL and comes back as a tuple of 38 values, 10 of them the
report's own (region, level, year, title …) repeated on each of its facts. Turning those values
into Python objects was most of the facts export's time. ``chunks`` reads instead the fact's own
columns from ``fact_rows`` one report at a time (index ``fact_rows(report_id, seq)``), takes the
report's columns once per report (a list ``[value] * n``), the indicator's name from the
indicator table once per indicator, and cuts the evidence and the sentence from the report's
text in Python, only in the export's columns. It yields the columns of ``export.FACT_COLUMNS``
(a list of values each) for about ``size`` facts at a time, in the export's order (reports by
year, region, id; facts by seq), with the values the view gives (``tests/test_query_paths.py``).

``tables`` gives the same columns as Arrow tables (``export_arrow``'s conversions) with fewer
Python objects: each of the fact's own columns read once (the words' offsets and the indicator
are not read a second time), the report's columns converted once per report and repeated by
Arrow (``take``), the indicator's name looked up by Arrow, and a sentence several facts share
cut once (a report's facts are about two to a sentence) and repeated by Arrow.

``available`` says when it applies: the database has ``fact_rows`` and no correction to apply
(with corrections the facts come from ``facts_effective``, through ``export.fact_rows``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from govreport import codebook as cb
from govreport import export_arrow
from govreport.store.corrections import fact_source
from govreport.store.queries import Store, _where

#: export column → the report's column it repeats
REPORT_COLUMNS = {"report_id": "id", "region": "region", "admin_code": "admin_code", "province": "province",
                  "city": "city", "level": "level", "report_year": "report_year", "report_date": "date",
                  "report_title": "title", "source_path": "source_path"}
#: export column → SQL over ``fact_rows f`` (the quality flags, a JSON array, joined by ';' and
#: NULL when there are none, as ``export._FACT_SQL`` does)
OWN_COLUMNS = {"seq": "f.seq", "kind": "f.kind", "period": "f.period", "period_start": "f.period_start",
               "period_end": "f.period_end", "period_source": "f.period_source", "indicator": "f.indicator",
               "indicator_text": "f.indicator_text", "measure": "f.measure", "value": "f.value",
               "value_max": "f.value_max", "unit": "f.unit", "bound": "f.bound", "rank_scope": "f.rank_scope",
               "rank_of": "f.rank_of", "section": "f.section", "role": "f.role", "span_start": "f.start",
               "span_end": "f.end", "sentence_start": "f.sentence_start", "sentence_end": "f.sentence_end",
               "indicator_start": "f.indicator_start", "indicator_end": "f.indicator_end",
               "checks": "CASE WHEN f.checks IS NULL OR f.checks = '' THEN f.checks ELSE "
                         "(SELECT group_concat(j.value, ';') FROM json_each(f.checks) j) END"}
#: the filters that select reports, and those that select a report's facts
REPORT_FILTERS = frozenset({"region", "year", "level"})
FACT_FILTERS = frozenset({"indicator", "kind", "measure"})


def available(store: Store) -> bool:
    """True when the facts can be read from ``fact_rows`` as they are (no correction to apply)."""
    return fact_source(store) == "facts" and bool(
        store.rows("SELECT 1 FROM sqlite_master WHERE name = 'fact_rows' AND type = 'table'"))


def _split_filters(name: str, filters: dict[str, Any]) -> tuple[str, list[Any], str, list[Any]]:
    """The WHERE clauses (and parameters) of ``filters`` on the reports and on the facts; an unknown
    filter is refused, naming the reader ``name``."""
    unknown = set(filters) - REPORT_FILTERS - FACT_FILTERS
    if unknown:
        raise ValueError(f"fact_columns.{name} cannot filter by {', '.join(sorted(unknown))}")
    rwhere, rparams = _where({k: v for k, v in filters.items() if k in REPORT_FILTERS})
    fwhere, fparams = _where({k: v for k, v in filters.items() if k in FACT_FILTERS}, "f")
    return rwhere, rparams, fwhere, fparams


def chunks(store: Store, columns: tuple[str, ...], size: int, **filters: Any) -> Iterator[list[list[Any]]]:
    """The facts export's ``columns`` (``export.FACT_COLUMNS``) as one list of values per column,
    about ``size`` facts at a time (at least one chunk, empty when nothing matches)."""
    rwhere, rparams, fwhere, fparams = _split_filters("chunks", filters)
    own = [c for c in columns if c in OWN_COLUMNS]
    # the words are cut from the text at these offsets (and the sentence kept whole where it is not)
    sql = (f"SELECT {', '.join(OWN_COLUMNS[c] for c in own)}, f.indicator, f.start, f.end, f.sentence_start, "
           f"f.sentence_end, f.sentence_text FROM fact_rows f WHERE f.report_id = ?{fwhere.replace(' WHERE ', ' AND ', 1)} "
           "ORDER BY f.seq")
    width = len(own)
    names = {k: v.get("name") for k, v in store.indicators().items()}
    reports = store.rows(f"SELECT {', '.join(REPORT_COLUMNS.values())} FROM reports{rwhere} "
                         "ORDER BY report_year, region, id", rparams)
    out: dict[str, list[Any]] = {c: [] for c in columns}
    n = 0
    first = True
    for report in reports:
        _, found = store.fetch(sql, [report["id"], *fparams])
        if not found:
            continue
        text = store.report_text(report["id"])
        by_column = list(zip(*found, strict=True))
        for c, values in zip(own, by_column, strict=False):
            out[c].extend(values)
        indicators, starts, ends, s_starts, s_ends, kept = by_column[width:]
        k = len(found)
        for c in columns:
            if c in REPORT_COLUMNS:
                out[c].extend([report[REPORT_COLUMNS[c]]] * k)
        if "indicator_name" in out:
            out["indicator_name"].extend([names.get(i) for i in indicators])
        if "evidence" in out:
            out["evidence"].extend([text[s:e] for s, e in zip(starts, ends, strict=True)])
        if "sentence" in out:
            out["sentence"].extend([
                whole if whole is not None else (text[s:e] if s is not None and e is not None else "")
                for s, e, whole in zip(s_starts, s_ends, kept, strict=True)])
        if "corrected" in out:
            out["corrected"].extend([None] * k)
        n += k
        if n >= size:
            yield [out[c] for c in columns]
            first = False
            out = {c: [] for c in columns}
            n = 0
    if n or first:
        yield [out[c] for c in columns]



#: the own columns the words are cut with (``tables`` reads each once, from ``columns`` when there)
_WORD_OFFSETS = ("indicator", "span_start", "span_end", "sentence_start", "sentence_end")


def tables(store: Store, columns: tuple[str, ...], size: int, schema: pa.Schema,
           **filters: Any) -> Iterator[pa.Table]:
    """``chunks`` as Arrow tables of ``schema`` (``export_arrow.table_of_columns`` of each chunk),
    built with fewer Python objects (see the module's docstring)."""
    rwhere, rparams, fwhere, fparams = _split_filters("tables", filters)
    read = [c for c in columns if c in OWN_COLUMNS]
    read += [c for c in _WORD_OFFSETS if c not in read]
    at = {c: i for i, c in enumerate(read)}
    sql = (f"SELECT {', '.join(OWN_COLUMNS[c] for c in read)}, f.sentence_text FROM fact_rows f "
           f"WHERE f.report_id = ?{fwhere.replace(' WHERE ', ' AND ', 1)} ORDER BY f.seq")
    table = store.indicators()
    ids = pa.array(list(table), type=pa.string())
    names = pa.array([v.get("name") for v in table.values()], type=pa.string())
    reports = store.rows(f"SELECT {', '.join(REPORT_COLUMNS.values())} FROM reports{rwhere} "
                         "ORDER BY report_year, region, id", rparams)
    batch = _Batch(read)
    first = True
    for report in reports:
        _, found = store.fetch(sql, [report["id"], *fparams])
        if not found:
            continue
        batch.add(report, found, store.report_text(report["id"]), at)
        if batch.n >= size:
            yield batch.table(columns, schema, ids, names, at)
            first = False
            batch = _Batch(read)
    if batch.n or first:
        yield batch.table(columns, schema, ids, names, at)


class _Batch:
    """The facts of whole reports gathered for one Arrow table."""

    def __init__(self, read: list[str]) -> None:
        self.own: list[list[Any]] = [[] for _ in read]
        self.reports: list[dict[str, Any]] = []
        self.counts: list[int] = []
        self.evidence: list[str] = []
        self.sentences: list[str] = []  # each distinct sentence once …
        self.sentence_at: list[int] = []  # … and each fact's place in it
        self.n = 0

    def add(self, report: dict[str, Any], found: list[tuple[Any, ...]], text: str, at: dict[str, int]) -> None:
        by_column = list(zip(*found, strict=True))
        for values, into in zip(by_column, self.own, strict=False):
            into.extend(values)
        starts, ends = by_column[at["span_start"]], by_column[at["span_end"]]
        self.evidence.extend([text[s:e] for s, e in zip(starts, ends, strict=True)])
        s_starts, s_ends, kept = by_column[at["sentence_start"]], by_column[at["sentence_end"]], by_column[-1]
        base = len(self.sentences)
        if kept.count(None) == len(kept) and None not in s_starts and None not in s_ends:
            # every sentence is the text at its span: each distinct span cut once (dicts keep their order)
            spans = list(zip(s_starts, s_ends, strict=True))
            place = {span: i for i, span in enumerate(dict.fromkeys(spans), start=base)}
            self.sentences.extend([text[s:e] for s, e in place])
            self.sentence_at.extend(map(place.__getitem__, spans))
        else:  # as ``chunks`` gives them, one per fact
            self.sentences.extend([
                whole if whole is not None else (text[s:e] if s is not None and e is not None else "")
                for s, e, whole in zip(s_starts, s_ends, kept, strict=True)])
            self.sentence_at.extend(range(base, base + len(found)))
        self.reports.append(report)
        self.counts.append(len(found))
        self.n += len(found)

    def table(self, columns: tuple[str, ...], schema: pa.Schema, ids: pa.Array, names: pa.Array,
              at: dict[str, int]) -> pa.Table:
        of_report = pa.array(np.repeat(np.arange(len(self.reports), dtype=np.int64), self.counts))
        arrays = []
        for name in columns:
            type_ = schema.field(name).type
            kind = cb.column(name).type
            if name in REPORT_COLUMNS:
                key = REPORT_COLUMNS[name]
                arrays.append(export_arrow.column([r[key] for r in self.reports], kind, type_).take(of_report))
            elif name in at:
                arrays.append(export_arrow.column(self.own[at[name]], kind, type_))
            elif name == "indicator_name":
                found = pc.index_in(export_arrow.column(self.own[at["indicator"]], cb.STRING, pa.string()),
                                    value_set=ids)
                arrays.append(names.take(found).cast(type_))
            elif name == "evidence":
                arrays.append(export_arrow.column(self.evidence, kind, type_))
            elif name == "sentence":
                arrays.append(export_arrow.column(self.sentences, kind, type_).take(
                    pa.array(self.sentence_at, type=pa.int64())))
            elif name == "corrected":
                arrays.append(pa.nulls(self.n, type=type_))
            else:
                raise ValueError(f"fact_columns.tables has no column {name!r}")
        return pa.Table.from_arrays(arrays, schema=schema)
