"""`merge`, `run` and `demo` end to end: files in, files out, exit codes, nothing lost."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from builders import PlanBook, activity, libreoffice_convert, split_plan
from edits import edit, sheet_rows
from plan_sheets.cli import cli
from plan_sheets.cycle import copy_example
from plan_sheets.example.shipped import SHIPPED_DIR
from plan_sheets.workbook.reader import read_workbook

TODAY = "2026-11-26"


def invoke(*args):
    return CliRunner().invoke(cli, [*args])


@pytest.fixture
def folder(tmp_path):
    """A huvuddokument and its focus-area workbooks, split from it."""
    split_plan(tmp_path, "inkommande")
    return tmp_path


def test_merge_writes_the_changes_the_log_and_the_snapshot(folder):
    main = folder / "huvuddokument.xlsx"
    one = folder / "inkommande" / "fokusomrade-1.xlsx"
    edit(one, {"1.1.1": {"Status": "röd", "Orsak till avvikelse": "Sjukdom",
                         "Rekommenderad åtgärd": "Vikarie"}},
         new_rows=[{"Insatsområde": "1.2", "Aktivitet": "Mentorskap", "Ansvarig": "NLK",
                    "Mål": "M1", "Start": "2027", "Slut": "2027", "Läge": "Planerad"}])
    result = invoke("merge", str(main), str(one), "--period", "2026-T3", "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert "3 fält i 1 aktivitet ändras; 1 ny aktivitet." in result.output
    assert "Väntar på styrgruppens beslut: 1.2.2." in result.output
    plan = read_workbook(main).plan
    first = plan.activity("1.1.1")
    assert (first.raw["status"], first.cause, first.action) == ("Röd", "Sjukdom", "Vikarie")
    new = plan.activity("1.2.2")
    assert (new.title, new.row, new.focus_area) == ("Mentorskap", 6, 1)
    log = sheet_rows(main, "Ändringslogg")
    assert log[0][-1] == "Period"  # the period merged, on every row
    assert {row[-1] for row in log[1:]} == {"2026-T3"}
    assert [row[1:-1] for row in log[1:]] == [
        ["fokusomrade-1.xlsx", "1.1.1", "Status", "Grön", "Röd"],
        ["fokusomrade-1.xlsx", "1.1.1", "Orsak till avvikelse", "", "Sjukdom"],
        ["fokusomrade-1.xlsx", "1.1.1", "Rekommenderad åtgärd", "", "Vikarie"],
        ["fokusomrade-1.xlsx", "1.1.1", "Senast uppdaterad", dt.date(2026, 9, 1),
         dt.date(2026, 11, 26)],
        ["fokusomrade-1.xlsx", "1.2.2", "(ny aktivitet)", "", "Mentorskap"],
    ]
    assert new.updated == dt.date(2026, 11, 26)
    snapshot = [s for s in plan.history if s.period == "2026-T3"]
    assert sorted(s.activity_id for s in snapshot) == ["1.1.1", "1.1.2", "1.2.1", "1.2.2",
                                                        "2.1.1"]
    assert {s.date for s in snapshot} == {dt.date(2026, 11, 26)}
    assert list((folder / "arkiv").glob("huvuddokument-*.xlsx"))


def test_merging_the_same_files_twice_changes_nothing_the_second_time(folder):
    main = folder / "huvuddokument.xlsx"
    files = sorted(str(p) for p in (folder / "inkommande").glob("*.xlsx"))
    edit(Path(files[0]), {"1.1.1": {"Statuskommentar": "Allt väl"}},
         new_rows=[{"Insatsområde": "1.1", "Aktivitet": "Ny träff", "Ansvarig": "NLK"}])
    first = invoke("merge", str(main), *files, "--today", TODAY)
    assert first.exit_code == 0, first.output
    before = main.read_bytes()
    second = invoke("merge", str(main), *files, "--today", TODAY)
    assert second.exit_code == 0, second.output
    assert "Ingenting har ändrats" in second.output
    assert main.read_bytes() == before
    assert len(list((folder / "arkiv").glob("*.xlsx"))) == 1


def test_a_conflict_writes_nothing_and_exits_1(folder):
    main = folder / "huvuddokument.xlsx"
    wb = openpyxl.load_workbook(main)
    wb["Aktiviteter"]["L2"] = "Gul"
    wb.save(main)
    one = folder / "inkommande" / "fokusomrade-1.xlsx"
    edit(one, {"1.1.1": {"Status": "Röd"}})
    before = main.read_bytes()
    result = invoke("merge", str(main), str(one), "--today", TODAY)
    assert result.exit_code == 1
    out = result.output
    assert "Konflikter (1)" in out
    assert "huvuddokumentet Aktiviteter!L2: ”Gul”" in out
    assert "fokusomrade-1.xlsx Aktiviteter!L3: ”Röd”" in out
    assert "Ingenting skrevs." in out
    assert main.read_bytes() == before
    assert not (folder / "arkiv").exists()


def test_a_second_copy_of_a_workbook_that_differs_is_refused_and_nothing_written(folder):
    """Issue 13, finding 2: a copy of a group's workbook threw the group's updates away."""
    import shutil

    main = folder / "huvuddokument.xlsx"
    one = folder / "inkommande" / "fokusomrade-1.xlsx"
    copy = folder / "inkommande" / "fokusomrade-1 (1).xlsx"
    shutil.copy(one, copy)
    edit(one, {"1.1.1": {"Status": "Röd"}})
    before = main.read_bytes()
    result = invoke("merge", str(main), str(one), str(copy), "--today", TODAY)
    assert result.exit_code == 1, result.output
    assert ("ID 1.1.1 finns i både fokusomrade-1.xlsx och fokusomrade-1 (1).xlsx, med olika "
            "innehåll: Status ”Röd” i fokusomrade-1.xlsx, ”Grön” i fokusomrade-1 (1).xlsx."
            in result.output)
    assert "Ingenting skrevs." in result.output
    assert main.read_bytes() == before
    assert not (folder / "arkiv").exists()


def test_a_second_copy_alike_is_merged_once_and_said_so(folder):
    import shutil

    main = folder / "huvuddokument.xlsx"
    one = folder / "inkommande" / "fokusomrade-1.xlsx"
    edit(one, {"1.1.1": {"Status": "Röd", "Orsak till avvikelse": "Sjukdom",
                         "Rekommenderad åtgärd": "Vikarie"}})
    copy = folder / "inkommande" / "fokusomrade-1 (1).xlsx"
    shutil.copy(one, copy)
    result = invoke("merge", str(main), str(one), str(copy), "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert "3 fält i 1 aktivitet ändras" in result.output
    assert "Samma rad i två arbetsböcker: 3." in result.output
    assert ("ID 1.1.1 finns likadan i både fokusomrade-1.xlsx och fokusomrade-1 (1).xlsx; den "
            "förs in en gång, från fokusomrade-1.xlsx." in result.output)
    assert read_workbook(main).plan.activity("1.1.1").raw["status"] == "Röd"


def test_an_error_names_the_cell_of_the_file_it_came_from(folder):
    main = folder / "huvuddokument.xlsx"
    two = folder / "inkommande" / "fokusomrade-2.xlsx"
    edit(two, {"2.1.1": {"Status": "Lila"}})
    before = main.read_bytes()
    result = invoke("merge", str(main), str(two), "--today", TODAY)
    assert result.exit_code == 1
    assert "fokusomrade-2.xlsx Aktiviteter!L3 (2.1.1): Status ”Lila”" in result.output
    assert main.read_bytes() == before


def test_dry_run_shows_the_change_set_and_writes_nothing(folder):
    main = folder / "huvuddokument.xlsx"
    one = folder / "inkommande" / "fokusomrade-1.xlsx"
    edit(one, {"1.1.2": {"Ansvarig": "Kommunikationsavdelningen"}})
    before = main.read_bytes()
    result = invoke("merge", str(main), str(one), "--dry-run", "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert "1.1.2 Ansvarig: ”Näringslivskontoret” → ”Kommunikationsavdelningen”" in result.output
    assert "Provkörning" in result.output
    assert main.read_bytes() == before


def test_owner_files_are_skipped(folder):
    main = folder / "huvuddokument.xlsx"
    owner = folder / "inkommande" / "~$fokusomrade-1.xlsx"
    owner.write_bytes(b"\x04Anna" + b" " * 50)
    one = folder / "inkommande" / "fokusomrade-1.xlsx"
    result = invoke("merge", str(main), str(owner), str(one), "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert "Hoppar över ~$fokusomrade-1.xlsx" in result.output


def test_merge_refuses_while_the_huvuddokument_is_open_in_excel(folder):
    main = folder / "huvuddokument.xlsx"
    one = folder / "inkommande" / "fokusomrade-1.xlsx"
    edit(one, {"1.1.1": {"Status": "Gul", "Orsak till avvikelse": "x",
                         "Rekommenderad åtgärd": "y"}})
    name = b"Anna Andersson"
    (folder / "~$huvuddokument.xlsx").write_bytes(bytes([len(name)]) + name + b" " * 40)
    before = main.read_bytes()
    result = invoke("merge", str(main), str(one), "--today", TODAY)
    assert result.exit_code == 2
    assert "Anna Andersson" in result.output
    assert main.read_bytes() == before


@pytest.mark.e2e
def test_run_merges_the_incoming_folder_and_reports(folder, tmp_path):
    edit(folder / "inkommande" / "fokusomrade-2.xlsx", {"2.1.1": {"Statuskommentar": "Bra"}})
    result = invoke("run", "--workbooks", str(folder), "--out", str(tmp_path / "ut"),
                    "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert read_workbook(folder / "huvuddokument.xlsx").plan.activity("2.1.1").status_comment \
        == "Bra"
    assert (tmp_path / "ut" / "valideringsresultat.xlsx").exists()


def test_run_on_a_huvuddokument_with_errors_reports_but_writes_no_annual_report(tmp_path):
    book = PlanBook()
    book.activities.append(activity("1.1.2", Mål="M99"))
    main = book.write(tmp_path / "huvuddokument.xlsx")
    before = main.read_bytes()
    out = tmp_path / "ut"
    result = invoke("run", "--workbooks", str(tmp_path), "--out", str(out), "--today", TODAY)
    assert result.exit_code == 1, result.output
    assert ("Webbplatsen och årsrapporten skrevs inte: huvuddokument.xlsx har 1 fel. "
            "Rätta felet") in result.output
    assert (out / "styrgrupp" / "styrgruppsrapport-2026-T3.xlsx").exists()
    assert (out / "valideringsresultat.xlsx").exists()
    assert not (out / "arsrapport-2026").exists()
    assert not (out / "webb").exists()
    assert main.read_bytes() == before


def test_run_reports_on_the_period_of_the_huvuddokuments_periodindelning(tmp_path):
    """`run` takes its default period from Inställningar, as merge does, not a tertial."""
    book = PlanBook(staff_sheets={"Inställningar": [["Inställning", "Värde"],
                                                     ["Periodindelning", "Kvartal"]]})
    book.activities.append(activity("1.1.2", Mål="M99"))  # an error: no annual report
    main = book.write(tmp_path / "huvuddokument.xlsx")
    out = tmp_path / "ut"
    result = invoke("run", "--workbooks", str(tmp_path), "--out", str(out), "--today", TODAY)
    assert result.exit_code == 1, result.output
    assert [p.name for p in (out / "styrgrupp").glob("*.xlsx")] == [
        "styrgruppsrapport-2026-K4.xlsx"]
    invoke("split", str(main), "--out", str(tmp_path / "inkommande"))
    result = invoke("run", "--workbooks", str(tmp_path), "--out", str(out), "--today",
                    "2026-10-05")
    assert "(period 2026-K3)" in result.output  # a quarter's first weeks: the one ended


@pytest.mark.e2e
def test_run_with_its_defaults_works_in_the_current_folder_only(tmp_path, monkeypatch):
    # A folder laid out as the repository was: the example in workbooks/. `run` with
    # its defaults must not merge into it (issue 13, item 6).
    tracked = tmp_path / "workbooks"
    copy_example(tracked)
    before = {p: p.read_bytes() for p in tracked.rglob("*") if p.is_file()}
    monkeypatch.chdir(tmp_path)
    refused = invoke("run", "--today", TODAY)
    assert refused.exit_code == 2, refused.output
    assert "huvuddokument.xlsx finns inte" in refused.output
    assert "plan-sheets demo" in refused.output
    assert {p: p.read_bytes() for p in tracked.rglob("*") if p.is_file()} == before
    monkeypatch.chdir(tracked)
    result = invoke("run", "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert (tracked / "rapporter" / "styrgrupp" / "styrgruppsrapport-2026-T3.xlsx").is_file()
    assert (tracked / "rapporter" / "valideringsresultat.xlsx").is_file()
    assert (tracked / "arkiv").is_dir()


def test_run_refuses_the_shipped_example_itself(monkeypatch):
    before = {p: p.read_bytes() for p in SHIPPED_DIR.rglob("*.xlsx")}
    monkeypatch.chdir(SHIPPED_DIR)
    result = invoke("run", "--out", "/nonexistent/never", "--today", TODAY)
    assert result.exit_code == 2, result.output
    assert "exemplet som följer med plan-sheets" in result.output
    assert {p: p.read_bytes() for p in SHIPPED_DIR.rglob("*.xlsx")} == before
    assert not (SHIPPED_DIR / "arkiv").exists()


@pytest.mark.e2e
def test_demo_runs_the_cycle_and_leaves_the_shipped_files_alone(tmp_path):
    shipped = SHIPPED_DIR
    before = {p: p.read_bytes() for p in shipped.rglob("*.xlsx")}
    result = invoke("demo", "--out", str(tmp_path / "demo"), "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert "ny aktivitet" in result.output
    demo_main = read_workbook(tmp_path / "demo" / "huvuddokument.xlsx")
    assert len(demo_main.plan.activities) == 61
    assert demo_main.plan.activity("3.2.2").phase.value == "Genomförd"
    assert {p: p.read_bytes() for p in shipped.rglob("*.xlsx")} == before
    again = invoke("demo", "--out", str(tmp_path / "demo"), "--today", TODAY)
    assert again.exit_code == 0, again.output


@pytest.mark.libreoffice
def test_hand_made_workbook_through_split_libreoffice_and_merge(tmp_path):
    """Title row, shuffled headers, staff columns, a comment, a hidden row and a staff sheet
    with formulas, all saved by LibreOffice: everything the staff made is still there."""
    from openpyxl.comments import Comment

    headers = ["Aktivitet", "ID", "Status", "Insatsområde", "Ansvarig", "Mål", "Budget",
               "Läge", "Start", "Slut", "Beslutad", "Orsak till avvikelse",
               "Rekommenderad åtgärd", "Statuskommentar"]
    book = PlanBook(activity_headers=headers, title_rows=[["Uppföljning 2026"], []],
                    hidden_rows=(5,))
    for a in book.activities:
        a["Budget"] = 100
    path = book.write(tmp_path / "original.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["Aktiviteter"]["A4"].comment = Comment("Kolla med Eva", "Processledaren")
    staff = wb.create_sheet("Budget")
    staff.append(["Post", "Belopp"])
    staff.append(["Evenemang", 100])
    staff.append(["Summa", "=SUM(B2:B2)"])
    wb.save(path)
    main = libreoffice_convert(path, "xlsx", tmp_path / "lo")  # as a person's program saves it
    main = main.rename(tmp_path / "huvuddokument.xlsx")
    with zipfile.ZipFile(main) as z:
        untouched = {n: z.read(n) for n in z.namelist() if "comments" in n or
                     n == "xl/worksheets/sheet6.xml"}

    assert invoke("split", str(main), "--out", str(tmp_path / "ut")).exit_code == 0
    group = tmp_path / "ut" / "fokusomrade-1.xlsx"
    edit(group, {"1.1.1": {"Status": "gul", "Orsak till avvikelse": "Sen", "Budget": 150,
                           "Rekommenderad åtgärd": "Ny plan"}})
    group = libreoffice_convert(group, "xlsx", tmp_path / "lo-grupp")

    result = invoke("merge", str(main), str(group), "--today", TODAY, "--period", "2026-T3")
    assert result.exit_code == 0, result.output
    plan = read_workbook(main).plan
    a = plan.activity("1.1.1")
    assert (a.raw["status"], a.cause, a.action, a.extra["Budget"]) == ("Gul", "Sen", "Ny plan",
                                                                        150)
    wb = openpyxl.load_workbook(main)
    ws = wb["Aktiviteter"]
    assert ws["A4"].comment is not None and "Kolla med Eva" in ws["A4"].comment.text
    assert ws.row_dimensions[5].hidden
    assert wb["Budget"]["B3"].value == "=SUM(B2:B2)"
    with zipfile.ZipFile(main) as z:
        for name, data in untouched.items():
            assert z.read(name) == data, name
    log = sheet_rows(main, "Ändringslogg")
    assert {row[3] for row in log[1:]} == {"Status", "Orsak till avvikelse",
                                           "Rekommenderad åtgärd", "Budget"}
    assert {s.activity_id for s in plan.history if s.period == "2026-T3"} == \
        {"1.1.1", "1.2.1", "2.1.1"}


def test_prefer_settles_conflicts_either_way(folder, tmp_path):
    main = folder / "huvuddokument.xlsx"
    wb = openpyxl.load_workbook(main)
    wb["Aktiviteter"]["L2"] = "Gul"
    wb["Aktiviteter"]["N2"] = "Sjuk"
    wb["Aktiviteter"]["O2"] = "Vänta"
    wb.save(main)
    one = folder / "inkommande" / "fokusomrade-1.xlsx"
    edit(one, {"1.1.1": {"Status": "Röd", "Orsak till avvikelse": "Budget",
                         "Rekommenderad åtgärd": "Ny budget"}})
    copy = tmp_path / "kopia.xlsx"
    copy.write_bytes(main.read_bytes())
    kept = invoke("merge", str(main), str(one), "--prefer", "main", "--today", TODAY)
    assert kept.exit_code == 0, kept.output
    assert "Konflikter lösta med huvuddokumentets värden (3)" in kept.output
    plan = read_workbook(main).plan
    assert (plan.activity("1.1.1").raw["status"], plan.activity("1.1.1").cause) == ("Gul", "Sjuk")
    taken = invoke("merge", str(copy), str(one), "--prefer", "group", "--today", TODAY)
    assert taken.exit_code == 0, taken.output
    plan = read_workbook(copy).plan
    assert (plan.activity("1.1.1").raw["status"], plan.activity("1.1.1").cause,
            plan.activity("1.1.1").action) == ("Röd", "Budget", "Ny budget")
    log = sheet_rows(copy, "Ändringslogg")
    assert ["fokusomrade-1.xlsx", "1.1.1", "Status", "Gul", "Röd"] in [r[1:-1] for r in log]


def _filter_end(ws) -> int:
    import re

    return int(re.search(r"(\d+)$", ws.auto_filter.ref).group(1))


def test_merge_dates_the_rows_it_changes_and_its_logs_filters_cover_every_row(tmp_path):
    """Issue 13, finding 9: Senast uppdaterad stayed as it was, and the Ändringslogg's
    filter stayed on its first rows."""
    main = tmp_path / "h.xlsx"
    assert invoke("init", "--example", str(main)).exit_code == 0
    assert invoke("split", str(main), "--out", str(tmp_path / "u")).exit_code == 0
    one = tmp_path / "u" / "fokusomrade-1.xlsx"
    before = read_workbook(main).plan
    rounds = [({"1.1.1": {"Status": "Röd", "Orsak till avvikelse": "Sjukdom",
                          "Rekommenderad åtgärd": "Vikarie"}}, "2026-11-26"),
              ({"1.1.2": {"Statuskommentar": "Klart snart"}}, "2026-11-27")]
    for changes, today in rounds:
        edit(one, changes)
        result = invoke("merge", str(main), str(one), "--today", today)
        assert result.exit_code == 0, result.output
        assert "Senast uppdaterad blir dagens datum" in result.output
        wb = openpyxl.load_workbook(main)
        for sheet in ("Ändringslogg", "Statushistorik"):
            assert _filter_end(wb[sheet]) == len(sheet_rows(main, sheet)), sheet
    plan = read_workbook(main).plan
    assert plan.activity("1.1.1").updated == dt.date(2026, 11, 26)
    assert plan.activity("1.1.2").updated == dt.date(2026, 11, 27)
    assert plan.activity("1.1.3").updated == before.activity("1.1.3").updated  # untouched
    # (The second round replaced 2026-T3's snapshot: its log rows have Källa Statushistorik.)
    log = [row[1:-1] for row in sheet_rows(main, "Ändringslogg")[2:]
           if row[1] != "Statushistorik"]
    assert log[3] == ["fokusomrade-1.xlsx", "1.1.1", "Senast uppdaterad",
                      before.activity("1.1.1").updated, dt.date(2026, 11, 26)]
    assert log[5] == ["fokusomrade-1.xlsx", "1.1.2", "Senast uppdaterad",
                      before.activity("1.1.2").updated, dt.date(2026, 11, 27)]
    assert len(log) == 6
