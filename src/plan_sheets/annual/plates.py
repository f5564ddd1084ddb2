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
WIDE = (8.0, 4.8)
GOAL = (4.4, 3.6)
SHARES = (8.0, 1.9)

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
    text_at(fig, 0.25, h - 0.18, title, fontsize=12, fontweight="bold", color=ACCENT)
    if subtitle:
        text_at(fig, 0.25, h - 0.45, subtitle, fontsize=8.5, color=MUTED)


def _counts(row, labels=STATUS_LABELS) -> str:
    return ", ".join(f"{label} {swedish.number(int(row[label]))}" for label in labels)


def _status_per_focus(figs: AnnualFigures) -> Plate:
    title = "Status per fokusområde"
    subtitle = f"Beslutade och genomförda aktiviteter, {swedish.long_date(figs.day)}"
    table = figs.by_focus

    def draw(fig) -> None:
        w, h = WIDE
        _titled(fig, title, subtitle)
        cats = charts.categories(focus_names(figs, list(table.index)), h - 1.75, size=8.5)
        left = 0.2 + cats.width
        ax = axes_at(fig, left, 1.0, w - left - 0.35, h - 1.75)
        charts.status_bars(ax, table, cats.labels, label_size=cats.fontsize)
        charts.status_legend(ax, anchor=(0.5, -0.42 / (h - 1.75)))

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
        ax = axes_at(fig, 0.8, 1.15, w - 1.1, h - 1.9)
        charts.status_columns(ax, table, period_labels(table, long=len(table) <= 4),
                              named=len(table) <= 4)
        if len(table) > 8:
            ax.tick_params(axis="x", labelrotation=30, labelsize=7)
        charts.status_legend(ax, anchor=(0.5, -0.62 / (h - 1.9)))

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
        cats = charts.categories(focus_names(figs, list(table.index)), h - 1.75)
        left = 0.2 + cats.width
        ax = axes_at(fig, left, 1.0, w - left - 0.35, h - 1.75)
        charts.completed_new_bars(ax, table, cats.labels, figs.year, label_size=cats.fontsize)
        charts.status_legend(ax, ncol=2, anchor=(0.5, -0.42 / (h - 1.75)))

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
        ax = axes_at(fig, 0.25, 0.6, SHARES[0] - 0.5, 0.5)
        charts.status_share_bar(ax, counts)
        charts.status_legend(ax, anchor=(0.5, -0.12))

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
        cats = charts.categories(goal_names(figs, list(table.index)), h - 1.75, size=8.5,
                                 chars=34)
        left = 0.2 + cats.width
        ax = axes_at(fig, left, 1.0, w - left - 0.35, h - 1.75)
        charts.coverage_bars(ax, table, cats.labels, label_size=cats.fontsize)
        charts.status_legend(ax, anchor=(0.5, -0.42 / (h - 1.75)))

    names = dict(zip(table.index, goal_names(figs, list(table.index)), strict=True))
    alt = ("Liggande staplar: antal aktiviteter som bidrar till varje mål, efter trafikljus. " +
           "; ".join(f"{names[gid]}: {_counts(table.loc[gid])}, totalt "
                     f"{swedish.number(int(table.loc[gid, TOTAL]))}" for gid in table.index)
           + ".")
    return Plate(COVERAGE_FILE, title, alt, size, draw)


def coverage_size(goals: int) -> tuple[float, float]:
    """Tall enough that each goal's name fits on two lines beside its bar (up to 12 goals)."""
    w, h = WIDE
    return w, max(h, min(1.75 + 0.45 * goals, 7.0))


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
        title, indicator = charts.goal_title(item, 44, 68)
        text_at(fig, 0.2, h - 0.12, title, fontsize=10, fontweight="bold", color=ACCENT,
                linespacing=1.15)
        below = h - 0.12 - 0.2 * (title.count("\n") + 1) - 0.06
        text_at(fig, 0.2, below, indicator, fontsize=8, color=MUTED)
        ax = axes_at(fig, 0.75, 1.2, w - 1.0, below - 0.28 - 1.2)
        charts.goal_chart(ax, item, fontsize=8, indent=-0.55 * 72)
        text_at(fig, 0.2, 0.1, charts.goal_key(item), fontsize=7, color=MUTED, va="bottom")

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
