"""Text commands: `govreport tasks` (督查-style task table), `govreport slogans` (policy formula
counts) and `govreport attention` (topic attention index, region × year, from the database)."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path
from typing import Any

import click

from govreport.cli.common import error_line, expand_paths
from govreport.errors import GovReportError
from govreport.spreadsheet import safe_cell


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


def _task_table(reports: list[Any]) -> tuple[list[str], list[dict[str, Any]]]:
    from govreport.tasks import TASK_COLUMNS, task_rows

    many = len(reports) > 1
    columns = (["报告"] if many else []) + list(TASK_COLUMNS)
    rows: list[dict[str, Any]] = []
    for r in reports:
        for row in task_rows(r.text, r.tasks):
            # report text goes into spreadsheet cells: none may start like a formula
            rows.append({k: safe_cell(v) for k, v in (({"报告": r.doc.id} if many else {}) | row).items()})
    return columns, rows


def _write_xlsx(columns: list[str], rows: list[dict[str, Any]], out: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = "工作任务"
    ws.append(columns)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append([row.get(c, "") for c in columns])
    widths = {"序号": 6, "报告": 18, "工作任务": 30, "量化指标": 14, "责任领域": 22, "建议牵头单位": 18,
              "完成时限": 10, "原文": 80}
    for i, c in enumerate(columns, start=1):
        ws.column_dimensions[ws.cell(1, i).column_letter].width = widths.get(c, 16)
    for line in ws.iter_rows(min_row=2):
        for cell in line:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    wb.save(out)


@click.command("tasks")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx"]), default="csv", show_default=True)
@click.option("--out", "out", type=click.Path(dir_okay=False), help="write to this file (required for xlsx)")
def tasks_command(paths: tuple[str, ...], fmt: str, out: str | None) -> None:
    """The task table of one or more reports (督查台账): 序号, 工作任务, 量化指标, 责任领域,
    建议牵头单位, 完成时限, 原文. The lead unit is a suggestion from a keyword mapping."""
    if fmt == "xlsx" and not out:
        raise click.UsageError("--format xlsx needs --out FILE")
    reports = _reports(paths)
    columns, rows = _task_table(reports)
    if fmt == "xlsx":
        _write_xlsx(columns, rows, Path(out or ""))
    else:
        buf = io.StringIO()
        # CRLF rows (RFC 4180, as Excel writes): a cell holding a CR is then quoted, not split
        writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)
        if out:
            Path(out).write_text(buf.getvalue(), encoding="utf-8-sig")  # BOM: Excel opens it as UTF-8
        else:
            click.echo(buf.getvalue(), nl=False)
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
@click.option("--csv", "as_csv", is_flag=True, help="CSV: dictionary, version, region, one column per year")
@click.option("--list", "show_list", is_flag=True, help="list the shipped topic dictionaries")
def attention_command(db: str, name: str | None, as_csv: bool, show_list: bool) -> None:
    """Attention index (share of a report's words that are topic words), region × year."""
    from govreport.attention import attention_rows, attention_table, dictionary_names, load_dictionary

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
        click.echo(table.to_csv(index=False, float_format="%.6f"), nl=False)
        return
    from rich.console import Console
    from rich.table import Table

    out = Table(title=f"{dictionary.name} v{dictionary.version}: share of words (‰)")
    years = [c for c in table.columns if c not in {"dictionary", "version", "region"}]
    for c in ["region", *years]:
        out.add_column(c, justify="left" if c == "region" else "right")
    for _, row in table.iterrows():
        cells = ["" if row[y] != row[y] else f"{1000 * row[y]:.2f}" for y in years]
        out.add_row(str(row["region"]), *cells)
    Console().print(out)


def register(group: click.Group) -> None:
    """Add this module's commands to ``group``."""
    for command in (tasks_command, slogans_command, attention_command):
        group.add_command(command)
