"""Inputs that made the extractor hang, crash or give bad spans (issue 9): each must finish fast
with valid spans. A row per reproducer; the fuzzing gate (test_fuzz.py) looks for new ones."""

from __future__ import annotations

import signal
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType

import pytest

import govreport
from govreport.errors import GovReportError
from govreport.ingest import matching_view
from govreport.integrity import span_problems
from govreport.model import Bound, Report
from govreport.numbers import chinese_to_number, find_quantities, parse_quantity
from govreport.slogans import extract_slogans


class Hang(Exception):
    pass


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Fail, not hang, when the body uses more than ``seconds`` of CPU (so a loaded machine does not
    fail it; the signal interrupts regex matching too)."""

    def alarm(signum: int, frame: FrameType | None) -> None:
        raise Hang(f"over {seconds} s")

    old = signal.signal(signal.SIGPROF, alarm)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, old)




def checked_extract(text: str | bytes, seconds: float = 5.0) -> Report:
    with time_limit(seconds):
        report = govreport.extract(text)
    assert span_problems(report) == []
    return report


@pytest.fixture(autouse=True, scope="module")
def _warm() -> None:
    """Load lexicons, grammars and jieba's word list (1-2 s) before any time limit runs."""
    govreport.extract("全市生产总值增长6.5%左右，坚持两不愁三保障，一方面")


PLAN = "二、2026年主要工作\n"  # a plan section, so tasks are looked for too

# name → input; each was a hang, a crash or a bad span before issue 9
REPRODUCERS: dict[str, str] = {
    # a bound word at a line end: its span began on the line before and the sentence loop spun
    "约-newline": "约\n6万元",
    "近-newline": "近\n6万元",
    "超-newline": "超\n6万元",
    "逾-newline": "逾\n6万元",
    "节约-newline": "今年节约\n6万元",
    "条约-newline": "签订条约\n6万元",
    "约-crlf": "项目投资约\r\n6万元",
    "约-html-br": "<p>全市重点项目建设进展顺利，新建项目投资约<br>6万元。</p>",
    "约-html-br-text": "投资约<br/>6万元",
    "超过-newline-plan": PLAN + "新建高标准农田超过\n22万亩",
    # the quantity grammar retried a digit run at every position (13 s for 10,000 digits)
    "digits-10000": "1" * 10000,
    "digits-10000-unit": "1" * 10000 + "万元",
    "digits-commas": "1," * 5000 + "000元",
    "digits-decimals": "1." * 5000 + "5%",
    "fullwidth-digits": "１" * 5000 + "亿元",
    "cn-digits-10000": "一" * 10000 + "万元",
    "cn-tens-5000": "十" * 5000 + "万元",
    # chinese_to_number recursed once per 亿/万
    "亿x1000": "一" + "亿" * 1000 + "元",
    "万x1000": "一" + "万" * 1000 + "元",
    "亿x1000-plan": PLAN + "新建" + "一" + "亿" * 1000 + "亩",
    "万x1000-slogan": "实施“" + "三" + "万" * 1000 + "”工程",
    "亿万-alternating": "五" + "亿万" * 800 + "元",
    "全市叶县": "全市叶县",
    # lone surrogates could not be written as UTF-8 by to_json
    "surrogate-lead": "\ud800全市生产总值增长6%",
    "surrogate-tail": "全市生产总值增长6%\udfff",
    "surrogate-pair-split": "增长\ud83d6%\ude00左右",
    # long lists and repeated cue words, each a costly pattern for a back-scan or a list walk
    "list-3000": "、".join(["1%"] * 3000),
    "task-list-2000": PLAN + "新建" + "、".join(["道路1公里"] * 2000),
    "分别x3000": "分别" * 3000 + "增长1%",
    "比x20000": "比" * 20000 + "1%",
    "no-punctuation-20000": "生产总值" * 5000 + "增长6%",
    # fuzz seed 1 case 24992: a numbered head that is also a bare part title gave an empty section
    "numbered-and-bare-head": "全力维护社会稳定。\n（八）切实加强政府自身建设\n在大力推进改革开放的进程中，各级政府要加强自身建设。",
    "headings-5000": "\n".join(f"（{'一二三四五六七八九'[i % 9]}）标题{i}" for i in range(5000)),
}


@pytest.mark.parametrize("name", list(REPRODUCERS))
def test_reproducer_finishes_with_valid_spans(name: str) -> None:
    checked_extract(REPRODUCERS[name])


@pytest.mark.parametrize("text", ["约\n6万元", "全年节约\n6万元", "近\n6万元", "投资约<br>6万元"])
def test_a_bound_word_before_a_line_break_stays_on_its_line(text: str) -> None:
    report = checked_extract(text)
    [fact] = report.facts
    assert report.text[fact.span.start : fact.span.end] == "6万元"
    assert fact.value == 60000 and fact.unit == "元" and fact.bound is Bound.EXACT


def test_a_bound_word_on_the_same_line_still_counts() -> None:
    report = checked_extract("投资约6万元")
    [fact] = report.facts
    assert fact.bound is Bound.APPROX and report.text[fact.span.start : fact.span.end].endswith("约6万元")


def test_surrogates_become_replacement_characters() -> None:
    report = checked_extract("\ud800全市生产总值增长6%")
    assert report.text[0] == "\ufffd" and "\ud800" not in report.to_json()


@pytest.mark.parametrize("s", ["亿" * 1000, "一" + "万" * 2000, "万亿" * 600, "一" * 5000])
def test_chinese_to_number_never_recurses_deep(s: str) -> None:
    assert chinese_to_number(s) is None  # no numeral is that long


def test_long_numerals_are_no_quantities() -> None:
    with time_limit(2):
        assert parse_quantity("1" * 10000) is None
        assert parse_quantity("1" * 30 + "万元") is None  # a number has at most 20 digits
        assert find_quantities(matching_view("一" * 10000 + "万元")) == []
    q = parse_quantity("12345678901234567890元")
    assert q is not None and q.value == pytest.approx(1.2345678901234567e19, rel=1e-9)


def test_slogans_on_repeated_numerals() -> None:
    text = "“" + "三" * 3000 + "”" + "五个振兴" * 500
    with time_limit(5):
        slogans = extract_slogans(text, matching_view(text))
    assert slogans and all(0 <= s.span.start < s.span.end <= len(text) for s in slogans)


def _seconds(fn: Callable[[], object]) -> float:
    """CPU seconds (not wall time: other processes on the machine do not count)."""
    t0 = time.process_time()
    fn()
    return time.process_time() - t0


@pytest.mark.parametrize("unit", ["1", "一", "十", "1,", "1.", "万"])
def test_numeral_runs_cost_linear_time(unit: str) -> None:
    """10x the run, at most ~10x the time (quadratic would be 100x); a generous 30x for noisy machines."""
    small, large = unit * 20_000, unit * 200_000
    parse_quantity(small)
    t_small = min(_seconds(lambda: parse_quantity(small)) for _ in range(3))
    t_large = min(_seconds(lambda: parse_quantity(large)) for _ in range(2))
    assert t_large < max(30 * t_small, 0.5)  # quadratic took 13 s for 10,000 digits


def test_one_line_report_costs_linear_time() -> None:
    """A report with no line break (paragraphs run together): the sentence loop never scans back."""
    para = "全市生产总值增长6.5%左右，一般公共预算收入增长7%，城镇新增就业5万人。新建高标准农田22万亩。"
    small, large = para * 300, para * 3000
    govreport.extract(small)
    t_small = min(_seconds(lambda: govreport.extract(small)) for _ in range(2))
    t_large = min(_seconds(lambda: govreport.extract(large)) for _ in range(2))
    assert t_large < 30 * t_small


def test_rejected_input_is_a_govreport_error() -> None:
    with pytest.raises(GovReportError):
        govreport.extract(b"\xff\xfe\x00\xd8a\x00")  # UTF-16 with a lone surrogate: an IngestError
