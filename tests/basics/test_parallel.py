"""Work done beside in a forked process gives what the same work one after another gives."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from builders import content
from plan_sheets import parallel
from plan_sheets.annual import pack as annual
from plan_sheets.errors import WorkbookLocked
from plan_sheets.example.followup import example_plan
from plan_sheets.workbook.newbook import write_huvuddokument
from plan_sheets.workbook.reader import read_workbook

TODAY = dt.date(2026, 11, 26)
NOW = dt.datetime(2026, 11, 26, 12, 0)

needs_fork = pytest.mark.skipif(not parallel.can_fork(), reason="kan inte starta en egen process")


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("exempel") / "huvuddokument.xlsx"
    write_huvuddokument(path, example_plan(), title="Exempel")
    return path


def _boom() -> None:
    raise WorkbookLocked("fokusomrade-2.xlsx är öppen i Excel.", hint="Stäng den.")


@needs_fork
def test_results_and_errors_come_back_from_the_second_process() -> None:
    assert parallel.run_beside(lambda: 1, lambda: [Path("a.png")]) == (1, [Path("a.png")])
    with pytest.raises(WorkbookLocked) as raised:
        parallel.run_beside(lambda: None, _boom)
    assert (raised.value.message, raised.value.hint) == ("fokusomrade-2.xlsx är öppen i Excel.",
                                                         "Stäng den.")


@pytest.mark.e2e
def test_annual_one_after_another_writes_the_same_pack(example, tmp_path, monkeypatch):
    loaded = read_workbook(example)
    first = annual.write_annual(loaded, tmp_path / "a", year=2026, today=TODAY)
    monkeypatch.setattr(annual, "can_fork", lambda: not parallel.can_fork())
    second = annual.write_annual(loaded, tmp_path / "b", year=2026, today=TODAY)
    assert [p.name for p in second.charts] == [p.name for p in first.charts]
    assert (second.pages, second.deviations) == (first.pages, first.deviations)
    assert content(second.workbook) == content(first.workbook)
