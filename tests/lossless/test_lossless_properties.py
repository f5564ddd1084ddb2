"""Property: on any small workbook and any change set, exactly the requested cells differ."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

import openpyxl
import xlsxwriter
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from lossless_fixtures import calamine_grid
from plan_sheets.lossless import Patch, apply_patch

TRICKY = ["=SUM(1)", "+1", "-2", "@x", "_x0041_", " lead", "trail ", "a\r\nb", "\x01ctl\x1f",
          "Grön", "'quoted", "<tag>&amp;", "\t", "𝄞 astral"]

texts = st.one_of(st.sampled_from(TRICKY),
                  st.text(st.characters(exclude_categories=("Cs",)), max_size=12))
# Written numbers may land in a date-formatted cell (its style is kept), and python-calamine
# reads those as dates: keep them within Excel's dates (negative ones are tested elsewhere).
numbers = st.one_of(st.integers(0, 2_958_465), st.floats(0, 2_958_465))
signed = st.one_of(st.integers(-10**12, 10**12),
                   st.floats(allow_nan=False, allow_infinity=False, width=64))
dates = st.dates(dt.date(1900, 3, 1), dt.date(9999, 12, 31))
datetimes = st.datetimes(dt.datetime(1900, 3, 1), dt.datetime(9999, 12, 30))
values = st.one_of(st.none(), texts, numbers, st.booleans(), dates, datetimes)
base_values = st.one_of(st.none(), texts, signed, st.booleans(), dates, datetimes)
positions = st.tuples(st.integers(1, 9), st.integers(1, 6))

BASE_ROWS, BASE_COLS = 6, 4


def write_book(path: Path, cells: dict[tuple[int, int], Any], styles: dict[tuple[int, int], int]
               ) -> None:
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False,
                                         "strings_to_urls": False,
                                         "strings_to_numbers": False})
    formats = [None, wb.add_format({"bold": True}), wb.add_format({"num_format": "yyyy-mm-dd"}),
               wb.add_format({"bg_color": "#FFEB9C", "text_wrap": True})]
    ws = wb.add_worksheet("Data")
    wb.add_worksheet("Annat").write_string(0, 0, "orörd")
    for (r, c), value in cells.items():
        fmt = formats[styles.get((r, c), 0)]
        if value is None:
            ws.write_blank(r - 1, c - 1, None, fmt or formats[1])
        elif isinstance(value, bool):
            ws.write_boolean(r - 1, c - 1, value, fmt)
        elif isinstance(value, (int, float)):
            ws.write_number(r - 1, c - 1, value, fmt)
        elif isinstance(value, dt.date):
            moment = value if isinstance(value, dt.datetime) else dt.datetime.combine(value,
                                                                                      dt.time())
            ws.write_datetime(r - 1, c - 1, moment, formats[2])
        else:
            ws.write_string(r - 1, c - 1, value, fmt)
    wb.close()


def same(expected: Any, got: Any) -> bool:
    """Whether calamine's `got` is the value `expected` that was written."""
    if expected is None or expected == "":
        return got == ""
    if isinstance(expected, bool) or isinstance(expected, str):
        return type(got) is type(expected) and got == expected
    if isinstance(expected, (int, float)):
        if isinstance(got, float):
            return got == float(expected)
        # A number in a date-formatted cell (its style is kept) reads as a date or a time.
        return abs(days(got) - float(expected)) <= 1 / 86_400_000
    if isinstance(expected, dt.datetime):
        moment = got if isinstance(got, dt.datetime) else dt.datetime.combine(got, dt.time())
        return abs(moment - expected) <= dt.timedelta(milliseconds=1)
    return got == expected or (isinstance(got, dt.datetime) and got == dt.datetime.combine(
        expected, dt.time()))


def days(value: Any) -> float:
    """Excel's serial day number of a date, datetime or time that calamine returned."""
    if isinstance(value, dt.time):
        return (value.hour * 3600 + value.minute * 60 + value.second
                + value.microsecond / 1e6) / 86400
    if not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time())
    serial = (value - dt.datetime(1899, 12, 30)) / dt.timedelta(days=1)
    return serial - 1 if value < dt.datetime(1900, 3, 1) else serial  # Excel's 1900-02-29


def cell(grid: list[list[Any]], r: int, c: int) -> Any:
    return grid[r - 1][c - 1] if r <= len(grid) and c <= len(grid[r - 1]) else ""


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(base=st.dictionaries(st.tuples(st.integers(1, BASE_ROWS), st.integers(1, BASE_COLS)),
                            base_values, max_size=18),
       styles=st.dictionaries(positions, st.sampled_from([0, 1, 3]), max_size=8),
       changes=st.dictionaries(positions, values, min_size=1, max_size=8),
       appended=st.lists(st.dictionaries(st.integers(1, 5), values, min_size=1, max_size=3),
                         max_size=2))
# A row holding only empty text is empty to the reader: rows are appended in its place.
@example(base={(1, 2): ""}, styles={}, changes={(1, 1): None}, appended=[{1: "=SUM(1)"}])
def test_exactly_the_requested_cells_change(base, styles, changes, appended) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bok.xlsx"
        write_book(path, base, styles)
        before = calamine_grid(path, "Data")
        untouched_sheet = calamine_grid(path, "Annat")
        patch = Patch()
        for (r, c), value in changes.items():
            patch.set_cell("Data", r, c, value)
        if appended:
            patch.append_rows("Data", appended)
        apply_patch(path, patch, archive=False)
        after = calamine_grid(path, "Data")
        assert calamine_grid(path, "Annat") == untouched_sheet

        holding = [r for r in range(1, 12) if any(
            changes.get((r, c), cell(before, r, c) if (r, c) not in changes else None)
            not in (None, "") for c in range(1, 7))]
        first_new = max(holding, default=0) + 1
        expected_new = {(first_new + i, c): v for i, row in enumerate(appended)
                        for c, v in row.items()}
        height = max(len(before), len(after), first_new + len(appended))
        for r in range(1, height + 1):
            for c in range(1, 7):
                got = cell(after, r, c)
                if (r, c) in expected_new:
                    assert same(expected_new[(r, c)], got), ((r, c), expected_new[(r, c)], got)
                elif (r, c) in changes:
                    assert same(changes[(r, c)], got), ((r, c), changes[(r, c)], got)
                else:
                    assert got == cell(before, r, c), ((r, c), cell(before, r, c), got)

        # openpyxl (another reader) agrees on the written text cells: text stays text. It
        # does not decode Excel's _xHHHH_ escapes in inline text, so those are left to calamine.
        ws = openpyxl.load_workbook(path)["Data"]
        for (r, c), value in changes.items():
            if isinstance(value, str) and value and "\r" not in value and "_x" not in value \
                    and value.isprintable():
                assert ws.cell(r, c).value == value
                assert ws.cell(r, c).data_type in ("s", "inlineStr")
