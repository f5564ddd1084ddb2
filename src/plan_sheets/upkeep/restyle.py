"""`format`: put the contract's look back on a huvuddokument, in place.

Status and Läge spellings become canonical (`grön` -> `Grön`, logged in
Ändringslogg), and the traffic lights, dropdowns, frozen header and
autofilter are (re)applied through the lossless writer, which replaces only
plan-sheets' own earlier rules and leaves the staff's alone. Every contract sheet
prints A4 landscape, fitted to the page's width at no less than 70 %, its header
row repeated; a second run finds nothing to change and writes nothing.

Column widths only ever grow: each contract column of Aktiviteter is made at
least as wide as the schema says (and wide enough for its header and the
filter button beside it, as `init` makes it), a column the staff made wider
keeps its width, a hidden one stays as it is, and the staff's own columns are
not touched. How the current width is read (the column's `<col width>`, else the
sheet's default, else Excel's 8.43) is in `lossless.columns`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from plan_sheets.errors import DataRejected
from plan_sheets.groups.merge import tool_sheet
from plan_sheets.progress import Progress
from plan_sheets.workbook import rowvalues
from plan_sheets.workbook.appearance import (
    DECISION_STATE_LIST,
    GENDER_LIST,
    PHASE_LIST,
    PRIORITY_LIST,
    SPARE_ROWS,
    STATUS_LIST,
    area_list,
    focus_area_list,
    goal_list,
    setting_list,
)
from plan_sheets.workbook.findings import Severity
from plan_sheets.workbook.model import Plan, WorkbookKind
from plan_sheets.workbook.reader import Loaded
from plan_sheets.workbook.schema import (
    ACTIVITIES,
    CHANGE_LOG,
    DECISIONS,
    FOCUS_AREAS,
    GOALS,
    INTERVENTION_AREAS,
    SETTING_LIST,
    SETTINGS,
    SHEETS,
    STATUS_HISTORY,
    STEERING_SHEETS,
    Field,
    contract_of,
    parse_phase,
    parse_status,
)

SOURCE = "format"
HEADER_ROOM = 3
"""Characters beside a header for the autofilter's button (as `init` leaves)."""
WIDEST_FOR_HEADER = 60


@dataclass(frozen=True)
class Respelling:
    activity_id: str
    header: str
    row: int
    column: int
    before: Any
    after: str


@dataclass(frozen=True)
class FormatOutcome:
    respelled: tuple[Respelling, ...]
    written: Any = None
    added: tuple[str, ...] = ()
    """What was added: the sheets (`Beslut`) and columns (`Fokusområden!Kortnamn`)."""


def respellings(plan: Plan) -> list[Respelling]:
    """Status and Läge cells spelt otherwise than the contract spells them."""
    layout = plan.layouts.get(ACTIVITIES.key)
    if layout is None:
        return []
    out = []
    for activity in plan.activities:
        for key, parse in (("status", parse_status), ("phase", parse_phase)):
            raw = activity.raw.get(key)
            value = parse(raw) if isinstance(raw, str) else None
            if value is not None and raw != value.value:
                out.append(Respelling(activity.id, ACTIVITIES.field(key).header, activity.row,
                                      layout.columns[key], raw, value.value))
    return out


def contract_width(field: Field, header: str) -> float:
    """The least width of a contract column: the schema's, or room for its header."""
    longest = max((len(line) for line in header.splitlines()), default=0)
    return max(field.width, min(longest + HEADER_ROOM, WIDEST_FOR_HEADER))


def _list_source(plan: Plan, sheet_key: str, rule_for) -> Any:
    layout = plan.layouts.get(sheet_key)
    if layout is None or "id" not in layout.columns:
        return None
    return rule_for(layout.header_row + 1, layout.columns["id"], sheet=layout.name)


def contract_columns(plan: Plan, patch) -> dict[str, dict[str, int]]:
    """Add the columns the contract declares and the file lacks, after each sheet's last
    column: its header and width (the dropdowns and widths of `format` follow from the
    field's key). Every sheet staff type that the file has (not the sheets plan-sheets
    writes rows to, which their commands complete): a field that is neither required (its
    absence is an error `format` stops at) nor personal (a workbook kept without contact
    data stays so; staff add such a column themselves and it is read). Returns sheet key ->
    field key -> the column added."""
    placed: dict[str, dict[str, int]] = {}
    for sheet in contract_of(plan).sheets:
        layout = plan.layouts.get(sheet.key)
        if layout is None or sheet.tool_written:
            continue
        column = max([*layout.columns.values(), *layout.extra_columns.values()])
        for field in sheet.fields:
            if field.key in layout.columns or field.required or field.personal:
                continue
            column += 1
            placed.setdefault(sheet.key, {})[field.key] = column
            patch.header_cell(layout.name, layout.header_row, column, field.header)
            patch.column_widths(layout.name, {column: contract_width(field, field.header)},
                                widen_only=True)
    return placed


def _columns(plan: Plan, sheet_key: str, placed: dict[str, dict[str, int]]) -> dict[str, int]:
    """A sheet's columns by field key, the ones this patch adds too."""
    return {**plan.layouts[sheet_key].columns, **placed.get(sheet_key, {})}


def _steering_sheets(plan: Plan, patch, placed: dict[str, dict[str, int]]) -> list[str]:
    """Add the steering group's sheets that the workbook lacks (empty, with their headers)
    and the dropdowns of Beslut and Kön; returns the sheets added."""
    added = []
    for sheet in STEERING_SHEETS:
        if sheet.key not in plan.layouts:
            added.append(sheet.name)
        tool_sheet(plan, sheet, patch)
    goals = plan.layouts.get(GOALS.key)
    if goals is not None:
        gender = _columns(plan, GOALS.key, placed).get("gender")
        if gender is not None:
            patch.dropdown(goals.name, gender, goals.header_row + 1,
                           max(goals.last_row, goals.header_row + 1) + SPARE_ROWS, GENDER_LIST)
    decisions = plan.layouts.get(DECISIONS.key)
    name, columns, header = (decisions.name, _columns(plan, DECISIONS.key, placed),
                             decisions.header_row) \
        if decisions is not None else (DECISIONS.name, {f.key: i for i, f in enumerate(
            DECISIONS.fields, start=1)}, 1)
    last = max(decisions.last_row if decisions else 1, header + 1) + SPARE_ROWS
    for key, rule in (("priority", PRIORITY_LIST), ("state", DECISION_STATE_LIST)):
        if key in columns:
            patch.dropdown(name, columns[key], header + 1, last, rule)
    return added


def _settings_sheet(plan: Plan, patch) -> list[str]:
    """Add Inställningar if missing, and a row for each setting it lacks (with the default
    and its dropdown); returns what was added (`Inställningar`, `Inställningar!Periodindelning`).
    Rows staff wrote are left as they are."""
    present = plan.layouts.get(SETTINGS.key)
    name, columns, header = tool_sheet(plan, SETTINGS, patch)
    missing = [s for s in SETTING_LIST if s.key not in plan.settings]
    if not missing:
        return []
    patch.append_rows(name, [{columns[key]: value
                              for key, value in rowvalues.setting_values(plan, s).items()}
                             for s in missing], header_row=header)
    if present is None:
        patch.column_widths(name, {columns[f.key]: f.width for f in SETTINGS.fields})
    first = (present.last_row if present is not None else header) + 1
    for row, setting in enumerate(missing, start=first):
        rule = setting_list(setting)
        if rule is not None:
            patch.dropdown(name, columns["value"], row, row, rule)
    if present is None:
        return [SETTINGS.name]
    return [f"{name}!{s.name}" for s in missing]


def format_patch(plan: Plan, *, now: dt.datetime):
    """The lossless writer's patch for `format`, the spellings it corrects and what it adds."""
    from plan_sheets.lossless import Patch

    patch = Patch()
    layout = plan.layouts.get(ACTIVITIES.key)
    fixes = respellings(plan)
    if layout is None:
        return patch, fixes, []
    placed = contract_columns(plan, patch)
    added = [*_steering_sheets(plan, patch, placed),
             *(f"{plan.layouts[key].name}!{contract_of(plan).sheet(key).field(field).header}"
               for key, fields in placed.items() for field in fields),
             *_settings_sheet(plan, patch)]
    sheet = layout.name
    for fix in fixes:
        patch.set_cell(sheet, fix.row, fix.column, fix.after)
    first, last = layout.header_row + 1, max(layout.last_row, layout.header_row + 1) + SPARE_ROWS
    cols = _columns(plan, ACTIVITIES.key, placed)
    if "status" in cols:
        patch.traffic_lights(sheet, cols["status"], first, last)
        patch.dropdown(sheet, cols["status"], first, last, STATUS_LIST)
    if "phase" in cols:
        patch.dropdown(sheet, cols["phase"], first, last, PHASE_LIST)
    for key, sheet_key, rule_for in (("focus_area", FOCUS_AREAS.key, focus_area_list),
                                     ("goals", GOALS.key, goal_list),
                                     ("intervention_area", INTERVENTION_AREAS.key, area_list)):
        rule = _list_source(plan, sheet_key, rule_for)
        if key in cols and rule is not None:
            patch.dropdown(sheet, cols[key], first, last, rule)
    fields = contract_of(plan).activities
    patch.column_widths(sheet, {col: contract_width(fields.field(key), layout.headers.get(
                                    col, fields.field(key).header))
                                for key, col in cols.items()}, widen_only=True)
    width = max([*cols.values(), *layout.extra_columns.values()])
    patch.freeze(sheet, layout.header_row + 1, 2 if cols.get("id") == 1 else 1)
    patch.autofilter(sheet, layout.header_row, 1, max(layout.last_row, layout.header_row + 1),
                     width)
    history = plan.layouts.get(STATUS_HISTORY.key)
    if history is not None and "status" in history.columns:
        patch.traffic_lights(history.name, history.columns["status"], history.header_row + 1,
                             max(history.last_row, history.header_row + 1) + SPARE_ROWS)
    if fixes:
        name, columns, header = tool_sheet(plan, CHANGE_LOG, patch)
        stamp = now.replace(microsecond=0)
        patch.append_rows(name, [{columns["time"]: stamp, columns["source"]: SOURCE,
                                  columns["id"]: f.activity_id, columns["field"]: f.header,
                                  columns["before"]: f.before, columns["after"]: f.after}
                                 for f in fixes], header_row=header)
    _print_setups(plan, patch)
    return patch, fixes, added


def _print_setups(plan: Plan, patch) -> None:
    """Every contract sheet, those this patch adds too, prints A4 landscape fitted to the
    page's width at no less than 70 % (its columns as wide as they will be after the patch),
    pages as tall as needed, its header row repeated on every page."""
    added = {new.name: new for new in patch.new_sheets}
    for sheet in SHEETS:
        layout = plan.layouts.get(sheet.key)
        if layout is not None:
            header = layout.header_row
            written = [c for r, c in patch.cells.get(layout.name, {}) if r == header]
            last = max([*layout.columns.values(), *layout.extra_columns.values(), *written])
            patch.print_setup(layout.name, header_row=header, last_column=last,
                              title_column=layout.columns.get("id", 0))
        elif sheet.name in added:
            patch.print_setup(sheet.name, header_row=1,
                              last_column=len(added[sheet.name].headers))


def format_workbook(loaded: Loaded, *, now: dt.datetime,
                    progress: Progress | None = None) -> FormatOutcome:
    """Normalise spellings and (re)apply the contract's formatting to the file read.

    Raises DataRejected when sheets or columns are missing or two rows carry the
    same ID (the change log could not say which row a respelling was on), and
    what the lossless writer raises (WorkbookLocked, WorkbookChanged, WriteRefused); the
    original stays as it was then.
    """
    from plan_sheets.lossless import apply_patch
    from plan_sheets.rules.activities import activity_ids
    from plan_sheets.rules.checks import CheckedPlan

    structural = [f for f in loaded.findings if f.severity is Severity.ERROR]
    structural += [f for f in activity_ids(CheckedPlan(loaded.plan, WorkbookKind.MAIN, now.date()))
                   if f.code == "ID_DUPLICATE"]
    if structural:
        lines = "\n".join(f"  {f.location}: {f.message}" for f in structural)
        raise DataRejected(f"{loaded.path}: arbetsboken formateras inte förrän det här är "
                           f"rättat:\n{lines}", hint="Rätta det i Excel och kör igen.")
    patch, fixes, added = format_patch(loaded.plan, now=now)
    if not patch:
        return FormatOutcome(tuple(fixes), added=tuple(added))
    written = apply_patch(loaded.path, patch, expected_fingerprint=loaded.fingerprint,
                          progress=progress)
    return FormatOutcome(tuple(fixes), written, tuple(added))
