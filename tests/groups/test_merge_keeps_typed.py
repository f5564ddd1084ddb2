"""Nothing a group typed is dropped by a merge without a word (issue 22, findings 1-4).

Each test splits a small plan, edits a group's workbook as a person would (openpyxl, by
cell), merges through the command line and looks at the huvuddokument's cells.
"""

from __future__ import annotations

import openpyxl
import pytest
from click.testing import CliRunner

from builders import PlanBook, split_plan
from plan_sheets.cli import cli
from plan_sheets.workbook.reader import read_workbook
from plan_sheets.workbook.schema import ACTIVITIES, ASSESSMENTS

TODAY = "2026-11-26"
PERIOD = "2026-T3"


def invoke(*args):
    return CliRunner().invoke(cli, [*args])


@pytest.fixture
def folder(tmp_path):
    """(huvuddokument, focus area 1's workbook), split for PERIOD."""
    main = split_plan(tmp_path, "ut", "--period", PERIOD)
    return main, tmp_path / "ut" / "fokusomrade-1.xlsx"


def merge(main, *groups, expect: int):
    result = invoke("merge", str(main), *map(str, groups), "--period", PERIOD, "--today", TODAY)
    assert result.exit_code == expect, result.output
    return result.output


def cells(path, sheet: str, edits: dict[str, object]) -> None:
    """Type values into cells (`C4` -> value) of one sheet, and save."""
    wb = openpyxl.load_workbook(path)
    for address, value in edits.items():
        wb[sheet][address] = value
    wb.save(path)


def column_of(path, sheet: str, header: str) -> str:
    ws = openpyxl.load_workbook(path)[sheet]
    letters = {c.value: c.column_letter for c in ws[2]}
    return letters[header]


def row_of(path, aid: str) -> int:
    ws = openpyxl.load_workbook(path)[ACTIVITIES.name]
    return next(r for r in range(3, ws.max_row + 1) if ws.cell(r, 1).value == aid)


# --- finding 1: a column without a header -----------------------------------------------------


def test_text_in_a_column_without_a_header_stops_the_merge_naming_the_cell(folder):
    main, group = folder
    before = main.read_bytes()
    ws = openpyxl.load_workbook(group)[ACTIVITIES.name]
    beside = openpyxl.utils.get_column_letter(ws.max_column + 2)
    row = row_of(group, "1.1.1")
    status = column_of(group, ACTIVITIES.name, "Status")
    cells(group, ACTIVITIES.name, {f"{status}{row}": "Gul",
                                   f"{beside}{row}": "Obs: budgeten är inte klar"})
    output = merge(main, group, expect=1)
    assert f"fokusomrade-1.xlsx Aktiviteter!{beside}{row}" in output
    assert "”Obs: budgeten är inte klar”" in output
    assert "utan rubrik" in output and "Ingenting skrevs" in output
    assert main.read_bytes() == before


def test_a_column_given_a_header_is_carried(folder):
    main, group = folder
    ws = openpyxl.load_workbook(group)[ACTIVITIES.name]
    beside = openpyxl.utils.get_column_letter(ws.max_column + 1)
    row = row_of(group, "1.1.1")
    cells(group, ACTIVITIES.name, {f"{beside}2": "Anteckning",
                                   f"{beside}{row}": "Obs: budgeten är inte klar"})
    merge(main, group, expect=0)
    assert read_workbook(main).plan.activity("1.1.1").extra["Anteckning"] == \
        "Obs: budgeten är inte klar"


# --- finding 2: an assessment one row below the prefilled row ----------------------------------


def _assessment_column(group, header: str) -> str:
    return column_of(group, ASSESSMENTS.name, header)


def test_an_assessment_typed_one_row_below_is_brought_into_the_groups_row(folder):
    main, group = folder
    text = _assessment_column(group, "Samlad bedömning")
    cells(group, ASSESSMENTS.name, {f"{text}4": "Arbetet går enligt plan."})
    output = merge(main, group, expect=0)
    assert "1 bedömning förs in" in output
    assert f"fokusomrade-1.xlsx Bedömningar!{text}4" in output
    assert [(a.period, a.focus_area, a.text) for a in read_workbook(main).plan.assessments] \
        == [(PERIOD, 1, "Arbetet går enligt plan.")]


def test_two_rows_saying_different_things_stop_the_merge(folder):
    main, group = folder
    before = main.read_bytes()
    text = _assessment_column(group, "Samlad bedömning")
    cells(group, ASSESSMENTS.name, {f"{text}3": "Enligt plan.", f"{text}4": "Försenat."})
    output = merge(main, group, expect=1)
    assert f"Bedömningar!{text}3" in output and f"Bedömningar!{text}4" in output
    assert main.read_bytes() == before


# --- finding 3: an ID with an invisible character -----------------------------------------------


def test_an_id_with_an_invisible_character_is_the_same_activity(folder):
    main, group = folder
    row = row_of(group, "1.1.1")
    status = column_of(group, ACTIVITIES.name, "Status")
    cells(group, ACTIVITIES.name, {f"A{row}": "1.1.1\u200b", f"{status}{row}": "Röd\ufeff"})
    output = merge(main, group, expect=0)
    assert "Okänt ID" not in output
    assert read_workbook(main).plan.activity("1.1.1").status.value == "Röd"


def test_messages_show_invisible_characters(folder):
    main, group = folder
    row = row_of(group, "1.1.1")
    status = column_of(group, ACTIVITIES.name, "Status")
    cells(group, ACTIVITIES.name, {f"{status}{row}": "Blå\u200b"})
    output = merge(main, group, expect=1)
    assert "Status ”Blå⟨U+200B⟩” är inte Grön" in output


# --- finding 4: spaces and blank lines in free text ---------------------------------------------


def test_spaces_and_blank_lines_in_free_text_survive_split_and_merge(tmp_path):
    book = PlanBook(activity_headers=[*PlanBook().activity_headers, "Anteckning"])
    book.activities[0]["Statuskommentar"] = "  ett\n\n"
    main = book.write(tmp_path / "huvuddokument.xlsx")
    assert invoke("split", str(main), "--out", str(tmp_path / "ut")).exit_code == 0
    group = tmp_path / "ut" / "fokusomrade-1.xlsx"
    row = row_of(group, "1.1.1")
    comment = column_of(group, ACTIVITIES.name, "Statuskommentar")
    assert openpyxl.load_workbook(group)[ACTIVITIES.name][f"{comment}{row}"].value == "  ett\n\n"
    typed = {"Statuskommentar": "  två", "Orsak till avvikelse": "\nSjukdom \n",
             "Rekommenderad åtgärd": "Vikarie\n\n", "Anteckning": " x "}
    cells(group, ACTIVITIES.name, {f"{column_of(group, ACTIVITIES.name, h)}{row}": v
                                   for h, v in typed.items()})
    merge(main, group, expect=0)
    ws = openpyxl.load_workbook(main)[ACTIVITIES.name]
    headers = [c.value for c in ws[1]]
    assert {h: ws.cell(2, headers.index(h) + 1).value for h in typed} == typed
