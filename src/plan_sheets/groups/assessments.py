"""Bedömningar through split and merge, pure: each group's row for the period, three-way.

`split` gives every focus-area group its own row of Bedömningar for the period
(what the huvuddokument holds for it, or an empty row to fill in) and keeps the
row in the base. `merge` then decides per field as for an activity's cells:
only the group changed it, the group's value is taken; only the huvuddokument,
it is kept; both, differently, a conflict (refused unless `--prefer`). A
workbook without a base in its row merges two-way: the group's values win where
it wrote one, its empty cells clear nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from plan_sheets.excel.addresses import sheet_cell
from plan_sheets.workbook import findings
from plan_sheets.workbook.dates import parse_date
from plan_sheets.workbook.findings import Finding
from plan_sheets.workbook.model import Assessment, Plan
from plan_sheets.workbook.schema import ASSESSMENTS

MERGED_KEYS = ("assessment", "events", "author", "date")
"""The fields a group writes; Period and Fokusområde say which row it is."""


def assessment_values(item: Assessment | None) -> dict[str, Any]:
    """Field key -> value of a Bedömningar row (all None for no row)."""
    if item is None:
        return dict.fromkeys(MERGED_KEYS)
    return {"assessment": item.text or None, "events": item.events or None,
            "author": item.author or None, "date": item.date}


def _same(key: str, first: Any, second: Any) -> bool:
    """Whether two cells of a Bedömningar field say the same: dates as dates, text exactly
    as typed (an empty cell and one of spaces alike)."""
    if key == "date":
        return parse_date(first) == parse_date(second)
    return _text(first) == _text(second)


def _text(value: Any) -> str:
    text = "" if value is None else str(value)
    return text if text.strip() else ""


def same_assessment(first: Mapping[str, Any], second: Mapping[str, Any]) -> bool:
    """Whether two Bedömningar rows (field key -> value) say the same."""
    return all(_same(key, first.get(key), second.get(key)) for key in MERGED_KEYS)


def _label(key: str) -> str:
    return ASSESSMENTS.field(key).header


@dataclass(frozen=True)
class _AssessmentCell:
    """One field of one focus area's Bedömningar row for a period."""

    period: str
    focus_area: int
    key: str
    row: int | None
    """The huvuddokument's Bedömningar row; None when the merge adds the row."""

    @property
    def label(self) -> str:
        return f"Bedömning {self.period}: {_label(self.key)}"

    @property
    def subject(self) -> str:
        """What Ändringslogg's ID column says: the focus area."""
        return f"FO{self.focus_area}"


@dataclass(frozen=True)
class AssessmentChange(_AssessmentCell):
    before: Any
    after: Any
    source: str
    source_cell: str


@dataclass(frozen=True)
class ConflictingValues:
    """A cell both the huvuddokument and a group changed since the split: both values, the
    split's, the group's workbook and where each value stands."""

    main: Any
    group: Any
    base: Any
    source: str
    main_cell: str
    group_cell: str


@dataclass(frozen=True)
class AssessmentConflict(ConflictingValues, _AssessmentCell):

    def finding(self, sheet: str) -> Finding:
        return conflict_finding(sheet, row=self.row, column=None, subject=self.subject,
                                header=self.label, main=self.main, group=self.group,
                                base=self.base, source=self.source)

    def settled(self, prefer_group: bool) -> AssessmentChange | None:
        """The change that `--prefer group` makes (None for `--prefer main`)."""
        if not prefer_group:
            return None
        return AssessmentChange(self.period, self.focus_area, self.key, self.row, self.main,
                                self.group, self.source, self.group_cell)


def conflict_finding(sheet: str, *, row: int | None, column: int | None, subject: str,
                     header: str, main: Any, group: Any, base: Any, source: str) -> Finding:
    """MERGE_CONFLICT: the huvuddokument and a group both changed a cell since the split
    (an activity's field here, or a Bedömningar field)."""
    return findings.make("MERGE_CONFLICT", sheet=sheet, row=row, column=column,
                         activity_id=subject, value=group, header=header, id=subject,
                         main=findings.display(main), group=findings.display(group),
                         base=findings.display(base), source=source)


@dataclass(frozen=True)
class TypedAssessment:
    """What a group's workbook says for one period and focus area, field by field: its
    rows for them read as one (a row without Period or Fokusområde is its workbook's
    row for the period it was split for)."""

    period: str
    focus_area: int
    values: dict[str, Any]
    """Field key -> value (None: empty on every row)."""
    rows: dict[str, int]
    """Field key -> the row its value stands on."""


def typed_assessments(name: str, plan: Plan, base: Mapping[str, Any] | None
                      ) -> tuple[list[TypedAssessment], list[Finding]]:
    """A group's Bedömningar, per period and focus area, and what a merge must say about
    it: a row placed in its workbook's row for the period (ASSESSMENT_ROW_PLACED), a row
    that cannot be placed (ASSESSMENT_ROW_UNPLACED) and two rows saying different things
    (ASSESSMENT_ROWS_DIFFER) — the last two stop the merge."""
    layout = plan.layouts.get(ASSESSMENTS.key)
    if layout is None:
        return [], []
    own_period = str(base.get("period") or "") if base is not None else ""
    own_focus = base.get("focus_area") if base is not None else None
    found: list[Finding] = []
    cells: dict[tuple[str, int], dict[str, list[tuple[Any, int]]]] = {}

    def cell(key: str, row: int) -> str:
        return sheet_cell(layout.name, row, layout.columns.get(key) or 1)

    for item in plan.assessments:
        values = assessment_values(item)
        typed = [key for key in MERGED_KEYS if values[key] is not None]
        missing = [_label(key) for key, given in (("period", item.period),
                                                  ("focus_area", item.focus_area))
                   if not given]
        if not typed and missing:
            continue  # a row's labels without an assessment
        period = item.period or own_period
        focus = item.focus_area if item.focus_area is not None else own_focus
        if not period or focus is None:
            found.append(findings.make(
                "ASSESSMENT_ROW_UNPLACED", sheet=layout.name, row=item.row,
                column=layout.columns.get(typed[0]), value=values[typed[0]],
                missing=" och ".join(missing), file=name))
            continue
        if missing:
            found.append(findings.make(
                "ASSESSMENT_ROW_PLACED", sheet=layout.name, row=item.row,
                column=layout.columns.get(typed[0]),
                where=f"{name} {cell(typed[0], item.row)}", missing=" och ".join(missing),
                focus=f"FO{focus}", period=period, file=name))
        fields = cells.setdefault((period, focus), {})
        for key in MERGED_KEYS:
            fields.setdefault(key, []).append((values[key], item.row))
    out = []
    for (period, focus), fields in cells.items():
        values: dict[str, Any] = {}
        rows: dict[str, int] = {}
        for key, typed_cells in fields.items():
            given = [(value, row) for value, row in typed_cells if value is not None]
            differing = [(v, r) for v, r in given if not _same(key, v, given[0][0])]
            if differing:
                shown = ", ".join(f"”{findings.display(v)}” i {cell(key, r)}"
                                  for v, r in [given[0], *differing])
                found.append(findings.make(
                    "ASSESSMENT_ROWS_DIFFER", sheet=layout.name, row=given[0][1],
                    column=layout.columns.get(key), source=name, focus=f"FO{focus}",
                    period=period, header=_label(key), cells=shown, file=name))
            values[key], rows[key] = given[0] if given else (None, typed_cells[0][1])
        out.append(TypedAssessment(period, focus, values, rows))
    return out, found


def assessment_edited(name: str, plan: Plan, base: Mapping[str, Any]) -> bool:
    """Whether a group has written in its Bedömningar since split wrote it."""
    typed, found = typed_assessments(name, plan, base)
    if found:
        return True
    for item in typed:
        split_wrote = base if (item.period, item.focus_area) == (
            base.get("period"), base.get("focus_area")) else {}
        if not same_assessment(item.values, split_wrote):
            return True
    return False


def merge_assessments(main: Plan, books: Sequence[tuple[str, Plan, Mapping[str, Any] | None]]
                      ) -> tuple[list[AssessmentChange], list[AssessmentConflict],
                                 list[Finding]]:
    """What the groups' Bedömningar rows change: (changes, conflicts, findings).

    `books` are (file name, the group's plan, the base's Bedömningar row or None).
    The first workbook to bring a focus area's row for a period is merged; another
    bringing the same row is compared with the huvuddokument as it was. The findings
    (see `typed_assessments`) may stop the merge.
    """
    layout = main.layouts.get(ASSESSMENTS.key)
    main_sheet = layout.name if layout is not None else ASSESSMENTS.name
    changes: list[AssessmentChange] = []
    conflicts: list[AssessmentConflict] = []
    found: list[Finding] = []
    seen: set[tuple[str, int]] = set()
    for name, plan, base in books:
        group_layout = plan.layouts.get(ASSESSMENTS.key)
        if group_layout is None:
            continue
        typed, notes = typed_assessments(name, plan, base)
        found += notes
        for item in typed:
            which = (item.period, item.focus_area)
            if which in seen:
                continue
            seen.add(which)
            current = main.assessment(item.period, item.focus_area)
            mains = assessment_values(current)
            groups = item.values
            bases = None
            if base is not None and base.get("period") == item.period and \
                    base.get("focus_area") == item.focus_area:
                bases = {key: base.get(key) for key in MERGED_KEYS}
            for key in MERGED_KEYS:
                group_value, main_value = groups[key], mains[key]
                column = group_layout.columns.get(key) or 1
                group_cell = f"{name} {sheet_cell(group_layout.name, item.rows[key], column)}"
                main_cell = (sheet_cell(main_sheet, current.row,
                                        layout.columns.get(key) or 1)
                             if current is not None and layout is not None else main_sheet)
                if bases is None:
                    if group_value is None or _same(key, group_value, main_value):
                        continue
                elif _same(key, group_value, bases[key]):
                    continue
                elif not _same(key, main_value, bases[key]):
                    if not _same(key, main_value, group_value):
                        conflicts.append(AssessmentConflict(
                            period=item.period, focus_area=item.focus_area, key=key,
                            row=current.row if current else None, main=main_value,
                            group=group_value, base=bases[key], source=name,
                            main_cell=main_cell, group_cell=group_cell))
                    continue
                changes.append(AssessmentChange(
                    item.period, item.focus_area, key, current.row if current else None,
                    main_value, group_value, name, group_cell))
    return changes, conflicts, found


def merged_assessments(main: Plan, changes: Sequence[AssessmentChange]
                       ) -> tuple[Assessment, ...]:
    """The huvuddokument's Bedömningar after `changes` (for validating the merged plan)."""
    by_row: dict[tuple[str, int], dict[str, Any]] = {}
    for change in changes:
        by_row.setdefault((change.period, change.focus_area), {})[change.key] = change.after
    out = []
    for item in main.assessments:
        new = by_row.pop((item.period, item.focus_area), None) if item.focus_area else None
        if new:
            values = {**assessment_values(item), **new}
            item = _assessment(item.period, item.focus_area or 0, values, item.row)
        out.append(item)
    for (period, focus), values in by_row.items():
        out.append(_assessment(period, focus, {**dict.fromkeys(MERGED_KEYS), **values}, 0))
    return tuple(out)


def _assessment(period: str, focus: int, values: Mapping[str, Any], row: int) -> Assessment:
    day = values.get("date")
    return Assessment(period=period, focus_area=focus,
                      text=str(values.get("assessment") or ""),
                      events=str(values.get("events") or ""),
                      author=str(values.get("author") or ""),
                      date=parse_date(day), row=row)
