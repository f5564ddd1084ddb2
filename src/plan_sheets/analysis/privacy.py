"""`--no-personal-data`: a plan without names, for reports that become public documents.

The columns that hold names (Kontaktperson, the focus-area leads, Bedömningar's
Skriven av, staff columns headed Handläggare, Namn …) are left out; the names
written in them are also taken out of the plan's free text (`Ring Eva Ek` → `Ring [namn]`), where a
status comment or a staff note may mention them. Names nobody wrote in such a
column cannot be known and stay: the report's message says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache
from typing import Any

from plan_sheets.workbook.model import ATTRIBUTES, Activity, Plan
from plan_sheets.workbook.schema import (
    ACTIVITIES,
    Field,
    Kind,
    Sheet,
    contract_of,
    is_personal_header,
)

PUBLIC_NOTE = ("Utan personuppgifter: kontaktpersoner, fokusområdesansvariga och kolumner "
               "med namn är utelämnade, och de namnen är bortbytta mot [namn] i fritexten. "
               "Namn som inte står i någon sådan kolumn kan inte hittas: läs igenom "
               "fritexten innan rapporten blir en offentlig handling.")
"""What the terminal says after a report without personal data."""

REDACTED = "[namn]"
"""What a name in free text becomes."""

_personal_header = lru_cache(maxsize=None)(is_personal_header)
"""A plan has a handful of staff headers, asked about once per activity."""
SNAPSHOT_TEXTS = ("status_comment", "cause", "action", "responsible")
"""A Statushistorik row's free text, which a report on a past period shows."""

_SEPARATORS = re.compile(r"\s*(?:[,;/&+\n]|\boch\b)\s*")
_MIN_NAME = 3
"""Shorter entries (initials, `Ek`) are too likely to be parts of other words."""


def known_names(plan: Plan) -> list[str]:
    """The names written in the plan's personal columns, longest first.

    A cell may list several people (`Eva Ek, Per Lund` or `Eva Ek och Per Lund`).
    """
    cells: list[Any] = [a.contact for a in plan.activities]
    cells += [f.lead for f in plan.focus_areas]
    cells += [item.author for item in plan.assessments]
    cells += [v for a in plan.activities for h, v in a.extra.items() if _personal_header(h)]
    names: set[str] = set()
    for cell in cells:
        if isinstance(cell, str):
            names.update(n for n in _SEPARATORS.split(cell.strip())
                         if len(n) >= _MIN_NAME and any(ch.isalpha() for ch in n))
    return sorted(names, key=lambda n: (-len(n), n))


class Redactor:
    """Replaces known names in text: whole words only, case as written.

    Each distinct text is searched once: the pattern of every name is slow
    (about 4 µs a cell), and a plan repeats most of its cells (offices, phases,
    stock phrases). With the header check asked once per header, public_plan
    at 30,000 generated activities takes 0.6 s CPU instead of 2.0 s.
    """

    def __init__(self, names: Iterable[str]) -> None:
        names = list(names)
        self._pattern = (re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, names)) + r")(?!\w)")
                         if names else None)
        self._done: dict[str, str] = {}

    def __call__(self, value: Any) -> Any:
        if self._pattern is None or not isinstance(value, str):
            return value
        done = self._done.get(value)
        if done is None:
            done = self._done[value] = self._pattern.sub(REDACTED, value)
        return done


def public_activity(activity: Activity, redact: Redactor | None = None,
                    sheet: Sheet = ACTIVITIES) -> Activity:
    """The activity without the personal fields of `sheet` (the contract's Aktiviteter) and
    staff columns naming people, and with the names `redact` knows out of its text."""
    return _public(activity, redact or Redactor(()), *_personal_and_texts(sheet))


def _personal_and_texts(sheet: Sheet) -> tuple[set[str], list[Field]]:
    """The personal fields of `sheet`, and its free-text attributes (where a name may stand)."""
    return ({f.key for f in sheet.fields if f.personal},
            [f for f in sheet.fields if f.kind is Kind.TEXT and f.key in ATTRIBUTES])


def _public(activity: Activity, redact: Redactor, personal: set[str], texts: list[Field]
            ) -> Activity:
    extra = {h: redact(v) for h, v in activity.extra.items() if not _personal_header(h)}
    raw = {k: redact(v) for k, v in activity.raw.items() if k not in personal}
    values = {k: redact(v) for k, v in activity.values.items() if k not in personal}
    return replace(activity, extra=extra, raw=raw, values=values,
                   **{f.key: "" if f.personal else redact(getattr(activity, f.key))
                      for f in texts})


def public_plan(plan: Plan) -> Plan:
    """The plan without contact persons, focus-area leads, the authors of assessments and
    staff columns naming people, and without their names in the free text."""
    redact = Redactor(known_names(plan))
    personal, texts = _personal_and_texts(contract_of(plan).activities)
    layouts = dict(plan.layouts)
    layout = layouts.get(ACTIVITIES.key)
    if layout is not None:
        layouts[ACTIVITIES.key] = replace(
            layout,
            columns={k: c for k, c in layout.columns.items() if k not in personal},
            extra_columns={h: c for h, c in layout.extra_columns.items()
                           if not _personal_header(h)},
        )
    return replace(
        plan,
        activities=tuple(_public(a, redact, personal, texts) for a in plan.activities),
        focus_areas=tuple(replace(f, lead="", lead_email="") for f in plan.focus_areas),
        # The steering sheets: who wrote an assessment is left out, and the names of
        # the personal columns are taken out of what was decided, assessed and said.
        decisions=tuple(replace(d, text=redact(d.text), responsible=redact(d.responsible),
                                raw={k: redact(v) for k, v in d.raw.items()})
                        for d in plan.decisions),
        assessments=tuple(replace(item, author="", text=redact(item.text),
                                  events=redact(item.events)) for item in plan.assessments),
        views=tuple(replace(v, text=redact(v.text), handling=redact(v.handling))
                    for v in plan.views),
        history=tuple(replace(snap, **{f: redact(getattr(snap, f)) for f in SNAPSHOT_TEXTS})
                      for snap in plan.history),
        layouts=layouts,
    )
