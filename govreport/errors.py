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

    def __reduce__(self) -> tuple[type, tuple[str, str]]:  # pickles across worker processes
        return type(self), (self.source, self.problem)


class TimeBudgetError(IngestError):
    """Extracting one input took longer than its time budget; the worker was killed."""

    def __init__(self, source: str, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(source, f"took longer than {seconds:g} s; skipped")

    def __reduce__(self) -> tuple[type, tuple[str, float]]:  # type: ignore[override]
        return type(self), (self.source, self.seconds)


class WorkerDiedError(IngestError):
    """The worker process extracting one input died (killed by the system, out of memory, a crash)."""


class LexiconError(GovReportError):
    """A lexicon data file is malformed."""


class StoreError(GovReportError):
    """The database could not be opened, read or written."""


class QueryError(GovReportError):
    """A query was given arguments it cannot answer."""


class ManifestError(GovReportError):
    """A sources manifest (SOURCES.tsv, ``ingest --manifest``) or a correction is malformed."""


class CorrectionError(GovReportError):
    """A reviewer's correction of a fact is malformed or names no fact (``store/corrections.py``)."""


class NothingMatchesError(QueryError):
    """A query or export matched no rows (the CLI says so and exits non-zero)."""
