"""The ids added for the national reports (1954–2025): budget lines of the planned economy, its
output aggregates, the central funds of later reports. Each alias example names its own id, a part
never falls to its whole (重工业总产值 is no industrial_output), and whole sentences through the
extractor give the id and value (my own phrasings of several decades, none copied from a report)."""

from __future__ import annotations

import pytest
from coverage_checks import first_id, has_level_range, review_facts, undescribed

from govreport import Options, extract
from govreport.facts.mentions import find_mentions

# a mention → the indicator it names
ALIAS_EXAMPLES = [
    ("工业支出为九十亿元", "industry_spending"),
    ("用于工业的支出增长百分之三十", "industry_spending"),
    ("农业、林业、水利、气象支出为二十五亿元", "agri_water_spending"),
    ("农林水支出增长6%", "agri_water_spending"),
    ("交通邮电支出比上年增长一倍", "transport_spending"),
    ("交通运输支出为三十亿元", "transport_spending"),
    ("卫生支出四千万元", "health_spending"),
    ("中央财政医疗卫生支出增长9%", "central_health_spending"),  # the central part keeps its own id
    ("科学技术支出增长12%", "science_spending"),
    ("中央财政用于科技的投入达到二千亿元", "central_science_spending"),
    ("社会保障和就业支出增长8%", "social_security_spending"),
    ("国家财政性教育经费占国内生产总值比例达到4%", "public_education_funds"),
    ("总预备费八亿元", "budget_reserve"),
    ("年终结余十亿元", "budget_surplus"),
    ("上年结转收入十二亿元", "carryover_revenue"),
    ("信贷保险收入二十亿元", "credit_insurance_revenue"),
    ("国外借款收入九亿元", "foreign_borrowing_revenue"),
    ("关税收入增长15%", "customs_revenue"),
    ("中央财政赤字7000亿元", "central_deficit"),  # a part of the deficit, not the whole
    ("地方财政赤字3000亿元", "local_deficit"),
    ("财政赤字1万亿元", "deficit"),
    ("代地方发债2000亿元", "local_government_bonds"),
    ("地方政府专项债券3.9万亿元", "special_bonds"),
    ("预算稳定调节基金500亿元", "budget_stabilization_fund"),
    ("超收收入全部用于还债", "revenue_overrun"),
    ("就业专项资金三百亿元", "employment_funds"),
    ("农机具购置补贴资金200亿元", "farm_machinery_subsidy"),
    ("抗灾救灾资金60亿元", "disaster_relief_funds"),
    ("财政专项扶贫资金增长20%", "poverty_funds"),
    ("城乡医疗救助补助资金150亿元", "medical_assistance_funds"),
    ("中小企业发展专项资金40亿元", "sme_development_funds"),
    ("解决4000万人的安全饮水问题", "rural_safe_water"),
    ("现代工业增长百分之二十", "modern_industry_output"),
    ("手工业总产值增长百分之十", "handicraft_output"),
    ("工业和手工业总产值达到九百亿元", "industrial_output"),  # the two together: all industry
    ("生产资料的生产增长百分之二十五", "producer_goods_output"),
    ("生活资料的生产增长百分之十五", "consumer_goods_output"),
    ("重工业总产值增长8%", "heavy_industry_output"),  # a part of industrial output, not its whole
    ("轻工业产值占工业总产值的比重为47%", "light_industry_output"),
    ("收购商品总额二千亿元", "commodity_procurement"),
    ("农民的购买力提高了一倍", "rural_purchasing_power"),
    ("社会购买力估算为五百亿元", "social_purchasing_power"),
    ("有经济贸易关系的国家和地区达到二百个", "trade_partners"),
    ("同我国建交的国家达到一百六十个", "diplomatic_partners"),
    ("高级中学在校学生的人数增长一倍", "senior_high_students"),
    ("初级中学在校学生增长百分之五十", "junior_high_students"),
    ("职工总数达到一亿人", "staff_count"),
    ("农业和副业总产值增长百分之五", "agricultural_output"),
    ("社会零售总额增长百分之十", "retail_sales"),
    ("基本建设总投资额为一百五十亿元", "capital_construction_investment"),
    ("外商直接投资八百亿美元", "foreign_investment"),
    ("中央预算内经常性建设投资九百亿元", "central_budget_investment"),
    ("主要污染物排放总量减少10%", "major_pollutant_emissions"),
    ("用于积累的部分为九百亿元", "accumulation_fund"),
    ("消费基金增长百分之十", "consumption_fund"),
    ("投资率为35%", "investment_rate"),
    ("国债余额占国内生产总值比重为18%", "public_debt_ratio"),  # a ratio, not GDP
    ("幼儿园幼儿达到六十万人", "kindergarten_children"),  # the children, not the kindergartens
    ("铁路投资8000亿元", "railway_investment"),  # money, not the railway's length
    ("公路建设投资1.2万亿元", "highway_investment"),
    ("交通投资增长10%", "transport_investment"),
    ("夏粮减产二十亿斤", "summer_grain"),  # a part of the harvest, not grain_output
    ("秋粮总产量增加五十亿斤", "autumn_grain"),
    ("本专科毕业生九百万人", "college_graduates"),
    ("扶贫对象减少1000万人", "rural_poor_population"),
    ("亏损工业企业的亏损金额达三十亿元", "enterprise_losses"),
    ("工业企业可比产品的成本上升百分之一", "comparable_cost"),
    ("消费在国民收入中的比重上升到百分之七十", "consumption_rate"),
    ("积累所占的比重降到百分之三十", "accumulation_rate"),
    ("国家预算内直接安排的投资增长百分之五", "budget_investment"),
    ("中央预算内投资5000亿元", "central_budget_investment"),  # the central part keeps its own id
    ("裁减军队员额三十万", "army_cuts"),
    ("城镇建成住宅二亿平方米", "housing_construction"),
    ("发电增长百分之十二", "power_generation"),
    ("发电量增长百分之十二", "power_generation"),
    ("亩产皮棉八十斤", "cotton_yield"),
    ("财政性教育经费支出占国内生产总值比例达到4%", "public_education_ratio"),  # the ratio, not the money
    ("财政性教育经费增长10%", "public_education_funds"),
    ("煤炭消费比重下降1.5个百分点", "coal_consumption_share"),
    ("清洁能源消费比重提高2个百分点", "clean_energy_share"),
    ("农村妇女住院分娩率达到98%", "hospital_delivery_rate"),
    ("完成病险水库除险加固3000座", "reservoir_reinforcement"),
    ("对外承包工程营业额1500亿美元", "overseas_contracting"),
    ("全社会研发支出占国内生产总值比重达到2.5%", "rd_intensity"),
    ("二氧化碳排放强度降低4%", "carbon_intensity"),
    ("各类棚户区改造住房600万套", "shantytown_renovation"),
    ("全民所有制单位固定资产投资总额达到六千亿元", "state_fixed_asset_investment"),  # a part, not all FAI
    ("新增固定资产四千亿元", "new_fixed_assets"),
    ("工业制成品占出口总值的比重上升到百分之六十", "manufactured_exports_share"),
    ("城乡储蓄余额达八百亿元", "household_savings"),
    ("全国人口增长率降到千分之十二", "natural_growth_rate"),
    ("受灾人口约五千万人", "disaster_population"),
    ("农作物成灾面积一亿亩", "disaster_area"),
    ("公路的通车里程将达二十万公里", "highway_mileage"),
    ("保障性安居工程补助资金800亿元", "affordable_housing_funds"),  # the money, not the homes
    ("保障性安居工程700万套", "affordable_housing"),
    ("人工草场面积增加到一亿亩", "artificial_grassland"),
    ("淡水养殖面积扩大一千万亩", "freshwater_aquaculture_area"),
    ("海水养殖面积五十万亩", "marine_aquaculture_area"),
    ("五年内毕业研究生六万人", "postgraduate_graduates"),
    ("招收研究生三万人", "postgraduate_enrollment"),
    ("参合农民达到8亿人", "rural_cooperative_medical"),
    ("城乡低保对象4000万人", "dibao_recipients"),
    ("城乡低保标准提高10%", "minimum_living_standard"),  # the standard, not the people
]


@pytest.mark.parametrize(("text", "expected"), ALIAS_EXAMPLES)
def test_a_mention_names_its_id(text: str, expected: str) -> None:
    got, found = first_id(text)
    assert got == expected, found


def test_every_example_id_is_described() -> None:
    assert undescribed([i for _, i in ALIAS_EXAMPLES]) == []


def test_a_part_of_farming_is_no_agricultural_output() -> None:
    """设施农业产值 (greenhouse farming) is a part: it never reads as agricultural_output."""
    assert "agricultural_output" not in [m.indicator for m in find_mentions("设施农业产值突破300亿元")]


def test_a_tariff_rate_is_no_customs_revenue() -> None:
    """关税总水平 (a rate) has no id: only the money collected (关税收入) is customs_revenue."""
    assert "customs_revenue" not in [m.indicator for m in find_mentions("关税总水平降到9.8%")]


# whole sentences through the extractor: (sentence, id, value)
FACT_EXAMPLES = [
    ("一九五六年工业支出为八十五亿元，比上年增长百分之四十。", "industry_spending", 8.5e9),
    ("一九五六年工业支出为八十五亿元，比上年增长百分之四十。", "industry_spending", 40),
    ("交通运输支出为二十九亿元。", "transport_spending", 2.9e9),
    ("总预备费为七亿九千万元。", "budget_reserve", 7.9e8),
    ("一九五五年轻工业总产值比上年增长百分之九。", "light_industry_output", 9),
    ("重工业产值计划平均每年递增百分之五。", "heavy_industry_output", 5),
    ("五年内生产资料的产值将增长百分之一百二十。", "producer_goods_output", 120),
    ("手工业总产值达到一百三十亿元。", "handicraft_output", 1.3e10),
    ("现代工业在工业农业总产值中的比重上升到百分之三十二。", "modern_industry_output", 32),
    ("农业和农副业总产值达到六百亿元。", "agricultural_output", 6e10),
    ("今年再解决2500万农村人口的安全饮水问题。", "rural_safe_water", 2.5e7),
    ("新解决农村4000多万人饮水安全问题。", "rural_safe_water", 4e7),
    ("今年中央财政赤字8000亿元。", "central_deficit", 8e11),
    ("中央财政安排就业补助资金420亿元。", "employment_funds", 4.2e10),
    ("同我国建交的国家已经达到160个。", "diplomatic_partners", 160),
    ("全国农民的购买力达到一百九十亿元。", "rural_purchasing_power", 1.9e10),
    # an adverb between the subject and its number keeps the subject (cues.yaml glue)
    ("按照这个要求，全国粮食总产量应该达到八千亿斤。", "grain_output", 4e8),
    ("一九五七年工业总产值仍然比上年增长百分之十二。", "industrial_output", 12),
    ("中学在校学生已经由三百万人增加到七百万人。", "secondary_students", 7e6),
    # 增产 / 减产 / 缩减为 are measure words; 的产量为, 的指标为 keep the product named before them
    ("去年原煤增产了一千五百万吨。", "coal_output", 1.5e7),
    ("今年的计划要求棉花增产百分之二十。", "cotton_output", 20),
    ("受灾害影响，粮食比上年减产六十亿公斤。", "grain_output", -6e6),
    ("基本建设投资压缩为二百亿元。", "capital_construction_investment", 2e10),
    ("一九五八年钢的指标为六百二十万吨。", "steel_output", 6.2e6),
    ("水泥的产量为四百五十万吨。", "cement", 4.5e6),
    # 决算数 / 预计数 / 完成数 name the base year's kind of figure: the growth is still the line's
    ("一九五七年国防费支出为五十五亿元，比上年国防费决算数减少百分之六。", "defense_spending", -6),
    ("国营企业收入为一百五十亿元，比一九五六年决算数增长百分之二十。", "soe_revenue", 20),
    ("基本建设投资额拟定为一百六十亿元，比上年的预计数增加十五亿元。", "capital_construction_investment", 1.5e9),
    ("完成造林面积三千万亩，比上年完成数增长百分之十八。", "afforestation", 18),
    # a budget line's share of a total (占…总数的) keeps the line for the growth after it
    ("交通运输支出为三十亿元，占经济建设费总数的百分之十八，比上年增长百分之五十。", "transport_spending", 50),
    # a period before the subject (在恢复期间) dates it, it does not narrow it
    ("在恢复期间工业总产值平均每年递增百分之三十。", "industrial_output", 30),
]


@pytest.mark.parametrize(("sentence", "expected", "value"), FACT_EXAMPLES)
def test_a_sentence_gives_the_id(sentence: str, expected: str, value: float) -> None:
    got = review_facts(sentence, 1957, "国务院{year}年政府工作报告")
    assert (expected, pytest.approx(value)) in got, got


def test_a_part_of_industry_is_never_its_whole() -> None:
    report = extract("国务院1981年政府工作报告\n一、1980年工作回顾\n重工业总产值比上年下降百分之四点七。\n",
                     Options(doc_id="x", tasks=False, slogans=False))
    assert [f.indicator for f in report.facts] == ["heavy_industry_output"]


RANGED = ["industry_spending", "handicraft_output", "rural_safe_water", "trade_partners", "staff_count"]


@pytest.mark.parametrize("ind_id", RANGED)
def test_new_ids_have_a_level_range(ind_id: str) -> None:
    assert has_level_range(ind_id)


# units of the 1950s reports and of transport turnover (units.tsv): (text, value, canonical unit)
UNIT_EXAMPLES = [
    ("八十万平方公尺", 8e5, "平方米"),
    ("三千公尺", 3000, "米"),
    ("十亿立方公尺", 1e9, "立方米"),
    ("九亿多公方", 9e8, "立方米"),
    ("四百亿吨公里", 4e10, "吨"),
    ("六十亿人公里", 6e9, "人次"),
    ("三亿人海里", 3e8, "人次"),
]


@pytest.mark.parametrize(("text", "value", "unit"), UNIT_EXAMPLES)
def test_old_and_turnover_units(text: str, value: float, unit: str) -> None:
    from govreport.numbers import parse_quantity

    q = parse_quantity(text)
    assert q is not None and q.value == pytest.approx(value) and q.unit == unit, q


def test_passenger_turnover_in_person_kilometres_has_its_id() -> None:
    report = extract("国务院1957年政府工作报告\n一、1956年工作回顾\n旅客周转量将达到二百八十亿人公里。\n",
                     Options(doc_id="x", tasks=False, slogans=False))
    assert [(f.indicator, f.value) for f in report.facts] == [("passenger_turnover", pytest.approx(2.8e10))]
