"""Bedömningar through split and merge: each group's row for the period, merged three-way."""

from __future__ import annotations

import datetime as dt

import openpyxl
from click.testing import CliRunner

from builders import PlanBook
from plan_sheets.cli import cli
from plan_sheets.groups.assessments import merge_assessments
from plan_sheets.workbook.model import Assessment, Plan
from plan_sheets.workbook.reader import read_workbook
from plan_sheets.workbook.schema import ASSESSMENTS

TODAY = "2026-11-26"
EARLIER = ["2026-T3", 1, "Enligt plan.", "Företagardagen.", "Lena Holm", dt.date(2026, 9, 20)]


def invoke(*args):
    return CliRunner().invoke(cli, [*args])


def split(tmp_path, book: PlanBook):
    main = book.write(tmp_path / "huvuddokument.xlsx")
    result = invoke("split", str(main), "--out", str(tmp_path / "ut"), "--period", "2026-T3")
    assert result.exit_code == 0, result.output
    return main, tmp_path / "ut" / "fokusomrade-1.xlsx", tmp_path / "ut" / "fokusomrade-2.xlsx"


def write_assessment(path, values: dict[str, object]) -> None:
    """Fill in a Bedömningar row as a focus-area lead would, by header (row 3: split's row)."""
    wb = openpyxl.load_workbook(path)
    ws = wb[ASSESSMENTS.name]
    headers = [c.value for c in ws[2]]
    for header, value in values.items():
        ws.cell(3, headers.index(header) + 1).value = value
    wb.save(path)


def assessment_rows(path) -> list[list]:
    ws = openpyxl.load_workbook(path)[ASSESSMENTS.name]
    return [[c.value for c in row] for row in ws.iter_rows(min_row=2, values_only=False)]


def test_split_hands_each_group_its_row_for_the_period(tmp_path):
    _main, one, two = split(tmp_path, PlanBook(assessments=[EARLIER]))
    first = read_workbook(one)
    assert [(a.period, a.focus_area, a.text, a.author) for a in first.plan.assessments] == [
        ("2026-T3", 1, "Enligt plan.", "Lena Holm")]
    assert first.base.assessment["assessment"] == "Enligt plan."
    second = read_workbook(two)
    assert [(a.period, a.focus_area, a.text) for a in second.plan.assessments] == [
        ("2026-T3", 2, "")]


def test_merge_adds_the_groups_assessment_and_the_sheet_when_missing(tmp_path):
    main, _one, two = split(tmp_path, PlanBook())
    write_assessment(two, {"Samlad bedömning": "Branschråden har startat.",
                           "Skriven av": "Per Lundgren", "Datum": dt.date(2026, 11, 20)})
    result = invoke("merge", str(main), str(two), "--period", "2026-T3", "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert "1 bedömning förs in" in result.output
    plan = read_workbook(main).plan
    assert [(a.period, a.focus_area, a.text, a.author, a.date) for a in plan.assessments] == [
        ("2026-T3", 2, "Branschråden har startat.", "Per Lundgren", dt.date(2026, 11, 20))]
    assert {(c.activity_id, c.field_name, c.after) for c in plan.changes} >= {
        ("FO2", "Bedömning 2026-T3: Samlad bedömning", "Branschråden har startat.")}
    # Merging the same workbook again changes nothing.
    again = invoke("merge", str(main), str(two), "--period", "2026-T3", "--today", TODAY)
    assert again.exit_code == 0, again.output
    assert len(read_workbook(main).plan.assessments) == 1


def test_merge_writes_into_the_existing_row(tmp_path):
    main, one, _two = split(tmp_path, PlanBook(assessments=[EARLIER]))
    write_assessment(one, {"Väsentliga händelser": "Företagardagen flyttades."})
    result = invoke("merge", str(main), str(one), "--period", "2026-T3", "--today", TODAY)
    assert result.exit_code == 0, result.output
    rows = read_workbook(main).plan.assessments
    assert [(a.row, a.text, a.events) for a in rows] == [
        (2, "Enligt plan.", "Företagardagen flyttades.")]


def test_both_changed_the_assessment_is_a_conflict_and_nothing_is_written(tmp_path):
    main, one, _two = split(tmp_path, PlanBook(assessments=[EARLIER]))
    write_assessment(one, {"Samlad bedömning": "Gruppens text."})
    wb = openpyxl.load_workbook(main)
    wb[ASSESSMENTS.name]["C2"] = "Processledarens text."
    wb.save(main)
    result = invoke("merge", str(main), str(one), "--period", "2026-T3", "--today", TODAY)
    assert result.exit_code == 1, result.output
    assert "Konflikter i Bedömningar (1)" in result.output
    assert "FO1 Bedömning 2026-T3: Samlad bedömning" in result.output
    assert "”Processledarens text.”" in result.output and "”Gruppens text.”" in result.output
    assert read_workbook(main).plan.assessments[0].text == "Processledarens text."
    settled = invoke("merge", str(main), str(one), "--period", "2026-T3", "--today", TODAY,
                     "--prefer", "group")
    assert settled.exit_code == 0, settled.output
    assert read_workbook(main).plan.assessments[0].text == "Gruppens text."


def test_split_refuses_to_replace_a_workbook_whose_assessment_was_written(tmp_path):
    main, one, _two = split(tmp_path, PlanBook())
    write_assessment(one, {"Samlad bedömning": "Skriven av gruppen."})
    result = invoke("split", str(main), "--out", str(tmp_path / "ut"), "--period", "2026-T3")
    assert result.exit_code == 1, result.output
    assert "Bedömningar" in result.output


def test_the_decision_is_pure():
    main = Plan(assessments=(Assessment("2026-T3", 1, "Bas", row=2),))
    group = Plan(assessments=(Assessment("2026-T3", 1, "Ny", row=3),),
                 layouts={ASSESSMENTS.key: _layout()})
    base = {"period": "2026-T3", "focus_area": 1, "assessment": "Bas"}
    changes, conflicts, _notes = merge_assessments(main, [("fokusomrade-1.xlsx", group, base)])
    assert [(c.focus_area, c.key, c.before, c.after, c.row) for c in changes] == [
        (1, "assessment", "Bas", "Ny", 2)]
    assert conflicts == []
    # The huvuddokument changed it too, differently: a conflict.
    changed = Plan(assessments=(Assessment("2026-T3", 1, "Annan", row=2),))
    changes, conflicts, _notes = merge_assessments(changed, [("fokusomrade-1.xlsx", group, base)])
    assert changes == []
    assert [(c.main, c.group, c.base) for c in conflicts] == [("Annan", "Ny", "Bas")]
    # Without a base (a hand-made copy) the group's value wins, its empty cells clear nothing.
    changes, conflicts, _notes = merge_assessments(changed, [("fokusomrade-1.xlsx", group, None)])
    assert [(c.key, c.after) for c in changes] == [("assessment", "Ny")]


def _layout():
    from plan_sheets.workbook.model import SheetLayout

    return SheetLayout(ASSESSMENTS.name, 2, {f.key: i for i, f in
                                             enumerate(ASSESSMENTS.fields, start=1)})
