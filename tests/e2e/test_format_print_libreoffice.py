"""`format`'s print setup on a workbook a person's spreadsheet program saved (LibreOffice).

The re-saved file has LibreOffice's own page setup, column spans and defined names; format
sets every contract sheet to A4 landscape, fitted to width at 70 % or more with its header
repeated, and a second run writes nothing. The pages are counted from LibreOffice's PDF.
"""

from __future__ import annotations

import subprocess

import pytest
from click.testing import CliRunner

from builders import PlanBook, libreoffice_convert
from plan_sheets.cli import cli
from printcheck import check_print_setup

pytestmark = [pytest.mark.e2e, pytest.mark.libreoffice]


def test_format_sets_up_a_libreoffice_saved_workbook_once(tmp_path):
    book = PlanBook(title_rows=[["Min plan"], []])
    saved = libreoffice_convert(book.write(tmp_path / "plan.xlsx"), "xlsx", tmp_path / "lo")
    result = CliRunner().invoke(cli, ["format", str(saved)])
    assert result.exit_code == 0, result.output
    scales = check_print_setup(saved)
    assert scales["Aktiviteter"] == 70 and scales["Mål"] >= 70
    before = saved.read_bytes()
    again = CliRunner().invoke(cli, ["format", str(saved)])
    assert again.exit_code == 0, again.output
    assert saved.read_bytes() == before
    assert len(list((saved.parent / "arkiv").iterdir())) == 1
    pdf = libreoffice_convert(saved, "pdf", tmp_path / "pdf")
    pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    count = int(next(line.split()[-1] for line in pages.stdout.splitlines()
                     if line.startswith("Pages:")))
    # Three activities: Aktiviteter over two or three pages across, the other sheets one each.
    assert count <= 16, count
