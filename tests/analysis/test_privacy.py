"""Names from the personal columns are taken out of free text too (`--no-personal-data`)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from builders import TODAY, PlanBook, activity
from plan_sheets.analysis.privacy import REDACTED, Redactor, known_names, public_plan
from plan_sheets.annual.pack import write_annual
from plan_sheets.reports.report import write_reports
from plan_sheets.workbook.model import FocusArea, Plan
from plan_sheets.workbook.reader import read_workbook
from reportcheck import values


def _plan(*activities, leads=("Lena Holm", "")):
    book = PlanBook(activities=list(activities))
    book.focus_areas = [[n, name, lead] for (n, name, _), lead in
                        zip(book.focus_areas, leads, strict=True)]
    return book


def test_known_names_are_every_person_in_the_personal_columns_longest_first(tmp_path):
    book = _plan(activity("1.1.1", Kontaktperson="Eva Ek och Per Lund"),
                 activity("1.2.1", Kontaktperson="Per Lund, Åsa Berg", Mål="M2"),
                 activity("2.1.1", Kontaktperson="", **{"Handläggare": "Bo; Li / Ali Nur"}))
    book.activity_headers = [*book.activity_headers, "Handläggare"]
    plan = read_workbook(book.write(tmp_path / "p.xlsx")).plan
    assert known_names(plan) == ["Lena Holm", "Per Lund", "Åsa Berg", "Ali Nur", "Eva Ek"]


@pytest.mark.parametrize("text, expected", [
    ("Ring Eva Ek om mötet", f"Ring {REDACTED} om mötet"),
    ("Eva Ek/Per: klart", f"{REDACTED}/Per: klart"),
    ("Antal per år", "Antal per år"),          # a name is matched as written, whole words
    ("Eva Ekström ringer", "Eva Ekström ringer"),
    ("Per Lund.", f"{REDACTED}."),
])
def test_the_redactor_takes_whole_names_only(text, expected):
    assert Redactor(["Eva Ek", "Per Lund"])(text) == expected


def test_the_redactor_leaves_other_values_alone():
    redact = Redactor(["Eva Ek"])
    assert redact(12) == 12 and redact(None) is None
    assert Redactor([])("Eva Ek") == "Eva Ek"


def test_public_plan_clears_names_from_every_free_text(tmp_path):
    note = "Eva Ek följer upp; Lena Holm informerad"
    book = _plan(activity("1.1.1", Kontaktperson="Eva Ek", Statuskommentar=note,
                          Status="Gul", **{"Orsak till avvikelse": "Eva Ek sjuk",
                                           "Rekommenderad åtgärd": "Fråga Lena Holm",
                                           "Anteckning": "ring Eva Ek", "Delaktiga": "Eva Ek"}))
    book.activity_headers = [*book.activity_headers, "Anteckning"]
    plan = public_plan(read_workbook(book.write(tmp_path / "p.xlsx")).plan)
    a = plan.activity("1.1.1")
    assert (a.contact, a.status_comment, a.cause, a.action, a.participants, a.extra) == \
        ("", f"{REDACTED} följer upp; {REDACTED} informerad", f"{REDACTED} sjuk",
         f"Fråga {REDACTED}", REDACTED, {"Anteckning": f"ring {REDACTED}"})
    assert "Eva Ek" not in repr(a) and "Lena Holm" not in repr(plan.focus_areas)


@pytest.mark.e2e
def test_public_reports_and_annual_pack_carry_no_name_from_free_text(tmp_path):
    book = _plan(activity("1.1.1", Kontaktperson="Eva Ek", Status="Röd",
                          Statuskommentar="Eva Ek har slutat",
                          **{"Orsak till avvikelse": "Vakans efter Eva Ek",
                             "Rekommenderad åtgärd": "Lena Holm tar över"}))
    loaded = read_workbook(book.write(tmp_path / "p.xlsx"))
    result = write_reports(loaded, tmp_path / "ut", period="2026-T3", today=TODAY,
                           personal_data=False)
    for path in (result.steering, *result.focus_areas):
        text = " ".join(str(v) for rows in values(path).values() for row in rows for v in row)
        assert "Eva Ek" not in text and "Lena Holm" not in text, path.name
        if path in (result.steering, result.focus_areas[0]):
            assert "Vakans efter [namn]" in text, path.name
            assert "[namn] tar över" in text, path.name
    annual = write_annual(loaded, tmp_path / "ar", year=2026, today=TODAY, personal_data=False)
    book_text = " ".join(str(v) for rows in values(annual.workbook).values()
                         for row in rows for v in row)
    assert "Eva Ek" not in book_text and "Lena Holm" not in book_text
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext saknas (poppler-utils): PDF-texten kontrolleras inte")
    pdf_text = subprocess.run(["pdftotext", str(annual.pdf), "-"], capture_output=True,
                              text=True, check=True).stdout
    assert "Eva Ek" not in pdf_text and "Lena Holm" not in pdf_text
    assert "Vakans efter [namn]" in pdf_text


def test_focus_area_leads_count_as_known_names():
    plan = Plan(activities=(), focus_areas=(FocusArea(1, "A", lead="Lena Holm"),))
    assert known_names(plan) == ["Lena Holm"]
