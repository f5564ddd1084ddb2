"""The library door: one function per command, as `plan-sheets` runs them.

    from plan_sheets import api
    result = api.merge("huvuddokument.xlsx", ["inkommande/fokusomrade-1.xlsx"], dry_run=True)
    print(result.text)            # the Swedish summary the command prints
    result.findings, result.exit_code, result.details

Each function takes paths and keyword-only options and returns a `Result`: the Swedish
summary, the findings, the exit code the command line gives (0, or 1 when the data has
errors or conflicts, 2 when a file cannot be read) and the stage's own result
(`details`). Failures that stop the work raise from `plan_sheets.errors`. Nothing here
prints or exits; `cli.py` turns options into these calls and results into output.
Imports are made inside the functions, so that `import plan_sheets` stays cheap.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from plan_sheets.files import in_use
from plan_sheets.progress import Progress, quiet
from plan_sheets.swedish import plural

if TYPE_CHECKING:
    from plan_sheets.periods import Period
    from plan_sheets.workbook.findings import Finding
    from plan_sheets.workbook.model import Plan, Status

__all__ = ["Result", "annual", "demo", "format_plan", "goal_values", "harden", "import_plan",
           "in_use", "init", "merge", "moment", "parse_colours", "parse_years", "quiet",
           "reminders", "report", "run", "split", "validate", "web", "year_end"]


@dataclass(frozen=True)
class Result:
    """What a command did."""

    summary: tuple[str, ...]
    """Swedish lines, as the command line prints them."""
    findings: tuple[Finding, ...] = ()
    exit_code: int = 0
    """0, 1 (the data has errors or conflicts) or 2 (a file could not be read)."""
    details: Any = None
    """The stage's own result (MergeOutcome, ReportResult, list of FileResult …)."""
    data: Any = None
    """For machines: validate's findings as JSON-ready data."""

    @property
    def ok(self) -> bool:
        return self.exit_code == 0

    @property
    def text(self) -> str:
        return "\n".join(self.summary)


def harden() -> None:
    """Make the process safe for untrusted workbooks: the standard library's XML parsers go
    through defusedxml (RuntimeError if that fails). Call once before any command."""
    from plan_sheets.workbook.security import harden as route_through_defusedxml

    route_through_defusedxml()


def moment(today: dt.date) -> dt.datetime:
    """The time stamp of what a command writes: `today` at the clock's time of day."""
    return dt.datetime.combine(today, dt.datetime.now().time().replace(microsecond=0))


def _period(period: Period | str | None, today: dt.date, plan: Plan) -> Period:
    """`period` as given (a label is read, PeriodInvalid if it is none), or the period of
    the huvuddokument's Periodindelning that holds `today`."""
    from plan_sheets.periods import Period

    if period is None:
        return Period.containing(today, plan.period_form)
    return period if isinstance(period, Period) else Period.parse(period)


def _blocks(blocks: Iterable[str]) -> tuple[str, ...]:
    """Blocks of text as lines, a blank line between two blocks."""
    lines: list[str] = []
    for block in blocks:
        if lines:
            lines.append("")
        lines.extend(block.split("\n"))
    return tuple(lines)


def parse_colours(values: Iterable[str]) -> dict[str, Status | None]:
    """`RGB=LJUS` texts (`FFC000=Gul`, `#C6EFCE=Grön`, `D9D9D9=Ingen`) as RGB -> light.

    Raises UsageProblem naming the first text that is not one.
    """
    from plan_sheets.errors import UsageProblem
    from plan_sheets.workbook.schema import parse_status

    out: dict[str, Status | None] = {}
    for value in values:
        rgb, _, light = value.partition("=")
        rgb = rgb.strip().lstrip("#").upper()[-6:]
        status = parse_status(light)
        if len(rgb) != 6 or any(c not in "0123456789ABCDEF" for c in rgb) or (
                status is None and light.strip().casefold() != "ingen"):
            raise UsageProblem(f"”{value}”: skriv t.ex. FFC000=Gul (Grön, Gul, Röd eller Ingen).")
        out[rgb] = status
    return out


def init(path: Path | str, *, example: bool = False, force: bool = False) -> Result:
    """`init`: a new huvuddokument, empty or holding the example.

    Raises UsageProblem when the file exists (unless `force`) or is not `.xlsx`.
    """
    from plan_sheets.example.start import init_plan

    plan = init_plan(Path(path), example=example, force=force)
    if not example:
        return Result((f"Skrev ett tomt huvuddokument: {path}",), details=plan)
    areas = plural(len(plan.focus_areas), "fokusområde", "fokusområden", grouped=False)
    parts = plural(len(plan.intervention_areas), "insatsområde", "insatsområden",
                   grouped=False)
    activities = plural(len(plan.activities), "aktivitet", "aktiviteter", grouped=False)
    return Result((f"Skrev {path} med exemplet: {areas}, {parts}, {activities}.",),
                  details=plan)


def import_plan(old: Path | str, new: Path | str, *, sheets: Sequence[str] = (),
                header_row: int | None = None, columns: Sequence[str] = (),
                colours: Mapping[str, Status | None] | None = None, name: str | None = None,
                today: dt.date | None = None, force: bool = False) -> Result:
    """`import`: an existing plan in Excel made into a huvuddokument.

    `columns` are `RUBRIK=KOLUMN` texts, `colours` RGB -> traffic light (None: no light).
    Raises UsageProblem or WorkbookUnreadable when the old plan cannot be used.
    """
    from plan_sheets.importer.command import import_workbook
    from plan_sheets.importer.convert import Options
    from plan_sheets.importer.layout import parse_column_options

    options = Options(sheets=tuple(sheets), header_row=header_row,
                      columns=parse_column_options(tuple(columns)), colours=dict(colours or {}),
                      name=name, today=today or dt.date.today())
    result = import_workbook(Path(old), Path(new), options=options, force=force)
    return Result(tuple(result.summary()), details=result)


def validate(paths: Sequence[Path | str], *, today: dt.date | None = None,
             strict: bool = False, report: Path | str | None = None,
             progress: Progress = quiet) -> Result:
    """`validate`: check workbooks against the rules; `report` also writes them as a workbook.

    The exit code is 2 when a file cannot be read, 1 when one has errors (or warnings,
    with `strict`).
    """
    from plan_sheets.rules.terminal import as_json, render_text
    from plan_sheets.rules.validate import validate_file

    results = []
    for path in paths:
        if len(paths) > 1:
            progress(f"Kontrollerar {path} …")
        results.append(validate_file(Path(path), today=today))
    lines = render_text(results, strict=strict).split("\n")
    if report is not None:
        from plan_sheets.rules.findings_workbook import write_findings_report

        write_findings_report(results, Path(report), strict=strict)
        lines += ["", f"Anmärkningarna finns också i {report}"]
    code = 2 if any(r.unreadable for r in results) \
        else 0 if all(r.ok(strict=strict) for r in results) else 1
    return Result(tuple(lines), tuple(f for r in results for f in r.findings), code,
                  details=results, data=as_json(results, strict=strict))


def format_plan(path: Path | str, *, now: dt.datetime | None = None,
                progress: Progress = quiet) -> Result:
    """`format`: the contract's spellings, traffic lights, lists and widths, in place."""
    from plan_sheets.upkeep.restyle import format_workbook
    from plan_sheets.workbook.model import WorkbookKind
    from plan_sheets.workbook.reader import read_workbook

    loaded = read_workbook(Path(path), kind=WorkbookKind.MAIN)
    outcome = format_workbook(loaded, now=now or dt.datetime.now(), progress=progress)
    lines = [f"  {fix.activity_id} {fix.header}: ”{fix.before}” → ”{fix.after}”"
             for fix in outcome.respelled]
    if outcome.added:
        lines.append(f"  Lade till: {', '.join(outcome.added)}")
    count = len(outcome.respelled)
    lines.append(f"Formaterade {path}: trafikljus, listor, kolumnbredder, låst rubrikrad och "
                 f"filter; {plural(count, 'stavning', 'stavningar', grouped=False)} rättade.")
    if outcome.written is not None and outcome.written.archive_path is not None:
        lines.append(f"Den tidigare versionen finns i {outcome.written.archive_path}")
    return Result(tuple(lines), tuple(loaded.findings), details=outcome)


def parse_years(text: str) -> Any:
    """`2016-2025` or `2025` as the years `goal_values` fetches (UsageProblem otherwise)."""
    from plan_sheets.opendata.command import parse_years as parse

    return parse(text)


def goal_values(path: Path | str, *, municipality: str | None = None, years: Any = None,
                today: dt.date | None = None, api_url: str = "https://api.kolada.se/v3",
                timeout: float = 30, dry_run: bool = False, overwrite: bool = False,
                progress: Progress = quiet) -> Result:
    """`matvarden`: the goals' values from Kolada into Mätvärden, through the lossless writer."""
    from plan_sheets.opendata.command import fetch_goal_values

    result = fetch_goal_values(Path(path), municipality=municipality, years=years,
                               today=today or dt.date.today(), api_url=api_url,
                               timeout=timeout, dry_run=dry_run, overwrite=overwrite,
                               progress=progress)
    return Result(tuple(result.summary()), details=result)


def year_end(path: Path | str, *, year: int, today: dt.date | None = None,
             dry_run: bool = False, reopen: bool = False, progress: Progress = quiet) -> Result:
    """`arsskifte`: close `year` and carry the plan over to the next (or `reopen` it)."""
    from plan_sheets.upkeep.arsskifte import close_year, render_year_end, reopen_year

    today = today or dt.date.today()
    path = Path(path)
    if reopen:
        reopen_year(path, year=year, now=moment(today), progress=progress)
        return Result((f"{year} är öppnat igen i {path.name}: för in det som kom för sent med "
                       f"plan-sheets merge {path.name} … --period {year}-…, och stäng året igen "
                       f"med plan-sheets arsskifte {path.name} --year {year}.",))
    outcome = close_year(path, year=year, today=today, now=moment(today), dry_run=dry_run,
                         progress=progress)
    return Result(tuple(render_year_end(outcome).split("\n")), details=outcome)


def split(path: Path | str, *, out: Path | str, force: bool = False,
          period: Period | str | None = None, reply_by: dt.date | None = None,
          today: dt.date | None = None, now: dt.datetime | None = None,
          progress: Progress = quiet) -> Result:
    """`split`: one workbook per focus area in `out`, each with its Bas sheet (and an e-mail
    draft to its lead asking for it back by `reply_by`); `period` the one the groups assess
    (default: the period holding `today`); the workbooks dated `today` (or `now`)."""
    from plan_sheets.groups.split import split_workbook
    from plan_sheets.workbook.model import WorkbookKind
    from plan_sheets.workbook.reader import read_workbook

    loaded = read_workbook(Path(path), kind=WorkbookKind.MAIN)
    now = now or (moment(today) if today else dt.datetime.now())
    result = split_workbook(loaded, Path(out), now=now, force=force,
                            period=_period(period, now.date(), loaded.plan).label,
                            reply_by=reply_by, progress=progress)
    lines = []
    for file in result.files:
        count = result.activities[int(file.stem.rsplit("-", 1)[1])]
        lines.append(f"{file}  ({plural(count, 'aktivitet', 'aktiviteter', grouped=False)})")
    lines.append(f"Skrev {plural(len(result.files), 'arbetsbok', 'arbetsböcker', grouped=False)}"
                 f" till {out}.")
    if result.drafts:
        drafts = plural(len(result.drafts), "mejlutkast", "mejlutkast", grouped=False)
        lines.append(f"Skrev {drafts}"
                     " till fokusområdesansvariga med arbetsboken som bilaga (.eml, öppna och "
                     "skicka).")
    if result.without_address:
        lines.append("Utan e-postadress i Fokusområden (kolumnen E-post): "
                     f"{', '.join(result.without_address)}; skicka deras arbetsböcker själv.")
    return Result(tuple(lines), tuple(loaded.findings), details=result)


def merge(path: Path | str, files: Sequence[Path | str], *, period: Period | str | None = None,
          today: dt.date | None = None, now: dt.datetime | None = None, dry_run: bool = False,
          prefer: str | None = None, progress: Progress = quiet) -> Result:
    """`merge`: the focus areas' workbooks into the huvuddokument (exit code 1 if blocked)."""
    from plan_sheets.groups.account import render_merge
    from plan_sheets.groups.merge import merge_files

    today = today or dt.date.today()
    outcome = merge_files(Path(path), [Path(f) for f in files], period=period, today=today,
                          now=now or moment(today), dry_run=dry_run, prefer=prefer,
                          progress=progress)
    findings = (*(f for f, _ in outcome.errors), *outcome.warnings)
    return Result(tuple(render_merge(outcome).split("\n")), findings,
                  1 if outcome.blocked else 0, details=outcome)


def report(path: Path | str, *, out: Path | str, period: Period | str | None = None,
           today: dt.date | None = None, personal_data: bool = True,
           progress: Progress = quiet) -> Result:
    """`report`: the steering group's workbook and one per focus area, in `out`."""
    from plan_sheets.reports.report import write_reports
    from plan_sheets.workbook.reader import read_workbook

    today = today or dt.date.today()
    progress(f"Läser {path} …")
    loaded = read_workbook(Path(path))
    result = write_reports(loaded, Path(out), period=_period(period, today, loaded.plan).label,
                           today=today, personal_data=personal_data, progress=progress)
    return Result(tuple(result.summary()), tuple(loaded.findings), details=result)


def reminders(path: Path | str, *, out: Path | str, period: Period | str | None = None,
              reply_by: dt.date | None = None, today: dt.date | None = None) -> Result:
    """`paminnelser`: one reminder per responsible office in `out` (an e-mail draft, or a
    text where no address is known), asking for answers by `reply_by`."""
    from plan_sheets.reports.reminders import address_note, kinds, write_reminders
    from plan_sheets.workbook.model import WorkbookKind
    from plan_sheets.workbook.reader import read_workbook

    today = today or dt.date.today()
    loaded = read_workbook(Path(path), kind=WorkbookKind.MAIN)
    period = _period(period, today, loaded.plan).label
    written = write_reminders(loaded.plan, Path(out), period=period, today=today,
                              reply_by=reply_by)
    lines = [f"{r.path}  ({r.office}: "
             f"{plural(r.activities, 'aktivitet', 'aktiviteter', grouped=False)})"
             for r in written]
    if written:
        texts = plural(len(written), "påminnelse", "påminnelser", grouped=False)
        lines.append(f"Skrev {texts} för {period} till {out} ({kinds(written)}).")
        if note := address_note(written):
            lines.append(note)
    else:
        lines.append(f"Alla aktiviteter är uppdaterade för {period}; inga påminnelser behövs.")
    return Result(tuple(lines), tuple(loaded.findings), details=written)


def web(path: Path | str, *, out: Path | str, period: Period | str | None = None,
        today: dt.date | None = None, personal_data: bool = False,
        progress: Progress = quiet) -> Result:
    """`webb`: the public static site for `period` (default: the period holding `today`)."""
    from plan_sheets.web.site import write_site
    from plan_sheets.workbook.model import WorkbookKind
    from plan_sheets.workbook.reader import read_workbook

    today = today or dt.date.today()
    progress(f"Läser {path} …")
    loaded = read_workbook(Path(path), kind=WorkbookKind.MAIN)
    result = write_site(loaded, Path(out), period=_period(period, today, loaded.plan).label,
                        today=today, personal_data=personal_data, progress=progress)
    return Result(tuple(result.summary()), tuple(loaded.findings), details=result)


def annual(path: Path | str, *, year: int, out: Path | str, personal_data: bool = False,
           template: Path | str | None = None, today: dt.date | None = None,
           progress: Progress = quiet) -> Result:
    """`annual`: the board's annual pack (PDF, charts, workbook, tjänsteskrivelse from
    `template` or plan-sheets' own) for `year`, in `out`."""
    from plan_sheets.annual.pack import write_annual
    from plan_sheets.workbook.reader import read_workbook

    loaded = read_workbook(Path(path))
    result = write_annual(loaded, Path(out), year=year, today=today or dt.date.today(),
                          personal_data=personal_data,
                          template=Path(template) if template is not None else None,
                          progress=progress)
    return Result(tuple(result.summary()), tuple(loaded.findings), details=result)


def run(workbooks: Path | str, *, out: Path | str | None = None, today: dt.date | None = None,
        now: dt.datetime | None = None, period: Period | None = None, annual_names: bool = False,
        progress: Progress = quiet) -> Result:
    """`run`: merge, validate, reports, reminders and the annual pack in one go."""
    from plan_sheets.cycle import REPORTS_DIR, run_cycle

    today = today or dt.date.today()
    workbooks = Path(workbooks)
    result = run_cycle(workbooks, Path(out) if out is not None else workbooks / REPORTS_DIR,
                       today=today, now=now or moment(today), period=period,
                       annual_names=annual_names,
                       progress=progress)
    return Result(_blocks(result.summary), exit_code=int(result.blocked or result.incomplete),
                  details=result)


def demo(out: Path | str, *, today: dt.date | None = None, now: dt.datetime | None = None,
         progress: Progress = quiet) -> Result:
    """`demo`: the whole cycle on the shipped example, copied into `out`."""
    from plan_sheets.cycle import run_demo

    today = today or dt.date.today()
    result = run_demo(Path(out), today=today, now=now or moment(today), progress=progress)
    return Result((*_blocks(result.summary), "", f"Allt finns i {out}/"),
                  exit_code=int(result.blocked or result.incomplete), details=result)
