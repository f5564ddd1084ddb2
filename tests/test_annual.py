"""`plan-sheets annual`: the PDF, the PNGs and the workbook it writes, and its command line.

The PDF is read back with pdftotext (poppler-utils), the workbook with
openpyxl and by its chart XML, the PNGs with PIL.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from annual_plans import TODAY, deviation_plan, loaded
from builders import PlanBook, activity
from plan_sheets.annual.figures import annual_figures
from plan_sheets.annual.pack import AnnualResult, plan_title, write_annual
from plan_sheets.cli import cli
from plan_sheets.errors import DataRejected, UsageProblem
from plan_sheets.example.followup import CONTACTS, FOCUS_LEADS, example_plan
from plan_sheets.example.shipped import SHIPPED_DIR
from plan_sheets.workbook.reader import read_workbook

EXAMPLE = SHIPPED_DIR / "huvuddokument.xlsx"
HEADINGS = ["Årsrapport 2026", "Status per fokusområde", "Status under året",
            "Genomförda och nya aktiviteter 2026", "Mätbara mål", "Måltäckning", "Avvikelser"]
NAMES = sorted(set(CONTACTS.values()) | set(FOCUS_LEADS.values()))
LIGHTS = ["Grön", "Gul", "Röd", "Ej satt"]

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
    reason="pdftotext/pdfinfo (poppler-utils) finns inte på den här datorn")


def pdf_pages(path: Path) -> list[str]:
    """The text of each page (pdftotext separates pages with a form feed)."""
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                         text=True, check=True).stdout
    return out.split("\f")[:-1]


def pdf_info(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True,
                         check=True).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in
                                                  out.splitlines())}


def xlsx_text(path: Path) -> str:
    """Every XML part of a workbook, as one string (cells, charts, properties)."""
    with zipfile.ZipFile(path) as archive:
        return "\n".join(archive.read(n).decode("utf-8") for n in archive.namelist()
                         if n.endswith((".xml", ".rels")))


def chart_series(path: Path) -> list[list[str]]:
    """Per chart, its `<c:f>` references in order (name, categories, values per series)."""
    with zipfile.ZipFile(path) as archive:
        names = sorted((n for n in archive.namelist() if re.match(r"xl/charts/chart\d+\.xml$", n)),
                       key=lambda n: int(re.search(r"(\d+)", n.rsplit("/", 1)[1])[1]))
        return [re.findall(r"<c:f>([^<]*)</c:f>", archive.read(n).decode("utf-8"))
                for n in names]


def cells(book, ref: str) -> list:
    """The values of `'Sheet'!$A$1:$A$3` in an openpyxl workbook."""
    sheet, _, area = ref.rpartition("!")
    ws = book[sheet.strip("'")]
    area = area.replace("$", "")
    if ":" not in area:
        return [ws[area].value]
    return [row[0].value if len(row) == 1 else [c.value for c in row] for row in ws[area]]


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> tuple[AnnualResult, object]:
    out = tmp_path_factory.mktemp("annual")
    book = read_workbook(EXAMPLE)
    result = write_annual(book, out, year=2026, today=TODAY)
    return result, annual_figures(book.plan, year=2026, today=TODAY)


@pytest.fixture(scope="module")
def public(tmp_path_factory) -> AnnualResult:
    out = tmp_path_factory.mktemp("public")
    return write_annual(read_workbook(EXAMPLE), out, year=2026, today=TODAY,
                        personal_data=False)


@pytest.fixture(scope="module")
def many_deviations(tmp_path_factory) -> AnnualResult:
    out = tmp_path_factory.mktemp("deviations")
    return write_annual(loaded(deviation_plan(200)), out, year=2026, today=TODAY)


# --- files -------------------------------------------------------------------------------------


def test_writes_the_files_the_issue_names(example, tmp_path):
    result, figs = example
    folder = result.pdf.parent
    assert folder.name == "arsrapport-2026"
    assert result.pdf == folder / "arsrapport-2026.pdf"
    assert result.workbook == folder / "arsrapport-2026.xlsx"
    names = [p.name for p in result.charts]
    assert names[:4] == ["statusfordelning.png", "status-per-fokusomrade.png",
                         "status-under-aret.png", "genomforda-och-nya-per-fokusomrade.png"]
    assert names[-1] == "maltackning.png"
    assert "mal-M1-ett-battre-foretagsklimat.png" in names
    goals = [n for n in names if n.startswith("mal-")]
    assert [n.split("-")[1] for n in goals] == [item.goal.id for item in figs.goals]
    assert all(re.fullmatch(r"[a-zA-Z0-9-]+\.png", n) for n in names)
    assert sorted(p.name for p in (folder / "diagram").iterdir()) == sorted(names)
    assert not list(folder.glob(".*.tmp"))


def test_pngs_are_200_dpi_and_each_chart_alone(example):
    from PIL import Image

    result, _ = example
    for path in result.charts:
        with Image.open(path) as image:
            dpi = image.info["dpi"]
            assert dpi[0] == pytest.approx(200, abs=0.01) and dpi[1] == pytest.approx(200, abs=0.01)
            assert image.width >= 800 and image.height >= 300
            # Not blank: a chart has colour in it.
            assert len(image.convert("RGB").getcolors(1 << 20)) > 50


def test_a_second_run_replaces_the_pack_and_removes_charts_no_longer_in_it(tmp_path):
    plan = example_plan()
    write_annual(loaded(plan), tmp_path, year=2026, today=TODAY)
    diagram = tmp_path / "arsrapport-2026" / "diagram"
    mine = diagram / "egen-bild.png"
    mine.write_bytes(b"not ours")
    fewer = replace(plan, history=(), measurements=tuple(m for m in plan.measurements
                                                         if m.goal != "M3"))
    result = write_annual(loaded(fewer), tmp_path, year=2026, today=TODAY)
    names = {p.name for p in diagram.iterdir()}
    assert "status-under-aret.png" not in names
    assert not any(n.startswith("mal-M3-") for n in names)
    assert names == {p.name for p in result.charts} | {"egen-bild.png"}


# --- PDF ---------------------------------------------------------------------------------------


@needs_poppler
def test_pdf_pages_have_their_headings_and_numbers(example):
    result, _ = example
    pages = pdf_pages(result.pdf)
    assert len(pages) == result.pages == 7
    for number, (page, heading) in enumerate(zip(pages, HEADINGS, strict=True), start=1):
        assert heading in page, (number, heading)
        assert f"Sida {number} av 7" in page
    info = pdf_info(result.pdf)
    assert info["Pages"] == "7"
    width, height = (float(v) for v in re.findall(r"[\d.]+", info["Page size"])[:2])
    assert (round(width), round(height)) == (842, 595)  # A4 landscape in points


@needs_poppler
def test_pdf_shows_the_figures(example):
    result, figs = example
    pages = pdf_pages(result.pdf)
    cover = pages[0]
    assert "Handlingsplan för näringslivsstrategin Utvecklingskraft i Södertälje" in cover
    assert "26 november 2026" in cover
    for label in LIGHTS:
        assert f"{label}: {figs.key.by_status[label]}" in cover
    assert f"{figs.key.decided}" in cover and "beslutade aktiviteter" in cover
    # Status per focus area: the legend names each light with its total, no colour alone.
    for label in LIGHTS:
        assert f"{label} ({int(figs.by_focus[label].sum())})" in pages[1]
    assert "2026-T1" in pages[2] and "24 april 2026" in pages[2] and "28 augusti 2026" in pages[2]
    assert f"Genomförda under 2026 ({len(figs.completed)})" in pages[3]
    for item in figs.goals:
        assert f"{item.goal.id} " in pages[4]
    assert "Mål utan mätvärden (1): M8 God planberedskap för verksamhetsmark" in pages[4]
    assert "Inte i fas mot målvärdet" in pages[4] and "I fas mot målvärdet" in pages[4]
    assert "M9 Fler arbetstillfällen" in pages[5] and "ingen aktivitet" in pages[5]
    for a in figs.deviations:
        assert a.id in pages[6]
    assert "Lokalen blev inte tillgänglig hösten 2026." in pages[6]
    assert "– saknas –" in pages[6]  # 1.4.1 has no cause, 5.2.3 no action


@needs_poppler
def test_pdf_numbers_have_a_decimal_comma(example):
    result, _ = example
    goals = pdf_pages(result.pdf)[4]
    assert "Senast 10,1 antal (2025)" in goals
    # Thousands are set apart by a narrow space (pdftotext reads it as a space).
    assert re.search(r"Senast 361[ \u202f]000 antal \(2025\)", goals)
    assert not re.search(r"\b\d+\.\d+\b(?! år)", goals.replace("1.4.1", ""))


@needs_poppler
def test_a_long_deviation_table_continues_over_pages(many_deviations):
    result = many_deviations
    pages = pdf_pages(result.pdf)
    assert len(pages) == result.pages
    first = next(i for i, p in enumerate(pages) if p.lstrip().startswith("Avvikelser"))
    table = pages[first:]
    assert len(table) >= 8
    assert "(forts.)" not in table[0].splitlines()[0]
    for number, page in enumerate(table, start=first + 1):
        assert f"Sida {number} av {len(pages)}" in page
        assert "Orsak till avvikelse" in page and "Rekommenderad åtgärd" in page
        if number > first + 1:
            assert "Avvikelser (forts.)" in page
    text = "\n".join(table)
    ids = [a.id for a in deviation_plan(200).activities]
    assert all(re.search(rf"(?m)^\s*{re.escape(aid)}\s", text) for aid in ids)
    # The cause longer than a page goes on over the next page, marked so, and none is lost.
    assert "(forts.)" in re.sub(r"Avvikelser \(forts\.\)", "", text)
    assert text.count("utförligt.") == \
        sum(a.cause.count("utförligt.") for a in deviation_plan(200).activities)


@needs_poppler
def test_without_snapshots_page_3_says_so(tmp_path):
    result = write_annual(loaded(replace(example_plan(), history=())), tmp_path, year=2026,
                          today=TODAY)
    page = pdf_pages(result.pdf)[2]
    assert "Status under året" in page
    assert "Det finns inga ögonblicksbilder från 2026 i fliken Statushistorik" in page
    assert "status-under-aret.png" not in {p.name for p in result.charts}


@needs_poppler
def test_an_empty_huvuddokument_gives_a_pack_that_says_so(tmp_path):
    import warnings

    from plan_sheets.workbook.create import init_workbook

    path = tmp_path / "tomt.xlsx"
    init_workbook(path, example=False, force=False)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = write_annual(read_workbook(path), tmp_path, year=2026, today=TODAY)
    pages = pdf_pages(result.pdf)
    assert len(pages) == 7 and result.charts == []
    assert "Inga aktiviteter i rapporten är gula eller röda." in pages[6]
    assert "Inga mål har mätvärden till och med 2026" in pages[4]


# --- workbook ----------------------------------------------------------------------------------


def test_workbook_charts_reference_the_tables(example):
    import openpyxl

    result, figs = example
    book = openpyxl.load_workbook(result.workbook)
    assert book.sheetnames == ["Nyckeltal", "Status per fokusområde", "Status under året",
                               "Genomförda och nya", "Mål", "Måldiagram", "Måltäckning",
                               "Avvikelser"]
    charts = chart_series(result.workbook)
    status = next(c for c in charts if c[0].startswith("'Status per fokusområde'!"))
    assert status[:3] == ["'Status per fokusområde'!$C$4", "'Status per fokusområde'!$B$5:$B$9",
                          "'Status per fokusområde'!$C$5:$C$9"]
    names = [cells(book, status[i])[0] for i in range(0, 12, 3)]
    assert names == LIGHTS
    for i, label in enumerate(LIGHTS):
        assert cells(book, status[3 * i + 2]) == [int(v) for v in figs.by_focus[label]]
    assert [c.startswith("1. Ett företagsklimat") for c in cells(book, status[1])][0]

    year = next(c for c in charts if c[0].startswith("'Status under året'!"))
    assert cells(book, year[1]) == list(figs.over_year.index)
    for i, label in enumerate(LIGHTS):
        assert cells(book, year[3 * i + 2]) == [int(v) for v in figs.over_year[label]]

    goal_charts = [c for c in charts if c[0].startswith("Måldiagram!")]
    assert len(goal_charts) == len(figs.goals)
    for refs, item in zip(goal_charts, figs.goals, strict=True):
        years, values = cells(book, refs[0]), cells(book, refs[1])
        assert list(zip(years, values, strict=True)) == \
            [(y, pytest.approx(v)) for y, v in item.progress.values]
        assert cells(book, refs[2]) == [item.goal.baseline_year, item.goal.target_year]
        assert cells(book, refs[3]) == [item.goal.baseline, item.goal.target]

    coverage = next(c for c in charts if c[0].startswith("Måltäckning!"))
    assert cells(book, coverage[1]) == list(figs.coverage.index)
    for i, label in enumerate(LIGHTS):
        assert cells(book, coverage[3 * i + 2]) == [int(v) for v in figs.coverage[label]]
    # Every reference of every chart points at cells that hold something.
    for chart in charts:
        for ref in chart:
            values = cells(book, ref)
            assert values and all(v is not None for v in values), ref


def test_workbook_charts_have_the_traffic_light_colours_and_patterns(example):
    result, _ = example
    with zipfile.ZipFile(result.workbook) as archive:
        first = archive.read("xl/charts/chart1.xml").decode("utf-8")
    assert '<a:srgbClr val="3A9D3A"/>' in first  # Grön
    assert '<a:pattFill prst="wdUpDiag">' in first  # Gul, hatched as in the PDF
    assert '<a:pattFill prst="lgCheck">' in first  # Röd
    assert '<a:bgClr><a:srgbClr val="C62828"/>' in first


def test_workbook_tables_hold_the_figures(example):
    import openpyxl

    result, figs = example
    book = openpyxl.load_workbook(result.workbook)
    assert book["Nyckeltal"]["A1"].value == ("Årsrapport 2026 – Handlingsplan för "
                                             "näringslivsstrategin Utvecklingskraft i Södertälje")
    key = {row[0].value: row[1].value for row in book["Nyckeltal"].iter_rows(min_row=5)}
    assert key["Beslutade aktiviteter"] == figs.key.decided
    assert key["Genomförda under 2026"] == figs.key.completed
    assert key["Status Röd"] == figs.key.by_status["Röd"]
    deviations = book["Avvikelser"]
    header = [c.value for c in deviations[4]]
    assert header[:2] == ["ID", "Status"] and "Kontaktperson" in header
    ids = [row[0].value for row in deviations.iter_rows(min_row=5) if row[0].value]
    assert ids == [a.id for a in figs.deviations]
    goals = {row[0].value: row for row in book["Mål"].iter_rows(min_row=5)}
    assert goals["M8"][12].value == "Inga mätvärden"
    assert goals["M1"][12].value == "Inte i fas mot målvärdet"


# --- personal data -----------------------------------------------------------------------------


@needs_poppler
def test_names_are_in_the_internal_pack(example):
    result, _ = example
    text = "\n".join(pdf_pages(result.pdf))
    assert "Lena Holm" in text and "Erik Sjöberg" in text
    assert "Lena Holm" in xlsx_text(result.workbook)


@needs_poppler
def test_no_personal_data_leaves_no_name_in_pdf_metadata_or_workbook(public):
    text = "\n".join(pdf_pages(public.pdf))
    info = pdf_info(public.pdf)
    workbook = xlsx_text(public.workbook)
    for name in NAMES:
        assert name not in text, name
        assert name not in workbook, name
        assert all(name not in value for value in info.values()), name
    assert info["Author"] == info["Creator"] == info["Producer"] == "plan-sheets"
    assert "utan personuppgifter" in text
    assert "<dc:creator>plan-sheets</dc:creator>" in workbook


# --- the title ---------------------------------------------------------------------------------


def test_plan_title_comes_from_the_title_row(tmp_path):
    assert plan_title(read_workbook(EXAMPLE)) == \
        "Handlingsplan för näringslivsstrategin Utvecklingskraft i Södertälje"
    path = PlanBook(title_rows=[["Aktiviteter - Handlingsplan Testkommun 2027"]]).write(
        tmp_path / "titel.xlsx")
    assert plan_title(read_workbook(path)) == "Handlingsplan Testkommun 2027"
    plain = PlanBook().write(tmp_path / "utan.xlsx")
    assert plan_title(read_workbook(plain)) == "Handlingsplan för näringslivsstrategin"


# --- refusals and the command line -------------------------------------------------------------


def test_a_workbook_with_errors_is_refused_and_nothing_written(tmp_path):
    path = PlanBook(activities=[activity("1.1.1", Status="Lila"), activity("1.2.1")]).write(
        tmp_path / "fel.xlsx")
    with pytest.raises(DataRejected) as caught:
        write_annual(read_workbook(path), tmp_path / "ut", year=2026, today=TODAY)
    assert "1 fel" in caught.value.message and "Aktiviteter!" in caught.value.message
    assert not (tmp_path / "ut").exists()


def test_a_year_that_has_not_begun_is_refused(tmp_path):
    with pytest.raises(UsageProblem):
        write_annual(loaded(example_plan()), tmp_path, year=2027, today=TODAY)


def test_cli_writes_the_pack_and_lists_the_files(tmp_path):
    result = CliRunner().invoke(cli, ["annual", str(EXAMPLE), "--year", "2026", "--out",
                                      str(tmp_path), "--today", "2026-11-26",
                                      "--no-personal-data"])
    assert result.exit_code == 0, result.output
    folder = tmp_path / "arsrapport-2026"
    assert f"Skrev årsrapporten i {folder}" in result.stdout
    assert "arsrapport-2026.pdf (7 sidor, 11 avvikelser)" in result.stdout
    assert "arsrapport-2026.xlsx" in result.stdout and "13 diagram som PNG" in result.stdout
    assert "Skriver" in result.stderr and "Skriver" not in result.stdout
    assert (folder / "arsrapport-2026.pdf").exists() and (folder / "arsrapport-2026.xlsx").exists()


@pytest.mark.parametrize(("args", "code", "message"), [
    (["--year", "2026"], 2, "--out"),
    (["--out", "x"], 2, "--year"),
    (["--year", "tjugo", "--out", "x"], 2, "tjugo"),
    (["--year", "2026", "--out", "x", "--today", "igår"], 2, "inget datum"),
    (["--year", "2031", "--out", "x", "--today", "2026-11-26"], 2, "Året 2031 har inte börjat"),
])
def test_cli_usage_mistakes_exit_2(tmp_path, args, code, message):
    result = CliRunner().invoke(cli, ["annual", str(EXAMPLE), *args])
    assert result.exit_code == code, result.output
    assert message in result.output


def test_cli_bad_file_exits_2_and_errors_exit_1(tmp_path):
    bad = tmp_path / "trasig.xlsx"
    bad.write_bytes(b"inte en arbetsbok")
    result = CliRunner().invoke(cli, ["annual", str(bad), "--year", "2026", "--out",
                                      str(tmp_path / "ut")])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    wrong = PlanBook(activities=[activity("1.1.1", Mål="M77")]).write(tmp_path / "fel.xlsx")
    result = CliRunner().invoke(cli, ["annual", str(wrong), "--year", "2026", "--out",
                                      str(tmp_path / "ut"), "--today", "2026-11-26"])
    assert result.exit_code == 1, result.output
    assert "ingen årsrapport skrevs" in result.output
    assert not (tmp_path / "ut").exists()
