"""Lexicons are data files: they load, validate, and their examples hold."""

from __future__ import annotations

import pytest
from shared_paths import SHARED

from govreport import lexicons
from govreport.errors import LexiconError
from govreport.lexicons import cues, indicators, units
from govreport.numbers import parse_quantity


def test_indicator_ids_are_the_contract() -> None:
    """The spec's 40 rows come first, exactly as the spec writes them; the package's ids follow."""
    spec = [ln for ln in (SHARED / "spec" / "indicators.tsv").read_text(encoding="utf-8").splitlines() if ln.strip()]
    ours = [ln for ln in lexicons.read_text("indicators.tsv").splitlines() if ln.strip() and not ln.startswith("#")]
    assert ours[: len(spec)] == spec
    spec_ids = [ln.split("\t")[0] for ln in spec[1:]]
    assert list(indicators())[: len(spec_ids)] == spec_ids
    assert len(indicators()) >= 120


def test_added_indicators_are_described() -> None:
    canonical = {u.canonical for u in units().values()}
    for ind in list(indicators().values())[40:]:
        assert ind.notes and ind.aliases and ind.direction in {"up", "down", "none"}, ind.id
        assert ind.default_unit in canonical, (ind.id, ind.default_unit)


# a mention → the indicator it names: sub-indicators stay apart from the headline ones
MENTION_EXAMPLES = [
    ("户籍人口城镇化率达到45%", "hukou_urbanization_rate"),
    ("常住人口城镇化率达到60%", "urbanization_rate"),
    ("城镇化率达到60%", "urbanization_rate"),
    ("能源工业增加值增长8%", "energy_industry_value_added"),
    ("规模以上工业增加值增长8%", "industrial_value_added"),
    ("海洋生产总值3000亿元", "ocean_gdp"),
    ("地区生产总值3000亿元", "gdp"),
    ("高技术制造业增加值增长12%", "high_tech_manufacturing"),
    ("第三产业增加值增长7%", "service_value_added"),
    ("森林覆盖率达到62%", "forest_coverage"),
    ("新建高标准农田50万亩", "high_standard_farmland"),
    ("高速公路通车里程达到5000公里", "expressway_mileage"),
    ("改造城镇老旧小区1200个", "old_communities"),
    ("进出口总额增长5%", "trade"),
    ("进口增长3%", "imports"),
    ("出口增长3%", "exports"),
    ("一般公共预算支出800亿元", "budget_spending"),
    ("一般公共预算收入300亿元", "budget_revenue"),
    ("财政民生支出占比达到76.7%", "livelihood_spending_share"),
    ("民生支出650亿元", "livelihood_spending"),
    ("财政赤字率3%", "deficit_ratio"),
    ("财政赤字2.7万亿元", "deficit"),
    ("单位生产总值能耗下降3%", "energy_intensity"),
    ("单位生产总值二氧化碳排放下降4%", "carbon_intensity"),
    ("城乡居民基础养老金最低标准提高20元", "resident_basic_pension"),
    ("退休人员基本养老金上调2%", "basic_pension"),
    ("生活垃圾回收利用率达到40%", "garbage_recycling_rate"),
    ("生活垃圾无害化处理率达到100%", "garbage_treatment"),
    ("快递业务量增长15%", "express_delivery"),
    ("农业科技进步贡献率达到62%", "agri_tech_contribution"),
    ("草原综合植被盖度达到55%", "grassland_cover"),
    ("油气当量突破3000万吨", "oil_gas_equivalent"),
    ("输转城乡富余劳动力500万人", "labor_export"),  # urban and rural: not the rural transfer
    ("完成造林面积20万亩", "afforestation"),
    ("入境过夜游客增长30%", "inbound_tourists"),
    ("民营经济增加值增长6%", "private_economy_value_added"),
    ("天然气产量达到500亿立方米", "natural_gas_output"),
    ("农牧民转移就业60万人", "rural_labor_transfer"),
    ("旅游总花费增长9%", "tourism_revenue"),
    ("消费对经济增长的贡献率达到60%", "consumption_contribution"),
    ("科技进步对经济增长的贡献率达到60%", "tech_progress_contribution"),
    ("农业科技进步贡献率达到62%", "agri_tech_contribution"),
    ("新创建绿色工业园区5个", "green_parks"),
    ("新创建绿色工厂50家", "green_factories"),
    ("城乡居民储蓄存款余额由4.6万亿元增加到8.7万亿元", "household_savings"),  # never deposits
    ("存款余额增长8%", "deposits"),
    ("金融机构存贷款余额完成103.42亿元", "deposits_and_loans"),  # one value: the sum, neither of the two
    ("化肥产量达到800万吨", "chemical_fertilizer"),
    ("机制纸增长20%", "machine_paper"),
    ("粮食单产提高到每亩300公斤", "grain_yield"),
    ("粮食达到6000亿斤", "grain_output"),
    ("平均每人占有粮食近八百斤", "grain_per_capita"),  # per person, not the harvest
    ("新增中小学学位5万个", "school_places"),
    ("老楼加装电梯1000部", "elevators"),
    ("新型储能装机达到500万千瓦", "energy_storage"),
    ("风电光伏装机突破1亿千瓦", "renewable_capacity"),
    ("中欧班列开行924列", "china_europe_trains"),
    ("省属企业利润增长10%", "soe_profit"),
    ("新线铺轨1000公里", "railway_construction"),
    ("电力一百零八亿度", "power_generation"),
    ("电力装机达到1亿千瓦", "power_capacity"),  # the longer name wins
    ("每万人口高价值发明专利拥有量达到15件", "high_value_patents"),  # not all invention patents
    ("养老机构护理型床位占比达73.4%", "elderly_care_beds"),  # not hospital beds
    ("医疗卫生机构床位达到5万张", "hospital_beds"),
    ("地表水国控断面水质优良比例98.5%", "water_quality"),
    ("城市低保人均保障标准从796元提高至842元", "urban_dibao_standard"),  # the urban part, not 城乡低保标准
    ("社会物流总费用与GDP的比率降至14%", "logistics_cost_ratio"),
    ("改造供热管网500公里", "underground_pipes"),
    ("中央财政科技投入1461亿元", "central_science_spending"),
    ("中央对地方转移支付总额由1997年的664亿元增加到2002年的4019亿元", "central_transfers"),
    ("发行长期建设国债6600亿元", "construction_bonds"),
    ("非金融类对外直接投资1180亿美元", "outward_investment"),
    ("能源消耗强度下降3%", "energy_intensity"),
]


@pytest.mark.parametrize(("text", "expected"), MENTION_EXAMPLES)
def test_mention_examples(text: str, expected: str) -> None:
    from govreport.facts.mentions import find_mentions

    found = find_mentions(text)
    assert found and found[0].indicator == expected, [m.indicator for m in found]


def test_a_name_owns_its_alias_and_other_clashes_fail(monkeypatch: pytest.MonkeyPatch) -> None:
    assert "户籍人口城镇化率" not in indicators()["urbanization_rate"].aliases
    table = {
        "a": lexicons.Indicator("a", "甲指标", ("甲指标", "乙指标", "甲乙"), "元", "up"),
        "b": lexicons.Indicator("b", "乙指标", ("乙指标",), "元", "up"),
    }
    assert lexicons._one_owner_per_alias(table)["a"].aliases == ("甲指标", "甲乙")
    table["c"] = lexicons.Indicator("c", "丙指标", ("丙指标", "甲乙"), "元", "up")
    with pytest.raises(LexiconError):
        lexicons._one_owner_per_alias(table)


def test_every_alias_is_unique_to_one_indicator() -> None:
    owner: dict[str, str] = {}
    for ind in indicators().values():
        for alias in ind.aliases:
            assert owner.setdefault(alias, ind.id) == ind.id, alias


def test_units_convert_to_spec_canonical_units() -> None:
    table = units()
    assert table["元"].canonical == "元" and table["美元"].canonical == "美元"
    assert table["斤"].factor == 0.0005 and table["斤"].canonical == "吨"
    assert table["度"].canonical == "千瓦时"
    assert table["公顷"].canonical == "亩"


@pytest.mark.parametrize(("text", "expected"), cues()["examples"]["parse_quantity"])
def test_cue_examples(text: str, expected: dict) -> None:  # type: ignore[type-arg]
    q = parse_quantity(text)
    assert q is not None
    assert q.value == pytest.approx(expected["value"])
    assert q.unit == expected["unit"]
    assert str(q.bound) == expected["bound"]


def test_bad_tsv_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lexicons, "read_text", lambda name: "unit\tcanonical\tfactor\tdimension\tnotes\n斤\t吨\tx\tw\t\n")
    lexicons.units.cache_clear()
    try:
        with pytest.raises(LexiconError, match="factor"):
            lexicons.units()
    finally:
        monkeypatch.undo()
        lexicons.units.cache_clear()


def test_short_row_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lexicons, "read_text", lambda name: "a\tb\tc\n1\t2\n")
    with pytest.raises(LexiconError, match="columns"):
        lexicons.read_tsv("x.tsv")
