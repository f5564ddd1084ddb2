"""The December report as a PDF for the municipal board, in the order a board member reads.

1 the year in one page, 2 deviations, 3 the status of the decided activities
(charts, the year's changes named, counts per intervention area), 4 the goals against their
target paths, 5 goal coverage, and an appendix listing every decided activity with its Läge,
light, change during the year and comment, at any size of the plan. This module decides
what each section says, as plain data; Typst lays it out (arsrapport.typ through
typeset.py) as a tagged PDF/UA-1 with bookmarks, header rows repeated on every page and an
alt text on every chart.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from plan_sheets import swedish
from plan_sheets.analysis.figures import STATUS_LABELS, focus_label, in_id_order, status_label
from plan_sheets.annual import plates
from plan_sheets.annual.charts import ACCENT, MUTED
from plan_sheets.annual.figures import (
    AnnualFigures,
    goal_decimals,
    light,
    year_baseline,
    year_change,
    year_changes,
)
from plan_sheets.annual.typeset import FONTS, compile_pdf
from plan_sheets.reports import agenda
from plan_sheets.workbook import findings
from plan_sheets.workbook.model import Activity, Phase, Status
from plan_sheets.workbook.schema import ACTIVITIES, LIGHTS_BY_LABEL

TEMPLATE = "arsrapport.typ"
NAMED_LIST_LIMIT = 60
"""Section 3 names the year's completed, new, cancelled and changed activities up to this
many in a list; beyond it, the appendix (every decided activity) names them."""
DEVIATION_LIMIT = 150
"""At most this many deviations are listed in the PDF (the reddest first); all are in the
workbook."""
COMMENT_WIDTH = 110
"""A status comment in the activity tables is one line: cut at a word after this many
characters (the whole comment is in the workbook and the huvuddokument)."""
MISSING = "– saknas –"
DEVIATIONS_HEADING = "Avvikelser och styrgruppens beslut"
COVERAGE_HEADING = "Måltäckning och synpunkter från näringslivet"
HEADERS = {key: ACTIVITIES.field(key).header for key in
     ("id", "title", "responsible", "phase", "status", "status_comment", "cause", "action",
      "contact", "focus_area", "end", "decided")}


def _par(text: str, *, muted: bool = False) -> dict:
    return {"kind": "par", "text": text, "muted": muted}


def _heading(level: int, text: str) -> dict:
    return {"kind": "heading", "level": level, "text": text}


def _plate(plate: plates.Plate) -> dict:
    """A chart at the width it is drawn at (`Plate.width_cm`): never scaled on paper."""
    return {"kind": "figure", "file": plate.name, "alt": plate.alt, "width": plate.width_cm}


def _plates(chosen: list[plates.Plate], *, columns: int) -> dict:
    return {"kind": "figures", "columns": columns,
            "items": [{"file": p.name, "alt": p.alt, "width": p.width_cm} for p in chosen]}


def _table(header: list[str], rows: list[list[str]], widths: list, *, align: list[str] | None
           = None, light: int = -1, size: float = 8.5, bold: list[int] | None = None,
           dense: bool = False) -> dict:
    if len(widths) != len(header) or any(len(row) != len(header) for row in rows):
        raise ValueError(f"a table of {len(header)} columns given {len(widths)} widths")
    return {"kind": "table", "header": header, "rows": rows, "widths": widths,
            "align": align or ["left"] * len(header), "light": light, "size": size,
            "bold": bold or [], "dense": dense}


def _num(n: int) -> str:
    return swedish.number(n)


@dataclass(frozen=True)
class Listing:
    """The named activities of section 3, each list in ID order."""

    completed: list[Activity]
    new: list[Activity]
    cancelled: list[Activity]
    changed: list[tuple[Activity, str]]
    """Greener or redder during the year: (activity, its light at `since`)."""
    since: str | None
    """The snapshot the changes are counted from (`figures.year_baseline`)."""
    revised: list[list[str]]
    """The plan's revision during the year: [change, ID, name, before] for new, reworded
    and closed intervention areas and renamed activities."""


def listing(figs: AnnualFigures) -> Listing:
    changes = year_changes(figs.plan, figs.population, figs.year)
    changed = in_id_order(a for a, _ in (*changes.worse, *changes.better))
    before = {a.id: status_label(s) for a, s in (*changes.worse, *changes.better)}
    return Listing(
        completed=list(figs.completed), new=list(figs.new),
        cancelled=list(figs.population.cancelled),
        changed=[(a, before[a.id]) for a in changed], since=changes.since,
        revised=plan_revision(figs))


def plan_revision(figs: AnnualFigures) -> list[list[str]]:
    """New, reworded and closed intervention areas and renamed activities during the year
    (`agenda.area_changes`, `agenda.plan_changes`)."""
    # The year's periods, the current one too: a change logged for 2026-T2 on 20 May is of
    # the year (what was logged after the report day is already cut, history.until).
    span = agenda.Span(str(figs.year), date(figs.year, 1, 1), date(figs.year, 12, 31))
    _period, before = year_baseline(figs.plan, figs.year)
    rows = [[c.kind, c.area_id, c.text, findings.display(c.before) or "–"]
            for c in agenda.area_changes(figs.plan, span, before)]
    titles = {a.id: a.title for a in figs.plan.activities}
    rows += [[c.kind, c.activity_id, titles.get(c.activity_id, findings.display(c.after)),
              findings.display(c.before) or "–"]
             for c in agenda.plan_changes(figs.plan, span) if c.kind == agenda.RENAMED]
    return rows


# --- section 1 ---------------------------------------------------------------------------------


def _year_in_one_page(figs: AnnualFigures, named: Listing) -> dict:
    red = sum(1 for a in figs.deviations if a.status is Status.RED)
    yellow = len(figs.deviations) - red
    blocks = [{"kind": "keys", "items": key_tiles(figs, red, yellow)}]
    blocks.append(_par(" ".join(filter(None, (figs.basis.sentence(), figs.population.sentence(),
                                               _scope(figs)))), muted=True))
    blocks.append(_heading(2, "Att notera för kommunstyrelsen"))
    blocks.append({"kind": "bullets", "items": _notes(figs, named, red, yellow)})
    period = last_assessed_period(figs)
    blocks.append(_heading(2, "Läget per fokusområde" + (f" ({period})" if period else "")))
    rows = []
    table = figs.by_focus
    for n in table.index:
        assessed = figs.plan.assessment(period, n) if period else None
        text = assessed.text.strip() if assessed and assessed.is_written else \
            f"Ingen bedömning för {period}." if period else "Ingen bedömning."
        rows.append([figs.plan.focus_area_short_name(n), text,
                     *(_num(int(table.loc[n, s])) for s in STATUS_LABELS)])
    blocks.append(_table(["Fokusområde", "Fokusområdets bedömning", *STATUS_LABELS], rows,
                         [1.3, 5, *(["auto"] * len(STATUS_LABELS))],
                         align=["left", "left"] + ["right"] * len(STATUS_LABELS), size=9,
                         dense=True))
    return {"heading": "Året i korthet", "blocks": blocks}


def key_tiles(figs: AnnualFigures, red: int, yellow: int) -> list[dict]:
    """The first page's tiles: the activities of the report, then the parts they fall into by
    Läge (`KeyFigures.parts`, adding up to the first; a part that is empty is left out but
    for the first three), then the year's new ones and the red deviations."""
    key, year = figs.key, figs.year
    tiles = [{"value": _num(key.total), "label": "aktiviteter i rapporten",
              "note": f"beslutade t.o.m. {swedish.long_date(figs.day)}, utom avbrutna"}]
    words = (f"genomförda under {year}", f"genomförda före {year}", "pågående", "planerade",
             "utan läge")
    for i, (n, word) in enumerate(zip(key.parts, words, strict=True)):
        if n or i < 3:
            tiles.append({"value": _num(n), "label": f"varav {word}", "note": ""})
    tiles.append({"value": _num(key.new), "label": f"nya under {year}",
                  "note": "beslutade av styrgruppen, utom avbrutna"})
    tiles.append({"value": _num(red), "label": "röda avvikelser",
                  "note": f"och {swedish.plural(yellow, 'gul', 'gula')}"})
    return tiles


def last_assessed_period(figs: AnnualFigures) -> str | None:
    """The year's last period with a written assessment in Bedömningar (`2026-T2`)."""
    periods = [a.period for a in figs.plan.assessments
               if a.is_written and a.period.startswith(str(figs.year))]
    return max(periods, default=None)


def decisions_of_year(figs: AnnualFigures) -> list:
    """The steering group's decisions dated in the year, in date order."""
    return sorted((d for d in figs.plan.decisions if d.date and d.date.year == figs.year),
                  key=lambda d: d.date)


def _scope(figs: AnnualFigures) -> str:
    return ("Trafikljusen: Grön – enligt plan, Gul – avviker "
            "från planen, Röd – avviker avsevärt, Genomförd – genomförd utan trafikljus, Ej "
            "satt – ingen status angiven. Avbrutna aktiviteter har inget trafikljus och räknas "
            f"inte i andelarna. Genomförd under {figs.year}: Läge blev Genomförd under året "
            "enligt Statushistorik (annars enligt Slut). Ny: beslutad av styrgruppen under "
            f"{figs.year} och inte avbruten.")


def board_notes(figs: AnnualFigures) -> list[str]:
    """What the board should note (section 1's list; the tjänsteskrivelse repeats it)."""
    red = sum(1 for a in figs.deviations if a.status is Status.RED)
    return _notes(figs, listing(figs), red, len(figs.deviations) - red)


def _notes(figs: AnnualFigures, named: Listing, red: int, yellow: int) -> list[str]:
    notes = []
    if red or yellow:
        notes.append(f"{swedish.plural(red, 'aktivitet är röd', 'aktiviteter är röda')} och "
                     f"{swedish.plural(yellow, 'gul', 'gula')}: orsaker och åtgärder står i "
                     "avsnitt 2.")
    else:
        notes.append("Inga aktiviteter avviker från planen (inga gula eller röda).")
    behind = [g for g in figs.goals if g.progress.on_track is False]
    if figs.goals:
        on_track = sum(1 for g in figs.goals if g.progress.on_track)
        text = (f"{_num(on_track)} av {swedish.plural(len(figs.goals), 'mål', 'mål')} med "
                f"mätvärden är i fas mot sitt målvärde")
        if behind:
            text += "; inte i fas: " + ", ".join(f"{g.goal.id} {g.goal.name}" for g in behind)
        notes.append(text + " (avsnitt 4).")
    if figs.uncovered:
        notes.append("Mål som ingen aktivitet bidrar till: " +
                     ", ".join(f"{g.id} {g.name}" for g in figs.uncovered) + " (avsnitt 5).")
    notes.append(f"{swedish.plural(len(named.completed), 'aktivitet', 'aktiviteter')} "
                 f"genomfördes under {figs.year}, "
                 f"{swedish.plural(len(named.new), 'ny beslutades', 'nya beslutades')} och "
                 f"{swedish.plural(len(named.cancelled), 'är avbruten', 'är avbrutna')} "
                 "(avsnitt 3).")
    decided = decisions_of_year(figs)
    if decided:
        still = [d for d in decided if d.is_open]
        notes.append(f"Styrgruppen fattade {swedish.plural(len(decided), 'beslut', 'beslut')} "
                     f"under {figs.year}; {_num(len(still))} av dem är ännu inte verkställda "
                     "(avsnitt 2).")
    views = [v for v in figs.plan.views if v.date and v.date.year == figs.year]
    if views:
        notes.append(f"Näringslivet lämnade {swedish.plural(len(views), 'synpunkt', 'synpunkter')}"
                     f" under året (avsnitt 5).")
    overdue = overdue_activities(figs)
    if overdue:
        notes.append(f"{swedish.plural(len(overdue), 'aktivitet har', 'aktiviteter har')} "
                     "passerat sitt slutdatum utan att vara "
                     f"{'genomförd' if len(overdue) == 1 else 'genomförda'}: " +
                     _names(f"{a.id} {a.title} (Slut {swedish.short_date(a.end)})"
                            for a in overdue) + ".")
    passed = decisions_passed(figs)
    if passed:
        notes.append(f"{swedish.plural(len(passed), 'beslut har', 'beslut har')} passerat sitt "
                     "uppföljningsdatum utan att vara verkställt" +
                     ("" if len(passed) == 1 else "a") + ": " +
                     _names(f"{swedish.short_date(d.date)} {_about(figs, d)} (Följs upp "
                            f"{swedish.short_date(d.follow_up)})" for d in passed) +
                     " (avsnitt 2).")
    return notes


NAMED_LIMIT = 3
"""At most this many activities or decisions are named in one note of the first page, so
that the year stays on one page however large the plan."""


def _names(items) -> str:
    items = list(items)
    shown = "; ".join(items[:NAMED_LIMIT])
    more = len(items) - NAMED_LIMIT
    return shown + (f" och {_num(more)} till" if more > 0 else "")


def overdue_activities(figs: AnnualFigures) -> list[Activity]:
    """The activities of the report whose Slut has passed by the report day, not closed."""
    return in_id_order(a for a in figs.plan.activities if a.is_overdue(figs.day))


def decisions_passed(figs: AnnualFigures) -> list:
    """Open decisions (Öppet, Pågår or empty) whose Följs upp lies before the report day."""
    return sorted((d for d in figs.plan.decisions
                   if d.is_open and d.follow_up is not None and d.follow_up < figs.day),
                  key=lambda d: (d.follow_up, d.row))


def _about(figs: AnnualFigures, d) -> str:
    titles = {a.id: a.title for a in figs.plan.activities}
    return f"{d.activity_id} {titles.get(d.activity_id, '')}".strip() if d.activity_id \
        else "Hela planen"


# --- section 2 ---------------------------------------------------------------------------------


def _deviations(figs: AnnualFigures, *, personal_data: bool) -> dict:
    devs = list(figs.deviations)
    red = [a for a in devs if a.status is Status.RED]
    blocks = [_par(f"Gula och röda aktiviteter med orsak och rekommenderad åtgärd, röda först: "
                   f"{swedish.plural(len(red), 'röd', 'röda')} och "
                   f"{swedish.plural(len(devs) - len(red), 'gul', 'gula')}.")]
    if not devs:
        blocks.append(_par("Inga aktiviteter i rapporten är gula eller röda."))
        blocks += _decisions(figs)
        return {"heading": DEVIATIONS_HEADING, "blocks": blocks}
    shown = devs if len(devs) <= DEVIATION_LIMIT else red[:DEVIATION_LIMIT]
    if len(shown) < len(devs):
        blocks.append(_par(
            f"Här visas {'de röda' if len(shown) == len(red) else f'{_num(len(shown))} av de röda'}"
            f"; alla {_num(len(devs))} avvikelser finns i arbetsbokens flik Avvikelser.",
            muted=True))
    decided: dict[str, list] = {}
    for d in decisions_of_year(figs):
        if d.activity_id:
            decided.setdefault(d.activity_id, []).append(d)
    rows = []
    for a in shown:
        who = a.responsible or MISSING
        if personal_data and a.contact:
            who = f"{who}\n{a.contact}"
        said = "\n".join(f"{swedish.short_date(d.date)}: {d.text}" for d in decided.get(a.id, ()))
        rows.append([a.id, status_label(a.status), a.title, who, a.cause or MISSING,
                     a.action or MISSING, said or "–"])
    blocks.append(_table([HEADERS["id"], HEADERS["status"], HEADERS["title"],
                          HEADERS["responsible"], HEADERS["cause"],
                          HEADERS["action"], "Styrgruppens beslut"], rows,
                         ["auto", "auto", 1.8, 1.4, 2.2, 2.2, 2.2], light=1, size=8))
    blocks += _decisions(figs)
    return {"heading": DEVIATIONS_HEADING, "blocks": blocks}


def _decisions(figs: AnnualFigures) -> list[dict]:
    decided = decisions_of_year(figs)
    blocks = [_heading(2, f"Styrgruppens beslut under {figs.year} ({_num(len(decided))})")]
    late = decisions_passed(figs)
    if late:
        blocks.append(_par(f"{swedish.plural(len(late), 'öppet beslut', 'öppna beslut')} har "
                           f"passerat sitt datum i Följs upp (”passerat”) utan att vara "
                           f"{'verkställt' if len(late) == 1 else 'verkställda'}."))
    if not decided:
        blocks.append(_par(f"Fliken Beslut har inga beslut daterade {figs.year}."))
        return blocks
    passed = {id(d) for d in decisions_passed(figs)}
    rows = []
    for d in decided:
        follow = swedish.short_date(d.follow_up) if d.follow_up else "–"
        if id(d) in passed:
            follow += "\npasserat"
        rows.append([swedish.short_date(d.date), _about(figs, d), d.text, d.responsible or "–",
                     follow, d.state.value if d.state else "Öppet"])
    blocks.append(_table(["Datum", "Gäller", "Beslut", "Ansvarig", "Följs upp", "Läge"], rows,
                         ["auto", 1.8, 3.2, 1.3, "auto", "auto"], size=8))
    return blocks


# --- section 3 ---------------------------------------------------------------------------------


APPENDIX_HEADING = "Bilaga: alla beslutade aktiviteter"
APPENDIX_HEADER = [HEADERS["id"], HEADERS["title"], HEADERS["responsible"], HEADERS["phase"],
                   HEADERS["status"], "Under året", "Kommentar"]
APPENDIX_WIDTHS = ["1.3cm", 5, "4.2cm", "1.9cm", "1.7cm", "2.6cm", 3.6]
"""The same columns in every focus area's table, so that they line up from page to page."""
APPENDIX_SIZE = 8
"""Points: with one line a row, about 40 rows a page."""
APPENDIX_COMMENT = 52
"""Characters of a status comment in the appendix: one line (the whole comment is in the
workbook and the huvuddokument)."""


def _activity_row(figs: AnnualFigures, a: Activity, snaps: dict) -> list[str]:
    return [a.id, a.title, a.responsible or MISSING, a.phase.value if a.phase else "–",
            light(a), year_change(figs, a, snaps.get(a.id)) or "–",
            swedish.shorten(a.status_comment, APPENDIX_COMMENT) or "–"]


def _status(figs: AnnualFigures, named: Listing) -> dict:
    acts = figs.population.decided
    pop = figs.population
    blocks = [_par(f"Alla {swedish.plural(len(acts), 'aktivitet', 'aktiviteter')} med läge och "
                   f"trafikljus: de {_num(len(pop.counted))} i rapporten (beslutade t.o.m. "
                   f"{swedish.long_date(figs.day)} eller genomförda under {figs.year}) och "
                   f"{swedish.plural(len(pop.cancelled), 'avbruten', 'avbrutna')}, som inte "
                   "har något trafikljus. Var och en står med läge, trafikljus, vad som hänt "
                   "under året och kommentar i bilagan sist i rapporten.")]
    shown = plates.overview_plates(figs)
    for plate in shown[:1] if shown and shown[0].name == plates.SHARES_FILE else []:
        blocks.append(_plate(plate))  # one bar: most of the page's width, little height
        shown = shown[1:]
    if shown:
        blocks.append(_plates(shown, columns=2))
    blocks += _named_lists(figs, named)
    blocks.append(_heading(2, "Per insatsområde"))
    by_area: dict[str, list[Activity]] = {}
    for a in in_id_order(acts):
        by_area.setdefault(a.intervention_area, []).append(a)
    areas = {ia.id: ia for ia in figs.plan.intervention_areas}
    for focus in figs.plan.focus_areas:
        ids = [i for i in sorted(by_area, key=_area_key) if _focus_of(i) == focus.number]
        if ids:
            blocks.append(_heading(3, focus_label(figs.plan, focus.number)))
            blocks.append(_area_counts(ids, by_area, areas))
    return {"heading": "Status för beslutade aktiviteter", "blocks": blocks}


def _appendix(figs: AnnualFigures) -> dict:
    """Every decided activity (counted and cancelled), per focus area in ID order: the status
    the action plan asks for every December, readable at any size of the plan."""
    acts = figs.population.decided
    _period, snaps = year_baseline(figs.plan, figs.year)
    blocks = [_par(f"{swedish.plural(len(acts), 'aktivitet', 'aktiviteter')} i ID-ordning per "
                   "fokusområde. Under året: Avbruten, Ny (beslutad under "
                   f"{figs.year}), Genomförd (under {figs.year}), annars Sämre eller Bättre "
                   "trafikljus än vid årets början. Avbrutna har inget trafikljus; Genomförd i "
                   "kolumnen Status: genomförd utan trafikljus. Kommentaren står här på en rad; "
                   "hela finns i arbetsbokens flik Aktiviteter.", muted=True)]
    by_focus: dict[int | None, list[Activity]] = {}
    for a in in_id_order(acts):
        by_focus.setdefault(a.focus_area, []).append(a)
    for number in sorted(by_focus, key=lambda n: (n is None, n or 0)):
        blocks.append(_heading(2, focus_label(figs.plan, number)))
        blocks.append(_table(APPENDIX_HEADER,
                             [_activity_row(figs, a, snaps) for a in by_focus[number]],
                             APPENDIX_WIDTHS, light=4, size=APPENDIX_SIZE, dense=True))
    return {"heading": APPENDIX_HEADING, "blocks": blocks, "numbered": False}


def _area_key(area_id: str) -> tuple:
    return tuple(int(p) if p.isdigit() else 0 for p in area_id.split("."))


def _focus_of(area_id: str) -> int | None:
    head = area_id.split(".")[0]
    return int(head) if head.isdigit() else None


def _area_counts(ids: list[str], by_area, areas) -> dict:
    rows = []
    for area_id in ids:
        acts = by_area[area_id]
        phases = [sum(1 for a in acts if a.phase is p) for p in Phase]
        lights = [sum(1 for a in acts if light(a) == s) for s in STATUS_LABELS]
        area = areas.get(area_id)
        rows.append([f"{area_id} {area.text}" if area else area_id, _num(len(acts)),
                     *map(_num, phases), *map(_num, lights)])
    return _table(["Insatsområde", "Aktiviteter", *(p.value for p in Phase), *STATUS_LABELS],
                  rows, [4] + ["auto"] * (len(rows[0]) - 1),
                  align=["left"] + ["right"] * (len(rows[0]) - 1))


def _named_lists(figs: AnnualFigures, named: Listing) -> list[dict]:
    year = figs.year
    blocks = []
    lists = (
        (f"Genomförda under {year}", named.completed,
         lambda a: [a.id, a.title, a.responsible or MISSING,
                    swedish.short_date(figs.completed_on[a.id])
                    if a.id in figs.completed_on else "–"], Phase.DONE.value),
        (f"Nya under {year}", named.new,
         lambda a: [a.id, a.title, a.responsible or MISSING,
                    swedish.short_date(a.decided) if a.decided else "–"], HEADERS["decided"]),
        ("Avbrutna", named.cancelled,
         lambda a: [a.id, a.title, a.responsible or MISSING,
                    swedish.shorten(a.status_comment, COMMENT_WIDTH) or "–"], "Kommentar"),
    )
    for heading, acts, row, last in lists:
        blocks.append(_heading(2, f"{heading} ({_num(len(acts))})"))
        if not acts:
            blocks.append(_par("Inga."))
            continue
        if len(acts) > NAMED_LIST_LIMIT:
            blocks.append(_par(f"{swedish.plural(len(acts), 'aktivitet', 'aktiviteter')}: var "
                               "och en står i bilagan (kolumnen Under året).", muted=True))
            continue
        blocks.append(_table([HEADERS["id"], HEADERS["title"], HEADERS["responsible"], last],
                             [row(a) for a in acts], ["1.1cm", 3, 1.6, 2]))
    changed = named.changed
    blocks.append(_heading(2, f"Ändrat trafikljus under {year} ({_num(len(changed))})"))
    if not changed:
        blocks.append(_par(f"Ingen aktivitet har fått ett bättre eller sämre trafikljus sedan "
                           f"uppföljningen {named.since} i Statushistorik." if named.since else
                           "Statushistoriken har inga uppföljningar att jämföra med."))
    elif len(changed) > NAMED_LIST_LIMIT:
        blocks.append(_par(f"{swedish.plural(len(changed), 'aktivitet', 'aktiviteter')}: var "
                           "och en står i bilagan (kolumnen Under året).", muted=True))
    else:
        blocks.append(_par(f"Trafikljuset vid uppföljningen {named.since} (Statushistorik) och "
                           "nu; genomförda, nya och avbrutna står ovan.", muted=True))
        blocks.append(_table([HEADERS["id"], HEADERS["title"], "Då", "Nu"],
                             [[a.id, a.title, before, status_label(a.status)]
                              for a, before in changed], ["1.1cm", 4, "1.3cm", "1.3cm"],
                             light=3))
    blocks.append(_heading(2, f"Förändringar i planen under {year} "
                              f"({_num(len(named.revised))})"))
    if not named.revised:
        blocks.append(_par("Inga insatsområden har lagts till, formulerats om eller avslutats, "
                           "och ingen aktivitet har fått nytt namn."))
    else:
        blocks.append(_table(["Förändring", HEADERS["id"], "Namn", "Före"], named.revised,
                             [2, "1.1cm", 4, 3]))
    return blocks


# --- sections 4 and 5 -------------------------------------------------------------------------


def _goals(figs: AnnualFigures) -> dict:
    blocks = [_par("Varje mål med sitt senaste utfall ur fliken Mätvärden, jämfört med den "
                   "raka vägen från utgångsvärdet till målvärdet. I fas: minst lika bra som "
                   "den raka vägen det året, åt det håll målet ska gå.")]
    if figs.goals:
        rows = []
        for item in figs.goals:
            g, p = item.goal, item.progress
            year, latest = p.values[-1]
            rows.append([
                f"{g.id} {g.name}", g.indicator or "–",
                f"{swedish.quantity(g.baseline, g.unit)} ({g.baseline_year})"
                if g.baseline is not None else "–",
                f"{swedish.quantity(latest, g.unit)} ({year})",
                swedish.quantity(round(p.expected, goal_decimals(item)), g.unit)
                if p.expected is not None else "–",
                f"{swedish.quantity(g.target, g.unit)} ({g.target_year})"
                if g.target is not None else "–",
                item.verdict])
        blocks.append(_table(["Mål", "Indikator", "Utgångsvärde", "Senaste", "Enligt rak väg",
                              "Målvärde", "Bedömning"], rows,
                             [2, 2.2, "auto", "auto", "auto", "auto", 1.6]))
        blocks.append(_plates(plates.goal_plates(figs), columns=3))
    else:
        blocks.append(_par(f"Inga mål har mätvärden till och med {figs.year} i fliken "
                           "Mätvärden."))
    if figs.goals_without_values:
        blocks.append(_par("Mål utan mätvärden: " + "; ".join(
            f"{g.id} {g.name}" for g in figs.goals_without_values) + "."))
    return {"heading": "Mätbara mål", "blocks": blocks}


def _coverage(figs: AnnualFigures) -> dict:
    blocks = [_par("Antal aktiviteter i rapporten som bidrar till varje mål, efter trafikljus. "
                   "En aktivitet kan bidra till flera mål.")]
    for plate in plates.coverage_plates(figs):
        blocks.append(_plate(plate))
    if figs.uncovered:
        blocks.append({"kind": "strong", "text": "Mål som ingen aktivitet i rapporten bidrar "
                       "till: " + "; ".join(f"{g.id} {g.name}" for g in figs.uncovered) + "."})
    elif figs.plan.goals:
        blocks.append(_par("Alla mål har minst en aktivitet som bidrar till dem."))
    views = sorted((v for v in figs.plan.views if v.date and v.date.year == figs.year),
                   key=lambda v: v.date)
    blocks.append(_heading(2, f"Synpunkter från näringslivet under {figs.year} "
                              f"({_num(len(views))})"))
    if views:
        blocks.append(_par("Idéer och synpunkter från dialogen med näringslivet (fliken "
                           "Synpunkter) och hur de tas om hand."))
        blocks.append(_table(["Datum", "Forum", "Synpunkt", "Fokusområde", "Hantering"],
                             [[swedish.short_date(v.date), v.forum or "–", v.text,
                               figs.plan.focus_area_short_name(v.focus_area) or "–",
                               v.handling or "–"] for v in views],
                             ["auto", 1.1, 3.2, 1.4, 2.6]))
    else:
        blocks.append(_par(f"Fliken Synpunkter har inga synpunkter daterade {figs.year}."))
    return {"heading": COVERAGE_HEADING, "blocks": blocks}


# --- the document ------------------------------------------------------------------------------


def document(figs: AnnualFigures, *, title: str, source: str, personal_data: bool) -> dict:
    """Everything the template shows, as JSON-able data."""
    named = listing(figs)
    made = (f"Läget den {swedish.long_date(figs.day)} · sammanställd "
            f"{swedish.long_date(figs.today)} ur {source}")
    if not personal_data:
        made += " · utan personuppgifter"
    return {
        "title": f"Årsrapport {figs.year} – {title}",
        "author": "plan-sheets",
        "subject": "Handlingsplanens status till kommunstyrelsen",
        "keywords": [f"årsrapport {figs.year}", "handlingsplan", "kommunstyrelsen"],
        "organisation": "Till kommunstyrelsen",
        "subtitle": "Status för handlingsplanens beslutade och genomförda aktiviteter",
        "made": made,
        "running": swedish.shorten(title, 110),
        "header_right": f"Årsrapport {figs.year}",
        "footer": f"Årsrapport {figs.year} · {swedish.long_date(figs.day)}",
        "fonts": FONTS,
        "accent": ACCENT,
        "muted": MUTED,
        "lights": {light.label: {"fill": light.fill, "font": light.font}
                   for light in LIGHTS_BY_LABEL.values()},
        "sections": [
            _year_in_one_page(figs, named),
            _deviations(figs, personal_data=personal_data),
            _status(figs, named),
            _goals(figs),
            _coverage(figs),
            _appendix(figs),
        ],
    }


def write_pdf(figs: AnnualFigures, path: Path, *, svgs: dict[str, str], title: str,
              source: str, personal_data: bool) -> int:
    """Write the report to `path` with the plates' SVG (`plates.render_all`); returns the
    number of pages."""
    data = document(figs, title=title, source=source, personal_data=personal_data)
    pdf = compile_pdf(TEMPLATE, data, svgs, day=figs.today)
    path.write_bytes(pdf)
    return pdf_pages(pdf)


def pdf_pages(pdf: bytes) -> int:
    """The number of pages of a PDF Typst wrote (its page tree's /Count)."""
    import re

    counts = [int(m) for m in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", pdf)]
    counts += [int(m) for m in re.findall(rb"/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", pdf)]
    return max(counts, default=0)
