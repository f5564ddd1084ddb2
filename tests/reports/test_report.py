"""`report` on the shipped example: every sheet's rows, the figures, the chart, the layout.

The figures are checked against pandas on the huvuddokument's Aktiviteter
read back from the file, not against figures.py.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import openpyxl
import pandas as pd
import pytest

from builders import TODAY
from plan_sheets.example.followup import PLANTED
from plan_sheets.example.start import init_plan
from plan_sheets.reports.report import write_reports
from plan_sheets.workbook.reader import read_workbook
from plan_sheets.workbook.schema import LIGHTS_BY_LABEL, MISSING_FILL, TRAFFIC_LIGHTS
from plan_sheets.workbook.xlsxbook import MISSING
from reportcheck import chart_series, chart_xml, sheet_text, table, tables, values

STATUSES = ["Grön", "Gul", "Röd", "Genomförd", "Ej satt"]
N = len(STATUSES)
FOCUS_SHEETS = ["FO1 Företagsklimat", "FO2 Kompetensförsörjning", "FO3 Etablering",
                "FO4 Myndighetsutövning", "FO5 Bilden av Södertälje"]
STEERING_SHEETS = ["Att besluta", "Förslag att besluta", "Beslut att följa upp",
                   "Sammanfattning", "Rapportering", "Förändringar i planen", "Per ansvarig",
                   "Synpunkter", "Försenade", "Målkoppling", "Valideringsresultat",
                   *FOCUS_SHEETS]


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report")
    source = folder / "huvuddokument.xlsx"
    init_plan(source, example=True)
    messages: list[str] = []
    result = write_reports(read_workbook(source), folder / "ut", period="2026-T3", today=TODAY,
                           progress=messages.append)
    return SimpleNamespace(source=source, result=result, out=folder / "ut",
                           steering=result.steering, messages=messages)


def _id_key(text: str) -> tuple[int, ...]:
    return tuple(int(p) for p in text.split("."))


@pytest.fixture(scope="module")
def acts(example) -> pd.DataFrame:
    """The huvuddokument's activities as pandas reads them (title row above the header)."""
    frame = pd.read_excel(example.source, sheet_name="Aktiviteter", header=1, engine="calamine",
                          dtype={"ID": str, "Insatsområde": str})
    frame = frame[frame["ID"].notna()].copy()
    # A completed activity without a light is counted as Genomförd, any other as Ej satt.
    frame["Status"] = frame["Status"].fillna(
        frame["Läge"].where(frame["Läge"] == "Genomförd", "Ej satt"))
    frame["Orsak till avvikelse"] = frame["Orsak till avvikelse"].fillna("")
    frame["Rekommenderad åtgärd"] = frame["Rekommenderad åtgärd"].fillna("")
    frame["Mål"] = frame["Mål"].fillna("")
    frame["key"] = frame["ID"].map(_id_key)
    return frame.sort_values("key")


@pytest.fixture(scope="module")
def counted(acts) -> pd.DataFrame:
    """The activities the report counts (DESIGN.md, Populations): decided by the report day,
    not Avbruten."""
    decided = pd.to_datetime(acts["Beslutad"])
    return acts[(decided <= pd.Timestamp(TODAY)) & (acts["Läge"] != "Avbruten")]


def test_the_files_are_where_design_md_says(example):
    assert example.steering == example.out / "styrgrupp" / "styrgruppsrapport-2026-T3.xlsx"
    assert example.result.focus_areas == [
        example.out / "fokusomraden" / f"fokusomrade-{n}-2026-T3.xlsx" for n in range(1, 6)]
    assert all(p.exists() for p in [example.steering, *example.result.focus_areas])
    leftovers = [p.name for p in example.out.rglob(".*.plan-sheets-*.tmp")]
    assert leftovers == []


def test_steering_sheets_in_order_with_valid_names(example):
    names = openpyxl.load_workbook(example.steering, read_only=True).sheetnames
    assert names == STEERING_SHEETS
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)


def test_status_table_matches_pandas(example, counted):
    acts = counted
    summary = tables(example.steering, "Sammanfattning")[0]
    expected = pd.crosstab(acts["Fokusområde"], acts["Status"]).reindex(
        columns=STATUSES, fill_value=0)
    assert summary.headers == ["Fokusområde", "Trafikljus", *STATUSES, "Totalt",
                               "Samlad bedömning", "Väsentliga händelser"]
    assert summary.column("Fokusområde") == FOCUS_SHEETS
    for row, (_focus, counts) in zip(summary.rows, expected.iterrows(), strict=True):
        assert row[2:2 + N] == [int(counts[s]) for s in STATUSES]
        assert row[2 + N] == counts.sum()
        worst = next(s for s in ("Röd", "Gul", "Grön") if counts[s])
        assert row[1] == worst
    assert summary.total[:3 + N] == ["Totalt", "", *(int(expected[s].sum()) for s in STATUSES),
                                 len(acts)]
    # The red activities, as rows of their own table (never one cell growing to a page).
    reds = acts[acts["Status"] == "Röd"].sort_values(["Fokusområde", "key"])
    named = tables(example.steering, "Sammanfattning")[2]
    assert named.headers == [f"Röda aktiviteter ({len(reds)})", "Ansvarig"]
    assert named.column(named.headers[0]) == [f"{r['ID']} {r['Aktivitet']}"
                                              for _, r in reds.iterrows()]


def test_summary_puts_each_assessment_beside_its_traffic_light(tmp_path):
    """The period's Samlad bedömning per focus area; a missing one is marked."""
    from builders import PlanBook

    book = PlanBook(assessments=[["2026-T3", 1, "Går enligt plan.", "Mässan hölls.", None,
                                  None], ["2026-T2", 2, "Förra perioden.", None, None, None]])
    book.activities[2]["Status"] = "Röd"
    path = book.write(tmp_path / "plan.xlsx")
    result = write_reports(read_workbook(path), tmp_path / "ut", period="2026-T3", today=TODAY)
    summary = tables(result.steering, "Sammanfattning")[0]
    assert [(r["Fokusområde"], r["Trafikljus"], r["Samlad bedömning"],
             r["Väsentliga händelser"]) for r in summary.records()] == [
        ("FO1 Företagsklimat", "Grön", "Går enligt plan.", "Mässan hölls."),
        ("FO2 Kompetens", "Röd", MISSING, ""),
    ]
    reds = tables(result.steering, "Sammanfattning")[2]
    assert reds.rows == [["2.1.1 Aktivitet 2.1.1", "Näringslivskontoret"]]


def test_phase_counts_and_follow_ups_match_pandas(example, acts, counted):
    follow = tables(example.steering, "Sammanfattning")[1]
    # Läge is counted over the decided activities: Avbruten is named there, as its own Läge.
    phases = tables(example.result.focus_areas[3], "Sammanfattning")[2]
    mine = acts[acts["Beslutad"].notna() & (acts["Fokusområde"] == 4)]
    expected_phases = mine["Läge"].value_counts()
    assert expected_phases["Avbruten"] == 1
    assert {r[0]: r[1] for r in phases.rows} == {
        p: int(expected_phases.get(p, 0)) for p in ("Planerad", "Pågående", "Genomförd",
                                                    "Avbruten")}
    counts = dict(follow.rows)
    devs = counted[counted["Status"].isin(["Gul", "Röd"])]
    ends = pd.to_datetime(counted["Slut"].map(lambda v: v if isinstance(v, dt.datetime)
                                              else None))
    overdue = counted[(ends < pd.Timestamp(TODAY)) &
                      ~counted["Läge"].isin(["Genomförd", "Avbruten"])]
    assert counts["Avvikelser (gula och röda)"] == len(devs)
    assert counts["– varav röda"] == (devs["Status"] == "Röd").sum()
    assert counts["Avvikelser utan orsak"] == (devs["Orsak till avvikelse"] == "").sum()
    assert counts["Avvikelser utan rekommenderad åtgärd"] == \
        (devs["Rekommenderad åtgärd"] == "").sum()
    assert counts["Försenade aktiviteter"] == len(overdue) == 2
    assert counts["Väntar på beslut i styrgruppen"] == acts["Beslutad"].isna().sum() == 2
    assert counts["Aktiviteter utan mål"] == (counted["Mål"] == "").sum()


def test_follow_ups_link_to_their_sheets(example):
    ws = openpyxl.load_workbook(example.steering)["Sammanfattning"]
    links = {c.value: c.hyperlink.location for row in ws.iter_rows() for c in row
             if c.hyperlink is not None}
    assert links["Avvikelser utan orsak"] == "'Att besluta'!A1"
    assert links["Avvikelser utan rekommenderad åtgärd"] == "'Att besluta'!A1"
    assert links["Försenade aktiviteter"] == "'Försenade'!A1"
    assert links["Väntar på beslut i styrgruppen"] == "'Förslag att besluta'!A1"
    assert links["Fel i huvuddokumentet"] == "'Valideringsresultat'!A1"
    assert links["FO4 Myndighetsutövning"] == "'FO4 Myndighetsutövning'!A1"
    assert all(ws.parent[location.split("!")[0].strip("'")] for location in links.values())


def test_summary_shows_period_date_and_totals(example):
    text = " ".join(sheet_text(example.steering, "Sammanfattning"))
    assert "Styrgruppsrapport 2026-T3" in text
    assert "Rapportdatum: 2026-11-26" in text
    assert "Aktiviteter: 57 i 5 fokusområden och 23 insatsområden (planen har 24)" in text
    assert ("Räknar 57 aktiviteter (beslutade till och med 26 november 2026, utom avbrutna); "
            "1 avbruten aktivitet och 2 förslag som väntar på beslut redovisas för sig.") in text


def test_chart_series_read_the_status_table(example):
    path = example.result.focus_areas[0]
    summary = tables(path, "Sammanfattning")[0]
    first, last = summary.header_row + 1, summary.header_row + len(summary.rows)
    series = chart_series(path)
    assert [s["tx"] for s in series] == [f"Sammanfattning!${c}${summary.header_row}"
                                         for c in "CDEFG"]
    assert {s["cat"] for s in series} == {f"Sammanfattning!$A${first}:$A${last}"}
    lights = {light.label: light.chart for light in LIGHTS_BY_LABEL.values()}
    assert [s["colour"] for s in series] == [lights[s] for s in STATUSES]
    # Readable in black and white: a pattern for each colour but green.
    assert [s["pattern"] for s in series] == ["", "wdUpDiag", "trellis", "ltHorz", "pct20"]
    xml = chart_xml(path)
    assert '<c:barDir val="bar"/>' in xml and '<c:grouping val="stacked"/>' in xml
    assert "Status per insatsområde" in xml and "Antal aktiviteter" in xml
    assert '<c:showVal val="1"/>' in xml
    # The steering group's summary has the status per focus area as a native chart too,
    # patterned for black and white, reading its status table.
    summary = tables(example.steering, "Sammanfattning")[0]
    steering = chart_series(example.steering)
    assert [s["val"] for s in steering] == [
        f"Sammanfattning!${c}${summary.header_row + 1}:${c}${summary.header_row + 5}"
        for c in "CDEFG"]
    assert [s["pattern"] for s in steering] == ["", "wdUpDiag", "trellis", "ltHorz", "pct20"]


def test_deviations_red_first_then_focus_area_with_missing_marked(example, acts):
    devs = tables(example.steering, "Att besluta")[0]
    expected = acts[acts["Status"].isin(["Gul", "Röd"])].copy()
    expected["order"] = list(zip(expected["Status"] != "Röd", expected["Fokusområde"],
                                 expected["key"], strict=True))
    expected = expected.sort_values("order")
    assert devs.column("ID") == list(expected["ID"])
    assert devs.headers == ["ID", "Status", "Fokusområde", "Aktivitet", "Ansvarig",
                            "Orsak till avvikelse", "Rekommenderad åtgärd", "Prioritet",
                            "Varför på listan", "Styrgruppen ombeds", "Senaste beslut"]
    by_id = {r["ID"]: r for r in devs.records()}
    # Why each is on the table, said: its light, its decision or none, what is missing.
    assert by_id["1.4.1"]["Varför på listan"].startswith("Gul; ")
    assert by_id["1.4.1"]["Varför på listan"].endswith("orsak saknas")
    assert all(r["Varför på listan"].split(";")[0] == r["Status"] for r in devs.records())
    assert by_id["1.4.1"]["Orsak till avvikelse"] == MISSING
    assert by_id["5.2.3"]["Rekommenderad åtgärd"] == MISSING
    assert by_id["2.6.1"]["Fokusområde"] == "FO2 Kompetensförsörjning"
    # What is asked follows the decision log: decided since the last update, follow it up.
    assert (by_id["4.4.1"]["Prioritet"], by_id["4.4.1"]["Styrgruppen ombeds"]) == (
        "Hög", "Följa upp beslutet 2026-09-16")
    assert by_id["4.4.1"]["Senaste beslut"].startswith("2026-09-16: Taxeöversynen lyfts")
    assert (by_id["5.2.3"]["Prioritet"], by_id["5.2.3"]["Styrgruppen ombeds"]) == (
        "Ej prioriterad", "Begära in åtgärd från ansvarig och besluta om prioritet")
    assert by_id["1.4.1"]["Styrgruppen ombeds"] == "Begära in orsak från ansvarig"
    assert by_id["5.2.2"]["Styrgruppen ombeds"] == \
        "Ta ställning till den rekommenderade åtgärden"
    ws = openpyxl.load_workbook(example.steering)["Att besluta"]
    missing = [c for row in ws.iter_rows() for c in row if c.value == MISSING]
    assert len(missing) == 2
    assert all(c.fill.fgColor.rgb.endswith(MISSING_FILL[1:]) for c in missing)


def test_changes_since_the_last_snapshot_match_pandas(example, acts):
    history = pd.read_excel(example.source, sheet_name="Statushistorik", header=1,
                            engine="calamine", dtype={"ID": str})
    last = history[history["Period"] == history["Period"].iloc[-1]].set_index("ID")
    taken = pd.Timestamp(last["Datum"].iloc[0])
    rank = {"Röd": 0, "Gul": 1, "Grön": 2}
    expected: set[tuple[str, str]] = set()
    # One category per decided activity: Avbruten, else Ny, else Genomförd, else Sämre/Bättre.
    for _, a in acts[acts["Beslutad"].notna()].iterrows():
        if a["Läge"] == "Avbruten" and (a["ID"] not in last.index or
                                        last.loc[a["ID"]]["Läge"] != "Avbruten"):
            expected.add(("Avbruten", a["ID"]))
            continue
        if a["ID"] not in last.index or pd.Timestamp(a["Beslutad"]) > taken:
            expected.add(("Ny", a["ID"]))
            continue
        before = last.loc[a["ID"]]
        now, was = rank.get(a["Status"]), rank.get(before["Status"])
        if a["Läge"] == "Genomförd" and before["Läge"] != "Genomförd":
            expected.add(("Genomförd", a["ID"]))
        elif now is not None and was is not None and now != was:
            expected.add(("Bättre" if now > was else "Sämre", a["ID"]))
        elif now is not None and was is None and a["Status"] in ("Gul", "Röd"):
            expected.add(("Sämre", a["ID"]))
    top, changes = tables(example.steering, "Förändringar i planen")
    got = [(r["Förändring"], r["ID"]) for r in changes.records()]
    assert set(got) == expected and len(got) == len(expected)
    assert len({aid for _, aid in got}) == len(got)
    assert ("Avbruten", "4.2.2") in got
    kinds = [k for k, _ in got]
    assert kinds == sorted(kinds, key=["Sämre", "Bättre", "Ny", "Genomförd", "Avbruten"].index)
    row = next(r for r in changes.records() if r["ID"] == "3.4.2")
    assert (row["Status före"], row["Status nu"]) == ("Gul", "Röd")
    text = sheet_text(example.steering, "Förändringar i planen")
    assert "Statusförändringar sedan 2026-T2" in text
    # Nothing was merged in the example: no plan changes in Ändringslogg; the cancellation
    # the snapshot shows is on top too, by the same rule as below.
    assert [(r["Förändring"], r["ID"]) for r in top.records()] == [("Avbruten", "4.2.2")]
    assert "Inga insatsområden har lagts till, formulerats om eller avslutats under " \
           "perioden." in text


def test_to_decide_overdue_and_goal_links_match_pandas(example, acts, counted):
    (deviations,) = tables(example.steering, "Att besluta")
    (proposals,) = tables(example.steering, "Förslag att besluta")
    (due,) = tables(example.steering, "Beslut att följa upp")
    assert proposals.column("ID") == list(acts[acts["Beslutad"].isna()]["ID"]) == \
        ["2.6.2", "5.3.4"]
    assert [(r["ID"], r["Följs upp"]) for r in due.records()] == [("3.2.2", dt.date(
        2026, 11, 15))]
    overdue = table(example.steering, "Försenade")
    assert overdue.column("ID") == ["3.2.2", "4.4.1"]
    row = overdue.records()[0]
    assert row["Dagar sedan slut"] == (TODAY - dt.date(2025, 12, 31)).days
    goals, uncovered, unlinked = tables(example.steering, "Målkoppling")
    linked = counted.assign(goal=acts["Mål"].str.split(",")).explode("goal")
    linked["goal"] = linked["goal"].str.strip()
    counts = linked.groupby("goal").size()
    assert {r["ID"]: r["Aktiviteter"] for r in goals.records()} == {
        g: int(counts.get(g, 0)) for g in goals.column("ID")}
    by_status = linked[linked["goal"] == "M7"]["Status"].value_counts()
    m7 = next(r for r in goals.records() if r["ID"] == "M7")
    assert [m7[s] for s in STATUSES] == [int(by_status.get(s, 0)) for s in STATUSES]
    assert uncovered.column("ID") == ["M9"]
    assert unlinked.column("ID") == list(acts[acts["Mål"] == ""]["ID"]) == ["3.5.3"]


def test_validation_results_are_the_planted_findings(example):
    rules, findings = tables(example.steering, "Valideringsresultat")
    assert len(findings.rows) == len(PLANTED)
    assert sorted(findings.column("ID")) == sorted(target for _code, target in PLANTED)
    assert set(findings.column("Allvarlighet")) == {"varning"}
    assert findings.records()[0]["Plats"] == "Aktiviteter!N10"
    assert sum(rules.column("Antal")) == len(PLANTED)
    by_rule = {r["Regel"]: r for r in rules.records()}
    assert by_rule["Ej beslutad"]["Antal"] == 2
    assert by_rule["Ej beslutad"]["Gör så här"] == "Fyll i Beslutad när styrgruppen har beslutat."
    assert example.result.errors == 0 and example.result.warnings == len(PLANTED)


def test_focus_area_sheets_list_their_activities_traffic_lit(example, acts):
    for number, name in enumerate(FOCUS_SHEETS, start=1):
        listed = table(example.steering, name)
        assert listed.column("ID") == list(acts[acts["Fokusområde"] == number]["ID"])
    listed = table(example.steering, "FO1 Företagsklimat")
    # The steering group's copy names offices; the focus-area workbook names contacts too.
    assert listed.headers == ["ID", "Insatsområde", "Aktivitet", "Ansvarig", "Start", "Slut",
                              "Läge", "Status", "Statuskommentar", "Mål", "Budget 2026 (tkr)"]
    assert table(example.result.focus_areas[0], "Aktiviteter").headers == [
        "ID", "Insatsområde", "Aktivitet", "Ansvarig", "Kontaktperson", "Start", "Slut", "Läge",
        "Status", "Statuskommentar", "Mål", "Budget 2026 (tkr)"]
    assert listed.records()[3]["Budget 2026 (tkr)"] == 350
    ws = openpyxl.load_workbook(example.steering)["FO1 Företagsklimat"]
    fills = {TRAFFIC_LIGHTS[s].label: TRAFFIC_LIGHTS[s].fill[1:] for s in TRAFFIC_LIGHTS}
    status_col = listed.headers.index("Status") + 1
    cells = [ws.cell(listed.header_row + i, status_col) for i in range(1, len(listed.rows) + 1)]
    assert {c.value for c in cells} == {"Grön", "Gul"}
    assert all(c.fill.fgColor.rgb.endswith(fills[c.value]) for c in cells)
    assert "Fokusområde 1: Ett företagsklimat som främjar utveckling, innovation och " \
           "entreprenörskap" in sheet_text(example.steering, "FO1 Företagsklimat")


def test_every_table_is_a_real_table_and_every_sheet_prints_on_a4_landscape(example):
    wb = openpyxl.load_workbook(example.steering)
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape", ws.title
        assert ws.page_setup.paperSize == 9
        assert 70 <= int(ws.page_setup.scale or 100) <= 100  # fitted to width, at least 70 %
        assert "&P" in ws.oddFooter.right.text
        assert ws.tables, ws.title
        for t in ws.tables.values():
            assert t.autoFilter is not None
            assert t.tableStyleInfo.showRowStripes
        # Sheets of several tables that each fit a page repeat no header.
        if ws.title not in ("Sammanfattning", "Målkoppling",
                            "Förändringar i planen"):
            *_, last = sorted(ws.tables.values(), key=lambda t: int(t.ref.split(":")[0][1:]))
            header_row = last.ref.split(":")[0].lstrip("ABCDEFGHIJ")
            assert ws.print_title_rows == f"${header_row}:${header_row}"
            # The meeting's lists (Att besluta …) have notes above: not frozen over them.
            if len(ws.tables) == 1 and ws.title not in (
                    "Att besluta", "Förslag att besluta", "Beslut att följa upp"):
                assert ws.freeze_panes == f"A{int(header_row) + 1}"
    # Att besluta repeats its deviations' header row: theirs is the list that grows.
    devs = tables(example.steering, "Att besluta")[0]
    assert wb["Att besluta"].print_title_rows == f"${devs.header_row}:${devs.header_row}"


def test_columns_fit_and_long_text_wraps(example):
    ws = openpyxl.load_workbook(example.result.focus_areas[1])["Avvikelser"]
    widths = {c: ws.column_dimensions[c].width for c in "ABCDEFGH"}
    assert widths["A"] < 12 < widths["D"]
    assert widths["E"] >= len("Utbildningskontoret")
    row = next(r for r in ws.iter_rows(min_row=5) if r[0].value == "2.6.1")
    assert row[7].alignment.wrap_text
    assert ws.row_dimensions[row[0].row].height >= 45


def test_focus_area_workbook_has_summary_chart_activities_and_deviations(example, acts,
                                                                          counted):
    path = example.result.focus_areas[1]
    assert openpyxl.load_workbook(path, read_only=True).sheetnames == [
        "Sammanfattning", "Aktiviteter", "Avvikelser"]
    assert table(path, "Aktiviteter").column("ID") == list(acts[acts["Fokusområde"] == 2]["ID"])
    mine = counted[counted["Fokusområde"] == 2]
    assert table(path, "Avvikelser").column("ID") == ["2.6.1", "2.1.3"]
    summary = tables(path, "Sammanfattning")[0]
    expected = pd.crosstab(mine["Insatsområde"], mine["Status"]).reindex(
        columns=STATUSES, fill_value=0)
    assert summary.column("Insatsområde") == list(expected.index) == [
        "2.1", "2.2", "2.3", "2.4", "2.5", "2.6"]
    assert [r[2:2 + N] for r in summary.rows] == expected.values.tolist()
    series = chart_series(path)
    first, last = summary.header_row + 1, summary.header_row + len(summary.rows)
    assert [s["val"] for s in series] == [f"Sammanfattning!${c}${first}:${c}${last}"
                                          for c in "CDEFG"]
    assert "Status per insatsområde" in chart_xml(path)
    assert "Fokusområdesansvarig: Per Lundgren" in " ".join(sheet_text(path, "Sammanfattning"))


def test_progress_is_reported(example):
    assert example.messages[0] == "Räknar fram rapportens siffror …"
    assert any(str(example.steering) in m for m in example.messages)


def test_values_never_hold_python_reprs(example):
    for path in [example.steering, *example.result.focus_areas]:
        for sheet, rows in values(path).items():
            for row in rows:
                for v in row:
                    assert not (isinstance(v, str) and ("None" == v or "datetime" in v
                                                        or "FormulaWithoutValue" in v)), sheet


def test_an_intervention_area_without_activities_is_said_not_drawn(example):
    path = example.result.focus_areas[0]
    summary = tables(path, "Sammanfattning")[0]
    assert "1.2" not in summary.column("Insatsområde")
    assert summary.column("Insatsområde") == ["1.1", "1.3", "1.4", "1.5"]
    assert "Insatsområde 1.2 har inga aktiviteter att räkna." in sheet_text(path,
                                                                            "Sammanfattning")


def test_numbers_in_swedish_formats_under_right_aligned_headers(example):
    path = example.result.focus_areas[0]
    ws = openpyxl.load_workbook(path)["Sammanfattning"]
    summary = tables(path, "Sammanfattning")[0]
    header = {c.value: c for c in ws[summary.header_row]}
    first = summary.header_row + 1
    total = ws.cell(first, summary.headers.index("Totalt") + 1)
    share = ws.cell(first, summary.headers.index("Andel grön") + 1)
    assert total.number_format == "[>=1000]# ##0;[<=-1000]-# ##0;0"
    assert share.number_format == '0" "%'
    assert (total.alignment.horizontal, share.alignment.horizontal) == ("right", "right")
    assert header["Totalt"].alignment.horizontal == "right"
    assert header["Andel grön"].alignment.horizontal == "right"
    assert header["Insatsområde"].alignment.horizontal in (None, "general", "left")


def test_activity_lists_total_the_staffs_amounts(example):
    from plan_sheets.example.followup import BUDGET, STAFF_COLUMN

    listed = table(example.steering, "FO1 Företagsklimat")
    expected = sum(v for aid, v in BUDGET.items() if aid.startswith("1."))
    assert listed.total[0] == "Totalt"
    assert listed.total[listed.headers.index(STAFF_COLUMN)] == expected == 1550
    assert set(listed.total) - {"Totalt", expected} == {""}
    # Only a column of numbers (and empty cells) is summed; without one, no total row.
    from plan_sheets.reports.sheets import amount_totals
    from plan_sheets.workbook.xlsxbook import CellKind, TableColumn

    columns = [TableColumn("ID", CellKind.ID), TableColumn("Budget", CellKind.ANY),
               TableColumn("Not", CellKind.ANY)]
    totals = amount_totals(columns, [["1.1.1", 100, "x"], ["1.1.2", None, 5]])
    assert [(t.value, bool(t.function)) for t in totals] == [
        ("Totalt", False), (100, True), ("", False)]
    assert amount_totals(columns, [["1.1.1", "100", "x"]]) is None
