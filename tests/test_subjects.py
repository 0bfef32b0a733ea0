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
    ("新建改建农村公路旁的12座便民桥梁，", [(12.0, "便民桥梁")]),
    ("累计为1.8万名退役军人落实优待政策。", [(18000.0, "退役军人")]),
    ("一九八三年有三百多万户农民开始承包荒山。", [(3000000.0, "农民")]),
    ("增加800万农村户用沼气池，", [(8000000.0, "农村户用沼气池")]),
    ("设立5亿元中小企业纾困基金，", [(500000000.0, "中小企业纾困基金")]),
    ("全区9所中职学校通过省级达标验收。", [(9.0, "中职学校")]),
    ("新增3家省级“链主”企业。", [(3.0, "省级“链主”企业")]),
    ("建设2个冷链物流园和6个乡镇快递服务站。", [(2.0, "冷链物流园"), (6.0, "乡镇快递服务站")]),
    ("新建1200张普惠托位、改造30所公办幼儿园。", [(1200.0, "普惠托位"), (30.0, "公办幼儿园")]),
    ("2.6万户困难家庭享受临时救助。", [(26000.0, "困难家庭")]),
    ("全市11个县区全部实现集中供暖。", [(11.0, "县区")]),
    ("五万千瓦的成套发电机组已能自行制造。", [(50000.0, "成套发电机组")]),
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
