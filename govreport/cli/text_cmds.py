"""Text commands: `govreport tasks` (督查-style task table), `govreport slogans` (policy formula
counts) and `govreport attention` (topic attention index, region × year, long, from the database)."""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import Any

import click

from govreport.cli.common import error_line, expand_paths
from govreport.errors import GovReportError


def _reports(paths: tuple[str, ...]) -> list[Any]:
    """Extract every input; a bad file is reported on stderr and skipped."""
    from govreport.pipeline import extract

    out = []
    for path in expand_paths(paths):
        try:
            out.append(extract(path))  # a missing or odd file is an IngestError naming it
        except GovReportError as exc:
            error_line(None, exc)
    return out


def _task_sheets(reports: list[Any]) -> list[tuple[str, list[dict[str, Any]]]]:
    from govreport.task_table import task_rows

    return [(r.doc.id, [{"报告": r.doc.id} | row for row in task_rows(r.text, r.tasks)]) for r in reports]


@click.command("tasks")
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "json"]), default="csv", show_default=True)
@click.option("--out", "out", type=click.Path(dir_okay=False), help="write to this file (required for xlsx)")
@click.option("--db", "db", type=click.Path(dir_okay=False), help="the stored reports' tasks instead of PATHS")
@click.option("--follow", is_flag=True, help="with --db: each task's status in the next year's review")
@click.option("--region", help="with --db: only this region (name or code)")
@click.option("--year", type=int, help="with --db: only reports of this year")
def tasks_command(paths: tuple[str, ...], fmt: str, out: str | None, db: str | None, follow: bool,
                  region: str | None, year: int | None) -> None:
    """The 督查 task table of one or more reports (重点工作任务分解表): 序号, 工作任务, 量化指标,
    牵头单位, 配合单位, 完成时限, 原文. A lead unit the report does not state is a suggestion
    from a keyword mapping, marked （建议）. xlsx: one sheet per report, rows grouped by section.
    With --db --follow: each task of year Y with 进展 (已完成 / 推进中 / 未提及) and the words of
    the region's year Y+1 review that say so."""
    from govreport.task_table import EXTRA_COLUMNS, TASK_COLUMNS, to_csv, to_json, write_xlsx

    if fmt == "xlsx" and not out:
        raise click.UsageError("--format xlsx needs --out FILE")
    if db or follow or region or year is not None:
        from govreport.cli.tasks_db_cmd import stored_tasks

        if not db or paths:
            raise click.UsageError("--follow, --region and --year go with --db (and no PATHS)")
        stored_tasks(db, follow=follow, region=region, year=year, fmt=fmt, out=out)
        return
    if not paths:
        raise click.UsageError("give report PATHS, or --db DB")
    reports = _reports(paths)
    sheets = _task_sheets(reports)
    if fmt == "xlsx":
        write_xlsx(sheets, Path(out or ""))
    else:
        rows = [row for _, sheet in sheets for row in sheet]
        if fmt == "json":
            body = to_json(rows) + "\n"
        else:
            columns = (["报告"] if len(reports) > 1 else []) + list(TASK_COLUMNS) + list(EXTRA_COLUMNS)
            body = to_csv(columns, rows)
        if out:
            Path(out).write_text(body, encoding="utf-8-sig" if fmt == "csv" else "utf-8")  # BOM: Excel reads UTF-8
        else:
            click.echo(body, nl=False)
    if len(reports) < len(expand_paths(paths)):
        sys.exit(2)


@click.command("slogans")
@click.argument("paths", nargs=-1, required=True)
@click.option("--csv", "as_csv", is_flag=True, help="CSV instead of tab-separated columns (report, slogan, number, count)")
def slogans_command(paths: tuple[str, ...], as_csv: bool) -> None:
    """Numbered policy formulas (五个振兴, 两不愁三保障, “三清”) and how often each occurs."""
    from govreport.slogans import slogan_counts

    reports = _reports(paths)
    rows = []
    for r in reports:
        numbers = {s.text: s.number for s in r.slogans}
        for text, n in slogan_counts(r.slogans).most_common():
            rows.append({"report": r.doc.id, "slogan": text, "number": numbers[text], "count": n})
    if as_csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=["report", "slogan", "number", "count"],
                                lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    else:
        click.echo("report\tslogan\tnumber\tcount")
        for row in rows:
            click.echo(f"{row['report']}\t{row['slogan']}\t{row['number']}\t{row['count']}")
    if len(reports) < len(expand_paths(paths)):  # a bad file was reported: say so in the exit code too
        sys.exit(2)


@click.command("attention")
@click.option("--db", "db", default="govreport.db", show_default=True, type=click.Path(dir_okay=False),
              help="the SQLite database file")
@click.option("--dict", "name", help="topic dictionary name (see --list) or a YAML file")
@click.option("--csv", "as_csv", is_flag=True,
              help="CSV, long: region, region_code, level, year, dictionary, version, n_reports, hits, words, share")
@click.option("--wide", is_flag=True, help="with --csv: dictionary, version, region, one column of shares per year")
@click.option("--list", "show_list", is_flag=True, help="list the shipped topic dictionaries")
def attention_command(db: str, name: str | None, as_csv: bool, wide: bool, show_list: bool) -> None:
    """Attention index: topic words per thousand words (‰), one row per region and year."""
    from govreport.attention import (
        attention_rows,
        attention_table,
        attention_wide,
        dictionary_names,
        load_dictionary,
    )

    try:
        if show_list:
            for n in dictionary_names():
                d = load_dictionary(n)
                click.echo(f"{d.name}\t{d.version}\t{len(d.words)} words\t{d.description}")
            return
        if not name:
            raise click.UsageError("give --dict NAME (or --list)")
        dictionary = load_dictionary(name)
        if not Path(db).is_file():
            raise GovReportError(f"{db}: no such database (run govreport ingest first)")
        from govreport.store import open_store

        with open_store(db, readonly=True) as store:
            docs = store.list_reports()
            reports = ({"doc": d, "text": store.report_text(d["id"])} for d in docs)
            rows = attention_rows(reports, dictionary)
    except GovReportError as exc:
        error_line(None, exc)
        sys.exit(1)
    table = attention_table(rows)
    if as_csv:
        out = attention_wide(table) if wide else table
        click.echo(out.to_csv(index=False, float_format="%.4f"), nl=False)
        return
    from rich.console import Console
    from rich.table import Table

    grid = Table(title=f"{dictionary.name} v{dictionary.version}: topic words per 1000 words (‰)")
    for c, justify in (("region", "left"), ("level", "left"), ("year", "right"), ("hits", "right"),
                       ("words", "right"), ("‰", "right")):
        grid.add_column(c, justify=justify)  # type: ignore[arg-type]
    order = {"national": 0, "province": 1, "city": 2, "county": 3, "district": 4}
    table = table.assign(_o=table["level"].map(order)).sort_values(["_o", "region", "year"])
    for row in table.itertuples():
        grid.add_row(str(row.region), str(row.level or ""), str(row.year), str(row.hits), str(row.words),
                     f"{row.share:.2f}")
    Console().print(grid)


def register(group: click.Group) -> None:
    """Add this module's commands to ``group``."""
    for command in (tasks_command, slogans_command, attention_command):
        group.add_command(command)
