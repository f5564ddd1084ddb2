"""A Typst template and its data in, a tagged PDF (PDF/UA-1) out.

Typst (the `typst` wheel: the compiler inside, no system libraries) lays out
the text and the tables; the data goes in as JSON and the charts as SVG text
through `sys.inputs`, so staff's text is shown as written and never read as
markup. Only the shipped fonts are used (textfit.font_dirs), so the PDF is the
same on every machine. Under PDF/UA-1 a character no font can show stops the
compiler, so text that may hold one is cleaned first (`printable`).
"""

from __future__ import annotations

import json
import unicodedata
from datetime import date, datetime, time
from functools import lru_cache
from importlib.resources import files
from typing import Any

from plan_sheets.annual.textfit import FALLBACK, FONT, font_dirs

FONTS = [FONT, FALLBACK]
"""The template's font chain: Carlito, and DejaVu Sans for the symbols Carlito lacks."""
REPLACEMENT = "?"


@lru_cache(maxsize=1)
def _shown() -> frozenset[int]:
    """Code points the font chain can show (the union of Carlito's and DejaVu Sans's maps)."""
    from matplotlib import ft2font

    points: set[int] = set()
    for folder in font_dirs():
        for name in ("Carlito-Regular.ttf", "DejaVuSans.ttf"):
            path = folder / name
            if path.exists():
                points.update(ft2font.FT2Font(str(path)).get_charmap())
    return frozenset(points)


def printable(value: Any) -> Any:
    """`value` with every string cleaned for the PDF: control characters dropped, and a
    character no font of the chain has (a Chinese name, an emoji) shown as `?`."""
    if isinstance(value, str):
        shown = _shown()
        out = []
        for ch in unicodedata.normalize("NFC", value):
            if ch == "\n" or ord(ch) in shown or unicodedata.category(ch) in ("Zs", "Cf"):
                out.append(ch)
            elif unicodedata.category(ch) != "Cc":
                out.append(REPLACEMENT)
        return "".join(out)
    if isinstance(value, dict):
        return {k: printable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [printable(v) for v in value]
    return value


def compile_pdf(template: str, data: dict, images: dict[str, str], *, day: date) -> bytes:
    """The PDF of the packaged `template` with `data` and SVG `images` (name -> text).

    `day` is the document's date, so the same input gives the same file.
    Raises typst.TypstError when the template cannot be laid out (a bug, never
    the user's data: that arrives as plain strings).
    """
    import typst

    source = files("plan_sheets.annual").joinpath(template).read_bytes()
    inputs = {"data": json.dumps(printable(data), ensure_ascii=False), **images}
    stamp = int(datetime.combine(day, time(12)).timestamp())
    pdf, _warnings = typst.compile_with_warnings(
        source, font_paths=[str(p) for p in font_dirs()], ignore_system_fonts=True,
        sys_inputs=inputs, pdf_standards="ua-1", timestamp=stamp)
    return pdf
