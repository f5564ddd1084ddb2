"""`paminnelser`: one email text per responsible office, by content."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner

from builders import PlanBook, activity
from plan_sheets.cli import cli

TODAY = "2026-11-26"


def book() -> PlanBook:
    return PlanBook(activities=[
        # Up to date: no reminder.
        activity("1.1.1", **{"Senast uppdaterad": dt.date(2026, 10, 1)}),
        # Not updated since the period (2026-T3, from September) began.
        activity("1.2.1", Ansvarig="Miljökontoret", Kontaktperson="Jonas Berg",
                 **{"Senast uppdaterad": dt.date(2026, 6, 8)}),
        # Red without cause or action, overdue.
        activity("2.1.1", Ansvarig="Miljökontoret", Status="Röd", Slut=dt.date(2026, 6, 30),
                 **{"Senast uppdaterad": dt.date(2026, 10, 2),
                    "Statuskommentar": "Försenad."}),
        # Closed: never reminded.
        activity("2.1.2", Ansvarig="Kulturkontoret", Läge="Genomförd",
                 **{"Senast uppdaterad": dt.date(2025, 1, 1)}),
    ])


def run(tmp_path, *extra):
    source = book().write(tmp_path / "huvuddokument.xlsx")
    return CliRunner().invoke(cli, ["paminnelser", str(source), "--out", str(tmp_path / "ut"),
                                    "--today", TODAY, *extra])


def test_one_text_per_office_with_something_to_update(tmp_path):
    result = run(tmp_path)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "ut").iterdir()) == ["paminnelse-miljokontoret.txt"]
    assert "Miljökontoret: 2 aktiviteter" in result.output
    assert "Skrev 1 påminnelse för 2026-T3" in result.output


def test_the_text_says_what_each_activity_lacks(tmp_path):
    run(tmp_path)
    text = (tmp_path / "ut" / "paminnelse-miljokontoret.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == ("Ämne: Uppföljning av handlingsplanen för näringslivsstrategin 2026-T3 "
                        "– Miljökontoret")
    assert "Till: Anna Andersson, Jonas Berg" in lines
    assert "behöver 2 aktiviteter som Miljökontoret ansvarar för ses över" in text
    assert "den 26 november 2026" in text
    stale = lines.index("1.2.1 Aktivitet 1.2.1")
    assert lines[stale + 1] == "  Läge: Pågående. Status: Grön. Slut: 2027-12-31."
    assert lines[stale + 2] == \
        "  Saknas: en uppdatering under perioden (senast uppdaterad: 2026-06-08)."
    red = lines.index("2.1.1 Aktivitet 2.1.1")
    assert lines[red + 1] == "  Läge: Pågående. Status: Röd. Slut: 2026-06-30."
    assert lines[red + 2] == (
        "  Saknas: orsak till avvikelse; rekommenderad åtgärd; ett nytt slutdatum: Slut "
        "2026-06-30 har passerat (eller Läge Genomförd eller Avbruten).")
    assert "1.1.1" not in text and "2.1.2" not in text
    assert text.endswith("Processledaren för handlingsplanen\n")


def test_nothing_to_update_writes_nothing(tmp_path):
    source = PlanBook(activities=[activity("1.1.1")]).write(tmp_path / "ren.xlsx")
    clean = CliRunner().invoke(cli, ["paminnelser", str(source), "--out",
                                     str(tmp_path / "tom"), "--today", TODAY])
    assert clean.exit_code == 0, clean.output
    assert "inga påminnelser behövs" in clean.output
    assert list((tmp_path / "tom").iterdir()) == []


def test_a_missing_file_is_exit_2(tmp_path):
    result = CliRunner().invoke(cli, ["paminnelser", str(tmp_path / "saknas.xlsx"), "--out",
                                      str(tmp_path / "ut")])
    assert result.exit_code == 2
    assert "saknas.xlsx" in result.output


@pytest.mark.e2e
def test_run_writes_the_reminders_into_its_output_folder(tmp_path):
    book().write(tmp_path / "huvuddokument.xlsx")
    out = tmp_path / "ut"
    result = CliRunner().invoke(cli, ["run", "--workbooks", str(tmp_path), "--out", str(out),
                                      "--today", TODAY])
    assert result.exit_code == 0, result.output
    folder = out / "paminnelser"
    assert sorted(p.name for p in folder.iterdir()) == ["paminnelse-miljokontoret.txt"]
    assert f"Påminnelser: 1 text att skicka i {folder} (Miljökontoret)." in result.output
    text = (folder / "paminnelse-miljokontoret.txt").read_text(encoding="utf-8")
    assert text.startswith("Ämne: Uppföljning av handlingsplanen för näringslivsstrategin "
                           "2026-T3 – Miljökontoret\n\nTill: Anna Andersson, Jonas Berg\n")
    assert "1.2.1 Aktivitet 1.2.1" in text and "2.1.1 Aktivitet 2.1.1" in text
    assert "1.1.1" not in text and "2.1.2" not in text
