"""What an old plan's Status cell shows: its text, fill, font colour, conditional formats.

Reads openpyxl cells (the old workbook is opened in full mode: read-only mode
has the fills but not the merged cells and conditional formats an old plan's
layout and colours depend on).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from plan_sheets.workbook.colours import resolve

SYMBOLS = frozenset("●⬤○◉•■□▲▼◆♦★☻")
_EQUALS_TEXT = re.compile(r'^\s*\$?[A-Z]{1,3}\$?\d+\s*=\s*"(.*)"\s*$', re.IGNORECASE)


def colour_rgb(colour: Any, palette: tuple[str, ...]) -> str | None:
    """RGB hex of an openpyxl Color (rgb, theme+tint or indexed), or None."""
    if colour is None:
        return None
    kind = getattr(colour, "type", None)
    tint = getattr(colour, "tint", 0.0) or 0.0
    if kind == "rgb":
        return resolve(rgb=colour.rgb, tint=tint)
    if kind == "theme":
        return resolve(theme=colour.theme, tint=tint, palette=palette)
    if kind == "indexed":
        return resolve(indexed=colour.indexed, tint=tint)
    return None


def fill_rgb(fill: Any, palette: tuple[str, ...], *, differential: bool = False) -> str | None:
    """The colour a fill paints (a conditional format's fill keeps it in bgColor)."""
    if fill is None:
        return None
    pattern = getattr(fill, "patternType", None) or getattr(fill, "fill_type", None)
    if differential:
        return colour_rgb(fill.bgColor, palette) or colour_rgb(fill.fgColor, palette)
    if pattern in (None, "none"):
        return None
    return colour_rgb(fill.fgColor, palette) or colour_rgb(fill.bgColor, palette)


@dataclass(frozen=True)
class Painted:
    """A colour and where it came from (Swedish, for the Import sheet)."""

    rgb: str
    how: str


class ConditionalFormats:
    """The conditional formats of one sheet that can be read without Excel's engine.

    `cellIs` equal to a text, `containsText`/`beginsWith`/`endsWith`, and a formula
    that compares the cell to a text (`$F3="OK"`); others are named, not evaluated.
    """

    def __init__(self, ws: Any, palette: tuple[str, ...]) -> None:
        self.palette = palette
        self.rules: list[tuple[Any, Any]] = []
        for ranges in ws.conditional_formatting:
            for rule in ranges.rules:
                self.rules.append((ranges.sqref, rule))

    def paint(self, cell: Any) -> Painted | str | None:
        """The colour a rule gives the cell, a Swedish note of an unreadable rule, or None."""
        if not self.rules:
            return None
        text = "" if cell.value is None else str(cell.value).strip()
        unreadable = None
        for sqref, rule in sorted(self.rules, key=lambda item: item[1].priority or 0):
            if cell.coordinate not in sqref:
                continue
            matched = _matches(rule, text)
            if matched is None:
                unreadable = f"villkorsstyrd formatering ({rule.type}) som inte kan tolkas"
                continue
            if not matched:
                continue
            dxf = rule.dxf
            rgb = fill_rgb(dxf.fill, self.palette, differential=True) if dxf and dxf.fill \
                else None
            how = "villkorsstyrd fyllnadsfärg"
            if rgb is None and dxf is not None and dxf.font is not None:
                rgb, how = colour_rgb(dxf.font.color, self.palette), "villkorsstyrd teckenfärg"
            if rgb:
                return Painted(rgb, how)
        return unreadable


def _matches(rule: Any, text: str) -> bool | None:
    kind = rule.type
    folded = text.casefold()
    if kind == "cellIs" and rule.operator in ("equal", "notEqual") and rule.formula:
        wanted = rule.formula[0].strip()
        if wanted.startswith('"') and wanted.endswith('"'):
            equal = folded == wanted[1:-1].replace('""', '"').casefold()
            return equal if rule.operator == "equal" else not equal
        return None
    if kind in ("containsText", "notContainsText", "beginsWith", "endsWith") and rule.text:
        needle = rule.text.casefold()
        return {"containsText": needle in folded, "notContainsText": needle not in folded,
                "beginsWith": folded.startswith(needle),
                "endsWith": folded.endswith(needle)}[kind]
    if kind == "expression" and rule.formula:
        if m := _EQUALS_TEXT.match(rule.formula[0]):
            return folded == m[1].casefold()
        return None
    if kind in ("containsBlanks",):
        return not text
    if kind in ("notContainsBlanks",):
        return bool(text)
    return None


def painted(cell: Any, palette: tuple[str, ...],
            formats: ConditionalFormats) -> tuple[list[Painted], str | None]:
    """Every colour that may carry a status, strongest first, and a note of an unread rule.

    A conditional format paints over the fill; a symbol (`●`) speaks by its font colour.
    """
    found: list[Painted] = []
    note = None
    rule = formats.paint(cell)
    if isinstance(rule, Painted):
        found.append(rule)
    elif isinstance(rule, str):
        note = rule
    text = "" if cell.value is None else str(cell.value).strip()
    if text and all(ch in SYMBOLS or ch.isspace() for ch in text):
        rgb = colour_rgb(cell.font.color, palette) if cell.font else None
        if rgb:
            found.append(Painted(rgb, f"symbolen {text} i teckenfärg"))
    rgb = fill_rgb(cell.fill, palette)
    if rgb:
        found.append(Painted(rgb, "fyllnadsfärg"))
    return found, note
