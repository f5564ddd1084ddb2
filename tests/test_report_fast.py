"""The report's fast cell path writes exactly what xlsxwriter's own methods write.

`reportbook.ReportSheet` and the cells `ReportBook.table` stores directly are an
optimisation only: every workbook of a report must be byte for byte the one
written through `write_string`/`write_number` and xlsxwriter's own rendering
(`FAST_CELLS = False`), whatever the values, and staff text must still come
back as text.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest

from builders import TODAY
from plan_sheets.reports import book as reportbook
from plan_sheets.reports.report import write_reports
from plan_sheets.workbook.create import init_workbook
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
from plan_sheets.workbook.reader import Loaded, read_workbook

LONG = "lång text " * 2100
"""Over 16,383 characters: the fast path hands it to `write_string`."""


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


def _write(loaded: Loaded, out: Path, *, fast: bool, personal_data: bool,
           monkeypatch) -> list[Path]:
    monkeypatch.setattr(reportbook, "FAST_CELLS", fast)
    result = write_reports(loaded, out, period="P1", today=TODAY, personal_data=personal_data)
    return [result.steering, *result.focus_areas]


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        # core.xml holds the time of writing.
        return {name: archive.read(name) for name in archive.namelist()
                if name != "docProps/core.xml"}


def _same_both_ways(loaded: Loaded, tmp_path: Path, monkeypatch, *,
                    personal_data: bool = True) -> list[Path]:
    fast = _write(loaded, tmp_path / "fast", fast=True, personal_data=personal_data,
                  monkeypatch=monkeypatch)
    plain = _write(loaded, tmp_path / "plain", fast=False, personal_data=personal_data,
                   monkeypatch=monkeypatch)
    assert [p.name for p in fast] == [p.name for p in plain]
    for a, b in zip(fast, plain, strict=True):
        ours, theirs = _parts(a), _parts(b)
        assert list(ours) == list(theirs), a.name
        for name in theirs:
            assert ours[name] == theirs[name], (a.name, name)
    return fast


@pytest.mark.parametrize("personal_data", [True, False])
def test_the_example_report_is_the_same_both_ways(tmp_path, monkeypatch, personal_data):
    source = tmp_path / "huvuddokument.xlsx"
    init_workbook(source, example=True)
    _same_both_ways(read_workbook(source), tmp_path, monkeypatch, personal_data=personal_data)


def test_odd_values_are_the_same_both_ways_and_text_stays_text(tmp_path, monkeypatch):
    loaded = Loaded(path=tmp_path / "huvuddokument.xlsx", plan=_odd_plan(), findings=(),
                    fingerprint="", kind="main")
    steering, focus = _same_both_ways(loaded, tmp_path, monkeypatch)
    for path, sheet in ((steering, "FO1 Företagsklimat"), (focus, "Aktiviteter")):
        ws = openpyxl.load_workbook(path)[sheet]
        cells = {c.value: c for row in ws.iter_rows() for c in row if c.value is not None}
        for text in ("=1+1", "=1+2", "=1+3", "=SUM(A1:A2)", "=A1*2", "@text", LONG):
            assert text in cells, (path.name, sheet, text[:20])
            assert cells[text].data_type == "s", (path.name, sheet, text[:20])
        assert cells[True].data_type == "b"
    with zipfile.ZipFile(steering) as archive:
        data = "".join(archive.read(n).decode() for n in archive.namelist()
                       if n.startswith("xl/worksheets/sheet"))
    # Only total rows hold formulas: the summary's sums of four statuses and Totalt, and
    # the focus area's sums of its number columns (Tal, Flyt).
    assert data.count("<f>") == 5 + 2


def test_a_plain_worksheet_still_gets_its_cells_through_xlsxwriter(tmp_path, monkeypatch):
    # FAST_CELLS off: the sheets are xlsxwriter's own class and no cell is stored directly.
    monkeypatch.setattr(reportbook, "FAST_CELLS", False)
    book = reportbook.ReportBook(tmp_path / "x.xlsx", title="T", footer="F", personal_data=True)
    ws = book.sheet("Blad")
    assert type(ws) is not reportbook.ReportSheet
    book.table(ws, 0, [reportbook.Column("A"), reportbook.Column("B", reportbook.Kind.INTEGER)],
               [["=x", 1]])
    assert type(ws.table[1][0]).__module__.startswith("xlsxwriter")
    book.close()


def _book_parts(path: Path, fast: bool, monkeypatch) -> dict[str, bytes]:
    monkeypatch.setattr(reportbook, "FAST_CELLS", fast)
    book = reportbook.ReportBook(path, title="T", footer="F", personal_data=True)
    ws = book.sheet("Blad")
    ws.write_string(0, 0, "Rubrik")
    columns = [reportbook.Column("Text"), reportbook.Column("Tal", reportbook.Kind.INTEGER),
               reportbook.Column("Dag", reportbook.Kind.DATE)]
    rows = [["=1+1", 1, dt.date(2026, 1, 1)], ["", None, None], ["lång " * 40, 3, None]]
    book.table(ws, 2, columns, rows)
    # A second table beside the first, on the same rows: written cell by cell.
    book.table(ws, 2, columns, rows, first_col=4)
    ws.write_string(4, 8, "efter")  # a cell after the rendered ones of a row
    book.finish(ws, header_row=2)
    book.close()
    return _parts(path)


def test_tables_side_by_side_are_the_same_both_ways(tmp_path, monkeypatch):
    assert _book_parts(tmp_path / "a.xlsx", True, monkeypatch) == \
        _book_parts(tmp_path / "b.xlsx", False, monkeypatch)


@pytest.mark.parametrize("fast", [True, False])
def test_overlapping_tables_are_still_refused(tmp_path, monkeypatch, fast):
    from xlsxwriter.exceptions import OverlappingRange

    monkeypatch.setattr(reportbook, "FAST_CELLS", fast)
    book = reportbook.ReportBook(tmp_path / "x.xlsx", title="T", footer="F", personal_data=True)
    ws = book.sheet("Blad")
    columns = [reportbook.Column("A"), reportbook.Column("B")]
    book.table(ws, 0, columns, [["a", "b"], ["c", "d"]])
    book.table(ws, 0, columns, [["a", "b"]], first_col=2)  # beside it: fine
    with pytest.raises(OverlappingRange):
        book.table(ws, 2, columns, [["e", "f"]], first_col=1)  # over its last row
    book.close()


@pytest.mark.parametrize("version, supported", [
    ("3.3.1", True), ("3.9.0", True), ("3.2.9", False), ("4.0.0", False), ("4.1", False),
    ("dev", False),
])
def test_the_fast_path_is_taken_only_with_the_xlsxwriter_it_was_checked_against(version,
                                                                                supported):
    assert reportbook.fast_path_supported(version) is supported


def test_an_unknown_xlsxwriter_writes_reports_through_its_own_methods(tmp_path, monkeypatch):
    import xlsxwriter

    monkeypatch.setattr(xlsxwriter, "__version__", "4.0.0")
    monkeypatch.setattr(reportbook, "FAST_CELLS", reportbook.fast_path_supported())
    book = reportbook.ReportBook(tmp_path / "r.xlsx", title="t", footer="f", personal_data=True)
    ws = book.sheet("Blad")
    assert not isinstance(ws, reportbook.ReportSheet)
