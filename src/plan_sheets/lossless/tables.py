"""Excel tables (ListObjects) on a sheet the writer changes.

A table's range is kept in its own part (`xl/tables/tableN.xml`). Rows
appended directly below a table become part of it, as when typing under a
table in Excel; the header row is off limits, because a table's column names
must equal its header cells.
"""

from __future__ import annotations

from dataclasses import dataclass

from plan_sheets.lossless import xmlparts
from plan_sheets.lossless.package import Package
from plan_sheets.lossless.problems import Refusal
from plan_sheets.lossless.refs import Area, parse_ref
from plan_sheets.lossless.sheetxml import Worksheet
from plan_sheets.lossless.workbook import relationships


@dataclass(frozen=True)
class Table:
    part: str
    name: str
    area: Area
    header_rows: int
    totals_rows: int


def tables_of(package: Package, ws: Worksheet) -> list[Table]:
    """The tables on a worksheet (none unless it has tableParts)."""
    parts = ws.root.find(ws.q("tableParts"))
    if parts is None:
        return []
    rels = relationships(package, ws.part)
    found = []
    for rel_type, target in rels.values():
        if not rel_type.endswith("/table") or not package.has(target):
            continue
        root = xmlparts.parse(package.read(target), part=target)
        area = parse_ref(root.get("ref", ""))
        if area is None:
            continue
        found.append(Table(target, root.get("displayName") or root.get("name", ""), area,
                           int(root.get("headerRowCount", "1")),
                           int(root.get("totalsRowCount", "0"))))
    return found


def covering_row(tables: list[Table], row: int) -> Table | None:
    """The table whose header is `row`, or that spans it (it has a filter of its own)."""
    return next((t for t in tables if t.area.first_row <= row <= t.area.last_row), None)


def check_not_header(tables: list[Table], ws: Worksheet, r: int, c: int) -> None:
    """Refuse writing a table's header cell (its column names must stay its headers)."""
    for table in tables:
        if table.header_rows and r == table.area.first_row \
                and table.area.first_col <= c <= table.area.last_col:
            raise Refusal(f"{ws.sheet}!{Area(r, c, r, c).ref} är rubrik i tabellen {table.name} "
                          f"och ändras inte av plan-sheets", part=table.part)


def grow(package: Package, ws: Worksheet, *, last: int, new_last: int) -> dict[str, bytes]:
    """Stretch the tables over row `last` (ending at it, or in empty rows below it) down to
    `new_last`; new part bytes."""
    changed: dict[str, bytes] = {}
    for table in tables_of(package, ws):
        if not table.area.first_row <= last <= table.area.last_row < new_last:
            continue
        if table.totals_rows:
            raise Refusal(f"raderna kan inte läggas till under tabellen {table.name} i bladet "
                          f"{ws.sheet}, eftersom den slutar med en summarad", part=table.part)
        xml = xmlparts.Part(package.read(table.part), part=table.part)
        root = xml.root
        grown = Area(table.area.first_row, table.area.first_col, new_last, table.area.last_col)
        root.set("ref", grown.ref)
        for auto in root.iter(f"{{{xmlparts.ns_of(root)}}}autoFilter"):
            area = parse_ref(auto.get("ref", ""))
            if area is not None and last <= area.last_row < new_last:
                auto.set("ref", Area(area.first_row, area.first_col, new_last,
                                     area.last_col).ref)
        changed[table.part] = xml.to_bytes()
        ws.note_touched(grown)
    return changed

