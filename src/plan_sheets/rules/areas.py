"""The checks of the intervention-area sheet."""

from __future__ import annotations

from collections.abc import Iterator

from plan_sheets.rules.checks import CheckedPlan, check
from plan_sheets.workbook.findings import Finding, make
from plan_sheets.workbook.model import WorkbookKind
from plan_sheets.workbook.schema import INTERVENTION_AREAS


@check("AREA_EMPTY")
def areas_worked_on(subject: CheckedPlan) -> Iterator[Finding]:
    """An intervention area has activities (huvuddokument only)."""
    layout = subject.layout(INTERVENTION_AREAS.key)
    if layout is None or subject.kind != WorkbookKind.MAIN:
        return
    # An area whose activities are all closed and moved to Avslutade is done, not empty.
    used = {a.intervention_area for a in (*subject.plan.activities, *subject.plan.closed)}
    for area in subject.plan.intervention_areas:
        if area.id not in used:
            yield make("AREA_EMPTY", sheet=layout.name, row=area.row,
                       column=layout.columns.get("id"), activity_id=area.id, value=area.id)
