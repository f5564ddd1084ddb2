"""Follow-up periods: the labels DESIGN.md names, and the days each covers.

A period is a tertial (`2026-T3`), a quarter (`2026-K2`, or `2026-Q2`), a half
year (`2026-H1`), a month (`2026-05`) or a year (`2026`). Every command that takes
`--period` reads it with `Period.parse`, which refuses anything else (a label
becomes part of file names and of Statushistorik, so `hej` or `../../x` must
never get that far). Which form a huvuddokument follows up by is its setting
Periodindelning (`Form`, default tertial).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from enum import Enum

from plan_sheets.errors import UsageProblem


class Form(Enum):
    """How a year is divided into follow-up periods; the value is its Swedish name."""

    TERTIAL = "Tertial"
    QUARTER = "Kvartal"
    HALF = "Halvår"
    MONTH = "Månad"
    YEAR = "År"

    @property
    def months(self) -> int:
        return _MONTHS[self]

    @property
    def per_year(self) -> int:
        return 12 // self.months

    @classmethod
    def parse(cls, text: object) -> Form | None:
        """The form a setting's value names (`Tertial`, `kvartal`, `Halvår` …), or None."""
        folded = _fold(text)
        return _FORM_WORDS.get(folded)


_MONTHS = {Form.TERTIAL: 4, Form.QUARTER: 3, Form.HALF: 6, Form.MONTH: 1, Form.YEAR: 12}
_LETTERS = {"T": Form.TERTIAL, "Q": Form.QUARTER, "K": Form.QUARTER, "H": Form.HALF}
_LETTER_OF = {Form.TERTIAL: "T", Form.QUARTER: "K", Form.HALF: "H"}
_FORM_WORDS = {
    **{w: Form.TERTIAL for w in ("tertial", "tertialer", "t")},
    **{w: Form.QUARTER for w in ("kvartal", "quarter", "k", "q")},
    **{w: Form.HALF for w in ("halvar", "halvars", "halvaar", "half year", "h")},
    **{w: Form.MONTH for w in ("manad", "manader", "month", "m")},
    **{w: Form.YEAR for w in ("ar", "helar", "year", "y")},
}

DEFAULT_FORM = Form.TERTIAL
"""Swedish municipalities follow up per tertial (January–April, May–August, September–
December) unless their huvuddokument says otherwise."""

ACCEPTED = ("2026-T3 (tertial), 2026-K2 eller 2026-Q2 (kvartal), 2026-H1 (halvår), "
            "2026-05 (månad) eller 2026 (helår)")
"""The accepted forms, as every message about a period label lists them."""

_NUMBERED = re.compile(r"^(\d{4})\s*[-_ ]?\s*([TQKH])\s*(\d{1,2})$", re.IGNORECASE)
_MONTH = re.compile(r"^(\d{4})\s*-\s*(\d{1,2})$")
_YEAR = re.compile(r"^(\d{4})$")
YEARS = (1900, 2200)


def _fold(text: object) -> str:
    import unicodedata

    s = unicodedata.normalize("NFKD", str(text or "")).casefold()
    return " ".join("".join(ch for ch in s if not unicodedata.combining(ch)).split())


class PeriodInvalid(UsageProblem):
    """A period label of none of the accepted forms (exit 2)."""

    def __init__(self, text: object) -> None:
        super().__init__(f"”{text}” är ingen period som plan-sheets känner till.",
                         hint=f"Skriv perioden som {ACCEPTED}.")
        self.text = text


@dataclass(frozen=True)
class Period:
    """One follow-up period: its year, form and number within the year (1 for a year).

    Two labels of the same period are equal (`2026-Q2` == `2026-K2`); `label` is
    the one written into files and sheets.
    """

    year: int
    form: Form
    number: int = 1
    letter: str = field(default="", compare=False, repr=False)
    """For a quarter: the letter it was typed with (K or Q), kept in its label."""

    def __post_init__(self) -> None:
        if not (YEARS[0] <= self.year <= YEARS[1] and 1 <= self.number <= self.form.per_year):
            raise PeriodInvalid(f"{self.year} {self.form.value} {self.number}")

    # --- reading ---------------------------------------------------------------------------

    @classmethod
    def parse(cls, text: object) -> Period:
        """The period a label names. Raises PeriodInvalid for anything else."""
        found = cls.read(text)
        if found is None:
            raise PeriodInvalid(text)
        return found

    @classmethod
    def read(cls, text: object) -> Period | None:
        """The period a label names, or None (a Statushistorik cell from an older version)."""
        if isinstance(text, Period):
            return text
        if isinstance(text, bool) or text is None:
            return None
        if isinstance(text, (int, float)):
            text = str(int(text)) if float(text).is_integer() else str(text)
        label = str(text).strip()
        try:
            if m := _NUMBERED.match(label):
                letter = m[2].upper()
                return cls(int(m[1]), _LETTERS[letter], int(m[3]),
                           letter if letter in "QK" else "")
            if m := _MONTH.match(label):
                return cls(int(m[1]), Form.MONTH, int(m[2]))
            if _YEAR.match(label):
                return cls(int(label), Form.YEAR)
        except PeriodInvalid:
            return None
        return None

    @classmethod
    def containing(cls, day: dt.date, form: Form = DEFAULT_FORM) -> Period:
        """The period of `form` that `day` falls in."""
        return cls(day.year, form, (day.month - 1) // form.months + 1)

    @classmethod
    def last_of_year(cls, year: int, form: Form = DEFAULT_FORM) -> Period:
        """The year's last period of `form` (`2026-T3`, `2026-K4`, `2026-12` …)."""
        return cls(year, form, form.per_year)

    # --- what it is ---------------------------------------------------------------------------

    @property
    def label(self) -> str:
        if self.form is Form.YEAR:
            return str(self.year)
        if self.form is Form.MONTH:
            return f"{self.year}-{self.number:02d}"
        return f"{self.year}-{self.letter or _LETTER_OF[self.form]}{self.number}"

    def __str__(self) -> str:
        return self.label

    @property
    def first(self) -> dt.date:
        """The period's first day."""
        return dt.date(self.year, (self.number - 1) * self.form.months + 1, 1)

    @property
    def last(self) -> dt.date:
        """The period's last day."""
        month = self.number * self.form.months
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def holds(self, day: dt.date | None) -> bool:
        return day is not None and self.first <= day <= self.last

    @property
    def key(self) -> tuple[dt.date, dt.date]:
        """Orders periods by when they end (then by when they begin)."""
        return self.last, self.first

    # --- neighbours ------------------------------------------------------------------------

    def previous(self) -> Period:
        if self.number > 1:
            return Period(self.year, self.form, self.number - 1, self.letter)
        return Period(self.year - 1, self.form, self.form.per_year, self.letter)

    def next(self) -> Period:
        if self.number < self.form.per_year:
            return Period(self.year, self.form, self.number + 1, self.letter)
        return Period(self.year + 1, self.form, 1, self.letter)

    def is_last_of_year(self) -> bool:
        return self.number == self.form.per_year


def grace_days(form: Form) -> int:
    """The first days of a period in which files most likely still report the one before:
    four weeks, or ten days of a month."""
    return 10 if form is Form.MONTH else 28


def same_period(label: str, period: str) -> bool:
    """Whether the label (a Statushistorik cell) names `period`: as typed, or as the same
    period spelt another way (`2026-Q2` is `2026-K2`)."""
    if label == period:
        return True
    wanted = Period.read(period)
    return wanted is not None and Period.read(label) == wanted


def likely_reported(today: dt.date, form: Form = DEFAULT_FORM) -> tuple[Period, bool]:
    """The period that files merged on `today` most likely report, and whether that is the
    period just ended (`today` lies in the first weeks of a new one, `grace_days`)."""
    current = Period.containing(today, form)
    if (today - current.first).days < grace_days(form):
        return current.previous(), True
    return current, False
