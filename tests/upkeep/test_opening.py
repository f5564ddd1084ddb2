"""Issue 21, finding 5: no starting point. `import` and the first merge into a huvuddokument
without history record an opening snapshot (Utgångsläge), so that an activity that went
Gul -> Röd during the first period reaches the period's status changes and the board's
"ändrat trafikljus under året"."""

from __future__ import annotations

import datetime as dt

import openpyxl
import python_calamine
from click.testing import CliRunner

import old_plans
from builders import PlanBook, activity
from plan_sheets.annual.figures import annual_figures
from plan_sheets.annual.pdf import listing
from plan_sheets.cli import cli
from plan_sheets.groups.account import render_merge
from plan_sheets.groups.merge import merge_files
from plan_sheets.workbook.reader import read_workbook

DAY = dt.date(2026, 4, 20)


def set_group_cell(path, aid, header, value):
    wb = openpyxl.load_workbook(path)
    ws = wb["Aktiviteter"]
    headers = [c.value for c in ws[2]]
    row = next(r for r in range(3, ws.max_row + 1) if ws.cell(r, 1).value == aid)
    ws.cell(row, headers.index(header) + 1).value = value
    wb.save(path)


def test_a_yellow_activity_that_turns_red_in_the_first_period_is_a_change(tmp_path):
    book = PlanBook(activities=[
        activity("1.1.1", Status="Gul", **{"Orsak till avvikelse": "Sjukdom",
                                           "Rekommenderad åtgärd": "Vikarie"}),
        activity("1.2.1", Mål="M2"), activity("2.1.1")])
    main = book.write(tmp_path / "huvuddokument.xlsx")
    assert CliRunner().invoke(cli, ["split", str(main), "--out", str(tmp_path / "ut"),
                                    "--period", "2026-T1"]).exit_code == 0
    group = tmp_path / "ut" / "fokusomrade-1.xlsx"
    set_group_cell(group, "1.1.1", "Status", "Röd")
    outcome = merge_files(main, [group], period="2026-T1", today=DAY,
                          now=dt.datetime(2026, 4, 20, 9))
    assert outcome.written is not None
    assert (outcome.snapshot_rows, outcome.opening_rows) == (3, 3)
    assert "först sparades utgångsläget (3 rader)" in render_merge(outcome)
    plan = read_workbook(main).plan
    assert plan.periods() == ["Utgångsläge 2026", "2026-T1"]
    opening = {s.activity_id: s for s in plan.history if s.period == "Utgångsläge 2026"}
    assert sorted(opening) == ["1.1.1", "1.2.1", "2.1.1"]
    assert opening["1.1.1"].status.value == "Gul"
    # The steering group's status changes compare T1 with the opening snapshot.
    out = tmp_path / "rapporter"
    result = CliRunner().invoke(cli, ["report", str(main), "--out", str(out), "--period",
                                      "2026-T1", "--today", "2026-04-25"])
    assert result.exit_code == 0, result.output
    rows = python_calamine.CalamineWorkbook.from_path(
        str(out / "styrgrupp" / "styrgruppsrapport-2026-T1.xlsx")).get_sheet_by_name(
        "Förändringar i planen").to_python()
    rows = [[v for v in row if v not in ("", None)] for row in rows]
    assert ["Statusförändringar sedan Utgångsläge 2026"] in rows
    assert any(r[:2] == ["Sämre", "1.1.1"] and r[-3:-1] == ["Gul", "Röd"] for r in rows), rows
    # And the board's "ändrat trafikljus under året".
    figs = annual_figures(plan, year=2026, today=dt.date(2026, 4, 25))
    named = listing(figs)
    assert [(a.id, before) for a, before in named.changed] == [("1.1.1", "Gul")]
    assert named.since == "Utgångsläge 2026"


def test_import_writes_the_opening_snapshot_of_its_day(tmp_path):
    old = old_plans.issue_example(tmp_path / "gammal.xlsx")
    new = tmp_path / "huvuddokument.xlsx"
    result = CliRunner().invoke(cli, ["import", str(old), str(new), "--today", "2026-02-03"])
    assert result.exit_code == 0, result.output
    plan = read_workbook(new).plan
    assert plan.periods() == ["Utgångsläge 2026"]
    assert sorted((s.activity_id, s.date) for s in plan.history) == [
        (a.id, dt.date(2026, 2, 3)) for a in sorted(plan.activities, key=lambda a: a.id)]
    # A later merge keeps it: only a huvuddokument without history gets one.
    assert {s.status for s in plan.history if s.activity_id == "1.1.2"} == {
        plan.activity("1.1.2").status}
