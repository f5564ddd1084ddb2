"""Cell ranges as the worksheet XML writes them (`A1:B5`, `sqref="A1 C3:C9"`)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from plan_sheets.excel.addresses import column_letter, column_number

_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$")


@dataclass(frozen=True, order=True)
class Area:
    """A rectangle of cells, 1-based and inclusive."""

    first_row: int
    first_col: int
    last_row: int
    last_col: int

    @property
    def ref(self) -> str:
        first = f"{column_letter(self.first_col)}{self.first_row}"
        if (self.first_row, self.first_col) == (self.last_row, self.last_col):
            return first
        return f"{first}:{column_letter(self.last_col)}{self.last_row}"

    @property
    def absolute(self) -> str:
        first = f"${column_letter(self.first_col)}${self.first_row}"
        return f"{first}:${column_letter(self.last_col)}${self.last_row}"

    def contains(self, row: int, column: int) -> bool:
        return (self.first_row <= row <= self.last_row
                and self.first_col <= column <= self.last_col)

    def union(self, other: Area) -> Area:
        return Area(min(self.first_row, other.first_row), min(self.first_col, other.first_col),
                    max(self.last_row, other.last_row), max(self.last_col, other.last_col))


def parse_ref(text: str) -> Area | None:
    """`B2:D9` (or `B2`, `$B$2`) as an Area; None for what is not a plain range."""
    m = _REF.match(text.strip())
    if not m:
        return None
    r1, c1 = int(m.group(2)), column_number(m.group(1))
    r2, c2 = (int(m.group(4)), column_number(m.group(3))) if m.group(3) else (r1, c1)
    return Area(min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2))


def parse_sqref(text: str) -> list[Area] | None:
    """The areas of a space-separated sqref; None when one of them cannot be read."""
    areas = [parse_ref(part) for part in text.split()]
    if any(a is None for a in areas):
        return None
    return [a for a in areas if a is not None]


def sqref(areas: Iterable[Area]) -> str:
    return " ".join(a.ref for a in areas)


def column_rows_free(column: int, first_row: int, last_row: int,
                     taken: Iterable[Area]) -> list[tuple[int, int]]:
    """The row spans of one column segment that no `taken` area covers."""
    spans = [(first_row, last_row)]
    for area in taken:
        if not area.first_col <= column <= area.last_col:
            continue
        next_spans = []
        for lo, hi in spans:
            if area.last_row < lo or area.first_row > hi:
                next_spans.append((lo, hi))
                continue
            if lo < area.first_row:
                next_spans.append((lo, area.first_row - 1))
            if area.last_row < hi:
                next_spans.append((area.last_row + 1, hi))
        spans = next_spans
    return spans


def shift_rows(area: Area, deleted: list[int]) -> Area | None:
    """The area after rows `deleted` (sorted) are removed and rows below move up, as Excel does."""
    above_first = sum(1 for d in deleted if d < area.first_row)
    up_to_last = sum(1 for d in deleted if d <= area.last_row)
    first, last = area.first_row - above_first, area.last_row - up_to_last
    if last < first:
        return None
    return Area(first, area.first_col, last, area.last_col)
