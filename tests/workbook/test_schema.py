"""The workbook contract as data: header matching, spellings, colours."""

from __future__ import annotations

import unicodedata

import pytest

from plan_sheets.workbook.model import Phase, Status
from plan_sheets.workbook.schema import (
    ACTIVITIES,
    FOCUS_AREAS,
    GOALS,
    MEASUREMENTS,
    SHEETS,
    TRAFFIC_LIGHTS,
    fold,
    is_personal_header,
    match_header,
    match_headers,
    match_sheet,
    parse_phase,
    parse_status,
)


@pytest.mark.parametrize("written, key", [
    ("Orsak till avvikelse", "cause"),
    ("ORSAK TILL AVVIKELSE", "cause"),
    ("  orsak   till avvikelse ", "cause"),
    ("Orsak\u00a0till\u00a0avvikelse", "cause"),
    ("Lage", "phase"),
    ("LÄGE", "phase"),
    (unicodedata.normalize("NFD", "Läge"), "phase"),
    ("Fokusomrade", "focus_area"),
    ("Focus area", "focus_area"),
    ("Intervention area", "intervention_area"),
    ("Recommended action", "action"),
    ("Last updated", "updated"),
    ("Senast-uppdaterad", "updated"),
    ("Aktivitets-ID", "id"),
    ("Mål", "goals"),
    ("Goals", "goals"),
    ("Status", "status"),
])
def test_activity_headers_match_whatever_the_spelling(written, key):
    assert match_header(ACTIVITIES, written) == key


@pytest.mark.parametrize("written", ["Budget 2026 (tkr)", "Handläggare", "", None, "Status 2"])
def test_staff_columns_match_no_field(written):
    assert match_header(ACTIVITIES, written) is None


def test_the_same_header_means_different_fields_on_different_sheets():
    assert match_header(ACTIVITIES, "Mål") == "goals"
    assert match_header(GOALS, "Mål") == "name"
    assert match_header(MEASUREMENTS, "Mål") == "goal"


def test_every_alias_is_unique_within_its_sheet_but_the_deliberate_two_field_ones():
    shared = set()
    for sheet in SHEETS:
        seen: dict[str, str] = {}
        for f in sheet.fields:
            for name in (f.header, *f.aliases):
                if seen.setdefault(fold(name), f.key) != f.key:
                    shared.add((sheet.name, name, seen[fold(name)], f.key))
    assert shared == {("Fokusområden", "Fokusområde", "id", "name"),
                      ("Fokusområden", "Focus area", "id", "name")}


@pytest.mark.parametrize("name, key", [
    ("Aktiviteter", "activities"), ("aktiviteter ", "activities"), ("Activities", "activities"),
    ("Mal", "goals"), ("Matvarden", "measurements"), ("andringslogg", "changelog"),
    ("Insatsomraden", "intervention_areas"),
])
def test_sheet_names_match_tolerantly(name, key):
    sheet = match_sheet(name)
    assert sheet is not None and sheet.key == key


def test_unknown_sheet_is_the_staffs():
    assert match_sheet("Budget") is None


@pytest.mark.parametrize("spelling, status", [
    ("Grön", Status.GREEN), ("grön", Status.GREEN), ("GRÖN", Status.GREEN),
    ("Gron", Status.GREEN), ("green", Status.GREEN), ("G", Status.GREEN), (" grön ", Status.GREEN),
    ("Gul", Status.YELLOW), ("GUL", Status.YELLOW), ("yellow", Status.YELLOW),
    ("Röd", Status.RED), ("rod", Status.RED), ("RED", Status.RED), ("R", Status.RED),
])
def test_status_spellings(spelling, status):
    assert parse_status(spelling) is status


@pytest.mark.parametrize("spelling", ["Blå", "grönt?", "1", "", None])
def test_not_a_status(spelling):
    assert parse_status(spelling) is None


@pytest.mark.parametrize("spelling, phase", [
    ("Pågående", Phase.ONGOING), ("pagaende", Phase.ONGOING), ("PÅGÅENDE", Phase.ONGOING),
    ("Genomförd", Phase.DONE), ("klar", Phase.DONE), ("Avbruten", Phase.CANCELLED),
    ("planerad", Phase.PLANNED),
])
def test_phase_spellings(spelling, phase):
    assert parse_phase(spelling) is phase


def test_traffic_lights_have_readable_text_and_distinct_colours():
    fills = {TRAFFIC_LIGHTS[s].fill for s in Status}
    assert len(fills) == 3
    for status in Status:
        light = TRAFFIC_LIGHTS[status]
        assert light.label == status.value
        assert light.font != light.fill


@pytest.mark.parametrize("header, personal", [
    ("Kontaktperson", True), ("Handläggare", True), ("Ansvarig person", True), ("Namn", True),
    ("Budget 2026 (tkr)", False), ("Ansvarig", False),
])
def test_personal_headers(header, personal):
    assert is_personal_header(header) is personal


@pytest.mark.parametrize("headers, expected", [
    ({1: "Nr", 2: "Fokusområde"}, {1: "id", 2: "name"}),
    ({1: "Fokusområde", 2: "Namn"}, {1: "id", 2: "name"}),
    ({1: "Namn", 2: "Fokusområde"}, {1: "name", 2: "id"}),
    ({1: "Fokusområde"}, {1: "id"}),
    ({1: "ID", 2: "ID"}, {1: "id", 2: "id"}),
    ({1: "ID", 2: "Nr (gammalt)"}, {1: "id"}),
    ({1: "Nr (gammalt)", 2: "Namn"}, {1: "id", 2: "name"}),
    ({1: "Anteckning", 2: "Namn"}, {2: "name"}),
])
def test_match_headers_settles_headers_that_name_two_fields(headers, expected):
    assert match_headers(FOCUS_AREAS, headers) == expected


def test_match_header_alone_knows_no_remark():
    assert match_header(ACTIVITIES, "Slut (år)") is None
    assert match_headers(ACTIVITIES, {4: "Slut (år)"}) == {4: "end"}
