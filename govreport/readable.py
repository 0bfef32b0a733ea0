"""Readable numbers: a canonical value and unit as a report would write them.

``readable(1117000000000, "元")`` is ``"1.12万亿元"``, ``readable(13860000, "人")`` is
``"1386万人"``, a percentage stays as it is. What is shown where (the shown unit, its factor,
the magnitudes 万亿/亿/万 and the value from which one is used) is data:
``govreport/lexicons/readable_units.tsv``, validated on load. Used wherever people read
numbers (web pages, CLI tables, ``extract --format text``); JSON, exports and the API keep the
canonical values. ``exact`` gives the canonical value in full, for a hover title.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

from govreport.errors import LexiconError
from govreport.lexicons import read_tsv

LEXICON = "readable_units.tsv"
#: the magnitudes a report writes, with their size
MAGNITUDES = {"万亿": 1e12, "亿": 1e8, "万": 1e4}
#: decimals kept on a scaled or fractional number (trailing zeros dropped)
DECIMALS = 2


@dataclass(frozen=True, slots=True)
class Shown:
    """How one canonical unit is shown."""

    unit: str
    shown: str
    factor: float
    scales: tuple[str, ...]
    threshold: float
    example: tuple[float, str]


@cache
def rules() -> dict[str, Shown]:
    """Canonical unit → its rule (``*``: every other unit), from the lexicon, validated."""
    out: dict[str, Shown] = {}
    for i, row in enumerate(read_tsv(LEXICON), start=2):
        where = f"lexicon {LEXICON}: row {i}"
        try:
            factor, threshold = float(row["factor"]), float(row["from"])
        except ValueError as exc:
            raise LexiconError(f"{where}: factor and from must be numbers") from exc
        if not math.isfinite(factor) or factor <= 0 or not math.isfinite(threshold) or threshold < 0:
            raise LexiconError(f"{where}: factor must be > 0 and from >= 0")
        scales = tuple(s for s in row["scales"].split(",") if s)
        if any(s not in MAGNITUDES for s in scales):
            raise LexiconError(f"{where}: scales must be among {', '.join(MAGNITUDES)}")
        if list(scales) != sorted(scales, key=lambda s: -MAGNITUDES[s]):
            raise LexiconError(f"{where}: scales must go from the largest down")
        value, sep, expected = row["example"].partition("=")
        if not sep or not expected:
            raise LexiconError(f"{where}: example must be value=shown")
        try:
            example = (float(value), expected)
        except ValueError as exc:
            raise LexiconError(f"{where}: example value {value!r} is not a number") from exc
        unit = row["unit"]
        if not unit or unit in out:
            raise LexiconError(f"{where}: unit {unit!r} is empty or listed twice")
        out[unit] = Shown(unit, row["shown"] if unit != "*" else "", factor, scales, threshold, example)
    if "*" not in out:
        raise LexiconError(f"lexicon {LEXICON}: the default row * is missing")
    return out


def _rule(unit: str | None) -> tuple[Shown, str]:
    table = rules()
    if unit and unit in table:
        return table[unit], table[unit].shown
    return table["*"], unit or ""


def plain(number: float, decimals: int = DECIMALS) -> str:
    """A number without grouping, at most ``decimals`` decimals, no trailing zeros: 1386, 7.5, -0.35."""
    if not math.isfinite(number):
        return str(number)
    text = f"{round(number, decimals):.{decimals}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def readable(value: float | int | None, unit: str | None = None, value_max: float | int | None = None) -> str:
    """``value`` (and a range's ``value_max``) in canonical ``unit`` as a report would write it.

    One magnitude serves both ends of a range (``5–6亿元``), chosen by the larger end."""
    number, shown = readable_parts(value, unit, value_max)
    return number + shown if number else ""


def readable_parts(value: float | int | None, unit: str | None = None,
                   value_max: float | int | None = None) -> tuple[str, str]:
    """``readable`` as (the number with its magnitude, the unit shown after it): ("171.4亿", "元")."""
    if value is None or isinstance(value, bool):
        return "", ""
    try:
        low = float(value)
        high = float(value_max) if value_max is not None and not isinstance(value_max, bool) else None
    except (TypeError, ValueError):
        return str(value), unit or ""
    rule, shown = _rule(unit)
    if max(abs(low), abs(high or 0.0)) >= rule.factor:  # 500 米 stays 米; 5200000 米 is 5200公里
        low /= rule.factor
        high = high / rule.factor if high is not None else None
    elif rule.factor != 1:
        shown = unit or ""
    biggest = max(abs(low), abs(high) if high is not None else 0.0)
    scale, size = "", 1.0
    if biggest >= rule.threshold:
        for name in rule.scales:
            if biggest >= MAGNITUDES[name]:
                scale, size = name, MAGNITUDES[name]
                break
    # a scaled figure keeps two decimals; an unscaled one (a percentage, 0.125%) its digits
    decimals = DECIMALS if scale else 6
    text = plain(low / size, decimals)
    if high is not None:
        text += "–" + plain(high / size, decimals)
    return text + scale, shown


def exact(value: float | int | None, unit: str | None = None, value_max: float | int | None = None) -> str:
    """The canonical value in full with its unit, grouped by thousands: ``1,117,000,000,000 元``."""
    if value is None or isinstance(value, bool):
        return ""

    def one(v: float | int) -> str:
        number = float(v)
        if not math.isfinite(number):
            return str(number)
        if number.is_integer() and abs(number) < 1e18:
            return f"{int(number):,}"
        return f"{number:,.6f}".rstrip("0").rstrip(".")

    try:
        text = one(value) + (f"–{one(value_max)}" if value_max is not None else "")
    except (TypeError, ValueError):
        return f"{value} {unit or ''}".strip()
    return f"{text} {unit or ''}".strip()
