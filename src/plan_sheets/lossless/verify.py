"""Re-reading a written file before it may replace the original.

Three checks, cheapest first:
1. the zip: the same members in the same order (less the removed, plus the
   added); each member that was not to change has its original size and CRC,
   and every member reads back (zipfile checks each CRC as it reads);
2. every part that changed is well-formed XML and reads back as written;
3. the values: python-calamine reads each changed sheet from the original and
   from the new file; every cell that was not to change must read the same,
   and every written cell must read as what was written.
"""

from __future__ import annotations

import bisect
import contextlib
import datetime as dt
import io
import itertools
import xml.parsers.expat
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from plan_sheets.excel.addresses import cell_address
from plan_sheets.lossless.package import Package
from plan_sheets.lossless.problems import Refusal
from plan_sheets.lossless.values import CellValue

_MS = 1 / 86_400_000
"""One millisecond in days: Excel keeps times to the millisecond."""


@dataclass(frozen=True)
class SheetExpectation:
    """What one changed sheet must read like afterwards."""

    name: str
    writes: Mapping[tuple[int, int], CellValue]
    deleted: Sequence[int] = ()
    appended: Mapping[tuple[int, int], CellValue] = field(default_factory=dict)
    new: bool = False
    part: str = ""
    """The sheet's part in the package (`xl/worksheets/sheet2.xml`), if known."""


@dataclass(frozen=True)
class Expectation:
    members: Sequence[str]
    replaced: Mapping[str, bytes]
    sheet_names: Sequence[str]
    sheets: Sequence[SheetExpectation]
    date1904: bool = False


def verify(written: Path, original: Package, original_bytes: bytes,
           expected: Expectation, well_formed: WellFormed | None = None,
           originals: Originals | None = None) -> None:
    """Raise Refusal unless the file at `written` is the original plus exactly the patch.

    The zip check runs in a thread beside the value check: zlib and calamine let
    go of the GIL, so on two cores they take the time of the longer one.
    `well_formed`, started before the file was written, checks that the changed
    parts are well-formed XML, and perhaps the values of all changed sheets but
    the first; the zip check makes sure the file holds exactly the bytes it
    checked. `originals` holds the original's sheets if they were parsed early.
    Refusals come in the order of a check done here from start to end: the
    zip, well-formedness, then the sheets in their order.
    """
    from concurrent.futures import ThreadPoolExecutor

    if well_formed is None or well_formed.expected is not expected:
        well_formed = WellFormed(expected, beside=False)
    with ThreadPoolExecutor(max_workers=1) as pool:
        zipped = pool.submit(_check_zip, written, original, expected, well_formed)
        try:
            _check_values(written, original_bytes, expected, originals,
                          sheets=well_formed.sheets_here)
        except Refusal:
            zipped.result()  # the cheaper checks' findings come first, as if run first
            well_formed.result(values=False)
            raise
        zipped.result()
        well_formed.result()


_XML_PARTS = (".xml", ".rels", ".vml")


class WellFormed:
    """Whether the changed parts of an expectation are well-formed XML, and (given the
    original) whether the changed sheets after the first read as they should.

    Parsing holds the GIL (expat) or a core (calamine), so for a big workbook it
    is done in a forked process started before the file is written (`beside=True`,
    as `parallel.worth_forking` says), from the very bytes that are then written:
    the zip check of `verify` holds every part of the written file to exactly
    those bytes, so checking them is checking the file. The answer is the same
    either way: `result()` raises Refusal for the first part, in the file's
    order, that is not well-formed, then for the first sheet that does not read
    as it should.
    """

    def __init__(self, expected: Expectation, *, beside: bool = False,
                 original: Package | None = None, original_bytes: bytes | None = None,
                 originals: Originals | None = None) -> None:
        from plan_sheets import parallel
        self.expected = expected
        self._parts = [name for name in expected.members
                       if name in expected.replaced and name.endswith(_XML_PARTS)]
        self._beside: Any = None
        self.sheets_here: list[SheetExpectation] = list(expected.sheets)
        """The sheets whose values `verify` checks in this process."""
        if beside:
            there: list[SheetExpectation] = []
            if original is not None and original_bytes is not None:
                self.sheets_here, there = self.sheets_here[:1], self.sheets_here[1:]
            # The forked process has a copy of the original's sheets parsed early (settled
            # before the fork): they are not parsed again there.
            self._beside = parallel.start_beside(
                lambda: self._check(original, original_bytes, there, originals))
        self._checked = self._beside is not None

    def _check(self, original: Package | None, original_bytes: bytes | None,
               sheets: list[SheetExpectation], originals: Originals | None = None
               ) -> tuple[Refusal | None, Refusal | None]:
        try:
            for name in self._parts:
                _well_formed(self.expected.replaced[name], name)
        except Refusal as refusal:
            return refusal, None
        if not sheets:
            return None, None
        assert original is not None and original_bytes is not None
        try:
            _check_values(_as_written(original, self.expected, sheets), original_bytes,
                          self.expected, originals, sheets=sheets)
        except Refusal as refusal:
            return None, refusal
        return None, None

    def part(self, data: bytes, name: str) -> None:
        """Check one part here unless the forked process checks them all."""
        if not self._checked:
            _well_formed(data, name)

    def result(self, *, values: bool = True) -> None:
        """Raise the forked process's refusal (only well-formedness's if not `values`)."""
        if self._beside is None:
            return
        try:
            formed, valued = self._beside.result()
        except Exception as exc:  # noqa: BLE001 - unchecked means unwritten
            raise Refusal(f"den skrivna filen kunde inte kontrolleras ({exc})") from exc
        if formed is not None:
            raise formed
        if values and valued is not None:
            raise valued

    def cancel(self) -> None:
        if self._beside is not None:
            self._beside.cancel()


def _as_written(original: Package, expected: Expectation,
                sheets: Sequence[SheetExpectation]) -> io.BytesIO:
    """The workbook as `expected` says it is written, for checking `sheets`: a zip of
    the parts with the same bytes, less the other changed sheets' parts (a big sheet
    need not be copied to check another). Deflated, if only lightly: calamine reads the
    whole zip into memory, and a snapshot's rows stored as they are would cost that
    memory three times over (at 30,000 activities ~100 MB, against 0.1 s of CPU)."""
    others = {s.part for s in expected.sheets if s.part} - {s.part for s in sheets}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED,
                         compresslevel=1) as out:
        for name in expected.members:
            if name in others:
                continue
            data = expected.replaced.get(name)
            out.writestr(name, data if data is not None else original.read(name))
    buffer.seek(0)
    return buffer


def _check_zip(written: Path, original: Package, expected: Expectation,
               well_formed: WellFormed) -> None:
    try:
        with zipfile.ZipFile(written) as new:
            names = new.namelist()
            if names != list(expected.members):
                raise Refusal("den skrivna filen har inte samma delar som originalet")
            for name in names:
                info = new.getinfo(name)
                data = new.read(name)
                if name in expected.replaced:
                    if data != expected.replaced[name]:
                        raise Refusal("delen lästes inte tillbaka som den skrevs", part=name)
                    well_formed.part(data, name)
                else:
                    old = original.info(name)
                    if (info.CRC, info.file_size) != (old.CRC, old.file_size):
                        raise Refusal("delen skulle ha kopierats orörd men skiljer sig",
                                      part=name)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise Refusal(f"den skrivna filen gick inte att läsa tillbaka ({exc})") from exc


def _well_formed(data: bytes, name: str) -> None:
    if not name.endswith(_XML_PARTS):
        return
    parser = xml.parsers.expat.ParserCreate()
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError as exc:
        raise Refusal(f"den skrivna delen är inte giltig XML ({exc})", part=name) from exc


EARLY_FROM = 1_000_000
"""From this many bytes of workbook the original's changed sheets are parsed (`Originals`)
while the patch is applied."""


class Originals:
    """The original's sheets that a patch changes, parsed by calamine in a thread while the
    patch is applied (calamine parses mostly without the GIL, and the other core is idle
    then); the check takes them from here instead of parsing them after writing.

    Nothing here decides anything: a sheet that could not be parsed early is parsed
    (and refused) by the check as it would be without this.
    """

    def __init__(self, original_bytes: bytes, names: Iterable[str]) -> None:
        from concurrent.futures import ThreadPoolExecutor

        self._pool = ThreadPoolExecutor(max_workers=1)
        self._book = self._pool.submit(_load, original_bytes)
        self._sheets = {name: self._pool.submit(self._parse, name) for name in sorted(names)}

    def _parse(self, name: str) -> Any:
        book = self._book.result()
        return book.get_sheet_by_name(name) if name in book.sheet_names else None

    def book(self) -> Any:
        return self._book.result()

    def settle(self) -> None:
        """Wait until the parsing is done (whether it worked is the check's to find out)."""
        from concurrent.futures import wait

        wait([self._book, *self._sheets.values()])

    def take(self, name: str) -> Any:
        """The sheet's future (None if not parsed early); given out once."""
        return self._sheets.pop(name, None)

    def close(self) -> None:
        for future in self._sheets.values():
            future.cancel()
        self._sheets.clear()
        self._pool.shutdown(wait=True)


def _load(data: bytes) -> Any:
    import python_calamine

    return python_calamine.load_workbook(io.BytesIO(data))


def _check_values(written: Path | io.BytesIO, original_bytes: bytes, expected: Expectation,
                  originals: Originals | None = None, *,
                  sheets: Sequence[SheetExpectation] | None = None) -> None:
    """The value check of `sheets` (all the expectation's if None) in the file `written`
    (or in a workbook held in memory)."""
    import python_calamine

    with _calamine("originalet gick inte att läsa för kontrollen"):
        before = originals.book() if originals is not None else _load(original_bytes)
    with _calamine("den skrivna filen gick inte att läsa tillbaka"):
        after = python_calamine.load_workbook(
            written if isinstance(written, io.BytesIO) else str(written))
        names = list(after.sheet_names)
    if names != list(expected.sheet_names):
        raise Refusal("den skrivna filen har inte de blad den skulle ha")
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        for sheet in expected.sheets if sheets is None else sheets:
            # The sheet before and after, parsed side by side (calamine lets go of the GIL),
            # then compared a row at a time: a country's plan as Python lists would cost
            # hundreds of megabytes twice over.
            old = None
            if not sheet.new:
                old = originals.take(sheet.name) if originals is not None else None
                if old is None:
                    old = pool.submit(_open, before, sheet.name)
            new = _open(after, sheet.name)
            with _calamine(f"bladet {sheet.name} gick inte att läsa för kontrollen"):
                old_sheet = old.result() if old is not None else None
            if old is not None and old_sheet is None:
                old_sheet = _open(before, sheet.name)  # not in the original: refused there
            try:
                _compare(sheet, _Rows.of(old_sheet, sheet.name), _Rows.of(new, sheet.name),
                         date1904=expected.date1904)
            except _Shape:
                _compare(sheet, _Rows.listed(old_sheet, sheet.name),
                         _Rows.listed(new, sheet.name), date1904=expected.date1904)
            del old, new, old_sheet  # a big sheet goes before the next sheet is read


def _open(book: Any, name: str) -> Any:
    with _calamine(f"bladet {name} gick inte att läsa för kontrollen"):
        return book.get_sheet_by_name(name)
    raise AssertionError("unreachable")  # pragma: no cover


class _Shape(Exception):
    """calamine's row iterator did not give the rows its grid gives (another version)."""


@dataclass(frozen=True)
class _Rows:
    """A sheet's rows as `to_python(skip_empty_area=False)` gives them: from A1, every row
    as wide as the widest."""

    height: int
    width: int
    rows: Iterable[list[Any]]

    @classmethod
    def of(cls, sheet: Any, name: str) -> _Rows:
        """Made one at a time from calamine's row iterator (which starts at the first
        column holding data: the columns before it are put back)."""
        if sheet is None or sheet.start is None:
            return cls(0, 0, ())
        (_first_row, first_col), (last_row, last_col) = sheet.start, sheet.end
        return cls(last_row + 1, last_col + 1,
                   _iterated(sheet, name, first_col, last_row + 1, last_col + 1))

    @classmethod
    def listed(cls, sheet: Any, name: str) -> _Rows:
        if sheet is None:
            return cls(0, 0, ())
        with _calamine(f"bladet {name} gick inte att läsa för kontrollen"):
            grid = sheet.to_python(skip_empty_area=False)
        return cls(len(grid), len(grid[0]) if grid else 0, grid)


def _iterated(sheet: Any, name: str, pad: int, height: int, width: int
              ) -> Iterator[list[Any]]:
    blanks = [""] * pad
    count = 0
    with _calamine(f"bladet {name} gick inte att läsa för kontrollen"):
        for row in sheet.iter_rows():
            if pad:
                row = blanks + row
            if len(row) != width:
                raise _Shape
            count += 1
            yield row
    if count != height:
        raise _Shape


@contextlib.contextmanager
def _calamine(what: str) -> Iterator[None]:
    """Turn any failure of the reader into a refusal: unchecked means unwritten.

    calamine's Rust panics (for one, a large negative number in a date-formatted
    cell) surface as pyo3's PanicException, which is not an Exception.
    """
    try:
        yield
    except (KeyboardInterrupt, SystemExit, GeneratorExit, _Shape, Refusal):
        raise
    except BaseException as exc:
        raise Refusal(f"{what} ({type(exc).__name__}: {exc})") from exc


def _compare(sheet: SheetExpectation, old: _Rows, new: _Rows, *, date1904: bool) -> None:
    # calamine's grids are rectangles: rows of equal width compare as they are, and only
    # when a write widened the sheet must trailing blanks be ignored.
    same_width = old.height > 0 and new.height > 0 and old.width == new.width
    trim = (lambda row: row) if same_width else _trim
    written: dict[tuple[int, int], CellValue] = {}
    for (r, c), value in sheet.writes.items():
        written[(r, c)] = value
    gone = set(sheet.deleted)
    if sheet.deleted:
        deleted = sorted(sheet.deleted)
        written = {(r - bisect.bisect_left(deleted, r), c): v for (r, c), v in written.items()}
    written.update(sheet.appended)
    by_row: dict[int, dict[int, CellValue]] = {}
    for (r, c), value in written.items():
        by_row.setdefault(r, {})[c] = value
    wanted = (trim(row) for i, row in enumerate(old.rows, start=1) if i not in gone)
    got_rows = (trim(row) for row in new.rows)
    seen = 0
    for r, (want, got) in enumerate(itertools.zip_longest(wanted, got_rows, fillvalue=[]),
                                    start=1):
        _compare_row(sheet, r, want, got, by_row.get(r), date1904=date1904)
        seen = r
    for r in range(seen + 1, max(by_row, default=0) + 1):
        _compare_row(sheet, r, [], [], by_row.get(r), date1904=date1904)


def _compare_row(sheet: SheetExpectation, r: int, want: list[Any], got: list[Any],
                 changes: dict[int, CellValue] | None, *, date1904: bool) -> None:
    if not changes and want == got:
        return
    changes = changes or {}
    width = max(len(want), len(got), max(changes, default=0))
    for c in range(1, width + 1):
        was = want[c - 1] if c <= len(want) else ""
        now = got[c - 1] if c <= len(got) else ""
        if c in changes:
            ok = _reads_as(changes[c], now, date1904=date1904)
        else:
            ok = was == now
        if not ok:
            raise Refusal(f"{sheet.name}!{cell_address(r, c)} läses tillbaka som {now!r}, "
                          f"inte som {changes.get(c, was)!r}")


def _trim(row: list[Any]) -> list[Any]:
    end = len(row)
    while end and row[end - 1] in ("", None):
        end -= 1
    return list(row[:end])


def _reads_as(value: CellValue, got: Any, *, date1904: bool) -> bool:
    """Whether a cell written as `value` reads back as `got` (calamine's view of it)."""
    if got.__class__ is value.__class__ and got == value:
        return True  # the usual case, which each rule below also accepts
    if value is None or value == "":
        return got in ("", None)
    if isinstance(value, bool):
        return isinstance(got, bool) and got is value
    if isinstance(value, str):
        return got == value
    if isinstance(value, (int, float)):
        # A number must read back as a number: one shown as a date has changed its kind.
        return isinstance(got, (int, float)) and not isinstance(got, bool) \
            and float(got) == float(value)
    days = _as_days(got, date1904=date1904)
    wanted = _as_days(value, date1904=date1904)
    if isinstance(got, (int, float)) and not isinstance(got, bool):
        days = float(got)
    return days is not None and wanted is not None and abs(days - wanted) <= _MS


def _as_days(value: Any, *, date1904: bool) -> float | None:
    epoch = dt.datetime(1904, 1, 1) if date1904 else dt.datetime(1899, 12, 30)
    if isinstance(value, dt.date):
        moment = value if isinstance(value, dt.datetime) else dt.datetime.combine(value,
                                                                                  dt.time())
        days = (moment.replace(tzinfo=None) - epoch) / dt.timedelta(days=1)
        if not date1904 and moment < dt.datetime(1900, 3, 1):
            days -= 1  # Excel counts 1900-02-29, which never was, so its early serials lag
        return days
    if isinstance(value, dt.time):
        return (value.hour * 3600 + value.minute * 60 + value.second
                + value.microsecond / 1e6) / 86400
    if isinstance(value, dt.timedelta):
        return value / dt.timedelta(days=1)
    return None
