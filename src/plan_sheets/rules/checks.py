"""The table of checks: each check is one function that names the codes it yields.

A check takes a `CheckedPlan` (the plan, whether it is a huvuddokument or a
focus-area workbook, and today's date) and yields findings. Adding a rule is
writing one function under `@check("CODE", …)` in the module of the sheet it
looks at (`activities`, `goals`, `areas`); `validate.check_plan` runs the table.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

from plan_sheets.workbook.findings import RULES, Finding, make
from plan_sheets.workbook.model import Activity, Plan, SheetLayout, WorkbookKind
from plan_sheets.workbook.schema import ACTIVITIES


@dataclass(frozen=True)
class CheckedPlan:
    """The plan a check looks at, with what several checks ask of it."""

    plan: Plan
    kind: WorkbookKind
    today: date

    def layout(self, sheet_key: str) -> SheetLayout | None:
        """Where a sheet's columns are, or None when the workbook lacks the sheet."""
        return self.plan.layouts.get(sheet_key)

    @cached_property
    def activity_layout(self) -> SheetLayout | None:
        return self.layout(ACTIVITIES.key)

    @property
    def activities(self) -> Iterable[Activity]:
        """The activities, or none when there is no activity sheet to point into."""
        return self.plan.activities if self.activity_layout is not None else ()

    def has_column(self, key: str) -> bool:
        """Whether the activity sheet has the contract column `key`."""
        return self.activity_layout is not None and key in self.activity_layout.columns

    def at(self, activity: Activity, code: str, key: str | None = None, *, value: Any = None,
           **params: Any) -> Finding:
        """A finding in `activity`'s cell of column `key` (its row when `key` is None)."""
        assert self.activity_layout is not None
        column = self.activity_layout.columns.get(key) if key else None
        return make(code, sheet=activity.sheet, row=activity.row, column=column,
                    activity_id=activity.id, value=value, **params)


@dataclass(frozen=True)
class Check:
    """One rule of DESIGN.md and the finding codes it may yield."""

    name: str
    codes: tuple[str, ...]
    run: Callable[[CheckedPlan], Iterator[Finding]]


CHECKS: list[Check] = []
"""Every check, in the order the modules define them (the findings are sorted later)."""


def check(*codes: str) -> Callable[[Callable[[CheckedPlan], Iterator[Finding]]],
                                   Callable[[CheckedPlan], Iterator[Finding]]]:
    """Register the decorated function as the check that yields `codes`."""
    unknown = [code for code in codes if code not in RULES]
    if unknown or not codes:
        raise ValueError(f"codes not in the findings registry: {unknown or codes}")

    def register(function: Callable[[CheckedPlan], Iterator[Finding]]
                 ) -> Callable[[CheckedPlan], Iterator[Finding]]:
        CHECKS.append(Check(function.__name__, codes, function))
        return function

    return register
