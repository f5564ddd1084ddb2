"""apply_patch: read the workbook once, patch its parts, check, and save safely."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from plan_sheets import files, parallel
from plan_sheets.errors import (
    DataRejected,
    WorkbookChanged,
    WorkbookUnreadable,
    WriteRefused,
    detail,
)
from plan_sheets.lossless import columns, rules, save, tables, views, xmlparts
from plan_sheets.lossless import package as zip_package
from plan_sheets.lossless.package import Package
from plan_sheets.lossless.patch import (
    MAX_ROW,
    ColumnWidths,
    Dropdown,
    Formatting,
    Freeze,
    Patch,
    PrintSetup,
    TrafficLights,
)
from plan_sheets.lossless.problems import Damage, Refusal, StructureLocked
from plan_sheets.lossless.refs import Area
from plan_sheets.lossless.sheetxml import Worksheet, visible_text
from plan_sheets.lossless.styles import Styles
from plan_sheets.lossless.verify import (
    EARLY_FROM,
    Expectation,
    Originals,
    SheetExpectation,
    WellFormed,
    verify,
)
from plan_sheets.lossless.workbook import FILTER_DATABASE, SheetEntry, Workbook, relationships
from plan_sheets.progress import Progress, quiet
from plan_sheets.workbook.appearance import (
    MIN_PRINT_SCALE,
    column_pixels,
    page_pixels,
    print_scale,
)
from plan_sheets.workbook.inputs import file_fingerprint

DAMAGED = ("Ingenting har ändrats. Öppna filen i Excel (som brukar kunna reparera den) och "
           "spara den igen, eller ta en tidigare version ur mappen arkiv.")
UNLOCK = ("Ingenting har ändrats. Ta bort skyddet i Excel (Granska > Skydda arbetsbok), kör "
          "igen och skydda arbetsboken på nytt efteråt om ni vill.")
_MAYBE_EMPTY_STRING = re.compile(rb"<(?:[\w.-]+:)?(?:si|t)(?:\s[^>]*)?(?:/>|>\s*</)")
"""An empty `<si>` or `<t>` (or one of only spaces) somewhere in the shared strings."""


@dataclass(frozen=True)
class WriteResult:
    """What apply_patch did."""

    path: Path
    archive_path: Path | None
    """The copy of the previous version in `arkiv/` (None when nothing was written)."""
    changed_parts: list[str] = field(default_factory=list)
    """Zip parts whose bytes changed, were added or were removed."""
    cells_changed: int = 0
    """Cells set with `set_cell` (appended rows are counted in `rows_appended`)."""
    rows_appended: int = 0


fingerprint = file_fingerprint
"""The sha256 (hex) of a file's bytes: tells whether it changed since it was read."""


def apply_patch(path: Path | str, patch: Patch, *, expected_fingerprint: str | None = None,
                archive: bool = True, progress: Progress | None = None,
                lock_timeout: float = save.LOCK_TIMEOUT,
                proceed: Callable[[], bool] | None = None,
                now: dt.datetime | None = None) -> WriteResult:
    """Write `patch` into the workbook at `path`, changing nothing else in it.

    `now` names the archive copy (default: the clock), so that `--today` dates it too.

    `proceed`, if given, is asked once the new parts are made and before anything
    is written; when it says False nothing is written (the WriteResult has no
    changed parts), so that a caller can prepare the write while it still decides.

    Raises WorkbookLocked (open in Excel or LibreOffice, or another run is
    writing), WorkbookChanged (not the file that was read), WorkbookUnreadable
    (not a workbook, or hostile) and WriteRefused (the patch cannot be written
    consistently, the check failed, or the disk refused); in every case the
    original is left as it was.
    """
    path = Path(path)
    say = progress or quiet
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise WriteRefused(f"{path.name}: plan-sheets ändrar bara arbetsböcker i Excels format "
                           f"(.xlsx eller .xlsm), inte {path.suffix or 'filer utan ändelse'}.",
                           hint="Spara huvuddokumentet som Excel-arbetsbok (.xlsx) och kör igen.")
    files.check_not_open(path)
    files.check_writable(path)
    save.pause_point("before-lock")
    with save.write_lock(path, timeout=lock_timeout, progress=say):
        save.remove_stale(path, say)
        save.pause_point("locked")
        files.check_not_open(path)
        say(f"Läser {path.name}")
        data, seen = _snapshot(path)
        if expected_fingerprint is not None \
                and hashlib.sha256(data).hexdigest() != expected_fingerprint:
            raise WorkbookChanged(
                f"{path.name} har ändrats sedan den lästes. Kör kommandot igen, så utgår "
                f"ändringarna från den nya versionen.")
        # The check needs the original's changed sheets parsed: that starts now, beside
        # applying the patch, for a big workbook.
        originals = Originals(data, patch.sheets) if len(data) >= EARLY_FROM else None
        try:
            return _apply(path, data, seen, patch, say, archive=archive, proceed=proceed,
                          originals=originals, now=now)
        except Damage as exc:  # a broken part, met while patching, copying or checking
            raise WorkbookUnreadable(_message(path, exc.text, exc.part, unreadable=True),
                                     hint=DAMAGED) from exc
        finally:
            if originals is not None:
                originals.close()


def _apply(path: Path, data: bytes, seen: tuple[int, int, int], patch: Patch,
           say: Progress, *, archive: bool, proceed: Callable[[], bool] | None,
           originals: Originals | None, now: dt.datetime | None = None) -> WriteResult:
    """apply_patch's work once the snapshot is taken (under the lock)."""
    try:
        plan = _Build(data, patch, say).run()
    except StructureLocked as exc:
        raise DataRejected(_message(path, exc.text, None), hint=UNLOCK) from exc
    except Refusal as exc:
        raise WriteRefused(_message(path, exc.text, exc.part),
                           hint="Ingenting har ändrats; originalet är orört.") from exc
    if proceed is not None and not proceed():
        return WriteResult(path, None, [], 0, 0)
    if not plan.changed_parts:
        say(f"{path.name} behövde inte ändras")
        return WriteResult(path, None, [], plan.cells_changed, plan.rows_appended)

    def unchanged_since() -> None:
        if _stat_key(path) != seen:
            raise WorkbookChanged(
                f"{path.name} ändrades medan plan-sheets arbetade. Kör kommandot igen.")

    if originals is not None:
        originals.settle()  # no thread of ours runs while the next process is forked
    # Big changed parts (and the changed sheets but the first) are checked in another
    # process while this one writes the file.
    well_formed = WellFormed(plan.expectation, beside=parallel.worth_forking(len(data)),
                             original=plan.package, original_bytes=data, originals=originals)
    try:
        kept = save.save(path, original=data, unchanged_since=unchanged_since,
                         write=plan.write,
                         check=lambda temp: verify(temp, plan.package, data,
                                                   plan.expectation, well_formed,
                                                   originals),
                         archive=archive, progress=say, now=now)
    except Refusal as exc:
        raise WriteRefused(_message(path, "kontrollen av den nya versionen visade att "
                                          + exc.text, exc.part),
                           hint="Ingenting har ändrats; originalet är orört.") from exc
    finally:
        well_formed.cancel()
    return WriteResult(path, kept, plan.changed_parts, plan.cells_changed, plan.rows_appended)


def takes_in(area: Area, *, last: int, new_last: int, header_row: int | None) -> bool:
    """Whether an autofilter over `area` should grow over rows appended below row `last`
    (the last holding data) down to `new_last`: when it starts at or above `last` and
    ends at it, or in the empty rows below it (an empty log's filter covers its header
    and one empty row), or starts at the header row the rows are appended under (a
    filter an older version left short)."""
    if area.first_row > last or area.last_row >= new_last:
        return False
    return area.last_row >= last or area.first_row == header_row


def _message(path: Path, text: str, part: str | None, *, unreadable: bool = False) -> str:
    where = f" (delen {part})" if part else ""
    if unreadable:
        return f"{path.name} går inte att läsa: {text}{where}."
    return f"{path.name} ändrades inte: {text}{where}."


def _stat_key(path: Path) -> tuple[int, int, int]:
    st = path.stat()
    return st.st_size, st.st_mtime_ns, st.st_ino


def _snapshot(path: Path) -> tuple[bytes, tuple[int, int, int]]:
    """The file's bytes, read once: every later step works on this snapshot."""
    try:
        seen = _stat_key(path)
        with path.open("rb") as f:
            data = f.read()
    except FileNotFoundError as exc:
        raise WorkbookUnreadable(f"{path.name} finns inte ({path}).") from exc
    except PermissionError as exc:
        raise files.in_use(path) from exc
    except OSError as exc:
        raise WorkbookUnreadable(f"{path.name} går inte att läsa. Kontrollera sökvägen och "
                                 f"behörigheten och kör igen.{detail(exc)}") from exc
    if seen != _stat_key(path):
        raise WorkbookChanged(f"{path.name} ändrades medan den lästes. Försök igen.")
    return data, seen


@dataclass
class _WritePlan:
    package: Package
    changed_parts: list[str]
    write: Callable[[BinaryIO], None]
    expectation: Expectation
    cells_changed: int
    rows_appended: int


class _Build:
    """Applies a patch to the parts of one workbook snapshot, in memory."""

    def __init__(self, data: bytes, patch: Patch, say: Progress) -> None:
        self.package = Package(data)
        self.patch = patch
        self.say = say
        self.workbook = Workbook(self.package)
        self.sheets: dict[str, tuple[SheetEntry, Worksheet]] = {}
        self.new_parts: dict[str, str] = {}
        """Part name -> sheet name of the sheets this patch adds."""
        self._styles: Styles | None = None
        self._tables: dict[str, list[tables.Table]] = {}
        self.extra_parts: dict[str, bytes] = {}
        """Other parts changed along (tables that grew)."""
        self.rows_appended = 0
        self._empty_strings: frozenset[int] | None = None

    # --- parts on demand -------------------------------------------------------------------

    @property
    def styles(self) -> Styles:
        if self._styles is None:
            part = next((target for rel_type, target in
                         relationships(self.package, self.workbook.part).values()
                         if rel_type.endswith("/styles")), None)
            if part is None or not self.package.has(part):
                raise Refusal("arbetsboken saknar formatmallar (styles.xml), som behövs för "
                              "datum och färger")
            self._styles = Styles(self.package.read(part), part=part)
        return self._styles

    def sheet(self, name: str) -> tuple[SheetEntry, Worksheet]:
        entry = self.workbook.find(name)
        if entry is None:
            raise Refusal(f"bladet {name} finns inte i arbetsboken")
        if entry.name not in self.sheets:
            if entry.kind != "worksheet" or not self.package.has(entry.part):
                raise Refusal(f"bladet {entry.name} är inget arbetsblad som går att skriva i",
                              part=entry.part or None)
            self.say(f"Ändrar bladet {entry.name}")
            ws = Worksheet(self.package.read(entry.part), part=entry.part, sheet=entry.name)
            ws.empty_shared_strings = self._empty_shared_strings
            self.sheets[entry.name] = (entry, ws)
        return self.sheets[entry.name]

    def _empty_shared_strings(self) -> frozenset[int]:
        """Indices of the shared strings that are empty text (read once, when first asked)."""
        if self._empty_strings is None:
            self._empty_strings = frozenset()
            part = next((target for rel_type, target in
                         relationships(self.package, self.workbook.part).values()
                         if rel_type.endswith("/sharedStrings")), None)
            data = self.package.read(part) if part and self.package.has(part) else b""
            if _MAYBE_EMPTY_STRING.search(data):  # most workbooks have none: skip the parse
                items = [si for si in xmlparts.parse(data, part=part or "") if
                         xmlparts.local(si) == "si"]
                self._empty_strings = frozenset(i for i, si in enumerate(items)
                                                if visible_text(si) == "")
        return self._empty_strings

    # --- the patch, in its fixed order -------------------------------------------------------

    def run(self) -> _WritePlan:
        date1904 = self.workbook.date1904
        for new in self.patch.new_sheets:
            if self.workbook.find(new.name) is None:
                self._add_sheet(new.name, new.headers, new.widths)
        cells_changed = 0
        for name, cells in self.patch.cells.items():
            _entry, ws = self.sheet(name)
            on_sheet = tables.tables_of(self.package, ws)
            like_left = self.patch.styled_like_left.get(name, set())
            for (r, c), value in sorted(cells.items()):
                tables.check_not_header(on_sheet, ws, r, c)
                if (r, c) in like_left:
                    ws.style_like(r, c, c - 1)
                ws.write(r, c, value, styles=self.styles, date1904=date1904)
                cells_changed += 1
        for name, rows in self.patch.deletions.items():
            self._delete(name, rows)
        for append in self.patch.appends:
            entry, ws = self.sheet(append.sheet)
            last = ws.last_data_row()
            first = ws.append(append.rows, header_row=append.header_row, styles=self.styles,
                              date1904=date1904)
            self.rows_appended += len(append.rows)
            self._grow_ranges(entry, ws, last, first + len(append.rows) - 1,
                              header_row=append.header_row)
        for op in self.patch.formatting:
            self._format(op)
        return self._finish(cells_changed)

    def _add_sheet(self, name: str, headers: tuple[str, ...], widths: tuple[float, ...]) -> None:
        if self.workbook.structure_locked:
            raise StructureLocked(f"bladet {name} behöver läggas till, men arbetsbokens "
                                  f"struktur är skyddad", part=self.workbook.part)
        self.say(f"Lägger till bladet {name}")
        part = self.workbook.add_worksheet(name)
        ws = Worksheet.new(part=part, sheet=name, ns=self.workbook.ns,
                           rel_ns=self.workbook.rel_ns, headers=headers,
                           widths=tuple(columns.stored_width(w) for w in widths),
                           header_style=self.styles.bold_style())
        entry = self.workbook.find(name)
        assert entry is not None
        self.sheets[entry.name] = (entry, ws)
        self.new_parts[part] = entry.name

    def _delete(self, name: str, rows: set[int]) -> None:
        entry, ws = self.sheet(name)
        if not rows:
            return
        self._check_no_references(entry, min(rows))
        ws.delete_rows(rows, anchored=self._anchored_rows(entry))
        self._sync_filter_name(entry, ws)

    def _anchored_rows(self, entry: SheetEntry) -> int:
        """The lowest row the sheet's comments and drawings sit on (they are not renumbered)."""
        lowest = 0
        for rel_type, target in relationships(self.package, entry.part).values():
            if not self.package.has(target):
                continue
            kind = rel_type.rsplit("/", 1)[-1]
            if kind in ("comments", "threadedComment"):
                for m in re.finditer(rb"""\bref\s*=\s*["']\$?[A-Za-z]{1,3}\$?(\d+)""",
                                     self.package.read(target)):
                    lowest = max(lowest, int(m.group(1)))
            elif kind in ("drawing", "vmlDrawing"):
                data = self.package.read(target)
                for m in re.finditer(rb"<(?:\w+:)?row>(\d+)</(?:\w+:)?row>", data):
                    lowest = max(lowest, int(m.group(1)) + 1)  # drawing rows count from 0
                for m in re.finditer(rb"<x:Row>(\d+)</x:Row>", data):
                    lowest = max(lowest, int(m.group(1)) + 1)
            elif kind not in ("printerSettings", "table"):
                lowest = MAX_ROW  # something we cannot place: it may sit anywhere
        return lowest

    def _check_no_references(self, entry: SheetEntry, first: int) -> None:
        """Refuse deleting rows that formulas elsewhere point at (they are not renumbered)."""
        names = [re.escape(entry.name), re.escape("'" + entry.name.replace("'", "''") + "'"),
                 re.escape("&apos;" + entry.name.replace("'", "''") + "&apos;")]
        sheet_ref = "(?:" + "|".join(names) + ")!"
        pattern = re.compile(
            (sheet_ref + r"(?:\$?[A-Za-z]{1,3}\$?(\d+)(?::\$?[A-Za-z]{1,3}\$?(\d+))?"
             r"|\$?(\d+):\$?(\d+))").encode(), re.IGNORECASE)
        for name, formula in self.workbook.defined_name_texts():
            if name == FILTER_DATABASE:
                continue  # moved along with the autofilter
            self._refuse_if_below(pattern, formula.encode(), first, entry,
                                  f"namnet {name}")
        for part in self.package.names:
            if part in (entry.part, self.workbook.part) or not part.endswith(".xml"):
                continue
            self._refuse_if_below(pattern, self.package.read(part), first, entry,
                                  f"delen {part}")
            self.package.forget(part)

    @staticmethod
    def _refuse_if_below(pattern: re.Pattern[bytes], data: bytes, first: int,
                         entry: SheetEntry, what: str) -> None:
        for m in pattern.finditer(data):
            rows = [int(g) for g in m.groups() if g]
            if rows and max(rows) >= first:
                raise Refusal(f"rader i bladet {entry.name} kan inte tas bort eftersom "
                              f"{what} pekar på dem ({m.group().decode(errors='replace')})")

    def _sync_filter_name(self, entry: SheetEntry, ws: Worksheet) -> None:
        area = views.autofilter_area(ws)
        if area is not None and self.workbook.filter_database(entry.index) is not None:
            self.workbook.set_filter_database(entry, area.absolute)

    def _grow_ranges(self, entry: SheetEntry, ws: Worksheet, last: int, new_last: int, *,
                     header_row: int | None) -> None:
        """Let the autofilter and the tables over the rows appended to take the new rows in."""
        area = views.autofilter_area(ws)
        if area is not None and takes_in(area, last=last, new_last=new_last,
                                         header_row=header_row):
            views.set_autofilter(ws, Area(area.first_row, area.first_col, new_last,
                                          area.last_col))
            self._sync_filter_name(entry, ws)
        self.extra_parts.update(tables.grow(self.package, ws, last=last, new_last=new_last))

    def _format(self, op: Formatting) -> None:
        entry, ws = self.sheet(op.sheet)
        if isinstance(op, TrafficLights):
            rules.set_traffic_lights(ws, self.styles, column=op.column, first_row=op.first_row,
                                     last_row=op.last_row)
        elif isinstance(op, Dropdown):
            rules.set_dropdown(ws, column=op.column, first_row=op.first_row,
                               last_row=op.last_row, rule=op.rule)
        elif isinstance(op, Freeze):
            views.freeze(ws, row=op.row, column=op.column)
        elif isinstance(op, ColumnWidths):
            columns.set_widths(ws, dict(op.widths), widen_only=op.widen_only)
        elif isinstance(op, PrintSetup):
            widths = columns.current_widths(ws, list(range(1, op.last_column + 1)))
            views.print_scaled(ws, print_scale(widths.values()))
            across = column_pixels(widths.values()) > page_pixels(MIN_PRINT_SCALE)
            self.workbook.set_print_titles(entry, op.header_row,
                                           op.title_column if across else 0)
        elif tables.covering_row(tables.tables_of(self.package, ws), op.first_row):
            # An Excel table over the header row has its own filter; a sheet filter on top
            # of it makes Excel "repair" the file by removing the table.
            views.remove_autofilter(ws)
            self.workbook.set_filter_database(entry, None)
        else:
            views.set_autofilter(ws, Area(op.first_row, op.first_column, op.last_row,
                                          op.last_column))
            self.workbook.set_filter_database(entry, Area(
                op.first_row, op.first_column, op.last_row, op.last_column).absolute)

    # --- the new parts ---------------------------------------------------------------------

    def _finish(self, cells_changed: int) -> _WritePlan:
        replaced: dict[str, bytes] = {}
        added: list[tuple[str, bytes]] = []
        expectations: list[SheetExpectation] = []
        values_changed = False
        for name, (entry, ws) in self.sheets.items():
            data = ws.to_bytes()
            if entry.part in self.new_parts:
                added.append((entry.part, data))
            elif data != ws.original:
                replaced[entry.part] = data
            if ws.changed_values or entry.part in self.new_parts:
                values_changed = True
                # The sheet is done with: its writes are handed over, not copied (a
                # country's snapshot appends a million cells).
                expectations.append(SheetExpectation(
                    name, ws.writes, ws.deleted, ws.appended,
                    new=entry.part in self.new_parts, part=entry.part))
            if ws.formula_removed:
                self.workbook.drop_calc_chain()
        # The sheets are done with: their new bytes are made, and a big sheet's rows and
        # original bytes need not stay in memory while the file is written and checked.
        self.sheets.clear()
        if values_changed:
            self.workbook.full_calc_on_load()
        if self._styles is not None and self._styles.changed:
            replaced[self._styles.part] = self._styles.to_bytes()
        replaced.update(self.workbook.changed_parts())
        replaced.update(self.extra_parts)
        replaced = {part: data for part, data in replaced.items()
                    if data != self.package.read(part)}
        for part in replaced:
            self.package.forget(part)  # its original is compared, and never written again
        removed = sorted(self.workbook.removed & set(self.package.names))
        members = [n for n in self.package.names if n not in removed] + [n for n, _d in added]
        changed = [n for n in self.package.names if n in replaced] + removed \
            + [n for n, _d in added]
        expectation = Expectation(
            members=members, replaced={**replaced, **dict(added)},
            sheet_names=[e.name for e in self.workbook.sheets], sheets=expectations,
            date1904=self.workbook.date1904)

        def write(target: BinaryIO) -> None:
            zip_package.write(target, self.package, replaced=replaced, added=added,
                              removed=removed)

        return _WritePlan(self.package, changed, write, expectation, cells_changed,
                     self.rows_appended)

