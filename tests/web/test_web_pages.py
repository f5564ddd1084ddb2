"""The site's pages, read as HTML without a browser: what they show and what they never do."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json

import pytest

from plan_sheets.web import content
from plan_sheets.web.site import render
from plan_sheets.workbook.model import Phase, Status
from webplans import TODAY, Page, act, decision, small_plan, snapshot


def build(plan, *, period="2026-T3", today=TODAY, **options) -> dict[str, str | bytes]:
    site = content.site_content(plan, period=period, today=today, **options)
    return {name: data.decode("utf-8") if name.endswith(".html") else data
            for name, data in render(site).items()}


def pages(files) -> dict[str, Page]:
    return {name: Page(text) for name, text in files.items() if name.endswith(".html")}


def test_the_site_has_its_pages_and_data_files():
    files = build(small_plan())
    assert sorted(files) == ["aktiviteter.csv", "aktiviteter.json", "fokusomrade-1.html",
                             "fokusomrade-2.html", "index.html", "mal-m1.html", "mal-m2.html",
                             "om.html", "stil.css"]


def test_every_page_is_swedish_has_one_h1_and_no_skipped_heading_level():
    for name, page in pages(build(small_plan())).items():
        assert page.lang == "sv", name
        levels = [level for level, _ in page.headings]
        assert levels.count(1) == 1 and levels[0] == 1, (name, page.headings)
        assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), name


def test_no_page_loads_anything_from_outside_or_runs_a_script():
    files = build(small_plan())
    for name, page in pages(files).items():
        assert page.sources == ["stil.css"], name
        assert "script" not in page.tags, name
        assert not [link for link in page.links if "//" in link], name
    assert "@import" not in files["stil.css"].decode() and "url(" not in files["stil.css"].decode()


def test_every_page_links_the_open_data_and_the_about_page():
    for name, page in pages(build(small_plan())).items():
        assert {"aktiviteter.csv", "aktiviteter.json", "om.html"} <= set(page.links), name


def test_each_decided_activity_is_on_its_focus_area_page_and_proposals_are_not():
    read = pages(build(small_plan()))
    one, two = read["fokusomrade-1.html"], read["fokusomrade-2.html"]
    assert {"a-1-1-1", "a-1-1-2", "a-1-2-1", "a-1-2-2"} <= one.ids
    assert "a-2-1-1" in two.ids and "a-2-1-2" not in two.ids
    assert not [n for n, p in read.items() if "2.1.2" in p.text]


def test_completed_and_cancelled_activities_have_their_own_sections():
    page = build(small_plan())["fokusomrade-1.html"]
    done = page.index('id="genomforda"')
    cancelled = page.index('id="avbrutna"')
    assert page.index('id="a-1-1-1"') < done < page.index('id="a-1-2-1"') < cancelled \
        < page.index('id="a-1-2-2"')


def test_a_deviation_shows_its_cause_and_recommended_action():
    text = pages(build(small_plan()))["fokusomrade-1.html"].text
    assert "Orsak till avvikelse: Sen leverans" in text
    assert "Rekommenderad åtgärd: Ny leverantör" in text
    assert "Orsak till avvikelse: Inte angiven" in \
        pages(build(small_plan()))["fokusomrade-2.html"].text


@pytest.mark.parametrize(("status", "symbol", "word"), [
    (Status.GREEN, "✓", "Grön"), (Status.YELLOW, "!", "Gul"), (Status.RED, "✕", "Röd"),
    (None, "–", "Ej satt")])
def test_a_status_is_a_word_and_a_symbol(status, symbol, word):
    html = build(small_plan(act("1.1.1", status=status)))["fokusomrade-1.html"]
    card = html[html.index('id="a-1-1-1"'):]
    assert f'<span class="symbol" aria-hidden="true">{symbol}</span> {word}</span>' in card


def test_text_from_the_workbook_never_becomes_markup():
    evil = "<script>alert(1)</script>"
    plan = small_plan(act("1.1.1", status_comment=evil, title="<b>fet</b> & \"citat\"",
                          responsible="<img src=x onerror=alert(2)>"))
    plan = dataclasses.replace(plan, goals=(dataclasses.replace(
        plan.goals[0], name="<i>mål</i>", source="<a href='x'>k</a>"),))
    files = build(plan)
    for name, page in pages(files).items():
        assert "script" not in page.tags and "img" not in page.tags and "b" not in page.tags, name
        assert "i" not in page.tags, name
    html = files["fokusomrade-1.html"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;fet&lt;/b&gt; &amp; &#34;citat&#34;" in html
    assert evil in pages(files)["fokusomrade-1.html"].text


def test_no_names_by_default_and_contact_persons_with_names():
    plan = small_plan(act("1.1.1", status_comment="Ring Eva Ek om lokalen"))
    public = build(plan)
    for name, data in public.items():
        text = data if isinstance(data, str) else data.decode("utf-8-sig")
        assert "Eva Ek" not in text and "Lena Holm" not in text, name
    assert "Ring [namn] om lokalen" in public["fokusomrade-1.html"]
    named = build(plan, personal_data=True)
    assert "Kontaktperson" in Page(named["fokusomrade-1.html"]).text
    assert "Ring Eva Ek om lokalen" in named["fokusomrade-1.html"]
    header = next(csv.reader(io.StringIO(named["aktiviteter.csv"].decode("utf-8-sig"))))
    assert "Kontaktperson" in header
    assert "Kontaktperson" not in public["aktiviteter.csv"].decode("utf-8-sig")


def test_a_past_period_shows_its_snapshot_not_what_was_written_later():
    live = small_plan(act("1.1.1", status=Status.GREEN, status_comment="Allt klart nu"))
    then = snapshot(live, "2026-T2", dt.date(2026, 8, 20),
                    **{"1_1_1": {"status": Status.RED, "status_comment": "Lokalen saknas",
                                 "cause": "Brand", "action": "Hyr annan"}})
    plan = dataclasses.replace(live, history=then)
    past = pages(build(plan, period="2026-T2"))
    focus = past["fokusomrade-1.html"].text
    assert "Lokalen saknas" in focus and "Allt klart nu" not in focus
    assert "Orsak till avvikelse: Brand" in focus
    assert "Bygger på ögonblicksbilden 2026-T2 i Statushistorik" in past["index.html"].text
    now = pages(build(plan, period="2026-T3"))
    assert "Allt klart nu" in now["fokusomrade-1.html"].text


def test_counts_are_the_reports_population():
    files = build(small_plan())
    text = Page(files["index.html"]).text
    assert "Period 2026-T3 (1 september–31 december 2026)" in text
    assert ("Räknar 4 aktiviteter (beslutade till och med 26 november 2026, utom avbrutna); "
            "1 avbruten aktivitet och 1 förslag som väntar på beslut redovisas för sig.") in text
    html = files["index.html"]
    totals = html[html.index("<tfoot>"):html.index("</tfoot>")]
    assert [c for c in Page(totals).text.split()][1:] == ["2", "1", "1", "0", "4"]


def test_the_periods_decisions_are_on_the_index_and_others_are_not():
    plan = small_plan(decisions=(
        decision(dt.date(2026, 9, 15), "Skjut upp mötet till våren", "1.1.2"),
        decision(dt.date(2026, 3, 1), "Ett gammalt beslut")))
    text = pages(build(plan))["index.html"].text
    assert "15 september 2026: Skjut upp mötet till våren" in text
    assert "Gäller aktivitet 1.1.2 Aktivitet 1.1.2" in text
    assert "Ett gammalt beslut" not in text


def test_changes_since_the_last_snapshot_are_on_the_index():
    live = small_plan()
    before = snapshot(live, "2026-T2", dt.date(2026, 8, 20),
                      **{"1_1_2": {"status": Status.GREEN},
                         "1_2_1": {"phase": Phase.ONGOING}})
    index = build(dataclasses.replace(live, history=before))["index.html"]
    text = Page(index).text
    assert "Jämfört med uppföljningen 2026-T2 (20 augusti 2026)" in text
    assert "Genomförda (1) 1.2.1 Aktivitet 1.2.1" in text
    assert "Sämre status (1) 1.1.2 Aktivitet 1.1.2" in text
    assert 'href="fokusomrade-1.html#a-1-2-1"' in index


def test_a_goal_page_has_a_chart_with_a_text_alternative_and_the_same_values_as_a_table():
    html = build(small_plan())["mal-m1.html"]
    page = Page(html)
    assert '<svg role="img" aria-labelledby="mal-diagram-titel mal-diagram-text"' in html
    assert "uppmätta värden (2016: plats 200, 2024: plats 150, 2025: plats 140)" in page.text
    table = html[html.index("<tbody>"):html.index("</tbody>")]
    assert Page(table).text == ("2016 200 200 Svenskt Näringsliv Utgångsvärde "
                                "2024 150 133,3 Svenskt Näringsliv Enkät "
                                "2025 140 125 Svenskt Näringsliv "
                                "2028 – 100")
    assert "1.1.1 Aktivitet 1.1.1" in page.text and "2.1.1 Aktivitet 2.1.1" in page.text
    assert "1.2.2" not in page.text


def test_a_goal_page_on_a_past_period_shows_the_values_up_to_its_year():
    plan = small_plan()
    page = Page(build(plan, period="2024", today=TODAY)["mal-m1.html"])
    assert "2024: plats 150" in page.text and "2025: plats 140" not in page.text


def test_a_long_focus_area_is_split_by_intervention_area():
    many = [act(f"1.{area}.{n}") for area in (1, 2) for n in range(1, 151)]
    files = build(small_plan(*many, act("2.1.1")))
    read = pages(files)
    assert "a-1-1-1" not in read["fokusomrade-1.html"].ids
    assert {"insatsomrade-1-1.html", "insatsomrade-1-2.html"} <= set(files)
    assert "insatsomrade-1-1.html" in read["fokusomrade-1.html"].links
    assert {f"a-1-1-{n}" for n in range(1, 151)} <= read["insatsomrade-1-1.html"].ids
    assert "a-2-1-1" in read["fokusomrade-2.html"].ids
    for name in ("fokusomrade-1.html", "insatsomrade-1-1.html"):
        levels = [level for level, _ in read[name].headings]
        assert levels.count(1) == 1 and levels[0] == 1, name
        assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), name
    assert max(len(data) for name, data in files.items() if name.endswith(".html")) < 1_000_000


def test_the_open_data_hold_the_decided_activities_period_and_day():
    files = build(small_plan())
    table = list(csv.DictReader(io.StringIO(files["aktiviteter.csv"].decode("utf-8-sig"))))
    assert [r["ID"] for r in table] == ["1.1.1", "1.1.2", "1.2.1", "1.2.2", "2.1.1"]
    assert {(r["Period"], r["Uppgifter per"]) for r in table} == {("2026-T3", "2026-11-26")}
    assert table[1]["Status"] == "Gul" and table[3]["Läge"] == "Avbruten"
    assert table[4]["Mål"] == "M1, M2" and table[0]["Slut"] == "2027-12-31"
    document = json.loads(files["aktiviteter.json"].decode("utf-8"))
    assert (document["period"], document["uppgifter_per"]) == ("2026-T3", "2026-11-26")
    assert [c["namn"] for c in document["kolumner"]] == list(table[0])
    assert all(c["beskrivning"] for c in document["kolumner"])
    assert document["aktiviteter"][1]["Orsak till avvikelse"] == "Sen leverans"


def test_the_about_page_documents_the_columns_and_the_accessibility_statement():
    about = pages(build(small_plan()))["om.html"]
    assert "Länk saknas" in about.text and "Hur ofta sidan uppdateras" in about.text
    document = json.loads(build(small_plan())["aktiviteter.json"])
    for column in document["kolumner"]:
        assert f"{column['namn']} {column['beskrivning']}" in about.text
    linked = pages(build(small_plan(), accessibility_url="https://www.example.se/tillganglighet"))
    assert "https://www.example.se/tillganglighet" in linked["om.html"].links
    assert "Länk saknas" not in linked["om.html"].text


def test_an_accessibility_link_that_is_not_a_web_address_is_not_made_a_link():
    about = pages(build(small_plan(), accessibility_url="javascript:alert(1)"))["om.html"]
    assert not [link for link in about.links if "javascript" in link]
    assert "Länk saknas" in about.text


def test_the_counts_are_said_in_words_and_a_focus_area_without_any_says_so():
    plan = small_plan(act("1.1.1"), act("1.1.2", status=Status.YELLOW),
                      act("2.1.1", decided=None))
    read = pages(build(plan))
    assert "2 beslutade aktiviteter räknas i fokusområdet: ✓ Grön 1, ! Gul 1." in \
        read["fokusomrade-1.html"].text
    assert "Inga beslutade aktiviteter räknas i fokusområdet. 1 förslag väntar" in \
        read["fokusomrade-2.html"].text
    assert "Inga beslutade aktiviteter räknas." in read["index.html"].text


def test_each_value_on_a_goal_page_has_its_own_source():
    plan = small_plan()
    fetched = dataclasses.replace(plan.measurements[1], source="Kolada, hämtad 2026-12-07")
    plan = dataclasses.replace(plan, measurements=(plan.measurements[0], fetched,
                                                   *plan.measurements[2:]))
    html = build(plan)["mal-m1.html"]
    table = Page(html[html.index("<tbody>"):html.index("</tbody>")]).text
    assert "2024 150 133,3 Svenskt Näringsliv Enkät" in table
    assert "2025 140 125 Kolada, hämtad 2026-12-07" in table
    assert "Källa Kolada och inskrivna värden" in Page(html).text


def test_the_index_pages_goal_section_names_where_the_values_come_from():
    plan = small_plan()
    fetched = tuple(dataclasses.replace(m, source="Kolada, hämtad 2026-12-07")
                    if m.goal == "M1" else m for m in plan.measurements)
    index = pages(build(dataclasses.replace(plan, measurements=fetched)))["index.html"].text
    section = index[index.index("Mätbara mål"):]
    m1 = section[section.index("M1 "):section.index("M2 ")]
    assert m1.rstrip().endswith("(källa: Kolada)"), m1
