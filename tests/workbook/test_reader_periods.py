"""Reading only the Statushistorik rows of some periods (`read_workbook(periods=…)`): what
merge needs in a plan kept for years, where the other periods' rows are most of the file."""

from __future__ import annotations

import datetime as dt

from builders import PlanBook, activity
from plan_sheets.workbook.model import Phase
from plan_sheets.workbook.reader import read_workbook
from plan_sheets.workbook.schema import CHANGE_LOG, STATUS_HISTORY

DAY = dt.date(2026, 5, 5)


def book_with_history(tmp_path, history_rows):
    log = [CHANGE_LOG.headers, [dt.datetime(2026, 5, 5, 9), "fokusomrade-1.xlsx", "1.1.1",
                                "Status", "Grön", "Gul", "2026-T1"]]
    return PlanBook(activities=[activity("1.1.1"), activity("2.1.1")], staff_sheets={
        STATUS_HISTORY.name: [STATUS_HISTORY.headers[:5], *history_rows],
        CHANGE_LOG.name: log,
    }).write(tmp_path / "huvuddokument.xlsx")


HISTORY = [
    [DAY, "Utgångsläge 2026", "1.1.1", "Pågående", "Grön"],
    [DAY, "2026-T1", "1.1.1", "Pågående", "Gul"],
    [DAY, "2026-T1", "2.1.1", "Pågående", "Grön"],
    [DAY, "2026-Q2", "1.1.1", "Pågående", "Röd"],
    [DAY, " 2026-k2 ", "2.1.1", "Planerad", "Grön"],
    [DAY, "2026-K3", "2.1.1", "Planerad", "Gul"],
]


def snapshots(plan):
    return sorted((s.period, s.activity_id, s.status.value) for s in plan.history)


def test_all_rows_are_read_by_default(tmp_path):
    plan = read_workbook(book_with_history(tmp_path, HISTORY)).plan
    assert len(plan.history) == 6
    assert plan.unread_history == 0
    assert [(c.activity_id, c.field_name) for c in plan.changes] == [("1.1.1", "Status")]


def test_only_the_periods_asked_for_are_read_however_they_are_spelt(tmp_path):
    plan = read_workbook(book_with_history(tmp_path, HISTORY), periods=["2026-K2"]).plan
    assert snapshots(plan) == [("2026-Q2", "1.1.1", "Röd"), ("2026-k2", "2.1.1", "Grön")]
    assert plan.unread_history == 4
    assert plan.has_history
    # Ändringslogg is not read, but where it is still is (rows are appended below it).
    assert plan.changes == ()
    assert plan.layouts[CHANGE_LOG.key].header_row == 1
    assert plan.layouts[STATUS_HISTORY.key].last_row == 7


def test_a_period_without_rows_reads_none_and_the_history_is_still_there(tmp_path):
    plan = read_workbook(book_with_history(tmp_path, HISTORY), periods=["2026-T2"]).plan
    assert plan.history == ()
    assert plan.unread_history == 6
    assert plan.has_history


def test_an_empty_statushistorik_has_no_history(tmp_path):
    plan = read_workbook(book_with_history(tmp_path, []), periods=["2026-T2"]).plan
    assert (plan.history, plan.unread_history, plan.has_history) == ((), 0, False)


def test_a_formula_saved_without_its_value_reads_alike_either_way(tmp_path):
    """Merge's read leaves Statushistorik out of the scan for such formulas: its cells read
    as empty then, as the snapshot reads them anyway."""
    rows = [[DAY, "2026-T2", "1.1.1", "Pågående", "Gul", "=1+1"],
            [DAY, "2026-T2", "2.1.1", "=2+2", "Grön", "Bra"]]
    path = PlanBook(activities=[activity("1.1.1"), activity("2.1.1")], staff_sheets={
        STATUS_HISTORY.name: [STATUS_HISTORY.headers[:6], *rows]}).write(tmp_path / "h.xlsx")
    full = read_workbook(path).plan.history
    assert read_workbook(path, periods=["2026-T2"]).plan.history == full
    assert [(s.activity_id, s.phase, s.status_comment) for s in full] == [
        ("1.1.1", Phase.ONGOING, ""), ("2.1.1", None, "Bra")]
