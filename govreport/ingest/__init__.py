"""Ingest: bytes or files in any common form → a ``Document`` of cleaned text.

``read_source`` decides the format from the content, decodes, extracts the main text,
and cleans it to one paragraph per line. ``matching_view`` gives a same-length copy of
that text (simplified characters, half-width forms) on which the extractors match, so
an offset found in the view is an offset into the text.
"""

from govreport.ingest.document import Document
from govreport.ingest.normalize import clean_text, matching_view
from govreport.ingest.readers import read_bytes, read_source

__all__ = ["Document", "clean_text", "matching_view", "read_bytes", "read_source"]
