"""Statushistorik keeps what a report of a period needs, and a report on a past period uses it.

Plans and workbooks are built here; each expected text is the one written in
the test's own snapshot, never today's.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from dataclasses import replace

import pytest
from click.testing import CliRunner

from annual_plans import loaded
from builders import PlanBook
from edits import edit, sheet_rows
from plan_sheets.analysis.history import as_of, basis
from plan_sheets.annual import figures as annualdata
from plan_sheets.cli import cli
from plan_sheets.reports.report import report_data
from plan_sheets.workbook.model import (
    Activity,
    Assessment,
    Change,
    Decision,
    FocusArea,
    Goal,
    InterventionArea,
    Phase,
    Plan,
    Snapshot,
    Status,
    View,
)
from plan_sheets.workbook.newbook import write_huvuddokument
from plan_sheets.workbook.reader import read_workbook
from plan_sheets.workbook.schema import STATUS_HISTORY
from reportcheck import sheet_text, values

TODAY = dt.date(2026, 11, 26)
LATER_CAUSE = "Ny lokal först i februari 2027."
"""Written in 2026: a report on 2025 must not show it."""
THEN_CAUSE = "Lokalen är inte bokad."
THEN_ACTION = "Boka lokalen ett år i förväg."


def invoke(*args):
    return CliRunner().invoke(cli, [*args])


# --- what merge keeps ------------------------------------------------------------------------


OLD_HEADERS = ["Datum", "Period", "ID", "Läge", "Status", "Anteckning"]
OLD_ROWS = [[dt.date(2026, 4, 24), "2026-T1", "1.1.1", "Pågående", "Grön", "Bra start"],
            [dt.date(2026, 4, 24), "2026-T1", "1.2.1", "Pågående", "Gul", None],
            [dt.date(2026, 4, 24), "2026-T1", "2.1.1", "Planerad", None, None]]


def test_merge_keeps_what_a_report_of_the_period_needs_in_an_older_statushistorik(tmp_path):
    # An older huvuddokument: Statushistorik with the five old columns and a note of the staff's.
    book = PlanBook(staff_sheets={STATUS_HISTORY.name: [OLD_HEADERS, *OLD_ROWS]})
    main = book.write(tmp_path / "huvuddokument.xlsx")
    assert invoke("split", str(main), "--out", str(tmp_path / "in")).exit_code == 0
    one = tmp_path / "in" / "fokusomrade-1.xlsx"
    edit(one, {"1.1.1": {"Status": "Röd", "Statuskommentar": "Lokalen saknas",
                         "Orsak till avvikelse": THEN_CAUSE,
                         "Rekommenderad åtgärd": THEN_ACTION}})
    args = ("merge", str(main), str(one), "--period", "2026-T3", "--today", TODAY.isoformat())
    result = invoke(*args)
    assert result.exit_code == 0, result.output

    rows = sheet_rows(main, STATUS_HISTORY.name)
    # The header is completed in place, after the staff's column; the old rows are as they were.
    assert rows[0] == [*OLD_HEADERS, "Statuskommentar", "Orsak till avvikelse",
                       "Rekommenderad åtgärd", "Ansvarig", "Slut", "Beslutad",
                       "Senast uppdaterad"]
    assert [r[:6] for r in rows[1:4]] == [[r[0], r[1], r[2], r[3], r[4] or "", r[5] or ""]
                                          for r in OLD_ROWS]
    assert all(v == "" for r in rows[1:4] for v in r[6:])
    new = {r[2]: dict(zip(rows[0], r, strict=True)) for r in rows[4:]}
    assert sorted(new) == ["1.1.1", "1.2.1", "2.1.1"]
    assert (new["1.1.1"]["Status"], new["1.1.1"]["Statuskommentar"],
            new["1.1.1"]["Orsak till avvikelse"], new["1.1.1"]["Rekommenderad åtgärd"],
            new["1.1.1"]["Ansvarig"]) == ("Röd", "Lokalen saknas", THEN_CAUSE, THEN_ACTION,
                                          "Näringslivskontoret")
    assert new["1.1.1"]["Slut"] == dt.date(2027, 12, 31)
    assert new["1.1.1"]["Beslutad"] == dt.date(2024, 12, 1)

    history = read_workbook(main).plan.history
    assert [s.has_details for s in history] == [False] * 3 + [True] * 3
    assert next(s for s in history if s.period == "2026-T3" and
                s.activity_id == "1.1.1").cause == THEN_CAUSE
    # Merging the same file again changes nothing: the snapshot is as it would be written.
    again = invoke(*args)
    assert again.exit_code == 0, again.output
    assert sheet_rows(main, STATUS_HISTORY.name) == rows


# --- a report on a past period ---------------------------------------------------------------


def plan_with_history() -> Plan:
    """1.1.1 was Gul in December 2025 with a cause of its own; today it is Röd with a cause
    written in 2026. 1.1.2 was decided in 2026, after the snapshot."""
    now = Activity(id="1.1.1", focus_area=1, intervention_area="1.1", title="Företagardagen",
                   responsible="Destination Södertälje", phase=Phase.ONGOING, status=Status.RED,
                   status_comment="Flyttad till 2027.", cause=LATER_CAUSE,
                   action="Boka en reservlokal.", goals=("M1",), decided=dt.date(2024, 11, 20),
                   start=dt.date(2025, 1, 1), end=dt.date(2027, 12, 31))
    later = Activity(id="1.1.2", focus_area=1, intervention_area="1.1", title="Mässa",
                     responsible="Näringslivskontoret", phase=Phase.ONGOING, status=Status.GREEN,
                     goals=("M1",), decided=dt.date(2026, 3, 1), start=dt.date(2026, 3, 1),
                     end=dt.date(2027, 12, 31))
    then = Snapshot(dt.date(2025, 12, 12), "2025-T3", "1.1.1", Phase.ONGOING, Status.YELLOW,
                    status_comment="Planeringen pågår.", cause=THEN_CAUSE, action=THEN_ACTION,
                    responsible="Kommunikationsavdelningen", end=dt.date(2026, 12, 31),
                    decided=dt.date(2024, 11, 20))
    return Plan(activities=(now, later), focus_areas=(FocusArea(1, "Företagsklimat"),),
                intervention_areas=(InterventionArea("1.1", 1, "möter företagen"),),
                goals=(Goal("M1", "Bättre företagsklimat"),), history=(then,))


def test_the_annual_report_on_a_past_year_uses_that_years_last_snapshot():
    figs = annualdata.annual_figures(plan_with_history(), year=2025, today=TODAY)
    assert (figs.basis.period, figs.basis.taken) == ("2025-T3", dt.date(2025, 12, 12))
    assert [a.id for a in figs.plan.activities] == ["1.1.1"]
    (dev,) = figs.deviations
    assert (dev.status, dev.cause, dev.action, dev.status_comment, dev.responsible, dev.end) == \
        (Status.YELLOW, THEN_CAUSE, THEN_ACTION, "Planeringen pågår.",
         "Kommunikationsavdelningen", dt.date(2026, 12, 31))
    assert figs.basis.sentence() == (
        "Bygger på ögonblicksbilden 2025-T3 i Statushistorik, tagen 12 december 2025.")
    # The current year is today's plan.
    now = annualdata.annual_figures(plan_with_history(), year=2026, today=TODAY)
    assert now.basis.period is None and now.basis.sentence() == ""
    assert [a.cause for a in now.deviations] == [LATER_CAUSE]


def test_the_steering_report_on_a_past_period_uses_that_periods_snapshot():
    data = report_data(loaded(plan_with_history()), period="2025-T3", today=TODAY)
    assert [(a.id, a.cause) for a in data.deviations] == [("1.1.1", THEN_CAUSE)]
    assert [a.id for a in data.plan.activities] == ["1.1.1"]
    assert data.population.day == dt.date(2025, 12, 31)
    current = report_data(loaded(plan_with_history()), period="2026-T3", today=TODAY)
    assert [(a.id, a.cause) for a in current.deviations] == [("1.1.1", LATER_CAUSE)]
    assert current.basis.sentence() == ""


def plan_with_steering_rows() -> Plan:
    """`plan_with_history` with Beslut, Bedömningar, Synpunkter and Ändringslogg rows from
    2025 and from 2026: a report on 2025 must show only the first of each."""
    then_decision = Decision(dt.date(2025, 11, 5), "2025-T3", "1.1.1", "Boka lokalen tidigt.",
                             responsible="Näringslivskontoret",
                             follow_up=dt.date(2025, 12, 1), row=2)
    later_decision = Decision(dt.date(2026, 9, 16), "2026-T3", "1.1.1", "Flytta till 2027.",
                              responsible="Näringslivskontoret",
                              follow_up=dt.date(2026, 10, 1), row=3)
    undated = Decision(None, "", "", "Ett odaterat beslut.", row=4)
    # The assessment of 2025-T3 is written after the tertial ended: it is of that period.
    assessed = Assessment("2025-T3", 1, "Bra år.", date=dt.date(2026, 1, 10), row=2)
    later_assessed = Assessment("2026-T2", 1, "Sämre nu.", date=dt.date(2026, 8, 30), row=3)
    views = (View(dt.date(2025, 10, 5), "Näringslivsrådet", "Fler mässor.", 1, row=2),
             View(dt.date(2026, 5, 1), "Näringslivsrådet", "Färre mässor.", 1, row=3))
    changes = (Change(dt.datetime(2025, 11, 2, 10), "fokusomrade-1.xlsx", "1.1.1", "Status",
                      "Grön", "Gul", row=2),
               Change(dt.datetime(2026, 9, 1, 10), "fokusomrade-1.xlsx", "1.1.1", "Slut",
                      dt.date(2026, 12, 31), dt.date(2027, 12, 31), row=3))
    return replace(plan_with_history(), decisions=(then_decision, later_decision, undated),
                   assessments=(assessed, later_assessed), views=views, changes=changes)


def test_a_report_on_a_past_period_shows_the_steering_rows_written_by_its_end():
    plan = plan_with_steering_rows()
    data = report_data(loaded(plan), period="2025-T3", today=TODAY)
    figs = annualdata.annual_figures(plan, year=2025, today=TODAY)
    for then in (data.plan, figs.basis.plan):
        assert [d.text for d in then.decisions] == ["Boka lokalen tidigt."]
        assert [a.text for a in then.assessments] == ["Bra år."]
        assert [v.text for v in then.views] == ["Fler mässor."]
        assert [c.field_name for c in then.changes] == ["Status"]
    # The current period and year show every row.
    now = report_data(loaded(plan), period="2026-T3", today=TODAY)
    assert len(now.plan.decisions) == 3 and len(now.plan.changes) == 2
    assert len(annualdata.annual_figures(plan, year=2026, today=TODAY).basis.plan.views) == 2
    # Without a snapshot the cut is the same.
    bare = basis(replace(plan, history=()), day=dt.date(2025, 12, 31), today=TODAY).plan
    assert [d.text for d in bare.decisions] == ["Boka lokalen tidigt."]


def test_the_past_steering_workbook_lists_the_decisions_of_its_period(tmp_path):
    main = tmp_path / "huvuddokument.xlsx"
    write_huvuddokument(main, plan_with_steering_rows(), title="Test")
    out = tmp_path / "ut"
    result = invoke("report", str(main), "--out", str(out), "--period", "2025-T3",
                    "--today", TODAY.isoformat())
    assert result.exit_code == 0, result.output
    steering = out / "styrgrupp" / "styrgruppsrapport-2025-T3.xlsx"
    first = " ".join(sheet_text(steering, "Att besluta"))
    # Due by the period's end (1 December 2025), the latest decision then.
    assert "2025-11-05: Boka lokalen tidigt." in first
    assert "Flytta till 2027." not in first and "2026-09-16" not in first
    assert "Fler mässor." in " ".join(sheet_text(steering, "Synpunkter"))
    assert "Färre mässor." not in " ".join(sheet_text(steering, "Synpunkter"))
    assert "Bra år." in " ".join(sheet_text(steering, "Sammanfattning"))
    # Valideringsresultat checks the file as it is today; every other sheet is of 2025-T3.
    cells = [str(v) for sheet, rows in values(steering).items() if sheet != "Valideringsresultat"
             for r in rows for v in r]
    assert not any("Flytta till 2027." in v or "Sämre nu." in v for v in cells)


def test_a_snapshot_from_before_the_columns_shows_no_text_rather_than_todays():
    plan = plan_with_history()
    old = replace(plan.history[0], status_comment="", cause="", action="", responsible="",
                  end=None, decided=None)
    plan = replace(plan, history=(old,))
    then = as_of(plan, "2025-T3")
    (a,) = then.activities
    assert (a.status, a.cause, a.action, a.status_comment) == (Status.YELLOW, "", "", "")
    assert (a.responsible, a.decided) == ("Destination Södertälje", dt.date(2024, 11, 20))
    based = basis(plan, day=dt.date(2025, 12, 31), today=TODAY)
    assert "Den sparade inte statuskommentarer, orsaker och åtgärder" in based.sentence()


def test_a_past_day_without_any_snapshot_says_the_report_shows_today():
    based = basis(replace(plan_with_history(), history=()), day=dt.date(2024, 12, 31),
                  today=TODAY)
    assert based.period is None and based.past
    assert based.sentence() == ("Statushistorik har ingen ögonblicksbild från före 31 december "
                                "2024: rapporten bygger på huvuddokumentet som det ser ut i dag.")


@pytest.mark.e2e
def test_the_commands_say_which_snapshot_and_show_its_texts(tmp_path):
    main = tmp_path / "huvuddokument.xlsx"
    write_huvuddokument(main, plan_with_history(), title="Test")
    out = tmp_path / "ut"
    said = "Bygger på ögonblicksbilden 2025-T3 i Statushistorik, tagen 12 december 2025"

    result = invoke("report", str(main), "--out", str(out), "--period", "2025-T3",
                    "--today", TODAY.isoformat())
    assert result.exit_code == 0, result.output
    assert said in result.output
    steering = out / "styrgrupp" / "styrgruppsrapport-2025-T3.xlsx"
    assert said in " ".join(sheet_text(steering, "Sammanfattning"))
    cells = [str(v) for rows in values(steering).values() for r in rows for v in r]
    first = " ".join(sheet_text(steering, "Att besluta"))
    assert THEN_CAUSE in first and said in first and "Räknar 1 aktivitet" in first
    assert not any(LATER_CAUSE in v for v in cells)

    result = invoke("annual", str(main), "--year", "2025", "--out", str(out),
                    "--today", TODAY.isoformat())
    assert result.exit_code == 0, result.output
    assert said in result.output
    book = out / "arsrapport-2025" / "arsrapport-2025.xlsx"
    assert said in " ".join(sheet_text(book, "Nyckeltal"))
    listed = " ".join(sheet_text(book, "Avvikelser"))
    assert THEN_CAUSE in listed and LATER_CAUSE not in listed
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(out / "arsrapport-2025" / "arsrapport-2025.pdf"),
                               "-"], capture_output=True, text=True, check=True).stdout
        first = " ".join(text.split("\f")[0].split())
        assert said in first
        assert THEN_CAUSE in text and LATER_CAUSE not in text
