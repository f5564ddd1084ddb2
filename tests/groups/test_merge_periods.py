"""A snapshot belongs to the period it was merged for: merge records the period named (or
the one the files most likely report), replaces that period's snapshot when merged again
and keeps what it replaced traceable in Ändringslogg."""

from __future__ import annotations

import datetime as dt

import pytest
import python_calamine
from click.testing import CliRunner

from builders import PlanBook, activity
from edits import edit
from plan_sheets.analysis.history import basis
from plan_sheets.cli import cli
from plan_sheets.workbook.reader import read_workbook


def invoke(*args, code=0):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == code, result.output
    return result


def rows(path, sheet):
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    found = book.get_sheet_by_name(sheet).to_python()
    header = next(i for i, r in enumerate(found) if "ID" in r)
    return [dict(zip(found[header], r, strict=False)) for r in found[header + 1:] if any(r)]


def periods_of(main):
    """The Statushistorik periods (the opening snapshot a first merge writes left out)."""
    return {r["Period"] for r in rows(main, "Statushistorik")
            if not r["Period"].startswith("Utgångsläge")}


def main_and_groups(tmp_path):
    main = PlanBook(activities=[activity("1.1.1"), activity("2.1.1")]).write(
        tmp_path / "huvuddokument.xlsx")
    invoke("split", main, "--out", tmp_path / "ut")
    return main, tmp_path / "ut" / "fokusomrade-1.xlsx", tmp_path / "ut" / "fokusomrade-2.xlsx"


def test_in_the_first_weeks_of_a_period_merge_records_the_one_just_ended(tmp_path):
    main, one, two = main_and_groups(tmp_path)
    result = invoke("merge", main, one, two, "--today", "2026-09-03")
    assert "(period 2026-T2)" in result.output
    assert ("OBS! 3 september 2026 ligger i början av 2026-T3: sammanslagningen registreras "
            "för 2026-T2") in result.output
    assert "kör igen med --period 2026-T3" in result.output
    assert periods_of(main) == {"2026-T2"}


def test_later_in_a_period_merge_records_it_and_says_so(tmp_path):
    main, one, two = main_and_groups(tmp_path)
    result = invoke("merge", main, one, two, "--today", "2026-10-15")
    assert "Registreras för 2026-T3, perioden som 15 oktober 2026 ligger i" in result.output
    assert periods_of(main) == {"2026-T3"}


def test_the_huvuddokuments_period_form_decides_the_default(tmp_path):
    book = PlanBook(staff_sheets={"Inställningar": [["Inställning", "Värde"],
                                                     ["Periodindelning", "Kvartal"]]})
    main = book.write(tmp_path / "huvuddokument.xlsx")
    invoke("split", main, "--out", tmp_path / "ut")
    invoke("merge", main, tmp_path / "ut" / "fokusomrade-1.xlsx", "--today", "2026-05-20")
    assert periods_of(main) == {"2026-K2"}


def test_a_second_merge_for_a_period_replaces_its_snapshot_and_logs_what_it_replaced(tmp_path):
    main, one, two = main_and_groups(tmp_path)
    invoke("merge", main, one, two, "--period", "2026-T2", "--today", "2026-08-20")
    edit(one, {"1.1.1": {"Status": "Röd", "Orsak till avvikelse": "Sjuk",
                         "Rekommenderad åtgärd": "Vänta"}})
    result = invoke("merge", main, one, "--period", "2026-t2", "--today", "2026-09-03")
    assert "Ögonblicksbilden för 2026-T2 (tagen 2026-08-20) ersattes" in result.output
    history = [r for r in rows(main, "Statushistorik") if r["Period"] == "2026-T2"]
    assert sorted((r["Period"], r["ID"], r["Status"]) for r in history) == [
        ("2026-T2", "1.1.1", "Röd"), ("2026-T2", "2.1.1", "Grön")]
    assert {r["Datum"] for r in history} == {dt.date(2026, 9, 3)}
    logged = [(r["Källa"], r["ID"], r["Fält"], r["Före"], r["Efter"])
              for r in rows(main, "Ändringslogg") if r["Källa"] == "Statushistorik"]
    assert logged == [
        ("Statushistorik", "", "Statushistorik 2026-T2: ögonblicksbilden ersatt",
         dt.date(2026, 8, 20), dt.date(2026, 9, 3)),
        ("Statushistorik", "1.1.1", "Statushistorik 2026-T2: Status", "Grön", "Röd"),
        ("Statushistorik", "1.1.1", "Statushistorik 2026-T2: Orsak till avvikelse", "",
         "Sjuk"),
        ("Statushistorik", "1.1.1", "Statushistorik 2026-T2: Rekommenderad åtgärd", "",
         "Vänta"),
        ("Statushistorik", "1.1.1", "Statushistorik 2026-T2: Senast uppdaterad",
         dt.date(2026, 9, 1), dt.date(2026, 9, 3)),
    ]
    # The steering group's Rapportering does not count the log rows as a returned workbook.
    invoke("report", main, "--out", tmp_path / "r", "--period", "2026-T2", "--today",
           "2026-09-10")
    # An earlier period is left alone.
    invoke("merge", main, one, two, "--period", "2026-T3", "--today", "2026-12-20")
    assert sorted(periods_of(main)) == ["2026-T2", "2026-T3"]


@pytest.mark.e2e
def test_a_period_without_its_own_snapshot_falls_back_and_says_so(tmp_path):
    main, one, two = main_and_groups(tmp_path)
    invoke("merge", main, one, two, "--period", "2026-T1", "--today", "2026-04-28")
    plan = read_workbook(main).plan
    based = basis(plan, day=dt.date(2026, 8, 31), today=dt.date(2026, 9, 10),
                  wanted="2026-T2")
    assert (based.period, based.fallback) == ("2026-T1", True)
    said = ("Obs! 2026-T2 har ingen ögonblicksbild i Statushistorik (ingen sammanslagning för "
            "perioden). Bygger på den senaste före den, ögonblicksbilden 2026-T1, tagen 28 "
            "april 2026.")
    assert based.sentence() == said
    result = invoke("report", main, "--out", tmp_path / "r", "--period", "2026-T2", "--today",
                    "2026-09-10")
    assert said in result.output
    result = invoke("annual", main, "--year", "2026", "--out", tmp_path / "r", "--today",
                    "2027-01-10")
    assert "Obs! 2026-T3 har ingen ögonblicksbild" in result.output


def test_merge_reads_only_its_periods_rows_and_leaves_the_others_as_they_were(tmp_path):
    """Merge reads just the Statushistorik rows of the period it records (`periods_read`);
    that the sheet holds others still means no opening snapshot is written first."""
    history = [["Datum", "Period", "ID", "Läge", "Status"],
               [dt.date(2026, 4, 28), "2026-T1", "1.1.1", "Pågående", "Gul"],
               [dt.date(2026, 4, 28), "2026-T1", "2.1.1", "Pågående", "Röd"]]
    main = PlanBook(activities=[activity("1.1.1"), activity("2.1.1")],
                    staff_sheets={"Statushistorik": history}).write(
        tmp_path / "huvuddokument.xlsx")
    invoke("split", main, "--out", tmp_path / "ut")
    invoke("merge", main, tmp_path / "ut" / "fokusomrade-1.xlsx", "--period", "2026-T2",
           "--today", "2026-08-20")
    assert [(r["Period"], r["ID"], r["Status"]) for r in rows(main, "Statushistorik")] == [
        ("2026-T1", "1.1.1", "Gul"), ("2026-T1", "2.1.1", "Röd"),
        ("2026-T2", "1.1.1", "Grön"), ("2026-T2", "2.1.1", "Grön")]


def test_without_period_a_second_merge_finds_the_snapshot_of_the_huvuddokuments_form(
        tmp_path):
    """Without --period merge reads the rows of every period it may record, whichever form
    the huvuddokument has: a second merge the same quarter replaces the quarter's snapshot."""
    book = PlanBook(activities=[activity("1.1.1"), activity("2.1.1")],
                    staff_sheets={"Inställningar": [["Inställning", "Värde"],
                                                     ["Periodindelning", "Kvartal"]]})
    main = book.write(tmp_path / "huvuddokument.xlsx")
    invoke("split", main, "--out", tmp_path / "ut")
    one = tmp_path / "ut" / "fokusomrade-1.xlsx"
    invoke("merge", main, one, "--today", "2026-05-20")
    edit(one, {"1.1.1": {"Status": "Röd", "Orsak till avvikelse": "Sjuk",
                         "Rekommenderad åtgärd": "Vänta"}})
    result = invoke("merge", main, one, "--today", "2026-05-21")
    assert "Ögonblicksbilden för 2026-K2 (tagen 2026-05-20) ersattes" in result.output
    assert sorted((r["Period"], r["ID"], r["Status"]) for r in rows(main, "Statushistorik")
                  if r["Period"] == "2026-K2") == [("2026-K2", "1.1.1", "Röd"),
                                                   ("2026-K2", "2.1.1", "Grön")]


def test_an_unreadable_period_form_is_said_and_the_default_recorded(tmp_path):
    book = PlanBook(staff_sheets={"Inställningar": [["Inställning", "Värde"],
                                                     ["Periodindelning", "Kvartl"]]})
    main = book.write(tmp_path / "huvuddokument.xlsx")
    invoke("split", main, "--out", tmp_path / "ut")
    result = invoke("merge", main, tmp_path / "ut" / "fokusomrade-1.xlsx", "--today",
                    "2026-05-20")
    assert ("OBS! huvuddokument.xlsx Inställningar!B2: Periodindelning ”Kvartl” är inte "
            "Tertial, Kvartal, Halvår, Månad eller År, så kommandona använder Tertial."
            ) in result.output
    assert "registreras för 2026-T1" in result.output  # a tertial's first weeks
    assert periods_of(main) == {"2026-T1"}
