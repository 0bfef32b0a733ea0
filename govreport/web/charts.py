"""Small inline SVG charts drawn on the server (no JavaScript, no network).

A chart is a few lines and points on a shared year axis: enough to put targets beside
outcomes. Every label is escaped; numbers are formatted here, never taken as markup.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from govreport.web.render import format_number


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    css: str  # target | outcome | estimate  (colour comes from the stylesheet)
    points: Sequence[tuple[int, float]] = field(default_factory=tuple)
    dashed: bool = False


def _nice_ticks(lo: float, hi: float, count: int = 4) -> list[float]:
    if hi == lo:
        pad = abs(hi) * 0.1 or 1.0
        lo, hi = lo - pad, hi + pad
    step = 10 ** math.floor(math.log10((hi - lo) / count))
    for mult in (1, 2, 2.5, 5, 10):
        if (hi - lo) / (step * mult) <= count:
            step *= mult
            break
    start = math.floor(lo / step) * step
    ticks = []
    value = start
    while True:
        ticks.append(round(value, 10))
        if value >= hi - step * 1e-9:
            return ticks
        value += step


def compact_number(value: float) -> str:
    """A short axis label: 1.2亿, 3,500万, 7.5."""
    for size, suffix in ((1e12, "万亿"), (1e8, "亿"), (1e4, "万")):
        if abs(value) >= size:
            return f"{value / size:,.4g}{suffix}"
    return format_number(value)


def year_labels(years: Sequence[int], position: Callable[[int], float], min_gap: float) -> list[int]:
    """The years to label on the axis: none closer than ``min_gap`` (in ``position`` units) to
    the previous one; the first and the last always labelled."""
    if not years:
        return []
    picked = [years[0]]
    for year in years[1:]:
        if position(year) - position(picked[-1]) >= min_gap:
            picked.append(year)
    if picked[-1] != years[-1]:
        if len(picked) > 1 and position(years[-1]) - position(picked[-1]) < min_gap:
            picked.pop()
        picked.append(years[-1])
    return picked


def line_chart(series: Sequence[Series], *, title: str = "", unit: str = "",
               width: int = 520, height: int = 220) -> Markup:
    """An SVG line chart of ``series`` over integer years; empty Markup when nothing to draw."""
    points = [(x, y) for s in series for x, y in s.points if y is not None and math.isfinite(y)]
    if not points:
        return Markup("")
    years = sorted({x for x, _ in points})
    ticks = _nice_ticks(min(y for _, y in points), max(y for _, y in points))
    y_lo, y_hi = ticks[0], ticks[-1]
    left, right, top, bottom = 64, 12, 24, 34
    inset = 24  # keep the first and last year off the axes
    plot_w, plot_h = width - left - right, height - top - bottom

    first, last = years[0], years[-1]

    def px(year: int) -> float:
        """Years on a linear scale, so gaps between reports show as gaps."""
        if first == last:
            return left + plot_w / 2
        return left + inset + (year - first) / (last - first) * (plot_w - 2 * inset)

    def py(value: float) -> float:
        span = (y_hi - y_lo) or 1.0
        return top + plot_h - (value - y_lo) / span * plot_h

    out = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for tick in ticks:
        y = py(tick)
        out.append(f'<line class="grid" x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}"/>')
        out.append(f'<text class="tick" x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">'
                   f"{escape(compact_number(tick))}</text>")
    for year in year_labels(years, px, min_gap=36):
        out.append(f'<text class="tick" x="{px(year):.1f}" y="{height - bottom + 16}" '
                   f'text-anchor="middle">{year}</text>')
    if unit:
        out.append(f'<text class="tick" x="4" y="14">{escape(unit)}</text>')
    for s in series:
        pts = sorted((x, y) for x, y in s.points if y is not None and math.isfinite(y))
        if not pts:
            continue
        css = escape(s.css)
        if len(pts) > 1:
            path = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in pts)
            dash = ' stroke-dasharray="5 4"' if s.dashed else ""
            out.append(f'<polyline class="line {css}" points="{path}" fill="none"{dash}/>')
        for x, y in pts:
            shape = (f'<rect class="pt {css}" x="{px(x) - 4:.1f}" y="{py(y) - 4:.1f}" width="8" height="8">'
                     if s.dashed else f'<circle class="pt {css}" cx="{px(x):.1f}" cy="{py(y):.1f}" r="4">')
            tag = "rect" if s.dashed else "circle"
            out.append(f"{shape}<title>{escape(s.name)} {x}: {escape(format_number(y))} "
                       f"{escape(unit)}</title></{tag}>")
    # legend
    lx = left
    for s in series:
        if not s.points:
            continue
        out.append(f'<rect class="pt {escape(s.css)}" x="{lx}" y="6" width="10" height="10"/>')
        out.append(f'<text class="legend" x="{lx + 14}" y="15">{escape(s.name)}</text>')
        lx += 24 + 12 * len(s.name)
    out.append("</svg>")
    return Markup("".join(out))
