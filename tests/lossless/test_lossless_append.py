"""Appending into new rows writes bytes directly; they must be what the tree would write."""

from __future__ import annotations

import datetime as dt

import pytest

from plan_sheets.lossless.sheetxml import Worksheet
from plan_sheets.lossless.styles import Styles

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="{MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/>
</numFmts><fonts count="1"><font/></fonts><fills count="1"><fill/></fills>
<borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>
<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="0" fontId="0"/>
<xf numFmtId="14"/></cellXfs></styleSheet>""".encode()

ROWS = (
    ((1, "text & <more> \"quoted\"\r\nlines\tand _x0041_"), (2, 3), (3, 2.5), (5, True)),
    ((1, ""), (2, None), (4, dt.date(2026, 11, 26)), (6, dt.datetime(2026, 11, 26, 12, 30))),
    (),
    ((2, False), (7, 12345678901), (3, dt.date(2025, 1, 1))),
)


def sheet(*, prefix: str, template: str, cols: str = "") -> bytes:
    p = f"{prefix}:" if prefix else ""
    ns = f'xmlns:{prefix}="{MAIN}"' if prefix else f'xmlns="{MAIN}"'
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<{p}worksheet {ns}><{p}dimension ref="A1:C2"/>{cols}<{p}sheetData>'
            f'<{p}row r="1"><{p}c r="A1" t="inlineStr"><{p}is><{p}t>ID</{p}t></{p}is></{p}c>'
            f'</{p}row>{template}</{p}sheetData><{p}mergeCells count="1">'
            f'<{p}mergeCell ref="A1:B1"/></{p}mergeCells></{p}worksheet>').encode()


TEMPLATES = {
    "plain": "",
    "styled cells": '<row r="2"><c r="A2" s="2"><v>1</v></c><c r="C2" s="0"><v>2</v></c>'
                    '<c r="D2" s="1"><v>3</v></c></row>',
    "styled row": '<row r="2" s="2" customFormat="1"><c r="B2" s="3"><v>1</v></c></row>',
}


@pytest.mark.parametrize("prefix", ["", "x"])
@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("cols", ["", '<cols><col min="2" max="4" width="9" style="2"/></cols>'])
def test_new_rows_as_bytes_are_what_the_tree_writes(prefix: str, template: str,
                                                    cols: str) -> None:
    row = TEMPLATES[template]
    if prefix and row:
        row = row.replace("<row", f"<{prefix}:row").replace("</row", f"</{prefix}:row") \
            .replace("<c ", f"<{prefix}:c ").replace("</c>", f"</{prefix}:c>") \
            .replace("<v>", f"<{prefix}:v>").replace("</v>", f"</{prefix}:v>")
    if prefix and cols:
        cols = cols.replace("<cols>", f"<{prefix}:cols>").replace("</cols>", f"</{prefix}:cols>")\
            .replace("<col ", f"<{prefix}:col ")
    data = sheet(prefix=prefix, template=row, cols=cols)
    written = {}
    for how in ("_append_new", "_append_cells"):
        ws = Worksheet(data, part="xl/worksheets/sheet1.xml", sheet="Data")
        styles = Styles(STYLES, part="xl/styles.xml")
        ws.append(ROWS, header_row=1, styles=styles, date1904=False) if how == "_append_new" \
            else _append_in_tree(ws, styles)
        written[how] = (ws.to_bytes(), dict(ws.appended), styles.to_bytes())
    assert written["_append_new"] == written["_append_cells"]


def _append_in_tree(ws: Worksheet, styles: Styles) -> None:
    """`append`, made to take the cell-by-cell path (the rows it would fill exist)."""
    fast = ws._append_new
    ws._append_new = ws._append_cells  # type: ignore[method-assign]
    try:
        ws.append(ROWS, header_row=1, styles=styles, date1904=False)
    finally:
        ws._append_new = fast  # type: ignore[method-assign]


def test_a_row_appended_as_bytes_can_be_changed_again() -> None:
    ws = Worksheet(sheet(prefix="", template=""), part="xl/worksheets/sheet1.xml", sheet="Data")
    styles = Styles(STYLES, part="xl/styles.xml")
    first = ws.append(ROWS[:1], header_row=1, styles=styles, date1904=False)
    ws.write(first, 2, "ändrad", styles=styles, date1904=False)
    assert b'<c r="B2" t="inlineStr"><is><t>\xc3\xa4ndrad</t></is></c>' \
        in ws.to_bytes()
    assert ws.last_data_row() == first


@pytest.mark.parametrize("how", ["append", "write"])
def test_only_text_excel_would_trim_is_marked_to_keep_its_spaces(how: str) -> None:
    """As XlsxWriter does: xml:space="preserve" on text that starts or ends with a space or
    line break, and on no other (a snapshot row is a fifth shorter without it)."""
    ws = Worksheet(sheet(prefix="", template=""), part="xl/worksheets/sheet1.xml", sheet="Data")
    styles = Styles(STYLES, part="xl/styles.xml")
    texts = (" indrag", "slut\u00a0", "rad 1\nrad 2", "\nny rad först", "två  mellanslag")
    rows = tuple(((1, text),) for text in texts)
    if how == "append":
        ws.append(rows, header_row=1, styles=styles, date1904=False)
    else:
        for r, text in enumerate(texts, start=2):
            ws.write(r, 1, text, styles=styles, date1904=False)
    data = ws.to_bytes().decode()
    assert '<t xml:space="preserve"> indrag</t>' in data
    assert '<t xml:space="preserve">slut\u00a0</t>' in data
    assert "<t>rad 1\nrad 2</t>" in data
    assert '<t xml:space="preserve">\nny rad först</t>' in data
    assert "<t>två  mellanslag</t>" in data
    assert data.count("xml:space") == 3
