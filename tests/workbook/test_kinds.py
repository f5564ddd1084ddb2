"""Each kind of field reads, checks and writes its cells (workbook/kinds.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plan_sheets.workbook.kinds import KINDS
from plan_sheets.workbook.model import FormulaWithoutValue, Phase, Status
from plan_sheets.workbook.schema import SHEETS, Kind


def test_every_kind_of_the_schema_has_a_rule():
    assert set(KINDS) == set(Kind)
    assert {f.kind for sheet in SHEETS for f in sheet.fields} <= set(KINDS)


@pytest.mark.parametrize(("kind", "cell", "value", "written"), [
    (Kind.TEXT, "  Mässa  ", "  Mässa  ", "  Mässa  "),
    (Kind.ID, " 1.1.3\u200b", "1.1.3", "1.1.3"),
    (Kind.AREA, "1,3", "1.3", "1.3"),
    (Kind.FOCUS, "Fokusområde 2", 2, 2),
    (Kind.DATE, "2025-03", dt.date(2025, 3, 1), dt.date(2025, 3, 1)),
    (Kind.END_DATE, "2025-03", dt.date(2025, 3, 31), dt.date(2025, 3, 31)),
    (Kind.END_DATE, "löpande", "Löpande", "Löpande"),
    (Kind.PHASE, "pågår", Phase.ONGOING, "Pågående"),
    (Kind.STATUS, "grönt", Status.GREEN, "Grön"),
    (Kind.GOALS, "m1; M 4", ("M1", "M4"), "M1, M4"),
    (Kind.GOAL_ID, "m2", "M2", "M2"),
    (Kind.NUMBER, "1 234,5", 1234.5, 1234.5),
    (Kind.NUMBER, 12.0, 12.0, 12),
    (Kind.YEAR, "2026", 2026, 2026),
])
def test_a_kind_reads_a_cell_as_staff_type_it_and_writes_its_value_back(kind, cell, value,
                                                                        written):
    rule = KINDS[kind]
    assert rule.read(cell) == value
    assert rule.write(value) == written
    assert rule.read(rule.write(value)) == value


@pytest.mark.parametrize("kind", list(Kind))
def test_an_empty_cell_reads_and_writes_as_empty(kind):
    rule = KINDS[kind]
    assert rule.read(None) is None
    assert rule.write(None) is None
    assert not rule.unreadable(None)
    assert not rule.unreadable("   ")
    assert not rule.unreadable(FormulaWithoutValue("A1*2"))


def test_only_a_kind_with_a_finding_code_calls_a_cell_unreadable():
    assert {kind for kind, rule in KINDS.items() if rule.code} == {Kind.NUMBER}
    assert KINDS[Kind.NUMBER].code == "NUMBER_INVALID"
    assert KINDS[Kind.NUMBER].unreadable("ungefär 200")
    assert not KINDS[Kind.NUMBER].unreadable("−3,5")


@given(st.floats(-1e12, 1e12, allow_nan=False) | st.integers(-10**9, 10**9))
def test_a_number_written_by_its_kind_reads_back_as_the_same_number(x):
    rule = KINDS[Kind.NUMBER]
    written = rule.write(rule.read(x))
    assert rule.read(written) == float(x)
    assert not isinstance(written, float) or not written.is_integer()


@given(st.dates(dt.date(1900, 3, 1), dt.date(2200, 12, 31)))
def test_a_date_written_by_its_kind_reads_back_as_the_same_day(day):
    for kind in (Kind.DATE, Kind.END_DATE):
        rule = KINDS[kind]
        assert rule.read(rule.write(rule.read(day))) == day
        assert rule.read(day.isoformat()) == day
