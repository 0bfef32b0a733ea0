"""Commands on where reports came from: ``fix`` (correct a stored report), ``sources`` (list a
report's files and corrections) and ``datasette-metadata`` (table and column descriptions)."""

from __future__ import annotations

import json
import sys

import click

from govreport.cli.common import error_line
from govreport.cli.store_cmds import DB_OPTION, LEVELS, _output_options, emit
from govreport.errors import GovReportError


@click.command("fix")
@click.argument("report")
@DB_OPTION
@click.option("--year", type=click.IntRange(1900, 2999), help="the right report year")
@click.option("--region", help="the right region name")
@click.option("--level", type=LEVELS, help="the right level")
@click.option("--who", help="who makes the correction (default: cli:<user name>)")
def fix_command(report: str, db: str, year: int | None, region: str | None, level: str | None,
                who: str | None) -> None:
    """Correct a stored REPORT's year, region or level.

    A new year also re-dates the facts whose period was derived from the report year or the
    section (not those the text dates itself). Every change is recorded in report_fixes
    (govreport sources REPORT lists them)."""
    from govreport.store import open_store
    from govreport.store.sources import fix_report

    if year is None and region is None and level is None:
        raise click.UsageError("give at least one of --year, --region, --level")
    try:
        with open_store(db) as store:
            fix = fix_report(store, report, year=year, region=region, level=level, who=who)
    except GovReportError as exc:
        error_line(None, exc)
        sys.exit(1)
    if not fix.changes:
        click.echo(f"{report}: nothing to correct", err=True)
        return
    for field, old, new in fix.changes:
        click.echo(f"{report}: {field} {old} → {new}", err=True)
    click.echo(f"{report}: {fix.facts_changed} facts updated", err=True)


@click.command("sources")
@click.argument("report", required=False)
@DB_OPTION
@click.option("--fixes", is_flag=True, help="the corrections made instead of the files")
@_output_options
def sources_command(report: str | None, db: str, fixes: bool, fmt: str) -> None:
    """The files a stored report was read from (URL, publisher, how it matched), or with
    --fixes the corrections made; every report when REPORT is left out."""
    from govreport.store import open_store
    from govreport.store.sources import report_fixes

    try:
        with open_store(db, readonly=True) as store:
            if fixes:
                rows = report_fixes(store, report)
            else:
                where, params = (" WHERE report_id = ?", (report,)) if report else ("", ())
                rows = store.rows("SELECT report_id, path, url, publisher, retrieved, format, relation, "
                                  f"similarity FROM sources{where} ORDER BY report_id, id", params)
    except GovReportError as exc:
        error_line(None, exc)
        sys.exit(1)
    emit(rows, fmt)


@click.command("datasette-metadata")
@DB_OPTION
def datasette_metadata_command(db: str) -> None:
    """Print a metadata.json for Datasette (tables, columns, full-text search):
    datasette govreport.db -m metadata.json."""
    from govreport.store import open_store
    from govreport.store.datasette import metadata

    try:
        with open_store(db, readonly=True) as store:
            meta = metadata(store)
    except GovReportError as exc:
        error_line(None, exc)
        sys.exit(1)
    click.echo(json.dumps(meta, ensure_ascii=False, indent=2))


def register(group: click.Group) -> None:
    for command in (fix_command, sources_command, datasette_metadata_command):
        group.add_command(command)
