"""Editing workbooks as staff do, and reading a sheet back, for the merge tests of any stage."""

from __future__ import annotations

from pathlib import Path

import openpyxl


def edit(path, changes=None, new_rows=(), delete=(), headers_added=()):
    """Edit a focus-area workbook as a person would: cells by header, rows added and removed."""
    wb = openpyxl.load_workbook(path)
    ws = wb["Aktiviteter"]
    for header in headers_added:
        ws.cell(2, ws.max_column + 1).value = header
    headers = [c.value for c in ws[2]]
    rows = {ws.cell(r, 1).value: r for r in range(3, ws.max_row + 1)}
    for aid, values in (changes or {}).items():
        for header, value in values.items():
            ws.cell(rows[aid], headers.index(header) + 1).value = value
    for values in new_rows:
        r = ws.max_row + 1
        for header, value in values.items():
            ws.cell(r, headers.index(header) + 1).value = value
    for aid in sorted(delete, key=lambda a: -rows[a]):
        ws.delete_rows(rows[aid])
    wb.save(path)
    return path


def sheet_rows(path: Path, sheet: str) -> list[list]:
    import python_calamine

    book = python_calamine.CalamineWorkbook.from_path(str(path))
    return book.get_sheet_by_name(sheet).to_python()
