"""Issue 21, finding 7: the revision of the plan. An intervention area a group adds in its
workbook's Insatsområden sheet reaches the huvuddokument as a proposal, as a new activity
does; a reworded area is merged three-way; both are logged and shown as plan changes."""

from __future__ import annotations

import datetime as dt

import openpyxl
import python_calamine
from click.testing import CliRunner

from builders import PlanBook
from plan_sheets.cli import cli
from plan_sheets.groups.areas import merge_areas
from plan_sheets.groups.merge import merge_files
from plan_sheets.workbook.findings import RULES
from plan_sheets.workbook.reader import read_workbook

TODAY = "2026-05-20"


def split(tmp_path):
    main = PlanBook().write(tmp_path / "huvuddokument.xlsx")
    result = CliRunner().invoke(cli, ["split", str(main), "--out", str(tmp_path / "ut"),
                                      "--period", "2026-T2"])
    assert result.exit_code == 0, result.output
    return main, tmp_path / "ut" / "fokusomrade-1.xlsx", tmp_path / "ut" / "fokusomrade-2.xlsx"


def add_rows(path, sheet, rows):
    """Append rows by header to a sheet of a group's workbook, as a person would in Excel."""
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    headers = [c.value for c in ws[2]]
    for values in rows:
        r = ws.max_row + 1
        for header, value in values.items():
            ws.cell(r, headers.index(header) + 1).value = value
    wb.save(path)


def set_cell(path, sheet, key_value, header, value, header_row=2):
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    headers = [c.value for c in ws[header_row]]
    row = next(r for r in range(header_row + 1, ws.max_row + 1)
               if ws.cell(r, 1).value == key_value)
    ws.cell(row, headers.index(header) + 1).value = value
    wb.save(path)


def rows_of(path, sheet):
    return python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name(
        sheet).to_python()


def test_a_new_area_and_its_activity_reach_the_huvuddokument_as_proposals(tmp_path):
    main, _one, two = split(tmp_path)
    add_rows(two, "Insatsområden", [{"ID": "2.2", "Fokusområde": 2,
                                     "Insatsområde": "främjar nya branscher",
                                     "Genom att": "kartlägga"}])
    add_rows(two, "Aktiviteter", [{"Insatsområde": "2.2", "Aktivitet": "Branschkartläggning",
                                   "Ansvarig": "NLK", "Mål": "M1", "Läge": "Planerad"}])
    result = CliRunner().invoke(cli, ["merge", str(main), str(two), "--period", "2026-T2",
                                      "--today", TODAY])
    assert result.exit_code == 0, result.output
    assert "1 nytt insatsområde föreslås och förs in i fliken Insatsområden" in result.output
    assert "2.2 främjar nya branscher → Insatsområden rad 5" in result.output
    assert "Väntar på styrgruppens beslut: 2.2.1." in result.output
    plan = read_workbook(main).plan
    area = next(a for a in plan.intervention_areas if a.id == "2.2")
    assert (area.focus_area, area.text, area.approach, area.row) == (
        2, "främjar nya branscher", "kartlägga", 5)
    assert plan.activity("2.2.1").title == "Branschkartläggning"
    # Källa, ID, Fält, Före, Efter (the Period column after them is the periods' own).
    log = [row[1:6] for row in rows_of(main, "Ändringslogg")[1:]]
    assert ["fokusomrade-2.xlsx", "2.2", "(nytt insatsområde)", "",
            "främjar nya branscher"] in log
    # Merging the same file again adds nothing.
    again = CliRunner().invoke(cli, ["merge", str(main), str(two), "--period", "2026-T2",
                                     "--today", TODAY])
    assert again.exit_code == 0, again.output
    assert len(read_workbook(main).plan.intervention_areas) == 4


def test_a_reworded_area_is_merged_three_way_and_logged(tmp_path):
    main, one, _two = split(tmp_path)
    set_cell(one, "Insatsområden", "1.1", "Insatsområde", "erbjuder digitala mötesplatser")
    result = CliRunner().invoke(cli, ["merge", str(main), str(one), "--period", "2026-T2",
                                      "--today", TODAY])
    assert result.exit_code == 0, result.output
    plan = read_workbook(main).plan
    assert plan.intervention_areas[0].text == "erbjuder digitala mötesplatser"
    log = [row[1:6] for row in rows_of(main, "Ändringslogg")[1:]]
    assert ["fokusomrade-1.xlsx", "1.1", "Insatsområden: Insatsområde",
            "erbjuder mötesplatser", "erbjuder digitala mötesplatser"] in log


def test_an_area_both_reworded_differently_is_a_conflict_settled_only_by_prefer(tmp_path):
    main, one, _two = split(tmp_path)
    set_cell(one, "Insatsområden", "1.1", "Insatsområde", "gruppens text")
    set_cell(main, "Insatsområden", "1.1", "Insatsområde", "huvuddokumentets text",
             header_row=1)
    args = ["merge", str(main), str(one), "--period", "2026-T2", "--today", TODAY]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, result.output
    assert "Konflikter i Insatsområden (1)" in result.output
    result = CliRunner().invoke(cli, [*args, "--prefer", "group"])
    assert result.exit_code == 0, result.output
    assert read_workbook(main).plan.intervention_areas[0].text == "gruppens text"


def test_without_the_bases_area_rows_a_group_area_merges_two_way(tmp_path):
    main, one, _two = split(tmp_path)
    main_plan = read_workbook(main).plan
    group = read_workbook(one)
    renamed = [a if a.id != "1.2" else a.__class__(a.id, a.focus_area, "nytt", "", a.row)
               for a in group.plan.intervention_areas]
    plan = group.plan.__class__(**{**group.plan.__dict__, "intervention_areas": tuple(renamed)})
    decided = merge_areas(main_plan, [("fokusomrade-1.xlsx", plan, None)])
    assert [(c.area_id, c.key, c.before, c.after) for c in decided.changes] == [
        ("1.2", "text", "har partners", "nytt")]
    # With the base's rows, the same row is the group's change too; an unchanged one is none.
    decided = merge_areas(main_plan, [("fokusomrade-1.xlsx", plan, group.base.areas)])
    assert [(c.area_id, c.after) for c in decided.changes] == [("1.2", "nytt")]
    assert merge_areas(main_plan, [("f.xlsx", group.plan, group.base.areas)]).changes == ()


def test_area_unknown_names_the_sheet_to_add_the_area_to():
    assert "fliken Insatsområden" in RULES["AREA_UNKNOWN"].hint


def sheet_values(path, sheet):
    return [v for row in rows_of(path, sheet) for v in row if v not in ("", None)]


def test_new_reworded_areas_and_a_renamed_activity_show_as_plan_changes(tmp_path):
    from plan_sheets.annual.figures import annual_figures
    from plan_sheets.annual.pdf import plan_revision

    main, one, two = split(tmp_path)
    add_rows(two, "Insatsområden", [{"ID": "2.2", "Fokusområde": 2,
                                     "Insatsområde": "främjar nya branscher"}])
    set_cell(one, "Insatsområden", "1.2", "Insatsområde", "har fler partners")
    set_cell(one, "Aktiviteter", "1.1.1", "Aktivitet", "Frukostmöten")
    # The library function, dated by `now` (the CLI's --today dating Ändringslogg is the
    # periods work of the same issue).
    outcome = merge_files(main, [one, two], period="2026-T2", today=dt.date(2026, 5, 20),
                          now=dt.datetime(2026, 5, 20, 10))
    assert outcome.written is not None and not outcome.blocked
    out = tmp_path / "rapporter"
    result = CliRunner().invoke(cli, ["report", str(main), "--out", str(out), "--period",
                                      "2026-T2", "--today", TODAY])
    assert result.exit_code == 0, result.output
    steering = out / "styrgrupp" / "styrgruppsrapport-2026-T2.xlsx"
    changes = rows_of(steering, "Förändringar i planen")
    rows = [[v for v in row if v not in ("", None)] for row in changes]
    assert any(r[:2] == ["Nytt namn", "1.1.1"] for r in rows)
    assert any(r[:3] == ["Nytt insatsområde", "2.2", "främjar nya branscher"] for r in rows)
    assert any(r[:4] == ["Omformulerat insatsområde", "1.2", "har fler partners",
                         "har partners"] for r in rows)
    # The new area awaits the steering group's decision after the deviations.
    assert "Besluta om insatsområdet" in sheet_values(steering, "Förslag att besluta")
    figs = annual_figures(read_workbook(main).plan, year=2026, today=dt.date(2026, 5, 20))
    revised = plan_revision(figs)
    assert ["Nytt insatsområde", "2.2", "främjar nya branscher", "–"] in revised
    assert ["Omformulerat insatsområde", "1.2", "har fler partners", "har partners"] in revised
    assert ["Nytt namn", "1.1.1", "Frukostmöten", "Aktivitet 1.1.1"] in revised


def test_an_area_whose_last_open_activity_closed_since_the_snapshot_is_closed():
    from plan_sheets.reports import agenda
    from plan_sheets.workbook.model import Activity, InterventionArea, Phase, Plan, Snapshot

    day = dt.date(2026, 4, 30)
    acts = (Activity("1.1.1", 1, "1.1", "a", phase=Phase.DONE, decided=dt.date(2025, 1, 1)),
            Activity("1.1.2", 1, "1.1", "b", phase=Phase.CANCELLED, decided=dt.date(2025, 1, 1)),
            Activity("1.2.1", 1, "1.2", "c", phase=Phase.DONE, decided=dt.date(2025, 1, 1)),
            Activity("1.3.1", 1, "1.3", "d", phase=Phase.ONGOING, decided=dt.date(2025, 1, 1)))
    plan = Plan(activities=acts, intervention_areas=tuple(
        InterventionArea(f"1.{n}", 1, f"område {n}") for n in (1, 2, 3)))
    before = {"1.1.1": Snapshot(day, "2026-T1", "1.1.1", Phase.ONGOING, None),
              "1.1.2": Snapshot(day, "2026-T1", "1.1.2", Phase.CANCELLED, None),
              "1.2.1": Snapshot(day, "2026-T1", "1.2.1", Phase.DONE, None)}
    span = agenda.Span("2026-T2", dt.date(2026, 5, 1), dt.date(2026, 8, 31))
    found = agenda.area_changes(plan, span, before)
    assert [(c.kind, c.area_id, c.text) for c in found] == [
        ("Avslutat insatsområde", "1.1", "område 1")]
