"""TEXT_INVALID: text Excel cannot hold is found in any activity and column, and only there."""

from __future__ import annotations

import datetime as dt
import random

from plan_sheets.rules.activities import text_excel_can_hold
from plan_sheets.rules.checks import CheckedPlan
from plan_sheets.workbook.model import Activity, Phase, Plan, SheetLayout, Status
from plan_sheets.workbook.schema import ACTIVITIES, EXCEL_MAX_TEXT

LAYOUT = SheetLayout("Aktiviteter", 1, {f.key: i for i, f in enumerate(ACTIVITIES.fields, 1)},
                     {"Egen kolumn": len(ACTIVITIES.fields) + 1}, 0)

TEXTS = ["Näringslivskontoret", "rad ett\nrad två", "tab\there", "", "Grön", "ok\r\nok",
         "nbsp\u00a0här"]
N = 3017
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


def _text_findings(plan: Plan) -> list:
    return list(text_excel_can_hold(CheckedPlan(plan, "main", dt.date(2026, 1, 1))))


def test_text_invalid_found_in_any_activity_and_column():
    bad_at = {0: ("title", BAD[0]), 999: ("extra", BAD[1]), 1005: ("cause", BAD[2]),
              2400: ("extra", BAD[3]), 3016: ("description", BAD[4]), 3003: ("action", BAD[5])}
    found = _text_findings(_plan(N, bad_at))
    column = {**LAYOUT.columns, "extra": LAYOUT.extra_columns["Egen kolumn"]}
    expected = sorted((i + 2, column[key], text[:60].translate({0: "?", 1: "?", 0x1f: "?",
                                                                 0xfffe: "?", 0xffff: "?"}))
                      for i, (key, text) in bad_at.items())
    assert sorted((f.row, f.column, f.value) for f in found) == expected
    assert {f.code for f in found} == {"TEXT_INVALID"}
    too_long = next(f for f in found if f.row == 3005)
    assert too_long.message.startswith(f"Texten är {EXCEL_MAX_TEXT + 1} tecken lång")
    assert "styrtecken" in next(f for f in found if f.row == 2).message


def test_line_breaks_and_tabs_alone_are_not_text_invalid():
    assert _text_findings(_plan(1010, {})) == []
