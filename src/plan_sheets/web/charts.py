"""The site's two charts as geometry (numbers only): the templates draw them as SVG.

No text from the workbook is placed here: labels are added by the templates,
where Jinja escapes them. Each chart has a table with the same numbers beside it
and a text alternative, so the chart is never the only way to read them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from plan_sheets import swedish
from plan_sheets.analysis import figures
from plan_sheets.workbook.model import Status
from plan_sheets.workbook.schema import TRAFFIC_LIGHTS

STATUSES: tuple[Status | None, ...] = (*Status, None)
"""The order of a status bar's segments: Grön, Gul, Röd, Ej satt."""

BAR_WIDTH = 100
"""Segment widths are percentages of the bar."""
BAR_HEIGHT = 28
BAR_GAP = 14


@dataclass(frozen=True)
class Segment:
    label: str
    status_class: str
    x: float
    width: float
    count: int
    colour: str


@dataclass(frozen=True)
class Bar:
    y: float
    total: int
    segments: tuple[Segment, ...]


def status_class(status: Status | None) -> str:
    """`gron`, `gul`, `rod`, `ej-satt`: the CSS class of a status."""
    return swedish.slug(TRAFFIC_LIGHTS[status].label)


def status_bars(counts: list[dict[str, int]]) -> tuple[list[Bar], float]:
    """One bar per row of status counts, each status a segment as wide as its share; and the
    chart's height."""
    bars = []
    for i, row in enumerate(counts):
        total = row.get("Totalt", 0)
        x = 0.0
        segments = []
        for status in STATUSES:
            label = figures.status_label(status)
            n = row.get(label, 0)
            if not n:
                continue
            width = BAR_WIDTH * n / total
            segments.append(Segment(label, status_class(status), round(x, 2), round(width, 2),
                                    n, TRAFFIC_LIGHTS[status].chart))
            x += width
        bars.append(Bar(i * (BAR_HEIGHT + BAR_GAP), total, tuple(segments)))
    return bars, max(len(counts) * (BAR_HEIGHT + BAR_GAP) - BAR_GAP, BAR_HEIGHT)


@dataclass(frozen=True)
class Tick:
    at: float
    label: str


@dataclass(frozen=True)
class LineChart:
    width: int
    height: int
    left: int
    top: int
    bottom: int
    values: tuple[tuple[float, float], ...]
    """The measured values as points (x, y)."""
    path: tuple[tuple[float, float], ...]
    """The target path: baseline to target, as two points (or none)."""
    target: tuple[float, float] | None
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]

    @property
    def values_points(self) -> str:
        return " ".join(f"{x:.1f},{y:.1f}" for x, y in self.values)

    @property
    def path_points(self) -> str:
        return " ".join(f"{x:.1f},{y:.1f}" for x, y in self.path)


def _nice_step(span: float) -> float:
    raw = span / 4 or 1.0
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


def line_chart(values: list[tuple[int, float]], path: list[tuple[int, float]], *,
               unit: str = "") -> LineChart | None:
    """A chart of `values` (year, value) against the target `path` (year, value); None when
    there is nothing to draw."""
    width, height, left, right, top, bottom = 640, 300, 70, 20, 16, 36
    points = [*values, *path]
    if not points:
        return None
    years = [y for y, _ in points]
    low_year, high_year = min(years), max(years)
    if low_year == high_year:
        low_year, high_year = low_year - 1, high_year + 1
    numbers = [v for _, v in points]
    low, high = min(numbers), max(numbers)
    if low == high:
        low, high = low - 1, high + 1
    step = _nice_step(high - low)
    low, high = math.floor(low / step) * step, math.ceil(high / step) * step
    if low >= 0 and min(numbers) >= 0 and low > 0 and low <= (high - low):
        low = 0.0
    inner_w, inner_h = width - left - right, height - top - bottom
    ranking = swedish.is_ranking(unit)

    def at(year: float, value: float) -> tuple[float, float]:
        x = left + inner_w * (year - low_year) / (high_year - low_year)
        share = (value - low) / (high - low)
        # A ranking place improves downwards in number: 1 is drawn at the top.
        y = top + inner_h * (share if ranking else 1 - share)
        return x, y

    year_step = max(1, math.ceil((high_year - low_year) / 8))
    x_ticks = tuple(Tick(at(y, low)[0], str(y)) for y in range(low_year, high_year + 1, year_step))
    y_ticks = []
    value = low
    while value <= high + step / 1000:
        y_ticks.append(Tick(at(low_year, value)[1], swedish.number(value)))
        value += step
    target = at(*path[-1]) if path else None
    return LineChart(width, height, left, top, height - bottom,
                     tuple(at(y, v) for y, v in values), tuple(at(y, v) for y, v in path),
                     target, x_ticks, tuple(y_ticks))
