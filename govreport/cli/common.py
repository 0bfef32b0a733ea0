"""Helpers shared by the CLI commands: input expansion, error lines, progress."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

#: file endings a folder is searched for
REPORT_SUFFIXES = {".txt", ".text", ".htm", ".html", ".pdf", ".docx", ".md"}


def expand_paths(paths: Iterable[str]) -> list[Path]:
    """Files as given, folders searched (sorted) for report files."""
    out: list[Path] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            out.extend(sorted(f for f in path.rglob("*") if f.is_file() and f.suffix.lower() in REPORT_SUFFIXES))
        else:
            out.append(path)
    return out


def error_line(source: object, problem: object) -> None:
    """One clear line on stderr naming the input and the problem."""
    click.echo(f"govreport: {source}: {problem}" if source else f"govreport: {problem}", err=True)


def progress(items: list, label: str, enabled: bool | None = None) -> Iterator:
    """Iterate with a progress bar on stderr (shown only when stderr is a terminal or asked)."""
    show = sys.stderr.isatty() if enabled is None else enabled
    if not show or len(items) < 2:
        yield from items
        return
    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, transient=False) as bar:
        task = bar.add_task(label, total=len(items))
        for item in items:
            yield item
            bar.advance(task)
