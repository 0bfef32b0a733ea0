"""DOCX → text with python-docx: body paragraphs and table rows, in document order."""

from __future__ import annotations

import zipfile
import zlib
from io import BytesIO

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

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


#: a DOCX's parts unpacked may be at most this large in all (text-only reports are a few MB) …
MAX_UNPACKED = 100 * 1024 * 1024
#: … and a large part at most this many times its packed size (XML packs about 10:1; a bomb 1000:1)
MAX_RATIO = 200


def check_unpacked_size(data: bytes, source: str, limit: int = MAX_UNPACKED) -> None:
    """Refuse a decompression bomb before python-docx unpacks it: the declared sizes first, then the
    parts themselves unpacked in blocks (declared sizes can lie), stopping at ``limit`` bytes."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as z:
            infos = z.infolist()
            declared = sum(i.file_size for i in infos)
            ratio = max((i.file_size / max(1, i.compress_size) for i in infos if i.file_size > 1 << 20), default=0)
            if declared > limit or ratio > MAX_RATIO:
                raise IngestError(source, f"a DOCX that unpacks to {declared:,} bytes (a zip bomb?); refused")
            left = limit
            for info in infos:
                with z.open(info) as part:
                    while block := part.read(1 << 20):
                        left -= len(block)
                        if left < 0:
                            raise IngestError(source, f"a DOCX that unpacks to over {limit:,} bytes "
                                                      "(a zip bomb?); refused")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, NotImplementedError, EOFError, OSError,
            ValueError) as exc:
        raise IngestError(source, "a damaged DOCX file (its zip cannot be unpacked)") from exc


def docx_to_text(data: bytes, source: str) -> str:
    check_unpacked_size(data, source)
    try:
        document = docx.Document(BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise IngestError(source, "a damaged DOCX file") from exc
    except etree.XMLSyntaxError as exc:
        raise IngestError(source, "a damaged DOCX file (its XML is broken)") from exc
    body = document.element.body
    if body is None:
        raise IngestError(source, "a damaged DOCX file (its document has no body)")
    lines: list[str] = []
    _blocks(body, document, lines)
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
