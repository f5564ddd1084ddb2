"""Issue 21's findings 1–3, reproduced through the commands: a figure belongs to the period it
reports, never to the day a command ran.

Each test runs the process leader's round with `--today` on the days the issue names, on a
plan built here; the expected values are the test's own edits.
"""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
import python_calamine
from click.testing import CliRunner

from builders import PlanBook, activity
from edits import edit
from plan_sheets.annual.figures import annual_figures
from plan_sheets.cli import cli
from plan_sheets.reports.report import report_data
from plan_sheets.workbook.reader import read_workbook
from reportcheck import sheet_text

OLD = dt.date(2025, 12, 1)
"""Senast uppdaterad of every activity before the year's first merge."""


def invoke(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result


def rows(path, sheet):
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    return book.get_sheet_by_name(sheet).to_python()


def start(tmp_path):
    acts = [activity(aid, **{"Senast uppdaterad": OLD})
            for aid in ("1.1.1", "1.1.2", "1.2.1", "2.1.1")]
    return PlanBook(activities=acts).write(tmp_path / "huvuddokument.xlsx")


def merge_round(tmp_path, main, period, today, changes=None):
    """split, a group edits its workbook, merge for `period` on `today`."""
    out = tmp_path / f"ut-{period}"
    invoke("split", main, "--out", out)
    one = out / "fokusomrade-1.xlsx"
    if changes:
        edit(one, changes)
    return invoke("merge", main, one, out / "fokusomrade-2.xlsx", "--period", period,
                  "--today", today)


def test_a_late_merge_is_what_its_periods_report_shows(tmp_path):
    """Finding 1: T2's files merged on 3 September; the T2 report on 10 September used T1."""
    main = start(tmp_path)
    merge_round(tmp_path, main, "2026-T1", "2026-04-28")
    red = {"Status": "Röd", "Orsak till avvikelse": "Lokalen saknas",
           "Rekommenderad åtgärd": "Boka en annan"}
    merge_round(tmp_path, main, "2026-T2", "2026-09-03", {"1.1.1": red})
    out = tmp_path / "rapporter"
    result = invoke("report", main, "--out", out, "--period", "2026-T2", "--today", "2026-09-10")
    assert "Bygger på ögonblicksbilden 2026-T2 i Statushistorik, tagen 3 september 2026" \
        in result.output
    steering = out / "styrgrupp" / "styrgruppsrapport-2026-T2.xlsx"
    first = " ".join(sheet_text(steering, "Att besluta"))
    assert "1.1.1" in first and "Lokalen saknas" in first
    assert "ögonblicksbilden 2026-T2" in first
    # The files came late, but they are T2's: Rapportering says so, and Förändringar i planen
    # (from Ändringslogg, whose rows name the period merged) is T2's too.
    reported = " ".join(sheet_text(steering, "Rapportering"))
    assert "fokusomrade-1.xlsx 2026-09-03" in reported


@pytest.mark.e2e
def test_the_annual_report_uses_the_years_last_period_merged_in_january(tmp_path):
    """Finding 1: T3 merged on 8 January 2027; `annual --year 2026` on the 10th used T2."""
    main = start(tmp_path)
    merge_round(tmp_path, main, "2026-T2", "2026-09-03")
    merge_round(tmp_path, main, "2026-T3", "2027-01-08",
                {"1.1.2": {"Läge": "Genomförd"}, "1.2.1": {"Läge": "Genomförd"}})
    figs = annual_figures(read_workbook(main).plan, year=2026, today=dt.date(2027, 1, 10))
    assert (figs.basis.period, figs.basis.taken) == ("2026-T3", dt.date(2027, 1, 8))
    assert [a.id for a in figs.completed] == ["1.1.2", "1.2.1"]
    result = invoke("annual", main, "--year", "2026", "--out", tmp_path / "ut", "--today",
                    "2027-01-10")
    assert "ögonblicksbilden 2026-T3" in result.output


def test_today_dates_the_change_log_and_the_report_sees_the_round(tmp_path):
    """Finding 2: `--today` dated Senast uppdaterad and Statushistorik but not Ändringslogg,
    so a report with the same `--today` said every workbook was missing."""
    main = start(tmp_path)
    merge_round(tmp_path, main, "2026-T2", "2026-05-20", {"1.1.1": {"Status": "Gul",
                "Orsak till avvikelse": "Sen", "Rekommenderad åtgärd": "Skynda"}})
    log = rows(main, "Ändringslogg")
    header = log[0].index("Tidpunkt") if "Tidpunkt" in log[0] else log[1].index("Tidpunkt")
    stamps = {r[header].date() for r in log if isinstance(r[header], dt.datetime)}
    assert stamps == {dt.date(2026, 5, 20)}
    history = rows(main, "Statushistorik")
    assert {r[0] for r in history if isinstance(r[0], dt.date)} == {dt.date(2026, 5, 20)}
    archived = list((tmp_path / "arkiv").glob("*.xlsx"))
    assert archived and all("2026-05-20" in p.name or "20260520" in p.name for p in archived)
    out = tmp_path / "rapporter"
    invoke("report", main, "--out", out, "--period", "2026-T2", "--today", "2026-05-25")
    steering = out / "styrgrupp" / "styrgruppsrapport-2026-T2.xlsx"
    reported = " ".join(sheet_text(steering, "Rapportering"))
    assert "fokusomrade-1.xlsx 2026-05-20" in reported


def test_a_past_periods_not_updated_list_is_as_of_its_snapshot(tmp_path):
    """Finding 3: re-run later, T1's list of activities not updated shrank, since it used
    today's Senast uppdaterad."""
    main = start(tmp_path)
    merge_round(tmp_path, main, "2026-T1", "2026-04-28")
    merge_round(tmp_path, main, "2026-T2", "2026-06-15",
                {"1.1.1": {"Statuskommentar": "Nu"}, "1.1.2": {"Statuskommentar": "Nu"}})
    data = report_data(read_workbook(main), period="2026-T1", today=dt.date(2027, 2, 1))
    assert {a.id: a.updated for a in data.plan.activities} == dict.fromkeys(
        ("1.1.1", "1.1.2", "1.2.1", "2.1.1"), OLD)
    out = tmp_path / "rapporter"
    invoke("report", main, "--out", out, "--period", "2026-T1", "--today", "2027-02-01")
    listed = " ".join(sheet_text(out / "styrgrupp" / "styrgruppsrapport-2026-T1.xlsx",
                                 "Rapportering"))
    for aid in ("1.1.1", "1.1.2", "1.2.1", "2.1.1"):
        assert aid in listed
    shutil.rmtree(out)
