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

from plan_sheets.cells import parse_address

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


def formulas_without_value(archive: zipfile.ZipFile, part: str) -> dict[tuple[int, int], str]:
    """(row, column) -> formula text, for formula cells saved without a result."""
    data = archive.read(part)
    if b"<f" not in data and b":f" not in data:
        return {}
    found: dict[tuple[int, int], str] = {}
    cell_tag = f"{{{NS_MAIN}}}c"
    for _event, cell in etree.iterparse(_Stream(data), events=("end",), tag=cell_tag,
                                        resolve_entities=False, no_network=True,
                                        huge_tree=True, load_dtd=False):
        formula = cell.find(f"{{{NS_MAIN}}}f")
        if formula is not None:
            value = cell.find(f"{{{NS_MAIN}}}v")
            inline = cell.find(f"{{{NS_MAIN}}}is")
            if (value is None or not (value.text or "")) and inline is None:
                ref = cell.get("r")
                if ref:
                    found[parse_address(ref)] = formula.text or ""
        cell.clear()
    return found


class _Stream:
    """A file-like view of bytes for iterparse, refusing DOCTYPEs first."""

    def __init__(self, data: bytes) -> None:
        if _DOCTYPE.search(data[:4096]):
            raise UnsafeXml("DOCTYPE/ENTITY")
        self._data = data
        self._pos = 0

    def read(self, size: int = -1) -> bytes:
        if size < 0:
            size = len(self._data) - self._pos
        chunk = self._data[self._pos:self._pos + size]
        self._pos += len(chunk)
        return chunk
