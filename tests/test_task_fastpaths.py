"""The one-pass task finder (issue 10, item 4) gives what the plain per-clause scans give, on real text."""

from __future__ import annotations

import random
import re

from shared_paths import CORPUS, SEEDS

from govreport import task_clauses, task_split, tasks
from govreport.ingest import matching_view
from govreport.lexicons import read_tsv
from govreport.task_patterns import plain_pattern, word_pattern


def _views(n: int = 6) -> list[str]:
    return [matching_view(p.read_text(encoding="utf-8")) for p in (SEEDS + CORPUS)[::9][:n]]


def _word_lists() -> dict[str, tuple[str, ...]]:
    rules = task_clauses.load_rules()
    lists = dict(rules.words)
    lists["verbs (tsv)"] = tuple(row["verb"].strip() for row in read_tsv("task_verbs.tsv"))
    return lists


def test_a_trie_pattern_is_the_longest_first_alternation() -> None:
    assert word_pattern(["建", "建设", "建成投用", "新建"]).pattern == "(?:建(?:成投用|设)?|新建)"
    assert word_pattern(["ab", "b"], guard=True).pattern == "(?=[ab])(?:ab|b)"
    assert word_pattern(["a.b", "a"]).match("a.bc").group() == "a.b"
    assert word_pattern(["ab", "abc"]).match("abd").group() == "ab"
    assert word_pattern(["ab", "abc"]).match("abc", 0, 2).group() == "ab"  # the end bound is kept
    rng = random.Random(5)
    for _ in range(300):
        words = {"".join(rng.choice("abc") for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(1, 8))}
        fast, plain = word_pattern(words, guard=rng.random() < 0.5), plain_pattern(words)
        for _ in range(20):
            text = "".join(rng.choice("abcd") for _ in range(rng.randint(0, 12)))
            assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)], (words, text)
            for p in range(len(text)):
                e = rng.randint(p, len(text))
                m1, m2 = fast.match(text, p, e), plain.match(text, p, e)
                assert (m1 and m1.span()) == (m2 and m2.span())


def test_every_word_list_matches_as_before_at_every_position_of_real_text() -> None:
    rng = random.Random(3)
    lists = _word_lists()
    assert len(lists) > 20 and all(lists.values())
    for view in _views(3):
        for name, words in lists.items():
            fast = word_pattern(words, guard=name in task_clauses._MATCHED_AT | {"verbs", "adverbs"})
            plain = plain_pattern(words)
            assert [m.span() for m in fast.finditer(view)] == [m.span() for m in plain.finditer(view)], name
            for p in range(0, len(view), 3):
                e = min(len(view), p + rng.randint(1, 40))
                m1, m2 = fast.match(view, p, e), plain.match(view, p, e)
                assert (m1 and m1.span()) == (m2 and m2.span()), (name, p)
                s1, s2 = fast.search(view, p, e), plain.search(view, p, e)
                assert (s1 and s1.span()) == (s2 and s2.span()), (name, p)


def test_the_rules_use_the_trie_patterns() -> None:
    rules = task_clauses.load_rules()
    assert tasks.load_lexicon().verbs.pattern == word_pattern(_word_lists()["verbs (tsv)"]).pattern
    assert all(rules.patterns[name].pattern == word_pattern(words, guard=name in task_clauses._MATCHED_AT).pattern
               for name, words in rules.words.items())
    assert rules.adverbs.pattern == word_pattern(rules.words["adverbs"], guard=True).pattern


class _Everything:
    """A set that holds every character: formula_number's early None never fires."""

    def __contains__(self, item: object) -> bool:
        return True


def test_the_slogan_shortcuts_change_no_slogan(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The early None of formula_number (no numeral or digit opens the candidate), the known-prefix
    test at known lengths only and the remembered segment answers give the slogans of the plain
    tests, over real text."""
    from govreport import slogans

    texts = [p.read_text(encoding="utf-8") for p in (SEEDS + CORPUS)[::5]]
    fast = [slogans.extract_slogans(t, matching_view(t)) for t in texts]
    assert sum(map(len, fast)) > 100
    monkeypatch.setattr(slogans, "_LEAD_SET", _Everything())
    monkeypatch.setattr(slogans, "_known_lengths", lambda lex: range(0, 64))
    monkeypatch.setattr(slogans, "_segment_memo", lambda lex: {})  # every segment judged afresh
    assert [slogans.extract_slogans(t, matching_view(t)) for t in texts] == fast


def test_the_numeral_run_is_the_character_loop() -> None:
    from govreport import slogans

    def plain_lead(q: str) -> tuple[int, str] | None:
        if q.startswith("双"):
            return 2, q[1:]
        i = 0
        while i < len(q) and q[i] in slogans.NUMERALS:
            i += 1
        value = slogans.numeral_value(q[:i]) if 0 < i <= 4 else None
        return (value, q[i:]) if value else None

    rng = random.Random(9)
    alphabet = slogans.NUMERALS + "双个不大项农a1 "
    for _ in range(20000):
        q = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8)))
        assert slogans._lead(q) == plain_lead(q), q


def test_a_split_without_brackets_is_the_bracket_loop(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """top_level_split cuts a window without brackets with one C split: the same pieces as the loop
    that tracks quotes and brackets (forced here by a bracket pattern that always finds one)."""
    windows = []
    for view in _views(4):
        for s, e in task_clauses.sentences(view, 0, len(view)):
            windows.append((view, s, e))
            windows.extend((view, a, b) for a, b in task_clauses.top_level_split(view, s, e, ",，:："))
    cases = [(v, s, e, marks) for v, s, e in windows for marks in (",，:：", "、", "和及")]
    fast = [task_clauses.top_level_split(v, s, e, marks) for v, s, e, marks in cases]
    monkeypatch.setattr(task_split, "_BRACKET", re.compile(""))
    assert [task_clauses.top_level_split(v, s, e, marks) for v, s, e, marks in cases] == fast
    assert sum(len(p) > 1 for p in fast) > 500


def test_the_known_formulas_found_by_regex_are_the_automaton_s() -> None:
    from govreport import slogans

    lex = slogans.load_lexicon()
    views = [matching_view(p.read_text(encoding="utf-8")) for p in SEEDS + CORPUS]
    hits = 0
    for view in [*views, "一带一路一带一路路", "三农三农工作", ""]:
        plain = slogans._scan(slogans._unquoted_automaton(lex), view)
        assert slogans._scan_known(lex, view) == plain
        hits += sum(map(len, plain.values()))
    assert hits > 500


def _plain_plan_paragraphs(view, start, end, heading_starts, self_building, rules):  # type: ignore[no-untyped-def]
    """plan_paragraphs as it was before each paragraph was split once: every helper cuts again."""
    from govreport.task_split import paragraphs, sentences

    tc = task_clauses
    paras = paragraphs(view, start, end)
    leads = [tc.lead_in(view, p) for p in paras]
    for i, para in enumerate(paras):
        text = view[para[0] : para[1]]
        if rules.any_in("closing", text):
            continue
        skip = leads[i]
        head = tc.strip_numbering(view[para[0] : skip].strip().rstrip("。！!")) if skip else None
        heading_line = para[0] in heading_starts or not any(c in text for c in tc._SENTENCE_END)
        if heading_line and skip is None:
            first = sentences(view, *para)
            skip = first[0][1] if first else para[1]
            if skip >= para[1]:
                continue
        next_lead = i + 1 < len(paras) and leads[i + 1] is not None
        prev_heading = i == 0 or paras[i - 1][0] in heading_starts or not any(
            c in view[paras[i - 1][0] : paras[i - 1][1]] for c in tc._SENTENCE_END)
        if leads[i] is None and next_lead and (heading_line or prev_heading or tc._CONTINUED.match(text)):
            continue
        deliverable_only = self_building or rules.any_in("self_building", view[para[0] : min(para[1], para[0] + 80)])
        for sentence, row in tc.paragraph_rows(view, para, deliverable_only=deliverable_only, skip_first=skip,
                                               rules=rules):
            yield para, head, sentence, row


def test_one_split_per_paragraph_gives_the_rows_of_the_plain_path() -> None:
    rules = task_clauses.load_rules()
    rows = 0
    for view in _views(8):
        heading_starts = {m.end() for m in re.finditer("\n", view)}  # every line a heading candidate, and none
        for starts in (set(), heading_starts):
            fast = list(task_clauses.plan_paragraphs(view, 0, len(view), starts, False, rules))
            assert fast == list(_plain_plan_paragraphs(view, 0, len(view), starts, False, rules))
            rows += len(fast)
    assert rows > 1000
