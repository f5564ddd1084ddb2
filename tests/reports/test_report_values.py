"""What the report writes for odd staff values and for tables that share rows.

Staff text always comes back as text (never a formula, link or number),
values keep their types, and tables beside one another keep their cells.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest

from builders import TODAY
from plan_sheets.reports.report import write_reports
from plan_sheets.workbook import xlsxbook as reportbook
from plan_sheets.workbook.model import (
    Activity,
    FocusArea,
    FormulaWithoutValue,
    Goal,
    InterventionArea,
    Phase,
    Plan,
    Status,
)
from plan_sheets.workbook.reader import Loaded

LONG = "lång text " * 2100
"""Over 16,383 characters: longer than half of what an Excel cell holds."""


def _odd_plan() -> Plan:
    """Staff columns holding every kind of value a report writes, and formula-like text."""
    values = [
        {"Egen": "=SUM(A1:A2)", "Tal": 12, "Flyt": 0.1 + 0.2, "Sant": True,
         "Dag": dt.date(2026, 3, 1), "Tid": dt.datetime(2026, 3, 1, 12, 30)},
        {"Egen": FormulaWithoutValue("A1*2"), "Tal": -3, "Flyt": 1e20, "Sant": False,
         "Dag": None, "Tid": ""},
        {"Egen": LONG, "Tal": None, "Flyt": 2.5, "Sant": None, "Dag": dt.date(1999, 12, 31),
         "Tid": "@text"},
    ]
    acts = []
    for n, extra in enumerate(values, start=1):
        acts.append(Activity(
            id=f"1.1.{n}", focus_area=1, intervention_area="1.1", title=f"=1+{n}",
            description="+46 8 123 45 67", responsible="Näringslivskontoret",
            contact="Anna Andersson", phase=Phase.ONGOING,
            status=[Status.RED, Status.YELLOW, None][n - 1], status_comment="-5 " * n,
            cause="" if n == 2 else "http://x", action=LONG if n == 3 else "",
            goals=("M1",) if n != 2 else (), start=dt.date(2025, 1, n),
            end=dt.date(2025, 6, 1) if n != 3 else None, ongoing=n == 3,
            decided=dt.date(2024, 1, 1) if n != 1 else None, extra=extra))
    return Plan(activities=tuple(acts), focus_areas=(FocusArea(1, "Företagsklimat", "Lena"),),
                intervention_areas=(InterventionArea("1.1", 1, "erbjuder mötesplatser"),),
                goals=(Goal("M1", "Bättre företagsklimat"), Goal("M2", "Fler jobb")))


def _write(loaded: Loaded, out: Path) -> list[Path]:
    result = write_reports(loaded, out, period="P1", today=TODAY)
    return [result.steering, *result.focus_areas]


def test_odd_values_keep_their_types_and_text_stays_text(tmp_path):
    loaded = Loaded(path=tmp_path / "huvuddokument.xlsx", plan=_odd_plan(), findings=(),
                    fingerprint="", kind="main")
    steering, focus = _write(loaded, tmp_path / "ut")
    for path, sheet in ((steering, "FO1 Företagsklimat"), (focus, "Aktiviteter")):
        ws = openpyxl.load_workbook(path)[sheet]
        cells = {c.value: c for row in ws.iter_rows() for c in row if c.value is not None}
        for text in ("=1+1", "=1+2", "=1+3", "=SUM(A1:A2)", "=A1*2", "@text", LONG):
            assert text in cells, (path.name, sheet, text[:20])
            assert cells[text].data_type == "s", (path.name, sheet, text[:20])
        assert cells[True].data_type == "b"
    ws = openpyxl.load_workbook(focus)["Aktiviteter"]
    row = next(r for r in ws.iter_rows() if r[0].value == "1.1.1")
    by_header = dict(zip((c.value for c in next(r for r in ws.iter_rows()
                                                 if r[0].value == "ID")), row, strict=False))
    assert by_header["Tal"].value == 12 and by_header["Tal"].data_type == "n"
    assert by_header["Flyt"].value == pytest.approx(0.3)
    assert by_header["Dag"].value == dt.datetime(2026, 3, 1)
    assert by_header["Dag"].number_format == "yyyy-mm-dd"
    with zipfile.ZipFile(steering) as archive:
        data = "".join(archive.read(n).decode() for n in archive.namelist()
                       if n.startswith("xl/worksheets/sheet"))
    # Only total rows hold formulas: the summary's sums of five statuses and Totalt, and
    # the focus area's sums of its number columns (Tal, Flyt).
    assert data.count("<f>") == 6 + 2


def test_tables_side_by_side_keep_their_cells(tmp_path):
    path = tmp_path / "a.xlsx"
    book = reportbook.ReportBook(path, title="T", footer="F", personal_data=True)
    ws = book.sheet("Blad")
    ws.write_string(0, 0, "Rubrik")
    columns = [reportbook.TableColumn("Text"),
               reportbook.TableColumn("Tal", reportbook.CellKind.INTEGER),
               reportbook.TableColumn("Dag", reportbook.CellKind.DATE)]
    rows = [["=1+1", 1, dt.date(2026, 1, 1)], ["", None, None], ["lång " * 40, 3, None]]
    book.table(ws, 2, columns, rows)
    # A second table beside the first, on the same rows: written cell by cell.
    book.table(ws, 2, columns, rows, first_col=4)
    ws.write_string(4, 8, "efter")  # a cell after the rendered ones of a row
    book.finish(ws, header_row=2)
    book.close()
    ws = openpyxl.load_workbook(path)["Blad"]
    assert [[c.value for c in row] for row in ws.iter_rows(min_row=3, max_row=6)] == [
        ["Text", "Tal", "Dag", None, "Text", "Tal", "Dag", None, None],
        ["=1+1", 1, dt.datetime(2026, 1, 1), None, "=1+1", 1, dt.datetime(2026, 1, 1), None,
         None],
        [None, None, None, None, None, None, None, None, "efter"],
        ["lång " * 40, 3, None, None, "lång " * 40, 3, None, None, None]]
    assert ws["A4"].data_type == "s" and ws["E4"].data_type == "s"
    assert sorted(t.ref for t in ws.tables.values()) == ["A3:C6", "E3:G6"]


def test_overlapping_tables_are_refused(tmp_path):
    from xlsxwriter.exceptions import OverlappingRange

    book = reportbook.ReportBook(tmp_path / "x.xlsx", title="T", footer="F", personal_data=True)
    ws = book.sheet("Blad")
    columns = [reportbook.TableColumn("A"), reportbook.TableColumn("B")]
    book.table(ws, 0, columns, [["a", "b"], ["c", "d"]])
    book.table(ws, 0, columns, [["a", "b"]], first_col=2)  # beside it: fine
    with pytest.raises(OverlappingRange):
        book.table(ws, 2, columns, [["e", "f"]], first_col=1)  # over its last row
    book.close()
