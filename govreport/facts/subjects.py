"""Subject words a figure carries after it: the noun phrase written after a number and its unit.

Reports often count things by writing the amount first: 建成350个美丽乡村, 新增450万农村沼气用户,
为5.01万名农民工追回欠薪, 设立10亿元绿色发展基金, 86.5%的养老机构开展医养结合. When nothing before the
number names a subject, these words are the figure's ``indicator_text``: the phrase right after the
unit (after a 的 for a share of a population), up to a verb or adverb (``subject_after.stops`` in
``lexicons/cues.yaml``), a mark or the next number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from govreport.errors import LexiconError
from govreport.facts.cues import compiled
from govreport.lexicons import cues, read_tsv, units
from govreport.model import Quantity

_CJK = re.compile(r"[\u4e00-\u9fff]")
# the characters of a noun phrase: CJK, quotes and book-title marks inside it, Latin letters (5G基站)
_PHRASE = re.compile(r"(?:[\u4e00-\u9fff“”《》·]|[A-Za-z]+|\d+(?=[A-Za-z]))+")
_MAX_WORDS = 16  # a longer run with no stop is a clause, not a name
_NO_SUBJECT_UNITS = frozenset({"%", "个百分点", "位", "倍", "年", "次"})  # 3次调高…: a count of acts
_DROPPED_TAIL = re.compile(r"[和及与或等、]+$")
_CHANGES = ("growth", "growth_neg", "growth_avg", "growth_avg_neg", "change")  # measure words that are verbs
_YEAR = re.compile(r"(?:19|20)\d\d年(?:末|底)?")


@dataclass(frozen=True, slots=True)
class _Lexicon:
    stops: re.Pattern[str]
    verbs: re.Pattern[str]  # the stops of the lexicon's own list and the measure words: never in a noun phrase
    not_subjects: frozenset[str]
    leads: tuple[str, ...]
    head_verb: re.Pattern[str]
    measure_nouns: frozenset[str]
    tail: re.Pattern[str]
    openers: tuple[str, ...]
    heads: tuple[str, ...]
    lead_nouns: tuple[str, ...]  # nouns that open on a lead (年度改革任务, 千兆小区)
    adverbs: re.Pattern[str]  # adverbs before a task verb (重点培育, 着力打造)


def _words(data: dict[str, object], key: str) -> list[str]:
    words = data.get(key)
    if not isinstance(words, list) or not words or not all(isinstance(w, str) and w for w in words):
        raise LexiconError(f"lexicon cues.yaml: subject_after.{key} must be a non-empty list of words")
    return words


@cache
def _lexicon() -> _Lexicon:
    data = cues().get("subject_after")
    if not isinstance(data, dict):
        raise LexiconError("lexicon cues.yaml: missing section 'subject_after'")
    measure = cues()["measure"]
    verbs = _words(data, "stops") + [w for cat in _CHANGES for w in measure.get(cat, [])]
    stops = verbs + [w for cat in measure.values() for w in cat] + list(cues().get("action_verbs", []))
    alt = "|".join(re.escape(w) for w in sorted(set(stops), key=len, reverse=True))
    verb_alt = "|".join(re.escape(w) for w in sorted(set(verbs), key=len, reverse=True))
    # 在 stops a phrase (农户在…增加了收入) unless it is part of a word (所在, 存在, 现在)
    # 通了客车: a character before 了 is a verb
    # 引进项目, 发放育儿补贴, 推广了高产品种: a task verb heading the words before a figure is no part of its name
    tasks = [r["verb"].strip() for r in read_tsv("task_verbs.tsv") if r["kind"].strip() in ("action", "named")]
    tasks += list(cues().get("action_verbs", [])) + _words(data, "head_verbs")
    head = "|".join(re.escape(w) for w in sorted(set(tasks), key=len, reverse=True))
    keep = "|".join(re.escape(w) for w in sorted(_words(data, "stop_exceptions"), key=len, reverse=True))
    return _Lexicon(
        re.compile(rf"(?!{keep})(?:{alt})|(?<![所存现实自])在|[\u4e00-\u9fff](?=了)"),  # 通了客车: a character before 了 is a verb
        re.compile(rf"{verb_alt}|[\u4e00-\u9fff]了"),
        frozenset(_words(data, "not_subjects")), tuple(_words(data, "leads")),
        re.compile(rf"(?:{head})+了?"), frozenset(_words(data, "measure_nouns")),
        re.compile(rf"(?:{'|'.join(re.escape(w) for w in sorted(_words(data, 'tails'), key=len, reverse=True))})+$"),
        tuple(_words(data, "clause_openers")), tuple(sorted(_words(data, "heads"), key=len, reverse=True)),
        tuple(_words(data, "lead_nouns")),
        re.compile(f"(?:{'|'.join(re.escape(w) for w in sorted(_words(data, 'verb_adverbs'), key=len, reverse=True))})+"))


def without_tail(words: str) -> str:
    """播种面积安排, 总产值预计: a plan's or an estimate's verb at the end of a name is no part of it."""
    return _lexicon().tail.sub("", words)


_COORD = re.compile(r"[、和及与]|以及")
_COMPARED = re.compile(r"(?:较|比|同比|与|同)[^、和及与]*$")
_SHORT = 4  # an item this short shares the head noun of the last one (工业、制造业投资)


def slot_words(view: str, respectively: int, floor: int, n: int) -> list[str | None]:
    """The words of each item of the list a 分别 hands values to (生产安全事故起数、死亡人数较上年分别下降…
    → [生产安全事故起数, 死亡人数]); a short item takes the head noun (``subject_after.heads``) of the last
    one (交通、水利投资 → 交通投资). [] when the list does not have ``n`` items."""
    head_start = max(floor, *(view.rfind(ch, floor, respectively) + 1 for ch in "，,；;：:"))
    pieces = _COORD.split(view[head_start:respectively])
    if len(pieces) != n:
        return []
    glue = compiled().glue
    cleaned: list[str] = []
    for piece in pieces:
        piece = _COMPARED.sub("", _YEAR.sub("", piece.strip()))  # 2025年…, …较“十三五”同期
        while (g := glue.match(piece)) and 2 <= g.end() < len(piece) - 1:
            piece = piece[g.end() :]  # 全年交通: the time or place prefix is no part of the name (新能源 keeps 新)
        trail = compiled().trailing_cues.search(piece)
        cleaned.append(_DROPPED_TAIL.sub("", without_tail(piece[: trail.start()] if trail else piece)))
    last = cleaned[-1]
    head = next((h for h in _lexicon().heads if last.endswith(h) and len(last) > len(h)), "")
    out: list[str | None] = []
    for k, piece in enumerate(cleaned):
        if head and k < n - 1 and len(piece) <= _SHORT and not piece.endswith(head):
            piece += head
        out.append(piece if len(_CJK.findall(piece)) >= 2 and not foreign_marks(piece) else None)
    return out


def foreign_marks(words: str) -> bool:
    """Marks no name has (a quote left open, a bracket)."""
    return words.count("“") != words.count("”") or any(ch in words for ch in "（）()")


def names_a_part(words: str) -> bool:
    """Whether the words glued after a mention name a measure of it (棉花|播种面积安排为) rather than act
    on it (城镇老旧小区|改造涉及居民): no verb in them, once the cue and plan words that end them are cut."""
    lex = _lexicon()
    trail = compiled().trailing_cues.search(words)
    words = without_tail(words[: trail.start()] if trail else words)
    return not _has_verb(words) and lex.head_verb.search(words) is None


def _has_verb(words: str) -> bool:
    """A verb of ``subject_after.stops`` or a measure verb in ``words``; one followed by 率 names a rate (覆盖率)."""
    return any(not words.startswith("率", m.end()) for m in _lexicon().verbs.finditer(words))


def after_head_verbs(words: str) -> str:
    """The words glued before a mention less the task verbs heading them (优化重组|全国重点实验室,
    开发|城镇|公益性岗位): a verb acts on the mention, it never narrows it to a part."""
    verb = _lexicon().head_verb.match(words)
    rest = words[verb.end() :] if verb else words
    return words if len(rest) == 1 else rest  # 开发区, 建设局: a verb glued to one character heads a noun


def verb_follows(view: str, pos: int) -> bool:
    """Whether a verb of ``subject_after.stops`` (or an action or measure word) starts at ``pos``: the noun
    phrase before it ended (6家全国重点实验室【重组】入列, 20项民生实事【全面】完成)."""
    return _lexicon().stops.match(view, pos) is not None


def may_be_subject(clause: str) -> bool:
    """Whether a whole clause may be the subject of the figures after its comma (邮路总长度，由…增加到…):
    a noun phrase of at most 24 characters, with no verb of ``subject_after.stops``, no measure word and no
    number in it, not opening on a task verb or a clause opener (面对, 通过 …)."""
    lex = _lexicon()
    clause = _YEAR.sub("", clause.strip())  # 1979年交付使用的固定资产: a year dates the subject, it is no figure
    return (0 < len(clause) <= 24 and not any(ch.isdigit() for ch in clause) and not clause.startswith(lex.openers)
            and not _has_verb(clause) and lex.head_verb.match(clause) is None)


def head_verb_end(words: str) -> int:
    """Where the task verbs heading ``words`` end (0: none)."""
    verb = _lexicon().head_verb.match(words)
    return verb.end() if verb else 0


def without_head_verb(words: str) -> str:
    """The subject words before a figure less a task verb at their head (引进项目60个 → 项目); kept whole
    when what follows the verb is only a measure of it (绿化面积, 竣工率, 救助人数)."""
    lex = _lexicon()
    adverb = lex.adverbs.match(words)  # 重点培育打造2家…: an adverb before the task verb goes with it
    verb = lex.head_verb.match(words) or (lex.head_verb.match(words, adverb.end()) if adverb else None)
    if verb is None:
        return words
    rest = words[verb.end() :]
    if not rest:
        return rest  # 关停, 建立了, 启动建设: only verbs, no name
    if len(_CJK.findall(rest)) < 2 or rest in lex.measure_nouns:
        return words
    return rest


@cache
def unit_words() -> tuple[str, ...]:
    """Units of two characters or more (公里, 人次, 千瓦): words after a number that begin with one are a
    unit the number left (三百二十亿人公里), never a name."""
    return tuple(u for u in units() if len(u) >= 2)


def words_after(view: str, q: Quantity, limit: int | None = None) -> tuple[str, int] | None:
    """The noun phrase written right after ``q`` and where it ends, or None: 建成350个【美丽乡村】;
    a percent only as a share of a population (96.2%的【养老机构】). ``limit``: where the next
    figure starts (the words never reach into it)."""
    if q.unit in _NO_SUBJECT_UNITS and not (q.unit == "%" and view.startswith("的", q.span.end)):
        return None
    lex = _lexicon()
    start = q.span.end
    if view.startswith("的", start):
        start += 1  # 七万千瓦的全套水力发电设备, 60%的职工
    end = start + _MAX_WORDS + 1 if limit is None else min(limit, start + _MAX_WORDS + 1)
    run = _PHRASE.match(view, start, end)
    if run is None:
        return None
    words = run.group(0)
    if lex.stops.match(words) or (words.startswith(lex.leads) and not words.startswith(lex.lead_nouns)) \
            or words.startswith(unit_words()):
        return None  # 筹措7亿元实施…, 惠及26个省份 is read by what follows the verb, not as it
    stop = lex.stops.search(words)
    ends = [k for k in (stop.start() if stop else -1, words.find("的")) if k >= 0]  # 14亿多中国人的饭碗: up to 的
    if ends:
        words = words[: min(ends)]
    elif run.end() - start > _MAX_WORDS or ((view[run.end() : run.end() + 1].isdigit() or run.end() == limit)
                                            and not _DROPPED_TAIL.search(words)):
        return None  # a clause, or the subject of the next figure (300个项目总投资500亿元)
    if words.endswith("级") and view.startswith(("、", "和"), start + len(words)):
        return None  # 6个国家级、20个省级临床重点专科: a modifier whose noun the list shares
    words = _DROPPED_TAIL.sub("", words)
    if len(_CJK.findall(words)) < 2 or words in lex.not_subjects or words.count("“") != words.count("”"):
        return None
    return words, start + len(words)


def subject_examples() -> list[tuple[str, str | None]]:
    """``subject_after.examples``: [text, the words after its first number (null: none)]."""
    data = cues()["subject_after"]
    return [(str(text), None if words is None else str(words)) for text, words in data.get("examples", [])]
