"""The pack's fonts, and text measured without drawing it (for chart labels).

The report uses Carlito (metrically the same as Calibri, the municipality's
Office font) for text and charts, shipped beside this module under the SIL
Open Font License (fonts/OFL.txt), so that the PDF and the PNGs look the same
on every machine, Windows without Carlito included. Symbols Carlito lacks
(✓ ★ ↑ ↓) come from DejaVu Sans, which matplotlib ships.

Typst lays out the PDF's text and tables; only the charts need widths
measured here, to size the room for their category labels.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

FONT = "Carlito"
FALLBACK = "DejaVu Sans"
FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT_FILES = {False: FONT_DIR / "Carlito-Regular.ttf", True: FONT_DIR / "Carlito-Bold.ttf"}


def font_dirs() -> list[Path]:
    """The folders holding every font the pack uses: its own, and matplotlib's DejaVu Sans."""
    import matplotlib

    return [FONT_DIR, Path(matplotlib.get_data_path()) / "fonts" / "ttf"]


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
