"""`init`: a new huvuddokument with the contract's sheets, traffic lights and dropdowns."""

from __future__ import annotations

import openpyxl
import pytest
from click.testing import CliRunner

from builders import libreoffice_convert
from plan_sheets.cli import cli
from plan_sheets.workbook.appearance import SPARE_ROWS
from plan_sheets.workbook.model import Status
from plan_sheets.workbook.reader import read_workbook
from plan_sheets.workbook.schema import (
    ACTIVITIES,
    CLOSED,
    INSTRUCTIONS_NAME,
    SHEETS,
    TRAFFIC_LIGHTS,
)


@pytest.fixture
def empty_book(tmp_path):
    path = tmp_path / "huvuddokument.xlsx"
    result = CliRunner().invoke(cli, ["init", str(path)])
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture
def example_book(tmp_path):
    path = tmp_path / "exempel.xlsx"
    result = CliRunner().invoke(cli, ["init", "--example", str(path)])
    assert result.exit_code == 0, result.output
    assert "60 aktiviteter" in result.output
    return path


def _status_column_letter(ws) -> str:
    headers = [c.value for c in ws[2]]
    return openpyxl.utils.get_column_letter(headers.index("Status") + 1)


def test_every_sheet_of_the_contract_with_swedish_headers(empty_book):
    wb = openpyxl.load_workbook(empty_book)
    # Avslutade is the turn of the year's (arsskifte adds it); a new plan has none.
    written = [s for s in SHEETS if s is not CLOSED]
    assert wb.sheetnames == [INSTRUCTIONS_NAME, *(s.name for s in written)]
    for sheet in written:
        ws = wb[sheet.name]
        assert [c.value for c in ws[2]] == sheet.headers
        assert ws["A1"].value  # a title row above the header


def test_status_has_traffic_light_rules_by_value(empty_book):
    ws = openpyxl.load_workbook(empty_book)["Aktiviteter"]
    col = _status_column_letter(ws)
    rules = {}
    for cf_range in ws.conditional_formatting:
        for rule in cf_range.rules:
            rules[rule.formula[0]] = (str(cf_range.sqref), rule)
    assert len(rules) == 3
    for status in Status:
        formula = next(f for f in rules if f'"{status.value}"' in f)
        sqref, rule = rules[formula]
        assert sqref == f"{col}3:{col}{3 + SPARE_ROWS}"
        assert formula.startswith(f"OR(TRIM(${col}3)=")
        light = TRAFFIC_LIGHTS[status]
        assert rule.dxf.fill.bgColor.rgb.endswith(light.fill.lstrip("#"))
        assert rule.dxf.font.color.rgb.endswith(light.font.lstrip("#"))
        assert rule.stopIfTrue


def test_dropdowns_on_the_right_ranges(empty_book):
    ws = openpyxl.load_workbook(empty_book)["Aktiviteter"]
    headers = [c.value for c in ws[2]]

    def col(header):
        return openpyxl.utils.get_column_letter(headers.index(header) + 1)

    found = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    last = 3 + SPARE_ROWS
    status = found[f"{col('Status')}3:{col('Status')}{last}"]
    assert status.type == "list" and status.formula1 == '"Grön,Gul,Röd"'
    assert status.showErrorMessage
    phase = found[f"{col('Läge')}3:{col('Läge')}{last}"]
    assert phase.formula1 == '"Planerad,Pågående,Genomförd,Avbruten"'
    focus = found[f"{col('Fokusområde')}3:{col('Fokusområde')}{last}"]
    assert focus.formula1.startswith("Fokusområden!$A$3")
    goals = found[f"{col('Mål')}3:{col('Mål')}{last}"]
    assert goals.formula1.startswith("Mål!$A$3")
    assert not goals.showErrorMessage  # several goals may be typed: M1, M4


def test_frozen_header_autofilter_and_widths(empty_book):
    ws = openpyxl.load_workbook(empty_book)["Aktiviteter"]
    assert ws.freeze_panes == "B3"
    assert ws.auto_filter.ref.startswith("A2:")
    title_col = openpyxl.utils.get_column_letter(ACTIVITIES.headers.index("Aktivitet") + 1)
    assert ws.column_dimensions[title_col].width >= 30


def test_instructions_explain_colours_and_merge(empty_book):
    ws = openpyxl.load_workbook(empty_book)[INSTRUCTIONS_NAME]
    text = "\n".join(str(c.value) for c in ws["A"] if c.value)
    for word in ("Grön –", "Gul –", "Röd –", "avvikelse", "sammanslagning", "arkiv"):
        assert word in text
    green = next(c for c in ws["A"] if str(c.value).startswith("Grön –"))
    assert green.fill.fgColor.rgb.endswith(TRAFFIC_LIGHTS[Status.GREEN].fill.lstrip("#"))


def test_example_reads_back_as_the_plan(example_book):
    loaded = read_workbook(example_book)
    plan = loaded.plan
    assert (len(plan.focus_areas), len(plan.intervention_areas), len(plan.activities)) == \
        (5, 24, 60)
    assert loaded.findings == ()
    first = plan.activity("1.1.1")
    assert first.title == "Företagsbesök politiker"
    assert first.row == 3


def test_example_marks_invented_columns(example_book):
    ws = openpyxl.load_workbook(example_book)["Aktiviteter"]
    assert "EXEMPEL" in ws["A1"].value
    headers = {c.value: c for c in ws[2]}
    assert "EXEMPEL" in headers["Status"].comment.text
    assert "EXEMPEL" not in headers["Aktivitet"].comment.text
    assert "EXEMPEL" in openpyxl.load_workbook(example_book)["Mål"]["A1"].value


def test_init_refuses_to_overwrite(empty_book):
    result = CliRunner().invoke(cli, ["init", str(empty_book)])
    assert result.exit_code == 2
    assert "finns redan" in result.output


def test_init_refuses_other_suffix(tmp_path):
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "plan.xls")])
    assert result.exit_code == 2
    assert ".xlsx" in result.output


@pytest.mark.libreoffice
def test_libreoffice_opens_the_example(example_book, tmp_path):
    pdf = libreoffice_convert(example_book, "pdf", tmp_path / "pdf")
    assert pdf.stat().st_size > 10_000


def test_wide_sheets_repeat_their_id_column_on_the_pages_across(empty_book):
    # Aktiviteter is wider than A4 landscape at 70 %: the pages to the right show the ID too.
    wb = openpyxl.load_workbook(empty_book)
    assert wb["Aktiviteter"].page_setup.scale == 70
    assert (wb["Aktiviteter"].print_title_rows, wb["Aktiviteter"].print_title_cols) == \
        ("$2:$2", "$A:$A")
    assert wb["Fokusområden"].print_title_cols is None  # fits one page wide
