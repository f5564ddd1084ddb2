"""Which activities the reports count (DESIGN.md, Populations), against plans built here.

Each expected figure is counted in the test from the activities it builds,
not through population.py, so that a wrong rule shows up as a difference.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from annual_plans import TODAY, loaded
from plan_sheets.analysis import figures
from plan_sheets.analysis.population import completion_days, population
from plan_sheets.annual import figures as annualdata
from plan_sheets.example.followup import example_plan
from plan_sheets.reports.report import write_reports
from plan_sheets.workbook.model import (
    Activity,
    FocusArea,
    Goal,
    InterventionArea,
    Phase,
    Plan,
    Snapshot,
    Status,
)
from plan_sheets.workbook.newbook import write_huvuddokument
from plan_sheets.workbook.reader import read_workbook
from reportcheck import sheet_text, tables

ON, DONE, CANCELLED, PLANNED = Phase.ONGOING, Phase.DONE, Phase.CANCELLED, Phase.PLANNED
G, Y, R = Status.GREEN, Status.YELLOW, Status.RED
DECIDED = date(2025, 1, 15)


def act(aid: str, phase: Phase, status: Status | None, *, decided: date | None = DECIDED,
        end: date | None = date(2027, 12, 31), goals: tuple[str, ...] = ("M1",)) -> Activity:
    return Activity(id=aid, focus_area=int(aid[0]), intervention_area=aid[:3],
                    title=f"Aktivitet {aid}", responsible="Näringslivskontoret", phase=phase,
                    status=status, end=end, goals=goals, decided=decided,
                    start=date(2025, 1, 1))


def small_plan(*activities: Activity, history: tuple[Snapshot, ...] = ()) -> Plan:
    return Plan(activities=activities,
                focus_areas=(FocusArea(1, "Företagsklimat"), FocusArea(2, "Kompetens")),
                intervention_areas=(InterventionArea("1.1", 1, "möter företagen"),
                                    InterventionArea("2.1", 2, "utbildar")),
                goals=(Goal("M1", "Bättre företagsklimat"),), history=history)


MIXED = (act("1.1.1", ON, G), act("1.1.2", ON, Y), act("1.1.3", CANCELLED, None),
         act("1.1.4", PLANNED, None), act("2.1.1", ON, R), act("2.1.2", CANCELLED, G),
         act("2.1.3", PLANNED, None, decided=None), act("2.1.4", ON, G, decided=None))


def test_the_three_groups_are_counted_once_each():
    pop = population(small_plan(*MIXED), day=TODAY)
    assert [a.id for a in pop.counted] == ["1.1.1", "1.1.2", "1.1.4", "2.1.1"]
    assert [a.id for a in pop.cancelled] == ["1.1.3", "2.1.2"]
    assert [a.id for a in pop.proposals] == ["2.1.3", "2.1.4"]
    assert pop.sentence() == (
        "Räknar 4 aktiviteter (beslutade till och med 26 november 2026, utom avbrutna); "
        "2 avbrutna aktiviteter och 2 förslag som väntar på beslut redovisas för sig.")
    # Decided after the report day is not decided yet.
    later = population(small_plan(*MIXED), day=date(2025, 1, 14))
    assert later.counted == () and later.cancelled == () and len(later.proposals) == 8


def test_the_steering_summary_never_counts_a_cancelled_activity_as_ej_satt(tmp_path):
    source = tmp_path / "huvuddokument.xlsx"
    write_huvuddokument(source, small_plan(*MIXED), title="Test")
    result = write_reports(read_workbook(source), tmp_path / "ut", period="P1", today=TODAY)
    status = tables(result.steering, "Sammanfattning")[0]
    rows = {r["Fokusområde"]: r for r in status.records()}
    # Counted by hand from MIXED: area 1 has Grön, Gul and a Planerad without status;
    # area 2 one Röd. The cancelled and the proposals are in neither row nor any total.
    assert [rows["FO1 Företagsklimat"][k] for k in ("Grön", "Gul", "Röd", "Ej satt", "Totalt")] \
        == [1, 1, 0, 1, 3]
    assert [rows["FO2 Kompetens"][k] for k in ("Grön", "Gul", "Röd", "Ej satt", "Totalt")] \
        == [0, 0, 1, 0, 1]
    assert status.total[7] == 4
    # Läge is counted over the decided activities, in each focus area's workbook.
    assert [dict((r[0], r[1]) for r in tables(path, "Sammanfattning")[2].rows)["Avbruten"]
            for path in result.focus_areas] == [1, 1]
    text = " ".join(sheet_text(result.steering, "Sammanfattning"))
    assert "2 avbrutna aktiviteter och 2 förslag som väntar på beslut redovisas för sig" in text
    assert tables(result.steering, "Förslag att besluta")[0].column("ID") == ["2.1.3", "2.1.4"]
    focus = " ".join(sheet_text(result.focus_areas[0], "Sammanfattning"))
    assert "Räknar 3 aktiviteter" in focus and "1 avbruten aktivitet redovisas för sig" in focus


def test_each_changed_activity_is_in_exactly_one_category():
    taken = date(2026, 8, 28)
    before = {"1.1.1": (ON, Y), "1.1.2": (ON, G), "1.1.3": (ON, G), "1.1.4": (ON, R),
              "2.1.1": (ON, G), "2.1.3": (PLANNED, None)}
    now = (act("1.1.1", DONE, G),       # Gul -> Grön and Genomförd: Genomförd only
           act("1.1.2", ON, Y),         # Sämre
           act("1.1.3", CANCELLED, None),  # Avbruten, not Sämre nor Ej satt
           act("1.1.4", ON, G),         # Bättre
           act("2.1.1", ON, G),         # unchanged
           act("2.1.2", ON, G),         # not in the snapshot: Ny
           act("2.1.3", ON, G, decided=date(2026, 9, 10)),  # decided after it: Ny
           act("2.1.4", ON, R, decided=None))  # a proposal: in no category
    history = tuple(Snapshot(taken, "2026-T2", aid, phase, status)
                    for aid, (phase, status) in before.items())
    plan = small_plan(*now, history=history)
    changes = figures.changes_since_last_snapshot(plan, population(plan, day=TODAY))
    assert changes.since == "2026-T2"
    got = [(kind, a.id) for kind, acts in (
        ("Sämre", [a for a, _ in changes.worse]), ("Bättre", [a for a, _ in changes.better]),
        ("Ny", changes.new), ("Genomförd", changes.completed),
        ("Avbruten", changes.cancelled)) for a in acts]
    assert sorted(got) == sorted([("Genomförd", "1.1.1"), ("Sämre", "1.1.2"),
                                  ("Avbruten", "1.1.3"), ("Bättre", "1.1.4"), ("Ny", "2.1.2"),
                                  ("Ny", "2.1.3")])


def test_completed_during_the_year_is_when_lage_became_genomford():
    def snaps(aid, *phases):
        days = (date(2025, 12, 12), date(2026, 4, 24), date(2026, 8, 28), date(2026, 12, 5))
        return [Snapshot(day, f"P{i}", aid, phase, G) for i, (day, phase)
                in enumerate(zip(days, phases, strict=False))]

    late = act("1.1.1", DONE, G, end=date(2025, 12, 31))      # Slut 2025, marked done 2026
    early = act("1.1.2", DONE, G, end=date(2025, 6, 30))      # done before the first snapshot
    between = act("1.1.3", DONE, G, end=date(2026, 7, 1))     # Slut between two snapshots
    untracked = act("1.1.4", DONE, G, end=date(2025, 3, 31))  # no snapshot at all
    history = (*snaps("1.1.1", ON, ON, ON, DONE), *snaps("1.1.2", DONE, DONE, DONE, DONE),
               *snaps("1.1.3", ON, ON, DONE, DONE))
    plan = small_plan(late, early, between, untracked, history=tuple(history))
    assert completion_days(plan) == {"1.1.1": date(2026, 12, 5), "1.1.2": date(2025, 6, 30),
                                     "1.1.3": date(2026, 7, 1), "1.1.4": date(2025, 3, 31)}
    figs = annualdata.annual_figures(plan, year=2026, today=date(2026, 12, 6))
    assert [a.id for a in figs.completed] == ["1.1.1", "1.1.3"]
    assert figs.completed_on["1.1.1"] == date(2026, 12, 5)


def test_every_page_of_the_annual_report_counts_the_same_activities():
    # As after the demo's merge: a snapshot of today's period holding every activity,
    # the proposals and the cancelled one too.
    base = example_plan()
    today = date(2026, 12, 5)
    snapshot = tuple(Snapshot(today, "2026-T3", a.id, a.phase, a.status)
                     for a in base.activities)
    plan = replace(base, history=(*base.history, *snapshot))
    figs = annualdata.annual_figures(plan, year=2026, today=today)
    counted = [a for a in base.activities if a.decided and a.decided <= today
               and a.phase is not Phase.CANCELLED]
    assert len(counted) == 57 and len(base.activities) == 60
    assert figs.key.total == len(figs.plan.activities) == len(counted)
    assert int(figs.by_focus["Totalt"].sum()) == len(counted)
    assert int(figs.over_year.loc["2026-T3", ["Grön", "Gul", "Röd", "Ej satt"]].sum()) == \
        len(counted)
    assert figs.key.cancelled == 1 and figs.key.proposals == 2
    linked = sum(len(a.goals) for a in counted)
    assert int(figs.coverage["Totalt"].sum()) == linked


def test_the_annual_workbook_says_what_it_counts(tmp_path):
    from plan_sheets.annual import workbook as annualbook
    from reportcheck import values

    figs = annualdata.annual_figures(example_plan(), year=2026, today=TODAY)
    path = annualbook.write_workbook(figs, tmp_path / "a.xlsx", title="Test", personal_data=True)
    cells = [v for row in values(path)["Nyckeltal"] for v in row if isinstance(v, str)]
    assert any("Räknar 57 aktiviteter" in v and "1 avbruten aktivitet och 2 förslag som väntar "
               "på beslut redovisas för sig" in v for v in cells)


def test_the_report_summary_in_the_terminal_says_what_it_counts(tmp_path):
    result = write_reports(loaded(small_plan(*MIXED), tmp_path / "h.xlsx"), tmp_path / "ut",
                           period="P1", today=TODAY)
    assert any(line.startswith("Räknar 4 aktiviteter") for line in result.summary())
