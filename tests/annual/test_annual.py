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
from datetime import date
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
NAMES = sorted(set(CONTACTS.values()) | set(FOCUS_LEADS.values()))
LIGHTS = ["Grön", "Gul", "Röd", "Genomförd", "Ej satt"]

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
def named(tmp_path_factory) -> AnnualResult:
    out = tmp_path_factory.mktemp("named")
    return write_annual(read_workbook(EXAMPLE), out, year=2026, today=TODAY,
                        personal_data=True)


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
            # Drawn at the size the PDF prints it (a goal chart: 8.2 cm wide), at 200 dpi.
            assert image.width >= 640 and image.height >= 280
            # Not blank: a chart has colour in it.
            assert len(image.convert("RGB").getcolors(1 << 20)) > 50


@pytest.mark.e2e
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


def struct_tree(path: Path) -> tuple[dict[str, int], list[tuple[str, str]]]:
    """The PDF's structure roles with their counts, and every (role, /Alt) pair."""
    import pikepdf

    roles: dict[str, int] = {}
    alts: list[tuple[str, str]] = []
    with pikepdf.open(path) as pdf:
        seen: set = set()

        def visit(node) -> None:
            if not isinstance(node, pikepdf.Dictionary):
                return
            if node.is_indirect:
                if node.objgen in seen:
                    return
                seen.add(node.objgen)
            role = str(node.get("/S", ""))
            if role:
                roles[role] = roles.get(role, 0) + 1
            if "/Alt" in node:
                alts.append((role, str(node.Alt)))
            kids = node.get("/K")
            for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
                visit(kid)

        visit(pdf.Root.StructTreeRoot)
    return roles, alts


def outline(path: Path) -> list[str]:
    import pikepdf

    with pikepdf.open(path) as pdf, pdf.open_outline() as tree:
        def walk(items, depth=0):
            for item in items:
                yield "  " * depth + item.title
                yield from walk(item.children, depth + 1)
        return list(walk(tree.root))


SECTIONS = ["1. Året i korthet", "2. Avvikelser och styrgruppens beslut",
            "3. Status för beslutade aktiviteter", "4. Mätbara mål",
            "5. Måltäckning och synpunkter från näringslivet"]


def test_pdf_is_tagged_in_swedish_with_a_title_and_bookmarks(example):
    import pikepdf

    result, _ = example
    with pikepdf.open(result.pdf) as pdf:
        root = pdf.Root
        assert "/StructTreeRoot" in root
        assert bool(root.MarkInfo.Marked) is True
        assert str(root.Lang) == "sv-SE"
        assert bool(root.ViewerPreferences.DisplayDocTitle) is True
        assert str(pdf.docinfo.Title) == ("Årsrapport 2026 – Handlingsplan för "
                                          "näringslivsstrategin Utvecklingskraft i Södertälje")
        assert str(pdf.docinfo.Author) == "plan-sheets"
        with pdf.open_metadata() as meta:
            assert str(meta.get("pdfuaid:part")) == "1"
    marks = outline(result.pdf)
    assert [m for m in marks if not m.startswith(" ")] == \
        [*SECTIONS, "Bilaga: alla beslutade aktiviteter"]
    appendix = marks[marks.index("Bilaga: alla beslutade aktiviteter"):]
    assert "  1. Ett företagsklimat som främjar utveckling, innovation och entreprenörskap" in \
        appendix


def test_every_chart_is_a_figure_with_an_alt_text_that_states_its_numbers(example):
    result, figs = example
    roles, alts = struct_tree(result.pdf)
    figures = [alt for role, alt in alts if role == "/Figure"]
    assert roles["/Figure"] == len(figures) == len(result.charts) == 13
    assert all(len(alt) > 40 for alt in figures)
    shares = next(a for a in figures if a.startswith("Stapel: trafikljus"))
    for label in LIGHTS:
        assert f"{label} {figs.key.by_status[label]} " in shares
    m1 = next(a for a in figures if "M1 Ett bättre företagsklimat" in a)
    assert "2025: plats 138" in m1 and "Rak väg från plats 232 år 2016 till plats 100 år 2028" \
        in m1
    assert roles["/Table"] >= 15 and roles["/TH"] and roles["/H1"] == 6  # and the appendix


@needs_poppler
def test_pdf_fonts_are_embedded_and_none_is_type_3(example):
    result, _ = example
    out = subprocess.run(["pdffonts", str(result.pdf)], capture_output=True, text=True,
                         check=True).stdout
    rows = out.splitlines()[2:]
    assert rows and any("Carlito" in row for row in rows)
    for row in rows:
        assert "Type 3" not in row, row
        emb, sub, uni = row.split()[-5:-2]
        assert (emb, uni) == ("yes", "yes"), row


@needs_poppler
def test_pdf_text_holds_every_activity_and_searchable_words(example):
    result, figs = example
    text = "\n".join(pdf_pages(result.pdf))
    for a in figs.plan.activities:
        assert re.search(rf"(?m)^\s*{re.escape(a.id)}\s", text), a.id
    # No ligatures: words with fi, ff, fl, ti read back whole.
    for word in ("Trafikljus", "Effektivisera", "Identifiera", "offentlig"):
        if word.casefold() in " ".join(a.title.casefold() for a in figs.plan.activities) or \
                word == "Trafikljus":
            assert word in text, word
    pages = pdf_pages(result.pdf)
    assert len(pages) == result.pages
    for number, page in enumerate(pages, start=1):
        assert f"Sida {number} av {len(pages)}" in page
    info = pdf_info(result.pdf)
    width, height = (float(v) for v in re.findall(r"[\d.]+", info["Page size"])[:2])
    assert (round(width), round(height)) == (842, 595)  # A4 landscape in points


@needs_poppler
def test_the_first_page_is_the_year_in_one_page(example):
    result, figs = example
    first = pdf_pages(result.pdf)[0]
    assert "1. Året i korthet" in first and "2. Avvikelser" not in first
    assert "Att notera för kommunstyrelsen" in first and "Läget per fokusområde" in first
    assert re.search(rf"(?m)^\s*{figs.key.total}\s", first)
    assert "aktiviteter i" in first and "rapporten" in first
    red = sum(1 for a in figs.deviations if a.status.value == "Röd")
    assert f"{red} aktiviteter är röda" in first
    assert "Räknar " in first and "utom avbrutna" in first  # what the counts count
    # Each focus area's own assessment of the year's last period (Bedömningar).
    assert "Läget per fokusområde (2026-T2)" in first
    for assessed in (a for a in figs.plan.assessments if a.period == "2026-T2"):
        assert " ".join(assessed.text.split()[:4]) in " ".join(first.split())
    assert "FO3 Etablering" in first
    decided = [d for d in figs.plan.decisions if d.date.year == 2026]
    still = [d for d in decided if d.state is None or d.state.value in ("Öppet", "Pågår")]
    assert (f"Styrgruppen fattade {len(decided)} beslut under 2026; {len(still)} av dem är "
            "ännu inte verkställda") in " ".join(first.split())


@needs_poppler
def test_section_2_says_what_the_steering_group_decided(example):
    result, figs = example
    text = " ".join("\n".join(pdf_pages(result.pdf)).split())
    section = text[text.index("2. Avvikelser och styrgruppens beslut"):
                   text.index("3. Status för beslutade aktiviteter")]
    decided = [d for d in figs.plan.decisions if d.date.year == 2026]
    assert f"Styrgruppens beslut under 2026 ({len(decided)})" in section
    for d in figs.plan.decisions:
        if d.date.year == 2026:
            assert " ".join(d.text.split()[:4]) in section, d.text
    assert "Taxeöversynen lyfts till kommunstyrelsen" in section


@needs_poppler
def test_section_5_has_the_views_of_the_year(example):
    result, figs = example
    text = " ".join("\n".join(pdf_pages(result.pdf)).split())
    section = text[text.index("5. Måltäckning och synpunkter från näringslivet"):]
    assert f"Synpunkter från näringslivet under 2026 ({len(figs.plan.views)})" in section
    assert "en gemensam kalender för alla företagsevenemang" in section
    assert "Näringslivsrådet" in section and "Frukostklubben" in section


@needs_poppler
def test_section_3_names_the_completed_new_cancelled_and_changed(example):
    result, figs = example
    text = "\n".join(pdf_pages(result.pdf))
    assert f"Genomförda under 2026 ({len(figs.completed)})" in text
    assert f"Nya under 2026 ({len(figs.new)})" in text
    assert f"Avbrutna ({len(figs.population.cancelled)})" in text
    section = text[text.index("Genomförda under 2026 ("):text.index("4. Mätbara mål")]
    for a in figs.completed + figs.new + figs.population.cancelled:
        assert a.id in section and a.title.split()[0] in section
    # Changed: the light now against the last follow-up before the year (2025-T3), by hand.
    before = {s.activity_id: s.status for s in figs.plan.history if s.period == "2025-T3"}
    rank = {"Grön": 2, "Gul": 1, "Röd": 0}
    changed = [a.id for a in figs.plan.activities
               if a.id in before and a.status and before[a.id] and a.phase.value == "Pågående"
               and rank[a.status.value] != rank[before[a.id].value]]
    assert f"Ändrat trafikljus under 2026 ({len(changed)})" in text
    listed = section[section.index("Ändrat trafikljus"):]
    assert all(re.search(rf"(?m)^\s*{re.escape(aid)}\s", listed) for aid in changed)


@needs_poppler
def test_goals_read_the_swedish_way_round(example):
    result, figs = example
    text = "\n".join(pdf_pages(result.pdf))
    goals = text[text.index("4. Mätbara mål"):text.index("5. Måltäckning")]
    assert "plats 138 (2025)" in goals and "placering" not in goals.replace(
        "Placering i", "")
    assert re.search(r"75,4 procent \(2025\)", goals)
    assert re.search(r"361[ \u202f]000 \(2025\)", goals) and "antal" not in goals.replace(
        "Antal ", "")
    assert "Mål utan mätvärden: M8 God planberedskap för verksamhetsmark" in goals
    # Where the straight path says a goal should be, with the goal's own decimals.
    m2 = next(item for item in figs.goals if item.goal.id == "M2")
    assert f"index {round(m2.progress.expected)} " in goals
    assert not re.search(r"\b\d+\.\d+\b", re.sub(r"\b\d\.\d\.\d+\b|\b\d\.\d\b", "", goals))


@pytest.mark.e2e
@needs_poppler
def test_a_long_deviation_table_repeats_its_header_on_every_page(many_deviations):
    result = many_deviations
    pages = pdf_pages(result.pdf)
    first = next(i for i, p in enumerate(pages) if "2. Avvikelser" in p)
    last = next(i for i, p in enumerate(pages) if "3. Status för beslutade" in p)
    assert last - first >= 5
    for page in pages[first:last]:
        assert re.search(r"ID\s+Status\s+Aktivitet\s+Ansvarig\s+Orsak till avvikelse", page)
    text = "\n".join(pages[first:last])
    # More deviations than a board document lists: the red ones, all of them, whole.
    red = [a for a in deviation_plan(200).activities if a.status.value == "Röd"]
    assert "alla 200 avvikelser finns i arbetsbokens flik Avvikelser" in " ".join(text.split())
    assert all(re.search(rf"(?m)^\s*{re.escape(a.id)}\s+Röd", text) for a in red)
    assert not re.search(r"(?m)^\s*[\d.]+\s+Gul\s", text)
    assert " ".join(text.split()).count("utförligt.") == sum(a.cause.count("utförligt.")
                                                             for a in red)


def figs_of(plan):
    from plan_sheets.annual.figures import annual_figures

    return annual_figures(plan, year=2026, today=TODAY)


@pytest.mark.e2e
@needs_poppler
def test_a_large_plan_stays_a_board_document(tmp_path):
    from annual_plans import big_plan

    plan = big_plan(10)
    result = write_annual(loaded(plan), tmp_path, year=2026, today=TODAY)
    text = "\n".join(pdf_pages(result.pdf))
    assert len(plan.activities) > 400
    assert "Per insatsområde" in text and "finns i arbetsbokens flik Aktiviteter" in text
    # The body is a board document; every decided activity is in the appendix, about 40 a
    # page, its header row on each of its pages.
    pages = pdf_pages(result.pdf)
    appendix = next(i for i, p in enumerate(pages) if "Bilaga: alla beslutade" in p)
    assert appendix <= 16
    decided = figs_of(plan).population.decided
    assert len(pages) - appendix <= len(decided) / 40 + 3
    for page in pages[appendix + 1:]:
        assert re.search(r"ID\s+Aktivitet\s+Ansvarig\s+Läge\s+Status\s+Under året", page)


@pytest.mark.e2e
@needs_poppler
def test_without_snapshots_the_pack_says_what_it_cannot_show(tmp_path):
    result = write_annual(loaded(replace(example_plan(), history=())), tmp_path, year=2026,
                          today=TODAY)
    text = "\n".join(pdf_pages(result.pdf))
    assert "Statushistoriken har inga uppföljningar att jämföra med." in text
    assert "status-under-aret.png" not in {p.name for p in result.charts}


@needs_poppler
def test_an_empty_huvuddokument_gives_a_pack_that_says_so(tmp_path):
    import warnings

    from plan_sheets.example.start import init_plan

    path = tmp_path / "tomt.xlsx"
    init_plan(path, example=False, force=False)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = write_annual(read_workbook(path), tmp_path, year=2026, today=TODAY)
    text = "\n".join(pdf_pages(result.pdf))
    assert result.charts == []
    assert "Inga aktiviteter i rapporten är gula eller röda." in text
    assert "Inga mål har mätvärden till och med 2026" in text


@pytest.mark.e2e
def test_text_no_font_can_show_becomes_a_question_mark(tmp_path):
    plan = example_plan()
    odd = replace(plan.activities[0], title="Samarbete med 中国 \x07klart 🙂 ✓")
    result = write_annual(loaded(replace(plan, activities=(odd, *plan.activities[1:]))),
                          tmp_path, year=2026, today=TODAY)
    assert result.pages > 5


def recount(path: Path, day: date) -> dict[str, int]:
    """The board's counts from the huvuddokument's cells, read with openpyxl, by the rules
    DESIGN.md states (not through plan-sheets' reader or its population module)."""
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    rows = list(book["Aktiviteter"].iter_rows(min_row=2, values_only=True))
    head = {name: i for i, name in enumerate(rows[0])}
    acts = [dict((name, row[i]) for name, i in head.items()) for row in rows[1:] if row[0]]
    became_done: dict[str, date] = {}
    for when, _period, aid, phase, _status, *_details in sorted(
            (r for r in book["Statushistorik"].iter_rows(min_row=3, values_only=True) if r[0]),
            key=lambda r: r[0]):
        if phase == "Genomförd":
            became_done.setdefault(aid, when.date())
    counts = dict.fromkeys(("counted", "cancelled", "completed", "red", "yellow", "new"), 0)
    for a in acts:
        decided = a["Beslutad"] is not None and a["Beslutad"].date() <= day
        done = None
        if a["Läge"] == "Genomförd":
            end = a["Slut"].date() if hasattr(a["Slut"], "date") else None
            done = became_done.get(a["ID"]) or end
        completed = done is not None and done.year == day.year
        if not (decided or completed):
            continue
        if a["Läge"] == "Avbruten":
            counts["cancelled"] += 1
            continue
        counts["counted"] += 1
        counts["completed"] += completed
        counts["red"] += a["Status"] == "Röd"
        counts["yellow"] += a["Status"] == "Gul"
        counts["new"] += decided and a["Beslutad"].year == day.year
    return counts


def test_counts_equal_a_recount_of_the_huvuddokument(example):
    import openpyxl

    result, figs = example
    counts = recount(EXAMPLE, TODAY)
    assert (figs.key.total, len(figs.population.cancelled), figs.key.completed, figs.key.new) \
        == (counts["counted"], counts["cancelled"], counts["completed"], counts["new"])
    first = " ".join(pdf_pages(result.pdf)[0].split())
    assert f"Räknar {counts['counted']} aktiviteter" in first
    assert f"{counts['red']} aktiviteter är röda och {counts['yellow']} gula" in first
    assert f"{counts['completed']} aktiviteter genomfördes under 2026" in first
    key = {row[0].value: row[1].value for row in
           openpyxl.load_workbook(result.workbook)["Nyckeltal"].iter_rows(min_row=5)}
    assert key["Aktiviteter i rapporten"] == counts["counted"]
    assert key["Status Röd"] == counts["red"]


@pytest.mark.e2e
@needs_poppler
def test_a_past_year_is_the_pdf_of_that_years_last_snapshot(tmp_path):
    import openpyxl

    result = write_annual(read_workbook(EXAMPLE), tmp_path, year=2025, today=TODAY)
    pages = pdf_pages(result.pdf)
    text = " ".join("\n".join(pages).split())
    assert "Årsrapport 2025" in text
    assert "Bygger på ögonblicksbilden 2025-T3 i Statushistorik, tagen 12 december 2025" in \
        " ".join(pages[0].split())
    # Its deviations are the snapshot's yellow and red rows, read from the file itself.
    history = openpyxl.load_workbook(EXAMPLE, read_only=True)["Statushistorik"]
    lights = {r[2]: r[4] for r in history.iter_rows(min_row=3, values_only=True)
              if r[0] and r[1] == "2025-T3"}
    section = text[text.index("2. Avvikelser och styrgruppens beslut"):
                   text.index("3. Status för beslutade aktiviteter")]
    shown = re.findall(r"\b(\d\.\d\.\d+) (Röd|Gul)\b", section)
    assert sorted(shown) == sorted((aid, s) for aid, s in lights.items() if s in ("Röd", "Gul"))
    # Nothing decided in 2026 reaches the board's 2025 report.
    assert "Taxeöversynen lyfts till kommunstyrelsen" not in text


# --- workbook ----------------------------------------------------------------------------------


def test_workbook_charts_reference_the_tables(example):
    import openpyxl

    result, figs = example
    book = openpyxl.load_workbook(result.workbook)
    assert book.sheetnames == ["Nyckeltal", "Status per fokusområde", "Status under året",
                               "Genomförda och nya", "Mål", "Måldiagram", "Måltäckning",
                               "Avvikelser", "Aktiviteter"]
    charts = chart_series(result.workbook)
    status = next(c for c in charts if c[0].startswith("'Status per fokusområde'!"))
    assert status[:3] == ["'Status per fokusområde'!$C$4", "'Status per fokusområde'!$B$5:$B$9",
                          "'Status per fokusområde'!$C$5:$C$9"]
    names = [cells(book, status[i])[0] for i in range(0, 3 * len(LIGHTS), 3)]
    assert names == LIGHTS
    for i, label in enumerate(LIGHTS):
        assert cells(book, status[3 * i + 2]) == [int(v) for v in figs.by_focus[label]]
    assert cells(book, status[1])[0] == "FO1 Företagsklimat"  # Kortnamn, whole
    assert book["Status per fokusområde"]["I5"].value == (
        "1. Ett företagsklimat som främjar utveckling, innovation och entreprenörskap")

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


def test_workbook_tables_hold_the_figures(example, named):
    import openpyxl

    result, figs = example
    assert "Kontaktperson" in [c.value for c in openpyxl.load_workbook(named.workbook)[
        "Avvikelser"][4]]
    book = openpyxl.load_workbook(result.workbook)
    assert book["Nyckeltal"]["A1"].value == ("Årsrapport 2026 – Handlingsplan för "
                                             "näringslivsstrategin Utvecklingskraft i Södertälje")
    key = {row[0].value: row[1].value for row in book["Nyckeltal"].iter_rows(min_row=5)}
    assert key["Aktiviteter i rapporten"] == figs.key.total
    assert key["– varav genomförda under 2026"] == figs.key.completed
    assert key["Status Röd"] == figs.key.by_status["Röd"]
    deviations = book["Avvikelser"]
    header = [c.value for c in deviations[4]]
    assert header[:2] == ["ID", "Status"] and "Kontaktperson" not in header
    ids = [row[0].value for row in deviations.iter_rows(min_row=5) if row[0].value]
    assert ids == [a.id for a in figs.deviations]
    goals = {row[0].value: row for row in book["Mål"].iter_rows(min_row=5)}
    assert goals["M8"][12].value == "Inga mätvärden"
    assert goals["M1"][12].value == "Inte i fas mot målvärdet"


def test_workbook_prints_well(example):
    import openpyxl

    result, figs = example
    book = openpyxl.load_workbook(result.workbook)
    for ws in book.worksheets:
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
        assert 70 <= int(ws.page_setup.scale or 100) <= 100  # fitted to width, at least 70 %
        assert not ws.sheet_properties.pageSetUpPr or not ws.sheet_properties.pageSetUpPr.fitToPage
        for row in ws.iter_rows():
            for cell in row:
                # Names and texts are stored whole, never cut with an ellipsis.
                assert not (isinstance(cell.value, str) and cell.value.rstrip().endswith("…")), \
                    (ws.title, cell.coordinate)
    # A wrapped cell's row is tall enough for its lines.
    acts = book["Aktiviteter"]
    widths = {c: acts.column_dimensions[c].width for c in "ABCDEFGHIJ"}
    tall = [r for r in acts.iter_rows(min_row=5) if len(r[3].value or "") > widths["D"] * 1.2]
    assert tall and all(acts.row_dimensions[r[0].row].height >= 30 for r in tall)
    # Numbers: a thousands separator, and no more decimals than the goal's own figures.
    goals = {row[0].value: row for row in book["Mål"].iter_rows(min_row=5)}
    m1 = next(item for item in figs.goals if item.goal.id == "M1")
    assert goals["M1"][11].value == round(m1.progress.expected)
    assert goals["M1"][11].value == int(goals["M1"][11].value)
    assert goals["M7"][10].number_format == "#,##0"
    assert goals["M3"][10].number_format == "#,##0.0"
    # Each key figure once.
    labels = [row[0].value for row in book["Nyckeltal"].iter_rows(min_row=5) if row[0].value]
    assert len(labels) == len(set(labels)) and "Beslutade aktiviteter" not in labels
    # Two goal charts a page: the page breaks fall between them, never through a chart.
    breaks = [b.id for b in book["Måldiagram"].row_breaks.brk]
    assert len(breaks) == (len(figs.goals) - 1) // 2
    anchors = sorted(c.anchor._from.row for c in book["Måldiagram"]._charts)
    for b in breaks:
        assert all(not (a < b < a + 12) for a in anchors), (b, anchors)


def test_workbook_lists_every_activity_of_the_report(example):
    import openpyxl

    result, figs = example
    acts = openpyxl.load_workbook(result.workbook)["Aktiviteter"]
    header = [c.value for c in acts[4]]
    assert header[:4] == ["ID", "Fokusområde", "Insatsområde", "Aktivitet"]
    assert "Kontaktperson" not in header
    ids = [row[0].value for row in acts.iter_rows(min_row=5) if row[0].value]
    assert ids == [a.id for a in figs.population.decided]
    assert len(figs.population.decided) > len(figs.plan.activities)  # the cancelled too
    status = header.index("Status")
    lights = {row[0].value: row[status].value for row in acts.iter_rows(min_row=5)}
    assert lights["2.6.1"] == "Röd"


def test_every_png_is_its_pdf_chart(example):
    from plan_sheets.annual import charts, plates

    result, figs = example
    _, alts = struct_tree(result.pdf)
    pdf_alts = [alt for role, alt in alts if role == "/Figure"]
    with charts.style():
        chosen = plates.all_plates(figs)
    assert [p.name + ".png" for p in chosen] == [p.name for p in result.charts]
    assert [p.alt for p in chosen] == pdf_alts
    text = "\n".join(pdf_pages(result.pdf))
    for plate in chosen:  # the chart's own title is text in the PDF (searchable)
        assert " ".join(plate.title.split()[:3]) in text, plate.title


# --- personal data -----------------------------------------------------------------------------


@needs_poppler
def test_names_are_in_the_pack_only_when_asked_for(named):
    result = named
    text = "\n".join(pdf_pages(result.pdf))
    assert "Lena Holm" in text and "Erik Sjöberg" in text
    assert "Lena Holm" in xlsx_text(result.workbook)


@needs_poppler
def test_by_default_no_name_is_in_the_pdf_its_metadata_or_the_workbook(example):
    public, _ = example
    text = "\n".join(pdf_pages(public.pdf))
    info = pdf_info(public.pdf)
    workbook = xlsx_text(public.workbook)
    for name in NAMES:
        assert name not in text, name
        assert name not in workbook, name
        assert all(name not in value for value in info.values()), name
    assert info["Author"] == "plan-sheets" and info["Creator"].startswith("Typst")
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


@pytest.mark.e2e
def test_cli_writes_the_pack_and_lists_the_files(tmp_path):
    result = CliRunner().invoke(cli, ["annual", str(EXAMPLE), "--year", "2026", "--out",
                                      str(tmp_path), "--today", "2026-11-26"])
    assert result.exit_code == 0, result.output
    folder = tmp_path / "arsrapport-2026"
    assert f"Skrev årsrapporten i {folder}" in result.stdout
    assert re.search(r"arsrapport-2026\.pdf \(\d+ sidor, 11 avvikelser\)", result.stdout)
    assert "Utan personuppgifter" in result.stdout
    assert "arsrapport-2026.xlsx" in result.stdout and "13 diagram som PNG" in result.stdout
    assert "Skriver" in result.stderr and "Skriver" not in result.stdout
    assert (folder / "arsrapport-2026.pdf").exists() and (folder / "arsrapport-2026.xlsx").exists()


@pytest.mark.e2e
def test_cli_med_namn_includes_the_names(tmp_path):
    result = CliRunner().invoke(cli, ["annual", str(EXAMPLE), "--year", "2026", "--out",
                                      str(tmp_path), "--today", "2026-11-26", "--med-namn"])
    assert result.exit_code == 0, result.output
    assert "Utan personuppgifter" not in result.stdout
    assert "Lena Holm" in xlsx_text(tmp_path / "arsrapport-2026" / "arsrapport-2026.xlsx")
    both = CliRunner().invoke(cli, ["annual", str(EXAMPLE), "--year", "2026", "--out",
                                    str(tmp_path), "--med-namn", "--no-personal-data"])
    assert both.exit_code == 2 and "--med-namn" in both.output


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


@needs_poppler
def test_pdf_cover_says_what_it_counts(example):
    result, figs = example
    out = subprocess.run(["pdftotext", str(result.pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    cover = " ".join(out.split("\f")[0].split())
    assert figs.population.sentence() in cover
    assert "Räknar 57 aktiviteter" in cover
    assert "1 avbruten aktivitet och 2 förslag som väntar på beslut redovisas för sig" in cover
