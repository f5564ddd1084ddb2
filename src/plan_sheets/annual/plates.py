"""Each chart of the pack as a figure of its own: title, drawing, file name and alt text.

The PDF places a plate as SVG and `diagram/` holds the same plate as a 200 dpi
PNG, so the two never differ in title or numbers. The alt text states the
numbers the chart shows, for a screen reader (PDF/UA) and for anyone who
cannot see the colours.
"""

from __future__ import annotations

import dataclasses
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from plan_sheets import files, swedish
from plan_sheets.analysis.figures import STATUS_LABELS
from plan_sheets.annual import charts
from plan_sheets.annual.charts import (
    ACCENT,
    MUTED,
    axes_at,
    focus_names,
    goal_names,
    period_labels,
    text_at,
)
from plan_sheets.annual.figures import COMPLETED, NEW, TOTAL, AnnualFigures, GoalFigure

DPI = 200
"""Of the PNGs in diagram/."""
CM = 1 / 2.54
# Each plate is drawn at the size the PDF prints it (its width in the page's columns), so
# that a point in the drawing is a point on paper: no text under MIN_TEXT.
WIDE = (12.6 * CM, 3.5)
"""Two side by side on the page."""
GOAL = (8.2 * CM, 2.8)
"""Three side by side."""
SHARES = (15.0 * CM, 1.45)
COVERAGE_WIDTH = 13.5 * CM
MIN_TEXT = 8
"""Points: the smallest text any chart prints."""
TOP = 0.62
"""Inches above the axes for a plate's title and subtitle."""
BELOW = 0.38
"""Inches from the axes' bottom edge to the legend's top: the tick labels and axis name."""

STATUS_FILE = "status-per-fokusomrade"
YEAR_FILE = "status-under-aret"
COMPLETED_FILE = "genomforda-och-nya-per-fokusomrade"
SHARES_FILE = "statusfordelning"
COVERAGE_FILE = "maltackning"
GOAL_PREFIX = "mal-"

OURS = re.compile(r"^(status-|genomforda-|statusfordelning|maltackning|mal-).*\.png$")
"""PNG names this module gives: a chart no longer in the pack is removed on the next run."""


@dataclass(frozen=True)
class Plate:
    name: str
    """File name without `.png`: ASCII, says what the chart shows."""
    title: str
    alt: str
    size: tuple[float, float]
    draw: Callable[[object], None]

    @property
    def width_cm(self) -> float:
        """The width the PDF prints the plate at: the width it is drawn at."""
        return round(self.size[0] * 2.54, 2)

    def figure(self):
        fig = charts.figure(*self.size)
        self.draw(fig)
        return fig

    def render(self, png: Path | None = None) -> str:
        """The plate as SVG text for the PDF, and as a 200 dpi PNG at `png` from the same
        figure (within `charts.style()`)."""
        fig = self.figure()
        buffer = io.BytesIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None})
        if png is not None:
            # Fast compression: the files are a little larger, the pack is written sooner.
            with files.replacing(png) as tmp:
                fig.savefig(tmp, format="png", dpi=DPI,
                            pil_kwargs={"compress_level": 1, "dpi": (DPI, DPI)})
        return buffer.getvalue().decode("utf-8")


def goal_file(goal_id: str, name: str) -> str:
    clean_id = re.sub(r"[^A-Za-z0-9]", "", goal_id) or "mal"
    words = swedish.slug(name, 40)
    return f"{GOAL_PREFIX}{clean_id}{'-' + words if words else ''}"


def _titled(fig, title: str, subtitle: str) -> None:
    _w, h = fig.get_size_inches()
    text_at(fig, 0.05, h - 0.06, title, fontsize=11, fontweight="bold", color=ACCENT)
    if subtitle:
        text_at(fig, 0.05, h - 0.3, subtitle, fontsize=MIN_TEXT, color=MUTED)


def _below(axes_height: float) -> tuple[float, float]:
    """The legend's anchor under axes `axes_height` inches tall (axes fraction)."""
    return (0.5, -BELOW / axes_height)


def _counts(row, labels=STATUS_LABELS) -> str:
    return ", ".join(f"{label} {swedish.number(int(row[label]))}" for label in labels)


def _status_per_focus(figs: AnnualFigures) -> Plate:
    title = "Status per fokusområde"
    subtitle = f"Beslutade och genomförda aktiviteter, {swedish.long_date(figs.day)}"
    table = figs.by_focus

    def draw(fig) -> None:
        w, h = WIDE
        _titled(fig, title, subtitle)
        height = h - TOP - 0.9
        cats = charts.categories(focus_names(figs, list(table.index)), height, size=MIN_TEXT)
        left = 0.05 + cats.width
        ax = axes_at(fig, left, 0.9, w - left - 0.3, height)
        charts.status_bars(ax, table, cats.labels, label_size=cats.fontsize)
        charts.status_legend(ax, anchor=_below(height))

    alt = (f"Liggande staplar: {title.lower()}, {subtitle[0].lower()}{subtitle[1:]}. " +
           "; ".join(f"{figs.plan.focus_area_short_name(n)}: {_counts(table.loc[n])}, totalt "
                     f"{swedish.number(int(table.loc[n, TOTAL]))}" for n in table.index) + ".")
    return Plate(STATUS_FILE, title, alt, WIDE, draw)


def _status_during_year(figs: AnnualFigures) -> Plate:
    title = f"Status under {figs.year}"
    subtitle = "Trafikljus vid varje uppföljning (Statushistorik)"
    table = figs.over_year

    def draw(fig) -> None:
        w, h = WIDE
        _titled(fig, title, subtitle)
        height = h - TOP - 1.05
        ax = axes_at(fig, 0.5, 1.05, w - 0.6, height)
        charts.status_columns(ax, table, period_labels(table, long=len(table) <= 3),
                              named=len(table) <= 3)
        if len(table) > 5:
            ax.tick_params(axis="x", labelrotation=30, labelsize=MIN_TEXT)
        charts.status_legend(ax, anchor=(0.5, -0.55 / height))

    alt = (f"Staplade staplar: status vid varje uppföljning under {figs.year}. " +
           "; ".join(f"{period} ({swedish.long_date(table.loc[period, 'Datum'])}): "
                     f"{_counts(table.loc[period])}" for period in table.index) + ".")
    return Plate(YEAR_FILE, title, alt, WIDE, draw)


def _completed_new(figs: AnnualFigures) -> Plate:
    title = f"Genomförda och nya aktiviteter {figs.year}"
    table = figs.completed_new

    def draw(fig) -> None:
        w, h = WIDE
        _titled(fig, title, "Per fokusområde")
        height = h - TOP - 0.9
        cats = charts.categories(focus_names(figs, list(table.index)), height, size=MIN_TEXT)
        left = 0.05 + cats.width
        ax = axes_at(fig, left, 0.9, w - left - 0.3, height)
        charts.completed_new_bars(ax, table, cats.labels, figs.year, label_size=cats.fontsize)
        charts.status_legend(ax, ncol=1, anchor=_below(height))

    alt = (f"Liggande staplar: genomförda och nya aktiviteter {figs.year} per fokusområde. " +
           "; ".join(f"{figs.plan.focus_area_short_name(n)}: genomförda "
                     f"{swedish.number(int(table.loc[n, COMPLETED]))}, nya "
                     f"{swedish.number(int(table.loc[n, NEW]))}" for n in table.index) + ".")
    return Plate(COMPLETED_FILE, title, alt, WIDE, draw)


def _shares(figs: AnnualFigures) -> Plate:
    title = f"Trafikljus {figs.year}"
    subtitle = (f"{swedish.plural(figs.key.total, 'aktivitet', 'aktiviteter')}, "
                f"{swedish.long_date(figs.day)}")
    counts = figs.key.by_status
    total = figs.key.total

    def draw(fig) -> None:
        _titled(fig, title, subtitle)
        ax = axes_at(fig, 0.05, 0.5, SHARES[0] - 0.1, 0.4)
        charts.status_share_bar(ax, counts)
        charts.status_legend(ax, anchor=(0.5, -0.1))

    alt = (f"Stapel: trafikljus för {subtitle}. " + ", ".join(
        f"{label} {swedish.number(counts[label])} "
        f"({swedish.percent(counts[label] / total if total else 0)})"
        for label in STATUS_LABELS) + ".")
    return Plate(SHARES_FILE, title, alt, SHARES, draw)


def _coverage(figs: AnnualFigures) -> Plate:
    title = "Måltäckning"
    table = figs.coverage

    size = coverage_size(len(table))

    def draw(fig) -> None:
        w, h = size
        _titled(fig, title, "Aktiviteter per mål efter trafikljus; en aktivitet kan bidra "
                "till flera mål")
        height = h - TOP - 0.9
        cats = charts.categories(goal_names(figs, list(table.index)), height, size=MIN_TEXT,
                                 chars=30)
        left = 0.05 + cats.width
        ax = axes_at(fig, left, 0.9, w - left - 0.3, height)
        charts.coverage_bars(ax, table, cats.labels, label_size=cats.fontsize)
        charts.status_legend(ax, anchor=_below(height))

    names = dict(zip(table.index, goal_names(figs, list(table.index)), strict=True))
    alt = ("Liggande staplar: antal aktiviteter som bidrar till varje mål, efter trafikljus. " +
           "; ".join(f"{names[gid]}: {_counts(table.loc[gid])}, totalt "
                     f"{swedish.number(int(table.loc[gid, TOTAL]))}" for gid in table.index)
           + ".")
    return Plate(COVERAGE_FILE, title, alt, size, draw)


def coverage_size(goals: int) -> tuple[float, float]:
    """Tall enough that each goal's name fits on two lines beside its bar (up to 16 goals)."""
    return COVERAGE_WIDTH, max(WIDE[1], min(TOP + 0.9 + 0.34 * goals, 7.0))


def goal_alt(item: GoalFigure) -> str:
    goal, progress = item.goal, item.progress
    values = ", ".join(f"{year}: {swedish.quantity(v, goal.unit)}" for year, v in progress.values)
    path = ""
    if None not in (goal.baseline, goal.baseline_year, goal.target, goal.target_year):
        path = (f" Rak väg från {swedish.quantity(goal.baseline, goal.unit)} år "
                f"{goal.baseline_year} till {swedish.quantity(goal.target, goal.unit)} år "
                f"{goal.target_year}.")
    indicator = f" ({goal.indicator})" if goal.indicator else ""
    source = f" Källa: {item.source}." if item.source else ""
    return (f"Linjediagram: {goal.id} {goal.name}{indicator}. Utfall {values}.{path} "
            f"{' '.join(charts.goal_lines(item)[1:])}. Bedömning: {item.verdict}.{source}")


def _goal(item: GoalFigure) -> Plate:
    def draw(fig) -> None:
        w, h = GOAL
        title, indicator = charts.goal_title(item, 40, 56)
        text_at(fig, 0.05, h - 0.05, title, fontsize=9.5, fontweight="bold", color=ACCENT,
                linespacing=1.15)
        below = h - 0.05 - 0.18 * (title.count("\n") + 1) - 0.04
        text_at(fig, 0.05, below, indicator, fontsize=MIN_TEXT, color=MUTED, linespacing=1.1)
        top = below - 0.155 * (indicator.count("\n") + 1) - 0.1
        bottom = 1.02 + (0.14 if item.source else 0)
        ax = axes_at(fig, 0.45, bottom, w - 0.55, top - bottom)
        charts.goal_chart(ax, item, fontsize=MIN_TEXT)
        charts.goal_verdict(fig, item, x=0.05, top=bottom - 0.18, fontsize=MIN_TEXT)
        charts.goal_key(fig, fontsize=MIN_TEXT)

    return Plate(goal_file(item.goal.id, item.goal.name), f"{item.goal.id} {item.goal.name}",
                 goal_alt(item), GOAL, draw)


def overview_plates(figs: AnnualFigures) -> list[Plate]:
    """The pack's charts other than the goals', in reading order; none with nothing to show."""
    plates = []
    if figs.key.total:
        plates.append(_shares(figs))
    if not figs.by_focus.empty:
        plates.append(_status_per_focus(figs))
    if not figs.over_year.empty:
        plates.append(_status_during_year(figs))
    if not figs.completed_new.empty:
        plates.append(_completed_new(figs))
    return plates


def goal_plates(figs: AnnualFigures) -> list[Plate]:
    """One chart per goal, each with a file name of its own (`M1` and `M-1` both make
    `mal-M1-…`; the second becomes `mal-M1-…-2`)."""
    plates = [_goal(item) for item in figs.goals]
    names = files.unique_names(p.name for p in plates)
    return [dataclasses.replace(p, name=name) for p, name in zip(plates, names, strict=True)]


def coverage_plates(figs: AnnualFigures) -> list[Plate]:
    return [] if figs.coverage.empty else [_coverage(figs)]


def all_plates(figs: AnnualFigures) -> list[Plate]:
    """Every chart of the pack, in the order the PDF shows them."""
    return [*overview_plates(figs), *goal_plates(figs), *coverage_plates(figs)]


def render_all(chosen: list[Plate], folder: Path | None) -> dict[str, str]:
    """SVG text of each plate by name, each written as `folder/<name>.png` too."""
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
    return {p.name: p.render(folder / f"{p.name}.png" if folder else None) for p in chosen}


def remove_stale(folder: Path, chosen: list[Plate]) -> list[Path]:
    """Remove the PNGs an earlier run wrote that are no longer charts of the pack; returns the
    pack's PNGs in order."""
    keep = [folder / f"{p.name}.png" for p in chosen]
    names = {p.name for p in keep}
    for old in folder.glob("*.png"):
        if OURS.match(old.name) and old.name not in names:
            old.unlink()
    return keep
