"""Checks of a workbook's print setup, shared by the format and report tests."""

from __future__ import annotations

import openpyxl
from openpyxl.utils import column_index_from_string

from plan_sheets.workbook.appearance import MIN_PRINT_SCALE, column_pixels, page_pixels
from plan_sheets.workbook.reader import read_workbook
from plan_sheets.workbook.schema import SHEETS


def stored_widths(ws, last: int | None = None, *, padding: float = 0) -> list[float]:
    """Columns 1..`last` (the last used) as stored in the file, less `padding` (xlsxwriter
    stores 5/7 of a character of cell padding with each width); 8.43 where none is."""
    last = ws.max_column if last is None else last
    found = {c: ws.sheet_format.defaultColWidth or 8.43 for c in range(1, last + 1)}
    for key, dim in ws.column_dimensions.items():
        if dim.width and dim.customWidth:
            first = dim.min or column_index_from_string(key)
            for c in range(first, (dim.max or first) + 1):
                if c in found:
                    found[c] = dim.width - padding
    return [found[c] for c in sorted(found)]


def check_print_setup(path) -> dict[str, int]:
    """Every contract sheet prints A4 landscape at a fit-to-width scale of 70 % or more, its
    header row repeated; returns the scale by sheet."""
    wb = openpyxl.load_workbook(path)
    plan = read_workbook(path).plan
    scales = {}
    for sheet in SHEETS:
        layout = plan.layouts.get(sheet.key)
        if layout is None:
            continue
        ws = wb[layout.name]
        setup = ws.page_setup
        assert setup.orientation == "landscape", ws.title
        assert str(setup.paperSize) == "9", ws.title
        fit = ws.sheet_properties.pageSetUpPr
        assert not (fit is not None and fit.fitToPage), f"{ws.title}: fitted to a page, any size"
        scale = 100 if setup.scale is None else int(setup.scale)
        last = max([*layout.columns.values(), *layout.extra_columns.values()])
        widths = stored_widths(ws, last)
        assert MIN_PRINT_SCALE <= scale <= 100, ws.title
        assert scale == MIN_PRINT_SCALE or column_pixels(widths) <= page_pixels(scale), ws.title
        assert scale == 100 or column_pixels(widths) > page_pixels(scale + 1), ws.title
        header = layout.header_row
        assert ws.print_title_rows == f"${header}:${header}", ws.title
        scales[ws.title] = scale
    return scales
