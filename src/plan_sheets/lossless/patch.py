"""A patch: the changes to make to one workbook, collected before any file is touched.

Coordinates are 1-based, as the user sees them in Excel. On each sheet the
changes are applied in one fixed order, whatever order they were added in:
the sheet is added (`ensure_sheet`), cells are set (at their rows as read),
rows are deleted, rows are appended after the last row that then holds data,
and last the sheet's formatting (traffic lights, dropdowns, freeze, filter,
column widths) is set at the final positions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from plan_sheets.lossless.values import CellValue, check_type
from plan_sheets.workbook.appearance import ListRule

MAX_ROW = 1_048_576
MAX_COLUMN = 16_384
_BAD_SHEET_CHARS = set("[]:*?/\\")


@dataclass(frozen=True)
class AppendRows:
    sheet: str
    rows: tuple[tuple[tuple[int, CellValue], ...], ...]
    header_row: int | None = None


@dataclass(frozen=True)
class EnsureSheet:
    name: str
    headers: tuple[str, ...]
    widths: tuple[float, ...] = ()


@dataclass(frozen=True)
class TrafficLights:
    sheet: str
    column: int
    first_row: int
    last_row: int


@dataclass(frozen=True)
class Dropdown:
    sheet: str
    column: int
    first_row: int
    last_row: int
    rule: ListRule


@dataclass(frozen=True)
class Freeze:
    sheet: str
    row: int
    column: int


@dataclass(frozen=True)
class AutoFilter:
    sheet: str
    first_row: int
    first_column: int
    last_row: int
    last_column: int


@dataclass(frozen=True)
class ColumnWidths:
    sheet: str
    widths: tuple[tuple[int, float], ...]
    widen_only: bool = False


@dataclass(frozen=True)
class PrintSetup:
    sheet: str
    header_row: int
    """Repeated at the top of every printed page."""
    last_column: int
    """Fit columns 1 to this one to the page's width (`appearance.print_scale`: no less than
    70 %)."""
    title_column: int = 0
    """Repeated at the left of every page when the columns run over more than one page
    across (the ID column); 0: none."""


Formatting = TrafficLights | Dropdown | Freeze | AutoFilter | ColumnWidths | PrintSetup
MAX_WIDTH = 255.0
"""Excel's widest column, in characters."""


def _position(row: int, column: int) -> None:
    if not (isinstance(row, int) and 1 <= row <= MAX_ROW):
        raise ValueError(f"row must be 1..{MAX_ROW}, got {row!r}")
    if not (isinstance(column, int) and 1 <= column <= MAX_COLUMN):
        raise ValueError(f"column must be 1..{MAX_COLUMN}, got {column!r}")


def _span(first_row: int, last_row: int, column: int) -> None:
    _position(first_row, column)
    _position(last_row, column)
    if last_row < first_row:
        raise ValueError(f"last_row {last_row} is above first_row {first_row}")


def check_sheet_name(name: str) -> None:
    """Excel's rules for a sheet name (a programming error when broken)."""
    if not name or len(name) > 31 or _BAD_SHEET_CHARS & set(name) or name[0] == "'" \
            or name[-1] == "'" or name.casefold() == "history":
        raise ValueError(f"not a valid Excel sheet name: {name!r}")


@dataclass
class Patch:
    """The changes to one workbook; `apply_patch` writes them."""

    cells: dict[str, dict[tuple[int, int], CellValue]] = field(default_factory=dict)
    appends: list[AppendRows] = field(default_factory=list)
    new_sheets: list[EnsureSheet] = field(default_factory=list)
    deletions: dict[str, set[int]] = field(default_factory=dict)
    formatting: list[Formatting] = field(default_factory=list)
    styled_like_left: dict[str, set[tuple[int, int]]] = field(default_factory=dict)
    """Cells `header_cell` set: an empty one takes the style of the cell left of it."""

    def set_cell(self, sheet: str, row: int, column: int, value: CellValue) -> None:
        """Set one cell; None (or empty text) clears its value and keeps its style."""
        _position(row, column)
        check_type(value)
        if row in self.deletions.get(sheet, ()):
            raise ValueError(f"{sheet} row {row} is both set and deleted")
        self.cells.setdefault(sheet, {})[(row, column)] = value

    def header_cell(self, sheet: str, row: int, column: int, value: CellValue) -> None:
        """Head a column added after a table's last one: as `set_cell`, and a cell without a
        value takes the style of the header left of it (the look of the table's headers)."""
        self.set_cell(sheet, row, column, value)
        if column > 1:
            self.styled_like_left.setdefault(sheet, set()).add((row, column))

    def append_rows(self, sheet: str, rows: Sequence[Mapping[int, CellValue]], *,
                    header_row: int | None = None) -> None:
        """Append rows (column -> value) after the sheet's last row holding data.

        New cells take the style of the cell above them; rows at or above
        `header_row` never lend their style (a header's look is not a data row's).
        """
        frozen_rows = []
        for values in rows:
            for column, value in values.items():
                _position(1, column)
                check_type(value)
            frozen_rows.append(tuple(sorted(values.items())))
        if frozen_rows:
            self.appends.append(AppendRows(sheet, tuple(frozen_rows), header_row))

    def ensure_sheet(self, name: str, headers: Sequence[str], *,
                     widths: Sequence[float] = ()) -> None:
        """Add a sheet with a bold header row 1 unless the workbook has one by that name.

        `widths` are the columns' widths in characters, as in `column_widths`.
        """
        check_sheet_name(name)
        if any(s.name.casefold() == name.casefold() for s in self.new_sheets):
            return
        self.new_sheets.append(EnsureSheet(name, tuple(headers), tuple(widths)))

    def delete_rows(self, sheet: str, rows: Iterable[int]) -> None:
        """Delete rows and move the rows below up (for the tool's own sheets)."""
        wanted = set(rows)
        for row in wanted:
            _position(row, 1)
        clash = wanted & {r for r, _c in self.cells.get(sheet, {})}
        if clash:
            raise ValueError(f"{sheet} rows {sorted(clash)} are both set and deleted")
        self.deletions.setdefault(sheet, set()).update(wanted)

    def traffic_lights(self, sheet: str, column: int, first_row: int, last_row: int) -> None:
        """The contract's traffic-light colours on a Status column (replaces our earlier ones)."""
        _span(first_row, last_row, column)
        self.formatting.append(TrafficLights(sheet, column, first_row, last_row))

    def dropdown(self, sheet: str, column: int, first_row: int, last_row: int,
                 rule: ListRule) -> None:
        """A list dropdown on a column (replaces our earlier one of the same kind)."""
        _span(first_row, last_row, column)
        if len(rule.formula) > 255:
            raise ValueError(f"dropdown list too long for Excel: {rule.formula!r}")
        self.formatting.append(Dropdown(sheet, column, first_row, last_row, rule))

    def freeze(self, sheet: str, row: int, column: int) -> None:
        """Freeze the rows above `row` and the columns left of `column` (1, 1 unfreezes)."""
        _position(row, column)
        self.formatting.append(Freeze(sheet, row, column))

    def autofilter(self, sheet: str, first_row: int, first_col: int, last_row: int,
                   last_col: int) -> None:
        """An autofilter over the range, its header in `first_row`."""
        _position(first_row, first_col)
        _position(last_row, last_col)
        if last_row < first_row or last_col < first_col:
            raise ValueError("autofilter range is upside down")
        self.formatting.append(AutoFilter(sheet, first_row, first_col, last_row, last_col))

    def print_setup(self, sheet: str, *, header_row: int, last_column: int,
                    title_column: int = 0) -> None:
        """Print A4 landscape (or the paper the sheet has), `header_row` repeated on every
        page (unless the sheet already repeats rows of its own choosing): columns 1 to
        `last_column` fitted to the page's width at no less than 70 %, pages as tall as
        needed; `title_column` (the ID column) repeated at the left of every page when
        the columns run over more than one page across."""
        _position(header_row, last_column)
        self.formatting.append(PrintSetup(sheet, header_row, last_column, title_column))

    def column_widths(self, sheet: str, widths: Mapping[int, float], *,
                      widen_only: bool = False) -> None:
        """Set columns' widths, in characters as Excel's column-width dialog shows them.

        Each column keeps its style, hidden state and outline level; the columns
        not named keep everything. With `widen_only` a column already at least
        that wide, or hidden, is left as it is.
        """
        checked = []
        for column, width in sorted(widths.items()):
            _position(1, column)
            if isinstance(width, bool) or not isinstance(width, (int, float)) \
                    or not 0 <= width <= MAX_WIDTH:
                raise ValueError(f"column width must be 0..{MAX_WIDTH:g}, got {width!r}")
            checked.append((column, float(width)))
        if checked:
            self.formatting.append(ColumnWidths(sheet, tuple(checked), widen_only))

    @property
    def sheets(self) -> set[str]:
        """The names of the sheets this patch changes."""
        names = set(self.cells) | {a.sheet for a in self.appends} | set(self.deletions)
        names |= {s.name for s in self.new_sheets} | {f.sheet for f in self.formatting}
        return names

    def __bool__(self) -> bool:
        return bool(self.sheets)
