"""Subject words written AFTER a count (issue 12, item 3): the noun phrase after the number and its
classifier when nothing before the number names the figure.

``subjects.words_after`` reads the plain case (建成350个美丽乡村). This module adds the shapes it leaves
without words:

- a magnitude class heading the noun (新增2家千亿级企业, 建成6个千万千瓦级新能源基地): the class is a
  modifier of the noun, not the rest of a number;
- counts whose modifiers share one head noun (建成4个国家级、4个自治区级区域医疗中心 → 国家级区域医疗中心 and
  自治区级区域医疗中心): each count takes the head noun of the last item (its words only: a class of the
  head noun is a part of what the head's indicator counts, never that indicator);
- a count of people followed by 口 (我国有十亿人口): the number's unit 人 and 口 make the noun 人口;
- a percent that opens its clause as a share of a population, with no 的 (全市98%行政村通客车, 覆盖九成以上
  乡镇): the words after it are the population (a percent after a verb of change is a rate, never a share);
- words that contain an indicator's name (6家全国重点实验室重组入列) are the figure's own words, unless
  they run into the next figure of the same clause (42个省重点项目投资完成148.47%: they name that one).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cache

from govreport.facts.cues import compiled
from govreport.facts.mentions import Mention, alias_index
from govreport.facts.subjects import verb_follows, words_after
from govreport.lexicons import cues
from govreport.model import Quantity, Span

# a magnitude class written as a modifier after a count (千亿级, 百亿元级, 千万千瓦级, 万亿级)
_CLASS = re.compile(r"的?(?:[十百千万]+亿?|亿)(?:元|吨|千瓦|美元)?级")
# the modifier of one item of a list that shares the head noun of the last item (国家级、; 千亿级和)
_MODIFIER = re.compile(r"的?((?:[十百千万]+亿?|亿)(?:元|吨|千瓦|美元)?级|[\u4e00-\u9fff]{1,4}级)(?:、|和|及|与)")
_NEXT_CLAUSE = re.compile(r"[，,、；;：:。（(“\"和及与或]")  # a mark or a conjunction: the next figure is an item of its own
_NAMES_NEXT = 6  # words this close before the next figure, with no mark between, name that figure
# what may stand between a clause's start and a percent that is a share of a population (有, 覆盖, 全市 …)
_SHARE_OPENS = re.compile(r"(?:^|[，,；;。、：:\n])(?:全[市省县区国州盟旗]|每年|其中|目前)?(?:有|覆盖|惠及|在)?$")
_RELATIVE = re.compile(r"所[\u4e00-\u9fff]{1,2}$")
_SHARE = re.compile(r"(?<=[\u4e00-\u9fff]{2})占(?!地)")
_CLASSIFIER_UNITS = frozenset({"个", "家", "座", "处", "所", "项", "条", "件", "部", "套", "批", "支", "种", "类", "间",
                               "台", "张", "床", "栋", "人", "名", "户"})


_COUNT_UNITS = _CLASSIFIER_UNITS | {"人次"}


def count_unit(unit: str) -> str | None:
    """``unit`` when it counts things or people (a bare magnitude before the indicator's name takes it), else None."""
    return unit if unit in _COUNT_UNITS else None


_REACH = ("惠及", "覆盖", "帮助", "资助", "为", "让", "使", "带动")  # 惠及500万在校生: the ones reached, not all


def magnitude_noun(view: str, q: Quantity, ms: list[Mention], counts: Callable[[Mention], bool]) -> Mention | None:
    """新增510万【沼气用户】, 有2.9亿【在校学生】，…: a bare magnitude (no unit) with an indicator's name right after
    it, the name ending its clause, counts that indicator (``counts``: the caller's test that the indicator's unit
    is a count) — unless a verb of reach heads it (惠及500万在校生: those reached are no total)."""
    if q.unit or view.endswith(_REACH, 0, q.span.start):
        return None  # (and the name ends its clause: 71.3万监测对象稳定脱贫 are those who escaped, not all watched)
    return next((m for m in ms if m.start == q.span.end and not _CJK.match(view, m.end) and counts(m)), None)


@cache
def _filler_heads() -> tuple[str, ...]:
    """``subject_after.filler_heads``: words after a figure that open with one of these are no name (的有生铁…,
    就读普通高中) — unless they open with one of ``subject_after.filler_head_nouns`` (有机肥, 就业岗位)."""
    return tuple(cues()["subject_after"]["filler_heads"])


@cache
def _head_nouns() -> tuple[str, ...]:
    return tuple(cues()["subject_after"]["filler_head_nouns"])


@dataclass(frozen=True, slots=True)
class After:
    """The words after a figure and where they end."""

    words: str
    end: int


def names_next(view: str, end: int, nxt: Quantity | None) -> bool:
    """Whether words ending at ``end`` are the subject of the next figure (360个市重点项目投资【完成】139.88%):
    the next figure follows within a few characters, with no mark between."""
    if nxt is None:
        return False
    between = view[end : nxt.span.start]  # only cue words between (完成, 下降): 为5万名农民工追回欠薪3亿元 is no such
    return len(between) <= _NAMES_NEXT and not _NEXT_CLAUSE.search(between) and "的" not in between and (
        not between or compiled().glue.fullmatch(between) is not None)  # (1027个植棉县的20%: the whole of a share)


def _classed(view: str, q: Quantity, limit: int | None) -> tuple[str, int] | None:
    """新增2家【千亿级企业】: a magnitude class, then the noun it classes."""
    cls = _CLASS.match(view, q.span.end)
    if cls is None or q.unit not in _CLASSIFIER_UNITS:
        return None
    words = words_after(view, replace(q, span=Span(q.span.start, cls.end())), limit)
    if words is None:
        return None
    return view[q.span.end : cls.end()].removeprefix("的") + words[0], words[1]


def _people(view: str, q: Quantity) -> tuple[str, int] | None:
    """我国有十亿【人口】: the count's unit 人 and the 口 after it are the noun 人口."""
    if q.unit == "人" and view.startswith("人", q.span.end - 1) and view.startswith(("口", "民"), q.span.end):
        return "人" + view[q.span.end], q.span.end + 1  # (六亿人民: 人民)
    return None


def _share(view: str, q: Quantity, limit: int | None) -> tuple[str, int] | None:
    """全市98%【行政村】通客车: a percent opening its clause, the population right after it (no 的)."""
    if q.unit != "%" or view.startswith("的", q.span.end) or not _SHARE_OPENS.search(view, max(0, q.span.start - 8),
                                                                                    q.span.start):
        return None
    words = words_after(view, replace(q, unit=""), limit)
    if words is None or view.startswith("的", words[1]):
        return None  # 60%政府举办的…: a relative clause
    reach = view.endswith(("覆盖", "惠及"), 0, q.span.start)  # 覆盖95%以上行政村: the verb before names a reach
    return words if reach or verb_follows(view, words[1]) else None  # 有90%需要返工: no noun phrase ended by a verb


def _own(view: str, q: Quantity, limit: int | None) -> tuple[str, int] | None:
    found = _people(view, q) or _region(view, q) or words_after(view, q, limit) or _classed(view, q, limit) \
        or _share(view, q, limit)
    if found is None or (_RELATIVE.search(found[0]) and view.startswith("的", found[1])):
        return None  # 一亿吨石油所创造的价值: a 所…的 clause, not the thing counted
    if found[0].startswith(_filler_heads()) and not found[0].startswith(_head_nouns()):
        return None
    share = _SHARE.search(found[0])  # 14个重点产业产值【占】农林牧渔业总产值的80%: the words end before 占
    return (found[0][: share.start()], found[1] - len(found[0]) + share.start()) if share else found


def after(view: str, qs: list[Quantity], qi: int) -> After | None:
    """The subject words written after ``qs[qi]`` (None: none): its own noun phrase, or the head noun it
    shares with the next item of a list of counts (4个国家级、4个自治区级区域医疗中心)."""
    q = qs[qi]
    nxt = qs[qi + 1] if qi + 1 < len(qs) else None
    limit = nxt.span.start if nxt else None
    own = _own(view, q, limit)
    if own is not None:
        return None if names_next(view, own[1], nxt) else After(own[0], own[1])
    if (spec := _specified(view, qs, qi)) is not None:
        return spec
    mod = _MODIFIER.match(view, q.span.end)
    if mod is None or nxt is None or nxt.span.start != mod.end() or nxt.unit != q.unit:
        return None
    later = _own(view, nxt, qs[qi + 2].span.start if qi + 2 < len(qs) else None)
    if later is None or "级" not in later[0]:
        return None
    head = later[0][later[0].rindex("级") + 1 :]
    if len(head) < 2:
        return None
    return After(mod.group(1) + head, mod.end(1))


_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")


def split_alias(view: str, q: Quantity, words: After) -> Mention | None:
    """接待120万人次游客: the verb right before a count and the noun after it that make an alias together
    (接待游客) name the figure; the mention sits on the noun."""
    for k in (2, 3):
        verb = view[max(0, q.span.start - k) : q.span.start]
        ind = alias_index().get(verb + words.words) if len(verb) == k and _HAN_RUN.fullmatch(verb) else None
        if ind is not None:
            return Mention(q.span.end, words.end, ind, verb + words.words)
    return None


def new_noun(view: str, qs: list[Quantity], qi: int, ms: Sequence[Mention]) -> bool:
    """Whether the count ``qs[qi]`` names its own noun after it (新建8个公园游园, 培育30家专业孵化器): a new
    subject (a mention in those words is read as the trailing subject), so the one carried from the list
    before no longer holds, unless the words hold that same mention."""
    words = after(view, qs, qi)
    return words is not None and not any(qs[qi].span.end <= m.start < words.end and m.text in view[qs[qi].span.start
                                         - 40 : qs[qi].span.start] for m in ms)


def _specified(view: str, qs: list[Quantity], qi: int) -> After | None:
    """建成20个【500千伏输变电工程】, 为87万名【80岁以上老年人】: a count whose noun opens on a figure of another
    unit (a specification: 750千伏和330千伏, an age) takes the noun phrase after the last such figure."""
    q, j, end = qs[qi], qi + 1, qs[qi].span.end
    if q.unit not in _CLASSIFIER_UNITS:
        return None
    while j < len(qs) and qs[j].unit not in _CLASSIFIER_UNITS and qs[j].unit and (
            qs[j].span.start == end or (qs[j].span.start == end + 1 and view[end] in "和、及与")):
        end, j = qs[j].span.end, j + 1
    words = words_after(view, qs[j - 1], qs[j].span.start if j < len(qs) else None) if j > qi + 1 else None
    return After(view[q.span.end : words[1]], words[1]) if words else None


def _region(view: str, q: Quantity) -> tuple[str, int] | None:
    """25个【省（自治区、直辖市）】, 27个【省、自治区、直辖市】: the administrative units named as one list."""
    unit = _REGION.match(view, q.span.end) if q.unit in _CLASSIFIER_UNITS else None
    return (unit.group(0), unit.end()) if unit else None


_REGION = re.compile(r"(?:省|县|市|州|盟|区|乡|镇)(?:[（(][^（）()。，,]{1,10}[）)]|(?:、(?:自治区|直辖市|市|区|县|旗|自治州|自治县))+)")
_PLAN_PERIOD = re.compile(r"[一二三四五六七八九十]+五")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def quoted_name(pieces: list[str]) -> str | None:
    """新建“爱心驿站”1000家: a figure written right after a closing quote is named by the quoted words (a verb
    or noun before the quote is left out: 化解“一地多证”, 全球“灯塔工厂”); ``pieces``: the words before the figure split at their
    marks (``naming.subject_text``). None when the figure does not follow a quote, or the quote is a plan
    period (“十四五”) or holds no name."""
    if len(pieces) < 4 or pieces[-1].strip() or pieces[-2] != "”" or pieces[-4] != "“":
        return None
    inner = pieces[-3].strip()
    if len(_CJK.findall(inner)) < 2 or _PLAN_PERIOD.fullmatch(inner):
        return None
    return f"“{inner}”"
