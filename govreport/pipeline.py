"""The only module that knows the order of the steps.

read → clean → matching view → metadata → sections → facts, tasks, slogans → Report.
Each step is a pure function of what came before it.
"""

from __future__ import annotations

from pathlib import Path

from govreport.facts import extract_facts
from govreport.facts.checks import check_facts
from govreport.ingest import Document, matching_view, read_source
from govreport.metadata import extract_meta
from govreport.model import Report
from govreport.numbers import scan_quantities
from govreport.options import DEFAULT, Options
from govreport.sections import build_sections
from govreport.slogans import extract_slogans
from govreport.tasks import extract_tasks


def extract(source: str | Path | bytes | Document, options: Options = DEFAULT) -> Report:
    """Extract a report from a path, raw bytes, a text string or an ingested Document."""
    doc = source if isinstance(source, Document) else read_source(source, options)
    return extract_document(doc, options)


def extract_document(doc: Document, options: Options = DEFAULT) -> Report:
    text = doc.text
    view = matching_view(text)
    meta = extract_meta(doc, view, options)
    sections = build_sections(text, view, meta)
    quantities = scan_quantities(view).quantities  # once: the facts and the task finder (its raw spans too) read them
    facts = check_facts(extract_facts(text, view, sections, meta, options, quantities))
    tasks = extract_tasks(text, view, sections, meta, quantities) if options.tasks else ()
    slogans = extract_slogans(text, view) if options.slogans else ()
    return Report(
        doc=meta,
        text=text,
        sections=sections,
        facts=facts,
        tasks=tasks,
        slogans=slogans,
        warnings=doc.warnings,
    )
