"""Print setup that survives growth: every sheet of the steering, focus-area and annual
workbooks, and the huvuddokument's own sheets after `format`, prints A4 landscape, fitted
to the page's width at no less than 70 %, and the sheets that hold a list repeat its header
row on every page."""

from __future__ import annotations

import openpyxl
import pytest

from annual_plans import TODAY, big_plan, loaded
from plan_sheets.annual.pack import write_annual
from plan_sheets.reports.report import write_reports
from plan_sheets.workbook.appearance import column_pixels, fit_widths, page_pixels, print_scale
from plan_sheets.workbook.xlsxbook import ReportBook, TableColumn
from printcheck import stored_widths

LISTS = {
    "steering": {"Att besluta", "Per ansvarig", "Försenade"},
    "focus": {"Aktiviteter", "Avvikelser"},
    "annual": {"Aktiviteter", "Avvikelser"},
}
"""Sheets that hold one long list (at 600 activities): their header row repeats."""


def setups(path):
    book = openpyxl.load_workbook(path)
    return {ws.title: ws for ws in book.worksheets}


def check(ws) -> None:
    setup = ws.page_setup
    assert setup.orientation == "landscape", ws.title
    assert str(setup.paperSize) == "9", ws.title
    fit = ws.sheet_properties.pageSetUpPr
    assert not (fit is not None and fit.fitToPage), f"{ws.title}: fitted to a page, any size"
    scale = 100 if setup.scale is None else int(setup.scale)  # 100 % is the default, unwritten
    assert 70 <= scale <= 100, (ws.title, scale)


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    folder = tmp_path_factory.mktemp("print")
    plan = big_plan(10)
    report = write_reports(loaded(plan, folder / "h.xlsx"), folder / "ut", period="2026-T3",
                           today=TODAY)
    annual = write_annual(loaded(plan, folder / "h.xlsx"), folder / "ut", year=2026,
                          today=TODAY)
    return report, annual


@pytest.mark.e2e
def test_every_report_sheet_prints_landscape_fitted_to_width_at_70_or_more(written):
    report, annual = written
    for path in (report.steering, *report.focus_areas, annual.workbook):
        for ws in setups(path).values():
            check(ws)


@pytest.mark.e2e
def test_the_lists_repeat_their_header_row(written):
    report, annual = written
    for kind, paths in (("steering", [report.steering]), ("focus", report.focus_areas),
                        ("annual", [annual.workbook])):
        for path in paths:
            sheets = setups(path)
            for name in LISTS[kind]:
                titles = sheets[name].print_title_rows
                assert titles, f"{path.name}: {name} repeats no header row"
                row = int(titles.split(":")[0].lstrip("$"))
                first = [c.value for c in sheets[name][row]][:2]
                assert first[0], (path.name, name, first)


@pytest.mark.e2e
def test_every_sheets_columns_fit_the_page_width_at_its_scale(written):
    # 600 activities: the widest lists (Att besluta, a focus area's Aktiviteter) have their
    # text columns narrowed so that they fit at 70 %, never spilling a column to a page.
    report, annual = written
    for path in (report.steering, *report.focus_areas, annual.workbook):
        for ws in setups(path).values():
            scale = 100 if ws.page_setup.scale is None else int(ws.page_setup.scale)
            pixels = column_pixels(stored_widths(ws, padding=5 / 7))
            assert pixels <= page_pixels(scale), (path.name, ws.title, scale)


@pytest.mark.e2e
def test_no_row_grows_to_a_page(written):
    # Long lists are rows (Per ansvarig's deviations, Sammanfattning's red activities), never
    # one cell: at 600 activities no row is taller than a quarter of a printed page.
    report, annual = written
    for path in (report.steering, *report.focus_areas, annual.workbook):
        for ws in setups(path).values():
            tallest = max((d.height or 0 for d in ws.row_dimensions.values()), default=0)
            assert tallest <= 150, (path.name, ws.title, tallest)


def test_the_scale_fits_the_columns_to_the_page():
    # 150 characters of columns (1,125 pixels, 1,204 as LibreOffice prints them) fit A4
    # landscape at 86 %; twice that would need less than 70 %: then 70 %, the sheet running
    # onto a second page across.
    assert print_scale([10] * 15) == 86
    assert print_scale([10] * 30) == 70
    assert print_scale([10] * 5) == 100
    # Something drawn further right than the columns (a chart) counts too.
    assert print_scale([10] * 5, drawn=1125) == 86


def test_too_wide_text_columns_are_narrowed_the_widest_first_down_to_their_floor():
    wide = {0: 10.0, 1: 80.0, 2: 60.0, 3: 40.0, 4: 30.0}
    floors = {0: 10.0, 1: 20.0, 2: 20.0, 3: 35.0, 4: 30.0}
    fitted = fit_widths(wide, floors)
    assert column_pixels(fitted.values()) <= page_pixels(70)
    assert fitted[0] == 10 and fitted[4] == 30 and fitted[3] >= 35
    assert fitted[1] == fitted[2] < 60  # cut to one level, the widest first
    assert fit_widths({0: 10.0, 1: 30.0}, {1: 12.0}) == {0: 10.0, 1: 30.0}  # fits: as it was
    # No room even at the floors: the floors (the sheet prints at 70 %, over two pages).
    assert fit_widths({0: 300.0}, {0: 250.0}) == {0: 250.0}


def test_a_note_wider_than_the_columns_wraps_over_them_and_a_narrowed_table_grows(tmp_path):
    path = tmp_path / "r.xlsx"
    book = ReportBook(path, title="T", footer="F", personal_data=False)
    ws = book.sheet("Lista")
    long_note = "En förklaring som är längre än tabellens kolumner tillsammans. " * 6
    book.note(ws, 0, long_note)
    text = "Ett ord " * 40
    columns = [TableColumn(f"Text {i}", width=60) for i in range(8)]
    book.table(ws, 2, columns, [[text] * 8])
    book.finish(ws, header_row=2)
    book.close()
    sheet = openpyxl.load_workbook(path)["Lista"]
    assert sheet.cell(1, 1).value == long_note.strip() or sheet.cell(1, 1).value == long_note
    assert [str(r) for r in sheet.merged_cells.ranges] == ["A1:H1"]
    assert sheet.cell(1, 1).alignment.wrap_text
    assert sheet.row_dimensions[1].height >= 30
    scale = int(sheet.page_setup.scale)
    assert scale == 70 and column_pixels(stored_widths(sheet, padding=5 / 7)) <= page_pixels(70)
    # 320 characters in a column narrowed from 60 to about 24: 12 lines, not the five
    # they need at 60.
    assert sheet.row_dimensions[4].height == 15 * 12


def test_a_chart_block_that_would_be_cut_by_a_pages_end_starts_a_new_page(tmp_path):
    path = tmp_path / "r.xlsx"
    book = ReportBook(path, title="T", footer="F", personal_data=False)
    ws = book.sheet("Blad")
    # Rows of eight lines (120 points) under an 18-point header: row 5 begins 498 points
    # down a page of 500 at 100 %, so a 200-point chart from there would be cut; one from
    # row 3 (258 points down) would not.
    book.table(ws, 0, [TableColumn("Text", width=12)], [["ord " * 22]] * 6)
    book.keep_together(ws, 3, 200)
    book.keep_together(ws, 5, 200)
    book.keep_together(ws, 6, 600)  # taller than a page: no break helps
    book.finish(ws)
    book.close()
    sheet = openpyxl.load_workbook(path)["Blad"]
    assert [b.id for b in sheet.row_breaks.brk] == [5]
