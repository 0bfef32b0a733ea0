"""The tracking rules as a table: each row is a tiny store (a target report and its outcome reports)
and the verdict, outcome and gap that ``track`` must give. Rows sit at the edges of the rules."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_store_support import fact, make_report

from govreport.store import open_store
from govreport.tracking import judge, track


def _gdp(kind: str, period: str, value: float, bound: str = "exact", measure: str = "growth",
         unit: str = "%", value_max: float | None = None, words: str = "") -> dict:  # type: ignore[type-arg]
    number = words or f"{value:g}%"
    return fact(kind, period, "gdp", measure, value, unit, bound, f"全省生产总值增长{number}。", number,
                value_max=value_max)


def _track(tmp_path, reports: list[tuple[str, int, list]]) -> list:  # type: ignore[type-arg]
    s = open_store(tmp_path / "t.db")
    for i, (doc_id, year, facts) in enumerate(reports):
        s.write_report(make_report(doc_id, "河南省", year, facts, admin_code="410000"), sha256=f"{i:064d}")
    rows = [r for r in track(s, indicator="gdp") if r.verdict != "no_target" and r.target_report == "t"]
    s.close()
    return rows


T = "t"  # the target report's id, always of 2020
# (target fact, [(outcome report id, year, [facts])...]) → (verdict, outcome value, outcome report, gap)
CASES = {
    "exactly on a min bound is met": (
        _gdp("target", "2020", 7.0, "min", words="7%以上"), [("o21", 2021, [_gdp("actual", "2020", 7.0)])],
        ("met", 7.0, "o21", 0.0)),
    "just under a min bound is missed": (
        _gdp("target", "2020", 7.0, "min", words="7%以上"), [("o21", 2021, [_gdp("actual", "2020", 6.9)])],
        ("missed", 6.9, "o21", -0.1)),
    "exactly on a max bound is met (a price target)": (
        fact("target", "2020", "gdp", "growth", 3.0, "%", "max", "全省生产总值增长3%以内。", "3%以内"),
        [("o21", 2021, [_gdp("actual", "2020", 3.0)])], ("met", 3.0, "o21", 0.0)),
    "exactly on the low end of a range is met": (
        _gdp("target", "2020", 6.5, "range", value_max=7.0, words="6.5%-7%"),
        [("o21", 2021, [_gdp("actual", "2020", 6.5)])], ("met", 6.5, "o21", 0.0)),
    "approx: 0.5 point under is still met": (
        _gdp("target", "2020", 7.5, "approx", words="7.5%左右"), [("o21", 2021, [_gdp("actual", "2020", 7.0)])],
        ("met", 7.0, "o21", -0.5)),
    "approx: 0.6 point under is missed": (
        _gdp("target", "2020", 7.5, "approx", words="7.5%左右"), [("o21", 2021, [_gdp("actual", "2020", 6.9)])],
        ("missed", 6.9, "o21", -0.6)),
    "an outcome stated as a range counts at its midpoint": (
        _gdp("target", "2020", 7.0, "min", words="7%以上"),
        [("o21", 2021, [_gdp("actual", "2020", 6.8, "range", value_max=7.4, words="6.8%-7.4%")])],
        ("met", 6.8, "o21", pytest.approx(0.1))),
    "an actual is preferred over an estimate of the same report": (
        _gdp("target", "2020", 7.0, "min", words="7%以上"),
        [("o21", 2021, [_gdp("estimate", "2020", 7.5, words="7.5%"), _gdp("actual", "2020", 6.5, words="6.5%")])],
        ("missed", 6.5, "o21", -0.5)),
    "the same year's report is no outcome (its figure is a forecast)": (
        _gdp("target", "2020", 7.0, "min", words="7%以上"), [("o20", 2020, [_gdp("estimate", "2020", 7.5)])],
        ("no_outcome", None, None, None)),
    "the first later report wins over a later revision": (
        _gdp("target", "2020", 7.0, "min", words="7%以上"),
        [("o22", 2022, [_gdp("actual", "2020", 6.0)]), ("o21", 2021, [_gdp("actual", "2020", 7.2)])],
        ("met", 7.2, "o21", pytest.approx(0.2))),
    "a later report without the indicator is not_reported": (
        _gdp("target", "2020", 7.0, "min", words="7%以上"),
        [("o21", 2021, [fact("actual", "2020", "cpi", "growth", 2.0, "%", "exact", "物价上涨2%。", "2%")])],
        ("not_reported", None, None, None)),
    "a same-year estimate is no outcome even when a later report exists": (
        _gdp("target", "2020", 7.0, "min", words="7%以上"),
        [("o20", 2020, [_gdp("estimate", "2020", 7.5)]),
         ("o21", 2021, [fact("actual", "2020", "cpi", "growth", 2.0, "%", "exact", "物价上涨2%。", "2%")])],
        ("not_reported", None, None, None)),
    "growth against level is not comparable": (
        _gdp("target", "2020", 7.0, "min", words="7%以上"),
        [("o21", 2021, [fact("actual", "2020", "gdp", "level", 5.4e12, "元", "exact",
                             "全省生产总值5.4万亿元。", "5.4万亿元")])],
        ("not_comparable", 5.4e12, "o21", None)),
    "a cumulative growth never gives a one-year verdict": (
        _gdp("target", "2020", 7.0, "min", words="7%以上"),
        [("o21", 2021, [_gdp("actual", "2020", 44.0, measure="growth_cum", words="44%")])],
        ("not_comparable", 44.0, "o21", None)),
    "a cumulative target given one year is not judged by one year's growth": (
        _gdp("target", "2020", 44.0, "exact", measure="growth_cum", words="44%"),
        [("o21", 2021, [_gdp("actual", "2020", 102.0, measure="growth_cum", words="102%")])],
        ("not_comparable", 102.0, "o21", None)),
    "a five-year average target meets its five-year outcome": (
        _gdp("target", "2016-2020", 7.0, "min", measure="growth_avg", words="7%以上"),
        [("o21", 2021, [_gdp("actual", "2016-2020", 7.1, measure="growth_avg", words="7.1%")])],
        ("met", 7.1, "o21", pytest.approx(0.1))),
}


@pytest.mark.parametrize(("target", "outcomes", "expected"), CASES.values(), ids=CASES.keys())
def test_tracking_rule(tmp_path, target, outcomes, expected):
    rows = _track(tmp_path, [(T, 2020, [target]), *outcomes])
    assert len(rows) == 1
    r = rows[0]
    assert (r.verdict, r.outcome_value, r.outcome_report, r.gap) == expected


def test_swapping_the_order_reports_are_stored_changes_nothing(tmp_path):
    reports = [(T, 2020, [_gdp("target", "2020", 7.0, "min", words="7%以上")]),
               ("o21", 2021, [_gdp("actual", "2020", 7.2)]), ("o22", 2022, [_gdp("actual", "2020", 6.0)])]
    seen = set()
    for i, order in enumerate(itertools.permutations(reports)):
        d = tmp_path / str(i)
        d.mkdir()
        seen.add(tuple((r.verdict, r.outcome_value, r.outcome_report) for r in _track(d, list(order))))
    assert seen == {(("met", 7.2, "o21"),)}


@settings(max_examples=200, deadline=None)
@given(value=st.floats(-20, 20), width=st.floats(0, 5), actual=st.floats(-30, 30), better=st.floats(0, 10),
       bound=st.sampled_from(["exact", "approx", "min", "max", "range"]), direction=st.sampled_from(["up", "down"]),
       unit=st.sampled_from(["%", "元"]))
def test_a_better_outcome_never_turns_met_into_missed(value, width, actual, better, bound, direction, unit):
    """Better is the way the bound points (min: more, max: less), else the indicator's direction."""
    value_max = value + width if bound == "range" else None
    way = {"min": "up", "max": "down"}.get(bound, direction)
    improved = actual + better if way == "up" else actual - better
    first, _ = judge(value, bound, unit, direction, actual, value_max)
    second, _ = judge(value, bound, unit, direction, improved, value_max)
    assert not (first == "met" and second == "missed")


def test_a_namesake_in_another_province_is_not_the_same_unit(tmp_path):
    """朝阳区 of 北京市 and 朝阳区 of 长春市 (吉林省) are two units: one's review is not the other's outcome."""
    s = open_store(tmp_path / "t.db")
    target = make_report("bj", "朝阳区", 2020, [_gdp("target", "2020", 6.0, "min", words="6%以上")],
                         level="district", province="北京市", city="北京市")
    other = make_report("cc", "朝阳区", 2021, [_gdp("actual", "2020", 7.0)], level="district", province="吉林省",
                        city="长春市")
    for i, r in enumerate([target, other]):
        s.write_report(r, sha256=f"{i:064d}")
    rows = [r for r in track(s, indicator="gdp") if r.target_report == "bj"]
    s.close()
    assert [(r.verdict, r.outcome_report) for r in rows] == [("no_outcome", None)]


def test_rows_come_nation_first_then_by_region_and_year(tmp_path):
    s = open_store(tmp_path / "t.db")
    reports = [make_report("hn21", "河南省", 2021, [_gdp("target", "2021", 6.0, "min", words="6%以上")]),
               make_report("ah20", "安徽省", 2020, [_gdp("target", "2020", 7.0, "min", words="7%以上")]),
               make_report("hn20", "河南省", 2020, [_gdp("target", "2020", 7.0, "min", words="7%以上")]),
               make_report("cn20", "全国", 2020, [_gdp("target", "2020", 6.0, "min", words="6%以上")],
                           level="national")]
    for i, r in enumerate(reports):
        s.write_report(r, sha256=f"{i:064d}")
    got = [(r.region, r.year) for r in track(s, indicator="gdp")]
    s.close()
    assert got[0] == ("全国", 2020)
    assert got[1:] == sorted(got[1:])
    assert {g[0] for g in got[1:]} == {"河南省", "安徽省"}


def test_a_no_target_row_is_dated_by_the_plan_year(tmp_path):
    """A report delivered in December 2020 plans 2021: its 不设具体目标 is about 2021."""
    s = open_store(tmp_path / "t.db")
    r = make_report("dec", "河南省", 2020, [], extra="今年不设经济增长具体目标。")
    from dataclasses import replace

    r = replace(r, doc=replace(r.doc, plan_year=2021))
    s.write_report(r, sha256="0" * 64)
    rows = [row for row in track(s) if row.verdict == "no_target"]
    s.close()
    assert [(row.indicator, row.year, row.period) for row in rows] == [("gdp", 2021, "2021")]


def test_each_side_says_where_its_period_came_from(tmp_path):
    """A verdict on a period read from the section or the report rests on a guess: the row says so."""
    from govreport import Options, extract

    s = open_store(tmp_path / "t.db")
    y20 = extract("河南省2020年政府工作报告\n二、2020年主要目标\n全省生产总值增长7%以上。\n", Options(doc_id="hn20"))
    y21 = extract("河南省2021年政府工作报告\n一、2020年工作回顾\n2020年全省生产总值增长7.2%。\n", Options(doc_id="hn21"))
    for i, r in enumerate([y20, y21]):
        s.write_report(r, sha256=f"{i:064d}")
    rows = [r for r in track(s, indicator="gdp") if r.verdict == "met"]
    s.close()
    assert len(rows) == 1
    assert rows[0].outcome_period_source == "sentence"  # 2020年 is in the sentence
    assert rows[0].target_period_source in ("passage", "section", "report")  # from the part's heading or the year
