"""The figures of the December chart pack, as data: what every page and chart shows.

Pure functions of a Plan. The PDF, the PNGs and the workbook all draw from one
`AnnualFigures`, so they never disagree, and tests compare its tables with
counts of their own. Which activities are counted is population.py's, the
counting itself figures.py's, both shared with `report`.
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from plan_sheets.analysis import figures
from plan_sheets.analysis.figures import STATUS_LABELS, GoalProgress
from plan_sheets.analysis.history import Basis, basis
from plan_sheets.analysis.population import (
    BETTER,
    CANCELLED,
    WORSE,
    Changes,
    Population,
    change_kind,
    changes_since,
    completion_days,
    population,
)
from plan_sheets.analysis.population import COMPLETED as COMPLETED_ONE
from plan_sheets.analysis.population import NEW as NEW_ONE
from plan_sheets.periods import Period
from plan_sheets.workbook.model import Activity, Goal, Phase, Plan, Snapshot
from plan_sheets.workbook.schema import ACTIVITIES

if TYPE_CHECKING:
    import pandas as pd

TOTAL = "Totalt"
COMPLETED = "Genomförda"
NEW = "Nya"
DATE = "Datum"

VERDICT_REACHED = "Målvärdet är nått"
VERDICT_ON_TRACK = "I fas mot målvärdet"
VERDICT_BEHIND = "Inte i fas mot målvärdet"
VERDICT_UNKNOWN = "Kan inte bedömas (utgångsvärde eller målvärde saknas)"


def report_day(year: int, today: date) -> date:
    """The day the report describes: today, or the year's last day for a past year."""
    return min(today, date(year, 12, 31))


def in_scope(plan: Plan, *, year: int, today: date) -> tuple[Plan, Population]:
    """What the board hears about (action plan, section 7), and how it is counted.

    The counted activities of the population: decided by the report day or
    completed during the year, and not Avbruten (`population.population`);
    measurements up to the year, so that a report on an earlier year does not
    judge goals by later values.
    """
    pop = population(plan, day=report_day(year, today), year=year)
    measurements = tuple(m for m in plan.measurements if m.year <= year)
    return replace(plan, activities=pop.counted, measurements=measurements), pop


@dataclass(frozen=True)
class KeyFigures:
    decided: int
    """Activities the steering group decided by the report day."""
    completed: int
    """Completed during the year."""
    ongoing: int
    """Pågående among the activities of the report."""
    new: int
    """Decided during the year (and not Avbruten: those are counted apart)."""
    by_status: dict[str, int]
    """Grön/Gul/Röd/Genomförd/Ej satt -> count, over the activities of the report."""
    cancelled: int = 0
    """Decided and Avbruten: counted apart."""
    proposals: int = 0
    """Not decided by the report day: counted apart."""
    completed_before: int = 0
    """Genomförd before the year (the report counts them: decided, not Avbruten)."""
    planned: int = 0
    """Planerad among the activities of the report."""
    no_phase: int = 0
    """Without a Läge."""

    @property
    def parts(self) -> tuple[int, int, int, int, int]:
        """The activities of the report by Läge, adding up to `total`: completed during the
        year, completed before it, ongoing, planned, without a Läge."""
        return (self.completed, self.completed_before, self.ongoing, self.planned,
                self.no_phase)

    @property
    def total(self) -> int:
        return sum(self.by_status.values())


@dataclass(frozen=True)
class GoalFigure:
    goal: Goal
    progress: GoalProgress
    verdict: str
    source: str = ""
    """Where the values come from (`Kolada`, or the goal's own Källa), or empty."""


@dataclass(frozen=True)
class AnnualFigures:
    """Everything the chart pack shows, computed once."""

    year: int
    today: date
    day: date
    """The report day (see `report_day`)."""
    plan: Plan
    """The activities of the report (see `in_scope`), without personal data if asked."""
    population: Population
    """Which activities the report counts, and those it counts apart."""
    basis: Basis
    """What the report shows: today's plan, or for a past year its last snapshot."""
    key: KeyFigures
    by_focus: pd.DataFrame
    """Page 2: focus-area number x Grön/Gul/Röd/Ej satt/Totalt."""
    over_year: pd.DataFrame
    """Page 3: period x Datum/Grön/Gul/Röd/Ej satt, snapshots of the year in order."""
    completed_new: pd.DataFrame
    """Page 4: focus-area number x Genomförda/Nya during the year."""
    completed: tuple[Activity, ...]
    completed_on: dict[str, date]
    """Activity ID -> the day its Läge became Genomförd (`population.completion_days`)."""
    new: tuple[Activity, ...]
    goals: tuple[GoalFigure, ...]
    """Page 5: goals with values up to the year."""
    goals_without_values: tuple[Goal, ...]
    coverage: pd.DataFrame
    """Page 6: goal ID x Grön/Gul/Röd/Ej satt/Totalt activities linked to it."""
    uncovered: tuple[Goal, ...]
    deviations: tuple[Activity, ...]
    """Page 7: Gul and Röd, Röd first."""

    @functools.cached_property
    def new_ids(self) -> frozenset[str]:
        return frozenset(a.id for a in self.new)

    @functools.cached_property
    def completed_ids(self) -> frozenset[str]:
        return frozenset(a.id for a in self.completed)


def key_figures(plan: Plan, pop: Population, *, year: int, day: date) -> KeyFigures:
    """The cover's figures for the activities of the report (`in_scope`)."""
    counts = dict.fromkeys(STATUS_LABELS, 0)
    for a in plan.activities:
        counts[figures.light_label(a)] += 1
    completed = len(figures.completed_in_year(plan, year))
    return KeyFigures(
        decided=len(figures.decided_by(plan, day)),
        completed=completed,
        ongoing=sum(1 for a in plan.activities if a.phase is Phase.ONGOING),
        new=len(figures.new_in_year(plan, year)),
        by_status=counts,
        cancelled=len(pop.cancelled),
        proposals=len(pop.proposals),
        completed_before=sum(1 for a in plan.activities if a.phase is Phase.DONE) - completed,
        planned=sum(1 for a in plan.activities if a.phase is Phase.PLANNED),
        no_phase=sum(1 for a in plan.activities if a.phase is None),
    )


def status_per_focus(plan: Plan) -> pd.DataFrame:
    """Page 2: focus-area number x Grön/Gul/Röd/Ej satt/Totalt, without the sum row."""
    table = figures.status_by_focus(plan)
    table = table.drop(index=TOTAL)
    table.index = table.index.astype(int)
    return table


def status_during_year(plan: Plan, year: int) -> pd.DataFrame:
    """Page 3: the year's snapshots, one row per period with its date and status counts.

    `plan` is the whole plan (each snapshot is counted as the population was then).
    """
    table = figures.status_over_year(plan, year)
    taken = {p: next(iter(snaps.values())).date
             for p, snaps in figures.snapshots_by_period(plan).items() if snaps}
    table.insert(0, DATE, [taken[p] for p in table.index])
    table.index.name = "Period"
    return table


def completed_and_new(plan: Plan, year: int) -> pd.DataFrame:
    """Page 4: per focus area, activities completed and activities decided during the year."""
    import pandas as pd

    numbers = figures.focus_numbers(plan)
    done = Counter(a.focus_area for a in figures.completed_in_year(plan, year))
    new = Counter(a.focus_area for a in figures.new_in_year(plan, year))
    return pd.DataFrame({COMPLETED: [done[n] for n in numbers], NEW: [new[n] for n in numbers]},
                        index=pd.Index(numbers, name="Fokusområde"), dtype=int)


def verdict(progress: GoalProgress) -> str:
    if progress.reached:
        return VERDICT_REACHED
    if progress.on_track is None:
        return VERDICT_UNKNOWN
    return VERDICT_ON_TRACK if progress.on_track else VERDICT_BEHIND


def goal_figures(plan: Plan) -> tuple[tuple[GoalFigure, ...], tuple[Goal, ...]]:
    """Page 5: (goals with values and their verdicts, goals without values)."""
    with_values, without = [], []
    for goal in plan.goals:
        progress = figures.goal_progress(plan, goal)
        if progress.values:
            with_values.append(GoalFigure(goal, progress, verdict(progress),
                                          figures.value_source(plan, goal)))
        else:
            without.append(goal)
    return tuple(with_values), tuple(without)


def coverage_table(plan: Plan) -> pd.DataFrame:
    """Page 6: goal ID x Grön/Gul/Röd/Ej satt/Totalt of the activities linked to each goal."""
    import pandas as pd

    rows = {c.goal.id: c.by_status for c in figures.goal_coverage(plan)}
    table = pd.DataFrame.from_dict(rows, orient="index", columns=STATUS_LABELS)
    table = table.reindex(columns=STATUS_LABELS).fillna(0).astype(int)
    table[TOTAL] = table.sum(axis=1)
    table.index.name = "Mål"
    return table


def deviation_frame(deviations: tuple[Activity, ...], *, personal_data: bool) -> pd.DataFrame:
    """Page 7 as a table: one row per Gul/Röd activity (Kontaktperson only with personal data)."""
    import pandas as pd

    h = {key: ACTIVITIES.field(key).header for key in
         ("id", "status", "focus_area", "title", "responsible", "contact", "cause", "action")}
    rows = []
    for a in deviations:
        row = {h["id"]: a.id, h["status"]: figures.status_label(a.status),
               h["focus_area"]: a.focus_area, h["title"]: a.title,
               h["responsible"]: a.responsible, h["contact"]: a.contact,
               h["cause"]: a.cause, h["action"]: a.action}
        rows.append(row)
    columns = [h[k] for k in ("id", "status", "focus_area", "title", "responsible", "contact",
                              "cause", "action") if personal_data or k != "contact"]
    return pd.DataFrame(rows, columns=columns)


def goal_decimals(item: GoalFigure) -> int:
    """As many decimals as the goal's own figures have (0 or 1): where the straight path says
    a ranking should be reads 77, not 76.625."""
    goal = item.goal
    numbers = [goal.baseline, goal.target, *(v for _, v in item.progress.values)]
    return 0 if all(float(v).is_integer() for v in numbers if v is not None) else 1


def light(a: Activity) -> str:
    """The traffic light shown for an activity: none for a cancelled one (its own category)."""
    return figures.light_label(a) or "–"


def year_baseline(plan: Plan, year: int) -> tuple[str | None, dict[str, Snapshot]]:
    """The snapshot the year's changes are counted from: the last one of a period before the
    year (`Plan.period_ends`), else the year's first; (None, {}) without either."""
    by_period = figures.snapshots_by_period(plan)
    ends = plan.period_ends()
    before = [p for p, day in ends.items() if day.year < year and by_period.get(p)]
    during = [p for p, day in ends.items() if day.year == year and by_period.get(p)]
    period = before[-1] if before else during[0] if during else None
    return period, (by_period[period] if period else {})


def year_change(figs: AnnualFigures, activity: Activity, before: Snapshot | None) -> str:
    """What became of a decided activity during the year, by the rules every page of the
    report counts with: `Avbruten` for a cancelled one (whenever it was cancelled: the
    population's cancelled), else `Ny` (decided during the year) and `Genomförd` (completed
    during it), else Sämre or Bättre against `before` (`year_baseline`'s snapshot of it)."""
    if activity.phase is Phase.CANCELLED:
        return CANCELLED
    tags = []
    if activity.id in figs.new_ids:
        tags.append(NEW_ONE)
    if activity.id in figs.completed_ids:
        tags.append(COMPLETED_ONE if not tags else COMPLETED_ONE.lower())
    if tags:
        return " och ".join(tags)
    kind = change_kind(activity, before) if before is not None else None
    return kind if kind in (WORSE, BETTER) else ""


def year_changes(plan: Plan, pop: Population, year: int) -> Changes:
    """Each decided activity's one change during `year` (population.change_kind), against
    `year_baseline`."""
    period, snaps = year_baseline(plan, year)
    return changes_since(pop, period, snaps)


def annual_figures(plan: Plan, *, year: int, today: date) -> AnnualFigures:
    """Every figure of the chart pack for `year`: as the plan stands on `today` during the
    year, as its last Statushistorik snapshot of the year recorded it for a past year
    (`history.basis`). A year `arsskifte` closed is always its last snapshot's: its
    closed activities have left the live plan for Avslutade."""
    if year in plan.closed_years and today <= date(year, 12, 31):
        today = date(year + 1, 1, 1)
    day = report_day(year, today)
    based = basis(plan, day=day, today=today,
                  wanted=Period.last_of_year(year, plan.period_form).label)
    plan = based.plan
    scope, pop = in_scope(plan, year=year, today=today)
    goals, without = goal_figures(scope)
    return AnnualFigures(
        year=year, today=today, day=day, plan=scope, population=pop, basis=based,
        key=key_figures(scope, pop, year=year, day=day),
        by_focus=status_per_focus(scope),
        over_year=status_during_year(plan, year),
        completed_new=completed_and_new(scope, year),
        completed=tuple(figures.completed_in_year(scope, year)),
        completed_on=completion_days(scope),
        new=tuple(figures.new_in_year(scope, year)),
        goals=goals, goals_without_values=without,
        coverage=coverage_table(scope),
        uncovered=tuple(figures.uncovered_goals(scope)),
        deviations=tuple(figures.deviations(scope)),
    )
