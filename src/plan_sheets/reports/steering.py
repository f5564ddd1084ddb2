"""The steering group's own sheets, in the order its meeting runs.

Att besluta (deviations red then yellow with what is asked), Förslag att besluta
(proposals awaiting a decision), Beslut att följa upp (open decisions due), at a year's
first period Vid årsskiftet (the activities whose Slut passed before it), Sammanfattning
(each focus area's assessment beside its traffic light and counts), Rapportering (which
workbooks came back and when; per office the activities not updated), Förändringar i
planen, Per ansvarig and Synpunkter. The figures come from `agenda`; the lists that the
focus-area workbooks share are in `sheets`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date
from operator import itemgetter
from typing import Any

from plan_sheets import swedish
from plan_sheets.analysis import figures
from plan_sheets.analysis.population import id_key
from plan_sheets.reports import agenda
from plan_sheets.reports.sheets import (
    CHANGES,
    COUNT,
    DUE,
    FINDINGS,
    GOAL_LINKS,
    OVERDUE,
    PROPOSALS,
    SUMMARY,
    TO_DECIDE,
    TOTAL,
    TURN,
    ReportData,
    status_changes,
)
from plan_sheets.workbook.model import Activity, Status
from plan_sheets.workbook.schema import (
    ACTIVITIES,
    ASSESSMENTS,
    DECISIONS,
    VIEWS,
)
from plan_sheets.workbook.xlsxbook import (
    CellKind,
    ReportBook,
    TableColumn,
    Total,
    contract,
    rows_of,
)

REPORTING = "Rapportering"
PER_OFFICE = "Per ansvarig"
VIEWS_SHEET = "Synpunkter"

ACTIVITY_HEADERS = {f.key: f.header for f in ACTIVITIES.fields}
DECISION_HEADERS = {f.key: f.header for f in DECISIONS.fields}
ASSESSMENT_HEADERS = {f.key: f.header for f in ASSESSMENTS.fields}
VIEW_HEADERS = {f.key: f.header for f in VIEWS.fields}
ASKED = "Styrgruppen ombeds"
WHY = "Varför på listan"
PRIORITY = DECISION_HEADERS["priority"]
LATEST = "Senaste beslut"
NOT_PRIORITISED = "Ej prioriterad"
LATE_ASK = "Besluta om ny tidplan, att avsluta eller att avbryta"
CHANGE_WORDS = {agenda.NEW: ("ny", "nya"), agenda.CANCELLED: ("avbruten", "avbrutna"),
                agenda.POSTPONED: ("framflyttad", "framflyttade"),
                agenda.REASSIGNED: ("med ny ansvarig", "med ny ansvarig"),
                agenda.RENAMED: ("med nytt namn", "med nytt namn"),
                agenda.PROPOSED: ("nytt förslag", "nya förslag")}
"""How a count of each plan change is said: `1 ny`, `2 nya`."""


def _status(a: Activity) -> str:
    return figures.status_label(a.status) if a.status else ""


def _focus_link(data: ReportData, number: int | None) -> tuple[str, str]:
    """A focus area's short name, linking to its sheet (to the summary when it has none)."""
    if number not in data.focus_sheets:
        label = data.plan.focus_area_short_name(number) if number is not None else ""
        return (label or data.focus_name(None), SUMMARY)
    return (data.plan.focus_area_short_name(number) if number is not None
            else data.focus_name(None), data.focus_name(number))


def _focus_links(data: ReportData, width: float) -> TableColumn:
    """Fokusområde as a link to the focus area's sheet."""
    return contract("focus_area", CellKind.LINK, width,
                    get=lambda a: _focus_link(data, a.focus_area))


def _activity(item: Any) -> Activity:
    return item.activity


def _latest(decision) -> str:
    if decision is None:
        return ""
    return f"{decision.date.isoformat()}: {decision.text}"


# --- Att besluta ------------------------------------------------------------------------------


def write_to_decide(book: ReportBook, data: ReportData) -> None:
    """The first sheet: what the steering group is asked to decide, in the meeting's order."""
    plan = data.plan
    asked = agenda.asks(plan, data.deviations)
    proposals = data.not_decided
    due = agenda.decisions_due(plan, data.population.day)
    red = sum(1 for a in data.deviations if a.status is Status.RED)
    yellow = len(data.deviations) - red
    ws = book.sheet(TO_DECIDE)
    ws.hide_gridlines(2)
    summary = (f"{swedish.plural(red, 'röd avvikelse', 'röda avvikelser')} och "
               f"{swedish.plural(yellow, 'gul', 'gula')}, "
               f"{swedish.plural(len(proposals), 'föreslagen aktivitet', 'föreslagna aktiviteter')}"
               f" och {swedish.plural(len(due), 'beslut', 'beslut')} att följa upp.")
    # The first page says what the report shows and counts (DESIGN.md, Populations).
    based = data.basis.sentence()
    row = book.title(ws, 0, f"Att besluta – styrgruppen {data.period}", notes=[
        summary, *([based] if based else []), data.population.sentence(),
        "Handlingsplanen, avsnitt 7: styrgruppen fattar beslut och gör prioriteringar för att "
        f"åtgärda avvikelser. Skriv besluten i huvuddokumentets flik {DECISIONS.name}."])
    row = book.heading(ws, row, "Avvikelser – röda först, sedan gula")
    deviations_header = None
    if asked:
        columns = [
            *(column.of(_activity) for column in (
                contract("id"), contract("status"), _focus_links(data, 18),
                contract("title", width=26), contract("responsible", width=16),
                contract("cause", CellKind.REQUIRED, 26),
                contract("action", CellKind.REQUIRED, 26))),
            TableColumn(PRIORITY, CellKind.TEXT, 10,
                        get=lambda x: x.priority.value if x.priority else NOT_PRIORITISED),
            TableColumn(WHY, CellKind.TEXT, 24, get=lambda x: x.reason),
            TableColumn(ASKED, CellKind.TEXT, 24, get=lambda x: x.ask),
            TableColumn(LATEST, CellKind.TEXT, 26, get=lambda x: _latest(x.decision)),
        ]
        table = book.table(ws, row, columns, rows_of(columns, asked))
        deviations_header = table.header_row
        row = table.last_row + 3
    else:
        book.note(ws, row, "Inga aktiviteter är gula eller röda.")
    # The deviations' header row is repeated on every page. The other lists are on a sheet
    # of their own: a sheet repeats one header row, which would stand over their tables.
    book.finish(ws, header_row=deviations_header, freeze=False)
    ws.activate()

    write_proposals(book, data, proposals)
    write_decisions_due(book, data, due)
    turn = agenda.year_start(data.period)
    if turn is not None:
        write_late_at_turn(book, data, turn)


def _list_sheet(book: ReportBook, data: ReportData, name: str, note: str):
    """A sheet of one list after Att besluta (a sheet repeats one header row on every page,
    so each list the steering group goes through has its own); its first free row."""
    ws = book.sheet(name)
    ws.hide_gridlines(2)
    return ws, book.title(ws, 0, f"{name} – styrgruppen {data.period}", notes=[note])


def write_proposals(book: ReportBook, data: ReportData, proposals: Sequence[Activity]) -> None:
    """The proposed activities awaiting a decision, then the areas a group proposed."""
    ws, row = _list_sheet(book, data, PROPOSALS, swedish.plural(
        len(proposals), "föreslagen aktivitet väntar", "föreslagna aktiviteter väntar")
        + f" på styrgruppens beslut (Beslutad i fliken {ACTIVITIES.name}).")
    header = None
    if proposals:
        columns = [
            contract("id"), contract("phase", width=10), _focus_links(data, 18),
            contract("title", width=26), contract("responsible", width=16),
            contract("description", width=26,
                     get=lambda a: a.description or a.status_comment),
            contract("start"), contract("end", width=11.5), contract("goals", width=10),
            TableColumn(WHY, CellKind.TEXT, 20,
                        get=lambda a: "Beslutad saknas" if a.decided is None else
                        f"Beslutad {a.decided.isoformat()}, efter rapportdagen"),
            TableColumn(ASKED, CellKind.TEXT, 24,
                        get=lambda a: "Besluta om aktiviteten (Beslutad)"),
        ]
        table = book.table(ws, row, columns, rows_of(columns, proposals))
        header, row = table.header_row, table.last_row + 3
    else:
        row = book.note(ws, row, "Inga aktiviteter väntar på beslut.") + 1
    areas = agenda.proposed_areas(data.plan)
    if areas:
        row = book.note(ws, row, "Föreslagna insatsområden (skriv beslutet i fliken "
                                 f"{DECISIONS.name} med områdets ID):")
        book.table(ws, row, [
            contract("intervention_area", CellKind.ID), TableColumn("Text", CellKind.TEXT, 40),
            TableColumn("Källa", CellKind.TEXT, 22), TableColumn("Datum", CellKind.DATE),
            TableColumn(ASKED, CellKind.TEXT, 24),
        ], [[c.area_id, c.text, c.source, c.time.date() if c.time else None,
             "Besluta om insatsområdet"] for c in areas])
    book.finish(ws, header_row=header, freeze=False)


def write_decisions_due(book: ReportBook, data: ReportData, due: Sequence[Any]) -> None:
    """Open decisions whose Följs upp date has come, each with why."""
    ws, row = _list_sheet(book, data, DUE,
                          swedish.plural(len(due), "öppet beslut", "öppna beslut")
                          + f" ur fliken {DECISIONS.name} vars datum i "
                          f"{DECISION_HEADERS['follow_up']} har kommit.")
    if not due:
        book.note(ws, row, f"Inga öppna beslut har passerat sitt datum i "
                           f"{DECISION_HEADERS['follow_up']}.")
        book.finish(ws, freeze=False)
        return
    titles = {a.id: a.title for a in (*data.plan.closed, *data.plan.activities)}
    table = book.table(ws, row, [
        TableColumn(DECISION_HEADERS["date"], CellKind.DATE),
        TableColumn(DECISION_HEADERS["activity_id"], CellKind.ID),
        contract("title", width=22),
        TableColumn(DECISION_HEADERS["decision"], CellKind.TEXT, 36),
        TableColumn(PRIORITY, CellKind.TEXT, 10),
        TableColumn(DECISION_HEADERS["responsible"], CellKind.TEXT, 16),
        TableColumn(DECISION_HEADERS["follow_up"], CellKind.DATE),
        TableColumn(DECISION_HEADERS["state"], CellKind.TEXT, 12),
        TableColumn(WHY, CellKind.TEXT, 20),
    ], [[d.date, d.activity_id, titles.get(d.activity_id, "Allmänt beslut"), d.text,
         d.priority.value if d.priority else "", d.responsible, d.follow_up,
         d.state.value if d.state else "Öppet",
         f"{DECISION_HEADERS['follow_up']} {d.follow_up.isoformat()} har "
         f"{'passerat' if d.follow_up < data.population.day else 'kommit'}, ej verkställt"]
        for d in due])
    book.finish(ws, header_row=table.header_row, freeze=False)


def write_late_at_turn(book: ReportBook, data: ReportData, turn: date) -> None:
    """At a year's first period: the activities carried over whose Slut passed before it."""
    late = agenda.late_at_turn(data.population.counted, turn)
    ws, row = _list_sheet(book, data, TURN, swedish.plural(
        len(late), "aktivitet", "aktiviteter") + f" fördes över till {turn.year} fast Slut "
        f"hade passerat: ny tidplan, avsluta eller avbryta.")
    if not late:
        book.note(ws, row, f"Alla aktiviteter som förts över till {turn.year} har ett Slut "
                           "som inte har passerat.")
        book.finish(ws, freeze=False)
        return
    columns = [
        contract("id"), _focus_links(data, 18), contract("title", width=30),
        contract("responsible", width=16), contract("end", CellKind.DATE),
        contract("phase", width=10), contract("status"),
        TableColumn(ASKED, CellKind.TEXT, 30, get=lambda a: LATE_ASK),
    ]
    table = book.table(ws, row, columns, rows_of(columns, late))
    book.finish(ws, header_row=table.header_row, freeze=False)


# --- Sammanfattning ---------------------------------------------------------------------------


def write_steering_summary(book: ReportBook, data: ReportData, *, title: str,
                           notes: Sequence[str], facts: Sequence[tuple[str, str]],
                           follow: Sequence[Any]) -> None:
    """Each focus area's assessment beside its traffic light and counts, red activities
    named; then what to follow up."""
    plan = data.plan
    pop = data.population
    ws = book.sheet(SUMMARY)
    ws.hide_gridlines(2)
    row = book.title(ws, 0, title, notes=notes)
    for label, value in facts:
        ws.write_rich_string(row, 0, book.fmts.key, f"{label}: ", value, book.fmts.value)
        row += 1
    row = book.heading(ws, row + 1, f"Fokusområdena {data.period}")
    numbers = [n for n in data.focus_sheets if n is not None]
    labels = list(figures.STATUS_LABELS)
    rows = []
    for number in numbers:
        acts = [a for a in pop.counted if a.focus_area == number]
        judged = plan.assessment(data.period, number)
        counts = Counter(figures.light_label(a) for a in acts)
        rows.append([_focus_link(data, number), figures.status_label(agenda.worst_status(acts)),
                     *(counts[s] for s in labels), len(acts),
                     judged.text if judged is not None else "",
                     judged.events if judged is not None else "",
                     sum(1 for a in acts if a.status is Status.RED)])
    if rows:
        columns = [contract("focus_area", CellKind.LINK, 22),
                   TableColumn("Trafikljus", CellKind.STATUS),
                   *(TableColumn(s, CellKind.INTEGER) for s in labels),
                   TableColumn(TOTAL, CellKind.INTEGER),
                   TableColumn(ASSESSMENT_HEADERS["assessment"], CellKind.REQUIRED, 44),
                   TableColumn(ASSESSMENT_HEADERS["events"], CellKind.TEXT, 28)]
        totals = [Total(TOTAL), Total(""),
                  *(Total(sum(r[2 + i] for r in rows), f"=SUBTOTAL(109,{{table}}[{header}])")
                    for i, header in enumerate([*labels, TOTAL])),
                  Total(""), Total("")]
        table = book.table(ws, row, columns, [r[:-1] for r in rows], totals=totals)
        row = table.last_row + 2
        row = book.note(ws, row, "Trafikljuset är fokusområdets sämsta aktivitets. "
                                 f"”Saknas”: ingen samlad bedömning för {data.period} i fliken "
                                 f"{ASSESSMENTS.name}.") + 1
        # The same counts as a native chart (live, editable), its lights patterned as well
        # as coloured so that it reads in black and white.
        book.keep_together(ws, row, book.chart_height(table) * 0.75 + 10)
        height = book.status_chart(
            ws, table, categories=columns[0].header, series=labels,
            title=f"Status per fokusområde {data.period}", category_axis="Fokusområde",
            row=row, col=0, width=720, largest=max(r[2 + len(labels)] for r in rows))
        row += -(-height // 20) + 2
    else:
        row = book.note(ws, row, "Det finns inga aktiviteter att räkna.") + 1
    top = row
    book.table(ws, row, [TableColumn("Att följa upp", CellKind.LINK, 36),
                         TableColumn(COUNT, CellKind.INTEGER)],
               [[(f.label, f.sheet), f.count] for f in follow])
    # The red activities as rows beside it, however many: never one cell that grows to a
    # page. In the wide columns of the assessments above.
    reds = [a for a in pop.counted if a.status is Status.RED]
    beside = 2 + len(labels) + 1
    if reds:
        book.table(ws, top, [TableColumn(f"Röda aktiviteter ({swedish.number(len(reds))})",
                                         CellKind.LINK, 44),
                             contract("responsible", width=28)],
                   [[(f"{a.id} {a.title}", _focus_link(data, a.focus_area)[1]), a.responsible]
                    for a in agenda_order(reds)], first_col=beside)
    else:
        book.note(ws, top, "Inga aktiviteter är röda.", col=beside)
    # Several tables, one above the other: none repeats its header on the next page.
    book.finish(ws, freeze=False)


def agenda_order(activities: Sequence[Activity]) -> list[Activity]:
    return sorted(activities, key=lambda a: (a.focus_area or 0, id_key(a.id)))


# --- Rapportering -----------------------------------------------------------------------------


def write_reporting(book: ReportBook, data: ReportData, span: agenda.Span) -> None:
    plan = data.plan
    ws = book.sheet(REPORTING)
    since = f"sedan {span.start.isoformat()}" if span.start else "hittills"
    row = book.title(ws, 0, f"Rapportering {data.period}", notes=[
        f"Vilka fokusområdens arbetsböcker som har förts in {since} (enligt Ändringslogg), "
        "och per ansvarigt kontor de aktiviteter som inte har uppdaterats under perioden. "
        "”Saknas”: ingen arbetsbok från fokusområdet har förts in."])
    returned = agenda.returned_workbooks(plan, span)
    row = book.heading(ws, row, "Inkomna arbetsböcker")
    came = {r.focus_area for r in returned}
    numbers = [n for n in data.focus_sheets if n is not None]
    lines = [[_focus_link(data, r.focus_area), r.source, r.last.replace(microsecond=0)
              .isoformat(sep=" ", timespec="minutes"), r.changes] for r in returned]
    lines += [[_focus_link(data, n), "", "", 0] for n in numbers if n not in came]
    if lines:
        table = book.table(ws, row, [contract("focus_area", CellKind.LINK, 22),
                                     TableColumn("Arbetsbok", CellKind.REQUIRED, 30),
                                     TableColumn("Senast införd", CellKind.TEXT, 17),
                                     TableColumn("Ändrade fält", CellKind.INTEGER)], lines)
        row = table.last_row + 3
    else:
        row = book.note(ws, row, "Planen har inga fokusområden.") + 2
    stale = agenda.not_updated(data.population.counted, span)
    row = book.heading(ws, row, "Aktiviteter som inte har uppdaterats under perioden")
    header_row = None
    if span.start is None:
        book.note(ws, row, f"Perioden ”{data.period}” har inget känt startdatum; skriv den som "
                           "2026-T3, 2026-Q2, 2026-05 eller 2026.")
    elif stale:
        header_row = row
        columns = [contract("responsible", width=24, get=itemgetter(0)), *(
            column.of(itemgetter(1)) for column in (
                contract("id"), contract("title", width=36), contract("status"),
                contract("updated")))]
        book.table(ws, row, columns, rows_of(columns, [(office, a) for office, acts in
                                                       stale.items() for a in acts]))
    else:
        book.note(ws, row, f"Alla pågående aktiviteter är uppdaterade sedan "
                           f"{span.start.isoformat()}.")
    book.finish(ws, header_row=header_row, freeze=False)


# --- Förändringar i planen --------------------------------------------------------------------


def write_plan_changes(book: ReportBook, data: ReportData, span: agenda.Span) -> None:
    plan = data.plan
    ws = book.sheet(CHANGES)
    day = data.population.day
    found = agenda.plan_changes_counted(plan, span, data.changes,
                                        lambda a: a.decided is not None and a.decided <= day)
    counts = {kind: sum(1 for c in found if c.kind == kind) for kind in agenda.PLAN_CHANGE_KINDS}
    since = (f"Avbruten och Ny jämfört med ögonblicksbilden {data.changes.since} i "
             "Statushistorik, som statusförändringarna nedan; " if data.changes.since else "")
    row = book.title(ws, 0, f"Förändringar i planen {data.period}", notes=[
        ", ".join(swedish.plural(n, *CHANGE_WORDS[kind]) for kind, n in counts.items()) +
        f". {since}Framflyttad (Slut flyttat), Ny ansvarig, Nytt namn och nya förslag (rader "
        "som ännu inte är beslutade) enligt Ändringslogg. Varje aktivitet står under en "
        "förändring, i den ordningen."])
    row = book.heading(ws, row, "Nya, avbrutna, framflyttade, omfördelade och omdöpta "
                                "aktiviteter")
    by_id = {a.id: a for a in plan.activities}
    if found:
        table = book.table(ws, row, [
            TableColumn("Förändring", CellKind.TEXT, 12), contract("id"),
            contract("focus_area", CellKind.LINK, 18), contract("title", width=30),
            TableColumn("Före", CellKind.ANY, 18), TableColumn("Efter", CellKind.ANY, 18),
            TableColumn("Källa", CellKind.TEXT, 22), TableColumn("Datum", CellKind.DATE),
        ], [[c.kind, c.activity_id,
             _focus_link(data, by_id[c.activity_id].focus_area if c.activity_id in by_id
                         else None),
             by_id[c.activity_id].title if c.activity_id in by_id else "",
             agenda.shown_date(c.before) if c.kind == agenda.POSTPONED else c.before,
             agenda.shown_date(c.after) if c.kind == agenda.POSTPONED else c.after,
             c.source, c.time.date()] for c in found])
        row = table.last_row + 3
    else:
        row = book.note(ws, row, "Inga aktiviteter har lagts till, avbrutits, flyttats fram, "
                                 "fått ny ansvarig eller nytt namn under perioden.") + 1
    row = _area_changes(book, ws, data, span, row)
    status_changes(book, ws, data, row)
    book.finish(ws, freeze=False)


def _area_changes(book: ReportBook, ws, data: ReportData, span: agenda.Span, row: int) -> int:
    """New, reworded and closed intervention areas of the period, as a section at `row`."""
    since = data.changes.since
    before = figures.snapshots_by_period(data.plan).get(since) if since else None
    found = agenda.area_changes(data.plan, span, before)
    row = book.heading(ws, row, "Nya, omformulerade och avslutade insatsområden")
    if not found:
        return book.note(ws, row, "Inga insatsområden har lagts till, formulerats om eller "
                                  "avslutats under perioden.") + 2
    row = book.note(ws, row, "Nya och omformulerade enligt Ändringslogg (ett nytt insatsområde "
                             "är ett förslag tills styrgruppen har beslutat om det i fliken "
                             f"{DECISIONS.name}); avslutade: alla dess beslutade aktiviteter är "
                             "genomförda eller avbrutna"
                             + (f", vilket de inte var vid {since}." if since else ".")) + 1
    table = book.table(ws, row, [
        TableColumn("Förändring", CellKind.TEXT, 20), contract("intervention_area", CellKind.ID),
        TableColumn("Text", CellKind.TEXT, 36), TableColumn("Före", CellKind.ANY, 24),
        TableColumn("Källa", CellKind.TEXT, 22), TableColumn("Datum", CellKind.DATE),
    ], [[c.kind, c.area_id, c.text, c.before, c.source, c.time.date() if c.time else None]
        for c in found])
    return table.last_row + 3


# --- Per ansvarig -----------------------------------------------------------------------------


def write_per_office(book: ReportBook, data: ReportData, span: agenda.Span) -> None:
    ws = book.sheet(PER_OFFICE)
    found = agenda.offices(data.population.counted, today=data.population.day, span=span)
    row = book.title(ws, 0, f"Per ansvarig {data.period}", notes=[
        "Läget per ansvarigt kontor, för förvaltnings- och kontorscheferna."])
    if not found:
        book.note(ws, row, "Det finns inga aktiviteter att räkna.")
        book.finish(ws)
        return
    labels = list(figures.STATUS_LABELS)
    table = book.table(ws, row, [
        contract("responsible", width=26),
        *(TableColumn(s, CellKind.INTEGER) for s in labels),
        TableColumn(TOTAL, CellKind.INTEGER), TableColumn("Försenade", CellKind.INTEGER),
        TableColumn("Ej uppdaterade", CellKind.INTEGER),
        TableColumn("Avvikelser", CellKind.INTEGER),
    ], [[o.name, *(o.counts[k] for k in labels), o.total, o.overdue, o.not_updated,
         len(o.deviations)] for o in found])
    # The deviations as rows, office by office (red first): never one cell that grows to a
    # page. Its header is the one repeated on the pages a large plan's list runs over.
    row = book.heading(ws, table.last_row + 2, "Avvikelser per ansvarig")
    header_row = None
    deviations = [(o.name, a) for o in found for a in o.deviations]
    if deviations:
        header_row = row
        columns = [contract("responsible", width=26, get=itemgetter(0)), *(
            column.of(itemgetter(1)) for column in (
                contract("id"), contract("title", width=50), contract("status")))]
        book.table(ws, row, columns, rows_of(columns, deviations))
    else:
        book.note(ws, row, "Inga aktiviteter är gula eller röda.")
    book.finish(ws, header_row=header_row if header_row is not None else table.header_row,
                freeze=False)


# --- Synpunkter -------------------------------------------------------------------------------


def write_views(book: ReportBook, data: ReportData, span: agenda.Span) -> None:
    views = agenda.views_in(data.plan, span)
    ws = book.sheet(VIEWS_SHEET)
    since = f"sedan {span.start.isoformat()}" if span.start else ""
    row = book.title(ws, 0, f"Synpunkter och idéer {data.period}", notes=[
        f"Från dialogen med näringslivet {since} (handlingsplanen, avsnitt 5), ur fliken "
        f"{VIEWS.name}."])
    if not views:
        book.note(ws, row, "Inga synpunkter eller idéer har antecknats under perioden.")
        book.finish(ws)
        return
    table = book.table(ws, row, [
        TableColumn(VIEW_HEADERS["date"], CellKind.DATE),
        TableColumn(VIEW_HEADERS["forum"], CellKind.TEXT, 20),
        TableColumn(VIEW_HEADERS["text"], CellKind.TEXT, 50),
        TableColumn(VIEW_HEADERS["focus_area"], CellKind.TEXT, 18),
        TableColumn(VIEW_HEADERS["handling"], CellKind.TEXT, 40),
    ], [[v.date, v.forum, v.text,
         data.plan.focus_area_short_name(v.focus_area) if v.focus_area else "", v.handling]
        for v in views])
    book.finish(ws, header_row=table.header_row)


STEERING_ORDER = (TO_DECIDE, PROPOSALS, DUE, TURN, SUMMARY, REPORTING, CHANGES, PER_OFFICE,
                  VIEWS_SHEET, OVERDUE, GOAL_LINKS, FINDINGS)
"""The steering workbook's sheets before the one per focus area, as the meeting runs
(Vid årsskiftet only at a year's first period)."""
