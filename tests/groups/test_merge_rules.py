"""Every merge rule of DESIGN.md on workbooks built in code: split, edit, read, decide."""

from __future__ import annotations

import datetime as dt
import shutil

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builders import TODAY, PlanBook, activity
from edits import edit
from plan_sheets.groups.decisions import Incoming, comparable, merge_plans
from plan_sheets.groups.split import split_workbook
from plan_sheets.rules.validate import check_plan
from plan_sheets.workbook.baseline import Base, BaseRow
from plan_sheets.workbook.model import Plan, SheetLayout
from plan_sheets.workbook.reader import activity_from_values, read_workbook

NOW = dt.datetime(2026, 11, 26, 9, 0)


@pytest.fixture
def split_book(tmp_path):
    """(main path, {focus area: group workbook path}) for the small valid plan."""
    book = PlanBook()
    book.activities.append(activity("1.1.2", **{"Mål": "M2"}))
    main = book.write(tmp_path / "huvuddokument.xlsx")
    result = split_workbook(read_workbook(main), tmp_path / "ut", now=NOW)
    return main, {int(p.stem.split("-")[1]): p for p in result.files}


def merge(main, *groups):
    loaded = [read_workbook(g) for g in groups]
    return merge_plans(read_workbook(main).plan,
                       [Incoming(g.name, item.plan, item.base)
                        for g, item in zip(groups, loaded, strict=True)])


def changes_of(result):
    return [(c.activity_id, c.column.label, c.after) for c in result.changes]


def test_group_only_change_is_taken(split_book):
    main, groups = split_book
    edit(groups[1], {"1.1.1": {"Status": "gul", "Orsak till avvikelse": "Sjukdom"}})
    result = merge(main, groups[1])
    assert changes_of(result) == [("1.1.1", "Status", "Gul"),
                                  ("1.1.1", "Orsak till avvikelse", "Sjukdom")]
    assert result.conflicts == () and result.notes == ()
    change = result.changes[0]
    assert (change.row, change.before, change.source) == (2, "Grön", "fokusomrade-1.xlsx")
    assert change.source_cell == "fokusomrade-1.xlsx Aktiviteter!L3"


def test_main_only_change_is_kept(split_book, tmp_path):
    main, groups = split_book
    wb = openpyxl.load_workbook(main)
    wb["Aktiviteter"]["L2"] = "Röd"
    wb.save(main)
    result = merge(main, groups[1])
    assert changes_of(result) == [] and result.conflicts == ()


def test_both_changed_to_the_same_value_is_no_change(split_book):
    main, groups = split_book
    wb = openpyxl.load_workbook(main)
    wb["Aktiviteter"]["L2"] = "Gul"
    wb.save(main)
    edit(groups[1], {"1.1.1": {"Status": "GUL"}})
    result = merge(main, groups[1])
    assert changes_of(result) == [] and result.conflicts == ()


def test_both_changed_differently_is_a_conflict_with_both_values(split_book):
    main, groups = split_book
    wb = openpyxl.load_workbook(main)
    wb["Aktiviteter"]["L2"] = "Röd"
    wb.save(main)
    edit(groups[1], {"1.1.1": {"Status": "Gul"}})
    result = merge(main, groups[1])
    assert changes_of(result) == []
    (conflict,) = result.conflicts
    assert (conflict.activity_id, conflict.column.label, conflict.main, conflict.group,
            conflict.base) == ("1.1.1", "Status", "Röd", "Gul", "Grön")
    assert (conflict.main_cell, conflict.group_cell) == \
        ("Aktiviteter!L2", "fokusomrade-1.xlsx Aktiviteter!L3")
    finding = conflict.finding("Aktiviteter", 2, 12)
    assert finding.code == "MERGE_CONFLICT"
    assert "”Röd”" in finding.message and "”Gul”" in finding.message


def test_new_rows_get_the_next_free_id_of_their_area(split_book):
    main, groups = split_book
    edit(groups[1], new_rows=[
        {"Insatsområde": "1.1", "Aktivitet": "Frukostmöte", "Status": "grön"},
        {"Insatsområde": "1.1", "Aktivitet": "Företagarkväll"},
        {"Insatsområde": "1.2", "Aktivitet": "Mentorsprogram"},
    ])
    result = merge(main, groups[1])
    assert [(n.activity_id, n.values["title"]) for n in result.new] == [
        ("1.1.3", "Frukostmöte"), ("1.1.4", "Företagarkväll"), ("1.2.2", "Mentorsprogram")]
    assert result.new[0].values["status"] == "Grön"
    assert result.new[0].values["focus_area"] == 1
    codes = {(f.code, f.activity_id) for f in check_plan(result.merged, today=TODAY)}
    assert ("NOT_DECIDED", "1.1.3") in codes


def test_a_deleted_row_is_reported_not_deleted(split_book):
    main, groups = split_book
    edit(groups[1], delete=["1.1.2"])
    result = merge(main, groups[1])
    assert [(f.code, f.activity_id) for f in result.notes] == [("ROW_DELETED", "1.1.2")]
    assert [a.id for a in result.merged.activities] == ["1.1.1", "1.2.1", "2.1.1", "1.1.2"]
    assert result.changes == ()


def test_the_same_id_differing_in_two_workbooks_is_refused_naming_both(split_book, tmp_path):
    main, groups = split_book
    copy = tmp_path / "kopia.xlsx"
    shutil.copy(groups[1], copy)
    edit(groups[1], {"1.1.1": {"Status": "Gul"}})
    edit(copy, {"1.1.1": {"Status": "Röd"}, "1.2.1": {"Statuskommentar": "ok"}})
    result = merge(main, groups[1], copy)
    assert [(f.code, f.severity.value, f.activity_id) for f in result.refusals] == [
        ("ID_IN_TWO_FILES", "error", "1.1.1"), ("ID_IN_TWO_FILES", "error", "1.2.1")]
    assert result.refusals[0].message == (
        "ID 1.1.1 finns i både fokusomrade-1.xlsx och kopia.xlsx, med olika innehåll: "
        "Status ”Gul” i fokusomrade-1.xlsx, ”Röd” i kopia.xlsx.")
    assert "Statuskommentar ”” i fokusomrade-1.xlsx, ”ok” i kopia.xlsx" in \
        result.refusals[1].message
    assert all(c.activity_id not in ("1.1.1", "1.2.1") for c in result.changes)


def test_the_same_rows_alike_in_two_workbooks_are_merged_once(split_book, tmp_path):
    main, groups = split_book
    edit(groups[1], {"1.1.1": {"Status": "Gul", "Orsak till avvikelse": "Sjukdom"}},
         new_rows=[{"Insatsområde": "1.2", "Aktivitet": "Mentorskap", "Ansvarig": "NLK"}])
    copy = tmp_path / "fokusomrade-1 (1).xlsx"
    shutil.copy(groups[1], copy)
    result = merge(main, groups[1], copy)
    assert result.refusals == ()
    assert changes_of(result) == [("1.1.1", "Status", "Gul"),
                                  ("1.1.1", "Orsak till avvikelse", "Sjukdom")]
    assert [n.values["title"] for n in result.new] == ["Mentorskap"]
    assert [(f.code, f.activity_id) for f in result.notes] == [
        ("ROW_IN_TWO_FILES", "1.1.1"), ("ROW_IN_TWO_FILES", "1.1.2"),
        ("ROW_IN_TWO_FILES", "1.2.1"), ("ROW_IN_TWO_FILES", "")]
    assert result.notes[0].message == (
        "ID 1.1.1 finns likadan i både fokusomrade-1.xlsx och fokusomrade-1 (1).xlsx; den förs "
        "in en gång, från fokusomrade-1.xlsx.")


def test_a_new_activity_differing_in_two_workbooks_is_refused(split_book, tmp_path):
    main, groups = split_book
    copy = tmp_path / "kopia.xlsx"
    shutil.copy(groups[1], copy)
    edit(groups[1], new_rows=[{"Insatsområde": "1.2", "Aktivitet": "Mentorskap",
                               "Ansvarig": "NLK"}])
    edit(copy, new_rows=[{"Insatsområde": "1.2", "Aktivitet": "Mentorskap",
                          "Ansvarig": "Kultur"}])
    result = merge(main, groups[1], copy)
    assert [(f.code, f.message) for f in result.refusals] == [(
        "ID_IN_TWO_FILES", "Den nya aktiviteten ”Mentorskap” finns i både fokusomrade-1.xlsx "
        "och kopia.xlsx, med olika innehåll: Ansvarig ”NLK” i fokusomrade-1.xlsx, ”Kultur” i "
        "kopia.xlsx.")]


def test_an_id_changed_to_one_the_huvuddokument_lacks_stops_the_merge(split_book):
    main, groups = split_book
    edit(groups[2], {"2.1.1": {"ID": "2.1.9"}})
    result = merge(main, groups[2])
    assert [(f.code, f.activity_id, f.cell, f.file) for f in result.notes] == [
        ("ID_NOT_FOUND_CHANGED", "2.1.9", "A3", "fokusomrade-2.xlsx"),
        ("ROW_DELETED", "2.1.1", "", "")]
    assert [f.code for f in result.refusals] == ["ID_NOT_FOUND_CHANGED"]
    assert result.changes == ()


def test_an_id_the_huvuddokument_no_longer_has_is_reported(split_book):
    """The process leader removed the activity after the split; the group left it alone:
    nothing typed is lost, so the merge goes on."""
    main, groups = split_book
    wb = openpyxl.load_workbook(main)
    ws = wb["Aktiviteter"]
    ws.delete_rows(next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == "2.1.1"))
    wb.save(main)
    result = merge(main, groups[2])
    assert [(f.code, f.activity_id, f.cell) for f in result.notes] == [
        ("ID_NOT_FOUND", "2.1.1", "A3")]
    assert result.refusals == () and result.changes == ()


def test_a_workbook_without_base_merges_two_way_with_a_warning(split_book, tmp_path):
    main, _groups = split_book
    hand_made = PlanBook()
    hand_made.activities = [activity("1.1.1", Status="Röd",
                                     **{"Orsak till avvikelse": "x", "Rekommenderad åtgärd": "y"})]
    path = hand_made.write(tmp_path / "handgjord.xlsx")
    result = merge(main, path)
    assert [f.code for f in result.notes] == ["NO_BASE"]
    assert changes_of(result) == [("1.1.1", "Status", "Röd"),
                                  ("1.1.1", "Orsak till avvikelse", "x"),
                                  ("1.1.1", "Rekommenderad åtgärd", "y")]


def test_staff_columns_merge_and_new_ones_are_added(split_book):
    main, groups = split_book
    edit(groups[1], {"1.1.1": {"Budget": 10}}, headers_added=["Budget"])
    result = merge(main, groups[1])
    assert result.new_columns == ("Budget",)
    assert changes_of(result) == [("1.1.1", "Budget", 10)]
    assert [f.code for f in result.notes] == ["COLUMN_ADDED"]
    merged = {a.id: a for a in result.merged.activities}
    assert merged["1.1.1"].extra["Budget"] == 10


def test_a_formula_without_value_is_not_copied(split_book):
    main, groups = split_book
    edit(groups[1], {"1.1.1": {"Statuskommentar": '=CONCAT("a","b")'}})
    result = merge(main, groups[1])
    assert changes_of(result) == []
    assert [f.code for f in result.notes] == ["FORMULA_NOT_COPIED"]


def test_merge_errors_point_at_the_group_cell(split_book):
    main, groups = split_book
    edit(groups[1], {"1.1.1": {"Status": "Blå"}})
    result = merge(main, groups[1])
    errors = [f for f in check_plan(result.merged, today=TODAY) if f.code == "STATUS_INVALID"]
    assert [(f.cell, result.origins[(f.row, f.column)]) for f in errors] == \
        [("L2", "fokusomrade-1.xlsx Aktiviteter!L3")]


@pytest.mark.parametrize("key, a, b", [
    ("status", "grön", "Grön"), ("status", " Gul", "GUL"), ("start", "2025-03-01",
                                                             dt.date(2025, 3, 1)),
    ("start", 2025.0, 2025), ("goals", "M1,M4", "M1, M4"), ("end", "löpande", "Löpande"),
    ("id", "1.1.3\u200b", "1.1.3"), (None, 10, 10.0),
])
def test_equal_values_compare_equal(key, a, b):
    assert comparable(key, a) == comparable(key, b)


@pytest.mark.parametrize("key, a, b", [("status", "Grön", "Gul"), ("title", "a", "A"),
                                       ("start", "2025-03-01", "2025-03-02"),
                                       ("title", "Två  ord", "Två ord"),
                                       ("status_comment", "  två\n", "två"),
                                       (None, "x\u200b", "x")])
def test_different_values_compare_different(key, a, b):
    assert comparable(key, a) != comparable(key, b)


# --- property: random edits by random groups -------------------------------------------------

HEADERS = ["ID", "Insatsområde", "Aktivitet", "Ansvarig", "Status", "Mål", "Egen"]
KEYS = {"ID": "id", "Insatsområde": "intervention_area", "Aktivitet": "title",
        "Ansvarig": "responsible", "Status": "status", "Mål": "goals"}
LAYOUT = SheetLayout("Aktiviteter", 1, {k: HEADERS.index(h) + 1 for h, k in KEYS.items()},
                     {"Egen": 7}, 0, dict(enumerate(HEADERS, start=1)))
EDITABLE = ["Aktivitet", "Ansvarig", "Status", "Egen"]


def plan_of(rows: list[list]) -> Plan:
    layout = SheetLayout(LAYOUT.name, 1, LAYOUT.columns, LAYOUT.extra_columns, len(rows) + 1,
                         LAYOUT.headers)
    acts = tuple(activity_from_values(list(r), layout, i, {}) for i, r in enumerate(rows, 2))
    return Plan(activities=acts, layouts={"activities": layout})


def base_of(rows: list[list]) -> Base:
    return Base("huvuddokument.xlsx", "x", "t", None, {
        r[0]: BaseRow({KEYS[h]: v for h, v in zip(HEADERS, r, strict=True) if h in KEYS},
                      {"Egen": r[6]})
        for r in rows})


values = st.sampled_from(["Grön", "Gul", "Röd", "a", "b", "c", None])


@st.composite
def scenario(draw):
    n = draw(st.integers(2, 8))
    rows = [[f"1.1.{i}", "1.1", f"Aktivitet {i}", "Kontoret", "Grön", "M1", None]
            for i in range(1, n + 1)]
    groups = draw(st.integers(1, 3))
    owner = [draw(st.integers(0, groups - 1)) for _ in rows]
    group_edits = draw(st.lists(st.tuples(st.integers(0, n - 1), st.sampled_from(EDITABLE),
                                          values), max_size=12))
    main_edits = draw(st.lists(st.tuples(st.integers(0, n - 1), st.sampled_from(EDITABLE),
                                         values), max_size=6))
    return rows, groups, owner, group_edits, main_edits


def scenario_inputs(case) -> tuple[list[list], dict[int, dict[int, list]], Plan, list[Incoming]]:
    """A drawn scenario as the merge gets it: the huvuddokument's rows with its own edits,
    each group's rows (by row number) with the group's edits, the huvuddokument's plan and
    each group's workbook (its plan and its base, the rows as split wrote them)."""
    rows, groups, owner, group_edits, main_edits = case
    main_rows = [list(r) for r in rows]
    for i, header, value in main_edits:
        main_rows[i][HEADERS.index(header)] = value
    group_rows = {g: {i: list(rows[i]) for i in range(len(rows)) if owner[i] == g}
                  for g in range(groups)}
    for i, header, value in group_edits:
        group_rows[owner[i]][i][HEADERS.index(header)] = value
    incoming = [Incoming(f"fokusomrade-{g}.xlsx", plan_of(list(r.values())),
                         base_of([rows[i] for i in r])) for g, r in group_rows.items()]
    return main_rows, group_rows, plan_of(main_rows), incoming


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario())
def test_every_non_conflicting_edit_lands_and_nothing_else_changes(case):
    rows, owner = case[0], case[2]
    main_rows, group_rows, main, incoming = scenario_inputs(case)
    result = merge_plans(main, incoming)

    merged = {a.id: a for a in result.merged.activities}
    assert len(merged) == len(rows)  # no row lost, none added
    conflicted = {(c.activity_id, c.column.label) for c in result.conflicts}
    for i, row in enumerate(rows):
        aid = row[0]
        group_row = group_rows[owner[i]][i]
        for header in EDITABLE:
            col = HEADERS.index(header)
            base, mine, theirs = row[col], main_rows[i][col], group_row[col]
            key = KEYS.get(header)
            after = merged[aid].raw.get(key) if key else merged[aid].extra.get(header)
            if (aid, header) in conflicted:
                assert comparable(key, after) == comparable(key, mine)
                assert comparable(key, mine) != comparable(key, base) != comparable(key, theirs)
            elif comparable(key, theirs) != comparable(key, base):
                assert comparable(key, after) == comparable(key, theirs)  # the edit landed
            else:
                assert comparable(key, after) == comparable(key, mine)  # nothing else changed
