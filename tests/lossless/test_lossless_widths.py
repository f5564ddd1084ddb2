"""Column widths: set where asked, ranges split so every other column keeps what it had;
`format` only widens the contract's columns and leaves the staff's alone."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from click.testing import CliRunner
from lxml import etree
from openpyxl.styles import PatternFill

from builders import PlanBook, libreoffice_convert
from lossless_fixtures import calamine_grid, members, staff_workbook
from plan_sheets.cli import cli
from plan_sheets.excel.addresses import column_letter
from plan_sheets.lossless import Patch, apply_patch
from plan_sheets.lossless.columns import current_widths, set_widths, stored_width
from plan_sheets.lossless.sheetxml import Worksheet
from plan_sheets.workbook.schema import ACTIVITIES, CHANGE_LOG

pytestmark = pytest.mark.filterwarnings("ignore:.*extension is not supported:UserWarning")

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
PART = "xl/worksheets/sheet1.xml"

BUDGET = column_letter(len(ACTIVITIES.fields) + 1)
"""The staff's own column after the contract's (`hand_made`)."""


def worksheet(cols: str = "", fmt: str = '<sheetFormatPr defaultRowHeight="15"/>') -> Worksheet:
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           f'<worksheet xmlns="{MAIN}"><dimension ref="A1"/><sheetViews><sheetView '
           f'workbookViewId="0"/></sheetViews>{fmt}{cols}<sheetData><row r="1"><c r="A1">'
           f'<v>1</v></c></row></sheetData><pageMargins left="0.7" right="0.7" top="0.75" '
           f'bottom="0.75" header="0.3" footer="0.3"/></worksheet>')
    return Worksheet(xml.encode(), part=PART, sheet="Aktiviteter")


def written(ws: Worksheet) -> etree._Element:
    return etree.fromstring(ws.to_bytes())


def cols_of(ws: Worksheet) -> list[dict[str, str]]:
    return [dict(col.attrib) for col in written(ws).iter(f"{{{MAIN}}}col")]


def order_of(ws: Worksheet) -> list[str]:
    return [etree.QName(el).localname for el in written(ws)]


# --- the unit ---------------------------------------------------------------------------------


def test_stored_widths_are_what_xlsxwriter_writes_for_the_same_characters() -> None:
    chars = [0.5, 1, 8.43, 9, 12.5, 14, 40, 70, 255]
    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {"in_memory": True})
    ws = wb.add_worksheet()
    for i, width in enumerate(chars):
        ws.set_column(i, i, width)
    wb.close()
    with zipfile.ZipFile(out) as z:
        root = etree.fromstring(z.read(PART))
    theirs = [float(col.get("width")) for col in root.iter(f"{{{MAIN}}}col")]
    assert [stored_width(w) for w in chars] == theirs
    assert stored_width(8.43) == 9.140625  # Excel's default column: 64 pixels


# --- setting widths ---------------------------------------------------------------------------


def test_cols_is_added_in_schema_order_when_the_sheet_has_none() -> None:
    ws = worksheet()
    assert set_widths(ws, {3: 40, 1: 9}, widen_only=False) == [1, 3]
    assert order_of(ws) == ["dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData",
                            "pageMargins"]
    assert cols_of(ws) == [
        {"min": "1", "max": "1", "width": "9.7109375", "customWidth": "1"},
        {"min": "3", "max": "3", "width": "40.7109375", "customWidth": "1"},
    ]


def test_cols_goes_before_the_rows_without_a_sheet_format() -> None:
    ws = worksheet(fmt="")
    set_widths(ws, {2: 12}, widen_only=False)
    assert order_of(ws) == ["dimension", "sheetViews", "cols", "sheetData", "pageMargins"]


def test_a_range_is_split_and_every_column_keeps_its_style_and_state() -> None:
    ws = worksheet('<cols><col min="2" max="6" width="20" style="3" outlineLevel="1" '
                   'customWidth="1"/><col min="8" max="10" width="12" style="5" hidden="1" '
                   'bestFit="1"/></cols>')
    assert set_widths(ws, {4: 30, 9: 40}, widen_only=False) == [4, 9]
    styled = {"style": "3", "outlineLevel": "1", "customWidth": "1"}
    assert cols_of(ws) == [
        {"min": "2", "max": "3", "width": "20", **styled},
        {"min": "4", "max": "4", "width": "30.7109375", **styled},
        {"min": "5", "max": "6", "width": "20", **styled},
        {"min": "8", "max": "8", "width": "12", "style": "5", "hidden": "1", "bestFit": "1"},
        {"min": "9", "max": "9", "width": "40.7109375", "style": "5", "hidden": "1",
         "customWidth": "1"},
        {"min": "10", "max": "10", "width": "12", "style": "5", "hidden": "1", "bestFit": "1"},
    ]


def test_the_edges_of_a_range_and_columns_around_it() -> None:
    ws = worksheet('<cols><col min="3" max="5" width="20" style="7"/></cols>')
    set_widths(ws, {1: 9, 3: 10, 5: 11, 7: 12}, widen_only=False)
    assert [(c["min"], c["max"], c["width"], c.get("style")) for c in cols_of(ws)] == [
        ("1", "1", "9.7109375", None),
        ("3", "3", "10.7109375", "7"),
        ("4", "4", "20", "7"),
        ("5", "5", "11.7109375", "7"),
        ("7", "7", "12.7109375", None),
    ]


def test_setting_the_same_width_again_changes_no_byte() -> None:
    ws = worksheet()
    set_widths(ws, {2: 14}, widen_only=False)
    data = ws.to_bytes()
    again = Worksheet(data, part=PART, sheet="Aktiviteter")
    assert set_widths(again, {2: 14}, widen_only=False) == []
    assert again.to_bytes() == data


# --- widening only ----------------------------------------------------------------------------


def test_widen_only_keeps_wider_hidden_and_zero_width_columns() -> None:
    ws = worksheet('<cols><col min="1" max="1" width="50" customWidth="1"/>'
                   '<col min="2" max="2" width="5" customWidth="1"/>'
                   '<col min="3" max="3" width="5" hidden="1" style="4"/>'
                   '<col min="4" max="4" width="0" customWidth="1"/></cols>')
    assert set_widths(ws, {1: 14, 2: 14, 3: 14, 4: 14}, widen_only=True) == [2]
    assert cols_of(ws) == [
        {"min": "1", "max": "1", "width": "50", "customWidth": "1"},
        {"min": "2", "max": "2", "width": "14.7109375", "customWidth": "1"},
        {"min": "3", "max": "3", "width": "5", "hidden": "1", "style": "4"},
        {"min": "4", "max": "4", "width": "0", "customWidth": "1"},
    ]


@pytest.mark.parametrize(("fmt", "default", "kept", "widened"), [
    ("", 9.140625, 8, 9),  # Excel's 8.43
    ('<sheetFormatPr defaultRowHeight="15"/>', 9.140625, 8, 9),
    ('<sheetFormatPr baseColWidth="12" defaultRowHeight="15"/>', 13.7109375, 12, 14),
    ('<sheetFormatPr baseColWidth="8" defaultColWidth="20.5" defaultRowHeight="15"/>', 20.5,
     19, 20),
])
def test_the_current_width_of_a_column_without_col(fmt: str, default: float, kept: float,
                                                    widened: float) -> None:
    ws = worksheet(fmt=fmt)
    assert current_widths(ws, [1, 2]) == {1: default, 2: default}
    original = ws.to_bytes()
    assert set_widths(ws, {1: kept}, widen_only=True) == []
    assert ws.to_bytes() == original  # nothing to widen: not even an empty <cols>
    assert set_widths(ws, {1: widened}, widen_only=True) == [1]
    assert cols_of(ws) == [{"min": "1", "max": "1", "width": f"{stored_width(widened):.16g}",
                            "customWidth": "1"}]


def test_a_range_wider_than_wanted_is_not_split() -> None:
    ws = worksheet('<cols><col min="1" max="18" width="30" style="2"/></cols>')
    original = ws.to_bytes()
    assert set_widths(ws, {c: 14 for c in range(1, 19)}, widen_only=True) == []
    assert ws.to_bytes() == original


@pytest.mark.parametrize("width", [-1, 256, float("nan"), True, "12"])
def test_impossible_widths_are_programming_errors(width) -> None:
    with pytest.raises(ValueError, match="column width"):
        Patch().column_widths("Aktiviteter", {1: width})


def test_a_column_out_of_range_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="column must be"):
        Patch().column_widths("Aktiviteter", {0: 10})


# --- through the writer -----------------------------------------------------------------------


def test_only_the_sheet_changes_and_every_value_stays(tmp_path: Path) -> None:
    path = staff_workbook(tmp_path / "huvuddokument.xlsx")
    before = members(path)
    grid = calamine_grid(path, "Aktiviteter")
    patch = Patch()
    patch.column_widths("Aktiviteter", {4: 40, 12: 10})
    result = apply_patch(path, patch, archive=False)
    assert result.changed_parts == [PART]
    after = members(path)
    assert {n for n in before if before[n] != after[n]} == {PART}
    assert calamine_grid(path, "Aktiviteter") == grid
    ws = openpyxl.load_workbook(path)["Aktiviteter"]
    assert (ws.column_dimensions["D"].width, ws.column_dimensions["L"].width) == \
        (40.7109375, 10.7109375)


def test_an_added_sheet_takes_its_widths_in_characters(tmp_path: Path) -> None:
    path = staff_workbook(tmp_path / "huvuddokument.xlsx")
    patch = Patch()
    patch.ensure_sheet(CHANGE_LOG.name, CHANGE_LOG.headers, widths=[f.width for f in
                                                                    CHANGE_LOG.fields])
    apply_patch(path, patch, archive=False)
    ws = openpyxl.load_workbook(path)[CHANGE_LOG.name]
    assert [ws.column_dimensions[column_letter(i)].width for i in (1, 2)] == \
        [stored_width(CHANGE_LOG.fields[0].width), stored_width(28)]


# --- format on a hand-made huvuddokument -------------------------------------------------------

WIDE = 70.0
"""The width the staff gave Aktivitet (D), wider than the contract's 40."""
GROUP = 13.0
"""The width openpyxl gives the grouped columns I:K."""
STAFF_NARROW = 5.0
"""The staff's own column S, narrower than any contract width: format must leave it."""


@pytest.fixture
def hand_made(tmp_path: Path) -> Path:
    book = PlanBook(title_rows=[["Min plan"], []])
    book.activity_headers.append("Budget")
    for a in book.activities:
        a["Budget"] = 100
    path = book.write(tmp_path / "plan.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["Aktiviteter"]
    ws.column_dimensions["D"].width = WIDE
    ws.column_dimensions["E"].hidden = True  # Beskrivning, hidden and yellow
    ws.column_dimensions["E"].fill = PatternFill("solid", fgColor="FFFF00")
    ws.column_dimensions.group("I", "K", outline_level=1)  # one <col>, 13 wide: Start..Läge
    ws.column_dimensions[BUDGET].width = STAFF_NARROW
    wb.save(path)
    return path


def col_attributes(path: Path) -> dict[str, dict[str, str]]:
    """The attributes of the `<col>` covering each column A..T ({} where none does)."""
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read(PART))
    found: dict[str, dict[str, str]] = {column_letter(c): {} for c in range(1, 21)}
    for col in root.iter(f"{{{MAIN}}}col"):
        for c in range(int(col.get("min")), min(int(col.get("max")), 20) + 1):
            found[column_letter(c)] = {k: v for k, v in col.attrib.items()
                                       if k not in ("min", "max")}
    return found


def widths_by_letter(path: Path) -> dict[str, float | None]:
    """`<col width>` per column letter A..T, None where no <col> covers the column."""
    return {letter: float(attrs["width"]) if "width" in attrs else None
            for letter, attrs in col_attributes(path).items()}


def run_format(path: Path) -> None:
    result = CliRunner().invoke(cli, ["format", str(path)])
    assert result.exit_code == 0, result.output


# Characters per column after format: the schema's width, or the header plus 3 for the filter
# button when that is more (B, C, R), except where the staff's column was already wider.
FORMATTED = {
    "A": 9, "B": 14, "C": 15, "F": 24, "G": 20, "H": 24, "K": 13, "L": 10, "M": 40, "N": 32,
    "O": 32, "P": 12, "Q": 12, "R": 20, "S": 28,
}


def test_format_widens_the_contract_columns_only(hand_made: Path) -> None:
    before = widths_by_letter(hand_made)
    assert before["A"] is None and before["D"] == WIDE and before[BUDGET] == STAFF_NARROW
    assert before["I"] == before["J"] == before["K"] == GROUP
    attributes = col_attributes(hand_made)
    run_format(hand_made)
    got = widths_by_letter(hand_made)
    assert got["A"] == 9.7109375  # ID: 9 characters, as Excel stores them
    assert got["M"] == 40.7109375  # Statuskommentar: 40
    expected = {letter: stored_width(chars) for letter, chars in FORMATTED.items()}
    expected["D"] = WIDE  # the staff's wider column keeps its width
    expected["E"] = before["E"]  # hidden: left as it was
    expected["I"] = expected["J"] = GROUP  # Start, Slut: 12 < 13, kept
    expected[BUDGET] = STAFF_NARROW  # the staff's own column: never touched
    assert got == expected
    after = col_attributes(hand_made)
    # Every column keeps its other attributes: the hidden one its style, the group its level.
    for letter in ["D", "E", "I", "J", BUDGET]:
        assert after[letter] == attributes[letter], letter
    assert after["K"] == {**attributes["K"], "width": "13.7109375"}
    assert after["E"]["hidden"] == "1" and after["E"]["style"]
    assert {after[c]["outlineLevel"] for c in "IJK"} == {"1"}
    ws = openpyxl.load_workbook(hand_made)["Aktiviteter"]
    hidden = ws.column_dimensions["E"]
    assert hidden.hidden
    assert hidden.fill.fgColor.rgb == "00FFFF00"
    assert [ws.column_dimensions[c].hidden for c in "ADLS"] == [False] * 4


def test_format_twice_writes_nothing_the_second_time(hand_made: Path) -> None:
    run_format(hand_made)
    data = hand_made.read_bytes()
    archived = sorted((hand_made.parent / "arkiv").iterdir())
    run_format(hand_made)
    assert hand_made.read_bytes() == data
    assert sorted((hand_made.parent / "arkiv").iterdir()) == archived


def test_format_keeps_the_widths_init_wrote(tmp_path: Path) -> None:
    path = tmp_path / "huvuddokument.xlsx"
    assert CliRunner().invoke(cli, ["init", "--example", str(path)]).exit_code == 0
    before = widths_by_letter(path)
    run_format(path)
    assert widths_by_letter(path) == before


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext finns inte")
def test_libreoffice_shows_dates_and_headers_after_format(hand_made: Path,
                                                          tmp_path: Path) -> None:
    def text(path: Path, out: str) -> str:
        pdf = libreoffice_convert(path, "pdf", tmp_path / out)
        return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                              capture_output=True, text=True).stdout

    before = text(hand_made, "före")
    # Beslutad and Senast uppdaterad at Excel's 8.43 are too narrow for a date.
    assert "2024-12-01" not in before and "2026-09-01" not in before and "###" in before
    run_format(hand_made)
    after = text(hand_made, "efter")
    assert "###" not in after
    assert "2024-12-01" in after and "2026-09-01" in after and "2025-01-01" in after
    for header in ("Fokusområde", "Insatsområde", "Kontaktperson", "Senast uppdaterad"):
        assert header in after
    assert "Beskrivning" not in after  # the hidden column stays hidden


# --- found on the way: a cell holding empty text holds no data -----------------------------------


@pytest.mark.parametrize("strings_to", ["shared", "inline"])
def test_rows_are_appended_after_the_last_row_a_reader_sees_data_in(tmp_path: Path,
                                                                    strings_to: str) -> None:
    """A row whose only cell is empty text (as openpyxl or xlsxwriter may write it) reads as
    empty, so appended rows go there, not below it (hypothesis found this)."""
    path = tmp_path / "bok.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Data")
    ws.write_string(0, 0, "Rubrik")
    ws.write_string(1, 1, "")  # row 2: an empty shared string
    wb.close()
    if strings_to == "inline":
        with zipfile.ZipFile(path) as z:
            parts = {n: z.read(n) for n in z.namelist()}
        sheet = parts[PART].decode()
        assert '<c r="B2" t="s"><v>1</v></c>' in sheet
        parts[PART] = sheet.replace('<c r="B2" t="s"><v>1</v></c>',
                                    '<c r="B2" t="inlineStr"><is><t></t></is></c>').encode()
        with zipfile.ZipFile(path, "w") as z:
            for name, data in parts.items():
                z.writestr(name, data)
    assert calamine_grid(path, "Data") == [["Rubrik", ""], ["", ""]]
    patch = Patch()
    patch.append_rows("Data", [{1: "Ny"}])
    apply_patch(path, patch, archive=False)
    assert calamine_grid(path, "Data") == [["Rubrik", ""], ["Ny", ""]]
