"""Small, safe look-ups in an .xlsx package that the value reader cannot answer.

python-calamine reads values; it cannot tell a formula saved without its
result from an empty cell, nor see a cell's fill. When a sheet holds formulas
at all, this finds the ones without a cached value; when Status cells are
empty, it finds the ones whose fill is a traffic-light colour. XML is parsed
so that no entity is expanded.
"""

from __future__ import annotations

import posixpath
import re
import zipfile

from lxml import etree

from plan_sheets.excel.addresses import parse_address
from plan_sheets.excel.numformats import format_shows_date
from plan_sheets.excel.ooxml import (
    MAIN_NS,
    PARSER,
    PKG_REL_NS,
    REL_NS,
    UnsafeXml,  # noqa: F401  (raised here; the reader catches it)
    parse_xml,
    refuse_doctype,
)


def worksheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> worksheet part name (`xl/worksheets/sheet1.xml`)."""
    workbook = parse_xml(archive.read("xl/workbook.xml"))
    rels = parse_xml(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {}
    for rel in rels.iter(f"{{{PKG_REL_NS}}}Relationship"):
        target = rel.get("Target", "")
        if target.startswith("/"):
            part = target.lstrip("/")
        else:
            part = posixpath.normpath(posixpath.join("xl", target))
        targets[rel.get("Id")] = part
    parts = {}
    for sheet in workbook.iter(f"{{{MAIN_NS}}}sheet"):
        rid = sheet.get(f"{{{REL_NS}}}id")
        if rid in targets:
            parts[sheet.get("name")] = targets[rid]
    return parts


_FORMULA_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]")
_CELL_START = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s>]")


def formulas_without_value(archive: zipfile.ZipFile, part: str) -> dict[tuple[int, int], str]:
    """(row, column) -> formula text, for formula cells saved without a result.

    Only the cells around each `<f>` tag are parsed, so a sheet with a few
    formulas (or none, the usual case) costs one scan of its bytes.
    """
    data = archive.read(part)
    refuse_doctype(data)
    found: dict[tuple[int, int], str] = {}
    if not any(tag in data for tag in (b"<f>", b"<f ", b"<f/", b":f>", b":f ", b":f/")):
        return found  # memchr-fast: most sheets hold no formula at all
    end = 0
    for match in _FORMULA_TAG.finditer(data):
        if match.start() < end:
            continue
        start = max((m.start() for m in _CELL_START.finditer(data, max(0, match.start() - 400),
                                                               match.start())), default=-1)
        close = data.find(b"c>", match.end())
        if start < 0 or close < 0:
            continue
        end = close + 2
        snippet = data[start:end]
        prefix = snippet[1:snippet.index(b"c", 1)]
        namespaces = f'xmlns="{MAIN_NS}"' if not prefix else \
            f'xmlns:{prefix[:-1].decode()}="{MAIN_NS}"'
        try:
            cell = etree.fromstring(b"<w " + namespaces.encode() + b">" + snippet + b"</w>",
                                    PARSER)[0]
        except etree.XMLSyntaxError:
            continue
        formula = cell.find(f"{{{MAIN_NS}}}f")
        if formula is None:
            continue
        value = cell.find(f"{{{MAIN_NS}}}v")
        inline = cell.find(f"{{{MAIN_NS}}}is")
        if (value is None or not (value.text or "")) and inline is None and cell.get("r"):
            found[parse_address(cell.get("r"))] = formula.text or ""
    return found


_CELL_BEFORE = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?c r="([A-Z]{1,3}[0-9]+)"$')
FIRST_CUSTOM_FORMAT = 164
"""Number formats below this id are Excel's built-in ones (`9` is `0%`)."""


def _styles_part(archive: zipfile.ZipFile) -> str | None:
    rels = parse_xml(archive.read("xl/_rels/workbook.xml.rels"))
    for rel in rels.iter(f"{{{PKG_REL_NS}}}Relationship"):
        if rel.get("Type", "").endswith("/styles"):
            target = rel.get("Target", "")
            return target.lstrip("/") if target.startswith("/") else \
                posixpath.normpath(posixpath.join("xl", target))
    return None


def _number_styles(archive: zipfile.ZipFile) -> dict[int, int | str]:
    """Cell style index -> its number format (a built-in id or a format code), for the
    styles showing numbers in a format of their own: neither General nor a date's."""

    part = _styles_part(archive)
    if part is None or part not in archive.namelist():
        return {}
    root = parse_xml(archive.read(part))
    codes = {int(f.get("numFmtId", "0")): f.get("formatCode", "")
             for f in root.iter(f"{{{MAIN_NS}}}numFmt")}
    cell_xfs = root.find(f"{{{MAIN_NS}}}cellXfs")
    formats: dict[int, int | str] = {}
    for index, xf in enumerate(cell_xfs.iterfind(f"{{{MAIN_NS}}}xf") if cell_xfs is not None
                               else ()):
        fmt_id = int(xf.get("numFmtId", "0"))
        code = codes.get(fmt_id)
        if fmt_id == 0 or (code is not None and code.strip().lower() == "general") \
                or format_shows_date(fmt_id, code):
            continue
        formats[index] = code if code is not None else fmt_id
    return formats


def number_formats(path, sheet: str) -> dict[tuple[int, int], int | str]:
    """(row, column) -> number format, for the cells of `sheet` styled to show a number in
    a format of its own (a percentage, an amount in kronor, `0.0`): what a copy needs to
    show the number as the original does. Dates are not listed: calamine reads them as
    dates, and a copy shows them in the contract's date format.

    calamine reads values only. The cells are found by their `s="…"` attribute as
    Excel, LibreOffice and xlsxwriter spell it, so a sheet without such numbers (most)
    costs no scan.
    """
    with zipfile.ZipFile(path) as archive:
        part = worksheet_parts(archive).get(sheet)
        styled = _number_styles(archive)
        if part is None or part not in archive.namelist() or not styled:
            return {}
        data = archive.read(part)
    refuse_doctype(data)
    naming = re.compile(rb' s="(' + b"|".join(
        str(index).encode() for index in sorted(styled, reverse=True)) + rb')"')
    found: dict[tuple[int, int], int | str] = {}
    for match in naming.finditer(data):
        cell = _CELL_BEFORE.match(data, data.rfind(b"<", 0, match.start()), match.start())
        if cell is not None:  # else a row's or column's style (or attributes in odd order)
            found[parse_address(cell.group(1).decode())] = styled[int(match.group(1))]
    return found


def _colour(element: etree._Element | None, palette: tuple[str, ...]) -> str | None:
    from plan_sheets.workbook.colours import resolve

    if element is None:
        return None
    tint = float(element.get("tint") or 0)
    theme, indexed = element.get("theme"), element.get("indexed")
    return resolve(rgb=element.get("rgb"), theme=int(theme) if theme else None, tint=tint,
                   indexed=int(indexed) if indexed else None, palette=palette)


def lit_styles(archive: zipfile.ZipFile) -> dict[int, str]:
    """Cell style index -> RGB, for the styles whose fill is a traffic light or between two."""
    from plan_sheets.workbook.colours import light_of, theme_palette

    names = set(archive.namelist())
    part = _styles_part(archive)
    if part is None or part not in names:
        return {}
    theme = archive.read("xl/theme/theme1.xml") if "xl/theme/theme1.xml" in names else None
    palette = theme_palette(theme)
    styles = parse_xml(archive.read(part))
    fills: list[str | None] = []
    for fill in styles.iterfind(f"{{{MAIN_NS}}}fills/{{{MAIN_NS}}}fill"):
        pattern = fill.find(f"{{{MAIN_NS}}}patternFill")
        rgb = None
        if pattern is not None and pattern.get("patternType") not in (None, "none"):
            rgb = _colour(pattern.find(f"{{{MAIN_NS}}}fgColor"), palette)
        reading = light_of(rgb) if rgb else None
        fills.append(rgb if reading is not None and (reading.is_light or reading.between)
                     else None)
    out: dict[int, str] = {}
    for index, xf in enumerate(styles.iterfind(f"{{{MAIN_NS}}}cellXfs/{{{MAIN_NS}}}xf")):
        fill_id = int(xf.get("fillId") or 0)
        if fill_id < len(fills) and fills[fill_id]:
            out[index] = fills[fill_id]
    return out


_STYLE = re.compile(rb'\bs="(\d+)"')


def filled_cells(archive: zipfile.ZipFile, part: str, column: str, rows: set[int],
                 styles: dict[int, str]) -> dict[int, str]:
    """Row -> RGB of the cells of `column` (letters) in `rows` whose style is in `styles`."""
    data = archive.read(part)
    refuse_doctype(data)
    found: dict[int, str] = {}
    cell = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?c r="' + column.encode() + rb'(\d+)"([^>]*)>')
    for match in cell.finditer(data):
        row = int(match[1])
        if row in rows and (style := _STYLE.search(match[2])) is not None:
            rgb = styles.get(int(style[1]))
            if rgb:
                found[row] = rgb
    return found
