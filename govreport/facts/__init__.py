"""Facts: every quantitative statement as a typed, grounded fact.

For each sentence (split at 。！？ and line ends; a ； ends a clause chain) the extractor walks
indicator mentions and quantities in order. A quantity takes the last indicator named before
it unless the words in between name another subject (they are not cue or glue words), in which
case the quantity is kept with ``indicator = None``. The words just before a number give the
measure (增长, 年均增长, 较2015年增长, 提高…个百分点, 净增, 占…比重, 居…第N位); the number's
own bound words and the verb give the bound; the section's role and cue words give the kind;
years in the sentence, the measure and the report's periods give the period.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from govreport.facts import context, ranks
from govreport.facts import continuing as _continuing
from govreport.facts import naming as _naming
from govreport.facts import postnominal as _post
from govreport.facts.blocks import Block, label_blocks, own_names
from govreport.facts.context import PassageIndex, head_base, kind_of, period_of
from govreport.facts.continuing import began, continued, named_before, per_head, verb_before
from govreport.facts.cues import compiled, foreign_chars, fresh_memos
from govreport.facts.ellipsis import counted_noun_ends, outside_names, own_class, shared_head, slots_of
from govreport.facts.lists import list_bound as _list_bound
from govreport.facts.lists import rank_of as _rank_of
from govreport.facts.mentions import Mention, find_mentions, indicator
from govreport.facts.naming import ASIDE as _ASIDE
from govreport.facts.naming import carried_text, unpaired_text
from govreport.facts.naming import subject_text as _subject_text
from govreport.facts.subjects import after_head_verbs, slot_words
from govreport.lexicons import cues
from govreport.model import Bound, DocMeta, Fact, Kind, Measure, Quantity, Role, Section, Span
from govreport.numbers import find_quantities
from govreport.options import DEFAULT, Options
from govreport.sections import SectionIndex

_SENTENCE_END = re.compile(r"[。！？!?\n]")
_NEWLINE = re.compile(r"\n")
_CLAUSE_END = frozenset("；;")
_FREE_UNITS = frozenset({"%", "个百分点", "位", "倍"})
# classifiers of a count of things: a count indicator (绿色矿山 个) may be counted in any of them (165座)
_CLASSIFIERS = frozenset({"个", "家", "户", "座", "处", "所", "项", "条", "件", "部", "套", "批", "支", "种", "类", "栋", "间",
                          "台", "张", "床"})
_RATIO = re.compile(r"(?:是|等于|相当于)(?:(?:19|20)\d\d年|[一二][九〇零○][〇零○一二三四五六七八九]{2}年)?的?\Z"
                    r"|(?:(?<=[，,、别])为|达到)(?:(?:19|20)\d\d|[一二][九〇零○][〇零○一二三四五六七八九]{2})年的\Z")  # ，为…
_LIST_GAP = re.compile(r"[、和]")
_LEAD = re.compile(r".*[，,、：:（(“”\"]")
_MAX_LEAD = 16
_RATE_WORDS = ("增速", "增幅", "增长速度", "增长幅度")
_MAX_SENTENCE = 1500  # characters read either side of a sentence's first number
_MAX_PARAGRAPH = 4000  # characters of the paragraph read before a number (real paragraphs are under 1400)
_SPAN_UNITS = frozenset({"年"})  # a count of years is a figure only of an indicator measured in years
_FLIP = {Bound.MIN: Bound.MAX, Bound.MAX: Bound.MIN}


@dataclass(slots=True)
class _Item:
    """A quantity being read, with what the walk learned about it."""

    q: Quantity
    mention: Mention | None
    measure: Measure
    sign: int
    gap: str
    subject_text: str | None
    start: int  # where the fact's words start: the indicator, or the cue words before the number
    from_year: str | None = None  # 由2015年的X增加到Y: X is the level of the base year ("" if unsaid)
    listed: bool = False  # follows the item before it in a list (6.8%、7.9%)
    trailing: bool = False  # its subject is written after it (18万贫困人口脱贫)
    words_end: int = 0  # where its subject words written after it end (建成350个美丽乡村), else 0
    held: bool = False  # a mention inside those words is the subject of the figures after it


def _measure(gap: str, q: Quantity, mention: Mention | None, view: str) -> tuple[Measure, int]:
    """Measure and sign from the words just before a number and its unit."""
    c = compiled()
    if q.dimension == "rank":
        return Measure.RANK, 1
    if q.dimension == "doubling":
        return Measure.GROWTH_CUM, 1  # 比2010年翻一番: +100% over the base
    tail = gap[-12:]
    # 人口自然增长率, 贫困发生率: a measure word followed by 率 names a rate, it is no verb
    words = [m.group(0) for m in c.measure.finditer(tail) if not tail.startswith("率", m.end())]
    cats = [c.measure_kind[w] for w in words]
    if q.unit == "%" and _is_share(gap, mention):
        return Measure.SHARE, 1
    cat = cats[-1] if cats else None
    if q.unit == "倍" and _RATIO.search(gap):
        return Measure.GROWTH_CUM, 1  # 是2016年的1.6倍
    if cat == "level_verbs":
        if len(words[-1]) >= 2 and words[-1].endswith(("至", "到", "为")):
            return Measure.LEVEL, 1  # 降至0.5%, 提高到55%, 下降为1亿元: the level reached
        # a copula (为, 达到, 控制在) keeps the measure named before it: 经济增长预期目标为7%
        earlier = [x for x in cats[:-1] if x != "level_verbs"]
        if not earlier:
            return Measure.LEVEL, 1
        cat = earlier[-1]
    neg = cat in ("growth_neg", "growth_avg_neg")
    sign = -1 if neg else 1
    if q.unit == "个百分点":
        return Measure.CHANGE, sign
    if q.unit == "%":
        if cat in ("growth_avg", "growth_avg_neg"):
            return Measure.GROWTH_AVG, sign
        if cat in ("growth", "growth_neg", "change"):
            return (Measure.GROWTH_CUM if c.base_year.search(gap) else Measure.GROWTH), sign
        if mention is not None and _is_rate_of_change(mention):
            return Measure.GROWTH, 1
        return Measure.LEVEL, 1
    if q.unit == "倍":
        return (Measure.GROWTH_CUM if c.base_year.search(gap) else Measure.GROWTH), 1
    if cat in ("change", "growth", "growth_neg"):
        return Measure.CHANGE, sign
    return Measure.LEVEL, 1


def _is_share(gap: str, mention: Mention | None) -> bool:
    """占一般公共预算收入比重72.9%, 税占比77.4% — but not 民生支出占比76.7%, itself a share indicator."""
    if mention is not None and any(w in indicator(mention.indicator).name for w in ("占比", "比重", "强度")):
        return False
    said = gap + (mention.text if mention is not None else "")
    return compiled().share.search(said) is not None


def _is_rate_of_change(m: Mention) -> bool:
    """Indicators whose bare percent is a growth rate (CPI 3%, 规上工业增加值 8%)."""
    ind = indicator(m.indicator)
    return (ind.default_unit == "%" and "growth rate" in ind.notes) or "decline" in ind.notes or \
        m.text.endswith(("涨幅", "增速", "增幅"))


def _compatible(q: Quantity, mention: Mention, view: str = "") -> bool:
    ind = indicator(mention.indicator)
    if _implied_unit(q, mention, view) is not None:
        return True
    if q.unit in _FREE_UNITS or q.unit == ind.default_unit or (q.unit, ind.default_unit) == ("人次", "人"):
        return True
    if q.unit in _CLASSIFIERS and ind.default_unit in _CLASSIFIERS and "户" not in (q.unit, ind.default_unit):
        return True  # 建成绿色矿山165座; but 户 counts households, or firms only where the indicator says so
    if {q.unit, ind.default_unit} in ({"户", "家"}, {"户", "套"}, {"亩", "平方米"}):
        return True  # 规模以上工业企业3382户: firms in 户; 棚户区改造5万户: homes in 户 or 套; land in 亩 or 平方公里
    # any currency for a money indicator (2.17万亿美元 of 进出口总额), and money for a growth-rate
    # indicator stated as an amount (规上工业增加值1200亿元)
    return q.dimension.startswith("money") and ind.default_unit in ("元", "美元", "%")


def _implied_unit(q: Quantity, mention: Mention | None, view: str) -> str | None:
    """常住人口1386万, 生产总值4.2万亿: a magnitude without a unit takes the indicator's unit — unless a
    noun follows it (71.3万监测对象: the count of something else)."""
    if mention is None or q.unit or q.dimension != "number" or not q.raw_unit:
        return None
    if mention.start == q.span.end:  # 新增510万沼气用户: the indicator written right after the magnitude counts it
        return _post.count_unit(indicator(mention.indicator).default_unit)
    if _CJK_CHAR.match(view, q.span.end) and not compiled().glue.match(view, q.span.end) \
            and not view.startswith(("台阶", "大关", "关口"), q.span.end):
        return None
    unit = indicator(mention.indicator).default_unit
    return None if unit in _FREE_UNITS or unit in ("", "个百分点") else unit


def _signed(q: Quantity, sign: int) -> tuple[float, float | None, Bound]:
    if sign > 0:
        return q.value, q.value_max, q.bound
    if q.value_max is not None:
        return -q.value_max, -q.value, q.bound
    return -q.value, None, _FLIP.get(q.bound, q.bound)


_ACTION_TAIL = re.compile(rf"(?:{'|'.join(sorted(cues().get('action_verbs', []), key=len, reverse=True))})+$")
_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")


def extract_facts(text: str, view: str, sections: tuple[Section, ...], meta: DocMeta,
                  options: Options = DEFAULT, quantities: list[Quantity] | None = None) -> tuple[Fact, ...]:
    """``quantities``: ``find_quantities(view)`` when the caller has it already (the pipeline)."""
    fresh_memos()  # the answers kept per gap hold for one report
    quantities = outside_names(view, find_quantities(view) if quantities is None else quantities)
    if not quantities:
        return ()
    ends = [m.start() for m in _SENTENCE_END.finditer(view)]  # every end mark, found once
    mentions = find_mentions(view, _sentences_of(quantities, ends, len(view)))  # only where a number is
    mention_starts = [m.start for m in mentions]
    index = SectionIndex(sections)
    blocks = label_blocks(view, meta)
    block_starts = [b.start for b in blocks]
    own = own_names(meta)
    facts: list[Fact] = []
    qi = 0
    pos = 0
    paragraph_scope: tuple[int, str | None] = (-1, None)  # (paragraph start, rank scope)
    n = len(view)
    line_starts = [0] + [m.end() for m in _NEWLINE.finditer(view)]
    passages = PassageIndex(view)
    headings = context.heading_plans(sections, meta.plan_year)  # the plan period each part's heading names
    while qi < len(quantities):
        q0 = quantities[qi]
        j = bisect.bisect_left(ends, q0.span.start)
        s_end = ends[j] if j < len(ends) else n
        # the sentence starts after the last end mark since the previous sentence (never scan further back)
        s_start = (ends[j - 1] if j > 0 and ends[j - 1] >= pos else -1) + 1
        # a run of text with no end mark is no sentence: read at most _MAX_SENTENCE characters either
        # side of its first number (real sentences are under 700), so the cost stays linear
        s_start = max(s_start, pos, q0.span.start - _MAX_SENTENCE)
        s_end = min(s_end, max(q0.span.end, q0.span.start + _MAX_SENTENCE))
        qj = qi
        while qj < len(quantities) and quantities[qj].span.start < s_end:
            qj += 1
        if qj == qi:  # a quantity that starts on a sentence end (no grammar rule should make one)
            qi += 1
            continue
        para_start = line_starts[bisect.bisect_right(line_starts, s_start) - 1]
        if paragraph_scope[0] != para_start:
            paragraph_scope = (para_start, None)
        lo = bisect.bisect_left(mention_starts, s_start)
        hi = bisect.bisect_left(mention_starts, s_end)
        items = _walk(view, quantities[qi:qj], mentions[lo:hi], s_start, own)
        section = index.at(q0.span.start)
        sentence = text[s_start:s_end]
        scope = paragraph_scope[1]
        k = bisect.bisect_right(block_starts, q0.span.start) - 1
        block = blocks[k] if k >= 0 and q0.span.start < blocks[k].end else None
        facts_here, scope = _facts(items, view, sentence, s_start, para_start, section, meta, scope, options, block,
                                   passages, headings.get(section.id) if section else None)
        paragraph_scope = (para_start, scope)
        facts.extend(facts_here)
        qi, pos = qj, s_end
    return _first_mentions(facts)


def _sentences_of(quantities: list[Quantity], ends: list[int], n: int) -> list[tuple[int, int]]:
    """The whole sentences (between end marks) in which a quantity starts, in order: the walk reads
    no mention outside them."""
    out: list[tuple[int, int]] = []
    for q in quantities:
        j = bisect.bisect_left(ends, q.span.start)
        span = (ends[j - 1] + 1 if j > 0 else 0, ends[j] if j < len(ends) else n)
        if not out or out[-1] != span:
            out.append(span)
    return out


def _first_mentions(facts: list[Fact]) -> tuple[Fact, ...]:
    """A headline figure restated later (提出国内生产总值增长8%左右，主要是…) is kept once, where it is
    first stated; facts without a canonical indicator are all kept."""
    seen: set[tuple[object, ...]] = set()
    out = []
    for f in facts:
        if f.indicator is not None:
            key = (f.kind, f.period, f.indicator, f.measure, f.value, f.value_max, f.bound, f.rank_scope)
            if key in seen:
                continue
            seen.add(key)
        out.append(f)
    return tuple(out)


_PREFIX = re.compile(r"[\u4e00-\u9fff]{1,12}\Z")


def _modified(view: str, m: Mention, floor: int, own: tuple[str, ...] = ()) -> bool:
    """The words glued before a mention narrow it to a part (一般贸易进出口, 省属企业研发投入);
    the report's own place (2024年河南生产总值) does not."""
    prefix = _PREFIX.search(view, max(floor, m.start - 12), m.start)
    if prefix is None:
        return False
    words = prefix.group(0)
    last_glue = None
    for g in compiled().glue.finditer(words):
        last_glue = g
    touching = words[last_glue.end() :] if last_glue else words  # only what touches the mention counts
    touching = after_head_verbs(_ACTION_TAIL.sub("", touching))  # 新开工改造城镇老旧小区: verbs act on the mention
    for name in own:
        if touching.endswith(name):
            touching = touching[: -len(name)]
            if not touching or compiled().glue.fullmatch(touching):
                return False
            break
    # 正常年景下粮食产量, 扣除自然因素影响后空气优良天数比率: a condition before the subject, not a part
    c = compiled()
    if touching.endswith(c.part_prefixes):
        return True  # 海洋生产总值, 能源工业增加值: a sector of the indicator
    return len(touching) >= 3 and not touching.endswith(c.postpositions) and not _naming.own_words(touching, m)


def _distinct_subjects(items: list[_Item], unnamed: bool = False) -> bool:
    """Items with different subjects (``unnamed``: some may have none, and each is the level of its
    own subject, so the dimensions may differ: 接待游客3亿人次、游客花费3700亿元，分别增长…); else of
    one dimension."""
    ids = [it.mention.indicator for it in items if it.mention]
    if len(ids) < (1 if unnamed else len(items)):
        return False
    return len(set(ids)) == len(ids) and (unnamed or len({it.q.dimension for it in items}) == 1)


def _list_length(view: str, qs: list[Quantity], i: int) -> int:
    """How many quantities from ``qs[i]`` on form one list (6.8%、7.9%)."""
    n = 1
    while i + n < len(qs) and _LIST_GAP.fullmatch(view[qs[i + n - 1].span.end : qs[i + n].span.start]):
        n += 1
    return n


_CLAUSE_STOP = re.compile(r"[，,；;。：:、]")
_SHARE_OF = re.compile(r"[占在][^，,；;。]*$")  # 占全省一般公共预算收入比重, 在生产总值中的比重: X is the whole
_MEASURED = frozenset({"亩", "米", "平方米", "立方米", "千瓦", "吨", "标箱", "人次", "户"})  # 310公里农村公路, 2.3万人次职业技能培训


def _trailing_subject(view: str, q: Quantity, ms: list[Mention]) -> Mention | None:
    """For the few indicators written after their count (18万贫困人口脱贫): the mention that closes the
    number's clause within a few characters."""
    c = compiled()
    for m in ms:
        if m.start < q.span.end:
            continue  # a mention before the number (each test below asks for one after it)
        if m.start - q.span.end > 10:
            break  # the mentions are in order: none after this one is within reach either
        between = view[q.span.end : m.start]
        counted = _compatible(q, m, view) or (q.dimension == "number" and "人" in between)  # 18.34万剩余贫困人口
        if m.start >= q.span.end and m.indicator in c.trailing_subjects and len(between) <= 10 \
                and not _CLAUSE_STOP.search(between) and counted:
            return own_class(view, q.span.end, m)
        unit = indicator(m.indicator).default_unit
        counts = (q.unit in _CLASSIFIERS and unit in _CLASSIFIERS) or (q.unit == unit and q.unit in _MEASURED) \
            or (q.unit == unit == "人" != q.raw_unit and len(between) <= 4)  # 6.48万名监测对象: people in 名 before it
        if m.start >= q.span.end and len(between) <= 6 and not _CLAUSE_STOP.search(between) and counts \
                and counted_noun_ends(view, m):
            return own_class(view, q.span.end, m)  # 建成21个国家级产业集群, 建设47.8万亩高标准农田: an amount written before what it measures
    return _post.magnitude_noun(view, q, ms, lambda m: _implied_unit(q, m, view) is not None and counted_noun_ends(view, m))


def _walk(view: str, qs: list[Quantity], ms: list[Mention], s_start: int,
          own: tuple[str, ...] = ()) -> list[_Item]:
    """Pair each quantity of one sentence with its subject and measure."""
    c = compiled()
    if ms and qs:  # 剔除留抵退税因素后: what an aside names is no subject
        asides = [a.span() for a in _ASIDE.finditer(view, s_start, qs[-1].span.start)]
        ms = [m for m in ms if not any(a <= m.start and m.end <= b and (a + 1, b - 1) != (m.start, m.end)
                                       for a, b in asides)] if asides else ms  # 细颗粒物（PM2.5）: a gloss, no aside
    items: list[_Item] = []
    subject: Mention | None = None
    pending: list[Mention | None] = []  # subjects still to hand out to a 分别 list
    last_slots: list[Mention | None] = []
    slot_texts: list[str | None] = []  # the words of last_slots' items (汽车用锂电池、太阳能电池…分别)
    from_slots = False  # pending is a copy of last_slots
    anchor = s_start
    objects: list[Mention] = []  # mentions that are objects (占…比重, 高于…), not subjects
    consumed: set[int] = set()  # mentions taken by the count before them
    mi = 0
    narrowed: str | None = None  # the words of a mention narrowed to a part, for the figure after it
    for qi, q in enumerate(qs):
        fresh = False
        while mi < len(ms) and ms[mi].end <= q.span.start:
            m = ms[mi]
            mi += 1
            if m.start < anchor:
                continue
            if m.start in consumed:  # the subject of the count before it (18万贫困人口脱贫), no subject after
                subject, anchor = None, m.end
                continue
            if "；" in (between := view[anchor : m.start]) or ";" in between:  # a clause end (_CLAUSE_END)
                subject, last_slots = None, []
            if c.comparison.search(view[max(anchor, m.start - 4) : m.start]) or (c.denominator.match(view, m.end)
                    and _SHARE_OF.search(view, max(anchor, m.start - 16), m.start)):  # not 民间投资比重 (its own)
                objects.append(m)
                continue
            if _modified(view, m, floor := _naming.modifier_floor(ms, mi - 1, anchor), own):
                subject, pending = None, []  # 跨境电商平台进出口: a part of the indicator, not the indicator
                narrowed = _naming.narrowed_words(view, floor, anchor, m.end, narrowed)  # …and its words are its own
                anchor = m.end
                continue
            subject, anchor, objects, pending, fresh, narrowed = m, m.end, [], [], True, None
        gap = view[anchor : q.span.start]
        cut = max(gap.rfind("；"), gap.rfind(";"))
        if cut >= 0:
            subject, pending, last_slots, gap = None, [], [], gap[cut + 1 :]
        listed = bool(items) and _LIST_GAP.fullmatch(gap) is not None and items[-1].q.unit == q.unit
        resp = gap.rfind("分别")
        handout = False  # a list of values is handed to several subjects in turn
        if resp >= 0:
            slots = slots_of(view, ms, q.span.start - len(gap) + resp, s_start)
            if len(slots) > 1:
                pending, last_slots = list(slots), list(slots)
                slot_texts, from_slots = slot_words(view, q.span.start - len(gap) + resp, s_start, len(slots)), True
            elif len(last_slots) > 1:  # …分别达到X元、Y元，分别增长6.8%、7.9%
                pending, from_slots = list(last_slots), True
            elif subject is not None and subject.text in c.split_mentions and (not slots or slots == [None]):
                pending = last_slots = [Mention(subject.start, subject.end, ind, subject.text)
                                        for ind in c.split_mentions[subject.text]]  # 城乡居民收入连年增长，分别…
                slot_texts, from_slots = [], False
            elif not slots or slots == [None]:
                n = _list_length(view, qs, qi)  # A 30.9亿元，其中B 17.3亿元，分别增长13.3%、8.6%
                if n > 1 and len(items) >= n and _distinct_subjects(items[-n:], unnamed=True):
                    pending, from_slots = [it.mention for it in items[-n:]], False
        elif not listed and not fresh and len(last_slots) > 1 and _list_length(view, qs, qi) == len(last_slots) \
                and foreign_chars(gap) < 2:
            pending, handout, from_slots = list(last_slots), True, True  # …分别达X元、Y元，增长4.2%、5.3%
        elif not fresh and not listed and (n := _list_length(view, qs, qi)) > 1 and len(items) >= n \
                and foreign_chars(gap) < 2 and _distinct_subjects(items[-n:]):
            pending, handout, from_slots = [it.mention for it in items[-n:]], True, False  # A 17175元，B 5153元，…9.8%和8.5%
        elif fresh and subject is not None and (n := _list_length(view, qs, qi)) > 1:
            slots = slots_of(view, ms, subject.end, s_start)  # X和Y实际增长9.8%和8.5%
            if len(slots) == n and all(slots):
                pending, last_slots, handout = list(slots), list(slots), True
                slot_texts, from_slots = [], False
        plain = _continuing.from_opener(_naming.without_whole(_ASIDE.sub("", gap)), subject)  # （市口径）, 从不到: no new subject
        for o in objects:
            plain = plain.replace(o.text, "")
        named = subject  # the mention before this figure, for its words if it is no indicator of it
        slot_text = None
        if pending and (resp >= 0 or listed or handout):
            k = len(slot_texts) - len(pending) if from_slots else -1
            mention: Mention | None = pending.pop(0)
            words = slot_texts[k] if 0 <= k < len(slot_texts) else None  # …太阳能电池…分别; 交通、水利投资
            mention, slot_text = _naming.slot_item(view, mention, words, s_start, q.span.start)
        else:
            pending = []
            if subject is not None and q.unit not in _FREE_UNITS:  # 生产总值…，人均突破1万美元: per head
                subject = per_head(view, subject, q.span.start - len(gap), q.span.start)
            mention = subject
            if mention is not None and (foreign_chars(plain) >= 2 or c.relative.search(gap)):
                mention = subject = None
            elif mention is not None and not _compatible(q, mention, view):
                mention = None  # 连续9年, 两个…大关: a quantity of another dimension keeps the subject
            elif mention is not None and _post.count_unit(q.unit) and _post.new_noun(view, qs, qi, ms):
                mention = subject = None  # 森林乡村10个，新建8个公园游园: the count's own noun is a new subject
        if mention is not None and not _compatible(q, mention, view):
            mention = None
        if mention is not None and q.unit == "个百分点" and indicator(mention.indicator).default_unit != "%" \
                and any(w in gap for w in _RATE_WORDS):
            mention = None  # 生产总值增速比上年提高2.7个百分点: a change of its growth rate, not of the indicator
        trailing = False
        if mention is None and not pending:
            mention = _trailing_subject(view, q, ms)  # 288万农村贫困人口实现脱贫: the subject after the number
            trailing = mention is not None
            if mention is not None:
                consumed.add(mention.start)
            elif items and items[-1].mention is not None:
                mention = shared_head(view, anchor, q, items[-1].mention)  # 收入增长3%、支出下降2%
                mention = mention if mention is not None and _compatible(q, mention, view) else None
                if mention is not None:
                    subject = mention
        # a mention may carry the measure itself (经济增长, 物价涨幅): read it with the gap
        said = (mention.text[-2:] if mention is not None and mention.end == anchor
                and mention.text.endswith(c.measure_suffixes) else "") + gap
        if mention is not None and mention.end == anchor:
            said = verb_before(view, mention.start, mention.indicator in c.stocks) + said  # 每年增产原煤3000万吨
        if listed and items[-1].measure is not Measure.RANK:
            measure, sign = items[-1].measure, items[-1].sign  # 分别增长6.8%、7.9%
        else:
            measure, sign = _measure(said, q, mention, view)
            prev = items[-1] if items else None
            cont = continued(view, items, q, measure, ms, s_start) if mention is None and not pending else None
            if cont is not None and _compatible(q, cont, view):
                mention = cont  # 粮食产量达到3.9亿吨，比上年增产1199万吨: a figure of the indicator before it
                measure, sign = _measure(said, q, mention, view)
            measure, sign = _continuing.restated(gap, prev, mention, q, measure, sign)  # 增产2200万吨，即7.8%: its growth
            if (measure is Measure.LEVEL and prev is not None and prev.mention is mention and mention is not None
                    and prev.q.unit == q.unit and prev.measure is not Measure.RANK and (c.copula_only.fullmatch(gap) or (
                        prev.from_year is not None and prev.measure is Measure.SHARE))):
                measure, sign = prev.measure, prev.sign  # 增长13%以上，力争达到15%; 占…比重从40%提高到45%
            elif (prev is not None and prev.from_year is not None and prev.mention is mention and prev.q.unit == q.unit
                  and prev.measure is Measure.SHARE and (measure is Measure.LEVEL or gap.endswith("为"))
                  and not c.from_value.search(gap)):
                measure, sign = Measure.SHARE, 1  # 占比由22.5%提高到23.5%, 由25%下降为16%: the end of the pair too
        base = c.from_value.search(_continuing.from_base(gap))  # 从不到70万亿元增加到…
        if base and measure not in (Measure.RANK, Measure.SHARE):  # (在全省占比由22.5%: a share still)
            measure, sign = Measure.LEVEL, 1
        if mention is not None and mention.end == anchor:
            start = mention.start  # 全县生产总值增长8%左右
        else:  # 同比增长4%: the cue words after the last comma
            lead = _LEAD.search(gap[-_MAX_LEAD:])  # the same answer as on the whole gap, in bounded time
            start = q.span.start - (len(gap[-_MAX_LEAD:]) - lead.end() if lead else len(gap))
            start = max(start, q.span.start - _MAX_LEAD)
            while start < q.span.start and view[start - 1].isdigit() and view[start].isdigit():
                start += 1  # never begin inside a number (…955年)
            while start < q.span.start and view[start].isspace():
                start += 1  # nor on a space (预算赤字 1503亿元)
        both = gap.rfind("均")
        shared = slots_of(view, ms, q.span.start - len(gap) + both, s_start) if both >= 0 and resp < 0 else []
        if both >= 0 and resp < 0 and not any(shared) and items and items[-1].listed:
            run = len(items) - 1  # …分别增长5.1%和15.3%，增速均居全市第一: the subjects of the list before
            while run > 0 and items[run].listed:
                run -= 1
            shared = [it.mention for it in items[run:]]
        if len(shared) > 1 and all(shared) and len({m.indicator for m in shared if m}) == len(shared):
            # 生产总值、规上工业增加值两项指标均增长7%: one fact per subject
            for m in shared:
                if m is not None and _compatible(q, m, view):
                    items.append(_Item(q, m, measure, sign, gap, None, start))
        else:
            prev_item = items[-1] if items else None
            floor = prev_item.q.span.end if prev_item else s_start
            text = None if mention else (slot_text or unpaired_text(view, q, named, anchor, floor)
                                         or _subject_text(gap, earlier=False)
                                         or (narrowed if narrowed and foreign_chars(_naming.without_whole(gap)) < 2 else None)
                                         or _subject_text(gap))
            after = _post.after(view, qs, qi) if mention is None and text is None else None  # 建成350个美丽乡村
            held = any(after and q.span.end <= m.start < after.end for m in ms)
            if after and not held:  # (新开工2条高速公路，通车里程…: a mention in the words is the next subject)
                subject, pending = None, []  # the words after it are a new subject: the one before no longer holds
            text = after.words if after else text if mention else text or carried_text(prev_item, q, measure, gap, cut >= 0)
            whole = _naming.composed_mention(prev_item.mention if prev_item and not after else None, text, view,
                                             (floor, q.span.start)) or (_post.split_alias(view, q, after) if after else None)
            if mention is None and whole is None and not after and (
                    whole := named_before(view, ms, text, s_start, q.span.start)) is not None and _compatible(q, whole, view):
                measure, sign = _measure(view[whole.end : q.span.start], q, whole, view)  # 粮食连续增产，产量达到…
            if mention is None and whole is not None and _compatible(q, whole, view):
                trailing = whole.start >= q.span.end  # 接待120万人次游客: the alias closes on the noun after it
                mention, text, start = whole, None, start if trailing else whole.start  # 完成投资1万亿元: their investment
            items.append(_Item(q, mention, measure, sign, gap, text, start,
                               from_year=(str(context.year_value(base.group(1))) if base.group(1) else "") if base else None,
                               listed=listed, trailing=trailing,
                               words_end=after.end if after else 0, held=held))
        last = items[-1]  # past 建成2个X【和】…, unless a mention in those words is to be read (新开工2条高速公路，…)
        anchor, objects, narrowed = q.span.end if last.held else max(q.span.end, last.words_end), [], None
    return items


def _facts(items: list[_Item], view: str, sentence: str, s_start: int, para_start: int, section: Section | None,
           meta: DocMeta, scope: str | None, options: Options,
           block: Block | None = None, passages: PassageIndex | None = None,
           heading: str | None = None) -> tuple[list[Fact], str | None]:
    out: list[Fact] = []
    role = section.role if section else Role.OTHER
    c = compiled()
    lead, lead_base = context.lead_sentence(view, s_start, para_start)  # 其中…: the sentence before dates the figures
    sentence_span = Span(s_start, s_start + len(sentence))  # one for the sentence's facts (a frozen value)
    for i, it in enumerate(items):
        q = it.q
        rank_scope = rank_of = None
        if it.measure is Measure.RANK:
            rank_scope = ranks.rank_scope(it.gap, scope)
            scope = rank_scope
            rank_of = _rank_of(items, i)
        if it.mention is None and (not options.unmatched_facts or q.unit in _SPAN_UNITS):
            continue  # 连续5年, 近5年, 再延长30年: a span of time qualifies a statement, it is no figure
        before = view[s_start : q.span.start]
        framed = context.framed(lead, before)  # 其中…: read after the words of the figure it breaks down
        framed, before = framed is not before, framed
        paragraph = view[max(para_start, q.span.start - _MAX_PARAGRAPH) : q.span.start]  # a bounded look back
        passage = passages.passage(section.span.start, q.span.start) if section and passages else paragraph
        kind = kind_of(before, Role.FIVE_YEAR if heading and role is Role.OTHER else role, meta, paragraph, q.dimension)
        ahead = heading if heading is not None else context.forward_in_review(kind, role, before, passage, meta.plan_year)
        kind = Kind.TARGET if ahead and heading is None else kind  # “十五五”时期…《纲要草案》…主要指标 inside the review
        measure = it.measure
        if measure is Measure.GROWTH and not c.one_year.search(it.gap) and "每年" not in it.gap[-6:] and (head_base(before) or (
                c.span_words.search(before) and (c.plans.search(before) or c.five_year_context.search(before)))):
            # 1986年同1978年相比，…增长102%; “十三五”期间…增长45%: the growth over the span
            measure = Measure.GROWTH_CUM
        if it.from_year is not None:  # the starting level of a 由…增加到… pair
            base = head_base(before) or (lead_base if framed else None)
            period = it.from_year or (str(base) if base else
                                      began(kind, meta, before, paragraph, passage, heading))
            kind, source = Kind.ACTUAL, "sentence" if it.from_year or base else "report"
            if period is None or it.measure is Measure.RANK:
                continue  # 从世界第六位上升到第四位: the starting rank is not a figure of its own
        elif block is not None and not c.year.search(before) and not c.estimate.search(before):
            kind, period, source = block.kind, block.period, "passage"  # 2021年目标：…
            if period is None:
                period, source = period_of(kind, measure, before, it.gap, role, meta, paragraph,
                                           it.mention.indicator if it.mention else None, passage, ahead)
        else:
            period, source = period_of(kind, measure, before, it.gap, role, meta, paragraph,
                                       it.mention.indicator if it.mention else None, passage, ahead,
                                       view.endswith(("台阶", "大关", "关口"), 0, q.span.end))
        source = "passage" if framed and source == "sentence" else source  # (a year of the sentence broken down)
        if measure is Measure.GROWTH_CUM and period and period.isdigit() and (b := c.base_year.search(it.gap)) \
                and int(period) - context.year_value(b.group(1)) <= 1:
            measure = Measure.GROWTH  # 一九五九年…比一九五八年增长41%: over one year, a growth
        if measure is Measure.GROWTH and q.unit == "%":
            measure, period = context.growth_over(kind, period, before, it.gap, meta, passage, ahead)
        measure, period = _continuing.over_levels(out, it.mention and it.mention.indicator, it.gap, measure, period)
        value, value_max, bound = _signed(q, it.sign)
        bound = _list_bound(items, i, bound)
        unit = _implied_unit(q, it.mention, view) or q.unit
        if unit == "倍" and measure in (Measure.GROWTH, Measure.GROWTH_CUM):  # 增长1.71倍 → +171%
            head = next(j for j in range(i, -1, -1) if j == 0 or not items[j].listed)  # …的3.4倍和2.2倍
            less = 1 if _RATIO.search(items[head].gap) else 0  # 是2016年的1.6倍 → +60%
            value, value_max, unit = (round((value - less) * 100, 9),
                                      round((value_max - less) * 100, 9) if value_max is not None else None, "%")
            if head != i and out and out[-1].unit == "%" and out[-1].period and "-" in out[-1].period:
                period = out[-1].period  # 分别为1982年的3.4倍和2.2倍: the list's base and years
            if period and "-" in period:
                measure = Measure.GROWTH_CUM
            elif kind is Kind.ACTUAL and "-" in (meta.review_period or "") and not c.one_year.search(before):
                measure, period, source = Measure.GROWTH_CUM, meta.review_period, "report"  # 财政收入…增长1.71倍 in a five-year review
        out.append(Fact(
            kind=kind,
            period=period,
            indicator=it.mention.indicator if it.mention else None,
            indicator_text=it.mention.text if it.mention else it.subject_text,
            measure=measure,
            value=value,
            unit=unit,
            bound=bound,
            span=Span(it.start, it.mention.end if it.trailing and it.mention else max(q.span.end, it.words_end)),
            value_max=value_max,
            rank_scope=rank_scope,
            rank_of=rank_of,
            section=section.id if section else None,
            sentence=sentence,
            sentence_span=sentence_span,
            indicator_span=Span(it.mention.start, it.mention.end) if it.mention and not it.trailing else None,
            period_source=source,
        ))
    return out, scope


__all__ = ["Kind", "extract_facts"]
