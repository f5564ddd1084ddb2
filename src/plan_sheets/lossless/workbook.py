"""The workbook's bookkeeping parts: which part holds which sheet, and adding sheets.

A sheet name is resolved through workbook.xml and its relationships (never by
guessing `sheetN.xml`). Adding a sheet keeps four parts consistent: the sheet
entry in workbook.xml (a new sheetId and relationship id), the workbook's
relationships, an Override in [Content_Types].xml, and the sheet counts and
titles in docProps/app.xml when they are there and add up.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from lxml import etree

from plan_sheets.excel import ooxml
from plan_sheets.excel.addresses import column_letter, quote_sheet
from plan_sheets.lossless import xmlparts
from plan_sheets.lossless.package import Package
from plan_sheets.lossless.problems import Damage

WORKSHEET_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
OFFICE_DOCUMENT = "/officeDocument"
WORKBOOK_ORDER = ("fileVersion", "fileSharing", "workbookPr", "workbookProtection", "bookViews",
                  "sheets", "functionGroups", "externalReferences", "definedNames", "calcPr",
                  "oleSize", "customWorkbookViews", "pivotCaches", "smartTagPr", "smartTagTypes",
                  "webPublishing", "fileRecoveryPr", "webPublishObjects", "extLst")
FILTER_DATABASE = "_xlnm._FilterDatabase"
PRINT_TITLES = "_xlnm.Print_Titles"


@dataclass(frozen=True)
class SheetEntry:
    name: str
    index: int
    """0-based position among the workbook's sheets (`localSheetId`)."""
    part: str
    kind: str
    """`worksheet`, `chartsheet`, `dialogsheet`, … (the relationship type's last word)."""


def rels_path(part: str) -> str:
    """`xl/workbook.xml` -> `xl/_rels/workbook.xml.rels`."""
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def resolve(source_part: str, target: str) -> str:
    """A relationship target as a part name (targets are relative to the source's folder)."""
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source_part), target))


def relationships(package: Package, part: str) -> dict[str, tuple[str, str]]:
    """Relationship id -> (type, target part) of a part (empty when it has none)."""
    path = rels_path(part)
    if not package.has(path):
        return {}
    root = xmlparts.parse(package.read(path), part=path)
    found: dict[str, tuple[str, str]] = {}
    for rel in root:
        if xmlparts.local(rel) != "Relationship" or rel.get("TargetMode") == "External":
            continue
        found[rel.get("Id", "")] = (rel.get("Type", ""), resolve(part, rel.get("Target", "")))
    return found


class Workbook:
    """workbook.xml with its relationships, content types and app properties."""

    def __init__(self, package: Package) -> None:
        self.package = package
        self.part = self._find_workbook_part()
        self._parts: dict[str, xmlparts.Part] = {}
        self.root = self._xml(self.part).root
        self.ns = xmlparts.ns_of(self.root)
        self.rel_ns = (ooxml.STRICT_REL_NS if self.ns == ooxml.STRICT_MAIN_NS
                       else ooxml.REL_NS)
        self.rels_part = rels_path(self.part)
        self.changed: set[str] = set()
        self.removed: set[str] = set()
        self.sheets = self._read_sheets()

    def _find_workbook_part(self) -> str:
        for rel_type, target in relationships(self.package, "").values():
            if rel_type.endswith(OFFICE_DOCUMENT):
                return target
        if self.package.has("xl/workbook.xml"):
            return "xl/workbook.xml"
        raise Damage("filen har ingen arbetsbok (workbook.xml saknas)")

    def _q(self, name: str) -> str:
        return f"{{{self.ns}}}{name}"

    def _read_sheets(self) -> list[SheetEntry]:
        rels = relationships(self.package, self.part)
        sheets_el = self.root.find(self._q("sheets"))
        entries: list[SheetEntry] = []
        for i, sheet in enumerate(sheets_el if sheets_el is not None else ()):
            if xmlparts.local(sheet) != "sheet":
                continue
            rel_id = sheet.get(f"{{{self.rel_ns}}}id") or sheet.get(f"{{{ooxml.REL_NS}}}id")
            rel_type, target = rels.get(rel_id or "", ("", ""))
            entries.append(SheetEntry(sheet.get("name", ""), i, target,
                                      rel_type.rsplit("/", 1)[-1]))
        return entries

    @property
    def date1904(self) -> bool:
        pr = self.root.find(self._q("workbookPr"))
        return pr is not None and pr.get("date1904", "0").lower() in ("1", "true")

    @property
    def structure_locked(self) -> bool:
        """Whether the workbook's structure is protected: no sheet may be added."""
        protection = self.root.find(self._q("workbookProtection"))
        return protection is not None and \
            protection.get("lockStructure", "0").lower() in ("1", "true")

    def find(self, name: str) -> SheetEntry | None:
        """The sheet by its name: exactly, else ignoring case as Excel does."""
        for entry in self.sheets:
            if entry.name == name:
                return entry
        for entry in self.sheets:
            if entry.name.casefold() == name.casefold():
                return entry
        return None

    # --- the bookkeeping parts, parsed only when a change needs them ---------------------

    def _xml(self, part: str) -> xmlparts.Part:
        if part not in self._parts:
            self._parts[part] = xmlparts.Part(self.package.read(part), part=part)
        return self._parts[part]

    def _rels(self) -> etree._Element:
        return self._xml(self.rels_part).root

    def _types(self) -> etree._Element:
        return self._xml("[Content_Types].xml").root

    def _app_part(self) -> str | None:
        for rel_type, target in relationships(self.package, "").values():
            if rel_type.endswith("/extended-properties") and self.package.has(target):
                return target
        return None

    def add_worksheet(self, name: str) -> str:
        """Add an empty worksheet entry named `name`; returns its new part name."""
        folder = posixpath.dirname(self.part)
        taken = set(self.package.names) | {e.part for e in self.sheets}
        number = len(self.sheets) + 1
        while posixpath.join(folder, "worksheets", f"sheet{number}.xml") in taken:
            number += 1
        part = posixpath.join(folder, "worksheets", f"sheet{number}.xml")

        rels = self._rels()
        rel_ids = {rel.get("Id") for rel in rels}
        n = len(rel_ids) + 1
        while f"rId{n}" in rel_ids:
            n += 1
        rel_id = f"rId{n}"
        worksheet_type = next((t for t, _p in relationships(self.package, self.part).values()
                               if t.endswith("/worksheet")),
                              "http://schemas.openxmlformats.org/officeDocument/2006/"
                              "relationships/worksheet")
        rel = etree.SubElement(rels, f"{{{xmlparts.ns_of(rels)}}}Relationship")
        rel.set("Id", rel_id)
        rel.set("Type", worksheet_type)
        rel.set("Target", posixpath.relpath(part, folder or "."))
        self.changed.add(self.rels_part)

        sheets_el = self.root.find(self._q("sheets"))
        if sheets_el is None:
            raise Damage("workbook.xml saknar bladlistan (sheets)", part=self.part)
        ids = [int(s.get("sheetId", "0")) for s in sheets_el if xmlparts.local(s) == "sheet"]
        sheet = etree.SubElement(sheets_el, self._q("sheet"))
        sheet.set("name", name)
        sheet.set("sheetId", str(max(ids, default=0) + 1))
        sheet.set(f"{{{self.rel_ns}}}id", rel_id)
        self.changed.add(self.part)

        types = self._types()
        override = etree.SubElement(types, f"{{{xmlparts.ns_of(types)}}}Override")
        override.set("PartName", "/" + part)
        override.set("ContentType", WORKSHEET_CONTENT_TYPE)
        self.changed.add("[Content_Types].xml")

        last_worksheet = next((e.name for e in reversed(self.sheets) if e.kind == "worksheet"),
                              None)
        self._app_add_title(name, after=last_worksheet)
        self.sheets.append(SheetEntry(name, len(self.sheets), part, "worksheet"))
        return part

    def _app_add_title(self, name: str, *, after: str | None) -> None:
        """Count the new sheet in docProps/app.xml, if that part is there and adds up."""
        part = self._app_part()
        if part is None or after is None:
            return
        root = self._xml(part).root
        ns, vt = ooxml.APP_NS, ooxml.VT_NS
        pairs = root.find(f"{{{ns}}}HeadingPairs/{{{vt}}}vector")
        titles = root.find(f"{{{ns}}}TitlesOfParts/{{{vt}}}vector")
        if pairs is None or titles is None:
            return
        variants = list(pairs)
        names = list(titles)
        counts: list[etree._Element] = []
        for variant in variants[1::2]:
            count = variant.find(f"{{{vt}}}i4")
            if count is None or not (count.text or "").strip().isdigit():
                return
            counts.append(count)
        if sum(int(c.text or "0") for c in counts) != len(names):
            return  # the part does not add up; better left as it is than made worse
        start = 0
        for count in counts:
            size = int(count.text or "0")
            group = [n.text for n in names[start:start + size]]
            if after in group:
                title = etree.Element(f"{{{vt}}}lpstr")
                title.text = name
                names[start + size - 1].addnext(title)
                count.text = str(size + 1)
                titles.set("size", str(len(names) + 1))
                self.changed.add(part)
                return
            start += size

    def full_calc_on_load(self) -> None:
        """Ask Excel to recalculate formulas on opening: their cached results may be stale."""
        calc = self.root.find(self._q("calcPr"))
        if calc is None:
            calc = xmlparts.insert_in_order(self.root, etree.Element(self._q("calcPr")),
                                            WORKBOOK_ORDER)
        if calc.get("fullCalcOnLoad") != "1":
            calc.set("fullCalcOnLoad", "1")
            self.changed.add(self.part)

    def drop_calc_chain(self) -> None:
        """Remove calcChain.xml, which lists formula cells; Excel rebuilds it on opening."""
        rels = self._rels()
        for rel in list(rels):
            if rel.get("Type", "").endswith("/calcChain"):
                target = resolve(self.part, rel.get("Target", ""))
                rels.remove(rel)
                self.changed.add(self.rels_part)
                self.removed.add(target)
                types = self._types()
                for override in list(types):
                    if override.get("PartName", "").lstrip("/") == target:
                        types.remove(override)
                        self.changed.add("[Content_Types].xml")

    def filter_database(self, index: int) -> etree._Element | None:
        """The hidden defined name Excel keeps for a sheet's autofilter range."""
        names = self.root.find(self._q("definedNames"))
        for defined in names if names is not None else ():
            if defined.get("name") == FILTER_DATABASE and defined.get("localSheetId") == str(index):
                return defined
        return None

    def set_filter_database(self, entry: SheetEntry, ref: str | None) -> None:
        """Point the sheet's `_FilterDatabase` name at `ref` (absolute), or remove it."""
        defined = self.filter_database(entry.index)
        if ref is None:
            if defined is not None:
                defined.getparent().remove(defined)
                self.changed.add(self.part)
            return
        text = f"{quote_sheet(entry.name)}!{ref}"
        if defined is None:
            names = self.root.find(self._q("definedNames"))
            if names is None:
                names = xmlparts.insert_in_order(self.root, etree.Element(self._q("definedNames")),
                                                 WORKBOOK_ORDER)
            defined = etree.SubElement(names, self._q("definedName"))
            defined.set("name", FILTER_DATABASE)
            defined.set("localSheetId", str(entry.index))
            defined.set("hidden", "1")
        if defined.text != text:
            defined.text = text
            self.changed.add(self.part)

    def set_print_titles(self, entry: SheetEntry, header_row: int, column: int = 0) -> None:
        """Repeat `header_row` at the top of every printed page of the sheet (and `column`,
        if given, at the left of every page), unless the sheet already repeats rows or
        columns of its own choosing."""
        names = self.root.find(self._q("definedNames"))
        for defined in names if names is not None else ():
            if defined.get("name") == PRINT_TITLES and \
                    defined.get("localSheetId") == str(entry.index):
                return
        if names is None:
            names = xmlparts.insert_in_order(self.root, etree.Element(self._q("definedNames")),
                                             WORKBOOK_ORDER)
        defined = etree.SubElement(names, self._q("definedName"))
        defined.set("name", PRINT_TITLES)
        defined.set("localSheetId", str(entry.index))
        rows = f"{quote_sheet(entry.name)}!${header_row}:${header_row}"
        letter = column_letter(column) if column else ""
        defined.text = f"{quote_sheet(entry.name)}!${letter}:${letter},{rows}" if column else rows
        self.changed.add(self.part)

    def defined_name_texts(self) -> list[tuple[str, str]]:
        """(name, formula) of every defined name."""
        names = self.root.find(self._q("definedNames"))
        return [(d.get("name", ""), d.text or "") for d in (names if names is not None else ())
                if xmlparts.local(d) == "definedName"]

    def changed_parts(self) -> dict[str, bytes]:
        """New bytes of each bookkeeping part that changed."""
        return {part: self._xml(part).to_bytes() for part in sorted(self.changed)}





