"""Merge decisions: a three-way merge per field, pure (no files are read or written here).

For every field of every activity a focus-area group sent back, the group's
value, the huvuddokument's value and the base (the value when split wrote the
group's workbook) decide:

- only the group changed it: the group's value is taken;
- only the huvuddokument changed it: it is kept;
- both changed it, to the same value: nothing to do;
- both changed it differently: a conflict; nothing of it is written.

Rows with an empty ID are new activities and get the next free ID in their
intervention area; rows a group deleted are reported, never deleted; an ID in
two workbooks or unknown to the huvuddokument is reported and not merged; a
workbook without a base merges two-way: the group's differing values win, but
its empty cells clear nothing. Rows without ID that an earlier merge already
added (found again by intervention area and title) merge the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from plan_sheets.excel.addresses import sheet_cell
from plan_sheets.groups.areas import (
    AreaChange,
    AreaConflict,
    NewArea,
    merge_areas,
    merged_areas,
)
from plan_sheets.groups.assessments import (
    AssessmentChange,
    AssessmentConflict,
    ConflictingValues,
    conflict_finding,
    merge_assessments,
    merged_assessments,
)
from plan_sheets.rules.activities import ID_PATTERN
from plan_sheets.workbook import collector, findings
from plan_sheets.workbook.baseline import Base, BaseRow
from plan_sheets.workbook.dates import parse_date
from plan_sheets.workbook.findings import Finding, Severity
from plan_sheets.workbook.kinds import (
    area_id,
    clean,
    focus_number,
    goal_ids,
    is_blank,
    number,
    text_of,
)
from plan_sheets.workbook.model import Activity, FormulaWithoutValue, Plan, SheetLayout
from plan_sheets.workbook.reader import activity_from_values
from plan_sheets.workbook.responsibility import read_responsible
from plan_sheets.workbook.schema import (
    ACTIVITIES,
    ASSESSMENTS,
    CONTRACT,
    Kind,
    contract_of,
    fold,
    is_ongoing_word,
    key_text,
    match_header,
    parse_phase,
    parse_status,
)

_KINDS = {f.key: f.kind for f in ACTIVITIES.fields}
_HEADERS = {f.key: f.header for f in ACTIVITIES.fields}


def kinds_of(plan: Plan) -> dict[str, Kind]:
    """Field key -> kind for the Aktiviteter fields of the contract `plan` was read by."""
    contract = contract_of(plan)
    return _KINDS if contract is CONTRACT else {f.key: f.kind for f in contract.activities.fields}


def headers_of(plan: Plan) -> dict[str, str]:
    """Field key -> the contract's header, for the Aktiviteter fields `plan` was read by."""
    contract = contract_of(plan)
    return _HEADERS if contract is CONTRACT else {
        f.key: f.header for f in contract.activities.fields}


@dataclass(frozen=True)
class Incoming:
    """One focus-area workbook to merge: its name, plan and base (None if hand-made)."""

    name: str
    plan: Plan
    base: Base | None


@dataclass(frozen=True, slots=True)
class Passed:
    """A group's row that is its base row, value for value and type for type: a merge
    needs only its ID and row of it (see `passed_over`)."""

    id: str
    row: int


_DROPPED = BaseRow({}, {})
"""What `passed_over` keeps of a base row that only passed rows had."""


@dataclass(frozen=True)
class ActivityColumn:
    """A column of the huvuddokument's Aktiviteter: a contract field or a staff header."""

    key: str | None
    header: str
    """As written in the workbook."""
    contract_header: str | None = None
    """A field's header in the contract: what the merge logs and writes a new column under."""

    @property
    def label(self) -> str:
        return self.contract_header or self.header


@dataclass(frozen=True)
class CellChange:
    activity_id: str
    column: ActivityColumn
    row: int
    """The huvuddokument's row."""
    before: Any
    after: Any
    source: str
    source_cell: str


@dataclass(frozen=True)
class NewActivity:
    activity_id: str
    values: dict[str, Any]
    """Contract field key -> value, ID included."""
    extra: dict[str, Any]
    """Staff header (as in the huvuddokument) -> value."""
    source: str
    source_row: int


@dataclass(frozen=True)
class Conflict(ConflictingValues):
    activity_id: str
    column: ActivityColumn

    def finding(self, sheet: str, row: int, col: int | None) -> Finding:
        return conflict_finding(sheet, row=row, column=col, subject=self.activity_id,
                                header=self.column.label, main=self.main, group=self.group,
                                base=self.base, source=self.source)


@dataclass(frozen=True)
class MergeResult:
    changes: tuple[CellChange, ...] = ()
    new: tuple[NewActivity, ...] = ()
    new_columns: tuple[str, ...] = ()
    """Staff headers the huvuddokument lacks, to add after its last column."""
    column_sources: dict[str, str] = field(default_factory=dict)
    """New column header -> the workbook it came from."""
    conflicts: tuple[Conflict, ...] = ()
    notes: tuple[Finding, ...] = ()
    """Warnings: deleted rows, IDs in two workbooks or unknown, no base, formulas."""
    merged: Plan = field(default_factory=Plan)
    """The huvuddokument as it would be after the merge (for validation)."""
    origins: dict[tuple[int, int], str] = field(default_factory=dict)
    """(row, column) in the merged Aktiviteter -> `file Aktiviteter!L5` the value came from."""
    resolved: tuple[Conflict, ...] = ()
    """Conflicts settled by `--prefer`, and so no longer blocking."""
    prefer: str | None = None
    """`main` or `group`: whose value settled the conflicts."""
    assessment_changes: tuple[AssessmentChange, ...] = ()
    """What the groups' Bedömningar rows change (see groups.assessments)."""
    assessment_conflicts: tuple[AssessmentConflict, ...] = ()
    resolved_assessments: tuple[AssessmentConflict, ...] = ()
    new_areas: tuple[NewArea, ...] = ()
    """Intervention areas a group added: proposals (see groups.areas)."""
    area_changes: tuple[AreaChange, ...] = ()
    area_conflicts: tuple[AreaConflict, ...] = ()
    resolved_areas: tuple[AreaConflict, ...] = ()

    @property
    def has_conflicts(self) -> bool:
        return bool(self.conflicts or self.assessment_conflicts or self.area_conflicts)

    @property
    def refusals(self) -> tuple[Finding, ...]:
        """Notes that stop the merge: a row two workbooks carry differently."""
        return tuple(f for f in self.notes if f.severity is Severity.ERROR)

    @property
    def changed_activities(self) -> int:
        return len({c.activity_id for c in self.changes})


# --- comparing values ------------------------------------------------------------------------


def comparable(key: str | None, value: Any, kinds: dict[str, Kind] = _KINDS) -> Any:
    """A value in the form two cells are compared in: `grön` equals `Grön`, `2025` text
    equals the number, a date equals the same date at midnight, keys (IDs, areas, goals,
    status and phase words) compare as `key_text`, a number column's `1 200` equals 1200;
    free text compares exactly as typed. `kinds`: the fields' kinds (`kinds_of`)."""
    value = clean(value)
    if value is None or isinstance(value, FormulaWithoutValue):
        return value
    kind = kinds.get(key) if key else None
    if kind is not None and kind is not Kind.TEXT and value.__class__ is str:
        value = key_text(value)
        if not value:
            return None
    if kind is Kind.ID:
        return value if value.__class__ is str else key_text(text_of(value))
    if kind is Kind.STATUS:
        status = parse_status(value)
        return status if status is not None else value
    if kind is Kind.PHASE:
        phase = parse_phase(value)
        return phase if phase is not None else value
    if kind is Kind.GOALS:
        return goal_ids(value)
    if kind is Kind.AREA:
        return area_id(value) or value
    if kind is Kind.FOCUS:
        return focus_number(value, {}) or value
    if kind is Kind.END_DATE and is_ongoing_word(value):
        return "Löpande"
    if kind in (Kind.DATE, Kind.END_DATE):
        return parse_date(value, end=kind is Kind.END_DATE) or value
    if kind is Kind.NUMBER:
        amount = number(value)
        return amount if amount is not None else value
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date()
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return float(value)
    return value


def written(key: str | None, value: Any, kinds: dict[str, Kind] = _KINDS) -> Any:
    """The value to write into the huvuddokument: canonical spellings for Status and Läge."""
    value = clean(value)
    kind = kinds.get(key) if key else None
    if kind is Kind.STATUS and (status := parse_status(value)) is not None:
        return status.value
    if kind is Kind.PHASE and (phase := parse_phase(value)) is not None:
        return phase.value
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date()
    if isinstance(value, float) and value.is_integer() and kind is not Kind.AREA:
        return int(value)
    return value


# --- the merge -------------------------------------------------------------------------------


def _main_columns(plan: Plan) -> dict[str, ActivityColumn]:
    """Folded header -> the plan's Aktiviteter column (contract fields by key)."""
    layout = plan.layouts[ACTIVITIES.key]
    headers = headers_of(plan)
    columns = {}
    for key in layout.columns:
        columns[f"key:{key}"] = ActivityColumn(key, layout.headers.get(layout.columns[key], key),
                                               headers.get(key))
    for header in layout.extra_columns:
        columns[f"staff:{fold(header)}"] = ActivityColumn(None, header)
    return columns


class _Slots(dict):
    """Field key or staff header -> its slot, made once: every row repeats the same few."""

    def __init__(self, make) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, name: str) -> str:
        slot = self[name] = self.make(name)
        return slot


_KEY_SLOTS = _Slots(lambda key: f"key:{key}")
_STAFF_SLOTS = _Slots(lambda header: f"staff:{fold(header)}")


def _slots(raw: Any, extra: Any) -> dict[str, Any]:
    keys, staff = _KEY_SLOTS, _STAFF_SLOTS
    values = {keys[k]: v for k, v in raw.items()}
    if extra:
        values.update({staff[h]: v for h, v in extra.items()})
    return values


def _row_values(activity: Activity) -> dict[str, Any]:
    """`key:…`/`staff:…` -> value for one activity (as read)."""
    return _slots(activity.raw, activity.extra)


def _base_values(row: BaseRow) -> dict[str, Any]:
    return _slots(row.values, row.extra)


def _as_split_wrote_it(activity: Activity, base: BaseRow) -> bool:
    """Whether a group's row is its base row, value for value and type for type (so that
    `_merge_row` would find no field changed)."""
    raw, extra = activity.raw, activity.extra
    return (raw == base.values and extra == base.extra
            and list(map(type, raw.values())) == list(map(type, base.values.values()))
            and list(map(type, extra.values())) == list(map(type, base.extra.values())))


def edited_rows(plan: Plan, base: Base) -> list[str]:
    """What a group has changed in its workbook since split wrote it, as a merge would
    see it: the IDs of changed rows, `ny rad N` for rows added, `ID borttagen` for rows
    deleted."""
    edited: list[str] = []
    present: set[str] = set()
    kinds = kinds_of(plan)
    for activity in plan.activities:
        if not activity.id:
            edited.append(f"ny rad {activity.row}")
            continue
        present.add(activity.id)
        row = base.rows.get(activity.id)
        if row is None:
            edited.append(activity.id)
        elif not _as_split_wrote_it(activity, row):
            group, was = _row_values(activity), _base_values(row)
            if any(comparable(_key_of(slot), group.get(slot), kinds) !=
                   comparable(_key_of(slot), was.get(slot), kinds)
                   for slot in group.keys() | was.keys()):
                edited.append(activity.id)
    edited += [f"{aid} borttagen" for aid in base.rows if aid not in present]
    return edited


def _key_of(slot: str) -> str | None:
    return slot[4:] if slot.startswith("key:") else None


def passed_over(book: Incoming) -> Incoming:
    """`book` with each row that is its base row as a `Passed`, and the base values only
    of the rows left: a merge decides the same, and what is left of a focus-area
    workbook is small enough to send from another process (1 % of its rows, say)."""
    if book.base is None:
        return book
    base_rows = book.base.rows
    activities: list[Any] = []
    kept: set[str] = set()
    for activity in book.plan.activities:
        base_row = base_rows.get(activity.id) if activity.id else None
        if base_row is not None and _as_split_wrote_it(activity, base_row):
            activities.append(Passed(activity.id, activity.row))
        else:
            activities.append(activity)
            kept.add(activity.id)
    rows = {aid: row if aid in kept else _DROPPED for aid, row in base_rows.items()}
    return Incoming(book.name, replace(book.plan, activities=tuple(activities)),
                    replace(book.base, rows=rows))


def _id_number(activity_id: str) -> int:
    m = ID_PATTERN.match(activity_id)
    return int(m[3]) if m else 0


class _Ids:
    """Hands out the next free ID per intervention area."""

    def __init__(self, taken: Sequence[str]) -> None:
        self.highest: dict[str, int] = {}
        for aid in taken:
            m = ID_PATTERN.match(aid)
            if m:
                area = f"{int(m[1])}.{int(m[2])}"
                self.highest[area] = max(self.highest.get(area, 0), int(m[3]))

    def next(self, area: str) -> str:
        self.highest[area] = self.highest.get(area, 0) + 1
        return f"{area}.{self.highest[area]}"


def merge_plans(main: Plan, incoming: Sequence[Incoming]) -> MergeResult:
    """Decide what the focus-area workbooks change in the huvuddokument."""
    with collector.paused():
        result = _Merger(main).run(incoming)
    areas = merge_areas(
        main, [(b.name, b.plan, b.base.areas if b.base else None) for b in incoming])
    if areas.new or areas.changes or areas.conflicts:
        merged = replace(result.merged, intervention_areas=merged_areas(main, areas.new,
                                                                        areas.changes))
        result = replace(result, new_areas=areas.new, area_changes=areas.changes,
                         area_conflicts=areas.conflicts, merged=merged)
    changes, conflicts, notes = merge_assessments(
        main, [(b.name, b.plan, b.base.assessment if b.base else None) for b in incoming])
    notes = [f for b in incoming if (layout := b.plan.layouts.get(ASSESSMENTS.key))
             for f in unheaded_text(b.name, layout)] + notes
    if notes:
        result = replace(result, notes=(*result.notes, *notes))
    if not changes and not conflicts:
        return result
    merged = replace(result.merged, assessments=merged_assessments(main, changes))
    return replace(result, assessment_changes=tuple(changes),
                   assessment_conflicts=tuple(conflicts), merged=merged)


PREFER_MAIN, PREFER_GROUP = "main", "group"


def resolve_conflicts(main: Plan, result: MergeResult, *, prefer: str) -> MergeResult:
    """Settle every conflict: keep the huvuddokument's value (`main`) or take the group's.

    The user chooses the side; the settled conflicts are kept in `resolved` so
    that the account and Ändringslogg still show them.
    """
    if prefer not in (PREFER_MAIN, PREFER_GROUP):
        raise ValueError(prefer)
    if not result.has_conflicts:
        return result
    judged = [*result.assessment_changes,
              *(c for conflict in result.assessment_conflicts
                if (c := conflict.settled(prefer == PREFER_GROUP)) is not None)]
    changes = list(result.changes)
    if prefer == PREFER_GROUP:
        rows = {a.id: a.row for a in main.activities if a.id}
        for c in result.conflicts:
            changes.append(CellChange(c.activity_id, c.column, rows[c.activity_id], c.main,
                                      written(c.column.key, c.group, kinds_of(main)), c.source,
                                      c.group_cell))
    area_changes = [*result.area_changes,
                    *(c for conflict in result.area_conflicts
                      if (c := conflict.settled(prefer == PREFER_GROUP)) is not None)]
    merged, origins = _merged_plan(main, changes, result.new, result.new_columns)
    merged = replace(merged, assessments=merged_assessments(main, judged),
                     intervention_areas=merged_areas(main, result.new_areas, area_changes))
    return replace(result, changes=tuple(changes), conflicts=(), merged=merged, origins=origins,
                   resolved=result.conflicts, prefer=prefer, assessment_changes=tuple(judged),
                   assessment_conflicts=(), resolved_assessments=result.assessment_conflicts,
                   area_changes=tuple(area_changes), area_conflicts=(),
                   resolved_areas=result.area_conflicts)


def _cell_of(book: str, layout: SheetLayout, column: ActivityColumn, row: int) -> str:
    """`fokusomrade-1.xlsx Aktiviteter!L5`: where a value is in its own workbook."""
    number = layout.columns.get(column.key) if column.key else layout.extra_columns.get(
        column.header)
    return f"{book} {sheet_cell(layout.name, row, number or 1)}"


class _Merger:
    """One merge run: the huvuddokument's state and what the workbooks decide."""

    def __init__(self, main: Plan) -> None:
        self.main = main
        self.kinds = kinds_of(main)
        self.layout = main.layouts[ACTIVITIES.key]
        self.columns = _main_columns(main)
        self.by_id = {a.id: a for a in main.activities if a.id}
        self._by_area: dict[str, list[Activity]] | None = None
        self._by_title: dict[str, dict[str, Activity]] = {}
        self.closed = {a.id for a in main.closed if a.id}
        # Avslutade's IDs stay taken: a new activity never gets a closed one's ID.
        self.ids = _Ids([a.id for a in (*main.activities, *main.closed)])
        self.notes: list[Finding] = []
        self.changes: list[CellChange] = []
        self.conflicts: list[Conflict] = []
        self.new: list[NewActivity] = []
        self.new_columns: list[str] = []
        self.column_sources: dict[str, str] = {}
        self.twice: set[str] = set()
        """IDs that two workbooks carry differently: merged from neither (and refused)."""
        self.repeated: set[tuple[str, str]] = set()
        """(workbook, ID) of rows another workbook carries alike: merged from that one."""
        self.new_seen: dict[tuple[str, str], tuple[Incoming, Activity]] = {}
        """(intervention area, folded title) -> the first workbook's row without ID."""

    def by_title(self, area: str, title: str) -> Activity | None:
        """The activity with this title in `area`: one an earlier merge added from a row
        without ID is found again by area and title. Titles are folded per area, when a
        row without ID in that area first asks."""
        if self._by_area is None:
            self._by_area = {}
            for a in self.main.activities:
                if a.id:
                    self._by_area.setdefault(a.intervention_area, []).append(a)
        titles = self._by_title.get(area)
        if titles is None:
            titles = self._by_title[area] = {fold(a.title): a
                                             for a in self._by_area.get(area, ())}
        return titles.get(fold(title))

    def run(self, incoming: Sequence[Incoming]) -> MergeResult:
        self._find_ids_in_two_files(incoming)
        for book in incoming:
            if ACTIVITIES.key in book.plan.layouts:
                self._merge_book(book)
        merged, origins = _merged_plan(self.main, self.changes, self.new, self.new_columns)
        return MergeResult(tuple(self.changes), tuple(self.new), tuple(self.new_columns),
                           dict(self.column_sources), tuple(self.conflicts), tuple(self.notes),
                           merged, origins)

    def _find_ids_in_two_files(self, incoming: Sequence[Incoming]) -> None:
        """A row two workbooks carry (a copy of a file, say) is merged once when the
        copies are alike, and refused when they differ: which one is right is the
        user's call, and neither must silently win."""
        seen: dict[tuple[str, int], tuple[Incoming, Any]] = {}
        for book in incoming:
            # An ID twice in one workbook is compared occurrence by occurrence.
            occurrences: dict[str, int] = {}
            for activity in book.plan.activities:
                if not activity.id:
                    continue
                nth = occurrences[activity.id] = occurrences.get(activity.id, -1) + 1
                first = seen.setdefault((activity.id, nth), (book, activity))
                if first[0] is not book:
                    self._twice(first, (book, activity), what=f"ID {activity.id}",
                                activity_id=activity.id)

    def _twice(self, first: tuple[Incoming, Any], second: tuple[Incoming, Any], *,
               what: str, activity_id: str) -> None:
        """Note a row that two workbooks carry: refused when they differ, else merged once."""
        (first_book, first_row), (book, row) = first, second
        fields = _differing_fields(first_book, first_row, book, row)
        layout = book.plan.layouts[ACTIVITIES.key]
        if fields:
            if activity_id:
                self.twice.add(activity_id)
            self.notes.append(findings.make(
                "ID_IN_TWO_FILES", sheet=layout.name, activity_id=activity_id,
                value=activity_id, what=what, first=first_book.name, second=book.name,
                fields=fields))
            return
        if activity_id:
            self.repeated.add((book.name, activity_id))
        self.notes.append(findings.make(
            "ROW_IN_TWO_FILES", sheet=layout.name, activity_id=activity_id, value=activity_id,
            what=what, first=first_book.name, second=book.name))

    def _merge_book(self, book: Incoming) -> None:
        layout = book.plan.layouts[ACTIVITIES.key]
        self.notes += unheaded_text(book.name, layout)
        group_columns = _main_columns(book.plan)
        for slot, column in group_columns.items():
            if slot not in self.columns and column.label not in self.new_columns:
                self.new_columns.append(column.label)
                self.column_sources[column.label] = book.name
                self.notes.append(findings.make("COLUMN_ADDED", sheet=ACTIVITIES.name,
                                                value=column.label, source=book.name))
        if book.base is None:
            self.notes.append(findings.make("NO_BASE", sheet=layout.name, source=book.name))
        base_rows = book.base.rows if book.base is not None else {}
        present: set[str] = set()
        for activity in book.plan.activities:
            if activity.id and (book.name, activity.id) in self.repeated:
                present.add(activity.id)  # alike in an earlier workbook: merged from there
                continue
            target = self._target(book, layout, activity, base_rows, group_columns)
            if target is None:
                continue
            present.add(target.id)
            if activity.__class__ is Passed:
                continue  # as split wrote it (`passed_over` has compared it already)
            base_row = base_rows.get(activity.id) if activity.id else None
            if base_row is not None and _as_split_wrote_it(activity, base_row):
                continue  # most rows: nothing changed, nothing to compare field by field
            self._merge_row(book, layout, group_columns, activity, target,
                            _base_values(base_row) if base_row is not None else None)
        for aid in base_rows:
            if aid not in present and aid in self.by_id and aid not in self.twice:
                self.notes.append(findings.make("ROW_DELETED", sheet=ACTIVITIES.name,
                                                row=self.by_id[aid].row, activity_id=aid, value=aid,
                                                source=book.name))

    def _target(self, book: Incoming, layout: SheetLayout, activity: Activity,
                base_rows, group_columns: dict[str, ActivityColumn]) -> Activity | None:
        """The huvuddokument's activity a group row updates (None: nothing to update)."""
        if activity.id in self.twice:
            return None
        if activity.id:
            target = self.by_id.get(activity.id)
            if target is None and activity.id in self.closed:
                self.notes.append(findings.make("ID_CLOSED", sheet=layout.name, row=activity.row,
                                                column=layout.columns.get("id"),
                                                activity_id=activity.id, value=activity.id,
                                                source=book.name))
            elif target is None:
                # Reported; and refused when the row holds anything split did not write,
                # which would otherwise be lost.
                base_row = base_rows.get(activity.id)
                unchanged = activity.__class__ is Passed or (
                    base_row is not None and _as_split_wrote_it(activity, base_row))
                self.notes.append(findings.make(
                    "ID_NOT_FOUND" if unchanged else "ID_NOT_FOUND_CHANGED", sheet=layout.name,
                    row=activity.row, column=layout.columns.get("id"), activity_id=activity.id,
                    value=activity.id, source=book.name, file=book.name))
            return target
        if not activity.title and not activity.intervention_area:
            typed = _first_typed(activity, layout)
            if typed is not None:
                self.notes.append(findings.make("NEW_ROW_UNPLACED", sheet=layout.name,
                                                row=activity.row, column=typed[0],
                                                value=typed[1], file=book.name))
            return None
        target = self.by_title(activity.intervention_area, activity.title)
        if target is not None and target.id not in base_rows:
            return target
        key = (activity.intervention_area, fold(activity.title))
        first = self.new_seen.setdefault(key, (book, activity))
        if first[0] is not book:
            # The same new activity in two workbooks: added once, or refused if they differ.
            self._twice(first, (book, activity), what=f"Den nya aktiviteten ”{activity.title}”",
                        activity_id="")
            return None
        self.new.append(_new_activity(activity, group_columns, self.columns, self.ids,
                                      book.name, self.kinds))
        self._note_offices(book, layout, activity, activity.raw.get("responsible"),
                           activity.title)
        return None

    def _note_offices(self, book: Incoming, layout: SheetLayout, activity: Activity,
                      value: Any, what: str) -> None:
        """RESPONSIBLE_SPLIT: a group's Ansvarig names several offices, read as import
        reads such a cell (the first responsible, the others taking part)."""
        if value.__class__ is not str:
            return
        found = read_responsible(value)
        if found.participants:
            self.notes.append(findings.make(
                "RESPONSIBLE_SPLIT", sheet=layout.name, row=activity.row,
                column=layout.columns.get("responsible"), activity_id=activity.id,
                value=value, id=what, source=book.name, first=found.responsible,
                others=", ".join(found.participants), file=book.name))

    def _merge_row(self, book: Incoming, layout: SheetLayout,
                   group_columns: dict[str, ActivityColumn],
                   activity: Activity, target: Activity,
                   base_values: dict[str, Any] | None) -> None:
        group_values = _row_values(activity)
        main_values = _row_values(target)
        for slot, column in group_columns.items():
            if slot == "key:id":
                continue
            g_raw = group_values.get(slot)
            if base_values is not None:
                b_raw = base_values.get(slot)
                # Most cells are as split wrote them: the same value, of the same type,
                # compares equal however it is spelt (a fast path past `comparable`).
                if g_raw.__class__ is b_raw.__class__ and g_raw == b_raw \
                        and g_raw.__class__ is not FormulaWithoutValue:
                    continue
            elif g_raw is None:
                continue  # without a base an empty cell is no evidence of a change
            key = column.key
            main_column = self.columns.get(slot) or column
            if isinstance(g_raw, FormulaWithoutValue):
                self.notes.append(findings.make("FORMULA_NOT_COPIED", sheet=layout.name,
                                                row=activity.row, activity_id=target.id,
                                                header=column.label, id=target.id,
                                                source=book.name))
                continue
            g = comparable(key, g_raw, self.kinds)
            m_raw = main_values.get(slot)
            m = comparable(key, m_raw, self.kinds)
            if base_values is not None:
                b = comparable(key, b_raw, self.kinds)
                if g == b or g == m:
                    continue
                if m != b:
                    self.conflicts.append(Conflict(
                        activity_id=target.id, column=main_column, main=m_raw, group=g_raw,
                        base=b_raw, source=book.name,
                        main_cell=_main_cell(self.layout, target, main_column),
                        group_cell=_cell_of(book.name, layout, column, activity.row)))
                    continue
            elif g == m or g is None:
                # Without a base an empty cell is no evidence of a change: it never clears.
                continue
            self.changes.append(CellChange(target.id, main_column, target.row, m_raw,
                                           written(key, g_raw, self.kinds), book.name,
                                           _cell_of(book.name, layout, column, activity.row)))
            if key == "responsible":
                self._note_offices(book, layout, activity, g_raw, target.id)


def unheaded_text(source: str, layout: SheetLayout) -> list[Finding]:
    """TEXT_WITHOUT_HEADER: per column of a group's sheet without a header, its first
    typed cell (a note beside the table has no field to go to: the merge stops)."""
    by_column: dict[int, list[tuple[int, Any]]] = {}
    for row, column, value in layout.unheaded:
        by_column.setdefault(column, []).append((row, value))
    out = []
    for column, cells in sorted(by_column.items()):
        row, value = cells[0]
        more = f" (och {len(cells) - 1} celler till under den)" if len(cells) > 1 else ""
        out.append(findings.make("TEXT_WITHOUT_HEADER", sheet=layout.name, row=row,
                                 column=column, value=value, more=more, file=source))
    return out


def _first_typed(activity: Activity, layout: SheetLayout) -> tuple[int, Any] | None:
    """(column, value) of a row's first cell holding something, or None."""
    cells = [(layout.columns[k], v) for k, v in activity.raw.items() if not is_blank(v)]
    cells += [(layout.extra_columns[h], v) for h, v in activity.extra.items()
              if not is_blank(v)]
    return min(cells, key=lambda cell: cell[0]) if cells else None


def _differing_fields(first_book: Incoming, first: Any, book: Incoming, row: Any) -> str:
    """How two workbooks' rows for one activity differ, for a message ("" when alike)."""
    a, b = _values_of(first_book, first), _values_of(book, row)
    columns = {**_main_columns(book.plan), **_main_columns(first_book.plan)}
    kinds = kinds_of(book.plan)
    differing = []
    for slot, column in columns.items():
        if slot == "key:id":
            continue
        if comparable(column.key, a.get(slot), kinds) != comparable(column.key, b.get(slot),
                                                                     kinds):
            mine, theirs = findings.display(a.get(slot)), findings.display(b.get(slot))
            differing.append(f"{column.label} ”{mine}” i {first_book.name}, "
                             f"”{theirs}” i {book.name}")
    return "; ".join(differing)


def _values_of(book: Incoming, row: Any) -> dict[str, Any]:
    """A group's row by slot; a row passed over (`Passed`) is its base row."""
    if row.__class__ is Passed:
        base = book.base.rows.get(row.id) if book.base is not None else None
        return _base_values(base) if base is not None else {}
    return _row_values(row)


def _main_cell(layout: SheetLayout, activity: Activity, column: ActivityColumn) -> str:
    number = (layout.columns.get(column.key) if column.key
              else layout.extra_columns.get(column.header))
    return sheet_cell(layout.name, activity.row, number) if number else layout.name


def _new_activity(activity: Activity, group_columns: dict[str, ActivityColumn],
                  main_columns: dict[str, ActivityColumn], ids: _Ids, source: str,
                  kinds: dict[str, Kind]) -> NewActivity:
    values = _row_values(activity)
    contract: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    for slot, column in group_columns.items():
        value = values.get(slot)
        if isinstance(value, FormulaWithoutValue):
            value = None
        if column.key:
            contract[column.key] = written(column.key, value, kinds)
        else:
            header = main_columns[slot].header if slot in main_columns else column.header
            extra[header] = written(None, value, kinds)
    area = activity.intervention_area
    aid = ids.next(area) if area else ""
    contract["id"] = aid
    if area:
        contract["intervention_area"] = area
        if contract.get("focus_area") is None:
            contract["focus_area"] = int(area.split(".")[0])
    return NewActivity(aid, contract, extra, source, activity.row)


def _merged_plan(main: Plan, changes: Sequence[CellChange], new: Sequence[NewActivity],
                 new_columns: Sequence[str]) -> tuple[Plan, dict[tuple[int, int], str]]:
    """The huvuddokument's plan as it would read after the merge, and where values came from."""
    layout = main.layouts[ACTIVITIES.key]
    columns = dict(layout.columns)
    extra_columns = dict(layout.extra_columns)
    headers = dict(layout.headers)
    width = max([*columns.values(), *extra_columns.values(), 0])
    for header in new_columns:
        width += 1
        key = match_header(contract_of(main).activities, header)
        if key is not None and key not in columns:
            columns[key] = width
        else:
            extra_columns[header] = width
        headers[width] = header
    merged_layout = replace(layout, columns=columns, extra_columns=extra_columns,
                            headers=headers, last_row=layout.last_row + len(new))
    focus_names = {fold(a.name): a.number for a in main.focus_areas if a.name}

    def column_number(column: ActivityColumn) -> int:
        return columns[column.key] if column.key else extra_columns[column.header]

    by_row: dict[int, list[CellChange]] = {}
    for change in changes:
        by_row.setdefault(change.row, []).append(change)
    origins: dict[tuple[int, int], str] = {}
    activities = []
    for activity in main.activities:
        row_changes = by_row.get(activity.row)
        if not row_changes:
            activities.append(activity)
            continue
        values = _as_list(activity, merged_layout, width)
        for change in row_changes:
            col = column_number(change.column)
            values[col - 1] = change.after
            origins[(activity.row, col)] = change.source_cell
        activities.append(activity_from_values(values, merged_layout, activity.row,
                                               focus_names))
    for offset, item in enumerate(new, start=1):
        row = layout.last_row + offset
        values = [None] * width
        for key, value in item.values.items():
            if key in columns:
                values[columns[key] - 1] = value
        for header, value in item.extra.items():
            values[extra_columns[header] - 1] = value
        for col in range(1, width + 1):
            origins[(row, col)] = f"{item.source} rad {item.source_row}"
        activities.append(activity_from_values(values, merged_layout, row, focus_names))
    layouts = dict(main.layouts)
    layouts[ACTIVITIES.key] = merged_layout
    return replace(main, activities=tuple(activities), layouts=layouts), origins


def _as_list(activity: Activity, layout: SheetLayout, width: int) -> list[Any]:
    values: list[Any] = [None] * width
    for key, col in layout.columns.items():
        values[col - 1] = activity.raw.get(key)
    for header, col in layout.extra_columns.items():
        values[col - 1] = activity.extra.get(header)
    return values
