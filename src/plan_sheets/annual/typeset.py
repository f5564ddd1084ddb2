"""A Typst template and its data in, a tagged PDF (PDF/UA-1) out.

Typst (the `typst` wheel: the compiler inside, no system libraries) lays out
the text and the tables; the data goes in as JSON and the charts as SVG text
through `sys.inputs`, so staff's text is shown as written and never read as
markup. Only the shipped Carlito is used (textfit.font_dirs), so the PDF is the
same on every machine. Under PDF/UA-1 a character no font can show stops the
compiler, so text that may hold one is cleaned first (`textfit.printable`), the
charts' SVG included.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time
from importlib.resources import files

from plan_sheets.annual.textfit import FONT, font_dirs, printable

FONTS = [FONT]
"""The template's font chain: the shipped Carlito alone."""


def compile_pdf(template: str, data: dict, images: dict[str, str], *, day: date) -> bytes:
    """The PDF of the packaged `template` with `data` and SVG `images` (name -> text).

    `day` is the document's date, so the same input gives the same file.
    Raises typst.TypstError when the template cannot be laid out (a bug, never
    the user's data: that arrives as plain strings).
    """
    import typst

    source = files("plan_sheets.annual").joinpath(template).read_bytes()
    inputs = {"data": json.dumps(printable(data), ensure_ascii=False),
              **{name: printable(svg) for name, svg in images.items()}}
    stamp = int(datetime.combine(day, time(12)).timestamp())
    pdf, _warnings = typst.compile_with_warnings(
        source, font_paths=[str(p) for p in font_dirs()], ignore_system_fonts=True,
        sys_inputs=inputs, pdf_standards="ua-1", timestamp=stamp)
    return pdf
