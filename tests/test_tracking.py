"""Tracking verdicts and cross-level comparison on hand-made reports."""

from __future__ import annotations

import pytest
from test_store_support import fact, make_report

from govreport.store import open_store
from govreport.store.fulltext import fold
from govreport.tracking import compare, judge, no_target_cues, track


# (target value, bound, unit, direction, actual, value_max) → (verdict, gap)
@pytest.mark.parametrize(("args", "verdict", "gap"), [
    ((3.0, "approx", "%", "down", 0.2), "met", -2.8),  # CPI 3%左右 met by 0.2%
    ((3.0, "approx", "%", "down", 3.4), "met", 0.4),  # within the 0.5 tolerance
    ((3.0, "approx", "%", "down", 3.6), "missed", 0.6),
    ((7.5, "approx", "%", "up", 8.0), "met", 0.5),  # GDP 7.5% met by 8%
    ((7.5, "approx", "%", "up", 7.0), "met", -0.5),
    ((7.5, "approx", "%", "up", 6.9), "missed", -0.6),
    ((7.5, "exact", "%", "up", 7.4), "missed", -0.1),
    ((-3.0, "max", "%", "down", -3.5), "met", -0.5),  # 能耗降低3%以上 vs -3.5
    ((-3.0, "max", "%", "down", -2.2), "missed", 0.8),
    ((1e7, "min", "人", "up", 1.3e7), "met", 3e6),  # 1000万人以上
    ((1e7, "min", "人", "up", 9.9e6), "missed", -1e5),
    ((1e8, "approx", "元", "up", 9.6e7), "met", -4e6),  # 5% of the target
    ((1e8, "approx", "元", "up", 9.4e7), "missed", -6e6),
    ((4.5, "max", "%", "down", 4.02), "met", -0.48),
    ((6.5, "range", "%", "up", 6.7, 7.0), "met", 0.2),  # 6.5%-7%
    ((6.5, "range", "%", "up", 6.4, 7.0), "missed", -0.1),
    ((2.0, "range", "%", "down", 3.1, 3.0), "missed", 0.1),
    ((2.8, "range", "%", "none", 3.0, 3.2), "met", 0.0),  # 赤字率 2.8%-3.2%
    ((2.8, "range", "%", "none", 3.3, 3.2), "missed", 0.1),
    ((3.0, "approx", "%", "none", 3.6), "missed", 0.6),
    ((3.0, "approx", "%", "none", 2.6), "met", -0.4),
])
def test_judge(args, verdict, gap):
    got, got_gap = judge(*args[:5], value_max=args[5] if len(args) > 5 else None)
    assert got == verdict
    assert got_gap == pytest.approx(gap)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    y20 = make_report("hn_2020", "河南省", 2020, [
        fact("target", "2020", "cpi", "growth", 3.5, "%", "approx", "居民消费价格涨幅3.5%左右。", "3.5%左右"),
        fact("target", "2020", "gdp", "growth", 7.5, "%", "approx", "全省生产总值增长7.5%左右。", "7.5%左右"),
        fact("target", "2020", "energy_intensity", "growth", -3.0, "%", "max", "单位生产总值能耗降低3%以上。",
             "降低3%以上"),
        fact("target", "2020", "new_urban_jobs", "level", 1.0e6, "人", "min", "城镇新增就业100万人以上。",
             "100万人以上"),
        fact("target", "2020", "fixed_asset_investment", "growth", 8.0, "%", "range",
             "固定资产投资增长8%-9%。", "8%-9%", value_max=9.0),
        fact("target", "2020", "retail_sales", "growth", 10.0, "%", "approx", "社会消费品零售总额增长10%左右。",
             "10%左右"),
        fact("target", "2020", "trade", "growth", 5.0, "%", "approx", "进出口总额增长5%。", "5%"),
        fact("target", "2020", "grain_output", "level", 6.5e7, "吨", "min", "粮食产量保持在1300亿斤以上。",
             "1300亿斤以上"),
    ], admin_code="410000")
    y21 = make_report("hn_2021", "河南省", 2021, [
        fact("actual", "2020", "cpi", "growth", 0.2, "%", "exact", "居民消费价格上涨0.2%。", "0.2%"),
        fact("actual", "2020", "gdp", "growth", 8.0, "%", "exact", "全省生产总值增长8%。", "8%"),
        fact("actual", "2020", "energy_intensity", "growth", -3.5, "%", "exact", "单位生产总值能耗下降3.5%。",
             "下降3.5%"),
        fact("actual", "2020", "new_urban_jobs", "level", 9.0e5, "人", "exact", "城镇新增就业90万人。", "90万人"),
        fact("estimate", "2020", "fixed_asset_investment", "growth", 8.4, "%", "approx",
             "固定资产投资预计增长8.4%左右。", "8.4%左右"),
        fact("actual", "2020", "retail_sales", "level", 2.2e12, "元", "exact", "社会消费品零售总额2.2万亿元。",
             "2.2万亿元"),
        fact("target", "2021", "gdp", "growth", 6.0, "%", "min", "全省生产总值增长6%以上。", "6%以上"),
        fact("actual", "2020", "grain_output", "level", 6.5e7, "吨", "min", "粮食产量稳定在1300亿斤以上。",
             "1300亿斤以上"),
        fact("actual", "2020", "grain_output", "level", 6.8e7, "吨", "exact", "粮食产量1360亿斤。", "1360亿斤"),
    ], admin_code="410000")
    # a later review (two years on) states the trade outcome the 2021 report left out
    y22 = make_report("hn_2022", "河南省", 2022, [
        fact("actual", "2020", "trade", "growth", 3.0, "%", "exact", "2020年进出口总额增长3%。", "3%"),
    ], admin_code="410000", extra="我们没有提出全年经济增速具体目标，主要考虑不确定性很大。")
    nation = make_report("cn_2020", "全国", 2020, [
        fact("target", "2020", "gdp", "growth", 6.0, "%", "range", "国内生产总值增长6%-6.5%。", "6%-6.5%",
             value_max=6.5),
    ], level="national")
    city = make_report("zz_2020", "郑州市", 2020, [
        fact("target", "2020", "gdp", "growth", 8.0, "%", "approx", "全市生产总值增长8%左右。", "8%左右"),
    ], level="city", province="河南省", admin_code="410100")
    county = make_report("xz_2020", "新郑市", 2020, [
        fact("target", "2020", "gdp", "growth", 9.0, "%", "min", "全市生产总值增长9%以上。", "9%以上"),
    ], level="county", province="河南省", city="郑州市", admin_code="410184")
    s = open_store(tmp_path_factory.mktemp("track") / "t.db")
    for i, r in enumerate([y20, y21, y22, nation, city, county]):
        s.write_report(r, sha256=f"{i:064d}")
    yield s
    s.close()


@pytest.mark.parametrize(("report", "indicator", "verdict", "outcome", "outcome_report", "gap"), [
    ("hn_2020", "cpi", "met", 0.2, "hn_2021", -3.3),
    ("hn_2020", "gdp", "met", 8.0, "hn_2021", 0.5),
    ("hn_2020", "energy_intensity", "met", -3.5, "hn_2021", -0.5),
    ("hn_2020", "new_urban_jobs", "missed", 9.0e5, "hn_2021", -1.0e5),
    ("hn_2020", "fixed_asset_investment", "met", 8.4, "hn_2021", 0.4),  # an estimate, inside 8%-9%
    ("hn_2020", "retail_sales", "not_comparable", 2.2e12, "hn_2021", None),  # growth vs level
    ("hn_2020", "trade", "missed", 3.0, "hn_2022", -2.0),  # from the later review
    ("hn_2020", "grain_output", "met", 6.8e7, "hn_2021", 3e6),  # the figure, not 稳定在…以上
    ("hn_2021", "gdp", "not_reported", None, None, None),  # 2022 report is there, no GDP for 2021
    ("cn_2020", "gdp", "no_outcome", None, None, None),  # no later national report
])
def test_track_verdicts(store, report, indicator, verdict, outcome, outcome_report, gap):
    rows = [r for r in track(store) if r.target_report == report and r.indicator == indicator
            and r.verdict != "no_target"]
    assert len(rows) == 1
    row = rows[0]
    assert row.verdict == verdict
    assert row.outcome_value == outcome
    assert row.outcome_report == outcome_report
    assert row.gap == (None if gap is None else pytest.approx(gap))
    text = store.report_text(report)
    assert text[row.target_span[0]:row.target_span[1]] == row.target_evidence
    if outcome_report:
        later = store.report_text(outcome_report)
        assert later[row.outcome_span[0]:row.outcome_span[1]] == row.outcome_evidence


def test_track_filters_by_region_and_indicator(store):
    rows = track(store, region="410000", indicator="gdp")
    assert {(r.target_report, r.verdict) for r in rows} == {("hn_2020", "met"), ("hn_2021", "not_reported"),
                                                            ("hn_2022", "no_target")}


def test_explicitly_missing_target_is_recorded(store):
    rows = [r for r in track(store) if r.verdict == "no_target"]
    assert [(r.target_report, r.indicator, r.year) for r in rows] == [("hn_2022", "gdp", 2022)]
    text = store.report_text("hn_2022")
    assert text[rows[0].target_span[0]:rows[0].target_span[1]] == rows[0].target_evidence
    assert rows[0].target_sentence.startswith("我们没有提出全年经济增速具体目标")


@pytest.mark.parametrize(("sentence", "found"), [
    ("我们没有提出全年经济增速具体目标，主要因为全球疫情和经贸形势不确定性很大", True),
    ("今年不设经济增长具体目标。", True),
    ("經濟增長預期目標不作具體規定。", True),
    ("国内生产总值增长6%以上，在实际工作中争取更好结果。", False),
    ("没有实现年初确定的单位国内生产总值能耗降低4%左右的目标", False),
])
def test_no_target_cues(sentence, found):
    assert any(c.pattern.search(fold(sentence)) for c in no_target_cues()) is found


def test_compare_lines_up_levels_with_parents(store):
    rows = compare(store, 2020, "gdp")
    assert [(r.level, r.region, r.parent, r.value, r.parent_value) for r in rows] == [
        ("national", "全国", None, 6.0, None),
        ("province", "河南省", "全国", 7.5, 6.0),
        ("city", "郑州市", "河南省", 8.0, 7.5),
        ("county", "新郑市", "郑州市", 9.0, 8.0),
    ]
    assert [r.above_parent for r in rows] == [None, 1.5, 0.5, 1.0]
