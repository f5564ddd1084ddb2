"""A split and a merge that nobody edited in between change nothing, whatever the cells hold.

Staff type years, `2017-03`, text dates, `Löpande`, percentages, amounts in
their own formats, booleans and formulas; each must reach the focus-area
workbook as the same value of the same kind, shown as the huvuddokument shows
it, and come back from it as no change at all.
"""

from __future__ import annotations

import datetime as dt
import math
import tempfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import python_calamine
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plan_sheets.cli import cli
from plan_sheets.groups.merge import merge_files
from plan_sheets.groups.split import split_workbook
from plan_sheets.workbook.kinds import clean
from plan_sheets.workbook.reader import read_workbook
from plan_sheets.workbook.schema import ACTIVITIES, FOCUS_AREAS, GOALS, INTERVENTION_AREAS

TODAY = dt.date(2026, 11, 26)
NOW = dt.datetime(2026, 11, 26, 9, 0)


def invoke(*args: str):
    return CliRunner().invoke(cli, [*args])


def values(path: Path, sheet: str) -> list[list[Any]]:
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    try:
        return book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    finally:
        book.close()


def test_a_year_in_general_format_stays_a_year_through_split_and_merge(tmp_path):
    """Issue 13, finding 1: `2025` in Start came back as 1905-07-17."""
    main = tmp_path / "h.xlsx"
    assert invoke("init", "--example", str(main)).exit_code == 0
    wb = openpyxl.load_workbook(main)
    ws = wb["Aktiviteter"]
    assert (ws["A3"].value, ws["I2"].value) == ("1.1.1", "Start")
    ws["I3"].value, ws["I3"].number_format = 2025, "General"
    ws["J3"].value, ws["J3"].number_format = "2027-03", "General"
    wb.save(main)
    assert invoke("split", str(main), "--out", str(tmp_path / "u")).exit_code == 0
    group = openpyxl.load_workbook(tmp_path / "u" / "fokusomrade-1.xlsx")["Aktiviteter"]
    assert (group["I3"].value, group["I3"].number_format) == (2025, "General")
    assert group["J3"].value == "2027-03"
    result = invoke("merge", str(main), *map(str, sorted((tmp_path / "u").glob("*.xlsx"))),
                    "--today", "2026-11-26")
    assert result.exit_code == 0, result.output
    assert "0 fält i 0 aktiviteter ändras" in result.output
    assert values(main, "Aktiviteter")[2][8:10] == [2025.0, "2027-03"]


def test_merge_writes_a_year_as_a_number_into_a_cell_formatted_for_dates(tmp_path):
    """A group's year (a number) must not show as a date in the huvuddokument, whether it
    replaces a date or starts a new activity under rows of dates."""
    main = tmp_path / "h.xlsx"
    assert invoke("init", "--example", str(main)).exit_code == 0
    assert invoke("split", str(main), "--out", str(tmp_path / "u")).exit_code == 0
    one = tmp_path / "u" / "fokusomrade-1.xlsx"
    wb = openpyxl.load_workbook(one)
    ws = wb["Aktiviteter"]
    ws["I3"].value, ws["I3"].number_format = 2026, "General"
    new = ws.max_row + 1
    for column, value in (("C", "1.1"), ("D", "Mässa"), ("F", "NLK"), ("I", 2027),
                          ("J", "Löpande")):
        ws[f"{column}{new}"].value = value
    ws[f"I{new}"].number_format = "General"
    wb.save(one)
    result = invoke("merge", str(main), str(one), "--today", "2026-11-26")
    assert result.exit_code == 0, result.output
    merged = openpyxl.load_workbook(main)["Aktiviteter"]
    added = next(r for r in range(3, merged.max_row + 1) if merged[f"D{r}"].value == "Mässa")
    assert (merged["I3"].value, merged["I3"].number_format) == (2026, "General")
    assert (merged[f"I{added}"].value, merged[f"I{added}"].number_format) == (2027, "General")
    assert merged["I4"].is_date  # the rows nobody changed keep their dates


# --- the property: any kind of value, untouched, comes back unchanged -------------------------

_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")) | st.just("\n"),
                max_size=40)


def _cell(value: Any, number_format: str | None = None, formula: str | None = None) -> dict:
    return {"value": value, "format": number_format, "formula": formula}


CELLS = st.one_of(
    st.integers(1990, 2040).map(lambda year: _cell(year, "General")),
    st.sampled_from(["2017-03", "2025-03-01", "2025-03-01 12:00", "Löpande", "löpande ",
                     "2025", "Grön", "gul", "Pågående", "M1, M2", "1.1", "=SUMMA(1)",
                     "_x0041_", "  "]).map(_cell),
    st.integers(1, 80_000).map(_cell),
    st.floats(-1e9, 1e9, allow_nan=False).map(lambda x: _cell(x, '#,##0.00 "kr"')),
    st.floats(0, 1).map(lambda x: _cell(x, "0%")),
    st.floats(0, 10).map(lambda x: _cell(x, "0.0")),
    st.booleans().map(_cell),
    st.dates(dt.date(1900, 3, 1), dt.date(2200, 12, 31)).flatmap(
        lambda d: st.sampled_from(["yyyy-mm-dd", "d mmm yyyy", "yyyy", 14]).map(
            lambda f: _cell(d, f))),
    st.datetimes(dt.datetime(1990, 1, 1), dt.datetime(2100, 1, 1)).map(
        lambda t: _cell(t.replace(microsecond=0), "yyyy-mm-dd hh:mm:ss")),
    st.times().map(lambda t: _cell(t.replace(microsecond=0), "hh:mm:ss")),
    st.integers(0, 10 ** 6).map(lambda n: _cell(n, None, f"={n}+0")),
    _TEXT.map(lambda t: _cell(t, None, '="x"')),
    st.booleans().map(lambda b: _cell(b, None, "=1=1")),
    _TEXT,
    st.text(min_size=300, max_size=4000).filter(lambda t: "\r" not in t).map(_cell),
    st.just(_cell("")),
).map(lambda c: c if isinstance(c, dict) else _cell(c))

FREE_FIELDS = [f.header for f in ACTIVITIES.fields
               if f.key not in ("id", "focus_area", "intervention_area")]
STAFF = ["Budget", "Andel", "Anteckning"]


@st.composite
def plans(draw):
    """Activity rows (by header) in 1.1 and 2.1, every free cell of any kind."""
    ids = draw(st.lists(st.sampled_from(["1.1.1", "1.1.2", "2.1.1", "2.1.2"]), min_size=1,
                        max_size=4, unique=True))
    rows = []
    for aid in sorted(ids):
        row = {"ID": _cell(aid), "Fokusområde": _cell(int(aid[0])),
               "Insatsområde": _cell(aid[:3])}
        for header in draw(st.lists(st.sampled_from(FREE_FIELDS + STAFF), unique=True,
                                    max_size=8)):
            row[header] = draw(CELLS)
        rows.append(row)
    return rows


def write_main(path: Path, rows: list[dict]) -> Path:
    """A huvuddokument as staff keep it: title row, header row, cells in their own formats."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False,
                                         "strings_to_formulas": False, "strings_to_urls": False})
    formats: dict[Any, Any] = {}

    def fmt(code):
        if code is None:
            return None
        if code not in formats:
            formats[code] = wb.add_format({"num_format": code})
        return formats[code]

    ws = wb.add_worksheet(ACTIVITIES.name)
    headers = [f.header for f in ACTIVITIES.fields] + STAFF
    ws.write_string(0, 0, "Handlingsplan – uppföljning")
    for c, header in enumerate(headers):
        ws.write_string(1, c, header)
    for r, row in enumerate(rows, start=2):
        for c, header in enumerate(headers):
            cell = row.get(header)
            if cell is None:
                continue
            value, f = cell["value"], fmt(cell["format"])
            if cell["formula"]:
                ws.write_formula(r, c, cell["formula"], f, value)
            elif isinstance(value, bool):
                ws.write_boolean(r, c, value, f)
            elif isinstance(value, (int, float)):
                ws.write_number(r, c, value, f)
            elif isinstance(value, (dt.date, dt.time)):
                ws.write_datetime(r, c, value, f)
            else:
                ws.write_string(r, c, value, f)
    for sheet, data in ((FOCUS_AREAS, [[1, "Företagsklimat", ""], [2, "Kompetens", ""]]),
                        (INTERVENTION_AREAS, [["1.1", 1, "mötesplatser", ""],
                                              ["2.1", 2, "utbildning", ""]]),
                        (GOALS, [["M1", "Fler jobb"], ["M2", "Fler företag"]])):
        sheet_ws = wb.add_worksheet(sheet.name)
        for c, header in enumerate(sheet.headers):
            sheet_ws.write_string(0, c, header)
        for r, data_row in enumerate(data, start=1):
            for c, value in enumerate(data_row):
                sheet_ws.write(r, c, value)
    wb.close()
    return path


def same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-15, abs_tol=1e-300)  # Excel keeps 15-17 digits
    return a.__class__ is b.__class__ and a == b


@pytest.mark.e2e
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_split_and_merge_untouched_change_no_cell_whatever_the_cells_hold(rows):
    with tempfile.TemporaryDirectory() as folder:
        main = write_main(Path(folder) / "huvuddokument.xlsx", rows)
        before = {name: values(main, name) for name in (ACTIVITIES.name,)}
        split = split_workbook(read_workbook(main), Path(folder) / "ut", now=NOW)
        # The group sees every value as the huvuddokument holds it, of the same kind.
        main_rows = {r[0]: r for r in before[ACTIVITIES.name][2:]}
        for file in split.files:
            for group_row in values(file, ACTIVITIES.name)[2:]:
                main_row = main_rows[group_row[0]]
                for c, (want, got) in enumerate(zip(main_row, group_row, strict=False)):
                    assert same(clean(got), clean(want)), (file.name, group_row[0], c, want, got)
        outcome = merge_files(main, split.files, period="2026-T3", today=TODAY, now=NOW)
        result = outcome.result
        assert (result.changes, result.new, result.new_columns, result.conflicts) == \
            ((), (), (), ())
        assert [f.code for f in result.notes] == []
        assert values(main, ACTIVITIES.name) == before[ACTIVITIES.name]


def test_a_time_and_a_formula_without_value_merge_and_are_logged(tmp_path):
    """A time of day a group types is written as a time; a formula saved without its result
    that a group's value replaces is logged as its text (both stopped a merge with an
    unexpected error)."""
    from builders import ACTIVITY_HEADERS, PlanBook

    book = PlanBook(activity_headers=[*ACTIVITY_HEADERS, "Mötestid"])
    book.activities[0].update({"Mötestid": dt.time(9, 30),
                               "Statuskommentar": '=CONCAT("a","b")'})
    main = book.write(tmp_path / "h.xlsx")
    assert invoke("split", str(main), "--out", str(tmp_path / "u")).exit_code == 0
    one = tmp_path / "u" / "fokusomrade-1.xlsx"
    wb = openpyxl.load_workbook(one)
    ws = wb["Aktiviteter"]
    headers = [c.value for c in ws[2]]
    assert ws.cell(3, headers.index("Mötestid") + 1).value == dt.time(9, 30)
    ws.cell(3, headers.index("Mötestid") + 1).value = dt.time(10, 15)
    ws.cell(3, headers.index("Statuskommentar") + 1).value = "Klart"
    wb.save(one)
    result = invoke("merge", str(main), str(one), "--prefer", "group", "--today", "2026-11-26")
    assert result.exit_code == 0, result.output
    merged = values(main, "Aktiviteter")
    assert merged[1][headers.index("Mötestid")] == dt.time(10, 15)
    log = [row[1:-1] for row in values(main, "Ändringslogg")[1:]]
    assert ["fokusomrade-1.xlsx", "1.1.1", "Statuskommentar", '=CONCAT("a","b")', "Klart"] \
        in log
    assert ["fokusomrade-1.xlsx", "1.1.1", "Mötestid", dt.time(9, 30), dt.time(10, 15)] in log
