"""Metadata: who, where and when (minimal first cut; issue 3 completes it)."""

from __future__ import annotations

import re

from govreport.ingest.document import Document
from govreport.model import DocMeta
from govreport.options import DEFAULT, Options

_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日在")
_TITLE_YEAR = re.compile(r"(\d{4})年[^\n]{0,30}政府工作报告")


def extract_meta(doc: Document, view: str, options: Options = DEFAULT) -> DocMeta:
    head = view[:3000]
    year = date = None
    if m := _DATE.search(head):
        year = int(m.group(1))
        date = f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    elif m := _TITLE_YEAR.search(head):
        year = int(m.group(1))
    return DocMeta(
        id=doc.name,
        report_year=year,
        date=date,
        plan_year=year,
        review_period=str(year - 1) if year else None,
        source=doc.source,
        source_format=doc.source_format,
        encoding=doc.encoding,
    )
