"""The process leader's whole cycle (`run`) and the demo on the shipped example."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from plan_sheets.errors import UsageProblem
from plan_sheets.shipped import MAIN_NAME, repository_workbooks, write_shipped_example

Progress = Callable[[str], None]

DEMO_MARKER = ".plan-sheets-demo"
"""Marks a folder the demo made, so that running it again may empty it."""


@dataclass
class CycleResult:
    main: Path
    summary: list[str] = field(default_factory=list)


def _quiet(message: str) -> None:
    pass


def prepare_demo_folder(out: Path) -> None:
    """Empty `out` if an earlier demo made it; refuse a folder with other files."""
    if out.exists():
        if not out.is_dir():
            raise UsageProblem(f"{out} är en fil, inte en mapp.")
        if any(out.iterdir()) and not (out / DEMO_MARKER).exists():
            raise UsageProblem(f"Mappen {out} finns redan och innehåller annat än en demo.",
                               hint="Välj en ny mapp med --out.")
        shutil.rmtree(out)
    out.mkdir(parents=True)
    (out / DEMO_MARKER).write_text("Skapad av plan-sheets demo; töms när demon körs igen.\n",
                                   encoding="utf-8")


def copy_example(out: Path) -> Path:
    """Copy the shipped example into `out` (or make it, outside a source checkout)."""
    source = repository_workbooks()
    if source is None:
        write_shipped_example(out)
    else:
        for item in source.iterdir():
            if item.is_dir():
                shutil.copytree(item, out / item.name)
            elif item.suffix == ".xlsx":
                shutil.copy2(item, out / item.name)
    return out / MAIN_NAME


def run_demo(out: Path, *, progress: Progress = _quiet, today: date | None = None) -> CycleResult:
    """Copy the example into `out` and run the cycle there."""
    from plan_sheets.findings_text import summary_line
    from plan_sheets.validate import validate_file

    today = today or date.today()
    prepare_demo_folder(out)
    progress(f"Kopierar exemplet till {out} …")
    main = copy_example(out)
    result = CycleResult(main=main)
    progress("Kontrollerar huvuddokumentet …")
    checked = validate_file(main, today=today)
    result.summary.append(f"Huvuddokumentet {main}: {summary_line(checked)}.")
    report = out / "valideringsresultat.xlsx"
    from plan_sheets.findings_book import write_findings_report

    write_findings_report([checked], report)
    result.summary.append(f"Anmärkningarna finns i {report}")
    return result
