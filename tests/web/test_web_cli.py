"""`plan-sheets webb` from the command line, and the folder it writes."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from builders import PlanBook, activity
from plan_sheets.cli import cli


def run(*args: str):
    return CliRunner().invoke(cli, ["webb", *args])


def test_webb_writes_the_site_and_says_where(tmp_path):
    book = PlanBook(activities=[activity("1.1.1", Statuskommentar="<script>alert(1)</script>"),
                                activity("2.1.1", Beslutad=None)]).write(tmp_path / "h.xlsx")
    result = run(str(book), "--out", str(tmp_path / "webb"), "--today", "2026-11-26")
    assert result.exit_code == 0, result.output
    assert f"Webbplatsen: {tmp_path / 'webb' / 'index.html'} (6 sidor;" in result.output
    assert "Räknar 1 aktivitet (beslutade till och med 26 november 2026" in result.output
    assert "platshållare" in result.output
    written = sorted(p.name for p in (tmp_path / "webb").iterdir())
    assert written == [".plan-sheets-webb", "aktiviteter.csv", "aktiviteter.json",
                       "fokusomrade-1.html", "fokusomrade-2.html", "index.html", "mal-m1.html",
                       "mal-m2.html", "om.html", "stil.css"]
    page = (tmp_path / "webb" / "fokusomrade-1.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Anna Andersson" not in page


def test_med_namn_shows_the_contact_persons(tmp_path):
    book = PlanBook().write(tmp_path / "h.xlsx")
    result = run(str(book), "--out", str(tmp_path / "webb"), "--med-namn", "--today",
                 "2026-11-26")
    assert result.exit_code == 0, result.output
    assert "Anna Andersson" in (tmp_path / "webb" / "fokusomrade-1.html").read_text("utf-8")
    assert "Utan personuppgifter" not in result.output


def test_a_page_an_earlier_run_wrote_and_this_one_does_not_is_removed(tmp_path):
    out = tmp_path / "webb"
    two_areas = PlanBook().write(tmp_path / "h.xlsx")
    assert run(str(two_areas), "--out", str(out)).exit_code == 0
    (out / "egen.html").write_text("<p>Kommunens egen sida</p>", encoding="utf-8")
    one_area = PlanBook(activities=[activity("1.1.1")],
                        focus_areas=[[1, "Företagsklimat", "Lena Holm"]],
                        areas=[["1.1", 1, "erbjuder mötesplatser", ""]]).write(tmp_path / "e.xlsx")
    assert run(str(one_area), "--out", str(out)).exit_code == 0
    assert not (out / "fokusomrade-2.html").exists()
    assert (out / "fokusomrade-1.html").exists() and (out / "egen.html").exists()


def test_an_out_that_is_a_file_is_refused(tmp_path):
    book = PlanBook().write(tmp_path / "h.xlsx")
    (tmp_path / "fil").write_text("x", encoding="utf-8")
    result = run(str(book), "--out", str(tmp_path / "fil"))
    assert result.exit_code == 2
    assert "är en fil" in result.output


def test_a_missing_workbook_is_exit_2(tmp_path):
    result = run(str(tmp_path / "finns-inte.xlsx"), "--out", str(tmp_path / "webb"))
    assert result.exit_code == 2
    assert "finns inte" in result.output and "Traceback" not in result.output


def _settings(value):
    return {"Inställningar": [["Inställning", "Värde", "Förklaring"],
                              ["Tillgänglighetsredogörelse", value, ""]]}


def test_the_accessibility_statement_comes_from_the_settings(tmp_path):
    url = "https://www.sodertalje.se/tillganglighet"
    book = PlanBook(staff_sheets=_settings(url)).write(tmp_path / "h.xlsx")
    result = run(str(book), "--out", str(tmp_path / "webb"))
    assert result.exit_code == 0, result.output
    about = (tmp_path / "webb" / "om.html").read_text(encoding="utf-8")
    assert f'<a href="{url}">kommunens tillgänglighetsredogörelse</a>' in about
    assert "platshållare" not in result.output and "Länk saknas" not in about


def test_a_setting_that_is_no_web_address_is_said_and_not_linked(tmp_path):
    book = PlanBook(staff_sheets=_settings("www.sodertalje.se/tillganglighet")).write(
        tmp_path / "h.xlsx")
    result = run(str(book), "--out", str(tmp_path / "webb"))
    assert result.exit_code == 0, result.output
    assert ("Tillgänglighetsredogörelse i fliken Inställningar (”www.sodertalje.se/"
            "tillganglighet”) är ingen webbadress") in result.output
    about = (tmp_path / "webb" / "om.html").read_text(encoding="utf-8")
    assert "Länk saknas" in about and 'href="www.' not in about


@pytest.mark.e2e
def test_run_writes_the_site_into_webb_and_says_what_is_missing(tmp_path):
    PlanBook().write(tmp_path / "huvuddokument.xlsx")
    out = tmp_path / "ut"
    result = CliRunner().invoke(cli, ["run", "--workbooks", str(tmp_path), "--out", str(out),
                                      "--today", "2026-11-26"])
    assert result.exit_code == 0, result.output
    assert f"Webbplats att publicera: {out / 'webb' / 'index.html'} (6 sidor;" in result.output
    assert "Länken till kommunens tillgänglighetsredogörelse saknas" in result.output
    assert "Anna Andersson" not in (out / "webb" / "fokusomrade-1.html").read_text("utf-8")
