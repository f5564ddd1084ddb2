"""A merge decides and writes the same whichever way the workbooks were read.

Big merges read the focus-area workbooks in a forked process that sends back
only the rows a merge looks at (`passed_over`); these tests hold both ways to
the same decisions, the same files and the same failures.
"""

from __future__ import annotations

import datetime as dt
import shutil

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings

from builders import PlanBook, activity
from plan_sheets import parallel
from plan_sheets.errors import WorkbookUnreadable
from plan_sheets.groups import merge as merging
from plan_sheets.groups.decisions import Incoming, Passed, merge_plans, passed_over
from plan_sheets.groups.split import split_workbook
from plan_sheets.workbook.reader import read_workbook
from test_merge_rules import (
    NOW,
    edit,
    scenario,
    scenario_inputs,
)

TODAY = dt.date(2026, 11, 26)


def needs_fork(test):
    """A test that forks a real process: end-to-end (`-m e2e`), skipped where no fork is."""
    skip = pytest.mark.skipif(not parallel.can_fork(), reason="kan inte starta en egen process")
    return pytest.mark.e2e(skip(test))


@pytest.fixture
def folder(tmp_path):
    """A huvuddokument, its focus-area workbooks (edited every way a merge tells apart),
    a copy of one of them, and a hand-made workbook without base."""
    book = PlanBook()
    book.activities += [activity("1.1.2", Mål="M2"), activity("1.1.3", Mål="M2"),
                        activity("1.2.2")]
    main = book.write(tmp_path / "huvuddokument.xlsx")
    result = split_workbook(read_workbook(main), tmp_path / "ut", now=NOW)
    groups = {int(p.stem.split("-")[1]): p for p in result.files}
    # 1.1.3 is taken out of the huvuddokument after the split (the group left it alone).
    wb = openpyxl.load_workbook(main)
    ws = wb["Aktiviteter"]
    ws.delete_rows(next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == "1.1.3"))
    wb.save(main)
    edit(groups[1], {"1.1.1": {"Status": "gul", "Orsak till avvikelse": "Sjukdom"},
                     "1.2.1": {"Statuskommentar": '=CONCAT("a","b")'}},
         new_rows=[{"Insatsområde": "1.2", "Aktivitet": "Mentorskap", "Ansvarig": "NLK"},
                   {"ID": "1.1.2", "Insatsområde": "1.1", "Aktivitet": "Dubblett"}],
         delete=["1.2.2"])
    copy = tmp_path / "ut" / "kopia.xlsx"
    shutil.copy(groups[2], copy)
    edit(groups[2], {"2.1.1": {"Status": "Blå"}})
    edit(copy, {"2.1.1": {"Statuskommentar": "ok"}})
    hand_made = PlanBook()
    hand_made.activities = [activity("1.1.2", Status="Röd",
                                     **{"Orsak till avvikelse": "x",
                                        "Rekommenderad åtgärd": "y"})]
    other = hand_made.write(tmp_path / "ut" / "handgjord.xlsx")
    return main, [groups[1], groups[2], copy, other]


def test_rows_as_split_wrote_them_are_passed_and_the_decisions_stay_the_same(folder):
    main, files = folder
    plan = read_workbook(main).plan
    loaded = [read_workbook(f) for f in files]
    incoming = [Incoming(f.name, item.plan, item.base)
                for f, item in zip(files, loaded, strict=True)]
    compact = [passed_over(i) for i in incoming]
    assert any(isinstance(a, Passed) for a in compact[0].plan.activities)
    assert compact[3] is incoming[3]  # no base: nothing to pass over
    full = merge_plans(plan, incoming)
    assert {f.code for f in full.notes} >= {"ID_NOT_FOUND", "ROW_DELETED", "ID_IN_TWO_FILES",
                                            "FORMULA_NOT_COPIED", "NO_BASE"}
    assert full.changes and full.new
    assert merge_plans(plan, compact) == full


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario())
def test_passing_over_decides_the_same_in_any_scenario(case):
    _main_rows, _group_rows, main, incoming = scenario_inputs(case)
    assert merge_plans(main, [passed_over(i) for i in incoming]) == merge_plans(main, incoming)


def _merge(main, files, tmp_path, name):
    folder = tmp_path / name
    folder.mkdir()
    shutil.copy(main, folder / main.name)
    return merging.merge_files(folder / main.name, files, period="2026-T3", today=TODAY,
                               now=dt.datetime(2026, 11, 26, 9, 0)), folder / main.name


@needs_fork
def test_groups_read_in_a_forked_process_merge_the_same(folder, tmp_path, monkeypatch):
    main, files = folder
    files = [files[0], files[2]]  # without group 2's error: the merge writes
    monkeypatch.setattr(parallel, "FORK_FROM_BYTES", 10 ** 12)
    alone, alone_path = _merge(main, files, tmp_path, "alone")
    monkeypatch.setattr(parallel, "FORK_FROM_BYTES", 0)
    forked = []
    real = parallel.run_beside

    def spy(here, there):
        forked.append(True)
        return real(here, there)

    monkeypatch.setattr(parallel, "run_beside", spy)
    beside, beside_path = _merge(main, files, tmp_path, "beside")
    assert forked
    assert alone.written is not None and not alone.blocked
    assert beside.result == alone.result
    assert (beside.errors, beside.warnings) == (alone.errors, alone.warnings)
    assert read_workbook(beside_path).plan == read_workbook(alone_path).plan


@needs_fork
@pytest.mark.parametrize("alike", [True, False])
def test_a_copy_of_a_workbook_read_in_a_forked_process_is_told_the_same(
        folder, tmp_path, monkeypatch, alike):
    main, _files = folder
    one = split_workbook(read_workbook(main), tmp_path / "ny", now=NOW).files[0]
    copy = tmp_path / "kopia-1.xlsx"
    shutil.copy(one, copy)
    if not alike:  # the original's row is as split wrote it: passed over when read beside
        edit(copy, {"1.1.2": {"Statuskommentar": "annat"}})
    files = [one, copy]
    monkeypatch.setattr(parallel, "FORK_FROM_BYTES", 10 ** 12)
    alone, _ = _merge(main, files, tmp_path, "alone")
    monkeypatch.setattr(parallel, "FORK_FROM_BYTES", 0)
    beside, _ = _merge(main, files, tmp_path, "beside")
    assert beside.result == alone.result
    assert (beside.errors, beside.warnings) == (alone.errors, alone.warnings)
    told = {(f.code, f.activity_id): f.message for f in beside.result.notes}
    if alike:
        assert ("ROW_IN_TWO_FILES", "1.1.2") in told and not beside.blocked
    else:
        assert "Statuskommentar ”” i fokusomrade-1.xlsx, ”annat” i kopia-1.xlsx" in \
            told[("ID_IN_TWO_FILES", "1.1.2")]
        assert beside.blocked


@needs_fork
@pytest.mark.parametrize("broken", [0, 1, 2])
def test_a_broken_workbook_read_in_either_process_fails_the_merge_first_come_first(
        folder, tmp_path, monkeypatch, broken):
    main, files = folder
    files = list(files[:3])
    for i in range(broken, 3):
        bad = tmp_path / f"trasig-{i}.xlsx"
        bad.write_bytes(b"not a workbook " * 100)
        files[i] = bad
    monkeypatch.setattr(parallel, "FORK_FROM_BYTES", 0)
    with pytest.raises(WorkbookUnreadable) as caught:
        _merge(main, files, tmp_path, "out")
    assert f"trasig-{broken}.xlsx" in caught.value.message


@needs_fork
def test_start_beside_gives_the_result_the_error_or_stops():
    assert parallel.start_beside(lambda: [1, "a"]).result() == [1, "a"]
    failing = parallel.start_beside(lambda: read_workbook("finns-inte.xlsx"))
    with pytest.raises(WorkbookUnreadable):
        failing.result()
    with pytest.raises(WorkbookUnreadable):
        failing.result()  # asked again: the same answer
    import time

    slow = parallel.start_beside(lambda: time.sleep(30))
    started = time.monotonic()
    slow.cancel()
    slow.cancel()
    assert time.monotonic() - started < 10


def _written_beside(monkeypatch):
    """Make every merge take the big-plan path; the list fills as it is taken."""
    monkeypatch.setattr(parallel, "FORK_FROM_BYTES", 0)
    started = []
    real = parallel.start_beside

    def spy(there):
        started.append(True)
        return real(there)

    monkeypatch.setattr(parallel, "start_beside", spy)
    return started


@needs_fork
def test_errors_found_beside_the_write_block_it_as_when_found_first(folder, tmp_path,
                                                                      monkeypatch):
    main, files = folder
    files = [files[0], files[1]]  # group 2's Status "Blå" is an error
    monkeypatch.setattr(parallel, "FORK_FROM_BYTES", 10 ** 12)
    alone, alone_path = _merge(main, files, tmp_path, "alone")
    _written_beside(monkeypatch)
    beside, beside_path = _merge(main, files, tmp_path, "beside")
    assert alone.blocked and beside.blocked
    assert beside == dataclasses_replace_paths(alone, beside)
    assert beside_path.read_bytes() == main.read_bytes()
    assert not (beside_path.parent / "arkiv").exists()
    assert sorted(p.name for p in beside_path.parent.iterdir()) == [main.name]


def dataclasses_replace_paths(outcome, like):
    import dataclasses

    return dataclasses.replace(outcome, main=like.main)


@needs_fork
def test_a_blocked_merge_says_so_even_when_the_workbook_is_open(folder, tmp_path,
                                                                 monkeypatch):
    main, files = folder
    files = [files[0], files[1]]
    _written_beside(monkeypatch)
    folder_ = tmp_path / "open"
    folder_.mkdir()
    shutil.copy(main, folder_ / main.name)
    (folder_ / f"~${main.name}").write_bytes(b"\x04Anna" + b" " * 60)
    outcome = merging.merge_files(folder_ / main.name, files, period="2026-T3", today=TODAY,
                                  now=dt.datetime(2026, 11, 26, 9, 0))
    assert outcome.blocked and outcome.written is None
    assert (folder_ / main.name).read_bytes() == main.read_bytes()


@needs_fork
def test_a_merge_that_may_be_written_is_written_the_same_beside(folder, tmp_path, monkeypatch):
    main, files = folder
    files = [files[0], files[2]]
    monkeypatch.setattr(parallel, "FORK_FROM_BYTES", 10 ** 12)
    alone, alone_path = _merge(main, files, tmp_path, "alone")
    started = _written_beside(monkeypatch)
    progress = []
    folder_ = tmp_path / "beside"
    folder_.mkdir()
    shutil.copy(main, folder_ / main.name)
    beside = merging.merge_files(folder_ / main.name, files, period="2026-T3", today=TODAY,
                                 now=dt.datetime(2026, 11, 26, 9, 0), progress=progress.append)
    assert started and beside.written is not None
    assert (beside.errors, beside.warnings, beside.log_rows, beside.snapshot_rows) == \
        (alone.errors, alone.warnings, alone.log_rows, alone.snapshot_rows)
    assert read_workbook(folder_ / main.name).plan == read_workbook(alone_path).plan
    assert f"Skriver {main.name} …" in progress
    assert list((folder_ / "arkiv").glob("huvuddokument-*.xlsx"))


@needs_fork
def test_a_workbook_changed_while_validating_beside_is_not_written(folder, tmp_path,
                                                                   monkeypatch):
    from plan_sheets.errors import WorkbookChanged

    main, files = folder
    files = [files[0], files[2]]
    _written_beside(monkeypatch)
    folder_ = tmp_path / "changed"
    folder_.mkdir()
    target = folder_ / main.name
    shutil.copy(main, target)
    real = merging.build_patch

    def touch_then_build(*args, **kwargs):
        target.write_bytes(target.read_bytes() + b"\0")
        return real(*args, **kwargs)

    monkeypatch.setattr(merging, "build_patch", touch_then_build)
    with pytest.raises(WorkbookChanged):
        merging.merge_files(target, files, period="2026-T3", today=TODAY,
                            now=dt.datetime(2026, 11, 26, 9, 0))
    assert target.read_bytes() == main.read_bytes() + b"\0"
