"""Dates as staff type them: real dates, ISO text, `YYYY`, `YYYY-MM`, serial numbers.

A year or a month stands for its first day when it starts something and its
last day when it ends something, so that `Slut 2025` is overdue only in 2026.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from plan_sheets.periods import Period

EXCEL_EPOCH = dt.date(1899, 12, 30)
SERIAL_RANGE = (20000, 110000)
"""Excel serial numbers that are plausible dates (1954–2201)."""
YEAR_RANGE = (1900, 2200)

_ISO = re.compile(
    r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"
)
_MONTH = re.compile(r"^(\d{4})[-/.](\d{1,2})$")
_YEAR = re.compile(r"^(\d{4})$")
_DMY = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.\s]\s*(\d{4})$")
_SWEDISH_MONTHS = {
    "jan": 1, "januari": 1, "feb": 2, "februari": 2, "mar": 3, "mars": 3, "apr": 4, "april": 4,
    "maj": 5, "jun": 6, "juni": 6, "jul": 7, "juli": 7, "aug": 8, "augusti": 8, "sep": 9,
    "sept": 9, "september": 9, "okt": 10, "oktober": 10, "nov": 11, "november": 11, "dec": 12,
    "december": 12,
}
_NAMED_MONTH = re.compile(r"^([a-zåäö]+)\.?\s+(\d{4})$")


def _year_month(year: int, month: int, *, end: bool) -> dt.date:
    day = calendar.monthrange(year, month)[1] if end else 1
    return dt.date(year, month, day)


def parse_date(value: object, *, end: bool = False) -> dt.date | None:
    """The date a cell value stands for, or None when it stands for none.

    `end` makes a bare year or month mean its last day.
    """
    if value.__class__ is dt.date:
        return value  # the usual case: a real date cell
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        number = float(value)
        if number.is_integer() and YEAR_RANGE[0] <= number <= YEAR_RANGE[1]:
            return _year_month(int(number), 12 if end else 1, end=end)
        if SERIAL_RANGE[0] <= number <= SERIAL_RANGE[1]:
            return EXCEL_EPOCH + dt.timedelta(days=int(number))
        return None
    text = str(value).strip()
    try:
        if m := _ISO.match(text):
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        if m := _MONTH.match(text):
            return _year_month(int(m[1]), int(m[2]), end=end)
        if m := _YEAR.match(text):
            year = int(m[1])
            if YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
                return _year_month(year, 12 if end else 1, end=end)
            return None
        if m := _DMY.match(text):
            return dt.date(int(m[3]), int(m[2]), int(m[1]))
        if m := _NAMED_MONTH.match(text.lower()):
            month = _SWEDISH_MONTHS.get(m[1])
            return _year_month(int(m[2]), month, end=end) if month else None
    except ValueError:
        return None
    return None


def parse_year(value: object) -> int | None:
    """A year typed as a number, as text, or as a date."""
    if isinstance(value, bool) or value is None or value == "":
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.year
    if isinstance(value, (int, float)):
        return int(value) if float(value).is_integer() and YEAR_RANGE[0] <= value <= YEAR_RANGE[1] \
            else None
    text = str(value).strip()
    if _YEAR.match(text) and YEAR_RANGE[0] <= int(text) <= YEAR_RANGE[1]:
        return int(text)
    return None


def excel_serial(day: dt.date) -> int:
    return (day - EXCEL_EPOCH).days


def default_period(today: dt.date) -> str:
    """The tertial a date falls in: `2026-T3` (see `periods`)."""
    return Period.containing(today).label


def period_bounds(label: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day of a period label, or None for a label of no known form
    (`periods.Period`)."""
    period = Period.read(label)
    return None if period is None else (period.first, period.last)


def latest_period(labels: list[str]) -> str | None:
    """The latest of some period labels: by their dates where they have them, else the
    one that comes last."""
    if not labels:
        return None
    order = {label: index for index, label in enumerate(labels)}

    def key(label: str) -> tuple[dt.date, int]:
        bounds = period_bounds(label)
        return (bounds[0] if bounds else dt.date.min, order[label])

    return max(order, key=key)
