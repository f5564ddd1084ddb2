"""The sheets of the report workbooks: what each shows, in which columns and order.

Both the steering group's workbook and the focus-area workbooks are made of
these: a summary (status table, chart, phases, what to follow up) and lists
of activities. The figures come from `figures`; this module only lays them out.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from operator import itemgetter
from typing import Any

from plan_sheets.analysis import figures
from plan_sheets.analysis.history import Basis
from plan_sheets.analysis.population import CHANGE_KINDS, Population
from plan_sheets.swedish import number, plural
from plan_sheets.workbook import rowvalues
from plan_sheets.workbook.findings import RULES, Finding, Severity
from plan_sheets.workbook.model import Activity, Goal, Plan, Status
from plan_sheets.workbook.schema import (
    GOALS,
    Field,
    is_personal_header,
)
from plan_sheets.workbook.xlsxbook import (
    MISSING,
    CellKind,
    ReportBook,
    TableColumn,
    Total,
    contract,
    field_column,
    rows_of,
)

SUMMARY = "Sammanfattning"
DEVIATIONS = "Avvikelser"
CHANGES = "Förändringar i planen"
TO_DECIDE = "Att besluta"
PROPOSALS = "Förslag att besluta"
DUE = "Beslut att följa upp"
TURN = "Vid årsskiftet"
OVERDUE = "Försenade"
GOAL_LINKS = "Målkoppling"
VALUE_SOURCE = "Källa för målets värden"
FINDINGS = "Valideringsresultat"
ACTIVITY_SHEET = "Aktiviteter"
NO_FOCUS = "Utan fokusområde"

TOTAL = "Totalt"
COUNT = "Antal"
SHARE = "Andel"
SHARE_HEADERS = {label: f"{SHARE} {label.lower()}" for label in figures.STATUS_LABELS}

_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_LEADING_ARTICLES = ("en", "ett")
_TRAILING_SMALL_WORDS = ("som", "med", "och", "att", "för", "till", "på", "i", "av", "om")
SHEET_NAME_MAX = 31


def short_focus_name(number: int, name: str) -> str:
    """A sheet name for a focus area: `FO1 Företagsklimat` (at most 31 characters).

    The name loses a leading article and anything from its first relative
    clause (`som …`); what is left is cut at a word, without a dangling
    `med`, `och` …
    """
    prefix = f"FO{number}"
    words = _SHEET_FORBIDDEN.sub(" ", name).replace("'", " ").split()
    if words and words[0].casefold() in _LEADING_ARTICLES:
        words = words[1:]
    folded = [w.casefold() for w in words]
    if "som" in folded[1:]:
        words = words[:folded.index("som", 1)]
    room = SHEET_NAME_MAX - len(prefix) - 1
    kept: list[str] = []
    for word in words:
        if len(" ".join([*kept, word])) > room:
            break
        kept.append(word)
    while kept and kept[-1].casefold() in _TRAILING_SMALL_WORDS:
        kept.pop()
    if not kept:
        return prefix
    kept[0] = kept[0][:1].upper() + kept[0][1:]
    return f"{prefix} {' '.join(kept)}"


@dataclass(frozen=True)
class ReportData:
    """Everything the sheets show, computed once for all the workbooks of a report."""

    plan: Plan
    period: str
    today: date
    source: str
    """The huvuddokument's file name (not its path: paths can name people)."""
    personal_data: bool
    findings: tuple[Finding, ...]
    extra_headers: tuple[str, ...]
    """The staff's own Aktiviteter columns to show."""
    population: Population
    """Which activities the figures count (`population.population`)."""
    basis: Basis
    """What the report shows: today's plan or, for a past period, a snapshot."""
    focus_sheets: dict[int | None, str] = field(default_factory=dict)
    """Focus-area number -> its sheet name in the steering workbook."""
    by_focus: dict[int | None, tuple[Activity, ...]] = field(default_factory=dict)
    """Focus-area number -> its activities in ID order."""
    deviations: tuple[Activity, ...] = ()
    """Gul and Röd, in the agenda's order (`figures.deviations`)."""
    overdue: tuple[Activity, ...] = ()
    not_decided: tuple[Activity, ...] = ()
    changes: figures.Changes = figures.Changes(since=None)
    coverage: tuple[figures.GoalCoverage, ...] = ()
    unlinked: tuple[Activity, ...] = ()
    """Activities linked to no goal, in ID order."""

    @property
    def uncovered(self) -> list[Goal]:
        return [c.goal for c in self.coverage if not c.activities]

    def focus_name(self, number: int | None) -> str:
        return self.focus_sheets.get(number, NO_FOCUS)

    def staff_headers(self, *, people: bool) -> list[str]:
        return [h for h in self.extra_headers if people or not is_personal_header(h)]

    @cached_property
    def contract_fields(self) -> list[Field]:
        """Shown at the end of every activity list (`rowvalues.value_fields`)."""
        return rowvalues.value_fields(self.plan)

    def activity_columns(self, *, people: bool) -> list[TableColumn]:
        """The columns of an activity list: the list's own, the contract's fields kept in
        `values` (`contract_fields`), then the staff's; `people` adds Kontaktperson and the
        staff's columns naming people (never when the report leaves out personal data)."""
        people = people and self.personal_data
        return [
            contract("id"), contract("intervention_area", width=12),
            contract("title", width=32), contract("responsible", width=20),
            *([contract("contact", width=18)] if people else []),
            contract("start"), contract("end", width=11.5), contract("phase", width=12),
            contract("status"), contract("status_comment", width=34),
            contract("goals", width=12),
            *(field_column(f, width=f.width) for f in self.contract_fields),
            *(TableColumn(h, CellKind.ANY, 24, get=_staff_column(h))
              for h in self.staff_headers(people=people)),
        ]

    def focus_column(self, width: float) -> TableColumn:
        """Fokusområde as the report names it (its sheet's name)."""
        return contract("focus_area", width=width,
                        get=lambda a: self.focus_name(a.focus_area))


def _staff_column(header: str) -> Callable[[Activity], Any]:
    """An activity's value in a staff column; a formula saved without its value is shown as
    the formula's text, never as a formula."""
    def get(a: Activity) -> Any:
        value = a.extra.get(header)
        return value if value is None or isinstance(value, (str, int, float, date)) \
            else str(value)
    return get


# --- the summary -------------------------------------------------------------------------------


@dataclass(frozen=True)
class FollowUp:
    """A line of `Att följa upp`: what, how many, and the sheet that lists them."""

    label: str
    count: int
    sheet: str


def follow_ups(data: ReportData, *, focus: int | None = None) -> list[FollowUp]:
    """The numbers a steering group acts on, each pointing at the sheet that lists them:
    for the whole plan, or (`focus`) for one focus area's workbook."""
    steering = focus is None

    def mine(activities: Sequence[Activity]) -> list[Activity]:
        return list(activities) if steering else [a for a in activities if a.focus_area == focus]

    devs = mine(data.deviations)
    listed = ACTIVITY_SHEET if not steering else ""
    deviations = TO_DECIDE if steering else DEVIATIONS
    lines = [
        FollowUp("Avvikelser (gula och röda)", len(devs), deviations),
        FollowUp("– varav röda", sum(1 for a in devs if a.status is Status.RED), deviations),
        FollowUp("Avvikelser utan orsak", sum(1 for a in devs if not a.cause), deviations),
        FollowUp("Avvikelser utan rekommenderad åtgärd", sum(1 for a in devs if not a.action),
                 deviations),
        FollowUp("Försenade aktiviteter", len(mine(data.overdue)), listed or OVERDUE),
        FollowUp("Väntar på beslut i styrgruppen", len(mine(data.not_decided)),
                 listed or PROPOSALS),
    ]
    if steering:
        due = sum(1 for d in data.plan.decisions if d.is_due(data.population.day))
        numbers = [n for n in data.focus_sheets if n is not None]
        unjudged = sum(1 for n in numbers if not (
            (found := data.plan.assessment(data.period, n)) is not None and found.is_written))
        lines += [FollowUp("Beslut att följa upp", due, DUE),
                  FollowUp(f"Fokusområden utan bedömning för {data.period}", unjudged,
                           SUMMARY)]
        changes = data.changes
        if changes.since is not None:
            lines += [FollowUp(f"Sämre status sedan {changes.since}", len(changes.worse),
                               CHANGES),
                      FollowUp(f"Bättre status sedan {changes.since}", len(changes.better),
                               CHANGES)]
        lines += [
            FollowUp("Mål utan aktiviteter", len(data.uncovered), GOAL_LINKS),
            FollowUp("Aktiviteter utan mål", len(data.unlinked), GOAL_LINKS),
            FollowUp("Fel i huvuddokumentet", _count(data.findings, Severity.ERROR), FINDINGS),
            FollowUp("Varningar i huvuddokumentet", _count(data.findings, Severity.WARNING),
                     FINDINGS),
        ]
    return lines


def _count(findings: Sequence[Finding], severity: Severity) -> int:
    return sum(1 for f in findings if f.severity is severity)


@dataclass(frozen=True)
class StatusTable:
    """The rows of a status summary: leading label columns, then the counts by status."""

    label_columns: Sequence[TableColumn]
    labels: Sequence[Sequence[Any]]
    """Per row, the values of the label columns."""
    counts: figures.StatusCounts
    """A row of counts per row of `labels`, and their total."""
    heading: str
    category_axis: str
    empty: Sequence[str] = ()
    """Sentences for the rows left out because they have nothing to count."""


def _sum(header: str) -> str:
    # Named explicitly: LibreOffice misreads `[Ej satt]` without the table's name.
    return f"=SUBTOTAL(109,{{table}}[{header}])"


def _share(header: str) -> str:
    return f"=IFERROR({_sum(header)[1:]}/{_sum(TOTAL)[1:]},0)"


def write_summary(book: ReportBook, *, title: str, notes: Sequence[str],
                  facts: Sequence[tuple[str, str]], table: StatusTable,
                  phases: dict[str, int], follow: Sequence[FollowUp]) -> None:
    """A summary sheet: facts, the status table with totals and shares, then what to
    follow up and the phases beside the chart."""
    ws = book.sheet(SUMMARY)
    ws.hide_gridlines(2)
    row = book.title(ws, 0, title, notes=notes)
    for label, value in facts:
        if value:
            ws.write_rich_string(row, 0, book.fmts.key, f"{label}: ", value, book.fmts.value)
        else:
            ws.write_string(row, 0, label, book.fmts.key)
        row += 1
    row = book.heading(ws, row + 1, table.heading)
    labels = list(figures.STATUS_LABELS)
    counts = table.counts
    body = counts.rows
    status = None
    if body:
        share = figures.StatusCounts.shares
        columns = [*table.label_columns, *(TableColumn(s, CellKind.INTEGER) for s in labels),
                   TableColumn(TOTAL, CellKind.INTEGER),
                   *(TableColumn(SHARE_HEADERS[s], CellKind.PERCENT) for s in labels)]
        rows = [[*values, *(counts[s] for s in labels), counts[TOTAL],
                 *share(counts).values()]
                for counts, values in zip(body, table.labels, strict=True)]
        total = table.counts.total
        totals = [Total(TOTAL), *(Total("") for _ in table.label_columns[1:]),
                  *(Total(total[s], _sum(s)) for s in [*labels, TOTAL]),
                  *(Total(value, _share(s)) for s, value in share(total).items())]
        status = book.table(ws, row, columns, rows, totals=totals)
        row = status.last_row + 3
        for sentence in table.empty:
            row = book.note(ws, row - 1, sentence) + 1
    else:
        row = book.note(ws, row, "Det finns inga aktiviteter att räkna.") + 1

    side = len(table.label_columns) - 1
    top = row
    if status is not None:
        # The chart beside the lists below is never cut by a page's end.
        book.keep_together(ws, top, book.chart_height(status) * 0.75 + 10)
    follow_table = book.table(ws, row, [TableColumn("Att följa upp", CellKind.LINK, 36),
                                        TableColumn(COUNT, CellKind.INTEGER)],
                              [[(f.label, f.sheet), f.count] for f in follow], first_col=side)
    row = follow_table.last_row + 2
    total_phases = sum(phases.values()) or 1
    book.table(ws, row, [contract("phase", width=20), TableColumn(COUNT, CellKind.INTEGER),
                         TableColumn(SHARE, CellKind.PERCENT)],
               [[label, n, n / total_phases] for label, n in phases.items()
                if n or label != figures.NO_PHASE], first_col=side)
    if status is not None:
        chart_col = side + 3
        width = book.column_pixels(ws, chart_col, status.last_col)
        book.status_chart(ws, status, categories=table.label_columns[0].header, series=labels,
                          title=table.heading, category_axis=table.category_axis, row=top,
                          col=chart_col, width=max(width - 8, 420),
                          largest=max(counts[TOTAL] for counts in body))
    book.finish(ws)
    ws.activate()


# --- lists of activities -------------------------------------------------------------------------


def write_list(book: ReportBook, name: str, *, title: str, notes: Sequence[str],
               columns: Sequence[TableColumn], rows: Sequence[Sequence[Any]], empty: str,
               totals: Sequence[Total] | None = None) -> None:
    """A sheet holding one titled table, or one sentence when there is nothing to list."""
    ws = book.sheet(name)
    row = book.title(ws, 0, title, notes=notes)
    if not rows:
        book.note(ws, row, empty)
        book.finish(ws)
        return
    table = book.table(ws, row, columns, rows, totals=totals)
    book.finish(ws, header_row=table.header_row)


def write_activities(book: ReportBook, data: ReportData, name: str, *, title: str,
                     notes: Sequence[str], activities: Sequence[Activity],
                     people: bool) -> None:
    """A focus area's activities, traffic-lit; `people` as in `ReportData.activity_columns`."""
    columns = data.activity_columns(people=people)
    rows = rows_of(columns, activities)
    write_list(book, name, title=title, notes=notes, columns=columns, rows=rows,
               empty="Fokusområdet har inga aktiviteter.", totals=amount_totals(columns, rows))


def amount_totals(columns: Sequence[TableColumn], rows: Sequence[Sequence[Any]]
                  ) -> list[Total] | None:
    """A total row summing the staff's number columns (a budget, say), or None when the
    list has none: a column of numbers and empty cells only."""
    summed = []
    for i, column in enumerate(columns):
        values = [row[i] for row in rows if row[i] not in (None, "")]
        if column.kind is CellKind.ANY and values and all(
                isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
            summed.append(i)
    if not summed:
        return None
    return [Total(sum(row[i] or 0 for row in rows),
                  f"=SUBTOTAL(109,{{table}}[{_escaped(columns[i].header)}])") if i in summed
            else Total(TOTAL if i == 0 else "") for i in range(len(columns))]


def _escaped(header: str) -> str:
    """A header as a structured reference names it (`'` before `[ ] # '`)."""
    return re.sub(r"([\[\]#'])", r"'\1", header)


def deviation_columns(data: ReportData, *, focus_column: bool = True) -> list[TableColumn]:
    return [contract("id"), contract("status"),
            *([data.focus_column(18)] if focus_column else []),
            contract("intervention_area", width=12), contract("title", width=28),
            contract("responsible", width=18), contract("status_comment", width=28),
            contract("cause", CellKind.REQUIRED, 28), contract("action", CellKind.REQUIRED, 28)]


def write_deviations(book: ReportBook, data: ReportData, *, focus: int | None = None) -> None:
    """Avvikelser: the whole plan's, or (`focus`) one focus area's (without the focus column)."""
    whole = focus is None
    columns = deviation_columns(data, focus_column=whole)
    rows = rows_of(columns, [a for a in data.deviations if whole or a.focus_area == focus])
    order = "Röda först, sedan per fokusområde." if whole else "Röda först."
    write_list(book, DEVIATIONS, title="Avvikelser – gula och röda aktiviteter",
               notes=[f"{order} ”{MISSING}” betyder att orsak eller rekommenderad åtgärd inte "
                      "är ifylld i huvuddokumentet."],
               columns=columns, rows=rows,
               empty="Inga aktiviteter är gula eller röda.")


def status_changes(book: ReportBook, ws, data: ReportData, row: int) -> int:
    """The status changes since the last snapshot, as a section of a sheet at `row`."""
    plan = data.plan
    changes = data.changes
    row = book.heading(ws, row, "Statusförändringar sedan förra ögonblicksbilden"
                       if changes.since is None else f"Statusförändringar sedan {changes.since}")
    if changes.since is None:
        return book.note(ws, row, "Det finns ingen tidigare ögonblicksbild i fliken "
                                  "Statushistorik att jämföra med. Förändringar visas när en "
                                  "sammanslagning har sparat en.") + 1
    before = figures.snapshots_by_period(plan)[changes.since]

    def was(a: Activity) -> str:
        snap = before.get(a.id)
        return figures.light_label(snap) if snap is not None else ""

    listed = dict(zip(CHANGE_KINDS, (
        [a for a, _ in changes.worse], [a for a, _ in changes.better], changes.new,
        changes.completed, changes.cancelled), strict=True))
    items = [(kind, a) for kind, acts in listed.items() for a in acts]
    row = book.note(ws, row, f"Jämfört med ögonblicksbilden {changes.since} i Statushistorik: "
                             f"{number(len(changes.worse))} sämre, "
                             f"{number(len(changes.better))} bättre, "
                             f"{plural(len(changes.new), 'ny', 'nya')}, "
                             f"{plural(len(changes.completed), 'genomförd', 'genomförda')} och "
                             f"{plural(len(changes.cancelled), 'avbruten', 'avbrutna')}. Varje "
                             "aktivitet står under en förändring: Avbruten före Ny, Genomförd, "
                             "Sämre och Bättre; förslag som väntar på beslut är inte nya.") + 1
    if not items:
        return book.note(ws, row, f"Inga statusförändringar sedan {changes.since}.") + 1
    columns = [TableColumn("Förändring", CellKind.TEXT, 12, get=itemgetter(0)), *(
        column.of(itemgetter(1)) for column in (
            contract("id"), data.focus_column(18), contract("title", width=34),
            contract("responsible", width=22),
            TableColumn("Status före", CellKind.STATUS, get=was),
            TableColumn("Status nu", CellKind.STATUS, get=figures.light_label),
            contract("phase", width=12)))]
    return book.table(ws, row, columns, rows_of(columns, items)).last_row + 3


def write_overdue(book: ReportBook, data: ReportData) -> None:
    acts = data.overdue
    day = data.population.day
    columns = [contract("id"), data.focus_column(18), contract("title", width=32),
               contract("responsible", width=20), contract("end", CellKind.DATE),
               TableColumn("Dagar sedan slut", CellKind.INTEGER,
                           get=lambda a: (day - a.end).days if a.end else None),
               contract("phase", width=12), contract("status"),
               contract("status_comment", width=36)]
    rows = rows_of(columns, acts)
    write_list(book, OVERDUE, title="Försenade aktiviteter",
               notes=[f"Slutdatum före {day.isoformat()} men Läge är varken Genomförd "
                      "eller Avbruten."],
               columns=columns, rows=rows, empty="Inga aktiviteter är försenade.")


def write_goal_links(book: ReportBook, data: ReportData) -> None:
    ws = book.sheet(GOAL_LINKS)
    row = book.title(ws, 0, "Målkoppling – aktiviteterna och de mätbara målen",
                     notes=["Hur många aktiviteter som bidrar till varje mål och hur det går "
                            "för dem."])
    coverage = data.coverage
    labels = figures.STATUS_LABELS
    if coverage:
        row = book.heading(ws, row, "Mål och kopplade aktiviteter")
        goal_rows = [[c.goal.id, c.goal.name, len(c.activities),
                      *(c.by_status[s] for s in labels), c.source] for c in coverage]
        table = book.table(ws, row, [
            TableColumn(GOALS.field("id").header, CellKind.ID),
            TableColumn(GOALS.field("name").header, CellKind.TEXT, 40),
            TableColumn(ACTIVITY_SHEET, CellKind.INTEGER),
            *(TableColumn(s, CellKind.INTEGER) for s in labels),
            TableColumn(VALUE_SOURCE, CellKind.TEXT, 26),
        ], goal_rows)
        row = table.last_row + 3
    else:
        row = book.note(ws, row, "Fliken Mål har inga mål.") + 1
    # The tables share columns: ID and the wide text in A and B, so that the counts
    # of the first table do not sit in wide columns.
    uncovered = data.uncovered
    row = book.heading(ws, row, "Mål som ingen aktivitet bidrar till")
    if uncovered:
        table = book.table(ws, row, [TableColumn(GOALS.field("id").header, CellKind.ID),
                                     TableColumn(GOALS.field("name").header, CellKind.TEXT, 40)],
                           [[g.id, g.name] for g in uncovered])
        row = table.last_row + 3
    else:
        row = book.note(ws, row, "Alla mål har minst en aktivitet.") + 1
    unlinked = data.unlinked
    row = book.heading(ws, row, "Aktiviteter utan koppling till något mål")
    header_row = None
    if unlinked:
        # The long list is last: its header row is repeated on the pages it runs over.
        header_row = row
        columns = [contract("id"), contract("title", width=40),
                   contract("responsible", width=22), contract("phase", width=12),
                   contract("status")]
        book.table(ws, row, columns, rows_of(columns, unlinked))
    else:
        book.note(ws, row, "Alla aktiviteter är kopplade till minst ett mål.")
    book.finish(ws, header_row=header_row, freeze=False)


def write_findings(book: ReportBook, data: ReportData) -> None:
    """The validator's findings: how many per rule with what to do, then each one."""
    found = sorted(data.findings, key=lambda f: f.severity is not Severity.ERROR)
    errors, warnings = _count(found, Severity.ERROR), _count(found, Severity.WARNING)
    verdict = ("Huvuddokumentet har fel som behöver rättas innan nästa sammanslagning."
               if errors else "Huvuddokumentet har inga fel.")
    ws = book.sheet(FINDINGS)
    row = book.title(ws, 0, f"Valideringsresultat för {data.source}",
                     notes=[f"{plural(errors, 'fel', 'fel')} och "
                            f"{plural(warnings, 'varning', 'varningar')} den "
                            f"{data.today.isoformat()}. {verdict}"])
    if not found:
        book.note(ws, row, "Inga anmärkningar: huvuddokumentet följer alla regler.")
        book.finish(ws)
        return
    counts = Counter(f.code for f in found)
    codes = sorted(counts, key=lambda c: (RULES[c].severity is not Severity.ERROR, -counts[c], c))
    # The two tables share their columns: the wide text of both is in column D.
    row = book.heading(ws, row, "Per regel")
    rules = book.table(ws, row, [
        TableColumn("Allvarlighet", CellKind.SEVERITY), TableColumn("Regel", CellKind.TEXT, 30),
        TableColumn(COUNT, CellKind.INTEGER), TableColumn("Gör så här", CellKind.TEXT, 60),
    ], [[RULES[c].severity.label, RULES[c].title, counts[c], RULES[c].hint] for c in codes])
    row = book.heading(ws, rules.last_row + 2, "Anmärkningar")
    listed = book.table(ws, row, [
        TableColumn("Allvarlighet", CellKind.SEVERITY), TableColumn("Regel", CellKind.TEXT, 30),
        contract("id"), TableColumn("Meddelande", CellKind.TEXT, 60),
        TableColumn("Plats", CellKind.TEXT, 18),
    ], [[f.severity.label, f.rule.title, f.activity_id, f.message, f.location] for f in found])
    book.finish(ws, header_row=listed.header_row, freeze=False)
