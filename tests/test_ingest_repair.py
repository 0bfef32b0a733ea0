"""The repair layer for messy copies (govreport/ingest/repair.py, lexicons/repairs.yaml).

A table of messy inputs → the repaired text; facts found on repaired text keep their spans on
their numbers; a property test that repairs never change a digit; and variants of real reports
with injected PDF spaces, hard line breaks and junk markers extract the same facts as the clean text.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shared_paths import CORPUS, SEEDS

from govreport import Options, extract
from govreport.errors import LexiconError
from govreport.ingest import matching_view
from govreport.ingest.normalize import clean_and_repair, clean_text
from govreport.ingest.repair import find_junk_markers, rules, validate

TEXT = Options(text_only=True, tasks=False, slogans=False)

# (messy input, repaired text) — written in the style of each kind of mess
TABLE = [
    # spaces a PDF/DOCX copy puts inside and around numbers and units
    ("实现地区生产总值 1671.9 亿元,增长 7.5 %,人均 9 万元。", "实现地区生产总值1671.9亿元,增长7.5%,人均9万元。"),
    ("一般公共预算收入12.6 亿元。", "一般公共预算收入12.6亿元。"),
    ("城镇登记失业率控制在4.5 %以内。", "城镇登记失业率控制在4.5%以内。"),
    ("2024 年,全市经济稳中向好。", "2024年,全市经济稳中向好。"),
    ("生產總值6835. 27億元,增長8.9%。", "生產總值6835.27億元,增長8.9%。"),
    ("人口自然增长率6. 2‰。", "人口自然增长率6.2‰。"),
    ("粮食产量增长8 ．8 ％。", "粮食产量增长8．8％。"),
    ("平均每年增长1 5 ．3 ％,2 0 2 4 年。", "平均每年增长15．3％,2024年。"),
    ("高速公路增加4 0 8 3公里,下降到10．0 6‰。", "高速公路增加4083公里,下降到10．06‰。"),
    ("比分 3 2, 编号 1 2 3 4", "比分 3 2, 编号 1 2 3 4"),  # spaced digits not before a unit or a word stay
    ("固定资产投资下降 15.4 %,建成 3 个,新增 6 家。", "固定资产投资下降15.4%,建成3个,新增6家。"),
    # one space before a number in an ordinary text (a table's cells) stays; one before a unit goes
    ("指标 2021年目标", "指标 2021年目标"),
    ("城镇新增就业 5.5 万人", "城镇新增就业 5.5万人"),
    ("2020 年 5 月 26 日在市人大会议上", "2020年5月26日在市人大会议上"),
    ("城乡居民人均可支配收入分别为38977 元和16116 元。", "城乡居民人均可支配收入分别为38977元和16116元。"),
    ("同比增長20.2 %,", "同比增長20.2%,"),
    ("进出口总额 86.5 亿美元,出口 50 亿美元。", "进出口总额 86.5亿美元,出口 50亿美元。"),  # 2: not PDF-spaced
    ("进出口总额 86.5 亿美元,出口 50 亿美元,进口 36 亿美元。", "进出口总额86.5亿美元,出口50亿美元,进口36亿美元。"),
    ("完成投资 3.2万 亿元。", "完成投资 3.2万亿元。"),
    # letter-spaced words, and Han-space-Han in a text full of PDF spaces
    ("政 府 工 作 报 告", "政府工作报告"),
    ("市 长 王 明", "市长王明"),
    ("生产总值 100 亿元,增长 5 %,中 国 特色,投资 20 亿元。", "生产总值100亿元,增长5%,中国特色,投资20亿元。"),
    # ...but a single space between two names in an ordinary text stays
    ("记者陈文智 陈宏岩报道。", "记者陈文智 陈宏岩报道。"),
    ("县长 张团结", "县长 张团结"),
    # short random ASCII that a site injects between Han characters
    ("全县生产总值C6m增长8.4%。", "全县生产总值增长8.4%。"),
    ("固定资产jMF投资增长10%。", "固定资产投资增长10%。"),
    ("社会消费品qT2零售总额增长9%。", "社会消费品零售总额增长9%。"),
    # ...but acronyms, units and names of things stay
    ("地区GDP增长6%,CPI涨幅3%。", "地区GDP增长6%,CPI涨幅3%。"),
    ("建成5G基站1200个,开发政务App应用。", "建成5G基站1200个,开发政务App应用。"),
    ("挥发性有机物VOCs排放下降。", "挥发性有机物VOCs排放下降。"),
    ("全省PM2.5平均浓度下降10.1%。", "全省PM2.5平均浓度下降10.1%。"),
    # junk markers glued after every paragraph (also split across a line break); they mark the
    # paragraph ends, so the wrapped lines between are re-joined
    ("各位代表:Rw4\n现在,我代表市人民政府向大会报告工\n作,请予审议。Rw4\n一、工作回顾Rw4\n全年生产总值增长8%;固定资产投资增\n"
     "长11.5%。Rw4\n规模以上工业增加值增长8.5%。Rw\n4\n",
     "各位代表:\n现在,我代表市人民政府向大会报告工作,请予审议。\n一、工作回顾\n全年生产总值增长8%;固定资产投资增长11.5%。\n"
     "规模以上工业增加值增长8.5%。"),
    ("第一段文字在这里结束。7Kq\n第二段文字在这里结束。7Kq\n第三段文字在这里结束。7Kq\n第四段。",
     "第一段文字在这里结束。\n第二段文字在这里结束。\n第三段文字在这里结束。\n第四段。"),
    # footnote markers and HTML entities, also broken across lines
    ("实施乡村振兴战略【1】,推进城乡融合。", "实施乡村振兴战略,推进城乡融合。"),
    ("深化“放管服”改革〔2〕。", "深化“放管服”改革。"),
    ("增长7.5%[3]。", "增长7.5%。"),
    ("坚持&l\ndquo;两山&rdquo;理念。", "坚持“两山”理念。"),
    ("坚持&ldquo;两山&rd\nquo;理念。", "坚持“两山”理念。"),
    ("坚持&amp;ldquo;两山&amp;rdquo;理念。", "坚持“两山”理念。"),
    ("坚持&ldquo两山&rdquo理念,R&D投入增长。", "坚持“两山”理念,R&D投入增长。"),
    ("豫政〔2021〕1号", "豫政〔2021〕1号"),
    # ;; standing for quote marks
    ("全面完成;;十三五;;规划目标。", "全面完成“十三五”规划目标。"),
    (";;;;2021年2月23日在大会上", "“”2021年2月23日在大会上"),
    # ℅ for % is kept in the text (the gold evidence quotes it) and read as % in the view (see below)
    ("同比增长15℅。", "同比增长15℅。"),
    # spam lines go; a sentence that mentions downloads stays
    ("各位代表:\n188体育365官网\n过去一年,我们稳中求进。", "各位代表:\n过去一年,我们稳中求进。"),
    ("各位代表:\n点击上方蓝字关注晨报\n过去一年。", "各位代表:\n过去一年。"),
    ("推进政务服务“一网通办”,群众办事可扫码下载电子证照。", "推进政务服务“一网通办”,群众办事可扫码下载电子证照。"),
    # hard line breaks inside a word or a number, and a paragraph split at a page break
    ("2019年全县规\n模以上工业增加值增长8.5%。", "2019年全县规模以上工业增加值增长8.5%。"),
    ("市长 张工\n作报告。", "市长 张工\n作报告。"),  # a short line: a name, not a broken 工作
    ("全年实现生产总值25\n0.3亿元,增长6%。", "全年实现生产总值250.3亿元,增长6%。"),
    ("全年完成地方一般公共\n预算收入增长4.8%。", "全年完成地方一般公共预算收入增长4.8%。"),
    ("全县固定资产投资71.53亿\n元,增长2.3%。", "全县固定资产投资71.53亿元,增长2.3%。"),
    ("全县城镇居民人均可支\n配收入增长7%。", "全县城镇居民人均可支配收入增长7%。"),
    ("全县上下众志成城，\n同舟共济，取得重大成果。", "全县上下众志成城，同舟共济，取得重大成果。"),
    ("全县上下众志成城\n，同舟共济，取得重大成果。", "全县上下众志成城，同舟共济，取得重大成果。"),
    ("按照“六稳\n”要求推进。", "按照“六稳”要求推进。"),
    # never across a sentence end or a heading
    ("经济平稳增长。\n预算收入增长4.8%。", "经济平稳增长。\n预算收入增长4.8%。"),
    ("2019年工作回顾\n一、经济发展", "2019年工作回顾\n一、经济发展"),
    ("主要做了以下工作，\n（一）稳增长", "主要做了以下工作，\n（一）稳增长"),
    ("生产总值达到120\n（一）坚持创新驱动", "生产总值达到120\n（一）坚持创新驱动"),
    # pinyin glosses on traditional text go, so indicators, sentences and spans see the words
    ("地區(qū)生產(chǎn)總值增長(zhǎng)6.5%以上。", "地區生產總值增長6.5%以上。"),
    ("統(tǒng)計局發(fā)布數據。", "統計局發布數據。"),
    # ...also after a mojibake character, or with the "(" itself lost to mojibake
    ("。ㄒ唬┙(jīng)濟運行平穩。", "。ㄒ唬┙濟運行平穩。"),
    ("殘?zhí)貖W會場館建成。", "殘貖W會場館建成。"),
    ("“六稳”(liù)工作,生产总值(GDP)增长。", "“六稳”(liù)工作,生产总值(GDP)增长。"),
]


@pytest.mark.parametrize(("raw", "expected"), TABLE)
def test_repair_table(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


def test_table_is_large_enough() -> None:
    assert len(TABLE) >= 40


# messy input → (indicator, measure, value) that extract must find, with the span on the number
FACTS = [
    ("2019年,实现地区生产总值 1671.9 亿元,增长 7.5 %。", "gdp", "level", 1671.9e8),
    ("2019年,实现地区生产总值 1671.9 亿元,增长 7.5 %。", "gdp", "growth", 7.5),
    ("2014年全省實現生產總值6835. 27億元,增長8.9%。", "gdp", "level", 6835.27e8),
    ("2019年,全县规\n模以上工业增加值增长8.5%。", "industrial_value_added", "growth", 8.5),
    ("2019年,全县地方一般公共\n预算收入增长4.8%。", "budget_revenue", "growth", 4.8),
    ("2019年,全县生产总值25\n0.3亿元,增长6%。", "gdp", "level", 250.3e8),
    ("2019年,全县生产总值C6m增长8.4%。", "gdp", "growth", 8.4),
    ("2010年,全县生产总值同比增长15℅。", "gdp", "growth", 15),
    ("2023年,地區(qū)生產(chǎn)總值增長(zhǎng)6.5%。", "gdp", "growth", 6.5),
    ("2019年,固定资产投资下降 15.4 %,新建 2 个。", "fixed_asset_investment", "growth", -15.4),
]


def _digits(s: str) -> str:
    return re.sub(r"\D", "", s)


@pytest.mark.parametrize(("raw", "indicator", "measure", "value"), FACTS)
def test_facts_on_repaired_text_keep_their_spans(raw: str, indicator: str, measure: str, value: float) -> None:
    report = extract(raw, TEXT)
    view = matching_view(report.text)
    hits = [f for f in report.facts if f.indicator == indicator and f.measure == measure
            and abs(f.value - value) <= 1e-6 * max(1.0, abs(value))]
    assert hits, [(f.indicator, f.measure, f.value) for f in report.facts]
    for f in hits:
        words = report.text[f.span.start : f.span.end]
        number = f"{abs(value) / (1e8 if abs(value) >= 1e8 else 1):g}"
        assert _digits(number) in _digits(words), (words, number)
        assert len(view) == len(report.text) and view[f.span.start : f.span.end] == matching_view(words)


def test_repairs_are_reported_as_warnings() -> None:
    report = extract("各位代表:\n2019年,实现地区生产总值 1671.9 亿元,增长 7.5 %,投资增长 8 %。", TEXT)
    assert "repair: pdf_space_before_unit ×3" in report.warnings
    assert "repair: pdf_space_before_number ×3" in report.warnings
    assert '"warnings": ["repair: ' in report.to_json()
    text, warnings = clean_and_repair("同比增长15℅。")
    assert text == "同比增长15℅。" and warnings == ("repair: read_℅_as_% ×1",)
    assert matching_view(text) == "同比增长15%。"


def test_a_file_read_reports_its_repairs(tmp_path: Path) -> None:
    path = tmp_path / "messy.txt"
    path.write_text("政 府 工 作 报 告\n各位代表:\n2019年,全县生产总值增长 8 %,投资 2 亿元,新建 3 个。\n", encoding="utf-8")
    report = extract(path)
    assert report.text.splitlines()[0] == "政府工作报告"
    assert "repair: letter_spaced_word ×1" in report.warnings
    assert any(f.indicator == "gdp" and f.value == 8 for f in report.facts)


def test_junk_markers_found_only_when_repeated_at_breaks() -> None:
    assert find_junk_markers("一段。hd9\n二段。hd9\n三段。hd9\n") == ["hd9"]
    assert find_junk_markers("一段。hd9\n二段。hd9\n") == []  # twice is not a pattern
    assert find_junk_markers("大会22M\n会议上22M\n张新伟22M 各位代表") == ["22M"]
    assert find_junk_markers("建设5G\n推进5G\n发展5G\n") == []  # an acronym (a keep word), not junk
    assert find_junk_markers("开发App\n上线App\n推广App\n") == []  # a keep word
    assert find_junk_markers("GDP\n的GDP\n是GDP\n和GDP\n") == []


@pytest.mark.parametrize("rule", sorted({r for r, _, _ in rules().examples}))
def test_lexicon_examples(rule: str) -> None:
    for name, raw, out in rules().examples:
        if name == rule:
            text, warnings = clean_and_repair(raw)
            assert text == out, (raw, text)
            if name != "spam_line":  # boilerplate may take a spam line first
                assert any(w.startswith(f"repair: {name} ×") for w in warnings), warnings


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"junk_token": {"min_repeats": 3, "share_at_break": 2, "keep": ["App"]}}, "'share_at_break'"),
        ({"junk_token": {"min_repeats": 0, "share_at_break": 0.5, "keep": ["App"]}}, "'min_repeats'"),
        ({"junk_token": {"min_repeats": 3, "share_at_break": 0.5, "keep": ["A p"]}}, "ASCII letters and digits"),
        ({"view_chars": {"℅": "%%"}}, "one character to one character"),
        ({"spam_lines": {"max_len": 60, "contains": ["扫码"], "patterns": ["(bad"]}}, "bad pattern"),
        ({"examples": []}, "at least one example"),
        ({"examples": [{"rule": "x", "in": "a"}]}, "string 'rule', 'in' and 'out'"),
        ({"break_words": "增长"}, "'break_words' must be a list"),
    ],
)
def test_repairs_lexicon_is_validated(change: dict, message: str) -> None:  # type: ignore[type-arg]
    from govreport.lexicons import read_yaml

    data = read_yaml("repairs.yaml")
    validate(data)  # the shipped file is valid
    with pytest.raises(LexiconError, match=re.escape(message)):
        validate(data | change)


# --- property: repairs never change a digit --------------------------------------------------
#
# Precisely: let KEPT(raw) be the digits of raw outside junk-shaped tokens (a run of 2-4 ASCII
# letters and digits with at least one letter) and outside bracketed footnote markers (【1】 [1] 〔1〕).
# Then the digits of clean_text(raw), in order, are a subsequence of the digits of raw, and KEPT(raw)
# is a subsequence of them: digits are never added, changed or reordered, and only digits inside
# such tokens may be dropped.

_JUNKY = re.compile(r"(?<![A-Za-z0-9])(?=[A-Za-z0-9]{0,3}[A-Za-z])[A-Za-z0-9]{2,4}(?![A-Za-z0-9])|[【\[〔]\d{1,2}[】\]〕]")


def _is_subsequence(small: str, big: str) -> bool:
    it = iter(big)
    return all(c in it for c in small)


_han = st.sampled_from(["生产总值", "增长", "投资", "亿元", "万人", "元", "年", "月", "全县", "预算收入", "规模以上",
                        "工业", "中", "国", "，", "。", "、", "；", "%", "％", "‰", "℅", "．", "."])
_number = st.from_regex(r"\d{1,5}(?:[.．]\d{1,3})?", fullmatch=True)
_noise = st.sampled_from([" ", "  ", "\n", " \n", "hd9", "PZl", "22M", "C6m", "【1】", "[2]", "〔3〕", ";;", "&l\ndquo;",
                          "\u3000", "\u00a0"])
_piece = st.one_of(_han, _han, _number, _noise)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_piece, min_size=1, max_size=40))
def test_repairs_never_change_a_digit(pieces: list[str]) -> None:
    raw = "".join(pieces)
    out = clean_text(raw, boilerplate=False)
    kept = _digits(_JUNKY.sub(" ", raw))
    assert _is_subsequence(_digits(out), _digits(raw)), (raw, out)
    assert _is_subsequence(kept, _digits(out)), (raw, out)


_INDICATORS = [("地区生产总值", "gdp"), ("固定资产投资", "fixed_asset_investment"),
               ("规模以上工业增加值", "industrial_value_added"), ("社会消费品零售总额", "retail_sales"),
               ("一般公共预算收入", "budget_revenue")]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(_INDICATORS), st.integers(1, 999), st.integers(0, 9),
                          st.sampled_from(["", " ", "pdf", "break", "junk"])), min_size=1, max_size=4),
       st.randoms(use_true_random=False))
def test_spans_stay_on_their_numbers(items: list, rnd: random.Random) -> None:  # type: ignore[type-arg]
    """Growth clauses with injected noise: each fact's span ends on its own number."""
    clauses = []
    for (name, _), whole, tenth, noise in items:
        number = f"{whole}.{tenth}" if tenth else str(whole)
        if noise == "pdf":
            clause = f"{name}增长 {number} %"
        elif noise == "break":
            cut = rnd.randrange(1, len(name))
            clause = f"{name[:cut]}\n{name[cut:]}增长{number}%"
        elif noise == "junk":
            clause = f"{name}Xq{rnd.randrange(10)}增长{number}%"
        else:
            clause = f"{name}增长{noise}{number}%"
        clauses.append(clause)
    raw = "2019年全县经济稳步发展," + ",".join(clauses) + "。"
    report = extract(raw, TEXT)
    for f in report.facts:
        words = report.text[f.span.start : f.span.end]
        assert f"{abs(f.value):g}" in words.replace(" ", ""), (words, f.value)
    found = Counter((f.indicator, round(f.value, 3)) for f in report.facts if f.measure == "growth")
    for (_, ind), whole, tenth, _ in items:
        assert found[(ind, round(whole + tenth / 10, 3))] >= 1, (raw, report.text, found)


# --- variants of real reports ---------------------------------------------------------------


def _key(report, period: bool = True) -> Counter:  # type: ignore[no-untyped-def,type-arg]
    return Counter((f.indicator, f.measure, f.value, f.unit, f.bound, f.kind, f.period if period else None)
                   for f in report.facts)


def _pdf_spaces(text: str, rnd: random.Random) -> str:
    """Spaces a PDF copy puts before units, after cue words and inside decimals."""
    text = re.sub(r"(?<=\d)(?=[亿万元%％个人年月])", lambda m: " " if rnd.random() < 0.5 else "", text)
    text = re.sub(r"(?<=[增长达到为])(?=\d)", lambda m: " " if rnd.random() < 0.5 else "", text)
    return re.sub(r"(?<=\d\.)(?=\d)", lambda m: " " if rnd.random() < 0.3 else "", text)


def _hard_wrap(text: str, width: int) -> str:
    return "\n".join(p[i : i + width] for p in text.splitlines() for i in range(0, len(p), width))


def _junk_marked(text: str) -> str:
    """A site's marker after every paragraph, once split across the line break, and the text wrapped."""
    paras = [p + "Zq7" for p in text.splitlines()]
    if len(paras) > 3:
        paras[3] = paras[3][:-1] + "\n7"
    return _hard_wrap("\n".join(paras), 40)


def _junk_tokens(text: str, rnd: random.Random) -> str:
    """Random 3-character ASCII junk between two Han characters, in about one sentence of ten."""
    letters = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ"

    def junk(m: re.Match[str]) -> str:
        if rnd.random() > 0.02:
            return m.group(0)
        return m.group(0) + rnd.choice(letters[:24]) + rnd.choice(letters[24:]) + rnd.choice("23456789")

    return re.sub(r"[\u4e00-\u9fff](?=[\u4e00-\u9fff])", junk, text)


def _broken_words(text: str, rnd: random.Random) -> str:
    """A page break inside an indicator's name: the paragraph goes on on the next line."""
    names = ("规模以上工业增加值", "一般公共预算收入", "固定资产投资", "社会消费品零售总额", "居民人均可支配收入")

    def cut(m: re.Match[str]) -> str:
        at = rnd.randrange(1, len(m.group(0)))
        return m.group(0)[:at] + "\n" + m.group(0)[at:]

    return re.sub("|".join(names), cut, text)


_VARIANT_SOURCES = SEEDS + [p for p in CORPUS if p.name in {"河南省_2026.txt", "national_2021.txt"}]


@pytest.mark.parametrize("path", _VARIANT_SOURCES, ids=lambda p: p.name)
def test_messy_variants_extract_the_same_facts(path: Path) -> None:
    """Each variant gives the same facts (indicator, measure, value, unit, bound, kind, period).

    A plain hard wrap is compared without the period: a wrapped line that happens to end a sentence
    at the wrap width stays a paragraph break (reflow cannot tell it from a paragraph end), and a
    period can depend on the paragraph. Junk markers mark the paragraph ends, so there it is exact.
    """
    clean = clean_text(path.read_text(encoding="utf-8"))
    report = extract(clean, TEXT)
    assert report.facts
    rnd = random.Random(path.name)
    for name, messy in (("pdf spaces", _pdf_spaces(clean, rnd)), ("hard wrap", _hard_wrap(clean, 38)),
                        ("junk markers", _junk_marked(clean)), ("junk tokens", _junk_tokens(clean, rnd)),
                        ("broken words", _broken_words(clean, rnd))):
        base = _key(report, period=name != "hard wrap")
        got = _key(extract(messy, TEXT), period=name != "hard wrap")
        lost, extra = base - got, got - base
        assert not lost and not extra, (name, sorted(lost, key=str)[:5], sorted(extra, key=str)[:5])


@pytest.mark.parametrize(("text", "view"), [
    ("陜西省经济增长6%。", "陕西省经济增长6%。"),  # a variant OpenCC leaves alone
    ("陝西省", "陕西省"),  # the usual traditional form, through OpenCC
])
def test_variant_characters_are_read_as_simplified(text: str, view: str) -> None:
    assert matching_view(text) == view and len(matching_view(text)) == len(text)


def test_a_variant_spelled_province_is_found() -> None:
    report = extract("陜西省2021年政府工作报告\n各位代表：\n全省生产总值增长6%以上。\n", TEXT)
    assert report.doc.region == "陕西省" and report.doc.level == "province"
