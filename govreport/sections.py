"""Sections: heading grammar → section tree with spans and roles."""

from __future__ import annotations

from govreport.model import DocMeta, Role, Section, Span


def build_sections(text: str, view: str, meta: DocMeta) -> tuple[Section, ...]:
    return (Section("s0", None, 0, None, "", Role.OTHER, Span(0, len(text))),)
