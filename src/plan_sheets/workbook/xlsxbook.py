"""The one xlsxwriter helper layer: every workbook plan-sheets writes new goes through it.

`open_workbook` (text stays text: never a formula, a link or a number), the house
`Formats`, `write_value` (a cell by its Python type), `print_setup` (A4 landscape fitted
to the page's width at no less than 70 %), and `ReportBook`: titles, notes, real Excel
tables (filter buttons, banded rows, the house header style, columns sized to their
content, wrapped text with row heights from `excel.textwidth`), status charts and the
finishing print setup. `newbook` (the contract's sheets: `init`, `split`), the reports,
the annual workbook and the findings workbook build on it.

It knows the house look (header colours, traffic lights), which is the contract's
(`schema`): so it lives in `workbook/`, not in `excel/`, which knows nothing of the plan.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path
from typing import Any

from plan_sheets.excel.numformats import (
    DATE_FORMAT,
    DATETIME_FORMAT,
    DURATION_FORMAT,
    INTEGER_FORMAT,
    PERCENT_FORMAT,
    TIME_FORMAT,
)
from plan_sheets.excel.textwidth import always_fits, row_height, text_lines
from plan_sheets.workbook.appearance import PRINT_MARGIN, fit_widths, print_scale
from plan_sheets.workbook.dates import excel_serial
from plan_sheets.workbook.model import FormulaWithoutValue, Status
from plan_sheets.workbook.rowvalues import cell_getter
from plan_sheets.workbook.schema import (
    ACTIVITIES,
    EXAMPLE_FILL,
    HEADER_FILL,
    HEADER_FONT,
    LIGHTS_BY_LABEL,
    LINK_FONT,
    MISSING_FILL,
    MISSING_FONT,
    NOTE_FONT,
    PROTECTED_FILL,
    TITLE_FONT,
    TRAFFIC_LIGHTS,
    Field,
    Kind,
)


def open_workbook(path: Path | str):  # -> xlsxwriter.Workbook
    """An xlsxwriter workbook that never turns text into formulas, links or numbers."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(
        str(path),
        {
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
            "default_date_format": DATE_FORMAT,
        },
    )
    return wb


class Formats:
    """The xlsxwriter formats one workbook needs, made once."""

    def __init__(self, wb) -> None:
        base = {"font_name": "Calibri", "font_size": 11, "valign": "top"}
        self._wb, self._base = wb, base
        self._shown: dict[int | str, Any] = {}
        self.title = wb.add_format({**base, "bold": True, "font_size": 14,
                                    "font_color": TITLE_FONT, "valign": "vcenter",
                                    "text_wrap": True})
        self.note = wb.add_format({**base, "italic": True, "font_color": "#7F3F00",
                                   "bg_color": EXAMPLE_FILL, "text_wrap": True})
        self.info = wb.add_format({**base, "font_color": TITLE_FONT, "bg_color": "#DDEBF7",
                                   "text_wrap": True})
        self.header = wb.add_format({**base, "bold": True, "font_color": HEADER_FONT,
                                     "bg_color": HEADER_FILL, "text_wrap": True,
                                     "valign": "vcenter", "border": 1,
                                     "border_color": "#FFFFFF"})
        self.header_example = wb.add_format({**base, "bold": True, "font_color": "#3A1F00",
                                             "bg_color": "#F4B183", "text_wrap": True,
                                             "valign": "vcenter", "border": 1,
                                             "border_color": "#FFFFFF"})
        self.text = wb.add_format({**base})
        self.wrap = wb.add_format({**base, "text_wrap": True})
        self.date = wb.add_format({**base, "num_format": DATE_FORMAT, "align": "left"})
        self.number = wb.add_format({**base, "num_format": "General", "align": "left"})
        self.datetime = self.shown(DATETIME_FORMAT)
        self.time = self.shown(TIME_FORMAT)
        self.duration = self.shown(DURATION_FORMAT)
        self.id = wb.add_format({**base, "bold": True})
        self.id_locked = wb.add_format({**base, "bold": True, "bg_color": PROTECTED_FILL,
                                        "font_color": "#404040"})
        self.heading = wb.add_format({**base, "bold": True, "font_size": 13,
                                      "font_color": TITLE_FONT})
        self.paragraph = wb.add_format({**base, "text_wrap": True})
        self.lights = {
            status: wb.add_format({"bg_color": light.fill, "font_color": light.font,
                                   "bold": True})
            for status, light in TRAFFIC_LIGHTS.items() if status is not None
        }
        self.light_cells = {
            status: wb.add_format({**base, "bg_color": light.fill, "font_color": light.font,
                                   "text_wrap": True, "bold": True})
            for status, light in TRAFFIC_LIGHTS.items() if status is not None
        }
        # The reports' lists and summaries. Numbers keep a space on their right, off the
        # text of the next column.
        self.integer = wb.add_format({**base, "num_format": INTEGER_FORMAT, "align": "right",
                                      "indent": 1})
        self.number_right = wb.add_format({**base, "num_format": "General", "align": "right",
                                           "indent": 1})
        self.percent = wb.add_format({**base, "num_format": PERCENT_FORMAT, "align": "right",
                                      "indent": 1})
        # A number's header stands right, over its digits.
        self.header_right = wb.add_format({**base, "bold": True, "font_color": HEADER_FONT,
                                           "bg_color": HEADER_FILL, "text_wrap": True,
                                           "valign": "vcenter", "align": "right", "border": 1,
                                           "border_color": "#FFFFFF"})
        self.report_title = wb.add_format({**base, "bold": True, "font_size": 16,
                                           "font_color": TITLE_FONT, "valign": "vcenter"})
        self.report_heading = wb.add_format({**base, "bold": True, "font_size": 13,
                                             "font_color": TITLE_FONT, "valign": "bottom"})
        self.report_note = wb.add_format({**base, "italic": True, "font_color": NOTE_FONT})
        self.report_note_wrap = wb.add_format({**base, "italic": True, "font_color": NOTE_FONT,
                                               "text_wrap": True})
        self.key = wb.add_format({**base, "bold": True})
        self.value = wb.add_format({**base, "align": "left"})
        self.link = wb.add_format({**base, "font_color": LINK_FONT, "underline": 1,
                                   "text_wrap": True})
        self.missing = wb.add_format({**base, "bold": True, "bg_color": MISSING_FILL,
                                      "font_color": MISSING_FONT})
        self.light_labels = {
            light.label: wb.add_format({**base, "bold": True, "bg_color": light.fill,
                                        "font_color": light.font})
            for light in LIGHTS_BY_LABEL.values()
        }
        """By label (`Grön` … `Ej satt`), for the reports' status cells."""
        self.severity = {"fel": self.light_labels[TRAFFIC_LIGHTS[Status.RED].label],
                         "varning": self.light_labels[TRAFFIC_LIGHTS[Status.YELLOW].label]}
        total = {**base, "bold": True, "top": 1}
        self.total_text = wb.add_format(total)
        self.total_integer = wb.add_format({**total, "num_format": INTEGER_FORMAT,
                                            "align": "right", "indent": 1})
        self.total_percent = wb.add_format({**total, "num_format": PERCENT_FORMAT,
                                            "align": "right", "indent": 1})

    def shown(self, number_format: int | str):
        """Numbers shown in `number_format` (a format code, or the id of a built-in one)."""
        fmt = self._shown.get(number_format)
        if fmt is None:
            fmt = self._shown[number_format] = self._wb.add_format(
                {**self._base, "num_format": number_format, "align": "left"})
        return fmt

    def temporal(self, value: Any):
        """The plain format a date, time or duration needs to read back as one (else None)."""
        if isinstance(value, dt.datetime):
            return self.datetime if value.time() != dt.time(0) else self.date
        if isinstance(value, dt.date):
            return self.date
        if isinstance(value, dt.time):
            return self.time
        if isinstance(value, dt.timedelta):
            return self.duration
        return None


def write_value(ws, row: int, col: int, value: Any, fmt) -> None:
    """Write one cell by its Python type; text always as text.

    A date, time or duration is written as the number it is and reads back as
    one only when `fmt` shows it so (`Formats.temporal`); a number reads back as
    a number only when `fmt` does not show dates.
    """
    if value is None or value == "":
        ws.write_blank(row, col, None, fmt)
    elif isinstance(value, bool):
        ws.write_boolean(row, col, value, fmt)
    elif isinstance(value, (int, float)):
        ws.write_number(row, col, value, fmt)
    elif isinstance(value, (dt.date, dt.time, dt.timedelta)):
        if not isinstance(value, (dt.datetime, dt.time, dt.timedelta)):
            value = dt.datetime.combine(value, dt.time())
        ws.write_datetime(row, col, value, fmt)
    else:
        ws.write_string(row, col, str(value), fmt)


def print_setup(ws, widths: Sequence[float], *, drawn: float = 0) -> int:
    """A4 landscape at `print_scale(widths, drawn=drawn)`, pages over then down (a row's
    continuation follows it), margins; returns the scale. Header rows to repeat and the
    footer are the caller's (`ws.repeat_rows`, `ws.set_footer`)."""
    scale = print_scale(widths, drawn=drawn)
    ws.set_landscape()
    ws.set_paper(9)
    ws.set_print_scale(scale)
    ws.print_across()
    ws.set_margins(left=PRINT_MARGIN, right=PRINT_MARGIN, top=0.5, bottom=0.6)
    return scale


DEFAULT_WIDTH = 8.43
"""Excel's width of a column nobody sized (characters)."""
ROW_POINTS = 15.0
"""Excel's height of a row nobody sized (points)."""
PAGE_POINTS = 500.0
"""Points of rows an A4 landscape page holds at 100 % (595 less the margins, and some to
spare)."""

MISSING = "Saknas"
"""Written where a deviation lacks its cause or action, so that colour is not the only signal."""

TEXT_MAX_WIDTH = 40.0
FILTER_BUTTON = 2.5
"""Characters a header needs besides its text, for the table's filter button."""
TABLE_STYLE = "Table Style Medium 2"


class CellKind(Enum):
    """How a report cell is written and formatted: its look, not what its value means. A
    contract column's comes from its field's kind (`CELL_KINDS`); the others (a count, a
    share, a link, `Saknas` where text must be) are the reports' own."""

    TEXT = "text"
    """Staff text: always a string, wrapped when it does not fit."""
    ID = "id"
    DATE = "date"
    INTEGER = "integer"
    PERCENT = "percent"
    STATUS = "status"
    """A traffic-light label (`Grön` …, `Ej satt`): filled in its colour."""
    REQUIRED = "required"
    """Text that must be there: `Saknas`, highlighted, when it is not."""
    ANY = "any"
    """A staff column: written by the value's own type (text always as text)."""
    LINK = "link"
    """`(text, sheet)`: a link to another sheet of the same workbook."""
    SEVERITY = "severity"
    """`fel` or `varning`: filled as red or yellow."""


NUMERIC = (CellKind.INTEGER, CellKind.PERCENT)


CELL_KINDS: dict[Kind, CellKind] = {
    Kind.ID: CellKind.ID, Kind.GOAL_ID: CellKind.ID, Kind.DATE: CellKind.DATE,
    Kind.STATUS: CellKind.STATUS, Kind.END_DATE: CellKind.ANY, Kind.NUMBER: CellKind.ANY,
    Kind.YEAR: CellKind.ANY, Kind.TIMESTAMP: CellKind.ANY,
}
"""How a contract field's cells look in a report, by its kind (any other kind: TEXT). Slut
is a date or `Löpande`; a number column is written as numbers and summed."""


@dataclass(frozen=True)
class TableColumn:
    """A column of a report table: its header, how its cells look, how wide it may grow,
    and how to get its value from the item a row shows (`rows_of`)."""

    header: str
    kind: CellKind = CellKind.TEXT
    width: float = TEXT_MAX_WIDTH
    """For text: the widest the column grows before its text wraps."""
    get: Callable[[Any], Any] | None = None
    """The row's item -> the cell's value (None: the caller gives the rows as values)."""

    def of(self, part: Callable[[Any], Any]) -> TableColumn:
        """The column for items holding what it shows: `contract("title").of(lambda x:
        x.activity)`."""
        get = self.get
        if get is None:
            raise ValueError(f"{self.header}: a column without get")
        return replace(self, get=lambda item: get(part(item)))


def field_column(field: Field, kind: CellKind | None = None, width: float = TEXT_MAX_WIDTH, *,
                 get: Callable[[Any], Any] | None = None) -> TableColumn:
    """A column of activities under the field's Swedish header: its cells look as its kind
    says (unless `kind`) and hold the activity's value of it written by its kind (unless
    `get`)."""
    return TableColumn(field.header, kind or CELL_KINDS.get(field.kind, CellKind.TEXT), width,
                       get or cell_getter(field))


def contract(key: str, kind: CellKind | None = None, width: float = TEXT_MAX_WIDTH, *,
             get: Callable[[Any], Any] | None = None) -> TableColumn:
    """A column of activities for the schema's Aktiviteter field `key` (`field_column`)."""
    return field_column(ACTIVITIES.field(key), kind, width, get=get)


def rows_of(columns: Sequence[TableColumn], items: Sequence[Any]) -> list[list[Any]]:
    """A table's rows: each item's value in each column (`TableColumn.get`)."""
    getters = [c.get for c in columns]
    return [[get(item) for get in getters] for item in items]


@dataclass(frozen=True)
class Total:
    """One cell of a table's total row: a label, or a function with its computed value."""

    value: Any
    function: str = ""
    """`sum`, or a formula (starting with `=`, `{table}` standing for the table's name);
    empty for a label."""


@dataclass(frozen=True)
class TableRange:
    """Where a table landed (0-based, as xlsxwriter counts)."""

    sheet: str
    name: str
    header_row: int
    first_row: int
    last_row: int
    """The last data row (the total row, if any, is below it)."""
    first_col: int
    headers: tuple[str, ...]

    def col(self, header: str) -> int:
        return self.first_col + self.headers.index(header)

    @property
    def last_col(self) -> int:
        return self.first_col + len(self.headers) - 1


def internal_link(sheet: str) -> str:
    """`internal:'Avvikelser'!A1`: a link to the top of a sheet of the same workbook."""
    return "internal:'" + sheet.replace("'", "''") + "'!A1"


def footer_text(text: str) -> str:
    """Text safe inside an Excel header or footer, where `&` starts a code."""
    return text.replace("&", "&&")


def _header_lines(header: str, width: float) -> int:
    return text_lines(header, max(1.0, width - FILTER_BUTTON), bold=True)


def _header_width(header: str) -> float:
    return max(len(word) for word in header.split()) + FILTER_BUTTON + 1


def _shown(value: Any) -> str:
    if isinstance(value, tuple):
        return str(value[0])
    if isinstance(value, (dt.date, dt.datetime)):
        return "2026-01-01"
    if isinstance(value, float):
        return f"{value:.2f}"
    return "" if value is None else str(value)


def _fixed_width(kind: CellKind) -> float:
    return {CellKind.DATE: 11.5, CellKind.INTEGER: 8, CellKind.PERCENT: 9, CellKind.STATUS: 9,
            CellKind.SEVERITY: 9, CellKind.ID: 7}.get(kind, 0)


WORD_MAX_WIDTH = 30.0
"""Text columns widen to their longest word up to this, so that words are not split."""


def column_width(column: TableColumn, values: Sequence[Any]) -> float:
    """Wide enough for the header's longest word and the content, up to the column's cap,
    and for the content's longest word (up to `WORD_MAX_WIDTH`)."""
    need = _header_width(column.header)
    fixed = _fixed_width(column.kind)
    if fixed and column.kind is not CellKind.ID:
        return max(need, fixed)
    # Plain len() on text: this runs over every cell of a large plan's lists.
    texts = [v if isinstance(v, str) else _shown(v) for v in values]
    longest = max(map(len, texts), default=0) + 1.5
    if column.kind is CellKind.REQUIRED:
        longest = max(longest, len(MISSING) + 1.5)
    width = max(need, fixed, min(longest, column.width))
    if longest > width:
        words = max((len(w) for text in set(texts) for w in text.split()), default=0) + 1.5
        width = max(width, min(words, WORD_MAX_WIDTH))
    return round(width, 1)


MIN_TEXT_WIDTH = 12.0
"""Narrower than this a text column is not made to fit the page (`column_floor`)."""
FLOOR_WORD_WIDTH = 20.0
"""A text column made to fit the page keeps words up to this long whole; a longer one
(Arbetsmarknadsförvaltningen) may break where the page has no room for it."""
WRAPPING = (CellKind.TEXT, CellKind.REQUIRED, CellKind.ANY, CellKind.LINK)
"""Kinds whose text wraps: their columns may be narrowed to fit the page."""


def column_floor(column: TableColumn, values: Sequence[Any], width: float) -> float:
    """How narrow a wrapping column of `width` may be made to fit the page: its header's and
    its content's longest words (up to `FLOOR_WORD_WIDTH`) stay whole, and never below
    `MIN_TEXT_WIDTH`."""
    texts = {v if isinstance(v, str) else _shown(v) for v in values}
    if column.kind is CellKind.LINK:
        # LibreOffice does not wrap a link's text: it keeps its whole label, as far as it can.
        words = max(map(len, texts), default=0) + 1.5
        return min(width, max(_header_width(column.header), MIN_TEXT_WIDTH,
                              min(words, WORD_MAX_WIDTH)))
    words = max((len(w) for text in texts for w in text.split()), default=0) + 1.5
    return min(width, max(_header_width(column.header), MIN_TEXT_WIDTH,
                          min(words, FLOOR_WORD_WIDTH)))


Writer = Callable[[int, int, Any], None]


def _writers(ws, fmts: Formats, columns: Sequence[TableColumn]) -> list[Writer]:
    """One cell writer per column, chosen once rather than per cell (large plans)."""
    string, number = ws.write_string, ws.write_number

    def text(fmt) -> Writer:
        def write(r: int, c: int, v: Any) -> None:
            if v:
                string(r, c, v, fmt)
        return write

    def num(fmt) -> Writer:
        def write(r: int, c: int, v: Any) -> None:
            if v is not None:
                number(r, c, v, fmt)
        return write

    def day(r: int, c: int, v: Any) -> None:
        if v is not None:
            number(r, c, excel_serial(v), fmts.date)

    def status(r: int, c: int, v: Any) -> None:
        if v:
            string(r, c, v, fmts.light_labels[v])

    def severity(r: int, c: int, v: Any) -> None:
        string(r, c, v, fmts.severity[v])

    def required(r: int, c: int, v: Any) -> None:
        if v:
            string(r, c, v, fmts.wrap)
        else:
            string(r, c, MISSING, fmts.missing)

    def link(r: int, c: int, v: Any) -> None:
        label, sheet = v
        ws.write_url(r, c, internal_link(sheet), fmts.link, string=label,
                     tip=f"Gå till fliken {sheet}")

    def anything(r: int, c: int, v: Any) -> None:
        if v is None or v == "":
            return
        if isinstance(v, bool):
            ws.write_boolean(r, c, v, fmts.wrap)
        elif isinstance(v, (int, float)):
            number(r, c, v, fmts.number_right)
        elif isinstance(v, (dt.date, dt.datetime)):
            number(r, c, excel_serial(v if not isinstance(v, dt.datetime) else v.date()),
                   fmts.date)
        else:
            string(r, c, str(v), fmts.wrap)

    by_kind: dict[CellKind, Writer] = {
        CellKind.TEXT: text(fmts.wrap), CellKind.ID: text(fmts.id), CellKind.DATE: day,
        CellKind.INTEGER: num(fmts.integer), CellKind.PERCENT: num(fmts.percent),
        CellKind.STATUS: status, CellKind.SEVERITY: severity, CellKind.REQUIRED: required,
        CellKind.ANY: anything, CellKind.LINK: link,
    }
    return [by_kind[c.kind] for c in columns]


def _fit_rows(ws, top: int, columns: Sequence[TableColumn], rows: Sequence[Sequence[Any]],
              widths: Sequence[float], *, every: bool) -> dict[int, float]:
    """Make a table's header row and the rows below it tall enough for their wrapped text in
    columns `widths` wide; `every` sets a one-line row's height too (after narrowing). Returns
    the heights it set (points, by row)."""
    header_lines = max(_header_lines(c.header, w) for c, w in zip(columns, widths, strict=True))
    heights = {top: row_height(header_lines) + 3}
    ws.set_row(top, heights[top])
    # Text this short fits whatever its letters: only longer text is measured.
    wrapping = [(i, always_fits(widths[i]), widths[i])
                for i, c in enumerate(columns) if c.kind in WRAPPING]
    for r, row in enumerate(rows, start=top + 1):
        lines = 1
        for i, fits, width in wrapping:
            value = row[i]
            if isinstance(value, tuple):  # a link: (text, sheet)
                value = value[0]
            if isinstance(value, str) and len(value) > fits:
                lines = max(lines, text_lines(value, width))
        if lines > 1 or every:
            heights[r] = row_height(lines)
            ws.set_row(r, heights[r])
    return heights


def cell_text(value: Any) -> Any:
    """A staff value as the report writes it: formulas without a value as their text."""
    return str(value) if isinstance(value, FormulaWithoutValue) else value


class ReportBook:
    """One report workbook being written."""

    def __init__(self, path: Path, *, title: str, footer: str, personal_data: bool) -> None:
        self.path = path
        self.wb = open_workbook(path)
        self.fmts = Formats(self.wb)
        self.footer = footer
        self._tables = 0
        self._widths: dict[str, dict[int, float]] = {}
        self._floors: dict[str, dict[int, float]] = {}
        self._drawn: dict[str, float] = {}
        self._notes: dict[str, list[tuple[int, str]]] = {}
        self._heights: dict[str, dict[int, float]] = {}
        """Rows whose height was set (points), to tell where a page ends (`keep_together`)."""
        self._breaks: dict[str, list[int]] = {}
        self._placed: dict[str, list[tuple[int, int, Sequence[TableColumn],
                                           Sequence[Sequence[Any]]]]] = {}
        # A public document carries no names, not even in the file's properties.
        self.wb.set_properties({
            "title": title, "subject": "Handlingsplan för näringslivsstrategin – uppföljning",
            "author": "plan-sheets" if personal_data else "", "manager": "", "company": "",
        })

    def sheet(self, name: str):
        ws = self.wb.add_worksheet(name)
        self._widths[name], self._floors[name], self._placed[name] = {}, {}, []
        self._drawn[name] = 0
        self._notes[name], self._heights[name], self._breaks[name] = [], {}, []
        return ws

    def width(self, ws, col: int, width: float) -> None:
        """Make a column at least `width` wide (tables sharing a column agree on the widest)."""
        widths = self._widths[ws.name]
        widths[col] = max(widths.get(col, 0), width)

    def column_pixels(self, ws, first: int, last: int) -> int:
        """The width of columns `first`..`last` on screen, in pixels (for placing charts)."""
        widths = self._widths[ws.name]
        return sum(int(widths.get(c, 8.43) * 7 + 5) for c in range(first, last + 1))

    def title(self, ws, row: int, text: str, *, notes: Sequence[str] = ()) -> int:
        """A title and its note lines; returns the next free row."""
        ws.write_string(row, 0, text, self.fmts.report_title)
        ws.set_row(row, 26)
        self._heights[ws.name][row] = 26
        for line in notes:
            row = self.note(ws, row + 1, line) - 1
        return row + 2

    def heading(self, ws, row: int, text: str) -> int:
        ws.write_string(row, 0, text, self.fmts.report_heading)
        ws.set_row(row, 22)
        self._heights[ws.name][row] = 22
        return row + 1

    def note(self, ws, row: int, text: str, *, col: int = 0) -> int:
        """A line of explanation; one wider than the sheet's columns is wrapped over them
        (`finish`), never running onto a page of its own."""
        ws.write_string(row, col, text, self.fmts.report_note)
        if col == 0:
            self._notes[ws.name].append((row, text))
        return row + 1

    def facts(self, ws, row: int, pairs: Sequence[tuple[str, Any]]) -> int:
        """Label: value lines (period, date, …) under a title."""
        for label, value in pairs:
            ws.write_string(row, 0, label, self.fmts.key)
            if isinstance(value, dt.date):
                ws.write_number(row, 1, excel_serial(value), self.fmts.date)
            elif isinstance(value, (int, float)):
                ws.write_number(row, 1, value, self.fmts.value)
            else:
                ws.write_string(row, 1, str(value), self.fmts.value)
            row += 1
        return row + 1

    def table(self, ws, top: int, columns: Sequence[TableColumn], rows: Sequence[Sequence[Any]], *,
              totals: Sequence[Total] | None = None, first_col: int = 0) -> TableRange:
        """An Excel table at `top`: header row, `rows`, and an optional total row.

        Callers say what to write instead of a table when there are no rows:
        an Excel table needs at least one.
        """
        if not rows:
            raise ValueError("a table needs at least one row")
        self._tables += 1
        name = f"Tabell{self._tables}"
        fmts = self.fmts
        widths = []
        floors = self._floors[ws.name]
        for i, (column, column_values) in enumerate(zip(columns, zip(*rows, strict=True),
                                                        strict=True)):
            width = column_width(column, column_values)
            widths.append(width)
            self.width(ws, first_col + i, width)
            floor = column_floor(column, column_values, width) if column.kind in WRAPPING \
                else width
            floors[first_col + i] = max(floors.get(first_col + i, 0), floor)
        self._placed[ws.name].append((top, first_col, columns, rows))
        writers = _writers(ws, fmts, columns)
        cols = range(first_col, first_col + len(columns))
        r = top
        for row in rows:
            r += 1
            for write, c, value in zip(writers, cols, row, strict=True):
                write(r, c, value)
        self._heights[ws.name].update(_fit_rows(ws, top, columns, rows, widths, every=False))
        options: dict[str, Any] = {
            "name": name, "style": TABLE_STYLE, "autofilter": True, "banded_rows": True,
            "columns": [{"header": c.header,
                         "header_format": fmts.header_right if c.kind in NUMERIC else fmts.header}
                        for c in columns],
        }
        last = r
        if totals is not None:
            last = r + 1
            options["total_row"] = True
            for spec, column, total in zip(options["columns"], columns, totals, strict=True):
                fmt = {CellKind.INTEGER: fmts.total_integer,
                       CellKind.PERCENT: fmts.total_percent}.get(column.kind, fmts.total_text)
                spec["format"] = fmt
                if total.function:
                    spec["total_function"] = total.function.replace("{table}", name)
                    spec["total_value"] = total.value
                elif total.value not in (None, ""):
                    spec["total_string"] = str(total.value)
        ws.add_table(top, first_col, last, first_col + len(columns) - 1, options)
        for i, total in enumerate(totals or ()):
            if not total.function and total.value in (None, ""):
                # Blank, but with the total row's border like its neighbours.
                ws.write_blank(last, first_col + i, None, fmts.total_text)
        return TableRange(ws.name, name, top, top + 1, r, first_col,
                          tuple(c.header for c in columns))

    def keep_together(self, ws, top: int, height: float) -> None:
        """Start a new printed page at row `top` when a block `height` points tall that
        begins there (a chart beside short lists) would be cut by a page's end; the page's
        length is reckoned at the scale the columns so far print at."""
        heights = self._heights[ws.name]
        above = sum(heights.get(r, ROW_POINTS) for r in range(top))
        widths = self._widths[ws.name]
        scale = print_scale([widths.get(c, DEFAULT_WIDTH) for c in range(max(widths, default=-1)
                                                                         + 1)],
                            drawn=self._drawn[ws.name])
        page = PAGE_POINTS * 100 / scale
        if top and height <= page and above % page + height > page:
            self._breaks[ws.name].append(top)
            ws.set_h_pagebreaks(sorted(self._breaks[ws.name]))

    @staticmethod
    def chart_height(table: TableRange) -> int:
        """The height (pixels) `status_chart` gives a chart of `table`'s rows."""
        return max(260, 120 + 34 * (table.last_row - table.first_row + 1))

    def drawn(self, ws, right: float) -> None:
        """Something drawn on the sheet reaches `right` pixels from its left edge."""
        self._drawn[ws.name] = max(self._drawn[ws.name], right)

    def status_chart(self, ws, table: TableRange, *, categories: str, series: Sequence[str],
                     title: str, category_axis: str, row: int, col: int, largest: int,
                     width: int = 620) -> int:
        """A stacked bar chart of status counts, one bar per table row; returns its height (px).

        Series read the table's columns, in the traffic-light colours, with their
        counts as labels (zeros left out); `largest` is the longest bar.
        """
        chart = self.wb.add_chart({"type": "bar", "subtype": "stacked"})
        lights = LIGHTS_BY_LABEL
        cat_col = table.col(categories)
        for label in series:
            col_n = table.col(label)
            light = lights[label]
            # A pattern besides the colour, as the annual PDF's hatches: the chart reads
            # in black and white. Labels sit in a white box, legible on any pattern.
            look: dict[str, Any] = (
                {"pattern": {"pattern": light.pattern, "fg_color": light.chart,
                             "bg_color": light.fill}} if light.pattern
                else {"fill": {"color": light.chart}})
            chart.add_series({
                "name": [table.sheet, table.header_row, col_n],
                "categories": [table.sheet, table.first_row, cat_col, table.last_row, cat_col],
                "values": [table.sheet, table.first_row, col_n, table.last_row, col_n],
                **look,
                "border": {"color": "#404040", "width": 0.75},
                "gap": 60,
                "data_labels": {"value": True, "num_format": "0;-0;;",
                                "fill": {"color": "#FFFFFF"},
                                "font": {"bold": True, "color": "#000000"}},
            })
        chart.set_title({"name": title, "name_font": {"size": 13, "bold": True,
                                                       "color": TITLE_FONT}})
        # In an xlsxwriter bar chart the x axis is the horizontal (value) one and the y axis
        # the vertical category axis, reversed so that the first row is at the top (and
        # crossed at its end, so that the value axis stays below the bars).
        value_axis: dict[str, Any] = {
            "name": "Antal aktiviteter", "min": 0, "num_format": "0",
            "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}},
            "num_font": {"size": 10}, "name_font": {"size": 10}}
        if largest <= 10:
            value_axis["major_unit"] = 1  # whole activities, not 0.5 steps
        chart.set_x_axis(value_axis)
        chart.set_y_axis({"name": category_axis, "reverse": True, "crossing": "max",
                          "num_font": {"size": 10}, "name_font": {"size": 10}})
        chart.set_legend({"position": "bottom", "font": {"size": 10}})
        height = self.chart_height(table)
        chart.set_size({"width": width, "height": height})
        ws.insert_chart(row, col, chart, {"x_offset": 4, "y_offset": 4})
        self.drawn(ws, (self.column_pixels(ws, 0, col - 1) if col else 0) + 4 + width)
        return height

    def finish(self, ws, *, header_row: int | None = None, freeze: bool = True) -> None:
        """Column widths and print setup (`print_setup`: A4 landscape, fitted to the page's
        width at no less than 70 %), the header row repeated on every page.

        Where the columns are too wide for the page at 70 %, the wrapped text columns are
        narrowed (`appearance.fit_widths`) and the tables' rows made taller to match.
        """
        widths = self._widths[ws.name]
        fitted = fit_widths(widths, self._floors[ws.name])
        if fitted != widths:
            widths.update(fitted)
            for top, first_col, columns, rows in self._placed[ws.name]:
                _fit_rows(ws, top, columns, rows,
                          [fitted[first_col + i] for i in range(len(columns))], every=True)
        self._wrap_notes(ws, widths)
        self._placed[ws.name] = []
        for col, width in widths.items():
            ws.set_column(col, col, width)
        print_setup(ws, [widths.get(c, DEFAULT_WIDTH) for c in range(max(widths, default=-1)
                                                                     + 1)],
                    drawn=self._drawn[ws.name])
        ws.set_footer(f"&L&8&A&C&8{footer_text(self.footer)}&R&8Sida &P av &N")
        if header_row is not None:
            ws.repeat_rows(header_row)
            if freeze:
                ws.freeze_panes(header_row + 1, 0)

    def _wrap_notes(self, ws, widths: dict[int, float]) -> None:
        # A spreadsheet program prints text that runs past the last column on a page of
        # its own: a note wider than the columns is wrapped in a cell merged over them.
        last = max(widths, default=0)
        room = sum(widths.get(c, DEFAULT_WIDTH) for c in range(last + 1)) + last * 5 / 7
        taken = {r for top, _, _, rows in self._placed[ws.name]
                 for r in range(top, top + len(rows) + 2)}
        for row, text in self._notes.pop(ws.name):
            lines = text_lines(text, room)
            if last and lines > 1 and row not in taken:
                ws.merge_range(row, 0, row, last, text, self.fmts.report_note_wrap)
                ws.set_row(row, row_height(lines))

    def close(self) -> None:
        self.wb.close()
