"""Section tree and roles on real reports of every style."""

from __future__ import annotations

import pytest
from shared_paths import SHARED

from govreport import extract
from govreport.model import Role
from govreport.options import Options

OPTS = Options(tasks=False, slogans=False)


def _level1(path: str) -> list[tuple[str, str]]:
    report = extract(SHARED / path, OPTS)
    return [(s.title, str(s.role)) for s in report.sections if s.level == 1]


@pytest.mark.parametrize(("path", "expected"), [
    ("seeds/001_b22adb992074723f.txt", ["review", "tasks", "self_building"]),
    ("seeds/003_d19a3fbfac6a3ffe.txt", ["review", "five_year", "tasks", "self_building"]),
    ("seeds/004_18f387ea83068a96.txt", ["review", "targets", "tasks", "self_building"]),
    ("corpus/province-2026/河南省_2026.txt", ["review", "five_year", "tasks"]),
    ("corpus/province-2026/甘肃省_2026.txt", ["review", "five_year", "tasks"]),  # unnumbered part titles
    ("corpus/province-2026/海南省_2026.txt", ["review", "five_year", "tasks", "self_building"]),
    ("corpus/national/national_2011.txt", ["review", "five_year", "tasks"]),
    ("corpus/national/national_2022.txt", ["review", "targets", "tasks"]),
])
def test_level1_roles(path: str, expected: list[str]) -> None:
    assert [role for _, role in _level1(path)][: len(expected)] == expected


def test_tree_is_nested_and_ordered() -> None:
    report = extract(SHARED / "seeds/001_b22adb992074723f.txt", OPTS)
    by_id = {s.id: s for s in report.sections}
    assert len(by_id) == len(report.sections)
    for s in report.sections:
        if s.parent:
            p = by_id[s.parent]
            assert p.level < s.level
            assert p.span.start <= s.span.start and s.span.end <= p.span.end
        assert report.text[s.span.start : s.span.end]
    titles = [s.title for s in report.sections if s.level == 2 and s.role is Role.TASKS]
    assert titles[0] == "着力稳定经济增长"


def test_fragment_has_task_sections() -> None:
    report = extract(SHARED / "seeds/000_c3a01e0d5631b880.txt", OPTS)
    numbered = [s for s in report.sections if s.number]
    assert [s.number for s in numbered if s.level == 2][:3] == ["七", "八", "九"]
    assert all(s.role is Role.TASKS for s in numbered)


def test_facts_point_at_their_section() -> None:
    report = extract(SHARED / "seeds/001_b22adb992074723f.txt", OPTS)
    by_id = {s.id: s for s in report.sections}
    for f in report.facts:
        s = by_id[f.section]
        assert s.span.start <= f.span.start < s.span.end


def test_dash_led_topic_sentences_are_subsections() -> None:
    report = extract(SHARED / "seeds/001_b22adb992074723f.txt", OPTS)
    review = next(s for s in report.sections if s.level == 1 and s.role is Role.REVIEW)
    topics = [s.title for s in report.sections if s.level == 4 and s.parent == review.id]
    assert topics[:3] == ["经济保持平稳增长", "产业转型实现突破", "质量效益稳步提升"]
