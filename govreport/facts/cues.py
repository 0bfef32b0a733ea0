"""Compiled cue-word matchers (from ``lexicons/cues.yaml``) used by the fact extractor."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from govreport.errors import LexiconError
from govreport.lexicons import cues, indicators

_CJK = re.compile(r"[\u4e00-\u9fff]")


def _alt(words: list[str] | tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _alt_not_after(words: list[str] | tuple[str, ...], chars: str, tail: str = "") -> str:
    """``(?<![chars])(?:w1|w2|…)tail`` with the look-behind written after each word (``w(?<![chars].{n})``)
    and the branches flat: the same matches in the same order, but every branch starts with a
    literal, so the regex engine skips ahead to candidate characters instead of testing the
    look-behind at every position (several times faster on a paragraph)."""
    assert not any("\n" in w for w in words)  # ``.`` stands for the word's own characters
    return "|".join(rf"{re.escape(w)}(?<![{chars}].{{{len(w)}}}){tail}"
                    for w in sorted(set(words), key=len, reverse=True))


def _flat(head: list[str], tails: tuple[str, ...]) -> str:
    """``(?:h1|h2|…)t1|(?:h1|h2|…)t2`` written flat (``h1t1|h2t1|…|h1t2|…``): the same matches, found
    faster because every branch starts with a literal."""
    words = sorted(set(head), key=len, reverse=True)
    return "|".join(f"{re.escape(w)}{t}" for t in tails for w in words)


@dataclass(frozen=True, slots=True)
class Cues:
    glue: re.Pattern[str]
    measure: re.Pattern[str]
    measure_kind: dict[str, str]
    share: re.Pattern[str]
    base_year: re.Pattern[str]
    rank_scope: re.Pattern[str]
    scope_of: dict[str, str]
    rank_region: re.Pattern[str]  # 西部, 中部六省: a group of regions, a scope the contract has no value for
    comparison: re.Pattern[str]
    relative: re.Pattern[str]
    denominator: re.Pattern[str]
    from_value: re.Pattern[str]
    split_mentions: dict[str, tuple[str, ...]]
    copula_only: re.Pattern[str]
    trailing_cues: re.Pattern[str]
    target: re.Pattern[str]
    estimate: re.Pattern[str]
    past: re.Pattern[str]
    year: re.Pattern[str]
    plan_words: re.Pattern[str]
    five_year: re.Pattern[str]
    one_year: re.Pattern[str]
    rank_verb: re.Pattern[str]
    ranked_by: dict[str, str]
    measure_suffixes: tuple[str, ...]
    postpositions: tuple[str, ...]
    plans: re.Pattern[str]
    flows: frozenset[str]
    stocks: frozenset[str]  # 新增 before one of these is a change of it (新增耕地1.2万亩)
    past_one_year: re.Pattern[str]
    five_year_context: re.Pattern[str]
    plan_years: dict[str, str]
    head_base: re.Pattern[str]
    goal_in_review: re.Pattern[str]
    target_lead: re.Pattern[str]
    estimate_passage: re.Pattern[str]
    span_words: re.Pattern[str]
    plan_end: re.Pattern[str]
    year_range: re.Pattern[str]
    block_label: re.Pattern[str]
    block_target: frozenset[str]
    part_prefixes: tuple[str, ...]
    trailing_subjects: frozenset[str]


_CN_YEAR_DIGITS = "〇零○一二三四五六七八九"


_CN_YEAR = "[一二][九〇零○][〇零○一二三四五六七八九]{2}年"  # 一九六三年: a base year spelled out
_PLAN = "“?[一二三四五六七八九十]{1,2}五”?(?:时期|期间)"  # 比“十三五”时期: a plan period as the base (末: a level, read elsewhere)


@cache
def compiled() -> Cues:
    c = cues()
    m = c["measure"]
    ctx = c["context"]
    if unknown := set(c.get("stock_indicators", [])) - set(indicators()):
        raise LexiconError(f"lexicon cues.yaml: stock_indicators: unknown ids {sorted(unknown)}")
    kind_of: dict[str, str] = {}
    # later lists override earlier ones for a word in several (增加: growth with %, change otherwise)
    for cat in ("level_verbs", "change", "growth", "growth_neg", "growth_avg", "growth_avg_neg"):
        for w in m.get(cat, []):
            kind_of[w] = cat
    scope_of = {w: scope for scope, ws in c["rank_scope"].items() for w in ws}
    glue_words = list(c["glue"]) + list(kind_of) + list(scope_of) + list(c["rank_verbs"]) + list(c.get("action_verbs", []))
    for ws in c["bound_prefix"].values():
        glue_words += ws
    for ws in c["bound_suffix"].values():
        glue_words += ws
    # 西部, 中部地区, 中部六省, 西部12省区市, 中部省会城市: a group of regions, glue before a rank
    regions = (rf"(?:{_alt(c.get('rank_regions', ['西部']))})(?:地区)?(?:[一二三四五六七八九十\d]{{1,2}}个?)?"
               r"(?:省区市|省区|省市|省份|省会城市|城市|省)?")
    return Cues(
        glue=re.compile(rf"{_alt(glue_words)}|{regions}|(?:19|20)\d\d年|{_CN_YEAR}|[一二三四五六七八九十两]+年|\d+(?:\.\d+)?%?|[第位]"),
        measure=re.compile(_alt(list(kind_of))),
        measure_kind=kind_of,
        share=re.compile(r"占[^，,。；;]{0,24}?(?:的)?(?:比重|比例|份额)|占比|所占比例|比重"),
        base_year=re.compile(rf"(?:较|比|与|同|是|(?:(?<=[，,、别])为|等于|相当于|达到)(?=[^年]{{4}}年的))"  # ，为1997年的2.9倍
                             rf"((?:19|20)\d\d|[一二][九〇零○][{_CN_YEAR_DIGITS}]{{2}})年(?:末|底)?(?:相比|的)?"),
        rank_scope=re.compile(_alt(list(scope_of))),
        scope_of=scope_of,
        rank_region=re.compile(regions),
        comparison=re.compile(rf"(?:{_alt(c['object_before'])})$"),
        # 高于全省平均水平2个百分点, 快于规模以上工业4个百分点: relative to something else;
        # 比/较 only when not 同比, 可比价格, 比上年, 比重, 较2015年, 比一九六三年 (a base year is a measure)
        relative=re.compile(rf"(?:{_alt(c['relative'])}|(?<![同可对占])比(?!{_CN_YEAR}|{_PLAN})[^上去同较\d重例率年]"
                            rf"|较(?!{_CN_YEAR}|{_PLAN})[^上去同\d年])"  # (比“十三五”时期: a base period, no other figure)
                            r"[^，,、；;]+$"),
        denominator=re.compile(r"中?的?(?:比重|比例)"),  # 国内生产总值中的比重: a denominator
        # 由2015年的X, 从一九八○年的X; 比一九八五年的X (a base year's level: 的 and a year required)
        from_value=re.compile(rf"(?:由|从|[比较](?=(?:19|20)\d\d年(?:末|底)?的|[一二][九〇零○][{_CN_YEAR_DIGITS}]{{2}}年的))"
                              rf"(?:((?:19|20)\d\d|[一二][九〇零○][{_CN_YEAR_DIGITS}]{{2}})年(?:末|底)?|上年|去年|上年末)?"
                              r"的?(?:世界|全国|全省|全市)?$"),
        split_mentions={k: tuple(v) for k, v in c.get("split_mentions", {}).items()},
        copula_only=re.compile(r"[，,、]?(?:力争|争取|努力|确保)?(?:达到|实现|为|达)?"),
        trailing_cues=re.compile(rf"(?:{_alt(list(kind_of) + [w for ws in c['bound_prefix'].values() for w in ws])})+$"),
        target=re.compile(_alt(c["kind"]["target"])),
        estimate=re.compile(_alt(c["kind"]["estimate"])),
        past=re.compile(_alt(c["context"]["past"])),
        # (?<![\d〇…])((?:19|20)\d\d|[一二][九〇零○][〇…]{2})年, its branches led by literals (see _alt_not_after)
        year=re.compile(rf"(19\d\d|20\d\d|一[九〇零○][{_CN_YEAR_DIGITS}]{{2}}|二[九〇零○][{_CN_YEAR_DIGITS}]{{2}})"
                        rf"(?<![\d{_CN_YEAR_DIGITS}].{{4}})年"),
        plan_words=re.compile(_alt(c["context"]["plan"])),
        five_year=re.compile(rf"{_alt(c['context']['five_year'])}|到20\d\d年|"  # (?<![〇…十])[六七八九]五(?!年):
                             + _alt_not_after(["六五", "七五", "八五", "九五"], "〇零○一二三四五六七八九十", "(?!年)")),
        one_year=re.compile(_alt(c["context"]["one_year"])),
        rank_verb=re.compile(_alt(c["rank_verbs"])),
        ranked_by=dict(c["ranked_by"]),
        measure_suffixes=tuple(c["measure_suffixes"]),
        postpositions=tuple(c["postpositions"]),
        # “八五” but not the 八五 of 一九八五年
        plans=re.compile(_alt_not_after(list(c["five_year_plans"]), "〇零○一二三四五六七八九十", "(?!年)")),
        flows=frozenset(c["flow_indicators"]),
        stocks=frozenset(c.get("stock_indicators", [])),
        past_one_year=re.compile(r"过去一年|这一年|全年|今年以来"),
        five_year_context=re.compile(_alt(c["five_year_context"])),
        plan_years={k: str(v) for k, v in c["five_year_plans"].items()},
        head_base=re.compile(rf"(?:同|与|和|比|较)((?:19|20)\d\d|[一二][九〇零○][{_CN_YEAR_DIGITS}]{{2}})年(?:末|底)?"
                             r"(?:相比|比较|相较)"),
        goal_in_review=re.compile(_alt(ctx["in_passing"])),
        # (?:lead)(?:是|为|如下)?[:：]|(?:lead)(?:是|为)(?!…实现|完成), written flat
        target_lead=re.compile(_flat(ctx["target_lead"], ("(?:是|为|如下)?[:：]", "(?:是|为)(?![^，,。；;]*(?:实现|完成))"))),
        estimate_passage=re.compile(r"(?:预计|预计数|预计值)[，,、]?下同"),
        span_words=re.compile(_alt(ctx["span"])),
        year_range=re.compile(rf"((?:19|20)\d\d|[一二][九〇零○][{_CN_YEAR_DIGITS}]{{2}})年?(?:到|至|—|-|～|~)"
                              rf"((?:19|20)\d\d|[一二][九〇零○][{_CN_YEAR_DIGITS}]{{2}})年"),
        plan_end=re.compile(r"[”’\"';；\s]*(?:期末|末|最后一年)"),
        block_label=re.compile(rf"(?:^[^\n，,。；;:：]{{0,14}}?|(?:(?:19|20)\d\d年|[“\"]?(?:{_alt(list(c['five_year_plans']))})[”\"]?"
                               rf"(?:时期|期间)?)(?:的|主要)?)(?P<word>{_alt(ctx['block_target'] + ctx['block_actual'])})"
                               r"(?:是|为|如下)?[:：][ \t\u3000]*(?:$|(?=\S))", re.MULTILINE),
        block_target=frozenset(ctx["block_target"]),
        part_prefixes=tuple(c["part_prefixes"]),
        trailing_subjects=frozenset(c["trailing_subjects"]),
    )


def foreign_chars(gap: str) -> int:
    """How many CJK characters of ``gap`` are not cue or glue words (a sign the subject changed).
    The same gap is asked about several times per figure: the answers are kept (``per_cues``)."""
    c = compiled()
    memo = per_cues(c, foreign_chars)
    got = memo.get(gap)
    if got is None:
        got = memo[gap] = len(_CJK.findall(c.glue.sub("", gap)))
    return got


_MEMOS: dict[object, tuple[Cues, dict[Any, Any]]] = {}


def per_cues(c: Cues, owner: object) -> dict[Any, Any]:
    """A memo for ``owner``'s answers (pure functions of their arguments and the compiled cues ``c``)
    while one report is read: emptied at each report (``fresh_memos``) and when the cues are compiled
    again (a test that patches the lexicon), so memory stays bounded over any number of reports."""
    held = _MEMOS.get(owner)
    if held is None or held[0] is not c:
        held = _MEMOS[owner] = (c, {})
    return held[1]


def fresh_memos() -> None:
    """Start the memos of ``per_cues`` afresh (at the start of each report)."""
    _MEMOS.clear()
