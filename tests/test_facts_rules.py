"""Rules of the fact layer at their edges (issue 16: behaviours a planted bug slipped past)."""

from __future__ import annotations

import pytest

from govreport import Options, extract


def _facts(sentence: str, heading: str = "一、2020年工作回顾") -> list[tuple[str | None, float, str]]:
    r = extract(f"某县2021年政府工作报告\n{heading}\n{sentence}\n", Options(doc_id="x", tasks=False, slogans=False))
    return [(f.indicator, f.value, str(f.kind)) for f in r.facts]


@pytest.mark.parametrize(("sentence", "indicator"), [
    ("全县生产总值增长8%。", "gdp"),  # the report's own level: the indicator
    ("开发区生产总值增长8%。", None),  # three characters glued before it: a part (the zone's GDP)
    ("园区内生产总值增长8%。", None),
    ("产业集聚区生产总值增长8%。", None),
])
def test_words_glued_before_an_indicator_narrow_it(sentence: str, indicator: str | None) -> None:
    assert _facts(sentence) == [(indicator, 8.0, "actual")]


def _full(sentence: str) -> list[tuple[str | None, str, float, float | None, str]]:
    r = extract(f"某县2021年政府工作报告\n一、2020年工作回顾\n{sentence}\n", Options(doc_id="x", tasks=False, slogans=False))
    return [(f.indicator, str(f.measure), f.value, f.value_max, f.unit) for f in r.facts]


URBAN, RURAL = "urban_disposable_income", "rural_disposable_income"
LEVELS = [(URBAN, "level", 35000.0, None, "元"), (RURAL, "level", 16000.0, None, "元")]


@pytest.mark.parametrize(("sentence", "expected"), [
    # two values handed to the two subjects named before them, with or without 分别
    ("城镇和农村居民人均可支配收入分别达到35000元、16000元，增长4.2%、5.3%。",
     [*LEVELS, (URBAN, "growth", 4.2, None, "%"), (RURAL, "growth", 5.3, None, "%")]),
    ("城镇居民人均可支配收入35000元，农村居民人均可支配收入16000元，分别增长4.2%和5.3%。",
     [*LEVELS, (URBAN, "growth", 4.2, None, "%"), (RURAL, "growth", 5.3, None, "%")]),
    ("城镇居民人均可支配收入35000元，农村居民人均可支配收入16000元，实际增长4.2%和5.3%。",
     [*LEVELS, (URBAN, "growth", 4.2, None, "%"), (RURAL, "growth", 5.3, None, "%")]),
    ("城镇居民人均可支配收入和农村居民人均可支配收入实际增长9.8%和8.5%。",
     [(URBAN, "growth", 9.8, None, "%"), (RURAL, "growth", 8.5, None, "%")]),
])
def test_a_list_of_two_values_goes_to_two_subjects(sentence, expected):
    assert _full(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    # 分别 after levels with no subject of its own: the growths go to the levels' subjects in turn
    ("一般公共预算收入30.9亿元，其中税收收入17.3亿元，分别增长13.3%、8.6%。",
     [("budget_revenue", "level", 3.09e9, None, "元"), ("tax_revenue", "level", 1.73e9, None, "元"),
      ("budget_revenue", "growth", 13.3, None, "%"), ("tax_revenue", "growth", 8.6, None, "%")]),
    # 城乡居民收入…分别: one name for two indicators, split in turn
    ("城乡居民人均可支配收入连年增长，分别达到35000元和16000元。", LEVELS),
])
def test_fenbie_hands_values_to_earlier_subjects(sentence, expected):
    assert _full(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("全县生产总值增长1.71倍。", [("gdp", "growth", 171.0, None, "%")]),  # 增长 N 倍: +N×100%
    ("全县生产总值是2016年的1.6倍。", [("gdp", "growth_cum", 60.0, None, "%")]),  # 是…的 N 倍: +(N−1)×100%
    ("全县生产总值增长1.5-2倍。", [("gdp", "growth", 150.0, 200.0, "%")]),
])
def test_times_as_a_growth(sentence, expected):
    assert _full(sentence) == expected


# -- periods: the start of 由X增加到Y, and what makes a passage speak of five years -----------------------
def _meta(review: str | None, plan: int | None = 2021):  # type: ignore[no-untyped-def]
    from govreport.model import DocMeta

    return DocMeta(id="x", review_period=review, report_year=2021, plan_year=plan)


@pytest.mark.parametrize(("review", "plan", "before", "paragraph", "expected"), [
    ("2016-2020", 2021, "全县生产总值由", "", "2015"),  # a five-year review: the year before its first
    ("2020", 2021, "全县生产总值由", "", "2019"),  # a one-year review: the year before the reviewed one
    ("2020", 2021, "全县生产总值由", "过去五年，全县生产总值由", "2015"),  # a five-year passage in it
    ("2020", 2021, "全县生产总值比上年", "过去五年，全县生产总值比上年", "2019"),  # 比上年: the year before
    (None, 2021, "全县生产总值由", "", "2019"),  # no review period: the year before the plan year's
    (None, None, "全县生产总值由", "", None),  # nothing to go by
])
def test_base_period(review, plan, before, paragraph, expected):
    from govreport.facts.context import base_period

    assert base_period(_meta(review, plan), before, paragraph) == expected


@pytest.mark.parametrize(("paragraph", "passage", "five"), [
    ("五年来，全县生产总值年均增长7%", "", True),  # the cue opens the paragraph
    ("过去五年，全县生产总值年均增长7%", "", True),
    ("过去一年，全县生产总值增长7%", "", False),
    ("过去五年成绩显著。去年，全县生产总值增长7%", "", False),  # the one-year cue comes last
    ("去年成绩显著。过去五年，全县生产总值年均增长7%", "", True),
    ("全县生产总值年均增长7%", "过去五年，我们砥砺前行", True),  # from the part when the paragraph says nothing
    ("全县生产总值增长7%", "", False),
])
def test_five_year_passage(paragraph, passage, five):
    from govreport.facts.context import five_year_passage

    assert five_year_passage(paragraph, passage) is five


def _five_year_review(sentence: str) -> list[tuple[str | None, str, str | None, str]]:
    text = f"某县2022年政府工作报告\n一、过去五年工作回顾\n{sentence}\n二、2022年主要目标\n全县生产总值增长7%。\n"
    r = extract(text, Options(doc_id="x", tasks=False, slogans=False))
    assert r.doc.review_period == "2017-2021"
    return [(f.indicator, str(f.measure), f.period, f.period_source) for f in r.facts if str(f.kind) != "target"]


@pytest.mark.parametrize(("sentence", "expected"), [
    # 较2016年净增 in a review of 2017-2021: the five years reviewed (2016 is their base)
    ("全县常住人口较2016年净增3万人。", ("population", "change", "2017-2021", "report")),
    ("全县常住人口较2017年净增3万人。", ("population", "change", "2017-2021", "report")),
    # a base before that, or a change up to an earlier year: the years the sentence names
    ("全县常住人口较2015年净增3万人。", ("population", "change", "2015-2021", "sentence")),
    ("2019年全县生产总值较2016年净增30亿元。", ("gdp", "change", "2016-2019", "sentence")),
    # a named plan whose end is not after the year the sentence names: the plan's years
    ("“十三五”期间全县生产总值年均增长7.5%。", ("gdp", "growth_avg", "2016-2020", "sentence")),
    ("2020年是“十三五”收官之年，“十三五”期间全县生产总值年均增长7.5%。", ("gdp", "growth_avg", "2016-2020", "sentence")),
])
def test_periods_of_changes_and_averages_in_a_five_year_review(sentence, expected):
    assert _five_year_review(sentence)[:1] == [expected]


# -- edges the merged code's mutation run left untested (each fails under one surviving mutant) --
_HEAD = "2021年某市人民政府工作报告\n——2021年1月20日在某市第十五届人民代表大会第五次会议上\n各位代表：\n"


def _in_part(part: str, sentence: str):  # type: ignore[no-untyped-def]
    report = extract(_HEAD + part + sentence + "\n", Options(text_only=True, tasks=False, slogans=False))
    return [f for f in report.facts if f.indicator]


@pytest.mark.parametrize(("part", "sentence", "expected"), [
    # a growth over a span the passage names is cumulative; a one-year growth in the same plan is not
    ("二、“十四五”时期主要目标任务\n", "五年内地区生产总值增长40%。", ("gdp", "growth_cum", 40.0, "2021-2025")),
    ("二、2021年工作安排\n", "今年地区生产总值增长6%左右。", ("gdp", "growth", 6.0, "2021")),
])
def test_span_growth_is_cumulative(part: str, sentence: str, expected: tuple) -> None:  # type: ignore[type-arg]
    got = [(f.indicator, str(f.measure), f.value, f.period) for f in _in_part(part, sentence)]
    assert expected in got, got


def test_a_trailing_subject_has_no_indicator_span_before_its_number() -> None:
    """288万农村贫困人口实现脱贫: the subject follows the number, so the fact's indicator words are
    not taken as a span before it; a subject before its number keeps its span."""
    trailing = [f for f in _in_part("一、2020年工作回顾\n", "全年288万农村贫困人口实现脱贫。") if f.indicator == "poverty_reduction"]
    leading = [f for f in _in_part("一、2020年工作回顾\n", "地区生产总值增长3%。") if f.indicator == "gdp"]
    assert trailing and trailing[0].indicator_span is None
    assert leading and leading[0].indicator_span is not None


@pytest.mark.parametrize("year", ["二〇三〇", "二零三零", "二○三○"])
def test_a_year_spelled_with_any_zero_sets_the_period(year: str) -> None:
    got = [(f.indicator, f.period) for f in _in_part("二、2021年工作安排\n", f"到{year}年，地区生产总值达到8000亿元。")]
    assert got == [("gdp", "2030")]


@pytest.mark.parametrize(("part", "sentence", "expected"), [
    # a level over a five-year span stays a level (only a growth over it is cumulative)
    ("二、“十四五”时期主要目标任务\n", "五年内常住人口城镇化率达到65%。", [("urbanization_rate", "level", 65.0, "2021-2025")]),
    # two subjects' levels, then their growths without 分别: handed out in the same order
    ("一、2020年工作回顾\n", "城镇、农村居民人均可支配收入分别达到3万元、1.5万元，增长5%、6%。",
     [("urban_disposable_income", "level", 30000.0, "2020"), ("rural_disposable_income", "level", 15000.0, "2020"),
      ("urban_disposable_income", "growth", 5.0, "2020"), ("rural_disposable_income", "growth", 6.0, "2020")]),
])
def test_measures_over_spans_and_lists_handed_out(part: str, sentence: str, expected: list) -> None:  # type: ignore[type-arg]
    assert [(f.indicator, str(f.measure), f.value, f.period) for f in _in_part(part, sentence)] == expected


def test_a_figure_s_words_never_begin_inside_a_number() -> None:
    """The cue words before an unnamed figure are cut 16 characters back; a cut that falls inside
    1955 moves past the whole number, never into the middle of it."""
    for words in ("年以来各方面共同努力累计增长", "年以来各方面共同努力累计共增长"):  # the cut lands on either digit
        report = extract(_HEAD + f"一、2020年工作回顾\n甲乙丙1955{words}12%。\n",
                         Options(text_only=True, tasks=False, slogans=False))
        assert [report.text[f.span.start:f.span.end] for f in report.facts] == [f"{words}12%"]


def test_a_target_block_keeps_the_year_its_label_names() -> None:
    """2023年主要预期目标是： in a 2021 report: the block's targets are for 2023, not the plan year."""
    report = extract(_HEAD + "2023年主要预期目标是：\n● 地区生产总值增长6%左右\n● 城镇新增就业5万人\n",
                     Options(text_only=True, tasks=False, slogans=False))
    assert report.doc.plan_year == 2021
    assert [(f.indicator, str(f.kind), f.period) for f in report.facts] == [
        ("gdp", "target", "2023"), ("new_urban_jobs", "target", "2023")]
