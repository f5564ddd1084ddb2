"""What `init` writes: Södertälje's plan title, and with `--example` the invented example."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from plan_sheets.example.followup import EXAMPLE_NOTE, example_plan
from plan_sheets.example.plan_text import PLAN_TITLE
from plan_sheets.upkeep.create import init_workbook
from plan_sheets.workbook.model import Plan

EXAMPLE_CREATED = dt.datetime(2026, 11, 1, 8, 0, 0)
"""A fixed creation time, so that the shipped example is reproducible."""


def init_plan(path: Path, *, example: bool = False, force: bool = False) -> Plan:
    """`init`: a new huvuddokument at `path`, empty or holding the example; returns its plan.

    Raises UsageProblem when the file exists (unless `force`) or is not `.xlsx`.
    """
    if not example:
        return init_workbook(path, title=PLAN_TITLE, force=force)
    return init_workbook(path, title=PLAN_TITLE, plan=example_plan(), note=EXAMPLE_NOTE,
                         example=True, created=EXAMPLE_CREATED, force=force)
