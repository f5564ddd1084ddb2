"""The steering workbook after a merge of the shipped example: each sheet by content."""

from __future__ import annotations

import datetime as dt
import shutil
from types import SimpleNamespace

import openpyxl
import pytest

from plan_sheets.example.followup import STALE_OFFICES, example_plan
from plan_sheets.example.shipped import ASSESSMENT_EDITS, SHIPPED_DIR
from plan_sheets.groups.merge import merge_files
from plan_sheets.reports.report import write_reports
from plan_sheets.workbook.reader import read_workbook
from plan_sheets.workbook.xlsxbook import MISSING
from reportcheck import sheet_text, tables

TODAY = dt.date(2026, 12, 5)
MERGED = dt.datetime(2026, 11, 26, 14, 30)


@pytest.fixture(scope="module")
def merged(tmp_path_factory):
    folder = tmp_path_factory.mktemp("styrgrupp")
    shutil.copytree(SHIPPED_DIR, folder, dirs_exist_ok=True)
    main = folder / "huvuddokument.xlsx"
    outcome = merge_files(main, sorted((folder / "inkommande").glob("*.xlsx")),
                          period="2026-T3", today=TODAY, now=MERGED)
    assert not outcome.blocked
    result = write_reports(read_workbook(main), folder / "ut", period="2026-T3", today=TODAY)
    return SimpleNamespace(steering=result.steering, main=main)


def changed_in_merge(main) -> set[str]:
    """The activities the merge changed (their Senast uppdaterad is the merge's day)."""
    import python_calamine

    log = python_calamine.CalamineWorkbook.from_path(str(main)).get_sheet_by_name(
        "Ändringslogg").to_python()
    return {row[2] for row in log if row[0] == MERGED}


def records(path, sheet, index):
    return tables(path, sheet)[index].records()


def test_the_first_sheet_says_what_to_decide(merged):
    wb = openpyxl.load_workbook(merged.steering)
    assert wb.sheetnames[0] == "Att besluta" and wb.active.title == "Att besluta"
    text = sheet_text(merged.steering, "Att besluta")
    assert text[0] == "Att besluta – styrgruppen 2026-T3"
    assert text[1] == ("4 röda avvikelser och 7 gula, 3 föreslagna aktiviteter och 2 beslut "
                       "att följa upp.")
    (deviations,) = tables(merged.steering, "Att besluta")
    (proposals,) = tables(merged.steering, "Förslag att besluta")
    (due,) = tables(merged.steering, "Beslut att följa upp")
    statuses = deviations.column("Status")
    assert statuses == sorted(statuses, key=["Röd", "Gul"].index) and statuses[0] == "Röd"
    assert proposals.column("ID") == ["2.6.2", "3.3.2", "5.3.4"]
    assert [(r["ID"], r["Status för beslutet"]) for r in due.records()] == [
        ("3.2.2", "Öppet"), ("4.4.1", "Pågår")]


def test_summary_holds_each_assessment_beside_its_light(merged):
    rows = {r["Fokusområde"]: r for r in records(merged.steering, "Sammanfattning", 0)}
    assert rows["FO1 Företagsklimat"]["Samlad bedömning"] == \
        ASSESSMENT_EDITS[1]["Samlad bedömning"]
    assert rows["FO4 Myndighetsutövning"]["Samlad bedömning"] == MISSING
    assert rows["FO4 Myndighetsutövning"]["Trafikljus"] == "Röd"
    reds = records(merged.steering, "Sammanfattning", 2)
    assert {"Röda aktiviteter (4)": "4.4.1 Förtydliga och se över avgifter",
            "Ansvarig": "Miljökontoret"} in reds


def test_reporting_names_the_workbooks_that_came_back_and_the_stale_offices(merged):
    came = records(merged.steering, "Rapportering", 0)
    assert [(r["Fokusområde"], r["Arbetsbok"], r["Senast införd"]) for r in came] == [
        (f"FO{n} {name}", f"fokusomrade-{n}.xlsx", "2026-11-26 14:30") for n, name in (
            (1, "Företagsklimat"), (2, "Kompetensförsörjning"), (3, "Etablering"),
            (4, "Myndighetsutövning"), (5, "Bilden av Södertälje"))]
    assert all(r["Ändrade fält"] > 0 for r in came)
    stale = records(merged.steering, "Rapportering", 1)
    plan = example_plan()
    changed = changed_in_merge(merged.main)
    assert "4.2.4" in changed  # moved to Kommunikationsavdelningen: dated by the merge
    expected = [a.id for a in plan.activities if a.responsible in STALE_OFFICES
                and a.decided and a.phase is not None and not a.phase.is_closed
                and a.id not in changed]
    assert sorted(r["ID"] for r in stale) == sorted(expected)
    assert {r["Ansvarig"] for r in stale} == set(STALE_OFFICES)
    assert all(r["Senast uppdaterad"] < dt.date(2026, 9, 1) for r in stale)


def test_plan_changes_of_the_period_each_activity_once(merged):
    changes = records(merged.steering, "Förändringar i planen", 0)
    assert [(r["Förändring"], r["ID"]) for r in changes] == [
        ("Avbruten", "4.2.2"), ("Avbruten", "3.6.1"), ("Framflyttad", "2.5.2"),
        ("Ny ansvarig", "4.2.4"), ("Nytt förslag", "3.3.2")]
    # 4.2.2's Läge was typed into the huvuddokument: no log row, but the snapshot shows it.
    assert changes[0]["Källa"] == "Statushistorik (jämfört med 2026-T2)"
    every, changes = changes, changes[1:]
    moved = changes[1]
    assert (moved["Före"], moved["Efter"]) == (dt.date(2027, 12, 31), dt.date(2028, 6, 30))
    assert (changes[2]["Före"], changes[2]["Efter"]) == (
        "Destination Södertälje", "Kommunikationsavdelningen")
    assert changes[0]["Källa"] == "fokusomrade-3.xlsx"
    # Each count in its number; the proposal the merge added is not new (it is not decided).
    said = " ".join(sheet_text(merged.steering, "Förändringar i planen"))
    assert ("2 avbrutna, 0 nya, 1 framflyttad, 1 med ny ansvarig, 0 med nytt namn, "
            "1 nytt förslag.") in said
    # The status changes below count Ny and Avbruten alike.
    below = tables(merged.steering, "Förändringar i planen")[-1].records()
    assert {r["ID"] for r in below if r["Förändring"] in ("Ny", "Avbruten")} == \
        {r["ID"] for r in every if r["Förändring"] in ("Ny", "Avbruten")}


def test_per_office_counts_and_deviations(merged):
    offices = {r["Ansvarig"]: r for r in records(merged.steering, "Per ansvarig", 0)}
    mk = offices["Miljökontoret"]
    # The deviations as rows below, office by office: never one cell that grows to a page.
    listed = records(merged.steering, "Per ansvarig", 1)
    theirs = [r["ID"] for r in listed if r["Ansvarig"] == "Miljökontoret"]
    assert mk["Röd"] == 1 and "4.4.1" in theirs and mk["Avvikelser"] == len(theirs)
    assert [r["Ansvarig"] for r in listed] == sorted(r["Ansvarig"] for r in listed)
    changed = changed_in_merge(merged.main)
    assert mk["Ej uppdaterade"] == mk["Totalt"] - sum(
        1 for r in records(merged.steering, "FO4 Myndighetsutövning", 0)
        if r["Ansvarig"] == "Miljökontoret" and (r["Läge"] == "Genomförd"
                                                 or r["ID"] in changed))
    assert offices["Näringslivskontoret"]["Ej uppdaterade"] == 0


def test_views_of_the_period_only(merged):
    views = records(merged.steering, "Synpunkter", 0)
    assert [(r["Datum"], r["Forum"]) for r in views] == [
        (dt.date(2026, 10, 8), "Näringslivsrådet"), (dt.date(2026, 10, 22), "Frukostklubben"),
        (dt.date(2026, 11, 12), "Näringslivsrådet")]
    assert views[0]["Fokusområde"] == "FO3 Etablering"


@pytest.mark.libreoffice
def test_a_libreoffice_saved_plan_without_the_new_sheets_reports(tmp_path):
    """A hand-made workbook, saved by LibreOffice, lacking Beslut, Bedömningar, Synpunkter
    and Kortnamn: validate, report and format all work; format adds what is missing."""
    from click.testing import CliRunner

    from builders import PlanBook, libreoffice_convert, soffice
    from plan_sheets.cli import cli

    if soffice() is None:
        pytest.skip("LibreOffice is not installed")
    book = PlanBook(title_rows=[["Min plan"]])
    book.activities[0].update({"Status": "Röd", "Orsak till avvikelse": "Sjukdom",
                               "Rekommenderad åtgärd": "Vikarie"})
    saved = libreoffice_convert(book.write(tmp_path / "hand.xlsx"), "xlsx", tmp_path / "lo")
    runner = CliRunner()
    checked = runner.invoke(cli, ["validate", str(saved), "--today", "2026-11-26"])
    assert checked.exit_code == 0, checked.output
    assert "RED_NOT_DECIDED" not in checked.output
    reported = runner.invoke(cli, ["report", str(saved), "--out", str(tmp_path / "ut"),
                                   "--period", "2026-T3", "--today", "2026-11-26"])
    assert reported.exit_code == 0, reported.output
    steering = tmp_path / "ut" / "styrgrupp" / "styrgruppsrapport-2026-T3.xlsx"
    assert openpyxl.load_workbook(steering, read_only=True).sheetnames[0] == "Att besluta"
    formatted = runner.invoke(cli, ["format", str(saved)])
    assert formatted.exit_code == 0, formatted.output
    assert "Lade till: Beslut, Bedömningar, Synpunkter, Fokusområden!Kortnamn" in \
        formatted.output
    loaded = read_workbook(saved)
    assert {"decisions", "assessments", "views"} <= set(loaded.plan.layouts)
    assert loaded.plan.activity("1.1.1").status.value == "Röd"


def test_the_summary_counts_what_to_follow_up_in_the_steering_loop(merged):
    follow = dict(tables(merged.steering, "Sammanfattning")[1].rows)
    assert follow["Beslut att följa upp"] == 2
    assert follow["Fokusområden utan bedömning för 2026-T3"] == 1


def test_the_first_period_of_a_year_lists_decisions_due_and_activities_late_at_the_turn(
        tmp_path):
    """The turn of the year's list came right after the decisions due, over their table: the
    report stopped with xlsxwriter's OverlappingRange. Now each list has its sheet."""
    out = tmp_path / "rapporter"
    result = write_reports(read_workbook(SHIPPED_DIR / "huvuddokument.xlsx"), out,
                           period="2027-T1", today=dt.date(2027, 2, 1))
    (due,) = tables(result.steering, "Beslut att följa upp")
    (late,) = tables(result.steering, "Vid årsskiftet")
    assert due.headers[-1] == "Varför på listan" and due.rows
    assert late.headers[-1] == "Styrgruppen ombeds" and late.rows
    names = openpyxl.load_workbook(result.steering, read_only=True).sheetnames
    assert names[:5] == ["Att besluta", "Förslag att besluta", "Beslut att följa upp",
                         "Vid årsskiftet", "Sammanfattning"]
