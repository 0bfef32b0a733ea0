"""The task page of one report (issue 14): its 督查 task table with each task's follow-up in the
same region's next-year review (``/tasks?id=ID``, JSON twin ``/tasks.json?id=ID``; ``status=done``,
``started`` or ``not_mentioned`` filters the rows)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.routing import Route

from govreport.errors import QueryError
from govreport.task_follow import STATUS_NAMES, STATUSES


def tasks_page(request: Request) -> tuple[str, dict[str, Any], dict[str, Any]]:
    from govreport.store.followups import stored_followups

    report_id = request.query_params.get("id")
    if not report_id:
        raise HTTPException(400, "give the report id: /tasks?id=ID")
    status = request.query_params.get("status") or None
    if status is not None and status not in STATUSES:
        raise HTTPException(400, f"status must be one of {', '.join(STATUSES)}")
    store = request.app.state.store
    try:
        got = stored_followups(store, report_id)
    except QueryError as exc:
        raise HTTPException(404, f"no report with id {report_id!r}") from exc
    if got.next_report is not None:
        rows = got.rows()
    else:  # no next-year report stored: the task table without statuses
        from govreport.task_follow import task_from_record

        tasks = [task_from_record(t) for t in store.get_report(report_id)["tasks"]]
        from govreport.task_table import task_rows

        rows = [r | {"进展": "", "状态": "", "次年报告依据": "", "依据位置": "", "任务位置":
                     f"{t.span.start}-{t.span.end}"} for r, t in zip(task_rows(got.text, tasks), tasks, strict=True)]
    counts = Counter(r["状态"] for r in rows if r["状态"])
    shown = [r for r in rows if status is None or r["状态"] == status]
    payload = {
        "report": {k: got.report.get(k) for k in ("id", "region", "report_year", "plan_year", "level")},
        "next_report": got.next_report["id"] if got.next_report else None,
        "counts": {s: counts.get(s, 0) for s in STATUSES} if got.next_report else {},
        "status": status,
        "rows": shown,
    }
    return "tasks.html", payload, {"status_names": STATUS_NAMES, "total": len(rows)}


def routes() -> list[Route]:
    from govreport.web.pages import _twin

    return _twin("/tasks", tasks_page, "tasks")
