"""The domain model: a plan read from a huvuddokument, as frozen dataclasses.

No I/O here. Every activity remembers the sheet and row it was read from, so
that everything said about it can point at a cell in Excel.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from enum import Enum, StrEnum
from typing import Any

from plan_sheets.periods import DEFAULT_FORM, Form, Period


class WorkbookKind(StrEnum):
    """Which of the two workbooks a file is; the value is how `--format json` names it."""

    MAIN = "main"
    """The huvuddokument."""
    GROUP = "group"
    """A focus-area group's workbook, made by split."""

    @property
    def label(self) -> str:
        """The Swedish name."""
        return "huvuddokument" if self is WorkbookKind.MAIN else "fokusområdesarbetsbok"


class Status(Enum):
    """The traffic light of an activity (action plan, section 7)."""

    GREEN = "Grön"
    YELLOW = "Gul"
    RED = "Röd"

    @property
    def is_deviation(self) -> bool:
        return self is not Status.GREEN


class Phase(Enum):
    """Where an activity is in its life (Läge)."""

    PLANNED = "Planerad"
    ONGOING = "Pågående"
    DONE = "Genomförd"
    CANCELLED = "Avbruten"

    @property
    def is_closed(self) -> bool:
        return self in (Phase.DONE, Phase.CANCELLED)


class Priority(Enum):
    """The steering group's priority for a decision (Beslut: Prioritet)."""

    HIGH = "Hög"
    MEDIUM = "Medel"
    LOW = "Låg"


class DecisionState(Enum):
    """Where a steering-group decision stands (Beslut: Status för beslutet)."""

    OPEN = "Öppet"
    IN_PROGRESS = "Pågår"
    DONE = "Verkställt"
    WITHDRAWN = "Avskrivet"

    @property
    def is_open(self) -> bool:
        return self in (DecisionState.OPEN, DecisionState.IN_PROGRESS)


class Direction(Enum):
    """Which way a measurable goal improves (Riktning)."""

    UP = "Öka"
    DOWN = "Minska"


@dataclass(frozen=True)
class FormulaWithoutValue:
    """A formula cell saved without a cached result (the file was never recalculated)."""

    formula: str

    def __str__(self) -> str:
        return f"={self.formula}" if not self.formula.startswith("=") else self.formula


@dataclass(frozen=True)
class SheetLayout:
    """Where a contract sheet's header and columns are (all 1-based, as in Excel)."""

    name: str
    header_row: int
    columns: Mapping[str, int]
    """Contract field key -> column number."""
    extra_columns: Mapping[str, int] = field(default_factory=dict)
    """The staff's own columns: header text -> column number."""
    last_row: int = 0
    """The last row that holds data (the header row when there is none)."""
    headers: Mapping[int, str] = field(default_factory=dict)
    """Column number -> header text as written in the file."""
    status_fills: Mapping[int, str] = field(default_factory=dict)
    """Row -> RGB of an empty Status cell filled in a traffic-light colour (or between two)."""
    unheaded: tuple[tuple[int, int, Any], ...] = ()
    """(row, column, value) of each cell below the header in a column without a header."""


_SHORT_STOP = {"som", "med", "att", "dar", "där", "for", "för", "i", "inom", "genom",
               "till", "av", "mot", "samt"}
_SHORT_ARTICLES = {"en", "ett"}
_SHORT_MAX_WORDS = 4


def short_phrase(name: str) -> str:
    """The first phrase of a focus area's name, in whole words: `Ett aktivt
    etableringsarbete som är …` → `Aktivt etableringsarbete`.

    The phrase ends before the first word that starts a clause (`som`, `med`,
    `där` …) or at a comma; longer phrases keep their first four words.
    """
    words: list[str] = []
    for word in name.split():
        bare = word.strip(",;:.").casefold()
        if not words and bare in _SHORT_ARTICLES:
            continue
        if words and bare in _SHORT_STOP:
            break
        words.append(word.rstrip(",;:."))
        if word.endswith((",", ";", ":", ".")) or len(words) == _SHORT_MAX_WORDS:
            break
    if not words:
        return ""
    return words[0][:1].upper() + " ".join(words)[1:]


@dataclass(frozen=True)
class FocusArea:
    number: int
    name: str
    lead: str = ""
    row: int = 0
    short: str = ""
    """Kortnamn as typed in Fokusområden (may be empty)."""
    lead_email: str = ""
    """The lead's e-mail address(es) as typed (may be empty)."""

    @property
    def short_name(self) -> str:
        """The label every output uses: `FO1 Företagsklimat`, never cut mid-phrase.

        Kortnamn when typed (with `FO<n>` put in front unless it starts so),
        else `FO<n>` and the first phrase of the name.
        """
        prefix = f"FO{self.number}"
        short = self.short.strip()
        if short:
            head = short.replace(" ", "").casefold()
            if head.startswith(prefix.casefold()) or head.startswith(
                    f"fokusområde{self.number}"):
                return short
            return f"{prefix} {short}"
        phrase = short_phrase(self.name)
        return f"{prefix} {phrase}" if phrase else prefix


@dataclass(frozen=True)
class InterventionArea:
    id: str
    """`F.I`, e.g. `1.3`."""
    focus_area: int
    text: str
    """The "där kommunen …" text."""
    approach: str = ""
    """The "Genom att …" text."""
    row: int = 0

    @property
    def number(self) -> int:
        return int(self.id.split(".")[1])


@dataclass(frozen=True)
class Activity:
    """One row of `Aktiviteter`, parsed; `raw` keeps the cell values as read."""

    id: str
    focus_area: int | None
    intervention_area: str
    title: str
    description: str = ""
    responsible: str = ""
    contact: str = ""
    participants: str = ""
    start: date | None = None
    end: date | None = None
    ongoing: bool = False
    """Slut is `Löpande`: the activity never becomes overdue."""
    phase: Phase | None = None
    status: Status | None = None
    status_comment: str = ""
    cause: str = ""
    action: str = ""
    goals: tuple[str, ...] = ()
    decided: date | None = None
    updated: date | None = None
    values: Mapping[str, Any] = field(default_factory=dict)
    """The contract's fields that have no attribute above (`E-post`, a column added to the
    schema): field key -> the value as its kind reads it (`workbook.kinds`)."""
    extra: Mapping[str, Any] = field(default_factory=dict)
    """The staff's own columns: header text -> value."""
    raw: Mapping[str, Any] = field(default_factory=dict)
    """Contract field key -> the cell value as read (before parsing)."""
    sheet: str = "Aktiviteter"
    row: int = 0

    @property
    def is_deviation(self) -> bool:
        return self.status is not None and self.status.is_deviation

    @classmethod
    def assemble(cls, fields: dict[str, Any]) -> Activity:
        """An Activity from a dict holding every field, without running `__init__`.

        The reader makes one per row of a plan that may hold a country's worth of
        activities; a frozen dataclass's `__init__` costs several times more than
        the parsing. `fields` must name every field (a test holds the reader to it).
        """
        activity = object.__new__(cls)
        activity.__dict__.update(fields)
        return activity

    def is_overdue(self, today: date) -> bool:
        return (
            self.end is not None
            and not self.ongoing
            and self.end < today
            and not (self.phase is not None and self.phase.is_closed)
        )


ATTRIBUTES = frozenset(f.name for f in fields(Activity))
"""The names of Activity's attributes: a contract field named so is read into its attribute,
any other into `Activity.values`."""


@dataclass(frozen=True)
class Goal:
    id: str
    """`M1`, `M2`, …"""
    name: str
    indicator: str = ""
    unit: str = ""
    baseline: float | None = None
    baseline_year: int | None = None
    target: float | None = None
    target_year: int | None = None
    direction: Direction | None = None
    source: str = ""
    row: int = 0
    kolada_kpi: str = ""
    """A Kolada KPI id (`N00999`) whose values `matvarden` fetches, or empty."""
    gender: str = ""
    """Kön as typed: `T`, `K`, `M` (empty means T)."""


_FETCHED = re.compile(r"^(?P<name>.+), hämtad \d{4}-\d{2}-\d{2}$")
"""Mätvärden's Källa of a value `matvarden` wrote: `Kolada, hämtad 2026-12-07`."""


@dataclass(frozen=True)
class Measurement:
    goal: str
    year: int
    value: float
    comment: str = ""
    row: int = 0
    source: str = ""
    """Källa: `Kolada, hämtad 2026-12-07` when fetched, else what a person wrote (or empty)."""

    @property
    def fetched_from(self) -> str | None:
        """The open-data source `matvarden` fetched the value from (`Kolada`), or None for
        a value a person typed (any other Källa)."""
        m = _FETCHED.match(self.source.strip())
        return m["name"] if m else None


OPENING = "Utgångsläge"
"""Statushistorik's Period of an opening snapshot starts so: `Utgångsläge 2027` (see
workbook/opening.py)."""


def is_opening(period: str) -> bool:
    """Whether a Statushistorik Period names an opening snapshot (Utgångsläge), which comes
    before the periods of its year."""
    return period.startswith(OPENING)


def period_end(label: str, taken: date) -> date:
    """The day a Statushistorik snapshot stands for: the last day of the period it was
    merged for, or, for a label that names no period (an opening snapshot, an older
    version's), the day it was taken."""
    period = Period.read(label)
    if period is not None:
        return period.last
    year = label.rsplit(" ", 1)[-1] if is_opening(label) else ""
    # An opening snapshot stands for its year's start, whenever it was taken.
    return max(taken, date(int(year), 1, 1)) if year.isdigit() else taken


@dataclass(frozen=True)
class Snapshot:
    """One row of `Statushistorik`: an activity as a report of the period needs it."""

    date: date
    period: str
    activity_id: str
    phase: Phase | None
    status: Status | None
    row: int = 0
    status_comment: str = ""
    cause: str = ""
    action: str = ""
    responsible: str = ""
    end: date | None = None
    ongoing: bool = False
    """Slut was `Löpande`."""
    decided: date | None = None
    updated: date | None = None
    """Senast uppdaterad then (None in snapshots older than the column)."""
    sheet: str = ""
    """The sheet the row is in when not Statushistorik: a closed year's
    (`Statushistorik 2026`, where `arsskifte` moves them)."""

    @property
    def has_details(self) -> bool:
        """Whether the row holds anything beyond Läge and Status (older rows do not)."""
        return bool(self.status_comment or self.cause or self.action or self.responsible
                    or self.end or self.ongoing or self.decided)


@dataclass(frozen=True)
class Decision:
    """One row of `Beslut`: what the steering group decided."""

    date: date | None
    period: str = ""
    activity_id: str = ""
    """Empty for a general decision."""
    text: str = ""
    priority: Priority | None = None
    responsible: str = ""
    follow_up: date | None = None
    state: DecisionState | None = None
    """None when empty (an empty status counts as open)."""
    raw: Mapping[str, Any] = field(default_factory=dict)
    """Field key -> the cell value as read (for messages about unreadable values)."""
    row: int = 0

    @property
    def is_open(self) -> bool:
        return self.state is None or self.state.is_open

    def is_due(self, today: date) -> bool:
        """Open, and its follow-up date has come."""
        return self.is_open and self.follow_up is not None and self.follow_up <= today


@dataclass(frozen=True)
class Assessment:
    """One row of `Bedömningar`: a focus-area lead's overall assessment of a period."""

    period: str
    focus_area: int | None
    text: str = ""
    events: str = ""
    author: str = ""
    date: date | None = None
    row: int = 0

    @property
    def is_written(self) -> bool:
        return bool(self.text.strip())


@dataclass(frozen=True)
class View:
    """One row of `Synpunkter`: an idea or view from the dialogue with business."""

    date: date | None
    forum: str = ""
    text: str = ""
    focus_area: int | None = None
    handling: str = ""
    row: int = 0


@dataclass(frozen=True)
class Change:
    """One row of `Ändringslogg`, as the tool wrote it."""

    time: datetime | None
    source: str = ""
    activity_id: str = ""
    field_name: str = ""
    """Fält: the column's header, or what happened (`(ny aktivitet)`, `(ny kolumn)`)."""
    before: Any = None
    after: Any = None
    row: int = 0
    period: str = ""
    """The period the merge that made the change recorded (empty in older logs, and for
    `format`'s changes): the change counts for that period, whatever day it was made."""

    def belongs_to(self, first: date | None, last: date) -> bool:
        """Whether the change counts for the days `first`…`last`: its period lies within
        them, or, without one, it was made on one of them."""
        period = Period.read(self.period) if self.period else None
        if period is not None:
            return (first is None or first <= period.first) and period.last <= last
        day = self.time.date() if self.time is not None else None
        return day is not None and (first is None or first <= day) and day <= last


def years_in(value: Any) -> tuple[int, ...]:
    """The years a cell names: `2026`, `2025, 2026` or the number 2026; sorted, once each."""
    if value is None or isinstance(value, bool):
        return ()
    if isinstance(value, (int, float)):
        return (int(value),) if float(value).is_integer() else ()
    return tuple(sorted({int(y) for y in re.findall(r"\b(\d{4})\b", str(value))}))


@dataclass(frozen=True)
class SettingValue:
    """One row of `Inställningar` that names a setting of the schema's `SETTING_LIST`."""

    key: str
    value: Any
    """Värde as read (None when empty)."""
    row: int = 0


@dataclass(frozen=True)
class Plan:
    """A whole huvuddokument (or a focus-area workbook) as data."""

    activities: tuple[Activity, ...] = ()
    focus_areas: tuple[FocusArea, ...] = ()
    intervention_areas: tuple[InterventionArea, ...] = ()
    goals: tuple[Goal, ...] = ()
    measurements: tuple[Measurement, ...] = ()
    history: tuple[Snapshot, ...] = ()
    """Statushistorik (only some periods' rows when read so: see `unread_history`)."""
    decisions: tuple[Decision, ...] = ()
    assessments: tuple[Assessment, ...] = ()
    views: tuple[View, ...] = ()
    changes: tuple[Change, ...] = ()
    """Ändringslogg, oldest first (empty when not read)."""
    settings: Mapping[str, SettingValue] = field(default_factory=dict)
    """Inställningar: setting key -> its row (only the settings the sheet names)."""
    closed: tuple[Activity, ...] = ()
    """Avslutade: activities `arsskifte` moved out of the counted plan (their `raw` holds
    `closed_year`). Never counted; their IDs stay taken."""
    layouts: Mapping[str, SheetLayout] = field(default_factory=dict)
    """Sheet key (see schema) -> where its header and columns are."""
    contract: Any = None
    """The `schema.Contract` the plan was read by (None: the schema's own); every stage
    asks `schema.contract_of(plan)` for the fields it carries and shows."""
    unread_history: int = 0
    """Statushistorik rows left out of `history` (`read_workbook(periods=…)`: merge reads
    only the period it records)."""

    @property
    def has_history(self) -> bool:
        """Whether Statushistorik holds any snapshot, read or not."""
        return bool(self.history) or self.unread_history > 0

    def activity(self, activity_id: str) -> Activity | None:
        for activity in self.activities:
            if activity.id == activity_id:
                return activity
        return None

    def focus_area_name(self, number: int | None) -> str:
        for area in self.focus_areas:
            if area.number == number:
                return area.name
        return ""

    def focus_area_short_name(self, number: int | None) -> str:
        """`FO1 Företagsklimat` (see FocusArea.short_name); `FO<n>` for an unknown area."""
        for area in self.focus_areas:
            if area.number == number:
                return area.short_name
        return f"FO{number}" if number is not None else ""

    def assessment(self, period: str, focus_area: int) -> Assessment | None:
        """The focus area's assessment of the period (the last row if several)."""
        found = None
        for item in self.assessments:
            if item.period == period and item.focus_area == focus_area:
                found = item
        return found

    def decisions_for(self, activity_id: str) -> tuple[Decision, ...]:
        return tuple(d for d in self.decisions if d.activity_id == activity_id)

    @property
    def period_form(self) -> Form:
        """Periodindelning: how this huvuddokument divides the year (default: tertial).

        A value that names no form counts as the default (the reader says so: SETTING_INVALID).
        """
        found = self.settings.get("period_form")
        return (Form.parse(found.value) if found is not None else None) or DEFAULT_FORM

    def setting_text(self, key: str) -> str:
        """A setting's Värde as text, stripped ("" when empty or missing)."""
        found = self.settings.get(key)
        return "" if found is None or found.value is None else str(found.value).strip()
    @property
    def closed_years(self) -> tuple[int, ...]:
        """Stängda år: the years `arsskifte` closed (no merge into their periods)."""
        found = self.settings.get("closed_years")
        return years_in(found.value if found is not None else None)

    @property
    def municipality(self) -> str:
        """Kommunkod from Inställningar (`0181`), or empty. A code Excel took for a number
        (181) gets its leading zero back."""
        found = self.settings.get("municipality")
        value = found.value if found is not None else None
        if isinstance(value, (int, float)) and not isinstance(value, bool) \
                and float(value).is_integer():
            return f"{int(value):04d}"
        return "" if value is None else str(value).strip()

    def periods(self) -> list[str]:
        """Snapshot periods in the order of the periods they are of (`period_end`): a snapshot
        belongs to the period it was merged for, whatever day it was taken."""
        seen: dict[str, date] = {}
        for snap in self.history:
            seen.setdefault(snap.period, snap.date)
        # An opening snapshot taken the day of the first merge still comes before it.
        return sorted(seen, key=lambda p: (period_end(p, seen[p]), not is_opening(p), seen[p],
                                           p))

    def period_ends(self) -> dict[str, date]:
        """Snapshot period -> the day its snapshot stands for (`period_end`), in `periods`'
        order."""
        seen: dict[str, date] = {}
        for snap in self.history:
            seen.setdefault(snap.period, snap.date)
        return {p: period_end(p, seen[p]) for p in self.periods()}
