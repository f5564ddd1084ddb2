"""`--no-personal-data`: a plan without names, for reports that become public documents."""

from __future__ import annotations

from dataclasses import replace

from plan_sheets.model import Activity, Plan
from plan_sheets.schema import ACTIVITIES, is_personal_header

PERSONAL_FIELDS = tuple(f.key for f in ACTIVITIES.fields if f.personal)


def public_activity(activity: Activity) -> Activity:
    extra = {h: v for h, v in activity.extra.items() if not is_personal_header(h)}
    raw = {k: v for k, v in activity.raw.items() if k not in PERSONAL_FIELDS}
    return replace(activity, contact="", extra=extra, raw=raw)


def public_plan(plan: Plan) -> Plan:
    """The plan without contact persons, focus-area leads and staff columns naming people."""
    layouts = dict(plan.layouts)
    layout = layouts.get(ACTIVITIES.key)
    if layout is not None:
        layouts[ACTIVITIES.key] = replace(
            layout,
            columns={k: c for k, c in layout.columns.items() if k not in PERSONAL_FIELDS},
            extra_columns={h: c for h, c in layout.extra_columns.items()
                           if not is_personal_header(h)},
        )
    return replace(
        plan,
        activities=tuple(public_activity(a) for a in plan.activities),
        focus_areas=tuple(replace(f, lead="") for f in plan.focus_areas),
        layouts=layouts,
    )
