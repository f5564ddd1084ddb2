"""The Södertälje example: the action plan's structure, and the invented data it plants."""

from __future__ import annotations

import re
from pathlib import Path

from plan_sheets.example.followup import PLANTED, example_plan
from plan_sheets.example.plan_text import FOCUS_AREAS, INTERVENTION_AREAS
from plan_sheets.workbook.model import Status

ACTION_PLAN = Path(__file__).resolve().parents[2] / "docs" / "handlingsplan-naringslivsstrategi.txt"
AREA_BULLET = "\uf0b7"


def _action_plan_lines() -> list[str]:
    text = ACTION_PLAN.read_text(encoding="utf-8")
    section6 = text[text.index("6. Insatsområden"):text.index("7. Uppföljning")]
    return [line.strip() for line in section6.split("\n") if line.strip()]


def activity_titles_in_action_plan() -> list[str]:
    """The `o …` bullets of section 6, joined with their continuation lines."""
    lines = _action_plan_lines()
    titles = []
    for i, line in enumerate(lines):
        if re.match(r"^o\s", line):
            title = line[2:].strip()
            nxt = lines[i + 1] if i + 1 < len(lines) else ""
            if nxt[:1].islower() and not re.match(r"^o\s", nxt):
                title += " " + nxt
            titles.append(" ".join(title.split()).rstrip(","))
    return titles


def test_five_focus_areas_24_intervention_areas_60_activities():
    plan = example_plan()
    assert len(plan.focus_areas) == 5
    assert len(plan.intervention_areas) == 24
    assert len(plan.activities) == 60
    assert len(FOCUS_AREAS) == 5 and len(INTERVENTION_AREAS) == 24


def test_counts_agree_with_the_action_plan_text():
    lines = _action_plan_lines()
    assert sum(1 for line in lines if line.startswith(AREA_BULLET)) == 24
    assert len(activity_titles_in_action_plan()) == 60


def test_every_activity_title_of_the_action_plan_is_in_the_example():
    titles = {a.title for a in example_plan().activities}
    missing = [t for t in activity_titles_in_action_plan() if t not in titles]
    assert missing == []


def test_ids_follow_focus_area_intervention_area_number():
    for activity in example_plan().activities:
        f, i, n = activity.id.split(".")
        assert activity.intervention_area == f"{f}.{i}"
        assert activity.focus_area == int(f)
        assert int(n) >= 1


def test_intervention_area_1_2_has_no_activities_as_in_the_action_plan():
    plan = example_plan()
    assert not [a for a in plan.activities if a.intervention_area == "1.2"]
    assert any(a.id == "1.2" for a in plan.intervention_areas)


def test_intervention_areas_keep_their_texts():
    plan = example_plan()
    area = next(a for a in plan.intervention_areas if a.id == "3.4")
    assert area.text == "har ett strukturerat samarbete med lokala fastighetsägare."
    assert area.approach.startswith("Genom att driva nätverk för fastighetsägare")


def test_every_colour_and_deviations_with_and_without_cause_occur():
    acts = example_plan().activities
    statuses = {a.status for a in acts}
    assert {Status.GREEN, Status.YELLOW, Status.RED, None} <= statuses
    deviations = [a for a in acts if a.is_deviation]
    assert any(a.cause and a.action for a in deviations)
    assert any(not a.cause for a in deviations)
    assert any(not a.action for a in deviations)


def test_history_covers_a_year_of_snapshots_with_changes():
    plan = example_plan()
    periods = plan.periods()
    assert len(periods) >= 3
    by = {(s.period, s.activity_id): s.status for s in plan.history}
    changed = {aid for (period, aid), status in by.items()
               if (periods[-1], aid) in by and by[(periods[-1], aid)] != status}
    assert len(changed) >= 5


def test_planted_findings_name_real_things():
    plan = example_plan()
    names = {a.id for a in plan.activities} | {g.id for g in plan.goals} | {
        a.id for a in plan.intervention_areas}
    assert all(target in names for _code, target in PLANTED)
