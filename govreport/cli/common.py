"""Helpers shared by the CLI commands: input expansion, error lines, progress."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

#: file endings a folder is searched for
REPORT_SUFFIXES = {".txt", ".text", ".htm", ".html", ".mht", ".mhtml", ".pdf", ".docx", ".md"}


def expand_paths(paths: Iterable[str], empty: list[str] | None = None) -> list[Path]:
    """Files as given, folders searched (sorted) for report files; a folder with none is added to
    ``empty``. Entries with a report ending that are not folders are kept even when they are not
    regular files (a broken link, a pipe), so that they are reported rather than silently left out."""
    out: list[Path] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = sorted(f for f in path.rglob("*") if f.suffix.lower() in REPORT_SUFFIXES and not f.is_dir())
            if not found and empty is not None:
                empty.append(str(path))
            out.extend(found)
        else:
            out.append(path)
    return out


def empty_folder_line(folder: str) -> None:
    endings = " ".join(sorted(REPORT_SUFFIXES))
    error_line(folder, f"no report files in this folder (looked for {endings})")


def internal_error_line(exc: BaseException, source: object = None) -> None:
    """The one line an unexpected exception (a bug) gets, instead of a traceback."""
    kind = getattr(exc, "type_name", None) or type(exc).__name__
    message = " ".join(str(getattr(exc, "message", None) or exc).split())
    error_line(source, f"internal error: {kind}: {message} (please report this)")


def error_line(source: object, problem: object) -> None:
    """One clear line on stderr naming the input and the problem."""
    click.echo(f"govreport: {source}: {problem}" if source else f"govreport: {problem}", err=True)


def progress(items: Iterable, label: str, enabled: bool | None = None, total: int | None = None) -> Iterator:
    """Iterate with a progress bar on stderr (shown only when stderr is a terminal or asked)."""
    show = sys.stderr.isatty() if enabled is None else enabled
    count = total if total is not None else len(items)  # type: ignore[arg-type]
    if not show or count < 2:
        yield from items
        return
    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, transient=False) as bar:
        task = bar.add_task(label, total=count)
        for item in items:
            yield item
            bar.advance(task)
