"""`govreport tasks --db DB [--follow] [--region R] [--year Y]`: the task table of stored reports,
and with ``--follow`` each task's status in the same region's next-year review."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from govreport.errors import GovReportError


def _write(sheets: list[tuple[str, list[dict[str, Any]]]], columns: list[str], fmt: str, out: str | None,
           many: bool) -> None:
    from govreport.task_table import to_csv, to_json, write_xlsx

    if fmt == "xlsx":
        write_xlsx(sheets, Path(out or ""), columns=columns)
        return
    rows = [row for _, sheet in sheets for row in sheet]
    if fmt == "json":
        body = to_json(rows) + "\n"
    else:
        body = to_csv((["报告"] if many and "报告" not in columns else []) + columns, rows)
    if out:
        Path(out).write_text(body, encoding="utf-8-sig" if fmt == "csv" else "utf-8")
    else:
        click.echo(body, nl=False)


def stored_tasks(db: str, *, follow: bool, region: str | None, year: int | None, fmt: str,
                 out: str | None) -> None:
    from govreport.store import open_store
    from govreport.task_follow import FOLLOW_COLUMNS, FOLLOW_EXTRA, shares, task_from_record
    from govreport.task_table import EXTRA_COLUMNS, TASK_COLUMNS, task_rows

    if not Path(db).is_file():
        raise GovReportError(f"{db}: no such database (run govreport ingest first)")
    sheets: list[tuple[str, list[dict[str, Any]]]] = []
    skipped = 0
    with open_store(db, readonly=True) as store:
        docs = store.list_reports(region=region, year=year)
        for doc in docs:
            if not follow:
                full = store.get_report(doc["id"])
                tasks = [task_from_record(t) for t in full["tasks"]]
                sheets.append((doc["id"], [{"报告": doc["id"]} | r for r in task_rows(full["text"], tasks)]))
                continue
            from govreport.store.followups import stored_followups

            got = stored_followups(store, doc["id"])
            if got.next_report is None:
                skipped += 1
                click.echo(f"{doc['id']}: no report of the next year for {doc.get('region')} in {db}; skipped",
                           err=True)
                continue
            share = shares(got.followups)
            click.echo(f"{doc['id']} → {got.next_report['id']}: {len(got.followups)} tasks, done "
                       f"{share['done']:.1%}, started {share['started']:.1%}, not mentioned "
                       f"{share['not_mentioned']:.1%}", err=True)
            sheets.append((doc["id"], got.rows()))
    if follow:
        columns = list(FOLLOW_COLUMNS) + ([] if fmt == "xlsx" else list(FOLLOW_EXTRA))
    else:
        columns = list(TASK_COLUMNS) + ([] if fmt == "xlsx" else list(EXTRA_COLUMNS))
    _write(sheets, columns, fmt, out, many=len(sheets) > 1)
    if follow and not sheets and skipped:
        sys.exit(1)
