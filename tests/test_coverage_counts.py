"""The ids added for counts of things, physical amounts and percents (issue 12 item 5): schools,
hospitals, zones, platforms and projects counted in 个/所/家/项, livestock in 头, products of the
plans in 吨, shares and rates. Each alias example names its own id, a part never falls to its whole
(本科高校 is no universities, 铁路货运量 no freight_volume), and whole sentences through the extractor
give the id and value (my own phrasings, none copied from a report)."""

from __future__ import annotations

import pytest
from coverage_checks import first_id, has_level_range, review_facts, undescribed

from govreport import Options, extract

# a mention → the indicator it names
ALIAS_EXAMPLES = [
    ("社区卫生服务中心达到120个", "community_health_centers"),
    ("标准化乡镇卫生院80个", "township_health_centers"),
    ("县级医院全部达到二级甲等", "county_hospitals"),
    ("县中医院建设全面完成", "county_tcm_hospitals"),  # a kind of county hospital keeps its own id
    ("县妇幼保健院新建12所", "county_mch_hospitals"),
    ("农村寄宿制学校改造300所", "boarding_schools"),
    ("普通高中新建8所", "senior_high_schools"),
    ("普通高中在校生12万人", "senior_high_students"),  # the pupils, not the schools
    ("高职院校达到45所", "vocational_colleges"),
    ("高职院校在校生30万人", "higher_vocational_students"),
    ("中等职业学校整合为60所", "vocational_schools"),
    ("本科高校增至38所", "undergraduate_colleges"),  # a part of universities
    ("省重点实验室重组完成", "provincial_key_labs"),
    ("全国重点实验室新增5家", "key_laboratories"),  # the national ones keep theirs
    ("大中型项目建成投产二百个", "large_medium_projects"),
    ("限额以上的建设单位共有九百个", "above_norm_projects"),
    ("限额以上的工矿建设单位六百个", "above_norm_industrial_projects"),
    ("重大水利工程开工二十项", "major_water_projects"),
    ("世界500强企业落户40家", "fortune500_firms"),
    ("离境退税商店增至300家", "tax_refund_stores"),
    ("对外开放口岸达到25个", "open_ports"),
    ("大牲畜存栏八千万头", "big_livestock"),
    ("牲畜总头数增加百分之五", "livestock"),
    ("农业生产合作社发展到六十万个", "agri_producer_coops"),
    ("农民专业合作社达到2万家", "cooperatives"),  # today's co-operatives keep their id
    ("人民公社二万多个", "people_communes"),
    ("国营机器拖拉机站增加到二百个", "tractor_stations"),
    ("拖拉机产量增长百分之十", "tractors"),  # the machines, not the stations
    ("工业互联网平台培育30个", "industrial_internet_platforms"),
    ("制造业创新中心新增3家", "manufacturing_innovation_centers"),
    ("工程技术研究中心新建15个", "engineering_research_centers"),
    ("开垦荒地五百万亩", "land_reclamation"),
    ("深松整地一千万亩", "deep_tillage"),
    ("海铁联运班列开行5000列", "sea_rail_trains"),
    ("中欧班列开行2000列", "china_europe_trains"),
    ("电解铝产量四百万吨", "electrolytic_aluminum"),
    ("黄金产量增长8%", "gold_output"),
    ("四星级酒店新增20家", "four_star_hotels"),
    ("星级饭店达到300家", "star_hotels"),
    ("本科高校招生增加5000人", "undergraduate_enrollment"),  # the students, not the colleges
    ("高职院校扩招100万人", "higher_vocational_enrollment"),
    ("精炼铜产量一百万吨", "refined_copper"),
    ("白银产量增长12%", "silver_output"),
    ("太阳能电池产量增长40%", "solar_cells"),
    ("锂离子电池产量增长25%", "lithium_batteries"),
    ("锂电池产量增长30%", "lithium_batteries"),
    ("集成电路产量增长30%", "integrated_circuits"),
    ("集成电路出口增长18%", "ic_exports"),  # the exports, not the output
    ("集成电路产业规模突破千亿元", "ic_industry"),  # the industry, not the chips
    ("服务机器人产量增长20%", "service_robots"),
    ("工业机器人产量增长20%", "industrial_robots"),
    ("自然岸线保有率不低于35%", "natural_coastline_rate"),
    ("装配式建筑占新建建筑比例达到30%", "prefab_building_share"),
    ("家用电器和音像器材类零售额增长15%", "appliance_retail"),
    ("电信业务总量增长12%", "telecom_business_volume"),
    ("铁路货运量达到四亿吨", "railway_freight"),  # a part of freight_volume
    ("货运量达到十亿吨", "freight_volume"),
    ("高技术服务业投资增长11%", "high_tech_services_investment"),
    ("高速公路投资600亿元", "expressway_investment"),
    ("棉田扩大到八千万亩", "cotton_area"),
    ("长者食堂建成500个", "elderly_canteens"),
    ("农作物综合机械化率达到75%", "farm_mechanization_rate"),
    ("博士后科研工作站新设8个", "postdoc_workstations"),
    ("灯塔工厂增至4家", "lighthouse_factories"),
    ("普惠托育机构达到600个", "childcare_institutions"),
    ("托育服务托位增加1万个", "childcare_places"),  # the places, not the institutions
    ("农村敬老院改造120所", "elderly_homes"),
    ("农村幸福院建成300个", "rural_elderly_homes"),
    ("体育公园新建15个", "sports_parks"),
    ("公共图书馆达到110个", "public_libraries"),
    ("农村电影放映队增加二千个", "film_projection_units"),
    ("中国传统村落新增40个", "traditional_villages"),
    ("全国乡村旅游重点村新增6个", "rural_tourism_villages"),
    ("中小河流治理600公里", "small_river_regulation"),
    ("化肥施用量减少3%", "fertilizer_use"),
    ("化肥生产增长10%", "chemical_fertilizer"),  # the output, not the use
    ("农药使用量下降5%", "pesticide_use"),
    ("化肥利用率提高到41%", "fertilizer_utilization"),
    ("农药利用率达到40%", "pesticide_utilization"),
    ("测土配方施肥技术覆盖率稳定在90%", "soil_testing_fertilization"),
    ("县域内就诊率达到90%", "county_treatment_rate"),
    ("新能源汽车渗透率超过40%", "nev_penetration"),
    ("新能源汽车产量增长30%", "new_energy_vehicles"),  # the output, not the share
    ("公共交通机动化出行分担率达到55%", "public_transport_share"),
    ("互联网普及率达到75%", "internet_penetration"),
    ("政府债务率控制在警戒线内", "government_debt_ratio"),
    ("银行业不良贷款率降至1.5%", "npl_ratio"),
    ("保险深度达到4%", "insurance_depth"),
    ("保险密度3000元", "insurance_density"),
    ("制造业中长期贷款增长25%", "manufacturing_long_loans"),
    ("永久基本农田保护面积不少于2000万亩", "permanent_basic_farmland"),
    ("乳制品产量增长6%", "dairy_products"),
    ("中药材种植面积达到300万亩", "herb_area"),
    ("食用菌产量增长9%", "edible_fungi"),
    ("家禽出栏一亿只", "poultry_slaughtered"),
    ("肉牛出栏增长7%", "cattle_slaughtered"),
    ("肉牛存栏达到500万头", "cattle_stock"),
    ("羊只出栏增长4%", "sheep_slaughtered"),
    ("羊只存栏二千万只", "sheep_stock"),
    ("羊毛产量增长3%", "wool_output"),
    ("天然橡胶产量35万吨", "natural_rubber"),
    ("农业机械总动力达到一亿千瓦", "farm_machinery_power"),
    ("水库总库容增加五亿立方米", "reservoir_capacity"),
    ("新增供水能力8亿立方米", "water_supply_capacity"),
    ("旱涝保收面积扩大到五千万亩", "drought_flood_proof_fields"),
    ("非化石能源发电量占比达到40%", "non_fossil_generation_share"),
    ("非化石能源消费比重提高到20%", "non_fossil_share"),  # of energy use, not of power
    ("可再生能源发电量占比超过50%", "renewable_generation_share"),
    ("新能源发电量占比提高3个百分点", "new_energy_generation_share"),
    ("国营工业的产值增长百分之二十", "state_industry_output"),
    ("私营工业产值下降百分之十", "private_industry_output"),
    ("公私合营工业的产值增长一倍", "jv_industry_output"),
    ("合作社营工业增长百分之四十", "coop_industry_output"),
    ("服务业增加值比重提高到55%", "service_value_added"),  # a share of the value added: measure share
    ("第二产业比重下降到38%", "secondary_value_added"),
    ("第一产业占比降至6%", "primary_value_added"),
    ("海铁联运量突破50万标箱", "sea_rail_volume"),  # the containers, not the trains
    ("水肥一体化面积达到800万亩", "water_fertilizer_integration"),
    ("林下经济面积扩大到300万亩", "forest_economy_area"),
    ("一刻钟便民生活圈建成80个", "convenience_circles"),
    ("医养结合机构增至150家", "medical_elderly_institutions"),
    ("千亿级产业集群达到9个", "hundred_billion_industries"),
    ("万亿级产业集群2个", "trillion_industries"),
    ("产业集群发展到40个", "industrial_clusters"),  # all clusters, whatever their size
    ("千亿级企业新增2家", "firms_over_100bn"),
    ("百亿级企业达到30家", "firms_over_10bn"),
    ("限上商贸企业新增500家", "above_quota_trade_firms"),
    ("资质以上建筑业企业新增120家", "qualified_construction_firms"),
    ("“四上”企业新增2000家", "four_above_firms"),
    ("规模以上服务业企业突破3000家", "above_size_service_firms"),
    ("规模以上服务业企业营业收入增长9%", "services_revenue"),  # their revenue keeps its id
    ("地理标志农产品新增15个", "gi_products"),
    ("绿色食品认证产品达到900个", "green_food_products"),
    ("就业帮扶车间吸纳就业", "poverty_workshops"),
    ("零工市场建成60个", "gig_markets"),
    ("煤层气产量增长15%", "coalbed_methane"),
    ("猪牛羊禽肉产量增长3%", "meat_output"),
    ("中欧中亚班列开行800列", "china_europe_trains"),
    ("智能车间新建50个", "smart_factories"),
    ("通航机场新建3个", "general_airports"),
    ("冶金设备产量五万吨", "metallurgical_equipment"),
    ("矿山机械增产一万吨", "mining_equipment"),
    ("化学农药产量八万吨", "pesticide_output"),
    ("农药使用量减少8%", "pesticide_use"),  # the use, not the output
    ("汽车轮胎四十万条", "tyres"),
    ("电视机产量增长一倍", "tv_sets"),
    ("彩色电视机产量九十万台", "color_tv_sets"),  # a part of tv_sets
    ("收音机产量增长百分之四十", "radios"),
    ("洗衣机产量三百万台", "washing_machines"),
    ("电冰箱产量增长百分之六十", "refrigerators"),
    ("塑料产量增长百分之十五", "plastics"),
    ("发电设备产量八百万千瓦", "power_equipment"),
    ("造船完工量一千万吨", "shipbuilding"),
    ("啤酒产量增长百分之二十", "beer"),
    ("公路货运量增长7%", "road_freight"),  # a part of freight_volume
    ("水路货运量二亿吨", "waterway_freight"),
    ("纱二百万吨", "cotton_yarn"),
    ("绿色食品、有机和地理标志农产品总数达到2000个", "green_organic_gi_products"),  # the three together
    ("实施省大中型项目3000个", "major_projects"),  # a province's own list, not the plan's big projects
    ("劳动年龄人口平均受教育年限达到11.5年", "education_years"),
    ("人均公园绿地面积15平方米", "park_green_per_capita"),
    ("建筑垃圾资源化利用率达到50%", "construction_waste_recycling"),
    ("城镇新建建筑中绿色建筑占比达到90%", "green_building_share"),
    ("城市燃气普及率达到98%", "gas_coverage"),
    ("城市用水普及率99%", "water_coverage"),
    ("农村自来水普及率90%", "rural_tap_water"),  # the rural one keeps its id
    ("政策范围内住院费用报销比例稳定在70%", "hospitalization_reimbursement"),
    ("每千人口注册护士数达到3.8人", "nurses_per_thousand"),
    ("外贸依存度下降到30%", "trade_dependence"),
    ("人口平均寿命提高到七十岁", "life_expectancy"),
    ("普通高中升学率达到80%", "high_school_progression_rate"),  # a rate, not the schools
    ("应届高校毕业生就业率保持在90%以上", "graduate_placement_rate"),  # the rate, not the graduates
    ("充电终端新增3万个", "charging_piles"),
    ("病险水库除险加固项目完工800个", "reservoir_reinforcement"),
    ("民生支出占一般公共预算支出比例保持在75%", "livelihood_spending_share"),
    ("财政支出中民生占比超过七成", "livelihood_spending_share"),
    ("自治区级绿色工厂新增40家", "green_factories"),
    ("全域旅游示范区新增3个", "all_for_one_tourism_zones"),
    ("国家森林城市达到12个", "forest_cities"),
    ("国家卫生县城新增5个", "health_cities"),
    ("国家级非遗代表性项目新增8项", "intangible_heritage"),
    ("全国重点文物保护单位达到400处", "heritage_sites"),
    ("电子商务进农村综合示范县实现全覆盖", "ecommerce_demo_counties"),
    ("三甲医院新增6家", "tertiary_hospitals"),
    ("国家森林乡村创建20个", "forest_villages"),
    ("商业步行街改造提升8条", "pedestrian_streets"),
    ("物流园区达到30个", "logistics_parks"),
    ("国家物流枢纽新增2个", "logistics_hubs"),  # the hubs keep their id
    ("大中型水库建成12座", "reservoirs"),
    ("水库总库容增加3亿立方米", "reservoir_capacity"),  # the storage, not the reservoirs
    ("国家级自然保护区达到20个", "nature_reserves"),
    ("国家公园设立5个", "national_parks"),
    ("旅游厕所新建改建3000座", "tourist_toilets"),
    ("人才公寓筹集1万套", "talent_apartments"),
]


@pytest.mark.parametrize(("text", "expected"), ALIAS_EXAMPLES)
def test_a_mention_names_its_id(text: str, expected: str) -> None:
    got, found = first_id(text)
    assert got == expected, found


def test_every_example_id_is_described() -> None:
    assert undescribed([i for _, i in ALIAS_EXAMPLES], unit=False) == []


# whole sentences through the extractor: (report year, sentence, id, value)
FACT_EXAMPLES = [
    (2025, "新建社区卫生服务中心15个，改造提升乡镇卫生院42个。", "community_health_centers", 15),
    (2025, "新建社区卫生服务中心15个，改造提升乡镇卫生院42个。", "township_health_centers", 42),
    (2025, "改造提升县级医院30所。", "county_hospitals", 30),
    (2025, "全年新开工重大水利工程18项。", "major_water_projects", 18),
    (2025, "新增本科高校2所。", "undergraduate_colleges", 2),
    (2025, "落户世界500强企业12家。", "fortune500_firms", 12),
    (2025, "离境退税商店达到800家。", "tax_refund_stores", 800),
    (2025, "新增四星级饭店12家。", "four_star_hotels", 12),
    (2025, "普通高中招生增长4.5%。", "senior_high_enrollment", 4.5),
    (2025, "海铁联运班列开行1.2万列。", "sea_rail_trains", 12000),
    (2025, "完成深松整地650万亩。", "deep_tillage", 6.5e6),
    (2025, "自然岸线保有率稳定在40%以上。", "natural_coastline_rate", 40),
    (2025, "铁路货运量增长6.2%。", "railway_freight", 6.2),
    (1957, "去年共开垦荒地一千二百万亩。", "land_reclamation", 1.2e7),
    (1957, "全国大牲畜达到八千三百万头。", "big_livestock", 8.3e7),
    (1957, "农业生产合作社增加到七十万个。", "agri_producer_coops", 7e5),
    (1957, "国营机器拖拉机站增加到三百个。", "tractor_stations", 300),
    (1957, "原铝产量为三万吨。", "electrolytic_aluminum", 3e4),
    (1983, "全年建成投产大中型项目86个。", "large_medium_projects", 86),
    (1956, "在工业总产值中，国营工业所占的比重由百分之五十九上升到百分之六十三。", "state_industry_output", 63),
]


@pytest.mark.parametrize(("year", "sentence", "expected", "value"), FACT_EXAMPLES)
def test_a_sentence_gives_the_id(year: int, sentence: str, expected: str, value: float) -> None:
    got = review_facts(sentence, year)
    assert (expected, pytest.approx(value)) in got, got


@pytest.mark.parametrize(("sentence", "part", "whole"), [
    ("新增本科高校3所。", "undergraduate_colleges", "universities"),
    ("铁路货运量增长5%。", "railway_freight", "freight_volume"),
    ("新建县中医院6所。", "county_tcm_hospitals", "county_hospitals"),
    ("集成电路出口增长20%。", "ic_exports", "integrated_circuits"),
])
def test_a_part_is_never_its_whole(sentence: str, part: str, whole: str) -> None:
    report = extract(f"2025年政府工作报告\n一、2024年工作回顾\n{sentence}\n",
                     Options(doc_id="x", tasks=False, slogans=False))
    got = [f.indicator for f in report.facts]
    assert part in got and whole not in got, got


def test_a_share_of_the_value_added_is_its_share() -> None:
    """服务业增加值比重 is service_value_added, measure share (as 税收占…比重 is tax_revenue's share)."""
    report = extract("2025年政府工作报告\n一、2024年工作回顾\n服务业增加值比重达到52.5%。\n",
                     Options(doc_id="x", tasks=False, slogans=False))
    assert [(f.indicator, f.measure.value, f.value) for f in report.facts] == [("service_value_added", "share", 52.5)]


@pytest.mark.parametrize(("sentence", "wrong"), [
    ("国家级经开区生产总值增长9%。", "gdp"),  # a zone's output is no region's: zones have no alias (they would unguard it)
    ("牛羊出栏分别增长5%、2%。", "sheep_slaughtered"),  # two subjects: no sheep alias lies inside 牛羊出栏
    ("国庆黄金周接待游客增长20%。", "gold_output"),  # 黄金周 is a holiday, no gold
    ("农业社会化服务覆盖率达到60%。", "agri_producer_coops"),
    ("新增四星级饭店30家。", "star_hotels"),  # a grade of hotel keeps its own id
    ("现代服务业占比达到60%。", "service_value_added"),  # a part of services: no bare 服务业占比
    ("新建通航机场4个。", "civil_airports"),  # general aviation, not transport airports
    ("新建的糖厂投资只及老厂的百分之五十。", "sugar"),  # a sugar mill is no sugar: no bare 糖
    ("电动汽车、锂电池、光伏产品出口增长20%。", "lithium_batteries"),  # the exports of the three, no output
    ("电动汽车、锂电池、光伏产品出口增长20%。", "car_output"),
    ("我国已能制造二万五千千瓦的发电设备。", "power_equipment"),  # the size of one set, no output
    ("集成电路、汽车零部件出口分别增长40%、20%。", "integrated_circuits"),  # exports, no output
    ("钢铁、电解铝分别压减过剩产能300万吨和50万吨。", "electrolytic_aluminum"),  # capacity cut, no output
    ("国营工业企业收入为六十亿元。", "state_industry_output"),  # budget revenue from the firms, not their output
])
def test_a_word_inside_another_names_no_id(sentence: str, wrong: str) -> None:
    report = extract(f"2025年政府工作报告\n一、2024年工作回顾\n{sentence}\n",
                     Options(doc_id="x", tasks=False, slogans=False))
    assert wrong not in [f.indicator for f in report.facts]


RANGED = ["community_health_centers", "senior_high_schools", "fortune500_firms", "big_livestock",
          "agri_producer_coops", "land_reclamation", "electrolytic_aluminum", "railway_freight",
          "nev_penetration", "education_years", "farm_machinery_power", "road_freight"]


@pytest.mark.parametrize("ind_id", RANGED)
def test_new_ids_have_a_level_range(ind_id: str) -> None:
    assert has_level_range(ind_id)
