"""Insatsområden through split and merge, pure: the revision of the plan.

A group may add an intervention area to its workbook's Insatsområden sheet (a new
ID, its text and approach), or reword one. `split` keeps the area rows it wrote
in the base; `merge` then decides per field as for an activity's cells (only the
group changed it: taken; only the huvuddokument: kept; both, differently: a
conflict, settled only by `--prefer`). An area the huvuddokument lacks is a
proposal, as a new activity is: it is appended to the huvuddokument's
Insatsområden and waits for the steering group's decision (a row in Beslut with
its ID). A workbook whose base has no area rows (split before they were kept)
merges its areas two-way: the group's written values win, empty cells clear
nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from plan_sheets.excel.addresses import sheet_cell
from plan_sheets.groups.assessments import ConflictingValues, conflict_finding
from plan_sheets.workbook.findings import Finding
from plan_sheets.workbook.model import InterventionArea, Plan
from plan_sheets.workbook.schema import INTERVENTION_AREAS

MERGED_KEYS = ("text", "approach")
"""The fields of an area a group may change; ID and Fokusområde say which area it is."""
NEW_AREA_FIELD = "(nytt insatsområde)"
"""Ändringslogg's Fält for an area a merge added."""


def area_label(key: str) -> str:
    """Ändringslogg's Fält for a changed field of an area: `Insatsområden: Insatsområde`."""
    return f"{INTERVENTION_AREAS.name}: {INTERVENTION_AREAS.field(key).header}"


def area_values(area: InterventionArea | None) -> dict[str, str | None]:
    if area is None:
        return dict.fromkeys(MERGED_KEYS)
    return {"text": area.text or None, "approach": area.approach or None}


def _same(first: Any, second: Any) -> bool:
    def norm(value: Any) -> str:
        return " ".join(str(value).split()) if value is not None else ""
    return norm(first) == norm(second)


@dataclass(frozen=True)
class NewArea:
    """An intervention area a group added: a proposal for the steering group."""

    area: InterventionArea
    source: str
    source_cell: str


@dataclass(frozen=True)
class _AreaCell:
    area_id: str
    key: str
    row: int
    """The huvuddokument's Insatsområden row."""

    @property
    def label(self) -> str:
        return area_label(self.key)


@dataclass(frozen=True)
class AreaChange(_AreaCell):
    before: Any
    after: Any
    source: str
    source_cell: str


@dataclass(frozen=True)
class AreaConflict(ConflictingValues, _AreaCell):

    def finding(self, sheet: str) -> Finding:
        return conflict_finding(sheet, row=self.row, column=None, subject=self.area_id,
                                header=self.label, main=self.main, group=self.group,
                                base=self.base, source=self.source)

    def settled(self, prefer_group: bool) -> AreaChange | None:
        """The change that `--prefer group` makes (None for `--prefer main`)."""
        if not prefer_group:
            return None
        return AreaChange(self.area_id, self.key, self.row, self.main, self.group,
                          self.source, self.group_cell)


@dataclass(frozen=True)
class AreaDecisions:
    new: tuple[NewArea, ...] = ()
    changes: tuple[AreaChange, ...] = ()
    conflicts: tuple[AreaConflict, ...] = ()


def merge_areas(main: Plan, books: Sequence[tuple[str, Plan, Mapping[str, Any] | None]]
                ) -> AreaDecisions:
    """What the groups' Insatsområden sheets change in the huvuddokument.

    `books` are (file name, the group's plan, the base's area rows: ID -> {text,
    approach}, or None for a base without them). The first workbook to bring an
    area is merged; another bringing the same area again is compared with the
    huvuddokument as it was.
    """
    layout = main.layouts.get(INTERVENTION_AREAS.key)
    main_sheet = layout.name if layout is not None else INTERVENTION_AREAS.name
    current = {a.id: a for a in main.intervention_areas}
    new: dict[str, NewArea] = {}
    changes: list[AreaChange] = []
    conflicts: list[AreaConflict] = []
    seen: set[str] = set()
    for name, plan, base in books:
        group_layout = plan.layouts.get(INTERVENTION_AREAS.key)
        if group_layout is None:
            continue
        for area in plan.intervention_areas:
            if area.id in seen:
                continue
            seen.add(area.id)

            def group_cell(key: str, area=area, group_layout=group_layout, name=name) -> str:
                column = group_layout.columns.get(key) or 1
                return f"{name} {sheet_cell(group_layout.name, area.row, column)}"

            mine = current.get(area.id)
            if mine is None:
                if area.text or area.approach:
                    new[area.id] = NewArea(area, name, group_cell("id"))
                continue
            mains, groups = area_values(mine), area_values(area)
            bases = base.get(area.id) if base is not None else None
            for key in MERGED_KEYS:
                group_value, main_value = groups[key], mains[key]
                if bases is None:
                    if group_value is None or _same(group_value, main_value):
                        continue
                elif _same(group_value, bases.get(key)):
                    continue
                elif not _same(main_value, bases.get(key)):
                    if not _same(main_value, group_value):
                        column = layout.columns.get(key) if layout is not None else None
                        conflicts.append(AreaConflict(
                            area_id=area.id, key=key, row=mine.row, main=main_value,
                            group=group_value, base=bases.get(key), source=name,
                            main_cell=sheet_cell(main_sheet, mine.row, column or 1),
                            group_cell=group_cell(key)))
                    continue
                changes.append(AreaChange(area.id, key, mine.row, main_value, group_value,
                                          name, group_cell(key)))
    return AreaDecisions(tuple(new.values()), tuple(changes), tuple(conflicts))


def merged_areas(main: Plan, new: Sequence[NewArea], changes: Sequence[AreaChange]
                 ) -> tuple[InterventionArea, ...]:
    """The huvuddokument's Insatsområden after a merge (for validating the merged plan)."""
    from dataclasses import replace

    by_id: dict[str, dict[str, Any]] = {}
    for change in changes:
        by_id.setdefault(change.area_id, {})[change.key] = change.after or ""
    areas = [replace(a, **by_id[a.id]) if a.id in by_id else a for a in main.intervention_areas]
    layout = main.layouts.get(INTERVENTION_AREAS.key)
    last = layout.last_row if layout is not None else 1
    areas += [replace(item.area, row=last + i) for i, item in enumerate(new, start=1)]
    return tuple(areas)
