"""Tracking's counts per region, kept in the database so a first /tracking page need not track
every region (≈ 30 s at 10,000 reports) to say how many rows there are.

The tracking page shows one page of rows in ``track``'s order with the total and the count of
each verdict. The page's rows come from the few regions it covers (``tracking.Tracker``), but
the total and the counts need every region. ``track_summary`` (schema version 8) holds, per
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
    """One region's tracking rows counted: ``counts`` ((indicator, verdict, rows), sorted) and
    whether all of them sort at the region's own level."""

    in_order: bool
    counts: tuple[tuple[str, str, int], ...]


def count_rows(rows: list[dict[str, Any]], rank: int) -> RegionCounts:
    """The counts of one region's rows (``Tracker.rows_of``); ``rank``: the region's level rank."""
    counts = Counter((r["indicator"], r["verdict"]) for r in rows)
    in_order = all(LEVEL_ORDER.get(r["level"] or "", 9) == rank for r in rows)
    return RegionCounts(in_order, tuple(sorted((i, v, n) for (i, v), n in counts.items())))


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


def states(store: Store) -> dict[str | None, str]:
    """Each region's state (module docstring): one query over the reports' short columns, one
    over the corrections."""
    rules = _rules(store)
    reports: dict[str | None, list[Any]] = defaultdict(list)
    for row in store.fetch("SELECT region, id, sha256, ingested_at, province, admin_code, level, report_year, "
                           "plan_year FROM reports ORDER BY region, id")[1]:
        reports[row[0]].append(row[1:])
    corrections: dict[str | None, list[Any]] = defaultdict(list)
    if _has(store, "corrections"):
        for row in store.fetch("SELECT r.region, c.* FROM corrections c JOIN reports r "
                               "ON r.text_sha256 = c.text_sha256 ORDER BY c.id, r.id")[1]:
            corrections[row[0]].append(row[1:])
    return {region: hashlib.sha256(json.dumps([rules, rows, corrections.get(region, [])], ensure_ascii=False,
                                              default=str).encode()).hexdigest()
            for region, rows in reports.items()}


def _key(region: str | None) -> str:
    return json.dumps(region, ensure_ascii=False)


def stored(store: Store) -> dict[str | None, tuple[str, RegionCounts]]:
    """The counts kept in the database: region → (state, counts); empty when there is no table."""
    if not _has(store, "track_summary"):
        return {}
    out = {}
    for key, state, in_order, counts in store.fetch("SELECT region_key, state, in_order, counts FROM track_summary")[1]:
        out[json.loads(key)] = (state, RegionCounts(bool(in_order), tuple(tuple(c) for c in json.loads(counts))))
    return out


def group_counts(store: Store, write: bool | None = None) -> list[RegionCounts]:
    """The counts of every region of an unfiltered ``Tracker`` in its group order: kept ones
    whose state matches, the others computed (and written when ``write``; by default when the
    store is writable and has the table)."""
    from govreport.tracking import Tracker

    tracker = Tracker(store)
    now = states(store)
    kept = stored(store)
    out: list[RegionCounts] = []
    fresh: list[tuple[str | None, str, RegionCounts]] = []
    for i, group in enumerate(tracker.groups):
        region = group["region"]
        state = now.get(region, "")
        if region in kept and kept[region][0] == state:
            out.append(kept[region][1])
            continue
        counts = count_rows(tracker.rows_of(i), group["rank"])
        out.append(counts)
        fresh.append((region, state, counts))
    if write is None:
        write = not getattr(store, "readonly", True) and _has(store, "track_summary")
    gone = [k for k in kept if k not in now]
    if write and (fresh or gone):
        with store.transaction() as conn:
            conn.executemany("DELETE FROM track_summary WHERE region_key = ?", [(_key(k),) for k in gone])
            conn.executemany("INSERT OR REPLACE INTO track_summary (region_key, state, in_order, counts) "
                             "VALUES (?, ?, ?, ?)",
                             [(_key(region), state, int(c.in_order), json.dumps(c.counts, ensure_ascii=False))
                              for region, state, c in fresh])
    return out


def refresh(store: Store) -> int:
    """Compute and keep the counts of the regions whose counts are missing or stale (the end of
    an ingest); returns how many regions were computed."""
    if getattr(store, "readonly", True) or not _has(store, "track_summary"):
        return 0
    before = stored(store)
    now = states(store)
    group_counts(store, write=True)
    return sum(1 for region, state in now.items() if before.get(region, ("",))[0] != state)
