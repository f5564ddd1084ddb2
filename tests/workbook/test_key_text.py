"""Keys are compared in one form (schema.key_text); free text is read as typed."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builders import PlanBook
from plan_sheets.workbook.findings import display, make
from plan_sheets.workbook.reader import read_workbook
from plan_sheets.workbook.schema import fold, key_text, match_sheet, parse_status


@pytest.mark.parametrize("typed, key", [
    ("1.1.3\u200b", "1.1.3"),
    ("\ufeff1.1.3", "1.1.3"),
    ("1.1.3\u00a0", "1.1.3"),
    ("Na\u0308ringslivskontoret", "Näringslivskontoret"),
    ("Närings\u00adlivskontoret\u2060", "Näringslivskontoret"),
    (" Kultur-\u200doch  fritid\n", "Kultur-och fritid"),
    ("2026-T3\t", "2026-T3"),
])
def test_key_text(typed, key):
    assert key_text(typed) == key


@given(st.text())
def test_key_text_is_its_own_key(text):
    once = key_text(text)
    assert key_text(once) == once and once == once.strip()


def test_spellings_sheets_and_headers_go_through_the_key():
    assert parse_status("Grön\u200b") is parse_status("Grön")
    assert match_sheet("Aktiviteter\ufeff") is match_sheet("Aktiviteter")
    assert fold("Statuskommentar\u200c") == fold("Statuskommentar")


def test_messages_show_invisible_characters():
    assert display("Grön\u200b") == "Grön⟨U+200B⟩"
    finding = make("STATUS_INVALID", sheet="Aktiviteter", row=3, column=12, value="Blå\ufeff")
    assert finding.message == "Status ”Blå⟨U+FEFF⟩” är inte Grön, Gul eller Röd."


def test_the_reader_keeps_free_text_and_reads_keys(tmp_path):
    book = PlanBook()
    book.activities[0].update({"ID": "1.1.1\u200b", "Statuskommentar": "  två\n\n",
                               "Mål": "M1\u200b", "Insatsområde": "1.1\u00a0"})
    book.activities[1]["Statuskommentar"] = "   "
    plan = read_workbook(book.write(tmp_path / "plan.xlsx")).plan
    first = plan.activity("1.1.1")
    assert (first.goals, first.intervention_area) == (("M1",), "1.1")
    assert first.status_comment == first.raw["status_comment"] == "  två\n\n"
    assert plan.activity("1.2.1").raw["status_comment"] is None  # only spaces: empty
