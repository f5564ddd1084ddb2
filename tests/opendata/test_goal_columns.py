"""The contract's columns for open data: Mål's Kolada-KPI and Kön, Mätvärden's Källa."""

from __future__ import annotations

import openpyxl
from click.testing import CliRunner

from builders import PlanBook
from plan_sheets.cli import cli
from plan_sheets.workbook.reader import read_workbook


def older_book(tmp_path):
    """A huvuddokument from before the columns: Mål ends at Källa, Mätvärden at Kommentar."""
    path = PlanBook().write(tmp_path / "plan.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["Mål"].delete_cols(11, 2)
    wb["Mätvärden"].delete_cols(5)
    wb["Mål"]["M1"] = "Egen anteckning"  # a staff column right after Källa
    wb.save(path)
    return path


def test_the_columns_are_read(tmp_path):
    book = PlanBook()
    book.goals[0] += ["N00999", "K"]
    book.measurements[0] += ["Kolada, hämtad 2026-12-07"]
    plan = read_workbook(book.write(tmp_path / "plan.xlsx")).plan
    assert [(g.id, g.kolada_kpi, g.gender) for g in plan.goals] == [
        ("M1", "N00999", "K"), ("M2", "", "")]
    assert [(m.goal, m.source) for m in plan.measurements] == [
        ("M1", "Kolada, hämtad 2026-12-07"), ("M2", "")]


def test_format_adds_the_columns_after_the_last_one_and_a_gender_dropdown(tmp_path):
    path = older_book(tmp_path)
    result = CliRunner().invoke(cli, ["format", str(path)])
    assert result.exit_code == 0, result.output
    assert "Mål!Kolada-KPI, Mål!Kön, Mätvärden!Källa" in result.output
    wb = openpyxl.load_workbook(path)
    goals = wb["Mål"]
    assert [c.value for c in goals[1]][9:] == ["Källa", None, None, "Egen anteckning",
                                              "Kolada-KPI", "Kön"]
    assert goals["B2"].value == "Bättre företagsklimat"  # the rows stay as they were
    assert [c.value for c in wb["Mätvärden"][1]] == ["Mål", "År", "Värde", "Kommentar", "Källa"]
    lists = {str(dv.sqref).split(":")[0]: dv.formula1
             for dv in goals.data_validations.dataValidation}
    assert lists == {"O2": '"T,K,M"'}
    loaded = read_workbook(path)
    assert loaded.plan.layouts["goals"].columns["kolada_kpi"] == 14
    assert loaded.plan.layouts["goals"].extra_columns == {"Egen anteckning": 13}
    again = CliRunner().invoke(cli, ["format", str(path)])
    assert again.exit_code == 0, again.output
    assert "Lade till" not in again.output


def test_init_writes_the_columns_and_the_example_fills_them(tmp_path):
    from plan_sheets.example.start import init_plan

    path = tmp_path / "exempel.xlsx"
    init_plan(path, example=True)
    plan = read_workbook(path).plan
    assert {g.id: (g.kolada_kpi, g.gender) for g in plan.goals if g.kolada_kpi} == {
        "M3": ("N00999", "T"), "M4": ("N00914", "T"), "M5": ("N01982", "T")}
    assert "source" in plan.layouts["measurements"].columns
    assert plan.municipality == "0181"
