"""Which activities a report counts and how it classifies them: one definition for every page.

`report` and `annual` both start here, so that every sheet and page of
every document counts the same activities (DESIGN.md, "Populations"):

- *counted*: decided by the report day (Beslutad on or before it) and not
  Avbruten. Every traffic-light count, share, chart, goal coverage and list of
  deviations or overdue activities counts these, and only these.
- *cancelled*: decided and Avbruten. Their own category, named as such; never
  "Ej satt" and never in the denominator of a status share.
- *proposals*: not decided by the report day. Counted apart (the steering
  group's "Förslag att besluta"), in no status count.

The annual report also counts an activity completed during its year that
has no Beslutad (the action plan reports "beslutade och genomförda
aktiviteter"). Pure functions of a Plan; no I/O.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from plan_sheets import swedish
from plan_sheets.workbook.model import Activity, Phase, Plan, Snapshot, Status

CANCELLED = Phase.CANCELLED.value
"""`Avbruten`: the name of the cancelled activities' category wherever they are counted."""

RANK = {Status.GREEN: 2, Status.YELLOW: 1, Status.RED: 0}
"""How good a traffic light is, for Bättre / Sämre."""

WORSE, BETTER, NEW, COMPLETED = "Sämre", "Bättre", "Ny", "Genomförd"
CHANGE_KINDS = (WORSE, BETTER, NEW, COMPLETED, CANCELLED)
"""The order a report lists them in; `change_kind` decides Avbruten first, then Ny,
Genomförd, Sämre, Bättre."""
"""The change categories, in the order a report lists them; each activity is in at most one."""


def id_key(activity_id: str) -> tuple:
    """`1.10.2` after `1.9.2`: an activity ID's sort key (no ID last)."""
    parts = activity_id.split(".")
    return tuple(int(p) if p.isdigit() else 0 for p in parts) if activity_id else (999,)


def in_id_order(activities: Iterable[Activity]) -> list[Activity]:
    return sorted(activities, key=lambda a: id_key(a.id))


# --- when an activity was completed ----------------------------------------------------------


_MONTH = re.compile(r"\b(" + "|".join(swedish.MONTHS) + r")(?:\s+(\d{4}))?\b", re.IGNORECASE)


def _reported_day(a: Activity, before: date | None, became: date) -> date:
    """When a completion first seen in the snapshot of `became` was reported, within the days
    since the snapshot `before`: Senast uppdaterad when it lies before `became` (the group
    dated its report), else the last day of the latest month the status comment names
    (`klar i november`), else `became` itself (the day of the merge that brought it)."""
    def inside(day: date | None) -> bool:
        return day is not None and day < became and (before is None or day > before)

    if inside(a.updated):
        return a.updated
    named = []
    for m in _MONTH.finditer(a.status_comment or ""):
        month = swedish.MONTHS.index(m[1].lower()) + 1
        year = int(m[2]) if m[2] else became.year - (month > became.month)
        last = date(year, month, calendar.monthrange(year, month)[1])
        named.append(min(last, became))
    named = [d for d in named if d == became or inside(d)]
    return max(named, default=became)


def completion_days(plan: Plan) -> dict[str, date]:
    """Activity ID -> the day its Läge became Genomförd, for the Genomförd activities.

    From Statushistorik: the first snapshot of the last run of snapshots
    showing Genomförd, or Slut when it falls between that snapshot and the
    one before it (Slut is then the more precise day), or when it was reported
    done within those days (`_reported_day`: Senast uppdaterad, the month the
    status comment names) — never merely the day of the merge that brought the
    news, when anything says earlier. Without a snapshot showing Genomförd:
    Slut, else Senast uppdaterad.
    """
    by_id: dict[str, list[Snapshot]] = {}
    ends = plan.period_ends()
    order = {period: index for index, period in enumerate(ends)}
    for snap in plan.history:
        by_id.setdefault(snap.activity_id, []).append(snap)
    out: dict[str, date] = {}
    for a in plan.activities:
        if a.phase is not Phase.DONE or not a.id:
            continue
        became: date | None = None
        before: date | None = None
        previous: Snapshot | None = None
        for snap in sorted(by_id.get(a.id, ()), key=lambda s: order[s.period]):
            if snap.phase is Phase.DONE and (previous is None or previous.phase is not Phase.DONE):
                # A snapshot merged after its period ended stands for that period's end.
                became = min(snap.date, ends[snap.period])
                before = min(previous.date, ends[previous.period]) if previous else None
            previous = snap
        end = None if a.ongoing else a.end
        if became is None:
            when = end or a.updated
        elif end is not None and end <= became and (before is None or end > before):
            when = end
        else:
            when = _reported_day(a, before, became)
        if when is not None:
            out[a.id] = when
    return out


def completed_in_year(plan: Plan, year: int,
                      activities: Iterable[Activity] | None = None) -> list[Activity]:
    """The Genomförd activities (of `activities`, else the plan's) whose Läge became
    Genomförd during `year` (`completion_days`), in ID order."""
    days = completion_days(plan)
    acts = plan.activities if activities is None else activities
    return in_id_order(a for a in acts if a.id in days and days[a.id].year == year)


# --- the population --------------------------------------------------------------------------


def is_decided(activity: Activity, day: date) -> bool:
    return activity.decided is not None and activity.decided <= day


@dataclass(frozen=True)
class Population:
    """The activities of a report, split into the three groups of the module's docstring."""

    day: date
    """The report day: Beslutad on or before it counts as decided."""
    counted: tuple[Activity, ...]
    cancelled: tuple[Activity, ...]
    proposals: tuple[Activity, ...]
    year: int | None = None
    """The annual report's year (completed during it counts without Beslutad); else None."""

    @property
    def decided(self) -> tuple[Activity, ...]:
        """Counted and cancelled, in ID order."""
        return tuple(in_id_order((*self.counted, *self.cancelled)))

    def plan(self, plan: Plan) -> Plan:
        """`plan` holding only the counted activities."""
        return replace(plan, activities=self.counted)

    def within(self, focus_area: int | None) -> Population:
        """The same population, of one focus area."""
        def mine(acts: tuple[Activity, ...]) -> tuple[Activity, ...]:
            return tuple(a for a in acts if a.focus_area == focus_area)
        return replace(self, counted=mine(self.counted), cancelled=mine(self.cancelled),
                       proposals=mine(self.proposals))

    def sentence(self) -> str:
        """What the document counts, in one Swedish sentence for its first page."""
        scope = f"beslutade till och med {swedish.long_date(self.day)}"
        if self.year is not None:
            scope += f" eller genomförda under {self.year}"
        text = (f"Räknar {swedish.plural(len(self.counted), 'aktivitet', 'aktiviteter')} "
                f"({scope}, utom avbrutna)")
        apart = []
        if self.cancelled:
            apart.append(swedish.plural(len(self.cancelled), "avbruten aktivitet",
                                        "avbrutna aktiviteter"))
        if self.proposals:
            apart.append(swedish.plural(len(self.proposals), "förslag", "förslag") +
                         " som väntar på beslut")
        if not apart:
            return text + "; inga aktiviteter är avbrutna och inga förslag väntar på beslut."
        return f"{text}; {' och '.join(apart)} redovisas för sig."


def population(plan: Plan, *, day: date, year: int | None = None) -> Population:
    """The activities of `plan` a report on `day` counts (and, for `year`'s annual report,
    those completed during the year), each group in ID order."""
    done = {a.id for a in completed_in_year(plan, year)} if year is not None else set()
    counted, cancelled, proposals = [], [], []
    for a in in_id_order(plan.activities):
        if not (is_decided(a, day) or (a.id and a.id in done)):
            proposals.append(a)
        elif a.phase is Phase.CANCELLED:
            cancelled.append(a)
        else:
            counted.append(a)
    return Population(day, tuple(counted), tuple(cancelled), tuple(proposals), year)


# --- what changed since a snapshot -----------------------------------------------------------


@dataclass(frozen=True)
class Changes:
    """Each decided activity that changed since a snapshot, in exactly one category."""

    since: str | None
    """The period compared with; None when there is no earlier snapshot."""
    taken: date | None = None
    """The day that snapshot was taken."""
    worse: tuple[tuple[Activity, Status | None], ...] = ()
    better: tuple[tuple[Activity, Status | None], ...] = ()
    new: tuple[Activity, ...] = ()
    completed: tuple[Activity, ...] = ()
    cancelled: tuple[Activity, ...] = ()


def change_kind(now: Activity, before: Snapshot | None) -> str | None:
    """The one change category of a decided activity against its snapshot, or None.

    Avbruten (cancelled since) before Ny (not in the snapshot, or decided after
    it), Genomförd, Sämre and Bättre: a cancelled activity is never new (it is
    outside the counted population), and one that is both completed and greener
    since is Genomförd only.
    """
    if now.phase is Phase.CANCELLED and (before is None or before.phase is not Phase.CANCELLED):
        return CANCELLED
    if before is None or (now.decided is not None and now.decided > before.date):
        return NEW
    if now.phase is Phase.DONE and before.phase is not Phase.DONE:
        return COMPLETED
    if now.status in RANK and before.status in RANK:
        if RANK[now.status] < RANK[before.status]:
            return WORSE
        return BETTER if RANK[now.status] > RANK[before.status] else None
    if now.status is Status.RED or (now.status is Status.YELLOW and before.status is None):
        return WORSE
    return None


def changes_since(pop: Population, period: str | None,
                  snaps: dict[str, Snapshot]) -> Changes:
    """The decided activities of `pop` by change category against the snapshot `snaps`."""
    if period is None:
        return Changes(since=None)
    found: dict[str, list] = {kind: [] for kind in CHANGE_KINDS}
    for a in pop.decided:
        before = snaps.get(a.id)
        kind = change_kind(a, before)
        if kind in (WORSE, BETTER):
            found[kind].append((a, before.status if before else None))
        elif kind is not None:
            found[kind].append(a)
    taken = next(iter(snaps.values())).date if snaps else None
    return Changes(period, taken, tuple(found[WORSE]), tuple(found[BETTER]), tuple(found[NEW]),
                   tuple(found[COMPLETED]), tuple(found[CANCELLED]))
