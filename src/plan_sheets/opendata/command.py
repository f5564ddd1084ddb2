"""`matvarden`: fetch the measurable goals' values from open data into Mätvärden.

Reads the huvuddokument, asks the source for every goal that names an indicator,
decides what changes (`values.decide`), and writes it through the lossless writer,
with an Ändringslogg row for every value written. Nothing is written when the source
cannot be reached or answers something unusable (SourceUnavailable, exit 2), nor
with `dry_run`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from plan_sheets.errors import DataRejected, UsageProblem
from plan_sheets.excel.addresses import sheet_cell
from plan_sheets.opendata import values as decisions
from plan_sheets.opendata.kolada import DEFAULT_URL, TIMEOUT, KoladaSource
from plan_sheets.opendata.source import Source
from plan_sheets.progress import Progress, quiet
from plan_sheets.swedish import number, plural
from plan_sheets.workbook.findings import Finding, Severity
from plan_sheets.workbook.model import Plan, WorkbookKind
from plan_sheets.workbook.schema import GOALS, MEASUREMENTS, SETTINGS

MUNICIPALITY_CODE = re.compile(r"^\d{4}$")
LONGEST_SPAN = 50
"""The most years one fetch asks for."""
DEFAULT_YEARS_BACK = 10

@dataclass(frozen=True)
class MatvardenResult:
    """What `fetch_goal_values` found and did."""

    path: Path
    municipality: str
    years: tuple[int, int]
    source: str
    decision: decisions.Decision
    dry_run: bool
    written: Any = None
    """The lossless writer's WriteResult, or None when nothing was written."""

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self.decision.findings

    def summary(self) -> list[str]:
        """The terminal's account, in Swedish."""
        d = self.decision
        first, last = self.years
        lines = [f"Mätvärden från {self.source} för kommun {self.municipality}, "
                 f"{first}–{last}:" if first != last else
                 f"Mätvärden från {self.source} för kommun {self.municipality}, {first}:"]
        if not d.goals and not d.findings:
            lines.append(f"  Inget mål har någon {GOALS.field('kolada_kpi').header} i fliken "
                         f"{GOALS.name}.")
        for g in d.goals:
            own = g.goal.indicator or "(ingen indikator)"
            gender = f", kön {g.breakdown}" if g.breakdown != "T" else ""
            if g.title is None:
                lines.append(f"  {g.goal.id} {g.indicator}{gender}: okänt i {self.source} "
                             f"— målets indikator: {own}")
                continue
            lines.append(f"  {g.goal.id} {g.indicator}{gender} ”{g.title}” — målets "
                         f"indikator: {own}")
            lines.append(f"      {plural(len(g.values), 'värde', 'värden', grouped=False)}"
                         + (f"; inget värde i {self.source} för {year_span(g.missing)}"
                            if g.missing else ""))
        for change in d.replaced:
            why = "ersatt (--skriv-over)" if change.typed else f"reviderat i {self.source}"
            lines.append(f"  {change.goal} {change.year}: {number(change.before)} → "
                         f"{number(change.after)} ({why})")
        for f in d.findings:
            lines.append(f"  {f.location}: {f.message}")
        verb = "Skulle skriva" if self.dry_run else "Skrev"
        counts = [plural(len(d.new), "nytt värde", "nya värden", grouped=False),
                  plural(len(d.replaced), "ändrat", "ändrade", grouped=False),
                  f"{d.unchanged} oförändrade"]
        if d.differing:
            counts.append(plural(len(d.differing), "inskrivet värde som skiljer sig",
                                 "inskrivna värden som skiljer sig", grouped=False))
        lines.append(f"{verb} {', '.join(counts)}." if d.changed else
                     f"Inget att skriva: {', '.join(counts)}.")
        if self.dry_run and d.changed:
            lines.append("Inget skrevs (--dry-run).")
        if self.written is not None and self.written.archive_path is not None:
            lines.append(f"Den tidigare versionen finns i {self.written.archive_path}")
        return lines


def year_span(years: tuple[int, ...]) -> str:
    """`2016–2018, 2026`: runs of consecutive years joined."""
    runs: list[list[int]] = []
    for y in sorted(years):
        if runs and y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 2 else ", ".join(map(str, r)) for r in runs)


def parse_years(text: str) -> tuple[int, int]:
    """`2016-2026` or `2024` as (first, last); raises UsageProblem."""
    m = re.fullmatch(r"\s*(\d{4})\s*(?:[-–]\s*(\d{4})\s*)?", text)
    if not m:
        raise UsageProblem(f"--ar ”{text}”: skriv ett år (2025) eller ett spann (2016-2026).")
    first, last = int(m[1]), int(m[2] or m[1])
    if last < first:
        raise UsageProblem(f"--ar ”{text}”: det sista året ligger före det första.")
    if last - first >= LONGEST_SPAN:
        raise UsageProblem(f"--ar ”{text}”: högst {LONGEST_SPAN} år åt gången.")
    return first, last


def default_years(plan: Plan, today: dt.date) -> tuple[int, int]:
    """From the earliest Utgångsår of a goal with an indicator (else ten years back) to the
    last complete year."""
    last = today.year - 1
    starts = [g.baseline_year for g in plan.goals if g.kolada_kpi and g.baseline_year]
    first = min(starts) if starts else last - DEFAULT_YEARS_BACK + 1
    return max(first, last - LONGEST_SPAN + 1), last


def municipality_code(given: str | None, plan: Plan) -> str:
    """The municipality's code: `--kommun`, else Inställningar's Kommunkod; raises
    UsageProblem when neither gives one, or it is not four digits."""
    code = (given or "").strip()
    where = "--kommun"
    if not code:
        code, where = plan.municipality, f"{SETTINGS.name}!Kommunkod"
        found, layout = plan.settings.get("municipality"), plan.layouts.get(SETTINGS.key)
        if found is not None and layout is not None and "value" in layout.columns:
            where = sheet_cell(layout.name, found.row, layout.columns["value"])
    if not code:
        raise UsageProblem(
            f"Kommunkoden saknas: skriv den i fliken {SETTINGS.name} (Kommunkod) eller ange "
            "--kommun, t.ex. --kommun 0181 för Södertälje.",
            hint="Koden är kommunens fyrsiffriga kod (SCB:s kommunkod), som Kolada använder.")
    if not MUNICIPALITY_CODE.match(code):
        raise UsageProblem(f"Kommunkoden ”{code}” ({where}) ska vara fyra siffror, t.ex. 0181.")
    return code


def fetch_goal_values(path: Path | str, *, municipality: str | None = None,
                      years: tuple[int, int] | None = None, today: dt.date | None = None,
                      now: dt.datetime | None = None, api_url: str = DEFAULT_URL,
                      timeout: float = TIMEOUT, source: Source | None = None,
                      dry_run: bool = False, overwrite: bool = False,
                      progress: Progress = quiet) -> MatvardenResult:
    """Fetch the values of every goal with a Kolada-KPI into the huvuddokument's Mätvärden.

    The source is Kolada at `api_url` (each request given `timeout` seconds), unless
    `source` gives another (a source reads its own column of `Mål`).

    Raises UsageProblem (no or a wrong municipality code, bad years), DataRejected
    (Mål or Mätvärden has errors: nothing written), SourceUnavailable (Kolada cannot be
    reached or answers something unusable: nothing written), and what reading and the
    lossless writer raise (WorkbookUnreadable, WorkbookLocked, WorkbookChanged, WriteRefused).
    """
    from plan_sheets.files import check_not_open
    from plan_sheets.workbook.reader import read_workbook

    path = Path(path)
    today = today or dt.date.today()
    now = now or dt.datetime.now()
    loaded = read_workbook(path, kind=WorkbookKind.MAIN)
    plan = loaded.plan
    broken = [f for f in loaded.findings if f.severity is Severity.ERROR
              and f.sheet in _sheet_names(plan)]
    if broken:
        lines = "\n".join(f"  {f.location}: {f.message}" for f in broken)
        raise DataRejected(f"{path}: mätvärdena hämtas inte förrän det här är rättat:\n{lines}",
                           hint="Rätta det i Excel och kör igen. Ingenting har skrivits.")
    code = municipality_code(municipality, plan)
    first, last = years or default_years(plan, today)
    if not dry_run:
        check_not_open(path)
    source = source or KoladaSource(api_url, timeout=timeout)
    asked, findings = decisions.wanted(plan, source.goal_field)
    span = list(range(first, last + 1))
    fetched = source.fetch([w.indicator for w in asked], area=code, years=span,
                           progress=progress)
    decision = decisions.decide(plan, asked, fetched, source=source.name,
                                goal_field=source.goal_field, years=span, overwrite=overwrite)
    decision = decisions.Decision(decision.goals, decision.new, decision.replaced,
                                  decision.differing, decision.unchanged,
                                  tuple(findings) + decision.findings)
    written = None
    if decision.changed and not dry_run:
        from plan_sheets.lossless import apply_patch

        patch = decisions.patch_for(plan, decision, source=source.name, fetched_on=today,
                                    now=now)
        written = apply_patch(path, patch, expected_fingerprint=loaded.fingerprint,
                              progress=progress)
    return MatvardenResult(path, code, (first, last), source.name, decision, dry_run, written)


def _sheet_names(plan: Plan) -> set[str]:
    names = {GOALS.name, MEASUREMENTS.name}
    names |= {plan.layouts[k].name for k in (GOALS.key, MEASUREMENTS.key) if k in plan.layouts}
    return names
