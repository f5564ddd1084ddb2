"""The pieces of `import` one by one: timelines, colours, offices, IDs, heading rows."""

from __future__ import annotations

import datetime as dt

import pytest

from plan_sheets.importer.ids import assign_ids, id_hint
from plan_sheets.importer.layout import read_heading, sheet_focus
from plan_sheets.importer.timeline import parse_timeline
from plan_sheets.workbook.colours import apply_tint, light_of, resolve
from plan_sheets.workbook.model import Phase, Status
from plan_sheets.workbook.responsibility import split_responsibility

d = dt.date


@pytest.mark.parametrize("text, start, end, ongoing, phase", [
    ("2017", d(2017, 1, 1), d(2017, 12, 31), False, None),
    (2017, d(2017, 1, 1), d(2017, 12, 31), False, None),
    ("2017–2018", d(2017, 1, 1), d(2018, 12, 31), False, None),
    ("2017-2019", d(2017, 1, 1), d(2019, 12, 31), False, None),
    ("2017-18", d(2017, 1, 1), d(2018, 12, 31), False, None),
    ("HT 2017", d(2017, 7, 1), d(2017, 12, 31), False, None),
    ("VT 2018", d(2018, 1, 1), d(2018, 6, 30), False, None),
    ("HT 2017 – VT 2018", d(2017, 7, 1), d(2018, 6, 30), False, None),
    ("Q3 2018", d(2018, 7, 1), d(2018, 9, 30), False, None),
    ("Våren 2019", d(2019, 1, 1), d(2019, 6, 30), False, None),
    ("december 2017", d(2017, 12, 1), d(2017, 12, 31), False, None),
    ("mars–juni 2019", d(2019, 3, 1), d(2019, 6, 30), False, None),
    ("2018-03", d(2018, 3, 1), d(2018, 3, 31), False, None),
    ("2018-05-31", None, d(2018, 5, 31), False, None),
    (dt.datetime(2018, 5, 31), None, d(2018, 5, 31), False, None),
    ("Löpande", None, None, True, None),
    ("2018 och framåt", d(2018, 1, 1), None, True, None),
    ("Från 2018", d(2018, 1, 1), None, False, None),
    ("Klar", None, None, False, Phase.DONE),
    ("Klar 2018", d(2018, 1, 1), d(2018, 12, 31), False, Phase.DONE),
    ("Pågår", None, None, False, Phase.ONGOING),
])
def test_timelines(text, start, end, ongoing, phase):
    timeline = parse_timeline(text)
    assert (timeline.start, timeline.end, timeline.ongoing, timeline.phase) == \
        (start, end, ongoing, phase)
    assert timeline.understood and not timeline.readings


@pytest.mark.parametrize("text", ["2018/19", "2018/2019"])
def test_a_timeline_that_reads_two_ways_is_not_read(text):
    timeline = parse_timeline(text)
    assert (timeline.start, timeline.end, timeline.understood) == (None, None, False)
    assert len(timeline.readings) == 2


@pytest.mark.parametrize("text", ["snart", "när budgeten tillåter"])
def test_an_unreadable_timeline_is_not_read(text):
    assert not parse_timeline(text).understood


@pytest.mark.parametrize("rgb, status", [
    ("00B050", Status.GREEN), ("92D050", Status.GREEN), ("C6EFCE", Status.GREEN),
    ("E2EFDA", Status.GREEN), ("9BBB59", Status.GREEN),
    ("FFFF00", Status.YELLOW), ("FFC000", Status.YELLOW), ("FFEB9C", Status.YELLOW),
    ("FF9900", Status.YELLOW),
    ("FF0000", Status.RED), ("C00000", Status.RED), ("FFC7CE", Status.RED),
    ("C0504D", Status.RED),
])
def test_colours_of_the_three_lights(rgb, status):
    assert light_of(rgb).status is status


@pytest.mark.parametrize("rgb, between", [
    ("FF6600", (Status.RED, Status.YELLOW)), ("CCFF00", (Status.YELLOW, Status.GREEN))])
def test_a_colour_between_two_lights_is_not_guessed(rgb, between):
    reading = light_of(rgb)
    assert (reading.status, reading.between) == (None, between)


@pytest.mark.parametrize("rgb", ["FFFFFF", "F2F2F2", "D9D9D9", "000000", "4472C4"])
def test_grey_white_black_and_blue_are_no_light(rgb):
    reading = light_of(rgb)
    assert (reading.status, reading.between) == (None, None)


def test_a_person_maps_an_unusual_colour():
    assert light_of("FF6600", {"FF6600": Status.YELLOW}).status is Status.YELLOW


def test_theme_tint_and_indexed_colours_resolve_to_rgb():
    assert resolve(rgb="FF00B050") == "00B050"
    assert resolve(theme=9, tint=0.3999755851924192) == "A9D18E"  # Office green, lighter 40 %
    assert resolve(indexed=10) == "FF0000"
    assert resolve(indexed=17) == "008000"
    assert apply_tint("70AD47", -0.25) == "548235"


@pytest.mark.parametrize("text, responsible, participants", [
    ("NLK/SBK", "NLK", ("SBK",)),
    ("Näringslivskontoret, Samhällsbyggnad", "Näringslivskontoret", ("Samhällsbyggnad",)),
    ("NLK och SBK", "NLK", ("SBK",)),
    ("NLK i samverkan med SBK", "NLK", ("SBK",)),
    ("NLK (SBK)", "NLK", ("SBK",)),
    ("Kultur- och fritidskontoret", "Kultur- och fritidskontoret", ()),
])
def test_responsibility_split(text, responsible, participants):
    split = split_responsibility(text)
    assert (split.responsible, split.participants) == (responsible, participants)


def test_usable_ids_are_kept_the_rest_numbered_by_position():
    items = [("1.1", id_hint("1.1.3")), ("1.1", id_hint("1.1.a")), ("1.1", id_hint(None)),
             ("1.2", id_hint("1.1.1")), ("1.1", id_hint("1.1.3")), ("2.1", id_hint("FO2-1"))]
    assert [(a.new_id, a.kept) for a in assign_ids(items)] == [
        ("1.1.3", True), ("1.1.1", False), ("1.1.2", False), ("1.2.1", False),
        ("1.1.4", False), ("2.1.1", False)]
    assert (id_hint("1.1.a").area, id_hint("FO2-1").focus, id_hint("a)").focus) == \
        ("1.1", 2, None)


@pytest.mark.parametrize("text, focus, area, intervention, name", [
    ("Fokusområde 2: God tillgång på arbetskraft", 2, None, False,
     "God tillgång på arbetskraft"),
    ("1.3 Där kommunen bidrar till rådgivning", 1, (1, 3), True, "bidrar till rådgivning"),
    ("2. Där kommunen verkar för utbildning", None, None, True, "verkar för utbildning"),
    ("Insatsområde: där kommunen erbjuder mötesplatser", None, None, True,
     "erbjuder mötesplatser"),
    ("Företagsklimat", None, None, False, "Företagsklimat"),
])
def test_heading_rows(text, focus, area, intervention, name):
    heading = read_heading(text)
    assert (heading.focus, heading.area, heading.intervention, heading.name) == \
        (focus, area, intervention, name)


def test_the_approach_in_a_heading_is_kept_apart():
    heading = read_heading("1.1 Där kommunen erbjuder mötesplatser. Genom att finnas hos dem.")
    assert (heading.name, heading.approach) == ("erbjuder mötesplatser",
                                                "Genom att finnas hos dem.")


@pytest.mark.parametrize("name, focus", [("Fokusområde 2", 2), ("FO3", 3), ("4. Myndighet", 4),
                                         ("5", 5), ("Plan", None)])
def test_a_sheet_name_gives_its_focus_area(name, focus):
    assert sheet_focus(name) == focus
