"""Parsing and writing XML parts safely, keeping what we do not change.

Every part is parsed without expanding entities, without network access and
without a DTD: a workbook part never needs one, so a DOCTYPE is refused
outright (the defusedxml rule). Written parts keep their original prolog (the
XML declaration exactly as it was) and namespace prefixes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lxml import etree

from plan_sheets.excel import ooxml
from plan_sheets.lossless.problems import Damage

_ROOT_START = re.compile(rb"<[^?!]")
_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
STANDARD_PROLOG = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'


def parse(data: bytes, *, part: str) -> etree._Element:
    """The root element of an XML part; refuses DTDs and anything not well-formed."""
    try:
        tree = etree.ElementTree(etree.fromstring(data, ooxml.PARSER))
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise Damage(f"delen är inte giltig XML ({exc})", part=part) from exc
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise Damage("delen har en DOCTYPE-deklaration, vilket en Excelfil aldrig har",
                     part=part)
    return tree.getroot()


def is_utf8(data: bytes) -> bool:
    """Whether the part is UTF-8 (the only encoding written back byte-compatibly)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    m = _ENCODING.match(data[:300].lstrip(b"\xef\xbb\xbf"))
    return m is None or m.group(1).lower() in (b"utf-8", b"utf8")


def prolog_and_epilog(data: bytes, root: etree._Element) -> tuple[bytes, bytes]:
    """The bytes before the root element (declaration, BOM) and after it, as they were."""
    if not is_utf8(data):
        return STANDARD_PROLOG, b""
    m = _ROOT_START.search(data)
    prolog = data[: m.start()] if m else STANDARD_PROLOG
    qname = root.prefix.encode() + b":" if root.prefix else b""
    qname += etree.QName(root).localname.encode()
    end = data.rfind(b"</" + qname)
    epilog = b""
    if end >= 0:
        close = data.find(b">", end)
        if close >= 0:
            epilog = data[close + 1:]
    return prolog, epilog


def serialize(root: etree._Element, original: bytes) -> bytes:
    """The part's new bytes: original prolog and epilog around the re-serialised root."""
    prolog, epilog = prolog_and_epilog(original, root)
    return prolog + etree.tostring(root, encoding="UTF-8", with_tail=False) + epilog


def ns_of(root: etree._Element) -> str:
    return etree.QName(root).namespace or ""


def local(element: etree._Element) -> str:
    """The local name of an element (comments and PIs have none)."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def children(parent: etree._Element, ns: str, name: str) -> list[etree._Element]:
    return parent.findall(f"{{{ns}}}{name}")


def child(parent: etree._Element, ns: str, name: str) -> etree._Element | None:
    return parent.find(f"{{{ns}}}{name}")


def insert_in_order(parent: etree._Element, element: etree._Element,
                    order: Sequence[str]) -> etree._Element:
    """Insert `element` where the schema's sequence `order` wants it.

    It goes before the first child the schema places after it; children the
    order does not know (mc:AlternateContent, for one) are stepped over.
    """
    rank = {name: i for i, name in enumerate(order)}
    mine = rank[local(element)]
    for i, existing in enumerate(parent):
        theirs = rank.get(local(existing))
        if theirs is not None and theirs > mine:
            parent.insert(i, element)
            return element
    parent.append(element)
    return element


def same_element(a: etree._Element, b: etree._Element) -> bool:
    """Whether two elements say the same: tag, attributes, text and children."""
    if a.tag != b.tag or dict(a.attrib) != dict(b.attrib):
        return False
    if (a.text or "").strip() != (b.text or "").strip() or len(a) != len(b):
        return False
    return all(same_element(x, y) for x, y in zip(a, b, strict=True))


_START_TAG = re.compile(rb"<[^\s/>]+(?:\s+[^\s=/>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*\s*(/?)>")


def child_spans(data: bytes) -> list[tuple[int, int]]:
    """Byte spans of the root's child elements, in document order (via expat's offsets)."""
    import xml.parsers.expat

    spans: list[tuple[int, int]] = []
    depth = 0
    start = 0
    parser = xml.parsers.expat.ParserCreate()

    def on_start(_name: str, _attrs: object) -> None:
        nonlocal depth, start
        depth += 1
        if depth == 2:
            start = parser.CurrentByteIndex

    def on_end(_name: str) -> None:
        nonlocal depth
        if depth == 2:
            tag = _START_TAG.match(data, start)
            if tag is not None and tag.group(1):
                spans.append((start, tag.end()))
            else:
                spans.append((start, data.index(b">", parser.CurrentByteIndex) + 1))
        depth -= 1

    parser.StartElementHandler = on_start
    parser.EndElementHandler = on_end
    parser.Parse(data, True)
    return spans


class Part:
    """An XML part to change: a tree to edit, written back keeping what was not edited.

    Each child element of the root that is unchanged afterwards is written as
    its original bytes, so a part keeps its exact form (attribute and namespace
    declaration order, quoting) everywhere but where it was changed.
    """

    def __init__(self, data: bytes, *, part: str) -> None:
        self.part = part
        self.data = data
        self.root = parse(data, part=part)
        self._attrib = dict(self.root.attrib)
        self._kept: list[tuple[etree._Element, bytes, bytes]] = []
        if is_utf8(data):
            elements = [c for c in self.root if isinstance(c.tag, str)]
            spans = child_spans(data)
            if len(spans) == len(elements):
                self._first = spans[0][0] if spans else None
                self._kept = [(el, _canonical(el), data[s:e])
                              for el, (s, e) in zip(elements, spans, strict=True)]

    def to_bytes(self) -> bytes:
        new = serialize(self.root, self.data)
        if not self._kept:
            return new
        elements = [c for c in self.root if isinstance(c.tag, str)]
        spans = child_spans(new)
        if len(spans) != len(elements):
            return new
        pieces: list[bytes] = []
        pos = 0
        if spans and self._first is not None and dict(self.root.attrib) == self._attrib:
            # The root's start tag as it was (our changes never touch the root's attributes).
            root_at = _ROOT_START.search(self.data)
            new_root_at = _ROOT_START.search(new)
            if root_at and new_root_at and elements[0] is self._kept[0][0]:
                pieces.append(new[:new_root_at.start()])
                pieces.append(self.data[root_at.start():self._first])
                pos = spans[0][0]
        for element, (start, end) in zip(elements, spans, strict=True):
            kept = next((k for k in self._kept if k[0] is element), None)
            if kept is not None and _canonical(element) == kept[1]:
                pieces.append(new[pos:start])
                pieces.append(kept[2])
                pos = end
        pieces.append(new[pos:])
        return b"".join(pieces)


def _canonical(element: etree._Element) -> bytes:
    return etree.tostring(element, with_tail=False)
