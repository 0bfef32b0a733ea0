"""One frozen options object for every tunable knob of extraction."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Options:
    #: refuse inputs larger than this many bytes (a report is rarely over 1 MB)
    max_bytes: int = 50 * 1024 * 1024
    #: emit facts whose indicator is not in the canonical table (indicator = null)
    unmatched_facts: bool = True
    #: run the task / slogan extractors
    tasks: bool = True
    slogans: bool = True
    #: a stable id for the report; default: the file stem
    doc_id: str | None = None
    #: treat a ``str`` argument to ``extract`` as text even if it names an existing file
    text_only: bool = False


DEFAULT = Options()
