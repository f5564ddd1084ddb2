"""Staff text in the reports: always text, never a formula or a link, whatever it starts with."""

from __future__ import annotations

import datetime as dt
import zipfile

import openpyxl
import pytest

from builders import TODAY, PlanBook, activity
from plan_sheets.reports.report import write_reports
from plan_sheets.workbook.model import (
    Activity,
    FocusArea,
    Goal,
    InterventionArea,
    Phase,
    Plan,
    Status,
)
from plan_sheets.workbook.newbook import write_huvuddokument
from plan_sheets.workbook.reader import read_workbook

TRICKY = {
    "title": "=1+1",
    "status_comment": "@x",
    "responsible": "+46 8 123 45 67",
    "cause": "-5",
    "action": "http://x",
    "description": "=HYPERLINK(\"http://evil\",\"klicka\")",
}
STAFF = {"Egen kolumn": "=SUM(A1:A2)", "Länk": "https://example.se/projekt"}


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("text")
    tricky = Activity(id="1.1.1", focus_area=1, intervention_area="1.1", phase=Phase.ONGOING,
                      status=Status.RED, goals=(), start=dt.date(2024, 1, 1),
                      end=dt.date(2025, 1, 1), decided=dt.date(2023, 12, 1), extra=STAFF,
                      **TRICKY)
    # The same text in a proposal, which the report lists apart (Att besluta).
    proposal = Activity(id="1.1.3", focus_area=1, intervention_area="1.1",
                        phase=Phase.PLANNED, goals=("M1",), **TRICKY)
    plain = Activity(id="1.1.2", focus_area=1, intervention_area="1.1", title="Vanlig",
                     responsible="Näringslivskontoret", status=Status.GREEN,
                     phase=Phase.ONGOING, goals=("M1",), decided=dt.date(2024, 1, 1))
    plan = Plan(activities=(tricky, plain, proposal), focus_areas=(FocusArea(1, "Företagsklimat"),),
                intervention_areas=(InterventionArea("1.1", 1, "erbjuder mötesplatser"),),
                goals=(Goal("M1", "Bättre företagsklimat"),))
    source = folder / "huvuddokument.xlsx"
    write_huvuddokument(source, plan, title="Test")
    loaded = read_workbook(source)
    assert loaded.plan.activities[0].title == "=1+1"  # the source holds it as text
    result = write_reports(loaded, folder / "ut", period="P1", today=TODAY)
    return result


def _cells(path, text):
    wb = openpyxl.load_workbook(path)
    return [(ws.title, c) for ws in wb.worksheets for row in ws.iter_rows() for c in row
            if c.value == text]


@pytest.mark.parametrize("text", [*TRICKY.values(), *STAFF.values()])
def test_formula_like_staff_text_comes_back_as_text(report, text):
    assert _cells(report.steering, text), f"{text!r} is missing"
    for path in (report.steering, *report.focus_areas):
        for sheet, cell in _cells(path, text):
            assert cell.data_type == "s", (path.name, sheet, cell.coordinate)
            assert cell.hyperlink is None, (path.name, sheet, cell.coordinate)


def test_tricky_text_appears_on_the_sheets_that_list_the_activity(report):
    # The steering group is asked of it twice: as a deviation and as a proposal.
    found = [sheet for sheet, _ in _cells(report.steering, "=1+1")]
    assert set(found) == {"Att besluta", "Förslag att besluta", "Per ansvarig", "Försenade",
                          "Målkoppling", "FO1 Företagsklimat"}
    assert found.count("Att besluta") == found.count("Förslag att besluta") == 1
    assert [s for s, _ in _cells(report.steering, "http://x")] == ["Att besluta"]
    assert [s for s, _ in _cells(report.focus_areas[0], "=1+1")] == ["Aktiviteter",
                                                                     "Aktiviteter",
                                                                     "Avvikelser"]


def test_the_only_formulas_are_the_summary_totals(report):
    for path in (report.steering, *report.focus_areas):
        with zipfile.ZipFile(path) as archive:
            counts = {name: archive.read(name).decode("utf-8").count("<f>")
                      for name in archive.namelist() if name.startswith("xl/worksheets/sheet")}
        # The summary's total row: six sums (five statuses and Totalt), and in a focus
        # area's workbook five shares. The steering group's summary is its fourth sheet.
        summary = "sheet4" if path == report.steering else "sheet1"
        assert counts.pop(f"xl/worksheets/{summary}.xml") == \
            (6 if path == report.steering else 11)
        assert set(counts.values()) == {0}


def test_only_internal_links(report):
    for path in (report.steering, *report.focus_areas):
        wb = openpyxl.load_workbook(path)
        for ws in wb.worksheets:
            for link in ws._hyperlinks:
                assert link.location and not link.target, (ws.title, link.ref)


def test_a_formula_saved_without_its_value_is_shown_as_its_text(tmp_path):
    # openpyxl writes a string starting with = as a formula, without a cached value.
    source = PlanBook(
        activities=[activity("1.1.1", Egen="=SUM(1,2)", Status="Gul",
                             **{"Orsak till avvikelse": "Resursbrist",
                                "Rekommenderad åtgärd": "Prioritera"})],
        activity_headers=[*PlanBook().activity_headers, "Egen"],
    ).write(tmp_path / "h.xlsx")
    result = write_reports(read_workbook(source), tmp_path / "ut", period="P1", today=TODAY)
    found = _cells(result.steering, "=SUM(1,2)")
    assert [s for s, _ in found] == ["FO1 Företagsklimat"]
    assert found[0][1].data_type == "s"
