"""Facts from sentences of many styles and levels: a table of sentence → canonical facts.

Each sentence is put in a small report, under a review heading (kind actual) or a plan heading
(kind target), and every fact with a canonical indicator must be exactly the expected set.
"""

from __future__ import annotations

import pytest

from govreport import extract
from govreport.lexicons import cues
from govreport.options import Options

HEAD = "2021年某市人民政府工作报告\n——2021年1月20日在某市第十五届人民代表大会第五次会议上\n各位代表：\n"
PARTS = {
    "review": "一、2020年工作回顾\n",
    "plan": "二、2021年工作安排\n",
    "five": "二、“十四五”时期主要目标任务\n",
}

# part, sentence, expected {(indicator, measure, value, unit, bound)}
CASES: list[tuple[str, str, set[tuple[str, str, float, str, str]]]] = [
    # --- city and county reviews
    ("review", "全年生产总值增长7.5%、居全省第4位。",
     {("gdp", "growth", 7.5, "%", "exact"), ("gdp", "rank", 4, "位", "exact")}),
    ("review", "一般公共预算收入171.4亿元、增长11%，分别居全省第7位、第4位。",
     {("budget_revenue", "level", 1.714e10, "元", "exact"), ("budget_revenue", "growth", 11, "%", "exact"),
      ("budget_revenue", "rank", 7, "位", "exact"), ("budget_revenue", "rank", 4, "位", "exact")}),
    ("review", "税收收入124.9亿元，占一般公共预算收入比重72.9%。",
     {("tax_revenue", "level", 1.249e10, "元", "exact"), ("tax_revenue", "share", 72.9, "%", "exact")}),
    ("review", "全县金融机构各项存款余额282.8亿元，同比增长16.8%。",
     {("deposits", "level", 2.828e10, "元", "exact"), ("deposits", "growth", 16.8, "%", "exact")}),
    ("review", "全社会用电量首次突破10亿度，同比增长7.7%。",
     {("electricity_consumption", "level", 1e9, "千瓦时", "min"),
      ("electricity_consumption", "growth", 7.7, "%", "exact")}),
    ("review", "工业用电量完成4.8亿千瓦时，年均增长8.2%。",
     {("industrial_electricity", "level", 4.8e8, "千瓦时", "exact"),
      ("industrial_electricity", "growth_avg", 8.2, "%", "exact")}),
    ("review", "全县生产总值达到279亿元，较2017年净增83.4亿元，年均增长7.2%。",
     {("gdp", "level", 2.79e10, "元", "exact"), ("gdp", "change", 8.34e9, "元", "exact"),
      ("gdp", "growth_avg", 7.2, "%", "exact")}),
    ("review", "城镇化率42.7%，较2017年提高5.5个百分点。",
     {("urbanization_rate", "level", 42.7, "%", "exact"), ("urbanization_rate", "change", 5.5, "个百分点", "exact")}),
    ("review", "贫困发生率降至0.5%。", {("poverty_rate", "level", 0.5, "%", "exact")}),
    ("review", "常住人口城镇化率达到55.5%。", {("urbanization_rate", "level", 55.5, "%", "exact")}),
    ("review", "城镇新增就业9万人，农村劳动力转移就业2.1万人，返乡下乡创业1.7万人。",
     {("new_urban_jobs", "level", 90000, "人", "exact"), ("rural_labor_transfer", "level", 21000, "人", "exact")}),
    ("review", "高新技术产业增加值增长12.7%，高于规模以上工业4个百分点。",
     {("high_tech_value_added", "growth", 12.7, "%", "exact")}),
    ("review", "规模以上工业企业利润增长42.9%。", {("industrial_profit", "growth", 42.9, "%", "exact")}),
    ("review", "财政民生支出占比达到76.7%。", {("livelihood_spending_share", "level", 76.7, "%", "exact")}),
    ("review", "城镇居民人均可支配收入达30325元，年均增长6.1%。",
     {("urban_disposable_income", "level", 30325, "元", "exact"),
      ("urban_disposable_income", "growth_avg", 6.1, "%", "exact")}),
    ("review", "农村居民人均可支配收入16191元，增长8.5%。",
     {("rural_disposable_income", "level", 16191, "元", "exact"),
      ("rural_disposable_income", "growth", 8.5, "%", "exact")}),
    ("review", "粮食总产达95.9万吨。", {("grain_output", "level", 959000, "吨", "exact")}),
    ("review", "粮食产量1350.97亿斤，创历史新高。", {("grain_output", "level", 67548500, "吨", "exact")}),
    ("review", "社会消费品零售总额完成69.4亿元，增长10.8%、居第6位。",
     {("retail_sales", "level", 6.94e9, "元", "exact"), ("retail_sales", "growth", 10.8, "%", "exact"),
      ("retail_sales", "rank", 6, "位", "exact")}),
    ("review", "固定资产投资增长9.1%。", {("fixed_asset_investment", "growth", 9.1, "%", "exact")}),
    ("review", "进出口总值13.4亿元，增长25.3%。",
     {("trade", "level", 1.34e9, "元", "exact"), ("trade", "growth", 25.3, "%", "exact")}),
    ("review", "实际利用外资1300多亿美元。", {("foreign_investment", "level", 1.3e11, "美元", "min")}),
    ("review", "居民消费价格上涨2%。", {("cpi", "growth", 2, "%", "exact")}),
    ("review", "单位国内生产总值能耗下降5%。", {("energy_intensity", "growth", -5, "%", "exact")}),
    ("review", "城镇登记失业率4.02%。", {("registered_unemployment", "level", 4.02, "%", "exact")}),
    ("review", "PM2.5平均浓度36.2微克/立方米，优良天数增加25天。",
     {("pm25", "level", 36.2, "微克/立方米", "exact"), ("good_air_days", "change", 25, "天", "exact")}),
    ("review", "全省PM2.5浓度下降13.7%。", {("pm25", "growth", -13.7, "%", "exact")}),
    ("review", "国内生产总值达到114万亿元，增长8.1%。",
     {("gdp", "level", 1.14e14, "元", "exact"), ("gdp", "growth", 8.1, "%", "exact")}),
    ("review", "财政收入突破20万亿元，增长10.7%。",
     {("fiscal_revenue", "level", 2e13, "元", "min"), ("fiscal_revenue", "growth", 10.7, "%", "exact")}),
    ("review", "城镇新增就业1269万人，城镇调查失业率平均为5.1%。",
     {("new_urban_jobs", "level", 1.269e7, "人", "exact"), ("surveyed_unemployment", "level", 5.1, "%", "exact")}),
    ("review", "全年粮食产量1.37万亿斤。", {("grain_output", "level", 6.85e8, "吨", "exact")}),
    ("review", "研发经费投入强度达到2.5%。", {("rd_intensity", "level", 2.5, "%", "exact")}),
    ("review", "全社会研发经费投入增长12%。", {("rd_spending", "growth", 12, "%", "exact")}),
    ("review", "累计减贫31.6万人。", {("poverty_reduction", "level", 316000, "人", "exact")}),
    ("review", "地区生产总值迈上5万亿元台阶。", {("gdp", "level", 5e12, "元", "min")}),
    ("review", "常住人口达到732万人。", {("population", "level", 7.32e6, "人", "exact")}),
    ("review", "规上工业增加值增长8%，年均增长7.8%。",
     {("industrial_value_added", "growth", 8, "%", "exact"), ("industrial_value_added", "growth_avg", 7.8, "%", "exact")}),
    ("review", "人均地区生产总值突破10万元。", {("gdp_per_capita", "level", 100000, "元", "min")}),
    ("review", "空气质量优良天数比例达到85.2%。", {("good_air_days", "level", 85.2, "%", "exact")}),
    ("review", "国内生产总值比上年增长百分之七点八。", {("gdp", "growth", 7.8, "%", "exact")}),
    ("review", "社会消费品零售总额2.9万亿元。", {("retail_sales", "level", 2.9e12, "元", "exact")}),
    ("review", "地方一般公共预算收入完成3826.5亿元，同口径增长4.7%。",
     {("budget_revenue", "level", 3.8265e11, "元", "exact"), ("budget_revenue", "growth", 4.7, "%", "exact")}),
    ("review", "高新技术产业增加值占规模以上工业比重达到45.3%。", {("high_tech_value_added", "share", 45.3, "%", "exact")}),
    ("review", "地区生产总值、规模以上工业增加值、固定资产投资分别增长7.2%、8.1%、10.3%。",
     {("gdp", "growth", 7.2, "%", "exact"), ("industrial_value_added", "growth", 8.1, "%", "exact"),
      ("fixed_asset_investment", "growth", 10.3, "%", "exact")}),
    ("review", "城乡居民人均可支配收入分别达到35678元、16789元，分别增长6.8%、7.9%。",
     {("urban_disposable_income", "level", 35678, "元", "exact"), ("rural_disposable_income", "level", 16789, "元", "exact"),
      ("urban_disposable_income", "growth", 6.8, "%", "exact"), ("rural_disposable_income", "growth", 7.9, "%", "exact")}),
    ("review", "存款余额由上年的4.6万亿元增加到8.7万亿元。",
     {("deposits", "level", 4.6e12, "元", "exact"), ("deposits", "level", 8.7e12, "元", "exact")}),
    ("review", "贷款余额从3.1万亿元增加到3.5万亿元。",  # the base is the year before the one reviewed
     {("loans", "level", 3.1e12, "元", "exact"), ("loans", "level", 3.5e12, "元", "exact")}),
    ("review", "规模以上工业增加值增速居全省第一。", {("industrial_value_added", "rank", 1, "位", "exact")}),
    ("review", "全市生产总值完成2345.6亿元，同比增长6.5%，增速高于全省0.3个百分点。",
     {("gdp", "level", 2.3456e11, "元", "exact"), ("gdp", "growth", 6.5, "%", "exact")}),
    ("review", "一般公共预算收入完成25.6亿元，增长10.2%，其中税收收入18.3亿元，占比71.5%。",
     {("budget_revenue", "level", 2.56e9, "元", "exact"), ("budget_revenue", "growth", 10.2, "%", "exact"),
      ("tax_revenue", "level", 1.83e9, "元", "exact"), ("tax_revenue", "share", 71.5, "%", "exact")}),
    ("review", "地区生产总值（GDP）增长7%，比全省平均水平高0.5个百分点。", {("gdp", "growth", 7, "%", "exact")}),
    ("review", "全市实现生产总值856.3亿元，按可比价格计算增长14.2%，增幅居全省第二位。",
     {("gdp", "level", 8.563e10, "元", "exact"), ("gdp", "growth", 14.2, "%", "exact"), ("gdp", "rank", 2, "位", "exact")}),
    ("review", "城镇居民人均可支配收入和农民人均纯收入分别达到12345元和5678元，分别增长12.1%和13.5%。",
     {("urban_disposable_income", "level", 12345, "元", "exact"), ("rural_disposable_income", "level", 5678, "元", "exact"),
      ("urban_disposable_income", "growth", 12.1, "%", "exact"), ("rural_disposable_income", "growth", 13.5, "%", "exact")}),
    ("review", "年末金融机构各项存款余额达到456亿元，比年初增加56亿元。",
     {("deposits", "level", 4.56e10, "元", "exact"), ("deposits", "change", 5.6e9, "元", "exact")}),
    ("review", "外贸进出口总额5.6亿美元，增长23%，其中出口4.5亿美元，增长25%。",
     {("trade", "level", 5.6e8, "美元", "exact"), ("trade", "growth", 23, "%", "exact"),
      ("exports", "level", 4.5e8, "美元", "exact"), ("exports", "growth", 25, "%", "exact")}),
    ("review", "城镇居民人均可支配收入17175元，农村居民人均纯收入5153元，实际增长9.8%和8.5%。",
     {("urban_disposable_income", "level", 17175, "元", "exact"), ("rural_disposable_income", "level", 5153, "元", "exact"),
      ("urban_disposable_income", "growth", 9.8, "%", "exact"), ("rural_disposable_income", "growth", 8.5, "%", "exact")}),
    ("review", "城镇、农村居民人均可支配收入分别增长4.3%、5.3%。",
     {("urban_disposable_income", "growth", 4.3, "%", "exact"), ("rural_disposable_income", "growth", 5.3, "%", "exact")}),
    ("review", "城镇居民人均可支配收入和农村居民人均纯收入实际增长9.8%和8.5%。",
     {("urban_disposable_income", "growth", 9.8, "%", "exact"), ("rural_disposable_income", "growth", 8.5, "%", "exact")}),
    ("review", "城镇、农村常住居民人均可支配收入分别达到35680元、18920元，同比分别增长6.2%、7.8%。",
     {("urban_disposable_income", "level", 35680, "元", "exact"), ("rural_disposable_income", "level", 18920, "元", "exact"),
      ("urban_disposable_income", "growth", 6.2, "%", "exact"), ("rural_disposable_income", "growth", 7.8, "%", "exact")}),
    ("review", "跨境电商平台进出口增长27.4%。", set()),
    # never gdp; the later item shares the first one's head (单位国内生产总值 + 能耗)
    ("review", "单位国内生产总值用水量、能耗分别下降23%、15%。",
     {("water_intensity", "growth", -23, "%", "exact"), ("energy_intensity", "growth", -15, "%", "exact")}),
    ("review", "单位地区生产总值能耗、二氧化碳排放量分别下降3%、4%。",
     {("energy_intensity", "growth", -3, "%", "exact"), ("carbon_intensity", "growth", -4, "%", "exact")}),
    ("review", "一般公共预算收入、支出分别增长3%、5%。",
     {("budget_revenue", "growth", 3, "%", "exact"), ("budget_spending", "growth", 5, "%", "exact")}),
    ("review", "第一、第三产业增加值分别增长3.1%、5.1%。",
     {("primary_value_added", "growth", 3.1, "%", "exact"), ("service_value_added", "growth", 5.1, "%", "exact")}),
    ("review", "接待游客人次、游客人均花费分别增长4.4%、5.4%。", {("tourists", "growth", 4.4, "%", "exact")}),
    ("review", "金融机构存、贷款余额分别增长9.8%、11.4%。",
     {("deposits", "growth", 9.8, "%", "exact"), ("loans", "growth", 11.4, "%", "exact")}),
    ("review", "全区地方财政收入、支出分别增长4%、6%。",
     {("budget_revenue", "growth", 4, "%", "exact"), ("budget_spending", "growth", 6, "%", "exact")}),
    ("review", "其中城镇、农村居民收入分别增长4.8%、5.9%。",
     {("urban_disposable_income", "growth", 4.8, "%", "exact"), ("rural_disposable_income", "growth", 5.9, "%", "exact")}),
    ("review", "居民消费价格涨幅为-0.3%。", {("cpi", "growth", -0.3, "%", "exact")}),
    ("review", "化学需氧量和二氧化硫排放量分别下降3.2%和4.1%。",
     {("cod_emissions", "growth", -3.2, "%", "exact"), ("so2_emissions", "growth", -4.1, "%", "exact")}),
    # a count of firms is never the industry's value added; it is the count indicator, in 户 as in 家
    ("review", "规模以上工业企业755户。", {("industrial_enterprises", "level", 755, "户", "exact")}),
    ("review", "新增国家级专精特新“小巨人”企业7家，建成绿色矿山16座。",
     {("little_giants", "level", 7, "家", "exact"), ("green_mines", "level", 16, "座", "exact")}),  # a part of specialized_smes
    ("review", "高铁营业里程达到3000公里，新登记注册市场主体12万户。",
     {("high_speed_rail_mileage", "level", 3e6, "米", "exact"), ("market_entities", "level", 1.2e5, "户", "exact")}),
    ("review", "改造城镇老旧小区1200个，惠及居民20万户。", {("old_communities", "level", 1200, "个", "exact")}),
    # a count written before the things it counts (N个X) is the count of X, never of the next clause
    ("review", "累计建成21个国家级产业集群、8所高校，学科建设继续加强。",
     {("industrial_clusters", "level", 21, "个", "exact"), ("universities", "level", 8, "所", "exact")}),
    ("review", "获批建设2家全国重点实验室，新认定3家院士工作站。", {("key_laboratories", "level", 2, "家", "exact")}),
    ("review", "推进32个产业集群项目。", set()),
    ("review", "5个县生产总值超过千亿元。", {("gdp", "level", 1e11, "元", "min")}),
    # a magnitude without a unit takes the indicator's (never when a noun follows it); 翻番; thresholds
    ("review", "全市常住人口1386万，地区生产总值4.2万亿。", {("population", "level", 13860000, "人", "exact"),
                                               ("gdp", "level", 4.2e12, "元", "exact")}),
    ("review", "农民收入增长7.9%，71.3万监测对象稳定脱贫。", {("rural_disposable_income", "growth", 7.9, "%", "exact")}),
    ("review", "地区生产总值比2010年翻一番。", {("gdp", "growth_cum", 100, "%", "exact")}),
    ("review", "地区生产总值突破千亿元大关。", {("gdp", "level", 1e11, "元", "min")}),
    ("review", "地区生产总值迈上万亿台阶，增速位居全省前五位。", {("gdp", "level", 1e12, "元", "min"),
                                                 ("gdp", "rank", 5, "位", "max")}),
    ("review", "户籍人口城镇化率达到45%。", {("hukou_urbanization_rate", "level", 45, "%", "exact")}),
    ("review", "经济增长的贡献率上升3个百分点。", set()),
    ("review", "主要经济指标增幅均高于全省平均水平。", set()),
    # --- plan-year targets
    ("plan", "生产总值增长7%左右，规模以上工业增加值增长7.5%以上。",
     {("gdp", "growth", 7, "%", "approx"), ("industrial_value_added", "growth", 7.5, "%", "min")}),
    ("plan", "居民消费价格指数涨幅控制在3.5%，城镇登记失业率控制在4.5%以内。",
     {("cpi", "growth", 3.5, "%", "max"), ("registered_unemployment", "level", 4.5, "%", "max")}),
    ("plan", "万元生产总值能耗降低2.2%以上。", {("energy_intensity", "growth", -2.2, "%", "max")}),
    ("plan", "常住人口城镇化率提高1.5个百分点左右。", {("urbanization_rate", "change", 1.5, "个百分点", "approx")}),
    ("plan", "粮食产量稳定在14.8亿斤以上。", {("grain_output", "level", 740000, "吨", "min")}),
    ("plan", "粮食总产保持在96万吨以上。", {("grain_output", "level", 960000, "吨", "min")}),
    ("plan", "城镇新增就业5700人，城镇调查失业率控制在5.5%以内。",
     {("new_urban_jobs", "level", 5700, "人", "exact"), ("surveyed_unemployment", "level", 5.5, "%", "max")}),
    ("plan", "国内生产总值增长5.5%左右；城镇新增就业1100万人以上。",
     {("gdp", "growth", 5.5, "%", "approx"), ("new_urban_jobs", "level", 1.1e7, "人", "min")}),
    ("plan", "经济增长5%左右、在实际工作中努力争取更好结果。", {("gdp", "growth", 5, "%", "approx")}),
    ("plan", "地区生产总值按增长5%安排。", {("gdp", "growth", 5, "%", "exact")}),
    ("plan", "赤字率拟按2.8%左右安排。", {("deficit_ratio", "level", 2.8, "%", "approx")}),
    ("plan", "拟安排地方政府专项债券3.65万亿元。", {("special_bonds", "level", 3.65e12, "元", "exact")}),
    ("plan", "国内生产总值增长6%—6.5%。", {("gdp", "growth", 6, "%", "range")}),
    ("plan", "固定资产投资增长10%以上；社会消费品零售总额增长9%以上。",
     {("fixed_asset_investment", "growth", 10, "%", "min"), ("retail_sales", "growth", 9, "%", "min")}),
    ("plan", "一般公共预算收入增长6%。", {("budget_revenue", "growth", 6, "%", "exact")}),
    ("plan", "全社会研发投入强度3.42%左右。", {("rd_intensity", "level", 3.42, "%", "approx")}),
    ("plan", "居民消费价格涨幅3%左右。", {("cpi", "growth", 3, "%", "approx")}),
    ("plan", "粮食产量保持在1.3万亿斤以上。", {("grain_output", "level", 6.5e8, "吨", "min")}),
    ("plan", "确保粮食种植面积稳定在650万亩以上。", {("grain_area", "level", 6.5e6, "亩", "min")}),
    ("plan", "细颗粒物年均浓度控制在29微克/立方米左右。", {("pm25", "level", 29, "微克/立方米", "approx")}),
    ("plan", "全市生产总值增长13%以上，力争达到15%。",
     {("gdp", "growth", 13, "%", "min"), ("gdp", "growth", 15, "%", "min")}),
    ("plan", "城乡居民人均可支配收入分别增长5%、6.5%左右。",
     {("urban_disposable_income", "growth", 5, "%", "approx"), ("rural_disposable_income", "growth", 6.5, "%", "approx")}),
    ("plan", "人口自然增长率控制在6‰以内。", {("natural_growth_rate", "level", 0.6, "%", "max")}),
    ("plan", "生产总值增长6.5%以上，力争7%；全社会固定资产投资突破300亿元，增长15%。",
     {("gdp", "growth", 6.5, "%", "min"), ("gdp", "growth", 7, "%", "min"),
      ("fixed_asset_investment", "level", 3e10, "元", "min"), ("fixed_asset_investment", "growth", 15, "%", "exact")}),
    ("plan", "居民收入增长与经济增长同步。", set()),
    ("plan", "进出口稳量提质。", set()),
    ("five", "常住人口城镇化率达到65%左右。", {("urbanization_rate", "level", 65, "%", "approx")}),
    # a clause opening on a bare noun shares the head of the subject before it (收入…、支出…)
    ("review", "全县一般公共预算收入增长3.1%、支出首次突破90亿元。",
     {("budget_revenue", "growth", 3.1, "%", "exact"), ("budget_spending", "level", 9e9, "元", "min")}),
    ("review", "一般公共预算收入21亿元，支出48亿元，增长8%。",
     {("budget_revenue", "level", 2.1e9, "元", "exact"), ("budget_spending", "level", 4.8e9, "元", "exact"),
      ("budget_spending", "growth", 8, "%", "exact")}),
    ("review", "税收收入增长5%，非税收入增长2%。", {("tax_revenue", "growth", 5, "%", "exact"),
                                          ("non_tax_revenue", "growth", 2, "%", "exact")}),
    ("review", "生产总值增长5%，总量达到300亿元。",
     {("gdp", "growth", 5, "%", "exact"), ("gdp", "level", 3e10, "元", "exact")}),
    ("plan", "全社会固定资产投资预定增长8%。", {("fixed_asset_investment", "growth", 8, "%", "exact")}),
    ("review", "基本养老保险参保率超过95%，近岸海域水质优良率达到90%。",
     {("pension_coverage_rate", "level", 95, "%", "min"), ("coastal_water_quality", "level", 90, "%", "exact")}),
    # a base year spelled out (比一九五七年) is a comparison base, not another subject (比全省)
    ("review", "工业总产值达到一千一百七十亿元，比一九五七年的七百零四亿元增长百分之六十六。",
     {("industrial_output", "level", 1.17e11, "元", "exact"), ("industrial_output", "level", 7.04e10, "元", "exact"),
      ("industrial_output", "growth", 66, "%", "exact")}),
    ("review", "规模以上工业增加值增速比全省高2个百分点。", set()),
    # 分别 after levels of different dimensions hands the growths to their subjects in order
    ("review", "全年接待游客1.2亿人次、旅游总花费1500亿元，分别增长8%、8.4%。",
     {("tourists", "level", 1.2e8, "人次", "exact"), ("tourism_revenue", "level", 1.5e11, "元", "exact"),
      ("tourists", "growth", 8, "%", "exact"), ("tourism_revenue", "growth", 8.4, "%", "exact")}),
    # a name glossed in brackets is the subject, not an aside
    ("review", "地级城市细颗粒物（PM2.5）年均浓度下降6.2%。", {("pm25", "growth", -6.2, "%", "exact")}),
    ("review", "财政总收入（市口径）84.5亿元。", {("fiscal_revenue", "level", 8.45e9, "元", "exact")}),
    ("review", "城乡居民基础养老金标准由100元提高到130元。",
     {("resident_basic_pension", "level", 100, "元", "exact"), ("resident_basic_pension", "level", 130, "元", "exact")}),
    ("five", "全社会研发经费投入年均增长10%以上。", {("rd_spending", "growth_avg", 10, "%", "min")}),
]


def _facts(part: str, sentence: str):  # type: ignore[no-untyped-def]
    report = extract(HEAD + PARTS[part] + sentence + "\n", Options(text_only=True, tasks=False, slogans=False))
    return report, [f for f in report.facts if f.indicator]


@pytest.mark.parametrize(("part", "sentence", "expected"), CASES, ids=[c[1][:24] for c in CASES])
def test_sentence_facts(part: str, sentence: str, expected: set) -> None:  # type: ignore[type-arg]
    report, facts = _facts(part, sentence)
    got = {(f.indicator, str(f.measure), round(f.value, 6), f.unit, str(f.bound)) for f in facts}
    assert got == {(i, m, round(v, 6), u, b) for i, m, v, u, b in expected}
    kind = {"review": "actual", "plan": "target", "five": "target"}[part]
    for f in facts:
        assert str(f.kind) == kind
        assert any(ch.isdigit() or ch in "一二三四五六七八九十百千万亿首" for ch in report.text[f.span.start : f.span.end])


@pytest.mark.parametrize(("part", "sentence", "period"), [
    ("review", "全年生产总值增长7.5%。", "2020"),
    ("plan", "生产总值增长7%左右。", "2021"),
    ("five", "全社会研发经费投入年均增长10%以上。", "2021-2025"),
    ("review", "2019年，全县生产总值达到279亿元。", "2019"),
    ("review", "全县生产总值较2016年净增83.4亿元。", "2016-2020"),
    ("review", "预计全年生产总值增长6%左右。", "2020"),
])
def test_periods(part: str, sentence: str, period: str) -> None:
    _, facts = _facts(part, sentence)
    assert facts and facts[0].period == period


def test_rank_list_over_several_subjects() -> None:
    _, facts = _facts("review", "生产总值、规上工业增加值、固定资产投资、社会消费品零售总额分别增长5.1%、7.3%、11.2%、4.5%，"
                                "分别居全市第2、第1、第3、第5位。")
    ranks = [(f.indicator, f.value, f.rank_scope, f.rank_of) for f in facts if str(f.measure) == "rank"]
    assert ranks == [("gdp", 2, "city", "growth"), ("industrial_value_added", 1, "city", "growth"),
                     ("fixed_asset_investment", 3, "city", "growth"), ("retail_sales", 5, "city", "growth")]


def test_from_value_takes_the_base_period() -> None:
    _, facts = _facts("review", "全县生产总值由2015年的180亿元增加到279亿元。")
    assert [(f.value, f.period) for f in facts] == [(1.8e10, "2015"), (2.79e10, "2020")]


@pytest.mark.parametrize(("part", "sentence", "expected"), [
    ("review", "“十三五”期间，全市累计新增城镇就业15万人，城镇居民人均可支配收入年均增长7.5%。",
     [("new_urban_jobs", "level", 150000, "2016-2020"), ("urban_disposable_income", "growth_avg", 7.5, "2016-2020")]),
    ("review", "全市生产总值2020年达到500亿元，是2015年的1.6倍。",
     [("gdp", "level", 5e10, "2020"), ("gdp", "growth_cum", 60, "2015-2020")]),
    ("five", "到2025年，地区生产总值突破800亿元，年均增长7%左右。",
     [("gdp", "level", 8e10, "2025"), ("gdp", "growth_avg", 7, "2021-2025")]),
])
def test_named_periods_and_ratios(part: str, sentence: str, expected: list) -> None:  # type: ignore[type-arg]
    _, facts = _facts(part, sentence)
    assert [(f.indicator, str(f.measure), f.value, f.period) for f in facts] == expected


def test_a_flow_in_a_five_year_paragraph_is_the_five_year_total() -> None:
    _, facts = _facts("review", "这五年，人民生活明显改善。城镇新增就业5771万人。过去一年，城镇新增就业1168万人。")
    assert [(f.value, f.period) for f in facts] == [(5.771e7, "2016-2020"), (1.168e7, "2020")]


def test_estimate_kind() -> None:
    _, facts = _facts("review", "预计全年生产总值增长6%左右。")
    assert [str(f.kind) for f in facts] == ["estimate"]


def test_rank_scope_and_rank_of() -> None:
    _, facts = _facts("review", "全年生产总值增长7.5%、居全省第4位，规模以上工业增加值增长8.7%、居第4位；"
                                "税收收入124.9亿元，占一般公共预算收入比重72.9%，分别居第5位、第6位。")
    ranks = [(f.indicator, f.rank_scope, f.rank_of, f.value) for f in facts if str(f.measure) == "rank"]
    assert ranks == [("gdp", "province", "growth", 4), ("industrial_value_added", "province", "growth", 4),
                     ("tax_revenue", "province", "level", 5), ("tax_revenue", "province", "share", 6)]


# --- kind and period: report frames of several decades and levels, each sentence → every canonical fact
# (kind, period, indicator, measure, value, bound)
FRAMES = {
    "city21": HEAD,
    "county12": "2012年某县人民政府工作报告\n——2012年2月15日在某县第十五届人民代表大会第三次会议上\n各位代表：\n",
    "nation86": "政府工作报告\n——1986年3月25日在第六届全国人民代表大会第四次会议上\n各位代表：\n",
    "prov26": "河南省政府工作报告\n——2026年1月20日在河南省第十四届人民代表大会第四次会议上\n各位代表：\n",
}
PART_LINES = {
    "city21": {"review": "一、2020年工作回顾\n", "plan": "二、2021年工作安排\n", "none": ""},
    "county12": {"review": "一、2011年工作回顾\n", "plan": "二、2012年工作安排\n", "none": ""},
    "nation86": {"review": "一、一九八五年的工作\n", "plan": "二、一九八六年的工作安排\n", "none": ""},
    "prov26": {"review": "一、2025年工作回顾\n", "plan": "二、2026年工作安排\n", "none": ""},
}
Expected = set[tuple[str, str, str, str, float, str]]
KIND_PERIOD_CASES: list[tuple[str, str, str, Expected]] = [
    # target lists without a targets heading: a lead-in, then one item per line
    ("city21", "none", "今年经济社会发展的主要预期目标是：\n●地区生产总值增长6%以上\n●一般公共预算收入增长5%\n",
     {("target", "2021", "gdp", "growth", 6, "min"), ("target", "2021", "budget_revenue", "growth", 5, "exact")}),
    ("county12", "none", "建议今年全县经济社会发展的主要目标为：\n◆生产总值增长13%；\n◆城镇登记失业率控制在4.5%以内。\n",
     {("target", "2012", "gdp", "growth", 13, "exact"), ("target", "2012", "registered_unemployment", "level", 4.5, "max")}),
    ("prov26", "none", "2026年主要目标：\n——生产总值增长5%左右\n——居民消费价格涨幅2%左右\n",
     {("target", "2026", "gdp", "growth", 5, "approx"), ("target", "2026", "cpi", "growth", 2, "approx")}),
    ("prov26", "none", "2025年成就：\n生产总值6.8万亿元\n社会消费品零售总额增长6.1%\n",
     {("actual", "2025", "gdp", "level", 6.8e12, "exact"), ("actual", "2025", "retail_sales", "growth", 6.1, "exact")}),
    ("prov26", "none", "“十四五”成就：\n生产总值年均增长5.2%\n城镇化率提高4.1个百分点\n",
     {("actual", "2021-2025", "gdp", "growth_avg", 5.2, "exact"),
      ("actual", "2021-2025", "urbanization_rate", "change", 4.1, "exact")}),
    ("city21", "none", "今年的主要目标是：地区生产总值增长6.5%左右。城镇新增就业3万人以上。\n",
     {("target", "2021", "gdp", "growth", 6.5, "approx"), ("target", "2021", "new_urban_jobs", "level", 30000, "min")}),
    ("city21", "none", "政府工作报告提出：全市生产总值增长7%左右。\n", {("target", "2021", "gdp", "growth", 7, "approx")}),
    # review figures in a digest are actuals of that year
    ("city21", "none", "2020年全市生产总值完成3210亿元，增长3.6%。\n",
     {("actual", "2020", "gdp", "level", 3.21e11, "exact"), ("actual", "2020", "gdp", "growth", 3.6, "exact")}),
    ("county12", "none", "2011年，全县财政总收入完成8.6亿元，同比增长21.3%。\n",
     {("actual", "2011", "fiscal_revenue", "level", 8.6e8, "exact"), ("actual", "2011", "fiscal_revenue", "growth", 21.3, "exact")}),
    # 预计: at the head of a list to the 。, inside a clause to the ；, “下同” for the passage
    ("city21", "review", "预计：全市生产总值增长3%；一般公共预算收入完成150亿元。\n",
     {("estimate", "2020", "gdp", "growth", 3, "exact"), ("estimate", "2020", "budget_revenue", "level", 1.5e10, "exact")}),
    ("city21", "review", "一般公共预算收入完成150亿元；预计生产总值增长3%；固定资产投资增长5.2%。\n",
     {("actual", "2020", "budget_revenue", "level", 1.5e10, "exact"), ("estimate", "2020", "gdp", "growth", 3, "exact"),
      ("actual", "2020", "fixed_asset_investment", "growth", 5.2, "exact")}),
    ("county12", "review", "以下为预计数，下同。全县生产总值增长14%。规模以上工业增加值增长18%。\n",
     {("estimate", "2011", "gdp", "growth", 14, "exact"), ("estimate", "2011", "industrial_value_added", "growth", 18, "exact")}),
    ("county12", "review", "据统计预测，全县生产总值增长12.5%达56亿元。\n",
     {("estimate", "2011", "gdp", "growth", 12.5, "exact"), ("estimate", "2011", "gdp", "level", 5.6e9, "exact")}),
    ("prov26", "review", "初步预计，全省粮食总产量1340亿斤。\n", {("estimate", "2025", "grain_output", "level", 6.7e7, "exact")}),
    # a comparison base or a goal named in passing is no cue of its own
    ("city21", "plan", "一般公共预算收入比上年增长4%。\n", {("target", "2021", "budget_revenue", "growth", 4, "exact")}),
    ("city21", "plan", "固定资产投资比去年预算增长8%左右。\n",
     {("target", "2021", "fixed_asset_investment", "growth", 8, "approx")}),
    ("city21", "review", "超过预期目标1.5个百分点，生产总值增长7.5%。\n", {("actual", "2020", "gdp", "growth", 7.5, "exact")}),
    ("county12", "review", "圆满完成目标任务，全县生产总值增长15.1%。\n", {("actual", "2011", "gdp", "growth", 15.1, "exact")}),
    ("city21", "review", "全面完成“十三五”规划目标：生产总值年均增长7%。\n",
     {("actual", "2016-2020", "gdp", "growth_avg", 7, "exact")}),
    ("county12", "none", "全面完成年度目标任务，财政总收入增长20%。\n", {("actual", "2011", "fiscal_revenue", "growth", 20, "exact")}),
    ("city21", "plan", "拟安排地方政府专项债券120亿元。\n", {("target", "2021", "special_bonds", "level", 1.2e10, "exact")}),
    ("city21", "none", "赤字率拟按3%安排。\n", {("target", "2021", "deficit_ratio", "level", 3, "exact")}),
    # a retrospective passage in a forward part, a forward one in the review
    ("city21", "plan", "过去一年，全市生产总值增长3.5%。今年生产总值增长6%。\n",
     {("actual", "2020", "gdp", "growth", 3.5, "exact"), ("target", "2021", "gdp", "growth", 6, "exact")}),
    ("city21", "review", "面对新的一年，生产总值增长6.5%左右。\n", {("target", "2021", "gdp", "growth", 6.5, "approx")}),
    ("county12", "review", "今年全县生产总值预期增长13%。\n", {("target", "2012", "gdp", "growth", 13, "exact")}),
    # years a sentence names
    ("nation86", "plan", "到一九九〇年，粮食产量达到八千五百亿斤。\n",
     {("target", "1990", "grain_output", "level", 4.25e8, "exact")}),
    ("nation86", "review", "一九五二年的粮食产量是三千二百亿斤。\n", {("actual", "1952", "grain_output", "level", 1.6e8, "exact")}),
    ("nation86", "none", "一九八〇年全国粮食产量达到六千四百亿斤。\n",
     {("actual", "1980", "grain_output", "level", 3.2e8, "exact")}),
    ("city21", "plan", "到2025年，全市生产总值突破5000亿元。\n", {("target", "2025", "gdp", "level", 5e11, "min")}),
    ("city21", "plan", "到2023年，地区生产总值年均增长6%。\n", {("target", "2021-2023", "gdp", "growth_avg", 6, "exact")}),
    ("city21", "review", "2018年，全市生产总值达到2900亿元。\n", {("actual", "2018", "gdp", "level", 2.9e11, "exact")}),
    # spans: 五年内, 累计, 合计; comparisons with a base year
    ("nation86", "plan", "“七五”期间，五年内国民生产总值增长百分之四十四。\n",
     {("target", "1986-1990", "gdp", "growth_cum", 44, "exact")}),
    ("city21", "plan", "今后五年内，全市生产总值增长40%。\n", {("target", "2021-2025", "gdp", "growth_cum", 40, "exact")}),
    ("nation86", "review", "一九八五年同一九八〇年相比，国民生产总值增长百分之六十二。\n",
     {("actual", "1980-1985", "gdp", "growth_cum", 62, "exact")}),
    ("prov26", "review", "2025年与2020年相比，全省一般公共预算收入增长28%。\n",
     {("actual", "2020-2025", "budget_revenue", "growth_cum", 28, "exact")}),
    ("prov26", "review", "2025年与2020年相比，全省生产总值由5.5万亿元增加到6.8万亿元。\n",
     {("actual", "2020", "gdp", "level", 5.5e12, "exact"), ("actual", "2025", "gdp", "level", 6.8e12, "exact")}),
    ("county12", "review", "全县生产总值由2006年的20亿元增加到45亿元。\n",
     {("actual", "2006", "gdp", "level", 2e9, "exact"), ("actual", "2011", "gdp", "level", 4.5e9, "exact")}),
    ("city21", "review", "“十三五”期间，累计实际利用外资32亿美元。\n",
     {("actual", "2016-2020", "foreign_investment", "level", 3.2e9, "exact")}),
    ("city21", "review", "“十三五”期间，城镇化率提高6个百分点，生产总值增长45%。\n",
     {("actual", "2016-2020", "urbanization_rate", "change", 6, "exact"), ("actual", "2016-2020", "gdp", "growth_cum", 45, "exact")}),
    ("city21", "review", "“十三五”期间，规模以上工业增加值年均增长7.2%。\n",
     {("actual", "2016-2020", "industrial_value_added", "growth_avg", 7.2, "exact")}),
    ("prov26", "review", "过去的五年，我们砥砺前行。城镇新增就业580万人。\n",
     {("actual", "2021-2025", "new_urban_jobs", "level", 5.8e6, "exact")}),
    ("prov26", "review", "过去一年，城镇新增就业112万人。\n", {("actual", "2025", "new_urban_jobs", "level", 1.12e6, "exact")}),
    ("city21", "review", "比“十二五”末提高6个百分点，城镇化率年均提高1.2个百分点。\n",
     {("actual", "2016-2020", "urbanization_rate", "change", 1.2, "exact")}),
    ("nation86", "plan", "计划规定，到一九八八年，全国粮食产量达到四亿二千万吨。\n",
     {("target", "1988", "grain_output", "level", 4.2e8, "exact")}),
    ("nation86", "review", "一九八一年到一九八五年五年间，国家财政收入合计六千三百亿元。\n",
     {("actual", "1981-1985", "fiscal_revenue", "level", 6.3e11, "exact")}),
    ("prov26", "review", "五年来，较“十三五”增长20%，规模以上工业增加值年均增长6.1%。\n",
     {("actual", "2021-2025", "industrial_value_added", "growth_avg", 6.1, "exact")}),
    ("prov26", "review", "过去的五年，一般公共预算收入从4100亿元增加到4500亿元。\n",
     {("actual", "2020", "budget_revenue", "level", 4.1e11, "exact"), ("actual", "2025", "budget_revenue", "level", 4.5e11, "exact")}),
    # plan-period goals are targets of that period
    ("prov26", "plan", "“十五五”时期，全省生产总值年均增长5%左右。\n",
     {("target", "2026-2030", "gdp", "growth_avg", 5, "approx")}),
    ("prov26", "review", "展望“十五五”，全省生产总值年均增长5%左右。\n",
     {("target", "2026-2030", "gdp", "growth_avg", 5, "approx")}),
    ("prov26", "review", "2025年是“十五五”谋篇布局之年，全省生产总值增长5.4%。\n",
     {("actual", "2025", "gdp", "growth", 5.4, "exact")}),
    ("prov26", "review", "“十四五”时期，全省生产总值年均增长5.6%。\n",
     {("actual", "2021-2025", "gdp", "growth_avg", 5.6, "exact")}),
    ("prov26", "plan", "到2030年，常住人口城镇化率达到66%。\n", {("target", "2030", "urbanization_rate", "level", 66, "exact")}),
    ("prov26", "plan", "“十五五”时期，城镇新增就业500万人以上。\n",
     {("target", "2026-2030", "new_urban_jobs", "level", 5e6, "min")}),
    # subjects: threshold and continuity words, another dimension's quantity, the report's own place
    ("prov26", "review", "全省粮食总产量连续9年稳定在1300亿斤以上。\n",
     {("actual", "2025", "grain_output", "level", 6.5e7, "min")}),
    ("prov26", "review", "全省生产总值首次跃上6万亿元台阶。\n", {("actual", "2025", "gdp", "level", 6e12, "min")}),
    ("prov26", "review", "一般公共预算收入连年增长，达到4500亿元。\n",
     {("actual", "2025", "budget_revenue", "level", 4.5e11, "exact")}),
    ("prov26", "review", "2025年河南生产总值增长5.6%。\n", {("actual", "2025", "gdp", "growth", 5.6, "exact")}),
    ("prov26", "review", "2025年全省地区生产总值6.8万亿元。\n", {("actual", "2025", "gdp", "level", 6.8e12, "exact")}),
    ("prov26", "plan", "全省居民人均可支配收入增长与经济增长同步，城镇新增就业110万人以上。\n",
     {("target", "2026", "new_urban_jobs", "level", 1.1e6, "min")}),
    # coordination: one fact per subject
    ("city21", "review", "城、乡居民人均可支配收入分别增长3.5%、6.9%。\n",
     {("actual", "2020", "urban_disposable_income", "growth", 3.5, "exact"),
      ("actual", "2020", "rural_disposable_income", "growth", 6.9, "exact")}),
    ("city21", "review", "城乡常住居民人均可支配收入分别达到42150元和21030元。\n",
     {("actual", "2020", "urban_disposable_income", "level", 42150, "exact"),
      ("actual", "2020", "rural_disposable_income", "level", 21030, "exact")}),
    ("county12", "review", "城乡居民收入连年增长，分别达到15800元、6200元。\n",
     {("actual", "2011", "urban_disposable_income", "level", 15800, "exact"),
      ("actual", "2011", "rural_disposable_income", "level", 6200, "exact")}),
    ("county12", "review", "财政总收入5.2亿元，其中地方财政收入3.1亿元，分别增长18%、16.5%。\n",
     {("actual", "2011", "fiscal_revenue", "level", 5.2e8, "exact"), ("actual", "2011", "budget_revenue", "level", 3.1e8, "exact"),
      ("actual", "2011", "fiscal_revenue", "growth", 18, "exact"), ("actual", "2011", "budget_revenue", "growth", 16.5, "exact")}),
    ("city21", "review", "生产总值、规模以上工业增加值两项指标均增长4%。\n",
     {("actual", "2020", "gdp", "growth", 4, "exact"), ("actual", "2020", "industrial_value_added", "growth", 4, "exact")}),
    ("city21", "plan", "固定资产投资和社会消费品零售总额均增长8%以上。\n",
     {("target", "2021", "fixed_asset_investment", "growth", 8, "min"), ("target", "2021", "retail_sales", "growth", 8, "min")}),
    ("city21", "review", "财政、税收收入分别增长6.2%、5.1%。\n",
     {("actual", "2020", "fiscal_revenue", "growth", 6.2, "exact"), ("actual", "2020", "tax_revenue", "growth", 5.1, "exact")}),
    ("county12", "review", "生产总值和规模以上工业增加值分别比增12.1%、20.5%。\n",
     {("actual", "2011", "gdp", "growth", 12.1, "exact"), ("actual", "2011", "industrial_value_added", "growth", 20.5, "exact")}),
    ("city21", "review", "贫困发生率由2.1%降到0.3%。\n",
     {("actual", "2019", "poverty_rate", "level", 2.1, "exact"), ("actual", "2020", "poverty_rate", "level", 0.3, "exact")}),
    ("county12", "review", "财政总收入（县口径）6.1亿元。\n", {("actual", "2011", "fiscal_revenue", "level", 6.1e8, "exact")}),
    ("city21", "review", "生产总值增速比上年提高1.2个百分点。\n", set()),
    ("city21", "review", "一般公共预算收入剔除留抵退税因素后增长6.3%。\n",
     {("actual", "2020", "budget_revenue", "growth", 6.3, "exact")}),
    ("prov26", "review", "五年全省新增城镇就业560万人。\n", {("actual", "2021-2025", "new_urban_jobs", "level", 5.6e6, "exact")}),
    ("county12", "review", "工业投资12亿元、研发投入2.1亿元，分别增长15%、12%。\n",
     {("actual", "2011", "rd_spending", "level", 2.1e8, "exact"), ("actual", "2011", "rd_spending", "growth", 12, "exact"),
      ("actual", "2011", "industrial_investment", "level", 1.2e9, "exact"),
      ("actual", "2011", "industrial_investment", "growth", 15, "exact")}),
    ("prov26", "review", "全年12.6万农村贫困人口实现脱贫，3万名干部参加培训。\n",
     {("actual", "2025", "poverty_reduction", "level", 1.26e5, "exact")}),
    # a sector is never its parent
    ("city21", "review", "全市海洋生产总值增长9%。\n", {("actual", "2020", "ocean_gdp", "growth", 9, "exact")}),
    ("city21", "review", "能源工业增加值增长11%。\n",
     {("actual", "2020", "energy_industry_value_added", "growth", 11, "exact")}),
    # a share of GDP is the share of the part (民营经济增加值), never a figure of gdp
    ("city21", "review", "民营经济增加值占生产总值比重达到55%。\n",
     {("actual", "2020", "private_economy_value_added", "share", 55, "exact")}),
    ("city21", "review", "户籍人口城镇化率达到48%，常住人口城镇化率达到61%。\n",
     {("actual", "2020", "urbanization_rate", "level", 61, "exact"),
      ("actual", "2020", "hukou_urbanization_rate", "level", 48, "exact")}),
    # aliases of the settled conventions
    ("county12", "review", "地方财政收入完成2.3亿元。\n", {("actual", "2011", "budget_revenue", "level", 2.3e8, "exact")}),
    ("city21", "plan", "研发经费支出占地区生产总值比重达到2.5%。\n", {("target", "2021", "rd_intensity", "level", 2.5, "exact")}),
    ("city21", "review", "社会消费品销售总额增长4.2%。\n", {("actual", "2020", "retail_sales", "growth", 4.2, "exact")}),
    ("city21", "review", "城乡居民收入年均分别增长8.1%和9.4%。\n",
     {("actual", "2016-2020", "urban_disposable_income", "growth_avg", 8.1, "exact"),
      ("actual", "2016-2020", "rural_disposable_income", "growth_avg", 9.4, "exact")}),
    ("city21", "review", "地方一般公共预算收入可比增长5.5%。\n", {("actual", "2020", "budget_revenue", "growth", 5.5, "exact")}),
]


def _frame_facts(frame: str, part: str, body: str) -> Expected:
    report = extract(FRAMES[frame] + PART_LINES[frame][part] + body, Options(text_only=True, tasks=False, slogans=False))
    return {(str(f.kind), str(f.period), f.indicator, str(f.measure), round(f.value, 6), str(f.bound))
            for f in report.facts if f.indicator}


@pytest.mark.parametrize(("frame", "part", "body", "expected"), KIND_PERIOD_CASES,
                         ids=[f"{c[0]}-{c[2][:20]}" for c in KIND_PERIOD_CASES])
def test_kind_and_period(frame: str, part: str, body: str, expected: Expected) -> None:
    assert _frame_facts(frame, part, body) == {(k, p, i, m, round(v, 6), b) for k, p, i, m, v, b in expected}


def test_every_fact_says_where_its_period_comes_from() -> None:
    report = extract(FRAMES["city21"] + PART_LINES["city21"]["review"]
                     + "2018年，全市生产总值达到2900亿元。\n全市生产总值增长3.5%。\n过去五年，城镇新增就业21万人。\n"
                     + "二、“十四五”时期主要目标\n到2025年，全市生产总值突破5000亿元。\n生产总值年均增长6%。\n",
                     Options(text_only=True, tasks=False, slogans=False))
    got = [(f.period, f.period_source) for f in report.facts if f.indicator]
    assert got == [("2018", "sentence"), ("2020", "report"), ("2016-2020", "passage"), ("2025", "sentence"),
                   ("2021-2025", "section")]
    assert all(f.period_source in ("sentence", "passage", "section", "report") for f in report.facts)
    assert '"period_source": "sentence"' in report.to_json()


def test_a_label_block_stops_at_the_next_part() -> None:
    body = "2021年主要目标：\n●生产总值增长6%左右\n三、过去一年主要成绩\n全市固定资产投资增长8%。\n"
    facts = [f for f in extract(FRAMES["city21"] + PART_LINES["city21"]["review"] + body,
                                Options(text_only=True, tasks=False, slogans=False)).facts if f.indicator]
    assert [(str(f.kind), f.period, f.indicator) for f in facts] == [
        ("target", "2021", "gdp"), ("actual", "2020", "fixed_asset_investment")]


def test_a_rank_shared_by_the_subjects_of_a_list() -> None:
    _, facts = _facts("review", "生产总值、规模以上工业增加值分别增长6.1%和9.2%，增速均居全省第一。")
    ranks = [(f.indicator, f.value, f.rank_scope, f.rank_of) for f in facts if str(f.measure) == "rank"]
    assert ranks == [("gdp", 1, "province", "growth"), ("industrial_value_added", 1, "province", "growth")]


@pytest.mark.parametrize(("part", "sentence", "expected"), cues()["examples"]["facts"])
def test_cue_examples(part: str, sentence: str, expected: list) -> None:  # type: ignore[type-arg]
    _, facts = _facts(part, sentence)
    assert facts, sentence
    assert expected in [[str(f.kind), f.period, f.indicator, str(f.measure), f.value] for f in facts]


def _all_facts(sentence: str):  # type: ignore[no-untyped-def]
    return extract(HEAD + PARTS["review"] + sentence + "\n", Options(text_only=True, tasks=False, slogans=False)).facts


@pytest.mark.parametrize(("sentence", "values"), [
    # a number inside a short quotation is part of a name, not a figure
    ("深入实施“3个100万”工程，出台“30条”措施，打通“最后一公里”，生产总值增长5%。", [5.0]),
    ("建成标准机架2万架，实现“双翻番”。", [20000.0, 100.0]),  # a quoted doubling is still a figure
    # a span of years qualifies a statement; only the figure is a fact
    ("粮食产量连续8年稳定在300亿斤以上，新增学位1200个。", [1.5e7, 1200.0]),
    ("近5年财政收入增长42%，土地承包期再延长30年。", [42.0]),
])
def test_names_and_spans_of_years_are_no_facts(sentence: str, values: list[float]) -> None:
    assert [round(f.value, 6) for f in _all_facts(sentence)] == values


@pytest.mark.parametrize(("sentence", "texts"), [
    ("新建保障房1.2万套，惠及30万人。", ["保障房", None]),  # a verb is no subject's name
    # the whole a share is of is no subject: the share is of the figure before it
    ("检察费支出90亿元，占预算支出的12.2%。", ["检察费支出", "检察费支出"]),  # (国防费 has an id now)
    ("中央财政抚恤事业费支出112亿元，比上年增长47%。", ["中央财政抚恤事业费支出"] * 2),  # a growth keeps it
    ("甘蔗：达到二百六十三亿斤，增长百分之八十五点一。", ["甘蔗", "甘蔗"]),  # a list item's name before its colon
    ("邮路总长度将从一九五二年的一百三十万公里增加到一百九十七万公里。", ["邮路总长度"] * 2),  # 将, 从 and the base year are no part
    ("内河轮驳船货物周转量增长32%。", ["内河轮驳船货物周转量"]),  # a part of an indicator keeps its words
    ("煤化工产值200亿元，新增项目25个。", ["煤化工产值", "项目"]),  # another dimension: its own words
    ("营业收入的120亿元。", ["营业收入"]),  # the 的 is no part of it
    ("筹措50亿元，安排30亿元。", [None, None]),
])
def test_indicator_text_of_unmatched_facts_is_never_filler(sentence: str, texts: list[str | None]) -> None:
    assert [f.indicator_text for f in _all_facts(sentence)] == texts


@pytest.mark.parametrize(("sentence", "expected"), [
    ("金融机构人民币存贷款余额分别增长6.9%、6.6%。", [("deposits", 6.9), ("loans", 6.6)]),  # one fact per subject
    ("年末本外币存贷款余额分别达到5000亿元、4000亿元。", [("deposits", 5e11), ("loans", 4e11)]),
    ("城乡居民人民币储蓄存款余额由4.6万亿元增加到8.7万亿元。", [("household_savings", 4.6e12), ("household_savings", 8.7e12)]),
    ("发电量由二千零三十亿度增加到二千五百六十亿度，增长百分之二十六。",
     [("power_generation", 2.03e11), ("power_generation", 2.56e11), ("power_generation", 26.0)]),
])
def test_split_and_older_subjects(sentence: str, expected: list[tuple[str, float]]) -> None:
    assert [(f.indicator, f.value) for f in _all_facts(sentence)] == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("建设47.8万亩高标准农田，粮食生产稳定。", [("high_standard_farmland", 478000.0)]),
    ("新建提升310公里农村公路，村容村貌改善。", [("rural_roads", 310000.0)]),
    ("新增500万千瓦新能源装机。", [("renewable_capacity", 5e6)]),
    ("完成47万亩高标准农田建设任务。", [(None, 470000.0)]),  # the amount of a task, not of the farmland
    ("新建3个产业集群项目。", [(None, 3.0)]),  # a count of projects, not of clusters
])
def test_an_amount_written_before_what_it_measures(sentence: str, expected: list[tuple[str | None, float]]) -> None:
    assert [(f.indicator, f.value) for f in _all_facts(sentence)] == expected
