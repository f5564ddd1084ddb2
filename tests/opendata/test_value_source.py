"""Where a goal's values come from, as the reports show it: `Källa: Kolada` when fetched."""

from __future__ import annotations

from builders import TODAY, PlanBook
from plan_sheets.analysis.figures import value_source
from plan_sheets.annual.charts import source_line
from plan_sheets.annual.figures import goal_figures
from plan_sheets.annual.plates import goal_alt
from plan_sheets.reports.report import write_reports
from plan_sheets.workbook.model import Goal, Measurement, Plan
from plan_sheets.workbook.reader import read_workbook
from reportcheck import tables

FETCHED = "Kolada, hämtad 2026-12-07"


def plan_of(*measurements: Measurement) -> Plan:
    return Plan(goals=(Goal("M1", "Fler nya företag", "Nystartade företag", "antal", 8.9, 2016,
                            11.5, 2028, source="SCB"),),
                measurements=measurements)


def test_the_source_of_a_goals_values():
    goal = plan_of().goals[0]
    assert value_source(plan_of(), goal) == "SCB"
    assert value_source(plan_of(Measurement("M1", 2024, 9.8, source=FETCHED),
                                Measurement("M1", 2025, 10.1, source=FETCHED)), goal) == "Kolada"
    assert value_source(plan_of(Measurement("M1", 2024, 9.8, source=FETCHED),
                                Measurement("M1", 2025, 10.1)), goal) == \
        "Kolada och inskrivna värden"
    assert value_source(plan_of(Measurement("M1", 2025, 10.1, source="Kolada")), goal) == "SCB"


def test_the_annual_goal_chart_names_the_source_in_its_key_and_alt_text():
    plan = plan_of(Measurement("M1", 2024, 9.8, source=FETCHED),
                   Measurement("M1", 2025, 10.1, source=FETCHED))
    (item,), _without = goal_figures(plan)
    assert item.source == "Kolada"
    assert source_line(item) == "Källa: Kolada"
    assert goal_alt(item).endswith(" Källa: Kolada.")
    (typed,), _without = goal_figures(plan_of(Measurement("M1", 2025, 10.1)))
    assert source_line(typed) == "Källa: SCB"


def test_the_steering_reports_malkoppling_shows_the_source(tmp_path):
    book = PlanBook()
    book.measurements = [["M1", 2024, 150, None, FETCHED], ["M2", 2024, 72.5, None, None]]
    loaded = read_workbook(book.write(tmp_path / "plan.xlsx"))
    result = write_reports(loaded, tmp_path / "ut", period="2026-T3", today=TODAY)
    goals = tables(result.steering, "Målkoppling")[0]
    assert [(r["ID"], r["Källa för målets värden"]) for r in goals.records()] == [
        ("M1", "Kolada"), ("M2", "Test")]


def test_a_fetch_is_not_a_returned_workbook_in_the_steering_report():
    import datetime as dt

    from plan_sheets.reports.agenda import Span, returned_workbooks
    from plan_sheets.workbook.model import Change

    when = dt.datetime(2026, 12, 7, 9, 30)
    plan = Plan(changes=(Change(when, "matvarden", "M1", "Mätvärde 2025", None, 10.1),
                         Change(when, "fokusomrade-1.xlsx", "1.1.1", "Status", "Gul", "Grön")))
    span = Span("2026-T3", dt.date(2026, 9, 1), dt.date(2026, 12, 31))
    assert [r.source for r in returned_workbooks(plan, span)] == ["fokusomrade-1.xlsx"]


def test_the_annual_workbook_shows_the_source_of_each_goals_values(tmp_path):
    import openpyxl

    from plan_sheets.annual.figures import annual_figures
    from plan_sheets.annual.workbook import write_workbook

    book = PlanBook()
    book.measurements = [["M1", 2024, 150, None, FETCHED], ["M1", 2025, 140, None, FETCHED],
                         ["M2", 2024, 72.5, None, None]]
    plan = read_workbook(book.write(tmp_path / "plan.xlsx")).plan
    figs = annual_figures(plan, year=2026, today=TODAY)
    path = write_workbook(figs, tmp_path / "arsrapport.xlsx", title="Test", personal_data=False)
    wb = openpyxl.load_workbook(path)
    goals = wb["Mål"]
    header = [c.value for c in goals[4]]
    source = header.index("Källa") + 1
    assert {goals.cell(r, 1).value: goals.cell(r, source).value
            for r in range(5, goals.max_row + 1)} == {"M1": "Kolada", "M2": "Test"}
    notes = [c.value for row in wb["Måldiagram"].iter_rows() for c in row
             if isinstance(c.value, str) and c.value.startswith("Källa")]
    assert notes == ["Källa: Kolada", "Källa: Test"]

