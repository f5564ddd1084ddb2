"""`arsskifte`: close a year of the plan and carry it into the next.

The year as it stands is copied to `arkiv/<huvuddokument>-<year>.xlsx`; the
activities that were Genomförd or Avbruten at the end of the year (in the year's
last snapshot, and still so) move from Aktiviteter to the sheet Avslutade, with
the year they closed, so that the next year's reports no longer count them;
every unfinished activity stays as it is, and those whose Slut has passed are
the steering group's question at its first meeting of the next year; the year
is marked closed in Inställningar (a later merge into it is refused unless the
year is reopened); the new year gets its opening snapshot, and the closed year's
snapshots move from Statushistorik to a sheet of their own (`Statushistorik
2026`). Everything is written through the lossless writer (which keeps a copy in
`arkiv/` too).
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from plan_sheets.errors import DataRejected
from plan_sheets.files import replacing
from plan_sheets.periods import Period
from plan_sheets.progress import Progress, quiet
from plan_sheets.swedish import plural
from plan_sheets.workbook.dates import parse_year, period_bounds
from plan_sheets.workbook.findings import Severity
from plan_sheets.workbook.model import (
    Activity,
    FormulaWithoutValue,
    Phase,
    Plan,
    Snapshot,
    WorkbookKind,
    is_opening,
)
from plan_sheets.workbook.opening import opening_label, opening_snapshot, opening_year
from plan_sheets.workbook.reader import read_workbook
from plan_sheets.workbook.rowvalues import snapshot_values
from plan_sheets.workbook.schema import (
    ACTIVITIES,
    CHANGE_LOG,
    CLOSED,
    SETTING_LIST,
    SETTINGS,
    STATUS_HISTORY,
    contract_of,
    history_sheet_name,
)

SOURCE = "arsskifte"
"""Ändringslogg's Källa for what the turn of the year does."""
MOVED_FIELD = "(flyttad till Avslutade)"
CLOSED_YEAR_HEADER = CLOSED.field("closed_year").header


@dataclass(frozen=True)
class YearEnd:
    """What `close_year` found and did (or would do, on a dry run)."""

    main: Path
    year: int
    period: str
    """The year's last period, whose snapshot says what was closed at the end of the year."""
    archive: Path
    closed: tuple[tuple[Activity, int], ...]
    """Activities moved to Avslutade, each with the year it closed."""
    carried: tuple[Activity, ...]
    """Unfinished activities carried over unchanged."""
    overdue: tuple[Activity, ...]
    """Carried activities whose Slut has passed: the steering group decides on them."""
    dry_run: bool
    written: Any = None
    """The lossless writer's WriteResult, when something was written."""
    history_moved: tuple[tuple[int, int], ...] = ()
    """(year, rows) of the closed years' snapshots moved to their own sheet
    (`Statushistorik 2026`, `history_moves`)."""


def archive_path(main: Path, year: int) -> Path:
    """`arkiv/huvuddokument-2026.xlsx` beside the huvuddokument."""
    return main.parent / "arkiv" / f"{main.stem}-{year}{main.suffix}"


def last_snapshot_of_year(plan: Plan, year: int) -> str | None:
    """The Statushistorik period that closes `year`: a period label whose last day is the
    year's last day (`2026-T3`, `2026-Q4`, `2026-H2`, `2026-12`, `2026`)."""
    end = dt.date(year, 12, 31)
    found = [p for p in plan.periods()
             if not is_opening(p) and (b := period_bounds(p)) is not None and b[1] == end]
    return found[-1] if found else None


def _closed_year(activity: Activity, history: Sequence[Snapshot], year: int) -> int:
    """The year an activity became Genomförd or Avbruten: the first snapshot of the last run
    of snapshots showing its phase, else Slut when it lies in or before `year`, else `year`."""
    since: dt.date | None = None
    for snap in history:
        if snap.activity_id != activity.id:
            continue
        if snap.phase is activity.phase:
            since = since or snap.date
        else:
            since = None
    if since is not None and since.year <= year:
        return since.year
    if activity.end is not None and activity.end.year <= year:
        return activity.end.year
    return year


def close_year(main: Path, *, year: int, today: dt.date, now: dt.datetime,
               dry_run: bool = False, progress: Progress = quiet) -> YearEnd:
    """Close `year` in the huvuddokument `main` and carry the plan into the next.

    Raises DataRejected (nothing written) when the year's last period has no
    snapshot in Statushistorik, or the huvuddokument has errors the turn would
    carry on; WorkbookUnreadable, WorkbookLocked, WorkbookChanged and WriteRefused
    as any write does.
    """
    main = Path(main)
    progress(f"Läser {main.name} …")
    loaded = read_workbook(main, kind=WorkbookKind.MAIN)
    plan = loaded.plan
    structural = [f for f in loaded.findings if f.severity is Severity.ERROR]
    if structural or ACTIVITIES.key not in plan.layouts:
        lines = "\n".join(f"  {f.location}: {f.message}" for f in structural[:10])
        raise DataRejected(f"{main}: året kan inte stängas förrän huvuddokumentet går att "
                           f"läsa utan fel.\n{lines}",
                           hint=f"Kör plan-sheets validate {main.name} och rätta felen först.")
    if year in plan.closed_years:
        raise DataRejected(
            f"{main}: {year} är redan stängt (Stängda år i fliken {SETTINGS.name}); "
            "ingenting skrevs.",
            hint=f"Ska något föras in i {year} först: plan-sheets arsskifte {main.name} "
                 f"--year {year} --oppna, sedan merge med --period för perioden, och stäng "
                 f"året igen med plan-sheets arsskifte {main.name} --year {year}.")
    period = last_snapshot_of_year(plan, year)
    if period is None:
        raise DataRejected(
            f"{main}: Statushistorik har ingen ögonblicksbild för årets sista period "
            f"({year}-T3, eller en annan period som slutar 31 december {year}). Utan den "
            f"går det inte att säga vad som var genomfört eller avbrutet när {year} tog slut, "
            "och ingenting skrevs.",
            hint=f"För in fokusområdenas arbetsböcker för perioden först: plan-sheets merge "
                 f"{main.name} inkommande/*.xlsx --period {year}-T3 (också om de kommer in "
                 "i januari).")
    at_end = {s.activity_id: s for s in plan.history if s.period == period}
    closed: list[tuple[Activity, int]] = []
    carried: list[Activity] = []
    for activity in plan.activities:
        snap = at_end.get(activity.id)
        if (activity.id and snap is not None and snap.phase is not None and snap.phase.is_closed
                and activity.phase is not None and activity.phase.is_closed):
            closed.append((activity, _closed_year(activity, plan.history, year)))
        else:
            carried.append(activity)
    turn = dt.date(year + 1, 1, 1)
    overdue = tuple(a for a in carried if a.end is not None and not a.ongoing and a.end < turn
                    and not (a.phase is not None and a.phase.is_closed))
    outcome = YearEnd(main=main, year=year, period=period, archive=archive_path(main, year),
                      closed=tuple(closed), carried=tuple(carried), overdue=overdue,
                      dry_run=dry_run,
                      history_moved=tuple((y, len(rows)) for y, rows in
                                          history_moves(plan, year).items()))
    if dry_run:
        return outcome
    patch = _patch(plan, outcome, today=today, now=now)
    progress(f"Arkiverar året i {outcome.archive} …")
    outcome.archive.parent.mkdir(parents=True, exist_ok=True)
    with replacing(outcome.archive) as tmp:
        shutil.copyfile(main, tmp)
    from plan_sheets.lossless import apply_patch

    progress(f"Skriver {main.name} …")
    written = apply_patch(main, patch, expected_fingerprint=loaded.fingerprint,
                          progress=progress)
    return YearEnd(**{**outcome.__dict__, "written": written})


def _patch(plan: Plan, outcome: YearEnd, *, today: dt.date, now: dt.datetime):
    """The lossless writer's patch: the closed rows from Aktiviteter to Avslutade, their
    Ändringslogg rows, and the new year's opening snapshot."""
    from plan_sheets.groups.merge import tool_sheet
    from plan_sheets.lossless import Patch

    patch = Patch()
    layout = plan.layouts[ACTIVITIES.key]
    stamp = now.replace(microsecond=0)
    log: list[list[Any]] = []
    closed_years = sorted({*plan.closed_years, outcome.year})
    log.append(setting_patch(plan, patch, "closed_years", _years_text(closed_years), stamp))
    if outcome.closed:
        name, columns, header = _closed_sheet(plan, patch)
        first = (plan.layouts[CLOSED.key].last_row if CLOSED.key in plan.layouts else header) + 1
        rows = []
        for offset, (activity, closed_in) in enumerate(outcome.closed):
            values: dict[int, Any] = {}
            for key in layout.columns:
                value = _kept(activity.raw.get(key))
                if value is not None and key in columns:
                    values[columns[key]] = value
            for staff in layout.extra_columns:
                value = _kept(activity.extra.get(staff))
                if value is not None:
                    values[columns[f"staff:{staff}"]] = value
            values[columns["closed_year"]] = closed_in
            rows.append(values)
            log.append([stamp, SOURCE, activity.id, MOVED_FIELD,
                        activity.phase.value if activity.phase else None,
                        f"{name} rad {first + offset}"])
        patch.append_rows(name, rows, header_row=header)
        last_row = first + len(rows) - 1
        patch.autofilter(name, header, 1, last_row, max(columns.values()))
        patch.freeze(name, header + 1, 1)
        patch.delete_rows(layout.name, [a.row for a, _year in outcome.closed])
    log += _move_history(plan, patch, outcome.year, stamp)
    opening = opening_snapshot(outcome.carried, day=today, year=outcome.year + 1)
    existing = [s for s in plan.history if s.period == opening_label(outcome.year + 1)]
    if opening or existing:
        name, cols, header = tool_sheet(plan, STATUS_HISTORY, patch, complete=True)
        for sheet in {s.sheet or name for s in existing}:
            patch.delete_rows(sheet, [s.row for s in existing if (s.sheet or name) == sheet])
        patch.append_rows(name, [{cols[k]: v for k, v in snapshot_values(s).items()
                                  if v is not None and v != ""} for s in opening],
                          header_row=header)
    if log:
        name, cols, header = tool_sheet(plan, CHANGE_LOG, patch)
        keys = [f.key for f in CHANGE_LOG.fields]  # Period stays empty: no merge
        patch.append_rows(name, [{cols[k]: v for k, v in zip(keys, row, strict=False)
                                  if v is not None} for row in log], header_row=header)
    return patch


def _snapshot_year(snap: Snapshot) -> int | None:
    """The year a snapshot belongs to: its period's, or its opening snapshot's."""
    found = Period.read(snap.period)
    return found.year if found is not None else opening_year(snap.period)


def history_moves(plan: Plan, year: int) -> dict[int, list[Snapshot]]:
    """The snapshots in Statushistorik of `year` and earlier years, by year: `arsskifte`
    moves them to their year's own sheet (`Statushistorik 2026`), so that the sheet every
    merge reads and rewrites holds only the years still open, however many years the plan
    is kept. None when Statushistorik has columns of the staff's own (moved as values, they
    would be lost) or a year's sheet lacks one of the contract's columns."""
    layout = plan.layouts.get(STATUS_HISTORY.key)
    if layout is None or layout.extra_columns:
        return {}
    moves: dict[int, list[Snapshot]] = {}
    for snap in plan.history:
        snap_year = _snapshot_year(snap)
        if not snap.sheet and snap_year is not None and snap_year <= year:
            moves.setdefault(snap_year, []).append(snap)
    keys = [f.key for f in STATUS_HISTORY.fields]
    for snap_year in list(moves):
        target = plan.layouts.get(f"{STATUS_HISTORY.key} {snap_year}")
        if target is not None and (target.extra_columns or
                                   any(k not in target.columns for k in keys)):
            del moves[snap_year]
    return dict(sorted(moves.items()))


def _move_history(plan: Plan, patch, year: int, stamp: dt.datetime) -> list[list[Any]]:
    """Move `history_moves` into their years' sheets (added after the last sheet, with
    Statushistorik's columns, or appended to); returns their Ändringslogg rows."""
    moves = history_moves(plan, year)
    log: list[list[Any]] = []
    for snap_year, snaps in moves.items():
        name = history_sheet_name(snap_year)
        target = plan.layouts.get(f"{STATUS_HISTORY.key} {snap_year}")
        if target is None:
            patch.ensure_sheet(name, [f.header for f in STATUS_HISTORY.fields],
                               widths=[f.width for f in STATUS_HISTORY.fields])
            columns, header = {f.key: i for i, f in enumerate(STATUS_HISTORY.fields, 1)}, 1
        else:
            name, columns, header = target.name, dict(target.columns), target.header_row
        patch.append_rows(name, [{columns[k]: v for k, v in snapshot_values(s).items()
                                  if v is not None and v != ""} for s in snaps],
                          header_row=header)
        if target is None:
            patch.autofilter(name, header, 1, header + len(snaps), len(columns))
            patch.freeze(name, header + 1, 1)
        patch.delete_rows(plan.layouts[STATUS_HISTORY.key].name, [s.row for s in snaps])
        log.append([stamp, SOURCE, None, f"(flyttade till {name})", None,
                    plural(len(snaps), "rad", "rader", grouped=False)])
    return log


def reopen_year(main: Path, *, year: int, now: dt.datetime, progress: Progress = quiet):
    """Take `year` out of Stängda år, so that a late merge into it is possible again (the
    activities already moved to Avslutade stay there); returns the WriteResult.

    Raises DataRejected when the year is not closed.
    """
    from plan_sheets.lossless import Patch, apply_patch

    main = Path(main)
    loaded = read_workbook(main, kind=WorkbookKind.MAIN)
    plan = loaded.plan
    if year not in plan.closed_years:
        raise DataRejected(f"{main}: {year} är inte stängt; det finns inget att öppna.",
                           hint=f"Stängda år: {_years_text(plan.closed_years) or 'inga'}.")
    patch = Patch()
    stamp = now.replace(microsecond=0)
    row = setting_patch(plan, patch, "closed_years",
                        _years_text([y for y in plan.closed_years if y != year]), stamp)
    from plan_sheets.groups.merge import tool_sheet

    name, cols, header = tool_sheet(plan, CHANGE_LOG, patch)
    keys = [f.key for f in CHANGE_LOG.fields]
    patch.append_rows(name, [{cols[k]: v for k, v in zip(keys, row, strict=False)
                              if v is not None}], header_row=header)
    progress(f"Skriver {main.name} …")
    return apply_patch(main, patch, expected_fingerprint=loaded.fingerprint, progress=progress)


def _years_text(years: Sequence[int]) -> str | None:
    return ", ".join(str(y) for y in years) or None


def setting_patch(plan: Plan, patch, key: str, value: Any, stamp: dt.datetime) -> list[Any]:
    """Set a setting's Värde in Inställningar (its row, or the sheet, added if missing);
    returns its Ändringslogg row."""
    setting = next(s for s in SETTING_LIST if s.key == key)
    layout = plan.layouts.get(SETTINGS.key)
    found = plan.settings.get(key)
    before = found.value if found is not None else None
    if layout is not None and found is not None and "value" in layout.columns:
        patch.set_cell(layout.name, found.row, layout.columns["value"], value)
    else:
        if layout is None:
            patch.ensure_sheet(SETTINGS.name, SETTINGS.headers,
                               widths=[f.width for f in SETTINGS.fields])
            name, columns, header = SETTINGS.name, {
                f.key: i for i, f in enumerate(SETTINGS.fields, start=1)}, 1
        else:
            name, columns, header = layout.name, dict(layout.columns), layout.header_row
        values = {"name": setting.name, "value": value, "explanation": setting.explanation}
        patch.append_rows(name, [{columns[k]: v for k, v in values.items()
                                  if k in columns and v is not None}], header_row=header)
    return [stamp, SOURCE, None, f"{SETTINGS.name}: {setting.name}", before, value]


def _closed_sheet(plan: Plan, patch) -> tuple[str, dict[str, int], int]:
    """Avslutade's name, column per field key (staff columns as `staff:<header>`) and header
    row; the sheet (with Aktiviteter's headers and the closing year) added if missing, a
    column Aktiviteter has and it lacks added after its last one."""
    activities = plan.layouts[ACTIVITIES.key]
    wanted: list[tuple[str, str]] = [
        (key, activities.headers.get(col) or contract_of(plan).activities.field(key).header)
        for key, col in sorted(activities.columns.items(), key=lambda kv: kv[1])]
    wanted += [(f"staff:{h}", h) for h in activities.extra_columns]
    wanted.append(("closed_year", CLOSED_YEAR_HEADER))
    existing = plan.layouts.get(CLOSED.key)
    if existing is None:
        patch.ensure_sheet(CLOSED.name, [h for _k, h in wanted],
                           widths=[_width(k) for k, _h in wanted])
        return CLOSED.name, {k: i for i, (k, _h) in enumerate(wanted, start=1)}, 1
    columns = {**existing.columns,
               **{f"staff:{h}": c for h, c in existing.extra_columns.items()}}
    free = max([*existing.columns.values(), *existing.extra_columns.values()]) + 1
    for key, header in wanted:
        if key not in columns:
            patch.header_cell(existing.name, existing.header_row, free, header)
            columns[key] = free
            free += 1
    return existing.name, columns, existing.header_row


def _width(key: str) -> float:
    if key.startswith("staff:"):
        return 14
    return CLOSED.field(key).width


def closed_year_of(activity: Activity) -> int | None:
    """The year an activity in Avslutade closed (its `Avslutad år`)."""
    return parse_year(activity.raw.get("closed_year"))



def _kept(value: Any) -> Any:
    """A cell value as Avslutade keeps it: a formula saved without its result as its text."""
    return str(value) if isinstance(value, FormulaWithoutValue) else value


def render_year_end(outcome: YearEnd) -> str:
    """What the turn of the year did (or would do), in Swedish."""
    year, closed = outcome.year, outcome.closed
    done = sum(1 for a, _y in closed if a.phase is Phase.DONE)
    out = [f"Årsskifte {year} → {year + 1} i {outcome.main.name} (årets sista uppföljning: "
           f"{outcome.period})."]
    moved = plural(len(closed), "aktivitet", "aktiviteter", grouped=False)
    out.append(f"Avslutade: {moved} ({plural(done, 'genomförd', 'genomförda')}, "
               f"{plural(len(closed) - done, 'avbruten', 'avbrutna')}) "
               f"flyttas från {ACTIVITIES.name} till fliken {CLOSED.name}, med året de "
               "avslutades; de räknas inte längre i rapporterna och deras ID används aldrig "
               "igen.")
    carried = plural(len(outcome.carried), "aktivitet", "aktiviteter", grouped=False)
    out.append(f"Förs över till {year + 1}: {carried}, oförändrade.")
    if outcome.overdue:
        ids = ", ".join(a.id for a in outcome.overdue)
        overdue = plural(len(outcome.overdue), "aktivitet", "aktiviteter", grouped=False)
        out.append(f"Att besluta vid styrgruppens första möte {year + 1}: {overdue} vars "
                   f"Slut har passerat ({ids}) – ny tidplan, avsluta eller avbryta. De står "
                   f"under Vid årsskiftet i styrgruppens rapport för den första perioden "
                   f"{year + 1}.")
    else:
        out.append("Ingen aktivitet som förs över har ett Slut som har passerat.")
    if outcome.dry_run:
        out.append(f"Provkörning (--dry-run): ingenting skrevs. Året skulle arkiveras i "
                   f"{outcome.archive}.")
        return "\n".join(out)
    out.append(f"Hela {year} som det ser ut nu finns i {outcome.archive}.")
    out.append(f"{year} är stängt (Stängda år i fliken {SETTINGS.name}): en sammanslagning för "
               f"en period {year} vägras nu. Öppna året igen med plan-sheets arsskifte "
               f"{outcome.main.name} --year {year} --oppna.")
    out.append(f"Statushistorik har fått utgångsläget för {year + 1} "
               f"({opening_label(year + 1)}).")
    for moved_year, rows in outcome.history_moved:
        out.append(f"Statushistoriken för {moved_year} "
                   f"({plural(rows, 'rad', 'rader', grouped=False)}) flyttades till fliken "
                   f"{history_sheet_name(moved_year)}, där rapporterna läser den.")
    if outcome.written is not None and outcome.written.archive_path is not None:
        out.append(f"Den tidigare versionen finns också i {outcome.written.archive_path}")
    return "\n".join(out)
