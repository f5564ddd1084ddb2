"""The process leader's whole cycle (`run`) and the demo on the shipped example.

`run` merges every workbook in `inkommande/` into `huvuddokument.xlsx`, then
writes the steering group's reports, the reminders to the offices, the public
site and the municipal board's chart pack.
`demo` copies the shipped example into a folder of its own and runs the
cycle there, leaving the repository's files untouched.
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from plan_sheets.errors import UsageProblem
from plan_sheets.example.shipped import (
    INCOMING_DIR,
    MAIN_NAME,
    SHIPPED_DIR,
    is_shipped_folder,
    shipped_files,
    write_shipped_example,
)
from plan_sheets.periods import Period
from plan_sheets.progress import Progress, quiet
from plan_sheets.swedish import noun, plural
from plan_sheets.workbook.model import WorkbookKind

REPORTS_DIR = "rapporter"
"""Where `run` writes the reports unless told otherwise: beside the huvuddokument."""
REMINDERS_DIR = "paminnelser"
"""The folder in `run`'s output for the reminders to the offices (`paminnelser`)."""
SITE_DIR = "webb"
"""The folder in `run`'s output for the public site (`webb`)."""
DEMO_MARKER = ".plan-sheets-demo"
"""Marks a folder the demo made, so that running it again may empty it."""


@dataclass
class CycleResult:
    main: Path
    summary: list[str] = field(default_factory=list)
    blocked: bool = False
    """The merge found errors or conflicts: nothing was written, no reports were made."""
    incomplete: bool = False
    """The huvuddokument has errors: the steering reports were made, the annual report not."""
    outputs: list[Path] = field(default_factory=list)


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
    """Copy the shipped example into `out` (or make it, should the package lack it)."""
    files = shipped_files()
    if not files:
        write_shipped_example(out)
    for item in files:
        target = out / item.relative_to(SHIPPED_DIR)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(item, target)
    return out / MAIN_NAME


def run_cycle(workbooks: Path, out: Path, *, today: dt.date, now: dt.datetime,
              period: Period | None = None, annual_names: bool = False,
              progress: Progress = quiet) -> CycleResult:
    """Merge `workbooks/inkommande/*.xlsx` into `workbooks/huvuddokument.xlsx`, then write
    the steering reports, the reminders (`out/paminnelser/`), the public site without
    names (`out/webb/`) and the annual report, all for `period` (None: the one merge
    records, `groups.merge.chosen_period`).

    Refuses (UsageProblem) the shipped example's own folder: `demo` copies it first.

    The annual report is a public record: without personal data unless
    `annual_names`.

    Raises WorkbookUnreadable/WorkbookLocked/… as the steps do; a merge with
    errors or conflicts stops the cycle with `blocked` set and nothing written.
    """
    from plan_sheets.groups.account import render_merge
    from plan_sheets.groups.merge import chosen_period, is_owner_file, merge_files

    main = workbooks / MAIN_NAME
    if is_shipped_folder(workbooks):
        raise UsageProblem(f"{workbooks} är exemplet som följer med plan-sheets; det ändras "
                           "inte.", hint="Kör plan-sheets demo, som kopierar exemplet till en "
                                         "egen mapp och kör hela kedjan där.")
    if not main.is_file():
        raise UsageProblem(f"{main} finns inte.",
                           hint="Gå till mappen med huvuddokument.xlsx (cd …) eller ange den med "
                                "--workbooks MAPP. Vill du prova på exemplet: plan-sheets demo.")
    result = CycleResult(main=main)
    # By suffix, not a glob: "Fokusomrade-2.XLSX" is a workbook on every file system.
    incoming = sorted(p for p in (workbooks / INCOMING_DIR).glob("*")
                      if p.suffix.lower() == ".xlsx" and p.is_file() and not is_owner_file(p))
    steps = ["sammanslagning", "kontroll", "styrgruppsrapport", "påminnelser", "webbplats",
             "årsrapport"]
    step = 0

    def announce(what: str) -> None:
        nonlocal step
        step += 1
        progress(f"[{step}/{len(steps)}] {what}")

    workbooks_in = plural(len(incoming), "arbetsbok", "arbetsböcker", grouped=False)
    announce(f"För in {workbooks_in} från {workbooks / INCOMING_DIR} …")
    if incoming:
        outcome = merge_files(main, incoming, period=period, today=today, now=now,
                              progress=progress)
        period = outcome.period
        result.summary.append(render_merge(outcome))
        if outcome.blocked:
            result.blocked = True
            result.summary.append("Rapporterna togs inte fram eftersom sammanslagningen "
                                  "stoppades.")
            return result
    else:
        result.summary.append(f"Inga arbetsböcker i {workbooks / INCOMING_DIR}; "
                              "huvuddokumentet förs inte samman med något.")
    announce("Kontrollerar huvuddokumentet …")
    from plan_sheets.rules.findings_workbook import write_findings_report
    from plan_sheets.rules.terminal import summary_line
    from plan_sheets.rules.validate import FileResult, validate
    from plan_sheets.workbook.reader import read_workbook

    loaded = read_workbook(main, kind=WorkbookKind.MAIN)
    if not isinstance(period, str):
        period, _note = chosen_period(period, today, loaded.plan.period_form)
    found = validate(loaded, today=today)
    checked = FileResult(main, tuple(found), WorkbookKind.MAIN, len(loaded.plan.activities))
    out.mkdir(parents=True, exist_ok=True)
    findings_path = out / "valideringsresultat.xlsx"
    write_findings_report([checked], findings_path)
    result.outputs.append(findings_path)
    result.summary.append(f"Kontroll av {main.name}: {summary_line(checked)} "
                          f"(se {findings_path}).")
    announce("Skriver styrgruppens rapporter …")
    from plan_sheets.reports.report import write_reports

    reports = write_reports(loaded, out, period=period, today=today, progress=progress)
    result.outputs += [reports.steering, *reports.focus_areas]
    result.summary.append(f"Styrgruppsrapport: {reports.steering}")
    announce("Skriver påminnelser till de ansvariga kontoren …")
    from plan_sheets.reports.reminders import address_note, kinds, write_reminders

    reminders = write_reminders(loaded.plan, out / REMINDERS_DIR, period=period, today=today)
    result.outputs += [r.path for r in reminders]
    if reminders:
        result.summary.append(f"Påminnelser: {kinds(reminders)} att skicka i "
                              f"{out / REMINDERS_DIR} "
                              f"({', '.join(r.office for r in reminders)}).")
        if note := address_note(reminders):
            result.summary.append(f"  {note}")
    else:
        result.summary.append(f"Påminnelser: alla aktiviteter är uppdaterade för {period}; "
                              "inga påminnelser behövs.")
    if checked.errors:
        # The board's report and the public site must not rest on a workbook with errors
        # (as `annual` refuses); the steering group's reports list them in Valideringsresultat.
        progress(f"[{step + 1}/{len(steps)}] Hoppar över webbplatsen och årsrapporten: "
                 "huvuddokumentet har fel.")
        result.incomplete = True
        result.summary.append(
            f"Webbplatsen och årsrapporten skrevs inte: {main.name} har {checked.errors} fel. "
            f"Rätta {noun(checked.errors, 'felet', 'felen')} "
            f"(se {findings_path} eller plan-sheets validate {main}) och kör igen.")
        return result
    announce("Skriver webbplatsen …")
    from plan_sheets.web.site import write_site

    # The site is public: run writes it without names (`webb --med-namn` makes another).
    site = write_site(loaded, out / SITE_DIR, period=period, today=today, progress=progress)
    result.outputs += site.files
    result.summary.append(f"Webbplats att publicera: {site.folder / 'index.html'} ("
                          f"{plural(len(site.pages), 'sida', 'sidor', grouped=False)}; "
                          f"kopiera hela mappen {site.folder}).")
    if site.accessibility_note:
        result.summary.append(site.accessibility_note)
    # The year of the period reported: in January, often the year just ended.
    year = getattr(Period.read(period), "year", today.year)
    announce(f"Skriver årsrapporten för {year} …")
    from plan_sheets.annual.pack import write_annual

    annual = write_annual(loaded, out, year=year, today=today,
                          personal_data=annual_names, progress=progress)
    result.outputs += [annual.pdf, annual.workbook]
    result.summary.append(f"Årsrapport: {annual.pdf}")
    return result


def run_demo(out: Path, *, today: dt.date | None = None, now: dt.datetime | None = None,
             progress: Progress = quiet) -> CycleResult:
    """Copy the example into `out` and run the whole cycle there."""
    now = now or dt.datetime.now()
    today = today or now.date()
    prepare_demo_folder(out)
    progress(f"Kopierar exemplet till {out} …")
    copy_example(out)
    return run_cycle(out, out, today=today, now=now, progress=progress)
