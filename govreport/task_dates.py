"""Deadlines and lead units of tasks (issue 14, item 2).

Deadlines are kept as written (年底前, 6月底前, 上半年, 2025年前) and normalised to the ISO date the
period ends on, counted from the plan year (年底前 in a 2021 plan → 2021-12-31). A commitment to
finish within the plan (确保…建成投用) without a stated date ends with the plan year.
Lead units stated in the text (（牵头单位：住建厅）, 牵头单位：…；配合单位：…, 由市住建局负责) come
first; the caller falls back on the suggestion of ``lexicons/departments.tsv``.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from govreport.numbers import chinese_to_number

#: a year written out in digits or spelled in Chinese numerals (2025, 一九八五)
WRITTEN_YEAR = r"\d{4}|[〇○零一二三四五六七八九]{4}"
_YEAR = rf"({WRITTEN_YEAR}|今|明)"
_DEADLINE = re.compile(
    rf"{_YEAR}年(?:(\d{{1,2}})月)?(底|末|内)?前"
    rf"|{_YEAR}年(底|末|内)"
    r"|(\d{1,2})月(底|末|份)?前|年底前?|年内|年末前?|上半年|下半年|([一二三四])季度(?:末|前)?"
    rf"|(?:到|至){_YEAR}年"
    r"|([1-5一二三四五两])年内|汛期前|汛前"
)
#: a character every match of ``_DEADLINE`` holds (tests/test_task_dates.py checks it on each alternative)
_DEADLINE_HINT = re.compile("[年月季汛]")
_FINISH_WITHIN = re.compile(r"确保[^,，。;；]{0,30}?(建成投用|建成投产|建成通车|竣工投用|建成|竣工|完工|投用|投产|通车)")
_UNIT_NOTE = re.compile(r"[(（]\s*(?:牵头单位|责任单位|牵头部门|责任部门)\s*[:：]\s*([^)）]{2,80})[)）]")
_CO_UNIT = re.compile(r"[;；,，]\s*(?:配合单位|协办单位|配合部门)\s*[:：]\s*(.+)$")
_BY_UNIT = re.compile(r"由([^,，。;；:：由]{2,24}?)(?:牵头负责|牵头|负责)")
_UNIT_WORD = re.compile(r"(?:厅|局|委|办|部|署|院|会|中心|政府|公司|集团|部门|单位|管委会|街道|乡镇)$")


def _year(token: str, plan_year: int | None) -> int | None:
    if token == "今":
        return plan_year
    if token == "明":
        return plan_year + 1 if plan_year else None
    if token.isdigit():
        return int(token)
    digits = "".join(str(int(chinese_to_number(c) or 0)) if c not in "〇○零" else "0" for c in token)
    return int(digits) if digits.isdigit() else None


def _end(year: int | None, month: int = 12) -> str | None:
    if year is None or not 1 <= month <= 12 or not 1900 <= year <= 2100:
        return None
    return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def find_deadline(view: str, start: int = 0, end: int | None = None) -> str | None:
    """A stated deadline in ``view[start:end]`` (年底前, 6月底前, 一九八五年底前, 到2025年), or None."""
    end = len(view) if end is None else end
    if not _DEADLINE_HINT.search(view, start, end):
        return None  # every deadline names a year, month, quarter or the flood season: one cheap scan first
    m = _DEADLINE.search(view, start, end)
    return m.group().lstrip("到至在于") if m else None


def deadline_date(deadline: str | None, plan_year: int | None) -> str | None:
    """The ISO date a deadline as written ends on (年底前 → plan year-12-31; 2025年前 → 2025-12-31)."""
    if not deadline:
        return None
    # find_deadline keeps 到2025年 as 2025年: read it back with its 到
    m = _DEADLINE.fullmatch(deadline) or _DEADLINE.fullmatch(f"到{deadline}") or _DEADLINE.search(deadline)
    if m is None:
        return _end(plan_year) if _FINISH_WITHIN.search(deadline) or deadline == "年内" else None
    g = m.groups()
    if g[0]:  # 2025年底前, 2025年6月底前, 今年内前
        return _end(_year(g[0], plan_year), int(g[1]) if g[1] else 12)
    if g[3]:  # 2025年底, 今年内
        return _end(_year(g[3], plan_year))
    if g[5]:  # 6月底前
        return _end(plan_year, int(g[5]))
    if g[7]:  # 一季度
        return _end(plan_year, 3 * " 一二三四".index(g[7]))
    if g[8]:  # 到2025年, 到一九八五年
        return _end(_year(g[8], plan_year))
    if g[9]:  # 3年内: the plan year and the two after it
        n = int(g[9]) if g[9].isdigit() else "_一二三四五".find(g[9]) if g[9] != "两" else 2
        return _end(plan_year + n - 1 if plan_year else None)
    text = m.group()
    if text.startswith("汛"):
        return None  # before the flood season: as stated, no calendar date
    if text == "上半年":
        return _end(plan_year, 6)
    return _end(plan_year)  # 年底前, 年内, 年末, 下半年


def finish_within_plan(view: str, start: int, end: int) -> str | None:
    """确保…建成投用 without a date: the words, whose deadline is the plan year's end."""
    m = _FINISH_WITHIN.search(view, start, end)
    return f"确保{m.group(1)}" if m else None


@dataclass(frozen=True, slots=True)
class UnitNote:
    start: int
    end: int
    lead: str
    co: str | None


def unit_notes(view: str, start: int, end: int) -> list[UnitNote]:
    """Stated lead units in ``view[start:end]``: （牵头单位：X；配合单位：Y） and 由X负责, in text order."""
    out = []
    for m in _UNIT_NOTE.finditer(view, start, end) if "单位" in view or "部门" in view else ():
        body = m.group(1).strip()
        co = _CO_UNIT.search(body)
        lead = body[: co.start()] if co else body
        out.append(UnitNote(m.start(), m.end(), lead.strip(" ;；,，"), co.group(1).strip() if co else None))
    for m in _BY_UNIT.finditer(view, start, end):
        unit = m.group(1).strip()
        if _UNIT_WORD.search(unit):
            out.append(UnitNote(m.start(), m.end(), unit, None))
    return sorted(out, key=lambda n: n.start)


def blank_notes(view: str, notes: list[UnitNote]) -> str:
    """``view`` with the parenthesised unit notes blanked (same length), so no object runs into them."""
    for n in notes:
        if view[n.start] in "(（":
            view = view[: n.start] + " " * (n.end - n.start) + view[n.end :]
    return view
