"""The check of a written file reads its sheets a row at a time, as calamine's grid has them."""

from __future__ import annotations

from pathlib import Path

import pytest
import xlsxwriter
from python_calamine import CalamineWorkbook

from plan_sheets.lossless.verify import SheetExpectation, _compare, _Rows, _Shape


def test_rows_one_at_a_time_are_the_grid(tmp_path: Path) -> None:
    path = tmp_path / "gles.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Gles")
    ws.write(5, 3, "x")
    ws.write(9, 1, 5)
    ws.write(7, 6, "y")
    wb.add_worksheet("Tom")
    wb.close()
    book = CalamineWorkbook.from_path(str(path))
    for name in ("Gles", "Tom"):
        sheet = book.get_sheet_by_name(name)
        rows = _Rows.of(sheet, name)
        grid = sheet.to_python(skip_empty_area=False)
        assert list(rows.rows) == grid
        assert (rows.height, rows.width) == (len(grid), len(grid[0]) if grid else 0)


class _OtherVersion:
    """A sheet whose row iterator skips the empty rows at the top (not the grid)."""

    start, end = (2, 0), (3, 1)

    def iter_rows(self):
        return iter([["a", ""], ["", "b"]])


def test_a_row_iterator_that_is_not_the_grid_is_noticed() -> None:
    rows = _Rows.of(_OtherVersion(), "Blad")
    with pytest.raises(_Shape):
        list(rows.rows)


def test_a_cell_that_changed_unasked_is_caught_row_by_row() -> None:
    old = _Rows(2, 2, [["ID", "Status"], ["1.1.1", "Grön"]])
    new = _Rows(2, 2, [["ID", "Status"], ["1.1.1", "Röd"]])
    from plan_sheets.lossless.problems import Refusal

    with pytest.raises(Refusal, match="B2 läses tillbaka som 'Röd'"):
        _compare(SheetExpectation("Blad", {}), old, new, date1904=False)
    _compare(SheetExpectation("Blad", {(2, 2): "Röd"}), old, new, date1904=False)
