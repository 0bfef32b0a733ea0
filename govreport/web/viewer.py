"""What the report viewer (report.html) needs beyond the report itself: the highlighted text, the
outline and the facts, tasks and slogans as data for its script, with the words a reader sees
(kind, measure, bound in the page's language; the value as a report writes it, the exact value
beside it). Shared by the stored-report page and the upload page."""

from __future__ import annotations

from typing import Any

from govreport.readable import exact, readable
from govreport.web.i18n import Messages
from govreport.web.render import highlight, outline, span_of

#: the fact fields the viewer's script reads, as stored
FACT_FIELDS = ("kind", "indicator", "indicator_text", "indicator_name", "measure", "value", "value_max", "unit",
               "bound", "period", "rank_scope", "rank_of", "section", "span")


def viewer_context(report: dict[str, Any], t: Messages | None = None) -> dict[str, Any]:
    t = t or Messages()
    facts = report.get("facts") or []
    text = str(report.get("text") or "")
    counts = {k: sum(1 for f in facts if f.get("kind") == k) for k in ("target", "actual", "estimate")}
    facts_data = []
    for f in facts:
        row = {k: f.get(k) for k in FACT_FIELDS}
        row["evidence"] = text[sp[0]:sp[1]] if (sp := span_of(f.get("span"))) else ""
        row["value_text"] = readable(f.get("value"), f.get("unit"), f.get("value_max"))
        row["value_exact"] = exact(f.get("value"), f.get("unit"), f.get("value_max"))
        row["kind_label"] = t.code("kind", f.get("kind"))
        row["measure_label"] = t.code("measure", f.get("measure"))
        row["bound_label"] = t.code("bound", f.get("bound"))
        facts_data.append(row)
    return {
        "body": highlight(report),
        "outline": outline(report),
        "kind_counts": counts,
        "facts_data": facts_data,
        "tasks_data": report.get("tasks") or [],
        "slogans_data": report.get("slogans") or [],
        "ui_data": {k: t(f"report.{k}") for k in ("fact_of", "also_here", "task_title", "slogan_title", "by")},
    }
