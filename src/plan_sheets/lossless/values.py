"""Python values as Excel stores them: escaped text, serial dates, plain numbers.

Text is stored as Excel itself stores it: characters XML cannot hold become
`_xHHHH_`, and text that already looks like such an escape gets its underscore
escaped (`_x005F_`), so that Excel shows exactly the text that was written.
Nothing is ever shortened: text over Excel's limit is refused.
"""

from __future__ import annotations

import datetime as dt
import math
import re

from plan_sheets.excel.addresses import cell_address
from plan_sheets.lossless.problems import Refusal
from plan_sheets.workbook.schema import EXCEL_MAX_TEXT

CellValue = str | int | float | bool | dt.date | dt.datetime | dt.time | dt.timedelta | None

_LOOKS_ESCAPED = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_EPOCH_1900 = dt.datetime(1899, 12, 30)
_EPOCH_1904 = dt.datetime(1904, 1, 1)
_FIRST_1900 = dt.date(1900, 3, 1)
"""Before this Excel's 1900 date system counts a day that never was (1900-02-29)."""
MAX_EXACT_INT = 2**53


def excel_text(text: str, *, where: Where | str) -> str:
    """Text as stored in the XML of a cell; refuses what Excel cannot hold."""
    m = _SURROGATE.search(text)
    if m:
        raise Refusal(f"{where}: texten innehåller ett tecken som inte kan sparas i en "
                      f"Excelfil (U+{ord(m.group()):04X}, ett halvt tecken)")
    # A character is one or two UTF-16 units: only a long text needs counting.
    length = len(text.encode("utf-16-le")) // 2 if 2 * len(text) > EXCEL_MAX_TEXT else 0
    if length > EXCEL_MAX_TEXT:
        raise Refusal(f"{where}: texten är {length} tecken lång, men en cell i Excel rymmer "
                      f"högst {EXCEL_MAX_TEXT} tecken; plan-sheets kortar aldrig en text själv")
    if "_x" in text:
        text = _LOOKS_ESCAPED.sub("_x005F_", text)
    return _NOT_XML.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


def excel_number(value: int | float, *, where: Where | str) -> str:
    """A number as `<v>` text; refuses what Excel would store as something else."""
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            raise Refusal(f"{where}: {value} är inget tal som kan sparas i Excel")
        if value.is_integer() and abs(value) < MAX_EXACT_INT:
            return str(int(value))
        return repr(value)
    if abs(value) > MAX_EXACT_INT:
        raise Refusal(f"{where}: talet {value} har fler siffror än Excel kan spara exakt "
                      f"(15); skriv det som text i stället")
    return str(value)


def serial(value: dt.date | dt.time | dt.timedelta, *, date1904: bool,
           where: Where | str) -> str:
    """A date or datetime as Excel's serial day number, a time of day as the part of a
    day it is, a duration as days, as `<v>` text."""
    if isinstance(value, dt.time):
        if value.tzinfo is not None:
            raise Refusal(f"{where}: klockslaget {value.isoformat()} har en tidszon; Excel "
                          f"sparar bara lokal tid, så plan-sheets räknar inte om det själv")
        seconds = value.hour * 3600 + value.minute * 60 + value.second
        return excel_number(seconds / 86400 + value.microsecond / 86400e6, where=where)
    if isinstance(value, dt.timedelta):
        return excel_number(value / dt.timedelta(days=1), where=where)
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            raise Refusal(f"{where}: tidpunkten {value.isoformat()} har en tidszon; Excel "
                          f"sparar bara lokal tid, så plan-sheets räknar inte om den själv")
        moment = value
    else:
        moment = dt.datetime.combine(value, dt.time())
    first = _EPOCH_1904.date() if date1904 else _FIRST_1900
    if moment.date() < first:
        raise Refusal(f"{where}: datumet {value.isoformat()} ligger före {first.isoformat()} "
                      f"och kan inte sparas som datum i Excel")
    delta = moment - (_EPOCH_1904 if date1904 else _EPOCH_1900)
    if isinstance(value, dt.datetime) and (delta.seconds or delta.microseconds):
        return repr(delta.days + (delta.seconds + delta.microseconds / 1e6) / 86400)
    return str(delta.days)


class Where:
    """`Aktiviteter!L14`, as messages name a cell; spelt out only when a message is made."""

    __slots__ = ("sheet", "row", "column")

    def __init__(self, sheet: str, row: int, column: int) -> None:
        self.sheet, self.row, self.column = sheet, row, column

    def __str__(self) -> str:
        return f"{self.sheet}!{cell_address(self.row, self.column)}"


def where(sheet: str, row: int, column: int) -> Where:
    """Where a cell is, for messages (`f"{where(...)}"` gives `Aktiviteter!L14`)."""
    return Where(sheet, row, column)


def check_type(value: object) -> None:
    """Refuse (as a programming error) a value the writer has no cell form for."""
    if value is None or isinstance(value, (str, int, float, dt.date, dt.time, dt.timedelta)):
        return
    raise TypeError(f"a cell value must be str, int, float, bool, date, datetime, time, "
                    f"timedelta or None, not {type(value).__name__}")
