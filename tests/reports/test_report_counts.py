"""The summary's status counts without pandas agree with the DataFrames annual uses."""

from __future__ import annotations

import subprocess
import sys

import pytest

from plan_sheets.analysis import figures
from plan_sheets.example.start import init_plan
from plan_sheets.workbook.model import Activity, FocusArea, InterventionArea, Plan, Status
from plan_sheets.workbook.reader import read_workbook

LABELS = [*figures.STATUS_LABELS, "Totalt"]


def _same(counts: figures.StatusCounts, frame) -> None:
    assert list(counts.keys) == list(frame.index[:-1])
    assert frame.index[-1] == "Totalt"
    shares = figures.status_shares(frame)
    for key, row in zip(counts.keys, counts.rows, strict=True):
        assert row == {label: int(frame.at[key, label]) for label in LABELS}
        assert figures.StatusCounts.shares(row) == {
            label: float(shares.at[key, label]) for label in figures.STATUS_LABELS}
    assert counts.total == {label: int(frame.at["Totalt", label]) for label in LABELS}
    assert figures.StatusCounts.shares(counts.total) == {
        label: float(shares.at["Totalt", label]) for label in figures.STATUS_LABELS}


@pytest.fixture(scope="module")
def example_plan(tmp_path_factory):
    source = tmp_path_factory.mktemp("counts") / "huvuddokument.xlsx"
    init_plan(source, example=True)
    return read_workbook(source).plan


def test_counts_by_focus_match_status_by_focus(example_plan):
    _same(figures.status_counts_by_focus(example_plan), figures.status_by_focus(example_plan))


def test_counts_by_intervention_area_match(example_plan):
    for number in figures.focus_numbers(example_plan):
        _same(figures.status_counts_by_intervention_area(example_plan, number),
              figures.status_by_intervention_area(example_plan, number))


def test_empty_rows_have_zero_shares():
    # A focus area without activities, one only an activity names, one without status.
    plan = Plan(activities=(
        Activity(id="3.1.1", focus_area=3, intervention_area="3.1", title="x"),
        Activity(id="1.1.1", focus_area=1, intervention_area="1.1", title="y",
                 status=Status.RED)),
        focus_areas=(FocusArea(1, "Ett"), FocusArea(2, "Två")),
        intervention_areas=(InterventionArea("1.1", 1, "a"), InterventionArea("1.2", 1, "b")))
    _same(figures.status_counts_by_focus(plan), figures.status_by_focus(plan))
    _same(figures.status_counts_by_intervention_area(plan, 1),
          figures.status_by_intervention_area(plan, 1))


def test_report_does_not_import_pandas(tmp_path):
    source = tmp_path / "huvuddokument.xlsx"
    init_plan(source, example=True)
    code = (
        "import sys, datetime\n"
        "from pathlib import Path\n"
        "from plan_sheets.workbook.reader import read_workbook\n"
        "from plan_sheets.reports.report import write_reports\n"
        f"write_reports(read_workbook(Path({str(source)!r})), Path({str(tmp_path / 'ut')!r}),"
        " period='P1', today=datetime.date(2026, 11, 26))\n"
        "assert 'pandas' not in sys.modules, 'pandas imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
