"""Spreadsheet-safe text cells (CSV and XLSX exports, the task table).

Report text is untrusted: a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return is read by Excel, LibreOffice and Google Sheets as a formula
(``=HYPERLINK(...)``, DDE). Such text cells get a leading single quote, the OWASP rule
for CSV injection; numbers are never touched, so a negative value stays a number.
"""

from __future__ import annotations

from typing import Any

#: the first characters that make a spreadsheet read a cell as a formula
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """``value`` with a single quote in front when it is text that starts like a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value
