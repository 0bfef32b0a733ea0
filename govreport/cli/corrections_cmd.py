"""`govreport corrections list|add|export|import`: reviewers' corrections of facts (store/corrections.py)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from govreport.cli.common import error_line
from govreport.errors import GovReportError

DB_OPTION = click.option("--db", "db", default="govreport.db", show_default=True,
                         type=click.Path(dir_okay=False), help="the SQLite database file")
FORMAT_OPTION = click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default=None,
                             help="file format (default: from the file's suffix)")


def _fail(exc: GovReportError) -> None:
    error_line(None, exc)
    sys.exit(1)


def _need_db(db: str) -> None:
    if not Path(db).is_file():
        raise click.ClickException(f"{db}: no such database (create it with `govreport ingest PATH --db {db}`)")


@click.group("corrections")
def corrections_group() -> None:
    """Reviewers' corrections of facts: list, add, export to a file, import from one.

    Corrections are kept in their own table, keyed by the report's text and the fact's span,
    so they survive re-ingesting the same report; tracking, compare and exports apply them."""


@corrections_group.command("list")
@DB_OPTION
@click.option("--report", "report_id", help="only the corrections of this report")
def list_command(db: str, report_id: str | None) -> None:
    """The corrections as JSON lines, oldest first."""
    from govreport.store import open_store
    from govreport.store.corrections import list_corrections

    _need_db(db)
    try:
        with open_store(db, readonly=True) as store:
            rows = list_corrections(store, report_id)
    except GovReportError as exc:
        _fail(exc)
    for r in rows:
        click.echo(json.dumps(r, ensure_ascii=False))


@corrections_group.command("add")
@DB_OPTION
@click.option("--report", "report_id", required=True, help="the report's id")
@click.option("--action", type=click.Choice(["mark_wrong", "edit", "add"]), required=True)
@click.option("--start", type=int, required=True, help="the fact's span start (an added fact: the words' start)")
@click.option("--end", type=int, required=True, help="the span end (exclusive)")
@click.option("--indicator", help="the fact's indicator as extracted (mark_wrong, edit)")
@click.option("--set", "sets", multiple=True, metavar="FIELD=VALUE",
              help="a field to set (kind, period, indicator, measure, value, value_max, unit, bound); repeatable")
@click.option("--who", required=True, help="who makes the correction")
@click.option("--why", help="why")
def add_command(db: str, report_id: str, action: str, start: int, end: int, indicator: str | None,
                sets: tuple[str, ...], who: str, why: str | None) -> None:
    """Record one correction and print it as JSON."""
    from govreport.store import open_store
    from govreport.store.corrections import add_correction

    fields: dict[str, str | None] = {}
    for item in sets:
        name, sep, value = item.partition("=")
        if not sep:
            raise click.UsageError(f"--set {item!r}: write FIELD=VALUE")
        fields[name.strip()] = value.strip() or None
    _need_db(db)
    try:
        with open_store(db) as store:
            row = add_correction(store, report_id, action, start, end, indicator=indicator, fields=fields,
                                 who=who, why=why)
    except GovReportError as exc:
        _fail(exc)
    click.echo(json.dumps(row, ensure_ascii=False))


@corrections_group.command("export")
@DB_OPTION
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="FILE.jsonl or FILE.csv")
@FORMAT_OPTION
def export_command(db: str, out: str, fmt: str | None) -> None:
    """Write every correction to a file (JSON lines or CSV) that `corrections import` reads."""
    from govreport.store import open_store
    from govreport.store.corrections import export_corrections

    _need_db(db)
    try:
        with open_store(db, readonly=True) as store:
            n = export_corrections(store, out, fmt)
    except GovReportError as exc:
        _fail(exc)
    click.echo(f"wrote {n} corrections → {out}", err=True)


@corrections_group.command("import")
@DB_OPTION
@click.argument("src", type=click.Path(exists=True, dir_okay=False))
@FORMAT_OPTION
def import_command(db: str, src: str, fmt: str | None) -> None:
    """Add the corrections of an exported file; rows already present are skipped, bad rows named."""
    from govreport.store import open_store
    from govreport.store.corrections import import_corrections

    try:
        with open_store(db) as store:
            result = import_corrections(store, src, fmt)
    except GovReportError as exc:
        _fail(exc)
    for problem in result.problems:
        click.echo(f"{src}: {problem}", err=True)
    pending = f" ({result.pending} for reports not stored yet)" if result.pending else ""
    click.echo(f"imported {result.added} corrections{pending}, {result.duplicates} already present, "
               f"{len(result.problems)} skipped", err=True)
    if result.problems:
        sys.exit(2)


def register(group: click.Group) -> None:
    """Add this module's commands to ``group``."""
    group.add_command(corrections_group)
