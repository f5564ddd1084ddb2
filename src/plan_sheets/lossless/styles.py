"""styles.xml: the few styles the writer adds, each added once and reused.

Existing entries are never changed or renumbered; new fonts, number formats,
cell formats (xf) and differential formats (dxf, for conditional formatting)
are appended, and an identical existing entry is reused instead, so that
re-running `format` does not make styles.xml grow.
"""

from __future__ import annotations

import copy
import datetime as dt

from lxml import etree

from plan_sheets.excel.numformats import (
    BUILTIN_DATES,
    DATE_FORMAT,
    DATETIME_FORMAT,
    DURATION_FORMAT,
    FIRST_CUSTOM_FORMAT,
    TIME_FORMAT,
    format_shows_date,
)
from plan_sheets.lossless import xmlparts
from plan_sheets.lossless.problems import Damage

STYLESHEET_ORDER = ("numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs",
                    "cellStyles", "dxfs", "tableStyles", "colors", "extLst")
def argb(colour: str) -> str:
    """`#C6EFCE` -> `FFC6EFCE`."""
    return "FF" + colour.lstrip("#").upper()


class Styles:
    """The workbook's styles.xml, changed only by appending."""

    def __init__(self, data: bytes, *, part: str) -> None:
        self.part = part
        self._xml = xmlparts.Part(data, part=part)
        self.root = self._xml.root
        self.ns = xmlparts.ns_of(self.root)
        self.changed = False
        self._date_xf: dict[tuple[int, str], int] = {}
        self._shows_date: dict[int, bool] = {}

    def _q(self, name: str) -> str:
        return f"{{{self.ns}}}{name}"

    def _section(self, name: str) -> etree._Element:
        found = self.root.find(self._q(name))
        if found is None:
            found = xmlparts.insert_in_order(self.root, etree.Element(self._q(name)),
                                             STYLESHEET_ORDER)
            found.set("count", "0")
        return found

    def _add(self, section: str, element: etree._Element) -> int:
        """Index of an entry equal to `element` in a section, appending it if missing."""
        parent = self._section(section)
        entries = [e for e in parent if xmlparts.local(e)]
        for i, existing in enumerate(entries):
            if xmlparts.same_element(existing, element):
                return i
        parent.append(element)
        parent.set("count", str(len(entries) + 1))
        self.changed = True
        return len(entries)

    def _xfs(self) -> list[etree._Element]:
        cell_xfs = self.root.find(self._q("cellXfs"))
        if cell_xfs is None:
            raise Damage("styles.xml saknar cellformat (cellXfs)", part=self.part)
        return [e for e in cell_xfs if xmlparts.local(e) == "xf"]

    def _format_code(self, fmt_id: int) -> str | None:
        fmts = self.root.find(self._q("numFmts"))
        for fmt in fmts if fmts is not None else ():
            if xmlparts.local(fmt) == "numFmt" and fmt.get("numFmtId") == str(fmt_id):
                return fmt.get("formatCode", "")
        return None

    def shows_date(self, style: int) -> bool:
        """Whether cell style `style` (the `s` index) formats numbers as dates."""
        known = self._shows_date.get(style)
        if known is None:
            known = self._shows_date[style] = self._find_shows_date(style)
        return known

    def _find_shows_date(self, style: int) -> bool:
        xfs = self._xfs()
        xf = xfs[style] if 0 <= style < len(xfs) else xfs[0]
        fmt_id = int(xf.get("numFmtId", "0"))
        return format_shows_date(fmt_id, None if fmt_id in BUILTIN_DATES
                                 else self._format_code(fmt_id))

    def _number_format(self, code: str) -> int:
        fmts = self._section("numFmts")
        ids = [FIRST_CUSTOM_FORMAT - 1]
        for fmt in fmts:
            if xmlparts.local(fmt) != "numFmt":
                continue
            if fmt.get("formatCode") == code:
                return int(fmt.get("numFmtId", "0"))
            ids.append(int(fmt.get("numFmtId", "0")))
        new_id = max(ids) + 1
        element = etree.SubElement(fmts, self._q("numFmt"))
        element.set("numFmtId", str(new_id))
        element.set("formatCode", code)
        fmts.set("count", str(len(ids)))
        self.changed = True
        return new_id

    def date_style(self, style: int, value: dt.date | dt.time | dt.timedelta) -> int:
        """A cell style showing `value` as the date, time or duration it is: `style`
        itself if it shows dates or times, else a copy that does."""
        if self.shows_date(style):
            return style
        code = (TIME_FORMAT if isinstance(value, dt.time) else
                DURATION_FORMAT if isinstance(value, dt.timedelta) else
                DATETIME_FORMAT if isinstance(value, dt.datetime) else DATE_FORMAT)
        key = (style, code)
        if key not in self._date_xf:
            xfs = self._xfs()
            xf = copy.deepcopy(xfs[style] if 0 <= style < len(xfs) else xfs[0])
            xf.set("numFmtId", str(self._number_format(code)))
            xf.set("applyNumberFormat", "1")
            self._date_xf[key] = self._add("cellXfs", xf)
        return self._date_xf[key]

    def number_style(self, style: int) -> int:
        """A cell style showing plain numbers: `style` itself unless it shows dates, else a
        copy in General (a year typed as 2025 stays 2025, not the date 1905-07-17)."""
        if not self.shows_date(style):
            return style
        key = (style, "General")
        if key not in self._date_xf:
            xfs = self._xfs()
            xf = copy.deepcopy(xfs[style] if 0 <= style < len(xfs) else xfs[0])
            xf.set("numFmtId", "0")
            xf.set("applyNumberFormat", "1")
            self._date_xf[key] = self._add("cellXfs", xf)
        return self._date_xf[key]

    def bold_style(self) -> int:
        """The default cell style with a bold font (for the header of an added sheet)."""
        fonts = self._section("fonts")
        base = next((f for f in fonts if xmlparts.local(f) == "font"), None)
        font = copy.deepcopy(base) if base is not None else etree.Element(self._q("font"))
        for old in font.findall(self._q("b")):
            font.remove(old)
        font.insert(0, etree.Element(self._q("b")))
        font_id = self._add("fonts", font)
        xf = copy.deepcopy(self._xfs()[0])
        xf.set("fontId", str(font_id))
        xf.set("applyFont", "1")
        return self._add("cellXfs", xf)

    def light_dxf(self, *, fill: str, font: str) -> int:
        """A differential format: bold text in `font` colour on a `fill` background."""
        dxf = etree.Element(self._q("dxf"))
        font_el = etree.SubElement(dxf, self._q("font"))
        etree.SubElement(font_el, self._q("b"))
        etree.SubElement(font_el, self._q("color")).set("rgb", argb(font))
        fill_el = etree.SubElement(dxf, self._q("fill"))
        pattern = etree.SubElement(fill_el, self._q("patternFill"))
        etree.SubElement(pattern, self._q("bgColor")).set("rgb", argb(fill))
        return self._add("dxfs", dxf)

    def to_bytes(self) -> bytes:
        return self._xml.to_bytes()
