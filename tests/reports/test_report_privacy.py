"""`--no-personal-data`: no names anywhere in the files, not even in their properties."""

from __future__ import annotations

import re
import zipfile
from dataclasses import replace

import pytest

from builders import TODAY, PlanBook
from plan_sheets.example.followup import CONTACTS, FOCUS_LEADS, example_plan
from plan_sheets.reports.report import write_reports
from plan_sheets.workbook.newbook import write_huvuddokument
from plan_sheets.workbook.reader import read_workbook
from reportcheck import core_properties, sheet_text, table, values

OFFICER = "Lisa Handläggarsson"
NAMES = sorted({*CONTACTS.values(), *FOCUS_LEADS.values(), OFFICER})


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    plan = example_plan()
    plan = replace(plan, activities=tuple(
        replace(a, extra={**a.extra, "Handläggare": OFFICER, "Ansvarig person": OFFICER})
        for a in plan.activities))
    path = tmp_path_factory.mktemp("privacy") / "huvuddokument.xlsx"
    write_huvuddokument(path, plan, title="Test")
    return path


def _write(source, folder, *, personal_data):
    return write_reports(read_workbook(source), folder, period="2026-T3", today=TODAY,
                         personal_data=personal_data)


def _all_xml(path) -> str:
    with zipfile.ZipFile(path) as archive:
        return "".join(archive.read(n).decode("utf-8") for n in archive.namelist()
                       if n.endswith(".xml") or n.endswith(".rels"))


def test_public_reports_hold_no_names(source, tmp_path):
    result = _write(source, tmp_path, personal_data=False)
    for path in (result.steering, *result.focus_areas):
        text = " ".join(str(v) for rows in values(path).values() for row in rows for v in row)
        xml = _all_xml(path)
        for name in NAMES:
            assert name not in text, (path.name, name)
            assert name not in xml, (path.name, name)
    headers = table(result.steering, "FO1 Företagsklimat").headers
    assert "Kontaktperson" not in headers and "Handläggare" not in headers
    assert "Ansvarig person" not in headers
    assert headers[-1] == "Budget 2026 (tkr)"  # a staff column without a person stays
    assert "Ansvarig" in headers  # the responsible office is not personal data


def test_public_reports_have_empty_author_properties(source, tmp_path):
    result = _write(source, tmp_path, personal_data=False)
    for path in (result.steering, *result.focus_areas):
        props = core_properties(path)
        creator = re.search(r"<dc:creator>(.*?)</dc:creator>", props)
        assert creator is None or creator.group(1) == ""
        for tag in ("Manager", "Company"):
            found = re.search(rf"<{tag}>(.*?)</{tag}>", props)
            assert found is None or found.group(1) == ""


def test_internal_reports_keep_the_names_where_the_working_groups_need_them(source, tmp_path):
    result = _write(source, tmp_path, personal_data=True)
    focus = table(result.focus_areas[2], "Aktiviteter")
    assert {"Kontaktperson", "Handläggare", "Ansvarig person"} <= set(focus.headers)
    assert "Maria Åkesson" in focus.column("Kontaktperson")
    assert set(focus.column("Handläggare")) == {OFFICER}
    assert "Fokusområdesansvarig: Lena Holm" in " ".join(
        sheet_text(result.focus_areas[0], "Sammanfattning"))
    assert "<dc:creator>plan-sheets</dc:creator>" in core_properties(result.steering)
    # The steering group's workbook names offices and the focus-area leads, not contacts.
    steering = table(result.steering, "FO3 Etablering")
    assert not {"Kontaktperson", "Handläggare", "Ansvarig person"} & set(steering.headers)
    text = " ".join(sheet_text(result.steering, "FO3 Etablering"))
    assert "Fokusområdesansvarig: Maria Åkesson" in text and OFFICER not in text


def test_public_steering_sheets_name_no_assessment_author(tmp_path):
    book = PlanBook(assessments=[["2026-T3", 1, "Lena Holm bedömer att det går bra.", None,
                                  "Lena Holm", None]])
    source = book.write(tmp_path / "h.xlsx")
    result = write_reports(read_workbook(source), tmp_path / "ut", period="2026-T3",
                           today=TODAY, personal_data=False)
    text = " ".join(sheet_text(result.steering, "Sammanfattning"))
    assert "[namn] bedömer att det går bra." in text and "Lena Holm" not in text
