"""`import`: an old, hand-kept action-plan workbook becomes a new huvuddokument.

The old file is opened read-only on disk (openpyxl loads it into memory; it is
never saved), its plan is read by `convert`, and the new huvuddokument is
written by the same builder as `init`, so that it has the contract's layout,
traffic lights and dropdowns, plus the sheet `Import` recording every reading.
"""

from __future__ import annotations

import datetime as dt
import warnings
from dataclasses import dataclass, replace
from pathlib import Path

from plan_sheets.errors import UsageProblem, WorkbookUnreadable, detail
from plan_sheets.files import replacing
from plan_sheets.importer.convert import Converted, Options, convert, out_column
from plan_sheets.importer.record import Record, write_import_sheet
from plan_sheets.swedish import plural
from plan_sheets.workbook.colours import theme_palette
from plan_sheets.workbook.inputs import check_workbook_file
from plan_sheets.workbook.model import Plan
from plan_sheets.workbook.opening import opening_snapshot
from plan_sheets.workbook.schema import (
    ACTIVITIES,
    CHANGE_LOG,
    FOCUS_AREAS,
    GOALS,
    INTERVENTION_AREAS,
    MEASUREMENTS,
    SHEETS_BY_KEY,
    STATUS_HISTORY,
    STEERING_SHEETS,
    match_sheet,
)


@dataclass(frozen=True)
class ImportResult:
    path: Path
    plan: Plan
    record: Record
    sheets: tuple[str, ...]

    def summary(self) -> list[str]:
        plan, record = self.plan, self.record
        statuses = sum(1 for a in plan.activities if a.status is not None)
        dated = sum(1 for a in plan.activities if a.start or a.end or a.ongoing)
        activities = plural(len(plan.activities), "aktivitet", "aktiviteter", grouped=False)
        areas = plural(len(plan.focus_areas), "fokusområde", "fokusområden", grouped=False)
        parts = plural(len(plan.intervention_areas), "insatsområde", "insatsområden",
                       grouped=False)
        with_status = plural(statuses, "aktivitet", "aktiviteter", grouped=False)
        readings = plural(len(record.entries), "tolkning", "tolkningar", grouped=False)
        lines = [
            f"Läste {', '.join(self.sheets)}: {activities} i {areas} och {parts}.",
            f"{with_status} fick Status, {dated} fick datum eller Löpande.",
            f"Skrev {self.path} med fliken Import: {readings}.",
        ]
        decisions = record.decisions
        if decisions:
            lines.append(f"{len(decisions)} att avgöra (gula rader i fliken Import):")
            for entry in decisions[:20]:
                lines.append(f"  {entry.source}: {entry.read} – {entry.rule[len('ATT AVGÖRA: '):]}")
            if len(decisions) > 20:
                lines.append(f"  … och {len(decisions) - 20} till.")
        lines.append(f"Kontrollera den nya filen: plan-sheets validate {self.path}")
        return lines


def import_workbook(old: Path, new: Path, *, options: Options | None = None,
                    force: bool = False) -> ImportResult:
    """Read the old plan at `old` and write a new huvuddokument at `new`, with the opening
    snapshot (Utgångsläge) of the year of `options.today` in Statushistorik.

    Raises WorkbookUnreadable for a file that cannot be read, UsageProblem for a
    wrong command line (the new file exists, no activities found).
    """
    old, new = Path(old), Path(new)
    options = options or Options()
    if new.suffix.lower() != ".xlsx":
        raise UsageProblem(f"{new}: den nya filen måste sluta på .xlsx.")
    if new.exists() and not force:
        raise UsageProblem(f"{new} finns redan; den skrivs inte över.",
                           hint="Välj ett annat filnamn, eller lägg till --force.")
    fmt = check_workbook_file(old)
    if fmt == "ods":
        raise WorkbookUnreadable(f"{old}: är ett OpenDocument-kalkylark (.ods).",
                                 hint="Spara det som Excel-arbetsbok (.xlsx) och försök igen.")
    if new.exists() and new.resolve() == old.resolve():
        raise UsageProblem(f"{new}: den nya filen får inte vara den gamla.")
    wb = _load(old)
    _refuse_huvuddokument(old, wb)
    converted = convert(wb, options, palette=theme_palette(wb.loaded_theme),
                        extents=_extents(old), known=_known(old, wb))
    if not converted.plan.activities:
        raise UsageProblem(
            f"{old}: hittade inga aktiviteter.",
            hint="Ange fliken med --sheet, rubrikraden med --header-row och kolumnerna med "
                 "--column Aktivitet=C (se plan-sheets import --help).")
    today = options.today or dt.date.today()
    plan = replace(converted.plan, history=opening_snapshot(
        converted.plan.activities, day=today, year=today.year))
    converted = replace(converted, plan=plan)
    _write(new, converted, source=old.name)
    return ImportResult(new, converted.plan, converted.record, tuple(converted.sheets))


def _refuse_huvuddokument(path: Path, wb) -> None:
    """Refuse a file that is already a huvuddokument: importing it would keep its activities
    and lose Beslut, Bedömningar, Synpunkter, Statushistorik and Ändringslogg.

    A huvuddokument is told by the sheets plan-sheets writes (Statushistorik,
    Ändringslogg) or the steering group's sheets beside Aktiviteter.
    """
    sheets = {s.key for ws in wb.worksheets if (s := match_sheet(ws.title)) is not None}
    own = sheets & {STATUS_HISTORY.key, CHANGE_LOG.key}
    steering = sheets & {s.key for s in STEERING_SHEETS}
    if own or (ACTIVITIES.key in sheets and steering):
        raise UsageProblem(
            f"{path}: är redan ett huvuddokument (den har fliken "
            f"{', '.join(sorted(SHEETS_BY_KEY[k].name for k in own or steering))}). "
            "import gör om en plan som inte förts i plan-sheets; ett huvuddokument som görs "
            "om förlorar Beslut, Bedömningar, Synpunkter, Statushistorik och Ändringslogg.",
            hint=f"Börja ett nytt år med plan-sheets arsskifte {path.name} --year ÅÅÅÅ: det "
                 "arkiverar året, flyttar de avslutade aktiviteterna till fliken Avslutade och "
                 "behåller allt annat.")


def _load(path: Path):
    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            # Full mode: read-only mode has fills but not merged cells or conditional formats.
            return openpyxl.load_workbook(path, data_only=True, keep_links=False)
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds for bad files
        raise WorkbookUnreadable(f"{path}: arbetsboken går inte att läsa.",
                                 hint="Öppna den i Excel och spara den igen som .xlsx."
                                      + detail(error)) from None


def _extents(path: Path) -> dict[str, tuple[int, int]]:
    """Each sheet's last row and column holding a value (calamine reads values only)."""
    import python_calamine as calamine

    try:
        book = calamine.CalamineWorkbook.from_path(str(path))
        try:
            extents = {}
            for name in book.sheet_names:
                sheet = book.get_sheet_by_name(name)
                extents[name] = (sheet.end[0] + 1, sheet.end[1] + 1) if sheet.end else (0, 0)
            return extents
        finally:
            book.close()
    except Exception as error:  # noqa: BLE001 - calamine raises many kinds for bad files
        raise WorkbookUnreadable(f"{path}: arbetsboken går inte att läsa.",
                                 hint="Öppna den i Excel och spara den igen som .xlsx."
                                      + detail(error)) from None


def _known(path: Path, wb) -> Plan | None:
    """Goals, values and areas the old file already keeps in the contract's sheets."""
    wanted = {FOCUS_AREAS.key, INTERVENTION_AREAS.key, GOALS.key, MEASUREMENTS.key}
    if not any((s := match_sheet(ws.title)) is not None and s.key in wanted
               for ws in wb.worksheets):
        return None
    from plan_sheets.workbook.reader import read_workbook

    return read_workbook(path, kind="main", history=False).plan


def _write(path: Path, converted: Converted, *, source: str) -> None:
    from plan_sheets.annual.pack import DEFAULT_TITLE
    from plan_sheets.workbook.newbook import write_huvuddokument

    def more(book) -> None:
        if converted.unresolved_fills:
            ws = book.wb.get_worksheet_by_name(ACTIVITIES.name)
            col = out_column("status") - 1
            for index, rgb in converted.unresolved_fills.items():
                fmt = book.wb.add_format({"bg_color": f"#{rgb}"})
                ws.write_blank(2 + index, col, None, fmt)
        write_import_sheet(book, converted.record, source=source)

    path.parent.mkdir(parents=True, exist_ok=True)
    with replacing(path) as tmp:
        write_huvuddokument(tmp, converted.plan, title=converted.name or DEFAULT_TITLE,
                            more=more)
