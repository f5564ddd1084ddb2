"""The site's open data: `aktiviteter.csv` and `aktiviteter.json`, the decided activities.

One list of columns (`columns`) says what each file holds and documents it: the
JSON carries the descriptions, the page "Om uppföljningen" shows them as a table.
Every row carries the period and the day the figures are of, so that a file
saved on its own still says what it shows.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from plan_sheets.web.content import SiteContent
from plan_sheets.workbook import rowvalues
from plan_sheets.workbook.model import Activity
from plan_sheets.workbook.schema import ACTIVITIES, TRAFFIC_LIGHTS, Field

CSV_NAME = "aktiviteter.csv"
JSON_NAME = "aktiviteter.json"


@dataclass(frozen=True)
class Column:
    header: str
    description: str
    value: Callable[[Activity], Any]


def _header(key: str) -> str:
    return ACTIVITIES.field(key).header


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def _end(a: Activity) -> str:
    return "Löpande" if a.ongoing else _day(a.end)


def columns(site: SiteContent) -> list[Column]:
    """The files' columns, in order (Kontaktperson only with personal data); after the
    plan's own, the contract's fields kept in `values` (a column added to the schema)."""
    period, day = site.period, site.day.isoformat()
    cols = [
        Column(_header("id"), "Aktivitetens ID: fokusområde.insatsområde.löpnummer, t.ex. 1.3.2",
               lambda a: a.id),
        Column(_header("focus_area"), "Fokusområdets nummer (1–5)",
               lambda a: a.focus_area if a.focus_area is not None else ""),
        Column(_header("intervention_area"), "Insatsområdets ID, t.ex. 1.3",
               lambda a: a.intervention_area),
        Column(_header("title"), "Aktivitetens namn", lambda a: a.title),
        Column(_header("description"), "Beskrivning av aktiviteten", lambda a: a.description),
        Column(_header("responsible"), "Ansvarigt kontor eller ansvarig enhet",
               lambda a: a.responsible),
    ]
    if site.personal_data:
        cols.append(Column(_header("contact"), "Kontaktperson", lambda a: a.contact))
    cols += [
        Column(_header("participants"), "Andra kontor som deltar", lambda a: a.participants),
        Column(_header("start"), "Startdatum (ÅÅÅÅ-MM-DD)", lambda a: _day(a.start)),
        Column(_header("end"), "Slutdatum (ÅÅÅÅ-MM-DD), eller Löpande för en aktivitet utan slut",
               _end),
        Column(_header("phase"), "Planerad, Pågående, Genomförd eller Avbruten",
               lambda a: a.phase.value if a.phase else ""),
        Column(_header("status"), "Grön (enligt plan), Gul (risk för avvikelse), Röd "
               "(avvikelse) eller Ej satt", lambda a: TRAFFIC_LIGHTS[a.status].label),
        Column(_header("status_comment"), "Den senaste kommentaren om läget",
               lambda a: a.status_comment),
        Column(_header("cause"), "Varför aktiviteten avviker (vid Gul eller Röd)",
               lambda a: a.cause),
        Column(_header("action"), "Vad som föreslås för att komma tillbaka på rätt spår",
               lambda a: a.action),
        Column(_header("goals"), "De mätbara mål som aktiviteten bidrar till, t.ex. M1, M4",
               lambda a: ", ".join(a.goals)),
        Column(_header("decided"), "Dagen då styrgruppen beslutade aktiviteten (ÅÅÅÅ-MM-DD)",
               lambda a: _day(a.decided)),
        Column(_header("updated"), "Dagen då aktiviteten senast uppdaterades (ÅÅÅÅ-MM-DD)",
               lambda a: _day(a.updated)),
        *(_field_column(f) for f in rowvalues.value_fields(site.plan)),
        Column("Period", "Uppföljningsperioden som uppgifterna gäller, t.ex. 2026-T3",
               lambda _a: period),
        Column("Uppgifter per", "Dagen som uppgifterna gäller (ÅÅÅÅ-MM-DD)", lambda _a: day),
    ]
    return cols


def _field_column(field: Field) -> Column:
    """A contract field kept in `values` (a column added to the schema; never a personal
    one, see `rowvalues.value_fields`): its header, its help as the description, the cell
    as its kind writes it (a date as ÅÅÅÅ-MM-DD, empty as "")."""
    cell = rowvalues.cell_getter(field)

    def value(a: Activity) -> Any:
        v = cell(a)
        return "" if v is None else _day(v) if isinstance(v, date) else v
    return Column(field.header, field.help or field.header, value)


def rows(site: SiteContent) -> list[Activity]:
    """The decided activities (counted and cancelled) in ID order: proposals are the steering
    group's to decide, not yet part of the plan."""
    return list(site.population.decided)


def to_csv(site: SiteContent) -> bytes:
    """UTF-8 with a byte-order mark (so that Excel reads å, ä, ö), comma-separated."""
    cols = columns(site)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([c.header for c in cols])
    for a in rows(site):
        writer.writerow([c.value(a) for c in cols])
    return buffer.getvalue().encode("utf-8-sig")


def to_json(site: SiteContent) -> bytes:
    cols = columns(site)
    document = {
        "titel": "Handlingsplan för näringslivsstrategin – aktiviteter",
        "period": site.period,
        "uppgifter_per": site.day.isoformat(),
        "publicerad": site.today.isoformat(),
        "räknar": site.population.sentence(),
        "underlag": site.basis.sentence(),
        "kolumner": [{"namn": c.header, "beskrivning": c.description} for c in cols],
        "aktiviteter": [{c.header: c.value(a) for c in cols} for a in rows(site)],
    }
    # Compact: the indenting encoder is pure Python and ten times slower at 3,000 rows.
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
