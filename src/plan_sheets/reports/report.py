"""`plan-sheets report`: the steering group's summary workbook and one workbook per focus area.

    DIR/styrgrupp/styrgruppsrapport-<period>.xlsx
    DIR/fokusomraden/fokusomrade-<N>-<period>.xlsx

The figures are computed once (`figures`, `reportsheets.ReportData`) and laid
out by `reportsheets`; each workbook is written to a temporary file beside its
target and moved into place only when complete. A report is written even when
the huvuddokument has validation errors: its Valideringsresultat sheet shows them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from plan_sheets import parallel, swedish
from plan_sheets.analysis import figures
from plan_sheets.analysis.history import basis
from plan_sheets.analysis.population import population
from plan_sheets.analysis.privacy import PUBLIC_NOTE, public_plan
from plan_sheets.errors import UsageProblem
from plan_sheets.files import check_writable, replacing
from plan_sheets.progress import Progress, quiet
from plan_sheets.reports import agenda
from plan_sheets.reports.sheets import (
    ACTIVITY_SHEET,
    NO_FOCUS,
    ReportData,
    StatusTable,
    follow_ups,
    short_focus_name,
    write_activities,
    write_deviations,
    write_findings,
    write_goal_links,
    write_overdue,
    write_summary,
)
from plan_sheets.reports.steering import (
    write_per_office,
    write_plan_changes,
    write_reporting,
    write_steering_summary,
    write_to_decide,
    write_views,
)
from plan_sheets.rules.validate import validate
from plan_sheets.swedish import plural
from plan_sheets.workbook import collector
from plan_sheets.workbook.dates import period_bounds
from plan_sheets.workbook.findings import Severity
from plan_sheets.workbook.model import Activity, Plan, Status
from plan_sheets.workbook.newbook import staff_headers
from plan_sheets.workbook.reader import Loaded
from plan_sheets.workbook.schema import ACTIVITIES, is_personal_header
from plan_sheets.workbook.xlsxbook import CellKind, ReportBook, TableColumn

STEERING_DIR = "styrgrupp"
FOCUS_DIR = "fokusomraden"
PLAN_NAME = "Handlingsplan för näringslivsstrategin"

TOTAL_KEY = "Totalt"
"""A StatusCounts row's sum of its statuses."""

STATUS_WORDS = {Status.GREEN: ("grön", "gröna"), Status.YELLOW: ("gul", "gula"),
                Status.RED: ("röd", "röda"), None: ("utan status", "utan status")}
"""How a count of activities of each colour is said: `1 gul`, `2 gula`."""

_PERIOD_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


@dataclass(frozen=True)
class ReportResult:
    """The workbooks written, and what the summary says about the huvuddokument."""

    steering: Path
    focus_areas: list[Path]
    activities: int = 0
    deviations: int = 0
    overdue: int = 0
    not_decided: int = 0
    errors: int = 0
    warnings: int = 0
    personal_data: bool = True
    counts: str = ""
    """What the report counts (`Population.sentence`)."""
    based_on: str = ""
    """Which snapshot a report on a past period shows (`Basis.sentence`); empty for today's."""

    def summary(self) -> list[str]:
        """A few Swedish lines for the process leader."""
        lines = [f"Styrgruppens rapport: {self.steering}"]
        if self.focus_areas:
            lines.append(f"Fokusområdenas arbetsböcker i {self.focus_areas[0].parent}:")
            lines += [f"  {path.name}" for path in self.focus_areas]
        if self.based_on:
            lines.append(self.based_on)
        if self.counts:
            lines.append(self.counts)
        activities = plural(self.activities, "aktivitet", "aktiviteter", grouped=False)
        deviations = plural(self.deviations, "avvikelse", "avvikelser", grouped=False)
        overdue = plural(self.overdue, "försenad", "försenade", grouped=False)
        proposals = plural(self.not_decided, "förslag", "förslag", grouped=False)
        lines.append(f"{activities}: {deviations} (gula eller röda), {overdue}; {proposals} "
                     "väntar på beslut.")
        if self.errors:
            errors = plural(self.errors, "fel", "fel", grouped=False)
            warnings = plural(self.warnings, "varning", "varningar", grouped=False)
            lines.append(f"Obs! Huvuddokumentet har {errors} och {warnings}. Rapporten är "
                         "skriven ändå; fliken Valideringsresultat visar vad som ska rättas.")
        if not self.personal_data:
            lines.append(PUBLIC_NOTE)
        return lines


def check_period(period: str) -> str:
    """The period label, if it can be part of a file name on every system.

    Raises UsageProblem otherwise.
    """
    label = period.strip()
    if not label or _PERIOD_FORBIDDEN.search(label) or label in (".", ".."):
        raise UsageProblem(f"Perioden ”{period}” kan inte ingå i ett filnamn.",
                           hint="Skriv perioden utan / \\ : * ? \" < > |, t.ex. 2026-T3.")
    return label


def steering_path(out: Path, period: str) -> Path:
    return out / STEERING_DIR / f"styrgruppsrapport-{period}.xlsx"


def focus_area_path(out: Path, number: int, period: str) -> Path:
    return out / FOCUS_DIR / f"fokusomrade-{number}-{period}.xlsx"


def report_data(loaded: Loaded, *, period: str, today: date,
                personal_data: bool = True) -> ReportData:
    """What every sheet of the report shows, computed once (validation included)."""
    live = loaded.plan if personal_data else public_plan(loaded.plan)
    checked = loaded if personal_data else replace(loaded, plan=live)
    bounds = period_bounds(period)
    based = basis(live, day=bounds[1] if bounds else today, today=today, wanted=period)
    day = based.day if based.past else today
    plan = based.plan
    extra = [h for h in staff_headers(plan) if personal_data or not is_personal_header(h)]
    names: dict[int | None, str] = {}
    for number in figures.focus_numbers(plan):
        area = next((a for a in plan.focus_areas if a.number == number), None)
        typed = area.short_name.removeprefix(f"FO{number}").strip() if area and area.short \
            else ""
        name = short_focus_name(number, typed or (area.name if area else ""))
        while name in names.values():
            name = f"{name[:28]} {number}"
        names[number] = name
    grouped: dict[int | None, list[Activity]] = {}
    for activity in figures.in_id_order(plan.activities):
        grouped.setdefault(activity.focus_area, []).append(activity)
    by_focus = {number: tuple(acts) for number, acts in grouped.items()}
    if None in by_focus:
        names[None] = NO_FOCUS
    pop = population(plan, day=day)
    counted = pop.plan(plan)
    return ReportData(plan=plan, period=period, today=today, source=loaded.path.name,
                      personal_data=personal_data,
                      findings=tuple(validate(checked, today=today)),
                      extra_headers=tuple(extra), focus_sheets=names, by_focus=by_focus,
                      population=pop, basis=based,
                      deviations=tuple(figures.deviations(counted)),
                      overdue=tuple(figures.overdue(counted, day)),
                      not_decided=pop.proposals,
                      changes=figures.changes_since_last_snapshot(plan, pop),
                      coverage=tuple(figures.goal_coverage(counted)),
                      unlinked=tuple(figures.unlinked_activities(counted)))


def write_reports(loaded: Loaded, out: Path, *, period: str, today: date,
                  personal_data: bool = True,
                  progress: Progress | None = None) -> ReportResult:
    """Write the steering group's workbook and one workbook per focus area under `out`.

    `personal_data=False` leaves out contact persons, focus-area leads, staff
    columns naming people and the files' author. Raises UsageProblem for a
    period that cannot be a file name, WorkbookLocked when a report to replace
    is open in another program, OSError when `out` cannot be written.
    """
    with collector.paused():
        return _write_reports(loaded, Path(out), period=check_period(period), today=today,
                              personal_data=personal_data,
                              say=progress or quiet)


def _write_reports(loaded: Loaded, out: Path, *, period: str, today: date, personal_data: bool,
                   say: Progress) -> ReportResult:
    say("Räknar fram rapportens siffror …")
    data = report_data(loaded, period=period, today=today, personal_data=personal_data)
    steering = steering_path(out, period)
    numbers = [n for n in data.focus_sheets if n is not None]
    focus_paths = [focus_area_path(out, n, period) for n in numbers]
    for path in (steering, *focus_paths):  # a read-only report refuses them all, up front
        check_writable(path)
    for path in (steering, *focus_paths):
        path.parent.mkdir(parents=True, exist_ok=True)

    def steering_job() -> None:
        say(f"Skriver {steering} …")
        with replacing(steering) as tmp:
            write_steering(data, tmp)

    def focus_job() -> None:
        for number, path in zip(numbers, focus_paths, strict=True):
            say(f"Skriver {path} …")
            with replacing(path) as tmp:
                write_focus_area(data, number, tmp)

    if parallel.worth_forking(parallel.file_size(loaded.path)):
        say(f"Skriver fokusområdenas arbetsböcker i {steering.parent.parent / FOCUS_DIR} "
            "samtidigt i en egen process …")
        parallel.run_beside(steering_job, focus_job)
    else:
        steering_job()
        focus_job()
    return ReportResult(
        steering=steering, focus_areas=focus_paths, activities=len(data.population.counted),
        deviations=len(data.deviations), overdue=len(data.overdue),
        not_decided=len(data.not_decided),
        errors=sum(1 for f in data.findings if f.severity is Severity.ERROR),
        warnings=sum(1 for f in data.findings if f.severity is Severity.WARNING),
        personal_data=personal_data, counts=data.population.sentence(),
        based_on=data.basis.sentence(),
    )


# --- the workbooks ------------------------------------------------------------------------------


def _book(data: ReportData, path: Path, title: str) -> ReportBook:
    return ReportBook(path, title=title, footer=f"{title} – {data.period}",
                      personal_data=data.personal_data)


def _facts(data: ReportData) -> list[tuple[str, str]]:
    return [("Period", data.period), ("Rapportdatum", data.today.isoformat()),
            ("Underlag", data.source)]


def write_steering(data: ReportData, path: Path) -> None:
    """The steering group's workbook, in the order its meeting runs: what to decide, the
    focus areas' assessments, who reported, what changed, per office, the views from
    business; then today's lists and one sheet per focus area."""
    plan = data.plan
    pop = data.population
    title = "Styrgruppsrapport"
    book = _book(data, path, title)
    defined = len(plan.intervention_areas)
    areas = len({a.intervention_area for a in pop.counted if a.intervention_area})
    focus_count = len({a.focus_area for a in pop.counted if a.focus_area is not None})
    span = agenda.period_span(plan, data.period, data.today)
    write_to_decide(book, data)
    write_steering_summary(
        book, data, title=f"{title} {data.period}",
        notes=[f"{PLAN_NAME} – läget för styrgruppen", *_basis_note(data), pop.sentence()],
        facts=[*_facts(data), ("Aktiviteter", (
            f"{swedish.number(len(pop.counted))} i "
            f"{plural(focus_count, 'fokusområde', 'fokusområden')} och "
            f"{plural(areas, 'insatsområde', 'insatsområden')}" +
            (f" (planen har {swedish.number(defined)})" if defined > areas else "")))],
        follow=follow_ups(data))
    write_reporting(book, data, span)
    write_plan_changes(book, data, span)
    write_per_office(book, data, span)
    write_views(book, data, span)
    write_overdue(book, data)
    write_goal_links(book, data)
    write_findings(book, data)
    for number, name in data.focus_sheets.items():
        acts = data.by_focus.get(number, ())
        # The steering group's copy names offices, not people: it is often a public
        # document. Contact persons are in the focus-area workbooks.
        write_activities(book, data, name, title=_focus_title(plan, number),
                         notes=_focus_notes(data, number, acts), activities=acts, people=False)
    book.close()


def write_focus_area(data: ReportData, number: int, path: Path) -> None:
    """A focus-area group's workbook: its summary with a chart, its activities, its deviations."""
    plan = data.plan
    acts = data.by_focus.get(number, ())
    pop = data.population.within(number)
    book = _book(data, path, f"Fokusområde {number}")
    texts = {a.id: a.text for a in plan.intervention_areas}
    counts = figures.status_counts_by_intervention_area(pop.plan(plan), number)
    # An area without activities is said so in words, not drawn as an empty bar.
    shown = [i for i, row in enumerate(counts.rows) if row[TOTAL_KEY]]
    empty = [key for key, row in zip(counts.keys, counts.rows, strict=True)
             if not row[TOTAL_KEY]]
    ids = [counts.keys[i] for i in shown]
    counts = figures.StatusCounts.of(ids, Counter({
        (key, label): row[label] for key, row in zip(counts.keys, counts.rows, strict=True)
        for label in figures.STATUS_LABELS}))
    lead = _lead(data, number)
    write_summary(
        book, title=_focus_title(plan, number),
        notes=[f"{PLAN_NAME} – underlag till fokusområdesgruppen", *_basis_note(data),
               pop.sentence()],
        facts=[*_facts(data), *([("Fokusområdesansvarig", lead)] if lead else []),
               ("Aktiviteter", str(len(pop.counted)))],
        table=StatusTable(
            label_columns=[TableColumn(ACTIVITIES.field("intervention_area").header, CellKind.ID),
                           TableColumn("Där kommunen …", CellKind.TEXT, 40)],
            labels=[[aid, texts.get(aid, "")] for aid in ids],
            counts=counts,
            heading="Status per insatsområde", category_axis="Insatsområde",
            empty=[f"{ACTIVITIES.field('intervention_area').header} {aid} har inga "
                   "aktiviteter att räkna." for aid in empty]),
        phases=figures.phase_counts(replace(plan, activities=pop.decided)),
        follow=follow_ups(data, focus=number),
    )
    write_activities(book, data, ACTIVITY_SHEET, title=_focus_title(plan, number),
                     notes=_focus_notes(data, number, acts), activities=acts, people=True)
    write_deviations(book, data, focus=number)
    book.close()


def _basis_note(data: ReportData) -> list[str]:
    sentence = data.basis.sentence()
    return [sentence] if sentence else []


def _focus_title(plan: Plan, number: int | None) -> str:
    if number is None:
        return f"Aktiviteter utan fokusområde ({ACTIVITIES.field('focus_area').header} saknas)"
    name = plan.focus_area_name(number)
    return f"Fokusområde {number}: {name}" if name else f"Fokusområde {number}"


def _lead(data: ReportData, number: int | None) -> str:
    if not data.personal_data:
        return ""
    return next((f.lead for f in data.plan.focus_areas if f.number == number), "")


def _focus_notes(data: ReportData, number: int | None, acts: Sequence[Activity]) -> list[str]:
    pop = data.population.within(number)
    counts = Counter(a.status for a in pop.counted)
    line = f"{plural(len(pop.counted), 'aktivitet', 'aktiviteter')}: " + ", ".join(
        plural(counts[status], one, many) for status, (one, many) in STATUS_WORDS.items())
    if pop.cancelled:
        line += f"; {plural(len(pop.cancelled), 'avbruten', 'avbrutna')}"
    if pop.proposals:
        line += f"; {plural(len(pop.proposals), 'förslag', 'förslag')} som väntar på beslut"
    lead = _lead(data, number)
    return [f"Fokusområdesansvarig: {lead}. {line}" if lead else line]
