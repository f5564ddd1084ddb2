"""`format` adds a column new in the contract to a huvuddokument a person's spreadsheet
program saved (LibreOffice), once: the file's own column spans, styles and names stay
readable to the lossless writer, and a second run writes nothing (issue 23)."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from builders import PlanBook, activity, libreoffice_convert
from plan_sheets.upkeep.restyle import format_workbook
from plan_sheets.workbook.reader import read_workbook
from plan_sheets.workbook.schema import ACTIVITIES, CONTRACT, Field, Kind

pytestmark = [pytest.mark.e2e, pytest.mark.libreoffice]

NOW = dt.datetime(2026, 11, 26, 9, 0)
COST = Field("cost", "Kostnad", ("Budget",), Kind.NUMBER, width=12)


def test_format_adds_a_new_contract_column_to_a_libreoffice_saved_workbook_once(tmp_path):
    book = PlanBook(activities=[activity("1.1.1"), activity("1.2.1")],
                    title_rows=[["Min plan"], []])
    saved = libreoffice_convert(book.write(tmp_path / "plan.xlsx"), "xlsx", tmp_path / "lo")
    format_workbook(read_workbook(saved), now=NOW)
    layout = read_workbook(saved).plan.layouts[ACTIVITIES.key]
    last = max([*layout.columns.values(), *layout.extra_columns.values()])
    contract = CONTRACT.with_field(ACTIVITIES.key, COST)

    outcome = format_workbook(read_workbook(saved, contract=contract), now=NOW)
    assert outcome.added == ("Aktiviteter!Kostnad",)
    ws = openpyxl.load_workbook(saved)["Aktiviteter"]
    assert ws.cell(layout.header_row, last + 1).value == "Kostnad"
    assert read_workbook(saved, contract=contract).plan.layouts[ACTIVITIES.key].columns[
        "cost"] == last + 1

    before = saved.read_bytes()
    again = format_workbook(read_workbook(saved, contract=contract), now=NOW)
    assert again.added == () and again.written.changed_parts == []
    assert saved.read_bytes() == before
