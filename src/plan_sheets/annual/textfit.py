"""The pack's fonts, and text measured without drawing it (for chart labels).

The report uses Carlito (metrically the same as Calibri, the municipality's
Office font) for text and charts, shipped beside this module under the SIL
Open Font License (fonts/OFL.txt), so that the PDF and the PNGs look the same
on every machine, Windows without Carlito included. It is the only face: a
character Carlito cannot show (an emoji, a Chinese name) is shown as `?`
(`printable`), in the charts as in the text, and the charts' symbols are
drawn, not set as glyphs.

Typst lays out the PDF's text and tables; only the charts need widths
measured here, to size the room for their category labels.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any

FONT = "Carlito"
FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT_FILES = {False: FONT_DIR / "Carlito-Regular.ttf", True: FONT_DIR / "Carlito-Bold.ttf"}
REPLACEMENT = "?"


def font_dirs() -> list[Path]:
    """The folders holding every font the pack uses: its own only."""
    return [FONT_DIR]


@lru_cache(maxsize=1)
def _shown() -> frozenset[int]:
    """Code points both shipped faces can show."""
    from matplotlib import ft2font

    maps = [set(ft2font.FT2Font(str(path)).get_charmap()) for path in FONT_FILES.values()]
    return frozenset(set.intersection(*maps))


def printable(value: Any) -> Any:
    """`value` with every string cleaned for the PDF and the charts: control characters
    dropped, and a character Carlito lacks (a Chinese name, an emoji) shown as `?`."""
    if isinstance(value, str):
        shown = _shown()
        out = []
        for ch in unicodedata.normalize("NFC", value):
            if ch == "\n" or ord(ch) in shown:
                out.append(ch)
            elif unicodedata.category(ch) in ("Zs", "Cf"):
                out.append(" " if unicodedata.category(ch) == "Zs" else "")
            elif unicodedata.category(ch) != "Cc":
                out.append(REPLACEMENT)
        return "".join(out)
    if isinstance(value, dict):
        return {k: printable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [printable(v) for v in value]
    return value


@lru_cache(maxsize=1)
def register_fonts() -> None:
    """Make the shipped Carlito known to matplotlib (once per process)."""
    from matplotlib import font_manager

    for path in FONT_FILES.values():
        font_manager.fontManager.addfont(str(path))


@lru_cache(maxsize=2)
def _font(bold: bool):
    from matplotlib import ft2font

    return ft2font.FT2Font(str(FONT_FILES[bold]))


@lru_cache(maxsize=4096)
def _advance(char: str, bold: bool) -> float:
    """Advance width of `char` at 1 pt, in points."""
    font = _font(bold)
    font.set_size(100, 72)
    glyph = font.load_char(ord(char))
    return glyph.linearHoriAdvance / 65536 / 100


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Width of one line of `text` in points at `size`, without kerning (a little wide)."""
    return sum(_advance(ch, bold) for ch in text) * size
