"""How each kind of field reads, checks and writes its cells: one table, `KINDS`.

A field is declared once in the schema (`schema.Field`) with a kind; what a cell of
it means comes from here. The reader reads every field by its kind and gives a finding
for a filled cell that does not read (a number column with text: NUMBER_INVALID); the
writers (a new huvuddokument, split's group workbooks, the reports) write a value back
by its kind. A field without a typed attribute of `model.Activity` lives in
`Activity.values`, read by its kind, so that a new column needs nothing but its
declaration (see DESIGN.md, "Från schema till rapport").

The cell helpers below are the reader's: tolerant of how staff type (`1 234,5`,
`M1; m4`, `Fokusområde 2`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from plan_sheets.workbook.dates import parse_date, parse_year
from plan_sheets.workbook.model import FormulaWithoutValue
from plan_sheets.workbook.schema import (
    ONGOING_WORDS,
    Kind,
    fold,
    is_ongoing_word,
    key_text,
    parse_decision_state,
    parse_direction,
    parse_phase,
    parse_priority,
    parse_status,
)

_AREA = re.compile(r"^(\d+)\s*[.,]\s*(\d+)$")
_AREA_IN_TEXT = re.compile(r"(\d+)\s*\.\s*(\d+)")
_FOCUS_IN_TEXT = re.compile(r"^(?:fokusomrade|fokus|fo)?\s*(\d+)\b")
_GOAL = re.compile(r"([A-Za-zÅÄÖåäö]+)\s*(\d+)")
_GOAL_SPLIT = re.compile(r"[,;/\n]+|\s+(?=[A-Za-zÅÄÖåäö])")


# --- cell value helpers ---------------------------------------------------------------------


def clean(value: Any) -> Any:
    """A cell's value: text as typed (spaces and line breaks around it too), but a cell of
    nothing else (or calamine's empty string) is empty."""
    if value.__class__ is str and not value.strip():
        return None
    return value


def is_blank(value: Any) -> bool:
    """An empty cell, or one holding only spaces and line breaks."""
    return value is None or (value.__class__ is str and not value.strip())


def text_of(value: Any) -> str:
    """A cell as free text, as typed: numbers without a trailing `.0`; only spaces is
    empty."""
    if value is None or isinstance(value, FormulaWithoutValue):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    return text if text.strip() else ""


def key_of(value: Any) -> str:
    """A cell as a key (`schema.key_text`): an ID, a period, an office's name."""
    return key_text(value if value.__class__ is str else text_of(value))


_AREA_CACHE: dict[Any, str | None] = {}


def area_id(value: Any) -> str | None:
    """`1.3` from `1.3`, `" 1 . 3 "`, `1,3` or `Insatsområde 1.3`; None if none."""
    if value.__class__ is str:
        try:
            return _AREA_CACHE[value]
        except KeyError:
            result = _area_id(value)
            if len(_AREA_CACHE) < 10_000:
                _AREA_CACHE[value] = result
            return result
    return _area_id(value)


def _area_id(value: Any) -> str | None:
    if value is None or isinstance(value, (bool, FormulaWithoutValue)):
        return None
    if isinstance(value, (int, float)):
        text = repr(float(value))
    else:
        text = key_text(value)
    if m := _AREA.match(text):
        return f"{int(m[1])}.{int(m[2])}"
    if m := _AREA_IN_TEXT.search(text):
        return f"{int(m[1])}.{int(m[2])}"
    return None


def focus_number(value: Any, names: dict[str, int]) -> int | None:
    """A focus area from its number, `Fokusområde 2`, or its name."""
    if value is None or isinstance(value, (bool, FormulaWithoutValue)):
        return None
    if isinstance(value, (int, float)):
        return int(value) if float(value).is_integer() else None
    folded = fold(value)
    if folded.isdigit():
        return int(folded)
    if folded in names:
        return names[folded]
    if m := _FOCUS_IN_TEXT.match(folded):
        return int(m[1])
    for name, number in names.items():
        if name and (folded.startswith(name) or name.startswith(folded)) and len(folded) > 8:
            return number
    return None


_GOAL_CACHE: dict[str, tuple[str, ...]] = {}


def goal_ids(value: Any) -> tuple[str, ...]:
    """`("M1", "M4")` from `M1, M4`, `m1;m4`, `M 1 M 4`; unreadable parts kept as typed."""
    if value is None or isinstance(value, FormulaWithoutValue):
        return ()
    if value.__class__ is str:
        cached = _GOAL_CACHE.get(value)
        if cached is None:
            cached = _goal_ids(value)
            if len(_GOAL_CACHE) < 10_000:
                _GOAL_CACHE[value] = cached
        return cached
    return _goal_ids(text_of(value))


def _goal_ids(text: str) -> tuple[str, ...]:
    out: list[str] = []
    for part in _GOAL_SPLIT.split(key_text(text)):
        part = part.strip()
        if not part:
            continue
        m = _GOAL.fullmatch(part)
        token = f"{m[1].upper()}{int(m[2])}" if m else part
        if token not in out:
            out.append(token)
    return tuple(out)


def number(value: Any) -> float | None:
    """A number typed as a number or as Swedish text (`1 234,5`)."""
    if value is None or isinstance(value, (bool, FormulaWithoutValue)):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    text = key_text(value).replace(" ", "").replace(",", ".")
    text = text.replace("−", "-")
    try:
        return float(text)
    except ValueError:
        return None


def timestamp(value: Any) -> dt.datetime | None:
    """A Tidpunkt cell: a date and time, or a date (at midnight)."""
    if isinstance(value, dt.datetime):
        return value
    day = parse_date(value)
    return dt.datetime(day.year, day.month, day.day) if day is not None else None


# --- the kinds --------------------------------------------------------------------------------


@dataclass(frozen=True)
class KindRule:
    """What a kind does with a cell."""

    read: Callable[[Any], Any]
    """The cell as the kind's value (text, number, date, a Status …); None when the cell
    is empty or does not read."""
    write: Callable[[Any], Any]
    """A value of the kind (as `read` gives it) as the cell to write; None for empty."""
    code: str = ""
    """The finding a filled cell gets when it does not read (empty: the kind's cells are
    checked by a rule of their sheet, or read whatever they hold)."""

    def unreadable(self, value: Any) -> bool:
        """Whether a filled cell (not a formula saved without its value) does not read."""
        return not (is_blank(value) or isinstance(value, FormulaWithoutValue)
                    or self.read(value) is not None)


def _text(value: Any) -> str | None:
    return text_of(value) or None


def _key(value: Any) -> str | None:
    return key_of(value) or None


def _as_is(value: Any) -> Any:
    return None if value == "" else value


def _word(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else _as_is(value)


def _end(value: Any) -> dt.date | str | None:
    return ONGOING_WORDS[0] if is_ongoing_word(value) else parse_date(value, end=True)


def written_number(value: float | None) -> int | float | None:
    """A number as a cell shows it: 3, not 3.0."""
    if value is None or value == "":
        return None
    return int(value) if isinstance(value, float) and value.is_integer() else value


def goals_text(goals: tuple[str, ...]) -> str:
    return ", ".join(goals)


KINDS: dict[Kind, KindRule] = {
    Kind.TEXT: KindRule(_text, _as_is),
    Kind.ID: KindRule(_key, _as_is),
    Kind.FOCUS: KindRule(lambda v: focus_number(v, {}), _as_is),
    Kind.AREA: KindRule(area_id, _as_is),
    Kind.DATE: KindRule(parse_date, _as_is),
    Kind.END_DATE: KindRule(_end, _as_is),
    Kind.PHASE: KindRule(parse_phase, _word),
    Kind.STATUS: KindRule(parse_status, _word),
    Kind.GOALS: KindRule(lambda v: goal_ids(v) or None,
                         lambda v: goals_text(v) or None if isinstance(v, tuple) else _as_is(v)),
    Kind.GOAL_ID: KindRule(lambda v: next(iter(goal_ids(v)), None), _as_is),
    Kind.NUMBER: KindRule(number, written_number, "NUMBER_INVALID"),
    Kind.YEAR: KindRule(parse_year, _as_is),
    Kind.DIRECTION: KindRule(parse_direction, _word),
    Kind.TIMESTAMP: KindRule(timestamp, _as_is),
    Kind.PRIORITY: KindRule(parse_priority, _word),
    Kind.DECISION_STATE: KindRule(parse_decision_state, _word),
}
"""Every kind of the schema, with how it reads, checks and writes a cell."""
