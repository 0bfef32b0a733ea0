"""The ids and aliases added for money, people and rank facts (issue 12 item 5): budget lines and
standards of the national reports, funds a province secures or hands down, people placed or moved,
and the province's place in the innovation rankings. Each alias example names its own id, a part
keeps its own id (散居 and 集中养育 orphans, urban dibao money), and whole sentences through the
extractor give the id and value (my own phrasings, none copied from a report)."""

from __future__ import annotations

import pytest
from coverage_checks import first_id, has_level_range, review_facts, undescribed

from govreport import Options, extract
from govreport.facts.mentions import find_mentions

# a mention → the indicator it names
ALIAS_EXAMPLES = [
    ("今年减轻农民负担八十亿元", "farmer_burden_relief"),
    ("暴雨造成直接经济损失120亿元", "direct_economic_losses"),
    ("中央财政用于城市低保的补助资金增加到60亿元", "urban_dibao_funds"),
    ("下达困难群众救助补助资金90亿元", "needy_assistance_funds"),
    ("生均公用经费基准定额提高到每年800元", "school_funds_per_pupil"),
    ("农村中小学生人均公用经费提高50元", "school_funds_per_pupil"),
    ("计划生育家庭奖励扶助标准提高到每人每年960元", "family_planning_reward"),
    ("完成公路水运投资2.1万亿元", "highway_waterway_investment"),
    ("社会散居孤儿基本生活费提高到每月1300元", "orphan_allowance_dispersed"),
    ("集中养育孤儿基本生活费提高到每月1800元", "orphan_allowance_institutional"),  # the other part
    ("落实对口援藏资金30亿元", "counterpart_aid_funds"),
    ("省对市县转移支付增长6%", "provincial_transfers"),
    ("争取中央资金600亿元", "central_funds_obtained"),
    ("物价补贴增加到三百亿元", "price_subsidies"),
    ("更新改造投资比上年增长百分之十二", "renovation_investment"),
    ("紧急转移安置群众40万人", "emergency_relocation"),
    ("国有企业下岗职工减少到300万人", "laid_off_workers"),
    ("进城落户1000万人", "urban_settlement"),
    ("区域创新能力排名上升3位", "regional_innovation_capability"),
    ("综合科技创新水平指数达到70%", "sci_tech_innovation_index"),
    # new aliases of existing ids
    ("为经营主体减负800亿元", "tax_fee_cuts"),
    ("减轻企业负担600亿元", "tax_fee_cuts"),
    ("降低企业税负300亿元", "tax_fee_cuts"),
    ("中央财政中小企业发展资金增加到80亿元", "sme_development_funds"),
    ("城乡居民基本医保财政补助标准提高到每人每年700元", "health_insurance_subsidy"),
    ("基本公共卫生服务经费财政补助提高到人均90元", "public_health_service_subsidy"),
    ("城镇累计新增就业300万人", "new_urban_jobs"),
    ("转移农业劳动力800万人", "rural_labor_transfer"),
    ("财政用于教育支出增长9%", "education_spending"),
    ("财政用于医疗卫生支出增长11%", "health_spending"),
    ("财政用于社会保障支出增长10%", "social_security_spending"),
    ("各项税收比上年增长百分之八", "tax_revenue"),
    ("外商直接投资协议金额150亿美元", "contracted_foreign_investment"),
    ("外商直接投资实际金额400亿美元", "foreign_investment"),
    ("全国财政比年度预算超收900亿元", "revenue_overrun"),
    ("中等职业学校招生规模达到600万人", "vocational_enrollment"),
    ("普通高等学校招生人数增加到七十万人", "university_enrollment"),  # universities only, not all entrants
    ("东西部协作财政援助资金增长8%", "east_west_aid_funds"),
    ("城镇安排就业的劳动力达到九百万人", "urban_job_placement"),
    ("参加高级农业生产合作社的农户增加到一千万户", "advanced_coop_households"),  # a part of coop_households
    ("制造业高质量发展指数居全国第8位", "manufacturing_quality_index"),
    ("信息化和工业化融合发展水平提高到60%", "informatization_index"),
    ("社会救助补助资金增长5%", "needy_assistance_funds"),
    ("民生投入增长7%", "livelihood_spending"),
    ("高等学校的学生增加到六十万人", "university_students"),
    ("中等学校的学生增加到九百万人", "secondary_schools_all_students"),
    ("完成地质灾害避险搬迁1.2万户", "geohazard_relocation"),
    ("新增退役军人就业6000人", "veteran_employment"),
    ("就业困难人员实现就业3万人", "hard_to_employ_jobs"),
    ("培育高素质农民5000人", "high_quality_farmers"),
    ("创业带动就业8万人", "jobs_from_entrepreneurship"),
    ("救助受灾困难群众30万人", "disaster_relief_recipients"),
    ("家庭医生签约人数达到900万人", "family_doctor_signups"),
    ("家庭医生签约服务率达到75%", "family_doctor_rate"),  # the share keeps its own id
    ("农村劳动力实现转移就业200万人", "rural_labor_transfer"),
    ("个人养老金开户人数达到80万人", "personal_pension"),  # a private account, no basic_pension
    ("居民人均可支配收入中位数增长5%", "median_disposable_income"),  # the median, not the mean
    ("国有土地使用权出让收入下降15%", "land_sale_revenue"),
    ("化解政府隐性债务60亿元", "hidden_debt_resolved"),
    ("争取上级各类资金40亿元", "superior_funds_obtained"),
    ("涉农贷款余额增长9%", "agri_loans"),
    ("制造业贷款余额增长14%", "manufacturing_loans"),
    ("三公经费下降3%", "three_public_expenses"),
    ("压减一般性支出8%", "general_expenditure_cuts"),
    ("追回拖欠农民工工资3亿元", "unpaid_wages_recovered"),
    ("出生人口减少1.2万人", "births"),
    ("城镇人口增加15万人", "urban_population"),
    ("招聘特岗教师1500名", "special_post_teachers"),
    ("培养公费师范生800名", "free_normal_students"),
    ("中小学专任教师增加3000人", "school_teachers"),
    ("培养全科医生300名", "general_practitioners"),
    ("每万人口全科医生数达到3.5人", "gp_per_10k"),  # the ratio keeps its own id
    ("实施医疗救助50万人次", "medical_assistance_recipients"),
    ("医疗救助资金20亿元", "medical_assistance_funds"),  # the money keeps its own id
    ("资助困难群众参保40万人", "insured_subsidized"),
    ("创新产出水平指数达到80%", "innovation_output_index"),
    ("城镇非私营单位就业人员平均工资增长6%", "average_wage"),
    ("返乡入乡创业2万人", "returnee_entrepreneurs"),
    ("统筹整合财政涉农资金15亿元", "integrated_agri_funds"),
    ("减免企业税费3亿元", "tax_fee_cuts"),
    ("上级资金增长12%", "superior_funds_obtained"),
]


# 人均 before a total's alias is no part of the table's rules: each per-head measure a report writes
# has its own id, and an urban or rural figure never falls to the figure of all residents
PER_HEAD_EXAMPLES = [
    ("城镇居民人均消费支出增长5%", "urban_consumption_per_capita"),
    ("农村常住居民人均消费支出1.6万元", "rural_consumption_per_capita"),
    ("居民人均消费支出增长6%", "consumption_per_capita"),
    ("人均财政支出达到1.5万元", "budget_spending_per_capita"),
    ("人均一般公共预算收入增长4%", "budget_revenue_per_capita"),
    ("人均储蓄存款达到4万元", "savings_per_capita"),
    ("城镇私营单位就业人员平均工资5.8万元", "private_unit_wage"),
    ("城市低保标准提高到每月900元", "urban_dibao_standard"),
    ("农村低保人均保障标准提高8%", "rural_dibao_standard"),
    ("城乡低保标准提高8%", "minimum_living_standard"),  # both together: the whole
    ("城市低保对象减少2万人", "urban_dibao_recipients"),
    ("农村低保对象减少5万人", "rural_dibao_recipients"),
    ("城乡低保对象减少5万人", "dibao_recipients"),
    ("中职毕业生6万人", "vocational_graduates"),  # no college graduates
    ("农村常住人口减少8万人", "rural_population"),  # a part of the population
    ("城镇常住人口增加8万人", "urban_population"),
    ("中央预算内水利投资800亿元", "central_water_investment"),  # the central part, not all water investment
    ("第四代移动通信用户达到5亿户", "users_4g"),  # a part of mobile phone users, not all of them
    ("5G用户突破800万户", "users_5g"),
    ("5G用户渗透率达到65%", "users_5g_penetration"),  # the share, not the count
    ("移动互联网用户增长12%", "mobile_internet_users"),
    ("移动电话用户达到3亿户", "mobile_users"),
]


# 城乡低保标准 with two figures is the urban and the rural standard, in that order (cues.yaml split_mentions)
SPLIT_EXAMPLES = [
    ("城乡低保标准分别提高9%和12%。", [("urban_dibao_standard", 9), ("rural_dibao_standard", 12)]),
    ("城乡低保标准提高到每月900元和700元。", [("urban_dibao_standard", 900), ("rural_dibao_standard", 700)]),
    ("城乡低保月均标准分别增长6%、8%。", [("urban_dibao_standard", 6), ("rural_dibao_standard", 8)]),
]


@pytest.mark.parametrize(("sentence", "expected"), SPLIT_EXAMPLES)
def test_urban_and_rural_standards_split(sentence: str, expected: list[tuple[str, float]]) -> None:
    report = extract(f"国务院2010年政府工作报告\n一、2009年工作回顾\n{sentence}\n",
                     Options(doc_id="x", tasks=False, slogans=False))
    assert [(f.indicator, f.value) for f in report.facts] == [(i, pytest.approx(v)) for i, v in expected]


@pytest.mark.parametrize(("text", "expected"), PER_HEAD_EXAMPLES)
def test_a_per_head_measure_is_no_total(text: str, expected: str) -> None:
    found = find_mentions(text)
    assert found and found[0].indicator == expected, [(m.indicator, m.text) for m in found]


@pytest.mark.parametrize(("text", "expected"), ALIAS_EXAMPLES)
def test_a_mention_names_its_id(text: str, expected: str) -> None:
    got, found = first_id(text)
    assert got == expected, found


def test_every_example_id_is_described() -> None:
    assert undescribed([i for _, i in ALIAS_EXAMPLES]) == []


def test_the_two_orphan_standards_stay_apart() -> None:
    """散居 and 集中养育 are two standards: neither is the other, and no id names orphans as a whole."""
    assert [m.indicator for m in find_mentions("散居孤儿基本生活费提高10%")] == ["orphan_allowance_dispersed"]
    assert [m.indicator for m in find_mentions("集中养育孤儿基本生活费提高10%")] == ["orphan_allowance_institutional"]
    assert find_mentions("孤儿基本生活费提高10%") == []


def test_the_settlement_of_migrants_is_no_alias() -> None:
    """农业转移人口落户城镇 is followed by other figures (改造…棚户区) in the same breath: not an alias."""
    assert find_mentions("促进农业转移人口落户城镇") == []


# whole sentences through the extractor: (sentence, id, value)
FACT_EXAMPLES = [
    ("取消农业特产税以后，每年减轻农民负担五十亿元。", "farmer_burden_relief", 5e9),
    ("全年因灾直接经济损失三百亿元。", "direct_economic_losses", 3e10),
    ("中央财政用于城市低保的补助资金80亿元，比上年增加15亿元。", "urban_dibao_funds", 8e9),
    ("中央财政用于城市低保的补助资金80亿元，比上年增加15亿元。", "urban_dibao_funds", 1.5e9),
    ("全年发放困难群众救助补助资金35亿元。", "needy_assistance_funds", 3.5e9),
    ("今年公路水运投资1.6万亿元。", "highway_waterway_investment", 1.6e12),
    ("社会散居孤儿津贴标准提高200元。", "orphan_allowance_dispersed", 200),
    ("落实对口援疆资金160亿元。", "counterpart_aid_funds", 1.6e10),
    ("省对市县一般公共预算转移支付达到2800亿元。", "provincial_transfers", 2.8e11),
    ("争取中央各类资金超过700亿元。", "central_funds_obtained", 7e10),
    ("粮油等价格补贴共一百八十亿元。", "price_subsidies", 1.8e10),
    ("更新改造投资一千二百亿元。", "renovation_investment", 1.2e11),
    ("国有企业下岗职工达1500万人。", "laid_off_workers", 1.5e7),
    ("全年紧急转移安置群众120万人。", "emergency_relocation", 1.2e6),
    ("区域创新能力升至全国第六位。", "regional_innovation_capability", 6),
    ("综合科技创新水平指数达到65.2%。", "sci_tech_innovation_index", 65.2),
    ("全年为市场主体减负超过1.2万亿元。", "tax_fee_cuts", 1.2e12),
    ("中央财政扶持中小企业发展专项资金安排90亿元。", "sme_development_funds", 9e9),
    ("城镇累计新增就业180万人。", "new_urban_jobs", 1.8e6),
    ("全国财政用于社会保障支出五年累计2万亿元。", "social_security_spending", 2e12),
    ("一九五六年各项税收为一百四十亿元。", "tax_revenue", 1.4e10),
    ("全日制高等学校招生数将从三十万人增加到四十五万人。", "university_enrollment", 4.5e5),
    ("普通高校招生300万人，比上年增加20万人。", "university_enrollment", 2e5),
    ("中等职业学校招生规模扩大到700万人。", "vocational_enrollment", 7e6),
    ("制造业高质量发展指数升至全国第7位。", "manufacturing_quality_index", 7),
    ("累计投入东西部协作财政援助资金45亿元。", "east_west_aid_funds", 4.5e9),
    ("地质灾害避险搬迁安置2400户。", "geohazard_relocation", 2400),
    ("今年新增退役军人就业5000人。", "veteran_employment", 5000),
    ("重点帮扶就业困难人员实现就业2.5万人。", "hard_to_employ_jobs", 2.5e4),
    ("全年救助各类受灾群众40万人。", "disaster_relief_recipients", 4e5),
    ("城镇居民人均消费支出3.1万元，增长5.2%。", "urban_consumption_per_capita", 3.1e4),
    ("人均财政支出达到1.2万元。", "budget_spending_per_capita", 1.2e4),
    ("今年压减一般性支出5亿元。", "general_expenditure_cuts", 5e8),
    ("土地出让收入下降20%。", "land_sale_revenue", -20),
    ("实施医疗救助20万人次。", "medical_assistance_recipients", 2e5),
    ("个人养老金开户602万人。", "personal_pension", 6.02e6),
    ("引导农民工返乡创业3100人。", "returnee_entrepreneurs", 3100),
    ("累计统筹整合使用财政涉农资金8.6亿元。", "integrated_agri_funds", 8.6e8),
]


@pytest.mark.parametrize(("sentence", "expected", "value"), FACT_EXAMPLES)
def test_a_sentence_gives_the_id(sentence: str, expected: str, value: float) -> None:
    got = review_facts(sentence, 2010, "国务院{year}年政府工作报告")
    assert (expected, pytest.approx(value)) in got, got


NEW_IDS = ["farmer_burden_relief", "direct_economic_losses", "urban_dibao_funds", "needy_assistance_funds",
           "school_funds_per_pupil", "family_planning_reward", "highway_waterway_investment",
           "orphan_allowance_dispersed", "orphan_allowance_institutional", "counterpart_aid_funds",
           "provincial_transfers", "central_funds_obtained", "price_subsidies", "renovation_investment",
           "emergency_relocation", "laid_off_workers", "urban_settlement", "regional_innovation_capability",
           "sci_tech_innovation_index", "vocational_enrollment", "university_enrollment", "east_west_aid_funds",
           "urban_job_placement", "advanced_coop_households", "manufacturing_quality_index", "informatization_index",
           "geohazard_relocation", "veteran_employment", "hard_to_employ_jobs", "high_quality_farmers",
           "jobs_from_entrepreneurship", "disaster_relief_recipients", "family_doctor_signups",
           "urban_consumption_per_capita", "rural_consumption_per_capita", "budget_spending_per_capita",
           "budget_revenue_per_capita", "savings_per_capita", "private_unit_wage", "personal_pension",
           "median_disposable_income", "land_sale_revenue", "hidden_debt_resolved", "superior_funds_obtained",
           "agri_loans", "manufacturing_loans", "three_public_expenses", "general_expenditure_cuts",
           "unpaid_wages_recovered", "births", "urban_population", "special_post_teachers", "free_normal_students",
           "school_teachers", "general_practitioners", "medical_assistance_recipients", "insured_subsidized",
           "innovation_output_index", "returnee_entrepreneurs", "integrated_agri_funds", "urban_dibao_standard",
           "rural_dibao_standard", "urban_dibao_recipients", "rural_dibao_recipients", "vocational_graduates",
           "rural_population", "central_water_investment", "users_4g", "users_5g", "mobile_internet_users",
           "users_5g_penetration"]


@pytest.mark.parametrize("ind_id", NEW_IDS)
def test_new_ids_have_a_level_range(ind_id: str) -> None:
    assert has_level_range(ind_id)


def test_a_misread_standard_is_flagged() -> None:
    """A per-pupil standard of 5 million 元 is a misreading (a magnitude applied twice): flagged."""
    report = extract("国务院2010年政府工作报告\n一、2009年工作回顾\n生均公用经费基准定额提高到500万元。\n",
                     Options(doc_id="x", tasks=False, slogans=False))
    facts = [f for f in report.facts if f.indicator == "school_funds_per_pupil"]
    assert facts and any(c.startswith("implausible") for c in facts[0].checks), facts
