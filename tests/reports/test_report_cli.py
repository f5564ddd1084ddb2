"""`plan-sheets report` on the command line, and the report's edge cases."""

from __future__ import annotations

import datetime as dt
import re

import openpyxl
import pytest
from click.testing import CliRunner

from builders import TODAY, PlanBook, activity, libreoffice_convert
from plan_sheets import files, parallel
from plan_sheets.cli import cli
from plan_sheets.errors import UsageProblem, WorkbookLocked
from plan_sheets.example.start import init_plan
from plan_sheets.reports import report as report_module
from plan_sheets.reports.report import check_period, write_reports
from plan_sheets.reports.sheets import short_focus_name
from plan_sheets.workbook.reader import read_workbook
from reportcheck import sheet_text, table, tables, values


def _invoke(*args: str):
    return CliRunner().invoke(cli, ["report", *args])


def test_cli_writes_the_reports_and_lists_them(tmp_path):
    source = PlanBook().write(tmp_path / "h.xlsx")
    result = _invoke(str(source), "--out", str(tmp_path / "ut"), "--today", "2026-11-26")
    assert result.exit_code == 0, result.output
    steering = tmp_path / "ut" / "styrgrupp" / "styrgruppsrapport-2026-T3.xlsx"
    assert f"Styrgruppens rapport: {steering}" in result.stdout
    assert "  fokusomrade-1-2026-T3.xlsx" in result.stdout
    assert "  fokusomrade-2-2026-T3.xlsx" in result.stdout
    assert "3 aktiviteter: 0 avvikelser" in result.stdout
    assert "Skriver" in result.stderr and "Skriver" not in result.stdout
    assert steering.exists()


def test_cli_period_and_public_flag(tmp_path):
    source = PlanBook().write(tmp_path / "h.xlsx")
    result = _invoke(str(source), "--out", str(tmp_path / "ut"), "--period", "2026-h2",
                     "--no-personal-data", "--today", "2026-11-26")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "ut" / "styrgrupp" / "styrgruppsrapport-2026-H2.xlsx").exists()
    assert "Utan personuppgifter" in result.stdout


def test_cli_missing_file_is_exit_2(tmp_path):
    result = _invoke(str(tmp_path / "finns-inte.xlsx"), "--out", str(tmp_path / "ut"))
    assert result.exit_code == 2
    assert "finns inte" in result.output
    assert not (tmp_path / "ut").exists()


def test_cli_not_a_workbook_is_exit_2(tmp_path):
    fake = tmp_path / "h.xlsx"
    fake.write_text("inte en arbetsbok", encoding="utf-8")
    result = _invoke(str(fake), "--out", str(tmp_path / "ut"))
    assert result.exit_code == 2
    assert "Traceback" not in result.output


@pytest.mark.parametrize("period", ["2026/T3", "a:b", "", "..", "x?"])
def test_cli_period_that_cannot_be_a_file_name_is_exit_2(tmp_path, period):
    source = PlanBook().write(tmp_path / "h.xlsx")
    result = _invoke(str(source), "--out", str(tmp_path / "ut"), "--period", period)
    assert result.exit_code == 2
    assert "är ingen period" in result.output
    with pytest.raises(UsageProblem):
        check_period(period)


def test_cli_needs_out(tmp_path):
    result = _invoke(str(PlanBook().write(tmp_path / "h.xlsx")))
    assert result.exit_code == 2


def test_errors_in_the_huvuddokument_still_give_a_report_and_say_so(tmp_path):
    source = PlanBook(activities=[
        activity("1.1.1"), activity("1.1.1", Aktivitet="Dubblett"),
        activity("1.2.1", Fokusområde="okänt", Status="Lila"),
    ]).write(tmp_path / "h.xlsx")
    result = _invoke(str(source), "--out", str(tmp_path / "ut"), "--today", "2026-11-26")
    assert result.exit_code == 0, result.output
    assert "Obs! Huvuddokumentet har 3 fel" in result.stdout
    steering = tmp_path / "ut" / "styrgrupp" / "styrgruppsrapport-2026-T3.xlsx"
    rules, findings = tables(steering, "Valideringsresultat")
    assert rules.column("Allvarlighet")[:3] == ["fel", "fel", "fel"]
    assert findings.column("Allvarlighet")[:3] == ["fel", "fel", "fel"]
    assert {r["Regel"] for r in findings.records()[:3]} == {
        "Dubblerat ID", "Okänt område", "Ogiltig status"}
    names = openpyxl.load_workbook(steering, read_only=True).sheetnames
    assert names[-1] == "Utan fokusområde"
    assert table(steering, "Utan fokusområde").column("ID") == ["1.2.1"]


def test_without_a_snapshot_changes_is_one_sentence(tmp_path):
    source = PlanBook().write(tmp_path / "h.xlsx")
    result = write_reports(read_workbook(source), tmp_path / "ut", period="P", today=TODAY)
    assert tables(result.steering, "Förändringar i planen") == []
    text = sheet_text(result.steering, "Förändringar i planen")
    assert any(t.startswith("Det finns ingen tidigare ögonblicksbild") for t in text)


def test_empty_lists_are_sentences_not_empty_tables(tmp_path):
    source = PlanBook().write(tmp_path / "h.xlsx")
    result = write_reports(read_workbook(source), tmp_path / "ut", period="P", today=TODAY)
    for sheet, sentence in (("Att besluta", "Inga aktiviteter är gula eller röda."),
                            ("Förslag att besluta", "Inga aktiviteter väntar på beslut."),
                            ("Beslut att följa upp",
                             "Inga öppna beslut har passerat sitt datum i Följs upp."),
                            ("Försenade", "Inga aktiviteter är försenade.")):
        assert tables(result.steering, sheet) == []
        assert sentence in sheet_text(result.steering, sheet)
    # A focus area without activities still gets its workbook, with a sentence.
    summary = tables(result.focus_areas[1], "Sammanfattning")[0]
    assert summary.column("Insatsområde") == ["2.1"]


def test_an_empty_plan_gives_a_report_too(tmp_path):
    source = tmp_path / "tom.xlsx"
    init_plan(source)
    result = write_reports(read_workbook(source), tmp_path / "ut", period="P", today=TODAY)
    assert result.focus_areas == []
    assert "Det finns inga aktiviteter att räkna." in sheet_text(result.steering,
                                                                  "Sammanfattning")


def test_writing_again_replaces_the_files_and_leaves_no_temporary_files(tmp_path):
    source = PlanBook().write(tmp_path / "h.xlsx")
    loaded = read_workbook(source)
    first = write_reports(loaded, tmp_path / "ut", period="P", today=TODAY)
    second = write_reports(loaded, tmp_path / "ut", period="P", today=TODAY)
    assert first == second
    assert sorted(p.name for p in (tmp_path / "ut").rglob("*") if p.is_file()) == [
        "fokusomrade-1-P.xlsx", "fokusomrade-2-P.xlsx", "styrgruppsrapport-P.xlsx"]


def test_a_report_open_in_excel_is_reported_as_locked(tmp_path, monkeypatch):
    source = PlanBook().write(tmp_path / "h.xlsx")

    def refuse(_src, _dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(files.os, "replace", refuse)
    # Without an owner file nothing says Excel has it open: the sentence says what is known.
    with pytest.raises(WorkbookLocked, match="systemet nekade plan-sheets att skriva i mappen"):
        write_reports(read_workbook(source), tmp_path / "ut", period="P", today=TODAY)
    assert not list((tmp_path / "ut").rglob(".*.plan-sheets-*.tmp"))


@pytest.mark.parametrize(("number", "name", "expected"), [
    (1, "Ett företagsklimat som främjar utveckling, innovation och entreprenörskap",
     "FO1 Företagsklimat"),
    (2, "God tillgång på arbetskraft med relevant kompetens",
     "FO2 God tillgång på arbetskraft"),
    (4, "En enkel och kundfokuserad myndighetsutövning som möter företagens behov",
     "FO4 Enkel och kundfokuserad"),
    (5, "Aktivt arbete med att stärka bilden av Södertälje", "FO5 Aktivt arbete"),
    (6, "Turism: [besök]/evenemang*?", "FO6 Turism besök evenemang"),
    (7, "", "FO7"),
    (12, "Supercalifragilisticexpialidociousområdet", "FO12"),
])
def test_focus_area_sheet_names(number, name, expected):
    assert short_focus_name(number, name) == expected
    assert len(expected) <= 31


@pytest.mark.skipif(not parallel.can_fork(), reason="kan inte starta en egen process")
def test_a_large_plan_writes_the_focus_areas_beside_and_gets_the_same_files(tmp_path,
                                                                             monkeypatch):
    source = tmp_path / "h.xlsx"
    init_plan(source, example=True)
    loaded = read_workbook(source)
    alone = write_reports(loaded, tmp_path / "a", period="P", today=TODAY)
    monkeypatch.setattr(parallel, "FORK_FROM_BYTES", 0)
    beside = write_reports(loaded, tmp_path / "b", period="P", today=TODAY)
    for one, other in zip([alone.steering, *alone.focus_areas],
                          [beside.steering, *beside.focus_areas], strict=True):
        assert values(one) == values(other)


@pytest.mark.skipif(not parallel.can_fork(), reason="kan inte starta en egen process")
def test_a_failure_in_the_second_process_is_raised(tmp_path, monkeypatch):
    source = PlanBook().write(tmp_path / "h.xlsx")

    def fail(*_args):
        raise UsageProblem("fokusområdet gick inte att skriva")

    monkeypatch.setattr(parallel, "FORK_FROM_BYTES", 0)
    monkeypatch.setattr(report_module, "write_focus_area", fail)
    with pytest.raises(UsageProblem, match="gick inte att skriva"):
        write_reports(read_workbook(source), tmp_path / "ut", period="P", today=TODAY)
    assert (tmp_path / "ut" / "styrgrupp" / "styrgruppsrapport-P.xlsx").exists()


@pytest.mark.libreoffice
def test_libreoffice_prints_the_summary(tmp_path):
    source = tmp_path / "h.xlsx"
    init_plan(source, example=True)
    result = write_reports(read_workbook(source), tmp_path / "ut", period="2026-T3",
                           today=TODAY)
    pdf = libreoffice_convert(result.steering, "pdf", tmp_path / "pdf")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    # A page per sheet at least: the summary fits one, each list one or more.
    assert len(re.findall(rb"/Type\s*/Page[^s]", data)) >= 12


def test_the_garbage_collector_is_on_again_afterwards_even_after_a_failure(tmp_path):
    import gc

    source = PlanBook().write(tmp_path / "h.xlsx")
    write_reports(read_workbook(source), tmp_path / "ut", period="P", today=TODAY)
    assert gc.isenabled()
    with pytest.raises(UsageProblem):
        write_reports(read_workbook(source), tmp_path / "ut", period="a/b", today=TODAY)
    assert gc.isenabled()


@pytest.mark.parametrize(("text", "width", "lines"), [
    ("Företagsbesök politiker", 32, 1),
    # Measured in LibreOffice with Calibri's metrics: 36 letters do not fit in 32.
    ("Kartlägga samverkan med Campus Telge", 32, 2),
    ("Kartlägga samverkan med Campus Telge", 40, 1),
    ("rad ett\nrad två", 40, 2),
    ("Arbetsmarknadsförvaltningen", 12, 3),  # a word wider than the column is broken
    ("", 20, 1),
])
def test_row_heights_count_the_lines_wrapped_text_needs(text, width, lines):
    from plan_sheets.excel.textwidth import text_lines

    assert text_lines(text, width) == lines


def test_the_summary_says_each_count_in_the_right_number(tmp_path):
    # One counted activity (yellow and overdue) and one proposal: every noun singular.
    source = PlanBook(activities=[
        activity("1.1.1", Status="Gul", Slut=dt.date(2026, 6, 30),
                 **{"Orsak till avvikelse": "Sen start.", "Rekommenderad åtgärd": "Ny plan."}),
        activity("1.2.1", Beslutad=None, Läge="Planerad", Status=None),
    ]).write(tmp_path / "h.xlsx")
    result = _invoke(str(source), "--out", str(tmp_path / "ut"), "--today", "2026-11-26")
    assert result.exit_code == 0, result.output
    assert ("1 aktivitet: 1 avvikelse (gula eller röda), 1 försenad; 1 förslag väntar på "
            "beslut.") in result.stdout
    steering = tmp_path / "ut" / "styrgrupp" / "styrgruppsrapport-2026-T3.xlsx"
    assert "1 aktivitet: 0 gröna, 1 gul, 0 röda, 0 utan status; 1 förslag som väntar på " \
        "beslut" in " ".join(sheet_text(steering, short_focus_name(1, "Företagsklimat")))
    many = report_module.ReportResult(steering=steering, focus_areas=[], activities=2,
                                      deviations=2, overdue=2, not_decided=2, errors=1,
                                      warnings=1)
    assert many.summary()[1:] == [
        "2 aktiviteter: 2 avvikelser (gula eller röda), 2 försenade; 2 förslag väntar på beslut.",
        "Obs! Huvuddokumentet har 1 fel och 1 varning. Rapporten är skriven ändå; fliken "
        "Valideringsresultat visar vad som ska rättas."]
