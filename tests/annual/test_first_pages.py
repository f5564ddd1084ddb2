"""Every labelled number of the documents' first pages, recounted from the huvuddokument.

The plan is built here with one activity of each kind a label could count
wrongly (completed this year without a light, completed last year, planned,
decided this year and cancelled, a proposal, an overdue one). The test reads
the written huvuddokument back and counts by the rules DESIGN.md states, in
plain Python, without the population module; then it reads the numbers the
annual PDF (pdftotext), the annual workbook and the steering workbook print
beside their labels, and compares.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date

import pytest

from plan_sheets.annual.pack import write_annual
from plan_sheets.reports.report import write_reports
from plan_sheets.workbook.model import (
    Activity,
    Decision,
    FocusArea,
    Goal,
    InterventionArea,
    Phase,
    Plan,
    Status,
)
from plan_sheets.workbook.newbook import write_huvuddokument
from plan_sheets.workbook.reader import read_workbook
from reportcheck import sheet_text, tables, values

TODAY = date(2026, 12, 7)
YEAR = 2026
ON, DONE, CANCELLED, PLANNED = Phase.ONGOING, Phase.DONE, Phase.CANCELLED, Phase.PLANNED
G, Y, R = Status.GREEN, Status.YELLOW, Status.RED

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                   reason="poppler (pdftotext) is not installed")


def act(aid: str, phase: Phase, status: Status | None, *, decided: date | None,
        end: date = date(2027, 12, 31), comment: str = "") -> Activity:
    deviation = status in (Y, R)
    return Activity(id=aid, focus_area=int(aid[0]), intervention_area=aid[:3],
                    title=f"Aktivitet {aid}", responsible="Näringslivskontoret", phase=phase,
                    status=status, start=date(2024, 1, 1), end=end, goals=("M1",),
                    decided=decided, status_comment=comment,
                    cause="Orsak." if deviation else "", action="Åtgärd." if deviation else "",
                    updated=date(2026, 11, 1))


ACTIVITIES = (
    act("1.1.1", ON, G, decided=date(2025, 3, 1)),
    act("1.1.2", ON, Y, decided=date(2025, 3, 1)),
    act("1.1.3", DONE, G, decided=date(2025, 3, 1), end=date(2026, 6, 30)),
    act("1.1.4", DONE, None, decided=date(2025, 3, 1), end=date(2026, 3, 31)),
    act("1.2.1", DONE, G, decided=date(2023, 3, 1), end=date(2025, 5, 31)),
    act("2.1.1", PLANNED, None, decided=date(2025, 12, 1)),
    act("2.1.2", ON, R, decided=date(2026, 2, 18)),
    act("2.1.3", CANCELLED, G, decided=date(2026, 2, 18)),
    act("2.1.4", PLANNED, None, decided=None),
    act("2.1.5", ON, G, decided=date(2026, 5, 1), end=date(2026, 10, 31)),
)


def plan() -> Plan:
    return Plan(
        activities=ACTIVITIES,
        focus_areas=(FocusArea(1, "Företagsklimat"), FocusArea(2, "Kompetens")),
        intervention_areas=(InterventionArea("1.1", 1, "möter företagen"),
                            InterventionArea("1.2", 1, "förenklar"),
                            InterventionArea("1.3", 1, "lyssnar"),
                            InterventionArea("2.1", 2, "utbildar")),
        goals=(Goal("M1", "Bättre företagsklimat"),),
        decisions=(Decision(date=date(2026, 5, 13), activity_id="2.1.2",
                            text="Prioritera.", follow_up=date(2026, 11, 15)),),
    )


# --- the recount: DESIGN.md's rules, in plain Python -------------------------------------------


def recount(acts: tuple[Activity, ...]) -> dict[str, int]:
    def completed_in_year(a: Activity) -> bool:
        return a.phase is DONE and a.end is not None and a.end.year == YEAR  # no history: Slut

    decided = [a for a in acts if (a.decided and a.decided <= TODAY) or completed_in_year(a)]
    counted = [a for a in decided if a.phase is not CANCELLED]
    light = {G: "Grön", Y: "Gul", R: "Röd"}

    def label(a: Activity) -> str:
        if a.status is None:
            return "Genomförd" if a.phase is DONE else "Ej satt"
        return light[a.status]

    out = {
        "counted": len(counted),
        "decided": len(decided),
        "cancelled": len(decided) - len(counted),
        "proposals": len(acts) - len(decided),
        "completed": sum(1 for a in counted if completed_in_year(a)),
        "completed_before": sum(1 for a in counted if a.phase is DONE
                                and not completed_in_year(a)),
        "ongoing": sum(1 for a in counted if a.phase is ON),
        "planned": sum(1 for a in counted if a.phase is PLANNED),
        "new": sum(1 for a in counted if a.decided and a.decided.year == YEAR),
        "red": sum(1 for a in counted if a.status is R),
        "yellow": sum(1 for a in counted if a.status is Y),
        "overdue": sum(1 for a in counted if a.phase not in (DONE, CANCELLED)
                       and a.end < TODAY),
        "areas": len({a.intervention_area for a in counted}),
    }
    for name in ("Grön", "Gul", "Röd", "Genomförd", "Ej satt"):
        out[name] = sum(1 for a in counted if label(a) == name)
    return out


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    folder = tmp_path_factory.mktemp("first-pages")
    source = folder / "huvuddokument.xlsx"
    write_huvuddokument(source, plan(), title="Test")
    loaded = read_workbook(source)
    annual = write_annual(loaded, folder / "ut", year=YEAR, today=TODAY)
    steering = write_reports(loaded, folder / "ut", period="2026-T3", today=TODAY)
    return loaded, annual, steering


def test_the_recount_is_of_the_plan_written():
    # The expected figures, by hand, so that the recount itself is checked once.
    assert recount(ACTIVITIES) == {
        "counted": 8, "decided": 9, "cancelled": 1, "proposals": 1, "completed": 2,
        "completed_before": 1, "ongoing": 4, "planned": 1, "new": 2, "red": 1, "yellow": 1,
        "overdue": 1, "areas": 3, "Grön": 4, "Gul": 1, "Röd": 1, "Genomförd": 1,
        "Ej satt": 1}


def pdf_text(path, first: int, last: int) -> str:
    out = subprocess.run(["pdftotext", "-f", str(first), "-l", str(last), str(path), "-"],
                         capture_output=True, text=True, check=True).stdout
    return " ".join(out.split())


def page_of(path, heading: str) -> int:
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
        ["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout)[1])
    return next(p for p in range(1, pages + 1) if heading in pdf_text(path, p, p))


@needs_poppler
def test_the_annual_pdf_first_page_counts_what_its_labels_say(written):
    loaded, annual, _steering = written
    n = recount(loaded.plan.activities)
    page = pdf_text(annual.pdf, 1, 1)
    from plan_sheets.annual.figures import annual_figures
    from plan_sheets.annual.pdf import key_tiles

    # Every tile's number against the recount; the parts by Läge add up to the whole.
    figs = annual_figures(loaded.plan, year=YEAR, today=TODAY)
    tiles = {t["label"]: int(t["value"]) for t in key_tiles(figs, n["red"], n["yellow"])}
    assert tiles == {
        "aktiviteter i rapporten": n["counted"],
        f"varav genomförda under {YEAR}": n["completed"],
        f"varav genomförda före {YEAR}": n["completed_before"],
        "varav pågående": n["ongoing"], "varav planerade": n["planned"],
        f"nya under {YEAR}": n["new"], "röda avvikelser": n["red"]}
    assert sum(v for k, v in tiles.items() if k.startswith("varav")) == n["counted"]
    for label in tiles:  # each tile's label is printed on the page
        assert all(word in page for word in label.split())
    assert f"Räknar {n['counted']} aktiviteter" in page
    assert f"{n['cancelled']} avbruten aktivitet och {n['proposals']} förslag" in page
    assert "Ny: beslutad av styrgruppen under 2026 och inte avbruten" in page
    # Named, with Slut, and the adjective in the number of its noun.
    assert ("1 aktivitet har passerat sitt slutdatum utan att vara genomförd: 2.1.5 "
            "Aktivitet 2.1.5 (Slut 31 okt. 2026)") in page
    assert "1 beslut har passerat sitt uppföljningsdatum utan att vara verkställt: 13 maj " \
           "2026 2.1.2 Aktivitet 2.1.2 (Följs upp 15 nov. 2026)" in page
    # The focus areas' table: Grön, Gul, Röd, Genomförd, Ej satt per area, summing to all.
    cells = [int(v) for v in re.search(r"Grön Gul Röd Genomförd Ej satt ((?:\d+ ){9}\d+)",
                                       page)[1].split()]
    summed = [a + b for a, b in zip(cells[:5], cells[5:], strict=True)]
    assert summed == [n[k] for k in ("Grön", "Gul", "Röd", "Genomförd", "Ej satt")]


@needs_poppler
def test_the_annual_pdf_status_section_says_what_else_it_counts(written):
    loaded, annual, _steering = written
    n = recount(loaded.plan.activities)
    page = pdf_text(annual.pdf, *(page_of(annual.pdf, "Status för beslutade aktiviteter"),) * 2)
    assert (f"Alla {n['decided']} aktiviteter med läge och trafikljus: de {n['counted']} i "
            f"rapporten") in page
    assert f"och {n['cancelled']} avbruten, som inte har något trafikljus" in page
    # The cancelled activity has no light (nor Ej satt); the one completed without a light
    # is Genomförd.
    from plan_sheets.annual.figures import annual_figures
    from plan_sheets.annual.pdf import document

    doc = document(annual_figures(loaded.plan, year=YEAR, today=TODAY), title="Test",
                   source="h.xlsx", personal_data=False)
    rows = {row[0]: row for section in doc["sections"] for block in section["blocks"]
            if block["kind"] == "table" and block["header"][:2] == ["ID", "Aktivitet"]
            and len(block["header"]) == 7 for row in block["rows"]}
    assert rows["2.1.3"][3:5] == ["Avbruten", "–"]
    assert rows["1.1.4"][3:5] == ["Genomförd", "Genomförd"]
    assert set(rows) == {a.id for a in loaded.plan.activities if a.id != "2.1.4"}


def test_the_annual_workbook_counts_new_and_cancelled_by_one_rule(written):
    loaded, annual, _steering = written
    n = recount(loaded.plan.activities)
    cells = values(annual.workbook)
    key = {row[0]: row[1] for row in cells["Nyckeltal"] if row and isinstance(row[0], str)}
    assert key["Aktiviteter i rapporten"] == n["counted"]
    assert sum(v for k, v in key.items() if k.startswith("– varav")) == n["counted"]
    assert key[f"Nya under {YEAR} (beslutade under året, utom avbrutna)"] == n["new"]
    assert key["Avbrutna (redovisas för sig)"] == n["cancelled"]
    sheet = cells["Aktiviteter"]
    header = next(i for i, row in enumerate(sheet) if row and row[0] == "ID")
    at = sheet[header].index(f"Under {YEAR}")
    column = [row[at] for row in sheet[header + 1:] if row and row[0]]
    assert len(column) == n["decided"]
    assert sum(1 for v in column if v.startswith("Ny")) == n["new"]
    assert sum(1 for v in column if v == "Avbruten") == n["cancelled"]
    assert sum(1 for v in column if "enomförd" in v) == n["completed"]


def test_the_steering_workbook_first_sheets_count_one_population(written):
    loaded, _annual, steering = written
    n = recount(loaded.plan.activities)
    status = tables(steering.steering, "Sammanfattning")[0]
    total = dict(zip(status.headers, status.total, strict=True))
    for label in ("Grön", "Gul", "Röd", "Genomförd", "Ej satt"):
        assert total[label] == n[label], label
    assert total["Totalt"] == n["counted"]
    text = " ".join(sheet_text(steering.steering, "Sammanfattning"))
    assert f"{n['counted']} i 2 fokusområden och {n['areas']} insatsområden (planen har 4)" \
        in text
    to_decide = tables(steering.steering, "Att besluta")
    asked = dict(zip(to_decide[0].headers, to_decide[0].rows[0], strict=True))
    assert asked["ID"] == "2.1.2"
    assert asked["Varför på listan"].startswith("Röd; uppdaterad 2026-11-01, efter det senaste "
                                                "beslutet 2026-05-13")
