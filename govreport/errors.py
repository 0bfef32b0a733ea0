"""One error hierarchy. Every message names the input and what is wrong."""

from __future__ import annotations


class GovReportError(Exception):
    """Base of every error govreport raises on purpose."""


class IngestError(GovReportError):
    """An input could not be read as a report (empty, binary, undecodable, too large, ...)."""

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


class LexiconError(GovReportError):
    """A lexicon data file is malformed."""


class StoreError(GovReportError):
    """The database could not be opened, read or written."""


class QueryError(GovReportError):
    """A query was given arguments it cannot answer."""
