"""The send-out to the focus-area leads: per group, an e-mail draft with its workbook.

Where Fokusområden gives a lead's e-mail address (the column E-post), `split`
writes `fokusomrade-N.eml` beside `fokusomrade-N.xlsx`: an unsent message to the
lead (`drafts`), the workbook attached, saying what to fill in and by when.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from plan_sheets import drafts, swedish
from plan_sheets.files import replacing
from plan_sheets.workbook.model import FocusArea
from plan_sheets.workbook.schema import ACTIVITIES, ASSESSMENTS

PLAN_NAME = "handlingsplanen för näringslivsstrategin"


def invitation(area: FocusArea, *, activities: int, period: str, reply_by: date) -> str:
    """The text to the lead of `area`: what to fill in, how to return it, by when."""
    header = {f.key: f.header for f in ACTIVITIES.fields}
    count = swedish.plural(activities, "aktivitet", "aktiviteter")
    return "\n".join([
        "Hej!",
        "",
        f"Här är arbetsboken för {area.short_name} till uppföljningen av {PLAN_NAME} "
        f"({period}), med fokusområdets {count}.",
        "",
        f"Fyll i {header['phase']}, {header['status']} och {header['status_comment']} för "
        f"varje aktivitet, och {header['cause']} och {header['action']} för de gula och "
        "röda. En ny aktivitet skrivs på en ny rad med tomt ID. Skriv fokusområdets samlade "
        f"bedömning av perioden i fliken {ASSESSMENTS.name}. Ändra inte ID.",
        "",
        "Spara arbetsboken och skicka tillbaka den som bilaga utan att byta namn på filen. "
        + drafts.reply_line(reply_by),
        "",
        "Tack!",
        "Processledaren för handlingsplanen",
        "",
    ])


def write_invitation(area: FocusArea, workbook: Path, *, activities: int, period: str,
                     reply_by: date, sender: str = "") -> Path | None:
    """`fokusomrade-N.eml` beside `workbook`, when the lead has an address; else None."""
    to = drafts.addresses(area.lead_email)
    if not to:
        return None
    path = workbook.with_suffix(".eml")
    content = drafts.draft(
        to=to, subject=f"Uppföljning av {PLAN_NAME} {period} – {area.short_name}",
        body=invitation(area, activities=activities, period=period, reply_by=reply_by),
        reply_by=reply_by, sender=sender, attachments=[workbook])
    with replacing(path) as tmp:
        tmp.write_bytes(content)
    return path
