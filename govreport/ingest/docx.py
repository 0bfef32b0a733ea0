"""DOCX → text with python-docx: body paragraphs and table rows, in document order."""

from __future__ import annotations

import zipfile
from io import BytesIO

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.paragraph import Paragraph

from govreport.errors import IngestError


def _table_lines(table: Table) -> list[str]:
    """One line per row: its distinct cells' text joined by a space (merged cells repeat in python-docx)."""
    lines: list[str] = []
    for row in table.rows:
        seen: set[int] = set()
        cells: list[str] = []
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            text = " ".join(p.text.strip() for p in cell.paragraphs if p.text.strip())
            if text:
                cells.append(text)
        if cells:
            lines.append(" ".join(cells))
    return lines


def docx_to_text(data: bytes, source: str) -> str:
    try:
        document = docx.Document(BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise IngestError(source, "a damaged DOCX file") from exc
    lines: list[str] = []
    _blocks(document.element.body, document, lines)
    return "\n".join(lines)


def _blocks(parent: object, document: object, lines: list[str]) -> None:
    """Paragraphs and tables in order, looking inside content controls (w:sdt/w:sdtContent)."""
    for child in parent.iterchildren():  # type: ignore[attr-defined]
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text)  # type: ignore[arg-type]
        elif tag == "tbl":
            lines.extend(_table_lines(Table(child, document)))  # type: ignore[arg-type]
        elif tag in ("sdt", "sdtContent"):
            _blocks(child, document, lines)
