"""Text measured without drawing it: widths from the font's advances, lines wrapped to fit.

Knowing how wide a label is and how many lines a cell needs before anything
is drawn lets the PDF place charts beside their labels and split tables into
pages, and still print "Sida N av M" on the first page.
"""

from __future__ import annotations

from functools import lru_cache

FONT = "DejaVu Sans"
"""Shipped with matplotlib, so the pack looks the same everywhere; has å, ä, ö, ✓, ↑."""
LINE_SPACING = 1.2
"""matplotlib's multiple; one line then takes about 1.3 font sizes (measured in `line_height`)."""


@lru_cache(maxsize=4)
def _font(bold: bool):
    from matplotlib import font_manager, ft2font

    path = font_manager.findfont(font_manager.FontProperties(
        family=FONT, weight="bold" if bold else "normal"))
    return ft2font.FT2Font(path)


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


@lru_cache(maxsize=8)
def line_height(size: float) -> float:
    """The step between two lines of multi-line text at `size`, in inches, as matplotlib draws."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(2, 2), dpi=72)
    FigureCanvasAgg(fig)
    renderer = fig.canvas.get_renderer()
    one = fig.text(0, 0.5, "Åg", fontsize=size, family=FONT, linespacing=LINE_SPACING)
    three = fig.text(0, 0.5, "Åg\nÅg\nÅg", fontsize=size, family=FONT,
                     linespacing=LINE_SPACING)
    h1 = one.get_window_extent(renderer).height
    h3 = three.get_window_extent(renderer).height
    return (h3 - h1) / 2 / 72


def first_line_height(size: float) -> float:
    """Height of a single line at `size`, in inches (a little more than the size)."""
    return size * 1.2 / 72


def wrap(text: str, width_in: float, size: float, *, bold: bool = False) -> list[str]:
    """`text` in lines no wider than `width_in` inches; words too long are broken."""
    limit = width_in * 72 * 0.97
    space = text_width(" ", size, bold=bold)
    lines: list[str] = []
    for paragraph in (text or "").split("\n"):
        current, used = "", 0.0
        for word in paragraph.split():
            w = text_width(word, size, bold=bold)
            while w > limit:
                # An overlong word (a URL, a long compound) is broken with a hyphen.
                room = limit - (used + space if current else 0)
                cut = len(word) - 1
                while cut > 1 and text_width(word[:cut] + "-", size, bold=bold) > room:
                    cut -= 1
                if current and cut <= 2:
                    lines.append(current)
                    current, used = "", 0.0
                    continue
                lines.append((current + " " if current else "") + word[:cut] + "-")
                current, used = "", 0.0
                word = word[cut:]
                w = text_width(word, size, bold=bold)
            if current and used + space + w > limit:
                lines.append(current)
                current, used = word, w
            elif current:
                current, used = f"{current} {word}", used + space + w
            else:
                current, used = word, w
        lines.append(current)
    while len(lines) > 1 and not lines[-1]:
        lines.pop()
    return lines or [""]
