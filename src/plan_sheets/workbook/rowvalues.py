"""The plan as cell values: what each contract field holds in a worksheet row.

Values read from a workbook are written back as read (`raw`), so that a split
workbook shows staff exactly what the huvuddokument holds; values built in
code are turned into the contract's canonical cell form.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from plan_sheets.workbook.model import (
    Activity,
    FocusArea,
    Goal,
    InterventionArea,
    Measurement,
    Snapshot,
)
from plan_sheets.workbook.schema import ONGOING_WORDS

CellValue = str | int | float | date | bool | None


def goals_text(goals: tuple[str, ...]) -> str:
    return ", ".join(goals)


def _number(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def activity_values(activity: Activity) -> dict[str, Any]:
    """Contract field key -> cell value for one activity."""
    typed: dict[str, Any] = {
        "id": activity.id or None,
        "focus_area": activity.focus_area,
        "intervention_area": activity.intervention_area or None,
        "title": activity.title,
        "description": activity.description,
        "responsible": activity.responsible,
        "contact": activity.contact,
        "participants": activity.participants,
        "start": activity.start,
        "end": ONGOING_WORDS[0] if activity.ongoing else activity.end,
        "phase": activity.phase.value if activity.phase else None,
        "status": activity.status.value if activity.status else None,
        "status_comment": activity.status_comment,
        "cause": activity.cause,
        "action": activity.action,
        "goals": goals_text(activity.goals),
        "decided": activity.decided,
        "updated": activity.updated,
    }
    values = {k: (v if v != "" else None) for k, v in typed.items()}
    values.update(activity.raw)
    return values


def focus_area_values(area: FocusArea) -> dict[str, Any]:
    return {"id": area.number, "name": area.name, "lead": area.lead or None}


def intervention_area_values(area: InterventionArea) -> dict[str, Any]:
    return {"id": area.id, "focus_area": area.focus_area, "text": area.text,
            "approach": area.approach or None}


def goal_values(goal: Goal) -> dict[str, Any]:
    return {
        "id": goal.id, "name": goal.name, "indicator": goal.indicator or None,
        "unit": goal.unit or None, "baseline": _number(goal.baseline),
        "baseline_year": goal.baseline_year, "target": _number(goal.target),
        "target_year": goal.target_year,
        "direction": goal.direction.value if goal.direction else None,
        "source": goal.source or None,
    }


def measurement_values(m: Measurement) -> dict[str, Any]:
    return {"goal": m.goal, "year": m.year, "value": _number(m.value),
            "comment": m.comment or None}


def snapshot_values(s: Snapshot) -> dict[str, Any]:
    return {"date": s.date, "period": s.period, "id": s.activity_id,
            "phase": s.phase.value if s.phase else None,
            "status": s.status.value if s.status else None}

