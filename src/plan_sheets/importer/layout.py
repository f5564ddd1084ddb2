"""Where an old plan keeps what: its activity sheets, header row, columns and heading rows.

An old plan may be one sheet or one sheet per focus area, with title rows above
the header and *heading rows* (a focus area, an intervention area with its
"där kommunen …" text; often merged across the row, bold, filled) between the
activities instead of columns. This module only looks; `convert` interprets.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from plan_sheets.errors import UsageProblem
from plan_sheets.excel.addresses import column_number
from plan_sheets.workbook.schema import ACTIVITIES, fold, match_header, match_headers

TIMELINE = "timeline"
"""A free-text timeline column (`Tidplan`): not a contract field, read into Start/Slut/Läge."""
TIMELINE_HEADERS = ("tidplan", "tidsplan", "tid", "tidsperiod", "tidsram", "period", "nar",
                    "genomforande", "genomforandetid", "tidpunkt", "when", "timeline")
HEADER_SEARCH = 25
"""An old plan's header row is looked for within this many rows (titles sit above it)."""

_FOCUS_HEADING = re.compile(
    r"^(?:fokusomr[aå]de|strategiskt omr[aå]de|omr[aå]de|fo)\s*(\d{1,2})\b\s*[:.\-–]?\s*(.*)$",
    re.IGNORECASE | re.DOTALL)
_AREA_HEADING = re.compile(
    r"^(?:insatsomr[aå]de|io)?\s*(\d{1,2})\s*\.\s*(\d{1,2})\.?(?!\s*\.?\s*\d)\s*[:.\-–]?\s*(.*)$",
    re.IGNORECASE | re.DOTALL)
_NUMBERED = re.compile(r"^(\d{1,2})\s*[.:)]\s*(\D.*)$", re.DOTALL)
_DAR_KOMMUNEN = re.compile(r"\bd[aä]r kommunen\b\s*[:,]?\s*", re.IGNORECASE)
_GENOM_ATT = re.compile(r"\s*\bgenom att\b", re.IGNORECASE)


@dataclass(frozen=True)
class Columns:
    """Field key (contract keys and `timeline`) -> column number; the rest are the staff's."""

    fields: Mapping[str, int]
    headers: Mapping[int, str]
    """Column number -> header text as written."""
    chosen: Mapping[str, str] = field(default_factory=dict)
    """Field key -> why that column (`--column`, or the header's words)."""

    def staff(self) -> dict[int, str]:
        used = set(self.fields.values())
        return {c: h for c, h in self.headers.items() if c not in used}


def field_of_header(text: object) -> str | None:
    """The field an old plan's header names: a contract field, or the timeline."""
    if not isinstance(text, str) or not text.strip():
        return None
    if fold(text) in TIMELINE_HEADERS:
        return TIMELINE
    return match_header(ACTIVITIES, text)


def parse_column_options(options: Sequence[str]) -> dict[str, int]:
    """`Status=F`, `Tidplan=5` -> {field key: column number}; raises UsageProblem."""
    out: dict[str, int] = {}
    for option in options:
        name, sep, where = option.partition("=")
        key = field_of_header(name.strip())
        where = where.strip()
        if not sep or key is None:
            known = ", ".join([*ACTIVITIES.headers, "Tidplan"])
            raise UsageProblem(f"--column {option}: okänd kolumn ”{name.strip()}”.",
                               hint=f"Skriv t.ex. --column Status=F; kolumnerna heter {known}.")
        if where.isdigit() and int(where) >= 1:
            out[key] = int(where)
        elif re.fullmatch(r"[A-Za-z]{1,3}", where):
            out[key] = column_number(where)
        else:
            raise UsageProblem(f"--column {option}: ”{where}” är ingen kolumn.",
                               hint="Ange kolumnens bokstav (F) eller nummer (6).")
    return out


def header_score(row: Sequence[Any]) -> int:
    """How many distinct fields a row's texts name (the header row names the most)."""
    named = {c: v for c, v in enumerate(row) if isinstance(v, str) and v.strip()}
    keys = set(match_headers(ACTIVITIES, named).values())
    keys |= {TIMELINE for v in named.values() if fold(v) in TIMELINE_HEADERS}
    return len(keys) + (2 if "title" in keys else 0)


def find_header_row(rows: Sequence[Sequence[Any]], *, given: int | None = None) -> int | None:
    """1-based header row: `given`, or the best-scoring of the first rows (None: no header)."""
    if given is not None:
        return given if given <= len(rows) else None
    best: tuple[int, int] | None = None
    for index, row in enumerate(rows[:HEADER_SEARCH]):
        score = header_score(row)
        if score >= 4 and (best is None or score > best[1]):
            best = (index + 1, score)
    return best[0] if best else None


def map_columns(header: Sequence[Any], overrides: Mapping[str, int]) -> Columns:
    """The header row's fields; `overrides` (from --column) win over the headers' words."""
    headers = {c: str(v).strip() for c, v in enumerate(header, start=1)
               if v is not None and str(v).strip()}
    fields: dict[str, int] = {}
    chosen: dict[str, str] = {}
    named = {c: h for c, h in headers.items() if c not in overrides.values()}
    for col, key in match_headers(ACTIVITIES, named).items():
        if key not in fields and key not in overrides:
            fields[key] = col
            chosen[key] = f"rubriken ”{headers[col]}”"
    for col, text in named.items():
        if fold(text) in TIMELINE_HEADERS and TIMELINE not in fields and TIMELINE not in overrides:
            fields[TIMELINE] = col
            chosen[TIMELINE] = f"rubriken ”{text}”"
    for key, col in overrides.items():
        fields[key] = col
        chosen[key] = "--column"
        headers.setdefault(col, ACTIVITIES.field(key).header if key != TIMELINE else "Tidplan")
    if "title" not in fields:
        for stand_in in ("description", "action"):
            if stand_in in fields:
                fields["title"] = fields.pop(stand_in)
                chosen["title"] = f"rubriken ”{headers[fields['title']]}” (ingen kolumn Aktivitet)"
                break
    return Columns(fields=fields, headers=headers, chosen=chosen)


@dataclass(frozen=True)
class Heading:
    """A heading row's text, with what its words say."""

    text: str
    focus: int | None = None
    """A focus area's number the heading names (`Fokusområde 2`, `2. Kompetens`)."""
    area: tuple[int, int] | None = None
    """An intervention area's `(F, I)` the heading names (`1.3 …`)."""
    number: int | None = None
    """A bare number in front (`1. Där kommunen …`): which level is told by the rest."""
    intervention: bool = False
    """The words say intervention area (`där kommunen`, `Insatsområde`)."""
    focus_word: bool = False
    name: str = ""
    """The text without its number and label."""
    approach: str = ""
    """A "Genom att …" part."""


def read_heading(text: str) -> Heading:
    text = " ".join(text.split())
    if m := _AREA_HEADING.match(text):
        name, approach = _area_text(m[3])
        return Heading(text, focus=int(m[1]), area=(int(m[1]), int(m[2])), intervention=True,
                       name=name, approach=approach)
    if m := _FOCUS_HEADING.match(text):
        rest = m[2].strip(" :.-–")
        if _DAR_KOMMUNEN.search(rest):
            name, approach = _area_text(rest)
            return Heading(text, number=int(m[1]), intervention=True, name=name,
                           approach=approach)
        return Heading(text, focus=int(m[1]), focus_word=True, name=rest)
    intervention = bool(re.match(r"^(insatsomr[aå]de|io)\b", text, re.IGNORECASE)) or \
        bool(_DAR_KOMMUNEN.search(text))
    body = re.sub(r"^(insatsomr[aå]de|io)\s*[:.\-–]?\s*", "", text, flags=re.IGNORECASE)
    number = None
    if m := _NUMBERED.match(body):
        number, body = int(m[1]), m[2].strip()
    if intervention:
        name, approach = _area_text(body)
        return Heading(text, number=number, intervention=True, name=name, approach=approach)
    return Heading(text, number=number, name=body.strip(" :.-–"))


def _area_text(text: str) -> tuple[str, str]:
    """The intervention area's own text (after "där kommunen") and its "Genom att …"."""
    m = _DAR_KOMMUNEN.search(text)
    body = text[m.end():] if m else text
    parts = _GENOM_ATT.split(body, maxsplit=1)
    name = parts[0].strip(" :.-–,")
    approach = ""
    if len(parts) == 2:
        found = _GENOM_ATT.search(body)
        approach = body[found.start():].strip() if found else ""
        approach = approach[0].upper() + approach[1:] if approach else ""
    if name and m:
        name = name[0].lower() + name[1:] if not name[:2].isupper() else name
        name = name if name.endswith((".", "!", "?")) else name
    return name, approach


def sheet_focus(name: str) -> int | None:
    """The focus area a sheet's name gives (`Fokusområde 2`, `FO2`, `2. Kompetens`, `2`)."""
    text = name.strip()
    if m := _FOCUS_HEADING.match(text):
        return int(m[1])
    if m := re.match(r"^(\d{1,2})(?:\s*[.:)\-–]\s*|\s+|$)", text):
        return int(m[1])
    return None
