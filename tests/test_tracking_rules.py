"""The tracking rules as a table: each row is a tiny store (a target report and its outcome reports)
and the verdict, outcome and gap that ``track`` must give. Rows sit at the edges of the rules."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_store_support import fact, make_report

from govreport.store import open_store
from govreport.tracking import compare, judge, track


def _gdp(kind: str, period: str, value: float, bound: str = "exact", measure: str = "growth",
         unit: str = "%", value_max: float | None = None, words: str = "") -> dict:  # type: ignore[type-arg]
    number = words or f"{value:g}%"
    return fact(kind, period, "gdp", measure, value, unit, bound, f"全省生产总值增长{number}。", number,
                value_max=value_max)


def _track(tmp_path, reports: list[tuple[str, int, list]], indicator: str = "gdp") -> list:  # type: ignore[type-arg]
    s = open_store(tmp_path / "t.db")
    for i, (doc_id, year, facts) in enumerate(reports):
        s.write_report(make_report(doc_id, "河南省", year, facts, admin_code="410000"), sha256=f"{i:064d}")
    rows = [r for r in track(s, indicator=indicator) if r.verdict != "no_target" and r.target_report == "t"]
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
    # -- same-year vs later reports
    "a same-year actual is passed over for the later report's": (
        _gdp("target", "2020", 7.0, "min", words="7%以上"),
        [("o20", 2020, [_gdp("actual", "2020", 9.0)]), ("o21", 2021, [_gdp("actual", "2020", 6.0)])],
        ("missed", 6.0, "o21", -1.0)),
    "a later report's estimate is an outcome": (
        _gdp("target", "2020", 7.0, "min", words="7%以上"), [("o21", 2021, [_gdp("estimate", "2020", 7.0)])],
        ("met", 7.0, "o21", 0.0)),
    # -- exactly on the bounds
    "exactly on the high end of a range is met (direction up)": (
        _gdp("target", "2020", 6.5, "range", value_max=7.0, words="6.5%-7%"),
        [("o21", 2021, [_gdp("actual", "2020", 7.0)])], ("met", 7.0, "o21", pytest.approx(0.5))),
    "above a range is met when more is better": (
        _gdp("target", "2020", 6.5, "range", value_max=7.0, words="6.5%-7%"),
        [("o21", 2021, [_gdp("actual", "2020", 9.0)])], ("met", 9.0, "o21", pytest.approx(2.5))),
    "just under the low end of a range is missed": (
        _gdp("target", "2020", 6.5, "range", value_max=7.0, words="6.5%-7%"),
        [("o21", 2021, [_gdp("actual", "2020", 6.4)])], ("missed", 6.4, "o21", pytest.approx(-0.1))),
    "just over a max bound is missed": (
        fact("target", "2020", "gdp", "growth", 3.0, "%", "max", "全省生产总值增长3%以内。", "3%以内"),
        [("o21", 2021, [_gdp("actual", "2020", 3.1)])], ("missed", 3.1, "o21", pytest.approx(0.1))),
    "an exact target met to the decimal": (
        _gdp("target", "2020", 7.0), [("o21", 2021, [_gdp("actual", "2020", 7.0)])], ("met", 7.0, "o21", 0.0)),
    "an exact target: more is met when more is better": (
        _gdp("target", "2020", 7.0), [("o21", 2021, [_gdp("actual", "2020", 7.3)])],
        ("met", 7.3, "o21", pytest.approx(0.3))),
    "an exact target: 0.1 under is missed": (
        _gdp("target", "2020", 7.0), [("o21", 2021, [_gdp("actual", "2020", 6.9)])],
        ("missed", 6.9, "o21", pytest.approx(-0.1))),
    "approx: exactly 0.5 point under is met": (
        _gdp("target", "2020", 7.0, "approx", words="7%左右"), [("o21", 2021, [_gdp("actual", "2020", 6.5)])],
        ("met", 6.5, "o21", -0.5)),
    "approx in points has the 0.5 tolerance too": (
        _gdp("target", "2020", 1.0, "approx", unit="个百分点", words="1个百分点左右"),
        [("o21", 2021, [_gdp("actual", "2020", 0.5, unit="个百分点", words="0.5个百分点")])],
        ("met", 0.5, "o21", -0.5)),
    "approx in yuan: 5% under is met": (
        _gdp("target", "2020", 1000.0, "approx", measure="level", unit="元", words="1000元左右"),
        [("o21", 2021, [_gdp("actual", "2020", 950.0, measure="level", unit="元", words="950元")])],
        ("met", 950.0, "o21", -50.0)),
    "approx in yuan: 6% under is missed (not the 0.5 of percents)": (
        _gdp("target", "2020", 1000.0, "approx", measure="level", unit="元", words="1000元左右"),
        [("o21", 2021, [_gdp("actual", "2020", 940.0, measure="level", unit="元", words="940元")])],
        ("missed", 940.0, "o21", -60.0)),
    "approx in yuan: 0.6 under a 10 yuan target is missed (5% of it is 0.5)": (
        _gdp("target", "2020", 10.0, "approx", measure="level", unit="元", words="10元左右"),
        [("o21", 2021, [_gdp("actual", "2020", 9.4, measure="level", unit="元", words="9.4元")])],
        ("missed", 9.4, "o21", pytest.approx(-0.6))),
    "a negative approx target in yuan keeps a positive tolerance": (
        _gdp("target", "2020", -1000.0, "approx", measure="change", unit="元", words="1000元左右"),
        [("o21", 2021, [_gdp("actual", "2020", -1040.0, measure="change", unit="元", words="1040元")])],
        ("met", -1040.0, "o21", pytest.approx(-40.0))),
    # -- outcomes stated as ranges: their midpoint decides
    "a range outcome whose midpoint is under a min is missed (its high end would pass)": (
        _gdp("target", "2020", 6.6, "min", words="6.6%以上"),
        [("o21", 2021, [_gdp("actual", "2020", 6.0, "range", value_max=7.0, words="6%-7%")])],
        ("missed", 6.0, "o21", pytest.approx(-0.1))),
    "a range outcome exactly at a min by its midpoint is met": (
        _gdp("target", "2020", 6.5, "min", words="6.5%以上"),
        [("o21", 2021, [_gdp("actual", "2020", 6.0, "range", value_max=7.0, words="6%-7%")])],
        ("met", 6.0, "o21", 0.0)),
    # -- which figure of a report is the outcome
    "two actuals of one report: the first in the text": (
        _gdp("target", "2020", 7.0, "min", words="7%以上"),
        [("o21", 2021, [_gdp("actual", "2020", 7.2, words="7.2%"), _gdp("actual", "2020", 6.0, words="6%")])],
        ("met", 7.2, "o21", pytest.approx(0.2))),
    "a figure stated as such beats a 以上 of the same report": (
        _gdp("target", "2020", 7.0, "min", words="7%以上"),
        [("o21", 2021, [_gdp("actual", "2020", 6.0, "min", words="6%以上"), _gdp("actual", "2020", 7.5)])],
        ("met", 7.5, "o21", pytest.approx(0.5))),
    "an approx actual counts as stated": (
        _gdp("target", "2020", 7.0, "min", words="7%以上"),
        [("o21", 2021, [_gdp("actual", "2020", 8.0, "max", words="8%以内"),
                        _gdp("actual", "2020", 6.0, "approx", words="6%左右")])],
        ("missed", 6.0, "o21", pytest.approx(-1.0))),
    "an estimate is used when the report has no actual": (
        _gdp("target", "2020", 7.0, "min", words="7%以上"),
        [("o21", 2021, [_gdp("estimate", "2020", 6.5, words="6.5%")])], ("missed", 6.5, "o21", -0.5)),
    # -- unit and measure mismatches
    "only the unit differs: not comparable": (
        _gdp("target", "2020", 7.0, "min", words="7%以上"),
        [("o21", 2021, [_gdp("actual", "2020", 7.5, unit="个百分点", words="7.5个百分点")])],
        ("not_comparable", 7.5, "o21", None)),
    "a comparable figure in a later report beats an incomparable one in the first": (
        _gdp("target", "2020", 7.0, "min", words="7%以上"),
        [("o21", 2021, [_gdp("actual", "2020", 5.4e12, measure="level", unit="元", words="5.4万亿元")]),
         ("o22", 2022, [_gdp("actual", "2020", 7.5)])],
        ("met", 7.5, "o22", pytest.approx(0.5))),
    "a comparable figure beats an incomparable one of the same report": (
        _gdp("target", "2020", 7.0, "min", words="7%以上"),
        [("o21", 2021, [_gdp("actual", "2020", 5.4e12, measure="level", unit="元", words="5.4万亿元"),
                        _gdp("actual", "2020", 6.5, words="6.5%")])],
        ("missed", 6.5, "o21", pytest.approx(-0.5))),
    "a later report restating the old target gives no outcome": (
        _gdp("target", "2020", 7.0, "min", words="7%以上"),
        [("o21", 2021, [_gdp("target", "2020", 7.0, "min", words="7%以上")])],
        ("not_reported", None, None, None)),
    "an outcome of another period is no outcome": (
        _gdp("target", "2020", 7.0, "min", words="7%以上"), [("o21", 2021, [_gdp("actual", "2019", 7.5)])],
        ("not_reported", None, None, None)),
    "a five-year cumulative target against its five-year cumulative outcome is judged": (
        _gdp("target", "2016-2020", 40.0, "min", measure="growth_cum", words="40%以上"),
        [("o21", 2021, [_gdp("actual", "2016-2020", 44.0, measure="growth_cum", words="44%")])],
        ("met", 44.0, "o21", pytest.approx(4.0))),
}


@pytest.mark.parametrize(("target", "outcomes", "expected"), CASES.values(), ids=CASES.keys())
def test_tracking_rule(tmp_path, target, outcomes, expected):
    rows = _track(tmp_path, [(T, 2020, [target]), *outcomes])
    assert len(rows) == 1
    r = rows[0]
    assert (r.verdict, r.outcome_value, r.outcome_report, r.gap) == expected


def _of(indicator: str, kind: str, value: float, bound: str = "exact", value_max: float | None = None,
        words: str = "") -> dict:  # type: ignore[type-arg]
    number = words or f"{value:g}%"
    name = {"cpi": "居民消费价格", "deficit_ratio": "赤字率"}[indicator]
    return fact(kind, "2020", indicator, "growth", value, "%", bound, f"{name}{number}。", number, value_max=value_max)


# indicator (its direction: cpi down, deficit_ratio none), target, actual → (verdict, gap)
DIRECTION_CASES = {
    "down: exactly on the high end of a range is met": ("cpi", _of("cpi", "target", 2.0, "range", 3.0, "2%-3%"),
                                                        3.0, ("met", 0.0)),
    "down: just over the high end of a range is missed": ("cpi", _of("cpi", "target", 2.0, "range", 3.0, "2%-3%"),
                                                          3.1, ("missed", pytest.approx(0.1))),
    "down: under the low end of a range is met": ("cpi", _of("cpi", "target", 2.0, "range", 3.0, "2%-3%"),
                                                  0.5, ("met", pytest.approx(-2.5))),
    "down: approx, 0.5 over is met": ("cpi", _of("cpi", "target", 3.0, "approx", words="3%左右"), 3.5,
                                      ("met", pytest.approx(0.5))),
    "down: approx, 0.6 over is missed": ("cpi", _of("cpi", "target", 3.0, "approx", words="3%左右"), 3.6,
                                         ("missed", pytest.approx(0.6))),
    "down: approx, far under is met": ("cpi", _of("cpi", "target", 3.0, "approx", words="3%左右"), 0.2,
                                       ("met", pytest.approx(-2.8))),
    "down: exact, on it is met": ("cpi", _of("cpi", "target", 3.0), 3.0, ("met", 0.0)),
    "down: exact, 0.1 over is missed": ("cpi", _of("cpi", "target", 3.0), 3.1, ("missed", pytest.approx(0.1))),
    "none: a range holds its low end": ("deficit_ratio", _of("deficit_ratio", "target", 2.8, "range", 3.2,
                                                             "2.8%-3.2%"), 2.8, ("met", 0.0)),
    "none: a range holds its high end": ("deficit_ratio", _of("deficit_ratio", "target", 2.8, "range", 3.2,
                                                              "2.8%-3.2%"), 3.2, ("met", 0.0)),
    "none: under a range is missed by the low end": ("deficit_ratio", _of(
        "deficit_ratio", "target", 2.8, "range", 3.2, "2.8%-3.2%"), 2.5, ("missed", pytest.approx(-0.3))),
    "none: over a range is missed by the high end": ("deficit_ratio", _of(
        "deficit_ratio", "target", 2.8, "range", 3.2, "2.8%-3.2%"), 3.5, ("missed", pytest.approx(0.3))),
    "none: approx, 0.5 either side is met": ("deficit_ratio", _of("deficit_ratio", "target", 3.0, "approx",
                                                                  words="3%左右"), 2.5, ("met", -0.5)),
    "none: approx, 0.6 over is missed": ("deficit_ratio", _of("deficit_ratio", "target", 3.0, "approx",
                                                              words="3%左右"), 3.6, ("missed", pytest.approx(0.6))),
    "none: exact, over is missed": ("deficit_ratio", _of("deficit_ratio", "target", 3.0), 3.1,
                                    ("missed", pytest.approx(0.1))),
    "none: exact, under is missed": ("deficit_ratio", _of("deficit_ratio", "target", 3.0), 2.9,
                                     ("missed", pytest.approx(-0.1))),
    "none: exact, on it is met": ("deficit_ratio", _of("deficit_ratio", "target", 3.0), 3.0, ("met", 0.0)),
}


@pytest.mark.parametrize(("indicator", "target", "actual", "expected"), DIRECTION_CASES.values(),
                         ids=DIRECTION_CASES.keys())
def test_tracking_rule_by_direction(tmp_path, indicator, target, actual, expected):
    rows = _track(tmp_path, [(T, 2020, [target]), ("o21", 2021, [_of(indicator, "actual", actual)])], indicator)
    assert [(r.verdict, r.gap) for r in rows] == [expected]
    assert rows[0].direction == {"cpi": "down", "deficit_ratio": "none"}[indicator]


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


# -- compare: the measure filter, one-year goals only, parents --------------------------------------
def _store(tmp_path, reports):  # type: ignore[no-untyped-def]
    s = open_store(tmp_path / "c.db")
    for i, r in enumerate(reports):
        s.write_report(r, sha256=f"{i:064d}")
    return s


def _compare_store(tmp_path):  # type: ignore[no-untyped-def]
    province = make_report("hn", "河南省", 2021, [
        _gdp("target", "2021", 6.0, "min", words="6%以上"),
        fact("target", "2021", "gdp", "level", 6e12, "元", "min", "全省生产总值6万亿元以上。", "6万亿元以上"),
        fact("target", "2021-2025", "gdp", "growth_avg", 6.5, "%", "approx", "全省生产总值年均增长6.5%左右。",
             "6.5%左右"),
        fact("target", "2022", "gdp", "growth", 5.5, "%", "approx", "全省生产总值增长5.5%左右。", "5.5%左右"),
    ], admin_code="410000")
    city = make_report("ly", "洛阳市", 2021, [
        fact("target", "2021", "gdp", "growth", 7.0, "%", "min", "全市生产总值增长7%以上。", "7%以上"),
        fact("target", "2021", "gdp", "growth", 9.0, "%", "min", "全市生产总值增长9%以上。", "9%以上"),
    ], level="city", province="河南省", admin_code="410300")
    # a county of a province-administered kind (济源 style): no city above it, so its parent is the province
    county = make_report("jy", "某县", 2021, [
        fact("target", "2021", "gdp", "growth", 8.0, "%", "min", "全县生产总值增长8%以上。", "8%以上"),
    ], level="county", province="河南省")
    # a county-level city whose record names itself as its city: the province is its parent too
    self_city = make_report("xx", "某市", 2021, [
        fact("target", "2021", "gdp", "growth", 7.5, "%", "min", "全市生产总值增长7.5%以上。", "7.5%以上"),
    ], level="county", province="河南省", city="某市")
    district = make_report("lb", "老城区", 2021, [
        fact("target", "2021", "gdp", "growth", 7.2, "%", "min", "全区生产总值增长7.2%以上。", "7.2%以上"),
    ], level="district", province="河南省", city="洛阳市")
    return _store(tmp_path, [province, city, county, self_city, district])


def test_compare_filters_by_measure(tmp_path):
    s = _compare_store(tmp_path)
    growth = compare(s, 2021, "gdp", measure="growth")
    level = compare(s, 2021, "gdp", measure="level")
    both = compare(s, 2021, "gdp")
    s.close()
    assert {r.measure for r in growth} == {"growth"} and len(growth) == 5
    assert [(r.region, r.value, r.unit) for r in level] == [("河南省", 6e12, "元")]
    assert sorted(r.measure for r in both) == ["growth"] * 5 + ["level"]


def test_compare_leaves_out_multi_year_goals_and_other_years(tmp_path):
    s = _compare_store(tmp_path)
    rows = compare(s, 2021, "gdp")
    s.close()
    province = [r for r in rows if r.region == "河南省"]
    assert sorted((r.measure, r.value) for r in province) == [("growth", 6.0), ("level", 6e12)]
    assert "growth_avg" not in {r.measure for r in rows}
    assert 5.5 not in {r.value for r in rows}  # the 2022 target of a 2021 report


def test_compare_takes_each_reports_first_target_and_its_parents(tmp_path):
    s = _compare_store(tmp_path)
    rows = {r.region: r for r in compare(s, 2021, "gdp", measure="growth")}
    s.close()
    assert rows["河南省"].parent == "全国" and rows["河南省"].parent_value is None  # no national report stored
    assert (rows["洛阳市"].value, rows["洛阳市"].parent, rows["洛阳市"].parent_value) == (7.0, "河南省", 6.0)
    assert rows["洛阳市"].above_parent == pytest.approx(1.0)
    assert (rows["某县"].parent, rows["某县"].parent_value, rows["某县"].above_parent) == ("河南省", 6.0, 2.0)
    assert (rows["某市"].parent, rows["某市"].above_parent) == ("河南省", 1.5)
    assert (rows["老城区"].parent, rows["老城区"].parent_value) == ("洛阳市", 7.0)
    assert rows["老城区"].above_parent == pytest.approx(0.2)


def test_compare_rows_go_down_the_levels(tmp_path):
    s = _compare_store(tmp_path)
    levels = [r.level for r in compare(s, 2021, "gdp", measure="growth")]
    s.close()
    assert levels == ["province", "city", "county", "county", "district"]


# -- reports with missing fields ------------------------------------------------------------------
def test_a_no_target_row_without_plan_year_is_dated_by_the_report_year(tmp_path):
    from dataclasses import replace

    r = make_report("old", "河南省", 2020, [], extra="今年不设经济增长具体目标。")
    r = replace(r, doc=replace(r.doc, plan_year=None))
    s = _store(tmp_path, [r])
    rows = [row for row in track(s) if row.verdict == "no_target"]
    s.close()
    assert [(row.indicator, row.year, row.period, row.target_report) for row in rows] == [("gdp", 2020, "2020", "old")]
    assert rows[0].target_sentence == "今年不设经济增长具体目标。"


def test_a_no_target_row_without_any_year_has_no_period(tmp_path):
    from dataclasses import replace

    r = make_report("undated", "河南省", 2020, [], extra="今年不设经济增长具体目标。")
    r = replace(r, doc=replace(r.doc, plan_year=None, report_year=None))
    s = _store(tmp_path, [r])
    rows = [row for row in track(s) if row.verdict == "no_target"]
    s.close()
    assert [(row.year, row.period) for row in rows] == [(None, None)]


def test_no_target_cues_in_traditional_characters_and_once_per_report(tmp_path):
    tw = make_report("tw", "河南省", 2020, [], extra="經濟增長預期目標不作具體規定。")
    twice = make_report("twice", "安徽省", 2020, [], extra="今年不设经济增长具体目标。\n我们不设经济增长具体目标。")
    s = _store(tmp_path, [tw, twice])
    gdp = {row.target_report: row for row in track(s) if row.verdict == "no_target"}
    n_twice = sum(1 for row in track(s, region="安徽省") if row.verdict == "no_target")
    cpi = [row for row in track(s, indicator="cpi") if row.verdict == "no_target"]
    s.close()
    assert gdp["tw"].target_sentence == "經濟增長預期目標不作具體規定。"  # 目標 lines are read too
    assert gdp["twice"].target_sentence == "今年不设经济增长具体目标。"  # the first line that says it
    assert n_twice == 1  # one row per indicator and report
    assert cpi == []  # the indicator filter reaches the no-target rows


def test_a_report_without_a_region_has_no_outcome(tmp_path):
    from dataclasses import replace

    t = make_report("t", "河南省", 2020, [_gdp("target", "2020", 7.0, "min", words="7%以上")])
    o = make_report("o", "河南省", 2021, [_gdp("actual", "2020", 7.5)])
    t = replace(t, doc=replace(t.doc, region=None, province=None))
    o = replace(o, doc=replace(o.doc, region=None, province=None))
    s = _store(tmp_path, [t, o])
    rows = [r for r in track(s, indicator="gdp") if r.target_report == "t"]
    s.close()
    assert [r.verdict for r in rows] == ["no_outcome"]  # two unnamed units are not known to be one


def test_a_province_is_one_unit_whether_or_not_its_province_field_is_filled(tmp_path):
    from dataclasses import replace

    t = make_report("t", "河南省", 2020, [_gdp("target", "2020", 7.0, "min", words="7%以上")])
    o = make_report("o", "河南省", 2021, [_gdp("actual", "2020", 7.5)])
    o = replace(o, doc=replace(o.doc, province=None, admin_code=None))
    s = _store(tmp_path, [t, o])
    rows = [r for r in track(s, indicator="gdp") if r.target_report == "t"]
    s.close()
    assert [(r.verdict, r.outcome_report) for r in rows] == [("met", "o")]


def test_a_target_repeated_in_one_report_is_one_row(tmp_path):
    rows = _track(tmp_path, [(T, 2020, [_gdp("target", "2020", 7.0, "min", words="7%以上"),
                                        _gdp("target", "2020", 7.0, "min", words="7%以上")]),
                             ("o21", 2021, [_gdp("actual", "2020", 7.5)])])
    assert [(r.verdict, r.outcome_value) for r in rows] == [("met", 7.5)]


def test_two_different_targets_of_one_report_are_two_rows(tmp_path):
    rows = _track(tmp_path, [(T, 2020, [_gdp("target", "2020", 7.0, "min", words="7%以上"),
                                        _gdp("target", "2020", 8.0, "min", words="8%以上")]),
                             ("o21", 2021, [_gdp("actual", "2020", 7.5)])])
    assert sorted((r.target_value, r.verdict) for r in rows) == [(7.0, "met"), (8.0, "missed")]


def test_track_filters_by_region_name_or_code(tmp_path):
    hn = make_report("t", "河南省", 2020, [_gdp("target", "2020", 7.0, "min", words="7%以上")], admin_code="410000")
    ah = make_report("ah", "安徽省", 2020, [_gdp("target", "2020", 8.0, "min", words="8%以上")], admin_code="340000")
    s = _store(tmp_path, [hn, ah])
    by_name = {r.target_report for r in track(s, region="安徽省")}
    by_code = {r.target_report for r in track(s, region="410000")}
    s.close()
    assert (by_name, by_code) == ({"ah"}, {"t"})


# -- properties over whole stores ------------------------------------------------------------------
_BOUND_WORDS = {"exact": "", "approx": "左右", "min": "以上", "max": "以内", "range": ""}


@settings(max_examples=25, deadline=None)
@given(value=st.integers(-50, 120), bound=st.sampled_from(["exact", "approx", "min", "max", "range"]),
       actual=st.integers(-80, 150), better=st.integers(1, 40), data=st.data())
def test_a_better_actual_in_the_store_never_turns_met_into_missed(tmp_path_factory, value, bound, actual, better,
                                                                   data):
    """Through track(): the GDP target (more is better, or less for a 以内) against its outcome, in tenths."""
    v, a = value / 10, actual / 10
    vmax = v + 1.0 if bound == "range" else None
    target = _gdp("target", "2020", v, bound, value_max=vmax, words=f"{v:g}%{_BOUND_WORDS[bound]}")
    improved = a - better / 10 if bound == "max" else a + better / 10
    verdicts = []
    for outcome in (a, improved):
        d = tmp_path_factory.mktemp("better")
        rows = _track(d, [(T, 2020, [target]), ("o21", 2021, [_gdp("actual", "2020", round(outcome, 1))])])
        verdicts.append(rows[0].verdict)
    assert verdicts != ["met", "missed"], (v, bound, a, improved)
    assert set(verdicts) <= {"met", "missed"}


@settings(max_examples=15, deadline=None)
@given(st.permutations(range(4)), st.lists(st.integers(50, 90), min_size=3, max_size=3))
def test_the_order_reports_arrive_in_changes_no_row(tmp_path_factory, order, values):
    """A target, a same-year estimate and two later reviews, written in any order: the same rows."""
    reports = [(T, 2020, [_gdp("target", "2020", 7.0, "min", words="7%以上")]),
               ("o20", 2020, [_gdp("estimate", "2020", values[0] / 10)]),
               ("o21", 2021, [_gdp("actual", "2020", values[1] / 10)]),
               ("o22", 2022, [_gdp("actual", "2020", values[2] / 10)])]
    base = _track(tmp_path_factory.mktemp("order"), reports)
    shuffled = _track(tmp_path_factory.mktemp("order"), [reports[i] for i in order])
    assert [r.to_dict() for r in shuffled] == [r.to_dict() for r in base]
    assert [(r.outcome_report, r.outcome_value) for r in base] == [("o21", values[1] / 10)]


def test_a_review_figure_beats_one_stated_elsewhere_in_the_same_report(tmp_path):
    """The outcome report names the year's GDP growth twice: first in a passage that is no review
    (a quoted forecast, a summary), then in the review itself; the review's figure is the outcome."""
    from dataclasses import replace

    from govreport.model import Role, Section, Span

    o = make_report("o21", "河南省", 2021, [_gdp("actual", "2020", 9.0, words="9%"), _gdp("actual", "2020", 6.5)])
    first, second = o.facts
    other = Section("s0", None, 1, "二", "其他", Role.OTHER, Span(0, second.sentence_span.start))
    review = Section("s1", None, 1, "一", "过去一年工作回顾", Role.REVIEW, Span(second.sentence_span.start, len(o.text)))
    o = replace(o, sections=(other, review), facts=(replace(first, section="s0"), second))
    t = make_report("t", "河南省", 2020, [_gdp("target", "2020", 7.0, "min", words="7%以上")])
    s = _store(tmp_path, [t, o])
    rows = [r for r in track(s, indicator="gdp") if r.target_report == "t"]
    s.close()
    assert [(r.verdict, r.outcome_value) for r in rows] == [("missed", 6.5)]


def test_track_rows_go_down_the_levels_whatever_the_names(tmp_path):
    """Names that sort the other way round (上街区 < 安阳市 < 全国 < 河南省 by code point) do not reorder levels."""
    target = _gdp("target", "2020", 7.0, "min", words="7%以上")
    reports = [make_report("d", "上街区", 2020, [target], level="district", province="河南省", city="郑州市"),
               make_report("c", "安阳市", 2020, [target], level="city", province="河南省"),
               make_report("p", "河南省", 2020, [target]),
               make_report("n", "全国", 2020, [target], level="national")]
    s = _store(tmp_path, reports)
    levels = [r.level for r in track(s, indicator="gdp")]
    s.close()
    assert levels == ["national", "province", "city", "district"]


def test_track_rows_of_one_region_go_by_the_targets_year_not_the_reports(tmp_path):
    """A 2020 report's 2025 goal and a 2021 report's 2021 target: the 2021 row comes first."""
    reports = [make_report("r20", "河南省", 2020, [_gdp("target", "2025", 6.0, "min", words="6%以上")]),
               make_report("r21", "河南省", 2021, [_gdp("target", "2021", 7.0, "min", words="7%以上")])]
    s = _store(tmp_path, reports)
    years = [r.year for r in track(s, indicator="gdp") if r.verdict != "no_target"]
    s.close()
    assert years == [2021, 2025]


def test_compare_rows_of_one_level_go_by_their_parent_first(tmp_path):
    """Counties of two cities: 安庆市's (望江县) before 开封市's (兰考县), though 兰 sorts before 望."""
    target = fact("target", "2021", "gdp", "growth", 8.0, "%", "min", "全县生产总值增长8%以上。", "8%以上")
    reports = [make_report("lk", "兰考县", 2021, [target], level="county", province="河南省", city="开封市"),
               make_report("wj", "望江县", 2021, [target], level="county", province="安徽省", city="安庆市")]
    s = _store(tmp_path, reports)
    got = [(r.parent, r.region) for r in compare(s, 2021, "gdp")]
    s.close()
    assert got == [("安庆市", "望江县"), ("开封市", "兰考县")]


def test_track_rows_go_by_region_before_year(tmp_path):
    """安徽省's 2021 target before 河南省's 2020 one, though the store holds the 2020 report first."""
    reports = [make_report("hn", "河南省", 2020, [_gdp("target", "2020", 7.0, "min", words="7%以上")]),
               make_report("ah", "安徽省", 2021, [_gdp("target", "2021", 8.0, "min", words="8%以上")])]
    s = _store(tmp_path, reports)
    got = [(r.region, r.year) for r in track(s, indicator="gdp") if r.verdict != "no_target"]
    s.close()
    assert got == [("安徽省", 2021), ("河南省", 2020)]


def test_rows_of_a_report_without_a_region_sort_beside_named_ones(tmp_path):
    """A county whose name the metadata missed: its rows sort (as an empty name) instead of failing."""
    from dataclasses import replace

    target = fact("target", "2021", "gdp", "growth", 8.0, "%", "min", "全县生产总值增长8%以上。", "8%以上")
    named = make_report("lk", "兰考县", 2021, [target], level="county", province="河南省")
    unnamed = make_report("nn", "某县", 2021, [target], level="county", province="河南省")
    unnamed = replace(unnamed, doc=replace(unnamed.doc, region=None))
    s = _store(tmp_path, [named, unnamed])
    compared = [r.region for r in compare(s, 2021, "gdp")]
    tracked = [r.region for r in track(s, indicator="gdp")]
    s.close()
    assert compared == [None, "兰考县"] and tracked == [None, "兰考县"]
