"""Label blocks (2021年目标：, “十三五”成就：, 主要预期目标：) and the report's own place names."""

from __future__ import annotations

import re
from dataclasses import dataclass

from govreport.facts.context import year_value
from govreport.facts.cues import compiled
from govreport.model import DocMeta, Kind


@dataclass(frozen=True, slots=True)
class Block:
    """Lines under a label such as 2021年目标： or “十三五”成就：, whose kind and period they share."""

    start: int
    end: int
    kind: Kind
    period: str | None


_DONE = ("完成", "实现", "超额", "超过", "达到", "圆满")
_PART_HEAD = re.compile(r"\s*(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）]|第[一二三四五六七八九十]{1,3}部分)")
_ITEM_LINE = re.compile(r"[ \t\u3000]*(?:[●◆■□▲•·\-—]+|\d{1,2}[.、]|[(（]\d{1,2}[)）])?[^\n]{0,80}$")


_COLON = re.compile("[:：]")


def _label_matches(view: str, label: re.Pattern[str]) -> list[re.Match[str]]:
    """``label.finditer(view)``, run only on the lines that hold a colon: a label ends with one and
    never spans a line break, so the matches are the same (``^``/``$`` match at a line's bounds)."""
    out: list[re.Match[str]] = []
    done = 0
    for colon in _COLON.finditer(view):
        if colon.start() < done:
            continue  # another colon of a line already read
        start = view.rfind("\n", 0, colon.start()) + 1
        end = view.find("\n", colon.start())
        done = len(view) if end < 0 else end
        out.extend(label.finditer(view, start, done))
    return out


def label_blocks(view: str, meta: DocMeta) -> list[Block]:
    """Labels (2020年成就：, “十四五”目标：, 主要预期目标：) with the short item lines after them, up to
    the next label: a digest's lists, whose kind and period the label gives."""
    c = compiled()
    # 全面完成“十三五”规划目标：… reports goals met, it labels no list of targets
    labels = [m for m in _label_matches(view, c.block_label) if not any(w in m.group(0) for w in _DONE)]
    out = []
    for i, m in enumerate(labels):
        label = m.group(0)
        kind = Kind.TARGET if m.group("word") in c.block_target else Kind.ACTUAL
        years = [year_value(y) for y in c.year.findall(label)]
        plan = next((c.plan_years[p.group(0)] for p in c.plans.finditer(label)), None)
        period = plan or (str(years[-1]) if years else None)
        if period is None and kind is Kind.TARGET and meta.plan_year:
            period = str(meta.plan_year)
        stop = labels[i + 1].start() if i + 1 < len(labels) else len(view)
        end = view.find("\n", m.end())
        end = len(view) if end < 0 or end > stop else end  # the label's own line
        while end < stop:
            line_end = view.find("\n", end + 1)
            line_end = len(view) if line_end < 0 else line_end
            line = view[end + 1 : line_end]
            if not _ITEM_LINE.fullmatch(line) or _PART_HEAD.match(line):
                break
            end = min(line_end, stop)
        out.append(Block(m.end(), end, kind, period))
    return out


def own_names(meta: DocMeta) -> tuple[str, ...]:
    """The report's own place names and their short forms (河南省, 河南): a prefix that does not narrow."""
    names = set()
    for name in (meta.region, meta.province, meta.city, meta.county):
        if name and name != "全国":
            names.add(name)
            short = re.sub(r"(?:维吾尔|壮族|回族)?(?:自治区|自治州|自治县|省|市|县|区|州|盟|旗)$", "", name)
            if len(short) >= 2:
                names.add(short)
    return tuple(sorted(names, key=len, reverse=True))
