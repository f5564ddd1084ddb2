"""Report figures: pure functions of a Plan, shared by `report` and `annual`.

Every table a report shows is computed here once, so that the steering
group's workbook and the municipal board's chart pack never disagree. Which
activities they are given is `population`'s: the callers pass the counted
activities (`Population.plan`). pandas is imported only when a function that
needs it runs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from plan_sheets.analysis.population import (
    Changes,
    Population,
    changes_since,
    completed_in_year,
    in_id_order,
    population,
)
from plan_sheets.analysis.population import id_key as _id_key
from plan_sheets.workbook.model import Activity, Direction, Goal, Phase, Plan, Snapshot, Status
from plan_sheets.workbook.schema import COMPLETED_LIGHT, TRAFFIC_LIGHTS

if TYPE_CHECKING:
    import pandas as pd

NOT_SET = TRAFFIC_LIGHTS[None].label
"""`Ej satt`: an activity without a traffic light."""
DONE_WITHOUT_LIGHT = COMPLETED_LIGHT.label
"""`Genomförd`: a completed activity without a traffic light, counted as what it is."""
STATUS_LABELS = [TRAFFIC_LIGHTS[s].label for s in Status] + [DONE_WITHOUT_LIGHT, NOT_SET]
PHASE_LABELS = [p.value for p in Phase]
NO_PHASE = "Utan läge"

__all__ = ["Changes", "completed_in_year", "in_id_order"]


def status_label(status: Status | None) -> str:
    return TRAFFIC_LIGHTS[status].label


def light_label(activity: Activity) -> str:
    """The label an activity is counted and shown under: its light; `Genomförd` when it is
    completed without one (never `Ej satt`); empty for a cancelled one (no light at all)."""
    if activity.phase is Phase.CANCELLED:
        return ""
    if activity.status is None and activity.phase is Phase.DONE:
        return DONE_WITHOUT_LIGHT
    return status_label(activity.status)


def focus_label(plan: Plan, number: int | None) -> str:
    """`1. Ett företagsklimat …` or `Fokusområde 1` when the name is unknown."""
    if number is None:
        return "Utan fokusområde"
    name = plan.focus_area_name(number)
    return f"{number}. {name}" if name else f"Fokusområde {number}"


def focus_numbers(plan: Plan) -> list[int]:
    """Focus areas in order: those defined, then any only activities name."""
    numbers = [a.number for a in plan.focus_areas]
    for activity in plan.activities:
        if activity.focus_area is not None and activity.focus_area not in numbers:
            numbers.append(activity.focus_area)
    return sorted(numbers)


def status_by_focus(plan: Plan, activities: Iterable[Activity] | None = None) -> pd.DataFrame:
    """Focus area x Grön/Gul/Röd/Ej satt counts, with a Totalt column and row.

    The index holds the focus-area number (`Totalt` for the sum row).
    """
    keys, counts = _focus_counts(plan, activities)
    return _status_table(keys, counts, "Fokusområde")


def _focus_counts(plan: Plan, activities: Iterable[Activity] | None) -> tuple[list, Counter]:
    acts = plan.activities if activities is None else activities
    counts = Counter((a.focus_area, light_label(a)) for a in acts
                     if a.focus_area is not None)
    return focus_numbers(plan), counts


def intervention_area_ids(plan: Plan, focus_area: int) -> list[str]:
    """A focus area's intervention areas in order: those defined, then any only activities name."""
    ids = [a.id for a in plan.intervention_areas if a.focus_area == focus_area]
    for activity in plan.activities:
        area = activity.intervention_area
        if activity.focus_area == focus_area and area and area not in ids:
            ids.append(area)
    return sorted(ids, key=_id_key)


def status_by_intervention_area(plan: Plan, focus_area: int) -> pd.DataFrame:
    """Intervention area x Grön/Gul/Röd/Ej satt counts within one focus area, as
    `status_by_focus` (index: the area's ID, `Totalt` for the sum row)."""
    keys, counts = _area_counts(plan, focus_area)
    return _status_table(keys, counts, "Insatsområde")


def _area_counts(plan: Plan, focus_area: int) -> tuple[list, Counter]:
    counts = Counter((a.intervention_area, light_label(a)) for a in plan.activities
                     if a.focus_area == focus_area and a.intervention_area)
    return intervention_area_ids(plan, focus_area), counts


def _status_table(keys: list, counts: Counter, name: str) -> pd.DataFrame:
    # Counted in Python first: growing a DataFrame cell by cell costs seconds on a large plan.
    import pandas as pd

    table = pd.DataFrame([[counts[(key, label)] for label in STATUS_LABELS] for key in keys],
                         index=pd.Index(keys, dtype=object, name=name), columns=STATUS_LABELS,
                         dtype=int)
    table["Totalt"] = table.sum(axis=1)
    table.loc["Totalt"] = table.sum(axis=0)
    return table.astype(int)


@dataclass(frozen=True)
class StatusCounts:
    """`status_by_focus` without pandas (importing it costs half a second): per key, the
    count of each status label and `Totalt`; `total` the same summed over the keys."""

    keys: tuple
    rows: tuple[dict[str, int], ...]
    total: dict[str, int]

    @classmethod
    def of(cls, keys: list, counts: Counter) -> StatusCounts:
        rows = []
        for key in keys:
            row = {label: counts[(key, label)] for label in STATUS_LABELS}
            row["Totalt"] = sum(row.values())
            rows.append(row)
        total = {label: sum(row[label] for row in rows) for label in [*STATUS_LABELS, "Totalt"]}
        return cls(tuple(keys), tuple(rows), total)

    @staticmethod
    def shares(row: dict[str, int]) -> dict[str, float]:
        """Each count of `row` as a share of its `Totalt` (0–1; 0 when it is 0), as
        `status_shares` computes them."""
        whole = row["Totalt"]
        return {label: row[label] / whole if whole > 0 else 0.0 for label in STATUS_LABELS}


def status_counts_by_focus(plan: Plan) -> StatusCounts:
    """The figures of `status_by_focus`, as plain numbers."""
    return StatusCounts.of(*_focus_counts(plan, None))


def status_counts_by_intervention_area(plan: Plan, focus_area: int) -> StatusCounts:
    """The figures of `status_by_intervention_area`, as plain numbers."""
    return StatusCounts.of(*_area_counts(plan, focus_area))


def status_shares(table: pd.DataFrame) -> pd.DataFrame:
    """Each count of `status_by_focus` as a share of its row's total (0–1)."""
    shares = table[STATUS_LABELS].div(table["Totalt"].where(table["Totalt"] > 0), axis=0)
    return shares.fillna(0.0)


def phase_counts(plan: Plan) -> dict[str, int]:
    counts = dict.fromkeys(PHASE_LABELS, 0)
    for a in plan.activities:
        label = a.phase.value if a.phase else NO_PHASE
        counts[label] = counts.get(label, 0) + 1
    return counts


def deviations(plan: Plan) -> list[Activity]:
    """Gul and Röd activities: Röd first, then by focus area and ID (the agenda)."""
    devs = [a for a in plan.activities if a.is_deviation]
    return sorted(devs, key=lambda a: (a.status is not Status.RED, a.focus_area or 0,
                                       _id_key(a.id)))


def overdue(plan: Plan, today: date) -> list[Activity]:
    return in_id_order(a for a in plan.activities if a.is_overdue(today))


# --- goals -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoalCoverage:
    goal: Goal
    activities: tuple[Activity, ...]
    by_status: dict[str, int]
    source: str = ""
    """Where the goal's values come from (`value_source`)."""


def goal_coverage(plan: Plan) -> list[GoalCoverage]:
    """Each goal with the activities linked to it and their status counts."""
    out = []
    for goal in plan.goals:
        linked = tuple(a for a in plan.activities if goal.id in a.goals)
        counts = dict.fromkeys(STATUS_LABELS, 0)
        for a in linked:
            counts[light_label(a)] += 1
        out.append(GoalCoverage(goal, linked, counts, value_source(plan, goal)))
    return out


def value_source(plan: Plan, goal: Goal) -> str:
    """Where the goal's values in Mätvärden come from: `Kolada` when `matvarden` fetched
    them (`Kolada och inskrivna värden` when some were typed), else the goal's own Källa."""
    names = [m.fetched_from for m in plan.measurements if m.goal == goal.id]
    fetched = sorted({n for n in names if n})
    if not fetched:
        return goal.source
    return " och ".join(fetched) + (" och inskrivna värden" if None in names else "")


def uncovered_goals(plan: Plan) -> list[Goal]:
    return [c.goal for c in goal_coverage(plan) if not c.activities]


def unlinked_activities(plan: Plan) -> list[Activity]:
    return in_id_order(a for a in plan.activities if not a.goals)


@dataclass(frozen=True)
class GoalProgress:
    goal: Goal
    values: tuple[tuple[int, float], ...]
    """(year, value), sorted by year."""
    expected: float | None
    """Where the straight line from baseline to target says the latest year should be."""
    on_track: bool | None
    """None when there is too little to judge (no values, no baseline or target)."""
    reached: bool


def goal_progress(plan: Plan, goal: Goal) -> GoalProgress:
    """Is the latest value on the straight path from baseline to target?"""
    values = tuple(sorted((m.year, m.value) for m in plan.measurements if m.goal == goal.id))
    if not values:
        return GoalProgress(goal, values, None, None, False)
    year, latest = values[-1]
    up = goal.direction is not Direction.DOWN
    reached = goal.target is not None and (latest >= goal.target if up else
                                           latest <= goal.target)
    if None in (goal.baseline, goal.baseline_year, goal.target, goal.target_year) or \
            goal.target_year == goal.baseline_year:
        return GoalProgress(goal, values, None, True if reached else None, reached)
    span = goal.target_year - goal.baseline_year
    progress = min(max((year - goal.baseline_year) / span, 0.0), 1.0)
    expected = goal.baseline + (goal.target - goal.baseline) * progress
    on_track = reached or (latest >= expected if up else latest <= expected)
    return GoalProgress(goal, values, expected, on_track, reached)


# --- history ---------------------------------------------------------------------------------


def snapshots_by_period(plan: Plan) -> dict[str, dict[str, Snapshot]]:
    """Period -> activity ID -> snapshot, in the order of the periods (`Plan.periods`)."""
    out: dict[str, dict[str, Snapshot]] = {p: {} for p in plan.periods()}
    for snap in plan.history:
        out[snap.period][snap.activity_id] = snap
    return out


def changes_since_last_snapshot(plan: Plan, pop: Population) -> Changes:
    """What changed between the latest snapshot and the plan as it is now, for the decided
    activities of `pop` (`population.change_kind`: one category each).

    A snapshot identical to the plan (the merge that just wrote it) is not a
    comparison: then the one before it is used.
    """
    by_period = snapshots_by_period(plan)
    periods = list(by_period)
    current = {a.id: a for a in plan.activities if a.id}
    while periods:
        snaps = by_period[periods[-1]]
        same = all(aid in snaps and (snaps[aid].status, snaps[aid].phase) == (a.status, a.phase)
                   for aid, a in current.items()) and set(snaps) == set(current)
        if not same:
            break
        periods.pop()
    if not periods:
        return Changes(since=None)
    return changes_since(pop, periods[-1], by_period[periods[-1]])


def status_over_year(plan: Plan, year: int) -> pd.DataFrame:
    """Period (snapshots of `year`'s periods) x Grön/Gul/Röd/Ej satt counts; empty if none.

    Each snapshot counts the activities the population counted on the day it
    was taken (`history.as_of`), so that the year's last snapshot counts what
    the report's other pages count.
    """
    import pandas as pd

    from plan_sheets.analysis.history import as_of

    rows = {}
    ends = plan.period_ends()
    for period, snaps in snapshots_by_period(plan).items():
        if not snaps:
            continue
        day = min(ends[period], next(iter(snaps.values())).date)
        if ends[period].year != year:
            continue
        then = as_of(plan, period)
        counts = dict.fromkeys(STATUS_LABELS, 0)
        for a in population(then, day=day, year=year).counted:
            counts[light_label(a)] += 1
        rows[period] = counts
    return pd.DataFrame.from_dict(rows, orient="index", columns=STATUS_LABELS).astype(int) \
        if rows else pd.DataFrame(columns=STATUS_LABELS)


def new_in_year(plan: Plan, year: int) -> list[Activity]:
    """Activities the steering group decided during `year`."""
    return in_id_order(a for a in plan.activities if a.decided and a.decided.year == year)


def decided_by(plan: Plan, day: date) -> list[Activity]:
    return in_id_order(a for a in plan.activities if a.decided and a.decided <= day)
