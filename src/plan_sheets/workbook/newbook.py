"""New workbooks in the contract's layout, written with xlsxwriter.

`init` writes a huvuddokument with it and `split` the focus-area workbooks.
Every contract sheet has a title row, the header row under it (frozen, with
an autofilter and a help comment per column), and the data below. Staff text
is always written as text: never as a formula or a link.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from plan_sheets.excel.textwidth import row_height, text_lines
from plan_sheets.workbook import rowvalues
from plan_sheets.workbook.appearance import (
    DECISION_STATE_LIST,
    GENDER_LIST,
    MIN_PRINT_SCALE,
    PHASE_LIST,
    PRIORITY_LIST,
    SPARE_ROWS,
    STATUS_LIST,
    ListRule,
    area_list,
    column_pixels,
    focus_area_list,
    goal_list,
    page_pixels,
    setting_list,
    traffic_light_formula,
)
from plan_sheets.workbook.instructions import Section, main_sections
from plan_sheets.workbook.model import Plan, Status
from plan_sheets.workbook.schema import (
    ACTIVITIES,
    ASSESSMENTS,
    CHANGE_LOG,
    DECISIONS,
    FOCUS_AREAS,
    GOALS,
    INSTRUCTIONS_NAME,
    INTERVENTION_AREAS,
    MEASUREMENTS,
    SETTING_LIST,
    SETTINGS,
    STATUS_HISTORY,
    TRAFFIC_LIGHTS,
    VIEWS,
    Field,
    Kind,
    Sheet,
    contract_of,
)
from plan_sheets.workbook.xlsxbook import Formats, open_workbook, print_setup, write_value

TITLE_ROW = 0
HEADER_ROW = 1
FIRST_DATA_ROW = 2
"""0-based, as xlsxwriter counts: Excel rows 1 (title), 2 (header), 3 (first activity)."""

WRAP_WIDTH = 30
"""Text columns at least this wide wrap their text."""


def _cell_format(fmts: Formats, field: Field | None, value: Any,
                 number_format: int | str | None = None):
    # The value's kind decides, not the column's: a year typed as the number 2025 in
    # Start is shown as 2025, never as the date serial 2025 is (1905-07-17).
    if isinstance(value, (int, float, dt.date, dt.time, dt.timedelta)) \
            and not isinstance(value, bool):
        if number_format is not None:
            return fmts.shown(number_format)
        return fmts.temporal(value) or fmts.number
    if field is None:
        return fmts.wrap if isinstance(value, str) and len(value) > WRAP_WIDTH else fmts.text
    if field.kind in (Kind.ID, Kind.GOAL_ID):
        return fmts.id
    return fmts.wrap if field.width >= WRAP_WIDTH else fmts.text


def _width(field: Field | None, header: str, values: Iterable[Any]) -> float:
    if field is not None and field.width >= WRAP_WIDTH:
        return field.width
    longest = max((_shown_length(v) for v in values), default=0)
    width = max(len(header) + 3, min(longest + 2, 45), field.width if field else 10)
    return min(width, 60)


def _shown_length(value: Any) -> int:
    if isinstance(value, (dt.date, dt.datetime)):
        return len("2026-01-01")
    return 0 if value is None else len(str(value))


class SheetWriter:
    """Writes one contract sheet: title row, header row, rows, and the sheet's setup."""

    def __init__(self, book: BookBuilder, sheet: Sheet, *, title: str, note: str = "",
                 extra_headers: Sequence[str] = (), example: bool = False,
                 tab_color: str | None = None, fields: Sequence[Field] | None = None,
                 name: str | None = None) -> None:
        self.book = book
        self.sheet = sheet
        self.ws = book.wb.add_worksheet(name or sheet.name)
        contract = list(sheet.fields if fields is None else fields)
        self.fields: list[Field | None] = [*contract, *([None] * len(extra_headers))]
        self.headers = [*(f.header for f in contract), *extra_headers]
        self.title = title
        self.note = note
        self.example = example
        self.rows_written = 0
        if tab_color:
            self.ws.set_tab_color(tab_color)

    def column(self, key: str) -> int:
        """0-based column of a contract field."""
        return [f.key if f else None for f in self.fields].index(key)

    def has(self, key: str) -> bool:
        return any(f is not None and f.key == key for f in self.fields)

    def write(self, rows: Sequence[tuple[Mapping[str, Any], Mapping[str, Any]]], *,
              locked: Sequence[str] = (),
              number_formats: Sequence[tuple[Mapping[str, int | str],
                                             Mapping[str, int | str]]] = ()) -> None:
        """Write rows of (contract values by key, staff values by header).

        `number_formats`, row by row as `rows`, are the formats numbers and dates had
        where they were read (by key, by header); the others get the plain ones.
        """
        ws, fmts = self.ws, self.book.fmts
        last_col = len(self.headers) - 1
        text = self.title if not self.note else f"{self.title}\n{self.note}"
        title_fmt = fmts.title if not self.note else fmts.note if self.example else fmts.info
        if last_col > 0:
            ws.merge_range(TITLE_ROW, 0, TITLE_ROW, min(last_col, 8), text, title_fmt)
        else:
            ws.write_string(TITLE_ROW, 0, text, title_fmt)
        ws.set_row(TITLE_ROW, 48 if self.note else 24)
        for col, (field, header) in enumerate(zip(self.fields, self.headers, strict=True)):
            example_col = self.example and field is not None and field.example
            ws.write_string(HEADER_ROW, col, header,
                            fmts.header_example if example_col else fmts.header)
            comment = field.help if field is not None else "Egen kolumn (följer med överallt)."
            if example_col:
                comment = f"EXEMPEL: påhittade värden.\n{comment}"
            if comment:
                ws.write_comment(HEADER_ROW, col, comment,
                                 {"x_scale": 2, "y_scale": 1.2, "author": "plan-sheets"})
        ws.set_row(HEADER_ROW, 32)
        locked_cols = {self.column(k) for k in locked}
        widths = []
        for col, (field, header) in enumerate(zip(self.fields, self.headers, strict=True)):
            values = [(v.get(field.key) if field else e.get(header)) for v, e in rows]
            widths.append(_width(field, header, values))
            fmt = fmts.id_locked if col in locked_cols else None
            ws.set_column(col, col, widths[-1], fmt)
        no_formats: tuple[Mapping[str, int | str], Mapping[str, int | str]] = ({}, {})
        for r, (values, extra) in enumerate(rows, start=FIRST_DATA_ROW):
            lines = 1
            shown, staff_shown = (number_formats[r - FIRST_DATA_ROW] if number_formats
                                  else no_formats)
            for col, (field, header) in enumerate(zip(self.fields, self.headers, strict=True)):
                if field is not None:
                    value, number_format = values.get(field.key), shown.get(field.key)
                else:
                    value, number_format = extra.get(header), staff_shown.get(header)
                fmt = fmts.id_locked if col in locked_cols \
                    else _cell_format(fmts, field, value, number_format)
                write_value(ws, r, col, value, fmt)
                if fmt is fmts.wrap and isinstance(value, str):
                    lines = max(lines, text_lines(value, widths[col]))
            if lines > 1:
                # Spreadsheet programs do not always grow a row to fit wrapped text on open.
                ws.set_row(r, row_height(lines))
        self.rows_written = len(rows)
        last_row = FIRST_DATA_ROW + max(len(rows), 1) - 1
        ws.autofilter(HEADER_ROW, 0, last_row, last_col)
        ws.freeze_panes(FIRST_DATA_ROW, 1 if self.sheet.key == ACTIVITIES.key else 0)
        print_setup(ws, widths)
        ws.repeat_rows(HEADER_ROW)
        if self.has("id") and column_pixels(widths) > page_pixels(MIN_PRINT_SCALE):
            # Over two or three pages across: each shows the ID its row is about.
            ws.repeat_columns(self.column("id"))
        ws.set_footer("&L&A&RSida &P av &N")

    @property
    def spare_last_row(self) -> int:
        return FIRST_DATA_ROW + self.rows_written + SPARE_ROWS

    def traffic_lights(self, key: str = "status") -> None:
        """Colour the Status column by its value, for the data and rows added later."""
        if not self.has(key):
            return
        col = self.column(key)
        for status in Status:
            formula = traffic_light_formula(status, FIRST_DATA_ROW + 1, col + 1)
            self.ws.conditional_format(FIRST_DATA_ROW, col, self.spare_last_row, col, {
                "type": "formula", "criteria": "=" + formula,
                "format": self.book.fmts.lights[status], "stop_if_true": True,
            })

    def dropdown(self, key: str, rule: ListRule) -> None:
        if not self.has(key):
            return
        col = self.column(key)
        options: dict[str, Any] = {
            "validate": "list",
            "source": list(rule.choices) if rule.choices else "=" + rule.source,
            "ignore_blank": True,
            "input_title": rule.title[:32],
            "input_message": rule.message[:255],
        }
        if rule.strict:
            options.update(error_title=f"Ogiltigt värde i {rule.title}"[:32],
                           error_message=rule.message[:255], error_type="stop")
        else:
            options.update(show_error=False)
        self.ws.data_validation(FIRST_DATA_ROW, col, self.spare_last_row, col, options)


class BookBuilder:
    """A new workbook in the contract's layout."""

    def __init__(self, path: Path | str, *, author: str = "plan-sheets",
                 created: dt.datetime | None = None) -> None:
        self.path = Path(path)
        self.wb = open_workbook(self.path)
        self.fmts = Formats(self.wb)
        props: dict[str, Any] = {"author": author, "title": "Handlingsplan – uppföljning"}
        if created is not None:
            props["created"] = created
        self.wb.set_properties(props)

    def instructions(self, title: str, sections: Sequence[Section]) -> None:
        ws = self.wb.add_worksheet(INSTRUCTIONS_NAME)
        fmts = self.fmts
        ws.set_column(0, 0, 110)
        ws.hide_gridlines(2)
        ws.write_string(0, 0, title, fmts.title)
        ws.set_row(0, 28)
        row = 2
        light_for = {TRAFFIC_LIGHTS[s].label: s for s in Status}
        for heading, paragraphs in sections:
            ws.write_string(row, 0, heading, fmts.heading)
            row += 1
            for text in paragraphs:
                word = text.split(" ", 1)[0]
                fmt = fmts.light_cells[light_for[word]] if word in light_for else fmts.paragraph
                ws.write_string(row, 0, text, fmt)
                ws.set_row(row, row_height(text_lines(text, 110)))
                row += 1
            row += 1
        print_setup(ws, [110])

    def sheet(self, sheet: Sheet, **kwargs: Any) -> SheetWriter:
        return SheetWriter(self, sheet, **kwargs)

    def close(self) -> None:
        self.wb.close()


def staff_headers(plan: Plan) -> list[str]:
    """The staff's own Aktiviteter columns, in the order they were found."""
    layout = plan.layouts.get(ACTIVITIES.key)
    headers: list[str] = list(layout.extra_columns) if layout else []
    for activity in plan.activities:
        for header in activity.extra:
            if header not in headers:
                headers.append(header)
    return headers


def write_plan_sheets(book: BookBuilder, plan: Plan, *, title: str, note: str = "",
                      example: bool = False) -> None:
    """The contract sheets of a huvuddokument, filled from `plan`."""
    extra = staff_headers(plan)
    sheet = contract_of(plan).activities
    acts = book.sheet(sheet, title=f"Aktiviteter – {title}", note=note,
                      extra_headers=extra, example=example)
    cells = rowvalues.cells_of(sheet)
    acts.write([(cells(a), a.extra) for a in plan.activities])
    acts.traffic_lights()
    acts.dropdown("status", STATUS_LIST)
    acts.dropdown("phase", PHASE_LIST)
    acts.dropdown("focus_area", focus_area_list(FIRST_DATA_ROW + 1))
    acts.dropdown("intervention_area", area_list(FIRST_DATA_ROW + 1))
    acts.dropdown("goals", goal_list(FIRST_DATA_ROW + 1))
    acts.ws.activate()

    example_tab = "#ED7D31" if example else None
    fa = book.sheet(FOCUS_AREAS, title="Fokusområden")
    fa.write([(rowvalues.focus_area_values(a), {}) for a in plan.focus_areas])
    ia = book.sheet(INTERVENTION_AREAS, title="Insatsområden – där kommunen …, genom att …")
    ia.write([(rowvalues.intervention_area_values(a), {}) for a in plan.intervention_areas])
    goal_note = "EXEMPEL – målen och deras värden är påhittade." if example else ""
    goals = book.sheet(GOALS, title="Mätbara mål", note=goal_note, tab_color=example_tab,
                       example=example)
    goals.write([(rowvalues.goal_values(g), {}) for g in plan.goals])
    goals.dropdown("direction", ListRule(choices=("Öka", "Minska"), strict=True,
                                         title="Riktning", message="Öka eller Minska."))
    goals.dropdown("gender", GENDER_LIST)
    meas = book.sheet(MEASUREMENTS, title="Mätvärden – utfall per mål och år", note=goal_note,
                      tab_color=example_tab, example=example)
    meas.write([(rowvalues.measurement_values(m), {}) for m in plan.measurements])
    meas.dropdown("goal", goal_list(FIRST_DATA_ROW + 1))
    write_steering_sheets(book, plan, example=example)
    hist_note = "EXEMPEL – påhittad statushistorik." if example and plan.history else ""
    hist = book.sheet(STATUS_HISTORY, title="Statushistorik – skrivs av plan-sheets",
                      note=hist_note, tab_color=example_tab, example=example)
    hist.write([(rowvalues.snapshot_values(s), {}) for s in plan.history])
    hist.traffic_lights()
    log = book.sheet(CHANGE_LOG, title="Ändringslogg – skrivs av plan-sheets")
    log.write([(rowvalues.change_values(c), {}) for c in plan.changes])
    write_settings_sheet(book, plan)


def write_settings_sheet(book: BookBuilder, plan: Plan) -> None:
    """Inställningar: a row per setting of the schema, the plan's value or the default."""
    sheet = book.sheet(SETTINGS, title="Inställningar – val som gäller hela huvuddokumentet")
    sheet.write([(rowvalues.setting_values(plan, s), {}) for s in SETTING_LIST])
    col = sheet.column("value")
    for row, setting in enumerate(SETTING_LIST, start=FIRST_DATA_ROW):
        rule = setting_list(setting)
        if rule is not None:
            sheet.ws.data_validation(row, col, row, col, {
                "validate": "list", "source": list(rule.choices), "ignore_blank": True,
                "input_title": rule.title[:32], "input_message": rule.message[:255],
                "error_title": f"Ogiltigt värde i {rule.title}"[:32],
                "error_message": rule.message[:255], "error_type": "stop"})


STEERING_TITLES = {
    DECISIONS.key: "Beslut – styrgruppens beslut och prioriteringar",
    ASSESSMENTS.key: "Bedömningar – fokusområdesansvarigas samlade bedömning per period",
    VIEWS.key: "Synpunkter – idéer och synpunkter från dialogen med näringslivet",
}


def write_steering_sheets(book: BookBuilder, plan: Plan, *, example: bool = False) -> None:
    """Beslut, Bedömningar and Synpunkter, filled from `plan` (empty in a new plan)."""
    example_tab = "#ED7D31" if example else None
    note = "EXEMPEL – påhittade beslut, bedömningar och synpunkter." if example else ""
    decisions = book.sheet(DECISIONS, title=STEERING_TITLES[DECISIONS.key],
                           note=note if plan.decisions else "", tab_color=example_tab)
    decisions.write([(rowvalues.decision_values(d), {}) for d in plan.decisions])
    decisions.dropdown("priority", PRIORITY_LIST)
    decisions.dropdown("state", DECISION_STATE_LIST)
    assessments = book.sheet(ASSESSMENTS, title=STEERING_TITLES[ASSESSMENTS.key],
                             note=note if plan.assessments else "", tab_color=example_tab)
    assessments.write([(rowvalues.assessment_values(a), {}) for a in plan.assessments])
    assessments.dropdown("focus_area", focus_area_list(FIRST_DATA_ROW + 1))
    views = book.sheet(VIEWS, title=STEERING_TITLES[VIEWS.key],
                       note=note if plan.views else "", tab_color=example_tab)
    views.write([(rowvalues.view_values(v), {}) for v in plan.views])
    views.dropdown("focus_area", focus_area_list(FIRST_DATA_ROW + 1))


def write_huvuddokument(path: Path | str, plan: Plan, *, title: str, note: str = "",
                        example: bool = False, created: dt.datetime | None = None,
                        more: Callable[[BookBuilder], None] | None = None) -> None:
    """Write a new huvuddokument holding `plan` (which may be empty).

    `more` adds to the book before it is closed (import's sheet `Import`).
    """
    book = BookBuilder(path, created=created)
    book.instructions(f"Instruktioner – {title}", main_sections())
    write_plan_sheets(book, plan, title=title, note=note, example=example)
    if more is not None:
        more(book)
    book.close()

