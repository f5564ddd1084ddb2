"""`merge`: bring the focus-area workbooks into the huvuddokument, validate, write.

Reads the files, lets `merge.merge_plans` decide, validates the merged plan,
and — only when there are neither errors nor conflicts — writes the changed
cells, the new activities, `Ändringslogg` rows and the period's
`Statushistorik` snapshot through the lossless writer (which keeps a copy in
`arkiv/` and replaces the file atomically). Nothing is written on a dry run,
and nothing when nothing changed: merging the same files twice changes nothing
the second time.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from plan_sheets import swedish
from plan_sheets.errors import DataRejected, UsageProblem
from plan_sheets.groups.areas import NEW_AREA_FIELD
from plan_sheets.groups.decisions import (
    ActivityColumn,
    Incoming,
    MergeResult,
    merge_plans,
    passed_over,
    resolve_conflicts,
)
from plan_sheets.periods import Form, Period, likely_reported, same_period
from plan_sheets.progress import Progress, quiet
from plan_sheets.rules.validate import check_plan, finding_order
from plan_sheets.workbook.dates import period_bounds
from plan_sheets.workbook.findings import Finding, Severity
from plan_sheets.workbook.model import (
    FormulaWithoutValue,
    Plan,
    SheetLayout,
    Snapshot,
    WorkbookKind,
)
from plan_sheets.workbook.opening import opening_snapshot
from plan_sheets.workbook.reader import Loaded, read_workbook
from plan_sheets.workbook.rowvalues import activity_snapshot, snapshot_values
from plan_sheets.workbook.schema import (
    ACTIVITIES,
    ASSESSMENTS,
    CHANGE_LOG,
    INTERVENTION_AREAS,
    STATUS_HISTORY,
    Contract,
    Sheet,
    contract_of,
)

SNAPSHOT_SOURCE = STATUS_HISTORY.name
"""Ändringslogg's Källa for what a merge's new snapshot replaced (not a returned workbook)."""
NEW_ROW_FIELD = "(ny aktivitet)"
NEW_COLUMN_FIELD = "(ny kolumn)"
UPDATED_FIELD = ACTIVITIES.field("updated").header


@dataclass(frozen=True)
class MergeOutcome:
    """What a merge decided, found and did."""

    main: Path
    files: tuple[Path, ...]
    skipped: tuple[Path, ...]
    """Excel's and LibreOffice's owner files, which are not workbooks."""
    period: str
    result: MergeResult
    errors: tuple[tuple[Finding, str], ...]
    """Errors of the merged plan, each with where its value came from (`file cell`)."""
    warnings: tuple[Finding, ...]
    dry_run: bool
    log_rows: int = 0
    snapshot_rows: int = 0
    opening_rows: int = 0
    """Of the snapshot rows, those of the opening snapshot a first merge writes first."""
    written: Any = None
    """The lossless writer's WriteResult, when something was written."""
    period_note: str = ""
    """Why the period recorded is the one it is, when `--period` was not given."""
    replaced: dt.date | None = None
    """The day the period's earlier snapshot was taken, when this merge replaces it."""

    @property
    def blocked(self) -> bool:
        return bool(self.errors or self.result.has_conflicts)

    @property
    def changed(self) -> bool:
        return bool(self.result.changes or self.result.new or self.result.new_columns or
                    self.result.assessment_changes or self.result.new_areas or
                    self.result.area_changes or self.snapshot_rows)



def is_owner_file(path: Path) -> bool:
    """`~$name.xlsx` (Excel) and `.~lock.name#` (LibreOffice) say who has a file open."""
    return path.name.startswith("~$") or path.name.startswith(".~lock.")


def _errors_with_origin(loaded_main: Loaded, groups: Sequence[Loaded], result: MergeResult,
                        *, today: dt.date) -> tuple[list[tuple[Finding, str]], list[Finding]]:
    errors: list[tuple[Finding, str]] = []
    warnings: list[Finding] = []
    for finding in loaded_main.findings:
        if finding.severity is Severity.ERROR:
            errors.append((finding, f"{loaded_main.path.name} {finding.location}"))
        else:
            warnings.append(finding)
    for group in groups:
        for finding in group.findings:
            if finding.severity is Severity.ERROR:
                errors.append((finding, f"{group.path.name} {finding.location}"))
    for refusal in result.refusals:
        errors.append((refusal, refusal.origin))
    merged_findings = sorted(check_plan(result.merged, kind=WorkbookKind.MAIN, today=today),
                             key=finding_order)
    for finding in merged_findings:
        if finding.severity is Severity.ERROR:
            origin = result.origins.get((finding.row or 0, finding.column or 0))
            errors.append((finding, origin or f"{loaded_main.path.name} {finding.location}"))
        else:
            warnings.append(finding)
    return errors, warnings


def chosen_period(period: Period | str | None, today: dt.date, form: Form) -> tuple[str, str]:
    """The period a merge records (its label), and what to tell the user about the choice.

    A period given is recorded as given. Without one, the period of the huvuddokument's
    form holding `today` — except in the first weeks of a period (`periods.grace_days`),
    when the files most likely report the period just ended: that one is recorded, and
    the note says so and how to choose the other.
    """
    if period is not None:
        return (period.label if isinstance(period, Period) else str(period)), ""
    guess, just_ended = likely_reported(today, form)
    if just_ended:
        current = guess.next()
        return guess.label, (
            f"OBS! {swedish.long_date(today)} ligger i början av {current.label}: "
            f"sammanslagningen registreras för {guess.label}, perioden som just tog slut, "
            f"eftersom filerna troligen rapporterar den. Gäller de {current.label}: kör igen "
            f"med --period {current.label}.")
    return guess.label, (f"Registreras för {guess.label}, perioden som {swedish.long_date(today)}"
                         f" ligger i (en annan period väljs med --period).")


def merge_files(main: Path, files: Sequence[Path], *, period: Period | str | None,
                today: dt.date, now: dt.datetime, dry_run: bool = False,
                prefer: str | None = None, progress: Progress = quiet,
                contract: Contract | None = None) -> MergeOutcome:
    """Merge the focus-area workbooks `files` into the huvuddokument `main`, recording the
    snapshot of `period` (None: `chosen_period`). All are read by `contract` (default: the
    schema's).

    `prefer` settles conflicts: `main` keeps the huvuddokument's value, `group`
    takes the group's; without it a conflict stops the merge. Everything written is
    dated `today` (`now` for Ändringslogg's Tidpunkt and the archive copy's name).

    Raises WorkbookUnreadable for a file that cannot be used, and the lossless
    writer's WorkbookLocked/WorkbookChanged/WriteRefused when writing is not
    safe; data problems are in the outcome (`blocked`), with nothing written.
    """
    main = Path(main)
    wanted = [Path(f) for f in files]
    skipped = tuple(f for f in wanted if is_owner_file(f))
    files = [f for f in wanted if not is_owner_file(f) and f.resolve() != main.resolve()]
    if not files:
        raise UsageProblem("Inga arbetsböcker att föra in.",
                           hint="Ange fokusområdenas arbetsböcker efter huvuddokumentet.")
    loaded_main, groups = _read_all(main, files, progress,
                                    periods=periods_read(period, today), contract=contract)
    period, period_note = chosen_period(period, today, loaded_main.plan.period_form)
    refuse_closed_year(loaded_main.plan, main, period)
    progress("Jämför cell för cell …")
    if ACTIVITIES.key not in loaded_main.plan.layouts:
        result = MergeResult(merged=loaded_main.plan)
    else:
        result = merge_plans(loaded_main.plan,
                             [Incoming(g.path.name, g.plan, g.base) for g in groups])
        if prefer is not None:
            result = resolve_conflicts(loaded_main.plan, result, prefer=prefer)
    errors, warnings = _errors_with_origin(loaded_main, groups, result, today=today)
    del groups  # what they change is in `result`: let writing reuse their memory
    outcome = MergeOutcome(main=main, files=tuple(files), skipped=skipped, period=period,
                           result=result, errors=tuple(errors), warnings=tuple(warnings),
                           dry_run=dry_run, period_note=period_note)
    if outcome.blocked:
        return outcome
    patch, log_rows, snapshot_rows = build_patch(loaded_main.plan, result, period=period,
                                                 today=today, now=now)
    earlier = snapshot_of(loaded_main.plan, period)
    opening = len(opening_of(loaded_main.plan, period=period, today=today)) \
        if snapshot_rows else 0
    outcome = dataclasses.replace(outcome, log_rows=log_rows,
                                  snapshot_rows=snapshot_rows - opening, opening_rows=opening,
                                  replaced=earlier[0].date if earlier and snapshot_rows
                                  else None)
    if dry_run:
        return outcome
    if not patch:
        from plan_sheets.lossless import remove_leftovers

        remove_leftovers(main, progress=progress)
        return outcome
    from plan_sheets.lossless import apply_patch

    progress(f"Skriver {main.name} …")
    written = apply_patch(main, patch, expected_fingerprint=loaded_main.fingerprint,
                          progress=progress, now=now)
    return dataclasses.replace(outcome, written=written)


def periods_read(period: Period | str | None, today: dt.date) -> list[str]:
    """The periods whose Statushistorik rows a merge reads: the one given, or without one
    each period `chosen_period` may pick, whatever the huvuddokument's Periodindelning.

    A merge needs only the snapshot of the period it records (to replace it, or to leave it
    when nothing changed): in a plan kept for years the others are most of the file.
    """
    if period is not None:
        return [period.label if isinstance(period, Period) else str(period)]
    return sorted({likely_reported(today, form)[0].label for form in Form})


def refuse_closed_year(plan: Plan, main: Path, period: str) -> None:
    """Refuse (DataRejected, nothing written) a merge for a period of a year `arsskifte`
    closed: its activities have moved on, and its figures are archived."""
    bounds = period_bounds(period)
    year = bounds[0].year if bounds is not None else None
    if year is None or year not in plan.closed_years:
        return
    raise DataRejected(
        f"{main}: {year} är stängt (plan-sheets arsskifte har körts för {year}, se "
        f"Stängda år i fliken Inställningar), så ingenting förs in för {period}. "
        "Ingenting skrevs.",
        hint=f"Gäller filerna {year + 1}: kör med --period för en period {year + 1}. Ska de "
             f"verkligen in i {year}: öppna året med plan-sheets arsskifte {main.name} "
             f"--year {year} --oppna, för in dem och stäng året igen med plan-sheets "
             f"arsskifte {main.name} --year {year}.")


def _read_all(main: Path, files: Sequence[Path], progress: Progress, *,
              periods: Sequence[str] | None = None, contract: Contract | None = None
              ) -> tuple[Loaded, list[Loaded]]:
    """The huvuddokument (its Statushistorik rows of `periods` only, when given) and the
    groups' workbooks, read side by side.

    Turning rows into plans is Python and holds the GIL, so a big merge reads
    the groups' files in a forked process, which sends back each group with the
    rows that are their base row cut down to ID and row number (`passed_over`).
    Otherwise python-calamine, which parses without the GIL, parses the groups'
    files in a thread while this thread turns the huvuddokument's rows into a
    plan. Failures are raised as if read one after another: the huvuddokument's
    first, then the groups' in the order given.
    """
    from plan_sheets import parallel

    sizes = [parallel.file_size(f) for f in files]
    if parallel.worth_forking(sum(sizes)):
        # This process reads the huvuddokument and then the last few groups, the forked
        # one the others: about half the bytes each.
        there_bytes, here_bytes, mine = sum(sizes), parallel.file_size(main), len(files)
        while mine > 1 and here_bytes + sizes[mine - 1] / 2 <= there_bytes - sizes[mine - 1] / 2:
            mine -= 1
            here_bytes += sizes[mine]
            there_bytes -= sizes[mine]

        def here() -> tuple[Loaded, list[Loaded] | BaseException]:
            progress(f"Läser {main.name} …")
            loaded = read_workbook(main, kind=WorkbookKind.MAIN, periods=periods,
                                   contract=contract)
            try:
                return loaded, _read_groups(files[mine:], contract)
            except Exception as error:  # noqa: BLE001 - raised after the forked one's
                return loaded, error

        (loaded_main, last), first = parallel.run_beside(
            here, lambda: _read_groups(files[:mine], contract))
        for f in files:
            progress(f"Läser {f.name} …")
        if isinstance(last, BaseException):
            raise last
        return loaded_main, _shared_in_full([*first, *last], contract)
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        reading = [pool.submit(read_workbook, f, kind=WorkbookKind.GROUP, contract=contract)
                   for f in files]
        try:
            progress(f"Läser {main.name} …")
            loaded_main = read_workbook(main, kind=WorkbookKind.MAIN, periods=periods,
                                        contract=contract)
            groups = []
            for f, future in zip(files, reading, strict=True):
                progress(f"Läser {f.name} …")
                groups.append(future.result())
        finally:
            for future in reading:
                future.cancel()
    return loaded_main, groups


def _shared_in_full(groups: list[Loaded], contract: Contract | None) -> list[Loaded]:
    """The workbooks that carry an activity another one carries too, read again in full:
    whether the two rows are alike, and how they differ, needs the rows passed over."""
    owner: dict[str, int] = {}
    shared: set[int] = set()
    for index, group in enumerate(groups):
        for activity in group.plan.activities:
            if activity.id and owner.setdefault(activity.id, index) != index:
                shared.update((index, owner[activity.id]))
    return [read_workbook(g.path, kind=WorkbookKind.GROUP, contract=contract) if i in shared
            else g
            for i, g in enumerate(groups)]


def _read_groups(files: Sequence[Path], contract: Contract | None) -> list[Loaded]:
    """The groups' workbooks, each cut down to what a merge needs (to send it cheaply)."""
    groups = []
    for f in files:
        loaded = read_workbook(f, kind=WorkbookKind.GROUP, contract=contract)
        compact = passed_over(Incoming(loaded.path.name, loaded.plan, loaded.base))
        groups.append(dataclasses.replace(loaded, plan=compact.plan, base=compact.base))
    return groups


# --- the change set ---------------------------------------------------------------------------


def tool_sheet(plan: Plan, sheet: Sheet, patch, *,
               complete: bool = False) -> tuple[str, dict[str, int], int | None]:
    """The sheet's name, field key -> column, and header row; added to the patch if missing.

    A field the existing sheet lacks gets a column after its last one;
    `complete` also writes that column's header (an older huvuddokument's
    Statushistorik gains the columns of today's, in place: nothing in it moves).
    """
    layout: SheetLayout | None = plan.layouts.get(sheet.key)
    if layout is not None and all(f.key in layout.columns for f in sheet.fields if f.required):
        columns = {f.key: layout.columns.get(f.key) for f in sheet.fields}
        free = max([*layout.columns.values(), *layout.extra_columns.values()]) + 1
        added: dict[int, float] = {}
        for key, col in columns.items():
            if col is None:
                columns[key] = free
                if complete:
                    patch.header_cell(layout.name, layout.header_row, free,
                                      sheet.field(key).header)
                    added[free] = sheet.field(key).width
                free += 1
        if added:
            patch.column_widths(layout.name, added, widen_only=True)
        return layout.name, columns, layout.header_row
    patch.ensure_sheet(sheet.name, sheet.headers, widths=[f.width for f in sheet.fields])
    return sheet.name, {f.key: i for i, f in enumerate(sheet.fields, start=1)}, 1


def build_patch(main: Plan, result: MergeResult, *, period: str, today: dt.date,
                now: dt.datetime):
    """The lossless writer's patch for a merge: (patch, log rows, snapshot rows)."""
    from plan_sheets.lossless import Patch

    patch = Patch()
    layout = main.layouts[ACTIVITIES.key]
    sheet = layout.name
    width = max([*layout.columns.values(), *layout.extra_columns.values()])
    new_column_numbers: dict[str, int] = {}
    for offset, header in enumerate(result.new_columns, start=1):
        new_column_numbers[header] = width + offset
        patch.header_cell(sheet, layout.header_row, width + offset, header)

    def column_number(column: ActivityColumn) -> int:
        if column.key and column.key in layout.columns:
            return layout.columns[column.key]
        if not column.key and column.header in layout.extra_columns:
            return layout.extra_columns[column.header]
        return new_column_numbers[column.label]

    log: list[list[Any]] = []
    stamp = now.replace(microsecond=0)
    updated = updated_before(main, result, today=today)
    last_change = {change.row: i for i, change in enumerate(result.changes)}
    for i, change in enumerate(result.changes):
        patch.set_cell(sheet, change.row, column_number(change.column), change.after)
        log.append([stamp, change.source, change.activity_id, change.column.label,
                    change.before, change.after])
        if change.row in updated and last_change[change.row] == i:
            patch.set_cell(sheet, change.row, layout.columns["updated"], today)
            log.append([stamp, change.source, change.activity_id, UPDATED_FIELD,
                        updated[change.row], today])
    if result.new:
        rows = []
        for item in result.new:
            values: dict[int, Any] = {}
            for key, value in item.values.items():
                col = layout.columns.get(key) or new_column_numbers.get(
                    contract_of(main).activities.field(key).header)
                if col is not None and value is not None:
                    values[col] = value
            for header, value in item.extra.items():
                col = layout.extra_columns.get(header) or new_column_numbers.get(header)
                if col is not None and value is not None:
                    values[col] = value
            if "updated" in layout.columns:
                values.setdefault(layout.columns["updated"], today)
            rows.append(values)
            log.append([stamp, item.source, item.activity_id, NEW_ROW_FIELD, None,
                        item.values.get("title")])
        patch.append_rows(sheet, rows, header_row=layout.header_row)
    for header in result.new_columns:
        log.append([stamp, result.column_sources.get(header, ""), None, NEW_COLUMN_FIELD, None,
                    header])

    log += _assessment_patch(main, result, patch, stamp)
    log += _area_patch(main, result, patch, stamp)
    by_row = {a.row: a.id for a in main.activities}
    dated = {by_row.get(row) for row in updated} | {
        n.activity_id for n in result.new if n.values.get("updated") is None}
    snapshot_rows, replaced = _snapshot(main, result.merged, patch, period=period, today=today,
                                        dated=dated if "updated" in layout.columns else set())
    log += [[stamp, SNAPSHOT_SOURCE, *row] for row in replaced]
    if log:
        name, cols, _header = tool_sheet(main, CHANGE_LOG, patch, complete=True)
        keys = [f.key for f in CHANGE_LOG.fields]
        patch.append_rows(name, [{cols[k]: _logged(v) for k, v in zip(keys, [*row, period],
                                                                      strict=True)
                                  if v is not None} for row in log], header_row=_header)
    return patch, len(log), snapshot_rows


def _assessment_patch(main: Plan, result: MergeResult, patch, stamp: dt.datetime
                      ) -> list[list[Any]]:
    """Write the groups' Bedömningar changes (a row the huvuddokument lacks is appended, the
    sheet added if missing); returns their Ändringslogg rows."""
    if not result.assessment_changes:
        return []
    name, columns, header = tool_sheet(main, ASSESSMENTS, patch, complete=True)
    new_rows: dict[tuple[str, int], dict[int, Any]] = {}
    log = []
    for change in result.assessment_changes:
        if change.row is None:
            row = new_rows.setdefault((change.period, change.focus_area), {
                columns["period"]: change.period, columns["focus_area"]: change.focus_area})
            if change.after is not None:
                row[columns[change.key]] = change.after
        else:
            patch.set_cell(name, change.row, columns[change.key], change.after)
        log.append([stamp, change.source, change.subject, change.label, change.before,
                    change.after])
    if new_rows:
        patch.append_rows(name, list(new_rows.values()), header_row=header)
    return log


def _area_patch(main: Plan, result: MergeResult, patch, stamp: dt.datetime) -> list[list[Any]]:
    """Write the groups' new and reworded intervention areas (the sheet added if missing);
    returns their Ändringslogg rows (ID: the area's, Fält: `(nytt insatsområde)` or
    `Insatsområden: <header>`)."""
    if not result.new_areas and not result.area_changes:
        return []
    name, columns, header = tool_sheet(main, INTERVENTION_AREAS, patch, complete=True)
    log: list[list[Any]] = []
    for change in result.area_changes:
        patch.set_cell(name, change.row, columns[change.key], change.after)
        log.append([stamp, change.source, change.area_id, change.label, change.before,
                    change.after])
    if result.new_areas:
        rows = []
        for item in result.new_areas:
            area = item.area
            values = {"id": area.id, "focus_area": area.focus_area, "text": area.text or None,
                      "approach": area.approach or None}
            rows.append({columns[k]: v for k, v in values.items() if v is not None})
            log.append([stamp, item.source, area.id, NEW_AREA_FIELD, None, area.text])
        patch.append_rows(name, rows, header_row=header)
    return log


def _logged(value: Any) -> Any:
    """A value as Ändringslogg keeps it: a formula saved without its result as its text."""
    return str(value) if isinstance(value, FormulaWithoutValue) else value


def updated_before(main: Plan, result: MergeResult, *, today: dt.date) -> dict[int, Any]:
    """Row -> its Senast uppdaterad as it is, for each row the merge changes and dates today.

    None when the huvuddokument has no such column; a row whose Senast uppdaterad
    the group set itself, or that already says today, is left as it is.
    """
    if "updated" not in main.layouts[ACTIVITIES.key].columns or not result.changes:
        return {}
    own = {c.row for c in result.changes if c.column.key == "updated"}
    by_row = {a.row: a for a in main.activities}
    before: dict[int, Any] = {}
    for change in result.changes:
        activity = by_row[change.row]
        if change.row not in own and activity.updated != today:
            before[change.row] = activity.raw.get("updated")
    return before


def snapshot_of(plan: Plan, period: str) -> list[Snapshot]:
    """The Statushistorik rows of `period` (`2026-Q2` is also `2026-K2`'s)."""
    labels = {s.period for s in plan.history}  # a few labels, however many rows
    same = {label for label in labels if same_period(label, period)}
    return [s for s in plan.history if s.period in same]


_TRACED = tuple(f for f in STATUS_HISTORY.fields if f.key not in ("date", "period", "id"))


def _snapshot(main: Plan, merged: Plan, patch, *, period: str, today: dt.date,
              dated: set[str | None] = frozenset()) -> tuple[int, list[list[Any]]]:
    """Replace the period's Statushistorik rows with every activity as a report of the
    period needs it (Läge, Status, the texts, Ansvarig, Slut, Beslutad, Senast uppdaterad);
    returns the rows written and the Ändringslogg rows that keep the replaced ones
    traceable (ID, Fält, Före, Efter).

    One snapshot per period, whichever day its merge runs: merging again for the period
    replaces it, and leaves it alone when it would not change. What a replacement changes
    is logged field by field (`Statushistorik 2026-T2: Status`; only the fields the replaced
    snapshot kept on some row), with one row saying
    when the replaced snapshot was taken. `dated`: the activities whose Senast uppdaterad
    this merge sets to `today`.
    """
    def kept(snap: Snapshot) -> tuple:
        values = snapshot_values(snap)
        values.pop("date")
        values.pop("period")
        return tuple(values.values())

    wanted = [activity_snapshot(dataclasses.replace(a, updated=today) if a.id in dated else a,
                                day=today, period=period)
              for a in merged.activities if a.id]
    existing = snapshot_of(main, period)
    # Compared only when it can be the same: a period's first merge has nothing to compare.
    def by_id(values: tuple) -> str:
        return str(values[0])

    if len(existing) == len(wanted) and \
            sorted(map(kept, existing), key=by_id) == sorted(map(kept, wanted), key=by_id):
        return 0, []
    name, cols, header = tool_sheet(main, STATUS_HISTORY, patch, complete=True)
    log: list[list[Any]] = []
    if existing:
        # A closed year's snapshot (a year reopened) is in that year's sheet; the new one
        # goes into Statushistorik, whence the year's next `arsskifte` moves it.
        for sheet in {s.sheet or name for s in existing}:
            patch.delete_rows(sheet, [s.row for s in existing if (s.sheet or name) == sheet])
        label = f"{STATUS_HISTORY.name} {period}"
        log.append([None, f"{label}: ögonblicksbilden ersatt", existing[0].date, today])
        new = {s.activity_id: snapshot_values(s) for s in wanted}
        olds = [snapshot_values(s) for s in existing]
        # Only what the replaced snapshot kept: one from before the columns existed did not
        # say a text was empty (`Snapshot.has_details`), nor Senast uppdaterad.
        detailed = any(snap.has_details for snap in existing)
        dated = any(snap.updated is not None for snap in existing)
        kept_fields = [f for f in _TRACED if f.key in ("phase", "status")
                       or (f.key == "updated" and dated)
                       or (f.key not in ("updated",) and detailed)]
        for snap, before in zip(existing, olds, strict=True):
            after = new.get(snap.activity_id, {})
            for f in kept_fields:
                if before.get(f.key) != after.get(f.key):
                    log.append([snap.activity_id, f"{label}: {f.header}", before.get(f.key),
                                after.get(f.key)])
    rows = [{cols[k]: v for k, v in snapshot_values(snap).items() if v is not None and v != ""}
            for snap in (*opening_of(main, period=period, today=today), *wanted)]
    patch.append_rows(name, rows, header_row=header)
    return len(rows), log


def opening_of(main: Plan, *, period: str, today: dt.date) -> tuple[Snapshot, ...]:
    """The opening snapshot (Utgångsläge) a merge records first, from the huvuddokument as it
    was, when Statushistorik holds nothing yet (a huvuddokument made by `init` and filled in
    by hand, or one older than the tool's history): the period's changes then compare with
    something. Its year is the period's (`2026-T1`: Utgångsläge 2026), else today's."""
    if main.has_history:
        return ()
    bounds = period_bounds(period)
    return opening_snapshot(main.activities, day=today,
                            year=bounds[0].year if bounds else today.year)
