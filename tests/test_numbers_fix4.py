"""Numeral and rank errors of issue 12 item 4 noticed in round 3: a rank in digits with no 位 after a rank
verb (排名全市第3), a numeral inside an idiom (危机四伏) or a quoted slogan, a space between the digits and
their magnitude (1，484 万辆), and a change verb written before the subject (减少耕地1.2万亩). Every sentence
is written for this file (none is a corpus or dev line); reports of several levels and decades."""

from __future__ import annotations

import pytest

from govreport import Options, extract
from govreport.errors import LexiconError
from govreport.ingest import matching_view
from govreport.lexicons import read_tsv
from govreport.numbers import find_quantities
from govreport.numeral_words import numeral_idioms


def found(sentence: str) -> list[tuple[float, str, str, str]]:
    """(value, unit, bound, the words of the span) of each quantity of a sentence."""
    view = matching_view(sentence)
    return [(q.value, q.unit, str(q.bound), view[q.span.start : q.span.end]) for q in find_quantities(view)]


def ranks(sentence: str) -> list[tuple[float, str, str]]:
    return [(v, b, w) for v, u, b, w in found(sentence) if u == "位"]


# -- 1. a rank in digits after a rank verb, with no 位 ---------------------------------------------------
@pytest.mark.parametrize(("sentence", "expected"), [
    ("全区生产总值增长6.2%，排名全市第3。", [(3.0, "exact", "第3")]),
    ("外贸进出口总额增长12%，位居全省第5，创历史新高。", [(5.0, "exact", "第5")]),
    ("实际利用外资列全国第2；", [(2.0, "exact", "第2")]),
    ("县域经济综合实力跃居全省第1。", [(1.0, "exact", "第1")]),
    ("财政收入增速排全州第11，", [(11.0, "exact", "第11")]),
    ("人均可支配收入名列全市第4。", [(4.0, "exact", "第4")]),
    ("增幅分别排名全市第6和第2。", [(6.0, "exact", "第6"), (2.0, "exact", "第2")]),
    ("分别居全省第3、第8。", [(3.0, "exact", "第3"), (8.0, "exact", "第8")]),
    ("分别位居全市第二和第五。", [(2.0, "exact", "第二"), (5.0, "exact", "第五")]),
    ("增速居全省第七位和第三位。", [(7.0, "exact", "第七位"), (3.0, "exact", "第三位")]),
    ("粮食产量排名全国第13位，", [(13.0, "exact", "第13位")]),
    ("综合考评位列全省第2名。", [(2.0, "exact", "第2名")]),
    ("进出口总额跃居全省首位。", [(1.0, "exact", "首位")]),
    ("主要指标增速均位居全市前五位。", [(5.0, "max", "前五位")]),
    ("分别居全市第2、第1、第4位。", [(2.0, "exact", "第2"), (1.0, "exact", "第1"), (4.0, "exact", "第4位")]),
])
def test_a_rank_after_a_rank_verb(sentence, expected):
    assert ranks(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "我县列入第3批国家级示范县。",  # 第3批: an ordinal of a batch
    "排名第2.5的指标不作统计。",  # not an integer ordinal
    "全年排名第1%的企业获得奖励。",
    "入选第3届全国文明城市。",
    "第一，稳增长；第二，促改革；第三，调结构。",  # an enumeration, no rank verb
])
def test_an_ordinal_that_is_no_rank(sentence):
    assert ranks(sentence) == []


def _ranks_of(body: str) -> list[tuple[str | None, str, float, str | None, str | None]]:
    r = extract(f"某县2020年政府工作报告\n一、2019年工作回顾\n{body}\n",
                Options(doc_id="x", tasks=False, slogans=False))
    return [(f.indicator, str(f.measure), f.value, f.rank_scope, f.rank_of) for f in r.facts if str(f.measure) == "rank"]


@pytest.mark.parametrize(("body", "expected"), [
    ("全县地区生产总值增长7.1%，排名全市第3。", [("gdp", "rank", 3.0, "city", "growth")]),
    ("社会消费品零售总额增长9.5%，位居全省第6；", [("retail_sales", "rank", 6.0, "province", "growth")]),
    ("城乡居民人均可支配收入分别增长8.1%、9.0%，分别排名全市第5和第2。",
     [("urban_disposable_income", "rank", 5.0, "city", "growth"),
      ("rural_disposable_income", "rank", 2.0, "city", "growth")]),
])
def test_a_rank_without_wei_is_a_fact_of_the_figure_before(body, expected):
    assert _ranks_of(body) == expected


@pytest.mark.parametrize(("body", "scopes"), [
    # a group of regions named between the verb and the rank is no scope: the paragraph's is not inherited
    ("地区生产总值增长6%，居全国第9；社会消费品零售总额增长8%，居中部地区第1。", [(9.0, "national"), (1.0, None)]),
    ("出口增长12%，居全国第5，增速居西部省份第2。", [(5.0, "national"), (2.0, None)]),
    # nothing named between them: the scope of the paragraph holds
    ("地区生产总值增长6%，居全省第9；社会消费品零售总额增长8%，居第2。", [(9.0, "province"), (2.0, "province")]),
])
def test_the_scope_of_a_rank(body, scopes):
    assert [(v, s) for _, _, v, s, _ in _ranks_of(body)] == scopes


# -- 2. a numeral inside an idiom or a quoted slogan is no quantity --------------------------------------
@pytest.mark.parametrize("sentence", [
    "面对外部环境危机四伏、困难重重的局面，",
    "经过三年整治，老街面貌判若两人。",
    "留守老人孤身一人的，纳入重点帮扶。",
    "全力打造“一城两名”品牌。",
    "推进“一核三区”建设，",
    "实施“三村两户”工程。",
])
def test_a_numeral_inside_a_word_is_no_quantity(sentence):
    assert found(sentence) == []


@pytest.mark.parametrize(("sentence", "expected"), [
    ("人均开支只需五元。", [(5.0, "元", "exact", "五元")]),
    ("每户两人，", [(2.0, "人", "exact", "两人")]),
    ("提出“增长两成”的目标。", [(20.0, "%", "exact", "两成")]),  # a quoted figure: one numeral, no slogan
    ("变电站电压为五千伏。", [(5.0, "千伏", "exact", "五千伏")]),
    ("年产钢材三百万吨。", [(3e6, "吨", "exact", "三百万吨")]),
])
def test_a_numeral_beside_a_word_stays_a_quantity(sentence, expected):
    assert found(sentence) == expected


def test_every_idiom_of_the_lexicon_reads_no_quantity_in_its_example():
    rows = read_tsv("numeral_idioms.tsv")
    assert len(rows) >= 5
    for row in rows:
        assert found(row["example"]) == [], row["idiom"]
        # without its context the numeral and unit would be read: the row blocks something
        held = next(k for k, v in numeral_idioms().items() if any(w == row["idiom"] for w, _ in v))
        assert found(f"需要{held}。") != []


def test_the_idiom_lexicon_is_validated(monkeypatch):
    import govreport.numeral_words as nw

    for bad in ({"idiom": "危机", "example": "危机", "note": ""},  # too short
                {"idiom": "五湖四海", "example": "来自五湖四海", "note": ""},  # no unit after a numeral
                {"idiom": "危机四伏", "example": "困难重重", "note": ""}):  # the example lacks it
        monkeypatch.setattr(nw, "read_tsv", lambda name, row=bad: [row])
        nw.numeral_idioms.cache_clear()
        with pytest.raises(LexiconError):
            nw.numeral_idioms()
    nw.numeral_idioms.cache_clear()


# -- 3. a full-width comma as thousands separator, and a space before the magnitude --------------------
@pytest.mark.parametrize(("sentence", "expected"), [
    ("全年汽车产量1，484万辆。", [(1.484e7, "辆", "exact", "1,484万辆")]),
    ("全年汽车产量1,484万辆。", [(1.484e7, "辆", "exact", "1,484万辆")]),
    ("全年汽车产量1，484 万辆。", [(1.484e7, "辆", "exact", "1,484 万辆")]),
    ("全年汽车产量１，４８４ 万辆。", [(1.484e7, "辆", "exact", "1,484 万辆")]),
    ("地区生产总值2，035.6 亿元，", [(2.0356e11, "元", "exact", "2,035.6 亿元")]),
    ("常住人口3，210 万人以上。", [(3.21e7, "人", "min", "3,210 万人以上")]),
    ("居民消费价格上涨 2.5 %。", [(2.5, "%", "exact", "2.5 %")]),
    ("完成投资 1，203 亿元左右，", [(1.203e11, "元", "approx", "1,203 亿元左右")]),
    ("建成农村公路 1，050 公里。", [(1.05e6, "米", "exact", "1,050 公里")]),
])
def test_thousands_separators_and_a_space_before_the_unit(sentence, expected):
    assert found(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "2021 年，全县经济平稳运行。",  # a year with a space before 年
    "2016 年至2020 年，",
    "全县 12 345 户。",  # no space inside a number: only the last group is read
])
def test_a_space_makes_no_year_an_amount(sentence):
    assert all(q[1] != "年" for q in found(sentence))
    assert all(q[0] < 1e4 for q in found(sentence))


# -- 4. a change verb before the subject: the change of that indicator ----------------------------------
def _facts(body: str, title: str = "某县2024年政府工作报告", heading: str = "一、2023年工作回顾") -> list[tuple]:
    r = extract(f"{title}\n{heading}\n{body}\n", Options(doc_id="x", tasks=False, slogans=False))
    return [(f.indicator, str(f.measure), f.value, f.unit) for f in r.facts]


@pytest.mark.parametrize(("body", "expected"), [
    ("全年减少耕地1.2万亩。", [("farmland_area", "change", -12000.0, "亩")]),
    ("通过土地整治增加耕地面积2.1万亩。", [("farmland_area", "change", 21000.0, "亩")]),
    ("全县耕地减少8000亩。", [("farmland_area", "change", -8000.0, "亩")]),  # verb after the subject: as before
    ("比上年增加粮食产量3万吨。", [("grain_output", "change", 30000.0, "吨")]),
    ("净增加常住人口1.6万人，", [("population", "change", 16000.0, "人")]),
    ("全县耕地面积保持在50万亩以上。", [("farmland_area", "level", 500000.0, "亩")]),
    ("新增城镇就业1.2万人。", [("new_urban_jobs", "level", 12000.0, "人")]),  # 新增 names the flow
    ("新增高标准农田5万亩。", [("high_standard_farmland", "level", 50000.0, "亩")]),
    ("减少贫困人口1.5万人。", [("poverty_reduction", "level", 15000.0, "人")]),  # the verb is in the name
])
def test_a_change_verb_before_the_subject(body, expected):
    assert _facts(body) == expected


def test_a_change_verb_before_the_subject_in_an_old_national_report():
    body = "一九八二年，全国减少耕地六百万亩。"
    facts = _facts(body, "1983年国务院政府工作报告", "一、过去一年的工作")
    assert facts == [("farmland_area", "change", -6e6, "亩")]


@pytest.mark.parametrize("sentence", ["全市常住人口1 000万人。", "完成投资2 050亿元，"])
def test_digits_cut_by_a_space_give_no_zero_amount(sentence):
    assert all(q[0] != 0 for q in found(sentence))
    assert not any(w.startswith("0") for *_, w in found(sentence))
