"""The chart pack's charts, drawn with matplotlib onto axes the caller places.

Each chart reads in black and white: a traffic light carries its hatch
(schema.TRAFFIC_LIGHTS) and its name with a count, never colour alone. The
same drawing serves a PDF page and a PNG of its own. Figures are made with
`matplotlib.figure.Figure`, not pyplot, so nothing global is left behind;
matplotlib is imported only when a chart is drawn.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from plan_sheets import swedish
from plan_sheets.analysis.figures import STATUS_LABELS
from plan_sheets.annual.figures import COMPLETED, DATE, NEW, AnnualFigures, GoalFigure
from plan_sheets.annual.textfit import FONT, printable, register_fonts, text_width
from plan_sheets.workbook.model import Direction, Status
from plan_sheets.workbook.schema import (
    HEADER_FILL,
    LIGHTS_BY_LABEL,
    TITLE_FONT,
    TRAFFIC_LIGHTS,
    Light,
)

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

INK = "#262626"
GRID = "#D9D9D9"
ACCENT = TITLE_FONT
COMPLETED_COLOUR = HEADER_FILL
NEW_COLOUR = "#9DC3E6"
NEW_HATCH = "\\\\"
PATH_COLOUR = "#7F7F7F"
MUTED = "#595959"
"""Subtitles and notes."""

LIGHTS: dict[str, Light] = LIGHTS_BY_LABEL
COUNT_SIZE = 8
"""Font size of the counts inside bar segments: the smallest text on paper (the plates are
drawn at the size they are printed); a segment too thin for it shows no count."""

STYLE = {
    "font.family": [FONT],
    "font.size": 8,
    # Staff's text is text: a `$` in a goal's name is not mathematics. What mathtext there
    # is would be set in Carlito too, never in the STIX or DejaVu faces matplotlib ships.
    "text.parse_math": False,
    "mathtext.fontset": "custom",
    "mathtext.rm": FONT,
    "mathtext.it": f"{FONT}:italic",
    "mathtext.bf": f"{FONT}:bold",
    "mathtext.fallback": None,
    "axes.edgecolor": "#595959",
    "axes.labelcolor": INK,
    "axes.titlesize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "xtick.color": INK,
    "ytick.color": INK,
    "text.color": INK,
    "hatch.linewidth": 0.7,
    "legend.frameon": False,
    "legend.fontsize": 8,
    "axes.labelsize": 8,
    "xtick.labelsize": 8,
    "ytick.labelsize": 8,
    # The PDF's charts are SVG with their text as text: Typst sets it in the same shipped
    # fonts, so chart labels can be searched and read aloud; the same figure is the PNG.
    "svg.fonttype": "none",
    "svg.hashsalt": "plan-sheets",
    # Plain glyph rendering: hinting buys nothing at 200 dpi and costs time on every label.
    "text.hinting": "no_hinting",
    "axes.unicode_minus": True,
}


@contextlib.contextmanager
def style() -> Iterator[None]:
    """matplotlib with the Agg backend and the pack's look, for the duration of a `with`."""
    import sys

    import matplotlib

    # Nothing here uses pyplot; a program that already does keeps its own backend.
    if "matplotlib.pyplot" not in sys.modules:
        matplotlib.use("Agg")
    register_fonts()
    with matplotlib.rc_context(STYLE):
        yield


def figure(width: float, height: float):
    """A figure not registered with pyplot (nothing to close, nothing global)."""
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height))


def axes_at(fig, left: float, bottom: float, width: float, height: float):
    """Axes placed in inches from the figure's bottom-left corner."""
    fw, fh = fig.get_size_inches()
    return fig.add_axes((left / fw, bottom / fh, width / fw, height / fh))


def text_at(fig, x: float, y: float, text: str, **style) -> None:
    """Text placed in inches from the bottom-left corner, hanging from `y` by default.

    Ligatures are switched off where matplotlib shapes text, so that `fi` in
    `trafikljus` stays two letters a reader can search for in the PDF.
    """
    fw, fh = fig.get_size_inches()
    style.setdefault("va", "top")
    fig.text(x / fw, y / fh, text, **text_features(), **style)


@functools.cache
def text_features() -> dict:
    """`fontfeatures` without ligatures, where this matplotlib shapes text (3.11 and later)."""
    from matplotlib.text import Text

    return {"fontfeatures": ["-liga"]} if hasattr(Text, "set_fontfeatures") else {}


def hatch_ink(label: str) -> str:
    """Hatch line colour: dark on light lights; white on Röd, where dark would not show."""
    return "#FFFFFF" if label == TRAFFIC_LIGHTS[Status.RED].label else LIGHTS[label].font


def _bar_style(label: str) -> dict:
    # The edge colour is the hatch colour in every matplotlib version; it outlines the
    # segment too, which helps when the page is printed in grey.
    light = LIGHTS[label]
    return {"color": light.chart, "hatch": light.hatch or None,
            "edgecolor": hatch_ink(label) if light.hatch else "#FFFFFF", "linewidth": 0.7}


def _count_box() -> dict:
    return {"boxstyle": "round,pad=0.18", "facecolor": "#FFFFFF", "edgecolor": "none",
            "alpha": 0.9}


def _axes_points(ax: Axes) -> tuple[float, float]:
    """The axes' width and height in points (they are placed once, in inches)."""
    pos = ax.get_position()
    width, height = ax.figure.get_size_inches()
    return pos.width * width * 72, pos.height * height * 72


def _fits(text: str, size: float, room: float) -> bool:
    """Does `text` at `size`, in its white box, fit in `room` points?"""
    return size >= COUNT_SIZE and text_width(text, size) + 5 <= room


def integer_axis(axis) -> None:
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    axis.set_major_locator(MaxNLocator(integer=True, nbins=8))
    axis.set_major_formatter(FuncFormatter(lambda v, _pos: swedish.number(v, 0)))


@dataclass(frozen=True)
class Categories:
    """Labels for the bars of a chart, sized to the room there is for them."""

    labels: list[str]
    fontsize: float
    width: float
    """Inches the widest line takes."""


def categories(names: Sequence[str], axis_height: float, *, size: float = COUNT_SIZE,
               chars: int = 30) -> Categories:
    """Each name wrapped in as many lines as fit beside its bar (at least one, at most three),
    never smaller than `size`; only a name longer than that is shortened.

    Long names (a focus area's full sentence) never overlap their neighbours,
    however many bars the axis holds.
    """
    per_bar = axis_height / max(len(names), 1)
    lines = max(1, min(3, int(per_bar * 0.95 * 72 / (size * 1.2))))
    fontsize = size
    names = [printable(n) for n in names]
    if lines == 1:
        labels = [swedish.shorten(n, chars + 14) for n in names]
    else:
        labels = [swedish.wrap_label(n, chars, lines) for n in names]
    widest = max((text_width(line, fontsize) for label in labels for line in label.split("\n")),
                 default=0)
    return Categories(labels, fontsize, widest / 72 + 0.15)


def focus_names(figs: AnnualFigures, numbers) -> list[str]:
    """`FO1 Företagsklimat`: the focus areas' short names (Kortnamn), never cut."""
    return [printable(figs.plan.focus_area_short_name(n)) for n in numbers]


def goal_names(figs: AnnualFigures, ids) -> list[str]:
    names = {g.id: g.name for g in figs.plan.goals}
    return [printable(f"{gid} {names.get(gid, '')}".strip()) for gid in ids]


def period_labels(table: pd.DataFrame, *, long: bool) -> list[str]:
    """`2026-T1` over `24 april 2026` (or `24 apr. 2026` where columns are narrow)."""
    day = swedish.long_date if long else swedish.short_date
    return [f"{period}\n{day(taken)}" for period, taken in table[DATE].items()]


# --- status charts ----------------------------------------------------------------------------


def status_bars(ax: Axes, table: pd.DataFrame, labels: Sequence[str], *,
                legend_counts: bool = True, label_size: float = 9,
                zero_total: bool = True) -> None:
    """Stacked horizontal bars, one per row of `table` (Grön/Gul/Röd/Ej satt counts).

    Counts sit inside the segments they fit in and after each bar as a total;
    the legend names each light (with its total, `legend_counts`).
    """
    import numpy as np

    y = np.arange(len(table))
    totals = table[STATUS_LABELS].sum(axis=1).to_numpy()
    top = max(int(totals.max()) if len(totals) else 0, 1)
    width_pt, height_pt = _axes_points(ax)
    per_unit = width_pt / (top * 1.1)
    size = min(COUNT_SIZE, height_pt / max(len(table), 1) * 0.62 * 0.7)
    left = np.zeros(len(table))
    for label in STATUS_LABELS:
        values = table[label].to_numpy()
        name = f"{label} ({swedish.number(int(values.sum()))})" if legend_counts else label
        if not values.sum():
            name = "_nolegend_"
        ax.barh(y, values, left=left, height=0.62, label=name, **_bar_style(label))
        for yi, (start, v) in enumerate(zip(left, values, strict=True)):
            text = swedish.number(int(v))
            if v and _fits(text, size, v * per_unit):
                ax.text(start + v / 2, yi, text, ha="center", va="center", fontsize=size,
                        bbox=_count_box())
        left = left + values
    for yi, total in enumerate(totals):
        if not total and not zero_total:
            continue
        ax.text(total + top * 0.012, yi, swedish.number(int(total)), ha="left", va="center",
                fontsize=8.5, fontweight="bold")
    ax.set_yticks(y, labels, fontsize=label_size)
    ax.set_ylim(len(table) - 0.5, -0.5)
    ax.set_xlim(0, top * 1.1)
    integer_axis(ax.xaxis)
    ax.set_xlabel("Antal aktiviteter")
    ax.grid(axis="x", color=GRID, linewidth=0.6)
    ax.set_axisbelow(True)
    ax.tick_params(axis="y", length=0)


def status_columns(ax: Axes, table: pd.DataFrame, labels: Sequence[str], *,
                   named: bool = True) -> None:
    """Stacked columns, one per period of `table` (Grön/Gul/Röd/Ej satt counts).

    With `named`, each segment says `Grön 47`; narrow columns say only `47`.
    """
    import numpy as np

    x = np.arange(len(table))
    totals = table[STATUS_LABELS].sum(axis=1).to_numpy()
    top = max(int(totals.max()) if len(totals) else 0, 1)
    width_pt, height_pt = _axes_points(ax)
    width = 0.55 if len(table) > 1 else 0.35
    column_pt = width_pt / (len(table) + 0.2) * width
    slot_pt = width_pt / (len(table) + 0.2)
    per_unit = height_pt / (top * 1.1)
    bottom = np.zeros(len(table))
    for label in STATUS_LABELS:
        values = table[label].to_numpy()
        ax.bar(x, values, bottom=bottom, width=width,
               label=label if values.sum() else "_nolegend_", **_bar_style(label))
        for xi, (start, v) in enumerate(zip(bottom, values, strict=True)):
            text = f"{label} {swedish.number(int(v))}" if named else swedish.number(int(v))
            if not _fits(text, COUNT_SIZE, column_pt):
                text = swedish.number(int(v))
            if v and v * per_unit >= COUNT_SIZE * 1.5 and _fits(text, COUNT_SIZE, column_pt):
                ax.text(xi, start + v / 2, text, ha="center", va="center", fontsize=COUNT_SIZE,
                        bbox=_count_box())
        bottom = bottom + values
    for xi, total in enumerate(totals):
        text = swedish.plural(int(total), "aktivitet", "aktiviteter")
        if not _fits(text, 8.5, slot_pt):
            text = swedish.number(int(total))
        ax.text(xi, total + top * 0.015, text, ha="center", va="bottom", fontsize=8.5,
                fontweight="bold")
    ax.set_xticks(x, labels)
    ax.set_xlim(-0.6, len(table) - 0.4)
    ax.set_ylim(0, top * 1.1)
    integer_axis(ax.yaxis)
    ax.set_ylabel("Antal aktiviteter")
    ax.grid(axis="y", color=GRID, linewidth=0.6)
    ax.set_axisbelow(True)


def status_share_bar(ax: Axes, counts: dict[str, int]) -> None:
    """One bar across the axes: the share of each light, named with count and per cent."""
    total = sum(counts.values())
    left = 0.0
    for label in STATUS_LABELS:
        n = counts.get(label, 0)
        share = n / total if total else 0.0
        name = f"{label}: {swedish.number(n)} ({swedish.percent(share)})" if n else "_nolegend_"
        ax.barh([0], [share], left=left, height=0.8, label=name, **_bar_style(label))
        if share >= 0.06:
            ax.text(left + share / 2, 0, swedish.percent(share), ha="center", va="center",
                    fontsize=9, bbox=_count_box())
        left += share
    ax.set_xlim(0, 1)
    ax.set_ylim(-0.5, 0.5)
    ax.axis("off")


def completed_new_bars(ax: Axes, table: pd.DataFrame, labels: Sequence[str], year: int, *,
                       label_size: float = 9) -> None:
    """Two bars per focus area: completed and newly decided activities during `year`."""
    import numpy as np

    y = np.arange(len(table))
    top = max(int(table[[COMPLETED, NEW]].to_numpy().max()) if len(table) else 0, 1)
    for column, offset, style_ in (
            (COMPLETED, -0.19, {"color": COMPLETED_COLOUR}),
            (NEW, 0.19, {"color": NEW_COLOUR, "hatch": NEW_HATCH, "edgecolor": ACCENT,
                         "linewidth": 0.6})):
        values = table[column].to_numpy()
        name = (f"Genomförda under {year} ({swedish.number(int(values.sum()))})"
                if column == COMPLETED else
                f"Nya, beslutade under {year} ({swedish.number(int(values.sum()))})")
        ax.barh(y + offset, values, height=0.36, label=name, **style_)
        for yi, v in enumerate(values):
            ax.text(v + top * 0.012, yi + offset, swedish.number(int(v)), ha="left",
                    va="center", fontsize=8.5)
    ax.set_yticks(y, labels, fontsize=label_size)
    ax.set_ylim(len(table) - 0.5, -0.5)
    ax.set_xlim(0, top * 1.12)
    integer_axis(ax.xaxis)
    ax.set_xlabel("Antal aktiviteter")
    ax.grid(axis="x", color=GRID, linewidth=0.6)
    ax.set_axisbelow(True)
    ax.tick_params(axis="y", length=0)


def coverage_bars(ax: Axes, table: pd.DataFrame, labels: Sequence[str], *,
                  label_size: float = 8.5) -> None:
    """Stacked bars per goal; a goal no activity serves says so instead of an empty row."""
    status_bars(ax, table, labels, legend_counts=False, label_size=label_size, zero_total=False)
    for yi, total in enumerate(table["Totalt"].to_numpy()):
        if total == 0:
            ax.text(0, yi, " ingen aktivitet", ha="left", va="center", fontsize=8.5,
                    fontstyle="italic", color=TRAFFIC_LIGHTS[Status.RED].font)


def status_legend(ax: Axes, *, ncol: int | None = None,
                  anchor: tuple[float, float] = (0.5, -0.1)) -> None:
    """The legend under the axes: a series with nothing to show has no entry; as many
    entries side by side as the figure's width holds."""
    handles, labels = ax.get_legend_handles_labels()
    if ncol is None:
        room = ax.figure.get_size_inches()[0] * 72 - 10
        widths = [text_width(label, 8) + 2.0 * 8 + 0.5 * 8 + 1.2 * 8 for label in labels]
        ncol = len(labels)
        while ncol > 1 and max(sum(widths[i:i + ncol]) for i in range(0, len(widths), ncol)) \
                > room:
            ncol -= 1
    ax.legend(handles, labels, loc="upper center", bbox_to_anchor=anchor, ncol=max(ncol, 1),
              handlelength=2.0, handleheight=1.2, columnspacing=1.2, handletextpad=0.5,
              fontsize=8)


# --- goals ------------------------------------------------------------------------------------


def _decimals(step: float) -> int:
    decimals = 0
    while step < 1 and decimals < 3:
        step *= 10
        decimals += 1
    return decimals


def goal_chart(ax: Axes, item: GoalFigure, *, fontsize: float = COUNT_SIZE) -> None:
    """Values by year and the straight path from baseline to target (the verdict and the key
    are the figure's: `goal_verdict`, `goal_key`)."""
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    goal, progress = item.goal, item.progress
    years = [y for y, _ in progress.values]
    values = [v for _, v in progress.values]
    has_path = None not in (goal.baseline, goal.baseline_year, goal.target, goal.target_year)
    if has_path:
        ax.plot([goal.baseline_year, goal.target_year], [goal.baseline, goal.target],
                **PATH_STYLE, zorder=2)
    if goal.baseline is not None and goal.baseline_year is not None:
        ax.plot([goal.baseline_year], [goal.baseline], **BASELINE_STYLE, zorder=4)
    if goal.target is not None and goal.target_year is not None:
        ax.plot([goal.target_year], [goal.target], **TARGET_STYLE, zorder=4)
    ax.plot(years, values, marker="o", markersize=3.2, color=ACCENT, linewidth=1.6, zorder=3)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=4))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: str(int(v))))
    ax.yaxis.set_major_locator(MaxNLocator(nbins=4))
    ax.tick_params(labelsize=fontsize, length=2.5, pad=2)
    ax.grid(axis="y", color=GRID, linewidth=0.5)
    ax.set_axisbelow(True)
    ticks = ax.yaxis.get_major_locator().tick_values(*ax.get_ylim())
    step = abs(ticks[1] - ticks[0]) if len(ticks) > 1 else 1.0
    decimals = _decimals(step)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: swedish.number(v, decimals)))
    ax.margins(x=0.06, y=0.12)
    if swedish.is_ranking(goal.unit):
        ax.invert_yaxis()  # plats 1 is best: the better place stands higher


PATH_STYLE = {"linestyle": (0, (4, 3)), "color": PATH_COLOUR, "linewidth": 1.1}
BASELINE_STYLE = {"marker": "o", "markersize": 5, "markerfacecolor": "#FFFFFF",
                  "markeredgecolor": INK, "linestyle": "none"}
TARGET_STYLE = {"marker": "*", "markersize": 9, "color": INK, "linestyle": "none"}


def goal_verdict(fig, item: GoalFigure, *, x: float, top: float,
                 fontsize: float = COUNT_SIZE) -> None:
    """The verdict in a box in its light's colours, hanging from `top` (inches), and the
    latest value and the target in two lines under it. Words, not a symbol: `Inte i fas mot
    målvärdet` reads in black and white and in the shipped font."""
    light = TRAFFIC_LIGHTS[Status.GREEN if item.progress.on_track else
                           Status.RED if item.progress.on_track is False else None]
    text_at(fig, x + 0.03, top - 0.03, item.verdict.split(" (")[0], fontsize=fontsize,
            fontweight="bold", color=light.font,
            bbox={"boxstyle": "round,pad=0.25", "facecolor": light.fill,
                  "edgecolor": light.font, "linewidth": 0.5})
    source = [source_line(item)] if item.source else []
    text_at(fig, x, top - 0.25, "\n".join([*goal_lines(item), *source]), fontsize=fontsize,
            linespacing=1.2)


def goal_key(fig, *, fontsize: float = COUNT_SIZE) -> None:
    """The goal chart's symbols at the foot of the figure, drawn as in the chart."""
    from matplotlib.lines import Line2D

    handles = [Line2D([], [], **PATH_STYLE), Line2D([], [], **BASELINE_STYLE),
               Line2D([], [], **TARGET_STYLE)]
    fig.legend(handles, ["rak väg", "utgångsvärde", "målvärde"],
               loc="lower left", bbox_to_anchor=(0.0, 0.0), ncol=3, fontsize=fontsize,
               handlelength=1.8, handletextpad=0.4, columnspacing=0.9, borderaxespad=0.15,
               labelcolor=MUTED)


def source_line(item: GoalFigure) -> str:
    """Where the goal's values come from (`Källa: Kolada`), under its figures; empty when
    unknown."""
    return printable(f"Källa: {swedish.shorten(item.source, 44)}") if item.source else ""


def goal_lines(item: GoalFigure) -> list[str]:
    """`Senast plats 138 (2025)` and `Mål plats 100 år 2028 · lägre är bättre`."""
    goal = item.goal
    year, latest = item.progress.values[-1]
    lines = [f"Senast {swedish.quantity(latest, goal.unit)} ({year})"]
    target = ""
    if goal.target is not None:
        target = f"Mål {swedish.quantity(goal.target, goal.unit)}"
        target += f" år {goal.target_year}" if goal.target_year else ""
        target += " · "
    better = ("plats 1 är bäst" if swedish.is_ranking(goal.unit) else
              "lägre är bättre" if goal.direction is Direction.DOWN else "högre är bättre")
    lines.append(target + better)
    return [printable(line) for line in lines]


def goal_title(item: GoalFigure, width: int = 36,
               indicator_width: int = 42) -> tuple[str, str]:
    """(the goal's ID and name, wrapped in at most two lines; its indicator, likewise)."""
    title = swedish.wrap_label(printable(f"{item.goal.id} {item.goal.name}"), width, 2)
    return title, swedish.wrap_label(printable(item.goal.indicator or ""), indicator_width, 2)
