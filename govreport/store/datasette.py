"""A ``metadata.json`` for Datasette: what each table and column of a govreport database holds.

``datasette govreport.db -m metadata.json`` (``govreport datasette-metadata --db govreport.db``
writes it). Full-text search needs no metadata: Datasette finds ``paragraphs_fts``
(``content="paragraphs"``) by itself; the metadata says so and names the key column.
A column shared by several tables (``report_id``, ``region`` …) is described once in ``COMMON``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from govreport import __version__
from govreport.store.db import Database

TABLES: dict[str, str] = {
    "reports": "One row per stored report: the doc fields, the cleaned text, the source file and the "
               "counts of its rows in the other tables. A report read from several files is stored once.",
    "sections": "The section tree of each report; start/end are character offsets into reports.text.",
    "facts": "Every quantitative statement (target, actual, estimate) as a typed fact; money in 元, "
             "areas in 亩 or 平方米, weights in 吨; start/end point at the words in reports.text.",
    "tasks": "Tasks (actions with objects, values, deadlines and lead departments) of each report.",
    "slogans": "Numbered policy slogans (“三大攻坚战”) of each report.",
    "paragraphs": "The text of each report, one row per paragraph, with full-text search (?_search=; "
                  "three or more characters through the trigram index, shorter words through the "
                  "govreport Datasette plugin).",
    "indicators": "The canonical indicator table (govreport/lexicons/indicators.tsv).",
    "sources": "Every file a report was read from: path, URL, publisher, retrieval date and how it "
               "matched (first, exact or near duplicate, same file). Cite reports by these.",
    "report_fixes": "Every correction of a stored report (govreport fix, a manifest): who, when, old, new.",
    "facts_view": "Facts joined to their report (region, level, year, title, URL) and indicator name.",
    "reports_view": "Reports with their numbers of sources and corrections.",
    "corrections": "Reviewers' corrections of facts (mark wrong, edit, add), keyed by the report's text "
                   "hash and the fact's span, so they survive re-ingest (govreport serve --review).",
    "corrections_current": "The latest mark-wrong or edit of each corrected fact.",
    "facts_effective": "The facts with the reviewers' corrections applied (corrected = 1 where one did).",
    "fact_rows": "What the facts view reads: the facts as stored, offsets only (no copy of the text, "
                 "no copy of the report's region or year).",
    "task_rows": "What the tasks view reads: the tasks as stored, their sentence, object and area as offsets, "
                 "their repeated strings as labels ids.",
    "labels": "The strings task_rows repeats (actions, units, departments …), once each.",
    "paragraph_rows": "What the paragraphs view reads: each paragraph's offsets into reports.text.",
}

COMMON: dict[str, str] = {
    "id": "row id",
    "report_id": "the report (reports.id)",
    "seq": "position within the report",
    "region": "full region name (全国, 河南省, 平顶山市 …)",
    "province": "province of the region",
    "city": "city of the region",
    "county": "county or district of the region",
    "admin_code": "GB/T 2260 administrative code (text)",
    "level": "national | province | city | county | district",
    "report_year": "year the report was delivered",
    "start": "start character offset into reports.text",
    "sentence_start": "start offset of the sentence in reports.text",
    "sentence_end": "end offset of the sentence",
    "sentence_text": "the sentence, stored only where it is not reports.text at its offsets",
    "end": "end character offset (exclusive) into reports.text",
    "text": "the text",
    "title": "title",
    "kind": "target | actual | estimate",
    "unit": "canonical unit (元, 人, 亩, 吨, %, 个百分点 …)",
    "value": "the value in the canonical unit (a decline is negative)",
    "value_max": "upper end of a range",
    "bound": "exact | approx | min | max | range",
    "section": "section id (sections.id)",
    "sentence": "the sentence the item is in",
    "source_url": "the report's URL (manifest, MHT Content-Location or the page's 本文地址)",
    "sha256": "SHA-256 of the file's bytes",
    "size": "file size in bytes",
    "text_hash": "SHA-256 of the normalized matching text (same hash: exact duplicate)",
    "encoding": "character encoding the file was decoded from",
}

COLUMNS: dict[str, dict[str, str]] = {
    "reports": {
        "date": "delivery date (ISO)", "speaker": "who delivered the report", "speaker_title": "the speaker's office",
        "session": "the congress session", "review_period": "the years reviewed (2019 or 2016-2020)",
        "plan_year": "the year the targets are for", "partial": "1: an excerpt or digest, not the whole report",
        "source_path": "the file the report was extracted from", "source_format": "txt | html | pdf | docx",
        "ingested_at": "when it was stored (UTC)", "n_chars": "characters of text", "n_sections": "rows in sections",
        "n_facts": "rows in facts", "n_tasks": "rows in tasks", "n_slogans": "rows in slogans",
        "n_paragraphs": "rows in paragraphs", "warnings": "JSON list of repairs and warnings",
        "minhash": "MinHash signature of the matching text (near duplicates)",
        "text_sha256": "SHA-256 of text: the key reviewers' corrections hang on",
    },
    "sections": {
        "parent": "parent section id", "number": "the heading's number (一、, （二）)",
        "role": "preamble | review | problems | five_year | targets | tasks | self_building | notes | other",
        "heading_start": "start offset of the heading", "heading_end": "end offset of the heading",
    },
    "indicators": {
        "name": "Chinese name", "aliases": "other names (|-separated)", "default_unit": "canonical unit",
        "direction": "up | down | none: which way is better", "notes": "notes",
    },
    "facts": {
        "period": "the year or span the value is for (2021, 2016-2020)", "period_start": "first year of period",
        "period_end": "last year of period", "indicator": "canonical indicator id (indicators.id)",
        "indicator_name": "the indicator's Chinese name", "indicator_text": "the report's words for the indicator",
        "measure": "level | growth | growth_avg | growth_cum | change | share | rank",
        "rank_scope": "what a rank is among", "rank_of": "what is ranked",
        "role": "role of the fact's section", "evidence": "the words of the span",
        "sentence_start": "start offset of the sentence", "sentence_end": "end offset of the sentence",
        "indicator_start": "start offset of the indicator words", "indicator_end": "end offset of the indicator words",
        "checks": "JSON list of quality flags (implausible:…, inconsistent:…)",
        "period_source": "where the period was decided: sentence | passage | section | report",
    },
    "tasks": {
        "action": "the verb (建设, 完成 …)", "object": "what is acted on", "area": "policy area",
        "department": "suggested lead department", "deadline": "the deadline as written",
        "kind": "kind of task", "deadline_date": "the deadline as a date", "department_source": "how the "
        "department was found", "co_departments": "co-operating departments",
    },
    "slogans": {"number": "the number in the slogan", "quoted": "1: in quotation marks"},
    "paragraphs": {
        "folded": "the text in simplified characters and half-width forms, where that differs",
        "search_text": "what the full-text index holds: folded, else text",
    },
    "sources": {
        "path": "the file", "url": "where it was downloaded from", "publisher": "the site or publisher "
        "(the URL's host when the manifest names none)", "retrieved": "when it was downloaded",
        "format": "txt | html | pdf | docx", "relation": "first | exact | near | same_file",
        "similarity": "estimated Jaccard similarity to the stored report (near duplicates)",
        "added_at": "when it was recorded (UTC)",
    },
    "report_fixes": {
        "field": "the corrected field", "old": "the value before", "new": "the value after",
        "who": "cli:<user> or manifest:<file>", "at": "when (UTC)", "facts_changed": "facts updated",
    },
    "facts_view": {"report_title": "the report's title"},
    "task_rows": {**{c: f"the task's {c.replace('_', ' ')} (labels.id)" for c in
                     ("action", "unit", "bound", "department", "section", "kind", "department_source")},
                  "object_at": "the object starts this many characters after start (NULL: object_text)",
                  "object_len": "its length in characters",
                  "object_text": "the object, stored only where the text does not hold it",
                  "area_start": "the area (the heading it is under) at this offset into reports.text",
                  "area_len": "its length in characters",
                  "area_text": "the area, stored only where the text does not hold it"},
    "labels": {"text": "the string"},
    "corrections": {
        "text_sha256": "reports.text_sha256 of the report the correction was made on",
        "indicator": "the fact's indicator as extracted (for add: as added)",
        "evidence": "the span's words, checked on import", "action": "mark_wrong | edit | add",
        "fields": "JSON: the fields set (kind, period, indicator, value …)",
        "sentence_start": "for add: start offset of the sentence", "sentence_end": "for add: its end offset",
        "who": "who made it", "made_at": "when (UTC, ISO 8601)", "why": "the reviewer's reason",
    },
    "facts_effective": {"corrected": "1: a correction changed or added this fact",
                        "correction_id": "the correction (corrections.id)"},
    "reports_view": {"n_sources": "files the report was read from", "n_fixes": "corrections made"},
}


def describe(table: str, column: str) -> str | None:
    inherited = {"facts_view": "facts", "reports_view": "reports", "facts_effective": "facts",
                 "corrections_current": "corrections", "fact_rows": "facts", "task_rows": "tasks",
                 "paragraph_rows": "paragraphs"}.get(table)
    return (COLUMNS.get(table, {}).get(column) or (COLUMNS.get(inherited, {}).get(column) if inherited else None)
            or COMMON.get(column))


def metadata(db: Database, name: str | None = None) -> dict[str, Any]:
    """The metadata of the database ``db`` (Datasette names it after the file: ``name``)."""
    name = name or Path(db.path).stem
    tables: dict[str, Any] = {}
    for row in db.rows("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name"):
        table = row["name"]
        if table not in TABLES:
            continue
        columns = [c["name"] for c in db.rows(f"PRAGMA table_xinfo({table})")]
        entry: dict[str, Any] = {"description": TABLES[table],
                                 "columns": {c: d for c in columns if (d := describe(table, c))}}
        if table == "paragraphs":
            entry.update(fts_table="paragraphs_fts", fts_pk="id")
        if table in ("reports", "facts"):
            entry["facets"] = ["level", "report_year"] + (["kind", "measure"] if table == "facts" else [])
        tables[table] = entry
    return {"title": "govreport", "description": f"Chinese government work reports as data (govreport {__version__})",
            "source": "govreport", "databases": {name: {"tables": tables}}}
