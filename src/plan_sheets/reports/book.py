"""xlsxwriter building blocks for the report workbooks: tables, titles, charts, print setup.

Every list is a real Excel table (filter buttons, banded rows) with the
house header style, columns sized to their content, wrapped text with row
heights that fit it, and a print setup for A4 landscape. Staff text is always
written with `write_string`, whatever it starts with.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import math
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from xlsxwriter.exceptions import OverlappingRange
from xlsxwriter.utility import xl_col_to_name, xl_range
from xlsxwriter.worksheet import Worksheet, convert_range_args

from plan_sheets.workbook.dates import excel_serial
from plan_sheets.workbook.model import FormulaWithoutValue, Status
from plan_sheets.workbook.newbook import DATE_FORMAT, open_workbook
from plan_sheets.workbook.schema import HEADER_FILL, HEADER_FONT, TITLE_FONT, TRAFFIC_LIGHTS

MISSING = "Saknas"
"""Written where a deviation lacks its cause or action, so that colour is not the only signal."""
MISSING_FILL = "#F8CBAD"
MISSING_FONT = "#833C0B"
LINK_FONT = "#0563C1"
NOTE_FONT = "#595959"

ROW_HEIGHT = 15.0
"""Points per line of Calibri 11."""
MAX_ROW_HEIGHT = 409.0
"""The tallest row Excel allows."""
TEXT_MAX_WIDTH = 40.0
FILTER_BUTTON = 2.5
"""Characters a header needs besides its text, for the table's filter button."""
TABLE_STYLE = "Table Style Medium 2"
INTEGER_FORMAT = '[>=1000]# ##0;[<=-1000]-# ##0;0'
"""Whole numbers as Swedish writes them, `12 345`, whatever the reader's locale."""
PERCENT_FORMAT = '0" "%'
"""`92 %`, with the space Swedish puts before the sign."""


class Kind(Enum):
    """How a column's values are written and formatted."""

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


NUMERIC = (Kind.INTEGER, Kind.PERCENT)


@dataclass(frozen=True)
class Column:
    header: str
    kind: Kind = Kind.TEXT
    width: float = TEXT_MAX_WIDTH
    """For text: the widest the column grows before its text wraps."""


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


# Advance widths of Calibri's letters in thousandths of an em, measured on its metric
# twin Carlito, grouped by width. Other characters count as wide.
_WIDTHS = {
    221: "'", 226: " ", 230: "il", 239: "j", 250: ",’‘", 252: ".I", 268: ":;", 291: "`",
    303: "()", 305: "f", 306: "-", 307: "[]", 314: "{}", 319: "J", 326: "!", 335: "t",
    339: "°", 349: "r", 386: "/\\", 391: "s", 395: "z", 401: '"', 418: "”“", 420: "L",
    423: "c", 433: "x", 452: "v", 453: "y", 455: "k", 459: "FS", 460: "|", 463: "?",
    468: "Z", 471: "g", 479: "aåä", 487: "TY", 488: "EÉ", 498: "#*+<=>^_e~éè–§",
    507: "$0123456789€", 517: "P", 519: "X", 520: "K", 525: "bdhnpquü", 527: "oö", 529: "ø",
    533: "C", 543: "R", 544: "B", 567: "V", 579: "AÅÄ", 615: "D", 623: "H", 631: "G",
    642: "UÜ", 646: "N", 662: "OÖ", 664: "Ø", 671: "½", 673: "Q", 682: "&", 690: "…",
    715: "%w", 763: "Æ", 773: "æ", 799: "m", 855: "M", 890: "W", 894: "@", 905: "—",
}
_EM_PX = 11 * 96 / 72
"""Calibri 11 pt on a 96 dpi screen: pixels per em."""
_CHAR_PX = {c: w * _EM_PX / 1000 for w, chars in _WIDTHS.items() for c in chars}
_WIDE_PX = 700 * _EM_PX / 1000
_WIDEST_PX = max(_WIDE_PX, *_CHAR_PX.values())
_CELL_PADDING_PX = 3


@functools.lru_cache(maxsize=1 << 16)
def _word_px(word: str) -> float:
    return sum(_CHAR_PX.get(c, _WIDE_PX) for c in word)


def text_lines(text: str, width: float) -> int:
    """How many lines `text` wraps to in a column `width` characters wide.

    A column `width` wide is 7 × width + 5 pixels (Excel's measure, in the
    width of Calibri's `0`); the words are laid into it by their Calibri widths,
    whole, as Excel wraps them. Checked against LibreOffice's PDF of 750 cells
    of activity text in five widths: never a line too few (text would be cut),
    a line too many in a third of them.
    """
    room = 7 * width + 5 - _CELL_PADDING_PX
    space = _CHAR_PX[" "]
    lines = 0
    for part in text.split("\n"):
        lines += 1
        used = 0.0
        for word in part.split():
            size = _word_px(word)
            if used and used + space + size <= room:
                used += space + size
                continue
            if used:
                lines += 1
            # A word wider than the column is broken over as many lines as it needs.
            extra, used = divmod(size, room) if size > room else (0, size)
            lines += int(extra)
    return lines


@functools.lru_cache(maxsize=1 << 16)
def _text_lines_once(text: str, width: float) -> int:
    # Lists repeat their texts (phases, responsible offices, status comments): each
    # distinct text is measured once per width.
    return text_lines(text, width)


def _header_lines(header: str, width: float) -> int:
    return len(textwrap.wrap(header, max(1, int(width - FILTER_BUTTON)))) or 1


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


def _fixed_width(kind: Kind) -> float:
    return {Kind.DATE: 11.5, Kind.INTEGER: 8, Kind.PERCENT: 9, Kind.STATUS: 9,
            Kind.SEVERITY: 9, Kind.ID: 7}.get(kind, 0)


WORD_MAX_WIDTH = 30.0
"""Text columns widen to their longest word up to this, so that words are not split."""


def column_width(column: Column, values: Sequence[Any]) -> float:
    """Wide enough for the header's longest word and the content, up to the column's cap,
    and for the content's longest word (up to `WORD_MAX_WIDTH`)."""
    need = _header_width(column.header)
    fixed = _fixed_width(column.kind)
    if fixed and column.kind is not Kind.ID:
        return max(need, fixed)
    # Plain len() on text: this runs over every cell of a large plan's lists.
    texts = [v if isinstance(v, str) else _shown(v) for v in values]
    longest = max(map(len, texts), default=0) + 1.5
    if column.kind is Kind.REQUIRED:
        longest = max(longest, len(MISSING) + 1.5)
    width = max(need, fixed, min(longest, column.width))
    if longest > width:
        words = max((len(w) for text in set(texts) for w in text.split()), default=0) + 1.5
        width = max(width, min(words, WORD_MAX_WIDTH))
    return round(width, 1)


class Formats:
    """The formats one report workbook needs, made once."""

    def __init__(self, wb) -> None:
        made = len(wb.formats)
        base = {"font_name": "Calibri", "font_size": 11, "valign": "top"}
        self.text = wb.add_format({**base, "text_wrap": True})
        self.id = wb.add_format({**base, "bold": True})
        self.date = wb.add_format({**base, "num_format": DATE_FORMAT, "align": "left"})
        # Numbers keep a space on their right, off the text of the next column.
        self.integer = wb.add_format({**base, "num_format": INTEGER_FORMAT, "align": "right",
                                      "indent": 1})
        self.number = wb.add_format({**base, "num_format": "General", "align": "right",
                                     "indent": 1})
        self.percent = wb.add_format({**base, "num_format": PERCENT_FORMAT, "align": "right",
                                      "indent": 1})
        self.header = wb.add_format({**base, "bold": True, "font_color": HEADER_FONT,
                                     "bg_color": HEADER_FILL, "text_wrap": True,
                                     "valign": "vcenter", "border": 1,
                                     "border_color": "#FFFFFF"})
        # A number's header stands right, over its digits.
        self.header_right = wb.add_format({**base, "bold": True, "font_color": HEADER_FONT,
                                           "bg_color": HEADER_FILL, "text_wrap": True,
                                           "valign": "vcenter", "align": "right", "border": 1,
                                           "border_color": "#FFFFFF"})
        self.title = wb.add_format({**base, "bold": True, "font_size": 16,
                                    "font_color": TITLE_FONT, "valign": "vcenter"})
        self.heading = wb.add_format({**base, "bold": True, "font_size": 13,
                                      "font_color": TITLE_FONT, "valign": "bottom"})
        self.note = wb.add_format({**base, "italic": True, "font_color": NOTE_FONT})
        self.key = wb.add_format({**base, "bold": True})
        self.value = wb.add_format({**base, "align": "left"})
        self.value_date = wb.add_format({**base, "align": "left", "num_format": DATE_FORMAT})
        self.link = wb.add_format({**base, "font_color": LINK_FONT, "underline": 1,
                                   "text_wrap": True})
        self.missing = wb.add_format({**base, "bold": True, "bg_color": MISSING_FILL,
                                      "font_color": MISSING_FONT})
        self.lights = {
            light.label: wb.add_format({**base, "bold": True, "bg_color": light.fill,
                                        "font_color": light.font})
            for light in TRAFFIC_LIGHTS.values()
        }
        self.severity = {"fel": self.lights[TRAFFIC_LIGHTS[Status.RED].label],
                         "varning": self.lights[TRAFFIC_LIGHTS[Status.YELLOW].label]}
        total = {**base, "bold": True, "top": 1}
        self.total = {
            Kind.TEXT: wb.add_format(total),
            Kind.INTEGER: wb.add_format({**total, "num_format": INTEGER_FORMAT, "align": "right",
                                         "indent": 1}),
            Kind.PERCENT: wb.add_format({**total, "num_format": PERCENT_FORMAT, "align": "right",
                                         "indent": 1}),
        }
        # Each format has its style index from the start, in this order, rather than from
        # its first cell when the workbook is closed: table rows are rendered to XML as
        # they are written (`ReportSheet`).
        for fmt in wb.formats[made:]:
            fmt._get_xf_index()


Writer = Callable[[int, int, Any], None]


def _writers(ws, fmts: Formats, columns: Sequence[Column]) -> list[Writer]:
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
            string(r, c, v, fmts.lights[v])

    def severity(r: int, c: int, v: Any) -> None:
        string(r, c, v, fmts.severity[v])

    def required(r: int, c: int, v: Any) -> None:
        if v:
            string(r, c, v, fmts.text)
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
            ws.write_boolean(r, c, v, fmts.text)
        elif isinstance(v, (int, float)):
            number(r, c, v, fmts.number)
        elif isinstance(v, (dt.date, dt.datetime)):
            number(r, c, excel_serial(v if not isinstance(v, dt.datetime) else v.date()),
                   fmts.date)
        else:
            string(r, c, str(v), fmts.text)

    by_kind: dict[Kind, Writer] = {
        Kind.TEXT: text(fmts.text), Kind.ID: text(fmts.id), Kind.DATE: day,
        Kind.INTEGER: num(fmts.integer), Kind.PERCENT: num(fmts.percent),
        Kind.STATUS: status, Kind.SEVERITY: severity, Kind.REQUIRED: required,
        Kind.ANY: anything, Kind.LINK: link,
    }
    return [by_kind[c.kind] for c in columns]


# --- the fast path for large tables ------------------------------------------------------------
#
# Writing a cell through xlsxwriter's public methods and rendering it in `Workbook.close`
# cost about 5 µs a cell, most of the time of a report of a large plan. A table's data
# rows are instead rendered to their XML as they are written (`ReportSheet.rendered`),
# which `ReportSheet._write_rows` puts in place. The XML is byte for byte what xlsxwriter
# writes for the same cells (tests/test_report_fast.py compares whole reports written
# both ways): cell formats have their style index from the start (`Formats`), strings
# go into the workbook's shared strings in the same order. Anything unusual (a text
# longer than Excel's cells hold, a number that is not finite) goes through the public
# methods as before.

_LONG_TEXT = 16383
"""Longer text may exceed Excel's 32,767 UTF-16 units, which xlsxwriter truncates."""

TESTED_XLSXWRITER = ((3, 3), (4, 0))
"""The xlsxwriter releases whose internals `ReportSheet` was checked against: from
3.3 up to, not including, 4.0."""


def fast_path_supported(version: str | None = None) -> bool:
    """Whether this xlsxwriter is one `ReportSheet` knows. Any other takes xlsxwriter's
    own (slower, equal) path, so that a new release cannot spoil a report."""
    import xlsxwriter
    from xlsxwriter.format import Format
    from xlsxwriter.sharedstrings import SharedStringTable

    try:
        parts = tuple(int(p) for p in (version or xlsxwriter.__version__).split(".")[:2])
    except ValueError:
        return False
    low, high = TESTED_XLSXWRITER
    internals = (hasattr(Worksheet, name) for name in (
        "_write_rows", "_write_cell", "_write_row", "_write_empty_row", "_calculate_spans",
        "_check_dimensions"))
    return (low <= parts < high and all(internals) and hasattr(Format, "_get_xf_index")
            and hasattr(SharedStringTable, "_get_shared_string_index"))


FAST_CELLS = fast_path_supported()
"""Whether report workbooks use `ReportSheet` and render table rows as they are written
(tests switch it off to compare with xlsxwriter's own path)."""

Maker = Callable[[Any, str], Any]


def _open(col: int) -> str:
    """The start of a cell's XML, up to its row number."""
    return f'<c r="{xl_col_to_name(col)}'


def _styled(fmt, shared_string: bool = True) -> str:
    """The rest of a cell's start tag after its row number, up to its value."""
    kind = ' t="s"' if shared_string else ""
    return f'" s="{fmt._get_xf_index()}"{kind}><v>'


def _makers(ws, fmts: Formats, columns: Sequence[Column], first_col: int,
            writers: Sequence[Writer]) -> list[Maker] | None:
    """Per column, (value, row number as text) -> the cell's XML ("": no cell); None when
    a column needs the public methods (links). A value the fast path does not take is
    written by the column's public writer (`_slow_cell`), in its turn."""
    sst = ws.str_table._get_shared_string_index

    def text(col: int, fmt, slow: Writer) -> Maker:
        head, tail = _open(col), _styled(fmt)

        def make(v: Any, ref: str) -> Any:
            if not v:
                return ""
            if len(v) > _LONG_TEXT:
                return _slow_cell(ws, slow, int(ref) - 1, col, v)
            return f"{head}{ref}{tail}{sst(v)}</v></c>"
        return make

    def num(col: int, fmt, slow: Writer) -> Maker:
        head, tail = _open(col), _styled(fmt, shared_string=False)

        def make(v: Any, ref: str) -> Any:
            if v is None:
                return ""
            if isinstance(v, float) and not math.isfinite(v):
                return _slow_cell(ws, slow, int(ref) - 1, col, v)
            return f"{head}{ref}{tail}{v:.16G}</v></c>"
        return make

    def day(col: int, _fmt, slow: Writer) -> Maker:
        head, tail = _open(col), _styled(fmts.date, shared_string=False)

        def make(v: Any, ref: str) -> Any:
            return "" if v is None else f"{head}{ref}{tail}{excel_serial(v):.16G}</v></c>"
        return make

    def status(col: int, _fmt, slow: Writer) -> Maker:
        head = _open(col)
        tails = {label: _styled(fmt) for label, fmt in fmts.lights.items()}

        def make(v: Any, ref: str) -> Any:
            return f"{head}{ref}{tails[v]}{sst(v)}</v></c>" if v else ""
        return make

    def severity(col: int, _fmt, slow: Writer) -> Maker:
        head = _open(col)
        tails = {label: _styled(fmt) for label, fmt in fmts.severity.items()}

        def make(v: Any, ref: str) -> Any:
            return f"{head}{ref}{tails[v]}{sst(v)}</v></c>"
        return make

    def required(col: int, _fmt, slow: Writer) -> Maker:
        head = _open(col)
        tail, missing = _styled(fmts.text), _styled(fmts.missing)

        def make(v: Any, ref: str) -> Any:
            if not v:
                return f"{head}{ref}{missing}{sst(MISSING)}</v></c>"
            if len(v) > _LONG_TEXT:
                return _slow_cell(ws, slow, int(ref) - 1, col, v)
            return f"{head}{ref}{tail}{sst(v)}</v></c>"
        return make

    def anything(col: int, _fmt, slow: Writer) -> Maker:
        head = _open(col)
        text_s = f'" s="{fmts.text._get_xf_index()}"'
        number_s = _styled(fmts.number, shared_string=False)
        date_s = _styled(fmts.date, shared_string=False)

        def make(v: Any, ref: str) -> Any:
            if v is None or v == "":
                return ""
            if isinstance(v, str):
                if len(v) > _LONG_TEXT:
                    return _slow_cell(ws, slow, int(ref) - 1, col, v)
                return f'{head}{ref}{text_s} t="s"><v>{sst(v)}</v></c>'
            if isinstance(v, bool):
                return f'{head}{ref}{text_s} t="b"><v>{1 if v else 0}</v></c>'
            if isinstance(v, (int, float)):
                if not math.isfinite(v):
                    return _slow_cell(ws, slow, int(ref) - 1, col, v)
                return f"{head}{ref}{number_s}{v:.16G}</v></c>"
            if isinstance(v, (dt.date, dt.datetime)):
                day = v.date() if isinstance(v, dt.datetime) else v
                return f"{head}{ref}{date_s}{excel_serial(day):.16G}</v></c>"
            return _slow_cell(ws, slow, int(ref) - 1, col, v)
        return make

    by_kind: dict[Kind, Callable[[int, Any, Writer], Maker]] = {
        Kind.TEXT: text, Kind.ID: text, Kind.DATE: day, Kind.INTEGER: num, Kind.PERCENT: num,
        Kind.STATUS: status, Kind.SEVERITY: severity, Kind.REQUIRED: required,
        Kind.ANY: anything,
    }
    formats = {Kind.TEXT: fmts.text, Kind.ID: fmts.id, Kind.INTEGER: fmts.integer,
               Kind.PERCENT: fmts.percent}
    if any(c.kind not in by_kind for c in columns):
        return None
    return [by_kind[c.kind](first_col + i, formats.get(c.kind), write)
            for i, (c, write) in enumerate(zip(columns, writers, strict=True))]


def _cell_xml(ws, row: int, col: int, cell) -> str:
    """One cell as xlsxwriter renders it (for the few a maker leaves to the public writer)."""
    out, ws.fh = ws.fh, io.StringIO()
    try:
        ws._write_cell(row, col, cell)
        return ws.fh.getvalue()
    finally:
        ws.fh = out


def _slow_cell(ws, write: Writer, row: int, col: int, value: Any) -> str:
    """A cell written by its column's public writer, then taken back as XML."""
    write(row, col, value)
    cell = ws.table[row].pop(col, None)
    return "" if cell is None else _cell_xml(ws, row, col, cell)


class _Nowhere(dict):
    """A mapping that keeps nothing (see `ReportSheet.add_table`)."""

    def __setitem__(self, key: Any, value: Any) -> None:
        pass


class ReportSheet(Worksheet):
    """An xlsxwriter worksheet that takes rows already rendered to XML."""

    def __init__(self) -> None:
        super().__init__()
        self.rendered: dict[int, tuple[int, int, str]] = {}
        """Row -> (first column, last column, its <c> elements)."""
        self._table_boxes: list[tuple[int, int, int, int]] = []

    @convert_range_args
    def add_table(self, first_row: int, first_col: int, last_row: int, last_col: int,
                  options: dict[str, Any] | None = None):
        # xlsxwriter records every cell of a table (a dict entry each: tens of MB and 0.1 s
        # for a list of 30,000 activities) to refuse a later table or merged range over it.
        # Reports merge no cells: their tables are checked against each other as rectangles.
        box = (min(first_row, last_row), min(first_col, last_col),
               max(first_row, last_row), max(first_col, last_col))
        for top, left, bottom, right in self._table_boxes:
            if box[0] <= bottom and top <= box[2] and box[1] <= right and left <= box[3]:
                raise OverlappingRange(f"Table range '{xl_range(*box)}' overlaps previous "
                                       f"table range '{xl_range(top, left, bottom, right)}'.")
        # xlsxwriter also walks every cell of the range doing nothing else for a plain table
        # (header, data rows, no total row, no data or formulas of its own): such a table
        # is added over its first data row and then given its whole range.
        spec = options or {}
        plain = box[2] - box[0] > 1 and spec.get("header_row", True) and \
            not spec.get("total_row") and "data" not in spec and \
            not any(column and column.get("formula") for column in spec.get("columns", ()))
        cells, self.table_cells = self.table_cells, _Nowhere()
        try:
            result = super().add_table(box[0], box[1], box[0] + 1 if plain else box[2], box[3],
                                       options)
        finally:
            self.table_cells = cells
        if result == 0:
            if plain:
                table = self.tables[-1]
                table["range"] = table["a_range"] = xl_range(*box)
                if table.get("autofilter"):
                    table["autofilter"] = table["a_range"]
            self._table_boxes.append(box)
        return result

    def _write_rows(self) -> None:
        if not self.rendered:
            super()._write_rows()
            return
        if self.constant_memory or self.comments:
            raise ValueError("rendered rows need a sheet without comments, in normal mode")
        self._calculate_spans()
        write = self.fh.write
        table, row_info, spans, rendered = self.table, self.row_info, self.row_spans, \
            self.rendered
        low, high = self.dim_colmin, self.dim_colmax
        for row_num in range(self.dim_rowmin, self.dim_rowmax + 1):
            cells = table.get(row_num)
            done = rendered.get(row_num)
            info = row_info.get(row_num)
            if not cells and done is None:
                if info is not None:
                    self._write_empty_row(row_num, spans.get(row_num // 16), info)
                continue
            self._write_row(row_num, spans.get(row_num // 16), info)
            if not cells:
                write(done[2])
            else:
                cols = [c for c in sorted(cells) if low <= c <= high]
                if done is not None:
                    first, last, xml = done
                    if any(first <= c <= last for c in cols):
                        raise ValueError(f"row {row_num + 1}: cells written among rendered "
                                         "ones")
                    for col in cols:
                        if col < first:
                            self._write_cell(row_num, col, cells[col])
                    write(xml)
                    cols = [c for c in cols if c > last]
                for col in cols:
                    self._write_cell(row_num, col, cells[col])
            write("</row>")

    def _calculate_spans(self) -> None:
        # As xlsxwriter's: the first and last column used in each block of 16 rows.
        if not self.rendered:
            super()._calculate_spans()
            return
        spans: dict[int, str] = {}
        table, rendered, low, high = self.table, self.rendered, self.dim_colmin, \
            self.dim_colmax
        first = last = None
        end = self.dim_rowmax
        for row_num in range(self.dim_rowmin, end + 1):
            cells = table.get(row_num)
            used = [c for c in cells if low <= c <= high] if cells else []
            done = rendered.get(row_num)
            if done is not None:
                used += done[:2]
            if used:
                lo, hi = min(used), max(used)
                if first is None:
                    first, last = lo, hi
                else:
                    first, last = min(first, lo), max(last, hi)
            if (row_num + 1) % 16 == 0 or row_num == end:
                if first is not None:
                    spans[row_num // 16] = f"{first + 1}:{last + 1}"
                    first = None
        self.row_spans = spans


def _fast(ws) -> bool:
    return isinstance(ws, ReportSheet) and not ws.constant_memory and not ws.comments


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
        # A public document carries no names, not even in the file's properties.
        self.wb.set_properties({
            "title": title, "subject": "Handlingsplan för näringslivsstrategin – uppföljning",
            "author": "plan-sheets" if personal_data else "", "manager": "", "company": "",
        })

    def sheet(self, name: str):
        ws = self.wb.add_worksheet(name, worksheet_class=ReportSheet if FAST_CELLS else None)
        self._widths[name] = {}
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
        ws.write_string(row, 0, text, self.fmts.title)
        ws.set_row(row, 26)
        for line in notes:
            row += 1
            ws.write_string(row, 0, line, self.fmts.note)
        return row + 2

    def heading(self, ws, row: int, text: str) -> int:
        ws.write_string(row, 0, text, self.fmts.heading)
        ws.set_row(row, 22)
        return row + 1

    def note(self, ws, row: int, text: str) -> int:
        ws.write_string(row, 0, text, self.fmts.note)
        return row + 1

    def facts(self, ws, row: int, pairs: Sequence[tuple[str, Any]]) -> int:
        """Label: value lines (period, date, …) under a title."""
        for label, value in pairs:
            ws.write_string(row, 0, label, self.fmts.key)
            if isinstance(value, dt.date):
                ws.write_number(row, 1, excel_serial(value), self.fmts.value_date)
            elif isinstance(value, (int, float)):
                ws.write_number(row, 1, value, self.fmts.value)
            else:
                ws.write_string(row, 1, str(value), self.fmts.value)
            row += 1
        return row + 1

    def table(self, ws, top: int, columns: Sequence[Column], rows: Sequence[Sequence[Any]], *,
              totals: Sequence[Total] | None = None, first_col: int = 0,
              charted: bool = False) -> TableRange:
        """An Excel table at `top`: header row, `rows`, and an optional total row.

        Callers say what to write instead of a table when there are no rows:
        an Excel table needs at least one. A `charted` table's cells are written
        through xlsxwriter's methods, where a chart finds the values it caches.
        """
        if not rows:
            raise ValueError("a table needs at least one row")
        self._tables += 1
        name = f"Tabell{self._tables}"
        fmts = self.fmts
        widths = []
        for i, (column, column_values) in enumerate(zip(columns, zip(*rows, strict=True),
                                                        strict=True)):
            width = column_width(column, column_values)
            widths.append(width)
            self.width(ws, first_col + i, width)
        header_lines = max(_header_lines(c.header, w) for c, w in zip(columns, widths,
                                                                       strict=True))
        ws.set_row(top, ROW_HEIGHT * header_lines + 3)
        writers = _writers(ws, fmts, columns)
        cols = range(first_col, first_col + len(columns))
        # Text this short fits whatever its letters: only longer text is measured.
        wrapping = [(i, int((7 * widths[i] + 5 - _CELL_PADDING_PX) / _WIDEST_PX), widths[i])
                    for i, c in enumerate(columns)
                    if c.kind in (Kind.TEXT, Kind.REQUIRED, Kind.ANY, Kind.LINK)]
        makers = _makers(ws, fmts, columns, first_col, writers) if _fast(ws) and not charted \
            else None
        store = ws.table
        if makers is not None and (top + len(rows) >= ws.xls_rowmax or any(
                store.get(r) or r in ws.rendered for r in range(top + 1, top + len(rows) + 1))):
            makers = None  # rows already holding cells are written cell by cell
        rendered = ws.rendered if makers is not None else None
        first_row = last_row = None
        low = high = -1
        last_index = len(columns) - 1
        r = top
        for row in rows:
            r += 1
            if rendered is not None:
                ref = str(r + 1)
                xs = [make(value, ref) for make, value in zip(makers, row, strict=True)]
                if xs[0] and xs[-1]:
                    lo, hi = 0, last_index
                else:
                    used = [i for i, xml in enumerate(xs) if xml]
                    if not used:
                        continue
                    lo, hi = used[0], used[-1]
                rendered[r] = (first_col + lo, first_col + hi, "".join(xs))
                if first_row is None:
                    first_row, low, high = r, lo, hi
                else:
                    low, high = min(low, lo), max(high, hi)
                last_row = r
            else:
                for write, c, value in zip(writers, cols, row, strict=True):
                    write(r, c, value)
            lines = 1
            for i, fits, width in wrapping:
                value = row[i]
                if isinstance(value, str) and len(value) > fits:
                    lines = max(lines, _text_lines_once(value, width))
            if lines > 1:
                ws.set_row(r, min(MAX_ROW_HEIGHT, ROW_HEIGHT * lines))
        if first_row is not None:
            # The sheet's extent, as storing each cell through xlsxwriter would have set it.
            ws._check_dimensions(first_row, first_col + low)
            ws._check_dimensions(last_row, first_col + high)
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
                fmt = fmts.total.get(column.kind, fmts.total[Kind.TEXT])
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
                ws.write_blank(last, first_col + i, None, fmts.total[Kind.TEXT])
        return TableRange(ws.name, name, top, top + 1, r, first_col,
                          tuple(c.header for c in columns))

    def status_chart(self, ws, table: TableRange, *, categories: str, series: Sequence[str],
                     title: str, category_axis: str, row: int, col: int, largest: int,
                     width: int = 620) -> int:
        """A stacked bar chart of status counts, one bar per table row; returns its height (px).

        Series read the table's columns, in the traffic-light colours, with their
        counts as labels (zeros left out); `largest` is the longest bar.
        """
        chart = self.wb.add_chart({"type": "bar", "subtype": "stacked"})
        lights = {light.label: light for light in TRAFFIC_LIGHTS.values()}
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
        rows_shown = table.last_row - table.first_row + 1
        height = max(260, 120 + 34 * rows_shown)
        chart.set_size({"width": width, "height": height})
        ws.insert_chart(row, col, chart, {"x_offset": 4, "y_offset": 4})
        return height

    def finish(self, ws, *, header_row: int | None = None, freeze: bool = True,
               one_page: bool = False) -> None:
        """Column widths and print setup: A4 landscape, one page wide, header row repeated."""
        for col, width in self._widths[ws.name].items():
            ws.set_column(col, col, width)
        ws.set_landscape()
        ws.set_paper(9)
        ws.fit_to_pages(1, 1 if one_page else 0)
        ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
        ws.set_footer(f"&L&8&A&C&8{footer_text(self.footer)}&R&8Sida &P av &N")
        if header_row is not None:
            ws.repeat_rows(header_row)
            if freeze:
                ws.freeze_panes(header_row + 1, 0)

    def close(self) -> None:
        self.wb.close()
