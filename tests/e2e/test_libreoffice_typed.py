"""What a group typed, saved by LibreOffice, merged: kept as typed, or the merge stops
(issue 22, findings 1-4 on a workbook a person's spreadsheet program wrote)."""

from __future__ import annotations

import openpyxl
import pytest
from click.testing import CliRunner

from builders import PlanBook, activity, libreoffice_convert
from plan_sheets.cli import cli
from plan_sheets.workbook.reader import read_workbook
from plan_sheets.workbook.schema import ACTIVITIES, ASSESSMENTS

pytestmark = [pytest.mark.e2e, pytest.mark.libreoffice]

PERIOD = "2026-T3"
TYPED = {"Statuskommentar": "  två\n\nrader ", "Orsak till avvikelse": "\nSjukdom \n",
         "Rekommenderad åtgärd": "Vikarie\u00a0", "Anteckning": " x ", "Status": "Röd\u200b"}


def invoke(*args):
    return CliRunner().invoke(cli, [*args])


def _split(tmp_path):
    book = PlanBook(activity_headers=[*PlanBook().activity_headers, "Anteckning"])
    book.activities.append(activity("1.1.2", Mål="M2"))
    main = book.write(tmp_path / "huvuddokument.xlsx")
    result = invoke("split", str(main), "--out", str(tmp_path / "ut"), "--period", PERIOD)
    assert result.exit_code == 0, result.output
    return main, tmp_path / "ut" / "fokusomrade-1.xlsx"


def _type(group, *, beside: str | None = None):
    wb = openpyxl.load_workbook(group)
    ws = wb[ACTIVITIES.name]
    headers = [c.value for c in ws[2]]
    ws["A3"] = "1.1.1\u200b"
    for header, value in TYPED.items():
        ws.cell(3, headers.index(header) + 1).value = value
    if beside is not None:
        ws.cell(3, len(headers) + 2).value = beside
    judged = wb[ASSESSMENTS.name]
    columns = [c.value for c in judged[2]]
    judged.cell(4, columns.index("Samlad bedömning") + 1).value = "  Enligt plan.\n"
    wb.save(group)


def test_typed_text_saved_by_libreoffice_is_kept(tmp_path):
    main, group = _split(tmp_path)
    _type(group)
    saved = libreoffice_convert(group, "xlsx", tmp_path / "lo")
    result = invoke("merge", str(main), str(saved), "--period", PERIOD, "--today", "2026-11-26")
    assert result.exit_code == 0, result.output
    assert "Bedömningar!C4" in result.output
    plan = read_workbook(main).plan
    first = plan.activity("1.1.1")
    kept = {**{f.header: first.raw.get(f.key) for f in ACTIVITIES.fields},
            "Anteckning": first.extra["Anteckning"]}
    assert {h: kept[h] for h in TYPED if h != "Status"} == \
        {h: v for h, v in TYPED.items() if h != "Status"}
    assert first.status.value == "Röd"
    assert [(a.period, a.focus_area, a.text) for a in plan.assessments] == [
        (PERIOD, 1, "  Enligt plan.\n")]


def test_a_note_beside_the_table_saved_by_libreoffice_stops_the_merge(tmp_path):
    main, group = _split(tmp_path)
    _type(group, beside="Fråga Eva om budgeten")
    saved = libreoffice_convert(group, "xlsx", tmp_path / "lo")
    before = main.read_bytes()
    result = invoke("merge", str(main), str(saved), "--period", PERIOD, "--today", "2026-11-26")
    assert result.exit_code == 1, result.output
    assert "”Fråga Eva om budgeten” står i en kolumn utan rubrik" in result.output
    assert main.read_bytes() == before
