"""How wide text is in Excel's Calibri 11, and how many lines it wraps to in a column.

The one text-width estimator: every workbook plan-sheets writes sets the height of a row
of wrapped text from `text_lines` and `row_height`, so that no text is cut off and rows are
not taller than they need.
"""

from __future__ import annotations

import functools
import re

# Advance widths of Calibri's letters in thousandths of an em, measured on its metric
# twin Carlito, grouped by width. Other characters count as wide.
_WIDTHS = {
    221: "'", 226: " ", 230: "il", 239: "j", 250: ",’‘", 252: ".I", 268: ":;", 291: "`",
    303: "()", 305: "f", 306: "-", 307: "[]", 314: "{}", 319: "J", 326: "!", 335: "t",
    339: "°", 349: "r", 386: "/\\", 391: "s", 395: "z", 401: '"', 418: "”“", 420: "L",
    423: "c", 433: "x", 452: "v", 453: "y", 455: "k", 459: "FS", 460: "|", 463: "?",
    468: "Z", 471: "g", 479: "aåä", 487: "TY", 488: "EÉ", 498: "#*+<=>^_e~éè–§",
    507: "$0123456789€", 517: "P", 519: "X", 520: "K", 525: "bdhnpquü", 527: "oö", 529: "ø",
    533: "C", 543: "R", 544: "B", 567: "V", 579: "AÅÄ", 615: "D", 623: "H", 631: "G",
    642: "UÜ", 646: "N", 662: "OÖ", 664: "Ø", 671: "½", 673: "Q", 682: "&", 690: "…",
    715: "%w", 763: "Æ", 773: "æ", 799: "m", 855: "M", 890: "W", 894: "@", 905: "—",
}
_EM_PX = 11 * 96 / 72
"""Calibri 11 pt on a 96 dpi screen: pixels per em."""
_CHAR_PX = {c: w * _EM_PX / 1000 for w, chars in _WIDTHS.items() for c in chars}
_WIDE_PX = 700 * _EM_PX / 1000
_WIDEST_PX = max(_WIDE_PX, *_CHAR_PX.values())
_CELL_PADDING_PX = 3
_BOLD = 1.03
"""Calibri Bold (Carlito Bold) is about 3 % wider than the regular face."""

LINE_HEIGHT = 15.0
"""Points per line of Calibri 11."""
MAX_ROW_HEIGHT = 409.0
"""The tallest row Excel allows."""


@functools.lru_cache(maxsize=1 << 16)
def _word_px(word: str) -> float:
    return sum(_CHAR_PX.get(c, _WIDE_PX) for c in word)


# Lists repeat their texts (phases, responsible offices, status comments): each distinct
# text is measured once per width.
@functools.lru_cache(maxsize=1 << 16)
def text_lines(text: str, width: float, *, bold: bool = False) -> int:
    """How many lines `text` wraps to in a column `width` characters wide.

    A column `width` wide is 7 × width + 5 pixels on screen (Excel's measure, in the
    width of Calibri's `0`); the words are laid into it by their Calibri widths, as
    Excel and LibreOffice wrap them: at spaces and after hyphens, a word wider than the
    column between letters. Bold text is counted wider.

    Measured in LibreOffice (Carlito, December 2026) on 700 texts of the reports and
    the example, each in twelve widths from 8.3 to 60 (tests/excel/test_textwidth.py):
    - on screen (its optimal row heights) a column holds about 7 × width pixels of
      text: this room; rows of 15 points a line cut 4 of the 8,208 cells (by part of
      a line; its lines are 11.1 points apart);
    - printed (its PDF) a column holds 7.44 × width − 0.5 pixels, so a printed row
      often has room for a line more: never a line too few, a line too many in one
      cell of five. Rows sized for print would cut text on screen.
    """
    room = 7 * width + 5 - _CELL_PADDING_PX
    if bold:
        room /= _BOLD
    space = _CHAR_PX[" "]
    lines = 0
    for part in text.split("\n"):
        lines += 1
        used = 0.0
        for word in part.split():
            for k, piece in enumerate(_AFTER_HYPHENS.findall(word)):
                gap = 0.0 if k else space
                size = _word_px(piece)
                if used and used + gap + size <= room:
                    used += gap + size
                    continue
                if used:
                    lines += 1
                if size <= room:
                    used = size
                else:
                    extra, used = _broken(piece, room)
                    lines += extra
    return lines


_AFTER_HYPHENS = re.compile(r"[^-]*-|[^-]+")
"""A word's pieces that a line may end after: `Nöjd-`, `kund-`, `index`."""


def _broken(word: str, room: float) -> tuple[int, float]:
    """A word wider than the column, broken between letters, a line filled at a time: the
    lines it adds after its first and the width it takes on its last."""
    extra, used = 0, 0.0
    for letter in word:
        size = _CHAR_PX.get(letter, _WIDE_PX)
        if used and used + size > room:
            extra += 1
            used = 0.0
        used += size
    return extra, used


def always_fits(width: float) -> int:
    """The length up to which any text fits on one line of a column `width` wide, whatever
    its letters: shorter text need not be measured."""
    return int((7 * width + 5 - _CELL_PADDING_PX) / _WIDEST_PX)


def row_height(lines: int) -> float:
    """Points for a row of `lines` lines of Calibri 11 (at most Excel's tallest row)."""
    return min(MAX_ROW_HEIGHT, LINE_HEIGHT * max(1, lines))
