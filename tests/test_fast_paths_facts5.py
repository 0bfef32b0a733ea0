"""The facts step's speed-ups of issue 10 item 4 (round 5) give the answers of the plain forms they
replace: the required-character tests before a regex, the plan matched in place rather than in a
slice, the answers kept per gap for one report (``cues.per_cues``)."""

from __future__ import annotations

import importlib
import random
import re

import pytest
from shared_paths import CORPUS, SEEDS

from govreport.facts import context, continuing, extract_facts, naming
from govreport.facts.context import _plan_periods
from govreport.facts.mentions import Mention
from govreport.ingest import Document, matching_view
from govreport.lexicons import cues as cue_words
from govreport.lexicons import indicators
from govreport.metadata import extract_meta
from govreport.sections import build_sections

cues = importlib.import_module("govreport.facts.cues")  # (the package's name cues is the lexicon's)


def _views(step: int = 3) -> list[str]:
    paths = SEEDS + CORPUS[::step]
    if not paths:
        pytest.skip("shared texts missing")
    return [matching_view(p.read_text(encoding="utf-8", errors="replace")) for p in paths]


def _gaps(views: list[str], n: int = 4000) -> list[str]:
    """Pieces of real text ending before a number (what the walk hands the rules), plus odd ones."""
    rnd = random.Random(5)
    out = ["", " ", "从", "由人均", "人均", "每户 ", "从不到", "由年初的", "增长，从", "净增加", "新增"]
    for v in views:
        starts = [m.start() for m in re.finditer(r"\d", v)]
        for at in rnd.sample(starts, min(len(starts), n // len(views))):
            out.append(v[max(0, at - rnd.randrange(1, 40)) : at])
    return out


def test_from_base_and_from_opener_equal_their_plain_regexes() -> None:
    gaps = _gaps(_views())
    per_head = next(i for i in indicators().values() if "人均" in i.name)
    subject = Mention(0, 2, per_head.id, per_head.aliases[0])
    assert continuing.per_head_by_nature(subject)
    for gap in gaps:
        assert continuing.from_base(gap) == continuing._BASE_OPENER.sub(r"\1", gap.rstrip()), gap
        plain = "".join(gap.split())
        if not any(ch in plain for ch in "，,、；;"):
            assert continuing.from_opener(gap, None) == continuing._FROM_OPENER.sub("", plain), gap
            headless = continuing._PER_HEAD_END.sub("", plain)  # 人均 of a per-head subject goes too
            assert continuing.from_opener(gap, subject) == continuing._FROM_OPENER.sub("", headless), gap


def test_verb_before_equals_the_scan_of_every_verb() -> None:
    verbs = continuing._OUTPUT_VERBS
    for v in _views(step=6):
        for at in range(0, min(len(v), 20000), 3):
            for stock in (False, True):
                words = (*verbs, "新增") if stock else verbs
                plain = next((w for w in words if v.startswith(w, at - len(w))), "")
                assert continuing.verb_before(v, at, stock) == plain, (v[max(0, at - 4) : at], stock)


def test_a_plan_matched_in_place_is_the_plan_matched_in_a_slice() -> None:
    c = cues.compiled()
    views = [*_views(step=2), "二〇十五五时期", "“十四五”时期，一九九五年", "七五期间九五时期", "第十五五年"]
    seen = 0
    for v in views:
        for m in _plan_periods().finditer(v):
            here, sliced = c.plans.match(v, m.start()), c.plans.match(v[m.start() :])
            assert (here and here.group(0)) == (sliced and sliced.group(0)), v[max(0, m.start() - 3) : m.end()]
            seen += 1
    assert seen > 20


def test_nth_plan_names_all_hold_the_guarded_words() -> None:
    for text in ("第六个五年计划", "第十一个五年规划", "第二个五年计划期间"):
        assert context._NTH_PLAN.search(text) and "个五年" in text
        assert context.plans_named(text), text


def test_memos_start_afresh_per_report_and_when_the_cues_are_compiled_again() -> None:
    gap = "全市规模以上工业增加值"
    first = naming.subject_text(gap)
    assert naming.subject_text(gap) == first
    memo = cues.per_cues(cues.compiled(), naming.subject_text)
    assert (gap, True) in memo
    memo[(gap, True)] = "stale"  # what a kept answer would give if it outlived its report
    assert naming.subject_text(gap) == "stale"
    cues.fresh_memos()
    assert naming.subject_text(gap) == first
    memo = cues.per_cues(cues.compiled(), naming.subject_text)
    memo[(gap, True)] = "stale"
    cues.compiled.cache_clear()
    try:
        assert naming.subject_text(gap) == first  # new cues: a new memo
    finally:
        cues.compiled.cache_clear()
    cues.per_cues(cues.compiled(), naming.subject_text)[(gap, True)] = "stale"
    text = "2023年全市规模以上工业增加值增长5%。"
    doc = Document(text=text, name="t")
    view = matching_view(text)
    meta = extract_meta(doc, view)
    extract_facts(text, view, build_sections(text, view, meta), meta)  # a new report empties the memos
    assert naming.subject_text(gap) == first


def test_foreign_chars_kept_answers_equal_a_fresh_count() -> None:
    glue = cues.compiled().glue
    for gap in _gaps(_views(step=6), n=1500):
        cues.fresh_memos()
        fresh = len(re.findall(r"[\u4e00-\u9fff]", glue.sub("", gap)))
        assert cues.foreign_chars(gap) == fresh == cues.foreign_chars(gap)
    assert cue_words()["measure"]  # the lexicon the glue is built from is loaded
