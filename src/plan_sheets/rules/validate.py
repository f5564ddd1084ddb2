"""The validation rules of DESIGN.md: checks that yield findings, one run reports all.

Every check is a generator over a Plan (pure: no files). `validate()` adds the
findings the reader made while reading and sorts them as the user sees the
workbook: by sheet, row and column.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import chain
from operator import attrgetter, methodcaller
from pathlib import Path
from typing import Any

from plan_sheets.errors import WorkbookUnreadable
from plan_sheets.rules import findings as F
from plan_sheets.rules.findings import Finding, count_by_severity
from plan_sheets.workbook import collector
from plan_sheets.workbook.model import (
    Activity,
    FormulaWithoutValue,
    Phase,
    Plan,
    SheetLayout,
    Status,
)
from plan_sheets.workbook.reader import GROUP, MAIN, Loaded, read_workbook
from plan_sheets.workbook.schema import (
    ACTIVITIES,
    EXCEL_MAX_TEXT,
    FOCUS_AREAS,
    GOALS,
    INTERVENTION_AREAS,
    MEASUREMENTS,
    SHEETS,
)

ID_PATTERN = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{1,6})$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

_DATE_FIELDS = ("start", "end", "decided", "updated")


class _Cells:
    """Finding factory bound to one activity's row."""

    def __init__(self, activity: Activity, layout: SheetLayout) -> None:
        self.activity = activity
        self.layout = layout

    def __call__(self, code: str, key: str | None = None, *, value: Any = None,
                 **params: Any) -> Finding:
        column = self.layout.columns.get(key) if key else None
        return F.make(code, sheet=self.activity.sheet, row=self.activity.row, column=column,
                      activity_id=self.activity.id, value=value, **params)

    def raw(self, key: str) -> Any:
        return self.activity.raw.get(key)

    def has_column(self, key: str) -> bool:
        return key in self.layout.columns


def check_activity_ids(plan: Plan, *, kind: str) -> Iterator[Finding]:
    """ID_MISSING, ID_FORMAT, ID_DUPLICATE, ID_AREA_MISMATCH."""
    layout = plan.layouts.get(ACTIVITIES.key)
    if layout is None:
        return
    first_row: dict[str, int] = {}
    for activity in plan.activities:
        cell = _Cells(activity, layout)
        if not activity.id:
            if kind == MAIN:
                yield cell("ID_MISSING", "id", value=cell.raw("id"))
            continue
        m = ID_PATTERN.match(activity.id)
        if not m:
            yield cell("ID_FORMAT", "id", value=activity.id)
            continue
        if activity.id in first_row:
            yield cell("ID_DUPLICATE", "id", value=activity.id, other_row=first_row[activity.id])
        else:
            first_row[activity.id] = activity.row
        focus, area = int(m[1]), f"{int(m[1])}.{int(m[2])}"
        if activity.intervention_area and activity.intervention_area != area:
            raw_area = cell.raw("intervention_area")
            note = ""
            if isinstance(raw_area, float) and int(m[2]) >= 10 and \
                    f"{area}".rstrip("0") == activity.intervention_area:
                note = (f" Excel gör om {area} till {activity.intervention_area} när det skrivs "
                        "som tal; skriv insatsområdet som text (börja med en apostrof: "
                        f"'{area}).")
            yield cell("ID_AREA_MISMATCH", "intervention_area", value=activity.id,
                       expected=f"insatsområde {area}",
                       found=f"insatsområde {activity.intervention_area}", note=note)
        elif activity.focus_area is not None and activity.focus_area != focus:
            yield cell("ID_AREA_MISMATCH", "focus_area", value=activity.id,
                       expected=f"fokusområde {focus}", found=f"fokusområde {activity.focus_area}")


def check_activity_values(plan: Plan, *, kind: str, today: date) -> Iterator[Finding]:
    """Every rule about one activity's own cells."""
    layout = plan.layouts.get(ACTIVITIES.key)
    if layout is None:
        return
    area_ids = {a.id for a in plan.intervention_areas}
    focus_ids = {a.number for a in plan.focus_areas}
    goal_ids = {g.id for g in plan.goals}
    check_areas = INTERVENTION_AREAS.key in plan.layouts
    check_focus = FOCUS_AREAS.key in plan.layouts
    check_goals = GOALS.key in plan.layouts
    has = {f.key: f.key in layout.columns for f in ACTIVITIES.fields}
    has_area, has_responsible, has_cause, has_action, has_goals, has_decided = (
        has[key] for key in ("intervention_area", "responsible", "cause", "action", "goals",
                             "decided"))
    date_headers = {key: ACTIVITIES.field(key).header for key in _DATE_FIELDS}
    missing_dates = [(key, date_headers[key]) for key in ("start", "end") if has[key]]
    suspects = _bad_text_blocks(plan.activities)
    formula, ongoing, green = FormulaWithoutValue, Phase.ONGOING, Status.GREEN
    for index, activity in enumerate(plan.activities):
        # The common case – nothing wrong – is kept to plain look-ups: this loop meets
        # every activity of a plan that may hold a country's worth of them.
        raw = activity.raw.get
        cell = _Cells(activity, layout)
        if index // _BLOCK in suspects and _has_bad_text(activity):
            yield from _text_checks(activity, layout)
        # Structure.
        area = activity.intervention_area
        if has_area and (not area or (check_areas and area not in area_ids)):
            yield cell("AREA_UNKNOWN", "intervention_area", value=raw("intervention_area"),
                       what="Insatsområde", sheet_ref=INTERVENTION_AREAS.name)
        raw_focus = raw("focus_area")
        if raw_focus is not None and raw_focus.__class__ is not formula and (
                activity.focus_area is None or
                (check_focus and activity.focus_area not in focus_ids)):
            yield cell("AREA_UNKNOWN", "focus_area", value=raw_focus, what="Fokusområde",
                       sheet_ref=FOCUS_AREAS.name)
        if not activity.title:
            yield cell("TITLE_MISSING", "title", value=raw("title"))
        # Allowed values.
        raw_status = raw("status")
        status = activity.status
        if status is None and raw_status is not None:
            yield cell("STATUS_INVALID", "status", value=raw_status)
        raw_phase = raw("phase")
        phase = activity.phase
        if phase is None and raw_phase is not None:
            yield cell("PHASE_INVALID", "phase", value=raw_phase)
        start, end = activity.start, activity.end
        for key, header in date_headers.items():
            value = raw(key)
            if value is None:
                continue
            parsed = start if key == "start" else end if key == "end" else \
                getattr(activity, key)
            if parsed is not None or (key == "end" and activity.ongoing):
                continue
            yield cell("DATE_INVALID", key, value=value, header=header)
        if start and end and end < start:
            yield cell("DATE_ORDER", "end", value=end, start=start)
        goals = activity.goals
        if check_goals:
            for goal in goals:
                if goal not in goal_ids:
                    yield cell("GOAL_UNKNOWN", "goals", value=goal)
        # Follow-up gaps (warnings).
        if has_responsible and not activity.responsible:
            yield cell("RESPONSIBLE_MISSING", "responsible", value=raw("responsible"))
        if phase is ongoing and raw_status is None:
            yield cell("STATUS_MISSING", "status")
        for key, header in missing_dates:
            value = raw(key)
            if value is None or value.__class__ is formula:
                yield cell("DATE_MISSING", key, value=value, header=header)
        if end is not None and end < today and activity.is_overdue(today):
            shown = phase.value if phase else "utan läge"
            yield cell("OVERDUE", "end", value=end, phase=shown)
        if status is not None and status is not green:  # Activity.is_deviation
            if has_cause and not activity.cause:
                yield cell("DEVIATION_CAUSE_MISSING", "cause", value=status.value)
            if has_action and not activity.action:
                yield cell("DEVIATION_ACTION_MISSING", "action", value=status.value)
        if has_goals and not goals:
            yield cell("GOAL_LINK_MISSING", "goals", value=raw("goals"))
        if has_decided:
            value = raw("decided")
            if value is None or value.__class__ is formula:
                yield cell("NOT_DECIDED", "decided", value=value)


_BLOCK = 1000
_raw_values = methodcaller("values")


def _bad_text_blocks(activities: Sequence[Activity]) -> set[int]:
    """The blocks of `_BLOCK` activities of which one may have text Excel cannot hold.

    One look over a block's texts instead of one per activity; `_has_bad_text`
    then tells which activity of a block it is (nearly always: no block at all).
    """
    suspects = set()
    for start in range(0, len(activities), _BLOCK):
        block = activities[start:start + _BLOCK]
        values = chain(chain.from_iterable(map(_raw_values, map(attrgetter("raw"), block))),
                       chain.from_iterable(map(_raw_values, map(attrgetter("extra"), block))))
        texts = [v for v in values if v.__class__ is str]
        if not texts:
            continue
        joined = "".join(texts)
        # Every character _CONTROL looks for is unprintable, so printable text is clean
        # (text with line breaks is not printable, and is searched).
        if max(map(len, texts)) > EXCEL_MAX_TEXT or (
                not joined.isprintable() and _CONTROL.search(joined) is not None):
            suspects.add(start // _BLOCK)
    return suspects


def _has_bad_text(activity: Activity) -> bool:
    texts = [v for v in activity.raw.values() if v.__class__ is str]
    texts += [v for v in activity.extra.values() if v.__class__ is str]
    if not texts:
        return False
    return max(map(len, texts)) > EXCEL_MAX_TEXT or \
        _CONTROL.search("\n".join(texts)) is not None


def _text_checks(activity: Activity, layout: SheetLayout) -> Iterator[Finding]:
    """TEXT_INVALID: text Excel cannot hold (control characters, too long)."""
    for source, columns in ((activity.raw, layout.columns), (activity.extra, layout.extra_columns)):
        for key, value in source.items():
            if not isinstance(value, str):
                continue
            problem = None
            if len(value) > EXCEL_MAX_TEXT:
                problem = (f"Texten är {len(value)} tecken lång; en Excel-cell rymmer högst "
                           f"{EXCEL_MAX_TEXT}.")
            elif _CONTROL.search(value):
                problem = "Texten innehåller styrtecken som Excel inte kan visa."
            if problem:
                yield F.make("TEXT_INVALID", sheet=activity.sheet, row=activity.row,
                             column=columns.get(key), activity_id=activity.id,
                             value=_CONTROL.sub("?", value[:60]), problem=problem)


def check_goals(plan: Plan, *, kind: str) -> Iterator[Finding]:
    """GOAL_DUPLICATE, GOAL_UNCOVERED, GOAL_NO_MEASUREMENT, MEASUREMENT_INVALID."""
    layout = plan.layouts.get(GOALS.key)
    if layout is None:
        return
    id_col = layout.columns.get("id")
    first: dict[str, int] = {}
    for goal in plan.goals:
        if goal.id in first:
            yield F.make("GOAL_DUPLICATE", sheet=layout.name, row=goal.row, column=id_col,
                         activity_id=goal.id, value=goal.id, other_row=first[goal.id])
        else:
            first[goal.id] = goal.row
    measured = {m.goal for m in plan.measurements}
    m_layout = plan.layouts.get(MEASUREMENTS.key)
    if m_layout is not None:
        goal_col = m_layout.columns.get("goal")
        for m in plan.measurements:
            if m.goal not in first:
                yield F.make("MEASUREMENT_INVALID", sheet=m_layout.name, row=m.row,
                             column=goal_col, activity_id=m.goal, value=m.goal,
                             problem=f"Målet ”{m.goal}” finns inte i fliken {GOALS.name}.")
    if kind != MAIN:
        return
    linked = {g for a in plan.activities for g in a.goals}
    for goal in plan.goals:
        if goal.row != first.get(goal.id):
            continue
        if goal.id not in linked:
            yield F.make("GOAL_UNCOVERED", sheet=layout.name, row=goal.row, column=id_col,
                         activity_id=goal.id, value=goal.id)
        if goal.id not in measured:
            yield F.make("GOAL_NO_MEASUREMENT", sheet=layout.name, row=goal.row, column=id_col,
                         activity_id=goal.id, value=goal.id)


def check_areas(plan: Plan, *, kind: str) -> Iterator[Finding]:
    """AREA_EMPTY: an intervention area with no activities (huvuddokument only)."""
    layout = plan.layouts.get(INTERVENTION_AREAS.key)
    if layout is None or kind != MAIN:
        return
    used = {a.intervention_area for a in plan.activities}
    for area in plan.intervention_areas:
        if area.id not in used:
            yield F.make("AREA_EMPTY", sheet=layout.name, row=area.row,
                         column=layout.columns.get("id"), activity_id=area.id, value=area.id)


def check_plan(plan: Plan, *, kind: str = MAIN, today: date) -> Iterator[Finding]:
    """Every rule over a plan; `kind` is `main` (huvuddokument) or `group`."""
    if kind not in (MAIN, GROUP):
        raise ValueError(kind)
    yield from check_activity_ids(plan, kind=kind)
    yield from check_activity_values(plan, kind=kind, today=today)
    yield from check_goals(plan, kind=kind)
    yield from check_areas(plan, kind=kind)


_SHEET_ORDER = {s.name: i for i, s in enumerate(SHEETS)}


def finding_order(finding: Finding) -> tuple[Any, ...]:
    return (_SHEET_ORDER.get(finding.sheet, len(_SHEET_ORDER)), finding.sheet, finding.row or 0,
            finding.column or 0, finding.code)


def validate(loaded: Loaded, *, today: date | None = None) -> list[Finding]:
    """All findings for a workbook read from disk, in the order a user reads the workbook."""
    today = today or date.today()
    with collector.paused():
        found = [*loaded.findings, *check_plan(loaded.plan, kind=loaded.kind, today=today)]
        return sorted(found, key=finding_order)


@dataclass(frozen=True)
class FileResult:
    """One validated file: its findings, or why it could not be read."""

    path: Path
    findings: tuple[Finding, ...] = ()
    kind: str = "main"
    activities: int = 0
    unreadable: str = ""
    """The Swedish reason when the file could not be used at all."""

    @property
    def errors(self) -> int:
        return count_by_severity(self.findings)[0] + (1 if self.unreadable else 0)

    @property
    def warnings(self) -> int:
        return count_by_severity(self.findings)[1]

    def ok(self, *, strict: bool = False) -> bool:
        return self.errors == 0 and not (strict and self.warnings)


def validate_file(path: Path, *, today: date | None = None, kind: str | None = None) -> FileResult:
    """Read and check one file; a file that cannot be used becomes an `unreadable` result."""
    try:
        loaded = read_workbook(path, kind=kind, history=False)
    except WorkbookUnreadable as error:
        reason = error.message + (f" {error.hint}" if error.hint else "")
        return FileResult(path=Path(path), unreadable=reason)
    return FileResult(path=Path(path), findings=tuple(validate(loaded, today=today)),
                      kind=loaded.kind, activities=len(loaded.plan.activities))
