"""Tracking's counts per region, kept in the database so a first /tracking page need not track
every region (≈ 30 s at 10,000 reports) to say how many rows there are.

The tracking page shows one page of rows in ``track``'s order with the total and the count of
each verdict. The page's rows come from the few regions it covers (``tracking.Tracker``), but
the total and the counts need every region. ``track_summary`` (schema version 9) holds, per
region, the count of rows per indicator and verdict and whether every row sorts at the region's
own level (``in_order``; otherwise the page must come from the merged order), with ``state``: a
digest of everything a region's rows are computed from — its reports (id, file SHA-256, time of
ingest, region, province, code, level, report and plan year), the corrections on their texts,
the indicator table, the no-target cues and this module's ``VERSION`` with govreport's. A
region's rows depend on its own reports only (its targets and outcomes are its facts; a unit is a
name within a province), so a changed report, a new report or a correction invalidates its own
region's counts and no other.

``refresh(store)`` (run at the end of an ingest) computes the regions whose counts are missing or
stale and writes them; ``group_counts`` gives the counts of every region of a tracker, from the
table where the state matches, computed otherwise (and written back when the store is writable).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from importlib import resources
from typing import Any

from govreport.store.queries import LEVEL_ORDER, Store

#: bump when tracking's rules change what rows a region has (the counts kept are then recomputed)
VERSION = 1


@dataclass(frozen=True, slots=True)
class RegionCounts:
    """One region counted: whether all its tracking rows sort at its own level, the rows per
    verdict, the rows per (indicator, verdict) and its facts per indicator (the last two as
    JSON, read only by a filter that needs them)."""

    in_order: bool
    verdicts: dict[str, int]
    counts_json: str
    facts_json: str

    def counts(self) -> list[tuple[str, str, int]]:
        return [(i, v, n) for i, v, n in json.loads(self.counts_json)]

    def facts(self) -> dict[str, int]:
        return json.loads(self.facts_json)


def count_rows(rows: list[dict[str, Any]], rank: int, facts: dict[str, int]) -> RegionCounts:
    """The counts of one region's rows (``Tracker.rows_of``; ``rank``: the region's level rank)
    and facts per indicator."""
    counts = Counter((r["indicator"], r["verdict"]) for r in rows)
    verdicts = Counter(r["verdict"] for r in rows)
    in_order = all(LEVEL_ORDER.get(r["level"] or "", 9) == rank for r in rows)
    return RegionCounts(in_order, dict(sorted(verdicts.items())),
                        json.dumps(sorted([i, v, n] for (i, v), n in counts.items()), ensure_ascii=False),
                        json.dumps(dict(sorted(facts.items())), ensure_ascii=False))


def _has(store: Store, name: str) -> bool:
    return bool(store.rows("SELECT 1 FROM sqlite_master WHERE name = ? AND type = 'table'", (name,)))


def _rules(store: Store) -> str:
    """Digest of what every region's rows depend on besides its reports: the code's version, the
    indicator table and the no-target cues."""
    from govreport import __version__

    h = hashlib.sha256(f"{__version__} {VERSION}".encode())
    h.update(resources.files("govreport.lexicons").joinpath("no_target_cues.tsv").read_bytes())
    h.update(json.dumps(sorted(store.indicators().items()), ensure_ascii=False, default=str).encode())
    return h.hexdigest()


_QUOTED = " || ',' || ".join(f"quote({c})" for c in ("id", "sha256", "ingested_at", "province", "admin_code",
                                                       "level", "report_year", "plan_year"))


def states(store: Store) -> dict[str | None, str]:
    """Each region's state (module docstring): its reports' columns quoted and joined in SQL
    (one query), the corrections on their texts (another), digested with the rules."""
    rules = _rules(store).encode()
    corrections: dict[str | None, list[Any]] = defaultdict(list)
    if _has(store, "corrections"):
        for row in store.fetch("SELECT r.region, c.* FROM corrections c JOIN reports r "
                               "ON r.text_sha256 = c.text_sha256 ORDER BY c.id, r.id")[1]:
            corrections[row[0]].append(row[1:])
    out = {}
    # grouped in the order of the index reports_tracking (region, id): no sort
    for region, joined in store.fetch(f"SELECT region, group_concat({_QUOTED}, ';') FROM reports GROUP BY region")[1]:
        h = hashlib.sha256(rules)
        h.update(joined.encode())
        if region in corrections:
            h.update(json.dumps(corrections[region], ensure_ascii=False, default=str).encode())
        out[region] = h.hexdigest()
    return out


def _key(region: str | None) -> str:
    return json.dumps(region, ensure_ascii=False)


def stored(store: Store) -> dict[str | None, tuple[str, RegionCounts]]:
    """The counts kept in the database: region → (state, counts); empty when there is no table."""
    if not _has(store, "track_summary"):
        return {}
    out = {}
    for key, state, in_order, verdicts, counts, facts in store.fetch(
            "SELECT region_key, state, in_order, verdicts, counts, facts FROM track_summary")[1]:
        out[json.loads(key)] = (state, RegionCounts(bool(in_order), json.loads(verdicts), counts, facts))
    return out


def _fact_counts(store: Store, region: str | None) -> dict[str, int]:
    return {r["indicator"]: r["n"] for r in store.rows(
        "SELECT indicator, count(*) AS n FROM facts WHERE region IS ? AND indicator IS NOT NULL GROUP BY indicator",
        (region,))}


def group_counts(store: Store, tracker: Any = None, now: dict[str | None, str] | None = None,
                 write: bool | None = None) -> list[RegionCounts]:
    """The counts of every region of an unfiltered ``Tracker`` (``tracker``, or a new one) in
    its group order: kept ones whose state (``now``: ``states``) matches, the others computed
    (and written when ``write``; by default when the store is writable and has the table)."""
    from govreport.tracking import Tracker

    if tracker is None or tracker.region is not None or tracker.indicator is not None:
        tracker = Tracker(store)
    now = states(store) if now is None else now
    kept = stored(store)
    out: list[RegionCounts] = []
    fresh: list[tuple[str | None, str, RegionCounts]] = []
    for i, group in enumerate(tracker.groups):
        region = group["region"]
        state = now.get(region, "")
        if region in kept and kept[region][0] == state:
            out.append(kept[region][1])
            continue
        counts = count_rows(tracker.rows_of(i), group["rank"], _fact_counts(store, region))
        out.append(counts)
        fresh.append((region, state, counts))
    if write is None:
        write = not getattr(store, "readonly", True) and _has(store, "track_summary")
    gone = [k for k in kept if k not in now]
    if write and (fresh or gone):
        with store.transaction() as conn:
            conn.executemany("DELETE FROM track_summary WHERE region_key = ?", [(_key(k),) for k in gone])
            conn.executemany("INSERT OR REPLACE INTO track_summary (region_key, state, in_order, verdicts, counts, "
                             "facts) VALUES (?, ?, ?, ?, ?, ?)",
                             [(_key(region), state, int(c.in_order), json.dumps(c.verdicts, ensure_ascii=False),
                               c.counts_json, c.facts_json) for region, state, c in fresh])
    return out


def fact_counts(groups: list[RegionCounts]) -> dict[str, int]:
    """Facts per indicator over every region (what the indicator menu shows)."""
    total: Counter[str] = Counter()
    for group in groups:
        total.update(group.facts())
    return dict(sorted(total.items()))


def refresh(store: Store) -> int:
    """Compute and keep the counts of the regions whose counts are missing or stale (the end of
    an ingest); returns how many regions were computed."""
    if getattr(store, "readonly", True) or not _has(store, "track_summary"):
        return 0
    before = stored(store)
    now = states(store)
    group_counts(store, now=now, write=True)
    return sum(1 for region, state in now.items() if before.get(region, ("",))[0] != state)
