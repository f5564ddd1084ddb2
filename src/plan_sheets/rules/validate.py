"""Validation: the checks of the table over a plan, and over files read from disk.

The checks themselves are in `activities`, `goals` and `areas`, one function per
rule, registered in `checks.CHECKS`. `validate()` adds the findings the reader
made while reading and sorts them as the user sees the workbook: by sheet, row
and column.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from plan_sheets.errors import WorkbookUnreadable
from plan_sheets.rules import activities, areas, goals, steering  # noqa: F401  (they fill CHECKS)
from plan_sheets.rules.checks import CHECKS, CheckedPlan
from plan_sheets.workbook import collector
from plan_sheets.workbook.findings import Finding, count_by_severity
from plan_sheets.workbook.model import Plan, WorkbookKind
from plan_sheets.workbook.reader import Loaded, read_workbook
from plan_sheets.workbook.schema import SHEETS


def check_plan(plan: Plan, *, kind: WorkbookKind = WorkbookKind.MAIN,
               today: date) -> Iterator[Finding]:
    """Every check of the table over a plan (a huvuddokument or a focus-area workbook)."""
    subject = CheckedPlan(plan, WorkbookKind(kind), today)
    for check in CHECKS:
        yield from check.run(subject)


_SHEET_ORDER = {s.name: i for i, s in enumerate(SHEETS)}


def finding_order(finding: Finding) -> tuple[Any, ...]:
    return (_SHEET_ORDER.get(finding.sheet, len(_SHEET_ORDER)), finding.sheet, finding.row or 0,
            finding.column or 0, finding.code)


def validate(loaded: Loaded, *, today: date | None = None) -> list[Finding]:
    """All findings for a workbook read from disk, in the order a user reads the workbook."""
    today = today or date.today()
    with collector.paused():
        found = [*loaded.findings, *check_plan(loaded.plan, kind=loaded.kind, today=today)]
        return sorted(found, key=finding_order)


@dataclass(frozen=True)
class FileResult:
    """One validated file: its findings, or why it could not be read."""

    path: Path
    findings: tuple[Finding, ...] = ()
    kind: WorkbookKind = WorkbookKind.MAIN
    activities: int = 0
    unreadable: str = ""
    """The Swedish reason when the file could not be used at all."""

    @property
    def errors(self) -> int:
        return count_by_severity(self.findings)[0] + (1 if self.unreadable else 0)

    @property
    def warnings(self) -> int:
        return count_by_severity(self.findings)[1]

    def ok(self, *, strict: bool = False) -> bool:
        return self.errors == 0 and not (strict and self.warnings)


def validate_file(path: Path, *, today: date | None = None,
                  kind: WorkbookKind | None = None) -> FileResult:
    """Read and check one file; a file that cannot be used becomes an `unreadable` result."""
    try:
        loaded = read_workbook(path, kind=kind, history=False)
    except WorkbookUnreadable as error:
        reason = error.message + (f" {error.hint}" if error.hint else "")
        return FileResult(path=Path(path), unreadable=reason)
    return FileResult(path=Path(path), findings=tuple(validate(loaded, today=today)),
                      kind=loaded.kind, activities=len(loaded.plan.activities))
