"""The fuzzing gate: real report paragraphs, mutated, through extract and the quantity grammar.

Each example must finish (a time limit per example), raise nothing but a GovReportError, and give
valid spans (govreport.integrity.span_problems). A bounded budget (about 260 examples, well under 40 s
on one core); scripts/fuzz.py runs the same idea for a million cases.
"""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shared_paths import CORPUS, SEEDS
from test_robustness import time_limit

import govreport
from govreport.errors import GovReportError
from govreport.ingest import matching_view
from govreport.integrity import span_problems
from govreport.numbers import find_quantities


@cache
def paragraphs() -> tuple[str, ...]:
    out: list[str] = []
    for f in [*SEEDS, *CORPUS[::4]]:
        out += [p for p in f.read_text(encoding="utf-8", errors="replace").split("\n") if len(p.strip()) >= 8]
    return tuple(out)


pytestmark = pytest.mark.skipif(not SEEDS, reason="../shared/seeds is not there")

CN = "零〇一二两三四五六七八九十百千万亿"
TOKENS = {
    "digits": st.text("0123456789.,", min_size=1, max_size=12),
    "cn_numeral": st.text(CN, min_size=1, max_size=8),
    "unit": st.sampled_from(["%", "个百分点", "元", "万元", "亿元", "美元", "万人", "亩", "平方米", "吨", "千瓦时",
                             "公里", "个", "项", "倍", "位", "名", "年", "斤"]),
    "bound": st.sampled_from(["约", "近", "超", "逾", "超过", "以上", "左右", "多", "余", "不低于", "节约", "条约"]),
    "break": st.sampled_from(["\n", "\r\n", "<br>", "\n\n", "</p><p>"]),
    "punct": st.sampled_from(list("。，、；：！？%％—～-（）“”《》 \u3000")),
    "traditional": st.sampled_from(list("萬億與為長產業區縣約經濟發展總計劃額達兩個農糧")),
    "surrogate": st.sampled_from(["\ud800", "\udfff", "\udc00", "\ud83d"]),
    "long_digits": st.integers(25, 3000).map(lambda n: "1" * n),
    "long_numeral": st.tuples(st.sampled_from("一十九"), st.integers(25, 2000)).map(lambda t: t[0] * t[1]),
    "repeated_magnitude": st.tuples(st.sampled_from(["", "一", "3"]), st.sampled_from("万亿"),
                                    st.integers(2, 1500)).map(lambda t: t[0] + t[1] * t[2]),
    "bound_at_line_end": st.tuples(st.sampled_from(["约", "近", "超", "逾", "节约"]), st.integers(1, 999),
                                   st.sampled_from(["万元", "%", "亩"])).map(lambda t: f"{t[0]}\n{t[1]}{t[2]}"),
    "word": st.sampled_from(["增长", "下降", "年均增长", "生产总值", "分别", "同比", "占", "比重", "居全省第", "由",
                             "增加到", "新建", "完成", "力争", "2026年", "“十四五”", "五个振兴", "一、", "（二）",
                             "**", "——", "首位"]),
}
token = st.one_of(*TOKENS.values())


@st.composite
def report_text(draw: st.DrawFn, max_len: int = 400) -> str:
    """A slice of one to three real paragraphs with up to eight insertions, deletions or repeats."""
    paras = paragraphs()
    first = draw(st.integers(0, len(paras) - 1))
    text = "\n".join(paras[first : first + draw(st.integers(1, 3))])
    start = draw(st.integers(0, max(0, len(text) - 5)))
    chars = list(text[start : start + draw(st.integers(5, max_len))])
    for _ in range(draw(st.integers(0, 8))):
        at = draw(st.integers(0, len(chars)))
        op = draw(st.sampled_from(["insert", "insert", "insert", "delete", "repeat"]))
        if op == "insert":
            chars[at:at] = list(draw(token))
        elif op == "delete":
            del chars[at : at + draw(st.integers(1, 20))]
        else:
            chars[at:at] = chars[max(0, at - 30) : at]
    plan = draw(st.booleans())
    return ("二、2026年主要工作\n" if plan else "") + "".join(chars)  # a plan part: tasks are looked for too


FUZZ = settings(max_examples=180, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@FUZZ
@given(report_text())
def test_extract_gives_valid_spans_or_a_govreport_error(text: str) -> None:
    try:
        with time_limit(5):
            report = govreport.extract(text)
    except GovReportError:
        return  # a rejected input (not a report) is an answer, not a crash
    assert span_problems(report) == []


@settings(max_examples=80, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(report_text(max_len=120))
def test_quantity_spans_hold_a_number(text: str) -> None:
    view = matching_view(text)
    with time_limit(2):
        found = find_quantities(view)
    for q in found:
        assert 0 <= q.span.start < q.span.end <= len(view)
        assert "\n" not in view[q.span.start : q.span.end]
        assert set(view[q.span.start : q.span.end]) & set("0123456789" + CN + "几首")
