"""`split`: a workbook per focus area, with a base that survives Excel and LibreOffice."""

from __future__ import annotations

import openpyxl
import pytest
from click.testing import CliRunner

from builders import PlanBook, activity, libreoffice_convert
from plan_sheets.cli import cli
from plan_sheets.workbook.reader import read_workbook
from plan_sheets.workbook.schema import BASE_SHEET, PROTECTED_FILL


@pytest.fixture
def main_book(tmp_path):
    book = PlanBook(activity_headers=[*PlanBook().activity_headers, "Budget", "Handläggare"])
    book.activities[0].update(Budget=100, Handläggare="Eva Ek")
    book.activities.append(activity("1.1.2", Status="gul", **{"Orsak till avvikelse": "x",
                                                               "Rekommenderad åtgärd": "y"}))
    return book.write(tmp_path / "huvuddokument.xlsx")


def run_split(main, out):
    result = CliRunner().invoke(cli, ["split", str(main), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return result


def test_one_workbook_per_focus_area_with_its_activities(main_book, tmp_path):
    result = run_split(main_book, tmp_path / "ut")
    assert "Skrev 2 arbetsböcker" in result.output
    one = read_workbook(tmp_path / "ut" / "fokusomrade-1.xlsx")
    two = read_workbook(tmp_path / "ut" / "fokusomrade-2.xlsx")
    assert one.kind == two.kind == "group"
    assert [a.id for a in one.plan.activities] == ["1.1.1", "1.1.2", "1.2.1"]
    assert [a.id for a in two.plan.activities] == ["2.1.1"]
    first = one.plan.activity("1.1.1")
    assert first.extra == {"Budget": 100, "Handläggare": "Eva Ek"}
    assert one.plan.activity("1.1.2").raw["status"] == "gul"  # as the huvuddokument has it
    assert [a.id for a in one.plan.intervention_areas] == ["1.1", "1.2"]
    assert [g.id for g in one.plan.goals] == ["M1", "M2"]


def test_today_dates_the_workbooks_it_writes(main_book, tmp_path):
    """--today dates what a command writes: the group workbooks' creation date, the period
    they assess and the reply-by date of the drafts."""
    import datetime as dt

    result = CliRunner().invoke(cli, ["split", str(main_book), "--out", str(tmp_path / "a"),
                                      "--today", "2026-05-02"])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(tmp_path / "a" / "fokusomrade-1.xlsx")
    assert book.properties.created.date() == dt.date(2026, 5, 2)
    assessed = [r[0] for r in book["Bedömningar"].iter_rows(min_row=3, values_only=True)]
    assert "2026-T2" in assessed, assessed


def test_the_base_holds_the_rows_the_source_and_its_fingerprint(main_book, tmp_path):
    run_split(main_book, tmp_path / "ut")
    group = read_workbook(tmp_path / "ut" / "fokusomrade-1.xlsx")
    base = group.base
    assert base is not None
    assert (base.source, base.focus_area) == ("huvuddokument.xlsx", 1)
    assert base.fingerprint == read_workbook(main_book).fingerprint
    assert sorted(base.rows) == ["1.1.1", "1.1.2", "1.2.1"]
    assert base.rows["1.1.1"].values["status"] == "Grön"
    assert base.rows["1.1.1"].extra["Budget"] == 100
    wb = openpyxl.load_workbook(tmp_path / "ut" / "fokusomrade-1.xlsx")
    assert wb[BASE_SHEET].sheet_state == "veryHidden"


def test_dropdowns_id_column_and_instructions(main_book, tmp_path):
    run_split(main_book, tmp_path / "ut")
    wb = openpyxl.load_workbook(tmp_path / "ut" / "fokusomrade-1.xlsx")
    ws = wb["Aktiviteter"]
    lists = {dv.formula1 for dv in ws.data_validations.dataValidation}
    assert '"1.1,1.2"' in lists  # only this focus area's intervention areas
    assert '"Grön,Gul,Röd"' in lists
    assert ws["A3"].fill.fgColor.rgb.endswith(PROTECTED_FILL.lstrip("#"))
    assert "Ändra inte" in ws["A2"].comment.text
    text = "\n".join(str(c.value) for c in wb["Instruktioner"]["A"] if c.value)
    assert "lämna ID tomt" in text and "Bas" in text


@pytest.mark.libreoffice
def test_the_base_survives_a_libreoffice_save(main_book, tmp_path):
    run_split(main_book, tmp_path / "ut")
    resaved = libreoffice_convert(tmp_path / "ut" / "fokusomrade-1.xlsx", "xlsx", tmp_path / "lo")
    before = read_workbook(tmp_path / "ut" / "fokusomrade-1.xlsx").base
    after = read_workbook(resaved).base
    assert after is not None
    assert after.rows == before.rows
    assert after.fingerprint == before.fingerprint


def test_split_refuses_duplicate_ids(tmp_path):
    book = PlanBook()
    book.activities.append(activity("1.1.1", Aktivitet="Dubblett"))
    path = book.write(tmp_path / "huvuddokument.xlsx")
    result = CliRunner().invoke(cli, ["split", str(path), "--out", str(tmp_path / "ut")])
    assert result.exit_code == 1
    assert "unika ID" in result.output and "Aktiviteter!A5" in result.output
    assert not (tmp_path / "ut" / "fokusomrade-1.xlsx").exists()


def test_split_of_a_missing_file_exits_2(tmp_path):
    result = CliRunner().invoke(cli, ["split", str(tmp_path / "nej.xlsx"), "--out",
                                      str(tmp_path / "ut")])
    assert result.exit_code == 2
    assert "finns inte" in result.output


def test_split_refuses_to_overwrite_a_workbook_edited_since_it_wrote_it(main_book, tmp_path):
    """Issue 13, finding 5: a second split silently overwrote a group's edits."""
    out = tmp_path / "ut"
    run_split(main_book, out)
    run_split(main_book, out)  # untouched: written again
    one, two = out / "fokusomrade-1.xlsx", out / "fokusomrade-2.xlsx"
    wb = openpyxl.load_workbook(one)
    wb["Aktiviteter"]["L4"] = "Röd"
    wb.save(one)
    before = {path: path.read_bytes() for path in (one, two)}
    result = CliRunner().invoke(cli, ["split", str(main_book), "--out", str(out)])
    assert result.exit_code == 1, result.output
    assert f"{one}: ändrad efter att plan-sheets skrev den" in result.output
    assert "(1.1.2)" in result.output and "--force" in result.output
    assert str(two) not in result.output
    assert {path: path.read_bytes() for path in (one, two)} == before  # nothing written
    result = CliRunner().invoke(cli, ["split", str(main_book), "--out", str(out), "--force"])
    assert result.exit_code == 0, result.output
    assert read_workbook(one).plan.activity("1.1.2").raw["status"] == "gul"


def test_split_refuses_to_overwrite_a_file_it_did_not_write(main_book, tmp_path):
    out = tmp_path / "ut"
    out.mkdir()
    PlanBook().write(out / "fokusomrade-2.xlsx")  # a hand-made workbook by that name
    result = CliRunner().invoke(cli, ["split", str(main_book), "--out", str(out)])
    assert result.exit_code == 1, result.output
    assert "fokusomrade-2.xlsx: den är inte skriven av plan-sheets split" in result.output
    assert not (out / "fokusomrade-1.xlsx").exists()


@pytest.mark.libreoffice
def test_split_overwrites_its_own_workbook_saved_untouched_in_libreoffice(main_book, tmp_path):
    out = tmp_path / "ut"
    run_split(main_book, out)
    resaved = libreoffice_convert(out / "fokusomrade-1.xlsx", "xlsx", tmp_path / "lo")
    resaved.replace(out / "fokusomrade-1.xlsx")
    run_split(main_book, out)
