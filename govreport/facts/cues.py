"""Compiled cue-word matchers (from ``lexicons/cues.yaml``) used by the fact extractor."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from govreport.lexicons import cues

_CJK = re.compile(r"[\u4e00-\u9fff]")


def _alt(words: list[str] | tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True, slots=True)
class Cues:
    glue: re.Pattern[str]
    measure: re.Pattern[str]
    measure_kind: dict[str, str]
    share: re.Pattern[str]
    base_year: re.Pattern[str]
    rank_scope: re.Pattern[str]
    scope_of: dict[str, str]
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


@cache
def compiled() -> Cues:
    c = cues()
    m = c["measure"]
    kind_of: dict[str, str] = {}
    # later lists override earlier ones for a word in several (增加: growth with %, change otherwise)
    for cat in ("level_verbs", "change", "growth", "growth_neg", "growth_avg", "growth_avg_neg"):
        for w in m.get(cat, []):
            kind_of[w] = cat
    scope_of = {w: scope for scope, ws in c["rank_scope"].items() for w in ws}
    glue_words = list(c["glue"]) + list(kind_of) + list(scope_of) + list(c["rank_verbs"])
    for ws in c["bound_prefix"].values():
        glue_words += ws
    for ws in c["bound_suffix"].values():
        glue_words += ws
    return Cues(
        glue=re.compile(rf"{_alt(glue_words)}|(?:19|20)\d\d年|[一二三四五六七八九十两]+年|\d+(?:\.\d+)?%?|[第位]"),
        measure=re.compile(_alt(list(kind_of))),
        measure_kind=kind_of,
        share=re.compile(r"占[^，,。；;]{0,24}?(?:的)?(?:比重|比例|份额)|占比|所占比例|比重"),
        base_year=re.compile(r"(?:较|比|与|同)((?:19|20)\d\d)年(?:末|底)?(?:相比)?"),
        rank_scope=re.compile(_alt(list(scope_of))),
        scope_of=scope_of,
        comparison=re.compile(r"(?:高于|低于|快于|慢于|超过|超出|领先|比|较|与|同|占|相当于|达到了?)$"),
        # 高于全省平均水平2个百分点, 快于规模以上工业4个百分点: relative to something else
        relative=re.compile(r"(?:高于|低于|快于|慢于|超出|领先|多于|少于|(?<![同可对])比[^上去同较\d重例率年]|较[^上去同\d年])[^，,、；;]+$"),
        denominator=re.compile(r"中?的?(?:比重|比例)"),  # 国内生产总值中的比重: a denominator
        from_value=re.compile(r"(?:由|从)(?:((?:19|20)\d\d)年(?:末|底)?|上年|去年|上年末)?的?(?:世界|全国|全省|全市)?$"),
        split_mentions={k: tuple(v) for k, v in c.get("split_mentions", {}).items()},
        copula_only=re.compile(r"[，,、]?(?:力争|争取|努力|确保)?(?:达到|实现|为|达)?"),
        trailing_cues=re.compile(rf"(?:{_alt(list(kind_of) + [w for ws in c['bound_prefix'].values() for w in ws])})+$"),
        target=re.compile(_alt(c["kind"]["target"])),
        estimate=re.compile(_alt(c["kind"]["estimate"])),
        past=re.compile(r"去年|上年|过去一年|过去五年|一年来|五年来|以来|已经|已|取得|实现了|完成了"),
        year=re.compile(r"(?<!\d)((?:19|20)\d\d)年"),
        plan_words=re.compile(r"今年|明年|本年|全年目标|预期目标"),
        five_year=re.compile(r"十[一二三四五六]五|今后五年|未来五年|五年规划|到20\d\d年|2035年"),
    )


def foreign_chars(gap: str) -> int:
    """How many CJK characters of ``gap`` are not cue or glue words (a sign the subject changed)."""
    rest = compiled().glue.sub("", gap)
    return len(_CJK.findall(rest))
