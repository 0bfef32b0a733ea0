"""The data that flows through the pipeline: small frozen dataclasses and enums.

Every extracted thing carries a ``Span`` into ``Report.text`` (the cleaned text).
``to_dict`` gives the JSON contract of ``govreport extract --format json``
(see README, "JSON contract").
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from enum import StrEnum
from typing import Any


class Kind(StrEnum):
    TARGET = "target"
    ACTUAL = "actual"
    ESTIMATE = "estimate"


class Measure(StrEnum):
    LEVEL = "level"
    GROWTH = "growth"
    GROWTH_AVG = "growth_avg"
    GROWTH_CUM = "growth_cum"
    CHANGE = "change"
    SHARE = "share"
    RANK = "rank"


class Bound(StrEnum):
    EXACT = "exact"
    APPROX = "approx"
    MIN = "min"
    MAX = "max"
    RANGE = "range"


class Level(StrEnum):
    NATIONAL = "national"
    PROVINCE = "province"
    CITY = "city"
    COUNTY = "county"
    DISTRICT = "district"


class Role(StrEnum):
    """What a section of a report does."""

    PREAMBLE = "preamble"  # title block, 各位代表, opening words
    REVIEW = "review"  # 过去一年/五年工作回顾
    PROBLEMS = "problems"  # 存在的困难和问题
    FIVE_YEAR = "five_year"  # 十四五 goals, 2035 vision
    TARGETS = "targets"  # 总体要求 and 主要预期目标
    TASKS = "tasks"  # 重点工作
    SELF_BUILDING = "self_building"  # 政府自身建设
    CLOSING = "closing"  # 各位代表！… final exhortation
    NOTES = "notes"  # 名词解释 glossary
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Span:
    """Half-open character range ``[start, end)`` into ``Report.text``."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}-{self.end}")

    def slice(self, text: str) -> str:
        return text[self.start : self.end]

    def to_list(self) -> list[int]:
        return [self.start, self.end]


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number with its unit, as written, converted to the canonical unit.

    ``value``/``value_max`` are in ``unit`` (canonical, e.g. 元, 吨, 千瓦时, %);
    ``raw_unit`` is the unit as written (亿斤). ``bound`` says what the value means.
    """

    value: float
    unit: str
    bound: Bound
    span: Span
    value_max: float | None = None
    raw_unit: str = ""
    dimension: str = ""  # money, weight, percent, points, rank, count, ...


@dataclass(frozen=True, slots=True)
class DocMeta:
    id: str
    region: str | None = None
    province: str | None = None
    city: str | None = None
    county: str | None = None
    admin_code: str | None = None
    level: str | None = None
    report_year: int | None = None
    date: str | None = None
    speaker: str | None = None
    speaker_title: str | None = None
    session: str | None = None
    review_period: str | None = None
    plan_year: int | None = None
    partial: bool = False
    title: str | None = None
    source: str | None = None  # path or name the text came from
    source_format: str | None = None  # txt, html, pdf, docx
    encoding: str | None = None


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    parent: str | None
    level: int
    number: str | None
    title: str
    role: Role
    span: Span
    heading_span: Span | None = None


@dataclass(frozen=True, slots=True)
class Fact:
    kind: Kind
    period: str | None
    indicator: str | None
    indicator_text: str | None
    measure: Measure
    value: float
    unit: str
    bound: Bound
    span: Span
    value_max: float | None = None
    rank_scope: str | None = None
    rank_of: str | None = None
    section: str | None = None
    sentence: str = ""
    sentence_span: Span | None = None
    indicator_span: Span | None = None
    #: quality flags (facts/checks.py): "implausible:gdp growth 150 outside [-30, 40]", "inconsistent:…"
    checks: tuple[str, ...] = ()
    # where the period was decided: "sentence" (a year or span the sentence states), "passage"
    # (its paragraph or part), "section" (the part's role), "report" (the report's own years)
    period_source: str | None = None


@dataclass(frozen=True, slots=True)
class Task:
    action: str
    object: str
    span: Span
    value: float | None = None
    value_max: float | None = None
    unit: str | None = None
    bound: Bound | None = None
    area: str | None = None  # the heading the task falls under
    department: str | None = None  # the lead unit: stated in the text, else suggested
    deadline: str | None = None  # as written (年底前, 6月底前, 2025年前)
    section: str | None = None
    sentence: str = ""
    kind: str | None = None  # quantified | project | creation | policy
    deadline_date: str | None = None  # ISO date the deadline ends on (年底前 → 2021-12-31)
    department_source: str | None = None  # stated (牵头单位：…, 由…负责) | suggested (lexicon) | None
    co_departments: str | None = None  # 配合单位 as stated


@dataclass(frozen=True, slots=True)
class Slogan:
    text: str
    number: int
    span: Span
    quoted: bool = False


def _jsonable(value: Any) -> Any:
    if isinstance(value, Span):
        return value.to_list()
    if isinstance(value, StrEnum):
        return str(value)
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if isinstance(value, tuple | list):
        return [_jsonable(v) for v in value]
    return value


def record(obj: Any) -> dict[str, Any]:
    """A dataclass as a JSON-ready dict (spans as [start, end], enums as strings)."""
    return {f.name: _jsonable(getattr(obj, f.name)) for f in fields(obj)}


@dataclass(frozen=True, slots=True)
class Report:
    doc: DocMeta
    text: str
    sections: tuple[Section, ...] = ()
    facts: tuple[Fact, ...] = ()
    tasks: tuple[Task, ...] = ()
    slogans: tuple[Slogan, ...] = ()
    warnings: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        doc = asdict(self.doc)
        return {
            "doc": doc,
            "text": self.text,
            "sections": [record(s) for s in self.sections],
            "facts": [record(f) for f in self.facts],
            "tasks": [record(t) for t in self.tasks],
            "slogans": [record(s) for s in self.slogans],
            "warnings": list(self.warnings),
        }

    def to_json(self, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def section(self, section_id: str | None) -> Section | None:
        for s in self.sections:
            if s.id == section_id:
                return s
        return None
