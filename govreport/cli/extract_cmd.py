"""`govreport extract PATH... --format json|jsonl|text [--out DIR]`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from govreport.cli.common import error_line, expand_paths, progress
from govreport.errors import GovReportError
from govreport.model import Report
from govreport.options import Options
from govreport.pipeline import extract


def _as_text(report: Report) -> str:
    d = report.doc
    lines = [f"# {d.id}  {d.region or '?'} {d.level or ''} {d.report_year or ''}  facts={len(report.facts)}"]
    for f in report.facts:
        value = f"{f.value:g}" + (f"-{f.value_max:g}" if f.value_max is not None else "")
        lines.append(
            f"{f.kind}\t{f.period or ''}\t{f.indicator or '-'}\t{f.measure}\t{value}\t{f.unit}\t{f.bound}\t"
            f"{report.text[f.span.start:f.span.end]}"
        )
    return "\n".join(lines)


@click.command("extract")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "text"]), default="json", show_default=True)
@click.option("--out", "out_dir", type=click.Path(file_okay=False), help="write <id>.json files into DIR")
@click.option("--id", "doc_id", help="the report id (one input only); default: the file stem")
@click.option("--indent", type=int, default=None, help="indent JSON output")
def extract_command(paths: tuple[str, ...], fmt: str, out_dir: str | None, doc_id: str | None,
                    indent: int | None) -> None:
    """Extract metadata, sections, facts, tasks and slogans from report files.

    PATH may be a file, a folder (searched for .txt/.html/.pdf/.docx) or - for standard input.
    A bad file is reported on stderr and the others go on; the exit code is then 2.
    """
    files = [p for p in paths if p == "-"] + [str(p) for p in expand_paths(p for p in paths if p != "-")]
    if doc_id and len(files) > 1:
        raise click.UsageError("--id takes one input only")
    if out_dir:
        Path(out_dir).mkdir(parents=True, exist_ok=True)
    failed = 0
    for name in progress(files, "extract", enabled=bool(out_dir) and sys.stderr.isatty()):
        try:
            source = sys.stdin.buffer.read() if name == "-" else Path(name)
            if name != "-" and not Path(name).exists():
                raise GovReportError(f"{name}: no such file")
            report = extract(source, Options(doc_id=doc_id or ("stdin" if name == "-" else None)))
        except GovReportError as exc:
            error_line(None, exc)
            failed += 1
            continue
        body = _as_text(report) if fmt == "text" else report.to_json(indent=indent)
        if out_dir:
            ext = "txt" if fmt == "text" else "json"
            (Path(out_dir) / f"{report.doc.id}.{ext}").write_text(body + "\n", encoding="utf-8")
        else:
            click.echo(body)
    if failed:
        sys.exit(2)


def register(group: click.Group) -> None:
    group.add_command(extract_command)
