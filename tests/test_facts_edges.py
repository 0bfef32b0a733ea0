"""Fact rules at the edges a planted bug slipped past (scripts/mutate.py --only facts): each case
fails under one surviving mutant, and states what the rule is for."""

from __future__ import annotations

import pytest

from govreport import Options, extract

_HEAD = "2026年某市人民政府工作报告\n——2026年1月20日在某市第十六届人民代表大会第五次会议上\n各位代表：\n"


def _facts(part: str, sentence: str) -> list[tuple[str | None, str, str, float, str | None]]:
    report = extract(_HEAD + part + "\n" + sentence + "\n", Options(text_only=True, tasks=False, slogans=False))
    return [(f.indicator, str(f.kind), str(f.measure), f.value, f.period) for f in report.facts if f.indicator]


_FIVE = "二、今后五年的主要目标任务"
_PLAN = "二、“十五五”时期主要目标任务"
_YEAR = "二、2026年工作安排"


@pytest.mark.parametrize(("part", "sentence", "expected"), [
    # a plain growth over the five years a part or a sentence names is the growth over the span
    (_FIVE, "地区生产总值增长40%。", ("gdp", "target", "growth_cum", 40.0, "2026-2030")),
    (_PLAN, "一般公共预算收入增长35%左右。", ("budget_revenue", "target", "growth_cum", 35.0, "2026-2030")),
    (_YEAR, "今后五年，地区生产总值增长40%。", ("gdp", "target", "growth_cum", 40.0, "2026-2030")),
    (_YEAR, "“十五五”时期，全社会固定资产投资增长50%。",
     ("fixed_asset_investment", "target", "growth_cum", 50.0, "2026-2030")),
    (_YEAR, "五年内地区生产总值增长40%。", ("gdp", "target", "growth_cum", 40.0, "2026-2030")),
    # an annual rate over the span stays an average; a one-year cue keeps a growth of one year
    (_FIVE, "地区生产总值年均增长7%。", ("gdp", "target", "growth_avg", 7.0, "2026-2030")),
    (_PLAN, "地区生产总值比上年增长6%。", ("gdp", "target", "growth", 6.0, "2026-2030")),
    (_FIVE, "今年地区生产总值增长5%左右。", ("gdp", "target", "growth", 5.0, "2026")),
    (_YEAR, "地区生产总值增长5%左右。", ("gdp", "target", "growth", 5.0, "2026")),
    # times over a span: +N×100% over it
    (_FIVE, "地区生产总值增长1.5倍。", ("gdp", "target", "growth_cum", 150.0, "2026-2030")),
])
def test_a_growth_over_a_five_year_span_is_cumulative(part: str, sentence: str, expected: tuple) -> None:  # type: ignore[type-arg]
    assert _facts(part, sentence) == [expected]


_REVIEW = "一、2025年工作回顾"


@pytest.mark.parametrize(("sentence", "expected"), [
    # an amount written before what it measures (建成21个产业集群, 建设47.8万亩高标准农田) is that
    # indicator's figure only in the indicator's own unit: 8万亩 of cotton is no cotton output (吨),
    # 2条 expressways are no expressway mileage (米)
    ("全年种植8万亩棉花，棉花总产达到2万吨。", [("cotton_output", "actual", "level", 20000.0, "2025")]),
    ("新开工2条高速公路，通车里程达到500公里。", [("expressway_mileage", "actual", "level", 500000.0, "2025")]),
])
def test_an_amount_before_a_noun_is_its_figure_only_in_its_unit(sentence: str, expected: list) -> None:  # type: ignore[type-arg]
    assert _facts(_REVIEW, sentence) == expected


def test_extract_facts_finds_the_quantities_itself_when_not_given_them() -> None:
    """The pipeline hands ``extract_facts`` the quantities it found; a caller without them gets the same facts."""
    from govreport.facts import extract_facts
    from govreport.numbers import find_quantities

    report = extract(_HEAD + _REVIEW + "\n地区生产总值增长5.2%，一般公共预算收入达到80亿元。\n",
                     Options(text_only=True, tasks=False, slogans=False))
    view = report.text  # a simplified-character text: the matching view is the text itself
    given = extract_facts(report.text, view, report.sections, report.doc, quantities=find_quantities(view))
    alone = extract_facts(report.text, view, report.sections, report.doc)
    assert [(f.indicator, f.value) for f in alone] == [("gdp", 5.2), ("budget_revenue", 8e9)]
    assert alone == given


def test_an_excerpt_that_opens_on_a_cue_reads_it_from_its_first_character() -> None:
    """A pasted excerpt with no title: 预计，下同 at the text's very start governs its paragraph."""
    report = extract("预计，下同。全市地区生产总值增长5.5%，一般公共预算收入增长6%。\n城镇新增就业5万人。\n",
                     Options(text_only=True, tasks=False, slogans=False))
    assert report.doc.partial
    assert [(f.indicator, str(f.kind)) for f in report.facts] == [
        ("gdp", "estimate"), ("budget_revenue", "estimate"), ("new_urban_jobs", "actual")]


@pytest.mark.parametrize(("back", "kind"), [(4000, "estimate"), (4001, "actual")])
def test_a_paragraph_is_read_at_most_4000_characters_back(back: int, kind: str) -> None:
    """The paragraph before a number is read for its cues (预计，下同) only 4000 characters back, which
    keeps a paragraph with no line break linear: a cue that starts 4000 characters before the number
    counts, one a character further does not."""
    cue, filler, lead = "预计，下同。", "各项事业稳步推进。", "地区生产总值增长"
    pad = back - len(cue) - len(lead)
    body = cue + (filler * (pad // len(filler) + 1))[:pad - 1] + "。" + lead + "5.5%。"
    report = extract(_HEAD + _REVIEW + "\n" + body + "\n", Options(text_only=True, tasks=False, slogans=False))
    gdp = [f for f in report.facts if f.indicator == "gdp"]
    assert len(gdp) == 1 and report.text.index(cue) == gdp[0].span.start + len(lead) - back
    assert str(gdp[0].kind) == kind


@pytest.mark.parametrize(("sentence", "rank_of"), [
    ("全市地区生产总值增速居全省第3位。", "growth"),  # the rank of its growth rate
    ("全市地区生产总值总量居全省第3位。", "level"),  # of its size
    ("全市地区生产总值居全省第3位。", None),  # the words say neither
])
def test_what_a_rank_ranks_comes_from_the_words_before_it(sentence: str, rank_of: str | None) -> None:
    report = extract(_HEAD + _REVIEW + "\n" + sentence + "\n", Options(text_only=True, tasks=False, slogans=False))
    assert [(f.indicator, str(f.measure), f.value, f.rank_scope, f.rank_of) for f in report.facts] == [
        ("gdp", "rank", 3.0, "province", rank_of)]


def _five_year_review(sentence: str) -> list[tuple[str | None, str, float, str | None, str]]:
    text = f"某县2022年政府工作报告\n一、过去五年工作回顾\n{sentence}\n二、2022年主要目标\n全县生产总值增长7%。\n"
    report = extract(text, Options(doc_id="x", tasks=False, slogans=False))
    assert report.doc.review_period == "2017-2021"
    return [(f.indicator, str(f.measure), f.value, f.period, f.period_source) for f in report.facts
            if str(f.kind) != "target"]


@pytest.mark.parametrize(("sentence", "expected"), [
    # 增长N倍 in a review of five years: the growth over them; 比上年 makes it the last year's
    ("全县一般公共预算收入增长1.2倍。", ("budget_revenue", "growth_cum", 120.0, "2017-2021", "report")),
    ("全县一般公共预算收入比上年增长1.2倍。", ("budget_revenue", "growth", 120.0, "2021", "report")),
])
def test_times_in_a_five_year_review(sentence: str, expected: tuple) -> None:  # type: ignore[type-arg]
    assert _five_year_review(sentence) == [expected]


@pytest.mark.parametrize(("sentence", "expected"), [
    # 今后五年 then 今年 with no span word (五年内, 期间): this year's figure
    ("展望今后五年，今年是开局之年，地区生产总值增长6%左右。", [("gdp", "target", "growth", 6.0, "2026")]),
    ("今后五年，地区生产总值年均增长6%左右，今年增长5.5%。",
     [("gdp", "target", "growth_avg", 6.0, "2026-2030"), ("gdp", "target", "growth", 5.5, "2026")]),
])
def test_this_year_named_after_the_five_years_dates_a_target(sentence: str, expected: list) -> None:  # type: ignore[type-arg]
    assert _facts(_YEAR, sentence) == expected


@pytest.mark.parametrize(("body", "period"), [
    # a flow (城镇新增就业) in a part that opened on 过去五年 is the five years' total…
    ("一、2020年工作回顾\n过去五年，我们砥砺前行。\n城镇新增就业25万人。", ("2016-2020", "passage")),
    # …but words before the part (its preamble) say nothing of the part's own figures
    ("过去五年，我们砥砺前行。\n一、2020年工作回顾\n城镇新增就业5万人。", ("2020", "report")),
])
def test_a_part_s_words_before_the_paragraph_date_a_flow(body: str, period: tuple[str, str]) -> None:
    head = "2021年某市人民政府工作报告\n——2021年1月20日在某市第十五届人民代表大会第五次会议上\n各位代表：\n"
    report = extract(head + body + "\n", Options(text_only=True, tasks=False, slogans=False))
    assert [(f.indicator, f.period, f.period_source) for f in report.facts] == [("new_urban_jobs", *period)]


def test_a_span_word_with_a_five_year_context_dates_a_target_over_the_five_years() -> None:
    """五年间 is a span word and a five-year context, though not one of the five-year words (今后五年)."""
    assert _facts(_YEAR, "五年间地区生产总值增长40%。") == [("gdp", "target", "growth_cum", 40.0, "2026-2030")]


@pytest.mark.parametrize(("sentence", "expected"), [
    # a clause opening on a bare noun (支出) shares the head of the subject before it (一般公共预算)
    ("一般公共预算收入增长3%，支出下降2%。", [("budget_revenue", "growth", 3.0), ("budget_spending", "growth", -2.0)]),
    ("一般公共预算收入80亿元创历史新高，支出120亿元。",
     [("budget_revenue", "level", 8e9), ("budget_spending", "level", 1.2e10)]),
])
def test_a_bare_noun_after_a_comma_shares_the_head_before_it(sentence: str, expected: list) -> None:  # type: ignore[type-arg]
    assert [(i, m, v) for i, _, m, v, _ in _facts(_REVIEW, sentence)] == expected


_OPENING = "今年要坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，推动高质量发展取得新成效。\n"


def test_a_label_on_the_text_s_last_line_labels_its_figures() -> None:
    """“十三五”成就： with no line break after it (the text's end): its figure is an achievement of the
    plan's years, not a target of the part it stands in."""
    report = extract(_HEAD.replace("2026", "2021") + "二、2021年工作安排\n" + _OPENING + "“十三五”成就：地区生产总值年均增长7%",
                     Options(text_only=True, tasks=False, slogans=False))
    assert not report.text.endswith("\n")
    assert [(f.indicator, str(f.kind), f.period, f.period_source) for f in report.facts] == [
        ("gdp", "actual", "2016-2020", "passage")]


def test_each_of_two_labels_gives_its_own_lines_their_kind_and_period() -> None:
    report = extract(_HEAD.replace("2026", "2021") + "二、2021年工作安排\n" + _OPENING
                     + "“十三五”成就：\n● 地区生产总值年均增长7%\n● 城镇新增就业25万人\n"
                     + "主要预期目标：\n● 地区生产总值增长6%左右\n● 城镇新增就业5万人\n",
                     Options(text_only=True, tasks=False, slogans=False))
    assert [(f.indicator, str(f.kind), f.period) for f in report.facts] == [
        ("gdp", "actual", "2016-2020"), ("new_urban_jobs", "actual", "2016-2020"),
        ("gdp", "target", "2021"), ("new_urban_jobs", "target", "2021")]


def test_a_growth_in_a_part_that_does_not_name_the_five_years_is_not_cumulative() -> None:
    """A year's work under a heading that names both (“十五五”时期目标任务和2026年工作安排): in a sub-part
    whose words do not name the five years, a plain growth is no growth over them."""
    report = extract(_HEAD + "二、“十五五”时期目标任务和2026年工作安排\n（一）统筹促消费和扩投资\n"
                     "社会消费品零售总额增长4%左右。\n", Options(text_only=True, tasks=False, slogans=False))
    assert [(f.indicator, str(f.kind), str(f.measure), f.value) for f in report.facts] == [
        ("retail_sales", "target", "growth", 4.0)]


def test_names_five_years() -> None:
    from govreport.facts.context import names_five_years

    assert names_five_years("今后五年，地区生产总值增长")
    assert names_five_years("地区生产总值增长", "二、“十五五”时期主要目标任务\n")
    assert not names_five_years("地区生产总值增长", "（一）统筹促消费和扩投资\n")
    assert not names_five_years("今年地区生产总值增长")


@pytest.mark.parametrize("sentence", [
    "城镇居民人均可支配收入平均每年实际增长百分之六至百分之七。",  # the words before the second number reach back past 平均
    "每年增长7%左右。",
])
def test_a_rate_of_each_year_is_never_a_growth_over_the_five_years(sentence: str) -> None:
    report = extract(_HEAD + _FIVE + "\n" + sentence + "\n", Options(text_only=True, tasks=False, slogans=False))
    measures = [str(f.measure) for f in report.facts]
    assert measures and "growth_cum" not in measures, measures


_INCOMES = "城镇和农村居民人均可支配收入"
URBAN, RURAL = "urban_disposable_income", "rural_disposable_income"


@pytest.mark.parametrize(("sentence", "expected"), [
    # a second 分别 with no comma before it still hands its values out in order
    (f"{_INCOMES}分别达到35000元、16000元分别年均增长8%、9%。",
     [(URBAN, "level", 35000.0), (RURAL, "level", 16000.0), (URBAN, "growth_avg", 8.0), (RURAL, "growth_avg", 9.0)]),
    # 均 right after a list's last value (no comma): the rank is each listed subject's
    (f"{_INCOMES}分别达到35000元、16000元，分别增长8%、9%均居全省第1位。",
     [(URBAN, "level", 35000.0), (RURAL, "level", 16000.0), (URBAN, "growth", 8.0), (RURAL, "growth", 9.0),
      (URBAN, "rank", 1.0), (RURAL, "rank", 1.0)]),
])
def test_lists_run_together_without_a_comma(sentence: str, expected: list) -> None:  # type: ignore[type-arg]
    assert [(i, m, v) for i, _, m, v, _ in _facts(_REVIEW, sentence)] == expected


def test_values_handed_to_unnamed_subjects_are_not_the_subject_before_them() -> None:
    """三次产业增加值分别增长…: the three growths are the three sectors', not the 生产总值 named before them."""
    report = extract(_HEAD + _REVIEW + "\n全县生产总值达到300亿元，三次产业增加值分别增长5%、8%和10%。\n",
                     Options(text_only=True, tasks=False, slogans=False))
    assert [(f.indicator, str(f.measure), f.value) for f in report.facts] == [
        ("gdp", "level", 3e10), ("primary_value_added", "growth", 5.0), ("secondary_value_added", "growth", 8.0),
        ("service_value_added", "growth", 10.0)]  # (cues.split_words: one value to each sector)


def test_a_later_list_item_borrows_a_head_of_two_characters_at_least() -> None:
    """单位生产总值能耗、二氧化碳排放量: a later item may take the first one's head; a single character
    (存 of 存款余额) is no head: 贷款 is not 存贷款, nor the deposits named first."""
    report = extract(_HEAD + _REVIEW + "\n金融机构存款余额、贷款分别增长10%、12%。\n",
                     Options(text_only=True, tasks=False, slogans=False))
    got = [(f.indicator, f.value) for f in report.facts]
    assert got[0] == ("deposits", 10.0) and len(got) == 2
    assert got[1][1] == 12.0 and got[1][0] not in ("deposits", "deposits_and_loans")
