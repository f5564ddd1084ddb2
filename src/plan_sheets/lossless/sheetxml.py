"""One worksheet part, changed where it must be and kept as bytes everywhere else.

A worksheet's XML is mostly `<sheetData>`: one `<row>` after another. Parsing
all of it to change a few cells costs more than everything else the writer
does, so only the frame around the rows (the *skeleton*: views, columns,
conditional formatting, dropdowns, extLst …) is parsed as a tree, and the rows
are indexed where they lie in the bytes. A row is parsed (in a wrapper that
declares the sheet's namespaces, so prefixes stay as they were) only when a
cell in it changes; every other row is written back as the very bytes it was.

Rows the index cannot take apart safely (rows without an `r` number, comments,
CDATA or processing instructions among the rows, an encoding other than
UTF-8) make the part go through a full parse first, which writes the same
content in plain form; then the same row-wise patching applies.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from plan_sheets.excel import ooxml
from plan_sheets.excel.addresses import cell_address, column_letter, column_number
from plan_sheets.lossless import xmlparts
from plan_sheets.lossless.patch import MAX_ROW
from plan_sheets.lossless.problems import Damage, Refusal
from plan_sheets.lossless.refs import Area, parse_ref, parse_sqref, shift_rows, sqref
from plan_sheets.lossless.styles import Styles
from plan_sheets.lossless.values import CellValue, Where, excel_number, excel_text, serial, where

WORKSHEET_ORDER = (
    "sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "sheetCalcPr",
    "sheetProtection", "protectedRanges", "scenarios", "autoFilter", "sortState",
    "dataConsolidate", "customSheetViews", "mergeCells", "phoneticPr", "conditionalFormatting",
    "dataValidations", "hyperlinks", "printOptions", "pageMargins", "pageSetup", "headerFooter",
    "rowBreaks", "colBreaks", "customProperties", "cellWatches", "ignoredErrors", "smartTags",
    "drawing", "legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects",
    "controls", "webPublishItems", "tableParts", "extLst",
)
_MARKER = b"<!--plan-sheets:rows-->"
_SHEET_DATA = re.compile(rb"<((?:[A-Za-z_][\w.-]*:)?)sheetData(\s[^>]*)?(/?)>")
_WS = re.compile(rb"[ \t\r\n]*")
_R_ATTR = re.compile(rb"""(?:^|\s)r\s*=\s*["'](\d+)["']""")
_DATA_HINT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:v|is|f)[\s>/]")
_FORMULA_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f(\s[^>]*)?/?>")
_CELL_REF = re.compile(r"^([A-Za-z]{1,3})(\d+)$")
_NEEDS_FULL_PARSE = (b"<!--", b"<![CDATA[", b"<?")
_EDGE_SPACE = re.compile(r"^\s|\s$")
"""Text that Excel would trim unless marked xml:space="preserve" (as XlsxWriter marks it):
only such text is marked, which keeps a snapshot's rows a fifth shorter."""


@dataclass(slots=True)
class _Row:
    span: tuple[int, int] | None
    """Where the row's original bytes are in the sheetData content (None: a new row)."""
    gap: bytes = b""
    """Whitespace that followed the row."""
    element: etree._Element | None = None
    dirty: bool = False
    text: bytes | None = None
    """An appended row's bytes, written without a tree (parsed only if touched again)."""


class Worksheet:
    """A worksheet part: its skeleton as a tree, its rows as indexed bytes."""

    def __init__(self, data: bytes, *, part: str, sheet: str) -> None:
        self.part = part
        self.sheet = sheet
        self.original = data
        self.writes: dict[tuple[int, int], CellValue] = {}
        """Cells set, at their rows before any deletion."""
        self.appended: dict[tuple[int, int], CellValue] = {}
        """Cells written by appending, at their final rows."""
        self.deleted: list[int] = []
        self.formula_removed = False
        self._touched: Area | None = None
        self._merges: list[Area] | None = None
        self._arrays: list[Area] | None = None
        self._col_styles: list[tuple[int, int, int]] | None = None
        self.empty_shared_strings: Callable[[], frozenset[int]] = frozenset
        """The indices of the workbook's shared strings that are empty text (set by the
        writer: a cell holding one holds no data, as readers see it)."""
        try:
            self._load(data)
        except _NeedsFullParse:
            self._load(self._plain(data))

    @classmethod
    def new(cls, *, part: str, sheet: str, ns: str, rel_ns: str, headers: tuple[str, ...],
            widths: tuple[float, ...], header_style: int) -> Worksheet:
        """An added sheet: the header row 1 in `header_style`, nothing else."""
        root = etree.Element(f"{{{ns}}}worksheet", nsmap={None: ns, "r": rel_ns})
        views = etree.SubElement(root, f"{{{ns}}}sheetViews")
        etree.SubElement(views, f"{{{ns}}}sheetView").set("workbookViewId", "0")
        etree.SubElement(root, f"{{{ns}}}sheetFormatPr").set("defaultRowHeight", "15")
        if widths:
            cols = etree.SubElement(root, f"{{{ns}}}cols")
            for i, width in enumerate(widths, start=1):
                col = etree.SubElement(cols, f"{{{ns}}}col")
                for key, val in (("min", i), ("max", i), ("width", width), ("customWidth", 1)):
                    col.set(key, str(val))
        etree.SubElement(root, f"{{{ns}}}sheetData")
        margins = etree.SubElement(root, f"{{{ns}}}pageMargins")
        for key, val in (("left", "0.7"), ("right", "0.7"), ("top", "0.75"), ("bottom", "0.75"),
                         ("header", "0.3"), ("footer", "0.3")):
            margins.set(key, val)
        data = xmlparts.STANDARD_PROLOG + etree.tostring(root, encoding="UTF-8")
        ws = cls(data, part=part, sheet=sheet)
        ws.original = b""
        for c, header in enumerate(headers, start=1):
            cell = ws.cell(1, c, create=True)
            assert cell is not None
            if header_style:
                cell.set("s", str(header_style))
            ws.set_value(1, c, header, styles=None, date1904=False)  # type: ignore[arg-type]
            ws.writes[(1, c)] = header
        return ws

    # --- loading ---------------------------------------------------------------------------

    def _load(self, data: bytes) -> None:
        if not xmlparts.is_utf8(data):
            raise _NeedsFullParse
        # The rows stay where they are in `data` (a big sheet is not copied): `first` and
        # `last` bound sheetData's content.
        m = _SHEET_DATA.search(data)
        first = last = 0
        if m is None:
            skeleton, prefix = data, None
        else:
            prefix = m.group(1)
            if m.group(3):
                skeleton = data[:m.end() - 2] + b">" + _MARKER + b"</" + prefix + b"sheetData>" \
                    + data[m.end():]
            else:
                close = data.find(b"</" + prefix + b"sheetData>", m.end())
                if close < 0:
                    raise Damage("arbetsbladets rader (sheetData) tar aldrig slut", part=self.part)
                first, last = m.end(), close
                skeleton = data[:m.end()] + _MARKER + data[close:]
            if any(data.find(token, first, last) >= 0 for token in _NEEDS_FULL_PARSE):
                raise _NeedsFullParse
        self._frame = xmlparts.Part(skeleton, part=self.part)
        self.root = self._frame.root
        self.ns = xmlparts.ns_of(self.root)
        if self.ns not in (ooxml.MAIN_NS, ooxml.STRICT_MAIN_NS) \
                or xmlparts.local(self.root) != "worksheet":
            raise Refusal(f"bladet {self.sheet} är inget vanligt arbetsblad", part=self.part)
        sheet_data = self.root.find(self.q("sheetData"))
        if sheet_data is None:
            sheet_data = xmlparts.insert_in_order(
                self.root, etree.Element(self.q("sheetData")), WORKSHEET_ORDER)
            sheet_data.append(etree.Comment(_MARKER[4:-3].decode()))
            self._frame = xmlparts.Part(xmlparts.serialize(self.root, skeleton), part=self.part)
            self.root = self._frame.root
            sheet_data = self.root.find(self.q("sheetData"))
        marks = [c for c in sheet_data if isinstance(c, etree._Comment)]
        if len(marks) != 1:
            raise Damage("arbetsbladets rader (sheetData) ligger inte där de ska", part=self.part)
        self._prefix = (sheet_data.prefix + ":" if sheet_data.prefix else "").encode()
        decls = b"".join(
            (b' xmlns="' if p is None else b" xmlns:" + p.encode() + b'="')
            + _attr(uri) + b'"' for p, uri in sheet_data.nsmap.items())
        self._wrap_open = b"<plan-sheets-fragment" + decls + b">"
        self._wrap_close = b"</plan-sheets-fragment>"
        self._index_rows(data, first, last)

    def _index_rows(self, inner: bytes, first: int, last: int) -> None:
        row_start = re.compile(
            rb"<" + re.escape(self._prefix)
            + rb"row((?:\s+[^\s=/>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*)\s*(/?)>")
        row_end = b"</" + self._prefix + b"row>"
        self.inner = inner
        """The part's bytes; the rows are `inner[first:last]` (spans are offsets in it)."""
        self._rows_at = (first, last)
        self.rows: dict[int, _Row] = {}
        pos = _WS.match(inner, first, last).end()
        self._lead = inner[first:pos]
        previous: _Row | None = None
        while pos < last:
            m = row_start.match(inner, pos, last)
            if m is None:
                raise _NeedsFullParse
            number = _R_ATTR.search(m.group(1))
            if number is None:
                raise _NeedsFullParse
            if m.group(2):
                end = m.end()
            else:
                close = inner.find(row_end, m.end(), last)
                if close < 0:
                    raise Damage("en rad i arbetsbladet tar aldrig slut", part=self.part)
                end = close + len(row_end)
            r = int(number.group(1))
            if r in self.rows:
                raise Damage(f"rad {r} finns två gånger i bladet {self.sheet}", part=self.part)
            previous = self.rows[r] = _Row((pos, end))
            pos = _WS.match(inner, end, last).end()
            previous.gap = inner[end:pos]

    def _plain(self, data: bytes) -> bytes:
        """The part in plain form: every row and cell numbered, no comments among the rows."""
        root = xmlparts.parse(data, part=self.part)
        ns = xmlparts.ns_of(root)
        sheet_data = root.find(f"{{{ns}}}sheetData")
        if sheet_data is not None:
            for node in list(sheet_data.iter(etree.Comment, etree.ProcessingInstruction)):
                _remove_keeping_tail(node)
            r = 0
            for row in sheet_data.iterchildren(f"{{{ns}}}row"):
                r = int(row.get("r") or r + 1)
                row.set("r", str(r))
                c = 0
                for cell in row.iterchildren(f"{{{ns}}}c"):
                    c = _column_of(cell, c)
                    cell.set("r", cell_address(r, c))
        return xmlparts.serialize(root, data)

    # --- rows and cells --------------------------------------------------------------------

    def q(self, name: str) -> str:
        """The qualified name of a worksheet element."""
        return f"{{{self.ns}}}{name}"

    def _parse_row(self, data: bytes) -> etree._Element:
        try:
            wrapper = etree.fromstring(self._wrap_open + data + self._wrap_close, ooxml.PARSER)
        except etree.XMLSyntaxError as exc:
            raise Damage(f"en rad i bladet {self.sheet} är inte giltig XML ({exc})",
                         part=self.part) from exc
        return wrapper[0]

    def _peek(self, r: int) -> etree._Element | None:
        """Row `r` as a tree, if it exists (parsing it does not mark it changed)."""
        row = self.rows.get(r)
        if row is None:
            return None
        if row.element is None:
            if row.text is not None:
                row.element = self._parse_row(row.text)
                row.dirty = True  # serialised from the tree from now on
            else:
                start, end = row.span  # type: ignore[misc]
                row.element = self._parse_row(self.inner[start:end])
            _number_cells(row.element, self.ns, r)
        return row.element

    def row(self, r: int) -> etree._Element:
        """Row `r` for changing, created (empty) if the sheet has none."""
        self._check_room(r)
        if r not in self.rows:
            element = self._parse_row(b"<" + self._prefix + b'row r="' + str(r).encode() + b'"/>')
            self.rows[r] = _Row(None, element=element)
        element = self._peek(r)
        assert element is not None
        self.rows[r].dirty = True
        return element

    def _check_room(self, r: int) -> None:
        if r > MAX_ROW:
            raise Refusal(f"bladet {self.sheet} har inte plats för fler rader (Excel rymmer "
                          f"{MAX_ROW})", part=self.part)

    def cell(self, r: int, c: int, *, create: bool) -> etree._Element | None:
        row = self.row(r) if create else self._peek(r)
        if row is None:
            return None
        for i, existing in enumerate(row):
            if xmlparts.local(existing) != "c":
                if xmlparts.local(existing) == "extLst" and create:
                    return self._new_cell(row, i, r, c)
                continue
            col = _column_of(existing, 0)
            if col == c:
                self.rows[r].dirty = True
                return existing
            if col > c:
                return self._new_cell(row, i, r, c) if create else None
        return self._new_cell(row, len(row), r, c) if create else None

    def _new_cell(self, row: etree._Element, index: int, r: int, c: int) -> etree._Element:
        cell = etree.Element(self.q("c"))
        cell.set("r", cell_address(r, c))
        style = self._default_style(row, c)
        if style:
            cell.set("s", str(style))
        row.insert(index, cell)
        spans = row.get("spans")
        if spans and re.fullmatch(r"\d+:\d+", spans):
            lo, hi = (int(x) for x in spans.split(":"))
            row.set("spans", f"{min(lo, c)}:{max(hi, c)}")
        self._touch(r, c)
        return cell

    def _default_style(self, row: etree._Element, c: int) -> int:
        """The style Excel gives a cell typed into an empty spot: the row's, else the column's."""
        if row.get("customFormat") in ("1", "true") and row.get("s"):
            return int(row.get("s", "0"))
        return self._column_style(c)

    def _column_style(self, c: int) -> int:
        """The style `<cols>` gives column `c` (0 for none)."""
        if self._col_styles is None:
            cols = self.root.find(self.q("cols"))
            self._col_styles = [
                (int(col.get("min", "0")), int(col.get("max", "0")), int(col.get("style", "0")))
                for col in (cols if cols is not None else ()) if xmlparts.local(col) == "col"]
        for lo, hi, style in self._col_styles:
            if lo <= c <= hi:
                return style
        return 0

    def _touch(self, r: int, c: int) -> None:
        area = Area(r, c, r, c)
        self._touched = area if self._touched is None else self._touched.union(area)

    # --- what may not be written ------------------------------------------------------------

    def merges(self) -> list[Area]:
        if self._merges is None:
            merge_cells = self.root.find(self.q("mergeCells"))
            found = [parse_ref(m.get("ref", "")) for m in
                     (merge_cells if merge_cells is not None else ())]
            self._merges = [a for a in found if a is not None]
        return self._merges

    def _array_areas(self) -> list[Area]:
        """Areas covered by array formulas and data tables (found without parsing every row)."""
        if self._arrays is None:
            self._arrays = []
            first, last = self._rows_at
            if self.inner.find(b"array", first, last) >= 0 \
                    or self.inner.find(b"dataTable", first, last) >= 0:
                for m in _FORMULA_TAG.finditer(self.inner, first, last):
                    attrs = m.group(1) or b""
                    if b"array" not in attrs and b"dataTable" not in attrs:
                        continue
                    ref = re.search(rb"""\bref\s*=\s*["']([^"']+)["']""", attrs)
                    area = parse_ref(ref.group(1).decode()) if ref else None
                    if area is not None and ":" in area.ref:
                        self._arrays.append(area)
        return self._arrays

    def _check_writable(self, r: int, c: int) -> None:
        at = where(self.sheet, r, c)  # spelt out only in a message
        for area in self.merges():
            if area.contains(r, c) and (r, c) != (area.first_row, area.first_col):
                raise Refusal(f"{at} ligger inne i den sammanfogade cellen {area.ref} och "
                              f"skulle inte synas", part=self.part)
        for area in self._array_areas():
            if area.contains(r, c):
                raise Refusal(f"{at} hör till en matrisformel eller datatabell som täcker "
                              f"{area.ref}; en del av den kan inte skrivas över", part=self.part)

    def _strip(self, cell: etree._Element, at: Where) -> None:
        """Remove a cell's value and formula (keeping its style and extLst)."""
        for node in list(cell):
            name = xmlparts.local(node)
            if name == "f":
                self._check_shared_master(node, at)
                self.formula_removed = True
            if name in ("f", "v", "is"):
                cell.remove(node)
        for attr in ("t", "cm", "vm"):
            cell.attrib.pop(attr, None)

    def _check_shared_master(self, formula: etree._Element, at: Where) -> None:
        if formula.get("t") != "shared" or not formula.get("ref"):
            return
        area = parse_ref(formula.get("ref", ""))
        if area is None or area.first_row == area.last_row and area.first_col == area.last_col:
            return
        si = formula.get("si", "")
        users = re.compile(rb"""\bsi\s*=\s*["']""" + re.escape(si.encode()) + rb"""["']""") \
            .findall(self.inner, *self._rows_at)
        if len(users) > 1:
            raise Refusal(f"{at} har en formel som andra celler ({area.ref}) delar; den kan "
                          f"inte skrivas över utan att de cellerna ändras", part=self.part)

    # --- writing values --------------------------------------------------------------------

    def set_value(self, r: int, c: int, value: CellValue, *, styles: Styles,
                  date1904: bool) -> None:
        """Write one cell: text as inline text (never a formula), keeping the cell's style."""
        if value == "":
            value = None  # empty text is no value in Excel: clear the cell, keep its style
        self._check_writable(r, c)
        cell = self.cell(r, c, create=value is not None)
        if cell is None:
            return
        at = where(self.sheet, r, c)
        self._strip(cell, at)
        self._touch(r, c)
        if value is None:
            if set(cell.attrib) <= {"r"} and not len(cell):
                cell.getparent().remove(cell)
            return
        anchor = next((i for i, n in enumerate(cell) if xmlparts.local(n) == "extLst"), len(cell))
        if isinstance(value, str):
            cell.set("t", "inlineStr")
            inline = etree.Element(self.q("is"))
            text = etree.SubElement(inline, self.q("t"))
            text.text = excel_text(value, where=at)
            if _EDGE_SPACE.search(text.text):
                text.set(f"{{{ooxml.XML_NS}}}space", "preserve")
            cell.insert(anchor, inline)
            return
        v = etree.Element(self.q("v"))
        if isinstance(value, bool):
            cell.set("t", "b")
            v.text = "1" if value else "0"
        elif isinstance(value, (int, float)):
            v.text = excel_number(value, where=at)
            style = int(cell.get("s", "0"))
            plain = styles.number_style(style)
            if plain != style:
                cell.set("s", str(plain))
        elif isinstance(value, (dt.date, dt.time, dt.timedelta)):
            v.text = serial(value, date1904=date1904, where=at)
            style = int(cell.get("s", "0"))
            dated = styles.date_style(style, value)
            if dated != style:
                cell.set("s", str(dated))
        cell.insert(anchor, v)

    def style_like(self, r: int, c: int, source: int) -> None:
        """Give cell (r, c), when it holds no value, the style of cell (r, source)."""
        model = self.cell(r, source, create=False)
        style = model.get("s") if model is not None else None
        if not style:
            return
        cell = self.cell(r, c, create=True)
        if not any(xmlparts.local(child) in ("v", "is", "f") for child in cell):
            cell.set("s", style)

    def write(self, r: int, c: int, value: CellValue, *, styles: Styles, date1904: bool) -> None:
        self.set_value(r, c, value, styles=styles, date1904=date1904)
        self.writes[(r, c)] = value

    def _has_data(self, r: int) -> bool:
        row = self.rows[r]
        if row.element is None and row.span is not None \
                and not _DATA_HINT.search(self.inner, row.span[0], row.span[1]):
            return False
        if row.element is None and row.text is not None and not _DATA_HINT.search(row.text):
            return False
        element = self._peek(r)
        for cell in element if element is not None else ():
            for node in cell:
                name = xmlparts.local(node)
                if name == "f" or name == "is" and visible_text(node) != "":
                    return True
                if name == "v" and (node.text or "") != "" and not (
                        cell.get("t") == "s" and _index(node.text) in self.empty_shared_strings()):
                    return True
        return False

    def last_data_row(self) -> int:
        """The last row holding a value or formula (0 for none)."""
        for r in sorted(self.rows, reverse=True):
            if self._has_data(r):
                return r
        return 0

    def append(self, rows: tuple[tuple[tuple[int, CellValue], ...], ...], *,
               header_row: int | None, styles: Styles, date1904: bool) -> int:
        """Append rows after the last row holding data; returns the first new row."""
        last = self.last_data_row()
        inherited: dict[int, int] = {}
        row_style: dict[str, str] = {}
        if last >= 1 and (header_row is None or last > header_row):
            template = self._peek(last)
            for cell in template if template is not None else ():
                if xmlparts.local(cell) == "c" and cell.get("s"):
                    inherited[_column_of(cell, 0)] = int(cell.get("s", "0"))
            if template is not None and template.get("customFormat") in ("1", "true"):
                row_style = {k: template.get(k, "") for k in ("s", "customFormat")}
        first = last + 1
        if not any(first + offset in self.rows for offset in range(len(rows))):
            self._append_new(first, rows, inherited, row_style, styles=styles,
                             date1904=date1904)
        else:
            self._append_cells(first, rows, inherited, row_style, styles=styles,
                               date1904=date1904)
        return first

    def _append_cells(self, first: int, rows: tuple[tuple[tuple[int, CellValue], ...], ...],
                      inherited: dict[int, int], row_style: dict[str, str], *, styles: Styles,
                      date1904: bool) -> None:
        """`append` cell by cell in the tree, into rows that may exist already."""
        for offset, values in enumerate(rows):
            r = first + offset
            is_new = r not in self.rows
            row = self.row(r)
            if is_new:
                for key, val in row_style.items():
                    row.set(key, val)
            given = dict(values)
            for c in sorted(set(inherited) | set(given)):
                cell = self.cell(r, c, create=False)
                if cell is None:
                    cell = self.cell(r, c, create=True)
                    assert cell is not None
                    if c in inherited:
                        cell.set("s", str(inherited[c]))
                self._touch(r, c)
                if c in given:
                    self.set_value(r, c, given[c], styles=styles, date1904=date1904)
                    self.appended[(r, c)] = given[c]

    def _append_new(self, first: int, rows: tuple[tuple[tuple[int, CellValue], ...], ...],
                    inherited: dict[int, int], row_style: dict[str, str], *, styles: Styles,
                    date1904: bool) -> None:
        """`append` into rows the sheet does not have yet, written as bytes without a tree.

        Gives the same XML as `_append_cells` (a test holds it to that): a cell
        for every inherited style and every value; an empty value leaves only a
        styled cell, or none. A country's plan appends a snapshot row per
        activity, and building those in the tree cost more than all the rest.
        """
        self._check_room(first + len(rows) - 1)
        p = self._prefix.decode()
        row_attrs = "".join(f' {k}="{_escape_attr(v)}"' for k, v in row_style.items())
        row_styled = row_style.get("customFormat") in ("1", "true") and row_style.get("s")
        guarded = any(a.last_row >= first for a in (*self.merges(), *self._array_areas()))
        letters: dict[int, str] = {}
        default: dict[int, int] = {}
        dated: dict[tuple[int, type | None], int] = {}
        layouts: dict[tuple[int, ...], list[int]] = {}
        spelt: dict[tuple[type, CellValue, int, bool], str] = {}
        lowest = highest = first_touched = last_touched = 0
        for offset, values in enumerate(rows):
            r = first + offset
            given = dict(values)
            cells = []
            # Rows of one append mostly fill the same columns: sort each set once.
            shape = tuple(given)
            columns = layouts.get(shape)
            if columns is None:
                columns = layouts[shape] = sorted(inherited.keys() | given.keys())
            if columns:
                lowest = min(lowest, columns[0]) if lowest else columns[0]
                highest = max(highest, columns[-1])
                first_touched = first_touched or r
                last_touched = r
            for c in columns:
                if c not in letters:
                    letters[c] = column_letter(c)
                    default[c] = int(row_style["s"]) if row_styled else self._column_style(c)
                # An inherited style is written even when it is 0, as the tree does.
                style = inherited.get(c, default[c])
                styled = c in inherited or style != 0
                s_attr = f' s="{style}"' if styled else ""
                ref = f"{letters[c]}{r}"
                if c not in given:
                    cells.append(f'<{p}c r="{ref}"{s_attr}/>')
                    continue
                value = given[c]
                self.appended[(r, c)] = value
                if guarded:
                    self._check_writable(r, c)
                if value is None or value == "":
                    if styled:
                        cells.append(f'<{p}c r="{ref}"{s_attr}/>')
                    continue
                # A snapshot repeats its date, period and statuses row after row: each
                # value is spelt out once per style (a value refused is never kept).
                seen_as = (value.__class__, value, style, styled)
                rest = spelt.get(seen_as)
                if rest is None:
                    rest = spelt[seen_as] = self._spell(value, s_attr, style, p, dated,
                                                        where(self.sheet, r, c),
                                                        styles=styles, date1904=date1904)
                cells.append(f'<{p}c r="{ref}"{rest}')
            if cells:
                text = f'<{p}row r="{r}"{row_attrs}>' + "".join(cells) + f"</{p}row>"
            else:
                text = f'<{p}row r="{r}"{row_attrs}/>'
            self.rows[r] = _Row(None, text=text.encode(), dirty=True)
        if first_touched:
            self.note_touched(Area(first_touched, lowest, last_touched, highest))

    @staticmethod
    def _spell(value: CellValue, s_attr: str, style: int, p: str,
               dated: dict[tuple[int, type | None], int], at: Where, *, styles: Styles,
               date1904: bool) -> str:
        """An appended cell after its `r` attribute: style, type and value."""
        if isinstance(value, str):
            typed = excel_text(value, where=at)
            keep = ' xml:space="preserve"' if _EDGE_SPACE.search(typed) else ""
            return (f'{s_attr} t="inlineStr"><{p}is>'
                    f'<{p}t{keep}>{_escape_text(typed)}</{p}t></{p}is></{p}c>')
        if isinstance(value, bool):
            return f'{s_attr} t="b"><{p}v>{int(value)}</{p}v></{p}c>'
        if isinstance(value, (int, float)):
            number = excel_number(value, where=at)
            key = (style, None)
            if key not in dated:
                dated[key] = styles.number_style(style)
            if dated[key] != style:
                s_attr = f' s="{dated[key]}"'
            return f'{s_attr}><{p}v>{number}</{p}v></{p}c>'
        assert isinstance(value, (dt.date, dt.time, dt.timedelta))
        day = serial(value, date1904=date1904, where=at)
        key = (style, value.__class__)
        if key not in dated:
            dated[key] = styles.date_style(style, value)
        if dated[key] != style:
            s_attr = f' s="{dated[key]}"'
        return f'{s_attr}><{p}v>{day}</{p}v></{p}c>'

    # --- deleting rows ---------------------------------------------------------------------

    def delete_rows(self, rows: set[int], *, anchored: int = 0) -> None:
        """Remove rows and move the rows below up; refuses what would need renumbering."""
        deleted = sorted(r for r in rows if r in self.rows)
        if not deleted:
            return
        self._check_deletable(deleted, anchored=anchored)
        lowest = deleted[0]
        moved: dict[int, _Row] = {}
        for r in sorted(self.rows):
            if r < lowest:
                moved[r] = self.rows[r]
                continue
            if r in rows:
                continue
            new_r = r - bisect.bisect_left(deleted, r)  # rows deleted above r
            element = self._peek(r)
            assert element is not None
            element.set("r", str(new_r))
            for cell in element:
                if xmlparts.local(cell) == "c":
                    cell.set("r", cell_address(new_r, _column_of(cell, 0)))
            row = self.rows[r]
            row.dirty = True
            moved[new_r] = row
        self.rows = moved
        self.deleted = deleted
        if self._touched is not None:
            self._touched = shift_rows(self._touched, deleted)
        self._shift_skeleton(deleted)

    def _check_deletable(self, deleted: list[int], *, anchored: int) -> None:
        """Refuse when something at or below the first deleted row would need renumbering.

        `anchored` is the lowest row that the sheet's comments and drawings (kept in
        other parts) are anchored to. Things above the deleted rows (a merged title,
        header comments) stay where they are and are fine.
        """
        first = deleted[0]
        reaching: dict[str, int] = {}
        for area in self.merges():
            reaching["sammanfogade celler"] = max(reaching.get("sammanfogade celler", 0),
                                                  area.last_row)
        links = self.root.find(self.q("hyperlinks"))
        for link in links if links is not None else ():
            area = parse_ref(link.get("ref", ""))
            reaching["länkar"] = max(reaching.get("länkar", 0), area.last_row if area else MAX_ROW)
        breaks = self.root.find(self.q("rowBreaks"))
        for brk in breaks if breaks is not None else ():
            reaching["sidbrytningar"] = max(reaching.get("sidbrytningar", 0),
                                            int(brk.get("id", "0") or 0))
        extensions = self.root.find(self.q("extLst"))
        for element in extensions.iter() if extensions is not None else ():
            if xmlparts.local(element) == "sqref":
                areas = parse_sqref(element.text or "")
                last = max((a.last_row for a in areas), default=0) if areas is not None \
                    else MAX_ROW
                reaching["tillägg från nyare Excel (listor, villkorsstyrd formatering)"] = max(
                    reaching.get("tillägg från nyare Excel (listor, villkorsstyrd formatering)",
                                 0), last)
        reaching["kommentarer eller bilder"] = anchored
        if self.root.find(self.q("tableParts")) is not None:
            reaching["tabeller"] = MAX_ROW
        for what, last in reaching.items():
            if last >= first:
                raise Refusal(f"rader i bladet {self.sheet} kan inte tas bort eftersom bladet "
                              f"har {what} som skulle behöva numreras om", part=self.part)
        if _FORMULA_TAG.search(self.inner, *self._rows_at):
            raise Refusal(f"rader i bladet {self.sheet} kan inte tas bort eftersom bladet har "
                          f"formler som skulle behöva räknas om", part=self.part)
        for element, _areas in self._ranged():
            if xmlparts.local(element) == "autoFilter":
                continue
            areas = parse_sqref(element.get("sqref", "")) or []
            if any(d < a.first_row for a in areas for d in deleted):
                raise Refusal(f"rader i bladet {self.sheet} kan inte tas bort ovanför "
                              f"villkorsstyrd formatering eller listor, vars formler skulle "
                              f"behöva skrivas om", part=self.part)

    def _ranged(self) -> list[tuple[etree._Element, str]]:
        """The skeleton's elements that name ranges of this sheet, with the attribute."""
        found: list[tuple[etree._Element, str]] = []
        for cf in self.root.findall(self.q("conditionalFormatting")):
            found.append((cf, "sqref"))
        validations = self.root.find(self.q("dataValidations"))
        for dv in validations if validations is not None else ():
            if xmlparts.local(dv) == "dataValidation":
                found.append((dv, "sqref"))
        auto = self.root.find(self.q("autoFilter"))
        if auto is not None:
            found.append((auto, "ref"))
        return found

    def _shift_skeleton(self, deleted: list[int]) -> None:
        for element, attr in self._ranged():
            areas = parse_sqref(element.get(attr, ""))
            if areas is None:
                continue
            kept = [a for a in (shift_rows(a, deleted) for a in areas) if a is not None]
            if kept:
                element.set(attr, sqref(kept))
            else:
                parent = element.getparent()
                parent.remove(element)
                if xmlparts.local(parent) == "dataValidations":
                    if len(parent):
                        parent.set("count", str(len(parent)))
                    else:
                        parent.getparent().remove(parent)
        dimension = self.root.find(self.q("dimension"))
        area = parse_ref(dimension.get("ref", "")) if dimension is not None else None
        if dimension is not None and area is not None:
            shifted = shift_rows(area, deleted) or Area(1, 1, 1, 1)
            dimension.set("ref", shifted.ref)
        for view in self.root.iter(self.q("selection")):
            view.getparent().remove(view)

    # --- writing back ------------------------------------------------------------------------

    def note_touched(self, area: Area) -> None:
        self._touched = area if self._touched is None else self._touched.union(area)

    def to_bytes(self) -> bytes:
        """The part's new bytes: unchanged rows byte for byte, changed rows re-serialised."""
        dimension = self.root.find(self.q("dimension"))
        if dimension is not None and self._touched is not None:
            current = parse_ref(dimension.get("ref", ""))
            merged = self._touched if current is None else current.union(self._touched)
            if current is None or merged != current:
                dimension.set("ref", merged.ref)
        frame = self._frame.to_bytes()
        if frame.count(_MARKER) != 1:
            raise Damage("arbetsbladets rader kunde inte sättas tillbaka", part=self.part)
        before, after = frame.split(_MARKER)
        pieces: list[bytes | memoryview] = [before, self._lead]
        inner = memoryview(self.inner)  # unchanged rows are joined without a copy each
        for r in sorted(self.rows):
            row = self.rows[r]
            if row.element is None and row.text is not None:
                pieces.append(row.text)
            elif row.dirty or row.span is None:
                pieces.append(self._serialize_row(row))
            else:
                pieces.append(inner[row.span[0]:row.span[1]])
            pieces.append(row.gap)
        pieces.append(after)
        return b"".join(pieces)

    def _serialize_row(self, row: _Row) -> bytes:
        assert row.element is not None
        data = etree.tostring(row.element.getparent(), encoding="UTF-8")
        return data[data.index(b">") + 1:data.rindex(b"</")]

    @property
    def changed_values(self) -> bool:
        return bool(self.writes or self.appended or self.deleted)


def visible_text(element: etree._Element) -> str:
    """The text of an inline or shared string, without its phonetic runs (`rPh`)."""
    return "".join(t.text or "" for t in element.iter()
                   if xmlparts.local(t) == "t" and xmlparts.local(t.getparent()) != "rPh")


def _index(text: str | None) -> int:
    try:
        return int(text or "")
    except ValueError:
        return -1


class _NeedsFullParse(Exception):
    """The rows cannot be indexed in their bytes as they are."""


def _escape_text(text: str) -> str:
    """Text content as lxml serialises it."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("\r", "&#13;") if "\r" in text else text


def _escape_attr(text: str) -> str:
    """An attribute value as lxml serialises it (in double quotes)."""
    text = _escape_text(text).replace('"', "&quot;")
    return text.replace("\n", "&#10;").replace("\t", "&#9;")


def _attr(text: str) -> bytes:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").encode()


def _column_of(cell: etree._Element, previous: int) -> int:
    """A cell's column from its `r`, or the one after `previous` when it has none."""
    m = _CELL_REF.match(cell.get("r", ""))
    return column_number(m.group(1)) if m else previous + 1


def _number_cells(row: etree._Element, ns: str, r: int) -> None:
    """Give every cell of a row its `r` (a writer may leave them implied)."""
    c = 0
    for cell in row.iterchildren(f"{{{ns}}}c"):
        c = _column_of(cell, c)
        if not cell.get("r"):
            cell.set("r", cell_address(r, c))


def _remove_keeping_tail(node: etree._Element) -> None:
    """Remove a node but keep the text that followed it (lxml drops it with the node)."""
    parent = node.getparent()
    if node.tail:
        previous = node.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + node.tail
        else:
            parent.text = (parent.text or "") + node.tail
    parent.remove(node)
