"""`paminnelser`: per responsible office, a Swedish text ready to paste into an email.

Which of the office's activities need an update this period, each with its
current Läge and Status and what is missing: an update in the period, the cause
of a deviation, a recommended action, a date. The texts are built here (pure);
`write_reminders` puts one file per office in a folder.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from plan_sheets import drafts, swedish
from plan_sheets.analysis.population import in_id_order, is_decided
from plan_sheets.files import replacing, unique_names
from plan_sheets.reports.agenda import Span, period_span
from plan_sheets.workbook.model import Activity, Phase, Plan, Status
from plan_sheets.workbook.schema import ACTIVITIES

HEADERS = {f.key: f.header for f in ACTIVITIES.fields}
PLAN_NAME = "handlingsplanen för näringslivsstrategin"
NO_OFFICE = "Ingen ansvarig"
SUBJECT = "Ämne: "


@dataclass(frozen=True)
class Need:
    """An activity that needs an update, and what is missing in it (Swedish phrases)."""

    activity: Activity
    missing: tuple[str, ...]


def needs(activity: Activity, *, span: Span, today: date) -> tuple[str, ...]:
    """What an activity under way lacks this period, as phrases (empty: nothing)."""
    if activity.phase is not None and activity.phase.is_closed:
        return ()
    out = []
    if span.start is not None and (activity.updated is None or activity.updated < span.start):
        since = activity.updated.isoformat() if activity.updated else "aldrig"
        out.append(f"en uppdatering under perioden (senast uppdaterad: {since})")
    if activity.phase is Phase.ONGOING and activity.status is None:
        out.append(f"{HEADERS['status']} (Grön, Gul eller Röd)")
    if activity.is_deviation:
        if not activity.cause:
            out.append(f"{HEADERS['cause'].lower()}")
        if not activity.action:
            out.append(f"{HEADERS['action'].lower()}")
    if activity.start is None:
        out.append(f"ett startdatum ({HEADERS['start']})")
    if activity.end is None and not activity.ongoing:
        out.append(f"ett slutdatum ({HEADERS['end']}), eller Löpande")
    elif activity.is_overdue(today):
        out.append(f"ett nytt slutdatum: {HEADERS['end']} {activity.end.isoformat()} har passerat "
                   "(eller Läge Genomförd eller Avbruten)")
    return tuple(out)


def office_needs(plan: Plan, *, period: str, today: date) -> dict[str, list[Need]]:
    """Per responsible office (alphabetical), its decided activities that need an update."""
    span = period_span(plan, period, today)
    out: dict[str, list[Need]] = {}
    for activity in in_id_order(plan.activities):
        if not is_decided(activity, today):
            continue
        missing = needs(activity, span=span, today=today)
        if missing:
            out.setdefault(activity.responsible or NO_OFFICE, []).append(Need(activity,
                                                                              missing))
    return dict(sorted(out.items()))


def _state(activity: Activity) -> str:
    phase = activity.phase.value if activity.phase else "inget läge"
    status = activity.status.value if activity.status else "ingen status"
    parts = [f"{HEADERS['phase']}: {phase}", f"{HEADERS['status']}: {status}"]
    if activity.end is not None:
        parts.append(f"{HEADERS['end']}: {activity.end.isoformat()}")
    elif activity.ongoing:
        parts.append(f"{HEADERS['end']}: Löpande")
    return ". ".join(parts) + "."


def reminder_text(office: str, items: Sequence[Need], *, period: str, today: date,
                  contacts: Sequence[str] = (), reply_by: date | None = None) -> str:
    """The email for one office: subject, greeting, each activity and what it lacks."""
    count = swedish.plural(len(items), "aktivitet", "aktiviteter")
    lines = [f"{SUBJECT}Uppföljning av {PLAN_NAME} {period} – {office}", ""]
    if contacts:
        lines += [f"Till: {', '.join(contacts)}", ""]
    lines += [
        "Hej!",
        "",
        f"Inför styrgruppens uppföljning av {PLAN_NAME} ({period}) behöver {count} som "
        f"{office} ansvarar för ses över. Här är läget i huvuddokumentet den "
        f"{swedish.long_date(today)} och vad som saknas:",
        "",
    ]
    for need in items:
        a = need.activity
        lines.append(f"{a.id} {a.title}")
        lines.append(f"  {_state(a)}")
        if a.status in (Status.YELLOW, Status.RED):
            if a.cause:
                lines.append(f"  {HEADERS['cause']}: {a.cause}")
            if a.action:
                lines.append(f"  {HEADERS['action']}: {a.action}")
        lines.append("  Saknas: " + "; ".join(need.missing) + ".")
        lines.append("")
    lines += [
        "Uppdatera raderna i fokusområdets arbetsbok eller svara på det här mejlet med läget, "
        "orsaken till en avvikelse, den åtgärd ni föreslår och ett datum."
        + (f" {drafts.reply_line(reply_by)}" if reply_by else ""),
        "",
        "Tack!",
        "Processledaren för handlingsplanen",
    ]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Reminder:
    office: str
    path: Path
    """An e-mail draft (`.eml`) when an address is known, else a text file."""
    activities: int

    @property
    def is_draft(self) -> bool:
        return self.path.suffix == ".eml"


def reminder_stem(office: str) -> str:
    return f"paminnelse-{swedish.slug(office) or 'utan-ansvarig'}"


def kinds(written: Sequence[Reminder]) -> str:
    """`2 mejlutkast och 1 text`: what was written, for the terminal."""
    drafted = sum(1 for r in written if r.is_draft)
    parts = [swedish.plural(drafted, "mejlutkast", "mejlutkast", grouped=False)] if drafted \
        else []
    if len(written) > drafted:
        parts.append(swedish.plural(len(written) - drafted, "text", "texter", grouped=False))
    return " och ".join(parts)


def address_note(written: Sequence[Reminder]) -> str:
    """Which offices got a text instead of a draft, for want of an address (or "")."""
    lacking = [r.office for r in written if not r.is_draft]
    if not lacking:
        return ""
    if len(lacking) == len(written):
        return ("Inga e-postadresser i kolumnen E-post: påminnelserna är texter att klistra in "
                "i ett mejl. Med kontaktpersonernas adresser blir de färdiga mejl att skicka.")
    return (f"Utan e-postadress i kolumnen E-post (texter att klistra in i ett mejl): "
            f"{', '.join(lacking)}.")




def write_reminders(plan: Plan, out: Path, *, period: str, today: date,
                    reply_by: date | None = None) -> list[Reminder]:
    """One reminder per office with something to update, in `out`; returns what was written.

    Where the contacts of the office's activities have e-mail addresses (the column
    E-post), the reminder is an e-mail draft to them (`.eml`, reply by
    `reply_by`, from the setting Avsändare); else a text file to paste into an e-mail.

    Each office gets a file of its own, even where two names make the same file name
    (`Miljökontoret` and `Miljokontoret`, names that differ in case or only after 40
    characters): the second gets `-2`. Raises OSError when `out` cannot be written.
    """
    reply_by = reply_by or drafts.default_reply_by(today)
    out.mkdir(parents=True, exist_ok=True)
    needs_by_office = office_needs(plan, period=period, today=today)
    stems = unique_names(reminder_stem(office) for office in needs_by_office)
    written = []
    for (office, items), stem in zip(needs_by_office.items(), stems, strict=True):
        contacts = sorted({n.activity.contact for n in items if n.activity.contact})
        to = drafts.unique(address for n in items
                           for address in drafts.addresses(n.activity.values.get("contact_email")))
        # A draft's recipients are its To header; the text file names them in the text.
        text = reminder_text(office, items, period=period, today=today,
                             contacts=() if to else contacts, reply_by=reply_by)
        if to:
            subject, _, body = text.partition("\n\n")
            path = out / f"{stem}.eml"
            content = drafts.draft(to=to, subject=subject.removeprefix(SUBJECT), body=body,
                                   reply_by=reply_by, sender=plan.setting_text("sender"))
        else:
            path = out / f"{stem}.txt"
            content = text.encode("utf-8")
        with replacing(path) as tmp:
            tmp.write_bytes(content)
        # A reminder of an earlier run in the other form would be sent twice.
        (out / f"{stem}{'.txt' if to else '.eml'}").unlink(missing_ok=True)
        written.append(Reminder(office, path, len(items)))
    return written
