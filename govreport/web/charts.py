"""Small inline SVG charts drawn on the server (no JavaScript, no network).

A line chart is a few lines and points on a shared year axis: enough to put targets beside
outcomes; a bar chart lines up one figure across regions and levels (/compare). One outlier
(a 4万亿-ton grain figure among 500万-ton ones) must not flatten the rest: a value more than
``OUTLIER_RATIO`` times the median size of the others is flagged, drawn at the clipped edge of
the axis with its value written beside it, and named in a note under the chart. Every label is
escaped; numbers are formatted here, never taken as markup.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from govreport.readable import plain, readable
from govreport.web.i18n import Messages

#: a value this many times the median size of the other values is an outlier
OUTLIER_RATIO = 20.0
#: the fewest other values an outlier is judged against
OUTLIER_MIN_OTHERS = 2


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
    """A short axis label as a report writes it: 1.2亿, 3500万, 7.5."""
    for size, suffix in ((1e12, "万亿"), (1e8, "亿"), (1e4, "万")):
        if abs(value) >= size:
            return f"{plain(value / size)}{suffix}"
    return plain(value)


def outliers(values: Sequence[float]) -> set[int]:
    """Indexes of the values that would flatten a chart of the others: each more than
    OUTLIER_RATIO times the median absolute size of the values that are not outliers."""
    sizes = sorted(abs(v) for v in values)
    if len(sizes) < OUTLIER_MIN_OTHERS + 1:
        return set()
    flagged: set[int] = set()
    order = sorted(range(len(values)), key=lambda i: -abs(values[i]))
    for i in order:  # largest first; stop at the first that is not an outlier
        others = [abs(values[j]) for j in range(len(values)) if j != i and j not in flagged]
        if len(others) < OUTLIER_MIN_OTHERS:
            break
        others.sort()
        mid = len(others) // 2
        median = others[mid] if len(others) % 2 else (others[mid - 1] + others[mid]) / 2
        if median > 0 and abs(values[i]) > OUTLIER_RATIO * median:
            flagged.add(i)
        else:
            break
    return flagged


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
               width: int = 520, height: int = 220, t: Messages | None = None, caption: bool = False) -> Markup:
    """An SVG line chart of ``series`` over integer years; empty Markup when nothing to draw.

    Outliers (see ``outliers``) are drawn on the clipped edge of the axis, labelled with their
    value, and listed under the chart."""
    t = t or Messages()
    points = [(x, y) for s in series for x, y in s.points if y is not None and math.isfinite(y)]
    if not points:
        return Markup("")
    years = sorted({x for x, _ in points})
    flagged = outliers([y for _, y in points])
    scaled = [y for i, (_, y) in enumerate(points) if i not in flagged]
    far = {y for i, (_, y) in enumerate(points) if i in flagged}
    ticks = _nice_ticks(min(scaled), max(scaled))
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
        value = min(max(value, y_lo), y_hi)  # an outlier sits on the edge it passes
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
            if y in far:
                edge = py(y)
                tip = edge - 7 if y > y_hi else edge + 7
                out.append(f'<path class="pt outlier {css}" d="M{px(x) - 5:.1f},{edge:.1f} L{px(x) + 5:.1f},'
                           f'{edge:.1f} L{px(x):.1f},{tip:.1f} Z"><title>{escape(t("chart.outlier"))} {escape(s.name)} '
                           f'{x}: {escape(readable(y, unit))}</title></path>')
                out.append(f'<text class="tick outlier" x="{px(x) + 7:.1f}" y="{edge + 4:.1f}">'
                           f"{escape(readable(y, unit))}</text>")
                continue
            shape = (f'<rect class="pt {css}" x="{px(x) - 4:.1f}" y="{py(y) - 4:.1f}" width="8" height="8">'
                     if s.dashed else f'<circle class="pt {css}" cx="{px(x):.1f}" cy="{py(y):.1f}" r="4">')
            tag = "rect" if s.dashed else "circle"
            out.append(f"{shape}<title>{escape(s.name)} {x}: {escape(readable(y, unit))}</title></{tag}>")
    # legend
    lx = left
    for s in series:
        if not s.points:
            continue
        out.append(f'<rect class="pt {escape(s.css)}" x="{lx}" y="6" width="10" height="10"/>')
        out.append(f'<text class="legend" x="{lx + 14}" y="15">{escape(s.name)}</text>')
        lx += 24 + 12 * len(s.name)
    out.append("</svg>")
    head = Markup('<p class="chart-title">{}</p>').format(title) if caption and title else Markup("")
    return head + Markup("".join(out)) + _outlier_note(sorted(far, key=abs, reverse=True), unit, t)


def _outlier_note(values: Sequence[float], unit: str, t: Messages) -> Markup:
    if not values:
        return Markup("")
    listed = "、".join(readable(v, unit) for v in values)
    return Markup('<p class="chart-note outlier-note">{}</p>').format(t("chart.outlier_note", list=listed))


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    css: str  # the level: national | province | city | county | district
    value: float
    value_max: float | None = None
    href: str = ""


def bar_chart(bars: Sequence[Bar], *, title: str = "", unit: str = "", width: int = 640,
              t: Messages | None = None) -> Markup:
    """Horizontal bars, one per row, on one value axis from zero (or the lowest negative value);
    an outlier's bar runs to the clipped edge with a break mark and its value written out."""
    t = t or Messages()
    bars = [b for b in bars if math.isfinite(b.value)]
    if not bars:
        return Markup("")
    flagged = outliers([max(b.value, b.value_max or b.value, key=abs) for b in bars])
    kept = [v for i, b in enumerate(bars) if i not in flagged for v in (b.value, b.value_max) if v is not None]
    kept = kept or [0.0]
    ticks = _nice_ticks(min(0.0, *kept), max(0.0, *kept))
    lo, hi = ticks[0], ticks[-1]
    label_w, right, top, row_h, bottom = 150, 70, 26, 20, 26
    plot_w = width - label_w - right
    height = top + row_h * len(bars) + bottom

    def px(value: float) -> float:
        value = min(max(value, lo), hi)
        return label_w + (value - lo) / ((hi - lo) or 1.0) * plot_w

    out = [f'<svg class="chart bars" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
           f'role="img" aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
           f"<title>{escape(title)}</title>"]
    if unit:
        out.append(f'<text class="tick" x="4" y="14">{escape(unit)}</text>')
    for tick in ticks:
        x = px(tick)
        out.append(f'<line class="grid" x1="{x:.1f}" x2="{x:.1f}" y1="{top - 4}" y2="{height - bottom}"/>')
        out.append(f'<text class="tick" x="{x:.1f}" y="{height - bottom + 14}" text-anchor="middle">'
                   f"{escape(compact_number(tick))}</text>")
    zero = px(0.0)
    far = []
    for i, b in enumerate(bars):
        y = top + i * row_h
        css = escape(b.css)
        out.append(f'<text class="tick bar-label" x="{label_w - 6}" y="{y + 13}" text-anchor="end">'
                   f"{escape(b.label)}</text>")
        end = px(b.value)
        x0, x1 = min(zero, end), max(zero, end)
        shown = readable(b.value, unit, b.value_max)
        out.append(f'<rect class="bar {css}" x="{x0:.1f}" y="{y + 3}" width="{max(x1 - x0, 1):.1f}" height="{row_h - 6}">'
                   f"<title>{escape(b.label)}: {escape(shown)}</title></rect>")
        if b.value_max is not None and i not in flagged:
            out.append(f'<rect class="bar range {css}" x="{min(end, px(b.value_max)):.1f}" y="{y + 7}" '
                       f'width="{abs(px(b.value_max) - end):.1f}" height="{row_h - 14}"/>')
        if i in flagged:
            far.append(b.value)
            edge = x1 if b.value > 0 else x0
            out.append(f'<path class="break" d="M{edge - 8:.1f},{y + 1} l6,{row_h - 2} M{edge - 3:.1f},{y + 1} '
                       f'l6,{row_h - 2}"/>')
        reach = px(b.value_max) if b.value_max is not None and i not in flagged else end
        label_x = (max(x1, reach) + 4) if b.value >= 0 else (min(x0, reach) - 4)
        anchor = "start" if b.value >= 0 else "end"
        out.append(f'<text class="tick value{" outlier" if i in flagged else ""}" x="{label_x:.1f}" y="{y + 13}" '
                   f'text-anchor="{anchor}">{escape(shown)}</text>')
    out.append(f'<line class="axis" x1="{zero:.1f}" x2="{zero:.1f}" y1="{top - 4}" y2="{height - bottom}"/>')
    out.append("</svg>")
    return Markup("".join(out)) + _outlier_note(far, unit, t)


#: levels from the top down, for the order of the bars
_LEVELS = {"national": 0, "province": 1, "city": 2, "county": 3, "district": 4}


def _bar_label(row: dict, t: Messages) -> str:
    region, level = str(row.get("region") or "?"), t.code("level", row.get("level"))
    return region if not level or level == region else f"{region} · {level}"


def compare_chart(rows: Sequence[dict], year: int | None, indicator: str | None, t: Messages) -> Markup:
    """/compare's rows as bars, national first, then each level by value; only the rows of the
    most common measure and unit (the chart's title names that measure)."""
    groups: dict[tuple[str, str], list[dict]] = {}
    for r in rows:
        if isinstance(r.get("value"), int | float):
            groups.setdefault((str(r.get("measure") or ""), str(r.get("unit") or "")), []).append(r)
    if not groups:
        return Markup("")
    (measure, unit), chosen = max(groups.items(), key=lambda kv: len(kv[1]))
    chosen = sorted(chosen, key=lambda r: (_LEVELS.get(r.get("level") or "", 9), -float(r["value"])))
    bars = [Bar(_bar_label(r, t), str(r.get("level") or "other"),
                float(r["value"]), float(r["value_max"]) if isinstance(r.get("value_max"), int | float) else None)
            for r in chosen]
    title = t("compare.chart", year=year or "", indicator=indicator or "", measure=t.code("measure", measure))
    return Markup('<p class="chart-title">{}</p>').format(title) + bar_chart(bars, title=title, unit=unit, t=t)
