"""The facts step's speed-ups of issue 10 item 4 (round 3) give the answers of the plain forms they
replace, on the shared texts: cue marks, the trailing-subject search that stops early, the sentence
scans of the mention automaton."""

from __future__ import annotations

import dataclasses
import random
import re

import pytest
from shared_paths import CORPUS, SEEDS

import govreport.facts as facts
from govreport.facts.cues import compiled
from govreport.facts.marks import absent, mark
from govreport.facts.mentions import Mention, automaton, find_mentions
from govreport.ingest import matching_view
from govreport.lexicons import cues


def _views(step: int = 2) -> list[str]:
    paths = SEEDS + CORPUS[::step]
    if not paths:
        pytest.skip("shared texts missing")
    return [matching_view(p.read_text(encoding="utf-8", errors="replace")) for p in paths]


_PATTERNS = {f.name: getattr(compiled(), f.name) for f in dataclasses.fields(compiled())
             if isinstance(getattr(compiled(), f.name), re.Pattern)}


def test_every_match_of_a_cue_pattern_holds_its_mark() -> None:
    marked = {name: p for name, p in _PATTERNS.items() if mark(p)}
    assert {"plans", "year", "five_year_context"} <= set(marked)  # 五 of every plan, 年 of every year
    rnd = random.Random(3)
    words = [*cues()["five_year_plans"], *cues()["five_year_context"], *"“”年2019一九八五十三五下同预计，"]
    texts = _views() + ["".join(rnd.choice(words) for _ in range(rnd.randrange(1, 20))) for _ in range(3000)]
    seen = 0
    for name, p in marked.items():
        for t in texts:
            for m in p.finditer(t):
                assert mark(p) in m.group(0), (name, m.group(0))
                seen += 1
            if absent(p, t):
                assert p.search(t) is None
    assert seen > 1000


def test_a_mark_is_only_a_character_every_path_consumes() -> None:
    assert mark(re.compile("十三五|十四五|九五")) == "五"
    assert mark(re.compile("去年|过去一年")) == "去"
    assert mark(re.compile("去年|上年")) == "年"
    assert mark(re.compile("同比|上年")) == ""
    assert mark(re.compile("(?<!十)九五")) in "九五"  # a look-behind's characters are not consumed
    assert mark(re.compile("a(?=b)")) == "a"
    assert mark(re.compile("年?来")) == "来"  # an optional character is not certain
    assert mark(re.compile("(?i)abc")) == ""
    assert absent(compiled().plans, "全年增长6%") and not absent(compiled().plans, "“十四五”时期")


def _plain_trailing_subject(view, q, ms):  # type: ignore[no-untyped-def]
    """facts._trailing_subject as it was: every mention tried."""
    c = compiled()
    for m in ms:
        between = view[q.span.end : m.start]
        counted = facts._compatible(q, m, view) or (q.dimension == "number" and "人" in between)
        if m.start >= q.span.end and m.indicator in c.trailing_subjects and len(between) <= 10 \
                and not facts._CLAUSE_STOP.search(between) and counted:
            return m
        unit = facts.indicator(m.indicator).default_unit
        counts = (q.unit in facts._CLASSIFIERS and unit in facts._CLASSIFIERS) or (q.unit == unit and q.unit in
                                                                                   facts._MEASURED) \
            or (q.unit == unit == "人" != q.raw_unit and len(between) <= 4)
        if m.start >= q.span.end and len(between) <= 6 and not facts._CLAUSE_STOP.search(between) and counts \
                and facts.counted_noun_ends(view, m):
            return m
    return facts._post.magnitude_noun(view, q, ms, lambda m: facts._implied_unit(q, m, view) is not None
                                      and facts.counted_noun_ends(view, m))  # 510万沼气用户 (every mention tried)


def test_the_trailing_subject_search_that_stops_early_finds_what_the_full_search_finds(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from govreport import extract
    from govreport.options import Options

    asked = []
    fast = facts._trailing_subject

    def both(view, q, ms):  # type: ignore[no-untyped-def]
        got = fast(view, q, ms)
        asked.append(got == _plain_trailing_subject(view, q, ms) or (q, ms))
        return got

    monkeypatch.setattr(facts, "_trailing_subject", both)
    for path in SEEDS + CORPUS[::4]:
        extract(path, Options(tasks=False, slogans=False))
    found = sum(1 for a in asked if a is True)
    assert [a for a in asked if a is not True] == [] and found > 500


def test_sentence_scans_of_the_automaton_are_the_scans_of_the_view() -> None:
    auto = automaton()
    for view in _views(4):
        ends = [m.start() for m in facts._SENTENCE_END.finditer(view)]
        spans = [(a + 1, b) for a, b in zip([-1, *ends], [*ends, len(view)], strict=True)][::3]
        want = [Mention(e - len(alias) + 1, e + 1, ind, alias) for a, b in spans if a < b
                for e, (ind, alias) in auto.iter_long(view, a, b) if ind is not None]
        assert find_mentions(view, spans) == want

