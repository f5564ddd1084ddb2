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
    if key == "date":
        return parse_date(first) == parse_date(second)
    return (str(first).strip() if first is not None else "") == \
        (str(second).strip() if second is not None else "")


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


def merge_assessments(main: Plan, books: Sequence[tuple[str, Plan, Mapping[str, Any] | None]]
                      ) -> tuple[list[AssessmentChange], list[AssessmentConflict]]:
    """What the groups' Bedömningar rows change: (changes, conflicts).

    `books` are (file name, the group's plan, the base's Bedömningar row or None).
    The first workbook to bring a focus area's row for a period is merged; another
    bringing the same row is compared with the huvuddokument as it was.
    """
    layout = main.layouts.get(ASSESSMENTS.key)
    main_sheet = layout.name if layout is not None else ASSESSMENTS.name
    changes: list[AssessmentChange] = []
    conflicts: list[AssessmentConflict] = []
    seen: set[tuple[str, int]] = set()
    for name, plan, base in books:
        group_layout = plan.layouts.get(ASSESSMENTS.key)
        if group_layout is None:
            continue
        for item in plan.assessments:
            if item.focus_area is None or not item.period:
                continue
            which = (item.period, item.focus_area)
            if which in seen:
                continue
            seen.add(which)
            current = main.assessment(item.period, item.focus_area)
            mains = assessment_values(current)
            groups = assessment_values(item)
            bases = None
            if base is not None and base.get("period") == item.period and \
                    base.get("focus_area") == item.focus_area:
                bases = {key: base.get(key) for key in MERGED_KEYS}
            for key in MERGED_KEYS:
                group_value, main_value = groups[key], mains[key]
                column = group_layout.columns.get(key) or 1
                group_cell = f"{name} {sheet_cell(group_layout.name, item.row, column)}"
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
    return changes, conflicts


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
