"""Subject words of figures whose subject is no canonical indicator (issue 12, items 3 and 5):
the words written after the number (建成350个美丽乡村), the share of a population (60%的职工), the
subject of an earlier clause (医院病床数，比上年增长12%), … — never a verb or filler."""

from __future__ import annotations

import pytest

from govreport import Options, extract
from govreport.facts.subjects import subject_examples, words_after
from govreport.numbers import find_quantities


def _texts(sentence: str, heading: str = "一、2020年工作回顾") -> list[tuple[float, str | None]]:
    r = extract(f"某县2021年政府工作报告\n{heading}\n{sentence}\n", Options(doc_id="x", tasks=False, slogans=False))
    return [(round(f.value, 6), f.indicator_text) for f in r.facts]


@pytest.mark.parametrize(("text", "words"), subject_examples())
def test_subject_after_examples(text: str, words: str | None) -> None:
    qs = find_quantities(text)
    found = words_after(text, qs[0], qs[1].span.start if len(qs) > 1 else None)
    assert (found[0] if found else None) == words


@pytest.mark.parametrize(("sentence", "expected"), [
    # the thing counted, written after the number and its classifier, up to a verb, a mark or 的
    ("全年建成42个美丽宜居示范村。", [(42.0, "美丽宜居示范村")]),
    ("新建改建农村公路旁的12座便民桥梁，", [(12.0, "桥梁")]),  # 桥梁 is an indicator: its mention names it
    ("累计为1.8万名退役军人落实优待政策。", [(18000.0, "退役军人")]),
    ("一九八三年有三百多万户农民开始承包荒山。", [(3000000.0, "农民")]),
    ("增加800万农村户用沼气池，", [(8000000.0, "农村户用沼气池")]),
    ("设立5亿元中小企业纾困基金，", [(500000000.0, "中小企业纾困基金")]),
    ("全区9所中职学校通过省级达标验收。", [(9.0, "中职学校")]),
    ("新增3家省级“链主”企业。", [(3.0, "省级“链主”企业")]),
    ("建设2个冷链物流园和6个乡镇快递服务站。", [(2.0, "冷链物流园"), (6.0, "乡镇快递服务站")]),
    ("新建1200个社区食堂、改造30所公办幼儿园。", [(1200.0, "社区食堂"), (30.0, "公办幼儿园")]),
    ("2.6万户困难家庭享受临时救助。", [(26000.0, "困难家庭")]),
    ("全市11个县区全部实现集中供暖。", [(11.0, "县区")]),
    ("五万千瓦的成套发电机组已能自行制造。", [(50000.0, "发电机组")]),  # a mention of an indicator
    # a share of a population: the words after its 的
    ("全市85%的行政村通了客车。", [(85.0, "行政村")]),
    ("百分之七十的生产队增加了收入。", [(70.0, "生产队")]),
    ("有九成以上的农户在不同程度上增加了收入。", [(90.0, "农户")]),
])
def test_the_subject_written_after_a_figure(sentence: str, expected: list[tuple[float, str | None]]) -> None:
    assert _texts(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("筹措3亿元实施城乡供水一体化。", [(300000000.0, None)]),  # a verb right after the money
    ("生产总值迈上2000亿元台阶。", [(200000000000.0, "生产总值")]),  # a threshold word is no name
    ("连续3次提高最低工资标准。", [(3.0, None)]),  # a count of acts: no subject words after it
    ("改造城镇老旧小区120个、燃气管网80公里。", [(120.0, "城镇老旧小区"), (80000.0, "燃气管网")]),
    ("引进项目60个，总投资120亿元。", [(60.0, "项目"), (12000000000.0, "总投资")]),
    ("实施400个项目总投资900亿元。", [(400.0, None), (90000000000.0, "项目总投资")]),  # the words are the next one's
])
def test_no_subject_from_verbs_thresholds_or_the_next_figure(sentence: str,
                                                              expected: list[tuple[float, str | None]]) -> None:
    assert _texts(sentence) == expected


def test_the_span_of_a_figure_reaches_its_words_after_it() -> None:
    r = extract("某市2021年政府工作报告\n一、2020年工作回顾\n全年新建15个口袋公园。\n",
                Options(doc_id="x", tasks=False, slogans=False))
    (f,) = r.facts
    assert r.text[f.span.start : f.span.end] == "全年新建15个口袋公园"
    assert f.indicator_span is None


@pytest.mark.parametrize(("sentence", "expected"), [
    # a task verb at the head of the words before a figure is no part of its name…
    ("引进项目60个，总投资120亿元。", [(60.0, "项目"), (12000000000.0, "总投资")]),
    ("招引科技型企业45家。", [(45.0, "科技型企业")]),
    ("推广了新式步犁20万部。", [(200000.0, "新式步犁")]),
    ("发放创业担保贷款9.6亿元。", [(960000000.0, "创业担保贷款")]),
    # …unless only a measure of the action follows it (the verb names the measure)
    ("绿化面积3.2万亩。", [(32000.0, "绿化面积")]),
    ("救助人数4.1万人。", [(41000.0, "救助人数")]),
    ("关停淘汰20家。", [(20.0, None)]),  # only verbs: no name
])
def test_a_task_verb_heading_the_words_before_a_figure(sentence: str, expected: list[tuple[float, str | None]]) -> None:
    assert _texts(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    # the subject of the clause before a comma, when the clause after it is only cue words
    ("全省医院病床数，比上一年增长11.5%。", [(11.5, None)]),  # a canonical indicator: checked below
    ("邮电局所总数将达到5.6万处，即比一九五二年增长百分之三十。", [(56000.0, "邮电局所总数"), (30.0, "邮电局所总数")]),
    ("研究与试验发展经费支出，从2015年的80亿元增加到2020年的150亿元。", [(8000000000.0, "研究与试验发展经费支出"),
                                                      (15000000000.0, "研究与试验发展经费支出")]),
    ("面对复杂严峻的形势，比上年增长5%。", [(5.0, None)]),  # a clause that opens on 面对 is no noun phrase
    ("坚持稳中求进，增长6%。", [(6.0, None)]),
    # the plan's verb at the end of a name is no part of it; 比上一年 is a comparison base
    ("棉花播种面积安排为九千万亩，比上一年增加四百万亩。", [(90000000.0, "棉花播种面积"), (4000000.0, "棉花播种面积")]),
    # an aside between a level and its growth keeps the level's words
    ("职工家庭人均生活费收入为六百元，扣除物价上涨因素，比一九八〇年增长百分之二十。",
     [(600.0, "职工家庭人均生活费收入"), (20.0, "职工家庭人均生活费收入")]),
    # a mention of an indicator names the figure whole
    ("经济建设费为28亿元。", [(2800000000.0, "经济建设费")]),
])
def test_the_subject_of_an_earlier_clause(sentence: str, expected: list[tuple[float, str | None]]) -> None:
    got = _texts(sentence)
    if expected[0][1] is None and "病床" in sentence:
        assert [v for v, _ in got] == [v for v, _ in expected]
        return
    assert got == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    # a mention right before a figure of another unit names it, without its id
    ("完成城镇老旧小区改造涉及居民1.2万户。", [(12000.0, "居民")]),  # a verb heading the words is dropped
    ("开工改造城镇老旧小区3.6万户，", [(36000.0, "城镇老旧小区")]),
    # …unless the figure counts what follows it
    ("地区生产总值连续跨越两个百亿元台阶。", []),
])
def test_the_words_of_a_mention_of_another_unit(sentence: str, expected: list[tuple[float, str | None]]) -> None:
    assert _texts(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    # the words after a figure are a new subject: the indicator named before no longer holds
    ("生产总值增长6%，建成20个乡村驿站，增长10%。", [("gdp", 6.0, "生产总值"), (None, 20.0, "乡村驿站"), (None, 10.0, "乡村驿站")]),
    # a threshold before an indicator is no figure of the indicator's words
    ("全县500万元以上固定资产投资完成25.66亿元。", [(None, 5000000.0, None), ("fixed_asset_investment", 2566000000.0,
                                              "固定资产投资")]),
])
def test_words_after_a_figure_end_the_subject_before_it(sentence: str, expected: list[tuple]) -> None:  # type: ignore[type-arg]
    r = extract(f"某县2021年政府工作报告\n一、2020年工作回顾\n{sentence}\n", Options(doc_id="x", tasks=False, slogans=False))
    assert [(f.indicator, round(f.value, 6), f.indicator_text) for f in r.facts] == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    # a 分别 list hands each unnamed item its own words; a short item takes the last one's head noun
    ("全年交通、能源投资分别达到300亿元、120亿元。", [(30000000000.0, "交通投资"), (12000000000.0, "能源投资")]),
    ("1995年蚕茧、茶叶收购量分别增长8%和12%。", [(8.0, "蚕茧"), (12.0, "茶叶")]),  # 茶叶 is a mention
    ("生产安全事故起数、死亡人数较上年分别下降12.5%、9.8%。", [(-12.5, "生产安全事故起数"), (-9.8, "死亡人数")]),
    ("新能源汽车、集成电路、工业机器人分别增长30%、25%、18%。",
     [(30.0, "新能源汽车"), (25.0, "集成电路"), (18.0, "工业机器人")]),
])
def test_a_fenbie_list_hands_out_its_items_words(sentence: str, expected: list[tuple[float, str | None]]) -> None:
    assert [(v, t) for v, t in _texts(sentence)] == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    # a figure right after an unnamed one keeps its words: a growth in 倍, a change in points, a rank
    ("补助资金551亿元，比上年增长2倍。", [(55100000000.0, "补助资金"), (200.0, "补助资金")]),
    ("普惠性幼儿园覆盖率达到85%、提高6个百分点。", [(85.0, "普惠性幼儿园覆盖率"), (6.0, "普惠性幼儿园覆盖率")]),
    ("工业技改投资增长33.6%、居全省第3位。", [(33.6, "工业技改投资"), (3.0, "工业技改投资")]),
    ("煤炭洗选产量增长5%，高于全国2个百分点。", [(5.0, "煤炭洗选产量"), (2.0, None)]),  # relative: another's
])
def test_figures_after_an_unnamed_one_keep_its_words(sentence: str, expected: list[tuple[float, str | None]]) -> None:
    assert _texts(sentence) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("全省生产安全事故起数下降12%", "safety_accidents"),
    ("安全事故起数、死亡人数分别下降8%、6%", "safety_accidents"),
    ("研究与试验开发经费支出占生产总值的2.1%", "rd_spending"),
    ("研究与实验发展经费达到300亿元", "rd_spending"),
])
def test_aliases_of_subjects_the_corpus_names_often(text: str, expected: str) -> None:
    from govreport.facts.mentions import find_mentions

    found = find_mentions(text)
    assert found and found[0].indicator == expected, [m.indicator for m in found]


def test_both_items_of_a_fenbie_list_get_their_ids() -> None:
    r = extract("某县2021年政府工作报告\n一、2020年工作回顾\n生产安全事故起数、死亡人数分别下降10.5%、8.2%。\n",
                Options(doc_id="x", tasks=False, slogans=False))
    assert [(f.indicator, f.value) for f in r.facts] == [("safety_accidents", -10.5), ("safety_deaths", -8.2)]


@pytest.mark.parametrize(("sentence", "expected"), [
    # no filler as a name: a comparison base, a plan's verb, a connective, a span of time, a unit left over
    ("粮食产量将达到3900亿斤，比原定计划1957年3856亿斤的水平超过44亿斤。",
     [(195000000.0, "粮食产量"), (192800000.0, None), (2200000.0, None)]),
    ("基建投资总规模拟定为一百五十亿元。", [(15000000000.0, "基建投资总规模")]),
    ("棉布产量前三年共增加了二千万匹，而1956年就增加了四千万匹。", [(20000000.0, None), (40000000.0, None)]),
    ("旅客周转量将达到三百二十亿人公里。", [(32000000000.0, "旅客周转量")]),  # the mention's words, not 公里
])
def test_no_filler_words_as_a_name(sentence: str, expected: list[tuple[float, str | None]]) -> None:
    assert _texts(sentence) == expected


def test_a_shared_head_is_found_past_an_average_word() -> None:
    got = _texts("石化、冶金、装备制造产业增加值年均分别增长17.8%、4.8%、9.9%。", "一、过去五年工作回顾")
    assert [t for _, t in got] == ["石化增加值", "冶金增加值", "装备制造产业增加值"]
