"""The checks of the goal and measurement sheets."""

from __future__ import annotations

from collections.abc import Iterator

from plan_sheets.rules.checks import CheckedPlan, check
from plan_sheets.workbook.findings import Finding, make
from plan_sheets.workbook.model import Goal, WorkbookKind
from plan_sheets.workbook.schema import GOALS, MEASUREMENTS


def _first_rows(subject: CheckedPlan) -> dict[str, int]:
    """Each goal ID's first row on the goal sheet."""
    first: dict[str, int] = {}
    for goal in subject.plan.goals:
        first.setdefault(goal.id, goal.row)
    return first


def _at_goal(subject: CheckedPlan, goal: Goal, code: str, **params: object) -> Finding:
    layout = subject.layout(GOALS.key)
    assert layout is not None
    return make(code, sheet=layout.name, row=goal.row, column=layout.columns.get("id"),
                activity_id=goal.id, value=goal.id, **params)


@check("GOAL_DUPLICATE")
def goal_ids_unique(subject: CheckedPlan) -> Iterator[Finding]:
    if subject.layout(GOALS.key) is None:
        return
    first = _first_rows(subject)
    for goal in subject.plan.goals:
        if first[goal.id] != goal.row:
            yield _at_goal(subject, goal, "GOAL_DUPLICATE", other_row=first[goal.id])


@check("MEASUREMENT_INVALID")
def measurements_of_known_goals(subject: CheckedPlan) -> Iterator[Finding]:
    layout = subject.layout(MEASUREMENTS.key)
    if subject.layout(GOALS.key) is None or layout is None:
        return
    first = _first_rows(subject)
    for m in subject.plan.measurements:
        if m.goal not in first:
            yield make("MEASUREMENT_INVALID", sheet=layout.name, row=m.row,
                       column=layout.columns.get("goal"), activity_id=m.goal, value=m.goal,
                       problem=f"Målet ”{m.goal}” finns inte i fliken {GOALS.name}.")


@check("GOAL_UNCOVERED")
def goals_worked_on(subject: CheckedPlan) -> Iterator[Finding]:
    """Some activity works towards each goal (huvuddokument only)."""
    if subject.layout(GOALS.key) is None or subject.kind != WorkbookKind.MAIN:
        return
    first = _first_rows(subject)
    linked = {g for a in subject.plan.activities for g in a.goals}
    for goal in subject.plan.goals:
        if first[goal.id] == goal.row and goal.id not in linked:
            yield _at_goal(subject, goal, "GOAL_UNCOVERED")


@check("GOAL_NO_MEASUREMENT")
def goals_measured(subject: CheckedPlan) -> Iterator[Finding]:
    """Each goal has a measured value (huvuddokument only)."""
    if subject.layout(GOALS.key) is None or subject.kind != WorkbookKind.MAIN:
        return
    first = _first_rows(subject)
    measured = {m.goal for m in subject.plan.measurements}
    for goal in subject.plan.goals:
        if first[goal.id] == goal.row and goal.id not in measured:
            yield _at_goal(subject, goal, "GOAL_NO_MEASUREMENT")


@check("KOLADA_VALUE_MISSING")
def kolada_values_fetched(subject: CheckedPlan) -> Iterator[Finding]:
    """A goal with a Kolada-KPI has a value for the last complete year (huvuddokument only)."""
    if subject.layout(GOALS.key) is None or subject.kind != WorkbookKind.MAIN:
        return
    year = subject.today.year - 1
    first = _first_rows(subject)
    measured = {m.goal for m in subject.plan.measurements if m.year == year}
    for goal in subject.plan.goals:
        if first[goal.id] == goal.row and goal.kolada_kpi and goal.id not in measured:
            yield _at_goal(subject, goal, "KOLADA_VALUE_MISSING", kpi=goal.kolada_kpi,
                           year=str(year))
