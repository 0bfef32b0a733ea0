"""The 督查 task table (重点工作任务分解表): rows, and the CSV, JSON and XLSX writers (issue 14, item 4).

Columns as supervision offices use them: 序号, 工作任务, 量化指标, 牵头单位, 配合单位, 完成时限, 原文.
A lead unit the report does not state is a suggestion from ``lexicons/departments.tsv`` and says
so (``住房城乡建设部门（建议）``). The XLSX groups rows under their section heading (one merged
row per group), freezes the header and wraps the text; CSV and JSON carry the group, the kind,
the lead unit's source and the deadline's date as extra columns.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from govreport.ingest.normalize import matching_view
from govreport.model import Task
from govreport.numbers import find_quantities
from govreport.spreadsheet import safe_cell

#: the columns of the 督查-style task table (``govreport tasks``)
TASK_COLUMNS = ("序号", "工作任务", "量化指标", "牵头单位", "配合单位", "完成时限", "原文")
#: further columns of the CSV and JSON forms (machine-readable fields)
EXTRA_COLUMNS = ("分组", "类型", "牵头单位来源", "完成日期")
_KIND_NAMES = {"quantified": "量化指标", "project": "重点项目", "creation": "创建争创", "policy": "政策举措"}
_WIDTHS = {"序号": 6, "报告": 18, "工作任务": 36, "量化指标": 14, "牵头单位": 20, "配合单位": 16, "完成时限": 16,
           "原文": 70, "进展": 10, "次年报告依据": 50}


spreadsheet_safe = safe_cell  # one rule for every spreadsheet cell (govreport/spreadsheet.py)


def _as_written(text: str, task: Task) -> str:
    """The task's quantity in the report's own words (22万亩, 300公里以上)."""
    if task.value is None:
        return ""
    piece = text[task.span.start : task.span.end]
    for q in find_quantities(matching_view(piece)):
        if q.value == task.value and q.unit == task.unit:
            return piece[q.span.start : q.span.end]
    return f"{task.value:g}{task.unit or ''}"


def _lead(task: Task) -> str:
    if not task.department:
        return ""
    return task.department if task.department_source == "stated" else f"{task.department}（建议）"


def _deadline(task: Task) -> str:
    if task.deadline and task.deadline_date and task.deadline_date not in task.deadline:
        return f"{task.deadline}（{task.deadline_date}）"
    return task.deadline or ""


def task_rows(text: str, tasks: Sequence[Task]) -> list[dict[str, object]]:
    """The task table: one row per task, keyed by ``TASK_COLUMNS`` and ``EXTRA_COLUMNS``."""
    return [
        {
            "序号": i,
            "工作任务": f"{t.action}{t.object}",
            "量化指标": _as_written(text, t),
            "牵头单位": _lead(t),
            "配合单位": t.co_departments or "",
            "完成时限": _deadline(t),
            "原文": t.sentence,
            "分组": t.area or "",
            "类型": _KIND_NAMES.get(t.kind or "", ""),
            "牵头单位来源": {"stated": "报告明确", "suggested": "建议"}.get(t.department_source or "", ""),
            "完成日期": t.deadline_date or "",
        }
        for i, t in enumerate(tasks, start=1)
    ]


def to_csv(columns: Sequence[str], rows: Sequence[dict[str, Any]]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(columns), lineterminator="\r\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows({c: spreadsheet_safe(row.get(c, "")) for c in columns} for row in rows)
    return buf.getvalue()


def to_json(rows: Sequence[dict[str, Any]]) -> str:
    return json.dumps(list(rows), ensure_ascii=False, indent=1)


def write_xlsx(sheets: Sequence[tuple[str, Sequence[dict[str, Any]]]], out: Path,
               columns: Sequence[str] = TASK_COLUMNS) -> None:
    """One sheet per report: the header, then each group's heading row and its tasks."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    wb = Workbook()
    wb.remove(wb.active)
    columns = list(columns)
    for title, rows in sheets or [("工作任务", [])]:
        ws = wb.create_sheet(_sheet_title(title, wb.sheetnames))
        ws.append(columns)
        for cell in ws[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            cell.fill = PatternFill("solid", fgColor="DDEBF7")
        group: object = None
        for row in rows:
            if row.get("分组", "") != group:
                group = row.get("分组", "")
                ws.append([spreadsheet_safe(str(group) or "（未分组）")])
                r = ws.max_row
                ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(columns))
                ws.cell(r, 1).font = Font(bold=True)
                ws.cell(r, 1).fill = PatternFill("solid", fgColor="F2F2F2")
            ws.append([spreadsheet_safe(row.get(c, "")) for c in columns])
            for cell in ws[ws.max_row]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            # wrapped rows get their height here: neither Excel nor LibreOffice refits them on opening
            lines = max(_lines(row.get(c, ""), _WIDTHS.get(c, 16)) for c in columns)
            ws.row_dimensions[ws.max_row].height = min(409, 15 * lines)
        for i, c in enumerate(columns, start=1):
            ws.column_dimensions[ws.cell(1, i).column_letter].width = _WIDTHS.get(c, 16)
        ws.freeze_panes = "A2"
        # printed: landscape, one page wide, the header repeated on every page
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        ws.print_title_rows = "1:1"
    wb.save(out)


def _lines(value: object, width: int) -> int:
    """Lines ``value`` wraps to in a column ``width`` characters wide (a CJK character is about 1.75)."""
    text = str(value or "")
    units = sum(1.75 if ord(ch) > 0x2E7F else 1.0 for ch in text)
    return max(1, math.ceil(units / max(1, width - 1)))


def _sheet_title(title: str, taken: list[str]) -> str:
    clean = "".join("_" if c in "[]:*?/\\" else c for c in title)[:28] or "工作任务"
    name, n = clean, 2
    while name in taken:
        name, n = f"{clean[:25]}_{n}", n + 1
    return name
