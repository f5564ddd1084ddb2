"""A column merge adds to the huvuddokument is headed in the look of the headers beside it
(`Patch.header_cell`), not as a plain cell beside init's dark blue, bold headers."""

from __future__ import annotations

import datetime as dt

import openpyxl

from builders import PlanBook, activity
from plan_sheets.groups.merge import merge_files
from plan_sheets.groups.split import split_workbook
from plan_sheets.upkeep.create import init_workbook
from plan_sheets.workbook.reader import read_workbook

TODAY = dt.date(2026, 11, 26)
NOW = dt.datetime(2026, 11, 26, 9, 0)


def test_a_staff_column_merge_adds_looks_like_the_headers_beside_it(tmp_path):
    main = tmp_path / "h.xlsx"
    init_workbook(main, title="Handlingsplan", plan=read_workbook(PlanBook(
        activities=[activity("1.1.1"), activity("1.2.1")]).write(tmp_path / "src.xlsx")).plan)
    split_workbook(read_workbook(main), tmp_path / "u", now=NOW, invitations=False)
    one = tmp_path / "u" / "fokusomrade-1.xlsx"
    wb = openpyxl.load_workbook(one)
    ws = wb["Aktiviteter"]
    col = ws.max_column + 1
    ws.cell(2, col, "Budget")
    row = next(r for r in range(3, ws.max_row + 1) if ws.cell(r, 1).value == "1.1.1")
    ws.cell(row, col, 10)
    wb.save(one)

    outcome = merge_files(main, [one], period="2026-T3", today=TODAY, now=NOW)
    assert not outcome.blocked, outcome.errors
    ws = openpyxl.load_workbook(main)["Aktiviteter"]
    header, left = ws.cell(2, ws.max_column), ws.cell(2, ws.max_column - 1)
    assert header.value == "Budget"
    assert left.font.b and left.fill.fill_type == "solid"
    assert (header.font.b, header.fill.fgColor.rgb) == (left.font.b, left.fill.fgColor.rgb)
