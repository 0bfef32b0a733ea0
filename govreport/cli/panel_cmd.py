"""`govreport export` (any table, the filters of `facts`) and `govreport panel` (region × period × indicator).

Both write CSV, Parquet, XLSX or Stata to a file or standard output (``--out -``) with the
codebook beside a file, through ``govreport.export``. An empty result is one line on stderr and
exit code 1, and nothing is written.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

import click

from govreport.cli.common import error_line
from govreport.cli.store_cmds import DB_OPTION, LEVELS, MEASURES, indicator_option
from govreport.errors import GovReportError

FORMAT = click.Choice(["csv", "parquet", "xlsx", "dta"])
TABLE = click.Choice(["facts", "reports", "tracking", "tasks", "slogans", "attention", "panel"])


def _common(fn: Callable) -> Callable:
    fn = click.option("--codebook/--no-codebook", default=True, show_default=True,
                      help="write NAME.codebook.json and NAME.codebook.md beside the file")(fn)
    fn = click.option("--bom/--no-bom", default=None,
                      help="CSV: start with a UTF-8 byte-order mark so Excel reads Chinese correctly "
                           "(default: on for a file, off for standard output)")(fn)
    fn = click.option("--level", type=LEVELS, help="administrative level")(fn)
    fn = click.option("--measure", type=MEASURES)(fn)
    fn = indicator_option()(fn)
    fn = click.option("--region", help="region name, short name (河南) or admin code")(fn)
    fn = click.option("--out", default="-", show_default=True, help="output file, or - for standard output")(fn)
    return click.option("--format", "fmt", type=FORMAT, default="csv", show_default=True)(fn)


def _write(db: str, fmt: str, out: str, bom: bool | None, codebook: bool, **kwargs: object) -> None:
    from pathlib import Path

    from govreport.export import export
    from govreport.store import open_store

    if fmt != "csv" and out == "-" and sys.stdout.isatty():
        raise click.UsageError(f"a {fmt} file is binary: give --out FILE (or pipe standard output)")
    try:
        if not Path(db).is_file():
            raise GovReportError(f"{db}: no such database (run govreport ingest first)")
        with open_store(db, readonly=True) as store:
            n = export(store, fmt, out, bom=(out != "-") if bom is None else bom, codebook=codebook, **kwargs)
    except GovReportError as exc:
        error_line(None, exc)
        sys.exit(1)
    where = "standard output" if out == "-" else out
    extra = " (+ codebook .json and .md)" if codebook and out != "-" else ""
    click.echo(f"wrote {n} rows → {where}{extra}", err=True)


@click.command("export")
@DB_OPTION
@_common
@click.option("--table", "table", type=TABLE, default="facts", show_default=True, help="what one row is")
@click.option("--track", "track_targets", is_flag=True, help="same as --table tracking")
@click.option("--year", type=int, help="report year (tracking: target year; panel: the period's year)")
@click.option("--kind", type=click.Choice(["target", "actual", "estimate"]))
@click.option("--wide", is_flag=True, help="panel: indicators as columns")
@click.option("--dict", "dictionaries", multiple=True, help="attention: topic dictionary (repeatable; default all)")
def export_command(db: str, fmt: str, out: str, region: str | None, indicator: str | None, measure: str | None,
                   level: str | None, bom: bool | None, codebook: bool, table: str, track_targets: bool,
                   year: int | None, kind: str | None, wide: bool, dictionaries: tuple[str, ...]) -> None:
    """Write a table as CSV, Parquet, Excel or Stata, with its codebook.

    Tables: facts (one row per fact, every column), reports, tracking (one row per target),
    tasks, slogans, attention (region × year × dictionary) and panel (see `govreport panel`).
    Filters a table does not have are refused.
    """
    _write(db, fmt, out, bom, codebook, table=table, track_targets=track_targets, wide=wide,
           dictionaries=list(dictionaries) or None, region=region, year=year, indicator=indicator, kind=kind,
           measure=measure, level=level)


@click.command("panel")
@DB_OPTION
@_common
@click.option("--wide", is_flag=True, help="one row per region and period, indicators as columns")
@click.option("--year", type=int, help="the period's year (one-year cells of that year)")
@click.option("--kind", type=click.Choice(["target", "actual", "estimate", "outcome"]),
              help="only these mentions (outcome: actual and estimate)")
def panel_command(db: str, fmt: str, out: str, region: str | None, indicator: str | None, measure: str | None,
                  level: str | None, bom: bool | None, codebook: bool, wide: bool, year: int | None,
                  kind: str | None) -> None:
    """Region × period × indicator panel: one value per cell, its source and a conflict flag.

    Long by default (one row per region, period, indicator, measure and target/outcome);
    --wide puts indicators as columns. Which mention fills a cell: a stated period beats an
    inferred one; for targets the plan-year report's figure wins, for outcomes an actual beats
    an estimate and the later report's restatement wins (README, "Build a panel").
    """
    _write(db, fmt, out, bom, codebook, table="panel", wide=wide, region=region, year=year,
           indicator=indicator, kind=kind, measure=measure, level=level)


def register(group: click.Group) -> None:
    """Add this module's commands to ``group``."""
    for command in (export_command, panel_command):
        group.add_command(command)
