"""Send-outs ready to send: e-mail drafts (`.eml`) from `paminnelser` to the offices and from
`split` to the focus-area leads, parsed back with Python's `email` package."""

from __future__ import annotations

import datetime as dt
import zipfile
from email import policy
from email.parser import BytesParser
from email.utils import parsedate_to_datetime
from pathlib import Path

from click.testing import CliRunner

from builders import PlanBook, activity
from plan_sheets.cli import cli

TODAY = "2026-11-26"
STALE = {"Senast uppdaterad": dt.date(2026, 6, 8)}


def parsed(path: Path):
    return BytesParser(policy=policy.default).parsebytes(path.read_bytes())


def book(**changes) -> PlanBook:
    values = dict(
        activities=[
            activity("1.1.1", Ansvarig="Miljökontoret", Kontaktperson="Jonas Berg",
                     **{"E-post": "jonas.berg@kommun.example", **STALE}),
            activity("1.2.1", Ansvarig="Miljökontoret", Kontaktperson="Eva Ek",
                     **{"E-post": "Eva Ek <eva.ek@kommun.example>; JONAS.BERG@kommun.example",
                        **STALE}),
            activity("2.1.1", Ansvarig="Kulturkontoret", **STALE),
        ],
        focus_areas=[[1, "Företagsklimat", "Lena Holm", "", "lena.holm@kommun.example"],
                     [2, "Kompetens", "Per Lundgren"]])
    return PlanBook(**{**values, **changes})


def test_an_office_with_addresses_gets_a_draft_to_send(tmp_path):
    settings = [["Inställning", "Värde", "Förklaring"],
                ["Avsändare", "Processledaren <processledare@kommun.example>", ""]]
    source = book(staff_sheets={"Inställningar": settings}).write(tmp_path / "huvuddokument.xlsx")
    out = tmp_path / "ut"
    result = CliRunner().invoke(cli, ["paminnelser", str(source), "--out", str(out),
                                      "--today", TODAY, "--svar-senast", "2026-12-10"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["paminnelse-kulturkontoret.txt",
                                                     "paminnelse-miljokontoret.eml"]
    message = parsed(out / "paminnelse-miljokontoret.eml")
    assert message["X-Unsent"] == "1"
    assert message["From"] == "Processledaren <processledare@kommun.example>"
    assert message["To"] == "jonas.berg@kommun.example, eva.ek@kommun.example"
    assert message["Subject"] == ("Uppföljning av handlingsplanen för näringslivsstrategin "
                                  "2026-T3 – Miljökontoret")
    assert parsedate_to_datetime(message["Reply-By"]).date() == dt.date(2026, 12, 10)
    body = message.get_content().replace("\r\n", "\n")
    assert body.startswith("Hej!\n")
    assert "1.1.1 Aktivitet 1.1.1" in body and "1.2.1 Aktivitet 1.2.1" in body
    assert "2.1.1" not in body
    assert "Svara senast 10 december 2026." in body
    assert "Skrev 2 påminnelser för 2026-T3" in result.output
    assert "(1 mejlutkast och 1 text)" in result.output
    assert ("Utan e-postadress i kolumnen E-post (texter att klistra in i ett mejl): "
            "Kulturkontoret.") in result.output
    text = (out / "paminnelse-kulturkontoret.txt").read_text(encoding="utf-8")
    assert "Svara senast 10 december 2026." in text


def test_the_reply_by_date_defaults_to_two_weeks(tmp_path):
    source = book().write(tmp_path / "huvuddokument.xlsx")
    result = CliRunner().invoke(cli, ["paminnelser", str(source), "--out",
                                      str(tmp_path / "ut"), "--today", TODAY])
    assert result.exit_code == 0, result.output
    message = parsed(tmp_path / "ut" / "paminnelse-miljokontoret.eml")
    assert parsedate_to_datetime(message["Reply-By"]).date() == dt.date(2026, 12, 10)


def test_an_address_typed_later_replaces_the_text_with_a_draft(tmp_path):
    out = tmp_path / "ut"
    without = book(activities=[activity("1.1.1", Ansvarig="Miljökontoret", **STALE)])
    source = without.write(tmp_path / "huvuddokument.xlsx")
    CliRunner().invoke(cli, ["paminnelser", str(source), "--out", str(out), "--today", TODAY])
    assert [p.name for p in out.iterdir()] == ["paminnelse-miljokontoret.txt"]
    book().write(source)
    CliRunner().invoke(cli, ["paminnelser", str(source), "--out", str(out), "--today", TODAY])
    assert "paminnelse-miljokontoret.txt" not in [p.name for p in out.iterdir()]


def test_without_any_address_the_texts_say_how_to_get_drafts(tmp_path):
    source = PlanBook(activities=[activity("1.1.1", **STALE)]).write(tmp_path / "h.xlsx")
    result = CliRunner().invoke(cli, ["paminnelser", str(source), "--out",
                                      str(tmp_path / "ut"), "--today", TODAY])
    assert result.exit_code == 0, result.output
    assert "Inga e-postadresser i kolumnen E-post" in result.output


def test_split_writes_a_draft_to_each_lead_with_the_workbook_attached(tmp_path):
    source = book().write(tmp_path / "huvuddokument.xlsx")
    out = tmp_path / "utskick"
    result = CliRunner().invoke(cli, ["split", str(source), "--out", str(out),
                                      "--period", "2026-T3", "--svar-senast", "2026-12-18"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "fokusomrade-1.eml", "fokusomrade-1.xlsx", "fokusomrade-2.xlsx"]
    message = parsed(out / "fokusomrade-1.eml")
    assert message["To"] == "lena.holm@kommun.example"
    assert message["Subject"] == ("Uppföljning av handlingsplanen för näringslivsstrategin "
                                  "2026-T3 – FO1 Företagsklimat")
    assert "Svara senast 18 december 2026." in message.get_body(("plain",)).get_content()
    [attachment] = list(message.iter_attachments())
    assert attachment.get_filename() == "fokusomrade-1.xlsx"
    data = attachment.get_content()
    assert data == (out / "fokusomrade-1.xlsx").read_bytes()
    assert zipfile.is_zipfile(out / "fokusomrade-1.xlsx")
    assert "Skrev 1 mejlutkast till fokusområdesansvariga" in result.output
    assert "Utan e-postadress i Fokusområden (kolumnen E-post): FO2 Kompetens" in result.output


def test_the_addresses_stay_out_of_public_reports(tmp_path):
    source = book().write(tmp_path / "huvuddokument.xlsx")
    out = tmp_path / "rapporter"
    result = CliRunner().invoke(cli, ["report", str(source), "--out", str(out),
                                      "--no-personal-data", "--today", TODAY])
    assert result.exit_code == 0, result.output
    books = list(out.rglob("*.xlsx"))
    assert books
    for path in books:
        with zipfile.ZipFile(path) as archive:
            text = "".join(archive.read(n).decode() for n in archive.namelist()
                           if n.endswith(".xml"))
        assert "kommun.example" not in text, path
