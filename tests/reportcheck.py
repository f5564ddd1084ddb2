"""Reading report workbooks back in tests: tables by position, cells, chart series."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
import python_calamine
from openpyxl.utils.cell import range_boundaries


@dataclass
class Table:
    name: str
    ref: str
    header_row: int
    """1-based, as in Excel."""
    headers: list[str]
    rows: list[list[Any]]
    """Data rows (without the total row), values as calamine reads them."""
    total: list[Any] | None
    table: Any
    """The openpyxl table object (style, autofilter)."""

    def column(self, header: str) -> list[Any]:
        i = self.headers.index(header)
        return [row[i] for row in self.rows]

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.headers, row, strict=True)) for row in self.rows]


def values(path: Path) -> dict[str, list[list[Any]]]:
    """Every sheet's cell values from A1, as python-calamine reads them."""
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    return {name: book.get_sheet_by_name(name).to_python(skip_empty_area=False)
            for name in book.sheet_names}


def tables(path: Path, sheet: str) -> list[Table]:
    """The Excel tables of a sheet, top to bottom."""
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    cells = values(path)[sheet]

    def at(r: int, c: int) -> Any:
        row = cells[r - 1] if r - 1 < len(cells) else []
        return row[c - 1] if c - 1 < len(row) else ""

    out = []
    for table in ws.tables.values():
        min_col, min_row, max_col, max_row = range_boundaries(table.ref)
        totals = bool(table.totalsRowCount)
        last = max_row - 1 if totals else max_row
        headers = [at(min_row, c) for c in range(min_col, max_col + 1)]
        rows = [[at(r, c) for c in range(min_col, max_col + 1)] for r in range(min_row + 1,
                                                                              last + 1)]
        total = [at(max_row, c) for c in range(min_col, max_col + 1)] if totals else None
        out.append(Table(table.displayName, table.ref, min_row, headers, rows, total, table))
    return sorted(out, key=lambda t: t.header_row)


def table(path: Path, sheet: str) -> Table:
    found = tables(path, sheet)
    assert len(found) == 1, f"{sheet} has {len(found)} tables"
    return found[0]


def sheet_text(path: Path, sheet: str) -> list[str]:
    """Every non-empty cell of a sheet as text."""
    return [str(v) for row in values(path)[sheet] for v in row if v not in ("", None)]


def chart_series(path: Path, part: str = "xl/charts/chart1.xml") -> list[dict[str, str]]:
    """Each series of a chart part: its name, category and value references, colour and
    pattern (`wdUpDiag`; empty when solid)."""
    with zipfile.ZipFile(path) as archive:
        xml = archive.read(part).decode("utf-8")
    out = []
    for ser in re.findall(r"<c:ser>(.*?)</c:ser>", xml, re.S):
        refs = dict(re.findall(r"<c:(tx|cat|val)>.*?<c:f>(.*?)</c:f>", ser, re.S))
        colour = re.search(r'<c:spPr><a:(?:solidFill|pattFill[^>]*><a:fgClr)>'
                           r'<a:srgbClr val="([0-9A-F]{6})"', ser)
        pattern = re.search(r'<c:spPr><a:pattFill prst="(\w+)"', ser)
        out.append({**refs, "colour": "#" + colour.group(1) if colour else "",
                    "pattern": pattern.group(1) if pattern else ""})
    return out


def chart_xml(path: Path, part: str = "xl/charts/chart1.xml") -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(part).decode("utf-8")


def core_properties(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read("docProps/core.xml").decode("utf-8") + \
            archive.read("docProps/app.xml").decode("utf-8")
