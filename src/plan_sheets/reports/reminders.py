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

from plan_sheets import swedish
from plan_sheets.analysis.population import in_id_order, is_decided
from plan_sheets.files import replacing
from plan_sheets.reports.agenda import Span, period_span
from plan_sheets.workbook.model import Activity, Phase, Plan, Status
from plan_sheets.workbook.schema import ACTIVITIES

HEADERS = {f.key: f.header for f in ACTIVITIES.fields}
PLAN_NAME = "handlingsplanen för näringslivsstrategin"
NO_OFFICE = "Ingen ansvarig"


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
                  contacts: Sequence[str] = ()) -> str:
    """The email for one office: subject, greeting, each activity and what it lacks."""
    count = swedish.plural(len(items), "aktivitet", "aktiviteter")
    lines = [f"Ämne: Uppföljning av {PLAN_NAME} {period} – {office}", ""]
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
        "orsaken till en avvikelse, den åtgärd ni föreslår och ett datum.",
        "",
        "Tack!",
        "Processledaren för handlingsplanen",
    ]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Reminder:
    office: str
    path: Path
    activities: int


def reminder_path(out: Path, office: str) -> Path:
    return out / f"paminnelse-{swedish.slug(office) or 'utan-ansvarig'}.txt"


def write_reminders(plan: Plan, out: Path, *, period: str, today: date) -> list[Reminder]:
    """One text file per office with something to update, in `out`; returns what was written.

    Raises OSError when `out` cannot be written.
    """
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for office, items in office_needs(plan, period=period, today=today).items():
        contacts = sorted({n.activity.contact for n in items if n.activity.contact})
        text = reminder_text(office, items, period=period, today=today, contacts=contacts)
        path = reminder_path(out, office)
        with replacing(path) as tmp:
            tmp.write_text(text, encoding="utf-8")
        written.append(Reminder(office, path, len(items)))
    return written
