"""Small errors of issue 12 items 3/4 left from the last sessions (round 4): thousands separators
written as a full-width comma, 新增 before a stock, a base year spelled in Chinese numerals, ranks
among a group of regions, aliases that took the wrong concept, Chinese multiples (一点六倍), and
meta cues anchored with ^. Every sentence is written for this file (none is a corpus line); reports
of every level and decade."""

from __future__ import annotations

import importlib

import pytest

from govreport import Options, extract
from govreport.errors import LexiconError
from govreport.ingest import matching_view
from govreport.metadata.cues import anchored, parse_cues, year_from_cues
from govreport.numbers import find_quantities

Row = tuple[str, str | None, str | None, str, float, str]


def found(sentence: str) -> list[tuple[float, str, str, str]]:
    """(value, unit, bound, the words of the span) of each quantity of a sentence."""
    view = matching_view(sentence)
    return [(q.value, q.unit, str(q.bound), view[q.span.start : q.span.end]) for q in find_quantities(view)]


def facts(title: str, heading: str, body: str) -> list[Row]:
    """(kind, period, indicator, measure, value, unit) of every fact of a one-heading report."""
    r = extract(f"{title}\n{heading}\n{body}\n", Options(doc_id="x", tasks=False, slogans=False))
    return [(str(f.kind), f.period, f.indicator, str(f.measure), f.value, f.unit) for f in r.facts]


def ranks(body: str) -> list[tuple[str | None, float, str | None, str | None]]:
    """(indicator, rank, rank_scope, rank_of) of the rank facts of a review paragraph of 2018."""
    r = extract(f"某市2019年政府工作报告\n一、2018年工作回顾\n{body}\n", Options(doc_id="x", tasks=False, slogans=False))
    return [(f.indicator, f.value, f.rank_scope, f.rank_of) for f in r.facts if str(f.measure) == "rank"]


# -- 1. a full-width comma between thousands (already right on main: rows only) -------------------------
@pytest.mark.parametrize(("sentence", "expected"), [
    ("全县拥有摩托车2，350万辆。", [(2.35e7, "辆", "exact", "2,350万辆")]),
    ("拥有摩托车2,350万辆。", [(2.35e7, "辆", "exact", "2,350万辆")]),
    ("拥有拖拉机1，205 万台。", [(1.205e7, "台", "exact", "1,205 万台")]),
    ("棉花产量４，５６０万担。", [(2.28e6, "吨", "exact", "4,560万担")]),  # full-width digits and comma
    ("缝纫机1，250万架，增加80万架。", [(1.25e7, "架", "exact", "1,250万架"), (8e5, "架", "exact", "80万架")]),
    ("社会消费品零售总额达到12，345，678万元。", [(1.2345678e11, "元", "exact", "12,345,678万元")]),
    # a list comma: not three digits after it, so no thousands separator
    ("两项分别为4，6个。", [(6.0, "个", "exact", "6个")]),
    ("分别增长3，5个百分点。", [(5.0, "个百分点", "exact", "5个百分点")]),
    ("新建学校12，34所。", [(34.0, "所", "exact", "34所")]),
    ("两县分别为1，2345户。", [(2345.0, "户", "exact", "2345户")]),  # four digits after: a list
])
def test_full_width_thousands_separator(sentence, expected):
    assert found(sentence) == expected


# -- 2. 新增 before a stock is its change; before a flow, the year's level (ANNOTATION: 城镇新增就业) ---------
REVIEW_2018 = ("某县2019年政府工作报告", "一、2018年工作回顾")


@pytest.mark.parametrize(("body", "expected"), [
    ("全年新增耕地3.5万亩。", [("actual", "2018", "farmland_area", "change", 35000.0, "亩")]),
    ("减少耕地0.8万亩。", [("actual", "2018", "farmland_area", "change", -8000.0, "亩")]),
    ("通过土地整治增加耕地2.1万亩。", [("actual", "2018", "farmland_area", "change", 21000.0, "亩")]),
    ("全县耕地保有量稳定在45万亩。", [("actual", "2018", "farmland_area", "level", 450000.0, "亩")]),
    ("新增上市公司4家。", [("actual", "2018", "listed_companies", "change", 4.0, "家")]),
    ("新增发电装机120万千瓦。", [("actual", "2018", "power_capacity", "change", 1.2e6, "千瓦")]),
    ("新增高速公路通车里程85公里。", [("actual", "2018", "expressway_mileage", "change", 85000.0, "米")]),
    ("新增高新技术企业36家。", [("actual", "2018", "high_tech_enterprises", "change", 36.0, "家")]),
    ("新增养老床位800张。", [("actual", "2018", "elderly_care_beds", "change", 800.0, "张")]),
    # flows: the year's own amount stays a level
    ("新增高标准农田12万亩。", [("actual", "2018", "high_standard_farmland", "level", 120000.0, "亩")]),
    ("城镇新增就业5000人。", [("actual", "2018", "new_urban_jobs", "level", 5000.0, "人")]),
    ("新增造林8万亩。", [("actual", "2018", "afforestation", "level", 80000.0, "亩")]),
    ("减少贫困人口1.2万人。", [("actual", "2018", "poverty_reduction", "level", 12000.0, "人")]),
])
def test_added_to_a_stock_is_a_change(body, expected):
    assert facts(*REVIEW_2018, body) == expected


def test_a_year_after_a_verb_ending_in_wei_dates_its_figure():
    got = facts("某省1953年政府工作报告", "一、过去的工作", "全省财政赤字由一九五零年的3亿元下降为一九五二年的1亿元。")
    assert got == [("actual", "1950", "deficit", "level", 3e8, "元"),
                   ("actual", "1952", "deficit", "level", 1e8, "元")]  # 下降为: the level reached, as 降至


@pytest.mark.parametrize(("body", "expected"), [
    ("城镇登记失业率下降为3.2%。", [("actual", "2018", "registered_unemployment", "level", 3.2, "%")]),
    ("全县耕地面积减少为40万亩。", [("actual", "2018", "farmland_area", "level", 400000.0, "亩")]),
    ("全县粮食产量增加为30万吨。", [("actual", "2018", "grain_output", "level", 300000.0, "吨")]),
    ("全县粮食产量增加30万吨。", [("actual", "2018", "grain_output", "change", 300000.0, "吨")]),
])
def test_a_change_verb_with_wei_is_the_level_reached(body, expected):
    assert facts(*REVIEW_2018, body) == expected


def test_a_stock_outside_the_table_is_refused(monkeypatch):
    fcues = importlib.import_module("govreport.facts.cues")  # (the package's name cues is the lexicon's)
    data = dict(fcues.cues())
    data["stock_indicators"] = ["farmland_area", "no_such_indicator"]
    monkeypatch.setattr(fcues, "cues", lambda: data)
    fcues.compiled.cache_clear()
    try:
        with pytest.raises(LexiconError, match="no_such_indicator"):
            fcues.compiled()
    finally:
        fcues.compiled.cache_clear()


# -- 3. 比一九五七年 behaves as 比1957年: growth_cum (and change) over the years since the base -------------------
@pytest.mark.parametrize(("title", "heading", "body", "expected"), [
    ("某省1965年政府工作报告", "一、过去一年的工作", "全省粮食产量比一九五七年增长百分之三十。",
     [("actual", "1957-1964", "grain_output", "growth_cum", 30.0, "%")]),
    ("某省1965年政府工作报告", "一、过去一年的工作", "全省粮食产量比1957年增长30%。",
     [("actual", "1957-1964", "grain_output", "growth_cum", 30.0, "%")]),
    ("某省1965年政府工作报告", "一、过去一年的工作", "全省粮食产量比一九五七年增加一百亿斤。",
     [("actual", "1957-1964", "grain_output", "change", 5e6, "吨")]),
    ("国务院1960年政府工作报告", "一、过去一年的工作", "钢产量比一九五七年增长一点六倍。",
     [("actual", "1957-1959", "steel_output", "growth_cum", 160.0, "%")]),
    ("国务院1960年政府工作报告", "一、过去一年的工作", "钢产量达到一千八百万吨，比一九五七年增长两倍以上。",
     [("actual", "1959", "steel_output", "level", 1.8e7, "吨"),
      ("actual", "1957-1959", "steel_output", "growth_cum", 200.0, "%")]),
    ("某县1986年政府工作报告", "一、过去五年的工作", "全县工农业总产值比一九八〇年增长百分之六十五。",
     [("actual", "1980-1985", "gross_output_industry_agriculture", "growth_cum", 65.0, "%")]),
    # a one-year base stays a one-year growth
    ("国务院1960年政府工作报告", "一、过去一年的工作", "煤炭产量比上年增长一倍。",
     [("actual", "1959", "coal_output", "growth", 100.0, "%")]),
    ("某省1955年政府工作报告", "一、过去一年的工作", "一九五四年全省工业总产值比一九五三年增长百分之十二。",
     [("actual", "1954", "industrial_output", "growth", 12.0, "%")]),
    ("某省2020年政府工作报告", "一、2019年工作回顾", "2019年全省工业总产值比2018年增长6%。",
     [("actual", "2019", "industrial_output", "growth", 6.0, "%")]),
    ("国务院1959年政府工作报告", "二、今年的任务", "一九五九年的农业总产值比一九五八年增长百分之二十。",
     [("target", "1959", "agricultural_output", "growth", 20.0, "%")]),
    # a target by a later year grows from the year after its base
    ("某县1982年政府工作报告", "二、今后的任务", "到一九八五年，全县社会商品零售总额将比一九八○年增长百分之四十。",
     [("target", "1981-1985", "retail_sales", "growth_cum", 40.0, "%")]),
    # 等于/相当于/为/达到 a year's level N times: a ratio (+(N-1)×100%) over the years since that year
    ("国务院1955年政府工作报告", "一、过去一年的工作", "全国原煤产量等于一九四九年的二点五倍。",
     [("actual", "1949-1954", "coal_output", "growth_cum", 150.0, "%")]),
    ("国务院1955年政府工作报告", "一、过去一年的工作", "全国原煤产量达到一九四九年的二点五倍。",
     [("actual", "1949-1954", "coal_output", "growth_cum", 150.0, "%")]),
    ("国务院2001年政府工作报告", "一、过去五年的工作", "全国国有工业企业实现利润2392亿元，为1997年的2.9倍。",
     [("actual", "2000", "industrial_profit", "level", 2.392e11, "元"),
      ("actual", "1997-2000", "industrial_profit", "growth_cum", 190.0, "%")]),
    ("某市2021年政府工作报告", "二、今年的目标", "到2025年全市生产总值达到2020年的1.5倍。",
     [("target", "2021-2025", "gdp", "growth_cum", 50.0, "%")]),
    # a list of multiples shares the head's base (…的3.4倍和2.2倍 → +240%, +120%)
    ("某省1988年政府工作报告", "一、过去一年的工作", "全省粮食和棉花产量分别为1982年的1.4倍和2.2倍。",
     [("actual", "1982-1987", "grain_output", "growth_cum", 40.0, "%"),
      ("actual", "1982-1987", "cotton_output", "growth_cum", 120.0, "%")]),
])
def test_a_spelled_base_year_is_a_cumulative_growth(title, heading, body, expected):
    assert facts(title, heading, body) == expected


# -- a Chinese numeral before 倍 after a growth word, or with decimals, is a multiple --------------------------
@pytest.mark.parametrize(("sentence", "expected"), [
    ("产值增长两倍。", [(2.0, "倍", "exact", "两倍")]),
    ("产值增长一倍以上。", [(1.0, "倍", "min", "一倍以上")]),
    ("出口额增加一倍多。", [(1.0, "倍", "min", "一倍多")]),
    ("利润增长零点八倍。", [(0.8, "倍", "exact", "零点八倍")]),
    ("产量是去年的九倍多。", [(9.0, "倍", "min", "九倍多")]),
    ("面积长了三倍。", [(3.0, "倍", "exact", "三倍")]),
    ("收入增长近两倍。", [(2.0, "倍", "approx", "近两倍")]),
    ("以十倍的努力做好工作。", []),  # a phrase, no multiple
    ("稻谷单产比小麦高一倍。", []),  # a comparison with another thing, no growth
    ("产值翻了两倍。", [(2.0, "倍", "exact", "两倍")]),
    ("三倍于此。", []),
    ("事半功倍。", []),
])
def test_chinese_multiples(sentence, expected):
    assert found(sentence) == expected


# -- 4. ranks among a group of regions: rank_scope null (the contract has no value), the subject kept ----------
@pytest.mark.parametrize(("body", "expected"), [
    ("地区生产总值增速居西部第1位。", [("gdp", 1.0, None, "growth")]),
    ("地区生产总值增速居西部地区第1位。", [("gdp", 1.0, None, "growth")]),
    ("工业增加值增速居中部六省第一。", [("industrial_value_added", 1.0, None, "growth")]),
    ("全省生产总值增速居西部12省区市第2位，居全国第8位。",
     [("gdp", 2.0, None, "growth"), ("gdp", 8.0, "national", "growth")]),
    ("地区生产总值增速居全国第5位、西部第1位。", [("gdp", 5.0, "national", "growth"), ("gdp", 1.0, None, "growth")]),
    ("出口总额居东北第二位。", [("exports", 2.0, None, None)]),
    ("地区生产总值增速居全省第2位、第1位。", [("gdp", 2.0, "province", "growth"), ("gdp", 1.0, "province", "growth")]),
    # a rank of a new subject reads its own words, not those of the rank before it
    ("两项指标增速位居中部城市首位，财税六项指标位居全省第一，工业增加值总量位居全省第二。",
     [(None, 1.0, None, "growth"), (None, 1.0, "province", None), ("industrial_value_added", 2.0, "province", "level")]),
])
def test_ranks_among_a_group_of_regions(body, expected):
    assert ranks(body) == expected


# -- 5. aliases: X比重 is X's own share; a workstation is no academician ---------------------------------------
@pytest.mark.parametrize(("body", "expected"), [
    ("全市新登记企业增长12%，民间投资比重提高到58%。",
     [("actual", "2018", "new_enterprises", "growth", 12.0, "%"),
      ("actual", "2018", "private_investment", "share", 58.0, "%")]),
    ("民间投资比重达到55%。", [("actual", "2018", "private_investment", "share", 55.0, "%")]),
    ("税收收入占全市一般公共预算收入比重为75%。", [("actual", "2018", "tax_revenue", "share", 75.0, "%")]),
    ("第三产业增加值在地区生产总值中的比重达到52%。",
     [("actual", "2018", "service_value_added", "share", 52.0, "%")]),
    ("新建院士工作站3个，引进院士5人。",
     [("actual", "2018", "academician_workstations", "level", 3.0, "个"),
      ("actual", "2018", "academicians", "level", 5.0, "人")]),
    ("新增院士专家工作站2家。", [("actual", "2018", "academician_workstations", "level", 2.0, "家")]),
])
def test_aliases_of_their_own_concept(body, expected):
    assert facts("某市2019年政府工作报告", "一、2018年工作回顾", body) == expected


# -- 6. meta cues are searched from a scope's start, where ^ never matches --------------------------------------
@pytest.mark.parametrize(("view", "expected"), [
    ("某县政府工作报告\n2020年成就：全县生产总值增长8%。", (2021, "year_results")),
    ("某县政府工作报告\n2016年工作回顾\n全县生产总值增长8%。", (2017, "review_heading")),
])
def test_a_cue_on_the_line_that_opens_the_scope(view, expected):
    assert year_from_cues(view, view.index("20"), len(view)) == expected


def test_a_cue_inside_a_line_is_no_line_start():
    view = "某县政府工作报告\n关于2020年成就的说明"
    assert year_from_cues(view, view.index("2020"), len(view)) == (None, None)


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"(?:^|\n)\s*{Y}年", True),
    (r"\A{Y}年", True),
    (r"(?<![^\n])\s*{Y}年", False),
    (r"[^。]{0,6}第{N}届", False),
    (r"\^{Y}", False),
    (r"[\]^]x", False),
])
def test_anchored_patterns(pattern, expected):
    assert anchored(pattern) is expected


def test_an_anchored_rule_is_refused_on_load():
    lines = ["rule\tscope\tpattern\tkind\toffset\tnote", "bad\thead\t(?:^|\\n){Y}年成就\tyear\t1\t2020年成就"]
    with pytest.raises(LexiconError, match="bad"):
        parse_cues(lines)
