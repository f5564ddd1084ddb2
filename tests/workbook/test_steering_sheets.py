"""The steering group's sheets: Beslut, Bedömningar, Synpunkter and Fokusområden's Kortnamn."""

from __future__ import annotations

import datetime as dt

from builders import PlanBook
from plan_sheets.workbook.model import DecisionState, FocusArea, Priority
from plan_sheets.workbook.reader import read_workbook
from plan_sheets.workbook.schema import ASSESSMENTS, DECISIONS, VIEWS


def steering_book() -> PlanBook:
    return PlanBook(
        focus_areas=[[1, "Ett företagsklimat som främjar utveckling", "Lena Holm", "Klimatet"],
                     [2, "God tillgång på arbetskraft med relevant kompetens", "Per Lundgren"]],
        decisions=[
            [dt.date(2026, 5, 20), "2026-T2", "1.1.1", "Ny tidplan godkänns", "hög",
             "Näringslivskontoret", dt.date(2026, 9, 15), "Öppet"],
            [dt.date(2026, 5, 20), "2026-T2", None, "Synpunkter samlas in varje möte", "Medel",
             None, None, "verkställt"],
            ["2026-05-21", None, "2.1.1", "Avvakta", "kanske", None, "i höst", "oklart"],
        ],
        assessments=[
            ["2026-T2", 1, "Arbetet går enligt plan.", "Företagardagen hölls.", "Lena Holm",
             dt.date(2026, 8, 25)],
            ["2026-T2", "Fokusområde 2", None, None, None, None],
        ],
        views=[
            [dt.date(2026, 6, 3), "Näringslivsrådet", "Fler frukostmöten i kommundelarna", 1,
             "Tas upp i FO1"],
        ],
    )


def test_the_three_sheets_are_read_into_the_plan(tmp_path):
    loaded = read_workbook(steering_book().write(tmp_path / "plan.xlsx"))
    plan = loaded.plan
    assert loaded.findings == ()
    assert [(d.date, d.period, d.activity_id, d.text, d.priority, d.responsible, d.follow_up,
             d.state, d.row) for d in plan.decisions] == [
        (dt.date(2026, 5, 20), "2026-T2", "1.1.1", "Ny tidplan godkänns", Priority.HIGH,
         "Näringslivskontoret", dt.date(2026, 9, 15), DecisionState.OPEN, 2),
        (dt.date(2026, 5, 20), "2026-T2", "", "Synpunkter samlas in varje möte", Priority.MEDIUM,
         "", None, DecisionState.DONE, 3),
        (dt.date(2026, 5, 21), "", "2.1.1", "Avvakta", None, "", None, None, 4),
    ]
    # Unreadable values stay as typed, for the rules to name.
    assert plan.decisions[2].raw["priority"] == "kanske"
    assert plan.decisions[2].raw["follow_up"] == "i höst"
    assert [d.is_open for d in plan.decisions] == [True, False, True]
    assert plan.decisions[0].is_due(dt.date(2026, 9, 15))
    assert not plan.decisions[0].is_due(dt.date(2026, 9, 14))
    assert [(a.period, a.focus_area, a.text, a.events, a.author, a.date, a.is_written)
            for a in plan.assessments] == [
        ("2026-T2", 1, "Arbetet går enligt plan.", "Företagardagen hölls.", "Lena Holm",
         dt.date(2026, 8, 25), True),
        ("2026-T2", 2, "", "", "", None, False),
    ]
    assert plan.assessment("2026-T2", 1).text == "Arbetet går enligt plan."
    assert plan.assessment("2026-T3", 1) is None
    assert [(v.date, v.forum, v.text, v.focus_area, v.handling) for v in plan.views] == [
        (dt.date(2026, 6, 3), "Näringslivsrådet", "Fler frukostmöten i kommundelarna", 1,
         "Tas upp i FO1")]
    assert set(plan.layouts) >= {DECISIONS.key, ASSESSMENTS.key, VIEWS.key}


def test_short_names_typed_or_from_the_first_phrase(tmp_path):
    plan = read_workbook(steering_book().write(tmp_path / "plan.xlsx")).plan
    assert [a.short_name for a in plan.focus_areas] == [
        "FO1 Klimatet", "FO2 God tillgång på arbetskraft"]
    assert plan.focus_area_short_name(2) == "FO2 God tillgång på arbetskraft"
    assert plan.focus_area_short_name(9) == "FO9"


def test_short_name_fallback_never_cuts_a_phrase():
    names = {
        "Ett företagsklimat som främjar utveckling, innovation och entreprenörskap":
            "FO1 Företagsklimat",
        "Aktivt arbete med att stärka bilden av Södertälje": "FO1 Aktivt arbete",
        "Kompetens, arbetskraft": "FO1 Kompetens",
        "": "FO1",
    }
    assert {name: FocusArea(1, name).short_name for name in names} == names
    assert FocusArea(3, "x", short="FO3 Etablering").short_name == "FO3 Etablering"


def test_workbook_without_the_new_sheets_reads_as_before(tmp_path):
    loaded = read_workbook(PlanBook().write(tmp_path / "plan.xlsx"))
    assert loaded.findings == ()
    assert (loaded.plan.decisions, loaded.plan.assessments, loaded.plan.views) == ((), (), ())
    assert [a.short_name for a in loaded.plan.focus_areas] == ["FO1 Företagsklimat",
                                                               "FO2 Kompetens"]


def test_init_writes_the_steering_sheets_with_dropdowns(tmp_path):
    import openpyxl

    from plan_sheets.example.start import init_plan

    path = init_plan(tmp_path / "ny.xlsx") and tmp_path / "ny.xlsx"
    wb = openpyxl.load_workbook(path)
    for sheet in (DECISIONS, ASSESSMENTS, VIEWS):
        assert [c.value for c in wb[sheet.name][2]] == sheet.headers
    lists = {(str(dv.sqref).split(":")[0], dv.formula1)
             for dv in wb[DECISIONS.name].data_validations.dataValidation}
    assert lists == {("E3", '"Hög,Medel,Låg"'), ("H3", '"Öppet,Pågår,Verkställt,Avskrivet"')}
    assert "Kortnamn" in [c.value for c in wb["Fokusområden"][2]]
    loaded = read_workbook(path)
    assert loaded.findings == ()


def test_format_adds_the_missing_steering_sheets_and_kortnamn_in_place(tmp_path):
    import openpyxl
    from click.testing import CliRunner

    from plan_sheets.cli import cli

    path = PlanBook().write(tmp_path / "plan.xlsx")
    result = CliRunner().invoke(cli, ["format", str(path)])
    assert result.exit_code == 0, result.output
    assert "Lade till: Beslut, Bedömningar, Synpunkter, Fokusområden!Kortnamn" in result.output
    wb = openpyxl.load_workbook(path)
    for sheet in (DECISIONS, ASSESSMENTS, VIEWS):
        assert [c.value for c in wb[sheet.name][1]] == sheet.headers
    assert [c.value for c in wb["Fokusområden"][1]] == [
        "ID", "Namn", "Fokusområdesansvarig", "Kortnamn"]
    lists = {dv.formula1 for dv in wb[DECISIONS.name].data_validations.dataValidation}
    assert lists == {'"Hög,Medel,Låg"', '"Öppet,Pågår,Verkställt,Avskrivet"'}
    # The staff's sheets are all still there, and a second run adds nothing.
    assert wb.sheetnames[:5] == ["Aktiviteter", "Fokusområden", "Insatsområden", "Mål",
                                 "Mätvärden"]
    again = CliRunner().invoke(cli, ["format", str(path)])
    assert again.exit_code == 0, again.output
    assert "Lade till" not in again.output
    loaded = read_workbook(path)
    assert loaded.findings == ()
    assert set(loaded.plan.layouts) >= {DECISIONS.key, ASSESSMENTS.key, VIEWS.key}


def test_the_huvuddokument_activities_print_landscape_one_page_wide_header_repeated(tmp_path):
    import openpyxl

    from plan_sheets.example.start import init_plan

    init_plan(tmp_path / "ny.xlsx", example=True)
    ws = openpyxl.load_workbook(tmp_path / "ny.xlsx")["Aktiviteter"]
    assert ws.page_setup.orientation == "landscape"
    assert 70 <= int(ws.page_setup.scale or 100) <= 100  # fitted to width, at least 70 %
    assert ws.print_title_rows == "$2:$2"
