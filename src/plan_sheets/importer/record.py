"""The record of an import: every interpretation, one row each, in the sheet `Import`.

Source cell, what was read there, what was written where, and the rule that
did it. What a person must decide (a colour between two lights, a timeline
that reads two ways, two activities with the same text) is marked so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from plan_sheets.excel.addresses import sheet_cell

IMPORT_SHEET = "Import"
HEADERS = ("Källa (blad!cell)", "Läst", "Skrivet", "Regel")
DECIDE = "ATT AVGÖRA: "
"""Starts the rule of a row a person must decide; such rows are also filled yellow."""
WIDTHS = (26, 40, 40, 70)


@dataclass(frozen=True)
class Entry:
    source: str
    read: str
    written: str
    rule: str
    decide: bool = False


@dataclass
class Record:
    entries: list[Entry] = field(default_factory=list)

    def add(self, source: str, read: object, written: object, rule: str, *,
            decide: bool = False) -> None:
        self.entries.append(Entry(source, _shown(read), _shown(written),
                                  f"{DECIDE}{rule}" if decide else rule, decide))

    @property
    def decisions(self) -> list[Entry]:
        return [e for e in self.entries if e.decide]


def source_cell(sheet: str, row: int, column: int | None) -> str:
    return sheet_cell(sheet, row, column) if column else f"{sheet} rad {row}"


def _shown(value: object) -> str:
    from plan_sheets.workbook.findings import display

    if value is None or value == "":
        return "(tom)"
    return display(value) if not isinstance(value, str) else value


def write_import_sheet(book: Any, record: Record, *, source: str) -> None:
    """The `Import` sheet in a workbook being built (newbook.BookBuilder)."""
    ws = book.wb.add_worksheet(IMPORT_SHEET)
    fmts = book.fmts
    decide = book.wb.add_format({"font_name": "Calibri", "font_size": 11, "valign": "top",
                                 "text_wrap": True, "bg_color": "#FFEB9C"})
    ws.merge_range(0, 0, 0, len(HEADERS) - 1,
                   f"Import från {source}: varje tolkning, en rad var. Rader märkta "
                   f"{DECIDE.strip()} behöver en människas beslut.", fmts.title)
    ws.set_row(0, 36)
    for col, (header, width) in enumerate(zip(HEADERS, WIDTHS, strict=True)):
        ws.write_string(1, col, header, fmts.header)
        ws.set_column(col, col, width)
    from plan_sheets.excel.textwidth import row_height, text_lines

    for row, entry in enumerate(record.entries, start=2):
        fmt = decide if entry.decide else fmts.wrap
        texts = (entry.source, entry.read, entry.written, entry.rule)
        for col, text in enumerate(texts):
            ws.write_string(row, col, text, fmt)
        lines = max(text_lines(t, w) for t, w in zip(texts, WIDTHS, strict=True))
        if lines > 1:
            ws.set_row(row, row_height(lines))
    ws.autofilter(1, 0, max(1, len(record.entries) + 1), len(HEADERS) - 1)
    ws.freeze_panes(2, 0)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(1)
