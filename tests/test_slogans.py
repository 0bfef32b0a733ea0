"""Slogans (issue 6): numbered policy formulas on the seeds, never plain quantities, counts,
and precision on a hand-labelled corpus sample (tests/fixtures/labels/slogans.tsv)."""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

import pytest
from shared_paths import SHARED

from govreport.ingest import matching_view, read_source
from govreport.model import Slogan
from govreport.slogans import extract_slogans, formula_number, load_lexicon, numeral_value, slogan_counts

SEEDS = SHARED / "seeds"
CORPUS = SHARED / "corpus"
LABELS = Path(__file__).parent / "fixtures" / "labels" / "slogans.tsv"


@cache
def slogans_of(path: Path) -> tuple[str, tuple[Slogan, ...]]:
    text = read_source(path).text
    return text, extract_slogans(text, matching_view(text))


@pytest.mark.parametrize(
    ("slogan", "number", "quoted"),
    [("五个振兴", 5, True), ("四个不摘", 4, True), ("两不愁三保障", 2, True), ("三块地", 3, True),
     ("三清", 3, True), ("四好农村路", 4, True), ("三权分置", 3, True)],
)
def test_pingdingshan_2021_slogans(slogan, number, quoted):
    text, found = slogans_of(SEEDS / "000_c3a01e0d5631b880.txt")
    hits = [s for s in found if s.text == slogan]
    assert hits, [s.text for s in found]
    for s in hits:
        assert text[s.span.start : s.span.end] == slogan
        assert (s.number, s.quoted) == (number, quoted)
        assert (text[s.span.start - 1], text[s.span.end]) == ("“", "”")


@pytest.mark.parametrize("slogan", ["两不愁三保障", "四个不摘", "三大攻坚战", "三块地"])
def test_counts_match_the_text(slogan):
    """Every occurrence is found, quoted or not (counts equal an independent count)."""
    text, found = slogans_of(SEEDS / "001_b22adb992074723f.txt")
    assert slogan_counts(found)[slogan] == text.count(slogan) > 0


def _corpus_sentences(phrase: str) -> list[str]:
    out = []
    for path in sorted(CORPUS.rglob("*.txt")) + sorted(SEEDS.glob("*.txt")):
        for sentence in re.split(r"[。；\n]", path.read_text(encoding="utf-8")):
            if phrase in sentence:
                out.append(sentence)
                if len(out) == 5:
                    return out
    return out


@pytest.mark.parametrize("phrase", ["三个月", "五年", "两年", "三年", "一个百分点", "三次", "四季度", "十四五"])
def test_plain_quantities_are_not_slogans(phrase):
    sentences = _corpus_sentences(phrase)
    assert sentences, f"no corpus sentence with {phrase}"
    for sentence in sentences:
        view = matching_view(sentence)
        for s in extract_slogans(sentence, view):
            start = sentence.find(phrase)
            assert not (s.span.start <= start < s.span.end), (s, sentence)


@pytest.mark.parametrize(
    ("text", "quoted", "number"),
    [("四个不摘", False, 4), ("两不愁三保障", False, 2), ("三清", True, 3), ("1+7", True, 1),
     ("十项行动", True, 10), ("四化", True, 4), ("双招双引", True, 2), ("一村一品", False, 1),
     ("三个月", True, None), ("五年", True, None), ("两个百分点", True, None), ("三家企业", True, None),
     ("十四五", True, None), ("一把手", True, None), ("千方百计", True, None), ("四人帮", True, None),
     ("一站式", True, None), ("十大产业", False, None)],
)
def test_formula_grammar(text, quoted, number):
    assert formula_number(text, quoted) == number


@pytest.mark.parametrize(("s", "value"), [("三", 3), ("十二", 12), ("二十二", 22), ("一百", 100), ("一二", None)])
def test_numeral_value(s, value):
    assert numeral_value(s) == value


def test_lexicons_are_consistent():
    lex = load_lexicon()
    assert {"五个振兴", "三块地", "四个不摘", "两不愁三保障", "六稳六保", "四好农村路", "三大攻坚战"} <= set(lex.known)
    assert not set(lex.known) & lex.excluded
    assert lex.unquoted <= set(lex.known)
    assert all(formula_number(k, True) == n for k, n in lex.known.items() if n)


def _labels() -> list[dict[str, str]]:
    lines = [ln for ln in LABELS.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def _context(text: str, s: Slogan) -> tuple[str, str]:
    a, b = s.span.start, s.span.end
    return text[max(0, a - 8) : a].split("\n")[-1], text[b : b + 8].split("\n")[0]


def test_precision_on_hand_labelled_corpus_sample():
    labels = _labels()
    assert len(labels) >= 60 and len({r["file"] for r in labels}) >= 5
    produced: set[tuple[str, str, str]] = set()
    for name in sorted({r["file"] for r in labels}):
        text, found = slogans_of(CORPUS / name)
        for s in found:
            left, right = _context(text, s)
            produced |= {(name, s.text, "L" + left), (name, s.text, "R" + right)}
    matched = [r for r in labels
               if {(r["file"], r["slogan"], "L" + r["left"]), (r["file"], r["slogan"], "R" + r["right"])} & produced]
    # floors within 0.01 of the measured values (2026-12-02: 82 of 82 rows produced, 81 right: 0.988)
    assert len(matched) >= 0.99 * len(labels)
    correct = sum(r["label"] == "1" for r in matched)
    assert correct / len(matched) >= 0.98
