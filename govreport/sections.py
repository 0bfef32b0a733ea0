"""Sections: heading grammar → section tree with spans and roles.

Headings recognised at the start of a line (on the matching view):
level 1 ``一、`` / ``第一部分``; level 2 ``（一）`` ``(一)``; level 3 ``1.`` ``1、`` ``（1）``;
level 4 bold topic heads ``**扛稳粮食安全重任。**`` and dash-led topic sentences
``——经济保持平稳增长。``. A heading's title runs to the first 。 or
the end of a short line. Roles come from heading words (``lexicons/sections.yaml``) and are
inherited by children that say nothing of their own.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from govreport.lexicons import read_yaml
from govreport.model import DocMeta, Role, Section, Span

_CN_NUM = "一二三四五六七八九十"
_HEADING = re.compile(
    rf"^(?:(?P<l1>[{_CN_NUM}]{{1,3}})[、.]|第(?P<part>[{_CN_NUM}]{{1,3}})部分[、:\s]?"
    rf"|[(（](?P<l2>[{_CN_NUM}]{{1,3}})[)）]|(?P<l3>\d{{1,2}})[.、](?!\d)|[(（](?P<l3b>\d{{1,2}})[)）]"
    r"|\*\*(?P<bold>[^*\n]{2,40})\*\*|[—-]{1,2}(?P<dash>[^—\n。！!]{2,30})[。！!])",
    re.MULTILINE,
)
_TITLE_END = re.compile(r"[。!?！？]")


@dataclass(frozen=True, slots=True)
class _Head:
    start: int  # line start
    level: int
    number: str | None
    title: str  # on the matching view (for role words); the Section's title is the text's words
    title_end: int
    title_start: int = -1


@cache
def _role_words() -> tuple[tuple[Role, tuple[str, ...]], ...]:
    data = read_yaml("sections.yaml")
    return tuple((Role(role), tuple(words)) for role, words in data["roles"].items())


@lru_cache(maxsize=64)
def _role_words_for(roles: tuple[tuple[Role, tuple[str, ...]], ...], plan: str,
                    review: str) -> tuple[tuple[Role, tuple[str, ...]], ...]:
    """The role words with the report's years filled in (a word left empty or starting with 年, for
    want of a plan year, is dropped): worked out once per plan year, not once per heading."""
    out = []
    for role, words in roles:
        filled = (word.replace("{plan}", plan).replace("{review}", review) for word in words)
        out.append((role, tuple(w for w in filled if w and not w.startswith("年"))))
    return tuple(out)


@lru_cache(maxsize=64)
def _role_patterns_for(roles: tuple[tuple[Role, tuple[str, ...]], ...], plan: str,
                       review: str) -> tuple[tuple[Role, re.Pattern[str]], ...]:
    """Per role, one regex that finds any of its words (a search instead of a test per word)."""
    return tuple((role, re.compile("|".join(map(re.escape, words))))
                 for role, words in _role_words_for(roles, plan, review) if words)


def role_of(title: str, meta: DocMeta) -> Role | None:
    """The role a heading title names, or None."""
    plan = str(meta.plan_year or "")
    review = str((meta.plan_year or 0) - 1) if meta.plan_year else ""
    found = None
    for role, words in _role_patterns_for(_role_words(), plan, review):
        if words.search(title):
            found = role
            break
    if found in (None, Role.REVIEW, Role.TASKS) and plan and f"{plan}年" in title and "回顾" not in title:
        return Role.TASKS  # 2026年主要工作, 关于2026年工作
    return found


def _heading_matches(view: str) -> Iterator[re.Match[str]]:
    """``_HEADING.finditer(view)``, tried only at line starts (where its ``^`` lets it match)."""
    pos, done = 0, 0
    while pos >= 0:
        if pos >= done and (m := _HEADING.match(view, pos)):
            done = m.end()
            yield m
        pos = view.find("\n", pos)
        pos = pos + 1 if pos >= 0 else -1


def _heads(view: str) -> list[_Head]:
    heads: list[_Head] = []
    for m in _heading_matches(view):
        line_end = view.find("\n", m.start())
        line_end = len(view) if line_end < 0 else line_end
        if m.group("bold"):
            title = m.group("bold").rstrip("。.")
            heads.append(_Head(m.start(), 4, None, title, m.end() - 2, m.start("bold")))
            continue
        if m.group("dash"):  # ——经济保持平稳增长。 a paragraph led by its topic
            heads.append(_Head(m.start(), 4, None, m.group("dash"), m.end("dash"), m.start("dash")))
            continue
        if m.group("l1") or m.group("part"):
            level, number = 1, m.group("l1") or m.group("part")
        elif m.group("l2"):
            level, number = 2, m.group("l2")
        else:
            level, number = 3, m.group("l3") or m.group("l3b")
        body_start = m.end()
        stop = _TITLE_END.search(view, body_start, line_end)
        title_end = stop.start() if stop else line_end
        if title_end - body_start > 60 or title_end == body_start:
            if level == 1 and line_end - body_start <= 60:
                title_end = line_end
            elif level == 1 or not stop:
                continue  # a numbered sentence (一、…), not a heading
            else:
                title_end = min(title_end, body_start + 60)
        heads.append(_Head(m.start(), level, number, view[body_start:title_end].strip(), title_end, body_start))
    return heads


_OVERRIDING = frozenset({Role.SELF_BUILDING, Role.PROBLEMS, Role.NOTES, Role.TARGETS, Role.FIVE_YEAR})
_BEFORE_TASKS = frozenset({Role.REVIEW, Role.FIVE_YEAR, Role.TARGETS, Role.TASKS})


def _role(own: Role | None, parent: Section | None, level: int, after_review: bool) -> Role:
    """A heading's role: its own words, else its parent's; a child of a section with a definite role
    keeps that role unless its words name a role that nests (自身建设 inside 工作安排)."""
    if parent is not None and parent.role not in (Role.OTHER, Role.PREAMBLE):
        return own if own in _OVERRIDING else parent.role
    if own is not None:
        return own
    if level == 1 and after_review:  # a part of review, targets or tasks came before
        return Role.TASKS  # an unnamed part after the review is the year's work
    return Role.OTHER


_BARE_LINE = re.compile(r"^[^\n，,。；;：:！!？?]{4,32}$", re.MULTILINE)
_BARE_ROLES = frozenset({Role.REVIEW, Role.FIVE_YEAR, Role.TARGETS, Role.TASKS, Role.SELF_BUILDING, Role.PROBLEMS})
_BARE_WORDS = ("回顾", "目标任务", "重点工作", "工作安排", "主要任务", "自身建设", "主要目标", "总体要求", "工作总结")


def _bare_heads(view: str, meta: DocMeta) -> list[_Head]:
    """Unnumbered part titles (“十四五”时期工作回顾, 2026年重点工作) for reports that have no 一、 heads."""
    out = []
    for m in _BARE_LINE.finditer(view):
        title = m.group(0).strip()
        if any(w in title for w in _BARE_WORDS) and role_of(title, meta) in _BARE_ROLES:
            out.append(_Head(m.start(), 1, None, title, m.end(), m.start()))
    return out


def build_sections(text: str, view: str, meta: DocMeta) -> tuple[Section, ...]:
    heads = _heads(view)
    if not any(h.level == 1 for h in heads):
        numbered = {h.start for h in heads}  # a numbered head (（八）…自身建设) is not also a bare title
        heads = sorted(heads + [b for b in _bare_heads(view, meta) if b.start not in numbered],
                       key=lambda h: h.start)
    sections: list[Section] = []
    n = len(text)
    first = heads[0].start if heads else n
    if first > 0:
        title = text[: text.find("\n")] if "\n" in text[:first] else text[:first]
        sections.append(Section("s0", None, 0, None, title[:60], Role.PREAMBLE, Span(0, first)))
    stack: list[tuple[int, Section]] = []  # (level, section)
    ends = _section_ends(heads, n)
    after_review = False  # kept as we go: scanning the earlier sections per heading was quadratic
    for i, h in enumerate(heads):
        end = ends[i]
        while stack and stack[-1][0] >= h.level:
            stack.pop()
        parent = stack[-1][1] if stack else None
        role = _role(role_of(h.title, meta), parent, h.level, after_review)
        sec = Section(f"s{len(sections) + (0 if sections and sections[0].id == 's0' else 1)}",
                      parent.id if parent else None, h.level, h.number,
                      text[h.title_start : h.title_end].strip().rstrip("。.").strip(), role,
                      Span(h.start, end), Span(h.start, h.title_end))
        sections.append(sec)
        stack.append((h.level, sec))
        after_review = after_review or (sec.level == 1 and sec.role in _BEFORE_TASKS)
    return tuple(sections)


def _section_ends(heads: list[_Head], n: int) -> list[int]:
    """Where each heading's section ends: at the next heading of its level or above, else at ``n``
    (one pass with a stack of open headings, whose levels rise from bottom to top)."""
    ends = [n] * len(heads)
    open_: list[int] = []
    for j, h in enumerate(heads):
        while open_ and heads[open_[-1]].level >= h.level:
            ends[open_.pop()] = h.start
        open_.append(j)
    return ends


class SectionIndex:
    """Fast innermost-section lookup by position (sections are nested and in order)."""

    def __init__(self, sections: tuple[Section, ...]) -> None:
        self.sections = sections
        self.starts = [s.span.start for s in sections]

    def at(self, pos: int) -> Section | None:
        i = bisect.bisect_right(self.starts, pos) - 1
        while i >= 0:
            s = self.sections[i]
            if s.span.start <= pos < s.span.end:
                return s
            i -= 1
        return None
