"""`plan-sheets arsskifte`: issue 21, finding 6 (nothing existed for the turn of the year).

A completed activity stays counted year after year, unless the year is closed: then it moves
to Avslutade (nothing deleted), the year is archived, the unfinished are carried over, those
whose Slut passed are asked about at the next year's first meeting."""

from __future__ import annotations

import datetime as dt
import hashlib

import openpyxl
import python_calamine
from click.testing import CliRunner

from builders import PlanBook, activity
from plan_sheets.annual.figures import annual_figures
from plan_sheets.cli import cli
from plan_sheets.rules.validate import validate
from plan_sheets.workbook.reader import read_workbook
from plan_sheets.workbook.schema import STATUS_HISTORY

TURN = "2027-01-10"


def snapshot(period, day, aid, phase, status):
    return [day, period, aid, phase, status]


def plan_book(*, last_period=True) -> PlanBook:
    """Five activities at the end of 2026: one completed and one cancelled (both so in T3's
    snapshot), one overdue, one on track, one completed after the last merge."""
    acts = [
        activity("1.1.1", Läge="Genomförd", Slut=dt.date(2026, 5, 31)),
        activity("1.1.2", Läge="Avbruten", Status=None),
        activity("1.2.1", Mål="M2", Slut=dt.date(2026, 6, 30), Status="Gul",
                 **{"Orsak till avvikelse": "Vakans", "Rekommenderad åtgärd": "Rekrytera"}),
        activity("1.2.2", Mål="M2", Läge="Genomförd"),
        activity("2.1.1"),
    ]
    history = [STATUS_HISTORY.headers[:5]]
    for period, day in (("2026-T2", dt.date(2026, 8, 28)), ("2026-T3", dt.date(2026, 12, 15))):
        if period == "2026-T3" and not last_period:
            continue
        for a in acts:
            phase = a["Läge"] if a["ID"] != "1.2.2" else "Pågående"
            if period == "2026-T2" and a["ID"] == "1.1.2":
                phase = "Pågående"
            history.append(snapshot(period, day, a["ID"], phase, a["Status"]))
    return PlanBook(activities=acts, staff_sheets={"Statushistorik": history})


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def rows_of(path, sheet):
    return python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name(
        sheet).to_python()


def run(*args):
    return CliRunner().invoke(cli, [*map(str, args)])


def test_without_the_last_periods_snapshot_nothing_is_written(tmp_path):
    main = plan_book(last_period=False).write(tmp_path / "huvuddokument.xlsx")
    before = digest(main)
    result = run("arsskifte", main, "--year", 2026, "--today", TURN)
    assert result.exit_code == 1, result.output
    assert "ingen ögonblicksbild för årets sista period (2026-T3" in result.output
    assert "--period 2026-T3" in result.output
    assert digest(main) == before and not (tmp_path / "arkiv").exists()


def test_a_dry_run_says_what_would_happen_and_writes_nothing(tmp_path):
    main = plan_book().write(tmp_path / "huvuddokument.xlsx")
    before = digest(main)
    result = run("arsskifte", main, "--year", 2026, "--today", TURN, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "Avslutade: 2 aktiviteter (1 genomförd, 1 avbruten)" in result.output
    assert "Provkörning (--dry-run): ingenting skrevs" in result.output
    assert digest(main) == before and not (tmp_path / "arkiv").exists()


def test_the_turn_moves_the_closed_carries_the_rest_and_archives_the_year(tmp_path):
    main = plan_book().write(tmp_path / "huvuddokument.xlsx")
    original = main.read_bytes()
    plan_before = read_workbook(main).plan
    result = run("arsskifte", main, "--year", 2026, "--today", TURN)
    assert result.exit_code == 0, result.output
    assert "Avslutade: 2 aktiviteter (1 genomförd, 1 avbruten) flyttas" in result.output
    assert "Förs över till 2027: 3 aktiviteter, oförändrade." in result.output
    assert "1 aktivitet vars Slut har passerat (1.2.1)" in result.output
    archive = tmp_path / "arkiv" / "huvuddokument-2026.xlsx"
    assert f"Hela 2026 som det ser ut nu finns i {archive}" in result.output
    assert archive.read_bytes() == original

    plan = read_workbook(main).plan
    assert [a.id for a in plan.activities] == ["1.2.1", "1.2.2", "2.1.1"]
    # Carried over unchanged, cell for cell.
    for a in plan.activities:
        assert a.raw == plan_before.activity(a.id).raw
    assert [(a.id, a.title, a.phase.value, a.raw["closed_year"]) for a in plan.closed] == [
        ("1.1.1", "Aktivitet 1.1.1", "Genomförd", 2026),
        ("1.1.2", "Aktivitet 1.1.2", "Avbruten", 2026)]
    avslutade = rows_of(main, "Avslutade")
    assert avslutade[0][-1] == "Avslutad år" and avslutade[0][0] == "ID"
    ws = openpyxl.load_workbook(main)["Avslutade"]
    assert ws.auto_filter.ref == f"A1:{ws.cell(1, ws.max_column).column_letter}3"
    # The new year's opening snapshot, of the carried activities.
    opening = [s for s in plan.history if s.period == "Utgångsläge 2027"]
    assert sorted(s.activity_id for s in opening) == ["1.2.1", "1.2.2", "2.1.1"]
    assert {s.date for s in opening} == {dt.date(2027, 1, 10)}
    log = [row[1:5] for row in rows_of(main, "Ändringslogg")[1:]]
    assert ["arsskifte", "1.1.1", "(flyttad till Avslutade)", "Genomförd"] in log
    # The plan stays valid; the closed IDs stay taken.
    findings = validate(read_workbook(main), today=dt.date(2027, 1, 10))
    assert not [f for f in findings if f.severity.value == "error"]


def test_the_years_annual_figures_are_the_same_before_and_after_the_turn(tmp_path):
    main = plan_book().write(tmp_path / "huvuddokument.xlsx")
    today = dt.date(2027, 1, 12)
    before = annual_figures(read_workbook(main).plan, year=2026, today=today)
    assert run("arsskifte", main, "--year", 2026, "--today", TURN).exit_code == 0
    after = annual_figures(read_workbook(main).plan, year=2026, today=today)
    assert after.key == before.key
    assert after.by_focus.equals(before.by_focus)
    assert [a.id for a in after.completed] == [a.id for a in before.completed]
    assert [a.title for a in after.plan.activities] == [a.title for a in before.plan.activities]


def test_2027_no_longer_counts_the_closed_and_asks_about_the_overdue(tmp_path):
    main = plan_book().write(tmp_path / "huvuddokument.xlsx")
    assert run("arsskifte", main, "--year", 2026, "--today", TURN).exit_code == 0
    out = tmp_path / "rapporter"
    result = run("report", main, "--out", out, "--period", "2027-T1", "--today", "2027-02-01")
    assert result.exit_code == 0, result.output
    assert "Räknar 3 aktiviteter" in result.output
    rows = [[v for v in r if v not in ("", None)]
            for r in rows_of(out / "styrgrupp" / "styrgruppsrapport-2027-T1.xlsx",
                                 "Vid årsskiftet")]
    assert rows[0] == ["Vid årsskiftet – styrgruppen 2027-T1"]
    header = next(i for i, r in enumerate(rows) if r[:1] == ["ID"])
    assert rows[header + 1][0] == "1.2.1"
    assert rows[header + 1][-1] == "Besluta om ny tidplan, att avsluta eller att avbryta"
    assert len(rows) == header + 2
    annual = annual_figures(read_workbook(main).plan, year=2027, today=dt.date(2027, 2, 1))
    assert annual.key.total == 3 and annual.key.completed == 1  # 1.2.2, completed in January


def test_an_activity_in_aktiviteter_may_not_reuse_a_closed_id(tmp_path):
    main = plan_book().write(tmp_path / "huvuddokument.xlsx")
    assert run("arsskifte", main, "--year", 2026, "--today", TURN).exit_code == 0
    wb = openpyxl.load_workbook(main)
    ws = wb["Aktiviteter"]
    ws.cell(ws.max_row + 1, 1, "1.1.1")
    ws.cell(ws.max_row, 3, "1.1")
    ws.cell(ws.max_row, 4, "Återanvänd")
    wb.save(main)
    result = run("validate", main, "--today", "2027-02-01")
    assert result.exit_code == 1, result.output
    assert "ID ”1.1.1” finns också på rad 2 i fliken Avslutade." in result.output


def test_a_new_activity_never_gets_a_closed_activitys_id(tmp_path):
    main = plan_book().write(tmp_path / "huvuddokument.xlsx")
    assert run("arsskifte", main, "--year", 2026, "--today", TURN).exit_code == 0
    assert run("split", main, "--out", tmp_path / "ut", "--period", "2027-T1").exit_code == 0
    group = tmp_path / "ut" / "fokusomrade-1.xlsx"
    wb = openpyxl.load_workbook(group)
    ws = wb["Aktiviteter"]
    headers = [c.value for c in ws[2]]
    row = ws.max_row + 1
    for header, value in {"Insatsområde": "1.1", "Aktivitet": "Ny mötesplats",
                          "Ansvarig": "NLK", "Mål": "M1", "Läge": "Planerad"}.items():
        ws.cell(row, headers.index(header) + 1, value)
    wb.save(group)
    result = run("merge", main, group, "--period", "2027-T1", "--today", "2027-03-01")
    assert result.exit_code == 0, result.output
    assert "Väntar på styrgruppens beslut: 1.1.3." in result.output


def test_a_workbook_split_before_the_turn_does_not_bring_back_a_closed_activity(tmp_path):
    main = plan_book().write(tmp_path / "huvuddokument.xlsx")
    assert run("split", main, "--out", tmp_path / "ut", "--period", "2026-T3").exit_code == 0
    assert run("arsskifte", main, "--year", 2026, "--today", TURN).exit_code == 0
    result = run("merge", main, tmp_path / "ut" / "fokusomrade-1.xlsx", "--period", "2027-T1",
                 "--today", "2027-03-01")
    assert result.exit_code == 0, result.output
    assert ("Aktivitet ”1.1.1” i fokusomrade-1.xlsx avslutades vid ett årsskifte och står i "
            "fliken Avslutade. Raden förs inte in.") in result.output
    assert [a.id for a in read_workbook(main).plan.activities] == ["1.2.1", "1.2.2", "2.1.1"]


def test_a_closed_year_refuses_a_merge_until_it_is_reopened(tmp_path):
    main = plan_book().write(tmp_path / "huvuddokument.xlsx")
    assert run("split", main, "--out", tmp_path / "ut", "--period", "2026-T3").exit_code == 0
    assert run("arsskifte", main, "--year", 2026, "--today", TURN).exit_code == 0
    settings = {row[0]: row[1] for row in rows_of(main, "Inställningar")}
    assert settings["Stängda år"] == "2026"
    group = tmp_path / "ut" / "fokusomrade-2.xlsx"
    before = digest(main)
    result = run("merge", main, group, "--period", "2026-T3", "--today", "2027-01-20")
    assert result.exit_code == 1, result.output
    assert "2026 är stängt" in result.output and "--oppna" in result.output
    assert digest(main) == before
    result = run("arsskifte", main, "--year", 2026, "--today", "2027-01-20")
    assert result.exit_code == 1 and "2026 är redan stängt" in result.output
    # Reopened, the late file goes in; closed again, the year is closed once more.
    result = run("arsskifte", main, "--year", 2026, "--oppna", "--today", "2027-01-20")
    assert result.exit_code == 0, result.output
    assert "2026 är öppnat igen" in result.output
    assert read_workbook(main).plan.closed_years == ()
    result = run("merge", main, group, "--period", "2026-T3", "--today", "2027-01-20")
    assert result.exit_code == 0, result.output
    result = run("arsskifte", main, "--year", 2026, "--today", "2027-01-21")
    assert result.exit_code == 0, result.output
    assert read_workbook(main).plan.closed_years == (2026,)
    log = [row[1:6] for row in rows_of(main, "Ändringslogg")[1:]]
    assert ["arsskifte", "", "Inställningar: Stängda år", "2026", ""] in log


def test_a_year_closed_before_its_end_keeps_its_annual_figures(tmp_path):
    main = plan_book().write(tmp_path / "huvuddokument.xlsx")
    day = dt.date(2026, 12, 20)
    before = annual_figures(read_workbook(main).plan, year=2026, today=dt.date(2027, 1, 1))
    assert run("arsskifte", main, "--year", 2026, "--today", day.isoformat()).exit_code == 0
    after = annual_figures(read_workbook(main).plan, year=2026, today=dt.date(2026, 12, 21))
    assert after.key == before.key
    assert [a.id for a in after.completed] == [a.id for a in before.completed]


def _kept(snaps):
    """Snapshots as their values (not where they are)."""
    return sorted((s.date, s.period, s.activity_id, s.phase, s.status, s.status_comment)
                  for s in snaps)


def test_the_closed_years_snapshots_move_to_a_sheet_of_their_own(tmp_path):
    """Statushistorik keeps only the years still open, so that a merge years on reads and
    rewrites no more than the first year's did; every report still reads every year."""
    main = plan_book().write(tmp_path / "huvuddokument.xlsx")
    before = read_workbook(main).plan.history
    result = run("arsskifte", main, "--year", 2026, "--today", TURN)
    assert result.exit_code == 0, result.output
    assert ("Statushistoriken för 2026 (10 rader) flyttades till fliken Statushistorik 2026"
            in result.output)
    kept = rows_of(main, "Statushistorik 2026")
    assert kept[0][:5] == ["Datum", "Period", "ID", "Läge", "Status"]
    assert [(r[1], r[2], r[3]) for r in kept[1:]][:3] == [
        ("2026-T2", "1.1.1", "Genomförd"), ("2026-T2", "1.1.2", "Pågående"),
        ("2026-T2", "1.2.1", "Pågående")]
    assert len(kept) == 11
    left = rows_of(main, "Statushistorik")
    assert {r[1] for r in left[1:] if any(r)} == {"Utgångsläge 2027"}
    plan = read_workbook(main).plan
    opening = [s for s in plan.history if s.period == "Utgångsläge 2027"]
    assert _kept(s for s in plan.history if s not in opening) == _kept(before)
    assert {s.sheet for s in plan.history if s not in opening} == {"Statushistorik 2026"}
    log = [row[1:6] for row in rows_of(main, "Ändringslogg")[1:]]
    assert ["arsskifte", "", "(flyttade till Statushistorik 2026)", "", "10 rader"] in log
    # Merge reads no closed year's sheet: only the period it records.
    only = read_workbook(main, periods=["2027-T1"]).plan
    assert only.history == () and only.has_history


def test_a_reopened_year_merged_again_keeps_one_snapshot_per_period(tmp_path):
    main = plan_book().write(tmp_path / "huvuddokument.xlsx")
    assert run("arsskifte", main, "--year", 2026, "--today", TURN).exit_code == 0
    assert run("arsskifte", main, "--year", 2026, "--oppna", "--today", TURN).exit_code == 0
    out = tmp_path / "ut"
    assert run("split", main, "--out", out).exit_code == 0
    merged = run("merge", main, *sorted(out.glob("fokusomrade-*.xlsx")), "--period", "2026-T3",
                 "--today", "2027-01-12")
    assert merged.exit_code == 0, merged.output
    assert "Ögonblicksbilden för 2026-T3 (tagen 2026-12-15) ersattes" in merged.output
    plan = read_workbook(main).plan
    t3 = [s for s in plan.history if s.period == "2026-T3"]
    assert sorted(s.activity_id for s in t3) == ["1.2.1", "1.2.2", "2.1.1"]
    assert {(s.sheet, s.date) for s in t3} == {("", dt.date(2027, 1, 12))}
    assert run("arsskifte", main, "--year", 2026, "--today", "2027-01-13").exit_code == 0
    plan = read_workbook(main).plan
    assert {s.sheet for s in plan.history if s.period.startswith("2026")} == {
        "Statushistorik 2026"}
    assert sorted(s.activity_id for s in plan.history if s.period == "2026-T3") == [
        "1.2.1", "1.2.2", "2.1.1"]
