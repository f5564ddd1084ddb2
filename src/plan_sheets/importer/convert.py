"""An old plan's sheets, read cell by cell into a Plan, every interpretation recorded.

Pure over openpyxl's in-memory workbook: no files here. Each activity row is
placed in its focus and intervention area (from columns, heading rows, the
sheet or its old ID) and gets its ID; `values` reads its cells (Status,
Start/Slut/Läge, Ansvarig/Delaktiga, comment parts, goals). What cannot be
read is left empty and written to the record.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from plan_sheets.importer.cells import ConditionalFormats
from plan_sheets.importer.ids import assign_ids, id_hint
from plan_sheets.importer.layout import (
    TIMELINE,
    Columns,
    Heading,
    find_header_row,
    map_columns,
    read_heading,
    sheet_focus,
)
from plan_sheets.importer.marks import hidden, note_text, split_off_notes, struck
from plan_sheets.importer.record import Record, source_cell
from plan_sheets.importer.values import (
    FoundRow,
    read_dates,
    read_goals,
    read_notes,
    read_responsibility,
    read_status,
    split_comment,
    text_of,
)
from plan_sheets.workbook.model import (
    Activity,
    FocusArea,
    Goal,
    InterventionArea,
    Phase,
    Plan,
    Status,
)
from plan_sheets.workbook.schema import (
    ACTIVITIES,
    fold,
    match_sheet,
)

OLD_ID = "Tidigare ID"
"""Staff column keeping an old ID that gave way to one in the contract's form."""
OUT_FIRST_ROW = 3
"""The first activity's row in the new Aktiviteter (title row, header row, data)."""


@dataclass(frozen=True)
class Options:
    """What a person tells the import when its guesses are wrong."""

    sheets: tuple[str, ...] = ()
    header_row: int | None = None
    columns: Mapping[str, int] = field(default_factory=dict)
    colours: Mapping[str, Status | None] = field(default_factory=dict)
    name: str | None = None
    """The plan's name (`--namn`); else the old sheet's own title row gives it."""
    today: dt.date | None = None
    """The day a Läge is inferred for (a traffic light without one); default today."""


@dataclass
class Converted:
    plan: Plan
    record: Record
    sheets: list[str]
    unresolved_fills: dict[int, str] = field(default_factory=dict)
    """Index of an activity -> the RGB of its Status fill that named no light."""
    name: str = ""
    """The plan's name (`--namn`, or the old sheet's title; empty: it has none)."""


class _Areas:
    """The focus and intervention areas met so far, in order."""

    def __init__(self, known: Plan | None) -> None:
        self.focus: dict[int, str] = {}
        self.areas: dict[str, tuple[str, str]] = {}
        self.by_text: dict[tuple[int, str], str] = {}
        if known is not None:
            for fa in known.focus_areas:
                self.focus[fa.number] = fa.name
            for ia in known.intervention_areas:
                self.areas[ia.id] = (ia.text, ia.approach)

    def add_focus(self, number: int, name: str = "") -> None:
        if name or number not in self.focus:
            self.focus[number] = name or self.focus.get(number, "")

    def add_area(self, focus: int, number: int | None, text: str = "",
                 approach: str = "") -> str:
        self.add_focus(focus)
        if number is None:
            if text and (focus, fold(text)) in self.by_text:
                return self.by_text[(focus, fold(text))]
            number = 1 + max((int(a.split(".")[1]) for a in self.areas
                              if a.startswith(f"{focus}.")), default=0)
        area = f"{focus}.{number}"
        old = self.areas.get(area, ("", ""))
        self.areas[area] = (text or old[0], approach or old[1])
        if text:
            self.by_text[(focus, fold(text))] = area
        return area

    def next_focus(self) -> int:
        return 1 + max(self.focus, default=0)


def activity_sheets(wb: Any, options: Options, record: Record,
                    extents: Mapping[str, tuple[int, int]]) -> list[tuple[Any, int]]:
    """(worksheet, header row) of each sheet holding activities."""
    from plan_sheets.errors import UsageProblem

    names = [ws.title for ws in wb.worksheets]
    if options.sheets:
        missing = [n for n in options.sheets if n not in names]
        if missing:
            raise UsageProblem(f"--sheet {missing[0]}: arbetsboken har ingen sådan flik.",
                               hint=f"Flikarna heter {', '.join(names)}.")
        chosen = [wb[n] for n in options.sheets]
    else:
        chosen = []
        for ws in wb.worksheets:
            contract = match_sheet(ws.title)
            if ws.sheet_state != "visible" or (contract is not None and
                                               contract is not ACTIVITIES):
                continue
            chosen.append(ws)
    found = []
    for ws in chosen:
        rows, cols = extents.get(ws.title, (0, 0))
        if not rows:
            continue
        top = [list(r) for r in ws.iter_rows(min_row=1, max_row=min(rows, 25), max_col=cols,
                                             values_only=True)]
        header = find_header_row(top, given=options.header_row)
        if header is None and options.columns and (options.sheets or len(chosen) == 1):
            header = options.header_row or 1
        if header is None:
            record.add(ws.title, "", "", "ingen rubrikrad med Aktivitet och andra kolumner "
                       "hittades: fliken läses inte")
            continue
        found.append((ws, header))
    return found


def convert(wb: Any, options: Options, *, palette: tuple[str, ...],
            extents: Mapping[str, tuple[int, int]], known: Plan | None = None) -> Converted:
    """The plan an old workbook (openpyxl, full mode) holds, and the record of reading it.

    `extents` gives each sheet's last row and column holding a value: a sheet
    formatted down to row 1,048,576 is read no further than its data.
    """
    record = Record()
    sheets = activity_sheets(wb, options, record, extents)
    name = plan_name(sheets, options, record)
    areas = _Areas(known)
    rows: list[FoundRow] = []
    per_sheet = len(sheets) > 1
    for index, (ws, header_row) in enumerate(sheets, start=1):
        rows.extend(_read_sheet(ws, header_row, options, areas, record, palette=palette,
                                extent=extents[ws.title],
                                sheet_number=index if per_sheet else None))
    assigned = assign_ids([(r.area, r.hint) for r in rows])
    activities: list[Activity] = []
    fills: dict[int, str] = {}
    id_col = out_column("id")
    seen_titles: dict[tuple[str, str], str] = {}
    for index, (row, new) in enumerate(zip(rows, assigned, strict=True)):
        out_row = OUT_FIRST_ROW + index
        id_source = row.columns.fields.get("id") or row.columns.fields.get("title")
        if not new.kept:
            record.add(source_cell(row.sheet, row.row, id_source), row.hint.text or "",
                       f"{new.new_id} (Aktiviteter!{_col_letter(id_col)}{out_row})", new.rule)
            if row.hint.text:
                row.extra[OLD_ID] = row.hint.text
        title = row.fields.get("title", "")
        key = (row.area, fold(title))
        if title and key in seen_titles:
            record.add(source_cell(row.sheet, row.row, row.columns.fields.get("title")), title,
                       f"{new.new_id} och {seen_titles[key]}",
                       f"två aktiviteter med samma text i insatsområde {row.area}: båda finns "
                       "kvar; ta bort den ena om de är samma", decide=True)
        elif title:
            seen_titles[key] = new.new_id
        if row.status_fill:
            fills[index] = row.status_fill
        activities.append(Activity(
            id=new.new_id, focus_area=row.focus, intervention_area=row.area,
            title=title, description=row.fields.get("description", ""),
            responsible=row.fields.get("responsible", ""),
            contact=row.fields.get("contact", ""),
            participants=row.fields.get("participants", ""),
            start=row.fields.get("start"), end=row.fields.get("end"),
            ongoing=row.fields.get("ongoing", False), phase=row.fields.get("phase"),
            status=row.fields.get("status"),
            status_comment=row.fields.get("status_comment", ""),
            cause=row.fields.get("cause", ""), action=row.fields.get("action", ""),
            goals=row.fields.get("goals", ()), decided=row.fields.get("decided"),
            updated=row.fields.get("updated"), extra=row.extra, row=out_row))
    goals = _goals(activities, [r.goal_source for r in rows], known, record)
    for area, (text, _) in sorted(areas.areas.items()):
        if not text:
            record.add("", area, f"Insatsområden {area}", "den gamla filen har ingen text för "
                       "insatsområdet: fyll i ”där kommunen …” i fliken Insatsområden")
    plan = Plan(
        activities=tuple(activities),
        focus_areas=tuple(FocusArea(n, name) for n, name in sorted(areas.focus.items())),
        intervention_areas=tuple(
            InterventionArea(a, int(a.split(".")[0]), text, approach)
            for a, (text, approach) in sorted(areas.areas.items(), key=_area_order)),
        goals=goals,
        measurements=known.measurements if known else (),
    )
    return Converted(plan, record, [ws.title for ws, _ in sheets], fills, name)


def plan_name(sheets: list[tuple[Any, int]], options: Options, record: Record) -> str:
    """The plan's name: `--namn`, else the first title row above the header of the first
    activity sheet that is not a focus area's heading (`Handlingsplan för … 2020–2023`).
    Never the file's name: the name is shown on the public annual report."""
    if options.name:
        record.add("--namn", options.name, "planens namn", "angivet med --namn")
        return options.name.strip()
    for ws, header_row in sheets[:1]:
        for row in ws.iter_rows(min_row=1, max_row=header_row - 1):
            for cell in row:
                if not isinstance(cell.value, str) or not cell.value.strip():
                    continue
                text = " ".join(cell.value.split("\n")[0].split())
                head, sep, rest = text.partition(" – ")
                if sep and fold(head) == fold(ACTIVITIES.name):
                    text = rest.strip()
                if read_heading(text).focus_word or fold(text) == fold(ACTIVITIES.name):
                    continue
                record.add(source_cell(ws.title, cell.row, cell.column), cell.value,
                           "planens namn", "flikens titelrad (ändra med --namn)")
                return text
    record.add("", "", "planens namn", "den gamla filen har ingen titelrad: planen får "
               "standardnamnet; ange namnet med --namn")
    return ""


def _area_order(item: tuple[str, Any]) -> tuple[int, ...]:
    return tuple(map(int, item[0].split(".")))


def _goals(activities: list[Activity], sources: list[str], known: Plan | None,
           record: Record) -> tuple[Goal, ...]:
    goals = list(known.goals) if known else []
    have = {g.id for g in goals}
    for activity, source in zip(activities, sources, strict=True):
        for goal in activity.goals:
            if goal not in have:
                have.add(goal)
                goals.append(Goal(goal, ""))
                record.add(source, goal, f"{goal} i fliken Mål",
                           f"målet {goal} nämns men finns inte i den gamla filen: lagt till "
                           "utan namn; fyll i målet", decide=True)
    return tuple(goals)


def _col_letter(col: int) -> str:
    from plan_sheets.excel.addresses import column_letter

    return column_letter(col)


def out_column(key: str) -> int:
    return [f.key for f in ACTIVITIES.fields].index(key) + 1


def _out(key: str, row: int) -> str:
    return f"Aktiviteter!{_col_letter(out_column(key))}{row}"


def _read_sheet(ws: Any, header_row: int, options: Options, areas: _Areas, record: Record, *,
                extent: tuple[int, int],
                palette: tuple[str, ...], sheet_number: int | None) -> list[FoundRow]:
    last_col = max(extent[1], *options.columns.values()) if options.columns else extent[1]
    grid = [list(r) for r in ws.iter_rows(min_row=1, max_row=extent[0], max_col=last_col)]
    if header_row > len(grid):
        return []
    columns = map_columns([c.value for c in grid[header_row - 1]], options.columns)
    for key, why in columns.chosen.items():
        header = ACTIVITIES.field(key).header if key != TIMELINE else "Tidplan"
        record.add(source_cell(ws.title, header_row, columns.fields[key]),
                   columns.headers.get(columns.fields[key], ""), header,
                   f"kolumnen läses som {header} ({why})")
    for col, text in columns.staff().items():
        record.add(source_cell(ws.title, header_row, col), text, f"egen kolumn ”{text}”",
                   "rubriken känns inte igen: kolumnen förs över som en egen kolumn. Är den "
                   "ett av huvuddokumentets fält, importera igen med --column, t.ex. "
                   f"--column Mål={_col_letter(col)}", decide=True)
    if "title" not in columns.fields:
        record.add(source_cell(ws.title, header_row, None), "", "",
                   "ingen kolumn med aktiviteternas text: fliken läses inte", decide=True)
        return []
    merged = {(r.min_row, r.min_col): r.max_col - r.min_col + 1 for r in ws.merged_cells.ranges}
    formats = ConditionalFormats(ws, palette)
    # The sheet's own focus area: its name, a title row, or its place among the sheets.
    focus = sheet_focus(ws.title)
    for row in grid[:header_row - 1]:
        for cell in row:
            if isinstance(cell.value, str) and (heading := read_heading(cell.value)).focus_word \
                    and focus in (None, heading.focus):
                focus = heading.focus
                areas.add_focus(focus, heading.name)
                record.add(source_cell(ws.title, cell.row, cell.column), cell.value,
                           f"fokusområde {focus}: {heading.name}",
                           "titelraden namnger fokusområdet")
    if focus is None and sheet_number is not None:
        focus = sheet_number
        record.add(ws.title, ws.title, f"fokusområde {focus}",
                   "en flik per fokusområde: numrerat efter flikens plats", decide=True)
    elif focus is not None and sheet_number is not None:
        name = re.sub(r"^(?:fokusomr[aå]de|fo)?\s*\d{1,2}\s*[.:)\-–]?\s*", "", ws.title,
                      flags=re.IGNORECASE)
        areas.add_focus(focus, name.strip() if name.strip() else "")
        record.add(ws.title, ws.title, f"fokusområde {focus}", "flikens namn")
    own_focus = focus if sheet_number is not None else None
    if focus is not None:
        areas.add_focus(focus)

    kinds: list[tuple[str, int, Any]] = []  # ("heading", row, Heading) / ("activity", row, cells)
    for cells in grid[header_row:]:
        kind = _row_kind(cells, columns, merged)
        if kind is not None:
            kinds.append(kind)
    kinds, notes = split_off_notes(kinds)
    for note in notes:
        record.add(source_cell(ws.title, note.row, note.column), note.text, "(hoppades över)",
                   "under aktiviteterna: en teckenförklaring eller anteckning, inget område "
                   "och ingen aktivitet")
    area: str | None = None
    out: list[FoundRow] = []
    for position, (kind, row_number, payload) in enumerate(kinds):
        if kind == "heading":
            following = kinds[position + 1][0] if position + 1 < len(kinds) else None
            column, heading = payload
            focus, area = _place_heading(heading, following == "heading", focus, own_focus,
                                         area, areas, record,
                                         source_cell(ws.title, row_number, column))
            continue
        found = _activity(ws.title, row_number, payload, columns, focus, area, areas,
                          record, options, palette, formats)
        _marks(ws, found, record, today=options.today or dt.date.today())
        out.append(found)
    return out


def _row_kind(cells: list[Any], columns: Columns, merged: Mapping[tuple[int, int], int]
              ) -> tuple[str, int, Any] | None:
    filled = [c for c in cells if c.value is not None and str(c.value).strip()]
    if not filled:
        return None
    row_number = filled[0].row
    fields = columns.fields
    others = [c for c in filled if c.column not in (fields.get("id"), fields.get("title"))]
    texts = [str(c.value).strip() for c in filled]
    first = filled[0]
    spans = merged.get((first.row, first.column), 1) > 1
    styled = bool(first.font and first.font.b) or (
        first.fill is not None and first.fill.patternType not in (None, "none"))
    if len(filled) == 1 and not spans and not styled and first.column == fields.get("id") \
            and _looks_like_id(texts[0]):
        return "activity", row_number, cells  # an ID without its text: TITLE_MISSING later
    if len(filled) == 1 and (spans or first.column != fields.get("title")):
        return "heading", row_number, (first.column, read_heading(texts[0]))
    if not others and len(filled) <= 2:
        heading = read_heading(" ".join(texts))
        worded = heading.focus_word or heading.intervention or heading.area is not None
        if spans or worded or (styled and len(filled) == 1):
            return "heading", row_number, (first.column, heading)
    return "activity", row_number, cells


def _looks_like_id(text: str) -> bool:
    return id_hint(text).focus is not None or \
        re.fullmatch(r"\d{1,4}|[a-zåäö]\)", text, re.IGNORECASE) is not None


def _place_heading(heading: Heading, before_heading: bool, focus: int | None,
                   own_focus: int | None, area: str | None, areas: _Areas, record: Record,
                   where: str) -> tuple[int | None, str | None]:
    if heading.area is not None:
        focus_n, number = heading.area
        if own_focus is not None and focus_n != own_focus:
            record.add(where, heading.text, f"insatsområde {focus_n}.{number}",
                       f"rubriken hör till fokusområde {focus_n} men fliken till {own_focus}",
                       decide=True)
        new = areas.add_area(focus_n, number, heading.name, heading.approach)
        record.add(where, heading.text, f"insatsområde {new}: {heading.name}",
                   "rubrikrad: insatsområde med nummer")
        return focus_n, new
    is_focus = heading.focus_word or (not heading.intervention and own_focus is None and (
        before_heading or focus is None))
    if is_focus:
        number = heading.focus or heading.number or areas.next_focus()
        areas.add_focus(number, heading.name)
        how = "med nummer" if heading.focus or heading.number else "numrerat i ordning"
        record.add(where, heading.text, f"fokusområde {number}: {heading.name}",
                   f"rubrikrad: fokusområde {how}")
        return number, None
    if focus is None:
        focus = areas.next_focus()
        areas.add_focus(focus)
    text = heading.name
    new = areas.add_area(focus, heading.number, text, heading.approach)
    how = "med nummer" if heading.number else "numrerat i ordning"
    record.add(where, heading.text, f"insatsområde {new}: {text}",
               f"rubrikrad: insatsområde {how}")
    return focus, new


def _activity(sheet: str, row_number: int, cells: list[Any], columns: Columns,
              focus: int | None, area: str | None, areas: _Areas, record: Record,
              options: Options, palette: tuple[str, ...], formats: ConditionalFormats) -> FoundRow:
    fields = columns.fields

    def cell(key: str) -> Any:
        col = fields.get(key)
        return cells[col - 1] if col is not None and col <= len(cells) else None

    def value(key: str) -> Any:
        c = cell(key)
        if c is None or c.value is None or (isinstance(c.value, str) and not c.value.strip()):
            return None
        return c.value

    def where(key: str) -> str:
        return source_cell(sheet, row_number, fields.get(key))

    hint = id_hint(value("id"))
    # Focus and intervention area: a column says it first, then the heading, then the ID.
    if value("focus_area") is not None:
        read = value("focus_area")
        heading = read_heading(text_of(read))
        number = heading.focus or heading.number or (
            int(read) if isinstance(read, (int, float)) and float(read).is_integer() else None)
        if number is None:
            number = next((n for n, name in areas.focus.items() if name and
                           fold(name) == fold(read)), None)
            if number is None:
                number = areas.next_focus()
                areas.add_focus(number, text_of(read))
                record.add(where("focus_area"), read, f"fokusområde {number}",
                           "fokusområdets namn: numrerat i ordning")
        elif heading.name and not areas.focus.get(number):
            areas.add_focus(number, heading.name)
        focus = number
    if value("intervention_area") is not None:
        read = value("intervention_area")
        heading = read_heading(text_of(read))
        if heading.area is not None:
            focus = heading.area[0]
            area = areas.add_area(focus, heading.area[1], heading.name, heading.approach)
        else:
            if focus is None:
                focus = hint.focus or (min(areas.focus) if areas.focus else 1)
            before = set(areas.areas)
            area = areas.add_area(focus, heading.number, heading.name or text_of(read),
                                  heading.approach)
            if area not in before:
                record.add(where("intervention_area"), read, f"insatsområde {area}",
                           "insatsområdets text: numrerat i ordning inom fokusområdet")
    if area is None and hint.area is not None:
        focus, area = hint.focus, areas.add_area(hint.focus, int(hint.area.split(".")[1]))
    if focus is None:
        focus = hint.focus or (min(areas.focus) if areas.focus else 1)
        areas.add_focus(focus)
    if area is None or not area.startswith(f"{focus}."):
        before = set(areas.areas)
        area = areas.add_area(focus, 1) if not any(a.startswith(f"{focus}.")
                                                   for a in areas.areas) else \
            sorted(a for a in areas.areas if a.startswith(f"{focus}."))[0]
        if area not in before:
            record.add(where("title"), value("title"), f"insatsområde {area}",
                       f"inget insatsområde angivet: aktiviteterna i fokusområde {focus} "
                       f"samlas i {area}; ange rätt område", decide=True)
    out = FoundRow(sheet, row_number, columns, cells, focus, area, hint)
    f = out.fields
    for key in ("title", "description", "contact", "participants", "status_comment",
                "cause", "action"):
        if value(key) is not None:
            f[key] = text_of(value(key))
    read_responsibility(out, value("responsible"), where("responsible"), record)
    read_dates(out, value, where, record)
    split_comment(out, where("status_comment"), record)
    read_status(out, cell("status"), where("status"), record, options.colours, palette,
                formats)
    read_goals(out, value("goals"), where("goals"), record)
    for col, header in columns.staff().items():
        if col <= len(cells) and cells[col - 1].value is not None:
            out.extra[header] = cells[col - 1].value
    if TIMELINE in fields:
        out.extra[columns.headers.get(fields[TIMELINE], "Tidplan")] = value(TIMELINE)
    return out




def _marks(ws: Any, out: FoundRow, record: Record, *, today: dt.date) -> None:
    """What the row's look says: hidden, struck through, cell notes; and a Läge for a
    traffic light without one. Each is recorded; the first two and the Läge for a person
    to decide."""
    f = out.fields
    title_col = out.columns.fields.get("title")
    row_ref = source_cell(out.sheet, out.row, title_col)
    if hidden(ws, out.row):
        record.add(row_ref, f.get("title", ""), "importerad som de andra",
                   "raden är dold i den gamla filen (en gammal aktivitet?): kontrollera om den "
                   "ska vara med, annars ta bort den eller sätt Läge Avbruten", decide=True)
    title_cell = out.cells[title_col - 1] if title_col and title_col <= len(out.cells) else None
    if struck(title_cell):
        was = f.get("status")
        f["phase"] = Phase.CANCELLED
        f.pop("status", None)
        out.status_fill = None
        record.add(row_ref, f.get("title", ""), f"Läge {Phase.CANCELLED.value}, Status tom",
                   "texten är genomstruken: föreslås Avbruten"
                   + (f" (inte {was.value})" if was is not None else "")
                   + "; stämmer det inte, sätt Läge och Status", decide=True)
    notes = [(source_cell(out.sheet, out.row, c.column), text) for c in out.cells
             if (text := note_text(c))]
    read_notes(out, notes, record)
    if f.get("status") is not None and f.get("phase") is None:
        start, end = f.get("start"), f.get("end")
        passed = end is not None and end < today and not f.get("ongoing")
        if start is not None and start > today:
            phase, why = Phase.PLANNED, f"Start {start.isoformat()} har inte kommit"
        elif passed:
            phase, why = Phase.ONGOING, (f"Slut {end.isoformat()} har passerat: Genomförd, "
                                         "eller pågår den fortfarande? Pågående tills vidare")
        else:
            phase, why = Phase.ONGOING, "den har ett trafikljus och datumen säger inget annat"
        f["phase"] = phase
        record.add(source_cell(out.sheet, out.row, out.columns.fields.get("status")),
                   f["status"].value, f"Läge {phase.value}",
                   f"trafikljus utan Läge: Läge {phase.value} efter datumen ({why})",
                   decide=passed)
