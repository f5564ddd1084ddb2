"""`split`: one workbook per focus area for the focus-area groups.

Each workbook holds the area's activities with every column the huvuddokument
has (the staff's own too), its intervention areas and all goals as reference,
the same traffic lights and dropdowns, instructions for the group, and a
hidden base sheet: the rows as they were, the source's fingerprint and the
time, against which `merge` later tells who changed what.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from plan_sheets import drafts
from plan_sheets.analysis.figures import focus_numbers, in_id_order
from plan_sheets.errors import DataRejected, PlanSheetsError
from plan_sheets.excel.addresses import sheet_cell
from plan_sheets.files import check_writable, replacing
from plan_sheets.groups import sendout
from plan_sheets.groups.assessments import assessment_edited, assessment_values
from plan_sheets.groups.decisions import edited_rows
from plan_sheets.progress import Progress, quiet
from plan_sheets.rules.activities import activity_ids
from plan_sheets.rules.checks import CheckedPlan
from plan_sheets.swedish import plural
from plan_sheets.workbook import rowvalues
from plan_sheets.workbook.appearance import PHASE_LIST, STATUS_LIST, area_list, goal_list
from plan_sheets.workbook.baseline import base_sheet_rows
from plan_sheets.workbook.dates import default_period
from plan_sheets.workbook.findings import Severity
from plan_sheets.workbook.instructions import group_sections
from plan_sheets.workbook.model import (
    Activity,
    FocusArea,
    FormulaWithoutValue,
    Plan,
    SheetLayout,
    WorkbookKind,
)
from plan_sheets.workbook.newbook import FIRST_DATA_ROW, BookBuilder, staff_headers, write_value
from plan_sheets.workbook.reader import Loaded, read_workbook
from plan_sheets.workbook.schema import (
    ACTIVITIES,
    ASSESSMENTS,
    BASE_SHEET,
    FOCUS_AREAS,
    GOALS,
    INTERVENTION_AREAS,
    Contract,
    contract_of,
)
from plan_sheets.workbook.xlsxparts import number_formats

ID_LOCKED_HELP = "Ändra inte ID. Lämna ID tomt på en ny rad för en ny aktivitet."


@dataclass(frozen=True)
class SplitResult:
    files: tuple[Path, ...]
    activities: dict[int, int]
    """Focus area -> number of activities written."""
    drafts: tuple[Path, ...] = ()
    """E-mail drafts to the focus-area leads, the workbooks attached (`sendout`)."""
    without_address: tuple[str, ...] = ()
    """The focus areas (short names) whose lead has no e-mail address."""


def group_file_name(focus_area: int) -> str:
    return f"fokusomrade-{focus_area}.xlsx"


def _cell(value: Any) -> Any:
    # A formula saved without its result has no value to hand to the group.
    return None if isinstance(value, FormulaWithoutValue) else value


def split_workbook(loaded: Loaded, out: Path, *, now: dt.datetime, force: bool = False,
                   period: str | None = None, reply_by: dt.date | None = None,
                   invitations: bool = True, progress: Progress = quiet) -> SplitResult:
    """Write `out/fokusomrade-N.xlsx` for every focus area of the huvuddokument.

    Each gets its focus area's Bedömningar row for `period` (default: the tertial
    of `now`) to fill in. Where the lead's e-mail address is known (and `invitations`),
    an e-mail draft with the workbook attached goes beside it (`out/fokusomrade-N.eml`),
    asking for a reply by `reply_by` (default: two weeks from `now`).

    Raises DataRejected when activity IDs are missing, malformed or duplicated
    (the groups' edits could not be matched back to their rows), and, unless
    `force`, when a workbook it would replace is not as split wrote it (a group
    may have filled it in); then nothing is written.
    """
    plan = loaded.plan
    layout = plan.layouts.get(ACTIVITIES.key)
    id_errors = [f for f in activity_ids(CheckedPlan(plan, WorkbookKind.MAIN, now.date()))
                 if f.severity is Severity.ERROR]
    structural = [f for f in loaded.findings if f.sheet == ACTIVITIES.name]
    if layout is None or "id" not in layout.columns or id_errors or structural:
        problems = [*structural, *id_errors][:10]
        lines = "\n".join(f"  {f.location}: {f.message}" for f in problems)
        raise DataRejected(f"{loaded.path}: huvuddokumentet kan inte delas upp förrän "
                           f"aktiviteterna har unika ID.\n{lines}",
                           hint="Kör plan-sheets validate och rätta felen först.")
    out.mkdir(parents=True, exist_ok=True)
    contract = contract_of(plan)
    fields = [f for f in contract.activities.fields if f.key in layout.columns]
    extra = staff_headers(plan)
    by_focus: dict[int, list] = {number: [] for number in focus_numbers(plan)}
    for activity in plan.activities:
        if activity.focus_area in by_focus:
            by_focus[activity.focus_area].append(activity)
    jobs = [(number, in_id_order(acts), out / group_file_name(number))
            for number, acts in by_focus.items()]
    if not force:
        _refuse_overwriting_edits([path for _n, _a, path in jobs], contract)
    for _n, _a, path in jobs:  # a read-only workbook refuses the whole split, not half of it
        check_writable(path)
    shown = _number_formats(loaded, layout)
    period = period or default_period(now.date())
    for number, activities, path in jobs:
        count = plural(len(activities), "aktivitet", "aktiviteter", grouped=False)
        progress(f"Skriver {path.name} ({count}) …")
        _write_group_book(path, plan, number, activities, fields, extra, loaded=loaded,
                          now=now, shown=shown, period=period)
    reply_by = reply_by or drafts.default_reply_by(now.date())
    leads = {area.number: area for area in plan.focus_areas}
    written, lacking = [], []
    for number, activities, path in jobs if invitations else ():
        area = leads.get(number) or FocusArea(number, "")
        draft = sendout.write_invitation(area, path, activities=len(activities), period=period,
                                         reply_by=reply_by, sender=plan.setting_text("sender"))
        if draft:
            written.append(draft)
        else:
            lacking.append(area.short_name)
    return SplitResult(tuple(path for _n, _a, path in jobs),
                       {number: len(acts) for number, acts, _p in jobs},
                       drafts=tuple(written), without_address=tuple(lacking))


def _refuse_overwriting_edits(paths: list[Path], contract: Contract) -> None:
    """Refuse (DataRejected) when a workbook to replace is not as split wrote it."""
    problems = []
    for path in paths:
        if not path.exists():
            continue
        why = _not_as_written(path, contract)
        if why:
            problems.append(f"  {path}: {why}")
    if problems:
        raise DataRejected(
            "Arbetsböckerna skrivs inte över, eftersom de inte längre är som plan-sheets "
            "skrev dem – en grupp kan ha fyllt i dem:\n" + "\n".join(problems),
            hint="För in dem med plan-sheets merge först, flytta dem till en annan mapp, "
                 "eller kör split med --force för att skriva över dem.")


def _not_as_written(path: Path, contract: Contract) -> str:
    """Why the workbook at `path` is not as split wrote it ("" when it is)."""
    try:
        group = read_workbook(path, kind=WorkbookKind.GROUP, contract=contract)
    except PlanSheetsError as error:
        return "den går inte att läsa: " + error.message.removeprefix(f"{path}: ")
    if group.base is None:
        return "den är inte skriven av plan-sheets split (fliken Bas saknas)"
    edited = edited_rows(group.plan, group.base)
    edited += [f"text utan rubrik i {sheet_cell(layout.name, row, column)}"
               for layout in group.plan.layouts.values()
               for row, column, _value in layout.unheaded[:1]]
    if _assessment_edited(group):
        edited.append(ASSESSMENTS.name)
    if not edited:
        return ""
    shown = ", ".join(edited[:5]) + (f" och {len(edited) - 5} till" if len(edited) > 5 else "")
    return f"ändrad efter att plan-sheets skrev den {group.base.taken.replace('T', ' ')} ({shown})"


def _assessment_edited(group: Loaded) -> bool:
    """Whether the group wrote in its Bedömningar since split wrote it."""
    base = group.base.assessment if group.base is not None else None
    return base is not None and assessment_edited(group.path.name, group.plan, base)


def _number_formats(loaded: Loaded, layout: SheetLayout
                    ) -> Callable[[Activity], tuple[dict[str, int | str], dict[str, int | str]]]:
    """An activity's number formats in the huvuddokument (by key, by staff header), so that
    the group sees a percentage, an amount or a date as the huvuddokument shows it."""
    formats = number_formats(loaded.path, layout.name) if loaded.path.suffix.lower() in (
        ".xlsx", ".xlsm") else {}
    columns = list(layout.columns.items())
    staff = list(layout.extra_columns.items())

    def of(activity: Activity) -> tuple[dict[str, int | str], dict[str, int | str]]:
        if not formats:
            return {}, {}
        row = activity.row
        return ({k: f for k, c in columns if (f := formats.get((row, c))) is not None},
                {h: f for h, c in staff if (f := formats.get((row, c))) is not None})

    return of


def _assessment_row(plan: Plan, number: int, period: str) -> dict[str, Any]:
    """The group's Bedömningar row: what the huvuddokument has for the period, or empty."""
    return {"period": period, "focus_area": number,
            **assessment_values(plan.assessment(period, number))}


def _write_group_book(path: Path, plan: Plan, number: int, activities, fields, extra, *,
                      loaded: Loaded, now: dt.datetime, shown, period: str) -> None:
    name = plan.focus_area_name(number)
    title = f"Fokusområde {number}" + (f" – {name}" if name else "")
    with replacing(path) as tmp:
        book = BookBuilder(tmp, author="plan-sheets", created=now)
        book.instructions(f"Instruktioner – {title}", group_sections(number, name))
        cells = rowvalues.cells_of(contract_of(plan).activities)
        rows = [({k: _cell(v) for k, v in cells(a).items()},
                 {h: _cell(v) for h, v in a.extra.items()}) for a in activities]
        acts = book.sheet(ACTIVITIES, title=title, fields=fields, extra_headers=extra,
                          note="Lämna ID tomt för en ny aktivitet. Den grå ID-kolumnen ändras "
                               "inte. Se fliken Instruktioner.")
        acts.write(rows, locked=["id"], number_formats=[shown(a) for a in activities])
        acts.ws.write_comment(1, acts.column("id"), ID_LOCKED_HELP,
                              {"x_scale": 2, "author": "plan-sheets"})
        acts.traffic_lights()
        acts.dropdown("status", STATUS_LIST)
        acts.dropdown("phase", PHASE_LIST)
        areas = tuple(a.id for a in plan.intervention_areas if a.focus_area == number)
        acts.dropdown("intervention_area", area_list(FIRST_DATA_ROW + 1, choices=areas))
        acts.dropdown("goals", goal_list(FIRST_DATA_ROW + 1))
        acts.ws.activate()

        fa = book.sheet(FOCUS_AREAS, title="Fokusområden (för kännedom)")
        fa.write([(rowvalues.focus_area_values(a), {}) for a in plan.focus_areas
                  if a.number == number])
        ia = book.sheet(INTERVENTION_AREAS, title=f"Insatsområden i fokusområde {number}")
        ia.write([(rowvalues.intervention_area_values(a), {}) for a in plan.intervention_areas
                  if a.focus_area == number])
        goals = book.sheet(GOALS, title="Mätbara mål (för kännedom)")
        goals.write([(rowvalues.goal_values(g), {}) for g in plan.goals])
        assessment = _assessment_row(plan, number, period)
        judged = book.sheet(ASSESSMENTS, title=f"Samlad bedömning {period} – fokusområde "
                                               f"{number}",
                            note="Fokusområdesansvarig skriver med några meningar hur arbetet "
                                 "går och vad som har hänt under perioden.")
        judged.write([(assessment, {})])

        headers = acts.headers
        keys = [f.key if f is not None else None for f in acts.fields]
        base_rows = [[(values.get(k) if k is not None else staff.get(h))
                      for k, h in zip(keys, headers, strict=True)] for values, staff in rows]
        ws = book.wb.add_worksheet(BASE_SHEET)
        cells = base_sheet_rows(source=loaded.path.name, fingerprint=loaded.fingerprint,
                                taken=now.isoformat(timespec="seconds"), focus_area=number,
                                headers=headers, rows=base_rows, assessment=assessment,
                                areas=[(a.id, a.text, a.approach) for a in plan.intervention_areas
                                       if a.focus_area == number])
        for r, row in enumerate(cells):
            for c, value in enumerate(row):
                # Plain cells, but a date must read back as a date and a number as a number.
                write_value(ws, r, c, value, book.fmts.temporal(value))
        ws.very_hidden()
        book.close()
