from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Document:
    """A report's cleaned text and where it came from."""

    text: str  # cleaned: one paragraph per line
    name: str  # the stable id: file stem unless given
    source: str | None = None  # path or "<text>"
    source_format: str = "txt"  # txt | html | pdf | docx
    encoding: str | None = None
    warnings: tuple[str, ...] = ()
