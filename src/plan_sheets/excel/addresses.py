"""Cell addresses as the user sees them in Excel: 1-based rows, lettered columns."""

from __future__ import annotations

import re

_CELL = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")


def column_letter(column: int) -> str:
    """`1` -> `A`, `28` -> `AB`."""
    if column < 1:
        raise ValueError(f"column must be >= 1, got {column}")
    letters = ""
    while column:
        column, rem = divmod(column - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def column_number(letters: str) -> int:
    """`A` -> `1`, `AB` -> `28`."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def cell_address(row: int, column: int) -> str:
    """`(14, 12)` -> `L14`."""
    return f"{column_letter(column)}{row}"


def parse_address(address: str) -> tuple[int, int]:
    """`L14` -> `(14, 12)`."""
    m = _CELL.match(address)
    if not m:
        raise ValueError(f"not a cell address: {address!r}")
    return int(m.group(2)), column_number(m.group(1))


_PLAIN_NAME = re.compile(r"[^\W\d][\w.]*")
_LOOKS_LIKE_CELL = re.compile(r"[A-Za-z]{1,3}\d+|[Rr]\d*[Cc]\d*")


def quote_sheet(name: str) -> str:
    """A sheet name as it appears in a formula: `Mål!A1`, `'Min flik'!A1`."""
    if _PLAIN_NAME.fullmatch(name) and not _LOOKS_LIKE_CELL.fullmatch(name):
        return name
    return "'" + name.replace("'", "''") + "'"


def sheet_cell(sheet: str, row: int, column: int) -> str:
    """`Aktiviteter!L14` (quoted when the name needs it)."""
    return f"{quote_sheet(sheet)}!{cell_address(row, column)}"
