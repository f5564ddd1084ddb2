"""`plan-sheets import`: old, hand-kept plans of every layout in issue 17 become huvuddokument."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

import old_plans
from builders import libreoffice_convert
from plan_sheets.cli import cli
from plan_sheets.excel.addresses import column_letter
from plan_sheets.importer.command import import_workbook
from plan_sheets.importer.convert import Options
from plan_sheets.importer.record import HEADERS, IMPORT_SHEET
from plan_sheets.rules.validate import validate
from plan_sheets.workbook.reader import read_workbook
from plan_sheets.workbook.schema import ACTIVITIES

D = dt.datetime

STAFF = column_letter(len(ACTIVITIES.fields) + 1)
"""The first column after the contract's: the old plan's own columns follow there."""


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def cells(path: Path, sheet: str, columns: str, first: int = 3) -> list[tuple]:
    """The values of some columns (letters) of every row from `first` down."""
    ws = openpyxl.load_workbook(path)[sheet]
    out = []
    for row in range(first, ws.max_row + 1):
        out.append(tuple(ws[f"{c}{row}"].value for c in columns))
    return out


def import_rows(path: Path) -> list[tuple]:
    ws = openpyxl.load_workbook(path)[IMPORT_SHEET]
    assert [c.value for c in ws[2]] == list(HEADERS)
    return [tuple(c.value for c in row) for row in ws.iter_rows(min_row=3)]


def entry(rows: list[tuple], source: str) -> tuple:
    """The first reading of a cell (a Läge for its traffic light may follow it)."""
    found = [r for r in rows if r[0] == source]
    assert found, source
    return found[0]


# Aktiviteter: A ID, B Fokusområde, C Insatsområde, D Aktivitet, F Ansvarig, H Delaktiga,
# I Start, J Slut, K Läge, L Status, M Statuskommentar, N Orsak, O Åtgärd, P Mål.


def test_the_issue_example_gets_ids_statuses_dates_and_offices(tmp_path):
    old = old_plans.issue_example(tmp_path / "gammal.xlsx")
    before = digest(old)
    new = tmp_path / "ny.xlsx"
    result = import_workbook(old, new)
    assert digest(old) == before
    assert len(result.plan.activities) == 4
    assert cells(new, "Aktiviteter", "ACDFHIJL") == [
        ("1.1.1", "1.1", "Företagsbesök politiker", "NLK", "SBK", D(2017, 1, 1),
         D(2017, 12, 31), "Grön"),
        ("1.1.2", "1.1", "Företagsbesök tjänstemän", "Näringslivskontoret", "Samhällsbyggnad",
         D(2017, 7, 1), D(2017, 12, 31), "Röd"),
        ("1.2.1", "1.2", "Frukostklubben", "NLK", None, None, None, None),
        ("2.1.1", "2.1", "Praktikplatser", "AMF", None, None, "Löpande", "Gul"),
    ]
    rows = import_rows(new)
    assert entry(rows, "Aktiviteter!F3") == (
        "Aktiviteter!F3", "(tom), fyllnadsfärg #00B050", "Grön",
        "fyllnadsfärg: färgen #00B050 (kulör 147°) är Grön")
    orange = entry(rows, "Aktiviteter!F5")
    assert orange[2] == "(tom, färgen följer med)"
    assert orange[3].startswith("ATT AVGÖRA: fyllnadsfärg: färgen #FF6600 (kulör 24°) ligger "
                                "mellan Röd och Gul")
    two_ways = entry(rows, "Aktiviteter!E5")
    assert two_ways[1:3] == ("2018/19", "(tom)")
    assert "två kalenderår" in two_ways[3] and "läsår" in two_ways[3]
    assert entry(rows, "Aktiviteter!D4")[2] == \
        "Ansvarig Näringslivskontoret; Delaktiga Samhällsbyggnad"
    # The old timeline text stays beside the dates, as a staff column.
    assert cells(new, "Aktiviteter", STAFF, first=2)[0] == ("Tidplan",)


def test_the_imported_issue_example_validates_with_only_what_the_old_file_lacked(tmp_path):
    old = old_plans.issue_example(tmp_path / "gammal.xlsx")
    new = tmp_path / "ny.xlsx"
    import_workbook(old, new)
    found = validate(read_workbook(new), today=dt.date(2026, 11, 26))
    errors = [(f.code, f.cell) for f in found if f.severity.value == "error"]
    # The orange fill was carried over to the empty Status cell: validate points at it.
    assert errors == [("STATUS_ONLY_COLOUR", "L5")]


def test_one_sheet_per_focus_area_with_merged_heading_rows(tmp_path):
    old = old_plans.per_focus_area(tmp_path / "gammal.xlsx")
    before = digest(old)
    new = tmp_path / "ny.xlsx"
    import_workbook(old, new)
    assert digest(old) == before
    assert cells(new, "Aktiviteter", "ACDFHIJKL") == [
        # A traffic light without Läge gets one from the dates (issue 22).
        ("1.1.1", "1.1", "Företagsbesök politiker", "NLK", None, D(2018, 1, 1), D(2018, 6, 30),
         "Pågående", "Grön"),
        ("1.1.2", "1.1", "Företagsbesök tjänstemän", "NLK", None, D(2018, 7, 1),
         D(2018, 9, 30), "Pågående", "Röd"),
        ("1.2.1", "1.2", "Nyföretagarcentrum", "NLK", "Almi", D(2019, 1, 1), D(2019, 6, 30),
         "Pågående", "Grön"),
        ("2.1.1", "2.1", "Campus Telge", "KLK", None, D(2017, 12, 1), D(2017, 12, 31),
         "Pågående", "Gul"),
        ("2.1.2", "2.1", "Praktik för unga", "AMF", None, None, None, "Genomförd", "Röd"),
    ]
    assert cells(new, "Insatsområden", "ABCD") == [
        ("1.1", 1, "erbjuder mötesplatser och dialog", "Genom att finnas hos företagen."),
        ("1.2", 1, "har partners för rådgivning", None),
        ("2.1", 2, "verkar för högre utbildning", None),
    ]
    assert cells(new, "Fokusområden", "AB") == [
        (1, "Ett företagsklimat som främjar utveckling"), (2, "God tillgång på arbetskraft")]
    rows = import_rows(new)
    assert entry(rows, "'Fokusområde 1'!A5")[1:] == (
        "1", "1.1.1 (Aktiviteter!A3)",
        "ID:t har inte formen F.I.N: nytt efter plats, det gamla i Tidigare ID")
    # Theme colour 6 (openpyxl's theme: olive green 9BBB59) lightened 40 %.
    assert entry(rows, "'Fokusområde 1'!E5")[1:3] == ("(tom), fyllnadsfärg #C3D69B", "Grön")
    # Indexed colours 10 (red) and 13 (yellow) of Excel's old palette.
    assert entry(rows, "'Fokusområde 1'!E6")[1:3] == ("(tom), fyllnadsfärg #FF0000", "Röd")
    assert entry(rows, "'Fokusområde 1'!E8")[1:3] == (
        "●, symbolen ● i teckenfärg #00B050", "Grön")
    assert entry(rows, "'Fokusområde 2'!E6")[1:3] == (
        "⬤, symbolen ⬤ i teckenfärg #C0504D", "Röd")
    # The old IDs are kept beside the new.
    header = cells(new, "Aktiviteter", STAFF + column_letter(len(ACTIVITIES.fields) + 2),
                   first=2)
    assert header[0] == ("Tidplan", "Tidigare ID")
    assert [r[1] for r in header[1:]] == ["1", "2", "a)", "1", "2"]


def test_one_sheet_with_heading_rows_text_statuses_and_conditional_formats(tmp_path):
    old = old_plans.one_sheet_with_headings(tmp_path / "gammal.xlsx")
    new = tmp_path / "ny.xlsx"
    result = import_workbook(old, new)
    assert cells(new, "Aktiviteter", "ACDFHKLMNOP") == [
        ("1.1.1", "1.1", "Företagsbesök", "NLK", "SBK", "Pågående", "Grön", None, None, None,
         "M1, M3"),
        ("1.1.2", "1.1", "Frukostklubben", "NLK", None, "Pågående", "Grön", "OK", None, None,
         "M1"),
        ("1.1.3", "1.1", "Företagsbesök", "NLK", None, "Pågående", "Gul",
         "Lokalen saknas.\nRisk", "lokalen såld.", "hitta ny lokal.", None),
        ("2.1.1", "2.1", "Sommarjobb", "AMF", "NLK", "Pågående", "Röd", None, None, None, None),
        ("2.1.2", "2.1", "Yrkesdagar", "AMF", None, "Genomförd", None, None, None, None, "M2"),
    ]
    assert [(a.number, a.name) for a in result.plan.focus_areas] == \
        [(1, "Företagsklimat"), (2, "Kompetens")]
    rows = import_rows(new)
    assert entry(rows, "Handlingsplan!E7")[1:3] == ("OK, villkorsstyrd fyllnadsfärg #C6EFCE",
                                                    "Grön")
    assert entry(rows, "Handlingsplan!E8")[1:3] == ("Risk, villkorsstyrd fyllnadsfärg #FFEB9C",
                                                    "Gul")
    assert entry(rows, "Handlingsplan!E6")[1:] == ("GRÖNT", "Grön", "statusens stavning")
    assert [r[1:3] for r in rows if r[0] == "Handlingsplan!G6"] == [
        ("Mål 1 och 3", "M1, M3"), ("M1", "M1 i fliken Mål"), ("M3", "M3 i fliken Mål")]
    duplicate = entry(rows, "Handlingsplan!B8")
    assert duplicate[2] == "1.1.3 och 1.1.1" and duplicate[3].startswith("ATT AVGÖRA: två ")
    assert entry(rows, "Handlingsplan!D12")[1:3] == ("snart", "(tom)")
    decided = [r[0] for r in rows if r[3].startswith("ATT AVGÖRA")]
    # The staff's column "Egen not" (no field: --column names the fix) and two traffic
    # lights whose Slut has passed (Genomförd or Pågående?) come first (issue 22).
    assert decided == ["Handlingsplan!H3", "Handlingsplan!E6", "Handlingsplan!E7",
                       "Handlingsplan!D11", "Handlingsplan!G11", "Handlingsplan!D12",
                       "Handlingsplan!B8", "Handlingsplan!G6", "Handlingsplan!G6",
                       "Handlingsplan!G12"]


@pytest.mark.libreoffice
@pytest.mark.parametrize("build", [old_plans.per_focus_area, old_plans.one_sheet_with_headings,
                                   old_plans.issue_example])
def test_a_plan_saved_by_libreoffice_imports_the_same(tmp_path, build):
    """Theme and indexed colours, font colours, merged headings and conditional formats
    as LibreOffice writes them back."""
    old = build(tmp_path / "gammal.xlsx")
    saved = libreoffice_convert(old, "xlsx", tmp_path / "lo")
    import_workbook(old, tmp_path / "a.xlsx")
    import_workbook(saved, tmp_path / "b.xlsx")
    assert cells(tmp_path / "a.xlsx", "Aktiviteter", "ACDFHIJKLMNOP") == \
        cells(tmp_path / "b.xlsx", "Aktiviteter", "ACDFHIJKLMNOP")


def test_options_name_the_sheet_header_row_columns_and_colours(tmp_path):
    old = old_plans.issue_example(tmp_path / "gammal.xlsx")
    wb = openpyxl.load_workbook(old)
    ws = wb["Aktiviteter"]
    ws["F2"] = "Färg"  # the Status column no longer says so
    wb.create_sheet("Anteckningar").append(["inget här"])
    wb.save(old)
    new = tmp_path / "ny.xlsx"
    import_workbook(old, new, options=Options(
        sheets=("Aktiviteter",), header_row=2, columns={"status": 6},
        colours={"FF6600": None}))
    assert [v for (v,) in cells(new, "Aktiviteter", "L")] == ["Grön", "Röd", None, "Gul"]
    rows = import_rows(new)
    assert entry(rows, "Aktiviteter!F2")[1:] == ("Färg", "Status",
                                                 "kolumnen läses som Status (--column)")
    assert entry(rows, "Aktiviteter!F5")[3] == \
        "fyllnadsfärg: färgen #FF6600 är inget trafikljus enligt --colour"


def test_cli_colour_option_names_a_light(tmp_path):
    old = old_plans.issue_example(tmp_path / "gammal.xlsx")
    new = tmp_path / "ny.xlsx"
    result = CliRunner().invoke(cli, ["import", str(old), str(new), "--colour", "#ff6600=gul"])
    assert result.exit_code == 0, result.output
    assert cells(new, "Aktiviteter", "L")[2] == ("Gul",)
    assert "FF6600" not in result.output  # nothing left to decide about that colour


def test_cli_import_then_validate_split_merge_and_report(tmp_path):
    old = old_plans.per_focus_area(tmp_path / "gammal.xlsx")
    new = tmp_path / "huvuddokument.xlsx"
    runner = CliRunner()
    result = runner.invoke(cli, ["import", str(old), str(new)])
    assert result.exit_code == 0, result.output
    assert "5 aktiviteter i 2 fokusområden" in result.output
    # Nothing to decide but whether activities whose Slut has passed are done (issue 22).
    decisions = [line for line in result.output.splitlines() if line.startswith("  ")]
    assert decisions and all("trafikljus utan Läge" in line and "har passerat" in line
                             for line in decisions)
    result = runner.invoke(cli, ["validate", str(new), "--today", "2026-11-26"])
    assert result.exit_code == 0, result.output
    assert "0 fel" in result.output
    result = runner.invoke(cli, ["split", str(new), "--out", str(tmp_path / "utskick")])
    assert result.exit_code == 0, result.output
    group = tmp_path / "utskick" / "fokusomrade-1.xlsx"
    wb = openpyxl.load_workbook(group)
    ws = wb["Aktiviteter"]
    status_col = [c.value for c in ws[2]].index("Status") + 1
    ws.cell(3, status_col, "Gul")
    wb.save(group)
    result = runner.invoke(cli, ["merge", str(new), str(group), "--today", "2026-11-26"])
    assert result.exit_code == 0, result.output
    assert read_workbook(new).plan.activity("1.1.1").status.value == "Gul"
    result = runner.invoke(cli, ["report", str(new), "--out", str(tmp_path / "rapporter"),
                                 "--today", "2026-11-26"])
    assert result.exit_code == 0, result.output
    # A second import over the new file is refused without --force.
    result = runner.invoke(cli, ["import", str(old), str(new)])
    assert result.exit_code == 2 and "finns redan" in result.output


def test_cli_refuses_what_it_cannot_read(tmp_path):
    runner = CliRunner()
    text = tmp_path / "gammal.xlsx"
    text.write_text("inte en arbetsbok")
    result = runner.invoke(cli, ["import", str(text), str(tmp_path / "ny.xlsx")])
    assert result.exit_code == 2 and "gammal.xlsx" in result.output
    empty = tmp_path / "tom.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["bara en rad"])
    wb.save(empty)
    result = runner.invoke(cli, ["import", str(empty), str(tmp_path / "ny.xlsx")])
    assert result.exit_code == 2 and "hittade inga aktiviteter" in result.output
    assert not (tmp_path / "ny.xlsx").exists()
    result = runner.invoke(cli, ["import", str(empty), str(tmp_path / "ny.xlsx"),
                                 "--column", "Färg=F"])
    assert result.exit_code == 2 and "okänd kolumn" in result.output
    result = runner.invoke(cli, ["import", str(empty), str(tmp_path / "ny.xlsx"),
                                 "--colour", "FFC000=Lila"])
    assert result.exit_code == 2 and "FFC000=Gul" in result.output


def test_a_row_with_only_an_id_is_an_activity_without_text(tmp_path):
    old = tmp_path / "gammal.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["ID", "Aktivitet", "Ansvarig", "Status"])
    ws.append(["Företagsklimat"])
    ws.append(["1.1.1", "Företagsbesök", "NLK", "Grön"])
    ws.append(["1.1.2"])
    wb.save(old)
    import_workbook(old, tmp_path / "ny.xlsx")
    assert cells(tmp_path / "ny.xlsx", "Aktiviteter", "ACD") == [
        ("1.1.1", "1.1", "Företagsbesök"), ("1.1.2", "1.1", None)]


def test_a_sheet_formatted_far_below_its_data_is_read_to_its_data(tmp_path):
    """Fills down to row 1,048,576 and across to column XFD are read no further than the
    last value (calamine tells where it is), so that such a sheet costs no more."""
    old = old_plans.issue_example(tmp_path / "gammal.xlsx")
    wb = openpyxl.load_workbook(old)
    ws = wb["Aktiviteter"]
    ws.cell(1_048_576, 6).fill = old_plans.solid("FF00B050")
    ws.cell(3, 16_384).fill = old_plans.solid("FFFF0000")
    wb.save(old)
    result = import_workbook(old, tmp_path / "ny.xlsx")
    assert [a.id for a in result.plan.activities] == ["1.1.1", "1.1.2", "1.2.1", "2.1.1"]
    assert cells(tmp_path / "ny.xlsx", "Aktiviteter", STAFF, first=2)[0] == ("Tidplan",)
