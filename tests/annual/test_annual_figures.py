"""The figures behind every chart of the chart pack, against counts made here from the plan.

Nothing here calls figures.py: each expected value is counted from the plan's
activities, snapshots and measurements directly, so that a mistake in the
shared figures shows up as a difference.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date

import pytest

from annual_plans import TODAY, big_plan
from plan_sheets import swedish
from plan_sheets.annual import figures as annualdata
from plan_sheets.example.followup import example_plan
from plan_sheets.workbook.model import Direction, Phase, Plan, Status

LABEL = {Status.GREEN: "Grön", Status.YELLOW: "Gul", Status.RED: "Röd", None: "Ej satt"}
LIGHTS = ["Grön", "Gul", "Röd", "Genomförd", "Ej satt"]


def label(a) -> str:
    """Counted by hand: a completed activity without a light is `Genomförd`, not `Ej satt`."""
    return "Genomförd" if a.status is None and a.phase is Phase.DONE else LABEL[a.status]


def completed_on(plan: Plan) -> dict[str, date | None]:
    """When each Genomförd activity's Läge became Genomförd, read backwards from its latest
    snapshot: the earliest snapshot of the unbroken Genomförd run at the end, or Slut if Slut
    lies after the snapshot before that run; without a Genomförd snapshot, Slut or Senast
    uppdaterad."""
    out = {}
    for a in plan.activities:
        if a.phase is not Phase.DONE:
            continue
        snaps = sorted((s for s in plan.history if s.activity_id == a.id),
                       key=lambda s: s.date, reverse=True)
        run = []
        for s in snaps:
            if s.phase is not Phase.DONE:
                break
            run.append(s)
        end = None if a.ongoing else a.end
        if not snaps or snaps[0].phase is not Phase.DONE:
            out[a.id] = end or a.updated
            continue
        first = run[-1].date
        previous = snaps[len(run)].date if len(run) < len(snaps) else date.min
        out[a.id] = end if end is not None and previous < end <= first else first
    return out


def expected_scope(plan: Plan, year: int, today: date) -> list:
    """Decided by the report day or completed during the year, and not Avbruten."""
    day = min(today, date(year, 12, 31))
    done = {aid for aid, when in completed_on(plan).items() if when and when.year == year}
    return sorted((a for a in plan.activities
                   if ((a.decided and a.decided <= day) or a.id in done)
                   and a.phase is not Phase.CANCELLED),
                  key=lambda a: tuple(int(p) for p in a.id.split(".")))


@pytest.fixture(scope="module", params=["example", "tenfold"])
def plan(request) -> Plan:
    return example_plan() if request.param == "example" else big_plan(10)


@pytest.fixture(scope="module")
def figs(plan):
    return annualdata.annual_figures(plan, year=2026, today=TODAY)


def test_the_report_holds_the_decided_and_the_completed_activities(plan, figs):
    expected = expected_scope(plan, 2026, TODAY)
    assert [a.id for a in figs.plan.activities] == [a.id for a in expected]
    # The two activities of the example the steering group has not decided are left out.
    assert {"2.6.2", "5.3.4"}.isdisjoint(a.id for a in figs.plan.activities)


def test_an_activity_completed_during_the_year_is_in_the_report_even_if_never_decided():
    base = example_plan()
    first, second = base.activities[:2]
    done_now = replace(first, id="1.1.91", decided=None, phase=Phase.DONE,
                       end=date(2026, 10, 31), ongoing=False)
    done_before = replace(second, id="1.1.92", decided=None, phase=Phase.DONE,
                          end=date(2025, 10, 31), ongoing=False)
    plan = replace(base, activities=(*base.activities, done_now, done_before))
    figs = annualdata.annual_figures(plan, year=2026, today=TODAY)
    ids = {a.id for a in figs.plan.activities}
    assert "1.1.91" in ids and "1.1.92" not in ids
    assert "1.1.91" in {a.id for a in figs.completed}
    assert figs.key.decided == len(ids) - 1


def test_cover_key_figures(plan, figs):
    scope = expected_scope(plan, 2026, TODAY)
    done = completed_on(plan)
    assert figs.key.decided == sum(1 for a in scope if a.decided and a.decided <= TODAY)
    assert figs.key.completed == sum(1 for a in scope if done.get(a.id) and
                                     done[a.id].year == 2026)
    assert figs.key.ongoing == sum(1 for a in scope if a.phase is Phase.ONGOING)
    assert figs.key.new == sum(1 for a in scope if a.decided and a.decided.year == 2026)
    assert figs.key.by_status == {k: Counter(label(a) for a in scope)[k] for k in LIGHTS}
    assert figs.key.total == len(scope)


def test_status_per_focus_area(plan, figs):
    counts = Counter((a.focus_area, label(a)) for a in expected_scope(plan, 2026, TODAY))
    table = figs.by_focus
    assert list(table.index) == [1, 2, 3, 4, 5]
    for n in table.index:
        assert [int(table.loc[n, k]) for k in LIGHTS] == [counts[(n, k)] for k in LIGHTS]
        assert int(table.loc[n, "Totalt"]) == sum(counts[(n, k)] for k in LIGHTS)


def test_status_during_the_year_is_one_row_per_snapshot_of_the_year(plan, figs):
    # Each snapshot counts what the population counted the day it was taken: the activities
    # decided by then and not Avbruten in the snapshot.
    decided = {a.id: a.decided for a in plan.activities}
    periods: dict[str, Counter] = {}
    dates = {}
    for snap in plan.history:
        if snap.date.year == 2026:
            counts = periods.setdefault(snap.period, Counter())
            dates[snap.period] = snap.date
            when = decided.get(snap.activity_id)
            if when and when <= snap.date and snap.phase is not Phase.CANCELLED:
                counts[label(snap)] += 1
    table = figs.over_year
    assert list(table.index) == sorted(periods, key=lambda p: dates[p]) == ["2026-T1", "2026-T2"]
    for period, counts in periods.items():
        assert [int(table.loc[period, k]) for k in LIGHTS] == [counts[k] for k in LIGHTS]
        assert table.loc[period, "Datum"] == dates[period]


def test_completed_and_new_per_focus_area(plan, figs):
    done = completed_on(plan)
    scope = expected_scope(plan, 2026, TODAY)
    completed = Counter(a.focus_area for a in scope if done.get(a.id) and
                        done[a.id].year == 2026)
    new = Counter(a.focus_area for a in scope if a.decided and a.decided.year == 2026)
    table = figs.completed_new
    assert {n: int(table.loc[n, "Genomförda"]) for n in table.index} == \
        {n: completed[n] for n in range(1, 6)}
    assert {n: int(table.loc[n, "Nya"]) for n in table.index} == {n: new[n] for n in range(1, 6)}
    assert sorted(a.id for a in figs.completed) == sorted(a.id for a in scope if done.get(a.id)
                                                          and done[a.id].year == 2026)


def _verdict(goal, values):
    year, latest = values[-1]
    up = goal.direction is not Direction.DOWN
    if (latest >= goal.target) if up else (latest <= goal.target):
        return annualdata.VERDICT_REACHED
    share = min(max((year - goal.baseline_year) / (goal.target_year - goal.baseline_year), 0), 1)
    expected = goal.baseline + (goal.target - goal.baseline) * share
    on_track = latest >= expected if up else latest <= expected
    return annualdata.VERDICT_ON_TRACK if on_track else annualdata.VERDICT_BEHIND


def test_one_chart_per_goal_with_values_and_its_verdict(plan, figs):
    by_goal: dict[str, list] = {}
    for m in plan.measurements:
        by_goal.setdefault(m.goal, []).append((m.year, m.value))
    shown = {item.goal.id: item for item in figs.goals}
    assert sorted(shown) == sorted(g for g in by_goal)
    assert [g.id for g in figs.goals_without_values] == ["M8"]
    for gid, item in shown.items():
        assert list(item.progress.values) == sorted(by_goal[gid])
        assert item.verdict == _verdict(item.goal, sorted(by_goal[gid]))
    # The example's M1 (a ranking, lower is better) is behind its straight path; M2 is on it.
    assert shown["M1"].verdict == annualdata.VERDICT_BEHIND
    assert shown["M2"].verdict == annualdata.VERDICT_ON_TRACK


def test_goal_coverage(plan, figs):
    scope = expected_scope(plan, 2026, TODAY)
    table = figs.coverage
    assert list(table.index) == [g.id for g in plan.goals]
    for goal in plan.goals:
        linked = Counter(label(a) for a in scope if goal.id in a.goals)
        assert [int(table.loc[goal.id, k]) for k in LIGHTS] == [linked[k] for k in LIGHTS]
        assert int(table.loc[goal.id, "Totalt"]) == sum(linked.values())
    assert [g.id for g in figs.uncovered] == ["M9"]


def test_deviations_are_the_yellow_and_red_activities_red_first(plan, figs):
    scope = expected_scope(plan, 2026, TODAY)
    devs = [a for a in scope if a.status in (Status.YELLOW, Status.RED)]
    assert sorted(a.id for a in figs.deviations) == sorted(a.id for a in devs)
    statuses = [a.status for a in figs.deviations]
    assert statuses == sorted(statuses, key=lambda s: s is not Status.RED)


def test_deviation_table_leaves_out_the_contact_without_personal_data(figs):
    with_names = annualdata.deviation_frame(figs.deviations, personal_data=True)
    without = annualdata.deviation_frame(figs.deviations, personal_data=False)
    assert "Kontaktperson" in with_names.columns and "Kontaktperson" not in without.columns
    assert list(without["ID"]) == [a.id for a in figs.deviations]
    assert list(without["Orsak till avvikelse"]) == [a.cause for a in figs.deviations]


def test_a_past_year_is_judged_by_its_own_values_and_snapshots():
    plan = example_plan()
    figs = annualdata.annual_figures(plan, year=2025, today=TODAY)
    assert figs.day == date(2025, 12, 31)
    assert list(figs.over_year.index) == ["2025-T3"]
    assert all(item.progress.values[-1][0] <= 2025 for item in figs.goals)
    assert all(a.decided <= date(2025, 12, 31) for a in figs.plan.activities if a.decided)
    assert [a.id for a in figs.plan.activities] == \
        [a.id for a in expected_scope(plan, 2025, TODAY)]


def test_a_year_without_snapshots_has_an_empty_status_over_the_year():
    figs = annualdata.annual_figures(replace(example_plan(), history=()), year=2026, today=TODAY)
    assert figs.over_year.empty


@pytest.mark.parametrize(("value", "decimals", "text"), [
    (1234.5, None, "1\u202f234,5"), (361000, None, "361\u202f000"), (0.25, 2, "0,25"),
    (-3.0, None, "−3"), (-0.04, 1, "0,0"), (75, None, "75"),
])
def test_numbers_are_written_the_swedish_way(value, decimals, text):
    assert swedish.number(value, decimals) == text


def test_dates_percent_and_file_names_are_swedish():
    assert swedish.long_date(date(2026, 8, 28)) == "28 augusti 2026"
    assert swedish.short_date(date(2026, 11, 26)) == "26 nov. 2026"
    assert swedish.short_date(date(2026, 5, 2)) == "2 maj 2026"
    assert swedish.percent(0.756) == "76\u202f%"
    # Whole words, at most 40 characters, ASCII only.
    assert swedish.slug("Nöjdare företag i kontakten med kommunens myndigheter") == \
        "nojdare-foretag-i-kontakten-med"
    assert swedish.slug("Fler företagsetableringar – år 2026!") == \
        "fler-foretagsetableringar-ar-2026"
    assert swedish.wrap_label("1. Ett företagsklimat som främjar utveckling, innovation och "
                              "entreprenörskap", 30, 2) == \
        "1. Ett företagsklimat som\nfrämjar utveckling, …"
