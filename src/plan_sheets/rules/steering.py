"""The checks of the steering group's loop: Beslut and Bedömningar (huvuddokument only).

The sheets are optional: a workbook without them gets none of these findings.
"""

from __future__ import annotations

from collections.abc import Iterator

from plan_sheets.rules.checks import CheckedPlan, check
from plan_sheets.workbook.dates import latest_period, parse_date
from plan_sheets.workbook.findings import Finding, make
from plan_sheets.workbook.model import Activity, Plan, Status, WorkbookKind
from plan_sheets.workbook.schema import (
    ASSESSMENTS,
    DECISIONS,
    parse_decision_state,
    parse_priority,
)


def undecided_since(plan: Plan, activity: Activity) -> str | None:
    """The steering meeting (`2026-09-16`) that met a red activity without deciding on it.

    A meeting is a date in Beslut. The activity counts as red since it was last
    updated (Senast uppdaterad); a decision or priority on it from then on is enough.
    """
    since = activity.updated
    if activity.status is not Status.RED or since is None or not activity.id or (
            activity.phase is not None and activity.phase.is_closed):
        return None
    meetings = sorted({d.date for d in plan.decisions if d.date is not None and d.date >= since})
    if not meetings:
        return None
    if any(d.date is not None and d.date >= since and (d.text or d.priority)
           for d in plan.decisions_for(activity.id)):
        return None
    return meetings[0].isoformat()


@check("RED_NOT_DECIDED")
def red_activities_decided(subject: CheckedPlan) -> Iterator[Finding]:
    """A red activity has a decision or priority once the steering group has met."""
    if subject.kind != WorkbookKind.MAIN or subject.layout(DECISIONS.key) is None:
        return
    for activity in subject.activities:
        meeting = undecided_since(subject.plan, activity)
        if meeting is not None:
            yield subject.at(activity, "RED_NOT_DECIDED", "status", value=Status.RED.value,
                             since=activity.updated, meeting=meeting)


@check("DECISION_FOLLOW_UP_PASSED")
def decisions_followed_up(subject: CheckedPlan) -> Iterator[Finding]:
    """An open decision is followed up by its date."""
    layout = subject.layout(DECISIONS.key)
    if subject.kind != WorkbookKind.MAIN or layout is None:
        return
    for decision in subject.plan.decisions:
        if decision.is_open and decision.follow_up is not None and \
                decision.follow_up < subject.today:
            state = decision.state.value.lower() if decision.state else "öppet"
            yield make("DECISION_FOLLOW_UP_PASSED", sheet=layout.name, row=decision.row,
                       column=layout.columns.get("follow_up"), activity_id=decision.activity_id,
                       value=decision.follow_up, decision=_short(decision.text), state=state)


_DECISION_VALUES = {
    "date": (parse_date, "ett datum, t.ex. 2026-09-16"),
    "follow_up": (parse_date, "ett datum, t.ex. 2026-09-16"),
    "priority": (parse_priority, "Hög, Medel eller Låg"),
    "state": (parse_decision_state, "Öppet, Pågår, Verkställt eller Avskrivet"),
}


@check("DECISION_VALUE_INVALID")
def decision_values_readable(subject: CheckedPlan) -> Iterator[Finding]:
    """Beslut's dates, Prioritet and Status för beslutet are readable."""
    layout = subject.layout(DECISIONS.key)
    if layout is None:
        return
    for decision in subject.plan.decisions:
        for key, (parse, expected) in _DECISION_VALUES.items():
            value = decision.raw.get(key)
            if value is not None and parse(value) is None:
                yield make("DECISION_VALUE_INVALID", sheet=layout.name, row=decision.row,
                           column=layout.columns.get(key), activity_id=decision.activity_id,
                           value=value, header=DECISIONS.field(key).header,
                           expected=expected)


@check("ASSESSMENT_MISSING")
def assessments_written(subject: CheckedPlan) -> Iterator[Finding]:
    """Every focus area has an assessment for the latest period in Bedömningar."""
    layout = subject.layout(ASSESSMENTS.key)
    plan = subject.plan
    if subject.kind != WorkbookKind.MAIN or layout is None:
        return
    period = latest_period([a.period for a in plan.assessments if a.period])
    if period is None:
        return
    for area in plan.focus_areas:
        found = plan.assessment(period, area.number)
        if found is not None and found.is_written:
            continue
        yield make("ASSESSMENT_MISSING", sheet=layout.name,
                   row=found.row if found is not None else None,
                   column=layout.columns.get("assessment") if found is not None else None,
                   activity_id=f"FO{area.number}", value=period, focus=area.short_name)


def _short(text: str, limit: int = 60) -> str:
    """The start of a decision's text, in whole words."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " …"
