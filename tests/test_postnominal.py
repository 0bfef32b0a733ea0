"""Subject words written after a count (issue 12, item 3): govreport/facts/postnominal.py.

Table tests: a sentence of a review → each fact's (value, indicator_text, indicator). The sentences are
written for these tests (never copied from a corpus or dev report)."""

from __future__ import annotations

import pytest

from govreport import Options, extract

Row = tuple[float, str | None, str | None]


def _facts(sentence: str, heading: str = "一、2020年工作回顾") -> list[Row]:
    r = extract(f"某市2021年政府工作报告\n{heading}\n{sentence}\n", Options(doc_id="x", tasks=False, slogans=False))
    return [(round(f.value, 6), f.indicator_text, f.indicator) for f in r.facts]


@pytest.mark.parametrize(("sentence", "expected"), [
    # a magnitude class heads the noun: it is a modifier, not the rest of the number
    ("全年新增3家百亿级民营企业。", [(3.0, "百亿级民营企业", None)]),
    ("培育5个千亿级先进制造业基地，", [(5.0, "千亿级先进制造业基地", None)]),
    ("建设2个千万千瓦级风电基地。", [(2.0, "千万千瓦级风电基地", None)]),
    ("引进4家的百亿元级龙头项目。", [(4.0, "百亿元级龙头项目", None)]),
    # modifiers of several counts share the head noun of the last one
    ("认定7个国家级、15个省级农业产业化示范园。",
     [(7.0, "国家级农业产业化示范园", None), (15.0, "省级农业产业化示范园", None)]),
    ("新增1家千亿级和6家百亿级制造企业。", [(1.0, "千亿级制造企业", None), (6.0, "百亿级制造企业", None)]),
    # the words name the thing counted even when an indicator's name is inside them
    ("建成12个高速公路服务区充电站。", [(12.0, "高速公路服务区充电站", None)]),
    ("8家全国重点实验室重组入列。", [(8.0, "全国重点实验室", "key_laboratories")]),
    ("9个乡镇接通天然气管道。", [(9.0, "乡镇", None)]),
    ("全年4家海上光伏电站并网发电。", [(4.0, "海上光伏电站", None)]),
    # a count of people followed by 口: the noun is 人口
    ("我省有近五千万人口，", [(50000000.0, "人口", None)]),
    ("全省四千万人民团结奋斗，", [(40000000.0, "人民", None)]),
    # a noun opening on a figure of another unit (a specification, an age) is the count's noun, figure included
    ("新建8个220千伏变电站。", [(8.0, "220千伏变电站", None), (220.0, "变电站", None)]),
    ("改造3个110千伏和35千伏输电工程。", [(3.0, "110千伏和35千伏输电工程", None), (110.0, None, None),
                                   (35.0, "输电工程", None)]),
    # administrative units named as one list
    ("全国有18个省、自治区、直辖市完成了任务。", [(18.0, "省、自治区、直辖市", None)]),
    ("在260个县（市、区）开展试点。", [(260.0, "县(市、区)", None)]),
    # a bare magnitude with an indicator's name right after it counts that indicator (in its unit)
    ("全年新增2.4万沼气用户。", [(24000.0, "沼气用户", "biogas_users")]),
    ("全市现有12.5万监测对象，", [(125000.0, "监测对象", "monitored_poverty_risk")]),
    # …only when the name ends its clause (those who did something are no total of the indicator)
    ("12.5万监测对象全部落实帮扶措施。", [(125000.0, "监测对象", None)]),
    # …but not the ones a verb of reach names (those helped are no total)
    ("帮助3万监测对象稳定增收。", [(30000.0, "监测对象", None)]),
    # a verb that opens a compound noun is no stop there (改造项目, 基本建设)
    ("启动15个老旧厂区改造项目。", [(15.0, "老旧厂区改造项目", None)]),
    ("当年完成约二十亿元的基本建设投资额，", [(2000000000.0, "基本建设投资额", None)]),
    ("6项惠企实事如期兑现。", [(6.0, "惠企实事", None)]),
    ("14个乡镇通天然气。", [(14.0, "乡镇", None)]),
    # a percent that opens its clause is a share of the population written after it, with or without 的
    ("全县97%建制村通客车。", [(97.0, "建制村", None)]),
    ("覆盖九成以上社区，", [(90.0, "社区", None)]),
    ("每年65%左右财政支出用于民生。", [(65.0, "财政支出", None)]),
])
def test_subject_words_after_the_count(sentence: str, expected: list[Row]) -> None:
    assert _facts(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    # a figure right after a closing quote is named by the quoted words (and a short noun before them)
    ("新建“职工驿站”300家。", [(300.0, "“职工驿站”", None)]),
    ("全省“瞪羚”企业52家，认定“雏鹰”120家。", [(52.0, "“瞪羚”企业", "gazelle_enterprises"), (120.0, "“雏鹰”", None)]),
    ("推广“稻虾共作”16万亩、增长12%。", [(160000.0, "“稻虾共作”", None), (12.0, "“稻虾共作”", None)]),
    # 比较 + a base year (as older reports write it, in either script) keeps the subject before it
    ("工業總產值比較一九五七年增長百分之二十。", [(20.0, "工业总产值", "industrial_output")]),
    # a plan period as the base of a comparison keeps the subject before it
    ("实际使用外资比“十三五”时期增长45%。", [(45.0, "实际使用外资", "foreign_investment")]),
    ("进出口总额较十三五期间增长30%。", [(30.0, "进出口总额", "trade")]),
])
def test_the_subject_before_a_quote_or_a_plan_period(sentence: str, expected: list[Row]) -> None:
    assert _facts(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    # a modal after the comma keeps the subject of the clause before it
    ("到2030年，全省常住人口，必须控制在5200万人以内。", [(52000000.0, "常住人口", "population")]),
    # an adverb and a task verb before the count are no name: the words after it are (not the clause before)
    ("推进产业升级，重点培育打造3家链主企业。", [(3.0, "链主企业", None)]),
    # a noun opening on a lead character (年度, 千兆) is still a noun
    ("全年完成98项年度重点改革任务。", [(98.0, "年度重点改革任务", None)]),
    ("建成600个千兆小区。", [(600.0, "千兆小区", None)]),
    # a total word at the end of the words before a figure is no part of its name (共, 合计, 都在)
    ("全县检验检测机构共85家。", [(85.0, "检验检测机构", None)]),
    ("两项补助合计3.6亿元。", [(360000000.0, "两项补助", None)]),
    # a task verb glue would cut into is dropped whole (新建成, not 新建 + 成…)
    ("新建成城市绿道12条。", [(12.0, "城市绿道", None)]),
    # the words of a part of an indicator survive the whole its share is taken of (占…比重)
    ("高效设施农业增加值占农业比重达到40%。", [(40.0, "高效设施农业增加值", None)]),
])
def test_the_subject_before_a_modal_a_verb_or_a_share(sentence: str, expected: list[Row]) -> None:
    assert _facts(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    # words running into the next figure with only a verb between name that figure, not the count
    ("18个市重点项目投资完成112.5%。", [(18.0, None, None), (112.5, "市重点项目投资", None)]),
    # …but a verb with its own object between is no link to the next figure
    ("为3.2万名农民工追回工资4.1亿元。", [(32000.0, "农民工", None), (410000000.0, "工资", None)]),
    # the words after a count end before 占: the share after them is of those words
    ("16个重点园区产值占全市工业比重达到60%。", [(16.0, "重点园区产值", None), (60.0, "重点园区产值", None)]),
    ("为80户外贸企业节省物流成本1.2亿元。", [(80.0, "外贸企业", "trade_firms"), (120000000.0, "物流成本", None)]),
    # a conjunction between two counted items: each keeps its own words
    ("建设3个物流枢纽和5个冷链仓储中心。", [(3.0, "物流枢纽", "logistics_hubs"), (5.0, "冷链仓储中心", None)]),
    # the subject written before the count still wins
    ("新建乡村快递服务站20个。", [(20.0, "乡村快递服务站", None)]),
    # a mention inside the words after one count stays the subject of the figure after it
    ("新开工3条高速公路，通车里程达到800公里。", [(3.0, "高速公路", None), (800000.0, "高速公路", "expressway_mileage")]),
    # a percent after a verb of change is a rate, never a share of what follows; a relative clause gives no words
    ("居民收入增长8%，", [(8.0, "居民收入", "disposable_income")]),
    ("在55%政府办的养老机构推行医养结合。", [(55.0, None, None)]),
    # words opening on filler (的有…: a list of things follows), a modal or 所…的 are no name
    ("产量将增长百分之三十以上的有钢材、水泥。", [(30.0, None, None)]),
    ("五千万吨原煤所产生的效益很大。", [(50000000.0, None, None)]),
    ("70%就读普通高中。", [(70.0, None, None)]),
    ("新增2万个就业岗位。", [(20000.0, "就业岗位", None)]),
    ("严守120万亩耕地保护红线不动摇。", [(1200000.0, "耕地保护红线", None)]),
    # words before a figure that are a clause of the speech are no name (a discourse opener, a verb with 了)
    ("我们不能不说，各地已经组织了3000个互助组。", [(3000.0, "互助组", None)]),
    ("因此，八千万农民增加了收入。", [(80000000.0, "农民", None)]),
    # a quoted plan period is no name
    ("“十四五”12项约束性指标全面完成。", [(12.0, "约束性指标", None)]),
    # a lone modifier with no shared head noun gives no words
    ("新增2个国家级、一批省级平台。", [(2.0, None, None)]),
])
def test_where_the_words_after_do_not_apply(sentence: str, expected: list[Row]) -> None:
    assert _facts(sentence) == expected
