"""govreport: Chinese government work reports to structured, source-linked data."""

from govreport.errors import GovReportError, IngestError
from govreport.model import Bound, DocMeta, Fact, Kind, Measure, Quantity, Report, Section, Slogan, Span, Task
from govreport.options import Options
from govreport.pipeline import extract

__version__ = "0.1.0"

__all__ = [
    "Bound",
    "DocMeta",
    "Fact",
    "GovReportError",
    "IngestError",
    "Kind",
    "Measure",
    "Options",
    "Quantity",
    "Report",
    "Section",
    "Slogan",
    "Span",
    "Task",
    "__version__",
    "extract",
]
