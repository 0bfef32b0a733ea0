"""Task follow-up over the store (issue 14, item 3), computed on demand from the stored tasks.

The tasks of a stored report of plan year Y are followed up in the review of the same region's
report of plan year Y + 1 (``govreport.task_follow``); nothing new is stored, so a database made
before this module works as is, and a re-ingested report is followed with its current tasks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from govreport.task_follow import FollowUp, follow_rows, follow_tasks, review_spans, task_from_record


@dataclass(frozen=True, slots=True)
class StoredFollow:
    report: dict[str, Any]  # the report's doc fields (``Store.list_reports`` row)
    next_report: dict[str, Any] | None  # the same region's report of the next plan year, if stored
    followups: tuple[FollowUp, ...]  # empty when there is no next report
    text: str  # the report's text (the tasks' spans index it)

    def rows(self) -> list[dict[str, object]]:
        nxt = self.next_report["id"] if self.next_report else None
        return follow_rows(self.report["id"], nxt, self.text, self.followups)


def _plan_year(doc: dict[str, Any]) -> int | None:
    year = doc.get("plan_year") or doc.get("report_year")
    return int(year) if year else None


def next_report(store: Any, doc: dict[str, Any]) -> dict[str, Any] | None:
    """The same region's report of the next plan year (a whole report before a fragment)."""
    year = _plan_year(doc)
    if year is None or not doc.get("region"):
        return None
    found = [r for r in store.list_reports(region=doc["region"])
             if _plan_year(r) == year + 1 and r.get("level") == doc.get("level") and r["id"] != doc["id"]]
    found.sort(key=lambda r: (bool(r.get("partial")), r["id"]))
    return found[0] if found else None


def stored_followups(store: Any, report_id: str) -> StoredFollow:
    """The follow-up of one stored report (``followups`` empty when the next year is not stored)."""
    full = store.get_report(report_id)  # QueryError for an unknown id
    doc = full["doc"]
    nxt = next_report(store, doc)
    if nxt is None:
        return StoredFollow(doc, None, (), full["text"])
    later = store.get_report(nxt["id"])
    spans = review_spans(((s["role"], s["span"][0], s["span"][1]) for s in later["sections"]), len(later["text"]))
    tasks = [task_from_record(t) for t in full["tasks"]]
    return StoredFollow(doc, nxt, follow_tasks(tasks, later["text"], spans), full["text"])
