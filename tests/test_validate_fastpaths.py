"""The validator's shortcuts find exactly what the plain per-activity checks find."""

from __future__ import annotations

import datetime as dt
import random

from plan_sheets.rules.validate import _BLOCK, _text_checks, check_activity_values
from plan_sheets.workbook.model import Activity, Phase, Plan, SheetLayout, Status
from plan_sheets.workbook.schema import ACTIVITIES, EXCEL_MAX_TEXT

LAYOUT = SheetLayout("Aktiviteter", 1, {f.key: i for i, f in enumerate(ACTIVITIES.fields, 1)},
                     {"Egen kolumn": len(ACTIVITIES.fields) + 1}, 0)

TEXTS = ["Näringslivskontoret", "rad ett\nrad två", "tab\there", "", "Grön", "ok\r\nok",
         "nbsp\u00a0här"]
BAD = ["styr\x01tecken", "\x1f", "noll\x00", "\ufffe", "slut\uffff", "x" * (EXCEL_MAX_TEXT + 1)]


def _plan(n: int, bad_at: dict[int, tuple[str, str]]) -> Plan:
    rnd = random.Random(n)
    activities = []
    for i in range(n):
        raw = {f.key: rnd.choice(TEXTS) for f in ACTIVITIES.fields}
        raw["start"] = dt.date(2025, 1, 1)
        extra = {"Egen kolumn": rnd.choice([*TEXTS, 3.0, None])}
        if i in bad_at:
            key, text = bad_at[i]
            if key == "extra":
                extra["Egen kolumn"] = text
            else:
                raw[key] = text
        activities.append(Activity(
            id=f"1.1.{i + 1}", focus_area=1, intervention_area="1.1", title="t",
            responsible="r", start=dt.date(2025, 1, 1), end=dt.date(2027, 1, 1),
            phase=Phase.ONGOING, status=Status.GREEN, goals=("M1",), decided=dt.date(2024, 1, 1),
            extra=extra, raw=raw, row=i + 2))
    return Plan(activities=tuple(activities), layouts={ACTIVITIES.key: LAYOUT})


def _as_tuples(findings) -> list[tuple]:
    return [(f.code, f.sheet, f.cell, f.row, f.column, f.activity_id, f.value, f.message)
            for f in findings]


def test_text_invalid_found_in_any_block_as_the_per_activity_check_finds_it():
    n = 3 * _BLOCK + 17
    bad_at = {0: ("title", BAD[0]), _BLOCK - 1: ("extra", BAD[1]), _BLOCK + 5: ("cause", BAD[2]),
              2 * _BLOCK + 400: ("extra", BAD[3]), 3 * _BLOCK + 16: ("description", BAD[4]),
              3 * _BLOCK + 3: ("action", BAD[5])}
    plan = _plan(n, bad_at)
    expected = [f for a in plan.activities for f in _text_checks(a, LAYOUT)]
    found = [f for f in check_activity_values(plan, kind="main", today=dt.date(2026, 1, 1))
             if f.code == "TEXT_INVALID"]
    assert _as_tuples(found) == _as_tuples(expected)
    assert sorted(f.row - 2 for f in found) == sorted(bad_at)


def test_line_breaks_and_tabs_alone_are_not_text_invalid():
    plan = _plan(_BLOCK + 10, {})
    found = list(check_activity_values(plan, kind="main", today=dt.date(2026, 1, 1)))
    assert [f for f in found if f.code == "TEXT_INVALID"] == []
