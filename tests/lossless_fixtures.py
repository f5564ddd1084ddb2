"""Workbooks for the lossless writer's tests: what staff make in Excel, built in code.

`staff_workbook()` writes a huvuddokument-like workbook with xlsxwriter (an
image, a text box, legacy comments, a sparkline, an x14 data bar, a staff
conditional format and dropdown, a formula with its cached value, rich text,
a merged title) and then injects into the zip what xlsxwriter cannot write: a
threaded comment with its persons part, and an x14 cross-sheet dropdown in the
sheet's extLst. With `macro=True` it is an `.xlsm` holding xl/vbaProject.bin.
"""

from __future__ import annotations

import datetime as dt
import io
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import xlsxwriter

from plan_sheets.lossless import Patch
from plan_sheets.workbook.schema import ACTIVITIES

HEADERS = [f.header for f in ACTIVITIES.fields] + ["Egen anteckning"]
STATUS_COL = HEADERS.index("Status") + 1
PHASE_COL = HEADERS.index("Läge") + 1
GOALS_COL = HEADERS.index("Mål") + 1
UPDATED_COL = HEADERS.index("Senast uppdaterad") + 1
TITLE_COL = HEADERS.index("Aktivitet") + 1
HEADER_ROW = 2
FIRST_ROW = 3
ROWS = 12
LAST_ROW = FIRST_ROW + ROWS - 1
FAKE_VBA = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"plan-sheets test macro" * 40

THREADED_NS = "http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"
PERSON_ID = "{6B0E9E3C-5B9A-4C1F-9A55-0F2E0D6E1A11}"
THREADED = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<ThreadedComments xmlns="{THREADED_NS}" xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><threadedComment ref="D3" dT="2026-05-04T09:30:00.00" personId="{PERSON_ID}" id="{{0C8D8D2E-7E59-4B7C-8F0D-3A1B2C3D4E5F}}"><text>Kan vi flytta den här till hösten?</text></threadedComment></ThreadedComments>"""  # noqa: E501
PERSONS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<personList xmlns="{THREADED_NS}" xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><person displayName="Anna Andersson" id="{PERSON_ID}" userId="anna.andersson@kommun.se" providerId="AD"/></personList>"""  # noqa: E501
X14_DROPDOWN = (
    '<ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" '
    'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
    '<x14:dataValidations count="1" '
    'xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
    '<x14:dataValidation type="list" allowBlank="1" showInputMessage="1" '
    'showErrorMessage="1"><x14:formula1><xm:f>\'Mål\'!$A$2:$A$20</xm:f></x14:formula1>'
    f"<xm:sqref>R{FIRST_ROW}:R{LAST_ROW + 20}</xm:sqref></x14:dataValidation>"
    "</x14:dataValidations></ext>")


def a_patch() -> Patch:
    """One change: the first activity's Status becomes Röd."""
    patch = Patch()
    patch.set_cell("Aktiviteter", FIRST_ROW, STATUS_COL, "Röd")
    return patch


def tiny_png() -> bytes:
    """A 4x4 red PNG, made here so that the tests ship no binary."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))
    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 4 for _ in range(4))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def activity_row(i: int) -> list[Any]:
    focus, area = 1 + i % 5, 1 + i % 3
    return [
        f"{focus}.{area}.{i + 1}", focus, f"{focus}.{area}", f"Aktivitet nummer {i + 1}",
        "Beskrivning med åäö och lite mer text", "Näringslivskontoret", "Anna Andersson", "",
        dt.datetime(2025, 1, 1), dt.datetime(2027, 12, 31), "Pågående",
        ["Grön", "Gul", "Röd"][i % 3], "Går enligt plan", "", "", "M1, M2",
        dt.datetime(2024, 12, 1), dt.datetime(2026, 9, 1), f"anteckning {i}",
    ]


def staff_workbook(path: Path, *, macro: bool = False) -> Path:
    """Write the staff-made workbook to `path` (give `.xlsm` with macro=True)."""
    plain = io.BytesIO()
    wb = xlsxwriter.Workbook(plain, {"strings_to_formulas": False, "strings_to_urls": False,
                                     "in_memory": True})
    bold = wb.add_format({"bold": True, "bg_color": "#1F4E78", "font_color": "#FFFFFF"})
    date = wb.add_format({"num_format": "yyyy-mm-dd"})
    wrap = wb.add_format({"text_wrap": True, "border": 1})
    ws = wb.add_worksheet("Aktiviteter")
    ws.merge_range(0, 0, 0, 8, "Handlingsplan – uppföljning", bold)
    ws.write_row(HEADER_ROW - 1, 0, HEADERS, bold)
    for i in range(ROWS):
        for c, value in enumerate(activity_row(i)):
            if isinstance(value, dt.datetime):
                ws.write_datetime(FIRST_ROW - 1 + i, c, value, date)
            elif isinstance(value, int):
                ws.write_number(FIRST_ROW - 1 + i, c, value, wrap)
            else:
                ws.write_string(FIRST_ROW - 1 + i, c, value, wrap)
    ws.write_rich_string(LAST_ROW - 1, len(HEADERS) - 1, "Rik ", bold, "text", " här", wrap)
    ws.write_comment(FIRST_ROW - 1, 3, "[Trådad kommentar]\nKan vi flytta den här till hösten?",
                     {"author": "tc=" + PERSON_ID})
    ws.insert_textbox(FIRST_ROW + ROWS + 4, 2, "Anteckning från styrgruppen",
                      {"width": 300, "height": 60})
    ws.insert_image(FIRST_ROW + ROWS + 4, 8, "logo.png",
                    {"image_data": io.BytesIO(tiny_png()), "x_scale": 4, "y_scale": 4})
    ws.add_sparkline(FIRST_ROW - 1, len(HEADERS),
                     {"range": f"Aktiviteter!B{FIRST_ROW}:C{FIRST_ROW}"})
    ws.conditional_format(FIRST_ROW - 1, 1, LAST_ROW - 1, 1,
                          {"type": "data_bar", "data_bar_2010": True})
    # The staff's own rule on the Status column: it must survive our traffic lights.
    ws.conditional_format(FIRST_ROW - 1, STATUS_COL - 1, LAST_ROW - 1, STATUS_COL - 1,
                          {"type": "text", "criteria": "containing", "value": "?",
                           "format": wb.add_format({"italic": True})})
    ws.data_validation(FIRST_ROW - 1, 5, LAST_ROW - 1, 5,
                       {"validate": "list", "source": ["Näringslivskontoret", "Annat"]})
    goals = wb.add_worksheet("Mål")
    goals.write_row(0, 0, ["ID", "Mål"])
    for i in range(1, 6):
        goals.write_row(i, 0, [f"M{i}", f"Mål nummer {i}"])
    goals.write_formula(7, 0, f"=COUNTA(Aktiviteter!A{FIRST_ROW}:A{LAST_ROW})", None, ROWS)
    if macro:
        wb.add_vba_project(io.BytesIO(FAKE_VBA), is_stream=True)
    wb.close()
    data = inject_staff_parts(plain.getvalue(), macro=macro)
    path.write_bytes(data)
    return path


def inject_staff_parts(data: bytes, *, macro: bool = False) -> bytes:
    """Add a threaded comment (with persons) and an x14 cross-sheet dropdown."""
    def edit(name: str, text: str) -> str:
        if name == "[Content_Types].xml":
            extra = ('<Override PartName="/xl/threadedComments/threadedComment1.xml" '
                     'ContentType="application/vnd.ms-excel.threadedcomments+xml"/>'
                     '<Override PartName="/xl/persons/person.xml" '
                     'ContentType="application/vnd.ms-excel.person+xml"/>')
            if macro:
                text = text.replace("spreadsheetml.sheet.main+xml",
                                    "ms-excel.sheet.macroEnabled.main+xml")
            return text.replace("</Types>", extra + "</Types>")
        if name == "xl/_rels/workbook.xml.rels":
            return text.replace("</Relationships>",
                                '<Relationship Id="rId90" Type="http://schemas.microsoft.com/'
                                'office/2017/10/relationships/person" '
                                'Target="persons/person.xml"/></Relationships>')
        if name == "xl/worksheets/_rels/sheet1.xml.rels":
            return text.replace("</Relationships>",
                                '<Relationship Id="rId90" Type="http://schemas.microsoft.com/'
                                'office/2017/10/relationships/threadedComment" '
                                'Target="../threadedComments/threadedComment1.xml"/>'
                                "</Relationships>")
        if name == "xl/worksheets/sheet1.xml":
            # Into the sheet's own extLst (the last), not a data bar's inside a cfRule.
            at = text.rindex("<extLst>") + len("<extLst>")
            return text[:at] + X14_DROPDOWN + text[at:]
        return text

    added = {"xl/threadedComments/threadedComment1.xml": THREADED.encode(),
             "xl/persons/person.xml": PERSONS.encode()}
    return rewrite_zip(data, edit, added=added)


def rewrite_zip(data: bytes, edit: Callable[[str, str], str], *,
                added: dict[str, bytes] | None = None) -> bytes:
    """A copy of a zip with text members passed through `edit` and members added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            member = src.read(info.filename)
            if info.filename.endswith((".xml", ".rels")):
                member = edit(info.filename, member.decode("utf-8")).encode("utf-8")
            dst.writestr(info, member)
        for name, member in (added or {}).items():
            dst.writestr(name, member)
    return out.getvalue()


def members(path: Path) -> dict[str, bytes]:
    """Every zip member's uncompressed bytes."""
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name) for name in z.namelist()}


def part_text(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(name).decode("utf-8")


def ext_list(xml: str) -> str:
    """The worksheet's own `<extLst>…</extLst>` (the last one: cell rules have their own)."""
    start = xml.rindex("<extLst>")
    return xml[start:xml.index("</extLst>", start) + len("</extLst>")]


def excel_owner_file(name: str, *, word: bool = False) -> bytes:
    """An owner file as Excel (or Word, `word=True`) writes it for user `name`."""
    size = 162 if word else 165
    data = bytearray(b" " * size)
    data[0] = len(name)
    encoded = name.encode("cp1252")
    data[1:1 + len(encoded)] = encoded
    if word:
        data[1 + len(encoded):54] = b"\x00" * (53 - len(encoded))
    pos = 54 if word else 55
    data[pos:pos + 2] = struct.pack("<H", len(name))
    utf16 = name.encode("utf-16-le")
    data[pos + 2:pos + 2 + len(utf16)] = utf16
    return bytes(data)


def calamine_grid(path: Path, sheet: str) -> list[list[Any]]:
    import python_calamine

    return python_calamine.load_workbook(str(path)).get_sheet_by_name(sheet).to_python(
        skip_empty_area=False)



