"""annual: every chart PNG has a file name of its own (goals `M1` and `M-1`)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from annual_plans import TODAY, loaded
from plan_sheets.annual.pack import write_annual
from plan_sheets.example.followup import example_plan


@pytest.mark.e2e
def test_goals_whose_ids_make_the_same_file_name_get_a_chart_each(tmp_path):
    plan = example_plan()
    m1 = next(g for g in plan.goals if g.id == "M1")
    twin = replace(m1, id="M-1")
    plan = replace(plan, goals=(*plan.goals, twin),
                   measurements=(*plan.measurements, *(replace(m, goal="M-1")
                                                       for m in plan.measurements
                                                       if m.goal == "M1")))
    result = write_annual(loaded(plan), tmp_path, year=2026, today=TODAY)
    names = [p.name for p in result.charts]
    assert len(names) == len(set(names))
    m1_charts = [n for n in names if n.startswith("mal-M1-")]
    assert len(m1_charts) == 2, names
    on_disk = sorted(p.name for p in (tmp_path / "arsrapport-2026" / "diagram").iterdir())
    assert on_disk == sorted(names)
