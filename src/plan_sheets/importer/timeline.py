"""Timelines as plans write them in one free-text cell: Start, Slut and Läge.

`2017`, `2017–2018`, `HT 2017`, `VT 2018`, `Q3 2018`, `Våren 2019`,
`december 2017`, `HT 2017–VT 2018`, `från 2018`, `Löpande`, `Klar`, `Pågår`,
and real date cells. A text that reads two ways (`2018/19`: two calendar years,
or one school year) is not read: both readings are given for a person to decide.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from plan_sheets.workbook.dates import _SWEDISH_MONTHS, YEAR_RANGE, parse_date
from plan_sheets.workbook.model import Phase
from plan_sheets.workbook.schema import fold, parse_phase


@dataclass(frozen=True)
class Timeline:
    """What a timeline cell says; `readings` holds the alternatives when it reads two ways."""

    start: dt.date | None = None
    end: dt.date | None = None
    ongoing: bool = False
    phase: Phase | None = None
    rule: str = ""
    readings: tuple[str, ...] = ()

    @property
    def understood(self) -> bool:
        return not self.readings and (self.start is not None or self.end is not None
                                      or self.ongoing or self.phase is not None)


_ONGOING = ("lopande", "tills vidare", "tillsvidare", "kontinuerligt", "arligen",
            "aterkommande", "fortlopande", "standigt", "hela perioden")
_SEASONS = {  # (first month, last month)
    "vt": (1, 6), "varterminen": (1, 6), "varen": (1, 6), "var": (3, 5),
    "ht": (7, 12), "hostterminen": (7, 12), "hosten": (7, 12), "host": (9, 11),
    "sommaren": (6, 8), "sommar": (6, 8), "vintern": (1, 2),
    "h1": (1, 6), "h2": (7, 12), "forsta halvaret": (1, 6), "andra halvaret": (7, 12),
    "q1": (1, 3), "q2": (4, 6), "q3": (7, 9), "q4": (10, 12),
    "kv1": (1, 3), "kv2": (4, 6), "kv3": (7, 9), "kv4": (10, 12),
    "t1": (1, 4), "t2": (5, 8), "t3": (9, 12),
    "borjan av": (1, 4), "mitten av": (5, 8), "slutet av": (9, 12),
}
_MONTHS = {fold(k): v for k, v in _SWEDISH_MONTHS.items()}
_WORDS = sorted({*_SEASONS, *_MONTHS}, key=len, reverse=True)
_PERIOD = re.compile(
    r"(?:(?P<word>" + "|".join(re.escape(w) for w in _WORDS) + r")\.?\s*)?(?P<year>\d{4})\b")
_SPLIT = re.compile(r"\s*(?:[-–—]|\bto?m\b|\btill\b|\bthrough\b)\s*")
_TWO_WAYS = re.compile(r"^(\d{4})\s*/\s*(\d{2}|\d{4})$")
_SHORT_RANGE = re.compile(r"^(\d{4})\s*[-–—]\s*(\d{2})$")
_FROM = re.compile(r"^(?:fran|fr o m|from|start|efter|fr\.o\.m\.)\s+(.*)$")
_AND_ON = re.compile(r"^(.*?)\s*(?:och framat|och framover|[-–—]\s*$)")


def _month_span(year: int, first: int, last: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, first, 1), dt.date(year, last, calendar.monthrange(year, last)[1])


def _norm(value: object) -> str:
    """Lower case without diacritics, dashes as `-`, single spaces (keeps `-` and `/`)."""
    text = unicodedata.normalize("NFKD", str(value).casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.replace("–", "-").replace("—", "-").split())


def _period(text: str) -> tuple[dt.date, dt.date] | None:
    """One period (`2017`, `ht 2017`, `december 2017`, `2017-03`) as (first, last day)."""
    text = text.strip(" .,")
    if not text:
        return None
    m = _PERIOD.fullmatch(text)
    if m:
        year = int(m["year"])
        if not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
            return None
        word = m["word"]
        if word is None:
            return _month_span(year, 1, 12)
        if word in _MONTHS:
            month = _MONTHS[word]
            return _month_span(year, month, month)
        return _month_span(year, *_SEASONS[word])
    m = re.fullmatch(r"(\d{4})\s*(q|kv|t|h)\s*(\d)", text)  # 2018 Q3
    if m and f"{m[2]}{m[3]}" in _SEASONS:
        return _month_span(int(m[1]), *_SEASONS[f"{m[2]}{m[3]}"])
    first, last = parse_date(text), parse_date(text, end=True)
    if first is not None and last is not None:
        return first, last
    return None


def _phase_word(text: str) -> tuple[Phase | None, str]:
    """A phase word at the start or end of the text (`Klar 2018`, `2018, pågår`)."""
    words = text.replace(",", " ").split()
    for take in (2, 1):
        if len(words) >= take:
            head, tail = " ".join(words[:take]), " ".join(words[-take:])
            for piece, rest in ((head, words[take:]), (tail, words[:-take])):
                phase = parse_phase(piece)
                if phase is not None:
                    return phase, " ".join(rest)
    return None, text


def parse_timeline(value: object) -> Timeline:
    """Start, Slut and Läge from one timeline cell (a date, a year number or free text)."""
    if value is None or value == "":
        return Timeline()
    if isinstance(value, (dt.date, dt.datetime)):
        day = value.date() if isinstance(value, dt.datetime) else value
        return Timeline(end=day, rule="ett datum i tidplanen är slutdatum")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if float(value).is_integer() and YEAR_RANGE[0] <= value <= YEAR_RANGE[1]:
            first, last = _month_span(int(value), 1, 12)
            return Timeline(first, last, rule="ett år: hela året")
        return Timeline()
    text = _norm(value)
    ongoing = any(word in text for word in _ONGOING)
    for word in _ONGOING:
        text = text.replace(word, " ")
    phase, text = _phase_word(text.strip(" ,.-"))
    text = text.strip(" ,.")
    if m := _TWO_WAYS.match(text):
        first = int(m[1])
        second = int(m[2]) if len(m[2]) == 4 else first // 100 * 100 + int(m[2])
        if second == first + 1:
            return Timeline(phase=phase, readings=(
                f"{first}-01-01 – {second}-12-31 (två kalenderår)",
                f"{first}-07-01 – {second}-06-30 (ett läsår, HT {first}–VT {second})"),
                rule=f"”{value}” kan läsas på två sätt")
    if m := _SHORT_RANGE.match(text):
        second = int(m[1]) // 100 * 100 + int(m[2])
        if second > int(m[1]):
            text = f"{m[1]}-{second}"
    start = end = None
    rule = ""
    if not text:
        pass
    elif (m := _FROM.match(text)) and (span := _period(m[1])):
        start, rule = span[0], "från en tidpunkt: startdatum"
    elif (m := _AND_ON.match(text)) and m[1] and (span := _period(m[1])):
        start, rule = span[0], "en tidpunkt och framåt: startdatum"
        ongoing = True
    elif (span := _period(text)) and span[0] == span[1]:
        end, rule = span[1], "ett datum i tidplanen är slutdatum"
    elif span:
        start, end = span
        rule = "en period: första och sista dagen"
    else:
        parts = [p for p in _SPLIT.split(text) if p]
        if len(parts) == 2 and (a := _period(parts[0])) and (b := _period(parts[1])) \
                and a[0] <= b[1]:
            start, end = a[0], b[1]
            rule = "från–till: första dagen i den första perioden, sista i den andra"
        elif len(parts) == 2 and re.fullmatch(r"[a-z]+", parts[0]) and \
                (b := _period(parts[1])):
            a = _period(f"{parts[0]} {b[0].year}")
            if a is not None and a[0] <= b[1]:
                start, end = a[0], b[1]
                rule = "från–till inom samma år"
        if start is None and end is None:
            if ongoing or phase is not None:
                text = ""
            else:
                return Timeline(rule=f"”{value}” går inte att läsa som tidplan")
    if text and start is None and end is None:
        return Timeline(rule=f"”{value}” går inte att läsa som tidplan")
    if ongoing:
        end = None
        rule = "startdatum; löpande: Slut Löpande" if start else "löpande: Slut Löpande"
    if phase is not None:
        word = f"Läge {phase.value}"
        rule = f"{rule}; {word}" if rule else word
    return Timeline(start, end, ongoing, phase, rule)
