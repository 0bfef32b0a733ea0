"""Quality checks on extracted facts: a fact is never dropped here, only flagged in ``Fact.checks``.

- ``implausible:`` the value lies outside the range ``lexicons/plausible.tsv`` gives its indicator,
  measure and unit (GDP growth of 150%, a grain output of 4e12 吨: a misread numeral).
- ``inconsistent:`` inside one report, a level and its growth disagree with the level stated for
  the year before (生产总值2020年1000亿元、增长7%, 2019年600亿元 → the levels imply +66.7%).
"""

from __future__ import annotations

from dataclasses import replace

from govreport.lexicons import Plausible, plausible
from govreport.model import Bound, Fact, Kind, Measure

#: growth stated vs growth implied by two levels: more apart than this (points) is flagged; real
#: growth is at comparable prices and levels are nominal, so only gross gaps count
INCONSISTENT_POINTS = 15.0


_RANGES: dict[int, tuple[tuple[Plausible, ...], dict[tuple[str, str, str], Plausible]]] = {}


def _ranges() -> dict[tuple[str, str, str], Plausible]:
    """The ranges by (indicator, measure, unit), built once per loaded table (not once per fact)."""
    rows = plausible()
    held = _RANGES.get(0)
    if held is None or held[0] is not rows:  # a reloaded table (cache cleared) is a new tuple
        held = _RANGES[0] = (rows, {(p.indicator, p.measure, p.unit): p for p in rows})
    return held[1]


def _fmt(x: float) -> str:
    return f"{x:.6g}"


def implausible(f: Fact) -> str | None:
    """The flag for a value outside its plausible range, or None."""
    table = _ranges()
    measure = str(f.measure)
    row = table.get((f.indicator or "", measure, f.unit)) or table.get(("*", measure, f.unit))
    if row is None:
        return None
    values = [f.value] + ([f.value_max] if f.value_max is not None else [])
    if all(row.min <= v <= row.max for v in values):
        return None
    shown = _fmt(f.value) + (f"-{_fmt(f.value_max)}" if f.value_max is not None else "")
    return f"implausible:{f.indicator or '?'} {measure} {shown} outside [{_fmt(row.min)}, {_fmt(row.max)}]"


def _year(period: str | None) -> int | None:
    return int(period) if period and period.isdigit() and len(period) == 4 else None


def inconsistent(facts: tuple[Fact, ...]) -> dict[int, str]:
    """Index of a growth fact → a flag, where the report states the level of that year and of the
    year before and the three disagree by more than INCONSISTENT_POINTS."""
    firm = (Bound.EXACT, Bound.APPROX)
    levels: dict[tuple[str, str, int], float] = {}
    for f in facts:
        year = _year(f.period)
        if (f.indicator and year and f.measure is Measure.LEVEL and f.bound in firm and f.kind is not Kind.TARGET
                and f.value > 0 and f.unit not in ("%", "个百分点", "位")):
            levels.setdefault((f.indicator, f.unit, year), f.value)
    by_year: dict[tuple[str, int], list[tuple[str, float]]] = {}  # the levels of an indicator and year, in order
    for (ind, unit, y), now in levels.items():
        by_year.setdefault((ind, y), []).append((unit, now))
    out: dict[int, str] = {}
    for i, f in enumerate(facts):
        year = _year(f.period)
        if not (f.indicator and year and f.measure is Measure.GROWTH and f.unit == "%" and f.bound in firm
                and f.kind is not Kind.TARGET):
            continue
        ind, y = f.indicator, year
        for unit, now in by_year.get((ind, y), ()):
            before = levels.get((ind, unit, y - 1))
            if before is None:
                continue
            implied = (now / before - 1) * 100
            if abs(implied - f.value) > INCONSISTENT_POINTS:
                out[i] = (f"inconsistent:{ind} growth {_fmt(f.value)} but levels {y - 1}→{y} "
                          f"({_fmt(before)}→{_fmt(now)} {unit}) imply {implied:.1f}")
            break
    return out


def check_facts(facts: tuple[Fact, ...]) -> tuple[Fact, ...]:
    """The facts, each with its quality flags (most facts get none)."""
    cross = inconsistent(facts)
    out = []
    for i, f in enumerate(facts):
        flags = tuple(x for x in (implausible(f), cross.get(i)) if x)
        out.append(replace(f, checks=f.checks + flags) if flags else f)
    return tuple(out)
