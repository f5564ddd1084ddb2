"""`format` on a hand-made huvuddokument: spellings, traffic lights, dropdowns, in place."""

from __future__ import annotations

import openpyxl
import pytest
from click.testing import CliRunner
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import PatternFill

from builders import PlanBook, libreoffice_convert
from plan_sheets.cli import cli
from plan_sheets.excel.addresses import column_letter
from plan_sheets.workbook.appearance import SPARE_ROWS
from plan_sheets.workbook.reader import read_workbook
from plan_sheets.workbook.schema import ACTIVITIES
from printcheck import check_print_setup


@pytest.fixture
def hand_made(tmp_path):
    book = PlanBook(title_rows=[["Min plan"], []])
    book.activities[0]["Status"] = "grön"
    book.activities[1]["Läge"] = "pagaende"
    book.activities[2]["Status"] = "G"
    path = book.write(tmp_path / "plan.xlsx")
    wb = openpyxl.load_workbook(path)
    staff_rule = CellIsRule(operator="greaterThan", formula=["1000"],
                            fill=PatternFill(bgColor="FF00FF"))
    wb["Aktiviteter"].conditional_formatting.add("Z4:Z20", staff_rule)
    wb.save(path)
    return path


def run_format(path):
    result = CliRunner().invoke(cli, ["format", str(path)])
    assert result.exit_code == 0, result.output
    return result


def test_spellings_become_canonical_and_are_logged(hand_made):
    result = run_format(hand_made)
    assert "3 stavningar rättade" in result.output
    plan = read_workbook(hand_made).plan
    assert [a.raw["status"] for a in plan.activities] == ["Grön", "Grön", "Grön"]
    assert plan.activity("1.2.1").raw["phase"] == "Pågående"
    log = openpyxl.load_workbook(hand_made)["Ändringslogg"]
    rows = [[c.value for c in row][1:6] for row in log.iter_rows(min_row=2)]
    assert rows == [["format", "1.1.1", "Status", "grön", "Grön"],
                    ["format", "1.2.1", "Läge", "pagaende", "Pågående"],
                    ["format", "2.1.1", "Status", "G", "Grön"]]


def test_traffic_lights_dropdowns_freeze_and_filter_follow_the_header(hand_made):
    run_format(hand_made)
    ws = openpyxl.load_workbook(hand_made)["Aktiviteter"]
    last = 3 + 3 + SPARE_ROWS  # header in row 3, three activities
    rules = {str(r.sqref): [rule.formula[0] for rule in r.rules] for r in
             ws.conditional_formatting}
    assert len(rules[f"L4:L{last}"]) == 3
    assert rules[f"L4:L{last}"][0].startswith('OR(TRIM($L4)="Grön"')
    assert rules["Z4:Z20"] == ["1000"]  # the staff's own rule is left alone
    lists = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    assert lists[f"L4:L{last}"] == '"Grön,Gul,Röd"'
    assert lists[f"K4:K{last}"] == '"Planerad,Pågående,Genomförd,Avbruten"'
    assert lists[f"P4:P{last}"].startswith("Mål!$A$2")
    assert lists[f"B4:B{last}"].startswith("Fokusområden!$A$2")
    assert ws.freeze_panes == "B4"
    assert ws.auto_filter.ref == f"A3:{column_letter(len(ACTIVITIES.fields))}6"


def test_format_twice_changes_nothing_more(hand_made):
    run_format(hand_made)
    first = openpyxl.load_workbook(hand_made)["Aktiviteter"]
    before = {str(r.sqref): len(r.rules) for r in first.conditional_formatting}
    result = run_format(hand_made)
    assert "0 stavningar rättade" in result.output
    again = openpyxl.load_workbook(hand_made)["Aktiviteter"]
    assert {str(r.sqref): len(r.rules) for r in again.conditional_formatting} == before
    assert len(again.data_validations.dataValidation) == 5


@pytest.mark.libreoffice
def test_libreoffice_opens_the_formatted_workbook(hand_made, tmp_path):
    run_format(hand_made)
    assert libreoffice_convert(hand_made, "pdf", tmp_path / "pdf").stat().st_size > 1000


def test_format_of_an_unreadable_file_exits_2(tmp_path):
    path = tmp_path / "trasig.xlsx"
    path.write_bytes(b"PK\x03\x04 inte klar")
    result = CliRunner().invoke(cli, ["format", str(path)])
    assert result.exit_code == 2
    assert "skadad" in result.output


def test_format_refuses_duplicate_ids_and_writes_nothing(tmp_path):
    book = PlanBook()
    book.activities[1]["ID"] = "1.1.1"
    book.activities[1]["Insatsområde"] = "1.1"
    book.activities[0]["Status"] = "grön"
    path = book.write(tmp_path / "plan.xlsx")
    before = path.read_bytes()
    result = CliRunner().invoke(cli, ["format", str(path)])
    assert result.exit_code == 1, result.output
    assert "Aktiviteter!A3" in result.output and "1.1.1" in result.output
    assert "finns också på rad 2" in result.output
    assert path.read_bytes() == before
    assert not (tmp_path / "arkiv").exists()


def test_every_contract_sheet_prints_landscape_fitted_to_width_with_its_header(hand_made):
    run_format(hand_made)
    scales = check_print_setup(hand_made)
    # Aktiviteter is wider than a page at 70 %: 70 %, its columns over two pages across.
    assert scales["Aktiviteter"] == 70
    assert set(scales) >= {"Aktiviteter", "Fokusområden", "Insatsområden", "Mål", "Mätvärden",
                           "Beslut", "Bedömningar", "Synpunkter",
                           "Ändringslogg", "Inställningar"}
    assert all(70 <= s <= 100 for s in scales.values())
    wb = openpyxl.load_workbook(hand_made)
    assert wb["Aktiviteter"].print_title_rows == "$3:$3"
    # Over pages across, each page shows the ID its rows are about; a sheet that fits the
    # page's width repeats no column.
    assert wb["Aktiviteter"].print_title_cols == "$A:$A"
    assert wb["Fokusområden"].print_title_cols is None


def test_a_second_format_writes_nothing(hand_made):
    run_format(hand_made)
    before = hand_made.read_bytes()
    archived = sorted((hand_made.parent / "arkiv").iterdir())
    run_format(hand_made)
    assert hand_made.read_bytes() == before
    assert sorted((hand_made.parent / "arkiv").iterdir()) == archived


def test_rows_the_staff_repeat_on_each_page_are_kept(tmp_path):
    book = PlanBook()
    path = book.write(tmp_path / "plan.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["Aktiviteter"].print_title_rows = "1:2"
    wb.save(path)
    run_format(path)
    again = openpyxl.load_workbook(path)["Aktiviteter"]
    assert again.print_title_rows == "$1:$2"
    assert again.page_setup.orientation == "landscape"
