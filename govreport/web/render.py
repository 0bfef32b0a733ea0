"""Server-side HTML for the report viewer: the cleaned text sliced at annotation spans.

Report text is untrusted. Every piece of it goes through ``markupsafe.escape``; the only
markup added is built here from fixed strings and integers, so a report containing
``<script>`` renders as text. Written by hand because no library slices a text at
possibly-overlapping character spans and wraps each piece in typed markup.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from markupsafe import Markup, escape

from govreport.readable import exact, readable

#: kinds that get their own colour class; anything else is drawn as ``kind-other``
KINDS = ("target", "actual", "estimate")


def span_of(value: Any) -> tuple[int, int] | None:
    """``[start, end]`` (list/tuple) or ``{"start":, "end":}`` → a tuple, else None."""
    if value is None:
        return None
    if isinstance(value, Mapping):
        value = (value.get("start"), value.get("end"))
    try:
        start, end = int(value[0]), int(value[1])
    except (TypeError, ValueError, IndexError, KeyError):
        return None
    return (start, end) if 0 <= start <= end else None


@dataclass(frozen=True, slots=True)
class _Mark:
    start: int
    end: int
    kind: str  # fact | task | slogan | heading
    index: int
    css: str


def _marks(report: Mapping[str, Any], length: int) -> list[_Mark]:
    out: list[_Mark] = []
    for i, fact in enumerate(report.get("facts") or ()):
        if sp := span_of(fact.get("span")):
            kind = str(fact.get("kind") or "")
            out.append(_Mark(*_clip(sp, length), "fact", i, f"kind-{kind}" if kind in KINDS else "kind-other"))
    for i, task in enumerate(report.get("tasks") or ()):
        if sp := span_of(task.get("span")):
            out.append(_Mark(*_clip(sp, length), "task", i, "task"))
    for i, slogan in enumerate(report.get("slogans") or ()):
        if sp := span_of(slogan.get("span")):
            out.append(_Mark(*_clip(sp, length), "slogan", i, "slogan"))
    for i, section in enumerate(report.get("sections") or ()):
        if sp := span_of(section.get("heading_span")):
            out.append(_Mark(*_clip(sp, length), "heading", i, "heading"))
    return [m for m in out if m.end > m.start]


def _clip(span: tuple[int, int], length: int) -> tuple[int, int]:
    return min(span[0], length), min(span[1], length)


def _section_starts(report: Mapping[str, Any], length: int) -> dict[int, list[str]]:
    starts: dict[int, list[str]] = {}
    for section in report.get("sections") or ():
        sp = span_of(section.get("heading_span")) or span_of(section.get("span"))
        sid = section.get("id")
        if sp and sid is not None:
            starts.setdefault(min(sp[0], length), []).append(str(sid))
    return starts


def _open_tag(marks: Sequence[_Mark]) -> Markup:
    """One ``<span>`` carrying every annotation that covers a piece of text."""
    classes = ["ann"]
    attrs: list[str] = []
    facts = [m.index for m in marks if m.kind == "fact"]
    if facts:
        classes.append("fact")
        classes.append(next(m.css for m in marks if m.kind == "fact"))
        attrs.append(f'data-facts="{" ".join(map(str, facts))}" tabindex="0" role="button"')
    for kind in ("task", "slogan", "heading"):
        idx = [m.index for m in marks if m.kind == kind]
        if idx:
            classes.append(kind)
            attrs.append(f'data-{kind}s="{" ".join(map(str, idx))}"')
    return Markup(f'<span class="{" ".join(classes)}" {" ".join(attrs)}>')


def highlight(report: Mapping[str, Any]) -> Markup:
    """The report text as HTML with every fact, task, slogan and heading marked.

    Pieces are cut at every span boundary, so overlapping spans never produce crossed tags:
    each piece is wrapped once, in a span naming every annotation that covers it.
    Section starts get an empty anchor ``<a id="sec-ID">`` for the outline.
    """
    text = str(report.get("text") or "")
    marks = _marks(report, len(text))
    anchors = _section_starts(report, len(text))
    cuts = {0, len(text), *anchors}
    for m in marks:
        cuts.update((m.start, m.end))
    bounds = sorted(cuts)
    # sweep: which marks cover each elementary piece
    by_start: dict[int, list[_Mark]] = {}
    for m in marks:
        by_start.setdefault(m.start, []).append(m)
    active: list[_Mark] = []
    parts: list[str] = []
    for a, b in pairwise(bounds):
        for sid in anchors.get(a, ()):
            parts.append(f'<a class="sec-anchor" id="sec-{escape(sid)}"></a>')
        active = [m for m in active if m.end > a] + by_start.get(a, [])
        piece = escape(text[a:b])
        if active:
            parts.append(f"{_open_tag(active)}{piece}</span>")
        else:
            parts.append(str(piece))
    return Markup("".join(parts))


def outline(report: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Sections in order with their depth, for the outline list (titles left unescaped; Jinja escapes)."""
    out = []
    for section in report.get("sections") or ():
        title = section.get("title") or ""
        if not title and section.get("level", 0) == 0:
            continue
        out.append({
            "id": str(section.get("id")),
            "title": title,
            "number": section.get("number"),
            "level": int(section.get("level") or 1),
            "role": section.get("role"),
        })
    return out


def fact_summary(fact: Mapping[str, Any]) -> str:
    """A one-line plain-text description of a fact (tooltip, tables)."""
    value = readable(fact.get("value"), fact.get("unit"), fact.get("value_max"))
    parts = [
        str(fact.get("kind") or ""),
        str(fact.get("indicator") or fact.get("indicator_text") or "?"),
        str(fact.get("measure") or ""),
        value,
        str(fact.get("bound") or ""),
        str(fact.get("period") or ""),
    ]
    return " · ".join(p for p in parts if p)


def format_number(value: Any) -> str:
    """Compact human form: integers without .0, large money in 亿/万."""
    if value is None or value == "":
        return ""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    if number.is_integer() and abs(number) < 1e15:
        return f"{int(number):,}"
    return f"{number:,.4g}" if abs(number) >= 1e4 else f"{number:g}"


def quantity(value: Any, unit: Any = None, value_max: Any = None) -> Markup:
    """A value as a report writes it (171.4亿元), the exact canonical value on hover."""
    if value is None or value == "" or isinstance(value, bool):
        return Markup("")
    if not isinstance(value, int | float):
        return Markup("{}").format(value)
    top = value_max if isinstance(value_max, int | float) and not isinstance(value_max, bool) else None
    return Markup('<span class="qty" title="{}">{}</span>').format(
        exact(value, unit, top), readable(value, unit, top))


_TERM = re.compile(r"\S+")


def mark_terms(snippet: str, query: str, offsets: Iterable[Any] = ()) -> Markup:
    """A search snippet as HTML with the query terms (and any given offsets) in ``<mark>``.

    ``offsets`` are ``[start, end]`` pairs into ``snippet`` when the store gives them; terms of
    the query are also found in the snippet directly, so highlighting works either way.
    """
    ranges: list[tuple[int, int]] = []
    for off in offsets or ():
        if (sp := span_of(off)) and sp[1] <= len(snippet):
            ranges.append(sp)
    for term in _TERM.findall(query or ""):
        term = term.strip('"')
        if not term or term.upper() in {"AND", "OR", "NOT", "NEAR"}:
            continue
        for m in re.finditer(re.escape(term), snippet, flags=re.IGNORECASE):
            ranges.append((m.start(), m.end()))
    merged: list[list[int]] = []
    for start, end in sorted(ranges):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    parts: list[str] = []
    pos = 0
    for start, end in merged:
        parts.append(str(escape(snippet[pos:start])))
        parts.append(f"<mark>{escape(snippet[start:end])}</mark>")
        pos = end
    parts.append(str(escape(snippet[pos:])))
    return Markup("".join(parts))
