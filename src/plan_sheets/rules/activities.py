"""The checks of the activity sheet: one function per rule of DESIGN.md."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from plan_sheets.rules.checks import CheckedPlan, check
from plan_sheets.workbook.findings import Finding, make
from plan_sheets.workbook.model import Activity, FormulaWithoutValue, Phase, WorkbookKind
from plan_sheets.workbook.schema import (
    ACTIVITIES,
    EXCEL_MAX_TEXT,
    FOCUS_AREAS,
    GOALS,
    INTERVENTION_AREAS,
)

ID_PATTERN = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{1,6})$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_DATE_FIELDS = ("start", "end", "decided", "updated")


def _empty(value: object) -> bool:
    """No value a user wrote: an empty cell or a formula saved without its result."""
    return value is None or isinstance(value, FormulaWithoutValue)


@check("ID_MISSING", "ID_FORMAT", "ID_DUPLICATE", "ID_AREA_MISMATCH")
def activity_ids(subject: CheckedPlan) -> Iterator[Finding]:
    """Every activity has an ID of the form F.I.N, its own, matching its areas."""
    first_row: dict[str, int | str] = {}
    if subject.kind == WorkbookKind.MAIN:
        # Avslutade's IDs stay taken: an activity in Aktiviteter must not reuse one.
        first_row.update((a.id, f"{a.row} i fliken {a.sheet}")
                         for a in subject.plan.closed if a.id)
    for activity in subject.activities:
        if not activity.id:
            if subject.kind == WorkbookKind.MAIN:
                yield subject.at(activity, "ID_MISSING", "id", value=activity.raw.get("id"))
            continue
        m = ID_PATTERN.match(activity.id)
        if not m:
            yield subject.at(activity, "ID_FORMAT", "id", value=activity.id)
            continue
        if activity.id in first_row:
            yield subject.at(activity, "ID_DUPLICATE", "id", value=activity.id,
                             other_row=first_row[activity.id])
        else:
            first_row[activity.id] = activity.row
        focus, area = int(m[1]), f"{int(m[1])}.{int(m[2])}"
        if activity.intervention_area and activity.intervention_area != area:
            raw_area = activity.raw.get("intervention_area")
            note = ""
            if isinstance(raw_area, float) and int(m[2]) >= 10 and \
                    f"{area}".rstrip("0") == activity.intervention_area:
                note = (f" Excel gör om {area} till {activity.intervention_area} när det skrivs "
                        "som tal; skriv insatsområdet som text (börja med en apostrof: "
                        f"'{area}).")
            yield subject.at(activity, "ID_AREA_MISMATCH", "intervention_area",
                             value=activity.id, expected=f"insatsområde {area}",
                             found=f"insatsområde {activity.intervention_area}", note=note)
        elif activity.focus_area is not None and activity.focus_area != focus:
            yield subject.at(activity, "ID_AREA_MISMATCH", "focus_area", value=activity.id,
                             expected=f"fokusområde {focus}",
                             found=f"fokusområde {activity.focus_area}")


@check("AREA_UNKNOWN")
def areas_known(subject: CheckedPlan) -> Iterator[Finding]:
    """An activity's intervention and focus areas are listed on their sheets."""
    plan = subject.plan
    area_ids = {a.id for a in plan.intervention_areas}
    focus_ids = {a.number for a in plan.focus_areas}
    areas_listed = subject.layout(INTERVENTION_AREAS.key) is not None
    focus_listed = subject.layout(FOCUS_AREAS.key) is not None
    has_area = subject.has_column("intervention_area")
    for activity in subject.activities:
        area = activity.intervention_area
        if has_area and (not area or (areas_listed and area not in area_ids)):
            yield subject.at(activity, "AREA_UNKNOWN", "intervention_area",
                             value=activity.raw.get("intervention_area"), what="Insatsområde",
                             sheet_ref=INTERVENTION_AREAS.name)
        raw_focus = activity.raw.get("focus_area")
        if not _empty(raw_focus) and (
                activity.focus_area is None or
                (focus_listed and activity.focus_area not in focus_ids)):
            yield subject.at(activity, "AREA_UNKNOWN", "focus_area", value=raw_focus,
                             what="Fokusområde", sheet_ref=FOCUS_AREAS.name)


@check("TITLE_MISSING")
def title_present(subject: CheckedPlan) -> Iterator[Finding]:
    for activity in subject.activities:
        if not activity.title:
            yield subject.at(activity, "TITLE_MISSING", "title", value=activity.raw.get("title"))


@check("STATUS_INVALID")
def status_allowed(subject: CheckedPlan) -> Iterator[Finding]:
    yield from _not_in_list(subject, "STATUS_INVALID", "status", lambda a: a.status)


@check("STATUS_ONLY_COLOUR")
def status_not_only_colour(subject: CheckedPlan) -> Iterator[Finding]:
    """An empty Status cell filled in a traffic-light colour holds a status the tool cannot
    read (an old plan kept by colour): it must not pass as merely unset."""
    from plan_sheets.workbook.colours import light_of

    layout = subject.activity_layout
    fills = layout.status_fills if layout is not None else {}
    if not fills:
        return
    for activity in subject.activities:
        rgb = fills.get(activity.row)
        if rgb is None or activity.raw.get("status") is not None:
            continue
        reading = light_of(rgb)
        shown = reading.status.value.lower() if reading.status else \
            f"mellan {reading.between[0].value.lower()} och {reading.between[1].value.lower()}"
        yield subject.at(activity, "STATUS_ONLY_COLOUR", "status",
                         colour=f"{shown} (#{rgb})")


@check("PHASE_INVALID")
def phase_allowed(subject: CheckedPlan) -> Iterator[Finding]:
    yield from _not_in_list(subject, "PHASE_INVALID", "phase", lambda a: a.phase)


def _not_in_list(subject: CheckedPlan, code: str, key: str,
                 parsed: Callable[[Activity], object]) -> Iterator[Finding]:
    """`code` for each activity whose `key` cell holds something its list does not."""
    for activity in subject.activities:
        raw = activity.raw.get(key)
        if parsed(activity) is None and raw is not None:
            yield subject.at(activity, code, key, value=raw)


@check("DATE_INVALID")
def dates_readable(subject: CheckedPlan) -> Iterator[Finding]:
    """Start, Slut, Beslutad and Uppdaterad are dates ("Löpande" is a valid Slut)."""
    headers = {key: ACTIVITIES.field(key).header for key in _DATE_FIELDS}
    for activity in subject.activities:
        for key, header in headers.items():
            value = activity.raw.get(key)
            if value is None or getattr(activity, key) is not None or \
                    (key == "end" and activity.ongoing):
                continue
            yield subject.at(activity, "DATE_INVALID", key, value=value, header=header)


@check("DATE_ORDER")
def dates_in_order(subject: CheckedPlan) -> Iterator[Finding]:
    for activity in subject.activities:
        start, end = activity.start, activity.end
        if start and end and end < start:
            yield subject.at(activity, "DATE_ORDER", "end", value=end, start=start)


@check("GOAL_UNKNOWN")
def goals_known(subject: CheckedPlan) -> Iterator[Finding]:
    """Every goal an activity names is on the goal sheet (when the workbook has one)."""
    if subject.layout(GOALS.key) is None:
        return
    goal_ids = {g.id for g in subject.plan.goals}
    for activity in subject.activities:
        for goal in activity.goals:
            if goal not in goal_ids:
                yield subject.at(activity, "GOAL_UNKNOWN", "goals", value=goal)


@check("TEXT_INVALID")
def text_excel_can_hold(subject: CheckedPlan) -> Iterator[Finding]:
    """No control characters, no text longer than an Excel cell holds."""
    layout = subject.activity_layout
    for activity in subject.activities:
        for source, columns in ((activity.raw, layout.columns),
                                (activity.extra, layout.extra_columns)):
            for key, value in source.items():
                if isinstance(value, str) and (problem := _text_problem(value)):
                    yield make("TEXT_INVALID", sheet=activity.sheet, row=activity.row,
                               column=columns.get(key), activity_id=activity.id,
                               value=_CONTROL.sub("?", value[:60]), problem=problem)


def _text_problem(text: str) -> str:
    """Why Excel cannot hold `text`, in Swedish, or empty."""
    if len(text) > EXCEL_MAX_TEXT:
        return f"Texten är {len(text)} tecken lång; en Excel-cell rymmer högst {EXCEL_MAX_TEXT}."
    # Every character _CONTROL finds is unprintable: printable text needs no search.
    if not text.isprintable() and _CONTROL.search(text):
        return "Texten innehåller styrtecken som Excel inte kan visa."
    return ""


# Follow-up gaps: warnings.

@check("RESPONSIBLE_MISSING")
def responsible_named(subject: CheckedPlan) -> Iterator[Finding]:
    yield from _blank(subject, "RESPONSIBLE_MISSING", "responsible", lambda a: a.responsible)


@check("STATUS_MISSING")
def status_of_ongoing(subject: CheckedPlan) -> Iterator[Finding]:
    for activity in subject.activities:
        if activity.phase is Phase.ONGOING and activity.raw.get("status") is None:
            yield subject.at(activity, "STATUS_MISSING", "status")


@check("DATE_MISSING")
def dates_present(subject: CheckedPlan) -> Iterator[Finding]:
    keys = [key for key in ("start", "end") if subject.has_column(key)]
    headers = {key: ACTIVITIES.field(key).header for key in keys}
    for activity in subject.activities:
        for key in keys:
            value = activity.raw.get(key)
            if _empty(value):
                yield subject.at(activity, "DATE_MISSING", key, value=value, header=headers[key])


@check("OVERDUE")
def not_overdue(subject: CheckedPlan) -> Iterator[Finding]:
    today = subject.today
    for activity in subject.activities:
        if activity.end is not None and activity.end < today and activity.is_overdue(today):
            shown = activity.phase.value if activity.phase else "utan läge"
            yield subject.at(activity, "OVERDUE", "end", value=activity.end, phase=shown)


@check("DEVIATION_CAUSE_MISSING", "DEVIATION_ACTION_MISSING")
def deviations_explained(subject: CheckedPlan) -> Iterator[Finding]:
    """A Gul or Röd activity says why and what is done about it."""
    has_cause, has_action = subject.has_column("cause"), subject.has_column("action")
    for activity in subject.activities:
        status = activity.status
        if status is None or not status.is_deviation:
            continue
        if has_cause and not activity.cause:
            yield subject.at(activity, "DEVIATION_CAUSE_MISSING", "cause", value=status.value)
        if has_action and not activity.action:
            yield subject.at(activity, "DEVIATION_ACTION_MISSING", "action", value=status.value)


@check("GOAL_LINK_MISSING")
def goal_linked(subject: CheckedPlan) -> Iterator[Finding]:
    yield from _blank(subject, "GOAL_LINK_MISSING", "goals", lambda a: a.goals)


def _blank(subject: CheckedPlan, code: str, key: str,
           value: Callable[[Activity], object]) -> Iterator[Finding]:
    """`code` for each activity whose `key` column is there but holds nothing."""
    if not subject.has_column(key):
        return
    for activity in subject.activities:
        if not value(activity):
            yield subject.at(activity, code, key, value=activity.raw.get(key))


@check("NOT_DECIDED")
def decided(subject: CheckedPlan) -> Iterator[Finding]:
    if not subject.has_column("decided"):
        return
    for activity in subject.activities:
        value = activity.raw.get("decided")
        if _empty(value):
            yield subject.at(activity, "NOT_DECIDED", "decided", value=value)
