"""The lossless writer on a staff-made workbook: what it changes, and all it keeps."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest

from lossless_fixtures import (
    FAKE_VBA,
    FIRST_ROW,
    GOALS_COL,
    HEADER_ROW,
    HEADERS,
    LAST_ROW,
    PHASE_COL,
    STATUS_COL,
    TITLE_COL,
    UPDATED_COL,
    calamine_grid,
    ext_list,
    members,
    part_text,
    staff_workbook,
)
from plan_sheets.excel.addresses import cell_address
from plan_sheets.lossless import Patch, apply_patch, fingerprint
from plan_sheets.workbook.appearance import PHASE_LIST, STATUS_LIST, goal_list
from plan_sheets.workbook.schema import CHANGE_LOG

pytestmark = pytest.mark.filterwarnings("ignore:.*extension is not supported:UserWarning")

SHEET = "xl/worksheets/sheet1.xml"
BOOKKEEPING = {"xl/styles.xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
               "[Content_Types].xml", "docProps/app.xml"}
NOW = dt.datetime(2026, 11, 26, 14, 5, 0)


def merge_patch() -> Patch:
    """What a merge writes: changed fields, a new activity, and the change log."""
    patch = Patch()
    patch.set_cell("Aktiviteter", FIRST_ROW, STATUS_COL, "Röd")
    patch.set_cell("Aktiviteter", FIRST_ROW + 1, TITLE_COL, "=SUM(1)")
    patch.set_cell("Aktiviteter", FIRST_ROW + 2, TITLE_COL, "+46 8 123 45")
    patch.set_cell("Aktiviteter", FIRST_ROW + 1, UPDATED_COL, dt.date(2026, 11, 26))
    patch.set_cell("Aktiviteter", FIRST_ROW + 3, 22, dt.date(2026, 12, 24))  # no style: gets one
    patch.set_cell("Aktiviteter", FIRST_ROW + 4, STATUS_COL, None)
    patch.append_rows("Aktiviteter", [{1: "2.1.99", TITLE_COL: "Ny aktivitet",
                                       STATUS_COL: "Gul", UPDATED_COL: dt.date(2026, 11, 26)}],
                      header_row=HEADER_ROW)
    patch.ensure_sheet(CHANGE_LOG.name, CHANGE_LOG.headers)
    patch.append_rows(CHANGE_LOG.name, [
        {1: NOW, 2: "fokusomrade-1.xlsx", 3: "1.1.1", 4: "Status", 5: "Grön", 6: "Röd"},
        {1: NOW, 2: "fokusomrade-1.xlsx", 3: "1.2.2", 4: "Aktivitet", 5: "x", 6: "=SUM(1)"},
    ], header_row=1)
    return patch


def format_patch() -> Patch:
    last = LAST_ROW + 100
    patch = Patch()
    patch.traffic_lights("Aktiviteter", STATUS_COL, FIRST_ROW, last)
    patch.dropdown("Aktiviteter", STATUS_COL, FIRST_ROW, last, STATUS_LIST)
    patch.dropdown("Aktiviteter", PHASE_COL, FIRST_ROW, last, PHASE_LIST)
    patch.dropdown("Aktiviteter", GOALS_COL, FIRST_ROW, last, goal_list(2))
    patch.freeze("Aktiviteter", FIRST_ROW, 2)
    patch.autofilter("Aktiviteter", HEADER_ROW, 1, LAST_ROW, 19)
    return patch


@pytest.fixture(params=["xlsx", "xlsm"])
def staff(request, tmp_path: Path) -> Path:
    return staff_workbook(tmp_path / f"huvuddokument.{request.param}",
                          macro=request.param == "xlsm")


def test_merge_patch_changes_only_the_sheet_and_bookkeeping(staff: Path) -> None:
    before = members(staff)
    result = apply_patch(staff, merge_patch())
    after = members(staff)

    added = set(after) - set(before)
    assert added == {"xl/worksheets/sheet3.xml"}
    assert set(before) <= set(after)
    changed = {name for name in before if before[name] != after[name]}
    assert changed <= {SHEET} | BOOKKEEPING
    assert SHEET in changed
    kept = set(before) - changed
    for name in ("xl/threadedComments/threadedComment1.xml", "xl/persons/person.xml",
                 "xl/comments1.xml", "xl/drawings/vmlDrawing1.vml", "xl/drawings/drawing1.xml",
                 "xl/media/image1.png", "xl/sharedStrings.xml", "xl/worksheets/sheet2.xml",
                 "xl/worksheets/_rels/sheet1.xml.rels", "docProps/core.xml"):
        assert name in kept
    assert list(after)[:len(before)] == list(before)  # member order kept
    assert sorted(result.changed_parts) == sorted(changed | added)
    assert result.cells_changed == 6
    assert result.rows_appended == 3
    if staff.suffix == ".xlsm":
        assert after["xl/vbaProject.bin"] == before["xl/vbaProject.bin"] == FAKE_VBA
        assert b"macroEnabled" in after["[Content_Types].xml"]
    # The staff's x14 dropdown, x14 data bar and sparkline stay exactly as they were.
    assert ext_list(after[SHEET].decode()) == ext_list(before[SHEET].decode())


def test_merge_patch_reads_back_in_openpyxl_and_calamine(staff: Path) -> None:
    apply_patch(staff, merge_patch())
    grid = calamine_grid(staff, "Aktiviteter")
    wb = openpyxl.load_workbook(staff)
    ws = wb["Aktiviteter"]

    def both(row: int, col: int):
        return ws.cell(row, col).value, grid[row - 1][col - 1]

    assert both(FIRST_ROW, STATUS_COL) == ("Röd", "Röd")
    assert both(FIRST_ROW + 1, TITLE_COL) == ("=SUM(1)", "=SUM(1)")
    assert ws.cell(FIRST_ROW + 1, TITLE_COL).data_type == "s"
    assert both(FIRST_ROW + 2, TITLE_COL) == ("+46 8 123 45", "+46 8 123 45")
    assert ws.cell(FIRST_ROW + 1, UPDATED_COL).value == dt.datetime(2026, 11, 26)
    assert grid[FIRST_ROW][UPDATED_COL - 1] == dt.date(2026, 11, 26)
    unstyled = ws.cell(FIRST_ROW + 3, 22)
    assert unstyled.is_date and unstyled.value == dt.datetime(2026, 12, 24)
    assert unstyled.number_format == "yyyy-mm-dd"
    assert both(FIRST_ROW + 4, STATUS_COL) == (None, "")
    # The style of the cleared cell stays (wrap and border from xlsxwriter's format).
    assert ws.cell(FIRST_ROW + 4, STATUS_COL).alignment.wrap_text
    new = LAST_ROW + 1
    assert both(new, 1) == ("2.1.99", "2.1.99")
    assert both(new, STATUS_COL) == ("Gul", "Gul")
    assert ws.cell(LAST_ROW, STATUS_COL).border.left.style == "thin"
    assert ws.cell(new, STATUS_COL).border.left.style == "thin"
    assert ws.cell(new, UPDATED_COL).number_format == "yyyy-mm-dd"
    assert ws.cell(new, 2).border.left.style == "thin"  # styled blank: looks like the rows above
    # Untouched cells, rich text and the formula's cached value are still there.
    assert both(FIRST_ROW + 5, TITLE_COL) == ("Aktivitet nummer 6", "Aktivitet nummer 6")
    assert grid[LAST_ROW - 1][len(HEADERS) - 1] == "Rik text här"
    assert calamine_grid(staff, "Mål")[7][0] == 12.0
    log = wb[CHANGE_LOG.name]
    assert [c.value for c in log[1]] == CHANGE_LOG.headers
    assert log.cell(1, 1).font.b
    assert [c.value for c in log[3]] == [NOW, "fokusomrade-1.xlsx", "1.2.2", "Aktivitet", "x",
                                         "=SUM(1)", None]
    assert not log.cell(2, 2).font.b
    assert calamine_grid(staff, CHANGE_LOG.name)[1][0] == NOW


def test_text_is_never_a_formula(staff: Path) -> None:
    apply_patch(staff, merge_patch())
    xml = part_text(staff, SHEET)
    cell = re.search(rf'<c r="{cell_address(FIRST_ROW + 1, TITLE_COL)}"[^>]*>.*?</c>', xml)
    assert cell is not None
    assert "<f>" not in cell.group() and 't="inlineStr"' in cell.group()
    assert "<f>" not in part_text(staff, "xl/worksheets/sheet3.xml")
    # The staff's own formula, on another sheet, is still a formula.
    assert "<f>COUNTA(Aktiviteter!A3:A14)</f>" in part_text(staff, "xl/worksheets/sheet2.xml")


def test_format_patch_touches_only_the_sheet_and_styles(staff: Path) -> None:
    before = members(staff)
    values = calamine_grid(staff, "Aktiviteter")
    apply_patch(staff, format_patch())
    after = members(staff)
    assert list(after) == list(before)
    changed = {name for name in before if before[name] != after[name]}
    assert changed == {SHEET, "xl/styles.xml", "xl/workbook.xml"}  # workbook: _FilterDatabase
    assert ext_list(after[SHEET].decode()) == ext_list(before[SHEET].decode())
    assert calamine_grid(staff, "Aktiviteter") == values


def test_format_adds_traffic_lights_and_keeps_the_staff_rules(staff: Path) -> None:
    apply_patch(staff, format_patch())
    wb = openpyxl.load_workbook(staff)
    ws = wb["Aktiviteter"]
    status = f"{cell_address(FIRST_ROW, STATUS_COL)}:{cell_address(LAST_ROW + 100, STATUS_COL)}"
    rules = {str(rng.sqref): [r for r in rng.rules] for rng in ws.conditional_formatting}
    ours = [r for r in rules[status] if r.type == "expression"]
    assert len(ours) == 3
    fills = {r.formula[0].split('"')[1]: r.dxf.fill.bgColor.rgb for r in ours}
    assert fills == {"Grön": "FFC6EFCE", "Gul": "FFFFEB9C", "Röd": "FFFFC7CE"}
    fonts = {r.formula[0].split('"')[1]: r.dxf.font.color.rgb for r in ours}
    assert fonts == {"Grön": "FF006100", "Gul": "FF7F6000", "Röd": "FF9C0006"}
    staff_rules = [r for rules_ in rules.values() for r in rules_ if r.type == "containsText"]
    assert len(staff_rules) == 1
    validations = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    assert validations[status].formula1 == '"Grön,Gul,Röd"'
    assert "F3:F14" in validations  # the staff's dropdown
    assert ws.freeze_panes == cell_address(FIRST_ROW, 2)
    assert ws.auto_filter.ref == f"A{HEADER_ROW}:S{LAST_ROW}"


def test_format_twice_changes_nothing_the_second_time(staff: Path) -> None:
    apply_patch(staff, format_patch())
    once = staff.read_bytes()
    result = apply_patch(staff, format_patch())
    assert result.changed_parts == [] and result.archive_path is None
    assert staff.read_bytes() == once
    xml = part_text(staff, SHEET)
    letter = cell_address(1, STATUS_COL)[:-1]
    for word in ("Grön", "Gul", "Röd"):
        assert xml.count(f'OR(TRIM(${letter}{FIRST_ROW})="{word}"') == 1
    assert xml.count('promptTitle="Status"') == 1


def test_our_dropdown_stays_off_cells_with_a_staff_dropdown(staff: Path) -> None:
    # Column R holds the staff's x14 cross-sheet dropdown (R3:R34): ours must not overlap it.
    patch = Patch()
    patch.dropdown("Aktiviteter", 18, FIRST_ROW, 100, goal_list(2))
    apply_patch(staff, patch)
    xml = part_text(staff, SHEET)
    ours = re.search(r'promptTitle="Mål"[^>]*sqref="([^"]+)"', xml)
    assert ours is not None and ours.group(1) == f"R{LAST_ROW + 21}:R100"


def test_archive_keeps_the_previous_version(staff: Path) -> None:
    original = staff.read_bytes()
    result = apply_patch(staff, merge_patch())
    assert result.archive_path is not None
    assert result.archive_path.parent == staff.parent / "arkiv"
    assert re.fullmatch(rf"huvuddokument-\d{{8}}-\d{{6}}(-\d+)?{staff.suffix}",
                        result.archive_path.name)
    assert result.archive_path.read_bytes() == original
    second = apply_patch(staff, format_patch())
    assert second.archive_path != result.archive_path
    assert sorted(p.name for p in staff.parent.iterdir()) == ["arkiv", staff.name]


def test_fingerprint_is_the_sha256_of_the_bytes(staff: Path) -> None:
    import hashlib

    assert fingerprint(staff) == hashlib.sha256(staff.read_bytes()).hexdigest()


@pytest.mark.libreoffice
def test_libreoffice_opens_the_patched_workbook(tmp_path: Path) -> None:
    book = staff_workbook(tmp_path / "huvuddokument.xlsx")
    apply_patch(book, merge_patch())
    apply_patch(book, format_patch())
    out = tmp_path / "pdf"
    done = subprocess.run(
        [shutil.which("soffice") or "soffice", "--headless", "--convert-to", "pdf", "--outdir",
         str(out), str(book)], capture_output=True, text=True, timeout=180,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    pdf = out / "huvuddokument.pdf"
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 1000


def test_zip_members_keep_their_dates(staff: Path) -> None:
    with zipfile.ZipFile(staff) as z:
        dates = {i.filename: i.date_time for i in z.infolist()}
    apply_patch(staff, merge_patch())
    with zipfile.ZipFile(staff) as z:
        for info in z.infolist():
            if info.filename in dates:
                assert info.date_time == dates[info.filename]


@pytest.mark.parametrize("data_rows, filter_last", [
    (0, 2),  # an empty log: its filter covers the header and one empty row, as init makes it
    (4, 3),  # a filter an older version left short of the rows
])
def test_appended_rows_come_under_the_sheets_filter_and_table(tmp_path: Path, data_rows: int,
                                                               filter_last: int) -> None:
    import xlsxwriter

    book = tmp_path / "logg.xlsx"
    wb = xlsxwriter.Workbook(str(book))
    log = wb.add_worksheet("Logg")
    log.write_row(0, 0, ["Tidpunkt", "ID", "Fält"])
    for r in range(1, data_rows + 1):
        log.write_row(r, 0, [f"t{r}", f"1.1.{r}", "Status"])
    log.autofilter(0, 0, filter_last - 1, 2)
    table = wb.add_worksheet("Tabell")
    table.add_table(0, 0, max(data_rows, 1), 2, {"columns": [{"header": h} for h in
                                                               ("Tidpunkt", "ID", "Fält")],
                                                  "autofilter": True})
    for r in range(1, data_rows + 1):
        table.write_row(r, 0, [f"t{r}", f"1.1.{r}", "Status"])
    wb.close()
    patch = Patch()
    rows = [{1: "ny", 2: "1.2.1", 3: "Läge"}, {1: "ny", 2: "1.2.2", 3: "Läge"}]
    patch.append_rows("Logg", rows, header_row=1)
    patch.append_rows("Tabell", rows, header_row=1)
    apply_patch(book, patch)
    last = data_rows + 1 + len(rows)
    wb2 = openpyxl.load_workbook(book)
    assert wb2["Logg"].auto_filter.ref == f"A1:C{last}"
    assert wb2["Tabell"].tables["Table1"].ref == f"A1:C{last}"
    with zipfile.ZipFile(book) as archive:
        names = archive.read("xl/workbook.xml").decode()
    assert f"Logg!$A$1:$C${last}" in names  # the filter's hidden name moves along
