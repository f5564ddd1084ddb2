"""Issue 23: the contract drives the code. A column declared once is read, checked by its
kind, carried by split and merge (logged under the contract's header), added by `format` to
a huvuddokument without it, and shown in the steering report, the annual workbook and the
open data, named nowhere else.

The field is added to a copy of the schema (`Contract.with_field`), which the reader is
given; the plan it reads remembers it, so split, merge and the report see the same
fields. In production the same column touches one source file,
`src/plan_sheets/workbook/schema.py` (its `Field` in `ACTIVITIES`), and the shipped
example is regenerated (`python -m plan_sheets.example.shipped`): its huvuddokument
gets the empty column. (Tried: with Kostnad added to schema.py alone, the rest of the
suite fails only where a test states the exact columns of a report's activity list or
of the columns format widens.)
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import openpyxl
from openpyxl.utils import get_column_letter

from builders import ACTIVITY_HEADERS, PlanBook, activity
from plan_sheets.annual.figures import annual_figures
from plan_sheets.annual.workbook import write_workbook
from plan_sheets.groups.merge import merge_files
from plan_sheets.groups.split import split_workbook
from plan_sheets.reports.report import steering_path, write_reports
from plan_sheets.rules.validate import validate
from plan_sheets.upkeep.create import init_workbook
from plan_sheets.upkeep.restyle import format_workbook
from plan_sheets.web import opendata
from plan_sheets.web.content import site_content
from plan_sheets.workbook.reader import read_workbook
from plan_sheets.workbook.schema import ACTIVITIES, CONTRACT, Field, Kind
from reportcheck import tables

TODAY = dt.date(2026, 11, 26)
NOW = dt.datetime(2026, 11, 26, 9, 0)
COST = Field("cost", "Kostnad", ("Budget",), Kind.NUMBER, width=12,
             help="Beräknad kostnad i kronor.")


def with_cost() -> object:
    return CONTRACT.with_field(ACTIVITIES.key, COST)


def plan_book(*costs: object, header: str = "Kostnad") -> PlanBook:
    ids = ("1.1.1", "1.2.1", "2.1.1")
    return PlanBook(activities=[activity(aid, Mål="M1, M2", **{header: cost})
                                for aid, cost in zip(ids, costs, strict=True)],
                    activity_headers=[*ACTIVITY_HEADERS, header])


def test_the_schema_is_not_changed_by_a_copy_with_a_field_more():
    contract = with_cost()
    assert contract.activities.field("cost") is COST
    assert contract.sheet("closed").fields[-2:] == (COST, CONTRACT.sheet("closed").fields[-1])
    assert "cost" not in {f.key for f in ACTIVITIES.fields}
    assert "cost" not in {f.key for f in CONTRACT.sheet("closed").fields}


def test_a_new_number_column_is_read_by_its_kind_and_text_in_it_is_a_finding(tmp_path):
    path = plan_book(1200, "ungefär 5 000", "2 500,5").write(tmp_path / "h.xlsx")
    loaded = read_workbook(path, contract=with_cost())
    assert [a.values.get("cost") for a in loaded.plan.activities] == [1200.0, None, 2500.5]
    assert [a.extra for a in loaded.plan.activities] == [{}, {}, {}]
    column = ACTIVITY_HEADERS.index("E-post") + 2  # Kostnad, after the schema's columns
    found = [(f.code, f.sheet, f.row, f.column, f.value)
             for f in validate(loaded, today=TODAY)]
    assert found == [("NUMBER_INVALID", "Aktiviteter", 3, column, "ungefär 5 000")]
    # By the schema alone, the same column is the staff's own: kept as typed, not checked.
    plain = read_workbook(path)
    assert [a.extra.get("Kostnad") for a in plain.plan.activities] == [
        1200, "ungefär 5 000", "2 500,5"]
    assert "NUMBER_INVALID" not in {f.code for f in validate(plain, today=TODAY)}


def test_split_carries_the_column_merge_brings_an_edit_back_and_the_report_shows_it(
        tmp_path):
    main = plan_book(1200, None, 300).write(tmp_path / "h.xlsx")
    contract = with_cost()
    split_workbook(read_workbook(main, contract=contract), tmp_path / "u", now=NOW,
                   invitations=False)
    one = tmp_path / "u" / "fokusomrade-1.xlsx"
    group = read_workbook(one, contract=contract)
    assert [(a.id, a.values.get("cost")) for a in group.plan.activities] == [
        ("1.1.1", 1200.0), ("1.2.1", None)]
    assert group.base is not None and group.base.rows["1.1.1"].values["cost"] == 1200

    wb = openpyxl.load_workbook(one)
    ws = wb["Aktiviteter"]
    header_row = 2
    col = next(c.column for c in ws[header_row] if c.value == "Kostnad")
    row = next(r for r in range(header_row + 1, ws.max_row + 1)
               if ws.cell(r, 1).value == "1.1.1")
    ws.cell(row, col).value = 1500
    wb.save(one)

    outcome = merge_files(main, [one], period="2026-T3", today=TODAY, now=NOW,
                          contract=contract)
    assert not outcome.blocked, outcome.errors
    assert [(c.activity_id, c.column.label, c.before, c.after)
            for c in outcome.result.changes] == [("1.1.1", "Kostnad", 1200, 1500)]
    merged = read_workbook(main, contract=contract).plan
    assert [(a.id, a.values.get("cost")) for a in merged.activities] == [
        ("1.1.1", 1500.0), ("1.2.1", None), ("2.1.1", 300.0)]

    out = tmp_path / "rapporter"
    write_reports(read_workbook(main, contract=contract), out, period="2026-T3", today=TODAY)
    steering = steering_path(out, "2026-T3")
    focus = [t for t in tables(steering, "FO1 Företagsklimat") if "Kostnad" in t.headers]
    assert len(focus) == 1
    listed = focus[0]
    assert listed.headers[-1] == "Kostnad"  # after the list's own columns
    assert [(row[0], row[-1]) for row in listed.rows] == [("1.1.1", 1500), ("1.2.1", "")]
    assert listed.total is not None and listed.total[-1] == 1500  # a number column is summed


def test_merge_compares_the_new_column_by_its_kind(tmp_path):
    """`1 200` typed as text where split wrote the number 1200 is no change to a number
    column; `1 500` is, and reaches the huvuddokument."""
    main = plan_book(1200, 80, 300).write(tmp_path / "h.xlsx")
    contract = with_cost()
    split_workbook(read_workbook(main, contract=contract), tmp_path / "u", now=NOW,
                   invitations=False)
    one = tmp_path / "u" / "fokusomrade-1.xlsx"
    wb = openpyxl.load_workbook(one)
    ws = wb["Aktiviteter"]
    col = next(c.column for c in ws[2] if c.value == "Kostnad")
    rows = {ws.cell(r, 1).value: r for r in range(3, ws.max_row + 1)}
    ws.cell(rows["1.1.1"], col).value = "1 200"
    ws.cell(rows["1.2.1"], col).value = "1 500"
    wb.save(one)
    outcome = merge_files(main, [one], period="2026-T3", today=TODAY, now=NOW,
                          contract=contract)
    assert [(c.activity_id, c.before, c.after) for c in outcome.result.changes] == [
        ("1.2.1", 80, "1 500")]
    merged = read_workbook(main, contract=contract).plan
    assert [a.values.get("cost") for a in merged.activities] == [1200.0, 1500.0, 300.0]


def test_merge_logs_the_new_column_under_the_contracts_header(tmp_path):
    """The huvuddokument heads the column `Budget` (an alias); Ändringslogg's Fält says
    Kostnad, as it names the schema's own fields by the contract's header."""
    main = plan_book(1200, None, 300, header="Budget").write(tmp_path / "h.xlsx")
    contract = with_cost()
    split_workbook(read_workbook(main, contract=contract), tmp_path / "u", now=NOW,
                   invitations=False)
    one = tmp_path / "u" / "fokusomrade-1.xlsx"
    wb = openpyxl.load_workbook(one)
    ws = wb["Aktiviteter"]
    col = next(c.column for c in ws[2] if c.value in ("Kostnad", "Budget"))
    row = next(r for r in range(3, ws.max_row + 1) if ws.cell(r, 1).value == "1.1.1")
    ws.cell(row, col).value = 1500
    wb.save(one)
    outcome = merge_files(main, [one], period="2026-T3", today=TODAY, now=NOW,
                          contract=contract)
    assert not outcome.blocked, outcome.errors
    log = openpyxl.load_workbook(main)["Ändringslogg"]
    header = [c.value for c in log[1]]
    logged = [dict(zip(header, (c.value for c in r), strict=False))
              for r in log.iter_rows(min_row=2)]
    assert [(r["ID"], r["Fält"], r["Före"], r["Efter"]) for r in logged
            if r["Fält"] in ("Kostnad", "Budget")] == [("1.1.1", "Kostnad", 1200, 1500)]
    ws = openpyxl.load_workbook(main)["Aktiviteter"]
    assert "Budget" in [c.value for c in ws[1]] and "Kostnad" not in [c.value for c in ws[1]]


def test_the_annual_workbook_and_the_open_data_list_the_new_column_never_a_personal_one(
        tmp_path):
    """The lists of the activities' fields outside the reports follow the contract too; a
    personal field (Telefon) stays out of them, as E-post does."""
    phone = Field("phone", "Telefon", (), personal=True)
    contract = with_cost().with_field(ACTIVITIES.key, phone)
    path = PlanBook(activities=[activity("1.1.1", Mål="M1, M2", Kostnad=1200,
                                         Telefon="08-123 45"),
                                activity("1.2.1", Mål="M1, M2", Kostnad=None)],
                    activity_headers=[*ACTIVITY_HEADERS, "Kostnad", "Telefon"]).write(
        tmp_path / "h.xlsx")
    plan = read_workbook(path, contract=contract).plan

    book = write_workbook(annual_figures(plan, year=2026, today=TODAY), tmp_path / "a.xlsx",
                          title="Handlingsplan", personal_data=True)
    ws = openpyxl.load_workbook(book)["Aktiviteter"]
    header_row = next(r for r in range(1, 10) if ws.cell(r, 1).value == "ID")
    headers = [c.value for c in ws[header_row]]
    assert headers[-1] == "Kostnad" and "Telefon" not in headers
    listed = {row[0]: row[-1] for row in ws.iter_rows(min_row=header_row + 1, values_only=True)}
    assert listed == {"1.1.1": 1200, "1.2.1": None}

    site = site_content(plan, period="2026-T3", today=TODAY)
    table = list(csv.reader(io.StringIO(opendata.to_csv(site).decode("utf-8-sig"))))
    assert table[0][-3:] == ["Kostnad", "Period", "Uppgifter per"]
    assert "Telefon" not in table[0]
    assert [(row[0], row[-3]) for row in table[1:]] == [("1.1.1", "1200"), ("1.2.1", "")]
    document = json.loads(opendata.to_json(site))
    assert {"namn": "Kostnad", "beskrivning": COST.help} in document["kolumner"]
    assert [a["Kostnad"] for a in document["aktiviteter"]] == [1200, ""]


def formatted_once(path) -> None:
    """`format` by the contract with Kostnad adds the column to a huvuddokument without it,
    through the lossless writer, staff's cells as they were; a second run writes nothing."""
    format_workbook(read_workbook(path), now=NOW)  # what the schema alone has format do
    before = read_workbook(path)
    layout = before.plan.layouts["activities"]
    last = max([*layout.columns.values(), *layout.extra_columns.values()])
    outcome = format_workbook(read_workbook(path, contract=with_cost()), now=NOW)
    assert outcome.added == ("Aktiviteter!Kostnad",)
    assert outcome.written is not None

    ws = openpyxl.load_workbook(path)["Aktiviteter"]
    header, left = ws.cell(layout.header_row, last + 1), ws.cell(layout.header_row, last)
    assert header.value == "Kostnad"
    assert (header.font.b, header.fill.fgColor.rgb) == (left.font.b, left.fill.fgColor.rgb)
    assert ws.column_dimensions[get_column_letter(last + 1)].width >= COST.width
    assert ws.auto_filter.ref.split(":")[1].rstrip("0123456789") == get_column_letter(last + 1)
    after = read_workbook(path, contract=with_cost())
    assert after.plan.layouts["activities"].columns["cost"] == last + 1
    assert [(a.id, a.raw) for a in after.plan.activities] == [
        (a.id, {**a.raw, "cost": None}) for a in before.plan.activities]

    bytes_before = path.read_bytes()
    again = format_workbook(read_workbook(path, contract=with_cost()), now=NOW)
    assert again.added == ()
    assert again.written.changed_parts == [] and again.written.archive_path is None
    assert path.read_bytes() == bytes_before


def test_format_adds_the_new_column_to_a_huvuddokument_init_made(tmp_path):
    """Its header in the look of init's headers (dark blue, bold), beside E-post."""
    path = tmp_path / "h.xlsx"
    init_workbook(path, title="Handlingsplan", plan=read_workbook(
        PlanBook(activities=[activity("1.1.1")]).write(tmp_path / "src.xlsx")).plan)
    formatted_once(path)
    ws = openpyxl.load_workbook(path)["Aktiviteter"]
    assert ws.cell(2, ws.max_column).value == "Kostnad"
    assert ws.cell(2, ws.max_column).font.b


def test_format_adds_the_new_column_to_an_existing_huvuddokument(tmp_path):
    path = PlanBook(activities=[activity("1.1.1"), activity("1.2.1", Mål="M1, M2")],
                    title_rows=[["Handlingsplan"], []]).write(tmp_path / "h.xlsx")
    formatted_once(path)
