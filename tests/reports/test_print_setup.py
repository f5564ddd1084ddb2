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
from plan_sheets.workbook.appearance import print_scale

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


def test_every_report_sheet_prints_landscape_fitted_to_width_at_70_or_more(written):
    report, annual = written
    for path in (report.steering, *report.focus_areas, annual.workbook):
        for ws in setups(path).values():
            check(ws)


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


def test_the_scale_fits_the_columns_to_the_page():
    # 150 characters of columns (1,125 pixels) fit A4 landscape at 92 %; twice that would need
    # less than 70 %: then 70 %, the sheet running onto a second page across.
    assert print_scale([10] * 15) == 92
    assert print_scale([10] * 30) == 70
    assert print_scale([10] * 5) == 100
