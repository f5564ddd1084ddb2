"""The plan as Statushistorik recorded it: what a report on a past day shows.

A snapshot row keeps an activity's Läge and Status at a period. `as_of`
rebuilds the plan of that period from it: the activities the snapshot holds,
each with the snapshot's values over what the plan holds today. Pure
functions of a Plan; no I/O.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from plan_sheets.workbook.model import Activity, Plan, Snapshot


def snapshot_rows(plan: Plan, period: str) -> list[Snapshot]:
    return [s for s in plan.history if s.period == period]


def taken_on(plan: Plan, period: str) -> date | None:
    """The day the snapshot `period` was taken (None if there is none)."""
    return next((s.date for s in plan.history if s.period == period), None)


def _stub(snap: Snapshot) -> Activity:
    # An activity the plan no longer holds: what its ID says.
    parts = snap.activity_id.split(".")
    focus = int(parts[0]) if parts[0].isdigit() else None
    return Activity(id=snap.activity_id, focus_area=focus,
                    intervention_area=".".join(parts[:2]) if len(parts) > 2 else "", title="")


def as_of(plan: Plan, period: str) -> Plan:
    """The plan as the snapshot `period` recorded it.

    Its activities are those of the snapshot, in its order, with the
    snapshot's Läge and Status; the rest of each activity is as the plan holds
    it today. Its history ends with that snapshot.
    """
    rows = snapshot_rows(plan, period)
    if not rows:
        return replace(plan, activities=(), history=())
    taken = rows[0].date
    live = {a.id: a for a in plan.activities if a.id}
    activities = []
    for snap in rows:
        activity = live.get(snap.activity_id) or _stub(snap)
        activities.append(replace(activity, phase=snap.phase, status=snap.status))
    history = tuple(s for s in plan.history if s.date <= taken)
    return replace(plan, activities=tuple(activities), history=history)
