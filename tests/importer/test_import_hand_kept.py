"""import on a plan kept by hand by someone else (issue 22): notes below the data, hidden
and struck-through rows, cell notes, header variants, Läge for a light, the plan's name."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from click.testing import CliRunner

import old_plans
from plan_sheets.annual.pack import plan_title
from plan_sheets.cli import cli
from plan_sheets.importer.command import import_workbook
from plan_sheets.importer.convert import Options
from plan_sheets.importer.record import DECIDE, IMPORT_SHEET
from plan_sheets.workbook.model import Phase, Status
from plan_sheets.workbook.reader import read_workbook

TODAY = dt.date(2022, 6, 1)


def import_rows(path) -> list[tuple]:
    ws = openpyxl.load_workbook(path)[IMPORT_SHEET]
    return [tuple(c.value for c in row) for row in ws.iter_rows(min_row=3)]


def rows_at(rows: list[tuple], source: str) -> list[tuple]:
    return [r for r in rows if r[0] == source]


@pytest.fixture
def imported(tmp_path):
    old = old_plans.hand_kept(tmp_path / "handlingsplan-gammal.xlsx")
    new = tmp_path / "ny.xlsx"
    result = import_workbook(old, new, options=Options(today=TODAY))
    return result, new


def test_a_legend_and_notes_below_the_data_are_skipped_not_areas(imported):
    result, new = imported
    plan = result.plan
    assert [f.number for f in plan.focus_areas] == [1, 2]
    assert [a.id for a in plan.intervention_areas] == ["1.1", "2.1"]
    assert len(plan.activities) == 5
    rows = import_rows(new)
    skipped = [r for r in rows if r[2] == "(hoppades över)"]
    assert [r[0] for r in skipped] == ["Aktiviteter!A13", "Aktiviteter!A14", "Aktiviteter!A15",
                                       "Aktiviteter!A16", "Aktiviteter!A18"]
    assert skipped[1][1] == "Grön = enligt plan"


def test_a_hidden_row_is_imported_and_flagged(imported):
    result, new = imported
    assert result.plan.activity("1.1.3").title == "Gammal mässa"
    (flag,) = [r for r in rows_at(import_rows(new), "Aktiviteter!B7") if "dold" in r[3]]
    assert flag[3].startswith(DECIDE)


def test_a_struck_through_activity_is_proposed_as_cancelled_not_red(imported):
    result, new = imported
    gala = result.plan.activity("1.1.4")
    assert (gala.phase, gala.status) == (Phase.CANCELLED, None)
    (flag,) = [r for r in rows_at(import_rows(new), "Aktiviteter!B8") if "genomstruken" in r[3]]
    assert flag[3].startswith(DECIDE) and "inte Röd" in flag[3]


def test_cell_notes_are_kept_where_they_say_and_recorded(imported):
    result, new = imported
    plan = result.plan
    assert plan.activity("1.1.2").cause == "Statsbidraget sänktes"
    assert plan.activity("2.1.1").status_comment == "Kontaktperson är Lena på AMF."
    rows = import_rows(new)
    (cause,) = [r for r in rows_at(rows, "Aktiviteter!E6") if "cellkommentar" in r[3]]
    assert cause[1] == "Orsak: Statsbidraget sänktes" and "Orsak till avvikelse" in cause[3]
    assert any("cellkommentar" in r[3] for r in rows_at(rows, "Aktiviteter!B11"))


def test_the_usual_header_variants_are_read_and_an_unknown_one_names_the_fix(imported):
    result, new = imported
    first = result.plan.activity("1.1.1")
    assert first.goals == ("M1",)
    assert first.responsible == "Näringslivskontoret"
    assert first.status_comment == "Fyra i år"
    assert (first.start, first.end) == (dt.date(2020, 1, 1), dt.date(2023, 12, 31))
    (budget,) = rows_at(import_rows(new), "Aktiviteter!H2")
    assert budget[1] == "Budget (tkr)" and "--column Mål=H" in budget[3]
    assert budget[3].startswith(DECIDE)
    assert first.extra == {"Budget (tkr)": 40, "Tidsplan": "2020–2023"}


@pytest.mark.parametrize("header", ["Koppling till mål", "Målkoppling", "Mål som berörs"])
def test_goal_header_variants(header):
    from plan_sheets.importer.layout import field_of_header

    assert field_of_header(header) == "goals"


@pytest.mark.parametrize(("header", "key"), [
    ("Ansvar", "responsible"), ("Ansvarig förvaltning", "responsible"),
    ("Tidsplan", "timeline"), ("Kommentar", "status_comment"), ("Klart", "end")])
def test_other_header_variants(header, key):
    from plan_sheets.importer.layout import field_of_header

    assert field_of_header(header) == key


def test_a_traffic_light_without_lage_gets_one_from_the_dates_and_is_flagged(imported):
    result, new = imported
    plan = result.plan
    assert plan.activity("1.1.1").phase is Phase.ONGOING
    assert plan.activity("2.1.1").phase is Phase.ONGOING
    assert plan.activity("1.1.1").status is Status.GREEN
    flags = [r for r in import_rows(new) if "trafikljus utan Läge" in r[3]]
    assert [r[0] for r in flags] == ["Aktiviteter!E5", "Aktiviteter!E6", "Aktiviteter!E7",
                                     "Aktiviteter!E11"]
    # Whether one whose Slut has passed is done is for a person to decide.
    assert [r[0] for r in flags if r[3].startswith(DECIDE)] == ["Aktiviteter!E6",
                                                                "Aktiviteter!E7"]


def test_a_traffic_light_before_the_start_is_planned(tmp_path):
    old = old_plans.hand_kept(tmp_path / "gammal.xlsx")
    result = import_workbook(old, tmp_path / "ny.xlsx",
                             options=Options(today=dt.date(2021, 6, 1)))
    assert result.plan.activity("2.1.1").phase is Phase.PLANNED


def test_the_plans_name_is_the_sheets_title_never_the_file_name(imported, tmp_path):
    _result, new = imported
    loaded = read_workbook(new)
    assert plan_title(loaded) == old_plans.HAND_KEPT_NAME
    ws = openpyxl.load_workbook(new)["Aktiviteter"]
    assert "handlingsplan-gammal" not in str(ws["A1"].value)


def test_the_name_option_names_the_plan(tmp_path):
    old = old_plans.hand_kept(tmp_path / "gammal.xlsx")
    new = tmp_path / "ny.xlsx"
    result = CliRunner().invoke(cli, ["import", str(old), str(new), "--namn",
                                      "Näringslivsplan Södertälje", "--today", "2022-06-01"])
    assert result.exit_code == 0, result.output
    assert plan_title(read_workbook(new)) == "Näringslivsplan Södertälje"


def test_a_plan_without_a_title_gets_the_default_name_not_the_file_name(tmp_path):
    old = old_plans.issue_example(tmp_path / "handlingsplan-gammal.xlsx")
    ws_book = openpyxl.load_workbook(old)
    ws_book["Aktiviteter"].delete_rows(1)
    ws_book.save(old)
    new = tmp_path / "ny.xlsx"
    import_workbook(old, new)
    assert "gammal" not in plan_title(read_workbook(new))
