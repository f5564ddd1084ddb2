"""The steering group's meeting as figures, pure: what to decide, who reported, what changed.

Functions of a Plan (and the report's period and day); the sheets that show
them are in `reports.steering`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from plan_sheets.analysis.figures import STATUS_LABELS, light_label
from plan_sheets.analysis.population import Changes, in_id_order
from plan_sheets.groups.areas import NEW_AREA_FIELD, area_label
from plan_sheets.opendata.values import SOURCE as MATVARDEN_SOURCE
from plan_sheets.workbook.dates import parse_date, period_bounds
from plan_sheets.workbook.model import (
    Activity,
    Change,
    Decision,
    Phase,
    Plan,
    Priority,
    Status,
    View,
)
from plan_sheets.workbook.schema import ACTIVITIES, STATUS_HISTORY, parse_phase

NEW_ROW_FIELD = "(ny aktivitet)"
"""Ändringslogg's Fält for an activity a merge added (as `groups.merge` writes it)."""
TOOL_SOURCES = ("format", MATVARDEN_SOURCE, "arsskifte", STATUS_HISTORY.name)
"""Ändringslogg sources that are plan-sheets itself, not a returned workbook."""

NEW, CANCELLED, POSTPONED, REASSIGNED = "Ny", "Avbruten", "Framflyttad", "Ny ansvarig"
RENAMED = "Nytt namn"
PROPOSED = "Nytt förslag"
"""A row a merge added that the steering group has not decided: not `Ny` (not in the plan)."""
PLAN_CHANGE_KINDS = (CANCELLED, NEW, POSTPONED, REASSIGNED, RENAMED, PROPOSED)
"""An activity changed in several ways in a period is listed once, under the first."""
NEW_AREA, CHANGED_AREA, CLOSED_AREA = ("Nytt insatsområde", "Omformulerat insatsområde",
                                       "Avslutat insatsområde")
AREA_CHANGE_KINDS = (NEW_AREA, CHANGED_AREA, CLOSED_AREA)
AREA_FIELD_PREFIX = area_label("text").split(":")[0] + ": "
"""Ändringslogg's Fält for a reworded area starts so (`Insatsområden: Insatsområde`)."""

_FOCUS_IN_NAME = re.compile(r"fokusomr[aå]de[-_ ]?(\d+)", re.IGNORECASE)
_FOCUS_SUBJECT = re.compile(r"^FO(\d+)$")


@dataclass(frozen=True)
class Span:
    """The days a period covers (`start` None: from the beginning)."""

    label: str
    start: date | None
    end: date

    def holds(self, day: date | None) -> bool:
        return day is not None and (self.start is None or self.start <= day) and day <= self.end

    def holds_change(self, change: Change) -> bool:
        """An Ändringslogg row of the period: merged for it (late files too), or, without a
        period, made during it."""
        return change.belongs_to(self.start, self.end)


def period_span(plan: Plan, label: str, today: date) -> Span:
    """The period's days: those its label names (`2026-T3`), else from the last snapshot
    of an earlier period in Statushistorik up to today."""
    bounds = period_bounds(label)
    if bounds is not None:
        return Span(label, bounds[0], bounds[1])
    earlier = [s.date for s in plan.history if s.period != label and s.date <= today]
    return Span(label, max(earlier) if earlier else None, today)


# --- Att besluta ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Ask:
    """A deviation on the steering group's table and what the group is asked to do."""

    activity: Activity
    decision: Decision | None
    """The latest decision on the activity, if any."""
    priority: Priority | None
    ask: str
    reason: str = ""
    """Why it is on the table: the light, and what the latest decision does not cover."""


def latest_decision(plan: Plan, activity_id: str) -> Decision | None:
    dated = [d for d in plan.decisions_for(activity_id) if d.date is not None]
    return max(dated, key=lambda d: (d.date, d.row)) if dated else None


def asks(plan: Plan, deviations: Sequence[Activity]) -> list[Ask]:
    """What the steering group is asked about each deviation (red first, as given)."""
    out = []
    for activity in deviations:
        decision = latest_decision(plan, activity.id) if activity.id else None
        prioritised = [d for d in plan.decisions_for(activity.id) if d.priority is not None
                       and d.date is not None] if activity.id else []
        priority = max(prioritised, key=lambda d: (d.date, d.row)).priority \
            if prioritised else None
        current = decision is not None and (activity.updated is None or
                                            decision.date >= activity.updated)
        if not activity.cause or not activity.action:
            missing = " och ".join(w for w, gap in (("orsak", not activity.cause),
                                                     ("åtgärd", not activity.action)) if gap)
            ask = f"Begära in {missing} från ansvarig"
            if activity.status is Status.RED and not current:
                ask += " och besluta om prioritet"
        elif current:
            ask = f"Följa upp beslutet {decision.date.isoformat()}"
        elif activity.status is Status.RED:
            ask = "Besluta om åtgärd och prioritet"
        else:
            ask = "Ta ställning till den rekommenderade åtgärden"
        out.append(Ask(activity, decision, priority, ask, _reason(activity, decision, current)))
    return out


def _reason(activity: Activity, decision: Decision | None, current: bool) -> str:
    light = "Röd" if activity.status is Status.RED else "Gul"
    parts = [light]
    if decision is None:
        parts.append("inget beslut om aktiviteten i Beslut")
    elif current:
        parts.append(f"beslut {decision.date.isoformat()} att följa upp")
    else:
        parts.append(f"uppdaterad {activity.updated.isoformat()}, efter det senaste beslutet "
                     f"{decision.date.isoformat()}")
    gaps = [w for w, gap in (("orsak", not activity.cause), ("åtgärd", not activity.action))
            if gap]
    if gaps:
        parts.append(" och ".join(gaps) + " saknas")
    return "; ".join(parts)


def decisions_due(plan: Plan, today: date) -> list[Decision]:
    """Open decisions whose follow-up date has come, the earliest first."""
    due = [d for d in plan.decisions if d.is_due(today)]
    return sorted(due, key=lambda d: (d.follow_up, d.row))


def year_start(period: str) -> date | None:
    """The first day of the year when `period` is its first period (`2027-T1`, `2027-Q1`,
    `2027-01`, `2027`): the steering group's first meeting of a year, where the activities
    carried over with a passed Slut are decided on. None for any other period."""
    bounds = period_bounds(period)
    if bounds is None or (bounds[0].month, bounds[0].day) != (1, 1):
        return None
    return bounds[0]


def late_at_turn(activities: Sequence[Activity], turn: date) -> list[Activity]:
    """The unfinished activities whose Slut passed before the year began (`turn`)."""
    return in_id_order(a for a in activities if a.end is not None and not a.ongoing
                       and a.end < turn and not (a.phase is not None and a.phase.is_closed))


# --- Rapportering -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Returned:
    """A focus-area workbook merged in the period, from Ändringslogg."""

    source: str
    focus_area: int | None
    last: datetime
    changes: int


def _focus_of(subject: str) -> int | None:
    if m := _FOCUS_SUBJECT.match(subject):
        return int(m[1])
    head = subject.split(".", 1)[0]
    return int(head) if head.isdigit() else None


def returned_workbooks(plan: Plan, span: Span) -> list[Returned]:
    """The workbooks that came back in the period, each with its focus area (from the file
    name, else the activities it changed), when it last came and how many fields it changed."""
    by_source: dict[str, list[Any]] = {}
    for change in plan.changes:
        if change.time is None or not change.source or change.source in TOOL_SOURCES:
            continue
        if span.holds_change(change):
            by_source.setdefault(change.source, []).append(change)
    out = []
    for source, changes in by_source.items():
        named = _FOCUS_IN_NAME.search(source)
        focus = int(named[1]) if named else None
        if focus is None:
            votes = Counter(f for c in changes if (f := _focus_of(c.activity_id)) is not None)
            focus = votes.most_common(1)[0][0] if votes else None
        out.append(Returned(source, focus, max(c.time for c in changes), len(changes)))
    return sorted(out, key=lambda r: (r.focus_area or 0, r.last))


def not_updated(activities: Sequence[Activity], span: Span) -> dict[str, list[Activity]]:
    """Per responsible office, its activities under way that were not updated in the period
    (Senast uppdaterad empty or before the period began)."""
    out: dict[str, list[Activity]] = {}
    if span.start is None:
        return out
    for a in in_id_order(activities):
        if a.phase is not None and a.phase.is_closed:
            continue
        if a.updated is None or a.updated < span.start:
            out.setdefault(a.responsible or "(ingen ansvarig)", []).append(a)
    return dict(sorted(out.items()))


# --- Förändringar i planen --------------------------------------------------------------------


@dataclass(frozen=True)
class PlanChange:
    kind: str
    activity_id: str
    before: Any
    after: Any
    source: str
    time: datetime


_HEADERS = {key: ACTIVITIES.field(key).header
            for key in ("phase", "end", "responsible", "title")}


def _kind(field_name: str, after: Any) -> str | None:
    if field_name == NEW_ROW_FIELD:
        return NEW
    if field_name == _HEADERS["phase"] and parse_phase(after) is Phase.CANCELLED:
        return CANCELLED
    if field_name == _HEADERS["end"]:
        return POSTPONED
    if field_name == _HEADERS["responsible"]:
        return REASSIGNED
    if field_name == _HEADERS["title"]:
        return RENAMED
    return None


def plan_changes(plan: Plan, span: Span) -> list[PlanChange]:
    """New, cancelled, postponed (Slut moved) and reassigned (Ansvarig changed) activities in
    the period, from Ändringslogg; each activity once, under its first kind in
    PLAN_CHANGE_KINDS, with the value before the period's first such change and after its last."""
    found: dict[str, PlanChange] = {}
    rank = {kind: i for i, kind in enumerate(PLAN_CHANGE_KINDS)}
    for change in sorted((c for c in plan.changes if c.time is not None and c.activity_id),
                         key=lambda c: (c.time, c.row)):
        if not span.holds_change(change):
            continue
        kind = _kind(change.field_name, change.after)
        if kind is None:
            continue
        held = found.get(change.activity_id)
        if held is None or rank[kind] < rank[held.kind]:
            found[change.activity_id] = PlanChange(kind, change.activity_id, change.before,
                                                   change.after, change.source, change.time)
        elif rank[kind] == rank[held.kind]:
            found[change.activity_id] = PlanChange(kind, change.activity_id, held.before,
                                                   change.after, change.source, change.time)
    return sorted(found.values(), key=lambda c: (rank[c.kind], c.time, c.activity_id))


@dataclass(frozen=True)
class AreaChange:
    """A change of the plan's intervention areas in a period."""

    kind: str
    area_id: str
    text: str
    """The area's text now."""
    before: Any = None
    after: Any = None
    source: str = ""
    time: datetime | None = None


def area_changes(plan: Plan, span: Span, before: Mapping[str, Any] | None = None
                 ) -> list[AreaChange]:
    """New and reworded intervention areas in the period (from Ändringslogg, each area once,
    new before reworded), and closed ones: every decided activity of the area is Genomförd or
    Avbruten now, and one was not in the snapshot `before` (activity ID -> Snapshot) the
    period is compared with."""
    texts = {a.id: a.text for a in plan.intervention_areas}
    found: dict[str, AreaChange] = {}
    for change in sorted((c for c in plan.changes if c.time is not None and c.activity_id),
                         key=lambda c: (c.time, c.row)):
        if not span.holds(change.time.date()):
            continue
        aid = change.activity_id
        if change.field_name == NEW_AREA_FIELD:
            found[aid] = AreaChange(NEW_AREA, aid, texts.get(aid, ""), None, change.after,
                                    change.source, change.time)
        elif change.field_name.startswith(AREA_FIELD_PREFIX):
            held = found.get(aid)
            if held is None:
                found[aid] = AreaChange(CHANGED_AREA, aid, texts.get(aid, ""), change.before,
                                        change.after, change.source, change.time)
            elif held.kind == CHANGED_AREA:
                found[aid] = AreaChange(CHANGED_AREA, aid, held.text, held.before,
                                        change.after, change.source, change.time)
    if before:
        by_area: dict[str, list[Activity]] = {}
        for a in plan.activities:
            if a.decided is not None:
                by_area.setdefault(a.intervention_area, []).append(a)
        for aid, acts in by_area.items():
            if aid in found or not all(a.phase is not None and a.phase.is_closed for a in acts):
                continue
            was_open = [a for a in acts if a.id in before and not (
                before[a.id].phase is not None and before[a.id].phase.is_closed)]
            if was_open:
                found[aid] = AreaChange(CLOSED_AREA, aid, texts.get(aid, ""))
    rank = {kind: i for i, kind in enumerate(AREA_CHANGE_KINDS)}
    return sorted(found.values(), key=lambda c: (rank[c.kind], c.area_id))


def proposed_areas(plan: Plan) -> list[AreaChange]:
    """Intervention areas a merge added (Ändringslogg) that still wait for the steering
    group's decision: no row in Beslut names their ID."""
    decided = {d.activity_id for d in plan.decisions if d.activity_id}
    texts = {a.id: a.text for a in plan.intervention_areas}
    return [AreaChange(NEW_AREA, c.activity_id, texts.get(c.activity_id, ""), None, c.after,
                       c.source, c.time)
            for c in plan.changes if c.field_name == NEW_AREA_FIELD
            and c.activity_id and c.activity_id not in decided and c.activity_id in texts]


def plan_changes_counted(plan: Plan, span: Span, changes: Changes,
                         decided: Callable[[Activity], bool]) -> list[PlanChange]:
    """`plan_changes`, with Ny and Avbruten by the rule of the status changes below them
    (`population.change_kind` against the same snapshot, `changes`), so that the sheet's two
    parts never disagree: a logged new row that is not decided is a `PROPOSED` one; a
    cancellation the log lacks (Läge typed into the huvuddokument) is added from the
    snapshot."""
    new = {a.id for a in changes.new}
    cancelled = {a.id for a in changes.cancelled}
    by_id = {a.id: a for a in plan.activities if a.id}
    out = []
    for change in plan_changes(plan, span):
        kind = change.kind
        activity = by_id.get(change.activity_id)
        if kind == NEW and activity is not None and not decided(activity):
            kind = PROPOSED
        elif kind == NEW and change.activity_id not in new:
            continue
        elif kind == CANCELLED and change.activity_id not in cancelled:
            continue
        out.append(replace(change, kind=kind))
    listed = {c.activity_id for c in out if c.kind in (NEW, CANCELLED)}
    for kind, acts in ((CANCELLED, changes.cancelled), (NEW, changes.new)):
        for a in acts:
            if a.id not in listed:
                # Dated by the row's own Senast uppdaterad: when the change was written.
                when = datetime.combine(a.updated or changes.taken or span.end,
                                        datetime.min.time())
                out = [c for c in out if c.activity_id != a.id]
                out.append(PlanChange(kind, a.id, None, a.phase.value if a.phase else None,
                                      f"Statushistorik (jämfört med {changes.since})", when))
    rank = {kind: i for i, kind in enumerate(PLAN_CHANGE_KINDS)}
    return sorted(out, key=lambda c: (rank[c.kind], c.time, c.activity_id))


def shown_date(value: Any) -> Any:
    """A logged Slut as a date where it is one (`Löpande` and text stay text)."""
    day = parse_date(value, end=True) if not isinstance(value, str) or value[:1].isdigit() \
        else None
    return day or value


# --- Per ansvarig -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Office:
    name: str
    counts: dict[str, int]
    """By the label each activity is counted under (`figures.light_label`)."""
    total: int
    overdue: int
    not_updated: int
    deviations: tuple[Activity, ...]


def offices(activities: Sequence[Activity], *, today: date, span: Span) -> list[Office]:
    """Status per responsible office (Avbruten and proposals are not in `activities`)."""
    stale = {a.id for acts in not_updated(activities, span).values() for a in acts}
    by_office: dict[str, list[Activity]] = {}
    for a in in_id_order(activities):
        by_office.setdefault(a.responsible or "(ingen ansvarig)", []).append(a)
    out = []
    for name, acts in sorted(by_office.items()):
        counts = Counter(light_label(a) for a in acts)
        devs = sorted((a for a in acts if a.is_deviation),
                      key=lambda a: a.status is not Status.RED)
        out.append(Office(name, {s: counts.get(s, 0) for s in STATUS_LABELS}, len(acts),
                          sum(1 for a in acts if a.is_overdue(today)),
                          sum(1 for a in acts if a.id in stale), tuple(devs)))
    return out


def views_in(plan: Plan, span: Span) -> list[View]:
    """Synpunkter of the period, the earliest first."""
    return sorted((v for v in plan.views if span.holds(v.date)), key=lambda v: (v.date, v.row))


def worst_status(activities: Sequence[Activity]) -> Status | None:
    """A focus area's traffic light: its worst activity's."""
    found = {a.status for a in activities}
    for status in (Status.RED, Status.YELLOW, Status.GREEN):
        if status in found:
            return status
    return None
