"""Helpers for the store/tracking/export tests: hand-made reports and the shared corpus DB.

(No tests here; named test_store_* only to sit with the files it serves.)"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from typing import Any

from govreport.model import Bound, DocMeta, Fact, Kind, Measure, Report, Role, Section, Slogan, Span, Task

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS_DIRS = [SHARED / "seeds", SHARED / "corpus"]


def make_report(doc_id: str, region: str, year: int, facts: list[dict[str, Any]] = (), *,
                level: str = "province", admin_code: str | None = None, province: str | None = None,
                city: str | None = None, extra: str = "") -> Report:
    """A report whose text is the facts' sentences (one per line) plus ``extra``.

    Each fact dict: sentence, number (the words the span covers), kind, period, indicator,
    measure, value, unit, bound, optional value_max."""
    lines = [f"{region}{year}年政府工作报告", "一、过去一年工作回顾"]
    spans = []
    for f in facts:
        offset = sum(len(x) + 1 for x in lines)
        start = offset + f["sentence"].index(f["number"])
        spans.append((Span(start, start + len(f["number"])), Span(offset, offset + len(f["sentence"]))))
        lines.append(f["sentence"])
    if extra:
        lines.append(extra)
    text = "\n".join(lines)
    sections = (Section("s1", None, 1, "一", "过去一年工作回顾", Role.REVIEW, Span(0, len(text))),)
    fact_objs = tuple(
        Fact(kind=Kind(f["kind"]), period=f.get("period"), indicator=f.get("indicator"),
             indicator_text=f.get("indicator_text", f.get("indicator")), measure=Measure(f["measure"]),
             value=f["value"], unit=f["unit"], bound=Bound(f["bound"]), span=span,
             value_max=f.get("value_max"), section="s1", sentence=f["sentence"], sentence_span=sent)
        for f, (span, sent) in zip(facts, spans, strict=True))
    slogans = ()
    if "两不愁三保障" in text:
        i = text.index("两不愁三保障")
        slogans = (Slogan("两不愁三保障", 5, Span(i, i + 6), quoted=False),)
    tasks = ()
    if "新建高标准农田" in text:
        i = text.index("新建高标准农田")
        tasks = (Task("新建", "高标准农田", Span(i, i + 7), value=220000.0, unit="亩", bound=Bound.EXACT,
                      section="s1", sentence=text[i:i + 12]),)
    doc = DocMeta(id=doc_id, region=region, province=province or (region if level == "province" else None),
                  city=city, admin_code=admin_code, level=level, report_year=year, plan_year=year,
                  review_period=str(year - 1), source=f"{doc_id}.txt", source_format="txt")
    return Report(doc=doc, text=text, sections=sections, facts=fact_objs, tasks=tasks, slogans=slogans)


def fact(kind: str, period: str, indicator: str, measure: str, value: float, unit: str, bound: str,
         sentence: str, number: str, value_max: float | None = None) -> dict[str, Any]:
    return {"kind": kind, "period": period, "indicator": indicator, "measure": measure, "value": value,
            "unit": unit, "bound": bound, "sentence": sentence, "number": number, "value_max": value_max}


def shared_corpus_db(tmp_path_factory) -> Path:
    """Seeds + corpus ingested once per test session (shared by the xdist workers through a
    file lock in the session's common temp folder)."""
    from govreport.cli.common import expand_paths
    from govreport.store import open_store
    from govreport.store.ingest import ingest

    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent
    db = root / "govreport_corpus.db"
    with (root / "govreport_corpus.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (root / "govreport_corpus.done").exists():
            with open_store(db) as store:
                result = ingest(store, expand_paths(str(d) for d in CORPUS_DIRS), jobs=2)
            (root / "govreport_corpus.done").write_text(f"{len(result.added)} {len(result.failed)}\n")
    return db
