"""Tasks: quantified or named commitments in the key-task sections (issue 6)."""

from __future__ import annotations

from govreport.model import DocMeta, Section, Task


def extract_tasks(text: str, view: str, sections: tuple[Section, ...], meta: DocMeta) -> tuple[Task, ...]:
    return ()
