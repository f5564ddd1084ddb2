"""The opening snapshot (Utgångsläge): the plan as a year of follow-up begins.

`import`, the first merge into a huvuddokument without history, and `arsskifte`
record every activity in Statushistorik under the Period `Utgångsläge 2027`, so
that the year's first period has something to compare with (its status changes,
the board's "ändrat trafikljus under året"). It is not a period a report can be
asked for: it is the starting point of the year its label names, before that
year's first period.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from plan_sheets.workbook.model import OPENING, Activity, Snapshot
from plan_sheets.workbook.rowvalues import activity_snapshot

_LABEL = re.compile(rf"^\s*{OPENING}\s+(\d{{4}})\s*$", re.IGNORECASE)


def opening_label(year: int) -> str:
    """Statushistorik's Period for the opening snapshot of `year`: `Utgångsläge 2027`."""
    return f"{OPENING} {year}"


def opening_year(label: str) -> int | None:
    """The year an opening snapshot's label opens, or None for any other label."""
    m = _LABEL.match(label or "")
    return int(m[1]) if m else None


def opening_starts(label: str, taken: date) -> date:
    """The day a snapshot stands for, as far as its label is an opening: the first day of
    the year it opens (or the day it was taken, when later); `taken` for any other label."""
    year = opening_year(label)
    return max(taken, date(year, 1, 1)) if year is not None else taken


def opening_snapshot(activities: Iterable[Activity], *, day: date, year: int
                     ) -> tuple[Snapshot, ...]:
    """Every activity with an ID as it stands on `day`, as the opening of `year`."""
    label = opening_label(year)
    return tuple(activity_snapshot(a, day=day, period=label) for a in activities if a.id)
