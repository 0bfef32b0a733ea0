"""The codebook that travels with every export: columns, types, units, enum values, lexicons.

``codebook(columns, table=…)`` builds a machine-readable dict for the columns of one export:
each column's Chinese label, type (``string``, ``integer``, ``float``, ``boolean``), unit and
scaling, meaning and, for a coded column, every value with its meaning; the canonical indicator
table; the govreport version; and the version (when the file states one) and SHA-256 of each
lexicon file. ``write_codebook`` writes it beside an export as ``NAME.codebook.json`` and
``NAME.codebook.md``. The enum values come from the model (``govreport.model``) and
``tracking.VERDICTS``, the indicators from ``lexicons/indicators.tsv``, so the codebook cannot
drift from the data. A column with no entry raises ``QueryError``: an export never carries an
undocumented column (``tests/test_codebook.py`` checks every table).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from govreport.errors import QueryError
from govreport.model import Bound, Kind, Level, Measure, Role

STRING, INTEGER, FLOAT, BOOLEAN = "string", "integer", "float", "boolean"


@dataclass(frozen=True, slots=True)
class Column:
    label: str  # Chinese variable label (Stata, Excel readers)
    type: str
    description: str
    unit: str | None = None
    enum: str | None = None  # a key of ENUMS


ENUMS: dict[str, dict[str, str]] = {
    "kind": {
        Kind.TARGET: "a target or plan figure for the period (预期目标)",
        Kind.ACTUAL: "a reported outcome (完成, 实现, 达到)",
        Kind.ESTIMATE: "an outcome the report expects or estimates (预计)",
    },
    "measure": {
        Measure.LEVEL: "an amount (总量) in the canonical unit",
        Measure.GROWTH: "growth over the previous period, % (增长)",
        Measure.GROWTH_AVG: "average annual growth over a multi-year period, % (年均增长)",
        Measure.GROWTH_CUM: "cumulative growth over a multi-year period, % (累计增长)",
        Measure.CHANGE: "a change in percentage points or in units (提高/下降 … 个百分点)",
        Measure.SHARE: "a share of a whole, % (占, 比重, 率)",
        Measure.RANK: "a rank (位次, 第N位)",
    },
    "bound": {
        Bound.EXACT: "the value as stated",
        Bound.APPROX: "about the value (左右)",
        Bound.MIN: "at least the value (以上, 不低于, 力争)",
        Bound.MAX: "at most the value (以内, 以下, 控制在)",
        Bound.RANGE: "between value and value_max",
    },
    "level": {
        Level.NATIONAL: "the State Council (国务院)",
        Level.PROVINCE: "province, autonomous region or municipality (省级)",
        Level.CITY: "prefecture-level city (地级市)",
        Level.COUNTY: "county or county-level city (县级)",
        Level.DISTRICT: "urban district (市辖区)",
    },
    "role": {
        Role.PREAMBLE: "title block and opening words",
        Role.REVIEW: "review of the past year or five years (工作回顾)",
        Role.PROBLEMS: "difficulties and problems (困难和问题)",
        Role.FIVE_YEAR: "five-year plan goals (十四五, 2035)",
        Role.TARGETS: "the plan year's overall requirements and main targets (主要预期目标)",
        Role.TASKS: "the plan year's key tasks (重点工作)",
        Role.SELF_BUILDING: "the government's own conduct (政府自身建设)",
        Role.CLOSING: "closing exhortation",
        Role.NOTES: "glossary (名词解释)",
        Role.OTHER: "anything else",
    },
    "period_source": {
        "sentence": "the period is stated in the fact's sentence",
        "passage": "the period is stated in the passage around the sentence",
        "section": "the period is inferred from the section (a review is the past year, targets the plan year)",
        "report": "the period is inferred from the report's year",
    },
    "verdict": {
        "met": "the outcome meets the target's bound",
        "missed": "the outcome falls short of the target's bound",
        "no_outcome": "no later report states the outcome for the period",
        "not_reported": "a later report exists but does not state the outcome",
        "not_comparable": "the outcome uses another measure or unit",
        "no_target": "the report says it sets no target for the indicator",
    },
    "direction": {"up": "more is better", "down": "less is better", "none": "neither"},
    "task_kind": {
        "quantified": "a commitment with a number (新建高标准农田22万亩)",
        "project": "a named project or programme to carry out",
        "creation": "something to create or found (创建, 建成)",
        "policy": "a policy or campaign to pursue",
    },
    "department_source": {"stated": "the report names the lead unit",
                          "suggested": "suggested from lexicons/departments.tsv"},
}

#: value → meaning for columns that are True/False
BOOLEAN_MEANING = {"True": "yes", "False": "no"}

_SPAN = "character offset into reports.text (0-based; end exclusive)"
_MONEY_NOTE = ("in the canonical unit of the `unit` column: money in 元 (not 亿元), weights in 吨, "
               "areas in 亩 or 平方米, energy in 千瓦时, people in 人; % and 个百分点 as numbers (6 = 6%)")

COLUMNS: dict[str, Column] = {
    # report identity
    "report_id": Column("报告编号", STRING, "the stored report's id (reports.id)"),
    "id": Column("报告编号", STRING, "the report's id"),
    "region": Column("地区", STRING, "the region the report is for (全国 for the State Council)"),
    "region_code": Column("行政区划代码", STRING, "GB/T 2260 code of the region (a string: keeps leading zeros)"),
    "admin_code": Column("行政区划代码", STRING, "GB/T 2260 code of the region (a string: keeps leading zeros)"),
    "province": Column("省份", STRING, "the province the region lies in"),
    "city": Column("城市", STRING, "the prefecture-level city the region lies in"),
    "county": Column("县区", STRING, "the county or district"),
    "parent": Column("上级地区", STRING, "the region one level up (全国 for a province)"),
    "level": Column("行政级别", STRING, "administrative level of the region", enum="level"),
    "report_year": Column("报告年份", INTEGER, "the year the report was delivered", "year"),
    "plan_year": Column("计划年份", INTEGER, "the year the report's plan is for", "year"),
    "date": Column("报告日期", STRING, "date the report was delivered (ISO 8601)"),
    "report_date": Column("报告日期", STRING, "date the report was delivered (ISO 8601)"),
    "speaker": Column("报告人", STRING, "who delivered the report"),
    "speaker_title": Column("报告人职务", STRING, "the speaker's title"),
    "session": Column("会议", STRING, "the session the report was given at"),
    "review_period": Column("回顾时期", STRING, "the period the report reviews (2019 or 2016-2020)"),
    "partial": Column("片段", BOOLEAN, "the text is an excerpt or news digest, not the whole report"),
    "title": Column("标题", STRING, "the report's title"),
    "report_title": Column("报告标题", STRING, "the report's title"),
    "source_path": Column("来源文件", STRING, "the file the report was ingested from"),
    "source_format": Column("来源格式", STRING, "format of the source file (txt, html, mht, pdf, docx, md)"),
    "encoding": Column("编码", STRING, "text encoding of the source file"),
    "sha256": Column("SHA256", STRING, "SHA-256 of the source file's bytes"),
    "size": Column("文件大小", INTEGER, "size of the source file", "bytes"),
    "ingested_at": Column("入库时间", STRING, "when the report was stored (UTC, ISO 8601)"),
    "n_chars": Column("字数", INTEGER, "characters of cleaned text", "characters"),
    "n_sections": Column("章节数", INTEGER, "sections stored", "count"),
    "n_facts": Column("事实数", INTEGER, "facts stored", "count"),
    "n_tasks": Column("任务数", INTEGER, "tasks stored", "count"),
    "n_slogans": Column("提法数", INTEGER, "slogans stored", "count"),
    "n_paragraphs": Column("段落数", INTEGER, "paragraphs stored", "count"),
    # facts
    "seq": Column("序号", INTEGER, "the row's order within its report (0-based)"),
    "kind": Column("类型", STRING, "what the figure is", enum="kind"),
    "period": Column("时期", STRING, "the year or years the figure is for (2021 or 2021-2025)"),
    "period_start": Column("时期起", INTEGER, "first year of the period", "year"),
    "period_end": Column("时期止", INTEGER, "last year of the period", "year"),
    "period_source": Column("时期来源", STRING, "where the period was decided", enum="period_source"),
    "indicator": Column("指标编号", STRING, "canonical indicator id (see the indicator table)"),
    "indicator_name": Column("指标名称", STRING, "the indicator's Chinese name"),
    "indicator_text": Column("原文指标", STRING, "the report's words for the indicator"),
    "measure": Column("度量", STRING, "what the value measures", enum="measure"),
    "value": Column("数值", FLOAT, "the figure " + _MONEY_NOTE + "; a decline is negative", "see unit"),
    "value_max": Column("上限数值", FLOAT, "the upper end of a range (bound = range), same unit", "see unit"),
    "unit": Column("单位", STRING, "canonical unit of value and value_max (元, 吨, 人, %, 个百分点, 位 …)"),
    "bound": Column("界限", STRING, "how the value bounds the figure", enum="bound"),
    "rank_scope": Column("排名范围", STRING, "what a rank is among (全国, 全省)"),
    "rank_of": Column("排名对象", STRING, "what is ranked"),
    "section": Column("章节", STRING, "id of the section the fact is in"),
    "role": Column("章节作用", STRING, "role of that section", enum="role"),
    "span_start": Column("起始位置", INTEGER, "start of the cited words: " + _SPAN),
    "span_end": Column("结束位置", INTEGER, "end of the cited words: " + _SPAN),
    "sentence_start": Column("句子起始", INTEGER, "start of the sentence: " + _SPAN),
    "sentence_end": Column("句子结束", INTEGER, "end of the sentence: " + _SPAN),
    "indicator_start": Column("指标起始", INTEGER, "start of the indicator words: " + _SPAN),
    "indicator_end": Column("指标结束", INTEGER, "end of the indicator words: " + _SPAN),
    "evidence": Column("原文数字", STRING, "the report's words the span covers"),
    "sentence": Column("原文句子", STRING, "the sentence the fact is in"),
    "checks": Column("质量标记", STRING, "quality flags separated by ';' (implausible:…, inconsistent:…)"),
    # panel
    "n_mentions": Column("提及次数", INTEGER, "mentions of the cell in the data (all reports)", "count"),
    "n_reports": Column("报告数", INTEGER, "reports that mention the cell", "count"),
    "conflict": Column("数值冲突", BOOLEAN, "another mention of the cell gives a different value or unit"),
    "conflict_values": Column("冲突数值", STRING, "the other values: 'value[~value_max] unit kind "
                              "report_id@start-end' joined by ' | '"),
    # tracking
    "year": Column("年份", INTEGER, "the year (tracking: the target's last year; attention: report year)",
                   "year"),
    "direction": Column("方向", STRING, "which way is better for the indicator", enum="direction"),
    "verdict": Column("结论", STRING, "the target against its outcome", enum="verdict"),
    "gap": Column("差距", FLOAT, "outcome minus the bound that decides the verdict", "see unit"),
    "target_value": Column("目标值", FLOAT, "the target's value", "see unit"),
    "target_value_max": Column("目标上限", FLOAT, "the upper end of a target range", "see unit"),
    "target_bound": Column("目标界限", STRING, "the target's bound", enum="bound"),
    "target_report": Column("目标报告", STRING, "id of the report that set the target"),
    "target_report_year": Column("目标报告年份", INTEGER, "year of that report", "year"),
    "target_span_start": Column("目标起始", INTEGER, "start of the target's words: " + _SPAN),
    "target_span_end": Column("目标结束", INTEGER, "end of the target's words: " + _SPAN),
    "target_evidence": Column("目标原文", STRING, "the target's words"),
    "target_sentence": Column("目标句子", STRING, "the target's sentence"),
    "target_period_source": Column("目标时期来源", STRING, "where the target's period was decided",
                                   enum="period_source"),
    "outcome_value": Column("实际值", FLOAT, "the outcome's value", "see unit"),
    "outcome_kind": Column("实际类型", STRING, "actual or estimate", enum="kind"),
    "outcome_measure": Column("实际度量", STRING, "the outcome's measure", enum="measure"),
    "outcome_unit": Column("实际单位", STRING, "the outcome's unit"),
    "outcome_report": Column("实际报告", STRING, "id of the report that states the outcome"),
    "outcome_report_year": Column("实际报告年份", INTEGER, "year of that report", "year"),
    "outcome_span_start": Column("实际起始", INTEGER, "start of the outcome's words: " + _SPAN),
    "outcome_span_end": Column("实际结束", INTEGER, "end of the outcome's words: " + _SPAN),
    "outcome_evidence": Column("实际原文", STRING, "the outcome's words"),
    "outcome_sentence": Column("实际句子", STRING, "the outcome's sentence"),
    "corrected": Column("已更正", BOOLEAN, "a reviewer's correction changed or added this value (serve --review)"),
    "target_corrected": Column("目标已更正", BOOLEAN, "a reviewer's correction changed the target"),
    "outcome_corrected": Column("实际已更正", BOOLEAN, "a reviewer's correction changed the outcome"),
    "outcome_period_source": Column("实际时期来源", STRING, "where the outcome's period was decided",
                                    enum="period_source"),
    # tasks and slogans
    "action": Column("动作", STRING, "the task's verb (新建, 完成)"),
    "object": Column("对象", STRING, "what the task acts on"),
    "area": Column("领域", STRING, "the heading the task falls under"),
    "department": Column("牵头单位", STRING, "the lead unit (see department_source)"),
    "department_source": Column("牵头单位来源", STRING, "whether the lead unit is stated or suggested",
                                enum="department_source"),
    "co_departments": Column("配合单位", STRING, "co-operating units"),
    "deadline": Column("完成时限", STRING, "the deadline as written"),
    "deadline_date": Column("完成日期", STRING, "the deadline as an ISO date"),
    "task_kind": Column("任务类型", STRING, "what kind of commitment the task is", enum="task_kind"),
    "text": Column("提法", STRING, "the slogan as written (五个振兴)"),
    "number": Column("数目", INTEGER, "the number in the slogan", "count"),
    "quoted": Column("带引号", BOOLEAN, "the slogan is in quotation marks"),
    # attention
    "dictionary": Column("词典", STRING, "topic dictionary name (lexicons/topics/NAME.yaml)"),
    "version": Column("词典版本", STRING, "the dictionary's version"),
    "hits": Column("命中词数", INTEGER, "word tokens that are dictionary words", "count"),
    "words": Column("总词数", INTEGER, "word tokens in the reports (punctuation not counted)", "count"),
    "share": Column("占比", FLOAT, "hits per thousand words", "‰ (per mille)"),
}

#: abbreviations of measure and kind in wide panel column names (``gdp_g_t``)
MEASURE_ABBR = {"level": "lv", "growth": "g", "growth_avg": "ga", "growth_cum": "gc", "change": "ch",
                "share": "sh", "rank": "rk"}
KIND_ABBR = {"target": "t", "outcome": "o"}
def wide_name(indicator: str, measure: str, kind_class: str) -> str:
    """The wide panel column of an (indicator, measure, target|outcome) cell, ≤ 32 characters."""
    suffix = f"_{MEASURE_ABBR[measure]}_{KIND_ABBR[kind_class]}"
    return indicator[: 32 - len(suffix)] + suffix


@cache
def _wide_columns() -> dict[str, Column]:
    """Every possible wide panel column, by name."""
    from govreport.lexicons import indicators

    out: dict[str, Column] = {}
    for ind, info in indicators().items():
        name_zh = _indicator_name(info)
        for measure in MEASURE_ABBR:
            for kind_class, zh in (("target", "目标"), ("outcome", "实际")):
                what = "target" if kind_class == "target" else "outcome (actual, else estimate)"
                out.setdefault(wide_name(ind, measure, kind_class), Column(
                    f"{name_zh} {measure} {zh}"[:80], FLOAT,
                    f"the panel cell's value: indicator {ind} ({name_zh}), measure {measure}, {what}; "
                    + _MONEY_NOTE, "see the long panel's unit"))
    return out


def _wide_column(name: str) -> Column | None:
    return _wide_columns().get(name)


def _indicator_name(info: Any) -> str:
    return str(info.get("name") if isinstance(info, dict) else getattr(info, "name", info))


def column(name: str) -> Column:
    """The codebook entry of an exported column (QueryError when there is none)."""
    found = COLUMNS.get(name) or _wide_column(name)
    if found is None:
        raise QueryError(f"column {name!r} has no codebook entry (add it to govreport/codebook.py)")
    return found


def labels(columns: list[str]) -> dict[str, str]:
    """Chinese variable labels of ``columns`` (Stata: at most 80 characters)."""
    return {c: column(c).label[:80] for c in columns}


def lexicon_versions() -> list[dict[str, Any]]:
    """Each lexicon file's path (under govreport/lexicons), SHA-256 and stated version."""
    from govreport.lexicons import data_path

    root = Path(str(data_path("")))
    out = []
    for path in sorted(p for p in root.rglob("*") if p.suffix in {".tsv", ".yaml", ".yml"}):
        body = path.read_bytes()
        m = re.search(rb"^\s*#?\s*version:\s*[\"']?([\w.\-]+)", body, re.MULTILINE)
        out.append({"file": path.relative_to(root).as_posix(), "sha256": hashlib.sha256(body).hexdigest(),
                    "version": m.group(1).decode() if m else None})
    return out


def indicator_table() -> list[dict[str, Any]]:
    from govreport.store.db import load_indicator_table

    return [{k: r.get(k) for k in ("id", "name", "default_unit", "direction")} for r in load_indicator_table()]


def codebook(columns: list[str], *, table: str, notes: str = "") -> dict[str, Any]:
    """The machine-readable codebook of one export (JSON-ready)."""
    from govreport import __version__

    cols = []
    for name in columns:
        c = column(name)
        entry: dict[str, Any] = {"name": name, "label": c.label, "type": c.type, "description": c.description}
        if c.unit:
            entry["unit"] = c.unit
        if c.enum:
            entry["values"] = {str(k): v for k, v in ENUMS[c.enum].items()}
        elif c.type == BOOLEAN:
            entry["values"] = BOOLEAN_MEANING
        cols.append(entry)
    return {"table": table, "govreport_version": __version__, "notes": notes, "columns": cols,
            "indicators": indicator_table(), "lexicons": lexicon_versions()}


def to_markdown(book: dict[str, Any]) -> str:
    lines = [f"# Codebook: {book['table']}", "", f"govreport {book['govreport_version']}.", ""]
    if book.get("notes"):
        lines += [book["notes"], ""]
    lines += ["| column | label | type | unit | meaning |", "|---|---|---|---|---|"]
    for c in book["columns"]:
        meaning = c["description"].replace("|", "/")
        if "values" in c:
            meaning += "; values: " + "; ".join(f"`{k}` {v}" for k, v in c["values"].items())
        lines.append(f"| `{c['name']}` | {c['label']} | {c['type']} | {c.get('unit', '')} | {meaning} |")
    lines += ["", "## Indicators", "", "| id | name | default unit | direction |", "|---|---|---|---|"]
    lines += [f"| `{i['id']}` | {i['name']} | {i['default_unit'] or ''} | {i['direction']} |"
              for i in book["indicators"]]
    lines += ["", "## Lexicons", "", "| file | version | SHA-256 |", "|---|---|---|"]
    lines += [f"| {x['file']} | {x['version'] or ''} | `{x['sha256']}` |" for x in book["lexicons"]]
    return "\n".join(lines) + "\n"


def codebook_paths(out: str | Path) -> tuple[Path, Path]:
    out = Path(out)
    stem = out.name[: -len(out.suffix)] if out.suffix else out.name
    return out.with_name(stem + ".codebook.json"), out.with_name(stem + ".codebook.md")


def write_codebook(out: str | Path, columns: list[str], *, table: str, notes: str = "") -> tuple[Path, Path]:
    """Write ``NAME.codebook.json`` and ``NAME.codebook.md`` beside the export ``out``."""
    book = codebook(columns, table=table, notes=notes)
    js, md = codebook_paths(out)
    js.write_text(json.dumps(book, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    md.write_text(to_markdown(book), encoding="utf-8")
    return js, md


#: database column → codebook column, where the store's name differs from the export's
_DB_ALIASES = {"start": "span_start", "end": "span_end"}
#: (table, column) → codebook column, or None: the codebook's entry of that name means something else
_DB_OVERRIDES: dict[tuple[str, str], str | None] = {
    ("tasks", "kind"): "task_kind", ("reports", "id"): "report_id", ("facts", "id"): None,
    ("paragraphs", "id"): None, ("paragraphs", "text"): None, ("sections", "id"): "section",
    ("sections", "level"): None, ("sections", "title"): None, ("sections", "number"): None,
    ("indicators", "name"): "indicator_name", ("indicators", "id"): "indicator"}
_DB_TABLES = {"reports": "one row per stored report", "facts": "one row per quantitative statement",
              "tasks": "one row per commitment", "slogans": "one row per numbered policy formula",
              "sections": "one row per section", "paragraphs": "one row per line of text",
              "indicators": "the canonical indicator table"}


def datasette_metadata(conn: Any) -> dict[str, Any]:
    """Datasette ``metadata.json`` content for a govreport database (an sqlite3 connection):
    table descriptions and each column's codebook description (columns with no entry are left out)."""
    from govreport import __version__

    tables: dict[str, Any] = {}
    for table, about in _DB_TABLES.items():
        names = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
        columns = {}
        for name in names:
            key = _DB_OVERRIDES.get((table, name), _DB_ALIASES.get(name, name))
            entry = COLUMNS.get(key) if key else None
            if entry is not None:
                unit = f" [{entry.unit}]" if entry.unit else ""
                columns[name] = f"{entry.label}: {entry.description}{unit}"
        tables[table] = {"description": about, "columns": columns}
    return {"title": "govreport", "description": f"Government work reports extracted by govreport {__version__}",
            "databases": {"*": {"tables": tables}}}
