"""Period labels: what they name, their neighbours, and every command refusing the rest."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from builders import PlanBook
from plan_sheets.cli import cli
from plan_sheets.periods import (
    ACCEPTED,
    Form,
    Period,
    PeriodInvalid,
    likely_reported,
)


@pytest.mark.parametrize(("label", "first", "last", "canonical"), [
    ("2026-T3", dt.date(2026, 9, 1), dt.date(2026, 12, 31), "2026-T3"),
    ("2026-t1", dt.date(2026, 1, 1), dt.date(2026, 4, 30), "2026-T1"),
    ("2026-Q2", dt.date(2026, 4, 1), dt.date(2026, 6, 30), "2026-Q2"),
    ("2026-K2", dt.date(2026, 4, 1), dt.date(2026, 6, 30), "2026-K2"),
    ("2026-H1", dt.date(2026, 1, 1), dt.date(2026, 6, 30), "2026-H1"),
    ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29), "2024-02"),
    ("2026-5", dt.date(2026, 5, 1), dt.date(2026, 5, 31), "2026-05"),
    ("2026", dt.date(2026, 1, 1), dt.date(2026, 12, 31), "2026"),
    (" 2026 T2 ", dt.date(2026, 5, 1), dt.date(2026, 8, 31), "2026-T2"),
])
def test_a_label_names_its_days(label, first, last, canonical):
    period = Period.parse(label)
    assert (period.first, period.last, period.label) == (first, last, canonical)


@pytest.mark.parametrize("label", ["2026-T9", "2026-T0", "2026-Q5", "2026-H3", "2026-13",
                                   "hej", "vår 2026", "../../x", "", "2026/T3", "26-T1"])
def test_anything_else_is_refused_naming_the_accepted_forms(label):
    with pytest.raises(PeriodInvalid) as caught:
        Period.parse(label)
    assert caught.value.exit_code == 2
    assert ACCEPTED in caught.value.hint
    assert Period.read(label) is None


def test_two_labels_of_one_quarter_are_the_same_period():
    assert Period.parse("2026-Q2") == Period.parse("2026-k2")
    assert Period.parse("2026-T2") != Period.parse("2026-H1")


@pytest.mark.parametrize(("day", "form", "label"), [
    (dt.date(2026, 9, 1), Form.TERTIAL, "2026-T3"),
    (dt.date(2026, 8, 31), Form.TERTIAL, "2026-T2"),
    (dt.date(2026, 4, 1), Form.QUARTER, "2026-K2"),
    (dt.date(2026, 7, 1), Form.HALF, "2026-H2"),
    (dt.date(2026, 7, 1), Form.MONTH, "2026-07"),
    (dt.date(2026, 7, 1), Form.YEAR, "2026"),
])
def test_the_period_containing_a_day(day, form, label):
    assert Period.containing(day, form).label == label


def test_the_years_last_period():
    assert [Period.last_of_year(2026, f).label for f in Form] == [
        "2026-T3", "2026-K4", "2026-H2", "2026-12", "2026"]


@given(st.dates(dt.date(1901, 1, 1), dt.date(2199, 12, 31)), st.sampled_from(list(Form)))
def test_periods_tile_the_calendar(day, form):
    period = Period.containing(day, form)
    assert period.holds(day)
    assert period.previous().next() == period
    assert period.next().first == period.last + dt.timedelta(days=1)
    assert period.previous().last == period.first - dt.timedelta(days=1)
    assert Period.parse(period.label) == period
    assert period.is_last_of_year() == (period.last.month == 12 and period.last.day == 31)


def test_in_the_first_weeks_of_a_period_files_report_the_one_before():
    assert likely_reported(dt.date(2026, 9, 3)) == (Period.parse("2026-T2"), True)
    assert likely_reported(dt.date(2026, 9, 28)) == (Period.parse("2026-T2"), True)
    assert likely_reported(dt.date(2026, 9, 29)) == (Period.parse("2026-T3"), False)
    assert likely_reported(dt.date(2027, 1, 8)) == (Period.parse("2026-T3"), True)
    assert likely_reported(dt.date(2026, 6, 5), Form.MONTH) == (Period.parse("2026-05"), True)
    assert likely_reported(dt.date(2026, 6, 11), Form.MONTH) == (Period.parse("2026-06"), False)


@pytest.mark.parametrize("label", ["2026-T9", "hej", "vår 2026", "../../x"])
@pytest.mark.parametrize("command", ["split", "merge", "report", "paminnelser"])
def test_every_command_refuses_a_period_it_does_not_know(tmp_path, command, label):
    """Finding 4 of issue 21: these went through with exit 0."""
    main = PlanBook().write(tmp_path / "h.xlsx")
    args = {"split": ["split", str(main), "--out", str(tmp_path / "ut")],
            "merge": ["merge", str(main), str(main)],
            "report": ["report", str(main), "--out", str(tmp_path / "ut")],
            "paminnelser": ["paminnelser", str(main), "--out", str(tmp_path / "ut")]}[command]
    before = main.read_bytes()
    result = CliRunner().invoke(cli, [*args, "--period", label])
    assert result.exit_code == 2, result.output
    assert f"”{label}” är ingen period" in result.output
    assert "2026-T3 (tertial)" in result.output
    assert not (tmp_path / "ut").exists()
    assert main.read_bytes() == before
