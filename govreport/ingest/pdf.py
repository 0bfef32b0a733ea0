"""PDF → text with pdfminer.six's text layer, paragraphs rebuilt from the line geometry.

PDF text comes as visual lines. A paragraph goes on across a line break unless the line
stops short of the right margin, the next line is indented (Chinese paragraphs start two
characters in), the vertical gap widens, or the next line starts a heading/numbered item.
Running headers and footers (page numbers) are dropped first.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from io import BytesIO

from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams, LTPage, LTTextContainer, LTTextLine
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psexceptions import PSException

from govreport.errors import IngestError
from govreport.ingest.normalize import HEADING_START, glue


@dataclass(frozen=True, slots=True)
class _Line:
    x0: float
    x1: float
    y0: float
    text: str


def _page_lines(page: LTPage) -> list[_Line]:
    out: list[_Line] = []
    for box in page:
        if not isinstance(box, LTTextContainer):
            continue
        for line in box:
            if isinstance(line, LTTextLine):
                text = line.get_text().strip()
                if text:
                    out.append(_Line(line.x0, line.x1, line.y0, text))
    return out


_DIGITS = re.compile(r"\d+")


def _running_key(line: _Line) -> tuple[str, int]:
    return _DIGITS.sub("#", line.text), round(line.y0 / 4)


def _drop_running_lines(pages: list[list[_Line]]) -> list[list[_Line]]:
    """Drop running headers and footers: a first or last line whose text (digits aside) recurs at
    the same height at the top or bottom of at least half the pages (and of two)."""
    if len(pages) < 2:
        return pages
    counts: Counter[tuple[str, int]] = Counter()
    for lines in pages:
        counts.update({_running_key(x) for x in (lines[:2] + lines[-2:])})
    running = {k for k, n in counts.items() if n >= max(2, len(pages) / 2)}
    if not running:
        return pages
    return [
        [x for i, x in enumerate(lines) if not ((i < 2 or i >= len(lines) - 2) and _running_key(x) in running)]
        for lines in pages
    ]


def _paragraphs(pages: list[list[_Line]]) -> list[str]:
    paras: list[str] = []
    prev: _Line | None = None
    prev_full = False
    for lines in pages:
        if not lines:
            continue
        left = min(x.x0 for x in lines)
        right = max(x.x1 for x in lines)
        widths = [(x.x1 - x.x0) / len(x.text) for x in lines if len(x.text) >= 8]
        cw = statistics.median(widths) if widths else 10.0
        gaps = [a.y0 - b.y0 for a, b in itertools.pairwise(lines) if a.y0 > b.y0]
        gap = statistics.median(gaps) if gaps else 0.0
        for i, line in enumerate(lines):
            indented = line.x0 > left + 1.2 * cw
            wide_gap = i > 0 and gap > 0 and (lines[i - 1].y0 - line.y0 > 1.6 * gap or line.y0 > lines[i - 1].y0)
            if prev is not None and prev_full and not indented and not wide_gap and not HEADING_START.match(line.text):
                paras[-1] = glue(paras[-1], line.text)
            else:
                paras.append(line.text)
            prev = line
            prev_full = line.x1 >= right - 1.5 * cw
    return paras


def pdf_to_text(data: bytes, source: str) -> tuple[str, tuple[str, ...]]:
    """The text of a PDF, one paragraph per line; warnings for pages without text."""
    try:
        pages = [_page_lines(p) for p in extract_pages(BytesIO(data), laparams=LAParams())]
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise IngestError(source, "the PDF is encrypted (password protected); save an unlocked copy") from exc
    except (PDFSyntaxError, PSException) as exc:
        raise IngestError(source, "a damaged or truncated PDF") from exc
    except (ValueError, KeyError, TypeError, AssertionError) as exc:  # pdfminer on malformed objects
        raise IngestError(source, "a damaged or truncated PDF") from exc
    if not pages:
        raise IngestError(source, "the PDF has no pages (damaged or truncated?)")
    empty = sum(1 for p in pages if not p)
    if empty == len(pages):
        raise IngestError(source, "the PDF has no text layer (scanned images?); OCR it first")
    warnings = (f"{empty} of {len(pages)} PDF pages have no text layer",) if empty else ()
    return "\n".join(_paragraphs(_drop_running_lines(pages))), warnings
