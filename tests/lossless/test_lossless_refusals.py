"""What the lossless writer refuses, and the forms of workbook it must still handle."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from lossless_fixtures import calamine_grid, part_text, rewrite_zip
from plan_sheets.errors import WorkbookUnreadable, WriteRefused
from plan_sheets.example.start import init_plan
from plan_sheets.lossless import Patch, apply_patch
from plan_sheets.workbook.schema import EXCEL_MAX_TEXT, STATUS_HISTORY


def simple_book(path: Path) -> Path:
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Data")
    ws.write_row(0, 0, ["Namn", "Värde", "Datum"])
    ws.write_row(1, 0, ["a", 1])
    ws.merge_range("A5:C5", "Sammanfogad")
    wb.close()
    return path


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return simple_book(tmp_path / "bok.xlsx")


def refused(book: Path, patch: Patch, match: str) -> None:
    original = book.read_bytes()
    with pytest.raises(WriteRefused, match=match) as caught:
        apply_patch(book, patch)
    assert caught.value.exit_code == 2
    assert caught.value.message.startswith("bok.xlsx ändrades inte: ")
    assert book.read_bytes() == original
    assert sorted(p.name for p in book.parent.iterdir()) == ["bok.xlsx"]


def one(sheet: str, row: int, col: int, value) -> Patch:
    patch = Patch()
    patch.set_cell(sheet, row, col, value)
    return patch


def test_text_longer_than_excel_holds_is_refused_not_cut(book: Path) -> None:
    refused(book, one("Data", 2, 1, "x" * (EXCEL_MAX_TEXT + 1)),
            r"Data!A2: texten är 32768 tecken lång.*kortar aldrig")


def test_text_of_exactly_the_limit_is_written(book: Path) -> None:
    apply_patch(book, one("Data", 2, 1, "å" * EXCEL_MAX_TEXT))
    assert calamine_grid(book, "Data")[1][0] == "å" * EXCEL_MAX_TEXT


def test_control_characters_are_escaped_as_excel_does(book: Path) -> None:
    text = "före\x01efter\x1f _x0041_ tab\there"
    apply_patch(book, one("Data", 2, 1, text))
    assert calamine_grid(book, "Data")[1][0] == text
    assert "före_x0001_efter_x001F_ _x005F_x0041_ tab\there" in part_text(
        book, "xl/worksheets/sheet1.xml")


@pytest.mark.parametrize(("value", "match"), [
    ("half \ud800 char", "U\\+D800"),
    (float("nan"), "inget tal"),
    (2**60, "fler siffror"),
    (dt.date(1899, 1, 1), "före 1900-03-01"),
    (dt.datetime(2026, 1, 1, tzinfo=dt.UTC), "tidszon"),
])
def test_values_excel_cannot_hold_are_refused(book: Path, value, match: str) -> None:
    refused(book, one("Data", 2, 1, value), match)


def test_writing_under_a_merged_cell_is_refused(book: Path) -> None:
    refused(book, one("Data", 5, 2, "gömd"), "Data!B5 ligger inne i den sammanfogade cellen A5:C5")
    apply_patch(book, one("Data", 5, 1, "synlig"))  # the merge's own cell is fine
    assert calamine_grid(book, "Data")[4][0] == "synlig"


def test_a_missing_sheet_is_refused(book: Path) -> None:
    refused(book, one("Finns inte", 1, 1, "x"), "bladet Finns inte finns inte")


def test_sheet_names_resolve_through_relationships(tmp_path: Path) -> None:
    """A sheet part need not be called sheetN.xml, nor be numbered in sheet order."""
    wb = xlsxwriter.Workbook(str(tmp_path / "plain.xlsx"))
    wb.add_worksheet("Första").write_string(0, 0, "ett")
    wb.add_worksheet("Andra").write_string(0, 0, "två")
    wb.close()

    def rename(name: str, text: str) -> str:
        return (text.replace("worksheets/sheet1.xml", "worksheets/X.xml")
                .replace("worksheets/sheet2.xml", "worksheets/sheet1.xml")
                .replace("worksheets/X.xml", "worksheets/sheet2.xml"))

    data = (tmp_path / "plain.xlsx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        swapped = {"xl/worksheets/sheet1.xml": z.read("xl/worksheets/sheet2.xml"),
                   "xl/worksheets/sheet2.xml": z.read("xl/worksheets/sheet1.xml")}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(rewrite_zip(data, rename)), "r") as src, \
            zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, swapped.get(info.filename, src.read(info.filename)))
    book = tmp_path / "bok.xlsx"
    book.write_bytes(out.getvalue())
    apply_patch(book, one("Andra", 2, 1, "ny"))
    assert calamine_grid(book, "Andra") == [["två"], ["ny"]]
    assert calamine_grid(book, "Första") == [["ett"]]


def test_a_zip_bomb_is_refused(tmp_path: Path) -> None:
    book = tmp_path / "bok.xlsx"
    data = simple_book(tmp_path / "plain.xlsx").read_bytes()
    book.write_bytes(rewrite_zip(data, lambda _n, t: t,
                                 added={"xl/media/padding.bin": b"\0" * (8 * 1024 * 1024)}))
    with pytest.raises(WorkbookUnreadable, match="zip-bomb"):
        apply_patch(book, one("Data", 2, 1, "x"))


def test_entities_are_never_expanded(tmp_path: Path) -> None:
    book = tmp_path / "bok.xlsx"
    data = simple_book(tmp_path / "plain.xlsx").read_bytes()
    laughs = ('<!DOCTYPE worksheet [<!ENTITY a "haha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>')

    def hostile(name: str, text: str) -> str:
        if name != "xl/worksheets/sheet1.xml":
            return text
        text = text.replace("?>", "?>" + laughs, 1)
        return text.replace("<v>1</v>", "<v>1</v></c><c r=\"C2\" t=\"inlineStr\"><is><t>&b;</t>"
                                        "</is>", 1)

    book.write_bytes(rewrite_zip(data, hostile))
    with pytest.raises(WorkbookUnreadable, match="DOCTYPE"):
        apply_patch(book, one("Data", 2, 1, "x"))


def test_not_a_workbook_is_unreadable(tmp_path: Path) -> None:
    book = tmp_path / "bok.xlsx"
    book.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(WorkbookUnreadable, match="lösenordsskyddad"):
        apply_patch(book, one("Data", 1, 1, "x"))
    book.write_text("inte en zip")
    with pytest.raises(WorkbookUnreadable, match="ingen giltig Excelfil"):
        apply_patch(book, one("Data", 1, 1, "x"))


def test_prefixed_namespaces_and_x14ac_attributes_are_kept(tmp_path: Path) -> None:
    """Open XML SDK writes `x:`-prefixed sheets; Excel adds x14ac attributes to rows."""
    data = simple_book(tmp_path / "plain.xlsx").read_bytes()
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

    def prefixed(name: str, text: str) -> str:
        if name != "xl/worksheets/sheet1.xml":
            return text
        head, rest = text.split("<worksheet ", 1)
        rest = rest.replace(f'xmlns="{main}"', f'xmlns:x="{main}" xmlns:x14ac="http://schemas.'
                            f'microsoft.com/office/spreadsheetml/2009/9/ac"', 1)
        import re

        rest = re.sub(r"<(/?)(?!x:)([A-Za-z]+)([ >/])", r"<\1x:\2\3", rest)
        rest = rest.replace('<x:row r="2"', '<x:row r="2" x14ac:dyDescent="0.25"')
        return head + "<x:worksheet " + rest.replace("</worksheet>", "</x:worksheet>")

    book = tmp_path / "bok.xlsx"
    book.write_bytes(rewrite_zip(data, prefixed))
    assert calamine_grid(book, "Data")[1][:2] == ["a", 1.0]
    apply_patch(book, one("Data", 2, 3, dt.date(2026, 11, 26)))
    xml = part_text(book, "xl/worksheets/sheet1.xml")
    assert '<x:row r="2" x14ac:dyDescent="0.25" spans="1:3">' in xml  # order kept
    assert '<x:c r="C2" s="' in xml
    assert "<c " not in xml and "xmlns=" not in xml
    assert calamine_grid(book, "Data")[1] == ["a", 1.0, dt.date(2026, 11, 26)]


# --- the tool's own sheets in a huvuddokument made by `init` ------------------------------------


def test_delete_and_append_history_rows_in_an_init_workbook(tmp_path: Path) -> None:
    book = tmp_path / "huvuddokument.xlsx"
    init_plan(book, example=True)
    before = calamine_grid(book, STATUS_HISTORY.name)
    header = next(i for i, row in enumerate(before, start=1) if row[0] == "Datum")
    first = header + 1
    data_rows = [i for i, row in enumerate(before, start=1) if i > header and row[0] != ""]
    assert len(data_rows) > 4
    patch = Patch()
    patch.delete_rows(STATUS_HISTORY.name, [first, first + 2])
    patch.append_rows(STATUS_HISTORY.name, [{1: dt.date(2026, 12, 1), 2: "2026-T3", 3: "1.1.1",
                                             4: "Pågående", 5: "Grön"}], header_row=header)
    apply_patch(book, patch)
    after = calamine_grid(book, STATUS_HISTORY.name)
    expected = [row for i, row in enumerate(before, start=1) if i not in (first, first + 2)]
    expected = expected[:len(data_rows) + header - 2]
    assert after[:len(expected)] == expected
    assert after[len(expected)][:5] == [dt.date(2026, 12, 1), "2026-T3", "1.1.1", "Pågående",
                                        "Grön"]
    ws = openpyxl.load_workbook(book)[STATUS_HISTORY.name]
    last = header + len(data_rows) - 1  # two deleted, one appended
    assert ws.auto_filter.ref.endswith(str(last))
    assert ws.cell(last, 1).number_format == "yyyy-mm-dd"
    lights = [str(r.sqref) for r in ws.conditional_formatting]
    assert lights and all(ref.startswith(f"E{first}:") for ref in lights)


def test_deleting_rows_other_sheets_point_at_is_refused(tmp_path: Path) -> None:
    book = tmp_path / "bok.xlsx"
    wb = xlsxwriter.Workbook(str(book))
    wb.add_worksheet("Logg").write_column(0, 0, ["Rubrik", "a", "b", "c"])
    wb.add_worksheet("Summa").write_formula(0, 0, "=Logg!A3", None, "b")
    wb.close()
    patch = Patch()
    patch.delete_rows("Logg", [2])
    refused(book, patch, "delen xl/worksheets/sheet2.xml pekar på dem")


def test_deleting_rows_of_a_sheet_with_formulas_is_refused(tmp_path: Path) -> None:
    book = tmp_path / "bok.xlsx"
    wb = xlsxwriter.Workbook(str(book))
    ws = wb.add_worksheet("Logg")
    ws.write_column(0, 0, ["Rubrik", 1, 2])
    ws.write_formula(3, 0, "=A2+A3", None, 3)
    wb.close()
    patch = Patch()
    patch.delete_rows("Logg", [2])
    refused(book, patch, "formler som skulle behöva räknas om")
