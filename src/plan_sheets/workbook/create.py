"""`init`: a new huvuddokument, empty or holding the Södertälje example."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from plan_sheets.errors import UsageProblem
from plan_sheets.example.followup import EXAMPLE_NOTE, example_plan
from plan_sheets.example.plan_text import PLAN_TITLE
from plan_sheets.files import replacing
from plan_sheets.workbook.model import Plan
from plan_sheets.workbook.newbook import write_huvuddokument

EXAMPLE_CREATED = dt.datetime(2026, 11, 1, 8, 0, 0)
"""A fixed creation time, so that the shipped example is reproducible."""


def init_workbook(path: Path, *, example: bool = False, force: bool = False) -> Plan:
    """Write a new huvuddokument at `path`; returns the plan written.

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
    plan = example_plan() if example else Plan()
    with replacing(path) as tmp:
        write_huvuddokument(tmp, plan, title=PLAN_TITLE, note=EXAMPLE_NOTE if example else "",
                            example=example, created=EXAMPLE_CREATED if example else None)
    return plan
