"""The quantity grammar: a table of input → (value, value_max, unit, bound), and round trips."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govreport.ingest import matching_view
from govreport.numbers import chinese_to_number, find_quantities, parse_quantity

E, A, MIN, MAX, R = "exact", "approx", "min", "max", "range"

# input, value, value_max, unit, bound
CASES = [
    # Arabic numbers with magnitudes and money
    ("171.4亿元", 17140000000, None, "元", E),
    ("二千零三十亿度", 203000000000, None, "千瓦时", E),  # 亿度 in Chinese numerals is energy (older reports)
    ("一百零八亿度", 10800000000, None, "千瓦时", E),
    ("三十亿度", 3000000000, None, "千瓦时", E),
    ("五百万方", 5000000, None, "立方米", E),
    ("124.9亿元", 12490000000, None, "元", E),
    ("279亿元", 27900000000, None, "元", E),
    ("83.4亿元", 8340000000, None, "元", E),
    ("30325元", 30325, None, "元", E),
    ("1.46万元", 14600, None, "元", E),
    ("1,100万元", 11000000, None, "元", E),
    ("1,234,567元", 1234567, None, "元", E),
    ("1.3万亿元", 1.3e12, None, "元", E),
    ("114万亿元", 1.14e14, None, "元", E),
    ("8000亿元", 8e11, None, "元", E),
    ("3.65万亿元", 3.65e12, None, "元", E),
    ("2.1万", 21000, None, "", E),
    ("1.3万亿", 1.3e12, None, "", E),
    ("3万4000人", 34000, None, "人", E),
    ("2367亿美元", 2.367e11, None, "美元", E),
    ("1300多亿美元", 1.3e11, None, "美元", MIN),
    ("10万元", 100000, None, "元", E),
    ("0.5亿元", 5e7, None, "元", E),
    ("12万元以上", 120000, None, "元", MIN),
    ("3千万元", 3e7, None, "元", E),
    ("500万元左右", 5e6, None, "元", A),
    ("1.5亿欧元", 1.5e8, None, "欧元", E),
    # percent and points
    ("7.5%", 7.5, None, "%", E),
    ("涨幅为-0.3%", -0.3, None, "%", E),
    ("至少有1所", 1, None, "所", MIN),
    ("7%左右", 7, None, "%", A),
    ("7.5%以上", 7.5, None, "%", MIN),
    ("4.5%以内", 4.5, None, "%", MAX),
    ("控制在4.5%以内", 4.5, None, "%", MAX),
    ("控制在3.5%", 3.5, None, "%", MAX),
    ("3%以下", 3, None, "%", MAX),
    ("不超过3%", 3, None, "%", MAX),
    ("不低于60%", 60, None, "%", MIN),
    ("超过30%", 30, None, "%", MIN),
    ("约25%", 25, None, "%", A),
    ("1.5个百分点", 1.5, None, "个百分点", E),
    ("1.5个百分点左右", 1.5, None, "个百分点", A),
    ("2个百分点", 2, None, "个百分点", E),
    ("0.6个百分点", 0.6, None, "个百分点", E),
    ("5个百分点以上", 5, None, "个百分点", MIN),
    ("两个百分点", 2, None, "个百分点", E),
    ("一个百分点", 1, None, "个百分点", E),
    ("0.3百分点", 0.3, None, "个百分点", E),
    ("3‰", 0.3, None, "%", E),
    ("百分之五", 5, None, "%", E),
    ("百分之二十点九", 20.9, None, "%", E),
    ("百分之三点五", 3.5, None, "%", E),
    ("百分之八至九", 8, 9, "%", R),
    ("百分之十以上", 10, None, "%", MIN),
    ("十分之一", 10, None, "%", E),
    ("三分之一", 100 / 3, None, "%", E),
    ("四分之三", 75, None, "%", E),
    # ranges
    ("6%—6.5%", 6, 6.5, "%", R),
    ("5%-5.5%", 5, 5.5, "%", R),
    ("8%到9%", 8, 9, "%", R),
    ("7%~8%", 7, 8, "%", R),
    ("6-6.5%", 6, 6.5, "%", R),
    ("6—6.5%", 6, 6.5, "%", R),
    ("3至5年", 3, 5, "年", R),
    ("100-150万吨", 1e6, 1.5e6, "吨", R),
    ("7%～7.5%", 7, 7.5, "%", R),
    ("两三个", 2, 3, "个", R),
    ("两三个百分点", 2, 3, "个百分点", R),
    ("三五年", 3, 5, "年", R),
    ("七八万人", 70000, 80000, "人", R),
    ("十几个", 11, 19, "个", R),
    ("十几万人", 110000, 190000, "人", R),
    # vague amounts
    ("近10万人", 100000, None, "人", A),  # 近 (nearly): an approximate amount
    ("将近30%", 30, None, "%", A),
    ("10余万人", 100000, None, "人", MIN),
    ("5万多人", 50000, None, "人", MIN),
    ("300多公里", 300000, None, "米", MIN),
    ("20多个", 20, None, "个", MIN),
    ("1000余家", 1000, None, "家", MIN),
    ("逾百亿元", 1e10, None, "元", MIN),  # a threshold written as a bare magnitude
    ("超1万人", 10000, None, "人", MIN),
    ("约3000亩", 3000, None, "亩", A),
    ("大约200人", 200, None, "人", A),
    # weight
    ("14.8亿斤", 740000, None, "吨", E),
    ("14.8亿斤以上", 740000, None, "吨", MIN),
    ("1.37万亿斤", 6.85e8, None, "吨", E),
    ("1.3万亿斤以上", 6.5e8, None, "吨", MIN),
    ("95.9万吨", 959000, None, "吨", E),
    ("96万吨以上", 960000, None, "吨", MIN),
    ("4024亿公斤", 4.024e8, None, "吨", E),
    ("500公斤", 0.5, None, "吨", E),
    ("200千克", 0.2, None, "吨", E),
    ("一亿担", 5e6, None, "吨", E),
    ("二千二百六十亿斤", 1.13e8, None, "吨", E),
    ("1350.97亿斤", 67548500, None, "吨", E),
    # energy and power
    ("10亿度", 1e9, None, "千瓦时", E),
    ("3亿度", 3e8, None, "千瓦时", E),
    ("4.8亿千瓦时", 4.8e8, None, "千瓦时", E),
    ("120万千瓦时", 1.2e6, None, "千瓦时", E),
    ("6万千瓦", 60000, None, "千瓦", E),
    ("30兆瓦", 30000, None, "千瓦", E),
    ("1.2亿千瓦", 1.2e8, None, "千瓦", E),
    # area
    ("22万亩", 220000, None, "亩", E),
    ("8.7万亩", 87000, None, "亩", E),
    ("650万亩以上", 6.5e6, None, "亩", MIN),
    ("100公顷", 1500, None, "亩", E),
    ("2万公顷", 300000, None, "亩", E),
    ("12.5平方公里", 1.25e7, None, "平方米", E),
    ("120万平方米", 1.2e6, None, "平方米", E),
    ("3000平米", 3000, None, "平方米", E),
    # length, volume
    ("300公里以上", 300000, None, "米", MIN),
    ("32公里", 32000, None, "米", E),
    ("1.5亿米", 1.5e8, None, "米", E),
    ("5千米", 5000, None, "米", E),
    ("200万立方米", 2e6, None, "立方米", E),
    # people and households
    ("9万人", 90000, None, "人", E),
    ("2.1万人", 21000, None, "人", E),
    ("5700人", 5700, None, "人", E),
    ("1100万人以上", 1.1e7, None, "人", MIN),
    ("1269万人", 1.269e7, None, "人", E),
    ("31.6万人", 316000, None, "人", E),
    ("3.3万名", 33000, None, "人", E),
    ("100万人次", 1e6, None, "人次", E),
    ("16406户", 16406, None, "户", E),
    ("6.5万户", 65000, None, "户", E),
    ("十万人", 100000, None, "人", E),
    ("一千万人", 1e7, None, "人", E),
    # counters
    ("136个", 136, None, "个", E),
    ("968家", 968, None, "家", E),
    ("1779项", 1779, None, "项", E),
    ("290所", 290, None, "所", E),
    ("7座", 7, None, "座", E),
    ("32条", 32, None, "条", E),
    ("500辆", 500, None, "辆", E),
    ("1200套", 1200, None, "套", E),
    ("23天", 23, None, "天", E),
    ("25天", 25, None, "天", E),
    ("6个月", 6, None, "月", E),
    ("48小时", 48, None, "小时", E),
    ("5年", 5, None, "年", E),
    ("10倍", 10, None, "倍", E),
    ("2000标箱", 2000, None, "标箱", E),
    ("36.2微克/立方米", 36.2, None, "微克/立方米", E),
    ("29微克/立方米左右", 29, None, "微克/立方米", A),
    # ranks
    ("第4位", 4, None, "位", E),
    ("居全省第7位", 7, None, "位", E),
    ("第12位", 12, None, "位", E),
    ("3位专家", 3, None, "人", E),
    # Chinese numerals with real units
    ("三千五百万元", 3.5e7, None, "元", E),
    ("二十万亿元", 2e13, None, "元", E),
    ("一万五千亿元", 1.5e12, None, "元", E),
    ("八千九百六十亿元", 8.96e11, None, "元", E),
    ("一千零五十亿元", 1.05e11, None, "元", E),
    ("十亿六千万左右", 1.06e9, None, "", A),
    ("三百五十五亿元", 3.55e10, None, "元", E),
    ("一万零五百亿斤", 5.25e8, None, "吨", E),
    ("六千万吨", 6e7, None, "吨", E),
    ("两千万人", 2e7, None, "人", E),
    # full width
    ("７．５％", 7.5, None, "%", E),
    ("１２３亿元", 1.23e10, None, "元", E),
    ("５．５％以内", 5.5, None, "%", MAX),
]

# 零 / 多 / 余, mixed Arabic-Chinese numerals, 成, fractions, bare magnitudes, ranks in words, doublings:
# the shapes that number converters get wrong (a 零 read as a digit, a 多 that moves the magnitude,
# 万零X千, 十 without 一 after 零, 两 beside 千, Arabic digits with Chinese units)
NUMERAL_CASES = [
    ("四亿零七百多万吨", 4.07e8, None, "吨", MIN),
    ("4亿零700万吨", 4.07e8, None, "吨", E),
    ("4亿零700多万吨", 4.07e8, None, "吨", MIN),
    ("三千零五十万元", 3.05e7, None, "元", E),
    ("一万零三百人", 10300, None, "人", E),
    ("两千多万元", 2e7, None, "元", MIN),
    ("一百余亿元", 1e10, None, "元", MIN),
    ("5000余万元", 5e7, None, "元", MIN),
    ("1亿多元", 1e8, None, "元", MIN),
    ("一万五千多亿元", 1.5e12, None, "元", MIN),
    ("六亿三千多万人", 6.3e8, None, "人", MIN),
    ("二十亿零八百余万元", 2.008e9, None, "元", MIN),
    ("一万零十二人", 10012, None, "人", E),
    ("一万零一十二人", 10012, None, "人", E),
    ("一千一十户", 1010, None, "户", E),
    ("一百十一名", 111, None, "人", E),
    ("十万零五千人", 105000, None, "人", E),
    ("一百九十万零三千九百七十一人", 1903971, None, "人", E),
    ("两千两百二十五元", 2225, None, "元", E),
    ("三千万亿元", 3e15, None, "元", E),
    ("一千零一亿元", 1.001e11, None, "元", E),
    ("十亿零三万元", 1.00003e9, None, "元", E),
    ("三百零二万吨", 3.02e6, None, "吨", E),
    ("五千零五万元", 5.005e7, None, "元", E),
    ("一亿零五十万元", 1.005e8, None, "元", E),
    ("三千五百万亩", 3.5e7, None, "亩", E),
    ("一万五千人", 15000, None, "人", E),
    ("1千零1元", 1001, None, "元", E),
    ("2千零30万元", 2.03e7, None, "元", E),
    ("25万6千人", 256000, None, "人", E),
    ("3亿5000万元", 3.5e8, None, "元", E),
    ("1.2亿零300万元", 1.23e8, None, "元", E),
    ("四十多亿元", 4e9, None, "元", MIN),
    ("2.5亿多元", 2.5e8, None, "元", MIN),
    ("三千余人", 3000, None, "人", MIN),
    ("百分之一点五七", 1.57, None, "%", E),
    ("两成", 20, None, "%", E),
    ("三成半", 35, None, "%", E),
    ("八成以上", 80, None, "%", MIN),
    ("七八成", 70, 80, "%", R),
    ("1/8", 12.5, None, "%", E),
    ("占全省的1/4", 25, None, "%", E),
    ("万余人", 1e4, None, "人", MIN),
    ("千余家", 1000, None, "家", MIN),
    ("百余名", 100, None, "人", MIN),
    ("近万人", 1e4, None, "人", A),
    ("近3000亿元", 3e11, None, "元", A),
    ("突破千亿元", 1e11, None, "元", MIN),
    ("突破千亿", 1e11, None, "", MIN),
    ("迈上万亿台阶", 1e12, None, "", MIN),
    ("跨上5000亿元台阶", 5e11, None, "元", MIN),
    ("超百万人", 1e6, None, "人", MIN),
    ("位居全省前五位", 5, None, "位", MAX),
    ("进入全国前十强", 10, None, "位", MAX),
    ("雄踞全省首位", 1, None, "位", E),
    ("跃居首位", 1, None, "位", E),
    ("比2010年翻一番", 100, None, "%", E),
    ("实现翻两番", 300, None, "%", E),
    ("提前实现翻番", 100, None, "%", E),
    ("翻一番多", 100, None, "%", MIN),
    ("二〇一八", None, None, None, None),  # a year written digit by digit: no unit, no quantity
]

NUMERAL_NOT_QUANTITIES = ["一成不变", "千家万户", "数千人", "百亿级产业集群", "2020/3/4", "千万不能", "万众一心",
                          "上万人", "百花齐放", "新增100成员单位", "近百年来", "百姓", "超千亿级"]

# inputs that hold no quantity at all
NOT_QUANTITIES = [
    "一度", "一方面", "二度", "二〇二〇年", "2020年", "二0三五年", "2021—2025年", "5月12日", "加快推进五个振兴", "落实四个不摘",
    "两不愁三保障", "三大攻坚战", "一是", "统一", "万众一心", "千方百计", "两会", "十项举措", "三个月",
    "一年来", "PM2.5", "G20", "5G", "第一", "107国道", "一批项目", "五年", "“十四五”", "六稳六保",
    "市第一人民医院", "“四人帮”", "三块地改革", "一人一档", "第3批", "1" * 400 + "元",
]


@pytest.mark.parametrize(("text", "value", "value_max", "unit", "bound"), CASES + NUMERAL_CASES,
                         ids=[c[0] for c in CASES + NUMERAL_CASES])
def test_parse_quantity(text: str, value: float | None, value_max: float | None, unit: str | None,
                        bound: str | None) -> None:
    q = parse_quantity(text)
    if value is None:
        assert q is None or q.span.end - q.span.start < len(text), f"{text} should not parse whole"
        return
    assert q is not None, text
    assert q.value == pytest.approx(value, rel=1e-9)
    if value_max is None:
        assert q.value_max is None
    else:
        assert q.value_max == pytest.approx(value_max, rel=1e-9)
    assert q.unit == unit
    assert str(q.bound) == bound


@pytest.mark.parametrize("text", NOT_QUANTITIES + NUMERAL_NOT_QUANTITIES)
def test_not_a_quantity(text: str) -> None:
    assert find_quantities(matching_view(text)) == []


@pytest.mark.parametrize(("text", "value"), [
    ("二〇二三", 2023), ("二0三五", 2035), ("一九五四", 1954), ("三千五百", 3500), ("两", 2), ("十", 10),
    ("十五", 15), ("二十", 20), ("一百零五", 105), ("一万五千亿", 1.5e12), ("二十万亿", 2e13),
    ("三千零二十", 3020), ("一亿二千万", 1.2e8), ("九十九", 99), ("两百", 200), ("十万", 1e5),
    ("四亿零七百万", 4.07e8), ("一万零十二", 10012), ("十万零一千", 101000), ("三千五", 3500), ("一万五", 15000),
    ("两亿五", 2.5e8), ("一千零五", 1005), ("一七二零", 1720), ("一万万", 1e8), ("4亿零700万", 4.07e8),
    ("25万6千", 256000), ("3万4000", 34000), ("三千万亿", 3e15),
])
def test_chinese_numerals(text: str, value: float) -> None:
    assert chinese_to_number(text) == value


@pytest.mark.parametrize("text", ["三四", "", "万", "亿", "万五", "亿三千", "振兴", "三四十", "十几"])
def test_chinese_numerals_reject(text: str) -> None:
    assert chinese_to_number(text) is None


def test_spans_point_at_the_words() -> None:
    view = matching_view("全年生产总值增长7.5%、居全省第4位，粮食产量稳定在14.8亿斤以上。")
    found = find_quantities(view)
    assert [view[q.span.start : q.span.end] for q in found] == ["7.5%", "第4位", "14.8亿斤以上"]


# --- properties: format a number the way reports do, parse it back --------------------------------

amounts = st.decimals(min_value="0.1", max_value="99999", places=1, allow_nan=False, allow_infinity=False)


@given(amounts, st.sampled_from([("亿元", 1e8, "元"), ("万元", 1e4, "元"), ("万人", 1e4, "人"), ("万吨", 1e4, "吨"),
                                  ("亿斤", 1e8 * 0.0005, "吨"), ("万亩", 1e4, "亩"), ("亿千瓦时", 1e8, "千瓦时"),
                                  ("%", 1, "%"), ("个百分点", 1, "个百分点"), ("公里", 1000, "米")]))
def test_round_trip_arabic(amount, unit_spec) -> None:  # type: ignore[no-untyped-def]
    written, factor, canonical = unit_spec
    q = parse_quantity(f"增长{amount}{written}")
    assert q is not None
    assert q.unit == canonical
    assert q.value == pytest.approx(float(amount) * factor, rel=1e-9)


def _to_chinese(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n == 0:
        return "零"
    out, zero = "", False
    for value, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d, n = divmod(n, value)
        if d:
            if zero:
                out += "零"
            out += digits[d] + name
            zero = False
        elif out:
            zero = True
    return out


@given(st.integers(min_value=1, max_value=9999), st.integers(min_value=0, max_value=9999))
def test_round_trip_chinese(wan: int, rest: int) -> None:
    text = _to_chinese(wan) + "万" + (("零" if rest < 1000 else "") + _to_chinese(rest) if rest else "")
    assert chinese_to_number(text) == wan * 10000 + rest


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=1, max_value=99))
def test_range_round_trip(lo: int, step: int) -> None:
    q = parse_quantity(f"{lo}%—{lo + step}%")
    assert q is not None and q.value == lo and q.value_max == lo + step and str(q.bound) == "range"


def _to_chinese_big(n: int) -> str:
    """An integer as a report writes it: 亿 and 万 groups, 零 for a gap, 十 for a leading 一十."""
    if n == 0:
        return "零"
    groups = []
    while n:
        n, g = divmod(n, 10000)
        groups.append(g)
    out, gap = "", False
    for i in range(len(groups) - 1, -1, -1):
        g = groups[i]
        if g == 0:
            gap = bool(out)
            continue
        if out and (gap or g < 1000):
            out += "零"
        out += _to_chinese(g) + ("", "万", "亿", "万亿")[i]
        gap = False
    return out[1:] if out.startswith("一十") else out


@given(st.integers(min_value=1, max_value=10**15))
def test_round_trip_chinese_big(n: int) -> None:
    text = _to_chinese_big(n)
    assert chinese_to_number(text) == n, text
    q = parse_quantity(text + "元")
    assert q is not None and q.value == n and q.unit == "元" and str(q.bound) == "exact", text


@given(st.integers(min_value=1, max_value=99999), st.sampled_from(["多", "余"]),
       st.sampled_from([("万元", 1e4, "元"), ("亿元", 1e8, "元"), ("万吨", 1e4, "吨"), ("人", 1, "人")]))
def test_round_trip_vague_suffix(n: int, vague: str, unit_spec: tuple[str, float, str]) -> None:
    """两千多万, 四亿零七百多万, 一百余亿: the vague word makes a minimum, the magnitude scales the whole."""
    written, factor, canonical = unit_spec
    text = _to_chinese_big(n) + vague + written
    q = parse_quantity(text)
    assert q is not None, text
    assert q.value == pytest.approx(n * factor, rel=1e-12), text
    assert (q.unit, str(q.bound), q.span.end) == (canonical, "min", len(text)), text


@given(st.integers(min_value=1, max_value=9999), st.integers(min_value=1, max_value=9999), st.booleans())
def test_round_trip_yi_ling_wan(yi: int, wan: int, arabic: bool) -> None:
    """四亿零七百多万吨 / 4亿零700多万吨: 亿 and a 万 group below it, with 多."""
    text = (f"{yi}亿" if arabic else _to_chinese_big(yi) + "亿") + ("零" if wan < 1000 else "") + \
        (str(wan) if arabic else _to_chinese(wan)) + "多万吨"
    q = parse_quantity(text)
    assert q is not None and q.value == yi * 1e8 + wan * 1e4 and str(q.bound) == "min" and q.unit == "吨", text


def test_long_chinese_numeral_is_linear() -> None:
    """No recursion: a very long run of Chinese numerals is read (or refused) without a RecursionError."""
    assert chinese_to_number("一万" * 5000) is None  # refused: no numeral is that long
    assert chinese_to_number("一亿" * 3000 + "一") is None
    assert chinese_to_number("九百九十九万九千九百九十九亿九千九百九十九万九千九百九十九") == 999999999999999
