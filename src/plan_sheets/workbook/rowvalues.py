"""The plan as cell values: what each contract field holds in a worksheet row.

Values read from a workbook are written back as read (`raw`), so that a split
workbook shows staff exactly what the huvuddokument holds; values built in
code are turned into the contract's canonical cell form.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from operator import attrgetter
from typing import Any

from plan_sheets.workbook.kinds import KINDS, written_number
from plan_sheets.workbook.model import (
    ATTRIBUTES,
    Activity,
    Assessment,
    Change,
    Decision,
    FocusArea,
    Goal,
    InterventionArea,
    Measurement,
    Plan,
    Snapshot,
    View,
)
from plan_sheets.workbook.schema import (
    ACTIVITIES,
    ONGOING_WORDS,
    Field,
    Kind,
    Setting,
    Sheet,
    contract_of,
)

CellValue = str | int | float | date | bool | None


def field_value(activity: Activity, field: Field) -> Any:
    """An activity's value of a contract field, as its kind reads it: the attribute of that
    name, or else its entry in `values`; Slut of an ongoing activity is `Löpande`."""
    return _getter(field)(activity)


def value_fields(plan: Plan) -> list[Field]:
    """The contract's Aktiviteter fields that `Activity` keeps in `values` (a column added
    to the schema) and the plan has, personal ones never (E-post): what the lists of the
    activities' fields (the reports', the annual workbook's, the open data's) show after
    their own columns, so that a new field appears in them without being named there."""
    layout = plan.layouts.get(ACTIVITIES.key)
    columns = layout.columns if layout is not None else {}
    return [f for f in contract_of(plan).activities.fields
            if f.key not in ATTRIBUTES and not f.personal
            and (f.key in columns or any(f.key in a.values for a in plan.activities))]


def _getter(field: Field) -> Callable[[Activity], Any]:
    key = field.key
    if key not in ATTRIBUTES:
        return lambda a: a.values.get(key)
    if field.kind is Kind.END_DATE:
        return lambda a: ONGOING_WORDS[0] if a.ongoing else getattr(a, key)
    return attrgetter(key)


def activity_cell(activity: Activity, field: Field) -> Any:
    """The cell an activity's value of a contract field is written as (by its kind)."""
    return cell_getter(field)(activity)


def cell_getter(field: Field) -> Callable[[Activity], Any]:
    """`activity_cell` for one field, prepared once for many activities."""
    get, write = _getter(field), KINDS[field.kind].write
    return lambda activity: write(get(activity))


def cells_of(sheet: Sheet = ACTIVITIES) -> Callable[[Activity], dict[str, Any]]:
    """`activity_values` for the fields of `sheet`, prepared once for many activities."""
    fields = [(f.key, _getter(f), KINDS[f.kind].write) for f in sheet.fields]

    def values(activity: Activity) -> dict[str, Any]:
        cells = {key: write(get(activity)) for key, get, write in fields}
        cells.update(activity.raw)
        return cells

    return values


def activity_values(activity: Activity, sheet: Sheet = ACTIVITIES) -> dict[str, Any]:
    """Contract field key -> cell value for one activity: every field of `sheet` written by
    its kind (`activity_cell`), and the cells as read (`raw`) over them."""
    return cells_of(sheet)(activity)


def focus_area_values(area: FocusArea) -> dict[str, Any]:
    return {"id": area.number, "name": area.name, "lead": area.lead or None,
            "short_name": area.short or None, "lead_email": area.lead_email or None}


def intervention_area_values(area: InterventionArea) -> dict[str, Any]:
    return {"id": area.id, "focus_area": area.focus_area, "text": area.text,
            "approach": area.approach or None}


def goal_values(goal: Goal) -> dict[str, Any]:
    return {
        "id": goal.id, "name": goal.name, "indicator": goal.indicator or None,
        "unit": goal.unit or None, "baseline": written_number(goal.baseline),
        "baseline_year": goal.baseline_year, "target": written_number(goal.target),
        "target_year": goal.target_year,
        "direction": goal.direction.value if goal.direction else None,
        "source": goal.source or None, "kolada_kpi": goal.kolada_kpi or None,
        "gender": goal.gender or None,
    }


def measurement_values(m: Measurement) -> dict[str, Any]:
    return {"goal": m.goal, "year": m.year, "value": written_number(m.value),
            "comment": m.comment or None, "source": m.source or None}


def snapshot_values(s: Snapshot) -> dict[str, Any]:
    return {"date": s.date, "period": s.period, "id": s.activity_id,
            "phase": s.phase.value if s.phase else None,
            "status": s.status.value if s.status else None,
            "status_comment": s.status_comment or None, "cause": s.cause or None,
            "action": s.action or None, "responsible": s.responsible or None,
            "end": ONGOING_WORDS[0] if s.ongoing else s.end, "decided": s.decided,
            "updated": s.updated}


def activity_snapshot(a: Activity, *, day: date, period: str) -> Snapshot:
    """The Statushistorik row of `a` for `period`, taken on `day`."""
    return Snapshot(day, period, a.id, a.phase, a.status, status_comment=a.status_comment,
                    cause=a.cause, action=a.action, responsible=a.responsible,
                    end=None if a.ongoing else a.end, ongoing=a.ongoing, decided=a.decided,
                    updated=a.updated)



def decision_values(d: Decision) -> dict[str, Any]:
    typed = {
        "date": d.date, "period": d.period or None, "activity_id": d.activity_id or None,
        "decision": d.text or None, "priority": d.priority.value if d.priority else None,
        "responsible": d.responsible or None, "follow_up": d.follow_up,
        "state": d.state.value if d.state else None,
    }
    typed.update(d.raw)
    return typed


def assessment_values(a: Assessment) -> dict[str, Any]:
    return {"period": a.period or None, "focus_area": a.focus_area,
            "assessment": a.text or None, "events": a.events or None,
            "author": a.author or None, "date": a.date}


def view_values(v: View) -> dict[str, Any]:
    return {"date": v.date, "forum": v.forum or None, "text": v.text or None,
            "focus_area": v.focus_area, "handling": v.handling or None}


def change_values(c: Change) -> dict[str, Any]:
    return {"time": c.time, "source": c.source or None, "id": c.activity_id or None,
            "field": c.field_name or None, "before": c.before, "after": c.after,
            "period": c.period or None}


def setting_values(plan: Plan, setting: Setting) -> dict[str, Any]:
    """A row of Inställningar: the plan's value of the setting, else its default."""
    found = plan.settings.get(setting.key)
    value = found.value if found is not None and found.value not in (None, "") \
        else setting.default
    return {"name": setting.name, "value": value, "explanation": setting.explanation}
