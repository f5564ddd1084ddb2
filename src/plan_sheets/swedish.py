"""Numbers, dates and labels written the Swedish way, without relying on locales.

A municipality's documents write `1 234,5`, `75 %` and `26 november 2026`; a
machine's locale may be anything, so the rules are spelt out here.
"""

from __future__ import annotations

import re
import textwrap
import unicodedata
from datetime import date

THIN_SPACE = "\u202f"
"""Narrow no-break space: between thousands, and before `%`, so a number never breaks."""

MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
          "september", "oktober", "november", "december")


def number(value: float | int, decimals: int | None = None) -> str:
    """`1 234,5`: decimal comma, thin spaces between thousands, a real minus sign.

    Without `decimals`, whole numbers get none and others one.
    """
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 1
    text = f"{abs(value):,.{decimals}f}".replace(",", THIN_SPACE).replace(".", ",")
    return ("−" if value < 0 and text.strip("0,\u202f") else "") + text


def percent(share: float) -> str:
    """A share 0–1 as `75 %` (whole percent)."""
    return f"{number(round(share * 100))}{THIN_SPACE}%"


def long_date(day: date) -> str:
    """`26 november 2026`."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def short_date(day: date) -> str:
    """`26 nov. 2026` (`maj` and the four-letter months are not shortened)."""
    name = MONTHS[day.month - 1]
    return f"{day.day} {name if len(name) <= 4 else name[:3] + '.'} {day.year}"


def noun(n: int, one: str, many: str) -> str:
    """`one` for exactly one, `many` for any other count."""
    return one if n == 1 else many


def plural(n: int, one: str, many: str, *, grouped: bool = True) -> str:
    """`1 234 aktiviteter`, `1 aktivitet`; `grouped=False` writes the digits alone
    (`1234 aktiviteter`), as the terminal's lines do."""
    return f"{number(n) if grouped else n} {noun(n, one, many)}"


def shorten(text: str, width: int) -> str:
    """`text` cut at a word boundary to at most `width` characters, with ` …` if cut."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    return textwrap.shorten(text, width=width, placeholder=" …")


def wrap_label(text: str, width: int, lines: int = 2) -> str:
    """`text` wrapped to `width` characters in at most `lines` lines, the last cut with ` …`."""
    wrapped = textwrap.wrap(" ".join(text.split()), width=width) or [""]
    if len(wrapped) <= lines:
        return "\n".join(wrapped)
    rest = " ".join(wrapped[lines - 1:])
    return "\n".join([*wrapped[:lines - 1], shorten(rest, width)])


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str, width: int = 40) -> str:
    """`Ett bättre företagsklimat` -> `ett-battre-foretagsklimat`: ASCII for file names."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    ascii_text = "".join(ch for ch in folded if not unicodedata.combining(ch))
    words = _NOT_SLUG.sub(" ", ascii_text).split()
    out = ""
    for word in words:
        candidate = f"{out}-{word}" if out else word
        if len(candidate) > width:
            break
        out = candidate
    return out or (words[0][:width] if words else "")


_UNIT_BEFORE = {"placering": "plats", "plats": "plats", "rang": "plats", "ranking": "plats",
                "index": "index", "nki": "NKI"}
"""Units read before the number: a ranking place is `plats 138`, not `138 placering`."""
_UNIT_NONE = {"antal", "st", "st.", "stycken", "count"}
"""Units that add nothing after a number: `361 000`, not `361 000 antal`."""
_UNIT_WORDS = {"%": "procent", "procent": "procent", "kr": "kronor", "tkr": "tusen kronor",
               "mkr": "miljoner kronor", "ha": "hektar"}


def quantity(value: float | int, unit: str = "", decimals: int | None = None) -> str:
    """A measured value with its unit as a Swedish reader says it.

    `plats 138` (placering), `10,1 procent` (procent or %), `361 000` (antal),
    `55 hektar`; an unknown unit follows the number as written.
    """
    text = number(value, decimals)
    key = " ".join(unit.split()).casefold()
    if not key or key in _UNIT_NONE:
        return text
    if key in _UNIT_BEFORE:
        return f"{_UNIT_BEFORE[key]} {text}"
    return f"{text} {_UNIT_WORDS.get(key, unit.strip())}"


def is_ranking(unit: str) -> bool:
    """Is the unit a place in a ranking (1 is best, so a chart shows it at the top)?"""
    return _UNIT_BEFORE.get(" ".join(unit.split()).casefold()) == "plats"
