"""Column widths: `<cols>/<col>` set for some columns, every other column kept as it was.

Widths are given in characters as Excel's column-width dialog shows them (the
unit of xlsxwriter's `set_column` and of the schema's `Field.width`). The file
stores a little more: the padding Excel adds around the text. `stored_width`
converts as Excel and xlsxwriter do for the default font (Calibri 11, whose
digits are 7 pixels wide), so a width set here matches one `init` wrote.

A column's current width, in the stored unit, is read as Excel reads it:
1. the `width` of the `<col>` that covers the column;
2. else the sheet's `<sheetFormatPr defaultColWidth>`;
3. else its `baseColWidth` (8 when absent) in characters, plus the padding,
   rounded up to whole 8 pixels as Excel does: Excel's 8.43 for the default.

A `<col>` covers a range of columns and carries their style, hidden state,
outline level and more. Setting the width of one column of a range splits the
range so that every other column keeps exactly what it had, and the set one
keeps all but its width.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Mapping

from lxml import etree

from plan_sheets.lossless import xmlparts
from plan_sheets.lossless.problems import Damage
from plan_sheets.lossless.sheetxml import WORKSHEET_ORDER, Worksheet

DIGIT_PIXELS = 7
"""The width of a digit of Calibri 11, Excel's default font, in pixels."""
PADDING_PIXELS = 5
DEFAULT_BASE_WIDTH = 8
_TRUE = ("1", "true")


def stored_width(chars: float) -> float:
    """The `<col width>` Excel stores for a column `chars` characters wide."""
    if chars < 1:
        pixels = int(chars * (DIGIT_PIXELS + PADDING_PIXELS) + 0.5)
    else:
        pixels = int(chars * DIGIT_PIXELS + 0.5) + PADDING_PIXELS
    return _from_pixels(pixels)


def _from_pixels(pixels: int) -> float:
    return (pixels * 256 // DIGIT_PIXELS) / 256


def default_width(ws: Worksheet) -> float:
    """The stored width of a column that no `<col>` sets."""
    fmt = ws.root.find(ws.q("sheetFormatPr"))
    if fmt is not None and fmt.get("defaultColWidth"):
        width = _number(fmt.get("defaultColWidth", ""), ws, "defaultColWidth")
        if width >= 0:
            return width
    base = DEFAULT_BASE_WIDTH
    if fmt is not None and fmt.get("baseColWidth"):
        base = max(0, int(_number(fmt.get("baseColWidth", ""), ws, "baseColWidth")))
    pixels = base * DIGIT_PIXELS + PADDING_PIXELS
    return _from_pixels(math.ceil(pixels / 8) * 8)


def current_widths(ws: Worksheet, columns: list[int]) -> dict[int, float]:
    """The stored width of each of `columns`, read as described above."""
    spans = _spans(ws)
    fallback: float | None = None
    found: dict[int, float] = {}
    for c in columns:
        col = _covering(spans, c)
        if col is not None and col.get("width"):
            found[c] = _number(col.get("width", ""), ws, "width")
            continue
        if fallback is None:
            fallback = default_width(ws)
        found[c] = fallback
    return found


def set_widths(ws: Worksheet, widths: Mapping[int, float], *, widen_only: bool) -> list[int]:
    """Set the columns' widths (characters); returns the columns whose `<col>` changed.

    With `widen_only`, a column already at least as wide keeps its width, and a
    hidden column (hidden, or 0 wide) is left alone: widening it would show it.
    Nothing in the part changes when no width does.
    """
    wanted = {c: _format(stored_width(w)) for c, w in widths.items()}
    spans = _spans(ws)
    now = current_widths(ws, sorted(wanted))
    changing: dict[int, str] = {}
    for c, width in sorted(wanted.items()):
        col = _covering(spans, c)
        if widen_only:
            if col is not None and _hidden(col, ws):
                continue
            if float(width) <= now[c] + 0.5 / 256:
                continue
        elif col is not None and col.get("width") == width \
                and col.get("customWidth") in _TRUE and not col.get("bestFit"):
            continue
        changing[c] = width
    if not changing:
        return []
    changed = sorted(changing)
    cols = _single_cols(ws)
    for col in [el for el in cols if xmlparts.local(el) == "col"]:
        lo, hi = _range(col, ws)
        inside = sorted(c for c in changing if lo <= c <= hi)
        if inside:
            _split(cols, col, lo, hi, {c: changing.pop(c) for c in inside})
    for c, width in sorted(changing.items()):
        col = etree.Element(ws.q("col"))
        for key, value in (("min", str(c)), ("max", str(c)), ("width", width),
                           ("customWidth", "1")):
            col.set(key, value)
        _insert_sorted(cols, col, c, ws)
    return changed


def _split(cols: etree._Element, col: etree._Element, lo: int, hi: int,
           changes: dict[int, str]) -> None:
    """Replace `col` (columns lo..hi) by pieces: each changed column alone, the rest as ranges."""
    pieces: list[etree._Element] = []
    start = lo
    for c in sorted(changes):
        if start < c:
            pieces.append(_piece(col, start, c - 1))
        piece = _piece(col, c, c)
        piece.set("width", changes[c])
        piece.set("customWidth", "1")
        piece.attrib.pop("bestFit", None)
        pieces.append(piece)
        start = c + 1
    if start <= hi:
        pieces.append(_piece(col, start, hi))
    tail = col.tail
    at = cols.index(col)
    cols.remove(col)
    for offset, piece in enumerate(pieces):
        piece.tail = tail if offset == len(pieces) - 1 else None
        cols.insert(at + offset, piece)


def _piece(col: etree._Element, lo: int, hi: int) -> etree._Element:
    piece = copy.deepcopy(col)
    piece.set("min", str(lo))
    piece.set("max", str(hi))
    return piece


def _insert_sorted(cols: etree._Element, new: etree._Element, c: int, ws: Worksheet) -> None:
    for i, existing in enumerate(cols):
        if xmlparts.local(existing) == "col" and _range(existing, ws)[0] > c:
            cols.insert(i, new)
            return
    cols.append(new)


def _single_cols(ws: Worksheet) -> etree._Element:
    """The sheet's one `<cols>`, made when absent (several, which Excel never writes, join)."""
    all_cols = ws.root.findall(ws.q("cols"))
    if not all_cols:
        return xmlparts.insert_in_order(ws.root, etree.Element(ws.q("cols")), WORKSHEET_ORDER)
    first = all_cols[0]
    for extra in all_cols[1:]:
        for col in list(extra):
            first.append(col)
        ws.root.remove(extra)
    return first


def _spans(ws: Worksheet) -> list[tuple[int, int, etree._Element]]:
    spans = []
    for cols in ws.root.findall(ws.q("cols")):
        for col in cols:
            if xmlparts.local(col) == "col":
                lo, hi = _range(col, ws)
                spans.append((lo, hi, col))
    return spans


def _covering(spans: list[tuple[int, int, etree._Element]], c: int) -> etree._Element | None:
    return next((col for lo, hi, col in spans if lo <= c <= hi), None)


def _hidden(col: etree._Element, ws: Worksheet) -> bool:
    if col.get("hidden") in _TRUE:
        return True
    return bool(col.get("width")) and _number(col.get("width", ""), ws, "width") == 0


def _range(col: etree._Element, ws: Worksheet) -> tuple[int, int]:
    try:
        lo, hi = int(col.get("min", "")), int(col.get("max", ""))
    except ValueError:
        lo = hi = 0
    if not 1 <= lo <= hi:
        raise Damage(f"kolumnbredderna i bladet {ws.sheet} går inte att läsa "
                     f"(min={col.get('min')!r}, max={col.get('max')!r})", part=ws.part)
    return lo, hi


def _number(text: str, ws: Worksheet, what: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise Damage(f"kolumnbredderna i bladet {ws.sheet} går inte att läsa "
                     f"({what}={text!r})", part=ws.part)
    return value


def _format(width: float) -> str:
    return f"{width:.16g}"
