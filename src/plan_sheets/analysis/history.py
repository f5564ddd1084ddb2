"""The plan as Statushistorik recorded it: what a report on a past period shows.

A snapshot row keeps, per period, what a report of that period needs (Läge,
Status, Statuskommentar, Orsak, Rekommenderad åtgärd, Ansvarig, Slut,
Beslutad). `as_of` rebuilds the plan of a period from it; `until` leaves
out of the steering sheets what was written after a day; `basis` chooses what
a report on a day builds on: the live plan for the current period, the last
snapshot on or before the day, cut at the day, for a past one. Pure functions
of a Plan.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from plan_sheets import swedish
from plan_sheets.workbook.dates import period_bounds
from plan_sheets.workbook.model import Activity, Assessment, Plan, Snapshot


def snapshot_rows(plan: Plan, period: str) -> list[Snapshot]:
    return [s for s in plan.history if s.period == period]


def _stub(snap: Snapshot) -> Activity:
    # An activity the plan no longer holds: what its ID says.
    parts = snap.activity_id.split(".")
    focus = int(parts[0]) if parts[0].isdigit() else None
    return Activity(id=snap.activity_id, focus_area=focus,
                    intervention_area=".".join(parts[:2]) if len(parts) > 2 else "", title="")


def has_details(rows: list[Snapshot]) -> bool:
    """Whether a snapshot kept the texts, Ansvarig, Slut and Beslutad.

    Snapshots written before Statushistorik had those columns have none of
    them filled on any row; one written since has them on some row at least.
    """
    return any(s.has_details for s in rows)


def as_of(plan: Plan, period: str) -> Plan:
    """The plan as the snapshot `period` recorded it.

    Its activities are those of the snapshot, in its order, each with the
    snapshot's values; the rest (title, areas, goals …) is as the plan holds it
    today. From a snapshot without details (see `has_details`) the texts are
    left empty, never taken from today, and Ansvarig, Slut and Beslutad are
    today's. Its history ends with that snapshot.
    """
    rows = snapshot_rows(plan, period)
    if not rows:
        return replace(plan, activities=(), history=())
    ends = plan.period_ends()
    day = ends[period]
    detailed = has_details(rows)
    # Activities `arsskifte` moved to Avslutade are still the snapshot's (a past year's).
    live = {a.id: a for a in (*plan.closed, *plan.activities) if a.id}
    activities = []
    for snap in rows:
        activity = live.get(snap.activity_id) or _stub(snap)
        values = {"phase": snap.phase, "status": snap.status,
                  "status_comment": snap.status_comment, "cause": snap.cause,
                  "action": snap.action, "raw": {}}
        if detailed:
            values.update(responsible=snap.responsible, end=snap.end, ongoing=snap.ongoing,
                          decided=snap.decided)
        # Senast uppdaterad as of the snapshot; a snapshot older than the column: today's
        # value if it is no later than the snapshot's day, else unknown.
        values["updated"] = snap.updated if snap.updated is not None else (
            activity.updated if activity.updated is not None and activity.updated <= min(
                day, snap.date) else None)
        activities.append(replace(activity, **values))
    order = list(ends)
    upto = set(order[:order.index(period) + 1])
    history = tuple(s for s in plan.history if s.period in upto)
    return replace(plan, activities=tuple(activities), history=history)


def _assessed_by(item: Assessment, day: date) -> bool:
    # An assessment is of its period, often written just after it ends: its period decides.
    bounds = period_bounds(item.period)
    if bounds is not None:
        return bounds[1] <= day
    return item.date is not None and item.date <= day


def until(plan: Plan, day: date) -> Plan:
    """The plan's steering sheets as they stood at the end of `day`: the one cut every report
    on a past period or year makes.

    Beslut: the decisions dated on or before `day`. Bedömningar: the assessments of periods
    that ended by `day` (an assessment whose period names no days: dated by `day`).
    Synpunkter: the views dated by `day`. Ändringslogg: the changes made by `day`, and those
    merged later for a period that ended by it (files that came late). A row
    without a date is left out, since nothing says it existed then. Activities and
    Statushistorik are `as_of`'s.
    """
    return replace(
        plan,
        decisions=tuple(d for d in plan.decisions if d.date is not None and d.date <= day),
        assessments=tuple(a for a in plan.assessments if _assessed_by(a, day)),
        views=tuple(v for v in plan.views if v.date is not None and v.date <= day),
        changes=tuple(c for c in plan.changes if (c.time is not None and c.time.date() <= day)
                      or c.belongs_to(None, day)))


@dataclass(frozen=True)
class Basis:
    """What a report builds on: the live plan, or a snapshot of Statushistorik."""

    plan: Plan
    day: date
    """The report day: the period's (or year's) last day, or today."""
    period: str | None = None
    """The snapshot used; None for the live plan."""
    taken: date | None = None
    details: bool = True
    """The snapshot kept the texts (see `has_details`)."""
    past: bool = False
    """The report is on a day before today."""
    wanted: str | None = None
    """The period the report is on, when its own snapshot was missing and an earlier one is
    used (`fallback`)."""

    @property
    def fallback(self) -> bool:
        """The period reported has no snapshot of its own: the last earlier one is used."""
        return self.wanted is not None and self.period is not None

    def sentence(self) -> str:
        """Which state of the plan the document shows, in Swedish; empty for the live plan
        of the current period."""
        if self.period is not None:
            taken = swedish.long_date(self.taken)
            if self.fallback:
                text = (f"Obs! {self.wanted} har ingen ögonblicksbild i Statushistorik (ingen "
                        f"sammanslagning för perioden). Bygger på den senaste före den, "
                        f"ögonblicksbilden {self.period}, tagen {taken}.")
            else:
                text = (f"Bygger på ögonblicksbilden {self.period} i Statushistorik, tagen "
                        f"{taken}.")
            if not self.details:
                text += (" Den sparade inte statuskommentarer, orsaker och åtgärder, så de "
                         "visas inte.")
            return text
        if self.past:
            return (f"Statushistorik har ingen ögonblicksbild från före "
                    f"{swedish.long_date(self.day)}: rapporten bygger på huvuddokumentet "
                    "som det ser ut i dag.")
        return ""


def basis(plan: Plan, *, day: date, today: date, wanted: str | None = None) -> Basis:
    """What a report on the period ending `day` shows: the live plan when `day` is today or
    later; else the plan as of the snapshot merged for a period ending on `day` (the
    period's own, whichever day it was taken), or, when there is none, the last snapshot of
    an earlier period (a fallback, which `Basis.sentence` states); the live plan when there
    is no snapshot at all. Its steering sheets are cut at `day` (`until`).

    `wanted` names the period reported, for the fallback's sentence.
    """
    if day >= today:
        return Basis(plan, day)
    ends = plan.period_ends()
    own = [p for p, end in ends.items() if end == day]
    earlier = [p for p, end in ends.items() if end < day]
    if not own and not earlier:
        return Basis(until(plan, day), day, past=True)
    period = own[-1] if own else earlier[-1]
    taken = snapshot_rows(plan, period)[0].date
    return Basis(until(as_of(plan, period), day), day, period=period, taken=taken,
                 details=has_details(snapshot_rows(plan, period)), past=True,
                 wanted=None if own else (wanted or swedish.long_date(day)))
