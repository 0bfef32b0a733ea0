"""Ellipsis and names: the subjects a coordinated list shares (城镇、农村居民收入; 单位生产总值能耗、
二氧化碳排放量; 收入增长3%、支出…), and the numbers that are part of a name (“3个100万”)."""

from __future__ import annotations

import bisect
import re
from functools import cache

from govreport.errors import LexiconError
from govreport.facts.continuing import BASE
from govreport.facts.cues import compiled, foreign_chars
from govreport.facts.mentions import Mention, alias_index
from govreport.facts.subjects import verb_follows
from govreport.lexicons import cues, indicators
from govreport.model import Quantity

COORD = re.compile(r"[、和及与]|以及")
_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")


_QUOTED_NAME = re.compile(r"“[^“”\n]{1,12}”")


def outside_names(view: str, qs: list[Quantity]) -> list[Quantity]:
    """A number inside a short quotation is part of a name (“3个100万”工程, “最后一公里”, “117项目”,
    “40条”措施), not a figure; a doubling stays (实现“双翻番”: both figures doubled)."""
    spans = [m.span() for m in _QUOTED_NAME.finditer(view)]
    if not spans:
        return qs
    starts = [a for a, _ in spans]
    out = []
    for q in qs:
        k = bisect.bisect_right(starts, q.span.start) - 1
        if k >= 0 and q.span.end <= spans[k][1] and q.dimension != "doubling":
            continue
        out.append(q)
    return out


def slots_of(view: str, ms: list[Mention], respectively: int, floor: int) -> list[Mention | None]:
    """The subjects a 分别 hands values to, in order: 固定资产投资、规上服务业营收分别增长… →
    [固定资产投资, None]; 城乡居民人均可支配收入分别… → [城镇…, 农村…] (a split mention)."""
    head_start = _clause_start(view, floor, respectively)
    slots = _slots(view, ms, head_start, respectively)
    if any(slots) or head_start <= floor or view[head_start - 1] not in "，,":
        return slots
    # 化学需氧量、二氧化硫排放总量继续下降，比上年分别下降3.1%和4.2%: a clause of only a base and cue words hands
    # the values to the list the clause before it names (one with no figure of its own)
    if foreign_chars(BASE.sub("", view[head_start:respectively])) > 0:
        return slots
    before = _clause_start(view, floor, head_start - 1)
    if _DIGIT.search(view, before, head_start):
        return slots
    earlier = _slots(view, ms, before, head_start - 1)
    return earlier if len(earlier) > 1 and all(earlier) else slots


_DIGIT = re.compile(r"\d")


def _clause_start(view: str, floor: int, end: int) -> int:
    return max(floor, *(view.rfind(ch, floor, end) + 1 for ch in "，,；;：:"))


def _slots(view: str, ms: list[Mention], head_start: int, respectively: int) -> list[Mention | None]:
    c = compiled()
    if split := split_words(view, head_start, respectively):
        return split
    head = view[head_start:respectively]
    for m in ms:  # 城、乡居民人均可支配收入: one mention that names both subjects
        if head_start <= m.start and m.end <= respectively and COORD.search(m.text) and m.text in c.split_mentions:
            return [Mention(m.start, m.end, ind, m.text) for ind in c.split_mentions[m.text]]
    slots: list[Mention | None] = []
    pos = head_start
    pieces = COORD.split(head)
    for k, piece in enumerate(pieces):
        end = pos + len(piece)
        inside = [m for m in ms if pos <= m.start and m.end <= end
                  and not c.comparison.search(view[max(pos, m.start - 4) : m.start])]
        m = inside[-1] if inside else None
        if m is None and k + 1 < len(pieces):
            m = _elided(piece, pos, ms, end)  # 城镇、农村居民人均可支配收入: 城镇 shares the rest
        if m is None and k > 0:
            m = _shares_first(pieces[0], piece, pos)  # 单位生产总值能耗、二氧化碳排放: the first's head
        split = c.split_mentions.get(m.text, ()) if m is not None else ()
        if split:
            slots += [Mention(m.start, m.end, ind, m.text) for ind in split]  # type: ignore[union-attr]
        else:
            slots.append(m)
        pos = end + 1
    return slots


def _elided(piece: str, pos: int, ms: list[Mention], end: int) -> Mention | None:
    """In 城镇、农村居民人均可支配收入 the first item is 城镇 + the rest of the second's name."""
    nxt = next((m for m in ms if m.start > end), None)
    word = piece.strip()
    words = [word]
    if (g := compiled().glue.match(word)) and 0 < g.end() < len(word):
        words.append(word[g.end() :])  # 其中城镇、农村居民收入, 金融机构存、贷款余额 (第一、第三产业 tried whole first)
    aliases = alias_index()
    for word in words:
        if nxt is None or not word or len(word) > 6:
            continue
        for cut in range(1, len(nxt.text)):
            ind = aliases.get(word + nxt.text[cut:])
            if ind is not None:
                return Mention(end - len(word), end, ind, word + nxt.text[cut:])
    return None


def _shares_first(first: str, piece: str, pos: int) -> Mention | None:
    """单位生产总值能耗、二氧化碳排放量分别…: a later item takes the head of the first one (单位生产总值)
    when the head plus its words is an alias."""
    word = piece.strip()
    head = _PIECE_HEAD.match(word)
    if head is None or head.start() != 0:
        return None
    aliases = alias_index()
    first = first.strip()
    if head.end() != len(word):
        return None  # the whole item is the elided name's tail (能耗), not its start (游客人均花费)
    for cut in range(len(first) - 1, 1, -1):
        for lead in range(0, min(cut - 1, 10)):  # 全区地方财政收入、支出, 今年全区完成一般公共预算收入、支出: the head may start inside the item
            name = first[lead:cut] + word
            if name in aliases:
                start = pos + piece.index(word)
                return Mention(start, start + len(word), aliases[name], name)
    return None


def counted_noun_ends(view: str, m: Mention) -> bool:
    """The counted mention ends the noun phrase (建成21个产业集群，…), rather than heading a longer one
    (3个产业集群项目: a count of projects); a verb after it ends it too (8家全国重点实验室落户河北)."""
    return m.end >= len(view) or not _CJK_CHAR.match(view, m.end) or compiled().glue.match(view, m.end) is not None \
        or verb_follows(view, m.end)


_PIECE_HEAD = re.compile(r"[\u4e00-\u9fff]{2,8}")


def shared_head(view: str, anchor: int, q: Quantity, prev: Mention) -> Mention | None:
    """一般公共预算收入增长3%、支出下降2%: a clause that opens on a bare noun shares the head of the
    subject before it, when the head plus that noun is itself an alias (一般公共预算支出)."""
    gap = view[anchor : q.span.start]
    cut = max(gap.rfind(ch) for ch in "，,、")
    if cut < 0 or prev.end > anchor:
        return None
    at = anchor + cut + 1
    head = _PIECE_HEAD.match(view, at, q.span.start)
    if head is None:
        return None
    aliases = alias_index()
    for k in range(len(head.group(0)), 1, -1):
        word = head.group(0)[:k]
        for keep in range(len(prev.text) - 1, max(0, len(prev.text) - 5), -1):
            name = prev.text[:keep] + word
            ind = aliases.get(name)
            if ind is not None and name != prev.text and ind != prev.indicator:
                return Mention(at, at + k, ind, name)
    # 接待游客3亿人次、总花费超过4500亿元; 培养本科毕业生584万人，研究生17.2万人: the subject's head without its
    # verb (接待, 培养) or count word (人次); never without a modifier (国内游客人次、总花费: domestic, not all, spending)
    lead = next((v for v in _SUBJECT_VERBS if prev.text.startswith(v)), "")
    tail = next((w for w in _COUNT_WORDS if prev.text.endswith(w)), "")
    core = prev.text[len(lead) : len(prev.text) - len(tail)]
    for k in range(len(head.group(0)), 1, -1):
        word = head.group(0)[:k]
        for name in (core + word, prev.text[len(lead) :] + word) if len(core) >= 2 else ():
            ind = aliases.get(name)
            if ind is not None and name != prev.text and ind != prev.indicator:
                return Mention(at, at + k, ind, name)
    return None


_SUBJECT_VERBS = ("全年接待", "接待", "共培养", "培养")
_COUNT_WORDS = ("人次", "人数", "总数", "数量")


_OWN_CLASS = re.compile(r"([\u4e00-\u9fff]{1,6}?)(?:[、和及与]|以及)")


def own_class(view: str, end: int, m: Mention) -> Mention | None:
    """3个万亿级和7个千亿级产业集群: a count whose own class word (万亿级) is coordinated with another count's
    name takes that word plus the name's head (万亿级产业集群) — the id of that alias, else no subject; a
    count with nothing of its own before the name (3个和7个…) counts the name."""
    between = view[end : m.start]
    own = _OWN_CLASS.match(between)
    if own is None or not _DIGIT.search(between, own.end()):
        return m
    word = own.group(1)
    aliases = alias_index()
    for cut in range(1, len(m.text)):
        name = word + m.text[cut:]
        if name in aliases and len(name) > len(word):
            return Mention(end, end + len(word), aliases[name], name)
    return None


@cache
def _split_words() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``cues.split_words``, longest first; every id must be a canonical indicator."""
    known = indicators()
    out = []
    for words, ids in cues().get("split_words", {}).items():
        missing = [i for i in ids if i not in known]
        if missing or len(ids) < 2:
            raise LexiconError(f"lexicon cues.yaml: split_words {words!r}: unknown ids {missing} or fewer than two")
        out.append((words, tuple(ids)))
    return tuple(sorted(out, key=lambda kv: -len(kv[0])))


_GLOSS = re.compile(r"[(（][^()（）]*[)）]")
_SPLIT_REST = frozenset({"", "增加值", "产业增加值"})


def split_words(view: str, start: int, end: int) -> list[Mention | None]:
    """一二三产（第一、二、三产业增加值）分别…, 三次产业增加值分别…: the words that list the three industries hand
    one value to each; [] when no such words, or other words (三次产业投资: investment, not value added) follow."""
    head = view[start:end]
    for words, ids in _split_words():
        at = head.find(words)
        if at >= 0 and _GLOSS.sub("", head[at + len(words) :]).strip() in _SPLIT_REST:
            return [Mention(start + at, start + at + len(words), ind, words) for ind in ids]
    return []
