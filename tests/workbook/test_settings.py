"""Inställningar: one choice per huvuddokument, read into the plan, written by init, added
by format where missing."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from builders import PlanBook
from plan_sheets.example.start import init_plan
from plan_sheets.periods import Form
from plan_sheets.upkeep.restyle import format_workbook
from plan_sheets.workbook.model import WorkbookKind
from plan_sheets.workbook.reader import read_workbook
from plan_sheets.workbook.schema import SETTING_LIST, SETTINGS

NOW = dt.datetime(2026, 9, 1, 9, 0)


def _rows(path, sheet=SETTINGS.name):
    ws = openpyxl.load_workbook(path)[sheet]
    return [tuple(c.value for c in row) for row in ws.iter_rows()]


def test_init_writes_every_setting_with_its_default_and_dropdown(tmp_path):
    path = tmp_path / "h.xlsx"
    init_plan(path)
    rows = _rows(path)
    assert rows[1] == ("Inställning", "Värde", "Förklaring")
    assert [r[:2] for r in rows[2:]] == [(s.name, s.default or None) for s in SETTING_LIST]
    assert rows[2][0] == "Periodindelning" and rows[2][1] == "Tertial"
    assert "Kvartal (2026-K2)" in rows[2][2]
    ws = openpyxl.load_workbook(path)[SETTINGS.name]
    assert [(str(dv.sqref), dv.formula1) for dv in ws.data_validations.dataValidation] == [
        ("B3", '"Tertial,Kvartal,Halvår,Månad,År"')]
    loaded = read_workbook(path, kind=WorkbookKind.MAIN)
    assert loaded.plan.period_form is Form.TERTIAL
    assert loaded.plan.settings["period_form"].row == 3


@pytest.mark.parametrize(("value", "form"), [
    ("Kvartal", Form.QUARTER), ("kvartal ", Form.QUARTER), ("Halvår", Form.HALF),
    ("halvar", Form.HALF), ("Månad", Form.MONTH), ("År", Form.YEAR), ("Tertial", Form.TERTIAL),
    (None, Form.TERTIAL), ("Veckor", Form.TERTIAL)])
def test_the_reader_gives_the_plan_its_period_form(tmp_path, value, form):
    book = PlanBook(staff_sheets={"Inställningar": [
        ["Inställning", "Värde", "Förklaring"], ["Egen rad", "x", ""],
        ["periodindelning", value, "…"]]})
    plan = read_workbook(book.write(tmp_path / "h.xlsx"), kind=WorkbookKind.MAIN).plan
    assert plan.period_form is form
    assert plan.settings["period_form"].row == 3


def test_a_workbook_without_the_sheet_reads_with_the_defaults(tmp_path):
    plan = read_workbook(PlanBook().write(tmp_path / "h.xlsx"), kind=WorkbookKind.MAIN).plan
    assert plan.settings == {}
    assert plan.period_form is Form.TERTIAL


def test_format_adds_the_sheet_in_place_and_a_second_run_adds_nothing(tmp_path):
    path = PlanBook().write(tmp_path / "h.xlsx")
    before = _rows(path, "Aktiviteter")
    outcome = format_workbook(read_workbook(path, kind=WorkbookKind.MAIN), now=NOW)
    assert "Inställningar" in outcome.added
    assert _rows(path, "Aktiviteter") == before
    rows = _rows(path)
    assert rows[0] == ("Inställning", "Värde", "Förklaring")
    assert rows[1][:2] == ("Periodindelning", "Tertial")
    assert read_workbook(path, kind=WorkbookKind.MAIN).plan.period_form is Form.TERTIAL
    again = format_workbook(read_workbook(path, kind=WorkbookKind.MAIN), now=NOW)
    assert not any("Inställningar" in a for a in again.added)
    assert _rows(path) == rows


def test_format_adds_a_missing_setting_row_and_keeps_the_staffs(tmp_path):
    book = PlanBook(staff_sheets={"Inställningar": [
        ["Inställning", "Värde", "Förklaring"], ["Vår egen", "ja", "en rad vi skrev"]]})
    path = book.write(tmp_path / "h.xlsx")
    outcome = format_workbook(read_workbook(path, kind=WorkbookKind.MAIN), now=NOW)
    assert "Inställningar!Periodindelning" in outcome.added
    rows = _rows(path)
    assert rows[1] == ("Vår egen", "ja", "en rad vi skrev")
    assert rows[2][:2] == ("Periodindelning", "Tertial")


def test_format_leaves_a_chosen_value_alone(tmp_path):
    book = PlanBook(staff_sheets={"Inställningar": [
        ["Inställning", "Värde", "Förklaring"], ["Periodindelning", "Kvartal", ""],
        *([s.name, s.default, ""] for s in SETTING_LIST if s.key != "period_form")]})
    path = book.write(tmp_path / "h.xlsx")
    outcome = format_workbook(read_workbook(path, kind=WorkbookKind.MAIN), now=NOW)
    assert "Inställningar!Periodindelning" not in outcome.added
    assert _rows(path)[1] == ("Periodindelning", "Kvartal", None)
