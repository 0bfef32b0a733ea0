"""Target tracking: each target of year Y against the outcome reported for period Y.

``track(store)`` pairs every target fact (kind ``target``) with the outcome (``actual``,
else ``estimate``) for the same region, indicator and period in a *later* report of that
region (the first later report that states it: normally the Y+1 report, else a later
review) and gives a verdict per "Tracking verdicts" in the JSON contract:
``met``, ``missed``, ``no_outcome``, ``not_reported``, ``not_comparable``; plus
``no_target`` rows for indicators a report explicitly sets no target for (cue phrases in
``lexicons/no_target_cues.tsv``), as distinct from a target that was not extracted.

``compare(store, year, indicator)`` lines up the targets of every level for one year.
"""

from __future__ import annotations

import csv
import heapq
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import MISSING, dataclass, fields
from functools import lru_cache
from importlib import resources
from typing import Any

from govreport.errors import LexiconError
from govreport.store.corrections import effective_facts, fact_source
from govreport.store.fulltext import fold
from govreport.store.queries import LEVEL_ORDER, Store, _where

VERDICTS = ("met", "missed", "no_outcome", "not_reported", "not_comparable", "no_target")
PERCENT_UNITS = {"%", "个百分点"}
_EPS = 1e-9


@dataclass(frozen=True, slots=True)
class TrackRow:
    region: str | None
    admin_code: str | None
    level: str | None
    year: int | None  # the target's period (its last year for a multi-year period)
    period: str | None
    indicator: str
    indicator_name: str | None
    direction: str | None
    verdict: str
    measure: str | None = None
    unit: str | None = None
    target_value: float | None = None
    target_value_max: float | None = None
    target_bound: str | None = None
    target_report: str | None = None
    target_report_year: int | None = None
    target_span: tuple[int, int] | None = None
    target_evidence: str | None = None
    target_sentence: str | None = None
    outcome_value: float | None = None
    outcome_kind: str | None = None
    outcome_measure: str | None = None
    outcome_unit: str | None = None
    outcome_report: str | None = None
    outcome_report_year: int | None = None
    outcome_span: tuple[int, int] | None = None
    outcome_evidence: str | None = None
    outcome_sentence: str | None = None
    gap: float | None = None  # outcome − the target bound that decides the verdict
    # where each side's period came from (Fact.period_source: sentence, passage, section, report):
    # a verdict on a period taken from the section or the report rests on a guess and says so
    target_period_source: str | None = None
    outcome_period_source: str | None = None
    # a reviewer's correction changed (or added) the target / the outcome (store/corrections.py)
    target_corrected: bool = False
    outcome_corrected: bool = False

    def to_dict(self) -> dict[str, Any]:
        # field by field (``dataclasses.asdict`` deep-copies every value: most of track's time)
        return row_dict({name: getattr(self, name) for name in _TRACK_FIELDS})


_TRACK_FIELDS = tuple(f.name for f in fields(TrackRow))
#: every field in order with its default (None for the required ones): ``{**_TEMPLATE, **row}``
#: is a row dict in ``to_dict``'s key order
_TEMPLATE = {f.name: None if f.default is MISSING else f.default for f in fields(TrackRow)}
FIELD_DEFAULTS = _TEMPLATE


def judge(value: float, bound: str, unit: str, direction: str | None, actual: float,
          value_max: float | None = None) -> tuple[str, float]:
    """(``met`` or ``missed``, gap) of one target against its outcome.

    The gap is ``actual`` minus the figure the verdict is decided on (the target, or the
    relevant end of a range; 0 inside a range when the direction is ``none``)."""
    direction = direction if direction in ("up", "down") else "none"
    if bound == "min":
        return ("met" if actual >= value - _EPS else "missed"), actual - value
    if bound == "max":
        return ("met" if actual <= value + _EPS else "missed"), actual - value
    if bound == "range":
        low, high = value, value_max if value_max is not None else value
        if direction == "up":
            return ("met" if actual >= low - _EPS else "missed"), actual - low
        if direction == "down":
            return ("met" if actual <= high + _EPS else "missed"), actual - high
        gap = 0.0 if low - _EPS <= actual <= high + _EPS else (actual - low if actual < low else actual - high)
        return ("met" if gap == 0.0 else "missed"), gap
    tol = 0.0
    if bound == "approx":
        tol = 0.5 if unit in PERCENT_UNITS else 0.05 * abs(value)
    gap = actual - value
    if direction == "up":
        ok = actual >= value - tol - _EPS
    elif direction == "down":
        ok = actual <= value + tol + _EPS
    else:
        ok = abs(gap) <= tol + _EPS
    return ("met" if ok else "missed"), gap


# -- no-target cues ---------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class NoTargetCue:
    indicator: str
    pattern: re.Pattern[str]
    example: str


@lru_cache(maxsize=1)
def no_target_cues() -> tuple[NoTargetCue, ...]:
    """The cue phrases of ``lexicons/no_target_cues.tsv``, validated: each pattern compiles and
    matches its own example."""
    cues = []
    with resources.files("govreport.lexicons").joinpath("no_target_cues.tsv").open(encoding="utf-8") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    for n, row in enumerate(csv.DictReader(lines, delimiter="\t"), start=2):
        try:
            pattern = re.compile(row["pattern"])
        except (re.error, KeyError, TypeError) as exc:
            raise LexiconError(f"no_target_cues.tsv row {n}: bad pattern: {exc}") from exc
        if not row.get("indicator") or not pattern.search(fold(row.get("example") or "")):
            raise LexiconError(f"no_target_cues.tsv row {n}: pattern does not match its example")
        cues.append(NoTargetCue(row["indicator"], pattern, row["example"]))
    return tuple(cues)


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(text.rfind(c, 0, start) for c in "。！？\n；") + 1
    rights = [i for i in (text.find(c, end) for c in "。！？\n") if i >= 0]
    return left, (min(rights) + 1 if rights else len(text))


# -- tracking -----------------------------------------------------------------------------------
def _unit_key(r: Any) -> tuple[str, str] | None:
    """The reporting unit: its name within its province (codes can be missing in one year's
    metadata and present in the next; names within a province are unique). ``r``: a dict or
    an ``sqlite3.Row`` with region and province."""
    region = r["region"]
    if not region:
        return None
    province = r["province"]
    return (province if province and province != region else "", region)


#: a fact as tracking reads it: its report's dict beside a tuple of ``_FACT_COLUMNS`` (the
#: report's own columns — region, level, year — are read once per report, not once per fact)
_FACT_COLUMNS = ("seq", "kind", "period", "period_start", "period_end", "indicator", "measure", "value", "value_max",
                 "unit", "bound", "role", "start", "end", "period_source", "corrected", "indicator_name",
                 "evidence", "sentence", "sentence_start", "sentence_end", "sentence_text")
(_SEQ, _KIND, _PERIOD, _PSTART, _PEND, _IND, _MEASURE, _VALUE, _VMAX, _UNIT, _BOUND, _ROLE, _START, _END, _PSOURCE,
 _CORRECTED, _INAME, _EVIDENCE, _SENTENCE, _SSTART, _SEND, _STEXT) = range(len(_FACT_COLUMNS))
_Fact = tuple[dict[str, Any], tuple[Any, ...]]
_OWN = ", ".join(f"f.{c}" for c in _FACT_COLUMNS[:_CORRECTED])
_WHERE = "f.report_id = ? AND f.indicator IS NOT NULL AND f.period_end IS NOT NULL"
#: from ``fact_rows`` itself, when there is no correction to apply: the words are cut from the
#: report's text here (``_words``), only for the facts a row shows, where the view would cut them
#: for every fact (and join the report to each)
_ROWS_SQL = (f"SELECT {_OWN}, 0, NULL, NULL, NULL, f.sentence_start, f.sentence_end, f.sentence_text "
             f"FROM fact_rows f WHERE {_WHERE}{{indicator}} ORDER BY f.seq")
#: from a view of the facts (``facts_effective``, with the corrections; or the table of the old layout)
_VIEW_SQL = (f"SELECT {_OWN}, {{corrected}}, f.indicator_name, f.evidence, f.sentence, NULL, NULL, NULL "
             f"FROM {{source}} f WHERE {_WHERE}{{indicator}} ORDER BY f.seq")


def _words(fact: _Fact) -> tuple[str | None, str | None]:
    """(evidence, sentence) of a fact, as the facts view gives them: the view's own, or cut from
    the report's text here (the text at the span; the sentence kept whole where it is not the
    text at its span, else the text at the sentence's span, else '': ``store/compact.py``)."""
    report, f = fact
    if not report["cut"]:
        return f[_EVIDENCE], f[_SENTENCE]
    text = report["text"]
    sentence = f[_STEXT]
    if sentence is None:
        start, end = f[_SSTART], f[_SEND]
        sentence = text[start:end] if start is not None and end is not None else ""
    return text[f[_START]:f[_END]], sentence


def _outcome_value(f: tuple[Any, ...]) -> float:
    if f[_BOUND] == "range" and f[_VMAX] is not None:
        return (f[_VALUE] + f[_VMAX]) / 2
    return f[_VALUE]


def _like_with_like(t: tuple[Any, ...], o: tuple[Any, ...]) -> bool:
    """A one-year verdict needs one-year figures on both sides: a cumulative growth (五年内增长44%,
    同1978年相比增长102%) states several years' change, whatever period it was given."""
    one_year = t[_PSTART] == t[_PEND]
    return not (one_year and "growth_cum" in (t[_MEASURE], o[_MEASURE]))


def _pick(cands: list[_Fact]) -> _Fact:
    """Prefer actual over estimate, a review section, a figure stated as such (not 以上/以内),
    then text order."""
    return min(cands, key=lambda c: (c[1][_KIND] != "actual", c[1][_ROLE] != "review",
                                     c[1][_BOUND] not in ("exact", "approx"), c[1][_SEQ]))


def track(store: Store, region: str | None = None, indicator: str | None = None) -> list[TrackRow]:
    """Every target in the store (optionally of one region — name or code — or indicator)
    with its outcome and verdict, plus ``no_target`` rows; ordered by region, year, indicator.
    (``iter_track`` gives the same rows one at a time.)"""
    return list(iter_track(store, region=region, indicator=indicator))


def iter_track(store: Store, region: str | None = None, indicator: str | None = None) -> Iterator[TrackRow]:
    """``track``'s rows in its order, computed one region at a time from SQL (``Tracker``)."""
    return iter(Tracker(store, region=region, indicator=indicator))


class Tracker:
    """Tracking computed one group at a time: a group is one region (name) of the stored reports,
    and only its facts (index ``fact_rows(report_id, seq)``) and its reports' texts are in memory at once.

    ``groups`` lists them in output order (by their highest level, then name); ``group(i)`` gives
    the sorted rows of one; iterating gives every row in ``track``'s order. A region's rows at a
    lower level than its first one (a unit stored at two levels) wait in a heap until their turn."""

    def __init__(self, store: Store, region: str | None = None, indicator: str | None = None) -> None:
        self.store, self.region, self.indicator = store, region, indicator
        self.table = store.indicators()
        self.source = fact_source(store)  # the facts with reviewers' corrections, when there are any
        # no correction to apply and the compact layout: read fact_rows and cut the words here
        self.cut = self.source == "facts" and bool(store.rows(
            "SELECT 1 FROM sqlite_master WHERE name = 'fact_rows' AND type = 'table'"))
        self.years: dict[tuple[str, str] | None, set[int]] = defaultdict(set)
        for name, province, year in store.fetch("SELECT region, province, report_year FROM reports "
                                                "WHERE report_year IS NOT NULL")[1]:
            self.years[_unit_key({"region": name, "province": province})].add(year)
        where, params = _where({"region": region})
        self.groups: list[dict[str, Any]] = store.rows(
            f"SELECT region, min(CASE level {_LEVEL_CASE} ELSE 9 END) AS rank FROM reports{where} "
            "GROUP BY region ORDER BY rank, coalesce(region, '')", params)

    def rows_of(self, i: int) -> list[dict[str, Any]]:
        """The sorted rows of group ``i`` as dicts of TrackRow fields (those left out take their
        defaults): what ``group`` wraps, and what ``dicts`` and the exports read without the
        dataclass (building half a million frozen rows was most of ``track``'s time)."""
        rows = _region_rows(self.store, self.groups[i]["region"], self.region, self.indicator, self.table,
                            self.years, self.source, self.cut)
        rows.sort(key=_row_key)
        return rows

    def group(self, i: int) -> list[TrackRow]:
        return [TrackRow(**r) for r in self.rows_of(i)]

    def _rows(self) -> Iterator[dict[str, Any]]:
        waiting: list[tuple[tuple[Any, ...], int, dict[str, Any]]] = []
        n = 0
        for i, group in enumerate(self.groups):
            rank = group["rank"]
            for row in self.rows_of(i):
                if LEVEL_ORDER.get(row["level"] or "", 9) > rank:
                    heapq.heappush(waiting, (_row_key(row), n, row))
                    n += 1
                    continue
                if waiting:
                    key = _row_key(row)
                    while waiting and waiting[0][0] < key:
                        yield heapq.heappop(waiting)[2]
                yield row
        while waiting:
            yield heapq.heappop(waiting)[2]

    def __iter__(self) -> Iterator[TrackRow]:
        return (TrackRow(**r) for r in self._rows())

    def field_rows(self) -> Iterator[dict[str, Any]]:
        """Every row in ``track``'s order as ``rows_of`` gives it (the spans as tuples; a row that
        leaves fields out takes ``FIELD_DEFAULTS``): rows nothing else holds, for a reader to change."""
        return self._rows()

    def dicts(self) -> Iterator[dict[str, Any]]:
        """Every row as ``TrackRow.to_dict`` gives it, in ``track``'s order, never built as a TrackRow."""
        return map(_own_dict, self._rows())


def row_dict(row: dict[str, Any]) -> dict[str, Any]:
    """A row of ``Tracker.rows_of`` as ``TrackRow.to_dict`` gives it (every field, in order)."""
    d = {**_TEMPLATE, **row}
    for key in ("target_span", "outcome_span"):
        d[key] = list(d[key]) if d[key] else None
    return d


def _own_dict(row: dict[str, Any]) -> dict[str, Any]:
    """``row_dict`` of a row nothing else holds: a target's row has every field in order already
    (``_target_rows``), so only its spans change, in place."""
    if len(row) != len(_TEMPLATE):
        return row_dict(row)
    for key in ("target_span", "outcome_span"):
        row[key] = list(row[key]) if row[key] else None
    return row


def iter_track_dicts(store: Store, region: str | None = None, indicator: str | None = None) -> Iterator[dict[str, Any]]:
    """``r.to_dict() for r in iter_track(…)``, without building the TrackRows (the CLI and the exports)."""
    return Tracker(store, region=region, indicator=indicator).dicts()


def _row_key(r: dict[str, Any]) -> tuple[Any, ...]:
    """The order of ``track``'s rows: level, region, year, indicator, measure, the target's place."""
    return (LEVEL_ORDER.get(r["level"] or "", 9), r["region"] or "", r["year"] or 0, r["indicator"],
            r.get("measure") or "", r.get("target_span") or (0, 0))


_LEVEL_CASE = " ".join(f"WHEN '{name}' THEN {rank}" for name, rank in LEVEL_ORDER.items())


def _region_rows(store: Store, name: str | None, region: str | None, indicator: str | None,
                 table: dict[str, dict[str, Any]], years: dict[Any, set[int]],
                 source: str = "facts", cut: bool = False) -> list[dict[str, Any]]:
    """The tracking rows (targets, then no-target rows, as TrackRow field dicts) of the reports
    whose region is ``name`` and their facts, read one report at a time (index ``fact_rows(report_id,
    seq)``) in the reports' order (year, id) and the facts' (seq). ``cut``: read ``fact_rows`` and
    cut the words here (no corrections to apply, the compact layout), else read ``source``."""
    rw, rparams = _where({"region": region})
    reports = store.rows("SELECT id, region, admin_code, province, level, report_year, plan_year, text FROM reports "
                         "WHERE region IS ?" + rw.replace(" WHERE ", " AND ", 1)
                         + " ORDER BY report_year, region, id", [name, *rparams])
    extra, params = (" AND f.indicator = ?", [indicator]) if indicator is not None else ("", [])
    if cut:
        sql = _ROWS_SQL.format(indicator=extra)
    else:
        sql = _VIEW_SQL.format(indicator=extra, source=source, corrected="f.corrected" if source != "facts" else "0")
    targets: list[_Fact] = []
    # outcomes: actuals/estimates, keyed by (unit, indicator, period)
    outcomes: dict[tuple[Any, ...], list[_Fact]] = defaultdict(list)
    for report in reports:
        report["cut"], report["unit"] = cut, _unit_key(report)
        for f in store.fetch(sql, [report["id"], *params])[1]:
            kind = f[_KIND]
            if kind == "target":
                targets.append((report, f))
            elif kind in ("actual", "estimate"):
                outcomes[(report["unit"], f[_IND], f[_PSTART], f[_PEND])].append((report, f))
    rows = _target_rows(targets, outcomes, table, years)
    rows.extend(_no_target_rows(store, reports, indicator, table))
    return rows


def _target_rows(targets: list[_Fact], outcomes: dict[tuple[Any, ...], list[_Fact]],
                 table: dict[str, dict[str, Any]], years: dict[Any, set[int]]) -> list[dict[str, Any]]:
    """One row (TrackRow fields) per distinct target (``targets``, ``outcomes``: facts of ``_region_rows``)."""
    rows: list[dict[str, Any]] = []
    seen: set[tuple[Any, ...]] = set()
    last: dict[Any, int | None] = {}  # unit → its last report year
    for target in targets:
        report, t = target
        key = (report["id"], t[_IND], t[_MEASURE], t[_PSTART], t[_PEND], t[_VALUE], t[_VMAX], t[_BOUND])
        if key in seen:  # the same target repeated in one report
            continue
        seen.add(key)
        unit_key = report["unit"]
        info = table.get(t[_IND], {})
        evidence, sentence = _words(target)
        end = t[_PEND]
        # every field in TrackRow's order (``row_dict`` then only turns the spans into lists)
        row = {"region": report["region"], "admin_code": report["admin_code"], "level": report["level"],
               "year": end, "period": t[_PERIOD], "indicator": t[_IND],
               "indicator_name": info.get("name") or t[_INAME], "direction": info.get("direction"),
               "verdict": "no_outcome", "measure": t[_MEASURE], "unit": t[_UNIT], "target_value": t[_VALUE],
               "target_value_max": t[_VMAX], "target_bound": t[_BOUND], "target_report": report["id"],
               "target_report_year": report["report_year"], "target_span": (t[_START], t[_END]),
               "target_evidence": evidence, "target_sentence": sentence, "outcome_value": None,
               "outcome_kind": None, "outcome_measure": None, "outcome_unit": None, "outcome_report": None,
               "outcome_report_year": None, "outcome_span": None, "outcome_evidence": None,
               "outcome_sentence": None, "gap": None, "target_period_source": t[_PSOURCE],
               "outcome_period_source": None, "target_corrected": bool(t[_CORRECTED]), "outcome_corrected": False}
        rows.append(row)
        if unit_key not in last:
            last[unit_key] = max(years.get(unit_key, ()), default=None) if unit_key is not None else None
        latest = last[unit_key]
        if latest is None or latest <= end:
            continue
        cands = [c for c in outcomes.get((unit_key, t[_IND], t[_PSTART], end), ())
                 if c[0]["report_year"] is not None and c[0]["report_year"] > end]
        if not cands:
            row["verdict"] = "not_reported"
            continue
        same = [c for c in cands if c[1][_MEASURE] == t[_MEASURE] and c[1][_UNIT] == t[_UNIT]]
        pool = same or cands
        first_year = min(c[0]["report_year"] for c in pool)
        picked = _pick([c for c in pool if c[0]["report_year"] == first_year])
        where, o = picked
        row["outcome_evidence"], row["outcome_sentence"] = _words(picked)
        row.update(outcome_value=o[_VALUE], outcome_kind=o[_KIND], outcome_measure=o[_MEASURE],
                   outcome_unit=o[_UNIT], outcome_report=where["id"], outcome_report_year=where["report_year"],
                   outcome_span=(o[_START], o[_END]), outcome_period_source=o[_PSOURCE],
                   outcome_corrected=bool(o[_CORRECTED]))
        if not same or not _like_with_like(t, o):
            row["verdict"] = "not_comparable"
            continue
        row["verdict"], gap = judge(t[_VALUE], t[_BOUND], t[_UNIT], info.get("direction"), _outcome_value(o),
                                    t[_VMAX])
        row["gap"] = round(gap, 6)
    return rows


def no_target_rows(store: Store, region: str | None = None, indicator: str | None = None) -> list[TrackRow]:
    """``no_target`` rows: a report says in so many words that it sets no target."""
    return [TrackRow(**r) for r in _no_target_rows(store, store.list_reports(region=region), indicator,
                                                   store.indicators())]


def _no_target_rows(store: Store, reports: Iterable[dict[str, Any]], indicator: str | None,
                    table: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The no-target rows (TrackRow field dicts) of ``reports`` (each with its ``text``, else read from the store): per
    line in text order, each indicator's first cue match in the line."""
    cues = [c for c in no_target_cues() if indicator is None or c.indicator == indicator]
    if not cues:
        return []
    rows = []
    for r in reports:
        text = r.get("text")
        if text is None:
            text = store.report_text(r["id"])
        done: set[str] = set()
        for line in _target_sentences(text):
            views = [(start, fold(sentence)) for start, sentence in line]
            for cue in cues:
                if cue.indicator in done:
                    continue
                for start, view in views:
                    m = cue.pattern.search(view)
                    if m:
                        done.add(cue.indicator)
                        rows.append(_no_target_row(r, cue, text, start + m.start(), start + m.end(), table))
                        break
    return rows


_TARGET_WORD = re.compile("目[标標]")
_SENTENCE_END = "。！？\n"
#: the first sentence end at or after a place (one search, where ``find`` per character would
#: scan to the end of the text for a character the text lacks)
_NEXT_END = re.compile("[。！？\n]")


def _target_sentences(text: str) -> list[list[tuple[int, str]]]:
    """The sentences that mention a target (目标/目標), as (offset, sentence) grouped by line,
    in text order: the only place a cue can match (a cue is a phrase of one sentence), so only
    they are folded (folding every line of every report was most of the time of this step).
    A sentence starts after the last 。！？ or line end before the mention (looked for within its
    line only) and ends at the first one after it, with its own 。！？."""
    lines: list[list[tuple[int, str]]] = []
    line_start = None
    end = 0
    for m in _TARGET_WORD.finditer(text):
        if m.start() < end:  # another mention in the sentence already taken
            continue
        at = m.start()
        here = text.rfind("\n", 0, at) + 1
        start = max(here, text.rfind("。", here, at) + 1, text.rfind("！", here, at) + 1, text.rfind("？", here, at) + 1)
        found = _NEXT_END.search(text, m.end())
        end = found.start() if found else len(text)
        if end < len(text) and text[end] != "\n":
            end += 1  # the sentence's own 。！？
        if here != line_start:
            lines.append([])
            line_start = here
        lines[-1].append((start, text[start:end]))
    return lines


def _no_target_row(r: dict[str, Any], cue: NoTargetCue, text: str, start: int, end: int,
                   table: dict[str, dict[str, Any]]) -> dict[str, Any]:
    s_start, s_end = _sentence(text, start, end)
    info = table.get(cue.indicator, {})
    year = r["plan_year"] or r["report_year"]
    return {"region": r["region"], "admin_code": r["admin_code"], "level": r["level"], "year": year,
            "period": str(year) if year else None, "indicator": cue.indicator, "indicator_name": info.get("name"),
            "direction": info.get("direction"), "verdict": "no_target", "target_report": r["id"],
            "target_report_year": r["report_year"], "target_span": (start, end),
            "target_evidence": text[start:end], "target_sentence": text[s_start:s_end]}


# -- comparison across levels ------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class CompareRow:
    level: str | None
    region: str | None
    admin_code: str | None
    parent: str | None  # the unit one level up (city, province or 全国)
    indicator: str
    measure: str
    value: float
    value_max: float | None
    unit: str
    bound: str
    report_id: str
    span: tuple[int, int]
    evidence: str
    sentence: str
    parent_value: float | None = None
    parent_bound: str | None = None
    above_parent: float | None = None  # value − the parent's value (same measure and unit)
    corrected: bool = False  # a reviewer's correction changed (or added) this target

    def to_dict(self) -> dict[str, Any]:
        d = {f.name: getattr(self, f.name) for f in fields(self)}
        d["span"] = list(d["span"])
        return d


def _parent(r: dict[str, Any]) -> str | None:
    level = r.get("level")
    if level == "national":
        return None
    if level == "province":
        return "全国"
    if level == "city":
        return r.get("province")
    if r.get("city") and r.get("city") != r.get("region"):
        return r["city"]
    return r.get("province")


def compare(store: Store, year: int, indicator: str, measure: str | None = None) -> list[CompareRow]:
    """The year's targets for ``indicator`` at every level, nation first, each with its
    parent unit's target (same measure and unit) and the difference."""
    reports = {r["id"]: r for r in store.list_reports(year=year)}
    first: dict[tuple[Any, ...], dict[str, Any]] = {}
    for f in effective_facts(store, year=year, indicator=indicator, kind="target"):
        if measure and f["measure"] != measure:
            continue
        if f["period_end"] is not None and not f["period_start"] == f["period_end"] == year:
            continue  # a multi-year goal (2026-2030) or another year's target
        key = (f["report_id"], f["measure"], f["unit"])
        first.setdefault(key, f)
    by_region: dict[tuple[Any, ...], dict[str, Any]] = {}
    for (_, m, unit), f in first.items():
        by_region.setdefault((f["region"], m, unit), f)
    rows = []
    for (_, m, unit), f in first.items():
        r = reports.get(f["report_id"], {})
        parent = _parent(r)
        p = by_region.get((parent, m, unit)) if parent else None
        rows.append(CompareRow(
            level=f["level"], region=f["region"], admin_code=f["admin_code"], parent=parent,
            indicator=indicator, measure=m, value=f["value"], value_max=f["value_max"], unit=unit,
            bound=f["bound"], report_id=f["report_id"], span=tuple(f["span"]), evidence=f["evidence"],
            sentence=f["sentence"], parent_value=p["value"] if p else None, parent_bound=p["bound"] if p else None,
            above_parent=round(f["value"] - p["value"], 6) if p else None, corrected=bool(f.get("corrected"))))
    rows.sort(key=lambda c: (LEVEL_ORDER.get(c.level or "", 9), c.parent or "", c.region or "", c.measure))
    return rows
