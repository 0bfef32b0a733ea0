"""Reviewers' corrections of facts: mark one wrong, correct its fields, add a missed one.

Corrections live in their own table (``corrections``, see ``schema.py``), with who made them,
when and why. Each is keyed by the SHA-256 of the report's cleaned text, the fact's span and
the indicator it was extracted with, never by a report id or a row id: ingest never touches
the table, and re-ingesting the same text (a re-run, a renamed file, a fresh database with the
corrections imported) finds the same facts again, so the corrections apply as before.

``facts_effective`` (a SQL view) is the facts with the corrections applied: a fact marked wrong
is left out, an edited one carries the new fields, an added one is included, and ``corrected``
says which rows a correction touched. ``effective_facts(store, ...)`` reads it with the filters
of ``Store.facts``; tracking, compare and the exports read facts through it, and so should any
other reader of facts that should see the corrections (a panel, a notebook).
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from govreport.errors import CorrectionError, StoreError
from govreport.model import Bound, Kind, Measure
from govreport.store.db import period_bounds
from govreport.store.queries import Store, _span, _where
from govreport.store.schema import CORRECTABLE

ACTIONS = ("mark_wrong", "edit", "add")
#: the fields a reader sets (period_start/period_end are derived from period)
FIELDS = ("kind", "period", "indicator", "measure", "value", "value_max", "unit", "bound")
#: the columns of an export, in order
EXPORT_COLUMNS = ("id", "text_sha256", "report_id", "start", "end", "indicator", "evidence", "action", "fields",
                  "sentence_start", "sentence_end", "who", "made_at", "why")
MAX_SPAN = 300
MAX_WHO = 80
MAX_WHY = 2000
MAX_UNIT = 16
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def text_sha256(text: str) -> str:
    """The key a report's corrections hang on (``reports.text_sha256``)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def has_corrections(store: Store) -> bool:
    """Whether the database has the corrections table and views (schema version 5 or later);
    an older database opened read-only has not been migrated."""
    return bool(store.rows("SELECT 1 FROM sqlite_master WHERE type = 'view' AND name = 'facts_effective'"))


def fact_source(store: Store) -> str:
    """The table or view every reader of facts selects from: ``facts_effective`` when there is a
    correction to apply, else ``facts`` itself (the same rows, faster). Tracking, exports and the
    panel all read through it, so a correction shows everywhere."""
    if has_corrections(store) and store.rows("SELECT 1 FROM corrections LIMIT 1"):
        return "facts_effective"
    return "facts"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or clause list) around ``[start, end)``: from the last stop before it to the next one."""
    left = max(text.rfind(c, 0, start) for c in "。！？\n；") + 1
    rights = [i for i in (text.find(c, end) for c in "。！？\n") if i >= 0]
    return left, (min(rights) + 1 if rights else len(text))


# -- validation ----------------------------------------------------------------------------------
def _number(name: str, value: Any, *, optional: bool) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if optional:
            return None
        raise CorrectionError(f"{name} is required")
    if isinstance(value, bool):
        raise CorrectionError(f"{name} must be a number, not {value!r}")
    try:
        number = float(str(value).replace(",", "").strip()) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        raise CorrectionError(f"{name} must be a number, not {str(value)[:40]!r}") from None
    if not math.isfinite(number):
        raise CorrectionError(f"{name} must be a finite number")
    return number


def _choice(name: str, value: Any, choices: Iterable[str]) -> str:
    allowed = tuple(choices)
    if value not in allowed:
        raise CorrectionError(f"{name} must be one of {', '.join(allowed)}, not {str(value)[:40]!r}")
    return str(value)


def clean_fields(fields: dict[str, Any], indicators: Iterable[str]) -> dict[str, Any]:
    """The fields of ``fields`` that a correction may set, checked and normalised (numbers as
    floats, blank optional fields as None, ``period_start``/``period_end`` from ``period``)."""
    unknown = sorted(set(fields) - set(FIELDS) - {"indicator_text"})
    if unknown:
        raise CorrectionError(f"unknown field(s): {', '.join(unknown)} (correctable: {', '.join(FIELDS)})")
    out: dict[str, Any] = {}
    for name, value in fields.items():
        if name == "kind":
            out[name] = _choice(name, value, (k.value for k in Kind))
        elif name == "measure":
            out[name] = _choice(name, value, (m.value for m in Measure))
        elif name == "bound":
            out[name] = _choice(name, value, (b.value for b in Bound))
        elif name in ("value", "value_max"):
            out[name] = _number(name, value, optional=name == "value_max")
        elif name == "unit":
            unit = str(value or "").strip()
            if not unit or len(unit) > MAX_UNIT:
                raise CorrectionError(f"unit must be 1 to {MAX_UNIT} characters")
            out[name] = unit
        elif name == "indicator":
            indicator = str(value).strip() if value is not None else ""
            if indicator and indicator not in set(indicators):
                raise CorrectionError(f"unknown indicator {indicator!r} (see `govreport indicators`)")
            out[name] = indicator or None
        elif name == "period":
            period = str(value).strip() if value is not None else ""
            start, end = period_bounds(period)
            if period and start is None:
                raise CorrectionError(f"period must be a year (2024) or years (2021-2025), not {period[:20]!r}")
            if start is not None and end is not None and end < start:
                raise CorrectionError(f"period {period!r} ends before it starts")
            out.update(period=(str(start) if start == end else f"{start}-{end}") if period else None,
                       period_start=start, period_end=end)
        elif name == "indicator_text":
            out[name] = str(value).strip()[:100] or None
    if out.get("value_max") is not None and out.get("value") is not None and out["value_max"] < out["value"]:
        raise CorrectionError("value_max must not be below value")
    return out


def _who_why(who: Any, why: Any) -> tuple[str, str | None]:
    name = " ".join(str(who or "").split())
    if not name or len(name) > MAX_WHO:
        raise CorrectionError(f"who must be 1 to {MAX_WHO} characters")
    reason = str(why).strip() if why is not None else ""
    if len(reason) > MAX_WHY:
        raise CorrectionError(f"why must be at most {MAX_WHY} characters")
    return name, reason or None


# -- writes --------------------------------------------------------------------------------------
def _report(store: Store, report_id: str) -> dict[str, Any]:
    rows = store.rows("SELECT id, text, text_sha256 FROM reports WHERE id = ?", (report_id,))
    if not rows:
        raise CorrectionError(f"no report {report_id!r} in {store.path}")
    row = rows[0]
    return {**row, "text_sha256": row["text_sha256"] or text_sha256(row["text"])}


def _last_edit(store: Store, sha: str, start: int, end: int, indicator: str | None) -> dict[str, Any] | None:
    rows = store.rows("SELECT * FROM corrections WHERE action = 'edit' AND text_sha256 = ? AND start = ? "
                      "AND end = ? AND indicator IS ? ORDER BY made_at DESC, id DESC LIMIT 1",
                      (sha, start, end, indicator))
    return rows[0] if rows else None


def add_correction(store: Store, report_id: str, action: str, start: int, end: int, *,
                   indicator: str | None = None, fields: dict[str, Any] | None = None,
                   who: str, why: str | None = None) -> dict[str, Any]:
    """Record one correction of report ``report_id`` and return it (as ``list_corrections`` does).

    ``mark_wrong`` and ``edit`` name an existing fact by its span and extracted ``indicator``
    (an added fact by its span and indicator as added); an ``edit`` gives the changed
    ``fields``, merged over the fact's earlier edit. ``add`` makes a new fact of the words at
    ``[start, end)``: ``fields`` need kind, measure, value, unit and bound (period and
    indicator are optional). Raises ``CorrectionError`` for anything malformed."""
    action = _choice("action", action, ACTIONS)
    who_name, reason = _who_why(who, why)
    report = _report(store, report_id)
    text: str = report["text"]
    try:
        start, end = int(start), int(end)
    except (TypeError, ValueError):
        raise CorrectionError("start and end must be whole numbers") from None
    if not 0 <= start < end <= len(text) or end - start > MAX_SPAN:
        raise CorrectionError(f"span {start}-{end} is not 1 to {MAX_SPAN} characters of the report's text")
    known = {r["id"] for r in store.rows("SELECT id FROM indicators")}
    cleaned = clean_fields(dict(fields or {}), known)
    sha = report["text_sha256"]
    sentence: tuple[int | None, int | None] = (None, None)
    if action == "add":
        missing = [name for name in ("kind", "measure", "value", "unit", "bound") if cleaned.get(name) is None]
        if missing:
            raise CorrectionError(f"a new fact needs {', '.join(missing)}")
        cleaned.setdefault("value_max", None)
        cleaned.setdefault("period", None)
        cleaned.setdefault("period_start", None)
        cleaned.setdefault("period_end", None)
        indicator = cleaned.setdefault("indicator", None)
        sentence = _sentence(text, start, end)
    else:
        indicator = indicator or None
        exists = store.rows(
            "SELECT 1 FROM facts WHERE report_id = ? AND start = ? AND end = ? AND indicator IS ? UNION ALL "
            "SELECT 1 FROM corrections WHERE action = 'add' AND text_sha256 = ? AND start = ? AND end = ? "
            "AND indicator IS ?", (report_id, start, end, indicator, sha, start, end, indicator))
        if not exists:
            raise CorrectionError(f"no fact at {start}-{end} with indicator {indicator!r} in {report_id!r}")
        if action == "mark_wrong":
            cleaned = {}
        else:
            if not cleaned:
                raise CorrectionError("an edit needs at least one field to change")
            previous = _last_edit(store, sha, start, end, indicator)  # even one a mark_wrong superseded
            if previous:
                cleaned = {**json.loads(previous["fields"]), **cleaned}
    row = {"text_sha256": sha, "report_id": report_id, "start": start, "end": end, "indicator": indicator,
           "evidence": text[start:end], "action": action, "fields": json.dumps(cleaned, ensure_ascii=False),
           "sentence_start": sentence[0], "sentence_end": sentence[1], "who": who_name, "made_at": _now(),
           "why": reason}
    with store.transaction() as conn:
        cid = _insert(conn, row)
    return list_corrections(store, correction_id=cid)[0]


def _insert(conn: Any, row: dict[str, Any]) -> int:
    cols = [c for c in EXPORT_COLUMNS if c != "id"]
    cur = conn.execute(f"INSERT INTO corrections ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                       [row.get(c) for c in cols])
    return int(cur.lastrowid)


# -- reads ---------------------------------------------------------------------------------------
def _record(row: dict[str, Any]) -> dict[str, Any]:
    out = {k: row[k] for k in EXPORT_COLUMNS}
    out["fields"] = json.loads(row["fields"] or "{}")
    return out


def list_corrections(store: Store, report_id: str | None = None, *,
                     correction_id: int | None = None) -> list[dict[str, Any]]:
    """Corrections, oldest first (of one report: every correction made on its text, whatever
    id the report had then), each with ``reports``: the stored reports it applies to now."""
    if not has_corrections(store):
        return []
    sql = ("SELECT c.*, (SELECT group_concat(r.id, char(10)) FROM reports r WHERE r.text_sha256 = c.text_sha256)"
           " AS applies_to FROM corrections c")
    params: list[Any] = []
    if correction_id is not None:
        sql += " WHERE c.id = ?"
        params.append(int(correction_id))
    elif report_id is not None:
        sql += " WHERE c.text_sha256 = (SELECT coalesce(text_sha256, '') FROM reports WHERE id = ?)"
        params.append(report_id)
    rows = store.rows(sql + " ORDER BY c.made_at, c.id", params)
    return [_record(r) | {"reports": (r["applies_to"] or "").split("\n") if r["applies_to"] else []}
            for r in rows]


def effective_facts(store: Store, region: str | None = None, year: int | None = None,
                    indicator: str | None = None, kind: str | None = None, limit: int | None = None,
                    **filters: Any) -> list[dict[str, Any]]:
    """``Store.facts`` with the corrections applied (the ``facts_effective`` view): same filters,
    same rows, plus ``corrected`` (bool) and ``correction_id``. On a database from before
    corrections existed (opened read-only, not migrated), the facts as extracted."""
    where, params = _where({"region": region, "year": year, "indicator": indicator, "kind": kind, **filters})
    return store._facts_from(fact_source(store), where, params, limit, corrections=True)


def apply_to_report(store: Store, report: dict[str, Any]) -> dict[str, Any]:
    """A report in ``Store.get_report`` shape with its corrections applied, for the viewer:
    an edited fact has the new fields, a fact marked wrong is kept with ``wrong: true`` (so a
    reader sees what was rejected), added facts come last with ``added: true``; every fact a
    correction touched has ``corrected: true`` and ``correction`` (id, action, who, made_at,
    why and, for an edit, the ``original`` fields)."""
    text = str(report.get("text") or "")
    if not has_corrections(store) or not text:
        return report
    sha = text_sha256(text)
    rows = store.rows("SELECT * FROM corrections WHERE text_sha256 = ? ORDER BY made_at, id", (sha,))
    if not rows:
        return report
    latest: dict[tuple[Any, ...], dict[str, Any]] = {}
    adds = []
    for row in rows:
        key = (row["start"], row["end"], row["indicator"])
        if row["action"] == "add":
            adds.append(row)
        else:
            latest[key] = row
    names = {r["id"]: r["name"] for r in store.rows("SELECT id, name FROM indicators")}

    def corrected(fact: dict[str, Any], base: dict[str, Any]) -> dict[str, Any]:
        key = (fact["span"][0], fact["span"][1], base.get("indicator"))
        c = latest.get(key)
        if c is None or (base.get("_made") is not None and (c["made_at"], c["id"]) < base["_made"]):
            return fact
        info = {k: c[k] for k in ("id", "action", "who", "made_at", "why")}
        out = dict(fact, corrected=True, correction=info)
        if c["action"] == "mark_wrong":
            out["wrong"] = True
            return out
        changes = json.loads(c["fields"] or "{}")
        info["original"] = {k: fact.get(k) for k in FIELDS if k in changes}
        for k in FIELDS:
            if k in changes:
                out[k] = changes[k]
        if "indicator" in changes:
            out["indicator_name"] = names.get(changes["indicator"] or "")
        return out

    facts = [corrected(f, {"indicator": f.get("indicator")}) for f in report.get("facts") or []]
    for a in adds:
        fields = json.loads(a["fields"] or "{}")
        fact = {"kind": fields.get("kind"), "period": fields.get("period"), "indicator": fields.get("indicator"),
                "indicator_name": names.get(fields.get("indicator") or ""),
                "indicator_text": fields.get("indicator_text"), "measure": fields.get("measure"),
                "value": fields.get("value"), "value_max": fields.get("value_max"), "unit": fields.get("unit"),
                "bound": fields.get("bound"), "rank_scope": None, "rank_of": None,
                "span": [a["start"], a["end"]], "section": None,
                "sentence": text[a["sentence_start"]:a["sentence_end"]] if a["sentence_start"] is not None else "",
                "sentence_span": _span(a["sentence_start"], a["sentence_end"]), "indicator_span": None,
                "checks": [], "period_source": "review", "added": True, "corrected": True,
                "key_indicator": a["indicator"],
                "correction": {k: a[k] for k in ("id", "action", "who", "made_at", "why")}}
        facts.append(corrected(fact, {"indicator": a["indicator"], "_made": (a["made_at"], a["id"])}))
    return {**report, "facts": facts}


# -- export / import -----------------------------------------------------------------------------
def _format(path: Path, fmt: str | None) -> str:
    fmt = fmt or path.suffix.lower().lstrip(".")
    if fmt not in ("jsonl", "csv"):
        raise CorrectionError(f"{path}: give a .jsonl or .csv file (or --format jsonl|csv)")
    return fmt


def export_corrections(store: Store, out: str | Path, fmt: str | None = None) -> int:
    """Write every correction to ``out`` (JSON lines or CSV, by the suffix or ``fmt``); return the count."""
    path = Path(out)
    fmt = _format(path, fmt)
    rows = [{k: v for k, v in r.items() if k != "reports"} for r in list_corrections(store)]
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "jsonl":
        with path.open("w", encoding="utf-8", newline="\n") as fh:
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    else:
        from govreport.spreadsheet import safe_cell

        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(EXPORT_COLUMNS), lineterminator="\r\n")
            writer.writeheader()
            for r in rows:
                cells = {k: json.dumps(v, ensure_ascii=False) if k == "fields" else v for k, v in r.items()}
                writer.writerow({k: safe_cell(v) if isinstance(v, str) and k != "fields" else v
                                 for k, v in cells.items()})
    return len(rows)


@dataclass(frozen=True, slots=True)
class ImportResult:
    added: int = 0
    duplicates: int = 0  # already in the database (same key, action, fields, who and time)
    pending: int = 0  # added, for a text not stored yet: they apply once it is ingested
    problems: tuple[str, ...] = field(default_factory=tuple)  # "line N: why", rows skipped


def _read_rows(path: Path, fmt: str) -> list[tuple[int, dict[str, Any]]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            if fmt == "jsonl":
                out = []
                for n, line in enumerate(fh, start=1):
                    if line.strip():
                        try:
                            item = json.loads(line)
                        except json.JSONDecodeError as exc:
                            raise CorrectionError(f"{path}: line {n}: not JSON ({exc.msg})") from None
                        out.append((n, item))
                return out
            rows = []
            for n, row in enumerate(csv.DictReader(fh), start=2):
                item: dict[str, Any] = {}
                for k, v in row.items():
                    if k is None:
                        continue
                    if isinstance(v, str) and len(v) > 1 and v[0] == "'" and v[1] in _FORMULA_START:
                        v = v[1:]  # the quote the export put before a formula-like cell
                    item[k] = v if v != "" else None
                try:
                    item["fields"] = json.loads(item.get("fields") or "{}")
                except json.JSONDecodeError:
                    raise CorrectionError(f"{path}: line {n}: fields is not JSON") from None
                rows.append((n, item))
            return rows
    except OSError as exc:
        raise CorrectionError(f"{path}: {exc.strerror or exc}") from exc
    except UnicodeDecodeError:
        raise CorrectionError(f"{path}: not UTF-8 text") from None


def import_corrections(store: Store, src: str | Path, fmt: str | None = None) -> ImportResult:
    """Add the corrections in ``src`` (an export) to the database, in one transaction.

    Each row is checked as ``add_correction`` checks a new one, and against the stored text
    when a report with that text is stored (its words at ``start``-``end`` must be the
    ``evidence``); a bad row is skipped and named in ``problems``. Rows already present are
    skipped, so importing a file twice adds nothing."""
    path = Path(src)
    rows = _read_rows(path, _format(path, fmt))
    known = {r["id"] for r in store.rows("SELECT id FROM indicators")}
    texts: dict[str, str] = {}
    for r in store.rows("SELECT text_sha256, text FROM reports WHERE text_sha256 IS NOT NULL"):
        texts.setdefault(r["text_sha256"], r["text"])
    have = {(r["text_sha256"], r["start"], r["end"], r["indicator"], r["action"], r["fields"], r["who"],
             r["made_at"]) for r in store.rows("SELECT * FROM corrections")}
    added = duplicates = pending = 0
    problems: list[str] = []
    todo = []
    for n, item in rows:
        try:
            row = _check_row(item, known, texts)
        except CorrectionError as exc:
            problems.append(f"line {n}: {exc}")
            continue
        key = (row["text_sha256"], row["start"], row["end"], row["indicator"], row["action"], row["fields"],
               row["who"], row["made_at"])
        if key in have:
            duplicates += 1
            continue
        have.add(key)
        todo.append(row)
        pending += row["text_sha256"] not in texts
    try:
        with store.transaction() as conn:
            for row in todo:
                _insert(conn, row)
                added += 1
    except StoreError as exc:
        raise CorrectionError(f"{path}: {exc}") from exc
    return ImportResult(added=added, duplicates=duplicates, pending=pending, problems=tuple(problems))


def _check_row(item: Any, known: set[str], texts: dict[str, str]) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise CorrectionError("not an object")
    sha = str(item.get("text_sha256") or "")
    if len(sha) != 64 or any(c not in "0123456789abcdef" for c in sha):
        raise CorrectionError("text_sha256 must be 64 hex digits")
    action = _choice("action", item.get("action"), ACTIONS)
    try:
        start, end = int(item["start"]), int(item["end"])
    except (KeyError, TypeError, ValueError):
        raise CorrectionError("start and end must be whole numbers") from None
    if not 0 <= start < end or end - start > MAX_SPAN:
        raise CorrectionError(f"bad span {start}-{end}")
    evidence = str(item.get("evidence") or "")
    if sha in texts and texts[sha][start:end] != evidence:
        raise CorrectionError(f"the stored text at {start}-{end} is not {evidence[:30]!r}")
    fields = item.get("fields") or {}
    if not isinstance(fields, dict):
        raise CorrectionError("fields must be an object")
    derived = {k: fields[k] for k in CORRECTABLE if k in ("period_start", "period_end") and k in fields}
    cleaned = clean_fields({k: v for k, v in fields.items() if k not in derived}, known)
    if action == "add" and any(cleaned.get(k) is None for k in ("kind", "measure", "value", "unit", "bound")):
        raise CorrectionError("an added fact needs kind, measure, value, unit and bound")
    if action == "mark_wrong":
        cleaned = {}
    who, why = _who_why(item.get("who"), item.get("why"))
    made = str(item.get("made_at") or "")
    try:
        when = datetime.fromisoformat(made)
    except ValueError:
        raise CorrectionError(f"made_at must be an ISO 8601 time, not {made[:30]!r}") from None
    when = when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
    indicator = item.get("indicator") or None
    if action == "add":
        indicator = cleaned.get("indicator")
    sentence = (None, None)
    if item.get("sentence_start") is not None and item.get("sentence_end") is not None:
        try:
            sentence = (int(item["sentence_start"]), int(item["sentence_end"]))
        except (TypeError, ValueError):
            raise CorrectionError("sentence_start and sentence_end must be whole numbers") from None
    return {"text_sha256": sha, "report_id": item.get("report_id"), "start": start, "end": end,
            "indicator": indicator, "evidence": evidence, "action": action,
            "fields": json.dumps(cleaned, ensure_ascii=False), "sentence_start": sentence[0],
            "sentence_end": sentence[1], "who": who, "made_at": when.isoformat(timespec="seconds"), "why": why}
