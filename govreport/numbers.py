"""Numbers and units: Arabic, Chinese and mixed numerals with 万/亿 magnitudes, ranges, vague
amounts and units (from ``lexicons/units.tsv``) → ``Quantity`` with a span, parsed in place.

Usable on its own::

    >>> q = parse_quantity("14.8亿斤以上")
    >>> (q.value, q.unit, q.bound)
    (740000.0, '吨', <Bound.MIN: 'min'>)

Written by hand because no maintained library does this job: cn2an and JioNLP convert numerals
but rewrite the sentence (turning 五个振兴 or 两会 into digits) and find no bounds, units or
ranges, and Recognizers-Text is ~275x slower than a regex scan. Here one compiled regular
expression finds every candidate and a small amount of Python reads each one where it stands.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from dataclasses import dataclass
from functools import cache

from govreport.ingest.normalize import matching_view
from govreport.lexicons import cues, units
from govreport.model import Bound, Quantity, Span
from govreport.numeral_words import in_idiom, in_slogan

CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
CN_SMALL = {"十": 10, "百": 100, "千": 1000}
MAGNITUDES = {"万亿": 1e12, "亿万": 1e12, "千亿": 1e11, "百亿": 1e10, "亿": 1e8, "万": 1e4, "千": 1e3, "百万": 1e6,
              "千万": 1e7}
_CN = "零〇○一二两三四五六七八九十百千万亿几"
_CN_HEAD = "零〇○一二两三四五六七八九十几"  # a Chinese numeral starts with one of these, never with 百/千/万/亿
# A numeral is bounded (a number has at most 20 digits, 6 thousands groups, 12 decimals; a Chinese
# numeral at most 20 characters) and never starts inside a run of digits (a match there is part of
# a longer number and rejected anyway): a run of 10,000 digits is then scanned in linear time.
_ARABIC = r"(?<!\d)\d{1,20}(?:,\d{3}){0,6}(?:\.\d{1,12})?"
_CN_LEN = 20
_CN_DIGIT = "零〇○一二两三四五六七八九"  # a numeral after one of these is inside another (rejected in _quantity)

YEAR_MIN, YEAR_MAX = 1900, 2100


_ZEROS = frozenset("零〇○")
_BIG = {"万": 1e4, "亿": 1e8}
_TOKEN = re.compile(r"\d+(?:\.\d+)?|.")


def chinese_to_number(s: str) -> float | None:
    """三千五百 → 3500, 二〇二三 → 2023, 一万五千亿 → 1.5e12, 二十万亿 → 2e13, 两 → 2, 四亿零七百万 → 4.07e8,
    一万零十二 → 10012, 三千五 → 3500; Arabic digit runs may stand for a digit (4亿零700万, 2千零30万,
    25万6千). Else None.

    One left-to-right pass (no recursion, linear in the length): ``section`` holds what is below
    万 (十/百/千 groups), ``group`` what is below 亿, ``total`` the whole 亿s.
    """
    if not s or len(s) > 2 * _CN_LEN or s[0] in _BIG:
        return None  # no numeral is that long (一万亿零… of 15 digits has 30 characters), or starts with 万/亿
    if all(c in CN_DIGITS or c.isdigit() for c in s) and not s.isdigit():  # digit by digit: 二〇二三, 二0三五
        if len(s) == 2 and not any(c in _ZEROS or c.isdigit() for c in s):
            return None  # 两三, 七八: a vague range (see _number), not 23 or 78
        return float("".join(str(CN_DIGITS[c]) if c in CN_DIGITS else c for c in s))
    total = group = section = 0.0
    digit: float | None = None
    last_unit = 0.0  # the unit just before a trailing lone digit (三千五 → 3500), 0 after 零
    prev_digit = False
    lone = True  # the last digit token is one character (5 of 1千5, not 30 of 2千零30 nor 5.5)
    for tok in _TOKEN.findall(s):
        if tok[0].isdigit():
            if prev_digit:
                return None
            digit, prev_digit, lone = float(tok), True, len(tok) == 1
            continue
        if tok in _ZEROS:
            digit, last_unit, prev_digit = None, 0.0, False
            continue
        if tok in CN_DIGITS:
            if prev_digit:
                return None  # 三四 is a vague range, not a number
            digit, prev_digit = float(CN_DIGITS[tok]), True
            continue
        prev_digit = False
        if tok in CN_SMALL:
            section += (1.0 if digit is None else digit) * CN_SMALL[tok]
            digit, last_unit = None, CN_SMALL[tok]
        elif tok == "万":
            chunk = section + (digit or 0.0)
            group = group * 1e4 if chunk == 0 else group + chunk * 1e4  # 一万万 (old) = 1e8
            section, digit, last_unit = 0.0, None, 1e4
        elif tok == "亿":
            chunk = group + section + (digit or 0.0)
            total = (total or 1.0) * 1e8 if chunk == 0 else total + chunk * 1e8
            group = section = 0.0
            digit, last_unit = None, 1e8
        else:
            return None
    if digit is not None and last_unit >= 100 and digit < 10 and (lone or not s[-1].isdigit()):
        digit *= last_unit / 10  # 三千五 = 3500, 一万五 = 15000, 两亿五 = 2.5亿, 1千5 = 1500 (a lone digit after a unit)
    return total + group + section + (digit or 0.0)


def arabic_to_number(s: str) -> float:
    return float(s.replace(",", ""))


@dataclass(frozen=True, slots=True)
class _Grammar:
    regex: re.Pattern[str]
    prefix: re.Pattern[str]  # bound words ending right before a number (searched on a short window)
    suffix: re.Pattern[str]  # bound words starting right after it
    bound_of: dict[str, Bound]


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@cache
def grammar() -> _Grammar:
    unit_alt = _alternation(list(units()))
    # A Chinese numeral counts only after 分之, when it holds 万/亿, or when a unit, 多/余 or a
    # range follows (一是, 统一 are words): this keeps the scan from stopping at every 一.
    cn = rf"(?<![{_CN_DIGIT}])[{_CN_HEAD}][{_CN}]{{0,{_CN_LEN - 1}}}(?:点[{_CN}]{{1,{_CN_LEN}}})?"
    cn_next = rf"(?=多|余|[-—–~～至到]|{unit_alt})"
    # An Arabic number counts only when a magnitude, unit, 多/余 or a range follows, and a year
    # (2021年, 2021—2025) is none: most digits in a report are years, and they stop here.
    # (a space may stand between the digits and a magnitude or unit: 1,484 万辆, 8.5 % in a PDF copy)
    spaced = rf" (?=万|亿|{unit_alt})"
    arabic_next = rf"(?=万|亿|千|百|多|余|[-—–~～至到]|{spaced}|{unit_alt})"
    # 2021—2025 and 2021—2025年 are years; 1900至2100元 and 1950—2000万元 are amounts (a range of two
    # 19xx/20xx numbers is one of years unless a magnitude or a unit other than 年 follows its end)
    amount_unit = _alternation([u for u, spec in units().items() if spec.dimension != "years"])
    year_range = rf"[-—–~～至到](?:19|20)\d\d(?![\d.]|万|亿|千|百|多|余|{amount_unit})"
    arabic = rf"(?!(?:19|20)\d\d(?:年|{year_range}))(?:{_ARABIC}(?:万\d{{1,4}}(?![\d.]))?{arabic_next})"
    # 4亿零700万, 2千零30万, 25万6千: Arabic digits with Chinese units (possessive: linear time)
    d = r"\d{1,20}+(?:\.\d{1,12}+)?"
    mixed = rf"(?<!\d){d}[亿万千](?:零?{d}(?:[亿万千百](?![瓦米克]))?)+"
    num = rf"(?:{mixed}|{arabic}|{cn}{cn_next}|(?<![{_CN_DIGIT}])[{_CN_HEAD}][{_CN}]{{0,{_CN_LEN - 1}}}[万亿][{_CN}]{{0,{_CN_LEN - 1}}})"
    frac_num = rf"(?:{_ARABIC}|{cn})"
    pattern = (
        # a first-character class lets the regex engine skip ahead to candidates (3x faster)
        rf"(?=[\d{_CN_HEAD}百千万亿])"
        rf"(?:(?P<frac>(?:百|千|十|[一二三四五六七八九]|(?<!\d)\d{1,20})分之)(?P<fnum>{frac_num})|(?P<num>{num})"
        r"|(?P<anum>\d{1,3})/(?P<aden>\d{1,3})(?![\d/])"  # 1/8
        r"|(?P<bare>[百千]?(?:万亿|亿)|[百千]万|万|千|百)(?!级|倍|分之|[\d一二三四五六七八九十])"  # 千余人, 突破千亿
        r")"
        rf"(?:(?<=\d){spaced})?"
        rf"(?:(?P<rsep>[-—–~～至到])(?P<num2>{frac_num}))?"
        r"(?P<vague1>多|余)?"
        r"(?P<mag>万亿|亿万|千亿(?!亿)|百亿(?!亿)|百万|千万|亿|万|千(?!瓦|米|克))?"  # not 10.36百亿亿次 (a unit of its own)
        r"(?P<vague2>多|余)?"
        rf"(?P<unit>{unit_alt})?"
    )
    c = cues()
    prefix = {w: Bound(b) for b, ws in c["bound_prefix"].items() for w in ws}
    suffix = {w: Bound(b) for b, ws in c["bound_suffix"].items() for w in ws}
    return _Grammar(re.compile(pattern), re.compile(rf"(?:{_alternation(list(prefix))})\Z"),
                    re.compile(_alternation(list(suffix))), prefix | suffix)


def _number(s: str) -> tuple[float, float | None] | None:
    """A numeral → (value, value_max); a vague 十几 / 两三 gives a range."""
    if s[0].isdigit():
        if any(c in _CN for c in s):  # 3万4000, 4亿零700万, 25万6千
            v = chinese_to_number(s.replace(",", ""))
            return None if v is None else (v, None)
        return arabic_to_number(s), None
    if "点" in s:  # 三点五, 二点五万 (a magnitude after the decimals scales the whole number)
        whole, _, frac = s.partition("点")
        digits = frac.rstrip("万亿")
        scale = chinese_to_number("一" + frac[len(digits):]) if len(digits) < len(frac) else 1.0
        w = chinese_to_number(whole)
        if w is None or scale is None or not digits or not all(c in CN_DIGITS for c in digits):
            return None
        return float(f"{int(w)}.{''.join(str(CN_DIGITS[c]) for c in digits)}") * scale, None
    if "几" in s:  # 十几 → 11-19, 十几万 → 110000-190000; 几十 and 几 alone are too vague
        head, _, rest = s.partition("几")
        if head != "十":
            return None
        scale = chinese_to_number("一" + rest) if rest else 1.0
        return (None if scale is None else (11 * scale, 19 * scale))
    v = chinese_to_number(s)
    if v is not None:
        return v, None
    # vague pairs: 两三, 三四, 七八 (+ optional 十/百/千/万 after)
    if len(s) >= 2 and s[0] in CN_DIGITS and s[1] in CN_DIGITS and CN_DIGITS[s[1]] - CN_DIGITS[s[0]] in (1, 2):
        rest = s[2:]
        scale = chinese_to_number("一" + rest) if rest else 1.0
        if scale is None:
            return None
        return CN_DIGITS[s[0]] * scale, CN_DIGITS[s[1]] * scale
    return None


_MINUS = frozenset("-−－")
_BEFORE_SIGN = frozenset("为长是在达于到：:，,(（ \n")
_CJK_AFTER = re.compile(r"[\u4e00-\u9fff]")
_PHRASE_DIMENSIONS = frozenset({"count", "years", "months", "days", "hours", "times", "tenths"})
# 增长一点六倍, 增加了两倍, 提高一倍, 扩大一倍, 是去年的九倍, 近两倍: a multiple (not 比小麦高一倍, 十倍的努力)
_TIMES_AFTER = ("长", "加", "了", "近", "提高", "扩大", "增产", "年的")


def _bound_before(view: str, start: int, g: _Grammar) -> tuple[Bound | None, int]:
    skip = 1 if view[start - 1 : start] == "有" else 0  # 至少有1所, 超过有…
    m = g.prefix.search(view[max(0, start - skip - 4) : start - skip])
    if m is None:
        return None, start
    return g.bound_of[m.group(0)], start - skip - len(m.group(0))


def _bound_after(view: str, end: int, g: _Grammar) -> tuple[Bound | None, int]:
    m = g.suffix.match(view, end)
    if m is None:
        return None, end
    return g.bound_of[m.group(0)], m.end()


def is_year(view: str, start: int, end: int) -> bool:
    """A 4-digit 19xx/20xx number followed by 年 (or a year range 2021—2025年) is a year."""
    s = view[start:end]
    return len(s) == 4 and s.isdigit() and YEAR_MIN <= int(s) <= YEAR_MAX


def _quantity(view: str, m: re.Match[str], g: _Grammar) -> Quantity | None:
    at, to = m.span()  # the candidate's bounds (asked for often below)
    if at > 0 and ((view[at - 1].isascii() and view[at - 1].isalnum()) or view[at - 1] in CN_DIGITS):
        return None  # PM2.5, G20: part of a name; 二0三五年: inside another numeral
    if m.group("anum"):
        return _slash_fraction(view, m, g)
    if m.group("bare"):
        return _bare_magnitude(view, m, g)
    num, unit_text = m.group("num") or m.group("fnum"), m.group("unit")
    stair = _stair(view, m)
    if stair:
        unit_text = None
    chinese = not num[0].isdigit()
    if at > 0 and view[at - 1] == "第" and unit_text not in ("位", "名"):
        return None  # 第一人民医院, 第3批: an ordinal, not an amount
    mag = m.group("mag") or ""
    multiple = unit_text == "倍" and ("点" in num or view.endswith(_TIMES_AFTER, 0, at))  # 增长一倍以上
    if chinese and len(num) == 1 and not mag and num in CN_DIGITS and unit_text != "成" and not multiple \
            and not m.group("frac") and view[at - 1 : at] != "第" and _CJK_AFTER.match(view, to):
        return None  # 四人帮, 三块地: the test of a lone digit in a word below, before any parsing (most candidates)
    frac = m.group("frac")
    if chinese and not mag and not frac and unit_text and len(num) <= 2 and (in_idiom(view, at, to)
                                                                          or in_slogan(view, at, to)):
        return None  # 危机四伏, 判若两人, “一强三名”: a numeral inside an idiom or a quoted slogan
    if chinese and not (unit_text or frac or mag or (len(num) > 2 and ("万" in num or "亿" in num))):
        return None  # a bare Chinese numeral is a word (一是, 统一), not a quantity
    if not chinese and len(num) > 1 and num[0] == "0" and num[1].isdigit():
        return None  # 1 000万人: 000 is the tail of a number cut by a space, no amount of its own
    if not chinese and not unit_text and not mag and not frac and not any(c in "万亿" for c in num):
        return None  # a bare Arabic number (a code, a list index): not a quantity
    if not mag and is_year(view, at, at + len(num)) and unit_text in {"年", None}:
        return None  # 2021年, 2021—2025: years; not 2028万 (增加2028万), 2000—3000元 nor 1900至2100元
    if unit_text == "年" and len(num) == 4:
        return None
    parsed = _number(num)
    if parsed is None:
        return None
    value, value_max = parsed
    scaled = False
    if mag == "万" and value_max is None and "亿" in num:
        whole = _number(num + mag)  # 四亿零七百多万: the 万 scales the 七百, not the 四亿
        if whole is None:
            return None
        value, scaled = whole[0], True
    if at > 0 and view[at - 1] in _MINUS and (at < 2 or view[at - 2] in _BEFORE_SIGN):
        value = -value  # 涨幅为-0.3%, 增长-2.1%: a sign, not the dash of a range (8%-9%)
        if value_max is not None:
            value, value_max = -value_max, value
    if chinese and unit_text in ("度", "方") and not mag and not any(c in "万亿" for c in num):
        return None  # 一度 ("at one time"), 一方面: words, not kilowatt-hours (二千零三十亿度 is energy)
    ordinal = at > 0 and view[at - 1] == "第"
    tenths = unit_text == "成"
    if tenths and _CJK_AFTER.match(view, to) and view[to] not in _AFTER_TENTHS:
        return None  # 一成不变, 100成员单位, 3成都: a word that starts with 成, not tenths
    if chinese and value_max is None and not mag and value < 10 and not ordinal and not tenths and not frac \
            and "点" not in num and not multiple and _CJK_AFTER.match(view, to):
        return None  # 四人帮, 一人一档, 三块地: a numeral inside a word or slogan (百分之六左右, 一点五公里的 are none)
    dimension_here = units()[unit_text or "%"].dimension
    if chinese and value_max is None and not mag and dimension_here in _PHRASE_DIMENSIONS \
            and not (dimension_here == "count" and any(c in "百千万亿" for c in num)) \
            and not multiple:
        return None  # 五个振兴, 十项举措, 三大攻坚战: phrases (a count of 一百五十六个 or 二十万部 is none; 一九八二两个 is)
    if num2 := m.group("num2"):
        p2 = _number(num2)
        if p2 is None:
            return None
        value_max = p2[0]
    scale = 1.0 if scaled else MAGNITUDES.get(mag, 1.0)
    if frac:
        denom_txt = frac[:-2]
        denom = arabic_to_number(denom_txt) if denom_txt[0].isdigit() else chinese_to_number(denom_txt)
        if not denom:
            return None
        pct = 100.0 / denom
        value, value_max = value * pct, (value_max * pct if value_max is not None else None)
        canonical, factor, dimension, raw_unit = "%", 1.0, "percent", frac
    elif unit_text:
        u = units()[unit_text]
        canonical, factor, dimension, raw_unit = u.canonical, u.factor, u.dimension, mag + unit_text
    else:
        canonical, factor, dimension, raw_unit = "", 1.0, "number", mag
    start, end = at, (m.start("unit") if stair else to)
    if tenths and view.startswith("半", end) and value_max is None:
        value, end = value + 0.5, end + 1  # 三成半 = 35%
    if start > 0 and view[start - 1] == "第" and unit_text in ("位", "名") and not frac:
        if _PRIORITY.search(view, max(0, start - 4), start - 1):
            return None  # 把民生放在第一位: a priority, no rank
        start -= 1  # 第4位, 第六名: a rank, and the span holds 第
        canonical, factor, dimension, raw_unit = "位", 1.0, "rank", unit_text
    if value_max is not None and num2 is None and not m.group("rsep"):
        bound: Bound = Bound.RANGE
    elif value_max is not None:
        bound = Bound.RANGE
    elif m.group("vague1") or m.group("vague2"):
        bound = Bound.MIN
    else:
        bound = Bound.EXACT
    pre, new_start = _bound_before(view, start, g)
    post, new_end = _bound_after(view, end, g)
    if bound is Bound.EXACT:
        bound = post or pre or Bound.EXACT
    if post:
        end = new_end
    end = _past_threshold_noun(view, end)
    if pre:
        start = new_start
    k = scale * factor
    if not math.isfinite(value * k) or (value_max is not None and not math.isfinite(value_max * k)):
        return None  # a run of 400 digits is no amount
    return Quantity(
        value=_clean(value * k),
        unit=canonical,
        bound=bound,
        span=Span(start, end),
        value_max=_clean(value_max * k) if value_max is not None else None,
        raw_unit=raw_unit,
        dimension=dimension,
    )


def _stair(view: str, m: re.Match[str]) -> bool:
    """迈上万亿台阶, 5000亿台阶: 台 is the first character of 台阶, not a unit (台 of machines)."""
    return m.group("unit") == "台" and view.startswith("阶", m.end())


_THRESHOLD_NOUNS = ("台阶", "大关", "关口")


def _past_threshold_noun(view: str, end: int) -> int:
    """迈上万亿台阶, 突破千亿元大关: the span holds the threshold's noun."""
    return end + 2 if view.startswith(_THRESHOLD_NOUNS, end) else end


_AFTER_TENTHS = frozenset("半以左上下多的和及至到")
_DURATIONS = frozenset({"years", "months", "days", "hours"})

_BARE = {"百": 1e2, "千": 1e3, "万": 1e4, "百万": 1e6, "千万": 1e7, "亿": 1e8, "百亿": 1e10, "千亿": 1e11,
         "万亿": 1e12, "百万亿": 1e14, "千万亿": 1e15}


def _bare_magnitude(view: str, m: re.Match[str], g: _Grammar) -> Quantity | None:
    """千余人, 万余名, 百余家 (min); 突破千亿, 迈上万亿, 近万人 (a threshold: the bound of the word
    before it). Elsewhere a bare 千 or 万 is a word (千家万户, 万众一心, 数千人)."""
    vague = m.group("vague1") or m.group("vague2")
    if m.group("mag"):
        return None
    pre, new_start = _bound_before(view, m.start(), g)
    if not vague and pre is None:
        return None
    unit_text = None if _stair(view, m) else m.group("unit")
    end = m.end() if unit_text else m.start("unit") if m.group("unit") else m.end()
    if unit_text:
        u = units()[unit_text]
        if u.dimension in ("percent", "points", "times", "rank") or u.dimension in _DURATIONS:
            return None  # 近百年, 千分: a duration or a rate is no threshold
        canonical, factor, dimension = u.canonical, u.factor, u.dimension
    elif _CJK_AFTER.match(view, end) and not view.startswith(_THRESHOLD_NOUNS, end):
        return None  # 超千家企业 has its unit; 突破千亿 stands alone before a comma, 大关 or 台阶
    else:
        canonical, factor, dimension = "", 1.0, "number"
    post, new_end = _bound_after(view, end, g)
    bound = Bound.MIN if vague else (post or pre or Bound.EXACT)
    end = _past_threshold_noun(view, new_end if post else end)
    return Quantity(_clean(_BARE[m.group("bare")] * factor), canonical, bound, Span(new_start, end),
                    None, m.group("bare") + (unit_text or ""), dimension)


def _slash_fraction(view: str, m: re.Match[str], g: _Grammar) -> Quantity | None:
    """1/8 → 12.5%; a date (2020/3/4) or a ratio of large numbers is none."""
    n, d = int(m.group("anum")), int(m.group("aden"))
    if not (0 < n < d <= 100) or view[m.start() - 1 : m.start()] == "/":
        return None
    pre, start = _bound_before(view, m.start(), g)
    end = m.start() + len(m.group("anum")) + 1 + len(m.group("aden"))
    post, new_end = _bound_after(view, end, g)
    return Quantity(_clean(100.0 * n / d), "%", post or pre or Bound.EXACT, Span(start, new_end if post else end),
                    None, "/", "percent")


def _clean(x: float) -> float:
    """Round away binary noise from unit conversion (14.8 * 1e8 * 0.0005 → 740000.0)."""
    return float(f"{x:.15g}")


_RANGE_SEPS = frozenset("-—–~～至到")


def _merge_range(view: str, a: Quantity, b: Quantity) -> Quantity | None:
    """6%—6.5%, 8%到9%, 5%-5.5%: two quantities of one unit joined by a dash → one range."""
    gap = view[a.span.end : b.span.start]
    if not gap or len(gap) > 2 or any(c not in _RANGE_SEPS for c in gap):
        return None
    if a.unit != b.unit or a.value_max is not None or b.value_max is not None or a.bound is not Bound.EXACT:
        return None
    if b.value <= a.value:
        return None
    return Quantity(a.value, a.unit, Bound.RANGE, Span(a.span.start, b.span.end), b.value, b.raw_unit,
                    b.dimension)


#: 放在第一位, 摆在第一位, 作为第一位的任务: a priority the text sets, not a rank it measures
_PRIORITY = re.compile(r"(?:放|摆|置|作|当|提)(?:在|到|于|为|作)了?$")


# 居全省第一, 跃居首位: ranks written in words (第4位 in digits is found by the main grammar)

_RANK_N = r"(?:\d{1,3}(?![\d.])|[一二三四五六七八九十]{1,3})"
# a rank ends before a non-Han character or before the next rank of a pair (分别排名全市第7和第4)
_RANK_END = r"(?:(?![\u4e00-\u9fff%]|\.\d)|(?=[和及]第))"
# 分别居全市第2、第1、第3、第5位: only the last rank of the list carries 位
_RANK_LIST = re.compile(rf"(?:第{_RANK_N}、)+第{_RANK_N}(?:位|名)")
_RANK_ITEM = re.compile(rf"第({_RANK_N})、")
# …第7和第4, 第2、第5: the ranks that follow a rank after a rank verb
_RANK_NEXT = re.compile(rf"[、和及]第(?P<n>{_RANK_N})(?:位|名)?{_RANK_END}")


@cache
def _rank_words() -> re.Pattern[str]:
    verbs = _alternation(cues()["rank_verbs"])
    # 排名全市第3, 列全国第2: an ordinal in digits after a rank verb is a rank without 位 too
    return re.compile(rf"(?:{verbs})[^，,。；;、\n\d]{{0,8}}?(?P<rank>第(?P<n>{_RANK_N})"
                      rf"(?:位|名)?{_RANK_END}|首位"
                      # 位居全省前五位, 进入全国前十强: a rank of at most N
                      r"|前(?P<top>[一二三四五六七八九十]{1,3}|\d{1,2})(?:位|名|强)?(?=[^\u4e00-\u9fff]|的|行列|$))")


def _word_ranks(view: str, start: int, end: int) -> list[Quantity]:
    out = []
    for lst in _RANK_LIST.finditer(view, start, end):
        for m in _RANK_ITEM.finditer(view, lst.start(), lst.end()):
            n = float(m.group(1)) if m.group(1).isdigit() else chinese_to_number(m.group(1))
            if n:
                out.append(Quantity(n, "位", Bound.EXACT, Span(m.start(), m.end() - 1), None, "位", "rank"))
    listed = {q.span.start for q in out}  # 居第二、第一位: the list's 第二 is not found again after 居
    for m in _rank_words().finditer(view, start, end):
        if m.start("rank") in listed:
            continue
        top = m.group("top")
        if top:
            n = float(top) if top.isdigit() else chinese_to_number(top)
        else:
            d = m.group("n")
            n = 1.0 if d is None else float(d) if d.isdigit() else chinese_to_number(d)
        if n:
            out.append(Quantity(n, "位", Bound.MAX if top else Bound.EXACT, Span(m.start("rank"), m.end("rank")),
                                None, "位", "rank"))
        at = m.end("rank")
        while not top and n and (nxt := _RANK_NEXT.match(view, at, end)) is not None:
            d = nxt.group("n")
            n = float(d) if d.isdigit() else chinese_to_number(d)
            if n:
                out.append(Quantity(n, "位", Bound.EXACT, Span(nxt.start() + 1, nxt.end()), None, "位", "rank"))
            at = nxt.end()
    return out


# 翻一番 = +100%, 翻两番 = +300% (×2**n), 实现翻番 = 翻一番; 翻一番多 / 以上 is a minimum
_DOUBLING = re.compile(r"翻(?:了)?(?P<n>[一两二三四]|\d)?番(?P<more>多|以上)?")


def _doublings(view: str, start: int, end: int) -> list[Quantity]:
    out = []
    for m in _DOUBLING.finditer(view, start, end):
        n = m.group("n")
        times = 1 if n is None else (int(n) if n.isdigit() else CN_DIGITS[n])
        if not 1 <= times <= 6:
            continue
        out.append(Quantity(float((2**times - 1) * 100), "%", Bound.MIN if m.group("more") else Bound.EXACT,
                            Span(m.start(), m.end()), None, "番", "doubling"))
    return out


def find_quantities(view: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Every quantity in ``view[start:end]``, with spans into ``view``, in order."""
    return _scan(view, start, len(view) if end is None else end, None)


def _scan(view: str, start: int, stop: int, spans: list[tuple[int, int]] | None) -> list[Quantity]:
    """The quantities of ``view[start:stop]``; the span of every raw match of the grammar's regex is
    appended to ``spans`` when given (kept as a quantity or not)."""
    g = grammar()
    out: list[Quantity] = []
    for m in g.regex.finditer(view, start, stop):
        if spans is not None:
            spans.append(m.span())
        q = _quantity(view, m, g)
        if q is None:
            continue
        if out and (merged := _merge_range(view, out[-1], q)) is not None:
            out[-1] = merged
        else:
            out.append(q)
    if "番" in view:
        extra = _doublings(view, start, stop)
        if extra:
            out = sorted(out + extra, key=lambda q: q.span.start)
    if "第" in view or "首位" in view or "前" in view:
        ranks = _word_ranks(view, start, stop)
        if ranks:
            # a quantity starting inside a rank's words gives way to it: by bisection over the ranks
            # sorted by start with the running furthest end (a scan of every rank per quantity was quadratic)
            taken = sorted((r.span.start, r.span.end) for r in ranks)
            starts = [a for a, _ in taken]
            reach = list(itertools.accumulate((b for _, b in taken), max))
            kept = [q for q in out if (i := bisect.bisect_right(starts, q.span.start) - 1) < 0
                    or reach[i] <= q.span.start]
            out = sorted(kept + ranks, key=lambda q: q.span.start)
    return out


def parse_quantity(s: str) -> Quantity | None:
    """The first quantity in ``s`` (bounds included), or None. Full-width forms are folded first."""
    found = find_quantities(matching_view(s))
    return found[0] if found else None


@dataclass(frozen=True, slots=True)
class QuantityScan:
    """One pass of the grammar over a whole view: ``quantities == find_quantities(view)``, and
    ``spans`` the span of every raw match of the grammar's regex, kept as a quantity or not (what a
    window must not cut to give the same quantities as the whole view: ``doc_quantities``)."""

    view: str
    quantities: list[Quantity]
    spans: list[tuple[int, int]]


_LAST_SCAN: list[QuantityScan] = []  # the last whole-view scan, for the next step that asks about the same view


def scan_quantities(view: str) -> QuantityScan:
    """``find_quantities(view)`` with the raw matches' spans, from one run of the regex (the same
    loop, ``_scan``). The scan is kept, so ``last_scan(view)`` hands it to the next step that reads
    the same view (the pipeline scans for the facts, the task finder indexes it)."""
    spans: list[tuple[int, int]] = []
    scan = QuantityScan(view, _scan(view, 0, len(view), spans), spans)
    _LAST_SCAN[:] = [scan]
    return scan


def last_scan(view: str, quantities: list[Quantity] | None = None) -> QuantityScan | None:
    """The kept scan when it is of ``view`` (an equal string) and, if ``quantities`` is given, they
    are its quantities (the very list, or an equal one); else None."""
    held = _LAST_SCAN[0] if _LAST_SCAN else None
    if held is None or (held.view is not view and held.view != view):
        return None
    if quantities is not None and quantities is not held.quantities and quantities != held.quantities:
        return None
    return held
