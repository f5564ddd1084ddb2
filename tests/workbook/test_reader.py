"""Reading workbooks that people made: title rows, odd headers, staff columns, every date."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from builders import TODAY, PlanBook, activity, libreoffice_convert
from plan_sheets.rules.validate import validate
from plan_sheets.workbook.dates import parse_date, parse_year
from plan_sheets.workbook.model import FormulaWithoutValue, Phase, Status
from plan_sheets.workbook.reader import area_id, goal_ids, read_workbook

SHUFFLED = ["Aktivitet", "  id ", "STATUS", "Läge", "Insatsomrade", "Focus area", "Ansvarig",
            "Budget (tkr)", "Orsak\u00a0till\u00a0avvikelse", "Recommended action",
            unicodedata.normalize("NFD", "Mål"), "Start", "slut", "Beslutad",
            "Senast uppdaterad", "Handläggare", "Statuskommentar"]
ALIASES = {"ID": "  id ", "Status": "STATUS", "Insatsområde": "Insatsomrade",
           "Fokusområde": "Focus area", "Orsak till avvikelse": "Orsak\u00a0till\u00a0avvikelse",
           "Rekommenderad åtgärd": "Recommended action",
           "Mål": unicodedata.normalize("NFD", "Mål"), "Slut": "slut"}


def hand_made_book() -> PlanBook:
    """Like a workbook a person keeps: a merged title, blank rows, shuffled and misspelt
    headers, the staff's own columns, a hidden row, dates and statuses typed every way."""
    acts = [
        activity("1.1.1", Status="grön", Start="2025-03-01", Slut="Löpande",
                 **{"Budget (tkr)": 120, "Handläggare": "Eva Ek"}),
        activity("1.1.2", Status="GUL", Start=2025, Slut="2027-06",
                 **{"Orsak till avvikelse": "Sen leverans", "Rekommenderad åtgärd": "Ny tidplan"}),
        activity("1.2.1", Status="Rod", Start=45658, Slut=dt.datetime(2027, 12, 31, 0, 0),
                 Insatsområde=1.2, Fokusområde="Företagsklimat",
                 **{"Orsak till avvikelse": "Ingen budget", "Rekommenderad åtgärd": "Prioritera"}),
        {},  # an empty row between blocks
        activity("2.1.1", Status="green", Insatsområde=" 2 . 1 ", Start="2025-01-15",
                 Slut="2027-12-31", Beslutad="2024-12-01", Mål="m1;M2"),
        activity("2.1.2", Status="G", Läge="pågående", Start="2025-01", Slut=2028,
                 Mål="M 2"),
    ]
    return PlanBook(
        activities=acts,
        activity_headers=SHUFFLED,
        header_aliases=ALIASES,
        title_rows=[["Handlingsplan för näringslivsstrategin – uppföljning 2026"], [], []],
        merge_title=True,
        hidden_rows=(7,),
    )


def test_hand_made_workbook_reads_and_validates_clean(tmp_path):
    path = hand_made_book().write(tmp_path / "handgjord.xlsx")
    loaded = read_workbook(path)
    assert loaded.findings == ()
    assert validate(loaded, today=TODAY) == []
    plan = loaded.plan
    assert [a.id for a in plan.activities] == ["1.1.1", "1.1.2", "1.2.1", "2.1.1", "2.1.2"]
    layout = plan.layouts["activities"]
    assert layout.header_row == 4
    assert set(layout.extra_columns) == {"Budget (tkr)", "Handläggare"}
    a = plan.activity("1.1.1")
    assert (a.row, a.status, a.start, a.ongoing, a.end) == \
        (5, Status.GREEN, dt.date(2025, 3, 1), True, None)
    assert a.extra == {"Budget (tkr)": 120, "Handläggare": "Eva Ek"}
    b = plan.activity("1.1.2")
    assert (b.status, b.start, b.end) == (Status.YELLOW, dt.date(2025, 1, 1), dt.date(2027, 6, 30))
    c = plan.activity("1.2.1")
    assert (c.status, c.start, c.end, c.intervention_area, c.focus_area) == \
        (Status.RED, dt.date(2025, 1, 1), dt.date(2027, 12, 31), "1.2", 1)
    d = plan.activity("2.1.1")
    assert (d.row, d.intervention_area, d.goals, d.status) == (9, "2.1", ("M1", "M2"),
                                                               Status.GREEN)
    e = plan.activity("2.1.2")
    assert (e.row, e.phase, e.goals, e.start, e.end) == \
        (10, Phase.ONGOING, ("M2",), dt.date(2025, 1, 1), dt.date(2028, 12, 31))


@pytest.mark.libreoffice
def test_hand_made_workbook_saved_by_libreoffice_reads_the_same(tmp_path):
    original = hand_made_book().write(tmp_path / "handgjord.xlsx")
    resaved = libreoffice_convert(original, "xlsx", tmp_path / "lo")
    before, after = read_workbook(original), read_workbook(resaved)
    assert validate(after, today=TODAY) == []
    strip = ("raw", "extra")
    for a, b in zip(before.plan.activities, after.plan.activities, strict=True):
        assert {k: v for k, v in vars(a).items() if k not in strip} == \
            {k: v for k, v in vars(b).items() if k not in strip}
        assert a.extra == b.extra


def test_formula_without_cached_value_is_reported_not_read_as_empty(tmp_path):
    book = PlanBook()
    book.activities[0]["Status"] = '=IF(1=1,"Grön","Röd")'
    book.activities[1]["Aktivitet"] = '=UPPER("x")'
    path = book.write(tmp_path / "formler.xlsx")  # openpyxl saves formulas without results
    loaded = read_workbook(path)
    assert isinstance(loaded.plan.activities[0].raw["status"], FormulaWithoutValue)
    found = {(f.code, f.cell): f for f in validate(loaded, today=TODAY)}
    assert set(found) == {("STATUS_INVALID", "L2"), ("TITLE_MISSING", "D3")}
    assert "formel utan sparat värde" in found[("STATUS_INVALID", "L2")].message
    assert "formeln" in found[("TITLE_MISSING", "D3")].message


def test_sheet_formatted_to_the_last_row_stops_at_the_last_data_row(tmp_path):
    import xlsxwriter

    from plan_sheets.workbook.schema import ACTIVITIES, GOALS

    path = tmp_path / "formaterad.xlsx"
    wb = xlsxwriter.Workbook(path)
    fill = wb.add_format({"bg_color": "#FFFF00"})
    ws = wb.add_worksheet("Aktiviteter")
    ws.write_row(0, 0, ACTIVITIES.headers)
    row = activity("1.1.1")
    ws.write_row(1, 0, [str(row[h]) if row[h] is not None else "" for h in ACTIVITIES.headers])
    ws.set_column(0, 30, 12, fill)
    for r in (1000, 500_000, 1_048_575):
        ws.set_row(r, 20, fill)
        ws.write_blank(r, 0, None, fill)
    goals = wb.add_worksheet("Mål")
    goals.write_row(0, 0, GOALS.headers)
    goals.write_row(1, 0, ["M1", "Ett mål"])
    wb.close()
    loaded = read_workbook(path)
    assert [a.id for a in loaded.plan.activities] == ["1.1.1"]
    assert loaded.plan.layouts["activities"].last_row == 2


def test_focus_area_workbook_is_recognised_by_its_base_sheet(tmp_path):
    from builders import write_rows
    from plan_sheets.workbook.schema import ACTIVITIES, BASE_SHEET

    row = activity("1.1.1")
    path = write_rows(tmp_path / "fokusomrade-1.xlsx", {
        "Aktiviteter": [ACTIVITIES.headers, [row[h] for h in ACTIVITIES.headers],
                        [None, 1, "1.1", "En ny aktivitet"]],
        BASE_SHEET: [["ID"], ["1.1.1"]],
    })
    loaded = read_workbook(path)
    assert loaded.kind == "group"
    codes = [f.code for f in validate(loaded, today=TODAY)]
    assert "ID_MISSING" not in codes and "SHEET_MISSING" not in codes


@pytest.mark.parametrize("value, end, expected", [
    (dt.date(2025, 3, 1), False, dt.date(2025, 3, 1)),
    (dt.datetime(2025, 3, 1, 12, 30), False, dt.date(2025, 3, 1)),
    ("2025-03-01", False, dt.date(2025, 3, 1)),
    ("2025-03-01 00:00:00", False, dt.date(2025, 3, 1)),
    ("2025/3/1", False, dt.date(2025, 3, 1)),
    ("1/3 2025", False, dt.date(2025, 3, 1)),
    ("01.03.2025", False, dt.date(2025, 3, 1)),
    ("2025-03", False, dt.date(2025, 3, 1)),
    ("2025-02", True, dt.date(2025, 2, 28)),
    ("2025", False, dt.date(2025, 1, 1)),
    ("2025", True, dt.date(2025, 12, 31)),
    (2025, True, dt.date(2025, 12, 31)),
    (2025.0, False, dt.date(2025, 1, 1)),
    (45717, False, dt.date(2025, 3, 1)),
    (45717.0, False, dt.date(2025, 3, 1)),
    ("mars 2025", False, dt.date(2025, 3, 1)),
    ("mars 2025", True, dt.date(2025, 3, 31)),
])
def test_dates_typed_every_way(value, end, expected):
    assert parse_date(value, end=end) == expected


@pytest.mark.parametrize("value", ["snart", "2025-13-01", "2025-02-30", 12.5, True, "Q3"])
def test_not_dates(value):
    assert parse_date(value) is None


@pytest.mark.parametrize("value, year", [(2025, 2025), ("2025", 2025), (2025.0, 2025),
                                         (dt.date(2025, 1, 1), 2025), ("i fjol", None),
                                         (1.5, None)])
def test_years(value, year):
    assert parse_year(value) == year


@pytest.mark.parametrize("value, expected", [
    (1.1, "1.1"), ("1.3", "1.3"), (" 1 . 3 ", "1.3"), ("1,3", "1.3"), ("Insatsområde 2.4", "2.4"),
    (2.1, "2.1"), ("x", None), (None, None),
])
def test_intervention_area_ids(value, expected):
    assert area_id(value) == expected


@pytest.mark.parametrize("value, expected", [
    ("M1, M4", ("M1", "M4")), ("m1;m4", ("M1", "M4")), ("M 1 M 4", ("M1", "M4")),
    ("M1,M1", ("M1",)), ("M1\nM2", ("M1", "M2")), ("alla", ("alla",)), (None, ()),
])
def test_goal_ids(value, expected):
    assert goal_ids(value) == expected


def test_the_fast_path_sets_every_field_of_an_activity(tmp_path):
    import dataclasses

    from plan_sheets.workbook.model import Activity

    path = PlanBook().write(tmp_path / "plan.xlsx")
    first = read_workbook(path).plan.activities[0]
    names = {f.name for f in dataclasses.fields(Activity)}
    assert set(vars(first)) == names
    assert Activity(**{n: getattr(first, n) for n in names}) == first


@pytest.mark.parametrize("headers", [("Nr", "Fokusområde", "Ansvarig"),
                                     ("Fokusområde", "Namn", "Ansvarig"),
                                     ("ID", "Fokusområde", "Ansvarig"),
                                     ("Fokusområde (nr)", "Benämning", "Ansvarig")])
def test_focus_area_sheet_headed_as_people_head_it(tmp_path, headers):
    import openpyxl

    path = PlanBook().write(tmp_path / "plan.xlsx")
    book = openpyxl.load_workbook(path)
    for cell, header in zip(book["Fokusområden"][1], headers, strict=False):
        cell.value = header
    book.save(path)
    loaded = read_workbook(path)
    assert loaded.findings == ()
    assert [(a.number, a.name) for a in loaded.plan.focus_areas] == \
        [(1, "Företagsklimat"), (2, "Kompetens")]
    assert validate(loaded, today=TODAY) == []


def test_headers_with_a_remark_in_brackets_name_their_field_unless_it_is_taken(tmp_path):
    headers = ["ID", "Fokusområde (1-5)", "Insatsområde", "Aktivitet", "Ansvarig förvaltning",
               "Start", "Slut (år)", "Läge", "Status", "Status (förra året)", "Mål [ID]",
               "Beslutad", "Budget (tkr)"]
    aliases = {"Fokusområde": "Fokusområde (1-5)", "Ansvarig": "Ansvarig förvaltning",
               "Slut": "Slut (år)", "Mål": "Mål [ID]"}
    book = PlanBook(activities=[activity("1.1.1", Slut=2027, **{"Status (förra året)": "Röd",
                                                               "Budget (tkr)": 50})],
                    activity_headers=headers, header_aliases=aliases)
    loaded = read_workbook(book.write(tmp_path / "plan.xlsx"))
    assert loaded.findings == ()
    layout = loaded.plan.layouts["activities"]
    assert {k: layout.columns[k] for k in ("focus_area", "responsible", "end", "status", "goals")} \
        == {"focus_area": 2, "responsible": 5, "end": 7, "status": 9, "goals": 11}
    assert set(layout.extra_columns) == {"Status (förra året)", "Budget (tkr)"}
    a = loaded.plan.activity("1.1.1")
    assert (a.focus_area, a.responsible, a.end, a.status, a.goals) == \
        (1, "Näringslivskontoret", dt.date(2027, 12, 31), Status.GREEN, ("M1",))
    assert a.extra == {"Status (förra året)": "Röd", "Budget (tkr)": 50}
