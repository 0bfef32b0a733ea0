"""The speed-ups of the text layers and the facts give the same answers as the plain forms they replace.

Each rewritten regex is compared with its plain form (the one it replaced, kept here) over the shared
texts and over random strings made of the characters the pattern cares about; each restricted scan
is compared with the whole-text scan.
"""

from __future__ import annotations

import random
import re

import pytest
from shared_paths import SHARED

from govreport.errors import IngestError
from govreport.facts import _SENTENCE_END, _sentences_of
from govreport.facts.blocks import _label_matches
from govreport.facts.cues import _CN_YEAR_DIGITS, _alt, compiled
from govreport.facts.mentions import find_mentions
from govreport.ingest import matching_view
from govreport.ingest.decode import _letters, check_report_text
from govreport.ingest.repair import _TOKEN
from govreport.lexicons import cues
from govreport.numbers import find_quantities


def _views(limit: int = 25) -> list[str]:
    files = sorted(SHARED.glob("seeds/*.txt")) + sorted(SHARED.glob("corpus/*/*.txt"))
    if not files:
        pytest.skip("shared texts missing")
    return [matching_view(f.read_text(encoding="utf-8", errors="replace")) for f in files[:limit]]


def _fuzz(alphabet: str | list[str], n: int = 4000, seed: int = 7) -> list[str]:
    """Random strings of the characters (or words) in ``alphabet``."""
    rnd = random.Random(seed)
    pieces = list(alphabet)
    return ["".join(rnd.choice(pieces) for _ in range(rnd.randrange(1, 14))) for _ in range(n)]


def _plain_patterns() -> dict[str, re.Pattern[str]]:
    c, ctx = cues(), cues()["context"]
    return {
        "year": re.compile(rf"(?<![\d{_CN_YEAR_DIGITS}])((?:19|20)\d\d|[一二][九〇零○][{_CN_YEAR_DIGITS}]{{2}})年"),
        "five_year": re.compile(rf"{_alt(ctx['five_year'])}|到20\d\d年|(?<![〇零○一二三四五六七八九十])[六七八九]五(?!年)"),
        "plans": re.compile(rf"(?<![〇零○一二三四五六七八九十])(?:{_alt(list(c['five_year_plans']))})(?!年)"),
        "target_lead": re.compile(rf"(?:{_alt(ctx['target_lead'])})(?:是|为|如下)?[:：]|"
                                  rf"(?:{_alt(ctx['target_lead'])})(?:是|为)(?![^，,。；;]*(?:实现|完成))"),
    }


@pytest.mark.parametrize("name", ["year", "five_year", "plans", "target_lead"])
def test_literal_led_cue_regexes_match_as_their_plain_forms(name: str) -> None:
    plain, fast = _plain_patterns()[name], getattr(compiled(), name)
    assert plain.pattern != fast.pattern
    words = [*cues()["context"]["target_lead"], *cues()["five_year_plans"], *cues()["context"]["five_year"]]
    texts = _views() + _fuzz("一二九〇零○十五六七八2019年是为：:实现，主要目标提出预期今\n") + \
        _fuzz([*words, *"一二九〇零○十五2019年是为如下：:实现完成，；\n"])
    for t in texts:
        assert [(m.span(), m.groups()) for m in plain.finditer(t)] == [(m.span(), m.groups()) for m in fast.finditer(t)]
    assert sum(1 for t in texts for _ in plain.finditer(t)) > 100


def test_the_junk_token_regex_matches_as_its_plain_form() -> None:
    plain = re.compile(r"(?<=[^A-Za-z0-9\s])(?=[0-9]{0,3}[A-Za-z])([A-Za-z0-9]{2,4})(?![A-Za-z0-9.%/&_-])")
    texts = _views() + _fuzz("aZ09 .%\n中，-_/&xY5", n=20000)
    for t in texts:
        assert [(m.span(), m.group(1)) for m in plain.finditer(t)] == [(m.span(), m.group(1)) for m in _TOKEN.finditer(t)]
    assert sum(1 for t in texts for _ in plain.finditer(t)) > 100


def test_labels_found_on_colon_lines_only_are_all_the_labels() -> None:
    label = compiled().block_label
    texts = _views() + _fuzz(["目标：", "2021年", "“十三五”", "成就:", "\n", "主要", "是", "，", " ", "\u3000", "x",
                              "回顾：", "期间"], n=6000)
    found = 0
    for t in texts:
        whole = [(m.span(), m.groupdict()) for m in label.finditer(t)]
        assert [(m.span(), m.groupdict()) for m in _label_matches(t, label)] == whole
        found += len(whole)
    assert found > 100


def test_mentions_of_the_number_sentences_are_those_of_the_whole_scan() -> None:
    for view in _views(12):
        ends = [m.start() for m in _SENTENCE_END.finditer(view)]
        sentences = _sentences_of(find_quantities(view), ends, len(view))
        assert 0 < len(sentences) < len(ends) + 1
        got = find_mentions(view, sentences)
        want = [m for m in find_mentions(view) if any(a <= m.start < b for a, b in sentences)]
        assert got == want and got


def test_an_empty_sentence_has_no_mention() -> None:
    assert find_mentions("地区生产总值。\n", [(7, 7), (8, 8)]) == []
    assert [m.text for m in find_mentions("地区生产总值。\n", [(0, 7)])] == ["地区生产总值"]


def test_letters_are_counted_as_str_isalpha_counts_them() -> None:
    for text in ("报告", "报告〇①Ⅲ", "abc一二三", "〇〇", "", "\u9fff\ufa6e报"):
        assert _letters(text) == sum(1 for ch in text if ch.isalpha())


def test_a_mostly_latin_text_is_still_refused() -> None:
    with pytest.raises(IngestError, match="mostly not Chinese"):
        check_report_text("政府工作报告" * 10 + "abcdefghij" * 10, "x", min_cjk=1)
    check_report_text("政府工作报告" * 10 + "abcdefghij" * 5, "x", min_cjk=1)  # 60 of 110 letters: Chinese
