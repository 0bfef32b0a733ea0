"""The report's words for the subject of a figure that has no canonical indicator (``indicator_text``):
the words before it, less cue words, filler and a task verb at their head; the clause before a comma
(邮路总长度，由…增加到…); a mention of another unit (公共充电桩达到13万台); the words of the unnamed figure
before it (补助资金551亿元，比上年增长2倍). The words written after a figure are read by ``subjects``."""

from __future__ import annotations

import re
from typing import Protocol

from govreport.facts.cues import compiled, foreign_chars, per_cues
from govreport.facts.mentions import Mention, alias_index, indicator
from govreport.facts.postnominal import quoted_name
from govreport.facts.subjects import (
    head_verb_end,
    may_be_subject,
    names_a_part,
    unit_words,
    without_head_verb,
    without_tail,
)
from govreport.lexicons import cues
from govreport.model import Measure, Quantity

_CJK = re.compile(r"[\u4e00-\u9fff]")
# asides that keep the subject: （市口径）, 扣除减税降费因素, 剔除不可比因素后
ASIDE = re.compile(r"[(（][^()（）\n]{1,8}[)）]|(?:扣除|剔除)[^，,。；;]{1,12}?因素(?:影响)?后?")


class Figure(Protocol):
    """A figure already read in the sentence (the walk's item)."""

    q: Quantity
    mention: Mention | None
    measure: Measure
    subject_text: str | None


def subject_text(gap: str, earlier: bool = True) -> str | None:
    """The report's words for a subject that is not a canonical indicator (best effort): the words
    after the last comma, less the cue words that end them (增长, 达到, 控制在); if those are only cue
    words, a noun phrase that is the whole clause before the comma (医院病床数，比上年增长12%).
    The answer for a gap asked about again is kept (``per_cues``)."""
    memo = per_cues(compiled(), subject_text)
    key = (gap, earlier)
    if key not in memo:
        memo[key] = _subject_text(gap, earlier)
    return memo[key]


def _subject_text(gap: str, earlier: bool) -> str | None:
    pieces = re.split(r"([，,、：:（）()“”\"])", gap)
    if (quoted := quoted_name(pieces)) is not None:
        return quoted  # 新建“爱心驿站”1000家
    piece = pieces[-1].strip()
    if len(pieces) >= 3 and pieces[-2] in "：:" and not foreign_chars(piece):
        piece = pieces[-3].strip()  # 甘蔗：达到二百六十三亿斤: the name heads a list item, before its colon
    if piece.startswith(("占", "相当于", *_RELATIVE)):
        return None  # 占预算支出的52%: what follows 占 is the whole, not the subject; 快于全省: the other figure
    trail = compiled().trailing_cues.search(piece.rstrip("了"))  # 而1956年就增加了
    if trail:
        piece = piece[: trail.start()]
    piece = without_tail(piece)  # 播种面积安排为: the plan's verb is no part of the name
    piece = _FILLER_HEAD.sub("", piece[-16:])  # 比上年, 和, 连续, 比1954年: filler, not the subject's words
    if (g := compiled().glue.match(piece)) and 0 < g.end() < (v := head_verb_end(piece)) and "了" not in piece[v:]:
        piece = without_head_verb(piece) or piece  # 新建成轨道交通线路: the whole task verb, before glue cuts into it
    while (g := compiled().glue.match(piece)) and g.end() > 0:
        rest = _FILLER_HEAD.sub("", piece[g.end() :])
        if rest and len(_CJK.findall(rest)) < 2 and not compiled().glue.fullmatch(rest):
            break  # 经济建设费, 建设费: a glue word at the head of a short name is part of it
        piece = rest
    if _COMPARED.match(piece):
        return None  # 比五年计划原定1957年: the base of a comparison, not the subject
    piece = _FROM_TAIL.sub("", piece)  # 财政投入从2006年的18亿元: 由/从 and the base year are no part of it
    verbs, piece = piece, without_head_verb(piece.removesuffix("的"))  # 完成投资的: the 的 is no part of the name
    if not piece and earlier and not verbs and len(pieces) >= 3 and pieces[-2] in "，," and may_be_subject(pieces[-3]):
        return subject_text(pieces[-3], earlier=False)  # 邮路总长度，由…增加到…: the clause before names it
    if piece in _FILLER_SUBJECTS or piece.endswith("了") or piece.startswith(_DISCOURSE):
        return None  # 惠及, 筹措, 每年: a verb or an adverb; 国家已经组织了, 我们不能不…: a clause, never a name
    return piece if len(_CJK.findall(piece)) >= 2 else None


#: words that open on a filler character and are nouns (有效投资, 有色金属, 并购): never cut
_HEAD_NOUNS = "|".join(map(re.escape, cues()["subject_after"]["filler_head_nouns"]))
_FILLER_HEAD = re.compile(r"^(?:(?:比较|[比较与同])(?:(?:19|20)\d\d|[一二三四五六七八九○〇零]{4})年(?:的|相比)?|[比较](?:上|去)一?年"
                          rf"|(?!{_HEAD_NOUNS})[即有和及与在并又]|而(?!且)|连续|分别|前[一二三四五六七八九十两\d]+年)+")  # 前三年: a span
_COMPARED = re.compile(r"[比较](?![重例率])")
_FROM_TAIL = re.compile(r"(?:将|要|已经|已)?(?:[由从](?:(?:19|20)\d\d|[一二三四五六七八九○〇零]{4})?年?(?:底|末)?的?)?$")
_FILLER_SUBJECTS = frozenset(cues().get("filler_subjects", []))
_DISCOURSE = tuple(cues()["subject_after"]["discourse_openers"])
_RELATIVE = tuple(cues().get("relative", []))


def unpaired_text(view: str, q: Quantity, subject: Mention | None, anchor: int, floor: int) -> str | None:
    """公共充电桩达到13万台, 城镇老旧小区9.8万户: a mention right before a figure of another unit is no
    indicator of it, but its words still name the figure — unless the figure counts the words after it
    (连跨两个千亿台阶); a mention glued to the words after it heads them (棉花播种面积安排为九千万亩).
    ``floor``: where the words may start (the sentence's start, or the end of the figure before)."""
    if subject is None or subject.end != anchor or (_CJK.match(view, q.span.end) and not compiled().glue.match(
            view, q.span.end) and not view.startswith(unit_words(), q.span.end)) or _STEPS.match(view, q.span.end):
        return None
    gap = view[anchor : q.span.start]
    if not _UNPAIRED_STOP.search(gap) and not names_a_part(gap):
        return None  # 城镇老旧小区改造涉及居民1.2万户: the words after it act on it, they are their own subject
    return subject_text(view[max(floor, subject.start - 16) : q.span.start])


_STEPS = re.compile(r"[万千百]亿(?:元|级)?台阶")  # 迈上4个万亿元台阶: a count of thresholds, no figure of it
_UNPAIRED_STOP = re.compile(r"[，,、：:（）()“”\"]")


def carried_text(prev: Figure | None, q: Quantity, measure: Measure, gap: str, cut: bool) -> str | None:
    """An unnamed figure right after a figure whose subject has no id keeps that subject's words
    (中央财政抚恤事业费支出112亿元，比上年增长47%; 发电量由X增加到Y): the same dimension, or a rate of change of it."""
    if cut or prev is None or prev.mention is not None or not prev.subject_text:
        return None
    if q.unit == "%" and prev.q.unit != "%" and gap.lstrip("，, ").startswith("占") and len(gap) <= 16:
        return prev.subject_text  # X 2184万元，占经济建设费总数的13.6%: the share of X
    if foreign_chars(ASIDE.sub("", gap)) >= 2:  # 扣除价格因素: an aside keeps the subject
        return None
    same = q.dimension == prev.q.dimension and prev.measure is not Measure.RANK and measure is not Measure.RANK
    rate = q.unit in ("%", "倍") and measure in _RATES_OF_CHANGE and prev.q.unit != "%"  # 比上年增长2倍
    c = compiled()
    points = q.unit == "个百分点" and prev.q.unit == "%" and not c.relative.search(gap)  # 占比79.2%、提高13.2个百分点
    # 工业技改投资增长33.6%、居全国第3位: the rank of the figure before it
    rank = measure is Measure.RANK and prev.measure is not Measure.RANK and len(gap) <= 8 and c.rank_verb.search(gap)
    return prev.subject_text if same or rate or points or rank else None


_RATES_OF_CHANGE = frozenset({Measure.GROWTH, Measure.GROWTH_AVG, Measure.GROWTH_CUM})


def slot_mention(view: str, words: str | None, floor: int, end: int) -> Mention | None:
    """The item of a 分别 list whose words, once its head noun is shared (高速公路、水利、电网投资 → 水利投资),
    are an indicator's alias: that indicator, at the item's own words in ``view[floor:end]``."""
    if not words:
        return None
    ind = alias_index().get(words)
    if ind is None:
        return None
    for k in range(len(words), 1, -1):  # the item as written: the whole alias, or its words before the shared head
        at = view.rfind(words[:k], floor, end)
        if at >= 0:
            return Mention(at, at + k, ind, words)
    return None


_MONEY_HEADS = ("投资", "产值", "收入", "支出", "利润", "营收", "营业收入", "销售额", "零售额", "出口额", "进口额")


def money_of_item(mention: Mention, words: str | None) -> bool:
    """Whether an item of a 分别 list that is a mention of a non-money indicator takes a money head noun
    from the last item (高速公路、水利、电网投资 → 高速公路投资): then it names that money, not the indicator."""
    if not words or words == mention.text or not words.startswith(mention.text):
        return False
    return words.endswith(_MONEY_HEADS) and indicator(mention.indicator).default_unit not in ("元", "美元")


def composed_mention(prev: Mention | None, words: str | None, view: str, within: tuple[int, int]) -> Mention | None:
    """实施重大项目3600个、完成投资1万亿元: the bare head noun of an unnamed figure (投资) right after a
    figure of ``prev`` names ``prev``'s own measure when the two make an alias (重大项目投资); the
    mention sits on the head noun's last occurrence in ``view[within[0]:within[1]]``."""
    if prev is None or not words or len(words) > 4:
        return None
    for name in (prev.text + words, indicator(prev.indicator).name + words):
        ind = alias_index().get(name)
        at = view.rfind(words, *within)
        if ind is not None and ind != prev.indicator and at >= 0:
            return Mention(at, at + len(words), ind, name)
    return None


_WHOLE = re.compile(r"(?<=占)[^，,；;。、占]{1,12}?(?=的?(?:比重|比例))")


def without_whole(gap: str) -> str:
    """战略性新兴产业产值占【规上工业】比重从40.3%提高到45.4%: the whole a share is taken of is no new
    subject; the words between 占 and 比重 are dropped from the gap a subject must survive."""
    return _WHOLE.sub("", gap)


def slot_item(view: str, mention: Mention | None, words: str | None, floor: int, end: int) -> tuple[Mention | None, str | None]:
    """The subject of one item of a 分别 list and its words when it has no id: a mention item taking a money
    head (高速公路、水利投资 → 高速公路投资) is that money; words that are an alias take its id (交通投资)."""
    if mention is not None and not money_of_item(mention, words) and not _part_item(mention, words):
        return mention, None
    return (slot_mention(view, words, floor, end) if words else None), words


def modifier_floor(ms: list[Mention], k: int, anchor: int) -> int:
    """Where the words that may narrow ``ms[k]`` start: the previous mention's end — unless that mention
    touches it (新能源汽车|出口, 工业机器人|出口): a name glued before another names its part, so the
    narrowing reads from the earlier mention's start (unless its last two characters are in the later one's
    own name before its words: 城镇居民医保|财政补助标准 of 居民医保人均财政补助标准, 安全生产|事故起数)."""
    if k > 0 and ms[k - 1].end == ms[k].start and ms[k - 1].start >= 0:
        if not own_words(ms[k - 1].text, ms[k]):  # 城镇居民医保|财政补助标准: the later one's own words
            return min(anchor, ms[k - 1].start)
    return anchor


def _part_item(mention: Mention, words: str | None) -> bool:
    """纺织服装出口: an item whose words glue a modifier before its mention (a part prefix, or three or more
    characters that are no glue) names a part of the indicator, as a mention so narrowed does outside a list."""
    if not words or not words.endswith(mention.text) or words == mention.text or words in alias_index():
        return False
    c = compiled()
    before = _GLUED.search(words[: -len(mention.text)])
    if before is None:
        return False
    touching = before.group(0)  # only what touches the mention counts (“十四五”时期全省|生产安全事故起数: none)
    for g in c.glue.finditer(touching):
        touching = before.group(0)[g.end() :]
    sibling = len(touching) == 2 and mention.text in _SHARED_HEADS  # 服装、家具|出口: one of the items sharing the head
    return (touching.endswith(c.part_prefixes) or len(touching) >= 3 or sibling) and not own_words(touching, mention)


_SHARED_HEADS = frozenset(cues()["subject_after"]["heads"])


_GLUED = re.compile(r"[\u4e00-\u9fff]{1,12}\Z")


def own_words(before: str, m: Mention) -> bool:
    """Whether the last two characters of the words glued before ``m`` are in the indicator's own name before
    ``m``'s words (安全生产|事故起数 of 生产安全事故起数, 居民医保|财政补助标准): they restate it, no part."""
    ind = indicator(m.indicator)
    tail = before[-2:]
    if any(p in before for p in compiled().part_prefixes):
        return False  # 制造业企业|加计扣除比例: a sector's own rate, however the name is written
    return len(tail) == 2 and any(tail in name[: -len(m.text)] for name in (ind.name, *ind.aliases)
                                  if name.endswith(m.text) and name != m.text)


def narrowed_words(view: str, floor: int, anchor: int, end: int, narrowed: str | None) -> str | None:
    """The words of a mention narrowed to a part, ending at ``end``: the subject words since ``anchor``; or, when
    the mention touching it narrows it (``floor`` < ``anchor``), that mention's words — with the words that had
    narrowed it in turn (``narrowed``: 易地搬迁脱贫|劳动力|就业率) — and its own."""
    if floor >= anchor:
        return subject_text(view[anchor:end])
    before = view[floor:anchor]
    return (narrowed if narrowed and narrowed.endswith(before) else before) + view[anchor:end]
