"""Figures that continue the subject of the figure before them in the same clause chain.

A report often states a level and then, with no new subject words, another figure of the same
indicator: its change against a base period (粮食产量达到3.9亿吨，比上年增产1199万吨; 外汇储备达1656亿美元，
比1995年底增加920亿美元), its growth over a period (利用外资2894亿美元，比“八五”时期增长79.6%), its rank
(增长7.5%、居全国第4位) or its share of the region's total (在全省占比22.5%). Such a figure is a figure of
that indicator when the words between the two figures are only cue and glue words, comparison bases
(比上年, 比1995年底, 比五年前, 较“十三五”末) and rank scopes.

A gap to another region's figure (高于全国0.8个百分点, 快于全省) is no measure of the contract: it never
continues the subject, but the rank after it may (增幅高于全市1个百分点，总量居全省第62位). Nor does a
plain level (建成5G基站8.99万个、覆盖95%以上行政村: what 覆盖 counts is another subject), unless its own
year dates it as a later or earlier value (职工平均工资是每人446元，1956年提高到610元; ``_DATED``, which also
reads 而1956年就增加了…, “六五”期间…, and a clause after ；that opens on the year). A figure after a colon
takes the indicator a heading names (在工业农业总产值方面：…, ``headed``); a percent or a per-year rate that
restates the figure before is its growth or average growth (即7.8%, 即每年递增14.7%: ``restated``).

Two neighbours of the rule: a bare head noun (产量, 参保人数) names the measure of the product the clause
chain named last (粮食连续四年增产，产量达到…: ``named_before``), and a per-head word (人均) between a
mention and an amount makes the figure the per-head indicator's or none (``per_head``); an output verb
before a product (增产原煤3000万吨) is its measure (``verb_before``). The opener of a from-value (从不到,
由年初的, 从人均 before a per-head indicator) names no new subject (``from_opener``, ``from_base``), and the
starting level of a target pair is the level now or before the plan a heading names (``began``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from govreport.facts.context import Passage, base_period
from govreport.facts.cues import compiled, foreign_chars, per_cues
from govreport.facts.mentions import Mention, alias_index, indicator
from govreport.lexicons import cues
from govreport.model import DocMeta, Kind, Measure, Quantity

_CN_DIGIT = "一二三四五六七八九十两〇○零"
# a comparison base: a year, the year before, N years ago, a plan period (“八五”时期, “十三五”末)
BASE = re.compile(
    rf"(?:同比|与|比|较|同)(?:上年|去年|上一年|前一年|年初|(?:19|20)\d\d年|[一二][九〇零○][{_CN_DIGIT}]{{2}}年"
    rf"|[{_CN_DIGIT}\d]+年前|前[{_CN_DIGIT}\d]+年|“?[{_CN_DIGIT}]{{1,3}}五”?(?:时期|期间|末|期末)?)"
    r"(?:底|末|同期|年底|年末)?(?:相比|的水平)?")
# the whole of a share that is a region's total (占全国的比重, 在全省占比): no new subject
_REGION_SHARE = re.compile(r"(?:占|在)(?:全国|全省|全市|全区|全县|全州|全球|世界)(?:的)?(?:比重|比例|占比)?")
_MEASURES = frozenset({Measure.GROWTH, Measure.GROWTH_AVG, Measure.GROWTH_CUM, Measure.CHANGE, Measure.RANK,
                       Measure.SHARE, Measure.LEVEL})  # a level only when dated (``_DATED``)
_GROWTHS = frozenset({Measure.GROWTH, Measure.GROWTH_AVG, Measure.GROWTH_CUM})
_RATE_WORDS = ("增速", "增幅", "增长速度", "增长幅度")
_MAX_GAP = 24  # a longer run between two figures is another statement
#: the price basis of a value in brackets (（按可比价格计算）, (按一九五七年不变价格计算)): an aside, no new subject
_PRICE_BASIS = re.compile(r"[（(]按[^（）()]{1,16}?计算[）)]")


class Figure(Protocol):
    """A figure already read in the sentence (the walk's item)."""

    q: Quantity
    mention: Mention | None
    measure: Measure
    sign: int
    subject_text: str | None
    trailing: bool
    words_end: int


def continued(view: str, items: Sequence[Figure], q: Quantity, measure: Measure, ms: Sequence[Mention] = (),
              floor: int = 0) -> Mention | None:
    """The indicator the figure ``q`` (read as ``measure``) continues, or None: that of the figure right
    before it (a figure between with no subject words of its own may be a new subject too short to name:
    纸520万吨，增加20万吨 is no change of the cotton yarn before it), or that a heading before a colon names
    (``headed``: ``ms`` are the sentence's mentions, from ``floor``)."""
    head = headed(view, ms, floor, q, items)
    if head is not None or not items:
        return head
    prev = items[-1]
    end = max(prev.q.span.end, prev.words_end, prev.mention.end if prev.trailing and prev.mention else 0)
    named = prev
    if prev.mention is None and len(items) >= 2 and _gap_only(view, items[-2], prev):
        named = items[-2]  # 增长8.5%，增幅高于全市1个百分点，总量居全省第62位: the gap figure names no new subject
    return _continues(view, named.mention, named.measure, named.q.unit, end, q, measure)


_AVERAGE = re.compile(r"(?:全国|全省|全市|全区|全县|全州)?(?:的)?(?:平均水平|平均)?")


def _gap_only(view: str, before: Figure, gap_figure: Figure) -> bool:
    """Whether ``gap_figure`` is only the gap of the figure ``before`` to another region's (…8.5%，高于全市1个
    百分点): a relative word and a region between them, no subject words of its own."""
    if before.mention is None or gap_figure.subject_text is not None or gap_figure.q.unit != "个百分点":
        return False
    words = view[before.q.span.end : gap_figure.q.span.start]
    relative = next((w for w in cues().get("relative", []) if w in words), None)
    if relative is None or len(words) > _MAX_GAP or any(ch in words for ch in "；;。：:（）()“”"):
        return False
    rest = _AVERAGE.sub("", words.replace(relative, ""))
    return foreign_chars(rest) == 0


def _continues(view: str, prev: Mention | None, prev_measure: Measure, prev_unit: str, prev_end: int, q: Quantity,
               measure: Measure) -> Mention | None:
    """``prev`` when the words from ``prev_end`` (the end of the figure before) to ``q`` are only cues,
    glue, comparison bases and rank scopes, and ``measure`` may be a further figure of it."""
    if prev is None or measure not in _MEASURES:
        return None
    if measure is Measure.RANK and prev_measure is Measure.RANK:
        return None  # 从第12位跃升至第9位: the second rank is read with the first
    if prev_unit == "%" and q.unit in ("%", "倍") and measure in _GROWTHS and prev_measure not in _GROWTHS:
        return None  # 新能源装机占比达63%、规模比“十三五”末翻了一番: the growth of a rate is that of something else
    gap = "".join(view[prev_end : q.span.start].split())  # (a PDF copy's spaces: 达到 5亿元)
    gap = _PRICE_BASIS.sub("", gap)  # 六百四十三亿元（按一九五七年不变价格计算），比一九五七年增加…
    clause = gap[:1] in ("；", ";") and _DATED.match(gap, 1) is not None  # …即增加了573万吨；1959年比1958年计划增长62%
    if len(gap) > _MAX_GAP or any(ch in gap[1:] if clause else ch in gap for ch in "；;。：:（）()"):
        return None
    if gap and gap[0] not in "，,、" and not gap.startswith("即") and not clause:
        return None  # the figure before must end its clause (…1656亿美元，比…)
    if any(w in gap for w in cues().get("relative", [])):
        return None  # 高于全国0.8个百分点: a gap to another figure, no measure of this one
    if q.unit == "个百分点" and any(w in gap for w in _RATE_WORDS):
        return None  # 增长6.3%，增速比上年提高2.7个百分点: a change of the growth rate, no figure of the indicator
    dated = _DATED.search(gap) is not None
    rest = _DATED.sub("", _REGION_SHARE.sub("", BASE.sub("", gap[1:] if clause else gap)))
    if prev.text in rest:  # 比1955年铺轨里数增加62%: the indicator's name restated, with a head word
        rest = re.sub(re.escape(prev.text) + _OWN_HEAD, "", rest)
    if measure is Measure.RANK:  # 研发投入强度2.61%、居西部第1; 保有量突破50万辆、占比居全国第二 (the rank of its share)
        rest = _GROUP_SCOPE.sub("", rest)
    rest = _PER_YEAR.sub("", rest) if q.unit == "%" else rest  # (平均每年增加2053亿元: a yearly mean, no year's change)
    if any(ch in rest for ch in "“”（）()"):
        return None
    if foreign_chars(rest) >= 1:
        return None
    if measure is Measure.LEVEL and not (dated and _level_verb(gap)):
        return None  # 建成5G基站8.99万个、覆盖95%以上行政村: a plain level after a level names another subject
    return prev


# a rank among a group of regions (no scope of the contract's four: rank_scope stays null) and the measure it ranks
_GROUP_SCOPE = re.compile(r"(?:中国|我国|全国)?(?:东部|中部|西部|东北|西北|西南|华北|华东|华南|华中|中西部|长三角|珠三角|京津冀)"
                          r"(?:地区|省份|省区|各省区?|各省市)?|省会城市|副省级城市|同类城市|发展中国家|占比|比重")
_YEAR = rf"(?:(?:19|20)\d\d|[一二][九〇零○][{_CN_DIGIT}]{{2}})年(?:底|末|上半年|下半年)?"
# the date of a later or earlier value of the same thing (职工平均工资为每人446元，1956年提高到610元; 积累率…，“六五”
# 期间五年平均降到30%左右; 钢产量前三年共增加150万吨，而1956年就增加了161万吨), with the particles around it
_DATED = re.compile(rf"(?:而|但|到|至)?(?:{_YEAR}|(?:“[{_CN_DIGIT}]{{1,3}}五”|(?<![{_CN_DIGIT}])[六七八九十]{{1,2}}五(?:计划|规划))"
                    rf"(?:时期|期间|末|期末)?)(?:[{_CN_DIGIT}\d]+年)?(?:平均)?(?:就|则|又|还|已|已经|更|将|要求)?")
_OWN_HEAD = r"的?(?:里数|数量|总数)?"
# a per-year restatement (平均每年增加2053亿元, 即每年递增14.7%): the same indicator's yearly figure
_PER_YEAR = re.compile(rf"(?:[{_CN_DIGIT}\d]+年)?(?:平均)?每年(?:平均)?")


def _level_verb(gap: str) -> bool:
    """Whether the last measure word of ``gap`` is a level verb (提高到, 达到, 为, 降到)."""
    kinds = compiled().measure_kind
    words = compiled().measure.findall(gap)
    return bool(words) and kinds.get(words[-1]) == "level_verbs"


_RESTATED_RATE = re.compile(r"[，,]?即")
_PER_YEAR_RATE = re.compile(r"[，,]?即?(?:[{d}\d]+年)?(?:平均)?每年(?:平均)?(?:递增|增长|提高)".replace("{d}", _CN_DIGIT))


def restated(gap: str, prev: Figure | None, mention: Mention | None, q: Quantity, measure: Measure,
             sign: int) -> tuple[Measure, int]:
    """The measure of a figure that restates the one before it of the same indicator: a percent right after its
    change (粮食增产2200万吨，即7.8%: the growth), a per-year rate after a growth over a span (工业总产值增长98.3%，
    即每年递增14.7%: the average growth); else ``measure`` and ``sign`` as read."""
    if prev is None or mention is None or prev.mention is None or prev.mention.indicator != mention.indicator:
        return measure, sign
    gap = "".join(gap.split())
    if measure is Measure.LEVEL and q.unit == "%" and prev.measure is Measure.CHANGE and prev.q.unit != "%" \
            and _RESTATED_RATE.fullmatch(gap):
        return Measure.GROWTH, prev.sign
    if measure is Measure.GROWTH and q.unit == "%" and prev.measure in (Measure.GROWTH, Measure.GROWTH_CUM) \
            and _PER_YEAR_RATE.fullmatch(gap):
        return Measure.GROWTH_AVG, sign
    return measure, sign


# longest first; 新增 is no such verb: 新增高标准农田, 新增造林 name the year's own flow (a level)
_OUTPUT_VERBS = ("净增加", "净减少", "增产", "减产", "净增", "增加", "减少")
_VERB_ENDS = "".join(sorted({v[-1] for v in (*_OUTPUT_VERBS, "新增")}))  # the last character of each verb


def verb_before(view: str, start: int, stock: bool = False) -> str:
    """增产原煤3000万吨, 减产棉花10万担, 减少耕地1.2万亩: an output or change verb written before the subject is
    its measure (the change of that indicator), as 原煤增产3000万吨 and 耕地减少1.2万亩 are; "" when no such
    verb touches ``start``."""
    if view[start - 1 : start] not in _VERB_ENDS:
        return ""  # no verb ends right before ``start`` (one test instead of one per verb)
    verbs = (*_OUTPUT_VERBS, "新增") if stock else _OUTPUT_VERBS  # 新增耕地: the change of a stock (cues stocks)
    return next((v for v in verbs if view.startswith(v, start - len(v))), "")


_HEAD_WORDS = 4  # 产量, 总产量, 产值: a bare head noun, not a name of its own


def named_before(view: str, ms: Sequence[Mention], words: str | None, floor: int, end: int) -> Mention | None:
    """全国粮食连续四年增产，产量达到X万吨; 煤炭开采方面，…产量稳定在13亿吨: the bare head noun of an unnamed
    figure (``words``) names the measure of the product the clause chain named last (the mention closest
    before it in ``view[floor:end]``, no clause end between) when the two make an alias (粮食产量). The
    mention sits on the head noun's last occurrence before ``end``."""
    if not words or len(words) > _HEAD_WORDS:
        return None
    last = next((m for m in reversed(ms) if floor <= m.start and m.end <= end), None)
    if last is None or any(ch in view[last.end : end] for ch in "；;"):
        return None
    ind = alias_index().get(last.text + words)
    at = view.rfind(words, last.end, end)
    if ind is None or at < 0:
        return None
    return Mention(at, at + len(words), ind, last.text + words)


_PER_HEAD = re.compile(r"人均|户均")


def per_head(view: str, mention: Mention, start: int, end: int) -> Mention | None:
    """生产总值2.6万亿元，人均突破1万美元: a per-head word between a mention and its figure makes the figure
    that of the per-head indicator when 人均 + the mention (or its name) is an alias (人均地区生产总值), at the
    per-head word; else of no indicator (a per-head figure is never the total). ``mention`` itself when no
    such word is in ``view[start:end]``."""
    per = _PER_HEAD.search(view, start, end)
    if per is None or per_head_by_nature(mention):
        return mention  # 全员劳动生产率从人均8.7万元…: the indicator is a per-head figure itself
    for name in (per.group(0) + mention.text, per.group(0) + indicator(mention.indicator).name):
        ind = alias_index().get(name)
        if ind is not None and ind != mention.indicator:
            return Mention(per.start(), per.end(), ind, name)
    return None


_HEAD_LEAD = re.compile(r"(?:在|关于|至于)?")
_HEAD_TAIL = re.compile(r"(?:的)?(?:方面|情况|情况也是这样|也是这样|情况如下|如下)?")


def headed(view: str, ms: Sequence[Mention], floor: int, q: Quantity, items: Sequence[Figure]) -> Mention | None:
    """在工业农业总产值方面：一九五三年比一九五二年增长14.4%; 棉布：从1.1亿匹增加到1.6亿匹; 工农业总产值的情况也是这样：
    …；一九五九年比一九五八年计划增长40%: a clause that only names an indicator (and 在…方面, …的情况) before a colon
    heads a figure after the colon whose clause holds only a date, a base and cue words, while no other mention or
    figure with words of its own comes between."""
    colon = max(view.rfind(":", floor, q.span.start), view.rfind("：", floor, q.span.start))
    if colon < 0:
        return None
    start = max(floor, *(view.rfind(ch, floor, colon) + 1 for ch in "，,；;。\n"))
    m = next((m for m in reversed(ms) if start <= m.start and m.end <= colon), None)
    if m is None or not _HEAD_LEAD.fullmatch(view, start, m.start) or not _HEAD_TAIL.fullmatch(view, m.end, colon):
        return None
    if any(colon < x.start < q.span.start for x in ms):
        return None  # 招生人数将为：高等学校10.9万人: the items name their own subjects
    if any(colon < it.q.span.start and it.mention is None and it.subject_text is not None for it in items):
        return None  # 原煤：…年产能力将为9310万吨，五年内增加的年产能力为…: words of their own before it
    clause = max(colon, *(view.rfind(ch, colon, q.span.start) for ch in "，,；;、")) + 1
    gap = "".join(view[clause : q.span.start].split())
    if len(gap) > _MAX_GAP or any(ch in gap for ch in "（）()“”"):
        return None
    rest = _DATED.sub("", BASE.sub("", gap))
    rest = rest[1:] if rest.startswith(("从", "由")) else rest
    return m if foreign_chars(rest) == 0 else None


_NATURE = re.compile(r"\bper (?:worker|head|capita|person|student|household)")


def per_head_by_nature(m: Mention) -> bool:
    """Whether the indicator of ``m`` is a per-head figure itself (全员劳动生产率, 人均…补助标准, 职工平均工资)."""
    memo = per_cues(compiled(), per_head_by_nature)  # by indicator, for the report (asked per figure)
    got = memo.get(m.indicator)
    if got is None:
        ind = indicator(m.indicator)
        got = memo[m.indicator] = any(w in ind.name for w in ("人均", "户均", "生均")) \
            or _NATURE.search(ind.notes) is not None
    return got


_FROM_OPENER = re.compile(rf"(?:由|从)(?:年初|年末|上年末|上年|去年|过去|{_YEAR}|[{_CN_DIGIT}\d]+年前)?的?"
                          r"(?:不到|不足|近|约|超过)?$")
_PER_HEAD_END = re.compile(r"(?:人均|每人每年|每人|户均|每户|生均)$")


def from_opener(gap: str, subject: Mention | None) -> str:
    """``gap`` without the opener of a from-value written right before the figure (国内生产总值从不到70万亿元增加到…,
    覆盖人数由年初的400多万人…; 全员劳动生产率从人均8.7万元…: with the per-head word of a per-head indicator): it
    names no new subject."""
    gap = "".join(gap.split())
    if "，" in gap or "," in gap or "、" in gap or "；" in gap or ";" in gap:
        return gap  # 包括国防费和行政管理费所占的比重，已从1950年的…: only right after the subject's words
    if subject is not None and per_head_by_nature(subject):
        gap = _PER_HEAD_END.sub("", gap)
    return _FROM_OPENER.sub("", gap) if "由" in gap or "从" in gap else gap  # (every opener holds one)


_BASE_OPENER = re.compile(r"(由|从)(?:人均|每人每年|每人|户均|每户|生均)?(?:不到|不足|近|约|超过)?(?:年初的)?$")


def from_base(gap: str) -> str:
    """``gap`` as the from-value test reads it: 从不到70万亿元, 由每人每年320元, 从人均40元, 由年初的400多万人 start a
    由…到… pair as 从70万亿元 does."""
    gap = gap.rstrip()
    return _BASE_OPENER.sub(r"\1", gap) if "由" in gap or "从" in gap else gap  # (each opener holds one)


def began(kind: Kind, meta: DocMeta, before: str, paragraph: str, passage: str | Passage,
          frame: str | None = None) -> str | None:
    """The year the starting level of a 由X增加到Y pair refers to when the text names none: in a target, the level
    now (将筹资标准由每人每年50元提高到100元: the year before the plan year), or before the plan the section's heading
    names (``frame``: 第一个五年计划… 钢：从135万吨增加到412万吨 → 1952); else ``context.base_period``."""
    if kind is Kind.TARGET and frame and frame[:4].isdigit():
        return str(int(frame[:4]) - 1)
    if kind is Kind.TARGET and meta.plan_year is not None:
        return str(meta.plan_year - 1)
    return base_period(meta, before, paragraph, passage)


class Stated(Protocol):
    """A fact already read in the sentence (``model.Fact``)."""

    indicator: str | None
    measure: Measure
    period: str | None
    unit: str


_OVER_LEVELS = re.compile(r"[，,、]?(?:即|也就是说?|共|总共|累计)?(?:增加|增长|提高|上升|扩大|翻|减少|下降)[了]?(?:近|约|超过)?")


def over_levels(before: Sequence[Stated], ind: str | None, gap: str, measure: Measure,
                period: str | None) -> tuple[Measure, str | None]:
    """一九五二年有十九万人，到了一九五七年已经有四十四万人，即增加一倍多: a growth right after two dated levels
    of its indicator, with no base of its own in its words, is the cumulative growth between them (1952-1957),
    not the later year's one-year growth; two years in a row stay a growth of the later year."""
    if measure not in (Measure.GROWTH, Measure.GROWTH_CUM) or ind is None or len(before) < 2:
        return measure, period
    first, last = before[-2], before[-1]
    if not (first.indicator == last.indicator == ind and first.measure is last.measure is Measure.LEVEL
            and first.unit == last.unit and first.period and last.period and first.period.isdigit()
            and last.period.isdigit() and last.period == period) or not _OVER_LEVELS.fullmatch("".join(gap.split())):
        return measure, period
    if int(last.period) - int(first.period) <= 1:
        return measure, period
    return Measure.GROWTH_CUM, f"{first.period}-{last.period}"
