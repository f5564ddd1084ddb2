"""`Patch.header_cell`: a column added after a table's last one is headed in the look of the
headers beside it (format adding a contract column), a cell that holds a value keeps its own."""

from __future__ import annotations

import openpyxl
from openpyxl.styles import Font, PatternFill

from plan_sheets.lossless import Patch, apply_patch

BLUE = PatternFill("solid", fgColor="FF1F4E78")
RED = PatternFill("solid", fgColor="FFFFC7CE")


def look(cell) -> tuple:
    return cell.font.b, cell.fill.fgColor.rgb if cell.fill.fill_type else None


def test_a_new_header_takes_the_look_of_the_header_left_of_it(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Aktiviteter"
    for col, header in enumerate(("ID", "Aktivitet"), start=1):
        cell = ws.cell(1, col, header)
        cell.font, cell.fill = Font(bold=True), BLUE
    ws.cell(1, 4, "Egen").fill = RED  # a staff header with its own look
    ws.cell(2, 1, "1.1.1")
    path = tmp_path / "h.xlsx"
    wb.save(path)

    patch = Patch()
    patch.header_cell("Aktiviteter", 1, 3, "Kostnad")  # new, beside Aktivitet
    patch.header_cell("Aktiviteter", 1, 4, "Egen kolumn")  # holds a value: keeps its look
    patch.header_cell("Aktiviteter", 2, 2, "x")  # beside an unstyled cell: stays plain
    apply_patch(path, patch)

    ws = openpyxl.load_workbook(path)["Aktiviteter"]
    assert [ws.cell(1, c).value for c in range(1, 5)] == [
        "ID", "Aktivitet", "Kostnad", "Egen kolumn"]
    assert look(ws.cell(1, 3)) == (True, "FF1F4E78")
    assert look(ws.cell(1, 4)) == (False, "FFFFC7CE")
    assert look(ws.cell(2, 2)) == (False, None)
