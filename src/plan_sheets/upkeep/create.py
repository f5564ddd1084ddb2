"""`init`: a new huvuddokument at a path, holding the plan it is given (or none)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from plan_sheets.errors import UsageProblem
from plan_sheets.files import replacing
from plan_sheets.workbook.model import Plan
from plan_sheets.workbook.newbook import write_huvuddokument


def init_workbook(path: Path, *, title: str, plan: Plan | None = None, note: str = "",
                  example: bool = False, created: dt.datetime | None = None,
                  force: bool = False) -> Plan:
    """Write a new huvuddokument at `path` titled `title`; returns the plan written.

    `example` marks the example's columns and tab; `created` fixes the file's creation time.
    Raises UsageProblem when the file exists (unless `force`) or is not `.xlsx`.
    """
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise UsageProblem(f"{path}: huvuddokumentet måste sluta på .xlsx.")
    if path.exists() and not force:
        raise UsageProblem(f"{path} finns redan; den skrivs inte över.",
                           hint="Välj ett annat filnamn, eller lägg till --force.")
    if path.parent and not path.parent.exists():
        path.parent.mkdir(parents=True)
    plan = plan if plan is not None else Plan()
    with replacing(path) as tmp:
        write_huvuddokument(tmp, plan, title=title, note=note, example=example, created=created)
    return plan
