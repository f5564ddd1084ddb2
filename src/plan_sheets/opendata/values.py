"""What `matvarden` writes, decided without files: a function of the plan and the answer.

A row of `Mätvärden` whose Källa names the source (`Kolada, hämtad 2026-12-07`) was
written by a fetch; any other row a person typed. For each goal with an
indicator and each year the source has a value for:

- no row for the goal and year: a new row;
- a row with the same value: nothing to do;
- a fetched row still holding what the last fetch wrote (Ändringslogg says what that
  was): the source revised it, so it is updated and logged;
- a typed row, or a fetched row a person has since changed: left as it is, and the
  difference listed (KOLADA_VALUE_DIFFERS), unless `overwrite` replaces it (logged).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from plan_sheets.opendata.source import Fetched
from plan_sheets.swedish import number
from plan_sheets.workbook.findings import Finding, make
from plan_sheets.workbook.model import Goal, Measurement, Plan
from plan_sheets.workbook.schema import CHANGE_LOG, DEFAULT_GENDER, GENDERS, GOALS, MEASUREMENTS

SOURCE = "matvarden"
"""Ändringslogg's Källa for what this command changes."""
INDICATOR_ID = re.compile(r"^[A-Z]\d{5}$")
"""Kolada's KPI ids: a letter and five digits (N00999, U07451)."""


def log_field(year: int) -> str:
    """Ändringslogg's Fält for a goal's value of `year`."""
    return f"Mätvärde {year}"


def source_text(name: str, fetched_on) -> str:
    """Mätvärden's Källa for a fetched value: `Kolada, hämtad 2026-12-07` (read back by
    `Measurement.fetched_from`)."""
    return f"{name}, hämtad {fetched_on.isoformat()}"


def fetched_by(measurement: Measurement, name: str) -> bool:
    """Whether a fetch from source `name` wrote the row (its Källa says so)."""
    return (measurement.fetched_from or "").casefold() == name.casefold()


@dataclass(frozen=True)
class Wanted:
    """A goal whose values the source is asked for."""

    goal: Goal
    indicator: str
    breakdown: str


@dataclass(frozen=True)
class GoalValues:
    """A goal and what the source says about its indicator."""

    goal: Goal
    indicator: str
    breakdown: str
    title: str | None
    """The indicator's title at the source; None when the source does not know it."""
    values: Mapping[int, float]
    missing: tuple[int, ...]
    """Years asked for that the source has no value for (null or not published)."""


@dataclass(frozen=True)
class NewValue:
    goal: str
    year: int
    value: float


@dataclass(frozen=True)
class Replaced:
    """A row whose value changes: revised at the source, or replaced with `overwrite`."""

    goal: str
    year: int
    row: int
    before: float
    after: float
    typed: bool
    """A person's value replaced (`--skriv-over`), not a fetched one revised."""


@dataclass(frozen=True)
class Differing:
    """A person's value that differs from the source's, left as it is."""

    goal: str
    year: int
    row: int
    typed: float
    fetched: float


@dataclass(frozen=True)
class Decision:
    goals: tuple[GoalValues, ...] = ()
    new: tuple[NewValue, ...] = ()
    replaced: tuple[Replaced, ...] = ()
    differing: tuple[Differing, ...] = ()
    unchanged: int = 0
    findings: tuple[Finding, ...] = field(default_factory=tuple)

    @property
    def changed(self) -> bool:
        return bool(self.new or self.replaced)


def wanted(plan: Plan, goal_field: str) -> tuple[list[Wanted], list[Finding]]:
    """The goals with an indicator in column `goal_field`, and findings for those that
    cannot be asked for (an id that is no id, a Kön that is not T, K or M)."""
    layout = plan.layouts.get(GOALS.key)
    out: list[Wanted] = []
    found: list[Finding] = []
    seen: set[str] = set()
    for goal in plan.goals:
        indicator = getattr(goal, goal_field).strip().upper()
        if not indicator or goal.id in seen:
            continue
        seen.add(goal.id)
        breakdown = goal.gender.strip().upper() or DEFAULT_GENDER
        columns = layout.columns if layout is not None else {}
        sheet = layout.name if layout is not None else GOALS.name
        if breakdown not in GENDERS:
            found.append(make("KOLADA_GENDER_INVALID", sheet=sheet, row=goal.row,
                              column=columns.get("gender"), activity_id=goal.id,
                              value=goal.gender, goal=goal.id))
            continue
        if not INDICATOR_ID.match(indicator):
            found.append(unknown(plan, goal, getattr(goal, goal_field), goal_field))
            continue
        out.append(Wanted(goal, indicator, breakdown))
    return out, found


def unknown(plan: Plan, goal: Goal, shown: str, goal_field: str) -> Finding:
    layout = plan.layouts.get(GOALS.key)
    return make("KOLADA_KPI_UNKNOWN", sheet=layout.name if layout else GOALS.name,
                row=goal.row, column=layout.columns.get(goal_field) if layout else None,
                activity_id=goal.id, value=shown, goal=goal.id)


def last_fetched(plan: Plan) -> dict[tuple[str, int], object]:
    """(goal, year) -> the value the last fetch wrote, from Ändringslogg."""
    out: dict[tuple[str, int], object] = {}
    for change in plan.changes:
        if change.source != SOURCE or not change.field_name.startswith("Mätvärde "):
            continue
        year = change.field_name.removeprefix("Mätvärde ")
        if year.isdigit():
            out[change.activity_id, int(year)] = change.after
    return out


def _same(a: object, b: float) -> bool:
    if isinstance(a, bool) or not isinstance(a, (int, float)):
        return False
    return math.isclose(float(a), b, rel_tol=1e-9, abs_tol=1e-9)


def decide(plan: Plan, asked: Sequence[Wanted], fetched: Fetched, *, source: str,
           goal_field: str, years: Sequence[int], overwrite: bool = False) -> Decision:
    """What to write into Mätvärden for the goals `asked`, given the source's answer."""
    values: dict[tuple[str, str, int], float] = {}
    for o in fetched.observations:
        if o.value is not None and o.year in years:
            values[o.indicator, o.breakdown, o.year] = o.value
    rows: dict[tuple[str, int], Measurement] = {}
    for m in plan.measurements:
        rows.setdefault((m.goal, m.year), m)
    logged = last_fetched(plan)
    layout = plan.layouts.get(MEASUREMENTS.key)
    goals: list[GoalValues] = []
    new: list[NewValue] = []
    replaced: list[Replaced] = []
    differing: list[Differing] = []
    findings: list[Finding] = []
    unchanged = 0
    for want in asked:
        title = fetched.titles.get(want.indicator)
        if title is None:
            findings.append(unknown(plan, want.goal, want.indicator, goal_field))
            goals.append(GoalValues(want.goal, want.indicator, want.breakdown, None, {}, ()))
            continue
        found = {y: values[want.indicator, want.breakdown, y] for y in years
                 if (want.indicator, want.breakdown, y) in values}
        goals.append(GoalValues(want.goal, want.indicator, want.breakdown, title, found,
                                tuple(y for y in years if y not in found)))
        gid = want.goal.id
        for year, value in sorted(found.items()):
            row = rows.get((gid, year))
            if row is None:
                new.append(NewValue(gid, year, value))
            elif _same(row.value, value):
                unchanged += 1
            elif fetched_by(row, source) and ((gid, year) not in logged
                                              or _same(logged[gid, year], row.value)):
                replaced.append(Replaced(gid, year, row.row, row.value, value, typed=False))
            elif overwrite:
                replaced.append(Replaced(gid, year, row.row, row.value, value, typed=True))
            else:
                differing.append(Differing(gid, year, row.row, row.value, value))
                findings.append(make(
                    "KOLADA_VALUE_DIFFERS", sheet=layout.name if layout else MEASUREMENTS.name,
                    row=row.row, column=layout.columns.get("value") if layout else None,
                    activity_id=gid, value=number(row.value, _decimals(row.value)), goal=gid,
                    year=str(year), fetched=number(value, _decimals(value))))
    return Decision(tuple(goals), tuple(new), tuple(replaced), tuple(differing), unchanged,
                    tuple(findings))


def _decimals(value: float) -> int:
    """As many decimals as the value has (up to four): `10,15`, not `10,2`."""
    text = f"{value:.4f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0


def patch_for(plan: Plan, decision: Decision, *, source: str, fetched_on, now):
    """The lossless writer's patch: Mätvärden's rows and cells, and Ändringslogg's rows.

    Mätvärden (or its Källa column) is added when the workbook lacks it.
    """
    from plan_sheets.groups.merge import tool_sheet
    from plan_sheets.lossless import Patch

    patch = Patch()
    if not decision.changed:
        return patch
    name, cols, header = tool_sheet(plan, MEASUREMENTS, patch, complete=True)
    where = source_text(source, fetched_on)
    order = {g.id: i for i, g in enumerate(plan.goals)}
    for change in decision.replaced:
        patch.set_cell(name, change.row, cols["value"], _cell(change.after))
        patch.set_cell(name, change.row, cols["source"], where)
    new = sorted(decision.new, key=lambda n: (order.get(n.goal, 0), n.year))
    patch.append_rows(name, [{cols["goal"]: n.goal, cols["year"]: n.year,
                              cols["value"]: _cell(n.value), cols["source"]: where}
                             for n in new], header_row=header)
    log_name, log_cols, log_header = tool_sheet(plan, CHANGE_LOG, patch)
    stamp = now.replace(microsecond=0)
    log = [(n.goal, n.year, None, n.value) for n in new]
    log += [(r.goal, r.year, r.before, r.after) for r in decision.replaced]
    patch.append_rows(log_name, [
        {k: v for k, v in ((log_cols["time"], stamp), (log_cols["source"], SOURCE),
                           (log_cols["id"], goal), (log_cols["field"], log_field(year)),
                           (log_cols["before"], _cell(before)), (log_cols["after"], _cell(after)))
         if v is not None} for goal, year, before, after in log], header_row=log_header)
    return patch


def _cell(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value
