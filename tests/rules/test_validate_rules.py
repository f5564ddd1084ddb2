"""One test per finding code: a workbook built in code with exactly that defect."""

from __future__ import annotations

import datetime as dt

import pytest

from builders import TODAY, PlanBook, activity, replace_in_zip
from plan_sheets.rules.validate import validate
from plan_sheets.workbook.findings import RULES
from plan_sheets.workbook.reader import read_workbook


def findings_of(book: PlanBook, tmp_path, *, kind=None):
    path = book.write(tmp_path / "plan.xlsx")
    return [(f.code, f.sheet, f.cell) for f in validate(read_workbook(path, kind=kind),
                                                       today=TODAY)]


def test_the_valid_plan_has_no_findings(tmp_path):
    assert findings_of(PlanBook(), tmp_path) == []


def test_sheet_missing_aktiviteter(tmp_path):
    book = PlanBook(omit_sheets=("Aktiviteter",))
    assert ("SHEET_MISSING", "Aktiviteter", "") in findings_of(book, tmp_path)


def test_sheet_missing_mal_in_a_huvuddokument(tmp_path):
    book = PlanBook(omit_sheets=("Mål",))
    assert findings_of(book, tmp_path) == [("SHEET_MISSING", "Mål", "")]


def test_goal_sheet_is_optional_in_a_focus_area_workbook(tmp_path):
    book = PlanBook(omit_sheets=("Mål", "Fokusområden", "Insatsområden", "Mätvärden"))
    assert findings_of(book, tmp_path, kind="group") == []


def test_column_missing(tmp_path):
    headers = [h for h in PlanBook().activity_headers if h != "Ansvarig"]
    found = findings_of(PlanBook(activity_headers=headers), tmp_path)
    assert found == [("COLUMN_MISSING", "Aktiviteter", "")]


def test_header_duplicate(tmp_path):
    headers = [*PlanBook().activity_headers, "Status"]
    found = findings_of(PlanBook(activity_headers=headers), tmp_path)
    col = len(headers)
    assert found == [("HEADER_DUPLICATE", "Aktiviteter", f"{chr(64 + col)}1")]


def test_id_missing_in_a_huvuddokument(tmp_path):
    book = PlanBook()
    book.activities[1]["ID"] = None
    assert findings_of(book, tmp_path) == [("ID_MISSING", "Aktiviteter", "A3")]


def test_empty_id_is_a_new_activity_in_a_focus_area_workbook(tmp_path):
    book = PlanBook()
    book.activities[1]["ID"] = None
    assert findings_of(book, tmp_path, kind="group") == []


def test_id_format(tmp_path):
    book = PlanBook()
    book.activities[0]["ID"] = "1-1-1"
    assert findings_of(book, tmp_path) == [("ID_FORMAT", "Aktiviteter", "A2")]


def test_id_duplicate_points_at_the_second_row(tmp_path):
    book = PlanBook()
    book.activities.append(activity("2.1.1", Aktivitet="Samma ID igen"))
    found = findings_of(book, tmp_path)
    assert found == [("ID_DUPLICATE", "Aktiviteter", "A5")]


def test_id_area_mismatch(tmp_path):
    book = PlanBook()
    book.activities.append(activity("2.1.2"))
    book.activities[2]["Insatsområde"] = "1.1"
    assert findings_of(book, tmp_path) == [("ID_AREA_MISMATCH", "Aktiviteter", "C4")]


def test_id_focus_mismatch(tmp_path):
    book = PlanBook()
    book.activities[2]["Fokusområde"] = 1
    assert findings_of(book, tmp_path) == [("ID_AREA_MISMATCH", "Aktiviteter", "B4")]


def test_area_typed_as_number_that_excel_shortened_says_so(tmp_path):
    book = PlanBook()
    book.areas.append(["1.10", 1, "tionde området", ""])
    book.activities.append(activity("1.10.1", Insatsområde=1.10))
    path = book.write(tmp_path / "plan.xlsx")
    found = [f for f in validate(read_workbook(path), today=TODAY)]
    mismatch = [f for f in found if f.code == "ID_AREA_MISMATCH"]
    assert [(f.cell, f.activity_id) for f in mismatch] == [("C5", "1.10.1")]
    assert "Excel gör om 1.10 till 1.1" in mismatch[0].message


def test_area_unknown(tmp_path):
    book = PlanBook()
    book.activities.append(activity("2.9.1"))
    found = findings_of(book, tmp_path)
    assert found == [("AREA_UNKNOWN", "Aktiviteter", "C5")]


def test_focus_area_unknown(tmp_path):
    book = PlanBook()
    book.activities[0]["Fokusområde"] = "Fokusområde för rymdturism"
    assert findings_of(book, tmp_path) == [("AREA_UNKNOWN", "Aktiviteter", "B2")]


def test_title_missing(tmp_path):
    book = PlanBook()
    book.activities[0]["Aktivitet"] = None
    assert findings_of(book, tmp_path) == [("TITLE_MISSING", "Aktiviteter", "D2")]


def test_status_invalid(tmp_path):
    book = PlanBook()
    book.activities[0]["Status"] = "Blå"
    assert findings_of(book, tmp_path) == [("STATUS_INVALID", "Aktiviteter", "L2")]


def test_status_only_colour(tmp_path):
    """An empty Status cell filled green or orange is a status kept by colour alone."""
    import openpyxl
    from openpyxl.styles import PatternFill

    book = PlanBook()
    book.activities[0].update(Status=None, Läge="Planerad")
    book.activities[1].update(Status=None, Läge="Planerad")
    book.activities[2].update(Status=None, Läge="Planerad")
    path = book.write(tmp_path / "plan.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["Aktiviteter"]
    ws["L2"].fill = PatternFill("solid", fgColor="FF00B050")
    ws["L3"].fill = PatternFill("solid", fgColor="FFFF6600")
    ws["L4"].fill = PatternFill("solid", fgColor="FFD9D9D9")  # grey: no traffic light
    ws["D2"].fill = PatternFill("solid", fgColor="FFFF0000")  # not the Status column
    wb.save(path)
    found = validate(read_workbook(path), today=TODAY)
    assert [(f.code, f.cell, f.severity.value) for f in found] == [
        ("STATUS_ONLY_COLOUR", "L2", "error"), ("STATUS_ONLY_COLOUR", "L3", "error")]
    assert "färgad grön (#00B050)" in found[0].message
    assert "mellan röd och gul (#FF6600)" in found[1].message
    assert "plan-sheets import" in found[0].hint
    ws["L2"] = "Grön"
    wb.save(path)
    assert [f.cell for f in validate(read_workbook(path), today=TODAY)] == ["L3"]


def test_phase_invalid(tmp_path):
    book = PlanBook()
    book.activities[0]["Läge"] = "Nästan klar"
    assert findings_of(book, tmp_path) == [("PHASE_INVALID", "Aktiviteter", "K2")]


@pytest.mark.parametrize("header, col", [("Start", "I"), ("Slut", "J"), ("Beslutad", "Q"),
                                         ("Senast uppdaterad", "R")])
def test_date_invalid(tmp_path, header, col):
    book = PlanBook()
    book.activities[0][header] = "snart"
    found = findings_of(book, tmp_path)
    assert found == [("DATE_INVALID", "Aktiviteter", f"{col}2")]


def test_date_order(tmp_path):
    book = PlanBook()
    book.activities[0].update(Start=dt.date(2027, 6, 1), Slut=dt.date(2027, 1, 1))
    assert findings_of(book, tmp_path) == [("DATE_ORDER", "Aktiviteter", "J2")]


def test_goal_unknown(tmp_path):
    book = PlanBook()
    book.activities[2]["Mål"] = "M1, M7"
    assert findings_of(book, tmp_path) == [("GOAL_UNKNOWN", "Aktiviteter", "P4")]


def test_goal_duplicate(tmp_path):
    book = PlanBook()
    book.goals.append(["M2", "Samma mål igen", "", "", None, None, None, None, "Öka", ""])
    assert findings_of(book, tmp_path) == [("GOAL_DUPLICATE", "Mål", "A4")]


@pytest.mark.parametrize("row, col", [(["M1", "i fjol", 3, ""], "B"),
                                      (["M1", 2025, "många", ""], "C"),
                                      (["M9", 2025, 3, ""], "A")])
def test_measurement_invalid(tmp_path, row, col):
    book = PlanBook()
    book.measurements.append(row)
    assert findings_of(book, tmp_path) == [("MEASUREMENT_INVALID", "Mätvärden", f"{col}4")]


def test_text_invalid_control_characters(tmp_path):
    book = PlanBook()
    book.activities[0]["Statuskommentar"] = "rad ettBELLrad två"
    path = book.write(tmp_path / "plan.xlsx")
    # Excel escapes a control character in XML as _x0007_; openpyxl refuses to write one.
    replace_in_zip(path, None, b"BELL", b"_x0007_")
    found = [(f.code, f.cell) for f in validate(read_workbook(path), today=TODAY)]
    assert found == [("TEXT_INVALID", "M2")]


def test_responsible_missing(tmp_path):
    book = PlanBook()
    book.activities[0]["Ansvarig"] = None
    assert findings_of(book, tmp_path) == [("RESPONSIBLE_MISSING", "Aktiviteter", "F2")]


def test_status_missing_while_ongoing(tmp_path):
    book = PlanBook()
    book.activities[0]["Status"] = None
    assert findings_of(book, tmp_path) == [("STATUS_MISSING", "Aktiviteter", "L2")]


def test_status_may_be_empty_while_planned(tmp_path):
    book = PlanBook()
    book.activities[0].update(Status=None, Läge="Planerad")
    assert findings_of(book, tmp_path) == []


def test_date_missing(tmp_path):
    book = PlanBook()
    book.activities[0]["Start"] = None
    assert findings_of(book, tmp_path) == [("DATE_MISSING", "Aktiviteter", "I2")]


def test_overdue(tmp_path):
    book = PlanBook()
    book.activities[0]["Slut"] = dt.date(2026, 6, 30)
    assert findings_of(book, tmp_path) == [("OVERDUE", "Aktiviteter", "J2")]


def test_overdue_follows_today(tmp_path):
    book = PlanBook()
    book.activities[0]["Slut"] = dt.date(2026, 6, 30)
    path = book.write(tmp_path / "plan.xlsx")
    assert validate(read_workbook(path), today=dt.date(2026, 6, 30)) == []


@pytest.mark.parametrize("phase, end", [("Genomförd", dt.date(2025, 1, 1)),
                                        ("Avbruten", dt.date(2025, 1, 1)),
                                        ("Pågående", "Löpande"), ("Pågående", "löpande")])
def test_not_overdue_when_closed_or_ongoing(tmp_path, phase, end):
    book = PlanBook()
    book.activities[0].update(Läge=phase, Slut=end)
    assert findings_of(book, tmp_path) == []


def test_year_as_end_means_the_end_of_that_year(tmp_path):
    book = PlanBook()
    book.activities[0]["Slut"] = 2026
    book.activities[1]["Slut"] = "2026-11"
    assert findings_of(book, tmp_path) == []
    book.activities[1]["Slut"] = "2026-10"
    assert findings_of(book, tmp_path) == [("OVERDUE", "Aktiviteter", "J3")]


def test_deviation_cause_missing(tmp_path):
    book = PlanBook()
    book.activities[0].update(Status="Gul", **{"Rekommenderad åtgärd": "Gör något"})
    assert findings_of(book, tmp_path) == [("DEVIATION_CAUSE_MISSING", "Aktiviteter", "N2")]


def test_deviation_action_missing(tmp_path):
    book = PlanBook()
    book.activities[0].update(Status="Röd", **{"Orsak till avvikelse": "Sjukdom"})
    assert findings_of(book, tmp_path) == [("DEVIATION_ACTION_MISSING", "Aktiviteter", "O2")]


def test_goal_link_missing(tmp_path):
    book = PlanBook()
    book.activities[2]["Mål"] = None
    assert findings_of(book, tmp_path) == [("GOAL_LINK_MISSING", "Aktiviteter", "P4")]


def test_goal_uncovered(tmp_path):
    book = PlanBook()
    book.goals.append(["M3", "Ett mål utan aktiviteter", "", "", None, None, None, None, "Öka",
                       ""])
    book.measurements.append(["M3", 2024, 1, ""])
    assert findings_of(book, tmp_path) == [("GOAL_UNCOVERED", "Mål", "A4")]


def test_area_empty(tmp_path):
    book = PlanBook()
    book.areas.append(["2.2", 2, "ett tomt område", ""])
    assert findings_of(book, tmp_path) == [("AREA_EMPTY", "Insatsområden", "A5")]


def test_not_decided(tmp_path):
    book = PlanBook()
    book.activities[0]["Beslutad"] = None
    assert findings_of(book, tmp_path) == [("NOT_DECIDED", "Aktiviteter", "Q2")]


def test_goal_no_measurement(tmp_path):
    book = PlanBook()
    book.measurements = [["M1", 2024, 150, ""]]
    assert findings_of(book, tmp_path) == [("GOAL_NO_MEASUREMENT", "Mål", "A3")]


def test_kolada_value_missing_for_the_last_complete_year(tmp_path):
    book = PlanBook()  # TODAY is in 2026: the last complete year is 2025
    book.goals[0] += ["N00999", "T"]
    book.goals[1] += ["N00914", None]
    book.measurements = [["M1", 2024, 150, ""], ["M2", 2025, 72.5, ""]]
    found = validate(read_workbook(book.write(tmp_path / "plan.xlsx")), today=TODAY)
    assert [(f.code, f.sheet, f.cell, f.activity_id, f.message) for f in found] == [
        ("KOLADA_VALUE_MISSING", "Mål", "A2", "M1",
         "Målet ”M1” har Kolada-KPI N00999 men inget värde för 2025 i Mätvärden.")]


RED = {"Status": "Röd", "Orsak till avvikelse": "Sjukdom", "Rekommenderad åtgärd": "Vikarie",
       "Senast uppdaterad": dt.date(2026, 9, 1)}
MEETING = dt.date(2026, 9, 16)


def decision(aid, text="Beslut", priority="Hög", day=MEETING, follow_up=None, state="Öppet"):
    return [day, "2026-T2", aid, text, priority, "NLK", follow_up, state]


def test_red_not_decided_after_a_steering_meeting(tmp_path):
    book = PlanBook(decisions=[decision("2.1.1")])
    book.activities[0].update(RED)  # red, updated before the meeting, no decision on it
    book.activities[2].update(RED)  # red, but decided at the meeting
    assert findings_of(book, tmp_path) == [("RED_NOT_DECIDED", "Aktiviteter", "L2")]


def test_red_is_not_undecided_before_a_meeting_or_without_the_sheet(tmp_path):
    book = PlanBook(decisions=[decision("2.1.1", day=dt.date(2026, 8, 1))])
    book.activities[0].update(RED)  # updated after the last meeting: the group has not met
    assert findings_of(book, tmp_path) == []
    book = PlanBook()
    book.activities[0].update(RED)
    assert findings_of(book, tmp_path) == []


def test_decision_follow_up_passed(tmp_path):
    book = PlanBook(decisions=[
        decision("1.1.1", follow_up=dt.date(2026, 11, 1)),  # open, date passed
        decision("1.2.1", follow_up=dt.date(2026, 11, 1), state="Verkställt"),
        decision("", follow_up=dt.date(2026, 12, 15)),  # not yet
    ])
    assert findings_of(book, tmp_path) == [("DECISION_FOLLOW_UP_PASSED", "Beslut", "G2")]


def test_decision_value_invalid(tmp_path):
    book = PlanBook(decisions=[
        decision("1.1.1", priority="kanske", follow_up="i höst"),
        decision("", state="oklart"),
        decision("2.1.1"),
    ])
    found = validate(read_workbook(book.write(tmp_path / "plan.xlsx")), today=TODAY)
    assert [(f.code, f.sheet, f.cell, f.message) for f in found] == [
        ("DECISION_VALUE_INVALID", "Beslut", "E2",
         "Prioritet ”kanske” går inte att läsa; skriv Hög, Medel eller Låg."),
        ("DECISION_VALUE_INVALID", "Beslut", "G2",
         "Följs upp ”i höst” går inte att läsa; skriv ett datum, t.ex. 2026-09-16."),
        ("DECISION_VALUE_INVALID", "Beslut", "H3",
         "Status för beslutet ”oklart” går inte att läsa; skriv Öppet, Pågår, Verkställt "
         "eller Avskrivet."),
    ]


def test_assessment_missing_for_the_latest_period(tmp_path):
    book = PlanBook(assessments=[
        ["2026-T2", 1, "Bra.", None, None, None], ["2026-T2", 2, "Bra.", None, None, None],
        ["2026-T3", 1, "Bra.", None, None, None], ["2026-T3", 2, None, "Något", None, None],
    ])
    found = validate(read_workbook(book.write(tmp_path / "plan.xlsx")), today=TODAY)
    assert [(f.code, f.sheet, f.cell, f.activity_id, f.message) for f in found] == [
        ("ASSESSMENT_MISSING", "Bedömningar", "C5", "FO2",
         "FO2 Kompetens saknar samlad bedömning för ”2026-T3”.")]


@pytest.mark.parametrize(("value", "col"), [("ungefär 200", "E"), ("två", "E")])
def test_number_invalid(tmp_path, value, col):
    """A number column with text gets a finding from its kind, as a date column does."""
    book = PlanBook()
    book.goals[0][4] = value
    assert findings_of(book, tmp_path) == [("NUMBER_INVALID", "Mål", f"{col}2")]


def test_number_invalid_reads_swedish_numbers_and_empty_cells(tmp_path):
    book = PlanBook()
    book.goals[0][4] = "1 234,5"
    book.goals[0][6] = None
    book.goals[1][6] = "   "
    assert findings_of(book, tmp_path) == []


def test_every_registered_code_has_a_test_here():
    import inspect
    import sys

    source = inspect.getsource(sys.modules[__name__])
    untested = [code for code, rule in RULES.items()
                if rule.stage == "validate" and f'"{code}"' not in source]
    assert untested == []


def test_one_run_reports_everything(tmp_path):
    book = PlanBook()
    book.activities[0].update(Status="Blå", Läge="?", Ansvarig=None)
    book.activities[1]["Mål"] = "M8"
    codes = sorted(code for code, _, _ in findings_of(book, tmp_path))
    assert codes == ["GOAL_UNKNOWN", "PHASE_INVALID", "RESPONSIBLE_MISSING", "STATUS_INVALID"]


def test_setting_invalid_names_the_cell_and_what_the_commands_use_instead(tmp_path):
    book = PlanBook(staff_sheets={"Inställningar": [
        ["Inställning", "Värde", "Förklaring"], ["Periodindelning", "Veckor", ""]]})
    path = book.write(tmp_path / "plan.xlsx")
    found = [f for f in validate(read_workbook(path), today=TODAY)]
    assert [(f.code, f.severity.value, f.sheet, f.cell, f.message) for f in found] == [
        ("SETTING_INVALID", "warning", "Inställningar", "B2",
         "Periodindelning ”Veckor” är inte Tertial, Kvartal, Halvår, Månad eller År, så "
         "kommandona använder Tertial.")]
    # A value the list knows, however it is typed, and an empty cell are fine.
    for value in ("kvartal ", "Halvar", None):
        book.staff_sheets["Inställningar"][1][1] = value
        assert findings_of(book, tmp_path) == []
