"""Reading a huvuddokument (or a focus-area workbook) into a Plan, tolerantly.

Values come from python-calamine, which reads only the cells that hold
something, so a sheet formatted down to row 1,048,576 costs no more than one
that is not. The header row is looked for in the first rows; headers match in
any order, case, spacing and spelling the schema allows; columns the contract
does not name are the staff's own and are kept. Every activity remembers its
sheet and row, so that everything said about it points at a cell.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from lxml import etree

from plan_sheets.errors import WorkbookUnreadable, detail
from plan_sheets.excel.addresses import column_letter
from plan_sheets.periods import Form, Period, same_period
from plan_sheets.workbook import collector
from plan_sheets.workbook.baseline import Base, parse_base
from plan_sheets.workbook.dates import parse_date, parse_year
from plan_sheets.workbook.findings import Finding, make
from plan_sheets.workbook.inputs import check_workbook_file, file_fingerprint
from plan_sheets.workbook.kinds import (
    KINDS,
    area_id,
    focus_number,
    goal_ids,
    is_blank,
    key_of,
    number,
    text_of,
    timestamp,
)
from plan_sheets.workbook.model import (
    ATTRIBUTES,
    Activity,
    Assessment,
    Change,
    Decision,
    FocusArea,
    FormulaWithoutValue,
    Goal,
    InterventionArea,
    Measurement,
    Plan,
    SettingValue,
    SheetLayout,
    Snapshot,
    View,
    WorkbookKind,
)
from plan_sheets.workbook.responsibility import read_responsible
from plan_sheets.workbook.schema import (
    ACTIVITIES,
    ASSESSMENTS,
    BASE_SHEET,
    CHANGE_LOG,
    CLOSED,
    CONTRACT,
    DECISIONS,
    FOCUS_AREAS,
    GOALS,
    HEADER_SEARCH_ROWS,
    INTERVENTION_AREAS,
    MEASUREMENTS,
    SETTINGS,
    SNAPSHOT_DETAILS,
    STATUS_HISTORY,
    VIEWS,
    Contract,
    Sheet,
    fold,
    history_sheet_year,
    is_ongoing_word,
    key_text,
    match_headers,
    parse_decision_state,
    parse_direction,
    parse_phase,
    parse_priority,
    parse_status,
    setting_named,
)
from plan_sheets.workbook.xlsxparts import (
    UnsafeXml,
    filled_cells,
    formulas_without_value,
    lit_styles,
    worksheet_parts,
)

DAMAGED = ("Öppna filen i Excel (som brukar kunna reparera den) och spara den igen, eller ta "
           "en tidigare version ur mappen arkiv.")
_PREFIX = re.compile(r"^(\d+)\.")


@dataclass(frozen=True)
class Loaded:
    """A workbook read from disk: its plan, what reading found, and its fingerprint."""

    path: Path
    plan: Plan
    findings: tuple[Finding, ...]
    """Structural findings made while reading (missing sheets and columns, …)."""
    fingerprint: str
    """sha256 of the file's bytes as read, to notice changes before writing."""
    kind: WorkbookKind
    """`main` for a huvuddokument, `group` for a focus-area workbook from split."""
    sheet_names: tuple[str, ...] = ()
    base: Base | None = None
    """A focus-area workbook's rows as split wrote them (None for a hand-made copy)."""


# --- sheets -----------------------------------------------------------------------------------


@dataclass
class _Table:
    sheet: Sheet
    name: str
    layout: SheetLayout
    rows: list[tuple[int, list[Any]]]
    """(Excel row number, cleaned cell values) of the rows below the header holding data."""


def _find_header(sheet: Sheet, rows: list[list[Any]]) -> tuple[int, dict[int, str]] | None:
    best: tuple[int, int] | None = None
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        keys = set(match_headers(sheet, {c: v for c, v in enumerate(row)
                                         if isinstance(v, str) and v.strip()}).values())
        if len(keys) >= min(2, len(sheet.fields)) and (best is None or len(keys) > best[1]):
            best = (index, len(keys))
    if best is None:
        return None
    index = best[0]
    headers = {col: str(v).strip() for col, v in enumerate(rows[index], start=1)
               if v is not None and str(v).strip() != ""}
    return index, headers


def _table(sheet: Sheet, name: str, raw_rows: list[list[Any]],
           formulas: dict[tuple[int, int], str], out: list[Finding],
           strings: dict[str, str]) -> _Table | None:
    """The sheet's header, layout and data rows (cleaned; equal texts are one object).

    calamine makes a new string for every cell; a plan repeats its offices, statuses
    and goal lists on every row, so keeping one of each saves a third of the memory a
    large plan takes once read.
    """
    found = _find_header(sheet, raw_rows)
    if found is None:
        for f in sheet.fields:
            if f.required:
                out.append(make("COLUMN_MISSING", sheet=name, header=f.header))
        return None
    index, headers = found
    header_row = index + 1
    columns: dict[str, int] = {}
    extra: dict[str, int] = {}
    keys = match_headers(sheet, headers)
    for col, header in headers.items():
        key = keys.get(col)
        if key is None:
            if header not in extra:
                extra[header] = col
            continue
        if key in columns:
            first = headers[columns[key]]
            out.append(make("HEADER_DUPLICATE", sheet=name, row=header_row, column=col,
                              value=header, first=first, second=header,
                              header=sheet.field(key).header))
            continue
        columns[key] = col
    for f in sheet.fields:
        if f.required and f.key not in columns:
            out.append(make("COLUMN_MISSING", sheet=name, row=header_row, header=f.header))
    by_row: dict[int, list[tuple[int, str]]] = {}
    for (r, c), formula in formulas.items():
        if r > header_row:
            by_row.setdefault(r, []).append((c, formula))
    width = max((len(r) for r in raw_rows[:1]), default=0)
    rows: list[tuple[int, list[Any]]] = []
    keep = strings.setdefault
    # Cells below the header in a column without one (a note beside the table).
    unheaded_columns = [c for c in range(width) if c + 1 not in headers]
    unheaded: list[tuple[int, int, Any]] = []
    for number_, row in enumerate(raw_rows[index + 1:], start=header_row + 1):
        # clean(), inlined: this runs for every cell of every sheet. Text stays as typed.
        values = [(keep(v, v) if v.strip() else None) if v.__class__ is str else v
                  for v in row]
        for c, formula in by_row.pop(number_, ()):
            if c <= len(values) and values[c - 1] is None:
                values[c - 1] = FormulaWithoutValue(formula)
        if values.count(None) != len(values):
            rows.append((number_, values))
            unheaded += [(number_, c + 1, values[c]) for c in unheaded_columns
                         if c < len(values) and values[c] is not None]
    # Formulas without value beyond the rows the value reader saw.
    for number_, cells in by_row.items():
        values = [None] * max(width, *(c for c, _ in cells))
        for c, formula in cells:
            values[c - 1] = FormulaWithoutValue(formula)
        rows.append((number_, values))
    rows.sort(key=lambda item: item[0])
    last = rows[-1][0] if rows else header_row
    layout = SheetLayout(name=name, header_row=header_row, columns=columns, extra_columns=extra,
                         last_row=last, headers=headers, unheaded=tuple(unheaded))
    return _Table(sheet, name, layout, rows)


def _kind_findings(table: _Table) -> Iterator[Finding]:
    """A finding for each filled cell that does not read as its field's kind (the kinds
    with a finding code, `kinds.KINDS`; a field with its own rule is left to it)."""
    for f in table.sheet.fields:
        rule = KINDS[f.kind]
        column = table.layout.columns.get(f.key)
        if f.own_rule or not rule.code or column is None:
            continue
        for row, values in table.rows:
            value = values[column - 1] if column - 1 < len(values) else None
            if rule.unreadable(value):
                yield make(rule.code, sheet=table.name, row=row, column=column,
                           value=value, header=f.header)


def _getter(layout: SheetLayout) -> Callable[[list[Any], str], Any]:
    columns = layout.columns

    def get(values: list[Any], key: str) -> Any:
        col = columns.get(key)
        if col is None or col > len(values):
            return None
        return values[col - 1]

    return get


# --- the contract's sheets ------------------------------------------------------------------


def _focus_areas(table: _Table) -> list[FocusArea]:
    get = _getter(table.layout)
    out = []
    for row, values in table.rows:
        n = number(get(values, "id"))
        if n is None or not n.is_integer():
            continue
        out.append(FocusArea(int(n), text_of(get(values, "name")), text_of(get(values, "lead")),
                             row, text_of(get(values, "short_name")),
                             text_of(get(values, "lead_email"))))
    return out


def _intervention_areas(table: _Table, focus_names: dict[str, int]) -> list[InterventionArea]:
    get = _getter(table.layout)
    out = []
    for row, values in table.rows:
        aid = area_id(get(values, "id"))
        if aid is None:
            continue
        focus = focus_number(get(values, "focus_area"), focus_names) or int(aid.split(".")[0])
        out.append(InterventionArea(aid, focus, text_of(get(values, "text")),
                                    text_of(get(values, "approach")), row))
    return out


def _goals(table: _Table) -> list[Goal]:
    get = _getter(table.layout)
    out = []
    for row, values in table.rows:
        ids = goal_ids(get(values, "id"))
        if not ids:
            continue
        out.append(Goal(
            id=ids[0], name=text_of(get(values, "name")),
            indicator=text_of(get(values, "indicator")), unit=text_of(get(values, "unit")),
            baseline=number(get(values, "baseline")),
            baseline_year=parse_year(get(values, "baseline_year")),
            target=number(get(values, "target")),
            target_year=parse_year(get(values, "target_year")),
            direction=parse_direction(get(values, "direction")),
            source=text_of(get(values, "source")), row=row,
            kolada_kpi=text_of(get(values, "kolada_kpi")),
            gender=text_of(get(values, "gender")),
        ))
    return out


def _measurements(table: _Table, out_findings: list[Finding]) -> list[Measurement]:
    get = _getter(table.layout)
    cols = table.layout.columns
    out = []
    for row, values in table.rows:
        goal_raw, year_raw, value_raw = (get(values, k) for k in ("goal", "year", "value"))
        ids = goal_ids(goal_raw)
        year = parse_year(year_raw)
        value = number(value_raw)
        problem = None
        if not ids:
            problem, key, shown = "Raden saknar mål.", "goal", goal_raw
        elif year is None:
            problem, key, shown = f"År ”{text_of(year_raw)}” är inget årtal.", "year", year_raw
        elif value is None:
            problem = (f"Värdet ”{text_of(value_raw)}” är inget tal."
                       if value_raw is not None else "Värde saknas.")
            key, shown = "value", value_raw
        if problem:
            out_findings.append(make("MEASUREMENT_INVALID", sheet=table.name, row=row,
                                       column=cols.get(key), value=shown, problem=problem,
                                       activity_id=ids[0] if ids else ""))
            continue
        out.append(Measurement(ids[0], year, value, text_of(get(values, "comment")), row,
                               text_of(get(values, "source"))))
    return out


def _history(table: _Table, periods: Collection[str] | None = None, *, sheet: str = ""
             ) -> tuple[list[Snapshot], int]:
    """The snapshots (of `periods` only, when given), and how many rows of other periods
    were left unread. `sheet`: a closed year's sheet the rows are in (`Statushistorik
    2026`), empty for Statushistorik."""
    cols = table.layout.columns
    width = max(cols.values())
    # A column the sheet lacks (an older huvuddokument) reads as the empty cell past the row.
    index = {key: cols[key] - 1 if key in cols else width for key in
             ("date", "id", "period", "phase", "status", *SNAPSHOT_DETAILS)}
    wanted: dict[Any, bool] = {}
    """A Period cell's value -> whether it names one of `periods` (a plan has few)."""
    unread = 0
    out = []
    for row, values in table.rows:
        if len(values) <= width:
            values = [*values, *([None] * (width + 1 - len(values)))]
        if periods is not None:
            label = values[index["period"]]
            if label not in wanted:
                wanted[label] = any(same_period(key_of(label), p) for p in periods)
            if not wanted[label]:
                unread += values[index["date"]] is not None and values[index["id"]] is not None
                continue
        day = parse_date(values[index["date"]])
        aid = key_of(values[index["id"]])
        if day is None or not aid:
            continue
        end_raw = values[index["end"]]
        ongoing = is_ongoing_word(end_raw)
        out.append(Snapshot(day, key_of(values[index["period"]]), aid,
                            parse_phase(values[index["phase"]]),
                            parse_status(values[index["status"]]), row,
                            status_comment=_text(values[index["status_comment"]]),
                            cause=_text(values[index["cause"]]),
                            action=_text(values[index["action"]]),
                            responsible=_responsible(values[index["responsible"]])[0],
                            end=None if ongoing else parse_date(end_raw, end=True),
                            ongoing=ongoing,
                            decided=parse_date(values[index["decided"]]),
                            updated=parse_date(values[index["updated"]]), sheet=sheet))
    return out, unread


def _decisions(table: _Table) -> list[Decision]:
    get = _getter(table.layout)
    keys = list(table.layout.columns)
    out = []
    for row, values in table.rows:
        raw = {key: get(values, key) for key in keys}
        out.append(Decision(
            date=parse_date(raw.get("date")), period=key_of(raw.get("period")),
            activity_id=key_of(raw.get("activity_id")), text=text_of(raw.get("decision")),
            priority=parse_priority(raw.get("priority")),
            responsible=text_of(raw.get("responsible")),
            follow_up=parse_date(raw.get("follow_up")),
            state=parse_decision_state(raw.get("state")), raw=raw, row=row,
        ))
    return out


def _assessments(table: _Table, focus_names: dict[str, int]) -> list[Assessment]:
    get = _getter(table.layout)
    out = []
    for row, values in table.rows:
        out.append(Assessment(
            period=key_of(get(values, "period")),
            focus_area=focus_number(get(values, "focus_area"), focus_names),
            text=text_of(get(values, "assessment")), events=text_of(get(values, "events")),
            author=text_of(get(values, "author")), date=parse_date(get(values, "date")),
            row=row,
        ))
    return out


def _views(table: _Table, focus_names: dict[str, int]) -> list[View]:
    get = _getter(table.layout)
    out = []
    for row, values in table.rows:
        out.append(View(
            date=parse_date(get(values, "date")), forum=text_of(get(values, "forum")),
            text=text_of(get(values, "text")),
            focus_area=focus_number(get(values, "focus_area"), focus_names),
            handling=text_of(get(values, "handling")), row=row,
        ))
    return out


_SETTING_READERS: dict[str, Callable[[Any], Any]] = {"period_form": Form.parse}
"""How the settings with a list of values are read; None is unreadable."""


def _settings(table: _Table, out_findings: list[Finding]) -> dict[str, SettingValue]:
    get = _getter(table.layout)
    out: dict[str, SettingValue] = {}
    for row, values in table.rows:
        setting = setting_named(get(values, "name"))
        if setting is None or setting.key in out:
            continue
        value = get(values, "value")
        out[setting.key] = SettingValue(setting.key, value, row)
        read = _SETTING_READERS.get(setting.key)
        if read is not None and not is_blank(value) and read(value) is None:
            out_findings.append(make(
                "SETTING_INVALID", sheet=table.name, row=row,
                column=table.layout.columns.get("value"), value=value, setting=setting.name,
                choices=", ".join(setting.choices[:-1]) + " eller " + setting.choices[-1],
                default=setting.default))
    return out


def _changes(table: _Table) -> list[Change]:
    get = _getter(table.layout)
    return [Change(time=timestamp(get(values, "time")), source=key_of(get(values, "source")),
                   activity_id=key_of(get(values, "id")), field_name=key_of(get(values, "field")),
                   before=get(values, "before"), after=get(values, "after"), row=row,
                   period=key_of(get(values, "period")))
            for row, values in table.rows]


def _text(value: Any) -> str:
    # text_of(), with the common cases first: this runs for every text cell.
    if value.__class__ is str:
        return value  # a cell of only spaces was made empty when the row was read
    return "" if value is None else text_of(value)


def _responsible(value: Any) -> tuple[str, tuple[str, ...]]:
    """Ansvarig read as every stage reads it: (the responsible office, the offices the
    cell names besides)."""
    text = _text(value)
    if not text:
        return "", ()
    found = read_responsible(text)
    if not found.participants:
        return key_text(text), ()  # one office: its name whole (`+46 …`, `NLK.`)
    return found.responsible, found.participants


class ActivityParser:
    """Parses Aktiviteter rows laid out as `layout`; made once per sheet for speed.

    The fields of `sheet` (the contract's Aktiviteter, or Avslutade) that `Activity` has
    no attribute for are read by their kind into `Activity.values`.
    """

    def __init__(self, layout: SheetLayout, focus_names: dict[str, int],
                 sheet: Sheet = ACTIVITIES) -> None:
        self.layout = layout
        self.focus_names = focus_names
        self.columns = [(key, col - 1) for key, col in layout.columns.items()]
        self.generic = [(f.key, KINDS[f.kind].read) for f in sheet.fields
                        if f.key not in ATTRIBUTES and f.key in layout.columns]
        self.extra = [(header, col - 1) for header, col in layout.extra_columns.items()]
        self.width = max([0, *layout.columns.values(), *layout.extra_columns.values()])

    def parse(self, values: list[Any], row: int) -> Activity:
        """One row; unreadable values stay in `raw` for the validator."""
        if len(values) < self.width:
            values = [*values, *([None] * (self.width - len(values)))]
        raw = {key: values[i] for key, i in self.columns}
        extra = {header: values[i] for header, i in self.extra}
        get = raw.get
        end_raw = get("end")
        ongoing = is_ongoing_word(end_raw)
        activity_id = key_of(get("id")) if get("id") is not None else ""
        area = area_id(get("intervention_area")) or ""
        responsible, others = _responsible(get("responsible"))
        participants = _text(get("participants"))
        if others:
            participants = ", ".join([participants, *others] if participants else others)
        focus_raw = get("focus_area")
        focus = focus_number(focus_raw, self.focus_names)
        if focus is None and focus_raw is None:
            # No Fokusområde typed: the intervention area (or the ID) says which.
            m = _PREFIX.match(area or activity_id)
            focus = int(m[1]) if m else None
        return Activity.assemble({
            "id": activity_id,
            "focus_area": focus,
            "intervention_area": area,
            "title": _text(get("title")),
            "description": _text(get("description")),
            "responsible": responsible,
            "contact": _text(get("contact")),
            "participants": participants,
            "start": parse_date(get("start")),
            "end": None if ongoing else parse_date(end_raw, end=True),
            "ongoing": ongoing,
            "phase": parse_phase(get("phase")),
            "status": parse_status(get("status")),
            "status_comment": _text(get("status_comment")),
            "cause": _text(get("cause")),
            "action": _text(get("action")),
            "goals": goal_ids(get("goals")),
            "decided": parse_date(get("decided")),
            "updated": parse_date(get("updated")),
            "values": {key: read(get(key)) for key, read in self.generic},
            "extra": extra,
            "raw": raw,
            "sheet": self.layout.name,
            "row": row,
        })


def activity_from_values(values: list[Any], layout: SheetLayout, row: int,
                         focus_names: dict[str, int], sheet: Sheet = ACTIVITIES) -> Activity:
    """Parse one Aktiviteter row laid out as `layout` (the fields of `sheet`)."""
    return ActivityParser(layout, focus_names, sheet).parse(values, row)


# --- the workbook ------------------------------------------------------------------------------


def _scan_formulas(path: Path, wanted: list[str]) -> dict[str, dict[tuple[int, int], str]]:
    formulas: dict[str, dict[tuple[int, int], str]] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            parts = worksheet_parts(archive)
            members = set(archive.namelist())
            for name in wanted:
                if name in parts and parts[name] in members:
                    formulas[name] = formulas_without_value(archive, parts[name])
    except UnsafeXml:
        raise WorkbookUnreadable(f"{path}: arbetsboken innehåller XML med "
                                 "entitetsdeklarationer och öppnas inte (säkerhetsskydd).",
                                 hint="Spara om filen i Excel.") from None
    except (KeyError, zipfile.BadZipFile) as error:
        raise WorkbookUnreadable(f"{path}: arbetsboken är skadad.",
                                 hint=DAMAGED + detail(error)) from None
    return formulas


def _read_sheets(path: Path, fmt: str, contract: Contract, *, skip: tuple[str, ...] = (),
                 no_formulas: tuple[str, ...] = (), years: Collection[int] | None = None
                 ) -> tuple[list[str], dict[str, list[list[Any]]],
                            dict[str, dict[tuple[int, int], str]]]:
    from concurrent.futures import ThreadPoolExecutor

    import python_calamine as calamine

    try:
        book = calamine.CalamineWorkbook.from_path(str(path))
    except calamine.PasswordError:
        raise WorkbookUnreadable(f"{path}: arbetsboken är lösenordsskyddad — spara utan "
                                 "lösenord.") from None
    except Exception as error:  # noqa: BLE001 - calamine raises many kinds for bad files
        raise WorkbookUnreadable(f"{path}: arbetsboken går inte att läsa.",
                                 hint="Öppna den i Excel eller LibreOffice och spara den "
                                      "igen som .xlsx." + detail(error)) from None
    names = list(book.sheet_names)
    wanted = [n for n in names if n == BASE_SHEET or (
        (sheet := contract.match_sheet(n)) is not None and sheet.key not in skip)]
    # Closed years' snapshots (`Statushistorik 2026`): only `years`' when given.
    wanted += [n for n in names if (year := history_sheet_year(n)) is not None
               and STATUS_HISTORY.key not in skip and (years is None or year in years)]
    data: dict[str, list[list[Any]]] = {}
    with ThreadPoolExecutor(max_workers=1) as pool:
        # The formula scan inflates the sheets' XML; zlib lets go of the GIL, so it runs
        # while calamine parses the same sheets.
        scanned = [n for n in wanted if n == BASE_SHEET or (
            (sheet := contract.match_sheet(n)) is not None and sheet.key not in no_formulas)]
        scan = pool.submit(_scan_formulas, path, scanned) if fmt in ("xlsx", "xlsm") else None
        try:
            for name in wanted:
                data[name] = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        except Exception as error:  # noqa: BLE001
            raise WorkbookUnreadable(f"{path}: fliken {name} går inte att läsa.",
                                     hint=DAMAGED + detail(error)) from None
        finally:
            book.close()
        formulas = scan.result() if scan is not None else {}
    return names, data, formulas


def _with_status_fills(path: Path, layout: SheetLayout,
                       activities: list[Activity]) -> SheetLayout:
    """The layout, knowing which empty Status cells are filled in a traffic-light colour.

    Looked up only when some Status cell is empty: a plan kept by colour alone
    must not pass as one whose statuses are merely unset.
    """
    column = layout.columns.get("status")
    empty = {a.row for a in activities if a.raw.get("status") is None} if column else set()
    if not empty:
        return layout
    try:
        with zipfile.ZipFile(path) as archive:
            styles = lit_styles(archive)
            part = worksheet_parts(archive).get(layout.name)
            if not styles or part is None:
                return layout
            fills = filled_cells(archive, part, column_letter(column), empty, styles)
    except UnsafeXml:
        raise WorkbookUnreadable(f"{path}: arbetsboken innehåller XML med "
                                 "entitetsdeklarationer och öppnas inte (säkerhetsskydd).",
                                 hint="Spara om filen i Excel.") from None
    except (KeyError, ValueError, zipfile.BadZipFile, etree.XMLSyntaxError) as error:
        raise WorkbookUnreadable(f"{path}: arbetsboken är skadad.",
                                 hint=DAMAGED + detail(error)) from None
    return replace(layout, status_fills=fills) if fills else layout


def _focus_names(focus_areas: Iterable[FocusArea]) -> dict[str, int]:
    return {fold(a.name): a.number for a in focus_areas if a.name}


def read_workbook(path: Path | str, *, kind: WorkbookKind | str | None = None,
                  history: bool = True, periods: Collection[str] | None = None,
                  contract: Contract | None = None) -> Loaded:
    """Read a huvuddokument (`WorkbookKind.MAIN`) or focus-area workbook (`GROUP`).

    With `kind=None` a workbook holding split's base sheet is a focus-area
    workbook. `history=False` skips Statushistorik and the rows of Ändringslogg
    (validation does not need them, and in a plan kept for years they are the
    biggest sheets). `periods` reads only the Statushistorik rows of those
    periods (however spelt: `2026-Q2` is `2026-K2`) and no Ändringslogg rows,
    for merge, which records one period (`Plan.unread_history` counts the rest).
    The steering sheets (Beslut, Bedömningar, Synpunkter) are optional: absent, the
    plan has none. Raises
    WorkbookUnreadable when the file cannot be used at all; what is wrong
    inside it becomes findings.
    `contract` is the schema's sheets and fields (default `schema.CONTRACT`); the plan
    remembers it, so that split, merge, format and the reports carry the same fields.
    """
    with collector.paused():
        return _read_workbook(Path(path), kind=None if kind is None else WorkbookKind(kind),
                              history=history, periods=periods,
                              contract=contract or CONTRACT)


def _read_workbook(path: Path, *, kind: WorkbookKind | None, history: bool,
                   periods: Collection[str] | None = None,
                   contract: Contract = CONTRACT) -> Loaded:
    path = Path(path)
    fmt = check_workbook_file(path)
    fingerprint = file_fingerprint(path)
    skip = () if history else (STATUS_HISTORY.key,)
    # A formula saved without its value reads as empty unless the scan finds it. Where no
    # row is read (Ändringslogg for merge) that cannot matter, nor in Statushistorik, whose
    # dates, labels and texts read such a cell as empty anyway: in a plan kept for years
    # the scan would inflate and search its biggest sheet at every merge.
    no_formulas = (STATUS_HISTORY.key, CHANGE_LOG.key) if periods is not None else ()
    years = None if periods is None else {
        period.year for label in periods if (period := Period.read(label)) is not None}
    names, data, formulas = _read_sheets(path, fmt, contract, skip=skip, no_formulas=no_formulas,
                                         years=years)
    if kind is None:
        kind = WorkbookKind.GROUP if BASE_SHEET in names else WorkbookKind.MAIN
    found: list[Finding] = []
    by_key: dict[str, str] = {}
    for name in names:
        sheet = contract.match_sheet(name)
        if sheet is not None and sheet.key not in by_key:
            by_key[sheet.key] = name
    tables: dict[str, _Table] = {}
    strings: dict[str, str] = {}
    for sheet in contract.sheets:
        name = by_key.get(sheet.key)
        if sheet.key in skip:
            continue
        if name is None:
            if sheet.key == ACTIVITIES.key or (kind is WorkbookKind.MAIN
                                               and sheet.required_in_main):
                found.append(make("SHEET_MISSING", sheet=sheet.name))
            continue
        table = _table(sheet, name, data.get(name, []), formulas.get(name, {}), found,
                       strings)
        if table is not None:
            tables[sheet.key] = table

    for table in tables.values():
        found.extend(_kind_findings(table))
    focus_areas = _focus_areas(tables[FOCUS_AREAS.key]) if FOCUS_AREAS.key in tables else []
    names_index = _focus_names(focus_areas)
    areas = (_intervention_areas(tables[INTERVENTION_AREAS.key], names_index)
             if INTERVENTION_AREAS.key in tables else [])
    goals = _goals(tables[GOALS.key]) if GOALS.key in tables else []
    measurements = (_measurements(tables[MEASUREMENTS.key], found)
                    if MEASUREMENTS.key in tables else [])
    snapshots: list[Snapshot] = []
    unread = 0
    history_sheet = contract.sheet(STATUS_HISTORY.key)
    for name in sorted((n for n in names if history_sheet_year(n) is not None),
                       key=history_sheet_year):
        if name not in data:  # a closed year merge does not record
            unread += 1 if STATUS_HISTORY.key not in skip else 0
            continue
        table = _table(history_sheet, name, data[name], {}, found, strings)
        if table is not None:
            tables[f"{STATUS_HISTORY.key} {history_sheet_year(name)}"] = table
            read, left = _history(table, periods, sheet=name)
            snapshots += read
            unread += left
    if STATUS_HISTORY.key in tables:
        read, left = _history(tables[STATUS_HISTORY.key], periods)
        snapshots += read
        unread += left
    decisions = _decisions(tables[DECISIONS.key]) if DECISIONS.key in tables else []
    assessments = (_assessments(tables[ASSESSMENTS.key], names_index)
                   if ASSESSMENTS.key in tables else [])
    views = _views(tables[VIEWS.key], names_index) if VIEWS.key in tables else []
    changes = (_changes(tables[CHANGE_LOG.key])
               if history and periods is None and CHANGE_LOG.key in tables else [])
    settings = _settings(tables[SETTINGS.key], found) if SETTINGS.key in tables else {}
    activities: list[Activity] = []
    if ACTIVITIES.key in tables:
        table = tables[ACTIVITIES.key]
        parser = ActivityParser(table.layout, names_index, table.sheet)
        activities = [parser.parse(values, row) for row, values in table.rows]
        if fmt in ("xlsx", "xlsm"):
            table.layout = _with_status_fills(path, table.layout, activities)
    closed: list[Activity] = []
    if CLOSED.key in tables:
        table = tables[CLOSED.key]
        parser = ActivityParser(table.layout, names_index, table.sheet)
        closed = [parser.parse(values, row) for row, values in table.rows]
    plan = Plan(
        activities=tuple(activities),
        closed=tuple(closed),
        focus_areas=tuple(focus_areas),
        intervention_areas=tuple(areas),
        goals=tuple(goals),
        measurements=tuple(measurements),
        history=tuple(snapshots),
        unread_history=unread,
        decisions=tuple(decisions),
        assessments=tuple(assessments),
        views=tuple(views),
        changes=tuple(changes),
        settings=settings,
        layouts={key: t.layout for key, t in tables.items()},
        contract=None if contract is CONTRACT else contract,
    )
    base = (parse_base(data[BASE_SHEET], strings=strings, sheet=contract.activities)
            if BASE_SHEET in data else None)
    return Loaded(path=path, plan=plan, findings=tuple(found), fingerprint=fingerprint,
                  kind=kind, sheet_names=tuple(names), base=base)

