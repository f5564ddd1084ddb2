"""format on an Aktiviteter that is an Excel table, and on a workbook with a locked structure."""

from __future__ import annotations

import re
import zipfile

import openpyxl
from click.testing import CliRunner
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.table import Table

from builders import PlanBook
from plan_sheets.cli import cli


def sheet_xml(path, sheet_name: str) -> str:
    wb = openpyxl.load_workbook(path)
    index = wb.sheetnames.index(sheet_name) + 1
    with zipfile.ZipFile(path) as archive:
        return archive.read(f"xl/worksheets/sheet{index}.xml").decode()


def test_format_leaves_the_filter_to_a_table_over_the_header_row(tmp_path):
    path = PlanBook().write(tmp_path / "plan.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["Aktiviteter"]
    last_column = openpyxl.utils.get_column_letter(ws.max_column)
    ws.add_table(Table(displayName="Aktiviteter", ref=f"A1:{last_column}{ws.max_row}"))
    wb.save(path)
    result = CliRunner().invoke(cli, ["format", str(path)])
    assert result.exit_code == 0, result.output
    xml = sheet_xml(path, "Aktiviteter")
    assert "<autoFilter" not in xml and "tablePart" in xml
    with zipfile.ZipFile(path) as archive:
        workbook = archive.read("xl/workbook.xml").decode()
        table = next(archive.read(n).decode() for n in archive.namelist()
                     if n.startswith("xl/tables/"))
    assert "_FilterDatabase" not in workbook
    assert re.search(r'<autoFilter ref="A1:', table)
    ws = openpyxl.load_workbook(path)["Aktiviteter"]
    assert ws.auto_filter.ref is None and list(ws.tables) == ["Aktiviteter"]


def test_format_still_filters_a_sheet_without_a_table(tmp_path):
    path = PlanBook().write(tmp_path / "plan.xlsx")
    assert CliRunner().invoke(cli, ["format", str(path)]).exit_code == 0
    assert openpyxl.load_workbook(path)["Aktiviteter"].auto_filter.ref.startswith("A1:")


def test_format_refuses_to_add_sheets_to_a_workbook_with_a_locked_structure(tmp_path):
    path = PlanBook().write(tmp_path / "plan.xlsx")  # no Beslut, Bedömningar, Synpunkter
    wb = openpyxl.load_workbook(path)
    wb.security = WorkbookProtection(lockStructure=True)
    wb.save(path)
    before = path.read_bytes()
    result = CliRunner().invoke(cli, ["format", str(path)])
    assert result.exit_code == 1, result.output
    assert "struktur är skyddad" in result.output and "Skydda arbetsbok" in result.output
    assert path.read_bytes() == before
