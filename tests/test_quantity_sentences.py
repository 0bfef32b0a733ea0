"""Quantities in report-like sentences (issue 16): a generator writes random quantities the ways
reports do (Arabic, Chinese and mixed numerals, 千/万/亿, ranges, bound words before and after,
ranks), several per sentence between plain words, and checks the value, unit, bound and span of
each as ``govreport.numbers`` reads it; a second generator writes a target list and checks the facts.

The expected values come from the generator's own arithmetic (the number it chose times the unit's
factor), never from the grammar's output."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govreport import Options, extract
from govreport.ingest import matching_view
from govreport.numbers import find_quantities


@dataclass(frozen=True)
class Piece:
    """One quantity as written, what it must read as, and the plain words before it."""

    lead: str  # words before the quantity (no numeral, no bound word)
    words: str  # the quantity's own words: what its span must cover
    value: float
    value_max: float | None
    unit: str
    bound: str


# written unit → (factor to the canonical unit, canonical unit)
ARABIC_UNITS = {"亿元": (1e8, "元"), "万元": (1e4, "元"), "元": (1, "元"), "万人": (1e4, "人"), "人": (1, "人"),
                "万吨": (1e4, "吨"), "吨": (1, "吨"), "亿斤": (5e4, "吨"), "万亩": (1e4, "亩"), "亩": (1, "亩"),
                "%": (1, "%"), "个百分点": (1, "个百分点"), "公里": (1000, "米"), "亿千瓦时": (1e8, "千瓦时"),
                "万平方米": (1e4, "平方米"), "亿美元": (1e8, "美元")}
CHINESE_UNITS = {k: v for k, v in ARABIC_UNITS.items() if k not in ("%", "个百分点", "公里", "亿千瓦时")}
THOUSAND_UNITS = {"人": "人", "元": "元", "吨": "吨", "亩": "亩"}  # 3千人 (not 千米, 千瓦, 千克: units of their own)
RANGE_UNITS = {"%": (1, "%"), "万人": (1e4, "人"), "亿元": (1e8, "元"), "万吨": (1e4, "吨")}
BOUND_BEFORE = {"超过": "min", "不低于": "min", "不少于": "min", "近": "approx", "约": "approx", "控制在": "max",
                "不超过": "max"}
BOUND_AFTER = {"以上": "min", "左右": "approx", "以内": "max", "以下": "max", "上下": "approx"}
# plain words between quantities: no numeral character, no bound word at their end, no 第/有
LEADS = ["全市生产总值增长", "城镇新增就业", "粮食总产量", "完成投资", "居民人均收入增长", "新建改造道路",
         "引进项目资金", "培训农民工", "实现税收", "累计完成", "外贸进出口总额", "全社会用电量"]
SEPARATORS = ["，", "；", "，其中"]
_DIGITS = "零一二三四五六七八九"


def to_chinese(n: int) -> str:
    """A positive integer below 10**12 as reports write it (亿 and 万 groups, 零 for a gap, 十 for 一十)."""
    def small(g: int) -> str:
        out, zero = "", False
        for value, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            d, g = divmod(g, value)
            if d:
                out += ("零" if zero else "") + _DIGITS[d] + name
                zero = False
            elif out:
                zero = True
        return out

    groups = []
    while n:
        n, g = divmod(n, 10000)
        groups.append(g)
    out, gap = "", False
    for i in range(len(groups) - 1, -1, -1):
        g = groups[i]
        if g == 0:
            gap = bool(out)
            continue
        if out and (gap or g < 1000):
            out += "零"
        out += small(g) + ("", "万", "亿")[i]
        gap = False
    return out[1:] if out.startswith("一十") else out


def _arabic_text(draw: st.DrawFn) -> tuple[str, float]:
    if draw(st.booleans()):
        n = draw(st.integers(1, 99999))
        return (f"{n:,}" if n >= 1000 and draw(st.booleans()) else str(n)), float(n)
    whole, frac = draw(st.integers(0, 9999)), draw(st.integers(1, 99))
    text = f"{whole}.{frac:02d}".rstrip("0")
    return text, float(text)


def _bounded(draw: st.DrawFn, words: str) -> tuple[str, str]:
    """Maybe a bound word before or after the quantity's words."""
    where = draw(st.sampled_from(["none", "before", "after"]))
    if where == "before":
        w = draw(st.sampled_from(sorted(BOUND_BEFORE)))
        return w + words, BOUND_BEFORE[w]
    if where == "after":
        w = draw(st.sampled_from(sorted(BOUND_AFTER)))
        return words + w, BOUND_AFTER[w]
    return words, "exact"


@st.composite
def pieces(draw: st.DrawFn) -> Piece:
    lead = draw(st.sampled_from(LEADS))
    form = draw(st.sampled_from(["arabic", "chinese", "mixed_yi", "mixed_wan", "thousand", "range", "range_shared",
                                 "percent_words", "rank", "rank_chinese"]))
    if form == "arabic":
        text, n = _arabic_text(draw)
        unit = draw(st.sampled_from(sorted(ARABIC_UNITS)))
        factor, canonical = ARABIC_UNITS[unit]
        words, bound = _bounded(draw, text + unit)
        return Piece(lead, words, n * factor, None, canonical, bound)
    if form == "chinese":
        unit = draw(st.sampled_from(sorted(CHINESE_UNITS)))
        n = draw(st.integers(10, 9999 if unit[0] in "万亿" else 99_999_999))  # 一万零一万亩 is no way to write it
        factor, canonical = CHINESE_UNITS[unit]
        words, bound = _bounded(draw, to_chinese(n) + unit)
        return Piece(lead, words, n * factor, None, canonical, bound)
    if form == "mixed_yi":  # 3亿5000万元
        yi, wan = draw(st.integers(1, 99)), draw(st.integers(1000, 9999))
        return Piece(lead, f"{yi}亿{wan}万元", yi * 1e8 + wan * 1e4, None, "元", "exact")
    if form == "mixed_wan":  # 25万6千人
        wan, qian = draw(st.integers(1, 999)), draw(st.integers(1, 9))
        return Piece(lead, f"{wan}万{qian}千人", wan * 1e4 + qian * 1e3, None, "人", "exact")
    if form == "thousand":  # 3千人, 5千元
        n = draw(st.integers(1, 99))
        unit = draw(st.sampled_from(sorted(THOUSAND_UNITS)))
        words, bound = _bounded(draw, f"{n}千{unit}")
        return Piece(lead, words, n * 1e3, None, THOUSAND_UNITS[unit], bound)
    if form in ("range", "range_shared"):  # 6%—6.5%, 3万人到5万人; 5-6万元
        lo = draw(st.integers(1, 899))
        hi = lo + draw(st.integers(1, 99))
        unit = draw(st.sampled_from(sorted(RANGE_UNITS)))
        factor, canonical = RANGE_UNITS[unit]
        sep = draw(st.sampled_from(["-", "—", "～", "至", "到"]))
        words = f"{lo}{unit}{sep}{hi}{unit}" if form == "range" else f"{lo}{sep}{hi}{unit}"
        return Piece(lead, words, lo * factor, hi * factor, canonical, "range")
    if form == "percent_words":  # 百分之五点五
        whole, tenth = draw(st.integers(1, 99)), draw(st.integers(0, 9))
        text = "百分之" + to_chinese(whole) + (f"点{_DIGITS[tenth]}" if tenth else "")
        return Piece(lead, text, whole + tenth / 10, None, "%", "exact")
    # ranks: 居全省第3位 / 居全省第三位; the span is 第…位
    n = draw(st.integers(1, 30))
    words = f"第{n}位" if form == "rank" else f"第{to_chinese(n)}位"
    return Piece(lead + "居全省", words, float(n), None, "位", "exact")


def _sentence(parts: list[Piece], seps: list[str]) -> tuple[str, list[tuple[int, int]]]:
    text, spans = "", []
    for i, p in enumerate(parts):
        if i:
            text += seps[i - 1]
        text += p.lead
        spans.append((len(text), len(text) + len(p.words)))
        text += p.words
    return text + "。", spans


@settings(max_examples=150, deadline=None)
@given(st.lists(pieces(), min_size=1, max_size=5), st.lists(st.sampled_from(SEPARATORS), min_size=4, max_size=4))
def test_every_quantity_of_a_sentence_is_read(parts: list[Piece], seps: list[str]) -> None:
    sentence, spans = _sentence(parts, seps)
    view = matching_view(sentence)
    got = find_quantities(view)
    assert len(got) == len(parts), (sentence, [view[q.span.start : q.span.end] for q in got])
    for q, p, (start, end) in zip(got, parts, spans, strict=True):
        assert (q.span.start, q.span.end) == (start, end), (sentence, p.words, view[q.span.start : q.span.end])
        assert q.value == pytest.approx(p.value, rel=1e-9), (sentence, p)
        assert (q.value_max is None) == (p.value_max is None), (sentence, p)
        if p.value_max is not None:
            assert q.value_max == pytest.approx(p.value_max, rel=1e-9), (sentence, p)
        assert (q.unit, str(q.bound)) == (p.unit, p.bound), (sentence, p)


@settings(max_examples=60, deadline=None)
@given(pieces(), st.sampled_from(["。", "，", "；", ""]))
def test_a_quantity_reads_the_same_anywhere_in_a_paragraph(p: Piece, end: str) -> None:
    """The same words at the start, in the middle of other text, or at the very end of a paragraph."""
    readings = set()
    for before, after in (("", end), ("二〇二一年，我们", end), ("各项工作扎实推进。", "，成效明显。")):
        text = before + p.lead + p.words + after
        view = matching_view(text)
        got = find_quantities(view)
        assert len(got) == 1, text
        q = got[0]
        assert text[q.span.start : q.span.end] == p.words, text
        readings.add((q.value, q.value_max, q.unit, str(q.bound)))
    assert len(readings) == 1


# -- facts: a target list of the plan year, each line a known indicator -----------------------------
# indicator words → (indicator id, measure, written unit, factor, canonical unit)
TARGET_LINES = [
    ("全市生产总值增长", "gdp", "growth", "%", 1, "%"),
    ("城镇新增就业", "new_urban_jobs", "level", "万人", 1e4, "人"),
    ("居民消费价格涨幅", "cpi", "growth", "%", 1, "%"),
    ("粮食产量稳定在", "grain_output", "level", "亿斤", 5e4, "吨"),
    ("一般公共预算收入增长", "budget_revenue", "growth", "%", 1, "%"),
    ("固定资产投资增长", "fixed_asset_investment", "growth", "%", 1, "%"),
]


@st.composite
def target_lists(draw: st.DrawFn) -> list[tuple[tuple[str, str, str, str, float, str], int, str]]:
    lines = draw(st.lists(st.sampled_from(TARGET_LINES), min_size=1, max_size=len(TARGET_LINES), unique=True))
    return [(line, draw(st.integers(5, 150)), draw(st.sampled_from(["", "左右", "以上"]))) for line in lines]


@settings(max_examples=30, deadline=None)
@given(target_lists(), st.integers(2016, 2030))
def test_targets_of_a_generated_target_list(lines, year: int) -> None:
    body = "，".join(f"{words}{n / 10:g}{unit}{suffix}" for (words, _, _, unit, _, _), n, suffix in lines)
    text = f"某市{year}年政府工作报告\n二、{year}年主要预期目标\n{body}。\n"
    report = extract(text, Options(doc_id="gen", tasks=False, slogans=False))
    got = [(f.indicator, str(f.kind), f.period, str(f.measure), f.value, f.unit, str(f.bound),
            report.text[f.span.start : f.span.end]) for f in report.facts]
    bounds = {"": "exact", "左右": "approx", "以上": "min"}
    expected = [(ind, "target", str(year), measure, pytest.approx(n / 10 * factor, rel=1e-9), canonical,
                 bounds[suffix], f"{words}{n / 10:g}{unit}{suffix}")
                for (words, ind, measure, unit, factor, canonical), n, suffix in lines]
    assert got == expected, text
