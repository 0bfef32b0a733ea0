"""Indicator coverage of the provincial reports: the standing counts and programme totals that provinces
compare (民生实事, 和美乡村, 专精特新“小巨人”企业, 交通投资 …) each have their own id, a sub-indicator never
falls back to its parent, and the passage rules that give a figure's generic words the id its passage names.
Every sentence here is written for this test, in the reports' wording."""

from __future__ import annotations

import pytest

from govreport import extract
from govreport.facts.mentions import find_mentions
from govreport.lexicons import indicators
from govreport.options import Options

# a mention → the indicator it names
MENTIONS = [
    ("年初确定的30件民生实事全部办结", "livelihood_projects"),
    ("建成乡村振兴示范村120个", "demo_villages"),
    ("打造宜居宜业和美乡村200个", "harmonious_villages"),
    ("建成美丽乡村示范村80个", "beautiful_villages"),
    ("新增国家级专精特新“小巨人”企业15家", "little_giants"),  # a part of specialized_smes
    ("专精特新中小企业达到900家", "specialized_smes"),
    ("新增国家级中小企业特色产业集群2个", "sme_feature_clusters"),  # not the industrial clusters
    ("完成交通投资620亿元", "transport_investment"),
    ("能源投资增长12%", "energy_investment"),
    ("新能源投资增长40%", "renewable_investment"),  # a part of the energy investment
    ("产业投资增长9%", "industry_investment"),
    ("产业投资占全部投资比重提高到55%", "industry_investment_share"),
    ("省重点项目完成投资2300亿元", "major_project_investment"),
    ("新认定省级企业技术中心30家", "enterprise_tech_centers"),
    ("新增新型研发机构50家", "rd_institutions"),
    ("引进品牌首店120家", "first_stores"),
    ("创建国家级零碳园区2个", "zero_carbon_parks"),
    ("布局建设省级制造业中试平台8个", "pilot_platforms"),
    ("新增国家物流枢纽2个", "logistics_hubs"),
    ("新增国家骨干冷链物流基地1个", "cold_chain_bases"),
    ("创建国家现代农业产业园3个", "modern_agri_parks"),
    ("新增农业产业强镇6个", "agri_industry_towns"),
    ("新增瞪羚企业60家", "gazelle_enterprises"),
    ("获批国家技术创新中心1个", "tech_innovation_centers"),
    ("省实验室达到12个", "provincial_labs"),
    ("全国重点实验室达到20个", "key_laboratories"),  # the national ones keep their id
    ("新建5G工厂40个", "factories_5g"),
    ("育儿补贴惠及婴幼儿60万名", "childcare_subsidy_recipients"),
    ("旅居人数增长20%", "sojourners"),
    ("防止返贫监测对象全部消除风险", "monitored_poverty_risk"),
    ("推出“高效办成一件事”重点事项25个", "efficient_services"),
    ("新开工亿元以上项目900个", "projects_over_100m"),
    ("培育等级民宿300家", "rated_homestays"),
    ("新增“两山”实践创新基地2个", "two_mountains_bases"),
    ("新增国际重要湿地1处", "international_wetlands"),
    ("新增国家重要湿地2处", "national_wetlands"),
    ("信访总量下降6%", "petitions"),
    ("新增国家级临床重点专科10个", "clinical_key_specialties"),
    ("A级物流企业达到400家", "a_logistics_firms"),
    ("上云企业突破5万家", "cloud_enterprises"),
    ("残疾人新增就业1.2万人", "disabled_employment"),
    ("培育创新型中小企业3000家", "innovative_smes"),
    ("工业对经济增长贡献率达到40%", "industry_contribution"),
    ("服务业对经济增长的贡献率超过60%", "services_contribution"),
    ("高校毕业生留省就业20万人", "graduates_retained"),
    ("有效期内高新技术企业达到5000家", "high_tech_enterprises"),
    ("新增国家生态文明示范区3个", "eco_civilization_demo"),
    ("新设立企业3万户", "new_enterprises"),
    ("新三板挂牌企业达到60家", "neeq_listed"),  # not the listed companies
    ("实施保护性耕作2000万亩", "conservation_tillage"),
    ("实施黑土地保护工程800万亩", "black_soil_protection"),
    ("新建国家级渔港经济区2个", "fishing_port_zones"),
    ("新增国家级旅游度假区1个", "tourism_resorts"),
    ("新增夜间文旅消费集聚区4个", "night_culture_zones"),
    ("整车出口增长35%", "car_exports"),
    ("新增国家级科技企业孵化器6家", "incubators"),
    ("建成县级综合养老服务中心50个", "elderly_service_centers"),
    ("新增家庭养老床位3000张", "family_elderly_beds"),
    ("新增“双一流”建设学科2个", "double_first_class"),
    ("数字经济核心产业营收增长12%", "digital_economy_revenue"),  # the revenue, not the value added
    ("数字经济核心产业增加值增长9%", "digital_economy"),
    ("战略性新兴产业营收增长15%", "strategic_emerging_revenue"),
    ("新当选中国工程院院士2人", "academicians"),
    ("民航旅客年吞吐量突破1000万人次", "airport_passengers"),
    ("专精特新“小巨人”达到300家", "little_giants"),
    ("全社会研发经费增长9%", "rd_spending"),
    ("规上工业单位增加值能耗下降4%", "industrial_energy_intensity"),  # a part of energy_intensity
    ("单位地区生产总值能耗下降3%", "energy_intensity"),
    ("新增专业技术人才12万人", "professional_talent"),
    ("引进高层次人才3000人", "high_level_talent"),
    ("自贸试验区形成制度创新成果60项", "fta_innovations"),
    ("新增省级以上创新平台40个", "innovation_platforms"),
    ("新能源汽车保有量突破80万辆", "nev_stock"),  # the vehicles on the road, not the output
    ("入选国家级优势特色产业集群2个", "agri_feature_clusters"),
    ("全国文明村镇达到60个", "civilized_villages"),
    ("培育技术经理人800人", "tech_brokers"),
    ("政府投资基金规模突破300亿元", "gov_investment_funds"),
    ("培育全国名特优新农产品40个", "named_agri_products"),
    ("建成新型公共文化空间300个", "new_cultural_spaces"),
    ("实施“两重”项目150个", "two_major_projects"),
    ("电网投资增长12%", "grid_investment"),
    ("推进自治区重大项目500个", "major_projects"),  # the region's own list, as 省重点项目
    ("建成村级互助幸福院200个", "rural_elderly_homes"),
    ("开发城镇公益性岗位3000个", "public_welfare_jobs"),
]


@pytest.mark.parametrize(("text", "expected"), MENTIONS)
def test_mentions(text: str, expected: str) -> None:
    found = find_mentions(text)
    assert found and found[0].indicator == expected, [m.indicator for m in found]


def test_added_ids_are_described() -> None:
    spec = set(list(indicators())[:40])  # the spec's rows are the contract's, notes or not
    ids = {expected for _, expected in MENTIONS} - spec
    for ind_id in ids:
        ind = indicators()[ind_id]
        assert ind.notes and ind.aliases and ind.direction in {"up", "down", "none"}, ind_id


def _facts(sentence: str, section: str = "一、2025年工作回顾") -> list[tuple[str | None, float, str]]:
    r = extract(f"某省2026年政府工作报告\n{section}\n{sentence}\n", Options(doc_id="x", tasks=False, slogans=False))
    return [(f.indicator, round(f.value, 6), f.unit) for f in r.facts]


@pytest.mark.parametrize(("sentence", "expected"), [
    # a count written before what it counts, the noun ending at a verb
    ("20项民生实事全面完成。", [("livelihood_projects", 20.0, "项")]),
    ("5家国家级专精特新“小巨人”企业落户园区。", [("little_giants", 5.0, "家")]),
    ("3个全国重点实验室落户我省。", [("key_laboratories", 3.0, "个")]),
    # …but a noun that heads a longer one is no count of it
    ("推进3个产业集群项目建设。", [(None, 3.0, "个")]),
    # a measure noun between a mention and its number keeps the subject
    ("有进出口实绩的企业数量增长8%。", [("trade_firms", 8.0, "%")]),
    # a task verb heading the words before a mention acts on it, it does not narrow it
    ("优化重组全国重点实验室6家。", [("key_laboratories", 6.0, "家")]),
    ("修改废止省政府规章9件。", [("government_rules", 9.0, "件")]),
    # …but a verb glued to one character heads a noun (开发区 narrows the indicator)
    ("开发区规模以上工业增加值增长9%。", [(None, 9.0, "%")]),
    # X占比: the share of X (no comparison with something else)
    ("工业投资占比提高到45%。", [("industrial_investment", 45.0, "%")]),
    # a rate per month or year between the subject and its number keeps the subject
    ("失业保险金标准提高到每月2000元。", [("unemployment_benefit", 2000.0, "元")]),
    ("中欧班列开行1200列。", [("china_europe_trains", 1200.0, "列")]),
    # people counted in 名 before their noun
    ("3.2万名监测对象稳定消除返贫风险。", [("monitored_poverty_risk", 32000.0, "人")]),
    ("帮助2万名未就业普通高校毕业生到基层就业。", [(None, 20000.0, "人")]),  # a longer noun: no count of graduates
    # a record between the subject and its number keeps the subject
    ("全省进出口总值创历史新高，达到3000亿元。", [("trade", 300000000000.0, "元")]),
    # a count of thresholds crossed keeps the subject for the figures after it, and is no figure of it
    ("地区生产总值连续迈上3个千亿元台阶、达到5200亿元、年均增长6.1%。",
     [(None, 3.0, "个"), ("gdp", 520000000000.0, "元"), ("gdp", 6.1, "%")]),
    # a bare head noun after a figure of a mention names that mention's own measure when the two are an alias
    ("全年实施省重点项目500个、完成投资3000亿元。", [("major_projects", 500.0, "个"),
                                          ("major_project_investment", 300000000000.0, "元")]),
    ("引进项目60个，投资30亿元。", [(None, 60.0, "个"), (None, 3000000000.0, "元")]),  # no alias: no id
    # the whole a share is taken of is no new subject, and a share keeps its measure from its base to its level
    ("高技术制造业增加值占规上工业比重提高到22%。", [("high_tech_manufacturing", 22.0, "%")]),
    ("民间投资占全部投资比重由50%提高到56%。", [("private_investment", 50.0, "%"), ("private_investment", 56.0, "%")]),
    # land in 亩 or in 平方公里
    ("完成水土流失综合治理300万亩。", [("soil_erosion_control", 3000000.0, "亩")]),
    # homes counted in 户 as in 套
    ("完成棚户区改造1.2万户。", [("shantytown_renovation", 12000.0, "户")]),
    # the items of a 分别 list that share a head noun take the id of the whole name
    ("交通、能源投资分别增长8%、12%。", [("transport_investment", 8.0, "%"), ("energy_investment", 12.0, "%")]),
    # …and an item that names an indicator of another kind takes the money of it, not the indicator
    ("高速公路、水利、电网投资分别增长3%、9%、5%。", [("expressway_investment", 3.0, "%"), ("water_conservancy_investment", 9.0, "%"),
                                              ("grid_investment", 5.0, "%")]),
    ("生产总值、规上工业增加值分别增长5%、7%。", [("gdp", 5.0, "%"), ("industrial_value_added", 7.0, "%")]),
])
def test_counts_and_subjects(sentence: str, expected: list[tuple[str | None, float, str]]) -> None:
    assert _facts(sentence) == expected


def test_a_share_keeps_its_measure_from_its_base() -> None:
    r = extract("某省2026年政府工作报告\n一、2025年工作回顾\n战略性新兴产业增加值占规上工业比重从30%提高到36%。\n",
                Options(doc_id="x", tasks=False, slogans=False))
    assert [(f.indicator, str(f.measure), f.value) for f in r.facts] == [
        ("strategic_emerging_industries", "share", 30.0), ("strategic_emerging_industries", "share", 36.0)]
