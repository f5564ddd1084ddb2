"""The workbook contract of DESIGN.md, as data.

Sheets, fields, Swedish headers and their aliases, allowed values, spellings
and the traffic-light colours. Reading, validation, formatting, split, merge
and the reports all read from here; a Swedish header or a colour written
anywhere else is a smell.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from enum import Enum
from functools import cached_property
from typing import Any

from plan_sheets.periods import Form
from plan_sheets.workbook.model import DecisionState, Direction, Phase, Priority, Status


class Kind(Enum):
    """How a field's cells are read, checked and written (`workbook.kinds.KINDS`)."""

    TEXT = "text"
    ID = "id"
    FOCUS = "focus"
    AREA = "area"
    DATE = "date"
    END_DATE = "end_date"
    """A date, or `Löpande`."""
    PHASE = "phase"
    STATUS = "status"
    GOALS = "goals"
    GOAL_ID = "goal_id"
    NUMBER = "number"
    YEAR = "year"
    DIRECTION = "direction"
    TIMESTAMP = "timestamp"
    PRIORITY = "priority"
    DECISION_STATE = "decision_state"


@dataclass(frozen=True)
class Field:
    key: str
    """English identifier used in code."""
    header: str
    """The Swedish header staff see."""
    aliases: tuple[str, ...] = ()
    kind: Kind = Kind.TEXT
    required: bool = False
    """COLUMN_MISSING when absent."""
    width: float = 14
    personal: bool = False
    """Holds personal data: left out with --no-personal-data."""
    example: bool = False
    """Not in the action plan: invented in the shipped example."""
    help: str = ""
    """One Swedish sentence for staff (header comment and Instruktioner)."""
    own_rule: bool = False
    """A rule of its sheet checks this column's values (not the kind's reading check)."""


@dataclass(frozen=True)
class Sheet:
    key: str
    name: str
    fields: tuple[Field, ...]
    aliases: tuple[str, ...] = ()
    required_in_main: bool = False
    tool_written: bool = False
    """Rows are appended by plan-sheets, not typed by staff."""

    def field(self, key: str) -> Field:
        for f in self.fields:
            if f.key == key:
                return f
        raise KeyError(key)

    @property
    def headers(self) -> list[str]:
        return [f.header for f in self.fields]

    @cached_property
    def header_index(self) -> dict[str, tuple[str, ...]]:
        """Folded header → the fields it may name, the likeliest first (see `_index`)."""
        return _index(self)

ONGOING_WORDS = ("Löpande",)
ONGOING_ALIASES = ("lopande", "ongoing", "tills vidare", "tillsvidare", "pagaende")

ACTIVITIES = Sheet(
    key="activities",
    name="Aktiviteter",
    aliases=("Activities", "Aktivitetsplan", "Handlingsplan"),
    required_in_main=True,
    fields=(
        Field("id", "ID", ("Aktivitets-ID", "Aktivitetsid", "Nr", "Id nr"), Kind.ID, True, 9,
              help="Fylls i av processledaren: fokusområde.insatsområde.löpnummer, t.ex. 1.3.2. "
                   "Lämna tomt för en ny aktivitet."),
        Field("focus_area", "Fokusområde", ("Focus area", "Fokus"), Kind.FOCUS, False, 12,
              help="Fokusområdets nummer 1–5 (eller dess namn)."),
        Field("intervention_area", "Insatsområde", ("Intervention area", "Insats"), Kind.AREA,
              True, 12, help="Insatsområdets nummer, t.ex. 1.3."),
        Field("title", "Aktivitet", ("Activity", "Aktivitetens namn", "Rubrik"), Kind.TEXT, True,
              40, help="Aktivitetens korta namn."),
        Field("description", "Beskrivning", ("Description",), width=30,
              help="Vad aktiviteten går ut på (frivillig)."),
        Field("responsible", "Ansvarig", ("Responsible", "Ansvarigt kontor", "Ansvarig enhet",
                                          "Ansvarig förvaltning", "Ansvar"),
              Kind.TEXT, True, 24, example=True, help="Ansvarigt kontor eller enhet."),
        Field("contact", "Kontaktperson", ("Contact", "Kontakt", "Contact person"), width=20,
              personal=True, example=True,
              help="Namn på kontaktpersonen (frivillig; personuppgift, "
                   "tas bort i offentliga rapporter)."),
        Field("participants", "Delaktiga", ("Participants", "Medverkande"), width=24,
              example=True, help="Andra kontor som deltar (frivillig)."),
        Field("start", "Start", ("Startdatum", "Start date", "Påbörjas"), Kind.DATE, width=12,
              example=True, help="Startdatum: datum, år (2025) eller år-månad (2025-03)."),
        Field("end", "Slut", ("Slutdatum", "End", "End date", "Klart"), Kind.END_DATE, width=12,
              example=True, help="Slutdatum som Start, eller Löpande för en aktivitet utan slut."),
        Field("phase", "Läge", ("Phase", "Fas", "Skede"), Kind.PHASE, width=13, example=True,
              help="Planerad, Pågående, Genomförd eller Avbruten."),
        Field("status", "Status", ("Trafikljus", "Statusfärg"), Kind.STATUS, True, 10,
              example=True,
              help="Grön, Gul eller Röd (se Instruktioner). "
                   "Får vara tom medan aktiviteten är Planerad."),
        Field("status_comment", "Statuskommentar", ("Status comment", "Kommentar"), width=40,
              example=True, help="Kort lägesbeskrivning."),
        Field("cause", "Orsak till avvikelse", ("Cause", "Orsak", "Avvikelseorsak"), width=32,
              example=True, help="Varför aktiviteten är Gul eller Röd."),
        Field("action", "Rekommenderad åtgärd", ("Recommended action", "Åtgärd",
                                                  "Föreslagen åtgärd"), width=32, example=True,
              help="Vad som föreslås för att rätta avvikelsen."),
        Field("goals", "Mål", ("Goals", "Mätbara mål", "Målkoppling", "Kopplade mål",
                                 "Koppling till mål", "Mål som berörs"), Kind.GOALS,
              True, 12, example=True,
              help="Mål-ID från fliken Mål, kommaseparerade, t.ex. M1, M4."),
        Field("decided", "Beslutad", ("Decided", "Beslutsdatum", "Beslutad av styrgrupp"),
              Kind.DATE, width=12, example=True,
              help="Datum då styrgruppen beslutade aktiviteten; tomt = väntar på beslut."),
        Field("updated", "Senast uppdaterad", ("Last updated", "Uppdaterad", "Senast ändrad"),
              Kind.DATE, width=14, example=True, help="När raden senast uppdaterades."),
        Field("contact_email", "E-post", ("Kontaktpersonens e-post", "E-postadress", "Epost",
                                          "Mejl", "Email", "E-mail"), width=28,
              personal=True, example=True,
              help="Kontaktpersonens e-postadress (frivillig; personuppgift): då blir "
                   "påminnelserna färdiga mejl att skicka."),
    ),
)

CLOSED = Sheet(
    key="closed",
    name="Avslutade",
    aliases=("Avslutade aktiviteter", "Closed", "Closed activities"),
    tool_written=True,
    fields=(*ACTIVITIES.fields,
            Field("closed_year", "Avslutad år", ("Avslutat år", "Stängd år", "Closed year"),
                  Kind.YEAR, width=11,
                  help="Året då aktiviteten blev Genomförd eller Avbruten (skrivs av "
                       "plan-sheets arsskifte).")),
)
"""Activities closed (Genomförd or Avbruten) by the end of an earlier year, moved out of
the counted plan by `arsskifte`: the same columns and the year they closed. Their IDs stay
taken."""

FOCUS_AREAS = Sheet(
    key="focus_areas",
    name="Fokusområden",
    aliases=("Focus areas",),
    fields=(
        Field("id", "ID", ("Nr", "Nummer", "Fokusområde", "Focus area"), Kind.NUMBER, True, 6,
              own_rule=True),
        Field("name", "Namn", ("Name", "Rubrik", "Fokusområde", "Focus area", "Benämning"),
              width=70, required=True),
        Field("lead", "Fokusområdesansvarig", ("Lead", "Ansvarig"), width=26, personal=True,
              example=True),
        Field("short_name", "Kortnamn", ("Short name", "Kort namn", "Förkortning"), width=26,
              help="Ett kort namn som rapporterna visar efter numret, t.ex. Företagsklimat "
                   "(blir ”FO1 Företagsklimat”)."),
        Field("lead_email", "E-post", ("Fokusområdesansvarigs e-post", "E-postadress", "Epost",
                                       "Mejl", "Email", "E-mail"), width=28, personal=True,
              example=True,
              help="Fokusområdesansvarigs e-postadress (frivillig; personuppgift): då skriver "
                   "split ett färdigt mejl med gruppens arbetsbok."),
    ),
)

INTERVENTION_AREAS = Sheet(
    key="intervention_areas",
    name="Insatsområden",
    aliases=("Intervention areas",),
    fields=(
        Field("id", "ID", ("Nr", "Nummer"), Kind.AREA, True, 7),
        Field("focus_area", "Fokusområde", ("Focus area",), Kind.FOCUS, False, 12),
        Field("text", "Insatsområde", ("Intervention area", "Där kommunen"), width=60,
              required=True),
        Field("approach", "Genom att", ("Approach", "Tillvägagångssätt"), width=70),
    ),
)

GOALS = Sheet(
    key="goals",
    name="Mål",
    aliases=("Goals", "Mätbara mål"),
    required_in_main=True,
    fields=(
        Field("id", "ID", ("Mål-ID", "Nr"), Kind.GOAL_ID, True, 7),
        Field("name", "Mål", ("Goal", "Namn"), width=40, required=True),
        Field("indicator", "Indikator", ("Indicator", "Mått"), width=40),
        Field("unit", "Enhet", ("Unit",), width=12),
        Field("baseline", "Utgångsvärde", ("Baseline",), Kind.NUMBER, width=13),
        Field("baseline_year", "Utgångsår", ("Baseline year",), Kind.YEAR, width=11),
        Field("target", "Målvärde", ("Target", "Target value"), Kind.NUMBER, width=11),
        Field("target_year", "Målår", ("Target year",), Kind.YEAR, width=9),
        Field("direction", "Riktning", ("Direction",), Kind.DIRECTION, width=10),
        Field("source", "Källa", ("Source",), width=30),
        Field("kolada_kpi", "Kolada-KPI", ("Kolada KPI", "Kolada", "KPI", "Nyckeltal"),
              width=12,
              help="Nyckeltalets ID i Kolada, t.ex. N00999 (frivillig): plan-sheets matvarden "
                   "hämtar då målets värden därifrån."),
        Field("gender", "Kön", ("Gender",), width=7,
              help="T (totalt), K (kvinnor) eller M (män) för Kolada-värdet; tomt betyder T."),
    ),
)

GENDERS = ("T", "K", "M")
"""Kolada's breakdowns of a value: total, women (kvinnor), men (män)."""
DEFAULT_GENDER = "T"

MEASUREMENTS = Sheet(
    key="measurements",
    name="Mätvärden",
    aliases=("Measurements", "Utfall"),
    fields=(
        Field("goal", "Mål", ("Goal", "Mål-ID"), Kind.GOAL_ID, True, 8),
        Field("year", "År", ("Year",), Kind.YEAR, True, 8),
        Field("value", "Värde", ("Value", "Utfall"), Kind.NUMBER, True, 12, own_rule=True),
        Field("comment", "Kommentar", ("Comment",), width=50),
        # Where a value came from: `Kolada, hämtad 2026-12-07` when matvarden fetched it
        # (the next fetch may revise it); empty or anything else, a person typed it.
        Field("source", "Källa", ("Source",), width=28,
              help="Varifrån värdet kommer; plan-sheets matvarden skriver t.ex. "
                   "”Kolada, hämtad 2026-12-07”."),
    ),
)

STATUS_HISTORY = Sheet(
    key="history",
    name="Statushistorik",
    aliases=("Status history",),
    tool_written=True,
    fields=(
        Field("date", "Datum", ("Date",), Kind.DATE, True, 12),
        Field("period", "Period", (), width=12, required=True),
        Field("id", "ID", (), Kind.ID, True, 9),
        Field("phase", "Läge", ("Phase",), Kind.PHASE, width=13),
        Field("status", "Status", (), Kind.STATUS, width=10),
        # What a report of the period needs besides Läge and Status, so that a report on a
        # past period shows that period's texts, never ones written later.
        Field("status_comment", "Statuskommentar", ("Status comment",), width=40),
        Field("cause", "Orsak till avvikelse", ("Cause",), width=32),
        Field("action", "Rekommenderad åtgärd", ("Recommended action",), width=32),
        Field("responsible", "Ansvarig", ("Responsible",), width=24),
        Field("end", "Slut", ("End",), Kind.END_DATE, width=12),
        Field("decided", "Beslutad", ("Decided",), Kind.DATE, width=12),
        # So that a past period's list of activities not updated is as of its snapshot.
        Field("updated", "Senast uppdaterad", ("Last updated",), Kind.DATE, width=14),
    ),
)

SNAPSHOT_DETAILS = ("status_comment", "cause", "action", "responsible", "end", "decided",
                    "updated")
"""The Statushistorik fields beyond Datum, Period, ID, Läge and Status (older huvuddokuments
lack them)."""

CHANGE_LOG = Sheet(
    key="changelog",
    name="Ändringslogg",
    aliases=("Change log",),
    tool_written=True,
    fields=(
        Field("time", "Tidpunkt", ("Time",), Kind.TIMESTAMP, True, 18),
        Field("source", "Källa", ("Source",), width=28, required=True),
        Field("id", "ID", (), Kind.ID, width=9),
        Field("field", "Fält", ("Field",), width=22),
        Field("before", "Före", ("Before",), width=30),
        Field("after", "Efter", ("After",), width=30),
        # The period a merge recorded, so that files merged late count for their period.
        Field("period", "Period", (), width=10),
    ),
)

DECISIONS = Sheet(
    key="decisions",
    name="Beslut",
    aliases=("Decisions", "Beslutslogg", "Styrgruppens beslut", "Styrgruppsbeslut"),
    fields=(
        Field("date", "Datum", ("Date", "Beslutsdatum", "Mötesdatum"), Kind.DATE, True, 12,
              help="Dagen då styrgruppen fattade beslutet."),
        Field("period", "Period", ("Uppföljningsperiod",), width=10,
              help="Uppföljningsperioden beslutet hör till, t.ex. 2026-T2."),
        Field("activity_id", "ID", ("Aktivitets-ID", "Aktivitetsid", "Aktivitet ID"), Kind.ID,
              width=9, help="Aktivitetens ID, eller tomt för ett allmänt beslut."),
        Field("decision", "Beslut", ("Decision", "Beslutet"), width=60, required=True,
              help="Vad styrgruppen beslutade."),
        Field("priority", "Prioritet", ("Priority", "Prio"), Kind.PRIORITY, width=10,
              help="Hög, Medel eller Låg."),
        Field("responsible", "Ansvarig", ("Responsible", "Ansvar"), width=22,
              help="Vem som verkställer beslutet."),
        Field("follow_up", "Följs upp", ("Uppföljning", "Följs upp senast", "Follow-up",
                                         "Uppföljningsdatum"), Kind.DATE, width=12,
              help="Datum då beslutet följs upp."),
        Field("state", "Status för beslutet", ("Beslutsstatus", "Status", "Decision status"),
              Kind.DECISION_STATE, width=16,
              help="Öppet, Pågår, Verkställt eller Avskrivet."),
    ),
)

ASSESSMENTS = Sheet(
    key="assessments",
    name="Bedömningar",
    aliases=("Assessments", "Samlade bedömningar", "Samlad bedömning"),
    fields=(
        Field("period", "Period", ("Uppföljningsperiod",), width=10, required=True,
              help="Uppföljningsperioden, t.ex. 2026-T2."),
        Field("focus_area", "Fokusområde", ("Focus area", "Fokus"), Kind.FOCUS, True, 12,
              help="Fokusområdets nummer 1–5."),
        Field("assessment", "Samlad bedömning", ("Bedömning", "Assessment"), width=70,
              help="Fokusområdesansvariges samlade bedömning, med några meningar."),
        Field("events", "Väsentliga händelser", ("Händelser", "Events", "Viktiga händelser"),
              width=50, help="Det viktigaste som hänt under perioden."),
        Field("author", "Skriven av", ("Författare", "Author", "Skriven av (namn)"), width=22,
              personal=True, help="Vem som skrev bedömningen."),
        Field("date", "Datum", ("Date",), Kind.DATE, width=12, help="När bedömningen skrevs."),
    ),
)

VIEWS = Sheet(
    key="views",
    name="Synpunkter",
    aliases=("Views", "Synpunkter och idéer", "Idéer och synpunkter"),
    fields=(
        Field("date", "Datum", ("Date",), Kind.DATE, True, 12,
              help="När synpunkten eller idén kom in."),
        Field("forum", "Forum", ("Dialogforum", "Källa"), width=24,
              help="Dialogforumet, t.ex. Näringslivsrådet."),
        Field("text", "Synpunkt eller idé", ("Synpunkt", "Idé", "View", "Synpunkt/idé"),
              width=60, required=True, help="Vad näringslivet framförde."),
        Field("focus_area", "Fokusområde", ("Focus area", "Fokus"), Kind.FOCUS, width=12,
              help="Det fokusområde synpunkten gäller (frivillig)."),
        Field("handling", "Hur den hanteras", ("Hantering", "Handling", "Åtgärd"), width=44,
              help="Vad som görs med synpunkten."),
    ),
)

SETTINGS = Sheet(
    key="settings",
    name="Inställningar",
    aliases=("Settings",),
    fields=(
        Field("name", "Inställning", ("Setting", "Namn"), width=22, required=True,
              help="Inställningens namn; ändra det inte."),
        Field("value", "Värde", ("Value",), width=26,
              help="Värdet; tomt = standardvärdet som förklaringen nämner."),
        Field("explanation", "Förklaring", ("Explanation", "Beskrivning"), width=90,
              help="Vad inställningen gör och vilka värden den tar."),
    ),
)


@dataclass(frozen=True)
class Setting:
    """One row of `Inställningar`: a choice made once per huvuddokument."""

    key: str
    """English identifier used in code (`plan.setting(key)`)."""
    name: str
    """Inställning, as staff see it."""
    default: str
    """Värde when the row or its value is missing."""
    explanation: str
    """Förklaring: one or two Swedish sentences, naming the values it takes."""
    choices: tuple[str, ...] = ()
    """The values it takes (a dropdown); empty: any text."""


SETTING_LIST: tuple[Setting, ...] = (
    # One line per setting; the reader, init, format and the dropdown follow this list.
    Setting("period_form", "Periodindelning", Form.TERTIAL.value,
            "Hur året delas i uppföljningsperioder: Tertial (2026-T3), Kvartal (2026-K2), "
            "Halvår (2026-H1), Månad (2026-05) eller År (2026). Kommandona använder den när "
            "--period inte anges.", tuple(f.value for f in Form)),
    Setting("accessibility_statement", "Tillgänglighetsredogörelse", "",
            "Webbadressen (https://…) till kommunens tillgänglighetsredogörelse, som "
            "webbplatsen från plan-sheets webb länkar till. Tom: sidan Om uppföljningen "
            "visar en platshållare."),
    Setting("sender", "Avsändare", "",
            "Processledarens e-postadress: mejlutkasten från paminnelser och split skickas "
            "från den (tom: från mejlprogrammets eget konto)."),
    Setting("municipality", "Kommunkod", "",
            "Kommunens fyrsiffriga kod, t.ex. 0181 för Södertälje. plan-sheets matvarden "
            "hämtar målens värden för den kommunen från Kolada (--kommun går före)."),
    Setting("closed_years", "Stängda år", "",
            "Åren som plan-sheets arsskifte har stängt, t.ex. 2025, 2026. En sammanslagning "
            "för en period i ett stängt år vägras; öppna året igen med plan-sheets arsskifte "
            "HUVUDDOKUMENT --year ÅÅÅÅ --oppna."),
)


INSTRUCTIONS_NAME = "Instruktioner"
BASE_SHEET = "Bas"
"""The hidden sheet of a focus-area workbook holding the rows as they were at split."""

SHEETS: tuple[Sheet, ...] = (
    ACTIVITIES, FOCUS_AREAS, INTERVENTION_AREAS, GOALS, MEASUREMENTS, DECISIONS, ASSESSMENTS,
    VIEWS, STATUS_HISTORY, CHANGE_LOG, SETTINGS, CLOSED,
)
STEERING_SHEETS: tuple[Sheet, ...] = (DECISIONS, ASSESSMENTS, VIEWS)
OPTIONAL_SHEETS: tuple[Sheet, ...] = (*STEERING_SHEETS, SETTINGS)
"""Optional sheets: absent in older workbooks (read as empty or default), `format` adds them."""
"""Optional sheets of the steering group's loop: absent in older workbooks, `format` adds them."""
SHEETS_BY_KEY = {s.key: s for s in SHEETS}


@dataclass(frozen=True)
class Contract:
    """The sheets a huvuddokument holds, with their fields: what the reader reads, split and
    merge carry, format styles and the reports show.

    `CONTRACT` is the one plan-sheets ships. The reader takes another (`read_workbook(...,
    contract=...)`) and the plan it reads remembers it (`contract_of`), so that every
    stage after it sees the same fields; a copy with a field more (`with_field`) is how a
    test shows that a new column needs nothing but its declaration.
    """

    sheets: tuple[Sheet, ...]

    def sheet(self, key: str) -> Sheet:
        for sheet in self.sheets:
            if sheet.key == key:
                return sheet
        raise KeyError(key)

    @property
    def activities(self) -> Sheet:
        return self.sheet(ACTIVITIES.key)

    def match_sheet(self, name: str) -> Sheet | None:
        """The sheet a sheet name stands for (tolerant as headers are)."""
        folded = fold(name)
        for sheet in self.sheets:
            if folded in {fold(n) for n in (sheet.name, *sheet.aliases)}:
                return sheet
        return None

    def with_field(self, sheet_key: str, field: Field) -> Contract:
        """A copy with `field` last in the sheet `sheet_key`; a field of Aktiviteter goes
        into Avslutade too (before its closing year), as Avslutade holds the same columns."""
        def grown(sheet: Sheet) -> Sheet:
            if sheet.key == sheet_key:
                return replace(sheet, fields=(*sheet.fields, field))
            if sheet.key == CLOSED.key and sheet_key == ACTIVITIES.key:
                return replace(sheet, fields=(*sheet.fields[:-1], field, sheet.fields[-1]))
            return sheet
        return Contract(tuple(grown(sheet) for sheet in self.sheets))


CONTRACT = Contract(SHEETS)

_HISTORY_YEAR = re.compile(r"^statushistorik (\d{4})$")


def history_sheet_name(year: int) -> str:
    """The sheet `arsskifte` moves a closed year's snapshots to: `Statushistorik 2026`
    (Statushistorik's columns; read as Statushistorik, so that reports see every year)."""
    return f"{STATUS_HISTORY.name} {year}"


def history_sheet_year(name: str) -> int | None:
    """The year of a closed year's Statushistorik sheet (`Statushistorik 2026`), or None."""
    m = _HISTORY_YEAR.match(fold(name))
    return int(m[1]) if m else None


def contract_of(plan: Any) -> Contract:
    """The contract a plan was read by (`Plan.contract`), or `CONTRACT` for one built in code."""
    return getattr(plan, "contract", None) or CONTRACT

# Columns whose header names a person, besides the contract's own personal fields:
# the staff's columns with such headers are left out of public reports.
PERSONAL_HEADER_WORDS = ("kontaktperson", "handlaggare", "ansvarig person", "namn", "contact",
                         "kontakt", "e-post", "epost", "telefon", "email", "mobil")

HEADER_SEARCH_ROWS = 10
"""The header row is looked for within this many rows from the top."""

EXCEL_MAX_TEXT = 32767
"""The most characters an Excel cell holds."""


# --- text normalisation ----------------------------------------------------------------------

_SPACES = re.compile(r"[\s\u00a0\u2007\u202f_\-]+")
_STRIP = re.compile(r"[^\w ]")
_INVISIBLE_LETTERS = frozenset("\u034f\u115f\u1160\u3164\uffa0")
"""Blank characters outside Unicode's format category (a grapheme joiner, Hangul fillers)."""


def is_invisible(ch: str) -> bool:
    """Whether a character shows nothing: zero-width spaces and joiners, the BOM, soft
    hyphens, direction marks (Unicode's format category) and a few blank letters."""
    return unicodedata.category(ch) == "Cf" or ch in _INVISIBLE_LETTERS


def key_text(value: object) -> str:
    """The form in which keys are compared: IDs, status and phase words, office and area
    names, periods, sheet names, headers.

    Unicode NFC, invisible characters removed, every run of spaces (no-break spaces,
    tabs and line breaks too) one space, none around. Free text is never put in this
    form: it is kept as typed.
    """
    text = str(value)
    if not text.isascii():
        text = unicodedata.normalize("NFC", "".join(ch for ch in text if not is_invisible(ch)))
    return " ".join(text.split())


def fold(text: object, *, punctuation: bool = False) -> str:
    """Case-, space- and diacritic-insensitive form of a header or a spelling (its
    `key_text` first).

    Headers also lose punctuation (`Mål:`, `Status*`); values keep it, so that
    `grönt?` is not read as a status.
    """
    s = unicodedata.normalize("NFKD", key_text(text))
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = _SPACES.sub(" ", s.casefold())
    if not punctuation:
        s = _STRIP.sub("", s)
    return " ".join(s.split())


def setting_named(name: object) -> Setting | None:
    """The setting an Inställning cell names (tolerant as headers are), or None."""
    folded = fold(name)
    return next((s for s in SETTING_LIST if fold(s.name) == folded), None)


def _index(sheet: Sheet) -> dict[str, tuple[str, ...]]:
    """Folded header → the fields it may name, the likeliest first.

    A few headers name one of two fields: in `Fokusområden`, a column headed
    Fokusområde is the area's number beside a Namn column and its name beside an
    ID column (`match_headers` decides by the whole row).
    """
    index: dict[str, tuple[str, ...]] = {}
    for f in sheet.fields:
        for name in (f.header, *f.aliases):
            keys = index.setdefault(fold(name), ())
            if f.key not in keys:
                index[fold(name)] = (*keys, f.key)
    return index


_REMARK = re.compile(r"\s*(\([^)]*\)|\[[^\]]*\])")
"""A remark in brackets after a header: `Slut (år)`, `Fokusområde (1-5)`, `Mål [ID]`."""


def header_candidates(sheet: Sheet, header: object) -> tuple[tuple[str, ...], bool]:
    """The field keys a header cell may name in `sheet` (() for a staff column), and
    whether only its words outside brackets name them (`Slut (år)`)."""
    if header is None:
        return (), False
    index = sheet.header_index
    keys = index.get(fold(header))
    if keys is not None:
        return keys, False
    if isinstance(header, str) and ("(" in header or "[" in header):
        keys = index.get(fold(_REMARK.sub("", header)))
        if keys is not None:
            return keys, True
    return (), False


def match_header(sheet: Sheet, header: object) -> str | None:
    """The field key a header cell names by itself in `sheet`, or None.

    A header row is matched with `match_headers`, which also knows headers with a
    remark in brackets; this looks at one cell alone.
    """
    keys, remark = header_candidates(sheet, header)
    return keys[0] if keys and not remark else None


def match_headers(sheet: Sheet, headers: Mapping[int, object]) -> dict[int, str]:
    """Field key per column of a header row (staff columns left out).

    A header that names one field only claims it first, then one that may name
    two (it takes the first no other header claims), then one named only by its
    words outside a remark in brackets (`Slut (år)`), which is a staff column if
    its field is claimed already (`Status (förra året)` beside `Status`). Two
    headers naming the same field both get it, in column order, for the reader
    to report the duplicate.
    """
    candidates = {col: header_candidates(sheet, h) for col, h in headers.items()}
    keys: dict[int, str] = {}
    claimed: set[str] = set()
    order = sorted((col for col, (options, _) in candidates.items() if options),
                   key=lambda col: (candidates[col][1], len(candidates[col][0]) > 1, col))
    for col in order:
        options, remark = candidates[col]
        key = next((k for k in options if k not in claimed), None)
        if key is None:
            if remark:
                continue
            key = options[0]
        keys[col] = key
        claimed.add(key)
    return dict(sorted(keys.items()))


def match_sheet(name: str) -> Sheet | None:
    """The contract sheet a sheet name stands for (tolerant as headers are)."""
    return CONTRACT.match_sheet(name)


def is_personal_header(header: str) -> bool:
    folded = fold(header)
    return any(word in folded for word in PERSONAL_HEADER_WORDS)


# --- allowed values and spellings --------------------------------------------------------------

STATUS_SPELLINGS: dict[str, Status] = {
    **{w: Status.GREEN for w in ("gron", "gront", "green", "g", "gr")},
    **{w: Status.YELLOW for w in ("gul", "gult", "yellow", "y", "gu", "amber")},
    **{w: Status.RED for w in ("rod", "rott", "red", "r")},
}

PHASE_SPELLINGS: dict[str, Phase] = {
    **{w: Phase.PLANNED for w in ("planerad", "planerat", "planned", "ej paborjad", "ej startad")},
    **{w: Phase.ONGOING for w in ("pagaende", "pagar", "ongoing", "in progress", "paborjad")},
    **{w: Phase.DONE for w in ("genomford", "genomfort", "klar", "done", "completed", "avslutad")},
    **{w: Phase.CANCELLED for w in ("avbruten", "avbrutet", "cancelled", "canceled", "stoppad")},
}

PRIORITY_SPELLINGS: dict[str, Priority] = {
    **{w: Priority.HIGH for w in ("hog", "high", "h", "1", "hogsta")},
    **{w: Priority.MEDIUM for w in ("medel", "medium", "m", "2", "mellan", "normal")},
    **{w: Priority.LOW for w in ("lag", "low", "l", "3")},
}

DECISION_STATE_SPELLINGS: dict[str, DecisionState] = {
    **{w: DecisionState.OPEN for w in ("oppet", "oppen", "open", "ny", "ej paborjat",
                                       "ej paborjad")},
    **{w: DecisionState.IN_PROGRESS for w in ("pagar", "pagaende", "in progress", "paborjat",
                                              "paborjad")},
    **{w: DecisionState.DONE for w in ("verkstallt", "verkstalld", "genomfort", "genomford",
                                       "klart", "klar", "done", "avslutat", "avslutad")},
    **{w: DecisionState.WITHDRAWN for w in ("avskrivet", "avskriven", "struket", "struken",
                                            "withdrawn", "upphavt", "upphavd")},
}

DIRECTION_SPELLINGS: dict[str, Direction] = {
    **{w: Direction.UP for w in ("oka", "okning", "up", "increase", "hogre")},
    **{w: Direction.DOWN for w in ("minska", "minskning", "down", "decrease", "lagre")},
}


def _speller(spellings: dict[str, Any]) -> Callable[[object], Any]:
    """A parser for a set of spellings; cells repeat a few words, so results are cached."""
    cache: dict[object, Any] = {}

    def parse(value: object) -> Any:
        if value is None or value == "":
            return None
        try:
            return cache[value]
        except (KeyError, TypeError):
            pass
        result = spellings.get(fold(value, punctuation=True))
        if isinstance(value, str) and len(cache) < 10_000:
            cache[value] = result
        return result

    return parse


parse_status: Callable[[object], Status | None] = _speller(STATUS_SPELLINGS)
"""The Status a cell spells, or None when it spells none (or is empty)."""
parse_phase: Callable[[object], Phase | None] = _speller(PHASE_SPELLINGS)
parse_direction: Callable[[object], Direction | None] = _speller(DIRECTION_SPELLINGS)
parse_priority: Callable[[object], Priority | None] = _speller(PRIORITY_SPELLINGS)
parse_decision_state: Callable[[object], DecisionState | None] = _speller(
    DECISION_STATE_SPELLINGS)


def is_ongoing_word(value: object) -> bool:
    return isinstance(value, str) and _is_ongoing(value)


_is_ongoing = _speller({w: True for w in ONGOING_ALIASES})


# --- traffic lights ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Light:
    label: str
    fill: str
    """Cell fill: light, so that the text on it stays readable."""
    font: str
    """Dark text colour on that fill."""
    chart: str
    """Saturated colour for charts."""
    hatch: str
    """matplotlib hatch, so that charts read in black and white."""
    pattern: str = ""
    """The same for Excel charts: an xlsxwriter pattern name (empty: solid)."""


TRAFFIC_LIGHTS: dict[Status | None, Light] = {
    Status.GREEN: Light("Grön", "#C6EFCE", "#006100", "#3A9D3A", ""),
    Status.YELLOW: Light("Gul", "#FFEB9C", "#7F6000", "#F2C200", "//", "wide_upward_diagonal"),
    Status.RED: Light("Röd", "#FFC7CE", "#9C0006", "#C62828", "xx", "trellis"),
    None: Light("Ej satt", "#EDEDED", "#404040", "#A6A6A6", "..", "percent_20"),
}

COMPLETED_LIGHT = Light("Genomförd", "#DDEBF7", "#1F4E78", "#5B9BD5", "--", "light_horizontal")
"""Where a light is counted, a Genomförd activity without one: done, not `Ej satt`."""
LIGHTS_BY_LABEL: dict[str, Light] = {light.label: light for light in
                                     (*TRAFFIC_LIGHTS.values(), COMPLETED_LIGHT)}
"""Every label a status count or cell shows, with its look."""

HEADER_FILL = "#1F4E78"
HEADER_FONT = "#FFFFFF"
TITLE_FONT = "#1F4E78"
EXAMPLE_FILL = "#FCE4D6"
PROTECTED_FILL = "#E7E6E6"
MISSING_FILL = "#F8CBAD"
"""Where a report writes `Saknas` (a deviation without its cause or action)."""
MISSING_FONT = "#833C0B"
LINK_FONT = "#0563C1"
NOTE_FONT = "#595959"
"""Cells staff should not edit (the ID column of a focus-area workbook)."""
