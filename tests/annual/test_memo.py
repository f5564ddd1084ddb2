"""The board's tjänsteskrivelse (`annual` writes `tjansteskrivelse-<year>.docx`): its headings,
language, numbers and names, and the municipality's own template (`--mall`)."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from builders import PlanBook, activity
from plan_sheets.cli import cli

TODAY = dt.date(2026, 12, 7)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def huvuddokument(path: Path) -> Path:
    """Four counted activities (one red, one yellow, one completed in 2026), one cancelled,
    one proposal and one decision of the year; a contact person named in a cause."""
    return PlanBook(
        activities=[
            activity("1.1.1"),
            activity("1.2.1", Status="Röd", Mål="M2",
                     **{"Orsak till avvikelse": "Statsbidraget sänktes & <b>Anna Andersson</b> "
                                                "söker nytt",
                        "Rekommenderad åtgärd": "Ny tidplan till mars"}),
            activity("2.1.1", Status="Gul", Mål="M1, M2",
                     **{"Orsak till avvikelse": "Lokalen blev dyrare",
                        "Rekommenderad åtgärd": "Dela kostnaden"}),
            activity("2.1.2", Läge="Genomförd", Slut=dt.date(2026, 5, 31)),
            activity("1.1.2", Läge="Avbruten", Status=None),
            activity("1.1.3", Beslutad=None),
        ],
        decisions=[[dt.date(2026, 3, 1), "2026-T1", "1.2.1", "Ny tidplan beslutad", "Hög",
                    "Näringslivskontoret", dt.date(2026, 9, 1), "Verkställt"]],
    ).write(path)


def written(tmp_path: Path, *extra: str) -> tuple[object, Path]:
    book = huvuddokument(tmp_path / "huvuddokument.xlsx")
    out = tmp_path / "rapporter"
    result = CliRunner().invoke(cli, ["annual", str(book), "--year", "2026", "--out", str(out),
                                      "--today", TODAY.isoformat(), *extra])
    return result, out / "arsrapport-2026" / "tjansteskrivelse-2026.docx"


@pytest.fixture(scope="module")
def memo(tmp_path_factory) -> tuple[object, Path]:
    return written(tmp_path_factory.mktemp("memo"))


def table_rows(document, first_header: str) -> list[list[str]]:
    table = next(t for t in document.tables if t.rows[0].cells[0].text == first_header)
    return [[c.text for c in row.cells] for row in table.rows]


@pytest.mark.e2e
def test_annual_writes_the_tjansteskrivelse_and_says_so(memo):
    result, path = memo
    assert result.exit_code == 0, result.output
    assert path.is_file()
    assert "tjansteskrivelse-2026.docx (utkast till tjänsteskrivelse" in result.output


def test_its_sections_are_word_headings_in_the_order_of_an_arende(memo):
    document = docx.Document(memo[1])
    headings = [(p.style.name, p.text) for p in document.paragraphs
                if p.style.name.startswith("Heading")]
    assert [text for style, text in headings if style == "Heading 2"] == [
        "Sammanfattning", "Förslag till beslut", "Ärendet", "Ekonomiska konsekvenser",
        "Barnperspektiv", "Beslutsunderlag"]
    assert headings[0][0] == "Heading 1" and headings[0][1].startswith("Årsrapport 2026 för ")


def test_the_document_language_is_swedish(memo):
    with zipfile.ZipFile(memo[1]) as archive:
        styles = archive.read("word/styles.xml").decode()
    assert re.search(r'<w:docDefaults><w:rPrDefault><w:rPr>.*?<w:lang w:val="sv-SE"', styles)
    assert docx.Document(memo[1]).core_properties.language == "sv-SE"


def test_the_proposal_is_numbered_sentences(memo):
    document = docx.Document(memo[1])
    proposals = [p.text for p in document.paragraphs if p.style.name == "List Number"]
    assert len(proposals) == 1
    assert proposals[0].startswith("Kommunstyrelsen lägger årsrapporten 2026 för ")
    assert proposals[0].endswith(" till handlingarna.")


def test_the_figures_count_the_annual_reports_population(memo):
    rows = dict(table_rows(docx.Document(memo[1]), "Nyckeltal")[1:])
    assert rows == {
        "Aktiviteter i rapporten (beslutade, utom avbrutna)": "4",
        "Genomförda under 2026": "1",
        "Pågående": "3",
        "Nya under 2026": "0",
        "Röda avvikelser": "1",
        "Gula avvikelser": "1",
        "Avbrutna (redovisas för sig)": "1",
        "Förslag som väntar på beslut": "1",
    }


def test_deviations_red_first_and_the_years_decisions(memo):
    document = docx.Document(memo[1])
    deviations = table_rows(document, "ID")
    assert [(r[0], r[1], r[4], r[5]) for r in deviations[1:]] == [
        ("1.2.1", "Röd", "Statsbidraget sänktes & <b>[namn]</b> söker nytt",
         "Ny tidplan till mars"),
        ("2.1.1", "Gul", "Lokalen blev dyrare", "Dela kostnaden"),
    ]
    decisions = table_rows(document, "Datum")
    assert [r[1:4] for r in decisions[1:]] == [
        ["1.2.1 Aktivitet 1.2.1", "Ny tidplan beslutad", "1 sep. 2026"]]


@pytest.mark.e2e
def test_no_names_unless_med_namn(memo, tmp_path):
    def text(path: Path) -> str:
        with zipfile.ZipFile(path) as archive:
            return "".join(archive.read(n).decode() for n in archive.namelist()
                           if n.endswith(".xml"))

    assert "Anna Andersson" not in text(memo[1])
    result, named = written(tmp_path, "--med-namn")
    assert result.exit_code == 0, result.output
    assert "Anna Andersson" in text(named)


@pytest.mark.e2e
def test_the_municipalitys_own_template_is_filled(tmp_path):
    template = docx.Document()
    template.add_heading("Kommunens tjänsteskrivelse: {{ arende }}", level=1)
    template.add_paragraph("{{ sammanfattning }}")
    template.add_paragraph("{%p for punkt in forslag_till_beslut %}")
    template.add_paragraph("{{ loop.index }}. {{ punkt }}")
    template.add_paragraph("{%p endfor %}")
    template.save(tmp_path / "mall.docx")

    result, path = written(tmp_path, "--mall", str(tmp_path / "mall.docx"))
    assert result.exit_code == 0, result.output
    texts = [p.text for p in docx.Document(path).paragraphs]
    assert texts[0].startswith("Kommunens tjänsteskrivelse: Årsrapport 2026 för ")
    assert texts[1].startswith("Kommunstyrelsen får varje år i december en rapport")
    assert texts[2].startswith("1. Kommunstyrelsen lägger årsrapporten 2026")
    with zipfile.ZipFile(path) as archive:
        assert '<w:lang w:val="sv-SE"' in archive.read("word/styles.xml").decode()


def test_a_template_that_cannot_be_filled_stops_before_anything_is_written(tmp_path):
    template = docx.Document()
    template.add_paragraph("{{ sammanfattning ")
    template.save(tmp_path / "trasig.docx")

    result, path = written(tmp_path, "--mall", str(tmp_path / "trasig.docx"))
    assert result.exit_code == 2, result.output
    assert "trasig.docx: mallen går inte att fylla i som tjänsteskrivelse" in result.output
    assert not path.parent.exists()


def test_a_large_plans_memo_lists_at_most_the_first_red_deviations():
    # 600 activities, 62 of them red: the memo names the first 25 red, says so, and points
    # to the annual report for all of them; it stays a few pages.
    from annual_plans import big_plan
    from plan_sheets.annual.figures import annual_figures
    from plan_sheets.annual.memo import DEVIATIONS_LISTED, context

    figs = annual_figures(big_plan(10), year=2026, today=TODAY)
    red = [a for a in figs.deviations if a.status.value == "Röd"]
    assert len(red) > DEVIATIONS_LISTED
    said = context(figs, title="Plan", today=TODAY, report_name="arsrapport-2026.pdf",
                   personal_data=False)
    assert [d["id"] for d in said["avvikelser"]] == [a.id for a in red[:DEVIATIONS_LISTED]]
    assert said["avvikelser_ovriga"] == (
        f"Här står de första 25 av de {len(red)} röda; alla {len(figs.deviations)} "
        f"avvikelser står i årsrapportens avsnitt 2.")
