"""`govreport extract PATH... --format json|jsonl|text [--out DIR] [--timeout SECONDS]`."""

from __future__ import annotations

import re
import sys
from dataclasses import replace
from pathlib import Path

import click

from govreport.budget import DEFAULT_TIMEOUT, run_all, warm_up
from govreport.cli.common import empty_folder_line, error_line, expand_paths, internal_error_line, progress
from govreport.errors import GovReportError
from govreport.model import Report
from govreport.options import DEFAULT, Options
from govreport.readable import readable_parts

#: characters never allowed in an output file name: path separators, NUL and other control characters
_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\]")


def _as_text(report: Report) -> str:
    d = report.doc
    lines = [f"# {d.id}  {d.region or '?'} {d.level or ''} {d.report_year or ''}  facts={len(report.facts)}"]
    for f in report.facts:
        value, unit = readable_parts(f.value, f.unit, f.value_max)  # 171.4亿 元, as a report writes it
        lines.append(
            f"{f.kind}\t{f.period or ''}\t{f.indicator or '-'}\t{f.measure}\t{value}\t{unit}\t{f.bound}\t"
            f"{report.text[f.span.start:f.span.end]}"
        )
    return "\n".join(lines)


def safe_id(doc_id: str) -> str:
    """A file name for a report id: separators and control characters become "_", leading dots and
    spaces go (no hidden files, no "..") and it is cut to 200 bytes; "report" if nothing is left."""
    name = _UNSAFE.sub("_", doc_id).lstrip(". ").rstrip()
    name = name.encode("utf-8")[:200].decode("utf-8", "ignore")
    return name or "report"


def _check_id(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None and safe_id(value) != value:
        raise click.BadParameter(f"{value!r} is not a safe report id (no '/', '\\', control characters "
                                 "or leading dot); it names the output file")
    return value


def _extract_one(source: str | bytes, doc_id: str | None) -> Report:
    """The worker's job: one input → Report (raises what extract raises)."""
    from govreport.pipeline import extract

    return extract(Path(source) if isinstance(source, str) else source, Options(doc_id=doc_id))


class _Names:
    """Output file names of one run: safe, and distinct (a second 2026 becomes 河北-2026, then 2026-2)."""

    def __init__(self) -> None:
        self.taken: dict[str, str] = {}  # casefolded name → the input that has it

    def claim(self, report: Report, name: str) -> Report:
        rid = self.claim_id(report.doc.id, name)
        return report if rid == report.doc.id else replace(report, doc=replace(report.doc, id=rid))

    def claim_id(self, doc_id: str, name: str) -> str:
        rid = safe_id(doc_id)
        if rid != doc_id:
            error_line(name, f"the id {doc_id!r} is not a safe file name; written as {rid!r}")
        first = self.taken.get(rid.casefold())
        if first is not None:
            parent = safe_id(Path(name).parent.name) if name != "-" else "stdin"
            candidates = [f"{parent}-{rid}"] if parent != "report" else []
            candidates += [f"{rid}-{n}" for n in range(2, len(self.taken) + 3)]
            new = next(c for c in candidates if c.casefold() not in self.taken)
            error_line(name, f"{first} has the same id {rid!r}; written as {new!r}")
            rid = new
        self.taken[rid.casefold()] = name
        return rid


@click.command("extract")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "text"]), default="json", show_default=True)
@click.option("--out", "out_dir", type=click.Path(file_okay=False), help="write <id>.json files into DIR")
@click.option("--id", "doc_id", callback=_check_id, help="the report id (one input only); default: the file stem")
@click.option("--indent", type=int, default=None, help="indent JSON output")
@click.option("--timeout", type=click.FloatRange(min=0), default=DEFAULT_TIMEOUT, show_default=True,
              help="seconds allowed per file (0: no limit); a file that takes longer is skipped")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="dask: map the files over a dask.distributed cluster and write a Parquet dataset into --out")
@click.option("--scheduler", metavar="ADDRESS", help="with --engine dask: the scheduler (tcp://host:8786); "
              "default: a local cluster")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="with --engine dask and no --scheduler: local worker processes (default: CPU count)")
@click.option("--partition-size", type=click.IntRange(min=1), default=None,
              help="with --engine dask: files per task and per Parquet file")
def extract_command(paths: tuple[str, ...], fmt: str, out_dir: str | None, doc_id: str | None,
                    indent: int | None, timeout: float, engine: str, scheduler: str | None,
                    workers: int | None, partition_size: int | None) -> None:
    """Extract metadata, sections, facts, tasks and slogans from report files.

    PATH may be a file, a folder (searched for .txt/.html/.mht/.pdf/.docx) or - for standard input.
    A bad file is reported on one line on stderr and the others go on; the exit code is then 2
    (70 if the failure was an internal error). Each file runs in a worker process that is killed
    after --timeout seconds.

    With --engine dask the files are extracted on a Dask cluster (local worker processes, or the
    scheduler at --scheduler) into a Parquet dataset under --out: reports/, sections/, facts/,
    tasks/ and slogans/, one file per partition (load it with `govreport ingest --from-parquet`).
    """
    if engine == "dask":
        _dask_command(paths, out_dir, doc_id, scheduler, workers, partition_size, fmt, timeout)
        return
    if scheduler or workers or partition_size:
        raise click.UsageError("--scheduler, --workers and --partition-size go with --engine dask")
    files, empty = _inputs(paths, doc_id)
    out = Path(out_dir) if out_dir else None
    if out is not None:
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            error_line(out, f"cannot create the output folder ({exc.strerror or exc})")
            sys.exit(2)
    items = [(sys.stdin.buffer.read(DEFAULT.max_bytes + 1), doc_id or "stdin") if name == "-" else (name, doc_id)
             for name in files]
    names = _Names()
    failed = internal = 0
    outcomes = run_all(_extract_one, items, timeout=timeout or None, before_restart=warm_up,
                       source=lambda args: "stdin" if isinstance(args[0], bytes) else str(args[0]))
    for i, outcome in progress(outcomes, "extract", enabled=bool(out) and sys.stderr.isatty(), total=len(files)):
        name = files[i]
        if outcome.error is not None:
            if isinstance(outcome.error, GovReportError):
                error_line(None, outcome.error)
                failed += 1
            else:
                internal_error_line(outcome.error, "stdin" if name == "-" else name)
                internal += 1
            continue
        report: Report = outcome.value
        if out is None:
            click.echo(_as_text(report) if fmt == "text" else report.to_json(indent=indent))
            continue
        report = names.claim(report, name)
        body = _as_text(report) if fmt == "text" else report.to_json(indent=indent)
        target = out / f"{report.doc.id}.{'txt' if fmt == 'text' else 'json'}"
        try:
            if target.resolve().parent != out.resolve():  # safe_id makes this impossible; keep it so
                raise OSError(f"{target} is outside {out}")
            target.write_text(body + "\n", encoding="utf-8")
        except OSError as exc:
            error_line(target, f"cannot write the output ({exc.strerror or exc})")
            failed += 1
    if internal:
        sys.exit(70)
    if failed or empty:
        sys.exit(2)


def _inputs(paths: tuple[str, ...], doc_id: str | None) -> tuple[list[str], list[str]]:
    """The files to extract (``-`` kept as standard input) and the folders that held none (each
    said on one line); exit 2 when there is nothing to read, a usage error for --id with several."""
    empty: list[str] = []
    files = [p for p in paths if p == "-"] + [str(p) for p in expand_paths((p for p in paths if p != "-"), empty)]
    for folder in empty:
        empty_folder_line(folder)
    if not files:
        sys.exit(2)
    if doc_id and len(files) > 1:
        raise click.UsageError("--id takes one input only")
    return files, empty


def _dask_command(paths: tuple[str, ...], out_dir: str | None, doc_id: str | None, scheduler: str | None,
                  workers: int | None, partition_size: int | None, fmt: str, timeout: float) -> None:
    """``extract --engine dask``: the files over a Dask cluster → a Parquet dataset in ``out_dir``."""
    from govreport.distributed import DEFAULT_PARTITION_SIZE, extract_with_dask

    if out_dir is None:
        raise click.UsageError("--engine dask writes a Parquet dataset: give --out DIR")
    if "-" in paths:
        raise click.UsageError("--engine dask reads files, not standard input")
    if fmt != "json":
        raise click.UsageError("--engine dask writes Parquet; --format does not apply")
    if timeout != DEFAULT_TIMEOUT:
        raise click.UsageError("--timeout does not apply to --engine dask (Dask retries a task whose worker dies)")
    files, empty = _inputs(paths, doc_id)
    names = _Names()  # the ids --out would give: distinct and safe
    items = [(name, names.claim_id(doc_id or Path(name).stem, name)) for name in files]
    try:
        result = extract_with_dask(items, out_dir, address=scheduler, workers=workers,
                                   partition_size=partition_size or DEFAULT_PARTITION_SIZE,
                                   show_progress=sys.stderr.isatty())
    except GovReportError as exc:
        error_line(None, exc)
        sys.exit(2)
    for path, problem in result.failed:
        error_line(path, problem)
    for path, problem in result.internal:
        error_line(path, f"internal error: {problem} (please report this)")
    click.echo(f"extracted {len(result.written)} reports in {result.parts} partitions, failed "
               f"{len(result.failed) + len(result.internal)} → {out_dir}", err=True)
    if result.internal:
        sys.exit(70)
    if result.failed or empty:
        sys.exit(2)


def register(group: click.Group) -> None:
    group.add_command(extract_command)
