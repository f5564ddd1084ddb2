"""Each chart of the pack on its own, as a 200 dpi PNG for the board's documents.

The file names say what the chart shows, in Swedish without å, ä, ö
(`status-per-fokusomrade.png`, `mal-M1-ett-battre-foretagsklimat.png`), so
that they survive any e-mail system and file share.
"""

from __future__ import annotations

import re
from pathlib import Path

from plan_sheets import swedish
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
from plan_sheets.annual.figures import AnnualFigures, GoalFigure

DPI = 200
WIDE = (8.0, 4.8)
GOAL = (4.4, 3.6)
GOALS_PER_STRIP = 10
"""Goal charts drawn in one figure (a canvas stays well below Agg's size limit)."""

STATUS_FILE = "status-per-fokusomrade.png"
YEAR_FILE = "status-under-aret.png"
COMPLETED_FILE = "genomforda-och-nya-per-fokusomrade.png"
SHARES_FILE = "statusfordelning.png"
COVERAGE_FILE = "maltackning.png"
GOAL_PREFIX = "mal-"

OURS = re.compile(r"^(status-|genomforda-|statusfordelning|maltackning|mal-).*\.png$")
"""Names this module writes: a chart no longer in the pack is removed on the next run."""


def goal_file(goal_id: str, name: str) -> str:
    clean_id = re.sub(r"[^A-Za-z0-9]", "", goal_id) or "mal"
    words = swedish.slug(name, 40)
    return f"{GOAL_PREFIX}{clean_id}{'-' + words if words else ''}.png"


def _titled(size: tuple[float, float], title: str, subtitle: str):
    fig = charts.figure(*size)
    text_at(fig, 0.25, size[1] - 0.18, title, fontsize=12, fontweight="bold", color=ACCENT)
    if subtitle:
        text_at(fig, 0.25, size[1] - 0.45, subtitle, fontsize=8.5, color=MUTED)
    return fig


def _render(fig):
    """The figure drawn at DPI, as an RGB image (PIL comes with matplotlib)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image

    fig.set_dpi(DPI)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    width, height = canvas.get_width_height()
    return Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0,
                            1).convert("RGB")


def _write(image, path: Path) -> Path:
    # Fast compression: the files are a little larger, the pack is written much sooner.
    image.save(path, format="PNG", dpi=(DPI, DPI), compress_level=1)
    return path


def _save(fig, path: Path) -> Path:
    return _write(_render(fig), path)


def _status_per_focus(figs: AnnualFigures, path: Path) -> Path:
    w, h = WIDE
    fig = _titled(WIDE, "Status per fokusområde",
                  f"Beslutade och genomförda aktiviteter, {swedish.long_date(figs.day)}")
    cats = charts.categories(focus_names(figs, list(figs.by_focus.index)), h - 1.75, size=8.5)
    left = 0.2 + cats.width
    ax = axes_at(fig, left, 1.0, w - left - 0.35, h - 1.75)
    charts.status_bars(ax, figs.by_focus, cats.labels, label_size=cats.fontsize)
    charts.status_legend(ax, anchor=(0.5, -0.42 / (h - 1.75)))
    return _save(fig, path)


def _status_during_year(figs: AnnualFigures, path: Path) -> Path:
    w, h = WIDE
    fig = _titled(WIDE, f"Status under {figs.year}",
                  "Trafikljus vid varje uppföljning (Statushistorik)")
    table = figs.over_year
    ax = axes_at(fig, 0.8, 1.15, w - 1.1, h - 1.9)
    charts.status_columns(ax, table, period_labels(table, long=len(table) <= 4),
                          named=len(table) <= 4)
    if len(table) > 8:
        ax.tick_params(axis="x", labelrotation=30, labelsize=7)
    charts.status_legend(ax, anchor=(0.5, -0.62 / (h - 1.9)))
    return _save(fig, path)


def _completed_new(figs: AnnualFigures, path: Path) -> Path:
    w, h = WIDE
    fig = _titled(WIDE, f"Genomförda och nya aktiviteter {figs.year}", "Per fokusområde")
    cats = charts.categories(focus_names(figs, list(figs.completed_new.index)), h - 1.75)
    left = 0.2 + cats.width
    ax = axes_at(fig, left, 1.0, w - left - 0.35, h - 1.75)
    charts.completed_new_bars(ax, figs.completed_new, cats.labels, figs.year,
                              label_size=cats.fontsize)
    charts.status_legend(ax, ncol=2, anchor=(0.5, -0.42 / (h - 1.75)))
    return _save(fig, path)


def _shares(figs: AnnualFigures, path: Path) -> Path:
    size = (8.0, 1.9)
    fig = _titled(size, f"Trafikljus {figs.year}",
                  f"{swedish.plural(figs.key.total, 'aktivitet', 'aktiviteter')}, "
                  f"{swedish.long_date(figs.day)}")
    ax = axes_at(fig, 0.25, 0.6, size[0] - 0.5, 0.5)
    charts.status_share_bar(ax, figs.key.by_status)
    charts.status_legend(ax, anchor=(0.5, -0.12))
    return _save(fig, path)


def _coverage(figs: AnnualFigures, path: Path) -> Path:
    w, h = WIDE
    fig = _titled(WIDE, "Måltäckning", "Aktiviteter per mål efter trafikljus; en aktivitet "
                  "kan bidra till flera mål")
    cats = charts.categories(goal_names(figs, list(figs.coverage.index)), h - 1.75, size=8.5,
                             chars=34)
    left = 0.2 + cats.width
    ax = axes_at(fig, left, 1.0, w - left - 0.35, h - 1.75)
    charts.coverage_bars(ax, figs.coverage, cats.labels, label_size=cats.fontsize)
    charts.status_legend(ax, anchor=(0.5, -0.42 / (h - 1.75)))
    return _save(fig, path)


def _goal_cell(fig, x: float, item: GoalFigure) -> None:
    """One goal's chart in the `GOAL`-sized cell that starts `x` inches from the left."""
    w, h = GOAL
    title, indicator = charts.goal_title(item, 44, 68)
    text_at(fig, x + 0.2, h - 0.12, title, fontsize=10, fontweight="bold", color=ACCENT,
            linespacing=1.15)
    below = h - 0.12 - 0.2 * (title.count("\n") + 1) - 0.06
    text_at(fig, x + 0.2, below, indicator, fontsize=8, color=MUTED)
    ax = axes_at(fig, x + 0.75, 1.2, w - 1.0, below - 0.28 - 1.2)
    charts.goal_chart(ax, item, fontsize=8, indent=-0.55 * 72)
    text_at(fig, x + 0.2, 0.1, charts.GOAL_KEY, fontsize=7, color=MUTED, va="bottom")


def _goals(items: list[GoalFigure], paths: list[Path]) -> list[Path]:
    """The goal charts side by side in one figure, drawn once and cut into one PNG each.

    Drawing is what costs; one figure for many small charts is much faster than
    one figure each, and the PNGs are the same.
    """
    w, h = GOAL
    for start in range(0, len(items), GOALS_PER_STRIP):
        chunk = items[start:start + GOALS_PER_STRIP]
        fig = charts.figure(w * len(chunk), h)
        for i, item in enumerate(chunk):
            _goal_cell(fig, i * w, item)
        image = _render(fig)
        cell = round(w * DPI)
        for i, path in enumerate(paths[start:start + GOALS_PER_STRIP]):
            _write(image.crop((i * cell, 0, (i + 1) * cell, image.height)), path)
    return paths


def write_pngs(figs: AnnualFigures, folder: Path) -> list[Path]:
    """Write every chart of the pack into `folder`; returns the files in pack order.

    A chart with nothing to show is not written (status over the year without
    snapshots of the year, goal coverage without goals, …). PNGs an earlier run
    wrote that are no longer part of the pack are removed.
    """
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    if figs.key.total:
        written.append(_shares(figs, folder / SHARES_FILE))
    if not figs.by_focus.empty:
        written.append(_status_per_focus(figs, folder / STATUS_FILE))
    if not figs.over_year.empty:
        written.append(_status_during_year(figs, folder / YEAR_FILE))
    if not figs.completed_new.empty:
        written.append(_completed_new(figs, folder / COMPLETED_FILE))
    written += _goals(list(figs.goals),
                      [folder / goal_file(item.goal.id, item.goal.name) for item in figs.goals])
    if not figs.coverage.empty:
        written.append(_coverage(figs, folder / COVERAGE_FILE))
    keep = {p.name for p in written}
    for old in folder.glob("*.png"):
        if OURS.match(old.name) and old.name not in keep:
            old.unlink()
    return written
