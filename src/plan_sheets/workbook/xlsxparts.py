"""Small, safe look-ups in an .xlsx package that the value reader cannot answer.

python-calamine reads values; it cannot tell a formula saved without its
result from an empty cell. When a sheet holds formulas at all, this finds the
ones without a cached value. XML is parsed so that no entity is expanded.
"""

from __future__ import annotations

import posixpath
import re
import zipfile

from lxml import etree

from plan_sheets.workbook.addresses import parse_address

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"

_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)


class UnsafeXml(ValueError):
    """The XML declares a DOCTYPE or entities; it is not parsed."""


def safe_parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           huge_tree=True, remove_blank_text=False)


def parse_xml(data: bytes) -> etree._Element:
    """Parse XML, refusing any DOCTYPE or entity declaration."""
    if _DOCTYPE.search(data[:4096]) or (b"<!ENTITY" in data):
        raise UnsafeXml("DOCTYPE/ENTITY")
    return etree.fromstring(data, safe_parser())


def worksheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> worksheet part name (`xl/worksheets/sheet1.xml`)."""
    workbook = parse_xml(archive.read("xl/workbook.xml"))
    rels = parse_xml(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {}
    for rel in rels.iter(f"{{{NS_PKG_REL}}}Relationship"):
        target = rel.get("Target", "")
        if target.startswith("/"):
            part = target.lstrip("/")
        else:
            part = posixpath.normpath(posixpath.join("xl", target))
        targets[rel.get("Id")] = part
    parts = {}
    for sheet in workbook.iter(f"{{{NS_MAIN}}}sheet"):
        rid = sheet.get(f"{{{NS_REL}}}id")
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
    if _DOCTYPE.search(data[:4096]):
        raise UnsafeXml("DOCTYPE/ENTITY")
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
        namespaces = f'xmlns="{NS_MAIN}"' if not prefix else \
            f'xmlns:{prefix[:-1].decode()}="{NS_MAIN}"'
        try:
            cell = etree.fromstring(b"<w " + namespaces.encode() + b">" + snippet + b"</w>",
                                    safe_parser())[0]
        except etree.XMLSyntaxError:
            continue
        formula = cell.find(f"{{{NS_MAIN}}}f")
        if formula is None:
            continue
        value = cell.find(f"{{{NS_MAIN}}}v")
        inline = cell.find(f"{{{NS_MAIN}}}is")
        if (value is None or not (value.text or "")) and inline is None and cell.get("r"):
            found[parse_address(cell.get("r"))] = formula.text or ""
    return found


_CELL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c\s([^>]*)>")
_ATTRIBUTE = re.compile(rb"""\b([rst])\s*=\s*["']([^"']*)["']""")
FIRST_CUSTOM_FORMAT = 164
"""Number formats below this id are Excel's built-in ones (`9` is `0%`)."""


def _styles_part(archive: zipfile.ZipFile) -> str | None:
    rels = parse_xml(archive.read("xl/_rels/workbook.xml.rels"))
    for rel in rels.iter(f"{{{NS_PKG_REL}}}Relationship"):
        if rel.get("Type", "").endswith("/styles"):
            target = rel.get("Target", "")
            return target.lstrip("/") if target.startswith("/") else \
                posixpath.normpath(posixpath.join("xl", target))
    return None


def _style_formats(archive: zipfile.ZipFile) -> dict[int, int | str]:
    """Cell style index -> its number format (a built-in id or a format code), General left
    out."""
    part = _styles_part(archive)
    if part is None or part not in archive.namelist():
        return {}
    root = parse_xml(archive.read(part))
    codes = {int(f.get("numFmtId", "0")): f.get("formatCode", "")
             for f in root.iter(f"{{{NS_MAIN}}}numFmt")}
    cell_xfs = root.find(f"{{{NS_MAIN}}}cellXfs")
    formats: dict[int, int | str] = {}
    for index, xf in enumerate(cell_xfs.iterfind(f"{{{NS_MAIN}}}xf") if cell_xfs is not None
                               else ()):
        fmt_id = int(xf.get("numFmtId", "0"))
        code = codes.get(fmt_id)
        if code is not None and code.strip().lower() != "general":
            formats[index] = code
        elif code is None and 0 < fmt_id < FIRST_CUSTOM_FORMAT:
            formats[index] = fmt_id
    return formats


def number_formats(path, sheet: str) -> dict[tuple[int, int], int | str]:
    """(row, column) -> number format, for the cells of `sheet` holding a number (a date
    is one) in a format other than General: what a copy needs to show the value as the
    original does. calamine reads values only; this scans the sheet's cell tags once."""
    with zipfile.ZipFile(path) as archive:
        part = worksheet_parts(archive).get(sheet)
        styled = _style_formats(archive)
        if part is None or part not in archive.namelist() or not styled:
            return {}
        data = archive.read(part)
    if _DOCTYPE.search(data[:4096]):
        raise UnsafeXml("DOCTYPE/ENTITY")
    found: dict[tuple[int, int], int | str] = {}
    for match in _CELL_TAG.finditer(data):
        attributes = dict(_ATTRIBUTE.findall(match.group(1)))
        style, kind, ref = attributes.get(b"s"), attributes.get(b"t", b"n"), attributes.get(b"r")
        if style is None or kind != b"n" or ref is None or not style.isdigit():
            continue
        fmt = styled.get(int(style))
        if fmt is not None:
            found[parse_address(ref.decode())] = fmt
    return found
