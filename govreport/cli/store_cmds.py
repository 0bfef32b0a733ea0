"""Database commands: ingest, facts, search, track, compare (export and panel: ``panel_cmd``).

Each is a thin layer over ``govreport.store`` named queries, ``govreport.tracking`` and
``govreport.export``. Query output is JSON lines by default (``ensure_ascii=False``),
``--csv`` or ``--table`` (rich).
"""

from __future__ import annotations

import csv
import itertools
import json
import operator
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import click

from govreport.budget import DEFAULT_TIMEOUT
from govreport.cli.common import empty_folder_line, error_line, expand_paths, progress
from govreport.errors import GovReportError
from govreport.spreadsheet import FORMULA_START, safe_cell

LEVELS = click.Choice(["national", "province", "city", "county", "district"])
MEASURES = click.Choice(["level", "growth", "growth_avg", "growth_cum", "change", "share", "rank"])
LIMIT = click.IntRange(min=1)


def _check_indicator(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """An indicator id must be one of the canonical ids (a typo would match nothing, silently)."""
    from govreport.lexicons import indicators

    if value is not None and value not in indicators():
        raise click.BadParameter(f"{value!r} is not an indicator id; one of: {', '.join(indicators())}")
    return value


def indicator_option(required: bool = False) -> Callable:
    return click.option("--indicator", required=required, callback=_check_indicator,
                        help="indicator id (see govreport/lexicons/indicators.tsv)")


DB_OPTION = click.option("--db", "db", default="govreport.db", show_default=True, type=click.Path(dir_okay=False),
                         help="the SQLite database file")


def _output_options(fn: Callable) -> Callable:
    fn = click.option("--table", "fmt", flag_value="table", help="a rich table")(fn)
    fn = click.option("--csv", "fmt", flag_value="csv", help="CSV with a header row")(fn)
    return click.option("--jsonl", "fmt", flag_value="jsonl", default=True, help="JSON lines (default)")(fn)


def _cell(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return "-".join(map(str, value))
    return "" if value is None else value


#: cell types written as they are (the csv module writes None as an empty cell, as ``_cell`` does)
_PLAIN_CELLS = frozenset({int, float, bool, type(None)})


def csv_cells(names: list[str]) -> Callable[[dict[str, Any]], list[Any]]:
    """A row's CSV cells in the order of ``names`` (the first row's keys): ``safe_cell(_cell(v))``
    of each value, the common cases (None, a number, text that cannot start a formula) decided
    inline; a missing key gives an empty cell and a key not in ``names`` raises ValueError, as
    with ``csv.DictWriter``."""
    if not names:
        return lambda row: []
    get = operator.itemgetter(*names)

    def cells(row: dict[str, Any]) -> list[Any]:
        if len(row) == len(names):
            try:
                values = get(row)
            except KeyError:
                values = None
        else:
            values = None
        if values is None:
            if set(row) - set(names):
                raise ValueError(f"dict contains fields not in fieldnames: {sorted(set(row) - set(names))}")
            values = [row.get(name, "") for name in names]
        elif len(names) == 1:
            values = (values,)
        return [v if v.__class__ in _PLAIN_CELLS or (v.__class__ is str and not v.startswith(FORMULA_START))
                else safe_cell(_cell(v)) for v in values]

    return cells


def table_cell(row: dict[str, Any], column: str) -> str:
    """One cell of a rich table: a value column as a report writes it (171.4亿元), else as stored."""
    from govreport.readable import readable

    value = row.get(column)
    unit_key = {"outcome_value": "outcome_unit"}.get(column, "unit")
    if column in READABLE_COLUMNS and isinstance(value, int | float) and not isinstance(value, bool):
        unit = row.get(unit_key) or row.get("unit") or row.get("target_unit")
        # a gap between two percentages is in percentage points
        return readable(value, "个百分点" if column in ("gap", "above_parent") and unit == "%" else unit)
    return str(_cell(value))


#: columns of a table shown as readable numbers in the row's unit
READABLE_COLUMNS = frozenset({"value", "value_max", "target_value", "target_value_max", "outcome_value",
                              "parent_value", "above_parent", "gap"})


def emit(rows: Iterable[dict[str, Any]], fmt: str, columns: Sequence[str] | None = None) -> None:
    """Print ``rows`` as JSON lines, CSV or a rich table (``columns``: the table's columns).
    JSON lines and CSV are written as the rows come (an iterator is never gathered)."""
    it = iter(rows)
    first = next(it, None)
    if first is None:
        click.echo("govreport: nothing matches", err=True)
        return
    rows = itertools.chain([first], it)
    if fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        names = list(first)
        writer.writerow(names)
        writer.writerows(map(csv_cells(names), rows))
    elif fmt == "table":
        from rich.console import Console
        from rich.table import Table

        cols = list(columns or first)
        table = Table(show_lines=False)
        for c in cols:
            table.add_column(c, overflow="fold")
        for r in rows:
            table.add_row(*(table_cell(r, c) for c in cols))
        # a pipe or file gets a wide table rather than one squeezed to 80 columns
        Console(width=None if sys.stdout.isatty() else 200).print(table)
    else:
        for r in rows:
            click.echo(json.dumps(r, ensure_ascii=False))


def _open(db: str, readonly: bool = True):
    from govreport.store import open_store

    return open_store(db, readonly=readonly)


def _fail(exc: GovReportError) -> None:
    error_line(None, exc)
    sys.exit(1)


@click.command("ingest")
@click.argument("paths", nargs=-1)
@DB_OPTION
@click.option("--from-parquet", "parquet_dir", type=click.Path(file_okay=False, exists=True),
              help="load a Parquet dataset written by `extract --engine dask` instead of extracting files")
@click.option("--jobs", "-j", type=int, default=None, help="worker processes (default: CPU count)")
@click.option("--progress/--no-progress", "show", default=None, help="progress bar (default: on a terminal)")
@click.option("--keep-versions", is_flag=True, help="keep the older version of an edited file beside the new one")
@click.option("--timeout", type=click.FloatRange(min=0), default=DEFAULT_TIMEOUT, show_default=True,
              help="seconds allowed per file (0: no limit); a file that takes longer is skipped")
@click.option("--keep-duplicates", is_flag=True,
              help="store a report again when another file already gave the same report")
@click.option("--manifest", "manifests", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="TSV/CSV of sources: path, url, publisher, retrieved [, region, level, report_year "
                   "overrides]; a SOURCES.tsv in an ingested folder is read too")
def ingest_command(paths: tuple[str, ...], db: str, parquet_dir: str | None, jobs: int | None, show: bool | None,
                   keep_versions: bool, timeout: float, manifests: tuple[str, ...],
                   keep_duplicates: bool) -> None:
    """Extract report files (or folders of them) into the database.

    Files whose content (SHA-256) is already stored are skipped; each report is written in
    one transaction. An edited file replaces its older version (unless --keep-versions). A bad
    file (or one that takes longer than --timeout) is reported on one line and skipped, and the
    others go on; the exit code is then 2. The same report from another file (another site,
    format or script) is stored once, with every file kept as one of its sources.
    """
    from govreport.store.ingest import ingest
    from govreport.store.sources import find_manifests, load_manifests

    if parquet_dir is not None or not paths:
        if bool(paths) == bool(parquet_dir):
            raise click.UsageError("give report files or --from-parquet DIR (not both)")
        from govreport.store.parquet_io import ingest_parquet

        try:
            with _open(db, readonly=False) as store:
                result = ingest_parquet(store, parquet_dir, keep_versions=keep_versions, on_error=error_line)
        except GovReportError as exc:
            _fail(exc)
        click.echo(f"ingested {len(result.added)}, skipped {len(result.skipped)} already stored, "
                   f"failed {len(result.failed)} → {db}", err=True)
        sys.exit(2 if result.failed else 0)
    empty: list[str] = []
    files = expand_paths(paths, empty)
    for folder in empty:
        empty_folder_line(folder)
    if not files:
        sys.exit(2)
    try:
        manifest = load_manifests([*find_manifests(paths), *manifests])
        store = _open(db, readonly=False)
        with store:
            result = ingest(store, files, jobs=jobs, timeout=timeout or None,
                            wrap=lambda items: progress(items, "ingest", show), on_error=error_line,
                            keep_versions=keep_versions, manifest=manifest, keep_duplicates=keep_duplicates)
    except GovReportError as exc:
        _fail(exc)
    for path, rid in result.renamed:
        click.echo(f"govreport: {path}: another file has the same name; stored as {rid}", err=True)
    for path, rid, relation, similarity in result.duplicates:
        how = "exactly" if relation == "exact" else f"nearly (similarity {similarity:.2f})"
        click.echo(f"govreport: {path} duplicates {rid} {how}; kept as one more source of {rid}", err=True)
    for fix in result.fixed:
        changed = ", ".join(f"{f} {o} → {n}" for f, o, n in fix.changes)
        click.echo(f"govreport: {fix.report_id}: corrected by the manifest: {changed}", err=True)
    dupes = f", {len(result.duplicates)} duplicates" if result.duplicates else ""
    click.echo(f"ingested {len(result.added)}, skipped {len(result.skipped)} already stored{dupes}, "
               f"failed {len(result.failed)} → {db}", err=True)
    if result.failed or empty:
        sys.exit(2)


FACT_TABLE = ("report_id", "region", "kind", "period", "indicator", "measure", "value", "value_max", "unit",
              "bound", "evidence")


@click.command("facts")
@DB_OPTION
@click.option("--region", help="region name, short name (河南) or admin code")
@click.option("--year", type=int, help="report year")
@indicator_option()
@click.option("--kind", type=click.Choice(["target", "actual", "estimate"]))
@click.option("--measure", type=MEASURES)
@click.option("--level", type=LEVELS)
@click.option("--limit", type=LIMIT)
@_output_options
def facts_command(db: str, region: str | None, year: int | None, indicator: str | None, kind: str | None,
                  measure: str | None, level: str | None, limit: int | None, fmt: str) -> None:
    """Facts stored in the database, filtered."""
    try:
        with _open(db) as store:
            from govreport.export import resolve_region

            rows = store.facts(region=resolve_region(store, region), year=year, indicator=indicator, kind=kind,
                               measure=measure, level=level, limit=limit)
    except GovReportError as exc:
        _fail(exc)
    emit(rows, fmt, FACT_TABLE)


@click.command("search")
@click.argument("query", nargs=-1, required=True)
@DB_OPTION
@click.option("--limit", type=LIMIT, default=50, show_default=True)
@click.option("--region", help="region name or admin code")
@click.option("--year", type=int, help="report year")
@click.option("--level", type=LEVELS)
@_output_options
def search_command(query: tuple[str, ...], db: str, limit: int, region: str | None, year: int | None,
                   level: str | None, fmt: str) -> None:
    """Full-text search (Chinese words of any length; several words must all occur)."""
    filters = {"level": level} if level else {}
    try:
        with _open(db) as store:
            rows = store.search(" ".join(query), limit=limit, region=region, year=year, **filters)
    except GovReportError as exc:
        _fail(exc)
    emit(rows, fmt, ("report_id", "region", "report_year", "snippet"))


TRACK_TABLE = ("region", "year", "indicator", "measure", "target_bound", "target_value", "outcome_value", "unit",
               "verdict", "gap", "target_report", "outcome_report")


@click.command("track")
@DB_OPTION
@click.option("--region", help="region name or admin code")
@indicator_option()
@click.option("--verdict", "verdicts", multiple=True, help="keep only these verdicts (repeatable)",
              type=click.Choice(["met", "missed", "no_outcome", "not_reported", "not_comparable", "no_target"]))
@_output_options
def track_command(db: str, region: str | None, indicator: str | None, verdicts: tuple[str, ...],
                  fmt: str) -> None:
    """Each target against the outcome reported for its period in a later report."""
    from govreport.gc_pause import paused
    from govreport.tracking import iter_track_dicts

    try:
        with _open(db) as store, paused():  # streamed: one region's rows at a time
            emit((r for r in iter_track_dicts(store, region=region, indicator=indicator)
                  if not verdicts or r["verdict"] in verdicts), fmt, TRACK_TABLE)
    except GovReportError as exc:
        _fail(exc)


@click.command("compare")
@DB_OPTION
@click.option("--year", type=int, required=True, help="report year")
@indicator_option(required=True)
@click.option("--measure", type=MEASURES, help="only this measure")
@_output_options
def compare_command(db: str, year: int, indicator: str, measure: str | None, fmt: str) -> None:
    """One year's targets for an indicator at every level, each beside its parent's."""
    from govreport.tracking import compare

    try:
        with _open(db) as store:
            rows = [r.to_dict() for r in compare(store, year, indicator, measure=measure)]
    except GovReportError as exc:
        _fail(exc)
    emit(rows, fmt, ("level", "region", "parent", "measure", "bound", "value", "value_max", "unit",
                     "parent_value", "above_parent", "report_id", "evidence"))


def register(group: click.Group) -> None:
    """Add this module's commands to ``group``."""
    # export: cli/panel_cmd.py
    for command in (ingest_command, facts_command, search_command, track_command, compare_command):
        group.add_command(command)
