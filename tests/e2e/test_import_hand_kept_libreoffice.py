"""import on the hand-kept plan of issue 22 after LibreOffice has re-saved it: the legend,
the hidden and struck-through rows, the cell notes, the headers, Läge and the name are
read as from the original."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

import old_plans
from builders import libreoffice_convert
from plan_sheets.annual.pack import plan_title
from plan_sheets.importer.command import import_workbook
from plan_sheets.importer.convert import Options
from plan_sheets.importer.record import IMPORT_SHEET
from plan_sheets.workbook.model import Phase
from plan_sheets.workbook.reader import read_workbook

pytestmark = [pytest.mark.e2e, pytest.mark.libreoffice]


def test_a_hand_kept_plan_resaved_by_libreoffice_imports_as_the_original(tmp_path):
    original = old_plans.hand_kept(tmp_path / "handlingsplan-gammal.xlsx")
    resaved = libreoffice_convert(original, "xlsx", tmp_path / "lo")
    options = Options(today=dt.date(2022, 6, 1))
    first = import_workbook(original, tmp_path / "a.xlsx", options=options)
    again = import_workbook(resaved, tmp_path / "b.xlsx", options=options)
    plan = again.plan
    assert [a.id for a in plan.activities] == [a.id for a in first.plan.activities]
    assert [f.number for f in plan.focus_areas] == [1, 2]
    assert [a.id for a in plan.intervention_areas] == ["1.1", "2.1"]
    assert plan.activity("1.1.2").cause == "Statsbidraget sänktes"
    assert plan.activity("2.1.1").status_comment == "Kontaktperson är Lena på AMF."
    assert (plan.activity("1.1.4").phase, plan.activity("1.1.4").status) == \
        (Phase.CANCELLED, None)
    assert plan.activity("1.1.1").goals == ("M1",)
    assert plan.activity("1.1.1").phase is Phase.ONGOING
    rules = [row[3] for row in openpyxl.load_workbook(tmp_path / "b.xlsx")[IMPORT_SHEET]
             .iter_rows(min_row=3, values_only=True)]
    assert sum("dold" in r for r in rules) == 1
    assert sum("genomstruken" in r for r in rules) == 1
    assert sum("teckenförklaring" in r for r in rules) == 5
    assert sum("--column Mål=H" in r for r in rules) == 1
    assert plan_title(read_workbook(tmp_path / "b.xlsx")) == old_plans.HAND_KEPT_NAME
