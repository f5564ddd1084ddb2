"""Number formats: which ones show dates, and the codes plan-sheets writes."""

from __future__ import annotations

import re

DATE_FORMAT = "yyyy-mm-dd"
INTEGER_FORMAT = '[>=1000]# ##0;[<=-1000]-# ##0;0'
"""Whole numbers as Swedish writes them, `12 345`, whatever the reader's locale."""
PERCENT_FORMAT = '0" "%'
"""`92 %`, with the space Swedish puts before the sign."""
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
TIME_FORMAT = "hh:mm:ss"
DURATION_FORMAT = "[h]:mm:ss"
FIRST_CUSTOM_FORMAT = 164

# Built-in number formats that show dates or times (ECMA-376 18.8.30, and the
# East Asian ones Excel also treats as dates).
BUILTIN_DATES = frozenset([*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59),
                            *range(71, 82)])
_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')
_DATE_LETTERS = re.compile(r"[dmyhsDMYHS]")


def is_date_format(code: str) -> bool:
    """Whether a number-format code shows a date or a time."""
    if code.strip().lower() == "general":
        return False
    stripped = _QUOTED.sub("", code.split(";")[0])
    return bool(_DATE_LETTERS.search(stripped))


def format_shows_date(fmt_id: int, code: str | None) -> bool:
    """Whether number format `fmt_id` (with its code, None for a built-in one) shows dates."""
    if code is None:
        return fmt_id in BUILTIN_DATES
    return is_date_format(code)
