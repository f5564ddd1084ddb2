"""Three years of tertials with late merges and two turns of the year (issue 21): each
period's report and each year's annual figures against values computed here, from the
script of what happened, independently of the tool's counting."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import openpyxl
import pytest
from click.testing import CliRunner

from builders import PlanBook, activity
from plan_sheets.annual.figures import annual_figures
from plan_sheets.cli import cli
from plan_sheets.groups.merge import merge_files
from plan_sheets.reports.report import report_data
from plan_sheets.workbook.reader import read_workbook

pytestmark = pytest.mark.e2e

IDS = ("1.1.1", "1.1.2", "1.2.1", "1.2.2", "2.1.1", "2.1.2")
SCRIPT = {
    # period: {ID: (Läge, Status)} as the groups report it for the period
    "2026-T1": {"1.1.1": ("Pågående", "Gul")},
    "2026-T2": {"1.1.1": ("Pågående", "Röd"), "1.1.2": ("Genomförd", "Grön")},
    "2026-T3": {"2.1.1": ("Avbruten", None), "1.2.1": ("Pågående", "Gul")},
    "2027-T1": {"1.1.1": ("Pågående", "Gul")},
    "2027-T2": {"1.2.1": ("Genomförd", "Grön")},
    "2027-T3": {"2.1.2": ("Pågående", "Röd")},
    "2028-T1": {"1.1.1": ("Pågående", "Grön")},
    "2028-T2": {"2.1.2": ("Genomförd", "Grön")},
    "2028-T3": {"1.2.2": ("Pågående", "Gul")},
}
MERGED_ON = {"T1": (5, 5), "T2": (9, 3)}
"""Each period is merged late: T1 in May, T2 in September, T3 on 8 January the next year."""


def merge_day(period: str) -> dt.date:
    year, part = int(period[:4]), period[5:]
    if part == "T3":
        return dt.date(year + 1, 1, 8)
    return dt.date(year, *MERGED_ON[part])


def set_main(path, changes):
    """The process leader types the groups' news into the huvuddokument."""
    wb = openpyxl.load_workbook(path)
    ws = wb["Aktiviteter"]
    header = next(r for r in range(1, 4) if ws.cell(r, 1).value == "ID")
    headers = [c.value for c in ws[header]]
    rows = {ws.cell(r, 1).value: r for r in range(header + 1, ws.max_row + 1)}
    for aid, (phase, status) in changes.items():
        ws.cell(rows[aid], headers.index("Läge") + 1, phase)
        ws.cell(rows[aid], headers.index("Status") + 1, status)
        for key in ("Orsak till avvikelse", "Rekommenderad åtgärd"):
            ws.cell(rows[aid], headers.index(key) + 1, "Text" if status in ("Gul", "Röd")
                    else None)
    wb.save(path)


def test_three_years_with_late_merges_and_two_turns(tmp_path):
    main = PlanBook(activities=[activity(aid, Slut=dt.date(2028, 12, 31)) for aid in IDS]
                    ).write(tmp_path / "huvuddokument.xlsx")
    state = {aid: ("Pågående", "Grön") for aid in IDS}
    moved: set[str] = set()
    completed_in: dict[str, int] = {}
    runner = CliRunner()

    def split(year):
        out = tmp_path / f"ut-{year}"
        result = runner.invoke(cli, ["split", str(main), "--out", str(out), "--period",
                                     f"{year}-T1"])
        assert result.exit_code == 0, result.output
        return sorted(out.glob("*.xlsx"))

    def expected_counts():
        counted = {aid: s for aid, (p, s) in state.items()
                   if aid not in moved and p != "Avbruten"}
        cancelled = sorted(aid for aid, (p, _s) in state.items()
                           if aid not in moved and p == "Avbruten")
        return sorted(counted), Counter(s for s in counted.values()), cancelled

    files = split(2026)
    for period, changes in SCRIPT.items():
        year = int(period[:4])
        set_main(main, changes)
        for aid, (phase, status) in changes.items():
            if phase == "Genomförd" and state[aid][0] != "Genomförd":
                completed_in[aid] = year
            state[aid] = (phase, status)
        day = merge_day(period)
        outcome = merge_files(main, files, period=period, today=day,
                              now=dt.datetime.combine(day, dt.time(10)))
        assert not outcome.blocked, outcome.errors
        # The period's report, run after its late merge (and again after the turn of the
        # year for a T3), shows the period.
        ids, lights, cancelled = expected_counts()
        data = report_data(read_workbook(main), period=period, today=day + dt.timedelta(days=2))
        assert sorted(a.id for a in data.population.counted) == ids, period
        assert Counter(a.status.value if a.status else None
                       for a in data.population.counted) == lights, period
        assert sorted(a.id for a in data.population.cancelled) == cancelled, period
        if period.endswith("T3") and year < 2028:
            result = runner.invoke(cli, ["arsskifte", str(main), "--year", str(year),
                                         "--today", (day + dt.timedelta(days=1)).isoformat()])
            assert result.exit_code == 0, result.output
            turn_moved = {aid for aid, (p, _s) in state.items()
                          if aid not in moved and p in ("Genomförd", "Avbruten")}
            assert {a.id for a in read_workbook(main).plan.closed} == moved | turn_moved
            # The year's annual figures, after the turn, from the huvuddokument.
            figs = annual_figures(read_workbook(main).plan, year=year,
                                  today=day + dt.timedelta(days=2))
            assert figs.key.total == len(ids), year
            assert figs.key.by_status["Röd"] == lights["Röd"], year
            assert figs.key.by_status["Gul"] == lights["Gul"], year
            assert figs.key.cancelled == len(cancelled), year
            assert figs.key.completed == sum(1 for y in completed_in.values() if y == year)
            moved |= turn_moved
            files = split(year + 1)
    # The last year, not turned: its annual figures on the day after its T3 merge.
    ids, lights, cancelled = expected_counts()
    figs = annual_figures(read_workbook(main).plan, year=2028, today=dt.date(2029, 1, 10))
    assert (figs.key.total, figs.key.completed) == (
        len(ids), sum(1 for y in completed_in.values() if y == 2028))
    assert figs.key.by_status["Gul"] == lights["Gul"]
