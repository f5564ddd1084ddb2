"""One way to read Ansvarig everywhere (issue 22, finding 5): a cell naming several offices
is split as `import` splits it, by merge, Per ansvarig and the reminders alike."""

from __future__ import annotations

import datetime as dt

import openpyxl
from click.testing import CliRunner

from builders import PlanBook, activity
from plan_sheets.cli import cli
from plan_sheets.reports.agenda import offices, period_span
from plan_sheets.reports.reminders import office_needs
from plan_sheets.workbook.reader import read_workbook
from plan_sheets.workbook.responsibility import split_responsibility
from plan_sheets.workbook.schema import ACTIVITIES

TODAY = dt.date(2026, 11, 26)
SEVERAL = "Arbetsmarknadsförvaltningen/SFI"


def invoke(*args):
    return CliRunner().invoke(cli, [*args])


def test_a_groups_ansvarig_naming_two_offices_is_no_office_of_its_own(tmp_path):
    book = PlanBook()
    book.activities[1]["Ansvarig"] = "Arbetsmarknadsförvaltningen"
    book.activities[0]["Start"] = None  # both need a reminder
    book.activities[1]["Senast uppdaterad"] = dt.date(2026, 1, 1)
    main = book.write(tmp_path / "huvuddokument.xlsx")
    assert invoke("split", str(main), "--out", str(tmp_path / "ut")).exit_code == 0
    group = tmp_path / "ut" / "fokusomrade-1.xlsx"
    wb = openpyxl.load_workbook(group)
    ws = wb[ACTIVITIES.name]
    headers = [c.value for c in ws[2]]
    ws.cell(3, headers.index("Ansvarig") + 1).value = SEVERAL
    wb.save(group)

    result = invoke("merge", str(main), str(group), "--today", TODAY.isoformat(),
                    "--period", "2026-T3")
    assert result.exit_code == 0, result.output
    assert f"Ansvarig ”{SEVERAL}” för 1.1.1" in result.output
    plan = read_workbook(main).plan
    first = plan.activity("1.1.1")
    assert first.raw["responsible"] == SEVERAL  # the cell as the group typed it
    assert (first.responsible, first.participants) == ("Arbetsmarknadsförvaltningen", "SFI")

    span = period_span(plan, "2026-T3", TODAY)
    names = [o.name for o in offices(plan.activities, today=TODAY, span=span)]
    assert names == ["Arbetsmarknadsförvaltningen", "Näringslivskontoret"]
    assert [o.total for o in offices(plan.activities, today=TODAY, span=span)] == [2, 1]
    needs = office_needs(plan, period="2026-T3", today=TODAY)
    assert {office: [n.activity.id for n in items] for office, items in needs.items()} == {
        "Arbetsmarknadsförvaltningen": ["1.1.1", "1.2.1"]}


def test_the_reader_and_import_split_alike():
    book_cell = "Näringslivskontoret i samverkan med SBK\u200b"
    split = split_responsibility(book_cell)
    assert (split.responsible, split.participants) == ("Näringslivskontoret", ("SBK",))


def test_office_names_are_keys(tmp_path):
    book = PlanBook()
    book.activities[0]["Ansvarig"] = "Näringslivskontoret\u200b"
    book.activities[1]["Ansvarig"] = "Na\u0308ringslivskontoret\u00a0"  # NFD, a no-break space
    plan = read_workbook(book.write(tmp_path / "huvuddokument.xlsx")).plan
    span = period_span(plan, "2026-T3", TODAY)
    assert [o.name for o in offices(plan.activities, today=TODAY, span=span)] == [
        "Näringslivskontoret"]


def test_per_ansvarig_in_the_steering_workbook_has_no_office_of_two(tmp_path):
    book = PlanBook(activities=[activity("1.1.1", Ansvarig=SEVERAL),
                                activity("1.2.1", Ansvarig="Arbetsmarknadsförvaltningen"),
                                activity("2.1.1", Mål="M1, M2")])
    main = book.write(tmp_path / "huvuddokument.xlsx")
    result = invoke("report", str(main), "--out", str(tmp_path / "rapporter"), "--period",
                    "2026-T3")
    assert result.exit_code == 0, result.output
    [steering] = (tmp_path / "rapporter").rglob("styrgruppsrapport-*.xlsx")
    ws = openpyxl.load_workbook(steering)["Per ansvarig"]
    texts = {c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    assert "Arbetsmarknadsförvaltningen" in texts
    assert SEVERAL not in texts
