"""The checks the coverage tables share (tests/test_coverage_*.py): each file holds its own table of
lexicon rows and sentences; these say what a row must give."""

from __future__ import annotations

from govreport import Options, extract
from govreport.facts.mentions import find_mentions
from govreport.lexicons import indicators, plausible

_FACTS_ONLY = Options(doc_id="x", tasks=False, slogans=False)


def first_id(text: str) -> tuple[str | None, list[tuple[str, str]]]:
    """The id of the first mention in ``text``, and every mention (for the failure message)."""
    found = find_mentions(text)
    return (found[0].indicator if found else None), [(m.indicator, m.text) for m in found]


def review_facts(sentence: str, year: int, title: str = "{year}年政府工作报告") -> list[tuple[str | None, float]]:
    """(indicator, value) of each fact of ``sentence`` read in the review part of ``year``'s report."""
    report = extract(f"{title.format(year=year)}\n一、{year - 1}年工作回顾\n{sentence}\n", _FACTS_ONLY)
    return [(f.indicator, f.value) for f in report.facts]


def undescribed(ids: list[str], *, unit: bool = True) -> list[str]:
    """The ids without a name, a notes line (the spec's first 40 rows excepted) or, with ``unit``, a unit."""
    table = indicators()
    order = list(table)
    return [i for i in ids if not (table[i].name and (table[i].default_unit or not unit)
                                   and (table[i].notes or order.index(i) < 40))]


def has_level_range(ind_id: str) -> bool:
    """Whether plausible.tsv bounds the level of ``ind_id`` in its own unit."""
    rows = [p for p in plausible() if p.indicator == ind_id and p.measure == "level"]
    return bool(rows) and rows[0].unit == indicators()[ind_id].default_unit and rows[0].min < rows[0].max
