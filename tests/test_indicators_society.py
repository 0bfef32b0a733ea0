"""Canonical ids for society and place (employment and social insurance, education, health, housing,
transport, environment, poverty, government services, public safety, science, culture and tourism):
each mention names its own indicator, and a sub-indicator never falls back to its parent."""

from __future__ import annotations

import pytest

from govreport import extract
from govreport.facts.mentions import find_mentions
from govreport.lexicons import indicators, plausible
from govreport.options import Options

# a mention → the indicator it names (sentences written for this test, in the reports' wording)
MENTIONS = [
    # public safety
    ("全年刑事案件发案数下降9%", "criminal_cases"),
    ("治安案件查处数下降5.2%", "public_order_cases"),
    ("命案发案数下降20%", "homicide_cases"),
    ("现行命案破案率保持100%", "homicide_clearance_rate"),  # the rate, not the count
    ("生产安全事故起数下降12%", "safety_accidents"),
    ("生产安全事故死亡人数下降8%", "safety_deaths"),  # the deaths keep their own id
    # education: each level of school is its own series, and none is the catch-all students
    ("小学在校学生达到1.2亿人", "primary_students"),
    ("普通中学在校学生人数增长12%", "secondary_students"),
    ("中等专业学校在校学生90万人", "specialized_secondary_students"),
    ("高等学校在校学生人数达到200万人", "university_students"),
    ("在校学生人数增长3%", "students"),
    ("研究生招生人数增加到1.5万人", "postgraduate_enrollment"),
    # health
    ("卫生技术人员达到12万人", "health_workers"),
    ("每千人口医疗卫生机构床位数达到7.5张", "beds_per_thousand"),  # per 1,000: not hospital_beds
    ("医疗卫生机构床位达到5万张", "hospital_beds"),
    ("每千人口执业（助理）医师数达到3.4人", "doctors_per_thousand"),
    ("家庭医生签约服务率达到75%", "family_doctor_rate"),
    # housing
    ("城镇居民人均住房建筑面积达到40平方米", "urban_housing_per_capita"),
    ("城镇人均居住面积增加到9平方米", "urban_living_space_per_capita"),  # living space ≠ floor area
    ("农村居民人均住房面积达到48平方米", "rural_housing_per_capita"),
    # transport and posts: each mode is a part of freight_turnover
    ("铁路货物周转量增长6%", "railway_freight_turnover"),
    ("公路货运周转量增长9%", "road_freight_turnover"),
    ("内河轮驳船货物周转量增长30%", "waterway_freight_turnover"),
    ("沿海航运货物周转量增长4%", "coastal_freight_turnover"),
    ("民航货物周转量增长15%", "air_freight_turnover"),
    ("货物周转量增长5%", "freight_turnover"),
    ("邮路总长度达到230万公里", "postal_routes"),
    ("电报线路总长度达到50万公里", "telegraph_lines"),
    ("邮电业务总量增长40%", "posts_telecom_volume"),
    ("航空货邮吞吐量增长20%", "airport_cargo"),
    ("建成民用运输机场2座", "civil_airports"),
    ("新建通用机场5个", "general_airports"),
    ("新建公路3000公里", "highway_construction"),
    ("公路通车总里程达到2万公里", "highway_mileage"),  # the network, not the road built this year
    ("新增高等级公路800公里", "high_grade_highways"),
    # environment
    ("新增城镇污水日处理能力20万立方米", "sewage_capacity"),
    ("城镇污水处理率达到95%", "sewage_treatment"),
    ("生活垃圾日处理能力达到3000吨", "garbage_capacity"),
    ("集中式饮用水水源地水质达标率保持100%", "drinking_water_quality"),
    ("消除城市黑臭水体12条", "black_odorous_water"),
    ("完成农村黑臭水体治理80个", "rural_black_odorous_water"),
    ("森林抚育面积15万亩", "forest_tending"),
    ("封山育林30万亩", "mountain_closure"),
    ("完成人工造林10万亩", "afforestation"),
    ("新建城市绿道200公里", "greenways"),
    # poverty and rural
    ("农村贫困人口由500万人减少到100万人", "rural_poor_population"),
    ("减少农村贫困人口1200万人", "poverty_reduction"),  # those lifted out, not those left
    ("完成农村户厕改造5万户", "rural_toilets"),
    ("农村卫生厕所普及率达到90%", "sanitary_toilets"),
    # government and reform
    ("取消和下放行政审批事项120项", "admin_approval_items"),
    ("政务服务事项网上可办率达到98%", "gov_services_online_rate"),
    ("提请全国人大常委会审议法律议案12件", "law_bills"),
    # employment and social insurance: each scheme is a part of its parent
    ("下岗失业人员再就业300万人", "reemployment"),
    ("城镇登记失业人数控制在10万人以内", "registered_unemployed"),
    ("城镇登记失业率控制在4.5%以内", "registered_unemployment"),
    ("城镇职工基本养老保险参保人数达到1000万人", "employee_pension_insurance"),
    ("城乡居民基本养老保险参保人数达到2000万人", "resident_pension_insurance"),
    ("基本养老保险参保人数达到3000万人", "pension_insurance"),
    ("城镇职工基本医疗保险参保人数增加200万人", "employee_medical_insurance"),
    ("城镇居民基本医疗保险参保人数达到3亿人", "urban_resident_medical_insurance"),
    ("新型农村合作医疗覆盖8亿人", "rural_cooperative_medical"),
    ("新农合参合率达到98%", "rural_cooperative_medical_rate"),  # the rate, not the people covered
    ("基本医疗保险参保率稳定在95%以上", "medical_coverage_rate"),  # a rate: never the count of insured
    ("基本医疗保险参保人数达到1300万人", "medical_insurance"),
    ("人均基本公共卫生服务经费补助标准提高到89元", "public_health_service_subsidy"),
    ("居民医保人均财政补助标准提高30元", "health_insurance_subsidy"),
    ("失业保险金标准提高到每月1800元", "unemployment_benefit"),
    ("特困人员基本生活标准提高8%", "destitute_support_standard"),
    ("新纳入特困供养20万人", "destitute_support"),
    ("实施临时救助50万人次", "temporary_assistance"),
    ("新建养老服务机构120个", "elderly_care_institutions"),
    ("养老机构护理型床位占比达到60%", "elderly_care_beds"),
    ("失业保险参保人数达到200万人", "unemployment_insurance"),
    ("工伤保险参保人数达到300万人", "work_injury_insurance"),
    ("普惠性幼儿园覆盖率达到90%", "inclusive_kindergarten_coverage"),
    ("学前教育毛入园率达到92%", "preschool_enrollment"),
    ("高等教育在学总规模达到4000万人", "higher_education_students"),  # every form: not the universities'
    ("高等教育毛入学率达到60%", "higher_education_enrollment"),
    ("高考录取率提高到60%", "college_admission_rate"),
    ("人均体育场地面积达到2.8平方米", "sports_area_per_capita"),
    ("全省共取得重大科技成果3000多项", "sci_tech_achievements"),
    ("研发费用加计扣除比例提高到100%", "rd_deduction_ratio"),
    ("规上企业研发经费投入增长12%", "business_rd_spending"),
    ("全社会研发经费投入增长10%", "rd_spending"),
    ("城市新建职工住宅5000万平方米", "staff_housing"),
    ("职工住宅施工面积8000万平方米", "staff_housing_in_construction"),  # under construction ≠ completed
    ("安排农村义务教育经费900亿元", "rural_compulsory_education_funds"),
    ("林草覆盖率达到45%", "forest_grass_coverage"),
    ("森林覆盖率达到40%", "forest_coverage"),
    ("受污染耕地安全利用率达到93%", "polluted_farmland_safe_use"),
    ("重点建设用地安全利用率保持100%", "contaminated_land_safe_use"),
    ("地表水国考断面优良水质比例达到92%", "water_quality"),
    ("北方地区清洁取暖率达到75%", "clean_heating_rate"),
    ("城区集中供热普及率达到98%", "central_heating_rate"),
    ("群众安全感满意度达到98%", "public_security_feeling"),
    ("城镇棚户区住房改造600万套", "shantytown_renovation"),
    ("改造老旧燃气管道1000公里", "underground_pipes"),
    ("人均期望寿命达到78岁", "life_expectancy"),
    ("城乡低保人均补助标准提高5%", "minimum_living_allowance"),  # the benefit paid, not the threshold
    ("城乡低保标准提高到每月800元", "minimum_living_standard"),
    ("新建改建桥梁12座", "bridges"),
    ("实施危桥改造80座", "dangerous_bridges"),
    ("建成标准化村卫生室300个", "village_clinics"),
    ("新增公共停车位2万个", "parking_spaces"),
    ("打通断头路20条", "dead_end_roads"),
    ("新增绿地面积3000亩", "green_space_area"),
    ("建成区绿地率达到40%", "green_space_ratio"),
    ("建成区绿化覆盖率达到43%", "urban_green_coverage"),
    ("林木覆盖率达到25%", "tree_cover"),
    ("修复退化湿地2万亩", "wetland_restoration"),
    ("湿地保护率达到55%", "wetland_protection"),
    ("完成历史遗留矿山生态修复5万亩", "mine_restoration"),
    ("义务植树5000万株", "tree_planting"),
    ("营造修复红树林3000亩", "mangroves"),
    ("治理水土流失面积1200平方公里", "soil_erosion_control"),
    ("新增义务教育学位3万个", "school_places"),
    ("每千人口托位数达到4.5个", "childcare_places_per_thousand"),  # per 1,000: not the count of places
    ("新增托位3万个", "childcare_places"),
    ("中等职业学校在校生达到60万人", "vocational_students"),
    ("高职在校生达到40万人", "higher_vocational_students"),
    ("建成电气化铁路2500公里", "electrified_railway"),
    ("开展补贴性技能培训30万人次", "vocational_training"),
    ("国务院提请全国人大常委会审议法律议案12件", "law_bills"),
    ("改造城市危旧房3000套", "urban_dilapidated_housing"),
    ("完成农村危房改造5000户", "rural_housing_renovation"),  # rural houses keep their own id
    ("完成农房抗震改造2万户", "rural_seismic_retrofit"),
    ("完成特殊困难老年人家庭适老化改造1万户", "elderly_home_adaptation"),
    ("改造背街小巷120条", "back_alleys"),
    ("消除易积水点位30处", "waterlogging_points"),
    ("集装箱班轮航线达到150条", "container_routes"),
    ("建设农村集中供水工程200处", "rural_water_supply_projects"),
    ("农村自来水普及率达到92%", "rural_tap_water"),
    ("续建安置房8000套", "resettlement_housing"),
    ("建成过江通道3座", "river_crossings"),
    ("资助家庭经济困难学生1500万人次", "student_aid"),
    ("城镇个体劳动者增加到100万人", "urban_self_employed"),
    ("新增4A级旅游景区5家", "scenic_spots_4a"),  # 4A and 3A are parts of the A-grade ones
    ("新增3A级景区8家", "scenic_spots_3a"),
    ("实施农村公路安全生命防护工程5000公里", "highway_safety_projects"),
    ("拆除违法建设300万平方米", "illegal_construction_removed"),
    ("新建改造城市道路200公里", "urban_roads"),
    ("完成既有建筑节能改造500万平方米", "building_energy_retrofit"),
    ("航道通航总里程达到1.2万公里", "inland_waterways"),
    ("内河高等级航道里程突破1000公里", "inland_high_grade_waterways"),  # a part of the waterways
    ("新建和加固堤防1.5万公里", "embankments"),
    ("压减地下水开采量2亿立方米", "groundwater_extraction"),
    ("新建县域医疗次中心50个", "county_medical_subcenters"),
    ("创建全国示范性老年友好型社区40个", "age_friendly_communities"),
    ("新增国家级旅游休闲街区3个", "tourism_blocks"),
    ("新增五星级饭店10家", "five_star_hotels"),
    ("累计创建国家生态文明建设示范区20个", "eco_civilization_demo"),
    ("办结行政复议案件3万件", "admin_reconsideration"),
    ("授予专利权50万件", "patents_granted"),
    ("发明专利授权量增长20%", "invention_patents"),  # invention patents keep their own id
    ("改造老旧管线800公里", "underground_pipes"),
    ("新建通村公路600公里", "rural_roads"),
    ("完成石漠化综合治理40万亩", "desertification_control"),
    ("中等学校在校学生达到450万人", "secondary_schools_all_students"),
    ("每万人口全科医生数达到3.9人", "gp_per_10k"),
    ("5岁以下儿童死亡率下降到5‰", "under5_mortality"),
    ("婴儿死亡率下降到4‰", "infant_mortality"),
    ("居民健康素养水平达到35%", "health_literacy"),
    ("生育保险参保人数达到600万人", "maternity_insurance"),
    ("社会保障卡持卡人数达到4000万人", "social_security_cards"),
    ("住房公积金缴存额增长8%", "housing_provident_fund"),
    ("新建老年助餐点500个", "elderly_canteens"),
    ("海绵城市建设面积达到300平方公里", "sponge_city"),
    ("新建改造公厕200座", "public_toilets"),
    ("新开公交线路30条", "bus_lines"),
    ("更新新能源公交车800辆", "new_energy_buses"),
    ("新开国际客运航线10条", "air_routes"),
    ("重污染天数减少到3天", "heavy_pollution_days"),
    ("臭氧浓度下降5%", "ozone"),
    ("劣Ⅴ类水体比例降至0", "inferior_v_water"),
    ("农作物秸秆综合利用率达到92%", "straw_utilization"),
    ("畜禽粪污综合利用率达到80%", "manure_utilization"),
    ("废旧农膜回收率达到85%", "film_recycling"),
    ("一般工业固体废物综合利用率达到60%", "solid_waste_utilization"),
    ("危险废物安全处置率保持100%", "hazardous_waste_disposal"),
    ("生活垃圾分类覆盖率达到90%", "garbage_sorting_coverage"),
    ("城市生活污水集中收集率达到70%", "sewage_collection_rate"),
    ("农村生活垃圾治理率达到95%", "rural_garbage_treatment"),
    ("脱贫人口人均纯收入增长12%", "poverty_income"),
    ("脱贫劳动力务工规模稳定在300万人以上", "poverty_migrant_workers"),
    ("农村规模化供水工程覆盖农村人口比例达到60%", "rural_scale_water_supply"),
    ("政务服务事项全程网办率达到85%", "online_service_rate"),
    ("文化产业增加值增长10%", "culture_industry_value_added"),
    ("文化产业产值突破200亿元", "culture_industry_output"),
    ("备案博物馆达到150个", "museums"),
    ("经常参加体育锻炼人数比例达到38%", "exercise_rate"),
    ("接待过夜游客增长12%", "overnight_tourists"),
    ("入境过夜游客增长30%", "inbound_tourists"),
    ("千兆宽带用户达到500万户", "gigabit_users"),
    ("每万人拥有5G基站数达到25个", "base_stations_5g_per_10k"),
    ("建成5G基站3万个", "base_stations_5g"),
    ("基础研究经费占研发经费比重达到8%", "basic_research_share"),
    ("亿元地区生产总值生产安全事故死亡率下降20%", "safety_death_rate_gdp"),
    ("食品抽检合格率保持在98%以上", "food_sampling_pass_rate"),
    ("药品抽检合格率达到99%", "drug_sampling_pass_rate"),
    ("国务院组成部门从40个减少到29个", "state_council_departments"),
    ("非常设机构由85个减为26个", "non_standing_bodies"),
    ("全国精减行政编制共计115万人", "staffing_cuts"),
    ("沿海港口吞吐能力达到3亿吨", "port_capacity"),  # capacity, not the cargo handled
    ("港口货物吞吐量增长5%", "port_throughput"),
    ("建成万吨级以上泊位500个", "deepwater_berths"),
    ("开发公益性岗位2万个", "public_welfare_jobs"),
    ("发放创业担保贷款50亿元", "startup_guarantee_loans"),
    ("发放失业保险稳岗返还资金10亿元", "job_retention_refunds"),
    ("发放残疾人两项补贴12亿元", "disability_subsidies"),
    ("发放高龄补贴30亿元", "old_age_allowance"),
    # culture, tourism, digital, science, population
    ("A级旅游景区达到300个", "scenic_spots_a"),
    ("国家5A级旅游景区达到10家", "scenic_spots_5a"),  # a part of the A-grade ones
    ("国际旅游外汇收入达到50亿美元", "tourism_forex"),
    ("接待入境游客300万人次", "inbound_tourists"),
    ("固定宽带用户达到1000万户", "broadband_users"),
    ("研发人员总量增长8%", "rd_personnel"),
    ("人口出生率下降到12‰", "birth_rate"),
]


@pytest.mark.parametrize(("text", "expected"), MENTIONS, ids=[m[0][:20] for m in MENTIONS])
def test_a_mention_names_its_own_indicator(text: str, expected: str) -> None:
    found = find_mentions(text)
    assert found and found[0].indicator == expected, [m.indicator for m in found]


HEAD = "2021年某市人民政府工作报告\n——2021年1月20日在某市第十五届人民代表大会第五次会议上\n各位代表：\n一、2020年工作回顾\n"


def _ids(sentence: str) -> list[tuple[str | None, float]]:
    report = extract(HEAD + sentence + "\n", Options(text_only=True, tasks=False, slogans=False))
    return [(f.indicator, f.value) for f in report.facts]


@pytest.mark.parametrize(("sentence", "expected"), [
    # coordination hands each value to its own subject (刑事、治安案件: 刑事 shares 案件)
    ("刑事、治安案件分别下降10.5%、4.2%。", [("criminal_cases", -10.5), ("public_order_cases", -4.2)]),
    ("生产安全事故起数、死亡人数分别下降15%、12%。", [("safety_accidents", -15.0), ("safety_deaths", -12.0)]),
    ("全市刑事案件、治安案件、命案数分别下降20%、10%、30%。",
     [("criminal_cases", -20.0), ("public_order_cases", -10.0), ("homicide_cases", -30.0)]),
    # old national wording: each school level and each transport mode keeps its own id
    ("一九五七年小学在校学生将达到六千万人，普通中学在校学生达到四百万人。",
     [("primary_students", 6e7), ("secondary_students", 4e6)]),
    ("铁路货物周转量增长百分之十二，公路汽车货物周转量增长百分之九。",
     [("railway_freight_turnover", 12.0), ("road_freight_turnover", 9.0)]),
    ("邮路总长度达到二百万公里。", [("postal_routes", 2e9)]),
    ("城镇居民人均住房建筑面积由20平方米增加到25平方米。",
     [("urban_housing_per_capita", 20.0), ("urban_housing_per_capita", 25.0)]),
    ("建成运输机场2座、通用机场6座。", [("civil_airports", 2.0), ("general_airports", 6.0)]),
    ("农村贫困人口由3000万人减少到1000万人。", [("rural_poor_population", 3e7), ("rural_poor_population", 1e7)]),
    ("城镇职工基本养老保险参保人数达到800万人。", [("employee_pension_insurance", 8e6)]),
    # one 分别 over two standards: each goes to its own subsidy
    ("居民医保和基本公共卫生服务经费人均财政补助标准分别再提高30元和5元。",
     [("health_insurance_subsidy", 30.0), ("public_health_service_subsidy", 5.0)]),
    ("国务院提请全国人大常委会审议法律议案12件，制定修订行政法规20件。", [("law_bills", 12.0), ("government_rules", 20.0)]),
    ("中、高等职业教育在校生分别达到1800万人和900万人。",
     [("vocational_students", 1.8e7), ("higher_vocational_students", 9e6)]),
    ("食品、药品抽检合格率分别达到98%、99%。",
     [("food_sampling_pass_rate", 98.0), ("drug_sampling_pass_rate", 99.0)]),
    ("亿元地区生产总值生产安全事故死亡率下降15%。", [("safety_death_rate_gdp", -15.0)]),  # never gdp
    ("成功创建4A级景区3家、3A级景区8家。", [("scenic_spots_4a", 3.0), ("scenic_spots_3a", 8.0)]),
    ("每千人托位、养老床位数分别达到4.5个、30张。",
     [("childcare_places_per_thousand", 4.5)]),
    ("建成区绿化覆盖率、绿地率分别达到42%、38%。", [("urban_green_coverage", 42.0), ("green_space_ratio", 38.0)]),
    ("高等教育在学人数3000万人，毛入学率提高到30%。",
     [("higher_education_students", 3e7), ("higher_education_enrollment", 30.0)]),
])
def test_facts_take_the_society_ids(sentence: str, expected: list[tuple[str, float]]) -> None:
    got = _ids(sentence)
    for pair in expected:
        assert pair in got, got


FIRST, LAST = "criminal_cases", "old_age_allowance"  # the block of rows this file covers


def test_every_society_id_has_a_mention_example() -> None:
    """Each id of this block of the table (criminal_cases … FIRST/LAST) is exercised above."""
    ids = list(indicators())
    ours = ids[ids.index(FIRST) : ids.index(LAST) + 1]
    tested = {ind_id for _, ind_id in MENTIONS}
    assert len(ours) >= 160
    assert [i for i in ours if i not in tested] == []


def test_society_ids_are_in_the_table_with_a_unit_and_a_note() -> None:
    table = indicators()
    added = set(list(table)[40:])  # the spec's 40 rows carry no notes
    for _, ind_id in MENTIONS:
        ind = table[ind_id]
        assert ind.default_unit and (ind.notes or ind_id not in added), ind_id


def test_plausible_ranges_of_society_rates() -> None:
    rows = {(p.indicator, p.measure, p.unit): p for p in plausible()}
    for ind_id in ("family_doctor_rate", "drinking_water_quality", "gov_services_online_rate", "homicide_clearance_rate",
                   "medical_coverage_rate", "inclusive_kindergarten_coverage", "public_security_feeling",
                   "polluted_farmland_safe_use", "forest_grass_coverage", "clean_heating_rate"):
        row = rows[(ind_id, "level", "%")]
        assert row.min == 0 and row.max == 100
    assert rows[("urban_housing_per_capita", "level", "平方米")].max < 200
