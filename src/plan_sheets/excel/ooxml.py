"""The OOXML names and the one safe XML parser, shared by the reader and the lossless writer.

Every part is parsed without expanding entities, without network access and without a
DTD (the defusedxml rule; a workbook part never needs one), as openpyxl keeps its names
in `xml/constants.py`.
"""

from __future__ import annotations

import re

from lxml import etree

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
STRICT_MAIN_NS = "http://purl.oclc.org/ooxml/spreadsheetml/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
STRICT_REL_NS = "http://purl.oclc.org/ooxml/officeDocument/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
APP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
XML_NS = "http://www.w3.org/XML/1998/namespace"

PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True,
                         load_dtd=False, dtd_validation=False)
"""The one lxml parser: no entities, no network, no DTD."""

_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)


class UnsafeXml(ValueError):
    """The XML declares a DOCTYPE or entities; it is not parsed."""


def refuse_doctype(data: bytes) -> None:
    """Raise UnsafeXml when the part's start declares a DOCTYPE or an entity."""
    if _DOCTYPE.search(data[:4096]):
        raise UnsafeXml("DOCTYPE/ENTITY")


def parse_xml(data: bytes) -> etree._Element:
    """Parse XML, refusing any DOCTYPE or entity declaration (raises UnsafeXml)."""
    refuse_doctype(data)
    if b"<!ENTITY" in data:
        raise UnsafeXml("DOCTYPE/ENTITY")
    return etree.fromstring(data, PARSER)
