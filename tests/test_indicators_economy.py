"""The economy ids (industry and products, agriculture, energy, fiscal lines, finance, trade,
investment, enterprises, prices, incomes): each alias example names its indicator, and a part
never falls to its whole (一般性转移支付 is not the total of transfers)."""

from __future__ import annotations

import pytest

from govreport import Options, extract
from govreport.facts.mentions import find_mentions
from govreport.lexicons import indicators

# a mention → the indicator it names (phrasings of several decades; none copied from one dev sentence)
ECONOMY_EXAMPLES = [
    # fiscal: the national budget lines of the 1950s–1980s and the transfers of later reports
    ("国防费支出为五十八亿元", "defense_spending"),
    ("国防支出增长7.2%", "defense_spending"),
    ("行政管理费占支出总数的百分之八", "admin_spending"),
    ("经济建设费支出一百四十亿元", "economic_construction_spending"),
    ("经济建设支出占百分之五十二", "economic_construction_spending"),
    ("社会文教费为三十一亿元", "culture_education_spending"),
    ("社会文教事业支出比上年增长百分之十八", "culture_education_spending"),
    ("债款支出七亿元", "debt_service_spending"),
    ("债款收入为七亿四千万元", "debt_revenue"),
    ("农业税收入三十亿元", "agricultural_tax"),
    ("农业税税率平均每年降低1个百分点", "agricultural_tax_rate"),
    ("工商税收为九十九亿元", "industrial_commercial_tax"),
    ("国营企业收入为一百四十三亿元", "soe_revenue"),
    ("对地方一般性转移支付增长8%", "general_transfers"),
    ("中央对地方专项转移支付规模压缩", "special_transfers"),
    ("专项转移支付项目减少三分之一", "special_transfer_programmes"),
    ("中央本级支出增长3.9%", "central_budget_spending"),
    ("国家财政收入达到一万亿元", "fiscal_revenue"),
    ("国家预算支出比上年减少百分之四", "budget_spending"),
    ("争取中央转移支付资金4000亿元", "central_transfers"),
    # industry and its products, old and new; energy
    ("焦炭增长百分之二十二", "coke"),
    ("硫酸产量达到五十万吨", "sulfuric_acid"),
    ("内燃机车增长一倍", "locomotives"),  # a locomotive, not an engine
    ("内燃机增长36%", "ic_engines"),
    ("发电机从三万千瓦增加到二十二万千瓦", "generators"),
    ("发电机组新增一千五百万千瓦", "power_capacity"),  # installed sets, not machinery made
    ("发电能力增加四百万千瓦", "power_capacity"),
    ("胶鞋增长百分之十五", "rubber_shoes"),
    ("煤油增加了11倍", "kerosene"),
    ("纸烟减少4%", "cigarettes"),
    ("麻袋减少百分之十一", "gunny_bags"),
    ("金属切削机床产量增长20%", "machine_tools"),
    ("化学纤维由十四万吨增加到二十八万吨", "chemical_fibre"),
    ("十种有色金属产量达到108万吨", "nonferrous_metals"),
    ("呢绒增长百分之十二", "woolen_fabric"),
    ("毛线增长百分之四十二", "knitting_wool"),
    ("合成氨产量增长三成", "synthetic_ammonia"),
    ("磷肥十九万六千吨", "phosphate_fertilizer"),
    ("氮肥九十万吨", "nitrogen_fertilizer"),
    ("手表产量增长一倍", "watches"),
    ("汽车销量1364万辆", "car_sales"),
    ("汽车总产量达到160万辆", "car_output"),
    ("钢的产量增长百分之一百零七", "steel_output"),
    ("煤产量三亿八千万吨", "coal_output"),
    ("机制糖六十八万吨", "sugar"),
    ("非化石能源占一次能源消费比重提高到20%", "non_fossil_share"),
    ("规上工业营业收入增长6%", "industrial_revenue"),
    ("建筑业总产值突破1万亿元", "construction_output"),
    ("建筑业增加值增长5%", "construction_value_added"),
    ("金融业增加值翻一番", "finance_value_added"),
    ("工业技改投资增长33.6%", "tech_renovation_investment"),
    ("高技术产业投资增长12%", "high_tech_investment"),
    ("高技术制造业投资增长11.5%", "high_tech_manufacturing_investment"),  # not the value added
    ("高技术制造业增加值增长11.5%", "high_tech_manufacturing"),
    ("国有及国有控股工业企业实现利润2392亿元", "state_industrial_profit"),  # not all industrial firms
    ("工业企业实现利润2200亿元", "industrial_profit"),
    ("亏损企业亏损额下降三成", "enterprise_losses"),
    ("可比产品成本降低百分之二", "comparable_cost"),
    ("预算外资金达到一千九百亿元", "extra_budgetary_funds"),
    ("积累率降为百分之三十", "accumulation_rate"),
    ("工农业年总产值翻两番", "gross_output_industry_agriculture"),
    # agriculture and its products
    ("黄麻、洋麻达到七百三十万担", "jute_kenaf"),
    ("苎麻将增长百分之三十", "ramie"),
    ("烤烟达到七百八十万担", "tobacco"),
    ("甘蔗增加了三千万担", "sugarcane"),
    ("甜菜比上年增长61%", "sugar_beet"),
    ("花生增长百分之二十", "peanuts"),
    ("油菜子增长百分之三十", "rapeseed"),
    ("大豆要求增长百分之四点四", "soybeans"),
    ("薯类产量增加一百亿斤", "tubers"),
    ("蚕茧增长44%", "cocoons"),
    ("柞蚕茧将增长百分之五十八", "tussah_cocoons"),  # not all cocoons
    ("各种水果增长10%", "fruit_output"),
    ("植物油增长40%", "edible_oil"),
    ("奶类产量稳定在750万吨", "milk_output"),
    ("禽蛋产量增长5%", "egg_output"),
    ("生猪出栏量达到55万头", "hogs_slaughtered"),
    ("生猪存栏稳定在4000万头", "hog_stock"),
    ("棉花的每亩平均产量达到一百斤", "cotton_yield"),  # per mu, not the harvest
    ("粮食的单位面积产量达到四百斤", "grain_yield"),
    ("农作物播种总面积达到二十四亿亩", "crop_area"),
    ("棉花的播种面积安排为九千万亩", "cotton_area"),  # cotton, not grain
    ("国营机械化农场增加到152个", "state_farms"),
    ("参加农业生产合作社的农户达到七千五百万户", "coop_households"),
    ("农作物耕种收综合机械化率达到95%", "farm_mechanization_rate"),
    ("培育农业产业化龙头企业100家", "leading_agri_enterprises"),
    ("农产品加工转化率提升到75%", "agri_processing_rate"),
    ("农产品加工业产值增长10%", "agri_processing_output"),
    ("灌溉面积增加了四亿亩", "farmland_irrigation"),
    ("新增有效灌溉面积240万亩", "farmland_irrigation"),
    ("新增节水灌溉面积223万公顷", "water_saving_irrigation"),  # a part, never the irrigated area
    ("发展高效节水灌溉100万亩", "water_saving_irrigation"),
    # prices, incomes and consumption; finance and trade
    ("商品零售价格涨幅控制在3%以内", "retail_price_index"),
    ("全年零售物价上涨百分之二点九", "retail_price_index"),
    ("农副产品收购价格提高百分之二十", "farm_procurement_price"),
    ("城乡居民平均消费水平由175元增加到450元", "consumption_level"),
    ("城镇居民的消费水平平均每年递增百分之三", "urban_consumption_level"),  # a part, not the whole
    ("农村居民的消费水平平均每年递增百分之五", "rural_consumption_level"),
    ("职工的年平均工资达到705元", "average_wage"),
    ("职工工资总额比上年增长19%", "wage_bill"),
    ("农民从集体分得的收入增加了9元", "collective_distribution"),  # not the net income
    ("农民按人口平均的纯收入达到310元", "rural_disposable_income"),
    ("城镇居民人均生活费收入达到4300元", "urban_disposable_income"),
    ("使用国外贷款一百亿美元", "foreign_loans"),
    ("以各种形式实际使用的国外资金达到27亿美元", "foreign_investment"),
    ("关税总水平降到12%", "tariff_level"),
    ("新增人民币贷款7.5万亿元", "new_loans"),  # the flow, not the stock
    ("贷款余额增长10%", "loans"),
    ("城乡居民储蓄存款年末达到3.8万亿元", "household_savings"),
    ("社会商品购买力增长12%", "social_purchasing_power"),
    ("个体工商户增加到300万户", "individual_businesses"),
    ("个体劳动者增加到一百四十万人", "individual_workers"),
    # modern finance, trade and state firms
    ("对共建“一带一路”国家进出口增长14.7%", "belt_road_trade"),  # a part of trade
    ("外贸进出口突破5000亿元", "trade"),
    ("消费品以旧换新带动销售额700亿元", "tradein_sales"),
    ("发放以旧换新补贴120亿元", "tradein_subsidy"),  # the subsidy, not the sales
    ("省属企业营业收入增长6%", "soe_operating_revenue"),
    ("省属企业利润增长10%", "soe_profit"),
    ("规上工业企业营收突破5万亿元", "industrial_revenue"),
    ("科技型企业贷款余额增长4倍", "tech_loans"),  # a part of loans
    ("发放创业担保贷款180亿元", "startup_guarantee_loans"),
    ("退出融资平台300家", "financing_platforms"),
    ("资本市场融资增长41%", "direct_financing"),
    ("新增本外币贷款1万亿元", "new_loans"),
    ("引进省外到位资金5000亿元", "domestic_capital"),
    ("电力外送量居全国首位", "power_export"),
    ("贸易顺差比上年减少6%", "trade_surplus"),  # never trade
    ("货物贸易增长10%", "trade"),
    ("对外贸易年均增长14%", "trade"),
    ("机电产品出口占比86%", "mechanical_electrical_exports"),
    ("高新技术产品出口增长20%", "high_tech_exports"),
    ("净增有进出口实绩企业485家", "trade_firms"),
    ("建成海外仓58个", "overseas_warehouses"),
    ("实现国有资本收益107亿元", "state_capital_income"),
    ("对外援助和其他支出六亿七千万元", "foreign_aid_and_other_spending"),
    ("本年收入合计二百七十二亿元", "fiscal_revenue"),
    ("本年支出增长百分之四点七六", "budget_spending"),
    ("利用境外资金4285万美元", "foreign_investment"),
    ("非常规天然气产量达到7亿立方米", "unconventional_gas"),  # a part of the gas output
    ("天然气产量达到500亿立方米", "natural_gas_output"),
    ("全年生产钾肥757万吨", "potash"),
    ("生产碳酸锂16万吨", "lithium_carbonate"),
    ("六大高耗能行业增加值占比降至22.5%", "energy_intensive_share"),
    ("可再生能源装机占比超过55%", "renewable_capacity_share"),  # the share, not the amount
    ("可再生能源装机达到1亿千瓦", "renewable_capacity"),
    ("绿电交易量100亿千瓦时", "green_power_trading"),
    ("智能化煤矿达到400座", "smart_coal_mines"),
    ("制造业增加值占地区生产总值比重达33.5%", "manufacturing_share"),  # the share of gdp
    ("制造业增加值增长8%", "manufacturing_value_added"),
    ("民营经济主体数量增加到235万户", "private_entities"),
    ("小麦最低收购价每50公斤提高5元", "min_purchase_price"),
    ("合成洗涤剂48万吨", "detergent"),
    ("平板玻璃产量增长10%", "plate_glass"),
    ("中央财政收入增长8%", "central_budget_revenue"),  # a part of the national revenue
    ("中央预算收入为二百三十六亿元", "central_budget_revenue"),
    ("中央财政拟安排“三农”投入8183亿元", "central_agri_spending"),
    ("中央财政用于“三农”的投入5955亿元", "central_agri_spending"),
    ("中央财政用于教育的投入增加到1562亿元", "central_education_spending"),  # not all education spending
    ("财政教育支出增长10%", "education_spending"),
    ("规模以上工业企业实现利润增长31%", "industrial_profit"),  # the profit, not the count of firms
    ("规模以上工业企业达到3000家", "industrial_enterprises"),
    ("地方预算收入为七十亿元", "budget_revenue"),
    ("中央预算支出为二百三十亿元", "central_budget_spending"),
    ("规上工业销售产值增长5%", "industrial_sales_output"),  # not the value added
    ("税收占一般公共预算收入比重超75%", "tax_revenue"),  # a share of the same indicator, as 税收占比
    ("非公经济占GDP比重达到53%", "private_economy_share"),
    ("民营经济增加值增长7%", "private_economy_value_added"),
    ("新增家庭农场328家", "family_farms"),
    ("培育新型农业经营主体3900多家", "new_agri_entities"),
    ("流转土地129万亩", "land_transfer"),
    ("蔬菜播种面积稳定在13万亩", "vegetable_area"),  # not the grain area
    ("白酒产量超4000吨", "liquor_output"),
    ("地方储备粮达到7.61万吨", "grain_reserves"),
    ("第一产业增长9.1%", "primary_value_added"),
    ("第二产业增长18.2%", "secondary_value_added"),
    ("第三产业增长8.4%", "service_value_added"),
    ("实际利用内资1390亿元", "domestic_capital"),
    ("农民纯收入达到3107元", "rural_disposable_income"),
    ("累计投放普惠型小微贷款693亿元", "inclusive_sme_loans"),
    ("新车销量增长47%", "car_sales"),
    ("生产整车156万辆", "car_output"),
    ("签约金额56.8亿元", "investment_attracted"),
    ("非税收入下降5%", "non_tax_revenue"),
    ("限额以上消费品零售额增长6%", "above_quota_retail"),  # a part of retail_sales
    ("社会消费品零售总额增长6%", "retail_sales"),
    ("餐饮收入增长9%", "catering_revenue"),
    ("城镇居民恩格尔系数降至30%", "engel_coefficient"),
    ("亩均税收增长10%左右", "tax_per_mu"),
    ("畜牧业产值达27亿元", "livestock_output"),
    ("林草产业产值实现翻番", "forestry_output"),
    ("渔业经济总产值达到400亿元", "fishery_output"),
    ("工业生产者出厂价格下降2%", "ppi"),  # prices, not industrial output
    ("工业生产比去年同期增长12%", "industrial_output"),
    ("农林牧渔业增加值增长4%", "primary_value_added"),
    ("规模工业增加值增长6.2%", "industrial_value_added"),
    ("可再生能源发电量增长28%", "renewable_generation"),  # a part of the power output
    ("清洁能源电力装机突破1300万千瓦", "renewable_capacity"),
    ("年进出口总额由1655亿美元增加到3251亿美元", "trade"),
    # capacities: never the output
    ("新增加水泥生产能力八十三万吨", "cement_capacity"),
    ("淘汰落后炼钢产能5500万吨", "steel_capacity"),
    ("淘汰落后炼铁产能1亿吨", "iron_capacity"),
    ("焦炭产能1809万吨", "coke_capacity"),
    ("新增原油开采能力三千五百万吨", "crude_capacity"),
    ("天然气产能达到22亿方", "gas_capacity"),
    ("化肥生产能力增加1500万吨", "fertilizer_capacity"),
    ("新增加的采煤能力将达二千四百万吨", "coal_capacity"),
    ("能源综合生产能力达2.3亿吨", "energy_capacity"),
    ("停建缓建煤电产能5000万千瓦", "coal_power_capacity"),
]


@pytest.mark.parametrize(("text", "expected"), ECONOMY_EXAMPLES)
def test_economy_alias_examples(text: str, expected: str) -> None:
    found = find_mentions(text)
    assert found and found[0].indicator == expected, [m.indicator for m in found]


def test_every_example_id_is_canonical_and_described() -> None:
    table = indicators()
    for _, ind_id in ECONOMY_EXAMPLES:
        ind = table[ind_id]
        assert ind.name and ind.default_unit and (ind.notes or list(table).index(ind_id) < 40), ind_id


# masked: a narrower line whose words hold an id's alias
MASKED = ["其他经济建设支出"]


def test_a_part_of_taxes_is_no_share_of_all_taxes() -> None:
    """工业税收占全部税收比重: the industrial part's share, never tax_revenue."""
    assert "tax_revenue" not in [m.indicator for m in find_mentions("工业税收占全部税收比重达到49%")]


@pytest.mark.parametrize("text", MASKED)
def test_a_narrower_line_has_no_id(text: str) -> None:
    assert [m.indicator for m in find_mentions(text)] == []


# whole sentences through the extractor: the figure gets the id, not its parent's
FACT_EXAMPLES = [
    ("一九五五年国防费支出为六十四亿九千万元，占本年支出的百分之二十二。", "defense_spending", 6.49e9),
    ("今年对地方一般性转移支付增长9.5%。", "general_transfers", 9.5),
    ("一九五六年甘蔗和甜菜分别增长百分之二十七点五和百分之二十九点五。", "sugar_beet", 29.5),
    ("去年全国职工的平均工资是六百一十元。", "average_wage", 610),
    ("棉花的每亩平均产量达到一百斤。", "cotton_yield", 0.05),
]


@pytest.mark.parametrize(("sentence", "expected", "value"), FACT_EXAMPLES)
def test_economy_facts(sentence: str, expected: str, value: float) -> None:
    report = extract(f"国务院1957年政府工作报告\n一、1956年工作回顾\n{sentence}\n",
                     Options(doc_id="x", tasks=False, slogans=False))
    got = [(f.indicator, f.value) for f in report.facts]
    assert (expected, pytest.approx(value)) in got, got


# plausible ranges of the economy ids (plausible.tsv): a misreading is kept and flagged
FLAGGED = [
    ("全年商品零售价格上涨150%。", "retail_price_index"),  # a growth no price index has had
    ("积累率达到百分之九十。", "accumulation_rate"),
    ("棉花的每亩平均产量达到两千斤。", "cotton_yield"),  # a ton of lint a mu
]
KEPT = [
    ("全年商品零售价格上涨21.7%。", "retail_price_index"),  # 1994
    ("积累率由百分之三十六点五降为百分之二十九。", "accumulation_rate"),
    ("棉花的每亩平均产量达到一百斤。", "cotton_yield"),
]


def _facts_of(sentence: str, ind_id: str) -> list[tuple[str, ...]]:
    report = extract(f"国务院1995年政府工作报告\n一、1994年工作回顾\n{sentence}\n",
                     Options(doc_id="x", tasks=False, slogans=False))
    facts = [f.checks for f in report.facts if f.indicator == ind_id]
    assert facts, [(f.indicator, f.value) for f in report.facts]
    return facts


@pytest.mark.parametrize(("sentence", "ind_id"), FLAGGED)
def test_an_implausible_economy_value_is_flagged(sentence: str, ind_id: str) -> None:
    assert any(any(c.startswith("implausible:") for c in checks) for checks in _facts_of(sentence, ind_id))


@pytest.mark.parametrize(("sentence", "ind_id"), KEPT)
def test_a_real_economy_value_is_not_flagged(sentence: str, ind_id: str) -> None:
    assert not any(any(c.startswith("implausible:") for c in checks) for checks in _facts_of(sentence, ind_id))
